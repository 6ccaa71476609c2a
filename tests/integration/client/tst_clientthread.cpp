// Copyright (C) 2026 The MqttQt authors.
// SPDX-License-Identifier: BSD-3-Clause
//
// MqttClientThread (Paho's loop_start/loop_stop) against a real mosquitto: the client runs
// in its worker thread, publish/subscribe/unsubscribe work from any thread, signals reach
// receivers in their own threads, stop() is clean and gives the client back.
#include "clienttesting.h"

#include <MqttQt/MqttClientThread>
#include <MqttQt/MqttConnectOptions>

#include <QtCore/QElapsedTimer>
#include <QtCore/QPointer>
#include <QtCore/QRegularExpression>
#include <QtCore/QThread>
#include <QtTest/QSignalSpy>
#include <QtTest/QTest>

#include <atomic>
#include <thread>
#include <vector>

using Mqtt::ClientState;
using Mqtt::ErrorCode;
using Mqtt::QoS;
using Mqtt::ReasonCode;
using namespace ClientTesting;

class tst_ClientThread : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void startConnectsInWorkerThread();
    void callsFromAnyThreadWhileRunning();
    void signalsReachReceiversInTheirThreads();
    void stopDisconnectsCleanlyAndGivesClientBack();
    void restartsAfterStop();
    void startRefusals_data();
    void startRefusals();
    void waitForConnectedFailsFastWhenBrokerDown();
    void reconnectsAfterBrokerRestart();
    void destroyedWhileRunning();

private:
    MqttConnectOptions options() const { return MqttConnectOptions(m_broker.host(), m_broker.tcpPort()); }
    MosquittoBroker m_broker;
};

void tst_ClientThread::initTestCase()
{
    if (!MosquittoBroker::mosquittoAvailable())
        QSKIP("mosquitto, mosquitto_passwd or openssl is not installed");
    MosquittoBroker::Options options;
    options.maxQueuedMessages = 0; // a client that reads its own flood slowly loses nothing
    QVERIFY2(m_broker.start(options), qPrintable(m_broker.errorString()));
}

void tst_ClientThread::startConnectsInWorkerThread()
{
    MqttClientThread worker(options());
    QSignalSpy running(&worker, &MqttClientThread::runningChanged);
    QVERIFY(!worker.isRunning());
    QCOMPARE(worker.client()->thread(), QThread::currentThread());
    QVERIFY(!worker.waitForConnected(10)); // not running: false at once
    QCOMPARE(worker.start(), ErrorCode::NoError);
    QVERIFY(worker.isRunning());
    QCOMPARE(running.size(), 1);
    QCOMPARE(worker.client()->thread(), worker.workerThread());
    QVERIFY(worker.workerThread()->isRunning());
    QVERIFY2(worker.waitForConnected(Timeout), qPrintable(worker.errorString()));
    QCOMPARE(worker.state(), ClientState::Connected);
    QCOMPARE(worker.error(), ErrorCode::NoError);
    worker.stop();
    QCOMPARE(running.size(), 2);
    QCOMPARE(running.at(1).at(0).toBool(), false);
}

