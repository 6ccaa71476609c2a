// Copyright (C) 2026 The MqttQt authors.
// SPDX-License-Identifier: BSD-3-Clause
#ifndef MQTTREQUEST_P_H
#define MQTTREQUEST_P_H

//
//  W A R N I N G
//  -------------
// This file is not part of the MqttQt API. It exists for the implementation of
// MqttQt and may change from version to version without notice, or even be removed.
//

#include "mqttrequest.h"

#include <QtCore/QTimer>

#include <functional>

class MqttRequestPrivate
{
public:
    explicit MqttRequestPrivate(MqttRequest *q) : q(q) { }
    static MqttRequest *create(QObject *parent) { return new MqttRequest(parent); }
    static MqttRequestPrivate *get(MqttRequest *r) { return r->d.get(); }

    // Emits the outcome from the event loop (never inside the call that decided it).
    void complete(Mqtt::ErrorCode error, const QString &errorString, const MqttMessage &response = {});

    MqttRequest *const q;
    QString topic;
    QString responseTopic;
    QByteArray correlationData;
    int mid = 0;
    bool finished = false;
    bool autoDelete = true;
    Mqtt::ErrorCode error = Mqtt::ErrorCode::NoError;
    QString errorString;
    MqttMessage response;
    QTimer timer;
    std::function<void()> onComplete; // the client forgets the request
};

#endif // MQTTREQUEST_P_H
