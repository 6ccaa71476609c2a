// Copyright (C) 2026 The MqttQt authors.
// SPDX-License-Identifier: BSD-3-Clause
//
// Every transport carries MQTT to a real mosquitto on loopback: TCP, TLS, mutual TLS (plain
// and encrypted key), ws, wss, a Unix socket, devices handed in, and each network transport
// through an HTTP CONNECT and a SOCKS5 proxy. The transports are driven directly through the
// private MqttTransport interface with packets encoded by the codec, as the client drives
// them. Also: WebSocket frames against a scripted QWebSocketServer, request headers, ALPN.
#include "mosquittobroker.h"
#include "transporttestsupport.h"

#include "transport/mqtttransport_p.h"

#include <QtCore/QBuffer>
#include <QtCore/QDir>
#include <QtCore/QFile>
#include <QtNetwork/QLocalServer>
#include <QtNetwork/QLocalSocket>
#include <QtNetwork/QSslCipher>
#include <QtNetwork/QSslServer>
#include <QtNetwork/QSslSocket>
#include <QtNetwork/QTcpSocket>
#include <QtTest/QSignalSpy>
#include <QtTest/QTest>
#include <QtWebSockets/QWebSocket>
#include <QtWebSockets/QWebSocketServer>

#include <memory>

using namespace TransportTest;
using Mqtt::ErrorCode;
using MqttCodec::PacketType;

#define REQUIRE_MOSQUITTO()                                                                        \
    do {                                                                                           \
        if (!MosquittoBroker::mosquittoAvailable())                                                \
            QSKIP("mosquitto, mosquitto_passwd or openssl is not installed");                      \
    } while (false)

namespace {

enum class Kind { Tcp, Tls, Ws, Wss, Local, DeviceTcp, DeviceLocal };
enum class ClientCert { None, Plain, Encrypted };
enum class Proxy { None, Http, Socks5, HttpWithCredentials, Socks5WithCredentials };

QSslCertificate readCertificate(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return QSslCertificate();
    return QSslCertificate(file.readAll(), QSsl::Pem);
}

QSslKey readKey(const QString &path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return QSslKey(file.readAll(), QSsl::Ec, QSsl::Pem, QSsl::PrivateKey);
}

MqttTlsOptions tlsOptions(const MosquittoBroker &broker, ClientCert cert)
{
    MqttTlsOptions tls;
    QString error;
    if (!tls.setCaCertificatesFile(broker.caCertificatePath(), &error))
        qFatal("CA file: %s", qPrintable(error));
    if (cert == ClientCert::Plain
        && !tls.setLocalCertificateFiles(broker.clientCertificatePath(), broker.clientKeyPath(), {}, &error))
        qFatal("client certificate: %s", qPrintable(error));
    if (cert == ClientCert::Encrypted
        && !tls.setLocalCertificateFiles(broker.clientCertificatePath(), broker.encryptedClientKeyPath(),
                                         MosquittoBroker::clientKeyPassphrase(), &error))
        qFatal("client certificate: %s", qPrintable(error));
    return tls;
}

// One MQTT conversation over an open transport: CONNECT/CONNACK, SUBSCRIBE/SUBACK, then a
// QoS 1 PUBLISH to itself: PUBACK and the message come back.
void converse(Probe &probe, const QByteArray &payload)
{
    MqttTransport *t = probe.transport();
    QString why;
    QVERIFY2(probe.handshake(uniqueClientId("tst-transports"), &why), qPrintable(why));
    const QString topic = QStringLiteral("mqttqt/transports/") + uniqueClientId("topic");
    t->write(subscribeBytes(1, topic, Mqtt::QoS::AtLeastOnce));
    const auto suback = probe.takePacket(PacketType::Suback);
    QVERIFY2(suback, qPrintable(probe.summary()));
    QCOMPARE(std::get<MqttCodec::SubackPacket>(*suback).reasonCodes.value(0), Mqtt::ReasonCode::GrantedQoS1);
    t->write(publishBytes(topic, payload, Mqtt::QoS::AtLeastOnce, 2));
    const auto puback = probe.takePacket(PacketType::Puback, 30000);
    QVERIFY2(puback, qPrintable(probe.summary()));
    QCOMPARE(std::get<MqttCodec::PubackPacket>(*puback).packetId, quint16(2));
    const auto message = probe.takePacket(PacketType::Publish, 30000);
    QVERIFY2(message, qPrintable(probe.summary()));
    const auto &publish = std::get<MqttCodec::PublishPacket>(*message);
    QCOMPARE(publish.topic, topic.toUtf8());
    QCOMPARE(publish.payload.size(), payload.size());
    QVERIFY(publish.payload == payload);
    QVERIFY2(probe.malformed.isEmpty(), qPrintable(probe.malformed));
}

} // namespace

