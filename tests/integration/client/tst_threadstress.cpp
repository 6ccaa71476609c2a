// Copyright (C) 2026 The MqttQt authors.
// SPDX-License-Identifier: BSD-3-Clause
//
// Several threads publish thousands of QoS 1 messages each through one client living in
// an MqttClientThread, while other threads subscribe, unsubscribe and wait for their
// messages; the same client receives everything back. Nothing may be lost, duplicated or
// reordered per thread. Built and run under ThreadSanitizer by `scripts/bootstrap.sh test`
// (build-tsan/), so a data race in the cross-thread paths fails it.
//
// Under ThreadSanitizer (clang 14) a process started with QProcess trips TSan's own
// check on the clone() Qt forks with, so there the broker is started outside the test:
// MQTTQT_TEST_BROKER=127.0.0.1:PORT names a running mosquitto (with max_queued_messages
// 0) to use instead of starting one.
//
// Qt is not built with TSan here, and its event queue is guarded by a futex-based QMutex
// that TSan cannot see. So this test hands its own data between threads through
// std::mutex (direct connections, no queued signals), and under TSan it tells TSan what
// Qt guarantees for queued calls: posting to a thread wakes that thread's GMainContext
// (a release on it), and every event a thread delivers comes after (an acquire). Qt's and
// glib's own accesses inside the libraries are ignored by tests/tsan.supp.
#include "clienttesting.h"

#include <MqttQt/MqttClientThread>
#include <MqttQt/MqttConnectOptions>

#include <QtCore/QHash>
#include <QtTest/QTest>

#include <atomic>
#include <mutex>
#include <thread>
#include <vector>

#if defined(__has_feature)
#    if __has_feature(thread_sanitizer)
#        define MQTTQT_TEST_TSAN 1
#    endif
#endif

#ifdef MQTTQT_TEST_TSAN
#    include <dlfcn.h>

extern "C" void __tsan_acquire(void *addr);
extern "C" void __tsan_release(void *addr);

// Called by Qt's glib event dispatcher (through the PLT, so this definition takes its
// place) after an event was posted to the thread that runs \a context.
extern "C" void g_main_context_wakeup(void *context)
{
    using Wakeup = void (*)(void *);
    static const auto real = reinterpret_cast<Wakeup>(dlsym(RTLD_NEXT, "g_main_context_wakeup"));
    __tsan_release(context);
    real(context);
}

namespace {
// Called by Qt before it delivers any event in the current thread.
bool acquireBeforeDelivery(void **)
{
    using Context = void *(*)();
    static const auto threadDefault = reinterpret_cast<Context>(dlsym(RTLD_DEFAULT, "g_main_context_get_thread_default"));
    static const auto globalDefault = reinterpret_cast<Context>(dlsym(RTLD_DEFAULT, "g_main_context_default"));
    void *context = threadDefault ? threadDefault() : nullptr;
    if (!context && globalDefault)
        context = globalDefault();
    if (context)
        __tsan_acquire(context);
    return false; // deliver as usual
}
} // namespace
#endif

using Mqtt::ErrorCode;
using Mqtt::QoS;
using Mqtt::ReasonCode;
using namespace ClientTesting;

class tst_ThreadStress : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void manyThreadsPublishThroughOneClient();

private:
    MosquittoBroker m_broker;
    QString m_host;
    int m_port = 0;
};

void tst_ThreadStress::initTestCase()
{
#ifdef MQTTQT_TEST_TSAN
    QVERIFY(QInternal::registerCallback(QInternal::EventNotifyCallback, acquireBeforeDelivery));
#endif
    const QString external = qEnvironmentVariable("MQTTQT_TEST_BROKER");
    if (!external.isEmpty()) {
        const qsizetype colon = external.lastIndexOf(QLatin1Char(':'));
        m_host = external.left(colon);
        m_port = colon > 0 ? external.mid(colon + 1).toInt() : 0;
        QVERIFY2(colon > 0 && m_port > 0 && m_port < 65536,
                 qPrintable(QStringLiteral("MQTTQT_TEST_BROKER must be HOST:PORT, not \"%1\"").arg(external)));
        return;
    }
    if (!MosquittoBroker::mosquittoAvailable())
        QSKIP("mosquitto, mosquitto_passwd or openssl is not installed");
    MosquittoBroker::Options options;
    options.maxQueuedMessages = 0; // the client receives its own flood: never drop
    QVERIFY2(m_broker.start(options), qPrintable(m_broker.errorString()));
    m_host = m_broker.host();
    m_port = m_broker.tcpPort();
}

