// Copyright (C) 2026 The MqttQt authors.
// SPDX-License-Identifier: BSD-3-Clause
//
// The MQTT 5 features beyond the codec: automatic topic aliases, the session expiry rule
// on DISCONNECT, request/response, enhanced authentication (SCRAM-SHA-256 against the
// RFC 7677 test vector played by the scripted broker), and subscriptions that renew
// themselves. Against mosquitto where it supports the feature, the scripted broker
// otherwise.
#include "clienttesting.h"
#include "fakebroker.h"

#include <MqttQt/MqttClient>
#include <MqttQt/MqttSubscription>

#include <QtTest/QSignalSpy>
#include <QtTest/QTest>

using Mqtt::ClientState;
using Mqtt::ErrorCode;
using Mqtt::PropertyId;
using Mqtt::ProtocolVersion;
using Mqtt::QoS;
using Mqtt::ReasonCode;
using namespace ClientTesting;

namespace {

// Hand-made MQTT 5 bytes for the scripted broker (independent of the codec under test).
QByteArray varint(quint32 v)
{
    QByteArray out;
    do {
        quint8 b = v % 128;
        v /= 128;
        if (v)
            b |= 0x80;
        out.append(char(b));
    } while (v);
    return out;
}
QByteArray u16(quint16 v)
{
    return QByteArray(1, char(v >> 8)) + char(v & 0xFF);
}
QByteArray str(const QByteArray &s)
{
    return u16(quint16(s.size())) + s;
}
QByteArray packet(quint8 first, const QByteArray &body)
{
    return QByteArray(1, char(first)) + varint(quint32(body.size())) + body;
}
QByteArray props(const QByteArray &p)
{
    return varint(quint32(p.size())) + p;
}
QByteArray connack(const QByteArray &properties, quint8 reason = 0)
{
    return packet(0x20, QByteArray(1, 0) + char(reason) + props(properties));
}
QByteArray auth(quint8 reason, const QByteArray &method, const QByteArray &data)
{
    return packet(0xF0, QByteArray(1, char(reason)) + props(char(0x15) + str(method) + char(0x16) + str(data)));
}
// A QoS 0 PUBLISH as the client sends it: topic, optional alias, payload.
QByteArray publish0(const QByteArray &topic, int alias, const QByteArray &payload)
{
    const QByteArray p = alias ? QByteArray(1, char(0x23)) + u16(quint16(alias)) : QByteArray();
    return packet(0x30, str(topic) + props(p) + payload);
}

FakeBroker::PacketCheck contains(const QByteArray &what)
{
    return [what](const QByteArray &p, QString *why) {
        if (p.contains(what))
            return true;
        *why = QStringLiteral("the packet lacks \"%1\"").arg(QString::fromLatin1(what));
        return false;
    };
}

// RFC 7677, section 3: user "user", password "pencil".
const QByteArray ScramNonce = "rOprNGfwEbeRWgbNEkqO";
const QByteArray ScramClientFirst = "n,,n=user,r=rOprNGfwEbeRWgbNEkqO";
const QByteArray ScramServerFirst = "r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,s=W22ZaJ0SNY7soEsUEjb6gQ==,i=4096";
const QByteArray ScramClientFinal = "c=biws,r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,"
                                    "p=dHzbZapWIk4jUhN+Ute9ytag9zjfMHgsqmmiz7AndVQ=";
const QByteArray ScramServerFinal = "v=6rriTRBi23WpRR/wtup+mMhUZUn/dB5nLTJRsjl95G4=";
const QByteArray Scram = "SCRAM-SHA-256";

} // namespace

class tst_Mqtt5 : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void autoTopicAliasesOnTheWire();
    void autoTopicAliasesNeedTheBrokersMaximum();
    void autoTopicAliasesThroughMosquitto();
    void sessionExpiryCannotTurnOnAtDisconnect();
    void sessionPresentIsReported();
    void requestGetsItsResponse();
    void requestFailsClearly_data();
    void requestFailsClearly();
    void requestUsesResponseInformation();
    void scramAuthenticates();
    void scramRefusesABrokerWithoutTheKey();
    void subscriptionRenewsItself();
    void subscriptionReportsRefusal();
    void overlappingSubscriptionsGetEachMessageOnce();

private:
    MosquittoBroker m_broker;
};

