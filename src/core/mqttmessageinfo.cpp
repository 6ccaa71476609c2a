// Copyright (C) 2026 The MqttQt authors.
// SPDX-License-Identifier: BSD-3-Clause
#include "mqttmessageinfo.h"
#include "mqttmessageinfo_p.h"

#include <QtCore/QDebug>
#include <QtCore/QDeadlineTimer>
#include <QtCore/QEventLoop>
#include <QtCore/QThread>
#include <QtCore/QTimer>

#include <condition_variable>
#include <mutex>

namespace {
// One condition variable for every cross-thread waiter: completions are frequent and
// cross-thread waits rare, so a per-message one would cost more than spurious wake-ups.
std::mutex waitMutex;
std::condition_variable waitCondition;
std::atomic<int> crossThreadWaiters{ 0 };
} // namespace

void MqttMessageInfoPrivate::complete(Mqtt::ErrorCode failure, Mqtt::ReasonCode reason)
{
    error.store(int(failure));
    reasonCode.store(int(reason));
    std::lock_guard<std::mutex> lock(waitMutex);
    state.store(failure == Mqtt::ErrorCode::NoError ? Published : Failed);
    if (crossThreadWaiters.load() > 0)
        waitCondition.notify_all();
    if (QEventLoop *loop = localWaiter) {
        // Posted, not called: the waiting loop may run in another thread. If the loop is
        // gone before the event is delivered, Qt drops the event with its context.
        QMetaObject::invokeMethod(loop, [loop] { loop->quit(); }, Qt::QueuedConnection);
    }
}

MqttMessageInfo::MqttMessageInfo() = default;
MqttMessageInfo::MqttMessageInfo(Mqtt::ErrorCode rc, int mid) : m_rc(rc), m_mid(mid) { }
MqttMessageInfo::MqttMessageInfo(const MqttMessageInfo &other) = default;
MqttMessageInfo::MqttMessageInfo(MqttMessageInfo &&other) noexcept = default;
MqttMessageInfo &MqttMessageInfo::operator=(const MqttMessageInfo &other) = default;
MqttMessageInfo &MqttMessageInfo::operator=(MqttMessageInfo &&other) noexcept = default;
MqttMessageInfo::~MqttMessageInfo() = default;

Mqtt::ErrorCode MqttMessageInfo::rc() const
{
    return m_rc;
}

int MqttMessageInfo::mid() const
{
    return m_mid;
}

bool MqttMessageInfo::isPublished() const
{
    if (m_rc != Mqtt::ErrorCode::NoError)
        return false;
    // No state: a QoS 0 message written at once (it has a message id), or a
    // default-constructed info, which stands for no message and is not published.
    return d ? d->state.load() == MqttMessageInfoPrivate::Published : m_mid != 0;
}

Mqtt::ErrorCode MqttMessageInfo::error() const
{
    return d ? Mqtt::ErrorCode(d->error.load()) : Mqtt::ErrorCode::NoError;
}

Mqtt::ReasonCode MqttMessageInfo::reasonCode() const
{
    return d ? Mqtt::ReasonCode(d->reasonCode.load()) : Mqtt::ReasonCode::Success;
}

bool operator==(const MqttMessageInfo &a, const MqttMessageInfo &b)
{
    return a.m_rc == b.m_rc && a.m_mid == b.m_mid && a.d == b.d;
}

QDebug operator<<(QDebug debug, const MqttMessageInfo &info)
{
    const QDebugStateSaver saver(debug);
    debug.nospace() << "MqttMessageInfo(mid " << info.mid() << ", rc " << info.rc();
    if (info.rc() == Mqtt::ErrorCode::NoError) {
        if (info.isPublished())
            debug << ", published";
        else if (info.error() != Mqtt::ErrorCode::NoError)
            debug << ", failed " << info.error();
        else
            debug << ", pending";
    }
    debug << ')';
    return debug;
}

bool MqttMessageInfo::waitForPublish(int timeoutMs) const
{
    if (m_rc != Mqtt::ErrorCode::NoError)
        return false;
    if (!d || d->state.load() != MqttMessageInfoPrivate::Pending)
        return isPublished();

    QDeadlineTimer deadline(timeoutMs < 0 ? QDeadlineTimer(QDeadlineTimer::Forever)
                                          : QDeadlineTimer(timeoutMs));
    auto pending = [this] { return d->state.load() == MqttMessageInfoPrivate::Pending; };
    if (QThread::currentThread()->eventDispatcher()) {
        // A thread with an event loop (normally the client's own): keep the loop running
        // so the acknowledgement can arrive; completion posts a quit to this loop.
        QEventLoop loop;
        QTimer timer;
        timer.setSingleShot(true);
        QObject::connect(&timer, &QTimer::timeout, &loop, &QEventLoop::quit);
        {
            std::lock_guard<std::mutex> lock(waitMutex);
            if (d->localWaiter)
                return false; // one event-loop waiter at a time; nested waits are refused
            d->localWaiter = &loop;
        }
        while (pending() && !deadline.hasExpired()) {
            if (!deadline.isForever())
                timer.start(int(qMax<qint64>(1, deadline.remainingTime())));
            loop.exec();
        }
        std::lock_guard<std::mutex> lock(waitMutex);
        d->localWaiter = nullptr;
        return isPublished();
    }
    crossThreadWaiters.fetch_add(1);
    {
        std::unique_lock<std::mutex> lock(waitMutex);
        if (deadline.isForever())
            waitCondition.wait(lock, [&] { return !pending(); });
        else
            waitCondition.wait_for(lock, std::chrono::milliseconds(deadline.remainingTime()),
                                   [&] { return !pending(); });
    }
    crossThreadWaiters.fetch_sub(1);
    return isPublished();
}
