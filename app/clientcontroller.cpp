// Copyright (C) 2026 The MqttQt authors.
// SPDX-License-Identifier: BSD-3-Clause
#include "clientcontroller.h"

#include <MqttQt/mqttmessagefeed.h>

ClientWorker::ClientWorker(MqttMessageFeed *feed)
    : m_client(new MqttClient(this))
{
    // Per message, in this thread: one append under the feed's short lock and two
    // relaxed atomic adds. Nothing per message reaches the GUI thread.
    QObject::connect(m_client, &MqttClient::messageArrived, feed, &MqttMessageFeed::addMessage, Qt::DirectConnection);
    QObject::connect(m_client, &MqttClient::messageArrived, this, [this](const MqttMessage &message) {
        messages.fetch_add(1, std::memory_order_relaxed);
        bytes.fetch_add(message.payload().size(), std::memory_order_relaxed);
    }, Qt::DirectConnection);
    QObject::connect(m_client, &MqttClient::connackReceived, this,
                     [this](bool, Mqtt::ReasonCode rc, const MqttProperties &) {
        // Subscriptions are made again on every accepted connection (the broker may have
        // kept no session).
        if (rc == Mqtt::ReasonCode::Success)
            subscribeAll(m_subscriptions);
    });
    QObject::connect(m_client, &MqttClient::subscribed, this,
                     [this](int mid, const QList<Mqtt::ReasonCode> &codes, const MqttProperties &) {
        onSubscribed(mid, codes);
    });
    QObject::connect(m_client, &MqttClient::stateChanged, this, [this](Mqtt::ClientState state) {
        if (state == Mqtt::ClientState::Connected)
            return;
        m_pending.clear();
        for (const SubscriptionEntry &entry : std::as_const(m_subscriptions))
            Q_EMIT subscriptionStatus(entry.filter, -1, QString());
    });
}

ClientWorker::~ClientWorker() = default;

void ClientWorker::connectToBroker(const ConnectionProfile &profile, const QByteArray &password,
                                   const QByteArray &keyPassphrase)
{
    const QString refused = applyProfile(m_client, profile, password, keyPassphrase);
    if (!refused.isEmpty()) {
        // The last profile's connection (or its reconnection attempts) does not go on
        // behind the refusal, with settings the user has just changed.
        if (m_client->state() != Mqtt::ClientState::Disconnected)
            m_client->disconnectFromHost();
        Q_EMIT profileRefused(refused);
        return;
    }
    m_subscriptions = profile.subscriptions;
    if (m_client->connectToHost() != Mqtt::ErrorCode::NoError)
        Q_EMIT profileRefused(m_client->errorString());
}

void ClientWorker::disconnectFromBroker()
{
    m_client->disconnectFromHost();
}

void ClientWorker::setSubscriptions(const QList<SubscriptionEntry> &subscriptions)
{
    QStringList removed;
    for (const SubscriptionEntry &old : std::as_const(m_subscriptions)) {
        bool kept = false;
        for (const SubscriptionEntry &e : subscriptions)
            kept = kept || e.filter == old.filter;
        if (!kept)
            removed << old.filter;
    }
    QList<SubscriptionEntry> added;
    for (const SubscriptionEntry &e : subscriptions) {
        if (!m_subscriptions.contains(e))
            added << e;
    }
    m_subscriptions = subscriptions;
    if (!m_client->isConnected())
        return;
    if (!removed.isEmpty())
        m_client->unsubscribe(removed);
    subscribeAll(added);
}

void ClientWorker::subscribeAll(const QList<SubscriptionEntry> &entries)
{
    if (entries.isEmpty())
        return;
    QList<QPair<QString, MqttSubscribeOptions>> list;
    QStringList filters;
    for (const SubscriptionEntry &e : entries) {
        list.append({ e.filter, MqttSubscribeOptions(e.qos) });
        filters << e.filter;
    }
    const MqttResult result = m_client->subscribe(list);
    if (result.rc != Mqtt::ErrorCode::NoError) {
        for (const QString &f : std::as_const(filters))
            Q_EMIT subscriptionStatus(f, 3, m_client->errorString());
        return;
    }
    m_pending.insert(result.mid, filters);
    for (const QString &f : std::as_const(filters))
        Q_EMIT subscriptionStatus(f, -1, QString());
}

void ClientWorker::onSubscribed(int mid, const QList<Mqtt::ReasonCode> &codes)
{
    const QStringList filters = m_pending.take(mid);
    for (qsizetype i = 0; i < filters.size(); ++i) {
        const int code = i < codes.size() ? int(codes.at(i)) : 0x80;
        if (code < 0x80)
            Q_EMIT subscriptionStatus(filters.at(i), code, QString());
        else
            Q_EMIT subscriptionStatus(filters.at(i), 3, Mqtt::reasonCodeString(Mqtt::ReasonCode(code)));
    }
}

