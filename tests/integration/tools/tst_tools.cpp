// Copyright (C) 2026 The MqttQt authors.
// SPDX-License-Identifier: BSD-3-Clause
//
// mqtt-pub and mqtt-sub against a real mosquitto: round trips with each other and with
// mosquitto_pub / mosquitto_sub in both directions (text, a binary file byte for byte,
// stdin by line and whole, retained messages, MQTT 5 user properties, JSON and -F
// output), and exit codes for bad input and failed connections.
#include "mosquittobroker.h"

#include <QtCore/QElapsedTimer>
#include <QtCore/QFile>
#include <QtCore/QJsonArray>
#include <QtCore/QJsonDocument>
#include <QtCore/QJsonObject>
#include <QtCore/QProcess>
#include <QtCore/QRandomGenerator>
#include <QtCore/QStandardPaths>
#include <QtCore/QTemporaryDir>
#include <QtNetwork/QHostAddress>
#include <QtNetwork/QTcpServer>
#include <QtTest/QTest>

#include <memory>

namespace {

constexpr int Timeout = 15000;

QString mqttPub() { return QString::fromUtf8(MQTTQT_PUB_EXECUTABLE); }
QString mqttSub() { return QString::fromUtf8(MQTTQT_SUB_EXECUTABLE); }
QString mosquittoPub() { return QStandardPaths::findExecutable(QStringLiteral("mosquitto_pub")); }
QString mosquittoSub() { return QStandardPaths::findExecutable(QStringLiteral("mosquitto_sub")); }

struct Result
{
    int exitCode = -1;
    QByteArray out;
    QByteArray err;
    qint64 ms = 0;
    bool finished = false;
    QString describe() const
    {
        return QStringLiteral("exit %1 after %2 ms\nstdout: %3\nstderr: %4")
                .arg(exitCode)
                .arg(ms)
                .arg(QString::fromUtf8(out.left(500)), QString::fromUtf8(err.left(2000)));
    }
};

// Runs a program to its end, feeding \a input on stdin.
Result run(const QString &program, const QStringList &args, const QByteArray &input = {}, int timeout = Timeout)
{
    QProcess p;
    QElapsedTimer timer;
    timer.start();
    p.start(program, args);
    Result r;
    if (!p.waitForStarted(timeout)) {
        r.err = p.errorString().toUtf8();
        return r;
    }
    if (!input.isEmpty())
        p.write(input);
    p.closeWriteChannel();
    r.finished = p.waitForFinished(timeout);
    if (!r.finished) {
        p.kill();
        p.waitForFinished(1000);
    }
    r.ms = timer.elapsed();
    r.exitCode = p.exitStatus() == QProcess::NormalExit ? p.exitCode() : -1;
    r.out = p.readAllStandardOutput();
    r.err = p.readAllStandardError();
    return r;
}

QString uniqueName(const QString &what)
{
    static int counter = 0;
    return QStringLiteral("tt-%1-%2").arg(what.left(12)).arg(++counter);
}

} // namespace

// A subscriber process started first; ready() waits until the broker logged its
// subscription, so that nothing published afterwards can be missed.
class Subscriber
{
public:
    Subscriber(const MosquittoBroker &broker, const QString &program, const QStringList &args, const QString &clientId,
               const QString &filter, int qos)
        : m_broker(broker), m_clientId(clientId), m_filter(filter), m_qos(qos)
    {
        m_process.start(program, args + QStringList{ QStringLiteral("-i"), clientId });
    }
    ~Subscriber()
    {
        if (m_process.state() != QProcess::NotRunning) {
            m_process.kill();
            m_process.waitForFinished(1000);
        }
    }
    bool ready()
    {
        const QString line = QStringLiteral("%1 %2 %3").arg(m_clientId).arg(m_qos).arg(m_filter);
        return QTest::qWaitFor([&] { return m_broker.log().contains(line); }, Timeout);
    }
    Result finish()
    {
        Result r;
        r.finished = m_process.waitForFinished(Timeout);
        if (!r.finished)
            m_process.kill();
        r.exitCode = m_process.exitStatus() == QProcess::NormalExit ? m_process.exitCode() : -1;
        r.out = m_process.readAllStandardOutput();
        r.err = m_process.readAllStandardError();
        return r;
    }

private:
    const MosquittoBroker &m_broker;
    QString m_clientId;
    QString m_filter;
    int m_qos;
    QProcess m_process;
};

class tst_Tools : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();

    void textRoundTrip_data();
    void textRoundTrip();
    void secureTransportRoundTrip_data();
    void secureTransportRoundTrip();
    void tlsFailures_data();
    void tlsFailures();
    void binaryFileRoundTrip_data();
    void binaryFileRoundTrip();
    void stdinWholeIsOneMessage();
    void stdinLineByLine_data();
    void stdinLineByLine();
    void retainedMessages_data();
    void retainedMessages();
    void userProperties_data();
    void userProperties();
    void jsonOutput();
    void formatOutput_data();
    void formatOutput();
    void subscriberCountTimeoutAndFilters();
    void badInput_data();
    void badInput();
    void refusedConnectionFailsFast_data();
    void refusedConnectionFailsFast();
    void helpAndVersion();

private:
    QStringList at(const MosquittoBroker &broker) const
    {
        return { QStringLiteral("-h"), broker.host(), QStringLiteral("-p"), QString::number(broker.tcpPort()) };
    }
    QString program(const QString &name) const;

    MosquittoBroker m_broker;
    MosquittoBroker m_authBroker;
    MosquittoBroker m_secureBroker; // TLS, ws and wss listeners
    MosquittoBroker m_mutualBroker; // TLS listener that requires a client certificate
    QTemporaryDir m_dir;
};

QString tst_Tools::program(const QString &name) const
{
    if (name == QLatin1String("mqtt-pub"))
        return mqttPub();
    if (name == QLatin1String("mqtt-sub"))
        return mqttSub();
    if (name == QLatin1String("mosquitto_pub"))
        return mosquittoPub();
    return mosquittoSub();
}

