// Copyright (C) 2026 The MqttQt authors.
// SPDX-License-Identifier: BSD-3-Clause
#include "appearance.h"
#include "clientcontroller.h"
#include "clienttesting.h"
#include "mainwindow.h"
#include "mosquittobroker.h"
#include "publishpanel.h"
#include "subscriptionspanel.h"
#include "topicdetails.h"

#include <MqttQt/MqttClient>
#include <MqttQt/MqttMessageHistoryModel>
#include <MqttQt/MqttPayloadDiffView>
#include <MqttQt/MqttPayloadView>
#include <MqttQt/MqttPropertiesView>
#include <MqttQt/MqttTopicTreeModel>
#include <MqttQt/MqttTopicTreeView>
#include <MqttQt/MqttValueChartView>

#include <QtCore/QSettings>
#include <QtCore/QTemporaryDir>
#include <QtTest/QtTest>

using namespace ClientTesting;
#include <QtWidgets/QCheckBox>
#include <QtWidgets/QComboBox>
#include <QtWidgets/QLabel>
#include <QtWidgets/QTableWidget>
#include <QtWidgets/QLineEdit>
#include <QtWidgets/QPlainTextEdit>
#include <QtWidgets/QPushButton>
#include <QtWidgets/QTreeWidget>

#include <memory>

// The inspector end to end, in its real window, against a real mosquitto: it connects,
// the tree and the history fill from the broker, the details show what arrived, the
// publish panel and the subscriptions act on the broker, pause freezes only the view, a
// lost broker shows the reconnection, retained messages are cleared, and the window
// speaks Chinese when asked.
class tst_Inspector : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void cleanup();
    void windowConnectsAndFillsTheTree();
    void detailsShowPayloadHistoryDiffChartAndProperties();
    void publishPanelPublishesWithProperties();
    void subscriptionsChangeWhileConnected();
    void pauseFreezesTheViewNotTheConnection();
    void keyboardShortcutsWork();
    void lostBrokerShowsWaitingToReconnect();
    void refusedConnectionIsExplained();
    void anotherBrokerStartsAnEmptyTree();
    void detailsRateFallsWhenMessagesStop();
    void retainedMessagesAreClearedFromTheWindow();
    void switchesToChinese();
    void windowLooksRight();

private:
    std::unique_ptr<MainWindow> openWindow(quint16 port = 0);
    MqttClient *publisher();

    QTemporaryDir m_settings;
    MosquittoBroker m_broker;
    std::unique_ptr<MqttClient> m_publisher;
};

void tst_Inspector::initTestCase()
{
    if (!MosquittoBroker::mosquittoAvailable())
        QSKIP("mosquitto is not installed");
    QVERIFY(m_settings.isValid());
    QCoreApplication::setOrganizationName(QStringLiteral("MqttQtTests"));
    QCoreApplication::setApplicationName(QStringLiteral("tst_inspector"));
    QSettings::setPath(QSettings::NativeFormat, QSettings::UserScope, m_settings.path());
    QSettings::setPath(QSettings::IniFormat, QSettings::UserScope, m_settings.path());
    qputenv("MQTT_INSPECTOR_NO_KEYCHAIN", "1");
    Appearance::installTranslations(QStringLiteral("en"));
    Appearance::applyTheme(Appearance::Theme::Light);
    QVERIFY2(m_broker.start(), qPrintable(m_broker.errorString()));
}

void tst_Inspector::cleanup()
{
    m_publisher.reset();
    Appearance::installTranslations(QStringLiteral("en"));
    if (!m_broker.isRunning())
        QVERIFY(m_broker.restart());
}

std::unique_ptr<MainWindow> tst_Inspector::openWindow(quint16 port)
{
    InspectorOptions options;
    options.connectUrl = QStringLiteral("mqtt://127.0.0.1:%1").arg(port ? port : m_broker.tcpPort());
    options.profileName = QStringLiteral("Test broker");
    auto window = std::make_unique<MainWindow>(options);
    window->treeModel()->setTickInterval(20);
    window->resize(1300, 850);
    window->show();
    if (!QTest::qWaitForWindowExposed(window.get()))
        qWarning("the window was not exposed");
    return window;
}

