// Copyright (C) 2026 The MqttQt authors.
// SPDX-License-Identifier: BSD-3-Clause
//
// MqttLogSessionStore on its own: what a crash can leave (a log cut at every byte of its
// commits opens with the state of the last whole commit), what it must not accept (a
// damaged commit with more after it), compaction (bounded size, same records, a stale
// .compact file of a killed compaction ignored), the lock, the client id, and a commit that
// fails half-written (a file size limit) leaving the log as it was.
#include <MqttQt/MqttLogSessionStore>

#include <MqttQt/MqttClient>

#include <QtCore/QDir>
#include <QtCore/QElapsedTimer>
#include <QtCore/QFile>
#include <QtCore/QtEndian>
#include <QtCore/QHash>
#include <QtCore/QTemporaryDir>
#include <QtTest/QSignalSpy>
#include <QtTest/QTest>

#include <algorithm>
#include <cerrno>
#include <csignal>
#include <cstring>
#include <sys/resource.h>
#include <sys/stat.h>

#include <zlib.h>

using Mqtt::Durability;
using Mqtt::ErrorCode;
using Change = MqttSessionStore::Change;
using Model = QHash<QPair<int, quint64>, QByteArray>;

namespace {

Model contents(MqttSessionStore &store)
{
    QList<MqttSessionStore::Record> records;
    QString why;
    if (store.load(&records, &why) != ErrorCode::NoError)
        qWarning("load: %s", qPrintable(why));
    Model m;
    for (const auto &r : records)
        m.insert({ r.kind, r.key }, r.value);
    return m;
}

void applyChanges(Model &m, const QList<Change> &changes)
{
    for (const Change &c : changes) {
        if (c.remove)
            m.remove({ c.kind, c.key });
        else
            m.insert({ c.kind, c.key }, c.value);
    }
}

Change put(int kind, quint64 key, const QByteArray &value)
{
    return { kind, key, value, false };
}

Change removal(int kind, quint64 key)
{
    return { kind, key, {}, true };
}

QByteArray fileBytes(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

// A log of client \a id at \a path with one commit of \a changes, closed.
bool makeLog(const QString &path, const QString &id, const QList<Change> &changes, Durability durability)
{
    MqttLogSessionStore store(path);
    QString why;
    return store.open(id, &why) == ErrorCode::NoError && store.commit(changes, durability, &why) == ErrorCode::NoError;
}

bool writeFile(const QString &path, const QByteArray &bytes)
{
    QFile f(path);
    return f.open(QIODevice::WriteOnly | QIODevice::Truncate) && f.write(bytes) == bytes.size();
}

} // namespace

class tst_LogStore : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void roundTrip();
    void tornTailAtEveryByteOpensTheLastWholeCommit();
    void damagedCommitWithMoreAfterIsRefused_data();
    void damagedCommitWithMoreAfterIsRefused();
    void compactionBoundsTheLogAndKeepsTheRecords();
    void staleCompactionFileIsIgnored();
    void oneLiveClientPerStore();
    void anotherClientIdIsRefused();
    void emptyFileIsANewStore();
    void failedCommitLeavesTheLogAsItWas();
    void largestThresholdMeansNoCompaction();
    void failedCompactionIsReported();
    void failedCompactionIsLoggedByTheClient();
    void relativePathStaysWithTheStoreAcrossChdir();
    void frameInsideAValueIsNotACommit();
    void syncedCommitAfterUnsyncedOnesIsNoProofOfCorruption();
    void craftedTailIsNotSearchedWithoutEnd();
    void notARegularFileIsRefusedAtOnce();

private:
    QTemporaryDir m_dir;
    int m_files = 0;
    QString newPath() { return m_dir.filePath(QStringLiteral("log-%1").arg(++m_files)); }
};

