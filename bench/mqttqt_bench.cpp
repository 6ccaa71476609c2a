// Copyright (C) 2026 The MqttQt authors.
// SPDX-License-Identifier: BSD-3-Clause
//
// bench_mqttqt - the MqttQt benchmark client (contract: bench/README.md).
//
// Same command line, payload and result line as bench_mosquitto and bench_paho. The
// client runs on the Qt event loop in one thread, as an application would use it.
// Window: the library's own setMaxInflightMessages(--inflight) limits outgoing QoS 1/2
// messages in flight; the application hands the library at most inflight + backlog
// messages that have not completed (published()) yet. QoS 0 messages complete when
// handed to the connection, so the publisher instead keeps at most 256 KiB waiting in
// the socket's write buffer and continues on bytesWritten(), as a well-behaved
// application would.
//
// MqttQt's own options, taken out of the command line before the common parser sees it:
//   --store none|memory|unsynced|grouped|synced|immediate  a session store: MqttMemorySessionStore
//                                            (memory), else a durable store in $TMPDIR
//                                            (removed first) with that durability
//   --store-engine log|sqlite                the durable store: the MqttLogSessionStore that
//                                            setPersistencePath() makes (the default), or
//                                            an MqttSqliteSessionStore
//   --alias 0|1                              MQTT 5 automatic topic aliases
// The note of the result line gives the store, the aliases and the bytes the broker
// acknowledged on the publisher's connection per message (same-thread publisher only).
//
// --publisher-thread (pub role only; an option of this program, not of the common
// contract): the client runs in an MqttClientThread (its own worker thread) and the main
// thread publishes into it with MqttClient::publish() from outside the client's thread,
// the cross-thread path. Same window: the publisher takes credits from a semaphore, in
// chunks of up to 16 so that it does not sleep and wake once per message, and the worker
// returns one per published(); for QoS 0 the worker holds credits back while more than
// 256 KiB wait in the socket's write buffer, as the same-thread publisher does.

#include "bench_common.h"

#include <MqttQt/MqttClient>
#include <MqttQt/MqttClientThread>
#include <MqttQt/MqttSqliteSessionStore>

#include <QtCore/QCoreApplication>
#include <QtCore/QDir>
#include <QtCore/QFile>
#include <QtCore/QSemaphore>
#include <QtCore/QTimer>
#include <QtNetwork/QAbstractSocket>

#include <algorithm>
#include <atomic>
#include <cstring>
#include <mutex>
#include <utility>
#include <vector>

#include <linux/tcp.h> // struct tcp_info with tcpi_bytes_acked
#include <netinet/in.h>
#include <sys/socket.h>

namespace {

bench_opts O;
bench_result R;
bench_sub S;
QByteArray StoreMode = "none";
QByteArray StoreEngine = "log";
bool AutoAlias = false;
QByteArray Note;

constexpr qint64 MaxUnwritten = 256 * 1024;

// A durable store's files: SQLite's database, log and shared memory, or the log store's
// file and the one a compaction writes.
void removeStore(const QString &path)
{
    for (const char *suffix : { "", "-wal", "-shm", ".compact" })
        QFile::remove(path + QLatin1String(suffix));
}

// --cafile: TLS options trusting that CA, in \a tls. False, with the run failed, if the
// file cannot be used; true (and \a tls untouched) without --cafile.
bool tlsFromOptions(MqttTlsOptions *tls)
{
    if (!O.cafile)
        return true;
    QString why;
    if (!tls->setCaCertificatesFile(QString::fromUtf8(O.cafile), &why)) {
        bench_fail(&R, "--cafile: %s", qPrintable(why));
        return false;
    }
    return true;
}

class Bench
{
public:
    explicit Bench(QCoreApplication &app) : m_app(app)
    {
        m_buf.resize(int(O.size));
        bench_payload_init(reinterpret_cast<unsigned char *>(m_buf.data()), O.size);
    }

