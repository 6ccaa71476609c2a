// Copyright (C) 2026 The MqttQt authors.
// SPDX-License-Identifier: BSD-3-Clause
#ifndef MQTTQMLCLIENTEXTENSION_P_H
#define MQTTQMLCLIENTEXTENSION_P_H

//
//  W A R N I N G
//  -------------
// This file is not part of the MqttQt API. It exists for the implementation of
// MqttQt and may change from version to version without notice, or even be removed.
//

#include <MqttQt/MqttClient>
#include <MqttQt/MqttRequest>

#include <QtCore/QObject>
#include <QtCore/QPointer>
#include <QtCore/QVariant>
#include <QtQml/QJSValue>

/*!
    What QML adds to MqttClient (registered with QML_EXTENDED, one instance per client,
    created by the engine). MqttClient works from QML as it is except where it takes or
    gives MqttProperties, which QML cannot build or read, and MqttWill, which QML cannot
    build. Members here with the name of a MqttClient member replace it in QML (and only in
    QML): the same calls and signals, with JS objects for properties and the will, and
    plain QML values (string, ArrayBuffer, number, JSON) for payloads.

    Arguments QML cannot convert (a properties object with an unknown key, a QoS of 3 given
    as a string...) are refused before the client sees them: the call returns
    Mqtt.Invalid (rc Mqtt.Invalid, mid 0), prints a QML warning naming the argument and
    emits argumentRefused(). Everything the client itself refuses sets the client's
    error and errorString as in C++.
*/
class MqttQmlClientExtension : public QObject
{
    Q_OBJECT
    /*! The MQTT 5 properties of CONNECT as a JS object, e.g.
        {sessionExpiryInterval: 3600, userProperties: {site: "plant-1"}}. */
    Q_PROPERTY(QJSValue connectProperties READ connectProperties WRITE setConnectProperties NOTIFY connectPropertiesChanged)
    /*! The last will as a JS object {topic, payload, qos, retain, properties}, or null for
        none. Assign such an object (payload: string, ArrayBuffer, number or JSON value) or
        null; a will the client refuses leaves the previous one and sets error(). */
    Q_PROPERTY(QJSValue will READ will WRITE setWill NOTIFY willChanged)
    /*! The filters subscribed in the client's session (MqttClient::subscriptions()): kept
        while disconnected, emptied by a CONNACK without a session present. */
    Q_PROPERTY(QStringList subscriptions READ subscriptions NOTIFY subscriptionsChanged)

public:
    explicit MqttQmlClientExtension(QObject *parent);

    QJSValue connectProperties() const;
    void setConnectProperties(const QJSValue &properties);
    QJSValue will() const;
    void setWill(const QJSValue &will);
    QStringList subscriptions() const;

