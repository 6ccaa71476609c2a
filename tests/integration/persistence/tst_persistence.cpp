// Copyright (C) 2026 The MqttQt authors.
// SPDX-License-Identifier: BSD-3-Clause
//
// Session persistence: a session store survives the client object and the process.
// A publisher process killed with SIGKILL at random points and started again loses no
// message (QoS 1 duplicates counted, QoS 2 none); an inbound QoS 2 message whose PUBREC
// was sent before the kill is delivered once after the restart, never twice; bad stores
// (another client id, garbage, truncation, a read-only path, a full disk) are refused at
// the call that meets them with a clear error.
#include "clienttesting.h"
#include "fakebroker.h"

#include <MqttQt/MqttClient>
#include <MqttQt/MqttLogSessionStore>
#include <MqttQt/MqttSessionStore>
#include <MqttQt/MqttSqliteSessionStore>

#include <QtCore/QDir>
#include <QtCore/QFile>
#include <QtCore/QHash>
#include <QtCore/QProcess>
#include <QtCore/QRandomGenerator>
#include <QtCore/QSet>
#include <QtCore/QTemporaryDir>
#include <QtCore/QtEndian>
#include <QtTest/QSignalSpy>
#include <QtTest/QTest>

#include <zlib.h>

using Mqtt::ErrorCode;
using Mqtt::QoS;
using namespace ClientTesting;

namespace {

const QString Helper = QStringLiteral(MQTTQT_PERSIST_HELPER);

// The suite runs twice (see CMakeLists.txt): with the log that setPersistencePath() makes,
// and with MQTTQT_TEST_STORE=sqlite (which persist_helper reads too) with
// MqttSqliteSessionStore.
bool logStore()
{
    return qgetenv("MQTTQT_TEST_STORE") != "sqlite";
}

Mqtt::ErrorCode useStore(MqttClient &client, const QString &path)
{
    if (logStore())
        return client.setPersistencePath(path);
    return client.setSessionStore(new MqttSqliteSessionStore(path));
}

// A helper process whose stdout lines are collected as they arrive.
class Child
{
public:
    explicit Child(const QStringList &args)
    {
        process.setProcessChannelMode(QProcess::ForwardedErrorChannel);
        QObject::connect(&process, &QProcess::readyReadStandardOutput, [this] { read(); });
        process.start(Helper, args);
    }
    ~Child()
    {
        if (process.state() != QProcess::NotRunning) {
            process.kill();
            process.waitForFinished(5000);
        }
    }
    void read()
    {
        buffer += process.readAllStandardOutput();
        qsizetype nl;
        while ((nl = buffer.indexOf('\n')) >= 0) {
            lines.append(QString::fromUtf8(buffer.left(nl)));
            buffer.remove(0, nl + 1);
        }
    }
    bool waitForLine(const QString &prefix, int timeoutMs = Timeout)
    {
        return QTest::qWaitFor([&] { return hasLine(prefix); }, timeoutMs);
    }
    bool hasLine(const QString &prefix) const
    {
        return std::any_of(lines.cbegin(), lines.cend(), [&](const QString &l) { return l.startsWith(prefix); });
    }
    QString line(const QString &prefix) const
    {
        for (const QString &l : lines) {
            if (l.startsWith(prefix))
                return l;
        }
        return {};
    }
    // SIGKILL: no destructor, no last commit, no DISCONNECT.
    void killHard()
    {
        process.kill();
        process.waitForFinished(5000);
        read();
    }
    bool finish(int timeoutMs)
    {
        // waitForFinished() says false for a process that has already finished.
        const bool done = process.state() == QProcess::NotRunning || process.waitForFinished(timeoutMs);
        read();
        return done;
    }

    QProcess process;
    QByteArray buffer;
    QStringList lines;
};

// A store of the application's own (the public interface), whose commits fail on demand.
class FlakyStore : public MqttMemorySessionStore
{
public:
    bool failing = false;
    int commits = 0;
    Mqtt::ErrorCode commit(const QList<Change> &changes, Mqtt::Durability durability, QString *why) override
    {
        ++commits;
        if (failing) {
            *why = QStringLiteral("The flaky store could not save the session: disk full (simulated)");
            return ErrorCode::SessionStore;
        }
        return MqttMemorySessionStore::commit(changes, durability, why);
    }
};

} // namespace

