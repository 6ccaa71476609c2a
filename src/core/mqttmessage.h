// Copyright (C) 2026 The MqttQt authors.
// SPDX-License-Identifier: BSD-3-Clause
#ifndef MQTTMESSAGE_H
#define MQTTMESSAGE_H

#include "mqttnamespace.h"
#include "mqttproperties.h"

#include <QtCore/QByteArray>
#include <QtCore/QExplicitlySharedDataPointer>
#include <QtCore/QMetaType>
#include <QtCore/QString>

class MqttMessagePrivate;

/*!
    A received message (Paho's \c MQTTMessage). Implicitly shared and read-only: copying
    it, or handing it to several handlers, never copies the payload.
*/
class MQTTQT_CORE_EXPORT MqttMessage
{
    Q_GADGET
    Q_PROPERTY(QString topic READ topic CONSTANT)
    Q_PROPERTY(QByteArray payload READ payload CONSTANT)
    Q_PROPERTY(Mqtt::QoS qos READ qos CONSTANT)
    Q_PROPERTY(bool retain READ retain CONSTANT)
    Q_PROPERTY(bool dup READ dup CONSTANT)
    Q_PROPERTY(int mid READ mid CONSTANT)
public:
    MqttMessage();
    MqttMessage(const MqttMessage &other);
    MqttMessage(MqttMessage &&other) noexcept;
    MqttMessage &operator=(const MqttMessage &other);
    MqttMessage &operator=(MqttMessage &&other) noexcept;
    ~MqttMessage();

    /*! The topic the message was published to. */
    QString topic() const;
    /*! The topic as the UTF-8 bytes received, without conversion. */
    QByteArray topicUtf8() const;
    /*! The payload, complete: MqttQt never truncates a payload. */
    QByteArray payload() const;
    Mqtt::QoS qos() const;
    /*! True for a retained message sent on subscribing, like Paho's \c msg.retain. */
    bool retain() const;
    /*! True if the broker marked this as a possible redelivery. */
    bool dup() const;
    /*! The packet identifier (0 for QoS 0). */
    int mid() const;
    /*! MQTT 5 properties (empty for 3.x). */
    MqttProperties properties() const;

private:
    friend class MqttMessagePrivate;
    QExplicitlySharedDataPointer<MqttMessagePrivate> d;
};

Q_DECLARE_METATYPE(MqttMessage)

#endif // MQTTMESSAGE_H
