// Copyright (C) 2026 The MqttQt authors.
// SPDX-License-Identifier: BSD-3-Clause

// The MQTT codec against hand-written byte vectors (codec_vectors.h): every packet of
// MQTT 3.1, 3.1.1 and 5.0 both ways, the stream decoder however the bytes are split,
// every refusal with its reason code, and the encoder's refusals.

#include "codec_compare.h"
#include "codec_vectors.h"

#include <QtCore/QMetaEnum>
#include <QtCore/QRandomGenerator>
#include <QtCore/QSet>
#include <QtTest/QTest>

#include <cstring>

using namespace MqttCodec;
using CodecCompare::packetDifference;
using Mqtt::PropertyId;
using Mqtt::ProtocolVersion;
using Mqtt::QoS;
using Mqtt::ReasonCode;

Q_DECLARE_METATYPE(MqttCodec::Packet)
Q_DECLARE_METATYPE(MqttCodec::EncodeError)

namespace {

QString statusName(DecodeStatus s)
{
    switch (s) {
    case DecodeStatus::NeedMore:
        return QStringLiteral("NeedMore");
    case DecodeStatus::Packet:
        return QStringLiteral("Packet");
    case DecodeStatus::Malformed:
        return QStringLiteral("Malformed");
    }
    return QStringLiteral("?");
}

QString errorName(EncodeError e)
{
    return QString::fromLatin1(encodeErrorString(e));
}

DecodeOptions optionsFor(ProtocolVersion version, quint32 maximumPacketSize = MaxPacketSize)
{
    DecodeOptions o;
    o.version = version;
    o.maximumPacketSize = maximumPacketSize;
    return o;
}

// Split points for a packet of \a size bytes: all of them for ordinary packets; for the
// 16 KiB vector the ends and a stride, so the test stays fast under sanitizers.
QList<qsizetype> splitPoints(qsizetype size)
{
    QList<qsizetype> points;
    for (qsizetype i = 0; i <= size; ++i) {
        if (size <= 1024 || i < 64 || size - i < 64 || i % 97 == 0)
            points.append(i);
    }
    return points;
}

QString versionTag(ProtocolVersion v)
{
    switch (v) {
    case ProtocolVersion::V3_1:
        return QStringLiteral("3.1");
    case ProtocolVersion::V3_1_1:
        return QStringLiteral("3.1.1");
    case ProtocolVersion::V5:
        return QStringLiteral("5");
    }
    return QString();
}

void collectPropertyIds(const MqttProperties &props, QSet<PropertyId> &ids)
{
    for (const auto id : props.ids())
        ids.insert(id);
}

} // namespace

class tst_Codec : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void encodeGivesExactBytes_data();
    void encodeGivesExactBytes();
    void decodeGivesEqualPacket_data();
    void decodeGivesEqualPacket();
    void decodeAcceptsNonCanonicalForms_data();
    void decodeAcceptsNonCanonicalForms();
    void readFrameMeasuresWholePacket_data();
    void readFrameMeasuresWholePacket();

    void streamDecoderYieldsPacketAtEverySplit_data();
    void streamDecoderYieldsPacketAtEverySplit();
    void streamDecoderYieldsPacketByteByByte_data();
    void streamDecoderYieldsPacketByteByByte();
    void streamDecoderYieldsConcatenatedPacketsInOrder_data();
    void streamDecoderYieldsConcatenatedPacketsInOrder();
    void streamDecoderDecodesLongStreamKeepingOnlyTheTail();
    void streamDecoderAssemblesPacketOfSeveralMebibytes();
    void streamDecoderResetClearsBufferAndError();
    void streamDecoderHandsLargePayloadOverWithoutLosingTheTail_data();
    void streamDecoderHandsLargePayloadOverWithoutLosingTheTail();
    void encodeWithoutPayloadPlusPayloadEqualsEncode();
    void readHintAsksForTheRestOfAReservedLargePacket();

    void decodePacketRefusesMalformed_data();
    void decodePacketRefusesMalformed();
    void streamDecoderRefusesMalformedAndStaysBroken_data();
    void streamDecoderRefusesMalformedAndStaysBroken();
    void streamDecoderRefusesOversizedPacketFromFixedHeader_data();
    void streamDecoderRefusesOversizedPacketFromFixedHeader();

    void encodeRefusesInvalidPackets_data();
    void encodeRefusesInvalidPackets();
    void encodeRefusesPacketOverMaximumRemainingLength();
    void encodeAcceptsFieldsOf65535Bytes();

    void vectorsCoverEveryPropertyIdentifier();
    void vectorsCoverEveryPacketTypeInEveryVersion();
    void propertyTypesAndPlacesFollowSpecTable_data();
    void propertyTypesAndPlacesFollowSpecTable();
};

// ---- Vectors both ways ---------------------------------------------------------------

static void addVectorColumns(const QList<CodecVectors::Vector> &vectors)
{
    QTest::addColumn<ProtocolVersion>("version");
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<Packet>("packet");
    for (const auto &v : vectors)
        QTest::newRow(qPrintable(v.name)) << v.version << v.bytes << v.packet;
}

void tst_Codec::encodeGivesExactBytes_data()
{
    addVectorColumns(CodecVectors::vectors());
}

void tst_Codec::encodeGivesExactBytes()
{
    QFETCH(ProtocolVersion, version);
    QFETCH(QByteArray, bytes);
    QFETCH(Packet, packet);

    QByteArray out("prefix"); // encode() appends
    QCOMPARE(errorName(encode(packet, version, out)), errorName(EncodeError::None));
    QVERIFY(out.startsWith("prefix"));
    QCOMPARE(out.mid(6).toHex(' '), bytes.toHex(' '));

    EncodeError error = EncodeError::InvalidField;
    QCOMPARE(encodedSize(packet, version, &error), bytes.size());
    QCOMPARE(errorName(error), errorName(EncodeError::None));

    if (const auto *publish = std::get_if<PublishPacket>(&packet)) {
        QByteArray fast; // the PUBLISH overload skips the variant
        QCOMPARE(errorName(encode(*publish, version, fast)), errorName(EncodeError::None));
        QCOMPARE(fast.toHex(' '), bytes.toHex(' '));
        error = EncodeError::InvalidField;
        QCOMPARE(encodedPublishSize(*publish, version, &error), bytes.size());
        QCOMPARE(errorName(error), errorName(EncodeError::None));
        if (publish->qos != QoS::AtMostOnce) { // a queued message has no packet id yet
            PublishPacket queued = *publish;
            queued.packetId = 0;
            QCOMPARE(encodedPublishSize(queued, version), bytes.size());
        }
    }
}

