// Copyright (C) 2026 The MqttQt authors.
// SPDX-License-Identifier: BSD-3-Clause
//
// MqttClient against the scripted FakeBroker: byte-exact protocol transcripts, and faults a
// real broker does not produce (malformed packets, server topic aliases, tight limits).
// Every script names its steps; a failure prints the step, the expected and the received
// bytes in hex.
#include "clientrecorder.h"
#include "fakebroker.h"

#include <MqttQt/MqttClient>

#include <QtCore/QElapsedTimer>
#include <QtCore/QPointer>
#include <QtCore/QTemporaryDir>
#include <QtCore/QTimer>
#include <QtNetwork/QLocalServer>
#include <QtNetwork/QTcpServer>
#include <QtTest/QSignalSpy>
#include <QtTest/QTest>

#include <cstring>
#include <functional>
#include <memory>

#if defined(Q_OS_UNIX)
#  include <cerrno>
#  include <sys/socket.h>
#  include <unistd.h>
#endif

using Mqtt::ErrorCode;
using Mqtt::ProtocolVersion;
using Mqtt::QoS;
using Mqtt::ReasonCode;

namespace {

constexpr int Timeout = 5000;

QByteArray hex(const char *text)
{
    return FakeBroker::hex(QByteArray(text));
}

QString s(const char *text)
{
    return QString::fromUtf8(text);
}

// A whole packet: first byte, variable byte integer remaining length, body.
QByteArray packet(quint8 firstByte, const QByteArray &body)
{
    QByteArray bytes(1, char(firstByte));
    quint32 length = quint32(body.size());
    do {
        quint8 b = length % 128;
        length /= 128;
        if (length > 0)
            b |= 0x80;
        bytes.append(char(b));
    } while (length > 0);
    return bytes + body;
}

QByteArray u16(quint16 v)
{
    QByteArray bytes;
    bytes.append(char(v >> 8)).append(char(v & 0xff));
    return bytes;
}

QByteArray str(const QByteArray &text)
{
    return u16(quint16(text.size())) + text;
}

// CONNECT of client "c1" with \a flags, \a keepAlive and, for MQTT 5, \a properties.
QByteArray connectPacket(ProtocolVersion v, quint8 flags = 0x02, quint16 keepAlive = 60,
                         const QByteArray &properties = {})
{
    QByteArray body = v == ProtocolVersion::V3_1 ? str("MQIsdp") : str("MQTT");
    body.append(char(quint8(v))).append(char(flags)).append(u16(keepAlive));
    if (v == ProtocolVersion::V5)
        body.append(char(properties.size())).append(properties);
    body.append(str("c1"));
    return packet(0x10, body);
}

QByteArray connack(ProtocolVersion v, bool sessionPresent = false, const QByteArray &properties = {})
{
    QByteArray body;
    body.append(char(sessionPresent ? 1 : 0)).append(char(0));
    if (v == ProtocolVersion::V5)
        body.append(char(properties.size())).append(properties);
    return packet(0x20, body);
}

QByteArray publishPacket(ProtocolVersion v, int qos, quint16 id, const QByteArray &topic, const QByteArray &payload,
                         bool dup = false, const QByteArray &properties = {})
{
    QByteArray body = str(topic);
    if (qos > 0)
        body.append(u16(id));
    if (v == ProtocolVersion::V5)
        body.append(char(properties.size())).append(properties);
    body.append(payload);
    return packet(quint8(0x30 | (dup ? 0x08 : 0) | (qos << 1)), body);
}

QByteArray ack(quint8 firstByte, quint16 id)
{
    return packet(firstByte, u16(id));
}

QByteArray puback(quint16 id) { return ack(0x40, id); }
QByteArray pubrec(quint16 id) { return ack(0x50, id); }
QByteArray pubrel(quint16 id) { return ack(0x62, id); }
QByteArray pubcomp(quint16 id) { return ack(0x70, id); }

// A client "c1" that does not reconnect by itself unless a test asks for it.
std::unique_ptr<MqttClient> makeClient(ProtocolVersion v = ProtocolVersion::V3_1_1)
{
    auto client = std::make_unique<MqttClient>(QStringLiteral("c1"));
    client->setProtocolVersion(v);
    client->setAutoReconnect(false);
    return client;
}

using Recorder = ClientRecorder;

// ClientRecorder::endings when the client ends a connection for an error of the broker's.
QStringList clientEndedOrder()
{
    return { QStringLiteral("errorOccurred"), QStringLiteral("stateChanged(Disconnected)"),
             QStringLiteral("socketClosed"), QStringLiteral("disconnected") };
}

// CONNECT and CONNACK; then the client must have processed the CONNACK before the script
// goes on, so that what the next steps make it do happens while it is connected.
FakeBroker &handshake(FakeBroker &broker, MqttClient *client, const QByteArray &connect, const QByteArray &connackBytes,
                      const QString &what = QStringLiteral("CONNACK"))
{
    return broker.expect(connect, QStringLiteral("CONNECT"))
            .send(connackBytes, what)
            .run([client] { QVERIFY(client->waitForConnected(Timeout)); }, QStringLiteral("client is connected"));
}

} // namespace

#define RUN_SCRIPT(broker, ms) QVERIFY2((broker).waitForScript(ms), qPrintable((broker).failure()))

class tst_Scripted : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void clientDeletedMidReadKeepsItsUndeliveredQos2Message();
    void connectPacketIsExact_data();
    void connectPacketIsExact();
    void outgoingQosFlows_data();
    void outgoingQosFlows();
    void incomingQosFlows_data();
    void incomingQosFlows();
    void resendsWithDupAndPubrelWhenSessionPresent_data();
    void resendsWithDupAndPubrelWhenSessionPresent();
    void acknowledgementPrecedesHandlerPublish_data();
    void acknowledgementPrecedesHandlerPublish();
    void duplicateQos2DeliveredOnce();
    void topicKeepsLeadingByteOrderMark();

    void pingAfterKeepAliveOfSilence();
    void missingPingrespDisconnects_data();
    void missingPingrespDisconnects();
    void noPingWhilePublishing();

    void malformedPacketFromBroker_data();
    void malformedPacketFromBroker();
    void signalOrderAfterBrokerDisconnect();

    void serverTopicAliasesResolved();
    void topicAliasViolations_data();
    void topicAliasViolations();
    void receiveMaximumLimitsInflight();
    void maximumPacketSizeRefusesPublish();
    void maximumQosRefusesPublish_data();
    void maximumQosRefusesPublish();

    void brokerDropTriggersReconnect_data();
    void brokerDropTriggersReconnect();
    void reconnectAfterDisconnectStaysConnected_data();
    void reconnectAfterDisconnectStaysConnected();

    void disconnectEndsWithFinWhileBrokerSends_data();
    void disconnectEndsWithFinWhileBrokerSends();
};

// ---- CONNECT and the QoS flows ---------------------------------------------------------------

