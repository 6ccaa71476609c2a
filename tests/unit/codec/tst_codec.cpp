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
using CodecVectors::str;
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
    void readFrameJudgesFirstByteAlone_data();
    void readFrameJudgesFirstByteAlone();

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
    void streamDecoderReadsLargePayloadsIntoARecycledBuffer_data();
    void streamDecoderReadsLargePayloadsIntoARecycledBuffer();
    void streamDecoderKeepsOneUnsharedSpareAndReleasesItWhenIdle();
    void streamDecoderReleasesItsBufferOnlyWhenEmpty();
    void streamDecoderCountsALargePublishHeadAsBuffered();

    void decodePacketRefusesMalformed_data();
    void decodePacketRefusesMalformed();
    void streamDecoderRefusesMalformedAndStaysBroken_data();
    void streamDecoderRefusesMalformedAndStaysBroken();
    void streamDecoderRefusesOversizedPacketFromFixedHeader_data();
    void streamDecoderRefusesOversizedPacketFromFixedHeader();
    void streamDecoderRefusesBadFirstByteWithoutReserving_data();
    void streamDecoderRefusesBadFirstByteWithoutReserving();

    void encodeRefusesInvalidPackets_data();
    void encodeRefusesInvalidPackets();
    void encodeRefusesPacketOverMaximumRemainingLength();
    void encodeAcceptsFieldsOf65535Bytes();
    void encodeAcceptsExactlyTheSpecReasonCodes_data();
    void encodeAcceptsExactlyTheSpecReasonCodes();
    void encodeAcceptsMqtt31ClientIdentifiersOf1To23Bytes_data();
    void encodeAcceptsMqtt31ClientIdentifiersOf1To23Bytes();

    void checkPropertiesNamesPropertyAndRule_data();
    void checkPropertiesNamesPropertyAndRule();
    void checkPropertiesAndEncoderAgree_data();
    void checkPropertiesAndEncoderAgree();

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

