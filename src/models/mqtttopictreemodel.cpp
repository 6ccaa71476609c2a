// Copyright (C) 2026 The MqttQt authors.
// SPDX-License-Identifier: BSD-3-Clause
#include "mqtttopictreemodel.h"
#include "mqtttopictreemodel_p.h"
#include "mqttmessagefeed.h"

#include <QtCore/QDateTime>
#include <QtCore/QLoggingCategory>

#include <algorithm>
#include <limits>

Q_LOGGING_CATEGORY(lcMqttTree, "mqttqt.models.tree")

namespace {

// Iterative: a topic may have tens of thousands of levels ("////..."), too deep to
// recurse on a thread's stack.
void deleteSubtree(MqttTopicNode *top)
{
    std::vector<MqttTopicNode *> stack{top};
    while (!stack.empty()) {
        MqttTopicNode *n = stack.back();
        stack.pop_back();
        stack.insert(stack.end(), n->children.begin(), n->children.end());
        n->children.clear();
        delete n;
    }
}

void collectSubtree(MqttTopicNode *top, std::vector<MqttTopicNode *> &out)
{
    out.push_back(top);
    for (size_t i = out.size() - 1; i < out.size(); ++i)
        out.insert(out.end(), out[i]->children.begin(), out[i]->children.end());
}

qint64 historyBytes(const MqttTopicData *t)
{
    qint64 bytes = 0;
    for (int i = 0; i < t->history.size(); ++i)
        bytes += t->history.at(i).payload.size();
    return bytes;
}

} // namespace

// ---- MqttRateCounter --------------------------------------------------------------------

void MqttRateCounter::add(qint64 arrivalMsecs, qint64 bucketMsecs)
{
    const qint64 b = std::max<qint64>(arrivalMsecs, 0) / bucketMsecs;
    if (b > m_last) {
        const qint64 first = std::max(m_last + 1, b - Buckets + 1);
        int slot = int(first % Buckets);
        for (qint64 x = first; x <= b; ++x) {
            m_counts[slot] = 0;
            slot = slot + 1 == Buckets ? 0 : slot + 1;
        }
        m_last = b;
    }
    if (b > m_last - Buckets) {
        quint32 &c = m_counts[b % Buckets];
        if (c != std::numeric_limits<quint32>::max())
            ++c;
    }
}

quint32 MqttRateCounter::count(qint64 nowMsecs, qint64 bucketMsecs) const
{
    if (m_last < 0)
        return 0;
    // Buckets m_last - 9 .. m_last hold counts; the window ending at now covers buckets
    // above nb - 10.
    const qint64 nb = std::max<qint64>(nowMsecs, 0) / bucketMsecs;
    const qint64 lowest = std::max({m_last - Buckets + 1, nb - Buckets + 1, qint64(0)});
    quint64 sum = 0;
    int slot = int(m_last % Buckets);
    for (qint64 x = m_last; x >= lowest; --x) {
        sum += m_counts[slot];
        slot = slot == 0 ? Buckets - 1 : slot - 1;
    }
    return quint32(std::min<quint64>(sum, std::numeric_limits<quint32>::max()));
}

double MqttRateCounter::rate(qint64 nowMsecs, qint64 bucketMsecs) const
{
    return double(count(nowMsecs, bucketMsecs)) * 1000.0 / double(bucketMsecs * Buckets);
}

bool MqttRateCounter::isIdle(qint64 nowMsecs, qint64 bucketMsecs) const
{
    return m_last < 0 || m_last <= std::max<qint64>(nowMsecs, 0) / bucketMsecs - Buckets;
}

// ---- nodes --------------------------------------------------------------------------------

MqttTopicNode::~MqttTopicNode()
{
    delete data;
}

// ---- MqttTopicTreeModelPrivate ------------------------------------------------------------

MqttTopicTreeModelPrivate::MqttTopicTreeModelPrivate(MqttTopicTreeModel *model)
    : q(model), timer(new QTimer(model))
{
    timer->setSingleShot(true);
    QObject::connect(timer, &QTimer::timeout, q, [this] { onTimer(); });
    sinceLastTick.start();
}

QModelIndex MqttTopicTreeModelPrivate::indexOf(const MqttTopicNode *node, int column) const
{
    if (!node || node == &root || node->isNew)
        return QModelIndex();
    return q->createIndex(node->row, column, node);
}

QList<MqttHistoryObserver *> MqttTopicTreeModelPrivate::observersOf(const MqttTopicData *t) const
{
    return observers.value(t->node->path);
}

MqttTopicData *MqttTopicTreeModelPrivate::addObserver(const QByteArray &topic, MqttHistoryObserver *observer)
{
    observers[topic].append(observer);
    MqttTopicNode *node = nodes.value(topic, nullptr);
    if (!node || !node->data)
        return nullptr;
    node->data->observed = true;
    return node->data;
}

