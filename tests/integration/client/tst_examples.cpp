// Copyright (C) 2026 The MqttQt authors.
// SPDX-License-Identifier: BSD-3-Clause
//
// Runs the examples against a real mosquitto broker and checks what they print.
#include "mosquittobroker.h"

#include <QtCore/QFileInfo>
#include <QtCore/QProcess>
#include <QtTest/QTest>

namespace {
constexpr int Timeout = 20000;
}

class tst_Examples : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void gettingStartedPrintsSysMessages();
    void gettingStartedRefusesBadArguments_data();
    void gettingStartedRefusesBadArguments();
};

void tst_Examples::gettingStartedPrintsSysMessages()
{
    if (!MosquittoBroker::mosquittoAvailable())
        QSKIP("mosquitto, mosquitto_passwd or openssl is not installed");
    const QString program = QString::fromUtf8(MQTTQT_GETTING_STARTED_EXECUTABLE);
    QVERIFY2(QFileInfo(program).isExecutable(), qPrintable(program));

    MosquittoBroker broker;
    MosquittoBroker::Options options;
    options.extraConfig = QStringLiteral("sys_interval 1\n");
    QVERIFY2(broker.start(options), qPrintable(broker.errorString()));

    QProcess process;
    process.start(program, { broker.host(), QString::number(broker.tcpPort()), QStringLiteral("--count"),
                             QStringLiteral("3") });
    QVERIFY2(process.waitForStarted(Timeout), qPrintable(process.errorString()));
    const bool finished = process.waitForFinished(Timeout);
    const QString output = QString::fromUtf8(process.readAllStandardOutput());
    const QString errors = QString::fromUtf8(process.readAllStandardError());
    if (!finished)
        process.kill();
    QVERIFY2(finished, qPrintable(QStringLiteral("still running; output so far:\n") + output + errors));
    QCOMPARE(process.exitStatus(), QProcess::NormalExit);
    QVERIFY2(process.exitCode() == 0, qPrintable(output + errors));

    const QStringList lines = output.split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    QVERIFY2(lines.size() == 4, qPrintable(output));
    QCOMPARE(lines.first(), QStringLiteral("Connected with result code 0"));
    for (qsizetype i = 1; i < lines.size(); ++i) {
        QVERIFY2(lines.at(i).startsWith(QStringLiteral("$SYS/")), qPrintable(lines.at(i)));
        QVERIFY2(lines.at(i).contains(QLatin1Char(' ')), qPrintable(lines.at(i))); // "topic payload"
    }
    // The example subscribed and said goodbye properly.
    QTRY_VERIFY2_WITH_TIMEOUT(broker.log().contains(QStringLiteral("$SYS/#")), qPrintable(broker.log()), Timeout);
    QTRY_VERIFY2_WITH_TIMEOUT(broker.log().contains(QStringLiteral(" disconnected.")), qPrintable(broker.log()), Timeout);
}

void tst_Examples::gettingStartedRefusesBadArguments_data()
{
    QTest::addColumn<QStringList>("arguments");
    QTest::newRow("port not a number") << QStringList{ QStringLiteral("127.0.0.1"), QStringLiteral("mqtt") };
    QTest::newRow("port out of range") << QStringList{ QStringLiteral("127.0.0.1"), QStringLiteral("70000") };
    QTest::newRow("count zero") << QStringList{ QStringLiteral("--count"), QStringLiteral("0") };
}

void tst_Examples::gettingStartedRefusesBadArguments()
{
    QFETCH(QStringList, arguments);
    QProcess process;
    process.start(QString::fromUtf8(MQTTQT_GETTING_STARTED_EXECUTABLE), arguments);
    QVERIFY2(process.waitForStarted(Timeout), qPrintable(process.errorString()));
    QVERIFY(process.waitForFinished(Timeout));
    QCOMPARE(process.exitStatus(), QProcess::NormalExit);
    QCOMPARE(process.exitCode(), 2);
    QVERIFY(!process.readAllStandardError().isEmpty());
}

QTEST_GUILESS_MAIN(tst_Examples)
#include "tst_examples.moc"
