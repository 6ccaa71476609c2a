// Copyright (C) 2026 The MqttQt authors.
// SPDX-License-Identifier: BSD-3-Clause
#include "modeltesthelpers.h"
#include <MqttQt/mqtttopicfilterproxymodel.h>

#include <QtCore/QIdentityProxyModel>
#include <QtTest/QAbstractItemModelTester>
#include <QtTest/QSignalSpy>
#include <QtTest/QTest>

#include <functional>

using namespace ModelTest;
using Syntax = MqttTopicFilterProxyModel::FilterSyntax;

namespace {

// Counts the filter's questions.
class CountingProxy : public MqttTopicFilterProxyModel
{
public:
    mutable qint64 calls = 0;

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const override
    {
        ++calls;
        return MqttTopicFilterProxyModel::filterAcceptsRow(sourceRow, sourceParent);
    }
};

struct ProxyFixture : Fixture
{
    QIdentityProxyModel identity;
    MqttTopicFilterProxyModel proxy;
    QAbstractItemModelTester tester{&proxy, QAbstractItemModelTester::FailureReportingMode::QtTest};

    // Through an identity proxy the source is no tree model: Qt's recursive filtering.
    explicit ProxyFixture(bool throughIdentity = false)
    {
        identity.setSourceModel(&model);
        proxy.setSourceModel(throughIdentity ? static_cast<QAbstractItemModel *>(&identity) : &model);
    }

    QStringList visible() const
    {
        QStringList topics = allTopics(proxy);
        topics.sort();
        return topics;
    }
};

const char *const Topics[][2] = {
    {"home/kitchen/temp", "21.5"},
    {"home/kitchen/humidity", "40"},
    {"home/hall/Temp", "19.0"},
    {"home/hall", "lights on"},
    {"garden/temp", "12.25"},
    {"garden/pump/state", "off"},
    {"$SYS/broker/uptime", "123 seconds"},
    {"a//b", "empty level"},
};

} // namespace

