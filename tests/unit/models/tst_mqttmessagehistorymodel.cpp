// Copyright (C) 2026 The MqttQt authors.
// SPDX-License-Identifier: BSD-3-Clause
#include "modeltesthelpers.h"
#include <MqttQt/mqttmessagehistorymodel.h>

#include <QtCore/QDateTime>
#include <QtTest/QAbstractItemModelTester>
#include <QtTest/QSignalSpy>
#include <QtTest/QTest>

#include <malloc.h>

#include <memory>

using namespace ModelTest;
using HRole = MqttMessageHistoryModel::Role;
using TRole = MqttTopicTreeModel::Role;

namespace {

QList<QByteArray> payloads(const MqttMessageHistoryModel &history)
{
    QList<QByteArray> out;
    for (int r = 0; r < history.rowCount(); ++r)
        out << history.index(r, 0).data(HRole::PayloadRole).toByteArray();
    return out;
}

QList<QByteArray> numbers(int from, int to)
{
    QList<QByteArray> out;
    for (int i = from; i <= to; ++i)
        out << QByteArray::number(i);
    return out;
}

struct HistoryFixture : Fixture
{
    MqttMessageHistoryModel history;
    std::unique_ptr<QAbstractItemModelTester> tester;

    explicit HistoryFixture(const QString &topic)
    {
        history.setTreeModel(&model);
        history.setTopic(topic);
        tester = std::make_unique<QAbstractItemModelTester>(&history, QAbstractItemModelTester::FailureReportingMode::QtTest);
    }
};

} // namespace

