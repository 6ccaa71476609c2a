// Copyright (C) 2026 The MqttQt authors.
// SPDX-License-Identifier: BSD-3-Clause
#ifndef MQTTMESSAGEINFO_H
#define MQTTMESSAGEINFO_H

#include "mqttnamespace.h"

#include <QtCore/QExplicitlySharedDataPointer>
#include <QtCore/QMetaType>

class MqttMessageInfoPrivate;

/*!
    What MqttClient::publish() returns (Paho's \c MQTTMessageInfo): the result code, the
    message id, and a way to learn or wait for the end of the message's flow.

    A QoS 0 message counts as published once it has been handed to the connection. A
    QoS 1 or 2 message is published when the broker's PUBACK or PUBCOMP arrives; if the
    library has to give up on it (see MqttClient::publishFailed()), isPublished() stays
    false and error() says why. Copies share the same state; they may be read from any
    thread.
*/
class MQTTQT_CORE_EXPORT MqttMessageInfo
{
    Q_GADGET
    Q_PROPERTY(Mqtt::ErrorCode rc READ rc CONSTANT)
    Q_PROPERTY(int mid READ mid CONSTANT)
public:
    MqttMessageInfo();
    MqttMessageInfo(Mqtt::ErrorCode rc, int mid);
    MqttMessageInfo(const MqttMessageInfo &other);
    MqttMessageInfo &operator=(const MqttMessageInfo &other);
    ~MqttMessageInfo();

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

    /*! Blocks until the message is published or failed, or \a timeoutMs passes (-1: no
        limit). In the client's own thread it runs a local event loop, so the client keeps
        working; from another thread it sleeps until woken. Returns isPublished(); returns
        false at once if rc() is not Success (Paho raises there). */
    bool waitForPublish(int timeoutMs = -1) const;

private:
    friend class MqttMessageInfoPrivate;
    Mqtt::ErrorCode m_rc = Mqtt::ErrorCode::Success;
    int m_mid = 0;
    // Null when the outcome was known on return (QoS 0, or refused).
    QExplicitlySharedDataPointer<MqttMessageInfoPrivate> d;
};

Q_DECLARE_METATYPE(MqttMessageInfo)

#endif // MQTTMESSAGEINFO_H