void tst_LogStore::roundTrip()
{
    const QString path = newPath();
    Model expected;
    {
        MqttLogSessionStore store(path);
        QString why;
        QCOMPARE(store.open(QStringLiteral("round-trip"), &why), ErrorCode::NoError);
        QVERIFY(contents(store).isEmpty());
        QList<QList<Change>> commits;
        commits.append({ put(1, 1, "one"), put(1, 2, "two"), put(2, 7, QByteArray()) }); // an empty value is a record
        commits.append({ removal(1, 1), put(1, 2, "two again"), put(3, ~quint64(0), QByteArray(3 * 1024 * 1024, 'L')) });
        commits.append(QList<Change>{ removal(9, 9) }); // removing what does not exist is no error
        commits.append({ put(-5, 0, "negative kind"), removal(3, ~quint64(0)), put(3, ~quint64(0), "back") });
        const Durability levels[] = { Durability::Unsynced, Durability::Grouped, Durability::Synced, Durability::Immediate };
        for (int i = 0; i < commits.size(); ++i) {
            QCOMPARE(store.commit(commits.at(i), levels[i], &why), ErrorCode::NoError);
            applyChanges(expected, commits.at(i));
            QCOMPARE(contents(store), expected);
        }
        QCOMPARE(store.fileSize(), QFileInfo(path).size());
        store.close();
        QCOMPARE(store.fileSize(), 0);
    }
    MqttLogSessionStore again(path);
    QString why;
    QCOMPARE(again.open(QStringLiteral("round-trip"), &why), ErrorCode::NoError);
    QCOMPARE(contents(again), expected);
    QVERIFY(expected.contains({ 2, 7 }));
    QVERIFY(expected.value({ 2, 7 }).isEmpty());
}

void tst_LogStore::tornTailAtEveryByteOpensTheLastWholeCommit()
{
    // A log of 12 commits; the file's size after each and the state it holds.
    const QString path = newPath();
    QList<qint64> ends;
    QList<Model> states;
    {
        MqttLogSessionStore store(path);
        QString why;
        QCOMPARE(store.open(QStringLiteral("torn"), &why), ErrorCode::NoError);
        ends.append(store.fileSize());
        states.append(Model());
        Model m;
        for (int i = 0; i < 12; ++i) {
            QList<Change> changes{ put(1, quint64(i), QByteArray::number(i).repeated(i + 1)) };
            if (i >= 3)
                changes.append(removal(1, quint64(i - 3)));
            QCOMPARE(store.commit(changes, Durability::Grouped, &why), ErrorCode::NoError);
            applyChanges(m, changes);
            ends.append(store.fileSize());
            states.append(m);
        }
    }
    const QByteArray whole = fileBytes(path);
    QCOMPARE(qint64(whole.size()), ends.last());
    int checked = 0;
    for (qint64 cut = ends.first(); cut <= whole.size(); ++cut) {
        const QString torn = m_dir.filePath(QStringLiteral("torn-cut"));
        QVERIFY(writeFile(torn, whole.left(cut)));
        int last = 0;
        while (last + 1 < ends.size() && ends.at(last + 1) <= cut)
            ++last;
        MqttLogSessionStore store(torn);
        QString why;
        QVERIFY2(store.open(QStringLiteral("torn"), &why) == ErrorCode::NoError, qPrintable(QStringLiteral("cut at %1: %2").arg(cut).arg(why)));
        QVERIFY2(contents(store) == states.at(last), qPrintable(QStringLiteral("cut at %1").arg(cut)));
        QVERIFY(!QFile::exists(torn + QStringLiteral(".torn"))); // a torn tail is nothing to keep
        // The torn frame is cut off, so the next commit follows the last whole one.
        QCOMPARE(store.fileSize(), ends.at(last));
        QCOMPARE(QFileInfo(torn).size(), ends.at(last));
        QCOMPARE(store.commit({ put(7, 7, "after the crash") }, Durability::Grouped, &why), ErrorCode::NoError);
        store.close();
        QCOMPARE(store.open(QStringLiteral("torn"), &why), ErrorCode::NoError);
        Model expected = states.at(last);
        expected.insert({ 7, 7 }, "after the crash");
        QCOMPARE(contents(store), expected);
        ++checked;
    }
    QVERIFY(checked > 300);
    // Cut inside the header: not a log any more, refused (nothing to guess from).
    for (qint64 cut : { 1, 7, 8, 20, int(ends.first()) - 1 }) {
        const QString torn = m_dir.filePath(QStringLiteral("torn-header"));
        QVERIFY(writeFile(torn, whole.left(cut)));
        MqttLogSessionStore store(torn);
        QString why;
        QCOMPARE(store.open(QStringLiteral("torn"), &why), ErrorCode::SessionStore);
        QVERIFY2(why.contains(QLatin1String("its header is damaged")) && why.contains(torn), qPrintable(why));
    }
}

void tst_LogStore::damagedCommitWithMoreAfterIsRefused_data()
{
    QTest::addColumn<Durability>("durability");
    QTest::newRow("Synced") << Durability::Synced;
    QTest::newRow("Grouped") << Durability::Grouped;
}