void tst_Tools::initTestCase()
{
    if (!MosquittoBroker::mosquittoAvailable())
        QSKIP("mosquitto, mosquitto_passwd or openssl is not installed");
    if (mosquittoPub().isEmpty() || mosquittoSub().isEmpty())
        QSKIP("mosquitto_pub / mosquitto_sub (mosquitto-clients) are not installed");
    // No queue limit: mosquitto drops QoS 1 messages beyond max_queued_messages (1000 by
    // default) for a subscriber that reads slowly, as a loaded machine makes mosquitto_sub.
    MosquittoBroker::Options unlimited;
    unlimited.maxQueuedMessages = 0;
    QVERIFY2(m_broker.start(unlimited), qPrintable(m_broker.errorString()));
    MosquittoBroker::Options auth;
    auth.users.insert(QStringLiteral("alice"), QStringLiteral("secret"));
    auth.allowAnonymous = false;
    QVERIFY2(m_authBroker.start(auth), qPrintable(m_authBroker.errorString()));
    MosquittoBroker::Options secure;
    secure.tls = true;
    secure.websockets = true;
    secure.secureWebsockets = true;
    QVERIFY2(m_secureBroker.start(secure), qPrintable(m_secureBroker.errorString()));
    MosquittoBroker::Options mutual;
    mutual.mutualTls = true;
    QVERIFY2(m_mutualBroker.start(mutual), qPrintable(m_mutualBroker.errorString()));
    QVERIFY(m_dir.isValid());
}

// ---- round trips ----------------------------------------------------------------------

void tst_Tools::textRoundTrip_data()
{
    QTest::addColumn<QString>("publisher");
    QTest::addColumn<QString>("subscriber");
    QTest::addColumn<int>("qos");
    QTest::addColumn<QString>("version");
    for (int qos = 0; qos <= 2; ++qos) {
        const QByteArray q = QByteArray::number(qos);
        QTest::newRow(QByteArray("mqtt-pub to mqtt-sub, QoS " + q).constData())
                << QStringLiteral("mqtt-pub") << QStringLiteral("mqtt-sub") << qos << QStringLiteral("311");
        QTest::newRow(QByteArray("mqtt-pub to mosquitto_sub, QoS " + q).constData())
                << QStringLiteral("mqtt-pub") << QStringLiteral("mosquitto_sub") << qos << QStringLiteral("311");
        QTest::newRow(QByteArray("mosquitto_pub to mqtt-sub, QoS " + q).constData())
                << QStringLiteral("mosquitto_pub") << QStringLiteral("mqtt-sub") << qos << QStringLiteral("311");
    }
    QTest::newRow("mqtt-pub to mqtt-sub, MQTT 5") << QStringLiteral("mqtt-pub") << QStringLiteral("mqtt-sub") << 1
                                                  << QStringLiteral("5");
    QTest::newRow("mqtt-pub to mqtt-sub, MQTT 3.1") << QStringLiteral("mqtt-pub") << QStringLiteral("mqtt-sub") << 1
                                                    << QStringLiteral("31");
}

void tst_Tools::textRoundTrip()
{
    QFETCH(QString, publisher);
    QFETCH(QString, subscriber);
    QFETCH(int, qos);
    QFETCH(QString, version);
    const QString topic = QStringLiteral("tools/text/") + uniqueName(QString());
    const QString text = QStringLiteral("Grüße, MQTT: ünïcødé ✓");
    const QStringList versionArgs = { QStringLiteral("-V"), version };
    Subscriber sub(m_broker, program(subscriber),
                   at(m_broker) + versionArgs
                           + QStringList{ QStringLiteral("-t"), topic, QStringLiteral("-q"), QString::number(qos),
                                          QStringLiteral("-C"), QStringLiteral("1"), QStringLiteral("-v") },
                   uniqueName(QStringLiteral("sub")), topic, qos);
    QVERIFY(sub.ready());
    const Result pub = run(program(publisher), at(m_broker) + versionArgs
                                                      + QStringList{ QStringLiteral("-t"), topic, QStringLiteral("-m"),
                                                                     text, QStringLiteral("-q"), QString::number(qos) });
    QVERIFY2(pub.exitCode == 0, qPrintable(pub.describe()));
    const Result got = sub.finish();
    QVERIFY2(got.exitCode == 0, qPrintable(got.describe()));
    QCOMPARE(QString::fromUtf8(got.out), topic + QLatin1Char(' ') + text + QLatin1Char('\n'));
}

