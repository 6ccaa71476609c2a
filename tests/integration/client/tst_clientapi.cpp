// Copyright (C) 2026 The MqttQt authors.
// SPDX-License-Identifier: BSD-3-Clause
//
// MqttClient's Qt surface, used the way applications use it: by name through the
// meta-object system and queued connections, as properties, from several threads, with
// one rule for errors and a life cycle that survives reentrant handlers. Against a real
// mosquitto broker, and against the scripted FakeBroker where a real broker will not
// produce the case (refusals with a chosen code, a failing PUBACK, a non-MQTT server).
#include "clienttesting.h"
#include "fakebroker.h"

#include <MqttQt/MqttClient>
#include <MqttQt/MqttQtCore>

#include <QtCore/QElapsedTimer>
#include <QtCore/QMetaEnum>
#include <QtCore/QPointer>
#include <QtCore/QSet>
#include <QtCore/QThread>
#include <QtCore/QTimer>
#include <QtNetwork/QTcpServer>
#include <QtNetwork/QTcpSocket>
#include <QtCore/QTemporaryDir>
#include <QtTest/QSignalSpy>
#include <QtTest/QTest>

#include <atomic>
#include <memory>
#include <type_traits>

using Mqtt::ClientState;
using Mqtt::ErrorCode;
using Mqtt::ProtocolVersion;
using Mqtt::QoS;
using Mqtt::ReasonCode;
using namespace ClientTesting;

namespace {

QByteArray hex(const char *text)
{
    return FakeBroker::hex(QByteArray(text));
}

// Whether client.publish(topic, T) is a valid expression: a bool or char payload must
// not compile (it would silently become a number).
template<typename T, typename = void>
struct CanPublish : std::false_type
{
};
template<typename T>
struct CanPublish<T, std::void_t<decltype(std::declval<MqttClient &>().publish(QString(), std::declval<T>()))>>
    : std::true_type
{
};
static_assert(!CanPublish<bool>::value, "publish(topic, bool) must not compile");
static_assert(!CanPublish<char>::value, "publish(topic, char) must not compile");
static_assert(CanPublish<int>::value && CanPublish<double>::value && CanPublish<const char *>::value
              && CanPublish<QString>::value && CanPublish<QByteArray>::value);

// Every enum of the public API is int-sized, like Qt's own Q_ENUMs: QML and queued
// connections read them as ints.
static_assert(sizeof(Mqtt::ProtocolVersion) == sizeof(int) && sizeof(Mqtt::QoS) == sizeof(int)
              && sizeof(Mqtt::Transport) == sizeof(int) && sizeof(Mqtt::ClientState) == sizeof(int)
              && sizeof(Mqtt::ErrorCode) == sizeof(int) && sizeof(Mqtt::ConnackCode) == sizeof(int)
              && sizeof(Mqtt::ReasonCode) == sizeof(int) && sizeof(Mqtt::PropertyId) == sizeof(int)
              && sizeof(Mqtt::PropertyType) == sizeof(int) && sizeof(Mqtt::RetainHandling) == sizeof(int)
              && sizeof(Mqtt::LogLevel) == sizeof(int));

static_assert(MQTTQT_VERSION >= MQTTQT_VERSION_CHECK(0, 1, 0), "the version header is generated");

// A thread with an event loop, stopped and joined when it goes out of scope.
struct Worker
{
    Worker() { thread.start(); }
    ~Worker()
    {
        thread.quit();
        thread.wait();
    }
    QThread thread;
};

} // namespace

class tst_ClientApi : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();

    // enums and value types
    void enumeratorNamesAreUniqueInTheNamespace();
    void valueTypesCompareAndPrint();
    void propertiesConvertToAndFromVariantMaps();

    // by name, as properties
    void actionsAreCallableByName();
    void noArgumentSlotsConnectToButtonLikeSignals();
    void optionsAreWritablePropertiesWithNotify();
    void settersRefuseInvalidValuesNamingTheField_data();
    void settersRefuseInvalidValuesNamingTheField();
    void connectPropertiesArgumentEmitsChange();
    void reinitialiseResetsEveryOptionAndSignalsEachChange();
    void serverPropertiesReportConnackLimits();

    // errors, one rule
    void refusedCallsSetErrorAndEmitErrorOccurred();
    void waitForConnectedReturnsWithStateAndErrorSet();
    void waitForConnectedTimeoutSetsTimeoutError();
    void failingPubackIsPublishFailed();
    void mqtt3ConnackCodesMapToReasonCodes_data();
    void mqtt3ConnackCodesMapToReasonCodes();
    void nonMqttServerIsAProtocolError();
    void unresolvableHostIsHostNotFound();

    // life cycle
    void connectToHostWhileConnectedClosesCleanlyFirst();
    void reconnectFromDisconnectedHandlerKeepsNewConnection();
    void reconnectFromDisconnectedHandlerWithoutAutoReconnect();
    void disconnectThenConnectEmitsDisconnectedForTheFirst();
    void qos0PublishedAfterPublishReturns();
    void subscriptionsLostAfterSessionlessReconnect();
    void brokerAssignedClientId_data();
    void brokerAssignedClientId();

    // threads and handlers
    void publishFromWorkerWhileClientThreadWaitsOnIt();
    void publishToBusyWorkerClientReturnsAtOnce();
    void publishFromThreadsKeepsPerThreadOrder();
    void charactersBrokersCloseForAreRefused();
    void refusalsFromOtherThreadsSetError_data();
    void errorHandlerRepeatingTheRefusedCallDoesNotRecurse();
    void refusalsFromOtherThreadsSetError();
    void messageHandlersRunInTheirContextThread();
    void messageHandlerRemovedByItsConnectionOnly();
    void messageArrivedSeesMessagesTakenByHandlers();

private:
    MosquittoBroker m_broker;
};

void tst_ClientApi::initTestCase()
{
    if (!MosquittoBroker::mosquittoAvailable())
        QSKIP("mosquitto, mosquitto_passwd or openssl is not installed");
    MosquittoBroker::Options options;
    options.maxQueuedMessages = 0; // mosquitto's 1,000 would drop messages for a slow subscriber
    QVERIFY2(m_broker.start(options), qPrintable(m_broker.errorString()));
}

// ---- enums and value types -------------------------------------------------------------

void tst_ClientApi::enumeratorNamesAreUniqueInTheNamespace()
{
    // QML registers every enumerator of the namespace by its bare name: a name in two
    // enums overwrites the other ("name clash").
    const QMetaObject &mo = Mqtt::staticMetaObject;
    QVERIFY(mo.enumeratorCount() >= 11);
    QHash<QByteArray, QByteArray> owner;
    for (int i = 0; i < mo.enumeratorCount(); ++i) {
        const QMetaEnum e = mo.enumerator(i);
        for (int k = 0; k < e.keyCount(); ++k) {
            const QByteArray key = e.key(k);
            const QByteArray enumName = e.name();
            if (owner.contains(key))
                QVERIFY2(owner.value(key) == enumName,
                         qPrintable(QStringLiteral("%1 is in both %2 and %3")
                                            .arg(QLatin1String(key), QLatin1String(owner.value(key)),
                                                 QLatin1String(enumName))));
            owner.insert(key, enumName);
        }
    }
    QCOMPARE(owner.value("NoError"), QByteArray("ErrorCode"));
    QCOMPARE(owner.value("Success"), QByteArray("ReasonCode"));
}

