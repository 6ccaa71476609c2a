// Copyright (C) 2026 The MqttQt authors.
// SPDX-License-Identifier: BSD-3-Clause

// libFuzzer target for MqttLogSessionStore::open() and load(): the session log is read
// back from a file that a crash, a full disk, a damaged medium or another program may
// have left in any state, so every byte of it is untrusted input.
//
// Input: byte 0 picks the form of the file written from the rest:
//   even: the bytes as they are (headers, lengths and CRCs as the fuzzer makes them);
//   odd:  frames whose lengths and CRCs this target fills in, so that mutations reach the
//         commits' contents: a header frame for client id "fuzz" (byte 1: its format
//         version, 1 unless the byte is 0xFF), then frames, each a u8 body length and that
//         many body bytes, the last frame's CRC spoiled if byte 0 has bit 1 set, and any
//         bytes left over appended raw (a torn tail).
// Besides the sanitizers' checks it aborts when
//  - open() or load() fails without saying why;
//  - after an open() that succeeded: load() fails, the journal's decoding of the records
//    crashes, or a commit appended to the file (a put and a remove, then enough to make
//    the store compact) is not exactly what the next open() and load() read back.

#include "mqttsessionstore.h"
#include "session/mqttsession_p.h"
#include "session/mqttsessionjournal_p.h"

#include <QtCore/QByteArray>
#include <QtCore/QDir>
#include <QtCore/QFile>
#include <QtCore/QMap>
#include <QtCore/QPair>
#include <QtCore/QtEndian>

#include <zlib.h>

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <unistd.h>

namespace {

[[noreturn]] void fail(const char *what, const QString &detail = {})
{
    std::fprintf(stderr, "fuzz_logstore failure: %s %s\n", what, detail.toLocal8Bit().constData());
    std::abort();
}

QString workDir()
{
    // tmpfs when there is one: the store syncs the file on every open(). Held through a
    // pointer (never destroyed) so that the exit handler can still read it.
    static const QString *dir = [] {
        const QString base = QDir(QStringLiteral("/dev/shm")).exists() ? QStringLiteral("/dev/shm") : QDir::tempPath();
        auto *d = new QString(base + QStringLiteral("/fuzz_logstore.%1").arg(::getpid()));
        QDir().mkpath(*d);
        std::atexit([] { QDir(workDir()).removeRecursively(); }); // left behind after a crash
        return d;
    }();
    return *dir;
}

void appendFrame(QByteArray &file, const QByteArray &body, quint32 seed, bool spoil)
{
    char head[8];
    qToLittleEndian(quint32(body.size()), head);
    uLong crc = crc32(seed, reinterpret_cast<const Bytef *>(head), 4);
    crc = crc32_z(crc, reinterpret_cast<const Bytef *>(body.constData()), size_t(body.size()));
    qToLittleEndian(quint32(crc) ^ (spoil ? 1u : 0u), head + 4);
    file.append(head, 8);
    file.append(body);
}

QByteArray structuredFile(const uint8_t *data, size_t size, bool spoilLast)
{
    size_t pos = 0;
    const quint8 format = pos < size ? data[pos++] : 1;
    constexpr quint32 salt = 0x5a17f00d;
    QByteArray header("MQTTQTSL");
    char b[4];
    qToLittleEndian(quint32(format == 0xFF ? 2 : 1), b);
    header.append(b, 4);
    qToLittleEndian(salt, b);
    header.append(b, 4);
    qToLittleEndian(quint32(4), b);
    header.append(b, 4);
    header.append("fuzz");
    QByteArray file;
    appendFrame(file, header, 0, false);
    QList<QByteArray> bodies;
    while (pos < size) {
        const size_t n = data[pos++];
        if (n > size - pos) {
            file.append(reinterpret_cast<const char *>(data + pos - 1), qsizetype(size - pos + 1));
            pos = size;
            break;
        }
        bodies.append(QByteArray(reinterpret_cast<const char *>(data + pos), qsizetype(n)));
        pos += n;
    }
    for (qsizetype i = 0; i < bodies.size(); ++i)
        appendFrame(file, bodies.at(i), salt, spoilLast && i == bodies.size() - 1);
    return file;
}

using Records = QMap<QPair<int, quint64>, QByteArray>;

Records loadAll(MqttLogSessionStore &store, const char *when)
{
    QList<MqttSessionStore::Record> list;
    QString why;
    if (store.load(&list, &why) != Mqtt::ErrorCode::NoError)
        fail(when, why);
    Records records;
    for (const auto &r : list) {
        if (records.contains({ r.kind, r.key }))
            fail("load() returned a record twice");
        records.insert({ r.kind, r.key }, r.value);
    }
    return records;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size == 0)
        return 0;
    const QByteArray file = (data[0] & 1) ? structuredFile(data + 1, size - 1, data[0] & 2)
                                          : QByteArray(reinterpret_cast<const char *>(data + 1), qsizetype(size - 1));
    const QString path = workDir() + QStringLiteral("/session.log");
    for (const char *suffix : { "", ".torn", ".compact", ".new" })
        QFile::remove(path + QLatin1String(suffix));
    {
        QFile f(path);
        if (!f.open(QIODevice::WriteOnly) || f.write(file) != file.size())
            fail("cannot write the input file", path);
    }