void tst_LogStore::damagedCommitWithMoreAfterIsRefused()
{
    QFETCH(Durability, durability);
    const QString path = newPath();
    QList<qint64> ends;
    {
        MqttLogSessionStore store(path);
        QString why;
        QCOMPARE(store.open(QStringLiteral("damaged"), &why), ErrorCode::NoError);
        ends.append(store.fileSize());
        for (int i = 0; i < 5; ++i) {
            QCOMPARE(store.commit({ put(1, quint64(i), QByteArray(40, char('a' + i))) }, durability, &why),
                     ErrorCode::NoError);
            ends.append(store.fileSize());
        }
    }
    const QByteArray whole = fileBytes(path);
    // One bit changed anywhere in a commit that has commits after it (its length, its
    // CRC, its body). Synced commits after it: refused with the offset, never opened with
    // commits silently lost. Unsynced ones: what an operating-system crash can leave
    // (pages written back out of order), opened with the commits before it.
    for (int frame = 0; frame + 2 < ends.size(); ++frame) {
        for (qint64 at = ends.at(frame); at < ends.at(frame + 1); at += 3) {
            QByteArray bytes = whole;
            bytes[at] = char(bytes.at(at) ^ 0x04);
            const QString damaged = m_dir.filePath(QStringLiteral("damaged-copy"));
            QVERIFY(writeFile(damaged, bytes));
            MqttLogSessionStore store(damaged);
            QString why;
            const ErrorCode e = store.open(QStringLiteral("damaged"), &why);
            if (durability == Durability::Synced) {
                QVERIFY2(e == ErrorCode::SessionStore, qPrintable(QStringLiteral("byte %1 changed, opened").arg(at)));
                QVERIFY2(why.contains(QStringLiteral("is corrupt: the commit at byte %1 is damaged and a synced commit "
                                                     "follows it at byte %2")
                                              .arg(ends.at(frame))
                                              .arg(ends.at(frame + 1))),
                         qPrintable(why));
                QCOMPARE(fileBytes(damaged), bytes); // refused, not repaired
            } else {
                QVERIFY2(e == ErrorCode::NoError, qPrintable(why));
                QCOMPARE(contents(store).size(), frame);
                // The whole commits cut off with it are kept aside, not destroyed.
                QCOMPARE(fileBytes(damaged + QStringLiteral(".torn")), bytes.mid(ends.at(frame)));
                QVERIFY(QFile::remove(damaged + QStringLiteral(".torn")));
            }
        }
    }
    // The same change in the last commit is indistinguishable from a torn write: the
    // store opens with the four commits before it.
    QByteArray bytes = whole;
    bytes[ends.at(4) + 12] = char(bytes.at(ends.at(4) + 12) ^ 0x04);
    const QString lastDamaged = m_dir.filePath(QStringLiteral("damaged-last"));
    QVERIFY(writeFile(lastDamaged, bytes));
    MqttLogSessionStore store(lastDamaged);
    QString why;
    QCOMPARE(store.open(QStringLiteral("damaged"), &why), ErrorCode::NoError);
    QCOMPARE(contents(store).size(), 4);
}

void tst_LogStore::compactionBoundsTheLogAndKeepsTheRecords()
{
    const QString path = newPath();
    Model expected;
    qint64 largest = 0;
    {
        MqttLogSessionStore store(path);
        QString why;
        QCOMPARE(store.open(QStringLiteral("compact"), &why), ErrorCode::NoError);
        // A window of 20 messages of 1 KiB: one new and one completed per commit.
        for (quint64 i = 0; i < 20000; ++i) {
            QList<Change> changes{ put(1, i, QByteArray(1024, char('a' + i % 26))) };
            if (i >= 20)
                changes.append(removal(1, i - 20));
            changes.append(put(0, 0, QByteArray::number(i))); // a counter record, replaced
            QCOMPARE(store.commit(changes, Durability::Grouped, &why), ErrorCode::NoError);
            applyChanges(expected, changes);
            largest = std::max(largest, store.fileSize());
        }
        QVERIFY2(store.compactions() >= 3, qPrintable(QString::number(store.compactions())));
        QCOMPARE(store.fileSize(), QFileInfo(path).size());
        QCOMPARE(contents(store), expected);
    }
    // About 21 MB were committed; the log never held more than the threshold and a frame.
    QVERIFY2(largest <= 4 * 1024 * 1024 + 64 * 1024, qPrintable(QString::number(largest)));
    QVERIFY(!QFile::exists(path + QStringLiteral(".compact")));
    MqttLogSessionStore again(path);
    QString why;
    QCOMPARE(again.open(QStringLiteral("compact"), &why), ErrorCode::NoError);
    QCOMPARE(contents(again), expected);
    QCOMPARE(expected.size(), 21);
}

