// Copyright (C) 2026 The MqttQt authors.
// SPDX-License-Identifier: BSD-3-Clause
#ifndef MQTTSUBSCRIPTIONREGISTRY_P_H
#define MQTTSUBSCRIPTIONREGISTRY_P_H

//
//  W A R N I N G
//  -------------
// This file is not part of the MqttQt API. It exists for the implementation of
// MqttQt and may change from version to version without notice, or even be removed.
//

#include "mqttclient.h"

#include <QtCore/QHash>
#include <QtCore/QObject>
#include <QtCore/QPointer>

#include <memory>
#include <vector>

class MqttSubscription;

/*
    The subscriptions the MqttSubscription objects of one client hold (addSubscription();
    the QML MqttSubscription and MqttValue are built on them): one per filter however many
    objects want it, because a broker keeps one subscription per filter and an UNSUBSCRIBE
    by one object must not end another's. A child of the client, made on first use.

    - Subscribes when an object attaches and the client is connected, and on every
      accepted CONNACK for entries the broker did not keep (sessionPresent false, or never
      granted), called by the client just before it emits connackReceived(), so that the
      client does not report them lost and handlers find them renewed. Subscription options are combined over the objects: the highest QoS,
      No Local only if all ask for it, Retain As Published if any does, the most generous
      Retain Handling.
    - Unsubscribes when the last object leaves; while offline, remembers the filter and
      unsubscribes after the next CONNACK if the broker kept the session.
    - Delivers from messageArrived() (which per-filter handlers cannot take away) to the
      objects of each matching entry. With MQTT 5 and a broker that supports them, each
      entry carries its own subscription identifier and receives exactly the copies sent
      for it (a broker sends one copy per matching subscription then); otherwise by topic
      matching ($share/<group>/ removed).
    - A retained message sent because of a SUBSCRIBE goes only to the objects that
      SUBSCRIBE was for: an object joining an existing entry triggers a new SUBSCRIBE so
      that it gets the retained messages, and the objects already there do not get them
      again (they may be older than what they already have). Brokers set the retain flag
      only on messages sent because of a new subscription [MQTT-3.3.1-9] and send them
      after the SUBACK (mosquitto does); a SUBSCRIBE's generation becomes current when its
      SUBACK arrives.
*/
class MqttSubscriptionRegistry : public QObject
{
    Q_OBJECT
public:
    enum class EntryState { Pending, Subscribed, Error };

    explicit MqttSubscriptionRegistry(MqttClient *client);
    ~MqttSubscriptionRegistry() override;

    /*! Adds \a user to the entry for \a filter (a valid filter) with \a options; the
        entry's state reaches the user through MqttSubscriptionPrivate::setEntryState(). */
    void attach(MqttSubscription *user, const QString &filter, const MqttSubscribeOptions &options);
    /*! Removes \a user from its entry; the last user unsubscribes. */
    void detach(MqttSubscription *user);
    /*! \a user's options changed (same filter). */
    void setOptions(MqttSubscription *user, const MqttSubscribeOptions &options);

    MqttClient *client() const { return m_client; }
    /*! Called by the client for an accepted CONNACK, before it emits connackReceived(): the
        entries the broker did not keep are subscribed again. */
    void onConnackReceived(bool sessionPresent, Mqtt::ReasonCode reasonCode);

private:
    struct User
    {
        QPointer<MqttSubscription> object;
        MqttSubscribeOptions options;
        quint64 generation = 0; // the SUBSCRIBE whose retained messages this user takes
    };
    struct Entry
    {
        QString filter;
        QString matchFilter; // without $share/<group>/
        std::vector<User> users;
        MqttSubscribeOptions sentOptions;
        quint32 subscriptionId = 0; // MQTT 5 identifier, constant for the entry
        bool idInUse = false;       // the last SUBSCRIBE carried subscriptionId
        int pendingMid = 0;         // the SUBSCRIBE whose SUBACK decides the state
        bool granted = false;       // granted on this connection or a kept session
        quint64 ackedGeneration = 0;
        EntryState state = EntryState::Pending;
        int grantedQos = -1;
        int lastGrantedQos = -1; // survives a disconnection, for a kept session
        Mqtt::ErrorCode error = Mqtt::ErrorCode::NoError;
        QString errorString;
        Mqtt::ReasonCode reasonCode = Mqtt::ReasonCode::Success;
    };
    struct PendingSubscribe
    {
        std::weak_ptr<Entry> entry;
        quint64 generation = 0;
    };

    std::shared_ptr<Entry> entryOf(const MqttSubscription *user, User **found = nullptr) const;
    static MqttSubscribeOptions effectiveOptions(const Entry &entry);
    // Sends SUBSCRIBE for \a entry; users in \a forUsers take its retained messages.
    void subscribeEntry(const std::shared_ptr<Entry> &entry, const QList<const MqttSubscription *> &forUsers);
    void removeEntry(const std::shared_ptr<Entry> &entry);
    void setEntryState(Entry &entry, EntryState state, int grantedQos = -1,
                       Mqtt::ErrorCode error = Mqtt::ErrorCode::NoError, const QString &errorString = QString(),
                       Mqtt::ReasonCode reasonCode = Mqtt::ReasonCode::Success);
    void pushState(const Entry &entry, MqttSubscription *user) const;
    bool connected() const;

    void onStateChanged(Mqtt::ClientState state);
    void onSubscribed(int mid, const QList<Mqtt::ReasonCode> &reasonCodes);
    void onSubscriptionsLost(const QStringList &filters);
    void onMessageArrived(const MqttMessage &message);

    MqttClient *const m_client;
    std::vector<std::shared_ptr<Entry>> m_entries;
    QHash<int, PendingSubscribe> m_pending;
    QStringList m_unsubscribeIfKept;
    quint64 m_generation = 0;
    quint32 m_nextSubscriptionId = 1;
};

#endif // MQTTSUBSCRIPTIONREGISTRY_P_H