// The connection arguments of each row name the broker's listener; QStringLiteral("%TOPIC%") in them is
// replaced by the row's topic (for -L URLs that carry it).
void tst_Tools::secureTransportRoundTrip_data()
{
    QTest::addColumn<QString>("publisher");
    QTest::addColumn<QString>("subscriber");
    QTest::addColumn<QStringList>("pubArgs");
    QTest::addColumn<QStringList>("subArgs");
    const MosquittoBroker &b = m_secureBroker;
    const QString host = b.host();
    const QString ca = b.caCertificatePath();
    const QString tls = QString::number(b.tlsPort());
    const QString ws = QString::number(b.wsPort());
    const QString wss = QString::number(b.wssPort());
    const QStringList tlsArgs = { QStringLiteral("-h"), host, QStringLiteral("-p"), tls, QStringLiteral("--cafile"), ca };
    QTest::newRow("TLS --cafile") << QStringLiteral("mqtt-pub") << QStringLiteral("mqtt-sub") << tlsArgs << tlsArgs;
    QTest::newRow("TLS, mqtt-pub to mosquitto_sub") << QStringLiteral("mqtt-pub") << QStringLiteral("mosquitto_sub") << tlsArgs << tlsArgs;
    QTest::newRow("TLS, mosquitto_pub to mqtt-sub") << QStringLiteral("mosquitto_pub") << QStringLiteral("mqtt-sub") << tlsArgs << tlsArgs;
    QTest::newRow("TLS --tls-version tlsv1.3")
            << QStringLiteral("mqtt-pub") << QStringLiteral("mqtt-sub") << (tlsArgs + QStringList{ QStringLiteral("--tls-version"), QStringLiteral("tlsv1.3") }) << tlsArgs;
    // The server certificate names 127.0.0.1 and localhost; "localhost" as the host and
    // --insecure are accepted alike.
    QTest::newRow("TLS --insecure") << QStringLiteral("mqtt-pub") << QStringLiteral("mqtt-sub")
                                    << QStringList{ QStringLiteral("-h"), host, QStringLiteral("-p"), tls, QStringLiteral("--cafile"), ca, QStringLiteral("--insecure") } << tlsArgs;
    const QString capath = QFileInfo(ca).absolutePath() + QStringLiteral("/capath");
    QTest::newRow("TLS --capath") << QStringLiteral("mqtt-pub") << QStringLiteral("mqtt-sub") << QStringList{ QStringLiteral("-h"), host, QStringLiteral("-p"), tls, QStringLiteral("--capath"), capath }
                                  << tlsArgs;
    QTest::newRow("mqtts:// URL") << QStringLiteral("mqtt-pub") << QStringLiteral("mqtt-sub")
                                  << QStringList{ QStringLiteral("-L"), QStringLiteral("mqtts://%1:%2/%TOPIC%").arg(host, tls), QStringLiteral("--cafile"), ca }
                                  << QStringList{ QStringLiteral("-L"), QStringLiteral("mqtts://%1:%2/%TOPIC%").arg(host, tls), QStringLiteral("--cafile"), ca };
    QTest::newRow("ws:// URL") << QStringLiteral("mqtt-pub") << QStringLiteral("mqtt-sub")
                               << QStringList{ QStringLiteral("-L"), QStringLiteral("ws://%1:%2/mqtt").arg(host, ws) }
                               << QStringList{ QStringLiteral("-L"), QStringLiteral("ws://%1:%2/mqtt").arg(host, ws) };
    QTest::newRow("ws:// publisher, TLS subscriber") << QStringLiteral("mqtt-pub") << QStringLiteral("mqtt-sub")
                                                     << QStringList{ QStringLiteral("-L"), QStringLiteral("ws://%1:%2/").arg(host, ws) }
                                                     << tlsArgs;
    QTest::newRow(")wss:// URL --cafile") << QStringLiteral("mqtt-pub") << QStringLiteral("mqtt-sub")
                                         << QStringList{ QStringLiteral("-L"), QStringLiteral("wss://%1:%2/mqtt").arg(host, wss), QStringLiteral("--cafile"), ca }
                                         << QStringList{ QStringLiteral("-L"), QStringLiteral("wss://%1:%2/mqtt").arg(host, wss), QStringLiteral("--cafile"), ca };
    const MosquittoBroker &m = m_mutualBroker;
    const QStringList mutualArgs = { QStringLiteral("-h"), m.host(), QStringLiteral("-p"), QString::number(m.tlsPort()), QStringLiteral("--cafile"), m.caCertificatePath(),
                                     QStringLiteral("--cert"), m.clientCertificatePath(), QStringLiteral("--key"), m.clientKeyPath() };
    QTest::newRow("mutual TLS --cert --key") << QStringLiteral("mqtt-pub") << QStringLiteral("mqtt-sub") << mutualArgs << mutualArgs;
    QTest::newRow("mutual TLS, mosquitto_pub to mqtt-sub") << QStringLiteral("mosquitto_pub") << QStringLiteral("mqtt-sub") << mutualArgs << mutualArgs;
}

void tst_Tools::secureTransportRoundTrip()
{
    QFETCH(QString, publisher);
    QFETCH(QString, subscriber);
    QFETCH(QStringList, pubArgs);
    QFETCH(QStringList, subArgs);
    // --capath: a directory with the CA and an unrelated certificate in it.
    const QString capath = QFileInfo(m_secureBroker.caCertificatePath()).absolutePath() + QStringLiteral("/capath");
    if (!QFileInfo::exists(capath)) {
        QVERIFY(QDir().mkpath(capath));
        QVERIFY(QFile::copy(m_secureBroker.caCertificatePath(), capath + QStringLiteral("/ca.pem")));
        QVERIFY(QFile::copy(m_secureBroker.otherCaCertificatePath(), capath + QStringLiteral("/other.pem")));
    }
    const QString topic = QStringLiteral("tools/secure/") + uniqueName(QString());
    const MosquittoBroker &broker = pubArgs.contains(QString::number(m_mutualBroker.tlsPort())) ? m_mutualBroker
                                                                                             : m_secureBroker;
    const auto withTopic = [&](QStringList args) {
        const bool url = args.filter(QStringLiteral("%TOPIC%")).size() > 0;
        args.replaceInStrings(QStringLiteral("%TOPIC%"), topic);
        return url ? args : args + QStringList{ QStringLiteral("-t"), topic };
    };
    const QString text = QStringLiteral("over a secure transport ✓");
    Subscriber sub(broker, program(subscriber),
                   withTopic(subArgs) + QStringList{ QStringLiteral("-q"), QStringLiteral("1"), QStringLiteral("-C"),
                                                     QStringLiteral("1") },
                   uniqueName(QStringLiteral("sub")), topic, 1);
    QVERIFY(sub.ready());
    const Result pub = run(program(publisher), withTopic(pubArgs) + QStringList{ QStringLiteral("-m"), text,
                                                                                  QStringLiteral("-q"), QStringLiteral("1") });
    QVERIFY2(pub.exitCode == 0, qPrintable(pub.describe()));
    const Result got = sub.finish();
    QVERIFY2(got.exitCode == 0, qPrintable(got.describe()));
    QCOMPARE(QString::fromUtf8(got.out), text + QLatin1Char('\n'));
}