void MqttTopicTreeModelPrivate::removeObserver(const QByteArray &topic, MqttHistoryObserver *observer)
{
    const auto it = observers.find(topic);
    if (it == observers.end())
        return;
    it->removeOne(observer);
    if (!it->isEmpty())
        return;
    observers.erase(it);
    if (MqttTopicNode *node = nodes.value(topic, nullptr); node && node->data)
        node->data->observed = false;
}

MqttTopicNode *MqttTopicTreeModelPrivate::findOrCreate(const QByteArray &topic)
{
    // The deepest existing ancestor first (looked up without copying the prefix), then
    // the missing levels below it.
    MqttTopicNode *cur = &root;
    qsizetype pos = 0;
    for (qsizetype end = topic.lastIndexOf('/'); end >= 0; end = end > 0 ? topic.lastIndexOf('/', end - 1) : -1) {
        if (MqttTopicNode *n = nodes.value(QByteArray::fromRawData(topic.constData(), end), nullptr)) {
            cur = n;
            pos = end + 1;
            break;
        }
    }
    for (;;) {
        const qsizetype slash = topic.indexOf('/', pos);
        const qsizetype end = slash < 0 ? topic.size() : slash;
        const QByteArray prefix = end == topic.size() ? topic : topic.left(end);
        MqttTopicNode *n = nodes.value(prefix, nullptr);
        if (!n) {
            n = new MqttTopicNode;
            n->parent = cur;
            n->path = prefix;
            n->levelStart = int(pos);
            n->isNew = true;
            nodes.insert(prefix, n);
            created.push_back(n);
            if (cur->isNew) {
                // Below a node not inserted yet: becomes visible with its ancestor.
                n->row = int(cur->children.size());
                cur->children.push_back(n);
            } else {
                staged.emplace_back(cur, n);
            }
        }
        cur = n;
        if (slash < 0)
            return cur;
        pos = slash + 1;
    }
}

void MqttTopicTreeModelPrivate::markChanged(MqttTopicNode *node)
{
    if (node == &root || node->isNew || node->changedSerial == tickSerial)
        return;
    node->changedSerial = tickSerial;
    changed.push_back({node->parent, node->row});
}

void MqttTopicTreeModelPrivate::apply(qint64 nowMsecs)
{
    if (applying)
        return; // called again from a slot reacting to this apply
    applying = true;
    sinceLastTick.restart();
    now = nowMsecs;
    if (paused) {
        updatePendingCount();
        emitCountsIfChanged();
        applying = false;
        return;
    }

    QElapsedTimer clock;
    clock.start();
    batch.clear();
    if (feed)
        MqttMessageFeedPrivate::get(feed)->take(batch);
    const int n = int(batch.size());
    int topicsInBatch = 0;
    if (n > 0) {
        if (++tickSerial == 0)
            tickSerial = 1;
        touched.clear();
        staged.clear();
        created.clear();
        changed.clear();

        // Pass 1: the node of every message, and how many each topic got.
        batchTopic.resize(size_t(n));
        for (int i = 0; i < n; ++i) {
            const QByteArray topic = batch[size_t(i)].message.topicUtf8();
            MqttTopicNode *node = nodes.value(topic, nullptr);
            if (!node)
                node = findOrCreate(topic);
            MqttTopicData *t = node->data;
            if (!t) {
                t = new MqttTopicData(node);
                node->data = t;
                t->becameTopic = true;
                if (!observers.isEmpty()) {
                    const QList<MqttHistoryObserver *> list = observers.value(topic);
                    t->observed = !list.isEmpty();
                    for (MqttHistoryObserver *o : list)
                        o->historyAttached(t);
                }
            }
            if (t->tickSerial != tickSerial) {
                t->tickSerial = tickSerial;
                t->tickCount = 0;
                t->tickFill = 0;
                touched.push_back(t);
            }
            ++t->tickCount;
            batchTopic[size_t(i)] = t;
        }
        topicsInBatch = int(touched.size());

        // Pass 2: group the messages by topic, keeping their order (a counting sort).
        int offset = 0;
        for (MqttTopicData *t : touched) {
            t->tickOffset = offset;
            offset += t->tickCount;
        }
        order.resize(size_t(n));
        for (int i = 0; i < n; ++i) {
            MqttTopicData *t = batchTopic[size_t(i)];
            order[size_t(t->tickOffset + t->tickFill++)] = i;
        }

        for (MqttTopicData *t : touched)
            applyToTopic(t, order.data() + t->tickOffset);
        evict();
        for (MqttTreeObserver *o : std::vector<MqttTreeObserver *>(treeObservers))
            o->treeChanging(created, touched);
        insertStaged();
        emitDataChanged(changed, {});
    }
    refreshRates(now, n > 0);
    updatePendingCount();
    emitCountsIfChanged();

    const qint64 usec = clock.nsecsElapsed() / 1000;
    if (n > 0 && tickInterval > 0) {
        const int adapted = int(std::clamp<qint64>(5 * usec / 1000, tickInterval, qint64(tickInterval) * 10));
        if (adapted != effectiveTickInterval) {
            effectiveTickInterval = adapted;
            Q_EMIT q->effectiveTickIntervalChanged(adapted);
        }
    }
    batch.clear();
    applying = false;
    if (boundsDirty)
        enforceBounds();
    if (n > 0)
        Q_EMIT q->batchApplied(n, topicsInBatch, usec);
}