void tst_Codec::decodeGivesEqualPacket_data()
{
    addVectorColumns(CodecVectors::vectors());
}

void tst_Codec::decodeGivesEqualPacket()
{
    QFETCH(ProtocolVersion, version);
    QFETCH(QByteArray, bytes);
    QFETCH(Packet, packet);

    const DecodeResult r = decodePacket(bytes.constData(), bytes.size(), optionsFor(version));
    QVERIFY2(r.status == DecodeStatus::Packet, qPrintable(r.error.reason));
    const QString diff = packetDifference(packet, r.packet);
    QVERIFY2(diff.isEmpty(), qPrintable(diff));
}

void tst_Codec::decodeAcceptsNonCanonicalForms_data()
{
    addVectorColumns(CodecVectors::nonCanonicalVectors());
}

void tst_Codec::decodeAcceptsNonCanonicalForms()
{
    QFETCH(ProtocolVersion, version);
    QFETCH(QByteArray, bytes);
    QFETCH(Packet, packet);

    const DecodeResult r = decodePacket(bytes.constData(), bytes.size(), optionsFor(version));
    QVERIFY2(r.status == DecodeStatus::Packet, qPrintable(r.error.reason));
    const QString diff = packetDifference(packet, r.packet);
    QVERIFY2(diff.isEmpty(), qPrintable(diff));

    // The encoder writes the shortest form, which decodes to the same packet.
    QByteArray shorter;
    QCOMPARE(errorName(encode(r.packet, version, shorter)), errorName(EncodeError::None));
    QVERIFY(shorter.size() < bytes.size());
    const DecodeResult again = decodePacket(shorter.constData(), shorter.size(), optionsFor(version));
    QVERIFY(again.status == DecodeStatus::Packet);
    QVERIFY(packetDifference(packet, again.packet).isEmpty());
}

void tst_Codec::readFrameMeasuresWholePacket_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<int>("status"); // FrameStatus
    QTest::addColumn<qsizetype>("headerSize");
    QTest::addColumn<qsizetype>("totalSize");

    const int NeedMore = int(FrameStatus::NeedMore), Complete = int(FrameStatus::Complete);
    QTest::newRow("nothing") << QByteArray() << NeedMore << qsizetype(0) << qsizetype(0);
    QTest::newRow("type byte only") << CodecVectors::hex("30") << NeedMore << qsizetype(0) << qsizetype(0);
    QTest::newRow("length 0") << CodecVectors::hex("C0 00") << Complete << qsizetype(2) << qsizetype(2);
    QTest::newRow("length 127, body missing") << CodecVectors::hex("30 7F") << Complete << qsizetype(2)
                                              << qsizetype(129);
    QTest::newRow("2-byte length cut") << CodecVectors::hex("30 80") << NeedMore << qsizetype(0) << qsizetype(0);
    QTest::newRow("length 128") << CodecVectors::hex("30 80 01") << Complete << qsizetype(3) << qsizetype(131);
    QTest::newRow("length 16383") << CodecVectors::hex("30 FF 7F") << Complete << qsizetype(3)
                                  << qsizetype(16386);
    QTest::newRow("length 2097152") << CodecVectors::hex("30 80 80 80 01") << Complete << qsizetype(5)
                                    << qsizetype(2097157);
    QTest::newRow("length 268435455") << CodecVectors::hex("30 FF FF FF 7F") << Complete << qsizetype(5)
                                      << qsizetype(268435460);
}

void tst_Codec::readFrameMeasuresWholePacket()
{
    QFETCH(QByteArray, bytes);
    QFETCH(int, status);
    QFETCH(qsizetype, headerSize);
    QFETCH(qsizetype, totalSize);

    const Frame f = readFrame(bytes.constData(), bytes.size(), DecodeOptions());
    QCOMPARE(int(f.status), status);
    if (f.status == FrameStatus::Complete) {
        QCOMPARE(f.headerSize, headerSize);
        QCOMPARE(f.totalSize, totalSize);
    }
}

// ---- StreamDecoder -------------------------------------------------------------------

void tst_Codec::streamDecoderYieldsPacketAtEverySplit_data()
{
    addVectorColumns(CodecVectors::vectors());
}

void tst_Codec::streamDecoderYieldsPacketAtEverySplit()
{
    QFETCH(ProtocolVersion, version);
    QFETCH(QByteArray, bytes);
    QFETCH(Packet, packet);

    for (const qsizetype split : splitPoints(bytes.size())) {
        StreamDecoder decoder(optionsFor(version));
        decoder.append(bytes.constData(), split);
        DecodeResult r = decoder.next();
        if (split < bytes.size()) {
            QVERIFY2(r.status == DecodeStatus::NeedMore,
                     qPrintable(QStringLiteral("split %1: %2").arg(split).arg(statusName(r.status))));
            QCOMPARE(decoder.bufferedSize(), split);
            decoder.append(bytes.mid(split));
            r = decoder.next();
        }
        QVERIFY2(r.status == DecodeStatus::Packet,
                 qPrintable(QStringLiteral("split %1: %2").arg(split).arg(r.error.reason)));
        const QString diff = packetDifference(packet, r.packet);
        QVERIFY2(diff.isEmpty(), qPrintable(QStringLiteral("split %1: ").arg(split) + diff));
        QCOMPARE(decoder.bufferedSize(), 0);
        QVERIFY(decoder.next().status == DecodeStatus::NeedMore);
    }
}

void tst_Codec::streamDecoderYieldsPacketByteByByte_data()
{
    addVectorColumns(CodecVectors::vectors());
}

void tst_Codec::streamDecoderYieldsPacketByteByByte()
{
    QFETCH(ProtocolVersion, version);
    QFETCH(QByteArray, bytes);
    QFETCH(Packet, packet);

    // Twice: append() and the zero-copy prepareAppend()/commitAppend(), which reserves
    // more than it commits, as a socket read would.
    for (const bool zeroCopy : { false, true }) {
        StreamDecoder decoder(optionsFor(version));
        for (qsizetype i = 0; i < bytes.size(); ++i) {
            if (zeroCopy) {
                char *room = decoder.prepareAppend(16);
                room[0] = bytes.at(i);
                decoder.commitAppend(1);
            } else {
                decoder.append(bytes.constData() + i, 1);
            }
            const DecodeResult r = decoder.next();
            if (i + 1 < bytes.size()) {
                QVERIFY2(r.status == DecodeStatus::NeedMore,
                         qPrintable(QStringLiteral("byte %1: %2").arg(i).arg(statusName(r.status))));
                continue;
            }
            QVERIFY2(r.status == DecodeStatus::Packet, qPrintable(r.error.reason));
            const QString diff = packetDifference(packet, r.packet);
            QVERIFY2(diff.isEmpty(), qPrintable(diff));
        }
        QCOMPARE(decoder.bufferedSize(), 0);
    }
}

