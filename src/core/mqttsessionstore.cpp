// Copyright (C) 2026 The MqttQt authors.
// SPDX-License-Identifier: BSD-3-Clause
#include "mqttsessionstore.h"

#include <QtCore/QFile>
#include <QtCore/QFileInfo>
#include <QtCore/QHash>
#include <QtCore/QPair>
#include <QtCore/QRandomGenerator>

#include <QtCore/QtEndian>

#include <algorithm>
#include <limits>
#include <optional>
#include <vector>

#include <sqlite3.h>
#include <zlib.h>

#include <cerrno>
#include <cstring>
#include <fcntl.h>
#include <sys/file.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

using Mqtt::ErrorCode;

MqttSessionStore::MqttSessionStore(QObject *parent) : QObject(parent) { }

MqttSessionStore::~MqttSessionStore() = default;

// ---- in memory ---------------------------------------------------------------------------

class MqttMemorySessionStorePrivate
{
public:
    QString clientId;
    QHash<QPair<int, quint64>, QByteArray> records;
};

MqttMemorySessionStore::MqttMemorySessionStore(QObject *parent)
    : MqttSessionStore(parent), d(new MqttMemorySessionStorePrivate)
{
}

MqttMemorySessionStore::~MqttMemorySessionStore() = default;

QString MqttMemorySessionStore::clientId() const
{
    return d->clientId;
}

int MqttMemorySessionStore::recordCount() const
{
    return int(d->records.size());
}

ErrorCode MqttMemorySessionStore::open(const QString &clientId, QString *errorString)
{
    if (!d->clientId.isEmpty() && d->clientId != clientId) {
        if (errorString)
            *errorString = QStringLiteral("The session store holds the session of client id \"%1\", not \"%2\"")
                                   .arg(d->clientId, clientId);
        return ErrorCode::Invalid;
    }
    d->clientId = clientId;
    return ErrorCode::NoError;
}

ErrorCode MqttMemorySessionStore::load(QList<Record> *records, QString *)
{
    records->clear();
    records->reserve(d->records.size());
    for (auto it = d->records.cbegin(); it != d->records.cend(); ++it)
        records->append({ it.key().first, it.key().second, it.value() });
    return ErrorCode::NoError;
}

ErrorCode MqttMemorySessionStore::commit(const QList<Change> &changes, Mqtt::Durability, QString *)
{
    for (const Change &c : changes) {
        if (c.remove)
            d->records.remove({ c.kind, c.key });
        else
            d->records.insert({ c.kind, c.key }, c.value);
    }
    return ErrorCode::NoError;
}

void MqttMemorySessionStore::close() { }

// ---- SQLite ------------------------------------------------------------------------------

namespace {
constexpr int SqliteFormat = 1; // the schema below; a newer one is refused, not guessed at
} // namespace

class MqttSqliteSessionStorePrivate
{
public:
    explicit MqttSqliteSessionStorePrivate(const QString &path) : path(path) { }
    ~MqttSqliteSessionStorePrivate() { closeDatabase(); }

    QString reason() const
    {
        return db ? QString::fromUtf8(sqlite3_errmsg(db)) : QStringLiteral("out of memory");
    }
    ErrorCode fail(const QString &what, QString *errorString) const
    {
        if (errorString)
            *errorString = QStringLiteral("The session store %1 %2: %3").arg(path, what, reason());
        return ErrorCode::SessionStore;
    }
    bool exec(const char *sql) { return sqlite3_exec(db, sql, nullptr, nullptr, nullptr) == SQLITE_OK; }
    // The first column of the first row of \a sql, or null on error.
    std::optional<QByteArray> scalar(const char *sql)
    {
        sqlite3_stmt *st = nullptr;
        if (sqlite3_prepare_v2(db, sql, -1, &st, nullptr) != SQLITE_OK)
            return std::nullopt;
        std::optional<QByteArray> result;
        const int rc = sqlite3_step(st);
        if (rc == SQLITE_ROW)
            result = QByteArray(reinterpret_cast<const char *>(sqlite3_column_text(st, 0)));
        else if (rc == SQLITE_DONE)
            result = QByteArray();
        sqlite3_finalize(st);
        return result;
    }
    void closeDatabase()
    {
        for (sqlite3_stmt **st : { &put, &remove, &begin, &commit }) {
            sqlite3_finalize(*st);
            *st = nullptr;
        }
        if (db) {
            sqlite3_close(db);
            db = nullptr;
        }
    }

    const QString path;
    sqlite3 *db = nullptr;
    sqlite3_stmt *put = nullptr;
    sqlite3_stmt *remove = nullptr;
    sqlite3_stmt *begin = nullptr;  // prepared once: a commit per event-loop pass is the hot path
    sqlite3_stmt *commit = nullptr;
    bool step(sqlite3_stmt *st)
    {
        const int rc = sqlite3_step(st);
        sqlite3_reset(st);
        return rc == SQLITE_DONE;
    }
    int synchronous = -1; // the PRAGMA synchronous level set
};

MqttSqliteSessionStore::MqttSqliteSessionStore(const QString &path, QObject *parent)
    : MqttSessionStore(parent), d(new MqttSqliteSessionStorePrivate(path))
{
}

MqttSqliteSessionStore::~MqttSqliteSessionStore() = default;

QString MqttSqliteSessionStore::path() const
{
    return d->path;
}

