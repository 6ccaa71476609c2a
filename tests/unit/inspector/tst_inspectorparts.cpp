// Copyright (C) 2026 The MqttQt authors.
// SPDX-License-Identifier: BSD-3-Clause
#include "connectionprofile.h"
#include "latencyprobe.h"
#include "publishpanel.h"
#include "secretstore.h"

#include <MqttQt/MqttClient>

#include <QtCore/QElapsedTimer>
#include <QtCore/QSettings>
#include <QtCore/QTemporaryDir>
#include <QtTest/QtTest>

class tst_InspectorParts : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void profilesSurviveTheSettings();
    void profileFromUrl_data();
    void profileFromUrl();
    void profileValidation_data();
    void profileValidation();
    void profileIsAppliedToTheClient();
    void profileWithUnreadableTlsFileIsRefused();
    void payloadIsBuilt_data();
    void payloadIsBuilt();
    void payloadFromFile();
    void keychainAbsenceIsReportedAtOnce();
    void secretsStayInMemoryWithoutKeychain();
    void latencyProbeQuantiles();
};

void tst_InspectorParts::profilesSurviveTheSettings()
{
    QTemporaryDir dir;
    QSettings settings(dir.filePath(QStringLiteral("s.ini")), QSettings::IniFormat);
    ConnectionProfile a;
    a.name = QStringLiteral("Plant (TLS)");
    a.host = QStringLiteral("broker.example");
    a.port = 8883;
    a.transport = ConnectionProfile::TransportKind::Tls;
    a.protocolVersion = Mqtt::ProtocolVersion::V3_1_1;
    a.clientId = QStringLiteral("inspector-1");
    a.cleanSession = false;
    a.username = QStringLiteral("ops");
    a.savePassword = true;
    a.caFile = QStringLiteral("/etc/ca.pem");
    a.verifyHostName = false;
    a.willEnabled = true;
    a.willTopic = QStringLiteral("status/inspector");
    a.willPayload = QByteArray("offline\x00\x01", 9);
    a.willQos = Mqtt::QoS::AtLeastOnce;
    a.willRetain = true;
    a.sessionExpiryInterval = 3600;
    a.receiveMaximum = 100;
    a.maximumPacketSize = 1048576;
    a.topicAliasMaximum = 10;
    a.requestResponseInformation = true;
    a.requestProblemInformation = false;
    a.userProperties = { { QStringLiteral("team"), QStringLiteral("ops") }, { QStringLiteral("team"), QStringLiteral("dev") } };
    a.autoReconnect = false;
    a.reconnectDelayMin = 2;
    a.reconnectDelayMax = 60;
    a.subscriptions = { { QStringLiteral("plant/#"), Mqtt::QoS::AtLeastOnce }, { QStringLiteral("a b/+"), Mqtt::QoS::ExactlyOnce } };
    ConnectionProfile b;
    b.name = QStringLiteral("Local");
    b.transport = ConnectionProfile::TransportKind::SecureWebSocket;
    b.webSocketPath = QStringLiteral("/ws?token=x");
    ProfileStore::save(settings, { a, b });
    QSettings again(dir.filePath(QStringLiteral("s.ini")), QSettings::IniFormat);
    const QList<ConnectionProfile> loaded = ProfileStore::load(again);
    QCOMPARE(loaded.size(), 2);
    QVERIFY(loaded.at(0) == a);
    QVERIFY(loaded.at(1) == b);
    // No secret ever reaches the settings file: the only key about passwords is the
    // choice to keep one in the keychain.
    const QStringList keys = again.allKeys();
    for (const QString &key : keys) {
        const QString name = key.section(QLatin1Char('/'), -1);
        QVERIFY2(!name.contains(QStringLiteral("password"), Qt::CaseInsensitive) || name == u"savePassword",
                 qPrintable(key));
        QVERIFY2(!name.contains(QStringLiteral("passphrase"), Qt::CaseInsensitive), qPrintable(key));
    }
}

