// Copyright (C) 2026 The MqttQt authors.
// SPDX-License-Identifier: BSD-3-Clause
#include "modeltesthelpers.h"
#include <MqttQt/mqttmessagehistorymodel.h>

#include <QtCore/QDateTime>
#include <QtCore/QThread>
#include <QtTest/QAbstractItemModelTester>
#include <QtTest/QSignalSpy>
#include <QtTest/QTest>

#include <atomic>
#include <thread>

using namespace ModelTest;
using Role = MqttTopicTreeModel::Role;

namespace {

// Every node's subtree counts equal its own plus its children's, and every child
// reports its parent.
bool countsAreConsistent(const MqttTopicTreeModel &model, const QModelIndex &parent, int &topics, qint64 &messages)
{
    topics = 0;
    messages = 0;
    for (int r = 0; r < model.rowCount(parent); ++r) {
        const QModelIndex i = model.index(r, 0, parent);
        if (model.parent(i) != parent)
            return false;
        int childTopics = 0;
        qint64 childMessages = 0;
        if (!countsAreConsistent(model, i, childTopics, childMessages))
            return false;
        const bool has = i.data(Role::HasMessageRole).toBool();
        const int subtreeTopics = childTopics + (has ? 1 : 0);
        const qint64 subtreeMessages = childMessages + i.data(Role::MessageCountRole).toLongLong();
        if (i.data(Role::SubtreeTopicCountRole).toInt() != subtreeTopics
            || i.data(Role::SubtreeMessageCountRole).toLongLong() != subtreeMessages) {
            qWarning() << "inconsistent counts at" << i.data(Role::TopicRole).toString();
            return false;
        }
        topics += subtreeTopics;
        messages += subtreeMessages;
    }
    return true;
}

struct Range
{
    QModelIndex parent;
    int first;
    int last;
};

} // namespace

