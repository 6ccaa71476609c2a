// Copyright (C) 2026 The MqttQt authors.
// SPDX-License-Identifier: BSD-3-Clause
#ifndef MQTTCODEC_P_H
#define MQTTCODEC_P_H

//
//  W A R N I N G
//  -------------
// This file is not part of the MqttQt API. It exists for the implementation of
// MqttQt and may change from version to version without notice, or even be removed.
//
// The codec turns bytes into packet structs and back for MQTT 3.1, 3.1.1 and 5.0.
// It knows nothing of sockets, QObjects or time, so it can be fuzzed and tested exactly.
// Its functions are not exported: the unit tests and benchmarks link the static
// mqttqt_core_internal (src/core/CMakeLists.txt) to reach them.

#include "mqttnamespace.h"
#include "mqttproperties.h"

#include <QtCore/QByteArray>
#include <QtCore/QList>
#include <QtCore/QString>

#include <optional>
#include <variant>

namespace MqttCodec {

enum class PacketType : quint8 {
    Connect = 1,
    Connack = 2,
    Publish = 3,
    Puback = 4,
    Pubrec = 5,
    Pubrel = 6,
    Pubcomp = 7,
    Subscribe = 8,
    Suback = 9,
    Unsubscribe = 10,
    Unsuback = 11,
    Pingreq = 12,
    Pingresp = 13,
    Disconnect = 14,
    Auth = 15,
};

// Largest value of a variable byte integer, hence of a remaining length [MQTT-1.5.5].
constexpr quint32 MaxRemainingLength = 268435455;
// Largest whole packet: 1 type byte + 4 length bytes + MaxRemainingLength.
constexpr quint32 MaxPacketSize = MaxRemainingLength + 5;

struct WillMessage
{
    QString topic;
    QByteArray payload;
    Mqtt::QoS qos = Mqtt::QoS::AtMostOnce;
    bool retain = false;
    MqttProperties properties; // MQTT 5 will properties
};

struct ConnectPacket
{
    Mqtt::ProtocolVersion version = Mqtt::ProtocolVersion::V3_1_1;
    bool cleanStart = true;
    quint16 keepAlive = 60;
    QString clientId;
    std::optional<QString> username;
    std::optional<QByteArray> password;
    std::optional<WillMessage> will;
    MqttProperties properties;
};

struct ConnackPacket
{
    bool sessionPresent = false;
    // MQTT 5 reason code; for 3.x the CONNACK return code (0..5) as its number.
    Mqtt::ReasonCode reasonCode = Mqtt::ReasonCode::Success;
    MqttProperties properties;
};

struct PublishPacket
{
    QByteArray topic; // UTF-8, validated on decode; empty when a topic alias stands in
    QByteArray payload;
    Mqtt::QoS qos = Mqtt::QoS::AtMostOnce;
    bool retain = false;
    bool dup = false;
    quint16 packetId = 0; // only with QoS 1 and 2
    MqttProperties properties;
};

// PUBACK, PUBREC, PUBREL and PUBCOMP share one shape; the tag keeps them apart in Packet.
template<PacketType Type>
struct AckPacket
{
    static constexpr PacketType type = Type;
    quint16 packetId = 0;
    Mqtt::ReasonCode reasonCode = Mqtt::ReasonCode::Success; // MQTT 5 only
    MqttProperties properties;                               // MQTT 5 only
};
using PubackPacket = AckPacket<PacketType::Puback>;
using PubrecPacket = AckPacket<PacketType::Pubrec>;
using PubrelPacket = AckPacket<PacketType::Pubrel>;
using PubcompPacket = AckPacket<PacketType::Pubcomp>;

struct Subscription
{
    QString filter;
    Mqtt::QoS qos = Mqtt::QoS::AtMostOnce;
    bool noLocal = false;           // MQTT 5 only
    bool retainAsPublished = false; // MQTT 5 only
    Mqtt::RetainHandling retainHandling = Mqtt::RetainHandling::SendOnSubscribe; // MQTT 5 only

