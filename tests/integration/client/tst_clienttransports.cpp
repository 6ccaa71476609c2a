// Copyright (C) 2026 The MqttQt authors.
// SPDX-License-Identifier: BSD-3-Clause
//
// MqttClient over every transport, through its public API, against a real mosquitto:
// TLS (CA file, mutual TLS with plain and encrypted keys), WebSockets (ws, wss), a Unix
// socket, a device the application hands in, HTTP CONNECT and SOCKS5 proxies; the
// verification failures with their specific errors; a list of brokers whose first is
// down; an MQTT 5 Server Reference from the scripted broker to the real one.
#include "clienttesting.h"
#include "fakebroker.h"
#include "tunnelproxy.h"
#include "websocketrelay.h"

#include <MqttQt/MqttClient>

#include <QtCore/QElapsedTimer>
#include <QtCore/QEventLoop>
#include <QtCore/QTimer>
#include <QtNetwork/QLocalSocket>
#include <QtNetwork/QSslConfiguration>
#include <QtNetwork/QSslSocket>
#include <QtTest/QSignalSpy>
#include <QtTest/QTest>

#include <ctime>

using Mqtt::ClientState;
using Mqtt::ErrorCode;
using Mqtt::ProtocolVersion;
using Mqtt::QoS;
using Mqtt::ReasonCode;
using namespace ClientTesting;

namespace {
enum class Way { Tcp, Tls, MutualTls, MutualTlsEncryptedKey, Ws, Wss, Unix, Url, Device };

// Publishes at every QoS to a topic it subscribed to and checks every message arrives.
void roundTripEveryQos(MqttClient &client)
{
    ClientRecorder rec(&client);
    const QString topic = uniqueTopic(QStringLiteral("transport"));
    QVERIFY(!subscribeAndWait(client, topic, QoS::ExactlyOnce).isEmpty());
    for (QoS qos : { QoS::AtMostOnce, QoS::AtLeastOnce, QoS::ExactlyOnce })
        QCOMPARE(client.publish(topic, QByteArray::number(int(qos)), qos).rc(), ErrorCode::NoError);
    QTRY_COMPARE_WITH_TIMEOUT(rec.payloads(), (QList<QByteArray>{ "0", "1", "2" }), Timeout);
}

// Connects over the way given (the broker's listener for it) and waits for the CONNACK; rc
// says why not where the call itself refused.
bool connectVia(MqttClient &client, Way way, const MosquittoBroker *broker, ErrorCode &rc, int keepAlive = 60)
{
    switch (way) {
    case Way::Tcp:
        rc = client.connectToHost(broker->host(), broker->tcpPort(), keepAlive);
        break;
    case Way::Tls:
        if ((rc = client.tlsSet(broker->caCertificatePath())) != ErrorCode::NoError || !client.isTlsEnabled())
            return false;
        rc = client.connectToHost(broker->host(), broker->tlsPort(), keepAlive);
        break;
    case Way::MutualTls:
        if ((rc = client.tlsSet(broker->caCertificatePath(), broker->clientCertificatePath(), broker->clientKeyPath()))
            != ErrorCode::NoError)
            return false;
        rc = client.connectToHost(broker->host(), broker->tlsPort(), keepAlive);
        break;
    case Way::MutualTlsEncryptedKey:
        if ((rc = client.tlsSet(broker->caCertificatePath(), broker->clientCertificatePath(),
                                broker->encryptedClientKeyPath(), MqttTlsOptions::CertificateRequirement::CertRequired,
                                MqttTlsOptions::TlsVersion::TlsV1_2, {}, MosquittoBroker::clientKeyPassphrase()))
            != ErrorCode::NoError)
            return false;
        rc = client.connectToHost(broker->host(), broker->tlsPort(), keepAlive);
        break;
    case Way::Ws:
        client.setTransport(Mqtt::Transport::WebSockets);
        rc = client.connectToHost(broker->host(), broker->wsPort(), keepAlive);
        break;
    case Way::Wss:
        client.setTransport(Mqtt::Transport::WebSockets);
        if ((rc = client.tlsSet(broker->caCertificatePath())) != ErrorCode::NoError)
            return false;
        rc = client.connectToHost(broker->host(), broker->wssPort(), keepAlive);
        break;
    case Way::Unix:
        client.setTransport(Mqtt::Transport::LocalSocket);
        rc = client.connectToHost(broker->unixSocketPath(), 0, keepAlive);
        break;
    case Way::Device: {
        // A local socket the application connected itself, owned by the client.
        auto *device = new QLocalSocket;
        device->connectToServer(broker->unixSocketPath());
        if (!device->waitForConnected(Timeout)) {
            delete device;
            return false;
        }
        if ((rc = client.setTransportDevice(device, Mqtt::DeviceOwnership::ClientOwnsDevice)) != ErrorCode::NoError) {
            delete device;
            return false;
        }
        client.setKeepAlive(keepAlive);
        rc = client.connectToHost();
        break;
    }
    case Way::Url:
        if ((rc = client.tlsSet(broker->caCertificatePath())) != ErrorCode::NoError)
            return false;
        client.setKeepAlive(keepAlive);
        rc = client.connectToHost(QUrl(QStringLiteral("mqtts://127.0.0.1:%1").arg(broker->tlsPort())));
        break;
    }
    if (rc != ErrorCode::NoError)
        return false;
    return client.waitForConnected(Timeout);
}
} // namespace

