// Copyright (C) 2026 The MqttQt authors.
// SPDX-License-Identifier: BSD-3-Clause
#include "mqttqmlutils_p.h"

#include <MqttQt/Mqtt>

#include <QtCore/QMetaEnum>

MqttQmlUtils::MqttQmlUtils(QObject *parent) : QObject(parent) {}

bool MqttQmlUtils::topicMatches(const QString &filter, const QString &topic) const
{
    return Mqtt::topicMatchesSub(filter, topic);
}

bool MqttQmlUtils::isValidTopicName(const QString &topic) const
{
    return Mqtt::isValidTopicName(topic);
}

bool MqttQmlUtils::isValidTopicFilter(const QString &filter) const
{
    return Mqtt::isValidTopicFilter(filter);
}

QString MqttQmlUtils::errorString(int error) const
{
    return Mqtt::errorString(Mqtt::ErrorCode(error));
}

QString MqttQmlUtils::reasonCodeString(int reasonCode) const
{
    return Mqtt::reasonCodeString(Mqtt::ReasonCode(reasonCode));
}

QString MqttQmlUtils::clientStateName(int state) const
{
    const char *key = QMetaEnum::fromType<Mqtt::ClientState>().valueToKey(state);
    return key ? QString::fromLatin1(key) : QStringLiteral("Unknown state %1").arg(state);
}
