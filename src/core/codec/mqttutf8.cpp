// Copyright (C) 2026 The MqttQt authors.
// SPDX-License-Identifier: BSD-3-Clause
#include "mqttutf8_p.h"

#include <cstring>

namespace MqttCodec {

Utf8Status validateUtf8(const char *data, qsizetype size)
{
    const auto *p = reinterpret_cast<const uchar *>(data);
    const auto *end = p + size;
    while (p < end) {
        // Eight ASCII bytes at a time while none has its high bit set or is zero.
        constexpr quint64 highBits = 0x8080808080808080ull, lowBits = 0x0101010101010101ull;
        while (end - p >= 8) {
            quint64 w;
            std::memcpy(&w, p, 8);
            if ((w & highBits) || ((w - lowBits) & ~w & highBits))
                break;
            p += 8;
        }
        if (p == end)
            break;
        const uchar c = *p;
        if (c < 0x80) { // ASCII fast path
            if (c == 0)
                return Utf8Status::NullChar;
            ++p;
            continue;
        }
        int extra;
        quint32 cp;
        if (c >= 0xC2 && c <= 0xDF) {
            extra = 1;
            cp = c & 0x1F;
        } else if (c >= 0xE0 && c <= 0xEF) {
            extra = 2;
            cp = c & 0x0F;
        } else if (c >= 0xF0 && c <= 0xF4) {
            extra = 3;
            cp = c & 0x07;
        } else {
            return Utf8Status::Invalid; // continuation byte as lead, 0xC0/0xC1, or > 0xF4
        }
        if (end - p <= extra)
            return Utf8Status::Invalid;
        for (int i = 1; i <= extra; ++i) {
            if ((p[i] & 0xC0) != 0x80)
                return Utf8Status::Invalid;
            cp = (cp << 6) | (p[i] & 0x3F);
        }
        if ((extra == 2 && cp < 0x800) || (extra == 3 && (cp < 0x10000 || cp > 0x10FFFF)))
            return Utf8Status::Invalid; // overlong or out of range
        if (cp >= 0xD800 && cp <= 0xDFFF)
            return Utf8Status::Surrogate;
        p += extra + 1;
    }
    return Utf8Status::Valid;
}

namespace {

// Control characters U+0001..U+001F, U+007F..U+009F (U+0000 too), and the BMP
// noncharacters U+FDD0..U+FDEF, U+FFFE, U+FFFF.
inline bool refusedBmp(char16_t c)
{
    return c < 0x20 || (c >= 0x7F && c <= 0x9F) || (c >= 0xFDD0 && (c <= 0xFDEF || c >= 0xFFFE));
}

// A surrogate pair's code point ends in FFFE or FFFF: a noncharacter of planes 1 to 16.
inline bool refusedPair(char16_t high, char16_t low)
{
    return (high & 0x3F) == 0x3F && (low & 0x3FE) == 0x3FE;
}

QString hex(char32_t cp)
{
    return QString::number(uint(cp), 16).toUpper().rightJustified(4, QLatin1Char('0'));
}

} // namespace

qsizetype utf8Length(QStringView s)
{
    qsizetype n = 0;
    const qsizetype size = s.size();
    for (qsizetype i = 0; i < size; ++i) {
        const char16_t c = s[i].unicode();
        if (c == 0)
            return -1;
        if (c < 0x80) {
            n += 1;
        } else if (c < 0x800) {
            n += 2;
        } else if (QChar::isHighSurrogate(c)) {
            if (i + 1 >= size || !QChar::isLowSurrogate(s[i + 1].unicode()))
                return -1;
            ++i;
            n += 4;
        } else if (QChar::isLowSurrogate(c)) {
            return -1;
        } else {
            n += 3;
        }
    }
    return n;
}

qsizetype sendableUtf8Length(QStringView s)
{
    qsizetype n = 0;
    const qsizetype size = s.size();
    for (qsizetype i = 0; i < size; ++i) {
        const char16_t c = s[i].unicode();
        if (c < 0x80) {
            if (c < 0x20 || c == 0x7F)
                return -1;
            n += 1;
        } else if (c < 0x800) {
            if (c <= 0x9F)
                return -1;
            n += 2;
        } else if (QChar::isHighSurrogate(c)) {
            if (i + 1 >= size || !QChar::isLowSurrogate(s[i + 1].unicode()) || refusedPair(c, s[i + 1].unicode()))
                return -1;
            ++i;
            n += 4;
        } else if (QChar::isLowSurrogate(c) || refusedBmp(c)) {
            return -1;
        } else {
            n += 3;
        }
    }
    return n;
}

qsizetype refusedCharacterAt(QStringView s)
{
    const qsizetype size = s.size();
    for (qsizetype i = 0; i < size; ++i) {
        const char16_t c = s[i].unicode();
        if (QChar::isHighSurrogate(c)) {
            if (i + 1 >= size || !QChar::isLowSurrogate(s[i + 1].unicode()) || refusedPair(c, s[i + 1].unicode()))
                return i;
            ++i;
        } else if (QChar::isLowSurrogate(c) || refusedBmp(c)) {
            return i;
        }
    }
    return -1;
}

QString describeCharacterAt(QStringView s, qsizetype index)
{
    const char16_t c = s[index].unicode();
    char32_t cp = c;
    const char *kind;
    if (QChar::isHighSurrogate(c) && index + 1 < s.size() && QChar::isLowSurrogate(s[index + 1].unicode())) {
        cp = QChar::surrogateToUcs4(c, s[index + 1].unicode());
        kind = "a noncharacter";
    } else if (QChar::isSurrogate(c)) {
        kind = "an unpaired UTF-16 surrogate";
    } else if (c == 0) {
        kind = "the null character";
    } else if (c < 0x20 || (c >= 0x7F && c <= 0x9F)) {
        kind = "a control character";
    } else {
        kind = "a noncharacter";
    }
    return QStringLiteral("U+%1 (%2) at position %3").arg(hex(cp), QLatin1String(kind)).arg(index);
}

QString mqttStringProblem(QStringView s, const QString &what)
{
    const qsizetype bad = refusedCharacterAt(s);
    if (bad >= 0)
        return QStringLiteral("%1 contains %2, which MQTT strings may not hold").arg(what, describeCharacterAt(s, bad));
    const qsizetype bytes = utf8Length(s);
    if (bytes > 65535)
        return QStringLiteral("%1 has %2 UTF-8 bytes; MQTT strings hold at most 65,535").arg(what).arg(bytes);
    return {};
}

QString printable(QStringView s)
{
    constexpr qsizetype Shown = 100;
    QString out;
    const qsizetype size = s.size();
    for (qsizetype i = 0; i < size && i < Shown; ++i) {
        const char16_t c = s[i].unicode();
        const bool pair = QChar::isHighSurrogate(c) && i + 1 < size && QChar::isLowSurrogate(s[i + 1].unicode());
        if (pair && !refusedPair(c, s[i + 1].unicode())) {
            out += s[i];
            out += s[++i];
        } else if (pair || QChar::isSurrogate(c) || refusedBmp(c)) {
            const char32_t cp = pair ? QChar::surrogateToUcs4(c, s[++i].unicode()) : char32_t(c);
            out += QStringLiteral("\\u{%1}").arg(hex(cp));
        } else {
            out += s[i];
        }
    }
    if (size > Shown)
        out += QChar(0x2026);
    return out;
}

bool fitsMqttString(QStringView s)
{
    // Three UTF-8 bytes per UTF-16 unit at most.
    return s.size() * 3 <= 65535 || s.toUtf8().size() <= 65535;
}

} // namespace MqttCodec