class tst_ClientTransports : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void roundTripOverEachTransport_data();
    void roundTripOverEachTransport();
    void largePayloadOverWebSockets();
    void tlsVerificationFailuresAreSpecific_data();
    void tlsVerificationFailuresAreSpecific();
    void insecureSkipsOnlyTheHostName();
    void tlsSetRefusesUnreadableFilesAtOnce();
    void throughProxies_data();
    void throughProxies();
    void deviceTransport();
    void brokerListSkipsADeadBroker();
    void serverReferenceRedirectsToAnotherBroker();
    void serverMovedInDisconnectRedirects();
    void brokerListUsedOnReconnect();
    void connectToHostUrlRefusesOtherSchemes();
    void waitForPublishInsideMessageHandler_data();
    void waitForPublishInsideMessageHandler();
    void nestedLoopInHandlerKeepsConnection_data();
    void nestedLoopInHandlerKeepsConnection();
    void reconnectInsideNestedLoop_data();
    void reconnectInsideNestedLoop();
    void clientDeletedInsideNestedLoop_data();
    void clientDeletedInsideNestedLoop();
    void brokerDisconnectReasonBeforeClose_data();
    void brokerDisconnectReasonBeforeClose();

private:
    MosquittoBroker m_broker;
};

void tst_ClientTransports::initTestCase()
{
    if (!MosquittoBroker::mosquittoAvailable())
        QSKIP("mosquitto, mosquitto_passwd or openssl is not installed");
    if (!QSslSocket::supportsSsl())
        QSKIP("this Qt has no TLS backend");
    MosquittoBroker::Options options;
    options.tls = true;
    options.websockets = true;
    options.secureWebsockets = true;
    options.unixSocket = true;
    QVERIFY2(m_broker.start(options), qPrintable(m_broker.errorString()));
}

void tst_ClientTransports::roundTripOverEachTransport_data()
{
    QTest::addColumn<Way>("way");
    QTest::addColumn<ProtocolVersion>("version");
    QTest::newRow("TLS, 3.1.1") << Way::Tls << ProtocolVersion::V3_1_1;
    QTest::newRow("TLS, 5.0") << Way::Tls << ProtocolVersion::V5;
    QTest::newRow("mutual TLS") << Way::MutualTls << ProtocolVersion::V3_1_1;
    QTest::newRow("mutual TLS, encrypted key") << Way::MutualTlsEncryptedKey << ProtocolVersion::V5;
    QTest::newRow("ws") << Way::Ws << ProtocolVersion::V3_1_1;
    QTest::newRow("wss, 5.0") << Way::Wss << ProtocolVersion::V5;
    QTest::newRow("Unix socket") << Way::Unix << ProtocolVersion::V3_1_1;
    QTest::newRow("mqtts:// URL") << Way::Url << ProtocolVersion::V5;
}

void tst_ClientTransports::roundTripOverEachTransport()
{
    QFETCH(Way, way);
    QFETCH(ProtocolVersion, version);
    std::unique_ptr<MosquittoBroker> mutual;
    const MosquittoBroker *broker = &m_broker;
    if (way == Way::MutualTls || way == Way::MutualTlsEncryptedKey) {
        mutual = std::make_unique<MosquittoBroker>();
        MosquittoBroker::Options options;
        options.mutualTls = true;
        QVERIFY2(mutual->start(options), qPrintable(mutual->errorString()));
        broker = mutual.get();
    }
    MqttClient client;
    client.setProtocolVersion(version);
    ErrorCode rc = ErrorCode::NoError;
    const bool connected = connectVia(client, way, broker, rc);
    QCOMPARE(rc, ErrorCode::NoError);
    QVERIFY2(connected, qPrintable(client.errorString()));
    roundTripEveryQos(client);
    if (QTest::currentTestFailed())
        return;
    QCOMPARE(client.disconnectFromHost(), ErrorCode::NoError);
    QVERIFY(client.waitForDisconnected(Timeout));
}

void tst_ClientTransports::largePayloadOverWebSockets()
{
    // A 3 MiB message over ws travels in many frames and comes back over TCP (mosquitto
    // sends to WebSocket clients slowly: see README, Limits).
    MqttClient sender;
    sender.setTransport(Mqtt::Transport::WebSockets);
    QCOMPARE(sender.wsSetOptions(QStringLiteral("/mqtt")), ErrorCode::NoError);
    QCOMPARE(sender.connectToHost(m_broker.host(), m_broker.wsPort()), ErrorCode::NoError);
    QVERIFY2(sender.waitForConnected(Timeout), qPrintable(sender.errorString()));
    MqttClient receiver;
    ClientRecorder rec(&receiver);
    QVERIFY(connectTo(receiver, m_broker));
    const QString topic = uniqueTopic(QStringLiteral("ws-large"));
    QVERIFY(!subscribeAndWait(receiver, topic).isEmpty());
    QByteArray payload(3 * 1024 * 1024 + 7, Qt::Uninitialized);
    for (qsizetype i = 0; i < payload.size(); ++i)
        payload[i] = char(i * 131 % 251);
    const MqttMessageInfo info = sender.publish(topic, payload, QoS::AtLeastOnce);
    QVERIFY(info.waitForPublish(3 * Timeout));
    QTRY_COMPARE_WITH_TIMEOUT(rec.messages.size(), 1, 3 * Timeout);
    QVERIFY(rec.messages.first().payload() == payload);
}

