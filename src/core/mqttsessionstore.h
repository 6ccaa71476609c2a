// Copyright (C) 2026 The MqttQt authors.
// SPDX-License-Identifier: BSD-3-Clause
#ifndef MQTTSESSIONSTORE_H
#define MQTTSESSIONSTORE_H

#include "mqttnamespace.h"

#include <QtCore/QByteArray>
#include <QtCore/QList>
#include <QtCore/QObject>
#include <QtCore/QString>

#include <memory>

class MqttMemorySessionStorePrivate;
class MqttSqliteSessionStorePrivate;
class MqttLogSessionStorePrivate;

/*!
    Where an MqttClient keeps its session state so that it survives the client object and
    the process: the QoS 1 and 2 messages not yet completed (with their packet ids, their
    order and whether PUBREC arrived), the inbound QoS 2 messages awaiting PUBREL, the
    digests of recently completed inbound QoS 2 messages (to recognise a broker's
    redelivery), and the message and packet id counters.

    A store is a transactional map from (kind, key) to bytes, like Paho C's
    \c MQTTClient_persistence: the client decides what the records mean and encodes them
    (a versioned format it checks when loading); the store only keeps them. Implement the
    four functions to keep a session elsewhere (a key-value database, a file system of
    your own). The built-in stores are MqttMemorySessionStore, MqttSqliteSessionStore and
    MqttLogSessionStore.

    The client calls open() once when the store is set, then load(); later, commit() with
    the changes of one event-loop pass (see Mqtt::Durability), and load() again after a
    failed commit (to continue from what is durable). Every function runs in the client's
    thread. A function that fails returns an error code (normally
    Mqtt::ErrorCode::SessionStore) and a specific sentence; it must leave the stored state
    as it was before the call (a commit is all or nothing).
*/
class MQTTQT_CORE_EXPORT MqttSessionStore : public QObject
{
    Q_OBJECT
public:
    /*! One stored record. \a kind and \a key identify it; the client owns the meaning of
        both and of \a value. */
    struct Record
    {
        int kind = 0;
        quint64 key = 0;
        QByteArray value;
    };
    /*! One change of a commit: \a value replaces the record (kind, key), or, with
        \a remove set, the record is deleted (deleting one that does not exist is not an
        error). */
    struct Change
    {
        int kind = 0;
        quint64 key = 0;
        QByteArray value;
        bool remove = false;
    };

    explicit MqttSessionStore(QObject *parent = nullptr);
    ~MqttSessionStore() override;

    /*! Opens the store for \a clientId. A store that holds another client id's session
        must refuse (ErrorCode::Invalid, naming both ids): a session belongs to one client
        id. An empty store remembers \a clientId. */
    virtual Mqtt::ErrorCode open(const QString &clientId, QString *errorString) = 0;
    /*! Replaces \a records with every record stored, in any order. */
    virtual Mqtt::ErrorCode load(QList<Record> *records, QString *errorString) = 0;
    /*! Applies \a changes in order (a later change of the same record wins), all or
        nothing, made as durable as \a durability asks before returning: every level
        survives a crash of the process; Synced and Immediate also the operating system
        and the power (synced to the medium); Grouped at least keeps the store
        consistent then. */
    virtual Mqtt::ErrorCode commit(const QList<Change> &changes, Mqtt::Durability durability,
                                   QString *errorString) = 0;
    /*! Closes the store; the client calls it before it lets go of the store. */
    virtual void close() = 0;
};

/*!
    A session store in memory: the records live as long as this object, so a session
    moves from one client object to the next within a process (hand the store to the new
    client after the old one let go of it: MqttClient::takeSessionStore()). Durability
    settings make no difference. Without any store a client keeps its session in memory
    too, inside itself, which is the default.
*/
class MQTTQT_CORE_EXPORT MqttMemorySessionStore : public MqttSessionStore
{
    Q_OBJECT
public:
    explicit MqttMemorySessionStore(QObject *parent = nullptr);
    ~MqttMemorySessionStore() override;

    /*! The client id this store belongs to; empty until first opened. */
    QString clientId() const;
    /*! The number of records held. */
    int recordCount() const;

    Mqtt::ErrorCode open(const QString &clientId, QString *errorString) override;
    Mqtt::ErrorCode load(QList<Record> *records, QString *errorString) override;
    Mqtt::ErrorCode commit(const QList<Change> &changes, Mqtt::Durability durability,
                           QString *errorString) override;
    void close() override;

private:
    std::unique_ptr<MqttMemorySessionStorePrivate> const d;
};

/*!
    A durable session store: an SQLite database (the system's SQLite library, through its
    C API) in write-ahead-log mode, one file per client id (plus SQLite's \c -wal file
    beside it while open). A commit is one SQLite transaction: atomic, and after a crash
    of the process the database holds exactly the last committed state.
    Mqtt::Durability::Unsynced sets \c synchronous=OFF, Grouped \c NORMAL (the
    write-ahead log is synced at checkpoints only), Synced and Immediate \c FULL (synced
    at every commit).

    open() refuses, with the path and SQLite's reason in the sentence: a path that cannot
    be created or written (a read-only directory or file), a file that is not an MqttQt
    session database or is corrupt or truncated, a database of another client id or of a
    newer format, a database another live client holds (an exclusive lock). A commit that
    fails (a full disk, a file size limit, an I/O error) is rolled back and reported; the
    database stays as before it.
*/
class MQTTQT_CORE_EXPORT MqttSqliteSessionStore : public MqttSessionStore
{
    Q_OBJECT
public:
    /*! A store in the database file \a path (created when missing; its directory must
        exist). Nothing is opened before open(). */
    explicit MqttSqliteSessionStore(const QString &path, QObject *parent = nullptr);
    ~MqttSqliteSessionStore() override;

