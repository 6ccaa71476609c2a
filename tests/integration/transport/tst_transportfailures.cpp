// Copyright (C) 2026 The MqttQt authors.
// SPDX-License-Identifier: BSD-3-Clause
//
// Every way a transport must fail, and the specific error it reports: TLS verification
// (wrong CA, host name, expiry, missing client certificate) over TLS and wss with nothing
// written before the handshake succeeded; WebSocket servers that refuse the upgrade or the
// "mqtt" subprotocol or send text frames; refused connections, configurations and devices;
// proxies refusing credentials; and a failed write, reported within one second on every
// stream transport.
#include "mosquittobroker.h"
#include "transporttestsupport.h"

#include "transport/mqtttransport_p.h"

#include <QtCore/QBuffer>
#include <QtCore/QDir>
#include <QtCore/QElapsedTimer>
#include <QtCore/QFile>
#include <QtCore/QTimer>
#include <QtNetwork/QLocalServer>
#include <QtNetwork/QLocalSocket>
#include <QtNetwork/QSslServer>
#include <QtNetwork/QSslSocket>
#include <QtNetwork/QTcpServer>
#include <QtNetwork/QTcpSocket>
#include <QtTest/QTest>
#include <QtWebSockets/QWebSocket>
#include <QtWebSockets/QWebSocketServer>

#include <cstring>
#include <memory>

#include <poll.h>

using namespace TransportTest;
using Mqtt::ErrorCode;
using MqttCodec::PacketType;

#define REQUIRE_MOSQUITTO()                                                                        \
    do {                                                                                           \
        if (!MosquittoBroker::mosquittoAvailable())                                                \
            QSKIP("mosquitto, mosquitto_passwd or openssl is not installed");                      \
    } while (false)

namespace {

enum class Kind { Tcp, Tls, Ws, Wss, Local, DeviceTcp };

QByteArray readAll(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

MqttTlsOptions trusting(const QString &caFile)
{
    MqttTlsOptions tls;
    QString error;
    if (!tls.setCaCertificatesFile(caFile, &error))
        qFatal("CA file: %s", qPrintable(error));
    return tls;
}

// A port nothing listens on.
quint16 closedPort()
{
    QTcpServer server;
    if (!server.listen(QHostAddress::LocalHost))
        return 0;
    const quint16 port = server.serverPort();
    server.close();
    return port;
}

// Forwards Unix socket connections to a TCP port; resetClients() closes the local side.
class LocalRelay : public QObject
{
public:
    explicit LocalRelay(quint16 targetPort) : m_targetPort(targetPort)
    {
        connect(&m_server, &QLocalServer::newConnection, this, [this] {
            while (QLocalSocket *local = m_server.nextPendingConnection()) {
                auto *tcp = new QTcpSocket(local);
                connect(local, &QLocalSocket::readyRead, tcp, [local, tcp] { tcp->write(local->readAll()); });
                connect(tcp, &QTcpSocket::readyRead, local, [local, tcp] { local->write(tcp->readAll()); });
                tcp->connectToHost(QHostAddress::LocalHost, m_targetPort);
                m_clients << local;
            }
        });
    }
    bool listen()
    {
        m_path = QDir::tempPath() + QLatin1Char('/') + uniqueClientId("mqttqt-local-relay") + QStringLiteral(".sock");
        return m_server.listen(m_path);
    }
    QString path() const { return m_path; }
    void resetClients()
    {
        for (const QPointer<QLocalSocket> &client : std::as_const(m_clients)) {
            if (client) {
                client->disconnect();
                client->abort();
            }
        }
    }

private:
    QLocalServer m_server;
    QString m_path;
    quint16 m_targetPort;
    QList<QPointer<QLocalSocket>> m_clients;
};

// A QIODevice whose writes fail after the first \a okWrites, like a serial port unplugged.
class FailingDevice : public QIODevice
{
public:
    explicit FailingDevice(int okWrites) : m_okWrites(okWrites) { }
    bool isSequential() const override { return true; }
    QByteArray written;

protected:
    qint64 readData(char *, qint64) override { return 0; }
    qint64 writeData(const char *data, qint64 size) override
    {
        if (m_okWrites-- <= 0) {
            setErrorString(QStringLiteral("the cable was unplugged"));
            return -1;
        }
        written.append(data, size);
        return size;
    }

private:
    int m_okWrites;
};

// A sequential in-memory device a test feeds: what it is given to read, and the end of input.
class PipeDevice : public QIODevice
{
public:
    bool isSequential() const override { return true; }
    qint64 bytesAvailable() const override { return m_input.size() + QIODevice::bytesAvailable(); }
    void feed(const QByteArray &data)
    {
        m_input += data;
        Q_EMIT readyRead();
    }
    void finishInput() { Q_EMIT readChannelFinished(); }

protected:
    qint64 readData(char *data, qint64 maxSize) override
    {
        const qint64 n = std::min<qint64>(maxSize, m_input.size());
        std::memcpy(data, m_input.constData(), size_t(n));
        m_input.remove(0, n);
        return n;
    }
    qint64 writeData(const char *, qint64 size) override { return size; }

private:
    QByteArray m_input;
};

// A TLS server that records every byte a client manages to send it after the handshake.
class TlsRecorder : public QObject
{
public:
    TlsRecorder(const QByteArray &certificate, const QByteArray &key)
    {
        QSslConfiguration configuration = QSslConfiguration::defaultConfiguration();
        configuration.setLocalCertificate(QSslCertificate(certificate, QSsl::Pem));
        configuration.setPrivateKey(QSslKey(key, QSsl::Ec, QSsl::Pem, QSsl::PrivateKey));
        configuration.setPeerVerifyMode(QSslSocket::VerifyNone);
        m_server.setSslConfiguration(configuration);
        connect(&m_server, &QSslServer::startedEncryptionHandshake, this, [this](QSslSocket *socket) {
            ++connections;
            connect(socket, &QSslSocket::readyRead, this, [this, socket] { received += socket->readAll(); });
            connect(socket, &QSslSocket::disconnected, this, [this] { ++disconnections; });
        });
    }
    bool listen() { return m_server.listen(QHostAddress::LocalHost); }
    quint16 port() const { return m_server.serverPort(); }
    QByteArray received;
    int connections = 0;
    int disconnections = 0;

private:
    QSslServer m_server;
};

} // namespace

class tst_TransportFailures : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void tlsVerificationFailsWithSpecificError_data();
    void tlsVerificationFailsWithSpecificError();
    void nothingIsWrittenBeforeVerification_data();
    void nothingIsWrittenBeforeVerification();
    void webSocketServerWithoutMqttSubprotocolIsRefused();
    void webSocketTextFrameIsProtocolError();
    void webSocketUpgradeRefusedByServer();
    void webSocketHeaderCallbackCannotChangeHandshake();
    void connectionRefused_data();
    void connectionRefused();
    void configurationRefused_data();
    void configurationRefused();
    void bindAddressRefused_data();
    void bindAddressRefused();
    void proxyRefusesCredentials_data();
    void proxyRefusesCredentials();
    void failedWriteIsReportedWithinOneSecond_data();
    void failedWriteIsReportedWithinOneSecond();
    void failedUnbufferedTcpWriteEndsStreamInWrite();
    void failedDeviceWriteEndsStream();
    void streamPacingHoldsReadyReadForAPause_data();
    void streamPacingHoldsReadyReadForAPause();
    void deviceEndOfStreamIsReported_data();
    void deviceEndOfStreamIsReported();
};