void tst_ClientApi::valueTypesCompareAndPrint()
{
    // A default-constructed info stands for no message: not published, and waiting for it
    // does not say it was.
    MqttMessageInfo none;
    QVERIFY(!none.isPublished());
    QVERIFY(!none.waitForPublish(0));
    QCOMPARE(none.mid(), 0);
    MqttProperties props;
    QVERIFY(props.setString(Mqtt::PropertyId::ContentType, QStringLiteral("text/plain")));
    QVERIFY(props.addUserProperty(QStringLiteral("unit"), QStringLiteral("C")));
    // A message users can build to test their own handlers without a broker.
    const MqttMessage a(QStringLiteral("plant/1/temp"), QByteArrayLiteral("21.5"), QoS::AtLeastOnce, true, props);
    MqttMessage b = a;
    QCOMPARE(a, b);
    b.setPayload(QByteArrayLiteral("22.0"));
    QVERIFY(a != b);
    QCOMPARE(a.payload(), QByteArrayLiteral("21.5")); // implicitly shared: a is untouched
    QCOMPARE(b.topic(), QStringLiteral("plant/1/temp"));
    QCOMPARE(b.qos(), QoS::AtLeastOnce);
    QVERIFY(b.retain());
    QCOMPARE(b.properties(), props);

    QString text;
    QDebug(&text) << a;
    QVERIFY2(text.contains(QStringLiteral("plant/1/temp")) && text.contains(QStringLiteral("21.5"))
                     && text.contains(QStringLiteral("retained")),
             qPrintable(text));
    text.clear();
    QDebug(&text) << props;
    QVERIFY2(text.contains(QStringLiteral("ContentType")) && text.contains(QStringLiteral("unit")), qPrintable(text));
    text.clear();
    const MqttWill will(QStringLiteral("w"), QByteArrayLiteral("gone"), QoS::AtLeastOnce, true);
    QDebug(&text) << will;
    QVERIFY2(text.contains(QStringLiteral("MqttWill(")) && text.contains(QStringLiteral("retained")), qPrintable(text));
    QCOMPARE(will, MqttWill(QStringLiteral("w"), QByteArrayLiteral("gone"), QoS::AtLeastOnce, true));
    text.clear();
    MqttSubscribeOptions options(QoS::ExactlyOnce);
    options.setNoLocal(true);
    QDebug(&text) << options;
    QVERIFY2(text.contains(QStringLiteral("qos 2")) && text.contains(QStringLiteral("noLocal")), qPrintable(text));
    QVERIFY(options != MqttSubscribeOptions(QoS::ExactlyOnce));
    QVERIFY(options.hasMqtt5Options());
    text.clear();
    QDebug(&text) << MqttResult{ ErrorCode::NoConnection, 0 };
    QVERIFY2(text.contains(QStringLiteral("NoConnection")), qPrintable(text));
    QCOMPARE((MqttResult{ ErrorCode::NoError, 3 }), (MqttResult{ ErrorCode::NoError, 3 }));
    text.clear();
    const MqttMessageInfo refused(ErrorCode::Invalid, 0);
    QDebug(&text) << refused;
    QVERIFY2(text.contains(QStringLiteral("Invalid")), qPrintable(text));
    QCOMPARE(refused, MqttMessageInfo(ErrorCode::Invalid, 0));
    text.clear();
    QDebug(&text) << MqttServerProperties();
    QCOMPARE(text, QStringLiteral("MqttServerProperties() "));
    // swap() as Q_DECLARE_SHARED types have it
    MqttMessage c;
    c.swap(b);
    QCOMPARE(c.payload(), QByteArrayLiteral("22.0"));
    QVERIFY(b.topic().isEmpty());
}

void tst_ClientApi::propertiesConvertToAndFromVariantMaps()
{
    MqttProperties props;
    QVERIFY(props.setString(Mqtt::PropertyId::ContentType, QStringLiteral("application/json")));
    QVERIFY(props.setInteger(Mqtt::PropertyId::MessageExpiryInterval, 60));
    QVERIFY(props.setBinary(Mqtt::PropertyId::CorrelationData, QByteArray("\x00\x01", 2)));
    QVERIFY(props.addUserProperty(QStringLiteral("a"), QStringLiteral("1")));
    QVERIFY(props.addUserProperty(QStringLiteral("a"), QStringLiteral("2"))); // repeats keep order
    const QVariantMap map = props.toVariantMap();
    QCOMPARE(map.value(QStringLiteral("contentType")).toString(), QStringLiteral("application/json"));
    QCOMPARE(map.value(QStringLiteral("messageExpiryInterval")).toUInt(), 60u);
    QCOMPARE(map.value(QStringLiteral("userProperties")).toList().size(), 2);
    QString error;
    QCOMPARE(MqttProperties::fromVariantMap(map, &error).toVariantMap(), map); // a map has no order
    QVERIFY(error.isEmpty());

    // A map of user properties, as a JS object gives them.
    const QVariantMap fromJs{ { QStringLiteral("userProperties"), QVariantMap{ { QStringLiteral("unit"), QStringLiteral("C") } } },
                              { QStringLiteral("payloadFormatIndicator"), 1.0 } };
    const MqttProperties js = MqttProperties::fromVariantMap(fromJs, &error);
    QVERIFY2(error.isEmpty(), qPrintable(error));
    QCOMPARE(js.userProperties(), (QList<QPair<QString, QString>>{ { QStringLiteral("unit"), QStringLiteral("C") } }));
    QCOMPARE(js.integer(Mqtt::PropertyId::PayloadFormatIndicator), std::optional<quint32>(1));

    // Refusals name the key and never change a value silently.
    QVERIFY(MqttProperties::fromVariantMap({ { QStringLiteral("noSuchThing"), 1 } }, &error).isEmpty());
    QVERIFY2(error.contains(QStringLiteral("noSuchThing")), qPrintable(error));
    QVERIFY(MqttProperties::fromVariantMap({ { QStringLiteral("messageExpiryInterval"), 1.5 } }, &error).isEmpty());
    QVERIFY2(error.contains(QStringLiteral("messageExpiryInterval")), qPrintable(error));
    QVERIFY(MqttProperties::fromVariantMap({ { QStringLiteral("payloadFormatIndicator"), 256 } }, &error).isEmpty());
    QVERIFY2(error.contains(QStringLiteral("payloadFormatIndicator")), qPrintable(error));
}

// ---- by name, as properties ------------------------------------------------------------------

void tst_ClientApi::actionsAreCallableByName()
{
    MqttClient client;
    ClientRecorder rec(&client);
    QVERIFY(client.setProperty("host", m_broker.host()));
    QVERIFY(client.setProperty("port", int(m_broker.tcpPort())));
    // Queued, by name: what a worker-thread application or a script does.
    QVERIFY(QMetaObject::invokeMethod(&client, "connectToHost", Qt::QueuedConnection));
    QTRY_VERIFY_WITH_TIMEOUT(client.isConnected(), Timeout);

    const QString topic = uniqueTopic(QStringLiteral("byname"));
    MqttResult sub;
    QVERIFY(QMetaObject::invokeMethod(&client, "subscribe", Qt::DirectConnection, Q_RETURN_ARG(MqttResult, sub),
                                      Q_ARG(QString, topic), Q_ARG(Mqtt::QoS, QoS::AtLeastOnce)));
    QCOMPARE(sub.rc, ErrorCode::NoError);
    QTRY_COMPARE_WITH_TIMEOUT(rec.subackCount(sub.mid), 1, Timeout);

    MqttMessageInfo info;
    QVERIFY(QMetaObject::invokeMethod(&client, "publish", Qt::DirectConnection, Q_RETURN_ARG(MqttMessageInfo, info),
                                      Q_ARG(QString, topic), Q_ARG(QByteArray, QByteArrayLiteral("bytes")),
                                      Q_ARG(Mqtt::QoS, QoS::AtLeastOnce)));
    QCOMPARE(info.rc(), ErrorCode::NoError);
    QVERIFY(QMetaObject::invokeMethod(&client, "publish", Qt::QueuedConnection, Q_ARG(QString, topic),
                                      Q_ARG(QString, QStringLiteral("text"))));
    QTRY_COMPARE_WITH_TIMEOUT(rec.payloads(), (QList<QByteArray>{ "bytes", "text" }), Timeout);

    // Queued, with enum and value-type arguments found by name.
    QVERIFY(QMetaObject::invokeMethod(&client, "publish", Qt::QueuedConnection, Q_ARG(QString, topic),
                                      Q_ARG(QByteArray, QByteArrayLiteral("queued")), Q_ARG(Mqtt::QoS, QoS::ExactlyOnce),
                                      Q_ARG(bool, false), Q_ARG(MqttProperties, MqttProperties())));
    QTRY_COMPARE_WITH_TIMEOUT(rec.payloads(), (QList<QByteArray>{ "bytes", "text", "queued" }), Timeout);
    QVERIFY(QMetaObject::invokeMethod(&client, "unsubscribe", Qt::QueuedConnection, Q_ARG(QString, topic)));
    QTRY_COMPARE_WITH_TIMEOUT(rec.unsubscribed.size(), 1, Timeout);
    QVERIFY(QMetaObject::invokeMethod(&client, "disconnectFromHost", Qt::QueuedConnection));
    QTRY_COMPARE_WITH_TIMEOUT(client.state(), ClientState::Disconnected, Timeout);
    QCOMPARE(rec.disconnects, QList<ErrorCode>{ ErrorCode::NoError });
    QVERIFY(QMetaObject::invokeMethod(&client, "reinitialise", Qt::QueuedConnection));
    QTRY_COMPARE_WITH_TIMEOUT(client.host(), QString(), Timeout);

    // Every Paho method with a counterpart on MqttClient is in its meta-object (README,
    // "Paho to MqttQt"), whether a slot or Q_INVOKABLE; options are properties besides.
    // Not: messageCallbackAdd() (a functor) and wsSetOptions(path, HeadersCallback).
    QSet<QByteArray> names;
    for (int i = 0; i < client.metaObject()->methodCount(); ++i)
        names.insert(client.metaObject()->method(i).name());
    for (const char *name : { "reinitialise", "setCredentials", "setWill", "clearWill", "tlsSet", "tlsSetContext",
                              "tlsInsecureSet", "wsSetOptions", "proxySet", "setReconnectDelay", "enableLogger",
                              "disableLogger", "connectToHost", "connectToHostSrv", "reconnect",
                              "disconnectFromHost", "loop", "loopForever", "waitForConnected", "socket",
                              "wantWrite", "publish", "subscribe", "unsubscribe", "subscriptions",
                              "messageCallbackRemove", "request", "reauthenticate" })
        QVERIFY2(names.contains(name), name);
    // Queued, by name, as the Threads section tells MqttClientThread users to.
    QVERIFY(QMetaObject::invokeMethod(&client, "setCredentials", Qt::QueuedConnection,
                                      Q_ARG(QString, QStringLiteral("alice")), Q_ARG(QByteArray, "secret")));
    QVERIFY(QMetaObject::invokeMethod(&client, "setWill", Qt::QueuedConnection, Q_ARG(QString, topic),
                                      Q_ARG(QByteArray, "gone"), Q_ARG(Mqtt::QoS, QoS::AtLeastOnce)));
    QVERIFY(QMetaObject::invokeMethod(&client, "setReconnectDelay", Qt::QueuedConnection, Q_ARG(int, 2), Q_ARG(int, 9)));
    QTRY_COMPARE_WITH_TIMEOUT(client.reconnectDelayMax(), 9, Timeout);
    QCOMPARE(client.username(), QStringLiteral("alice"));
    QCOMPARE(client.will().topic(), topic);
    QCOMPARE(client.will().qos(), QoS::AtLeastOnce);
    QCOMPARE(client.reconnectDelayMin(), 2);
}

