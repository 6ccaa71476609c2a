// Copyright (C) 2026 The MqttQt authors.
// SPDX-License-Identifier: BSD-3-Clause
#ifndef MQTTTOPICTREEMODEL_H
#define MQTTTOPICTREEMODEL_H

#include <MqttQt/mqttqtmodels_export.h>
#include "mqttmessagefeed.h"

#include <QtCore/QAbstractItemModel>

#include <memory>

class MqttTopicTreeModelPrivate;

/*!
    The topics a broker sent, as a tree with one node per topic level, and the message
    history behind it.

    \c a/b/c gives the nodes \c a > \c b > \c c. Empty levels are real levels: \c a//b
    has an empty level between \c a and \c b, and \c /a an empty first level (shown as
    "(empty level)" in the display role; LevelNameRole gives the exact, empty, name).
    \c $SYS topics are ordinary nodes.

    <b>Ingest.</b> The model drains a MqttMessageFeed (setFeed()) once per tick in its own
    thread. A tick applies at most one change per topic, however many messages the topic
    received in it: new rows are inserted with one beginInsertRows() per parent (all
    appended after the existing children), changed rows are announced with one
    dataChanged() per contiguous run of rows under a parent (full rows, all roles; the
    ancestors of a changed topic change too, as their subtree counts grow). The tick
    interval is tickInterval() (default 100 ms) and lengthens to five times the time the
    last apply took (at most ten tickInterval()s) so that applying uses at most about a
    fifth of the thread. The model never resets in normal operation; clear() and the
    removal functions remove rows.

    <b>Stable rows.</b> New children are appended after their siblings, in the order of
    their first message, and rows never move: a QPersistentModelIndex keeps pointing to
    the same topic until that topic is removed. For sorted views put a
    QSortFilterProxyModel (e.g. MqttTopicFilterProxyModel) on top; it keeps persistent
    indexes valid.

    <b>History.</b> Every message of a topic is stored in that topic's history, read through
    MqttMessageHistoryModel, within three bounds: maxHistoryPerTopic() messages per topic
    (default 1,000), and maxHistoryMessages() (default 100,000) and maxHistoryBytes()
    (payload bytes, default 64 MiB) over all topics, the oldest messages leaving first.
    The latest message of every topic is always kept, whatever the bounds: with more
    topics than the global bound allows, the store holds exactly one message per topic.

    <b>Pause.</b> While paused() the model applies nothing: the tree and the histories stay
    as they are, the feed keeps collecting (pendingCount() says how many wait), and on
    resuming the next tick applies everything waiting, that is the latest state. A long
    pause fills the feed; beyond its bounds it keeps the latest message per topic and
    counts the rest as skipped (MqttMessageFeed).

    <b>Time.</b> Each tick runs applyPending() with the current time; tests call
    applyPending(now) themselves with tickInterval() set to 0. Arrival times come from
    the feed.

    <b>Columns</b> (for QTreeView): TopicColumn (level name, tooltip the full topic),
    ValueColumn (payload preview of the latest message), MessageCountColumn (messages on
    exactly this topic), SubtreeTopicCountColumn (topics in the subtree, this one
    included), SubtreeMessageCountColumn (messages in the subtree). Every role below
    answers on every column.

    The model, its feed's draining, and the history models reading it live in one thread.
*/
class MQTTQT_MODELS_EXPORT MqttTopicTreeModel : public QAbstractItemModel
{
    Q_OBJECT
    /*! The feed drained on each tick; none by default. The model does not own it. */
    Q_PROPERTY(MqttMessageFeed *feed READ feed WRITE setFeed NOTIFY feedChanged)
    /*! True while no batch is applied (see the class description); default false. */
    Q_PROPERTY(bool paused READ isPaused WRITE setPaused NOTIFY pausedChanged)
    /*! The base tick in milliseconds; default 100. 0 stops the automatic ticks:
        applyPending() is then called by the owner (tests, custom scheduling). */
    Q_PROPERTY(int tickInterval READ tickInterval WRITE setTickInterval NOTIFY tickIntervalChanged)
    /*! The current tick in milliseconds after adaptation to the apply time. */
    Q_PROPERTY(int effectiveTickInterval READ effectiveTickInterval NOTIFY effectiveTickIntervalChanged)
    /*! Characters of payload shown by PayloadPreviewRole and the value column; default
        100, from 1 to 100,000. */
    Q_PROPERTY(int previewLength READ previewLength WRITE setPreviewLength NOTIFY previewLengthChanged)
    /*! Messages kept per topic; default 1,000, at least 1. */
    Q_PROPERTY(int maxHistoryPerTopic READ maxHistoryPerTopic WRITE setMaxHistoryPerTopic
               NOTIFY maxHistoryPerTopicChanged)
    /*! Messages kept over all topics (but always the latest of each); default 100,000,
        at least 1. */
    Q_PROPERTY(int maxHistoryMessages READ maxHistoryMessages WRITE setMaxHistoryMessages
               NOTIFY maxHistoryMessagesChanged)
    /*! Payload bytes kept over all topics (but always the latest message of each);
        default 64 MiB, at least 0. */
    Q_PROPERTY(qint64 maxHistoryBytes READ maxHistoryBytes WRITE setMaxHistoryBytes
               NOTIFY maxHistoryBytesChanged)
    /*! The sliding window of MessageRateRole in milliseconds; default 10,000, from 100
        to 3,600,000. Changing it restarts every rate from zero. */
    Q_PROPERTY(int rateWindow READ rateWindow WRITE setRateWindow NOTIFY rateWindowChanged)
    /*! Topics (nodes that received a message on exactly their topic). */
    Q_PROPERTY(int topicCount READ topicCount NOTIFY countsChanged)
    /*! Messages received on the topics in the tree, skipped ones included. */
    Q_PROPERTY(qint64 messageCount READ messageCount NOTIFY countsChanged)
    /*! Messages the feed skipped under overflow (latest per topic kept), over the topics
        in the tree. */
    Q_PROPERTY(qint64 skippedCount READ skippedCount NOTIFY countsChanged)
    /*! Messages in the histories. */
    Q_PROPERTY(int storedMessageCount READ storedMessageCount NOTIFY countsChanged)
    /*! Payload bytes in the histories. */
    Q_PROPERTY(qint64 storedBytes READ storedBytes NOTIFY countsChanged)
    /*! Messages waiting in the feed; refreshed on each tick, also while paused. */
    Q_PROPERTY(int pendingCount READ pendingCount NOTIFY countsChanged)

public:
    /*! The columns; their display roles are described in the class description. */
    enum Column {
        TopicColumn,
        ValueColumn,
        MessageCountColumn,
        SubtreeTopicCountColumn,
        SubtreeMessageCountColumn,
        ColumnCount
    };
    Q_ENUM(Column)