class tst_Persistence : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void badStoreIsRefused_data();
    void badStoreIsRefused();
    void storeOfAnotherClientIdIsRefused();
    void existingSqliteStoreStaysSqlite();
    void sessionOutlivesTheClientObject_data();
    void sessionOutlivesTheClientObject();
    void fullDiskRefusesWhatItCannotKeep_data();
    void fullDiskRefusesWhatItCannotKeep();
    void failedCommitWhileConnectedLosesNothingKept();
    void killedPublisherLosesNothing();
    void inboundQos2IsDeliveredOnceAcrossKills();

private:
    MosquittoBroker m_broker;
    QTemporaryDir m_dir;
};

void tst_Persistence::initTestCase()
{
    QVERIFY(QFile::exists(Helper));
    QVERIFY(m_dir.isValid());
    if (!MosquittoBroker::mosquittoAvailable())
        QSKIP("mosquitto is not installed");
    MosquittoBroker::Options options;
    options.maxInflightMessages = 0;
    options.maxQueuedMessages = 0;
    QVERIFY2(m_broker.start(options), qPrintable(m_broker.errorString()));
}

void tst_Persistence::badStoreIsRefused_data()
{
    QTest::addColumn<QString>("kind");
    QTest::addColumn<ErrorCode>("error");
    QTest::addColumn<QString>("says");
    QTest::newRow("not a database") << "garbage" << ErrorCode::SessionStore
                                    << (logStore() ? "is not an MqttQt session log" : "is not an SQLite database");
    // A log cut short in its commits is a crash's torn tail and opens (tst_logstore); cut
    // in its header it is refused.
    QTest::newRow("truncated database") << "truncated" << ErrorCode::SessionStore
                                        << (logStore() ? "its header is damaged" : "");
    if (logStore()) // SQLite has no checksums: a changed byte in a record goes unseen
        QTest::newRow("damaged in the middle") << "damaged" << ErrorCode::SessionStore
                                               << "is damaged and a synced commit follows it";
    QTest::newRow("directory missing") << "nodir" << ErrorCode::SessionStore << "cannot be opened";
    QTest::newRow("read-only location") << "readonly" << ErrorCode::SessionStore << "cannot be opened";
    QTest::newRow("a directory") << "directory" << ErrorCode::SessionStore << "is a directory";
    QTest::newRow("newer format") << "newer" << ErrorCode::SessionStore << "has format 99";
}

