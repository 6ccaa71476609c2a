// Copyright (C) 2026 The MqttQt authors.
// SPDX-License-Identifier: BSD-3-Clause
//
// MqttClient under load against a real mosquitto: a flood into a slow handler must not
// starve the keepalive or grow memory with the backlog.
#include "clienttesting.h"

#include <MqttQt/MqttClient>

#include <QtCore/QElapsedTimer>
#include <QtCore/QProcess>
#include <QtCore/QTemporaryFile>
#include <QtCore/QThread>
#include <QtCore/QTimer>
#include <QtTest/QTest>

#include <malloc.h>

#include <memory>
#include <vector>

using Mqtt::ClientState;
using Mqtt::ErrorCode;
using Mqtt::QoS;
using namespace ClientTesting;

namespace {
qint64 heapInUse()
{
    const struct mallinfo2 info = mallinfo2();
    return qint64(info.uordblks);
}
} // namespace

class tst_ClientStress : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void floodIntoSlowHandlerKeepsConnectionAndBoundsMemory();
    void idleClientsFreeTheirReadBuffers();

private:
    MosquittoBroker m_broker;
};

void tst_ClientStress::initTestCase()
{
    if (!MosquittoBroker::mosquittoAvailable())
        QSKIP("mosquitto, mosquitto_passwd or openssl is not installed");
    MosquittoBroker::Options options;
    options.maxQueuedMessages = 0; // mosquitto would otherwise drop QoS 0 for a slow client
    QVERIFY2(m_broker.start(options), qPrintable(m_broker.errorString()));
}

void tst_ClientStress::floodIntoSlowHandlerKeepsConnectionAndBoundsMemory()
{
    // 100,000 QoS 0 messages arrive in about a second; the handler spends 60 us on each,
    // 6 s in all, with a 2 s keepalive (mosquitto drops a client silent for 3 s). The
    // client must keep its PINGREQs on time between delivery slices, take bytes arriving
    // as proof of life while its PINGRESP waits behind the backlog, and stop reading while
    // the backlog is large, so that TCP pushes back instead of the heap growing.
    constexpr int Messages = 100000;
    constexpr qint64 HandlerNs = 60000;
    const QString topic = uniqueTopic(QStringLiteral("flood"));

    MqttClient subscriber;
    QVERIFY(connectTo(subscriber, m_broker, 2));
    QCOMPARE(subscribeAndWait(subscriber, topic, QoS::AtMostOnce), QList<Mqtt::ReasonCode>{ Mqtt::ReasonCode::GrantedQoS0 });
    int received = 0;
    int outOfOrder = 0;
    QObject::connect(&subscriber, &MqttClient::messageReceived, &subscriber, [&](const MqttMessage &m) {
        if (m.payload().left(m.payload().indexOf(' ')).toInt() != received)
            ++outOfOrder;
        ++received;
        QElapsedTimer busy;
        busy.start();
        while (busy.nsecsElapsed() < HandlerNs) { }
    });
    QList<Mqtt::ErrorCode> disconnects;
    QObject::connect(&subscriber, &MqttClient::disconnected, &subscriber,
                     [&](Mqtt::ErrorCode e) { disconnects.append(e); });

    // The heap's high-water mark while the flood is delivered, sampled by a timer: it also
    // proves that timers run between delivery slices.
    const qint64 heapBefore = heapInUse();
    qint64 heapPeak = heapBefore;
    int samples = 0;
    QTimer sampler;
    QObject::connect(&sampler, &QTimer::timeout, &sampler, [&] {
        heapPeak = std::max(heapPeak, heapInUse());
        ++samples;
    });
    sampler.start(50);

    // The publisher is another process (mosquitto_pub, one message per line), so that the
    // heap measured here is the subscriber's alone.
    QTemporaryFile lines;
    QVERIFY(lines.open());
    const QByteArray padding(56, 'x');
    for (int i = 0; i < Messages; ++i)
        lines.write(QByteArray::number(i) + ' ' + padding + '\n');
    lines.flush();
    QProcess publisher;
    publisher.setStandardInputFile(lines.fileName());
    publisher.start(QStringLiteral("mosquitto_pub"),
                    { QStringLiteral("-h"), m_broker.host(), QStringLiteral("-p"), QString::number(m_broker.tcpPort()),
                      QStringLiteral("-t"), topic, QStringLiteral("-q"), QStringLiteral("0"), QStringLiteral("-l") });
    QVERIFY2(publisher.waitForStarted(Timeout), qPrintable(publisher.errorString()));

    QElapsedTimer elapsed;
    elapsed.start();
    QTRY_VERIFY_WITH_TIMEOUT(received == Messages || !disconnects.isEmpty(), 60000);
    const qint64 seconds = elapsed.elapsed() / 1000;
    sampler.stop();
    QVERIFY2(publisher.state() == QProcess::NotRunning || publisher.waitForFinished(Timeout),
             publisher.readAllStandardError().constData());
    QCOMPARE(publisher.exitStatus(), QProcess::NormalExit);
    QCOMPARE(publisher.exitCode(), 0);

    QVERIFY2(disconnects.isEmpty(), qPrintable(subscriber.errorString() + QStringLiteral(" after %1 messages; broker log:\n").arg(received) + m_broker.log().right(1500)));
    QCOMPARE(received, Messages);
    QCOMPARE(outOfOrder, 0);
    QCOMPARE(subscriber.state(), ClientState::Connected);
    QVERIFY2(seconds >= 5, "the handler's work cannot take less than 6 s: the test measured nothing");
    QVERIFY2(samples >= int(seconds) * 10, qPrintable(QStringLiteral("only %1 timer samples in %2 s: timers starved")
                                                           .arg(samples)
                                                           .arg(seconds)));
    // Undelivered messages are bounded (about 8,192 or 16 MiB); all 100,000 would take
    // some 20 MiB of heap.
    const qint64 growth = heapPeak - heapBefore;
    qInfo("heap growth during the flood: %.1f MiB over %lld s", double(growth) / (1 << 20), seconds);
    QVERIFY2(growth < 8 * 1024 * 1024, qPrintable(QStringLiteral("heap grew by %1 bytes").arg(growth)));
    subscriber.disconnectFromHost();
    QVERIFY(subscriber.waitForDisconnected(Timeout));
}