void MqttTopicTreeModelPrivate::applyToTopic(MqttTopicData *t, const int *idx)
{
    const int k = t->tickCount;
    const qint64 bucket = bucketMsecs();
    qint64 skipped = 0;
    for (int j = 0; j < k; ++j) {
        const MqttFeedEntry &e = batch[size_t(idx[j])];
        skipped += e.skippedBefore;
        t->rate.add(e.arrivalMsecs, bucket);
    }
    t->announcedRate = t->rate.count(now, bucket); // the whole row is announced below
    const qint64 received = k + skipped;
    t->messageCount += received;
    t->skippedCount += skipped;
    skippedTotal += skipped;
    if (!t->inRateSet) {
        t->inRateSet = true;
        rateActive.push_back(t);
    }

    // History: keep the newest maxPerTopic of what the topic holds plus what arrived.
    const int a = std::min(k, maxPerTopic);
    const int r = std::max(0, t->history.size() + a - maxPerTopic);
    const QList<MqttHistoryObserver *> obs = t->observed ? observersOf(t) : QList<MqttHistoryObserver *>();
    if (r > 0) {
        for (MqttHistoryObserver *o : obs)
            o->historyAboutToRemoveFront(r);
        for (int j = 0; j < r; ++j)
            storedBytes -= t->history.at(j).payload.size();
        t->history.popFront(r);
        storedCount -= r;
        for (MqttHistoryObserver *o : obs)
            o->historyRemovedFront();
    }
    if (t->pinnedOut) {
        // The previous latest message becomes evictable; it is older than every token.
        t->pinnedOut = false;
        if (r > 0)
            t->fifoDebt += quint32(r - 1);
        else
            fifo.push_front(t);
    } else {
        t->fifoDebt += quint32(r);
    }
    for (MqttHistoryObserver *o : obs)
        o->historyAboutToAppend(a);
    t->history.reserve(t->history.size() + a, maxPerTopic);
    for (int j = k - a; j < k; ++j) {
        const MqttFeedEntry &e = batch[size_t(idx[j])];
        MqttHistoryEntry h;
        h.payload = e.message.payload();
        h.properties = e.message.properties();
        h.arrivalMsecs = e.arrivalMsecs;
        h.skippedBefore = e.skippedBefore;
        h.qos = quint8(int(e.message.qos()));
        h.retain = e.message.retain();
        storedBytes += h.payload.size();
        t->history.pushBack(std::move(h));
        fifo.push_back(t);
    }
    storedCount += a;
    for (MqttHistoryObserver *o : obs)
        o->historyAppended();

    const int topicDelta = t->becameTopic ? 1 : 0;
    t->becameTopic = false;
    topicCount += topicDelta;
    for (MqttTopicNode *a = t->node; a; a = a->parent) {
        a->subtreeMessages += received;
        a->subtreeTopics += topicDelta;
        markChanged(a);
    }
}

void MqttTopicTreeModelPrivate::evict()
{
    evicted.clear();
    qint64 count = storedCount;
    qint64 bytes = storedBytes;
    while ((count > maxMessages || bytes > maxBytes) && !fifo.empty()) {
        MqttTopicData *t = fifo.front();
        fifo.pop_front();
        if (t->fifoDebt > 0) {
            --t->fifoDebt;
            continue;
        }
        if (t->history.size() - t->evictCount > 1) {
            if (t->evictCount == 0)
                evicted.push_back(t);
            bytes -= t->history.at(t->evictCount).payload.size();
            ++t->evictCount;
            --count;
        } else {
            t->pinnedOut = true; // only the latest is left: it stays, without a token
        }
    }
    for (MqttTopicData *t : evicted) {
        const QList<MqttHistoryObserver *> obs = t->observed ? observersOf(t) : QList<MqttHistoryObserver *>();
        for (MqttHistoryObserver *o : obs)
            o->historyAboutToRemoveFront(t->evictCount);
        t->history.popFront(t->evictCount);
        t->history.squeeze();
        t->evictCount = 0;
        for (MqttHistoryObserver *o : obs)
            o->historyRemovedFront();
    }
    storedCount = count;
    storedBytes = bytes;
    if (qint64(fifo.size()) > 2 * storedCount + 1024)
        compactFifo(false);
}

void MqttTopicTreeModelPrivate::compactFifo(bool dropDead)
{
    std::deque<MqttTopicData *> kept;
    for (MqttTopicData *t : fifo) {
        if (dropDead && t->dead)
            continue;
        if (t->fifoDebt > 0) {
            --t->fifoDebt;
            continue;
        }
        kept.push_back(t);
    }
    fifo.swap(kept);
}

