// Copyright (C) 2026 The MqttQt authors.
// SPDX-License-Identifier: BSD-3-Clause
#ifndef MQTTMESSAGEFEED_H
#define MQTTMESSAGEFEED_H

#include <MqttQt/mqttqtmodels_export.h>
#include <MqttQt/mqttmessage.h>

#include <QtCore/QObject>

#include <memory>

class MqttMessageFeedPrivate;

/*!
    The thread-safe way in for messages shown by MqttTopicTreeModel.

    addMessage() may be called from any thread, at any rate: it stamps the arrival time
    (milliseconds since the epoch) and appends the message to a buffer under a short
    lock; it never signals per message. The model that drains the feed
    (MqttTopicTreeModel::setFeed()) takes the whole buffer once per tick in its own
    thread. Connect a client living in a worker thread with a direct connection, so the
    client's thread does the cheap append and the GUI thread sees no event per message:

    \code
    QObject::connect(client, &MqttClient::messageReceived, feed, &MqttMessageFeed::addMessage,
                     Qt::DirectConnection);
    \endcode

    <b>Bounds and overflow.</b> The buffer holds up to maxPendingMessages() messages and
    maxPendingBytes() payload bytes. When a message arrives while the buffer is full (the
    consumer is paused, blocked, or slower than a flood), the feed keeps the latest
    message per topic: a message for a topic already waiting replaces the waiting one,
    which is counted as skipped (skippedCount(), and per topic through the entry's
    skipped-before count, which the models expose), never dropped silently. A message for
    a topic not waiting yet is always kept, so the buffer exceeds its bounds by at most
    one message per distinct topic. Messages buffered before the overflow are all kept.

    A feed is drained by one model. The counters are safe to read from any thread; they
    have no change signals (MqttTopicTreeModel has notifying counterparts).
*/
class MQTTQT_MODELS_EXPORT MqttMessageFeed : public QObject
{
    Q_OBJECT
    /*! Messages the buffer holds before it starts replacing per topic; default 100,000,
        at least 1. */
    Q_PROPERTY(int maxPendingMessages READ maxPendingMessages WRITE setMaxPendingMessages
               NOTIFY maxPendingMessagesChanged)
    /*! Payload bytes the buffer holds before it starts replacing per topic; default
        64 MiB, at least 0. */
    Q_PROPERTY(qint64 maxPendingBytes READ maxPendingBytes WRITE setMaxPendingBytes
               NOTIFY maxPendingBytesChanged)
public:
    /*! Creates an empty feed with the default bounds. */
    explicit MqttMessageFeed(QObject *parent = nullptr);
    /*! Destroys the feed and the messages waiting in it. No thread may be adding to it
        any more. */
    ~MqttMessageFeed() override;

    /*! Returns the message bound of the buffer. Thread-safe. */
    int maxPendingMessages() const;
    /*! Sets the message bound of the buffer. A value below 1 is refused with a warning
        and changes nothing. */
    void setMaxPendingMessages(int count);
    /*! Returns the payload byte bound of the buffer. Thread-safe. */
    qint64 maxPendingBytes() const;
    /*! Sets the payload byte bound of the buffer. A negative value is refused with a
        warning and changes nothing. */
    void setMaxPendingBytes(qint64 bytes);

    /*! Messages waiting to be drained. Thread-safe. */
    int pendingCount() const;
    /*! Messages accepted by addMessage() since construction or clear(), including those
        later skipped. Thread-safe. */
    qint64 receivedCount() const;
    /*! Messages replaced by a later message on the same topic while the buffer was full,
        since construction or clear(). Thread-safe. */
    qint64 skippedCount() const;
    /*! Messages refused by addMessage() because their topic was not a valid topic name,
        since construction or clear(). Thread-safe. */
    qint64 rejectedCount() const;

    /*! Adds \a message with \a arrivalMsecs (milliseconds since the epoch) as its arrival
        time, for tests and replays; otherwise like addMessage(). Thread-safe. */
    bool addMessageAt(const MqttMessage &message, qint64 arrivalMsecs);

public Q_SLOTS:
    /*! Adds \a message, stamped with the current time. Thread-safe and cheap: one clock
        read, one short lock, no allocation beyond the buffer's amortized growth.
        Returns false, storing nothing and counting it in rejectedCount(), if the topic
        is empty or contains \c +, \c # or U+0000 (no broker delivers such a topic). */
    bool addMessage(const MqttMessage &message);
    /*! Drops every waiting message and resets the counters. Thread-safe. */
    void clear();

Q_SIGNALS:
    /*! Emitted, from the thread calling addMessage(), when a message arrives in an empty
        buffer: at most once between two drains, never per message. */
    void messagesAvailable();
    /*! Emitted, in the caller's thread, when setMaxPendingMessages() changed the bound. */
    void maxPendingMessagesChanged(int count);
    /*! Emitted, in the caller's thread, when setMaxPendingBytes() changed the bound. */
    void maxPendingBytesChanged(qint64 bytes);

private:
    friend class MqttMessageFeedPrivate;
    std::unique_ptr<MqttMessageFeedPrivate> const d;
};

#endif // MQTTMESSAGEFEED_H
