// Copyright (C) 2026 The MqttQt authors.
// SPDX-License-Identifier: BSD-3-Clause
#ifndef MQTTMESSAGEINFO_P_H
#define MQTTMESSAGEINFO_P_H

//
//  W A R N I N G
//  -------------
// This file is not part of the MqttQt API. It exists for the implementation of
// MqttQt and may change from version to version without notice, or even be removed.
//

#include "mqttmessageinfo.h"

#include <QtCore/QSharedData>

#include <atomic>

class QEventLoop;

// Shared completion state of one QoS 1/2 message: written by the client's thread, read
// from any thread.
class MqttMessageInfoPrivate : public QSharedData
{
public:
    enum State : int { Pending, Published, Failed };

    std::atomic<int> state{ Pending };
    std::atomic<int> error{ int(Mqtt::ErrorCode::NoError) };
    std::atomic<int> reasonCode{ int(Mqtt::ReasonCode::Success) };
    QEventLoop *localWaiter = nullptr; // a waitForPublish() running an event loop; guarded by a mutex

    void complete(Mqtt::ErrorCode failure, Mqtt::ReasonCode reasonCode = Mqtt::ReasonCode::Success);
    static void attach(MqttMessageInfo &info, const QExplicitlySharedDataPointer<MqttMessageInfoPrivate> &state)
    {
        info.d = state;
    }
};

using MqttMessageInfoState = QExplicitlySharedDataPointer<MqttMessageInfoPrivate>;

#endif // MQTTMESSAGEINFO_P_H