    Records expected;
    {
        MqttLogSessionStore store(path);
        QString why;
        if (store.open(QStringLiteral("fuzz"), &why) != Mqtt::ErrorCode::NoError) {
            if (why.isEmpty())
                fail("open() failed without saying why");
            return 0;
        }
        expected = loadAll(store, "load() after a successful open() failed:");

        // What the client does with the records: decoding them may fail, with a reason.
        MqttSession::Journal journal(&store, Mqtt::Durability::Unsynced);
        MqttSession::Snapshot snapshot;
        QString decodeWhy;
        if (journal.load(&snapshot, &decodeWhy) != Mqtt::ErrorCode::NoError && decodeWhy.isEmpty())
            fail("the journal refused the records without saying why");

        // Appending to what was opened (after a cut torn tail, too) must read back exactly.
        QList<MqttSessionStore::Change> changes;
        changes.append({ 7, 1, QByteArray("appended"), false });
        if (!expected.isEmpty())
            changes.append({ expected.firstKey().first, expected.firstKey().second, {}, true });
        if (store.commit(changes, Mqtt::Durability::Unsynced, &why) != Mqtt::ErrorCode::NoError)
            fail("commit() after a successful open() failed:", why);
        for (const auto &c : std::as_const(changes)) {
            if (c.remove)
                expected.remove({ c.kind, c.key });
            else
                expected.insert({ c.kind, c.key }, c.value);
        }
        store.close();
    }
    // Read back as written, then once more after a compaction (which rewrites the file
    // from the records and so would hide what the appending did to it).
    for (int round = 0; round < 2; ++round) {
        MqttLogSessionStore again(path);
        QString why;
        if (again.open(QStringLiteral("fuzz"), &why) != Mqtt::ErrorCode::NoError)
            fail("the store's own file does not open again:", why);
        if (loadAll(again, "load() of the reopened file failed:") != expected)
            fail(round == 0 ? "the reopened file does not hold what was committed"
                            : "the file does not hold what was committed after a compaction");
        if (round == 1)
            break;
        // Growth past the smallest compaction threshold with few live bytes: unless the
        // input's records are large, one of these commits rewrites the file.
        again.setCompactionThreshold(4096);
        for (const QByteArray &value : { QByteArray(5000, 'b'), QByteArray("small"), QByteArray("last") }) {
            if (again.commit({ { 7, 2, value, false } }, Mqtt::Durability::Unsynced, &why) != Mqtt::ErrorCode::NoError)
                fail("commit() failed:", why);
        }
        expected.insert({ 7, 2 }, QByteArray("last"));
        if (loadAll(again, "load() after the commits failed:") != expected)
            fail("the records after the commits are not the ones committed");
        again.close();
    }
    return 0;
}
