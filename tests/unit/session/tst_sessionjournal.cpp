// Copyright (C) 2026 The MqttQt authors.
// SPDX-License-Identifier: BSD-3-Clause
//
// The session's persistence: what the journal writes for each change, a session restored
// from a store resending exactly what the first one had in flight, and stored records
// that do not decode refused with the record named.
#include "session/mqttsession_p.h"
#include "session/mqttsessionjournal_p.h"

#include <QtCore/QtEndian>
#include <QtTest/QTest>

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
    void messageReceived(PublishPacket &&p) override { delivered.append(p.payload); }
    void publishAcknowledged(int mid, Mqtt::ReasonCode, const MqttProperties &) override { completed.append(mid); }
    void publishFailed(int mid, Mqtt::ErrorCode, const QString &) override { failed.append(mid); }
    void subscribeAcknowledged(int, const QList<Mqtt::ReasonCode> &, const MqttProperties &) override { }
    void unsubscribeAcknowledged(int, const QList<Mqtt::ReasonCode> &, const MqttProperties &) override { }
    void authReceived(const AuthPacket &) override { }
    void connectionMustClose(Mqtt::ErrorCode, Mqtt::ReasonCode, const QString &, const MqttProperties &) override { closed = true; }
    void log(Mqtt::LogLevel, const QString &) override { }
    void requestLost(int, bool) override { }
    QList<QByteArray> delivered;
    QList<int> completed, failed;
    bool closed = false;
};

QByteArray hex(const char *text)
{
    return QByteArray::fromHex(QByteArray(text).replace(' ', ""));
}

QByteArray drain(Session &s)
{
    QByteArray out;
    s.drainOutput([&out](const QByteArray &b) { out += b; });
    return out;
}

void feed(Session &s, const QByteArray &bytes)
{
    s.decoder().append(bytes);
    s.bytesReceived(bytes.constData(), bytes.size(), 0);
    s.processIncoming(0);
}

// A 3.1.1 session with a journal on \a store, connected (CONNACK with \a sessionPresent).
struct Client
{
    explicit Client(MqttSessionStore *store) : journal(store, Mqtt::Durability::Grouped), session(&observer)
    {
        session.config().clientId = QStringLiteral("j");
        session.config().cleanSession = false;
        journal.setSession(&session);
    }
    void attach()
    {
        Snapshot snapshot;
        QString why;
        QCOMPARE(journal.load(&snapshot, &why), ErrorCode::NoError);
        session.restore(std::move(snapshot));
        session.setPersistence(&journal);
    }
    void connect(bool sessionPresent)
    {
        session.connectionOpened(0);
        drain(session);
        feed(session, sessionPresent ? hex("20 02 01 00") : hex("20 02 00 00"));
    }
    void commit()
    {
        QString why;
        QCOMPARE(journal.commit(&why), ErrorCode::NoError);
    }
    Quiet observer;
    Journal journal;
    Session session;
};

// A memory store with a connected client on it, and what the store holds.
struct ConnectedOnStore
{
    ConnectedOnStore()
    {
        QString why;
        if (store.open(QStringLiteral("j"), &why) != ErrorCode::NoError)
            qFatal("%s", qPrintable(why));
        client = std::make_unique<Client>(&store);
        client->attach();
        client->connect(false);
    }
    QList<MqttSessionStore::Record> records()
    {
        QList<MqttSessionStore::Record> result;
        QString why;
        if (store.load(&result, &why) != ErrorCode::NoError)
            qFatal("%s", qPrintable(why));
        return result;
    }
    MqttMemorySessionStore store;
    std::unique_ptr<Client> client;
};

} // namespace

class tst_SessionJournal : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void restoredSessionResendsWhatWasInFlight();
    void restoredSessionDeliversInboundQos2Once();
    void acceptedAndSentInOnePassIsOneRecord();
    void manyChangesInOnePassAreEachOneRecord();
    void corruptRecordIsRefusedByName_data();
    void corruptRecordIsRefusedByName();
};

