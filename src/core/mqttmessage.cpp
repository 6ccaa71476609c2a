// Copyright (C) 2026 The MqttQt authors.
// SPDX-License-Identifier: BSD-3-Clause
#include "mqttmessage.h"
#include "mqttmessage_p.h"

#include <QtCore/QStringDecoder>

MqttMessage MqttMessagePrivate::create(MqttCodec::PublishPacket &&packet)
{
    MqttMessage m;
    m.d = new MqttMessagePrivate;
    m.d->packet = std::move(packet);
    return m;
}

MqttMessage::MqttMessage() = default;
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

QByteArray MqttMessage::topicUtf8() const
{
    return d ? d->packet.topic : QByteArray();
}

QByteArray MqttMessage::payload() const
{
    return d ? d->packet.payload : QByteArray();
}

Mqtt::QoS MqttMessage::qos() const
{
    return d ? d->packet.qos : Mqtt::QoS::AtMostOnce;
}

bool MqttMessage::retain() const
{
    return d && d->packet.retain;
}

bool MqttMessage::dup() const
{
    return d && d->packet.dup;
}

int MqttMessage::mid() const
{
    return d ? d->packet.packetId : 0;
}

MqttProperties MqttMessage::properties() const
{
    return d ? d->packet.properties : MqttProperties();
}