// A TLS connection that cannot be trusted fails with exit code 1 and says why; bad TLS
// options fail before connecting.
void tst_Tools::tlsFailures_data()
{
    QTest::addColumn<QString>("tool");
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<int>("exitCode");
    QTest::addColumn<QString>("message");
    const MosquittoBroker &b = m_secureBroker;
    const QString tls = QString::number(b.tlsPort());
    const QString pub = QStringLiteral("mqtt-pub");
    const QString sub = QStringLiteral("mqtt-sub");
    const QStringList pubTail = { QStringLiteral("-t"), QStringLiteral("a"), QStringLiteral("-m"), QStringLiteral("x") };
    QTest::newRow("pub: unrelated CA") << pub << (QStringList{ QStringLiteral("-h"), b.host(), QStringLiteral("-p"), tls, QStringLiteral("--cafile"), b.otherCaCertificatePath() } + pubTail)
                                       << 1 << QStringLiteral("certificate");
    QTest::newRow("pub: system CAs only") << pub << (QStringList{ QStringLiteral("-L"), QStringLiteral("mqtts://%1:%2/a").arg(b.host(), tls), QStringLiteral("-m"), QStringLiteral("x") })
                                          << 1 << QStringLiteral("certificate");
    QTest::newRow("sub: wss, unrelated CA")
            << sub
            << QStringList{ QStringLiteral("-L"), QStringLiteral("wss://%1:%2/").arg(b.host(), QString::number(b.wssPort())), QStringLiteral("--cafile"),
                            b.otherCaCertificatePath(), QStringLiteral("-t"), QStringLiteral("a") }
            << 1 << QStringLiteral("certificate");
    const MosquittoBroker &m = m_mutualBroker;
    QTest::newRow("pub: no client certificate")
            << pub << (QStringList{ QStringLiteral("-h"), m.host(), QStringLiteral("-p"), QString::number(m.tlsPort()), QStringLiteral("--cafile"), m.caCertificatePath() } + pubTail)
            << 1 << QString();
    QTest::newRow("pub: missing --cafile") << pub << (QStringList{ QStringLiteral("--cafile"), QStringLiteral("/nonexistent/ca.pem") } + pubTail) << 3
                                           << QStringLiteral("/nonexistent/ca.pem");
    QTest::newRow("pub: --cafile not PEM") << pub << (QStringList{ QStringLiteral("--cafile"), QCoreApplication::applicationFilePath() } + pubTail)
                                           << 3 << QStringLiteral("certificate");
    QTest::newRow("pub: --capath empty") << pub << (QStringList{ QStringLiteral("--capath"), m_dir.path() + QStringLiteral("/empty") } + pubTail)
                                         << 3 << QStringLiteral("--capath");
    QTest::newRow("pub: --cert without --key") << pub << (QStringList{ QStringLiteral("--cafile"), b.caCertificatePath(), QStringLiteral("--cert"), b.clientCertificatePath() } + pubTail)
                                               << 2 << QStringLiteral("--key");
    QTest::newRow("pub: --key does not match --cert")
            << pub << (QStringList{ QStringLiteral("--cafile"), b.caCertificatePath(), QStringLiteral("--cert"), b.clientCertificatePath(), QStringLiteral("--key"), b.serverKeyPath() } + pubTail)
            << 3 << QStringLiteral("key");
    QTest::newRow("pub: --tls-version tlsv1") << pub << (QStringList{ QStringLiteral("--insecure"), QStringLiteral("--tls-version"), QStringLiteral("tlsv1") } + pubTail) << 2
                                              << QStringLiteral("tlsv1.2 or tlsv1.3");
    QTest::newRow("sub: --key missing file")
            << sub << QStringList{ QStringLiteral("--cert"), b.clientCertificatePath(), QStringLiteral("--key"), QStringLiteral("/nonexistent/k.pem"), QStringLiteral("-t"), QStringLiteral("a") } << 3
            << QStringLiteral("/nonexistent/k.pem");
}

void tst_Tools::tlsFailures()
{
    QFETCH(QString, tool);
    QFETCH(QStringList, args);
    QFETCH(int, exitCode);
    QFETCH(QString, message);
    QDir(m_dir.path()).mkpath(QStringLiteral("empty"));
    QElapsedTimer timer;
    timer.start();
    const Result r = run(program(tool), args);
    QVERIFY2(r.finished, qPrintable(r.describe()));
    QVERIFY2(r.exitCode == exitCode, qPrintable(r.describe()));
    QVERIFY2(r.out.isEmpty(), qPrintable(r.describe()));
    QVERIFY2(!r.err.trimmed().isEmpty(), qPrintable(r.describe()));
    if (!message.isEmpty())
        QVERIFY2(QString::fromUtf8(r.err).contains(message, Qt::CaseInsensitive), qPrintable(r.describe()));
    QVERIFY2(timer.elapsed() < 10000, qPrintable(r.describe())); // no retry loop, no long timeout
}

void tst_Tools::binaryFileRoundTrip_data()
{
    QTest::addColumn<QString>("publisher");
    QTest::addColumn<QString>("subscriber");
    QTest::newRow("mqtt-pub to mqtt-sub") << QStringLiteral("mqtt-pub") << QStringLiteral("mqtt-sub");
    QTest::newRow("mqtt-pub to mosquitto_sub") << QStringLiteral("mqtt-pub") << QStringLiteral("mosquitto_sub");
    QTest::newRow("mosquitto_pub to mqtt-sub") << QStringLiteral("mosquitto_pub") << QStringLiteral("mqtt-sub");
}

void tst_Tools::binaryFileRoundTrip()
{
    QFETCH(QString, publisher);
    QFETCH(QString, subscriber);
    // 600 kB of every byte value, NULs, newlines and invalid UTF-8 included.
    QByteArray data(600 * 1024, Qt::Uninitialized);
    QRandomGenerator rng(42);
    for (char &c : data)
        c = char(rng.bounded(256));
    const QString path = m_dir.filePath(uniqueName(QStringLiteral("bin")));
    QFile file(path);
    QVERIFY(file.open(QIODevice::WriteOnly));
    QCOMPARE(file.write(data), qint64(data.size()));
    file.close();

    const QString topic = QStringLiteral("tools/bin/") + uniqueName(QString());
    Subscriber sub(m_broker, program(subscriber),
                   at(m_broker) + QStringList{ QStringLiteral("-t"), topic, QStringLiteral("-q"), QStringLiteral("1"),
                                               QStringLiteral("-C"), QStringLiteral("1"), QStringLiteral("-N") },
                   uniqueName(QStringLiteral("sub")), topic, 1);
    QVERIFY(sub.ready());
    const Result pub = run(program(publisher), at(m_broker) + QStringList{ QStringLiteral("-t"), topic, QStringLiteral("-f"),
                                                                           path, QStringLiteral("-q"), QStringLiteral("1") });
    QVERIFY2(pub.exitCode == 0, qPrintable(pub.describe()));
    const Result got = sub.finish();
    QVERIFY2(got.exitCode == 0, qPrintable(got.describe()));
    QCOMPARE(got.out.size(), data.size());
    QVERIFY(got.out == data); // byte for byte
}

void tst_Tools::stdinWholeIsOneMessage()
{
    QByteArray data("first line\nsecond line\n\0binary\xff tail", 36);
    for (const QString &subscriber : { QStringLiteral("mqtt-sub"), QStringLiteral("mosquitto_sub") }) {
        const QString topic = QStringLiteral("tools/stdin/") + uniqueName(QString());
        Subscriber sub(m_broker, program(subscriber),
                       at(m_broker) + QStringList{ QStringLiteral("-t"), topic, QStringLiteral("-C"), QStringLiteral("1"),
                                                   QStringLiteral("-N") },
                       uniqueName(QStringLiteral("sub")), topic, 0);
        QVERIFY(sub.ready());
        const Result pub = run(mqttPub(), at(m_broker) + QStringList{ QStringLiteral("-t"), topic, QStringLiteral("-s") }, data);
        QVERIFY2(pub.exitCode == 0, qPrintable(pub.describe()));
        const Result got = sub.finish();
        QVERIFY2(got.exitCode == 0, qPrintable(got.describe()));
        QCOMPARE(got.out, data);
    }
}

