// Copyright (C) 2026 The MqttQt authors.
// SPDX-License-Identifier: BSD-3-Clause
#include "transporttestsupport.h"

#include <QtCore/QCoreApplication>
#include <QtCore/QDeadlineTimer>
#include <QtCore/QRandomGenerator>
#include <QtCore/QUuid>
#include <QtCore/QtEndian>
#include <QtNetwork/QHostAddress>
#include <QtNetwork/QTcpSocket>
#include <QtTest/QTest>

#include <memory>

#include <sys/socket.h>

namespace TransportTest {

QString uniqueClientId(const char *prefix)
{
    return QString::fromLatin1(prefix) + QLatin1Char('-')
            + QUuid::createUuid().toString(QUuid::WithoutBraces).left(8);
}

QByteArray connectBytes(const QString &clientId, quint16 keepAlive)
{
    MqttCodec::ConnectPacket connect;
    connect.version = Mqtt::ProtocolVersion::V3_1_1;
    connect.cleanStart = true;
    connect.keepAlive = keepAlive;
    connect.clientId = clientId;
    QByteArray bytes;
    const auto error = MqttCodec::encode(MqttCodec::Packet(connect), Mqtt::ProtocolVersion::V3_1_1, bytes);
    Q_ASSERT(error == MqttCodec::EncodeError::None);
    return bytes;
}

QByteArray subscribeBytes(quint16 packetId, const QString &filter, Mqtt::QoS qos)
{
    MqttCodec::SubscribePacket subscribe;
    subscribe.packetId = packetId;
    MqttCodec::Subscription subscription;
    subscription.filter = filter;
    subscription.qos = qos;
    subscribe.subscriptions << subscription;
    QByteArray bytes;
    const auto error = MqttCodec::encode(MqttCodec::Packet(subscribe), Mqtt::ProtocolVersion::V3_1_1, bytes);
    Q_ASSERT(error == MqttCodec::EncodeError::None);
    return bytes;
}

QByteArray publishBytes(const QString &topic, const QByteArray &payload, Mqtt::QoS qos, quint16 packetId)
{
    MqttCodec::PublishPacket publish;
    publish.topic = topic.toUtf8();
    publish.payload = payload;
    publish.qos = qos;
    publish.packetId = packetId;
    QByteArray bytes;
    const auto error = MqttCodec::encode(publish, Mqtt::ProtocolVersion::V3_1_1, bytes);
    Q_ASSERT(error == MqttCodec::EncodeError::None);
    return bytes;
}

// ---- Probe -----------------------------------------------------------------------------

Probe::Probe(MqttTransport *transport) : m_transport(transport)
{
    m_clock.start();
    connect(transport, &MqttTransport::connected, this, [this] { ++connectedCount; });
    connect(transport, &MqttTransport::readyRead, this, &Probe::onReadyRead);
    connect(transport, &MqttTransport::closed, this, [this](Mqtt::ErrorCode code, const QString &reason) {
        ++closedCount;
        closed = Report{code, reason, now()};
    });
    connect(transport, &MqttTransport::errorOccurred, this, [this](Mqtt::ErrorCode code, const QString &reason) {
        ++errorCount;
        error = Report{code, reason, now()};
    });
}

void Probe::onReadyRead()
{
    constexpr qint64 Chunk = 64 * 1024;
    for (;;) {
        char *dst = m_decoder.prepareAppend(Chunk);
        const qint64 n = m_transport ? m_transport->read(dst, Chunk) : -1;
        m_decoder.commitAppend(std::max<qint64>(n, 0));
        if (n <= 0)
            break;
        bytesRead += n;
        for (;;) {
            MqttCodec::DecodeResult result = m_decoder.next();
            if (result.status == MqttCodec::DecodeStatus::NeedMore)
                break;
            if (result.status == MqttCodec::DecodeStatus::Malformed) {
                malformed = result.error.reason;
                return;
            }
            packets.push_back(std::move(result.packet));
        }
        if (n < Chunk)
            break;
    }
}

bool Probe::waitForConnected(int timeoutMs)
{
    (void)QTest::qWaitFor([&] { return connectedCount > 0 || errorCount > 0 || closedCount > 0; }, timeoutMs);
    return connectedCount > 0 && errorCount == 0 && closedCount == 0;
}

std::optional<MqttCodec::Packet> Probe::takePacket(MqttCodec::PacketType type, int timeoutMs)
{
    auto find = [this, type] {
        for (auto it = packets.begin(); it != packets.end(); ++it) {
            if (MqttCodec::packetType(*it) == type)
                return it;
        }
        return packets.end();
    };
    (void)QTest::qWaitFor([&] { return find() != packets.end() || closedCount > 0 || !malformed.isEmpty(); }, timeoutMs);
    const auto it = find();
    if (it == packets.end())
        return std::nullopt;
    MqttCodec::Packet packet = std::move(*it);
    packets.erase(it);
    return packet;
}

bool Probe::waitForClosed(int timeoutMs)
{
    (void)QTest::qWaitFor([&] { return closedCount > 0; }, timeoutMs);
    return closedCount > 0;
}

bool Probe::waitForError(int timeoutMs)
{
    (void)QTest::qWaitFor([&] { return errorCount > 0; }, timeoutMs);
    return errorCount > 0;
}

bool Probe::handshake(const QString &clientId, QString *why)
{
    m_transport->write(connectBytes(clientId));
    const auto packet = takePacket(MqttCodec::PacketType::Connack);
    if (!packet) {
        if (why)
            *why = QStringLiteral("no CONNACK: ") + summary();
        return false;
    }
    const auto &connack = std::get<MqttCodec::ConnackPacket>(*packet);
    if (connack.reasonCode != Mqtt::ReasonCode::Success) {
        if (why)
            *why = QStringLiteral("CONNACK refused with %1").arg(int(connack.reasonCode));
        return false;
    }
    return true;
}

QString Probe::summary() const
{
    QString text = QStringLiteral("connected %1, bytes read %2").arg(connectedCount).arg(bytesRead);
    if (error)
        text += QStringLiteral(", errorOccurred(%1, \"%2\")").arg(int(error->code)).arg(error->reason);
    if (closed)
        text += QStringLiteral(", closed(%1, \"%2\")").arg(int(closed->code)).arg(closed->reason);
    if (!malformed.isEmpty())
        text += QStringLiteral(", malformed: ") + malformed;
    return text;
}

// ---- splice ----------------------------------------------------------------------------

void splice(QTcpSocket *a, QTcpSocket *b)
{
    auto pump = [](QTcpSocket *from, QTcpSocket *to) {
        QObject::connect(from, &QTcpSocket::readyRead, to, [from, to] { to->write(from->readAll()); });
        QObject::connect(from, &QTcpSocket::disconnected, to, [to] { to->disconnectFromHost(); });
    };
    pump(a, b);
    pump(b, a);
    if (a->bytesAvailable())
        b->write(a->readAll());
    if (b->bytesAvailable())
        a->write(b->readAll());
}

// ---- TcpRelay --------------------------------------------------------------------------

TcpRelay::TcpRelay(quint16 targetPort, QObject *parent) : QObject(parent), m_targetPort(targetPort)
{
    connect(&m_server, &QTcpServer::newConnection, this, &TcpRelay::onNewConnection);
}

TcpRelay::~TcpRelay()
{
    for (Pair &pair : m_pairs) {
        if (pair.client)
            pair.client->abort();
        if (pair.upstream)
            pair.upstream->abort();
    }
}

bool TcpRelay::listen()
{
    return m_server.listen(QHostAddress::LocalHost, 0);
}

void TcpRelay::onNewConnection()
{
    while (QTcpSocket *client = m_server.nextPendingConnection()) {
        ++m_connections;
        client->setParent(this);
        auto *upstream = new QTcpSocket(this);
        connect(client, &QTcpSocket::readyRead, this, [this, client] {
            if (!client->bytesAvailable())
                return;
            m_bytesFromClients += client->bytesAvailable();
        });
        splice(client, upstream);
        upstream->connectToHost(QHostAddress::LocalHost, m_targetPort);
        m_pairs.push_back({client, upstream});
    }
}

void TcpRelay::resetClients()
{
    for (Pair &pair : m_pairs) {
        if (pair.client && pair.client->socketDescriptor() >= 0) {
            const linger option{1, 0};
            ::setsockopt(int(pair.client->socketDescriptor()), SOL_SOCKET, SO_LINGER, &option, sizeof option);
            pair.client->disconnect();
            pair.client->abort();
        }
        if (pair.upstream) {
            pair.upstream->disconnect();
            pair.upstream->abort();
        }
    }
}

// ---- HttpConnectProxy ------------------------------------------------------------------

HttpConnectProxy::HttpConnectProxy(QObject *parent) : QObject(parent)
{
    connect(&m_server, &QTcpServer::newConnection, this, &HttpConnectProxy::onNewConnection);
}

HttpConnectProxy::~HttpConnectProxy() = default;

bool HttpConnectProxy::listen()
{
    return m_server.listen(QHostAddress::LocalHost, 0);
}

void HttpConnectProxy::requireCredentials(const QByteArray &user, const QByteArray &password)
{
    m_credentials = QByteArray(user + ':' + password).toBase64();
}

void HttpConnectProxy::onNewConnection()
{
    while (QTcpSocket *client = m_server.nextPendingConnection()) {
        client->setParent(this);
        connect(client, &QTcpSocket::readyRead, this, [this, client] { onClientData(client); });
        connect(client, &QTcpSocket::disconnected, client, &QObject::deleteLater);
    }
}

void HttpConnectProxy::onClientData(QTcpSocket *client)
{
    // The request head is collected in a property until it is complete.
    QByteArray buffer = client->property("head").toByteArray() + client->readAll();
    const qsizetype end = buffer.indexOf("\r\n\r\n");
    if (end < 0) {
        client->setProperty("head", buffer);
        return;
    }
    const QByteArray head = buffer.left(end);
    const QByteArray rest = buffer.mid(end + 4);
    client->setProperty("head", QByteArray());
    const QList<QByteArray> lines = head.split('\n');
    const QList<QByteArray> request = lines.value(0).trimmed().split(' ');
    if (request.size() != 3 || request[0] != "CONNECT") {
        client->write("HTTP/1.1 405 Method Not Allowed\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
        client->disconnectFromHost();
        return;
    }
    if (!m_credentials.isEmpty()) {
        bool authorized = false;
        for (const QByteArray &line : lines) {
            const qsizetype colon = line.indexOf(':');
            if (colon > 0 && line.left(colon).trimmed().toLower() == "proxy-authorization")
                authorized = line.mid(colon + 1).trimmed() == "Basic " + m_credentials;
        }
        if (!authorized) {
            ++challenges;
            client->write("HTTP/1.1 407 Proxy Authentication Required\r\n"
                          "Proxy-Authenticate: Basic realm=\"mqttqt-test\"\r\n"
                          "Content-Length: 0\r\n\r\n");
            if (!rest.isEmpty())
                client->setProperty("head", rest);
            return;
        }
    }
    const QByteArray target = request[1];
    const qsizetype colon = target.lastIndexOf(':');
    const QString host = QString::fromLatin1(target.left(colon)).remove(QLatin1Char('[')).remove(QLatin1Char(']'));
    const quint16 port = target.mid(colon + 1).toUShort();
    tunnels << QString::fromLatin1(target);
    client->disconnect(this);
    auto *upstream = new QTcpSocket(client);
    connect(upstream, &QTcpSocket::connected, client, [client, upstream, rest] {
        client->write("HTTP/1.1 200 Connection established\r\n\r\n");
        upstream->write(rest);
        splice(client, upstream);
    });
    connect(upstream, &QTcpSocket::errorOccurred, client, [client, upstream] {
        if (upstream->state() != QAbstractSocket::ConnectedState) {
            client->write("HTTP/1.1 502 Bad Gateway\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
            client->disconnectFromHost();
        }
    });
    upstream->connectToHost(host, port);
}

// ---- Socks5Proxy -----------------------------------------------------------------------

Socks5Proxy::Socks5Proxy(QObject *parent) : QObject(parent)
{
    connect(&m_server, &QTcpServer::newConnection, this, &Socks5Proxy::onNewConnection);
}

Socks5Proxy::~Socks5Proxy() = default;

bool Socks5Proxy::listen()
{
    return m_server.listen(QHostAddress::LocalHost, 0);
}

void Socks5Proxy::requireCredentials(const QByteArray &user, const QByteArray &password)
{
    m_user = user;
    m_password = password;
}

void Socks5Proxy::onNewConnection()
{
    while (QTcpSocket *client = m_server.nextPendingConnection()) {
        client->setParent(this);
        client->setProperty("phase", 0);
        connect(client, &QTcpSocket::readyRead, this, [this, client] { onClientData(client); });
        connect(client, &QTcpSocket::disconnected, client, &QObject::deleteLater);
    }
}

void Socks5Proxy::onClientData(QTcpSocket *client)
{
    QByteArray buffer = client->property("buffer").toByteArray() + client->readAll();
    auto keep = [client](const QByteArray &rest) { client->setProperty("buffer", rest); };
    auto byte = [&buffer](qsizetype i) { return quint8(buffer.at(i)); };
    const bool needLogin = !m_user.isEmpty();
    for (;;) {
        const int phase = client->property("phase").toInt();
        if (phase == 0) { // greeting: VER NMETHODS METHODS
            if (buffer.size() < 2 || buffer.size() < 2 + byte(1))
                return keep(buffer);
            const QByteArray methods = buffer.mid(2, byte(1));
            buffer.remove(0, 2 + byte(1));
            const char wanted = needLogin ? 0x02 : 0x00;
            if (!methods.contains(wanted)) {
                client->write(QByteArray::fromHex("05ff"));
                client->disconnectFromHost();
                return;
            }
            client->write(QByteArray(1, 0x05) + wanted);
            client->setProperty("phase", needLogin ? 1 : 2);
        } else if (phase == 1) { // RFC 1929: VER ULEN UNAME PLEN PASSWD
            if (buffer.size() < 2 || buffer.size() < 3 + byte(1) || buffer.size() < 3 + byte(1) + byte(2 + byte(1)))
                return keep(buffer);
            const int userLength = byte(1);
            const QByteArray user = buffer.mid(2, userLength);
            const int passwordLength = byte(2 + userLength);
            const QByteArray password = buffer.mid(3 + userLength, passwordLength);
            buffer.remove(0, 3 + userLength + passwordLength);
            if (user != m_user || password != m_password) {
                ++refusedLogins;
                client->write(QByteArray::fromHex("0101"));
                client->disconnectFromHost();
                return;
            }
            client->write(QByteArray::fromHex("0100"));
            client->setProperty("phase", 2);
        } else { // request: VER CMD RSV ATYP DST.ADDR DST.PORT
            if (buffer.size() < 5)
                return keep(buffer);
            QString host;
            qsizetype at = 4;
            if (byte(3) == 0x01) {
                if (buffer.size() < 10)
                    return keep(buffer);
                host = QHostAddress(qFromBigEndian<quint32>(buffer.constData() + 4)).toString();
                at = 8;
            } else if (byte(3) == 0x03) {
                if (buffer.size() < 5 + byte(4) + 2)
                    return keep(buffer);
                host = QString::fromLatin1(buffer.mid(5, byte(4)));
                at = 5 + byte(4);
            } else if (byte(3) == 0x04) {
                if (buffer.size() < 22)
                    return keep(buffer);
                host = QHostAddress(reinterpret_cast<const quint8 *>(buffer.constData() + 4)).toString();
                at = 20;
            } else {
                client->write(QByteArray::fromHex("05080001000000000000"));
                client->disconnectFromHost();
                return;
            }
            const quint16 port = qFromBigEndian<quint16>(buffer.constData() + at);
            const QByteArray rest = buffer.mid(at + 2);
            if (byte(1) != 0x01) { // CONNECT only
                client->write(QByteArray::fromHex("05070001000000000000"));
                client->disconnectFromHost();
                return;
            }
            tunnels << QStringLiteral("%1:%2").arg(host).arg(port);
            client->disconnect(this);
            keep({});
            auto *upstream = new QTcpSocket(client);
            connect(upstream, &QTcpSocket::connected, client, [client, upstream, rest] {
                client->write(QByteArray::fromHex("05000001000000000000"));
                upstream->write(rest);
                splice(client, upstream);
            });
            connect(upstream, &QTcpSocket::errorOccurred, client, [client, upstream] {
                if (upstream->state() != QAbstractSocket::ConnectedState) {
                    client->write(QByteArray::fromHex("05050001000000000000"));
                    client->disconnectFromHost();
                }
            });
            upstream->connectToHost(host, port);
            return;
        }
    }
}

} // namespace TransportTest
