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
//    byte-by-byte reading of Unicode's well-formed UTF-8 (Table 3-7);
//  - the encoder accepts a packet the decoder then refuses or reads differently: every
//    decoded packet is also mutated (reason codes, flags, lists, topics, properties,
//    client identifiers, versions; choices taken from the input's bytes) and whatever the
//    encoder accepts must decode to an equal packet, with encodedSize() agreeing on
//    acceptance and refusal alike;
//  - checkProperties() passes properties that make the encoder refuse the packet.

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
    case ReasonCode::ClientIdentifierNotValid: // MQTT 3.1 CONNECT
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

// ---- Mutations: anything the encoder accepts, the decoder must accept ------------------

// Mutation choices read from the input, cycling; all zero for an empty input.
class Choices
{
public:
    Choices(const uint8_t *data, size_t size) : m_data(data), m_size(size) { }
    quint8 next() { return m_size ? m_data[m_index++ % m_size] : 0; }
    bool flip() { return next() & 1; }

private:
    const uint8_t *m_data;
    size_t m_size;
    size_t m_index = 0;
};

QString pickString(Choices &c)
{
    switch (c.next() % 8) {
    case 0: return QString();
    case 1: return QStringLiteral("a/+");
    case 2: return QStringLiteral("#");
    case 3: return QStringLiteral("a/b#");
    case 4: return QString(QChar(0));
    case 5: return QString(QChar(0xD800));
    case 6: return QString(24, QLatin1Char('c'));
    default: return QStringLiteral("t/1");
    }
}

QByteArray pickTopicBytes(Choices &c)
{
    switch (c.next() % 6) {
    case 0: return QByteArray();
    case 1: return QByteArrayLiteral("a/+");
    case 2: return QByteArrayLiteral("x/#");
    case 3: return QByteArrayLiteral("a\xC3\x28");
    case 4: return QByteArrayLiteral("\xED\xA0\x80");
    default: return QByteArrayLiteral("t");
    }
}

void mutateProperties(MqttProperties &props, Choices &c)
{
    switch (c.next() % 8) {
    case 0:
        props.clear();
        break;
    case 1: {
        const auto id = Mqtt::PropertyId(c.next() % 0x2B);
        const quint32 value = c.flip() ? c.next() : (quint32(c.next()) << 8 | c.next());
        props.setInteger(id, value);
        break;
    }
    case 2:
        props.addUserProperty(pickString(c), pickString(c));
        break;
    case 3:
        props.addSubscriptionIdentifier(c.next());
        break;
    case 4:
        props.setString(Mqtt::PropertyId(c.next() % 0x2B), pickString(c));
        break;
    case 5:
        props.setBinary(Mqtt::PropertyId(c.next() % 0x2B), QByteArray(c.next() % 3, 'b'));
        break;
    default:
        break;
    }
}

ReasonCode pickReasonCode(Choices &c)
{
    return ReasonCode(c.next());
}

void mutateFields(ConnectPacket &p, Choices &c)
{
    switch (c.next() % 8) {
    case 0: p.version = ProtocolVersion(3 + c.next() % 4); break; // 3, 4, 5 and 6
    case 1: p.clientId = pickString(c); break;
    case 2:
        if (p.will) {
            p.will->topic = pickString(c);
            p.will->qos = Mqtt::QoS(c.next() % 4);
            mutateProperties(p.will->properties, c);
        } else {
            p.will = WillMessage{ QStringLiteral("w"), QByteArray(), Mqtt::QoS::AtMostOnce, c.flip(), {} };
        }
        break;
    case 3: p.username.reset(); break;
    case 4: p.password = QByteArray("p"); break;
    default: mutateProperties(p.properties, c); break;
    }
}

void mutateFields(ConnackPacket &p, Choices &c)
{
    p.sessionPresent = c.flip();
    if (c.flip())
        p.reasonCode = pickReasonCode(c);
    else
        mutateProperties(p.properties, c);
}

void mutateFields(PublishPacket &p, Choices &c)
{
    switch (c.next() % 6) {
    case 0: p.qos = Mqtt::QoS(c.next() % 4); break;
    case 1: p.dup = c.flip(); break;
    case 2: p.packetId = c.flip() ? 0 : c.next(); break;
    case 3: p.topic = pickTopicBytes(c); break;
    default: mutateProperties(p.properties, c); break;
    }
}

template<PacketType T>
void mutateFields(AckPacket<T> &p, Choices &c)
{
    switch (c.next() % 4) {
    case 0: p.packetId = c.flip() ? 0 : 7; break;
    case 1: mutateProperties(p.properties, c); break;
    default: p.reasonCode = pickReasonCode(c); break;
    }
}

void mutateFields(SubscribePacket &p, Choices &c)
{
    if (p.subscriptions.isEmpty() || c.next() % 5 == 0) {
        if (c.flip())
            p.subscriptions.clear();
        else
            mutateProperties(p.properties, c);
        return;
    }
    Subscription &s = p.subscriptions[c.next() % p.subscriptions.size()];
    switch (c.next() % 6) {
    case 0: s.qos = Mqtt::QoS(c.next() % 4); break;
    case 1: s.noLocal = c.flip(); break;
    case 2: s.retainAsPublished = c.flip(); break;
    case 3: s.retainHandling = Mqtt::RetainHandling(c.next() % 4); break;
    default: s.filter = pickString(c); break;
    }
}

