// Copyright (C) 2026 The MqttQt authors.
// SPDX-License-Identifier: BSD-3-Clause
//
// Runs the examples against a real mosquitto broker and checks what they print.
#include "clientrecorder.h"
#include "mosquittobroker.h"

#include <MqttQt/MqttClient>

#include <QtCore/QFileInfo>
#include <QtCore/QProcess>
#include <QtCore/QRegularExpression>
#include <QtTest/QTest>

namespace {
constexpr int Timeout = 20000;

QString executable(const char *path)
{
    return QString::fromUtf8(path);
}

struct Run
{
    bool finished = false;
    int exitCode = -1;
    QString out;
    QString err;
    QString describe() const
    {
        return QStringLiteral("exit %1\nstdout:\n%2\nstderr:\n%3").arg(exitCode).arg(out, err);
    }
};

Run finish(QProcess &process)
{
    Run r;
    r.finished = process.waitForFinished(Timeout);
    if (!r.finished) {
        process.kill();
        process.waitForFinished(1000);
    }
    r.exitCode = process.exitStatus() == QProcess::NormalExit ? process.exitCode() : -1;
    r.out = QString::fromUtf8(process.readAllStandardOutput());
    r.err = QString::fromUtf8(process.readAllStandardError());
    return r;
}

// A client of the test's own, subscribed to \a filter, recording what arrives.
struct Listener
{
    Listener(const MosquittoBroker &broker, const QString &filter) : rec(&client)
    {
        ok = client.connectToHost(broker.host(), broker.tcpPort()) == Mqtt::ErrorCode::NoError
                && client.waitForConnected(Timeout);
        if (!ok)
            return;
        const MqttResult r = client.subscribe(filter, Mqtt::QoS::AtLeastOnce);
        ok = r.rc == Mqtt::ErrorCode::NoError && QTest::qWaitFor([&] { return rec.subackCount(r.mid) > 0; }, Timeout);
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
} // namespace

class tst_Examples : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void gettingStartedPrintsSysMessages();
    void gettingStartedRefusesBadArguments_data();
    void gettingStartedRefusesBadArguments();

    void publishSingle();
    void publishMultiple();
    void subscribeSimpleSkipsRetained();
    void subscribeCallbackUntilCount();
    void messageCallbacksSortByFilter();
    void workerThreadPublishesFromMainThread();
    void tlsClientRoundTrip();
    void tlsClientRefusesAnUnverifiedBroker();
    void websocketsRoundTrip_data();
    void websocketsRoundTrip();
    void examplesRefuseBadArguments_data();
    void examplesRefuseBadArguments();

private:
    // The broker with TLS, ws and wss listeners, started by the first test that needs it.
    bool startSecureBroker();
    // Waits until the broker logged one more subscription to \a filter than \a before.
    bool waitForSubscription(const QString &filter, int before);
    int subscriptionsTo(const QString &filter) const;

