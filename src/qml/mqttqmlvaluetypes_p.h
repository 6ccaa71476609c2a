// Copyright (C) 2026 The MqttQt authors.
// SPDX-License-Identifier: BSD-3-Clause
#ifndef MQTTQMLVALUETYPES_P_H
#define MQTTQMLVALUETYPES_P_H

//
//  W A R N I N G
//  -------------
// This file is not part of the MqttQt API. It exists for the implementation of
// MqttQt and may change from version to version without notice, or even be removed.
//

#include <MqttQt/MqttClient>

#include <QtCore/QVariant>
#include <QtQml/qqml.h>

// MqttQt's value types as QML reads them. For MqttMessage and MqttServerProperties the
// registration names the class itself as the extension: QML then reads the value through
// this class's properties (the class holds nothing but the value, so the engine can
// treat the value's storage as an instance of it, as Qt Quick does for color). That lets
// QML read the MQTT 5 properties, which MqttProperties (not a gadget) cannot show.

/*!
    \qmlvaluetype mqttMessage
    A received message, as the message argument of MqttClient.messageReceived,
    MqttClient.messageArrived, MqttSubscription.messageReceived and MqttValue.message.
*/
class MqttQmlMessageValueType
{
    MqttMessage v;
    Q_GADGET
    QML_FOREIGN(MqttMessage)
    QML_VALUE_TYPE(mqttMessage)
    QML_EXTENDED(MqttQmlMessageValueType)
    /*! The topic. */
    Q_PROPERTY(QString topic READ topic FINAL)
    /*! The payload's bytes as an ArrayBuffer, complete. */
    Q_PROPERTY(QByteArray payload READ payload FINAL)
    /*! The payload decoded as UTF-8 (invalid sequences become U+FFFD). */
    Q_PROPERTY(QString text READ text FINAL)
    /*! The payload's size in bytes. */
    Q_PROPERTY(int size READ size FINAL)
    /*! The QoS it was delivered with (Mqtt.AtMostOnce...). */
    Q_PROPERTY(Mqtt::QoS qos READ qos FINAL)
    /*! True for a retained message sent on subscribing. */
    Q_PROPERTY(bool retain READ retain FINAL)
    /*! True if the broker marked it as a possible redelivery. */
    Q_PROPERTY(bool dup READ dup FINAL)
    /*! The packet identifier (0 for QoS 0). */
    Q_PROPERTY(int mid READ mid FINAL)
    /*! Every MQTT 5 property as a JS object (MqttProperties::toVariantMap()): contentType,
        messageExpiryInterval, correlationData (ArrayBuffer), subscriptionIdentifiers, and
        userProperties as [{name, value}, ...] in wire order with repeats. Empty with 3.x. */
    Q_PROPERTY(QVariantMap properties READ properties FINAL)
    /*! The user properties as one object, name to value (the last value of a repeated
        name; properties.userProperties has them all). */
    Q_PROPERTY(QVariantMap userProperties READ userProperties FINAL)
    /*! MQTT 5 Content Type, or an empty string. */
    Q_PROPERTY(QString contentType READ contentType FINAL)
    /*! MQTT 5 Response Topic, or an empty string. */
    Q_PROPERTY(QString responseTopic READ responseTopic FINAL)
    /*! MQTT 5 Correlation Data as an ArrayBuffer (empty if absent). */
    Q_PROPERTY(QByteArray correlationData READ correlationData FINAL)
    /*! MQTT 5 Message Expiry Interval in seconds, or -1 if absent. */
    Q_PROPERTY(double messageExpiryInterval READ messageExpiryInterval FINAL)

public:
    QString topic() const { return v.topic(); }
    QByteArray payload() const { return v.payload(); }
    QString text() const { return QString::fromUtf8(v.payload()); }
    int size() const { return int(v.payload().size()); }
    Mqtt::QoS qos() const { return v.qos(); }
    bool retain() const { return v.retain(); }
    bool dup() const { return v.dup(); }
    int mid() const { return v.mid(); }
    QVariantMap properties() const;
    QVariantMap userProperties() const;
    QString contentType() const;
    QString responseTopic() const;
    QByteArray correlationData() const;
    double messageExpiryInterval() const;
    /*! "mqttMessage(topic, N bytes, qos Q[, retained])". */
    Q_INVOKABLE QString toString() const;
};

