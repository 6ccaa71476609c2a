// Copyright (C) 2026 The MqttQt authors.
// SPDX-License-Identifier: BSD-3-Clause
//
// The one-shot helpers (Paho's publish.single/multiple, subscribe.simple/callback):
// MqttPublishJob and MqttSubscribeJob, blocking and asynchronous, against a real
// mosquitto, with every way they can fail.
#include "clienttesting.h"
#include "fakebroker.h"

#include <MqttQt/MqttConnectOptions>
#include <MqttQt/MqttPublishJob>
#include <MqttQt/MqttSubscribeJob>

#include <QtCore/QElapsedTimer>
#include <QtCore/QPointer>
#include <QtCore/QTemporaryDir>
#include <QtCore/QThread>
#include <QtCore/QTimer>
#include <QtNetwork/QTcpServer>
#include <QtNetwork/QTcpSocket>
#include <QtTest/QSignalSpy>
#include <QtTest/QTest>

#include <thread>

using Mqtt::ErrorCode;
using Mqtt::ProtocolVersion;
using Mqtt::QoS;
using Mqtt::ReasonCode;
using namespace ClientTesting;

namespace {

// A subscriber on the test's thread that records what arrives on one filter.
class Listener
{
public:
    explicit Listener(const MosquittoBroker &broker, const QString &filter, QoS qos = QoS::ExactlyOnce,
                      ProtocolVersion version = ProtocolVersion::V5)
        : rec(&client)
    {
        client.setProtocolVersion(version);
        ok = connectTo(client, broker) && subscribeAndWait(client, filter, qos).size() == 1;
    }
    ~Listener()
    {
        if (client.isConnected()) {
            client.disconnectFromHost();
            client.waitForDisconnected(Timeout);
        }
    }
    MqttClient client;
    ClientRecorder rec;
    bool ok = false;
};

MqttConnectOptions optionsFor(const MosquittoBroker &broker, ProtocolVersion version = ProtocolVersion::V3_1_1)
{
    MqttConnectOptions options(broker.host(), broker.tcpPort());
    options.setProtocolVersion(version);
    return options;
}

QList<MqttMessage> numbered(const QString &topic, int count, QoS qos)
{
    QList<MqttMessage> list;
    for (int i = 0; i < count; ++i)
        list.append(MqttMessage(topic, QByteArray::number(i), qos));
    return list;
}

} // namespace

class tst_OneShot : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();

    void connectOptionsAreAValueType();
    void connectOptionsApplyToClient();
    void connectOptionsCarryTransportSettings();
    void jobsOverTlsAndWebSockets();
    void connectOptionsRefusedByClient_data();
    void connectOptionsRefusedByClient();

    void publishSingleReachesSubscriber_data();
    void publishSingleReachesSubscriber();
    void publishMultipleInOrder();
    void publishMultipleMixedQos();
    void publishCarriesPropertiesAndDisconnectsCleanly();
    void publishEmptyListFinishesWithoutConnecting();
    void publishFailures_data();
    void publishFailures();
    void publishRefusedByBrokerNamesTheMessage();
    void publishTimeoutWhenBrokerNeverAnswers();
    void publishJobIsAsynchronous();
    void publishJobAutoDeletes();
    void jobSettersApplyOnlyBeforeStart();

    void subscribeSimpleReturnsFirstMessages();
    void subscribeSimpleRetained_data();
    void subscribeSimpleRetained();
    void subscribeJobDeliversUntilStopped();
    void subscribeCallbackBlocksUntilHandlerStops();
    void subscribeFailures_data();
    void subscribeFailures();
    void subscribeTimeoutKeepsMessagesSoFar();
    void subscribeRefusedBySuback();
    void subscribeWithMqtt5OptionsAndProperties();

    void blockingFormsWorkInThreadWithoutEventLoop();

private:
    MosquittoBroker m_broker;
    MosquittoBroker m_authBroker;
    MosquittoBroker m_aclBroker;
    MosquittoBroker m_secureBroker; // TLS, ws and wss listeners
    QTemporaryDir m_aclDir;
};

void tst_OneShot::initTestCase()
{
    if (!MosquittoBroker::mosquittoAvailable())
        QSKIP("mosquitto, mosquitto_passwd or openssl is not installed");
    QVERIFY2(m_broker.start(), qPrintable(m_broker.errorString()));
    MosquittoBroker::Options auth;
    auth.users.insert(QStringLiteral("alice"), QStringLiteral("secret"));
    auth.allowAnonymous = false;
    QVERIFY2(m_authBroker.start(auth), qPrintable(m_authBroker.errorString()));
    // Anonymous clients may write under allowed/ only; mosquitto answers other PUBLISHes
    // with PUBACK "Not authorized" (0x87) to MQTT 5 clients.
    QVERIFY(m_aclDir.isValid());
    QFile acl(m_aclDir.filePath(QStringLiteral("acl")));
    QVERIFY(acl.open(QIODevice::WriteOnly));
    acl.write("topic readwrite allowed/#\n");
    acl.close();
    MosquittoBroker::Options aclOptions;
    aclOptions.extraConfig = QStringLiteral("acl_file %1\n").arg(acl.fileName());
    QVERIFY2(m_aclBroker.start(aclOptions), qPrintable(m_aclBroker.errorString()));
    MosquittoBroker::Options secure;
    secure.tls = true;
    secure.websockets = true;
    secure.secureWebsockets = true;
    QVERIFY2(m_secureBroker.start(secure), qPrintable(m_secureBroker.errorString()));
}

// ---- MqttConnectOptions ----------------------------------------------------------------

void tst_OneShot::connectOptionsAreAValueType()
{
    const MqttConnectOptions defaults;
    QCOMPARE(defaults.host(), QStringLiteral("localhost"));
    QCOMPARE(defaults.port(), 1883);
    QCOMPARE(defaults.keepAlive(), 60);
    QVERIFY(defaults.cleanSession());
    QVERIFY(defaults.clientId().isEmpty());
    QVERIFY(defaults.will().isNull());
    QVERIFY(defaults.username().isNull());
    QVERIFY(defaults.password().isNull());
    QCOMPARE(defaults.protocolVersion(), ProtocolVersion::V3_1_1);
    QCOMPARE(defaults.transport(), Mqtt::Transport::Tcp);
    QCOMPARE(defaults.connectTimeout(), 30000);

    MqttConnectOptions a(QStringLiteral("127.0.0.1"), 1884);
    MqttConnectOptions b = a; // shared until written
    QCOMPARE(a, b);
    b.setCredentials(QStringLiteral("alice"), QByteArray("\0pw", 3));
    QVERIFY(a != b);
    QVERIFY(a.username().isNull());
    QCOMPARE(b.password(), QByteArray("\0pw", 3));
    // A null and an empty password differ: one sends no password, the other an empty one.
    MqttConnectOptions c = a;
    c.setPassword(QByteArray(""));
    QVERIFY(c != a);

    QString printed;
    QDebug(&printed) << b;
    QVERIFY2(printed.contains(QStringLiteral("127.0.0.1")) && printed.contains(QStringLiteral("1884")), qPrintable(printed));
    QVERIFY2(!printed.contains(QStringLiteral("pw")), qPrintable(printed)); // never the password

    // Readable by name, as QML and bindings see it.
    const QVariant v = QVariant::fromValue(b);
    QCOMPARE(v.value<MqttConnectOptions>(), b);
    const QMetaObject &mo = MqttConnectOptions::staticMetaObject;
    QCOMPARE(mo.property(mo.indexOfProperty("port")).readOnGadget(&b).toInt(), 1884);
}