    MosquittoBroker m_broker; // sys_interval 1, shared by the examples after getting_started
    MosquittoBroker m_secureBroker;
};

void tst_Examples::initTestCase()
{
    if (!MosquittoBroker::mosquittoAvailable())
        QSKIP("mosquitto, mosquitto_passwd or openssl is not installed");
    MosquittoBroker::Options options;
    options.extraConfig = QStringLiteral("sys_interval 1\n");
    QVERIFY2(m_broker.start(options), qPrintable(m_broker.errorString()));
}

int tst_Examples::subscriptionsTo(const QString &filter) const
{
    // mosquitto logs "<client id> <qos> <filter>" for each subscription.
    const QRegularExpression line(QStringLiteral("\\S+ \\d ") + QRegularExpression::escape(filter) + QStringLiteral("$"),
                                  QRegularExpression::MultilineOption);
    int n = 0;
    for (auto it = line.globalMatch(m_broker.log()); it.hasNext(); it.next())
        ++n;
    return n;
}

bool tst_Examples::waitForSubscription(const QString &filter, int before)
{
    return QTest::qWaitFor([&] { return subscriptionsTo(filter) > before; }, Timeout);
}

void tst_Examples::gettingStartedPrintsSysMessages()
{
    if (!MosquittoBroker::mosquittoAvailable())
        QSKIP("mosquitto, mosquitto_passwd or openssl is not installed");
    const QString program = QString::fromUtf8(MQTTQT_GETTING_STARTED_EXECUTABLE);
    QVERIFY2(QFileInfo(program).isExecutable(), qPrintable(program));

    MosquittoBroker broker;
    MosquittoBroker::Options options;
    options.extraConfig = QStringLiteral("sys_interval 1\n");
    QVERIFY2(broker.start(options), qPrintable(broker.errorString()));

    QProcess process;
    process.start(program, { broker.host(), QString::number(broker.tcpPort()), QStringLiteral("--count"),
                             QStringLiteral("3") });
    QVERIFY2(process.waitForStarted(Timeout), qPrintable(process.errorString()));
    const bool finished = process.waitForFinished(Timeout);
    const QString output = QString::fromUtf8(process.readAllStandardOutput());
    const QString errors = QString::fromUtf8(process.readAllStandardError());
    if (!finished)
        process.kill();
    QVERIFY2(finished, qPrintable(QStringLiteral("still running; output so far:\n") + output + errors));
    QCOMPARE(process.exitStatus(), QProcess::NormalExit);
    QVERIFY2(process.exitCode() == 0, qPrintable(output + errors));

    const QStringList lines = output.split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    QVERIFY2(lines.size() == 4, qPrintable(output));
    QCOMPARE(lines.first(), QStringLiteral("Connected with result code 0"));
    for (qsizetype i = 1; i < lines.size(); ++i) {
        QVERIFY2(lines.at(i).startsWith(QStringLiteral("$SYS/")), qPrintable(lines.at(i)));
        QVERIFY2(lines.at(i).contains(QLatin1Char(' ')), qPrintable(lines.at(i))); // "topic payload"
    }
    // The example subscribed and said goodbye properly.
    QTRY_VERIFY2_WITH_TIMEOUT(broker.log().contains(QStringLiteral("$SYS/#")), qPrintable(broker.log()), Timeout);
    QTRY_VERIFY2_WITH_TIMEOUT(broker.log().contains(QStringLiteral(" disconnected.")), qPrintable(broker.log()), Timeout);
}

void tst_Examples::gettingStartedRefusesBadArguments_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::newRow("port not a number") << QStringList{ QStringLiteral("127.0.0.1"), QStringLiteral("mqtt") };
    QTest::newRow("port out of range") << QStringList{ QStringLiteral("127.0.0.1"), QStringLiteral("70000") };
    QTest::newRow("count zero") << QStringList{ QStringLiteral("--count"), QStringLiteral("0") };
}

void tst_Examples::gettingStartedRefusesBadArguments()
{
    QFETCH(QStringList, arguments);
    QProcess process;
    process.start(QString::fromUtf8(MQTTQT_GETTING_STARTED_EXECUTABLE), arguments);
    QVERIFY2(process.waitForStarted(Timeout), qPrintable(process.errorString()));
    QVERIFY(process.waitForFinished(Timeout));
    QCOMPARE(process.exitStatus(), QProcess::NormalExit);
    QCOMPARE(process.exitCode(), 2);
    QVERIFY(!process.readAllStandardError().isEmpty());
}

void tst_Examples::publishSingle()
{
    Listener listener(m_broker, QStringLiteral("paho/test/single"));
    QVERIFY(listener.ok);
    QProcess process;
    process.start(executable(MQTTQT_PUBLISH_SINGLE_EXECUTABLE), { m_broker.host(), QString::number(m_broker.tcpPort()) });
    const Run r = finish(process);
    QVERIFY2(r.exitCode == 0, qPrintable(r.describe()));
    QCOMPARE(r.out, QStringLiteral("Published to paho/test/single\n"));
    QTRY_COMPARE_WITH_TIMEOUT(listener.rec.payloads(), QList<QByteArray>{ QByteArray("payload") }, Timeout);
}

