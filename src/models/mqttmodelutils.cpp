// Copyright (C) 2026 The MqttQt authors.
// SPDX-License-Identifier: BSD-3-Clause
#include "mqttmodelutils_p.h"

#include <QtCore/QDateTime>
#include <QtCore/QMetaEnum>
#include <QtCore/QStringDecoder>
#include <QtCore/QVariantList>

namespace MqttModels {

namespace {

bool isControl(char16_t c)
{
    return (c < 0x20 && c != u'\t' && c != u'\n' && c != u'\r') || c == 0x7f;
}

} // namespace

QString payloadPreview(const QByteArray &payload, int maxChars)
{
    if (payload.isEmpty())
        return QString();
    maxChars = std::max(maxChars, 1);
    constexpr QChar Ellipsis(0x2026);

    // A UTF-8 character has at most 4 bytes: this prefix holds more than maxChars
    // characters whenever the payload does. A stateful decoder keeps a sequence cut by
    // the prefix pending instead of reporting it; the whole payload is decoded
    // statelessly, so a sequence cut by its end is an error.
    const qsizetype probe = std::min<qsizetype>(payload.size(), qsizetype(maxChars) * 4 + 4);
    const bool whole = probe == payload.size();
    QStringDecoder decoder(QStringDecoder::Utf8,
                           whole ? QStringDecoder::Flag::Stateless | QStringDecoder::Flag::ConvertInitialBom
                                 : QStringDecoder::Flag::ConvertInitialBom);
    QString text = decoder.decode(QByteArrayView(payload.constData(), probe));
    bool binary = decoder.hasError();
    for (qsizetype i = 0; !binary && i < text.size(); ++i)
        binary = isControl(text.at(i).unicode());

    if (!binary) {
        const bool cut = !whole || text.size() > maxChars;
        if (text.size() > maxChars) {
            qsizetype n = maxChars;
            if (text.at(n - 1).isHighSurrogate())
                --n;
            text.truncate(n);
        }
        for (QChar &c : text) {
            if (c == u'\t' || c == u'\n' || c == u'\r')
                c = u' ';
        }
        if (cut)
            text += Ellipsis;
        return text;
    }

    // Binary: "hex: 00 1f a0", three characters per byte after the prefix.
    const qsizetype bytes = std::min<qsizetype>(payload.size(), std::max(maxChars / 3, 1));
    QString hex = QStringLiteral("hex:");
    hex.reserve(4 + bytes * 3 + 1);
    for (qsizetype i = 0; i < bytes; ++i) {
        const auto b = quint8(payload.at(i));
        hex += u' ';
        hex += QChar::fromLatin1("0123456789abcdef"[b >> 4]);
        hex += QChar::fromLatin1("0123456789abcdef"[b & 0xf]);
    }
    if (bytes < payload.size())
        hex += Ellipsis;
    return hex;
}

QString topicFromUtf8(const QByteArray &utf8)
{
    QStringDecoder decoder(QStringDecoder::Utf8,
                           QStringDecoder::Flag::Stateless | QStringDecoder::Flag::ConvertInitialBom);
    return decoder.decode(utf8);
}

QString formatTimestamp(qint64 msecsSinceEpoch)
{
    return QDateTime::fromMSecsSinceEpoch(msecsSinceEpoch).toString(QStringLiteral("yyyy-MM-dd HH:mm:ss.zzz"));
}

} // namespace MqttModels
