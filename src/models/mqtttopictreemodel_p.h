// Copyright (C) 2026 The MqttQt authors.
// SPDX-License-Identifier: BSD-3-Clause
#ifndef MQTTTOPICTREEMODEL_P_H
#define MQTTTOPICTREEMODEL_P_H

//
//  W A R N I N G
//  -------------
// This file is not part of the MqttQt API. It exists for the implementation of
// MqttQt and may change from version to version without notice, or even be removed.
//

#include "mqtttopictreemodel.h"
#include "mqttmessagefeed_p.h"
#include "mqttmodelutils_p.h"

#include <QtCore/QElapsedTimer>
#include <QtCore/QHash>
#include <QtCore/QList>
#include <QtCore/QPointer>
#include <QtCore/QTimer>

#include <deque>
#include <vector>

struct MqttTopicData;

// One stored message. The payload is shared with the MqttMessage it came from.
struct MqttHistoryEntry
{
    QByteArray payload;
    MqttProperties properties;
    qint64 arrivalMsecs = 0;
    quint32 skippedBefore = 0;
    quint8 qos = 0;
    bool retain = false;
};

// Messages per second over a sliding window, at a tenth of the window's granularity:
// ten buckets, each counting the arrivals of window/10 ms.
class MqttRateCounter
{
public:
    static constexpr int Buckets = 10;

    void add(qint64 arrivalMsecs, qint64 bucketMsecs);
    // Arrivals inside the window ending at nowMsecs.
    quint32 count(qint64 nowMsecs, qint64 bucketMsecs) const;
    double rate(qint64 nowMsecs, qint64 bucketMsecs) const;
    // True when no counted arrival lies in the window ending at nowMsecs.
    bool isIdle(qint64 nowMsecs, qint64 bucketMsecs) const;

private:
    quint32 m_counts[Buckets] = {};
    qint64 m_last = -1; // bucket number of m_counts' newest bucket
};

struct MqttTopicNode
{
    ~MqttTopicNode();

    MqttTopicNode *parent = nullptr;
    QByteArray path; // full topic, UTF-8; also the key of MqttTopicTreeModelPrivate::nodes
    std::vector<MqttTopicNode *> children; // owned, in row order
    MqttTopicData *data = nullptr;         // owned; set once a message arrived on exactly this topic
    qint64 subtreeMessages = 0;
    int subtreeTopics = 0;
    int row = -1;
    int levelStart = 0;        // where this level's name starts in path
    quint32 changedSerial = 0; // tick in which this row was queued for dataChanged()
    bool isNew = false;        // created in the running tick, not inserted yet
};

// Observes one topic's history: MqttMessageHistoryModel. The begin/end pairs bracket
// every change of the history, as beginInsertRows()/endInsertRows() would.
class MqttHistoryObserver
{
public:
    virtual ~MqttHistoryObserver() = default;
    // The topic received its first message: \a data now exists, with an empty history.
    virtual void historyAttached(MqttTopicData *data) = 0;
    // The topic is being removed: every row goes, then the data is gone.
    virtual void historyAboutToDetach() = 0;
    virtual void historyDetached() = 0;
    virtual void historyAboutToRemoveFront(int count) = 0;
    virtual void historyRemovedFront() = 0;
    virtual void historyAboutToAppend(int count) = 0;
    virtual void historyAppended() = 0;
    // The tree model is being destroyed.
    virtual void treeDestroyed() = 0;
};

// Observes the tree's structure and latest values: MqttTopicFilterProxyModel, which keeps
// its match counts current before the tree emits any row signal of a tick.
class MqttTreeObserver
{
public:
    virtual ~MqttTreeObserver() = default;
    // In a tick, after every change was applied and before rowsInserted()/dataChanged():
    // the nodes created in it (not inserted yet) and the topics that received messages.
    virtual void treeChanging(const std::vector<MqttTopicNode *> &created,
                              const std::vector<MqttTopicData *> &touched) = 0;
    // Before beginRemoveRows() for \a top and its subtree; the nodes are still whole.
    virtual void subtreeAboutToBeRemoved(MqttTopicNode *top) = 0;
    // Before clear() removes everything.
    virtual void treeAboutToBeCleared() = 0;
    virtual void treeDestroyed() = 0;
};

struct MqttTopicData
{
    explicit MqttTopicData(MqttTopicNode *n) : node(n) { }

    MqttTopicNode *node;
    MqttModels::Ring<MqttHistoryEntry> history; // never empty once a tick applied it
    qint64 messageCount = 0;
    qint64 skippedCount = 0;
    MqttRateCounter rate;
    quint32 announcedRate = 0; // rate.count() when the row was last announced changed
    // Global eviction bookkeeping (see MqttTopicTreeModelPrivate::fifo).
    quint32 fifoDebt = 0;
    bool pinnedOut = false;
    // Per-tick scratch.
    quint32 tickSerial = 0;
    int tickCount = 0;
    int tickOffset = 0;
    int tickFill = 0;
    int evictCount = 0;
    bool becameTopic = false;
    bool observed = false;
    bool inRateSet = false;
    bool dead = false;
};

