// Copyright (C) 2026 The MqttQt authors.
// SPDX-License-Identifier: BSD-3-Clause
#ifndef CLIENTRECORDER_H
#define CLIENTRECORDER_H

#include <MqttQt/MqttClient>

#include <QtCore/QList>
#include <QtCore/QObject>
#include <QtCore/QPair>
#include <QtCore/QStringList>

// Everything an MqttClient reports, recorded in arrival order. Connected through a
// context object of its own, so it may be destroyed before or after the client.
struct ClientRecorder
{
    explicit ClientRecorder(MqttClient *client)
    {
        QObject::connect(client, &MqttClient::messageReceived, &guard,
                         [this](const MqttMessage &m) { messages.append(m); });
        QObject::connect(client, &MqttClient::published, &guard,
                         [this](int mid, Mqtt::ReasonCode, const MqttProperties &) { published.append(mid); });
        QObject::connect(client, &MqttClient::publishFailed, &guard,
                         [this](int mid, Mqtt::ErrorCode e, const QString &) { failed.append({ mid, e }); });
        QObject::connect(client, &MqttClient::subscribed, &guard,
                         [this](int mid, const QList<Mqtt::ReasonCode> &codes, const MqttProperties &) {
                             subscribed.append({ mid, codes });
                         });
        QObject::connect(client, &MqttClient::unsubscribed, &guard,
                         [this](int mid, const QList<Mqtt::ReasonCode> &codes, const MqttProperties &) {
                             unsubscribed.append({ mid, codes });
                         });
        QObject::connect(client, &MqttClient::connackReceived, &guard,
                         [this](bool sessionPresent, Mqtt::ReasonCode rc, const MqttProperties &) {
                             connacks.append({ sessionPresent, rc });
                         });
        QObject::connect(client, &MqttClient::disconnected, &guard,
                         [this](Mqtt::ErrorCode e, Mqtt::ReasonCode, const MqttProperties &) {
                             disconnects.append(e);
                             endings.append(QStringLiteral("disconnected"));
                         });
        QObject::connect(client, &MqttClient::socketClosed, &guard,
                         [this] { endings.append(QStringLiteral("socketClosed")); });
        QObject::connect(client, &MqttClient::stateChanged, &guard, [this](Mqtt::ClientState state) {
            if (state == Mqtt::ClientState::Disconnected)
                endings.append(QStringLiteral("stateChanged(Disconnected)"));
            else if (state == Mqtt::ClientState::WaitingToReconnect)
                endings.append(QStringLiteral("stateChanged(WaitingToReconnect)"));
        });
        QObject::connect(client, &MqttClient::reconnectScheduled, &guard,
                         [this](int attempt, int delayMs) { reconnects.append({ attempt, delayMs }); });
        QObject::connect(client, &MqttClient::errorOccurred, &guard,
                         [this](Mqtt::ErrorCode e, const QString &text) {
                             errors.append({ e, text });
                             endings.append(QStringLiteral("errorOccurred"));
                         });
    }

    QList<QByteArray> payloads() const
    {
        QList<QByteArray> list;
        for (const MqttMessage &m : messages)
            list.append(m.payload());
        return list;
    }
    bool hasPayload(const QByteArray &payload) const { return payloads().contains(payload); }
    QList<Mqtt::ReasonCode> subackFor(int mid) const
    {
        for (const auto &s : subscribed) {
            if (s.first == mid)
                return s.second;
        }
        return {};
    }
    int subackCount(int mid) const
    {
        int n = 0;
        for (const auto &s : subscribed)
            n += s.first == mid ? 1 : 0;
        return n;
    }
    bool hasUnsuback(int mid) const
    {
        for (const auto &s : unsubscribed) {
            if (s.first == mid)
                return true;
        }
        return false;
    }
    QList<Mqtt::ReasonCode> unsubackFor(int mid) const
    {
        for (const auto &s : unsubscribed) {
            if (s.first == mid)
                return s.second;
        }
        return {};
    }

    QObject guard;
    QList<MqttMessage> messages;
    QList<int> published;
    QList<QPair<int, Mqtt::ErrorCode>> failed;
    QList<QPair<int, QList<Mqtt::ReasonCode>>> subscribed;
    QList<QPair<int, QList<Mqtt::ReasonCode>>> unsubscribed;
    QList<QPair<bool, Mqtt::ReasonCode>> connacks;
    QList<Mqtt::ErrorCode> disconnects;
    QList<QPair<int, int>> reconnects;
    QList<QPair<Mqtt::ErrorCode, QString>> errors;
    // The signals that end a connection, in order: errorOccurred, stateChanged(Disconnected or
    // WaitingToReconnect), socketClosed, disconnected.
    QStringList endings;
};

#endif // CLIENTRECORDER_H