class tst_Transports : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void exchangesMqttOverEveryTransport_data();
    void exchangesMqttOverEveryTransport();
    void largePayloadCrossesWebSocketFrames_data();
    void largePayloadCrossesWebSocketFrames();
    void megabytesFromServerSpanFramesAndShareThem();
    void webSocketFramesAreConcatenatedIntoTheStream();
    void webSocketRequestCarriesPathAndHeaders();
    void tlsOptionsVariants_data();
    void tlsOptionsVariants();
    void alpnProtocolsAreOffered();
    void deviceOwnership_data();
    void deviceOwnership();
    void localSocketCarriesMqttThroughRelay();
};

void tst_Transports::initTestCase()
{
    if (!QSslSocket::supportsSsl())
        QSKIP("Qt has no TLS backend");
}

void tst_Transports::exchangesMqttOverEveryTransport_data()
{
    QTest::addColumn<Kind>("kind");
    QTest::addColumn<bool>("mutualTls");
    QTest::addColumn<ClientCert>("cert");
    QTest::addColumn<Proxy>("proxy");
    QTest::addColumn<QString>("host");

    const QString ip = QStringLiteral("127.0.0.1");
    QTest::newRow("tcp") << Kind::Tcp << false << ClientCert::None << Proxy::None << ip;
    QTest::newRow("tls") << Kind::Tls << false << ClientCert::None << Proxy::None << ip;
    QTest::newRow("tls to localhost") << Kind::Tls << false << ClientCert::None << Proxy::None << QStringLiteral("localhost");
    QTest::newRow("mutual tls") << Kind::Tls << true << ClientCert::Plain << Proxy::None << ip;
    QTest::newRow("mutual tls, encrypted key") << Kind::Tls << true << ClientCert::Encrypted << Proxy::None << ip;
    QTest::newRow("ws") << Kind::Ws << false << ClientCert::None << Proxy::None << ip;
    QTest::newRow("wss") << Kind::Wss << false << ClientCert::None << Proxy::None << ip;
    QTest::newRow("wss, mutual tls") << Kind::Wss << true << ClientCert::Encrypted << Proxy::None << ip;
    QTest::newRow("unix socket") << Kind::Local << false << ClientCert::None << Proxy::None << QString();
    QTest::newRow("device: QTcpSocket") << Kind::DeviceTcp << false << ClientCert::None << Proxy::None << QString();
    QTest::newRow("device: QLocalSocket") << Kind::DeviceLocal << false << ClientCert::None << Proxy::None << QString();
    QTest::newRow("tcp via http proxy") << Kind::Tcp << false << ClientCert::None << Proxy::Http << ip;
    QTest::newRow("tcp via socks5 proxy") << Kind::Tcp << false << ClientCert::None << Proxy::Socks5 << ip;
    QTest::newRow("tcp via http proxy, credentials") << Kind::Tcp << false << ClientCert::None << Proxy::HttpWithCredentials << ip;
    QTest::newRow("tcp via socks5 proxy, credentials") << Kind::Tcp << false << ClientCert::None << Proxy::Socks5WithCredentials << ip;
    QTest::newRow("tls via http proxy") << Kind::Tls << false << ClientCert::None << Proxy::Http << ip;
    QTest::newRow("tls via socks5 proxy") << Kind::Tls << false << ClientCert::None << Proxy::Socks5 << ip;
    QTest::newRow("mutual tls via socks5 proxy") << Kind::Tls << true << ClientCert::Plain << Proxy::Socks5 << ip;
    QTest::newRow("ws via http proxy") << Kind::Ws << false << ClientCert::None << Proxy::Http << ip;
    QTest::newRow("ws via socks5 proxy") << Kind::Ws << false << ClientCert::None << Proxy::Socks5 << ip;
    QTest::newRow("wss via http proxy") << Kind::Wss << false << ClientCert::None << Proxy::Http << ip;
    QTest::newRow("wss via socks5 proxy, credentials") << Kind::Wss << false << ClientCert::None << Proxy::Socks5WithCredentials << ip;
}