void tst_Mqtt5::initTestCase()
{
    if (!MosquittoBroker::mosquittoAvailable())
        QSKIP("mosquitto is not installed");
    QVERIFY2(m_broker.start(), qPrintable(m_broker.errorString()));
}

void tst_Mqtt5::autoTopicAliasesOnTheWire()
{
    FakeBroker broker;
    QVERIFY(broker.listen());
    MqttClient client(QStringLiteral("alias"));
    client.setProtocolVersion(ProtocolVersion::V5);
    client.setAutoTopicAlias(true);
    client.setReconnectDelay(1, 1);
    // Published from the CONNACK handler of each connection.
    int connection = 0;
    QList<ErrorCode> results;
    connect(&client, &MqttClient::connackReceived, this, [&] {
        const QList<QByteArray> topics = ++connection == 1
                ? QList<QByteArray>{ "alias/a", "alias/b", "alias/c", "alias/a", "alias/b", "alias/c" }
                : QList<QByteArray>{ "alias/b", "alias/b" };
        for (const QByteArray &t : topics)
            results.append(client.publish(QString::fromLatin1(t), QByteArray("x")).rc());
    });
    broker.expectPacket(FakeBroker::Connect)
            .send(connack(char(0x22) + u16(2)), QStringLiteral("CONNACK, Topic Alias Maximum 2"))
            .expect(publish0("alias/a", 1, "x"), QStringLiteral("a sets alias 1"))
            .expect(publish0("alias/b", 2, "x"), QStringLiteral("b sets alias 2"))
            .expect(publish0("alias/c", 0, "x"), QStringLiteral("c: no alias left"))
            .expect(publish0("", 1, "x"), QStringLiteral("a by alias only"))
            .expect(publish0("", 2, "x"), QStringLiteral("b by alias only"))
            .expect(publish0("alias/c", 0, "x"), QStringLiteral("c in full again"))
            .resetConnection(QStringLiteral("connection lost"))
            .acceptConnection(QStringLiteral("reconnection"))
            .expectPacket(FakeBroker::Connect)
            .send(connack(char(0x22) + u16(2)))
            .expect(publish0("alias/b", 1, "x"), QStringLiteral("the mapping starts afresh"))
            .expect(publish0("", 1, "x"));
    QCOMPARE(client.connectToHost(broker.host(), broker.port()), ErrorCode::NoError);
    QVERIFY2(broker.waitForScript(15000), qPrintable(broker.failure()));
    QCOMPARE(results, QList<ErrorCode>(8, ErrorCode::NoError));
}

void tst_Mqtt5::autoTopicAliasesNeedTheBrokersMaximum()
{
    FakeBroker broker;
    QVERIFY(broker.listen());
    MqttClient client(QStringLiteral("alias0"));
    client.setProtocolVersion(ProtocolVersion::V5);
    client.setAutoTopicAlias(true);
    MqttProperties callerAlias;
    callerAlias.setInteger(PropertyId::TopicAlias, 1);
    connect(&client, &MqttClient::connackReceived, this, [&] {
        client.publish(QStringLiteral("alias/a"), QByteArray("x"));
        client.publish(QStringLiteral("alias/a"), QByteArray("x"));
    });
    broker.expectPacket(FakeBroker::Connect)
            .send(connack({}), QStringLiteral("CONNACK without Topic Alias Maximum"))
            .expect(publish0("alias/a", 0, "x"))
            .expect(publish0("alias/a", 0, "x"), QStringLiteral("still in full: the broker allows no alias"))
            .expectSilence(200);
    QCOMPARE(client.connectToHost(broker.host(), broker.port()), ErrorCode::NoError);
    QVERIFY2(broker.waitForScript(), qPrintable(broker.failure()));
    // A caller's own alias above the maximum is still refused, as before.
    QCOMPARE(client.publish(QStringLiteral("alias/a"), QByteArray("x"), QoS::AtMostOnce, false, callerAlias).rc(),
             ErrorCode::Invalid);
}

