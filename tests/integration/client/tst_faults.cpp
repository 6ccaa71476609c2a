// Copyright (C) 2026 The MqttQt authors.
// SPDX-License-Identifier: BSD-3-Clause
//
// MqttClient under faults: numbered QoS 1/2 streams through a fault-injecting proxy and
// through broker crashes end with nothing lost (QoS 1 duplicates counted and allowed,
// QoS 2 none) and every accepted message ends in exactly one of published() or
// publishFailed(); a hostile broker ends the connection with a clear error and bounded
// memory.
#include "clienttesting.h"
#include "fakebroker.h"
#include "faultproxy.h"
#include "hostilebytes.h"
#include "processmemory.h"

#include <MqttQt/MqttClient>

#include <QtCore/QElapsedTimer>
#include <QtCore/QHash>
#include <QtCore/QSet>
#include <QtCore/QTimer>
#include <QtTest/QSignalSpy>
#include <QtTest/QTest>

using Mqtt::ClientState;
using Mqtt::ErrorCode;
using Mqtt::ProtocolVersion;
using Mqtt::QoS;
using Mqtt::ReasonCode;
using namespace ClientTesting;

namespace {

// Clean session off keeps the session in MQTT 3.x; MQTT 5 also needs a Session Expiry
// Interval, or the broker ends the session with the connection.
void keepSession(MqttClient &client, ProtocolVersion version)
{
    if (version != ProtocolVersion::V5)
        return;
    MqttProperties props;
    props.setInteger(Mqtt::PropertyId::SessionExpiryInterval, 3600);
    client.setConnectProperties(props);
}

// Counts what one subscriber received of a numbered stream.
struct StreamSubscriber
{
    StreamSubscriber(const QString &id, QoS qos, ProtocolVersion version) : client(id), qos(qos)
    {
        client.setCleanSession(false); // messages sent while it reconnects are kept for it
        client.setProtocolVersion(version);
        keepSession(client, version);
        client.setReconnectDelay(1, 1);
        client.setMaxInflightMessages(0);
        QObject::connect(&client, &MqttClient::messageReceived, &client, [this](const MqttMessage &m) {
            const int n = m.payload().toInt();
            if (received.contains(n)) {
                ++duplicates;
                if (m.dup())
                    ++duplicatesMarkedDup;
            }
            received.insert(n);
        });
    }
    MqttClient client;
    QoS qos;
    QSet<int> received;
    int duplicates = 0;
    int duplicatesMarkedDup = 0;
};

// Publishes a numbered stream and checks that every accepted message ends exactly once.
struct StreamPublisher
{
    StreamPublisher(const QString &id, ProtocolVersion version) : client(id)
    {
        client.setCleanSession(false);
        client.setProtocolVersion(version);
        keepSession(client, version);
        client.setReconnectDelay(1, 1);
        QObject::connect(&client, &MqttClient::published, &client, [this](int mid) { ends[mid] += 1; });
        QObject::connect(&client, &MqttClient::publishFailed, &client, [this](int mid, ErrorCode, const QString &why) {
            ends[mid] += 1;
            failures.append(why);
        });
    }
    void publish(const QString &topic, int count, QoS qos)
    {
        for (int i = 0; i < count; ++i)
            publishOne(topic, i, qos);
    }
    void publishOne(const QString &topic, int n, QoS qos)
    {
        const MqttMessageInfo info = client.publish(topic, QByteArray::number(n), qos);
        if (info.rc() == ErrorCode::NoError)
            mids.insert(info.mid(), n);
        else
            refused.append(n);
    }
    int ended() const { return int(ends.size()); }
    MqttClient client;
    QHash<int, int> mids; // mid -> message number
    QHash<int, int> ends; // mid -> number of published()/publishFailed() for it
    QList<int> refused;
    QStringList failures;
};

} // namespace