void tst_OneShot::connectOptionsApplyToClient()
{
    MqttConnectOptions options(QStringLiteral("broker.invalid"), 1999);
    options.setClientId(QStringLiteral("applied"));
    options.setKeepAlive(15);
    options.setCleanSession(false);
    options.setCredentials(QStringLiteral("u"), QByteArray("p"));
    options.setProtocolVersion(ProtocolVersion::V5);
    MqttProperties props;
    props.setInteger(Mqtt::PropertyId::SessionExpiryInterval, 60);
    options.setConnectProperties(props);
    MqttProperties willProps;
    willProps.setInteger(Mqtt::PropertyId::WillDelayInterval, 5);
    options.setWill(MqttWill(QStringLiteral("w"), "bye", QoS::AtLeastOnce, true, willProps));
    options.setBindAddress(QStringLiteral("127.0.0.1"));
    options.setConnectTimeout(1234);

    MqttClient client;
    QString why = QStringLiteral("stale");
    QCOMPARE(options.applyTo(&client, &why), ErrorCode::NoError);
    QVERIFY(why.isEmpty());
    QCOMPARE(client.host(), options.host());
    QCOMPARE(client.port(), 1999);
    QCOMPARE(client.clientId(), QStringLiteral("applied"));
    QCOMPARE(client.keepAlive(), 15);
    QVERIFY(!client.cleanSession());
    QCOMPARE(client.username(), QStringLiteral("u"));
    QCOMPARE(client.password(), QByteArray("p"));
    QCOMPARE(client.protocolVersion(), ProtocolVersion::V5);
    QCOMPARE(client.connectProperties(), props);
    QCOMPARE(client.will(), options.will());
    QCOMPARE(client.bindAddress(), QStringLiteral("127.0.0.1"));
    QCOMPARE(client.connectTimeout(), 1234);

    // Applying defaults clears what was set.
    QCOMPARE(MqttConnectOptions().applyTo(&client), ErrorCode::NoError);
    QVERIFY(client.will().isNull());
    QVERIFY(client.username().isNull());
    QVERIFY(client.connectProperties().isEmpty());
    QVERIFY(client.clientId().startsWith(QStringLiteral("mqttqt-"))); // generated

    QCOMPARE(options.applyTo(nullptr, &why), ErrorCode::Invalid);
    QVERIFY(!why.isEmpty());
}

// TLS, WebSocket and proxy settings are part of the value and reach the client.
void tst_OneShot::connectOptionsCarryTransportSettings()
{
    MqttConnectOptions a;
    QVERIFY(!a.isTlsEnabled());
    QCOMPARE(a.proxy().type(), QNetworkProxy::NoProxy);
    MqttConnectOptions b = a;
    MqttTlsOptions tls;
    QVERIFY(tls.setCaCertificatesFile(m_secureBroker.caCertificatePath()));
    b.setTlsOptions(tls);
    QVERIFY(b.isTlsEnabled());
    QVERIFY(a != b);
    QCOMPARE(b.tlsOptions(), tls);
    b.clearTlsOptions();
    QCOMPARE(a, b);
    MqttWebSocketOptions ws;
    QVERIFY(ws.setPath(QStringLiteral("/broker/mqtt")));
    b.setWebSocketOptions(ws);
    QVERIFY(a != b);
    b = a;
    b.setProxy(QNetworkProxy(QNetworkProxy::Socks5Proxy, QStringLiteral("127.0.0.1"), 1080));
    QVERIFY(a != b);

    MqttConnectOptions options(QStringLiteral("127.0.0.1"), 8883);
    options.setTransport(Mqtt::Transport::WebSockets);
    options.setTlsOptions(tls);
    options.setWebSocketOptions(ws);
    options.setProxy(QNetworkProxy(QNetworkProxy::HttpProxy, QStringLiteral("127.0.0.1"), 3128));
    MqttClient client;
    QCOMPARE(options.applyTo(&client), ErrorCode::NoError);
    QVERIFY(client.isTlsEnabled());
    QCOMPARE(client.tlsOptions(), tls);
    QCOMPARE(client.webSocketOptions(), ws);
    QCOMPARE(client.transport(), Mqtt::Transport::WebSockets);
    QCOMPARE(client.proxy().type(), QNetworkProxy::HttpProxy);
    QCOMPARE(client.proxy().port(), quint16(3128));
    // Defaults take them off again.
    QCOMPARE(MqttConnectOptions().applyTo(&client), ErrorCode::NoError);
    QVERIFY(!client.isTlsEnabled());
    QCOMPARE(client.transport(), Mqtt::Transport::Tcp);
    QCOMPARE(client.proxy().type(), QNetworkProxy::NoProxy);
}

// The one-shot helpers over TLS and secure WebSockets, against the real broker: publish
// over TLS, receive as retained over wss; a wrong CA fails with the TLS error.
void tst_OneShot::jobsOverTlsAndWebSockets()
{
    const QString topic = uniqueTopic(QStringLiteral("secure"));
    MqttTlsOptions tls;
    QVERIFY(tls.setCaCertificatesFile(m_secureBroker.caCertificatePath()));
    MqttConnectOptions overTls(m_secureBroker.host(), m_secureBroker.tlsPort());
    overTls.setTlsOptions(tls);
    QString why;
    QCOMPARE(MqttPublishJob::single(MqttMessage(topic, "over TLS", QoS::AtLeastOnce, true), overTls, Timeout, &why),
             ErrorCode::NoError);
    QVERIFY2(why.isEmpty(), qPrintable(why));

    MqttConnectOptions overWss(m_secureBroker.host(), m_secureBroker.wssPort());
    overWss.setTransport(Mqtt::Transport::WebSockets);
    overWss.setTlsOptions(tls);
    const QList<MqttMessage> got = MqttSubscribeJob::simple({ topic }, overWss, 1,
                                                            MqttSubscribeJob::RetainedMessages::IncludeRetained, Timeout);
    QCOMPARE(got.size(), 1);
    QCOMPARE(got.first().payload(), QByteArray("over TLS"));
    QVERIFY(got.first().retain());

    MqttConnectOptions overWs(m_secureBroker.host(), m_secureBroker.wsPort());
    overWs.setTransport(Mqtt::Transport::WebSockets);
    QCOMPARE(MqttPublishJob::single(MqttMessage(topic, {}, QoS::AtLeastOnce, true), overWs), ErrorCode::NoError); // clear

    MqttTlsOptions wrongCa;
    QVERIFY(wrongCa.setCaCertificatesFile(m_secureBroker.otherCaCertificatePath()));
    overTls.setTlsOptions(wrongCa);
    const ErrorCode code = MqttPublishJob::single(MqttMessage(topic, "x"), overTls, Timeout, &why);
    QVERIFY2(code != ErrorCode::NoError && why.contains(QStringLiteral("certificate"), Qt::CaseInsensitive), qPrintable(why));
}

