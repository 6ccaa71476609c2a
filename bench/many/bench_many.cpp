// Copyright (C) 2026 The MqttQt authors.
// SPDX-License-Identifier: BSD-3-Clause
//
// bench_many - many MqttQt clients in one event loop, and what a client costs in memory.
//
//   bench_many --port N [--idle 1000] [--active 100] [--count 2000] [--qos 1]
//              [--size 64] [--inflight 10] [--queued 10000] [--timeout 30]
//
// Phases, all in the main thread's event loop (one thread, as an application would):
//   1. queued: one client that never connects takes --queued QoS 1 messages of --size
//      bytes (they wait in its queue); the heap they use, per message, beyond the payload.
//   2. idle: --idle clients connect (100 at a time) and stay connected, doing nothing.
//      Heap and private memory (RssAnon) per client, the object alone and connected
//      (measured after 1.2 s without traffic: a client frees its read buffer after 1 s).
//   3. active: --active more clients connect and each subscribes to a topic of its own.
//   4. traffic: each active client publishes --count messages to its own topic with
//      at most --inflight in flight (QoS 1/2; QoS 0: at most --inflight handed over and
//      not yet received) and receives them back, all at once. CPU time (user + sys) and
//      context switches of the whole process per message over this phase; each message
//      is published and received in this process. Every client checks that it received
//      each of its messages once and in order.
//
// Prints one JSON line. Heap figures come from glibc's mallinfo2() (bytes in use,
// mmapped blocks included): the client's own allocations, apart from the pages of Qt's
// shared libraries, which RssFile counts (reported once, at start-up).
// Exit status: 0 ok, 1 lost/duplicated/out-of-order messages, 2 usage, 3 runtime error.

#include "bench_common.h"

#include <MqttQt/MqttClient>

#include <QtCore/QCoreApplication>
#include <QtCore/QEventLoop>
#include <QtCore/QTimer>

#include <malloc.h>
#include <sys/resource.h>

#include <algorithm>
#include <cstdarg>
#include <functional>
#include <cstdio>
#include <cstring>
#include <memory>
#include <string>
#include <vector>

namespace {

struct Options
{
    const char *host = "127.0.0.1";
    int port = 0;
    int idle = 1000;
    int active = 100;
    uint64_t count = 2000;
    int qos = 1;
    unsigned size = 64;
    int inflight = 10;
    int queued = 10000;
    double timeout = 30;
};

struct Memory
{
    qint64 heap = 0;    // bytes in use on the heap, mmapped blocks included
    qint64 rssAnon = 0; // private resident memory, KiB
    qint64 rssFile = 0; // resident pages of mapped files (shared libraries), KiB
};

Memory sampleMemory()
{
    Memory m;
    const struct mallinfo2 mi = mallinfo2();
    m.heap = qint64(mi.uordblks + mi.hblkhd);
    if (FILE *f = std::fopen("/proc/self/status", "r")) {
        char line[256];
        while (std::fgets(line, sizeof line, f)) {
            long long v = 0;
            if (std::sscanf(line, "RssAnon: %lld", &v) == 1)
                m.rssAnon = v;
            else if (std::sscanf(line, "RssFile: %lld", &v) == 1)
                m.rssFile = v;
        }
        std::fclose(f);
    }
    return m;
}

struct Usage
{
    double cpu = 0;   // user + sys seconds
    long switches = 0; // voluntary + involuntary context switches
};

Usage sampleUsage()
{
    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    Usage u;
    u.cpu = bench_timeval_s(&ru.ru_utime) + bench_timeval_s(&ru.ru_stime);
    u.switches = ru.ru_nvcsw + ru.ru_nivcsw;
    return u;
}

[[noreturn]] void usage(const char *why)
{
    std::fprintf(stderr,
                 "bench_many: %s\n"
                 "usage: bench_many --port N [--host H] [--idle N] [--active N] [--count N]\n"
                 "                  [--qos 0|1|2] [--size BYTES] [--inflight N] [--queued N]\n"
                 "                  [--timeout SEC]\n",
                 why);
    std::exit(BENCH_EXIT_USAGE);
}

Options parse(int argc, char **argv)
{
    Options o;
    for (int i = 1; i < argc; ++i) {
        const char *a = argv[i];
        if (i + 1 >= argc)
            usage("every option needs a value");
        const char *v = argv[++i];
        uint64_t n = 0;
        if (!std::strcmp(a, "--host")) {
            o.host = v;
            continue;
        }
        if (!std::strcmp(a, "--timeout")) {
            if (bench_parse_double(v, &o.timeout) || o.timeout <= 0)
                usage("bad --timeout");
            continue;
        }
        if (bench_parse_u64(v, &n))
            usage("bad number");
        if (!std::strcmp(a, "--port") && n >= 1 && n <= 65535)
            o.port = int(n);
        else if (!std::strcmp(a, "--idle") && n <= 100000)
            o.idle = int(n);
        else if (!std::strcmp(a, "--active") && n <= 100000)
            o.active = int(n);
        else if (!std::strcmp(a, "--count"))
            o.count = n;
        else if (!std::strcmp(a, "--qos") && n <= 2)
            o.qos = int(n);
        else if (!std::strcmp(a, "--size") && n >= BENCH_HEADER_SIZE && n <= 16u * 1024 * 1024)
            o.size = unsigned(n);
        else if (!std::strcmp(a, "--inflight") && n >= 1 && n <= 65535)
            o.inflight = int(n);
        else if (!std::strcmp(a, "--queued") && n <= 10000000)
            o.queued = int(n);
        else
            usage("unknown option or value out of range");
    }
    if (!o.port)
        usage("--port is required");
    return o;
}

class Many
{
public:
    Many(QCoreApplication &app, const Options &o) : m_app(app), m_o(o) { }

