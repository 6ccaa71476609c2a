// Copyright (C) 2026 The MqttQt authors.
// SPDX-License-Identifier: BSD-3-Clause
#include "mqttsubscriptionregistry_p.h"

#include "mqttsubscription_p.h"

#include <algorithm>

namespace {

// Subscription identifiers are 1..268,435,455 [MQTT-3.8.2.1.2].
constexpr quint32 MaxSubscriptionId = 268435455;

QString matchFilterOf(const QString &filter)
{
    // $share/<group>/<filter>: messages arrive with topics matching <filter>.
    if (filter.startsWith(QLatin1String("$share/"))) {
        const qsizetype slash = filter.indexOf(QLatin1Char('/'), 7);
        if (slash > 0)
            return filter.mid(slash + 1);
    }
    return filter;
}

Mqtt::ErrorCode errorForRefusal(Mqtt::ReasonCode code)
{
    switch (code) {
    case Mqtt::ReasonCode::NotAuthorized:
        return Mqtt::ErrorCode::AclDenied;
    case Mqtt::ReasonCode::TopicFilterInvalid:
        return Mqtt::ErrorCode::Invalid;
    case Mqtt::ReasonCode::QuotaExceeded:
        return Mqtt::ErrorCode::QueueSize;
    case Mqtt::ReasonCode::SharedSubscriptionsNotSupported:
    case Mqtt::ReasonCode::SubscriptionIdentifiersNotSupported:
    case Mqtt::ReasonCode::WildcardSubscriptionsNotSupported:
        return Mqtt::ErrorCode::NotSupported;
    default:
        return Mqtt::ErrorCode::Unknown;
    }
}

} // namespace

MqttSubscriptionRegistry::MqttSubscriptionRegistry(MqttClient *client) : QObject(client), m_client(client)
{
    connect(client, &MqttClient::stateChanged, this, &MqttSubscriptionRegistry::onStateChanged);
    connect(client, &MqttClient::subscribed, this,
            [this](int mid, const QList<Mqtt::ReasonCode> &codes, const MqttProperties &) { onSubscribed(mid, codes); });
    connect(client, &MqttClient::subscriptionsLost, this, &MqttSubscriptionRegistry::onSubscriptionsLost);
    connect(client, &MqttClient::messageArrived, this, &MqttSubscriptionRegistry::onMessageArrived);
}

MqttSubscriptionRegistry::~MqttSubscriptionRegistry()
{
    // Destroyed with the client (a child of it): the client is already gone, so only the
    // users are told.
    const auto entries = std::exchange(m_entries, {});
    for (const auto &entry : entries) {
        for (const User &user : entry->users) {
            if (user.object)
                MqttSubscriptionPrivate::get(user.object)->registryGone();
        }
    }
}

bool MqttSubscriptionRegistry::connected() const
{
    return m_client->state() == Mqtt::ClientState::Connected;
}

std::shared_ptr<MqttSubscriptionRegistry::Entry> MqttSubscriptionRegistry::entryOf(const MqttSubscription *user,
                                                                                         User **found) const
{
    for (const auto &entry : m_entries) {
        for (User &u : entry->users) {
            if (u.object == user) {
                if (found)
                    *found = &u;
                return entry;
            }
        }
    }
    return nullptr;
}

MqttSubscribeOptions MqttSubscriptionRegistry::effectiveOptions(const Entry &entry)
{
    MqttSubscribeOptions combined;
    bool first = true;
    for (const User &u : entry.users) {
        if (first) {
            combined = u.options;
            first = false;
            continue;
        }
        if (int(u.options.qos()) > int(combined.qos()))
            combined.setQos(u.options.qos());
        combined.setNoLocal(combined.noLocal() && u.options.noLocal());
        combined.setRetainAsPublished(combined.retainAsPublished() || u.options.retainAsPublished());
        if (int(u.options.retainHandling()) < int(combined.retainHandling()))
            combined.setRetainHandling(u.options.retainHandling());
    }
    return combined;
}

void MqttSubscriptionRegistry::pushState(const Entry &entry, MqttSubscription *user) const
{
    MqttSubscription::State state = MqttSubscription::State::Pending;
    if (entry.state == EntryState::Subscribed)
        state = MqttSubscription::State::Subscribed;
    else if (entry.state == EntryState::Error)
        state = MqttSubscription::State::Error;
    MqttSubscriptionPrivate::get(user)->setEntryState(state, entry.grantedQos, entry.error, entry.errorString,
                                                      entry.reasonCode);
}

void MqttSubscriptionRegistry::setEntryState(Entry &entry, EntryState state, int grantedQos, Mqtt::ErrorCode error,
                                                const QString &errorString, Mqtt::ReasonCode reasonCode)
{
    entry.state = state;
    entry.grantedQos = grantedQos;
    entry.error = error;
    entry.errorString = errorString;
    entry.reasonCode = reasonCode;
    // A user's handler may detach users: work on a snapshot.
    QList<QPointer<MqttSubscription>> users;
    for (const User &u : entry.users)
        users.append(u.object);
    for (const auto &user : users) {
        if (user)
            pushState(entry, user);
    }
}