void tst_Scripted::connectPacketIsExact_data()
{
    QTest::addColumn<ProtocolVersion>("version");
    QTest::addColumn<bool>("cleanSession");
    QTest::addColumn<bool>("credentialsAndWill");
    QTest::addColumn<int>("keepAlive");
    QTest::addColumn<QByteArray>("expected");
    QTest::addColumn<QByteArray>("disconnect");

    QTest::newRow("3.1") << ProtocolVersion::V3_1 << true << false << 60
                         << hex("10 10  00 06 4d 51 49 73 64 70  03  02  00 3c  00 02 63 31") << hex("e0 00");
    QTest::newRow("3.1.1") << ProtocolVersion::V3_1_1 << true << false << 60
                           << hex("10 0e  00 04 4d 51 54 54  04  02  00 3c  00 02 63 31") << hex("e0 00");
    QTest::newRow("5.0") << ProtocolVersion::V5 << true << false << 60
                         << hex("10 0f  00 04 4d 51 54 54  05  02  00 3c  00  00 02 63 31") << hex("e0 00");
    // flags: user name 0x80, password 0x40, will QoS 1 0x08, will 0x04, clean session 0x02
    QTest::newRow("3.1.1, credentials and will") << ProtocolVersion::V3_1_1 << true << true << 60
            << hex("10 1c  00 04 4d 51 54 54  04  ce  00 3c  00 02 63 31  00 01 77  00 03 62 79 65"
                   "  00 01 75  00 01 70")
            << hex("e0 00");
    // MQTT 5 will properties come before the will topic; here there are none.
    QTest::newRow("5.0, credentials and will") << ProtocolVersion::V5 << true << true << 60
            << hex("10 1e  00 04 4d 51 54 54  05  ce  00 3c  00  00 02 63 31  00  00 01 77  00 03 62 79 65"
                   "  00 01 75  00 01 70")
            << hex("e0 00");
    QTest::newRow("3.1.1, persistent session, keepalive 0") << ProtocolVersion::V3_1_1 << false << false << 0
                                                            << hex("10 0e  00 04 4d 51 54 54  04  00  00 00  00 02 63 31")
                                                            << hex("e0 00");
}

void tst_Scripted::connectPacketIsExact()
{
    QFETCH(ProtocolVersion, version);
    QFETCH(bool, cleanSession);
    QFETCH(bool, credentialsAndWill);
    QFETCH(int, keepAlive);
    QFETCH(QByteArray, expected);
    QFETCH(QByteArray, disconnect);
    FakeBroker broker;
    QVERIFY(broker.listen());
    auto client = makeClient(version);
    client->setCleanSession(cleanSession);
    if (credentialsAndWill) {
        client->setCredentials(QStringLiteral("u"), QByteArrayLiteral("p"));
        QCOMPARE(client->setWill(QStringLiteral("w"), QByteArrayLiteral("bye"), QoS::AtLeastOnce), ErrorCode::NoError);
    }
    Recorder rec(client.get());
    handshake(broker, client.get(), expected, connack(version), s("CONNACK accepted"))
            .run([&] { QCOMPARE(client->disconnectFromHost(), ErrorCode::NoError); }, s("disconnectFromHost()"))
            .expect(disconnect, s("DISCONNECT"))
            .expectClosed(Timeout, s("client closes after DISCONNECT"));
    QCOMPARE(client->connectToHost(broker.host(), broker.port(), keepAlive), ErrorCode::NoError);
    RUN_SCRIPT(broker, Timeout);
    QTRY_COMPARE_WITH_TIMEOUT(rec.disconnects, QList<ErrorCode>{ ErrorCode::NoError }, Timeout);
    QCOMPARE(rec.connacks, (QList<QPair<bool, ReasonCode>>{ { false, ReasonCode::Success } }));
    QCOMPARE(client->state(), Mqtt::ClientState::Disconnected);
}

void tst_Scripted::outgoingQosFlows_data()
{
    QTest::addColumn<ProtocolVersion>("version");
    QTest::addColumn<QByteArray>("publishQos1");
    QTest::addColumn<QByteArray>("publishQos2");
    QTest::newRow("3.1.1") << ProtocolVersion::V3_1_1 << hex("32 07 00 01 74 00 01 68 69")
                           << hex("34 07 00 01 74 00 02 68 69");
    QTest::newRow("5.0") << ProtocolVersion::V5 << hex("32 08 00 01 74 00 01 00 68 69")
                         << hex("34 08 00 01 74 00 02 00 68 69");
}

void tst_Scripted::outgoingQosFlows()
{
    QFETCH(ProtocolVersion, version);
    QFETCH(QByteArray, publishQos1);
    QFETCH(QByteArray, publishQos2);
    FakeBroker broker;
    QVERIFY(broker.listen());
    auto client = makeClient(version);
    Recorder rec(client.get());
    MqttMessageInfo q1, q2;
    handshake(broker, client.get(), connectPacket(version), connack(version))
            .run([&] { q1 = client->publish(QStringLiteral("t"), QByteArrayLiteral("hi"), QoS::AtLeastOnce); },
                 s("publish QoS 1"))
            .expect(publishQos1, s("PUBLISH QoS 1, packet id 1"))
            .run([&] { QVERIFY(!q1.isPublished()); }, s("not published before PUBACK"))
            .send(puback(1), s("PUBACK 1"))
            .run([&] { q2 = client->publish(QStringLiteral("t"), QByteArrayLiteral("hi"), QoS::ExactlyOnce); },
                 s("publish QoS 2"))
            .expect(publishQos2, s("PUBLISH QoS 2, packet id 2"))
            .send(pubrec(2), s("PUBREC 2"))
            .expect(pubrel(2), s("PUBREL 2"))
            .run([&] { QVERIFY(!q2.isPublished()); }, s("not published before PUBCOMP"))
            .send(pubcomp(2), s("PUBCOMP 2"))
            .expectSilence(200, s("nothing more"));
    QCOMPARE(client->connectToHost(broker.host(), broker.port()), ErrorCode::NoError);
    RUN_SCRIPT(broker, Timeout);
    QCOMPARE(q1.rc(), ErrorCode::NoError);
    QCOMPARE(q2.rc(), ErrorCode::NoError);
    QVERIFY(q1.isPublished());
    QVERIFY(q2.isPublished());
    QCOMPARE(rec.published, (QList<int>{ q1.mid(), q2.mid() }));
}

void tst_Scripted::incomingQosFlows_data()
{
    QTest::addColumn<ProtocolVersion>("version");
    QTest::newRow("3.1.1") << ProtocolVersion::V3_1_1;
    QTest::newRow("5.0") << ProtocolVersion::V5;
}

void tst_Scripted::incomingQosFlows()
{
    QFETCH(ProtocolVersion, version);
    FakeBroker broker;
    QVERIFY(broker.listen());
    auto client = makeClient(version);
    Recorder rec(client.get());
    int deliveredBeforePubrel = -1;
    broker.expect(connectPacket(version), s("CONNECT"))
            .send(connack(version), s("CONNACK"))
            .send(publishPacket(version, 0, 0, "t/0", "zero"), s("PUBLISH QoS 0"))
            .send(publishPacket(version, 1, 9, "t/1", "one"), s("PUBLISH QoS 1, id 9"))
            .expect(puback(9), s("PUBACK 9"))
            .send(publishPacket(version, 2, 10, "t/2", "two"), s("PUBLISH QoS 2, id 10"))
            .expect(pubrec(10), s("PUBREC 10"))
            .run([&] { deliveredBeforePubrel = int(rec.messages.size()); }, s("QoS 2 not delivered yet"))
            .send(pubrel(10), s("PUBREL 10"))
            .expect(pubcomp(10), s("PUBCOMP 10"))
            .expectSilence(200, s("nothing more"));
    QCOMPARE(client->connectToHost(broker.host(), broker.port()), ErrorCode::NoError);
    RUN_SCRIPT(broker, Timeout);
    QCOMPARE(deliveredBeforePubrel, 2);
    QCOMPARE(rec.messages.size(), 3);
    const QStringList topics = { rec.messages.at(0).topic(), rec.messages.at(1).topic(), rec.messages.at(2).topic() };
    QCOMPARE(topics, (QStringList{ s("t/0"), s("t/1"), s("t/2") }));
    QCOMPARE(rec.messages.at(0).qos(), QoS::AtMostOnce);
    QCOMPARE(rec.messages.at(1).qos(), QoS::AtLeastOnce);
    QCOMPARE(rec.messages.at(1).mid(), 9);
    QCOMPARE(rec.messages.at(2).qos(), QoS::ExactlyOnce);
    QCOMPARE(rec.messages.at(2).mid(), 10);
    QCOMPARE(rec.messages.at(2).payload(), QByteArrayLiteral("two"));
}