void tst_Transports::exchangesMqttOverEveryTransport()
{
    REQUIRE_MOSQUITTO();
    QFETCH(Kind, kind);
    QFETCH(bool, mutualTls);
    QFETCH(ClientCert, cert);
    QFETCH(Proxy, proxy);
    QFETCH(QString, host);

    MosquittoBroker::Options options;
    options.tls = kind == Kind::Tls;
    options.mutualTls = mutualTls;
    options.websockets = kind == Kind::Ws;
    options.secureWebsockets = kind == Kind::Wss;
    options.unixSocket = kind == Kind::Local || kind == Kind::DeviceLocal;
    MosquittoBroker broker;
    QVERIFY2(broker.start(options), qPrintable(broker.errorString()));

    MqttTransportConfig config;
    quint16 port = 0;
    switch (kind) {
    case Kind::Tcp:
        port = broker.tcpPort();
        break;
    case Kind::Tls:
        config.tls = tlsOptions(broker, cert);
        port = broker.tlsPort();
        break;
    case Kind::Ws:
        config.transport = Mqtt::Transport::WebSockets;
        port = broker.wsPort();
        break;
    case Kind::Wss:
        config.transport = Mqtt::Transport::WebSockets;
        config.tls = tlsOptions(broker, cert);
        port = broker.wssPort();
        break;
    case Kind::Local:
        config.transport = Mqtt::Transport::LocalSocket;
        host = broker.unixSocketPath();
        break;
    case Kind::DeviceTcp: {
        auto *socket = new QTcpSocket(this);
        socket->connectToHost(broker.host(), broker.tcpPort());
        QVERIFY2(socket->waitForConnected(5000), qPrintable(socket->errorString()));
        config.transport = Mqtt::Transport::Device;
        config.device = socket;
        config.deviceOwnership = Mqtt::DeviceOwnership::ClientOwnsDevice;
        break;
    }
    case Kind::DeviceLocal: {
        auto *socket = new QLocalSocket(this);
        socket->connectToServer(broker.unixSocketPath());
        QVERIFY2(socket->waitForConnected(5000), qPrintable(socket->errorString()));
        config.transport = Mqtt::Transport::Device;
        config.device = socket;
        config.deviceOwnership = Mqtt::DeviceOwnership::ClientOwnsDevice;
        break;
    }
    }

    HttpConnectProxy http;
    Socks5Proxy socks;
    switch (proxy) {
    case Proxy::None:
        break;
    case Proxy::Http:
    case Proxy::HttpWithCredentials:
        QVERIFY(http.listen());
        config.proxy = QNetworkProxy(QNetworkProxy::HttpProxy, QStringLiteral("127.0.0.1"), http.port());
        break;
    case Proxy::Socks5:
    case Proxy::Socks5WithCredentials:
        QVERIFY(socks.listen());
        config.proxy = QNetworkProxy(QNetworkProxy::Socks5Proxy, QStringLiteral("127.0.0.1"), socks.port());
        break;
    }
    if (proxy == Proxy::HttpWithCredentials || proxy == Proxy::Socks5WithCredentials) {
        http.requireCredentials("mqtt-user", "proxy secret");
        socks.requireCredentials("mqtt-user", "proxy secret");
        config.proxy.setUser(QStringLiteral("mqtt-user"));
        config.proxy.setPassword(QStringLiteral("proxy secret"));
    }

    QString why;
    QCOMPARE(config.check(&why), ErrorCode::NoError);
    std::unique_ptr<MqttTransport> transport(createTransport(config, nullptr));
    Probe probe(transport.get());
    transport->open(host, port, {});
    QVERIFY2(probe.waitForConnected(), qPrintable(probe.summary()));
    QVERIFY(transport->isOpen());
    QCOMPARE(transport->device() == nullptr, kind == Kind::Ws || kind == Kind::Wss);

    converse(probe, QByteArray("hello over ") + QTest::currentDataTag());
    if (QTest::currentTestFailed())
        return;

    transport->close();
    QVERIFY2(probe.waitForClosed(), qPrintable(probe.summary()));
    QCOMPARE(probe.closed->code, ErrorCode::NoError);
    QCOMPARE(probe.closedCount, 1);
    QCOMPARE(probe.errorCount, 0);
    QVERIFY(!transport->isOpen());

    const QString target = QStringLiteral("127.0.0.1:%1").arg(port);
    if (proxy == Proxy::Http || proxy == Proxy::HttpWithCredentials)
        QCOMPARE(http.tunnels, QStringList{target});
    if (proxy == Proxy::Socks5 || proxy == Proxy::Socks5WithCredentials)
        QCOMPARE(socks.tunnels, QStringList{target});
    if (proxy == Proxy::HttpWithCredentials)
        QCOMPARE(http.challenges, 1); // Qt asks without credentials first, then with them
}

void tst_Transports::largePayloadCrossesWebSocketFrames_data()
{
    QTest::addColumn<bool>("secure");
    QTest::newRow("ws") << false;
    QTest::newRow("wss") << true;
}