MqttClient *tst_Inspector::publisher()
{
    if (!m_publisher) {
        m_publisher = std::make_unique<MqttClient>(uniqueClientId(QStringLiteral("publisher")));
        m_publisher->setProtocolVersion(Mqtt::ProtocolVersion::V5);
        if (!connectTo(*m_publisher, m_broker))
            qWarning("publisher could not connect");
    }
    return m_publisher.get();
}

void tst_Inspector::windowConnectsAndFillsTheTree()
{
    auto window = openWindow();
    QTRY_COMPARE_WITH_TIMEOUT(window->controller()->state(), Mqtt::ClientState::Connected, 10000);
    QTRY_VERIFY(window->connectionStateText().startsWith(QStringLiteral("Connected to mqtt://127.0.0.1:")));
    // The subscription to # is granted before messages are expected.
    auto *list = window->subscriptionsPanel()->findChild<QTreeWidget *>(QStringLiteral("subscriptionList"));
    QTRY_COMPARE_WITH_TIMEOUT(list->topLevelItem(0)->text(2), QStringLiteral("granted QoS 0"), 10000);
    const QString root = uniqueTopic(QStringLiteral("e2e"));
    for (int i = 0; i < 5; ++i)
        publisher()->publish(root + QStringLiteral("/line1/temperature"), QByteArray::number(20 + i), Mqtt::QoS::AtLeastOnce);
    publisher()->publish(root + QStringLiteral("/line1/status"), QByteArray(R"({"state":"running"})"), Mqtt::QoS::AtLeastOnce, true);
    publisher()->publish(root + QStringLiteral("/line2/pressure"), QByteArray("4.2"), Mqtt::QoS::AtLeastOnce);
    MqttTopicTreeModel *tree = window->treeModel();
    QTRY_COMPARE_WITH_TIMEOUT(tree->indexForTopic(root + QStringLiteral("/line1/temperature"))
                                      .data(MqttTopicTreeModel::MessageCountRole).toLongLong(),
                              qint64(5), 10000);
    QTRY_VERIFY(tree->indexForTopic(root + QStringLiteral("/line2/pressure")).isValid());
    const QModelIndex line1 = tree->indexForTopic(root + QStringLiteral("/line1"));
    QCOMPARE(line1.data(MqttTopicTreeModel::SubtreeTopicCountRole).toInt(), 2);
    QCOMPARE(line1.data(MqttTopicTreeModel::SubtreeMessageCountRole).toLongLong(), qint64(6));
    QCOMPARE(tree->indexForTopic(root + QStringLiteral("/line1/temperature"), MqttTopicTreeModel::ValueColumn)
                     .data().toString(),
             QStringLiteral("24"));
    // The view shows the tree (not the placeholder) and the status bar counts.
    QVERIFY(window->treeView()->isVisible());
    QTRY_VERIFY2(window->statisticsText().contains(QStringLiteral("Topics: ")), qPrintable(window->statisticsText()));
    QTRY_VERIFY(window->controller()->messageCount() >= 7);
    // The history of a topic, through the window's history model.
    QVERIFY(window->selectTopic(root + QStringLiteral("/line1/temperature")));
    QCOMPARE(window->historyModel()->topic(), root + QStringLiteral("/line1/temperature"));
    QTRY_COMPARE(window->historyModel()->count(), 5);
    for (int i = 0; i < 5; ++i)
        QCOMPARE(window->historyModel()->index(i, 0).data(MqttMessageHistoryModel::PayloadRole).toByteArray(),
                 QByteArray::number(20 + i));
}

