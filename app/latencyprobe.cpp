// Copyright (C) 2026 The MqttQt authors.
// SPDX-License-Identifier: BSD-3-Clause
#include "latencyprobe.h"

#include <QtCore/QFile>

#include <algorithm>

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

} // namespace

LatencyProbe::LatencyProbe(QObject *parent)
    : QObject(parent)
{
    m_timer.setTimerType(Qt::PreciseTimer);
    m_timer.setInterval(intervalMsecs);
    m_latenessUsec.reserve(100000);
    connect(&m_timer, &QTimer::timeout, this, [this] {
        const qint64 now = m_clock.nsecsElapsed() / 1000;
        if (m_last >= 0) {
            const qint64 late = now - m_last - intervalMsecs * 1000;
            m_latenessUsec.push_back(qint32(qBound(qint64(0), late, qint64(std::numeric_limits<qint32>::max()))));
        }
        m_last = now;
    });
}

void LatencyProbe::start()
{
    m_clock.start();
    m_last = -1;
    m_timer.start();
}

void LatencyProbe::stop()
{
    m_timer.stop();
}

void LatencyProbe::reset()
{
    m_latenessUsec.clear();
    m_last = -1;
}

double LatencyProbe::quantileMsecs(double q) const
{
    if (m_latenessUsec.empty())
        return 0;
    std::vector<qint32> sorted = m_latenessUsec;
    const size_t k = std::min(sorted.size() - 1, size_t(q * double(sorted.size() - 1) + 0.5));
    std::nth_element(sorted.begin(), sorted.begin() + qsizetype(k), sorted.end());
    return sorted[k] / 1000.0;
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
