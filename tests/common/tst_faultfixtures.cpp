// Self-test of the fault, transport and proxy fixtures: FaultProxy, WebSocketRelay,
// Socks5Proxy, HttpConnectProxy, ProcessMemory and HostileBytes.
#include "fakebroker.h"
#include "faultproxy.h"
#include "hostilebytes.h"
#include "mosquittobroker.h"
#include "processmemory.h"
#include "tunnelproxy.h"
#include "websocketrelay.h"

#include <QtCore/QDeadlineTimer>
#include <QtCore/QElapsedTimer>
#include <QtCore/QPointer>
#include <QtCore/QProcess>
#include <QtCore/QRandomGenerator>
#include <QtCore/QSet>
#include <QtCore/QStandardPaths>
#include <QtCore/QTemporaryDir>
#include <QtNetwork/QHostAddress>
#include <QtNetwork/QNetworkRequest>
#include <QtNetwork/QSslCertificate>
#include <QtNetwork/QSslConfiguration>
#include <QtNetwork/QTcpServer>
#include <QtNetwork/QTcpSocket>
#include <QtTest/QSignalSpy>
#include <QtTest/QTest>
#include <QtWebSockets/QWebSocket>
#include <QtWebSockets/QWebSocketHandshakeOptions>

#include <algorithm>
#include <memory>

#ifdef Q_OS_UNIX
#include <arpa/inet.h>
#include <cerrno>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>
#endif

#define REQUIRE_MOSQUITTO()                                                                        \
    do {                                                                                           \
        if (!MosquittoBroker::mosquittoAvailable())                                                \
            QSKIP("mosquitto, mosquitto_passwd or openssl is not installed");                      \
    } while (false)

using Direction = FaultProxy::Direction;
using CloseMode = FaultProxy::CloseMode;
using EventKind = FaultProxy::EventKind;

namespace {

constexpr int IoTimeoutMs = 5000;
const QByteArray ConnAckAccepted = QByteArray::fromHex("20020000");
const QByteArray PingReq = QByteArray::fromHex("c000");
const QByteArray PingResp = QByteArray::fromHex("d000");

QByteArray mqttString(const QByteArray &text)
{
    QByteArray bytes;
    bytes.append(char(text.size() >> 8)).append(char(text.size() & 0xff)).append(text);
    return bytes;
}

QByteArray packetId(quint16 id)
{
    return QByteArray(1, char(id >> 8)) + char(id & 0xff);
}

QByteArray packet(quint8 firstByte, const QByteArray &body)
{
    return QByteArray(1, char(firstByte)) + HostileBytes::remainingLength(quint32(body.size())) + body;
}

// MQTT 3.1.1 CONNECT with a clean session.
QByteArray connectPacket(const QByteArray &clientId, quint16 keepAlive = 60)
{
    return packet(0x10, mqttString("MQTT") + char(0x04) + char(0x02) + packetId(keepAlive) + mqttString(clientId));
}

QByteArray subscribePacket(quint16 id, const QByteArray &filter, quint8 qos)
{
    return packet(0x82, packetId(id) + mqttString(filter) + char(qos));
}

QByteArray publishPacket(const QByteArray &topic, const QByteArray &payload, quint8 qos = 0, quint16 id = 0)
{
    return packet(quint8(0x30 | (qos << 1)), mqttString(topic) + (qos ? packetId(id) : QByteArray()) + payload);
}

// The whole length of the packet at the start of data; 0 when incomplete, -1 when malformed.
qsizetype packetLength(const QByteArray &data, qsizetype from = 0)
{
    qsizetype remaining = 0;
    int shift = 0;
    for (qsizetype i = from + 1; i < data.size(); ++i) {
        const auto byte = quint8(data.at(i));
        remaining |= qsizetype(byte & 0x7f) << shift;
        if ((byte & 0x80) == 0)
            return i - from + 1 + remaining;
        shift += 7;
        if (i - from == 4)
            return -1;
    }
    return 0;
}

// Splits a stream into whole packets; what is left over goes to *rest.
QList<QByteArray> splitPackets(const QByteArray &stream, QByteArray *rest = nullptr)
{
    QList<QByteArray> packets;
    qsizetype at = 0;
    for (;;) {
        const qsizetype length = packetLength(stream, at);
        if (length <= 0 || at + length > stream.size())
            break;
        packets << stream.mid(at, length);
        at += length;
    }
    if (rest)
        *rest = stream.mid(at);
    return packets;
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

// Connects a blocking QTcpSocket and completes CONNECT/CONNACK. Returns an empty string or
// what went wrong.
QString openMqttSession(QTcpSocket &socket, const QString &host, quint16 port, const QByteArray &clientId,
                        quint16 keepAlive = 60)
{
    socket.connectToHost(host, port);
    if (!socket.waitForConnected(IoTimeoutMs))
        return QStringLiteral("connect failed: ") + socket.errorString();
    socket.write(connectPacket(clientId, keepAlive));
    const QByteArray connack = readExactly(socket, 4);
    if (connack != ConnAckAccepted)
        return QStringLiteral("expected CONNACK 20 02 00 00, got \"%1\"").arg(QString::fromLatin1(connack.toHex(' ')));
    return {};
}

quint16 closedPort()
{
    QTcpServer server;
    server.listen(QHostAddress::LocalHost, 0);
    return server.serverPort();
}

// A TCP peer in the test's own thread: records what arrives on the last accepted
// connection and optionally echoes it.
class LocalPeer
{
public:
    ~LocalPeer()
    {
        // The server deletes its sockets, which emit disconnected() half destroyed.
        const QList<QTcpSocket *> sockets = server.findChildren<QTcpSocket *>();
        for (QTcpSocket *s : sockets)
            s->disconnect();
    }

    bool listen()
    {
        if (!server.listen(QHostAddress::LocalHost, 0))
            return false;
        QObject::connect(&server, &QTcpServer::newConnection, &server, [this] {
            while (QTcpSocket *s = server.nextPendingConnection()) {
                ++connections;
                socket = s;
                received.clear();
                closed = false;
                QObject::connect(s, &QTcpSocket::readyRead, s, [this, s] {
                    const QByteArray data = s->readAll();
                    if (s != socket)
                        return;
                    received += data;
                    if (echo)
                        s->write(data);
                });
                QObject::connect(s, &QTcpSocket::disconnected, s, [this, s] {
                    if (s == socket)
                        closed = true;
                });
            }
        });
        return true;
    }
    quint16 port() const { return server.serverPort(); }

    QTcpServer server;
    QPointer<QTcpSocket> socket;
    QByteArray received;
    bool closed = false;
    bool echo = false;
    int connections = 0;
};

#ifdef Q_OS_UNIX
// A plain POSIX client, to tell a FIN from a RST (Qt reports both as
// RemoteHostClosedError).
class NativeClient
{
public:
    enum class End { Open, Fin, Reset, Error };

    ~NativeClient()
    {
        if (m_fd >= 0)
            ::close(m_fd);
    }

    bool connectTo(quint16 port)
    {
        m_fd = ::socket(AF_INET, SOCK_STREAM, 0);
        sockaddr_in address = {};
        address.sin_family = AF_INET;
        address.sin_port = htons(port);
        address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
        return m_fd >= 0 && ::connect(m_fd, reinterpret_cast<sockaddr *>(&address), sizeof(address)) == 0;
    }

    bool send(const QByteArray &bytes)
    {
        return ::send(m_fd, bytes.constData(), size_t(bytes.size()), MSG_NOSIGNAL) == bytes.size();
    }

    // Reads until the peer closes the connection (or \a count bytes arrived, when >= 0),
    // at most timeoutMs.
    QByteArray read(int timeoutMs, End *end, qint64 count = -1)
    {
        QByteArray bytes;
        const QDeadlineTimer deadline(timeoutMs);
        *end = End::Open;
        while (count < 0 || bytes.size() < count) {
            pollfd p = {m_fd, POLLIN, 0};
            const int ready = ::poll(&p, 1, int(qMax<qint64>(0, deadline.remainingTime())));
            if (ready <= 0)
                return bytes;
            char buffer[65536];
            const ssize_t n = ::recv(m_fd, buffer, sizeof(buffer), 0);
            if (n > 0) {
                bytes.append(buffer, n);
            } else if (n == 0) {
                *end = End::Fin;
                return bytes;
            } else {
                *end = errno == ECONNRESET ? End::Reset : End::Error;
                return bytes;
            }
        }
        return bytes;
    }

private:
    int m_fd = -1;
};

const char *endName(NativeClient::End end)
{
    switch (end) {
    case NativeClient::End::Open:
        return "still open";
    case NativeClient::End::Fin:
        return "FIN";
    case NativeClient::End::Reset:
        return "RST";
    case NativeClient::End::Error:
        return "error";
    }
    return "?";
}
#endif

QList<FaultProxy::Event> randomFaultsOf(const QList<FaultProxy::Event> &events)
{
    QList<FaultProxy::Event> faults;
    for (const FaultProxy::Event &e : events) {
        if (e.random && e.isFault())
            faults << e;
    }
    return faults;
}

bool hasEvent(const FaultProxy &proxy, EventKind kind)
{
    const QList<FaultProxy::Event> events = proxy.events();
    return std::any_of(events.cbegin(), events.cend(), [kind](const FaultProxy::Event &e) { return e.kind == kind; });
}

std::unique_ptr<TunnelProxy> makeProxy(int protocol)
{
    if (TunnelProxy::Protocol(protocol) == TunnelProxy::Protocol::Socks5)
        return std::make_unique<Socks5Proxy>();
    return std::make_unique<HttpConnectProxy>();
}

QSslConfiguration trustingCa(const QString &caPath)
{
    QSslConfiguration config = QSslConfiguration::defaultConfiguration();
    config.setCaCertificates(QSslCertificate::fromPath(caPath));
    config.setPeerVerifyMode(QSslSocket::VerifyPeer);
    return config;
}

} // namespace

class tst_FaultFixtures : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    // FaultProxy
    void faultProxyRelaysMosquittoSessionByteExactly();
    void faultProxyRelaysMosquittoCommandLineClients();
    void faultProxyRelaysRandomBytesBothWaysExactly();
    void faultProxyStartFailsReadably();
    void stallHoldsDataForItsDuration_data();
    void stallHoldsDataForItsDuration();
    void stallLastsUntilResumed();
    void stallLongerThanKeepAliveMakesBrokerDropClient();
    void dropAfterBytesCutsAtExactOffset_data();
    void dropAfterBytesCutsAtExactOffset();
    void dropAfterBytesCutsMqttPacketInTheMiddle();
    void dropAfterBytesArmsNextConnectionWhenNoneIsOpen();
    void dropConnectionsClosesEveryConnection_data();
    void dropConnectionsClosesEveryConnection();
    void singleByteWritesMakeOneWritePerByte_data();
    void singleByteWritesMakeOneWritePerByte();
    void singleByteBurstCoversOnlyItsBytes();
    void throttleLimitsRate_data();
    void throttleLimitsRate();
    void refuseConnectionsClosesNewConnections_data();
    void refuseConnectionsClosesNewConnections();
    void refuseConnectionsUntilAcceptedAgain();
    void unreachableTargetResetsClient();
    void randomScheduleIsReproducibleForOneSeed();
    void randomScheduleRefusesInvalidOptions();
    void randomFaultsLeaveProxyUsableForMosquittoSessions();