void MqttTopicTreeModelPrivate::insertStaged()
{
    // One insertion per parent: all new children of a parent are appended together, in
    // the order of their first message.
    std::stable_sort(staged.begin(), staged.end(),
                     [](const auto &a, const auto &b) { return std::less<MqttTopicNode *>()(a.first, b.first); });
    for (size_t i = 0; i < staged.size();) {
        MqttTopicNode *parent = staged[i].first;
        size_t j = i;
        while (j < staged.size() && staged[j].first == parent)
            ++j;
        const int first = int(parent->children.size());
        q->beginInsertRows(indexOf(parent), first, first + int(j - i) - 1);
        for (size_t k = i; k < j; ++k) {
            staged[k].second->row = int(parent->children.size());
            parent->children.push_back(staged[k].second);
        }
        // Visible from here on: a slot reacting to the insertion may ask for its index.
        for (size_t k = i; k < j; ++k) {
            std::vector<MqttTopicNode *> subtree;
            collectSubtree(staged[k].second, subtree);
            for (MqttTopicNode *n : subtree)
                n->isNew = false;
        }
        q->endInsertRows();
        i = j;
    }
    staged.clear();
    for (MqttTopicNode *n : created)
        n->isNew = false;
    created.clear();
}

void MqttTopicTreeModelPrivate::emitDataChanged(std::vector<ChangedRow> &rows, const QList<int> &roles, bool span)
{
    if (rows.empty())
        return;
    std::sort(rows.begin(), rows.end(), [](const ChangedRow &a, const ChangedRow &b) {
        if (a.parent != b.parent)
            return std::less<MqttTopicNode *>()(a.parent, b.parent);
        return a.row < b.row;
    });
    constexpr int LastColumn = MqttTopicTreeModel::ColumnCount - 1;
    size_t first = 0;
    for (size_t i = 1; i <= rows.size(); ++i) {
        if (i < rows.size() && rows[i].parent == rows[i - 1].parent
            && (span || rows[i].row == rows[i - 1].row + 1)) {
            continue;
        }
        const auto &children = rows[first].parent->children;
        const int top = rows[first].row;
        const int bottom = rows[i - 1].row;
        Q_EMIT q->dataChanged(q->createIndex(top, 0, children[size_t(top)]),
                              q->createIndex(bottom, LastColumn, children[size_t(bottom)]), roles);
        first = i;
    }
    rows.clear();
}

void MqttTopicTreeModelPrivate::refreshRates(qint64 nowMsecs, bool batchApplied)
{
    // A rate changes as its window slides, one bucket (window / 10) at a time. Each topic
    // with arrivals in the window is looked at once per bucket, spread over the ticks so
    // no tick pays for all of them, and announced only if its count changed.
    if (rateActive.empty())
        return;
    const qint64 bucket = bucketMsecs();
    const qint64 elapsed = nowMsecs - lastRateRefresh;
    size_t budget = rateActive.size();
    if (elapsed >= 0 && elapsed < bucket)
        budget = size_t((qint64(rateActive.size()) * elapsed + bucket - 1) / bucket);
    if (budget == 0)
        return;
    lastRateRefresh = nowMsecs;
    size_t i = rateCursor;
    for (size_t done = 0; done < budget && !rateActive.empty(); ++done) {
        if (i >= rateActive.size())
            i = 0;
        MqttTopicData *t = rateActive[i];
        const quint32 count = t->rate.count(nowMsecs, bucket);
        if (count != t->announcedRate) {
            t->announcedRate = count;
            // Rows changed in this tick were announced whole already.
            if (!(batchApplied && t->tickSerial == tickSerial))
                rateChanged.push_back({t->node->parent, t->node->row});
        }
        if (t->rate.isIdle(nowMsecs, bucket)) {
            t->inRateSet = false;
            rateActive[i] = rateActive.back();
            rateActive.pop_back();
        } else {
            ++i;
        }
    }
    rateCursor = i;
    emitDataChanged(rateChanged, {MqttTopicTreeModel::MessageRateRole}, true);
}

void MqttTopicTreeModelPrivate::trimPerTopic()
{
    for (MqttTopicNode *node : std::as_const(nodes)) {
        MqttTopicData *t = node->data;
        if (!t || t->history.size() <= maxPerTopic)
            continue;
        const int r = t->history.size() - maxPerTopic;
        const QList<MqttHistoryObserver *> obs = t->observed ? observersOf(t) : QList<MqttHistoryObserver *>();
        for (MqttHistoryObserver *o : obs)
            o->historyAboutToRemoveFront(r);
        for (int j = 0; j < r; ++j)
            storedBytes -= t->history.at(j).payload.size();
        t->history.popFront(r);
        t->history.squeeze();
        storedCount -= r;
        t->fifoDebt += quint32(r);
        for (MqttHistoryObserver *o : obs)
            o->historyRemovedFront();
    }
}