    friend bool operator==(const Subscription &a, const Subscription &b)
    {
        return a.filter == b.filter && a.qos == b.qos && a.noLocal == b.noLocal
                && a.retainAsPublished == b.retainAsPublished
                && a.retainHandling == b.retainHandling;
    }
};

struct SubscribePacket
{
    quint16 packetId = 0;
    QList<Subscription> subscriptions;
    MqttProperties properties;
};

struct SubackPacket
{
    quint16 packetId = 0;
    QList<Mqtt::ReasonCode> reasonCodes; // 3.x return codes 0, 1, 2, 0x80 fit the same enum
    MqttProperties properties;
};

struct UnsubscribePacket
{
    quint16 packetId = 0;
    QList<QString> filters;
    MqttProperties properties;
};

struct UnsubackPacket
{
    quint16 packetId = 0;
    QList<Mqtt::ReasonCode> reasonCodes; // MQTT 5 only; empty for 3.x
    MqttProperties properties;
};

struct PingreqPacket
{
};
struct PingrespPacket
{
};

struct DisconnectPacket
{
    Mqtt::ReasonCode reasonCode = Mqtt::ReasonCode::NormalDisconnection; // MQTT 5 only
    MqttProperties properties;                                          // MQTT 5 only
};

struct AuthPacket // MQTT 5 only
{
    Mqtt::ReasonCode reasonCode = Mqtt::ReasonCode::Success;
    MqttProperties properties;
};

using Packet = std::variant<ConnectPacket, ConnackPacket, PublishPacket, PubackPacket,
                            PubrecPacket, PubrelPacket, PubcompPacket, SubscribePacket,
                            SubackPacket, UnsubscribePacket, UnsubackPacket, PingreqPacket,
                            PingrespPacket, DisconnectPacket, AuthPacket>;

PacketType packetType(const Packet &packet);
const char *packetTypeName(PacketType type);

// ---- Decoding ----------------------------------------------------------------------

struct DecodeError
{
    // What a client sends in its MQTT 5 DISCONNECT: MalformedPacket, ProtocolError or
    // PacketTooLarge. A CONNECT (decoded by a server) may also be refused with
    // UnsupportedProtocolVersion or ClientIdentifierNotValid (MQTT 3.1, 1 to 23 bytes),
    // which a server answers with a CONNACK, not a DISCONNECT.
    Mqtt::ReasonCode reasonCode = Mqtt::ReasonCode::MalformedPacket;
    // A specific English sentence, e.g. "PUBLISH topic name contains a wildcard".
    QString reason;
};

struct DecodeOptions
{
    // Version used for every packet but CONNECT, which names its own.
    Mqtt::ProtocolVersion version = Mqtt::ProtocolVersion::V3_1_1;
    // Largest whole packet accepted (fixed header included), checked before allocating.
    quint32 maximumPacketSize = MaxPacketSize;
};

enum class DecodeStatus : quint8 {
    NeedMore,  // no whole packet yet: append more bytes
    Packet,    // one packet decoded
    Malformed, // the stream is broken; every later call repeats the error
};

struct DecodeResult
{
    DecodeStatus status = DecodeStatus::NeedMore;
    Packet packet;
    DecodeError error;
};

// Decodes exactly one whole packet from \a data (fixed header included). Anything but
// exactly one packet, to the byte, is malformed.
DecodeResult decodePacket(const char *data, qsizetype size,
                                             const DecodeOptions &options);

// decodePacket() that, for a PUBLISH and with \a payloadOffset set, leaves the payload
// empty and stores its offset in \a data instead (the caller supplies the payload).
DecodeResult decodePacketImpl(const char *data, qsizetype size, const DecodeOptions &options,
                              qsizetype *payloadOffset);

// Result of reading a fixed header: the packet's total size once known.
enum class FrameStatus : quint8 { NeedMore, Complete, Malformed };
struct Frame
{
    FrameStatus status = FrameStatus::NeedMore;
    qsizetype headerSize = 0; // type byte + length bytes
    qsizetype totalSize = 0;  // headerSize + remaining length
    DecodeError error;
};
// Reads the fixed header at \a data without looking past \a size bytes. The first byte
// is judged alone, as soon as it is there: packet type 0, AUTH under MQTT 3, reserved
// flag bits and PUBLISH QoS 3 or DUP with QoS 0 are Malformed before any length byte is
// read, so no caller waits for or reserves room for the body of such a packet.
Frame readFrame(const char *data, qsizetype size, const DecodeOptions &options);

// An incremental decoder over a byte stream. Bytes are appended at the back and packets
// consumed from the front without moving the rest per packet: the buffer is compacted
// only when the consumed part is at least half of it, so decoding is linear in the
// stream's size however it is split.
//
// A large PUBLISH (LargePayload bytes or more) whose head (fixed and variable header) has
// arrived before the rest is read in two parts: the head is decoded at once and its
// payload is read straight into a buffer of its own, which becomes the packet's payload
// without a copy. A payload buffer the caller is done with can be given back with
// recycle(), and the next large payload is read into it instead of into new memory.
class StreamDecoder
{
public:
    // Packets of this size or larger are read with their payload in a buffer of its own.
    static constexpr qsizetype LargePayload = 64 * 1024;