void tst_ClientTransports::tlsVerificationFailuresAreSpecific_data()
{
    QTest::addColumn<MosquittoBroker::ServerCertificate>("certificate");
    QTest::addColumn<bool>("otherCa");
    QTest::addColumn<QString>("named");
    QTest::newRow("wrong CA") << MosquittoBroker::ServerCertificate::Valid << true << QStringLiteral("localhost");
    QTest::newRow("expired") << MosquittoBroker::ServerCertificate::Expired << false << QStringLiteral("expired");
    QTest::newRow("host name") << MosquittoBroker::ServerCertificate::OtherHost << false
                               << QStringLiteral("other-host.invalid");
}

void tst_ClientTransports::tlsVerificationFailuresAreSpecific()
{
    QFETCH(MosquittoBroker::ServerCertificate, certificate);
    QFETCH(bool, otherCa);
    QFETCH(QString, named);
    MosquittoBroker broker;
    MosquittoBroker::Options options;
    options.tls = true;
    options.serverCertificate = certificate;
    QVERIFY2(broker.start(options), qPrintable(broker.errorString()));
    MqttClient client;
    client.setAutoReconnect(false);
    QCOMPARE(client.tlsSet(otherCa ? broker.otherCaCertificatePath() : broker.caCertificatePath()), ErrorCode::NoError);
    QCOMPARE(client.connectToHost(broker.host(), broker.tlsPort()), ErrorCode::NoError);
    QVERIFY(!client.waitForConnected(Timeout));
    QCOMPARE(client.error(), ErrorCode::Tls);
    QVERIFY2(client.errorString().contains(named, Qt::CaseInsensitive), qPrintable(client.errorString()));
    QCOMPARE(client.state(), ClientState::Disconnected);
    // The broker never saw a CONNECT: nothing is written before verification.
    QVERIFY2(!broker.log().contains(QStringLiteral("New client connected")), qPrintable(broker.log()));
}

void tst_ClientTransports::insecureSkipsOnlyTheHostName()
{
    MosquittoBroker broker;
    MosquittoBroker::Options options;
    options.tls = true;
    options.serverCertificate = MosquittoBroker::ServerCertificate::OtherHost;
    QVERIFY2(broker.start(options), qPrintable(broker.errorString()));
    MqttClient client;
    client.setAutoReconnect(false);
    QCOMPARE(client.tlsInsecureSet(true), ErrorCode::Invalid); // Paho raises before tls_set()
    QCOMPARE(client.tlsSet(broker.caCertificatePath()), ErrorCode::NoError);
    QCOMPARE(client.tlsInsecureSet(true), ErrorCode::NoError);
    QVERIFY(!client.tlsOptions().isHostNameVerificationEnabled());
    QCOMPARE(client.connectToHost(broker.host(), broker.tlsPort()), ErrorCode::NoError);
    QVERIFY2(client.waitForConnected(Timeout), qPrintable(client.errorString()));
    client.disconnectFromHost();
    QVERIFY(client.waitForDisconnected(Timeout));
    // The chain is still verified: insecure with the wrong CA fails.
    QCOMPARE(client.tlsSet(broker.otherCaCertificatePath()), ErrorCode::NoError);
    QVERIFY(!client.tlsOptions().isHostNameVerificationEnabled()); // kept by tlsSet()
    QCOMPARE(client.connectToHost(broker.host(), broker.tlsPort()), ErrorCode::NoError);
    QVERIFY(!client.waitForConnected(Timeout));
    QCOMPARE(client.error(), ErrorCode::Tls);
}

void tst_ClientTransports::tlsSetRefusesUnreadableFilesAtOnce()
{
    MqttClient client;
    QSignalSpy changed(&client, &MqttClient::tlsOptionsChanged);
    const QString missing = QStringLiteral("/nonexistent/ca.crt");
    QCOMPARE(client.tlsSet(missing), ErrorCode::Invalid);
    QVERIFY2(client.errorString().contains(missing), qPrintable(client.errorString()));
    QVERIFY(!client.isTlsEnabled());
    QCOMPARE(changed.size(), 0);
    QCOMPARE(client.tlsSet(m_broker.caCertificatePath(), m_broker.clientCertificatePath(),
                           m_broker.encryptedClientKeyPath(), MqttTlsOptions::CertificateRequirement::CertRequired,
                           MqttTlsOptions::TlsVersion::TlsV1_2, {}, QByteArrayLiteral("wrong passphrase")),
             ErrorCode::Invalid);
    QVERIFY2(client.errorString().contains(QStringLiteral("passphrase"), Qt::CaseInsensitive), qPrintable(client.errorString()));
    QVERIFY(!client.isTlsEnabled());
}

