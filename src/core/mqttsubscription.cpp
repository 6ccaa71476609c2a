// Copyright (C) 2026 The MqttQt authors.
// SPDX-License-Identifier: BSD-3-Clause
#include "mqttsubscription.h"
#include "mqttclient.h"
#include "mqttclient_p.h"

MqttSubscription::MqttSubscription(MqttClient *client) : QObject(client), d(new MqttSubscriptionPrivate) { }

MqttSubscription::~MqttSubscription()
{
    if (auto *c = qobject_cast<MqttClient *>(parent()))
        MqttClientPrivate::get(c)->subscriptionGone(this);
}

MqttClient *MqttSubscription::client() const { return qobject_cast<MqttClient *>(parent()); }
QString MqttSubscription::filter() const { return d->filter; }
MqttSubscribeOptions MqttSubscription::options() const { return d->options; }
MqttProperties MqttSubscription::properties() const { return d->properties; }
MqttSubscription::State MqttSubscription::state() const { return d->state; }
int MqttSubscription::grantedQos() const { return d->state == State::Subscribed ? d->grantedQos : -1; }
Mqtt::ReasonCode MqttSubscription::reasonCode() const { return d->reasonCode; }
Mqtt::ErrorCode MqttSubscription::error() const { return d->error; }
QString MqttSubscription::errorString() const { return d->errorString; }

void MqttSubscription::unsubscribe()
{
    if (auto *c = client())
        MqttClientPrivate::get(c)->unsubscribeObject(this);
}
