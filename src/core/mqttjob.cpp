// Copyright (C) 2026 The MqttQt authors.
// SPDX-License-Identifier: BSD-3-Clause
#include "mqttjob_p.h"

#include "mqttserverproperties.h"

#include <QtCore/QCoreApplication>
#include <QtCore/QEventLoop>
#include <QtCore/QPointer>

using Mqtt::ErrorCode;

namespace {
// How long a failed job waits for its clean disconnection before it drops the connection.
constexpr int DisconnectGraceMs = 2000;
} // namespace

MqttJobRunner::MqttJobRunner(QObject *owner) : owner(owner), client(new MqttClient(owner))
{
    // Children of the job, so that moveToThread() takes them along (as the client).
    deadline.setParent(owner);
    grace.setParent(owner);
    deadline.setSingleShot(true);
    deadline.setTimerType(Qt::PreciseTimer); // a deadline: never early by a coarse timer's 5 %
    grace.setSingleShot(true);
    QObject::connect(&deadline, &QTimer::timeout, owner, [this] {
        QString detail = timeoutDetail ? timeoutDetail() : QString();
        if (client->state() != Mqtt::ClientState::Connected)
            detail = QStringLiteral("the broker did not accept the connection in time");
        fail(ErrorCode::Timeout, QStringLiteral("Timed out after %1 ms: %2").arg(timeoutMs).arg(detail));
    });
    QObject::connect(&grace, &QTimer::timeout, owner, [this] { scheduleFinish(); });
    QObject::connect(client, &MqttClient::connackReceived, owner,
                     [this](bool, Mqtt::ReasonCode rc, const MqttProperties &) {
                         if (!ending && phase == Phase::Running && rc == Mqtt::ReasonCode::Success && connected)
                             connected();
                     });
    QObject::connect(client, &MqttClient::stateChanged, owner,
                     [this](Mqtt::ClientState state) { onStateChanged(state); });
}

void MqttJobRunner::begin(const MqttConnectOptions &options, int msecs, ErrorCode refusalCode,
                          const QString &refusal, int refusalIndex)
{
    if (phase != Phase::NotStarted)
        return;
    phase = Phase::Running;
    timeoutMs = msecs;
    if (phaseChanged)
        phaseChanged();
    if (!QCoreApplication::instance()) {
        // No event loop can run: fail now, the only time finished() comes from start().
        error = ErrorCode::Invalid;
        errorString = QStringLiteral("An MQTT job needs a QCoreApplication (or QGuiApplication) in the process");
        ending = true;
        finishNow();
        return;
    }
    if (!refusal.isEmpty()) {
        fail(refusalCode, refusal, refusalIndex);
        return;
    }
    QString why;
    const ErrorCode rc = options.applyTo(client, &why);
    if (rc != ErrorCode::NoError) {
        fail(rc, why);
        return;
    }
    // One attempt, failing fast: a one-shot job reports, it does not retry.
    client->setAutoReconnect(false);
    client->setRetryFirstConnection(false);
    if (timeoutMs > 0)
        deadline.start(timeoutMs);
    const ErrorCode connectRc = client->connectToHost();
    if (connectRc != ErrorCode::NoError)
        fail(connectRc, client->errorString());
}

void MqttJobRunner::beginWithoutConnection()
{
    if (phase != Phase::NotStarted)
        return;
    phase = Phase::Running;
    ending = true;
    if (phaseChanged)
        phaseChanged();
    if (QCoreApplication::instance())
        scheduleFinish();
    else
        finishNow();
}

void MqttJobRunner::succeed()
{
    if (ending || phase != Phase::Running)
        return;
    ending = true;
    shutdown();
}

void MqttJobRunner::fail(ErrorCode code, const QString &text, int index, Mqtt::ReasonCode rc)
{
    if (ending || phase != Phase::Running)
        return;
    ending = true;
    error = code;
    errorString = text.isEmpty() ? Mqtt::errorString(code) : text;
    failedIndex = index;
    reasonCode = rc;
    deadline.stop();
    shutdown();
}

void MqttJobRunner::shutdown()
{
    // From the event loop, not from inside the client's signal that reported the end.
    QMetaObject::invokeMethod(owner, [this] {
        if (client->state() == Mqtt::ClientState::Disconnected) {
            scheduleFinish();
            return;
        }
        grace.start(DisconnectGraceMs);
        if (client->disconnectFromHost() != ErrorCode::NoError)
            scheduleFinish();
    }, Qt::QueuedConnection);
}

void MqttJobRunner::onStateChanged(Mqtt::ClientState state)
{
    if (state != Mqtt::ClientState::Disconnected || phase != Phase::Running)
        return;
    if (!ending) {
        // The connection ended by itself: unreachable, refused, or lost.
        ending = true;
        deadline.stop();
        error = client->error() != ErrorCode::NoError ? client->error() : ErrorCode::ConnectionLost;
        errorString = client->errorString().isEmpty() ? QStringLiteral("The connection closed")
                                                      : client->errorString();
        const MqttServerProperties server = client->serverProperties();
        if (error == ErrorCode::ConnectionRefused && server.isValid())
            reasonCode = server.reasonCode();
    }
    scheduleFinish();
}

void MqttJobRunner::scheduleFinish()
{
    if (finishScheduled)
        return;
    finishScheduled = true;
    QMetaObject::invokeMethod(owner, [this] { finishNow(); }, Qt::QueuedConnection);
}

void MqttJobRunner::finishNow()
{
    deadline.stop();
    grace.stop();
    phase = Phase::Finished;
    if (QEventLoop *loop = std::exchange(waiter, nullptr))
        loop->quit();
    const QPointer<QObject> alive(owner);
    if (phaseChanged)
        phaseChanged();
    if (!alive)
        return;
    if (finishing)
        finishing();
    if (alive && autoDelete)
        owner->deleteLater();
}

bool MqttJobRunner::exec(const std::function<void()> &start)
{
    if (phase == Phase::NotStarted && !QCoreApplication::instance()) {
        start(); // fails at once, see begin()
        return error == ErrorCode::NoError;
    }
    if (phase != Phase::Finished) {
        QEventLoop loop; // first: it gives a thread without an event loop its dispatcher
        if (phase == Phase::NotStarted)
            start();
        if (phase != Phase::Finished) {
            waiter = &loop;
            loop.exec();
            waiter = nullptr;
        }
    }
    return error == ErrorCode::NoError;
}