QTEST_MAIN(tst_ClientStress)
// A connection keeps its 64 KiB read buffer while it receives (freeing and allocating it
// every pass cost a QoS 0 subscriber 2.6 % of its time), and frees it once it has read
// nothing for a second: 1,000 idle connections must not hold 64 MiB.
void tst_ClientStress::idleClientsFreeTheirReadBuffers()
{
    constexpr int Clients = 20;
    const QString topic = uniqueTopic(QStringLiteral("idle"));
    std::vector<std::unique_ptr<MqttClient>> clients;
    int received = 0;
    for (int i = 0; i < Clients; ++i) {
        clients.push_back(std::make_unique<MqttClient>());
        MqttClient &c = *clients.back();
        QVERIFY2(connectTo(c, m_broker), qPrintable(c.errorString()));
        QCOMPARE(subscribeAndWait(c, topic, QoS::AtMostOnce), QList<Mqtt::ReasonCode>{ Mqtt::ReasonCode::Success });
        QObject::connect(&c, &MqttClient::messageReceived, &c, [&received] { ++received; });
    }
    // Let every client go idle once (their buffers freed), then measure one message.
    QTest::qWait(1300);
    const qint64 idle = heapInUse();
    QCOMPARE(clients.front()->publish(topic, QByteArray(32, 'i')).rc(), ErrorCode::NoError);
    QTRY_COMPARE_WITH_TIMEOUT(received, Clients, Timeout);
    const qint64 busy = heapInUse();
    QTest::qWait(1300);
    const qint64 idleAgain = heapInUse();
    qInfo("heap: idle %lld, after one message each %+lld, idle again %+lld bytes", idle, busy - idle, idleAgain - idle);
    // Each client held a read buffer of 64 KiB after the message, and none a second later.
    QVERIFY2(busy - idle >= Clients * 60 * 1024, qPrintable(QStringLiteral("%1 bytes").arg(busy - idle)));
    QVERIFY2(idleAgain - idle < Clients * 4 * 1024, qPrintable(QStringLiteral("%1 bytes").arg(idleAgain - idle)));
}

#include "tst_clientstress.moc"