class tst_Faults : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void streamSurvivesRandomFaults_data();
    void streamSurvivesRandomFaults();
    void streamSurvivesBrokerKills_data();
    void streamSurvivesBrokerKills();
    void writeFailureEndsTheConnectionAtOnce();
    void hostileBrokerEndsWithBoundedMemory_data();
    void hostileBrokerEndsWithBoundedMemory();
};

void tst_Faults::initTestCase()
{
    if (!MosquittoBroker::mosquittoAvailable())
        QSKIP("mosquitto, mosquitto_passwd or openssl is not installed");
}

void tst_Faults::streamSurvivesRandomFaults_data()
{
    QTest::addColumn<QoS>("qos");
    QTest::addColumn<ProtocolVersion>("version");
    QTest::addColumn<quint32>("seed");
    QTest::newRow("QoS 1, 3.1.1") << QoS::AtLeastOnce << ProtocolVersion::V3_1_1 << 11u;
    QTest::newRow("QoS 2, 3.1.1") << QoS::ExactlyOnce << ProtocolVersion::V3_1_1 << 12u;
    QTest::newRow("QoS 1, 5.0") << QoS::AtLeastOnce << ProtocolVersion::V5 << 13u;
    QTest::newRow("QoS 2, 5.0") << QoS::ExactlyOnce << ProtocolVersion::V5 << 14u;
}

void tst_Faults::streamSurvivesRandomFaults()
{
    // The publisher goes through a proxy that cuts its connection mid-packet, stalls it
    // beyond its 1 s keepalive and dribbles single bytes, every 300-900 ms, while 2,000
    // numbered messages go out. The subscriber is connected directly.
    QFETCH(QoS, qos);
    QFETCH(ProtocolVersion, version);
    QFETCH(quint32, seed);
    constexpr int Messages = 2000;
    MosquittoBroker broker;
    MosquittoBroker::Options options;
    options.maxQueuedMessages = 0;
    QVERIFY2(broker.start(options), qPrintable(broker.errorString()));
    FaultProxy proxy;
    QVERIFY2(proxy.start(broker.host(), broker.tcpPort()), qPrintable(proxy.errorString()));
    const QString topic = uniqueTopic(QStringLiteral("faults"));

    StreamSubscriber sub(uniqueClientId(QStringLiteral("fsub")), qos, version);
    QVERIFY(connectTo(sub.client, broker));
    QVERIFY(!subscribeAndWait(sub.client, topic, qos).isEmpty());

    StreamPublisher pub(uniqueClientId(QStringLiteral("fpub")), version);
    QCOMPARE(pub.client.connectToHost(proxy.host(), proxy.port(), 1), ErrorCode::NoError);
    QVERIFY(pub.client.waitForConnected(Timeout));
    FaultProxy::RandomFaults chaos;
    chaos.seed = seed;
    chaos.minIntervalMs = 300;
    chaos.maxIntervalMs = 900;
    chaos.minStallMs = 300;
    chaos.maxStallMs = 2000;
    QVERIFY(proxy.startRandomFaults(chaos));
    // 200 messages a second, so that the stream lasts through many faults.
    int next = 0;
    QTimer pacer;
    QObject::connect(&pacer, &QTimer::timeout, &pacer, [&] {
        for (int i = 0; i < 20 && next < Messages; ++i)
            pub.publishOne(topic, next++, qos);
        if (next == Messages)
            pacer.stop();
    });
    pacer.start(100);

    QElapsedTimer timer;
    timer.start();
    const bool allEnded = QTest::qWaitFor([&] { return pub.ended() == Messages; }, 240000);
    proxy.stopRandomFaults();
    QVERIFY2(allEnded, qPrintable(QStringLiteral("%1 of %2 ended after %3 s; proxy log:\n%4")
                                          .arg(pub.ended())
                                          .arg(Messages)
                                          .arg(timer.elapsed() / 1000)
                                          .arg(proxy.eventLog().right(3000))));
    QCOMPARE(pub.refused, QList<int>{});
    QVERIFY2(proxy.faultsInjected() >= 10, "the faults must really have happened");
    for (auto it = pub.ends.cbegin(); it != pub.ends.cend(); ++it)
        QVERIFY2(it.value() == 1, qPrintable(QStringLiteral("mid %1 ended %2 times").arg(it.key()).arg(it.value())));
    QVERIFY2(pub.failures.isEmpty(), qPrintable(pub.failures.join(QLatin1Char('\n'))));
    // Everything published reaches the subscriber.
    QTRY_VERIFY2_WITH_TIMEOUT(sub.received.size() == Messages,
                              qPrintable(QStringLiteral("%1 of %2 received").arg(sub.received.size()).arg(Messages)),
                              3 * Timeout);
    if (qos == QoS::ExactlyOnce)
        QCOMPARE(sub.duplicates, 0);
    qInfo("%d faults, %d reconnections, %d duplicates (QoS %d), %lld s", proxy.faultsInjected(),
          proxy.connectionsAccepted() - 1, sub.duplicates, int(qos), timer.elapsed() / 1000);
    pub.client.disconnectFromHost();
    sub.client.disconnectFromHost();
    QVERIFY(sub.client.waitForDisconnected(Timeout));
}

