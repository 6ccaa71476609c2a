// Copyright (C) 2026 The MqttQt authors.
// SPDX-License-Identifier: BSD-3-Clause
#ifndef MQTTWEBSOCKETTRANSPORT_P_H
#define MQTTWEBSOCKETTRANSPORT_P_H

//
//  W A R N I N G
//  -------------
// This file is not part of the MqttQt API. It exists for the implementation of
// MqttQt and may change from version to version without notice, or even be removed.
//

#include "mqtttransport_p.h"

#include <QtCore/QByteArray>
#include <QtCore/QUrl>

#include <deque>
#include <optional>

class QWebSocket;

// MQTT over WebSockets (QWebSocket): ws://, or wss:// with TLS options. The "mqtt"
// subprotocol is offered and required. Binary frames are concatenated into the byte stream
// (a packet may span frames and a frame may hold several packets: the session's decoder
// reassembles the stream), and every write() goes out as one binary message.
class MqttWebSocketTransport : public MqttTransport
{
    Q_OBJECT
public:
    MqttWebSocketTransport(const MqttWebSocketOptions &options, const std::optional<MqttTlsOptions> &tls,
                           const QNetworkProxy &proxy, QObject *parent);
    ~MqttWebSocketTransport() override;

    void open(const QString &host, quint16 port, const QString &bindAddress) override;
    void close() override;
    void abort() override;
    bool isOpen() const override;
    qint64 bytesAvailable() const override;
    qint64 read(char *data, qint64 maxSize) override;
    void write(const QByteArray &data) override;
    qint64 bytesToWrite() const override;
    QIODevice *device() const override;

    // The URL open() connects to (for messages and tests).
    QUrl url() const { return m_url; }

private:
    void onConnected();
    void onDisconnected();
    void onError();
    void onSslErrors(const QList<QSslError> &errors);
    void onTextFrame();
    void reportFailure(Mqtt::ErrorCode error, const QString &reason);
    void dropSocket();

    MqttWebSocketOptions m_options;
    std::optional<MqttTlsOptions> m_tls;
    QNetworkProxy m_proxy;
    QWebSocket *m_socket = nullptr;
    QUrl m_url;
    std::deque<QByteArray> m_frames; // received binary frames not yet read
    qsizetype m_frontOffset = 0;     // bytes of m_frames.front() already read
    qint64 m_available = 0;
    bool m_announcePosted = false; // readyRead() of the frames received is posted
    QAbstractSocket::SocketError m_lastError = QAbstractSocket::UnknownSocketError;
    QString m_alert; // the last fatal TLS alert received, for the error text
    bool m_upgradeSent = false; // TCP (and TLS) up, HTTP upgrade request written
};

#endif // MQTTWEBSOCKETTRANSPORT_P_H