void tst_TransportFailures::initTestCase()
{
    if (!QSslSocket::supportsSsl())
        QSKIP("Qt has no TLS backend");
}

void tst_TransportFailures::tlsVerificationFailsWithSpecificError_data()
{
    QTest::addColumn<bool>("webSocket");
    QTest::addColumn<QString>("failure");
    QTest::addColumn<QStringList>("expected"); // substrings of the error text

    for (bool ws : {false, true}) {
        const char *prefix = ws ? "wss: " : "tls: ";
        QTest::addRow("%swrong CA", prefix)
                << ws << QStringLiteral("wrong-ca")
                << QStringList{QStringLiteral("TLS handshake with 127.0.0.1:"),
                               QStringLiteral("the broker's certificate \"localhost\" (issued by \"MqttQt Test CA\") "
                                              "did not verify: "),
                               QStringLiteral("self-signed, and untrusted")};
        QTest::addRow("%shost name mismatch", prefix)
                << ws << QStringLiteral("other-host")
                << QStringList{QStringLiteral("the broker's certificate \"other-host.invalid\" (issued by \"MqttQt "
                                              "Test CA\") did not verify: "),
                               QStringLiteral("host name did not match any of the valid hosts")};
        QTest::addRow("%sexpired server certificate", prefix)
                << ws << QStringLiteral("expired")
                << QStringList{QStringLiteral("the broker's certificate \"localhost\" (issued by \"MqttQt Test CA\", "
                                              "valid from "),
                               QStringLiteral("The certificate has expired")};
        QTest::addRow("%sno client certificate where required", prefix)
                << ws << QStringLiteral("no-client-certificate")
                << QStringList{QStringLiteral("the broker sent the TLS alert")};
    }
}

void tst_TransportFailures::tlsVerificationFailsWithSpecificError()
{
    REQUIRE_MOSQUITTO();
    QFETCH(bool, webSocket);
    QFETCH(QString, failure);
    QFETCH(QStringList, expected);

    MosquittoBroker::Options options;
    options.tls = !webSocket;
    options.secureWebsockets = webSocket;
    if (failure == QLatin1String("other-host"))
        options.serverCertificate = MosquittoBroker::ServerCertificate::OtherHost;
    if (failure == QLatin1String("expired"))
        options.serverCertificate = MosquittoBroker::ServerCertificate::Expired;
    if (failure == QLatin1String("no-client-certificate"))
        options.mutualTls = true;
    MosquittoBroker broker;
    QVERIFY2(broker.start(options), qPrintable(broker.errorString()));

    MqttTransportConfig config;
    config.transport = webSocket ? Mqtt::Transport::WebSockets : Mqtt::Transport::Tcp;
    config.tls = trusting(failure == QLatin1String("wrong-ca") ? broker.otherCaCertificatePath()
                                                               : broker.caCertificatePath());
    std::unique_ptr<MqttTransport> transport(createTransport(config, nullptr));
    Probe probe(transport.get());
    transport->open(broker.host(), webSocket ? broker.wssPort() : broker.tlsPort(), {});
    const bool opened = probe.waitForConnected();
    std::optional<Probe::Report> report = probe.error;
    if (failure == QLatin1String("no-client-certificate") && opened) {
        // TLS 1.3 checks the client's certificate after the client finished its handshake:
        // the broker's alert arrives with the first read, and ends the stream as Tls.
        transport->write(connectBytes(QStringLiteral("no-certificate")));
        QVERIFY2(probe.waitForClosed(), qPrintable(probe.summary()));
        report = probe.closed;
        QVERIFY(probe.packets.empty());
    } else {
        QVERIFY2(!opened, qPrintable(probe.summary()));
        QCOMPARE(probe.connectedCount, 0);
    }
    QVERIFY2(report, qPrintable(probe.summary()));
    QCOMPARE(report->code, ErrorCode::Tls);
    for (const QString &part : expected)
        QVERIFY2(report->reason.contains(part), qPrintable(QStringLiteral("\"%1\" lacks \"%2\"").arg(report->reason, part)));
    QVERIFY(!transport->isOpen());
    QCOMPARE(probe.errorCount + probe.closedCount, 1);

    if (failure == QLatin1String("other-host")) {
        // Paho's tls_insecure_set(True): the same broker is accepted without the name check.
        config.tls->setHostNameVerificationEnabled(false);
        std::unique_ptr<MqttTransport> insecure(createTransport(config, nullptr));
        Probe insecureProbe(insecure.get());
        insecure->open(broker.host(), webSocket ? broker.wssPort() : broker.tlsPort(), {});
        QVERIFY2(insecureProbe.waitForConnected(), qPrintable(insecureProbe.summary()));
        QString why;
        QVERIFY2(insecureProbe.handshake(uniqueClientId("tst-insecure"), &why), qPrintable(why));
    }
}