void tst_OneShot::connectOptionsRefusedByClient_data()
{
    QTest::addColumn<MqttConnectOptions>("options");
    QTest::addColumn<QString>("named"); // a word errorString() must contain
    MqttConnectOptions o;
    o.setPort(-2); // 0 is valid: local sockets and devices have no port
    QTest::newRow("port -2") << o << QStringLiteral("port");
    o = {};
    o.setPort(70000);
    QTest::newRow("port 70000") << o << QStringLiteral("port");
    o = {};
    o.setKeepAlive(-1);
    QTest::newRow("keepalive") << o << QStringLiteral("keepAlive");
    o = {};
    o.setBindAddress(QStringLiteral("not-an-address"));
    QTest::newRow("bind address") << o << QStringLiteral("not-an-address");
    o = {};
    o.setConnectTimeout(0);
    QTest::newRow("connect timeout") << o << QStringLiteral("connectTimeout");
    o = {};
    o.setProtocolVersion(Mqtt::ProtocolVersion(7));
    QTest::newRow("protocol 7") << o << QStringLiteral("protocolVersion");
    o = {};
    o.setWill(MqttWill(QStringLiteral("a/+"), "x"));
    QTest::newRow("will wildcard") << o << QStringLiteral("a/+");
    o = {};
    MqttProperties willProps;
    willProps.setInteger(Mqtt::PropertyId::WillDelayInterval, 5);
    o.setWill(MqttWill(QStringLiteral("w"), "x", QoS::AtMostOnce, false, willProps));
    QTest::newRow("will properties with 3.1.1") << o << QStringLiteral("MQTT 5");
    o = {};
    o.setProtocolVersion(ProtocolVersion::V5);
    MqttProperties bad;
    bad.setInteger(Mqtt::PropertyId::TopicAlias, 3); // not allowed in CONNECT
    o.setConnectProperties(bad);
    QTest::newRow("connect property not allowed") << o << QStringLiteral("TopicAlias");
}

void tst_OneShot::connectOptionsRefusedByClient()
{
    QFETCH(MqttConnectOptions, options);
    QFETCH(QString, named);
    MqttClient client;
    QString why;
    QCOMPARE(options.applyTo(&client, &why), ErrorCode::Invalid);
    QVERIFY2(why.contains(named, Qt::CaseInsensitive), qPrintable(why));
    QCOMPARE(client.errorString(), why);

    // The jobs report the same refusal, before connecting.
    QString jobWhy;
    QCOMPARE(MqttPublishJob::single(MqttMessage(QStringLiteral("t"), "x"), options, Timeout, &jobWhy), ErrorCode::Invalid);
    QCOMPARE(jobWhy, why);
}

// ---- publishing ------------------------------------------------------------------------

void tst_OneShot::publishSingleReachesSubscriber_data()
{
    QTest::addColumn<ProtocolVersion>("version");
    QTest::addColumn<QoS>("qos");
    QTest::addColumn<bool>("retain");
    for (const ProtocolVersion v : { ProtocolVersion::V3_1, ProtocolVersion::V3_1_1, ProtocolVersion::V5 }) {
        for (const QoS q : { QoS::AtMostOnce, QoS::AtLeastOnce, QoS::ExactlyOnce }) {
            const QByteArray name = QByteArray("MQTT ") + QByteArray::number(int(v)) + " QoS " + QByteArray::number(int(q));
            QTest::newRow(name.constData()) << v << q << false;
        }
    }
    QTest::newRow("retained, QoS 1") << ProtocolVersion::V3_1_1 << QoS::AtLeastOnce << true;
}

void tst_OneShot::publishSingleReachesSubscriber()
{
    QFETCH(ProtocolVersion, version);
    QFETCH(QoS, qos);
    QFETCH(bool, retain);
    const QString topic = uniqueTopic(QStringLiteral("single"));
    Listener listener(m_broker, topic);
    QVERIFY(listener.ok);

    MqttConnectOptions options = optionsFor(m_broker, version);
    options.setClientId(uniqueClientId(QStringLiteral("single")));
    const QByteArray payload("hello \x00\xff binary", 15);
    QString why = QStringLiteral("stale");
    QCOMPARE(MqttPublishJob::single(MqttMessage(topic, payload, qos, retain), options, Timeout, &why), ErrorCode::NoError);
    QVERIFY2(why.isEmpty(), qPrintable(why));
    QTRY_COMPARE_WITH_TIMEOUT(listener.rec.messages.size(), 1, Timeout);
    const MqttMessage got = listener.rec.messages.first();
    QCOMPARE(got.topic(), topic);
    QCOMPARE(got.payload(), payload);
    QCOMPARE(got.qos(), qos);
    if (retain) {
        // A later subscriber gets it as retained: the job's message really was retained.
        const QList<MqttMessage> later = MqttSubscribeJob::simple({ topic }, optionsFor(m_broker), 1,
                                                                 MqttSubscribeJob::RetainedMessages::IncludeRetained,
                                                                 Timeout);
        QCOMPARE(later.size(), 1);
        QVERIFY(later.first().retain());
        QCOMPARE(MqttPublishJob::single(MqttMessage(topic, {}, QoS::AtLeastOnce, true), optionsFor(m_broker)),
                 ErrorCode::NoError); // clear it
    }
    // The job said goodbye: the broker logs a clean disconnection of this client.
    QTRY_VERIFY_WITH_TIMEOUT(m_broker.log().contains(QStringLiteral("Client %1 disconnected.").arg(options.clientId())),
                             Timeout);
}

