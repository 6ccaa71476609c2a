// Copyright (C) 2026 The MqttQt authors.
// SPDX-License-Identifier: BSD-3-Clause
#ifndef CODEC_COMPARE_H
#define CODEC_COMPARE_H

// Field-by-field comparison of decoded packets, shared by tst_codec and the fuzzer.
// packetDifference() names every field that differs, so a failure says what broke.

#include "codec/mqttcodec_p.h"

#include <QtCore/QList>
#include <QtCore/QString>
#include <QtCore/QStringList>

#include <optional>

namespace CodecCompare {

using namespace MqttCodec;

inline QString text(const QString &s)
{
    return QLatin1Char('"') + s + QLatin1Char('"');
}
inline QString text(const QByteArray &b)
{
    return QString::fromLatin1(b.toHex(' '));
}
inline QString text(bool b)
{
    return b ? QStringLiteral("true") : QStringLiteral("false");
}
inline QString text(quint16 n)
{
    return QString::number(n);
}
inline QString text(Mqtt::QoS q)
{
    return QString::number(int(q));
}
inline QString text(Mqtt::ReasonCode rc)
{
    return QStringLiteral("0x%1").arg(int(rc), 2, 16, QLatin1Char('0'));
}
inline QString text(Mqtt::ProtocolVersion v)
{
    return QString::number(int(v));
}
inline QString text(Mqtt::RetainHandling rh)
{
    return QString::number(int(rh));
}

inline QString text(const Subscription &s)
{
    return QStringLiteral("%1 qos=%2 nl=%3 rap=%4 rh=%5")
            .arg(text(s.filter), text(s.qos), text(s.noLocal), text(s.retainAsPublished),
                 text(s.retainHandling));
}

// Every entry in wire order, with its value, e.g. "0x26=(k,v)".
inline QString text(const MqttProperties &props)
{
    QStringList parts;
    const auto users = props.userProperties();
    const auto subIds = props.subscriptionIdentifiers();
    qsizetype nextUser = 0, nextSubId = 0;
    for (const auto id : props.ids()) {
        QString value;
        if (id == Mqtt::PropertyId::UserProperty) {
            const auto &kv = users.value(nextUser++);
            value = QLatin1Char('(') + kv.first + QLatin1Char(',') + kv.second + QLatin1Char(')');
        } else if (id == Mqtt::PropertyId::SubscriptionIdentifier) {
            value = QString::number(subIds.value(nextSubId++));
        } else if (const auto n = props.integer(id)) {
            value = QString::number(*n);
        } else if (const auto s = props.string(id)) {
            value = text(*s);
        } else if (const auto b = props.binary(id)) {
            value = QLatin1Char('[') + text(*b) + QLatin1Char(']');
        }
        parts.append(QStringLiteral("0x%1=").arg(int(id), 2, 16, QLatin1Char('0')) + value);
    }
    return QLatin1Char('{') + parts.join(QStringLiteral(", ")) + QLatin1Char('}');
}

template<typename T>
QString text(const QList<T> &list)
{
    QStringList parts;
    for (const auto &x : list)
        parts.append(text(x));
    return QLatin1Char('[') + parts.join(QStringLiteral(", ")) + QLatin1Char(']');
}

template<typename T>
QString text(const std::optional<T> &o)
{
    return o ? text(*o) : QStringLiteral("(none)");
}

class Differences
{
public:
    template<typename T>
    void field(const char *name, const T &expected, const T &actual)
    {
        if (!(expected == actual)) {
            m_lines.append(QLatin1String(name) + QStringLiteral(": expected ") + text(expected)
                           + QStringLiteral(", got ") + text(actual));
        }
    }
    QString result() const { return m_lines.join(QStringLiteral("; ")); }

private:
    QStringList m_lines;
};

inline void compare(Differences &d, const ConnectPacket &a, const ConnectPacket &b)
{
    d.field("version", a.version, b.version);
    d.field("cleanStart", a.cleanStart, b.cleanStart);
    d.field("keepAlive", a.keepAlive, b.keepAlive);
    d.field("clientId", a.clientId, b.clientId);
    d.field("username", a.username, b.username);
    d.field("password", a.password, b.password);
    d.field("will present", a.will.has_value(), b.will.has_value());
    if (a.will && b.will) {
        d.field("will.topic", a.will->topic, b.will->topic);
        d.field("will.payload", a.will->payload, b.will->payload);
        d.field("will.qos", a.will->qos, b.will->qos);
        d.field("will.retain", a.will->retain, b.will->retain);
        d.field("will.properties", a.will->properties, b.will->properties);
    }
    d.field("properties", a.properties, b.properties);
}
inline void compare(Differences &d, const ConnackPacket &a, const ConnackPacket &b)
{
    d.field("sessionPresent", a.sessionPresent, b.sessionPresent);
    d.field("reasonCode", a.reasonCode, b.reasonCode);
    d.field("properties", a.properties, b.properties);
}
inline void compare(Differences &d, const PublishPacket &a, const PublishPacket &b)
{
    d.field("topic", a.topic, b.topic);
    d.field("payload", a.payload, b.payload);
    d.field("qos", a.qos, b.qos);
    d.field("retain", a.retain, b.retain);
    d.field("dup", a.dup, b.dup);
    d.field("packetId", a.packetId, b.packetId);
    d.field("properties", a.properties, b.properties);
}
template<PacketType T>
void compare(Differences &d, const AckPacket<T> &a, const AckPacket<T> &b)
{
    d.field("packetId", a.packetId, b.packetId);
    d.field("reasonCode", a.reasonCode, b.reasonCode);
    d.field("properties", a.properties, b.properties);
}
inline void compare(Differences &d, const SubscribePacket &a, const SubscribePacket &b)
{
    d.field("packetId", a.packetId, b.packetId);
    d.field("subscriptions", a.subscriptions, b.subscriptions);
    d.field("properties", a.properties, b.properties);
}
inline void compare(Differences &d, const SubackPacket &a, const SubackPacket &b)
{
    d.field("packetId", a.packetId, b.packetId);
    d.field("reasonCodes", a.reasonCodes, b.reasonCodes);
    d.field("properties", a.properties, b.properties);
}
inline void compare(Differences &d, const UnsubscribePacket &a, const UnsubscribePacket &b)
{
    d.field("packetId", a.packetId, b.packetId);
    d.field("filters", a.filters, b.filters);
    d.field("properties", a.properties, b.properties);
}
inline void compare(Differences &d, const UnsubackPacket &a, const UnsubackPacket &b)
{
    d.field("packetId", a.packetId, b.packetId);
    d.field("reasonCodes", a.reasonCodes, b.reasonCodes);
    d.field("properties", a.properties, b.properties);
}
inline void compare(Differences &, const PingreqPacket &, const PingreqPacket &) { }
inline void compare(Differences &, const PingrespPacket &, const PingrespPacket &) { }
inline void compare(Differences &d, const DisconnectPacket &a, const DisconnectPacket &b)
{
    d.field("reasonCode", a.reasonCode, b.reasonCode);
    d.field("properties", a.properties, b.properties);
}
inline void compare(Differences &d, const AuthPacket &a, const AuthPacket &b)
{
    d.field("reasonCode", a.reasonCode, b.reasonCode);
    d.field("properties", a.properties, b.properties);
}

// Empty if the packets are equal in every field; otherwise what differs.
inline QString packetDifference(const Packet &expected, const Packet &actual)
{
    if (expected.index() != actual.index()) {
        return QStringLiteral("packet type: expected %1, got %2")
                .arg(QLatin1String(packetTypeName(packetType(expected))),
                     QLatin1String(packetTypeName(packetType(actual))));
    }
    Differences d;
    std::visit(
            [&](const auto &e) {
                using T = std::decay_t<decltype(e)>;
                compare(d, e, std::get<T>(actual));
            },
            expected);
    const QString r = d.result();
    return r.isEmpty() ? r : QLatin1String(packetTypeName(packetType(expected))) + QStringLiteral(" ") + r;
}

} // namespace CodecCompare

#endif // CODEC_COMPARE_H