    // WebSocketRelay
    void webSocketRelayDeliversStreamIntact_data();
    void webSocketRelayDeliversStreamIntact();
    void webSocketRelayRecordsHandshake();
    void strictModeRefusesClientWithoutMqttSubprotocol_data();
    void strictModeRefusesClientWithoutMqttSubprotocol();
    void lenientModeServesClientWithoutSubprotocol();
    void webSocketRelayRefusesTextFrames();
    void webSocketRelayClosesWhenTargetIsUnreachable();
    void webSocketRelayStartFailsReadably_data();
    void webSocketRelayStartFailsReadably();

    // Socks5Proxy, HttpConnectProxy
    void qtSocketConnectsThroughProxy_data();
    void qtSocketConnectsThroughProxy();
    void qtSocketIsRefusedWithWrongCredentials_data();
    void qtSocketIsRefusedWithWrongCredentials();
    void socks5AnswersOnTheWire_data();
    void socks5AnswersOnTheWire();
    void socks5RawTunnelRelaysMqtt();
    void httpConnectAnswersOnTheWire_data();
    void httpConnectAnswersOnTheWire();
    void httpConnectRetryAfter407OnSameConnection();

    // ProcessMemory, HostileBytes
    void processMemoryFollowsAllocations();
    void randomBytesAreReproducible();
    void remainingLengthEncoding_data();
    void remainingLengthEncoding();
    void hostileStreamsHaveTheDocumentedLayout();
    void fakeBrokerSendsHostileStreamVerbatim();
};

// FaultProxy

void tst_FaultFixtures::faultProxyRelaysMosquittoSessionByteExactly()
{
    REQUIRE_MOSQUITTO();
    MosquittoBroker broker;
    MosquittoBroker::Options options;
    options.maxQueuedMessages = 0;
    QVERIFY2(broker.start(options), qPrintable(broker.errorString()));
    FaultProxy proxy;
    QVERIFY2(proxy.start(broker.host(), broker.tcpPort()), qPrintable(proxy.errorString()));

    // The test's thread blocks in waitFor*() throughout: the proxy relays from its own.
    QTcpSocket client;
    const QString problem = openMqttSession(client, proxy.host(), proxy.port(), "exact");
    QVERIFY2(problem.isEmpty(), qPrintable(problem + QLatin1Char('\n') + proxy.eventLog()));
    const QByteArray subscribe = subscribePacket(1, "fp/#", 0);
    client.write(subscribe);
    QCOMPARE(readExactly(client, 5), QByteArray::fromHex("9003000100"));

    // About 3 MB of QoS 1 publishes of seeded sizes; the broker acknowledges each and
    // forwards it at QoS 0 (the subscription's maximum).
    QRandomGenerator sizes(11);
    QByteArray sent = connectPacket("exact") + subscribe;
    QByteArray expectedForwards;
    int count = 0;
    while (sent.size() < 3 * 1024 * 1024) {
        const QByteArray payload = HostileBytes::randomBytes(sizes.bounded(1, 100000), quint32(count));
        const QByteArray topic = "fp/" + QByteArray::number(count);
        const QByteArray publish = publishPacket(topic, payload, 1, quint16(count + 2));
        client.write(publish);
        sent += publish;
        expectedForwards += publishPacket(topic, payload);
        ++count;
    }
    QVERIFY(client.waitForBytesWritten(IoTimeoutMs) || client.bytesToWrite() == 0);

    const qint64 expectedBytes = expectedForwards.size() + count * 4;
    const QByteArray answer = readExactly(client, expectedBytes, 30000);
    QCOMPARE(answer.size(), expectedBytes);
    QByteArray rest;
    const QList<QByteArray> packets = splitPackets(answer, &rest);
    QVERIFY(rest.isEmpty());
    QByteArray forwards;
    QSet<QByteArray> pubacks;
    for (const QByteArray &p : packets) {
        if (quint8(p.at(0)) == 0x40)
            pubacks.insert(p);
        else
            forwards += p;
    }
    QCOMPARE(pubacks.size(), count);
    for (int i = 0; i < count; ++i)
        QVERIFY(pubacks.contains(QByteArray::fromHex("4002") + packetId(quint16(i + 2))));
    QVERIFY(forwards == expectedForwards);

    QCOMPARE(proxy.bytesRelayed(Direction::ClientToBroker), qint64(sent.size()));
    QCOMPARE(proxy.bytesRelayed(Direction::BrokerToClient), qint64(4 + 5 + answer.size()));
    QCOMPARE(proxy.connectionsAccepted(), 1);
    QCOMPARE(proxy.openConnections(), 1);
    QCOMPARE(proxy.faultsInjected(), 0);

    client.disconnectFromHost();
    QTRY_COMPARE(proxy.openConnections(), 0);
    QVERIFY2(proxy.eventLog().contains(QStringLiteral("connection #1 closed: closed by the client")),
             qPrintable(proxy.eventLog()));
}

void tst_FaultFixtures::faultProxyRelaysMosquittoCommandLineClients()
{
    REQUIRE_MOSQUITTO();
    const QString pub = QStandardPaths::findExecutable(QStringLiteral("mosquitto_pub"));
    const QString sub = QStandardPaths::findExecutable(QStringLiteral("mosquitto_sub"));
    if (pub.isEmpty() || sub.isEmpty())
        QSKIP("mosquitto_pub or mosquitto_sub is not installed");
    MosquittoBroker broker;
    QVERIFY2(broker.start(), qPrintable(broker.errorString()));
    FaultProxy proxy;
    QVERIFY2(proxy.start(broker.host(), broker.tcpPort()), qPrintable(proxy.errorString()));

    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QByteArray payload = HostileBytes::randomBytes(1024 * 1024, 3);
    QFile file(dir.filePath(QStringLiteral("payload.bin")));
    QVERIFY(file.open(QIODevice::WriteOnly));
    QCOMPARE(file.write(payload), qint64(payload.size()));
    file.close();
    const QString port = QString::number(proxy.port());

    // A retained 1 MiB message published and read back through the proxy, by two clients
    // that are not ours.
    QProcess publisher;
    publisher.start(pub, {QStringLiteral("-h"), proxy.host(), QStringLiteral("-p"), port, QStringLiteral("-q"),
                          QStringLiteral("1"), QStringLiteral("-r"), QStringLiteral("-t"), QStringLiteral("cli/blob"),
                          QStringLiteral("-f"), file.fileName()});
    QVERIFY(publisher.waitForFinished(30000));
    QVERIFY2(publisher.exitCode() == 0, publisher.readAllStandardError().constData());

    QProcess subscriber;
    subscriber.start(sub, {QStringLiteral("-h"), proxy.host(), QStringLiteral("-p"), port, QStringLiteral("-t"),
                           QStringLiteral("cli/blob"), QStringLiteral("-C"), QStringLiteral("1"), QStringLiteral("-N")});
    QVERIFY(subscriber.waitForFinished(30000));
    QVERIFY2(subscriber.exitCode() == 0, subscriber.readAllStandardError().constData());
    const QByteArray output = subscriber.readAllStandardOutput();
    QCOMPARE(output.size(), payload.size());
    QVERIFY(output == payload);

    QCOMPARE(proxy.connectionsAccepted(), 2);
    QVERIFY(proxy.bytesRelayed(Direction::ClientToBroker) > payload.size());
    QVERIFY(proxy.bytesRelayed(Direction::BrokerToClient) > payload.size());
    QTRY_COMPARE(proxy.openConnections(), 0);
}

void tst_FaultFixtures::faultProxyRelaysRandomBytesBothWaysExactly()
{
    LocalPeer peer;
    peer.echo = true;
    QVERIFY(peer.listen());
    FaultProxy proxy;
    QVERIFY2(proxy.start(QStringLiteral("127.0.0.1"), peer.port()), qPrintable(proxy.errorString()));

    QTcpSocket client;
    QByteArray echoed;
    connect(&client, &QTcpSocket::readyRead, &client, [&] { echoed += client.readAll(); });
    client.connectToHost(proxy.host(), proxy.port());
    const QByteArray data = HostileBytes::randomBytes(3 * 1024 * 1024 + 7, 99);
    client.write(data);
    QTRY_COMPARE_WITH_TIMEOUT(echoed.size(), data.size(), 30000);
    QVERIFY(peer.received == data);
    QVERIFY(echoed == data);
    QCOMPARE(proxy.bytesRelayed(Direction::ClientToBroker), qint64(data.size()));
    QCOMPARE(proxy.bytesRelayed(Direction::BrokerToClient), qint64(data.size()));
    QCOMPARE(proxy.bytesRelayed(Direction::Both), 2 * qint64(data.size()));
}

void tst_FaultFixtures::faultProxyStartFailsReadably()
{
    FaultProxy proxy;
    QCOMPARE(proxy.port(), quint16(0));
    QVERIFY(!proxy.isListening());
    QVERIFY(!proxy.start(QStringLiteral("127.0.0.1"), 0));
    QVERIFY2(proxy.errorString().contains(QStringLiteral("invalid target")), qPrintable(proxy.errorString()));
    QVERIFY(proxy.start(QStringLiteral("127.0.0.1"), closedPort()));
    QVERIFY(proxy.isListening());
    QVERIFY(proxy.port() != 0);
    QVERIFY(!proxy.start(QStringLiteral("127.0.0.1"), 1883));
    QVERIFY2(proxy.errorString().contains(QStringLiteral("already listening")), qPrintable(proxy.errorString()));
    proxy.stop();
    QVERIFY(!proxy.isListening());
    QCOMPARE(proxy.port(), quint16(0));
}

void tst_FaultFixtures::stallHoldsDataForItsDuration_data()
{
    QTest::addColumn<int>("direction");
    QTest::newRow("client->broker") << int(Direction::ClientToBroker);
    QTest::newRow("broker->client") << int(Direction::BrokerToClient);
    QTest::newRow("both") << int(Direction::Both);
}

void tst_FaultFixtures::stallHoldsDataForItsDuration()
{
    QFETCH(int, direction);
    REQUIRE_MOSQUITTO();
    MosquittoBroker broker;
    QVERIFY2(broker.start(), qPrintable(broker.errorString()));
    FaultProxy proxy;
    QVERIFY2(proxy.start(broker.host(), broker.tcpPort()), qPrintable(proxy.errorString()));
    QTcpSocket client;
    const QString problem = openMqttSession(client, proxy.host(), proxy.port(), "stall");
    QVERIFY2(problem.isEmpty(), qPrintable(problem));

    constexpr int StallMs = 500;
    QElapsedTimer timer;
    timer.start();
    proxy.stall(Direction(direction), StallMs);
    client.write(PingReq);
    // Held: nothing during most of the stall...
    QVERIFY2(!client.waitForReadyRead(StallMs - 150), qPrintable(proxy.eventLog()));
    // ...and the answer right after it.
    QCOMPARE(readExactly(client, 2, 3000), PingResp);
    const qint64 elapsed = timer.elapsed();
    QVERIFY2(elapsed >= StallMs, qPrintable(QStringLiteral("PINGRESP after %1 ms").arg(elapsed)));
    QVERIFY2(elapsed <= StallMs + 300, qPrintable(QStringLiteral("PINGRESP after %1 ms").arg(elapsed)));
    QTRY_VERIFY(hasEvent(proxy, EventKind::StallEnded));
    QCOMPARE(proxy.faultsInjected(), 1);
    QCOMPARE(client.state(), QAbstractSocket::ConnectedState);
}