void tst_Faults::streamSurvivesBrokerKills_data()
{
    QTest::addColumn<QoS>("qos");
    QTest::newRow("QoS 1") << QoS::AtLeastOnce;
    QTest::newRow("QoS 2") << QoS::ExactlyOnce;
}

void tst_Faults::streamSurvivesBrokerKills()
{
    // mosquitto with persistence saved on every change, killed with SIGKILL three times
    // while 3,000 numbered messages go through it.
    QFETCH(QoS, qos);
    constexpr int Messages = 3000;
    MosquittoBroker broker;
    MosquittoBroker::Options options;
    options.persistence = true;
    options.maxQueuedMessages = 0;
    options.extraConfig = QStringLiteral("autosave_interval 1\nautosave_on_changes true\n");
    QVERIFY2(broker.start(options), qPrintable(broker.errorString()));
    const QString topic = uniqueTopic(QStringLiteral("kills"));

    StreamSubscriber sub(uniqueClientId(QStringLiteral("ksub")), qos, ProtocolVersion::V3_1_1);
    QVERIFY(connectTo(sub.client, broker));
    QVERIFY(!subscribeAndWait(sub.client, topic, qos).isEmpty());
    StreamPublisher pub(uniqueClientId(QStringLiteral("kpub")), ProtocolVersion::V3_1_1);
    pub.client.setMaxInflightMessages(10);
    QVERIFY(connectTo(pub.client, broker));
    pub.publish(topic, Messages, qos);

    int kills = 0;
    QElapsedTimer timer;
    timer.start();
    while (pub.ended() < Messages && timer.elapsed() < 120000) {
        if (kills < 3 && pub.ended() >= (kills + 1) * Messages / 4) {
            broker.kill();
            ++kills;
            QVERIFY2(broker.restart(), qPrintable(broker.errorString()));
        }
        QTest::qWait(20);
    }
    QVERIFY2(kills == 3, qPrintable(QStringLiteral("%1 kills; %2 ended, %3 failures: %4")
                                        .arg(kills)
                                        .arg(pub.ended())
                                        .arg(pub.failures.size())
                                        .arg(pub.failures.mid(0, 5).join(QLatin1Char('\n')))));
    QCOMPARE(pub.ended(), Messages);
    for (auto it = pub.ends.cbegin(); it != pub.ends.cend(); ++it)
        QCOMPARE(it.value(), 1);
    QVERIFY2(pub.failures.isEmpty(), qPrintable(pub.failures.join(QLatin1Char('\n'))));
    // QoS 1: nothing lost. QoS 2: never twice; but mosquitto saves its database in the
    // background and releases a QoS 2 message on PUBREL: one it had acknowledged with
    // PUBREC and not yet saved dies with it, and the protocol allows only PUBREL after
    // PUBREC [4.3.3], so the client cannot send it again without risking a second copy.
    // At most the publisher's in-flight window (10) and mosquitto's window towards the
    // subscriber (20) per kill can be lost that way.
    if (qos == QoS::AtLeastOnce) {
        QTRY_VERIFY2_WITH_TIMEOUT(sub.received.size() == Messages,
                                  qPrintable(QStringLiteral("%1 of %2 received").arg(sub.received.size()).arg(Messages)),
                                  4 * Timeout);
    } else {
        QTest::qWait(2000);
        QCOMPARE(sub.duplicates, 0);
        QVERIFY2(sub.received.size() >= Messages - kills * (10 + 20),
                 qPrintable(QStringLiteral("%1 of %2 received").arg(sub.received.size()).arg(Messages)));
    }
    qInfo("QoS %d: %d duplicates (%d with DUP), %d lost by the broker across %d broker kills", int(qos),
          sub.duplicates, sub.duplicatesMarkedDup,
          Messages - int(sub.received.size()), kills);
    pub.client.disconnectFromHost();
    sub.client.disconnectFromHost();
    QVERIFY(sub.client.waitForDisconnected(Timeout));
}