    int run()
    {
        if (O.client_id)
            m_client.setClientId(QString::fromUtf8(O.client_id));
        m_client.setCleanSession(O.clean != 0);
        m_client.setProtocolVersion(O.protocol == 5 ? Mqtt::ProtocolVersion::V5 : Mqtt::ProtocolVersion::V3_1_1);
        m_client.setMaxInflightMessages(int(O.inflight));
        m_client.setAutoReconnect(false);
        MqttTlsOptions tls;
        if (!tlsFromOptions(&tls))
            return finish();
        if (O.cafile)
            m_client.setTlsOptions(tls);
        m_client.setAutoTopicAlias(AutoAlias);
        if (StoreMode == "memory") {
            m_client.setSessionStore(new MqttMemorySessionStore);
        } else if (StoreMode != "none") {
            const QString path = QDir::temp().filePath(QStringLiteral("bench_mqttqt-%1.%2")
                                                               .arg(m_client.clientId(), QLatin1String(StoreEngine)));
            removeStore(path);
            m_storePath = path;
            m_client.setSessionDurability(StoreMode == "immediate" ? Mqtt::Durability::Immediate
                                          : StoreMode == "synced"   ? Mqtt::Durability::Synced
                                          : StoreMode == "unsynced" ? Mqtt::Durability::Unsynced
                                                                    : Mqtt::Durability::Grouped);
            const Mqtt::ErrorCode opened = StoreEngine == "sqlite"
                    ? m_client.setSessionStore(new MqttSqliteSessionStore(path))
                    : m_client.setPersistencePath(path);
            if (opened != Mqtt::ErrorCode::NoError) {
                bench_fail(&R, "store: %s", qPrintable(m_client.errorString()));
                return finish();
            }
        }
        MqttProperties props;
        if (O.protocol == 5 && !O.clean)
            props.setInteger(Mqtt::PropertyId::SessionExpiryInterval, 3600);
        if (O.protocol == 5) // same inbound window as the other clients (bench_common.h)
            props.setInteger(Mqtt::PropertyId::ReceiveMaximum, BENCH_RECEIVE_MAXIMUM);

        QObject::connect(&m_client, &MqttClient::socketOpened, [this] {
            if (auto *s = qobject_cast<QAbstractSocket *>(m_client.socket()))
                s->setSocketOption(QAbstractSocket::LowDelayOption, O.nodelay);
        });
        QObject::connect(&m_client, &MqttClient::connackReceived,
                         [this](bool, Mqtt::ReasonCode rc, const MqttProperties &) { onConnack(rc); });
        QObject::connect(&m_client, &MqttClient::subscribed,
                         [this](int, const QList<Mqtt::ReasonCode> &codes, const MqttProperties &) {
                             onSubscribed(codes);
                         });
        QObject::connect(&m_client, &MqttClient::published,
                         [this](int, Mqtt::ReasonCode, const MqttProperties &) {
                             ++m_completed;
                             m_lastProgress = bench_now_ns();
                             if (O.role == BENCH_ROLE_PUB)
                                 pump();
                         });
        QObject::connect(&m_client, &MqttClient::messageReceived,
                         [this](const MqttMessage &m) { onMessage(m); });
        QObject::connect(&m_client, &MqttClient::disconnected,
                         [this](Mqtt::ErrorCode e, Mqtt::ReasonCode, const MqttProperties &) {
                             if (!m_finishing)
                                 bench_fail(&R, "disconnected: %s", qPrintable(m_client.errorString()));
                             m_app.quit();
                             (void)e;
                         });
        QObject::connect(&m_client, &MqttClient::errorOccurred, [this](Mqtt::ErrorCode, const QString &why) {
            if (m_client.state() != Mqtt::ClientState::Connected && !m_finishing) {
                bench_fail(&R, "%s", qPrintable(why));
                m_app.quit();
            }
        });
        m_progressTimer.setInterval(100);
        QObject::connect(&m_progressTimer, &QTimer::timeout, [this] { checkProgress(); });
        m_progressTimer.start();

        m_connectStart = bench_now_ns();
        m_lastProgress = m_connectStart;
        if (m_client.connectToHost(QString::fromUtf8(O.host), O.port, 60, {}, props) != Mqtt::ErrorCode::NoError) {
            bench_fail(&R, "connect: %s", qPrintable(m_client.errorString()));
            return finish();
        }
        m_app.exec();
        return finish();
    }

private:
    void onConnack(Mqtt::ReasonCode rc)
    {
        if (rc != Mqtt::ReasonCode::Success) {
            bench_fail(&R, "connection refused: %s", qPrintable(m_client.errorString()));
            m_app.quit();
            return;
        }
        if (O.role == BENCH_ROLE_PUB) {
            if (auto *s = m_client.socket())
                QObject::connect(s, &QIODevice::bytesWritten, [this] { pump(); });
            pump();
            return;
        }
        m_client.subscribe(QString::fromUtf8(O.topic), Mqtt::QoS(O.qos));
    }

