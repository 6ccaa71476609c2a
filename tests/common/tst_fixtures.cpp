// Self-test of the test fixtures: the real mosquitto broker and the scripted fake broker.
#include "fakebroker.h"
#include "mosquittobroker.h"

#include <QtCore/QDeadlineTimer>
#include <QtCore/QElapsedTimer>
#include <QtCore/QFile>
#include <QtCore/QFileInfo>
#include <QtCore/QDateTime>
#include <QtNetwork/QLocalSocket>
#include <QtNetwork/QSslCertificate>
#include <QtNetwork/QSslConfiguration>
#include <QtNetwork/QSslKey>
#include <QtNetwork/QSslSocket>
#include <QtNetwork/QTcpServer>
#include <QtNetwork/QTcpSocket>
#include <QtTest/QSignalSpy>
#include <QtTest/QTest>

#include <memory>

#ifdef Q_OS_UNIX
#include <cerrno>
#include <csignal>
#endif

#define REQUIRE_MOSQUITTO()                                                                        \
    do {                                                                                           \
        if (!MosquittoBroker::mosquittoAvailable())                                                \
            QSKIP("mosquitto, mosquitto_passwd or openssl is not installed");                      \
    } while (false)

namespace {

constexpr int IoTimeoutMs = 5000;

QByteArray mqttString(const QByteArray &text)
{
    QByteArray bytes;
    bytes.append(char(text.size() >> 8)).append(char(text.size() & 0xff)).append(text);
    return bytes;
}

// A packet with a remaining length below 128, which is all these tests need.
QByteArray packet(quint8 firstByte, const QByteArray &body)
{
    Q_ASSERT(body.size() < 128);
    return QByteArray(1, char(firstByte)) + char(body.size()) + body;
}

// MQTT 3.1.1 CONNECT, clean session, keep alive 60 s.
QByteArray connectPacket(const QByteArray &clientId, const QByteArray &username = {},
                         const QByteArray &password = {})
{
    quint8 flags = 0x02;
    QByteArray payload = mqttString(clientId);
    if (!username.isNull()) {
        flags |= 0x80;
        payload += mqttString(username);
    }
    if (!password.isNull()) {
        flags |= 0x40;
        payload += mqttString(password);
    }
    return packet(0x10, mqttString("MQTT") + char(0x04) + char(flags) + char(0) + char(60) + payload);
}

QByteArray readExactly(QAbstractSocket &socket, qint64 count, int timeoutMs = IoTimeoutMs)
{
    const QDeadlineTimer deadline(timeoutMs);
    while (socket.bytesAvailable() < count && !deadline.hasExpired()) {
        if (!socket.waitForReadyRead(int(qMax<qint64>(1, deadline.remainingTime()))))
            break;
    }
    return socket.read(count);
}

QByteArray readHttpResponseHead(QAbstractSocket &socket)
{
    const QDeadlineTimer deadline(IoTimeoutMs);
    QByteArray head;
    while (!head.contains("\r\n\r\n") && !deadline.hasExpired()) {
        if (!socket.bytesAvailable() && !socket.waitForReadyRead(int(qMax<qint64>(1, deadline.remainingTime()))))
            break;
        head += socket.read(1);
    }
    return head;
}

QByteArray webSocketUpgrade(quint16 port)
{
    return "GET /mqtt HTTP/1.1\r\n"
           "Host: 127.0.0.1:" + QByteArray::number(port) + "\r\n"
           "Upgrade: websocket\r\n"
           "Connection: Upgrade\r\n"
           "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
           "Sec-WebSocket-Version: 13\r\n"
           "Sec-WebSocket-Protocol: mqtt\r\n"
           "\r\n";
}

QSslConfiguration tlsConfiguration(const QString &caPath)
{
    QSslConfiguration config = QSslConfiguration::defaultConfiguration();
    config.setCaCertificates(QSslCertificate::fromPath(caPath));
    config.setPeerVerifyMode(QSslSocket::VerifyPeer);
    return config;
}

bool processExists(qint64 pid)
{
#ifdef Q_OS_UNIX
    return ::kill(pid_t(pid), 0) == 0 || errno != ESRCH;
#else
    Q_UNUSED(pid);
    return false;
#endif
}

} // namespace