void tst_LogStore::staleCompactionFileIsIgnored()
{
    // A compaction killed before its rename leaves path.compact; the log is the truth.
    const QString path = newPath();
    QVERIFY(makeLog(path, QStringLiteral("stale"), { put(1, 1, "kept") }, Durability::Grouped));
    QVERIFY(writeFile(path + QStringLiteral(".compact"), fileBytes(path).left(20)));
    MqttLogSessionStore store(path);
    QString why;
    QCOMPARE(store.open(QStringLiteral("stale"), &why), ErrorCode::NoError);
    QCOMPARE(contents(store).value({ 1, 1 }), QByteArray("kept"));
    QVERIFY(!QFile::exists(path + QStringLiteral(".compact")));
}

void tst_LogStore::oneLiveClientPerStore()
{
    const QString path = newPath();
    MqttLogSessionStore first(path);
    QString why;
    QCOMPARE(first.open(QStringLiteral("locked"), &why), ErrorCode::NoError);
    MqttLogSessionStore second(path);
    QCOMPARE(second.open(QStringLiteral("locked"), &why), ErrorCode::SessionStore);
    QVERIFY2(why.contains(QLatin1String("is in use by another live client")) && why.contains(path), qPrintable(why));
    QVERIFY(second.commit({ put(1, 1, "x") }, Durability::Grouped, &why) == ErrorCode::SessionStore);
    QVERIFY2(why.contains(QLatin1String("is not open")), qPrintable(why));
    first.close();
    QCOMPARE(second.open(QStringLiteral("locked"), &why), ErrorCode::NoError);
}

void tst_LogStore::anotherClientIdIsRefused()
{
    const QString path = newPath();
    QVERIFY(makeLog(path, QStringLiteral("owner-a"), { put(1, 1, "a") }, Durability::Grouped));
    MqttLogSessionStore store(path);
    QString why;
    QCOMPARE(store.open(QStringLiteral("owner-b"), &why), ErrorCode::Invalid);
    QVERIFY2(why.contains(QLatin1String("\"owner-a\"")) && why.contains(QLatin1String("\"owner-b\"")), qPrintable(why));
    QCOMPARE(store.open(QStringLiteral("owner-a"), &why), ErrorCode::NoError);
}

void tst_LogStore::emptyFileIsANewStore()
{
    const QString path = newPath();
    QVERIFY(writeFile(path, QByteArray()));
    MqttLogSessionStore store(path);
    QString why;
    QCOMPARE(store.open(QStringLiteral("empty"), &why), ErrorCode::NoError);
    QVERIFY(contents(store).isEmpty());
    QVERIFY(QFileInfo(path).size() > 0);
}

void tst_LogStore::failedCommitLeavesTheLogAsItWas()
{
    const QString path = newPath();
    MqttLogSessionStore store(path);
    QString why;
    QCOMPARE(store.open(QStringLiteral("full"), &why), ErrorCode::NoError);
    QCOMPARE(store.commit({ put(1, 1, QByteArray(100, 'k')) }, Durability::Grouped, &why), ErrorCode::NoError);
    const QByteArray before = fileBytes(path);

    // A file size limit 500 bytes past the log: the 4 KiB frame is written in part, fails
    // with EFBIG (SIGXFSZ ignored), and is cut off again.
    const auto oldHandler = std::signal(SIGXFSZ, SIG_IGN);
    rlimit old{};
    QCOMPARE(getrlimit(RLIMIT_FSIZE, &old), 0);
    rlimit limit = old;
    limit.rlim_cur = rlim_t(before.size() + 500);
    QCOMPARE(setrlimit(RLIMIT_FSIZE, &limit), 0);
    const ErrorCode failed = store.commit({ put(1, 2, QByteArray(4096, 'f')), removal(1, 1) }, Durability::Grouped, &why);
    QCOMPARE(setrlimit(RLIMIT_FSIZE, &old), 0);
    std::signal(SIGXFSZ, oldHandler);

    QCOMPARE(failed, ErrorCode::SessionStore);
    QVERIFY2(why.contains(QLatin1String("could not save the session")) && why.contains(path), qPrintable(why));
    QVERIFY2(why.contains(QString::fromLocal8Bit(strerror(EFBIG))), qPrintable(why));
    QCOMPARE(fileBytes(path), before);
    QCOMPARE(contents(store).keys(), (QList<QPair<int, quint64>>{ { 1, 1 } }));
    // It goes on where it was.
    QCOMPARE(store.commit({ put(1, 3, "next") }, Durability::Grouped, &why), ErrorCode::NoError);
    store.close();
    QCOMPARE(store.open(QStringLiteral("full"), &why), ErrorCode::NoError);
    QCOMPARE(contents(store).size(), 2);
    QVERIFY(!contents(store).contains({ 1, 2 }));
}