void tst_Inspector::detailsShowPayloadHistoryDiffChartAndProperties()
{
    auto window = openWindow();
    QTRY_COMPARE_WITH_TIMEOUT(window->controller()->state(), Mqtt::ClientState::Connected, 10000);
    auto *list = window->subscriptionsPanel()->findChild<QTreeWidget *>(QStringLiteral("subscriptionList"));
    QTRY_COMPARE_WITH_TIMEOUT(list->topLevelItem(0)->text(2), QStringLiteral("granted QoS 0"), 10000);
    const QString topic = uniqueTopic(QStringLiteral("details")) + QStringLiteral("/climate");
    MqttProperties properties;
    properties.setString(Mqtt::PropertyId::ContentType, QStringLiteral("application/json"));
    properties.setString(Mqtt::PropertyId::ResponseTopic, QStringLiteral("reply/to"));
    properties.setBinary(Mqtt::PropertyId::CorrelationData, QByteArray("corr-42"));
    properties.setInteger(Mqtt::PropertyId::MessageExpiryInterval, 600);
    properties.addUserProperty(QStringLiteral("unit"), QStringLiteral("C"));
    publisher()->publish(topic, QByteArray(R"({"temp":21.5,"id":18446744073709551615})"), Mqtt::QoS::AtLeastOnce, false, properties);
    publisher()->publish(topic, QByteArray(R"({"temp":22.25,"id":18446744073709551615,"hum":40})"), Mqtt::QoS::AtLeastOnce,
                         false, properties);
    QTRY_VERIFY_WITH_TIMEOUT(window->selectTopic(topic), 10000);
    TopicDetails *details = window->details();
    QTRY_COMPARE(window->historyModel()->count(), 2);
    details->showTab(TopicDetails::ValueTab);
    details->refreshNow();
    QCOMPARE(details->payloadView()->shownKind(), MqttPayloadFormat::Json);
    QVERIFY(details->payloadView()->displayedText().contains(QStringLiteral("18446744073709551615")));
    QVERIFY(details->payloadView()->displayedText().contains(QStringLiteral("\"hum\": 40")));

    details->showTab(TopicDetails::DiffTab);
    details->refreshNow();
    MqttPayloadDiffView *diff = details->diffView();
    QCOMPARE(diff->shownMode(), MqttPayloadDiffView::JsonDiff);
    QCOMPARE(diff->changeCount(), 2);
    QVERIFY(diff->jsonChanges().contains(MqttJsonChange{ MqttJsonChange::Changed, QStringLiteral("temp"),
                                                         QStringLiteral("21.5"), QStringLiteral("22.25") }));

    details->showTab(TopicDetails::ChartTab);
    MqttValueChartView *chart = details->chartView();
    QTRY_COMPARE(chart->pointCount(), 2);
    QCOMPARE(chart->valuePath(), QStringLiteral("temp"));
    QCOMPARE(chart->points().last().y(), 22.25);

    details->showTab(TopicDetails::PropertiesTab);
    details->refreshNow();
    MqttPropertiesView *view = details->propertiesView();
    QStringList names;
    for (int i = 0; i < view->topLevelItemCount(); ++i)
        names << view->topLevelItem(i)->text(0) + QLatin1Char('=') + view->topLevelItem(i)->text(1);
    QVERIFY2(names.contains(QStringLiteral("Content type=application/json")), qPrintable(names.join(u',')));
    QVERIFY(names.contains(QStringLiteral("Response topic=reply/to")));
    QVERIFY(names.contains(QStringLiteral("Correlation data=corr-42")));
    QVERIFY(names.contains(QStringLiteral("Message expiry interval=600 s")));
    QVERIFY(names.contains(QStringLiteral("User properties=1")));

    // Choosing the older message in the history shows it, and the diff has no predecessor.
    details->selectHistoryRow(0);
    details->showTab(TopicDetails::ValueTab);
    details->refreshNow();
    QVERIFY(!details->payloadView()->displayedText().contains(QStringLiteral("hum")));
    details->showTab(TopicDetails::DiffTab);
    details->refreshNow();
    QVERIFY(diff->summaryText().contains(QStringLiteral("No earlier message")));
}

