// Copyright (C) 2026 The MqttQt authors.
// SPDX-License-Identifier: BSD-3-Clause
#include "mqttsessionstore.h"

#include <QtCore/QAtomicInteger>
#include <QtCore/QFileInfo>
#include <QtCore/QHash>
#include <QtCore/QPair>
#include <QtCore/QThread>
#include <QtSql/QSqlDatabase>
#include <QtSql/QSqlError>
#include <QtSql/QSqlQuery>

#include <optional>

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
const QLatin1String Driver("QSQLITE");
} // namespace

class MqttSqliteSessionStorePrivate
{
public:
    explicit MqttSqliteSessionStorePrivate(const QString &path) : path(path)
    {
        static QAtomicInteger<quint64> counter;
        connectionName = QStringLiteral("mqttqt-session-%1").arg(counter.fetchAndAddRelaxed(1));
    }

    ErrorCode fail(const QString &what, const QSqlError &error, QString *errorString) const
    {
        if (errorString) {
            const QString reason = error.databaseText().isEmpty() ? error.text() : error.databaseText();
            *errorString = QStringLiteral("The session store %1 %2: %3").arg(path, what, reason);
        }
        return ErrorCode::SessionStore;
    }
    bool exec(const QString &sql, QSqlError *error)
    {
        QSqlQuery q(db);
        if (q.exec(sql))
            return true;
        *error = q.lastError();
        return false;
    }
    void closeDatabase()
    {
        put.reset();
        remove.reset();
        if (db.isValid()) {
            db.close();
            db = QSqlDatabase();
        }
        QSqlDatabase::removeDatabase(connectionName);
    }

    const QString path;
    QString connectionName;
    QSqlDatabase db;
    std::optional<QSqlQuery> put;
    std::optional<QSqlQuery> remove;
    std::optional<Mqtt::Durability> synchronous; // what PRAGMA synchronous is set to
    // A Qt SQL connection belongs to the thread that opened it: a client moved to another
    // thread (Paho's loop_start()) reopens its store there.
    QThread *thread = nullptr;
    QString clientId;
};

MqttSqliteSessionStore::MqttSqliteSessionStore(const QString &path, QObject *parent)
    : MqttSessionStore(parent), d(new MqttSqliteSessionStorePrivate(path))
{
}

MqttSqliteSessionStore::~MqttSqliteSessionStore()
{
    d->closeDatabase();
}

QString MqttSqliteSessionStore::path() const
{
    return d->path;
}

bool MqttSqliteSessionStore::isAvailable()
{
    return QSqlDatabase::isDriverAvailable(Driver);
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
    if (!isAvailable())
        return refuse(QStringLiteral("needs the Qt SQL SQLite driver (QSQLITE; Debian: libqt6sql6-sqlite)"));
    if (QFileInfo(d->path).isDir())
        return refuse(QStringLiteral("is a directory"));
    d->closeDatabase();
    d->synchronous.reset();
    d->thread = QThread::currentThread();
    d->clientId = clientId;
    d->db = QSqlDatabase::addDatabase(Driver, d->connectionName);
    d->db.setDatabaseName(d->path);
    // A store belongs to one live client: the first write takes an exclusive lock that
    // is held until close() (and released by the kernel if the process dies).
    d->db.setConnectOptions(QStringLiteral("QSQLITE_BUSY_TIMEOUT=200"));
    if (!d->db.open()) {
        const ErrorCode e = d->fail(QStringLiteral("cannot be opened"), d->db.lastError(), errorString);
        d->closeDatabase();
        return e;
    }
    QSqlError err;
    auto failOpen = [&](const QString &what) {
        const ErrorCode e = d->fail(what, err, errorString);
        d->closeDatabase();
        return e;
    };
    if (!d->exec(QStringLiteral("PRAGMA locking_mode=EXCLUSIVE"), &err))
        return failOpen(QStringLiteral("cannot be used"));
    {
        QSqlQuery q(d->db);
        if (!q.exec(QStringLiteral("PRAGMA journal_mode=WAL")) || !q.next()) {
            err = q.lastError();
            return failOpen(QStringLiteral("is not an SQLite database or cannot be written"));
        }
        if (q.value(0).toString().compare(QLatin1String("wal"), Qt::CaseInsensitive) != 0) {
            if (errorString)
                *errorString = QStringLiteral("The session store %1 cannot use write-ahead logging (journal mode %2)")
                                       .arg(d->path, q.value(0).toString());
            d->closeDatabase();
            return ErrorCode::SessionStore;
        }
    }
    {
        // A truncated or damaged file shows here, before anything is believed.
        QSqlQuery q(d->db);
        if (!q.exec(QStringLiteral("PRAGMA quick_check")) || !q.next()) {
            err = q.lastError();
            return failOpen(QStringLiteral("is corrupt"));
        }
        if (q.value(0).toString() != QLatin1String("ok")) {
            if (errorString)
                *errorString = QStringLiteral("The session store %1 is corrupt: %2").arg(d->path, q.value(0).toString());
            d->closeDatabase();
            return ErrorCode::SessionStore;
        }
    }
    if (!d->db.transaction()) {
        err = d->db.lastError();
        return failOpen(QStringLiteral("cannot be written"));
    }
    if (!d->exec(QStringLiteral("CREATE TABLE IF NOT EXISTS mqttqt_meta(name TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID"), &err)
        || !d->exec(QStringLiteral("CREATE TABLE IF NOT EXISTS mqttqt_records(kind INTEGER NOT NULL, key INTEGER NOT NULL, "
                                   "value BLOB NOT NULL, PRIMARY KEY(kind, key)) WITHOUT ROWID"),
                    &err)) {
        d->db.rollback();
        return failOpen(QStringLiteral("cannot be written"));
    }
    QString storedId;
    int format = 0;
    {
        QSqlQuery q(d->db);
        if (!q.exec(QStringLiteral("SELECT name, value FROM mqttqt_meta"))) {
            err = q.lastError();
            d->db.rollback();
            return failOpen(QStringLiteral("cannot be read"));
        }
        while (q.next()) {
            const QString name = q.value(0).toString();
            if (name == QLatin1String("client_id"))
                storedId = q.value(1).toString();
            else if (name == QLatin1String("format"))
                format = q.value(1).toInt();
        }
    }
    if (format > SqliteFormat) {
        d->db.rollback();
        d->closeDatabase();
        return refuse(QStringLiteral("has format %1; this MqttQt reads format %2").arg(format).arg(SqliteFormat));
    }
    if (format != 0 && storedId != clientId) {
        d->db.rollback();
        d->closeDatabase();
        if (errorString)
            *errorString = QStringLiteral("The session store %1 holds the session of client id \"%2\", not \"%3\"")
                                   .arg(d->path, storedId, clientId);
        return ErrorCode::Invalid;
    }
    if (format == 0) {
        QSqlQuery q(d->db);
        q.prepare(QStringLiteral("INSERT OR REPLACE INTO mqttqt_meta(name, value) VALUES ('format', ?), ('client_id', ?)"));
        q.addBindValue(QString::number(SqliteFormat));
        q.addBindValue(clientId);
        if (!q.exec()) {
            err = q.lastError();
            d->db.rollback();
            return failOpen(QStringLiteral("cannot be written"));
        }
    }
    if (!d->db.commit()) {
        err = d->db.lastError();
        d->db.rollback();
        return failOpen(QStringLiteral("cannot be written"));
    }
    d->put.emplace(d->db);
    d->remove.emplace(d->db);
    if (!d->put->prepare(QStringLiteral("INSERT OR REPLACE INTO mqttqt_records(kind, key, value) VALUES (?, ?, ?)"))
        || !d->remove->prepare(QStringLiteral("DELETE FROM mqttqt_records WHERE kind = ? AND key = ?"))) {
        err = d->put->lastError().isValid() ? d->put->lastError() : d->remove->lastError();
        return failOpen(QStringLiteral("cannot be used"));
    }
    return ErrorCode::NoError;
}