void tst_Mqtt5::autoTopicAliasesThroughMosquitto()
{
    const QString topic = uniqueTopic(QStringLiteral("a-rather-long-topic-name/for/aliases/sensor/temperature"));
    MqttClient subscriber(uniqueClientId(QStringLiteral("alias-sub")));
    subscriber.setProtocolVersion(ProtocolVersion::V5);
    QVERIFY(connectTo(subscriber, m_broker));
    QCOMPARE(subscribeAndWait(subscriber, topic, QoS::AtLeastOnce).size(), 1);
    QStringList received;
    connect(&subscriber, &MqttClient::messageReceived, this, [&](const MqttMessage &m) {
        received.append(m.topic() + u'=' + QString::fromUtf8(m.payload()));
    });
    MqttClient publisher(uniqueClientId(QStringLiteral("alias-pub")));
    publisher.setProtocolVersion(ProtocolVersion::V5);
    publisher.setAutoTopicAlias(true);
    QVERIFY(connectTo(publisher, m_broker));
    QVERIFY(publisher.serverProperties().properties().integer(PropertyId::TopicAliasMaximum).value_or(0) > 0);
    for (int i = 0; i < 20; ++i)
        publisher.publish(topic, QByteArray::number(i), QoS::AtLeastOnce);
    QTRY_COMPARE_WITH_TIMEOUT(received.size(), 20, Timeout);
    for (int i = 0; i < 20; ++i)
        QCOMPARE(received.at(i), topic + u'=' + QString::number(i));
    QCOMPARE(publisher.state(), ClientState::Connected); // mosquitto accepted every alias
}

void tst_Mqtt5::sessionExpiryCannotTurnOnAtDisconnect()
{
    MqttClient client(uniqueClientId(QStringLiteral("expiry")));
    client.setProtocolVersion(ProtocolVersion::V5);
    QCOMPARE(client.sessionExpiryInterval(), 0u);
    QVERIFY(connectTo(client, m_broker));
    MqttProperties later;
    later.setInteger(PropertyId::SessionExpiryInterval, 60);
    QCOMPARE(client.disconnectFromHost(ReasonCode::NormalDisconnection, later), ErrorCode::Invalid);
    QVERIFY2(client.errorString().contains(QLatin1String("[MQTT-3.14.2-2]")), qPrintable(client.errorString()));
    QCOMPARE(client.state(), ClientState::Connected);
    QCOMPARE(client.disconnectFromHost(), ErrorCode::NoError);
    QVERIFY(client.waitForDisconnected(Timeout));

    client.setSessionExpiryInterval(300);
    QCOMPARE(client.connectProperties().integer(PropertyId::SessionExpiryInterval).value_or(0), 300u);
    QVERIFY(connectTo(client, m_broker));
    MqttProperties shorter;
    shorter.setInteger(PropertyId::SessionExpiryInterval, 0);
    QCOMPARE(client.disconnectFromHost(ReasonCode::NormalDisconnection, shorter), ErrorCode::NoError);
    QVERIFY(client.waitForDisconnected(Timeout));
    client.setSessionExpiryInterval(0);
    QVERIFY(!client.connectProperties().contains(PropertyId::SessionExpiryInterval));
}

void tst_Mqtt5::sessionPresentIsReported()
{
    MqttClient client(uniqueClientId(QStringLiteral("present")));
    client.setProtocolVersion(ProtocolVersion::V5);
    client.setCleanSession(false);
    client.setSessionExpiryInterval(300);
    QSignalSpy connacks(&client, &MqttClient::connackReceived);
    QVERIFY(connectTo(client, m_broker));
    QCOMPARE(connacks.last().at(0).toBool(), false);
    QCOMPARE(client.disconnectFromHost(), ErrorCode::NoError);
    QVERIFY(client.waitForDisconnected(Timeout));
    QVERIFY(connectTo(client, m_broker));
    QCOMPARE(connacks.last().at(0).toBool(), true);
    QCOMPARE(client.serverProperties().sessionPresent(), true);
    client.disconnectFromHost();
    QVERIFY(client.waitForDisconnected(Timeout));
}