    /*! The roles, named for QML by roleNames() (the name is given after each). Values
        describing the latest message are empty (invalid QVariant) on nodes that never
        received a message on exactly their topic. */
    enum Role {
        LevelNameRole = Qt::UserRole + 1, //!< "levelName": QString, this level, may be empty
        TopicRole,               //!< "topic": QString, the full topic
        HasMessageRole,          //!< "hasMessage": bool, a message arrived on exactly this topic
        PayloadRole,             //!< "payload": QByteArray, the latest payload, complete
        PayloadPreviewRole,      //!< "payloadPreview": QString, previewLength() characters, "…" when shortened; binary as "hex: .."
        PayloadSizeRole,         //!< "payloadSize": int, bytes of the latest payload
        MessageCountRole,        //!< "messageCount": qint64, messages on this topic, skipped ones included
        SubtreeTopicCountRole,   //!< "subtreeTopicCount": int, topics in the subtree, this one included
        SubtreeMessageCountRole, //!< "subtreeMessageCount": qint64, messages in the subtree
        RetainRole,              //!< "retain": bool, the latest message's retain flag
        QosRole,                 //!< "qos": int, the latest message's QoS (0, 1, 2)
        LastUpdateRole,          //!< "lastUpdate": QDateTime, arrival of the latest message
        MessageRateRole,         //!< "messageRate": double, messages per second over rateWindow()
        PropertiesRole,          //!< "properties": MqttProperties of the latest message
        PropertiesMapRole,       //!< "propertiesMap": MqttProperties::toVariantMap() of the same, for QML
        SkippedCountRole,        //!< "skippedCount": qint64, messages of this topic skipped by the feed
    };
    Q_ENUM(Role)

    /*! Creates an empty model with no feed. */
    explicit MqttTopicTreeModel(QObject *parent = nullptr);
    /*! Detaches the history models reading this one (they become empty). */
    ~MqttTopicTreeModel() override;

    /*! Returns the feed drained, or nullptr. */
    MqttMessageFeed *feed() const;
    /*! Drains \a feed from now on (and no longer the previous one). A feed is drained by
        one model only. Messages already waiting are applied on the next tick. */
    void setFeed(MqttMessageFeed *feed);

    /*! Returns true while paused. */
    bool isPaused() const;
    /*! Pauses (true) or resumes (false); resuming schedules a tick at once. */
    void setPaused(bool paused);
    /*! Returns the base tick in milliseconds (0: no automatic ticks). */
    int tickInterval() const;
    /*! Sets the base tick; a negative value is refused with a warning. */
    void setTickInterval(int msecs);
    /*! Returns the current, adapted tick in milliseconds. */
    int effectiveTickInterval() const;
    /*! Returns the payload preview length in characters. */
    int previewLength() const;
    /*! Sets the preview length; a value outside 1..100,000 is refused with a warning. */
    void setPreviewLength(int characters);
    /*! Returns the per-topic history bound. */
    int maxHistoryPerTopic() const;
    /*! Sets the per-topic bound, trimming longer histories at once (oldest first); a
        value below 1 is refused with a warning. */
    void setMaxHistoryPerTopic(int count);
    /*! Returns the global history bound in messages. */
    int maxHistoryMessages() const;
    /*! Sets the global message bound, evicting at once; a value below 1 is refused with
        a warning. */
    void setMaxHistoryMessages(int count);
    /*! Returns the global history bound in payload bytes. */
    qint64 maxHistoryBytes() const;
    /*! Sets the global payload byte bound, evicting at once; a negative value is
        refused with a warning. */
    void setMaxHistoryBytes(qint64 bytes);
    /*! Returns the message rate window in milliseconds. */
    int rateWindow() const;
    /*! Sets the rate window; a value outside 100..3,600,000 ms is refused with a
        warning. */
    void setRateWindow(int msecs);