void tst_Codec::streamDecoderCountsALargePublishHeadAsBuffered()
{
    // The start of a 9 MiB PUBLISH (3.1.1, topic "\u00fc") with 7 payload bytes: the decoder
    // decodes the head at once and reads the payload into a buffer of its own, but until
    // the packet is returned every byte of it counts as buffered (fuzz_decoder found 7).
    const QByteArray start = CodecVectors::hex("30 ef bb bf 04 00 02 c3 bc e2 02 11 00 00 00 0a");
    StreamDecoder decoder(optionsFor(ProtocolVersion::V3_1_1));
    decoder.append(start);
    QCOMPARE(statusName(decoder.next().status), statusName(DecodeStatus::NeedMore));
    QCOMPARE(decoder.bufferedSize(), start.size());
    decoder.append(QByteArray(100, 'x'));
    QCOMPARE(statusName(decoder.next().status), statusName(DecodeStatus::NeedMore));
    QCOMPARE(decoder.bufferedSize(), start.size() + 100);
    decoder.reset();
    QCOMPARE(decoder.bufferedSize(), 0);
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
    QTest::newRow("PUBLISH QoS 0 with packet identifier 5 [MQTT-2.2.1-2]")
            << V5 << Packet(publish("t", "x", QoS::AtMostOnce, 5)) << EncodeError::InvalidField;
    QTest::newRow("PUBLISH QoS 0 with DUP")
            << V311 << Packet(publish("t", "x", QoS::AtMostOnce, 0, false, true)) << EncodeError::InvalidField;
    QTest::newRow("PUBLISH empty topic in 3.1.1 [MQTT-4.7.3-1]") << V311 << Packet(publish("", "x")) << EncodeError::InvalidTopic;
    QTest::newRow("PUBLISH empty topic without alias in 5") << V5 << Packet(publish("", "x")) << EncodeError::InvalidTopic;
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
    QTest::newRow("SUBSCRIBE without filters") << V311 << Packet(subscribe(1, {})) << EncodeError::EmptyList;
    QTest::newRow("SUBSCRIBE 5 without filters") << V5 << Packet(subscribe(1, {})) << EncodeError::EmptyList;
    QTest::newRow("UNSUBSCRIBE without filters") << V311 << Packet(unsubscribe(1, {})) << EncodeError::EmptyList;
    // A SUBACK has a reason code per filter of its SUBSCRIBE, an MQTT 5 UNSUBACK one per filter
    // of its UNSUBSCRIBE [MQTT-3.9.3-1] [MQTT-3.11.3-1]; our decoder refuses them empty.
    QTest::newRow("SUBACK 5 without reason codes") << V5 << Packet(suback(1, {})) << EncodeError::EmptyList;
    QTest::newRow("SUBACK 3.1.1 without return codes") << V311 << Packet(suback(1, {})) << EncodeError::EmptyList;
    QTest::newRow("SUBACK 3.1 without return codes") << V31 << Packet(suback(1, {})) << EncodeError::EmptyList;
    QTest::newRow("UNSUBACK 5 without reason codes") << V5 << Packet(unsuback(1, {})) << EncodeError::EmptyList;

    // Versions: no properties before 5, no AUTH, password needs a user name [MQTT-3.1.2-22]
    {
        ConnectPacket c;
        c.password = QByteArray("p");
        QTest::newRow("password without user name in 3.1.1") << V311 << Packet(c) << EncodeError::InvalidField;
    }
    QTest::newRow("AUTH in 3.1.1") << V311 << Packet(authPacket()) << EncodeError::NotInProtocolVersion;
    QTest::newRow("AUTH in 3.1") << V31 << Packet(authPacket(ReasonCode::ContinueAuthentication))
                                 << EncodeError::NotInProtocolVersion;
    QTest::newRow("PUBLISH user property in 3.1.1")
            << V311 << Packet(publish("t", "x", QoS::AtMostOnce, 0, false, false, Props().user("a", "b")))
            << EncodeError::NotInProtocolVersion;
    QTest::newRow("DISCONNECT property in 3.1")
            << V31 << Packet(disconnectPacket(ReasonCode::NormalDisconnection,
                                        Props().integer(PropertyId::SessionExpiryInterval, 1)))
            << EncodeError::NotInProtocolVersion;
    {
        ConnectPacket c;
        c.properties = Props().integer(PropertyId::SessionExpiryInterval, 1);
        QTest::newRow("CONNECT property in 3.1.1") << V311 << Packet(c) << EncodeError::NotInProtocolVersion;
        c.properties = {};
        WillMessage w;
        w.topic = str("t");
        w.properties = Props().integer(PropertyId::WillDelayInterval, 1);
        c.will = w;
        QTest::newRow("will property in 3.1.1") << V311 << Packet(c) << EncodeError::NotInProtocolVersion;
    }
    QTest::newRow("SUBACK property in 3.1.1")
            << V311 << Packet(suback(1, { ReasonCode::GrantedQoS0 }, Props().string(PropertyId::ReasonString, "r")))
            << EncodeError::NotInProtocolVersion;
    QTest::newRow("PUBACK property in 3.1.1")
            << V311 << Packet(ack<PubackPacket>(1, ReasonCode::Success, Props().user("a", "b")))
            << EncodeError::NotInProtocolVersion;

    // MQTT 5-only fields in 3.x are refused, not dropped: reason codes of acknowledgements
    // and DISCONNECT, subscription options (3.8.3.1), UNSUBACK reason codes (3.11.3).
    QTest::newRow("PUBACK 3.1.1 reason code 0x10")
            << V311 << Packet(ack<PubackPacket>(1, ReasonCode::NoMatchingSubscribers)) << EncodeError::NotInProtocolVersion;
    QTest::newRow("PUBREC 3.1.1 reason code 0x80")
            << V311 << Packet(ack<PubrecPacket>(1, ReasonCode::UnspecifiedError)) << EncodeError::NotInProtocolVersion;
    QTest::newRow("PUBREL 3.1 reason code 0x92")
            << V31 << Packet(ack<PubrelPacket>(1, ReasonCode::PacketIdentifierNotFound)) << EncodeError::NotInProtocolVersion;
    QTest::newRow("PUBCOMP 3.1.1 reason code 0x92")
            << V311 << Packet(ack<PubcompPacket>(1, ReasonCode::PacketIdentifierNotFound)) << EncodeError::NotInProtocolVersion;
    QTest::newRow("DISCONNECT 3.1.1 reason code 0x04")
            << V311 << Packet(disconnectPacket(ReasonCode::DisconnectWithWillMessage)) << EncodeError::NotInProtocolVersion;
    QTest::newRow("DISCONNECT 3.1 reason code 0x8D")
            << V31 << Packet(disconnectPacket(ReasonCode::KeepAliveTimeout)) << EncodeError::NotInProtocolVersion;
    QTest::newRow("SUBSCRIBE 3.1.1 No Local")
            << V311 << Packet(subscribe(1, { subscription("a", QoS::AtMostOnce, true) })) << EncodeError::NotInProtocolVersion;
    QTest::newRow("SUBSCRIBE 3.1.1 Retain As Published")
            << V311 << Packet(subscribe(1, { subscription("a", QoS::AtMostOnce, false, true) }))
            << EncodeError::NotInProtocolVersion;
    QTest::newRow("SUBSCRIBE 3.1 Retain Handling 2")
            << V31 << Packet(subscribe(1, { subscription("a", QoS::AtLeastOnce, false, false, Mqtt::RetainHandling::DoNotSend) }))
            << EncodeError::NotInProtocolVersion;
    QTest::newRow("UNSUBACK 3.1.1 with reason codes")
            << V311 << Packet(unsuback(1, { ReasonCode::Success })) << EncodeError::NotInProtocolVersion;

    // Reason codes outside each packet's table (3.2.2.2, 3.4.2.1, 3.5.2.1, 3.6.2.1, 3.7.2.1,
    // 3.9.3, 3.11.3, 3.14.2.1, 3.15.2.1; 3.1.1 [MQTT-3.9.3-2]); every code is covered by
    // encodeAcceptsExactlyTheSpecReasonCodes.
    QTest::newRow("PUBACK 5 reason code 0x92")
            << V5 << Packet(ack<PubackPacket>(1, ReasonCode::PacketIdentifierNotFound)) << EncodeError::ReasonCodeNotAllowed;
    QTest::newRow("PUBREC 5 reason code 0x8F")
            << V5 << Packet(ack<PubrecPacket>(1, ReasonCode::TopicFilterInvalid)) << EncodeError::ReasonCodeNotAllowed;
    QTest::newRow("PUBREL 5 reason code 0x80")
            << V5 << Packet(ack<PubrelPacket>(1, ReasonCode::UnspecifiedError)) << EncodeError::ReasonCodeNotAllowed;
    QTest::newRow("PUBCOMP 5 reason code 0x10")
            << V5 << Packet(ack<PubcompPacket>(1, ReasonCode::NoMatchingSubscribers)) << EncodeError::ReasonCodeNotAllowed;
    QTest::newRow("SUBACK 5 reason code 0x11")
            << V5 << Packet(suback(1, { ReasonCode::GrantedQoS0, ReasonCode::NoSubscriptionExisted }))
            << EncodeError::ReasonCodeNotAllowed;
    QTest::newRow("SUBACK 3.1.1 return code 0x03") << V311 << Packet(suback(1, { ReasonCode(3) }))
                                                   << EncodeError::ReasonCodeNotAllowed;
    QTest::newRow("SUBACK 3.1 return code 0x80") << V31 << Packet(suback(1, { ReasonCode::UnspecifiedError }))
                                                 << EncodeError::ReasonCodeNotAllowed;
    QTest::newRow("UNSUBACK 5 reason code 0x10")
            << V5 << Packet(unsuback(1, { ReasonCode::NoMatchingSubscribers })) << EncodeError::ReasonCodeNotAllowed;
    QTest::newRow("DISCONNECT 5 reason code 0x84")
            << V5 << Packet(disconnectPacket(ReasonCode::UnsupportedProtocolVersion)) << EncodeError::ReasonCodeNotAllowed;
    QTest::newRow("AUTH reason code 0x80")
            << V5 << Packet(authPacket(ReasonCode::UnspecifiedError)) << EncodeError::ReasonCodeNotAllowed;
    QTest::newRow("CONNACK 5 reason code 0x01") << V5 << Packet(connack(false, 0x01)) << EncodeError::ReasonCodeNotAllowed;
    QTest::newRow("CONNACK 3.1.1 return code 6") << V311 << Packet(connack(false, 6)) << EncodeError::ReasonCodeNotAllowed;
    QTest::newRow("CONNACK 3.1.1 session present with return code 5 [MQTT-3.2.2-4]")
            << V311 << Packet(connack(true, 5)) << EncodeError::InvalidField;

    // MQTT 3.1 client identifiers are 1 to 23 characters (3.1, CONNECT payload)
    {
        ConnectPacket c;
        c.version = V31;
        QTest::newRow("CONNECT 3.1 empty client identifier") << V31 << Packet(c) << EncodeError::InvalidClientIdentifier;
        c.clientId = QString(24, QLatin1Char('c'));
        QTest::newRow("CONNECT 3.1 client identifier of 24 bytes") << V31 << Packet(c)
                                                                  << EncodeError::InvalidClientIdentifier;
        c.clientId = QString(8, QChar(0x20AC)); // 8 characters, 24 UTF-8 bytes
        QTest::newRow("CONNECT 3.1 client identifier of 8 euro signs (24 bytes)")
                << V31 << Packet(c) << EncodeError::InvalidClientIdentifier;
    }

    // Topics: what the decoder refuses, the encoder does not write [MQTT-3.3.2-2] [MQTT-4.7.1-2]
    // [MQTT-4.7.1-3] [MQTT-1.5.4-1]
    QTest::newRow("PUBLISH topic with +") << V311 << Packet(publish("a/+", "x")) << EncodeError::InvalidTopic;
    QTest::newRow("PUBLISH 5 topic with #") << V5 << Packet(publish("a/#", "x")) << EncodeError::InvalidTopic;
    QTest::newRow("PUBLISH topic not UTF-8") << V311 << Packet(publish("a\xC3\x28", "x")) << EncodeError::InvalidTopic;
    QTest::newRow("PUBLISH topic with an encoded surrogate")
            << V311 << Packet(publish("\xED\xA0\x80", "x")) << EncodeError::InvalidTopic;
    QTest::newRow("SUBSCRIBE filter a/b#") << V311 << Packet(subscribe(1, { subscription("a/b#", QoS::AtMostOnce) }))
                                           << EncodeError::InvalidTopic;
    QTest::newRow("UNSUBSCRIBE filter a+") << V5 << Packet(unsubscribe(1, { str("a+") })) << EncodeError::InvalidTopic;
    {
        ConnectPacket c;
        WillMessage w;
        w.topic = str("status/#");
        c.will = w;
        QTest::newRow("will topic with #") << V311 << Packet(c) << EncodeError::InvalidTopic;
        c.will->topic.clear();
        QTest::newRow("empty will topic") << V311 << Packet(c) << EncodeError::InvalidTopic;
    }
    QTest::newRow("unknown protocol version 6") << ProtocolVersion(6) << Packet(PingreqPacket{})
                                                << EncodeError::InvalidField;

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
        QTest::newRow("CONNECT with Receive Maximum 0") << V5 << Packet(c) << EncodeError::InvalidPropertyValue;
        c.properties = Props().integer(PropertyId::RequestProblemInformation, 2);
        QTest::newRow("CONNECT with Request Problem Information 2") << V5 << Packet(c) << EncodeError::InvalidPropertyValue;
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
                                                       SUBACK, UNSUBSCRIBE, UNSUBACK, DISCONNECT, AUTH } // not PINGREQ, PINGRESP
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