void tst_TransportFailures::nothingIsWrittenBeforeVerification_data()
{
    QTest::addColumn<bool>("webSocket");
    QTest::addColumn<bool>("otherHost");
    QTest::newRow("tls, unrelated CA") << false << false;
    QTest::newRow("tls, host name mismatch") << false << true;
    QTest::newRow("wss, unrelated CA") << true << false;
    QTest::newRow("wss, host name mismatch") << true << true;
}

void tst_TransportFailures::nothingIsWrittenBeforeVerification()
{
    REQUIRE_MOSQUITTO();
    QFETCH(bool, webSocket);
    QFETCH(bool, otherHost);
    MosquittoBroker broker; // for its certificates
    QVERIFY2(broker.start(), qPrintable(broker.errorString()));
    TlsRecorder server(readAll(otherHost ? broker.otherHostServerCertificatePath() : broker.serverCertificatePath()),
                       readAll(broker.serverKeyPath()));
    QVERIFY(server.listen());

    MqttTransportConfig config;
    config.transport = webSocket ? Mqtt::Transport::WebSockets : Mqtt::Transport::Tcp;
    config.tls = trusting(otherHost ? broker.caCertificatePath() : broker.otherCaCertificatePath());
    MqttWebSocketOptions ws;
    QVERIFY(ws.setHeaders({{"Authorization", "Bearer must-not-leak"}}));
    config.webSocket = ws;
    std::unique_ptr<MqttTransport> transport(createTransport(config, nullptr));
    Probe probe(transport.get());
    transport->open(QStringLiteral("127.0.0.1"), server.port(), {});
    // The client writes nothing of its own before connected(); try anyway.
    transport->write(connectBytes(QStringLiteral("too-early")));
    QVERIFY2(probe.waitForError(), qPrintable(probe.summary()));
    QCOMPARE(probe.error->code, ErrorCode::Tls);
    QCOMPARE(probe.connectedCount, 0);
    QTRY_COMPARE(server.disconnections, server.connections);
    QCOMPARE(server.connections, 1);
    QCOMPARE(server.received, QByteArray()); // no CONNECT, no HTTP upgrade, no token
}

void tst_TransportFailures::webSocketServerWithoutMqttSubprotocolIsRefused()
{
    QWebSocketServer server(QStringLiteral("no mqtt"), QWebSocketServer::NonSecureMode);
    QVERIFY(server.listen(QHostAddress::LocalHost));
    MqttTransportConfig config;
    config.transport = Mqtt::Transport::WebSockets;
    std::unique_ptr<MqttTransport> transport(createTransport(config, nullptr));
    Probe probe(transport.get());
    transport->open(QStringLiteral("127.0.0.1"), server.serverPort(), {});
    QVERIFY2(probe.waitForError(), qPrintable(probe.summary()));
    QCOMPARE(probe.error->code, ErrorCode::Protocol);
    QVERIFY2(probe.error->reason.contains(QLatin1String("did not accept the \"mqtt\" subprotocol (it chose none)")),
             qPrintable(probe.error->reason));
    QCOMPARE(probe.connectedCount, 0);
    QVERIFY(!transport->isOpen());
}

void tst_TransportFailures::webSocketTextFrameIsProtocolError()
{
    QWebSocketServer server(QStringLiteral("text"), QWebSocketServer::NonSecureMode);
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
    QWebSocketProtocol::CloseCode peerSaw = QWebSocketProtocol::CloseCodeNormal;
    bool peerClosed = false;
    connect(peer, &QWebSocket::disconnected, this, [&] {
        peerSaw = peer->closeCode();
        peerClosed = true;
    });

    peer->sendTextMessage(QStringLiteral(" \x02"));
    QVERIFY2(probe.waitForClosed(), qPrintable(probe.summary()));
    QCOMPARE(probe.closed->code, ErrorCode::Protocol);
    QVERIFY2(probe.closed->reason.contains(QLatin1String("text frame")), qPrintable(probe.closed->reason));
    QVERIFY2(probe.closed->reason.contains(QLatin1String("[MQTT-6.0.0-1]")), qPrintable(probe.closed->reason));
    QVERIFY(!transport->isOpen());
    QCOMPARE(probe.bytesRead, 0);
    QTRY_VERIFY(peerClosed);
    QCOMPARE(peerSaw, QWebSocketProtocol::CloseCodeDatatypeNotSupported);
}

