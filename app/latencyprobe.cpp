// Copyright (C) 2026 The MqttQt authors.
// SPDX-License-Identifier: BSD-3-Clause
#include "latencyprobe.h"

#include <QtCore/QFile>

#include <algorithm>

#include <time.h>

namespace {

constexpr int intervalMsecs = 10;

qint64 statusValueKib(const char *field)
{
    QFile status(QStringLiteral("/proc/self/status"));
    if (!status.open(QIODevice::ReadOnly))
        return -1;
    const QList<QByteArray> lines = status.readAll().split('\n');
    for (const QByteArray &line : lines) {
        if (line.startsWith(field)) {
            const QList<QByteArray> parts = line.mid(qsizetype(qstrlen(field))).simplified().split(' ');
            return parts.value(0).toLongLong();
        }
    }
    return -1;
}

// CPU time of the calling thread in microseconds.
qint64 threadCpuUsec()
{
    timespec ts {};
    if (clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts) != 0)
        return 0;
    return qint64(ts.tv_sec) * 1000000 + ts.tv_nsec / 1000;
}

double quantile(std::vector<qint32> values, double q)
{
    if (values.empty())
        return 0;
    const size_t k = std::min(values.size() - 1, size_t(q * double(values.size() - 1) + 0.5));
    std::nth_element(values.begin(), values.begin() + qsizetype(k), values.end());
    return values[k] / 1000.0;
}

} // namespace

LatencyProbe::LatencyProbe(QObject *parent)
    : QObject(parent)
{
    m_timer.setTimerType(Qt::PreciseTimer);
    m_timer.setInterval(intervalMsecs);
    m_latenessUsec.reserve(100000);
    m_cpuUsec.reserve(100000);
    connect(&m_timer, &QTimer::timeout, this, [this] {
        const qint64 now = m_clock.nsecsElapsed() / 1000;
        const qint64 cpu = threadCpuUsec();
        if (m_last >= 0) {
            const qint64 late = now - m_last - intervalMsecs * 1000;
            m_latenessUsec.push_back(qint32(qBound(qint64(0), late, qint64(std::numeric_limits<qint32>::max()))));
            m_cpuUsec.push_back(qint32(qBound(qint64(0), cpu - m_lastCpu, qint64(std::numeric_limits<qint32>::max()))));
        }
        m_last = now;
        m_lastCpu = cpu;
    });
}

void LatencyProbe::start()
{
    if (!m_clock.isValid())
        m_clock.start();
    m_last = -1;
    m_lastCpu = -1;
    m_timer.start();
}

void LatencyProbe::stop()
{
    m_timer.stop();
}

void LatencyProbe::reset()
{
    m_latenessUsec.clear();
    m_cpuUsec.clear();
    m_last = -1;
}

double LatencyProbe::quantileMsecs(double q) const
{
    return quantile(m_latenessUsec, q);
}

double LatencyProbe::cpuQuantileMsecs(double q) const
{
    return quantile(m_cpuUsec, q);
}

double LatencyProbe::cpuMaxMsecs() const
{
    return m_cpuUsec.empty() ? 0 : *std::max_element(m_cpuUsec.begin(), m_cpuUsec.end()) / 1000.0;
}

qint64 LatencyProbe::countBusyAbove(double msecs) const
{
    const auto threshold = qint32(msecs * 1000);
    qint64 n = 0;
    for (size_t i = 0; i < m_latenessUsec.size(); ++i)
        n += m_latenessUsec[i] > threshold && m_cpuUsec[i] > threshold;
    return n;
}

double LatencyProbe::busiestAtSeconds() const
{
    if (m_cpuUsec.empty())
        return 0;
    const auto it = std::max_element(m_cpuUsec.begin(), m_cpuUsec.end());
    // Ticks come every intervalMsecs plus their lateness.
    qint64 usec = 0;
    for (size_t i = 0; i <= size_t(it - m_cpuUsec.begin()); ++i)
        usec += intervalMsecs * 1000 + m_latenessUsec[i];
    return usec / 1e6;
}

double LatencyProbe::latestAtSeconds() const
{
    if (m_latenessUsec.empty())
        return 0;
    const auto it = std::max_element(m_latenessUsec.begin(), m_latenessUsec.end());
    qint64 usec = 0;
    for (size_t i = 0; i <= size_t(it - m_latenessUsec.begin()); ++i)
        usec += intervalMsecs * 1000 + m_latenessUsec[i];
    return usec / 1e6;
}

double LatencyProbe::cpuTotalSeconds() const
{
    qint64 usec = 0;
    for (const qint32 v : m_cpuUsec)
        usec += v;
    return usec / 1e6;
}

double LatencyProbe::processCpuSeconds()
{
    timespec ts {};
    if (clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts) != 0)
        return -1;
    return double(ts.tv_sec) + ts.tv_nsec / 1e9;
}

double LatencyProbe::loadAverage()
{
    QFile file(QStringLiteral("/proc/loadavg"));
    if (!file.open(QIODevice::ReadOnly))
        return -1;
    return file.readAll().split(' ').value(0).toDouble();
}

double LatencyProbe::maxMsecs() const
{
    if (m_latenessUsec.empty())
        return 0;
    return *std::max_element(m_latenessUsec.begin(), m_latenessUsec.end()) / 1000.0;
}

qint64 LatencyProbe::countAbove(double msecs) const
{
    const auto threshold = qint32(msecs * 1000);
    return std::count_if(m_latenessUsec.begin(), m_latenessUsec.end(), [threshold](qint32 v) { return v > threshold; });
}

qint64 LatencyProbe::peakRssKib()
{
    return statusValueKib("VmHWM:");
}

qint64 LatencyProbe::currentRssKib()
{
    return statusValueKib("VmRSS:");
}