namespace {

QByteArray patterned(qsizetype size, quint32 seed)
{
    QByteArray b(size, Qt::Uninitialized);
    quint32 x = seed * 2654435761u + 1; // xorshift: no period a misplaced chunk could hide in
    for (char &c : b) {
        x ^= x << 13;
        x ^= x >> 17;
        x ^= x << 5;
        c = char(x);
    }
    return b;
}

} // namespace

void tst_Codec::streamDecoderReadsLargePayloadsIntoARecycledBuffer_data()
{
    QTest::addColumn<ProtocolVersion>("version");
    QTest::addColumn<int>("payloadSize");
    // hint: as the client reads; pieces: append(); over: reads past the hint; random:
    // append() or prepareAppend() of 1 byte to 100 KB with fewer bytes committed (seeded)
    QTest::addColumn<QString>("feed");
    QTest::addColumn<bool>("keep");    // the application keeps every payload (shared): nothing is reused
    const auto V311 = ProtocolVersion::V3_1_1;
    const auto V5 = ProtocolVersion::V5;
    const QString hint = QStringLiteral("hint"), pieces = QStringLiteral("pieces"), over = QStringLiteral("over");
    QTest::newRow("3.1.1, 64 KiB, read as hinted") << V311 << 64 * 1024 << hint << false;
    QTest::newRow("3.1.1, 1 MiB, read as hinted") << V311 << 1024 * 1024 << hint << false;
    QTest::newRow("5.0 with properties, 1 MiB, read as hinted") << V5 << 1024 * 1024 << hint << false;
    QTest::newRow("3.1.1, 3 MiB (past the reserve limit), read as hinted") << V311 << 3 * 1024 * 1024 << hint << false;
    QTest::newRow("3.1.1, 1 MiB, append() in 1000-byte pieces") << V311 << 1024 * 1024 << pieces << false;
    QTest::newRow("5.0 with properties, 200 KiB, reads past the hint") << V5 << 200 * 1024 << over << false;
    QTest::newRow("3.1.1, 300 KiB, random reads and short commits") << V311 << 300 * 1024 << QStringLiteral("random") << false;
    QTest::newRow("5.0 with properties, 1 MiB, random reads and short commits") << V5 << 1024 * 1024 << QStringLiteral("random") << false;
    QTest::newRow("3.1.1, 1 MiB, read as hinted, payloads kept") << V311 << 1024 * 1024 << hint << true;
    QTest::newRow("5.0 with properties, 200 KiB, reads past the hint, payloads kept") << V5 << 200 * 1024 << over << true;
}

void tst_Codec::streamDecoderReadsLargePayloadsIntoARecycledBuffer()
{
    // Large PUBLISHes with a small one after each, read the way the feed column says.
    // Every payload comes out whole; each large payload given back with recycle() is the
    // storage the next large payload is read into (no new allocation per message), and a
    // payload the application still shares is never written into.
    QFETCH(ProtocolVersion, version);
    QFETCH(int, payloadSize);
    QFETCH(QString, feed);
    QFETCH(bool, keep);
    constexpr int Messages = 5;
    QByteArray stream;
    for (int i = 0; i < Messages; ++i) {
        PublishPacket big;
        big.topic = "large/" + QByteArray::number(i);
        big.qos = QoS::AtLeastOnce;
        big.packetId = quint16(i + 1);
        big.payload = patterned(payloadSize, quint32(i));
        if (version == ProtocolVersion::V5) {
            big.properties.setString(PropertyId::ContentType, str("application/octet-stream"));
            big.properties.addUserProperty(str("index"), QString::number(i));
        }
        QCOMPARE(encode(big, version, stream), EncodeError::None);
        PublishPacket small;
        small.topic = "small";
        small.payload = QByteArray::number(i);
        QCOMPARE(encode(small, version, stream), EncodeError::None);
    }

    constexpr qsizetype Chunk = 64 * 1024;
    StreamDecoder decoder(optionsFor(version));
    qsizetype fed = 0;
    int bigSeen = 0, smallSeen = 0;
    const char *reused = nullptr; // storage of the first large payload
    QList<QByteArray> kept;
    QRandomGenerator random(8);
    while (fed < stream.size()) {
        qsizetype n = 0;
        if (feed == QLatin1String("random")) {
            const qsizetype size = 1 + qsizetype(random.bounded(100000));
            n = std::min<qsizetype>(random.bounded(int(size)) + 1, stream.size() - fed);
            if (random.bounded(2)) {
                decoder.append(stream.constData() + fed, n);
            } else {
                char *dst = decoder.prepareAppend(size);
                std::memcpy(dst, stream.constData() + fed, size_t(n));
                decoder.commitAppend(n);
            }
        } else if (feed == QLatin1String("pieces")) {
            n = std::min<qsizetype>(1000, stream.size() - fed);
            decoder.append(stream.constData() + fed, n);
        } else {
            const qsizetype want = feed == QLatin1String("hint") ? decoder.readHint(Chunk) : Chunk;
            QVERIFY(want > 0);
            char *dst = decoder.prepareAppend(want);
            n = std::min(want, stream.size() - fed);
            std::memcpy(dst, stream.constData() + fed, size_t(n));
            decoder.commitAppend(n);
        }
        fed += n;
        for (;;) {
            DecodeResult r = decoder.next();
            QVERIFY2(r.status != DecodeStatus::Malformed, qPrintable(r.error.reason));
            if (r.status != DecodeStatus::Packet)
                break;
            auto &p = std::get<PublishPacket>(r.packet);
            if (p.topic == "small") {
                QCOMPARE(p.payload, QByteArray::number(smallSeen));
                ++smallSeen;
                continue;
            }
            QCOMPARE(smallSeen, bigSeen);
            QCOMPARE(p.topic, "large/" + QByteArray::number(bigSeen));
            QCOMPARE(p.packetId, quint16(bigSeen + 1));
            QCOMPARE(p.payload.size(), qsizetype(payloadSize));
            QVERIFY2(p.payload == patterned(payloadSize, quint32(bigSeen)),
                     qPrintable(QStringLiteral("payload %1 differs").arg(bigSeen)));
            if (version == ProtocolVersion::V5)
                QCOMPARE(p.properties.userProperties().value(0).second, QString::number(bigSeen));
            if (keep) {
                QVERIFY(p.payload.constData() != reused);
                if (!reused)
                    reused = p.payload.constData();
                kept.append(p.payload);
                decoder.recycle(std::move(p.payload)); // shared with `kept`: must not be reused
                QCOMPARE(decoder.spareCapacity(), qsizetype(0));
            } else {
                if (!reused)
                    reused = p.payload.constData();
                else
                    QVERIFY2(p.payload.constData() == reused,
                             qPrintable(QStringLiteral("payload %1 is in new memory").arg(bigSeen)));
                decoder.recycle(std::move(p.payload));
                QVERIFY(decoder.spareCapacity() >= payloadSize);
            }
            ++bigSeen;
        }
    }
    QCOMPARE(bigSeen, Messages);
    QCOMPARE(smallSeen, Messages);
    QCOMPARE(decoder.bufferedSize(), qsizetype(0));
    for (int i = 0; i < kept.size(); ++i)
        QVERIFY2(kept.at(i) == patterned(payloadSize, quint32(i)),
                 qPrintable(QStringLiteral("kept payload %1 was written into").arg(i)));
}