void tst_FaultFixtures::stallLastsUntilResumed()
{
    LocalPeer peer;
    QVERIFY(peer.listen());
    FaultProxy proxy;
    QVERIFY2(proxy.start(QStringLiteral("127.0.0.1"), peer.port()), qPrintable(proxy.errorString()));
    QTcpSocket client;
    client.connectToHost(proxy.host(), proxy.port());
    QTRY_VERIFY(peer.socket);

    proxy.stall(Direction::ClientToBroker);
    client.write("held");
    QTest::qWait(700); // a stall without end holds the bytes for as long as we care to look
    QCOMPARE(peer.received, QByteArray());
    QCOMPARE(client.state(), QAbstractSocket::ConnectedState);
    QVERIFY(!peer.closed);
    proxy.resume(Direction::ClientToBroker);
    QTRY_COMPARE(peer.received, QByteArray("held"));
    QVERIFY2(proxy.eventLog().contains(QStringLiteral("stall client->broker until resumed")), qPrintable(proxy.eventLog()));
    QVERIFY2(proxy.eventLog().contains(QStringLiteral("stall client->broker ended")), qPrintable(proxy.eventLog()));
}

void tst_FaultFixtures::stallLongerThanKeepAliveMakesBrokerDropClient()
{
    REQUIRE_MOSQUITTO();
    MosquittoBroker broker;
    QVERIFY2(broker.start(), qPrintable(broker.errorString()));
    FaultProxy proxy;
    QVERIFY2(proxy.start(broker.host(), broker.tcpPort()), qPrintable(proxy.errorString()));
    QTcpSocket client;
    const QString problem = openMqttSession(client, proxy.host(), proxy.port(), "keepalive", 1);
    QVERIFY2(problem.isEmpty(), qPrintable(problem));

    QElapsedTimer timer;
    timer.start();
    proxy.stall(Direction::ClientToBroker);
    client.write(PingReq); // held: the broker hears nothing for 1.5 keep alive periods
    // mosquitto 2.0 checks keep alives every few seconds, not at once after 1.5 periods.
    QVERIFY2(client.waitForDisconnected(15000), qPrintable(proxy.eventLog()));
    QVERIFY2(timer.elapsed() >= 1000, qPrintable(QStringLiteral("closed after %1 ms").arg(timer.elapsed())));
    QCOMPARE(client.bytesAvailable(), qint64(0));
    QTRY_VERIFY2(broker.log().contains(QStringLiteral("exceeded timeout")), qPrintable(broker.log()));
    QTRY_VERIFY2(proxy.eventLog().contains(QStringLiteral("closed by the broker")), qPrintable(proxy.eventLog()));
}

void tst_FaultFixtures::dropAfterBytesCutsAtExactOffset_data()
{
#ifndef Q_OS_UNIX
    QSKIP("needs POSIX sockets to tell FIN from RST");
#endif
    QTest::addColumn<int>("direction");
    QTest::addColumn<int>("mode");
    QTest::newRow("client->broker, reset") << int(Direction::ClientToBroker) << int(CloseMode::Reset);
    QTest::newRow("client->broker, graceful") << int(Direction::ClientToBroker) << int(CloseMode::Graceful);
    QTest::newRow("broker->client, reset") << int(Direction::BrokerToClient) << int(CloseMode::Reset);
    QTest::newRow("broker->client, graceful") << int(Direction::BrokerToClient) << int(CloseMode::Graceful);
}

void tst_FaultFixtures::dropAfterBytesCutsAtExactOffset()
{
#ifdef Q_OS_UNIX
    QFETCH(int, direction);
    QFETCH(int, mode);
    LocalPeer peer;
    QVERIFY(peer.listen());
    FaultProxy proxy;
    QVERIFY2(proxy.start(QStringLiteral("127.0.0.1"), peer.port()), qPrintable(proxy.errorString()));
    NativeClient client;
    QVERIFY(client.connectTo(proxy.port()));
    QTRY_VERIFY(peer.socket);

    QByteArray pattern(100, Qt::Uninitialized);
    for (int i = 0; i < pattern.size(); ++i)
        pattern[i] = char(i);
    const bool upstream = Direction(direction) == Direction::ClientToBroker;
    NativeClient::End end = NativeClient::End::Open;

    // 50 bytes before the cut is armed: the count starts at the arming.
    if (upstream) {
        QVERIFY(client.send(QByteArray(50, 'a')));
        QTRY_COMPARE(peer.received.size(), 50);
        proxy.dropAfterBytes(Direction::ClientToBroker, 7, CloseMode(mode));
        QVERIFY(client.send(pattern));
        QTRY_VERIFY(peer.closed);
        QCOMPARE(peer.received, QByteArray(50, 'a') + pattern.left(7));
        client.read(IoTimeoutMs, &end);
    } else {
        peer.socket->write(QByteArray(50, 'a'));
        peer.socket->flush(); // the test's thread blocks in read() below
        QCOMPARE(client.read(IoTimeoutMs, &end, 50), QByteArray(50, 'a'));
        proxy.dropAfterBytes(Direction::BrokerToClient, 7, CloseMode(mode));
        peer.socket->write(pattern);
        peer.socket->flush();
        const QByteArray got = client.read(IoTimeoutMs, &end);
        QCOMPARE(got, pattern.left(7));
        QTRY_VERIFY(peer.closed);
    }
    const NativeClient::End expected = CloseMode(mode) == CloseMode::Reset ? NativeClient::End::Reset
                                                                             : NativeClient::End::Fin;
    QVERIFY2(end == expected, endName(end));
    QTRY_COMPARE(proxy.openConnections(), 0);
    QVERIFY2(hasEvent(proxy, EventKind::ConnectionCut), qPrintable(proxy.eventLog()));
    QVERIFY2(proxy.eventLog().contains(QStringLiteral("cut after 7 bytes")), qPrintable(proxy.eventLog()));
#endif
}

void tst_FaultFixtures::dropAfterBytesCutsMqttPacketInTheMiddle()
{
    REQUIRE_MOSQUITTO();
    MosquittoBroker broker;
    QVERIFY2(broker.start(), qPrintable(broker.errorString()));
    FaultProxy proxy;
    QVERIFY2(proxy.start(broker.host(), broker.tcpPort()), qPrintable(proxy.errorString()));
    QTcpSocket client;
    const QString problem = openMqttSession(client, proxy.host(), proxy.port(), "midpacket");
    QVERIFY2(problem.isEmpty(), qPrintable(problem));
    client.write(subscribePacket(1, "mid", 0));
    QCOMPARE(readExactly(client, 5), QByteArray::fromHex("9003000100"));

    proxy.dropAfterBytes(Direction::BrokerToClient, 9, CloseMode::Graceful);
    const QByteArray payload(200, 'p');
    client.write(publishPacket("mid", payload));
    QVERIFY(client.waitForDisconnected(IoTimeoutMs));
    // The forwarded PUBLISH is 208 bytes: exactly its first 9 arrive, then end of stream.
    QCOMPARE(client.readAll(), publishPacket("mid", payload).left(9));
}

void tst_FaultFixtures::dropAfterBytesArmsNextConnectionWhenNoneIsOpen()
{
    LocalPeer peer;
    QVERIFY(peer.listen());
    FaultProxy proxy;
    QVERIFY2(proxy.start(QStringLiteral("127.0.0.1"), peer.port()), qPrintable(proxy.errorString()));
    proxy.dropAfterBytes(Direction::ClientToBroker, 5, CloseMode::Graceful);
    QVERIFY2(proxy.eventLog().contains(QStringLiteral("armed for the next connection")), qPrintable(proxy.eventLog()));

    QTcpSocket client;
    QSignalSpy disconnected(&client, &QTcpSocket::disconnected);
    client.connectToHost(proxy.host(), proxy.port());
    client.write(connectPacket("next"));
    QTRY_VERIFY(peer.closed);
    QCOMPARE(peer.received, connectPacket("next").left(5));
    QTRY_COMPARE(disconnected.size(), 1);

    // Used up: the connection after that is not cut.
    QTcpSocket second;
    second.connectToHost(proxy.host(), proxy.port());
    second.write(connectPacket("second"));
    QTRY_COMPARE(peer.received, connectPacket("second"));
    QVERIFY(!peer.closed);
}

void tst_FaultFixtures::dropConnectionsClosesEveryConnection_data()
{
#ifndef Q_OS_UNIX
    QSKIP("needs POSIX sockets to tell FIN from RST");
#endif
    QTest::addColumn<int>("mode");
    QTest::newRow("reset") << int(CloseMode::Reset);
    QTest::newRow("graceful") << int(CloseMode::Graceful);
}

void tst_FaultFixtures::dropConnectionsClosesEveryConnection()
{
#ifdef Q_OS_UNIX
    QFETCH(int, mode);
    REQUIRE_MOSQUITTO();
    MosquittoBroker broker;
    QVERIFY2(broker.start(), qPrintable(broker.errorString()));
    FaultProxy proxy;
    QVERIFY2(proxy.start(broker.host(), broker.tcpPort()), qPrintable(proxy.errorString()));

    NativeClient first;
    NativeClient second;
    NativeClient::End end = NativeClient::End::Open;
    for (NativeClient *c : {&first, &second}) {
        QVERIFY(c->connectTo(proxy.port()));
        QVERIFY(c->send(connectPacket(c == &first ? "first" : "second")));
        QCOMPARE(c->read(IoTimeoutMs, &end, 4), ConnAckAccepted);
    }
    QCOMPARE(proxy.openConnections(), 2);

    proxy.dropConnections(CloseMode(mode));
    const NativeClient::End expected = CloseMode(mode) == CloseMode::Reset ? NativeClient::End::Reset
                                                                             : NativeClient::End::Fin;
    for (NativeClient *c : {&first, &second}) {
        QCOMPARE(c->read(IoTimeoutMs, &end), QByteArray());
        QVERIFY2(end == expected, endName(end));
    }
    QTRY_COMPARE(proxy.openConnections(), 0);
    QVERIFY2(proxy.eventLog().contains(QStringLiteral("drop 2 open connection(s) now")), qPrintable(proxy.eventLog()));

    // The proxy itself goes on.
    QTcpSocket third;
    const QString problem = openMqttSession(third, proxy.host(), proxy.port(), "third");
    QVERIFY2(problem.isEmpty(), qPrintable(problem));
    QCOMPARE(proxy.connectionsAccepted(), 3);
#endif
}

void tst_FaultFixtures::singleByteWritesMakeOneWritePerByte_data()
{
    QTest::addColumn<int>("direction");
    QTest::newRow("client->broker") << int(Direction::ClientToBroker);
    QTest::newRow("broker->client") << int(Direction::BrokerToClient);
}