void MqttTopicTreeModelPrivate::enforceBounds()
{
    if (applying) {
        boundsDirty = true;
        return;
    }
    boundsDirty = false;
    if (++tickSerial == 0)
        tickSerial = 1;
    changed.clear();
    trimPerTopic();
    evict();
    if (qint64(fifo.size()) > 2 * storedCount + 1024)
        compactFifo(false);
    emitDataChanged(changed, {});
    emitCountsIfChanged();
}

void MqttTopicTreeModelPrivate::removeNode(MqttTopicNode *node)
{
    // Take along the ancestors that would be left with neither a message nor a child.
    MqttTopicNode *top = node;
    while (top->parent != &root && !top->parent->data && top->parent->children.size() == 1)
        top = top->parent;
    std::vector<MqttTopicNode *> doomed;
    collectSubtree(top, doomed);

    for (MqttTopicNode *n : doomed) {
        if (!n->data || !n->data->observed)
            continue;
        const QList<MqttHistoryObserver *> obs = observersOf(n->data);
        for (MqttHistoryObserver *o : obs)
            o->historyAboutToDetach();
        for (MqttHistoryObserver *o : obs)
            o->historyDetached();
    }

    for (MqttTreeObserver *o : std::vector<MqttTreeObserver *>(treeObservers))
        o->subtreeAboutToBeRemoved(top);
    MqttTopicNode *parent = top->parent;
    const int row = top->row;
    q->beginRemoveRows(indexOf(parent), row, row);
    parent->children.erase(parent->children.begin() + row);
    for (size_t i = size_t(row); i < parent->children.size(); ++i)
        parent->children[i]->row = int(i);
    for (MqttTopicNode *a = parent; a; a = a->parent) {
        a->subtreeMessages -= top->subtreeMessages;
        a->subtreeTopics -= top->subtreeTopics;
    }
    topicCount -= top->subtreeTopics;
    bool hadData = false;
    for (MqttTopicNode *n : doomed) {
        nodes.remove(n->path);
        if (MqttTopicData *t = n->data) {
            skippedTotal -= t->skippedCount;
            storedCount -= t->history.size();
            storedBytes -= historyBytes(t);
            t->dead = true;
            hadData = true;
        }
    }
    if (hadData) {
        compactFifo(true);
        rateActive.erase(std::remove_if(rateActive.begin(), rateActive.end(),
                                        [](const MqttTopicData *t) { return t->dead; }),
                         rateActive.end());
    }
    q->endRemoveRows();
    deleteSubtree(top);

    if (++tickSerial == 0)
        tickSerial = 1;
    changed.clear();
    for (MqttTopicNode *a = parent; a != &root; a = a->parent)
        markChanged(a);
    emitDataChanged(changed, {});
    emitCountsIfChanged();
}

void MqttTopicTreeModelPrivate::updatePendingCount()
{
    pendingCount = feed ? feed->pendingCount() : 0;
}

void MqttTopicTreeModelPrivate::emitCountsIfChanged()
{
    const Counts c = counts();
    if (c == lastCounts)
        return;
    lastCounts = c;
    Q_EMIT q->countsChanged();
}

void MqttTopicTreeModelPrivate::schedule(bool immediately)
{
    if (tickInterval <= 0)
        return;
    const qint64 wait = immediately ? 0 : std::max<qint64>(0, effectiveTickInterval - sinceLastTick.elapsed());
    if (timer->isActive() && timer->remainingTime() <= wait)
        return;
    timer->start(int(wait));
}

void MqttTopicTreeModelPrivate::onTimer()
{
    q->applyPending();
    if (tickInterval <= 0 || timer->isActive())
        return;
    if (paused) {
        if (pendingCount > 0)
            timer->start(effectiveTickInterval); // keep pendingCount current
        return;
    }
    if (feed && feed->pendingCount() > 0)
        schedule(false);
    else if (!rateActive.empty())
        timer->start(int(std::max<qint64>(effectiveTickInterval, bucketMsecs()))); // rates decay
}

// ---- MqttTopicTreeModel -------------------------------------------------------------------

MqttTopicTreeModel::MqttTopicTreeModel(QObject *parent)
    : QAbstractItemModel(parent), d(new MqttTopicTreeModelPrivate(this))
{
}

MqttTopicTreeModel::~MqttTopicTreeModel()
{
    const auto all = d->observers;
    for (const QList<MqttHistoryObserver *> &list : all) {
        for (MqttHistoryObserver *o : list)
            o->treeDestroyed();
    }
    d->observers.clear();
    for (MqttTreeObserver *o : std::vector<MqttTreeObserver *>(d->treeObservers))
        o->treeDestroyed();
    d->treeObservers.clear();
    std::vector<MqttTopicNode *> top;
    top.swap(d->root.children);
    for (MqttTopicNode *n : top)
        deleteSubtree(n);
}

MqttMessageFeed *MqttTopicTreeModel::feed() const
{
    return d->feed.data();
}