void tst_Codec::streamDecoderKeepsOneUnsharedSpareAndReleasesItWhenIdle()
{
    StreamDecoder decoder;
    QCOMPARE(decoder.spareCapacity(), qsizetype(0));
    decoder.recycle(QByteArray(StreamDecoder::LargePayload - 1, 'x')); // small: not worth keeping
    QCOMPARE(decoder.spareCapacity(), qsizetype(0));
    decoder.recycle(QByteArray(100 * 1024, 'x'));
    const qsizetype first = decoder.spareCapacity();
    QVERIFY(first >= 100 * 1024);
    decoder.recycle(QByteArray(80 * 1024, 'x')); // smaller than the one kept: released
    QCOMPARE(decoder.spareCapacity(), first);
    decoder.recycle(QByteArray(300 * 1024, 'x')); // larger: replaces it
    QVERIFY(decoder.spareCapacity() >= 300 * 1024);
    decoder.releaseIdleSpare(); // recycled since the last call: kept
    QVERIFY(decoder.spareCapacity() >= 300 * 1024);
    decoder.releaseIdleSpare(); // untouched since: released
    QCOMPARE(decoder.spareCapacity(), qsizetype(0));
    decoder.recycle(QByteArray(100 * 1024, 'x'));
    QVERIFY(decoder.spareCapacity() > 0);
    decoder.reset();
    QCOMPARE(decoder.spareCapacity(), qsizetype(0));
}

void tst_Codec::streamDecoderReleasesItsBufferOnlyWhenEmpty()
{
    // A read chunk's room is freed once everything in it was decoded, and not while part
    // of a packet waits in it.
    PublishPacket p;
    p.topic = "t";
    p.payload = "hello";
    QByteArray one;
    QCOMPARE(encode(p, ProtocolVersion::V3_1_1, one), EncodeError::None);
    const QByteArray two = one + one;
    StreamDecoder decoder;
    constexpr qsizetype Chunk = 64 * 1024;
    char *dst = decoder.prepareAppend(Chunk);
    const qsizetype partial = one.size() + 3; // one packet and the start of the next
    std::memcpy(dst, two.constData(), size_t(partial));
    decoder.commitAppend(partial);
    QCOMPARE(decoder.next().status, DecodeStatus::Packet);
    QCOMPARE(decoder.next().status, DecodeStatus::NeedMore);
    QVERIFY(decoder.bufferCapacity() >= Chunk);
    QVERIFY(!decoder.holdsEmptyBuffer());
    decoder.releaseEmptyBuffer(); // three bytes wait: kept
    QCOMPARE(decoder.bufferedSize(), qsizetype(3));
    decoder.append(two.constData() + partial, two.size() - partial);
    const DecodeResult r = decoder.next();
    QCOMPARE(r.status, DecodeStatus::Packet);
    QCOMPARE(std::get<PublishPacket>(r.packet).payload, p.payload);
    QVERIFY(decoder.bufferCapacity() > 0);
    QVERIFY(decoder.holdsEmptyBuffer());
    decoder.releaseEmptyBuffer();
    QCOMPARE(decoder.bufferCapacity(), qsizetype(0));
    QVERIFY(!decoder.holdsEmptyBuffer());
    QCOMPARE(decoder.next().status, DecodeStatus::NeedMore);
    decoder.append(one);
    QCOMPARE(decoder.next().status, DecodeStatus::Packet);
}

// ---- The first byte alone ------------------------------------------------------------

namespace {

// The fixed header's first byte per the specifications, written apart from the codec:
// MQTT 5.0 2.1.2 and 2.1.3 (3.1.1: 2.2.1, 2.2.2). Empty if the byte may start a packet.
QString expectedFirstByteError(quint8 b, ProtocolVersion v)
{
    static const char *const names[] = { "RESERVED", "CONNECT", "CONNACK", "PUBLISH", "PUBACK",
                                         "PUBREC", "PUBREL", "PUBCOMP", "SUBSCRIBE", "SUBACK",
                                         "UNSUBSCRIBE", "UNSUBACK", "PINGREQ", "PINGRESP",
                                         "DISCONNECT", "AUTH" };
    const int type = b >> 4;
    const int flags = b & 0x0F;
    if (type == 0)
        return QStringLiteral("packet type 0 is reserved");
    if (type == 15 && v != ProtocolVersion::V5)
        return QStringLiteral("AUTH packet is not part of MQTT 3");
    if (type == 3) {
        const int qos = (flags >> 1) & 3;
        if (qos == 3) // [MQTT-3.3.1-4]
            return QStringLiteral("PUBLISH has QoS 3");
        if ((flags & 8) && qos == 0) // [MQTT-3.3.1-2]
            return QStringLiteral("PUBLISH has DUP set with QoS 0");
        return QString();
    }
    const int required = (type == 6 || type == 8 || type == 10) ? 2 : 0; // PUBREL, SUBSCRIBE, UNSUBSCRIBE
    if (flags != required) // [MQTT-2.1.3-1]
        return QStringLiteral("%1 has reserved fixed header flags 0x%2")
                .arg(QLatin1String(names[type]))
                .arg(flags, 2, 16, QLatin1Char('0'));
    return QString();
}

} // namespace

void tst_Codec::readFrameJudgesFirstByteAlone_data()
{
    QTest::addColumn<ProtocolVersion>("version");
    QTest::newRow("MQTT 3.1") << ProtocolVersion::V3_1;
    QTest::newRow("MQTT 3.1.1") << ProtocolVersion::V3_1_1;
    QTest::newRow("MQTT 5") << ProtocolVersion::V5;
}

void tst_Codec::readFrameJudgesFirstByteAlone()
{
    // All 256 first bytes: alone, then before a length of five bytes (itself malformed).
    QFETCH(ProtocolVersion, version);
    int refused = 0;
    for (int b = 0; b < 256; ++b) {
        const QString expected = expectedFirstByteError(quint8(b), version);
        const QByteArray alone(1, char(b));
        const QByteArray withBadLength = alone + CodecVectors::hex("FF FF FF FF 7F");
        const Frame f = readFrame(alone.constData(), alone.size(), optionsFor(version));
        const Frame g = readFrame(withBadLength.constData(), withBadLength.size(), optionsFor(version));
        const QByteArray where = QByteArray("first byte ") + alone.toHex();
        if (expected.isEmpty()) {
            QVERIFY2(f.status == FrameStatus::NeedMore, where.constData());
            QVERIFY2(g.status == FrameStatus::Malformed, where.constData());
            QCOMPARE(g.error.reason, QStringLiteral("remaining length is longer than 4 bytes"));
            continue;
        }
        ++refused;
        QVERIFY2(f.status == FrameStatus::Malformed, where.constData());
        QCOMPARE(f.error.reasonCode, ReasonCode::MalformedPacket);
        QCOMPARE(f.error.reason, expected);
        QVERIFY2(g.status == FrameStatus::Malformed, where.constData());
        QCOMPARE(g.error.reason, expected);
        const DecodeResult r = decodePacket(alone.constData(), alone.size(), optionsFor(version));
        QCOMPARE(statusName(r.status), statusName(DecodeStatus::Malformed));
        QCOMPARE(r.error.reason, expected);
    }
    // 16 for type 0, 8 for PUBLISH (QoS 3: 4, DUP with QoS 0: 2... and both), 15 for each
    // other type (13 of them in 3.x, 14 in 5 with AUTH), 16 for AUTH in 3.x.
    const int publishRefused = 4 + 2;
    QCOMPARE(refused, 16 + publishRefused + (version == ProtocolVersion::V5 ? 14 * 15 : 13 * 15 + 16));
}