void tst_FaultFixtures::singleByteWritesMakeOneWritePerByte()
{
    QFETCH(int, direction);
    REQUIRE_MOSQUITTO();
    MosquittoBroker broker;
    QVERIFY2(broker.start(), qPrintable(broker.errorString()));
    FaultProxy proxy;
    QVERIFY2(proxy.start(broker.host(), broker.tcpPort()), qPrintable(proxy.errorString()));
    QTcpSocket client;
    const QString problem = openMqttSession(client, proxy.host(), proxy.port(), "single");
    QVERIFY2(problem.isEmpty(), qPrintable(problem));
    client.write(subscribePacket(1, "single", 0));
    QCOMPARE(readExactly(client, 5), QByteArray::fromHex("9003000100"));

    const auto dir = Direction(direction);
    proxy.setSingleByteWrites(dir, true);
    const qint64 writesBefore = proxy.writeCount(dir);
    const qint64 bytesBefore = proxy.bytesRelayed(dir);

    // A QoS 1 PUBLISH to ourselves: 112 bytes go up, PUBACK (4 bytes) and the forwarded
    // QoS 0 PUBLISH (110 bytes) come back.
    const QByteArray payload = HostileBytes::randomBytes(100, 8);
    const QByteArray publish = publishPacket("single", payload, 1, 7);
    const QByteArray forward = publishPacket("single", payload);
    QCOMPARE(publish.size(), 112);
    QCOMPARE(forward.size(), 110);
    client.write(publish);
    const QByteArray answer = readExactly(client, 4 + forward.size());
    const QList<QByteArray> packets = splitPackets(answer);
    QCOMPARE(packets.size(), 2);
    QVERIFY(packets.contains(QByteArray::fromHex("40020007")));
    QVERIFY(packets.contains(forward));

    const qint64 expectedBytes = dir == Direction::ClientToBroker ? publish.size() : answer.size();
    QTRY_COMPARE(proxy.bytesRelayed(dir) - bytesBefore, expectedBytes);
    QCOMPARE(proxy.writeCount(dir) - writesBefore, expectedBytes);
    QVERIFY2(proxy.eventLog().contains(QStringLiteral("single-byte writes")), qPrintable(proxy.eventLog()));

    proxy.setSingleByteWrites(dir, false);
    const qint64 writesAfter = proxy.writeCount(dir);
    client.write(publish);
    QCOMPARE(readExactly(client, answer.size()), answer);
    QTRY_COMPARE(proxy.bytesRelayed(dir) - bytesBefore, 2 * expectedBytes);
    QVERIFY(proxy.writeCount(dir) - writesAfter < expectedBytes);
}

void tst_FaultFixtures::singleByteBurstCoversOnlyItsBytes()
{
    LocalPeer peer;
    QVERIFY(peer.listen());
    FaultProxy proxy;
    QVERIFY2(proxy.start(QStringLiteral("127.0.0.1"), peer.port()), qPrintable(proxy.errorString()));
    QTcpSocket client;
    client.connectToHost(proxy.host(), proxy.port());
    QTRY_VERIFY(peer.socket);

    proxy.singleByteBurst(Direction::ClientToBroker, 10);
    const QByteArray data = HostileBytes::randomBytes(1000, 1);
    client.write(data);
    QTRY_COMPARE(peer.received, data);
    const qint64 writes = proxy.writeCount(Direction::ClientToBroker);
    // Ten single bytes, then the other 990 in as few writes as they arrived in.
    QVERIFY2(writes >= 11 && writes < 10 + 990, qPrintable(QString::number(writes)));
    QCOMPARE(proxy.bytesRelayed(Direction::ClientToBroker), qint64(data.size()));
}

void tst_FaultFixtures::throttleLimitsRate_data()
{
    QTest::addColumn<int>("direction");
    QTest::newRow("client->broker") << int(Direction::ClientToBroker);
    QTest::newRow("broker->client") << int(Direction::BrokerToClient);
}

void tst_FaultFixtures::throttleLimitsRate()
{
    QFETCH(int, direction);
    LocalPeer peer;
    QVERIFY(peer.listen());
    FaultProxy proxy;
    QVERIFY2(proxy.start(QStringLiteral("127.0.0.1"), peer.port()), qPrintable(proxy.errorString()));
    QTcpSocket client;
    QByteArray fromPeer;
    connect(&client, &QTcpSocket::readyRead, &client, [&] { fromPeer += client.readAll(); });
    client.connectToHost(proxy.host(), proxy.port());
    QTRY_VERIFY(peer.socket);

    constexpr qint64 Rate = 20000;
    constexpr int Size = 10000; // 500 ms at the rate
    proxy.setThrottle(Direction(direction), Rate);
    const QByteArray data = HostileBytes::randomBytes(Size, 2);
    QElapsedTimer timer;
    timer.start();
    if (Direction(direction) == Direction::ClientToBroker) {
        client.write(data);
        QTRY_COMPARE_WITH_TIMEOUT(peer.received.size(), Size, 5000);
        QCOMPARE(peer.received, data);
    } else {
        peer.socket->write(data);
        QTRY_COMPARE_WITH_TIMEOUT(fromPeer.size(), Size, 5000);
        QCOMPARE(fromPeer, data);
    }
    const qint64 elapsed = timer.elapsed();
    QVERIFY2(elapsed >= 480 && elapsed <= 900, qPrintable(QStringLiteral("%1 bytes took %2 ms").arg(Size).arg(elapsed)));

    proxy.setThrottle(Direction(direction), 0);
    QVERIFY2(proxy.eventLog().contains(QStringLiteral("throttle")), qPrintable(proxy.eventLog()));
    QVERIFY(hasEvent(proxy, EventKind::ThrottleOff));
}

void tst_FaultFixtures::refuseConnectionsClosesNewConnections_data()
{
#ifndef Q_OS_UNIX
    QSKIP("needs POSIX sockets to tell FIN from RST");
#endif
    QTest::addColumn<int>("mode");
    QTest::newRow("reset") << int(CloseMode::Reset);
    QTest::newRow("graceful") << int(CloseMode::Graceful);
}

void tst_FaultFixtures::refuseConnectionsClosesNewConnections()
{
#ifdef Q_OS_UNIX
    QFETCH(int, mode);
    LocalPeer peer;
    QVERIFY(peer.listen());
    FaultProxy proxy;
    QVERIFY2(proxy.start(QStringLiteral("127.0.0.1"), peer.port()), qPrintable(proxy.errorString()));
    QTcpSocket open;
    open.connectToHost(proxy.host(), proxy.port());
    QTRY_VERIFY(peer.socket);

    QElapsedTimer timer;
    timer.start();
    proxy.refuseConnections(400, CloseMode(mode));
    NativeClient refused;
    QVERIFY(refused.connectTo(proxy.port()));
    NativeClient::End end = NativeClient::End::Open;
    QCOMPARE(refused.read(IoTimeoutMs, &end), QByteArray());
    const NativeClient::End expected = CloseMode(mode) == CloseMode::Reset ? NativeClient::End::Reset
                                                                             : NativeClient::End::Fin;
    QVERIFY2(end == expected, endName(end));
    QCOMPARE(proxy.connectionsRefused(), 1);
    QCOMPARE(peer.connections, 1); // the target never heard of it
    QCOMPARE(open.state(), QAbstractSocket::ConnectedState); // open ones are left alone

    QTRY_VERIFY(hasEvent(proxy, EventKind::AcceptingAgain));
    QVERIFY2(timer.elapsed() >= 400, qPrintable(QString::number(timer.elapsed())));
    NativeClient later;
    QVERIFY(later.connectTo(proxy.port()));
    QTRY_COMPARE(peer.connections, 2);
    QCOMPARE(proxy.connectionsAccepted(), 3);
#endif
}

void tst_FaultFixtures::refuseConnectionsUntilAcceptedAgain()
{
#ifdef Q_OS_UNIX
    LocalPeer peer;
    QVERIFY(peer.listen());
    FaultProxy proxy;
    QVERIFY2(proxy.start(QStringLiteral("127.0.0.1"), peer.port()), qPrintable(proxy.errorString()));
    proxy.refuseConnections();
    // Plain sockets: QTcpSocket (Qt 6.4) silently tries again, several times, when a
    // connection is reset right after the handshake, which would blur the count.
    for (int i = 0; i < 3; ++i) {
        NativeClient client;
        QVERIFY(client.connectTo(proxy.port()));
        NativeClient::End end = NativeClient::End::Open;
        QCOMPARE(client.read(IoTimeoutMs, &end), QByteArray());
        QVERIFY2(end == NativeClient::End::Reset, endName(end));
    }
    QVERIFY2(proxy.connectionsRefused() == 3, qPrintable(proxy.eventLog()));
    proxy.acceptConnections();
    QTcpSocket client;
    client.connectToHost(proxy.host(), proxy.port());
    client.write("hello");
    QTRY_COMPARE(peer.received, QByteArray("hello"));
    QCOMPARE(peer.connections, 1);
    QCOMPARE(proxy.connectionsAccepted(), 4);
    QCOMPARE(proxy.faultsInjected(), 1);
    QVERIFY2(proxy.eventLog().contains(QStringLiteral("accepting connections again")), qPrintable(proxy.eventLog()));
#else
    QSKIP("needs POSIX sockets to count connections exactly");
#endif
}

void tst_FaultFixtures::unreachableTargetResetsClient()
{
#ifdef Q_OS_UNIX
    FaultProxy proxy;
    QVERIFY2(proxy.start(QStringLiteral("127.0.0.1"), closedPort()), qPrintable(proxy.errorString()));
    NativeClient client;
    QVERIFY(client.connectTo(proxy.port()));
    NativeClient::End end = NativeClient::End::Open;
    QCOMPARE(client.read(IoTimeoutMs, &end), QByteArray());
    QVERIFY2(end == NativeClient::End::Reset, endName(end));
    QTRY_VERIFY(hasEvent(proxy, EventKind::TargetUnreachable));
    QVERIFY2(proxy.eventLog().contains(QStringLiteral("refused")), qPrintable(proxy.eventLog()));
    QTRY_COMPARE(proxy.openConnections(), 0);
#else
    QSKIP("needs POSIX sockets to tell FIN from RST");
#endif
}