    explicit StreamDecoder(const DecodeOptions &options = {});

    void setOptions(const DecodeOptions &options) { m_options = options; }
    const DecodeOptions &options() const { return m_options; }

    void append(const char *data, qsizetype size);
    void append(const QByteArray &data) { append(data.constData(), data.size()); }
    // Zero-copy fill: returns room for \a size bytes at the back; commit what was written.
    // While a large payload is being read, room of at most readHint() bytes is inside the
    // payload's own buffer; a larger request gets room in the stream buffer and the
    // payload's share of it is moved over on commit.
    char *prepareAppend(qsizetype size);
    void commitAppend(qsizetype written);

    DecodeResult next();

    // How many bytes to read next: the rest of a large packet whose room is already
    // reserved (so the read neither overshoots into a regrowth nor leaves a tail behind
    // it), while a large payload is read never more than its rest, otherwise \a chunk.
    qsizetype readHint(qsizetype chunk) const;

    // Gives back the payload of a decoded packet once nothing else refers to it: a buffer
    // of at least LargePayload bytes that is not shared is kept (one, the largest) and the
    // next large payload is read into it. Anything else is simply released.
    void recycle(QByteArray &&payload);
    // Releases the kept buffer unless a large payload took it or was recycled since the
    // previous call (call it now and then, e.g. from a keepalive timer, so an idle
    // connection does not keep the memory of its last large message).
    void releaseIdleSpare();
    // Room held by the buffer recycle() kept (0 if none).
    qsizetype spareCapacity() const { return m_spare.capacity(); }

    // Bytes buffered but not yet returned as packets: with a large payload being read,
    // its packet's head (decoded already) counts as well as the payload so far.
    qsizetype bufferedSize() const
    {
        const qsizetype large = m_payloadSize >= 0 ? m_packetSize - m_payloadSize + m_payload.size() : 0;
        return m_buffer.size() - m_pos + large;
    }
    // Room allocated for the buffers (tests check that a refused header reserved nothing).
    qsizetype bufferCapacity() const { return m_buffer.capacity() + m_payload.capacity(); }
    // Frees the stream buffer's memory if nothing is buffered in it (prepareAppend()
    // leaves room for a whole read chunk, which an idle connection need not keep).
    void releaseEmptyBuffer();
    // True if the stream buffer holds memory but no bytes (what releaseEmptyBuffer() frees).
    bool holdsEmptyBuffer() const { return m_buffer.capacity() > 0 && m_pos == m_buffer.size() && m_pending == 0; }
    // Drops everything buffered, the kept buffer and any sticky error (for a new connection).
    void reset();

private:
    void compact();
    bool startLargePayload(const Frame &frame);
    void reservePayload();
    void moveToPayload(qsizetype from);