void tst_Inspector::publishPanelPublishesWithProperties()
{
    auto window = openWindow();
    QTRY_COMPARE_WITH_TIMEOUT(window->controller()->state(), Mqtt::ClientState::Connected, 10000);
    auto *list = window->subscriptionsPanel()->findChild<QTreeWidget *>(QStringLiteral("subscriptionList"));
    QTRY_COMPARE_WITH_TIMEOUT(list->topLevelItem(0)->text(2), QStringLiteral("granted QoS 0"), 10000);
    PublishPanel *panel = window->publishPanel();
    const QString topic = uniqueTopic(QStringLiteral("published"));
    panel->setTopic(topic);
    panel->setPayloadText(QStringLiteral("{\"big\": 18446744073709551615}"), PayloadFormat::Json);
    panel->setQos(1);
    panel->findChild<QCheckBox *>(QStringLiteral("publishProperties"))->setChecked(true);
    auto *users = panel->findChild<QTableWidget *>(QStringLiteral("publishUserProperties"));
    users->insertRow(0);
    users->setItem(0, 0, new QTableWidgetItem(QStringLiteral("from")));
    users->setItem(0, 1, new QTableWidgetItem(QStringLiteral("panel")));
    QVERIFY(panel->publish() > 0);
    QTRY_VERIFY_WITH_TIMEOUT(window->treeModel()->indexForTopic(topic).isValid(), 10000);
    const QModelIndex node = window->treeModel()->indexForTopic(topic);
    QCOMPARE(node.data(MqttTopicTreeModel::PayloadRole).toByteArray(), QByteArray("{\"big\": 18446744073709551615}"));
    const MqttProperties received = node.data(MqttTopicTreeModel::PropertiesRole).value<MqttProperties>();
    QCOMPARE(received.userProperties().value(0), qMakePair(QStringLiteral("from"), QStringLiteral("panel")));
    QTRY_COMPARE(panel->history().last().result, QStringLiteral("acknowledged"));
    // Invalid input is refused with the reason, nothing is sent.
    panel->setPayloadText(QStringLiteral("{not json"), PayloadFormat::Json);
    QCOMPARE(panel->publish(), 0);
    QVERIFY2(panel->statusText().contains(QStringLiteral("Not valid JSON")), qPrintable(panel->statusText()));
    panel->setTopic(QStringLiteral("bad/#"));
    QCOMPARE(panel->publish(), 0);
    QVERIFY(panel->statusText().contains(QStringLiteral("not a valid topic name")));
}

void tst_Inspector::subscriptionsChangeWhileConnected()
{
    auto window = openWindow();
    QTRY_COMPARE_WITH_TIMEOUT(window->controller()->state(), Mqtt::ClientState::Connected, 10000);
    SubscriptionsPanel *panel = window->subscriptionsPanel();
    const QString root = uniqueTopic(QStringLiteral("subs"));
    QVERIFY(panel->removeSubscription(QStringLiteral("#")));
    QVERIFY(panel->addSubscription(root + QStringLiteral("/wanted/#"), Mqtt::QoS::AtLeastOnce));
    QVERIFY(!panel->addSubscription(QStringLiteral("a/#/b"), Mqtt::QoS::AtMostOnce));
    auto *list = panel->findChild<QTreeWidget *>(QStringLiteral("subscriptionList"));
    QCOMPARE(list->topLevelItemCount(), 1);
    QTRY_COMPARE_WITH_TIMEOUT(list->topLevelItem(0)->text(2), QStringLiteral("granted QoS 1"), 10000);
    publisher()->publish(root + QStringLiteral("/other"), QByteArray("x"), Mqtt::QoS::AtLeastOnce);
    publisher()->publish(root + QStringLiteral("/wanted/a"), QByteArray("y"), Mqtt::QoS::AtLeastOnce);
    QTRY_VERIFY_WITH_TIMEOUT(window->treeModel()->indexForTopic(root + QStringLiteral("/wanted/a")).isValid(), 10000);
    // Messages are delivered in order: "other" was published first and never came.
    QVERIFY(!window->treeModel()->indexForTopic(root + QStringLiteral("/other")).isValid());
    QCOMPARE(window->treeModel()->indexForTopic(root + QStringLiteral("/wanted/a")).data(MqttTopicTreeModel::QosRole).toInt(), 1);
}

void tst_Inspector::pauseFreezesTheViewNotTheConnection()
{
    auto window = openWindow();
    QTRY_COMPARE_WITH_TIMEOUT(window->controller()->state(), Mqtt::ClientState::Connected, 10000);
    auto *list = window->subscriptionsPanel()->findChild<QTreeWidget *>(QStringLiteral("subscriptionList"));
    QTRY_COMPARE_WITH_TIMEOUT(list->topLevelItem(0)->text(2), QStringLiteral("granted QoS 0"), 10000);
    QAction *pause = window->findChild<QAction *>(QStringLiteral("pause"));
    QVERIFY(pause);
    pause->trigger();
    QVERIFY(window->treeModel()->isPaused());
    const QString topic = uniqueTopic(QStringLiteral("paused"));
    const qint64 before = window->controller()->messageCount();
    for (int i = 0; i < 10; ++i)
        publisher()->publish(topic, QByteArray::number(i), Mqtt::QoS::AtLeastOnce);
    // The connection keeps receiving; the view waits.
    QTRY_VERIFY_WITH_TIMEOUT(window->controller()->messageCount() >= before + 10, 10000);
    QTRY_VERIFY(window->treeModel()->pendingCount() >= 10);
    QVERIFY(!window->treeModel()->indexForTopic(topic).isValid());
    QTRY_VERIFY2(window->statisticsText().contains(QStringLiteral("PAUSED (")), qPrintable(window->statisticsText()));
    pause->trigger();
    QTRY_COMPARE(window->treeModel()->indexForTopic(topic).data(MqttTopicTreeModel::MessageCountRole).toLongLong(), qint64(10));
}