void tst_FaultFixtures::randomScheduleIsReproducibleForOneSeed()
{
    FaultProxy::RandomFaults options;
    options.seed = 42;
    options.minIntervalMs = 10;
    options.maxIntervalMs = 30;
    options.minStallMs = 20;
    options.maxStallMs = 60;
    options.maxDropAfterBytes = 32;
    options.minBurstBytes = 4;
    options.maxBurstBytes = 16;
    options.dropNow = true;
    options.refusals = true;
    options.minRefuseMs = 10;
    options.maxRefuseMs = 50;
    constexpr int Count = 25;

    const QList<FaultProxy::Event> plan = FaultProxy::plannedRandomFaults(options, Count);
    QCOMPARE(plan.size(), Count);
    const QList<FaultProxy::Event> again = FaultProxy::plannedRandomFaults(options, Count);
    QSet<EventKind> kinds;
    for (int i = 0; i < Count; ++i) {
        QVERIFY(plan.at(i).sameFault(again.at(i)));
        QCOMPARE(plan.at(i).timeMs, again.at(i).timeMs);
        QCOMPARE(plan.at(i).text, again.at(i).text);
        QVERIFY(plan.at(i).random);
        kinds.insert(plan.at(i).kind);
    }
    QCOMPARE(kinds.size(), 5); // every enabled kind shows up in 25 draws for this seed

    FaultProxy::RandomFaults other = options;
    other.seed = 43;
    const QList<FaultProxy::Event> otherPlan = FaultProxy::plannedRandomFaults(other, Count);
    bool differs = false;
    for (int i = 0; i < Count; ++i)
        differs = differs || !plan.at(i).sameFault(otherPlan.at(i)) || plan.at(i).timeMs != otherPlan.at(i).timeMs;
    QVERIFY(differs);

    // Two proxies running the schedule inject exactly the planned faults, no earlier than
    // planned, with traffic flowing meanwhile.
    for (int run = 0; run < 2; ++run) {
        LocalPeer peer;
        peer.echo = true;
        QVERIFY(peer.listen());
        FaultProxy proxy;
        QVERIFY2(proxy.start(QStringLiteral("127.0.0.1"), peer.port()), qPrintable(proxy.errorString()));
        QTcpSocket client;
        connect(&client, &QTcpSocket::readyRead, &client, [&] { client.readAll(); });
        client.connectToHost(proxy.host(), proxy.port());
        QVERIFY(proxy.startRandomFaults(options));
        QVERIFY(proxy.isRandomFaultsRunning());
        QTRY_VERIFY_WITH_TIMEOUT(randomFaultsOf(proxy.events()).size() >= Count, 10000);
        proxy.stopRandomFaults();
        QVERIFY(!proxy.isRandomFaultsRunning());

        const QList<FaultProxy::Event> done = randomFaultsOf(proxy.events());
        for (int i = 0; i < Count; ++i) {
            QVERIFY2(done.at(i).sameFault(plan.at(i)),
                     qPrintable(QStringLiteral("fault %1: ran \"%2\", planned \"%3\"\n%4")
                                    .arg(i)
                                    .arg(done.at(i).text, plan.at(i).text, proxy.eventLog())));
            const qint64 ran = done.at(i).timeMs - done.at(0).timeMs;
            const qint64 planned = plan.at(i).timeMs - plan.at(0).timeMs;
            QVERIFY2(ran >= planned - 1, qPrintable(QStringLiteral("fault %1 at +%2 ms, planned +%3 ms").arg(i).arg(ran).arg(planned)));
            QVERIFY(done.at(i).text.endsWith(QStringLiteral("(random)")));
        }
        // Stopped means stopped, and stopping cleared what was in effect.
        const qsizetype injected = done.size();
        QTest::qWait(100);
        QCOMPARE(randomFaultsOf(proxy.events()).size(), injected);
        client.connectToHost(proxy.host(), proxy.port());
        client.write("after");
        QTRY_VERIFY2(peer.received.endsWith("after"), qPrintable(proxy.eventLog()));
    }
}

void tst_FaultFixtures::randomScheduleRefusesInvalidOptions()
{
    FaultProxy proxy;
    FaultProxy::RandomFaults none;
    none.dropMidPacket = false;
    none.stalls = false;
    none.singleByteBursts = false;
    QVERIFY(!proxy.startRandomFaults(none));
    QVERIFY2(proxy.errorString().contains(QStringLiteral("no fault kind")), qPrintable(proxy.errorString()));
    QVERIFY(FaultProxy::plannedRandomFaults(none, 3).isEmpty());

    FaultProxy::RandomFaults backwards;
    backwards.minIntervalMs = 100;
    backwards.maxIntervalMs = 50;
    QVERIFY(!proxy.startRandomFaults(backwards));
    QVERIFY2(proxy.errorString().contains(QStringLiteral("invalid interval")), qPrintable(proxy.errorString()));
    QVERIFY(!proxy.isRandomFaultsRunning());
}

void tst_FaultFixtures::randomFaultsLeaveProxyUsableForMosquittoSessions()
{
    REQUIRE_MOSQUITTO();
    MosquittoBroker broker;
    QVERIFY2(broker.start(), qPrintable(broker.errorString()));
    FaultProxy proxy;
    QVERIFY2(proxy.start(broker.host(), broker.tcpPort()), qPrintable(proxy.errorString()));

    // A client that reconnects whenever it is cut off and publishes QoS 1 in a loop.
    QTcpSocket client;
    QByteArray input;
    int connacks = 0;
    int pubacks = 0;
    int connects = 0;
    bool stopping = false;
    quint16 id = 0;
    auto publishNext = [&] {
        id = quint16(id % 60000 + 1);
        client.write(publishPacket("chaos", HostileBytes::randomBytes(300, id), 1, id));
    };
    connect(&client, &QTcpSocket::connected, &client, [&] {
        ++connects;
        input.clear();
        client.write(connectPacket("chaos"));
    });
    connect(&client, &QTcpSocket::readyRead, &client, [&] {
        input += client.readAll();
        QByteArray rest;
        const QList<QByteArray> packets = splitPackets(input, &rest);
        input = rest;
        for (const QByteArray &p : packets) {
            if (p == ConnAckAccepted) {
                ++connacks;
                publishNext();
            } else if (quint8(p.at(0)) == 0x40) {
                ++pubacks;
                publishNext();
            }
        }
    });
    connect(&client, &QTcpSocket::stateChanged, &client, [&](QAbstractSocket::SocketState state) {
        if (state == QAbstractSocket::UnconnectedState) {
            QTimer::singleShot(10, &client, [&] {
                if (!stopping && client.state() == QAbstractSocket::UnconnectedState)
                    client.connectToHost(proxy.host(), proxy.port());
            });
        }
    });
    client.connectToHost(proxy.host(), proxy.port());
    QTRY_VERIFY(connacks >= 1);

    FaultProxy::RandomFaults options;
    options.seed = 5;
    options.minIntervalMs = 20;
    options.maxIntervalMs = 80;
    options.minStallMs = 50;
    options.maxStallMs = 300;
    options.dropNow = true;
    options.refusals = true;
    options.minRefuseMs = 20;
    options.maxRefuseMs = 100;
    QVERIFY(proxy.startRandomFaults(options));
    QTest::qWait(2000); // let the chaos run: this is a soak, not a wait for a condition
    proxy.stopRandomFaults();

    QVERIFY2(proxy.faultsInjected() >= 15, qPrintable(proxy.eventLog()));
    QVERIFY2(connects >= 2, qPrintable(proxy.eventLog()));
    // After the storm the client gets through again.
    const int pubacksAfterStorm = pubacks;
    QTRY_VERIFY2_WITH_TIMEOUT(pubacks > pubacksAfterStorm + 20, qPrintable(proxy.eventLog()), 10000);
    QVERIFY(proxy.connectionsAccepted() >= connects);
    stopping = true;
    client.abort();
    QTRY_COMPARE(proxy.openConnections(), 0);
}

// WebSocketRelay

void tst_FaultFixtures::webSocketRelayDeliversStreamIntact_data()
{
    QTest::addColumn<int>("framing");
    QTest::addColumn<int>("parameter");
    QTest::addColumn<bool>("tls");
    QTest::newRow("one frame per chunk") << int(WebSocketRelay::Framing::PerChunk) << 0 << false;
    QTest::newRow("packets split in 100-byte frames") << int(WebSocketRelay::Framing::SplitPackets) << 100 << false;
    QTest::newRow("4 packets per frame") << int(WebSocketRelay::Framing::PackPackets) << 4 << false;
    QTest::newRow("random cuts up to 512 bytes") << int(WebSocketRelay::Framing::RandomCuts) << 512 << false;
    QTest::newRow("packets split in 1000-byte frames, wss") << int(WebSocketRelay::Framing::SplitPackets) << 1000 << true;
}

void tst_FaultFixtures::webSocketRelayDeliversStreamIntact()
{
    QFETCH(int, framing);
    QFETCH(int, parameter);
    QFETCH(bool, tls);
    REQUIRE_MOSQUITTO();
    MosquittoBroker broker;
    MosquittoBroker::Options brokerOptions;
    brokerOptions.maxQueuedMessages = 0; // never drop a QoS 0 message for a busy client
    QVERIFY2(broker.start(brokerOptions), qPrintable(broker.errorString()));

    WebSocketRelay relay;
    WebSocketRelay::Options options;
    options.framing = WebSocketRelay::Framing(framing);
    if (options.framing == WebSocketRelay::Framing::SplitPackets)
        options.splitSize = parameter;
    if (options.framing == WebSocketRelay::Framing::PackPackets)
        options.packCount = parameter;
    if (options.framing == WebSocketRelay::Framing::RandomCuts)
        options.maxRandomFrameSize = parameter;
    options.packDelayMs = 20;
    options.seed = 7;
    if (tls) {
        options.certificatePath = broker.serverCertificatePath();
        options.keyPath = broker.serverKeyPath();
    }
    QVERIFY2(relay.start(broker.host(), broker.tcpPort(), options), qPrintable(relay.errorString()));
    QCOMPARE(relay.isSecure(), tls);

    QWebSocket socket;
    if (tls)
        socket.setSslConfiguration(trustingCa(broker.caCertificatePath()));
    QList<QByteArray> frames;
    QByteArray stream;
    connect(&socket, &QWebSocket::binaryFrameReceived, &socket, [&](const QByteArray &frame, bool last) {
        QVERIFY(last);
        frames << frame;
        stream += frame;
    });
    QSignalSpy connected(&socket, &QWebSocket::connected);
    QWebSocketHandshakeOptions handshake;
    handshake.setSubprotocols({QStringLiteral("mqtt")});
    socket.open(relay.url(), handshake);
    QVERIFY2(connected.wait(IoTimeoutMs), qPrintable(socket.errorString()));
    QCOMPARE(socket.subprotocol(), QStringLiteral("mqtt"));

    // CONNECT, SUBSCRIBE, about 3 MB of QoS 0 publishes of seeded sizes to ourselves, and
    // a PINGREQ whose PINGRESP comes back last. Each packet is one frame from the client.
    QByteArray expected = ConnAckAccepted + QByteArray::fromHex("9003000100");
    qint64 sentBytes = 0;
    int sentFrames = 0;
    auto send = [&](const QByteArray &bytes) {
        socket.sendBinaryMessage(bytes);
        sentBytes += bytes.size();
        ++sentFrames;
    };
    send(connectPacket("ws-stream"));
    send(subscribePacket(1, "ws/#", 0));
    QRandomGenerator sizes(23);
    int count = 0;
    while (expected.size() < 3 * 1024 * 1024) {
        const QByteArray payload = HostileBytes::randomBytes(sizes.bounded(1, 32768), quint32(count));
        const QByteArray publish = publishPacket("ws/" + QByteArray::number(count), payload);
        send(publish);
        expected += publish;
        ++count;
    }
    send(PingReq);
    expected += PingResp;

    QTRY_VERIFY_WITH_TIMEOUT(stream.size() >= expected.size() || socket.state() != QAbstractSocket::ConnectedState,
                             60000);
    QCOMPARE(stream.size(), expected.size());
    QVERIFY(stream == expected);
    QCOMPARE(relay.framesFromClients(), qint64(sentFrames));
    QCOMPARE(relay.bytesFromClients(), sentBytes);
    QCOMPARE(relay.framesToClients(), qint64(frames.size()));
    QCOMPARE(relay.bytesToClients(), qint64(expected.size()));
    QList<int> sizesSeen;
    for (const QByteArray &f : std::as_const(frames))
        sizesSeen << int(f.size());
    QCOMPARE(relay.frameSizesToClients(), sizesSeen);

    // Packet boundaries of the stream, to judge the cuts.
    QList<qsizetype> packetEnds;
    qsizetype at = 0;
    for (const QByteArray &p : splitPackets(expected)) {
        at += p.size();
        packetEnds << at;
    }
    QCOMPARE(at, expected.size());
    const QSet<qsizetype> packetEndSet(packetEnds.cbegin(), packetEnds.cend());
    QList<qsizetype> frameEnds;
    at = 0;
    for (int size : std::as_const(sizesSeen)) {
        at += size;
        frameEnds << at;
    }
    const QSet<qsizetype> frameEndSet(frameEnds.cbegin(), frameEnds.cend());

    switch (WebSocketRelay::Framing(framing)) {
    case WebSocketRelay::Framing::PerChunk:
        QCOMPARE(relay.framesToClients(), relay.targetReads());
        QVERIFY(frames.size() > 1);
        break;
    case WebSocketRelay::Framing::SplitPackets: {
        // Exactly ceil(length / N) frames per packet, and no frame spans two packets.
        qint64 wanted = 0;
        for (const QByteArray &p : splitPackets(expected))
            wanted += (p.size() + parameter - 1) / parameter;
        QCOMPARE(qint64(frames.size()), wanted);
        for (int size : std::as_const(sizesSeen))
            QVERIFY(size <= parameter);
        QVERIFY(frameEndSet.contains(packetEndSet));
        break;
    }
    case WebSocketRelay::Framing::PackPackets: {
        // Frames hold whole packets, at most K of them, and most hold exactly K.
        QVERIFY(packetEndSet.contains(frameEndSet));
        int full = 0;
        qsizetype start = 0;
        for (qsizetype end : std::as_const(frameEnds)) {
            int inFrame = 0;
            for (qsizetype e : std::as_const(packetEnds))
                inFrame += (e > start && e <= end) ? 1 : 0;
            QVERIFY2(inFrame >= 1 && inFrame <= parameter, qPrintable(QString::number(inFrame)));
            full += inFrame == parameter ? 1 : 0;
            start = end;
        }
        QVERIFY2(full * 2 > frames.size(), qPrintable(QStringLiteral("%1 of %2 frames full").arg(full).arg(frames.size())));
        break;
    }
    case WebSocketRelay::Framing::RandomCuts: {
        // Every offset drawn from the seed is a frame boundary.
        QRandomGenerator cuts(options.seed);
        qsizetype offset = cuts.bounded(1, parameter + 1);
        int checked = 0;
        while (offset < expected.size()) {
            QVERIFY2(frameEndSet.contains(offset), qPrintable(QStringLiteral("no cut at %1").arg(offset)));
            ++checked;
            offset += cuts.bounded(1, parameter + 1);
        }
        QVERIFY(checked > expected.size() / parameter);
        for (int size : std::as_const(sizesSeen))
            QVERIFY(size <= parameter);
        break;
    }
    }
    QVERIFY2(relay.problems().isEmpty(), qPrintable(relay.problems().join(QLatin1Char('\n'))));
    socket.close();
    QTRY_COMPARE(relay.openConnections(), 0);
}