void tst_LogStore::largestThresholdMeansNoCompaction()
{
    // The obvious way to say "never": no overflow, no compaction after every commit.
    MqttLogSessionStore store(newPath());
    store.setCompactionThreshold(std::numeric_limits<qint64>::max());
    QString why;
    QCOMPARE(store.open(QStringLiteral("never"), &why), ErrorCode::NoError);
    for (quint64 i = 0; i < 200; ++i)
        QCOMPARE(store.commit({ put(1, i, QByteArray(100, 'n')), removal(1, i - 1) }, Durability::Grouped, &why),
                 ErrorCode::NoError);
    QCOMPARE(store.compactions(), 0);
    store.setCompactionThreshold(0); // the smallest, 4 KiB: applies from the next commit
    QCOMPARE(store.compactionThreshold(), qint64(4096));
    QCOMPARE(store.commit({ put(1, 999, "x") }, Durability::Grouped, &why), ErrorCode::NoError);
    QCOMPARE(store.compactions(), 1);
    QCOMPARE(contents(store).size(), 2);
}

void tst_LogStore::failedCompactionIsReported()
{
    // A compaction that cannot write its file loses nothing (the commit that started it
    // succeeded, the log is intact) but must not fail silently: the log then grows until
    // the next attempt. Here the compaction's file name is taken by a directory.
    const QString path = newPath();
    MqttLogSessionStore store(path);
    store.setCompactionThreshold(4096);
    QSignalSpy failures(&store, &MqttLogSessionStore::compactionFailed);
    QString why;
    QCOMPARE(store.open(QStringLiteral("blocked"), &why), ErrorCode::NoError);
    QVERIFY(QDir().mkdir(path + QStringLiteral(".compact")));
    Model expected;
    quint64 key = 0;
    auto commitUntil = [&](auto done) {
        for (int i = 0; i < 1000 && !done(); ++i, ++key) {
            const QList<Change> changes{ put(1, key, QByteArray(100, 'c')), removal(1, key - 1) };
            if (store.commit(changes, Durability::Grouped, &why) != ErrorCode::NoError)
                return false;
            applyChanges(expected, changes);
        }
        return done();
    };
    QVERIFY(commitUntil([&] { return failures.size() > 0; }));
    QCOMPARE(failures.size(), 1);
    const QString error = failures.first().at(0).toString();
    QCOMPARE(store.lastCompactionError(), error);
    QVERIFY2(error.contains(QStringLiteral("cannot create %1.compact").arg(path))
                     && error.contains(QString::fromLocal8Bit(std::strerror(EISDIR))),
             qPrintable(error));
    QCOMPARE(store.compactions(), 0);
    QCOMPARE(contents(store), expected);

    // The next attempt, once the way is clear, succeeds and clears the error.
    QVERIFY(QDir().rmdir(path + QStringLiteral(".compact")));
    QVERIFY(commitUntil([&] { return store.compactions() > 0; }));
    QCOMPARE(failures.size(), 1);
    QVERIFY(store.lastCompactionError().isEmpty());
    QCOMPARE(contents(store), expected);
    store.close();
    MqttLogSessionStore again(path);
    QCOMPARE(again.open(QStringLiteral("blocked"), &why), ErrorCode::NoError);
    QCOMPARE(contents(again), expected);
}

