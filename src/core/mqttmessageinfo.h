// Copyright (C) 2026 The MqttQt authors.
// SPDX-License-Identifier: BSD-3-Clause
#ifndef MQTTMESSAGEINFO_H
#define MQTTMESSAGEINFO_H

#include "mqttnamespace.h"

#include <QtCore/QExplicitlySharedDataPointer>
#include <QtCore/QMetaType>

#include <utility>

class QDebug;
class MqttMessageInfoPrivate;

/*!
    What MqttClient::publish() returns (Paho's \c MQTTMessageInfo): the result code, the
    message id, and a way to learn or wait for the end of the message's flow.

    A QoS 0 message counts as published once it has been handed to the connection. A
    QoS 1 or 2 message is published when the broker's PUBACK or PUBCOMP arrives; if the
    library has to give up on it (see MqttClient::publishFailed()), isPublished() stays
    false and error() says why. A default-constructed info stands for no message: rc()
    NoError, mid() 0, not published. Copies share the same state; they may be read from
    any thread.
*/
class MQTTQT_CORE_EXPORT MqttMessageInfo
{
    Q_GADGET
    Q_PROPERTY(Mqtt::ErrorCode rc READ rc)
    Q_PROPERTY(int mid READ mid)
    Q_PROPERTY(bool published READ isPublished)
    Q_PROPERTY(Mqtt::ErrorCode error READ error)
    Q_PROPERTY(Mqtt::ReasonCode reasonCode READ reasonCode)
public:
    MqttMessageInfo();
    /*! An info whose outcome is already known: published if \a rc is NoError. */
    MqttMessageInfo(Mqtt::ErrorCode rc, int mid);
    MqttMessageInfo(const MqttMessageInfo &other);
    MqttMessageInfo(MqttMessageInfo &&other) noexcept;
    MqttMessageInfo &operator=(const MqttMessageInfo &other);
    MqttMessageInfo &operator=(MqttMessageInfo &&other) noexcept;
    ~MqttMessageInfo();
    void swap(MqttMessageInfo &other) noexcept
    {
        std::swap(m_rc, other.m_rc);
        std::swap(m_mid, other.m_mid);
        d.swap(other.d);
    }

    /*! The result of the publish() call: Success if the message was accepted (sent or
        queued), otherwise why it was refused; nothing was sent then. */
    Mqtt::ErrorCode rc() const;
    /*! The message id, also carried by MqttClient::published(); 0 if refused. */
    int mid() const;
    /*! True once the message's flow has completed (see the class description). */
    bool isPublished() const;
    /*! Success while pending or published; otherwise why the message failed after it
        was accepted: the library gave up on it (ErrorCode::ConnectionLost with
        republishing off, ErrorCode::PayloadSize when the broker's maximum packet size is
        smaller, ErrorCode::NoConnection when the client was reinitialised or destroyed),
        or an MQTT 5 broker refused it in its PUBACK/PUBREC (ErrorCode::AclDenied for Not
        authorized, ErrorCode::QueueSize for Quota exceeded, ErrorCode::Invalid for an
        invalid topic or payload format, ErrorCode::Unknown for other failure codes). */
    Mqtt::ErrorCode error() const;
    /*! The broker's MQTT 5 reason code once the flow completed (Success, or e.g.
        NoMatchingSubscribers, NotAuthorized); Success while pending and with MQTT 3.x. */
    Mqtt::ReasonCode reasonCode() const;

    /*! Blocks until the message is published or failed, or \a timeoutMs passes (-1: no
        limit). In a thread with an event dispatcher (the client's own, normally) it runs a
        local event loop, so the client keeps working; in a thread without one it sleeps
        until woken. Returns isPublished(); returns
        false at once if rc() is not Success (Paho raises there). */
    bool waitForPublish(int timeoutMs = -1) const;

    /*! Equal when both describe the same publish() call (same rc, mid and shared state). */
    friend MQTTQT_CORE_EXPORT bool operator==(const MqttMessageInfo &a, const MqttMessageInfo &b);
    friend bool operator!=(const MqttMessageInfo &a, const MqttMessageInfo &b) { return !(a == b); }

private:
    friend class MqttMessageInfoPrivate;
    Mqtt::ErrorCode m_rc = Mqtt::ErrorCode::NoError;
    int m_mid = 0;
    // Null when the outcome was known on return (QoS 0, or refused).
    QExplicitlySharedDataPointer<MqttMessageInfoPrivate> d;
};

Q_DECLARE_SHARED(MqttMessageInfo)

MQTTQT_CORE_EXPORT QDebug operator<<(QDebug debug, const MqttMessageInfo &info);

Q_DECLARE_METATYPE(MqttMessageInfo)

#endif // MQTTMESSAGEINFO_H