void ClientWorker::shutdown()
{
    if (m_client->state() != Mqtt::ClientState::Disconnected) {
        m_client->disconnectFromHost();
        if (m_client->state() != Mqtt::ClientState::Disconnected)
            m_client->waitForDisconnected(1000);
    }
}

ClientController::ClientController(MqttMessageFeed *feed, QObject *parent)
    : QObject(parent), m_worker(new ClientWorker(feed))
{
    m_thread.setObjectName(QStringLiteral("mqtt-client"));
    m_worker->moveToThread(&m_thread);
    MqttClient *c = m_worker->client();
    QObject::connect(c, &MqttClient::stateChanged, this, [this](Mqtt::ClientState state) {
        m_state = state;
        if (state != Mqtt::ClientState::WaitingToReconnect)
            m_nextReconnect = QDateTime();
        if (state == Mqtt::ClientState::Connected)
            m_reconnectAttempt = 0;
        Q_EMIT stateChanged(state);
    }, Qt::QueuedConnection);
    QObject::connect(c, &MqttClient::errorOccurred, this, [this](Mqtt::ErrorCode error, const QString &text) {
        m_lastErrorCode = error;
        m_lastError = text;
        Q_EMIT errorOccurred(error, text);
    }, Qt::QueuedConnection);
    QObject::connect(c, &MqttClient::connackReceived, this,
                     [this](bool sessionPresent, Mqtt::ReasonCode rc, const MqttProperties &properties) {
        if (rc == Mqtt::ReasonCode::Success) {
            m_lastError.clear();
            m_lastErrorCode = Mqtt::ErrorCode::NoError;
            Q_EMIT connected(sessionPresent);
            return;
        }
        QString reason = Mqtt::reasonCodeString(rc);
        if (const auto text = properties.string(Mqtt::PropertyId::ReasonString))
            reason += QStringLiteral(": ") + *text;
        Q_EMIT connectionRefused(tr("The broker refused the connection: %1").arg(reason));
    }, Qt::QueuedConnection);
    QObject::connect(c, &MqttClient::reconnectScheduled, this, [this](int attempt, int delayMs) {
        m_reconnectAttempt = attempt;
        m_nextReconnect = QDateTime::currentDateTime().addMSecs(delayMs);
        Q_EMIT reconnectScheduled(attempt, m_nextReconnect);
    }, Qt::QueuedConnection);
    QObject::connect(c, &MqttClient::published, this, [this](int mid, Mqtt::ReasonCode, const MqttProperties &) {
        Q_EMIT published(mid);
    }, Qt::QueuedConnection);
    QObject::connect(c, &MqttClient::publishFailed, this, [this](int mid, Mqtt::ErrorCode, const QString &text) {
        Q_EMIT publishFailed(mid, text);
    }, Qt::QueuedConnection);
    QObject::connect(m_worker, &ClientWorker::profileRefused, this, [this](const QString &reason) {
        m_lastError = reason;
        m_lastErrorCode = Mqtt::ErrorCode::Invalid;
        Q_EMIT connectionRefused(reason);
    }, Qt::QueuedConnection);
    QObject::connect(m_worker, &ClientWorker::subscriptionStatus, this, &ClientController::subscriptionStatus,
                     Qt::QueuedConnection);
    m_thread.start();
}

ClientController::~ClientController()
{
    ClientWorker *worker = m_worker;
    const QList<QPointer<QObject>> adopted = m_adopted;
    QMetaObject::invokeMethod(worker, [worker, adopted] {
        for (const QPointer<QObject> &object : adopted)
            delete object.data();
        worker->shutdown();
        delete worker;
    }, Qt::BlockingQueuedConnection);
    m_thread.quit();
    m_thread.wait();
}

void ClientController::adoptIntoWorker(QObject *object)
{
    m_adopted.removeAll(QPointer<QObject>());
    object->moveToThread(&m_thread);
    m_adopted.append(object);
}

void ClientController::connectTo(const ConnectionProfile &profile, const QByteArray &password,
                                 const QByteArray &keyPassphrase)
{
    m_profile = profile;
    m_lastError.clear();
    ClientWorker *worker = m_worker;
    QMetaObject::invokeMethod(worker, [=] { worker->connectToBroker(profile, password, keyPassphrase); });
}

void ClientController::disconnectFromBroker()
{
    ClientWorker *worker = m_worker;
    QMetaObject::invokeMethod(worker, [worker] { worker->disconnectFromBroker(); });
}

void ClientController::setSubscriptions(const QList<SubscriptionEntry> &subscriptions)
{
    m_profile.subscriptions = subscriptions;
    ClientWorker *worker = m_worker;
    QMetaObject::invokeMethod(worker, [=] { worker->setSubscriptions(subscriptions); });
}

MqttMessageInfo ClientController::publish(const QString &topic, const QByteArray &payload, Mqtt::QoS qos,
                                          bool retain, const MqttProperties &properties)
{
    return m_worker->client()->publish(topic, payload, qos, retain, properties);
}