void tst_Codec::streamDecoderYieldsConcatenatedPacketsInOrder_data()
{
    QTest::addColumn<ProtocolVersion>("version");
    QTest::addColumn<int>("maxChunk"); // 0: everything in one append
    for (const auto v : { ProtocolVersion::V3_1, ProtocolVersion::V3_1_1, ProtocolVersion::V5 }) {
        for (const int maxChunk : { 0, 1, 3, 7, 64, 1000 }) {
            QTest::addRow("MQTT %s, chunks up to %d", qPrintable(versionTag(v)), maxChunk)
                    << v << maxChunk;
        }
    }
}

void tst_Codec::streamDecoderYieldsConcatenatedPacketsInOrder()
{
    QFETCH(ProtocolVersion, version);
    QFETCH(int, maxChunk);

    QList<CodecVectors::Vector> expected;
    QByteArray stream;
    for (const auto &v : CodecVectors::vectors()) {
        if (v.version == version) {
            expected.append(v);
            stream += v.bytes;
        }
    }
    QVERIFY(expected.size() >= 14);

    StreamDecoder decoder(optionsFor(version));
    QRandomGenerator random(quint32(maxChunk) * 7919u + quint32(version));
    qsizetype fed = 0, next = 0;
    while (fed < stream.size()) {
        const qsizetype chunk = maxChunk == 0 ? stream.size() - fed
                                              : qMin<qsizetype>(stream.size() - fed,
                                                                1 + random.bounded(maxChunk));
        if (random.bounded(2)) {
            decoder.append(stream.constData() + fed, chunk);
        } else {
            char *room = decoder.prepareAppend(chunk + 5);
            std::memcpy(room, stream.constData() + fed, size_t(chunk));
            decoder.commitAppend(chunk);
        }
        fed += chunk;
        for (;;) {
            const DecodeResult r = decoder.next();
            if (r.status == DecodeStatus::NeedMore)
                break;
            QVERIFY2(r.status == DecodeStatus::Packet, qPrintable(r.error.reason));
            QVERIFY(next < expected.size());
            const QString diff = packetDifference(expected.at(next).packet, r.packet);
            QVERIFY2(diff.isEmpty(), qPrintable(expected.at(next).name + QStringLiteral(": ") + diff));
            ++next;
        }
    }
    QCOMPARE(next, expected.size());
    QCOMPARE(decoder.bufferedSize(), 0);
}

void tst_Codec::streamDecoderDecodesLongStreamKeepingOnlyTheTail()
{
    // 100,000 small PUBLISH packets fed in chunks of random sizes. Correctness is asserted
    // packet by packet; linearity shows structurally: after draining, the decoder holds
    // nothing but the incomplete tail (less than one packet), so no consumed bytes are
    // kept and re-copied. Speed itself is measured in bench/codec, not asserted here.
    constexpr int count = 100000;
    QByteArray stream;
    qsizetype largest = 0;
    for (int i = 0; i < count; ++i) {
        PublishPacket p;
        p.topic = "t/" + QByteArray::number(i % 10);
        p.payload = QByteArray::number(i);
        p.qos = i % 2 ? QoS::AtLeastOnce : QoS::AtMostOnce;
        p.packetId = p.qos == QoS::AtMostOnce ? 0 : quint16(1 + i % 65535);
        const qsizetype before = stream.size();
        QCOMPARE(errorName(encode(p, ProtocolVersion::V3_1_1, stream)), errorName(EncodeError::None));
        largest = qMax(largest, stream.size() - before);
    }

    StreamDecoder decoder(optionsFor(ProtocolVersion::V3_1_1));
    QRandomGenerator random(20260101);
    qsizetype fed = 0;
    int decoded = 0;
    while (fed < stream.size()) {
        const qsizetype chunk = qMin<qsizetype>(stream.size() - fed, 1 + random.bounded(4096));
        if (decoded % 2) {
            decoder.append(stream.constData() + fed, chunk);
        } else {
            char *room = decoder.prepareAppend(chunk);
            std::memcpy(room, stream.constData() + fed, size_t(chunk));
            decoder.commitAppend(chunk);
        }
        fed += chunk;
        for (;;) {
            const DecodeResult r = decoder.next();
            if (r.status == DecodeStatus::NeedMore)
                break;
            QVERIFY2(r.status == DecodeStatus::Packet, qPrintable(r.error.reason));
            const auto *p = std::get_if<PublishPacket>(&r.packet);
            QVERIFY(p);
            if (p->payload != QByteArray::number(decoded) || p->topic != "t/" + QByteArray::number(decoded % 10))
                QFAIL(qPrintable(QStringLiteral("packet %1 out of order or corrupted").arg(decoded)));
            ++decoded;
        }
        QVERIFY2(decoder.bufferedSize() < largest,
                 qPrintable(QStringLiteral("%1 bytes buffered after draining").arg(decoder.bufferedSize())));
    }
    QCOMPARE(decoded, count);
    QCOMPARE(decoder.bufferedSize(), 0);
}

void tst_Codec::streamDecoderAssemblesPacketOfSeveralMebibytes()
{
    // Above 1 MiB the decoder does not reserve the whole packet from its header; the
    // buffer grows as the bytes come.
    PublishPacket p = CodecVectors::publish("big", QByteArray(), QoS::AtLeastOnce, 7);
    p.payload.resize(3 << 20);
    for (qsizetype i = 0; i < p.payload.size(); ++i)
        p.payload[i] = char(i * 31);
    QByteArray bytes;
    QCOMPARE(errorName(encode(p, ProtocolVersion::V5, bytes)), errorName(EncodeError::None));
    bytes += CodecVectors::hex("C0 00"); // and a PINGREQ behind it

    StreamDecoder decoder(optionsFor(ProtocolVersion::V5));
    const qsizetype chunk = 65536 + 3;
    for (qsizetype fed = 0; fed < bytes.size(); fed += chunk) {
        const qsizetype n = qMin(chunk, bytes.size() - fed);
        char *room = decoder.prepareAppend(n);
        std::memcpy(room, bytes.constData() + fed, size_t(n));
        decoder.commitAppend(n);
        if (fed + n < bytes.size() - 2)
            QVERIFY(decoder.next().status == DecodeStatus::NeedMore);
    }
    const DecodeResult r = decoder.next();
    QVERIFY2(r.status == DecodeStatus::Packet, qPrintable(r.error.reason));
    QVERIFY(packetDifference(Packet(p), r.packet).isEmpty());
    QVERIFY(std::holds_alternative<PingreqPacket>(decoder.next().packet));
    QCOMPARE(decoder.bufferedSize(), 0);
}

