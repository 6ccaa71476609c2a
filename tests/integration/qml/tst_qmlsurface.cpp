// Copyright (C) 2026 The MqttQt authors.
// SPDX-License-Identifier: BSD-3-Clause
//
// MqttClient as plain QML sees it, through a context property and the Mqtt namespace
// registered by hand (what an application can do before the QML module exists): enum
// values arrive as the right ints, every action is callable, returned value types are
// readable.
#include "clienttesting.h"

#include <MqttQt/MqttClient>

#include <QtQml/QQmlComponent>
#include <QtQml/QQmlContext>
#include <QtQml/QQmlEngine>
#include <QtTest/QTest>

#include <memory>

using namespace ClientTesting;

class tst_QmlSurface : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void qmlReceivesIntEnumsAndCallsActions();

private:
    MosquittoBroker m_broker;
};

void tst_QmlSurface::initTestCase()
{
    if (!MosquittoBroker::mosquittoAvailable())
        QSKIP("mosquitto, mosquitto_passwd or openssl is not installed");
    QVERIFY2(m_broker.start(), qPrintable(m_broker.errorString()));
    qmlRegisterUncreatableMetaObject(Mqtt::staticMetaObject, "MqttQtTest", 1, 0, "Mqtt",
                                     QStringLiteral("Mqtt is a namespace of enums"));
}

void tst_QmlSurface::qmlReceivesIntEnumsAndCallsActions()
{
    QQmlEngine engine;
    QList<QQmlError> warnings;
    QObject::connect(&engine, &QQmlEngine::warnings, &engine, [&](const QList<QQmlError> &w) { warnings += w; });
    MqttClient client;
    client.setProtocolVersion(Mqtt::ProtocolVersion::V5);
    engine.rootContext()->setContextProperty(QStringLiteral("mqtt"), &client);
    QQmlComponent component(&engine);
    component.setData(R"(
        import QtQml
        import MqttQtTest
        QtObject {
            property var states: []
            property var connackCodes: []
            property var publishedCodes: []
            property var payloads: []
            property var messageQos: []
            property int lastMid: 0
            property int subscribeRc: -1
            property bool sawConnectedEnum: false
            property Connections watch: Connections {
                target: mqtt
                function onStateChanged(state) {
                    states.push(state)
                    if (state === Mqtt.Connected)
                        sawConnectedEnum = true
                }
                function onConnackReceived(sessionPresent, reasonCode, properties) {
                    connackCodes.push(reasonCode)
                }
                function onPublished(mid, reasonCode, properties) { publishedCodes.push(reasonCode) }
                function onMessageReceived(message) {
                    payloads.push(message.payload.toString())
                    messageQos.push(message.qos)
                }
            }
            function start(host, port) {
                mqtt.host = host
                mqtt.port = port
                return mqtt.connectToHost()
            }
            function subscribeAndPublish(topic) {
                var r = mqtt.subscribe(topic, Mqtt.AtLeastOnce)
                subscribeRc = r.rc
                var info = mqtt.publish(topic, "from qml", 1)
                lastMid = info.mid
                return info.rc
            }
        })",
                      QUrl());
    std::unique_ptr<QObject> root(component.create());
    QVERIFY2(root, qPrintable(component.errorString()));

    QVariant rc;
    QVERIFY(QMetaObject::invokeMethod(root.get(), "start", Q_RETURN_ARG(QVariant, rc),
                                      Q_ARG(QVariant, m_broker.host()), Q_ARG(QVariant, int(m_broker.tcpPort()))));
    QCOMPARE(rc.toInt(), int(Mqtt::ErrorCode::NoError));
    QTRY_VERIFY_WITH_TIMEOUT(client.isConnected(), Timeout);
    // The values QML saw: small ints, not garbage from an 8-bit enum read as an int.
    QCOMPARE(root->property("states").toList(), (QVariantList{ int(Mqtt::ClientState::Connecting),
                                                               int(Mqtt::ClientState::Connected) }));
    QVERIFY(root->property("sawConnectedEnum").toBool());
    QCOMPARE(root->property("connackCodes").toList(), QVariantList{ 0 });

    const QString topic = uniqueTopic(QStringLiteral("qml"));
    QVERIFY(QMetaObject::invokeMethod(root.get(), "subscribeAndPublish", Q_RETURN_ARG(QVariant, rc),
                                      Q_ARG(QVariant, topic)));
    QCOMPARE(rc.toInt(), int(Mqtt::ErrorCode::NoError));
    QCOMPARE(root->property("subscribeRc").toInt(), 0);
    QVERIFY(root->property("lastMid").toInt() > 0);
    QTRY_COMPARE_WITH_TIMEOUT(root->property("payloads").toList(), QVariantList{ QStringLiteral("from qml") }, Timeout);
    QCOMPARE(root->property("messageQos").toList(), QVariantList{ 1 });
    QTRY_COMPARE_WITH_TIMEOUT(root->property("publishedCodes").toList(), QVariantList{ 0 }, Timeout);
    QVERIFY2(warnings.isEmpty(), qPrintable(warnings.isEmpty() ? QString() : warnings.first().toString()));
    client.disconnectFromHost();
    QVERIFY(client.waitForDisconnected(Timeout));
}

QTEST_MAIN(tst_QmlSurface)
#include "tst_qmlsurface.moc"