    void onSubscribed(const QList<Mqtt::ReasonCode> &codes)
    {
        if (codes.isEmpty() || quint8(codes.first()) >= 0x80) {
            bench_fail(&R, "subscription refused");
            m_app.quit();
            return;
        }
        if (O.role == BENCH_ROLE_SUB) {
            bench_ready();
            if (O.count == 0)
                stop(); // subscribe-and-leave: persistent session set-up
            return;
        }
        m_rtts.reserve(size_t(O.count));
        m_rttIndex = 0;
        sendRtt();
    }

    void publishOne(uint64_t index)
    {
        const bool warm = index < O.warmup;
        const uint64_t seq = warm ? index : index - O.warmup;
        const uint64_t now = bench_now_ns();
        if (!warm && m_t0 == 0) {
            m_t0 = now;
            bench_mark_measuring();
        }
        // The library keeps a reference to the payload while the message is pending:
        // writing into a shared buffer detaches it, as any application buffer would.
        bench_payload_stamp(reinterpret_cast<unsigned char *>(m_buf.data()), O.size, seq, now, warm);
        const MqttMessageInfo info = m_client.publish(m_topic, m_buf, Mqtt::QoS(O.qos));
        if (info.rc() != Mqtt::ErrorCode::NoError) {
            bench_fail(&R, "publish: %s", qPrintable(m_client.errorString()));
            m_app.quit();
        }
        m_lastSend = now;
    }

    void pump()
    {
        // published() for QoS 0 is emitted inside publish(): no recursion, loop instead.
        if (m_inPump)
            return;
        m_inPump = true;
        pumpLoop();
        m_inPump = false;
        finishIfDone();
    }

    void pumpLoop()
    {
        const uint64_t total = O.warmup + O.count;
        const uint64_t limit = uint64_t(O.inflight) + O.backlog;
        QIODevice *socket = m_client.socket();
        while (m_handed < total && R.ok) {
            if (O.qos == 0) {
                if (socket && socket->bytesToWrite() > MaxUnwritten)
                    break;
            } else if (m_handed - m_completed >= limit) {
                break;
            }
            publishOne(m_handed++);
        }
    }

    void finishIfDone()
    {
        const uint64_t total = O.warmup + O.count;
        QIODevice *socket = m_client.socket();
        if (m_completed >= total && !m_finishing) {
            // QoS 0: every message was handed over; the run ends when the socket has
            // written them all.
            if (O.qos == 0 && socket && socket->bytesToWrite() > 0)
                return;
            R.messages = O.count;
            R.seconds = double(bench_now_ns() - m_t0) / 1e9;
            stop();
        }
    }

    void onMessage(const MqttMessage &m)
    {
        const uint64_t now = bench_now_ns();
        m_lastProgress = now;
        const QByteArray payload = m.payload();
        if (O.role == BENCH_ROLE_SUB) {
            if (bench_sub_on_payload(&S, payload.constData(), size_t(payload.size()), now))
                stop();
            return;
        }
        uint64_t seq = 0, ts = 0;
        const int kind = bench_payload_parse(payload.constData(), size_t(payload.size()), &seq, &ts);
        const uint64_t total = O.warmup + O.count;
        const bool warm = m_rttIndex < O.warmup;
        const uint64_t expect = warm ? m_rttIndex : m_rttIndex - O.warmup;
        if (kind < 0 || seq != expect || kind != int(warm))
            return;
        if (!warm) {
            m_rtts.push_back(now - m_lastSend);
            if (O.max_seconds > 0 && double(now - m_t0) / 1e9 >= O.max_seconds && m_rtts.size() < O.count) {
                R.truncated = 1;
                m_rttIndex = total;
            }
        }
        if (++m_rttIndex >= total) {
            R.messages = m_rtts.size();
            R.seconds = m_t0 ? double(now - m_t0) / 1e9 : 0;
            bench_result_latency(&R, m_rtts.data(), m_rtts.size());
            stop();
            return;
        }
        sendRtt();
    }