void tst_InspectorParts::profileFromUrl_data()
{
    QTest::addColumn<QString>("url");
    QTest::addColumn<bool>("ok");
    QTest::addColumn<QString>("display");
    QTest::newRow("mqtt default port") << QStringLiteral("mqtt://127.0.0.1") << true << QStringLiteral("mqtt://127.0.0.1:1883");
    QTest::newRow("mqtt port") << QStringLiteral("mqtt://broker:1884") << true << QStringLiteral("mqtt://broker:1884");
    QTest::newRow("mqtts") << QStringLiteral("mqtts://broker") << true << QStringLiteral("mqtts://broker:8883");
    QTest::newRow("ws path") << QStringLiteral("ws://broker:9001/mqtt") << true << QStringLiteral("ws://broker:9001/mqtt");
    QTest::newRow("wss default") << QStringLiteral("wss://broker") << true << QStringLiteral("wss://broker:443/mqtt");
    QTest::newRow("ipv6") << QStringLiteral("mqtt://[::1]:1883") << true << QStringLiteral("mqtt://[::1]:1883");
    QTest::newRow("http refused") << QStringLiteral("http://broker") << false << QString();
    QTest::newRow("no host") << QStringLiteral("mqtt://") << false << QString();
}

void tst_InspectorParts::profileFromUrl()
{
    QFETCH(QString, url);
    QFETCH(bool, ok);
    QFETCH(QString, display);
    ConnectionProfile p;
    QString error;
    QCOMPARE(ConnectionProfile::fromUrl(QUrl(url), &p, &error), ok);
    if (ok)
        QCOMPARE(p.displayUrl(), display);
    else
        QVERIFY(!error.isEmpty());
}

void tst_InspectorParts::profileValidation_data()
{
    QTest::addColumn<QString>("field");
    QTest::addColumn<QString>("problem");
    QTest::newRow("valid") << QString() << QString();
    QTest::newRow("empty host") << QStringLiteral("host") << QStringLiteral("host is empty");
    QTest::newRow("port") << QStringLiteral("port") << QStringLiteral("outside 1 to 65535");
    QTest::newRow("persistent without id") << QStringLiteral("clean") << QStringLiteral("needs a client id");
    QTest::newRow("will topic") << QStringLiteral("will") << QStringLiteral("not a valid topic name");
    QTest::newRow("subscription") << QStringLiteral("subscription") << QStringLiteral("not a valid topic filter");
    QTest::newRow("ws path") << QStringLiteral("ws") << QStringLiteral("must start with '/'");
    QTest::newRow("delays") << QStringLiteral("delays") << QStringLiteral("reconnect delays");
}

void tst_InspectorParts::profileValidation()
{
    QFETCH(QString, field);
    QFETCH(QString, problem);
    ConnectionProfile p;
    p.name = QStringLiteral("x");
    if (field == u"host")
        p.host.clear();
    else if (field == u"port")
        p.port = 70000;
    else if (field == u"clean")
        p.cleanSession = false;
    else if (field == u"will") {
        p.willEnabled = true;
        p.willTopic = QStringLiteral("a/#");
    } else if (field == u"subscription")
        p.subscriptions = { { QStringLiteral("a/#/b"), Mqtt::QoS::AtMostOnce } };
    else if (field == u"ws") {
        p.transport = ConnectionProfile::TransportKind::WebSocket;
        p.webSocketPath = QStringLiteral("mqtt");
    } else if (field == u"delays")
        p.reconnectDelayMax = 0;
    const QStringList problems = p.validate();
    if (problem.isEmpty()) {
        QVERIFY2(problems.isEmpty(), qPrintable(problems.join(u' ')));
    } else {
        QCOMPARE(problems.size(), 1);
        QVERIFY2(problems.first().contains(problem), qPrintable(problems.first()));
    }
}

