// Copyright (C) 2026 The MqttQt authors.
// SPDX-License-Identifier: BSD-3-Clause
#include <MqttQt/MqttPayloadDiffView>
#include <MqttQt/MqttPropertiesView>
#include <MqttQt/MqttTopicFilterProxyModel>
#include <MqttQt/MqttTopicTreeView>
#include <MqttQt/MqttTopicTreeModel>

#include <QtTest/QtTest>
#include <QtWidgets/QPlainTextEdit>
#include <QtWidgets/QTreeWidget>

class tst_MqttWidgetViews : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void diffViewChoosesJsonOrLines_data();
    void diffViewChoosesJsonOrLines();
    void diffViewFoldsUnchangedLines();
    void diffViewSaysWhatItCompared();
    void propertiesViewShowsEveryProperty();
    void propertiesViewEmpty();
    void topicTreeViewFollowsTheCurrentTopic();
};

void tst_MqttWidgetViews::diffViewChoosesJsonOrLines_data()
{
    QTest::addColumn<QByteArray>("oldPayload");
    QTest::addColumn<QByteArray>("newPayload");
    QTest::addColumn<MqttPayloadDiffView::DiffMode>("mode");
    QTest::addColumn<MqttPayloadDiffView::DiffMode>("shown");
    QTest::addColumn<int>("changes");
    QTest::addColumn<QString>("summary");
    using V = MqttPayloadDiffView;
    QTest::newRow("json auto") << QByteArray(R"({"a":1,"b":2})") << QByteArray(R"({"a":2,"c":3})") << V::AutomaticDiff
                               << V::JsonDiff << 3 << QStringLiteral("Keys added: 1, removed: 1, changed: 1.");
    QTest::newRow("json equal") << QByteArray(R"({"a":1})") << QByteArray(R"({ "a" : 1 })") << V::AutomaticDiff
                                << V::JsonDiff << 0 << QStringLiteral("The JSON documents are equal.");
    QTest::newRow("text auto") << QByteArray("a\nb") << QByteArray("a\nc") << V::AutomaticDiff << V::LineDiff << 2
                               << QStringLiteral("Lines added: 1, removed: 1.");
    QTest::newRow("json as lines") << QByteArray(R"({"a":1,"b":2})") << QByteArray(R"({"a":1,"b":3})") << V::LineDiff
                                   << V::LineDiff << 2 << QStringLiteral("Lines added: 1, removed: 1.");
    QTest::newRow("json forced on text") << QByteArray("x") << QByteArray("y") << V::JsonDiff << V::LineDiff << 2
                                         << QStringLiteral("Showing a line diff.");
    QTest::newRow("binary as hex lines") << QByteArray("\x00\x01", 2) << QByteArray("\x00\x02", 2) << V::AutomaticDiff
                                         << V::LineDiff << 2 << QStringLiteral("Lines added: 1, removed: 1.");
}

void tst_MqttWidgetViews::diffViewChoosesJsonOrLines()
{
    QFETCH(QByteArray, oldPayload);
    QFETCH(QByteArray, newPayload);
    QFETCH(MqttPayloadDiffView::DiffMode, mode);
    QFETCH(MqttPayloadDiffView::DiffMode, shown);
    QFETCH(int, changes);
    QFETCH(QString, summary);
    MqttPayloadDiffView view;
    view.setDiffMode(mode);
    view.setPayloads(oldPayload, newPayload);
    QCOMPARE(view.shownMode(), shown);
    QCOMPARE(view.changeCount(), changes);
    QVERIFY2(view.summaryText().contains(summary), qPrintable(view.summaryText()));
    if (shown == MqttPayloadDiffView::JsonDiff) {
        QCOMPARE(view.jsonChanges().size(), changes);
        auto *table = view.findChild<QTreeWidget *>(QStringLiteral("diffTable"));
        QCOMPARE(table->topLevelItemCount(), changes);
    } else {
        QVERIFY(view.jsonChanges().isEmpty());
    }
}

void tst_MqttWidgetViews::diffViewFoldsUnchangedLines()
{
    QStringList a;
    for (int i = 0; i < 30; ++i)
        a << QStringLiteral("line %1").arg(i);
    QStringList b = a;
    b[15] = QStringLiteral("changed");
    MqttPayloadDiffView view;
    view.setContextLines(2);
    view.setPayloads(a.join(u'\n').toUtf8(), b.join(u'\n').toUtf8(), QStringLiteral("12:00:00"), QStringLiteral("12:00:01"));
    const QString shown = view.findChild<QPlainTextEdit *>(QStringLiteral("diffLines"))->toPlainText();
    const QStringList lines = shown.split(u'\n');
    // 13 folded, 2 context, removed, added, 2 context, 12 folded.
    QCOMPARE(lines.size(), 8);
    QCOMPARE(lines.first(), QStringLiteral("⋯ unchanged lines: 13 ⋯"));
    QVERIFY(lines.at(3).contains(QStringLiteral("- line 15")));
    QVERIFY(lines.at(4).contains(QStringLiteral("+ changed")));
    QCOMPARE(lines.last(), QStringLiteral("⋯ unchanged lines: 12 ⋯"));
    QVERIFY(view.summaryText().startsWith(QStringLiteral("12:00:00 → 12:00:01: ")));
}