void tst_FaultFixtures::webSocketRelayRecordsHandshake()
{
    REQUIRE_MOSQUITTO();
    MosquittoBroker broker;
    QVERIFY2(broker.start(), qPrintable(broker.errorString()));
    WebSocketRelay relay;
    WebSocketRelay::Options options;
    options.strictSubprotocol = true;
    QVERIFY2(relay.start(broker.host(), broker.tcpPort(), options), qPrintable(relay.errorString()));

    QWebSocket socket;
    QSignalSpy connected(&socket, &QWebSocket::connected);
    QUrl url = relay.url(QStringLiteral("/mqtt/ws"));
    url.setQuery(QStringLiteral("client=1"));
    QNetworkRequest request(url);
    request.setRawHeader("X-Test", "fixtures");
    QWebSocketHandshakeOptions handshake;
    handshake.setSubprotocols({QStringLiteral("mqttv3.1"), QStringLiteral("mqtt")});
    socket.open(request, handshake);
    QVERIFY2(connected.wait(IoTimeoutMs), qPrintable(socket.errorString()));
    QCOMPARE(socket.subprotocol(), QStringLiteral("mqtt"));

    const QList<WebSocketRelay::Handshake> handshakes = relay.handshakes();
    QCOMPARE(handshakes.size(), 1);
    const WebSocketRelay::Handshake &h = handshakes.first();
    QCOMPARE(h.path, QStringLiteral("/mqtt/ws"));
    QCOMPARE(h.url.query(), QStringLiteral("client=1"));
    QCOMPARE(h.header("x-test"), QByteArray("fixtures"));
    QVERIFY(h.header("Sec-WebSocket-Protocol").contains("mqtt"));
    QVERIFY(h.header("no-such-header").isNull());
    QCOMPARE(h.offeredSubprotocols, QStringList({QStringLiteral("mqttv3.1"), QStringLiteral("mqtt")}));
    QCOMPARE(h.acceptedSubprotocol, QStringLiteral("mqtt"));
    QVERIFY(!h.refused);
    QCOMPARE(relay.connectionsAccepted(), 1);
    QCOMPARE(relay.connectionsRefused(), 0);

    // And MQTT flows.
    QByteArray answer;
    connect(&socket, &QWebSocket::binaryFrameReceived, &socket, [&](const QByteArray &frame) { answer += frame; });
    socket.sendBinaryMessage(connectPacket("handshake"));
    QTRY_COMPARE(answer, ConnAckAccepted);
}

void tst_FaultFixtures::strictModeRefusesClientWithoutMqttSubprotocol_data()
{
    QTest::addColumn<QStringList>("offered");
    QTest::newRow("none offered") << QStringList();
    QTest::newRow("only another one") << QStringList({QStringLiteral("wamp")});
}

void tst_FaultFixtures::strictModeRefusesClientWithoutMqttSubprotocol()
{
    QFETCH(QStringList, offered);
    LocalPeer peer;
    QVERIFY(peer.listen());
    WebSocketRelay relay;
    WebSocketRelay::Options options;
    options.strictSubprotocol = true;
    QVERIFY2(relay.start(QStringLiteral("127.0.0.1"), peer.port(), options), qPrintable(relay.errorString()));

    QWebSocket socket;
    QSignalSpy disconnected(&socket, &QWebSocket::disconnected);
    QWebSocketHandshakeOptions handshake;
    handshake.setSubprotocols(offered);
    socket.open(relay.url(), handshake);
    QVERIFY(disconnected.wait(IoTimeoutMs));
    QCOMPARE(socket.closeCode(), QWebSocketProtocol::CloseCodeProtocolError);
    QVERIFY2(socket.closeReason().contains(QStringLiteral("no supported subprotocol offered")),
             qPrintable(socket.closeReason()));
    QCOMPARE(relay.connectionsRefused(), 1);
    QCOMPARE(relay.handshakes().size(), 1);
    QVERIFY(relay.handshakes().first().refused);
    QCOMPARE(relay.handshakes().first().offeredSubprotocols, offered);
    QCOMPARE(peer.connections, 0); // the broker never saw it
}

void tst_FaultFixtures::lenientModeServesClientWithoutSubprotocol()
{
    LocalPeer peer;
    QVERIFY(peer.listen());
    WebSocketRelay relay;
    QVERIFY2(relay.start(QStringLiteral("127.0.0.1"), peer.port()), qPrintable(relay.errorString()));
    QWebSocket socket;
    QSignalSpy connected(&socket, &QWebSocket::connected);
    socket.open(relay.url());
    QVERIFY(connected.wait(IoTimeoutMs));
    QCOMPARE(socket.subprotocol(), QString());
    socket.sendBinaryMessage("abc");
    QTRY_COMPARE(peer.received, QByteArray("abc"));
    QCOMPARE(relay.handshakes().first().acceptedSubprotocol, QString());
    QCOMPARE(relay.connectionsRefused(), 0);
}

void tst_FaultFixtures::webSocketRelayRefusesTextFrames()
{
    LocalPeer peer;
    QVERIFY(peer.listen());
    WebSocketRelay relay;
    QVERIFY2(relay.start(QStringLiteral("127.0.0.1"), peer.port()), qPrintable(relay.errorString()));
    QWebSocket socket;
    QSignalSpy connected(&socket, &QWebSocket::connected);
    QSignalSpy disconnected(&socket, &QWebSocket::disconnected);
    socket.open(relay.url());
    QVERIFY(connected.wait(IoTimeoutMs));
    socket.sendTextMessage(QStringLiteral("not MQTT"));
    QVERIFY(disconnected.wait(IoTimeoutMs));
    QCOMPARE(socket.closeCode(), QWebSocketProtocol::CloseCodeDatatypeNotSupported);
    QVERIFY(relay.problems().join(QLatin1Char('\n')).contains(QStringLiteral("text frame")));
    QTRY_VERIFY(peer.closed);
    QCOMPARE(peer.received, QByteArray());
}

void tst_FaultFixtures::webSocketRelayClosesWhenTargetIsUnreachable()
{
    WebSocketRelay relay;
    QVERIFY2(relay.start(QStringLiteral("127.0.0.1"), closedPort()), qPrintable(relay.errorString()));
    QWebSocket socket;
    QSignalSpy disconnected(&socket, &QWebSocket::disconnected);
    socket.open(relay.url());
    QVERIFY(disconnected.wait(IoTimeoutMs));
    QCOMPARE(socket.closeCode(), QWebSocketProtocol::CloseCodeBadOperation);
    QVERIFY2(relay.problems().join(QLatin1Char('\n')).contains(QStringLiteral("cannot connect to the target")),
             qPrintable(relay.problems().join(QLatin1Char('\n'))));
    QTRY_COMPARE(relay.openConnections(), 0);
}

void tst_FaultFixtures::webSocketRelayStartFailsReadably_data()
{
    QTest::addColumn<int>("splitSize");
    QTest::addColumn<QString>("certificate");
    QTest::addColumn<QString>("key");
    QTest::addColumn<QString>("error");
    QTest::newRow("split size 0") << 0 << QString() << QString() << QStringLiteral("splitSize must be at least 1");
    QTest::newRow("certificate without key") << 16 << QStringLiteral("/nonexistent.crt") << QString()
                                             << QStringLiteral("needs both certificatePath and keyPath");
    QTest::newRow("missing certificate") << 16 << QStringLiteral("/nonexistent.crt") << QStringLiteral("/nonexistent.key")
                                         << QStringLiteral("no PEM certificate could be read from /nonexistent.crt");
}

