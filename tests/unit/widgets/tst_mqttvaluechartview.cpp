// Copyright (C) 2026 The MqttQt authors.
// SPDX-License-Identifier: BSD-3-Clause
#include <MqttQt/MqttMessageHistoryModel>
#include <MqttQt/MqttValueChartView>

#include <QtGui/QStandardItemModel>
#include <QtWidgets/QComboBox>
#include <QtTest/QtTest>

// A tree model with a history model on one topic, fed by hand with explicit times.
struct Fixture
{
    MqttMessageFeed feed;
    MqttTopicTreeModel tree;
    MqttMessageHistoryModel history;
    qint64 now = 1700000000000;

    Fixture()
    {
        tree.setTickInterval(0);
        tree.setFeed(&feed);
        history.setTreeModel(&tree);
        history.setTopic(QStringLiteral("home/t"));
    }
    void add(const QByteArray &payload, const QString &topic = QStringLiteral("home/t"))
    {
        now += 1000;
        feed.addMessageAt(MqttMessage(topic, payload), now);
    }
    void tick() { tree.applyPending(now); }
};

class tst_MqttValueChartView : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void plainNumbersArePlottedLive();
    void jsonFieldIsChosenByPath();
    void messagesWithoutNumbersAreCountedNotPlotted();
    void rowsLeavingTheHistoryLeaveTheChart();
    void maxPointsKeepsTheLatest();
    void hiddenViewCatchesUpWhenShown();
    void invalidPathIsReported();
    void otherModelsWithCustomRoles();
};

void tst_MqttValueChartView::plainNumbersArePlottedLive()
{
    Fixture f;
    MqttValueChartView chart;
    chart.show();
    chart.setModel(&f.history);
    QCOMPARE(chart.pointCount(), 0);
    f.add("20.5");
    f.add("21");
    f.tick();
    QCOMPARE(chart.pointCount(), 2);
    QCOMPARE(chart.points().at(0), QPointF(double(f.now - 1000), 20.5));
    QCOMPARE(chart.points().at(1), QPointF(double(f.now), 21.0));
    QSignalSpy changed(&chart, &MqttValueChartView::pointsChanged);
    f.add("-4e1");
    f.tick();
    QCOMPARE(changed.size(), 1);
    QCOMPARE(chart.pointCount(), 3);
    QCOMPARE(chart.points().last().y(), -40.0);
    QVERIFY2(chart.statusText().contains(QStringLiteral("points: 3")), qPrintable(chart.statusText()));
}

void tst_MqttValueChartView::jsonFieldIsChosenByPath()
{
    Fixture f;
    MqttValueChartView chart;
    chart.show();
    chart.setModel(&f.history);
    f.add(R"({"sensors":{"temp":21.5,"hum":40},"data":[{"v":1}]})");
    f.add(R"({"sensors":{"temp":22.0,"hum":41},"data":[{"v":2}]})");
    f.tick();
    QCOMPARE(chart.pointCount(), 0);
    QVERIFY2(chart.statusText().contains(QStringLiteral("choose a field")), qPrintable(chart.statusText()));
    QSignalSpy pathChanged(&chart, &MqttValueChartView::valuePathChanged);
    chart.setValuePath(QStringLiteral("sensors.temp"));
    QCOMPARE(pathChanged.size(), 1);
    QCOMPARE(chart.pointCount(), 2);
    QCOMPARE(chart.points().at(1).y(), 22.0);
    chart.setValuePath(QStringLiteral("data[0].v"));
    QCOMPARE(chart.points().at(0).y(), 1.0);
    QCOMPARE(chart.points().at(1).y(), 2.0);
    // The path box offers the numeric fields of the latest payload.
    auto *box = chart.findChild<QComboBox *>(QStringLiteral("chartValuePath"));
    QVERIFY(box);
    QStringList offered;
    for (int i = 0; i < box->count(); ++i)
        offered << box->itemText(i);
    QCOMPARE(offered, (QStringList{ QStringLiteral("sensors.temp"), QStringLiteral("sensors.hum"), QStringLiteral("data[0].v") }));
}