void tst_Codec::streamDecoderResetClearsBufferAndError()
{
    StreamDecoder decoder(optionsFor(ProtocolVersion::V3_1_1));
    decoder.append(CodecVectors::hex("00 00 C0 00")); // packet type 0, then PINGREQ
    QVERIFY(decoder.next().status == DecodeStatus::Malformed);
    QVERIFY(decoder.next().status == DecodeStatus::Malformed);
    decoder.reset();
    QCOMPARE(decoder.bufferedSize(), 0);
    QVERIFY(decoder.next().status == DecodeStatus::NeedMore);
    decoder.append(CodecVectors::hex("D0 00"));
    const DecodeResult r = decoder.next();
    QVERIFY(r.status == DecodeStatus::Packet);
    QVERIFY(std::holds_alternative<PingrespPacket>(r.packet));
}

// ---- Refusals ------------------------------------------------------------------------

static void addMalformedColumns(bool streamOnly)
{
    QTest::addColumn<ProtocolVersion>("version");
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<ReasonCode>("reasonCode");
    QTest::addColumn<QString>("reason");
    QTest::addColumn<quint32>("maximumPacketSize");
    for (const auto &m : CodecVectors::malformedVectors()) {
        if (streamOnly && !m.inStream)
            continue;
        QTest::newRow(qPrintable(m.name))
                << m.version << m.bytes << m.reasonCode << m.reasonContains << m.maximumPacketSize;
    }
}

void tst_Codec::decodePacketRefusesMalformed_data()
{
    addMalformedColumns(false);
}

void tst_Codec::decodePacketRefusesMalformed()
{
    QFETCH(ProtocolVersion, version);
    QFETCH(QByteArray, bytes);
    QFETCH(ReasonCode, reasonCode);
    QFETCH(QString, reason);
    QFETCH(quint32, maximumPacketSize);

    const DecodeResult r = decodePacket(bytes.constData(), bytes.size(),
                                        optionsFor(version, maximumPacketSize));
    QCOMPARE(statusName(r.status), statusName(DecodeStatus::Malformed));
    QCOMPARE(r.error.reasonCode, reasonCode);
    QVERIFY2(r.error.reason.contains(reason), qPrintable(QStringLiteral("reason: ") + r.error.reason));
}

void tst_Codec::streamDecoderRefusesMalformedAndStaysBroken_data()
{
    addMalformedColumns(true);
}

void tst_Codec::streamDecoderRefusesMalformedAndStaysBroken()
{
    QFETCH(ProtocolVersion, version);
    QFETCH(QByteArray, bytes);
    QFETCH(ReasonCode, reasonCode);
    QFETCH(QString, reason);
    QFETCH(quint32, maximumPacketSize);

    // All at once, after a good packet, and byte by byte.
    for (const bool byteByByte : { false, true }) {
        StreamDecoder decoder(optionsFor(version, maximumPacketSize));
        decoder.append(CodecVectors::hex("D0 00")); // PINGRESP
        QVERIFY(decoder.next().status == DecodeStatus::Packet);

        DecodeResult r;
        if (byteByByte) {
            for (qsizetype i = 0; i < bytes.size(); ++i) {
                decoder.append(bytes.constData() + i, 1);
                r = decoder.next();
                if (r.status != DecodeStatus::NeedMore)
                    break;
            }
        } else {
            decoder.append(bytes);
            r = decoder.next();
        }
        QCOMPARE(statusName(r.status), statusName(DecodeStatus::Malformed));
        QCOMPARE(r.error.reasonCode, reasonCode);
        QVERIFY2(r.error.reason.contains(reason), qPrintable(QStringLiteral("reason: ") + r.error.reason));

        // Sticky: the same error again, even with good bytes after it.
        decoder.append(CodecVectors::hex("C0 00"));
        for (int i = 0; i < 2; ++i) {
            const DecodeResult again = decoder.next();
            QCOMPARE(statusName(again.status), statusName(DecodeStatus::Malformed));
            QCOMPARE(again.error.reasonCode, reasonCode);
            QCOMPARE(again.error.reason, r.error.reason);
        }
    }
}

void tst_Codec::streamDecoderRefusesOversizedPacketFromFixedHeader_data()
{
    QTest::addColumn<QByteArray>("header");
    QTest::addColumn<quint32>("maximumPacketSize");
    QTest::addColumn<bool>("refused");

    using CodecVectors::hex;
    QTest::newRow("103 bytes, maximum 102") << hex("30 65") << 102u << true;
    QTest::newRow("103 bytes, maximum 103") << hex("30 65") << 103u << false;
    QTest::newRow("131 bytes, maximum 130") << hex("30 80 01") << 130u << true;
    QTest::newRow("131 bytes, maximum 131") << hex("30 80 01") << 131u << false;
    QTest::newRow("268435460 bytes, maximum 1 MiB") << hex("30 FF FF FF 7F") << quint32(1 << 20) << true;
    QTest::newRow("268435460 bytes, maximum 268435459") << hex("30 FF FF FF 7F") << MaxPacketSize - 1 << true;
    QTest::newRow("268435460 bytes, no maximum") << hex("30 FF FF FF 7F") << MaxPacketSize << false;
}

void tst_Codec::streamDecoderRefusesOversizedPacketFromFixedHeader()
{
    QFETCH(QByteArray, header);
    QFETCH(quint32, maximumPacketSize);
    QFETCH(bool, refused);

    // Only the fixed header arrives: the size is known, so the answer must not wait for
    // (or buffer) the body [MQTT-3.2.2-15] / 3.1.2.11.4.
    StreamDecoder decoder(optionsFor(ProtocolVersion::V5, maximumPacketSize));
    decoder.append(header);
    const DecodeResult r = decoder.next();
    if (!refused) {
        QCOMPARE(statusName(r.status), statusName(DecodeStatus::NeedMore));
        return;
    }
    QCOMPARE(statusName(r.status), statusName(DecodeStatus::Malformed));
    QCOMPARE(r.error.reasonCode, ReasonCode::PacketTooLarge);
    QVERIFY2(r.error.reason.contains(QStringLiteral("exceeds the maximum packet size of %1 bytes")
                                             .arg(maximumPacketSize)),
             qPrintable(r.error.reason));
    QCOMPARE(decoder.bufferedSize(), header.size());
}