    int run()
    {
        m_start = sampleMemory();
        measureQueued();
        // idle: the object, then connected
        const Memory beforeIdle = sampleMemory();
        for (int i = 0; i < m_o.idle; ++i)
            m_idle.push_back(makeClient(QStringLiteral("many-idle-%1-%2").arg(QCoreApplication::applicationPid()).arg(i)));
        const Memory idleObjects = sampleMemory();
        if (!connectAll(m_idle))
            return finish();
        settle();
        const Memory idleConnected = sampleMemory();
        m_idleObjectHeap = perClient(idleObjects.heap - beforeIdle.heap, m_o.idle);
        m_idleHeap = perClient(idleConnected.heap - beforeIdle.heap, m_o.idle);
        m_idleAnon = perClient((idleConnected.rssAnon - beforeIdle.rssAnon) * 1024, m_o.idle);

        // active: connect and subscribe
        const Memory beforeActive = sampleMemory();
        for (int i = 0; i < m_o.active; ++i)
            m_active.push_back(std::make_unique<Active>());
        std::vector<MqttClient *> clients;
        for (int i = 0; i < m_o.active; ++i) {
            Active &a = *m_active[size_t(i)];
            a.client = makeClient(QStringLiteral("many-active-%1-%2").arg(QCoreApplication::applicationPid()).arg(i));
            a.topic = QStringLiteral("many/%1/%2").arg(QCoreApplication::applicationPid()).arg(i);
            a.payload.resize(int(m_o.size));
            bench_payload_init(reinterpret_cast<unsigned char *>(a.payload.data()), m_o.size);
            a.client->setMaxInflightMessages(m_o.inflight);
            clients.push_back(a.client);
        }
        if (!connectAll(clients) || !subscribeAll())
            return finish();
        settle();
        const Memory activeReady = sampleMemory();
        m_activeHeap = perClient(activeReady.heap - beforeActive.heap, m_o.active);

        traffic();
        return finish();
    }

private:
    struct Active
    {
        MqttClient *client = nullptr;
        QString topic;
        QByteArray payload;
        uint64_t handed = 0;
        uint64_t completed = 0;
        uint64_t received = 0;
        uint64_t nextSeq = 0; // next expected sequence number
        uint64_t bad = 0;
    };

    static double perClient(qint64 bytes, int n) { return n > 0 ? double(bytes) / n : 0; }

