// Copyright (C) 2026 The MqttQt authors.
// SPDX-License-Identifier: BSD-3-Clause
//
// The qml-dashboard example (examples/qml-dashboard) against a real broker: it loads
// without a single warning, shows what is published, publishes its retained command when
// its switch is clicked, and shows a lost connection.
#include "clienttesting.h"

#include <MqttQt/MqttClient>

#include <QtCore/QRegularExpression>
#include <QtQml/QQmlApplicationEngine>
#include <QtQml/QQmlEngine>
#include <QtQuick/QQuickItem>
#include <QtQuick/QQuickWindow>
#include <QtTest/QSignalSpy>
#include <QtTest/QTest>

#include <memory>

using namespace ClientTesting;

class tst_QmlDashboard : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void dashboardShowsLiveValuesAndPublishesCommands();

private:
    QString text(const char *objectName) const;
    QQuickWindow *m_window = nullptr;
    MosquittoBroker m_broker;
};

void tst_QmlDashboard::initTestCase()
{
    if (!MosquittoBroker::mosquittoAvailable())
        QSKIP("mosquitto, mosquitto_passwd or openssl is not installed");
    QVERIFY2(m_broker.start(), qPrintable(m_broker.errorString()));
}

void tst_QmlDashboard::init()
{
    // Any warning, from QML or from Qt, fails the test.
    QTest::failOnWarning(QRegularExpression(QStringLiteral(".*")));
}

QString tst_QmlDashboard::text(const char *objectName) const
{
    auto *item = m_window->findChild<QObject *>(QLatin1String(objectName));
    return item ? item->property("text").toString() : QStringLiteral("<no %1>").arg(QLatin1String(objectName));
}

void tst_QmlDashboard::dashboardShowsLiveValuesAndPublishesCommands()
{
    QQmlApplicationEngine engine;
    QList<QQmlError> warnings;
    connect(&engine, &QQmlEngine::warnings, this, [&](const QList<QQmlError> &w) { warnings += w; });
    engine.addImportPath(QStringLiteral(MQTTQT_QML_IMPORT_DIR));
    engine.setInitialProperties({ { QStringLiteral("brokerHost"), m_broker.host() },
                                  { QStringLiteral("brokerPort"), int(m_broker.tcpPort()) } });
    engine.load(QUrl::fromLocalFile(QStringLiteral(MQTTQT_DASHBOARD_DIR "/Main.qml")));
    QCOMPARE(engine.rootObjects().size(), 1);
    m_window = qobject_cast<QQuickWindow *>(engine.rootObjects().constFirst());
    QVERIFY(m_window);
    QVERIFY(QTest::qWaitForWindowExposed(m_window));
    QTRY_COMPARE_WITH_TIMEOUT(text("connectionState"),
                              QStringLiteral("Connected · %1:%2").arg(m_broker.host()).arg(m_broker.tcpPort()), Timeout);
    QCOMPARE(text("line1TempValue"), QStringLiteral("--"));
    QCOMPARE(text("line1StateLabel"), QStringLiteral("--"));

    // Values published by someone else appear in the gauges and labels. The dashboard
    // subscribes on connecting: wait until the broker has all its subscriptions.
    QTRY_VERIFY_WITH_TIMEOUT(text("errorText").contains(QLatin1String("7 subscriptions")), Timeout);
    MqttClient plc;
    plc.setProtocolVersion(Mqtt::ProtocolVersion::V5);
    QVERIFY(connectTo(plc, m_broker));
    MqttProperties unit;
    unit.addUserProperty(QStringLiteral("unit"), QStringLiteral("°C"));
    plc.publish(QStringLiteral("plant/line1/temp"), QByteArrayLiteral("72.25"), Mqtt::QoS::AtLeastOnce, false, unit);
    plc.publish(QStringLiteral("plant/line2/pressure"), QByteArrayLiteral("5.5"), Mqtt::QoS::AtLeastOnce);
    plc.publish(QStringLiteral("plant/line1/status"), QByteArrayLiteral(R"({"state": "stopped", "speed": 0})"),
                Mqtt::QoS::AtLeastOnce);
    QTRY_COMPARE_WITH_TIMEOUT(text("line1TempValue"), QStringLiteral("72.3"), Timeout);
    QTRY_COMPARE_WITH_TIMEOUT(text("line2PressureValue"), QStringLiteral("5.50"), Timeout);
    QTRY_COMPARE_WITH_TIMEOUT(text("line1StateLabel"), QStringLiteral("stopped"), Timeout);
    QCOMPARE(text("line1SpeedLabel"), QStringLiteral("0 parts/h"));
    plc.publish(QStringLiteral("plant/line1/temp"), QByteArrayLiteral("80"), Mqtt::QoS::AtLeastOnce);
    QTRY_COMPARE_WITH_TIMEOUT(text("line1TempValue"), QStringLiteral("80.0"), Timeout);
    auto *log = m_window->findChild<QObject *>(QStringLiteral("messageLog"));
    QVERIFY(log);
    QTRY_VERIFY_WITH_TIMEOUT(log->property("count").toInt() >= 5, Timeout); // hmi status, 3 values, status, 80

    // Clicking the switch publishes the retained command "ON".
    auto *pump = m_window->findChild<QQuickItem *>(QStringLiteral("pumpSwitch"));
    QVERIFY(pump);
    QVERIFY(pump->isEnabled());
    QVERIFY(!pump->property("checked").toBool());
    QTest::mouseClick(m_window, Qt::LeftButton, {}, pump->mapToScene(QPointF(12, pump->height() / 2)).toPoint());
    MqttClient observer;
    QVERIFY(connectTo(observer, m_broker));
    QSignalSpy commands(&observer, &MqttClient::messageReceived);
    QCOMPARE(subscribeAndWait(observer, QStringLiteral("plant/line1/pump/set")), QList{ Mqtt::ReasonCode::GrantedQoS1 });
    QTRY_COMPARE_WITH_TIMEOUT(commands.size(), 1, Timeout);
    const auto command = commands.at(0).at(0).value<MqttMessage>();
    QCOMPARE(command.payload(), QByteArrayLiteral("ON"));
    QVERIFY(command.retain());
    // The switch follows the retained command, whoever sends it.
    plc.publish(QStringLiteral("plant/line1/pump/set"), QByteArrayLiteral("OFF"), Mqtt::QoS::AtLeastOnce, true);
    QTRY_VERIFY_WITH_TIMEOUT(!pump->property("checked").toBool(), Timeout);

    // A lost connection shows in the header and the footer.
    m_broker.kill();
    QTRY_VERIFY_WITH_TIMEOUT(text("errorText").startsWith(QLatin1String("Error: ")), Timeout);
    QVERIFY(!text("connectionState").startsWith(QLatin1String("Connected")));
    QVERIFY2(m_broker.restart(), qPrintable(m_broker.errorString()));
    QTRY_VERIFY_WITH_TIMEOUT(text("connectionState").startsWith(QLatin1String("Connected")), 3 * Timeout);
    QTRY_VERIFY_WITH_TIMEOUT(text("errorText").startsWith(QLatin1String("No errors")), Timeout);

    QVERIFY2(warnings.isEmpty(), qPrintable(warnings.isEmpty() ? QString() : warnings.first().toString()));
    plc.publish(QStringLiteral("plant/line1/pump/set"), QByteArray(), Mqtt::QoS::AtLeastOnce, true);
    m_window = nullptr;
}

QTEST_MAIN(tst_QmlDashboard)
#include "tst_qmldashboard.moc"
