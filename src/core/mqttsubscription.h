// Copyright (C) 2026 The MqttQt authors.
// SPDX-License-Identifier: BSD-3-Clause
#ifndef MQTTSUBSCRIPTION_H
#define MQTTSUBSCRIPTION_H

#include "mqttmessage.h"
#include "mqttnamespace.h"
#include "mqttsubscribeoptions.h"

#include <QtCore/QObject>
#include <QtCore/QString>

#include <memory>

class MqttClient;
class MqttClientPrivate;
class MqttSubscriptionPrivate;

/*!
    A subscription that keeps itself alive: made by MqttClient::addSubscription(), it
    subscribes when the client is connected (at once, or after the next CONNACK), and
    subscribes again after every reconnection to a broker that kept no session (inside the
    connackReceived() emission, so it is never among subscriptionsLost()), and not when the
    broker kept it. It carries its own messages and state, like Qt MQTT's
    QMqttSubscription; the QML types MqttSubscription and MqttValue are built on it.

    All objects of one client share one broker subscription per filter (the broker keeps
    one per filter, and one object's UNSUBSCRIBE must not end another's): each SUBSCRIBE
    carries what all of them need (the highest QoS, No Local only if all ask for it, Retain
    As Published if any does, the most generous Retain Handling), and the last one to go
    unsubscribes (while offline: after the next CONNACK, if the broker kept the session).
    With MQTT 5 each filter carries its own subscription identifier, so overlapping filters
    each receive every message exactly once although a broker sends one copy per matching
    subscription; otherwise messages are routed by topic (without a shared subscription's
    \c $share/ prefix). A new object on a filter already subscribed sends SUBSCRIBE again,
    so that it receives the retained messages; those go to the newcomer only, never back
    to objects that already have newer values. The client's messageArrived() and messageReceived() still see every
    message. Do not subscribe() by hand a filter an object uses: the broker would keep the
    last SUBSCRIBE's options and identifier.

    The object is a child of the client; deleting it is unsubscribe().
*/
class MQTTQT_CORE_EXPORT MqttSubscription : public QObject
{
    Q_OBJECT
    Q_PROPERTY(QString filter READ filter CONSTANT)
    Q_PROPERTY(State state READ state NOTIFY stateChanged)
    Q_PROPERTY(int grantedQos READ grantedQos NOTIFY stateChanged)
    Q_PROPERTY(Mqtt::ReasonCode reasonCode READ reasonCode NOTIFY stateChanged)
    Q_PROPERTY(Mqtt::ErrorCode error READ error NOTIFY stateChanged)
    Q_PROPERTY(QString errorString READ errorString NOTIFY stateChanged)
public:
    enum class State : int {
        Unsubscribed, //!< unsubscribe() done, or the client is gone
        Pending,      //!< waiting to subscribe (also while disconnected), or SUBACK awaited
        Subscribed,   //!< granted (grantedQos())
        Error,        //!< refused: an invalid filter, or the broker's SUBACK failure code
    };
    Q_ENUM(State)

    ~MqttSubscription() override;

    MqttClient *client() const;
    QString filter() const;
    MqttSubscribeOptions options() const;
    /*! Changes the options; a SUBSCRIBE follows when the options all objects on the
        filter need change. */
    void setOptions(const MqttSubscribeOptions &options);
    /*! Pending from addSubscription() until the broker grants it (and again while the
        client is disconnected), Subscribed, Error, or Unsubscribed after unsubscribe(). */
    State state() const;
    /*! The QoS the broker granted; -1 unless subscribed. */
    int grantedQos() const;
    /*! The SUBACK's reason code (the granted QoS, or the failure). */
    Mqtt::ReasonCode reasonCode() const;
    /*! Why the state is Error: Invalid (the filter, or Invalid from the broker),
        AclDenied (Not authorized), QueueSize (Quota exceeded), NotSupported (wildcards or
        shared subscriptions not supported), Unknown; NoError otherwise. A broker refusal
        is tried again on the next connection. */
    Mqtt::ErrorCode error() const;
    QString errorString() const;

public Q_SLOTS:
    /*! Leaves the filter's broker subscription (UNSUBSCRIBE when it was the last object on
        it) and stops renewing; the state becomes Unsubscribed at once. */
    void unsubscribe();

Q_SIGNALS:
    /*! A message whose topic matches filter(). */
    void messageReceived(const MqttMessage &message);
    void stateChanged(MqttSubscription::State state);

private:
    explicit MqttSubscription(MqttClient *client);
    friend class MqttClient;
    friend class MqttSubscriptionPrivate;
    std::unique_ptr<MqttSubscriptionPrivate> const d;
};

#endif // MQTTSUBSCRIPTION_H