void tst_Codec::streamDecoderRefusesBadFirstByteWithoutReserving_data()
{
    QTest::addColumn<ProtocolVersion>("version");
    QTest::addColumn<QByteArray>("header");
    QTest::addColumn<QString>("reason"); // empty: a valid first byte (control rows)

    using CodecVectors::hex;
    constexpr auto V311 = ProtocolVersion::V3_1_1;
    constexpr auto V5 = ProtocolVersion::V5;
    // 80 84 AF 5F: remaining length 200,000,000; C0 84 3D: 1,000,000 (below the 1 MiB up to
    // which a valid header reserves the whole packet at once).
    QTest::newRow("PUBLISH QoS 3 announcing 200 MB [MQTT-3.3.1-4]")
            << V5 << hex("36 80 84 AF 5F") << str("PUBLISH has QoS 3");
    QTest::newRow("PUBLISH DUP with QoS 0 announcing 200 MB [MQTT-3.3.1-2]")
            << V311 << hex("38 80 84 AF 5F") << str("PUBLISH has DUP set with QoS 0");
    QTest::newRow("PUBREL flags 0000 announcing 200 MB [MQTT-2.1.3-1]")
            << V5 << hex("60 80 84 AF 5F") << str("PUBREL has reserved fixed header flags 0x00");
    QTest::newRow("CONNACK flags 1000 announcing 200 MB [MQTT-2.1.3-1]")
            << V311 << hex("28 80 84 AF 5F") << str("CONNACK has reserved fixed header flags 0x08");
    QTest::newRow("packet type 0 announcing 200 MB") << V5 << hex("00 80 84 AF 5F")
                                                     << str("packet type 0 is reserved");
    QTest::newRow("AUTH in 3.1.1 announcing 200 MB") << V311 << hex("F0 80 84 AF 5F")
                                                     << str("AUTH packet is not part of MQTT 3");
    QTest::newRow("PUBLISH QoS 3 announcing 1,000,000 bytes") << V311 << hex("36 C0 84 3D")
                                                               << str("PUBLISH has QoS 3");
    QTest::newRow("SUBACK flags 0010 announcing 1,000,000 bytes")
            << V5 << hex("92 C0 84 3D") << str("SUBACK has reserved fixed header flags 0x02");
    // Controls: the same lengths after a valid first byte.
    QTest::newRow("control: PUBLISH QoS 1 announcing 200 MB waits") << V5 << hex("32 80 84 AF 5F") << QString();
    QTest::newRow("control: PUBLISH QoS 1 announcing 1,000,000 bytes waits")
            << V311 << hex("32 C0 84 3D") << QString();
}

void tst_Codec::streamDecoderRefusesBadFirstByteWithoutReserving()
{
    QFETCH(ProtocolVersion, version);
    QFETCH(QByteArray, header);
    QFETCH(QString, reason);

    // The header arrives and no body after it: a condemned first byte is refused at once,
    // with nothing reserved for the announced body; a valid one waits for the body.
    StreamDecoder decoder(optionsFor(version));
    decoder.append(header);
    const DecodeResult r = decoder.next();
    if (reason.isEmpty()) {
        QCOMPARE(statusName(r.status), statusName(DecodeStatus::NeedMore));
        return;
    }
    QCOMPARE(statusName(r.status), statusName(DecodeStatus::Malformed));
    QCOMPARE(r.error.reasonCode, ReasonCode::MalformedPacket);
    QCOMPARE(r.error.reason, reason);
    QCOMPARE(decoder.bufferedSize(), header.size());
    QVERIFY2(decoder.bufferCapacity() < 4096,
             qPrintable(QStringLiteral("%1 bytes reserved").arg(decoder.bufferCapacity())));

    // The first byte alone is enough.
    StreamDecoder byteByByte(optionsFor(version));
    byteByByte.append(header.left(1));
    const DecodeResult first = byteByByte.next();
    QCOMPARE(statusName(first.status), statusName(DecodeStatus::Malformed));
    QCOMPARE(first.error.reason, reason);
    QVERIFY(byteByByte.bufferCapacity() < 4096);
}

// ---- Reason codes, exhaustively --------------------------------------------------------

namespace {

enum class AckKind { Connack, Puback, Pubrec, Pubrel, Pubcomp, Suback, Unsuback, Disconnect, Auth };

Packet packetWithReasonCode(AckKind kind, ReasonCode rc)
{
    using namespace CodecVectors;
    switch (kind) {
    case AckKind::Connack:
        return connack(false, quint8(rc));
    case AckKind::Puback:
        return ack<PubackPacket>(1, rc);
    case AckKind::Pubrec:
        return ack<PubrecPacket>(1, rc);
    case AckKind::Pubrel:
        return ack<PubrelPacket>(1, rc);
    case AckKind::Pubcomp:
        return ack<PubcompPacket>(1, rc);
    case AckKind::Suback:
        return suback(1, { rc });
    case AckKind::Unsuback:
        return unsuback(1, { rc });
    case AckKind::Disconnect:
        return disconnectPacket(rc);
    case AckKind::Auth:
        return authPacket(rc);
    }
    return PingreqPacket{};
}

} // namespace