class tst_Fixtures : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    // MosquittoBroker
    void brokerAcceptsMqttOnEveryListener();
    void tlsHandshakeWithGeneratedCa_data();
    void tlsHandshakeWithGeneratedCa();
    void tlsHandshakeFailsWithUnrelatedCa();
    void mutualTlsNeedsClientCertificate();
    void webSocketListenersUpgrade_data();
    void webSocketListenersUpgrade();
    void serverCertificateOptionPicksTheCertificate_data();
    void serverCertificateOptionPicksTheCertificate();
    void encryptedClientKeyNeedsThePassphrase();
    void unixSocketListenerAcceptsMqtt();
    void passwordFileControlsAccess();
    void retainedMessageSurvivesStopAndRestart();
    void killedBrokerRestartsOnSamePorts();
    void badConfigurationFailsWithMosquittoOutput();
    void limitOptionsAreAcceptedByMosquitto();
    void restartFailsReadablyWhenPortIsTaken();
    void destructorLeavesNoProcess();

    // FakeBroker
    void hexIgnoresWhitespace();
    void scriptPasses();
    void mismatchFailsWithReadableMessage();
    void expectPacketReadsWholePacketAcrossFragments();
    void expectPacketRefusesWrongType();
    void expectPacketCheckCanRefuse();
    void reconnectScriptAcceptsSecondConnection();
    void resetConnectionBreaksClient();
    void expectSilence();
    void expectClosedFailsWhenClientStaysConnected();
    void timeoutNamesTheWaitingStep();
    void scriptContinuesAfterWait();
};

// ---- MosquittoBroker ---------------------------------------------------------------------

void tst_Fixtures::brokerAcceptsMqttOnEveryListener()
{
    REQUIRE_MOSQUITTO();
    MosquittoBroker broker;
    MosquittoBroker::Options options;
    options.tls = true;
    options.websockets = true;
    options.secureWebsockets = true;
    QVERIFY2(broker.start(options), qPrintable(broker.errorString()));
    QVERIFY(broker.isRunning());
    QCOMPARE(broker.host(), QStringLiteral("127.0.0.1"));

    const quint16 ports[] = {broker.tcpPort(), broker.tlsPort(), broker.wsPort(), broker.wssPort()};
    for (quint16 port : ports) {
        QVERIFY(port != 0);
        QTcpSocket socket;
        socket.connectToHost(broker.host(), port);
        QVERIFY2(socket.waitForConnected(IoTimeoutMs), qPrintable(socket.errorString()));
    }

    QTcpSocket socket;
    socket.connectToHost(broker.host(), broker.tcpPort());
    QVERIFY(socket.waitForConnected(IoTimeoutMs));
    socket.write(connectPacket("fixture-tcp"));
    QCOMPARE(readExactly(socket, 4), FakeBroker::hex("20 02 00 00"));
    QTRY_VERIFY2(broker.log().contains(QStringLiteral("as fixture-tcp")), qPrintable(broker.log()));
    QVERIFY(broker.configuration().contains(QStringLiteral("allow_anonymous true")));
}

void tst_Fixtures::tlsHandshakeWithGeneratedCa_data()
{
    QTest::addColumn<bool>("websocket");
    QTest::addColumn<QString>("peerName");
    QTest::newRow("tls, IP address") << false << QString();
    QTest::newRow("tls, localhost") << false << QStringLiteral("localhost");
    QTest::newRow("wss, IP address") << true << QString();
}

void tst_Fixtures::tlsHandshakeWithGeneratedCa()
{
    QFETCH(bool, websocket);
    QFETCH(QString, peerName);
    REQUIRE_MOSQUITTO();
    MosquittoBroker broker;
    MosquittoBroker::Options options;
    options.tls = true;
    options.secureWebsockets = true;
    QVERIFY2(broker.start(options), qPrintable(broker.errorString()));

    QSslSocket socket;
    socket.setSslConfiguration(tlsConfiguration(broker.caCertificatePath()));
    socket.setPeerVerifyName(peerName);
    socket.connectToHostEncrypted(broker.host(), websocket ? broker.wssPort() : broker.tlsPort());
    QVERIFY2(socket.waitForEncrypted(IoTimeoutMs), qPrintable(socket.errorString()));
    QVERIFY(socket.sslHandshakeErrors().isEmpty());

    if (websocket) {
        socket.write(webSocketUpgrade(broker.wssPort()));
        QVERIFY(readHttpResponseHead(socket).startsWith("HTTP/1.1 101"));
    } else {
        socket.write(connectPacket("fixture-tls"));
        QCOMPARE(readExactly(socket, 4), FakeBroker::hex("20 02 00 00"));
    }
}

void tst_Fixtures::tlsHandshakeFailsWithUnrelatedCa()
{
    REQUIRE_MOSQUITTO();
    MosquittoBroker broker;
    MosquittoBroker::Options options;
    options.tls = true;
    QVERIFY2(broker.start(options), qPrintable(broker.errorString()));
    QVERIFY(QFileInfo::exists(broker.otherCaCertificatePath()));

    QSslSocket socket;
    socket.setSslConfiguration(tlsConfiguration(broker.otherCaCertificatePath()));
    socket.connectToHostEncrypted(broker.host(), broker.tlsPort());
    QVERIFY(!socket.waitForEncrypted(IoTimeoutMs));
    QVERIFY(!socket.sslHandshakeErrors().isEmpty());
}

