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

class QDebug;
class MqttWillPrivate;

/*!
    The last will (Paho's \c will_set() arguments): what the broker publishes if the
    connection ends without a DISCONNECT. Implicitly shared. A default-constructed will
    is null (isNull()): no will is sent. MqttClient::setWill() validates it.
*/
class MQTTQT_CORE_EXPORT MqttWill
{
    Q_GADGET
    Q_PROPERTY(QString topic READ topic)
    Q_PROPERTY(QByteArray payload READ payload)
    Q_PROPERTY(Mqtt::QoS qos READ qos)
    Q_PROPERTY(bool retain READ retain)
    Q_PROPERTY(MqttProperties properties READ properties)
public:
    MqttWill();
    MqttWill(const QString &topic, const QByteArray &payload,
             Mqtt::QoS qos = Mqtt::QoS::AtMostOnce, bool retain = false,
             const MqttProperties &properties = {});
    MqttWill(const MqttWill &other);
    MqttWill(MqttWill &&other) noexcept;
    MqttWill &operator=(const MqttWill &other);
    MqttWill &operator=(MqttWill &&other) noexcept;
    ~MqttWill();
    void swap(MqttWill &other) noexcept { d.swap(other.d); }

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

Q_DECLARE_SHARED(MqttWill)

MQTTQT_CORE_EXPORT QDebug operator<<(QDebug debug, const MqttWill &will);

Q_DECLARE_METATYPE(MqttWill)

#endif // MQTTWILL_H
