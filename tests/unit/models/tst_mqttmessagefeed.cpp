// Copyright (C) 2026 The MqttQt authors.
// SPDX-License-Identifier: BSD-3-Clause
#include "modeltesthelpers.h"
#include "mqttmessagefeed_p.h"

#include <QtTest/QSignalSpy>
#include <QtTest/QTest>

#include <atomic>
#include <thread>

using namespace ModelTest;

class tst_MqttMessageFeed : public QObject
{
    Q_OBJECT

private:
    static std::vector<MqttFeedEntry> take(MqttMessageFeed &feed)
    {
        std::vector<MqttFeedEntry> out;
        MqttMessageFeedPrivate::get(&feed)->take(out);
        return out;
    }

private Q_SLOTS:
    void keepsMessagesInArrivalOrderWithTheirTimes()
    {
        MqttMessageFeed feed;
        QVERIFY(feed.addMessageAt(message(QStringLiteral("a"), "1"), T0));
        QVERIFY(feed.addMessageAt(message(QStringLiteral("b"), "2"), T0 + 5));
        QVERIFY(feed.addMessageAt(message(QStringLiteral("a"), "3"), T0 + 7));
        QCOMPARE(feed.pendingCount(), 3);
        const auto entries = take(feed);
        QCOMPARE(entries.size(), size_t(3));
        QCOMPARE(entries[0].message.payload(), QByteArray("1"));
        QCOMPARE(entries[1].message.topic(), QStringLiteral("b"));
        QCOMPARE(entries[2].arrivalMsecs, T0 + 7);
        for (const auto &e : entries)
            QCOMPARE(e.skippedBefore, 0u);
        QCOMPARE(feed.pendingCount(), 0);
        QCOMPARE(feed.receivedCount(), 3);
        QCOMPARE(feed.skippedCount(), 0);
    }

    void stampsArrivalWithTheCurrentTime()
    {
        MqttMessageFeed feed;
        const qint64 before = QDateTime::currentMSecsSinceEpoch();
        QVERIFY(feed.addMessage(message(QStringLiteral("a"))));
        const qint64 after = QDateTime::currentMSecsSinceEpoch();
        const auto entries = take(feed);
        QVERIFY(entries[0].arrivalMsecs >= before && entries[0].arrivalMsecs <= after);
    }

    void refusesTopicsNoBrokerDelivers_data()
    {
        QTest::addColumn<QString>("topic");
        QTest::newRow("empty") << QString();
        QTest::newRow("plus") << QStringLiteral("a/+");
        QTest::newRow("hash") << QStringLiteral("a/#");
        QTest::newRow("nul") << QString(QStringLiteral("a") + QChar(0) + QStringLiteral("b"));
    }

    void refusesTopicsNoBrokerDelivers()
    {
        QFETCH(QString, topic);
        MqttMessageFeed feed;
        QSignalSpy available(&feed, &MqttMessageFeed::messagesAvailable);
        QVERIFY(!feed.addMessageAt(message(topic, "x"), T0));
        QCOMPARE(feed.pendingCount(), 0);
        QCOMPARE(feed.rejectedCount(), 1);
        QCOMPARE(feed.receivedCount(), 0);
        QCOMPARE(available.count(), 0);
    }

    void signalsOnlyWhenTheBufferStopsBeingEmpty()
    {
        MqttMessageFeed feed;
        QSignalSpy available(&feed, &MqttMessageFeed::messagesAvailable);
        for (int i = 0; i < 5; ++i)
            feed.addMessageAt(message(QStringLiteral("t")), T0);
        QCOMPARE(available.count(), 1);
        take(feed);
        feed.addMessageAt(message(QStringLiteral("t")), T0);
        feed.addMessageAt(message(QStringLiteral("u")), T0);
        QCOMPARE(available.count(), 2);
    }

    void overflowKeepsTheLatestMessagePerTopic()
    {
        MqttMessageFeed feed;
        feed.setMaxPendingMessages(4);
        const auto add = [&feed](const char *topic, const char *payload, qint64 at) {
            if (!feed.addMessageAt(message(QString::fromLatin1(topic), payload), at))
                QFAIL("message refused");
        };
        add("a", "a1", T0);
        add("b", "b1", T0 + 1);
        add("a", "a2", T0 + 2);
        add("b", "b2", T0 + 3); // full: everything so far is kept
        add("a", "a3", T0 + 4); // replaces a2
        add("c", "c1", T0 + 5); // new topic: always kept
        add("a", "a4", T0 + 6); // replaces a3
        add("c", "c2", T0 + 7); // replaces c1
        QCOMPARE(feed.pendingCount(), 5);
        QCOMPARE(feed.receivedCount(), 8);
        QCOMPARE(feed.skippedCount(), 3);

        const auto entries = take(feed);
        QStringList got;
        for (const auto &e : entries)
            got << QString::fromLatin1(e.message.payload()) + u':' + QString::number(e.skippedBefore);
        QCOMPARE(got, (QStringList{QStringLiteral("a1:0"), QStringLiteral("b1:0"), QStringLiteral("a4:2"),
                                   QStringLiteral("b2:0"), QStringLiteral("c2:1")}));
        QCOMPARE(entries[2].arrivalMsecs, T0 + 6);

        // Drained: appending again, without replacing.
        add("a", "a5", T0 + 8);
        add("a", "a6", T0 + 9);
        QCOMPARE(feed.pendingCount(), 2);
        QCOMPARE(feed.skippedCount(), 3);
    }

