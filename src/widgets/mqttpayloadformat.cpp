// Copyright (C) 2026 The MqttQt authors.
// SPDX-License-Identifier: BSD-3-Clause
#include "mqttpayloadformat.h"
#include "mqttjson_p.h"

#include <QtCore/QCoreApplication>

namespace {

QString normalizedContentType(const QString &contentType)
{
    QString type = contentType;
    const qsizetype semicolon = type.indexOf(QLatin1Char(';'));
    if (semicolon >= 0)
        type.truncate(semicolon);
    return type.trimmed().toLower();
}

bool startsWithSvg(const QByteArray &payload)
{
    // An SVG document: optional BOM, XML declaration, comments and doctype, then <svg.
    const QByteArray head = payload.left(4096).toLower();
    qsizetype i = head.startsWith("\xef\xbb\xbf") ? 3 : 0;
    while (i < head.size() && QChar::isSpace(static_cast<uchar>(head.at(i))))
        ++i;
    if (head.mid(i, 4) == "<svg")
        return true;
    if (head.mid(i, 5) != "<?xml" && head.mid(i, 4) != "<!--" && head.mid(i, 9) != "<!doctype")
        return false;
    const qsizetype svg = head.indexOf("<svg", i);
    return svg >= 0;
}

} // namespace

QByteArray MqttPayloadFormat::imageFormat(const QByteArray &payload)
{
    if (payload.startsWith("\x89PNG\r\n\x1a\n"))
        return QByteArrayLiteral("png");
    if (payload.size() >= 3 && static_cast<uchar>(payload.at(0)) == 0xFF
        && static_cast<uchar>(payload.at(1)) == 0xD8 && static_cast<uchar>(payload.at(2)) == 0xFF)
        return QByteArrayLiteral("jpeg");
    if (payload.startsWith("GIF87a") || payload.startsWith("GIF89a"))
        return QByteArrayLiteral("gif");
    if (startsWithSvg(payload))
        return QByteArrayLiteral("svg");
    return QByteArray();
}

bool MqttPayloadFormat::isText(const QByteArray &payload)
{
    if (!MqttJson::isValidUtf8(payload))
        return false;
    qsizetype controls = 0;
    for (const char c : payload) {
        const auto u = static_cast<uchar>(c);
        if (u == 0)
            return false;
        if ((u < 0x20 && u != '\t' && u != '\n' && u != '\r' && u != '\f' && u != 0x1B) || u == 0x7F)
            ++controls;
    }
    return controls * 100 <= payload.size();
}

bool MqttPayloadFormat::isJson(const QByteArray &payload, QString *errorString)
{
    class NullSink final : public MqttJson::Sink
    {
    public:
        bool beginObject() override { return true; }
        bool endObject() override { return true; }
        bool beginArray() override { return true; }
        bool endArray() override { return true; }
        bool key(QByteArrayView) override { return true; }
        bool scalar(MqttJson::Type, QByteArrayView) override { return true; }
    } sink;
    MqttJson::Parser parser(payload);
    if (parser.parse(sink))
        return true;
    if (errorString)
        *errorString = QCoreApplication::translate("MqttJson", "%1 at byte %2")
                               .arg(parser.errorString())
                               .arg(parser.errorOffset());
    return false;
}

MqttPayloadFormat::Kind MqttPayloadFormat::detect(const QByteArray &payload, const QString &contentType)
{
    if (payload.isEmpty())
        return Empty;
    const QString type = normalizedContentType(contentType);
    if (!type.isEmpty()) {
        if (type == u"application/json" || type == u"text/json" || type.endsWith(u"+json"))
            return isJson(payload) ? Json : (isText(payload) ? Text : Binary);
        if (type.startsWith(u"image/")) {
            const QByteArray format = imageFormat(payload);
            if (!format.isEmpty())
                return Image;
            return isText(payload) ? Text : Binary;
        }
        if (type.startsWith(u"text/") || type == u"application/xml" || type.endsWith(u"+xml")
            || type == u"application/javascript")
            return isText(payload) ? Text : Binary;
        if (type == u"application/octet-stream")
            return Binary;
    }
    if (!imageFormat(payload).isEmpty())
        return Image;
    qsizetype i = payload.startsWith("\xef\xbb\xbf") ? 3 : 0;
    while (i < payload.size() && QChar::isSpace(static_cast<uchar>(payload.at(i))))
        ++i;
    if (i < payload.size() && (payload.at(i) == '{' || payload.at(i) == '[') && isJson(payload))
        return Json;
    return isText(payload) ? Text : Binary;
}

MqttPayloadFormat::Kind MqttPayloadFormat::detect(const QByteArray &payload, const MqttProperties &properties)
{
    const QString contentType = properties.string(Mqtt::PropertyId::ContentType).value_or(QString());
    const Kind kind = detect(payload, contentType);
    // Payload Format Indicator 1 promises UTF-8 [MQTT-3.3.2.3.2]; it never turns binary
    // into text, but it keeps a UTF-8 payload with many control characters as text.
    if (kind == Binary && properties.integer(Mqtt::PropertyId::PayloadFormatIndicator).value_or(0) == 1
        && MqttJson::isValidUtf8(payload) && !payload.contains('\0'))
        return Text;
    return kind;
}

QString MqttPayloadFormat::prettyJson(const QByteArray &json, QString *errorString, qsizetype maxChars,
                                      bool *truncated)
{
    return MqttJson::prettyPrint(json, 2, maxChars, truncated, errorString);
}

QString MqttPayloadFormat::hexDump(const QByteArray &data, qsizetype maxBytes)
{
    const qsizetype count = maxBytes < 0 ? data.size() : qMin(maxBytes, data.size());
    static const char digits[] = "0123456789abcdef";
    QString out;
    out.reserve((count / 16 + 1) * 79);
    for (qsizetype line = 0; line < count; line += 16) {
        char buffer[80];
        int p = 0;
        for (int shift = 28; shift >= 0; shift -= 4)
            buffer[p++] = digits[(line >> shift) & 0xF];
        buffer[p++] = ' ';
        buffer[p++] = ' ';
        for (int k = 0; k < 16; ++k) {
            if (k == 8)
                buffer[p++] = ' ';
            if (line + k < count) {
                const auto b = static_cast<uchar>(data.at(line + k));
                buffer[p++] = digits[b >> 4];
                buffer[p++] = digits[b & 0xF];
            } else {
                buffer[p++] = ' ';
                buffer[p++] = ' ';
            }
            buffer[p++] = ' ';
        }
        buffer[p++] = ' ';
        buffer[p++] = '|';
        for (int k = 0; k < 16 && line + k < count; ++k) {
            const auto b = static_cast<uchar>(data.at(line + k));
            buffer[p++] = (b >= 0x20 && b < 0x7F) ? static_cast<char>(b) : '.';
        }
        buffer[p++] = '|';
        buffer[p++] = '\n';
        out += QLatin1String(buffer, p);
    }
    return out;
}

QString MqttPayloadFormat::kindName(Kind kind)
{
    switch (kind) {
    case Empty:
        return QCoreApplication::translate("MqttPayloadFormat", "Empty");
    case Text:
        return QCoreApplication::translate("MqttPayloadFormat", "Text");
    case Json:
        return QCoreApplication::translate("MqttPayloadFormat", "JSON");
    case Binary:
        return QCoreApplication::translate("MqttPayloadFormat", "Binary");
    case Image:
        return QCoreApplication::translate("MqttPayloadFormat", "Image");
    }
    return QString();
}