void MqttTopicTreeModel::setFeed(MqttMessageFeed *feed)
{
    if (d->feed == feed)
        return;
    QObject::disconnect(d->feedConnection);
    d->feed = feed;
    if (feed) {
        d->feedConnection = connect(feed, &MqttMessageFeed::messagesAvailable, this, [this] { d->schedule(false); });
        if (feed->pendingCount() > 0)
            d->schedule(false);
    }
    Q_EMIT feedChanged();
}

bool MqttTopicTreeModel::isPaused() const
{
    return d->paused;
}

void MqttTopicTreeModel::setPaused(bool paused)
{
    if (d->paused == paused)
        return;
    d->paused = paused;
    if (!paused)
        d->schedule(true);
    Q_EMIT pausedChanged(paused);
}

int MqttTopicTreeModel::tickInterval() const
{
    return d->tickInterval;
}

void MqttTopicTreeModel::setTickInterval(int msecs)
{
    if (msecs < 0) {
        qCWarning(lcMqttTree, "MqttTopicTreeModel::setTickInterval: %d refused, must not be negative", msecs);
        return;
    }
    if (d->tickInterval == msecs)
        return;
    d->tickInterval = msecs;
    if (msecs == 0)
        d->timer->stop();
    const bool effectiveChanged = d->effectiveTickInterval != msecs;
    d->effectiveTickInterval = msecs;
    if (msecs > 0 && d->feed && d->feed->pendingCount() > 0)
        d->schedule(false);
    Q_EMIT tickIntervalChanged(msecs);
    if (effectiveChanged)
        Q_EMIT effectiveTickIntervalChanged(msecs);
}

int MqttTopicTreeModel::effectiveTickInterval() const
{
    return d->effectiveTickInterval;
}

int MqttTopicTreeModel::previewLength() const
{
    return d->previewLength;
}

void MqttTopicTreeModel::setPreviewLength(int characters)
{
    if (characters < 1 || characters > 100000) {
        qCWarning(lcMqttTree, "MqttTopicTreeModel::setPreviewLength: %d refused, must be 1 to 100000", characters);
        return;
    }
    if (d->previewLength == characters)
        return;
    d->previewLength = characters;
    // Every preview changes: one dataChanged() per parent, over all its children.
    std::vector<const MqttTopicNode *> parents{&d->root};
    for (const MqttTopicNode *n : std::as_const(d->nodes)) {
        if (!n->children.empty() && !n->isNew) // (new nodes: set from a slot during a tick)
            parents.push_back(n);
    }
    for (const MqttTopicNode *p : parents) {
        if (p->children.empty())
            continue;
        Q_EMIT dataChanged(createIndex(0, ValueColumn, p->children.front()),
                           createIndex(int(p->children.size()) - 1, ValueColumn, p->children.back()),
                           {Qt::DisplayRole, PayloadPreviewRole});
    }
    Q_EMIT previewLengthChanged(characters);
}

int MqttTopicTreeModel::maxHistoryPerTopic() const
{
    return d->maxPerTopic;
}

void MqttTopicTreeModel::setMaxHistoryPerTopic(int count)
{
    if (count < 1) {
        qCWarning(lcMqttTree, "MqttTopicTreeModel::setMaxHistoryPerTopic: %d refused, must be at least 1", count);
        return;
    }
    if (d->maxPerTopic == count)
        return;
    d->maxPerTopic = count;
    d->enforceBounds();
    Q_EMIT maxHistoryPerTopicChanged(count);
}

int MqttTopicTreeModel::maxHistoryMessages() const
{
    return d->maxMessages;
}

void MqttTopicTreeModel::setMaxHistoryMessages(int count)
{
    if (count < 1) {
        qCWarning(lcMqttTree, "MqttTopicTreeModel::setMaxHistoryMessages: %d refused, must be at least 1", count);
        return;
    }
    if (d->maxMessages == count)
        return;
    d->maxMessages = count;
    d->enforceBounds();
    Q_EMIT maxHistoryMessagesChanged(count);
}

qint64 MqttTopicTreeModel::maxHistoryBytes() const
{
    return d->maxBytes;
}

void MqttTopicTreeModel::setMaxHistoryBytes(qint64 bytes)
{
    if (bytes < 0) {
        qCWarning(lcMqttTree, "MqttTopicTreeModel::setMaxHistoryBytes: %lld refused, must not be negative",
                  static_cast<long long>(bytes));
        return;
    }
    if (d->maxBytes == bytes)
        return;
    d->maxBytes = bytes;
    d->enforceBounds();
    Q_EMIT maxHistoryBytesChanged(bytes);
}

int MqttTopicTreeModel::rateWindow() const
{
    return d->rateWindow;
}