void tst_Inspector::keyboardShortcutsWork()
{
    auto window = openWindow();
    QTRY_COMPARE_WITH_TIMEOUT(window->controller()->state(), Mqtt::ClientState::Connected, 10000);
    // Qt ignores a shortcut that two actions share ("Ambiguous shortcut overload"): every
    // action's keys are its own.
    QHash<QKeySequence, QString> owners;
    for (QAction *action : window->findChildren<QAction *>()) {
        for (const QKeySequence &keys : action->shortcuts()) {
            QVERIFY2(!owners.contains(keys), qPrintable(QStringLiteral("%1 is both %2 and %3")
                                                                 .arg(keys.toString(), owners.value(keys), action->objectName())));
            owners.insert(keys, action->objectName());
        }
    }
    QVERIFY2(owners.size() >= 12, qPrintable(QString::number(owners.size())));

    // Real key presses on the window, as a user types them.
    window->activateWindow();
    QVERIFY(QTest::qWaitForWindowActive(window.get()));
    auto *tree = window->findChild<QWidget *>(QStringLiteral("topicTree"));
    QVERIFY(tree);
    tree->setFocus();
    QTest::keyClick(window.get(), Qt::Key_P, Qt::ControlModifier); // pause
    QTRY_VERIFY(window->treeModel()->isPaused());
    QTest::keyClick(window.get(), Qt::Key_P, Qt::ControlModifier); // resume
    QTRY_VERIFY(!window->treeModel()->isPaused());

    auto *search = window->findChild<QLineEdit *>(QStringLiteral("searchField"));
    QVERIFY(search);
    QTest::keyClick(window.get(), Qt::Key_F, Qt::ControlModifier); // search
    QTRY_VERIFY(search->hasFocus());

    const QString topic = uniqueTopic(QStringLiteral("shortcut"));
    publisher()->publish(topic, QByteArray("1"), Mqtt::QoS::AtLeastOnce);
    QTRY_VERIFY_WITH_TIMEOUT(window->treeModel()->indexForTopic(topic).isValid(), 10000);
    tree->setFocus();
    QTest::keyClick(window.get(), Qt::Key_L, Qt::ControlModifier); // clear the tree
    QTRY_VERIFY(!window->treeModel()->indexForTopic(topic).isValid());

    QTest::keyClick(window.get(), Qt::Key_F5, Qt::ShiftModifier); // disconnect
    QTRY_COMPARE_WITH_TIMEOUT(window->controller()->state(), Mqtt::ClientState::Disconnected, 10000);
    QTest::keyClick(window.get(), Qt::Key_F5); // connect again
    QTRY_COMPARE_WITH_TIMEOUT(window->controller()->state(), Mqtt::ClientState::Connected, 10000);
}

void tst_Inspector::lostBrokerShowsWaitingToReconnect()
{
    auto window = openWindow();
    QTRY_COMPARE_WITH_TIMEOUT(window->controller()->state(), Mqtt::ClientState::Connected, 10000);
    m_broker.kill();
    QTRY_COMPARE_WITH_TIMEOUT(window->controller()->state(), Mqtt::ClientState::WaitingToReconnect, 10000);
    QTRY_VERIFY2(window->connectionStateText().contains(QStringLiteral("Waiting to reconnect")),
                 qPrintable(window->connectionStateText()));
    QVERIFY(window->connectionStateText().contains(QStringLiteral("attempt")));
    QVERIFY(window->controller()->nextReconnect().isValid());
    QVERIFY(m_broker.restart());
    QTRY_COMPARE_WITH_TIMEOUT(window->controller()->state(), Mqtt::ClientState::Connected, 20000);
    QTRY_VERIFY(window->connectionStateText().startsWith(QStringLiteral("Connected")));
    // Subscriptions are made again on the new connection.
    auto *list = window->subscriptionsPanel()->findChild<QTreeWidget *>(QStringLiteral("subscriptionList"));
    QTRY_COMPARE_WITH_TIMEOUT(list->topLevelItem(0)->text(2), QStringLiteral("granted QoS 0"), 10000);
    const QString topic = uniqueTopic(QStringLiteral("after-reconnect"));
    publisher()->publish(topic, QByteArray("back"), Mqtt::QoS::AtLeastOnce);
    QTRY_VERIFY_WITH_TIMEOUT(window->treeModel()->indexForTopic(topic).isValid(), 10000);
}