void tst_FaultFixtures::webSocketRelayStartFailsReadably()
{
    QFETCH(int, splitSize);
    QFETCH(QString, certificate);
    QFETCH(QString, key);
    QFETCH(QString, error);
    WebSocketRelay relay;
    WebSocketRelay::Options options;
    options.splitSize = splitSize;
    options.certificatePath = certificate;
    options.keyPath = key;
    QVERIFY(!relay.start(QStringLiteral("127.0.0.1"), 1883, options));
    QVERIFY2(relay.errorString().contains(error), qPrintable(relay.errorString()));
    QCOMPARE(relay.port(), quint16(0));
}

// Socks5Proxy, HttpConnectProxy

void tst_FaultFixtures::qtSocketConnectsThroughProxy_data()
{
    QTest::addColumn<int>("protocol");
    QTest::addColumn<bool>("authentication");
    QTest::addColumn<QString>("target");
    const int socks = int(TunnelProxy::Protocol::Socks5);
    const int http = int(TunnelProxy::Protocol::HttpConnect);
    QTest::newRow("socks5, no auth, 127.0.0.1") << socks << false << QStringLiteral("127.0.0.1");
    QTest::newRow("socks5, no auth, localhost") << socks << false << QStringLiteral("localhost");
    QTest::newRow("socks5, username/password") << socks << true << QStringLiteral("localhost");
    QTest::newRow("http, no auth, 127.0.0.1") << http << false << QStringLiteral("127.0.0.1");
    QTest::newRow("http, basic auth, localhost") << http << true << QStringLiteral("localhost");
}

void tst_FaultFixtures::qtSocketConnectsThroughProxy()
{
    QFETCH(int, protocol);
    QFETCH(bool, authentication);
    QFETCH(QString, target);
    REQUIRE_MOSQUITTO();
    MosquittoBroker broker;
    QVERIFY2(broker.start(), qPrintable(broker.errorString()));
    std::unique_ptr<TunnelProxy> proxy = makeProxy(protocol);
    const QString user = QStringLiteral("tunnel-user");
    const QString password = QStringLiteral("s3cret:with colon");
    if (authentication)
        proxy->setCredentials(user, password);
    QVERIFY2(proxy->start(), qPrintable(proxy->errorString()));

    // Blocking calls in the test's thread: the proxy runs in its own.
    QTcpSocket socket;
    socket.setProxy(authentication ? proxy->networkProxy(user, password) : proxy->networkProxy());
    const QString problem = openMqttSession(socket, target, broker.tcpPort(), "proxied");
    QVERIFY2(problem.isEmpty(), qPrintable(problem));
    socket.write(PingReq);
    QCOMPARE(readExactly(socket, 2), PingResp);

    QCOMPARE(proxy->tunnelsOpened(), 1);
    QCOMPARE(proxy->openTunnels(), 1);
    const TunnelProxy::Request request = proxy->requests().last();
    QCOMPARE(request.host, target);
    QCOMPARE(request.port, broker.tcpPort());
    QVERIFY(request.granted);
    QCOMPARE(request.username, authentication ? user : QString());
    QCOMPARE(proxy->bytesToTargets(), qint64(connectPacket("proxied").size() + 2));
    QCOMPARE(proxy->bytesFromTargets(), qint64(4 + 2));

    socket.disconnectFromHost();
    QTRY_COMPARE(proxy->openTunnels(), 0);
}

void tst_FaultFixtures::qtSocketIsRefusedWithWrongCredentials_data()
{
    QTest::addColumn<int>("protocol");
    QTest::newRow("socks5") << int(TunnelProxy::Protocol::Socks5);
    QTest::newRow("http") << int(TunnelProxy::Protocol::HttpConnect);
}

void tst_FaultFixtures::qtSocketIsRefusedWithWrongCredentials()
{
    QFETCH(int, protocol);
    LocalPeer peer;
    QVERIFY(peer.listen());
    std::unique_ptr<TunnelProxy> proxy = makeProxy(protocol);
    proxy->setCredentials(QStringLiteral("user"), QStringLiteral("right"));
    QVERIFY2(proxy->start(), qPrintable(proxy->errorString()));

    QTcpSocket socket;
    socket.setProxy(proxy->networkProxy(QStringLiteral("user"), QStringLiteral("wrong")));
    socket.connectToHost(QStringLiteral("127.0.0.1"), peer.port());
    QVERIFY(!socket.waitForConnected(IoTimeoutMs));
    QCOMPARE(socket.error(), QAbstractSocket::ProxyAuthenticationRequiredError);
    QVERIFY(proxy->authenticationFailures() >= 1);
    QCOMPARE(proxy->tunnelsOpened(), 0);
    QCOMPARE(peer.connections, 0);
}

void tst_FaultFixtures::socks5AnswersOnTheWire_data()
{
    QTest::addColumn<bool>("authentication");
    QTest::addColumn<QByteArray>("request");
    QTest::addColumn<QByteArray>("answer");
    QTest::addColumn<QString>("refusal");

    const QByteArray noAuth = QByteArray::fromHex("050100");
    const QByteArray withAuth = QByteArray::fromHex("050102") + QByteArray::fromHex("0104") + "user" + char(5) + "right";
    const QByteArray authOk = QByteArray::fromHex("0502") + QByteArray::fromHex("0100");
    const QByteArray port1883 = QByteArray::fromHex("075b");
    auto failure = [](quint8 code) {
        QByteArray reply = QByteArray::fromHex("05000001000000000000");
        reply[1] = char(code);
        return reply;
    };
    const quint16 closed = closedPort();

    QTest::newRow("no acceptable method") << true << noAuth << QByteArray::fromHex("05ff") << QString();
    QTest::newRow("wrong password") << true
                                    << QByteArray::fromHex("050102") + QByteArray::fromHex("0104") + "user" + char(5) + "wrong"
                                    << QByteArray::fromHex("0502") + QByteArray::fromHex("0101") << QString();
    QTest::newRow("IPv4 off loopback") << true << withAuth + QByteArray::fromHex("050100010a000001") + port1883
                                       << authOk + failure(0x02) << QStringLiteral("not on loopback");
    QTest::newRow("domain off loopback") << false << noAuth + QByteArray::fromHex("05010003") + char(11) + "example.com" + port1883
                                         << QByteArray::fromHex("0500") + failure(0x02) << QStringLiteral("not on loopback");
    QTest::newRow("BIND command") << false << noAuth + QByteArray::fromHex("050200017f000001") + port1883
                                  << QByteArray::fromHex("0500") + failure(0x07) << QStringLiteral("only CONNECT");
    QTest::newRow("IPv6 address") << false
                                  << noAuth + QByteArray::fromHex("05010004" "00000000000000000000000000000001") + port1883
                                  << QByteArray::fromHex("0500") + failure(0x08) << QStringLiteral("IPv6");
    QTest::newRow("unknown address type") << false << noAuth + QByteArray::fromHex("050100057f000001") + port1883
                                          << QByteArray::fromHex("0500") + failure(0x08) << QString();
    QTest::newRow("target refuses") << false
                                    << noAuth + QByteArray::fromHex("050100017f000001") + char(closed >> 8) + char(closed & 0xff)
                                    << QByteArray::fromHex("0500") + failure(0x05) << QStringLiteral("cannot connect");
    QTest::newRow("SOCKS4 greeting") << false << QByteArray::fromHex("0401075b7f00000100") << QByteArray() << QString();
}

void tst_FaultFixtures::socks5AnswersOnTheWire()
{
    QFETCH(bool, authentication);
    QFETCH(QByteArray, request);
    QFETCH(QByteArray, answer);
    QFETCH(QString, refusal);
    Socks5Proxy proxy;
    if (authentication)
        proxy.setCredentials(QStringLiteral("user"), QStringLiteral("right"));
    QVERIFY2(proxy.start(), qPrintable(proxy.errorString()));

    QTcpSocket socket;
    socket.connectToHost(proxy.host(), proxy.port());
    QVERIFY(socket.waitForConnected(IoTimeoutMs));
    socket.write(request);
    // Every refusal ends the connection after the answer.
    QVERIFY(socket.waitForDisconnected(IoTimeoutMs));
    QCOMPARE(socket.readAll().toHex(' '), answer.toHex(' '));
    QCOMPARE(proxy.tunnelsOpened(), 0);
    if (!refusal.isEmpty()) {
        QCOMPARE(proxy.requests().size(), 1);
        QVERIFY2(proxy.requests().first().refusal.contains(refusal), qPrintable(proxy.requests().first().refusal));
    }
}

void tst_FaultFixtures::socks5RawTunnelRelaysMqtt()
{
    REQUIRE_MOSQUITTO();
    MosquittoBroker broker;
    QVERIFY2(broker.start(), qPrintable(broker.errorString()));
    Socks5Proxy proxy;
    proxy.setCredentials(QStringLiteral("user"), QStringLiteral("right"));
    QVERIFY2(proxy.start(), qPrintable(proxy.errorString()));

    QTcpSocket socket;
    socket.connectToHost(proxy.host(), proxy.port());
    QVERIFY(socket.waitForConnected(IoTimeoutMs));
    const quint16 port = broker.tcpPort();
    // Greeting, authentication, request and the MQTT CONNECT in one write: the proxy must
    // take each in turn and forward the rest.
    socket.write(QByteArray::fromHex("050102") + QByteArray::fromHex("0104") + "user" + char(5) + "right"
                 + QByteArray::fromHex("0501000309") + "localhost" + char(port >> 8) + char(port & 0xff)
                 + connectPacket("raw"));
    QCOMPARE(readExactly(socket, 4).toHex(' '), QByteArray("05 02 01 00"));
    const QByteArray reply = readExactly(socket, 10);
    QCOMPARE(reply.left(8).toHex(' '), QByteArray("05 00 00 01 7f 00 00 01"));
    QVERIFY(reply.mid(8, 2) != QByteArray(2, '\0')); // the bound port
    QCOMPARE(readExactly(socket, 4), ConnAckAccepted);
    QCOMPARE(proxy.requests().first().host, QStringLiteral("localhost"));
    QCOMPARE(proxy.requests().first().username, QStringLiteral("user"));
}

