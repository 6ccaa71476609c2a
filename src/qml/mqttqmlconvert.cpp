// Copyright (C) 2026 The MqttQt authors.
// SPDX-License-Identifier: BSD-3-Clause
#include "mqttqmlconvert_p.h"

#include <QtQml/QJSEngine>


namespace MqttQml {

namespace {

// The bytes of an ArrayBuffer, or of the range a typed array or DataView views.
bool bytesOf(const QJSValue &value, QByteArray *bytes)
{
    const QVariant v = value.toVariant();
    if (v.typeId() == QMetaType::QByteArray) {
        *bytes = v.toByteArray();
        return true;
    }
    const QJSValue buffer = value.property(QStringLiteral("buffer"));
    if (!buffer.isObject())
        return false;
    const QVariant b = buffer.toVariant();
    if (b.typeId() != QMetaType::QByteArray)
        return false;
    const QByteArray all = b.toByteArray();
    const double offset = value.property(QStringLiteral("byteOffset")).toNumber();
    const double length = value.property(QStringLiteral("byteLength")).toNumber();
    if (!(offset >= 0 && length >= 0 && offset + length <= double(all.size())))
        return false;
    *bytes = all.mid(qsizetype(offset), qsizetype(length));
    return true;
}

bool refuse(QString *why, const QString &text)
{
    if (why)
        *why = text;
    return false;
}

// Checks that every key of \a object is in \a allowed.
bool onlyKeys(const QVariantMap &object, std::initializer_list<QLatin1String> allowed, const QString &what,
              QString *why)
{
    for (auto it = object.cbegin(); it != object.cend(); ++it) {
        bool known = false;
        for (const QLatin1String &key : allowed)
            known = known || it.key() == key;
        if (!known) {
            QStringList names;
            for (const QLatin1String &key : allowed)
                names.append(key);
            return refuse(why, QStringLiteral("%1: unknown key \"%2\" (expected %3)")
                                       .arg(what, it.key(), names.join(QStringLiteral(", "))));
        }
    }
    return true;
}

} // namespace

bool payloadFromJs(const QJSValue &value, QJSEngine *engine, QByteArray *payload, QString *why)
{
    if (value.isUndefined() || value.isNull()) {
        *payload = QByteArray();
        return true;
    }
    if (value.isString()) {
        *payload = value.toString().toUtf8();
        return true;
    }
    if (value.isNumber() || value.isBool()) {
        *payload = value.toString().toUtf8(); // JavaScript's own text: 42, 21.5, 1e+21, true
        return true;
    }
    if (value.isCallable())
        return refuse(why, QStringLiteral("payload: a function cannot be sent"));
    QByteArray bytes;
    if (value.isObject() && bytesOf(value, &bytes)) {
        *payload = bytes;
        return true;
    }
    if ((value.isObject() || value.isArray()) && engine) {
        const QJSValue json = engine->globalObject().property(QStringLiteral("JSON"));
        const QJSValue text = json.property(QStringLiteral("stringify")).callWithInstance(json, { value });
        if (text.isError())
            return refuse(why, QStringLiteral("payload: JSON.stringify failed: %1").arg(text.toString()));
        if (!text.isString())
            return refuse(why, QStringLiteral("payload: %1 cannot be sent").arg(value.toString()));
        *payload = text.toString().toUtf8();
        return true;
    }
    return refuse(why, QStringLiteral("payload: %1 is not a string, ArrayBuffer, number, bool or JSON value")
                               .arg(value.toString()));
}

bool propertiesFromJs(const QJSValue &value, MqttProperties *properties, QString *why)
{
    if (value.isUndefined() || value.isNull()) {
        *properties = MqttProperties();
        return true;
    }
    if (!value.isObject() || value.isArray() || value.isCallable())
        return refuse(why, QStringLiteral("properties: %1 is not an object such as {contentType: \"text/plain\"}")
                                   .arg(value.toString()));
    const QVariantMap map = value.toVariant().toMap();
    QString error;
    MqttProperties parsed = MqttProperties::fromVariantMap(map, &error);
    if (!error.isEmpty())
        return refuse(why, QStringLiteral("properties: ") + error);
    *properties = parsed;
    return true;
}

QVariantMap propertiesToJs(const MqttProperties &properties)
{
    return properties.toVariantMap();
}

QVariantMap userPropertiesObject(const MqttProperties &properties)
{
    QVariantMap object;
    const auto pairs = properties.userProperties();
    for (const auto &pair : pairs)
        object.insert(pair.first, pair.second);
    return object;
}

bool qosFromJs(const QJSValue &value, int *qos, QString *why)
{
    if (!value.isNumber())
        return refuse(why, QStringLiteral("qos: %1 is not 0, 1 or 2").arg(value.toString()));
    const double n = value.toNumber();
    if (n != 0 && n != 1 && n != 2)
        return refuse(why, QStringLiteral("qos: %1 is not 0, 1 or 2").arg(value.toString()));
    *qos = int(n);
    return true;
}

bool subscribeOptionsFromJs(const QJSValue &value, MqttSubscribeOptions *options, QString *why)
{
    if (value.isUndefined()) {
        *options = MqttSubscribeOptions();
        return true;
    }
    int qos = 0;
    if (value.isNumber()) {
        if (!qosFromJs(value, &qos, why))
            return false;
        *options = MqttSubscribeOptions(Mqtt::QoS(qos));
        return true;
    }
    if (!value.isObject() || value.isArray() || value.isCallable())
        return refuse(why, QStringLiteral("options: %1 is neither a QoS nor an object such as {qos: 1, noLocal: true}")
                                   .arg(value.toString()));
    const QVariantMap map = value.toVariant().toMap();
    if (!onlyKeys(map,
                  { QLatin1String("qos"), QLatin1String("noLocal"), QLatin1String("retainAsPublished"),
                    QLatin1String("retainHandling") },
                  QStringLiteral("options"), why))
        return false;
    MqttSubscribeOptions parsed;
    if (value.hasProperty(QStringLiteral("qos"))) {
        if (!qosFromJs(value.property(QStringLiteral("qos")), &qos, why))
            return false;
        parsed.setQos(Mqtt::QoS(qos));
    }
    const QJSValue noLocal = value.property(QStringLiteral("noLocal"));
    if (!noLocal.isUndefined()) {
        if (!noLocal.isBool())
            return refuse(why, QStringLiteral("options: noLocal must be true or false"));
        parsed.setNoLocal(noLocal.toBool());
    }
    const QJSValue rap = value.property(QStringLiteral("retainAsPublished"));
    if (!rap.isUndefined()) {
        if (!rap.isBool())
            return refuse(why, QStringLiteral("options: retainAsPublished must be true or false"));
        parsed.setRetainAsPublished(rap.toBool());
    }
    const QJSValue rh = value.property(QStringLiteral("retainHandling"));
    if (!rh.isUndefined()) {
        const double n = rh.toNumber();
        if (!rh.isNumber() || (n != 0 && n != 1 && n != 2))
            return refuse(why, QStringLiteral("options: retainHandling %1 is not 0, 1 or 2 (Mqtt.SendOnSubscribe, "
                                              "Mqtt.SendOnNewSubscribe, Mqtt.DoNotSend)")
                                       .arg(rh.toString()));
        parsed.setRetainHandling(Mqtt::RetainHandling(int(n)));
    }
    *options = parsed;
    return true;
}

bool willFromJs(const QJSValue &value, QJSEngine *engine, MqttWill *will, QString *why)
{
    if (value.isUndefined() || value.isNull()) {
        *will = MqttWill();
        return true;
    }
    if (!value.isObject() || value.isArray() || value.isCallable())
        return refuse(why, QStringLiteral("will: %1 is not an object such as {topic: \"status\", payload: \"offline\"}")
                                   .arg(value.toString()));
    const QVariantMap map = value.toVariant().toMap();
    if (!onlyKeys(map,
                  { QLatin1String("topic"), QLatin1String("payload"), QLatin1String("qos"), QLatin1String("retain"),
                    QLatin1String("properties") },
                  QStringLiteral("will"), why))
        return false;
    const QJSValue topic = value.property(QStringLiteral("topic"));
    if (!topic.isString())
        return refuse(why, QStringLiteral("will: topic must be a string"));
    QByteArray payload;
    if (!payloadFromJs(value.property(QStringLiteral("payload")), engine, &payload, why)) {
        if (why)
            why->prepend(QStringLiteral("will: "));
        return false;
    }
    int qos = 0;
    const QJSValue qosValue = value.property(QStringLiteral("qos"));
    if (!qosValue.isUndefined() && !qosFromJs(qosValue, &qos, why)) {
        if (why)
            why->prepend(QStringLiteral("will: "));
        return false;
    }
    const QJSValue retain = value.property(QStringLiteral("retain"));
    if (!retain.isUndefined() && !retain.isBool())
        return refuse(why, QStringLiteral("will: retain must be true or false"));
    MqttProperties properties;
    if (!propertiesFromJs(value.property(QStringLiteral("properties")), &properties, why)) {
        if (why)
            why->prepend(QStringLiteral("will: "));
        return false;
    }
    *will = MqttWill(topic.toString(), payload, Mqtt::QoS(qos), retain.toBool(), properties);
    return true;
}

QVariant willToJs(const MqttWill &will)
{
    if (will.isNull())
        return QVariant::fromValue(nullptr);
    return QVariantMap{
        { QStringLiteral("topic"), will.topic() },
        { QStringLiteral("payload"), will.payload() },
        { QStringLiteral("text"), QString::fromUtf8(will.payload()) },
        { QStringLiteral("qos"), int(will.qos()) },
        { QStringLiteral("retain"), will.retain() },
        { QStringLiteral("properties"), propertiesToJs(will.properties()) },
    };
}

} // namespace MqttQml