void tst_Inspector::refusedConnectionIsExplained()
{
    auto window = openWindow(unusedLoopbackPort());
    QTRY_VERIFY_WITH_TIMEOUT(window->controller()->state() == Mqtt::ClientState::WaitingToReconnect, 10000);
    auto *banner = window->findChild<QLabel *>(QStringLiteral("errorText"));
    QTRY_VERIFY(banner->isVisible());
    QVERIFY2(banner->text().contains(QStringLiteral("refused"), Qt::CaseInsensitive), qPrintable(banner->text()));
    const QString url = window->controller()->profile().displayUrl();
    QCOMPARE(banner->text().count(url), 1); // the broker named once, not twice
    QTRY_VERIFY2(window->connectionStateText().contains(QStringLiteral("Waiting to reconnect")),
                 qPrintable(window->connectionStateText()));
    // A profile the client refuses (its CA file is missing) stops the attempts with the
    // old settings, and says why in words a user knows, not the API's.
    ConnectionProfile tls;
    tls.name = QStringLiteral("Missing CA");
    tls.port = unusedLoopbackPort();
    tls.transport = ConnectionProfile::TransportKind::Tls;
    tls.caFile = QStringLiteral("/nonexistent/ca.pem");
    window->addProfile(tls, true);
    window->connectProfile(tls.name);
    QTRY_COMPARE(window->controller()->state(), Mqtt::ClientState::Disconnected);
    QTRY_VERIFY2(banner->text().startsWith(QStringLiteral("TLS settings: ")), qPrintable(banner->text()));
    QVERIFY2(banner->text().contains(QStringLiteral("/nonexistent/ca.pem")), qPrintable(banner->text()));
    QTest::qWait(1200); // no attempt with the old settings follows
    QCOMPARE(window->controller()->state(), Mqtt::ClientState::Disconnected);
    QVERIFY2(banner->text().startsWith(QStringLiteral("TLS settings: ")), qPrintable(banner->text()));
    window->disconnectFromBroker();
    QTRY_COMPARE(window->controller()->state(), Mqtt::ClientState::Disconnected);
    // Nothing is queued while disconnected, whatever the QoS: the next connection may be
    // to another broker (a reviewer's QoS 1 retained message, published offline, reached
    // the next profile's broker and stayed retained there).
    PublishPanel *panel = window->publishPanel();
    panel->setTopic(uniqueTopic(QStringLiteral("offline")));
    panel->setPayloadText(QStringLiteral("meant for another broker"), PayloadFormat::Text);
    auto *qos = panel->findChild<QComboBox *>(QStringLiteral("publishQos"));
    QVERIFY(qos);
    qos->setCurrentIndex(1);
    QCOMPARE(panel->publish(), 0);
    QVERIFY2(panel->statusText().contains(QStringLiteral("not currently connected")), qPrintable(panel->statusText()));
    QVERIFY(panel->history().last().failed);
    QCOMPARE(window->controller()->client()->publish(QStringLiteral("x"), "y", Mqtt::QoS::AtMostOnce).rc(),
             Mqtt::ErrorCode::NoConnection); // the client itself queues nothing at QoS 0 either
}