ErrorCode MqttSqliteSessionStore::open(const QString &clientId, QString *errorString)
{
    auto refuse = [errorString, this](const QString &why) {
        if (errorString)
            *errorString = QStringLiteral("The session store %1 %2").arg(d->path, why);
        return ErrorCode::SessionStore;
    };
    if (d->path.isEmpty())
        return refuse(QStringLiteral("has no path"));
    if (QFileInfo(d->path).isDir())
        return refuse(QStringLiteral("is a directory"));
    d->closeDatabase();
    d->synchronous = -1;
    // One client thread at a time uses the connection (it may move with the client).
    if (sqlite3_open_v2(QFile::encodeName(d->path).constData(), &d->db,
                        SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, nullptr)
        != SQLITE_OK) {
        const ErrorCode e = d->fail(QStringLiteral("cannot be opened"), errorString);
        d->closeDatabase();
        return e;
    }
    sqlite3_extended_result_codes(d->db, 1);
    sqlite3_busy_timeout(d->db, 200);
    auto failOpen = [&](const QString &what) {
        const ErrorCode e = d->fail(what, errorString);
        d->closeDatabase();
        return e;
    };
    // A store belongs to one live client: the first write takes an exclusive lock that is
    // held until close() (and released by the kernel if the process dies).
    if (!d->exec("PRAGMA locking_mode=EXCLUSIVE"))
        return failOpen(QStringLiteral("cannot be used"));
    const auto mode = d->scalar("PRAGMA journal_mode=WAL");
    if (!mode)
        return failOpen(QStringLiteral("is not an SQLite database or cannot be written"));
    if (mode->compare("wal", Qt::CaseInsensitive) != 0) {
        d->closeDatabase();
        return refuse(QStringLiteral("cannot use write-ahead logging (journal mode %1)").arg(QString::fromUtf8(*mode)));
    }
    // A truncated or damaged file shows here, before anything is believed.
    const auto check = d->scalar("PRAGMA quick_check");
    if (!check)
        return failOpen(QStringLiteral("is corrupt"));
    if (*check != "ok") {
        d->closeDatabase();
        return refuse(QStringLiteral("is corrupt: %1").arg(QString::fromUtf8(*check)));
    }
    if (!d->exec("BEGIN IMMEDIATE"))
        return failOpen(QStringLiteral("cannot be written"));
    if (!d->exec("CREATE TABLE IF NOT EXISTS mqttqt_meta(name TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID")
        || !d->exec("CREATE TABLE IF NOT EXISTS mqttqt_records(kind INTEGER NOT NULL, key INTEGER NOT NULL, "
                    "value BLOB NOT NULL, PRIMARY KEY(kind, key)) WITHOUT ROWID")) {
        const ErrorCode e = d->fail(QStringLiteral("cannot be written"), errorString);
        d->exec("ROLLBACK");
        d->closeDatabase();
        return e;
    }
    QString storedId;
    int format = 0;
    {
        sqlite3_stmt *st = nullptr;
        if (sqlite3_prepare_v2(d->db, "SELECT name, value FROM mqttqt_meta", -1, &st, nullptr) != SQLITE_OK) {
            const ErrorCode e = d->fail(QStringLiteral("cannot be read"), errorString);
            d->exec("ROLLBACK");
            d->closeDatabase();
            return e;
        }
        int rc;
        while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
            const QByteArray name(reinterpret_cast<const char *>(sqlite3_column_text(st, 0)));
            const QString value = QString::fromUtf8(reinterpret_cast<const char *>(sqlite3_column_text(st, 1)));
            if (name == "client_id")
                storedId = value;
            else if (name == "format")
                format = value.toInt();
        }
        sqlite3_finalize(st);
        if (rc != SQLITE_DONE) {
            const ErrorCode e = d->fail(QStringLiteral("cannot be read"), errorString);
            d->exec("ROLLBACK");
            d->closeDatabase();
            return e;
        }
    }
    if (format > SqliteFormat) {
        d->exec("ROLLBACK");
        d->closeDatabase();
        return refuse(QStringLiteral("has format %1; this MqttQt reads format %2").arg(format).arg(SqliteFormat));
    }
    if (format != 0 && storedId != clientId) {
        d->exec("ROLLBACK");
        d->closeDatabase();
        if (errorString)
            *errorString = QStringLiteral("The session store %1 holds the session of client id \"%2\", not \"%3\"")
                                   .arg(d->path, storedId, clientId);
        return ErrorCode::Invalid;
    }
    if (format == 0) {
        sqlite3_stmt *st = nullptr;
        const QByteArray id = clientId.toUtf8();
        const QByteArray fmt = QByteArray::number(SqliteFormat);
        bool ok = sqlite3_prepare_v2(d->db, "INSERT OR REPLACE INTO mqttqt_meta(name, value) VALUES ('format', ?), ('client_id', ?)",
                                     -1, &st, nullptr) == SQLITE_OK;
        ok = ok && sqlite3_bind_text(st, 1, fmt.constData(), int(fmt.size()), SQLITE_TRANSIENT) == SQLITE_OK
                && sqlite3_bind_text(st, 2, id.constData(), int(id.size()), SQLITE_TRANSIENT) == SQLITE_OK
                && sqlite3_step(st) == SQLITE_DONE;
        sqlite3_finalize(st);
        if (!ok) {
            const ErrorCode e = d->fail(QStringLiteral("cannot be written"), errorString);
            d->exec("ROLLBACK");
            d->closeDatabase();
            return e;
        }
    }
    if (!d->exec("COMMIT")) {
        const ErrorCode e = d->fail(QStringLiteral("cannot be written"), errorString);
        d->exec("ROLLBACK");
        d->closeDatabase();
        return e;
    }
    if (sqlite3_prepare_v2(d->db, "INSERT OR REPLACE INTO mqttqt_records(kind, key, value) VALUES (?, ?, ?)", -1,
                           &d->put, nullptr) != SQLITE_OK
        || sqlite3_prepare_v2(d->db, "DELETE FROM mqttqt_records WHERE kind = ? AND key = ?", -1, &d->remove, nullptr)
                != SQLITE_OK
        || sqlite3_prepare_v2(d->db, "BEGIN", -1, &d->begin, nullptr) != SQLITE_OK
        || sqlite3_prepare_v2(d->db, "COMMIT", -1, &d->commit, nullptr) != SQLITE_OK)
        return failOpen(QStringLiteral("cannot be used"));
    return ErrorCode::NoError;
}