    DecodeOptions m_options;
    QByteArray m_buffer;
    qsizetype m_pos = 0;
    qsizetype m_pending = 0; // size reserved by prepareAppend()
    bool m_pendingInPayload = false; // that room is in m_payload
    // A large PUBLISH being read: its decoded head, its payload so far, its full size
    // (-1: none), and what the whole packet counts against the reserve rule.
    std::optional<PublishPacket> m_head;
    QByteArray m_payload;
    qsizetype m_payloadSize = -1;
    qsizetype m_packetSize = 0;
    QByteArray m_spare;
    bool m_spareTouched = false;
    std::optional<DecodeError> m_error;
};

// ---- Encoding ----------------------------------------------------------------------

enum class EncodeError : quint8 {
    None,
    StringTooLong,          // a string or binary field over 65,535 bytes
    PacketTooLarge,         // remaining length over 268,435,455
    PropertyNotAllowed,     // a property this packet may not carry, or may not repeat
    InvalidField,           // e.g. packet id 0 with QoS > 0, QoS 3, U+0000 in a string
    InvalidPropertyValue,   // e.g. Receive Maximum 0, Payload Format Indicator 2
    ReasonCodeNotAllowed,   // a reason code this packet (in this version) may not carry
    NotInProtocolVersion,   // an MQTT 5 field, property or packet in 3.x
    InvalidTopic,           // a topic name empty or with a wildcard, or an invalid topic filter
    EmptyList,              // SUBSCRIBE, UNSUBSCRIBE, SUBACK or MQTT 5 UNSUBACK with no entries
    InvalidClientIdentifier, // MQTT 3.1: the client identifier must be 1 to 23 bytes
};
const char *encodeErrorString(EncodeError error);

// Appends the encoded packet to \a out. On error nothing is appended. \a version is the
// protocol of the connection (CONNECT uses its own).
EncodeError encode(const Packet &packet, Mqtt::ProtocolVersion version,
                                      QByteArray &out);
EncodeError encode(const PublishPacket &packet, Mqtt::ProtocolVersion version,
                                      QByteArray &out);
// Everything of the PUBLISH but its payload bytes (the remaining length counts them):
// the caller sends the payload as it is, without copying it into \a out.
EncodeError encodeWithoutPayload(const PublishPacket &packet,
                                                    Mqtt::ProtocolVersion version, QByteArray &out);

// Size of the encoded packet, or -1 with \a error set if it cannot be encoded. Used to
// check a server's Maximum Packet Size before queuing a message.
qsizetype encodedSize(const Packet &packet, Mqtt::ProtocolVersion version,
                                         EncodeError *error = nullptr);

// Size of an encoded PUBLISH without building a Packet; the packet id's value does not
// matter (a queued message gets its id later), everything else is checked as by encode().
qsizetype encodedPublishSize(const PublishPacket &packet,
                                                Mqtt::ProtocolVersion version,
                                                EncodeError *error = nullptr);

// Whether property \a id may appear in a packet of \a type (will properties: isWill).
bool propertyAllowed(Mqtt::PropertyId id, PacketType type, bool isWill = false);

// Whether \a reasonCode may appear in a packet of \a type (the spec's per-packet tables;
// with MQTT 3.x only the codes that version has).
bool isReasonCodeAllowed(PacketType type, Mqtt::ProtocolVersion version, Mqtt::ReasonCode reasonCode);

// The name of property \a id ("ContentType"), or "property 0x.." for an unknown id.
QString propertyName(Mqtt::PropertyId id);

// Checks properties a client is about to send in a packet of \a type (with \a isWill,
// the will properties of CONNECT) against every rule MQTT 5 puts on them: where each
// property may appear and how often, the value ranges, UTF-8 strings and lengths, and the
// rules on client-sent packets (no Subscription Identifier in PUBLISH [MQTT-3.3.4-6],
// Authentication Data only with an Authentication Method, AUTH names its method, a
// Response Topic is a topic name). Returns an empty string if they may be sent, else one
// English sentence naming the property and the rule, e.g. "ReceiveMaximum must be
// 1..65535, got 0". Whatever passes here, encode() accepts in that packet (MQTT 5); the
// encoder, which also encodes server packets, applies the same checks but for the
// client-only rules. Rules that need the connection's state (a Topic Alias above the
// server's maximum, a DISCONNECT Session Expiry Interval after a CONNECT with 0) are the
// session's. CONNACK, SUBACK and UNSUBACK are refused as not sent by a client; PINGREQ
// and PINGRESP carry no properties.
QString checkProperties(const MqttProperties &props, PacketType type,
                                           bool isWill = false);

} // namespace MqttCodec

#endif // MQTTCODEC_P_H