void MqttSubscriptionRegistry::subscribeEntry(const std::shared_ptr<Entry> &entry,
                                                 const QList<const MqttSubscription *> &forUsers)
{
    const MqttSubscribeOptions options = effectiveOptions(*entry);
    MqttProperties properties;
    const bool useId = m_client->protocolVersion() == Mqtt::ProtocolVersion::V5
            && m_client->serverProperties().subscriptionIdentifierAvailable();
    if (useId)
        properties.setInteger(Mqtt::PropertyId::SubscriptionIdentifier, entry->subscriptionId);
    const quint64 generation = ++m_generation;
    for (User &u : entry->users) {
        if (forUsers.contains(u.object.data()))
            u.generation = generation;
    }
    entry->sentOptions = options;
    const MqttResult result = m_client->subscribe(entry->filter, options, properties);
    if (result.rc != Mqtt::ErrorCode::NoError) {
        entry->pendingMid = 0;
        entry->granted = false;
        setEntryState(*entry, EntryState::Error, -1, result.rc,
                      QStringLiteral("Cannot subscribe to \"%1\": %2").arg(entry->filter, m_client->errorString()));
        return;
    }
    entry->idInUse = useId;
    entry->pendingMid = result.mid;
    m_pending.insert(result.mid, PendingSubscribe{ entry, generation });
    if (entry->state != EntryState::Subscribed)
        setEntryState(*entry, EntryState::Pending);
}

void MqttSubscriptionRegistry::attach(MqttSubscription *user, const QString &filter,
                                         const MqttSubscribeOptions &options)
{
    Q_ASSERT(!entryOf(user));
    auto it = std::find_if(m_entries.cbegin(), m_entries.cend(),
                           [&filter](const std::shared_ptr<Entry> &e) { return e->filter == filter; });
    if (it == m_entries.cend()) {
        auto entry = std::make_shared<Entry>();
        entry->filter = filter;
        entry->matchFilter = matchFilterOf(filter);
        entry->subscriptionId = m_nextSubscriptionId;
        m_nextSubscriptionId = m_nextSubscriptionId == MaxSubscriptionId ? 1 : m_nextSubscriptionId + 1;
        entry->users.push_back(User{ user, options, 0 });
        m_entries.push_back(entry);
        // A filter dropped while offline and wanted again: nothing to undo after all.
        m_unsubscribeIfKept.removeAll(filter);
        if (connected())
            subscribeEntry(entry, { user });
        else
            pushState(*entry, user);
        return;
    }
    const std::shared_ptr<Entry> entry = *it;
    const MqttSubscribeOptions before = effectiveOptions(*entry);
    entry->users.push_back(User{ user, options, 0 });
    const MqttSubscribeOptions after = effectiveOptions(*entry);
    bool subscribe = connected() && entry->state != EntryState::Error; // else: everyone, next connection
    if (subscribe && entry->pendingMid != 0 && before == after) {
        // The SUBSCRIBE in flight brings the retained messages for this user too.
        entry->users.back().generation = m_pending.value(entry->pendingMid).generation;
        subscribe = false;
    }
    if (subscribe && before == after && after.retainHandling() != Mqtt::RetainHandling::SendOnSubscribe)
        subscribe = false; // no retained messages to fetch for the newcomer
    // Last: the user's handlers run from here and may change the entry.
    pushState(*entry, user);
    if (subscribe && entryOf(user) == entry)
        subscribeEntry(entry, { user });
}

void MqttSubscriptionRegistry::setOptions(MqttSubscription *user, const MqttSubscribeOptions &options)
{
    User *u = nullptr;
    const std::shared_ptr<Entry> entry = entryOf(user, &u);
    if (!entry)
        return;
    const MqttSubscribeOptions before = effectiveOptions(*entry);
    u->options = options;
    if (effectiveOptions(*entry) != before && connected())
        subscribeEntry(entry, {});
}

void MqttSubscriptionRegistry::detach(MqttSubscription *user)
{
    const std::shared_ptr<Entry> entry = entryOf(user);
    if (!entry)
        return;
    const MqttSubscribeOptions before = effectiveOptions(*entry);
    entry->users.erase(std::remove_if(entry->users.begin(), entry->users.end(),
                                      [user](const User &u) { return u.object == user || !u.object; }),
                       entry->users.end());
    if (entry->users.empty()) {
        removeEntry(entry);
        return;
    }
    if (effectiveOptions(*entry) != before && connected())
        subscribeEntry(entry, {});
}

void MqttSubscriptionRegistry::removeEntry(const std::shared_ptr<Entry> &entry)
{
    m_entries.erase(std::remove(m_entries.begin(), m_entries.end(), entry), m_entries.end());
    const bool atBroker = entry->granted || entry->pendingMid != 0;
    if (!atBroker)
        return;
    if (connected())
        m_client->unsubscribe(entry->filter);
    else if (!m_unsubscribeIfKept.contains(entry->filter))
        m_unsubscribeIfKept.append(entry->filter);
}

