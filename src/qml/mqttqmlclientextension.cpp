// Copyright (C) 2026 The MqttQt authors.
// SPDX-License-Identifier: BSD-3-Clause
#include "mqttqmlclientextension_p.h"

#include "mqttqmlconvert_p.h"

#include <QtCore/QMetaEnum>
#include <QtQml/QJSEngine>
#include <QtQml/qqmlinfo.h>

using namespace MqttQml;

namespace {
QVariantList codeList(const QList<Mqtt::ReasonCode> &codes)
{
    QVariantList list;
    list.reserve(codes.size());
    for (const Mqtt::ReasonCode code : codes)
        list.append(int(code));
    return list;
}
} // namespace

MqttQmlClientExtension::MqttQmlClientExtension(QObject *parent)
    : QObject(parent), m_client(qobject_cast<MqttClient *>(parent))
{
    Q_ASSERT(m_client); // the engine creates one per MqttClient, with the client as parent
    MqttClient *c = m_client.data();
    // MqttSubscription and MqttValue objects (core MqttSubscription objects underneath) are
    // subscribed again by the client before it emits connackReceived().
    connect(c, &MqttClient::connectPropertiesChanged, this, &MqttQmlClientExtension::connectPropertiesChanged);
    connect(c, &MqttClient::willChanged, this, &MqttQmlClientExtension::willChanged);
    connect(c, &MqttClient::connackReceived, this,
            [this](bool sessionPresent, Mqtt::ReasonCode rc, const MqttProperties &p) {
                Q_EMIT connackReceived(sessionPresent, rc, propertiesToJs(p));
                Q_EMIT subscriptionsChanged();
            });
    connect(c, &MqttClient::disconnected, this,
            [this](Mqtt::ErrorCode error, Mqtt::ReasonCode rc, const MqttProperties &p) {
                Q_EMIT disconnected(error, rc, propertiesToJs(p));
            });
    connect(c, &MqttClient::published, this, [this](int mid, Mqtt::ReasonCode rc, const MqttProperties &p) {
        Q_EMIT published(mid, rc, propertiesToJs(p));
    });
    connect(c, &MqttClient::subscribed, this,
            [this](int mid, const QList<Mqtt::ReasonCode> &codes, const MqttProperties &p) {
                Q_EMIT subscriptionsChanged();
                Q_EMIT subscribed(mid, codeList(codes), propertiesToJs(p));
            });
    connect(c, &MqttClient::unsubscribed, this,
            [this](int mid, const QList<Mqtt::ReasonCode> &codes, const MqttProperties &p) {
                Q_EMIT subscriptionsChanged();
                Q_EMIT unsubscribed(mid, codeList(codes), propertiesToJs(p));
            });
    connect(c, &MqttClient::authReceived, this, [this](Mqtt::ReasonCode rc, const MqttProperties &p) {
        Q_EMIT authReceived(rc, propertiesToJs(p));
    });
    connect(c, &MqttClient::subscriptionsLost, this, &MqttQmlClientExtension::subscriptionsChanged);
}

void MqttQmlClientExtension::refuseArgument(const QString &call, const QString &why)
{
    const QString text = call + QStringLiteral("(): ") + why;
    qmlWarning(m_client) << text;
    Q_EMIT argumentRefused(text);
}

QJSValue MqttQmlClientExtension::connectProperties() const
{
    QJSEngine *engine = qjsEngine(m_client);
    if (!m_client || !engine)
        return QJSValue();
    return engine->toScriptValue(propertiesToJs(m_client->connectProperties()));
}

void MqttQmlClientExtension::setConnectProperties(const QJSValue &properties)
{
    MqttProperties parsed;
    QString why;
    if (!propertiesFromJs(properties, &parsed, &why)) {
        refuseArgument(QStringLiteral("connectProperties"), why);
        return;
    }
    m_client->setConnectProperties(parsed);
}

QJSValue MqttQmlClientExtension::will() const
{
    QJSEngine *engine = qjsEngine(m_client);
    if (!m_client || !engine)
        return QJSValue();
    return engine->toScriptValue(willToJs(m_client->will()));
}

void MqttQmlClientExtension::setWill(const QJSValue &will)
{
    MqttWill parsed;
    QString why;
    if (!willFromJs(will, qjsEngine(m_client), &parsed, &why)) {
        refuseArgument(QStringLiteral("will"), why);
        return;
    }
    if (parsed.isNull())
        m_client->clearWill();
    else
        m_client->setWill(parsed);
}

QStringList MqttQmlClientExtension::subscriptions() const
{
    return m_client ? m_client->subscriptions() : QStringList();
}

Mqtt::ErrorCode MqttQmlClientExtension::connectToHost()
{
    return m_client->connectToHost();
}

Mqtt::ErrorCode MqttQmlClientExtension::connectToHost(const QString &host, int port, int keepAlive,
                                                      const QString &bindAddress, const QJSValue &properties)
{
    MqttProperties parsed;
    QString why;
    if (!propertiesFromJs(properties, &parsed, &why)) {
        refuseArgument(QStringLiteral("connectToHost"), why);
        return Mqtt::ErrorCode::Invalid;
    }
    return m_client->connectToHost(host, port, keepAlive, bindAddress, parsed);
}

Mqtt::ErrorCode MqttQmlClientExtension::disconnectFromHost()
{
    return m_client->disconnectFromHost();
}

bool MqttQmlClientExtension::reasonAndProperties(const QString &call, int reasonCode, const QJSValue &properties,
                                                 MqttProperties *parsed)
{
    if (!QMetaEnum::fromType<Mqtt::ReasonCode>().valueToKey(reasonCode)) {
        refuseArgument(call, QStringLiteral("reasonCode %1 is not an MQTT 5 reason code").arg(reasonCode));
        return false;
    }
    QString why;
    if (!propertiesFromJs(properties, parsed, &why)) {
        refuseArgument(call, why);
        return false;
    }
    return true;
}