void tst_Codec::encodeRefusesInvalidPackets_data()
{
    QTest::addColumn<ProtocolVersion>("version");
    QTest::addColumn<Packet>("packet");
    QTest::addColumn<EncodeError>("error");

    using namespace CodecVectors;
    constexpr auto V31 = ProtocolVersion::V3_1;
    constexpr auto V311 = ProtocolVersion::V3_1_1;
    constexpr auto V5 = ProtocolVersion::V5;
    const QString tooLong(65536, QLatin1Char('a'));

    // Strings and binary data are at most 65,535 bytes (1.5.4, 1.5.6).
    QTest::newRow("topic of 65536 bytes")
            << V311 << Packet(publish(QByteArray(65536, 'a').constData(), "x")) << EncodeError::StringTooLong;
    {
        ConnectPacket c;
        c.clientId = tooLong;
        QTest::newRow("client identifier of 65536 bytes") << V311 << Packet(c) << EncodeError::StringTooLong;
        c.clientId = QString(21846, QChar(0x20AC)); // 3 UTF-8 bytes each: 65538
        QTest::newRow("client identifier of 21846 euro signs") << V311 << Packet(c) << EncodeError::StringTooLong;
        c.clientId = str("c");
        c.username = tooLong;
        QTest::newRow("user name of 65536 bytes") << V5 << Packet(c) << EncodeError::StringTooLong;
        c.username = str("u");
        c.password = QByteArray(65536, 'p');
        QTest::newRow("password of 65536 bytes") << V311 << Packet(c) << EncodeError::StringTooLong;
        c.password.reset();
        WillMessage w;
        w.topic = str("t");
        w.payload = QByteArray(65536, 'w');
        c.will = w;
        QTest::newRow("will payload of 65536 bytes") << V311 << Packet(c) << EncodeError::StringTooLong;
    }
    QTest::newRow("subscription filter of 65536 bytes")
            << V311 << Packet(subscribe(1, { subscription(QByteArray(65536, 'f').constData(), QoS::AtMostOnce) }))
            << EncodeError::StringTooLong;

    // Strings may not hold U+0000 or an unpaired surrogate [MQTT-1.5.4-1] [MQTT-1.5.4-2].
    {
        ConnectPacket c;
        c.clientId = QString(QChar(0));
        QTest::newRow("client identifier with U+0000") << V311 << Packet(c) << EncodeError::InvalidField;
        c.clientId = QString(QChar(0xD800));
        QTest::newRow("client identifier with lone high surrogate") << V311 << Packet(c) << EncodeError::InvalidField;
        c.clientId = QString(QChar(0xDC00)) + QChar(0xD800);
        QTest::newRow("client identifier with reversed surrogates") << V311 << Packet(c) << EncodeError::InvalidField;
    }

    // QoS and packet identifiers [MQTT-3.3.1-4] [MQTT-2.2.1-3] [MQTT-3.3.1-2]
    QTest::newRow("PUBLISH QoS 3") << V311 << Packet(publish("t", "x", QoS(3), 1)) << EncodeError::InvalidField;
    QTest::newRow("PUBLISH QoS 1 packet identifier 0")
            << V311 << Packet(publish("t", "x", QoS::AtLeastOnce, 0)) << EncodeError::InvalidField;
    QTest::newRow("PUBLISH QoS 2 packet identifier 0")
            << V5 << Packet(publish("t", "x", QoS::ExactlyOnce, 0)) << EncodeError::InvalidField;
    QTest::newRow("PUBLISH QoS 0 with DUP")
            << V311 << Packet(publish("t", "x", QoS::AtMostOnce, 0, false, true)) << EncodeError::InvalidField;
    QTest::newRow("PUBLISH empty topic in 3.1.1") << V311 << Packet(publish("", "x")) << EncodeError::InvalidField;
    QTest::newRow("PUBLISH empty topic without alias in 5") << V5 << Packet(publish("", "x")) << EncodeError::InvalidField;
    QTest::newRow("PUBACK packet identifier 0") << V311 << Packet(ack<PubackPacket>(0)) << EncodeError::InvalidField;
    QTest::newRow("PUBREC packet identifier 0") << V5 << Packet(ack<PubrecPacket>(0)) << EncodeError::InvalidField;
    QTest::newRow("PUBREL packet identifier 0") << V31 << Packet(ack<PubrelPacket>(0)) << EncodeError::InvalidField;
    QTest::newRow("PUBCOMP packet identifier 0") << V311 << Packet(ack<PubcompPacket>(0)) << EncodeError::InvalidField;
    QTest::newRow("SUBSCRIBE packet identifier 0")
            << V311 << Packet(subscribe(0, { subscription("a", QoS::AtMostOnce) })) << EncodeError::InvalidField;
    QTest::newRow("SUBACK packet identifier 0")
            << V311 << Packet(suback(0, { ReasonCode::GrantedQoS0 })) << EncodeError::InvalidField;
    QTest::newRow("UNSUBSCRIBE packet identifier 0")
            << V311 << Packet(unsubscribe(0, { str("a") })) << EncodeError::InvalidField;
    QTest::newRow("UNSUBACK packet identifier 0") << V5 << Packet(unsuback(0, { ReasonCode::Success }))
                                                  << EncodeError::InvalidField;
    QTest::newRow("SUBSCRIBE QoS 3")
            << V311 << Packet(subscribe(1, { subscription("a", QoS(3)) })) << EncodeError::InvalidField;
    QTest::newRow("SUBSCRIBE retain handling 3")
            << V5 << Packet(subscribe(1, { subscription("a", QoS::AtMostOnce, false, false, Mqtt::RetainHandling(3)) }))
            << EncodeError::InvalidField;
    {
        ConnectPacket c;
        WillMessage w;
        w.topic = str("t");
        w.qos = QoS(3);
        c.will = w;
        QTest::newRow("will QoS 3") << V311 << Packet(c) << EncodeError::InvalidField;
    }

    // Empty lists [MQTT-3.8.3-2] [MQTT-3.10.3-2]
    QTest::newRow("SUBSCRIBE without filters") << V311 << Packet(subscribe(1, {})) << EncodeError::InvalidField;
    QTest::newRow("SUBSCRIBE 5 without filters") << V5 << Packet(subscribe(1, {})) << EncodeError::InvalidField;
    QTest::newRow("UNSUBSCRIBE without filters") << V311 << Packet(unsubscribe(1, {})) << EncodeError::InvalidField;

    // Versions: no properties before 5, no AUTH, password needs a user name [MQTT-3.1.2-22]
    {
        ConnectPacket c;
        c.password = QByteArray("p");
        QTest::newRow("password without user name in 3.1.1") << V311 << Packet(c) << EncodeError::InvalidField;
    }
    QTest::newRow("AUTH in 3.1.1") << V311 << Packet(authPacket()) << EncodeError::InvalidField;
    QTest::newRow("PUBLISH user property in 3.1.1")
            << V311 << Packet(publish("t", "x", QoS::AtMostOnce, 0, false, false, Props().user("a", "b")))
            << EncodeError::PropertyNotAllowed;
    QTest::newRow("DISCONNECT property in 3.1")
            << V31 << Packet(disconnectPacket(ReasonCode::NormalDisconnection,
                                        Props().integer(PropertyId::SessionExpiryInterval, 1)))
            << EncodeError::PropertyNotAllowed;
    {
        ConnectPacket c;
        c.properties = Props().integer(PropertyId::SessionExpiryInterval, 1);
        QTest::newRow("CONNECT property in 3.1.1") << V311 << Packet(c) << EncodeError::PropertyNotAllowed;
        c.properties = {};
        WillMessage w;
        w.topic = str("t");
        w.properties = Props().integer(PropertyId::WillDelayInterval, 1);
        c.will = w;
        QTest::newRow("will property in 3.1.1") << V311 << Packet(c) << EncodeError::PropertyNotAllowed;
    }
    QTest::newRow("SUBACK property in 3.1.1")
            << V311 << Packet(suback(1, { ReasonCode::GrantedQoS0 }, Props().string(PropertyId::ReasonString, "r")))
            << EncodeError::PropertyNotAllowed;

    // Properties a packet may not carry (2.2.2.2) or may not repeat (3.8.2.1.2)
    QTest::newRow("PUBLISH with Session Expiry Interval")
            << V5 << Packet(publish("t", "x", QoS::AtMostOnce, 0, false, false,
                                    Props().integer(PropertyId::SessionExpiryInterval, 1)))
            << EncodeError::PropertyNotAllowed;
    QTest::newRow("PUBACK with Topic Alias")
            << V5 << Packet(ack<PubackPacket>(1, ReasonCode::Success, Props().integer(PropertyId::TopicAlias, 1)))
            << EncodeError::PropertyNotAllowed;
    QTest::newRow("SUBSCRIBE with two Subscription Identifiers")
            << V5 << Packet(subscribe(1, { subscription("a", QoS::AtMostOnce) }, Props().subscriptionId(1).subscriptionId(2)))
            << EncodeError::PropertyNotAllowed;
    QTest::newRow("UNSUBSCRIBE with Subscription Identifier")
            << V5 << Packet(unsubscribe(1, { str("a") }, Props().subscriptionId(1)))
            << EncodeError::PropertyNotAllowed;
    {
        ConnectPacket c;
        c.version = V5;
        c.properties = Props().integer(PropertyId::TopicAlias, 1);
        QTest::newRow("CONNECT with Topic Alias") << V5 << Packet(c) << EncodeError::PropertyNotAllowed;
        c.properties = {};
        WillMessage w;
        w.topic = str("t");
        w.properties = Props().integer(PropertyId::SessionExpiryInterval, 1);
        c.will = w;
        QTest::newRow("will with Session Expiry Interval") << V5 << Packet(c) << EncodeError::PropertyNotAllowed;
        c.will.reset();
        c.properties = Props().integer(PropertyId::ReceiveMaximum, 0);
        QTest::newRow("CONNECT with Receive Maximum 0") << V5 << Packet(c) << EncodeError::InvalidField;
    }
}

