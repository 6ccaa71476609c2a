// Copyright (C) 2026 The MqttQt authors.
// SPDX-License-Identifier: BSD-3-Clause
//
// examples/widgets_client, run as a user would (offscreen), against a real broker: its own
// buttons connect, subscribe and publish, and the message shows in its list.
#include "clienttesting.h"

#include <QtCore/QFileInfo>
#include <QtCore/QProcess>
#include <QtTest/QTest>

using namespace ClientTesting;

class tst_WidgetsExample : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void buttonsConnectSubscribeAndPublish();
};

void tst_WidgetsExample::buttonsConnectSubscribeAndPublish()
{
    if (!MosquittoBroker::mosquittoAvailable())
        QSKIP("mosquitto, mosquitto_passwd or openssl is not installed");
    const QString program = QString::fromUtf8(MQTTQT_WIDGETS_CLIENT_EXECUTABLE);
    QVERIFY2(QFileInfo(program).isExecutable(), qPrintable(program));
    MosquittoBroker broker;
    QVERIFY2(broker.start(), qPrintable(broker.errorString()));
    QProcess process;
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("QT_QPA_PLATFORM"), QStringLiteral("offscreen"));
    process.setProcessEnvironment(env);
    process.start(program, { QStringLiteral("--host"), broker.host(), QStringLiteral("--port"),
                             QString::number(broker.tcpPort()), QStringLiteral("--smoke") });
    QVERIFY2(process.waitForStarted(Timeout), qPrintable(process.errorString()));
    const bool finished = process.waitForFinished(3 * Timeout);
    const QString output = QString::fromUtf8(process.readAllStandardOutput() + process.readAllStandardError());
    if (!finished)
        process.kill();
    QVERIFY2(finished && process.exitCode() == 0, qPrintable(output));
    QVERIFY2(output.contains(QStringLiteral("mqttqt/example/hello  [QoS 1]  Hello from Qt Widgets")), qPrintable(output));
}

QTEST_GUILESS_MAIN(tst_WidgetsExample)
#include "tst_widgetsexample.moc"