void tst_InspectorParts::profileIsAppliedToTheClient()
{
    MqttClient client;
    ConnectionProfile p;
    p.transport = ConnectionProfile::TransportKind::SecureWebSocket;
    p.host = QStringLiteral("broker.example");
    p.port = 8443;
    p.webSocketPath = QStringLiteral("/mqtt-ws");
    p.protocolVersion = Mqtt::ProtocolVersion::V5;
    p.clientId = QStringLiteral("fixed-id");
    p.keepAlive = 30;
    p.username = QStringLiteral("ops");
    p.verifyHostName = false;
    p.willEnabled = true;
    p.willTopic = QStringLiteral("status/x");
    p.willPayload = "gone";
    p.sessionExpiryInterval = 120;
    p.userProperties = { { QStringLiteral("k"), QStringLiteral("v") } };
    p.reconnectDelayMin = 2;
    p.reconnectDelayMax = 20;
    QCOMPARE(applyProfile(&client, p, "secret", QByteArray()), QString());
    QCOMPARE(client.transport(), Mqtt::Transport::WebSockets);
    QVERIFY(client.isTlsEnabled());
    QVERIFY(!client.tlsOptions().isHostNameVerificationEnabled());
    QCOMPARE(client.webSocketOptions().path(), QStringLiteral("/mqtt-ws"));
    QCOMPARE(client.host(), QStringLiteral("broker.example"));
    QCOMPARE(client.port(), 8443);
    QCOMPARE(client.clientId(), QStringLiteral("fixed-id"));
    QCOMPARE(client.keepAlive(), 30);
    QCOMPARE(client.username(), QStringLiteral("ops"));
    QCOMPARE(client.password(), QByteArray("secret"));
    QCOMPARE(client.will().topic(), QStringLiteral("status/x"));
    QCOMPARE(client.connectProperties().integer(Mqtt::PropertyId::SessionExpiryInterval).value_or(0), 120u);
    QCOMPARE(client.connectProperties().userProperties().size(), 1);
    QCOMPARE(client.reconnectDelayMin(), 2);
    QCOMPARE(client.reconnectDelayMax(), 20);
    // Back to plain TCP, MQTT 3.1.1: TLS off, no MQTT 5 properties.
    ConnectionProfile plain;
    plain.protocolVersion = Mqtt::ProtocolVersion::V3_1_1;
    QCOMPARE(applyProfile(&client, plain, QByteArray(), QByteArray()), QString());
    QCOMPARE(client.transport(), Mqtt::Transport::Tcp);
    QVERIFY(!client.isTlsEnabled());
    QVERIFY(client.connectProperties().isEmpty());
    QVERIFY(client.username().isNull());
}

void tst_InspectorParts::profileWithUnreadableTlsFileIsRefused()
{
    MqttClient client;
    ConnectionProfile p;
    p.transport = ConnectionProfile::TransportKind::Tls;
    p.caFile = QStringLiteral("/nonexistent/ca.pem");
    const QString refused = applyProfile(&client, p, QByteArray(), QByteArray());
    QVERIFY2(refused.contains(QStringLiteral("/nonexistent/ca.pem")), qPrintable(refused));
}

void tst_InspectorParts::payloadIsBuilt_data()
{
    QTest::addColumn<int>("format");
    QTest::addColumn<QString>("text");
    QTest::addColumn<bool>("ok");
    QTest::addColumn<QByteArray>("payload");
    QTest::addColumn<QString>("error");
    const int text = int(PayloadFormat::Text), json = int(PayloadFormat::Json), hex = int(PayloadFormat::Hex);
    QTest::newRow("text utf-8") << text << QStringLiteral("Küche") << true << QByteArray("K\xc3\xbc" "che") << QString();
    QTest::newRow("text empty") << text << QString() << true << QByteArray() << QString();
    QTest::newRow("json kept as written") << json << QStringLiteral("{ \"id\": 18446744073709551615 }") << true
                                          << QByteArray("{ \"id\": 18446744073709551615 }") << QString();
    QTest::newRow("json invalid") << json << QStringLiteral("{\"a\":}") << false << QByteArray() << QStringLiteral("Not valid JSON");
    QTest::newRow("hex spaced") << hex << QStringLiteral("de ad be ef") << true << QByteArray("\xde\xad\xbe\xef") << QString();
    QTest::newRow("hex colons 0x") << hex << QStringLiteral("0x01:0x02-ff") << true << QByteArray("\x01\x02\xff") << QString();
    QTest::newRow("hex upper compact") << hex << QStringLiteral("00FF10") << true << QByteArray("\x00\xff\x10", 3) << QString();
    QTest::newRow("hex odd") << hex << QStringLiteral("abc") << false << QByteArray() << QStringLiteral("odd number");
    QTest::newRow("hex split byte") << hex << QStringLiteral("a bc") << false << QByteArray() << QStringLiteral("two digits");
    QTest::newRow("hex bad digit") << hex << QStringLiteral("0g") << false << QByteArray() << QStringLiteral("'g' at position 2");
    QTest::newRow("file missing") << int(PayloadFormat::File) << QStringLiteral("/nonexistent/file") << false << QByteArray()
                                  << QStringLiteral("Cannot read /nonexistent/file");
    QTest::newRow("file none") << int(PayloadFormat::File) << QString() << false << QByteArray() << QStringLiteral("Choose a file");
}