void tst_Tools::stdinLineByLine_data()
{
    QTest::addColumn<QString>("publisher");
    QTest::addColumn<QString>("subscriber");
    QTest::addColumn<int>("qos");
    QTest::newRow("mqtt-pub to mqtt-sub, QoS 0") << QStringLiteral("mqtt-pub") << QStringLiteral("mqtt-sub") << 0;
    QTest::newRow("mqtt-pub to mqtt-sub, QoS 2") << QStringLiteral("mqtt-pub") << QStringLiteral("mqtt-sub") << 2;
    QTest::newRow("mqtt-pub to mosquitto_sub") << QStringLiteral("mqtt-pub") << QStringLiteral("mosquitto_sub") << 1;
    QTest::newRow("mosquitto_pub to mqtt-sub") << QStringLiteral("mosquitto_pub") << QStringLiteral("mqtt-sub") << 1;
}

void tst_Tools::stdinLineByLine()
{
    QFETCH(QString, publisher);
    QFETCH(QString, subscriber);
    QFETCH(int, qos);
    // 3000 lines, more than mqtt-pub keeps in flight at once, and an empty line: a
    // zero-length message, as mosquitto_pub 2 sends it.
    QByteArray input;
    for (int i = 0; i < 3000; ++i) {
        input += "line " + QByteArray::number(i) + '\n';
        if (i == 10)
            input += '\n';
    }
    QByteArray expected = input;
    if (subscriber == QLatin1String("mosquitto_sub"))
        expected.replace("line 10\n\n", "line 10\n"); // it prints nothing for a zero-length message
    const QString topic = QStringLiteral("tools/lines/") + uniqueName(QString());
    Subscriber sub(m_broker, program(subscriber),
                   at(m_broker) + QStringList{ QStringLiteral("-t"), topic, QStringLiteral("-q"), QString::number(qos),
                                               QStringLiteral("-C"), QStringLiteral("3001") },
                   uniqueName(QStringLiteral("sub")), topic, qos);
    QVERIFY(sub.ready());
    const Result pub = run(program(publisher), at(m_broker) + QStringList{ QStringLiteral("-t"), topic, QStringLiteral("-l"),
                                                                           QStringLiteral("-q"), QString::number(qos) },
                           input);
    QVERIFY2(pub.exitCode == 0, qPrintable(pub.describe()));
    const Result got = sub.finish();
    QVERIFY2(got.exitCode == 0, qPrintable(got.describe()));
    QCOMPARE(got.out, expected); // each line one message, in order
}

void tst_Tools::retainedMessages_data()
{
    QTest::addColumn<QString>("publisher");
    QTest::addColumn<QString>("subscriber");
    QTest::newRow("mqtt-pub to mqtt-sub") << QStringLiteral("mqtt-pub") << QStringLiteral("mqtt-sub");
    QTest::newRow("mqtt-pub to mosquitto_sub") << QStringLiteral("mqtt-pub") << QStringLiteral("mosquitto_sub");
    QTest::newRow("mosquitto_pub to mqtt-sub") << QStringLiteral("mosquitto_pub") << QStringLiteral("mqtt-sub");
}

void tst_Tools::retainedMessages()
{
    QFETCH(QString, publisher);
    QFETCH(QString, subscriber);
    const QString topic = QStringLiteral("tools/retained/") + uniqueName(QString());
    const QStringList base = at(m_broker) + QStringList{ QStringLiteral("-t"), topic };
    Result r = run(program(publisher), base + QStringList{ QStringLiteral("-m"), QStringLiteral("kept"),
                                                           QStringLiteral("-r"), QStringLiteral("-q"), QStringLiteral("1") });
    QVERIFY2(r.exitCode == 0, qPrintable(r.describe()));
    // A later subscriber gets it at once, with the retain flag.
    r = run(program(subscriber), base + QStringList{ QStringLiteral("-C"), QStringLiteral("1"), QStringLiteral("-F"),
                                                     QStringLiteral("%r %t %p") });
    QVERIFY2(r.exitCode == 0, qPrintable(r.describe()));
    QCOMPARE(QString::fromUtf8(r.out), QStringLiteral("1 %1 kept\n").arg(topic));
    // -R skips it (and -W ends the wait: exit 27, nothing printed).
    if (subscriber == QLatin1String("mqtt-sub")) {
        r = run(mqttSub(), base + QStringList{ QStringLiteral("-R"), QStringLiteral("-W"), QStringLiteral("1") });
        QVERIFY2(r.exitCode == 27, qPrintable(r.describe()));
        QVERIFY(r.out.isEmpty());
        r = run(mqttSub(), base + QStringList{ QStringLiteral("--retained-only"), QStringLiteral("-C"), QStringLiteral("1") });
        QVERIFY2(r.exitCode == 0 && r.out == "kept\n", qPrintable(r.describe()));
    }
    // A zero-length retained message (-n -r) clears it.
    r = run(program(publisher), base + QStringList{ QStringLiteral("-n"), QStringLiteral("-r"), QStringLiteral("-q"),
                                                    QStringLiteral("1") });
    QVERIFY2(r.exitCode == 0, qPrintable(r.describe()));
    r = run(mqttSub(), base + QStringList{ QStringLiteral("-W"), QStringLiteral("1") });
    QVERIFY2(r.exitCode == 27 && r.out.isEmpty(), qPrintable(r.describe()));
}

void tst_Tools::userProperties_data()
{
    QTest::addColumn<QString>("publisher");
    QTest::addColumn<QString>("subscriber");
    QTest::newRow("mqtt-pub to mqtt-sub") << QStringLiteral("mqtt-pub") << QStringLiteral("mqtt-sub");
    QTest::newRow("mqtt-pub to mosquitto_sub") << QStringLiteral("mqtt-pub") << QStringLiteral("mosquitto_sub");
    QTest::newRow("mosquitto_pub to mqtt-sub") << QStringLiteral("mosquitto_pub") << QStringLiteral("mqtt-sub");
}