void tst_Examples::publishMultiple()
{
    Listener listener(m_broker, QStringLiteral("paho/test/multiple"));
    QVERIFY(listener.ok);
    QProcess process;
    process.start(executable(MQTTQT_PUBLISH_MULTIPLE_EXECUTABLE), { m_broker.host(), QString::number(m_broker.tcpPort()) });
    const Run r = finish(process);
    QVERIFY2(r.exitCode == 0, qPrintable(r.describe()));
    QVERIFY2(r.out.startsWith(QStringLiteral("Published message 0 (mid ")), qPrintable(r.out));
    QVERIFY2(r.out.contains(QStringLiteral("Published message 1 (mid ")), qPrintable(r.out));
    QTRY_COMPARE_WITH_TIMEOUT(listener.rec.payloads(), (QList<QByteArray>{ "multiple 1", "multiple 2" }), Timeout);
}

void tst_Examples::subscribeSimpleSkipsRetained()
{
    const QString topic = QStringLiteral("paho/test/simple");
    MqttClient publisher;
    QVERIFY(publisher.connectToHost(m_broker.host(), m_broker.tcpPort()) == Mqtt::ErrorCode::NoError);
    QVERIFY(publisher.waitForConnected(Timeout));
    QVERIFY(publisher.publish(topic, "stale", Mqtt::QoS::AtLeastOnce, true).waitForPublish(Timeout));

    const int before = subscriptionsTo(topic);
    QProcess process;
    process.start(executable(MQTTQT_SUBSCRIBE_SIMPLE_EXECUTABLE), { m_broker.host(), QString::number(m_broker.tcpPort()) });
    QVERIFY(waitForSubscription(topic, before));
    QVERIFY(publisher.publish(topic, "hello simple", Mqtt::QoS::AtLeastOnce).waitForPublish(Timeout));
    const Run r = finish(process);
    QVERIFY2(r.exitCode == 0, qPrintable(r.describe()));
    QCOMPARE(r.out, QStringLiteral("paho/test/simple hello simple\n")); // the retained one was skipped
    QVERIFY(publisher.publish(topic, QByteArray(), Mqtt::QoS::AtLeastOnce, true).waitForPublish(Timeout));
    publisher.disconnectFromHost();
    QVERIFY(publisher.waitForDisconnected(Timeout));
}

void tst_Examples::subscribeCallbackUntilCount()
{
    const QString topic = QStringLiteral("paho/test/callback");
    const int before = subscriptionsTo(topic);
    QProcess process;
    process.start(executable(MQTTQT_SUBSCRIBE_CALLBACK_EXECUTABLE),
                  { m_broker.host(), QString::number(m_broker.tcpPort()), QStringLiteral("--count"), QStringLiteral("3") });
    QVERIFY(waitForSubscription(topic, before));
    MqttClient publisher;
    QVERIFY(publisher.connectToHost(m_broker.host(), m_broker.tcpPort()) == Mqtt::ErrorCode::NoError);
    QVERIFY(publisher.waitForConnected(Timeout));
    for (int i = 1; i <= 4; ++i)
        QVERIFY(publisher.publish(topic, QByteArray::number(i), Mqtt::QoS::AtLeastOnce).waitForPublish(Timeout));
    const Run r = finish(process);
    QVERIFY2(r.exitCode == 0, qPrintable(r.describe()));
    QCOMPARE(r.out, QStringLiteral("paho/test/callback 1\npaho/test/callback 2\npaho/test/callback 3\n"));
    publisher.disconnectFromHost();
    QVERIFY(publisher.waitForDisconnected(Timeout));
}