void tst_OneShot::publishMultipleInOrder()
{
    const QString topic = uniqueTopic(QStringLiteral("multiple"));
    Listener listener(m_broker, topic, QoS::AtLeastOnce);
    QVERIFY(listener.ok);
    const QList<MqttMessage> messages = numbered(topic, 200, QoS::AtLeastOnce);

    MqttPublishJob job(messages, optionsFor(m_broker));
    QList<int> indices;
    connect(&job, &MqttPublishJob::messagePublished, this, [&](int index, int mid) {
        QVERIFY(mid > 0);
        indices.append(index);
    });
    QSignalSpy finished(&job, &MqttPublishJob::finished);
    QVERIFY2(job.exec(), qPrintable(job.errorString()));
    QCOMPARE(finished.size(), 1);
    QCOMPARE(job.state(), MqttPublishJob::State::Finished);
    QCOMPARE(job.publishedCount(), 200);
    QCOMPARE(job.failedMessageIndex(), -1);
    QCOMPARE(indices.size(), 200);
    QList<int> expected;
    for (int i = 0; i < 200; ++i)
        expected.append(i);
    QCOMPARE(indices, expected); // QoS 1 acknowledgements come in order
    QTRY_COMPARE_WITH_TIMEOUT(listener.rec.messages.size(), 200, Timeout);
    QList<QByteArray> payloads;
    for (const MqttMessage &m : messages)
        payloads.append(m.payload());
    QCOMPARE(listener.rec.payloads(), payloads);
    QCOMPARE(job.client()->state(), Mqtt::ClientState::Disconnected);
}

void tst_OneShot::publishMultipleMixedQos()
{
    const QString topic = uniqueTopic(QStringLiteral("mixed"));
    Listener listener(m_broker, topic);
    QVERIFY(listener.ok);
    QList<MqttMessage> messages;
    for (int i = 0; i < 30; ++i)
        messages.append(MqttMessage(topic, QByteArray::number(i), QoS(i % 3)));
    QString why;
    QCOMPARE(MqttPublishJob::multiple(messages, optionsFor(m_broker, ProtocolVersion::V5), Timeout, &why), ErrorCode::NoError);
    QTRY_COMPARE_WITH_TIMEOUT(listener.rec.messages.size(), 30, Timeout);
    QSet<QByteArray> got;
    for (const MqttMessage &m : std::as_const(listener.rec.messages)) {
        QCOMPARE(int(m.qos()), m.payload().toInt() % 3);
        got.insert(m.payload());
    }
    QCOMPARE(got.size(), 30);
}

void tst_OneShot::publishCarriesPropertiesAndDisconnectsCleanly()
{
    const QString topic = uniqueTopic(QStringLiteral("props"));
    const QString willTopic = uniqueTopic(QStringLiteral("props-will"));
    Listener listener(m_broker, topic);
    QVERIFY(listener.ok);
    Listener willListener(m_broker, willTopic);
    QVERIFY(willListener.ok);

    MqttProperties props;
    QVERIFY(props.addUserProperty(QStringLiteral("k"), QStringLiteral("v1")));
    QVERIFY(props.addUserProperty(QStringLiteral("k"), QStringLiteral("v2")));
    QVERIFY(props.setString(Mqtt::PropertyId::ContentType, QStringLiteral("text/plain")));
    MqttConnectOptions options = optionsFor(m_broker, ProtocolVersion::V5);
    MqttProperties connectProps;
    connectProps.setInteger(Mqtt::PropertyId::SessionExpiryInterval, 0);
    options.setConnectProperties(connectProps);
    options.setWill(MqttWill(willTopic, "the job died", QoS::AtLeastOnce));
    QCOMPARE(MqttPublishJob::single(MqttMessage(topic, "with props", QoS::AtLeastOnce, false, props), options),
             ErrorCode::NoError);
    QTRY_COMPARE_WITH_TIMEOUT(listener.rec.messages.size(), 1, Timeout);
    const MqttProperties got = listener.rec.messages.first().properties();
    QCOMPARE(got.userProperties(), props.userProperties());
    QCOMPARE(got.string(Mqtt::PropertyId::ContentType), std::optional<QString>(QStringLiteral("text/plain")));

    // A clean DISCONNECT: the will is not published. A marker published after it arrives
    // on the same broker; had the will been sent, it would have come first.
    QCOMPARE(MqttPublishJob::single(MqttMessage(willTopic, "marker", QoS::AtLeastOnce), optionsFor(m_broker)),
             ErrorCode::NoError);
    QTRY_COMPARE_WITH_TIMEOUT(willListener.rec.messages.size(), 1, Timeout);
    QCOMPARE(willListener.rec.messages.first().payload(), QByteArray("marker"));
}

void tst_OneShot::publishEmptyListFinishesWithoutConnecting()
{
    MqttPublishJob job(QList<MqttMessage>(), MqttConnectOptions(QStringLiteral("127.0.0.1"), unusedLoopbackPort()));
    QSignalSpy socketOpened(job.client(), &MqttClient::socketOpened);
    QSignalSpy errors(job.client(), &MqttClient::errorOccurred);
    QVERIFY(job.exec());
    QCOMPARE(job.error(), ErrorCode::NoError);
    QCOMPARE(socketOpened.size(), 0);
    QCOMPARE(errors.size(), 0);
}

