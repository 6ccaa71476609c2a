// Copyright (C) 2026 The MqttQt authors.
// SPDX-License-Identifier: BSD-3-Clause
#ifndef MQTTWILL_H
#define MQTTWILL_H

#include "mqttnamespace.h"
#include "mqttproperties.h"

#include <QtCore/QByteArray>
#include <QtCore/QMetaType>
#include <QtCore/QSharedDataPointer>
#include <QtCore/QString>

class MqttWillPrivate;

/*!
    The last will (Paho's \c will_set() arguments): what the broker publishes if the
    connection ends without a DISCONNECT. Implicitly shared. A default-constructed will
    is null (isNull()): no will is sent. MqttClient::setWill() validates it.
*/
class MQTTQT_CORE_EXPORT MqttWill
{
public:
    MqttWill();
    MqttWill(const QString &topic, const QByteArray &payload,
             Mqtt::QoS qos = Mqtt::QoS::AtMostOnce, bool retain = false,
             const MqttProperties &properties = {});
    MqttWill(const MqttWill &other);
    MqttWill &operator=(const MqttWill &other);
    ~MqttWill();

    /*! True if no topic is set: no will is sent. */
    bool isNull() const;
    QString topic() const;
    QByteArray payload() const;
    Mqtt::QoS qos() const;
    bool retain() const;
    /*! MQTT 5 will properties (e.g. WillDelayInterval, MessageExpiryInterval). */
    MqttProperties properties() const;

    friend MQTTQT_CORE_EXPORT bool operator==(const MqttWill &a, const MqttWill &b);
    friend bool operator!=(const MqttWill &a, const MqttWill &b) { return !(a == b); }

private:
    QSharedDataPointer<MqttWillPrivate> d;
};

/*!
    One entry of a SUBSCRIBE (Paho's topic and QoS, plus MQTT 5 \c SubscribeOptions).
    The MQTT 5 options are refused with MQTT 3.x (ErrorCode::Invalid) rather than dropped.
*/
class MQTTQT_CORE_EXPORT MqttSubscription
{
public:
    MqttSubscription() = default;
    MqttSubscription(const QString &filter, Mqtt::QoS qos = Mqtt::QoS::AtMostOnce)
        : m_filter(filter), m_qos(qos)
    {
    }

    QString filter() const { return m_filter; }
    void setFilter(const QString &filter) { m_filter = filter; }
    /*! Maximum QoS the broker may use for this subscription. */
    Mqtt::QoS qos() const { return m_qos; }
    void setQoS(Mqtt::QoS qos) { m_qos = qos; }
    /*! MQTT 5: do not receive messages this client published itself. Default false. */
    bool noLocal() const { return m_noLocal; }
    void setNoLocal(bool on) { m_noLocal = on; }
    /*! MQTT 5: keep the retain flag as published on forwarded messages. Default false. */
    bool retainAsPublished() const { return m_retainAsPublished; }
    void setRetainAsPublished(bool on) { m_retainAsPublished = on; }
    /*! MQTT 5: when retained messages are sent. Default SendOnSubscribe. */
    Mqtt::RetainHandling retainHandling() const { return m_retainHandling; }
    void setRetainHandling(Mqtt::RetainHandling h) { m_retainHandling = h; }

private:
    QString m_filter;
    Mqtt::QoS m_qos = Mqtt::QoS::AtMostOnce;
    bool m_noLocal = false;
    bool m_retainAsPublished = false;
    Mqtt::RetainHandling m_retainHandling = Mqtt::RetainHandling::SendOnSubscribe;
};

Q_DECLARE_METATYPE(MqttWill)
Q_DECLARE_METATYPE(MqttSubscription)

#endif // MQTTWILL_H