Mqtt::ErrorCode MqttQmlClientExtension::disconnectFromHost(int reasonCode, const QJSValue &properties)
{
    MqttProperties parsed;
    if (!reasonAndProperties(QStringLiteral("disconnectFromHost"), reasonCode, properties, &parsed))
        return Mqtt::ErrorCode::Invalid;
    return m_client->disconnectFromHost(Mqtt::ReasonCode(reasonCode), parsed);
}

MqttMessageInfo MqttQmlClientExtension::publish(const QString &topic, const QJSValue &payload, const QJSValue &qos,
                                                bool retain, const QJSValue &properties)
{
    QByteArray bytes;
    int q = 0;
    MqttProperties parsed;
    QString why;
    if (!payloadFromJs(payload, qjsEngine(m_client), &bytes, &why) || !qosFromJs(qos, &q, &why)
        || !propertiesFromJs(properties, &parsed, &why)) {
        refuseArgument(QStringLiteral("publish"), why);
        return MqttMessageInfo(Mqtt::ErrorCode::Invalid, 0);
    }
    return m_client->publish(topic, bytes, Mqtt::QoS(q), retain, parsed);
}

MqttResult MqttQmlClientExtension::subscribe(const QJSValue &filters, const QJSValue &options,
                                             const QJSValue &properties)
{
    const MqttResult refused{ Mqtt::ErrorCode::Invalid, 0 };
    MqttProperties parsed;
    QString why;
    if (!propertiesFromJs(properties, &parsed, &why)) {
        refuseArgument(QStringLiteral("subscribe"), why);
        return refused;
    }
    MqttSubscribeOptions common;
    if (!subscribeOptionsFromJs(options, &common, &why)) {
        refuseArgument(QStringLiteral("subscribe"), why);
        return refused;
    }
    if (filters.isString())
        return m_client->subscribe(filters.toString(), common, parsed);
    if (!filters.isArray()) {
        refuseArgument(QStringLiteral("subscribe"),
                       QStringLiteral("filters: %1 is not a filter, a list of filters or a list of [filter, qos] pairs")
                               .arg(filters.toString()));
        return refused;
    }
    QList<QPair<QString, MqttSubscribeOptions>> list;
    const int length = filters.property(QStringLiteral("length")).toInt();
    for (int i = 0; i < length; ++i) {
        const QJSValue item = filters.property(quint32(i));
        if (item.isString()) {
            list.append({ item.toString(), common });
            continue;
        }
        MqttSubscribeOptions own;
        if (!item.isArray() || item.property(QStringLiteral("length")).toInt() != 2
            || !item.property(0).isString() || !subscribeOptionsFromJs(item.property(1), &own, &why)) {
            refuseArgument(QStringLiteral("subscribe"),
                           why.isEmpty() ? QStringLiteral("filters[%1]: %2 is neither a filter nor a [filter, qos] pair")
                                                   .arg(i)
                                                   .arg(item.toString())
                                         : QStringLiteral("filters[%1]: %2").arg(i).arg(why));
            return refused;
        }
        list.append({ item.property(0).toString(), own });
    }
    return m_client->subscribe(list, parsed);
}

MqttResult MqttQmlClientExtension::unsubscribe(const QJSValue &filters, const QJSValue &properties)
{
    const MqttResult refused{ Mqtt::ErrorCode::Invalid, 0 };
    MqttProperties parsed;
    QString why;
    if (!propertiesFromJs(properties, &parsed, &why)) {
        refuseArgument(QStringLiteral("unsubscribe"), why);
        return refused;
    }
    if (filters.isString())
        return m_client->unsubscribe(filters.toString(), parsed);
    QStringList list;
    const int length = filters.isArray() ? filters.property(QStringLiteral("length")).toInt() : -1;
    for (int i = 0; i < length; ++i) {
        const QJSValue item = filters.property(quint32(i));
        if (!item.isString()) {
            refuseArgument(QStringLiteral("unsubscribe"),
                           QStringLiteral("filters[%1]: %2 is not a filter").arg(i).arg(item.toString()));
            return refused;
        }
        list.append(item.toString());
    }
    if (length < 0) {
        refuseArgument(QStringLiteral("unsubscribe"),
                       QStringLiteral("filters: %1 is neither a filter nor a list of filters").arg(filters.toString()));
        return refused;
    }
    return m_client->unsubscribe(list, parsed);
}

Mqtt::ErrorCode MqttQmlClientExtension::setWill(const QString &topic, const QJSValue &payload, const QJSValue &qos,
                                                bool retain, const QJSValue &properties)
{
    QByteArray bytes;
    int q = 0;
    MqttProperties parsed;
    QString why;
    if (!payloadFromJs(payload, qjsEngine(m_client), &bytes, &why) || !qosFromJs(qos, &q, &why)
        || !propertiesFromJs(properties, &parsed, &why)) {
        refuseArgument(QStringLiteral("setWill"), why);
        return Mqtt::ErrorCode::Invalid;
    }
    return m_client->setWill(topic, bytes, Mqtt::QoS(q), retain, parsed);
}

Mqtt::ErrorCode MqttQmlClientExtension::sendAuth(int reasonCode, const QJSValue &properties)
{
    MqttProperties parsed;
    if (!reasonAndProperties(QStringLiteral("sendAuth"), reasonCode, properties, &parsed))
        return Mqtt::ErrorCode::Invalid;
    return m_client->sendAuth(Mqtt::ReasonCode(reasonCode), parsed);
}