void tst_OneShot::publishFailures_data()
{
    QTest::addColumn<QList<MqttMessage>>("messages");
    QTest::addColumn<int>("broker"); // 0 anonymous, 1 with passwords, 2 none listening
    QTest::addColumn<MqttConnectOptions>("options");
    QTest::addColumn<ErrorCode>("error");
    QTest::addColumn<int>("failedIndex");
    QTest::addColumn<QList<ReasonCode>>("reasonCodes"); // acceptable reasonCode() values
    QTest::addColumn<QString>("named");                 // a word errorString() must contain

    const QString t = QStringLiteral("mqttqt-test/failures");
    const QList<ReasonCode> none = { ReasonCode::Success };
    const QList<MqttMessage> one = { MqttMessage(t, "x", QoS::AtLeastOnce) };
    MqttConnectOptions v311;
    MqttConnectOptions v5;
    v5.setProtocolVersion(ProtocolVersion::V5);

    QTest::newRow("broker down") << one << 2 << v311 << ErrorCode::ConnectionRefused << -1 << none
                                 << QStringLiteral("refused");
    MqttConnectOptions wrong = v311;
    wrong.setCredentials(QStringLiteral("alice"), "wrong");
    QTest::newRow("wrong password, 3.1.1") << one << 1 << wrong << ErrorCode::ConnectionRefused << -1
                                           << QList<ReasonCode>{ ReasonCode::NotAuthorized } << QStringLiteral("authori");
    wrong.setProtocolVersion(ProtocolVersion::V5);
    QTest::newRow("wrong password, 5.0")
            << one << 1 << wrong << ErrorCode::ConnectionRefused << -1
            << QList<ReasonCode>{ ReasonCode::BadUserNameOrPassword, ReasonCode::NotAuthorized } << QStringLiteral("refused");
    QTest::newRow("anonymous where forbidden") << one << 1 << v311 << ErrorCode::ConnectionRefused << -1
                                               << QList<ReasonCode>{ ReasonCode::NotAuthorized } << QStringLiteral("authori");

    const QList<MqttMessage> wildcard = { MqttMessage(t, "0"), MqttMessage(QStringLiteral("a/+/b"), "1"),
                                          MqttMessage(t, "2") };
    QTest::newRow("wildcard topic") << wildcard << 0 << v311 << ErrorCode::Invalid << 1 << none << QStringLiteral("a/+/b");
    const QList<MqttMessage> empty = { MqttMessage(t, "0"), MqttMessage(t, "1"), MqttMessage(QString(), "2") };
    QTest::newRow("empty topic") << empty << 0 << v311 << ErrorCode::Invalid << 2 << none << QStringLiteral("message 2");
    const QList<MqttMessage> badQos = { MqttMessage(t, "0", QoS(3)) };
    QTest::newRow("QoS 3") << badQos << 0 << v311 << ErrorCode::Invalid << 0 << none << QStringLiteral("QoS 3");
    MqttProperties props;
    props.addUserProperty(QStringLiteral("k"), QStringLiteral("v"));
    const QList<MqttMessage> withProps = { MqttMessage(t, "0", QoS::AtMostOnce, false, props) };
    QTest::newRow("properties with 3.1.1") << withProps << 0 << v311 << ErrorCode::Invalid << 0 << none
                                           << QStringLiteral("MQTT 5");
    MqttProperties subId;
    subId.addSubscriptionIdentifier(4);
    const QList<MqttMessage> withSubId = { MqttMessage(t, "0"), MqttMessage(t, "1", QoS::AtMostOnce, false, subId) };
    QTest::newRow("property not allowed in PUBLISH") << withSubId << 0 << v5 << ErrorCode::Invalid << 1 << none
                                                     << QStringLiteral("SubscriptionIdentifier");
}

void tst_OneShot::publishFailures()
{
    QFETCH(QList<MqttMessage>, messages);
    QFETCH(int, broker);
    QFETCH(MqttConnectOptions, options);
    QFETCH(ErrorCode, error);
    QFETCH(int, failedIndex);
    QFETCH(QList<ReasonCode>, reasonCodes);
    QFETCH(QString, named);

    const MosquittoBroker &target = broker == 1 ? m_authBroker : m_broker;
    options.setHost(target.host());
    options.setPort(broker == 2 ? unusedLoopbackPort() : target.tcpPort());
    Listener listener(m_broker, QStringLiteral("mqttqt-test/failures"));
    QVERIFY(listener.ok);

    MqttPublishJob job(messages, options);
    QSignalSpy finished(&job, &MqttPublishJob::finished);
    QElapsedTimer timer;
    timer.start();
    QVERIFY(!job.exec());
    QVERIFY2(timer.elapsed() < 3000, qPrintable(QString::number(timer.elapsed()))); // fails fast, no retry
    QCOMPARE(finished.size(), 1);
    QCOMPARE(job.error(), error);
    QCOMPARE(job.failedMessageIndex(), failedIndex);
    QVERIFY2(reasonCodes.contains(job.reasonCode()), qPrintable(Mqtt::reasonCodeString(job.reasonCode())));
    QVERIFY2(job.errorString().contains(named, Qt::CaseInsensitive), qPrintable(job.errorString()));
    QCOMPARE(job.publishedCount(), 0);
    QCOMPARE(job.client()->state(), Mqtt::ClientState::Disconnected);
    if (failedIndex >= 0) {
        // Refused before connecting: nothing at all was sent, not even the valid messages
        // before the bad one. A marker sent afterwards is the first thing to arrive.
        QCOMPARE(MqttPublishJob::single(MqttMessage(QStringLiteral("mqttqt-test/failures"), "marker", QoS::AtLeastOnce),
                                        optionsFor(m_broker)),
                 ErrorCode::NoError);
        QTRY_COMPARE_WITH_TIMEOUT(listener.rec.messages.size(), 1, Timeout);
        QCOMPARE(listener.rec.messages.first().payload(), QByteArray("marker"));
    }
}

void tst_OneShot::publishRefusedByBrokerNamesTheMessage()
{
    // MQTT 5: mosquitto's ACL refuses the second message with PUBACK 0x87.
    const QList<MqttMessage> messages = { MqttMessage(QStringLiteral("allowed/a"), "0", QoS::AtLeastOnce),
                                          MqttMessage(QStringLiteral("denied/b"), "1", QoS::AtLeastOnce),
                                          MqttMessage(QStringLiteral("allowed/c"), "2", QoS::AtLeastOnce) };
    MqttPublishJob job(messages, optionsFor(m_aclBroker, ProtocolVersion::V5));
    QVERIFY(!job.exec());
    QCOMPARE(job.error(), ErrorCode::AclDenied);
    QCOMPARE(job.failedMessageIndex(), 1);
    QCOMPARE(job.reasonCode(), ReasonCode::NotAuthorized);
    QVERIFY2(job.errorString().contains(QStringLiteral("message 1")) && job.errorString().contains(QStringLiteral("denied/b")),
             qPrintable(job.errorString()));
    QCOMPARE(job.client()->state(), Mqtt::ClientState::Disconnected);
}

void tst_OneShot::publishTimeoutWhenBrokerNeverAnswers()
{
    // A TCP listener that accepts and never says a word: no CONNACK ever.
    QTcpServer silent;
    QVERIFY(silent.listen(QHostAddress::LocalHost));
    MqttPublishJob job(MqttMessage(QStringLiteral("t"), "x", QoS::AtLeastOnce),
                       MqttConnectOptions(QStringLiteral("127.0.0.1"), silent.serverPort()));
    job.setTimeout(300);
    QElapsedTimer timer;
    timer.start();
    QVERIFY(!job.exec());
    const qint64 elapsed = timer.elapsed();
    QVERIFY2(elapsed >= 300 && elapsed < 2500, qPrintable(QString::number(elapsed)));
    QCOMPARE(job.error(), ErrorCode::Timeout);
    QVERIFY2(job.errorString().contains(QStringLiteral("300 ms")), qPrintable(job.errorString()));
    QCOMPARE(job.failedMessageIndex(), -1);

    // The same with a broker that accepts the connection but never acknowledges.
    FakeBroker fake;
    QVERIFY(fake.listen());
    fake.expectPacket(FakeBroker::Connect)
            .send(FakeBroker::hex("20 02 00 00"), QStringLiteral("CONNACK accepted"))
            .expectPacket(FakeBroker::Publish);
    MqttPublishJob unacked(numbered(QStringLiteral("t"), 3, QoS::AtLeastOnce),
                           MqttConnectOptions(fake.host(), fake.port()));
    unacked.setTimeout(500);
    QVERIFY(!unacked.exec());
    QCOMPARE(unacked.error(), ErrorCode::Timeout);
    QVERIFY2(unacked.errorString().contains(QStringLiteral("0 of 3")), qPrintable(unacked.errorString()));
    QVERIFY2(fake.waitForScript(Timeout), qPrintable(fake.failure()));
}