void tst_Codec::encodeAcceptsExactlyTheSpecReasonCodes_data()
{
    QTest::addColumn<ProtocolVersion>("version");
    QTest::addColumn<int>("kind");
    QTest::addColumn<QByteArray>("allowed");  // the spec's table, hex
    QTest::addColumn<QByteArray>("bytesTemplate"); // the packet with reason code XX (decoder side)
    QTest::addColumn<int>("codeAt");          // offset of XX; -1: no decoder check
    QTest::addColumn<EncodeError>("refusal");

    using CodecVectors::hex;
    constexpr auto V31 = ProtocolVersion::V3_1;
    constexpr auto V311 = ProtocolVersion::V3_1_1;
    constexpr auto V5 = ProtocolVersion::V5;
    const auto NotAllowed = EncodeError::ReasonCodeNotAllowed;
    const auto NotInVersion = EncodeError::NotInProtocolVersion;
    const QByteArray pubackCodes = hex("00 10 80 83 87 90 91 97 99"); // 3.4.2.1, 3.5.2.1
    const QByteArray pubrelCodes = hex("00 92");                      // 3.6.2.1, 3.7.2.1
    auto row = [](const char *name, ProtocolVersion v, AckKind k, const QByteArray &allowed,
                  const QByteArray &tmpl, int at, EncodeError refusal) {
        QTest::newRow(name) << v << int(k) << allowed << tmpl << at << refusal;
    };
    row("CONNACK 5 (3.2.2.2)", V5, AckKind::Connack,
        hex("00 80 81 82 83 84 85 86 87 88 89 8A 8C 90 95 97 99 9A 9B 9C 9D 9F"), hex("20 03 00 00 00"), 3,
        NotAllowed);
    row("CONNACK 3.1.1 (3.2.2.3)", V311, AckKind::Connack, hex("00 01 02 03 04 05"), hex("20 02 00 00"), 3, NotAllowed);
    row("CONNACK 3.1", V31, AckKind::Connack, hex("00 01 02 03 04 05"), hex("20 02 00 00"), 3, NotAllowed);
    row("PUBACK 5", V5, AckKind::Puback, pubackCodes, hex("40 03 00 01 00"), 4, NotAllowed);
    row("PUBREC 5", V5, AckKind::Pubrec, pubackCodes, hex("50 03 00 01 00"), 4, NotAllowed);
    row("PUBREL 5", V5, AckKind::Pubrel, pubrelCodes, hex("62 03 00 01 00"), 4, NotAllowed);
    row("PUBCOMP 5", V5, AckKind::Pubcomp, pubrelCodes, hex("70 03 00 01 00"), 4, NotAllowed);
    row("SUBACK 5 (3.9.3)", V5, AckKind::Suback, hex("00 01 02 80 83 87 8F 91 97 9E A1 A2"),
        hex("90 04 00 01 00 00"), 5, NotAllowed);
    row("SUBACK 3.1.1 [MQTT-3.9.3-2]", V311, AckKind::Suback, hex("00 01 02 80"), hex("90 03 00 01 00"), 4, NotAllowed);
    row("SUBACK 3.1", V31, AckKind::Suback, hex("00 01 02"), hex("90 03 00 01 00"), 4, NotAllowed);
    row("UNSUBACK 5 (3.11.3)", V5, AckKind::Unsuback, hex("00 11 80 83 87 8F 91"), hex("B0 04 00 01 00 00"), 5,
        NotAllowed);
    row("DISCONNECT 5 (3.14.2.1)", V5, AckKind::Disconnect,
        hex("00 04 80 81 82 83 87 89 8B 8D 8E 8F 90 93 94 95 96 97 98 99 9A 9B 9C 9D 9E 9F A0 A1 A2"),
        hex("E0 01 00"), 2, NotAllowed);
    row("AUTH (3.15.2.1)", V5, AckKind::Auth, hex("00 18 19"), hex("F0 02 00 00"), 2, NotAllowed);
    // MQTT 3.x acknowledgements and DISCONNECT have no reason code: only "success" encodes.
    row("PUBACK 3.1.1", V311, AckKind::Puback, hex("00"), QByteArray(), -1, NotInVersion);
    row("PUBREC 3.1", V31, AckKind::Pubrec, hex("00"), QByteArray(), -1, NotInVersion);
    row("PUBREL 3.1.1", V311, AckKind::Pubrel, hex("00"), QByteArray(), -1, NotInVersion);
    row("PUBCOMP 3.1", V31, AckKind::Pubcomp, hex("00"), QByteArray(), -1, NotInVersion);
    row("DISCONNECT 3.1.1", V311, AckKind::Disconnect, hex("00"), QByteArray(), -1, NotInVersion);
}

void tst_Codec::encodeAcceptsExactlyTheSpecReasonCodes()
{
    QFETCH(ProtocolVersion, version);
    QFETCH(int, kind);
    QFETCH(QByteArray, allowed);
    QFETCH(QByteArray, bytesTemplate);
    QFETCH(int, codeAt);
    QFETCH(EncodeError, refusal);

    for (int code = 0; code < 256; ++code) {
        const auto rc = ReasonCode(code);
        const Packet packet = packetWithReasonCode(AckKind(kind), rc);
        const bool ok = allowed.contains(char(code));
        const QByteArray where = "reason code 0x" + QByteArray::number(code, 16);
        QByteArray out;
        const EncodeError err = encode(packet, version, out);
        if (ok) {
            QVERIFY2(err == EncodeError::None, QByteArray(where + ": " + encodeErrorString(err)).constData());
            const DecodeResult r = decodePacket(out.constData(), out.size(), optionsFor(version));
            QVERIFY2(r.status == DecodeStatus::Packet, QByteArray(where + ": " + r.error.reason.toUtf8()).constData());
            QVERIFY2(packetDifference(packet, r.packet).isEmpty(), where.constData());
        } else {
            QVERIFY2(err == refusal, QByteArray(where + ": " + encodeErrorString(err)).constData());
            QVERIFY(out.isEmpty());
        }
        if (codeAt >= 0) { // and the decoder agrees on the same bytes
            QByteArray bytes = bytesTemplate;
            bytes[codeAt] = char(code);
            const DecodeResult r = decodePacket(bytes.constData(), bytes.size(), optionsFor(version));
            QVERIFY2((r.status == DecodeStatus::Packet) == ok,
                     QByteArray(where + ": " + r.error.reason.toUtf8()).constData());
        }
    }
}

void tst_Codec::encodeAcceptsMqtt31ClientIdentifiersOf1To23Bytes_data()
{
    QTest::addColumn<QString>("clientId");
    QTest::newRow("1 byte") << str("c");
    QTest::newRow("23 bytes") << QString(23, QLatin1Char('x'));
    QTest::newRow("7 euro signs, 21 bytes") << QString(7, QChar(0x20AC));
    QTest::newRow("generated form, mqttqt- and 16 characters") << str("mqttqt-0123456789abcdef");
}

void tst_Codec::encodeAcceptsMqtt31ClientIdentifiersOf1To23Bytes()
{
    QFETCH(QString, clientId);
    ConnectPacket c;
    c.version = ProtocolVersion::V3_1;
    c.clientId = clientId;
    QByteArray out;
    QCOMPARE(errorName(encode(c, ProtocolVersion::V3_1, out)), errorName(EncodeError::None));
    const DecodeResult r = decodePacket(out.constData(), out.size(), optionsFor(ProtocolVersion::V3_1));
    QVERIFY2(r.status == DecodeStatus::Packet, qPrintable(r.error.reason));
    QVERIFY(packetDifference(Packet(c), r.packet).isEmpty());
}

// ---- checkProperties -----------------------------------------------------------------

