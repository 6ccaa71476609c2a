// Copyright (C) 2026 The MqttQt authors.
// SPDX-License-Identifier: BSD-3-Clause
#include "retainedcleaner.h"

#include <MqttQt/mqttclient.h>

#include <QtCore/QUuid>

RetainedCleaner::RetainedCleaner(QObject *parent)
    : QObject(parent), m_quiet(this), m_deadline(this)
{
    // The timers are children, so that moveToThread() takes them along.
    m_quiet.setSingleShot(true);
    m_deadline.setSingleShot(true);
    QObject::connect(&m_quiet, &QTimer::timeout, this, [this] { scanDone(); });
    QObject::connect(&m_deadline, &QTimer::timeout, this, [this] {
        // No marker (e.g. an ACL forbids publishing it): what arrived so far, after a
        // quiet period, is what there is.
        if (m_phase == Phase::Discovering || m_phase == Phase::Verifying)
            scanDone();
        else if (m_phase == Phase::Connecting)
            fail(tr("No connection to the broker within %1 seconds.").arg(m_discoveryTimeoutMsecs / 1000));
    });
}

RetainedCleaner::~RetainedCleaner()
{
    if (m_client)
        m_client->disconnect(this);
}

QString RetainedCleaner::filterFor(const QString &rootTopic)
{
    // "a/b/#" matches "a/b" itself as well [MQTT-4.7.1-2].
    return rootTopic.isEmpty() ? QStringLiteral("#") : rootTopic + QStringLiteral("/#");
}

void RetainedCleaner::cancel()
{
    m_cancel.store(true);
}

void RetainedCleaner::abandon()
{
    if (m_phase == Phase::Done)
        return;
    m_phase = Phase::Done;
    m_deadline.stop();
    m_quiet.stop();
    if (m_client)
        m_client->disconnectFromHost();
    Q_EMIT finished(0, 0, true, -1, QString());
}

void RetainedCleaner::discover(const ConnectionProfile &profile, const QByteArray &password,
                               const QByteArray &keyPassphrase, const QString &rootTopic)
{
    m_root = rootTopic;
    ConnectionProfile p = profile;
    p.clientId = profile.clientId.isEmpty() ? QString() : profile.clientId + QStringLiteral("-retained");
    p.cleanSession = true;
    p.willEnabled = false;
    p.autoReconnect = false;
    p.sessionExpiryInterval = 0;
    p.subscriptions.clear();
    m_client = new MqttClient(this);
    const QString refused = applyProfile(m_client, p, password, keyPassphrase);
    if (!refused.isEmpty()) {
        fail(refused);
        return;
    }
    m_client->setMaxInflightMessages(m_window);
    m_marker = QStringLiteral("mqtt-inspector/scan/") + QUuid::createUuid().toString(QUuid::WithoutBraces);
    QObject::connect(m_client, &MqttClient::messageArrived, this, [this](const MqttMessage &m) {
        onMessage(m.topic(), m.payload(), m.retain());
    });
    QObject::connect(m_client, &MqttClient::connackReceived, this, [this](bool, Mqtt::ReasonCode rc, const MqttProperties &) {
        if (rc != Mqtt::ReasonCode::Success)
            fail(tr("The broker refused the connection: %1").arg(Mqtt::reasonCodeString(rc)));
        else if (m_phase == Phase::Connecting)
            startScan();
    });
    QObject::connect(m_client, &MqttClient::subscribed, this,
                     [this](int mid, const QList<Mqtt::ReasonCode> &codes, const MqttProperties &) {
        if (mid != m_scanMid)
            return;
        if (!codes.isEmpty() && int(codes.last()) >= 0x80) {
            fail(tr("The broker refused the subscription to %1: %2")
                         .arg(filterFor(m_root), Mqtt::reasonCodeString(codes.last())));
            return;
        }
        // Published after the SUBACK: the broker queues it behind the retained messages.
        m_client->publish(m_marker, QByteArray("end"), Mqtt::QoS::AtLeastOnce);
        m_quiet.start(qMax(m_quietMsecs, 2000)); // in case the marker never comes
    });
    QObject::connect(m_client, &MqttClient::published, this, [this](int mid, Mqtt::ReasonCode, const MqttProperties &) {
        const auto it = m_mids.constFind(mid);
        if (it == m_mids.constEnd())
            return;
        m_clearedTopics.append(it.value());
        m_mids.erase(it);
        ++m_cleared;
        --m_outstanding;
        sendMore();
    });
    QObject::connect(m_client, &MqttClient::publishFailed, this, [this](int mid, Mqtt::ErrorCode, const QString &text) {
        const auto it = m_mids.constFind(mid);
        if (it == m_mids.constEnd())
            return;
        if (m_firstError.isEmpty())
            m_firstError = tr("%1: %2").arg(it.value(), text);
        m_mids.erase(it);
        ++m_failed;
        --m_outstanding;
        sendMore();
    });
    QObject::connect(m_client, &MqttClient::errorOccurred, this, [this](Mqtt::ErrorCode, const QString &text) {
        if (m_phase == Phase::Connecting || m_phase == Phase::Discovering)
            fail(text);
        else if ((m_phase == Phase::Clearing || m_phase == Phase::Verifying) && !m_client->isConnected()) {
            // A refused message is reported by publishFailed() with its topic; only a lost
            // connection ends the clearing here.
            if (m_firstError.isEmpty())
                m_firstError = text;
            m_outstanding = 0;
            m_mids.clear();
            m_phase = Phase::Done;
            Q_EMIT topicsCleared(m_clearedTopics);
            Q_EMIT finished(m_cleared, m_failed, m_cancel.load(), -1, m_firstError);
        }
    });
    m_phase = Phase::Connecting;
    m_deadline.start(m_discoveryTimeoutMsecs);
    if (m_client->connectToHost() != Mqtt::ErrorCode::NoError)
        fail(m_client->errorString());
}