void MqttSubscriptionRegistry::onConnackReceived(bool sessionPresent, Mqtt::ReasonCode reasonCode)
{
    if (int(reasonCode) >= 0x80 || !connected())
        return;
    m_pending.clear();
    const QStringList drop = std::exchange(m_unsubscribeIfKept, {});
    if (sessionPresent && !drop.isEmpty())
        m_client->unsubscribe(drop);
    // Handlers of the objects' signals may delete the client, and with it this registry.
    const QPointer<MqttSubscriptionRegistry> alive(this);
    const auto entries = m_entries;
    for (const auto &entry : entries) {
        entry->pendingMid = 0;
        const bool kept = sessionPresent && entry->granted && entry->sentOptions == effectiveOptions(*entry);
        if (kept) {
            setEntryState(*entry, EntryState::Subscribed, entry->lastGrantedQos, Mqtt::ErrorCode::NoError, QString(),
                          entry->reasonCode);
            if (!alive)
                return;
            continue;
        }
        entry->granted = false;
        QList<const MqttSubscription *> everyone;
        for (const User &u : entry->users)
            everyone.append(u.object.data());
        subscribeEntry(entry, everyone);
        if (!alive)
            return;
    }
}

void MqttSubscriptionRegistry::onStateChanged(Mqtt::ClientState state)
{
    if (state == Mqtt::ClientState::Connected)
        return;
    m_pending.clear();
    const QPointer<MqttSubscriptionRegistry> alive(this);
    const auto entries = m_entries;
    for (const auto &entry : entries) {
        entry->pendingMid = 0;
        if (entry->state == EntryState::Subscribed)
            setEntryState(*entry, EntryState::Pending, -1, Mqtt::ErrorCode::NoError, QString(), entry->reasonCode);
        if (!alive)
            return;
    }
}

void MqttSubscriptionRegistry::onSubscribed(int mid, const QList<Mqtt::ReasonCode> &reasonCodes)
{
    const auto pending = m_pending.find(mid);
    if (pending == m_pending.end())
        return; // not ours
    const std::shared_ptr<Entry> entry = pending->entry.lock();
    const quint64 generation = pending->generation;
    m_pending.erase(pending);
    if (!entry)
        return;
    entry->ackedGeneration = std::max(entry->ackedGeneration, generation);
    if (mid != entry->pendingMid)
        return; // superseded by a later SUBSCRIBE of the same filter
    entry->pendingMid = 0;
    const Mqtt::ReasonCode code = reasonCodes.value(0, Mqtt::ReasonCode::UnspecifiedError);
    if (int(code) < 0x80) {
        entry->granted = true;
        entry->lastGrantedQos = int(code);
        setEntryState(*entry, EntryState::Subscribed, int(code), Mqtt::ErrorCode::NoError, QString(), code);
        return;
    }
    entry->granted = false;
    setEntryState(*entry, EntryState::Error, -1, errorForRefusal(code),
                  QStringLiteral("The broker refused the subscription to \"%1\": %2 (0x%3)")
                          .arg(entry->filter, Mqtt::reasonCodeString(code))
                          .arg(int(code), 2, 16, QLatin1Char('0')),
                  code);
}

void MqttSubscriptionRegistry::onSubscriptionsLost(const QStringList &filters)
{
    // Entries are renewed in the connackReceived() handler, so the client reports none of
    // them lost; this covers an entry whose renewal was not possible then.
    const QPointer<MqttSubscriptionRegistry> alive(this);
    const auto entries = m_entries;
    for (const auto &entry : entries) {
        if (filters.contains(entry->filter) && entry->pendingMid == 0 && connected()) {
            entry->granted = false;
            QList<const MqttSubscription *> everyone;
            for (const User &u : entry->users)
                everyone.append(u.object.data());
            subscribeEntry(entry, everyone);
            if (!alive)
                return;
        }
    }
}

void MqttSubscriptionRegistry::onMessageArrived(const MqttMessage &message)
{
    if (m_entries.empty())
        return;
    const QList<quint32> ids = message.properties().subscriptionIdentifiers();
    const QString topic = message.topic();
    // Handlers may attach, detach or destroy users, or delete the client and with it this
    // registry: work on snapshots, and stop if this is gone.
    const QPointer<MqttSubscriptionRegistry> alive(this);
    const auto entries = m_entries;
    for (const auto &entry : entries) {
        const bool matches = entry->idInUse ? ids.contains(entry->subscriptionId)
                                            : Mqtt::topicMatchesSub(entry->matchFilter, topic);
        if (!matches)
            continue;
        const bool filterRetained = message.retain() && !entry->sentOptions.retainAsPublished();
        QList<QPointer<MqttSubscription>> targets;
        for (const User &u : entry->users) {
            if (!filterRetained || u.generation >= entry->ackedGeneration)
                targets.append(u.object);
        }
        for (const auto &target : targets) {
            if (target && entryOf(target) == entry)
                Q_EMIT target->messageReceived(message);
            if (!alive)
                return;
        }
    }
}