// Emits clicked() like a button; the client's no-argument slots connect to it.
class Button : public QObject
{
    Q_OBJECT
Q_SIGNALS:
    void clicked();
};

void tst_ClientApi::noArgumentSlotsConnectToButtonLikeSignals()
{
    MqttClient client;
    client.setHost(m_broker.host());
    QVERIFY(client.setPort(m_broker.tcpPort()));
    Button connectButton, disconnectButton;
    QVERIFY(QObject::connect(&connectButton, SIGNAL(clicked()), &client, SLOT(connectToHost())));
    QVERIFY(QObject::connect(&disconnectButton, &Button::clicked, &client,
                             qOverload<>(&MqttClient::disconnectFromHost)));
    Q_EMIT connectButton.clicked();
    QVERIFY(client.waitForConnected(Timeout));
    Q_EMIT disconnectButton.clicked();
    QVERIFY(client.waitForDisconnected(Timeout));
}

void tst_ClientApi::optionsAreWritablePropertiesWithNotify()
{
    MqttClient client;
    const QMetaObject *mo = client.metaObject();
    // Every option is a read/write property with a change signal, as the README says.
    const char *options[] = { "clientId", "brokerAssignsClientId", "cleanSession", "userData", "protocolVersion",
                              "transport", "tlsOptions", "webSocketOptions", "proxy", "servers",
                              "followServerReference", "host", "port", "keepAlive", "bindAddress", "username", "password",
                              "will", "maxInflightMessages", "maxQueuedMessages", "messageRetry",
                              "reconnectDelayMin", "reconnectDelayMax", "autoReconnect", "retryFirstConnection",
                              "republishOnCleanSession", "connectTimeout", "loggerEnabled", "connectProperties",
                              "autoTopicAlias", "streamPacing" };
    for (const char *name : options) {
        const QMetaProperty p = mo->property(mo->indexOfProperty(name));
        QVERIFY2(p.isValid() && p.isWritable() && p.hasNotifySignal(), name);
    }
    for (const char *name : { "state", "error", "errorString", "serverProperties", "connected" }) {
        const QMetaProperty p = mo->property(mo->indexOfProperty(name));
        QVERIFY2(p.isValid() && p.hasNotifySignal(), name);
    }

    QSignalSpy host(&client, &MqttClient::hostChanged), port(&client, &MqttClient::portChanged),
            keepAlive(&client, &MqttClient::keepAliveChanged), delays(&client, &MqttClient::reconnectDelayChanged),
            will(&client, &MqttClient::willChanged);
    QVERIFY(client.setProperty("host", QStringLiteral("broker.example")));
    QVERIFY(client.setProperty("port", 8883));
    QVERIFY(client.setProperty("keepAlive", 15));
    QVERIFY(client.setProperty("reconnectDelayMax", 30));
    QVERIFY(client.setProperty("reconnectDelayMin", 2));
    QVERIFY(client.setProperty("will", QVariant::fromValue(MqttWill(QStringLiteral("w"), "x"))));
    QCOMPARE(client.host(), QStringLiteral("broker.example"));
    QCOMPARE(client.port(), 8883);
    QCOMPARE(client.keepAlive(), 15);
    QCOMPARE(client.reconnectDelayMin(), 2);
    QCOMPARE(client.reconnectDelayMax(), 30);
    QCOMPARE(client.will().topic(), QStringLiteral("w"));
    QCOMPARE(host.size(), 1);
    QCOMPARE(port.size(), 1);
    QCOMPARE(keepAlive.size(), 1);
    QCOMPARE(delays.size(), 2);
    QCOMPARE(will.size(), 1);
    // Setting the same value again is silent.
    client.setHost(QStringLiteral("broker.example"));
    QVERIFY(client.setPort(8883));
    QCOMPARE(host.size(), 1);
    QCOMPARE(port.size(), 1);
    // RESET clears the will.
    const QMetaProperty willProperty = mo->property(mo->indexOfProperty("will"));
    QVERIFY(willProperty.isResettable());
    QVERIFY(willProperty.reset(&client));
    QVERIFY(client.will().isNull());
    QCOMPARE(will.size(), 2);
}

void tst_ClientApi::settersRefuseInvalidValuesNamingTheField_data()
{
    QTest::addColumn<QByteArray>("property");
    QTest::addColumn<QVariant>("value");
    QTest::addColumn<QString>("named");
    QTest::newRow("negative connect timeout") << QByteArray("connectTimeout") << QVariant(-5) << QStringLiteral("connectTimeout");
    QTest::newRow("port -1") << QByteArray("port") << QVariant(-1) << QStringLiteral("port");
    QTest::newRow("port 65536") << QByteArray("port") << QVariant(65536) << QStringLiteral("port");
    QTest::newRow("keepalive 70000") << QByteArray("keepAlive") << QVariant(70000) << QStringLiteral("keepAlive");
    QTest::newRow("negative in-flight") << QByteArray("maxInflightMessages") << QVariant(-1) << QStringLiteral("maxInflightMessages");
    QTest::newRow("negative queue") << QByteArray("maxQueuedMessages") << QVariant(-1) << QStringLiteral("maxQueuedMessages");
    QTest::newRow("negative retry") << QByteArray("messageRetry") << QVariant(-1) << QStringLiteral("messageRetry");
    QTest::newRow("reconnect min 0") << QByteArray("reconnectDelayMin") << QVariant(0) << QStringLiteral("reconnect delays");
    QTest::newRow("reconnect max < min") << QByteArray("reconnectDelayMax") << QVariant(0) << QStringLiteral("reconnect delays");
    QTest::newRow("bind address") << QByteArray("bindAddress") << QVariant(QStringLiteral("not-an-ip")) << QStringLiteral("bindAddress");
    QTest::newRow("protocol 6") << QByteArray("protocolVersion") << QVariant::fromValue(ProtocolVersion(6)) << QStringLiteral("protocolVersion");
    MqttProperties zeroReceiveMaximum;
    zeroReceiveMaximum.setInteger(Mqtt::PropertyId::ReceiveMaximum, 0);
    QTest::newRow("ReceiveMaximum 0") << QByteArray("connectProperties") << QVariant::fromValue(zeroReceiveMaximum)
                                      << QStringLiteral("ReceiveMaximum");
    MqttProperties topicAliasInConnect;
    topicAliasInConnect.setInteger(Mqtt::PropertyId::TopicAlias, 1);
    QTest::newRow("TopicAlias in CONNECT") << QByteArray("connectProperties") << QVariant::fromValue(topicAliasInConnect)
                                           << QStringLiteral("TopicAlias");
    MqttProperties requestProblem;
    requestProblem.setInteger(Mqtt::PropertyId::RequestProblemInformation, 2);
    QTest::newRow("RequestProblemInformation 2") << QByteArray("connectProperties") << QVariant::fromValue(requestProblem)
                                                 << QStringLiteral("RequestProblemInformation");
}