void tst_Fixtures::mutualTlsNeedsClientCertificate()
{
    REQUIRE_MOSQUITTO();
    MosquittoBroker broker;
    MosquittoBroker::Options options;
    options.mutualTls = true;
    QVERIFY2(broker.start(options), qPrintable(broker.errorString()));
    QVERIFY(broker.tlsPort() != 0);

    {
        QSslConfiguration config = tlsConfiguration(broker.caCertificatePath());
        const QList<QSslCertificate> certificates = QSslCertificate::fromPath(broker.clientCertificatePath());
        QCOMPARE(certificates.size(), 1);
        QFile keyFile(broker.clientKeyPath());
        QVERIFY(keyFile.open(QIODevice::ReadOnly));
        const QSslKey key(&keyFile, QSsl::Ec);
        QVERIFY(!key.isNull());
        config.setLocalCertificate(certificates.first());
        config.setPrivateKey(key);

        QSslSocket socket;
        socket.setSslConfiguration(config);
        socket.connectToHostEncrypted(broker.host(), broker.tlsPort());
        QVERIFY2(socket.waitForEncrypted(IoTimeoutMs), qPrintable(socket.errorString()));
        socket.write(connectPacket("fixture-mtls"));
        QCOMPARE(readExactly(socket, 4), FakeBroker::hex("20 02 00 00"));
    }
    {
        // With TLS 1.3 the client may finish its handshake before the server refuses it,
        // so judge by whether MQTT gets through.
        QSslSocket socket;
        socket.setSslConfiguration(tlsConfiguration(broker.caCertificatePath()));
        socket.connectToHostEncrypted(broker.host(), broker.tlsPort());
        if (socket.waitForEncrypted(IoTimeoutMs)) {
            socket.write(connectPacket("fixture-no-cert"));
            QCOMPARE(readExactly(socket, 4), QByteArray());
        }
        QVERIFY(socket.state() != QAbstractSocket::ConnectedState || !socket.isEncrypted());
    }
}

void tst_Fixtures::webSocketListenersUpgrade_data()
{
    QTest::addColumn<bool>("secure");
    QTest::newRow("ws") << false;
    QTest::newRow("wss") << true;
}

void tst_Fixtures::webSocketListenersUpgrade()
{
    QFETCH(bool, secure);
    REQUIRE_MOSQUITTO();
    MosquittoBroker broker;
    MosquittoBroker::Options options;
    options.websockets = !secure;
    options.secureWebsockets = secure;
    QVERIFY2(broker.start(options), qPrintable(broker.errorString()));
    const quint16 port = secure ? broker.wssPort() : broker.wsPort();
    QCOMPARE(secure ? broker.wsPort() : broker.wssPort(), quint16(0));

    QSslSocket socket;
    if (secure) {
        socket.setSslConfiguration(tlsConfiguration(broker.caCertificatePath()));
        socket.connectToHostEncrypted(broker.host(), port);
        QVERIFY2(socket.waitForEncrypted(IoTimeoutMs), qPrintable(socket.errorString()));
    } else {
        socket.connectToHost(broker.host(), port);
        QVERIFY(socket.waitForConnected(IoTimeoutMs));
    }
    socket.write(webSocketUpgrade(port));
    const QByteArray head = readHttpResponseHead(socket);
    QVERIFY2(head.startsWith("HTTP/1.1 101"), head.constData());
    QVERIFY(head.toLower().contains("sec-websocket-protocol: mqtt"));
}

void tst_Fixtures::serverCertificateOptionPicksTheCertificate_data()
{
    QTest::addColumn<MosquittoBroker::ServerCertificate>("which");
    QTest::addColumn<QString>("commonName");
    QTest::addColumn<bool>("expired");
    QTest::addColumn<bool>("websocket");
    QTest::newRow("valid") << MosquittoBroker::ServerCertificate::Valid << QStringLiteral("localhost") << false << false;
    QTest::newRow("expired") << MosquittoBroker::ServerCertificate::Expired << QStringLiteral("localhost") << true << false;
    QTest::newRow("expired, wss") << MosquittoBroker::ServerCertificate::Expired << QStringLiteral("localhost") << true << true;
    QTest::newRow("other host") << MosquittoBroker::ServerCertificate::OtherHost << QStringLiteral("other-host.invalid") << false << false;
}

