// Copyright (C) 2026 The MqttQt authors.
// SPDX-License-Identifier: BSD-3-Clause
#ifndef MQTTSUBSCRIPTION_H
#define MQTTSUBSCRIPTION_H

#include "mqttmessage.h"
#include "mqttnamespace.h"
#include "mqttproperties.h"
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
    subscribes again after every reconnection to a broker that kept no session, so it is
    never among subscriptionsLost(). It carries its own messages (every message whose
    topic matches its filter; messageReceived() and the per-filter handlers of the client
    still see them too) and its state, like Qt MQTT's QMqttSubscription.

    The object is a child of the client. Deleting it unsubscribes (when connected and no
    other subscription object of the client has the same filter). Several objects may share
    a filter: the broker keeps one subscription per filter, so each SUBSCRIBE carries what
    all of them need (the highest QoS, No Local only if all ask for it, Retain As Published
    if any does), and only the last one to go unsubscribes. Do not subscribe() a filter by
    hand that an object uses: the broker would keep the last SUBSCRIBE's options.
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
        Unsubscribed, //!< not subscribed: not connected yet, or unsubscribe() done
        Pending,      //!< SUBSCRIBE sent, SUBACK awaited
        Subscribed,   //!< granted (grantedQos())
        Error,        //!< refused: an invalid filter, or the broker's SUBACK failure code
    };
    Q_ENUM(State)

    ~MqttSubscription() override;

    MqttClient *client() const;
    QString filter() const;
    MqttSubscribeOptions options() const;
    MqttProperties properties() const;
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
    /*! Sends UNSUBSCRIBE (unless another subscription object of the client has the same
        filter) and stops renewing; the state becomes Unsubscribed. */
    void unsubscribe();

Q_SIGNALS:
    /*! A message whose topic matches filter(). */
    void messageReceived(const MqttMessage &message);
    void stateChanged(MqttSubscription::State state);

private:
    explicit MqttSubscription(MqttClient *client);
    friend class MqttClientPrivate;
    friend class MqttClient;
    std::unique_ptr<MqttSubscriptionPrivate> const d;
};

#endif // MQTTSUBSCRIPTION_H