void tst_Persistence::badStoreIsRefused()
{
    QFETCH(QString, kind);
    QFETCH(ErrorCode, error);
    QFETCH(QString, says);
    QString path = m_dir.filePath(QStringLiteral("bad-%1.db").arg(kind));
    if (kind == QLatin1String("garbage")) {
        QFile f(path);
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write(QByteArray(8192, 'G'));
    } else if (kind == QLatin1String("truncated") || kind == QLatin1String("newer") || kind == QLatin1String("damaged")) {
        {
            // A real store with messages in it, cut short (or given a future format).
            MqttClient writer(QStringLiteral("bad-store"));
            if (kind == QLatin1String("damaged")) // (unsynced commits after a damaged one may be a system crash's)
                writer.setSessionDurability(Mqtt::Durability::Synced);
            QCOMPARE(useStore(writer, path), ErrorCode::NoError);
            for (int i = 0; i < 300; ++i) {
                QCOMPARE(writer.publish(QStringLiteral("t"), QByteArray(1000, 'p'), QoS::AtLeastOnce).rc(), ErrorCode::NoError);
                if (i % 10 == 9)
                    QCoreApplication::processEvents(); // the pass ends: one commit per 10 messages
            }
        } // destroyed: committed, closed, WAL checkpointed into the main file
        QVERIFY(QFile::exists(path));
        if (kind == QLatin1String("truncated")) {
            QFile f(path);
            QVERIFY(f.size() > 64 * 1024);
            QVERIFY(f.resize(logStore() ? 6 : f.size() / 3 + 100));
        } else if (logStore()) {
            QFile f(path);
            QVERIFY(f.open(QIODevice::ReadWrite));
            QByteArray log = f.readAll();
            if (kind == QLatin1String("damaged")) {
                log[log.size() / 2] = char(log.at(log.size() / 2) ^ 0x10);
            } else {
                // The header frame: length, CRC-32 of length and body, "MQTTQTSL", format.
                qToLittleEndian(quint32(99), log.data() + 16);
                const quint32 length = qFromLittleEndian<quint32>(log.constData());
                const uLong crc = crc32(crc32(0L, reinterpret_cast<const Bytef *>(log.constData()), 4),
                                        reinterpret_cast<const Bytef *>(log.constData() + 8), length);
                qToLittleEndian(quint32(crc), log.data() + 4);
            }
            QVERIFY(f.seek(0));
            QCOMPARE(f.write(log), log.size());
        } else {
            QProcess sqlite;
            sqlite.start(QStringLiteral("sqlite3"), { path, QStringLiteral("UPDATE mqttqt_meta SET value='99' WHERE name='format'") });
            if (!sqlite.waitForFinished(5000) || sqlite.exitCode() != 0)
                QSKIP("sqlite3 is not installed");
        }
    } else if (kind == QLatin1String("nodir")) {
        path = m_dir.filePath(QStringLiteral("no/such/dir/s.db"));
    } else if (kind == QLatin1String("readonly")) {
        // Root ignores permission bits; /proc refuses new files to everyone.
        path = QStringLiteral("/proc/mqttqt-session-store.db");
    } else if (kind == QLatin1String("directory")) {
        path = m_dir.path();
    }

    MqttClient client(QStringLiteral("bad-store"));
    QSignalSpy errors(&client, &MqttClient::errorOccurred);
    QCOMPARE(useStore(client, path), error);
    QCOMPARE(client.error(), error);
    QVERIFY2(client.errorString().contains(path), qPrintable(client.errorString()));
    QVERIFY2(client.errorString().contains(says), qPrintable(client.errorString()));
    QCOMPARE(errors.size(), 1);
    QCOMPARE(client.sessionStore(), nullptr);
    QVERIFY(client.persistencePath().isEmpty());
    // Nothing half-set: the client works in memory as before.
    QCOMPARE(client.publish(QStringLiteral("t"), QByteArray("x"), QoS::AtLeastOnce).rc(), ErrorCode::NoError);
}

void tst_Persistence::storeOfAnotherClientIdIsRefused()
{
    const QString path = m_dir.filePath(QStringLiteral("owner.db"));
    {
        MqttClient owner(QStringLiteral("owner-a"));
        QCOMPARE(useStore(owner, path), ErrorCode::NoError);
    }
    MqttClient other(QStringLiteral("owner-b"));
    QCOMPARE(useStore(other, path), ErrorCode::Invalid);
    QVERIFY2(other.errorString().contains(QLatin1String("\"owner-a\"")), qPrintable(other.errorString()));
    QVERIFY(other.errorString().contains(QLatin1String("\"owner-b\"")));
    QCOMPARE(other.sessionStore(), nullptr);

    // A client id changed after the store was set is refused at connectToHost().
    MqttClient owner(QStringLiteral("owner-a"));
    QCOMPARE(useStore(owner, path), ErrorCode::NoError);
    owner.setClientId(QStringLiteral("owner-c"));
    QCOMPARE(owner.connectToHost(m_broker.host(), m_broker.tcpPort()), ErrorCode::Invalid);
    QVERIFY2(owner.errorString().contains(QLatin1String("\"owner-a\"")), qPrintable(owner.errorString()));

    // Two live clients on one store: the second is refused (the first holds the lock).
    MqttClient first(QStringLiteral("owner-d"));
    QCOMPARE(useStore(first, m_dir.filePath(QStringLiteral("locked.db"))), ErrorCode::NoError);
    Child second({ QStringLiteral("open"), m_dir.filePath(QStringLiteral("locked.db")), QStringLiteral("owner-d") });
    QVERIFY(second.finish(Timeout));
    QVERIFY2(second.line(QStringLiteral("open ")).startsWith(QLatin1String("open SessionStore")), qPrintable(second.lines.join(u'\n')));
}

