// Copyright (C) 2026 The MqttQt authors.
// SPDX-License-Identifier: BSD-3-Clause
//
// The models alone, under load, without a broker.
//
// Flood (default): a worker thread adds --rate messages per second, spread over --topics
// distinct topics (site/device/sensor, three levels below "bench"), to a MqttMessageFeed
// for --seconds, while the main thread runs the event loop with a MqttTopicTreeModel
// (default 100 ms adaptive tick), a MqttMessageHistoryModel following one topic and,
// with --proxy, a MqttTopicFilterProxyModel (with --filter TEXT). Reported:
//   - apply time per tick (the model's batchApplied), p50 / p99 / max
//   - event-loop lateness of a 10 ms precise timer probe, p50 / p99 / max
//   - signals per tick (dataChanged, rowsInserted), ticks, effective tick interval
//   - producer cost per addMessage(), peak RSS (VmHWM)
//
// Memory (--memory N): stores N messages of --payload bytes (default 16) in 1,000 topics
// (so N/1,000 each, history bounds raised to fit) and reports the heap growth per
// message beyond the payload bytes (glibc mallinfo2), then the cost of a topic with one
// message (100,000 topics).
#include <MqttQt/mqttmessagefeed.h>
#include <MqttQt/mqttmessagehistorymodel.h>
#include <MqttQt/mqtttopicfilterproxymodel.h>
#include <MqttQt/mqtttopictreemodel.h>

#include <QtCore/QCommandLineParser>
#include <QtCore/QCoreApplication>
#include <QtCore/QElapsedTimer>
#include <QtCore/QFile>
#include <QtCore/QTimer>

#include <malloc.h>
#include <sys/resource.h>
#include <pthread.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <thread>
#include <vector>

