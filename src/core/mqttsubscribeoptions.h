// Copyright (C) 2026 The MqttQt authors.
// SPDX-License-Identifier: BSD-3-Clause
#ifndef MQTTSUBSCRIBEOPTIONS_H
#define MQTTSUBSCRIBEOPTIONS_H

#include "mqttnamespace.h"

#include <QtCore/QMetaType>
#include <QtCore/QSharedDataPointer>

class QDebug;
class MqttSubscribeOptionsPrivate;

/*!
    The options of one subscription (Paho's \c SubscribeOptions): the maximum QoS, and the
    MQTT 5 options No Local, Retain As Published and Retain Handling. Implicitly shared.

    Implicitly constructible from a Mqtt::QoS, so that
    \c {client.subscribe(u"a/#"_s, Mqtt::QoS::AtLeastOnce)} and
    \c {client.subscribe({{u"a"_s, Mqtt::QoS::AtMostOnce}, {u"b"_s, options}})} read well.
    MqttClient::subscribe() refuses the MQTT 5 options with MQTT 3.x (ErrorCode::Invalid)
    rather than dropping them.
*/
class MQTTQT_CORE_EXPORT MqttSubscribeOptions
{
    Q_GADGET
    Q_PROPERTY(Mqtt::QoS qos READ qos WRITE setQos)
    Q_PROPERTY(bool noLocal READ noLocal WRITE setNoLocal)
    Q_PROPERTY(bool retainAsPublished READ retainAsPublished WRITE setRetainAsPublished)
    Q_PROPERTY(Mqtt::RetainHandling retainHandling READ retainHandling WRITE setRetainHandling)
public:
    /*! QoS 0, no MQTT 5 options. */
    MqttSubscribeOptions();
    /*! The given maximum QoS, no MQTT 5 options. */
    MqttSubscribeOptions(Mqtt::QoS qos); // NOLINT(google-explicit-constructor): reads as a QoS
    MqttSubscribeOptions(const MqttSubscribeOptions &other);
    MqttSubscribeOptions(MqttSubscribeOptions &&other) noexcept;
    MqttSubscribeOptions &operator=(const MqttSubscribeOptions &other);
    MqttSubscribeOptions &operator=(MqttSubscribeOptions &&other) noexcept;
    ~MqttSubscribeOptions();
    void swap(MqttSubscribeOptions &other) noexcept { d.swap(other.d); }

    /*! The maximum QoS the broker may use for this subscription. Default AtMostOnce. */
    Mqtt::QoS qos() const;
    void setQos(Mqtt::QoS qos);
    /*! MQTT 5: do not receive messages this client published itself. Default false. */
    bool noLocal() const;
    void setNoLocal(bool noLocal);
    /*! MQTT 5: keep the retain flag as published on forwarded messages. Default false. */
    bool retainAsPublished() const;
    void setRetainAsPublished(bool retainAsPublished);
    /*! MQTT 5: when retained messages are sent. Default SendOnSubscribe. */
    Mqtt::RetainHandling retainHandling() const;
    void setRetainHandling(Mqtt::RetainHandling handling);
    /*! True if any MQTT 5-only option differs from its default. */
    bool hasMqtt5Options() const;

    friend MQTTQT_CORE_EXPORT bool operator==(const MqttSubscribeOptions &a, const MqttSubscribeOptions &b);
    friend bool operator!=(const MqttSubscribeOptions &a, const MqttSubscribeOptions &b) { return !(a == b); }

private:
    QSharedDataPointer<MqttSubscribeOptionsPrivate> d;
};

Q_DECLARE_SHARED(MqttSubscribeOptions)

MQTTQT_CORE_EXPORT QDebug operator<<(QDebug debug, const MqttSubscribeOptions &options);

Q_DECLARE_METATYPE(MqttSubscribeOptions)

#endif // MQTTSUBSCRIBEOPTIONS_H