ErrorCode MqttSqliteSessionStore::load(QList<Record> *records, QString *errorString)
{
    records->clear();
    if (!d->db) {
        if (errorString)
            *errorString = QStringLiteral("The session store %1 is not open").arg(d->path);
        return ErrorCode::SessionStore;
    }
    sqlite3_stmt *st = nullptr;
    if (sqlite3_prepare_v2(d->db, "SELECT kind, key, value FROM mqttqt_records", -1, &st, nullptr) != SQLITE_OK)
        return d->fail(QStringLiteral("cannot be read"), errorString);
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        const char *blob = static_cast<const char *>(sqlite3_column_blob(st, 2));
        const int size = sqlite3_column_bytes(st, 2);
        records->append({ sqlite3_column_int(st, 0), quint64(sqlite3_column_int64(st, 1)), QByteArray(blob, size) });
    }
    sqlite3_finalize(st);
    if (rc != SQLITE_DONE) {
        records->clear();
        return d->fail(QStringLiteral("cannot be read"), errorString);
    }
    return ErrorCode::NoError;
}

ErrorCode MqttSqliteSessionStore::commit(const QList<Change> &changes, Mqtt::Durability durability,
                                         QString *errorString)
{
    if (!d->db || !d->put) {
        if (errorString)
            *errorString = QStringLiteral("The session store %1 is not open").arg(d->path);
        return ErrorCode::SessionStore;
    }
    if (changes.isEmpty())
        return ErrorCode::NoError;
    const int level = durability == Mqtt::Durability::Unsynced ? 0 : durability == Mqtt::Durability::Grouped ? 1 : 2;
    if (level != d->synchronous) {
        static const char *const pragmas[] = { "PRAGMA synchronous=OFF", "PRAGMA synchronous=NORMAL",
                                               "PRAGMA synchronous=FULL" };
        if (!d->exec(pragmas[level]))
            return d->fail(QStringLiteral("cannot be configured"), errorString);
        d->synchronous = level;
    }
    if (!d->step(d->begin))
        return d->fail(QStringLiteral("cannot start a transaction"), errorString);
    for (const Change &c : changes) {
        sqlite3_stmt *st = c.remove ? d->remove : d->put;
        sqlite3_bind_int(st, 1, c.kind);
        sqlite3_bind_int64(st, 2, sqlite3_int64(c.key));
        if (!c.remove) // the bytes are the caller's until the step below: no copy
            sqlite3_bind_blob(st, 3, c.value.constData(), int(c.value.size()), SQLITE_STATIC);
        const int rc = sqlite3_step(st);
        sqlite3_reset(st);
        if (rc != SQLITE_DONE) {
            const ErrorCode e = d->fail(QStringLiteral("could not save the session"), errorString);
            sqlite3_clear_bindings(st);
            d->exec("ROLLBACK");
            return e;
        }
    }
    sqlite3_clear_bindings(d->put);
    if (!d->step(d->commit)) {
        const ErrorCode e = d->fail(QStringLiteral("could not save the session"), errorString);
        d->exec("ROLLBACK");
        return e;
    }
    return ErrorCode::NoError;
}

void MqttSqliteSessionStore::close()
{
    d->closeDatabase();
}

// ---- append-only log ---------------------------------------------------------------------
//
// The file is a sequence of frames: u32 body length, u32 CRC-32 (zlib) of the length's four
// bytes and the body, the body. All integers little-endian. The first frame is the header
// ("MQTTQTSL", u32 format, u32 salt, u32 client id length, the UTF-8 client id), its CRC
// started from 0; every further frame's CRC starts from the file's salt (random per file),
// so that frame-shaped bytes inside a stored value, or left over from another file, never
// pass as a frame of this one. Each further frame is one commit: 'S' if every byte before
// it was on the disk once it was synced (see dirty), else 'C'; u64 sequence number counting
// from 1 in this file; u32 change count; changes. A change is u8 1 (put) or 2 (remove), i32
// kind, u64 key, and for a put u32 value length and the value.