class tst_MqttTopicFilterProxyModel : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void keepsMatchesAndTheirAncestors_data()
    {
        QTest::addColumn<QString>("filter");
        QTest::addColumn<int>("syntax");
        QTest::addColumn<bool>("payloads");
        QTest::addColumn<bool>("caseSensitive");
        QTest::addColumn<QStringList>("expected");
        QTest::addColumn<bool>("throughIdentity");

        const QStringList all{u"$SYS"_s, u"$SYS/broker"_s, u"$SYS/broker/uptime"_s, u"a"_s, u"a/"_s, u"a//b"_s,
                              u"garden"_s, u"garden/pump"_s, u"garden/pump/state"_s, u"garden/temp"_s, u"home"_s,
                              u"home/hall"_s, u"home/hall/Temp"_s, u"home/kitchen"_s, u"home/kitchen/humidity"_s,
                              u"home/kitchen/temp"_s};
        // Each row twice: over the tree, and over an identity proxy on it (Qt's
        // recursive filtering).
        for (const bool identity : {false, true}) {
            const char *suffix = identity ? " (identity proxy)" : "";
            QTest::addRow("%s%s", "empty filter shows all", suffix)
                    << QString() << int(Syntax::PlainText) << false << false << all << identity;
            QTest::addRow("%s%s", "substring, case-insensitive", suffix)
                    << u"temp"_s << int(Syntax::PlainText) << false << false
                    << QStringList{u"garden"_s, u"garden/temp"_s, u"home"_s, u"home/hall"_s, u"home/hall/Temp"_s,
                                   u"home/kitchen"_s, u"home/kitchen/temp"_s} << identity;
            QTest::addRow("%s%s", "substring, case-sensitive", suffix)
                    << u"Temp"_s << int(Syntax::PlainText) << false << true
                    << QStringList{u"home"_s, u"home/hall"_s, u"home/hall/Temp"_s} << identity;
            QTest::addRow("%s%s", "substring across levels", suffix)
                    << u"kitchen/t"_s << int(Syntax::PlainText) << false << false
                    << QStringList{u"home"_s, u"home/kitchen"_s, u"home/kitchen/temp"_s} << identity;
            QTest::addRow("%s%s", "an ancestor matching shows its matching descendants", suffix)
                    << u"garden"_s << int(Syntax::PlainText) << false << false
                    << QStringList{u"garden"_s, u"garden/pump"_s, u"garden/pump/state"_s, u"garden/temp"_s} << identity;
            QTest::addRow("%s%s", "empty level", suffix) << u"a//"_s << int(Syntax::PlainText) << false << false
                                         << QStringList{u"a"_s, u"a/"_s, u"a//b"_s} << identity;
            QTest::addRow("%s%s", "payload not searched by default", suffix)
                    << u"lights"_s << int(Syntax::PlainText) << false << false << QStringList() << identity;
            QTest::addRow("%s%s", "payload searched", suffix)
                    << u"LIGHTS"_s << int(Syntax::PlainText) << true << false << QStringList{u"home"_s, u"home/hall"_s} << identity;
            QTest::addRow("%s%s", "payload digits", suffix) << u"21.5"_s << int(Syntax::PlainText) << true << false
                                            << QStringList{u"home"_s, u"home/kitchen"_s, u"home/kitchen/temp"_s} << identity;
            QTest::addRow("%s%s", "single-level wildcard", suffix)
                    << u"home/+/temp"_s << int(Syntax::TopicFilter) << false << false
                    << QStringList{u"home"_s, u"home/hall"_s, u"home/hall/Temp"_s, u"home/kitchen"_s,
                                   u"home/kitchen/temp"_s} << identity;
            QTest::addRow("%s%s", "single-level wildcard, case-sensitive", suffix)
                    << u"home/+/temp"_s << int(Syntax::TopicFilter) << false << true
                    << QStringList{u"home"_s, u"home/kitchen"_s, u"home/kitchen/temp"_s} << identity;
            QTest::addRow("%s%s", "multi-level wildcard includes the parent", suffix)
                    << u"home/hall/#"_s << int(Syntax::TopicFilter) << false << false
                    << QStringList{u"home"_s, u"home/hall"_s, u"home/hall/Temp"_s} << identity;
            QTest::addRow("%s%s", "# does not match $SYS", suffix)
                    << u"#"_s << int(Syntax::TopicFilter) << false << false
                    << QStringList(all.mid(3)) << identity;
            QTest::addRow("%s%s", "$SYS/#", suffix) << u"$SYS/#"_s << int(Syntax::TopicFilter) << false << false << all.mid(0, 3) << identity;
            QTest::addRow("%s%s", "exact topic as filter", suffix) << u"garden/temp"_s << int(Syntax::TopicFilter) << false << false
                                                   << QStringList{u"garden"_s, u"garden/temp"_s} << identity;
            QTest::addRow("%s%s", "wildcard on an empty level", suffix) << u"a/+/b"_s << int(Syntax::TopicFilter) << false << false
                                                        << QStringList{u"a"_s, u"a/"_s, u"a//b"_s} << identity;
            QTest::addRow("%s%s", "payloads ignored with topic filters", suffix)
                    << u"off"_s << int(Syntax::TopicFilter) << true << false << QStringList() << identity;
        }
    }

    void keepsMatchesAndTheirAncestors()
    {
        QFETCH(QString, filter);
        QFETCH(int, syntax);
        QFETCH(bool, payloads);
        QFETCH(bool, caseSensitive);
        QFETCH(QStringList, expected);
        QFETCH(bool, throughIdentity);
        ProxyFixture f(throughIdentity);
        for (const auto &t : Topics)
            f.add(QString::fromUtf8(t[0]), t[1]);
        f.tick();
        f.proxy.setFilterSyntax(Syntax(syntax));
        f.proxy.setSearchPayloads(payloads);
        f.proxy.setFilterCaseSensitivity(caseSensitive ? Qt::CaseSensitive : Qt::CaseInsensitive);
        f.proxy.setFilterText(filter);
        QCOMPARE(f.visible(), expected);
        QVERIFY(f.proxy.filterError().isEmpty());
    }

    void caseInsensitiveByDefaultAndRecursingItselfOverATree()
    {
        MqttTopicFilterProxyModel proxy;
        QCOMPARE(proxy.filterCaseSensitivity(), Qt::CaseInsensitive);
        QCOMPARE(proxy.filterSyntax(), Syntax::PlainText);
        QVERIFY(!proxy.searchPayloads());
        MqttTopicTreeModel tree;
        proxy.setSourceModel(&tree);
        QVERIFY(!proxy.isRecursiveFilteringEnabled());
        QIdentityProxyModel other;
        proxy.setSourceModel(&other);
        QVERIFY(proxy.isRecursiveFilteringEnabled());
    }

    // Qt's recursive filtering would ask about every hidden subtree again on each tick;
    // over the tree, the questions stay proportional to the rows the tick changed.
    void filterCostDoesNotGrowWithHiddenSubtrees()
    {
        Fixture f;
        CountingProxy proxy;
        proxy.setSourceModel(&f.model);
        proxy.setFilterText(u"needle"_s);
        for (int i = 0; i < 20000; ++i)
            f.add(u"site"_s + QString::number(i % 20) + u"/dev"_s + QString::number(i / 20 % 100) + u"/s"_s
                  + QString::number(i / 2000));
        f.tick();
        QCOMPARE(proxy.rowCount(), 0);
        QRandomGenerator rng(5);
        proxy.calls = 0;
        qint64 now = T0;
        for (int tick = 0; tick < 20; ++tick) {
            for (int i = 0; i < 500; ++i)
                f.add(u"site"_s + QString::number(rng.bounded(20)) + u"/dev"_s + QString::number(rng.bounded(100))
                      + u"/s"_s + QString::number(rng.bounded(12))); // s10, s11: new topics
            f.tick(now += 100);
        }
        // 20 ticks of 500 messages: the top-level rows change each tick (20 per tick).
        qInfo("filterAcceptsRow() asked %lld times in 20 ticks", proxy.calls);
        QVERIFY2(proxy.calls <= 20 * 20 * 2, qPrintable(QString::number(proxy.calls)));
        f.add(u"site3/dev7/needle"_s);
        f.tick(now += 100);
        QCOMPARE(allTopics(proxy), (QStringList{u"site3"_s, u"site3/dev7"_s, u"site3/dev7/needle"_s}));
    }

    void invalidTopicFilterMatchesNothingAndSaysWhy()
    {
        ProxyFixture f;
        for (const auto &t : Topics)
            f.add(QString::fromUtf8(t[0]), t[1]);
        f.tick();
        QSignalSpy error(&f.proxy, &MqttTopicFilterProxyModel::filterErrorChanged);
        f.proxy.setFilterSyntax(Syntax::TopicFilter);
        f.proxy.setFilterText(u"home/#/temp"_s);
        QCOMPARE(f.visible(), QStringList());
        QVERIFY(f.proxy.filterError().contains(u"Not a valid MQTT topic filter"_s));
        QCOMPARE(error.count(), 1);
        f.proxy.setFilterText(u"home/#"_s);
        QVERIFY(f.proxy.filterError().isEmpty());
        QCOMPARE(error.count(), 2);
        QCOMPARE(f.visible().size(), 6);
        // The same text is a fine substring search.
        f.proxy.setFilterText(u"home/#/temp"_s);
        f.proxy.setFilterSyntax(Syntax::PlainText);
        QVERIFY(f.proxy.filterError().isEmpty());
        QCOMPARE(f.visible(), QStringList());
    }

    void followsTheTreeLive_data()
    {
        QTest::addColumn<bool>("throughIdentity");
        QTest::newRow("tree") << false;
        QTest::newRow("identity proxy") << true;
    }

    void followsTheTreeLive()
    {
        QFETCH(bool, throughIdentity);
        ProxyFixture f(throughIdentity);
        f.proxy.setFilterText(u"alarm"_s);
        f.proxy.setSearchPayloads(true);
        f.add(u"site/door"_s, "closed");
        f.add(u"site/window"_s, "closed");
        f.tick(T0);
        QCOMPARE(f.visible(), QStringList());
        f.add(u"site/x/alarm"_s, "1");
        f.tick(T0 + 100);
        QCOMPARE(f.visible(), (QStringList{u"site"_s, u"site/x"_s, u"site/x/alarm"_s}));
        f.add(u"site/door"_s, "ALARM: forced");
        f.tick(T0 + 200);
        QCOMPARE(f.visible(), (QStringList{u"site"_s, u"site/door"_s, u"site/x"_s, u"site/x/alarm"_s}));
        f.add(u"site/door"_s, "closed");
        f.tick(T0 + 300);
        QCOMPARE(f.visible(), (QStringList{u"site"_s, u"site/x"_s, u"site/x/alarm"_s}));
        QVERIFY(f.model.removeTopic(u"site/x/alarm"_s));
        QCOMPARE(f.visible(), QStringList());
    }

    void randomStreamUnderTheTester()
    {
        QRandomGenerator rng(31337);
        ProxyFixture f;
        f.proxy.setFilterText(u"e"_s);
        f.proxy.setSearchPayloads(true);
        f.proxy.sort(0);
        const QStringList topics = randomTopics(rng, 150);
        QSet<QString> seen;
        qint64 now = T0;
        // The tester walks the whole model after every row insertion: few, large ticks.
        for (int tick = 0; tick < 16; ++tick) {
            const int burst = 100 + int(rng.bounded(300));
            for (int i = 0; i < burst; ++i) {
                const QString &topic = topics[int(rng.bounded(quint32(topics.size())))];
                f.add(topic, rng.bounded(4) == 0 ? QByteArray("payload e") : QByteArray("xyz"), now);
                seen.insert(topic);
            }
            now += 100;
            f.tick(now);
            if (tick == 6)
                f.proxy.setFilterText(u"sensor"_s);
            else if (tick == 11)
                f.proxy.setFilterText(u"e"_s);
        }
        // Shown: every node whose topic or latest payload matches, and its ancestors.
        QSet<QString> expected;
        const std::function<bool(const QModelIndex &)> walk = [&](const QModelIndex &parent) {
            bool any = false;
            for (int r = 0; r < f.model.rowCount(parent); ++r) {
                const QModelIndex i = f.model.index(r, 0, parent);
                const QString topic = i.data(MqttTopicTreeModel::TopicRole).toString();
                const bool below = walk(i);
                if (below || topic.contains(u"e"_s, Qt::CaseInsensitive)
                    || i.data(MqttTopicTreeModel::PayloadRole).toByteArray().contains('e')) {
                    expected.insert(topic);
                    any = true;
                }
            }
            return any;
        };
        walk(QModelIndex());
        QStringList sortedExpected(expected.cbegin(), expected.cend());
        sortedExpected.sort();
        QCOMPARE(f.visible(), sortedExpected);
        QVERIFY(expected.size() < allTopics(f.model).size()); // the filter did hide something
    }
};

QTEST_GUILESS_MAIN(tst_MqttTopicFilterProxyModel)
#include "tst_mqtttopicfilterproxymodel.moc"