class tst_MqttTopicTreeModel : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void splitsTopicsIntoLevels_data()
    {
        QTest::addColumn<QString>("topic");
        QTest::addColumn<QStringList>("levels");
        QTest::newRow("three levels") << QStringLiteral("a/b/c") << QStringList{u"a"_s, u"b"_s, u"c"_s};
        QTest::newRow("empty middle level") << QStringLiteral("a//b") << QStringList{u"a"_s, QString(), u"b"_s};
        QTest::newRow("leading slash") << QStringLiteral("/a") << QStringList{QString(), u"a"_s};
        QTest::newRow("trailing slash") << QStringLiteral("a/") << QStringList{u"a"_s, QString()};
        QTest::newRow("only a slash") << QStringLiteral("/") << QStringList{QString(), QString()};
        QTest::newRow("$SYS") << QStringLiteral("$SYS/broker/uptime")
                              << QStringList{u"$SYS"_s, u"broker"_s, u"uptime"_s};
        QTest::newRow("non-ASCII") << QStringLiteral("küche/温度") << QStringList{u"küche"_s, u"温度"_s};
        QTest::newRow("leading BOM kept") << (QChar(0xFEFF) + QStringLiteral("x/y"))
                                          << QStringList{QChar(0xFEFF) + QStringLiteral("x"), u"y"_s};
        QTest::newRow("spaces") << QStringLiteral(" a / b ") << QStringList{u" a "_s, u" b "_s};
    }

    void splitsTopicsIntoLevels()
    {
        QFETCH(QString, topic);
        QFETCH(QStringList, levels);
        Fixture f;
        QAbstractItemModelTester tester(&f.model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QVERIFY(f.add(topic, "v"));
        f.tick();
        QModelIndex parent;
        QString path;
        for (int i = 0; i < levels.size(); ++i) {
            QCOMPARE(f.model.rowCount(parent), 1);
            const QModelIndex node = f.model.index(0, 0, parent);
            path += (i ? QStringLiteral("/") : QString()) + levels[i];
            QCOMPARE(node.data(Role::LevelNameRole).toString(), levels[i]);
            QCOMPARE(node.data(Role::TopicRole).toString(), path);
            QCOMPARE(node.data(Qt::ToolTipRole).toString(), path);
            QCOMPARE(node.data(Qt::DisplayRole).toString(),
                     levels[i].isEmpty() ? QStringLiteral("(empty level)") : levels[i]);
            const bool leaf = i == levels.size() - 1;
            QCOMPARE(node.data(Role::HasMessageRole).toBool(), leaf);
            QCOMPARE(node.data(Role::PayloadRole).toByteArray(), leaf ? QByteArray("v") : QByteArray());
            QCOMPARE(node.data(Role::SubtreeTopicCountRole).toInt(), 1);
            QCOMPARE(f.model.indexForTopic(path), node);
            parent = node;
        }
        QCOMPARE(f.model.rowCount(parent), 0);
        QCOMPARE(f.model.topicCount(), 1);
    }

    void emptyLevelsAreDistinctNodes()
    {
        Fixture f;
        QAbstractItemModelTester tester(&f.model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        for (const char *t : {"a/b", "a//b", "a/", "/a/b", "a"})
            f.add(QString::fromLatin1(t), t);
        f.tick();
        QCOMPARE(f.model.topicCount(), 5);
        QCOMPARE(f.model.rowCount(), 2); // "a" and ""
        const QModelIndex a = f.model.indexForTopic(u"a"_s);
        QCOMPARE(f.model.rowCount(a), 2); // "b" and ""
        QCOMPARE(f.model.indexForTopic(u"a/"_s).data(Role::PayloadRole).toByteArray(), QByteArray("a/"));
        QCOMPARE(f.model.indexForTopic(u"a//b"_s).data(Role::PayloadRole).toByteArray(), QByteArray("a//b"));
        QCOMPARE(f.model.indexForTopic(u"a//b"_s).parent(), f.model.indexForTopic(u"a/"_s));
        QCOMPARE(f.model.indexForTopic(u"/a/b"_s).data(Role::PayloadRole).toByteArray(), QByteArray("/a/b"));
        // The empty first level of "/a/b" is a node whose full topic is empty.
        const QModelIndex empty = f.model.indexForTopic(u""_s);
        QCOMPARE(empty, f.model.index(1, 0));
        QCOMPARE(empty.data(Role::LevelNameRole).toString(), QString());
        QVERIFY(!empty.data(Role::HasMessageRole).toBool());
        QCOMPARE(a.data(Role::SubtreeTopicCountRole).toInt(), 4);
    }

    void exposesTheLatestMessageThroughRoles()
    {
        Fixture f;
        MqttProperties props;
        QVERIFY(props.setString(Mqtt::PropertyId::ContentType, u"application/json"_s));
        QVERIFY(props.addUserProperty(u"k"_s, u"v1"_s));
        QVERIFY(props.addUserProperty(u"k"_s, u"v2"_s));
        QVERIFY(props.setInteger(Mqtt::PropertyId::MessageExpiryInterval, 60));
        QVERIFY(props.setBinary(Mqtt::PropertyId::CorrelationData, QByteArray("\x01\x02", 2)));
        f.add(u"s/t"_s, "first", T0, 0, false);
        f.add(u"s/t"_s, "{\"t\": 21.5}", T0 + 250, 2, true, props);
        f.tick(T0 + 1000);
        const QModelIndex i = f.model.indexForTopic(u"s/t"_s);
        QVERIFY(i.isValid());
        QCOMPARE(i.data(Role::PayloadRole).toByteArray(), QByteArray("{\"t\": 21.5}"));
        QCOMPARE(i.data(Role::PayloadPreviewRole).toString(), u"{\"t\": 21.5}"_s);
        QCOMPARE(i.data(Role::PayloadSizeRole).toInt(), 11);
        QCOMPARE(i.data(Role::QosRole).toInt(), 2);
        QCOMPARE(i.data(Role::RetainRole).toBool(), true);
        QCOMPARE(i.data(Role::LastUpdateRole).toDateTime(), QDateTime::fromMSecsSinceEpoch(T0 + 250));
        QCOMPARE(i.data(Role::MessageCountRole).toLongLong(), 2);
        QCOMPARE(historyCount(f.model, u"s/t"_s), 2);
        QCOMPARE(i.data(Role::SkippedCountRole).toLongLong(), 0);
        QCOMPARE(i.data(Role::PropertiesRole).value<MqttProperties>(), props);
        const QVariantMap map = i.data(Role::PropertiesMapRole).toMap();
        QCOMPARE(map.value(u"contentType"_s).toString(), u"application/json"_s);
        QCOMPARE(map.value(u"messageExpiryInterval"_s).toUInt(), 60u);
        QCOMPARE(map.value(u"correlationData"_s).toByteArray(), QByteArray("\x01\x02", 2));
        const QVariantList user = map.value(u"userProperties"_s).toList();
        QCOMPARE(user.size(), 2);
        QCOMPARE(user[1].toMap().value(u"value"_s).toString(), u"v2"_s);
        // Columns.
        QCOMPARE(f.model.index(0, MqttTopicTreeModel::TopicColumn, i.parent()).data().toString(), u"t"_s);
        QCOMPARE(f.model.index(0, MqttTopicTreeModel::ValueColumn, i.parent()).data().toString(), u"{\"t\": 21.5}"_s);
        QCOMPARE(f.model.index(0, MqttTopicTreeModel::MessageCountColumn, i.parent()).data().toLongLong(), 2);
        const QModelIndex s = f.model.indexForTopic(u"s"_s);
        QCOMPARE(f.model.index(0, MqttTopicTreeModel::MessageCountColumn).data(), QVariant());
        QCOMPARE(s.data(Role::PayloadRole), QVariant());
        QCOMPARE(f.model.index(0, MqttTopicTreeModel::SubtreeTopicCountColumn).data().toInt(), 1);
        QCOMPARE(f.model.index(0, MqttTopicTreeModel::SubtreeMessageCountColumn).data().toLongLong(), 2);
        QCOMPARE(f.model.headerData(MqttTopicTreeModel::ValueColumn, Qt::Horizontal).toString(), u"Value"_s);
        const auto names = f.model.roleNames();
        QCOMPARE(names.value(Role::PayloadPreviewRole), QByteArray("payloadPreview"));
        QCOMPARE(names.value(Role::SubtreeMessageCountRole), QByteArray("subtreeMessageCount"));
        QCOMPARE(names.value(Qt::DisplayRole), QByteArray("display"));
    }

    void previewIsBoundedAndMarkedWhenShortened_data()
    {
        QTest::addColumn<QByteArray>("payload");
        QTest::addColumn<int>("length");
        QTest::addColumn<QString>("preview");
        const QString ellipsis(QChar(0x2026));
        QTest::newRow("short text") << QByteArray("hello") << 10 << u"hello"_s;
        QTest::newRow("exactly the length") << QByteArray("0123456789") << 10 << u"0123456789"_s;
        QTest::newRow("one more") << QByteArray("0123456789A") << 10 << (u"0123456789"_s + ellipsis);
        QTest::newRow("long text") << QByteArray(5000, 'x') << 100 << (QString(100, u'x') + ellipsis);
        QTest::newRow("line breaks become spaces") << QByteArray("a\nb\r\nc\td") << 20 << u"a b  c d"_s;
        QTest::newRow("empty") << QByteArray() << 10 << QString();
        QTest::newRow("multibyte cut") << QByteArray("ääääää") << 3 << (u"äää"_s + ellipsis);
        QTest::newRow("surrogate pair kept whole") << QByteArray("a\xF0\x9F\x98\x80z") << 2 << (u"a"_s + ellipsis);
        QTest::newRow("binary as hex") << QByteArray("\x00\x01\xff", 3) << 100 << u"hex: 00 01 ff"_s;
        QTest::newRow("binary shortened") << QByteArray(100, '\0') << 6 << (u"hex: 00 00"_s + ellipsis);
        QTest::newRow("invalid UTF-8") << QByteArray("ab\xC3") << 100 << u"hex: 61 62 c3"_s;
        QTest::newRow("UTF-8 cut by the probe is text")
                << (QByteArray(9, 'a') + QByteArray("\xE2\x82\xAC") + QByteArray(10, 'b')) << 2 << (u"aa"_s + ellipsis);
    }

    void previewIsBoundedAndMarkedWhenShortened()
    {
        QFETCH(QByteArray, payload);
        QFETCH(int, length);
        QFETCH(QString, preview);
        Fixture f;
        f.model.setPreviewLength(length);
        f.add(u"t"_s, payload);
        f.tick();
        const QModelIndex i = f.model.indexForTopic(u"t"_s);
        QCOMPARE(i.data(Role::PayloadPreviewRole).toString(), preview);
        QCOMPARE(i.data(Role::PayloadRole).toByteArray(), payload); // the full payload stays
    }

    void appliesOneChangePerTopicPerTick()
    {
        Fixture f;
        for (const char *t : {"a/x", "a/y", "a/z", "b/q", "c"})
            f.add(QString::fromLatin1(t));
        f.tick();
        QAbstractItemModelTester tester(&f.model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QSignalSpy changed(&f.model, &QAbstractItemModel::dataChanged);
        QSignalSpy inserted(&f.model, &QAbstractItemModel::rowsInserted);
        QSignalSpy applied(&f.model, &MqttTopicTreeModel::batchApplied);
        // 300 messages over a/x, a/y, a/z and b/q in one tick; c untouched.
        for (int i = 0; i < 300; ++i)
            f.add(QString::fromLatin1(i % 4 == 3 ? "b/q" : i % 4 == 0 ? "a/x" : i % 4 == 1 ? "a/y" : "a/z"),
                  QByteArray::number(i));
        f.tick();
        QCOMPARE(inserted.count(), 0);
        QCOMPARE(applied.count(), 1);
        QCOMPARE(applied[0][0].toInt(), 300);
        QCOMPARE(applied[0][1].toInt(), 4);
        // One range per parent: a's rows 0-2, b's row 0, and the top level rows 0-1
        // (a and b, whose subtree counts grew); c (row 2) did not change.
        QCOMPARE(changed.count(), 3);
        QList<QString> ranges;
        for (const auto &args : changed) {
            const auto tl = args[0].value<QModelIndex>();
            const auto br = args[1].value<QModelIndex>();
            QCOMPARE(tl.parent(), br.parent());
            QCOMPARE(tl.column(), 0);
            QCOMPARE(br.column(), MqttTopicTreeModel::ColumnCount - 1);
            QVERIFY(args[2].value<QList<int>>().isEmpty());
            ranges << tl.parent().data(Role::TopicRole).toString() + u':' + QString::number(tl.row()) + u'-'
                            + QString::number(br.row());
        }
        ranges.sort();
        QCOMPARE(ranges, (QStringList{u":0-1"_s, u"a:0-2"_s, u"b:0-0"_s}));
        QCOMPARE(f.model.indexForTopic(u"a/x"_s).data(Role::PayloadRole).toByteArray(), QByteArray("296"));
        QCOMPARE(f.model.indexForTopic(u"a/x"_s).data(Role::MessageCountRole).toLongLong(), 76);
        QCOMPARE(f.model.indexForTopic(u"a"_s).data(Role::SubtreeMessageCountRole).toLongLong(), 3 + 225);
    }

    void groupsRowInsertsPerParent()
    {
        Fixture f;
        f.add(u"a/0"_s);
        f.add(u"b/0"_s);
        f.tick();
        QAbstractItemModelTester tester(&f.model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QSignalSpy aboutToInsert(&f.model, &QAbstractItemModel::rowsAboutToBeInserted);
        QSignalSpy inserted(&f.model, &QAbstractItemModel::rowsInserted);
        QSignalSpy reset(&f.model, &QAbstractItemModel::modelAboutToBeReset);
        for (const char *t : {"a/1", "b/1", "a/2", "c/x/y", "a/3", "b/2", "c/x/z", "a/1", "d"})
            f.add(QString::fromLatin1(t));
        f.tick();
        QCOMPARE(reset.count(), 0);
        QCOMPARE(aboutToInsert.count(), 3);
        QStringList got;
        for (const auto &args : inserted)
            got << args[0].value<QModelIndex>().data(Role::TopicRole).toString() + u':'
                            + QString::number(args[1].toInt()) + u'-' + QString::number(args[2].toInt());
        got.sort();
        // a gets rows 1-3 at once; b rows 1-2; the top level gets c (with its whole
        // subtree) and d as rows 2-3.
        QCOMPARE(got, (QStringList{u":2-3"_s, u"a:1-3"_s, u"b:1-2"_s}));
        QCOMPARE(f.model.index(1, 0, f.model.indexForTopic(u"a"_s)).data(Role::LevelNameRole).toString(), u"1"_s);
        QCOMPARE(f.model.index(3, 0, f.model.indexForTopic(u"a"_s)).data(Role::LevelNameRole).toString(), u"3"_s);
        QCOMPARE(f.model.rowCount(f.model.indexForTopic(u"c/x"_s)), 2);
    }

    void randomStreamKeepsTheModelConsistent()
    {
        QRandomGenerator rng(20260611);
        Fixture f;
        QAbstractItemModelTester tester(&f.model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QSignalSpy reset(&f.model, &QAbstractItemModel::modelAboutToBeReset);
        QSignalSpy layout(&f.model, &QAbstractItemModel::layoutAboutToBeChanged);
        QSignalSpy moved(&f.model, &QAbstractItemModel::rowsAboutToBeMoved);
        const QStringList topics = randomTopics(rng, 300);
        QHash<QString, qint64> sent;
        QHash<QString, QByteArray> latest;
        qint64 now = T0;
        int total = 0;
        // The tester walks the whole model after every row insertion: larger ticks keep
        // it fast while thousands of messages still go through.
        while (total < 6000) {
            const int burst = 1 + int(rng.bounded(400));
            for (int i = 0; i < burst; ++i, ++total) {
                // Skewed: low indexes are hot, so new topics keep appearing late.
                const int k = int(rng.bounded(quint32(1 + rng.bounded(quint32(topics.size())))));
                const QByteArray payload = QByteArray::number(total);
                QVERIFY(f.add(topics[k], payload, now));
                ++sent[topics[k]];
                latest[topics[k]] = payload;
            }
            now += 100;
            f.tick(now);
        }
        QCOMPARE(reset.count(), 0);
        QCOMPARE(layout.count(), 0);
        QCOMPARE(moved.count(), 0);
        QCOMPARE(f.model.topicCount(), sent.size());
        QCOMPARE(f.model.messageCount(), qint64(total));
        for (auto it = sent.cbegin(); it != sent.cend(); ++it) {
            const QModelIndex i = f.model.indexForTopic(it.key());
            QVERIFY2(i.isValid(), qPrintable(it.key()));
            QCOMPARE(i.data(Role::TopicRole).toString(), it.key());
            QCOMPARE(i.data(Role::MessageCountRole).toLongLong(), it.value());
            QCOMPARE(i.data(Role::PayloadRole).toByteArray(), latest.value(it.key()));
        }
        int topicsSeen = 0;
        qint64 messagesSeen = 0;
        QVERIFY(countsAreConsistent(f.model, QModelIndex(), topicsSeen, messagesSeen));
        QCOMPARE(topicsSeen, sent.size());
        QCOMPARE(messagesSeen, qint64(total));
    }

    void persistentIndexesKeepPointingToTheirTopic()
    {
        QRandomGenerator rng(7);
        Fixture f;
        const QStringList topics = randomTopics(rng, 200);
        for (int i = 0; i < 40; ++i)
            f.add(topics[i]);
        f.tick();
        QList<QPersistentModelIndex> selection;
        QStringList selected;
        for (const QString &topic : topics.mid(0, 40)) {
            selection << QPersistentModelIndex(f.model.indexForTopic(topic, MqttTopicTreeModel::ValueColumn));
            selected << topic;
        }
        qint64 now = T0;
        for (int tick = 0; tick < 50; ++tick) {
            for (int i = 0; i < 100; ++i)
                f.add(topics[int(rng.bounded(quint32(topics.size())))], QByteArray::number(i), now);
            now += 100;
            f.tick(now);
            for (int s = 0; s < selection.size(); ++s) {
                QVERIFY(selection[s].isValid());
                QCOMPARE(selection[s].data(Role::TopicRole).toString(), selected[s]);
                QCOMPARE(selection[s].column(), int(MqttTopicTreeModel::ValueColumn));
                QCOMPARE(QModelIndex(selection[s]), f.model.indexForTopic(selected[s], MqttTopicTreeModel::ValueColumn));
            }
        }
    }

    void pauseHoldsTheTreeAndResumeAppliesTheLatestState()
    {
        Fixture f;
        f.add(u"a/b"_s, "1");
        f.tick();
        QAbstractItemModelTester tester(&f.model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        f.model.setPaused(true);
        QVERIFY(f.model.isPaused());
        QSignalSpy changed(&f.model, &QAbstractItemModel::dataChanged);
        QSignalSpy inserted(&f.model, &QAbstractItemModel::rowsInserted);
        QSignalSpy counts(&f.model, &MqttTopicTreeModel::countsChanged);
        f.add(u"a/b"_s, "2");
        f.add(u"a/b"_s, "3");
        f.add(u"a/c"_s, "x");
        f.tick(T0 + 100);
        QCOMPARE(changed.count(), 0);
        QCOMPARE(inserted.count(), 0);
        QCOMPARE(f.model.pendingCount(), 3); // counted while paused
        QCOMPARE(counts.count(), 1);
        QCOMPARE(f.model.indexForTopic(u"a/b"_s).data(Role::PayloadRole).toByteArray(), QByteArray("1"));
        QCOMPARE(f.model.messageCount(), 1);
        f.add(u"a/b"_s, "4");
        f.tick(T0 + 200);
        QCOMPARE(f.model.pendingCount(), 4);
        QCOMPARE(counts.count(), 2);

        f.model.setPaused(false);
        f.tick(T0 + 300);
        QCOMPARE(inserted.count(), 1);
        QCOMPARE(f.model.pendingCount(), 0);
        QCOMPARE(f.model.indexForTopic(u"a/b"_s).data(Role::PayloadRole).toByteArray(), QByteArray("4"));
        QCOMPARE(f.model.indexForTopic(u"a/b"_s).data(Role::MessageCountRole).toLongLong(), 4);
        QCOMPARE(historyCount(f.model, u"a/b"_s), 4);
        QCOMPARE(f.model.indexForTopic(u"a/c"_s).data(Role::PayloadRole).toByteArray(), QByteArray("x"));
    }

    void longPauseOverflowsIntoCountedSkips()
    {
        Fixture f;
        f.feed.setMaxPendingMessages(3);
        f.model.setPaused(true);
        for (int i = 0; i < 10; ++i)
            f.add(u"hot"_s, QByteArray::number(i));
        f.add(u"cold"_s, "c");
        f.tick();
        QCOMPARE(f.model.pendingCount(), 4); // 3 buffered + cold; hot's latest replaced 7 times
        f.model.setPaused(false);
        f.tick();
        const QModelIndex hot = f.model.indexForTopic(u"hot"_s);
        QCOMPARE(hot.data(Role::MessageCountRole).toLongLong(), 10);
        QCOMPARE(hot.data(Role::SkippedCountRole).toLongLong(), 7);
        QCOMPARE(historyCount(f.model, u"hot"_s), 3);
        QCOMPARE(hot.data(Role::PayloadRole).toByteArray(), QByteArray("9"));
        QCOMPARE(f.model.skippedCount(), 7);
        QCOMPARE(f.model.messageCount(), 11);
        QCOMPARE(f.feed.skippedCount(), 7);
    }

    void overflowSkipsAreCountedExactlyPerTopic()
    {
        Fixture f;
        f.feed.setMaxPendingMessages(10);
        QHash<QString, int> sent;
        QRandomGenerator rng(99);
        for (int i = 0; i < 500; ++i) {
            const QString topic = u"t/"_s + QString::number(rng.bounded(5));
            f.add(topic, QByteArray::number(i));
            ++sent[topic];
        }
        f.tick();
        qint64 skippedSum = 0;
        for (auto it = sent.cbegin(); it != sent.cend(); ++it) {
            const QModelIndex i = f.model.indexForTopic(it.key());
            const qint64 skipped = i.data(Role::SkippedCountRole).toLongLong();
            const int stored = historyCount(f.model, it.key());
            QCOMPARE(i.data(Role::MessageCountRole).toLongLong(), it.value());
            QCOMPARE(qint64(stored) + skipped, qint64(it.value())); // no silent gap
            skippedSum += skipped;
        }
        QCOMPARE(skippedSum, f.model.skippedCount());
        QCOMPARE(skippedSum, f.feed.skippedCount());
        QCOMPARE(skippedSum, 500 - f.model.storedMessageCount());
        QVERIFY(skippedSum >= 500 - 15);
    }

    void removeTopicTakesItsSubtreeAndEmptyAncestors()
    {
        Fixture f;
        for (const char *t : {"a/b/c", "a/b/d", "a/x", "p/q/r", "z"})
            f.add(QString::fromLatin1(t), "v");
        f.add(u"a/b/c"_s, "w");
        f.tick();
        QAbstractItemModelTester tester(&f.model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QSignalSpy removed(&f.model, &QAbstractItemModel::rowsRemoved);
        QSignalSpy counts(&f.model, &MqttTopicTreeModel::countsChanged);
        QPersistentModelIndex z(f.model.indexForTopic(u"z"_s));

        QVERIFY(f.model.removeTopic(u"a/b"_s));
        QCOMPARE(removed.count(), 1);
        QCOMPARE(f.model.indexForTopic(u"a/b/c"_s), QModelIndex());
        QCOMPARE(f.model.indexForTopic(u"a"_s).data(Role::SubtreeTopicCountRole).toInt(), 1);
        QCOMPARE(f.model.indexForTopic(u"a"_s).data(Role::SubtreeMessageCountRole).toLongLong(), 1);
        QCOMPARE(f.model.topicCount(), 3);
        QCOMPARE(f.model.messageCount(), 3);
        QCOMPARE(f.model.storedMessageCount(), 3);
        QCOMPARE(counts.count(), 1);

        // p and p/q hold no message: removing p/q/r takes them along.
        QVERIFY(f.model.removeTopic(u"p/q/r"_s));
        QCOMPARE(f.model.indexForTopic(u"p"_s), QModelIndex());
        QCOMPARE(f.model.rowCount(), 2);
        QCOMPARE(z.data(Role::TopicRole).toString(), u"z"_s);
        QCOMPARE(z.row(), 1);

        QVERIFY(!f.model.removeTopic(u"nothing/here"_s));
        QVERIFY(!f.model.removeSubtree(QModelIndex()));

        // A removed topic comes back when it receives a message.
        f.add(u"a/b/c"_s, "again");
        f.tick();
        QCOMPARE(f.model.indexForTopic(u"a/b/c"_s).data(Role::MessageCountRole).toLongLong(), 1);
        int topics = 0;
        qint64 messages = 0;
        QVERIFY(countsAreConsistent(f.model, QModelIndex(), topics, messages));
        QCOMPARE(topics, f.model.topicCount());
    }

    void clearEmptiesTheModelAndTheFeed()
    {
        Fixture f;
        for (int i = 0; i < 20; ++i)
            f.add(u"x/"_s + QString::number(i % 7), "v");
        f.tick();
        f.add(u"waiting"_s);
        QAbstractItemModelTester tester(&f.model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QSignalSpy reset(&f.model, &QAbstractItemModel::modelAboutToBeReset);
        f.model.clear();
        QCOMPARE(reset.count(), 0);
        QCOMPARE(f.model.rowCount(), 0);
        QCOMPARE(f.model.topicCount(), 0);
        QCOMPARE(f.model.messageCount(), 0);
        QCOMPARE(f.model.storedMessageCount(), 0);
        QCOMPARE(f.model.storedBytes(), 0);
        QCOMPARE(f.model.pendingCount(), 0);
        f.tick();
        QCOMPARE(f.model.rowCount(), 0);
        f.add(u"x/1"_s, "new");
        f.tick();
        QCOMPARE(f.model.topicCount(), 1);
    }

    void indexForTopicFindsEveryLevel()
    {
        Fixture f;
        f.add(u"a/b/c"_s);
        f.tick();
        QVERIFY(f.model.indexForTopic(u"a"_s).isValid());
        QVERIFY(f.model.indexForTopic(u"a/b"_s).isValid());
        QCOMPARE(f.model.indexForTopic(u"a/b/c"_s, 3).column(), 3);
        QCOMPARE(f.model.indexForTopic(u"a/b/c"_s, MqttTopicTreeModel::ColumnCount), QModelIndex());
        QCOMPARE(f.model.indexForTopic(u"a/b/c/d"_s), QModelIndex());
        QCOMPARE(f.model.indexForTopic(u"a/+"_s), QModelIndex());
    }

    void messageRateSlidesOverTheWindow()
    {
        Fixture f; // window 10 s in buckets of 1 s
        QSignalSpy changed(&f.model, &QAbstractItemModel::dataChanged);
        for (int i = 0; i < 50; ++i)
            f.add(u"r"_s, QByteArray(), T0 + i * 100); // 10 per second for 5 s
        f.add(u"other"_s, QByteArray(), T0);
        f.tick(T0 + 5000);
        const QPersistentModelIndex r(f.model.indexForTopic(u"r"_s));
        QCOMPARE(r.data(Role::MessageRateRole).toDouble(), 5.0);
        changed.clear();
        f.tick(T0 + 9999); // the window (buckets T0+0 s .. T0+9 s) still covers all five seconds
        QCOMPARE(r.data(Role::MessageRateRole).toDouble(), 5.0);
        QCOMPARE(changed.count(), 0); // same count in the window: nothing announced
        f.tick(T0 + 13999); // buckets T0+4 s .. T0+13 s: only ten messages left
        QCOMPARE(r.data(Role::MessageRateRole).toDouble(), 1.0);
        // Both rates changed (other's to 0): the rate role alone, one range.
        QCOMPARE(changed.count(), 1);
        QCOMPARE(changed[0][2].value<QList<int>>(), QList<int>{Role::MessageRateRole});
        QCOMPARE(changed[0][0].value<QModelIndex>().row(), 0);
        QCOMPARE(changed[0][1].value<QModelIndex>().row(), 1);
        f.tick(T0 + 15000);
        QCOMPARE(r.data(Role::MessageRateRole).toDouble(), 0.0);
        QCOMPARE(changed.count(), 2);
        changed.clear();
        f.tick(T0 + 30000); // idle topics are not refreshed again
        QCOMPARE(changed.count(), 0);
    }

    void refusesInvalidSettings()
    {
        MqttTopicTreeModel model;
        QTest::ignoreMessage(QtWarningMsg, "MqttTopicTreeModel::setMaxHistoryPerTopic: 0 refused, must be at least 1");
        model.setMaxHistoryPerTopic(0);
        QTest::ignoreMessage(QtWarningMsg, "MqttTopicTreeModel::setMaxHistoryMessages: 0 refused, must be at least 1");
        model.setMaxHistoryMessages(0);
        QTest::ignoreMessage(QtWarningMsg, "MqttTopicTreeModel::setMaxHistoryBytes: -5 refused, must not be negative");
        model.setMaxHistoryBytes(-5);
        QTest::ignoreMessage(QtWarningMsg, "MqttTopicTreeModel::setPreviewLength: 0 refused, must be 1 to 100000");
        model.setPreviewLength(0);
        QTest::ignoreMessage(QtWarningMsg, "MqttTopicTreeModel::setRateWindow: 50 refused, must be 100 to 3600000 ms");
        model.setRateWindow(50);
        QTest::ignoreMessage(QtWarningMsg, "MqttTopicTreeModel::setTickInterval: -1 refused, must not be negative");
        model.setTickInterval(-1);
        QCOMPARE(model.maxHistoryPerTopic(), 1000);
        QCOMPARE(model.maxHistoryMessages(), 100000);
        QCOMPARE(model.maxHistoryBytes(), qint64(64) << 20);
        QCOMPARE(model.previewLength(), 100);
        QCOMPARE(model.rateWindow(), 10000);
        QCOMPARE(model.tickInterval(), 100);
    }

    void ticksByItselfWhenMessagesArriveFromAnotherThread()
    {
        MqttMessageFeed feed;
        MqttTopicTreeModel model;
        model.setTickInterval(10);
        model.setFeed(&feed);
        QSignalSpy applied(&model, &MqttTopicTreeModel::batchApplied);
        std::thread producer([&feed] {
            for (int i = 0; i < 2000; ++i)
                feed.addMessage(message(u"w/"_s + QString::number(i % 10), QByteArray::number(i)));
        });
        producer.join();
        QTRY_COMPARE(model.messageCount(), 2000);
        QCOMPARE(model.topicCount(), 10);
        QVERIFY(applied.count() >= 1);
        // A single later message is applied without waiting for more.
        feed.addMessage(message(u"w/late"_s));
        QTRY_COMPARE(model.topicCount(), 11);
    }

    void tickLengthensWhenApplyingTakesLong()
    {
        Fixture f;
        f.model.setTickInterval(1);
        QSignalSpy effective(&f.model, &MqttTopicTreeModel::effectiveTickIntervalChanged);
        // 20,000 new topics take well over 2 ms to apply: the tick becomes 5 x the apply
        // time, capped at 10 x the base.
        for (int i = 0; i < 20000; ++i)
            f.add(u"big/"_s + QString::number(i));
        f.tick();
        QCOMPARE(f.model.effectiveTickInterval(), 10);
        QCOMPARE(effective.count(), 1);
        f.add(u"big/0"_s);
        f.tick(); // a few microseconds: back to the base
        QCOMPARE(f.model.effectiveTickInterval(), 1);
        QCOMPARE(effective.count(), 2);
    }

    // The brief's concurrency case: four threads fill the feed at once, with a bound
    // small enough to overflow, while the model drains on its own thread.
    void feedFilledFromFourThreadsWhileTheModelDrains()
    {
        constexpr int Threads = 4;
        constexpr int PerThread = 25000;
        constexpr int TopicsPerThread = 100;
        Fixture f;
        f.feed.setMaxPendingMessages(2000);
        QAbstractItemModelTester tester(&f.model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        std::atomic<int> done{0};
        std::vector<std::thread> producers;
        for (int t = 0; t < Threads; ++t) {
            producers.emplace_back([&f, &done, t] {
                for (int i = 0; i < PerThread; ++i) {
                    f.feed.addMessageAt(message(u"p"_s + QString::number(t) + u"/t"_s
                                                        + QString::number(i % TopicsPerThread),
                                                QByteArray::number(i / TopicsPerThread)),
                                        T0 + i);
                }
                done.fetch_add(1);
            });
        }
        qint64 now = T0;
        while (done.load() < Threads) {
            f.tick(now += 100);
            QThread::yieldCurrentThread();
        }
        for (auto &p : producers)
            p.join();
        f.tick(now += 100);
        QCOMPARE(f.model.pendingCount(), 0);
        QCOMPARE(f.model.messageCount(), qint64(Threads) * PerThread);
        QCOMPARE(f.model.topicCount(), Threads * TopicsPerThread);
        QCOMPARE(f.model.skippedCount(), f.feed.skippedCount());
        QCOMPARE(qint64(f.model.storedMessageCount()) + f.model.skippedCount(), qint64(Threads) * PerThread);

        // Each topic's history: consecutive sequence numbers, every gap announced.
        MqttMessageHistoryModel history;
        history.setTreeModel(&f.model);
        for (int t = 0; t < Threads; ++t) {
            for (int k = 0; k < TopicsPerThread; ++k) {
                history.setTopic(u"p"_s + QString::number(t) + u"/t"_s + QString::number(k));
                int expected = 0;
                for (int row = 0; row < history.rowCount(); ++row) {
                    const QModelIndex i = history.index(row, 0);
                    const int seq = i.data(MqttMessageHistoryModel::PayloadRole).toByteArray().toInt();
                    QCOMPARE(seq, expected + i.data(MqttMessageHistoryModel::SkippedBeforeRole).toInt());
                    expected = seq + 1;
                }
                QCOMPARE(expected, PerThread / TopicsPerThread);
            }
        }
    }

    void survivesAVeryDeepTopic()
    {
        Fixture f;
        QString deep;
        for (int i = 0; i < 20000; ++i)
            deep += u"l/"_s;
        deep += u"end"_s;
        f.add(deep, "v");
        f.tick();
        QCOMPARE(f.model.topicCount(), 1);
        QVERIFY(f.model.indexForTopic(deep).isValid());
        QVERIFY(f.model.removeTopic(deep)); // takes all 20,000 empty ancestors along
        QCOMPARE(f.model.rowCount(), 0);
        f.add(deep, "v");
        f.tick(); // and the destructor deletes it without recursion
    }
};

QTEST_GUILESS_MAIN(tst_MqttTopicTreeModel)
#include "tst_mqtttopictreemodel.moc"