namespace {
constexpr int LogFormat = 1;
constexpr char LogMagic[8] = { 'M', 'Q', 'T', 'T', 'Q', 'T', 'S', 'L' };
constexpr qint64 FrameHead = 8;
constexpr qint64 ChangeHead = 1 + 4 + 8; // op, kind, key
constexpr qint64 CommitHead = 1 + 8 + 4; // type, sequence, count
constexpr qint64 CompactAtLeast = 4 * 1024 * 1024;
constexpr qint64 CompactMinimum = 4 * 1024;
constexpr qint64 CompactMaximum = qint64(1) << 62; // "never", without overflowing a sum
constexpr qint64 SnapshotFrame = 1024 * 1024;      // a compaction writes frames of about this
constexpr quint8 OpPut = 1;
constexpr quint8 OpRemove = 2;
constexpr char Unsynced = 'C';
constexpr char Synced = 'S';

quint32 frameCrc(quint32 seed, const char *frame, qint64 bodySize)
{
    // The length is covered too: a damaged length must not pass as a shorter frame.
    const uLong crc = crc32(seed, reinterpret_cast<const Bytef *>(frame), 4);
    return quint32(crc32_z(crc, reinterpret_cast<const Bytef *>(frame + FrameHead), size_t(bodySize)));
}

// Appends to a QByteArray; the caller reserved the room.
struct Writer
{
    QByteArray &out;
    void u8(quint8 v) { out.append(char(v)); }
    void u32(quint32 v)
    {
        char b[4];
        qToLittleEndian(v, b);
        out.append(b, 4);
    }
    void u64(quint64 v)
    {
        char b[8];
        qToLittleEndian(v, b);
        out.append(b, 8);
    }
    void bytes(const QByteArray &v)
    {
        u32(quint32(v.size()));
        out.append(v);
    }
};

// Reads a frame's body; every read is checked against its end.
struct Reader
{
    const char *p;
    const char *end;
    bool ok = true;
    bool need(qint64 n)
    {
        if (ok && end - p >= n)
            return true;
        ok = false;
        return false;
    }
    quint8 u8() { return need(1) ? quint8(*p++) : 0; }
    quint32 u32()
    {
        if (!need(4))
            return 0;
        const quint32 v = qFromLittleEndian<quint32>(p);
        p += 4;
        return v;
    }
    quint64 u64()
    {
        if (!need(8))
            return 0;
        const quint64 v = qFromLittleEndian<quint64>(p);
        p += 8;
        return v;
    }
    // Steps over a length-prefixed value; where it starts and its length.
    const char *skipBytes(quint32 *n)
    {
        *n = u32();
        if (!need(*n))
            return nullptr;
        const char *at = p;
        p += *n;
        return at;
    }
};

// Where a record's value lies in the log file.
struct Location
{
    qint64 offset = 0;
    quint32 size = 0;
};

qint64 recordSize(qint64 valueSize)
{
    return ChangeHead + 4 + valueSize;
}

QString systemError(int error)
{
    return QString::fromLocal8Bit(std::strerror(error));
}

// A file mapped for reading (the log at open(): its pages are the page cache's, not a copy).
class Mapping
{
public:
    Mapping(int fd, qint64 size) : m_size(size)
    {
        void *p = ::mmap(nullptr, size_t(size), PROT_READ, MAP_PRIVATE, fd, 0);
        m_data = p == MAP_FAILED ? nullptr : static_cast<const char *>(p);
    }
    ~Mapping()
    {
        if (m_data)
            ::munmap(const_cast<char *>(m_data), size_t(m_size));
    }
    Mapping(const Mapping &) = delete;
    Mapping &operator=(const Mapping &) = delete;
    const char *data() const { return m_data; }
    qint64 size() const { return m_size; }

private:
    const char *m_data = nullptr;
    qint64 m_size = 0;
};

// The frame at \a offset of \a data when it is whole and its CRC (from \a seed) matches.
bool frameAt(const char *data, qint64 size, qint64 offset, quint32 seed, const char **body, qint64 *bodySize)
{
    if (size - offset < FrameHead)
        return false;
    const char *frame = data + offset;
    const qint64 length = qFromLittleEndian<quint32>(frame);
    if (length < 1 || length > size - offset - FrameHead)
        return false;
    if (qFromLittleEndian<quint32>(frame + 4) != frameCrc(seed, frame, length))
        return false;
    *body = frame + FrameHead;
    *bodySize = length;
    return true;
}

// Writes all of \a data at \a offset; false with errno set otherwise.
bool writeAll(int file, const char *data, qint64 size, qint64 offset)
{
    while (size > 0) {
        const ssize_t n = ::pwrite(file, data, size_t(size), off_t(offset));
        if (n < 0) {
            if (errno == EINTR)
                continue;
            return false;
        }
        if (n == 0) {
            errno = EIO;
            return false;
        }
        data += n;
        size -= n;
        offset += n;
    }
    return true;
}

bool truncateTo(int file, qint64 size)
{
    int rc;
    do
        rc = ::ftruncate(file, off_t(size));
    while (rc != 0 && errno == EINTR);
    return rc == 0;
}

// Starts a frame in \a out; endFrame() fills in its length and CRC.
qsizetype beginFrame(QByteArray &out)
{
    const qsizetype at = out.size();
    out.append(FrameHead, '\0');
    return at;
}

bool endFrame(QByteArray &out, qsizetype at, quint32 seed)
{
    const qint64 body = out.size() - at - FrameHead;
    if (body > qint64(std::numeric_limits<quint32>::max()))
        return false;
    char *frame = out.data() + at;
    qToLittleEndian(quint32(body), frame);
    qToLittleEndian(frameCrc(seed, frame, body), frame + 4);
    return true;
}

QByteArray headerFrame(const QByteArray &clientId, quint32 salt)
{
    QByteArray out;
    const qsizetype at = beginFrame(out);
    out.append(LogMagic, sizeof LogMagic);
    Writer w{ out };
    w.u32(LogFormat);
    w.u32(salt);
    w.bytes(clientId);
    endFrame(out, at, 0);
    return out;
}

quint32 newSalt()
{
    return QRandomGenerator::system()->generate();
}
} // namespace

class MqttLogSessionStorePrivate
{
public:
    explicit MqttLogSessionStorePrivate(const QString &path) : path(path) { }
    ~MqttLogSessionStorePrivate() { closeFile(); }