void tst_Faults::writeFailureEndsTheConnectionAtOnce()
{
    // The peer resets the connection while the client writes: the client must notice at
    // once, not two keepalive periods later, and resend what was not acknowledged.
    MosquittoBroker broker;
    QVERIFY2(broker.start(), qPrintable(broker.errorString()));
    FaultProxy proxy;
    QVERIFY2(proxy.start(broker.host(), broker.tcpPort()), qPrintable(proxy.errorString()));
    const QString topic = uniqueTopic(QStringLiteral("reset"));
    StreamSubscriber sub(uniqueClientId(QStringLiteral("wsub")), QoS::AtLeastOnce, ProtocolVersion::V3_1_1);
    QVERIFY(connectTo(sub.client, broker));
    QVERIFY(!subscribeAndWait(sub.client, topic).isEmpty());

    StreamPublisher pub(uniqueClientId(QStringLiteral("wpub")), ProtocolVersion::V3_1_1);
    QSignalSpy disconnects(&pub.client, &MqttClient::disconnected);
    QCOMPARE(pub.client.connectToHost(proxy.host(), proxy.port(), 60), ErrorCode::NoError);
    QVERIFY(pub.client.waitForConnected(Timeout));
    // Hold the acknowledgements, cut the link with RST, then write.
    proxy.stall(FaultProxy::Direction::BrokerToClient, -1);
    pub.publish(topic, 10, QoS::AtLeastOnce);
    QTest::qWait(200);
    proxy.dropConnections(FaultProxy::CloseMode::Reset);
    QElapsedTimer timer;
    timer.start();
    pub.publish(topic + QStringLiteral("/after"), 1, QoS::AtLeastOnce); // written into the dead link
    QTRY_VERIFY_WITH_TIMEOUT(!disconnects.isEmpty(), Timeout);
    QVERIFY2(timer.elapsed() < 1000, qPrintable(QStringLiteral("noticed after %1 ms").arg(timer.elapsed())));
    QCOMPARE(disconnects.first().at(0).value<ErrorCode>(), ErrorCode::ConnectionLost);
    proxy.resume();
    QTRY_COMPARE_WITH_TIMEOUT(pub.ended(), 11, 3 * Timeout);
    QTRY_COMPARE_WITH_TIMEOUT(sub.received.size(), 10, Timeout);
    pub.client.disconnectFromHost();
    sub.client.disconnectFromHost();
    QVERIFY(sub.client.waitForDisconnected(Timeout));
}