void tst_Mqtt5::requestGetsItsResponse()
{
    const QString service = uniqueTopic(QStringLiteral("service"));
    MqttClient responder(uniqueClientId(QStringLiteral("responder")));
    responder.setProtocolVersion(ProtocolVersion::V5);
    QVERIFY(connectTo(responder, m_broker));
    QCOMPARE(subscribeAndWait(responder, service, QoS::AtLeastOnce).size(), 1);
    connect(&responder, &MqttClient::messageReceived, this, [&](const MqttMessage &m) {
        MqttProperties reply;
        reply.setBinary(PropertyId::CorrelationData, m.properties().binary(PropertyId::CorrelationData).value_or(QByteArray()));
        responder.publish(m.properties().string(PropertyId::ResponseTopic).value_or(QString()),
                          QByteArray("re:") + m.payload(), QoS::AtLeastOnce, false, reply);
    });

    MqttClient client(uniqueClientId(QStringLiteral("requester")));
    client.setProtocolVersion(ProtocolVersion::V5);
    QVERIFY(connectTo(client, m_broker));
    QSignalSpy received(&client, &MqttClient::messageReceived);
    QList<MqttRequest *> requests;
    QStringList answers;
    for (int i = 0; i < 5; ++i) {
        MqttRequest *r = client.request(service, QByteArray::number(i));
        QVERIFY(r);
        r->setAutoDelete(false);
        QCOMPARE(r->correlationData().size(), 16);
        connect(r, &MqttRequest::finished, this, [&answers, i](const MqttMessage &m) {
            answers.append(QString::number(i) + u'>' + QString::fromUtf8(m.payload()));
        });
        requests.append(r);
    }
    QTRY_COMPARE_WITH_TIMEOUT(answers.size(), 5, Timeout);
    answers.sort();
    QCOMPARE(answers.join(u','), QStringLiteral("0>re:0,1>re:1,2>re:2,3>re:3,4>re:4"));
    for (MqttRequest *r : requests) {
        QVERIFY(r->isFinished());
        QCOMPARE(r->error(), ErrorCode::NoError);
        QCOMPARE(r->response().topic(), client.responseTopic());
        delete r;
    }
    QCOMPARE(received.size(), 0); // responses are not messageReceived()
    QVERIFY(client.subscriptions().contains(client.responseTopic()));
}

void tst_Mqtt5::requestFailsClearly_data()
{
    QTest::addColumn<ProtocolVersion>("version");
    QTest::addColumn<bool>("connect");
    QTest::addColumn<int>("timeout");
    QTest::addColumn<bool>("ownCorrelation");
    QTest::addColumn<ErrorCode>("error");
    QTest::addColumn<QString>("says");
    QTest::newRow("no responder") << ProtocolVersion::V5 << true << 300 << false << ErrorCode::Timeout << "within 300 ms";
    QTest::newRow("MQTT 3.1.1") << ProtocolVersion::V3_1_1 << true << 300 << false << ErrorCode::NotSupported << "MQTT 5";
    QTest::newRow("not connected") << ProtocolVersion::V5 << false << 300 << false << ErrorCode::NoConnection << "not connected";
    QTest::newRow("timeout 0") << ProtocolVersion::V5 << true << 0 << false << ErrorCode::Invalid << "at least 1 ms";
    QTest::newRow("own correlation data") << ProtocolVersion::V5 << true << 300 << true << ErrorCode::Invalid << "Correlation Data";
}

void tst_Mqtt5::requestFailsClearly()
{
    QFETCH(ProtocolVersion, version);
    QFETCH(bool, connect);
    QFETCH(int, timeout);
    QFETCH(bool, ownCorrelation);
    QFETCH(ErrorCode, error);
    QFETCH(QString, says);
    MqttClient client(uniqueClientId(QStringLiteral("req-fail")));
    client.setProtocolVersion(version);
    if (connect)
        QVERIFY(connectTo(client, m_broker));
    MqttProperties props;
    if (ownCorrelation)
        props.setBinary(PropertyId::CorrelationData, QByteArray("mine"));
    MqttRequest *r = client.request(uniqueTopic(QStringLiteral("nobody")), QByteArray("?"), QoS::AtLeastOnce, timeout, props);
    QSignalSpy failed(r, &MqttRequest::failed);
    QSignalSpy finished(r, &MqttRequest::finished);
    QSignalSpy destroyed(r, &QObject::destroyed);
    QVERIFY(failed.wait(Timeout));
    QCOMPARE(failed.first().at(0).value<ErrorCode>(), error);
    QVERIFY2(failed.first().at(1).toString().contains(says), qPrintable(failed.first().at(1).toString()));
    QCOMPARE(finished.size(), 0);
    if (error != ErrorCode::Timeout)
        QCOMPARE(client.error(), error); // a refusal follows the one error rule
    QVERIFY(destroyed.wait(Timeout)); // autoDelete
}