void tst_Codec::encodeRefusesInvalidPackets()
{
    QFETCH(ProtocolVersion, version);
    QFETCH(Packet, packet);
    QFETCH(EncodeError, error);

    QByteArray out("kept");
    QCOMPARE(errorName(encode(packet, version, out)), errorName(error));
    QCOMPARE(out, QByteArray("kept")); // nothing appended on error

    EncodeError sizeError = EncodeError::None;
    QCOMPARE(encodedSize(packet, version, &sizeError), qsizetype(-1));
    QCOMPARE(errorName(sizeError), errorName(error));

    if (const auto *publish = std::get_if<PublishPacket>(&packet)) {
        QCOMPARE(errorName(encode(*publish, version, out)), errorName(error));
        QCOMPARE(out, QByteArray("kept"));
        // encodedPublishSize() checks the same, except the packet id (assigned later).
        if (publish->packetId != 0 || publish->qos == QoS::AtMostOnce) {
            sizeError = EncodeError::None;
            QCOMPARE(encodedPublishSize(*publish, version, &sizeError), qsizetype(-1));
            QCOMPARE(errorName(sizeError), errorName(error));
        }
    }
}

void tst_Codec::encodeRefusesPacketOverMaximumRemainingLength()
{
    // A remaining length is at most 268,435,455 [MQTT-1.5.5]. The payload is never
    // touched on refusal, so the uninitialised 256 MiB costs no memory traffic.
    PublishPacket p = CodecVectors::publish("t", QByteArray());
    p.payload = QByteArray(qsizetype(MaxRemainingLength) - 3 + 1, Qt::Uninitialized);
    EncodeError error = EncodeError::None;
    QCOMPARE(encodedSize(Packet(p), ProtocolVersion::V3_1_1, &error), qsizetype(-1));
    QCOMPARE(errorName(error), errorName(EncodeError::PacketTooLarge));
    QByteArray out;
    QCOMPARE(errorName(encode(p, ProtocolVersion::V3_1_1, out)), errorName(EncodeError::PacketTooLarge));
    QVERIFY(out.isEmpty());

    p.payload.chop(1); // exactly the largest remaining length
    QCOMPARE(encodedSize(Packet(p), ProtocolVersion::V3_1_1, &error), qsizetype(MaxPacketSize));
    QCOMPARE(errorName(error), errorName(EncodeError::None));
}

void tst_Codec::encodeAcceptsFieldsOf65535Bytes()
{
    ConnectPacket c;
    c.clientId = QString(65535, QLatin1Char('c'));
    c.username = QString(21845, QChar(0x20AC)); // 3 UTF-8 bytes each: 65535
    c.password = QByteArray(65535, 'p');
    QByteArray out;
    QCOMPARE(errorName(encode(c, ProtocolVersion::V3_1_1, out)), errorName(EncodeError::None));
    // 10 bytes of variable header, three fields of 2 + 65535 bytes; length in 3 bytes.
    QCOMPARE(out.size(), 1 + 3 + 10 + 3 * (2 + 65535));
    const DecodeResult r = decodePacket(out.constData(), out.size(), optionsFor(ProtocolVersion::V3_1_1));
    QVERIFY2(r.status == DecodeStatus::Packet, qPrintable(r.error.reason));
    QVERIFY(packetDifference(Packet(c), r.packet).isEmpty());
}