void tst_Examples::messageCallbacksSortByFilter()
{
    QProcess process;
    process.start(executable(MQTTQT_MESSAGE_CALLBACKS_EXECUTABLE),
                  { m_broker.host(), QString::number(m_broker.tcpPort()), QStringLiteral("--count"), QStringLiteral("80") });
    const Run r = finish(process);
    QVERIFY2(r.exitCode == 0, qPrintable(r.describe()));
    const QStringList lines = r.out.split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    QCOMPARE(lines.size(), 80);
    QSet<QString> kinds;
    for (const QString &line : lines) {
        const QString kind = line.section(QStringLiteral(": "), 0, 0);
        const QString topic = line.section(QStringLiteral(": "), 1).section(QLatin1Char(' '), 0, 0);
        kinds.insert(kind);
        if (kind == QLatin1String("MESSAGES"))
            QVERIFY2(topic.startsWith(QStringLiteral("$SYS/broker/messages/")), qPrintable(line));
        else if (kind == QLatin1String("BYTES"))
            QVERIFY2(topic.startsWith(QStringLiteral("$SYS/broker/bytes/")), qPrintable(line));
        else if (kind == QLatin1String("OTHER"))
            QVERIFY2(!topic.startsWith(QStringLiteral("$SYS/broker/messages/"))
                             && !topic.startsWith(QStringLiteral("$SYS/broker/bytes/")),
                     qPrintable(line));
        else
            QFAIL(qPrintable(line));
    }
    QCOMPARE(kinds, (QSet<QString>{ QStringLiteral("MESSAGES"), QStringLiteral("BYTES"), QStringLiteral("OTHER") }));
}

void tst_Examples::workerThreadPublishesFromMainThread()
{
    Listener listener(m_broker, QStringLiteral("paho/temperature"));
    QVERIFY(listener.ok);
    QProcess process;
    process.start(executable(MQTTQT_WORKER_THREAD_EXECUTABLE),
                  { m_broker.host(), QString::number(m_broker.tcpPort()), QStringLiteral("--count"), QStringLiteral("4") });
    const Run r = finish(process);
    QVERIFY2(r.exitCode == 0, qPrintable(r.describe()));
    QCOMPARE(r.out.count(QStringLiteral("Published ")), 4);
    QTRY_COMPARE_WITH_TIMEOUT(listener.rec.payloads(), (QList<QByteArray>{ "20.0", "20.5", "21.0", "21.5" }), Timeout);
}

bool tst_Examples::startSecureBroker()
{
    if (m_secureBroker.isRunning())
        return true;
    MosquittoBroker::Options options;
    options.tls = true;
    options.websockets = true;
    options.secureWebsockets = true;
    if (!m_secureBroker.start(options)) {
        qWarning() << m_secureBroker.errorString();
        return false;
    }
    return true;
}

void tst_Examples::tlsClientRoundTrip()
{
    QVERIFY(startSecureBroker());
    QProcess process;
    process.start(executable(MQTTQT_TLS_CLIENT_EXECUTABLE),
                  { QStringLiteral("--cafile"), m_secureBroker.caCertificatePath(), m_secureBroker.host(),
                    QString::number(m_secureBroker.tlsPort()) });
    const Run r = finish(process);
    QVERIFY2(r.exitCode == 0, qPrintable(r.describe()));
    QCOMPARE(r.out, QStringLiteral("Connected over TLS with result code 0\npaho/tls hello over TLS\n"));
}