void MqttTopicTreeModel::setRateWindow(int msecs)
{
    if (msecs < 100 || msecs > 3600000) {
        qCWarning(lcMqttTree, "MqttTopicTreeModel::setRateWindow: %d refused, must be 100 to 3600000 ms", msecs);
        return;
    }
    if (d->rateWindow == msecs)
        return;
    d->rateWindow = msecs;
    std::vector<MqttTopicTreeModelPrivate::ChangedRow> all;
    for (MqttTopicData *t : d->rateActive) {
        t->rate = MqttRateCounter();
        t->announcedRate = 0;
        t->inRateSet = false;
        if (!t->node->isNew) // (set from a slot during a tick: not inserted yet)
            all.push_back({t->node->parent, t->node->row});
    }
    d->rateActive.clear();
    d->rateCursor = 0;
    d->emitDataChanged(all, {MessageRateRole}, true);
    Q_EMIT rateWindowChanged(msecs);
}

int MqttTopicTreeModel::topicCount() const
{
    return d->topicCount;
}

qint64 MqttTopicTreeModel::messageCount() const
{
    return d->root.subtreeMessages;
}

qint64 MqttTopicTreeModel::skippedCount() const
{
    return d->skippedTotal;
}

int MqttTopicTreeModel::storedMessageCount() const
{
    return int(d->storedCount);
}

qint64 MqttTopicTreeModel::storedBytes() const
{
    return d->storedBytes;
}

int MqttTopicTreeModel::pendingCount() const
{
    return d->pendingCount;
}

QModelIndex MqttTopicTreeModel::indexForTopic(const QString &topic, int column) const
{
    if (column < 0 || column >= ColumnCount)
        return QModelIndex();
    return d->indexOf(d->nodes.value(topic.toUtf8(), nullptr), column);
}

bool MqttTopicTreeModel::removeTopic(const QString &topic)
{
    return removeSubtree(indexForTopic(topic));
}

bool MqttTopicTreeModel::removeSubtree(const QModelIndex &index)
{
    if (!index.isValid() || index.model() != this)
        return false;
    if (d->applying) {
        qCWarning(lcMqttTree, "MqttTopicTreeModel: a topic cannot be removed while a batch is applied");
        return false;
    }
    d->removeNode(static_cast<MqttTopicNode *>(index.internalPointer()));
    return true;
}

void MqttTopicTreeModel::clear()
{
    if (d->applying) {
        qCWarning(lcMqttTree, "MqttTopicTreeModel::clear: refused while a batch is applied");
        return;
    }
    const auto observed = d->observers;
    for (auto it = observed.cbegin(); it != observed.cend(); ++it) {
        const MqttTopicNode *node = d->nodes.value(it.key(), nullptr);
        if (!node || !node->data)
            continue;
        for (MqttHistoryObserver *o : it.value())
            o->historyAboutToDetach();
        for (MqttHistoryObserver *o : it.value())
            o->historyDetached();
    }
    std::vector<MqttTopicNode *> top;
    if (!d->root.children.empty()) {
        for (MqttTreeObserver *o : std::vector<MqttTreeObserver *>(d->treeObservers))
            o->treeAboutToBeCleared();
        beginRemoveRows(QModelIndex(), 0, int(d->root.children.size()) - 1);
        top.swap(d->root.children);
        d->nodes.clear();
        d->fifo.clear();
        d->rateActive.clear();
        d->root.subtreeMessages = 0;
        d->root.subtreeTopics = 0;
        d->topicCount = 0;
        d->skippedTotal = 0;
        d->storedCount = 0;
        d->storedBytes = 0;
        endRemoveRows();
    }
    for (MqttTopicNode *n : top)
        deleteSubtree(n);
    if (d->feed)
        d->feed->clear();
    d->updatePendingCount();
    d->emitCountsIfChanged();
}

void MqttTopicTreeModel::applyPending()
{
    d->apply(QDateTime::currentMSecsSinceEpoch());
}

void MqttTopicTreeModel::applyPending(qint64 nowMsecs)
{
    d->apply(nowMsecs);
}

QModelIndex MqttTopicTreeModel::index(int row, int column, const QModelIndex &parent) const
{
    if (row < 0 || column < 0 || column >= ColumnCount)
        return QModelIndex();
    if (parent.isValid() && (parent.model() != this || parent.column() != 0))
        return QModelIndex();
    const auto *p = parent.isValid() ? static_cast<const MqttTopicNode *>(parent.constInternalPointer()) : &d->root;
    if (row >= int(p->children.size()))
        return QModelIndex();
    return createIndex(row, column, p->children[size_t(row)]);
}

QModelIndex MqttTopicTreeModel::parent(const QModelIndex &child) const
{
    if (!child.isValid())
        return QModelIndex();
    const auto *n = static_cast<const MqttTopicNode *>(child.constInternalPointer());
    return d->indexOf(n->parent);
}

int MqttTopicTreeModel::rowCount(const QModelIndex &parent) const
{
    if (!parent.isValid())
        return int(d->root.children.size());
    if (parent.column() != 0)
        return 0;
    return int(static_cast<const MqttTopicNode *>(parent.constInternalPointer())->children.size());
}

int MqttTopicTreeModel::columnCount(const QModelIndex &parent) const
{
    Q_UNUSED(parent);
    return ColumnCount;
}

bool MqttTopicTreeModel::hasChildren(const QModelIndex &parent) const
{
    return rowCount(parent) > 0;
}