void tst_TransportFailures::webSocketUpgradeRefusedByServer()
{
    // An HTTP server where the broker should be: 404 for the upgrade.
    QTcpServer server;
    QVERIFY(server.listen(QHostAddress::LocalHost));
    connect(&server, &QTcpServer::newConnection, this, [&] {
        QTcpSocket *socket = server.nextPendingConnection();
        connect(socket, &QTcpSocket::readyRead, socket, [socket] {
            if (!socket->readAll().contains("\r\n\r\n"))
                return;
            socket->write("HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n");
            socket->disconnectFromHost();
        });
    });
    MqttTransportConfig config;
    config.transport = Mqtt::Transport::WebSockets;
    std::unique_ptr<MqttTransport> transport(createTransport(config, nullptr));
    Probe probe(transport.get());
    transport->open(QStringLiteral("127.0.0.1"), server.serverPort(), {});
    QVERIFY2(probe.waitForError(), qPrintable(probe.summary()));
    QCOMPARE(probe.error->code, ErrorCode::Protocol);
    QVERIFY2(probe.error->reason.contains(QLatin1String("refused the upgrade")), qPrintable(probe.error->reason));
    QVERIFY2(probe.error->reason.contains(QLatin1String("404")), qPrintable(probe.error->reason));
    QVERIFY2(probe.error->reason.contains(QLatin1String("/mqtt")), qPrintable(probe.error->reason));
}

void tst_TransportFailures::webSocketHeaderCallbackCannotChangeHandshake()
{
    QWebSocketServer server(QStringLiteral("headers"), QWebSocketServer::NonSecureMode);
    server.setSupportedSubprotocols({QStringLiteral("mqtt")});
    QVERIFY(server.listen(QHostAddress::LocalHost));
    int connections = 0;
    connect(&server, &QWebSocketServer::newConnection, this, [&] { ++connections; });
    MqttWebSocketOptions ws;
    ws.setHeadersCallback([](const MqttWebSocketOptions::Headers &headers) {
        MqttWebSocketOptions::Headers result = headers;
        result.insert("Sec-WebSocket-Protocol", "not-mqtt");
        return result;
    });
    MqttTransportConfig config;
    config.transport = Mqtt::Transport::WebSockets;
    config.webSocket = ws;
    std::unique_ptr<MqttTransport> transport(createTransport(config, nullptr));
    Probe probe(transport.get());
    transport->open(QStringLiteral("127.0.0.1"), server.serverPort(), {});
    QVERIFY2(probe.waitForError(), qPrintable(probe.summary()));
    QCOMPARE(probe.error->code, ErrorCode::Invalid);
    QVERIFY2(probe.error->reason.contains(QLatin1String("changed the handshake header \"Sec-WebSocket-Protocol\"")),
             qPrintable(probe.error->reason));
    QCOMPARE(connections, 0);

    // A header with a line break is refused the same way, never sent.
    ws.setHeadersCallback([](const MqttWebSocketOptions::Headers &headers) {
        MqttWebSocketOptions::Headers result = headers;
        result.insert("X-Injected", "a\r\nHost: evil");
        return result;
    });
    config.webSocket = ws;
    std::unique_ptr<MqttTransport> injected(createTransport(config, nullptr));
    Probe injectedProbe(injected.get());
    injected->open(QStringLiteral("127.0.0.1"), server.serverPort(), {});
    QVERIFY2(injectedProbe.waitForError(), qPrintable(injectedProbe.summary()));
    QCOMPARE(injectedProbe.error->code, ErrorCode::Invalid);
    QVERIFY2(injectedProbe.error->reason.contains(QLatin1String("control character")),
             qPrintable(injectedProbe.error->reason));
    QCOMPARE(connections, 0);
}

void tst_TransportFailures::connectionRefused_data()
{
    QTest::addColumn<Kind>("kind");
    QTest::addColumn<ErrorCode>("code");
    QTest::addColumn<QString>("expected");
    QTest::newRow("tcp") << Kind::Tcp << ErrorCode::ConnectionRefused << QStringLiteral("Connection refused");
    QTest::newRow("tls") << Kind::Tls << ErrorCode::ConnectionRefused << QStringLiteral("Connection refused");
    QTest::newRow("ws") << Kind::Ws << ErrorCode::ConnectionRefused << QStringLiteral("Connection refused");
    QTest::newRow("wss") << Kind::Wss << ErrorCode::ConnectionRefused << QStringLiteral("Connection refused");
    QTest::newRow("unix socket path missing") << Kind::Local << ErrorCode::Errno
                                              << QStringLiteral("Cannot connect to the local socket");
}

void tst_TransportFailures::connectionRefused()
{
    QFETCH(Kind, kind);
    QFETCH(ErrorCode, code);
    QFETCH(QString, expected);
    MqttTransportConfig config;
    QString host = QStringLiteral("127.0.0.1");
    if (kind == Kind::Tls || kind == Kind::Wss)
        config.tls = MqttTlsOptions();
    if (kind == Kind::Ws || kind == Kind::Wss)
        config.transport = Mqtt::Transport::WebSockets;
    if (kind == Kind::Local) {
        config.transport = Mqtt::Transport::LocalSocket;
        host = QDir::tempPath() + QStringLiteral("/mqttqt-no-such-socket-") + uniqueClientId("x");
    }
    std::unique_ptr<MqttTransport> transport(createTransport(config, nullptr));
    Probe probe(transport.get());
    transport->open(host, closedPort(), {});
    QVERIFY2(probe.waitForError(), qPrintable(probe.summary()));
    QCOMPARE(probe.error->code, code);
    QVERIFY2(probe.error->reason.contains(expected), qPrintable(probe.error->reason));
    if (kind == Kind::Local)
        QVERIFY2(probe.error->reason.contains(host), qPrintable(probe.error->reason));
    QCOMPARE(probe.connectedCount, 0);
    QCOMPARE(probe.closedCount, 0);
}