void tst_Examples::tlsClientRefusesAnUnverifiedBroker()
{
    // The system's CAs do not know the test CA: the handshake fails, naming the certificate.
    QVERIFY(startSecureBroker());
    QProcess process;
    process.start(executable(MQTTQT_TLS_CLIENT_EXECUTABLE),
                  { m_secureBroker.host(), QString::number(m_secureBroker.tlsPort()) });
    const Run r = finish(process);
    QVERIFY2(r.exitCode == 1, qPrintable(r.describe()));
    QVERIFY2(r.out.isEmpty(), qPrintable(r.describe()));
    QVERIFY2(r.err.contains(QStringLiteral("did not verify")), qPrintable(r.describe()));
    // A CA file that does not exist is refused before connecting, named.
    process.start(executable(MQTTQT_TLS_CLIENT_EXECUTABLE), { QStringLiteral("--cafile"), QStringLiteral("/nonexistent/ca.pem") });
    const Run missing = finish(process);
    QVERIFY2(missing.exitCode == 1, qPrintable(missing.describe()));
    QVERIFY2(missing.err.contains(QStringLiteral("/nonexistent/ca.pem")), qPrintable(missing.describe()));
}

void tst_Examples::websocketsRoundTrip_data()
{
    QTest::addColumn<bool>("secure");
    QTest::newRow("ws") << false;
    QTest::newRow("wss") << true;
}

void tst_Examples::websocketsRoundTrip()
{
    QFETCH(bool, secure);
    QVERIFY(startSecureBroker());
    QStringList arguments{ QStringLiteral("--header"), QStringLiteral("X-Site: plant-1") };
    if (secure)
        arguments << QStringLiteral("--cafile") << m_secureBroker.caCertificatePath();
    arguments << m_secureBroker.host() << QString::number(secure ? m_secureBroker.wssPort() : m_secureBroker.wsPort());
    QProcess process;
    process.start(executable(MQTTQT_WEBSOCKETS_EXECUTABLE), arguments);
    const Run r = finish(process);
    QVERIFY2(r.exitCode == 0, qPrintable(r.describe()));
    QCOMPARE(r.out, QStringLiteral("Connected over %1 with result code 0\npaho/ws hello over WebSockets\n")
                            .arg(secure ? QStringLiteral("wss") : QStringLiteral("ws")));
}

void tst_Examples::examplesRefuseBadArguments_data()
{
    QTest::addColumn<QString>("program");
    QTest::addColumn<QStringList>("arguments");
    const QStringList badPort = { QStringLiteral("127.0.0.1"), QStringLiteral("70000") };
    QTest::newRow("publish_single") << executable(MQTTQT_PUBLISH_SINGLE_EXECUTABLE) << badPort;
    QTest::newRow("publish_multiple") << executable(MQTTQT_PUBLISH_MULTIPLE_EXECUTABLE) << badPort;
    QTest::newRow("subscribe_simple") << executable(MQTTQT_SUBSCRIBE_SIMPLE_EXECUTABLE) << badPort;
    QTest::newRow("subscribe_callback") << executable(MQTTQT_SUBSCRIBE_CALLBACK_EXECUTABLE)
                                        << QStringList{ QStringLiteral("--count"), QStringLiteral("-1") };
    QTest::newRow("message_callbacks") << executable(MQTTQT_MESSAGE_CALLBACKS_EXECUTABLE) << badPort;
    QTest::newRow("worker_thread") << executable(MQTTQT_WORKER_THREAD_EXECUTABLE)
                                   << QStringList{ QStringLiteral("--count"), QStringLiteral("0") };
    QTest::newRow("tls_client") << executable(MQTTQT_TLS_CLIENT_EXECUTABLE)
                                << QStringList{ QStringLiteral("--cert"), QStringLiteral("client.crt") };
    QTest::newRow("websockets") << executable(MQTTQT_WEBSOCKETS_EXECUTABLE)
                                << QStringList{ QStringLiteral("--header"), QStringLiteral("no colon") };
}

void tst_Examples::examplesRefuseBadArguments()
{
    QFETCH(QString, program);
    QFETCH(QStringList, arguments);
    QProcess process;
    process.start(program, arguments);
    const Run r = finish(process);
    QVERIFY2(r.exitCode == 2, qPrintable(r.describe()));
    QVERIFY(r.err.contains(QStringLiteral("usage")));
}

QTEST_GUILESS_MAIN(tst_Examples)
#include "tst_examples.moc"
