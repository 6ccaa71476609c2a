// Copyright (C) 2026 The MqttQt authors.
// SPDX-License-Identifier: BSD-3-Clause
#ifndef MQTTSERVERPROPERTIES_H
#define MQTTSERVERPROPERTIES_H

#include "mqttnamespace.h"
#include "mqttproperties.h"

#include <QtCore/QMetaType>
#include <QtCore/QSharedDataPointer>
#include <QtCore/QString>

class QDebug;
class MqttServerPropertiesPrivate;

/*!
    What the broker said in its last CONNACK (Qt MQTT's \c QMqttServerConnectionProperties):
    the outcome, and, with MQTT 5, the limits the client must respect. Each limit reads as
    the spec's default when the broker did not send it, so the values are always usable.
    Read it with MqttClient::serverProperties(). Implicitly shared.
*/
class MQTTQT_CORE_EXPORT MqttServerProperties
{
    Q_GADGET
    Q_PROPERTY(bool valid READ isValid)
    Q_PROPERTY(bool sessionPresent READ sessionPresent)
    Q_PROPERTY(Mqtt::ReasonCode reasonCode READ reasonCode)
    Q_PROPERTY(int returnCode READ returnCode)
    Q_PROPERTY(int receiveMaximum READ receiveMaximum)
    Q_PROPERTY(qint64 maximumPacketSize READ maximumPacketSize)
    Q_PROPERTY(Mqtt::QoS maximumQos READ maximumQos)
    Q_PROPERTY(bool retainAvailable READ retainAvailable)
    Q_PROPERTY(bool wildcardSubscriptionAvailable READ wildcardSubscriptionAvailable)
    Q_PROPERTY(bool subscriptionIdentifierAvailable READ subscriptionIdentifierAvailable)
    Q_PROPERTY(bool sharedSubscriptionAvailable READ sharedSubscriptionAvailable)
    Q_PROPERTY(int topicAliasMaximum READ topicAliasMaximum)
    Q_PROPERTY(int serverKeepAlive READ serverKeepAlive)
    Q_PROPERTY(qint64 sessionExpiryInterval READ sessionExpiryInterval)
    Q_PROPERTY(QString assignedClientIdentifier READ assignedClientIdentifier)
    Q_PROPERTY(QString responseInformation READ responseInformation)
    Q_PROPERTY(QString serverReference READ serverReference)
    Q_PROPERTY(QString reasonString READ reasonString)
    Q_PROPERTY(QString authenticationMethod READ authenticationMethod)
    Q_PROPERTY(MqttProperties properties READ properties)
public:
    /*! No CONNACK yet: isValid() is false and every limit reads as the spec's default. */
    MqttServerProperties();
    MqttServerProperties(const MqttServerProperties &other);
    MqttServerProperties(MqttServerProperties &&other) noexcept;
    MqttServerProperties &operator=(const MqttServerProperties &other);
    MqttServerProperties &operator=(MqttServerProperties &&other) noexcept;
    ~MqttServerProperties();
    void swap(MqttServerProperties &other) noexcept { d.swap(other.d); }

    /*! True once a CONNACK arrived. */
    bool isValid() const;
    /*! The broker kept a session for this client id. */
    bool sessionPresent() const;
    /*! The outcome as an MQTT 5 reason code. MQTT 3.x return codes are mapped as Paho 2
        maps them: 1 -> UnsupportedProtocolVersion, 2 -> ClientIdentifierNotValid,
        3 -> ServerUnavailable, 4 -> BadUserNameOrPassword, 5 -> NotAuthorized. */
    Mqtt::ReasonCode reasonCode() const;
    /*! The byte the broker sent: the MQTT 3.x return code (Mqtt::ConnackCode), or the MQTT 5
        reason code. */
    int returnCode() const;
    /*! MQTT 5 Receive Maximum: QoS 1/2 messages the broker accepts in flight. Default 65535. */
    int receiveMaximum() const;
    /*! MQTT 5 Maximum Packet Size in bytes. Default 268,435,460 (the protocol's limit). */
    qint64 maximumPacketSize() const;
    /*! MQTT 5 Maximum QoS. Default ExactlyOnce. */
    Mqtt::QoS maximumQos() const;
    /*! MQTT 5 Retain Available. Default true. */
    bool retainAvailable() const;
    /*! MQTT 5 Wildcard Subscription Available. Default true. */
    bool wildcardSubscriptionAvailable() const;
    /*! MQTT 5 Subscription Identifiers Available. Default true. */
    bool subscriptionIdentifierAvailable() const;
    /*! MQTT 5 Shared Subscription Available. Default true. */
    bool sharedSubscriptionAvailable() const;
    /*! MQTT 5 Topic Alias Maximum: aliases the client may use towards the broker.
        Default 0 (none). */
    int topicAliasMaximum() const;
    /*! MQTT 5 Server Keep Alive in seconds, which replaces the client's keepalive; -1 when
        the broker did not send one. */
    int serverKeepAlive() const;
    /*! MQTT 5 Session Expiry Interval the broker chose; -1 when it kept the client's. */
    qint64 sessionExpiryInterval() const;
    /*! MQTT 5 Assigned Client Identifier (the client sent an empty one). */
    QString assignedClientIdentifier() const;
    /*! MQTT 5 Response Information. */
    QString responseInformation() const;
    /*! MQTT 5 Server Reference: another broker to use. */
    QString serverReference() const;
    /*! MQTT 5 Reason String. */
    QString reasonString() const;
    /*! MQTT 5 Authentication Method. */
    QString authenticationMethod() const;
    /*! Every CONNACK property as received (MQTT 5). */
    MqttProperties properties() const;

    friend MQTTQT_CORE_EXPORT bool operator==(const MqttServerProperties &a, const MqttServerProperties &b);
    friend bool operator!=(const MqttServerProperties &a, const MqttServerProperties &b) { return !(a == b); }

private:
    friend class MqttServerPropertiesPrivate;
    QSharedDataPointer<MqttServerPropertiesPrivate> d;
};

Q_DECLARE_SHARED(MqttServerProperties)

MQTTQT_CORE_EXPORT QDebug operator<<(QDebug debug, const MqttServerProperties &properties);

Q_DECLARE_METATYPE(MqttServerProperties)

#endif // MQTTSERVERPROPERTIES_H