void tst_Fixtures::serverCertificateOptionPicksTheCertificate()
{
    QFETCH(MosquittoBroker::ServerCertificate, which);
    QFETCH(QString, commonName);
    QFETCH(bool, expired);
    QFETCH(bool, websocket);
    REQUIRE_MOSQUITTO();
    MosquittoBroker broker;
    MosquittoBroker::Options options;
    options.tls = !websocket;
    options.secureWebsockets = websocket;
    options.serverCertificate = which;
    QVERIFY2(broker.start(options), qPrintable(broker.errorString()));

    QSslSocket socket;
    QSslConfiguration configuration = tlsConfiguration(broker.caCertificatePath());
    configuration.setPeerVerifyMode(QSslSocket::VerifyNone); // to look at whatever it presents
    socket.setSslConfiguration(configuration);
    socket.connectToHostEncrypted(broker.host(), websocket ? broker.wssPort() : broker.tlsPort());
    QVERIFY2(socket.waitForEncrypted(IoTimeoutMs), qPrintable(socket.errorString()));
    const QSslCertificate presented = socket.peerCertificate();
    QCOMPARE(presented.subjectInfo(QSslCertificate::CommonName), QStringList{commonName});
    QCOMPARE(presented.expiryDate() < QDateTime::currentDateTimeUtc(), expired);
    QCOMPARE(presented.issuerInfo(QSslCertificate::CommonName), QStringList{QStringLiteral("MqttQt Test CA")});
    if (which == MosquittoBroker::ServerCertificate::OtherHost) {
        QCOMPARE(presented.subjectAlternativeNames().values(QSsl::DnsEntry),
                 QStringList{QStringLiteral("other-host.invalid")});
        QVERIFY(presented.subjectAlternativeNames().values(QSsl::IpAddressEntry).isEmpty());
    }
}

void tst_Fixtures::encryptedClientKeyNeedsThePassphrase()
{
    REQUIRE_MOSQUITTO();
    MosquittoBroker broker;
    QVERIFY2(broker.start(), qPrintable(broker.errorString()));
    QFile file(broker.encryptedClientKeyPath());
    QVERIFY(file.open(QIODevice::ReadOnly));
    const QByteArray pem = file.readAll();
    QVERIFY(pem.startsWith("-----BEGIN ENCRYPTED PRIVATE KEY-----"));
    QVERIFY(QSslKey(pem, QSsl::Ec, QSsl::Pem, QSsl::PrivateKey, "wrong").isNull());
    const QSslKey key(pem, QSsl::Ec, QSsl::Pem, QSsl::PrivateKey, MosquittoBroker::clientKeyPassphrase());
    QVERIFY(!key.isNull());
    QFile plain(broker.clientKeyPath());
    QVERIFY(plain.open(QIODevice::ReadOnly));
    QCOMPARE(key, QSslKey(plain.readAll(), QSsl::Ec, QSsl::Pem, QSsl::PrivateKey));
}

void tst_Fixtures::unixSocketListenerAcceptsMqtt()
{
    REQUIRE_MOSQUITTO();
    MosquittoBroker broker;
    MosquittoBroker::Options options;
    options.unixSocket = true;
    QVERIFY2(broker.start(options), qPrintable(broker.errorString()));
    QVERIFY(broker.unixSocketPath().startsWith(broker.dataDir()));
    QLocalSocket socket;
    socket.connectToServer(broker.unixSocketPath());
    QVERIFY2(socket.waitForConnected(IoTimeoutMs), qPrintable(socket.errorString()));
    socket.write(connectPacket("fixture-unix"));
    QDeadlineTimer deadline(IoTimeoutMs);
    while (socket.bytesAvailable() < 4 && socket.waitForReadyRead(int(qMax<qint64>(1, deadline.remainingTime()))))
        ;
    QCOMPARE(socket.read(4), FakeBroker::hex("20 02 00 00"));

    // A killed broker leaves its socket file behind; restart() replaces it.
    broker.kill();
    QVERIFY2(broker.restart(), qPrintable(broker.errorString()));
    QLocalSocket again;
    again.connectToServer(broker.unixSocketPath());
    QVERIFY2(again.waitForConnected(IoTimeoutMs), qPrintable(again.errorString()));
}

void tst_Fixtures::passwordFileControlsAccess()
{
    REQUIRE_MOSQUITTO();
    MosquittoBroker broker;
    MosquittoBroker::Options options;
    options.users.insert(QStringLiteral("alice"), QStringLiteral("secret"));
    options.users.insert(QStringLiteral("bob"), QStringLiteral("hunter2"));
    options.allowAnonymous = false;
    QVERIFY2(broker.start(options), qPrintable(broker.errorString()));

    struct Attempt {
        QByteArray username;
        QByteArray password;
        QByteArray connack;
    };
    const Attempt attempts[] = {
        {"alice", "secret", FakeBroker::hex("20 02 00 00")},
        {"bob", "hunter2", FakeBroker::hex("20 02 00 00")},
        {"alice", "wrong", FakeBroker::hex("20 02 00 05")},
        {QByteArray(), QByteArray(), FakeBroker::hex("20 02 00 05")},
    };
    for (const Attempt &attempt : attempts) {
        QTcpSocket socket;
        socket.connectToHost(broker.host(), broker.tcpPort());
        QVERIFY(socket.waitForConnected(IoTimeoutMs));
        socket.write(connectPacket("fixture-auth", attempt.username, attempt.password));
        QCOMPARE(readExactly(socket, 4), attempt.connack);
    }
}

