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

bool fitsMqttString(QStringView s)
{
    // Three UTF-8 bytes per UTF-16 unit at most.
    return s.size() * 3 <= 65535 || s.toUtf8().size() <= 65535;
}

} // namespace MqttCodec