    /*! The database file. */
    QString path() const;

    Mqtt::ErrorCode open(const QString &clientId, QString *errorString) override;
    Mqtt::ErrorCode load(QList<Record> *records, QString *errorString) override;
    Mqtt::ErrorCode commit(const QList<Change> &changes, Mqtt::Durability durability,
                           QString *errorString) override;
    void close() override;

private:
    std::unique_ptr<MqttSqliteSessionStorePrivate> const d;
};

/*!
    A durable session store in one append-only file, the one MqttClient::setPersistencePath()
    makes: each commit appends one frame (its length, a CRC-32 of it seeded with a random
    salt of the file, and the changes of the pass), written with one \c pwrite(). In
    memory the store keeps only where each record's value lies in the file. When the file
    has grown by the compaction threshold (or by four times what the records take, if that
    is more) since it was opened or last compacted, it is compacted: the records are
    written to <tt>path.compact</tt>, synced, and renamed over the log, so a crash at any
    point leaves either the old log or the new one, whole. A commit costs a fraction of an
    SQLite transaction (one system call and no page images; see the README's Persistence
    section for the figures), with the same guarantees:

    - Unsynced and Grouped write the frame and return: it survives a crash of the process.
      After an operating-system crash or a power loss the log is read up to the last whole
      frame (every frame is checked), so the store is consistent but may miss its last
      passes; a Grouped compaction syncs, which bounds what can be lost.
    - Synced and Immediate also \c fdatasync() the frame (and, after an unsynced
      compaction, the directory) before the commit returns.

    open() maps the log, checks every frame, and syncs what it keeps. The log ends at the
    first frame that is not whole: a frame cut short (the process died while writing it) is
    a commit that never returned, and after a crash of the system frames written since the
    last sync may have reached the disk in part or out of order; it is cut off and the
    store opens with the state before it (when whole commits follow the cut, as out-of-order
    writes or damage to the medium leave, the bytes cut off are first kept in
    <tt>path.torn</tt>, synced: nothing is destroyed without a trace). A damaged frame followed by a whole frame that was
    marked synced (written with Synced or Immediate when everything before it was already
    on the disk) cannot be a crash's doing: that is corruption, and open() refuses, naming
    both byte offsets, rather than open without what the rest of the log holds. The path is
    resolved at open() (absolute, symbolic links followed), so compaction stays beside the
    log whatever the working directory becomes.

    open() also refuses, with the path and the reason: a path that cannot be opened or
    created, a directory or anything else that is not a regular file (a FIFO), a directory
    the store cannot write (compaction needs it), a file that is not an MqttQt session log,
    a log of another client id or of a newer format, a log another live client holds (an
    exclusive \c flock(), checked to be on the file the path names after the lock is
    taken). A new log is written beside its path and linked in whole, so a crash while it
    is created never leaves a torn header. A commit that fails (a full disk, a file size
    limit, an I/O error) is cut off again and reported; the log stays as before it.
*/
class MQTTQT_CORE_EXPORT MqttLogSessionStore : public MqttSessionStore
{
    Q_OBJECT
public:
    /*! A store in the log file \a path (created when missing; its directory must exist
        and be writable). Nothing is opened before open(). */
    explicit MqttLogSessionStore(const QString &path, QObject *parent = nullptr);
    ~MqttLogSessionStore() override;

    /*! The log file. */
    QString path() const;
    /*! The log's size in bytes (0 when not open). */
    qint64 fileSize() const;
    /*! How many times the log has been compacted since open(). */
    int compactions() const;
    /*! Why the last attempt to compact the log failed (which step, which file, the
        system's error); empty if it succeeded or none was made since open(). See
        compactionFailed(). */
    QString lastCompactionError() const;
    /*! The log is compacted when it has grown by this many bytes since it was opened or
        last compacted (at least 4 KiB; at most 2^62, which means never), or by four times
        what its records take if that is more. Default 4 MiB: a compaction every 30,000 or
        so 64-byte QoS 1 messages. Smaller bounds the file (flash with little room); larger
        compacts (and, at Grouped, syncs) less often. Applies from the next commit. */
    void setCompactionThreshold(qint64 bytes);
    qint64 compactionThreshold() const;

    Mqtt::ErrorCode open(const QString &clientId, QString *errorString) override;
    Mqtt::ErrorCode load(QList<Record> *records, QString *errorString) override;
    Mqtt::ErrorCode commit(const QList<Change> &changes, Mqtt::Durability durability,
                           QString *errorString) override;
    void close() override;

Q_SIGNALS:
    /*! A compaction failed (\a errorString as lastCompactionError()): the commit that
        started it succeeded and the log is intact, but it grows until the next attempt,
        when it has grown by the threshold again. An MqttClient using the store logs this
        as a warning (MqttClient::logMessage()). */
    void compactionFailed(const QString &errorString);

private:
    std::unique_ptr<MqttLogSessionStorePrivate> const d;
};

#endif // MQTTSESSIONSTORE_H
