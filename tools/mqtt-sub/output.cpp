// Copyright (C) 2026 The MqttQt authors.
// SPDX-License-Identifier: BSD-3-Clause
#include "output.h"

#include <QtCore/QDateTime>
#include <QtCore/QJsonArray>
#include <QtCore/QJsonDocument>
#include <QtCore/QJsonObject>

#include <ctime>

namespace {

constexpr char FormatSpecifiers[] = "%tpqrmlxXjIUACDEFPRS";
constexpr char FormatEscapes[] = "\\0aenrtv";

// A JSON value for bytes: the text if they are UTF-8, else base64 under "<key>_base64".
void putBytes(QJsonObject *object, const QString &key, const QByteArray &bytes)
{
    if (bytes.isValidUtf8())
        object->insert(key, QString::fromUtf8(bytes));
    else
        object->insert(key + QStringLiteral("_base64"), QString::fromLatin1(bytes.toBase64()));
}

QJsonObject propertiesJson(const MqttProperties &props)
{
    QJsonObject out;
    const QVariantMap map = props.toVariantMap();
    for (auto it = map.cbegin(); it != map.cend(); ++it) {
        const QVariant &v = it.value();
        if (it.key() == QLatin1String("userProperties")) {
            QJsonArray pairs;
            for (const auto &pair : props.userProperties())
                pairs.append(QJsonArray{ pair.first, pair.second });
            out.insert(it.key(), pairs);
        } else if (it.key() == QLatin1String("subscriptionIdentifiers")) {
            QJsonArray ids;
            for (quint32 id : props.subscriptionIdentifiers())
                ids.append(qint64(id));
            out.insert(it.key(), ids);
        } else if (v.metaType() == QMetaType::fromType<QByteArray>()) {
            putBytes(&out, it.key(), v.toByteArray());
        } else if (v.metaType() == QMetaType::fromType<QString>()) {
            out.insert(it.key(), v.toString());
        } else {
            out.insert(it.key(), v.toLongLong());
        }
    }
    return out;
}

QByteArray integer(std::optional<quint32> value)
{
    return value ? QByteArray::number(*value) : QByteArray();
}

} // namespace

QString MessageOutput::checkFormat(const QString &format)
{
    for (qsizetype i = 0; i < format.size(); ++i) {
        const QChar c = format.at(i);
        if (c != QLatin1Char('%') && c != QLatin1Char('\\'))
            continue;
        if (i + 1 >= format.size())
            return QStringLiteral("-F: the format ends in a lone %1").arg(c);
        const QChar next = format.at(++i);
        const char *allowed = c == QLatin1Char('%') ? FormatSpecifiers : FormatEscapes;
        if (next.unicode() > 127 || !std::strchr(allowed, char(next.unicode())))
            return QStringLiteral("-F: unknown %1%2 (see --help)").arg(c).arg(next);
    }
    return {};
}

MessageOutput::MessageOutput(Style style, const QString &format, bool newline)
    : m_style(style), m_format(format), m_newline(newline)
{
}

QByteArray MessageOutput::json(const MqttMessage &m)
{
    QJsonObject o;
    o.insert(QStringLiteral("tst"), QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs));
    o.insert(QStringLiteral("topic"), m.topic());
    o.insert(QStringLiteral("qos"), int(m.qos()));
    o.insert(QStringLiteral("retain"), m.retain());
    o.insert(QStringLiteral("mid"), m.mid());
    o.insert(QStringLiteral("payloadlen"), qint64(m.payload().size()));
    putBytes(&o, QStringLiteral("payload"), m.payload());
    if (!m.properties().isEmpty())
        o.insert(QStringLiteral("properties"), propertiesJson(m.properties()));
    return QJsonDocument(o).toJson(QJsonDocument::Compact);
}

QByteArray MessageOutput::render(const MqttMessage &m) const
{
    QByteArray out;
    switch (m_style) {
    case Style::Payload:
        out = m.payload();
        break;
    case Style::Verbose:
        out = m.topicUtf8() + ' ' + m.payload();
        break;
    case Style::Format:
        out = renderFormat(m);
        break;
    case Style::Json:
        return json(m) + '\n'; // JSON lines: always one per line
    }
    if (m_newline)
        out += '\n';
    return out;
}

QByteArray MessageOutput::renderFormat(const MqttMessage &m) const
{
    const MqttProperties props = m.properties();
    QByteArray out;
    for (qsizetype i = 0; i < m_format.size(); ++i) {
        const QChar c = m_format.at(i);
        if ((c != QLatin1Char('%') && c != QLatin1Char('\\')) || i + 1 >= m_format.size()) {
            out += QString(c).toUtf8();
            continue;
        }
        const char k = char(m_format.at(++i).unicode());
        if (c == QLatin1Char('\\')) {
            switch (k) {
            case '\\': out += '\\'; break;
            case '0': out += '\0'; break;
            case 'a': out += '\a'; break;
            case 'e': out += '\033'; break;
            case 'n': out += '\n'; break;
            case 'r': out += '\r'; break;
            case 't': out += '\t'; break;
            case 'v': out += '\v'; break;
            default: break; // refused by checkFormat()
            }
            continue;
        }
        switch (k) {
        case '%': out += '%'; break;
        case 't': out += m.topicUtf8(); break;
        case 'p': out += m.payload(); break;
        case 'q': out += QByteArray::number(int(m.qos())); break;
        case 'r': out += m.retain() ? '1' : '0'; break;
        case 'm': out += QByteArray::number(m.mid()); break;
        case 'l': out += QByteArray::number(m.payload().size()); break;
        case 'x': out += m.payload().toHex(); break;
        case 'X': out += m.payload().toHex().toUpper(); break;
        case 'j': out += json(m); break;
        case 'I': out += QDateTime::currentDateTime().toOffsetFromUtc(QDateTime::currentDateTime().offsetFromUtc())
                                 .toString(Qt::ISODate)
                                 .toUtf8();
            break;
        case 'U': {
            timespec ts{};
            clock_gettime(CLOCK_REALTIME, &ts);
            out += QByteArray::number(qint64(ts.tv_sec)) + '.'
                    + QByteArray::number(qint64(ts.tv_nsec)).rightJustified(9, '0');
            break;
        }
        case 'A': out += integer(props.integer(Mqtt::PropertyId::TopicAlias)); break;
        case 'C': out += props.string(Mqtt::PropertyId::ContentType).value_or(QString()).toUtf8(); break;
        case 'D': out += props.binary(Mqtt::PropertyId::CorrelationData).value_or(QByteArray()); break;
        case 'E': out += integer(props.integer(Mqtt::PropertyId::MessageExpiryInterval)); break;
        case 'F': out += integer(props.integer(Mqtt::PropertyId::PayloadFormatIndicator)); break;
        case 'R': out += props.string(Mqtt::PropertyId::ResponseTopic).value_or(QString()).toUtf8(); break;
        case 'P': {
            QByteArrayList pairs;
            for (const auto &pair : props.userProperties())
                pairs.append(pair.first.toUtf8() + ':' + pair.second.toUtf8());
            out += pairs.join(' ');
            break;
        }
        case 'S': {
            QByteArrayList ids;
            for (quint32 id : props.subscriptionIdentifiers())
                ids.append(QByteArray::number(id));
            out += ids.join(',');
            break;
        }
        default: break; // refused by checkFormat()
        }
    }
    return out;
}
