// Copyright (C) 2026 The MqttQt authors.
// SPDX-License-Identifier: BSD-3-Clause
#ifndef MQTTCLIENT_P_H
#define MQTTCLIENT_P_H

//
//  W A R N I N G
//  -------------
// This file is not part of the MqttQt API. It exists for the implementation of
// MqttQt and may change from version to version without notice, or even be removed.
//

#include "mqttclient.h"
#include "session/mqttsession_p.h"

#include <QtCore/QElapsedTimer>
#include <QtCore/QPointer>
#include <QtCore/QTimer>

#include <memory>
#include <vector>

class MqttTransport;

// Wires transport, session and signals together on the event loop. It holds no protocol
// logic: that is the session's.
class MqttClientPrivate final : public MqttSession::Observer
{
public:
    explicit MqttClientPrivate(MqttClient *q);
    ~MqttClientPrivate() override;

    struct Callback
    {
        QString filter;
        QByteArray filterUtf8;
        QPointer<const QObject> context;
        std::function<void(const MqttMessage &)> handler;
        QMetaObject::Connection destroyedConnection;
        bool removed = false;
    };

    qint64 now() const;
    void setState(Mqtt::ClientState s);
    void setError(Mqtt::ErrorCode code, const QString &text);
    void logLine(Mqtt::LogLevel level, const QString &text);
    void flush();
    void scheduleFlush();
    void armTimer();
    void afterEvent();
    void onTick();
    MqttSession::Config sessionConfig() const;
    void startConnection();
    void onTransportConnected();
    void onReadyRead();
    void onConnectTimeout();
    void onTransportError(Mqtt::ErrorCode e, const QString &why);
    void onTransportClosed(Mqtt::ErrorCode e, const QString &why);
    void connectionEnded(bool wasOpen, Mqtt::ErrorCode why);
    void closeConnection(Mqtt::ErrorCode error, Mqtt::ReasonCode reasonCode, const QString &why,
                         const MqttProperties &properties);
    MqttResult finishCall(const MqttSession::Result &r);
    MqttMessageInfo publish(QByteArray &&topicUtf8, QByteArray &&payload, Mqtt::QoS qos, bool retain,
                            const MqttProperties &properties);

    // MqttSession::Observer
    void connackReceived(const MqttCodec::ConnackPacket &connack) override;
    void messageReceived(MqttCodec::PublishPacket &&message) override;
    void publishAcknowledged(int mid, Mqtt::ReasonCode reasonCode, const MqttProperties &properties) override;
    void publishFailed(int mid, Mqtt::ErrorCode error, const QString &why) override;
    void subscribeAcknowledged(int mid, const QList<Mqtt::ReasonCode> &reasonCodes,
                               const MqttProperties &properties) override;
    void unsubscribeAcknowledged(int mid, const QList<Mqtt::ReasonCode> &reasonCodes,
                                 const MqttProperties &properties) override;
    void authReceived(const MqttCodec::AuthPacket &auth) override;
    void connectionMustClose(Mqtt::ErrorCode error, Mqtt::ReasonCode reasonCode, const QString &why,
                             const MqttProperties &properties) override;
    void log(Mqtt::LogLevel level, const QString &text) override;
    void deliver(MqttCodec::PublishPacket &&packet);

    MqttClient *const q;
    MqttSession::Session session;
    MqttTransport *transport = nullptr;
    QElapsedTimer clock;
    QTimer tickTimer;
    QTimer reconnectTimer;
    QTimer connectTimer;
    QTimer closeTimer;
    qint64 armedDeadline = -1;
    bool flushScheduled = false;
    bool inReadHandler = false; // onReadyRead() is running and flushes at its end
    QMetaObject::Connection aboutToBlockConnection;
    bool socketOpen = false;
    bool userDisconnect = false;
    bool connectRequested = false;
    bool permanentRefusal = false;
    Mqtt::ErrorCode pendingCloseError = Mqtt::ErrorCode::Success;
    Mqtt::ReasonCode disconnectReason = Mqtt::ReasonCode::Success;
    MqttProperties disconnectProperties;

    // Options
    QString clientId;
    bool clientIdIsGenerated = true;
    bool cleanSession = true;
    QVariant userData;
    Mqtt::ProtocolVersion protocolVersion = Mqtt::ProtocolVersion::V3_1_1;
    Mqtt::Transport transportKind = Mqtt::Transport::Tcp;
    QString host;
    int port = 1883;
    int keepAlive = 60;
    QString bindAddress;
    QString username;
    QByteArray password;
    MqttWill will;
    MqttProperties connectProperties;
    int maxInflight = 20;
    int maxQueued = 0;
    int messageRetry = 0;
    int reconnectDelayMin = 1;
    int reconnectDelayMax = 120;
    int currentReconnectDelay = 1;
    int reconnectAttempt = 0;
    bool autoReconnect = true;
    bool republishOnCleanSession = true;
    int connectTimeout = 30000;
    bool loggerEnabled = false;

    Mqtt::ClientState state = Mqtt::ClientState::Disconnected;
    Mqtt::ErrorCode error = Mqtt::ErrorCode::Success;
    QString errorString;

    QList<std::shared_ptr<Callback>> callbacks;
    std::vector<MqttCodec::PublishPacket> pendingDeliveries; // decoded, acknowledged, not yet delivered
};

#endif // MQTTCLIENT_P_H