void tst_ClientApi::settersRefuseInvalidValuesNamingTheField()
{
    QFETCH(QByteArray, property);
    QFETCH(QVariant, value);
    QFETCH(QString, named);
    MqttClient client;
    const QVariant before = client.property(property.constData());
    QSignalSpy errors(&client, &MqttClient::errorOccurred);
    QSignalSpy errorChanged(&client, &MqttClient::errorChanged);
    client.setProperty(property.constData(), value);
    QCOMPARE(client.property(property.constData()), before); // unchanged
    QCOMPARE(errors.size(), 1);
    QCOMPARE(errorChanged.size(), 1);
    QCOMPARE(client.error(), ErrorCode::Invalid);
    QVERIFY2(client.errorString().contains(named), qPrintable(client.errorString()));
}

void tst_ClientApi::connectPropertiesArgumentEmitsChange()
{
    MqttClient client;
    client.setProtocolVersion(ProtocolVersion::V5);
    QSignalSpy changed(&client, &MqttClient::connectPropertiesChanged);
    MqttProperties props;
    props.setInteger(Mqtt::PropertyId::SessionExpiryInterval, 30);
    QCOMPARE(client.connectToHost(m_broker.host(), m_broker.tcpPort(), 60, {}, props), ErrorCode::NoError);
    QCOMPARE(changed.size(), 1);
    QCOMPARE(client.connectProperties(), props);
    QVERIFY(client.waitForConnected(Timeout));
    QCOMPARE(client.disconnectFromHost(), ErrorCode::NoError);
    QVERIFY(client.waitForDisconnected(Timeout));
}

void tst_ClientApi::reinitialiseResetsEveryOptionAndSignalsEachChange()
{
    MqttClient client;
    const MqttClient defaults;
    const QMetaObject *mo = client.metaObject();
    // Change every option away from its default.
    QTemporaryDir storeDir;
    QCOMPARE(client.setPersistencePath(storeDir.filePath(QStringLiteral("s.db"))), ErrorCode::NoError);
    client.setSessionDurability(Mqtt::Durability::Immediate);
    client.setAutoTopicAlias(true);
    client.setStreamPacing(false);
    QCOMPARE(client.setAuthenticator(new MqttScramAuthenticator(QStringLiteral("u"), QStringLiteral("p"))), ErrorCode::NoError);
    MqttProperties props;
    props.setInteger(Mqtt::PropertyId::SessionExpiryInterval, 10);
    QVERIFY(client.setProtocolVersion(ProtocolVersion::V5));
    client.setTransport(Mqtt::Transport::WebSockets);
    client.setBrokerAssignsClientId(true);
    client.setCleanSession(false);
    client.setUserData(42);
    client.setHost(QStringLiteral("h"));
    QVERIFY(client.setPort(1));
    QVERIFY(client.setKeepAlive(1));
    QVERIFY(client.setBindAddress(QStringLiteral("127.0.0.1")));
    client.setCredentials(QStringLiteral("u"), "p");
    QCOMPARE(client.setWill(QStringLiteral("w"), "x"), ErrorCode::NoError);
    QVERIFY(client.setMaxInflightMessages(1));
    QVERIFY(client.setMaxQueuedMessages(1));
    QVERIFY(client.setMessageRetry(1));
    QVERIFY(client.setReconnectDelay(2, 3));
    client.setAutoReconnect(false);
    client.setRetryFirstConnection(true);
    client.setRepublishOnCleanSession(false);
    QVERIFY(client.setConnectTimeout(1));
    client.setLoggerEnabled(true);
    QVERIFY(client.setConnectProperties(props));
    MqttTlsOptions tls;
    tls.setHostNameVerificationEnabled(false);
    client.setTlsOptions(tls);
    QCOMPARE(client.wsSetOptions(QStringLiteral("/other")), ErrorCode::NoError);
    client.setProxy(QNetworkProxy(QNetworkProxy::Socks5Proxy, QStringLiteral("127.0.0.1"), 1080));
    QVERIFY(client.setServers({ QStringLiteral("mqtt://127.0.0.1:1") }));
    client.setFollowServerReference(true);

    QList<std::shared_ptr<QSignalSpy>> spies;
    QStringList names;
    for (int i = mo->propertyOffset(); i < mo->propertyCount(); ++i) {
        const QMetaProperty p = mo->property(i);
        if (!p.isWritable() || qstrcmp(p.name(), "clientId") == 0)
            continue;
        QVERIFY2(p.read(&client) != p.read(&defaults), p.name()); // really changed above
        spies.append(std::make_shared<QSignalSpy>(&client, p.notifySignal()));
        names.append(QString::fromLatin1(p.name()));
    }
    QCOMPARE(client.reinitialise(QStringLiteral("fresh"), true), ErrorCode::NoError);
    for (int i = 0; i < spies.size(); ++i) {
        QVERIFY2(spies.at(i)->size() >= 1, qPrintable(names.at(i) + QStringLiteral(" changed without a signal")));
        const QMetaProperty p = mo->property(mo->indexOfProperty(names.at(i).toLatin1().constData()));
        QVERIFY2(p.read(&client) == p.read(&defaults), qPrintable(names.at(i) + QStringLiteral(" is not back to its default")));
    }
    QCOMPARE(client.clientId(), QStringLiteral("fresh"));
    QCOMPARE(client.protocolVersion(), ProtocolVersion::V3_1_1);
    QCOMPARE(client.transport(), Mqtt::Transport::Tcp);
}

void tst_ClientApi::serverPropertiesReportConnackLimits()
{
    MosquittoBroker broker;
    MosquittoBroker::Options options;
    options.maxInflightMessages = 7; // mosquitto sends it as Receive Maximum
    options.listenerConfig = QStringLiteral("max_topic_alias 5");
    QVERIFY2(broker.start(options), qPrintable(broker.errorString()));
    MqttClient client;
    client.setProtocolVersion(ProtocolVersion::V5);
    QSignalSpy changed(&client, &MqttClient::serverPropertiesChanged);
    QVERIFY(!client.serverProperties().isValid());
    QCOMPARE(client.serverProperties().receiveMaximum(), 65535); // the spec's default
    QVERIFY2(connectTo(client, broker), qPrintable(client.errorString()));
    const MqttServerProperties server = client.serverProperties();
    QVERIFY(server.isValid());
    QCOMPARE(changed.size(), 1);
    QCOMPARE(server.reasonCode(), ReasonCode::Success);
    QCOMPARE(server.receiveMaximum(), 7);
    QCOMPARE(server.topicAliasMaximum(), 5);
    QVERIFY(!server.sessionPresent());
    QCOMPARE(client.property("serverProperties").value<MqttServerProperties>(), server);
    client.disconnectFromHost();
    QVERIFY(client.waitForDisconnected(Timeout));
}

// ---- errors ------------------------------------------------------------------------------------

void tst_ClientApi::refusedCallsSetErrorAndEmitErrorOccurred()
{
    MqttClient client;
    QSignalSpy errors(&client, &MqttClient::errorOccurred);
    QSignalSpy changed(&client, &MqttClient::errorChanged);
    int expected = 0;
    auto check = [&](ErrorCode rc, ErrorCode code, const char *what) {
        ++expected;
        QVERIFY2(rc == code, what);
        QVERIFY2(errors.size() == expected, what);
        QVERIFY2(errors.last().at(0).value<ErrorCode>() == code, what);
        QVERIFY2(client.error() == code && !client.errorString().isEmpty(), what);
        QVERIFY2(errors.last().at(1).toString() == client.errorString(), what);
    };
    check(client.publish(QString(), QByteArray()).rc(), ErrorCode::Invalid, "empty topic");
    check(client.publish(QStringLiteral("a/#"), QByteArray()).rc(), ErrorCode::Invalid, "wildcard topic");
    check(client.publish(QStringLiteral("t"), QByteArray(), QoS(3)).rc(), ErrorCode::Invalid, "QoS 3");
    check(client.publish(QStringLiteral("t"), QByteArray()).rc(), ErrorCode::NoConnection, "QoS 0 offline");
    check(client.subscribe(QStringLiteral("a/#/b")).rc, ErrorCode::Invalid, "bad filter");
    check(client.subscribe(QStringLiteral("a")).rc, ErrorCode::NoConnection, "subscribe offline");
    check(client.unsubscribe(QStringLiteral("a")).rc, ErrorCode::NoConnection, "unsubscribe offline");
    check(client.disconnectFromHost(), ErrorCode::NoConnection, "disconnect offline");
    check(client.connectToHost(QString()), ErrorCode::Invalid, "empty host");
    check(client.setWill(QStringLiteral("w/+"), "x"), ErrorCode::Invalid, "will topic");
    check(client.reconnect(), ErrorCode::Invalid, "reconnect without host");
    QCOMPARE(changed.size(), expected);

    // Cleared (with a change signal, for bindings) by an accepted connection.
    QVERIFY(connectTo(client, m_broker));
    QCOMPARE(client.error(), ErrorCode::NoError);
    QVERIFY(client.errorString().isEmpty());
    QCOMPARE(changed.size(), expected + 1);
    client.disconnectFromHost();
    QVERIFY(client.waitForDisconnected(Timeout));
}