void tst_FaultFixtures::httpConnectAnswersOnTheWire_data()
{
    QTest::addColumn<bool>("authentication");
    QTest::addColumn<QByteArray>("request");
    QTest::addColumn<QByteArray>("statusLine");
    QTest::addColumn<QByteArray>("header");
    QTest::addColumn<bool>("closes");

    const quint16 closed = closedPort();
    const QByteArray wrong = "Proxy-Authorization: Basic " + QByteArray("user:wrong").toBase64() + "\r\n";
    QTest::newRow("no credentials") << true << QByteArray("CONNECT 127.0.0.1:1883 HTTP/1.1\r\nHost: 127.0.0.1:1883\r\n\r\n")
                                    << QByteArray("HTTP/1.1 407 Proxy Authentication Required")
                                    << QByteArray("Proxy-Authenticate: Basic realm=") << false;
    QTest::newRow("wrong credentials") << true << "CONNECT 127.0.0.1:1883 HTTP/1.1\r\n" + wrong + "\r\n"
                                       << QByteArray("HTTP/1.1 407 Proxy Authentication Required")
                                       << QByteArray("Proxy-Authenticate: Basic") << false;
    QTest::newRow("wrong credentials, client closes")
        << true << "CONNECT 127.0.0.1:1883 HTTP/1.1\r\nProxy-Connection: close\r\n" + wrong + "\r\n"
        << QByteArray("HTTP/1.1 407 Proxy Authentication Required") << QByteArray("Connection: close") << true;
    QTest::newRow("GET") << false << QByteArray("GET http://127.0.0.1/ HTTP/1.1\r\n\r\n")
                         << QByteArray("HTTP/1.1 405 Method Not Allowed") << QByteArray("Allow: CONNECT") << true;
    QTest::newRow("garbage") << false << QByteArray("HELLO\r\n\r\n") << QByteArray("HTTP/1.1 400 Bad Request")
                             << QByteArray("Connection: close") << true;
    QTest::newRow("port out of range") << false << QByteArray("CONNECT 127.0.0.1:99999 HTTP/1.1\r\n\r\n")
                                       << QByteArray("HTTP/1.1 400 Bad Request") << QByteArray() << true;
    QTest::newRow("off loopback") << false << QByteArray("CONNECT example.com:1883 HTTP/1.1\r\n\r\n")
                                  << QByteArray("HTTP/1.1 403 Forbidden") << QByteArray() << true;
    QTest::newRow("target refuses") << false << "CONNECT 127.0.0.1:" + QByteArray::number(closed) + " HTTP/1.1\r\n\r\n"
                                    << QByteArray("HTTP/1.1 502 Bad Gateway") << QByteArray() << true;
    QTest::newRow("head too large") << false << "CONNECT 127.0.0.1:1883 HTTP/1.1\r\nX-Pad: " + QByteArray(20000, 'p')
                                    << QByteArray("HTTP/1.1 431 Request Header Fields Too Large") << QByteArray() << true;
}

void tst_FaultFixtures::httpConnectAnswersOnTheWire()
{
    QFETCH(bool, authentication);
    QFETCH(QByteArray, request);
    QFETCH(QByteArray, statusLine);
    QFETCH(QByteArray, header);
    QFETCH(bool, closes);
    HttpConnectProxy proxy;
    if (authentication)
        proxy.setCredentials(QStringLiteral("user"), QStringLiteral("right"));
    QVERIFY2(proxy.start(), qPrintable(proxy.errorString()));

    QTcpSocket socket;
    socket.connectToHost(proxy.host(), proxy.port());
    QVERIFY(socket.waitForConnected(IoTimeoutMs));
    socket.write(request);
    const QByteArray head = readHttpResponseHead(socket);
    QVERIFY2(head.startsWith(QByteArray(statusLine + "\r\n")), head.constData());
    QVERIFY2(head.contains(header), head.constData());
    QVERIFY2(head.contains("Content-Length: 0\r\n"), head.constData());
    if (closes) {
        QVERIFY(socket.waitForDisconnected(IoTimeoutMs));
    } else {
        QVERIFY(!socket.waitForDisconnected(200)); // kept open for another try
        QCOMPARE(proxy.authenticationFailures(), 1);
    }
    QCOMPARE(proxy.tunnelsOpened(), 0);
}

void tst_FaultFixtures::httpConnectRetryAfter407OnSameConnection()
{
    REQUIRE_MOSQUITTO();
    MosquittoBroker broker;
    QVERIFY2(broker.start(), qPrintable(broker.errorString()));
    HttpConnectProxy proxy;
    proxy.setCredentials(QStringLiteral("user"), QStringLiteral("right"));
    QVERIFY2(proxy.start(), qPrintable(proxy.errorString()));

    QTcpSocket socket;
    socket.connectToHost(proxy.host(), proxy.port());
    QVERIFY(socket.waitForConnected(IoTimeoutMs));
    const QByteArray target = "localhost:" + QByteArray::number(broker.tcpPort());
    socket.write("CONNECT " + target + " HTTP/1.1\r\nHost: " + target + "\r\n\r\n");
    QVERIFY(readHttpResponseHead(socket).startsWith("HTTP/1.1 407 "));
    socket.write("CONNECT " + target + " HTTP/1.1\r\nProxy-Authorization: Basic "
                 + QByteArray("user:right").toBase64() + "\r\n\r\n" + connectPacket("http"));
    QCOMPARE(readHttpResponseHead(socket), QByteArray("HTTP/1.1 200 Connection established\r\n\r\n"));
    QCOMPARE(readExactly(socket, 4), ConnAckAccepted);

    const QList<TunnelProxy::Request> requests = proxy.requests();
    QCOMPARE(requests.size(), 2);
    QVERIFY(!requests.at(0).granted);
    QCOMPARE(requests.at(0).refusal, QStringLiteral("no Basic Proxy-Authorization"));
    QVERIFY(requests.at(1).granted);
    QCOMPARE(requests.at(1).host, QStringLiteral("localhost"));
    QCOMPARE(requests.at(1).username, QStringLiteral("user"));
    QCOMPARE(proxy.connectionsAccepted(), 1);
    QCOMPARE(proxy.tunnelsOpened(), 1);
}

// ProcessMemory, HostileBytes

void tst_FaultFixtures::processMemoryFollowsAllocations()
{
    constexpr qint64 MiB = 1024 * 1024;
    const ProcessMemory before = ProcessMemory::sample();
    QVERIFY2(before.residentBytes > 0 && before.peakResidentBytes >= before.residentBytes
                 && before.heapInUseBytes > 0,
             qPrintable(before.toString()));

    ProcessMemory during;
    {
        QByteArray block(64 * MiB, 'm'); // malloc()ed and touched
        during = ProcessMemory::sample();
        QVERIFY(block.at(block.size() - 1) == 'm');
    }
    const ProcessMemory after = ProcessMemory::sample();
    QVERIFY2(during.heapInUseBytes - before.heapInUseBytes >= 64 * MiB,
             qPrintable(before.toString() + QStringLiteral(" -> ") + during.toString()));
    QVERIFY2(during.residentBytes - before.residentBytes >= 60 * MiB,
             qPrintable(before.toString() + QStringLiteral(" -> ") + during.toString()));
    QVERIFY(during.peakResidentBytes >= during.residentBytes);
    QVERIFY2(after.heapInUseBytes < during.heapInUseBytes - 60 * MiB,
             qPrintable(during.toString() + QStringLiteral(" -> ") + after.toString()));

    QVERIFY(ProcessMemory::resetPeak());
    const ProcessMemory reset = ProcessMemory::sample();
    // The peak starts again from the resident size, which dropped when the block was freed.
    QVERIFY2(reset.peakResidentBytes - reset.residentBytes < 4 * MiB && reset.peakResidentBytes < during.peakResidentBytes,
             qPrintable(during.toString() + QStringLiteral(" -> ") + reset.toString()));
    QVERIFY(reset.toString().contains(QStringLiteral(" MiB")));
}

void tst_FaultFixtures::randomBytesAreReproducible()
{
    const QByteArray a = HostileBytes::randomBytes(1024 * 1024 + 3, 5);
    QCOMPARE(a.size(), 1024 * 1024 + 3);
    QVERIFY(a == HostileBytes::randomBytes(1024 * 1024 + 3, 5));
    QVERIFY(a != HostileBytes::randomBytes(1024 * 1024 + 3, 6));
    QVERIFY(HostileBytes::randomBytes(1024, 5) == a.left(1024));
    QVERIFY(a.count('\0') < a.size() / 128); // not a block of zeros
    QCOMPARE(HostileBytes::randomBytes(0, 5), QByteArray());
}

void tst_FaultFixtures::remainingLengthEncoding_data()
{
    QTest::addColumn<quint32>("value");
    QTest::addColumn<QByteArray>("encoded");
    QTest::newRow("0") << quint32(0) << QByteArray::fromHex("00");
    QTest::newRow("127") << quint32(127) << QByteArray::fromHex("7f");
    QTest::newRow("128") << quint32(128) << QByteArray::fromHex("8001");
    QTest::newRow("16383") << quint32(16383) << QByteArray::fromHex("ff7f");
    QTest::newRow("16384") << quint32(16384) << QByteArray::fromHex("808001");
    QTest::newRow("2097152") << quint32(2097152) << QByteArray::fromHex("80808001");
    QTest::newRow("maximum") << HostileBytes::MaxRemainingLength << QByteArray::fromHex("ffffff7f");
}

void tst_FaultFixtures::remainingLengthEncoding()
{
    QFETCH(quint32, value);
    QFETCH(QByteArray, encoded);
    QCOMPARE(HostileBytes::remainingLength(value).toHex(' '), encoded.toHex(' '));
}

void tst_FaultFixtures::hostileStreamsHaveTheDocumentedLayout()
{
    const QByteArray endless = HostileBytes::endlessRemainingLength(1000);
    QCOMPARE(endless.size(), 1001);
    QCOMPARE(quint8(endless.at(0)), quint8(0x30));
    QCOMPARE(endless.count(char(0xff)), 1000);
    QCOMPARE(packetLength(endless), qsizetype(-1));
    QCOMPARE(quint8(HostileBytes::endlessRemainingLength(4, 0x90).at(0)), quint8(0x90));

    QCOMPARE(HostileBytes::oversizedPublish().toHex(' '),
             QByteArray(QByteArray::fromHex("30ffffff7f0001") + "t" + QByteArray(16, 'x')).toHex(' '));
    const QByteArray small = HostileBytes::oversizedPublish(1000, 3, "ab");
    QCOMPARE(small.toHex(' '), QByteArray(QByteArray::fromHex("30e807") + QByteArray::fromHex("0002") + "abxxx").toHex(' '));
    QCOMPARE(packetLength(small), qsizetype(3 + 1000));

    for (bool mqtt5 : {false, true}) {
        const QByteArray flood = HostileBytes::publishFlood(50, 300, "flood", mqtt5, 9);
        QByteArray rest;
        const QList<QByteArray> packets = splitPackets(flood, &rest);
        QCOMPARE(packets.size(), 50);
        QVERIFY(rest.isEmpty());
        const QByteArray one = packet(0x30, mqttString("flood") + (mqtt5 ? QByteArray(1, '\0') : QByteArray())
                                                 + HostileBytes::randomBytes(300, 9));
        for (const QByteArray &p : packets)
            QVERIFY(p == one);
    }
}

void tst_FaultFixtures::fakeBrokerSendsHostileStreamVerbatim()
{
    FakeBroker broker;
    QVERIFY(broker.listen());
    const QByteArray garbage = HostileBytes::randomBytes(256 * 1024, 77);
    broker.expectPacket(FakeBroker::Connect)
        .send(ConnAckAccepted)
        .send(HostileBytes::oversizedPublish(), QStringLiteral("a PUBLISH that claims 256 MiB"))
        .send(garbage, QStringLiteral("random bytes"));
    QTcpSocket client;
    QByteArray received;
    connect(&client, &QTcpSocket::readyRead, &client, [&] { received += client.readAll(); });
    client.connectToHost(broker.host(), broker.port());
    client.write(connectPacket("victim"));
    QVERIFY2(broker.waitForScript(), qPrintable(broker.failure()));
    const QByteArray expected = ConnAckAccepted + HostileBytes::oversizedPublish() + garbage;
    QTRY_COMPARE(received.size(), expected.size());
    QVERIFY(received == expected);
}

QTEST_GUILESS_MAIN(tst_FaultFixtures)
#include "tst_faultfixtures.moc"
