// Copyright (C) 2026 The MqttQt authors.
// SPDX-License-Identifier: BSD-3-Clause
#ifndef MQTTQMLVALUE_P_H
#define MQTTQMLVALUE_P_H

//
//  W A R N I N G
//  -------------
// This file is not part of the MqttQt API. It exists for the implementation of
// MqttQt and may change from version to version without notice, or even be removed.
//

#include "mqttqmlsubscription_p.h"

#include <QtCore/QDateTime>
#include <QtCore/QVariant>

/*!
    \qmltype MqttValue
    \inherits MqttSubscription
    The latest value on a topic, for labels, gauges and switches:

    \qml
    MqttValue { id: temp; client: client; topic: "plant/line1/temp" }
    Label { text: temp.valid ? temp.value.toFixed(1) + " °C" : "--" }
    \endqml

    Every property of MqttSubscription applies (a wildcard topic gives the latest message
    on any matching topic; message.topic says which). value is a number when the payload
    is one ("21.5", "-3", "1e3", "nan"), the JSON value when it is JSON (an object, an
    array, a quoted string, true, false, null), and the text otherwise. With jsonPath the
    payload must be JSON and value is the member it names.

    An empty payload (a retained message being deleted) makes the value invalid. A
    payload jsonPath cannot read also makes it invalid and sets error (Mqtt.Invalid) and
    errorString until a readable one arrives.
*/
class MqttQmlValue : public MqttQmlSubscription
{
    Q_OBJECT
    QML_NAMED_ELEMENT(MqttValue)
    /*! The latest value (see the type's description); undefined while not valid. */
    Q_PROPERTY(QVariant value READ value NOTIFY valueChanged FINAL)
    /*! The latest payload as UTF-8 text (the whole payload, even with jsonPath). */
    Q_PROPERTY(QString text READ text NOTIFY valueChanged FINAL)
    /*! The latest payload as an ArrayBuffer. */
    Q_PROPERTY(QByteArray payload READ payload NOTIFY valueChanged FINAL)
    /*! True if the latest message was a retained one sent on subscribing (a value from
        before this subscription, possibly old). */
    Q_PROPERTY(bool retained READ retained NOTIFY valueChanged FINAL)
    /*! When the latest message arrived; invalid (an invalid Date) before the first. */
    Q_PROPERTY(QDateTime timestamp READ timestamp NOTIFY valueChanged FINAL)
    /*! The latest message itself (topic, QoS, MQTT 5 properties...). */
    Q_PROPERTY(MqttMessage message READ message NOTIFY valueChanged FINAL)
    /*! True once a message with a readable value arrived. Cleared by an empty or
        unreadable payload, and when topic or client change. */
    Q_PROPERTY(bool valid READ isValid NOTIFY validChanged FINAL)
    /*! Picks a member of a JSON payload: names separated by dots, array indexes in
        brackets ("speed", "motor.rpm", "sensors[2].value", "[0]"). Empty (the default):
        the whole payload. A path that is not well formed sets error Mqtt.Invalid. */
    Q_PROPERTY(QString jsonPath READ jsonPath WRITE setJsonPath NOTIFY jsonPathChanged FINAL)

public:
    explicit MqttQmlValue(QObject *parent = nullptr);

    QVariant value() const { return m_value; }
    QString text() const { return QString::fromUtf8(m_message.payload()); }
    QByteArray payload() const { return m_message.payload(); }
    bool retained() const { return m_message.retain(); }
    QDateTime timestamp() const { return m_timestamp; }
    MqttMessage message() const { return m_message; }
    bool isValid() const { return m_valid; }
    QString jsonPath() const { return m_jsonPath; }
    void setJsonPath(const QString &path);

    /*! Reads \a payload as MqttValue does with \a jsonPath; returns false and sets \a why
        if it cannot. */
    static bool readValue(const QByteArray &payload, const QString &jsonPath, QVariant *value, QString *why);

Q_SIGNALS:
    /*! A message arrived (value, text, payload, retained, timestamp and message changed),
        or the value was cleared. */
    void valueChanged();
    void validChanged();
    void jsonPathChanged();

protected:
    void handleMessage(const MqttMessage &message) override;
    void resetReceived() override;

private:
    void evaluate();

    MqttMessage m_message;
    QDateTime m_timestamp;
    QVariant m_value;
    QString m_jsonPath;
    bool m_valid = false;
    bool m_received = false;
};

#endif // MQTTQMLVALUE_P_H