// ---- Coverage of the tables ----------------------------------------------------------

void tst_Codec::vectorsCoverEveryPropertyIdentifier()
{
    QSet<PropertyId> seen;
    for (const auto &v : CodecVectors::vectors()) {
        std::visit(
                [&seen](const auto &p) {
                    using T = std::decay_t<decltype(p)>;
                    if constexpr (!std::is_same_v<T, PingreqPacket> && !std::is_same_v<T, PingrespPacket>)
                        collectPropertyIds(p.properties, seen);
                    if constexpr (std::is_same_v<T, ConnectPacket>) {
                        if (p.will)
                            collectPropertyIds(p.will->properties, seen);
                    }
                },
                v.packet);
    }
    const QMetaEnum e = QMetaEnum::fromType<PropertyId>();
    QCOMPARE(e.keyCount(), 27);
    for (int i = 0; i < e.keyCount(); ++i)
        QVERIFY2(seen.contains(PropertyId(e.value(i))), e.key(i));
}

void tst_Codec::vectorsCoverEveryPacketTypeInEveryVersion()
{
    QSet<QString> seen;
    for (const auto &v : CodecVectors::vectors())
        seen.insert(versionTag(v.version) + QLatin1Char(' ') + QLatin1String(packetTypeName(packetType(v.packet))));
    for (const auto version : { ProtocolVersion::V3_1, ProtocolVersion::V3_1_1, ProtocolVersion::V5 }) {
        for (int t = 1; t <= 15; ++t) {
            if (t == int(PacketType::Auth) && version != ProtocolVersion::V5)
                continue;
            const QString key = versionTag(version) + QLatin1Char(' ') + QLatin1String(packetTypeName(PacketType(t)));
            QVERIFY2(seen.contains(key), qPrintable(key));
        }
    }
}

void tst_Codec::propertyTypesAndPlacesFollowSpecTable_data()
{
    QTest::addColumn<PropertyId>("id");
    QTest::addColumn<Mqtt::PropertyType>("type");
    QTest::addColumn<QList<int>>("packets"); // PacketType values
    QTest::addColumn<bool>("inWill");

    using T = Mqtt::PropertyType;
    constexpr int CONNECT = 1, CONNACK = 2, PUBLISH = 3, PUBACK = 4, PUBREC = 5, PUBREL = 6,
                  PUBCOMP = 7, SUBSCRIBE = 8, SUBACK = 9, UNSUBSCRIBE = 10, UNSUBACK = 11,
                  DISCONNECT = 14, AUTH = 15;
    // MQTT 5.0, 2.2.2.2, Table 2-4 Properties
    QTest::newRow("0x01 Payload Format Indicator") << PropertyId::PayloadFormatIndicator << T::Byte << QList<int>{ PUBLISH } << true;
    QTest::newRow("0x02 Message Expiry Interval") << PropertyId::MessageExpiryInterval << T::FourByteInteger << QList<int>{ PUBLISH } << true;
    QTest::newRow("0x03 Content Type") << PropertyId::ContentType << T::Utf8String << QList<int>{ PUBLISH } << true;
    QTest::newRow("0x08 Response Topic") << PropertyId::ResponseTopic << T::Utf8String << QList<int>{ PUBLISH } << true;
    QTest::newRow("0x09 Correlation Data") << PropertyId::CorrelationData << T::BinaryData << QList<int>{ PUBLISH } << true;
    QTest::newRow("0x0B Subscription Identifier") << PropertyId::SubscriptionIdentifier << T::VariableByteInteger << QList<int>{ PUBLISH, SUBSCRIBE } << false;
    QTest::newRow("0x11 Session Expiry Interval") << PropertyId::SessionExpiryInterval << T::FourByteInteger << QList<int>{ CONNECT, CONNACK, DISCONNECT } << false;
    QTest::newRow("0x12 Assigned Client Identifier") << PropertyId::AssignedClientIdentifier << T::Utf8String << QList<int>{ CONNACK } << false;
    QTest::newRow("0x13 Server Keep Alive") << PropertyId::ServerKeepAlive << T::TwoByteInteger << QList<int>{ CONNACK } << false;
    QTest::newRow("0x15 Authentication Method") << PropertyId::AuthenticationMethod << T::Utf8String << QList<int>{ CONNECT, CONNACK, AUTH } << false;
    QTest::newRow("0x16 Authentication Data") << PropertyId::AuthenticationData << T::BinaryData << QList<int>{ CONNECT, CONNACK, AUTH } << false;
    QTest::newRow("0x17 Request Problem Information") << PropertyId::RequestProblemInformation << T::Byte << QList<int>{ CONNECT } << false;
    QTest::newRow("0x18 Will Delay Interval") << PropertyId::WillDelayInterval << T::FourByteInteger << QList<int>{} << true;
    QTest::newRow("0x19 Request Response Information") << PropertyId::RequestResponseInformation << T::Byte << QList<int>{ CONNECT } << false;
    QTest::newRow("0x1A Response Information") << PropertyId::ResponseInformation << T::Utf8String << QList<int>{ CONNACK } << false;
    QTest::newRow("0x1C Server Reference") << PropertyId::ServerReference << T::Utf8String << QList<int>{ CONNACK, DISCONNECT } << false;
    QTest::newRow("0x1F Reason String") << PropertyId::ReasonString << T::Utf8String
                                        << QList<int>{ CONNACK, PUBACK, PUBREC, PUBREL, PUBCOMP, SUBACK, UNSUBACK, DISCONNECT, AUTH } << false;
    QTest::newRow("0x21 Receive Maximum") << PropertyId::ReceiveMaximum << T::TwoByteInteger << QList<int>{ CONNECT, CONNACK } << false;
    QTest::newRow("0x22 Topic Alias Maximum") << PropertyId::TopicAliasMaximum << T::TwoByteInteger << QList<int>{ CONNECT, CONNACK } << false;
    QTest::newRow("0x23 Topic Alias") << PropertyId::TopicAlias << T::TwoByteInteger << QList<int>{ PUBLISH } << false;
    QTest::newRow("0x24 Maximum QoS") << PropertyId::MaximumQoS << T::Byte << QList<int>{ CONNACK } << false;
    QTest::newRow("0x25 Retain Available") << PropertyId::RetainAvailable << T::Byte << QList<int>{ CONNACK } << false;
    QTest::newRow("0x26 User Property") << PropertyId::UserProperty << T::Utf8StringPair
                                        << QList<int>{ CONNECT, CONNACK, PUBLISH, PUBACK, PUBREC, PUBREL, PUBCOMP, SUBSCRIBE,
                                                       SUBACK, UNSUBSCRIBE, UNSUBACK, 12, 13, DISCONNECT, AUTH }
                                        << true;
    QTest::newRow("0x27 Maximum Packet Size") << PropertyId::MaximumPacketSize << T::FourByteInteger << QList<int>{ CONNECT, CONNACK } << false;
    QTest::newRow("0x28 Wildcard Subscription Available") << PropertyId::WildcardSubscriptionAvailable << T::Byte << QList<int>{ CONNACK } << false;
    QTest::newRow("0x29 Subscription Identifier Available") << PropertyId::SubscriptionIdentifierAvailable << T::Byte << QList<int>{ CONNACK } << false;
    QTest::newRow("0x2A Shared Subscription Available") << PropertyId::SharedSubscriptionAvailable << T::Byte << QList<int>{ CONNACK } << false;
}