void tst_LogStore::failedCompactionIsLoggedByTheClient()
{
    auto *store = new MqttLogSessionStore(newPath());
    MqttClient client(QStringLiteral("blocked-client"));
    QCOMPARE(client.setSessionStore(store), ErrorCode::NoError); // the client owns it now
    QList<QPair<Mqtt::LogLevel, QString>> log;
    connect(&client, &MqttClient::logMessage, this,
            [&log](Mqtt::LogLevel level, const QString &text) { log.append({ level, text }); });
    QVERIFY(QDir().mkdir(store->path() + QStringLiteral(".compact")));
    // Without a broker nothing the client stores completes, so its commits would only add
    // records: commit to the store directly until it tries to compact.
    QSignalSpy failures(store, &MqttLogSessionStore::compactionFailed);
    store->setCompactionThreshold(4096);
    QString why;
    for (int i = 0; i < 1000 && failures.isEmpty(); ++i)
        QCOMPARE(store->commit({ put(99, 1, QByteArray(100, 'o')) }, Durability::Grouped, &why), ErrorCode::NoError);
    QCOMPARE(failures.size(), 1);
    // Logged from the event loop (the store emits inside commit(), inside the client's
    // own commit, where a logMessage() handler could not safely publish).
    const auto warned = [&] {
        return std::any_of(log.cbegin(), log.cend(), [&](const auto &l) {
            return l.first == Mqtt::LogLevel::Warning && l.second == failures.first().at(0).toString();
        });
    };
    QVERIFY(!warned());
    QTRY_VERIFY2(warned(), qPrintable(QString::number(log.size())));
    QVERIFY(QDir().rmdir(store->path() + QStringLiteral(".compact")));
}

void tst_LogStore::relativePathStaysWithTheStoreAcrossChdir()
{
    // Compaction renames a file beside the log: beside the log that was opened, not in
    // whatever the working directory is by then.
    const QString before = QDir::currentPath();
    QTemporaryDir first, second;
    QVERIFY(QDir::setCurrent(first.path()));
    MqttLogSessionStore store(QStringLiteral("relative.log"));
    store.setCompactionThreshold(4096);
    QString why;
    QCOMPARE(store.open(QStringLiteral("relative"), &why), ErrorCode::NoError);
    QVERIFY(QDir::setCurrent(second.path()));
    Model expected;
    for (quint64 i = 0; i < 100; ++i) {
        const QList<Change> changes{ put(1, i, QByteArray(100, 'r')), removal(1, i - 2) };
        QCOMPARE(store.commit(changes, Durability::Grouped, &why), ErrorCode::NoError);
        applyChanges(expected, changes);
    }
    QVERIFY(store.compactions() > 0);
    store.close();
    QVERIFY(QDir::setCurrent(before));
    QVERIFY(!QFile::exists(second.filePath(QStringLiteral("relative.log"))));
    MqttLogSessionStore again(first.filePath(QStringLiteral("relative.log")));
    QCOMPARE(again.open(QStringLiteral("relative"), &why), ErrorCode::NoError);
    QCOMPARE(contents(again), expected);
}

void tst_LogStore::frameInsideAValueIsNotACommit()
{
    // A message's bytes are anyone's: one holding a well-formed synced frame (CRC from 0),
    // in a commit torn by a crash, must not make the log look corrupt.
    const QString path = newPath();
    qint64 whole = 0;
    {
        MqttLogSessionStore store(path);
        QString why;
        QCOMPARE(store.open(QStringLiteral("forged"), &why), ErrorCode::NoError);
        QCOMPARE(store.commit({ put(1, 1, "first") }, Durability::Synced, &why), ErrorCode::NoError);
        whole = store.fileSize();
        QByteArray forged(8, '\0');
        forged.append('S');
        char n[8];
        qToLittleEndian(quint64(3), n);
        forged.append(n, 8);
        forged.append(4, '\0');
        qToLittleEndian(quint32(forged.size() - 8), forged.data());
        const uLong crc = crc32(crc32(0L, reinterpret_cast<const Bytef *>(forged.constData()), 4),
                                reinterpret_cast<const Bytef *>(forged.constData() + 8), uInt(forged.size() - 8));
        qToLittleEndian(quint32(crc), forged.data() + 4);
        QCOMPARE(store.commit({ put(1, 2, QByteArray(64, 'v') + forged + QByteArray(64, 'v')) }, Durability::Synced, &why),
                 ErrorCode::NoError);
    }
    QFile f(path);
    QVERIFY(f.resize(f.size() - 10)); // the second commit torn, its forged frame whole
    MqttLogSessionStore store(path);
    QString why;
    QVERIFY2(store.open(QStringLiteral("forged"), &why) == ErrorCode::NoError, qPrintable(why));
    QCOMPARE(contents(store).keys(), (QList<QPair<int, quint64>>{ { 1, 1 } }));
    QCOMPARE(store.fileSize(), whole);
}