    ErrorCode fail(const QString &what, int error, QString *errorString) const
    {
        if (errorString)
            *errorString = QStringLiteral("The session store %1 %2: %3").arg(path, what, systemError(error));
        return ErrorCode::SessionStore;
    }
    ErrorCode refuse(const QString &why, QString *errorString) const
    {
        if (errorString)
            *errorString = QStringLiteral("The session store %1 %2").arg(path, why);
        return ErrorCode::SessionStore;
    }
    void closeFile()
    {
        if (fd >= 0)
            ::close(fd); // releases the lock
        fd = -1;
        records.clear();
        liveBytes = 0;
        fileSize = 0;
        baseSize = 0;
        sequence = 0;
        broken = false;
        dirty = false;
        directorySynced = true;
    }
    QByteArray sibling(const char *suffix) const { return QFile::encodeName(file) + suffix; }
    bool syncDirectory() const
    {
        const QByteArray dir = QFile::encodeName(QFileInfo(file).absolutePath());
        const int dfd = ::open(dir.constData(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
        if (dfd < 0)
            return false;
        const bool ok = ::fsync(dfd) == 0;
        ::close(dfd);
        return ok;
    }
    ErrorCode create(QString *errorString, bool *retry);
    bool replay(const char *body, qint64 size, quint64 expectedSequence, qint64 fileOffset)
    {
        Reader r{ body, body + size };
        const char type = char(r.u8());
        if ((type != Unsynced && type != Synced) || r.u64() != expectedSequence)
            return false;
        const quint32 count = r.u32();
        for (quint32 i = 0; i < count && r.ok; ++i) {
            const quint8 op = r.u8();
            const int kind = int(r.u32());
            const quint64 key = r.u64();
            if (op == OpPut) {
                quint32 n = 0;
                const char *value = r.skipBytes(&n);
                if (r.ok)
                    put(kind, key, { fileOffset + (value - body), n });
            } else if (op == OpRemove) {
                if (r.ok)
                    remove(kind, key);
            } else {
                return false;
            }
        }
        return r.ok && r.p == r.end;
    }
    void put(int kind, quint64 key, Location at)
    {
        const auto it = records.find({ kind, key });
        if (it == records.end()) {
            records.insert({ kind, key }, at);
            liveBytes += recordSize(at.size);
        } else {
            liveBytes += recordSize(at.size) - recordSize(it->size);
            *it = at;
        }
    }
    void remove(int kind, quint64 key)
    {
        const auto it = records.constFind({ kind, key });
        if (it == records.cend())
            return;
        liveBytes -= recordSize(it->size);
        records.erase(it);
    }
    // Reads \a at's bytes from the log into \a to; false with errno set otherwise.
    bool readValue(Location at, char *to) const
    {
        for (qint64 done = 0; done < at.size;) {
            const ssize_t n = ::pread(fd, to + done, size_t(at.size - done), off_t(at.offset + done));
            if (n < 0 && errno == EINTR)
                continue;
            if (n <= 0) {
                if (n == 0)
                    errno = EIO;
                return false;
            }
            done += n;
        }
        return true;
    }
    // Whole commit frames after \a from (sequence numbers above \a sequence, so that stray
    // bytes do not pass as one): the offset of the first one and of the first one marked
    // synced, each 0 if there is none and -1 if its search gave up. Every candidate costs a
    // CRC over its length, so each search has a budget: a file crafted with many candidates
    // is not searched without end. One pass serves both; the search for any frame stops at
    // the first.
    struct Following
    {
        qint64 any = 0;
        qint64 synced = 0;
    };
    static Following commitsAfter(const char *data, qint64 size, qint64 from, quint64 sequence, quint32 salt)
    {
        Following found;
        qint64 anyBudget = 2 * size + SnapshotFrame;
        qint64 syncedBudget = anyBudget;
        for (qint64 at = from + 1; at + FrameHead + CommitHead <= size; ++at) {
            const char type = data[at + FrameHead];
            const bool wantAny = found.any == 0 && (type == Synced || type == Unsynced);
            const bool wantSynced = type == Synced;
            if (!wantAny && !wantSynced)
                continue;
            const quint64 n = qFromLittleEndian<quint64>(data + at + FrameHead + 1);
            if (n <= sequence || n - sequence > quint64(size))
                continue;
            const qint64 length = qFromLittleEndian<quint32>(data + at);
            if (length < CommitHead || length > size - at - FrameHead)
                continue;
            if (wantAny && (anyBudget -= length) < 0)
                found.any = -1;
            if (wantSynced && (syncedBudget -= length) < 0) {
                found.synced = -1;
                return found;
            }
            const char *body = nullptr;
            qint64 bodySize = 0;
            if ((found.any == 0 || wantSynced) && frameAt(data, size, at, salt, &body, &bodySize)) {
                if (found.any == 0)
                    found.any = at;
                if (wantSynced) {
                    found.synced = at;
                    return found;
                }
            }
        }
        return found;
    }
    // Grown past what setCompactionThreshold() allows since the last compaction or open()?
    bool dueForCompaction() const
    {
        return fileSize - baseSize > std::max(growth, std::min(CompactMaximum, 4 * (liveBytes + 256)));
    }
    // False with compactionError set if it failed (the log is then as it was).
    bool compact(Mqtt::Durability durability);

    const QString path; // as given, for the messages
    QString file;       // the absolute path with symbolic links resolved, set by open()
    int fd = -1;
    QByteArray clientId;
    quint32 salt = 0;
    // What the log holds now: where each record's value is in the file (the values stay on
    // the disk and in the page cache; the session holds its own copy of what it needs).
    QHash<QPair<int, quint64>, Location> records;
    qint64 liveBytes = 0; // the records' size in a frame
    qint64 fileSize = 0;  // where the next frame goes
    qint64 baseSize = 0;  // the size after open() or the last compaction (or its attempt)
    quint64 sequence = 0; // the last commit's number in this file
    int compactions = 0;
    QString compactionError; // of the last attempt; empty if it succeeded
    qint64 growth = CompactAtLeast; // setCompactionThreshold()
    bool broken = false;  // a failed write could not be cut off again
    // Frames written since the last sync: a synced frame written now is marked 'C', since
    // it may reach the disk before them (a crash of the system during its sync).
    bool dirty = false;
    // The directory entry of the file (a compaction's rename) is on the disk.
    bool directorySynced = true;
    QByteArray frame;            // one commit's frame, its capacity reused
    std::vector<qint64> valueAt; // where in the frame each of its changes' value starts
};

ErrorCode MqttLogSessionStorePrivate::create(QString *errorString, bool *retry)
{
    // The header is written to a file beside the log, synced, and linked in under the
    // log's name (which fails if another process got there first): a crash leaves either
    // no log or a whole one, never a torn header.
    *retry = false;
    const QByteArray temp = sibling(".new");
    const int tfd = ::open(temp.constData(), O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0644);
    if (tfd < 0)
        return fail(QStringLiteral("cannot be opened"), errno, errorString);
    if (::flock(tfd, LOCK_EX | LOCK_NB) != 0) {
        const int error = errno;
        ::close(tfd);
        if (error == EWOULDBLOCK)
            return refuse(QStringLiteral("is in use by another live client (it is being created)"), errorString);
        return fail(QStringLiteral("cannot be locked"), error, errorString);
    }
    const quint32 s = newSalt();
    const QByteArray header = headerFrame(clientId, s);
    if (!truncateTo(tfd, 0) || !writeAll(tfd, header.constData(), header.size(), 0) || ::fdatasync(tfd) != 0) {
        const int error = errno;
        ::close(tfd);
        ::unlink(temp.constData());
        return fail(QStringLiteral("cannot be written"), error, errorString);
    }
    if (::link(temp.constData(), QFile::encodeName(file).constData()) != 0) {
        const int error = errno;
        ::close(tfd);
        ::unlink(temp.constData());
        if (error == EEXIST) {
            *retry = true;
            return ErrorCode::NoError;
        }
        return fail(QStringLiteral("cannot be created"), error, errorString);
    }
    ::unlink(temp.constData());
    if (!syncDirectory()) {
        const int error = errno;
        ::close(tfd);
        return fail(QStringLiteral("cannot be created (its directory cannot be synced)"), error, errorString);
    }
    fd = tfd;
    salt = s;
    fileSize = baseSize = header.size();
    return ErrorCode::NoError;
}

bool MqttLogSessionStorePrivate::compact(Mqtt::Durability durability)
{
    // The records, in frames of about 1 MiB, in a new file, synced and renamed over the log.
    // A crash before the rename leaves the old log (and a stale .compact file, removed at the
    // next open()); after it, the new one, whole. Failing here loses nothing: the log is
    // intact and the next attempt comes when it has grown as much again.
    baseSize = fileSize;
    const bool sync = durability != Mqtt::Durability::Unsynced;
    const QByteArray temp = sibling(".compact");
    const QByteArray log = QFile::encodeName(file);
    // The first step that failed, with its errno, for compactionError.
    QString failedStep;
    int failedError = 0;
    const auto check = [&](bool done, const char *what, const QByteArray &name, int error = -1) {
        if (!done && failedStep.isEmpty()) {
            failedError = error >= 0 ? error : errno;
            failedStep = QString::fromLatin1(what).arg(QFile::decodeName(name));
        }
        return done;
    };
    const auto failed = [&] {
        compactionError = QStringLiteral("Compacting the session store %1 failed: %2: %3; the log is intact "
                                         "and grows until the next attempt")
                                  .arg(path, failedStep, systemError(failedError));
        return false;
    };
    struct stat st;
    const int tfd = ::open(temp.constData(), O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0600);
    if (!check(tfd >= 0, "cannot create %1", temp))
        return failed();
    const quint32 s = newSalt();
    QByteArray out = headerFrame(clientId, s);
    qint64 written = 0;
    quint64 frames = 0;
    QHash<QPair<int, quint64>, Location> moved;
    moved.reserve(records.size());
    bool ok = check(::fstat(fd, &st) == 0, "cannot read the status of %1", log)
            && check(::flock(tfd, LOCK_EX | LOCK_NB) == 0, "cannot lock %1", temp)
            && check(truncateTo(tfd, 0), "cannot truncate %1", temp)
            && check(::fchmod(tfd, st.st_mode & 07777) == 0, "cannot set the permissions of %1", temp);
    qsizetype at = -1;
    qsizetype countAt = 0;
    quint32 count = 0;
    auto finishFrame = [&] {
        qToLittleEndian(count, out.data() + countAt);
        ok = ok && check(endFrame(out, at, s), "a frame for %1 is over 4 GiB", temp, EFBIG)
                && check(writeAll(tfd, out.constData(), out.size(), written), "cannot write %1", temp);
        written += out.size();
        out.clear();
        at = -1;
    };
    for (auto it = records.cbegin(); it != records.cend() && ok; ++it) {
        if (at < 0) {
            at = beginFrame(out);
            Writer w{ out };
            w.u8(sync ? Synced : Unsynced); // the frames before it are in this file, synced with it
            w.u64(++frames);
            countAt = out.size();
            w.u32(0);
            count = 0;
        }
        Writer w{ out };
        w.u8(OpPut);
        w.u32(quint32(it.key().first));
        w.u64(it.key().second);
        w.u32(it->size);
        const qsizetype valueAt = out.size();
        out.resize(valueAt + it->size);
        ok = check(readValue(*it, out.data() + valueAt), "cannot read a record from %1", log);
        moved.insert(it.key(), { written + valueAt, it->size });
        ++count;
        if (out.size() >= SnapshotFrame)
            finishFrame();
    }
    if (at >= 0 || written == 0) { // the last frame, or no records: the header alone
        if (at >= 0) {
            finishFrame();
        } else {
            ok = ok && check(writeAll(tfd, out.constData(), out.size(), 0), "cannot write %1", temp);
            written = out.size();
        }
    }
    ok = ok && check(!sync || ::fdatasync(tfd) == 0, "cannot sync %1", temp)
            && check(::rename(temp.constData(), log.constData()) == 0, "cannot rename %1 over the log", temp);
    if (!ok) {
        ::close(tfd);
        ::unlink(temp.constData());
        return failed();
    }
    // The rename is done; until the directory is synced a system crash may undo it, so a
    // synced commit syncs the directory first (commit()).
    directorySynced = sync && syncDirectory();
    ::close(fd); // the old log, now unlinked
    fd = tfd;
    salt = s;
    records = std::move(moved);
    fileSize = baseSize = written;
    sequence = frames;
    dirty = !sync;
    ++compactions;
    compactionError.clear();
    return true;
}

MqttLogSessionStore::MqttLogSessionStore(const QString &path, QObject *parent)
    : MqttSessionStore(parent), d(new MqttLogSessionStorePrivate(path))
{
}

MqttLogSessionStore::~MqttLogSessionStore() = default;

QString MqttLogSessionStore::path() const
{
    return d->path;
}

qint64 MqttLogSessionStore::fileSize() const
{
    return d->fd >= 0 ? d->fileSize : 0;
}

int MqttLogSessionStore::compactions() const
{
    return d->compactions;
}

QString MqttLogSessionStore::lastCompactionError() const
{
    return d->compactionError;
}

void MqttLogSessionStore::setCompactionThreshold(qint64 bytes)
{
    d->growth = std::clamp(bytes, CompactMinimum, CompactMaximum);
}

qint64 MqttLogSessionStore::compactionThreshold() const
{
    return d->growth;
}

ErrorCode MqttLogSessionStore::open(const QString &clientId, QString *errorString)
{
    if (d->path.isEmpty())
        return d->refuse(QStringLiteral("has no path"), errorString);
    const QFileInfo info(d->path);
    if (info.isDir())
        return d->refuse(QStringLiteral("is a directory"), errorString);
    d->closeFile();
    d->compactions = 0;
    d->compactionError.clear();
    d->clientId = clientId.toUtf8();
    // Absolute, links resolved: compaction renames a file beside it, whatever the working
    // directory is by then, and replaces the file rather than a link to it.
    d->file = info.exists() ? info.canonicalFilePath() : info.absoluteFilePath();
    auto failOpen = [&](const QString &what, int error) {
        const ErrorCode e = d->fail(what, error, errorString);
        d->closeFile();
        return e;
    };
    auto refuseOpen = [&](const QString &why) {
        d->closeFile();
        return d->refuse(why, errorString);
    };
    const QByteArray name = QFile::encodeName(d->file);
    // Compaction writes a new file beside the log; a store that cannot do that would grow
    // without end, so it is refused now rather than later.
    if (::access(QFile::encodeName(QFileInfo(d->file).absolutePath()).constData(), W_OK) != 0) {
        const int error = errno;
        if (error != ENOENT)
            return failOpen(QStringLiteral("is in a directory that cannot be written (the log is compacted there)"),
                            error);
    }
    bool created = false;
    for (int attempt = 0; attempt < 5 && d->fd < 0; ++attempt) {
        const int fd = ::open(name.constData(), O_RDWR | O_CLOEXEC | O_NONBLOCK);
        if (fd < 0 && errno == ENOENT) {
            bool retry = false;
            const ErrorCode e = d->create(errorString, &retry);
            if (e != ErrorCode::NoError) {
                d->closeFile();
                return e;
            }
            created = !retry;
            continue;
        }
        if (fd < 0)
            return failOpen(QStringLiteral("cannot be opened"), errno);
        struct stat st;
        if (::fstat(fd, &st) != 0) {
            const int error = errno;
            ::close(fd);
            return failOpen(QStringLiteral("cannot be opened"), error);
        }
        if (!S_ISREG(st.st_mode)) {
            ::close(fd);
            return refuseOpen(QStringLiteral("is not a regular file"));
        }
        // One live client per store; the kernel releases the lock when the process dies.
        if (::flock(fd, LOCK_EX | LOCK_NB) != 0) {
            const int error = errno;
            ::close(fd);
            if (error == EWOULDBLOCK)
                return refuseOpen(QStringLiteral("is in use by another live client (it is locked)"));
            return failOpen(QStringLiteral("cannot be locked"), error);
        }
        // The lock is on what was opened: if the holder compacted the log in between, that
        // is the old file, unlinked, and the log is another one. Open again.
        struct stat now;
        if (::stat(name.constData(), &now) != 0 || now.st_dev != st.st_dev || now.st_ino != st.st_ino) {
            ::close(fd);
            continue;
        }
        ::fcntl(fd, F_SETFL, ::fcntl(fd, F_GETFL) & ~O_NONBLOCK);
        d->fd = fd;
    }
    if (d->fd < 0)
        return refuseOpen(QStringLiteral("keeps changing while it is opened (another client is compacting it)"));
    if (created)
        return ErrorCode::NoError;

    struct stat st;
    if (::fstat(d->fd, &st) != 0)
        return failOpen(QStringLiteral("cannot be read"), errno);
    if (st.st_size == 0) {
        // An empty file (made by someone else): the header, in place.
        d->salt = newSalt();
        const QByteArray header = headerFrame(d->clientId, d->salt);
        if (!writeAll(d->fd, header.constData(), header.size(), 0) || ::fdatasync(d->fd) != 0) {
            const int error = errno;
            truncateTo(d->fd, 0);
            return failOpen(QStringLiteral("cannot be written"), error);
        }
        d->fileSize = d->baseSize = header.size();
        return ErrorCode::NoError;
    }
    const Mapping map(d->fd, st.st_size);
    if (!map.data())
        return failOpen(QStringLiteral("cannot be read"), errno);
    const char *data = map.data();
    const qint64 size = map.size();
    const char *body = nullptr;
    qint64 bodySize = 0;
    if (size < FrameHead + qint64(sizeof LogMagic) || std::memcmp(data + FrameHead, LogMagic, sizeof LogMagic) != 0
        || !frameAt(data, size, 0, 0, &body, &bodySize))
        return refuseOpen(QStringLiteral("is not an MqttQt session log, or its header is damaged"));
    Reader header{ body + sizeof LogMagic, body + bodySize };
    const quint32 format = header.u32();
    if (header.ok && format > LogFormat)
        return refuseOpen(QStringLiteral("has format %1; this MqttQt reads format %2").arg(format).arg(LogFormat));
    const quint32 salt = header.u32();
    quint32 idLength = 0;
    const char *id = header.skipBytes(&idLength);
    if (!header.ok || header.p != header.end || format != LogFormat)
        return refuseOpen(QStringLiteral("is not an MqttQt session log, or its header is damaged"));
    const QByteArray storedId(id, qsizetype(idLength));
    if (storedId != d->clientId) {
        d->closeFile();
        if (errorString)
            *errorString = QStringLiteral("The session store %1 holds the session of client id \"%2\", not \"%3\"")
                                   .arg(d->path, QString::fromUtf8(storedId), clientId);
        return ErrorCode::Invalid;
    }
    d->salt = salt;
    qint64 offset = FrameHead + bodySize;
    quint64 sequence = 0;
    while (offset < size && frameAt(data, size, offset, salt, &body, &bodySize)) {
        if (!d->replay(body, bodySize, sequence + 1, offset + FrameHead))
            return refuseOpen(QStringLiteral("is corrupt: the commit at byte %1 does not parse").arg(offset));
        ++sequence;
        offset += FrameHead + bodySize;
    }
    if (offset < size) {
        // The first frame that is not whole ends the log. After a crash of the process that
        // is the frame being written (a commit that never returned); after a crash of the
        // system, frames written since the last sync may also have reached the disk in part
        // or out of order (the contract of Grouped and Unsynced: consistent, maybe missing
        // the last passes). A frame marked synced after it rules both out: once it was on
        // the disk, so was every byte before it. That is corruption, and opening the part
        // before it would silently drop what the rest holds.
        const auto following = MqttLogSessionStorePrivate::commitsAfter(data, size, offset, sequence, salt);
        const qint64 synced = following.synced;
        if (synced > 0)
            return refuseOpen(QStringLiteral("is corrupt: the commit at byte %1 is damaged and a synced commit "
                                             "follows it at byte %2")
                                      .arg(offset)
                                      .arg(synced));
        if (synced < 0)
            return refuseOpen(QStringLiteral("is corrupt: the commit at byte %1 is damaged and what follows it "
                                             "cannot be checked")
                                      .arg(offset));
        // Whole commits after the damaged one: what a system crash can leave, or damage to
        // the medium. Either way they are cut off; their bytes are kept in path.torn first
        // (for whoever wants to look), never destroyed without a trace.
        if (following.any != 0) {
            const QByteArray torn = d->sibling(".torn");
            const int tfd = ::open(torn.constData(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC | O_NOFOLLOW, 0600);
            const bool kept = tfd >= 0 && writeAll(tfd, data + offset, size - offset, 0) && ::fdatasync(tfd) == 0;
            const int error = errno;
            if (tfd >= 0)
                ::close(tfd);
            if (!kept)
                return failOpen(QStringLiteral("is damaged at byte %1 and what follows cannot be kept aside in %2")
                                        .arg(offset)
                                        .arg(QFile::decodeName(torn)),
                                error);
        }
        if (!truncateTo(d->fd, offset))
            return failOpen(QStringLiteral("cannot be written"), errno);
    }
    // What the last process left (and the cut) on the disk before anything is added to it:
    // the first synced commit may then be marked so.
    if (::fdatasync(d->fd) != 0)
        return failOpen(QStringLiteral("cannot be written"), errno);
    d->fileSize = d->baseSize = offset;
    d->sequence = sequence;
    // Files of a compaction or a creation the last process did not finish: not the log.
    ::unlink(d->sibling(".compact").constData());
    ::unlink(d->sibling(".new").constData());
    return ErrorCode::NoError;
}

ErrorCode MqttLogSessionStore::load(QList<Record> *records, QString *errorString)
{
    records->clear();
    if (d->fd < 0)
        return d->refuse(QStringLiteral("is not open"), errorString);
    records->reserve(d->records.size());
    for (auto it = d->records.cbegin(); it != d->records.cend(); ++it) {
        QByteArray value(qsizetype(it->size), Qt::Uninitialized);
        if (!d->readValue(*it, value.data())) {
            records->clear();
            return d->fail(QStringLiteral("cannot be read"), errno, errorString);
        }
        records->append({ it.key().first, it.key().second, value });
    }
    return ErrorCode::NoError;
}

ErrorCode MqttLogSessionStore::commit(const QList<Change> &changes, Mqtt::Durability durability,
                                      QString *errorString)
{
    if (d->fd < 0)
        return d->refuse(QStringLiteral("is not open"), errorString);
    if (d->broken)
        return d->refuse(QStringLiteral("could not save the session: a failed write could not be undone; open the "
                                        "store again"),
                         errorString);
    if (changes.isEmpty())
        return ErrorCode::NoError;
    const bool sync = durability == Mqtt::Durability::Synced || durability == Mqtt::Durability::Immediate;
    if (sync && !d->directorySynced) {
        if (!d->syncDirectory())
            return d->fail(QStringLiteral("could not save the session (its directory cannot be synced)"), errno,
                           errorString);
        d->directorySynced = true;
    }
    QByteArray &out = d->frame;
    qint64 size = FrameHead + CommitHead;
    for (const Change &c : changes)
        size += c.remove ? ChangeHead : recordSize(c.value.size());
    out.clear(); // keeps the capacity
    out.reserve(qsizetype(size));
    const qsizetype at = beginFrame(out);
    Writer w{ out };
    w.u8(sync && !d->dirty ? Synced : Unsynced);
    w.u64(d->sequence + 1);
    w.u32(quint32(changes.size()));
    std::vector<qint64> &valueAt = d->valueAt;
    valueAt.clear();
    for (const Change &c : changes) {
        w.u8(c.remove ? OpRemove : OpPut);
        w.u32(quint32(c.kind));
        w.u64(c.key);
        if (!c.remove) {
            w.bytes(c.value);
            valueAt.push_back(out.size() - c.value.size());
        }
    }
    if (!endFrame(out, at, d->salt))
        return d->refuse(QStringLiteral("could not save the session: one pass's changes (%1 bytes) exceed the "
                                        "log's 4 GiB frame")
                                 .arg(out.size()),
                         errorString);
    if (!writeAll(d->fd, out.constData(), out.size(), d->fileSize) || (sync && ::fdatasync(d->fd) != 0)) {
        const int error = errno;
        // All or nothing: the frame's bytes that made it are cut off again; failing that,
        // its head is zeroed so that no later open() takes it for a commit.
        if (!truncateTo(d->fd, d->fileSize)) {
            static const char zeros[FrameHead] = {};
            writeAll(d->fd, zeros, FrameHead, d->fileSize);
            d->broken = true;
        }
        if (out.capacity() > 1024 * 1024)
            out = QByteArray();
        return d->fail(QStringLiteral("could not save the session"), error, errorString);
    }
    auto value = valueAt.cbegin();
    for (const Change &c : changes) {
        if (c.remove)
            d->remove(c.kind, c.key);
        else
            d->put(c.kind, c.key, { d->fileSize + *value++, quint32(c.value.size()) });
    }
    d->fileSize += out.size();
    ++d->sequence;
    d->dirty = !sync;
    if (out.capacity() > 1024 * 1024) // a burst's frame does not stay behind
        out = QByteArray();
    if (d->dueForCompaction() && !d->compact(durability))
        Q_EMIT compactionFailed(d->compactionError);
    return ErrorCode::NoError;
}

void MqttLogSessionStore::close()
{
    d->closeFile();
}