    void sendRtt() { publishOne(m_rttIndex); }

    void checkProgress()
    {
        if (O.role == BENCH_ROLE_PUB && !m_finishing)
            pump();
        if (!m_finishing && double(bench_now_ns() - m_lastProgress) / 1e9 > O.timeout) {
            if (O.role == BENCH_ROLE_PUB)
                bench_fail(&R, "timeout: %llu of %llu messages completed", (unsigned long long)m_completed,
                           (unsigned long long)(O.warmup + O.count));
            else if (O.role == BENCH_ROLE_RTT)
                bench_fail(&R, "timeout waiting for own message %llu", (unsigned long long)m_rttIndex);
            else
                fprintf(stderr, "bench_mqttqt sub: no message for %.0f s, giving up\n", O.timeout);
            stop();
        }
    }

    void stop()
    {
        if (m_finishing)
            return;
        m_finishing = true;
        // Bytes the broker acknowledged on this connection (CONNECT included), from TCP.
        if (auto *s = qobject_cast<QAbstractSocket *>(m_client.socket())) {
            tcp_info info{};
            socklen_t len = sizeof info;
            if (getsockopt(int(s->socketDescriptor()), IPPROTO_TCP, TCP_INFO, &info, &len) == 0)
                m_wireBytes = qint64(info.tcpi_bytes_acked);
        }
        if (m_client.disconnectFromHost() != Mqtt::ErrorCode::NoError)
            m_app.quit();
        QTimer::singleShot(5000, &m_app, &QCoreApplication::quit);
    }

    int finish()
    {
        if (O.role == BENCH_ROLE_SUB && O.count > 0)
            bench_sub_finish(&R, &S, m_connectStart);
        Note = "store " + StoreMode + (StoreMode == "none" || StoreMode == "memory" ? QByteArray() : " " + StoreEngine)
                + ", aliases " + (AutoAlias ? "on" : "off");
        if (O.role == BENCH_ROLE_PUB && m_handed > 0)
            Note += ", " + QByteArray::number(double(m_wireBytes) / double(m_handed), 'f', 1) + " wire bytes/msg";
        R.note = Note.constData();
        if (!m_storePath.isEmpty()) {
            delete m_client.takeSessionStore();
            removeStore(m_storePath);
        }
        return bench_report(&O, &R, O.role == BENCH_ROLE_SUB ? &S : nullptr);
    }

    QCoreApplication &m_app;
    MqttClient m_client;
    QTimer m_progressTimer;
    QString m_topic = QString::fromUtf8(O.topic);
    QByteArray m_buf;
    uint64_t m_handed = 0;
    uint64_t m_completed = 0;
    uint64_t m_t0 = 0;
    uint64_t m_connectStart = 0;
    uint64_t m_lastProgress = 0;
    uint64_t m_lastSend = 0;
    uint64_t m_rttIndex = 0;
    std::vector<uint64_t> m_rtts;
    bool m_finishing = false;
    bool m_inPump = false;
    qint64 m_wireBytes = 0;
    QString m_storePath;
};

// The publisher in the main thread, the client in an MqttClientThread (see the header).
class ThreadedPublisher
{
public:
    ThreadedPublisher()
    {
        m_buf.resize(int(O.size));
        bench_payload_init(reinterpret_cast<unsigned char *>(m_buf.data()), O.size);
    }

