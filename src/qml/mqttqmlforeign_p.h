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

#endif // MQTTQMLFOREIGN_P_H