void RetainedCleaner::startScan()
{
    m_phase = m_phase == Phase::Clearing ? Phase::Verifying : Phase::Discovering;
    m_markerSeen = false;
    m_found.clear();
    m_foundSet.clear();
    m_client->subscribe(m_marker, Mqtt::QoS::AtLeastOnce);
    const MqttResult result = m_client->subscribe(filterFor(m_root), Mqtt::QoS::AtMostOnce);
    if (result.rc != Mqtt::ErrorCode::NoError) {
        fail(m_client->errorString());
        return;
    }
    m_scanMid = result.mid;
    m_deadline.start(m_discoveryTimeoutMsecs);
}

void RetainedCleaner::onMessage(const QString &topic, const QByteArray &payload, bool retain)
{
    if (m_phase != Phase::Discovering && m_phase != Phase::Verifying)
        return;
    if (topic == m_marker) {
        m_markerSeen = true;
        m_quiet.start(m_quietMsecs);
        return;
    }
    // An empty retained payload is a deletion, never stored by the broker [MQTT-3.3.1-10].
    m_quiet.start(m_markerSeen ? m_quietMsecs : qMax(m_quietMsecs, 2000));
    if (!retain || payload.isEmpty() || m_foundSet.contains(topic))
        return;
    m_foundSet.insert(topic);
    m_found.append(topic);
}

void RetainedCleaner::scanDone()
{
    m_deadline.stop();
    m_quiet.stop();
    m_client->unsubscribe(filterFor(m_root));
    if (m_phase == Phase::Discovering) {
        m_phase = Phase::Cleared;
        if (m_cancel.load()) {
            m_phase = Phase::Done;
            m_client->disconnectFromHost();
            Q_EMIT finished(0, 0, true, -1, QString());
            return;
        }
        Q_EMIT discovered(m_found);
        return;
    }
    if (m_phase == Phase::Verifying) {
        m_phase = Phase::Done;
        m_client->disconnectFromHost();
        Q_EMIT topicsCleared(m_clearedTopics);
        Q_EMIT finished(m_cleared, m_failed, m_cancel.load(), int(m_found.size()), m_firstError);
    }
}

void RetainedCleaner::clear(const QStringList &topics)
{
    if (m_phase != Phase::Cleared) {
        Q_EMIT finished(0, 0, false, -1, tr("The retained messages were not looked up first."));
        return;
    }
    m_phase = Phase::Clearing;
    m_toClear = topics;
    m_next = 0;
    m_outstanding = 0;
    m_cleared = 0;
    m_failed = 0;
    m_clearedTopics.clear();
    Q_EMIT progress(0, int(m_toClear.size()));
    sendMore();
}

void RetainedCleaner::sendMore()
{
    if (m_phase != Phase::Clearing)
        return;
    if (!m_cancel.load()) {
        while (m_outstanding < m_window && m_next < m_toClear.size()) {
            const QString &topic = m_toClear.at(m_next++);
            const MqttMessageInfo info = m_client->publish(topic, QByteArray(), Mqtt::QoS::AtLeastOnce, true);
            if (info.rc() != Mqtt::ErrorCode::NoError) {
                ++m_failed;
                if (m_firstError.isEmpty())
                    m_firstError = tr("%1: %2").arg(topic, Mqtt::errorString(info.rc()));
                continue;
            }
            m_mids.insert(info.mid(), topic);
            ++m_outstanding;
        }
    }
    Q_EMIT progress(m_cleared + m_failed, int(m_toClear.size()));
    if (m_outstanding == 0 && (m_next >= m_toClear.size() || m_cancel.load()))
        finish();
}

void RetainedCleaner::finish()
{
    // Look again: whatever is still retained under the root is counted, not assumed gone.
    startScan();
}

void RetainedCleaner::fail(const QString &error)
{
    if (m_phase == Phase::Done)
        return;
    m_phase = Phase::Done;
    m_deadline.stop();
    m_quiet.stop();
    if (m_client)
        m_client->disconnectFromHost();
    Q_EMIT failedToStart(error);
}
