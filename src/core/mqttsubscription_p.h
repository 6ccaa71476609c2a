// Copyright (C) 2026 The MqttQt authors.
// SPDX-License-Identifier: BSD-3-Clause
#ifndef MQTTSUBSCRIPTION_P_H
#define MQTTSUBSCRIPTION_P_H

//
//  W A R N I N G
//  -------------
// This file is not part of the MqttQt API. It exists for the implementation of
// MqttQt and may change from version to version without notice, or even be removed.
//

#include "mqttsubscription.h"

#include <QtCore/QPointer>

class MqttSubscriptionRegistry;

class MqttSubscriptionPrivate
{
public:
    explicit MqttSubscriptionPrivate(MqttSubscription *q) : q(q) { }
    static MqttSubscriptionPrivate *get(MqttSubscription *s) { return s->d.get(); }

    // From the registry: the state of the broker subscription this object is part of.
    void setEntryState(MqttSubscription::State state, int grantedQos, Mqtt::ErrorCode error,
                       const QString &errorString, Mqtt::ReasonCode reasonCode);
    // The client (and its registry) is being destroyed.
    void registryGone();
    void setState(MqttSubscription::State state, int grantedQos, Mqtt::ErrorCode error, const QString &errorString,
                  Mqtt::ReasonCode reasonCode);

    MqttSubscription *const q;
    QPointer<MqttClient> client;
    QPointer<MqttSubscriptionRegistry> registry; // set while attached
    QString filter;
    MqttSubscribeOptions options;
    MqttSubscription::State state = MqttSubscription::State::Unsubscribed;
    int grantedQos = -1;
    Mqtt::ReasonCode reasonCode = Mqtt::ReasonCode::Success;
    Mqtt::ErrorCode error = Mqtt::ErrorCode::NoError;
    QString errorString;
};

#endif // MQTTSUBSCRIPTION_P_H