template<typename P>
void mutateCodes(P &p, Choices &c)
{
    switch (c.next() % 4) {
    case 0: p.reasonCodes.clear(); break;
    case 1: mutateProperties(p.properties, c); break;
    default: p.reasonCodes.append(pickReasonCode(c)); break;
    }
}
void mutateFields(SubackPacket &p, Choices &c) { mutateCodes(p, c); }
void mutateFields(UnsubackPacket &p, Choices &c) { mutateCodes(p, c); }

void mutateFields(UnsubscribePacket &p, Choices &c)
{
    switch (c.next() % 3) {
    case 0: p.filters.clear(); break;
    case 1: p.filters.append(pickString(c)); break;
    default: mutateProperties(p.properties, c); break;
    }
}

void mutateFields(PingreqPacket &, Choices &) { }
void mutateFields(PingrespPacket &, Choices &) { }

void mutateFields(DisconnectPacket &p, Choices &c)
{
    if (c.flip())
        p.reasonCode = pickReasonCode(c);
    else
        mutateProperties(p.properties, c);
}

void mutateFields(AuthPacket &p, Choices &c)
{
    if (c.flip())
        p.reasonCode = pickReasonCode(c);
    else
        mutateProperties(p.properties, c);
}

bool clientSends(PacketType t)
{
    return t != PacketType::Connack && t != PacketType::Suback && t != PacketType::Unsuback
            && t != PacketType::Pingreq && t != PacketType::Pingresp;
}

// Encoder and decoder must agree on \a packet, whatever it holds.
void checkEncoderAgainstDecoder(const Packet &packet, ProtocolVersion version)
{
    QByteArray bytes;
    const EncodeError err = encode(packet, version, bytes);
    EncodeError sizeErr = EncodeError::None;
    const qsizetype size = encodedSize(packet, version, &sizeErr);
    if (sizeErr != err)
        fail("encodedSize() and encode() disagree on refusal", QString::fromLatin1(encodeErrorString(sizeErr)));
    if (const auto *p = std::get_if<PublishPacket>(&packet)) {
        QByteArray fast;
        if (encode(*p, version, fast) != err || fast != bytes)
            fail("encode(PublishPacket) and encode(Packet) disagree", QString::fromLatin1(encodeErrorString(err)));
    }
    // Whatever checkProperties() lets a client send, the encoder does not refuse for the
    // properties' sake.
    const PacketType type = packetType(packet);
    if (version == ProtocolVersion::V5 && clientSends(type)
        && (err == EncodeError::PropertyNotAllowed || err == EncodeError::InvalidPropertyValue)) {
        const MqttProperties *props = std::visit(
                [](const auto &p) -> const MqttProperties * {
                    using T = std::decay_t<decltype(p)>;
                    if constexpr (std::is_same_v<T, PingreqPacket> || std::is_same_v<T, PingrespPacket>)
                        return nullptr;
                    else
                        return &p.properties;
                },
                packet);
        const auto *connect = std::get_if<ConnectPacket>(&packet);
        const bool willOk = !connect || !connect->will
                || checkProperties(connect->will->properties, type, true).isEmpty();
        if (props && checkProperties(*props, type).isEmpty() && willOk && (!connect || connect->version == version))
            fail("checkProperties() passed properties the encoder refuses",
                 QString::fromLatin1(encodeErrorString(err)));
    }
    if (err != EncodeError::None) {
        if (!bytes.isEmpty())
            fail("a refused encode() appended bytes", QString::fromLatin1(encodeErrorString(err)));
        return;
    }
    if (size != bytes.size())
        fail("encodedSize() disagrees with encode()", QString::number(bytes.size()));
    DecodeOptions options;
    options.version = version;
    const DecodeResult r = decodePacket(bytes.constData(), bytes.size(), options);
    if (r.status != DecodeStatus::Packet)
        fail("the decoder refuses what the encoder accepted",
             r.error.reason + QStringLiteral(": ") + QString::fromLatin1(bytes.toHex(' ')));
    const QString diff = CodecCompare::packetDifference(packet, r.packet);
    if (!diff.isEmpty())
        fail("the decoder reads an encoded packet differently", diff);
}

void mutateAndCheck(const Packet &packet, ProtocolVersion version, Choices &choices)
{
    for (int round = 0; round < 4; ++round) {
        Packet m = packet;
        std::visit([&choices](auto &p) { mutateFields(p, choices); }, m);
        checkEncoderAgainstDecoder(m, version);
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
    Choices choices(data, size);
    if (whole.status == DecodeStatus::Packet) {
        roundTrip(whole.packet, options.version);
        mutateAndCheck(whole.packet, options.version, choices);
    }
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
    for (const Packet &p : std::as_const(atOnce.packets)) {
        roundTrip(p, options.version);
        if (atOnce.packets.size() <= 8)
            mutateAndCheck(p, options.version, choices);
    }
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