void tst_ClientTransports::throughProxies_data()
{
    QTest::addColumn<bool>("socks");
    QTest::addColumn<bool>("credentials");
    QTest::newRow("SOCKS5") << true << false;
    QTest::newRow("SOCKS5 with credentials") << true << true;
    QTest::newRow("HTTP CONNECT") << false << false;
    QTest::newRow("HTTP CONNECT with credentials") << false << true;
}

void tst_ClientTransports::throughProxies()
{
    QFETCH(bool, socks);
    QFETCH(bool, credentials);
    std::unique_ptr<TunnelProxy> proxy;
    if (socks)
        proxy = std::make_unique<Socks5Proxy>();
    else
        proxy = std::make_unique<HttpConnectProxy>();
    if (credentials)
        proxy->setCredentials(QStringLiteral("user"), QStringLiteral("secret"));
    QVERIFY(proxy->start());
    MqttClient client;
    client.setAutoReconnect(false);
    QCOMPARE(client.proxySet(socks ? QNetworkProxy::Socks5Proxy : QNetworkProxy::HttpProxy, proxy->host(), proxy->port(),
                             credentials ? QStringLiteral("user") : QString(),
                             credentials ? QStringLiteral("secret") : QString()),
             ErrorCode::NoError);
    QVERIFY(connectTo(client, m_broker));
    QCOMPARE(proxy->tunnelsOpened(), 1);
    roundTripEveryQos(client);
    client.disconnectFromHost();
    QVERIFY(client.waitForDisconnected(Timeout));
    if (credentials) {
        // Wrong credentials: a specific error, not a hang.
        QCOMPARE(client.proxySet(socks ? QNetworkProxy::Socks5Proxy : QNetworkProxy::HttpProxy, proxy->host(),
                                 proxy->port(), QStringLiteral("user"), QStringLiteral("wrong")),
                 ErrorCode::NoError);
        QCOMPARE(client.connectToHost(m_broker.host(), m_broker.tcpPort()), ErrorCode::NoError);
        QVERIFY(!client.waitForConnected(Timeout));
        QCOMPARE(client.error(), ErrorCode::Auth);
    }
    QCOMPARE(client.proxySet(QNetworkProxy::FtpCachingProxy, proxy->host(), proxy->port()), ErrorCode::Invalid);
}

void tst_ClientTransports::deviceTransport()
{
    // Any open QIODevice: here a local socket connected to mosquitto's Unix listener,
    // owned by the client once handed over.
    auto *device = new QLocalSocket;
    device->connectToServer(m_broker.unixSocketPath());
    QVERIFY(device->waitForConnected(Timeout));
    QPointer<QLocalSocket> watch(device);
    {
        MqttClient client;
        QCOMPARE(client.setTransportDevice(device, Mqtt::DeviceOwnership::ClientOwnsDevice), ErrorCode::NoError);
        QCOMPARE(client.transport(), Mqtt::Transport::Device);
        QCOMPARE(client.connectToHost(), ErrorCode::NoError);
        QVERIFY2(client.waitForConnected(Timeout), qPrintable(client.errorString()));
        roundTripEveryQos(client);
        client.disconnectFromHost();
        QVERIFY(client.waitForDisconnected(Timeout));
    }
    QTRY_VERIFY_WITH_TIMEOUT(watch.isNull(), Timeout); // deleted with the connection
    MqttClient none;
    QCOMPARE(none.setTransportDevice(nullptr), ErrorCode::Invalid);
}

void tst_ClientTransports::brokerListSkipsADeadBroker()
{
    const quint16 dead = unusedLoopbackPort();
    MqttClient client;
    client.setAutoReconnect(false);
    const QString deadUri = QStringLiteral("mqtt://127.0.0.1:%1").arg(dead);
    const QString liveUri = QStringLiteral("mqtt://127.0.0.1:%1").arg(m_broker.tcpPort());
    QVERIFY(client.setServers({ deadUri, liveUri }));
    QSignalSpy errors(&client, &MqttClient::errorOccurred);
    QCOMPARE(client.connectToHost(), ErrorCode::NoError);
    QTRY_COMPARE_WITH_TIMEOUT(client.state(), ClientState::Connected, Timeout);
    QCOMPARE(client.currentServer(), liveUri);
    QVERIFY(errors.size() >= 1); // the dead one was reported, then the next was tried
    QVERIFY2(errors.first().at(1).toString().contains(QString::number(dead)), qPrintable(errors.first().at(1).toString()));
    client.disconnectFromHost();
    QVERIFY(client.waitForDisconnected(Timeout));
    // An invalid URI is refused, naming it.
    QVERIFY(!client.setServers({ liveUri, QStringLiteral("ftp://127.0.0.1") }));
    QVERIFY2(client.errorString().contains(QStringLiteral("ftp://127.0.0.1")), qPrintable(client.errorString()));
    QCOMPARE(client.servers(), (QStringList{ deadUri, liveUri }));
}