ErrorCode MqttSqliteSessionStore::load(QList<Record> *records, QString *errorString)
{
    records->clear();
    if (d->db.isValid() && d->thread != QThread::currentThread()) {
        if (const ErrorCode e = open(d->clientId, errorString); e != ErrorCode::NoError)
            return e;
    }
    if (!d->db.isOpen()) {
        if (errorString)
            *errorString = QStringLiteral("The session store %1 is not open").arg(d->path);
        return ErrorCode::SessionStore;
    }
    QSqlQuery q(d->db);
    q.setForwardOnly(true);
    if (!q.exec(QStringLiteral("SELECT kind, key, value FROM mqttqt_records")))
        return d->fail(QStringLiteral("cannot be read"), q.lastError(), errorString);
    while (q.next())
        records->append({ q.value(0).toInt(), quint64(q.value(1).toLongLong()), q.value(2).toByteArray() });
    if (q.lastError().isValid()) {
        records->clear();
        return d->fail(QStringLiteral("cannot be read"), q.lastError(), errorString);
    }
    return ErrorCode::NoError;
}

ErrorCode MqttSqliteSessionStore::commit(const QList<Change> &changes, Mqtt::Durability durability,
                                         QString *errorString)
{
    if (d->db.isValid() && d->thread != QThread::currentThread()) {
        if (const ErrorCode e = open(d->clientId, errorString); e != ErrorCode::NoError)
            return e;
    }
    if (!d->db.isOpen() || !d->put) {
        if (errorString)
            *errorString = QStringLiteral("The session store %1 is not open").arg(d->path);
        return ErrorCode::SessionStore;
    }
    if (changes.isEmpty())
        return ErrorCode::NoError;
    QSqlError err;
    const bool sync = durability != Mqtt::Durability::Unsynced;
    if (!d->synchronous || (*d->synchronous != Mqtt::Durability::Unsynced) != sync) {
        if (!d->exec(sync ? QStringLiteral("PRAGMA synchronous=FULL") : QStringLiteral("PRAGMA synchronous=OFF"), &err))
            return d->fail(QStringLiteral("cannot be configured"), err, errorString);
        d->synchronous = durability;
    }
    if (!d->db.transaction())
        return d->fail(QStringLiteral("cannot start a transaction"), d->db.lastError(), errorString);
    for (const Change &c : changes) {
        QSqlQuery &q = c.remove ? *d->remove : *d->put;
        q.bindValue(0, c.kind);
        q.bindValue(1, qint64(c.key));
        if (!c.remove)
            q.bindValue(2, c.value);
        if (!q.exec()) {
            err = q.lastError();
            d->db.rollback();
            return d->fail(QStringLiteral("could not save the session"), err, errorString);
        }
    }
    if (!d->db.commit()) {
        err = d->db.lastError();
        d->db.rollback();
        return d->fail(QStringLiteral("could not save the session"), err, errorString);
    }
    return ErrorCode::NoError;
}

void MqttSqliteSessionStore::close()
{
    d->closeDatabase();
}