void tst_Scripted::resendsWithDupAndPubrelWhenSessionPresent_data()
{
    QTest::addColumn<ProtocolVersion>("version");
    QTest::addColumn<QByteArray>("publishQos1");
    QTest::addColumn<QByteArray>("publishQos2");
    QTest::addColumn<QByteArray>("resentQos1");
    QTest::newRow("3.1.1") << ProtocolVersion::V3_1_1 << hex("32 06 00 01 74 00 01 61")
                           << hex("34 06 00 01 74 00 02 62") << hex("3a 06 00 01 74 00 01 61");
    QTest::newRow("5.0") << ProtocolVersion::V5 << hex("32 07 00 01 74 00 01 00 61")
                         << hex("34 07 00 01 74 00 02 00 62") << hex("3a 07 00 01 74 00 01 00 61");
}

void tst_Scripted::resendsWithDupAndPubrelWhenSessionPresent()
{
    QFETCH(ProtocolVersion, version);
    QFETCH(QByteArray, publishQos1);
    QFETCH(QByteArray, publishQos2);
    QFETCH(QByteArray, resentQos1);
    FakeBroker broker;
    QVERIFY(broker.listen());
    auto client = makeClient(version);
    client->setCleanSession(false);
    client->setAutoReconnect(true);
    QVERIFY(client->setReconnectDelay(1, 1));
    Recorder rec(client.get());
    MqttMessageInfo q1, q2;
    const QByteArray connect = connectPacket(version, 0x00);
    handshake(broker, client.get(), connect, connack(version))
            .run([&] {
                q1 = client->publish(QStringLiteral("t"), QByteArrayLiteral("a"), QoS::AtLeastOnce);
                q2 = client->publish(QStringLiteral("t"), QByteArrayLiteral("b"), QoS::ExactlyOnce);
            }, s("publish QoS 1 and QoS 2"))
            .expect(publishQos1, s("PUBLISH QoS 1, id 1"))
            .expect(publishQos2, s("PUBLISH QoS 2, id 2"))
            .send(pubrec(2), s("PUBREC 2 only"))
            .expect(pubrel(2), s("PUBREL 2"))
            .closeConnection(s("broker drops the connection"))
            .acceptConnection(s("client reconnects"))
            .expect(connect, s("CONNECT again"))
            .send(connack(version, true), s("CONNACK, session present"))
            .expect(resentQos1, s("PUBLISH QoS 1 again: DUP set, same id 1"))
            .expect(pubrel(2), s("PUBREL 2 again"))
            .send(puback(1), s("PUBACK 1"))
            .send(pubcomp(2), s("PUBCOMP 2"))
            .expectSilence(200, s("nothing more"));
    QCOMPARE(client->connectToHost(broker.host(), broker.port()), ErrorCode::NoError);
    RUN_SCRIPT(broker, 3 * Timeout);
    QCOMPARE(rec.disconnects, QList<ErrorCode>{ ErrorCode::ConnectionLost });
    QCOMPARE(rec.connacks, (QList<QPair<bool, ReasonCode>>{ { false, ReasonCode::Success }, { true, ReasonCode::Success } }));
    QCOMPARE(rec.published, (QList<int>{ q1.mid(), q2.mid() }));
    QVERIFY(q1.isPublished() && q2.isPublished());
    QVERIFY(rec.failed.isEmpty());
}

void tst_Scripted::acknowledgementPrecedesHandlerPublish_data()
{
    QTest::addColumn<int>("qos");
    QTest::newRow("QoS 1") << 1;
    QTest::newRow("QoS 2") << 2;
}

void tst_Scripted::acknowledgementPrecedesHandlerPublish()
{
    QFETCH(int, qos);
    const ProtocolVersion v = ProtocolVersion::V3_1_1;
    FakeBroker broker;
    QVERIFY(broker.listen());
    auto client = makeClient(v);
    Recorder rec(client.get());
    QObject::connect(client.get(), &MqttClient::messageReceived, client.get(), [&](const MqttMessage &) {
        QCOMPARE(client->publish(QStringLiteral("r"), QByteArrayLiteral("x")).rc(), ErrorCode::NoError);
    });
    const QByteArray reply = hex("30 04 00 01 72 78"); // PUBLISH QoS 0 "r" "x"
    broker.expect(connectPacket(v), s("CONNECT")).send(connack(v), s("CONNACK"));
    if (qos == 1) {
        broker.send(publishPacket(v, 1, 5, "t", "hi"), s("PUBLISH QoS 1, id 5"))
                .expect(puback(5) + reply, s("PUBACK 5, then the handler's PUBLISH"));
    } else {
        broker.send(publishPacket(v, 2, 6, "t", "hi"), s("PUBLISH QoS 2, id 6"))
                .expect(pubrec(6), s("PUBREC 6"))
                .send(pubrel(6), s("PUBREL 6"))
                .expect(pubcomp(6) + reply, s("PUBCOMP 6, then the handler's PUBLISH"));
    }
    broker.expectSilence(200, s("nothing more"));
    QCOMPARE(client->connectToHost(broker.host(), broker.port()), ErrorCode::NoError);
    RUN_SCRIPT(broker, Timeout);
    QCOMPARE(rec.messages.size(), 1);
}

void tst_Scripted::duplicateQos2DeliveredOnce()
{
    const ProtocolVersion v = ProtocolVersion::V3_1_1;
    FakeBroker broker;
    QVERIFY(broker.listen());
    auto client = makeClient(v);
    Recorder rec(client.get());
    broker.expect(connectPacket(v), s("CONNECT"))
            .send(connack(v), s("CONNACK"))
            .send(publishPacket(v, 2, 7, "t", "hi"), s("PUBLISH QoS 2, id 7"))
            .expect(pubrec(7), s("PUBREC 7"))
            .send(publishPacket(v, 2, 7, "t", "hi", true), s("the same PUBLISH again, DUP set"))
            .expect(pubrec(7), s("PUBREC 7 again"))
            .send(pubrel(7), s("PUBREL 7"))
            .expect(pubcomp(7), s("PUBCOMP 7"))
            .send(pubrel(7), s("PUBREL 7 again (as after a lost PUBCOMP)"))
            .expect(pubcomp(7), s("PUBCOMP 7 again"))
            .expectSilence(200, s("nothing more"));
    QCOMPARE(client->connectToHost(broker.host(), broker.port()), ErrorCode::NoError);
    RUN_SCRIPT(broker, Timeout);
    QCOMPARE(rec.messages.size(), 1);
    QCOMPARE(rec.messages.first().payload(), QByteArrayLiteral("hi"));
    QCOMPARE(rec.messages.first().qos(), QoS::ExactlyOnce);
    QCOMPARE(client->state(), Mqtt::ClientState::Connected);
}

// ---- keepalive --------------------------------------------------------------------------------