void tst_ClientTransports::serverReferenceRedirectsToAnotherBroker()
{
    // MQTT 5: the scripted broker answers CONNACK "Use another server" naming mosquitto.
    FakeBroker redirector;
    QVERIFY(redirector.listen());
    const QByteArray reference = "127.0.0.1:" + QByteArray::number(m_broker.tcpPort());
    QByteArray props;
    props.append(char(0x1C)).append(char(0)).append(char(reference.size())).append(reference);
    QByteArray connack = FakeBroker::hex("20");
    connack.append(char(2 + 1 + props.size())).append(char(0)).append(char(0x9C)).append(char(props.size())).append(props);
    redirector.expectPacket(FakeBroker::Connect).send(connack, QStringLiteral("CONNACK Use another server"));

    MqttClient client;
    client.setProtocolVersion(ProtocolVersion::V5);
    client.setFollowServerReference(true);
    QSignalSpy references(&client, &MqttClient::serverReferenceReceived);
    QCOMPARE(client.connectToHost(redirector.host(), redirector.port()), ErrorCode::NoError);
    QVERIFY2(redirector.waitForScript(Timeout), qPrintable(redirector.failure()));
    QTRY_COMPARE_WITH_TIMEOUT(client.state(), ClientState::Connected, Timeout);
    QCOMPARE(references.size(), 1);
    QCOMPARE(references.first().at(0).toString(), QString::fromLatin1(reference));
    QCOMPARE(references.first().at(1).value<ReasonCode>(), ReasonCode::UseAnotherServer);
    QCOMPARE(client.currentServer(), QStringLiteral("mqtt://127.0.0.1:%1").arg(m_broker.tcpPort()));
    roundTripEveryQos(client);
    client.disconnectFromHost();
    QVERIFY(client.waitForDisconnected(Timeout));

    // Not followed unless asked: the refusal is reported and nothing else happens.
    FakeBroker again;
    QVERIFY(again.listen());
    again.expectPacket(FakeBroker::Connect).send(connack).expectClosed(Timeout);
    MqttClient stays;
    stays.setProtocolVersion(ProtocolVersion::V5);
    QSignalSpy seen(&stays, &MqttClient::serverReferenceReceived);
    QCOMPARE(stays.connectToHost(again.host(), again.port()), ErrorCode::NoError);
    QVERIFY(!stays.waitForConnected(Timeout));
    QCOMPARE(stays.error(), ErrorCode::ConnectionRefused);
    QCOMPARE(seen.size(), 1);
    QVERIFY2(again.waitForScript(Timeout), qPrintable(again.failure()));
}

void tst_ClientTransports::serverMovedInDisconnectRedirects()
{
    // MQTT 5: a connected client gets DISCONNECT "Server moved" naming mosquitto, and
    // reconnects there, not to the broker that sent it away.
    FakeBroker moving;
    QVERIFY(moving.listen());
    const QByteArray reference = "127.0.0.1:" + QByteArray::number(m_broker.tcpPort());
    QByteArray props;
    props.append(char(0x1C)).append(char(0)).append(char(reference.size())).append(reference);
    QByteArray disconnect = FakeBroker::hex("e0");
    disconnect.append(char(1 + 1 + props.size())).append(char(0x9D)).append(char(props.size())).append(props);
    MqttClient client;
    client.setProtocolVersion(ProtocolVersion::V5);
    client.setFollowServerReference(true);
    QVERIFY(client.setReconnectDelay(1, 1));
    moving.expectPacket(FakeBroker::Connect)
            .send(FakeBroker::hex("20 03 00 00 00"), QStringLiteral("CONNACK"))
            .run([&] { QVERIFY(client.waitForConnected(Timeout)); }, QStringLiteral("client is connected"))
            .send(disconnect, QStringLiteral("DISCONNECT Server moved"))
            .expectClosed(Timeout);
    QSignalSpy references(&client, &MqttClient::serverReferenceReceived);
    QSignalSpy connacks(&client, &MqttClient::connackReceived);
    QCOMPARE(client.connectToHost(moving.host(), moving.port()), ErrorCode::NoError);
    QVERIFY2(moving.waitForScript(Timeout), qPrintable(moving.failure()));
    QTRY_COMPARE_WITH_TIMEOUT(connacks.size(), 2, Timeout);
    QTRY_COMPARE_WITH_TIMEOUT(client.state(), ClientState::Connected, Timeout);
    QCOMPARE(references.size(), 1);
    QCOMPARE(references.first().at(0).toString(), QString::fromLatin1(reference));
    QCOMPARE(references.first().at(1).value<ReasonCode>(), ReasonCode::ServerMoved);
    QCOMPARE(client.currentServer(), QStringLiteral("mqtt://127.0.0.1:%1").arg(m_broker.tcpPort()));
    roundTripEveryQos(client);
    client.disconnectFromHost();
    QVERIFY(client.waitForDisconnected(Timeout));
}