void tst_Transports::largePayloadCrossesWebSocketFrames()
{
    REQUIRE_MOSQUITTO();
    QFETCH(bool, secure);
    MosquittoBroker::Options options;
    options.websockets = !secure;
    options.secureWebsockets = secure;
    MosquittoBroker broker;
    QVERIFY2(broker.start(options), qPrintable(broker.errorString()));

    MqttTransportConfig wsConfig;
    wsConfig.transport = Mqtt::Transport::WebSockets;
    if (secure)
        wsConfig.tls = tlsOptions(broker, ClientCert::None);
    std::unique_ptr<MqttTransport> ws(createTransport(wsConfig, nullptr));
    Probe wsProbe(ws.get());
    ws->open(broker.host(), secure ? broker.wssPort() : broker.wsPort(), {});
    std::unique_ptr<MqttTransport> tcp(createTransport(MqttTransportConfig(), nullptr));
    Probe tcpProbe(tcp.get());
    tcp->open(broker.host(), broker.tcpPort(), {});
    QVERIFY2(wsProbe.waitForConnected(), qPrintable(wsProbe.summary()));
    QVERIFY2(tcpProbe.waitForConnected(), qPrintable(tcpProbe.summary()));
    QString why;
    QVERIFY2(wsProbe.handshake(uniqueClientId("tst-ws-large"), &why), qPrintable(why));
    QVERIFY2(tcpProbe.handshake(uniqueClientId("tst-tcp-large"), &why), qPrintable(why));
    const QString toTcp = QStringLiteral("mqttqt/large/") + uniqueClientId("to-tcp");
    const QString toWs = QStringLiteral("mqttqt/large/") + uniqueClientId("to-ws");
    tcp->write(subscribeBytes(1, toTcp, Mqtt::QoS::AtLeastOnce));
    ws->write(subscribeBytes(1, toWs, Mqtt::QoS::AtLeastOnce));
    QVERIFY2(tcpProbe.takePacket(PacketType::Suback), qPrintable(tcpProbe.summary()));
    QVERIFY2(wsProbe.takePacket(PacketType::Suback), qPrintable(wsProbe.summary()));

    // Client to broker: 6 MiB and 3 bytes in one write, which QWebSocket sends as 13 frames
    // of at most 512 KiB; the broker must reassemble the packet, and the TCP subscriber
    // receives it intact.
    QByteArray payload(6 * 1024 * 1024 + 3, Qt::Uninitialized);
    for (qsizetype i = 0; i < payload.size(); ++i)
        payload[i] = char((i * 7919) >> 3);
    ws->write(publishBytes(toTcp, payload, Mqtt::QoS::AtLeastOnce, 2));
    QVERIFY2(wsProbe.takePacket(PacketType::Puback, 30000), qPrintable(wsProbe.summary()));
    auto message = tcpProbe.takePacket(PacketType::Publish, 30000);
    QVERIFY2(message, qPrintable(tcpProbe.summary()));
    QVERIFY(std::get<MqttCodec::PublishPacket>(*message).payload == payload);

    // Broker to client: mosquitto 2.0.11 hands a WebSocket client about 40 KB/s (one
    // libwebsockets write per service pass; Paho Python measures the same), so the real
    // broker sends 64 KiB and 1 byte, in frames of its own choosing. Several megabytes
    // arriving in frames are checked against a scripted server in
    // megabytesFromServerSpanFramesAndShareThem().
    const QByteArray back = payload.left(64 * 1024 + 1);
    tcp->write(publishBytes(toWs, back, Mqtt::QoS::AtLeastOnce, 3));
    QVERIFY2(tcpProbe.takePacket(PacketType::Puback, 30000), qPrintable(tcpProbe.summary()));
    message = wsProbe.takePacket(PacketType::Publish, 30000);
    QVERIFY2(message, qPrintable(wsProbe.summary()));
    QVERIFY(std::get<MqttCodec::PublishPacket>(*message).payload == back);
    QVERIFY2(wsProbe.malformed.isEmpty(), qPrintable(wsProbe.malformed));
}

