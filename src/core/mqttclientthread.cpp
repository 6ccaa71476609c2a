// Copyright (C) 2026 The MqttQt authors.
// SPDX-License-Identifier: BSD-3-Clause
#include "mqttclientthread.h"

#include "mqttclient.h"

#include <QtCore/QDeadlineTimer>
#include <QtCore/QThread>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <mutex>

using Mqtt::ClientState;
using Mqtt::ErrorCode;

class MqttClientThreadPrivate
{
public:
    explicit MqttClientThreadPrivate(MqttClientThread *q);

    void mirrorState(ClientState s);
    void mirrorError(ErrorCode code, const QString &text);

    MqttClientThread *const q;
    QThread worker;
    MqttConnectOptions options;
    std::atomic<bool> running{ false };

    // What other threads may read: the client's state and error, kept up to date from
    // the worker by direct connections.
    mutable std::mutex mutex;
    mutable std::condition_variable changed;
    ClientState state = ClientState::Disconnected;
    quint64 stateChanges = 0;
    ErrorCode error = ErrorCode::NoError;
    QString errorString;

    // Last, so destroyed first: signals the client emits while it is destroyed (messages
    // it fails) still find the members above alive.
    std::unique_ptr<MqttClient> client;
};

MqttClientThreadPrivate::MqttClientThreadPrivate(MqttClientThread *q) : q(q), client(new MqttClient)
{
    worker.setObjectName(QStringLiteral("MqttClientThread"));
    MqttClient *c = client.get();
    QObject::connect(c, &MqttClient::stateChanged, c, [this](ClientState s) { mirrorState(s); },
                     Qt::DirectConnection);
    QObject::connect(c, &MqttClient::errorChanged, c, [this, c] { mirrorError(c->error(), c->errorString()); },
                     Qt::DirectConnection);
}

void MqttClientThreadPrivate::mirrorState(ClientState s)
{
    {
        std::lock_guard<std::mutex> lock(mutex);
        state = s;
        ++stateChanges;
    }
    changed.notify_all();
}

void MqttClientThreadPrivate::mirrorError(ErrorCode code, const QString &text)
{
    std::lock_guard<std::mutex> lock(mutex);
    error = code;
    errorString = text;
}

MqttClientThread::MqttClientThread(QObject *parent) : QObject(parent), d(new MqttClientThreadPrivate(this)) { }

MqttClientThread::MqttClientThread(const MqttConnectOptions &options, QObject *parent) : MqttClientThread(parent)
{
    d->options = options;
}

MqttClientThread::~MqttClientThread()
{
    stop();
}

MqttClient *MqttClientThread::client() const { return d->client.get(); }
QThread *MqttClientThread::workerThread() const { return &d->worker; }

MqttConnectOptions MqttClientThread::connectOptions() const { return d->options; }
void MqttClientThread::setConnectOptions(const MqttConnectOptions &options)
{
    if (options == d->options)
        return;
    d->options = options;
    Q_EMIT connectOptionsChanged();
}

bool MqttClientThread::isRunning() const { return d->running.load(); }

Mqtt::ClientState MqttClientThread::state() const
{
    std::lock_guard<std::mutex> lock(d->mutex);
    return d->state;
}

Mqtt::ErrorCode MqttClientThread::error() const
{
    std::lock_guard<std::mutex> lock(d->mutex);
    return d->error;
}

QString MqttClientThread::errorString() const
{
    std::lock_guard<std::mutex> lock(d->mutex);
    return d->errorString;
}

bool MqttClientThread::waitForConnected(int msecs) const
{
    if (!d->running.load())
        return false;
    if (QThread::currentThread() == &d->worker) {
        qWarning("MqttClientThread::waitForConnected() called in the worker thread, which it would block: "
                 "use MqttClient::waitForConnected() there");
        return false;
    }
    const QDeadlineTimer deadline(std::max(0, msecs));
    std::unique_lock<std::mutex> lock(d->mutex);
    const quint64 changesAtEntry = d->stateChanges;
    auto decided = [&] {
        switch (d->state) {
        case ClientState::Connected:
        case ClientState::Disconnected:
            return true;
        case ClientState::WaitingToReconnect:
            return d->stateChanges != changesAtEntry; // this attempt failed; one is scheduled
        default:
            return false;
        }
    };
    d->changed.wait_for(lock, std::chrono::milliseconds(deadline.remainingTime()), decided);
    return d->state == ClientState::Connected;
}

Mqtt::ErrorCode MqttClientThread::start()
{
    auto refuse = [this](const QString &why) {
        qWarning("MqttClientThread::start(): %s", qPrintable(why));
        d->mirrorError(ErrorCode::Invalid, why);
        return ErrorCode::Invalid;
    };
    if (d->running.load())
        return refuse(QStringLiteral("already running"));
    if (QThread::currentThread() != thread())
        return refuse(QStringLiteral("called from another thread than the one the MqttClientThread lives in"));
    if (d->client->state() != ClientState::Disconnected)
        return refuse(QStringLiteral("the client is already connecting or connected; connect through start()"));
    QString why;
    const ErrorCode rc = d->options.applyTo(d->client.get(), &why);
    if (rc != ErrorCode::NoError) {
        d->mirrorError(rc, why);
        return rc;
    }
    {
        // Until the worker reports, the attempt is under way: waitForConnected() waits.
        std::lock_guard<std::mutex> lock(d->mutex);
        d->state = ClientState::Connecting;
        ++d->stateChanges;
        d->error = ErrorCode::NoError;
        d->errorString.clear();
    }
    MqttClient *c = d->client.get();
    c->moveToThread(&d->worker);
    // Queued before the thread starts: starting the thread orders it after this call.
    QMetaObject::invokeMethod(c, [this, c] {
        c->connectToHost();
        // A refusal does not change the state: report it as decided.
        d->mirrorState(c->state());
    }, Qt::QueuedConnection);
    d->running.store(true);
    d->worker.start();
    Q_EMIT runningChanged(true);
    return ErrorCode::NoError;
}

void MqttClientThread::stop(int msecs)
{
    if (!d->running.load())
        return;
    if (QThread::currentThread() == &d->worker) {
        qWarning("MqttClientThread::stop() called in the worker thread, which cannot wait for its own end");
        return;
    }
    MqttClient *c = d->client.get();
    QThread *home = thread();
    // Queued, and waited for on a condition variable of our own rather than with
    // Qt::BlockingQueuedConnection: the functor then lives and dies in the worker.
    std::mutex doneMutex;
    std::condition_variable doneChanged;
    bool done = false;
    QMetaObject::invokeMethod(c, [c, home, msecs, &doneMutex, &doneChanged, &done] {
        if (c->state() != ClientState::Disconnected && c->disconnectFromHost() == ErrorCode::NoError)
            c->waitForDisconnected(msecs);
        c->moveToThread(home);
        std::lock_guard<std::mutex> lock(doneMutex);
        done = true;
        doneChanged.notify_all();
    }, Qt::QueuedConnection);
    {
        std::unique_lock<std::mutex> lock(doneMutex);
        doneChanged.wait(lock, [&done] { return done; });
    }
    d->worker.quit();
    d->worker.wait();
    d->running.store(false);
    d->mirrorState(c->state());
    Q_EMIT runningChanged(false);
}