class tst_MqttMessageHistoryModel : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void followsTheTopicWithOneInsertPerTick()
    {
        HistoryFixture f(u"a/b"_s);
        QSignalSpy inserted(&f.history, &QAbstractItemModel::rowsInserted);
        QSignalSpy count(&f.history, &MqttMessageHistoryModel::countChanged);
        QCOMPARE(f.history.rowCount(), 0);
        f.add(u"a/b"_s, "0", T0);
        f.add(u"other"_s, "x", T0);
        f.add(u"a/b"_s, "1", T0 + 1);
        f.add(u"a/b"_s, "2", T0 + 2);
        f.tick();
        QCOMPARE(inserted.count(), 1);
        QCOMPARE(inserted[0][1].toInt(), 0);
        QCOMPARE(inserted[0][2].toInt(), 2);
        f.add(u"a/b"_s, "3", T0 + 3);
        f.add(u"a/b"_s, "4", T0 + 4);
        f.tick();
        QCOMPARE(inserted.count(), 2);
        QCOMPARE(inserted[1][1].toInt(), 3);
        QCOMPARE(inserted[1][2].toInt(), 4);
        QCOMPARE(count.count(), 2);
        QCOMPARE(f.history.count(), 5);
        QCOMPARE(payloads(f.history), numbers(0, 4));
        f.tick(); // nothing for this topic: no signal
        QCOMPARE(inserted.count(), 2);
    }

    void exposesEachMessageThroughRolesAndColumns()
    {
        HistoryFixture f(u"t"_s);
        MqttProperties props;
        QVERIFY(props.setString(Mqtt::PropertyId::ContentType, u"text/plain"_s));
        f.add(u"t"_s, "hello world", T0 + 42, 1, true, props);
        f.tick();
        const QModelIndex i = f.history.index(0, 0);
        QCOMPARE(i.data(HRole::TimestampRole).toDateTime(), QDateTime::fromMSecsSinceEpoch(T0 + 42));
        QCOMPARE(i.data(HRole::TimestampMsecsRole).toLongLong(), T0 + 42);
        QCOMPARE(i.data(HRole::PayloadRole).toByteArray(), QByteArray("hello world"));
        QCOMPARE(i.data(HRole::PayloadSizeRole).toInt(), 11);
        QCOMPARE(i.data(HRole::QosRole).toInt(), 1);
        QCOMPARE(i.data(HRole::RetainRole).toBool(), true);
        QCOMPARE(i.data(HRole::PropertiesRole).value<MqttProperties>(), props);
        QCOMPARE(i.data(HRole::PropertiesMapRole).toMap().value(u"contentType"_s).toString(), u"text/plain"_s);
        QCOMPARE(i.data(HRole::SkippedBeforeRole).toInt(), 0);
        f.history.setPreviewLength(5);
        QCOMPARE(i.data(HRole::PayloadPreviewRole).toString(), u"hello"_s + QChar(0x2026));
        QCOMPARE(f.history.index(0, MqttMessageHistoryModel::TimeColumn).data().toString(),
                 QDateTime::fromMSecsSinceEpoch(T0 + 42).toString(u"yyyy-MM-dd HH:mm:ss.zzz"_s));
        QCOMPARE(f.history.index(0, MqttMessageHistoryModel::PayloadColumn).data().toString(), u"hello"_s + QChar(0x2026));
        QCOMPARE(f.history.index(0, MqttMessageHistoryModel::QosColumn).data().toInt(), 1);
        QCOMPARE(f.history.index(0, MqttMessageHistoryModel::RetainColumn).data().toString(), u"retained"_s);
        QCOMPARE(f.history.index(0, MqttMessageHistoryModel::SizeColumn).data().toInt(), 11);
        QCOMPARE(f.history.index(0, MqttMessageHistoryModel::PropertiesColumn).data().toInt(), 1);
        QCOMPARE(f.history.index(0, MqttMessageHistoryModel::SkippedColumn).data(), QVariant());
        QCOMPARE(f.history.columnCount(), int(MqttMessageHistoryModel::ColumnCount));
        QCOMPARE(f.history.roleNames().value(HRole::SkippedBeforeRole), QByteArray("skippedBefore"));
    }

    void perTopicBoundRemovesTheOldestRows()
    {
        HistoryFixture f(u"t"_s);
        f.model.setMaxHistoryPerTopic(5);
        QSignalSpy removed(&f.history, &QAbstractItemModel::rowsRemoved);
        QSignalSpy inserted(&f.history, &QAbstractItemModel::rowsInserted);
        for (int i = 0; i < 3; ++i)
            f.add(u"t"_s, QByteArray::number(i));
        f.tick();
        for (int i = 3; i < 7; ++i)
            f.add(u"t"_s, QByteArray::number(i));
        f.tick();
        QCOMPARE(removed.count(), 1); // rows 0-1, at once
        QCOMPARE(removed[0][1].toInt(), 0);
        QCOMPARE(removed[0][2].toInt(), 1);
        QCOMPARE(inserted.count(), 2);
        QCOMPARE(inserted[1][1].toInt(), 1);
        QCOMPARE(inserted[1][2].toInt(), 4);
        QCOMPARE(payloads(f.history), numbers(2, 6));

        // More than the bound in one tick: only the newest five ever become rows.
        for (int i = 7; i < 20; ++i)
            f.add(u"t"_s, QByteArray::number(i));
        f.tick();
        QCOMPARE(payloads(f.history), numbers(15, 19));
        QCOMPARE(f.model.storedMessageCount(), 5);
        QCOMPARE(f.model.indexForTopic(u"t"_s).data(TRole::MessageCountRole).toLongLong(), 20);

        // Lowering the bound trims at once.
        f.model.setMaxHistoryPerTopic(2);
        QCOMPARE(payloads(f.history), numbers(18, 19));
        QCOMPARE(f.model.storedMessageCount(), 2);
    }

    void globalBoundEvictsTheOldestFirst()
    {
        HistoryFixture f(u"a"_s);
        f.model.setMaxHistoryMessages(10);
        for (int i = 0; i < 8; ++i)
            f.add(u"a"_s, QByteArray::number(i));
        f.tick();
        for (const char *t : {"b", "c", "d", "e"})
            f.add(QString::fromLatin1(t), "x");
        f.tick();
        // 12 stored > 10: the two oldest messages (both of a) leave.
        QCOMPARE(f.model.storedMessageCount(), 10);
        QCOMPARE(payloads(f.history), numbers(2, 7));
        f.add(u"b"_s, "y");
        f.add(u"b"_s, "z");
        f.tick();
        QCOMPARE(f.model.storedMessageCount(), 10);
        QCOMPARE(payloads(f.history), numbers(4, 7));
        QCOMPARE(historyCount(f.model, u"b"_s), 3);
    }

    void globalBoundKeepsTheLatestMessageOfEveryTopic()
    {
        Fixture f;
        f.model.setMaxHistoryMessages(3);
        for (const char *t : {"x", "y", "z", "w"})
            f.add(QString::fromLatin1(t), "1");
        f.tick();
        QCOMPARE(f.model.storedMessageCount(), 4); // more topics than the bound: one each
        f.add(u"x"_s, "2");
        f.tick();
        QCOMPARE(f.model.storedMessageCount(), 4);
        QCOMPARE(historyCount(f.model, u"x"_s), 1);
        QCOMPARE(f.model.indexForTopic(u"x"_s).data(TRole::PayloadRole).toByteArray(), QByteArray("2"));
        f.model.setMaxHistoryMessages(6);
        for (int i = 3; i < 6; ++i)
            f.add(u"y"_s, QByteArray::number(i));
        f.tick();
        QCOMPARE(f.model.storedMessageCount(), 6);
        MqttMessageHistoryModel y;
        y.setTreeModel(&f.model);
        y.setTopic(u"y"_s);
        QCOMPARE(payloads(y), numbers(3, 5));
    }

    void globalByteBoundEvictsByPayloadSize()
    {
        HistoryFixture f(u"big"_s);
        f.model.setMaxHistoryBytes(100);
        for (int i = 0; i < 5; ++i)
            f.add(u"big"_s, QByteArray(30, char('a' + i)));
        f.tick();
        QCOMPARE(f.model.storedBytes(), 90);
        QCOMPARE(f.history.count(), 3);
        QCOMPARE(payloads(f.history).first(), QByteArray(30, 'c'));
        // A single payload above the bound is still kept as the latest value.
        f.add(u"big"_s, QByteArray(500, 'z'));
        f.tick();
        QCOMPARE(f.history.count(), 1);
        QCOMPARE(f.model.storedBytes(), 500);
    }

    void randomStreamRespectsEveryBound()
    {
        QRandomGenerator rng(424242);
        Fixture f;
        f.model.setMaxHistoryPerTopic(20);
        f.model.setMaxHistoryMessages(300);
        f.model.setMaxHistoryBytes(3000);
        const QStringList topics = randomTopics(rng, 60);
        QHash<QString, int> sent;
        // Follow the three hottest topics under the tester meanwhile.
        std::vector<std::unique_ptr<MqttMessageHistoryModel>> followers;
        std::vector<std::unique_ptr<QAbstractItemModelTester>> testers;
        for (int i = 0; i < 3; ++i) {
            followers.push_back(std::make_unique<MqttMessageHistoryModel>());
            followers.back()->setTreeModel(&f.model);
            followers.back()->setTopic(topics[i]);
            testers.push_back(std::make_unique<QAbstractItemModelTester>(
                    followers.back().get(), QAbstractItemModelTester::FailureReportingMode::QtTest));
        }
        qint64 now = T0;
        for (int tick = 0; tick < 200; ++tick) {
            const int burst = int(rng.bounded(60));
            for (int i = 0; i < burst; ++i) {
                const int k = int(rng.bounded(quint32(1 + rng.bounded(quint32(topics.size())))));
                const int seq = sent[topics[k]]++;
                f.add(topics[k], QByteArray::number(seq) + QByteArray(int(rng.bounded(30)), '.'), now);
            }
            now += 100;
            f.tick(now);

            qint64 stored = 0;
            qint64 bytes = 0;
            MqttMessageHistoryModel h;
            h.setTreeModel(&f.model);
            for (auto it = sent.cbegin(); it != sent.cend(); ++it) {
                h.setTopic(it.key());
                QVERIFY(h.rowCount() >= 1);
                QVERIFY(h.rowCount() <= 20);
                // A contiguous run of the newest messages, ending with the latest.
                for (int r = 0; r < h.rowCount(); ++r) {
                    const QByteArray p = h.index(r, 0).data(HRole::PayloadRole).toByteArray();
                    QCOMPARE(p.left(p.indexOf('.') < 0 ? p.size() : p.indexOf('.')).toInt(),
                             it.value() - h.rowCount() + r);
                    bytes += p.size();
                }
                stored += h.rowCount();
            }
            QCOMPARE(qint64(f.model.storedMessageCount()), stored);
            QCOMPARE(f.model.storedBytes(), bytes);
            QVERIFY(stored <= std::max<qint64>(300, sent.size()));
            // Over the byte bound only by latest values that cannot go.
            QVERIFY(bytes <= 3000 || stored == sent.size());
        }
    }

    void waitsForATopicAndEmptiesWhenItIsRemoved()
    {
        HistoryFixture f(u"later/topic"_s);
        f.add(u"later"_s, "parent");
        f.tick();
        QCOMPARE(f.history.count(), 0);
        f.add(u"later/topic"_s, "1");
        f.add(u"later/topic"_s, "2");
        f.tick();
        QCOMPARE(payloads(f.history), numbers(1, 2));
        QSignalSpy removed(&f.history, &QAbstractItemModel::rowsRemoved);
        QVERIFY(f.model.removeTopic(u"later"_s));
        QCOMPARE(removed.count(), 1);
        QCOMPARE(f.history.count(), 0);
        f.add(u"later/topic"_s, "3");
        f.tick();
        QCOMPARE(payloads(f.history), numbers(3, 3));
        f.model.clear();
        QCOMPARE(f.history.count(), 0);
        f.add(u"later/topic"_s, "4");
        f.tick();
        QCOMPARE(payloads(f.history), numbers(4, 4));
    }

    void intermediateNodeBecomingATopicStartsItsHistory()
    {
        HistoryFixture f(u"a"_s);
        f.add(u"a/b"_s, "child");
        f.tick();
        QCOMPARE(f.history.count(), 0);
        f.add(u"a"_s, "own");
        f.tick();
        QCOMPARE(payloads(f.history), QList<QByteArray>{"own"});
    }

    void showsSkippedMessagesBeforeAnEntry()
    {
        HistoryFixture f(u"hot"_s);
        f.feed.setMaxPendingMessages(2);
        for (int i = 0; i < 6; ++i)
            f.add(u"hot"_s, QByteArray::number(i));
        f.tick();
        QCOMPARE(payloads(f.history), (QList<QByteArray>{"0", "5"}));
        QCOMPARE(f.history.index(1, 0).data(HRole::SkippedBeforeRole).toInt(), 4);
        QCOMPARE(f.history.index(1, MqttMessageHistoryModel::SkippedColumn).data().toUInt(), 4u);
    }

    void switchingTopicOrTreeResets()
    {
        HistoryFixture f(u"a"_s);
        f.add(u"a"_s, "1");
        f.add(u"b"_s, "2");
        f.add(u"b"_s, "3");
        f.tick();
        QSignalSpy reset(&f.history, &QAbstractItemModel::modelReset);
        f.history.setTopic(u"b"_s);
        QCOMPARE(reset.count(), 1);
        QCOMPARE(f.history.count(), 2);
        f.history.setTreeModel(nullptr);
        QCOMPARE(f.history.count(), 0);
        f.history.setTreeModel(&f.model);
        QCOMPARE(f.history.count(), 2);
    }

    // bench_models --memory measures this over a million messages; this guards it.
    void storedMessagesCostABoundedOverhead()
    {
#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_THREAD__)
        QSKIP("a sanitizer replaces malloc: mallinfo2() does not see the heap");
#endif
#if defined(__has_feature)
#if __has_feature(address_sanitizer) || __has_feature(thread_sanitizer)
        QSKIP("a sanitizer replaces malloc: mallinfo2() does not see the heap");
#endif
#endif
        constexpr int Topics = 200;
        constexpr int PerTopic = 1000;
        constexpr int PayloadSize = 16;
        Fixture f;
        f.feed.setMaxPendingMessages(Topics * PerTopic);
        f.model.setMaxHistoryPerTopic(PerTopic);
        f.model.setMaxHistoryMessages(Topics * PerTopic);
        const auto fill = [&f](int rounds) {
            for (int r = 0; r < rounds; ++r) {
                for (int t = 0; t < Topics; ++t)
                    f.add(u"m/"_s + QString::number(t), QByteArray(PayloadSize, char('a' + r % 26)));
            }
            f.tick();
        };
        // Topics and the per-tick buffers first (the feed and the model swap two buffers:
        // two ticks), then back to one message per topic.
        fill(PerTopic);
        fill(PerTopic);
        f.model.setMaxHistoryPerTopic(1);
        f.model.setMaxHistoryPerTopic(PerTopic);
        const auto heap = [] {
            const struct mallinfo2 mi = mallinfo2();
            return qint64(mi.uordblks + mi.hblkhd);
        };
        const qint64 before = heap();
        fill(PerTopic - 1);
        const qint64 after = heap();
        QCOMPARE(f.model.storedMessageCount(), Topics * PerTopic);
        const double perMessage = double(after - before) / double(Topics * (PerTopic - 1));
        qInfo("%.1f bytes of heap per stored %d-byte message", perMessage, PayloadSize);
        // Measured 104 (a 48-byte history slot, an 8-byte eviction token, the payload's
        // allocation); the bound leaves room for allocator differences.
        QVERIFY2(perMessage - PayloadSize < 128, qPrintable(QString::number(perMessage)));
    }

    void destroyingTheTreeEmptiesTheHistory()
    {
        MqttMessageFeed feed;
        auto model = std::make_unique<MqttTopicTreeModel>();
        model->setTickInterval(0);
        model->setFeed(&feed);
        MqttMessageHistoryModel history;
        history.setTreeModel(model.get());
        history.setTopic(u"t"_s);
        feed.addMessageAt(message(u"t"_s, "x"), T0);
        model->applyPending(T0);
        QCOMPARE(history.count(), 1);
        QSignalSpy changed(&history, &MqttMessageHistoryModel::treeModelChanged);
        model.reset();
        QCOMPARE(changed.count(), 1);
        QCOMPARE(history.treeModel(), nullptr);
        QCOMPARE(history.count(), 0);
    }
};

QTEST_GUILESS_MAIN(tst_MqttMessageHistoryModel)
#include "tst_mqttmessagehistorymodel.moc"