void tst_Codec::propertyTypesAndPlacesFollowSpecTable()
{
    QFETCH(PropertyId, id);
    QFETCH(Mqtt::PropertyType, type);
    QFETCH(QList<int>, packets);
    QFETCH(bool, inWill);

    QCOMPARE(Mqtt::propertyType(id), type);
    for (int t = 1; t <= 15; ++t) {
        QVERIFY2(propertyAllowed(id, PacketType(t)) == packets.contains(t), packetTypeName(PacketType(t)));
    }
    QCOMPARE(propertyAllowed(id, PacketType::Connect, true), inWill);
}

void tst_Codec::streamDecoderHandsLargePayloadOverWithoutLosingTheTail_data()
{
    QTest::addColumn<int>("payloadSize");
    QTest::addColumn<int>("tailPackets"); // small PUBLISHes buffered after the large one
    QTest::newRow("64 KiB, nothing after") << 64 * 1024 << 0;
    QTest::newRow("1 MiB, a small tail (handed over)") << 1024 * 1024 << 3;
    QTest::newRow("64 KiB, a large tail (copied instead)") << 64 * 1024 << 2000;
}

void tst_Codec::streamDecoderHandsLargePayloadOverWithoutLosingTheTail()
{
    // A large PUBLISH at the front of the buffer becomes its payload's storage; the bytes
    // after it, whether few (copied out) or many (then the payload is copied instead),
    // must come out unchanged and in order.
    QFETCH(int, payloadSize);
    QFETCH(int, tailPackets);
    PublishPacket big;
    big.topic = "big";
    big.qos = Mqtt::QoS::AtLeastOnce;
    big.packetId = 9;
    big.payload.resize(payloadSize);
    for (int i = 0; i < payloadSize; ++i)
        big.payload[i] = char(i * 7);
    QByteArray stream;
    QCOMPARE(encode(big, Mqtt::ProtocolVersion::V3_1_1, stream), EncodeError::None);
    for (int i = 0; i < tailPackets; ++i) {
        PublishPacket small;
        small.topic = "s";
        small.payload = QByteArray::number(i);
        QCOMPARE(encode(small, Mqtt::ProtocolVersion::V3_1_1, stream), EncodeError::None);
    }
    StreamDecoder decoder;
    decoder.append(stream);
    DecodeResult r = decoder.next();
    QCOMPARE(r.status, DecodeStatus::Packet);
    const auto &got = std::get<PublishPacket>(r.packet);
    QCOMPARE(got.payload.size(), big.payload.size());
    QVERIFY(got.payload == big.payload);
    QCOMPARE(got.topic, big.topic);
    QCOMPARE(got.packetId, quint16(9));
    for (int i = 0; i < tailPackets; ++i) {
        r = decoder.next();
        QCOMPARE(r.status, DecodeStatus::Packet);
        QCOMPARE(std::get<PublishPacket>(r.packet).payload, QByteArray::number(i));
    }
    QCOMPARE(decoder.next().status, DecodeStatus::NeedMore);
    QCOMPARE(decoder.bufferedSize(), qsizetype(0));
}

void tst_Codec::encodeWithoutPayloadPlusPayloadEqualsEncode()
{
    PublishPacket p;
    p.topic = "t";
    p.qos = Mqtt::QoS::ExactlyOnce;
    p.packetId = 3;
    p.payload = QByteArray(70000, 'z');
    for (auto v : { Mqtt::ProtocolVersion::V3_1_1, Mqtt::ProtocolVersion::V5 }) {
        QByteArray whole, head;
        QCOMPARE(encode(p, v, whole), EncodeError::None);
        QCOMPARE(encodeWithoutPayload(p, v, head), EncodeError::None);
        QCOMPARE(head.size(), whole.size() - p.payload.size());
        QCOMPARE(head + p.payload, whole);
    }
}

void tst_Codec::readHintAsksForTheRestOfAReservedLargePacket()
{
    // Until an eighth of a large packet has arrived nothing is reserved and reads come in
    // chunks; after that the hint is exactly the rest, which fits the reserved room.
    PublishPacket p;
    p.topic = "t";
    p.payload = QByteArray(1 << 21, 'q'); // 2 MiB
    QByteArray whole;
    QCOMPARE(encode(p, Mqtt::ProtocolVersion::V3_1_1, whole), EncodeError::None);
    constexpr qsizetype chunk = 64 * 1024;
    StreamDecoder decoder;
    QCOMPARE(decoder.readHint(chunk), chunk); // empty
    decoder.append(whole.constData(), chunk);
    QCOMPARE(decoder.next().status, DecodeStatus::NeedMore);
    QCOMPARE(decoder.readHint(chunk), chunk); // 1/32 arrived: not reserved yet
    const qsizetype eighth = whole.size() / 8;
    decoder.append(whole.constData() + chunk, eighth - chunk);
    QCOMPARE(decoder.next().status, DecodeStatus::NeedMore); // reserves the rest
    const qsizetype rest = whole.size() - eighth;
    QCOMPARE(decoder.readHint(chunk), rest);
    char *dst = decoder.prepareAppend(rest);
    std::memcpy(dst, whole.constData() + eighth, size_t(rest));
    decoder.commitAppend(rest);
    const DecodeResult r = decoder.next();
    QCOMPARE(r.status, DecodeStatus::Packet);
    QVERIFY(std::get<PublishPacket>(r.packet).payload == p.payload);
    QCOMPARE(decoder.readHint(chunk), chunk);
}

QTEST_GUILESS_MAIN(tst_Codec)

#include "tst_codec.moc"