void tst_ClientApi::waitForConnectedReturnsWithStateAndErrorSet()
{
    FakeBroker broker;
    QVERIFY(broker.listen());
    broker.expectPacket(FakeBroker::Connect).send(hex("20 02 00 05"), QStringLiteral("CONNACK not authorised"));
    MqttClient client;
    QSignalSpy errors(&client, &MqttClient::errorOccurred);
    QCOMPARE(client.connectToHost(broker.host(), broker.port()), ErrorCode::NoError);
    QVERIFY(!client.waitForConnected(Timeout));
    // Everything is in place when the call returns, not one event-loop pass later.
    QCOMPARE(client.state(), ClientState::Disconnected); // refused for good: no retry
    QCOMPARE(client.error(), ErrorCode::ConnectionRefused);
    QVERIFY2(client.errorString().contains(QStringLiteral("not authorised")), qPrintable(client.errorString()));
    QVERIFY2(broker.waitForScript(Timeout), qPrintable(broker.failure()));
    QTest::qWait(100); // the connection's end has been processed too
    QCOMPARE(errors.size(), 1); // one failure, one signal
}

void tst_ClientApi::waitForConnectedTimeoutSetsTimeoutError()
{
    FakeBroker broker; // accepts and never answers
    QVERIFY(broker.listen());
    broker.expectPacket(FakeBroker::Connect).expectSilence(2000);
    MqttClient client;
    QCOMPARE(client.connectToHost(broker.host(), broker.port()), ErrorCode::NoError);
    QElapsedTimer timer;
    timer.start();
    QVERIFY(!client.waitForConnected(300));
    QVERIFY(timer.elapsed() >= 250);
    QCOMPARE(client.error(), ErrorCode::Timeout);
    QCOMPARE(client.state(), ClientState::Connecting); // the attempt itself goes on
    client.disconnectFromHost();
}

void tst_ClientApi::failingPubackIsPublishFailed()
{
    FakeBroker broker;
    QVERIFY(broker.listen());
    MqttClient client;
    client.setProtocolVersion(ProtocolVersion::V5);
    ClientRecorder rec(&client);
    MqttMessageInfo info;
    broker.expectPacket(FakeBroker::Connect)
            .send(hex("20 03 00 00 00"), QStringLiteral("CONNACK"))
            .run([&] { info = client.publish(QStringLiteral("t"), QByteArray("x"), QoS::AtLeastOnce); })
            .expectPacket(FakeBroker::Publish)
            .send(hex("40 04 00 01 87 00"), QStringLiteral("PUBACK Not authorized"));
    QCOMPARE(client.connectToHost(broker.host(), broker.port()), ErrorCode::NoError);
    QVERIFY2(broker.waitForScript(Timeout), qPrintable(broker.failure()));
    QTRY_COMPARE_WITH_TIMEOUT(rec.failed.size(), 1, Timeout);
    QCOMPARE(rec.failed.first(), qMakePair(info.mid(), ErrorCode::AclDenied));
    QVERIFY(rec.published.isEmpty()); // a refusal is never "published"
    QCOMPARE(client.error(), ErrorCode::AclDenied);
    QVERIFY2(client.errorString().contains(QStringLiteral("Not authorized")), qPrintable(client.errorString()));
    QVERIFY(!info.isPublished());
    QCOMPARE(info.error(), ErrorCode::AclDenied);
    QCOMPARE(info.reasonCode(), ReasonCode::NotAuthorized);
}

void tst_ClientApi::mqtt3ConnackCodesMapToReasonCodes_data()
{
    QTest::addColumn<int>("returnCode");
    QTest::addColumn<ReasonCode>("mapped");
    QTest::newRow("1 protocol version") << 1 << ReasonCode::UnsupportedProtocolVersion;
    QTest::newRow("2 identifier rejected") << 2 << ReasonCode::ClientIdentifierNotValid;
    QTest::newRow("3 server unavailable") << 3 << ReasonCode::ServerUnavailable;
    QTest::newRow("4 bad user name or password") << 4 << ReasonCode::BadUserNameOrPassword;
    QTest::newRow("5 not authorised") << 5 << ReasonCode::NotAuthorized;
}

void tst_ClientApi::mqtt3ConnackCodesMapToReasonCodes()
{
    QFETCH(int, returnCode);
    QFETCH(ReasonCode, mapped);
    FakeBroker broker;
    QVERIFY(broker.listen());
    QByteArray refusal = hex("20 02 00");
    refusal.append(char(returnCode));
    broker.expectPacket(FakeBroker::Connect).send(refusal, QStringLiteral("CONNACK refused"));
    MqttClient client;
    ClientRecorder rec(&client);
    QCOMPARE(client.connectToHost(broker.host(), broker.port()), ErrorCode::NoError);
    QTRY_COMPARE_WITH_TIMEOUT(rec.connacks.size(), 1, Timeout);
    QCOMPARE(rec.connacks.first().second, mapped);
    QCOMPARE(client.serverProperties().reasonCode(), mapped);
    QCOMPARE(client.serverProperties().returnCode(), returnCode);
    QCOMPARE(client.errorString(), Mqtt::connackString(returnCode));
}