void tst_Transports::megabytesFromServerSpanFramesAndShareThem()
{
    QWebSocketServer server(QStringLiteral("scripted"), QWebSocketServer::NonSecureMode);
    server.setSupportedSubprotocols({QStringLiteral("mqtt")});
    QVERIFY(server.listen(QHostAddress::LocalHost));
    QPointer<QWebSocket> peer;
    connect(&server, &QWebSocketServer::newConnection, this, [&] {
        peer = server.nextPendingConnection();
        peer->setParent(&server); // nextPendingConnection() hands over ownership
    });
    MqttTransportConfig config;
    config.transport = Mqtt::Transport::WebSockets;
    std::unique_ptr<MqttTransport> transport(createTransport(config, nullptr));
    Probe probe(transport.get());
    transport->open(QStringLiteral("127.0.0.1"), server.serverPort(), {});
    QVERIFY2(probe.waitForConnected(), qPrintable(probe.summary()));
    QTRY_VERIFY(peer);

    // CONNACK and two PUBLISH packets of 3 MiB as one message in frames of 100,003 bytes:
    // the first frame holds the CONNACK and the start of a PUBLISH, one frame holds the end
    // of the first PUBLISH and the start of the second.
    QByteArray first(3 * 1024 * 1024, Qt::Uninitialized);
    QByteArray second(3 * 1024 * 1024 + 11, Qt::Uninitialized);
    for (qsizetype i = 0; i < first.size(); ++i)
        first[i] = char(i * 31);
    for (qsizetype i = 0; i < second.size(); ++i)
        second[i] = char(i * 17 + 5);
    const QByteArray stream = QByteArray::fromHex("20020000")
            + publishBytes(QStringLiteral("big/1"), first, Mqtt::QoS::AtMostOnce)
            + publishBytes(QStringLiteral("big/2"), second, Mqtt::QoS::AtMostOnce);
    peer->setOutgoingFrameSize(100003);
    peer->sendBinaryMessage(stream);

    QVERIFY2(probe.takePacket(PacketType::Connack), qPrintable(probe.summary()));
    const auto one = probe.takePacket(PacketType::Publish, 30000);
    QVERIFY2(one, qPrintable(probe.summary()));
    QCOMPARE(std::get<MqttCodec::PublishPacket>(*one).topic, QByteArray("big/1"));
    QVERIFY(std::get<MqttCodec::PublishPacket>(*one).payload == first);
    const auto two = probe.takePacket(PacketType::Publish, 30000);
    QVERIFY2(two, qPrintable(probe.summary()));
    QCOMPARE(std::get<MqttCodec::PublishPacket>(*two).topic, QByteArray("big/2"));
    QVERIFY(std::get<MqttCodec::PublishPacket>(*two).payload == second);
    QCOMPARE(probe.bytesRead, stream.size());
}

void tst_Transports::webSocketFramesAreConcatenatedIntoTheStream()
{
    QWebSocketServer server(QStringLiteral("scripted"), QWebSocketServer::NonSecureMode);
    server.setSupportedSubprotocols({QStringLiteral("mqtt")});
    QVERIFY(server.listen(QHostAddress::LocalHost));
    QPointer<QWebSocket> peer;
    QByteArray fromClient;
    int binaryMessages = 0;
    connect(&server, &QWebSocketServer::newConnection, this, [&] {
        peer = server.nextPendingConnection();
        peer->setParent(&server); // nextPendingConnection() hands over ownership
        connect(peer, &QWebSocket::binaryMessageReceived, this, [&](const QByteArray &m) {
            fromClient += m;
            ++binaryMessages;
        });
    });

    MqttTransportConfig config;
    config.transport = Mqtt::Transport::WebSockets;
    std::unique_ptr<MqttTransport> transport(createTransport(config, nullptr));
    Probe probe(transport.get());
    transport->open(QStringLiteral("127.0.0.1"), server.serverPort(), {});
    QVERIFY2(probe.waitForConnected(), qPrintable(probe.summary()));
    QTRY_VERIFY(peer);
    QCOMPARE(peer->subprotocol(), QStringLiteral("mqtt"));

    // Two packets in one write: one binary message, bytes unchanged.
    const QByteArray connect = connectBytes(QStringLiteral("frames"));
    const QByteArray subscribe = subscribeBytes(7, QStringLiteral("a/b"), Mqtt::QoS::AtMostOnce);
    transport->write(connect + subscribe);
    QTRY_COMPARE(fromClient, connect + subscribe);
    QCOMPARE(binaryMessages, 1);

    // CONNACK split over two frames, then SUBACK and a PUBLISH in one frame.
    const QByteArray connack = QByteArray::fromHex("20020000");
    const QByteArray suback = QByteArray::fromHex("9003000700");
    const QByteArray publish = publishBytes(QStringLiteral("a/b"), "payload", Mqtt::QoS::AtMostOnce);
    peer->sendBinaryMessage(connack.left(1));
    peer->sendBinaryMessage(connack.mid(1));
    peer->sendBinaryMessage(suback + publish);
    QVERIFY2(probe.takePacket(PacketType::Connack), qPrintable(probe.summary()));
    QVERIFY2(probe.takePacket(PacketType::Suback), qPrintable(probe.summary()));
    const auto message = probe.takePacket(PacketType::Publish);
    QVERIFY2(message, qPrintable(probe.summary()));
    QCOMPARE(std::get<MqttCodec::PublishPacket>(*message).payload, QByteArray("payload"));
    QCOMPARE(probe.bytesRead, connack.size() + suback.size() + publish.size());

    // The server closing the WebSocket ends the stream as a lost connection, with its code.
    peer->close(QWebSocketProtocol::CloseCodeGoingAway, QStringLiteral("maintenance"));
    QVERIFY2(probe.waitForClosed(), qPrintable(probe.summary()));
    QCOMPARE(probe.closed->code, ErrorCode::ConnectionLost);
    QVERIFY2(probe.closed->reason.contains(QLatin1String("1001")), qPrintable(probe.closed->reason));
    QVERIFY2(probe.closed->reason.contains(QLatin1String("maintenance")), qPrintable(probe.closed->reason));
}