void tst_Persistence::existingSqliteStoreStaysSqlite()
{
    // A store made by MqttSqliteSessionStore (the only durable store before the log):
    // setPersistencePath() opens it as SQLite, with what it holds.
    const QString id = uniqueClientId(QStringLiteral("was-sqlite"));
    const QString topic = uniqueTopic(QStringLiteral("was-sqlite"));
    const QString path = m_dir.filePath(id + QStringLiteral(".db"));
    {
        MqttClient writer(id);
        writer.setCleanSession(false);
        QCOMPARE(writer.setSessionStore(new MqttSqliteSessionStore(path)), ErrorCode::NoError);
        for (int i = 1; i <= 3; ++i)
            QCOMPARE(writer.publish(topic, QByteArray::number(i), QoS::AtLeastOnce).rc(), ErrorCode::NoError);
    }
    MqttClient subscriber(uniqueClientId(QStringLiteral("was-sqlite-sub")));
    QVERIFY(connectTo(subscriber, m_broker));
    QCOMPARE(subscribeAndWait(subscriber, topic, QoS::AtLeastOnce).size(), 1);
    QStringList received;
    connect(&subscriber, &MqttClient::messageReceived, this,
            [&](const MqttMessage &m) { received.append(QString::fromUtf8(m.payload())); });

    MqttClient reader(id);
    reader.setCleanSession(false);
    QCOMPARE(reader.setPersistencePath(path), ErrorCode::NoError);
    QVERIFY(qobject_cast<MqttSqliteSessionStore *>(reader.sessionStore()));
    QCOMPARE(reader.persistencePath(), path);
    QVERIFY(connectTo(reader, m_broker));
    QTRY_COMPARE_WITH_TIMEOUT(received.size(), 3, Timeout);
    QCOMPARE(received.join(u','), QStringLiteral("1,2,3"));
    reader.disconnectFromHost();
    QVERIFY(reader.waitForDisconnected(Timeout));

    // A new path is a log.
    MqttClient fresh(uniqueClientId(QStringLiteral("new-log")));
    QCOMPARE(fresh.setPersistencePath(m_dir.filePath(QStringLiteral("fresh.log"))), ErrorCode::NoError);
    QVERIFY(qobject_cast<MqttLogSessionStore *>(fresh.sessionStore()));
}

void tst_Persistence::sessionOutlivesTheClientObject_data()
{
    QTest::addColumn<bool>("sqlite");
    QTest::addColumn<Mqtt::ProtocolVersion>("version");
    QTest::newRow("memory store, 3.1.1") << false << Mqtt::ProtocolVersion::V3_1_1;
    QTest::newRow("durable store, 3.1.1") << true << Mqtt::ProtocolVersion::V3_1_1;
    QTest::newRow("durable store, 5") << true << Mqtt::ProtocolVersion::V5;
}