void tst_Scripted::topicKeepsLeadingByteOrderMark()
{
    // [MQTT-1.5.4-3] a leading U+FEFF is part of the string and must not be stripped.
    const ProtocolVersion v = ProtocolVersion::V3_1_1;
    FakeBroker broker;
    QVERIFY(broker.listen());
    auto client = makeClient(v);
    Recorder rec(client.get());
    broker.expect(connectPacket(v), s("CONNECT"))
            .send(connack(v), s("CONNACK"))
            .send(hex("30 07 00 04 ef bb bf 61 78"), s("PUBLISH QoS 0 to U+FEFF 'a', payload 'x'"));
    client->connectToHost(broker.host(), broker.port());
    QVERIFY2(broker.waitForScript(), qPrintable(broker.failure()));
    QTRY_COMPARE_WITH_TIMEOUT(rec.messages.size(), 1, Timeout);
    QCOMPARE(rec.messages.first().topic(), QString(QChar(0xFEFF)) + QLatin1Char('a'));
    QCOMPARE(rec.messages.first().topicUtf8(), QByteArray("\xef\xbb\xbf" "a"));
}

void tst_Scripted::pingAfterKeepAliveOfSilence()
{
    const ProtocolVersion v = ProtocolVersion::V3_1_1;
    FakeBroker broker;
    QVERIFY(broker.listen());
    auto client = makeClient(v);
    QElapsedTimer clock;
    qint64 firstPing = -1, secondPing = -1;
    broker.expect(connectPacket(v, 0x02, 1), s("CONNECT, keepalive 1 s"))
            .run([&] { clock.start(); }, s("start the clock"))
            .send(connack(v), s("CONNACK"))
            .expect(hex("c0 00"), s("PINGREQ after 1 s of silence"))
            .run([&] { firstPing = clock.elapsed(); }, s("first PINGREQ time"))
            .send(hex("d0 00"), s("PINGRESP"))
            .expect(hex("c0 00"), s("PINGREQ after another second"))
            .run([&] { secondPing = clock.elapsed(); }, s("second PINGREQ time"))
            .send(hex("d0 00"), s("PINGRESP"));
    QCOMPARE(client->connectToHost(broker.host(), broker.port(), 1), ErrorCode::NoError);
    RUN_SCRIPT(broker, Timeout);
    QVERIFY2(firstPing >= 900 && firstPing < 2000, qPrintable(QString::number(firstPing)));
    QVERIFY2(secondPing - firstPing >= 900 && secondPing - firstPing < 2000,
             qPrintable(QString::number(secondPing - firstPing)));
    QCOMPARE(client->state(), Mqtt::ClientState::Connected);
}

void tst_Scripted::missingPingrespDisconnects_data()
{
    QTest::addColumn<ProtocolVersion>("version");
    QTest::addColumn<QByteArray>("disconnect"); // what the client says first, if anything
    QTest::newRow("3.1.1") << ProtocolVersion::V3_1_1 << QByteArray();
    QTest::newRow("5.0") << ProtocolVersion::V5 << hex("e0 01 80"); // Unspecified error: 0x8D is the server's code
}

void tst_Scripted::missingPingrespDisconnects()
{
    QFETCH(ProtocolVersion, version);
    QFETCH(QByteArray, disconnect);
    FakeBroker broker;
    QVERIFY(broker.listen());
    auto client = makeClient(version);
    Recorder rec(client.get());
    QElapsedTimer sincePing;
    qint64 closedAfter = -1;
    broker.expect(connectPacket(version, 0x02, 1), s("CONNECT, keepalive 1 s"))
            .send(connack(version), s("CONNACK"))
            .expect(hex("c0 00"), s("PINGREQ"))
            .run([&] { sincePing.start(); }, s("no PINGRESP from now on"));
    if (!disconnect.isEmpty())
        broker.expect(disconnect, s("DISCONNECT, Unspecified error"));
    broker.expectClosed(3000, s("client gives up on the connection"))
            .run([&] { closedAfter = sincePing.elapsed(); }, s("time to give up"));
    QCOMPARE(client->connectToHost(broker.host(), broker.port(), 1), ErrorCode::NoError);
    RUN_SCRIPT(broker, Timeout);
    QVERIFY2(closedAfter >= 800 && closedAfter < 2500, qPrintable(QString::number(closedAfter)));
    QTRY_COMPARE_WITH_TIMEOUT(rec.disconnects, QList<ErrorCode>{ ErrorCode::KeepAlive }, Timeout);
    QCOMPARE(client->error(), ErrorCode::KeepAlive);
    QVERIFY2(client->errorString().contains(s("PINGRESP")), qPrintable(client->errorString()));
    QCOMPARE(client->state(), Mqtt::ClientState::Disconnected);
}

void tst_Scripted::noPingWhilePublishing()
{
    const ProtocolVersion v = ProtocolVersion::V3_1_1;
    FakeBroker broker;
    QVERIFY(broker.listen());
    auto client = makeClient(v);
    constexpr int Publishes = 6; // 1.8 s of traffic, longer than the keepalive
    int sent = 0;
    QElapsedTimer sinceLastPublish;
    qint64 pingAfter = -1;
    QTimer ticker;
    ticker.setInterval(300);
    QObject::connect(&ticker, &QTimer::timeout, client.get(), [&] {
        QCOMPARE(client->publish(QStringLiteral("k"), QByteArrayLiteral("x")).rc(), ErrorCode::NoError);
        if (++sent == Publishes) {
            ticker.stop();
            sinceLastPublish.start();
        }
    });
    handshake(broker, client.get(), connectPacket(v, 0x02, 1), connack(v))
            .run([&] { ticker.start(); }, s("publish every 300 ms"));
    for (int i = 1; i <= Publishes; ++i)
        broker.expect(hex("30 04 00 01 6b 78"), s("PUBLISH %1, and no PINGREQ before it").arg(i));
    broker.expectSilence(700, s("no PINGREQ within 700 ms of the last PUBLISH"))
            .expect(hex("c0 00"), s("PINGREQ 1 s after the last PUBLISH"))
            .run([&] { pingAfter = sinceLastPublish.elapsed(); }, s("time of the PINGREQ"))
            .send(hex("d0 00"), s("PINGRESP"));
    QCOMPARE(client->connectToHost(broker.host(), broker.port(), 1), ErrorCode::NoError);
    RUN_SCRIPT(broker, 2 * Timeout);
    QVERIFY2(pingAfter >= 900 && pingAfter < 2000, qPrintable(QString::number(pingAfter)));
    QCOMPARE(client->state(), Mqtt::ClientState::Connected);
}

// ---- malformed input ----------------------------------------------------------------------------