void tst_Mqtt5::requestUsesResponseInformation()
{
    FakeBroker broker;
    QVERIFY(broker.listen());
    MqttClient client(QStringLiteral("ri-client"));
    client.setProtocolVersion(ProtocolVersion::V5);
    MqttProperties ask;
    ask.setInteger(PropertyId::RequestResponseInformation, 1);
    client.setConnectProperties(ask);
    MqttRequest *request = nullptr;
    QByteArray correlation;
    connect(&client, &MqttClient::connackReceived, this, [&] {
        request = client.request(QStringLiteral("svc/x"), QByteArray("q"), QoS::AtMostOnce, 5000);
        request->setAutoDelete(false);
        correlation = request->correlationData();
    });
    broker.expectPacket(FakeBroker::Connect, contains(QByteArray("\x19\x01", 2)), QStringLiteral("CONNECT asks for it"))
            .send(connack(char(0x1A) + str("replies/area")), QStringLiteral("CONNACK with Response Information"))
            .expectPacket(FakeBroker::Subscribe, contains("replies/area/ri-client"), QStringLiteral("SUBSCRIBE to the response topic"))
            .expectPacket(FakeBroker::Publish, contains("replies/area/ri-client"), QStringLiteral("the request names it"))
            .sendWith([&]() -> QByteArray {
                // SUBACK for packet id 1, then the response (QoS 0) with the correlation data.
                return packet(0x90, u16(1) + props({}) + char(1))
                        + packet(0x30, str("replies/area/ri-client") + props(char(0x09) + str(correlation)) + "answer");
            }, QStringLiteral("SUBACK and the response"));
    QCOMPARE(client.connectToHost(broker.host(), broker.port()), ErrorCode::NoError);
    QVERIFY2(broker.waitForScript(), qPrintable(broker.failure()));
    QCOMPARE(client.responseTopic(), QStringLiteral("replies/area/ri-client"));
    QVERIFY(request);
    QTRY_VERIFY(request->isFinished());
    QCOMPARE(request->error(), ErrorCode::NoError);
    QCOMPARE(request->response().payload(), QByteArray("answer"));
    delete request;
}

void tst_Mqtt5::scramAuthenticates()
{
    FakeBroker broker;
    QVERIFY(broker.listen());
    MqttClient client(QStringLiteral("scram"));
    client.setProtocolVersion(ProtocolVersion::V5);
    auto *scram = new MqttScramAuthenticator(QStringLiteral("user"), QStringLiteral("pencil"));
    scram->setClientNonce(ScramNonce);
    QCOMPARE(client.setAuthenticator(scram), ErrorCode::NoError);
    QCOMPARE(scram->parent(), &client);
    QSignalSpy auths(&client, &MqttClient::authReceived);
    ErrorCode reauth = ErrorCode::Unknown;
    connect(&client, &MqttClient::connackReceived, this, [&] { reauth = client.reauthenticate(); });
    broker.expectPacket(FakeBroker::Connect, contains(char(0x15) + str(Scram) + char(0x16) + str(ScramClientFirst)),
                        QStringLiteral("CONNECT with the method and client-first"))
            .send(auth(0x18, Scram, ScramServerFirst), QStringLiteral("AUTH server-first"))
            .expect(auth(0x18, Scram, ScramClientFinal), QStringLiteral("AUTH client-final with the proof"))
            .send(connack(char(0x15) + str(Scram) + char(0x16) + str(ScramServerFinal)), QStringLiteral("CONNACK server-final"))
            .expect(auth(0x19, Scram, ScramClientFirst), QStringLiteral("AUTH Re-authenticate, client-first"))
            .send(auth(0x18, Scram, ScramServerFirst))
            .expect(auth(0x18, Scram, ScramClientFinal))
            .send(auth(0x00, Scram, ScramServerFinal), QStringLiteral("AUTH Success, server-final"))
            .expectSilence(300, QStringLiteral("the connection stays"));
    QCOMPARE(client.connectToHost(broker.host(), broker.port()), ErrorCode::NoError);
    QVERIFY2(broker.waitForScript(), qPrintable(broker.failure()));
    QCOMPARE(reauth, ErrorCode::NoError);
    QCOMPARE(client.state(), ClientState::Connected);
    QCOMPARE(client.error(), ErrorCode::NoError);
    QCOMPARE(auths.size(), 3);
}

