// Copyright (C) 2026 The MqttQt authors.
// SPDX-License-Identifier: BSD-3-Clause
#ifndef MQTTQMLFOREIGN_P_H
#define MQTTQMLFOREIGN_P_H

//
//  W A R N I N G
//  -------------
// This file is not part of the MqttQt API. It exists for the implementation of
// MqttQt and may change from version to version without notice, or even be removed.
//

#include "mqttqmlclientextension_p.h"

#include <MqttQt/MqttClient>
#include <MqttQt/MqttRequest>

#include <QtQml/qqml.h>

// MqttQt Core's types registered in QML as they are (QML_FOREIGN), so that the core knows
// nothing of QML.

/*!
    \qmltype Mqtt
    The Mqtt namespace's enums: Mqtt.Connected, Mqtt.AtLeastOnce, Mqtt.V5,
    Mqtt.NotAuthorized, Mqtt.Invalid... (uncreatable).
*/
namespace MqttQmlNamespaceForeign {
Q_NAMESPACE
QML_FOREIGN_NAMESPACE(Mqtt)
QML_NAMED_ELEMENT(Mqtt)
} // namespace MqttQmlNamespaceForeign

/*!
    \qmltype MqttClient
    MqttClient itself, with the members of MqttQmlClientExtension taking JS objects where
    the C++ class takes MqttProperties or MqttWill.
*/
struct MqttQmlClientForeign
{
    Q_GADGET
    QML_FOREIGN(MqttClient)
    QML_NAMED_ELEMENT(MqttClient)
    QML_EXTENDED(MqttQmlClientExtension)
};

/*!
    \qmltype MqttRequest
    One MQTT 5 request/response exchange, returned by MqttClient.request() (uncreatable):
    topic, responseTopic, correlationData, mid, error, errorString, response,
    autoDelete; signals finished(response), failed(error, errorString), completed(); cancel().
*/
struct MqttQmlRequestForeign
{
    Q_GADGET
    QML_FOREIGN(MqttRequest)
    QML_NAMED_ELEMENT(MqttRequest)
    QML_UNCREATABLE("MqttRequest objects come from MqttClient.request()")
};

#endif // MQTTQMLFOREIGN_P_H
