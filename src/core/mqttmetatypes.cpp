// Copyright (C) 2026 The MqttQt authors.
// SPDX-License-Identifier: BSD-3-Clause
#include "mqttmetatypes_p.h"

#include "mqttclient.h"

void MqttMetaTypes::registerAll()
{
    // Queued calls by name (QMetaObject::invokeMethod(client, "subscribe",
    // Qt::QueuedConnection, Q_ARG(Mqtt::QoS, ...))) and queued signals find argument types
    // by name: register every type the API carries, once, as Qt's own classes do.
    static const bool registered = [] {
        qRegisterMetaType<Mqtt::ProtocolVersion>();
        qRegisterMetaType<Mqtt::QoS>();
        qRegisterMetaType<Mqtt::Transport>();
        qRegisterMetaType<Mqtt::DeviceOwnership>();
        qRegisterMetaType<Mqtt::ClientState>();
        qRegisterMetaType<Mqtt::ErrorCode>();
        qRegisterMetaType<Mqtt::ConnackCode>();
        qRegisterMetaType<Mqtt::ReasonCode>();
        qRegisterMetaType<Mqtt::PropertyId>();
        qRegisterMetaType<Mqtt::PropertyType>();
        qRegisterMetaType<Mqtt::RetainHandling>();
        qRegisterMetaType<Mqtt::LogLevel>();
        qRegisterMetaType<QList<Mqtt::ReasonCode>>();
        qRegisterMetaType<MqttMessage>();
        qRegisterMetaType<MqttMessageInfo>();
        qRegisterMetaType<MqttProperties>();
        qRegisterMetaType<MqttWill>();
        qRegisterMetaType<MqttSubscribeOptions>();
        qRegisterMetaType<MqttServerProperties>();
        qRegisterMetaType<MqttTlsOptions>();
        qRegisterMetaType<MqttWebSocketOptions>();
        qRegisterMetaType<MqttResult>();
        return true;
    }();
    Q_UNUSED(registered);
}