void tst_Fixtures::retainedMessageSurvivesStopAndRestart()
{
    REQUIRE_MOSQUITTO();
    MosquittoBroker broker;
    MosquittoBroker::Options options;
    options.persistence = true;
    QVERIFY2(broker.start(options), qPrintable(broker.errorString()));
    const quint16 port = broker.tcpPort();
    const QByteArray topic = mqttString("t/ret");
    {
        QTcpSocket socket;
        socket.connectToHost(broker.host(), port);
        QVERIFY(socket.waitForConnected(IoTimeoutMs));
        socket.write(connectPacket("fixture-pub"));
        QCOMPARE(readExactly(socket, 4), FakeBroker::hex("20 02 00 00"));
        socket.write(packet(0x33, topic + FakeBroker::hex("00 01") + "hello")); // QoS 1, retain
        QCOMPARE(readExactly(socket, 4), FakeBroker::hex("40 02 00 01"));
    }
    broker.stop();
    QVERIFY(!broker.isRunning());
    QVERIFY2(QFileInfo::exists(broker.dataDir() + QStringLiteral("/mosquitto.db")), qPrintable(broker.log()));

    QVERIFY2(broker.restart(), qPrintable(broker.errorString()));
    QCOMPARE(broker.tcpPort(), port);
    QTcpSocket socket;
    socket.connectToHost(broker.host(), port);
    QVERIFY(socket.waitForConnected(IoTimeoutMs));
    socket.write(connectPacket("fixture-sub"));
    QCOMPARE(readExactly(socket, 4), FakeBroker::hex("20 02 00 00"));
    socket.write(packet(0x82, FakeBroker::hex("00 01") + topic + char(0)));
    QCOMPARE(readExactly(socket, 5), FakeBroker::hex("90 03 00 01 00"));
    QCOMPARE(readExactly(socket, 14), packet(0x31, topic + "hello"));
}

void tst_Fixtures::killedBrokerRestartsOnSamePorts()
{
    REQUIRE_MOSQUITTO();
    MosquittoBroker broker;
    MosquittoBroker::Options options;
    options.websockets = true;
    QVERIFY2(broker.start(options), qPrintable(broker.errorString()));
    const quint16 tcpPort = broker.tcpPort();
    const quint16 wsPort = broker.wsPort();

    QTcpSocket socket;
    socket.connectToHost(broker.host(), tcpPort);
    QVERIFY(socket.waitForConnected(IoTimeoutMs));
    socket.write(connectPacket("fixture-kill"));
    QCOMPARE(readExactly(socket, 4), FakeBroker::hex("20 02 00 00"));

    broker.kill();
    QVERIFY(!broker.isRunning());
    QVERIFY(socket.waitForDisconnected(IoTimeoutMs) || socket.state() == QAbstractSocket::UnconnectedState);
    QTcpSocket refused;
    refused.connectToHost(broker.host(), tcpPort);
    QVERIFY(!refused.waitForConnected(IoTimeoutMs));

    QVERIFY2(broker.restart(), qPrintable(broker.errorString()));
    QCOMPARE(broker.tcpPort(), tcpPort);
    QCOMPARE(broker.wsPort(), wsPort);
    QTcpSocket again;
    again.connectToHost(broker.host(), tcpPort);
    QVERIFY(again.waitForConnected(IoTimeoutMs));
    again.write(connectPacket("fixture-kill"));
    QCOMPARE(readExactly(again, 4), FakeBroker::hex("20 02 00 00"));
}

void tst_Fixtures::badConfigurationFailsWithMosquittoOutput()
{
    REQUIRE_MOSQUITTO();
    MosquittoBroker broker;
    MosquittoBroker::Options options;
    options.extraConfig = QStringLiteral("no_such_option 1");
    QVERIFY(!broker.start(options));
    QVERIFY(!broker.isRunning());
    QVERIFY2(broker.errorString().contains(QStringLiteral("no_such_option")), qPrintable(broker.errorString()));
}

void tst_Fixtures::limitOptionsAreAcceptedByMosquitto()
{
    REQUIRE_MOSQUITTO();
    MosquittoBroker broker;
    MosquittoBroker::Options options;
    options.maxQueuedMessages = 0;
    options.maxInflightMessages = 1;
    options.maxQueuedBytes = 0;
    options.verboseLog = true;
    options.listenerConfig = QStringLiteral("max_topic_alias 5");
    options.extraConfig = QStringLiteral("max_keepalive 120");
    QVERIFY2(broker.start(options), qPrintable(broker.errorString()));
    const QString config = broker.configuration();
    for (const char *line : {"max_queued_messages 0", "max_inflight_messages 1", "max_queued_bytes 0",
                             "log_type all", "max_topic_alias 5", "max_keepalive 120"}) {
        QVERIFY2(config.contains(QLatin1String(line)), line);
    }

    QTcpSocket socket;
    socket.connectToHost(broker.host(), broker.tcpPort());
    QVERIFY(socket.waitForConnected(IoTimeoutMs));
    socket.write(connectPacket("fixture-verbose"));
    QCOMPARE(readExactly(socket, 4), FakeBroker::hex("20 02 00 00"));
    QTRY_VERIFY2(broker.log().contains(QStringLiteral("Sending CONNACK to fixture-verbose")), qPrintable(broker.log()));
}