void tst_MqttWidgetViews::diffViewSaysWhatItCompared()
{
    MqttPayloadDiffView view;
    view.setMaxInputBytes(1024);
    view.setPayloads(QByteArray(3000, 'a'), QByteArray(3000, 'b'));
    QVERIFY2(view.summaryText().contains(QStringLiteral("Only the first 1.00 KiB")), qPrintable(view.summaryText()));
    view.clear(QStringLiteral("No earlier message to compare with."));
    QCOMPARE(view.summaryText(), QStringLiteral("No earlier message to compare with."));
    QCOMPARE(view.changeCount(), 0);
}

void tst_MqttWidgetViews::propertiesViewShowsEveryProperty()
{
    MqttProperties p;
    QVERIFY(p.setString(Mqtt::PropertyId::ContentType, QStringLiteral("application/json")));
    QVERIFY(p.setString(Mqtt::PropertyId::ResponseTopic, QStringLiteral("reply/here")));
    QVERIFY(p.setBinary(Mqtt::PropertyId::CorrelationData, QByteArray("\x01\x02", 2)));
    QVERIFY(p.setInteger(Mqtt::PropertyId::MessageExpiryInterval, 60));
    QVERIFY(p.setInteger(Mqtt::PropertyId::PayloadFormatIndicator, 1));
    QVERIFY(p.addUserProperty(QStringLiteral("unit"), QStringLiteral("C")));
    QVERIFY(p.addUserProperty(QStringLiteral("unit"), QStringLiteral("F")));
    MqttPropertiesView view;
    view.setProperties(p);
    QCOMPARE(view.topLevelItemCount(), 6);
    QMap<QString, QString> shown;
    for (int i = 0; i < view.topLevelItemCount(); ++i)
        shown.insert(view.topLevelItem(i)->text(0), view.topLevelItem(i)->text(1));
    QCOMPARE(shown.value(QStringLiteral("Content type")), QStringLiteral("application/json"));
    QCOMPARE(shown.value(QStringLiteral("Response topic")), QStringLiteral("reply/here"));
    QCOMPARE(shown.value(QStringLiteral("Correlation data")), QStringLiteral("hex: 01 02"));
    QCOMPARE(shown.value(QStringLiteral("Message expiry interval")), QStringLiteral("60 s"));
    QCOMPARE(shown.value(QStringLiteral("Payload format indicator")), QStringLiteral("1 (UTF-8 text)"));
    QTreeWidgetItem *users = view.findItems(QStringLiteral("User properties"), Qt::MatchExactly).value(0);
    QVERIFY(users);
    QCOMPARE(users->childCount(), 2);
    QCOMPARE(users->child(1)->text(1), QStringLiteral("F"));
    QCOMPARE(MqttPropertiesView::displayValue(p, Mqtt::PropertyId::ContentType), QStringLiteral("application/json"));
}

void tst_MqttWidgetViews::propertiesViewEmpty()
{
    MqttPropertiesView view;
    QCOMPARE(view.topLevelItemCount(), 1);
    QCOMPARE(view.topLevelItem(0)->text(0), QStringLiteral("No MQTT 5 properties"));
}

void tst_MqttWidgetViews::topicTreeViewFollowsTheCurrentTopic()
{
    MqttMessageFeed feed;
    MqttTopicTreeModel tree;
    tree.setTickInterval(0);
    tree.setFeed(&feed);
    MqttTopicFilterProxyModel proxy;
    proxy.setSourceModel(&tree);
    MqttTopicTreeView view;
    view.setModel(&proxy);
    view.resize(600, 300);
    view.show();
    feed.addMessage(MqttMessage(QStringLiteral("a/b"), QByteArray("1")));
    tree.applyPending();
    QSignalSpy current(&view, &MqttTopicTreeView::currentTopicChanged);
    const QModelIndex a = proxy.index(0, 0);
    view.setCurrentIndex(proxy.index(0, 0, a));
    QCOMPARE(current.size(), 1);
    QCOMPARE(current.at(0).at(0).toString(), QStringLiteral("a/b"));
    QCOMPARE(view.currentTopic(), QStringLiteral("a/b"));
    QTest::ignoreMessage(QtWarningMsg, "MqttTopicTreeView::setHighlightDuration: 5 is outside 100..60000");
    view.setHighlightDuration(5);
    QCOMPARE(view.highlightDuration(), 1500);
    // Painting recently changed rows works (the tint path) and the grab is not empty.
    QVERIFY(!view.grab().isNull());
}

QTEST_MAIN(tst_MqttWidgetViews)
#include "tst_mqttwidgetviews.moc"