void tst_Faults::hostileBrokerEndsWithBoundedMemory_data()
{
    QTest::addColumn<ProtocolVersion>("version");
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<ErrorCode>("error");
    QTest::addColumn<QString>("reason");
    QTest::addColumn<QByteArray>("disconnect"); // what the client says before it closes
    QTest::newRow("oversized remaining length, MQTT 5 maximum packet size")
            << ProtocolVersion::V5 << HostileBytes::oversizedPublish() << ErrorCode::Protocol << QStringLiteral("maximum")
            << FakeBroker::hex("e0 01 95"); // Packet too large
    QTest::newRow("endless variable byte integer")
            << ProtocolVersion::V3_1_1 << HostileBytes::endlessRemainingLength(4096) << ErrorCode::Protocol
            << QStringLiteral("length") << QByteArray();
    QTest::newRow("4 MiB of random bytes")
            << ProtocolVersion::V3_1_1 << HostileBytes::randomBytes(4 << 20, 2026) << ErrorCode::Protocol << QString() << QByteArray();
    QTest::newRow("invalid UTF-8 topic")
            << ProtocolVersion::V3_1_1 << FakeBroker::hex("30 06 00 02 c3 28 78 78") << ErrorCode::Protocol
            << QStringLiteral("UTF-8") << QByteArray();
    QTest::newRow("QoS 3") << ProtocolVersion::V3_1_1 << FakeBroker::hex("36 06 00 01 74 00 01 78")
                           << ErrorCode::Protocol << QStringLiteral("QoS") << QByteArray();
    QTest::newRow("packet id 0") << ProtocolVersion::V3_1_1 << FakeBroker::hex("32 06 00 01 74 00 00 78")
                                 << ErrorCode::Protocol << QStringLiteral("packet id") << QByteArray();
    QTest::newRow("flood of 200,000 PUBLISH then garbage")
            << ProtocolVersion::V3_1_1
            << HostileBytes::publishFlood(200000, 32) + FakeBroker::hex("00 00") << ErrorCode::Protocol << QString() << QByteArray();
}

void tst_Faults::hostileBrokerEndsWithBoundedMemory()
{
    QFETCH(ProtocolVersion, version);
    QFETCH(QByteArray, bytes);
    QFETCH(ErrorCode, error);
    QFETCH(QString, reason);
    QFETCH(QByteArray, disconnect);
    FakeBroker broker;
    QVERIFY(broker.listen());
    broker.expectPacket(FakeBroker::Connect)
            .send(version == ProtocolVersion::V5 ? FakeBroker::hex("20 03 00 00 00") : FakeBroker::hex("20 02 00 00"),
                  QStringLiteral("CONNACK"))
            .send(bytes, QStringLiteral("hostile bytes"));
    if (!disconnect.isEmpty())
        broker.expect(disconnect, QStringLiteral("DISCONNECT with the reason"));
    broker.expectClosed(10000, QStringLiteral("the client closes"));
    MqttClient client;
    client.setProtocolVersion(version);
    client.setAutoReconnect(false);
    if (version == ProtocolVersion::V5) {
        MqttProperties props;
        props.setInteger(Mqtt::PropertyId::MaximumPacketSize, 65536);
        QVERIFY(client.setConnectProperties(props));
    }
    int messages = 0;
    QObject::connect(&client, &MqttClient::messageReceived, &client, [&messages] { ++messages; });
    const ProcessMemory before = ProcessMemory::sample();
    QCOMPARE(client.connectToHost(broker.host(), broker.port()), ErrorCode::NoError);
    QVERIFY2(broker.waitForScript(20000), qPrintable(broker.failure()));
    QTRY_COMPARE_WITH_TIMEOUT(client.state(), ClientState::Disconnected, Timeout);
    const ProcessMemory after = ProcessMemory::sample();
    QCOMPARE(client.error(), error);
    QVERIFY2(client.errorString().contains(reason, Qt::CaseInsensitive), qPrintable(client.errorString()));
    // The payloads sent are at most 4 MiB; the client holds none of it for long.
    const qint64 growth = after.heapInUseBytes - before.heapInUseBytes;
    QVERIFY2(growth < 16 * 1024 * 1024, qPrintable(QStringLiteral("heap grew by %1 bytes").arg(growth)));
    qInfo("%s: %d messages delivered before the fault; heap +%lld KiB; %s", QTest::currentDataTag(), messages,
          growth / 1024, qPrintable(client.errorString()));
}

QTEST_MAIN(tst_Faults)
#include "tst_faults.moc"
