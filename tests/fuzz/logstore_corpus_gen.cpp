// Copyright (C) 2026 The MqttQt authors.
// SPDX-License-Identifier: BSD-3-Clause

// Seeds for fuzz_logstore: session logs written by MqttLogSessionStore itself with the
// records the client's journal makes (outbound QoS 1/2 messages, their progress, an
// inbound QoS 2 message, a released digest, a removal), in both of the target's forms
// (the file as it is; its frames' bodies, for the target to frame), whole and torn.
// Usage: logstore_corpus_gen DIR

#include "mqttsessionstore.h"
#include "session/mqttsession_p.h"
#include "session/mqttsessionjournal_p.h"

#include <QtCore/QDir>
#include <QtCore/QFile>
#include <QtCore/QTemporaryDir>
#include <QtCore/QtEndian>

#include <cstdio>

namespace {

bool writeSeed(const QString &dir, const QString &name, const QByteArray &bytes)
{
    QFile f(dir + QLatin1Char('/') + name);
    return f.open(QIODevice::WriteOnly) && f.write(bytes) == bytes.size();
}

MqttCodec::PublishPacket packet(Mqtt::QoS qos, quint16 id, const char *topic, const char *payload)
{
    MqttCodec::PublishPacket p;
    p.qos = qos;
    p.packetId = id;
    p.topic = topic;
    p.payload = payload;
    return p;
}

// The frames' bodies after the header, each as the structured form's u8 length + body
// (bodies over 255 bytes are left out).
QByteArray structuredBodies(const QByteArray &file)
{
    QByteArray out;
    qsizetype at = 0;
    bool header = true;
    while (at + 8 <= file.size()) {
        const quint32 n = qFromLittleEndian<quint32>(file.constData() + at);
        if (at + 8 + qsizetype(n) > file.size())
            break;
        if (!header && n <= 255) {
            out.append(char(n));
            out.append(file.constData() + at + 8, qsizetype(n));
        }
        header = false;
        at += 8 + qsizetype(n);
    }
    return out;
}

} // namespace

int main(int argc, char **argv)
{
    if (argc != 2) {
        std::fprintf(stderr, "usage: logstore_corpus_gen DIR\n");
        return 2;
    }
    const QString out = QFile::decodeName(argv[1]);
    QTemporaryDir tmp;
    if (!tmp.isValid())
        return 1;
    const QString path = tmp.filePath(QStringLiteral("session.log"));
    QList<QByteArray> files;
    {
        MqttLogSessionStore store(path);
        QString why;
        if (store.open(QStringLiteral("fuzz"), &why) != Mqtt::ErrorCode::NoError) {
            std::fprintf(stderr, "%s\n", qPrintable(why));
            return 1;
        }
        MqttSession::Journal journal(&store, Mqtt::Durability::Unsynced);
        auto snap = [&] {
            QFile f(path);
            if (f.open(QIODevice::ReadOnly))
                files.append(f.readAll());
        };
        snap(); // the header alone
        journal.outboundAccepted(1, 1, packet(Mqtt::QoS::AtLeastOnce, 0, "a/b", "one"));
        journal.outboundAccepted(2, 2, packet(Mqtt::QoS::ExactlyOnce, 0, "a/c", "two"));
        if (journal.commit(&why) != Mqtt::ErrorCode::NoError)
            return 1;
        snap();
        journal.outboundProgress(1, 1, false);
        journal.outboundProgress(2, 2, true);
        journal.inboundStored(packet(Mqtt::QoS::ExactlyOnce, 9, "in/x", "three"));
        if (journal.commit(&why) != Mqtt::ErrorCode::NoError)
            return 1;
        snap();
        journal.inboundReleased(9, 0x1234567890abcdefULL, 1);
        journal.outboundFinished(1);
        if (journal.commit(&why, true) != Mqtt::ErrorCode::NoError)
            return 1;
        snap();
        store.close();
    }
    files.removeAll(QByteArray());
    int n = 0;
    for (const QByteArray &file : std::as_const(files)) {
        bool ok = writeSeed(out, QStringLiteral("raw-%1").arg(n), QByteArray(1, '\0') + file)
                && writeSeed(out, QStringLiteral("raw-torn-%1").arg(n), QByteArray(1, '\0') + file.left(file.size() - 3))
                && writeSeed(out, QStringLiteral("framed-%1").arg(n), QByteArray("\x01\x01", 2) + structuredBodies(file))
                && writeSeed(out, QStringLiteral("framed-spoiled-%1").arg(n), QByteArray("\x03\x01", 2) + structuredBodies(file));
        if (!ok)
            return 1;
        ++n;
    }
    return n > 0 ? 0 : 1;
}