void tst_OneShot::publishJobIsAsynchronous()
{
    const QString topic = uniqueTopic(QStringLiteral("async"));
    Listener listener(m_broker, topic);
    QVERIFY(listener.ok);
    auto *job = new MqttPublishJob(numbered(topic, 20, QoS::ExactlyOnce), optionsFor(m_broker), this);
    QSignalSpy finished(job, &MqttPublishJob::finished);
    QSignalSpy states(job, &MqttPublishJob::stateChanged);
    int ticks = 0;
    QTimer ticker;
    connect(&ticker, &QTimer::timeout, this, [&] { ++ticks; });
    ticker.start(0); // fires whenever the loop is idle
    job->start();
    QCOMPARE(job->state(), MqttPublishJob::State::Running);
    QCOMPARE(finished.size(), 0); // never from inside start()
    job->start();                 // a second start() does nothing
    QVERIFY(finished.wait(Timeout));
    QVERIFY(ticks > 0); // the caller's event loop kept running meanwhile
    QCOMPARE(finished.size(), 1);
    QCOMPARE(job->error(), ErrorCode::NoError);
    QCOMPARE(states.size(), 2);
    QCOMPARE(states.at(1).at(0).value<MqttPublishJob::State>(), MqttPublishJob::State::Finished);
    QTRY_COMPARE_WITH_TIMEOUT(listener.rec.messages.size(), 20, Timeout);
    QVERIFY(job->exec()); // after the end: returns the outcome at once
    QCOMPARE(finished.size(), 1);

    // Even a refusal known in start() arrives from the event loop.
    auto *bad = new MqttPublishJob(MqttMessage(QStringLiteral("#"), "x"), optionsFor(m_broker), this);
    QSignalSpy badFinished(bad, &MqttPublishJob::finished);
    bad->start();
    QCOMPARE(badFinished.size(), 0);
    QVERIFY(badFinished.wait(Timeout));
    QCOMPARE(bad->error(), ErrorCode::Invalid);
    delete job;
    delete bad;
}

void tst_OneShot::publishJobAutoDeletes()
{
    QPointer<MqttPublishJob> job = new MqttPublishJob(MqttMessage(uniqueTopic(QStringLiteral("auto")), "x"),
                                                      optionsFor(m_broker));
    job->setAutoDelete(true);
    bool ok = false;
    connect(job, &MqttPublishJob::finished, this, [&] { ok = job->error() == ErrorCode::NoError; });
    job->start();
    QTRY_VERIFY_WITH_TIMEOUT(job.isNull(), Timeout);
    QVERIFY(ok);
}

void tst_OneShot::jobSettersApplyOnlyBeforeStart()
{
    MqttPublishJob job;
    QSignalSpy changed(&job, &MqttPublishJob::messagesChanged);
    const QList<MqttMessage> one = { MqttMessage(QStringLiteral("#"), "x") };
    job.setMessages(one);
    job.setMessages(one);
    QCOMPARE(changed.size(), 1); // only on change
    QCOMPARE(job.timeout(), MqttPublishJob::DefaultTimeout);
    job.start();
    job.setMessages({});
    job.setTimeout(5);
    QCOMPARE(job.messages(), one);
    QCOMPARE(job.timeout(), MqttPublishJob::DefaultTimeout);
    QVERIFY(!job.exec());

    MqttSubscribeJob sub;
    QCOMPARE(sub.messageCount(), 1);
    QCOMPARE(sub.retainedMessages(), MqttSubscribeJob::RetainedMessages::SkipRetained);
    QCOMPARE(sub.timeout(), 0);
    sub.setMessageCount(-5);
    QCOMPARE(sub.messageCount(), 0);
    sub.start(); // no topics
    sub.setTopics({ QStringLiteral("a") });
    QVERIFY(sub.topics().isEmpty());
    QVERIFY(!sub.exec());
    QCOMPARE(sub.error(), ErrorCode::Invalid);
}

// ---- subscribing -----------------------------------------------------------------------

void tst_OneShot::subscribeSimpleReturnsFirstMessages()
{
    const QString topic = uniqueTopic(QStringLiteral("simple"));
    MqttSubscribeJob job({ topic + QStringLiteral("/#") }, optionsFor(m_broker));
    job.setMessageCount(3);
    job.setSubscribeOptions(QoS::AtLeastOnce);
    job.setTimeout(Timeout);
    QList<MqttMessage> seen;
    connect(&job, &MqttSubscribeJob::messageReceived, this, [&](const MqttMessage &m) { seen.append(m); });
    // Publish only once the subscription is granted: nothing can be missed.
    connect(&job, &MqttSubscribeJob::subscribed, this, [&] {
        auto *publisher = new MqttPublishJob(numbered(topic + QStringLiteral("/x"), 5, QoS::AtLeastOnce),
                                             optionsFor(m_broker), &job);
        publisher->start();
    });
    QVERIFY2(job.exec(), qPrintable(job.errorString()));
    QCOMPARE(job.receivedCount(), 3);
    QCOMPARE(job.messages().size(), 3);
    QCOMPARE(seen, job.messages());
    for (int i = 0; i < 3; ++i) {
        QCOMPARE(job.messages().at(i).payload(), QByteArray::number(i));
        QCOMPARE(job.messages().at(i).qos(), QoS::AtLeastOnce);
    }
    QCOMPARE(job.client()->state(), Mqtt::ClientState::Disconnected);
}

void tst_OneShot::subscribeSimpleRetained_data()
{
    QTest::addColumn<MqttSubscribeJob::RetainedMessages>("retained");
    QTest::newRow("skipped by default") << MqttSubscribeJob::RetainedMessages::SkipRetained;
    QTest::newRow("included") << MqttSubscribeJob::RetainedMessages::IncludeRetained;
}