void tst_ClientApi::nonMqttServerIsAProtocolError()
{
    // An HTTP server on the port answers CONNECT with a 400 and closes.
    QTcpServer http;
    QVERIFY(http.listen(QHostAddress::LocalHost));
    QObject::connect(&http, &QTcpServer::newConnection, &http, [&http] {
        QTcpSocket *s = http.nextPendingConnection();
        QObject::connect(s, &QTcpSocket::readyRead, s, [s] {
            s->readAll();
            s->write("HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
            s->disconnectFromHost();
        });
    });
    MqttClient client;
    QCOMPARE(client.connectToHost(QStringLiteral("127.0.0.1"), http.serverPort()), ErrorCode::NoError);
    QVERIFY(!client.waitForConnected(Timeout));
    QCOMPARE(client.error(), ErrorCode::Protocol);
    QVERIFY2(client.errorString().contains(QStringLiteral("does not speak MQTT"))
                     && client.errorString().contains(QStringLiteral("HTTP/1.1 400")),
             qPrintable(client.errorString()));
    QCOMPARE(client.state(), ClientState::Disconnected);
}

void tst_ClientApi::unresolvableHostIsHostNotFound()
{
    // A name that cannot be a host name: refused by the resolver without any query.
    MqttClient client;
    QCOMPARE(client.connectToHost(QStringLiteral("no such host")), ErrorCode::NoError);
    QVERIFY(!client.waitForConnected(Timeout));
    QCOMPARE(client.error(), ErrorCode::HostNotFound);
    QVERIFY2(client.errorString().contains(QStringLiteral("no such host")), qPrintable(client.errorString()));
}

// ---- life cycle -----------------------------------------------------------------------------

void tst_ClientApi::connectToHostWhileConnectedClosesCleanlyFirst()
{
    const QString willTopic = uniqueTopic(QStringLiteral("will"));
    MqttClient watcher;
    ClientRecorder watched(&watcher);
    QVERIFY(connectTo(watcher, m_broker));
    QCOMPARE(subscribeAndWait(watcher, willTopic), QList<ReasonCode>{ ReasonCode::GrantedQoS1 });

    MqttClient client;
    QCOMPARE(client.setWill(willTopic, "gone", QoS::AtLeastOnce), ErrorCode::NoError);
    ClientRecorder rec(&client);
    QSignalSpy opened(&client, &MqttClient::socketOpened);
    QVERIFY(connectTo(client, m_broker));
    QCOMPARE(client.connectToHost(m_broker.host(), m_broker.tcpPort()), ErrorCode::NoError);
    // The first connection ended cleanly and said so; the second one is made.
    QCOMPARE(rec.disconnects, QList<ErrorCode>{ ErrorCode::NoError });
    QCOMPARE(client.state(), ClientState::Connecting);
    QVERIFY(client.waitForConnected(Timeout));
    QCOMPARE(opened.size(), 2);
    QTest::qWait(300);
    QVERIFY(watched.messages.isEmpty()); // DISCONNECT was sent: no will
    client.disconnectFromHost();
    QVERIFY(client.waitForDisconnected(Timeout));
}

void tst_ClientApi::reconnectFromDisconnectedHandlerKeepsNewConnection()
{
    // Paho's usual on_disconnect idiom, with auto-reconnect on: the client's own timer must
    // not abort the healthy connection the handler made.
    MosquittoBroker broker;
    QVERIFY2(broker.start(), qPrintable(broker.errorString()));
    MqttClient client;
    QVERIFY(client.setReconnectDelay(1, 1));
    ClientRecorder rec(&client);
    QVERIFY(connectTo(client, broker));
    int handlerCalls = 0;
    QObject::connect(&client, &MqttClient::disconnected, &client, [&](ErrorCode e) {
        if (e != ErrorCode::NoError && ++handlerCalls == 1) {
            QVERIFY(broker.restart());
            QCOMPARE(client.reconnect(), ErrorCode::NoError);
            QCOMPARE(client.state(), ClientState::Connecting);
        }
    });
    broker.kill();
    QTRY_COMPARE_WITH_TIMEOUT(handlerCalls, 1, Timeout);
    QTRY_COMPARE_WITH_TIMEOUT(client.state(), ClientState::Connected, Timeout);
    QSignalSpy disconnects(&client, &MqttClient::disconnected);
    QTest::qWait(2500); // beyond the 1 s retry the first loss would have scheduled
    QCOMPARE(disconnects.size(), 0);
    QCOMPARE(client.state(), ClientState::Connected);
    QCOMPARE(rec.connacks.size(), 2);
    client.disconnectFromHost();
    QVERIFY(client.waitForDisconnected(Timeout));
}

void tst_ClientApi::reconnectFromDisconnectedHandlerWithoutAutoReconnect()
{
    MosquittoBroker broker;
    QVERIFY2(broker.start(), qPrintable(broker.errorString()));
    MqttClient client;
    client.setAutoReconnect(false);
    QVERIFY(connectTo(client, broker));
    ClientState stateInHandler = ClientState::Connected;
    ClientState stateAfterReconnect = ClientState::Disconnected;
    bool handled = false;
    QObject::connect(&client, &MqttClient::disconnected, &client, [&](ErrorCode e) {
        if (e == ErrorCode::NoError)
            return;
        handled = true;
        stateInHandler = client.state();
        QVERIFY(broker.restart());
        client.reconnect();
        stateAfterReconnect = client.state();
    });
    broker.kill();
    QTRY_VERIFY_WITH_TIMEOUT(handled, Timeout);
    QTRY_COMPARE_WITH_TIMEOUT(client.state(), ClientState::Connected, Timeout);
    QCOMPARE(stateInHandler, ClientState::Disconnected);
    QCOMPARE(stateAfterReconnect, ClientState::Connecting);
    QCOMPARE(client.disconnectFromHost(), ErrorCode::NoError);
    QVERIFY(client.waitForDisconnected(Timeout));
}

void tst_ClientApi::disconnectThenConnectEmitsDisconnectedForTheFirst()
{
    MqttClient client;
    ClientRecorder rec(&client);
    QVERIFY(connectTo(client, m_broker));
    QCOMPARE(client.disconnectFromHost(), ErrorCode::NoError);
    QCOMPARE(client.connectToHost(m_broker.host(), m_broker.tcpPort()), ErrorCode::NoError);
    QVERIFY(client.waitForConnected(Timeout));
    QCOMPARE(rec.disconnects, QList<ErrorCode>{ ErrorCode::NoError });
    QCOMPARE(rec.connacks.size(), 2);
    client.disconnectFromHost();
    QVERIFY(client.waitForDisconnected(Timeout));
}

void tst_ClientApi::qos0PublishedAfterPublishReturns()
{
    MqttClient client;
    QVERIFY(connectTo(client, m_broker));
    bool inPublish = false;
    QList<int> emittedInside, emittedAfter;
    QObject::connect(&client, &MqttClient::published, &client, [&](int mid) {
        (inPublish ? emittedInside : emittedAfter).append(mid);
    });
    QList<int> mids;
    QList<MqttMessageInfo> infos;
    // Enough to cross the 64 KiB flush threshold inside publish().
    const QByteArray payload(8 * 1024, 'x');
    for (int i = 0; i < 20; ++i) {
        inPublish = true;
        const MqttMessageInfo info = client.publish(uniqueTopic(QStringLiteral("q0")), payload);
        inPublish = false;
        QCOMPARE(info.rc(), ErrorCode::NoError);
        QVERIFY(!info.isPublished()); // not yet handed to the socket
        mids.append(info.mid());
        infos.append(info);
    }
    QTRY_COMPARE_WITH_TIMEOUT(emittedAfter, mids, Timeout);
    QVERIFY(emittedInside.isEmpty());
    for (const MqttMessageInfo &info : std::as_const(infos))
        QVERIFY(info.isPublished());
    client.disconnectFromHost();
    QVERIFY(client.waitForDisconnected(Timeout));
}

void tst_ClientApi::subscriptionsLostAfterSessionlessReconnect()
{
    MosquittoBroker broker; // no persistence: a restart forgets every session
    QVERIFY2(broker.start(), qPrintable(broker.errorString()));
    MqttClient client;
    QVERIFY(client.setReconnectDelay(1, 1));
    QSignalSpy lost(&client, &MqttClient::subscriptionsLost);
    const QString kept = uniqueTopic(QStringLiteral("kept"));
    const QString gone = uniqueTopic(QStringLiteral("gone"));
    // One subscription is renewed in the connackReceived() handler, the other is not.
    QObject::connect(&client, &MqttClient::connackReceived, &client, [&] { client.subscribe(kept); });
    QVERIFY(connectTo(client, broker));
    QTRY_COMPARE_WITH_TIMEOUT(client.subscriptions(), QStringList{ kept }, Timeout);
    QCOMPARE(subscribeAndWait(client, gone, QoS::AtMostOnce), QList<ReasonCode>{ ReasonCode::GrantedQoS0 });
    QCOMPARE(client.subscriptions(), (QStringList{ kept, gone }));
    broker.kill();
    QVERIFY(broker.restart());
    QTRY_COMPARE_WITH_TIMEOUT(lost.size(), 1, 3 * Timeout);
    QCOMPARE(lost.first().at(0).toStringList(), QStringList{ gone });
    QTRY_COMPARE_WITH_TIMEOUT(client.subscriptions(), QStringList{ kept }, Timeout);
    client.disconnectFromHost();
    QVERIFY(client.waitForDisconnected(Timeout));
}

void tst_ClientApi::brokerAssignedClientId_data()
{
    QTest::addColumn<ProtocolVersion>("version");
    QTest::newRow("3.1.1") << ProtocolVersion::V3_1_1;
    QTest::newRow("5.0") << ProtocolVersion::V5;
}

void tst_ClientApi::brokerAssignedClientId()
{
    QFETCH(ProtocolVersion, version);
    MqttClient client;
    client.setProtocolVersion(version);
    client.setBrokerAssignsClientId(true);
    QCOMPARE(client.clientId(), QString());
    QSignalSpy idChanged(&client, &MqttClient::clientIdChanged);
    QVERIFY2(connectTo(client, m_broker), qPrintable(client.errorString()));
    if (version == ProtocolVersion::V5) {
        // mosquitto assigns "auto-..." and says so; the client reports and reuses it.
        QVERIFY2(client.clientId().startsWith(QStringLiteral("auto-")), qPrintable(client.clientId()));
        QCOMPARE(client.serverProperties().assignedClientIdentifier(), client.clientId());
        QCOMPARE(idChanged.size(), 1);
    } else {
        QVERIFY(client.clientId().isEmpty()); // MQTT 3.1.1 does not tell
    }
    QTRY_VERIFY_WITH_TIMEOUT(m_broker.log().contains(QStringLiteral("New client connected")), Timeout);
    client.disconnectFromHost();
    QVERIFY(client.waitForDisconnected(Timeout));
    // 3.1.1 allows it only with a clean session; 3.1 never.
    client.setCleanSession(false);
    client.setProtocolVersion(ProtocolVersion::V3_1_1);
    QCOMPARE(client.connectToHost(), ErrorCode::Invalid);
    client.setProtocolVersion(ProtocolVersion::V3_1);
    client.setCleanSession(true);
    QCOMPARE(client.connectToHost(), ErrorCode::Invalid);
}

// ---- threads and handlers ------------------------------------------------------------------

void tst_ClientApi::publishFromWorkerWhileClientThreadWaitsOnIt()
{
    // The client's thread blocks on a worker that publishes: with a blocking hand-over this
    // deadlocks (each publish waits for the client's thread, which waits for the worker).
    MqttClient client;
    QVERIFY(connectTo(client, m_broker));
    const QString topic = uniqueTopic(QStringLiteral("deadlock"));
    QList<MqttMessageInfo> infos;
    QThread *worker = QThread::create([&] {
        for (int i = 0; i < 100; ++i)
            infos.append(client.publish(topic, QByteArray::number(i), QoS::AtLeastOnce));
    });
    worker->start();
    QVERIFY(worker->wait(3000));
    delete worker;
    QCOMPARE(infos.size(), 100);
    QSet<int> mids;
    for (const MqttMessageInfo &info : std::as_const(infos)) {
        QCOMPARE(info.rc(), ErrorCode::NoError);
        QVERIFY(info.mid() > 0); // valid at once
        mids.insert(info.mid());
    }
    QCOMPARE(mids.size(), 100);
    QTRY_VERIFY_WITH_TIMEOUT(std::all_of(infos.cbegin(), infos.cend(), [](const MqttMessageInfo &i) { return i.isPublished(); }),
                             Timeout);
    client.disconnectFromHost();
    QVERIFY(client.waitForDisconnected(Timeout));
}

void tst_ClientApi::publishToBusyWorkerClientReturnsAtOnce()
{
    Worker worker;
    auto *client = new MqttClient;
    client->moveToThread(&worker.thread);
    client->setHost(m_broker.host());
    QVERIFY(client->setPort(m_broker.tcpPort()));
    QVERIFY(QMetaObject::invokeMethod(client, "connectToHost", Qt::QueuedConnection));
    QTRY_VERIFY_WITH_TIMEOUT(client->isConnected(), Timeout);
    // Keep the worker busy for 500 ms, then publish from this (the "GUI") thread.
    QMetaObject::invokeMethod(client, [] { QThread::msleep(500); }, Qt::QueuedConnection);
    QTest::qWait(50);
    QElapsedTimer timer;
    timer.start();
    const MqttMessageInfo info = client->publish(uniqueTopic(QStringLiteral("busy")), QByteArray("x"), QoS::AtLeastOnce);
    QVERIFY2(timer.elapsed() < 100, qPrintable(QString::number(timer.elapsed())));
    QCOMPARE(info.rc(), ErrorCode::NoError);
    QVERIFY(info.mid() > 0);
    QVERIFY(info.waitForPublish(Timeout));
    QMetaObject::invokeMethod(client, "disconnectFromHost", Qt::BlockingQueuedConnection);
    QTRY_COMPARE_WITH_TIMEOUT(client->state(), ClientState::Disconnected, Timeout);
    QMetaObject::invokeMethod(client, [client] { delete client; }, Qt::BlockingQueuedConnection);
}

void tst_ClientApi::errorHandlerRepeatingTheRefusedCallDoesNotRecurse()
{
    // "On error, disconnect" while not connected: disconnectFromHost() is refused with
    // NoConnection, which emits errorOccurred(), whose handler calls it again. That
    // recursed until the stack overflowed (found by the TLS example).
    MqttClient client;
    int emissions = 0;
    QList<ErrorCode> nested;
    connect(&client, &MqttClient::errorOccurred, &client, [&](ErrorCode) {
        ++emissions;
        if (emissions < 100)
            nested.append(client.disconnectFromHost());
    });
    QCOMPARE(client.disconnectFromHost(), ErrorCode::NoConnection);
    QCOMPARE(emissions, 1);
    QCOMPARE(nested, QList<ErrorCode>{ ErrorCode::NoConnection }); // refused, not emitted again
    QCOMPARE(client.error(), ErrorCode::NoConnection);
    // A different error from inside the handler is still reported.
    MqttClient other;
    QList<ErrorCode> seen;
    connect(&other, &MqttClient::errorOccurred, &other, [&](ErrorCode code) {
        seen.append(code);
        if (code == ErrorCode::NoConnection)
            other.setPort(-1);
    });
    QCOMPARE(other.disconnectFromHost(), ErrorCode::NoConnection);
    QCOMPARE(seen, (QList<ErrorCode>{ ErrorCode::NoConnection, ErrorCode::Invalid }));
    QCOMPARE(other.error(), ErrorCode::Invalid);
}

// MQTT says control characters and noncharacters should not be sent (1.5.4), and mosquitto
// closes the connection for one in any string. A QoS 1 message holding one used to be
// accepted, then resent and refused on every connection, holding back the messages queued
// behind it; now each call refuses it, naming the character.
void tst_ClientApi::charactersBrokersCloseForAreRefused()
{
    MqttClient client;
    client.setProtocolVersion(ProtocolVersion::V5);
    QVERIFY2(connectTo(client, m_broker), qPrintable(client.errorString()));
    QSignalSpy errors(&client, &MqttClient::errorOccurred);

    const QString escape = QStringLiteral("sensors/") + QChar(0x1B) + QStringLiteral("[31m");
    QCOMPARE(client.publish(escape, QByteArrayLiteral("x"), QoS::AtLeastOnce).rc(), ErrorCode::Invalid);
    QVERIFY2(client.errorString().contains(QLatin1String("U+001B (a control character) at position 8")),
             qPrintable(client.errorString()));
    QVERIFY(!client.errorString().contains(QChar(0x1B))); // printable in a log line
    QCOMPARE(client.subscribe(QStringLiteral("a/") + QChar(0xFFFF), QoS::AtLeastOnce).rc, ErrorCode::Invalid);
    QVERIFY2(client.errorString().contains(QLatin1String("U+FFFF (a noncharacter) at position 2")),
             qPrintable(client.errorString()));
    QCOMPARE(client.setWill(MqttWill(QStringLiteral("w/") + QChar(0x01), "gone")), ErrorCode::Invalid);
    QVERIFY2(client.errorString().contains(QLatin1String("The will topic")), qPrintable(client.errorString()));
    MqttProperties tab;
    tab.addUserProperty(QStringLiteral("note"), QStringLiteral("a\tb"));
    QCOMPARE(client.publish(QStringLiteral("a/b"), QByteArrayLiteral("x"), QoS::AtLeastOnce, false, tab).rc(),
             ErrorCode::Invalid);
    QVERIFY2(client.errorString().contains(QLatin1String("UserProperty value contains U+0009")),
             qPrintable(client.errorString()));
    // A shared subscription: [MQTT-3.8.3-4] no NoLocal, and a share name and a filter (4.8.2).
    MqttSubscribeOptions noLocal(QoS::AtLeastOnce);
    noLocal.setNoLocal(true);
    QCOMPARE(client.subscribe(QStringLiteral("$share/g/a"), noLocal).rc, ErrorCode::Invalid);
    QVERIFY2(client.errorString().contains(QLatin1String("NoLocal")), qPrintable(client.errorString()));
    QCOMPARE(client.subscribe(QStringLiteral("$share/g"), QoS::AtLeastOnce).rc, ErrorCode::Invalid);
    QVERIFY2(client.errorString().contains(QLatin1String("without a topic filter")), qPrintable(client.errorString()));
    QCOMPARE(errors.size(), 6);
    QVERIFY(client.isConnected()); // refused calls leave the connection alone

    // The connection still works, and so does a subscription that is valid.
    QCOMPARE(client.subscribe(QStringLiteral("$share/g/charsok"), QoS::AtLeastOnce).rc, ErrorCode::NoError);

    // A client id or a user name with one is refused when connecting.
    MqttClient other(QStringLiteral("id") + QChar(0x7F));
    QCOMPARE(other.connectToHost(m_broker.host(), m_broker.tcpPort()), ErrorCode::Invalid);
    QVERIFY2(other.errorString().contains(QLatin1String("U+007F (a control character) at position 2")),
             qPrintable(other.errorString()));
    MqttClient third;
    third.setCredentials(QStringLiteral("al") + QChar(0x85) + QStringLiteral("ce"), {});
    QCOMPARE(third.connectToHost(m_broker.host(), m_broker.tcpPort()), ErrorCode::Invalid);
    QVERIFY2(third.errorString().contains(QLatin1String("The user name contains U+0085")), qPrintable(third.errorString()));
}

void tst_ClientApi::refusalsFromOtherThreadsSetError_data()
{
    QTest::addColumn<bool>("connected");
    QTest::addColumn<QString>("call");
    QTest::addColumn<ErrorCode>("expected");
    QTest::addColumn<QString>("text");
    QTest::newRow("subscribe, invalid filter") << true << QStringLiteral("subscribe a/#/b") << ErrorCode::Invalid
                                               << QStringLiteral("The topic filter \"a/#/b\" has '#' at position 2; "
                                                                 "the multi-level wildcard must be the whole last level");
    QTest::newRow("subscribe, no filter") << true << QStringLiteral("subscribe") << ErrorCode::Invalid
                                          << QStringLiteral("No topic filter was given");
    QTest::newRow("unsubscribe, invalid filter") << true << QStringLiteral("unsubscribe a+") << ErrorCode::Invalid
                                                 << QStringLiteral("The topic filter \"a+\" has '+' at position 1 sharing "
                                                                   "its level; the single-level wildcard must be a whole level");
    QTest::newRow("subscribe, disconnected") << false << QStringLiteral("subscribe a/b") << ErrorCode::NoConnection
                                             << QStringLiteral("Not connected");
    QTest::newRow("unsubscribe, disconnected") << false << QStringLiteral("unsubscribe a/b")
                                               << ErrorCode::NoConnection << QStringLiteral("Not connected");
    QTest::newRow("publish, invalid topic") << true << QStringLiteral("publish a/+") << ErrorCode::Invalid
                                            << QStringLiteral("The topic \"a/+\" contains the wildcard '+' at position 2; "
                                                              "a topic one publishes to cannot hold wildcards");
    QTest::newRow("publish, control character") << true << QStringLiteral("publish sensors/\x1b[31m") << ErrorCode::Invalid
                                                << QStringLiteral("The topic \"sensors/\\u{001B}[31m\" contains U+001B (a "
                                                                  "control character) at position 8, which MQTT strings may not hold");
}

void tst_ClientApi::refusalsFromOtherThreadsSetError()
{
    // A call refused on another thread says why exactly as the same call on the client's
    // thread would: the return code at once, then error(), errorString() and errorOccurred()
    // from the client's thread.
    QFETCH(bool, connected);
    QFETCH(QString, call);
    QFETCH(ErrorCode, expected);
    QFETCH(QString, text);
    MqttClient client;
    if (connected)
        QVERIFY2(connectTo(client, m_broker), qPrintable(client.errorString()));
    QSignalSpy errors(&client, &MqttClient::errorOccurred);
    const QStringList words = call.split(QLatin1Char(' '));
    ErrorCode rc = ErrorCode::NoError;
    QThread *worker = QThread::create([&] {
        const QStringList filters = words.mid(1);
        if (words.first() == QLatin1String("subscribe"))
            rc = client.subscribe(filters, QoS::AtLeastOnce).rc;
        else if (words.first() == QLatin1String("unsubscribe"))
            rc = client.unsubscribe(filters).rc;
        else
            rc = client.publish(filters.first(), QByteArrayLiteral("x"), QoS::AtLeastOnce).rc();
    });
    worker->start();
    QVERIFY(worker->wait(Timeout));
    delete worker;
    QCOMPARE(rc, expected);
    QTRY_COMPARE_WITH_TIMEOUT(errors.size(), 1, Timeout);
    QCOMPARE(errors.first().at(0).value<ErrorCode>(), expected);
    QCOMPARE(client.error(), expected);
    if (!text.isEmpty())
        QCOMPARE(client.errorString(), text);
    else
        QVERIFY(!client.errorString().isEmpty());
    QCOMPARE(errors.first().at(1).toString(), client.errorString());
    if (connected)
        QVERIFY(client.isConnected()); // a refused call does not end the connection
}

void tst_ClientApi::publishFromThreadsKeepsPerThreadOrder()
{
    constexpr int Threads = 4;
    constexpr int PerThread = 1000;
    const QString base = uniqueTopic(QStringLiteral("order"));
    MqttClient subscriber;
    subscriber.setMaxInflightMessages(0);
    QVERIFY(connectTo(subscriber, m_broker));
    QCOMPARE(subscribeAndWait(subscriber, base + QStringLiteral("/#"), QoS::AtLeastOnce),
             QList<ReasonCode>{ ReasonCode::GrantedQoS1 });
    QHash<QString, QList<int>> received;
    QObject::connect(&subscriber, &MqttClient::messageReceived, &subscriber, [&](const MqttMessage &m) {
        received[m.topic()].append(m.payload().toInt());
    });

    MqttClient publisher;
    QVERIFY(connectTo(publisher, m_broker));
    std::atomic<int> refused{ 0 };
    QList<QThread *> threads;
    for (int t = 0; t < Threads; ++t) {
        const QString topic = base + QStringLiteral("/%1").arg(t);
        threads.append(QThread::create([&publisher, &refused, topic] {
            for (int i = 0; i < PerThread; ++i) {
                if (publisher.publish(topic, QByteArray::number(i), QoS::AtLeastOnce).rc() != ErrorCode::NoError)
                    ++refused;
            }
        }));
    }
    for (QThread *t : std::as_const(threads))
        t->start();
    for (QThread *t : std::as_const(threads)) {
        QVERIFY(QTest::qWaitFor([t] { return t->isFinished(); }, 10 * Timeout));
        delete t;
    }
    QCOMPARE(refused.load(), 0);
    QTRY_VERIFY_WITH_TIMEOUT(received.size() == Threads
                                     && std::all_of(received.cbegin(), received.cend(),
                                                    [](const QList<int> &l) { return l.size() >= PerThread; }),
                             10 * Timeout);
    QList<int> expected;
    for (int i = 0; i < PerThread; ++i)
        expected.append(i);
    for (auto it = received.cbegin(); it != received.cend(); ++it)
        QCOMPARE(it.value(), expected); // nothing lost, duplicated or reordered per thread
    publisher.disconnectFromHost();
    subscriber.disconnectFromHost();
    QVERIFY(publisher.waitForDisconnected(Timeout));
}

void tst_ClientApi::messageHandlersRunInTheirContextThread()
{
    MqttClient client;
    QVERIFY(connectTo(client, m_broker));
    const QString topic = uniqueTopic(QStringLiteral("ctx"));
    QCOMPARE(subscribeAndWait(client, topic), QList<ReasonCode>{ ReasonCode::GrantedQoS1 });
    Worker worker;
    QObject context;
    context.moveToThread(&worker.thread);
    std::atomic<QThread *> ranIn{ nullptr };
    const QMetaObject::Connection c = client.messageCallbackAdd(topic, &context, [&ranIn](const MqttMessage &) {
        ranIn = QThread::currentThread();
    });
    QVERIFY(c);
    client.publish(topic, QByteArray("x"), QoS::AtLeastOnce);
    QTRY_VERIFY_WITH_TIMEOUT(ranIn.load() != nullptr, Timeout);
    QCOMPARE(ranIn.load(), &worker.thread);
    QVERIFY(client.messageCallbackRemove(c));
    client.disconnectFromHost();
    QVERIFY(client.waitForDisconnected(Timeout));
}

void tst_ClientApi::messageHandlerRemovedByItsConnectionOnly()
{
    MqttClient client;
    QVERIFY(connectTo(client, m_broker));
    const QString topic = uniqueTopic(QStringLiteral("two"));
    QCOMPARE(subscribeAndWait(client, topic), QList<ReasonCode>{ ReasonCode::GrantedQoS1 });
    QObject componentA, componentB;
    int a = 0, b = 0;
    const auto ca = client.messageCallbackAdd(topic, &componentA, [&a](const MqttMessage &) { ++a; });
    const auto cb = client.messageCallbackAdd(topic, &componentB, [&b](const MqttMessage &) { ++b; });
    QVERIFY(ca && cb);
    client.publish(topic, QByteArray("1"), QoS::AtLeastOnce);
    QTRY_VERIFY_WITH_TIMEOUT(a == 1 && b == 1, Timeout);
    QVERIFY(client.messageCallbackRemove(ca)); // component A removes its own handler only
    QVERIFY(!client.messageCallbackRemove(ca));
    client.publish(topic, QByteArray("2"), QoS::AtLeastOnce);
    QTRY_COMPARE_WITH_TIMEOUT(b, 2, Timeout);
    QCOMPARE(a, 1);
    client.disconnectFromHost();
    QVERIFY(client.waitForDisconnected(Timeout));
}

void tst_ClientApi::messageArrivedSeesMessagesTakenByHandlers()
{
    MqttClient client;
    QVERIFY(connectTo(client, m_broker));
    const QString base = uniqueTopic(QStringLiteral("all"));
    QCOMPARE(subscribeAndWait(client, base + QStringLiteral("/#")), QList<ReasonCode>{ ReasonCode::GrantedQoS1 });
    QStringList arrived, unhandled, handled;
    QObject::connect(&client, &MqttClient::messageArrived, &client, [&](const MqttMessage &m) { arrived.append(m.topic()); });
    QObject::connect(&client, &MqttClient::messageReceived, &client, [&](const MqttMessage &m) { unhandled.append(m.topic()); });
    QObject component;
    QVERIFY(client.messageCallbackAdd(base + QStringLiteral("/a"), &component,
                                      [&](const MqttMessage &m) { handled.append(m.topic()); }));
    client.publish(base + QStringLiteral("/a"), QByteArray("1"), QoS::AtLeastOnce);
    client.publish(base + QStringLiteral("/b"), QByteArray("2"), QoS::AtLeastOnce);
    QTRY_COMPARE_WITH_TIMEOUT(arrived.size(), 2, Timeout);
    QCOMPARE(arrived, (QStringList{ base + QStringLiteral("/a"), base + QStringLiteral("/b") }));
    QCOMPARE(handled, QStringList{ base + QStringLiteral("/a") });
    QCOMPARE(unhandled, QStringList{ base + QStringLiteral("/b") }); // Paho's on_message rule
    client.disconnectFromHost();
    QVERIFY(client.waitForDisconnected(Timeout));
}

QTEST_MAIN(tst_ClientApi)
#include "tst_clientapi.moc"
