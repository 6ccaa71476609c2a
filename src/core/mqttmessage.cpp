// Copyright (C) 2026 The MqttQt authors.
// SPDX-License-Identifier: BSD-3-Clause
#include "mqttmessage.h"
#include "mqttmessage_p.h"

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
    return d ? QString::fromUtf8(d->packet.topic) : QString();
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