void tst_Scripted::malformedPacketFromBroker_data()
{
    QTest::addColumn<ProtocolVersion>("version");
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<QString>("problem");    // part of errorString()
    QTest::addColumn<QByteArray>("disconnect"); // MQTT 5: the DISCONNECT the client sends first

    const auto v3 = ProtocolVersion::V3_1_1;
    const auto v5 = ProtocolVersion::V5;
    const QByteArray none;
    QTest::newRow("remaining length longer than 4 bytes")
            << v3 << hex("30 ff ff ff ff 7f") << s("remaining length is longer than 4 bytes") << none;
    QTest::newRow("remaining length not minimal")
            << v3 << hex("d0 80 00") << s("remaining length is not minimally encoded") << none;
    QTest::newRow("PUBACK longer than its content")
            << v3 << hex("40 03 00 01 00") << s("unexpected bytes after the end of the packet") << none;
    QTest::newRow("PUBACK too short") << v3 << hex("40 01 00") << s("runs past the end of the packet") << none;
    QTest::newRow("reserved flags in PUBACK") << v3 << hex("41 02 00 01") << s("reserved fixed header flags") << none;
    QTest::newRow("reserved flags in PINGRESP") << v3 << hex("d8 00") << s("reserved fixed header flags") << none;
    QTest::newRow("PUBLISH with QoS 3") << v3 << hex("36 05 00 01 74 00 01") << s("PUBLISH has QoS 3") << none;
    QTest::newRow("PUBLISH with DUP at QoS 0") << v3 << hex("38 03 00 01 74") << s("DUP set with QoS 0") << none;
    QTest::newRow("PUBLISH topic with #") << v3 << hex("30 05 00 03 61 2f 23") << s("topic name contains a wildcard")
                                          << none;
    QTest::newRow("PUBLISH topic with +") << v3 << hex("30 05 00 03 2b 2f 62") << s("topic name contains a wildcard")
                                          << none;
    QTest::newRow("PUBLISH with packet id 0") << v3 << hex("32 05 00 01 74 00 00") << s("packet identifier is 0")
                                              << none;
    QTest::newRow("PUBLISH topic not UTF-8") << v3 << hex("30 04 00 02 c3 28") << s("not valid UTF-8") << none;
    QTest::newRow("PUBLISH with empty topic") << v3 << hex("30 03 00 00 78") << s("empty topic name") << none;
    QTest::newRow("garbage") << v3 << hex("00 03 de ad be") << s("packet type 0 is reserved") << none;
    QTest::newRow("AUTH in MQTT 3.1.1") << v3 << hex("f0 00") << s("AUTH packet is not part of MQTT 3") << none;
    QTest::newRow("second CONNACK") << v3 << hex("20 02 00 00") << s("second CONNACK") << none;
    QTest::newRow("SUBSCRIBE from the broker") << v3 << hex("82 06 00 01 00 01 74 00") << s("only clients send")
                                               << none;
    QTest::newRow("5.0 PUBLISH topic with #") << v5 << hex("30 06 00 03 61 2f 23 00")
                                              << s("topic name contains a wildcard") << hex("e0 01 81");
    QTest::newRow("5.0 unknown property") << v5 << hex("40 06 00 01 00 02 7f 00") << s("unknown property identifier")
                                          << hex("e0 01 81");
    QTest::newRow("5.0 PUBACK with reason code of another packet")
            << v5 << hex("40 03 00 01 8d") << s("not allowed in this packet") << hex("e0 01 81");
    QTest::newRow("5.0 second CONNACK") << v5 << hex("20 03 00 00 00") << s("second CONNACK") << hex("e0 01 82");
}

void tst_Scripted::malformedPacketFromBroker()
{
    QFETCH(ProtocolVersion, version);
    QFETCH(QByteArray, bytes);
    QFETCH(QString, problem);
    QFETCH(QByteArray, disconnect);
    FakeBroker broker;
    QVERIFY(broker.listen());
    auto client = makeClient(version);
    Recorder rec(client.get());
    broker.expect(connectPacket(version), s("CONNECT"))
            .send(connack(version), s("CONNACK"))
            .send(bytes, s("bad bytes"));
    if (!disconnect.isEmpty())
        broker.expect(disconnect, s("DISCONNECT with the reason"));
    broker.expectClosed(Timeout, s("client closes the connection"));
    QCOMPARE(client->connectToHost(broker.host(), broker.port()), ErrorCode::NoError);
    RUN_SCRIPT(broker, Timeout);
    QTRY_COMPARE_WITH_TIMEOUT(rec.disconnects, QList<ErrorCode>{ ErrorCode::Protocol }, Timeout);
    QCOMPARE(client->error(), ErrorCode::Protocol);
    QVERIFY2(client->errorString().contains(problem), qPrintable(client->errorString()));
    QVERIFY(rec.messages.isEmpty());
    QCOMPARE(client->state(), Mqtt::ClientState::Disconnected);
    QTest::qWait(50); // nothing more may follow
    QCOMPARE(rec.endings, clientEndedOrder());
}

// The order README "Errors: one rule" gives when the broker sends DISCONNECT and leaves the
// socket open: errorOccurred() and the state at once, socketClosed() and disconnected() once
// the client has closed it. (Malformed packets: malformedPacketFromBroker; a refused CONNACK,
// a dropped link and disconnectFromHost(): tst_client signalOrderWhenTheConnectionEnds.)
void tst_Scripted::signalOrderAfterBrokerDisconnect()
{
    const ProtocolVersion v = ProtocolVersion::V5;
    FakeBroker broker;
    QVERIFY(broker.listen());
    auto client = makeClient(v);
    Recorder rec(client.get());
    handshake(broker, client.get(), connectPacket(v), connack(v))
            .send(hex("e0 01 8b"), s("DISCONNECT, Server shutting down"))
            .expectClosed(Timeout, s("client closes the connection"));
    QCOMPARE(client->connectToHost(broker.host(), broker.port()), ErrorCode::NoError);
    RUN_SCRIPT(broker, Timeout);
    QTRY_COMPARE_WITH_TIMEOUT(rec.disconnects, QList<ErrorCode>{ ErrorCode::ConnectionLost }, Timeout);
    QTest::qWait(50); // nothing more may follow
    QCOMPARE(rec.endings, clientEndedOrder());
    QCOMPARE(client->error(), ErrorCode::ConnectionLost);
    QCOMPARE(client->state(), Mqtt::ClientState::Disconnected);
}

// ---- MQTT 5 server features ---------------------------------------------------------------------

void tst_Scripted::serverTopicAliasesResolved()
{
    const ProtocolVersion v = ProtocolVersion::V5;
    FakeBroker broker;
    QVERIFY(broker.listen());
    auto client = makeClient(v);
    MqttProperties properties;
    QVERIFY(properties.setInteger(Mqtt::PropertyId::TopicAliasMaximum, 5));
    client->setConnectProperties(properties);
    Recorder rec(client.get());
    const QByteArray alias1 = hex("23 00 01");
    broker.expect(connectPacket(v, 0x02, 60, hex("22 00 05")), s("CONNECT, Topic Alias Maximum 5"))
            .send(connack(v), s("CONNACK"))
            .send(publishPacket(v, 0, 0, "a/b", "1", false, alias1), s("PUBLISH a/b, sets alias 1"))
            .send(publishPacket(v, 0, 0, "", "2", false, alias1), s("PUBLISH by alias 1"))
            .send(publishPacket(v, 1, 3, "", "3", false, alias1), s("PUBLISH QoS 1 by alias 1"))
            .expect(puback(3), s("PUBACK 3"))
            .send(publishPacket(v, 0, 0, "c/d", "4", false, alias1), s("PUBLISH c/d, alias 1 now c/d"))
            .send(publishPacket(v, 0, 0, "", "5", false, alias1), s("PUBLISH by alias 1"))
            .send(publishPacket(v, 0, 0, "e", "6", false, hex("23 00 05")), s("PUBLISH e, sets alias 5 (the maximum)"))
            .send(publishPacket(v, 0, 0, "", "7", false, hex("23 00 05")), s("PUBLISH by alias 5"))
            .expectSilence(200, s("no complaint"));
    QCOMPARE(client->connectToHost(broker.host(), broker.port()), ErrorCode::NoError);
    RUN_SCRIPT(broker, Timeout);
    QCOMPARE(rec.messages.size(), 7);
    QStringList topics;
    QByteArray payloads;
    for (const MqttMessage &m : std::as_const(rec.messages)) {
        topics.append(m.topic());
        payloads += m.payload();
    }
    QCOMPARE(topics, (QStringList{ s("a/b"), s("a/b"), s("a/b"), s("c/d"), s("c/d"), s("e"), s("e") }));
    QCOMPARE(payloads, QByteArrayLiteral("1234567"));
    QCOMPARE(client->state(), Mqtt::ClientState::Connected);
}

