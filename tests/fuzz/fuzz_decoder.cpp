// Copyright (C) 2026 The MqttQt authors.
// SPDX-License-Identifier: BSD-3-Clause

// libFuzzer target for the MQTT codec.
//
// Input: byte 0 picks the protocol version (value % 3: 3.1, 3.1.1, 5.0) and the maximum
// packet size ((value / 3) % 4); byte 1 picks where the rest is split for the stream
// decoder; the rest is the byte stream. Besides the sanitizers' own checks, it aborts when
//  - a decoded packet cannot be encoded again, or encodes to bytes that do not decode to
//    an equal packet, or encodes differently twice (round trip);
//  - encodedSize() disagrees with encode();
//  - the stream decoder gives different results for the same bytes split differently, or
//    differs from decodePacket() on the packets it frames;
//  - a refusal carries a reason code other than those the codec may give;
//  - validateUtf8() (which scans ASCII eight bytes at a time) disagrees with a plain
//    byte-by-byte reading of Unicode's well-formed UTF-8 (Table 3-7).

#include "codec_compare.h"
#include "codec/mqttutf8_p.h"

#include <cstdint>
#include <cstdio>
#include <cstdlib>

using namespace MqttCodec;
using Mqtt::ProtocolVersion;
using Mqtt::ReasonCode;

namespace {

[[noreturn]] void fail(const char *what, const QString &detail)
{
    std::fprintf(stderr, "fuzz_decoder failure: %s: %s\n", what, detail.toLocal8Bit().constData());
    std::abort();
}

void checkError(const DecodeError &e)
{
    switch (e.reasonCode) {
    case ReasonCode::MalformedPacket:
    case ReasonCode::ProtocolError:
    case ReasonCode::PacketTooLarge:
    case ReasonCode::UnsupportedProtocolVersion:
        break;
    default:
        fail("unexpected reason code", e.reason);
    }
    if (e.reason.isEmpty())
        fail("refusal without a reason", QString());
}

void roundTrip(const Packet &packet, ProtocolVersion version)
{
    QByteArray bytes;
    const EncodeError err = encode(packet, version, bytes);
    if (err != EncodeError::None)
        fail("a decoded packet does not encode", QString::fromLatin1(encodeErrorString(err)));
    EncodeError sizeErr = EncodeError::InvalidField;
    if (encodedSize(packet, version, &sizeErr) != bytes.size() || sizeErr != EncodeError::None)
        fail("encodedSize() disagrees with encode()", QString::number(bytes.size()));

    // The re-encoding may be longer than the input (AUTH gains a property length), so it
    // is decoded without the input's size limit.
    DecodeOptions options;
    options.version = version;
    const DecodeResult again = decodePacket(bytes.constData(), bytes.size(), options);
    if (again.status != DecodeStatus::Packet)
        fail("a re-encoded packet does not decode", again.error.reason);
    const QString diff = CodecCompare::packetDifference(packet, again.packet);
    if (!diff.isEmpty())
        fail("round trip changed the packet", diff);

    QByteArray twice;
    if (encode(again.packet, version, twice) != EncodeError::None || twice != bytes)
        fail("encoding is not stable", QString::fromLatin1(bytes.toHex(' ')));

    if (const auto *p = std::get_if<PublishPacket>(&packet)) {
        QByteArray fast;
        if (encode(*p, version, fast) != EncodeError::None || fast != bytes)
            fail("encode(PublishPacket) differs from encode(Packet)", QString::fromLatin1(bytes.toHex(' ')));
        if (encodedPublishSize(*p, version) != bytes.size())
            fail("encodedPublishSize() disagrees with encode()", QString::number(bytes.size()));
    }
}

// The reference: one code point at a time, no shortcuts.
Utf8Status referenceUtf8(const uchar *p, qsizetype n)
{
    qsizetype i = 0;
    while (i < n) {
        const uchar c = p[i];
        if (c == 0)
            return Utf8Status::NullChar;
        if (c < 0x80) {
            ++i;
            continue;
        }
        qsizetype len;
        quint32 cp, min;
        if ((c & 0xE0) == 0xC0) {
            len = 2, cp = c & 0x1F, min = 0x80;
        } else if ((c & 0xF0) == 0xE0) {
            len = 3, cp = c & 0x0F, min = 0x800;
        } else if ((c & 0xF8) == 0xF0) {
            len = 4, cp = c & 0x07, min = 0x10000;
        } else {
            return Utf8Status::Invalid;
        }
        if (n - i < len)
            return Utf8Status::Invalid;
        for (qsizetype k = 1; k < len; ++k) {
            if ((p[i + k] & 0xC0) != 0x80)
                return Utf8Status::Invalid;
            cp = (cp << 6) | (p[i + k] & 0x3F);
        }
        if (cp < min || cp > 0x10FFFF)
            return Utf8Status::Invalid;
        if (cp >= 0xD800 && cp <= 0xDFFF)
            return Utf8Status::Surrogate;
        i += len;
    }
    return Utf8Status::Valid;
}

void checkUtf8(const char *data, qsizetype n)
{
    const Utf8Status fast = validateUtf8(data, n);
    const Utf8Status slow = referenceUtf8(reinterpret_cast<const uchar *>(data), n);
    if (fast != slow) {
        fail("validateUtf8() disagrees with the reference",
             QStringLiteral("%1 vs %2 for ").arg(int(fast)).arg(int(slow))
                     + QString::fromLatin1(QByteArray(data, n).toHex(' ')));
    }
}

struct StreamOutcome
{
    QList<Packet> packets;
    DecodeStatus last = DecodeStatus::NeedMore;
    DecodeError error;
    qsizetype buffered = 0;
};

void drain(StreamDecoder &decoder, StreamOutcome &out)
{
    for (;;) {
        DecodeResult r = decoder.next();
        if (r.status == DecodeStatus::Packet) {
            out.packets.append(std::move(r.packet));
            continue;
        }
        out.last = r.status;
        out.error = r.error;
        if (r.status == DecodeStatus::Malformed) {
            const DecodeResult again = decoder.next(); // errors are sticky
            if (again.status != DecodeStatus::Malformed || again.error.reason != r.error.reason)
                fail("stream error is not sticky", r.error.reason);
        }
        break;
    }
    out.buffered = decoder.bufferedSize();
}

void compareOutcomes(const char *what, const StreamOutcome &a, const StreamOutcome &b)
{
    if (a.packets.size() != b.packets.size())
        fail(what, QStringLiteral("%1 packets vs %2").arg(a.packets.size()).arg(b.packets.size()));
    for (qsizetype i = 0; i < a.packets.size(); ++i) {
        const QString diff = CodecCompare::packetDifference(a.packets.at(i), b.packets.at(i));
        if (!diff.isEmpty())
            fail(what, diff);
    }
    if (a.last != b.last || a.error.reasonCode != b.error.reasonCode || a.error.reason != b.error.reason)
        fail(what, a.error.reason + QStringLiteral(" | ") + b.error.reason);
    if (a.last == DecodeStatus::NeedMore && a.buffered != b.buffered)
        fail(what, QStringLiteral("buffered %1 vs %2").arg(a.buffered).arg(b.buffered));
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 2)
        return 0;
    static const ProtocolVersion versions[] = { ProtocolVersion::V3_1, ProtocolVersion::V3_1_1,
                                                ProtocolVersion::V5 };
    static const quint32 maximumSizes[] = { MaxPacketSize, 1u << 20, 256, 16 };
    DecodeOptions options;
    options.version = versions[data[0] % 3];
    options.maximumPacketSize = maximumSizes[(data[0] / 3) % 4];
    const auto *bytes = reinterpret_cast<const char *>(data + 2);
    const auto n = qsizetype(size - 2);
    const qsizetype split = n * data[1] / 255;

