// Copyright (C) 2026 The MqttQt authors.
// SPDX-License-Identifier: BSD-3-Clause
//
// Test support for the transport suites, not API: MQTT bytes from the codec, a recorder of a
// transport's signals and decoded packets, and small loopback servers the suites put between
// a transport and the broker (a TCP relay that can reset its clients, an HTTP CONNECT proxy
// and a SOCKS5 proxy, both optionally demanding credentials).
#pragma once

#include "codec/mqttcodec_p.h"
#include "transport/mqtttransport_p.h"

#include <QtCore/QElapsedTimer>
#include <QtCore/QList>
#include <QtCore/QObject>
#include <QtCore/QPointer>
#include <QtCore/QString>
#include <QtNetwork/QTcpServer>

#include <optional>
#include <vector>

class QTcpSocket;

namespace TransportTest {

// A client id no other test run uses at the same time.
QString uniqueClientId(const char *prefix);

// MQTT 3.1.1 packets, encoded by the codec.
QByteArray connectBytes(const QString &clientId, quint16 keepAlive = 60);
QByteArray subscribeBytes(quint16 packetId, const QString &filter, Mqtt::QoS qos);
QByteArray publishBytes(const QString &topic, const QByteArray &payload, Mqtt::QoS qos, quint16 packetId = 0);

// Records what a transport reports and decodes the bytes it delivers, reading the way the
// client does (fixed-size reads until a short one).
class Probe : public QObject
{
    Q_OBJECT
public:
    struct Report
    {
        Mqtt::ErrorCode code = Mqtt::ErrorCode::NoError;
        QString reason;
        qint64 atMs = 0; // on the probe's clock
    };

    explicit Probe(MqttTransport *transport);

    MqttTransport *transport() const { return m_transport; }
    // Milliseconds since the probe was made.
    qint64 now() const { return m_clock.elapsed(); }

    int connectedCount = 0;
    int closedCount = 0;
    int errorCount = 0;
    std::optional<Report> closed;
    std::optional<Report> error;
    qint64 bytesRead = 0;
    QString malformed; // set if the stream did not decode
    std::vector<MqttCodec::Packet> packets;

    // True once connected(); false on errorOccurred(), closed() or timeout.
    bool waitForConnected(int timeoutMs = 10000);
    // Takes the first packet of \a type received, waiting up to \a timeoutMs.
    std::optional<MqttCodec::Packet> takePacket(MqttCodec::PacketType type, int timeoutMs = 10000);
    bool waitForClosed(int timeoutMs = 10000);
    bool waitForError(int timeoutMs = 10000);
    // Sends CONNECT and returns true if a CONNACK with return code 0 comes back.
    bool handshake(const QString &clientId, QString *why = nullptr);
    // What was reported, for failure messages.
    QString summary() const;

private:
    void onReadyRead();

    QPointer<MqttTransport> m_transport;
    MqttCodec::StreamDecoder m_decoder;
    QElapsedTimer m_clock;
};

// Forwards every connection it accepts to a target port on 127.0.0.1, byte for byte, so that
// TLS and WebSocket handshakes run end to end. resetClients() makes every client-side
// connection end with a TCP RST.
class TcpRelay : public QObject
{
    Q_OBJECT
public:
    explicit TcpRelay(quint16 targetPort, QObject *parent = nullptr);
    ~TcpRelay() override;
    bool listen();
    quint16 port() const { return m_server.serverPort(); }
    // Aborts every connection with SO_LINGER 0: the clients see ECONNRESET.
    void resetClients();
    qint64 bytesFromClients() const { return m_bytesFromClients; }
    int connections() const { return m_connections; }

private:
    struct Pair
    {
        QPointer<QTcpSocket> client;
        QPointer<QTcpSocket> upstream;
    };
    void onNewConnection();

    QTcpServer m_server;
    quint16 m_targetPort;
    std::vector<Pair> m_pairs;
    qint64 m_bytesFromClients = 0;
    int m_connections = 0;
};

// A minimal HTTP proxy that understands CONNECT only, optionally requiring Basic credentials.
class HttpConnectProxy : public QObject
{
    Q_OBJECT
public:
    explicit HttpConnectProxy(QObject *parent = nullptr);
    ~HttpConnectProxy() override;
    bool listen();
    quint16 port() const { return m_server.serverPort(); }
    void requireCredentials(const QByteArray &user, const QByteArray &password);
    // "host:port" of every tunnel opened, in order.
    QStringList tunnels;
    int challenges = 0; // 407 answers sent

private:
    void onNewConnection();
    void onClientData(QTcpSocket *client);

    QTcpServer m_server;
    QByteArray m_credentials; // base64 "user:password", empty: none needed
};

// A minimal SOCKS5 proxy (RFC 1928 CONNECT; RFC 1929 username/password when required).
class Socks5Proxy : public QObject
{
    Q_OBJECT
public:
    explicit Socks5Proxy(QObject *parent = nullptr);
    ~Socks5Proxy() override;
    bool listen();
    quint16 port() const { return m_server.serverPort(); }
    void requireCredentials(const QByteArray &user, const QByteArray &password);
    QStringList tunnels;   // "host:port" of every tunnel opened
    int refusedLogins = 0; // username/password pairs refused

private:
    void onNewConnection();
    void onClientData(QTcpSocket *client);

    QTcpServer m_server;
    QByteArray m_user;
    QByteArray m_password;
};

// Joins two sockets: what one receives, the other sends; when one ends, so does the other.
void splice(QTcpSocket *a, QTcpSocket *b);

} // namespace TransportTest