    int run()
    {
        MqttConnectOptions options(QString::fromUtf8(O.host), O.port);
        options.setClientId(QString::fromUtf8(O.client_id));
        options.setCleanSession(O.clean != 0);
        options.setProtocolVersion(O.protocol == 5 ? Mqtt::ProtocolVersion::V5 : Mqtt::ProtocolVersion::V3_1_1);
        options.setConnectTimeout(int(O.timeout * 1000));
        MqttProperties props;
        if (O.protocol == 5 && !O.clean)
            props.setInteger(Mqtt::PropertyId::SessionExpiryInterval, 3600);
        if (O.protocol == 5)
            props.setInteger(Mqtt::PropertyId::ReceiveMaximum, BENCH_RECEIVE_MAXIMUM);
        options.setConnectProperties(props);
        MqttTlsOptions tls;
        if (!tlsFromOptions(&tls))
            return bench_report(&O, &R, nullptr);
        if (O.cafile)
            options.setTlsOptions(tls);
        MqttClientThread worker(options);
        MqttClient *client = worker.client();
        client->setMaxInflightMessages(int(O.inflight));
        client->setAutoReconnect(false);
        // Everything below runs in the worker thread (direct connections to the client).
        QObject::connect(client, &MqttClient::socketOpened, client, [this, client] {
            m_socket = client->socket();
            if (auto *s = qobject_cast<QAbstractSocket *>(m_socket))
                s->setSocketOption(QAbstractSocket::LowDelayOption, O.nodelay);
            if (m_socket)
                QObject::connect(m_socket, &QIODevice::bytesWritten, client, [this] { onBytesWritten(); },
                                 Qt::DirectConnection);
        }, Qt::DirectConnection);
        QObject::connect(client, &MqttClient::published, client,
                         [this](int, Mqtt::ReasonCode, const MqttProperties &) { onCompleted(); }, Qt::DirectConnection);
        QObject::connect(client, &MqttClient::publishFailed, client,
                         [this](int, Mqtt::ErrorCode, const QString &why) { onFailure(why); }, Qt::DirectConnection);
        QObject::connect(client, &MqttClient::disconnected, client,
                         [this, client](Mqtt::ErrorCode e, Mqtt::ReasonCode, const MqttProperties &) {
                             if (!m_finishing.load() && e != Mqtt::ErrorCode::NoError)
                                 onFailure(client->errorString());
                         }, Qt::DirectConnection);

        const uint64_t total = O.warmup + O.count;
        m_total = total;
        const int window = int(std::min<uint64_t>(uint64_t(O.inflight) + O.backlog, 1u << 30));
        m_credits.release(window);
        if (worker.start() != Mqtt::ErrorCode::NoError || !worker.waitForConnected(int(O.timeout * 1000))) {
            bench_fail(&R, "connect: %s", qPrintable(worker.errorString()));
            return finish(worker);
        }
        const QString topic = QString::fromUtf8(O.topic);
        const int timeoutMs = int(O.timeout * 1000);
        uint64_t handed = 0;
        while (handed < total && !m_failed.load()) {
            const int chunk = int(std::min<uint64_t>({ uint64_t(16), uint64_t(window), total - handed }));
            if (!m_credits.tryAcquire(chunk, timeoutMs)) {
                bench_fail(&R, "timeout: %llu of %llu messages completed", (unsigned long long)m_completed.load(),
                           (unsigned long long)total);
                return finish(worker);
            }
            for (int k = 0; k < chunk; ++k, ++handed) {
                const bool warm = handed < O.warmup;
                const uint64_t seq = warm ? handed : handed - O.warmup;
                const uint64_t now = bench_now_ns();
                if (!warm && m_t0 == 0) {
                    m_t0 = now;
                    bench_mark_measuring();
                }
                bench_payload_stamp(reinterpret_cast<unsigned char *>(m_buf.data()), O.size, seq, now, warm);
                const MqttMessageInfo info = client->publish(topic, m_buf, Mqtt::QoS(O.qos));
                if (info.rc() != Mqtt::ErrorCode::NoError) {
                    bench_fail(&R, "publish: %s", qPrintable(Mqtt::errorString(info.rc())));
                    return finish(worker);
                }
            }
        }
        if (!m_failed.load() && !m_allDone.tryAcquire(1, timeoutMs))
            bench_fail(&R, "timeout: %llu of %llu messages completed", (unsigned long long)m_completed.load(),
                       (unsigned long long)total);
        if (m_failed.load()) {
            std::lock_guard<std::mutex> lock(m_failureMutex);
            bench_fail(&R, "%s", qPrintable(m_failure));
        } else if (R.ok) {
            R.messages = O.count;
            R.seconds = double(m_lastCompletion.load() - m_t0) / 1e9;
        }
        return finish(worker);
    }

private:
    // Worker thread.
    void onCompleted()
    {
        const uint64_t done = ++m_completed;
        m_lastCompletion.store(bench_now_ns());
        if (O.qos == 0 && m_socket && m_socket->bytesToWrite() > MaxUnwritten)
            ++m_deferred;
        else
            m_credits.release(1 + std::exchange(m_deferred, 0));
        if (done == m_total)
            checkAllDone();
    }

