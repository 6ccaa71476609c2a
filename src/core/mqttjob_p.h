// Copyright (C) 2026 The MqttQt authors.
// SPDX-License-Identifier: BSD-3-Clause
#ifndef MQTTJOB_P_H
#define MQTTJOB_P_H

//
//  W A R N I N G
//  -------------
// This file is not part of the MqttQt API. It exists for the implementation of
// MqttQt and may change from version to version without notice, or even be removed.
//

#include "mqttclient.h"
#include "mqttconnectoptions.h"

#include <QtCore/QTimer>

class QEventLoop;

#include <functional>

// The life cycle the one-shot jobs share: one client, connect, a deadline, the first
// failure wins, a clean disconnect, and one finish from the event loop.
class MqttJobRunner
{
public:
    enum class Phase { NotStarted, Running, Finished };

    explicit MqttJobRunner(QObject *owner);

    // Set by the job before begin().
    std::function<void()> connected;        // CONNACK accepted: publish or subscribe now
    std::function<void()> phaseChanged;     // emit the job's stateChanged()
    std::function<void()> finishing;        // emit the job's finished()
    std::function<QString()> timeoutDetail; // what had been done when the deadline passed

    // Starts connecting with \a options; a non-empty \a refusal fails the job at once
    // (with \a refusalCode and \a refusalIndex) without connecting.
    void begin(const MqttConnectOptions &options, int timeoutMs, Mqtt::ErrorCode refusalCode = Mqtt::ErrorCode::NoError,
               const QString &refusal = {}, int refusalIndex = -1);
    // A job with nothing to do: running, then finished with NoError from the event loop.
    void beginWithoutConnection();
    // The job's work is done: disconnect cleanly, then finish with NoError.
    void succeed();
    // The first failure wins: record it, disconnect, finish.
    void fail(Mqtt::ErrorCode code, const QString &text, int index = -1,
              Mqtt::ReasonCode reasonCode = Mqtt::ReasonCode::Success);
    // Runs a local event loop until finished (starting with \a start if not started).
    bool exec(const std::function<void()> &start);

    bool isRunning() const { return phase == Phase::Running; }
    bool isEnding() const { return ending; }

    QObject *const owner;
    MqttClient *const client;
    Phase phase = Phase::NotStarted;
    Mqtt::ErrorCode error = Mqtt::ErrorCode::NoError;
    QString errorString;
    Mqtt::ReasonCode reasonCode = Mqtt::ReasonCode::Success;
    int failedIndex = -1;
    bool autoDelete = false;

private:
    void shutdown();
    void onStateChanged(Mqtt::ClientState state);
    void scheduleFinish();
    void finishNow();

    QTimer deadline;
    QTimer grace;
    int timeoutMs = 0;
    bool ending = false;       // succeed() or fail() ran: the disconnection is ours
    bool finishScheduled = false;
    QEventLoop *waiter = nullptr; // exec()'s loop, quit by finishNow()
};

#endif // MQTTJOB_P_H
