// Copyright (C) 2026 The MqttQt authors.
// SPDX-License-Identifier: BSD-3-Clause
#ifndef MQTTMESSAGE_H
#define MQTTMESSAGE_H

#include "mqttnamespace.h"
#include "mqttproperties.h"

#include <QtCore/QByteArray>
#include <QtCore/QMetaType>
#include <QtCore/QSharedDataPointer>
#include <QtCore/QString>

class QDebug;
class MqttMessagePrivate;

/*!
    A message (Paho's \c MQTTMessage): what MqttClient delivers, and what tests can build
    to feed their own handlers without a broker. Implicitly shared: copying it, or handing
    it to several handlers, never copies the payload.
*/
class MQTTQT_CORE_EXPORT MqttMessage
{
    Q_GADGET
    Q_PROPERTY(QString topic READ topic)
    Q_PROPERTY(QByteArray payload READ payload)
    Q_PROPERTY(Mqtt::QoS qos READ qos)
    Q_PROPERTY(bool retain READ retain)
    Q_PROPERTY(bool dup READ dup)
    Q_PROPERTY(int mid READ mid)
    Q_PROPERTY(MqttProperties properties READ properties)
public:
    /*! An empty message: no topic, no payload, QoS 0. */
    MqttMessage();
    /*! A message as a broker would deliver it; mid() is 0 and dup() false. */
    explicit MqttMessage(const QString &topic, const QByteArray &payload = {},
                         Mqtt::QoS qos = Mqtt::QoS::AtMostOnce, bool retain = false,
                         const MqttProperties &properties = {});
    MqttMessage(const MqttMessage &other);
    MqttMessage(MqttMessage &&other) noexcept;
    MqttMessage &operator=(const MqttMessage &other);
    MqttMessage &operator=(MqttMessage &&other) noexcept;
    ~MqttMessage();
    void swap(MqttMessage &other) noexcept { d.swap(other.d); }

    /*! The topic the message was published to. */
    QString topic() const;
    void setTopic(const QString &topic);
    /*! The topic as the UTF-8 bytes received, without conversion. */
    QByteArray topicUtf8() const;
    /*! The payload, complete: MqttQt never truncates a payload. */
    QByteArray payload() const;
    void setPayload(const QByteArray &payload);
    Mqtt::QoS qos() const;
    void setQos(Mqtt::QoS qos);
    /*! True for a retained message sent on subscribing, like Paho's \c msg.retain. */
    bool retain() const;
    void setRetain(bool retain);
    /*! True if the broker marked this as a possible redelivery. */
    bool dup() const;
    void setDup(bool dup);
    /*! The packet identifier the broker used (0 for QoS 0), Paho's \c msg.mid. */
    int mid() const;
    void setMid(int mid);
    /*! MQTT 5 properties (empty for 3.x). */
    MqttProperties properties() const;
    void setProperties(const MqttProperties &properties);

    /*! Equal when topic, payload, QoS, retain, dup, mid and properties are equal. */
    friend MQTTQT_CORE_EXPORT bool operator==(const MqttMessage &a, const MqttMessage &b);
    friend bool operator!=(const MqttMessage &a, const MqttMessage &b) { return !(a == b); }

private:
    friend class MqttMessagePrivate;
    QSharedDataPointer<MqttMessagePrivate> d;
};

Q_DECLARE_SHARED(MqttMessage)

/*! Prints topic, QoS, retain and the payload's size and first bytes. */
MQTTQT_CORE_EXPORT QDebug operator<<(QDebug debug, const MqttMessage &message);

Q_DECLARE_METATYPE(MqttMessage)

#endif // MQTTMESSAGE_H