void tst_Scripted::topicAliasViolations_data()
{
    QTest::addColumn<int>("aliasMaximum"); // advertised in CONNECT; 0: not advertised
    QTest::addColumn<QByteArray>("publish");
    QTest::addColumn<QByteArray>("disconnect");
    QTest::addColumn<QString>("problem");
    const auto v = ProtocolVersion::V5;
    QTest::newRow("alias without advertising") << 0 << publishPacket(v, 0, 0, "a/b", "x", false, hex("23 00 01"))
                                               << hex("e0 01 94") << s("topic alias 1, above the maximum of 0");
    QTest::newRow("alias above the maximum") << 2 << publishPacket(v, 0, 0, "a/b", "x", false, hex("23 00 03"))
                                             << hex("e0 01 94") << s("topic alias 3, above the maximum of 2");
    QTest::newRow("alias 0") << 2 << publishPacket(v, 0, 0, "a/b", "x", false, hex("23 00 00")) << hex("e0 01 82")
                             << s("property 0x23 with invalid value 0");
    QTest::newRow("unknown alias") << 2 << publishPacket(v, 0, 0, "", "x", false, hex("23 00 01")) << hex("e0 01 82")
                                   << s("topic alias 1 before setting it");
}

void tst_Scripted::topicAliasViolations()
{
    QFETCH(int, aliasMaximum);
    QFETCH(QByteArray, publish);
    QFETCH(QByteArray, disconnect);
    QFETCH(QString, problem);
    const ProtocolVersion v = ProtocolVersion::V5;
    FakeBroker broker;
    QVERIFY(broker.listen());
    auto client = makeClient(v);
    QByteArray connectProperties;
    if (aliasMaximum > 0) {
        MqttProperties properties;
        QVERIFY(properties.setInteger(Mqtt::PropertyId::TopicAliasMaximum, quint32(aliasMaximum)));
        client->setConnectProperties(properties);
        connectProperties = hex("22") + u16(quint16(aliasMaximum));
    }
    Recorder rec(client.get());
    broker.expect(connectPacket(v, 0x02, 60, connectProperties), s("CONNECT"))
            .send(connack(v), s("CONNACK"))
            .send(publish, s("PUBLISH with a bad topic alias"))
            .expect(disconnect, s("DISCONNECT with the reason"))
            .expectClosed(Timeout, s("client closes the connection"));
    QCOMPARE(client->connectToHost(broker.host(), broker.port()), ErrorCode::NoError);
    RUN_SCRIPT(broker, Timeout);
    QTRY_COMPARE_WITH_TIMEOUT(rec.disconnects, QList<ErrorCode>{ ErrorCode::Protocol }, Timeout);
    QVERIFY2(client->errorString().contains(problem), qPrintable(client->errorString()));
    QVERIFY(rec.messages.isEmpty());
}

void tst_Scripted::receiveMaximumLimitsInflight()
{
    const ProtocolVersion v = ProtocolVersion::V5;
    FakeBroker broker;
    QVERIFY(broker.listen());
    auto client = makeClient(v);
    Recorder rec(client.get());
    QList<MqttMessageInfo> infos;
    auto pub = [](quint16 id, const char *payload) { return publishPacket(ProtocolVersion::V5, 1, id, "t", payload); };
    handshake(broker, client.get(), connectPacket(v), connack(v, false, hex("21 00 02")), s("CONNACK, Receive Maximum 2"))
            .run([&] {
                for (const char *payload : { "1", "2", "3", "4" })
                    infos.append(client->publish(QStringLiteral("t"), QByteArray(payload), QoS::AtLeastOnce));
            }, s("publish 4 messages at QoS 1"))
            .expect(pub(1, "1") + pub(2, "2"), s("the first two PUBLISH"))
            .expectSilence(300, s("no third PUBLISH while two are unacknowledged"))
            .send(puback(1), s("PUBACK 1"))
            .expect(pub(3, "3"), s("the third PUBLISH"))
            .expectSilence(200, s("no fourth PUBLISH"))
            .send(puback(2), s("PUBACK 2"))
            .expect(pub(4, "4"), s("the fourth PUBLISH"))
            .send(puback(3) + puback(4), s("PUBACK 3 and 4"))
            .expectSilence(200, s("nothing more"));
    QCOMPARE(client->connectToHost(broker.host(), broker.port()), ErrorCode::NoError);
    RUN_SCRIPT(broker, Timeout);
    QCOMPARE(infos.size(), 4);
    QList<int> mids;
    for (const MqttMessageInfo &info : std::as_const(infos)) {
        QCOMPARE(info.rc(), ErrorCode::NoError);
        QVERIFY(info.isPublished());
        mids.append(info.mid());
    }
    QCOMPARE(rec.published, mids);
}

void tst_Scripted::maximumPacketSizeRefusesPublish()
{
    const ProtocolVersion v = ProtocolVersion::V5;
    FakeBroker broker;
    QVERIFY(broker.listen());
    auto client = makeClient(v);
    Recorder rec(client.get());
    // Queued before the limit is known: it fails when the CONNACK says it cannot be sent.
    const MqttMessageInfo early = client->publish(QStringLiteral("t"), QByteArray(40, 'e'), QoS::AtLeastOnce);
    QCOMPARE(early.rc(), ErrorCode::NoError);
    MqttMessageInfo bigQos1, bigQos0, fits, fitsQos1;
    QString refusal;
    handshake(broker, client.get(), connectPacket(v), connack(v, false, hex("27 00 00 00 20")),
              s("CONNACK, Maximum Packet Size 32"))
            .run([&] {
                bigQos1 = client->publish(QStringLiteral("t"), QByteArray(40, 'x'), QoS::AtLeastOnce);
                refusal = client->errorString();
                bigQos0 = client->publish(QStringLiteral("t"), QByteArray(40, 'x'));
                fits = client->publish(QStringLiteral("t"), QByteArrayLiteral("ok"));
                fitsQos1 = client->publish(QStringLiteral("t"), QByteArrayLiteral("ok"), QoS::AtLeastOnce);
            }, s("publish too large and small messages"))
            .expect(hex("30 06 00 01 74 00 6f 6b") + hex("32 08 00 01 74 00 01 00 6f 6b"),
                    s("only the messages that fit"))
            .send(puback(1), s("PUBACK 1"))
            .expectSilence(200, s("nothing more"));
    QCOMPARE(client->connectToHost(broker.host(), broker.port()), ErrorCode::NoError);
    RUN_SCRIPT(broker, Timeout);
    QCOMPARE(bigQos1.rc(), ErrorCode::PayloadSize);
    QCOMPARE(bigQos0.rc(), ErrorCode::PayloadSize);
    QVERIFY2(refusal.contains(s("maximum packet size of 32 bytes")), qPrintable(refusal));
    QCOMPARE(fits.rc(), ErrorCode::NoError);
    QCOMPARE(fitsQos1.rc(), ErrorCode::NoError);
    QVERIFY(fitsQos1.isPublished());
    QCOMPARE(rec.failed, (QList<QPair<int, ErrorCode>>{ { early.mid(), ErrorCode::PayloadSize } }));
    QCOMPARE(early.error(), ErrorCode::PayloadSize);
    QVERIFY(!early.isPublished());
}

void tst_Scripted::maximumQosRefusesPublish_data()
{
    QTest::addColumn<int>("maximumQos");
    QTest::newRow("Maximum QoS 0") << 0;
    QTest::newRow("Maximum QoS 1") << 1;
}