void tst_MqttValueChartView::messagesWithoutNumbersAreCountedNotPlotted()
{
    Fixture f;
    MqttValueChartView chart;
    chart.show();
    chart.setModel(&f.history);
    f.add("1");
    f.add("offline");
    f.add("3");
    f.tick();
    QCOMPARE(chart.pointCount(), 2);
    QCOMPARE(chart.unusableCount(), 1);
    QVERIFY(chart.statusText().contains(QStringLiteral("without a number: 1")));
    f.add("error");
    f.tick();
    QCOMPARE(chart.unusableCount(), 2);
    QVERIFY2(chart.statusText().contains(QStringLiteral("latest: the payload is not a number")), qPrintable(chart.statusText()));
}

void tst_MqttValueChartView::rowsLeavingTheHistoryLeaveTheChart()
{
    Fixture f;
    f.tree.setMaxHistoryPerTopic(3);
    MqttValueChartView chart;
    chart.show();
    chart.setModel(&f.history);
    for (int i = 1; i <= 3; ++i)
        f.add(QByteArray::number(i));
    f.tick();
    QCOMPARE(chart.pointCount(), 3);
    f.add("4");
    f.add("5");
    f.tick();
    QCOMPARE(f.history.rowCount(), 3);
    QCOMPARE(chart.pointCount(), 3);
    QCOMPARE(chart.points().first().y(), 3.0);
    QCOMPARE(chart.points().last().y(), 5.0);
}

void tst_MqttValueChartView::maxPointsKeepsTheLatest()
{
    Fixture f;
    MqttValueChartView chart;
    chart.show();
    chart.setMaxPoints(5);
    chart.setModel(&f.history);
    for (int i = 1; i <= 8; ++i)
        f.add(QByteArray::number(i));
    f.tick();
    QCOMPARE(chart.pointCount(), 5);
    QCOMPARE(chart.points().first().y(), 4.0);
    f.add("9");
    f.tick();
    QCOMPARE(chart.pointCount(), 5);
    QCOMPARE(chart.points().first().y(), 5.0);
    QCOMPARE(chart.points().last().y(), 9.0);
    QVERIFY(chart.statusText().contains(QStringLiteral("latest 5 messages")));
}

void tst_MqttValueChartView::hiddenViewCatchesUpWhenShown()
{
    Fixture f;
    MqttValueChartView chart;
    chart.setModel(&f.history);
    f.add("1");
    f.add("2");
    f.tick();
    QCOMPARE(chart.pointCount(), 0); // hidden: nothing read yet
    chart.show();
    QCOMPARE(chart.pointCount(), 2);
    f.history.setTopic(QStringLiteral("other"));
    QCOMPARE(chart.pointCount(), 0);
}

void tst_MqttValueChartView::invalidPathIsReported()
{
    Fixture f;
    MqttValueChartView chart;
    chart.show();
    chart.setModel(&f.history);
    f.add(R"({"a":1})");
    f.tick();
    chart.setValuePath(QStringLiteral("a..b"));
    QCOMPARE(chart.valuePath(), QStringLiteral("a..b"));
    QCOMPARE(chart.pointCount(), 0);
    QVERIFY(chart.statusText().startsWith(QStringLiteral("Invalid value path")));
    chart.setValuePath(QStringLiteral("a"));
    QCOMPARE(chart.pointCount(), 1);
}

void tst_MqttValueChartView::otherModelsWithCustomRoles()
{
    QStandardItemModel model;
    for (int i = 0; i < 4; ++i) {
        auto *item = new QStandardItem;
        item->setData(qint64(1000 * i), Qt::UserRole + 100);
        item->setData(QByteArray(QByteArray("{\"v\":") + QByteArray::number(i * i) + "}"), Qt::UserRole + 101);
        model.appendRow(item);
    }
    MqttValueChartView chart;
    chart.show();
    chart.setTimestampRole(Qt::UserRole + 100);
    chart.setPayloadRole(Qt::UserRole + 101);
    chart.setValuePath(QStringLiteral("v"));
    chart.setModel(&model);
    QCOMPARE(chart.pointCount(), 4);
    QCOMPARE(chart.points().at(3), QPointF(3000, 9));
    model.removeRows(1, 1); // not from the top: read again
    QCOMPARE(chart.pointCount(), 3);
    QCOMPARE(chart.points().at(1), QPointF(2000, 4));
}

QTEST_MAIN(tst_MqttValueChartView)
#include "tst_mqttvaluechartview.moc"