    /*! Returns the number of topics: nodes that received a message on exactly their
        topic. */
    int topicCount() const;
    /*! Returns the messages received on the topics in the tree, skipped ones included. */
    qint64 messageCount() const;
    /*! Returns the messages the feed skipped (latest per topic kept) on the topics in the
        tree. */
    qint64 skippedCount() const;
    /*! Returns the number of messages in the histories. */
    int storedMessageCount() const;
    /*! Returns the payload bytes in the histories. */
    qint64 storedBytes() const;
    /*! Returns the messages waiting in the feed at the last tick. */
    int pendingCount() const;

    /*! Returns the index of \a topic's node in \a column, or an invalid index if the
        tree has no such node (intermediate levels have nodes too). */
    Q_INVOKABLE QModelIndex indexForTopic(const QString &topic, int column = 0) const;
    /*! Removes the node of \a topic with its subtree and history, and the ancestors
        left with neither a message nor another child. Returns false if there is no
        such node, or when called from a slot reacting to this model's own apply. */
    Q_INVOKABLE bool removeTopic(const QString &topic);
    /*! Removes the node at \a index; like removeTopic(). */
    Q_INVOKABLE bool removeSubtree(const QModelIndex &index);
    /*! Removes every topic and its history, resets the counters, and drops the messages
        waiting in the feed. */
    Q_INVOKABLE void clear();

    /*! Returns the index of child \a row of \a parent (children hang off column 0). */
    QModelIndex index(int row, int column, const QModelIndex &parent = QModelIndex()) const override;
    /*! Returns the parent of \a child, in column 0. */
    QModelIndex parent(const QModelIndex &child) const override;
    /*! Returns the number of child levels of \a parent (0 for columns other than 0). */
    int rowCount(const QModelIndex &parent = QModelIndex()) const override;
    /*! Returns ColumnCount. */
    int columnCount(const QModelIndex &parent = QModelIndex()) const override;
    /*! Returns true if \a parent has child levels. */
    bool hasChildren(const QModelIndex &parent = QModelIndex()) const override;
    /*! Returns \a role of \a index: the roles and columns in the class description,
        Qt::ToolTipRole (the full topic) and Qt::TextAlignmentRole (counts right). */
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    /*! Returns the column titles (translatable). */
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    /*! Returns enabled and selectable for every valid index. */
    Qt::ItemFlags flags(const QModelIndex &index) const override;
    /*! Returns Qt's role names and the names of Role. */
    QHash<int, QByteArray> roleNames() const override;

public Q_SLOTS:
    /*! Applies what the feed holds now (one tick), at the current time. Does nothing
        but refresh pendingCount() while paused. */
    void applyPending();
    /*! Applies what the feed holds now, with \a nowMsecs (milliseconds since the epoch)
        as the model's time for the message rates. */
    void applyPending(qint64 nowMsecs);

Q_SIGNALS:
    /*! Emitted when setFeed() changed the feed. */
    void feedChanged();
    /*! Emitted when setPaused() changed the state. */
    void pausedChanged(bool paused);
    /*! Emitted when setTickInterval() changed the base tick. */
    void tickIntervalChanged(int msecs);
    /*! Emitted when the adapted tick changed (after a tick, or with the base tick). */
    void effectiveTickIntervalChanged(int msecs);
    /*! Emitted when setPreviewLength() changed the length (after announcing the changed
        previews). */
    void previewLengthChanged(int characters);
    /*! Emitted when setMaxHistoryPerTopic() changed the bound (after trimming). */
    void maxHistoryPerTopicChanged(int count);
    /*! Emitted when setMaxHistoryMessages() changed the bound (after evicting). */
    void maxHistoryMessagesChanged(int count);
    /*! Emitted when setMaxHistoryBytes() changed the bound (after evicting). */
    void maxHistoryBytesChanged(qint64 bytes);
    /*! Emitted when setRateWindow() changed the window (after resetting the rates). */
    void rateWindowChanged(int msecs);
    /*! Emitted at most once per tick (and after clear() and removals) when any counter
        property changed. */
    void countsChanged();
    /*! Emitted after each tick that drained messages: \a messageCount messages from the
        feed, applied to \a topicCount topics in \a durationUsec microseconds. */
    void batchApplied(int messageCount, int topicCount, qint64 durationUsec);

private:
    friend class MqttTopicTreeModelPrivate;
    std::unique_ptr<MqttTopicTreeModelPrivate> const d;
};

#endif // MQTTTOPICTREEMODEL_H