void tst_Persistence::sessionOutlivesTheClientObject()
{
    QFETCH(bool, sqlite);
    QFETCH(Mqtt::ProtocolVersion, version);
    const QString id = uniqueClientId(QStringLiteral("outlive"));
    const QString topic = uniqueTopic(QStringLiteral("outlive"));
    const QString path = m_dir.filePath(id + QStringLiteral(".db"));

    MqttClient subscriber(uniqueClientId(QStringLiteral("outlive-sub")));
    subscriber.setProtocolVersion(version);
    QVERIFY(connectTo(subscriber, m_broker));
    QCOMPARE(subscribeAndWait(subscriber, topic, QoS::ExactlyOnce).size(), 1);
    QStringList received;
    connect(&subscriber, &MqttClient::messageReceived, this, [&](const MqttMessage &m) {
        received.append(QString::fromUtf8(m.payload()));
    });

    MqttSessionStore *memory = nullptr;
    MqttProperties props;
    props.setString(Mqtt::PropertyId::ContentType, QStringLiteral("text/plain"));
    {
        MqttClient first(id);
        first.setProtocolVersion(version);
        if (sqlite) {
            QCOMPARE(useStore(first, path), ErrorCode::NoError);
            QCOMPARE(first.persistencePath(), path);
        } else {
            QCOMPARE(first.setSessionStore(new MqttMemorySessionStore), ErrorCode::NoError);
        }
        for (int i = 1; i <= 6; ++i) {
            const MqttMessageInfo info = first.publish(topic, QByteArray::number(i), i % 2 ? QoS::AtLeastOnce : QoS::ExactlyOnce,
                                                       false, version == Mqtt::ProtocolVersion::V5 ? props : MqttProperties());
            QCOMPARE(info.rc(), ErrorCode::NoError);
            QCOMPARE(info.mid(), i);
        }
        if (!sqlite)
            memory = first.takeSessionStore();
        // Destroyed while disconnected: the messages are in the store only.
    }
    MqttClient second(id);
    second.setProtocolVersion(version);
    if (sqlite)
        QCOMPARE(useStore(second, path), ErrorCode::NoError);
    else
        QCOMPARE(second.setSessionStore(memory), ErrorCode::NoError);
    QSignalSpy published(&second, &MqttClient::published);
    MqttMessage last;
    connect(&subscriber, &MqttClient::messageReceived, this, [&](const MqttMessage &m) { last = m; });
    QVERIFY(connectTo(second, m_broker));
    QTRY_COMPARE_WITH_TIMEOUT(published.size(), 6, Timeout);
    QList<int> mids;
    for (const auto &args : published)
        mids.append(args.at(0).toInt());
    std::sort(mids.begin(), mids.end()); // QoS 1 completes before QoS 2
    QCOMPARE(mids, (QList<int>{ 1, 2, 3, 4, 5, 6 })); // the stored mids
    QTRY_COMPARE_WITH_TIMEOUT(received.size(), 6, Timeout);
    received.sort(); // mosquitto forwards a QoS 2 message on PUBREL, after the QoS 1 ones
    QCOMPARE(received.join(u','), QStringLiteral("1,2,3,4,5,6"));
    if (version == Mqtt::ProtocolVersion::V5)
        QCOMPARE(last.properties().string(Mqtt::PropertyId::ContentType).value_or(QString()), QStringLiteral("text/plain"));
    // A new message after the restored ones takes a fresh mid.
    QCOMPARE(second.publish(topic, QByteArray("7"), QoS::AtLeastOnce).mid(), 7);
    QTRY_COMPARE_WITH_TIMEOUT(received.size(), 7, Timeout);
    second.disconnectFromHost();
    QVERIFY(second.waitForDisconnected(Timeout));
}

void tst_Persistence::fullDiskRefusesWhatItCannotKeep_data()
{
    QTest::addColumn<QString>("durability");
    QTest::newRow("Immediate") << "Immediate";
    QTest::newRow("Grouped") << "Grouped";
    QTest::newRow("Synced") << "Synced";
    QTest::newRow("Unsynced") << "Unsynced";
}

void tst_Persistence::fullDiskRefusesWhatItCannotKeep()
{
    QFETCH(QString, durability);
    const QString path = m_dir.filePath(QStringLiteral("full-%1.db").arg(durability));
    Child child({ QStringLiteral("fill"), path, QStringLiteral("fill-%1").arg(durability), QStringLiteral("262144"), durability });
    QVERIFY(child.finish(30000));
    const QString out = child.lines.join(u'\n');
    QVERIFY2(child.process.exitStatus() == QProcess::NormalExit && child.process.exitCode() == 0, qPrintable(out));
    // Immediate refuses in publish(); the others fail the pass's message with
    // publishFailed() (then refuse the next ones at once).
    const QString verdict = durability == QLatin1String("Immediate") ? child.line(QStringLiteral("refused "))
                                                                    : child.line(QStringLiteral("failed "));
    QVERIFY2(!verdict.isEmpty(), qPrintable(out));
    QVERIFY2(verdict.contains(QLatin1String(" SessionStore ")), qPrintable(out));
    QVERIFY2(verdict.contains(path), qPrintable(out));
    QVERIFY2(verdict.contains(QLatin1String("could not save")), qPrintable(out));
    // What was kept before the disk filled up is intact and readable.
    Child reader({ QStringLiteral("open"), path, QStringLiteral("fill-%1").arg(durability) });
    QVERIFY(reader.finish(Timeout));
    QVERIFY2(reader.line(QStringLiteral("open ")).startsWith(QLatin1String("open NoError")), qPrintable(reader.lines.join(u'\n')));
}

