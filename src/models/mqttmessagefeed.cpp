// Copyright (C) 2026 The MqttQt authors.
// SPDX-License-Identifier: BSD-3-Clause
#include "mqttmessagefeed.h"
#include "mqttmessagefeed_p.h"

#include <QtCore/QDateTime>
#include <QtCore/QLoggingCategory>

#include <cstring>

Q_LOGGING_CATEGORY(lcMqttFeed, "mqttqt.models.feed")

namespace {

// What a broker can deliver: not empty, no wildcard, no U+0000 [MQTT-4.7.3-1],
// [MQTT-4.7.0-1], [MQTT-1.5.4-2]. The client validated UTF-8 already; this scan is all a
// model needs to build a sound tree, and stays cheap on the producer's thread.
bool isDeliverableTopic(const QByteArray &topic)
{
    if (topic.isEmpty())
        return false;
    const char *p = topic.constData();
    const size_t n = size_t(topic.size());
    return !std::memchr(p, '+', n) && !std::memchr(p, '#', n) && !std::memchr(p, '\0', n);
}

} // namespace

void MqttMessageFeedPrivate::take(std::vector<MqttFeedEntry> &out)
{
    QHash<QByteArray, qsizetype> index;
    {
        const std::lock_guard<std::mutex> lock(mutex);
        if (out.empty()) {
            out.swap(pending);
        } else {
            out.insert(out.end(), std::make_move_iterator(pending.begin()),
                       std::make_move_iterator(pending.end()));
            pending.clear();
        }
        pendingBytes = 0;
        coalescing = false;
        index.swap(latestIndex); // freed outside the lock
    }
}

MqttMessageFeed::MqttMessageFeed(QObject *parent)
    : QObject(parent), d(new MqttMessageFeedPrivate)
{
}

MqttMessageFeed::~MqttMessageFeed() = default;

int MqttMessageFeed::maxPendingMessages() const
{
    const std::lock_guard<std::mutex> lock(d->mutex);
    return d->maxMessages;
}

void MqttMessageFeed::setMaxPendingMessages(int count)
{
    if (count < 1) {
        qCWarning(lcMqttFeed, "MqttMessageFeed::setMaxPendingMessages: %d refused, must be at least 1", count);
        return;
    }
    {
        const std::lock_guard<std::mutex> lock(d->mutex);
        if (d->maxMessages == count)
            return;
        d->maxMessages = count;
    }
    Q_EMIT maxPendingMessagesChanged(count);
}

qint64 MqttMessageFeed::maxPendingBytes() const
{
    const std::lock_guard<std::mutex> lock(d->mutex);
    return d->maxBytes;
}

void MqttMessageFeed::setMaxPendingBytes(qint64 bytes)
{
    if (bytes < 0) {
        qCWarning(lcMqttFeed, "MqttMessageFeed::setMaxPendingBytes: %lld refused, must not be negative",
                  static_cast<long long>(bytes));
        return;
    }
    {
        const std::lock_guard<std::mutex> lock(d->mutex);
        if (d->maxBytes == bytes)
            return;
        d->maxBytes = bytes;
    }
    Q_EMIT maxPendingBytesChanged(bytes);
}

int MqttMessageFeed::pendingCount() const
{
    const std::lock_guard<std::mutex> lock(d->mutex);
    return int(d->pending.size());
}

qint64 MqttMessageFeed::receivedCount() const
{
    const std::lock_guard<std::mutex> lock(d->mutex);
    return d->received;
}

qint64 MqttMessageFeed::skippedCount() const
{
    const std::lock_guard<std::mutex> lock(d->mutex);
    return d->skipped;
}

qint64 MqttMessageFeed::rejectedCount() const
{
    const std::lock_guard<std::mutex> lock(d->mutex);
    return d->rejected;
}

bool MqttMessageFeed::addMessage(const MqttMessage &message)
{
    return addMessageAt(message, QDateTime::currentMSecsSinceEpoch());
}

bool MqttMessageFeed::addMessageAt(const MqttMessage &message, qint64 arrivalMsecs)
{
    const QByteArray topic = message.topicUtf8();
    const bool deliverable = isDeliverableTopic(topic);
    const qint64 size = message.payload().size();
    bool wasEmpty = false;
    {
        const std::lock_guard<std::mutex> lock(d->mutex);
        if (!deliverable) {
            ++d->rejected;
            return false;
        }
        ++d->received;
        auto &pending = d->pending;
        wasEmpty = pending.empty();
        if (!d->coalescing && !pending.empty()
            && (qsizetype(pending.size()) >= d->maxMessages || d->pendingBytes + size > d->maxBytes)) {
            // Overflow: from now until the next drain, keep the latest message per topic.
            d->coalescing = true;
            d->latestIndex.reserve(qsizetype(pending.size()));
            for (size_t i = 0; i < pending.size(); ++i)
                d->latestIndex.insert(pending[i].message.topicUtf8(), qsizetype(i));
        }
        if (d->coalescing) {
            const auto it = d->latestIndex.constFind(topic);
            if (it != d->latestIndex.cend()) {
                MqttFeedEntry &entry = pending[size_t(it.value())];
                d->pendingBytes += size - entry.message.payload().size();
                entry.message = message;
                entry.arrivalMsecs = arrivalMsecs;
                ++entry.skippedBefore;
                ++d->skipped;
                return true;
            }
            d->latestIndex.insert(topic, qsizetype(pending.size()));
        }
        pending.push_back(MqttFeedEntry{message, arrivalMsecs, 0});
        d->pendingBytes += size;
    }
    if (wasEmpty)
        Q_EMIT messagesAvailable();
    return true;
}

void MqttMessageFeed::clear()
{
    std::vector<MqttFeedEntry> dropped;
    QHash<QByteArray, qsizetype> index;
    const std::lock_guard<std::mutex> lock(d->mutex);
    dropped.swap(d->pending);
    index.swap(d->latestIndex);
    d->pendingBytes = 0;
    d->coalescing = false;
    d->received = d->skipped = d->rejected = 0;
}