void tst_SessionJournal::restoredSessionResendsWhatWasInFlight()
{
    MqttMemorySessionStore store;
    QString why;
    QCOMPARE(store.open(QStringLiteral("j"), &why), ErrorCode::NoError);
    {
        Client first(&store);
        first.attach();
        first.connect(false);
        for (const QoS qos : { QoS::AtLeastOnce, QoS::ExactlyOnce, QoS::AtLeastOnce }) {
            PublishRequest r;
            r.topic = "t";
            r.payload = "p";
            r.qos = qos;
            QCOMPARE(first.session.publish(std::move(r), 0).rc, ErrorCode::NoError);
        }
        QCOMPARE(drain(first.session), hex("32 06 00 01 74 00 01 70  34 06 00 01 74 00 02 70  32 06 00 01 74 00 03 70"));
        first.commit();
        feed(first.session, hex("50 02 00 02")); // PUBREC 2
        QCOMPARE(drain(first.session), hex("62 02 00 02"));
        feed(first.session, hex("40 02 00 03")); // PUBACK 3
        first.commit();
        // A message queued behind a full window is stored without an id.
        first.session.config().maxInflight = 2;
        PublishRequest r;
        r.topic = "q";
        r.qos = QoS::AtLeastOnce;
        QCOMPARE(first.session.publish(std::move(r), 0).rc, ErrorCode::NoError);
        QCOMPARE(drain(first.session), QByteArray());
        first.commit();
        // The process dies: no observer calls, nothing more committed.
    }
    Client second(&store);
    second.attach();
    QCOMPARE(second.session.inflightCount(), 2);
    QCOMPARE(second.session.queuedCount(), 1);
    second.connect(true);
    // PUBLISH 1 again with DUP, PUBREL 2 (PUBREC had arrived), then the queued one with
    // the next free id after the last one in flight.
    QCOMPARE(drain(second.session), hex("3a 06 00 01 74 00 01 70  62 02 00 02  32 05 00 01 71 00 03"));
    feed(second.session, hex("40 02 00 01  70 02 00 02  40 02 00 03"));
    QCOMPARE(second.observer.completed, (QList<int>{ 1, 2, 4 })); // the stored mids
    second.commit();
    QList<MqttSessionStore::Record> left;
    QCOMPARE(store.load(&left, &why), ErrorCode::NoError);
    for (const auto &rec : left)
        QCOMPARE(rec.kind, int(Journal::StateRecord)); // only the counters remain
}

void tst_SessionJournal::restoredSessionDeliversInboundQos2Once()
{
    MqttMemorySessionStore store;
    QString why;
    QCOMPARE(store.open(QStringLiteral("j"), &why), ErrorCode::NoError);
    const QByteArray publish7 = hex("34 09 00 01 74 00 07 6f 6e 65 21"); // "one!", id 7
    {
        Client first(&store);
        first.attach();
        first.connect(false);
        feed(first.session, publish7);
        first.commit(); // before PUBREC is written
        QCOMPARE(drain(first.session), hex("50 02 00 07"));
    }
    {
        Client second(&store);
        second.attach();
        QCOMPARE(second.session.pendingIncomingQos2Count(), 1);
        second.connect(true);
        feed(second.session, hex("62 02 00 07"));
        QCOMPARE(second.observer.delivered, QList<QByteArray>{ "one!" });
        second.commit(); // before PUBCOMP is written and the message handed on
        QCOMPARE(drain(second.session), hex("70 02 00 07"));
    }
    Client third(&store);
    third.attach();
    QCOMPARE(third.session.pendingIncomingQos2Count(), 0);
    third.connect(true);
    // The broker (restored from an old database) sends it again with DUP: acknowledged,
    // recognised by the stored digest, not delivered.
    QByteArray dup = publish7;
    dup[0] = char(0x3c);
    feed(third.session, dup + hex("62 02 00 07"));
    QCOMPARE(drain(third.session), hex("50 02 00 07  70 02 00 07"));
    QCOMPARE(third.observer.delivered, QList<QByteArray>());
}

void tst_SessionJournal::acceptedAndSentInOnePassIsOneRecord()
{
    ConnectedOnStore on;
    Client &c = *on.client;
    PublishRequest r;
    r.topic = "t";
    r.qos = QoS::AtLeastOnce;
    QCOMPARE(c.session.publish(std::move(r), 0).rc, ErrorCode::NoError);
    c.commit();
    int outbound = 0, progress = 0;
    for (const auto &rec : on.records()) {
        outbound += rec.kind == Journal::OutboundRecord;
        progress += rec.kind == Journal::ProgressRecord;
        if (rec.kind == Journal::OutboundRecord)
            QCOMPARE(qFromBigEndian<quint16>(rec.value.constData() + 5), quint16(1)); // its packet id inside
    }
    QCOMPARE(outbound, 1);
    QCOMPARE(progress, 0);
}