void tst_Persistence::failedCommitWhileConnectedLosesNothingKept()
{
    const QString topic = uniqueTopic(QStringLiteral("flaky"));
    MqttClient subscriber(uniqueClientId(QStringLiteral("flaky-sub")));
    QVERIFY(connectTo(subscriber, m_broker));
    QCOMPARE(subscribeAndWait(subscriber, topic, QoS::AtLeastOnce).size(), 1);
    QStringList received;
    connect(&subscriber, &MqttClient::messageReceived, this,
            [&](const MqttMessage &m) { received.append(QString::fromUtf8(m.payload())); });

    MqttClient client(uniqueClientId(QStringLiteral("flaky")));
    client.setReconnectDelay(1, 1);
    auto *store = new FlakyStore;
    QCOMPARE(client.setSessionStore(store), ErrorCode::NoError);
    QVERIFY(connectTo(client, m_broker));
    QSignalSpy published(&client, &MqttClient::published);
    QSignalSpy failed(&client, &MqttClient::publishFailed);
    QSignalSpy disconnected(&client, &MqttClient::disconnected);
    QCOMPARE(client.publish(topic, QByteArray("kept-1"), QoS::AtLeastOnce).rc(), ErrorCode::NoError);
    QTRY_COMPARE(published.size(), 1);

    // The pass's commit fails: its message fails, nothing of the pass reaches the broker,
    // the connection ends with the store's error, and the session is what the store holds.
    store->failing = true;
    const MqttMessageInfo lost = client.publish(topic, QByteArray("lost"), QoS::AtLeastOnce);
    QCOMPARE(lost.rc(), ErrorCode::NoError); // accepted: Grouped commits when the pass ends
    QTRY_COMPARE(failed.size(), 1);
    QCOMPARE(failed.first().at(0).toInt(), lost.mid());
    QCOMPARE(failed.first().at(1).value<ErrorCode>(), ErrorCode::SessionStore);
    QVERIFY2(failed.first().at(2).toString().contains(QLatin1String("disk full")), qPrintable(failed.first().at(2).toString()));
    QCOMPARE(lost.error(), ErrorCode::SessionStore);
    QTRY_COMPARE(disconnected.size(), 1);
    QCOMPARE(disconnected.first().at(0).value<ErrorCode>(), ErrorCode::SessionStore);
    QCOMPARE(client.error(), ErrorCode::SessionStore);
    // While the store fails, QoS 1/2 messages are refused at once; QoS 0 needs no store.
    const MqttMessageInfo refused = client.publish(topic, QByteArray("refused"), QoS::ExactlyOnce);
    QCOMPARE(refused.rc(), ErrorCode::SessionStore);
    QVERIFY(client.errorString().contains(QLatin1String("disk full")));

    store->failing = false;
    QTRY_COMPARE_WITH_TIMEOUT(client.state(), Mqtt::ClientState::Connected, 10000);
    QCOMPARE(client.publish(topic, QByteArray("kept-2"), QoS::AtLeastOnce).rc(), ErrorCode::NoError);
    QTRY_COMPARE(published.size(), 2);
    QTRY_COMPARE(received.size(), 2);
    QCOMPARE(received.join(u','), QStringLiteral("kept-1,kept-2"));
    QCOMPARE(failed.size(), 1);
}