void tst_ThreadStress::manyThreadsPublishThroughOneClient()
{
    constexpr int Publishers = 4;
    constexpr int PerThread = 2500;
    const int timeout = 120000; // generous: a sanitizer build runs several times slower
    const QString base = uniqueTopic(QStringLiteral("stress"));

    MqttClientThread worker(MqttConnectOptions(m_host, m_port));
    worker.client()->setMaxInflightMessages(20);
    // Recorded in the worker thread (direct connections), read here under the mutex.
    std::mutex mutex;
    QHash<QString, QList<int>> received;
    int receivedTotal = 0;
    int failedSignals = 0;
    int granted = 0;
    connect(worker.client(), &MqttClient::messageReceived, worker.client(), [&](const MqttMessage &m) {
        std::lock_guard<std::mutex> lock(mutex);
        received[m.topic()].append(m.payload().toInt());
        ++receivedTotal;
    }, Qt::DirectConnection);
    connect(worker.client(), &MqttClient::publishFailed, worker.client(), [&] {
        std::lock_guard<std::mutex> lock(mutex);
        ++failedSignals;
    }, Qt::DirectConnection);
    connect(worker.client(), &MqttClient::subscribed, worker.client(),
            [&](int, const QList<ReasonCode> &codes, const MqttProperties &) {
                std::lock_guard<std::mutex> lock(mutex);
                if (!codes.isEmpty() && int(codes.first()) < 0x80)
                    ++granted;
            }, Qt::DirectConnection);
    auto locked = [&mutex](auto read) {
        std::lock_guard<std::mutex> lock(mutex);
        return read();
    };
    QCOMPARE(worker.start(), ErrorCode::NoError);
    QVERIFY2(worker.waitForConnected(Timeout), qPrintable(worker.errorString()));

    // Subscribed from another thread.
    MqttResult sub;
    std::thread([&] { sub = worker.client()->subscribe(base + QStringLiteral("/+"), QoS::AtLeastOnce); }).join();
    QCOMPARE(sub.rc, ErrorCode::NoError);
    QTRY_COMPARE_WITH_TIMEOUT(locked([&] { return granted; }), 1, timeout);

    std::atomic<int> refused{ 0 };
    std::atomic<int> notPublished{ 0 };
    std::atomic<bool> publishing{ true };
    std::vector<std::thread> threads;
    for (int t = 0; t < Publishers; ++t) {
        threads.emplace_back([&, t] {
            const QString topic = base + QStringLiteral("/%1").arg(t);
            std::vector<MqttMessageInfo> infos;
            infos.reserve(PerThread);
            for (int i = 0; i < PerThread; ++i) {
                MqttMessageInfo info = worker.client()->publish(topic, QByteArray::number(i), QoS::AtLeastOnce);
                if (info.rc() != ErrorCode::NoError || info.mid() <= 0)
                    ++refused;
                infos.push_back(std::move(info));
                if (i % 500 == 499 && !infos.back().waitForPublish(timeout)) // wait now and then
                    ++notPublished;
            }
            for (const MqttMessageInfo &info : infos) {
                if (!info.waitForPublish(timeout))
                    ++notPublished;
            }
        });
    }
    // Meanwhile another thread subscribes to and unsubscribes from an unrelated filter.
    std::atomic<int> churnRefused{ 0 };
    std::thread churn([&] {
        const QString other = base + QStringLiteral("-other/#");
        for (int i = 0; i < 50 && publishing.load(); ++i) {
            if (worker.client()->subscribe(other, QoS::AtMostOnce).rc != ErrorCode::NoError)
                ++churnRefused;
            if (worker.client()->unsubscribe(other).rc != ErrorCode::NoError)
                ++churnRefused;
            (void)worker.state();
            (void)worker.errorString();
        }
    });
    for (std::thread &t : threads)
        t.join();
    publishing.store(false);
    churn.join();
    QCOMPARE(refused.load(), 0);
    QCOMPARE(notPublished.load(), 0);
    QCOMPARE(churnRefused.load(), 0);

    QTRY_VERIFY_WITH_TIMEOUT(locked([&] { return receivedTotal; }) >= Publishers * PerThread, timeout);
    worker.stop(); // joins the worker: everything it recorded is visible here
    QCOMPARE(worker.state(), Mqtt::ClientState::Disconnected);
    QList<int> expected;
    expected.reserve(PerThread);
    for (int i = 0; i < PerThread; ++i)
        expected.append(i);
    QCOMPARE(received.size(), Publishers);
    for (auto it = received.cbegin(); it != received.cend(); ++it)
        QCOMPARE(it.value(), expected); // nothing lost, duplicated or reordered per thread
    QCOMPARE(failedSignals, 0);
}

QTEST_GUILESS_MAIN(tst_ThreadStress)
#include "tst_threadstress.moc"