void tst_ClientThread::callsFromAnyThreadWhileRunning()
{
    constexpr int Threads = 3;
    constexpr int PerThread = 300;
    const QString base = uniqueTopic(QStringLiteral("any-thread"));
    MqttClientThread worker(options());
    worker.client()->setMaxInflightMessages(50);
    QHash<QString, QList<int>> received;
    connect(worker.client(), &MqttClient::messageReceived, this, [&](const MqttMessage &m) {
        received[m.topic()].append(m.payload().toInt());
    });
    QCOMPARE(worker.start(), ErrorCode::NoError);
    QVERIFY(worker.waitForConnected(Timeout));

    // Subscribe from yet another thread; the SUBACK arrives here through a queued signal.
    QList<int> acks;
    connect(worker.client(), &MqttClient::subscribed, this,
            [&](int mid, const QList<ReasonCode> &, const MqttProperties &) { acks.append(mid); });
    connect(worker.client(), &MqttClient::unsubscribed, this,
            [&](int mid, const QList<ReasonCode> &, const MqttProperties &) { acks.append(mid); });
    MqttResult sub;
    std::thread([&] { sub = worker.client()->subscribe(base + QStringLiteral("/#"), QoS::AtLeastOnce); }).join();
    QCOMPARE(sub.rc, ErrorCode::NoError);
    QVERIFY(sub.mid > 0);
    QTRY_COMPARE_WITH_TIMEOUT(acks, QList<int>{ sub.mid }, Timeout);

    // Publish from this thread and from several others, each in its own order.
    std::atomic<int> refused{ 0 };
    std::vector<std::thread> publishers;
    std::vector<MqttMessageInfo> last(Threads + 1);
    for (int t = 0; t < Threads; ++t) {
        publishers.emplace_back([&, t] {
            const QString topic = base + QStringLiteral("/%1").arg(t);
            for (int i = 0; i < PerThread; ++i) {
                const MqttMessageInfo info = worker.client()->publish(topic, QByteArray::number(i), QoS::AtLeastOnce);
                if (info.rc() != ErrorCode::NoError || info.mid() <= 0)
                    ++refused;
                last[t] = info;
            }
            // Waiting from a thread without an event loop sleeps until woken.
            if (!last[t].waitForPublish(Timeout))
                ++refused;
        });
    }
    for (int i = 0; i < PerThread; ++i)
        last[Threads] = worker.client()->publish(base + QStringLiteral("/main"), QByteArray::number(i), QoS::AtLeastOnce);
    for (std::thread &t : publishers)
        t.join();
    QCOMPARE(refused.load(), 0);
    QVERIFY(last[Threads].waitForPublish(Timeout));
    QList<int> expected;
    for (int i = 0; i < PerThread; ++i)
        expected.append(i);
    QTRY_VERIFY_WITH_TIMEOUT(received.size() == Threads + 1
                                     && std::all_of(received.cbegin(), received.cend(),
                                                    [](const QList<int> &l) { return l.size() >= PerThread; }),
                             Timeout);
    for (auto it = received.cbegin(); it != received.cend(); ++it)
        QCOMPARE(it.value(), expected); // nothing lost, duplicated or reordered per thread

    // Unsubscribe from another thread; the UNSUBACK arrives through a queued signal.
    MqttResult unsub;
    std::thread([&] { unsub = worker.client()->unsubscribe(base + QStringLiteral("/#")); }).join();
    QCOMPARE(unsub.rc, ErrorCode::NoError);
    QTRY_COMPARE_WITH_TIMEOUT(acks, (QList<int>{ sub.mid, unsub.mid }), Timeout);
    worker.stop();
}

void tst_ClientThread::signalsReachReceiversInTheirThreads()
{
    MqttClientThread worker(options());
    const QString topic = uniqueTopic(QStringLiteral("receivers"));
    std::atomic<QThread *> mainRanIn{ nullptr };
    std::atomic<QThread *> otherRanIn{ nullptr };
    std::atomic<QThread *> directRanIn{ nullptr };
    connect(worker.client(), &MqttClient::messageReceived, this,
            [&](const MqttMessage &) { mainRanIn = QThread::currentThread(); });
    QThread other;
    QObject otherContext;
    otherContext.moveToThread(&other);
    other.start();
    connect(worker.client(), &MqttClient::messageReceived, &otherContext,
            [&](const MqttMessage &) { otherRanIn = QThread::currentThread(); });
    connect(worker.client(), &MqttClient::messageReceived, worker.client(),
            [&](const MqttMessage &) { directRanIn = QThread::currentThread(); }, Qt::DirectConnection);
    QCOMPARE(worker.start(), ErrorCode::NoError);
    QVERIFY(worker.waitForConnected(Timeout));
    bool subscribed = false;
    connect(worker.client(), &MqttClient::subscribed, this, [&] { subscribed = true; });
    QCOMPARE(worker.client()->subscribe(topic, QoS::AtLeastOnce).rc, ErrorCode::NoError);
    QTRY_VERIFY_WITH_TIMEOUT(subscribed, Timeout);
    QVERIFY(worker.client()->publish(topic, "x", QoS::AtLeastOnce).waitForPublish(Timeout));
    QTRY_VERIFY_WITH_TIMEOUT(mainRanIn.load() && otherRanIn.load() && directRanIn.load(), Timeout);
    QCOMPARE(mainRanIn.load(), QThread::currentThread());
    QCOMPARE(otherRanIn.load(), &other);
    QCOMPARE(directRanIn.load(), worker.workerThread());
    worker.stop();
    other.quit();
    other.wait();
}

