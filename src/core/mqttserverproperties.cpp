// Copyright (C) 2026 The MqttQt authors.
// SPDX-License-Identifier: BSD-3-Clause
#include "mqttserverproperties.h"
#include "mqttserverproperties_p.h"

#include <QtCore/QDebug>

using Mqtt::PropertyId;

MqttServerProperties MqttServerPropertiesPrivate::create(bool sessionPresent, Mqtt::ReasonCode reasonCode,
                                                         int returnCode, const MqttProperties &properties)
{
    MqttServerProperties p;
    p.d->valid = true;
    p.d->sessionPresent = sessionPresent;
    p.d->reasonCode = reasonCode;
    p.d->returnCode = returnCode;
    p.d->properties = properties;
    return p;
}

MqttServerProperties::MqttServerProperties() : d(new MqttServerPropertiesPrivate) { }
MqttServerProperties::MqttServerProperties(const MqttServerProperties &other) = default;
MqttServerProperties::MqttServerProperties(MqttServerProperties &&other) noexcept = default;
MqttServerProperties &MqttServerProperties::operator=(const MqttServerProperties &other) = default;
MqttServerProperties &MqttServerProperties::operator=(MqttServerProperties &&other) noexcept = default;
MqttServerProperties::~MqttServerProperties() = default;

bool MqttServerProperties::isValid() const { return d->valid; }
bool MqttServerProperties::sessionPresent() const { return d->sessionPresent; }
Mqtt::ReasonCode MqttServerProperties::reasonCode() const { return d->reasonCode; }
int MqttServerProperties::returnCode() const { return d->returnCode; }

int MqttServerProperties::receiveMaximum() const
{
    return int(d->properties.integer(PropertyId::ReceiveMaximum).value_or(65535));
}

qint64 MqttServerProperties::maximumPacketSize() const
{
    return qint64(d->properties.integer(PropertyId::MaximumPacketSize).value_or(268435460u));
}

Mqtt::QoS MqttServerProperties::maximumQos() const
{
    return Mqtt::QoS(d->properties.integer(PropertyId::MaximumQoS).value_or(2));
}

bool MqttServerProperties::retainAvailable() const
{
    return d->properties.integer(PropertyId::RetainAvailable).value_or(1) != 0;
}

bool MqttServerProperties::wildcardSubscriptionAvailable() const
{
    return d->properties.integer(PropertyId::WildcardSubscriptionAvailable).value_or(1) != 0;
}

bool MqttServerProperties::subscriptionIdentifierAvailable() const
{
    return d->properties.integer(PropertyId::SubscriptionIdentifierAvailable).value_or(1) != 0;
}

bool MqttServerProperties::sharedSubscriptionAvailable() const
{
    return d->properties.integer(PropertyId::SharedSubscriptionAvailable).value_or(1) != 0;
}

int MqttServerProperties::topicAliasMaximum() const
{
    return int(d->properties.integer(PropertyId::TopicAliasMaximum).value_or(0));
}

int MqttServerProperties::serverKeepAlive() const
{
    const auto v = d->properties.integer(PropertyId::ServerKeepAlive);
    return v ? int(*v) : -1;
}

qint64 MqttServerProperties::sessionExpiryInterval() const
{
    const auto v = d->properties.integer(PropertyId::SessionExpiryInterval);
    return v ? qint64(*v) : -1;
}

QString MqttServerProperties::assignedClientIdentifier() const
{
    return d->properties.string(PropertyId::AssignedClientIdentifier).value_or(QString());
}

QString MqttServerProperties::responseInformation() const
{
    return d->properties.string(PropertyId::ResponseInformation).value_or(QString());
}

QString MqttServerProperties::serverReference() const
{
    return d->properties.string(PropertyId::ServerReference).value_or(QString());
}

QString MqttServerProperties::reasonString() const
{
    return d->properties.string(PropertyId::ReasonString).value_or(QString());
}

QString MqttServerProperties::authenticationMethod() const
{
    return d->properties.string(PropertyId::AuthenticationMethod).value_or(QString());
}

MqttProperties MqttServerProperties::properties() const { return d->properties; }

bool operator==(const MqttServerProperties &a, const MqttServerProperties &b)
{
    return a.d->valid == b.d->valid && a.d->sessionPresent == b.d->sessionPresent
            && a.d->reasonCode == b.d->reasonCode && a.d->returnCode == b.d->returnCode
            && a.d->properties == b.d->properties;
}

QDebug operator<<(QDebug debug, const MqttServerProperties &p)
{
    const QDebugStateSaver saver(debug);
    if (!p.isValid())
        return debug.nospace() << "MqttServerProperties()";
    debug.nospace() << "MqttServerProperties(" << p.reasonCode() << ", return code " << p.returnCode()
                    << ", session present " << p.sessionPresent();
    if (!p.properties().isEmpty())
        debug << ", " << p.properties();
    debug << ')';
    return debug;
}
