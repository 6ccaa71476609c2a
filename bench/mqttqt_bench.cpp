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
//                                            (memory), else MqttSqliteSessionStore in $TMPDIR
//                                            (removed first) with that durability
//   --alias 0|1                              MQTT 5 automatic topic aliases
// The note of the result line gives the store, the aliases and the bytes the publisher
// wrote to the socket per message.

#include "bench_common.h"

#include <MqttQt/MqttClient>

#include <QtCore/QCoreApplication>
#include <QtCore/QDir>
#include <QtCore/QFile>
#include <QtCore/QTimer>
#include <QtNetwork/QAbstractSocket>

#include <vector>

#include <linux/tcp.h> // struct tcp_info with tcpi_bytes_acked
#include <netinet/in.h>
#include <sys/socket.h>

namespace {

bench_opts O;
bench_result R;
bench_sub S;
QByteArray StoreMode = "none";
bool AutoAlias = false;
QByteArray Note;

constexpr qint64 MaxUnwritten = 256 * 1024;

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
        m_client.setAutoTopicAlias(AutoAlias);
        if (StoreMode == "memory") {
            m_client.setSessionStore(new MqttMemorySessionStore);
        } else if (StoreMode != "none") {
            const QString path = QDir::temp().filePath(QStringLiteral("bench_mqttqt-%1.db").arg(m_client.clientId()));
            for (const char *suffix : { "", "-wal", "-shm" })
                QFile::remove(path + QLatin1String(suffix));
            m_storePath = path;
            m_client.setSessionDurability(StoreMode == "immediate" ? Mqtt::Durability::Immediate
                                          : StoreMode == "synced"   ? Mqtt::Durability::Synced
                                          : StoreMode == "unsynced" ? Mqtt::Durability::Unsynced
                                                                    : Mqtt::Durability::Grouped);
            if (m_client.setPersistencePath(path) != Mqtt::ErrorCode::NoError) {
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
        if (!warm && m_t0 == 0)
            m_t0 = now;
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
        Note = "store " + StoreMode + ", aliases " + (AutoAlias ? "on" : "off");
        if (O.role == BENCH_ROLE_PUB && m_handed > 0)
            Note += ", " + QByteArray::number(double(m_wireBytes) / double(m_handed), 'f', 1) + " wire bytes/msg";
        R.note = Note.constData();
        if (!m_storePath.isEmpty()) {
            delete m_client.takeSessionStore();
            for (const char *suffix : { "", "-wal", "-shm" })
                QFile::remove(m_storePath + QLatin1String(suffix));
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

} // namespace

int main(int argc, char **argv)
{
    // MqttQt's own options first (see the top); the rest is the common command line.
    std::vector<char *> rest;
    for (int i = 0; i < argc; ++i) {
        if (i + 1 < argc && !strcmp(argv[i], "--store")) {
            StoreMode = argv[++i];
            if (StoreMode != "none" && StoreMode != "memory" && StoreMode != "unsynced" && StoreMode != "grouped"
                && StoreMode != "synced" && StoreMode != "immediate") {
                fprintf(stderr, "bench_mqttqt: --store none|memory|unsynced|grouped|synced|immediate\n");
                return 2;
            }
        } else if (i + 1 < argc && !strcmp(argv[i], "--alias")) {
            AutoAlias = atoi(argv[++i]) != 0;
        } else {
            rest.push_back(argv[i]);
        }
    }
    argc = int(rest.size());
    rest.push_back(nullptr);
    argv = rest.data();
    bench_parse_args(argc, argv, &O, "bench_mqttqt");
    R.client = "mqttqt";
    R.lib = "MqttQt 0.1.0 (Qt " QT_VERSION_STR ")";
    R.ok = 1;
    if (O.role == BENCH_ROLE_SUB)
        bench_sub_init(&S, O.count);
    QCoreApplication app(argc, argv);
    Bench bench(app);
    return bench.run();
}