    // Runs the event loop for 1.2 s: a client keeps its 64 KiB read buffer while it
    // receives and frees it after a second without a read, so memory is measured on
    // clients that have been idle that long.
    void settle()
    {
        QEventLoop loop;
        QTimer::singleShot(1200, &loop, &QEventLoop::quit);
        loop.exec();
    }

    MqttClient *makeClient(const QString &id)
    {
        auto *c = new MqttClient(&m_owner);
        c->setClientId(id);
        c->setAutoReconnect(false);
        return c;
    }

    void measureQueued()
    {
        if (m_o.queued <= 0)
            return;
        QByteArray payload(int(m_o.size), '\0');
        bench_payload_init(reinterpret_cast<unsigned char *>(payload.data()), m_o.size);
        auto client = std::make_unique<MqttClient>();
        client->setMaxQueuedMessages(0); // unlimited
        const QString topic = QStringLiteral("many/queued");
        const Memory before = sampleMemory();
        for (int i = 0; i < m_o.queued; ++i) {
            // A payload of its own per message, as an application's would be.
            QByteArray p(payload.constData(), payload.size());
            bench_payload_stamp(reinterpret_cast<unsigned char *>(p.data()), m_o.size, uint64_t(i), bench_now_ns(), 0);
            const MqttMessageInfo info = client->publish(topic, p, Mqtt::QoS::AtLeastOnce);
            if (info.rc() != Mqtt::ErrorCode::NoError) {
                fail("queueing a message while disconnected: %s", qPrintable(client->errorString()));
                return;
            }
        }
        const Memory after = sampleMemory();
        m_queuedHeap = double(after.heap - before.heap) / m_o.queued;
    }

    bool waitUntil(const std::function<bool()> &done, const char *what)
    {
        QTimer deadline;
        deadline.setSingleShot(true);
        bool timedOut = false;
        QObject::connect(&deadline, &QTimer::timeout, [&] {
            timedOut = true;
            m_app.quit();
        });
        QTimer poll;
        QObject::connect(&poll, &QTimer::timeout, [&] {
            if (done() || !m_ok)
                m_app.quit();
        });
        while (!done() && m_ok && !timedOut) {
            deadline.start(int(m_o.timeout * 1000));
            poll.start(20);
            m_app.exec();
            poll.stop();
        }
        if (timedOut && !done())
            fail("timeout while %s", what);
        return m_ok && done();
    }

    bool connectAll(const std::vector<MqttClient *> &clients)
    {
        // 100 connection attempts at a time: the broker's listen backlog stays short.
        constexpr size_t Batch = 100;
        for (size_t first = 0; first < clients.size(); first += Batch) {
            const size_t last = std::min(clients.size(), first + Batch);
            int accepted = 0;
            std::vector<QMetaObject::Connection> links;
            for (size_t i = first; i < last; ++i) {
                MqttClient *c = clients[i];
                links.push_back(QObject::connect(c, &MqttClient::connackReceived,
                                                 [this, &accepted](bool, Mqtt::ReasonCode rc, const MqttProperties &) {
                                                     if (rc == Mqtt::ReasonCode::Success)
                                                         ++accepted;
                                                     else
                                                         fail("connection refused: reason code 0x%x", unsigned(rc));
                                                 }));
                links.push_back(QObject::connect(c, &MqttClient::errorOccurred, [this, c](Mqtt::ErrorCode, const QString &why) {
                    if (!m_finishing)
                        fail("%s: %s", qPrintable(c->clientId()), qPrintable(why));
                }));
                if (c->connectToHost(QString::fromUtf8(m_o.host), m_o.port, 60) != Mqtt::ErrorCode::NoError) {
                    fail("connect: %s", qPrintable(c->errorString()));
                    return false;
                }
            }
            const int want = int(last - first);
            const bool ok = waitUntil([&] { return accepted == want; }, "connecting");
            for (const auto &l : links)
                QObject::disconnect(l);
            if (!ok)
                return false;
        }
        return true;
    }