// A profile for another broker: the last broker's topics do not mix into its tree (a
// reviewer saw both brokers' topics and counts merged). The same broker keeps its tree.
void tst_Inspector::anotherBrokerStartsAnEmptyTree()
{
    auto window = openWindow();
    QTRY_COMPARE_WITH_TIMEOUT(window->controller()->state(), Mqtt::ClientState::Connected, 10000);
    auto *list = window->subscriptionsPanel()->findChild<QTreeWidget *>(QStringLiteral("subscriptionList"));
    QTRY_COMPARE_WITH_TIMEOUT(list->topLevelItem(0)->text(2), QStringLiteral("granted QoS 0"), 10000);
    const QString topic = uniqueTopic(QStringLiteral("first-broker"));
    publisher()->publish(topic, QByteArray("a"), Mqtt::QoS::AtLeastOnce);
    QTRY_VERIFY_WITH_TIMEOUT(window->treeModel()->indexForTopic(topic).isValid(), 10000);

    ConnectionProfile same;
    same.name = QStringLiteral("Same broker");
    same.port = m_broker.tcpPort();
    window->addProfile(same, true);
    window->connectProfile(same.name);
    QVERIFY(window->treeModel()->indexForTopic(topic).isValid());

    ConnectionProfile other;
    other.name = QStringLiteral("Other broker");
    other.port = unusedLoopbackPort();
    window->addProfile(other, true);
    window->connectProfile(other.name);
    QTRY_VERIFY_WITH_TIMEOUT(!window->treeModel()->indexForTopic(topic).isValid(), 10000);
    window->disconnectFromBroker();
}

// The header's rate used to stay at a flood's figure (19.5/s) long after it: it was
// refreshed only by new messages.
void tst_Inspector::detailsRateFallsWhenMessagesStop()
{
    auto window = openWindow();
    QTRY_COMPARE_WITH_TIMEOUT(window->controller()->state(), Mqtt::ClientState::Connected, 10000);
    auto *list = window->subscriptionsPanel()->findChild<QTreeWidget *>(QStringLiteral("subscriptionList"));
    QTRY_COMPARE_WITH_TIMEOUT(list->topLevelItem(0)->text(2), QStringLiteral("granted QoS 0"), 10000);
    window->treeModel()->setRateWindow(3000);
    const QString topic = uniqueTopic(QStringLiteral("rate"));
    for (int i = 0; i < 5; ++i)
        publisher()->publish(topic, QByteArray::number(i), Mqtt::QoS::AtLeastOnce);
    QTRY_VERIFY_WITH_TIMEOUT(window->treeModel()->indexForTopic(topic).isValid(), 10000);
    QVERIFY(window->selectTopic(topic));
    auto *meta = window->details()->findChild<QLabel *>(QStringLiteral("detailsMeta"));
    QVERIFY(meta);
    QTRY_VERIFY_WITH_TIMEOUT(meta->text().contains(QStringLiteral("5 messages")), 10000);
    QVERIFY2(!meta->text().contains(QStringLiteral(" 0.0/s")), qPrintable(meta->text()));
    QTRY_VERIFY2_WITH_TIMEOUT(meta->text().contains(QStringLiteral(" 0.0/s")), qPrintable(meta->text()), 10000);
}

void tst_Inspector::retainedMessagesAreClearedFromTheWindow()
{
    auto window = openWindow();
    QTRY_COMPARE_WITH_TIMEOUT(window->controller()->state(), Mqtt::ClientState::Connected, 10000);
    auto *list = window->subscriptionsPanel()->findChild<QTreeWidget *>(QStringLiteral("subscriptionList"));
    QTRY_COMPARE_WITH_TIMEOUT(list->topLevelItem(0)->text(2), QStringLiteral("granted QoS 0"), 10000);
    const QString root = uniqueTopic(QStringLiteral("retained"));
    const QStringList topics = { root + QStringLiteral("/a"), root + QStringLiteral("/b/c"), root + QStringLiteral("/d") };
    for (const QString &t : topics)
        publisher()->publish(t, QByteArray("kept"), Mqtt::QoS::AtLeastOnce, true);
    QTRY_VERIFY_WITH_TIMEOUT(window->treeModel()->indexForTopic(topics.last()).isValid(), 10000);
    QStringList asked;
    window->confirmClear = [&](const QString &, const QStringList &found) {
        asked = found;
        return true;
    };
    QSignalSpy finished(window.get(), &MainWindow::retainedClearFinished);
    window->clearRetained(root);
    QVERIFY(finished.wait(30000));
    QCOMPARE(QSet<QString>(asked.begin(), asked.end()), QSet<QString>(topics.begin(), topics.end()));
    QCOMPARE(finished.at(0).at(0).toInt(), 3);
    QCOMPARE(finished.at(0).at(3).toInt(), 0);
    // A fresh subscriber gets no retained message under the root any more.
    MqttClient check;
    QVERIFY(connectTo(check, m_broker));
    int retained = 0;
    connect(&check, &MqttClient::messageArrived, this, [&](const MqttMessage &m) { retained += m.retain(); });
    subscribeAndWait(check, root + QStringLiteral("/#"), Mqtt::QoS::AtLeastOnce);
    const QString marker = root + QStringLiteral("/marker");
    bool markerSeen = false;
    connect(&check, &MqttClient::messageArrived, this, [&](const MqttMessage &m) { markerSeen |= m.topic() == marker; });
    check.publish(marker, QByteArray("m"), Mqtt::QoS::AtLeastOnce);
    QTRY_VERIFY(markerSeen);
    QCOMPARE(retained, 0);
    // Saying no deletes nothing.
    publisher()->publish(topics.first(), QByteArray("again"), Mqtt::QoS::AtLeastOnce, true);
    window->confirmClear = [](const QString &, const QStringList &) { return false; };
    window->clearRetained(root);
    QVERIFY(finished.wait(30000));
    QCOMPARE(finished.at(1).at(0).toInt(), 0);
    QVERIFY(finished.at(1).at(2).toBool());
}