void tst_Fixtures::restartFailsReadablyWhenPortIsTaken()
{
    REQUIRE_MOSQUITTO();
    MosquittoBroker broker;
    QVERIFY(!broker.restart());
    QVERIFY(broker.errorString().contains(QStringLiteral("start()")));

    QVERIFY2(broker.start(), qPrintable(broker.errorString()));
    broker.stop();
    QTcpServer squatter;
    QVERIFY(squatter.listen(QHostAddress::LocalHost, broker.tcpPort()));
    QVERIFY(!broker.restart(200));
    QVERIFY(!broker.isRunning());
    QVERIFY2(broker.errorString().contains(QStringLiteral("not released")), qPrintable(broker.errorString()));

    squatter.close();
    QVERIFY2(broker.restart(), qPrintable(broker.errorString()));
}

void tst_Fixtures::destructorLeavesNoProcess()
{
    REQUIRE_MOSQUITTO();
    qint64 pid = 0;
    QString dataDir;
    {
        MosquittoBroker broker;
        QVERIFY2(broker.start(), qPrintable(broker.errorString()));
        pid = broker.processId();
        dataDir = broker.dataDir();
        QVERIFY(pid > 0);
        QVERIFY(processExists(pid));
    }
    QVERIFY(!processExists(pid));
    QVERIFY(!QFileInfo::exists(dataDir));
}

// ---- FakeBroker --------------------------------------------------------------------------

void tst_Fixtures::hexIgnoresWhitespace()
{
    QCOMPARE(FakeBroker::hex("10 0c\n00 04 4d51 5454"), QByteArray("\x10\x0c\x00\x04MQTT", 8));
    QCOMPARE(FakeBroker::hex(""), QByteArray());
    QCOMPARE(FakeBroker::packetTypeName(FakeBroker::Subscribe), QStringLiteral("SUBSCRIBE"));
}

void tst_Fixtures::scriptPasses()
{
    FakeBroker broker;
    QVERIFY(broker.listen());
    QVERIFY(broker.port() != 0);
    broker.expect(connectPacket("c1"), QStringLiteral("CONNECT"))
        .send(FakeBroker::hex("20 02 00 00"), QStringLiteral("CONNACK"))
        .expect(FakeBroker::hex("c0 00"), QStringLiteral("PINGREQ"))
        .send(FakeBroker::hex("d0 00"), QStringLiteral("PINGRESP"));

    QTcpSocket client;
    QByteArray fromBroker;
    connect(&client, &QTcpSocket::readyRead, &client, [&] {
        fromBroker += client.readAll();
        if (fromBroker == FakeBroker::hex("20 02 00 00"))
            client.write(FakeBroker::hex("c0 00"));
    });
    client.connectToHost(broker.host(), broker.port());
    client.write(connectPacket("c1"));

    QVERIFY2(broker.waitForScript(), qPrintable(broker.failure()));
    QVERIFY(broker.isFinished());
    QVERIFY(!broker.hasFailed());
    QCOMPARE(broker.connectionCount(), 1);
    QCOMPARE(broker.stepCount(), 5); // the implicit acceptConnection() included
    QCOMPARE(broker.received(), connectPacket("c1") + FakeBroker::hex("c0 00"));
    QTRY_COMPARE(fromBroker, FakeBroker::hex("20 02 00 00 d0 00"));
}

void tst_Fixtures::mismatchFailsWithReadableMessage()
{
    FakeBroker broker;
    QVERIFY(broker.listen());
    QSignalSpy failed(&broker, &FakeBroker::scriptFailed);
    broker.expect(connectPacket("expected-id"), QStringLiteral("CONNECT with the configured id"))
        .send(FakeBroker::hex("20 02 00 00"));

    QTcpSocket client;
    client.connectToHost(broker.host(), broker.port());
    client.write(connectPacket("other-id"));

    QVERIFY(!broker.waitForScript());
    QVERIFY(broker.hasFailed());
    QVERIFY(!broker.isFinished());
    QCOMPARE(failed.size(), 1);
    const QString failure = broker.failure();
    QVERIFY2(failure.contains(QStringLiteral("step 2 of 3")), qPrintable(failure));
    QVERIFY2(failure.contains(QStringLiteral("CONNECT with the configured id")), qPrintable(failure));
    QVERIFY2(failure.contains(QStringLiteral("expected: 10 17 00 04 4d 51 54 54")), qPrintable(failure));
    QVERIFY2(failure.contains(QStringLiteral("received: 10 14 00 04 4d 51 54 54")), qPrintable(failure));
    QVERIFY2(failure.contains(QStringLiteral("offset 1")), qPrintable(failure));
    QCOMPARE(broker.currentStep(), 1);
}