void tst_Transports::webSocketRequestCarriesPathAndHeaders()
{
    QWebSocketServer server(QStringLiteral("scripted"), QWebSocketServer::NonSecureMode);
    server.setSupportedSubprotocols({QStringLiteral("mqtt")});
    QVERIFY(server.listen(QHostAddress::LocalHost));
    QPointer<QWebSocket> peer;
    connect(&server, &QWebSocketServer::newConnection, this, [&] {
        peer = server.nextPendingConnection();
        peer->setParent(&server); // nextPendingConnection() hands over ownership
    });

    MqttWebSocketOptions ws;
    QString error;
    QVERIFY2(ws.setPath(QStringLiteral("/custom/mqtt?token=abc%20def"), &error), qPrintable(error));
    QVERIFY2(ws.setHeaders({{"Authorization", "Bearer static-token"}, {"X-Static", "1"}}, &error), qPrintable(error));
    MqttWebSocketOptions::Headers offered;
    ws.setHeadersCallback([&offered](const MqttWebSocketOptions::Headers &headers) {
        offered = headers;
        MqttWebSocketOptions::Headers result = headers;
        result.insert("X-Computed", "host=" + headers.value("Host"));
        result.insert("X-Static", "2"); // callback overrides the map
        return result;
    });

    MqttTransportConfig config;
    config.transport = Mqtt::Transport::WebSockets;
    config.webSocket = ws;
    std::unique_ptr<MqttTransport> transport(createTransport(config, nullptr));
    Probe probe(transport.get());
    transport->open(QStringLiteral("127.0.0.1"), server.serverPort(), {});
    QVERIFY2(probe.waitForConnected(), qPrintable(probe.summary()));
    QTRY_VERIFY(peer);

    const QByteArray hostHeader = "127.0.0.1:" + QByteArray::number(server.serverPort());
    QCOMPARE(offered.value("Host"), hostHeader);
    QCOMPARE(offered.value("Sec-WebSocket-Protocol"), QByteArray("mqtt"));
    QCOMPARE(offered.value("Authorization"), QByteArray("Bearer static-token"));
    const QNetworkRequest request = peer->request();
    QCOMPARE(request.url().path(), QStringLiteral("/custom/mqtt"));
    QCOMPARE(request.url().query(QUrl::FullyEncoded), QStringLiteral("token=abc%20def"));
    QCOMPARE(request.rawHeader("Authorization"), QByteArray("Bearer static-token"));
    QCOMPARE(request.rawHeader("X-Static"), QByteArray("2"));
    QCOMPARE(request.rawHeader("X-Computed"), "host=" + hostHeader);
}

void tst_Transports::tlsOptionsVariants_data()
{
    QTest::addColumn<QString>("variant");
    QTest::newRow("certificate for another host, host name verification off") << QStringLiteral("insecure");
    QTest::newRow("unrelated CA, CertNone") << QStringLiteral("cert-none");
    QTest::newRow("tls_set_context: a QSslConfiguration") << QStringLiteral("context");
    QTest::newRow("TLS 1.3 only") << QStringLiteral("tls13");
    QTest::newRow("TLS 1.2 cipher list over TLS 1.2") << QStringLiteral("ciphers");
    QTest::newRow("TLS 1.3 cipher suite") << QStringLiteral("ciphers13");
    QTest::newRow("client certificate from memory") << QStringLiteral("memory");
}

