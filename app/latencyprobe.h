// Copyright (C) 2026 The MqttQt authors.
// SPDX-License-Identifier: BSD-3-Clause
#ifndef LATENCYPROBE_H
#define LATENCYPROBE_H

#include <QtCore/QElapsedTimer>
#include <QtCore/QObject>
#include <QtCore/QTimer>

#include <vector>

// Measures how late the GUI thread's event loop serves a timer: a precise 10 ms timer
// whose lateness (time since the previous tick minus 10 ms) is recorded for every tick.
// A stall of the GUI thread shows up as one late tick of about the stall's length. The
// GUI thread's CPU time per tick interval is recorded too, which tells a thread busy with
// work (CPU time close to the stall) from one that waited for a core on a loaded machine
// (little CPU time).
class LatencyProbe : public QObject
{
    Q_OBJECT
public:
    explicit LatencyProbe(QObject *parent = nullptr);

    // Starts (or resumes) measuring; the interval before a resume is not counted.
    void start();
    void stop();
    bool isActive() const { return m_timer.isActive(); }
    // Forgets what was measured so far (e.g. after start-up).
    void reset();

    qint64 samples() const { return qint64(m_latenessUsec.size()); }
    // Lateness in milliseconds at quantile q (0..1) of the ticks so far.
    double quantileMsecs(double q) const;
    double maxMsecs() const;
    // Ticks later than the threshold, in milliseconds.
    qint64 countAbove(double msecs) const;
    // GUI-thread CPU time per tick interval, in milliseconds, at quantile q / at most.
    double cpuQuantileMsecs(double q) const;
    double cpuMaxMsecs() const;
    // Seconds since start() (or reset()) of the latest tick and of the busiest interval.
    double busiestAtSeconds() const;
    double latestAtSeconds() const;
    // Ticks later than msecs during which the GUI thread itself ran for more than msecs.
    qint64 countBusyAbove(double msecs) const;
    // GUI-thread CPU time measured in all, in seconds.
    double cpuTotalSeconds() const;
    // CPU time of the whole process (every thread) since it started, in seconds.
    static double processCpuSeconds();
    // The system's 1-minute load average, or -1 where unknown.
    static double loadAverage();

    // Peak resident set size of this process in KiB (VmHWM), or -1 where unknown.
    static qint64 peakRssKib();
    static qint64 currentRssKib();

private:
    QTimer m_timer;
    QElapsedTimer m_clock;
    qint64 m_last = -1;
    qint64 m_lastCpu = -1;
    std::vector<qint32> m_latenessUsec;
    std::vector<qint32> m_cpuUsec;
};

#endif // LATENCYPROBE_H