    // 0. The UTF-8 validator on the raw bytes, whole and from the split point.
    checkUtf8(bytes, n);
    checkUtf8(bytes + split, n - split);

    // 1. The whole input as one packet.
    const DecodeResult whole = decodePacket(bytes, n, options);
    if (whole.status == DecodeStatus::Packet)
        roundTrip(whole.packet, options.version);
    else if (whole.status == DecodeStatus::Malformed)
        checkError(whole.error);
    else
        fail("decodePacket() returned NeedMore", QString());

    // 2. The input as a stream: all at once, split in two, and (for short inputs) byte by
    // byte through prepareAppend()/commitAppend() must agree.
    StreamOutcome atOnce;
    {
        StreamDecoder decoder(options);
        decoder.append(bytes, n);
        drain(decoder, atOnce);
    }
    for (const Packet &p : std::as_const(atOnce.packets))
        roundTrip(p, options.version);
    if (atOnce.last == DecodeStatus::Malformed)
        checkError(atOnce.error);

    StreamOutcome inTwo;
    {
        StreamDecoder decoder(options);
        decoder.append(bytes, split);
        drain(decoder, inTwo);
        if (inTwo.last != DecodeStatus::Malformed) {
            char *room = decoder.prepareAppend(n - split + 7);
            if (n > split)
                std::memcpy(room, bytes + split, size_t(n - split));
            decoder.commitAppend(n - split);
            drain(decoder, inTwo);
        }
    }
    compareOutcomes("split stream differs", atOnce, inTwo);

    if (n <= 512) {
        StreamOutcome byteByByte;
        StreamDecoder decoder(options);
        for (qsizetype i = 0; i < n && byteByByte.last != DecodeStatus::Malformed; ++i) {
            decoder.append(bytes + i, 1);
            drain(decoder, byteByByte);
        }
        compareOutcomes("byte-by-byte stream differs", atOnce, byteByByte);
    }

    // 3. The stream decoder against decodePacket() on each frame it would cut.
    qsizetype pos = 0;
    for (const Packet &p : std::as_const(atOnce.packets)) {
        const Frame f = readFrame(bytes + pos, n - pos, options);
        if (f.status != FrameStatus::Complete || f.totalSize > n - pos)
            fail("stream packet without a complete frame", QString::number(pos));
        const DecodeResult one = decodePacket(bytes + pos, f.totalSize, options);
        if (one.status != DecodeStatus::Packet)
            fail("decodePacket() refuses a packet the stream accepted", one.error.reason);
        const QString diff = CodecCompare::packetDifference(p, one.packet);
        if (!diff.isEmpty())
            fail("decodePacket() and the stream disagree", diff);
        pos += f.totalSize;
    }
    if (atOnce.last == DecodeStatus::NeedMore && atOnce.buffered != n - pos)
        fail("stream buffers the wrong number of bytes", QString::number(atOnce.buffered));
    return 0;
}