void tst_Transports::tlsOptionsVariants()
{
    REQUIRE_MOSQUITTO();
    QFETCH(QString, variant);
    MosquittoBroker::Options options;
    options.tls = true;
    if (variant == QLatin1String("insecure"))
        options.serverCertificate = MosquittoBroker::ServerCertificate::OtherHost;
    if (variant == QLatin1String("memory"))
        options.mutualTls = true;
    MosquittoBroker broker;
    QVERIFY2(broker.start(options), qPrintable(broker.errorString()));

    MqttTlsOptions tls = tlsOptions(broker, ClientCert::None);
    QString error;
    if (variant == QLatin1String("insecure")) {
        tls.setHostNameVerificationEnabled(false);
    } else if (variant == QLatin1String("cert-none")) {
        QVERIFY(tls.setCaCertificatesFile(broker.otherCaCertificatePath(), &error));
        tls.setCertificateRequirement(MqttTlsOptions::CertificateRequirement::CertNone);
    } else if (variant == QLatin1String("context")) {
        QSslConfiguration configuration = QSslConfiguration::defaultConfiguration();
        configuration.setCaCertificates({readCertificate(broker.caCertificatePath())});
        configuration.setPeerVerifyMode(QSslSocket::VerifyPeer);
        tls = MqttTlsOptions::fromSslConfiguration(configuration);
        QCOMPARE(tls.certificateRequirement(), MqttTlsOptions::CertificateRequirement::CertRequired);
    } else if (variant == QLatin1String("tls13")) {
        tls.setMinimumTlsVersion(MqttTlsOptions::TlsVersion::TlsV1_3);
    } else if (variant == QLatin1String("ciphers")) {
        // Paho's tls_version=PROTOCOL_TLSv1_2 (an exact version) is a tls_set_context() case.
        QSslConfiguration configuration = tls.sslConfiguration();
        configuration.setProtocol(QSsl::TlsV1_2);
        tls = MqttTlsOptions::fromSslConfiguration(configuration);
        QVERIFY2(tls.setCiphers(QStringLiteral("ECDHE-ECDSA-CHACHA20-POLY1305"), &error), qPrintable(error));
    } else if (variant == QLatin1String("ciphers13")) {
        QVERIFY2(tls.setCiphers(QStringLiteral("TLS_CHACHA20_POLY1305_SHA256"), &error), qPrintable(error));
    } else if (variant == QLatin1String("memory")) {
        QVERIFY2(tls.setLocalCertificate({readCertificate(broker.clientCertificatePath())},
                                         readKey(broker.clientKeyPath()), &error),
                 qPrintable(error));
    }

    MqttTransportConfig config;
    config.tls = tls;
    std::unique_ptr<MqttTransport> transport(createTransport(config, nullptr));
    Probe probe(transport.get());
    transport->open(broker.host(), broker.tlsPort(), {});
    QVERIFY2(probe.waitForConnected(), qPrintable(probe.summary()));
    QString why;
    QVERIFY2(probe.handshake(uniqueClientId("tst-tls"), &why), qPrintable(why));
    auto *socket = qobject_cast<QSslSocket *>(transport->device());
    QVERIFY(socket);
    QVERIFY(socket->isEncrypted());
    if (variant == QLatin1String("tls13"))
        QCOMPARE(socket->sessionProtocol(), QSsl::TlsV1_3);
    if (variant == QLatin1String("ciphers")) {
        QCOMPARE(socket->sessionProtocol(), QSsl::TlsV1_2);
        QCOMPARE(socket->sessionCipher().name(), QStringLiteral("ECDHE-ECDSA-CHACHA20-POLY1305"));
    }
    if (variant == QLatin1String("ciphers13")) {
        QCOMPARE(socket->sessionProtocol(), QSsl::TlsV1_3);
        QCOMPARE(socket->sessionCipher().name(), QStringLiteral("TLS_CHACHA20_POLY1305_SHA256"));
    }
}

void tst_Transports::alpnProtocolsAreOffered()
{
    REQUIRE_MOSQUITTO();
    // mosquitto 2.0.11 does not negotiate ALPN, so a QSslServer with the broker's
    // certificate plays the server and reports what was negotiated.
    MosquittoBroker broker;
    QVERIFY2(broker.start(), qPrintable(broker.errorString()));
    QSslServer server;
    QSslConfiguration serverConfiguration = QSslConfiguration::defaultConfiguration();
    serverConfiguration.setLocalCertificate(readCertificate(broker.serverCertificatePath()));
    serverConfiguration.setPrivateKey(readKey(broker.serverKeyPath()));
    serverConfiguration.setPeerVerifyMode(QSslSocket::VerifyNone);
    serverConfiguration.setAllowedNextProtocols({"x-other", "mqtt"});
    server.setSslConfiguration(serverConfiguration);
    QVERIFY(server.listen(QHostAddress::LocalHost));
    QByteArray negotiated;
    connect(&server, &QSslServer::startedEncryptionHandshake, this, [&](QSslSocket *socket) {
        connect(socket, &QSslSocket::encrypted, this,
                [&negotiated, socket] { negotiated = socket->sslConfiguration().nextNegotiatedProtocol(); });
    });

    MqttTlsOptions tls = tlsOptions(broker, ClientCert::None);
    QString error;
    QVERIFY2(tls.setAlpnProtocols({QStringLiteral("mqtt")}, &error), qPrintable(error));
    MqttTransportConfig config;
    config.tls = tls;
    std::unique_ptr<MqttTransport> transport(createTransport(config, nullptr));
    Probe probe(transport.get());
    transport->open(QStringLiteral("127.0.0.1"), server.serverPort(), {});
    QVERIFY2(probe.waitForConnected(), qPrintable(probe.summary()));
    QTRY_COMPARE(negotiated, QByteArray("mqtt"));
    auto *socket = qobject_cast<QSslSocket *>(transport->device());
    QVERIFY(socket);
    QCOMPARE(socket->sslConfiguration().nextNegotiatedProtocol(), QByteArray("mqtt"));
}