void tst_Fixtures::expectPacketReadsWholePacketAcrossFragments()
{
    FakeBroker broker;
    QVERIFY(broker.listen());
    // A PUBLISH whose remaining length (200) needs two bytes.
    const QByteArray payload(195, 'x');
    const QByteArray publish = FakeBroker::hex("30 c8 01") + mqttString("abc") + payload;
    QCOMPARE(publish.size(), 203);

    QByteArray seen;
    broker.expectPacket(FakeBroker::Publish,
                        [&](const QByteArray &packet, QString *) {
                            seen = packet;
                            return true;
                        },
                        QStringLiteral("large PUBLISH"))
        .expectAnyPacket(QStringLiteral("PINGREQ"));

    QTcpSocket client;
    client.connectToHost(broker.host(), broker.port());
    client.write(publish.left(2)); // half of the fixed header
    QTRY_COMPARE(broker.received().size(), 2);
    QVERIFY(seen.isEmpty());
    client.write(publish.mid(2, 100));
    QTRY_COMPARE(broker.received().size(), 102);
    QVERIFY(seen.isEmpty());
    client.write(publish.mid(102) + FakeBroker::hex("c0 00"));

    QVERIFY2(broker.waitForScript(), qPrintable(broker.failure()));
    QCOMPARE(seen, publish);
    QCOMPARE(broker.lastPacket(), FakeBroker::hex("c0 00"));
}

void tst_Fixtures::expectPacketRefusesWrongType()
{
    FakeBroker broker;
    QVERIFY(broker.listen());
    broker.expectPacket(FakeBroker::Subscribe, {}, QStringLiteral("SUBSCRIBE to a/b"));
    QTcpSocket client;
    client.connectToHost(broker.host(), broker.port());
    client.write(FakeBroker::hex("c0")); // the first byte is enough to judge
    QVERIFY(!broker.waitForScript());
    QVERIFY2(broker.failure().contains(QStringLiteral("expected SUBSCRIBE packet, received PINGREQ")),
             qPrintable(broker.failure()));
}

void tst_Fixtures::expectPacketCheckCanRefuse()
{
    FakeBroker broker;
    QVERIFY(broker.listen());
    broker.expectPacket(FakeBroker::Connect, [](const QByteArray &packet, QString *why) {
        if (packet.at(9) & 0x02)
            return true;
        *why = QStringLiteral("clean session flag is not set");
        return false;
    });
    QTcpSocket client;
    client.connectToHost(broker.host(), broker.port());
    QByteArray connect = connectPacket("c1");
    connect[9] = 0; // connect flags
    client.write(connect);
    QVERIFY(!broker.waitForScript());
    QVERIFY2(broker.failure().contains(QStringLiteral("the CONNECT was refused: clean session flag is not set")),
             qPrintable(broker.failure()));
}

void tst_Fixtures::reconnectScriptAcceptsSecondConnection()
{
    FakeBroker broker;
    QVERIFY(broker.listen());
    broker.acceptConnection(QStringLiteral("first connection"))
        .expectPacket(FakeBroker::Connect)
        .closeConnection(QStringLiteral("broker drops the client"))
        .acceptConnection(QStringLiteral("client reconnects"))
        .expectPacket(FakeBroker::Connect)
        .send(FakeBroker::hex("20 02 00 00"))
        .expect(FakeBroker::hex("e0 00"), QStringLiteral("DISCONNECT"))
        .expectClosed(IoTimeoutMs);

    // A client that reconnects once when the broker closes the connection, and disconnects
    // cleanly after the CONNACK.
    QTcpSocket client;
    int connects = 0;
    connect(&client, &QTcpSocket::connected, &client, [&] {
        ++connects;
        client.write(connectPacket("c1"));
    });
    connect(&client, &QTcpSocket::disconnected, &client, [&] {
        if (connects == 1)
            client.connectToHost(broker.host(), broker.port());
    });
    connect(&client, &QTcpSocket::readyRead, &client, [&] {
        if (client.readAll() == FakeBroker::hex("20 02 00 00")) {
            client.write(FakeBroker::hex("e0 00"));
            client.disconnectFromHost();
        }
    });
    client.connectToHost(broker.host(), broker.port());

    QVERIFY2(broker.waitForScript(), qPrintable(broker.failure()));
    QCOMPARE(broker.connectionCount(), 2);
    QCOMPARE(connects, 2);
    QCOMPARE(broker.received(), connectPacket("c1") + FakeBroker::hex("e0 00"));
}