void tst_ClientThread::stopDisconnectsCleanlyAndGivesClientBack()
{
    const QString willTopic = uniqueTopic(QStringLiteral("stop-will"));
    MqttClient watcher;
    ClientRecorder rec(&watcher);
    QVERIFY(connectTo(watcher, m_broker));
    QCOMPARE(subscribeAndWait(watcher, willTopic), QList<ReasonCode>{ ReasonCode::GrantedQoS1 });

    MqttConnectOptions o = options();
    o.setWill(MqttWill(willTopic, "worker died", QoS::AtLeastOnce));
    o.setClientId(uniqueClientId(QStringLiteral("stop")));
    MqttClientThread worker(o);
    QCOMPARE(worker.start(), ErrorCode::NoError);
    QVERIFY(worker.waitForConnected(Timeout));
    QThread *workerThread = worker.workerThread();
    worker.stop();
    QVERIFY(!worker.isRunning());
    QVERIFY(workerThread->isFinished());
    QCOMPARE(worker.client()->thread(), QThread::currentThread());
    QCOMPARE(worker.client()->state(), ClientState::Disconnected);
    QCOMPARE(worker.state(), ClientState::Disconnected);
    QTRY_VERIFY_WITH_TIMEOUT(m_broker.log().contains(QStringLiteral("Client %1 disconnected.").arg(o.clientId())), Timeout);
    // The client is usable in this thread again.
    QCOMPARE(worker.client()->connectToHost(), ErrorCode::NoError);
    QVERIFY(worker.client()->waitForConnected(Timeout));
    worker.client()->disconnectFromHost();
    QVERIFY(worker.client()->waitForDisconnected(Timeout));
    // A clean DISCONNECT each time: no will. A marker shows the watcher is live.
    watcher.publish(willTopic, "marker", QoS::AtLeastOnce);
    QTRY_COMPARE_WITH_TIMEOUT(rec.messages.size(), 1, Timeout);
    QCOMPARE(rec.messages.first().payload(), QByteArray("marker"));
    worker.stop(); // not running: nothing
    watcher.disconnectFromHost();
    QVERIFY(watcher.waitForDisconnected(Timeout));
}

void tst_ClientThread::restartsAfterStop()
{
    MqttClientThread worker(options());
    for (int round = 0; round < 3; ++round) {
        QCOMPARE(worker.start(), ErrorCode::NoError);
        QVERIFY(worker.waitForConnected(Timeout));
        QVERIFY(worker.client()->publish(uniqueTopic(QStringLiteral("restart")), "x", QoS::AtLeastOnce).waitForPublish(Timeout));
        worker.stop();
        QVERIFY(!worker.isRunning());
    }
}

void tst_ClientThread::startRefusals_data()
{
    QTest::addColumn<QString>("kind");
    QTest::newRow("already running") << QStringLiteral("running");
    QTest::newRow("from another thread") << QStringLiteral("thread");
    QTest::newRow("option refused") << QStringLiteral("option");
    QTest::newRow("client connected by hand") << QStringLiteral("connected");
}