    bool subscribeAll()
    {
        int acked = 0;
        for (auto &ap : m_active) {
            Active *a = ap.get();
            QObject::connect(a->client, &MqttClient::subscribed,
                             [&acked](int, const QList<Mqtt::ReasonCode> &, const MqttProperties &) { ++acked; });
            QObject::connect(a->client, &MqttClient::messageReceived, [this, a](const MqttMessage &m) { onMessage(*a, m); });
            QObject::connect(a->client, &MqttClient::published, [this, a](int, Mqtt::ReasonCode, const MqttProperties &) {
                ++a->completed;
                pump(*a);
            });
            QObject::connect(a->client, &MqttClient::errorOccurred, [this, a](Mqtt::ErrorCode, const QString &why) {
                if (!m_finishing)
                    fail("%s: %s", qPrintable(a->client->clientId()), qPrintable(why));
            });
            if (a->client->subscribe(a->topic, Mqtt::QoS(m_o.qos)).rc != Mqtt::ErrorCode::NoError) {
                fail("subscribe: %s", qPrintable(a->client->errorString()));
                return false;
            }
        }
        const int want = int(m_active.size());
        return waitUntil([&] { return acked == want; }, "subscribing");
    }

    void pump(Active &a)
    {
        // QoS 1/2: the library's window (setMaxInflightMessages) plus as many again
        // waiting in its queue. QoS 0: at most --inflight messages handed over and not
        // yet received back.
        const uint64_t limit = m_o.qos > 0 ? uint64_t(2 * m_o.inflight) : uint64_t(m_o.inflight);
        while (a.handed < m_o.count && m_ok) {
            const uint64_t outstanding = m_o.qos > 0 ? a.handed - a.completed : a.handed - a.received;
            if (outstanding >= limit)
                break;
            bench_payload_stamp(reinterpret_cast<unsigned char *>(a.payload.data()), m_o.size, a.handed, bench_now_ns(), 0);
            ++a.handed;
            if (a.client->publish(a.topic, a.payload, Mqtt::QoS(m_o.qos)).rc() != Mqtt::ErrorCode::NoError) {
                fail("publish: %s", qPrintable(a.client->errorString()));
                return;
            }
        }
    }

    void onMessage(Active &a, const MqttMessage &m)
    {
        const QByteArray payload = m.payload();
        uint64_t seq = 0, ts = 0;
        const int kind = bench_payload_parse(payload.constData(), size_t(payload.size()), &seq, &ts);
        if (kind != 0 || seq != a.nextSeq) {
            ++a.bad;
        } else {
            ++a.nextSeq;
            ++a.received;
            ++m_received;
        }
        if (m_o.qos == 0)
            pump(a);
    }

    void traffic()
    {
        if (m_active.empty() || m_o.count == 0)
            return;
        const uint64_t total = uint64_t(m_active.size()) * m_o.count;
        const Usage u0 = sampleUsage();
        const uint64_t t0 = bench_now_ns();
        for (auto &a : m_active)
            pump(*a);
        uint64_t lastSeen = 0;
        uint64_t lastProgress = bench_now_ns();
        // waitUntil()'s deadline is per wait; progress restarts it here.
        while (m_ok && m_received < total) {
            const bool done = waitUntil(
                    [&] {
                        if (m_received != lastSeen) {
                            lastSeen = m_received;
                            lastProgress = bench_now_ns();
                        }
                        return m_received >= total
                                || double(bench_now_ns() - lastProgress) / 1e9 > m_o.timeout / 2;
                    },
                    "exchanging messages");
            if (!done || double(bench_now_ns() - lastProgress) / 1e9 > m_o.timeout / 2)
                break;
        }
        const uint64_t t1 = bench_now_ns();
        const Usage u1 = sampleUsage();
        m_messages = m_received;
        m_seconds = double(t1 - t0) / 1e9;
        m_cpuPerMessage = m_received ? (u1.cpu - u0.cpu) * 1e6 / double(m_received) : 0;
        m_switchesPerMessage = m_received ? double(u1.switches - u0.switches) / double(m_received) : 0;
        uint64_t bad = 0;
        for (const auto &a : m_active)
            bad += a->bad;
        if (m_ok && (m_received < total || bad > 0)) {
            m_validation = true;
            fail("validation failed: lost=%llu out-of-order-or-duplicate=%llu", (unsigned long long)(total - m_received),
                 (unsigned long long)bad);
        }
    }

