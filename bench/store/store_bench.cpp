// Copyright (C) 2026 The MqttQt authors.
// SPDX-License-Identifier: BSD-3-Clause

// The session store's cost per message, without a network: what one QoS 1 or QoS 2
// message costs the session, the journal and the store when the client keeps a window of
// messages in flight and each event-loop pass brings one acknowledgement and sends one new
// message (the shape of the T1-w20 and T2 benchmark rows, where the store's commit before
// each pass's write is the whole difference). One QBENCHMARK iteration is one message.

#include "session/mqttsession_p.h"
#include "session/mqttsessionjournal_p.h"
#include "mqttsessionstore.h"

#include <QtCore/QTemporaryDir>
#include <QtCore/QtEndian>
#include <QtTest/QTest>

#include <deque>
#include <memory>

using namespace MqttCodec;
using namespace MqttSession;
using Mqtt::ErrorCode;
using Mqtt::QoS;

namespace {

class Quiet : public Observer
{
public:
    void connackReceived(const ConnackPacket &) override { }
    void messageReceived(PublishPacket &&) override { }
    void publishAcknowledged(int, Mqtt::ReasonCode, const MqttProperties &) override { ++completed; }
    void publishFailed(int, Mqtt::ErrorCode, const QString &) override { ++failed; }
    void subscribeAcknowledged(int, const QList<Mqtt::ReasonCode> &, const MqttProperties &) override { }
    void unsubscribeAcknowledged(int, const QList<Mqtt::ReasonCode> &, const MqttProperties &) override { }
    void authReceived(const AuthPacket &) override { }
    void connectionMustClose(Mqtt::ErrorCode, Mqtt::ReasonCode, const QString &, const MqttProperties &) override { }
    void log(Mqtt::LogLevel, const QString &) override { }
    void requestLost(int, bool) override { }
    qint64 completed = 0;
    qint64 failed = 0;
};

void feed(Session &s, const QByteArray &bytes)
{
    s.decoder().append(bytes);
    s.bytesReceived(bytes.constData(), bytes.size(), 0);
    s.processIncoming(0);
}

QByteArray ack(quint8 type, quint16 packetId)
{
    QByteArray b(4, Qt::Uninitialized);
    b[0] = char(type);
    b[1] = 2;
    qToBigEndian(packetId, b.data() + 2);
    return b;
}

} // namespace

class StoreBench : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QVERIFY(m_dir.isValid()); }
    void perMessage_data();
    void perMessage();

private:
    QTemporaryDir m_dir;
    int m_run = 0;
};

void StoreBench::perMessage_data()
{
    QTest::addColumn<QString>("store");
    QTest::addColumn<Mqtt::Durability>("durability");
    QTest::addColumn<QoS>("qos");
    QTest::addColumn<int>("window");
    for (const QoS qos : { QoS::AtLeastOnce, QoS::ExactlyOnce }) {
        for (const int window : { 20, 100 }) {
            const QByteArray tail = QByteArray(" QoS ") + QByteArray::number(int(qos)) + " window "
                    + QByteArray::number(window);
            QTest::newRow(QByteArray("none" + tail).constData()) << QString() << Mqtt::Durability::Grouped << qos << window;
            QTest::newRow(QByteArray("memory" + tail).constData()) << QStringLiteral("memory") << Mqtt::Durability::Grouped << qos << window;
            QTest::newRow(QByteArray("sqlite unsynced" + tail).constData()) << QStringLiteral("sqlite") << Mqtt::Durability::Unsynced << qos << window;
            QTest::newRow(QByteArray("sqlite grouped" + tail).constData()) << QStringLiteral("sqlite") << Mqtt::Durability::Grouped << qos << window;
            QTest::newRow(QByteArray("log unsynced" + tail).constData()) << QStringLiteral("log") << Mqtt::Durability::Unsynced << qos << window;
            QTest::newRow(QByteArray("log grouped" + tail).constData()) << QStringLiteral("log") << Mqtt::Durability::Grouped << qos << window;
        }
    }
}

void StoreBench::perMessage()
{
    QFETCH(QString, store);
    QFETCH(Mqtt::Durability, durability);
    QFETCH(QoS, qos);
    QFETCH(int, window);

    std::unique_ptr<MqttSessionStore> backing;
    if (store == QLatin1String("memory"))
        backing = std::make_unique<MqttMemorySessionStore>();
    else if (store == QLatin1String("sqlite"))
        backing = std::make_unique<MqttSqliteSessionStore>(m_dir.filePath(QStringLiteral("store-%1.db").arg(++m_run)));
    else if (store == QLatin1String("log"))
        backing = std::make_unique<MqttLogSessionStore>(m_dir.filePath(QStringLiteral("store-%1.log").arg(++m_run)));
    QString why;
    if (backing)
        QVERIFY2(backing->open(QStringLiteral("bench"), &why) == ErrorCode::NoError, qPrintable(why));
    std::unique_ptr<Journal> journal;
    if (backing)
        journal = std::make_unique<Journal>(backing.get(), durability);

    Quiet observer;
    Session session(&observer);
    session.config().clientId = QStringLiteral("bench");
    session.config().cleanSession = false;
    session.config().maxInflight = window;
    if (journal) {
        journal->setSession(&session);
        session.setPersistence(journal.get());
    }
    session.connectionOpened(0);
    session.drainOutput([](const QByteArray &) { });
    feed(session, QByteArray::fromHex("20020000")); // CONNACK

    const QByteArray payload(64, 'p');
    std::deque<quint16> inflight; // packet ids in the order they were sent
    quint16 nextId = 0;
    auto publishOne = [&] {
        PublishRequest r;
        r.topic = "bench/store";
        r.payload = payload;
        r.qos = qos;
        const Result result = session.publish(std::move(r), 0);
        if (result.rc != ErrorCode::NoError)
            qFatal("publish: %s", qPrintable(result.why));
        nextId = nextId == 65535 ? 1 : nextId + 1;
        inflight.push_back(nextId);
    };
    // One event-loop pass as the client runs it: the pass's changes committed before its
    // bytes are written.
    auto endPass = [&] {
        if (journal && journal->hasPending()) {
            QString e;
            if (journal->commit(&e) != ErrorCode::NoError)
                qFatal("commit: %s", qPrintable(e));
        }
        session.drainOutput([](const QByteArray &) { });
    };
    for (int i = 0; i < window; ++i)
        publishOne();
    endPass();
    // QoS 2: half the window awaits PUBCOMP; each pass brings a PUBREC of one message and
    // the PUBCOMP of another, as in a steady stream.
    std::deque<quint16> released;
    if (qos == QoS::ExactlyOnce) {
        for (int i = 0; i < window / 2; ++i) {
            const quint16 id = inflight.front();
            inflight.pop_front();
            feed(session, ack(0x50, id));
            released.push_back(id);
        }
        endPass();
    }

    QBENCHMARK {
        if (qos == QoS::AtLeastOnce) {
            const quint16 id = inflight.front();
            inflight.pop_front();
            feed(session, ack(0x40, id));
        } else {
            const quint16 rec = inflight.front();
            inflight.pop_front();
            feed(session, ack(0x50, rec));
            released.push_back(rec);
            const quint16 comp = released.front();
            released.pop_front();
            feed(session, ack(0x70, comp));
        }
        publishOne();
        endPass();
    }
    QCOMPARE(observer.failed, 0);
    QVERIFY(observer.completed > 0);
    QCOMPARE(session.inflightCount(), window);
}

QTEST_GUILESS_MAIN(StoreBench)
#include "store_bench.moc"