void tst_ClientThread::startRefusals()
{
    QFETCH(QString, kind);
    MqttClientThread worker(options());
    if (kind == QStringLiteral("running")) {
        QCOMPARE(worker.start(), ErrorCode::NoError);
        QTest::ignoreMessage(QtWarningMsg, "MqttClientThread::start(): already running");
        QCOMPARE(worker.start(), ErrorCode::Invalid);
        QVERIFY(worker.isRunning()); // the running one is untouched
        QVERIFY(worker.waitForConnected(Timeout));
    } else if (kind == QStringLiteral("thread")) {
        QTest::ignoreMessage(QtWarningMsg, QRegularExpression(QStringLiteral("another thread")));
        ErrorCode rc = ErrorCode::NoError;
        std::thread([&] { rc = worker.start(); }).join();
        QCOMPARE(rc, ErrorCode::Invalid);
        QVERIFY(!worker.isRunning());
    } else if (kind == QStringLiteral("option")) {
        MqttConnectOptions o = options();
        o.setKeepAlive(70000);
        worker.setConnectOptions(o);
        QCOMPARE(worker.start(), ErrorCode::Invalid);
        QVERIFY(!worker.isRunning());
        QVERIFY2(worker.errorString().contains(QStringLiteral("keepAlive")), qPrintable(worker.errorString()));
        QCOMPARE(worker.client()->thread(), QThread::currentThread());
    } else {
        QCOMPARE(worker.client()->connectToHost(m_broker.host(), m_broker.tcpPort()), ErrorCode::NoError);
        QTest::ignoreMessage(QtWarningMsg, QRegularExpression(QStringLiteral("connect through start")));
        QCOMPARE(worker.start(), ErrorCode::Invalid);
        QVERIFY(!worker.isRunning());
        worker.client()->disconnectFromHost();
    }
    worker.stop();
}

void tst_ClientThread::waitForConnectedFailsFastWhenBrokerDown()
{
    MqttClientThread worker(MqttConnectOptions(QStringLiteral("127.0.0.1"), unusedLoopbackPort()));
    QCOMPARE(worker.start(), ErrorCode::NoError);
    QElapsedTimer timer;
    timer.start();
    QVERIFY(!worker.waitForConnected(Timeout));
    QVERIFY2(timer.elapsed() < 2000, qPrintable(QString::number(timer.elapsed())));
    QCOMPARE(worker.error(), ErrorCode::ConnectionRefused);
    QVERIFY2(worker.errorString().contains(QStringLiteral("refused"), Qt::CaseInsensitive), qPrintable(worker.errorString()));
    QCOMPARE(worker.state(), ClientState::Disconnected); // the first attempt is not retried
    worker.stop();
}

void tst_ClientThread::reconnectsAfterBrokerRestart()
{
    MosquittoBroker broker;
    QVERIFY2(broker.start(), qPrintable(broker.errorString()));
    MqttClientThread worker(MqttConnectOptions(broker.host(), broker.tcpPort()));
    worker.client()->setReconnectDelay(1, 1);
    QCOMPARE(worker.start(), ErrorCode::NoError);
    QVERIFY(worker.waitForConnected(Timeout));
    broker.kill();
    QTRY_COMPARE_WITH_TIMEOUT(worker.state(), ClientState::WaitingToReconnect, Timeout);
    // Published while the broker is away: queued and sent after the reconnection.
    const MqttMessageInfo info = worker.client()->publish(uniqueTopic(QStringLiteral("away")), "x", QoS::AtLeastOnce);
    QCOMPARE(info.rc(), ErrorCode::NoError);
    QVERIFY2(broker.restart(), qPrintable(broker.errorString()));
    QVERIFY(info.waitForPublish(3 * Timeout));
    QCOMPARE(worker.state(), ClientState::Connected);
    worker.stop();
}

void tst_ClientThread::destroyedWhileRunning()
{
    QPointer<MqttClient> client;
    {
        MqttClientThread worker(options());
        client = worker.client();
        QCOMPARE(worker.start(), ErrorCode::NoError);
        QVERIFY(worker.waitForConnected(Timeout));
        worker.client()->publish(uniqueTopic(QStringLiteral("destroyed")), "x", QoS::AtLeastOnce);
    }
    QVERIFY(client.isNull());
}

QTEST_GUILESS_MAIN(tst_ClientThread)
#include "tst_clientthread.moc"
