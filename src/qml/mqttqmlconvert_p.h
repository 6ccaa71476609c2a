// Copyright (C) 2026 The MqttQt authors.
// SPDX-License-Identifier: BSD-3-Clause
#ifndef MQTTQMLCONVERT_P_H
#define MQTTQMLCONVERT_P_H

//
//  W A R N I N G
//  -------------
// This file is not part of the MqttQt API. It exists for the implementation of
// MqttQt and may change from version to version without notice, or even be removed.
//

#include <MqttQt/MqttProperties>
#include <MqttQt/MqttSubscribeOptions>
#include <MqttQt/MqttWill>

#include <QtCore/QByteArray>
#include <QtCore/QString>
#include <QtCore/QVariant>
#include <QtQml/QJSValue>

class QJSEngine;

// Conversions between plain QML values and the MqttQt value types, shared by the client
// extension, the value types and the subscription types. Each from...() returns false,
// changing nothing, and says why in *why (naming the argument) for a value it cannot
// convert; nothing is silently dropped or truncated.
namespace MqttQml {

// A payload from QML: a string (UTF-8), an ArrayBuffer, a typed array or DataView (the
// bytes it views), a number or bool (its JavaScript text: 42, 21.5, true), a plain object
// or array (compact JSON, through the engine's JSON.stringify), null or undefined (empty).
// Anything else (a function, a symbol) is refused.
bool payloadFromJs(const QJSValue &value, QJSEngine *engine, QByteArray *payload, QString *why);

// MQTT 5 properties from a JS object shaped as MqttProperties::toVariantMap() makes it
// ("contentType", "userProperties" as [{name, value}, ...], [[name, value], ...] or {name: value}...); null or
// undefined give empty properties.
bool propertiesFromJs(const QJSValue &value, MqttProperties *properties, QString *why);

// The properties as QML reads them: MqttProperties::toVariantMap(), binary values as
// ArrayBuffer.
QVariantMap propertiesToJs(const MqttProperties &properties);

// User properties as one object, name to value; for a name that repeats, the last value.
QVariantMap userPropertiesObject(const MqttProperties &properties);

// Subscription options from a number (the QoS) or an object
// {qos, noLocal, retainAsPublished, retainHandling}; unknown keys are refused.
bool subscribeOptionsFromJs(const QJSValue &value, MqttSubscribeOptions *options, QString *why);

// A will from {topic, payload, qos, retain, properties}; unknown keys are refused. null or
// undefined give a null will (no will).
bool willFromJs(const QJSValue &value, QJSEngine *engine, MqttWill *will, QString *why);

// A will as QML reads it: {topic, payload (ArrayBuffer), text, qos, retain, properties},
// or null when there is none.
QVariant willToJs(const MqttWill &will);

// A QoS argument: 0, 1 or 2 (Mqtt.AtMostOnce...). Refuses other numbers and non-numbers.
bool qosFromJs(const QJSValue &value, int *qos, QString *why);

} // namespace MqttQml

#endif // MQTTQMLCONVERT_P_H