void tst_OneShot::subscribeSimpleRetained()
{
    QFETCH(MqttSubscribeJob::RetainedMessages, retained);
    const QString topic = uniqueTopic(QStringLiteral("retained"));
    QCOMPARE(MqttPublishJob::single(MqttMessage(topic, "old", QoS::AtLeastOnce, true), optionsFor(m_broker)),
             ErrorCode::NoError);
    MqttSubscribeJob job({ topic }, optionsFor(m_broker));
    job.setRetainedMessages(retained);
    job.setTimeout(Timeout);
    connect(&job, &MqttSubscribeJob::subscribed, this, [&] {
        (new MqttPublishJob(MqttMessage(topic, "new", QoS::AtLeastOnce), optionsFor(m_broker), &job))->start();
    });
    QVERIFY2(job.exec(), qPrintable(job.errorString()));
    QCOMPARE(job.messages().size(), 1);
    const bool include = retained == MqttSubscribeJob::RetainedMessages::IncludeRetained;
    QCOMPARE(job.messages().first().payload(), include ? QByteArray("old") : QByteArray("new"));
    QCOMPARE(job.messages().first().retain(), include);
    QCOMPARE(MqttPublishJob::single(MqttMessage(topic, {}, QoS::AtLeastOnce, true), optionsFor(m_broker)),
             ErrorCode::NoError);
}

void tst_OneShot::subscribeJobDeliversUntilStopped()
{
    const QString topic = uniqueTopic(QStringLiteral("callback"));
    MqttSubscribeJob job({ topic }, optionsFor(m_broker, ProtocolVersion::V5));
    job.setMessageCount(0); // until stopped
    job.setSubscribeOptions(QoS::ExactlyOnce);
    QSignalSpy finished(&job, &MqttSubscribeJob::finished);
    QSignalSpy subscribed(&job, &MqttSubscribeJob::subscribed);
    QList<QByteArray> payloads;
    connect(&job, &MqttSubscribeJob::messageReceived, this, [&](const MqttMessage &m) {
        payloads.append(m.payload());
        if (payloads.size() == 10)
            job.stop();
    });
    job.start();
    QVERIFY(subscribed.wait(Timeout));
    QCOMPARE(MqttPublishJob::multiple(numbered(topic, 12, QoS::ExactlyOnce), optionsFor(m_broker)), ErrorCode::NoError);
    QVERIFY(finished.size() == 1 || finished.wait(Timeout));
    QCOMPARE(job.error(), ErrorCode::NoError);
    QCOMPARE(payloads.size(), 10); // nothing after stop()
    QCOMPARE(job.receivedCount(), 10);
    QVERIFY(job.messages().isEmpty()); // nothing kept without a count
    job.stop();                        // after the end: nothing
    QCOMPARE(finished.size(), 1);
}

void tst_OneShot::subscribeCallbackBlocksUntilHandlerStops()
{
    const QString topic = uniqueTopic(QStringLiteral("static-callback"));
    // The static form blocks this thread, running its event loop: a publisher on the same
    // loop sends a message every 20 ms until the handler has seen four.
    MqttClient publisher;
    QVERIFY(connectTo(publisher, m_broker));
    int sent = 0;
    QTimer pump;
    connect(&pump, &QTimer::timeout, this, [&] { publisher.publish(topic, QByteArray::number(sent++), QoS::AtLeastOnce); });
    pump.start(20);
    QList<QByteArray> seen;
    QThread *handlerThread = nullptr;
    QString why;
    const ErrorCode rc = MqttSubscribeJob::callback(
            [&](MqttSubscribeJob *job, const MqttMessage &message) {
                handlerThread = QThread::currentThread();
                seen.append(message.payload());
                if (seen.size() == 4)
                    job->stop();
            },
            { topic }, optionsFor(m_broker), Timeout, &why);
    pump.stop();
    QCOMPARE(rc, ErrorCode::NoError);
    QVERIFY2(why.isEmpty(), qPrintable(why));
    QCOMPARE(seen.size(), 4);
    QCOMPARE(handlerThread, QThread::currentThread());
    for (int i = 1; i < seen.size(); ++i)
        QCOMPARE(seen.at(i).toInt(), seen.at(i - 1).toInt() + 1);
    publisher.disconnectFromHost();
    QVERIFY(publisher.waitForDisconnected(Timeout));
}

void tst_OneShot::subscribeFailures_data()
{
    QTest::addColumn<QStringList>("topics");
    QTest::addColumn<int>("broker"); // 0 anonymous, 1 with passwords, 2 none listening
    QTest::addColumn<MqttConnectOptions>("options");
    QTest::addColumn<MqttSubscribeOptions>("subscribeOptions");
    QTest::addColumn<ErrorCode>("error");
    QTest::addColumn<int>("failedIndex");
    QTest::addColumn<QString>("named");

    const QStringList ok = { QStringLiteral("mqttqt-test/sub-failures") };
    MqttConnectOptions v311;
    QTest::newRow("broker down") << ok << 2 << v311 << MqttSubscribeOptions() << ErrorCode::ConnectionRefused << -1
                                 << QStringLiteral("refused");
    MqttConnectOptions wrong;
    wrong.setCredentials(QStringLiteral("alice"), "wrong");
    QTest::newRow("wrong password") << ok << 1 << wrong << MqttSubscribeOptions() << ErrorCode::ConnectionRefused << -1
                                    << QStringLiteral("authori");
    QTest::newRow("no topics") << QStringList() << 0 << v311 << MqttSubscribeOptions() << ErrorCode::Invalid << -1
                               << QStringLiteral("No topic");
    QTest::newRow("invalid filter") << QStringList{ QStringLiteral("a"), QStringLiteral("a/#/b") } << 0 << v311
                                    << MqttSubscribeOptions() << ErrorCode::Invalid << 1 << QStringLiteral("a/#/b");
    MqttSubscribeOptions noLocal;
    noLocal.setNoLocal(true);
    QTest::newRow("MQTT 5 options with 3.1.1") << ok << 0 << v311 << noLocal << ErrorCode::Invalid << -1
                                               << QStringLiteral("MQTT 5");
    QTest::newRow("QoS 3") << ok << 0 << v311 << MqttSubscribeOptions(QoS(3)) << ErrorCode::Invalid << -1
                           << QStringLiteral("QoS 3");
}

