// Copyright (C) 2026 The MqttQt authors.
// SPDX-License-Identifier: BSD-3-Clause
#include "mqttsubscribeoptions.h"

#include <QtCore/QDebug>
#include <QtCore/QSharedData>

class MqttSubscribeOptionsPrivate : public QSharedData
{
public:
    Mqtt::QoS qos = Mqtt::QoS::AtMostOnce;
    bool noLocal = false;
    bool retainAsPublished = false;
    Mqtt::RetainHandling retainHandling = Mqtt::RetainHandling::SendOnSubscribe;
};

namespace {
// Every default-constructed options object shares one private, so that a subscription
// without options costs no allocation.
QSharedDataPointer<MqttSubscribeOptionsPrivate> sharedDefault()
{
    static const QSharedDataPointer<MqttSubscribeOptionsPrivate> shared(new MqttSubscribeOptionsPrivate);
    return shared;
}
} // namespace

MqttSubscribeOptions::MqttSubscribeOptions() : d(sharedDefault()) { }
MqttSubscribeOptions::MqttSubscribeOptions(Mqtt::QoS qos) : d(sharedDefault())
{
    if (qos != Mqtt::QoS::AtMostOnce)
        d->qos = qos;
}
MqttSubscribeOptions::MqttSubscribeOptions(const MqttSubscribeOptions &other) = default;
MqttSubscribeOptions::MqttSubscribeOptions(MqttSubscribeOptions &&other) noexcept = default;
MqttSubscribeOptions &MqttSubscribeOptions::operator=(const MqttSubscribeOptions &other) = default;
MqttSubscribeOptions &MqttSubscribeOptions::operator=(MqttSubscribeOptions &&other) noexcept = default;
MqttSubscribeOptions::~MqttSubscribeOptions() = default;

Mqtt::QoS MqttSubscribeOptions::qos() const { return d->qos; }
void MqttSubscribeOptions::setQos(Mqtt::QoS qos) { d->qos = qos; }
bool MqttSubscribeOptions::noLocal() const { return d->noLocal; }
void MqttSubscribeOptions::setNoLocal(bool noLocal) { d->noLocal = noLocal; }
bool MqttSubscribeOptions::retainAsPublished() const { return d->retainAsPublished; }
void MqttSubscribeOptions::setRetainAsPublished(bool retainAsPublished) { d->retainAsPublished = retainAsPublished; }
Mqtt::RetainHandling MqttSubscribeOptions::retainHandling() const { return d->retainHandling; }
void MqttSubscribeOptions::setRetainHandling(Mqtt::RetainHandling handling) { d->retainHandling = handling; }

bool MqttSubscribeOptions::hasMqtt5Options() const
{
    return d->noLocal || d->retainAsPublished || d->retainHandling != Mqtt::RetainHandling::SendOnSubscribe;
}

bool operator==(const MqttSubscribeOptions &a, const MqttSubscribeOptions &b)
{
    return a.qos() == b.qos() && a.noLocal() == b.noLocal() && a.retainAsPublished() == b.retainAsPublished()
            && a.retainHandling() == b.retainHandling();
}

QDebug operator<<(QDebug debug, const MqttSubscribeOptions &options)
{
    const QDebugStateSaver saver(debug);
    debug.nospace() << "MqttSubscribeOptions(qos " << int(options.qos());
    if (options.noLocal())
        debug << ", noLocal";
    if (options.retainAsPublished())
        debug << ", retainAsPublished";
    if (options.retainHandling() != Mqtt::RetainHandling::SendOnSubscribe)
        debug << ", " << options.retainHandling();
    debug << ')';
    return debug;
}
