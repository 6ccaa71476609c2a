// Copyright (C) 2026 The MqttQt authors.
// SPDX-License-Identifier: BSD-3-Clause
#ifndef CLIENTCONTROLLER_H
#define CLIENTCONTROLLER_H

#include "connectionprofile.h"

#include <MqttQt/mqttclient.h>

#include <QtCore/QDateTime>
#include <QtCore/QHash>
#include <QtCore/QObject>
#include <QtCore/QPointer>
#include <QtCore/QThread>

#include <atomic>

class MqttMessageFeed;

// Lives in the worker thread with the client: everything that happens per message or per
// connection event. The GUI talks to it only through ClientController.
class ClientWorker : public QObject
{
    Q_OBJECT
public:
    explicit ClientWorker(MqttMessageFeed *feed);
    ~ClientWorker() override;

    MqttClient *client() const { return m_client; }

    std::atomic<qint64> messages { 0 };
    std::atomic<qint64> bytes { 0 };

    void connectToBroker(const ConnectionProfile &profile, const QByteArray &password, const QByteArray &keyPassphrase);
    void disconnectFromBroker();
    void setSubscriptions(const QList<SubscriptionEntry> &subscriptions);
    void shutdown();

Q_SIGNALS:
    void profileRefused(const QString &reason);
    // status: -1 waiting (not connected or no SUBACK yet), 0..2 granted QoS, 3 refused.
    void subscriptionStatus(const QString &filter, int status, const QString &text);

private:
    void subscribeAll(const QList<SubscriptionEntry> &entries);
    void onSubscribed(int mid, const QList<Mqtt::ReasonCode> &codes);

    MqttClient *m_client;
    QList<SubscriptionEntry> m_subscriptions;
    QHash<int, QStringList> m_pending; // SUBSCRIBE mid -> filters
};

// The GUI side: owns the worker thread, mirrors the client's state for the widgets, and
// forwards commands. The client never lives in the GUI thread; messages go from the
// client's thread straight into the feed (direct connection), which the tree model drains
// on its tick.
class ClientController : public QObject
{
    Q_OBJECT
public:
    explicit ClientController(MqttMessageFeed *feed, QObject *parent = nullptr);
    ~ClientController() override;

    // The client, for publish() (thread-safe) and for connecting to its signals (queued).
    MqttClient *client() const { return m_worker->client(); }
    QThread *workerThread() { return &m_thread; }
    // Moves object (parentless, in this thread) to the worker thread; if it is still alive
    // when the controller goes, it is deleted there before the thread stops.
    void adoptIntoWorker(QObject *object);

    void connectTo(const ConnectionProfile &profile, const QByteArray &password, const QByteArray &keyPassphrase);
    void disconnectFromBroker();
    void setSubscriptions(const QList<SubscriptionEntry> &subscriptions);

    // Publishes from the GUI thread (MqttClient::publish() is thread-safe).
    MqttMessageInfo publish(const QString &topic, const QByteArray &payload, Mqtt::QoS qos, bool retain,
                            const MqttProperties &properties);

    qint64 messageCount() const { return m_worker->messages.load(std::memory_order_relaxed); }
    qint64 byteCount() const { return m_worker->bytes.load(std::memory_order_relaxed); }

    Mqtt::ClientState state() const { return m_state; }
    bool isConnected() const { return m_state == Mqtt::ClientState::Connected; }
    ConnectionProfile profile() const { return m_profile; }
    QString lastError() const { return m_lastError; }
    Mqtt::ErrorCode lastErrorCode() const { return m_lastErrorCode; }
    QDateTime nextReconnect() const { return m_nextReconnect; }
    int reconnectAttempt() const { return m_reconnectAttempt; }
    Mqtt::ProtocolVersion connectedVersion() const { return m_profile.protocolVersion; }

Q_SIGNALS:
    void stateChanged(Mqtt::ClientState state);
    void errorOccurred(Mqtt::ErrorCode error, const QString &errorString);
    void connectionRefused(const QString &reason);
    void connected(bool sessionPresent);
    void reconnectScheduled(int attempt, const QDateTime &when);
    void subscriptionStatus(const QString &filter, int status, const QString &text);
    void published(int mid);
    void publishFailed(int mid, const QString &reason);

private:
    QThread m_thread;
    ClientWorker *m_worker;
    QList<QPointer<QObject>> m_adopted;
    ConnectionProfile m_profile;
    Mqtt::ClientState m_state = Mqtt::ClientState::Disconnected;
    QString m_lastError;
    Mqtt::ErrorCode m_lastErrorCode = Mqtt::ErrorCode::NoError;
    QDateTime m_nextReconnect;
    int m_reconnectAttempt = 0;
};

#endif // CLIENTCONTROLLER_H