void tst_TransportFailures::configurationRefused_data()
{
    QTest::addColumn<QString>("setup");
    QTest::addColumn<ErrorCode>("code");
    QTest::addColumn<QString>("expected");
    QTest::newRow("tls over a unix socket") << QStringLiteral("local+tls") << ErrorCode::NotSupported
                                            << QStringLiteral("TLS is available over TCP and WebSockets only");
    QTest::newRow("tls over a device") << QStringLiteral("device+tls") << ErrorCode::NotSupported
                                       << QStringLiteral("not over a device");
    QTest::newRow("proxy for a unix socket") << QStringLiteral("local+proxy") << ErrorCode::NotSupported
                                             << QStringLiteral("A proxy can carry TCP, TLS and WebSocket connections only");
    QTest::newRow("caching proxy") << QStringLiteral("caching-proxy") << ErrorCode::Invalid
                                   << QStringLiteral("A caching proxy cannot tunnel MQTT");
    QTest::newRow("proxy without port") << QStringLiteral("proxy-no-port") << ErrorCode::Invalid
                                        << QStringLiteral("The proxy needs a host name and a port");
    QTest::newRow("no device") << QStringLiteral("device-null") << ErrorCode::Invalid
                               << QStringLiteral("No device was given");
    QTest::newRow("device not open") << QStringLiteral("device-closed") << ErrorCode::Invalid
                                     << QStringLiteral("The device is not open");
    QTest::newRow("device open read-only") << QStringLiteral("device-readonly") << ErrorCode::Invalid
                                           << QStringLiteral("open for reading only");
    QTest::newRow("device open write-only") << QStringLiteral("device-writeonly") << ErrorCode::Invalid
                                            << QStringLiteral("open for writing only");
    QTest::newRow("socket device not connected") << QStringLiteral("device-unconnected") << ErrorCode::Invalid
                                                 << QStringLiteral("not connected");
}

void tst_TransportFailures::configurationRefused()
{
    QFETCH(QString, setup);
    QFETCH(ErrorCode, code);
    QFETCH(QString, expected);
    QBuffer buffer;
    QTcpSocket unconnected;
    MqttTransportConfig config;
    if (setup.startsWith(QLatin1String("local")))
        config.transport = Mqtt::Transport::LocalSocket;
    if (setup.startsWith(QLatin1String("device"))) {
        config.transport = Mqtt::Transport::Device;
        config.device = &buffer;
    }
    if (setup.endsWith(QLatin1String("+tls")))
        config.tls = MqttTlsOptions();
    if (setup == QLatin1String("local+proxy"))
        config.proxy = QNetworkProxy(QNetworkProxy::Socks5Proxy, QStringLiteral("127.0.0.1"), 1080);
    if (setup == QLatin1String("caching-proxy"))
        config.proxy = QNetworkProxy(QNetworkProxy::HttpCachingProxy, QStringLiteral("127.0.0.1"), 3128);
    if (setup == QLatin1String("proxy-no-port"))
        config.proxy = QNetworkProxy(QNetworkProxy::HttpProxy, QStringLiteral("127.0.0.1"), 0);
    if (setup == QLatin1String("device-null"))
        config.device = nullptr;
    if (setup == QLatin1String("device-readonly") || setup == QLatin1String("device+tls"))
        QVERIFY(buffer.open(setup == QLatin1String("device+tls") ? QIODevice::ReadWrite : QIODevice::ReadOnly));
    if (setup == QLatin1String("device-writeonly"))
        QVERIFY(buffer.open(QIODevice::WriteOnly));
    if (setup == QLatin1String("device-unconnected")) {
        unconnected.connectToHost(QHostAddress::LocalHost, closedPort()); // open, still connecting
        config.device = &unconnected;
    }

    QString why;
    QCOMPARE(config.check(&why), code);
    QVERIFY2(why.contains(expected), qPrintable(why));

    // A transport made from it anyway says the same, from open().
    std::unique_ptr<MqttTransport> transport(createTransport(config, nullptr));
    Probe probe(transport.get());
    transport->open(QStringLiteral("127.0.0.1"), 1883, {});
    QCOMPARE(probe.errorCount, 0); // reported from the event loop, as a socket would
    QVERIFY2(probe.waitForError(), qPrintable(probe.summary()));
    QCOMPARE(probe.error->code, code);
    QCOMPARE(probe.error->reason, why);
    QCOMPARE(probe.connectedCount, 0);
}

void tst_TransportFailures::bindAddressRefused_data()
{
    QTest::addColumn<Mqtt::Transport>("transport");
    QTest::addColumn<QString>("bindAddress");
    QTest::addColumn<ErrorCode>("code");
    QTest::addColumn<QString>("expected");
    QTest::newRow("tcp, not an address") << Mqtt::Transport::Tcp << QStringLiteral("not-an-address")
                                         << ErrorCode::Invalid << QStringLiteral("Invalid bind address \"not-an-address\"");
    QTest::newRow("websockets") << Mqtt::Transport::WebSockets << QStringLiteral("127.0.0.1")
                                << ErrorCode::NotSupported << QStringLiteral("cannot bind");
    QTest::newRow("unix socket") << Mqtt::Transport::LocalSocket << QStringLiteral("127.0.0.1")
                                 << ErrorCode::NotSupported << QStringLiteral("cannot bind");
}