void tst_Tools::userProperties()
{
    QFETCH(QString, publisher);
    QFETCH(QString, subscriber);
    const QString topic = QStringLiteral("tools/props/") + uniqueName(QString());
    const QStringList v5 = { QStringLiteral("-V"), QStringLiteral("5") };
    Subscriber sub(m_broker, program(subscriber),
                   at(m_broker) + v5
                           + QStringList{ QStringLiteral("-t"), topic, QStringLiteral("-C"), QStringLiteral("1"),
                                          QStringLiteral("-F"), QStringLiteral("%P|%C|%p") },
                   uniqueName(QStringLiteral("sub")), topic, 0);
    QVERIFY(sub.ready());
    const Result pub = run(program(publisher),
                           at(m_broker) + v5
                                   + QStringList{ QStringLiteral("-t"), topic, QStringLiteral("-m"), QStringLiteral("body"),
                                                  QStringLiteral("-D"), QStringLiteral("publish"),
                                                  QStringLiteral("user-property"), QStringLiteral("colour"),
                                                  QStringLiteral("blue"), QStringLiteral("-D"), QStringLiteral("publish"),
                                                  QStringLiteral("content-type"), QStringLiteral("text/plain") });
    QVERIFY2(pub.exitCode == 0, qPrintable(pub.describe()));
    const Result got = sub.finish();
    QVERIFY2(got.exitCode == 0, qPrintable(got.describe()));
    QCOMPARE(QString::fromUtf8(got.out), QStringLiteral("colour:blue|text/plain|body\n"));
}

void tst_Tools::jsonOutput()
{
    const QString topic = QStringLiteral("tools/json/") + uniqueName(QString());
    Subscriber sub(m_broker, mqttSub(),
                   at(m_broker) + QStringList{ QStringLiteral("-V"), QStringLiteral("5"), QStringLiteral("-t"), topic,
                                               QStringLiteral("-q"), QStringLiteral("1"), QStringLiteral("-C"),
                                               QStringLiteral("2"), QStringLiteral("--json") },
                   uniqueName(QStringLiteral("sub")), topic, 1);
    QVERIFY(sub.ready());
    Result pub = run(mosquittoPub(), at(m_broker) + QStringList{ QStringLiteral("-V"), QStringLiteral("5"),
                                                                 QStringLiteral("-t"), topic, QStringLiteral("-q"),
                                                                 QStringLiteral("1"), QStringLiteral("-m"),
                                                                 QStringLiteral("héllo"), QStringLiteral("-D"),
                                                                 QStringLiteral("publish"), QStringLiteral("user-property"),
                                                                 QStringLiteral("k"), QStringLiteral("v") });
    QVERIFY2(pub.exitCode == 0, qPrintable(pub.describe()));
    pub = run(mqttPub(), at(m_broker) + QStringList{ QStringLiteral("-t"), topic, QStringLiteral("-s") },
              QByteArray("\xff\xfe\x00", 3));
    QVERIFY2(pub.exitCode == 0, qPrintable(pub.describe()));
    const Result got = sub.finish();
    QVERIFY2(got.exitCode == 0, qPrintable(got.describe()));
    const QList<QByteArray> lines = got.out.split('\n');
    QCOMPARE(lines.size(), 3); // two objects, each on its own line
    QVERIFY(lines.at(2).isEmpty());
    QJsonParseError error;
    const QJsonObject text = QJsonDocument::fromJson(lines.at(0), &error).object();
    QVERIFY2(error.error == QJsonParseError::NoError, qPrintable(error.errorString()));
    QCOMPARE(text.value(QStringLiteral("topic")).toString(), topic);
    QCOMPARE(text.value(QStringLiteral("qos")).toInt(), 1);
    QCOMPARE(text.value(QStringLiteral("retain")).toBool(true), false);
    QVERIFY(text.value(QStringLiteral("mid")).toInt() > 0);
    QCOMPARE(text.value(QStringLiteral("payload")).toString(), QStringLiteral("héllo"));
    QCOMPARE(text.value(QStringLiteral("payloadlen")).toInt(), 6);
    QVERIFY(!text.value(QStringLiteral("tst")).toString().isEmpty());
    const QJsonArray props = text.value(QStringLiteral("properties")).toObject().value(QStringLiteral("userProperties")).toArray();
    QCOMPARE(props, (QJsonArray{ QJsonArray{ QStringLiteral("k"), QStringLiteral("v") } }));
    const QJsonObject binary = QJsonDocument::fromJson(lines.at(1), &error).object();
    QVERIFY2(error.error == QJsonParseError::NoError, qPrintable(error.errorString()));
    QVERIFY(!binary.contains(QStringLiteral("payload")));
    QCOMPARE(QByteArray::fromBase64(binary.value(QStringLiteral("payload_base64")).toString().toLatin1()),
             QByteArray("\xff\xfe\x00", 3));
    QCOMPARE(binary.value(QStringLiteral("qos")).toInt(), 0);
}

void tst_Tools::formatOutput_data()
{
    QTest::addColumn<QString>("format");
    QTest::addColumn<QStringList>("extra");
    QTest::addColumn<QString>("expected"); // %T stands for the topic
    QTest::newRow("fields") << QStringLiteral("%t|%p|%q|%r|%l|%%") << QStringList() << QStringLiteral("%T|abc|1|0|3|%\n");
    QTest::newRow("hex") << QStringLiteral("%x %X") << QStringList() << QStringLiteral("616263 616263\n");
    QTest::newRow("escapes") << QStringLiteral("%p\\t%p") << QStringList() << QStringLiteral("abc\tabc\n");
    QTest::newRow("no newline") << QStringLiteral("[%p]") << QStringList{ QStringLiteral("-N") } << QStringLiteral("[abc]");
}