void tst_Transports::deviceOwnership_data()
{
    QTest::addColumn<Mqtt::DeviceOwnership>("ownership");
    QTest::newRow("caller owns the device") << Mqtt::DeviceOwnership::CallerOwnsDevice;
    QTest::newRow("client owns the device") << Mqtt::DeviceOwnership::ClientOwnsDevice;
}

void tst_Transports::deviceOwnership()
{
    QFETCH(Mqtt::DeviceOwnership, ownership);
    // An in-process pipe: a connected pair of local sockets.
    QLocalServer server;
    const QString name = uniqueClientId("mqttqt-pipe");
    QVERIFY(server.listen(name));
    auto *device = new QLocalSocket;
    device->connectToServer(name);
    QVERIFY(device->waitForConnected(5000));
    QVERIFY(server.waitForNewConnection(5000));
    std::unique_ptr<QLocalSocket> peer(server.nextPendingConnection());
    QVERIFY(peer);
    QPointer<QLocalSocket> watch(device);
    std::unique_ptr<QLocalSocket> callerOwned(ownership == Mqtt::DeviceOwnership::CallerOwnsDevice ? device : nullptr);

    MqttTransportConfig config;
    config.transport = Mqtt::Transport::Device;
    config.device = device;
    config.deviceOwnership = ownership;
    QCOMPARE(config.defaultPort(), quint16(0));
    std::unique_ptr<MqttTransport> transport(createTransport(config, nullptr));
    Probe probe(transport.get());
    transport->open({}, 0, {});
    QCOMPARE(probe.connectedCount, 0); // connected() comes from the event loop
    QVERIFY2(probe.waitForConnected(), qPrintable(probe.summary()));
    QCOMPARE(transport->device(), device);

    // Bytes both ways, the peer's arriving in two pieces.
    transport->write(connectBytes(QStringLiteral("pipe")));
    QTRY_COMPARE(peer->bytesAvailable(), qint64(connectBytes(QStringLiteral("pipe")).size()));
    peer->write(QByteArray::fromHex("2002"));
    QTRY_COMPARE(probe.bytesRead, qint64(2)); // the first piece arrives on its own
    peer->write(QByteArray::fromHex("0000"));
    QVERIFY2(probe.takePacket(PacketType::Connack), qPrintable(probe.summary()));

    transport->close();
    QVERIFY2(probe.waitForClosed(), qPrintable(probe.summary()));
    QCOMPARE(probe.closed->code, ErrorCode::NoError);
    QVERIFY(watch);
    QVERIFY(!watch->isOpen()); // the MQTT connection was the device's stream
    transport.reset();
    if (ownership == Mqtt::DeviceOwnership::ClientOwnsDevice) {
        QTRY_VERIFY(watch.isNull());
    } else {
        QCoreApplication::processEvents();
        QCoreApplication::sendPostedEvents(nullptr, QEvent::DeferredDelete);
        QVERIFY(!watch.isNull());
    }
}

void tst_Transports::localSocketCarriesMqttThroughRelay()
{
    REQUIRE_MOSQUITTO();
    // Paho's transport="unix" against a QLocalServer that forwards to the broker's TCP
    // port, as a broker without Unix socket listeners would be reached.
    MosquittoBroker broker;
    QVERIFY2(broker.start(), qPrintable(broker.errorString()));
    QLocalServer server;
    const QString name = QDir::tempPath() + QLatin1Char('/') + uniqueClientId("mqttqt-relay") + QStringLiteral(".sock");
    QVERIFY(server.listen(name));
    connect(&server, &QLocalServer::newConnection, this, [&] {
        QLocalSocket *local = server.nextPendingConnection();
        auto *tcp = new QTcpSocket(local);
        connect(local, &QLocalSocket::readyRead, tcp, [local, tcp] { tcp->write(local->readAll()); });
        connect(tcp, &QTcpSocket::readyRead, local, [local, tcp] { local->write(tcp->readAll()); });
        connect(local, &QLocalSocket::disconnected, tcp, &QTcpSocket::disconnectFromHost);
        connect(tcp, &QTcpSocket::disconnected, local, &QLocalSocket::disconnectFromServer);
        tcp->connectToHost(broker.host(), broker.tcpPort());
    });

    MqttTransportConfig config;
    config.transport = Mqtt::Transport::LocalSocket;
    std::unique_ptr<MqttTransport> transport(createTransport(config, nullptr));
    Probe probe(transport.get());
    transport->open(name, 0, {});
    QVERIFY2(probe.waitForConnected(), qPrintable(probe.summary()));
    converse(probe, "through a relay");
}

QTEST_MAIN(tst_Transports)
#include "tst_transports.moc"