void tst_LogStore::syncedCommitAfterUnsyncedOnesIsNoProofOfCorruption()
{
    // Grouped commits, then a Synced one: a system crash during its sync may have put it on
    // the disk before them, so damage before it is a crash's, and the store opens.
    const QString path = newPath();
    QList<qint64> ends;
    {
        MqttLogSessionStore store(path);
        QString why;
        QCOMPARE(store.open(QStringLiteral("mixed"), &why), ErrorCode::NoError);
        ends.append(store.fileSize());
        for (int i = 0; i < 3; ++i) {
            QCOMPARE(store.commit({ put(1, quint64(i), QByteArray(40, 'g')) }, Durability::Grouped, &why), ErrorCode::NoError);
            ends.append(store.fileSize());
        }
        QCOMPARE(store.commit({ put(1, 9, QByteArray(40, 's')) }, Durability::Synced, &why), ErrorCode::NoError);
        ends.append(store.fileSize());
        // Now everything is on the disk: the next synced commit is proof.
        QCOMPARE(store.commit({ put(1, 10, QByteArray(40, 's')) }, Durability::Synced, &why), ErrorCode::NoError);
    }
    QByteArray bytes = fileBytes(path);
    bytes[ends.at(1) + 20] = char(bytes.at(ends.at(1) + 20) ^ 0x01); // the second Grouped commit
    QVERIFY(writeFile(path, bytes));
    MqttLogSessionStore store(path);
    QString why;
    QCOMPARE(store.open(QStringLiteral("mixed"), &why), ErrorCode::SessionStore);
    QVERIFY2(why.contains(QLatin1String("a synced commit follows it")), qPrintable(why)); // the second Synced one
    // Without that second synced commit: opens with the first Grouped commit.
    QVERIFY(writeFile(path, bytes.left(ends.last())));
    QVERIFY2(store.open(QStringLiteral("mixed"), &why) == ErrorCode::NoError, qPrintable(why));
    QCOMPARE(contents(store).size(), 1);
}

void tst_LogStore::craftedTailIsNotSearchedWithoutEnd()
{
    // After a damaged frame, many frame-shaped candidates of great length: each costs a CRC,
    // so the search has a budget (about twice the file) and then refuses.
    const QString path = newPath();
    QVERIFY(makeLog(path, QStringLiteral("crafted"), { put(1, 1, "one") }, Durability::Synced));
    QByteArray bytes = fileBytes(path);
    const qint64 tail = 4 * 1024 * 1024;
    QByteArray unit(21, '\0');
    qToLittleEndian(quint32(tail / 2), unit.data());
    unit[8] = 'S';
    qToLittleEndian(quint64(2), unit.data() + 9);
    bytes += unit.repeated(tail / unit.size());
    QVERIFY(writeFile(path, bytes));
    QElapsedTimer timer;
    timer.start();
    MqttLogSessionStore store(path);
    QString why;
    QCOMPARE(store.open(QStringLiteral("crafted"), &why), ErrorCode::SessionStore);
    QVERIFY2(why.contains(QLatin1String("cannot be checked")), qPrintable(why));
    QVERIFY2(timer.elapsed() < 5000, qPrintable(QString::number(timer.elapsed())));
}

void tst_LogStore::notARegularFileIsRefusedAtOnce()
{
    // A FIFO would block a reader that waits for a writer: refused, not waited on.
    const QString path = newPath();
    QCOMPARE(::mkfifo(QFile::encodeName(path).constData(), 0600), 0);
    MqttLogSessionStore store(path);
    QString why;
    QCOMPARE(store.open(QStringLiteral("fifo"), &why), ErrorCode::SessionStore);
    QVERIFY2(why.contains(QLatin1String("is not a regular file")) && why.contains(path), qPrintable(why));
    MqttClient client(QStringLiteral("fifo"));
    QCOMPARE(client.setPersistencePath(path), ErrorCode::SessionStore);
    QVERIFY2(client.errorString().contains(QLatin1String("is not a regular file")), qPrintable(client.errorString()));
}

QTEST_GUILESS_MAIN(tst_LogStore)
#include "tst_logstore.moc"
