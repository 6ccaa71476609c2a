// Copyright (C) 2026 The MqttQt authors.
// SPDX-License-Identifier: BSD-3-Clause
#include "mqttqmlvaluetypes_p.h"

#include "mqttqmlconvert_p.h"

QVariantMap MqttQmlMessageValueType::properties() const
{
    return MqttQml::propertiesToJs(v.properties());
}

QVariantMap MqttQmlMessageValueType::userProperties() const
{
    return MqttQml::userPropertiesObject(v.properties());
}

QString MqttQmlMessageValueType::contentType() const
{
    return v.properties().string(Mqtt::PropertyId::ContentType).value_or(QString());
}

QString MqttQmlMessageValueType::responseTopic() const
{
    return v.properties().string(Mqtt::PropertyId::ResponseTopic).value_or(QString());
}

QByteArray MqttQmlMessageValueType::correlationData() const
{
    return v.properties().binary(Mqtt::PropertyId::CorrelationData).value_or(QByteArray());
}

double MqttQmlMessageValueType::messageExpiryInterval() const
{
    const auto seconds = v.properties().integer(Mqtt::PropertyId::MessageExpiryInterval);
    return seconds ? double(*seconds) : -1.0;
}

QString MqttQmlMessageValueType::toString() const
{
    return QStringLiteral("mqttMessage(%1, %2 bytes, qos %3%4)")
            .arg(v.topic())
            .arg(v.payload().size())
            .arg(int(v.qos()))
            .arg(v.retain() ? QStringLiteral(", retained") : QString());
}

QVariantMap MqttQmlServerPropertiesValueType::properties() const
{
    return MqttQml::propertiesToJs(v.properties());
}