void tst_Persistence::killedPublisherLosesNothing()
{
    const QString id = QStringLiteral("killed-publisher");
    const QString path = m_dir.filePath(QStringLiteral("killed.db"));
    const QString port = QString::number(m_broker.tcpPort());

    MqttClient subscriber(QStringLiteral("killed-sub"));
    subscriber.setMaxInflightMessages(0);
    QVERIFY(connectTo(subscriber, m_broker));
    QCOMPARE(subscribeAndWait(subscriber, QStringLiteral("persist/q1"), QoS::AtLeastOnce).size(), 1);
    QCOMPARE(subscribeAndWait(subscriber, QStringLiteral("persist/q2"), QoS::ExactlyOnce).size(), 1);
    QHash<qint64, int> q1, q2;
    connect(&subscriber, &MqttClient::messageReceived, this, [&](const MqttMessage &m) {
        (m.qos() == QoS::ExactlyOnce ? q2 : q1)[m.payload().toLongLong()]++;
    });

    QSet<qint64> promised; // "ok N": publish() accepted N and it is durable
    QRandomGenerator rng(20261201);
    const QStringList durabilities{ QStringLiteral("Grouped"), QStringLiteral("Immediate"), QStringLiteral("Unsynced"),
                                    QStringLiteral("Synced") };
    constexpr int Kills = 24;
    int killsWhileConnected = 0;
    for (int run = 0; run < Kills; ++run) {
        const QString durability = durabilities.at(run % durabilities.size());
        Child child({ QStringLiteral("publish"), path, id, m_broker.host(), port,
                      QString::number(qint64(run + 1) * 1000000), durability });
        // A third of the kills come early (while connecting, resending what the last
        // process left, or with messages queued offline), the others in the stream.
        const int delay = run % 3 == 0 ? int(rng.bounded(5, 60)) : int(rng.bounded(100, 450));
        QTest::qWait(delay);
        if (child.hasLine(QStringLiteral("connected")))
            ++killsWhileConnected;
        child.killHard();
        for (const QString &l : std::as_const(child.lines)) {
            if (l.startsWith(QLatin1String("ok ")))
                promised.insert(l.mid(3).toLongLong());
            QVERIFY2(!l.startsWith(QLatin1String("failed ")) && !l.startsWith(QLatin1String("refused "))
                             && !l.startsWith(QLatin1String("open-failed")),
                     qPrintable(l));
        }
    }
    qInfo("%d kills (%d after CONNACK), %lld messages promised", Kills, killsWhileConnected, qint64(promised.size()));
    QVERIFY(promised.size() > 1000);

    // The last process sends what the killed ones left and stops.
    Child drain({ QStringLiteral("drain"), path, id, m_broker.host(), port });
    QVERIFY2(drain.waitForLine(QStringLiteral("drained"), 30000), qPrintable(drain.lines.join(u'\n')));
    QVERIFY2(drain.finish(Timeout), qPrintable(drain.lines.mid(drain.lines.size() - 5).join(u'\n')));
    QTRY_VERIFY_WITH_TIMEOUT(std::all_of(promised.cbegin(), promised.cend(),
                                         [&](qint64 n) { return (n % 2 ? q2 : q1).contains(n); }),
                             10000);
    int q1Duplicates = 0, q2Duplicates = 0;
    for (const int count : std::as_const(q1))
        q1Duplicates += count - 1;
    for (const int count : std::as_const(q2))
        q2Duplicates += count - 1;
    qInfo("received %lld QoS 1 (%d duplicates), %lld QoS 2 (%d duplicates); %lld more delivered than promised",
          qint64(q1.size()), q1Duplicates, qint64(q2.size()), q2Duplicates,
          qint64(q1.size() + q2.size() - promised.size()));
    QCOMPARE(q2Duplicates, 0);
}