QVariant MqttTopicTreeModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.model() != this)
        return QVariant();
    const auto *node = static_cast<const MqttTopicNode *>(index.constInternalPointer());
    const MqttTopicData *t = node->data;
    const MqttHistoryEntry *latest = t && !t->history.isEmpty() ? &t->history.back() : nullptr;

    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case TopicColumn:
            if (node->levelStart == node->path.size())
                return tr("(empty level)");
            return MqttModels::topicFromUtf8(node->path.mid(node->levelStart));
        case ValueColumn:
            return latest ? QVariant(MqttModels::payloadPreview(latest->payload, d->previewLength)) : QVariant();
        case MessageCountColumn:
            return t ? QVariant(t->messageCount) : QVariant();
        case SubtreeTopicCountColumn:
            return node->subtreeTopics;
        case SubtreeMessageCountColumn:
            return node->subtreeMessages;
        }
        return QVariant();
    case Qt::ToolTipRole:
        return MqttModels::topicFromUtf8(node->path);
    case Qt::TextAlignmentRole:
        if (index.column() >= MessageCountColumn)
            return int(Qt::AlignRight | Qt::AlignVCenter);
        return QVariant();
    case LevelNameRole:
        return MqttModels::topicFromUtf8(node->path.mid(node->levelStart));
    case TopicRole:
        return MqttModels::topicFromUtf8(node->path);
    case HasMessageRole:
        return t != nullptr;
    case PayloadRole:
        return latest ? QVariant(latest->payload) : QVariant();
    case PayloadPreviewRole:
        return latest ? QVariant(MqttModels::payloadPreview(latest->payload, d->previewLength)) : QVariant();
    case PayloadSizeRole:
        return latest ? QVariant(int(latest->payload.size())) : QVariant();
    case MessageCountRole:
        return t ? t->messageCount : qint64(0);
    case SubtreeTopicCountRole:
        return node->subtreeTopics;
    case SubtreeMessageCountRole:
        return node->subtreeMessages;
    case RetainRole:
        return latest ? QVariant(latest->retain) : QVariant();
    case QosRole:
        return latest ? QVariant(int(latest->qos)) : QVariant();
    case LastUpdateRole:
        return latest ? QVariant(QDateTime::fromMSecsSinceEpoch(latest->arrivalMsecs)) : QVariant();
    case MessageRateRole:
        return t ? t->rate.rate(d->now, d->bucketMsecs()) : 0.0;
    case PropertiesRole:
        return latest ? QVariant::fromValue(latest->properties) : QVariant();
    case PropertiesMapRole:
        return latest ? QVariant(latest->properties.toVariantMap()) : QVariant();
    case SkippedCountRole:
        return t ? t->skippedCount : qint64(0);
    }
    return QVariant();
}

QVariant MqttTopicTreeModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QVariant();
    switch (section) {
    case TopicColumn:
        return tr("Topic");
    case ValueColumn:
        return tr("Value");
    case MessageCountColumn:
        return tr("Messages");
    case SubtreeTopicCountColumn:
        return tr("Topics");
    case SubtreeMessageCountColumn:
        return tr("Subtree messages");
    }
    return QVariant();
}

Qt::ItemFlags MqttTopicTreeModel::flags(const QModelIndex &index) const
{
    if (!index.isValid())
        return Qt::NoItemFlags;
    return Qt::ItemIsEnabled | Qt::ItemIsSelectable;
}

QHash<int, QByteArray> MqttTopicTreeModel::roleNames() const
{
    QHash<int, QByteArray> names = QAbstractItemModel::roleNames();
    names.insert(LevelNameRole, QByteArrayLiteral("levelName"));
    names.insert(TopicRole, QByteArrayLiteral("topic"));
    names.insert(HasMessageRole, QByteArrayLiteral("hasMessage"));
    names.insert(PayloadRole, QByteArrayLiteral("payload"));
    names.insert(PayloadPreviewRole, QByteArrayLiteral("payloadPreview"));
    names.insert(PayloadSizeRole, QByteArrayLiteral("payloadSize"));
    names.insert(MessageCountRole, QByteArrayLiteral("messageCount"));
    names.insert(SubtreeTopicCountRole, QByteArrayLiteral("subtreeTopicCount"));
    names.insert(SubtreeMessageCountRole, QByteArrayLiteral("subtreeMessageCount"));
    names.insert(RetainRole, QByteArrayLiteral("retain"));
    names.insert(QosRole, QByteArrayLiteral("qos"));
    names.insert(LastUpdateRole, QByteArrayLiteral("lastUpdate"));
    names.insert(MessageRateRole, QByteArrayLiteral("messageRate"));
    names.insert(PropertiesRole, QByteArrayLiteral("properties"));
    names.insert(PropertiesMapRole, QByteArrayLiteral("propertiesMap"));
    names.insert(SkippedCountRole, QByteArrayLiteral("skippedCount"));
    return names;
}