    void onBytesWritten()
    {
        if (m_deferred > 0 && m_socket->bytesToWrite() <= MaxUnwritten)
            m_credits.release(std::exchange(m_deferred, 0));
        checkAllDone();
    }

    void checkAllDone()
    {
        // QoS 0: the run ends when the socket has written every byte, as in the other mode.
        if (m_completed.load() == m_total && !m_signalled && (!m_socket || m_socket->bytesToWrite() == 0)) {
            m_signalled = true;
            m_lastCompletion.store(bench_now_ns());
            m_allDone.release();
        }
    }

    void onFailure(const QString &why)
    {
        {
            std::lock_guard<std::mutex> lock(m_failureMutex);
            if (m_failure.isEmpty())
                m_failure = why;
        }
        m_failed.store(true);
        m_credits.release(1 << 20); // wake the publisher
        m_allDone.release();
    }

    // Main thread.
    int finish(MqttClientThread &worker)
    {
        m_finishing.store(true);
        worker.stop();
        return bench_report(&O, &R, nullptr);
    }

    QByteArray m_buf;
    QSemaphore m_credits;
    QSemaphore m_allDone;
    uint64_t m_total = 0;
    uint64_t m_t0 = 0;
    std::atomic<uint64_t> m_completed{ 0 };
    std::atomic<uint64_t> m_lastCompletion{ 0 };
    std::atomic<bool> m_failed{ false };
    std::atomic<bool> m_finishing{ false };
    std::mutex m_failureMutex;
    QString m_failure;
    // Worker thread only.
    QIODevice *m_socket = nullptr;
    int m_deferred = 0;
    bool m_signalled = false;
};

} // namespace

int main(int argc, char **argv)
{
    // This program's own options (see the top) come out before the common parser.
    bool publisherThread = false;
    std::vector<char *> args;
    for (int i = 0; i < argc; ++i) {
        if (i > 0 && !std::strcmp(argv[i], "--publisher-thread")) {
            publisherThread = true;
        } else if (i > 0 && i + 1 < argc && !std::strcmp(argv[i], "--store")) {
            StoreMode = argv[++i];
            if (StoreMode != "none" && StoreMode != "memory" && StoreMode != "unsynced" && StoreMode != "grouped"
                && StoreMode != "synced" && StoreMode != "immediate") {
                fprintf(stderr, "bench_mqttqt: --store none|memory|unsynced|grouped|synced|immediate\n");
                return BENCH_EXIT_USAGE;
            }
        } else if (i > 0 && i + 1 < argc && !std::strcmp(argv[i], "--store-engine")) {
            StoreEngine = argv[++i];
            if (StoreEngine != "sqlite" && StoreEngine != "log") {
                fprintf(stderr, "bench_mqttqt: --store-engine log|sqlite\n");
                return BENCH_EXIT_USAGE;
            }
        } else if (i > 0 && i + 1 < argc && !std::strcmp(argv[i], "--alias")) {
            AutoAlias = atoi(argv[++i]) != 0;
        } else {
            args.push_back(argv[i]);
        }
    }
    int n = int(args.size());
    args.push_back(nullptr);
    bench_parse_args(n, args.data(), &O, "bench_mqttqt");
    R.client = "mqttqt";
    R.lib = "MqttQt 0.1.0 (Qt " QT_VERSION_STR ")";
    R.ok = 1;
    if (publisherThread && O.role != BENCH_ROLE_PUB) {
        fprintf(stderr, "bench_mqttqt: --publisher-thread is for --role pub only\n");
        return BENCH_EXIT_USAGE;
    }
    if (publisherThread && (StoreMode != "none" || AutoAlias)) {
        fprintf(stderr, "bench_mqttqt: --store and --alias are for the same-thread publisher\n");
        return BENCH_EXIT_USAGE;
    }
    if (O.role == BENCH_ROLE_SUB)
        bench_sub_init(&S, O.count);
    QCoreApplication app(n, args.data());
    if (publisherThread) {
        R.note = "published from the main thread into a client in an MqttClientThread";
        ThreadedPublisher publisher;
        return publisher.run();
    }
    Bench bench(app);
    return bench.run();
}