void tst_Fixtures::resetConnectionBreaksClient()
{
    FakeBroker broker;
    QVERIFY(broker.listen());
    broker.expectPacket(FakeBroker::Connect).resetConnection();
    QTcpSocket client;
    QSignalSpy disconnected(&client, &QTcpSocket::disconnected);
    client.connectToHost(broker.host(), broker.port());
    client.write(connectPacket("c1"));
    QVERIFY2(broker.waitForScript(), qPrintable(broker.failure()));
    QTRY_COMPARE(disconnected.size(), 1);
    QCOMPARE(client.error(), QAbstractSocket::RemoteHostClosedError);
}

void tst_Fixtures::expectSilence()
{
    {
        FakeBroker broker;
        QVERIFY(broker.listen());
        broker.expectPacket(FakeBroker::Connect).expectSilence(100);
        QTcpSocket client;
        client.connectToHost(broker.host(), broker.port());
        client.write(connectPacket("c1"));
        QElapsedTimer timer;
        timer.start();
        QVERIFY2(broker.waitForScript(), qPrintable(broker.failure()));
        QVERIFY(timer.elapsed() >= 100);
    }
    {
        FakeBroker broker;
        QVERIFY(broker.listen());
        broker.expectPacket(FakeBroker::Connect)
            .run([] {}, QStringLiteral("nothing"))
            .expectSilence(2000, QStringLiteral("no PINGREQ before the keep alive"));
        QTcpSocket client;
        client.connectToHost(broker.host(), broker.port());
        client.write(connectPacket("c1"));
        QTimer::singleShot(50, &client, [&] { client.write(FakeBroker::hex("c0 00")); });
        QVERIFY(!broker.waitForScript());
        QVERIFY2(broker.failure().contains(QStringLiteral("no PINGREQ before the keep alive")),
                 qPrintable(broker.failure()));
        QVERIFY2(broker.failure().contains(QStringLiteral("received: c0 00")), qPrintable(broker.failure()));
    }
}

void tst_Fixtures::expectClosedFailsWhenClientStaysConnected()
{
    FakeBroker broker;
    QVERIFY(broker.listen());
    broker.expectPacket(FakeBroker::Connect).expectClosed(100);
    QTcpSocket client;
    client.connectToHost(broker.host(), broker.port());
    client.write(connectPacket("c1"));
    QVERIFY(!broker.waitForScript());
    QVERIFY2(broker.failure().contains(QStringLiteral("did not close the connection within 100 ms")),
             qPrintable(broker.failure()));
}

void tst_Fixtures::timeoutNamesTheWaitingStep()
{
    FakeBroker broker;
    QVERIFY(broker.listen());
    broker.expect(FakeBroker::hex("10"), QStringLiteral("CONNECT that never comes"));
    QTcpSocket client;
    client.connectToHost(broker.host(), broker.port());
    QVERIFY(!broker.waitForScript(100));
    QVERIFY2(broker.failure().contains(QStringLiteral("timed out after 100 ms")), qPrintable(broker.failure()));
    QVERIFY2(broker.failure().contains(QStringLiteral("CONNECT that never comes")), qPrintable(broker.failure()));

    FakeBroker lonely;
    QVERIFY(lonely.listen());
    lonely.expect(FakeBroker::hex("10"));
    QVERIFY(!lonely.waitForScript(50));
    QVERIFY2(lonely.failure().contains(QStringLiteral("acceptConnection")), qPrintable(lonely.failure()));
}

void tst_Fixtures::scriptContinuesAfterWait()
{
    FakeBroker broker;
    QVERIFY(broker.listen());
    QTcpSocket client;
    QByteArray fromBroker;
    connect(&client, &QTcpSocket::readyRead, &client, [&] { fromBroker += client.readAll(); });

    broker.expectPacket(FakeBroker::Connect).wait(50).send(FakeBroker::hex("20 02 00 00"));
    client.connectToHost(broker.host(), broker.port());
    client.write(connectPacket("c1"));
    QElapsedTimer timer;
    timer.start();
    QVERIFY2(broker.waitForScript(), qPrintable(broker.failure()));
    QVERIFY(timer.elapsed() >= 50);

    // The transcript goes on: the reply depends on the packet id the client chose.
    broker.expectPacket(FakeBroker::Subscribe)
        // "-> QByteArray" matters: with QT_USE_QSTRINGBUILDER the lambda would otherwise
        // return a QStringBuilder that refers to destroyed temporaries.
        .sendWith([&]() -> QByteArray { return FakeBroker::hex("90 03") + broker.lastPacket().mid(2, 2) + char(0); },
                  QStringLiteral("SUBACK for the same packet id"));
    QVERIFY(!broker.isFinished());
    client.write(packet(0x82, FakeBroker::hex("00 2a") + mqttString("a/b") + char(0)));
    QVERIFY2(broker.waitForScript(), qPrintable(broker.failure()));
    QTRY_COMPARE(fromBroker, FakeBroker::hex("20 02 00 00 90 03 00 2a 00"));
}

QTEST_GUILESS_MAIN(tst_Fixtures)
#include "tst_fixtures.moc"
