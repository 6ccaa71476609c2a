// Copyright (C) 2026 The MqttQt authors.
// SPDX-License-Identifier: BSD-3-Clause
#include "mqttqmlsubscription_p.h"

#include <MqttQt/MqttSubscription>

#include <QtCore/QThread>

MqttQmlSubscription::MqttQmlSubscription(QObject *parent) : QObject(parent) {}

MqttQmlSubscription::~MqttQmlSubscription()
{
    detach();
}

MqttClient *MqttQmlSubscription::client() const
{
    return m_client.data();
}

void MqttQmlSubscription::setClient(MqttClient *client)
{
    if (m_client == client)
        return;
    detach();
    m_client = client;
    resetReceived();
    Q_EMIT clientChanged();
    update();
}

void MqttQmlSubscription::setTopic(const QString &topic)
{
    if (m_topic == topic)
        return;
    m_topic = topic;
    resetReceived();
    Q_EMIT topicChanged();
    update();
}

void MqttQmlSubscription::setQos(int qos)
{
    if (m_qos == qos)
        return;
    m_qos = qos;
    Q_EMIT qosChanged();
    update();
}

void MqttQmlSubscription::setNoLocal(bool noLocal)
{
    if (m_noLocal == noLocal)
        return;
    m_noLocal = noLocal;
    Q_EMIT noLocalChanged();
    update();
}

void MqttQmlSubscription::setRetainAsPublished(bool retainAsPublished)
{
    if (m_retainAsPublished == retainAsPublished)
        return;
    m_retainAsPublished = retainAsPublished;
    Q_EMIT retainAsPublishedChanged();
    update();
}

void MqttQmlSubscription::setRetainHandling(int handling)
{
    if (m_retainHandling == handling)
        return;
    m_retainHandling = handling;
    Q_EMIT retainHandlingChanged();
    update();
}

void MqttQmlSubscription::setEnabled(bool enabled)
{
    if (m_enabled == enabled)
        return;
    m_enabled = enabled;
    Q_EMIT enabledChanged();
    update();
}

Mqtt::ErrorCode MqttQmlSubscription::error() const
{
    return m_error != Mqtt::ErrorCode::NoError ? m_error : m_dataError;
}

QString MqttQmlSubscription::errorString() const
{
    return m_error != Mqtt::ErrorCode::NoError ? m_errorString : m_dataErrorString;
}

void MqttQmlSubscription::classBegin() {}

void MqttQmlSubscription::componentComplete()
{
    m_complete = true;
    update();
}

MqttSubscribeOptions MqttQmlSubscription::options() const
{
    MqttSubscribeOptions options{ Mqtt::QoS(m_qos) };
    options.setNoLocal(m_noLocal);
    options.setRetainAsPublished(m_retainAsPublished);
    options.setRetainHandling(Mqtt::RetainHandling(m_retainHandling));
    return options;
}

void MqttQmlSubscription::update()
{
    if (!m_complete)
        return; // every property is set before the first subscription
    const auto refuse = [this](const QString &why) {
        detach();
        setState(Error, -1, Mqtt::ErrorCode::Invalid, why, Mqtt::ReasonCode::Success);
    };
    if (!m_enabled || !m_client || m_topic.isEmpty()) {
        detach();
        setState(Unsubscribed, -1, Mqtt::ErrorCode::NoError, QString(), Mqtt::ReasonCode::Success);
        return;
    }
    if (!Mqtt::isValidTopicFilter(m_topic))
        return refuse(QStringLiteral("\"%1\" is not a valid topic filter (\"+\" and \"#\" must fill a whole level, "
                                     "\"#\" only the last; no control characters, noncharacters or U+0000; at most 65,535 bytes)")
                              .arg(m_topic));
    if (m_qos < 0 || m_qos > 2)
        return refuse(QStringLiteral("QoS %1 is not 0, 1 or 2").arg(m_qos));
    if (m_retainHandling < 0 || m_retainHandling > 2)
        return refuse(QStringLiteral("retainHandling %1 is not 0, 1 or 2").arg(m_retainHandling));
    if (m_client->thread() != thread())
        return refuse(QStringLiteral("The client lives in another thread; MqttSubscription and MqttValue need a "
                                     "client in their own thread"));
    if (m_core && m_attachedFilter == m_topic) {
        m_core->setOptions(options());
        return;
    }
    detach();
    m_attachedFilter = m_topic;
    m_core = m_client->addSubscription(m_topic, options());
    connect(m_core, &MqttSubscription::stateChanged, this, [this] { takeCoreState(); });
    connect(m_core, &MqttSubscription::messageReceived, this, [this](const MqttMessage &m) { deliver(m); });
    // The client destroys its subscription objects first when it goes.
    connect(m_core, &QObject::destroyed, this, [this] { clientGone(); });
    takeCoreState(); // the state it had from the start; its handlers may change the entry
}

void MqttQmlSubscription::detach()
{
    if (!m_core)
        return;
    MqttSubscription *core = m_core.data();
    m_core = nullptr;
    m_attachedFilter.clear();
    core->disconnect(this);
    delete core; // leaves the filter's broker subscription (the last one unsubscribes)
}

void MqttQmlSubscription::takeCoreState()
{
    if (!m_core)
        return;
    const MqttSubscription::State s = m_core->state();
    const State state = s == MqttSubscription::State::Subscribed ? Subscribed
            : s == MqttSubscription::State::Error                ? Error
            : s == MqttSubscription::State::Pending              ? Pending
                                                                 : Unsubscribed;
    setState(state, m_core->grantedQos(), m_core->error(), m_core->errorString(), m_core->reasonCode());
}

void MqttQmlSubscription::clientGone()
{
    // The client is being destroyed (the subscription object is its child).
    m_core = nullptr;
    m_attachedFilter.clear();
    m_client = nullptr;
    resetReceived();
    setState(Unsubscribed, -1, Mqtt::ErrorCode::NoError, QString(), Mqtt::ReasonCode::Success);
    Q_EMIT clientChanged();
}

void MqttQmlSubscription::setState(State state, int grantedQos, Mqtt::ErrorCode error, const QString &errorString,
                                   Mqtt::ReasonCode reasonCode)
{
    const Mqtt::ErrorCode errorBefore = this->error();
    const QString stringBefore = this->errorString();
    const bool stateChanged = m_state != state;
    const bool qosChanged = m_grantedQos != grantedQos;
    const bool reasonChanged = m_reasonCode != reasonCode;
    m_state = state;
    m_grantedQos = grantedQos;
    m_error = error;
    m_errorString = errorString;
    m_reasonCode = reasonCode;
    if (reasonChanged)
        Q_EMIT reasonCodeChanged();
    if (qosChanged)
        Q_EMIT grantedQosChanged();
    if (errorBefore != this->error() || stringBefore != this->errorString())
        Q_EMIT errorChanged();
    if (stateChanged)
        Q_EMIT this->stateChanged();
}

void MqttQmlSubscription::setDataError(Mqtt::ErrorCode error, const QString &errorString)
{
    const Mqtt::ErrorCode errorBefore = this->error();
    const QString stringBefore = this->errorString();
    m_dataError = error;
    m_dataErrorString = errorString;
    if (errorBefore != this->error() || stringBefore != this->errorString())
        Q_EMIT errorChanged();
}

void MqttQmlSubscription::deliver(const MqttMessage &message)
{
    handleMessage(message);
}

void MqttQmlSubscription::handleMessage(const MqttMessage &message)
{
    Q_EMIT messageReceived(message);
}

void MqttQmlSubscription::resetReceived() {}