void tst_TransportFailures::bindAddressRefused()
{
    QFETCH(Mqtt::Transport, transport);
    QFETCH(QString, bindAddress);
    QFETCH(ErrorCode, code);
    QFETCH(QString, expected);
    MqttTransportConfig config;
    config.transport = transport;
    std::unique_ptr<MqttTransport> t(createTransport(config, nullptr));
    Probe probe(t.get());
    t->open(transport == Mqtt::Transport::LocalSocket ? QStringLiteral("/tmp/x.sock") : QStringLiteral("127.0.0.1"),
            closedPort(), bindAddress);
    QVERIFY2(probe.waitForError(), qPrintable(probe.summary()));
    QCOMPARE(probe.error->code, code);
    QVERIFY2(probe.error->reason.contains(expected), qPrintable(probe.error->reason));
}

void tst_TransportFailures::proxyRefusesCredentials_data()
{
    QTest::addColumn<bool>("socks");
    QTest::addColumn<bool>("webSocket");
    QTest::addColumn<QString>("password"); // empty: none given
    QTest::newRow("http proxy, no credentials") << false << false << QString();
    QTest::newRow("http proxy, wrong password") << false << false << QStringLiteral("wrong");
    QTest::newRow("http proxy, ws, wrong password") << false << true << QStringLiteral("wrong");
    QTest::newRow("socks5 proxy, no credentials") << true << false << QString();
    QTest::newRow("socks5 proxy, wrong password") << true << false << QStringLiteral("wrong");
}

void tst_TransportFailures::proxyRefusesCredentials()
{
    QFETCH(bool, socks);
    QFETCH(bool, webSocket);
    QFETCH(QString, password);
    HttpConnectProxy http;
    Socks5Proxy socks5;
    QVERIFY(socks ? socks5.listen() : http.listen());
    http.requireCredentials("user", "right");
    socks5.requireCredentials("user", "right");
    const quint16 proxyPort = socks ? socks5.port() : http.port();

    MqttTransportConfig config;
    config.transport = webSocket ? Mqtt::Transport::WebSockets : Mqtt::Transport::Tcp;
    config.proxy = QNetworkProxy(socks ? QNetworkProxy::Socks5Proxy : QNetworkProxy::HttpProxy,
                                 QStringLiteral("127.0.0.1"), proxyPort);
    if (!password.isEmpty()) {
        config.proxy.setUser(QStringLiteral("user"));
        config.proxy.setPassword(password);
    }
    std::unique_ptr<MqttTransport> transport(createTransport(config, nullptr));
    Probe probe(transport.get());
    transport->open(QStringLiteral("127.0.0.1"), 1883, {});
    QVERIFY2(probe.waitForError(), qPrintable(probe.summary()));
    QCOMPARE(probe.error->code, ErrorCode::Auth);
    QVERIFY2(probe.error->reason.contains(socks ? QLatin1String("Proxy authentication failed")
                                                : QLatin1String("Authentication required")),
             qPrintable(probe.error->reason));
    const QString proxyName = QStringLiteral("proxy 127.0.0.1:%1").arg(proxyPort);
    QVERIFY2(probe.error->reason.contains(proxyName), qPrintable(probe.error->reason));
    QVERIFY(http.tunnels.isEmpty());
    QVERIFY(socks5.tunnels.isEmpty());
}

void tst_TransportFailures::failedWriteIsReportedWithinOneSecond_data()
{
    QTest::addColumn<Kind>("kind");
    QTest::newRow("tcp") << Kind::Tcp;
    QTest::newRow("tls") << Kind::Tls;
    QTest::newRow("ws") << Kind::Ws;
    QTest::newRow("wss") << Kind::Wss;
    QTest::newRow("unix socket") << Kind::Local;
    QTest::newRow("device: QTcpSocket") << Kind::DeviceTcp;
}

void tst_TransportFailures::failedWriteIsReportedWithinOneSecond()
{
    REQUIRE_MOSQUITTO();
    QFETCH(Kind, kind);
    MosquittoBroker::Options options;
    options.tls = kind == Kind::Tls;
    options.websockets = kind == Kind::Ws;
    options.secureWebsockets = kind == Kind::Wss;
    MosquittoBroker broker;
    QVERIFY2(broker.start(options), qPrintable(broker.errorString()));
    const quint16 brokerPort = kind == Kind::Tls ? broker.tlsPort()
            : kind == Kind::Ws                    ? broker.wsPort()
            : kind == Kind::Wss                   ? broker.wssPort()
                                                  : broker.tcpPort();
    // The connection runs through a relay that can reset it.
    TcpRelay relay(brokerPort);
    QVERIFY(relay.listen());
    LocalRelay localRelay(broker.tcpPort());

    MqttTransportConfig config;
    QString host = QStringLiteral("127.0.0.1");
    std::unique_ptr<QTcpSocket> deviceSocket;
    switch (kind) {
    case Kind::Tls:
        config.tls = trusting(broker.caCertificatePath());
        break;
    case Kind::Wss:
        config.tls = trusting(broker.caCertificatePath());
        Q_FALLTHROUGH();
    case Kind::Ws:
        config.transport = Mqtt::Transport::WebSockets;
        break;
    case Kind::Local:
        QVERIFY(localRelay.listen());
        config.transport = Mqtt::Transport::LocalSocket;
        host = localRelay.path();
        break;
    case Kind::DeviceTcp:
        deviceSocket = std::make_unique<QTcpSocket>();
        deviceSocket->connectToHost(QHostAddress::LocalHost, relay.port());
        QVERIFY(deviceSocket->waitForConnected(5000));
        config.transport = Mqtt::Transport::Device;
        config.device = deviceSocket.get();
        break;
    case Kind::Tcp:
        break;
    }
    std::unique_ptr<MqttTransport> transport(createTransport(config, nullptr));
    Probe probe(transport.get());
    transport->open(host, relay.port(), {});
    QVERIFY2(probe.waitForConnected(), qPrintable(probe.summary()));
    QString why;
    QVERIFY2(probe.handshake(uniqueClientId("tst-write-failure"), &why), qPrintable(why));

    // Keep writing QoS 0 messages of 1 KiB, every 2 ms, as a busy publisher does.
    const QByteArray message = publishBytes(QStringLiteral("mqttqt/write-failure"), QByteArray(1024, 'w'),
                                            Mqtt::QoS::AtMostOnce);
    QTimer writer;
    int writes = 0;
    connect(&writer, &QTimer::timeout, this, [&] {
        transport->write(message);
        ++writes;
    });
    writer.start(2);
    QTRY_VERIFY(writes >= 20);

    const qint64 resetAt = probe.now();
    if (kind == Kind::Local)
        localRelay.resetClients();
    else
        relay.resetClients();
    QVERIFY2(probe.waitForClosed(2000), qPrintable(probe.summary()));
    const qint64 latency = probe.closed->atMs - resetAt;
    writer.stop();
    qInfo("%s: closed(%d, \"%s\") %lld ms after the reset, after %d writes", QTest::currentDataTag(),
          int(probe.closed->code), qPrintable(probe.closed->reason), latency, writes);
    QCOMPARE(probe.closed->code, ErrorCode::ConnectionLost);
    QVERIFY2(latency < 1000, qPrintable(QString::number(latency)));
    QVERIFY(!transport->isOpen());
    QCOMPARE(probe.closedCount, 1);
    // Writing on is harmless and reports nothing more.
    transport->write(message);
    QCoreApplication::processEvents();
    QCOMPARE(probe.closedCount, 1);
}