void tst_ClientTransports::brokerListUsedOnReconnect()
{
    // Paho C's serverURIs on reconnect: connected to the first broker, which dies; the
    // client reconnects to the next in the list.
    MosquittoBroker first;
    QVERIFY2(first.start(), qPrintable(first.errorString()));
    const QString firstUri = QStringLiteral("mqtt://127.0.0.1:%1").arg(first.tcpPort());
    const QString secondUri = QStringLiteral("mqtt://127.0.0.1:%1").arg(m_broker.tcpPort());
    MqttClient client;
    QVERIFY(client.setReconnectDelay(1, 1));
    QVERIFY(client.setServers({ firstUri, secondUri }));
    QCOMPARE(client.connectToHost(), ErrorCode::NoError);
    QVERIFY2(client.waitForConnected(Timeout), qPrintable(client.errorString()));
    QCOMPARE(client.currentServer(), firstUri);
    QSignalSpy disconnected(&client, &MqttClient::disconnected);
    first.kill();
    QTRY_COMPARE_WITH_TIMEOUT(disconnected.size(), 1, Timeout);
    QCOMPARE(disconnected.first().at(0).value<ErrorCode>(), ErrorCode::ConnectionLost);
    QTRY_COMPARE_WITH_TIMEOUT(client.state(), ClientState::Connected, Timeout);
    QCOMPARE(client.currentServer(), secondUri);
    roundTripEveryQos(client);
    client.disconnectFromHost();
    QVERIFY(client.waitForDisconnected(Timeout));
}

void tst_ClientTransports::connectToHostUrlRefusesOtherSchemes()
{
    MqttClient client;
    QCOMPARE(client.connectToHost(QUrl(QStringLiteral("http://127.0.0.1/"))), ErrorCode::Invalid);
    QVERIFY2(client.errorString().contains(QStringLiteral("scheme")), qPrintable(client.errorString()));
    QCOMPARE(client.connectToHost(QUrl(QStringLiteral("mqtt://127.0.0.1:%1").arg(m_broker.tcpPort()))), ErrorCode::NoError);
    QVERIFY(client.waitForConnected(Timeout));
    QCOMPARE(client.transport(), Mqtt::Transport::Tcp);
    QVERIFY(!client.isTlsEnabled());
    client.disconnectFromHost();
    QVERIFY(client.waitForDisconnected(Timeout));
}

// ---- nested event loops in handlers ---------------------------------------------------------
// A handler may run a nested event loop: waitForPublish(), a modal dialog, a QEventLoop. Qt's
// sockets do not announce new data again to a readyRead() handler that is still running, so a
// client that read only when told would read nothing until the handler returned: the
// acknowledgement a handler waits for would not be read, and a dialog left open for longer
// than the keepalive period would end the connection (no PINGRESP read). Messages that arrive
// meanwhile wait until the handler returns: a message handler is never re-entered.

namespace {
// Every transport; the application's own device too, unless the test reconnects (a
// device carries one connection).
void addNestedRows(bool withDevice = true)
{
    QTest::addColumn<Way>("way");
    QTest::newRow("TCP") << Way::Tcp;
    QTest::newRow("TLS") << Way::Tls;
    QTest::newRow("ws") << Way::Ws;
    QTest::newRow("wss") << Way::Wss;
    QTest::newRow("Unix socket") << Way::Unix;
    if (withDevice)
        QTest::newRow("device (a local socket)") << Way::Device;
}
} // namespace

void tst_ClientTransports::waitForPublishInsideMessageHandler_data()
{
    addNestedRows();
}

void tst_ClientTransports::waitForPublishInsideMessageHandler()
{
    QFETCH(Way, way);
    const QString topic = uniqueTopic(QStringLiteral("nested-ask"));
    const QString replyTopic = uniqueTopic(QStringLiteral("nested-reply"));
    MqttClient client;
    MqttClient asker;
    ErrorCode rc = ErrorCode::NoError;
    QVERIFY2(connectVia(client, way, &m_broker, rc), qPrintable(client.errorString()));
    QVERIFY2(connectVia(asker, Way::Tcp, &m_broker, rc), qPrintable(asker.errorString()));
    QCOMPARE(subscribeAndWait(client, topic, QoS::ExactlyOnce), QList<ReasonCode>{ ReasonCode::GrantedQoS2 });
    QCOMPARE(subscribeAndWait(asker, replyTopic, QoS::ExactlyOnce), QList<ReasonCode>{ ReasonCode::GrantedQoS2 });
    ClientRecorder askerRec(&asker);

    int depth = 0;
    int deepest = 0;
    QList<QByteArray> order;
    QList<bool> replied;
    QList<qint64> waitedMs;
    QObject::connect(&client, &MqttClient::messageReceived, &client, [&](const MqttMessage &m) {
        deepest = std::max(deepest, ++depth);
        order.append(m.payload());
        QElapsedTimer waited;
        waited.start();
        replied.append(client.publish(replyTopic, m.payload(), m.qos()).waitForPublish(Timeout));
        waitedMs.append(waited.elapsed());
        --depth;
    });
    // One question at each QoS, sent at once: the later ones arrive while the first handler
    // waits. Each reply goes out at the QoS of its question.
    for (QoS qos : { QoS::AtMostOnce, QoS::AtLeastOnce, QoS::ExactlyOnce })
        QCOMPARE(asker.publish(topic, QByteArray::number(int(qos)), qos).rc(), ErrorCode::NoError);
    QTRY_COMPARE_WITH_TIMEOUT(order.size(), 3, 3 * Timeout);
    QTRY_COMPARE_WITH_TIMEOUT(replied.size(), 3, Timeout);
    QCOMPARE(order, (QList<QByteArray>{ "0", "1", "2" }));
    QCOMPARE(replied, (QList<bool>{ true, true, true }));
    for (qint64 ms : waitedMs)
        QVERIFY2(ms < Timeout / 2, qPrintable(QStringLiteral("waited %1 ms for an acknowledgement").arg(ms)));
    QCOMPARE(deepest, 1); // never re-entered
    QTRY_COMPARE_WITH_TIMEOUT(askerRec.payloads(), (QList<QByteArray>{ "0", "1", "2" }), Timeout);
    QCOMPARE(client.state(), ClientState::Connected);
}