void tst_Mqtt5::scramRefusesABrokerWithoutTheKey()
{
    FakeBroker broker;
    QVERIFY(broker.listen());
    MqttClient client(QStringLiteral("scram-bad"));
    client.setProtocolVersion(ProtocolVersion::V5);
    auto *scram = new MqttScramAuthenticator(QStringLiteral("user"), QStringLiteral("pencil"));
    scram->setClientNonce(ScramNonce);
    client.setAuthenticator(scram);
    QByteArray forged = ScramServerFinal;
    forged[5] = forged[5] == 'A' ? 'B' : 'A';
    broker.expectPacket(FakeBroker::Connect)
            .send(auth(0x18, Scram, ScramServerFirst))
            .expect(auth(0x18, Scram, ScramClientFinal))
            .send(connack(char(0x15) + str(Scram) + char(0x16) + str(forged)), QStringLiteral("a wrong server signature"))
            .expect(FakeBroker::hex("e0 01 80"), QStringLiteral("DISCONNECT, Unspecified error"))
            .expectClosed();
    QSignalSpy errors(&client, &MqttClient::errorOccurred);
    QCOMPARE(client.connectToHost(broker.host(), broker.port()), ErrorCode::NoError);
    QVERIFY2(broker.waitForScript(), qPrintable(broker.failure()));
    QTRY_COMPARE(client.state(), ClientState::Disconnected); // no retry
    QCOMPARE(client.error(), ErrorCode::Auth);
    QVERIFY2(client.errorString().contains(QLatin1String("does not prove")), qPrintable(client.errorString()));
    QVERIFY(!errors.isEmpty());
    // 3.1.1 has no enhanced authentication: refused at connectToHost().
    client.setProtocolVersion(ProtocolVersion::V3_1_1);
    QCOMPARE(client.connectToHost(broker.host(), broker.port()), ErrorCode::Invalid);
}

void tst_Mqtt5::subscriptionRenewsItself()
{
    MosquittoBroker broker;
    QVERIFY2(broker.start(), qPrintable(broker.errorString()));
    const QString topic = uniqueTopic(QStringLiteral("renew"));
    MqttClient client(uniqueClientId(QStringLiteral("renew")));
    client.setProtocolVersion(ProtocolVersion::V5);
    client.setReconnectDelay(1, 1);
    MqttSubscription *sub = client.addSubscription(topic + QStringLiteral("/#"), MqttSubscribeOptions(QoS::ExactlyOnce));
    QVERIFY(sub);
    QCOMPARE(sub->state(), MqttSubscription::State::Pending); // until the client connects
    QSignalSpy messages(sub, &MqttSubscription::messageReceived);
    QSignalSpy lost(&client, &MqttClient::subscriptionsLost);
    QVERIFY(connectTo(client, broker));
    QTRY_COMPARE(sub->state(), MqttSubscription::State::Subscribed);
    QCOMPARE(sub->grantedQos(), int(QoS::ExactlyOnce));

    MqttClient publisher(uniqueClientId(QStringLiteral("renew-pub")));
    QVERIFY(connectTo(publisher, broker));
    publisher.publish(topic + QStringLiteral("/a"), QByteArray("1"), QoS::AtLeastOnce);
    QTRY_COMPARE(messages.size(), 1);

    broker.kill(); // no session kept (clean start): the subscription must come back by itself
    QVERIFY2(broker.restart(), qPrintable(broker.errorString()));
    QTRY_COMPARE_WITH_TIMEOUT(client.state(), ClientState::Connected, 10000);
    QTRY_COMPARE_WITH_TIMEOUT(sub->state(), MqttSubscription::State::Subscribed, Timeout);
    QCOMPARE(lost.size(), 0);
    QTRY_COMPARE_WITH_TIMEOUT(publisher.state(), ClientState::Connected, 10000);
    publisher.publish(topic + QStringLiteral("/b"), QByteArray("2"), QoS::AtLeastOnce);
    QTRY_COMPARE(messages.size(), 2);
    QCOMPARE(messages.last().at(0).value<MqttMessage>().payload(), QByteArray("2"));

    // A second object on the same filter at QoS 0 does not lower the broker's QoS 2, and
    // keeps the broker subscription when the first one leaves.
    MqttSubscription *second = client.addSubscription(topic + QStringLiteral("/#"), MqttSubscribeOptions(QoS::AtMostOnce));
    QTRY_COMPARE(second->state(), MqttSubscription::State::Subscribed);
    QCOMPARE(second->grantedQos(), int(QoS::ExactlyOnce));
    sub->unsubscribe();
    QTRY_COMPARE(sub->state(), MqttSubscription::State::Unsubscribed);
    QVERIFY(client.subscriptions().contains(sub->filter()));
    QSignalSpy secondMessages(second, &MqttSubscription::messageReceived);
    publisher.publish(topic + QStringLiteral("/c"), QByteArray("3"), QoS::AtLeastOnce);
    QTRY_COMPARE(secondMessages.size(), 1);
    QCOMPARE(messages.size(), 2); // the first object no longer receives
    delete second; // the last one: UNSUBSCRIBE
    QTRY_VERIFY(!client.subscriptions().contains(topic + QStringLiteral("/#")));
}