void tst_TransportFailures::failedUnbufferedTcpWriteEndsStreamInWrite()
{
    REQUIRE_MOSQUITTO();
    // The broker's connection is reset while the client's event loop does not run, so the
    // next write() is the first to meet the reset: send() fails with ECONNRESET. Qt then
    // closes its socket engine without any signal and leaves the socket in ConnectedState;
    // the transport must notice in write() itself.
    MosquittoBroker broker;
    QVERIFY2(broker.start(), qPrintable(broker.errorString()));
    TcpRelay relay(broker.tcpPort());
    QVERIFY(relay.listen());
    std::unique_ptr<MqttTransport> transport(createTransport(MqttTransportConfig(), nullptr));
    Probe probe(transport.get());
    transport->open(QStringLiteral("127.0.0.1"), relay.port(), {});
    QVERIFY2(probe.waitForConnected(), qPrintable(probe.summary()));
    QString why;
    QVERIFY2(probe.handshake(uniqueClientId("tst-reset"), &why), qPrintable(why));

    relay.resetClients();
    // Wait, without the event loop, until the RST has reached the client's socket.
    pollfd fd{int(transport->device() ? qobject_cast<QTcpSocket *>(transport->device())->socketDescriptor() : -1),
              POLLIN, 0};
    QVERIFY(fd.fd >= 0);
    QCOMPARE(::poll(&fd, 1, 5000), 1);
    QVERIFY(transport->isOpen()); // nothing has told the socket yet

    transport->write(publishBytes(QStringLiteral("mqttqt/reset"), "after the reset", Mqtt::QoS::AtMostOnce));
    QVERIFY(!transport->isOpen());  // at once
    QCOMPARE(probe.closedCount, 0); // reported from the event loop, never inside write()
    transport->write(publishBytes(QStringLiteral("mqttqt/reset"), "again", Mqtt::QoS::AtMostOnce));
    QVERIFY2(probe.waitForClosed(1000), qPrintable(probe.summary()));
    QCOMPARE(probe.closed->code, ErrorCode::ConnectionLost);
    QVERIFY2(probe.closed->reason.startsWith(QLatin1String("Writing to the broker failed: ")),
             qPrintable(probe.closed->reason));
    QCoreApplication::processEvents();
    QCOMPARE(probe.closedCount, 1);
}

// Four passes that read and wrote nothing in one millisecond make a stream (the client's
// clock value is passed in), and the socket's next readyRead() waits for the 1 ms pause:
// checked as a lower bound, which a loaded machine cannot break. A lost announcement
// fails the wait.
void tst_TransportFailures::streamPacingHoldsReadyReadForAPause_data()
{
    QTest::addColumn<bool>("paced");
    QTest::newRow("paced") << true;
    QTest::newRow("pacing off") << false;
}