void tst_ClientTransports::nestedLoopInHandlerKeepsConnection_data()
{
    addNestedRows();
}

void tst_ClientTransports::nestedLoopInHandlerKeepsConnection()
{
    // keepalive 1 s: PINGREQ after 1 s of silence, the connection given up 2 s after it
    // without a reply. The first handler runs its own loop for 3.5 s while messages come.
    QFETCH(Way, way);
    const QString topic = uniqueTopic(QStringLiteral("nested-loop"));
    MqttClient client;
    MqttClient publisher;
    ErrorCode rc = ErrorCode::NoError;
    QVERIFY2(connectVia(client, way, &m_broker, rc, 1), qPrintable(client.errorString()));
    QVERIFY2(connectVia(publisher, Way::Tcp, &m_broker, rc), qPrintable(publisher.errorString()));
    QCOMPARE(subscribeAndWait(client, topic), QList<ReasonCode>{ ReasonCode::GrantedQoS1 });
    ClientRecorder rec(&client);

    QList<QByteArray> received;
    int depth = 0;
    int deepest = 0;
    int receivedInLoop = -1;
    double loopCpuShare = -1;
    QObject::connect(&client, &MqttClient::messageReceived, &client, [&](const MqttMessage &m) {
        received.append(m.payload());
        deepest = std::max(deepest, ++depth);
        if (received.size() == 1) {
            QTimer more;
            int sent = 0;
            QObject::connect(&more, &QTimer::timeout, &publisher, [&] {
                publisher.publish(topic, QByteArray::number(++sent), QoS::AtLeastOnce);
                if (sent == 5)
                    more.stop();
            });
            more.start(200);
            QEventLoop loop;
            QTimer::singleShot(3500, &loop, &QEventLoop::quit);
            QElapsedTimer wall;
            wall.start();
            const std::clock_t cpu = std::clock();
            loop.exec();
            loopCpuShare = double(std::clock() - cpu) / CLOCKS_PER_SEC * 1000.0 / double(wall.elapsed());
            receivedInLoop = int(received.size());
        }
        --depth;
    });
    QCOMPARE(publisher.publish(topic, QByteArrayLiteral("0"), QoS::AtLeastOnce).rc(), ErrorCode::NoError);
    QTRY_COMPARE_WITH_TIMEOUT(received.size(), 6, 3 * Timeout);
    QCOMPARE(received, (QList<QByteArray>{ "0", "1", "2", "3", "4", "5" }));
    QCOMPARE(receivedInLoop, 1); // the others waited for the handler to return
    QCOMPARE(deepest, 1);
    QVERIFY2(rec.errors.isEmpty(), qPrintable(rec.errors.isEmpty() ? QString() : rec.errors.first().second));
    QVERIFY(rec.disconnects.isEmpty());
    QCOMPARE(client.state(), ClientState::Connected);
    // Waiting costs nothing: neither a socket notifier that fires again and again nor a
    // continuation that keeps posting itself (either would take a whole core for 3.5 s).
    QVERIFY2(loopCpuShare >= 0 && loopCpuShare < 0.25,
             qPrintable(QStringLiteral("the nested loop used %1 %% of a core").arg(loopCpuShare * 100)));
}

void tst_ClientTransports::reconnectInsideNestedLoop_data()
{
    addNestedRows(false);
}

void tst_ClientTransports::reconnectInsideNestedLoop()
{
    // The connection a handler was called from ends while that handler runs a nested
    // event loop, here by reconnect(); its socket's signal is still on the stack below the
    // loop. The old transport and socket must outlive the handler (a deleteLater() would be
    // carried out by the nested loop: a use after free once the handler returned, seen as a
    // crash over TLS); the new connection works inside the loop and after it.
    QFETCH(Way, way);
    const QString topic = uniqueTopic(QStringLiteral("nested-reconnect"));
    MqttClient client;
    MqttClient publisher;
    ErrorCode rc = ErrorCode::NoError;
    QVERIFY2(connectVia(client, way, &m_broker, rc), qPrintable(client.errorString()));
    QVERIFY2(connectVia(publisher, Way::Tcp, &m_broker, rc), qPrintable(publisher.errorString()));
    QCOMPARE(subscribeAndWait(client, topic), QList<ReasonCode>{ ReasonCode::GrantedQoS1 });

    QList<QByteArray> received;
    bool reconnectedInLoop = false;
    QObject::connect(&client, &MqttClient::messageReceived, &client, [&](const MqttMessage &m) {
        received.append(m.payload());
        if (received.size() != 1)
            return;
        QEventLoop loop;
        QObject::connect(&client, &MqttClient::connackReceived, &loop, [&](bool, ReasonCode rc) {
            reconnectedInLoop = rc == ReasonCode::Success;
            loop.quit();
        });
        QTimer::singleShot(3 * Timeout, &loop, &QEventLoop::quit);
        if (client.reconnect() == ErrorCode::NoError)
            loop.exec();
    });
    QCOMPARE(publisher.publish(topic, QByteArrayLiteral("before"), QoS::AtLeastOnce).rc(), ErrorCode::NoError);
    QTRY_VERIFY_WITH_TIMEOUT(reconnectedInLoop, 4 * Timeout);
    QCOMPARE(client.state(), ClientState::Connected);
    // The subscription is the broker's (a clean session by default: subscribe again).
    QCOMPARE(subscribeAndWait(client, topic), QList<ReasonCode>{ ReasonCode::GrantedQoS1 });
    QCOMPARE(publisher.publish(topic, QByteArrayLiteral("after"), QoS::AtLeastOnce).rc(), ErrorCode::NoError);
    QTRY_COMPARE_WITH_TIMEOUT(received.size(), 2, Timeout);
    QCOMPARE(received.last(), QByteArrayLiteral("after"));
}

