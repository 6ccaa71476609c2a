// Copyright (C) 2026 The MqttQt authors.
// SPDX-License-Identifier: BSD-3-Clause
#include "mqttmessage.h"
#include "mqttmessage_p.h"

#include <QtCore/QDebug>
#include <QtCore/QStringDecoder>

#include <utility>

MqttMessage MqttMessagePrivate::create(MqttCodec::PublishPacket &&packet)
{
    MqttMessage m;
    m.d = new MqttMessagePrivate;
    m.d->packet = std::move(packet);
    return m;
}

QByteArray MqttMessagePrivate::takeUnsharedPayload(MqttMessage &message)
{
    // constData(): the check must not detach a shared message (that would copy it).
    if (!message.d || message.d.constData()->ref.loadRelaxed() != 1)
        return QByteArray();
    return std::exchange(message.d->packet.payload, QByteArray());
}

MqttMessage::MqttMessage() = default;
MqttMessage::MqttMessage(const QString &topic, const QByteArray &payload, Mqtt::QoS qos, bool retain,
                         const MqttProperties &properties)
    : d(new MqttMessagePrivate)
{
    d->packet.topic = topic.toUtf8();
    d->packet.payload = payload;
    d->packet.qos = qos;
    d->packet.retain = retain;
    d->packet.properties = properties;
}
MqttMessage::MqttMessage(const MqttMessage &other) = default;
MqttMessage::MqttMessage(MqttMessage &&other) noexcept = default;
MqttMessage &MqttMessage::operator=(const MqttMessage &other) = default;
MqttMessage &MqttMessage::operator=(MqttMessage &&other) noexcept = default;
MqttMessage::~MqttMessage() = default;

QString MqttMessage::topic() const
{
    if (!d)
        return QString();
    // Not QString::fromUtf8(): it drops a leading U+FEFF, which is part of the topic
    // [MQTT-1.5.4-3].
    QStringDecoder decoder(QStringDecoder::Utf8, QStringDecoder::Flag::Stateless | QStringDecoder::Flag::ConvertInitialBom);
    return decoder.decode(d->packet.topic);
}

void MqttMessage::setTopic(const QString &topic)
{
    if (!d)
        d = new MqttMessagePrivate;
    d->packet.topic = topic.toUtf8();
}

QByteArray MqttMessage::topicUtf8() const
{
    return d ? d->packet.topic : QByteArray();
}

QByteArray MqttMessage::payload() const
{
    return d ? d->packet.payload : QByteArray();
}

void MqttMessage::setPayload(const QByteArray &payload)
{
    if (!d)
        d = new MqttMessagePrivate;
    d->packet.payload = payload;
}

Mqtt::QoS MqttMessage::qos() const
{
    return d ? d->packet.qos : Mqtt::QoS::AtMostOnce;
}

void MqttMessage::setQos(Mqtt::QoS qos)
{
    if (!d)
        d = new MqttMessagePrivate;
    d->packet.qos = qos;
}

bool MqttMessage::retain() const
{
    return d && d->packet.retain;
}

void MqttMessage::setRetain(bool retain)
{
    if (!d)
        d = new MqttMessagePrivate;
    d->packet.retain = retain;
}

bool MqttMessage::dup() const
{
    return d && d->packet.dup;
}

void MqttMessage::setDup(bool dup)
{
    if (!d)
        d = new MqttMessagePrivate;
    d->packet.dup = dup;
}

int MqttMessage::mid() const
{
    return d ? d->packet.packetId : 0;
}

void MqttMessage::setMid(int mid)
{
    if (!d)
        d = new MqttMessagePrivate;
    d->packet.packetId = quint16(mid);
}

MqttProperties MqttMessage::properties() const
{
    return d ? d->packet.properties : MqttProperties();
}

void MqttMessage::setProperties(const MqttProperties &properties)
{
    if (!d)
        d = new MqttMessagePrivate;
    d->packet.properties = properties;
}

bool operator==(const MqttMessage &a, const MqttMessage &b)
{
    if (a.d == b.d)
        return true;
    return a.topicUtf8() == b.topicUtf8() && a.payload() == b.payload() && a.qos() == b.qos()
            && a.retain() == b.retain() && a.dup() == b.dup() && a.mid() == b.mid()
            && a.properties() == b.properties();
}

QDebug operator<<(QDebug debug, const MqttMessage &message)
{
    const QDebugStateSaver saver(debug);
    constexpr qsizetype Preview = 32;
    const QByteArray payload = message.payload();
    debug.nospace() << "MqttMessage(" << message.topic() << ", qos " << int(message.qos());
    if (message.retain())
        debug << ", retained";
    if (message.dup())
        debug << ", dup";
    if (message.mid())
        debug << ", mid " << message.mid();
    debug << ", " << payload.size() << " bytes";
    if (!payload.isEmpty()) {
        debug << ' ' << payload.left(Preview);
        if (payload.size() > Preview)
            debug << "...";
    }
    if (!message.properties().isEmpty())
        debug << ", " << message.properties().count() << " properties";
    debug << ')';
    return debug;
}
