// Copyright (C) 2026 The MqttQt authors.
// SPDX-License-Identifier: BSD-3-Clause
#include "mqttsubscription.h"
#include "mqttsubscription_p.h"
#include "mqttsubscriptionregistry_p.h"

MqttSubscription::MqttSubscription(MqttClient *client) : QObject(client), d(new MqttSubscriptionPrivate(this))
{
    d->client = client;
}

MqttSubscription::~MqttSubscription()
{
    unsubscribe();
}

MqttClient *MqttSubscription::client() const { return d->client; }
QString MqttSubscription::filter() const { return d->filter; }
MqttSubscribeOptions MqttSubscription::options() const { return d->options; }
MqttSubscription::State MqttSubscription::state() const { return d->state; }
int MqttSubscription::grantedQos() const { return d->state == State::Subscribed ? d->grantedQos : -1; }
Mqtt::ReasonCode MqttSubscription::reasonCode() const { return d->reasonCode; }
Mqtt::ErrorCode MqttSubscription::error() const { return d->error; }
QString MqttSubscription::errorString() const { return d->errorString; }

void MqttSubscription::setOptions(const MqttSubscribeOptions &options)
{
    if (options == d->options)
        return;
    d->options = options;
    if (d->registry)
        d->registry->setOptions(this, options);
}

void MqttSubscription::unsubscribe()
{
    MqttSubscriptionRegistry *registry = d->registry.data();
    if (!registry)
        return; // never attached (an invalid filter keeps its Error), or already left
    d->registry = nullptr;
    registry->detach(this);
    d->setState(State::Unsubscribed, -1, Mqtt::ErrorCode::NoError, QString(), Mqtt::ReasonCode::Success);
}

void MqttSubscriptionPrivate::setEntryState(MqttSubscription::State s, int qos, Mqtt::ErrorCode e, const QString &text,
                                            Mqtt::ReasonCode rc)
{
    setState(s, qos, e, text, rc);
}

void MqttSubscriptionPrivate::registryGone()
{
    registry = nullptr;
    setState(MqttSubscription::State::Unsubscribed, -1, Mqtt::ErrorCode::NoError, QString(), Mqtt::ReasonCode::Success);
}

void MqttSubscriptionPrivate::setState(MqttSubscription::State s, int qos, Mqtt::ErrorCode e, const QString &text,
                                       Mqtt::ReasonCode rc)
{
    const bool changed = state != s || grantedQos != qos || error != e || errorString != text || reasonCode != rc;
    state = s;
    grantedQos = qos;
    error = e;
    errorString = text;
    reasonCode = rc;
    if (changed)
        Q_EMIT q->stateChanged(s);
}