void tst_ClientTransports::clientDeletedInsideNestedLoop_data()
{
    addNestedRows(false);
}

void tst_ClientTransports::clientDeletedInsideNestedLoop()
{
    // A handler reconnects (the old transport closes, its socket's signal still below the
    // handler) and, inside its nested loop, the client is deleted: neither the old nor the
    // new transport may be deleted before the handler has returned (AddressSanitizer and
    // valgrind saw the old QSslSocket freed under its own signal).
    QFETCH(Way, way);
    const QString topic = uniqueTopic(QStringLiteral("nested-delete"));
    auto *client = new MqttClient;
    QPointer<MqttClient> watch(client);
    MqttClient publisher;
    ErrorCode rc = ErrorCode::NoError;
    QVERIFY2(connectVia(*client, way, &m_broker, rc), qPrintable(client->errorString()));
    QVERIFY2(connectVia(publisher, Way::Tcp, &m_broker, rc), qPrintable(publisher.errorString()));
    QCOMPARE(subscribeAndWait(*client, topic), QList<ReasonCode>{ ReasonCode::GrantedQoS1 });

    bool handled = false;
    bool returned = false;
    QObject::connect(client, &MqttClient::messageReceived, client, [&, client](const MqttMessage &) {
        if (handled)
            return;
        handled = true;
        QEventLoop loop;
        QTimer::singleShot(3 * Timeout, &loop, &QEventLoop::quit);
        QTimer::singleShot(200, &loop, [&] {
            delete client;
            loop.quit();
        });
        client->reconnect();
        loop.exec();
        returned = true; // the client is gone: nothing of it is touched here
    });
    QCOMPARE(publisher.publish(topic, QByteArrayLiteral("go"), QoS::AtLeastOnce).rc(), ErrorCode::NoError);
    QTRY_VERIFY_WITH_TIMEOUT(returned, 4 * Timeout);
    QVERIFY(watch.isNull());
    QTest::qWait(200); // deferred deletions run
    QCOMPARE(publisher.state(), ClientState::Connected);
}

void tst_ClientTransports::brokerDisconnectReasonBeforeClose_data()
{
    QTest::addColumn<bool>("webSocket");
    QTest::newRow("TCP") << false;
    QTest::newRow("ws (relayed)") << true;
}

void tst_ClientTransports::brokerDisconnectReasonBeforeClose()
{
    // The scripted broker sends DISCONNECT 0x8E (Session taken over) and closes at once, so
    // the reason and the end of the stream arrive together. The reason must be read before
    // the end is handled; over WebSockets the frames are announced from the event loop,
    // and the end must be reported after them (it was not: "Success", the reason lost).
    QFETCH(bool, webSocket);
    FakeBroker broker;
    QVERIFY(broker.listen());
    broker.expectPacket(FakeBroker::Connect)
            .send(FakeBroker::hex("20 03 00 00 00"), QStringLiteral("CONNACK"))
            .send(FakeBroker::hex("e0 02 8e 00"), QStringLiteral("DISCONNECT 0x8E"))
            .closeConnection();
    WebSocketRelay relay;
    if (webSocket)
        QVERIFY2(relay.start(broker.host(), broker.port()), qPrintable(relay.errorString()));
    MqttClient client;
    client.setProtocolVersion(ProtocolVersion::V5);
    client.setReconnectDelay(60, 60); // one connection only
    QSignalSpy ended(&client, &MqttClient::disconnected);
    QCOMPARE(webSocket ? client.connectToHost(relay.url()) : client.connectToHost(broker.host(), broker.port()),
             ErrorCode::NoError);
    QVERIFY2(broker.waitForScript(Timeout), qPrintable(broker.failure()));
    QTRY_COMPARE_WITH_TIMEOUT(ended.size(), 1, Timeout);
    QVERIFY2(ended.first().at(1).value<ReasonCode>() == ReasonCode::SessionTakenOver, qPrintable(client.errorString()));
}

QTEST_MAIN(tst_ClientTransports)
#include "tst_clienttransports.moc"