void tst_SessionJournal::manyChangesInOnePassAreEachOneRecord()
{
    // A burst of publish() calls in one pass: past the first few changes the journal finds
    // a record's pending change through an index; every message is still one record, with
    // the packet id it was sent with, and acknowledging them all leaves none.
    ConnectedOnStore on;
    Client &c = *on.client;
    constexpr int Count = 100;
    c.session.config().maxInflight = Count;
    for (int i = 0; i < Count; ++i) {
        PublishRequest r;
        r.topic = "t";
        r.payload = QByteArray::number(i);
        r.qos = i % 2 ? QoS::ExactlyOnce : QoS::AtLeastOnce;
        QCOMPARE(c.session.publish(std::move(r), 0).rc, ErrorCode::NoError);
    }
    QVERIFY(!drain(c.session).isEmpty());
    c.commit();
    QSet<quint16> ids;
    for (const auto &rec : on.records()) {
        QVERIFY2(rec.kind == Journal::OutboundRecord || rec.kind == Journal::StateRecord, qPrintable(QString::number(rec.kind)));
        if (rec.kind == Journal::OutboundRecord)
            ids.insert(qFromBigEndian<quint16>(rec.value.constData() + 5));
    }
    QCOMPARE(ids.size(), Count);
    QVERIFY(!ids.contains(0));
    // All acknowledged in one pass (PUBACK for QoS 1, PUBREC then PUBCOMP for QoS 2).
    QByteArray acks;
    for (int id = 1; id <= Count; ++id)
        acks += (id % 2 ? QByteArray::fromHex("4002") : QByteArray::fromHex("5002")) + char(id >> 8) + char(id & 0xff);
    feed(c.session, acks);
    QByteArray comps;
    for (int id = 2; id <= Count; id += 2)
        comps += QByteArray::fromHex("7002") + char(id >> 8) + char(id & 0xff);
    feed(c.session, comps);
    c.commit();
    QCOMPARE(c.observer.completed.size(), Count);
    for (const auto &rec : on.records())
        QCOMPARE(rec.kind, int(Journal::StateRecord));
}

void tst_SessionJournal::corruptRecordIsRefusedByName_data()
{
    QTest::addColumn<int>("kind");
    QTest::addColumn<QByteArray>("value");
    QTest::addColumn<QString>("says");
    QTest::newRow("empty") << 1 << QByteArray() << "it is empty";
    QTest::newRow("newer format") << 1 << hex("02 00") << "format 2";
    QTest::newRow("truncated message") << 1 << hex("01 00 00 00 01 00 00 00 32 06 00") << "(kind 1, key 9)";
    QTest::newRow("QoS 0 message") << 1 << hex("01 00 00 00 01 00 00 00 30 04 00 01 74 00") << "QoS 0";
    QTest::newRow("not a PUBLISH") << 3 << hex("01 40 02 00 09") << "not a PUBLISH";
    QTest::newRow("progress size") << 2 << hex("01 00") << "4 bytes";
    QTest::newRow("unknown kind") << 9 << hex("01") << "kind is unknown";
}

void tst_SessionJournal::corruptRecordIsRefusedByName()
{
    QFETCH(int, kind);
    QFETCH(QByteArray, value);
    QFETCH(QString, says);
    MqttMemorySessionStore store;
    QString why;
    QCOMPARE(store.open(QStringLiteral("j"), &why), ErrorCode::NoError);
    QCOMPARE(store.commit({ { kind, 9, value, false } }, Mqtt::Durability::Grouped, &why), ErrorCode::NoError);
    Quiet observer;
    Session session(&observer);
    Journal journal(&store, Mqtt::Durability::Grouped);
    Snapshot snapshot;
    QCOMPARE(journal.load(&snapshot, &why), ErrorCode::SessionStore);
    QVERIFY2(why.contains(QStringLiteral("(kind %1, key 9)").arg(kind)), qPrintable(why));
    QVERIFY2(why.contains(says), qPrintable(why));
}

QTEST_GUILESS_MAIN(tst_SessionJournal)
#include "tst_sessionjournal.moc"