namespace {

qint64 procStatusKb(const char *field)
{
    QFile f(QStringLiteral("/proc/self/status"));
    if (!f.open(QIODevice::ReadOnly))
        return -1;
    const QByteArray key = QByteArray(field) + ':';
    for (const QByteArray &line : f.readAll().split('\n')) {
        if (line.startsWith(key))
            return line.mid(key.size()).trimmed().split(' ').value(0).toLongLong();
    }
    return -1;
}

// CPU time of the calling thread, in microseconds.
qint64 threadCpuUsec()
{
    struct rusage ru;
    getrusage(RUSAGE_THREAD, &ru);
    return qint64(ru.ru_utime.tv_sec + ru.ru_stime.tv_sec) * 1000000 + ru.ru_utime.tv_usec + ru.ru_stime.tv_usec;
}

qint64 heapInUse()
{
    const struct mallinfo2 mi = mallinfo2();
    return qint64(mi.uordblks + mi.hblkhd);
}

template<typename T>
T percentile(std::vector<T> v, double p)
{
    if (v.empty())
        return T();
    std::sort(v.begin(), v.end());
    const size_t i = std::min(v.size() - 1, size_t(p * double(v.size() - 1) + 0.5));
    return v[i];
}

QString topicName(int i)
{
    // 50 sites x 100 devices x 10 sensors = 50,000 topics at the default.
    return QStringLiteral("bench/site%1/dev%2/sensor%3").arg(i / 1000).arg((i / 10) % 100).arg(i % 10);
}

int runFlood(int rate, int topics, int seconds, bool withProxy, const QString &filter)
{
    MqttMessageFeed feed;
    MqttTopicTreeModel model;
    model.setFeed(&feed);
    MqttMessageHistoryModel history;
    history.setTreeModel(&model);
    history.setTopic(topicName(0));
    MqttTopicFilterProxyModel proxy;
    if (withProxy) {
        proxy.setSourceModel(&model);
        proxy.setFilterText(filter);
    }

    std::vector<qint64> tickUsec;
    std::vector<qint64> tickCpuUsec; // the model thread's CPU time since the previous tick
    std::vector<int> tickMessages;
    qint64 lastTickCpu = threadCpuUsec();
    qint64 dataChanged = 0;
    qint64 rowsInserted = 0;
    QObject::connect(&model, &MqttTopicTreeModel::batchApplied, [&](int messages, int, qint64 usec) {
        tickUsec.push_back(usec);
        tickMessages.push_back(messages);
        const qint64 cpu = threadCpuUsec();
        tickCpuUsec.push_back(cpu - lastTickCpu);
        lastTickCpu = cpu;
    });
    QObject::connect(&model, &QAbstractItemModel::dataChanged, [&] { ++dataChanged; });
    QObject::connect(&model, &QAbstractItemModel::rowsInserted, [&] { ++rowsInserted; });

    // Event-loop probe: how late a 10 ms timer fires.
    std::vector<qint64> lateUsec;
    QElapsedTimer clock;
    clock.start();
    qint64 lastNs = -1;
    QTimer probe;
    probe.setTimerType(Qt::PreciseTimer);
    probe.setInterval(10);
    QObject::connect(&probe, &QTimer::timeout, [&] {
        const qint64 ns = clock.nsecsElapsed();
        if (lastNs >= 0)
            lateUsec.push_back(std::max<qint64>(0, (ns - lastNs) / 1000 - 10000));
        lastNs = ns;
    });
    probe.start();

    std::atomic<bool> stop{false};
    std::atomic<qint64> produced{0};
    std::atomic<qint64> addNs{0};
    std::thread producer([&] {
        pthread_setname_np(pthread_self(), "producer"); // apart from the model thread in perf
        QElapsedTimer t;
        t.start();
        quint32 lcg = 12345;
        qint64 sent = 0;
        qint64 inAdd = 0;
        std::vector<MqttMessage> slice;
        while (!stop.load(std::memory_order_relaxed)) {
            const qint64 due = qint64(double(rate) * double(t.nsecsElapsed()) / 1e9);
            slice.clear();
            for (qint64 i = sent; i < due; ++i) {
                lcg = lcg * 1664525u + 1013904223u;
                const int topic = int((lcg >> 8) % quint32(topics));
                slice.emplace_back(topicName(topic), QByteArray("{\"v\":") + QByteArray::number(lcg % 10000)
                                           + QByteArray(",\"seq\":") + QByteArray::number(i) + '}');
            }
            QElapsedTimer a;
            a.start();
            for (const MqttMessage &m : slice)
                feed.addMessage(m);
            inAdd += a.nsecsElapsed();
            sent = due;
            produced.store(sent, std::memory_order_relaxed);
            std::this_thread::sleep_for(std::chrono::milliseconds(1));
        }
        addNs.store(inAdd);
    });

    QCoreApplication *app = QCoreApplication::instance();
    QTimer::singleShot(seconds * 1000, app, [app] { app->quit(); });
    const qint64 cpu0 = threadCpuUsec();
    app->exec();
    const qint64 modelCpu = threadCpuUsec() - cpu0;
    stop.store(true);
    producer.join();
    probe.stop();
    const qint64 total = produced.load();
    model.setPaused(false);
    model.applyPending(); // what arrived after the last tick

    qint64 maxTickMessages = 0;
    for (int m : tickMessages)
        maxTickMessages = std::max<qint64>(maxTickMessages, m);
    std::printf("flood: %d msgs/s for %d s over %d topics%s\n", rate, seconds, topics,
                withProxy ? qPrintable(QStringLiteral(", filter proxy \"%1\"").arg(filter)) : "");
    std::printf("  produced %lld, applied %lld, skipped %lld, topics %d, stored %d (%.1f MiB payload)\n",
                static_cast<long long>(total), static_cast<long long>(model.messageCount()),
                static_cast<long long>(model.skippedCount()), model.topicCount(), model.storedMessageCount(),
                double(model.storedBytes()) / 1048576.0);
    std::printf("  ticks %zu, messages per tick max %lld, effective tick at end %d ms\n", tickUsec.size(),
                static_cast<long long>(maxTickMessages), model.effectiveTickInterval());
    std::printf("  apply per tick: p50 %.2f ms, p99 %.2f ms, max %.2f ms\n", percentile(tickUsec, 0.50) / 1000.0,
                percentile(tickUsec, 0.99) / 1000.0, percentile(tickUsec, 1.0) / 1000.0);
    const std::vector<qint64> secondHalf(tickUsec.begin() + qsizetype(tickUsec.size() / 2), tickUsec.end());
    std::printf("  apply per tick, second half: p50 %.2f ms, p99 %.2f ms, max %.2f ms\n",
                percentile(secondHalf, 0.50) / 1000.0, percentile(secondHalf, 0.99) / 1000.0,
                percentile(secondHalf, 1.0) / 1000.0);
    std::printf("  model thread CPU per tick (tick and the event loop since the previous one): p50 %.2f ms, "
                "p99 %.2f ms, max %.2f ms\n",
                percentile(tickCpuUsec, 0.50) / 1000.0, percentile(tickCpuUsec, 0.99) / 1000.0,
                percentile(tickCpuUsec, 1.0) / 1000.0);
    qint64 applyUsec = 0;
    for (qint64 u : tickUsec)
        applyUsec += u;
    std::printf("  apply per message: %.2f us; model thread busy applying %.1f%% of the run\n",
                total ? double(applyUsec) / double(total) : 0.0, double(applyUsec) / (seconds * 1e4));
    std::printf("  model thread CPU: %.2f s in all (%.2f us per message, event loop and probe included)\n",
                double(modelCpu) / 1e6, total ? double(modelCpu) / double(total) : 0.0);
    std::printf("  event-loop lateness (10 ms probe, %zu samples): p50 %.2f ms, p99 %.2f ms, max %.2f ms\n",
                lateUsec.size(), percentile(lateUsec, 0.50) / 1000.0, percentile(lateUsec, 0.99) / 1000.0,
                percentile(lateUsec, 1.0) / 1000.0);
    std::printf("  signals per tick: dataChanged %.1f, rowsInserted %.1f\n",
                tickUsec.empty() ? 0.0 : double(dataChanged) / double(tickUsec.size()),
                tickUsec.empty() ? 0.0 : double(rowsInserted) / double(tickUsec.size()));
    std::printf("  producer: %.0f ns per addMessage()\n", total ? double(addNs.load()) / double(total) : 0.0);
    std::printf("  peak RSS %.1f MiB\n", double(procStatusKb("VmHWM")) / 1024.0);
    std::fflush(stdout);
    return model.messageCount() == total ? 0 : 1;
}

void fill(MqttMessageFeed &feed, MqttTopicTreeModel &model, int topics, int perTopic, int payloadSize,
          qint64 &payloadBytes)
{
    const qint64 t0 = 1700000000000;
    int added = 0;
    for (int round = 0; round < perTopic; ++round) {
        for (int t = 0; t < topics; ++t) {
            // A distinct allocation per payload, as the client delivers them.
            QByteArray payload(payloadSize, char('a' + (round + t) % 26));
            payloadBytes += payload.size();
            feed.addMessageAt(MqttMessage(topicName(t), payload), t0 + added);
            if (++added % 100000 == 0)
                model.applyPending(t0 + added);
        }
    }
    model.applyPending(t0 + added);
}

int runMemory(int messages, int payloadSize)
{
    constexpr int Topics = 1000;
    const int perTopic = std::max(1, messages / Topics);
    const int total = perTopic * Topics;
    qint64 payloadBytes = 0;
    std::printf("memory: %d messages of %d bytes in %d topics (%d each)\n", total, payloadSize, Topics, perTopic);
    {
        MqttMessageFeed feed;
        feed.setMaxPendingMessages(200000);
        MqttTopicTreeModel model;
        model.setTickInterval(0);
        model.setFeed(&feed);
        model.setMaxHistoryPerTopic(perTopic);
        model.setMaxHistoryMessages(total);
        model.setMaxHistoryBytes(qint64(1) << 40);
        // The topics and the per-tick scratch first, so the growth measured next is the
        // messages' alone.
        qint64 warm = 0;
        fill(feed, model, Topics, 1, payloadSize, warm);
        fill(feed, model, Topics, 100, payloadSize, warm);
        model.setMaxHistoryPerTopic(1);
        model.setMaxHistoryPerTopic(perTopic);
        malloc_trim(0);
        const qint64 heap0 = heapInUse();
        const qint64 rss0 = procStatusKb("VmRSS");
        fill(feed, model, Topics, perTopic, payloadSize, payloadBytes);
        const qint64 heap1 = heapInUse();
        const qint64 rss1 = procStatusKb("VmRSS");
        const qint64 added = model.storedMessageCount() - Topics; // the warm-up left one per topic
        std::printf("  stored %d messages, heap +%.1f MiB, RSS +%.1f MiB\n", model.storedMessageCount(),
                    double(heap1 - heap0) / 1048576.0, double(rss1 - rss0) / 1024.0);
        std::printf("  per message: %.1f bytes of heap, of which %d payload bytes: %.1f bytes overhead\n",
                    double(heap1 - heap0) / double(added), payloadSize,
                    double(heap1 - heap0 - payloadBytes + qint64(Topics) * payloadSize) / double(added));
    }
    {
        constexpr int ManyTopics = 100000;
        MqttMessageFeed feed;
        feed.setMaxPendingMessages(200000);
        MqttTopicTreeModel model;
        model.setTickInterval(0);
        model.setFeed(&feed);
        qint64 warm = 0;
        fill(feed, model, 1, 1, payloadSize, warm); // scratch buffers
        malloc_trim(0);
        const qint64 heap0 = heapInUse();
        qint64 bytes = 0;
        fill(feed, model, ManyTopics, 1, payloadSize, bytes);
        const qint64 heap1 = heapInUse();
        std::printf("  per topic with one message (%d topics, 3 levels, ~%d-byte names): %.0f bytes of heap\n",
                    model.topicCount(), int(topicName(ManyTopics - 1).size()),
                    double(heap1 - heap0) / double(ManyTopics));
    }
    std::printf("  peak RSS %.1f MiB\n", double(procStatusKb("VmHWM")) / 1024.0);
    return 0;
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("MqttQt models benchmark"));
    parser.addHelpOption();
    const QCommandLineOption rate(QStringLiteral("rate"), QStringLiteral("Messages per second."), QStringLiteral("n"),
                                  QStringLiteral("20000"));
    const QCommandLineOption topics(QStringLiteral("topics"), QStringLiteral("Distinct topics."), QStringLiteral("n"),
                                    QStringLiteral("50000"));
    const QCommandLineOption seconds(QStringLiteral("seconds"), QStringLiteral("Duration."), QStringLiteral("n"),
                                     QStringLiteral("30"));
    const QCommandLineOption proxy(QStringLiteral("proxy"), QStringLiteral("Put a filter proxy on the tree."));
    const QCommandLineOption filter(QStringLiteral("filter"), QStringLiteral("The proxy's filter text."),
                                    QStringLiteral("text"), QString());
    const QCommandLineOption memory(QStringLiteral("memory"), QStringLiteral("Measure memory per stored message."),
                                    QStringLiteral("messages"));
    const QCommandLineOption payload(QStringLiteral("payload"), QStringLiteral("Payload bytes (memory mode)."),
                                     QStringLiteral("n"), QStringLiteral("16"));
    parser.addOptions({rate, topics, seconds, proxy, filter, memory, payload});
    parser.process(app);
    if (parser.isSet(memory))
        return runMemory(parser.value(memory).toInt(), parser.value(payload).toInt());
    return runFlood(parser.value(rate).toInt(), std::max(1, parser.value(topics).toInt()),
                    parser.value(seconds).toInt(), parser.isSet(proxy), parser.value(filter));
}