void tst_TransportFailures::streamPacingHoldsReadyReadForAPause()
{
#if !defined(Q_OS_LINUX)
    QSKIP("streams are paced on Linux only");
#endif
    QFETCH(bool, paced);
    QTcpServer server;
    QVERIFY(server.listen(QHostAddress::LocalHost));
    std::unique_ptr<MqttTransport> transport(createTransport(MqttTransportConfig(), nullptr));
    transport->setStreamPacing(paced);
    int connected = 0;
    int readyReads = 0;
    QElapsedTimer clock;
    clock.start();
    qint64 announcedAt = -1;
    connect(transport.get(), &MqttTransport::connected, this, [&] { ++connected; });
    connect(transport.get(), &MqttTransport::readyRead, this, [&] {
        ++readyReads;
        announcedAt = clock.nsecsElapsed();
    });
    transport->open(QStringLiteral("127.0.0.1"), server.serverPort(), {});
    QVERIFY(server.waitForNewConnection(5000));
    QTcpSocket *peer = server.nextPendingConnection();
    QTRY_COMPARE(connected, 1);
    char buf[16];
    for (int i = 0; i < 4; ++i) {
        peer->write("x", 1);
        peer->flush();
        QTRY_COMPARE(readyReads, i + 1);
        QCOMPARE(transport->read(buf, sizeof buf), 1);
        transport->acknowledgeNow(1, 1000); // the same millisecond each time
    }
    const qint64 pausedAt = clock.nsecsElapsed();
    peer->write("y", 1);
    peer->flush();
    if (!paced) {
        // Announced by the first event-loop pass once the byte is there.
        const auto *socket = qobject_cast<const QTcpSocket *>(transport->device());
        QVERIFY(socket);
        pollfd fd{ int(socket->socketDescriptor()), POLLIN, 0 };
        QCOMPARE(::poll(&fd, 1, 5000), 1);
        QCoreApplication::processEvents();
        QCOMPARE(readyReads, 5);
        QCOMPARE(transport->read(buf, sizeof buf), 1);
        return;
    }
    QTRY_COMPARE(readyReads, 5);
    QVERIFY2(announcedAt - pausedAt >= 500'000,
             qPrintable(QStringLiteral("announced %1 us after the pause began").arg((announcedAt - pausedAt) / 1000)));
    QCOMPARE(transport->read(buf, sizeof buf), 1);
    QCOMPARE(buf[0], 'y');
}

void tst_TransportFailures::failedDeviceWriteEndsStream()
{
    FailingDevice device(1);
    QVERIFY(device.open(QIODevice::ReadWrite));
    MqttTransportConfig config;
    config.transport = Mqtt::Transport::Device;
    config.device = &device;
    std::unique_ptr<MqttTransport> transport(createTransport(config, nullptr));
    Probe probe(transport.get());
    transport->open({}, 0, {});
    QVERIFY2(probe.waitForConnected(), qPrintable(probe.summary()));
    const QByteArray connect = connectBytes(QStringLiteral("serial"));
    transport->write(connect);
    QCOMPARE(device.written, connect);
    QVERIFY(transport->isOpen());
    transport->write(publishBytes(QStringLiteral("t"), "lost", Mqtt::QoS::AtMostOnce));
    QVERIFY(!transport->isOpen());
    QCOMPARE(probe.closedCount, 0);
    QVERIFY2(probe.waitForClosed(1000), qPrintable(probe.summary()));
    QCOMPARE(probe.closed->code, ErrorCode::ConnectionLost);
    QCOMPARE(probe.closed->reason, QStringLiteral("Writing to the device failed: the cable was unplugged"));
}

void tst_TransportFailures::deviceEndOfStreamIsReported_data()
{
    QTest::addColumn<QString>("how");
    QTest::addColumn<QString>("reason");
    QTest::newRow("read channel finished") << QStringLiteral("finished") << QStringLiteral("The device reached the end of its input");
    QTest::newRow("application closes the device") << QStringLiteral("closed") << QStringLiteral("The device was closed");
    QTest::newRow("device destroyed") << QStringLiteral("destroyed") << QStringLiteral("The device was destroyed");
    QTest::newRow("local socket peer leaves") << QStringLiteral("peer") << QStringLiteral("QLocalSocket");
}

void tst_TransportFailures::deviceEndOfStreamIsReported()
{
    QFETCH(QString, how);
    QFETCH(QString, reason);
    auto *pipe = new PipeDevice;
    QVERIFY(pipe->open(QIODevice::ReadWrite));
    QLocalServer server;
    std::unique_ptr<QLocalSocket> peer;
    QIODevice *device = pipe;
    if (how == QLatin1String("peer")) {
        delete pipe;
        QVERIFY(server.listen(uniqueClientId("mqttqt-device-peer")));
        auto *local = new QLocalSocket;
        local->connectToServer(server.fullServerName());
        QVERIFY(local->waitForConnected(5000));
        QVERIFY(server.waitForNewConnection(5000));
        peer.reset(server.nextPendingConnection());
        device = local;
    }
    MqttTransportConfig config;
    config.transport = Mqtt::Transport::Device;
    config.device = device;
    config.deviceOwnership = Mqtt::DeviceOwnership::ClientOwnsDevice;
    std::unique_ptr<MqttTransport> transport(createTransport(config, nullptr));
    Probe probe(transport.get());
    transport->open({}, 0, {});
    QVERIFY2(probe.waitForConnected(), qPrintable(probe.summary()));

    // A CONNACK arrives just before the end: it is read before closed() is reported.
    const QByteArray connack = QByteArray::fromHex("20020000");
    if (how == QLatin1String("peer")) {
        peer->write(connack);
        peer->flush();
        QTRY_COMPARE(probe.bytesRead, qint64(4));
        peer->disconnectFromServer();
    } else if (how == QLatin1String("finished")) {
        pipe->feed(connack);
        pipe->finishInput();
    } else if (how == QLatin1String("closed")) {
        pipe->feed(connack);
        pipe->close();
    } else {
        pipe->feed(connack);
        delete pipe;
    }
    QVERIFY2(probe.waitForClosed(), qPrintable(probe.summary()));
    QCOMPARE(probe.closed->code, ErrorCode::ConnectionLost);
    QVERIFY2(probe.closed->reason.contains(reason), qPrintable(probe.closed->reason));
    QVERIFY(probe.takePacket(PacketType::Connack, 0));
    QVERIFY(!transport->isOpen());
    QCOMPARE(probe.closedCount, 1);
}

QTEST_MAIN(tst_TransportFailures)
#include "tst_transportfailures.moc"