void tst_OneShot::subscribeFailures()
{
    QFETCH(QStringList, topics);
    QFETCH(int, broker);
    QFETCH(MqttConnectOptions, options);
    QFETCH(MqttSubscribeOptions, subscribeOptions);
    QFETCH(ErrorCode, error);
    QFETCH(int, failedIndex);
    QFETCH(QString, named);
    const MosquittoBroker &target = broker == 1 ? m_authBroker : m_broker;
    options.setHost(target.host());
    options.setPort(broker == 2 ? unusedLoopbackPort() : target.tcpPort());

    MqttSubscribeJob job(topics, options);
    job.setSubscribeOptions(subscribeOptions);
    QSignalSpy socketOpened(job.client(), &MqttClient::socketOpened);
    QElapsedTimer timer;
    timer.start();
    QVERIFY(!job.exec());
    QVERIFY2(timer.elapsed() < 3000, qPrintable(QString::number(timer.elapsed())));
    QCOMPARE(job.error(), error);
    QCOMPARE(job.failedTopicIndex(), failedIndex);
    QVERIFY2(job.errorString().contains(named, Qt::CaseInsensitive), qPrintable(job.errorString()));
    if (error == ErrorCode::Invalid)
        QCOMPARE(socketOpened.size(), 0); // refused before connecting

    // The static form reports the same.
    ErrorCode code = ErrorCode::NoError;
    QString why;
    MqttSubscribeJob::simple(topics, options, 1, MqttSubscribeJob::RetainedMessages::SkipRetained, Timeout, &code, &why);
    if (subscribeOptions == MqttSubscribeOptions()) {
        QCOMPARE(code, error);
        QVERIFY2(why.contains(named, Qt::CaseInsensitive), qPrintable(why));
    }
}

void tst_OneShot::subscribeTimeoutKeepsMessagesSoFar()
{
    const QString topic = uniqueTopic(QStringLiteral("deadline"));
    MqttSubscribeJob job({ topic }, optionsFor(m_broker));
    job.setMessageCount(5);
    job.setTimeout(1500);
    connect(&job, &MqttSubscribeJob::subscribed, this, [&] {
        (new MqttPublishJob(numbered(topic, 2, QoS::AtLeastOnce), optionsFor(m_broker), &job))->start();
    });
    QElapsedTimer timer;
    timer.start();
    QVERIFY(!job.exec());
    QVERIFY2(timer.elapsed() >= 1400 && timer.elapsed() < 4000, qPrintable(QString::number(timer.elapsed())));
    QCOMPARE(job.error(), ErrorCode::Timeout);
    QVERIFY2(job.errorString().contains(QStringLiteral("2 of 5")), qPrintable(job.errorString()));
    QCOMPARE(job.messages().size(), 2);
    QCOMPARE(job.client()->state(), Mqtt::ClientState::Disconnected);

    // The static form: nothing arrives within the deadline.
    ErrorCode code = ErrorCode::NoError;
    QString why;
    const QList<MqttMessage> none = MqttSubscribeJob::simple({ uniqueTopic(QStringLiteral("silent")) }, optionsFor(m_broker), 1,
                                                             MqttSubscribeJob::RetainedMessages::SkipRetained, 300, &code, &why);
    QVERIFY(none.isEmpty());
    QCOMPARE(code, ErrorCode::Timeout);
    QVERIFY2(why.contains(QStringLiteral("300 ms")), qPrintable(why));
}

void tst_OneShot::subscribeRefusedBySuback()
{
    // mosquitto grants every valid filter; a scripted broker refuses the second of two.
    FakeBroker fake;
    QVERIFY(fake.listen());
    fake.expectPacket(FakeBroker::Connect)
            .send(FakeBroker::hex("20 02 00 00"), QStringLiteral("CONNACK accepted"))
            .expectPacket(FakeBroker::Subscribe)
            .sendWith([&fake]() -> QByteArray {
                const QByteArray subscribe = fake.lastPacket();
                return FakeBroker::hex("90 04") + subscribe.mid(2, 2) + FakeBroker::hex("01 80");
            }, QStringLiteral("SUBACK granted, refused"))
            .expectPacket(FakeBroker::Disconnect);
    MqttSubscribeJob job({ QStringLiteral("fine"), QStringLiteral("forbidden") }, MqttConnectOptions(fake.host(), fake.port()));
    job.setSubscribeOptions(QoS::AtLeastOnce);
    QSignalSpy subscribed(&job, &MqttSubscribeJob::subscribed);
    QVERIFY(!job.exec());
    QCOMPARE(job.error(), ErrorCode::Unknown);
    QCOMPARE(job.reasonCode(), ReasonCode::UnspecifiedError);
    QCOMPARE(job.failedTopicIndex(), 1);
    QVERIFY2(job.errorString().contains(QStringLiteral("forbidden")), qPrintable(job.errorString()));
    QCOMPARE(subscribed.size(), 0);
    QVERIFY2(fake.waitForScript(Timeout), qPrintable(fake.failure()));
}

void tst_OneShot::subscribeWithMqtt5OptionsAndProperties()
{
    const QString topic = uniqueTopic(QStringLiteral("sub5"));
    MqttSubscribeJob job({ topic }, optionsFor(m_broker, ProtocolVersion::V5));
    MqttSubscribeOptions options(QoS::AtLeastOnce);
    options.setNoLocal(true); // the job's own client publishes nothing: no effect, but sent
    job.setSubscribeOptions(options);
    MqttProperties props;
    QVERIFY(props.addSubscriptionIdentifier(42));
    job.setSubscribeProperties(props);
    job.setTimeout(Timeout);
    connect(&job, &MqttSubscribeJob::subscribed, this, [&] {
        (new MqttPublishJob(MqttMessage(topic, "x", QoS::AtLeastOnce), optionsFor(m_broker, ProtocolVersion::V5), &job))
                ->start();
    });
    QVERIFY2(job.exec(), qPrintable(job.errorString()));
    QCOMPARE(job.messages().size(), 1);
    QCOMPARE(job.messages().first().properties().subscriptionIdentifiers(), QList<quint32>{ 42 });
}

// ---- threads ---------------------------------------------------------------------------

void tst_OneShot::blockingFormsWorkInThreadWithoutEventLoop()
{
    const QString topic = uniqueTopic(QStringLiteral("thread"));
    const MqttConnectOptions options = optionsFor(m_broker);
    ErrorCode published = ErrorCode::Unknown;
    ErrorCode received = ErrorCode::Unknown;
    QList<MqttMessage> messages;
    QThread *jobThread = nullptr;
    // A plain std::thread: no QThread event loop, nothing running but the helpers' own.
    std::thread worker([&] {
        published = MqttPublishJob::single(MqttMessage(topic, "from a thread", QoS::ExactlyOnce, true), options);
        messages = MqttSubscribeJob::simple({ topic }, options, 1, MqttSubscribeJob::RetainedMessages::IncludeRetained,
                                            Timeout, &received);
        MqttPublishJob clear(MqttMessage(topic, {}, QoS::AtLeastOnce, true), options);
        clear.exec();
        jobThread = clear.client()->thread();
    });
    worker.join();
    QCOMPARE(published, ErrorCode::NoError);
    QCOMPARE(received, ErrorCode::NoError);
    QCOMPARE(messages.size(), 1);
    QCOMPARE(messages.first().payload(), QByteArray("from a thread"));
    QVERIFY(jobThread != QThread::currentThread());
}

QTEST_GUILESS_MAIN(tst_OneShot)
#include "tst_oneshot.moc"