void tst_InspectorParts::payloadIsBuilt()
{
    QFETCH(int, format);
    QFETCH(QString, text);
    QFETCH(bool, ok);
    QFETCH(QByteArray, payload);
    QFETCH(QString, error);
    QByteArray built;
    QString why;
    QCOMPARE(buildPayload(PayloadFormat(format), text, &built, &why), ok);
    if (ok)
        QCOMPARE(built, payload);
    else
        QVERIFY2(why.contains(error), qPrintable(why));
}

void tst_InspectorParts::payloadFromFile()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("p.bin"));
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    const QByteArray bytes("\x00\x01\x02 binary \xff", 12);
    file.write(bytes);
    file.close();
    QByteArray built;
    QString why;
    QVERIFY(buildPayload(PayloadFormat::File, path, &built, &why));
    QCOMPARE(built, bytes);
}

void tst_InspectorParts::keychainAbsenceIsReportedAtOnce()
{
    // Without a D-Bus session (CI, containers) no keychain can answer: the store says so at
    // once, it does not wait for a timeout.
    const QByteArray oldBus = qgetenv("DBUS_SESSION_BUS_ADDRESS");
    const QByteArray oldRuntime = qgetenv("XDG_RUNTIME_DIR");
    qunsetenv("DBUS_SESSION_BUS_ADDRESS");
    qputenv("XDG_RUNTIME_DIR", "/nonexistent-runtime-dir");
    const QString problem = SecretStore::environmentProblem();
    QVERIFY2(problem.contains(QStringLiteral("D-Bus")), qPrintable(problem));
    SecretStore store(QStringLiteral("tst_inspectorparts"));
    QSignalSpy changed(&store, &SecretStore::availabilityChanged);
    QElapsedTimer timer;
    timer.start();
    store.probe();
    QCOMPARE(store.availability(), SecretStore::Availability::Unavailable);
    QVERIFY(timer.elapsed() < 1000);
    QCOMPARE(changed.size(), 1);
    QVERIFY(!store.unavailableReason().isEmpty());
    qputenv("MQTT_INSPECTOR_NO_KEYCHAIN", "1");
    QVERIFY(SecretStore::environmentProblem().contains(QStringLiteral("MQTT_INSPECTOR_NO_KEYCHAIN")));
    qunsetenv("MQTT_INSPECTOR_NO_KEYCHAIN");
    if (!oldBus.isNull())
        qputenv("DBUS_SESSION_BUS_ADDRESS", oldBus);
    if (!oldRuntime.isNull())
        qputenv("XDG_RUNTIME_DIR", oldRuntime);
    else
        qunsetenv("XDG_RUNTIME_DIR");
}

void tst_InspectorParts::secretsStayInMemoryWithoutKeychain()
{
    qputenv("MQTT_INSPECTOR_NO_KEYCHAIN", "1");
    SecretStore store(QStringLiteral("tst_inspectorparts"));
    store.probe();
    QCOMPARE(store.availability(), SecretStore::Availability::Unavailable);
    bool written = false;
    QString note;
    store.write(QStringLiteral("p/password"), "s3cret", [&](bool ok, const QString &error) {
        written = ok;
        note = error;
    });
    QTRY_VERIFY(written);
    QVERIFY2(note.contains(QStringLiteral("not saved")), qPrintable(note));
    bool found = false;
    QByteArray secret;
    store.read(QStringLiteral("p/password"), [&](bool f, const QByteArray &s, const QString &) {
        found = f;
        secret = s;
    });
    QTRY_VERIFY(found);
    QCOMPARE(secret, QByteArray("s3cret"));
    store.remove(QStringLiteral("p/password"));
    QVERIFY(store.sessionSecret(QStringLiteral("p/password")).isEmpty());
    qunsetenv("MQTT_INSPECTOR_NO_KEYCHAIN");
}

void tst_InspectorParts::latencyProbeQuantiles()
{
    LatencyProbe probe;
    QCOMPARE(probe.quantileMsecs(0.5), 0.0);
    probe.start();
    QTRY_VERIFY(probe.samples() >= 5);
    probe.stop();
    QVERIFY(probe.quantileMsecs(0.5) <= probe.quantileMsecs(0.99));
    QVERIFY(probe.quantileMsecs(0.99) <= probe.maxMsecs());
    QVERIFY(LatencyProbe::peakRssKib() > 0);
}

QTEST_MAIN(tst_InspectorParts)
#include "tst_inspectorparts.moc"
