// Copyright (C) 2026 The MqttQt authors.
// SPDX-License-Identifier: BSD-3-Clause
#include "mqttsessionstore.h"

#include <QtCore/QFile>
#include <QtCore/QFileInfo>
#include <QtCore/QHash>
#include <QtCore/QPair>

#include <optional>

#include <sqlite3.h>

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
