// Copyright (C) 2026 The MqttQt authors.
// SPDX-License-Identifier: BSD-3-Clause
#include "mqttwill.h"

#include <QtCore/QDebug>
#include <QtCore/QSharedData>

class MqttWillPrivate : public QSharedData
{
public:
    QString topic;
    QByteArray payload;
    Mqtt::QoS qos = Mqtt::QoS::AtMostOnce;
    bool retain = false;
    MqttProperties properties;
};

MqttWill::MqttWill() = default;
MqttWill::MqttWill(const QString &topic, const QByteArray &payload, Mqtt::QoS qos, bool retain,
                   const MqttProperties &properties)
    : d(new MqttWillPrivate)
{
    d->topic = topic;
    d->payload = payload;
    d->qos = qos;
    d->retain = retain;
    d->properties = properties;
}
MqttWill::MqttWill(const MqttWill &other) = default;
MqttWill::MqttWill(MqttWill &&other) noexcept = default;
MqttWill &MqttWill::operator=(const MqttWill &other) = default;
MqttWill &MqttWill::operator=(MqttWill &&other) noexcept = default;
MqttWill::~MqttWill() = default;

bool MqttWill::isNull() const
{
    return !d || d->topic.isEmpty();
}

QString MqttWill::topic() const
{
    return d ? d->topic : QString();
}

QByteArray MqttWill::payload() const
{
    return d ? d->payload : QByteArray();
}

Mqtt::QoS MqttWill::qos() const
{
    return d ? d->qos : Mqtt::QoS::AtMostOnce;
}

bool MqttWill::retain() const
{
    return d && d->retain;
}

MqttProperties MqttWill::properties() const
{
    return d ? d->properties : MqttProperties();
}

bool operator==(const MqttWill &a, const MqttWill &b)
{
    return a.topic() == b.topic() && a.payload() == b.payload() && a.qos() == b.qos()
            && a.retain() == b.retain() && a.properties() == b.properties();
}

QDebug operator<<(QDebug debug, const MqttWill &will)
{
    const QDebugStateSaver saver(debug);
    if (will.isNull())
        return debug.nospace() << "MqttWill()";
    debug.nospace() << "MqttWill(" << will.topic() << ", qos " << int(will.qos());
    if (will.retain())
        debug << ", retained";
    debug << ", " << will.payload().size() << " bytes";
    if (!will.properties().isEmpty())
        debug << ", " << will.properties();
    debug << ')';
    return debug;
}