void tst_Scripted::maximumQosRefusesPublish()
{
    QFETCH(int, maximumQos);
    const ProtocolVersion v = ProtocolVersion::V5;
    FakeBroker broker;
    QVERIFY(broker.listen());
    auto client = makeClient(v);
    MqttMessageInfo infos[3];
    QByteArray wire = publishPacket(v, 0, 0, "t", "0");
    if (maximumQos >= 1)
        wire += publishPacket(v, 1, 1, "t", "1");
    handshake(broker, client.get(), connectPacket(v), connack(v, false, hex("24") + QByteArray(1, char(maximumQos))),
              s("CONNACK with Maximum QoS"))
            .run([&] {
                for (int q = 0; q <= 2; ++q)
                    infos[q] = client->publish(QStringLiteral("t"), QByteArray::number(q), QoS(q));
            }, s("publish at QoS 0, 1 and 2"))
            .expect(wire, s("only the messages within the maximum QoS"));
    if (maximumQos >= 1)
        broker.send(puback(1), s("PUBACK 1"));
    broker.expectSilence(200, s("nothing more"));
    QCOMPARE(client->connectToHost(broker.host(), broker.port()), ErrorCode::NoError);
    RUN_SCRIPT(broker, Timeout);
    for (int q = 0; q <= 2; ++q) {
        QCOMPARE(infos[q].rc(), q <= maximumQos ? ErrorCode::NoError : ErrorCode::NotSupported);
        QCOMPARE(infos[q].mid() > 0, q <= maximumQos);
    }
    QCOMPARE(client->error(), ErrorCode::NotSupported);
    QVERIFY2(client->errorString().contains(s("QoS up to %1").arg(maximumQos)), qPrintable(client->errorString()));
}

// ---- losing the connection ------------------------------------------------------------------------

void tst_Scripted::brokerDropTriggersReconnect_data()
{
    QTest::addColumn<bool>("reset");
    QTest::newRow("broker closes (FIN)") << false;
    QTest::newRow("broker resets (RST)") << true;
}

void tst_Scripted::brokerDropTriggersReconnect()
{
    QFETCH(bool, reset);
    const ProtocolVersion v = ProtocolVersion::V3_1_1;
    FakeBroker broker;
    QVERIFY(broker.listen());
    auto client = makeClient(v);
    client->setAutoReconnect(true);
    QVERIFY(client->setReconnectDelay(1, 4));
    Recorder rec(client.get());
    QElapsedTimer sinceDrop;
    qint64 reconnectedAfter = -1;
    handshake(broker, client.get(), connectPacket(v), connack(v));
    if (reset)
        broker.resetConnection(s("broker resets the connection"));
    else
        broker.closeConnection(s("broker closes the connection"));
    broker.run([&] { sinceDrop.start(); }, s("start the clock"))
            .acceptConnection(s("client reconnects"))
            .expect(connectPacket(v), s("CONNECT again"))
            .run([&] { reconnectedAfter = sinceDrop.elapsed(); }, s("reconnection time"))
            .send(connack(v), s("CONNACK"));
    QCOMPARE(client->connectToHost(broker.host(), broker.port()), ErrorCode::NoError);
    RUN_SCRIPT(broker, 3 * Timeout);
    QTRY_COMPARE_WITH_TIMEOUT(client->state(), Mqtt::ClientState::Connected, Timeout);
    QCOMPARE(rec.disconnects, QList<ErrorCode>{ ErrorCode::ConnectionLost });
    QCOMPARE(rec.reconnects, (QList<QPair<int, int>>{ { 1, 1000 } }));
    QCOMPARE(rec.connacks.size(), 2);
    QCOMPARE(broker.connectionCount(), 2);
    QVERIFY2(reconnectedAfter >= 900, qPrintable(QString::number(reconnectedAfter)));
}

void tst_Scripted::reconnectAfterDisconnectStaysConnected_data()
{
    QTest::addColumn<bool>("waitForDisconnected");
    QTest::newRow("connectToHost() right after disconnectFromHost()") << false;
    QTest::newRow("connectToHost() after disconnected()") << true;
}

// The timer that bounds a graceful close belongs to the connection being closed: it must
// not cut the next connection (it used to, 5 s after the disconnectFromHost()).
void tst_Scripted::reconnectAfterDisconnectStaysConnected()
{
    QFETCH(bool, waitForDisconnected);
    const ProtocolVersion v = ProtocolVersion::V3_1_1;
    FakeBroker broker;
    QVERIFY(broker.listen());
    auto client = makeClient(v);
    Recorder rec(client.get());
    handshake(broker, client.get(), connectPacket(v), connack(v));
    if (waitForDisconnected) {
        broker.run([&] { QCOMPARE(client->disconnectFromHost(), ErrorCode::NoError); }, s("disconnectFromHost()"))
                .expect(hex("e0 00"), s("DISCONNECT"))
                .expectClosed(Timeout, s("client closes"))
                .run([&] {
                    QVERIFY(client->waitForDisconnected(Timeout));
                    QCOMPARE(client->connectToHost(broker.host(), broker.port()), ErrorCode::NoError);
                }, s("connectToHost() once disconnected"));
    } else {
        broker.run([&] {
            QCOMPARE(client->disconnectFromHost(), ErrorCode::NoError);
            QCOMPARE(client->connectToHost(broker.host(), broker.port()), ErrorCode::NoError);
        }, s("disconnectFromHost() and connectToHost() at once"));
    }
    broker.acceptConnection(s("the new connection"));
    handshake(broker, client.get(), connectPacket(v), connack(v))
            .expectSilence(5500, s("the new connection stays up, silent, past the 5 s close timeout"));
    QCOMPARE(client->connectToHost(broker.host(), broker.port()), ErrorCode::NoError);
    RUN_SCRIPT(broker, 3 * Timeout);
    QCOMPARE(client->state(), Mqtt::ClientState::Connected);
    QVERIFY(!rec.disconnects.contains(ErrorCode::ConnectionLost));
    if (waitForDisconnected)
        QCOMPARE(rec.disconnects, QList<ErrorCode>{ ErrorCode::NoError });
    QCOMPARE(rec.connacks.size(), 2);
}

// ---- the end of the connection -------------------------------------------------------------

#if defined(Q_OS_UNIX)
namespace {
// Accepts one connection and keeps the bare descriptor: the test reads and writes it with
// recv()/send() and sees exactly what the kernel reports (the end of the stream or a reset).
template<typename Server, typename Descriptor>
class RawServer : public Server
{
public:
    ~RawServer() override
    {
        if (fd >= 0)
            ::close(fd);
    }
    int fd = -1;

protected:
    void incomingConnection(Descriptor descriptor) override
    {
        if (fd >= 0)
            ::close(int(descriptor));
        else
            fd = int(descriptor);
    }
};
using RawTcpServer = RawServer<QTcpServer, qintptr>;
using RawLocalServer = RawServer<QLocalServer, quintptr>;
} // namespace
#endif

void tst_Scripted::disconnectEndsWithFinWhileBrokerSends_data()
{
    QTest::addColumn<Mqtt::Transport>("transport");
    QTest::newRow("tcp") << Mqtt::Transport::Tcp;
    QTest::newRow("unix socket") << Mqtt::Transport::LocalSocket;
}