    void fail(const char *fmt, ...)
    {
        if (!m_ok)
            return;
        m_ok = false;
        char buf[512];
        va_list ap;
        va_start(ap, fmt);
        std::vsnprintf(buf, sizeof buf, fmt, ap);
        va_end(ap);
        m_error = buf;
        std::fprintf(stderr, "bench_many: %s\n", buf);
        m_app.quit();
    }

    int finish()
    {
        m_finishing = true;
        const Memory end = sampleMemory();
        std::printf("{\"client\":\"mqttqt\",\"role\":\"many\",\"ok\":%s,\"error\":", m_ok ? "true" : "false");
        if (m_ok) {
            std::printf("null");
        } else {
            std::string e;
            for (char ch : m_error)
                e += (ch == '"' || ch == '\\') ? ' ' : ch;
            std::printf("\"%s\"", e.c_str());
        }
        std::printf(",\"idle\":%d,\"active\":%d,\"count\":%llu,\"qos\":%d,\"size\":%u,\"inflight\":%d,\"queued\":%d,"
                    "\"messages\":%llu,\"seconds\":%.6f,\"msgs_per_s\":%.1f,\"cpu_us_per_msg\":%.3f,"
                    "\"switches_per_msg\":%.4f,\"start_heap\":%lld,\"start_rss_anon_kib\":%lld,"
                    "\"start_rss_file_kib\":%lld,\"heap_per_queued_msg\":%.1f,\"heap_per_idle_object\":%.0f,"
                    "\"heap_per_idle_client\":%.0f,\"anon_per_idle_client\":%.0f,\"heap_per_active_client\":%.0f,"
                    "\"end_heap\":%lld,\"end_rss_anon_kib\":%lld,\"max_rss_kib\":%lld}\n",
                    m_o.idle, m_o.active, (unsigned long long)m_o.count, m_o.qos, m_o.size, m_o.inflight, m_o.queued,
                    (unsigned long long)m_messages, m_seconds, m_seconds > 0 ? double(m_messages) / m_seconds : 0.0,
                    m_cpuPerMessage, m_switchesPerMessage, (long long)m_start.heap, (long long)m_start.rssAnon,
                    (long long)m_start.rssFile, m_queuedHeap, m_idleObjectHeap, m_idleHeap, m_idleAnon, m_activeHeap,
                    (long long)end.heap, (long long)end.rssAnon, (long long)bench_peak_rss_kib());
        std::fflush(stdout);
        // Disconnect cleanly, then leave; the broker sees a normal end of every session.
        for (QObject *o : m_owner.children()) {
            if (auto *c = qobject_cast<MqttClient *>(o); c && c->state() != Mqtt::ClientState::Disconnected)
                c->disconnectFromHost();
        }
        QTimer::singleShot(200, &m_app, &QCoreApplication::quit);
        m_app.exec();
        if (m_ok)
            return BENCH_EXIT_OK;
        return m_validation ? BENCH_EXIT_VALIDATION : BENCH_EXIT_RUNTIME;
    }

    QCoreApplication &m_app;
    Options m_o;
    QObject m_owner;
    std::vector<MqttClient *> m_idle;
    std::vector<std::unique_ptr<Active>> m_active;
    Memory m_start;
    double m_queuedHeap = 0;
    double m_idleObjectHeap = 0;
    double m_idleHeap = 0;
    double m_idleAnon = 0;
    double m_activeHeap = 0;
    uint64_t m_received = 0;
    uint64_t m_messages = 0;
    double m_seconds = 0;
    double m_cpuPerMessage = 0;
    double m_switchesPerMessage = 0;
    bool m_ok = true;
    bool m_validation = false;
    bool m_finishing = false;
    std::string m_error;
};

} // namespace

int main(int argc, char **argv)
{
    const Options o = parse(argc, argv);
    QCoreApplication app(argc, argv);
    Many many(app, o);
    return many.run();
}