void tst_Mqtt5::subscriptionReportsRefusal()
{
    MqttClient client(uniqueClientId(QStringLiteral("sub-bad")));
    MqttSubscription *bad = client.addSubscription(QStringLiteral("a/#/b"));
    QCOMPARE(bad->state(), MqttSubscription::State::Error);
    QCOMPARE(bad->error(), ErrorCode::Invalid);
    QVERIFY(bad->errorString().contains(QLatin1String("a/#/b")));
    QCOMPARE(client.error(), ErrorCode::Invalid);
}

void tst_Mqtt5::overlappingSubscriptionsGetEachMessageOnce()
{
    // mosquitto sends one copy per matching subscription; MQTT 5 subscription identifiers
    // route each copy to the objects of its filter only.
    const QString base = uniqueTopic(QStringLiteral("overlap"));
    MqttClient publisher(uniqueClientId(QStringLiteral("overlap-pub")));
    QVERIFY(connectTo(publisher, m_broker));
    QVERIFY(publisher.publish(base + QStringLiteral("/temp"), QByteArray("old"), QoS::AtLeastOnce, true).waitForPublish(Timeout));

    MqttClient client(uniqueClientId(QStringLiteral("overlap")));
    client.setProtocolVersion(ProtocolVersion::V5);
    QVERIFY(connectTo(client, m_broker));
    MqttSubscription *all = client.addSubscription(base + QStringLiteral("/#"), MqttSubscribeOptions(QoS::AtLeastOnce));
    MqttSubscription *temp = client.addSubscription(base + QStringLiteral("/temp"), MqttSubscribeOptions(QoS::AtLeastOnce));
    QSignalSpy allMessages(all, &MqttSubscription::messageReceived);
    QSignalSpy tempMessages(temp, &MqttSubscription::messageReceived);
    QTRY_COMPARE(all->state(), MqttSubscription::State::Subscribed);
    QTRY_COMPARE(temp->state(), MqttSubscription::State::Subscribed);
    QTRY_COMPARE(allMessages.size(), 1); // the retained message, once each
    QTRY_COMPARE(tempMessages.size(), 1);

    // A newcomer on "/temp" gets the retained message; the object already there does not
    // get it again.
    MqttSubscription *late = client.addSubscription(base + QStringLiteral("/temp"), MqttSubscribeOptions(QoS::AtLeastOnce));
    QSignalSpy lateMessages(late, &MqttSubscription::messageReceived);
    QTRY_COMPARE(lateMessages.size(), 1);
    QCOMPARE(lateMessages.first().at(0).value<MqttMessage>().payload(), QByteArray("old"));

    publisher.publish(base + QStringLiteral("/temp"), QByteArray("new"), QoS::AtLeastOnce);
    publisher.publish(base + QStringLiteral("/temp"), QByteArray("end"), QoS::AtLeastOnce);
    auto last = [](const QSignalSpy &spy) {
        return spy.isEmpty() ? QByteArray() : spy.last().at(0).value<MqttMessage>().payload();
    };
    // In order on one connection: once "end" arrived everywhere, a duplicate of "new"
    // would have arrived before it.
    QTRY_VERIFY(last(tempMessages) == "end" && last(allMessages) == "end" && last(lateMessages) == "end");
    QCOMPARE(tempMessages.size(), 3);
    QCOMPARE(allMessages.size(), 3);
    QCOMPARE(lateMessages.size(), 3);
    publisher.publish(base + QStringLiteral("/temp"), QByteArray(), QoS::AtLeastOnce, true); // clear the retained one
}

QTEST_GUILESS_MAIN(tst_Mqtt5)
#include "tst_mqtt5.moc"