void tst_Inspector::switchesToChinese()
{
    auto window = openWindow();
    QAction *connectAction = window->findChild<QAction *>(QStringLiteral("connect"));
    QCOMPARE(connectAction->text(), QStringLiteral("&Connect"));
    QCOMPARE(Appearance::installTranslations(QStringLiteral("zh_CN")), QStringLiteral("zh_CN"));
    QTRY_COMPARE(connectAction->text(), QStringLiteral("连接(&C)"));
    QCOMPARE(window->findChild<QAction *>(QStringLiteral("pause"))->text(), QStringLiteral("暂停(&P)"));
    QCOMPARE(window->treeModel()->headerData(MqttTopicTreeModel::TopicColumn, Qt::Horizontal).toString(),
             QStringLiteral("主题"));
    QCOMPARE(window->details()->payloadView()->findChild<QComboBox *>(QStringLiteral("payloadViewMode"))->itemText(1),
             QStringLiteral("文本"));
    QTRY_VERIFY2(window->statisticsText().contains(QStringLiteral("主题数：")), qPrintable(window->statisticsText()));
    QCOMPARE(Appearance::installTranslations(QStringLiteral("en")), QStringLiteral("en"));
    QTRY_COMPARE(connectAction->text(), QStringLiteral("&Connect"));
}

void tst_Inspector::windowLooksRight()
{
    // A picture of the live window, dark theme included, for a person to look at
    // (saved next to the test binary); the test checks it is a real, non-blank picture.
    auto window = openWindow();
    QTRY_COMPARE_WITH_TIMEOUT(window->controller()->state(), Mqtt::ClientState::Connected, 10000);
    const QString topic = uniqueTopic(QStringLiteral("look")) + QStringLiteral("/json");
    publisher()->publish(topic, QByteArray(R"({"a":1,"b":[true,null]})"), Mqtt::QoS::AtLeastOnce);
    QTRY_VERIFY_WITH_TIMEOUT(window->selectTopic(topic), 10000);
    for (const auto theme : { Appearance::Theme::Light, Appearance::Theme::Dark }) {
        Appearance::applyTheme(theme);
        QApplication::processEvents();
        const QImage image = window->grab().toImage();
        QVERIFY(image.width() >= 1000 && image.height() >= 700);
        QSet<QRgb> colours;
        for (int y = 0; y < image.height(); y += 7)
            for (int x = 0; x < image.width(); x += 7)
                colours.insert(image.pixel(x, y));
        QVERIFY2(colours.size() > 20, qPrintable(QString::number(colours.size())));
        image.save(QCoreApplication::applicationDirPath()
                   + (theme == Appearance::Theme::Dark ? QStringLiteral("/tst_inspector-dark.png")
                                                       : QStringLiteral("/tst_inspector-light.png")));
    }
    Appearance::applyTheme(Appearance::Theme::Light);
}

QTEST_MAIN(tst_Inspector)
#include "tst_inspector.moc"