void tst_Scripted::disconnectEndsWithFinWhileBrokerSends()
{
#if !defined(Q_OS_UNIX)
    QSKIP("reads the broker's socket with POSIX calls");
#else
    QFETCH(Mqtt::Transport, transport);
    // The client leaves while the broker still sends to it: unread bytes are waiting in the
    // client's kernel buffer. Closing at once there makes the kernel send a reset, and a
    // broker woken by both at once (mosquitto under load) dropped the DISCONNECT with the
    // connection and published the will. The DISCONNECT must be followed by a FIN.
    RawTcpServer tcpServer;
    RawLocalServer localServer;
    int *serverFd = &tcpServer.fd;
    auto client = makeClient();
    QSignalSpy disconnected(client.get(), &MqttClient::disconnected);
    if (transport == Mqtt::Transport::Tcp) {
        QVERIFY(tcpServer.listen(QHostAddress::LocalHost));
        QCOMPARE(client->connectToHost(QStringLiteral("127.0.0.1"), tcpServer.serverPort(), 60), ErrorCode::NoError);
    } else {
        const QString name = QStringLiteral("mqttqt-fin-%1").arg(QCoreApplication::applicationPid());
        QLocalServer::removeServer(name);
        QVERIFY2(localServer.listen(name), qPrintable(localServer.errorString()));
        serverFd = &localServer.fd;
        client->setTransport(Mqtt::Transport::LocalSocket);
        QCOMPARE(client->connectToHost(localServer.fullServerName(), 0, 60), ErrorCode::NoError);
    }
    QTRY_VERIFY_WITH_TIMEOUT(*serverFd >= 0, Timeout);
    const int fd = *serverFd;

    // Reads whatever the client sent until \a until says it is enough, or the stream ends.
    QByteArray received;
    int lastResult = 1;
    int lastErrno = 0;
    auto readUntil = [&](const std::function<bool()> &until) {
        QElapsedTimer timer;
        timer.start();
        while (!until() && timer.elapsed() < Timeout) {
            char buffer[4096];
            const ssize_t n = ::recv(fd, buffer, sizeof buffer, MSG_DONTWAIT);
            if (n > 0) {
                received.append(buffer, int(n));
                continue;
            }
            if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) {
                QTest::qWait(5);
                continue;
            }
            lastResult = int(n);
            lastErrno = n < 0 ? errno : 0;
            return;
        }
    };
    readUntil([&] { return received.size() >= 2 && received.size() >= 2 + quint8(received.at(1)); });
    QCOMPARE(quint8(received.at(0)), quint8(0x10)); // CONNECT
    received.clear();
    const QByteArray connackBytes = hex("20 02 00 00");
    QCOMPARE(::send(fd, connackBytes.constData(), size_t(connackBytes.size()), 0), ssize_t(connackBytes.size()));
    QVERIFY(client->waitForConnected(Timeout));

    int messages = 0;
    connect(client.get(), &MqttClient::messageReceived, client.get(), [&] {
        if (++messages == 1)
            client->disconnectFromHost();
    });
    // QoS 0 messages until the kernel takes no more: megabytes the client has not read.
    const QByteArray message = packet(0x30, u16(1) + QByteArrayLiteral("t") + QByteArray(1000, 'x'));
    QByteArray flood;
    for (int i = 0; i < 64; ++i)
        flood += message;
    qint64 queued = 0;
    for (;;) {
        const ssize_t n = ::send(fd, flood.constData(), size_t(flood.size()), MSG_DONTWAIT | MSG_NOSIGNAL);
        if (n <= 0)
            break;
        queued += n;
    }
    QVERIFY2(queued > 64 * 1024, qPrintable(QString::number(queued)));

    // The client reads, takes the first message, disconnects. The broker, busy elsewhere,
    // reads only later: it must find the DISCONNECT and then the end of the stream, with
    // no reset in between.
    QTRY_VERIFY_WITH_TIMEOUT(messages >= 1, Timeout);
    QTest::qWait(200);
    readUntil([] { return false; });
    QCOMPARE(received, hex("e0 00"));
    QVERIFY2(lastResult == 0, qPrintable(QStringLiteral("the stream ended with %1 (%2) instead of a FIN")
                                                 .arg(lastResult)
                                                 .arg(QString::fromLocal8Bit(strerror(lastErrno)))));
    // Over TCP the client finishes when the broker closes its side. (QLocalSocket reads
    // everything into its own buffer, so nothing is left unread in the kernel at its close.)
    if (transport == Mqtt::Transport::Tcp)
        QCOMPARE(disconnected.size(), 0);
    ::close(fd);
    *serverFd = -1;
    QTRY_COMPARE_WITH_TIMEOUT(disconnected.size(), 1, Timeout);
    QCOMPARE(disconnected.first().at(0).value<ErrorCode>(), ErrorCode::NoError);
    QCOMPARE(client->state(), Mqtt::ClientState::Disconnected);
#endif
}

QTEST_GUILESS_MAIN(tst_Scripted)
// A handler deletes the client inside the processing of a read that holds a PUBREL (its
// QoS 2 message decoded, not yet delivered, its PUBCOMP not yet written) followed by the
// PUBACK whose published() handler does the deleting. ~MqttClient() must not commit that
// pass to the store: the release would be durable for a message never delivered, and the
// broker's PUBREL after a restart would then be answered without delivering it. With the
// store left at its last commit the restarted client delivers it.
void tst_Scripted::clientDeletedMidReadKeepsItsUndeliveredQos2Message()
{
    const ProtocolVersion v = ProtocolVersion::V3_1_1;
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const QString path = dir.filePath(QStringLiteral("c1.session"));
    FakeBroker broker;
    QVERIFY(broker.listen());
    auto *first = new MqttClient(QStringLiteral("c1"));
    first->setAutoReconnect(false);
    first->setCleanSession(false);
    QCOMPARE(first->setPersistencePath(path), ErrorCode::NoError);
    QPointer<MqttClient> alive(first);
    QByteArrayList firstDelivered;
    connect(first, &MqttClient::messageReceived, this,
            [&firstDelivered](const MqttMessage &m) { firstDelivered.append(m.payload()); });
    connect(first, &MqttClient::published, first, [first] { delete first; });
    broker.expect(connectPacket(v, 0x00), s("CONNECT, no clean session"))
            .send(connack(v), s("CONNACK"))
            .send(publishPacket(v, 2, 10, "t/2", "two"), s("PUBLISH QoS 2, id 10"))
            .expect(pubrec(10), s("PUBREC 10 (the message is in the store)"))
            .run([&] { first->publish(QStringLiteral("t/out"), "x", QoS::AtLeastOnce); }, s("publish QoS 1"))
            .expectPacket(FakeBroker::Publish, {}, s("PUBLISH QoS 1, id 1"))
            .send(pubrel(10) + puback(1), s("PUBREL 10 and PUBACK 1 in one write: deleted in published()"))
            .acceptConnection(s("the restarted client"))
            .expect(connectPacket(v, 0x00), s("CONNECT again"))
            .send(connack(v, true), s("CONNACK, session present"))
            .expectPacket(FakeBroker::Publish, {}, s("PUBLISH id 1 again (its PUBACK's pass was not committed)"))
            .send(puback(1), s("PUBACK 1"))
            .send(pubrel(10), s("PUBREL 10 again"))
            .expect(pubcomp(10), s("PUBCOMP 10"))
            .expectSilence(200, s("nothing more"));
    QCOMPARE(first->connectToHost(broker.host(), broker.port()), ErrorCode::NoError);
    QTRY_VERIFY_WITH_TIMEOUT(!alive, Timeout);
    QVERIFY(firstDelivered.isEmpty());

    MqttClient second(QStringLiteral("c1"));
    second.setAutoReconnect(false);
    second.setCleanSession(false);
    QCOMPARE(second.setPersistencePath(path), ErrorCode::NoError);
    Recorder rec(&second);
    QCOMPARE(second.connectToHost(broker.host(), broker.port()), ErrorCode::NoError);
    RUN_SCRIPT(broker, Timeout);
    QCOMPARE(rec.messages.size(), 1);
    QCOMPARE(rec.messages.first().payload(), QByteArrayLiteral("two"));
}

#include "tst_scripted.moc"