void tst_Codec::checkPropertiesNamesPropertyAndRule_data()
{
    QTest::addColumn<MqttProperties>("props");
    QTest::addColumn<int>("type"); // PacketType
    QTest::addColumn<bool>("isWill");
    QTest::addColumn<QString>("expected"); // empty: may be sent

    using CodecVectors::hex;
    using CodecVectors::Props;
    constexpr int CONNECT = 1, CONNACK = 2, PUBLISH = 3, PUBACK = 4, PUBREC = 5, PUBREL = 6,
                  PUBCOMP = 7, SUBSCRIBE = 8, SUBACK = 9, UNSUBSCRIBE = 10, UNSUBACK = 11,
                  PINGREQ = 12, PINGRESP = 13, DISCONNECT = 14, AUTH = 15;
    auto row = [](const char *name, const MqttProperties &p, int type, bool isWill, const QString &expected) {
        QTest::newRow(name) << p << type << isWill << expected;
    };
    auto with = [](PropertyId id, const QString &text) {
        MqttProperties p;
        if (!p.setString(id, text))
            qFatal("setString refused a test value");
        return p;
    };

    // Everything a client may send, per packet (2.2.2.2; 3.1.2.11, 3.1.3.2, 3.3.2.3, ...)
    row("CONNECT every client property", Props()
                .integer(PropertyId::SessionExpiryInterval, 0xFFFFFFFF)
                .integer(PropertyId::ReceiveMaximum, 1)
                .integer(PropertyId::MaximumPacketSize, 1)
                .integer(PropertyId::TopicAliasMaximum, 0)
                .integer(PropertyId::RequestResponseInformation, 1)
                .integer(PropertyId::RequestProblemInformation, 0)
                .user("k", "v").user("k", "v")
                .string(PropertyId::AuthenticationMethod, "SCRAM")
                .binary(PropertyId::AuthenticationData, hex("01")),
        CONNECT, false, QString());
    row("CONNECT Receive Maximum 65535", Props().integer(PropertyId::ReceiveMaximum, 65535), CONNECT, false, QString());
    row("will every will property", Props()
                .integer(PropertyId::WillDelayInterval, 10)
                .integer(PropertyId::PayloadFormatIndicator, 1)
                .integer(PropertyId::MessageExpiryInterval, 0)
                .string(PropertyId::ContentType, "text/plain")
                .string(PropertyId::ResponseTopic, "reply/to")
                .binary(PropertyId::CorrelationData, hex("00"))
                .user("a", "b"),
        CONNECT, true, QString());
    row("PUBLISH every client property", Props()
                .integer(PropertyId::PayloadFormatIndicator, 0)
                .integer(PropertyId::MessageExpiryInterval, 60)
                .integer(PropertyId::TopicAlias, 65535)
                .string(PropertyId::ResponseTopic, "r/1")
                .binary(PropertyId::CorrelationData, hex("AB"))
                .string(PropertyId::ContentType, "")
                .user("a", "b"),
        PUBLISH, false, QString());
    row("SUBSCRIBE Subscription Identifier 268435455 and a user property",
        Props().subscriptionId(268435455).user("a", "b"), SUBSCRIBE, false, QString());
    row("UNSUBSCRIBE user property", Props().user("a", "b"), UNSUBSCRIBE, false, QString());
    for (const int t : { PUBACK, PUBREC, PUBREL, PUBCOMP }) {
        QTest::addRow("%s reason string and user property", packetTypeName(PacketType(t)))
                << MqttProperties(Props().string(PropertyId::ReasonString, "why").user("a", "b")) << t << false
                << QString();
    }
    row("DISCONNECT session expiry, reason string, user property",
        Props().integer(PropertyId::SessionExpiryInterval, 0).string(PropertyId::ReasonString, "bye").user("a", "b"),
        DISCONNECT, false, QString());
    row("AUTH method, data, reason string", Props()
                .string(PropertyId::AuthenticationMethod, "SCRAM")
                .binary(PropertyId::AuthenticationData, hex("01 02"))
                .string(PropertyId::ReasonString, "r"),
        AUTH, false, QString());
    row("no properties in CONNECT", MqttProperties(), CONNECT, false, QString());
    row("no properties in PINGREQ", MqttProperties(), PINGREQ, false, QString());

    // Value rules
    row("Receive Maximum 0 (3.1.2.11.3)", Props().integer(PropertyId::ReceiveMaximum, 0), CONNECT, false,
        str("ReceiveMaximum must be 1..65535, got 0"));
    row("Maximum Packet Size 0 (3.1.2.11.4)", Props().integer(PropertyId::MaximumPacketSize, 0), CONNECT, false,
        str("MaximumPacketSize must not be 0"));
    row("Request Problem Information 2 (3.1.2.11.7)", Props().integer(PropertyId::RequestProblemInformation, 2),
        CONNECT, false, str("RequestProblemInformation must be 0 or 1, got 2"));
    row("Request Response Information 255 (3.1.2.11.6)",
        Props().integer(PropertyId::RequestResponseInformation, 255), CONNECT, false,
        str("RequestResponseInformation must be 0 or 1, got 255"));
    row("Payload Format Indicator 2 in PUBLISH (3.3.2.3.2)", Props().integer(PropertyId::PayloadFormatIndicator, 2),
        PUBLISH, false, str("PayloadFormatIndicator must be 0 or 1, got 2"));
    row("Payload Format Indicator 3 in the will (3.1.3.2.3)", Props().integer(PropertyId::PayloadFormatIndicator, 3),
        CONNECT, true, str("PayloadFormatIndicator must be 0 or 1, got 3"));
    row("Topic Alias 0 [MQTT-3.3.2-8]", Props().integer(PropertyId::TopicAlias, 0), PUBLISH, false,
        str("TopicAlias must be 1..65535, got 0"));

    // Where a property may appear (2.2.2.2) and how often
    row("Topic Alias in CONNECT", Props().integer(PropertyId::TopicAlias, 1), CONNECT, false,
        str("TopicAlias is not allowed in CONNECT"));
    row("Topic Alias in the will", Props().integer(PropertyId::TopicAlias, 1), CONNECT, true,
        str("TopicAlias is not allowed in will properties"));
    row("Will Delay Interval in CONNECT", Props().integer(PropertyId::WillDelayInterval, 1), CONNECT, false,
        str("WillDelayInterval is not allowed in CONNECT"));
    row("Session Expiry Interval in the will", Props().integer(PropertyId::SessionExpiryInterval, 1), CONNECT, true,
        str("SessionExpiryInterval is not allowed in will properties"));
    row("Will Delay Interval in PUBLISH", Props().integer(PropertyId::WillDelayInterval, 1), PUBLISH, false,
        str("WillDelayInterval is not allowed in PUBLISH"));
    row("Reason String in CONNECT", Props().string(PropertyId::ReasonString, "r"), CONNECT, false,
        str("ReasonString is not allowed in CONNECT"));
    row("Reason String in SUBSCRIBE", Props().string(PropertyId::ReasonString, "r"), SUBSCRIBE, false,
        str("ReasonString is not allowed in SUBSCRIBE"));
    row("Server Keep Alive in CONNECT (CONNACK only)", Props().integer(PropertyId::ServerKeepAlive, 5), CONNECT, false,
        str("ServerKeepAlive is not allowed in CONNECT"));
    row("Maximum QoS in CONNECT (CONNACK only)", Props().integer(PropertyId::MaximumQoS, 1), CONNECT, false,
        str("MaximumQoS is not allowed in CONNECT"));
    row("Assigned Client Identifier in CONNECT", Props().string(PropertyId::AssignedClientIdentifier, "a"), CONNECT,
        false, str("AssignedClientIdentifier is not allowed in CONNECT"));
    row("Session Expiry Interval in PUBACK", Props().integer(PropertyId::SessionExpiryInterval, 1), PUBACK, false,
        str("SessionExpiryInterval is not allowed in PUBACK"));
    row("Receive Maximum in DISCONNECT", Props().integer(PropertyId::ReceiveMaximum, 1), DISCONNECT, false,
        str("ReceiveMaximum is not allowed in DISCONNECT"));
    row("Authentication Method in DISCONNECT", Props().string(PropertyId::AuthenticationMethod, "m"), DISCONNECT,
        false, str("AuthenticationMethod is not allowed in DISCONNECT"));
    row("Session Expiry Interval in AUTH", Props().string(PropertyId::AuthenticationMethod, "m")
                                                 .integer(PropertyId::SessionExpiryInterval, 1),
        AUTH, false, str("SessionExpiryInterval is not allowed in AUTH"));
    row("Subscription Identifier in UNSUBSCRIBE", Props().subscriptionId(1), UNSUBSCRIBE, false,
        str("SubscriptionIdentifier is not allowed in UNSUBSCRIBE"));
    row("Subscription Identifier twice in SUBSCRIBE (3.8.2.1.2)", Props().subscriptionId(1).subscriptionId(2),
        SUBSCRIBE, false, str("SubscriptionIdentifier may appear only once in SUBSCRIBE"));
    row("Subscription Identifier in a client's PUBLISH [MQTT-3.3.4-6]", Props().subscriptionId(1), PUBLISH, false,
        str("SubscriptionIdentifier must not be sent by a client in PUBLISH"));

    // Strings [MQTT-1.5.4-1] [MQTT-1.5.4-2]
    row("Content Type with U+0000", with(PropertyId::ContentType, str("a") + QChar(0) + str("b")), PUBLISH, false,
        str("ContentType contains U+0000 (the null character) at position 1, which MQTT strings may not hold"));
    row("Reason String with a lone surrogate", with(PropertyId::ReasonString, QString(QChar(0xDC00))), PUBACK,
        false, str("ReasonString contains U+DC00 (an unpaired UTF-16 surrogate) at position 0, which MQTT strings may not hold"));
    // Control characters and noncharacters: MQTT says they should not be sent (1.5.4), and
    // mosquitto closes the connection for them in any string, user properties included.
    row("Content Type with an escape", with(PropertyId::ContentType, str("text/\x1b")), PUBLISH, false,
        str("ContentType contains U+001B (a control character) at position 5, which MQTT strings may not hold"));
    row("Reason String with U+FFFF", with(PropertyId::ReasonString, str("ok") + QChar(0xFFFF)), PUBACK, false,
        str("ReasonString contains U+FFFF (a noncharacter) at position 2, which MQTT strings may not hold"));
    {
        MqttProperties p;
        p.addUserProperty(QString(QChar(0xD800)), str("v"));
        row("User Property name with a lone surrogate", p, SUBSCRIBE, false,
            str("UserProperty name contains U+D800 (an unpaired UTF-16 surrogate) at position 0, which MQTT strings may not hold"));
        MqttProperties q;
        q.addUserProperty(str("n"), QString(QChar(0)));
        row("User Property value with U+0000", q, CONNECT, true,
            str("UserProperty value contains U+0000 (the null character) at position 0, which MQTT strings may not hold"));
        MqttProperties t;
        t.addUserProperty(str("n"), str("a\tb"));
        row("User Property value with a tab", t, PUBLISH, false,
            str("UserProperty value contains U+0009 (a control character) at position 1, which MQTT strings may not hold"));
    }

    // Response Topic is a topic name: [MQTT-3.3.2-14] no wildcards, [MQTT-4.7.3-1] not empty
    row("Response Topic with #", Props().string(PropertyId::ResponseTopic, "r/#"), PUBLISH, false,
        str("ResponseTopic must not contain the wildcards + or #"));
    row("Response Topic with + in the will", Props().string(PropertyId::ResponseTopic, "+/r"), CONNECT, true,
        str("ResponseTopic must not contain the wildcards + or #"));
    row("empty Response Topic", Props().string(PropertyId::ResponseTopic, ""), PUBLISH, false,
        str("ResponseTopic must not be empty"));

    // Authentication (3.1.2.11.9, 3.1.2.11.10, 3.15.2.2.2)
    row("Authentication Data without Method in CONNECT", Props().binary(PropertyId::AuthenticationData, hex("01")),
        CONNECT, false, str("AuthenticationData requires AuthenticationMethod in CONNECT"));
    row("AUTH without Authentication Method", Props().string(PropertyId::ReasonString, "r"), AUTH, false,
        str("AuthenticationMethod is required in AUTH"));
    row("AUTH without any property", MqttProperties(), AUTH, false, str("AuthenticationMethod is required in AUTH"));

    // Packets a client does not send, or that carry no properties
    row("CONNACK", MqttProperties(), CONNACK, false, str("CONNACK is not sent by a client"));
    row("SUBACK", Props().string(PropertyId::ReasonString, "r"), SUBACK, false, str("SUBACK is not sent by a client"));
    row("UNSUBACK", MqttProperties(), UNSUBACK, false, str("UNSUBACK is not sent by a client"));
    row("PINGREQ with a user property", Props().user("a", "b"), PINGREQ, false, str("PINGREQ carries no properties"));
    row("PINGRESP with a user property", Props().user("a", "b"), PINGRESP, false, str("PINGRESP carries no properties"));
}

