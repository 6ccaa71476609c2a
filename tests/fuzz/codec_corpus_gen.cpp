// Copyright (C) 2026 The MqttQt authors.
// SPDX-License-Identifier: BSD-3-Clause

// Writes fuzz_decoder's seed corpus from tst_codec's vectors: one file per valid,
// non-canonical and malformed vector, plus each version's valid packets as one stream.
// Usage: codec_corpus_gen DIRECTORY

#include "codec_vectors.h"

#include <QtCore/QDir>
#include <QtCore/QFile>

#include <cstdio>

namespace {

// The fuzzer's control bytes (see fuzz_decoder.cpp): version index, then split point.
char versionIndex(Mqtt::ProtocolVersion v)
{
    switch (v) {
    case Mqtt::ProtocolVersion::V3_1:
        return 0;
    case Mqtt::ProtocolVersion::V3_1_1:
        return 1;
    case Mqtt::ProtocolVersion::V5:
        return 2;
    }
    return 1;
}

bool write(const QDir &dir, int index, const QString &name, Mqtt::ProtocolVersion v,
           const QByteArray &bytes)
{
    QString safe;
    for (const QChar c : name)
        safe += c.isLetterOrNumber() ? c : QLatin1Char('_');
    QFile f(dir.filePath(QStringLiteral("%1-%2").arg(index, 3, 10, QLatin1Char('0')).arg(safe.left(80))));
    if (!f.open(QIODevice::WriteOnly))
        return false;
    QByteArray content;
    content.append(versionIndex(v));
    content.append(char(128)); // split in the middle
    content.append(bytes);
    return f.write(content) == content.size();
}

} // namespace

int main(int argc, char **argv)
{
    if (argc != 2) {
        std::fprintf(stderr, "usage: %s DIRECTORY\n", argv[0]);
        return 2;
    }
    QDir dir(QString::fromLocal8Bit(argv[1]));
    if (!dir.mkpath(QStringLiteral("."))) {
        std::fprintf(stderr, "cannot create %s\n", argv[1]);
        return 1;
    }
    int index = 0;
    bool ok = true;
    QByteArray streams[3];
    for (const auto &v : CodecVectors::vectors()) {
        ok &= write(dir, index++, v.name, v.version, v.bytes);
        streams[int(versionIndex(v.version))] += v.bytes;
    }
    for (const auto &v : CodecVectors::nonCanonicalVectors())
        ok &= write(dir, index++, v.name, v.version, v.bytes);
    for (const auto &m : CodecVectors::malformedVectors())
        ok &= write(dir, index++, m.name, m.version, m.bytes);
    const Mqtt::ProtocolVersion versions[] = { Mqtt::ProtocolVersion::V3_1, Mqtt::ProtocolVersion::V3_1_1,
                                               Mqtt::ProtocolVersion::V5 };
    for (int i = 0; i < 3; ++i)
        ok &= write(dir, index++, QStringLiteral("stream of every packet"), versions[i], streams[i]);
    if (!ok) {
        std::fprintf(stderr, "cannot write the corpus into %s\n", argv[1]);
        return 1;
    }
    std::printf("wrote %d seed files into %s\n", index, argv[1]);
    return 0;
}