    void overflowByBytes()
    {
        MqttMessageFeed feed;
        feed.setMaxPendingBytes(10);
        QVERIFY(feed.addMessageAt(message(QStringLiteral("a"), "12345"), T0));
        QVERIFY(feed.addMessageAt(message(QStringLiteral("a"), "12345"), T0)); // 10 bytes: fits
        QVERIFY(feed.addMessageAt(message(QStringLiteral("a"), "X"), T0));     // 11: replaces
        QCOMPARE(feed.pendingCount(), 2);
        QCOMPARE(feed.skippedCount(), 1);
        // A message larger than the bound is kept when nothing else waits for its topic.
        QVERIFY(feed.addMessageAt(message(QStringLiteral("big"), QByteArray(100, 'x')), T0));
        QCOMPARE(feed.pendingCount(), 3);
        const auto entries = take(feed);
        QCOMPARE(entries[1].message.payload(), QByteArray("X"));
        QCOMPARE(entries[1].skippedBefore, 1u);
    }

    void clearDropsEverythingAndResetsCounters()
    {
        MqttMessageFeed feed;
        feed.setMaxPendingMessages(1);
        feed.addMessageAt(message(QStringLiteral("a")), T0);
        feed.addMessageAt(message(QStringLiteral("a")), T0);
        feed.addMessageAt(message(QString()), T0);
        feed.clear();
        QCOMPARE(feed.pendingCount(), 0);
        QCOMPARE(feed.receivedCount(), 0);
        QCOMPARE(feed.skippedCount(), 0);
        QCOMPARE(feed.rejectedCount(), 0);
        feed.addMessageAt(message(QStringLiteral("a")), T0);
        feed.addMessageAt(message(QStringLiteral("a")), T0); // not coalescing any more
        QCOMPARE(feed.skippedCount(), 1);                     // (bound 1: this one replaces)
    }

    void refusesInvalidBounds()
    {
        MqttMessageFeed feed;
        QSignalSpy changed(&feed, &MqttMessageFeed::maxPendingMessagesChanged);
        QTest::ignoreMessage(QtWarningMsg, "MqttMessageFeed::setMaxPendingMessages: 0 refused, must be at least 1");
        feed.setMaxPendingMessages(0);
        QTest::ignoreMessage(QtWarningMsg, "MqttMessageFeed::setMaxPendingBytes: -1 refused, must not be negative");
        feed.setMaxPendingBytes(-1);
        QCOMPARE(feed.maxPendingMessages(), 100000);
        QCOMPARE(feed.maxPendingBytes(), qint64(64) << 20);
        QCOMPARE(changed.count(), 0);
        feed.setMaxPendingMessages(7);
        QCOMPARE(changed.count(), 1);
        QCOMPARE(feed.maxPendingMessages(), 7);
    }

    // Four producers at once, a consumer draining meanwhile, a buffer small enough to
    // overflow: every message is either delivered or counted as skipped right before
    // the next delivered message of its topic.
    void fourProducersAndADrainingConsumerLoseNothingSilently()
    {
        constexpr int Threads = 4;
        constexpr int PerThread = 40000;
        constexpr int TopicsPerThread = 50;
        MqttMessageFeed feed;
        feed.setMaxPendingMessages(500);
        std::atomic<int> done{0};
        std::vector<std::thread> producers;
        for (int t = 0; t < Threads; ++t) {
            producers.emplace_back([&feed, &done, t] {
                for (int i = 0; i < PerThread; ++i) {
                    const int topic = i % TopicsPerThread;
                    const int seq = i / TopicsPerThread;
                    feed.addMessageAt(message(QStringLiteral("p%1/t%2").arg(t).arg(topic), QByteArray::number(seq)),
                                      T0 + i);
                }
                done.fetch_add(1);
            });
        }
        QHash<QString, int> next; // topic -> next sequence number expected
        qint64 delivered = 0;
        qint64 skipped = 0;
        bool ordered = true;
        for (;;) {
            // Drain only a full buffer while the producers run, so it does overflow.
            while (done.load() < Threads && feed.pendingCount() < 500)
                std::this_thread::yield();
            const bool finished = done.load() == Threads;
            std::vector<MqttFeedEntry> batch;
            MqttMessageFeedPrivate::get(&feed)->take(batch);
            for (const auto &e : batch) {
                const int seq = e.message.payload().toInt();
                int &expected = next[e.message.topic()];
                ordered = ordered && seq == expected + int(e.skippedBefore);
                expected = seq + 1;
                ++delivered;
                skipped += e.skippedBefore;
            }
            if (finished && batch.empty())
                break;
            std::this_thread::yield();
        }
        for (auto &p : producers)
            p.join();
        QVERIFY(ordered);
        QVERIFY(skipped > 0);
        QCOMPARE(delivered + skipped, qint64(Threads) * PerThread);
        QCOMPARE(skipped, feed.skippedCount());
        QCOMPARE(feed.receivedCount(), qint64(Threads) * PerThread);
        QCOMPARE(next.size(), Threads * TopicsPerThread);
        for (auto it = next.cbegin(); it != next.cend(); ++it)
            QCOMPARE(it.value(), PerThread / TopicsPerThread); // the last message of each topic arrived
    }
};

QTEST_GUILESS_MAIN(tst_MqttMessageFeed)
#include "tst_mqttmessagefeed.moc"
