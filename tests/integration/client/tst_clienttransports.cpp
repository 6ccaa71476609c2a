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

#include <MqttQt/MqttClient>

#include <QtCore/QElapsedTimer>
#include <QtNetwork/QLocalSocket>
#include <QtNetwork/QSslConfiguration>
#include <QtNetwork/QSslSocket>
#include <QtTest/QSignalSpy>
#include <QtTest/QTest>

using Mqtt::ClientState;
using Mqtt::ErrorCode;
using Mqtt::ProtocolVersion;
using Mqtt::QoS;
using Mqtt::ReasonCode;
using namespace ClientTesting;

namespace {
enum class Way { Tls, MutualTls, MutualTlsEncryptedKey, Ws, Wss, Unix, Url };

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
    switch (way) {
    case Way::Tls:
        QCOMPARE(client.tlsSet(broker->caCertificatePath()), ErrorCode::NoError);
        QVERIFY(client.isTlsEnabled());
        rc = client.connectToHost(broker->host(), broker->tlsPort());
        break;
    case Way::MutualTls:
        QCOMPARE(client.tlsSet(broker->caCertificatePath(), broker->clientCertificatePath(), broker->clientKeyPath()),
                 ErrorCode::NoError);
        rc = client.connectToHost(broker->host(), broker->tlsPort());
        break;
    case Way::MutualTlsEncryptedKey:
        QCOMPARE(client.tlsSet(broker->caCertificatePath(), broker->clientCertificatePath(),
                               broker->encryptedClientKeyPath(), MqttTlsOptions::CertificateRequirement::CertRequired,
                               MqttTlsOptions::TlsVersion::TlsV1_2, {}, MosquittoBroker::clientKeyPassphrase()),
                 ErrorCode::NoError);
        rc = client.connectToHost(broker->host(), broker->tlsPort());
        break;
    case Way::Ws:
        client.setTransport(Mqtt::Transport::WebSockets);
        rc = client.connectToHost(broker->host(), broker->wsPort());
        break;
    case Way::Wss:
        client.setTransport(Mqtt::Transport::WebSockets);
        QCOMPARE(client.tlsSet(broker->caCertificatePath()), ErrorCode::NoError);
        rc = client.connectToHost(broker->host(), broker->wssPort());
        break;
    case Way::Unix:
        client.setTransport(Mqtt::Transport::LocalSocket);
        rc = client.connectToHost(broker->unixSocketPath(), 0);
        break;
    case Way::Url:
        QCOMPARE(client.tlsSet(broker->caCertificatePath()), ErrorCode::NoError);
        rc = client.connectToHost(QUrl(QStringLiteral("mqtts://127.0.0.1:%1").arg(broker->tlsPort())));
        break;
    }
    QCOMPARE(rc, ErrorCode::NoError);
    QVERIFY2(client.waitForConnected(Timeout), qPrintable(client.errorString()));
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

QTEST_MAIN(tst_ClientTransports)
#include "tst_clienttransports.moc"