    /*! connectToHost(): with no argument, connects to host, port with keepAlive; with
        arguments, as MqttClient::connectToHost(host, port, keepAlive, bindAddress,
        properties) with a JS object for the MQTT 5 CONNECT properties. */
    Q_INVOKABLE Mqtt::ErrorCode connectToHost();
    Q_INVOKABLE Mqtt::ErrorCode connectToHost(const QString &host, int port = 1883, int keepAlive = 60,
                                              const QString &bindAddress = QString(),
                                              const QJSValue &properties = QJSValue());
    /*! disconnectFromHost(), or with an MQTT 5 reason code and a properties object. */
    Q_INVOKABLE Mqtt::ErrorCode disconnectFromHost();
    Q_INVOKABLE Mqtt::ErrorCode disconnectFromHost(int reasonCode, const QJSValue &properties = QJSValue());
    /*! Publishes \a payload (string: UTF-8; ArrayBuffer, typed array, DataView: its bytes;
        number or bool: its JavaScript text; object or array: JSON; null or undefined:
        empty) to \a topic with QoS \a qos (0, 1, 2), \a retain and MQTT 5 \a properties
        (a JS object). Returns the mqttMessageInfo: rc, mid, published, error. */
    Q_INVOKABLE MqttMessageInfo publish(const QString &topic, const QJSValue &payload = QJSValue(),
                                        const QJSValue &qos = QJSValue(0), bool retain = false,
                                        const QJSValue &properties = QJSValue());
    /*! Subscribes to \a filters: a filter string, or a list of filter strings, or a list
        of [filter, qosOrOptions] pairs. \a options: a QoS (number) or an object
        {qos, noLocal, retainAsPublished, retainHandling}, for every filter given as a
        string. \a properties: MQTT 5 SUBSCRIBE properties. Returns the mqttResult (rc, mid). */
    Q_INVOKABLE MqttResult subscribe(const QJSValue &filters, const QJSValue &options = QJSValue(),
                                     const QJSValue &properties = QJSValue());
    /*! Unsubscribes from a filter or a list of filters. */
    Q_INVOKABLE MqttResult unsubscribe(const QJSValue &filters, const QJSValue &properties = QJSValue());
    /*! Sets the will (Paho's will_set()); see the will property. */
    Q_INVOKABLE Mqtt::ErrorCode setWill(const QString &topic, const QJSValue &payload = QJSValue(),
                                        const QJSValue &qos = QJSValue(0), bool retain = false,
                                        const QJSValue &properties = QJSValue());
    /*! MQTT 5 enhanced authentication: sends AUTH with a properties object. */
    Q_INVOKABLE Mqtt::ErrorCode sendAuth(int reasonCode, const QJSValue &properties = QJSValue());
    /*! MQTT 5 request/response (MqttClient::request()): publishes \a payload (as for
        publish()) to \a topic and returns the MqttRequest, whose finished(response) or
        failed(error, errorString) follows once; it deletes itself after that. Returns null
        when an argument was refused (argumentRefused() says why); the client's own
        refusals (not connected, MQTT 3.x) come as failed(). */
    Q_INVOKABLE MqttRequest *request(const QString &topic, const QJSValue &payload = QJSValue(),
                                     const QJSValue &qos = QJSValue(1), int timeoutMs = 30000,
                                     const QJSValue &properties = QJSValue());

Q_SIGNALS:
    void connectPropertiesChanged();
    void willChanged();
    void subscriptionsChanged();
    /*! A call's argument was refused before it reached the client; \a errorString names it. */
    void argumentRefused(const QString &errorString);
    // The client's signals carrying MqttProperties, with the properties as a JS object.
    void connackReceived(bool sessionPresent, Mqtt::ReasonCode reasonCode, const QVariantMap &properties);
    void disconnected(Mqtt::ErrorCode error, Mqtt::ReasonCode reasonCode, const QVariantMap &properties);
    void published(int mid, Mqtt::ReasonCode reasonCode, const QVariantMap &properties);
    // Reason codes as a list of numbers (Mqtt.GrantedQoS1...).
    void subscribed(int mid, const QVariantList &reasonCodes, const QVariantMap &properties);
    void unsubscribed(int mid, const QVariantList &reasonCodes, const QVariantMap &properties);
    void authReceived(Mqtt::ReasonCode reasonCode, const QVariantMap &properties);

private:
    void refuseArgument(const QString &call, const QString &why);
    // Checks a reason code and a properties object of \a call; false (and refused) if either is bad.
    bool reasonAndProperties(const QString &call, int reasonCode, const QJSValue &properties, MqttProperties *parsed);
    struct MessageArguments
    {
        QByteArray payload;
        Mqtt::QoS qos = Mqtt::QoS::AtMostOnce;
        MqttProperties properties;
    };
    // Converts the payload, QoS and properties of publish() or request(); false (and
    // refused, naming \a call) if one is bad.
    bool messageArguments(const QString &call, const QJSValue &payload, const QJSValue &qos,
                          const QJSValue &properties, MessageArguments *parsed);

    QPointer<MqttClient> m_client;
};

#endif // MQTTQMLCLIENTEXTENSION_P_H