/*!
    \qmlvaluetype mqttServerProperties
    What the broker said in its last CONNACK: MqttClient.serverProperties.
*/
class MqttQmlServerPropertiesValueType
{
    MqttServerProperties v;
    Q_GADGET
    QML_FOREIGN(MqttServerProperties)
    QML_VALUE_TYPE(mqttServerProperties)
    QML_EXTENDED(MqttQmlServerPropertiesValueType)
    Q_PROPERTY(bool valid READ valid FINAL)
    Q_PROPERTY(bool sessionPresent READ sessionPresent FINAL)
    Q_PROPERTY(Mqtt::ReasonCode reasonCode READ reasonCode FINAL)
    Q_PROPERTY(int returnCode READ returnCode FINAL)
    Q_PROPERTY(int receiveMaximum READ receiveMaximum FINAL)
    Q_PROPERTY(double maximumPacketSize READ maximumPacketSize FINAL)
    Q_PROPERTY(Mqtt::QoS maximumQos READ maximumQos FINAL)
    Q_PROPERTY(bool retainAvailable READ retainAvailable FINAL)
    Q_PROPERTY(bool wildcardSubscriptionAvailable READ wildcardSubscriptionAvailable FINAL)
    Q_PROPERTY(bool subscriptionIdentifierAvailable READ subscriptionIdentifierAvailable FINAL)
    Q_PROPERTY(bool sharedSubscriptionAvailable READ sharedSubscriptionAvailable FINAL)
    Q_PROPERTY(int topicAliasMaximum READ topicAliasMaximum FINAL)
    Q_PROPERTY(int serverKeepAlive READ serverKeepAlive FINAL)
    Q_PROPERTY(double sessionExpiryInterval READ sessionExpiryInterval FINAL)
    Q_PROPERTY(QString assignedClientIdentifier READ assignedClientIdentifier FINAL)
    Q_PROPERTY(QString responseInformation READ responseInformation FINAL)
    Q_PROPERTY(QString serverReference READ serverReference FINAL)
    Q_PROPERTY(QString reasonString READ reasonString FINAL)
    Q_PROPERTY(QString authenticationMethod READ authenticationMethod FINAL)
    /*! Every CONNACK property as a JS object (see mqttMessage.properties). */
    Q_PROPERTY(QVariantMap properties READ properties FINAL)

public:
    bool valid() const { return v.isValid(); }
    bool sessionPresent() const { return v.sessionPresent(); }
    Mqtt::ReasonCode reasonCode() const { return v.reasonCode(); }
    int returnCode() const { return v.returnCode(); }
    int receiveMaximum() const { return v.receiveMaximum(); }
    double maximumPacketSize() const { return double(v.maximumPacketSize()); }
    Mqtt::QoS maximumQos() const { return v.maximumQos(); }
    bool retainAvailable() const { return v.retainAvailable(); }
    bool wildcardSubscriptionAvailable() const { return v.wildcardSubscriptionAvailable(); }
    bool subscriptionIdentifierAvailable() const { return v.subscriptionIdentifierAvailable(); }
    bool sharedSubscriptionAvailable() const { return v.sharedSubscriptionAvailable(); }
    int topicAliasMaximum() const { return v.topicAliasMaximum(); }
    int serverKeepAlive() const { return v.serverKeepAlive(); }
    double sessionExpiryInterval() const { return double(v.sessionExpiryInterval()); }
    QString assignedClientIdentifier() const { return v.assignedClientIdentifier(); }
    QString responseInformation() const { return v.responseInformation(); }
    QString serverReference() const { return v.serverReference(); }
    QString reasonString() const { return v.reasonString(); }
    QString authenticationMethod() const { return v.authenticationMethod(); }
    QVariantMap properties() const;
};

/*!
    \qmlvaluetype mqttMessageInfo
    What MqttClient.publish() returns: rc, mid, published, error, reasonCode.
*/
struct MqttQmlMessageInfoForeign
{
    Q_GADGET
    QML_FOREIGN(MqttMessageInfo)
    QML_VALUE_TYPE(mqttMessageInfo)
};

/*!
    \qmlvaluetype mqttResult
    What MqttClient.subscribe() and unsubscribe() return: rc and mid.
*/
struct MqttQmlResultForeign
{
    Q_GADGET
    QML_FOREIGN(MqttResult)
    QML_VALUE_TYPE(mqttResult)
};

#endif // MQTTQMLVALUETYPES_P_H