void tst_Codec::checkPropertiesNamesPropertyAndRule()
{
    QFETCH(MqttProperties, props);
    QFETCH(int, type);
    QFETCH(bool, isWill);
    QFETCH(QString, expected);
    QCOMPARE(checkProperties(props, PacketType(type), isWill), expected);
}

void tst_Codec::checkPropertiesAndEncoderAgree_data()
{
    checkPropertiesNamesPropertyAndRule_data();
}

void tst_Codec::checkPropertiesAndEncoderAgree()
{
    // What checkProperties() accepts, encode() accepts in that packet; what encode()
    // refuses for the properties' sake, checkProperties() refuses too (at set time).
    QFETCH(MqttProperties, props);
    QFETCH(int, type);
    QFETCH(bool, isWill);
    QFETCH(QString, expected);
    using namespace CodecVectors;
    Packet packet;
    switch (PacketType(type)) {
    case PacketType::Connect: {
        ConnectPacket c;
        c.version = ProtocolVersion::V5;
        c.clientId = str("c");
        if (isWill) {
            WillMessage w;
            w.topic = str("t");
            w.properties = props;
            c.will = w;
        } else {
            c.properties = props;
        }
        packet = c;
        break;
    }
    case PacketType::Publish:
        packet = publish("t", "x", QoS::AtLeastOnce, 1, false, false, props);
        break;
    case PacketType::Puback:
        packet = ack<PubackPacket>(1, ReasonCode::Success, props);
        break;
    case PacketType::Pubrec:
        packet = ack<PubrecPacket>(1, ReasonCode::Success, props);
        break;
    case PacketType::Pubrel:
        packet = ack<PubrelPacket>(1, ReasonCode::Success, props);
        break;
    case PacketType::Pubcomp:
        packet = ack<PubcompPacket>(1, ReasonCode::Success, props);
        break;
    case PacketType::Subscribe:
        packet = subscribe(1, { subscription("a", QoS::AtMostOnce) }, props);
        break;
    case PacketType::Unsubscribe:
        packet = unsubscribe(1, { str("a") }, props);
        break;
    case PacketType::Disconnect:
        packet = disconnectPacket(ReasonCode::NormalDisconnection, props);
        break;
    case PacketType::Auth:
        packet = authPacket(ReasonCode::ContinueAuthentication, props);
        break;
    default:
        QSKIP("not a packet a client sends with properties");
    }
    QByteArray out;
    const EncodeError err = encode(packet, ProtocolVersion::V5, out);
    if (expected.isEmpty()) {
        QCOMPARE(errorName(err), errorName(EncodeError::None));
        const DecodeResult r = decodePacket(out.constData(), out.size(), optionsFor(ProtocolVersion::V5));
        QVERIFY2(r.status == DecodeStatus::Packet, qPrintable(r.error.reason));
    } else if (err != EncodeError::None) {
        QVERIFY(err == EncodeError::PropertyNotAllowed || err == EncodeError::InvalidPropertyValue
                || err == EncodeError::InvalidField); // InvalidField: U+0000 or a lone surrogate
    }
    // else: a rule on client-sent packets only, which the encoder (it also encodes
    // server packets) does not apply.
}

QTEST_GUILESS_MAIN(tst_Codec)

#include "tst_codec.moc"