class MqttTopicTreeModelPrivate
{
public:
    explicit MqttTopicTreeModelPrivate(MqttTopicTreeModel *q);

    static MqttTopicTreeModelPrivate *get(MqttTopicTreeModel *model) { return model->d.get(); }

    // The history observers' interface.
    MqttTopicData *addObserver(const QByteArray &topic, MqttHistoryObserver *observer);
    void removeObserver(const QByteArray &topic, MqttHistoryObserver *observer);
    void addTreeObserver(MqttTreeObserver *observer) { treeObservers.push_back(observer); }
    void removeTreeObserver(MqttTreeObserver *observer)
    {
        treeObservers.erase(std::remove(treeObservers.begin(), treeObservers.end(), observer), treeObservers.end());
    }

    void apply(qint64 now);
    MqttTopicNode *findOrCreate(const QByteArray &topic);
    void applyToTopic(MqttTopicData *t, const int *order);
    struct ChangedRow
    {
        MqttTopicNode *parent;
        int row;
    };
    void markChanged(MqttTopicNode *node);
    void evict();
    void compactFifo(bool dropDead);
    void insertStaged();
    // One dataChanged() per run of consecutive rows under a parent; with \a span, one per
    // parent over its first to last listed row.
    void emitDataChanged(std::vector<ChangedRow> &rows, const QList<int> &roles, bool span = false);
    void refreshRates(qint64 now, bool batchApplied);
    void trimPerTopic();
    void enforceBounds();
    void removeNode(MqttTopicNode *node);
    void updatePendingCount();
    void emitCountsIfChanged();
    void schedule(bool immediately);
    void onTimer();

    QModelIndex indexOf(const MqttTopicNode *node, int column = 0) const;
    QList<MqttHistoryObserver *> observersOf(const MqttTopicData *t) const;
    qint64 bucketMsecs() const { return rateWindow / MqttRateCounter::Buckets; }

    MqttTopicTreeModel *q;
    MqttTopicNode root;
    QHash<QByteArray, MqttTopicNode *> nodes; // every node by full topic
    QHash<QByteArray, QList<MqttHistoryObserver *>> observers;
    std::vector<MqttTreeObserver *> treeObservers;
    QPointer<MqttMessageFeed> feed;
    QMetaObject::Connection feedConnection;

    // Global eviction, oldest first. One token per stored message that may be evicted;
    // tokens are interchangeable within a topic, so evicting by the per-topic bound does
    // not search the queue but adds to the topic's fifoDebt, and the next token of that
    // topic to reach the front is dropped instead. The latest message of a topic is not
    // evictable: its token, on reaching the front, is dropped and the topic marked
    // pinnedOut; when a newer message arrives, the old latest gets its token back at the
    // front (it is older than everything queued). Invariant per topic:
    //   tokens - fifoDebt == history.size() - pinnedOut.
    std::deque<MqttTopicData *> fifo;
    std::vector<MqttTopicData *> rateActive; // topics with arrivals inside the rate window
    size_t rateCursor = 0;                    // where the next rate refresh continues

    // Per-tick scratch, kept to reuse capacity.
    std::vector<MqttFeedEntry> batch;
    std::vector<MqttTopicData *> batchTopic;
    std::vector<int> order;
    std::vector<MqttTopicData *> touched;
    std::vector<MqttTopicData *> evicted;
    std::vector<std::pair<MqttTopicNode *, MqttTopicNode *>> staged; // (visible parent, new child)
    std::vector<MqttTopicNode *> created;
    std::vector<ChangedRow> changed;
    std::vector<ChangedRow> rateChanged;

    // Settings.
    int tickInterval = 100;
    int effectiveTickInterval = 100;
    int previewLength = 100;
    int maxPerTopic = 1000;
    int maxMessages = 100000;
    qint64 maxBytes = qint64(64) << 20;
    int rateWindow = 10000;
    bool paused = false;

    // State.
    int topicCount = 0;
    qint64 skippedTotal = 0;
    qint64 storedCount = 0;
    qint64 storedBytes = 0;
    int pendingCount = 0;
    quint32 tickSerial = 0;
    qint64 now = 0;              // the model's time, from the last apply
    qint64 lastRateRefresh = 0;
    bool applying = false;
    bool boundsDirty = false; // a bound changed during an apply: enforce after it
    struct Counts
    {
        int topics;
        qint64 messages, skipped, stored, bytes;
        int pending;
        bool operator==(const Counts &o) const
        {
            return topics == o.topics && messages == o.messages && skipped == o.skipped
                    && stored == o.stored && bytes == o.bytes && pending == o.pending;
        }
    };
    Counts lastCounts{0, 0, 0, 0, 0, 0};
    Counts counts() const
    {
        return Counts{topicCount, root.subtreeMessages, skippedTotal, storedCount, storedBytes, pendingCount};
    }

    QTimer *timer; // child of q, so it follows moveToThread()
    QElapsedTimer sinceLastTick;
};

#endif // MQTTTOPICTREEMODEL_P_H