void tst_Persistence::inboundQos2IsDeliveredOnceAcrossKills()
{
    FakeBroker broker;
    QVERIFY(broker.listen());
    const QString path = m_dir.filePath(QStringLiteral("inbound.db"));
    const QString id = QStringLiteral("inbound-qos2");
    const QStringList args{ QStringLiteral("receive"), path, id, broker.host(), QString::number(broker.port()) };
    std::unique_ptr<Child> child;
    auto start = [&] { child = std::make_unique<Child>(args); };
    auto kill = [&] { child->killHard(); };
    auto deliveries = [&](const QString &payload) {
        return int(child->lines.count(QStringLiteral("msg persist/in ") + payload));
    };
    // PUBLISH QoS 2, id 7, "persist/in" "one"; DUP set: 3c
    const QByteArray publishOne = FakeBroker::hex("34 11 00 0a 70 65 72 73 69 73 74 2f 69 6e 00 07 6f 6e 65");
    const QByteArray publishOneDup = FakeBroker::hex("3c 11 00 0a 70 65 72 73 69 73 74 2f 69 6e 00 07 6f 6e 65");
    const QByteArray publishTwo = FakeBroker::hex("34 11 00 0a 70 65 72 73 69 73 74 2f 69 6e 00 08 74 77 6f");

    int seenTotal = 0;
    start();
    broker.acceptConnection()
            .expectPacket(FakeBroker::Connect)
            .send(FakeBroker::hex("20 02 00 00"), QStringLiteral("CONNACK, no session"))
            .send(publishOne, QStringLiteral("PUBLISH id 7 QoS 2"))
            .expect(FakeBroker::hex("50 02 00 07"), QStringLiteral("PUBREC 7"))
            .run(kill, QStringLiteral("SIGKILL between PUBREC and PUBREL"))
            .run([&] { seenTotal += deliveries(QStringLiteral("one")); })
            .run(start, QStringLiteral("restart"))
            .acceptConnection()
            .expectPacket(FakeBroker::Connect)
            .send(FakeBroker::hex("20 02 01 00"), QStringLiteral("CONNACK, session present"))
            .send(FakeBroker::hex("62 02 00 07"), QStringLiteral("PUBREL 7"))
            .expect(FakeBroker::hex("70 02 00 07"), QStringLiteral("PUBCOMP 7"))
            .wait(300)
            .send(publishOneDup, QStringLiteral("the same message again, DUP (a broker restored from an old database)"))
            .expect(FakeBroker::hex("50 02 00 07"), QStringLiteral("PUBREC 7 again"))
            .send(publishTwo, QStringLiteral("PUBLISH id 8 QoS 2"))
            .expect(FakeBroker::hex("50 02 00 08"), QStringLiteral("PUBREC 8"))
            .wait(300)
            .run(kill, QStringLiteral("SIGKILL with 7 (redelivery) and 8 awaiting PUBREL"))
            .run([&] { seenTotal += deliveries(QStringLiteral("one")); })
            .run(start, QStringLiteral("restart"))
            .acceptConnection()
            .expectPacket(FakeBroker::Connect)
            .send(FakeBroker::hex("20 02 01 00"), QStringLiteral("CONNACK, session present"))
            .send(publishOneDup, QStringLiteral("the redelivery of 7 once more"))
            .expect(FakeBroker::hex("50 02 00 07"), QStringLiteral("PUBREC 7"))
            .send(FakeBroker::hex("62 02 00 07"), QStringLiteral("PUBREL 7"))
            .expect(FakeBroker::hex("70 02 00 07"), QStringLiteral("PUBCOMP 7"))
            .send(FakeBroker::hex("62 02 00 08"), QStringLiteral("PUBREL 8"))
            .expect(FakeBroker::hex("70 02 00 08"), QStringLiteral("PUBCOMP 8"))
            .wait(300);
    QVERIFY2(broker.waitForScript(30000), qPrintable(broker.failure()));
    QTRY_COMPARE_WITH_TIMEOUT(deliveries(QStringLiteral("two")), 1, Timeout);
    seenTotal += deliveries(QStringLiteral("one"));
    QCOMPARE(seenTotal, 1); // "one" exactly once over three processes
    child->killHard();
}

QTEST_GUILESS_MAIN(tst_Persistence)
#include "tst_persistence.moc"