void tst_Tools::formatOutput()
{
    QFETCH(QString, format);
    QFETCH(QStringList, extra);
    QFETCH(QString, expected);
    const QString topic = QStringLiteral("tools/format/") + uniqueName(QString());
    Subscriber sub(m_broker, mqttSub(),
                   at(m_broker) + QStringList{ QStringLiteral("-t"), topic, QStringLiteral("-q"), QStringLiteral("1"),
                                               QStringLiteral("-C"), QStringLiteral("1"), QStringLiteral("-F"), format }
                           + extra,
                   uniqueName(QStringLiteral("sub")), topic, 1);
    QVERIFY(sub.ready());
    const Result pub = run(mqttPub(), at(m_broker) + QStringList{ QStringLiteral("-t"), topic, QStringLiteral("-m"),
                                                                  QStringLiteral("abc"), QStringLiteral("-q"),
                                                                  QStringLiteral("1") });
    QVERIFY2(pub.exitCode == 0, qPrintable(pub.describe()));
    const Result got = sub.finish();
    QVERIFY2(got.exitCode == 0, qPrintable(got.describe()));
    QCOMPARE(QString::fromUtf8(got.out), QString(expected).replace(QStringLiteral("%T"), topic));
}

void tst_Tools::subscriberCountTimeoutAndFilters()
{
    const QString base = QStringLiteral("tools/count/") + uniqueName(QString());
    // -T filters before -C counts: two of the four messages are filtered out.
    Subscriber sub(m_broker, mqttSub(),
                   at(m_broker) + QStringList{ QStringLiteral("-t"), base + QStringLiteral("/#"), QStringLiteral("-T"),
                                               base + QStringLiteral("/skip/#"), QStringLiteral("-C"),
                                               QStringLiteral("2"), QStringLiteral("-q"), QStringLiteral("1") },
                   uniqueName(QStringLiteral("sub")), base + QStringLiteral("/#"), 1);
    QVERIFY(sub.ready());
    for (const QString &leaf : { QStringLiteral("skip/a"), QStringLiteral("one"), QStringLiteral("skip/b"), QStringLiteral("two") }) {
        const Result pub = run(mqttPub(), at(m_broker) + QStringList{ QStringLiteral("-t"), base + QLatin1Char('/') + leaf,
                                                                      QStringLiteral("-m"), leaf, QStringLiteral("-q"),
                                                                      QStringLiteral("1") });
        QVERIFY2(pub.exitCode == 0, qPrintable(pub.describe()));
    }
    const Result got = sub.finish();
    QVERIFY2(got.exitCode == 0, qPrintable(got.describe()));
    QCOMPARE(got.out, QByteArray("one\ntwo\n"));

    // -W: nothing arrives, exit 27 about a second after subscribing.
    Result r = run(mqttSub(), at(m_broker) + QStringList{ QStringLiteral("-t"), base + QStringLiteral("/silent"),
                                                          QStringLiteral("-W"), QStringLiteral("1") });
    QVERIFY2(r.exitCode == 27 && r.ms >= 1000 && r.ms < 5000, qPrintable(r.describe()));
    // -E: exit as soon as subscribed.
    r = run(mqttSub(), at(m_broker) + QStringList{ QStringLiteral("-t"), base + QStringLiteral("/e"), QStringLiteral("-E") });
    QVERIFY2(r.exitCode == 0 && r.ms < 5000, qPrintable(r.describe()));
}

void tst_Tools::badInput_data()
{
    QTest::addColumn<QString>("tool");
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<int>("exitCode");
    QTest::addColumn<QString>("message"); // a part of what stderr must say

    const QString pub = QStringLiteral("mqtt-pub");
    const QString sub = QStringLiteral("mqtt-sub");
    auto l = [](std::initializer_list<const char *> items) {
        QStringList list;
        for (const char *i : items)
            list.append(QString::fromUtf8(i));
        return list;
    };
    QTest::newRow("pub: unknown option") << pub << l({ "-t", "a", "-m", "x", "--bogus" }) << 2 << QStringLiteral("bogus");
    QTest::newRow("pub: no topic") << pub << l({ "-m", "x" }) << 2 << QStringLiteral("topic");
    QTest::newRow("pub: no message") << pub << l({ "-t", "a" }) << 2 << QStringLiteral("-m, -f, -l, -s, -n");
    QTest::newRow("pub: two messages") << pub << l({ "-t", "a", "-m", "x", "-n" }) << 2 << QStringLiteral("only one");
    QTest::newRow("pub: wildcard topic") << pub << l({ "-t", "a/#", "-m", "x" }) << 2 << QStringLiteral("a/#");
    QTest::newRow("pub: QoS 3") << pub << l({ "-t", "a", "-m", "x", "-q", "3" }) << 2 << QStringLiteral("QoS");
    QTest::newRow("pub: port 0") << pub << l({ "-t", "a", "-m", "x", "-p", "0" }) << 2 << QStringLiteral("port");
    QTest::newRow("pub: port text") << pub << l({ "-t", "a", "-m", "x", "-p", "mqtt" }) << 2 << QStringLiteral("port");
    QTest::newRow("pub: keepalive") << pub << l({ "-t", "a", "-m", "x", "-k", "70000" }) << 2 << QStringLiteral("keepalive");
    QTest::newRow("pub: protocol") << pub << l({ "-t", "a", "-m", "x", "-V", "4" }) << 2 << QStringLiteral("protocol");
    QTest::newRow("pub: -D without MQTT 5") << pub << l({ "-t", "a", "-m", "x", "-D", "publish", "user-property", "k", "v" })
                                            << 2 << QStringLiteral("-V 5");
    QTest::newRow("pub: -D unknown property") << pub << l({ "-V", "5", "-t", "a", "-m", "x", "-D", "publish", "colour", "x" })
                                              << 2 << QStringLiteral("colour");
    QTest::newRow("pub: -D wrong packet") << pub
                                          << l({ "-V", "5", "-t", "a", "-m", "x", "-D", "publish", "receive-maximum", "5" })
                                          << 2 << QStringLiteral("PUBLISH");
    QTest::newRow("pub: -D bad number") << pub
                                        << l({ "-V", "5", "-t", "a", "-m", "x", "-D", "publish", "message-expiry-interval", "soon" })
                                        << 2 << QStringLiteral("whole number");
    QTest::newRow("pub: -D missing value") << pub << l({ "-V", "5", "-t", "a", "-m", "x", "-D", "publish", "user-property", "k" })
                                           << 2 << QStringLiteral("a name and a value");
    QTest::newRow("pub: --property=") << pub << l({ "-V", "5", "-t", "a", "-m", "x", "--property=publish", "content-type", "y" })
                                      << 2 << QStringLiteral("separate");
    QTest::newRow("pub: -D disconnect") << pub
                                        << l({ "-V", "5", "-t", "a", "-m", "x", "-D", "disconnect", "user-property", "k", "v" })
                                        << 4 << QStringLiteral("not supported");
    QTest::newRow("pub: -m value looks like -D") << pub << l({ "-t", "a", "-m", "-D", "-p", "0" }) << 2 << QStringLiteral("port");
    QTest::newRow("pub: missing file") << pub << l({ "-t", "a", "-f", "/nonexistent/file" }) << 3 << QStringLiteral("/nonexistent/file");
    QTest::newRow("pub: will without topic") << pub << l({ "-t", "a", "-m", "x", "--will-payload", "bye" }) << 2
                                             << QStringLiteral("--will-topic");
    QTest::newRow("pub: -L and -h") << pub << l({ "-L", "mqtt://127.0.0.1/a", "-h", "x", "-m", "x" }) << 2 << QStringLiteral("-L");
    QTest::newRow("pub: -L bad scheme") << pub << l({ "-L", "http://127.0.0.1/a", "-m", "x" }) << 2 << QStringLiteral("scheme");
    QTest::newRow("pub: MQTT 3.1 id too long") << pub << l({ "-V", "31", "-i", "a-client-id-of-thirty-bytes!!!", "-t", "a", "-m", "x", "-p", "1" })
                                               << 2 << QStringLiteral("23 bytes");
    QTest::newRow("sub: no topic") << sub << l({ "-C", "1" }) << 2 << QStringLiteral("topic filter");
    QTest::newRow("sub: bad filter") << sub << l({ "-t", "a/#/b" }) << 2 << QStringLiteral("a/#/b");
    QTest::newRow("sub: count 0") << sub << l({ "-t", "a", "-C", "0" }) << 2 << QStringLiteral("-C");
    QTest::newRow("sub: timeout text") << sub << l({ "-t", "a", "-W", "soon" }) << 2 << QStringLiteral("-W");
    QTest::newRow("sub: unknown format") << sub << l({ "-t", "a", "-F", "%Z" }) << 2 << QStringLiteral("%Z");
    QTest::newRow("sub: -v and --json") << sub << l({ "-t", "a", "-v", "--json" }) << 2 << QStringLiteral("only one");
    QTest::newRow("sub: -c without id") << sub << l({ "-t", "a", "-c" }) << 2 << QStringLiteral("client id");
    QTest::newRow("sub: -D publish") << sub << l({ "-V", "5", "-t", "a", "-D", "publish", "content-type", "x" }) << 2
                                     << QStringLiteral("subscribe");
}

void tst_Tools::badInput()
{
    QFETCH(QString, tool);
    QFETCH(QStringList, args);
    QFETCH(int, exitCode);
    QFETCH(QString, message);
    const Result r = run(program(tool), args);
    QVERIFY2(r.finished, qPrintable(r.describe()));
    QVERIFY2(r.exitCode == exitCode, qPrintable(r.describe()));
    QVERIFY2(QString::fromUtf8(r.err).contains(message), qPrintable(r.describe()));
    QVERIFY2(r.err.startsWith(QByteArray(tool.toUtf8() + ": ")), qPrintable(r.describe()));
    QVERIFY(r.out.isEmpty());
    // --quiet keeps the exit code and says nothing.
    const Result quiet = run(program(tool), QStringList{ QStringLiteral("--quiet") } + args);
    QCOMPARE(quiet.exitCode, exitCode);
    QVERIFY2(quiet.err.isEmpty(), quiet.err.constData());
}

void tst_Tools::refusedConnectionFailsFast_data()
{
    QTest::addColumn<QString>("tool");
    QTest::addColumn<bool>("auth"); // true: the broker refuses the credentials; false: nothing listens
    QTest::addColumn<QString>("message");
    QTest::newRow("mqtt-pub, nothing listening") << QStringLiteral("mqtt-pub") << false << QStringLiteral("Connection refused");
    QTest::newRow("mqtt-sub, nothing listening") << QStringLiteral("mqtt-sub") << false << QStringLiteral("Connection refused");
    QTest::newRow("mqtt-pub, wrong password") << QStringLiteral("mqtt-pub") << true << QStringLiteral("not authori");
    QTest::newRow("mqtt-sub, wrong password") << QStringLiteral("mqtt-sub") << true << QStringLiteral("not authori");
}

void tst_Tools::refusedConnectionFailsFast()
{
    QFETCH(QString, tool);
    QFETCH(bool, auth);
    QFETCH(QString, message);
    QStringList args;
    if (auth) {
        args = at(m_authBroker) + QStringList{ QStringLiteral("-u"), QStringLiteral("alice"), QStringLiteral("-P"),
                                               QStringLiteral("wrong") };
    } else {
        QTcpServer probe;
        QVERIFY(probe.listen(QHostAddress::LocalHost));
        const quint16 port = probe.serverPort();
        probe.close(); // nothing listens there now
        args = { QStringLiteral("-h"), QStringLiteral("127.0.0.1"), QStringLiteral("-p"), QString::number(port) };
    }
    args += { QStringLiteral("-t"), QStringLiteral("tools/refused") };
    if (tool == QLatin1String("mqtt-pub"))
        args += { QStringLiteral("-m"), QStringLiteral("x"), QStringLiteral("-q"), QStringLiteral("1") };
    const Result r = run(program(tool), args);
    QVERIFY2(r.exitCode == 1, qPrintable(r.describe()));
    QVERIFY2(r.ms < 2000, qPrintable(r.describe())); // no long timeout, no retry
    QVERIFY2(QString::fromUtf8(r.err).contains(message, Qt::CaseInsensitive), qPrintable(r.describe()));
    qInfo("%s failed in %lld ms", qPrintable(tool), r.ms);
}

void tst_Tools::helpAndVersion()
{
    for (const QString &tool : { mqttPub(), mqttSub() }) {
        Result r = run(tool, { QStringLiteral("--help") });
        QCOMPARE(r.exitCode, 0);
        const QString help = QString::fromUtf8(r.out);
        for (const char *needle : { "-h, --host", "-p, --port", "-t, --topic", "-D, --property", "--cafile", "Exit codes" })
            QVERIFY2(help.contains(QLatin1String(needle)), needle);
        r = run(tool, { QStringLiteral("--version") });
        QCOMPARE(r.exitCode, 0);
        QVERIFY2(r.out.contains("MqttQt"), r.out.constData());
    }
}

QTEST_GUILESS_MAIN(tst_Tools)
#include "tst_tools.moc"
