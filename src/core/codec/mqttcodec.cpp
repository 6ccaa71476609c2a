// Copyright (C) 2026 The MqttQt authors.
// SPDX-License-Identifier: BSD-3-Clause
#include "mqttcodec_p.h"
#include "mqttutf8_p.h"
#include "mqttproperties_p.h"
#include "mqtttopic_p.h"

#include <QtCore/QMetaEnum>
#include <QtCore/QStringDecoder>

#include <algorithm>
#include <cstring>
#include <utility>

using Mqtt::PropertyId;
using Mqtt::PropertyType;
using Mqtt::ProtocolVersion;
using Mqtt::ReasonCode;

namespace MqttCodec {

namespace {

constexpr quint32 WillBit = 1u << 16; // "may appear in will properties" in the allow masks

constexpr quint32 bit(PacketType t)
{
    return 1u << quint8(t);
}

// Which packets each property may appear in (spec 2.2.2.2, table of properties).
quint32 allowedMask(PropertyId id)
{
    switch (id) {
    case PropertyId::PayloadFormatIndicator:
    case PropertyId::MessageExpiryInterval:
    case PropertyId::ContentType:
    case PropertyId::ResponseTopic:
    case PropertyId::CorrelationData:
        return bit(PacketType::Publish) | WillBit;
    case PropertyId::SubscriptionIdentifier:
        return bit(PacketType::Publish) | bit(PacketType::Subscribe);
    case PropertyId::SessionExpiryInterval:
        return bit(PacketType::Connect) | bit(PacketType::Connack) | bit(PacketType::Disconnect);
    case PropertyId::AssignedClientIdentifier:
    case PropertyId::ServerKeepAlive:
    case PropertyId::ResponseInformation:
    case PropertyId::MaximumQoS:
    case PropertyId::RetainAvailable:
    case PropertyId::WildcardSubscriptionAvailable:
    case PropertyId::SubscriptionIdentifierAvailable:
    case PropertyId::SharedSubscriptionAvailable:
        return bit(PacketType::Connack);
    case PropertyId::AuthenticationMethod:
    case PropertyId::AuthenticationData:
        return bit(PacketType::Connect) | bit(PacketType::Connack) | bit(PacketType::Auth);
    case PropertyId::RequestProblemInformation:
    case PropertyId::RequestResponseInformation:
        return bit(PacketType::Connect);
    case PropertyId::WillDelayInterval:
        return WillBit;
    case PropertyId::ServerReference:
        return bit(PacketType::Connack) | bit(PacketType::Disconnect);
    case PropertyId::ReasonString:
        return bit(PacketType::Connack) | bit(PacketType::Puback) | bit(PacketType::Pubrec)
                | bit(PacketType::Pubrel) | bit(PacketType::Pubcomp) | bit(PacketType::Suback)
                | bit(PacketType::Unsuback) | bit(PacketType::Disconnect) | bit(PacketType::Auth);
    case PropertyId::ReceiveMaximum:
    case PropertyId::TopicAliasMaximum:
    case PropertyId::MaximumPacketSize:
        return bit(PacketType::Connect) | bit(PacketType::Connack);
    case PropertyId::TopicAlias:
        return bit(PacketType::Publish);
    case PropertyId::UserProperty:
        // Every packet that has properties: all but PINGREQ and PINGRESP, and wills.
        return (0xFFFEu & ~(bit(PacketType::Pingreq) | bit(PacketType::Pingresp))) | WillBit;
    }
    return 0;
}

// Properties whose value is restricted beyond its type; a violation is a Protocol Error.
bool propertyValueValid(PropertyId id, quint32 v)
{
    switch (Mqtt::propertyType(id)) {
    case PropertyType::Byte: // every one a 0/1 flag (Maximum QoS too: 2 is expressed by absence)
        return v <= 1;
    case PropertyType::TwoByteInteger:
        if (v > 0xFFFF)
            return false;
        break;
    case PropertyType::VariableByteInteger:
        if (v > MaxRemainingLength)
            return false;
        break;
    default:
        break;
    }
    switch (id) {
    case PropertyId::ReceiveMaximum:      // 0 is a Protocol Error (3.1.2.11.3, 3.2.2.3.3)
    case PropertyId::MaximumPacketSize:   // 0 is a Protocol Error
    case PropertyId::TopicAlias:          // [MQTT-3.3.2-8] 0 is not permitted
    case PropertyId::SubscriptionIdentifier: // 0 is a Protocol Error
        return v != 0;
    default:
        return true;
    }
}

bool reasonCodeAllowed(PacketType type, ProtocolVersion version, quint8 rc)
{
    if (version != ProtocolVersion::V5) {
        switch (type) {
        case PacketType::Connack: // 3.1 and 3.1.1: return codes 0 to 5
            return rc <= 5;
        case PacketType::Suback:
            // 3.1: granted QoS 0, 1 or 2 only; 3.1.1 added 0x80 Failure [MQTT-3.9.3-2]
            return rc <= 2 || (rc == 0x80 && version == ProtocolVersion::V3_1_1);
        default:
            return false;
        }
    }
    switch (type) {
    case PacketType::Connack:
        switch (rc) {
        case 0x00: case 0x80: case 0x81: case 0x82: case 0x83: case 0x84: case 0x85:
        case 0x86: case 0x87: case 0x88: case 0x89: case 0x8A: case 0x8C: case 0x90:
        case 0x95: case 0x97: case 0x99: case 0x9A: case 0x9B: case 0x9C: case 0x9D:
        case 0x9F:
            return true;
        }
        return false;
    case PacketType::Puback:
    case PacketType::Pubrec:
        switch (rc) {
        case 0x00: case 0x10: case 0x80: case 0x83: case 0x87: case 0x90: case 0x91:
        case 0x97: case 0x99:
            return true;
        }
        return false;
    case PacketType::Pubrel:
    case PacketType::Pubcomp:
        return rc == 0x00 || rc == 0x92;
    case PacketType::Suback:
        switch (rc) {
        case 0x00: case 0x01: case 0x02: case 0x80: case 0x83: case 0x87: case 0x8F:
        case 0x91: case 0x97: case 0x9E: case 0xA1: case 0xA2:
            return true;
        }
        return false;
    case PacketType::Unsuback:
        switch (rc) {
        case 0x00: case 0x11: case 0x80: case 0x83: case 0x87: case 0x8F: case 0x91:
            return true;
        }
        return false;
    case PacketType::Disconnect:
        switch (rc) {
        case 0x00: case 0x04: case 0x80: case 0x81: case 0x82: case 0x83: case 0x87:
        case 0x89: case 0x8B: case 0x8D: case 0x8E: case 0x8F: case 0x90: case 0x93:
        case 0x94: case 0x95: case 0x96: case 0x97: case 0x98: case 0x99: case 0x9A:
        case 0x9B: case 0x9C: case 0x9D: case 0x9E: case 0x9F: case 0xA0: case 0xA1:
        case 0xA2:
            return true;
        }
        return false;
    case PacketType::Auth:
        return rc == 0x00 || rc == 0x18 || rc == 0x19;
    default:
        return false;
    }
}

QString hex2(quint32 v)
{
    return QStringLiteral("0x%1").arg(v, 2, 16, QLatin1Char('0'));
}

// ---- Reading -------------------------------------------------------------------------

// Bounds-checked reader over one packet. Every read checks what is left; the first
// failure is kept and later reads fail too, so callers can chain reads and test once.
class Reader
{
public:
    Reader(const char *data, qsizetype size, const char *packetName)
        : m_p(reinterpret_cast<const uchar *>(data)),
          m_end(m_p + size),
          m_packet(packetName)
    {
    }

    qsizetype remaining() const { return m_end - m_p; }
    bool atEnd() const { return m_p == m_end; }
    bool failed() const { return m_error.has_value(); }
    const DecodeError &error() const { return *m_error; }
    const uchar *position() const { return m_p; }
    const char *packetName() const { return m_packet; }

    bool fail(ReasonCode rc, const QString &why)
    {
        if (!m_error)
            m_error = DecodeError{ rc, QLatin1String(m_packet) + QLatin1Char(' ') + why };
        return false;
    }
    bool malformed(const QString &why) { return fail(ReasonCode::MalformedPacket, why); }
    bool protocolError(const QString &why) { return fail(ReasonCode::ProtocolError, why); }

    bool need(qsizetype n, const char *what)
    {
        if (failed())
            return false;
        if (remaining() < n)
            return malformed(QLatin1String(what) + QStringLiteral(" runs past the end of the packet"));
        return true;
    }

    bool u8(quint8 &v, const char *what)
    {
        if (!need(1, what))
            return false;
        v = *m_p++;
        return true;
    }
    bool u16(quint16 &v, const char *what)
    {
        if (!need(2, what))
            return false;
        v = quint16((m_p[0] << 8) | m_p[1]);
        m_p += 2;
        return true;
    }
    bool u32(quint32 &v, const char *what)
    {
        if (!need(4, what))
            return false;
        v = (quint32(m_p[0]) << 24) | (quint32(m_p[1]) << 16) | (quint32(m_p[2]) << 8) | m_p[3];
        m_p += 4;
        return true;
    }
    // [MQTT-1.5.5-1] at most 4 bytes and the minimum number of bytes.
    bool varint(quint32 &v, const char *what)
    {
        v = 0;
        for (int i = 0; i < 4; ++i) {
            quint8 b;
            if (!u8(b, what))
                return false;
            v |= quint32(b & 0x7F) << (7 * i);
            if (!(b & 0x80)) {
                if (i > 0 && b == 0)
                    return malformed(QLatin1String(what) + QStringLiteral(" is not minimally encoded"));
                return true;
            }
        }
        return malformed(QLatin1String(what) + QStringLiteral(" is longer than 4 bytes"));
    }
    bool packetId(quint16 &id)
    {
        if (!u16(id, "packet identifier"))
            return false;
        if (id == 0) // [MQTT-2.2.1-3]
            return malformed(QStringLiteral("packet identifier is 0"));
        return true;
    }
    // Length-prefixed bytes, returned as a view into the packet.
    bool binaryView(const char *&data, quint16 &len, const char *what)
    {
        if (!u16(len, what) || !need(len, what))
            return false;
        data = reinterpret_cast<const char *>(m_p);
        m_p += len;
        return true;
    }
    bool binary(QByteArray &out, const char *what)
    {
        const char *data;
        quint16 len;
        if (!binaryView(data, len, what))
            return false;
        out = QByteArray(data, len);
        return true;
    }
    bool utf8Bytes(QByteArray &out, const char *what)
    {
        const char *data;
        quint16 len;
        if (!binaryView(data, len, what) || !checkUtf8(data, len, what))
            return false;
        out = QByteArray(data, len);
        return true;
    }
    bool string(QString &out, const char *what)
    {
        const char *data;
        quint16 len;
        if (!binaryView(data, len, what) || !checkUtf8(data, len, what))
            return false;
        // Not QString::fromUtf8(), which drops a leading BOM: 0xEF 0xBB 0xBF is U+FEFF and
        // must not be stripped [MQTT-1.5.4-3].
        QStringDecoder toUtf16(QStringDecoder::Utf8, QStringDecoder::Flag::Stateless
                                       | QStringDecoder::Flag::ConvertInitialBom);
        out = toUtf16.decode(QByteArrayView(data, len));
        return true;
    }
    bool checkUtf8(const char *data, qsizetype len, const char *what)
    {
        switch (validateUtf8(data, len)) {
        case Utf8Status::Valid:
            return true;
        case Utf8Status::Invalid:
            return malformed(QLatin1String(what) + QStringLiteral(" is not valid UTF-8"));
        case Utf8Status::NullChar:
            return malformed(QLatin1String(what) + QStringLiteral(" contains U+0000"));
        case Utf8Status::Surrogate:
            return malformed(QLatin1String(what) + QStringLiteral(" contains a UTF-16 surrogate"));
        }
        return false;
    }
    // Narrows the reader to the next \a n bytes (property block); returns the outer end.
    const uchar *narrow(qsizetype n)
    {
        const uchar *outer = m_end;
        m_end = m_p + n;
        return outer;
    }
    void widen(const uchar *outer) { m_end = outer; }

private:
    const uchar *m_p;
    const uchar *m_end;
    const char *m_packet;
    std::optional<DecodeError> m_error;
};

bool readProperties(Reader &r, PacketType type, bool isWill, MqttProperties &out)
{
    quint32 length;
    if (!r.varint(length, "property length"))
        return false;
    if (qsizetype(length) > r.remaining())
        return r.malformed(QStringLiteral("property length runs past the end of the packet"));
    const uchar *outer = r.narrow(length);
    quint64 seen = 0;
    while (!r.atEnd()) {
        quint32 rawId;
        if (!r.varint(rawId, "property identifier"))
            return false;
        const auto id = PropertyId(rawId);
        const auto ptype = rawId < 0x80 ? Mqtt::propertyType(id) : PropertyType::UnknownType;
        if (ptype == PropertyType::UnknownType)
            return r.malformed(QStringLiteral("has unknown property identifier ") + hex2(rawId));
        const quint32 mask = allowedMask(id);
        if (!(isWill ? (mask & WillBit) : (mask & bit(type)))) {
            return r.malformed(QStringLiteral("may not carry property ") + hex2(rawId)
                               + (isWill ? QStringLiteral(" in its will") : QString()));
        }
        const quint64 idBit = quint64(1) << rawId;
        if ((seen & idBit) && !MqttPropertiesPrivate::mayRepeat(id))
            return r.protocolError(QStringLiteral("repeats property ") + hex2(rawId));
        // Subscription identifiers repeat only in PUBLISH [MQTT-3.8.2.1.2].
        if ((seen & idBit) && id == PropertyId::SubscriptionIdentifier && type != PacketType::Publish)
            return r.protocolError(QStringLiteral("repeats property ") + hex2(rawId));
        seen |= idBit;

        MqttPropertyEntry e(id);
        bool ok = false;
        switch (ptype) {
        case PropertyType::Byte: {
            quint8 v = 0;
            ok = r.u8(v, "property value");
            e.number = v;
            break;
        }
        case PropertyType::TwoByteInteger: {
            quint16 v = 0;
            ok = r.u16(v, "property value");
            e.number = v;
            break;
        }
        case PropertyType::FourByteInteger:
            ok = r.u32(e.number, "property value");
            break;
        case PropertyType::VariableByteInteger:
            ok = r.varint(e.number, "property value");
            break;
        case PropertyType::Utf8String:
            ok = r.string(e.text, "property string");
            break;
        case PropertyType::BinaryData:
            ok = r.binary(e.binary, "property binary data");
            break;
        case PropertyType::Utf8StringPair:
            ok = r.string(e.text, "user property name") && r.string(e.text2, "user property value");
            break;
        case PropertyType::UnknownType:
            break;
        }
        if (!ok)
            return false;
        if (!propertyValueValid(id, e.number)) {
            return r.protocolError(QStringLiteral("has property ") + hex2(rawId)
                                   + QStringLiteral(" with invalid value ") + QString::number(e.number));
        }
        MqttPropertiesPrivate::append(out, std::move(e));
    }
    r.widen(outer);
    return true;
}

bool readReasonCode(Reader &r, PacketType type, ProtocolVersion v, ReasonCode &out)
{
    quint8 rc;
    if (!r.u8(rc, "reason code"))
        return false;
    if (!reasonCodeAllowed(type, v, rc))
        return r.malformed(QStringLiteral("has reason code ") + hex2(rc)
                           + QStringLiteral(", which is not allowed in this packet"));
    out = ReasonCode(rc);
    return true;
}

bool finish(Reader &r)
{
    if (r.failed())
        return false;
    if (!r.atEnd()) // trailing bytes after the packet's content
        return r.malformed(QString::number(r.remaining())
                           + QStringLiteral(" unexpected bytes after the end of the packet"));
    return true;
}

bool decodeConnect(Reader &r, ConnectPacket &p)
{
    QByteArray name;
    quint8 level = 0, flags = 0;
    if (!r.utf8Bytes(name, "protocol name") || !r.u8(level, "protocol level"))
        return false;
    if (name == "MQTT" && (level == 4 || level == 5))
        p.version = ProtocolVersion(level);
    else if (name == "MQIsdp" && level == 3)
        p.version = ProtocolVersion::V3_1;
    else
        return r.fail(ReasonCode::UnsupportedProtocolVersion,
                      QStringLiteral("has unsupported protocol \"") + QString::fromUtf8(name)
                              + QStringLiteral("\" level ") + QString::number(level));
    if (!r.u8(flags, "connect flags") || !r.u16(p.keepAlive, "keep alive"))
        return false;
    if (flags & 0x01) // [MQTT-3.1.2-3]
        return r.malformed(QStringLiteral("has the reserved connect flag set"));
    const bool willFlag = flags & 0x04;
    const quint8 willQos = (flags >> 3) & 0x03;
    const bool willRetain = flags & 0x20;
    const bool passwordFlag = flags & 0x40;
    const bool usernameFlag = flags & 0x80;
    p.cleanStart = flags & 0x02;
    if (willQos == 3)
        return r.malformed(QStringLiteral("has will QoS 3"));
    if (!willFlag && (willQos != 0 || willRetain)) // [MQTT-3.1.2-11] [MQTT-3.1.2-13] [MQTT-3.1.2-15]
        return r.malformed(QStringLiteral("has will QoS or retain set without a will"));
    if (passwordFlag && !usernameFlag && p.version != ProtocolVersion::V5) // [MQTT-3.1.2-22]
        return r.malformed(QStringLiteral("has a password without a user name"));
    if (p.version == ProtocolVersion::V5 && !readProperties(r, PacketType::Connect, false, p.properties))
        return false;
    if (!r.string(p.clientId, "client identifier"))
        return false;
    if (p.version == ProtocolVersion::V3_1) {
        // MQTT 3.1 (3.1): 1 to 23 characters, in UTF-8 bytes as brokers count them. Not a
        // malformed packet: the server answers CONNACK 2, "identifier rejected".
        const qsizetype n = utf8Length(p.clientId);
        if (n < 1 || n > 23)
            return r.fail(ReasonCode::ClientIdentifierNotValid,
                          QStringLiteral("has a client identifier of %1 bytes; MQTT 3.1 allows 1 to 23").arg(n));
    }
    if (willFlag) {
        WillMessage w;
        w.qos = Mqtt::QoS(willQos);
        w.retain = willRetain;
        if (p.version == ProtocolVersion::V5 && !readProperties(r, PacketType::Connect, true, w.properties))
            return false;
        if (!r.string(w.topic, "will topic") || !r.binary(w.payload, "will payload"))
            return false;
        if (!MqttTopic::isValidName(QStringView(w.topic)))
            return r.malformed(QStringLiteral("will topic is empty or contains a wildcard"));
        p.will = std::move(w);
    }
    if (usernameFlag) {
        QString u;
        if (!r.string(u, "user name"))
            return false;
        p.username = u;
    }
    if (passwordFlag) {
        QByteArray pw;
        if (!r.binary(pw, "password"))
            return false;
        p.password = pw;
    }
    return finish(r);
}

bool decodeConnack(Reader &r, ProtocolVersion v, ConnackPacket &p)
{
    quint8 flags;
    if (!r.u8(flags, "acknowledge flags"))
        return false;
    // MQTT 3.1 calls this byte "reserved, not used"; bit 0 is read as in 3.1.1 (the
    // session relies on it for 3.1 too) and the other bits must be 0 as there.
    if (flags & 0xFE) // [MQTT-3.2.2-1]
        return r.malformed(QStringLiteral("has reserved acknowledge flags set"));
    p.sessionPresent = flags & 0x01;
    if (!readReasonCode(r, PacketType::Connack, v, p.reasonCode))
        return false;
    if (p.sessionPresent && quint8(p.reasonCode) != 0) // [MQTT-3.2.2-4] [MQTT-3.2.2-6]
        return r.malformed(QStringLiteral("has session present set with a failure code"));
    if (v == ProtocolVersion::V5 && !readProperties(r, PacketType::Connack, false, p.properties))
        return false;
    return finish(r);
}

// With \a payloadOffset set, the payload is not copied: its offset from \a packetStart is
// stored instead, for a caller that hands over the buffer itself (large payloads).
bool decodePublish(Reader &r, ProtocolVersion v, quint8 flags, PublishPacket &p,
                   const char *packetStart = nullptr, qsizetype *payloadOffset = nullptr)
{
    p.dup = flags & 0x08;
    p.qos = Mqtt::QoS((flags >> 1) & 0x03);
    p.retain = flags & 0x01;
    if (!r.utf8Bytes(p.topic, "topic name"))
        return false;
    if (!MqttTopic::isValidName(QByteArrayView(p.topic)) && !p.topic.isEmpty()) // [MQTT-3.3.2-2]
        return r.malformed(QStringLiteral("topic name contains a wildcard"));
    if (p.qos != Mqtt::QoS::AtMostOnce && !r.packetId(p.packetId))
        return false;
    if (v == ProtocolVersion::V5) {
        if (!readProperties(r, PacketType::Publish, false, p.properties))
            return false;
        if (p.topic.isEmpty() && !p.properties.contains(PropertyId::TopicAlias))
            return r.protocolError(QStringLiteral("has an empty topic name and no topic alias"));
    } else if (p.topic.isEmpty()) { // [MQTT-4.7.3-1]
        return r.malformed(QStringLiteral("has an empty topic name"));
    }
    // The payload is the rest of the packet; one copy out of the stream buffer.
    if (payloadOffset) {
        *payloadOffset = reinterpret_cast<const char *>(r.position()) - packetStart;
        return true;
    }
    p.payload = QByteArray(reinterpret_cast<const char *>(r.position()), r.remaining());
    return true;
}

template<PacketType T>
bool decodeAck(Reader &r, ProtocolVersion v, AckPacket<T> &p)
{
    if (!r.packetId(p.packetId))
        return false;
    if (v == ProtocolVersion::V5 && !r.atEnd()) {
        if (!readReasonCode(r, T, v, p.reasonCode))
            return false;
        // [MQTT-3.4.2.2.1] the property length may be omitted when there are none
        if (!r.atEnd() && !readProperties(r, T, false, p.properties))
            return false;
    }
    return finish(r);
}

bool decodeSubscribe(Reader &r, ProtocolVersion v, SubscribePacket &p)
{
    if (!r.packetId(p.packetId))
        return false;
    if (v == ProtocolVersion::V5 && !readProperties(r, PacketType::Subscribe, false, p.properties))
        return false;
    if (r.atEnd()) // [MQTT-3.8.3-3]
        return r.protocolError(QStringLiteral("has no topic filters"));
    while (!r.atEnd()) {
        Subscription s;
        quint8 opts;
        if (!r.string(s.filter, "topic filter") || !r.u8(opts, "subscription options"))
            return false;
        if (!MqttTopic::isValidFilter(QStringView(s.filter)))
            return r.malformed(QStringLiteral("has invalid topic filter \"") + s.filter + QLatin1Char('"'));
        if ((opts & 0x03) == 3) { // MQTT 5: a Protocol Error (3.8.3.1); 3.1.1: [MQTT-3-8.3-4]
            return v == ProtocolVersion::V5 ? r.protocolError(QStringLiteral("requests QoS 3"))
                                            : r.malformed(QStringLiteral("requests QoS 3"));
        }
        if (v == ProtocolVersion::V5) {
            if (opts & 0xC0) // [MQTT-3.8.3-5]
                return r.malformed(QStringLiteral("has reserved subscription option bits set"));
            if (((opts >> 4) & 0x03) == 3)
                return r.protocolError(QStringLiteral("has retain handling 3"));
            s.noLocal = opts & 0x04;
            s.retainAsPublished = opts & 0x08;
            s.retainHandling = Mqtt::RetainHandling((opts >> 4) & 0x03);
        } else if (opts & 0xFC) { // [MQTT-3-8.3-4]
            return r.malformed(QStringLiteral("has reserved subscription option bits set"));
        }
        s.qos = Mqtt::QoS(opts & 0x03);
        p.subscriptions.append(std::move(s));
    }
    return finish(r);
}

bool readReasonCodeList(Reader &r, PacketType type, ProtocolVersion v, QList<ReasonCode> &out)
{
    if (r.atEnd())
        return r.protocolError(QStringLiteral("has no reason codes"));
    out.reserve(r.remaining());
    while (!r.atEnd()) {
        ReasonCode rc;
        if (!readReasonCode(r, type, v, rc))
            return false;
        out.append(rc);
    }
    return true;
}

bool decodeSuback(Reader &r, ProtocolVersion v, SubackPacket &p)
{
    if (!r.packetId(p.packetId))
        return false;
    if (v == ProtocolVersion::V5 && !readProperties(r, PacketType::Suback, false, p.properties))
        return false;
    return readReasonCodeList(r, PacketType::Suback, v, p.reasonCodes) && finish(r);
}

bool decodeUnsubscribe(Reader &r, ProtocolVersion v, UnsubscribePacket &p)
{
    if (!r.packetId(p.packetId))
        return false;
    if (v == ProtocolVersion::V5 && !readProperties(r, PacketType::Unsubscribe, false, p.properties))
        return false;
    if (r.atEnd()) // [MQTT-3.10.3-2]
        return r.protocolError(QStringLiteral("has no topic filters"));
    while (!r.atEnd()) {
        QString f;
        if (!r.string(f, "topic filter"))
            return false;
        if (!MqttTopic::isValidFilter(QStringView(f)))
            return r.malformed(QStringLiteral("has invalid topic filter \"") + f + QLatin1Char('"'));
        p.filters.append(std::move(f));
    }
    return finish(r);
}

bool decodeUnsuback(Reader &r, ProtocolVersion v, UnsubackPacket &p)
{
    if (!r.packetId(p.packetId))
        return false;
    if (v == ProtocolVersion::V5) {
        if (!readProperties(r, PacketType::Unsuback, false, p.properties))
            return false;
        if (!readReasonCodeList(r, PacketType::Unsuback, v, p.reasonCodes))
            return false;
    }
    return finish(r);
}

bool decodeDisconnect(Reader &r, ProtocolVersion v, DisconnectPacket &p)
{
    if (v != ProtocolVersion::V5 || r.atEnd()) // 3.14.2.1: both omitted means Normal disconnection
        return finish(r);
    if (!readReasonCode(r, PacketType::Disconnect, v, p.reasonCode))
        return false;
    // 3.14.2.2.1: with a remaining length under 2 there is no property length
    if (!r.atEnd() && !readProperties(r, PacketType::Disconnect, false, p.properties))
        return false;
    return finish(r);
}

bool decodeAuth(Reader &r, ProtocolVersion v, AuthPacket &p)
{
    if (r.atEnd()) // 3.15.2.1: reason code and property length omitted together only
        return finish(r);
    if (!readReasonCode(r, PacketType::Auth, v, p.reasonCode))
        return false;
    // Unlike DISCONNECT and the acknowledgements, AUTH has no form that ends after the
    // reason code (3.15.2.1, 3.15.2.2.1).
    if (r.atEnd())
        return r.malformed(QStringLiteral("has a reason code without a property length"));
    return readProperties(r, PacketType::Auth, false, p.properties) && finish(r);
}

// Required fixed-header flag bits per packet type [MQTT-2.2.2-1]; PUBLISH is checked apart.
bool fixedFlagsValid(PacketType type, quint8 flags)
{
    switch (type) {
    case PacketType::Publish:
        return true;
    case PacketType::Pubrel:
    case PacketType::Subscribe:
    case PacketType::Unsubscribe:
        return flags == 0x02;
    default:
        return flags == 0;
    }
}

// Judges the fixed header's first byte alone; false with \a error set if it condemns
// the packet whatever follows.
bool firstByteValid(quint8 first, ProtocolVersion v, DecodeError &error)
{
    const quint8 typeBits = first >> 4;
    const quint8 flags = first & 0x0F;
    const auto type = PacketType(typeBits);
    const char *why = nullptr;
    if (typeBits == 0) {
        why = "packet type 0 is reserved";
    } else if (type == PacketType::Auth && v != ProtocolVersion::V5) {
        why = "AUTH packet is not part of MQTT 3";
    } else if (type == PacketType::Publish) {
        if ((flags & 0x06) == 0x06) // [MQTT-3.3.1-4]
            why = "PUBLISH has QoS 3";
        else if ((flags & 0x08) && !(flags & 0x06)) // [MQTT-3.3.1-2]
            why = "PUBLISH has DUP set with QoS 0";
    } else if (!fixedFlagsValid(type, flags)) { // [MQTT-2.1.3-1]
        error = { ReasonCode::MalformedPacket,
                  QLatin1String(packetTypeName(type))
                          + QStringLiteral(" has reserved fixed header flags ") + hex2(flags) };
        return false;
    }
    if (!why)
        return true;
    error = { ReasonCode::MalformedPacket, QLatin1String(why) };
    return false;
}

} // namespace

const char *packetTypeName(PacketType type)
{
    static const char *const names[] = { "RESERVED", "CONNECT", "CONNACK", "PUBLISH", "PUBACK",
                                         "PUBREC", "PUBREL", "PUBCOMP", "SUBSCRIBE", "SUBACK",
                                         "UNSUBSCRIBE", "UNSUBACK", "PINGREQ", "PINGRESP",
                                         "DISCONNECT", "AUTH" };
    const auto i = quint8(type);
    return i < 16 ? names[i] : "RESERVED";
}

PacketType packetType(const Packet &packet)
{
    // The variant's alternatives are declared in wire order starting at CONNECT.
    return PacketType(packet.index() + 1);
}

Frame readFrame(const char *data, qsizetype size, const DecodeOptions &options)
{
    Frame f;
    if (size < 1)
        return f;
    if (!firstByteValid(quint8(data[0]), options.version, f.error)) {
        f.status = FrameStatus::Malformed;
        return f;
    }
    if (size < 2)
        return f;
    quint32 length = 0;
    qsizetype i = 1;
    for (;; ++i) {
        if (i > 4) {
            f.status = FrameStatus::Malformed;
            f.error = { ReasonCode::MalformedPacket,
                        QStringLiteral("remaining length is longer than 4 bytes") };
            return f;
        }
        if (i >= size)
            return f; // need more
        const auto b = quint8(data[i]);
        length |= quint32(b & 0x7F) << (7 * (i - 1));
        if (!(b & 0x80)) {
            if (i > 1 && b == 0) { // [MQTT-1.5.5-1]
                f.status = FrameStatus::Malformed;
                f.error = { ReasonCode::MalformedPacket,
                            QStringLiteral("remaining length is not minimally encoded") };
                return f;
            }
            break;
        }
    }
    f.headerSize = i + 1;
    f.totalSize = f.headerSize + qsizetype(length);
    if (quint64(f.totalSize) > options.maximumPacketSize) {
        f.status = FrameStatus::Malformed;
        f.error = { ReasonCode::PacketTooLarge,
                    QStringLiteral("packet of %1 bytes exceeds the maximum packet size of %2 bytes")
                            .arg(f.totalSize)
                            .arg(options.maximumPacketSize) };
        return f;
    }
    f.status = FrameStatus::Complete;
    return f;
}

DecodeResult decodePacket(const char *data, qsizetype size, const DecodeOptions &options)
{
    return decodePacketImpl(data, size, options, nullptr);
}

DecodeResult decodePacketImpl(const char *data, qsizetype size, const DecodeOptions &options,
                              qsizetype *payloadOffset)
{
    DecodeResult result;
    auto fail = [&](DecodeError e) {
        result.status = DecodeStatus::Malformed;
        result.error = std::move(e);
        return result;
    };
    const Frame frame = readFrame(data, size, options);
    if (frame.status == FrameStatus::Malformed)
        return fail(frame.error);
    if (frame.status == FrameStatus::NeedMore || frame.totalSize != size) {
        return fail({ ReasonCode::MalformedPacket,
                      QStringLiteral("remaining length does not match the packet's size") });
    }
    const auto first = quint8(data[0]);
    const auto type = PacketType(first >> 4);
    const quint8 flags = first & 0x0F;
    const ProtocolVersion v = options.version;
    // readFrame() has judged the first byte: type, flags and PUBLISH QoS are valid here.

    Reader r(data + frame.headerSize, size - frame.headerSize, packetTypeName(type));
    // Decoded in place in the result: no packet built on the side and moved in.
    bool ok = false;
    switch (type) {
    case PacketType::Connect: {
        auto &p = result.packet.emplace<ConnectPacket>();
        ok = decodeConnect(r, p);
        break;
    }
    case PacketType::Connack: {
        auto &p = result.packet.emplace<ConnackPacket>();
        ok = decodeConnack(r, v, p);
        break;
    }
    case PacketType::Publish: {
        auto &p = result.packet.emplace<PublishPacket>();
        ok = decodePublish(r, v, flags, p, data, payloadOffset);
        break;
    }
    case PacketType::Puback: {
        auto &p = result.packet.emplace<PubackPacket>();
        ok = decodeAck(r, v, p);
        break;
    }
    case PacketType::Pubrec: {
        auto &p = result.packet.emplace<PubrecPacket>();
        ok = decodeAck(r, v, p);
        break;
    }
    case PacketType::Pubrel: {
        auto &p = result.packet.emplace<PubrelPacket>();
        ok = decodeAck(r, v, p);
        break;
    }
    case PacketType::Pubcomp: {
        auto &p = result.packet.emplace<PubcompPacket>();
        ok = decodeAck(r, v, p);
        break;
    }
    case PacketType::Subscribe: {
        auto &p = result.packet.emplace<SubscribePacket>();
        ok = decodeSubscribe(r, v, p);
        break;
    }
    case PacketType::Suback: {
        auto &p = result.packet.emplace<SubackPacket>();
        ok = decodeSuback(r, v, p);
        break;
    }
    case PacketType::Unsubscribe: {
        auto &p = result.packet.emplace<UnsubscribePacket>();
        ok = decodeUnsubscribe(r, v, p);
        break;
    }
    case PacketType::Unsuback: {
        auto &p = result.packet.emplace<UnsubackPacket>();
        ok = decodeUnsuback(r, v, p);
        break;
    }
    case PacketType::Pingreq:
        ok = finish(r);
        result.packet = PingreqPacket{};
        break;
    case PacketType::Pingresp:
        ok = finish(r);
        result.packet = PingrespPacket{};
        break;
    case PacketType::Disconnect: {
        auto &p = result.packet.emplace<DisconnectPacket>();
        ok = decodeDisconnect(r, v, p);
        break;
    }
    case PacketType::Auth: {
        auto &p = result.packet.emplace<AuthPacket>();
        ok = decodeAuth(r, v, p);
        break;
    }
    }
    if (!ok)
        return fail(r.error());
    result.status = DecodeStatus::Packet;
    return result;
}

// ---- StreamDecoder -----------------------------------------------------------------

namespace {
// A stream buffer is reserved for a whole packet once the packet is at most this large or
// an eighth of it has arrived: five bytes of header must not commit up to 256 MiB.
constexpr qsizetype ReserveLimit = 1 << 20;
} // namespace

StreamDecoder::StreamDecoder(const DecodeOptions &options) : m_options(options) { }

void StreamDecoder::compact()
{
    // Moving the unread tail to the front costs its size; doing it only when the consumed
    // part is at least as large keeps the total cost linear in the stream.
    if (m_pos == 0)
        return;
    if (m_pos == m_buffer.size()) {
        m_buffer.resize(0);
        m_pos = 0;
    } else if (m_pos >= m_buffer.size() - m_pos) {
        const qsizetype rest = m_buffer.size() - m_pos;
        char *d = m_buffer.data();
        std::memmove(d, d + m_pos, size_t(rest));
        m_buffer.resize(rest);
        m_pos = 0;
    }
}

void StreamDecoder::append(const char *data, qsizetype size)
{
    if (size <= 0)
        return;
    if (m_payloadSize >= 0) {
        const qsizetype take = std::min(size, m_payloadSize - m_payload.size());
        m_payload.append(data, take);
        data += take;
        size -= take;
        if (size == 0)
            return;
    }
    compact();
    m_buffer.append(data, size);
}

char *StreamDecoder::prepareAppend(qsizetype size)
{
    if (m_payloadSize >= 0 && size <= m_payloadSize - m_payload.size()) {
        const qsizetype old = m_payload.size();
        m_payload.resize(old + size);
        m_pending = size;
        m_pendingInPayload = true;
        return m_payload.data() + old;
    }
    compact();
    const qsizetype old = m_buffer.size();
    // An empty buffer gets exactly the room asked for: resize() alone rounds a 64 KiB read
    // chunk plus Qt's header up to 128 KiB. Growth past that stays geometric.
    if (old == 0 && m_buffer.capacity() < size)
        m_buffer.reserve(size);
    m_buffer.resize(old + size);
    m_pending = size;
    m_pendingInPayload = false;
    return m_buffer.data() + old;
}

void StreamDecoder::commitAppend(qsizetype written)
{
    Q_ASSERT(written >= 0 && written <= m_pending);
    if (m_pendingInPayload) {
        m_payload.resize(m_payload.size() - (m_pending - written));
    } else {
        const qsizetype start = m_buffer.size() - m_pending;
        m_buffer.resize(start + written);
        if (m_payloadSize >= 0 && written > 0)
            moveToPayload(start);
    }
    m_pending = 0;
    m_pendingInPayload = false;
}

void StreamDecoder::moveToPayload(qsizetype from)
{
    // Bytes at and after \a from in the stream buffer: the payload's share goes over to
    // it, anything after stays for the packets that follow.
    const qsizetype take = std::min(m_buffer.size() - from, m_payloadSize - m_payload.size());
    if (take <= 0)
        return;
    m_payload.append(m_buffer.constData() + from, take);
    m_buffer.remove(from, take);
}

bool StreamDecoder::startLargePayload(const Frame &frame)
{
    const char *data = m_buffer.constData() + m_pos;
    const qsizetype available = m_buffer.size() - m_pos;
    const auto first = quint8(data[0]);
    if (frame.totalSize < LargePayload || PacketType(first >> 4) != PacketType::Publish)
        return false;
    // Every field of the head is length-prefixed and the payload is not looked at, so the
    // head decodes from a prefix of the packet exactly as from all of it. If it does not
    // decode yet, this waits for more; the whole packet gives the real error, if any.
    Reader r(data + frame.headerSize, available - frame.headerSize, packetTypeName(PacketType::Publish));
    PublishPacket head;
    qsizetype offset = -1;
    if (!decodePublish(r, m_options.version, first & 0x0F, head, data, &offset) || offset < 0)
        return false;
    m_head = std::move(head);
    m_packetSize = frame.totalSize;
    m_payloadSize = frame.totalSize - offset;
    if (m_spare.capacity() >= m_payloadSize) {
        m_payload = std::exchange(m_spare, QByteArray());
        m_spareTouched = true;
    }
    reservePayload();
    m_payload.append(data + offset, available - offset);
    m_pos += available;
    compact();
    return true;
}

void StreamDecoder::reservePayload()
{
    if (m_payload.capacity() >= m_payloadSize)
        return;
    const qsizetype arrived = m_packetSize - m_payloadSize + m_payload.size();
    if (m_packetSize <= ReserveLimit || arrived >= m_packetSize / 8)
        m_payload.reserve(m_payloadSize);
}

DecodeResult StreamDecoder::next()
{
    DecodeResult result;
    if (m_error) {
        result.status = DecodeStatus::Malformed;
        result.error = *m_error;
        return result;
    }
    if (m_payloadSize >= 0) {
        if (m_payload.size() < m_payloadSize) {
            reservePayload(); // beyond ReserveLimit: once an eighth has arrived
            return result;
        }
        result.status = DecodeStatus::Packet;
        PublishPacket &p = result.packet.emplace<PublishPacket>(std::move(*m_head));
        p.payload = std::exchange(m_payload, QByteArray());
        m_head.reset();
        m_payloadSize = -1;
        m_packetSize = 0;
        return result;
    }
    const char *data = m_buffer.constData() + m_pos;
    const qsizetype available = m_buffer.size() - m_pos;
    const Frame frame = readFrame(data, available, m_options);
    if (frame.status == FrameStatus::Malformed) {
        m_error = frame.error;
        result.status = DecodeStatus::Malformed;
        result.error = frame.error;
        return result;
    }
    if (frame.status == FrameStatus::NeedMore || frame.totalSize > available) {
        if (frame.status == FrameStatus::Complete && startLargePayload(frame))
            return result;
        // Reserve once for a large packet so the socket fills it without regrowth; but
        // not ahead of the bytes for a huge one (ReserveLimit). Beyond the limit the
        // buffer grows geometrically as bytes arrive. Once an eighth of a larger packet
        // has arrived, reserving the rest spares the regrowth copies while a peer still
        // has to send real bytes to make us allocate.
        if (frame.status == FrameStatus::Complete
            && (frame.totalSize <= ReserveLimit || available >= frame.totalSize / 8)
            && m_buffer.capacity() < m_pos + frame.totalSize) {
            m_buffer.reserve(m_pos + frame.totalSize);
        }
        return result;
    }
    // A large PUBLISH that arrived whole and starts the buffer, with little after it, takes
    // the buffer as its payload instead of copying it: Qt drops the prefix of an unshared
    // QByteArray by moving a pointer. What follows the packet (small, by the condition) is
    // copied out.
    const qsizetype tail = available - frame.totalSize;
    const bool handOver = m_pos == 0 && frame.totalSize >= LargePayload && tail <= frame.totalSize / 4
            && (quint8(data[0]) >> 4) == quint8(PacketType::Publish);
    qsizetype payloadOffset = -1;
    result = decodePacketImpl(data, frame.totalSize, m_options, handOver ? &payloadOffset : nullptr);
    if (result.status == DecodeStatus::Malformed) {
        m_error = result.error;
        return result;
    }
    if (handOver && payloadOffset >= 0) {
        QByteArray rest(m_buffer.constData() + frame.totalSize, tail);
        QByteArray payload = std::move(m_buffer);
        payload.truncate(frame.totalSize);
        payload.remove(0, payloadOffset);
        std::get<PublishPacket>(result.packet).payload = std::move(payload);
        m_buffer = std::move(rest);
        m_pos = 0;
        return result;
    }
    m_pos += frame.totalSize;
    if (m_pos == m_buffer.size()) {
        m_buffer.resize(0);
        m_pos = 0;
    }
    return result;
}

qsizetype StreamDecoder::readHint(qsizetype chunk) const
{
    if (m_error)
        return chunk;
    if (m_payloadSize >= 0) {
        // Never past the payload: what follows it belongs in the stream buffer.
        const qsizetype rest = m_payloadSize - m_payload.size();
        if (rest <= 0)
            return chunk;
        if (rest <= chunk)
            return rest;
        return m_payload.capacity() - m_payload.size() >= rest ? rest : chunk;
    }
    const qsizetype available = m_buffer.size() - m_pos;
    const Frame frame = readFrame(m_buffer.constData() + m_pos, available, m_options);
    if (frame.status != FrameStatus::Complete || frame.totalSize <= available)
        return chunk;
    const qsizetype rest = frame.totalSize - available;
    return rest > chunk && m_buffer.capacity() - m_buffer.size() >= rest ? rest : chunk;
}

void StreamDecoder::recycle(QByteArray &&payload)
{
    if (payload.capacity() < LargePayload)
        return;
    // Emptying keeps the memory of an unshared array and lets go of a shared one, which
    // then still belongs to whoever shares it.
    payload.resize(0);
    if (payload.capacity() <= m_spare.capacity())
        return;
    m_spare = std::move(payload);
    m_spareTouched = true;
}

void StreamDecoder::releaseIdleSpare()
{
    if (!m_spareTouched)
        m_spare = QByteArray();
    m_spareTouched = false;
}

void StreamDecoder::releaseEmptyBuffer()
{
    if (m_pos == m_buffer.size() && m_pending == 0) {
        m_buffer = QByteArray();
        m_pos = 0;
    }
}

void StreamDecoder::reset()
{
    m_buffer.clear();
    m_pos = 0;
    m_pending = 0;
    m_pendingInPayload = false;
    m_head.reset();
    m_payload = QByteArray();
    m_payloadSize = -1;
    m_packetSize = 0;
    m_spare = QByteArray();
    m_spareTouched = false;
    m_error.reset();
}

// ---- Encoding ----------------------------------------------------------------------

const char *encodeErrorString(EncodeError error)
{
    switch (error) {
    case EncodeError::None:
        return "no error";
    case EncodeError::StringTooLong:
        return "a string or binary field is longer than 65,535 bytes";
    case EncodeError::PacketTooLarge:
        return "the packet is larger than 268,435,455 bytes";
    case EncodeError::PropertyNotAllowed:
        return "a property is not allowed in this packet, or appears more often than allowed";
    case EncodeError::InvalidField:
        return "a field has a value the protocol does not allow";
    case EncodeError::InvalidPropertyValue:
        return "a property has a value the protocol does not allow";
    case EncodeError::ReasonCodeNotAllowed:
        return "the reason code is not allowed in this packet in this protocol version";
    case EncodeError::NotInProtocolVersion:
        return "a field, property or packet does not exist in this protocol version";
    case EncodeError::InvalidTopic:
        return "a topic name is empty or contains a wildcard, or a topic filter is invalid";
    case EncodeError::EmptyList:
        return "the packet's list of topic filters or reason codes is empty";
    case EncodeError::InvalidClientIdentifier:
        return "an MQTT 3.1 client identifier must be 1 to 23 bytes long";
    }
    return "unknown error";
}

bool propertyAllowed(PropertyId id, PacketType type, bool isWill)
{
    const quint32 mask = allowedMask(id);
    return isWill ? (mask & WillBit) : (mask & bit(type));
}

namespace {

int varintSize(quint32 v)
{
    return v < 128 ? 1 : v < 16384 ? 2 : v < 2097152 ? 3 : 4;
}

// ---- Property rules shared by the encoder and checkProperties() ---------------------

enum class PropertyFault : quint8 { None, NotAllowed, Repeated, InvalidValue };

// The rules on one property entry that hold whoever sends the packet: where it may
// appear (2.2.2.2), how often (only User Property repeats, and Subscription Identifier in
// a PUBLISH, 3.8.2.1.2) and its value range. \a seen collects the identifiers met.
PropertyFault entryFault(const MqttPropertyEntry &e, PacketType type, bool isWill, quint64 &seen)
{
    const auto raw = quint8(e.id);
    if (raw >= 64 || !propertyAllowed(e.id, type, isWill))
        return PropertyFault::NotAllowed;
    const quint64 idBit = quint64(1) << raw;
    if ((seen & idBit) && e.id != PropertyId::UserProperty
        && !(e.id == PropertyId::SubscriptionIdentifier && type == PacketType::Publish && !isWill)) {
        return PropertyFault::Repeated;
    }
    seen |= idBit;
    return propertyValueValid(e.id, e.number) ? PropertyFault::None : PropertyFault::InvalidValue;
}

// Two passes over the same description of a packet: Sizer counts bytes and checks
// limits, Writer writes them into memory the Sizer's total has reserved.
class Sizer
{
public:
    void u8(quint8) { m_size += 1; }
    void u16(quint16) { m_size += 2; }
    void u32(quint32) { m_size += 4; }
    void varint(quint32 v)
    {
        if (v > MaxRemainingLength)
            fail(EncodeError::InvalidField);
        m_size += varintSize(v);
    }
    void raw(const char *, qsizetype n) { m_size += n; }
    void payload(const QByteArray &p) { m_size += p.size(); }
    void binary(const char *, qsizetype n)
    {
        if (n > 0xFFFF)
            fail(EncodeError::StringTooLong);
        m_size += 2 + n;
    }
    void utf8(const QByteArray &s) { binary(s.constData(), s.size()); }
    void string(QStringView s)
    {
        const qsizetype n = utf8Length(s);
        if (n < 0)
            fail(EncodeError::InvalidField);
        else if (n > 0xFFFF)
            fail(EncodeError::StringTooLong);
        m_size += 2 + qMax<qsizetype>(n, 0);
    }
    // A property block measured beforehand by propertiesSize(): only its length counts.
    void properties(const MqttProperties &, qsizetype contentSize)
    {
        m_size += varintSize(quint32(contentSize)) + contentSize;
    }
    void fail(EncodeError e)
    {
        if (m_error == EncodeError::None)
            m_error = e;
    }
    qsizetype size() const { return m_size; }
    EncodeError error() const { return m_error; }

private:
    qsizetype m_size = 0;
    EncodeError m_error = EncodeError::None;
};

class Writer
{
public:
    explicit Writer(char *p, bool omitPayload = false)
        : m_p(reinterpret_cast<uchar *>(p)), m_omitPayload(omitPayload)
    {
    }
    void u8(quint8 v) { *m_p++ = v; }
    void u16(quint16 v)
    {
        *m_p++ = uchar(v >> 8);
        *m_p++ = uchar(v);
    }
    void u32(quint32 v)
    {
        *m_p++ = uchar(v >> 24);
        *m_p++ = uchar(v >> 16);
        *m_p++ = uchar(v >> 8);
        *m_p++ = uchar(v);
    }
    void varint(quint32 v)
    {
        do {
            uchar b = v & 0x7F;
            v >>= 7;
            if (v)
                b |= 0x80;
            *m_p++ = b;
        } while (v);
    }
    void raw(const char *d, qsizetype n)
    {
        if (n > 0)
            std::memcpy(m_p, d, size_t(n));
        m_p += n;
    }
    void payload(const QByteArray &p)
    {
        if (!m_omitPayload)
            raw(p.constData(), p.size());
    }
    void binary(const char *d, qsizetype n)
    {
        u16(quint16(n));
        raw(d, n);
    }
    void utf8(const QByteArray &s) { binary(s.constData(), s.size()); }
    void string(QStringView s)
    {
        // Length was checked by the Sizer; encode UTF-16 to UTF-8 in place, then write
        // the length in front (one pass over the string).
        uchar *lengthAt = m_p;
        m_p += 2;
        const qsizetype size = s.size();
        for (qsizetype i = 0; i < size; ++i) {
            char32_t c = s[i].unicode();
            if (QChar::isHighSurrogate(c)) {
                c = QChar::surrogateToUcs4(char16_t(c), s[i + 1].unicode());
                ++i;
            }
            if (c < 0x80) {
                *m_p++ = uchar(c);
            } else if (c < 0x800) {
                *m_p++ = uchar(0xC0 | (c >> 6));
                *m_p++ = uchar(0x80 | (c & 0x3F));
            } else if (c < 0x10000) {
                *m_p++ = uchar(0xE0 | (c >> 12));
                *m_p++ = uchar(0x80 | ((c >> 6) & 0x3F));
                *m_p++ = uchar(0x80 | (c & 0x3F));
            } else {
                *m_p++ = uchar(0xF0 | (c >> 18));
                *m_p++ = uchar(0x80 | ((c >> 12) & 0x3F));
                *m_p++ = uchar(0x80 | ((c >> 6) & 0x3F));
                *m_p++ = uchar(0x80 | (c & 0x3F));
            }
        }
        const auto n = quint16(m_p - lengthAt - 2);
        lengthAt[0] = uchar(n >> 8);
        lengthAt[1] = uchar(n);
    }
    void properties(const MqttProperties &props, qsizetype contentSize)
    {
        varint(quint32(contentSize));
        for (const auto &e : MqttPropertiesPrivate::entries(props)) {
            varint(quint8(e.id));
            switch (Mqtt::propertyType(e.id)) {
            case PropertyType::Byte: u8(quint8(e.number)); break;
            case PropertyType::TwoByteInteger: u16(quint16(e.number)); break;
            case PropertyType::FourByteInteger: u32(e.number); break;
            case PropertyType::VariableByteInteger: varint(e.number); break;
            case PropertyType::Utf8String: string(e.text); break;
            case PropertyType::BinaryData: binary(e.binary.constData(), e.binary.size()); break;
            case PropertyType::Utf8StringPair:
                string(e.text);
                string(e.text2);
                break;
            case PropertyType::UnknownType: break;
            }
        }
    }
    void fail(EncodeError) { }
    char *position() const { return reinterpret_cast<char *>(m_p); }

private:
    uchar *m_p;
    bool m_omitPayload;
};

// Size of the property block's content (without its length prefix), walking the
// properties once: the allow list, repeats, value ranges and string lengths.
qsizetype propertiesSize(const MqttProperties &props, PacketType type, bool isWill, EncodeError &err)
{
    Sizer s;
    quint64 seen = 0;
    for (const auto &e : MqttPropertiesPrivate::entries(props)) {
        switch (entryFault(e, type, isWill, seen)) {
        case PropertyFault::None:
            break;
        case PropertyFault::NotAllowed:
        case PropertyFault::Repeated:
            err = EncodeError::PropertyNotAllowed;
            return -1;
        case PropertyFault::InvalidValue:
            err = EncodeError::InvalidPropertyValue;
            return -1;
        }
        s.u8(0); // identifier: every one is below 128
        switch (Mqtt::propertyType(e.id)) {
        case PropertyType::Byte: s.u8(0); break;
        case PropertyType::TwoByteInteger: s.u16(0); break;
        case PropertyType::FourByteInteger: s.u32(0); break;
        case PropertyType::VariableByteInteger: s.varint(e.number); break;
        case PropertyType::Utf8String: s.string(e.text); break;
        case PropertyType::BinaryData: s.binary(e.binary.constData(), e.binary.size()); break;
        case PropertyType::Utf8StringPair:
            s.string(e.text);
            s.string(e.text2);
            break;
        case PropertyType::UnknownType: s.fail(EncodeError::InvalidField); break;
        }
    }
    if (s.error() != EncodeError::None) {
        err = s.error();
        return -1;
    }
    if (s.size() > qsizetype(MaxRemainingLength)) {
        err = EncodeError::PacketTooLarge;
        return -1;
    }
    return s.size();
}

// Property block sizes computed once per packet, used by both passes.
struct PropertySizes
{
    qsizetype own = 0;
    qsizetype will = 0;
};

bool isV5(ProtocolVersion v)
{
    return v == ProtocolVersion::V5;
}

bool isKnownVersion(ProtocolVersion v)
{
    return v == ProtocolVersion::V3_1 || v == ProtocolVersion::V3_1_1 || v == ProtocolVersion::V5;
}

template<typename P>
constexpr PacketType typeOf()
{
    if constexpr (std::is_same_v<P, ConnectPacket>)
        return PacketType::Connect;
    else if constexpr (std::is_same_v<P, ConnackPacket>)
        return PacketType::Connack;
    else if constexpr (std::is_same_v<P, PublishPacket>)
        return PacketType::Publish;
    else if constexpr (std::is_same_v<P, SubscribePacket>)
        return PacketType::Subscribe;
    else if constexpr (std::is_same_v<P, SubackPacket>)
        return PacketType::Suback;
    else if constexpr (std::is_same_v<P, UnsubscribePacket>)
        return PacketType::Unsubscribe;
    else if constexpr (std::is_same_v<P, UnsubackPacket>)
        return PacketType::Unsuback;
    else if constexpr (std::is_same_v<P, PingreqPacket>)
        return PacketType::Pingreq;
    else if constexpr (std::is_same_v<P, PingrespPacket>)
        return PacketType::Pingresp;
    else if constexpr (std::is_same_v<P, DisconnectPacket>)
        return PacketType::Disconnect;
    else if constexpr (std::is_same_v<P, AuthPacket>)
        return PacketType::Auth;
    else
        return P::type; // the four acknowledgements
}

template<typename P>
constexpr bool hasProperties()
{
    return !std::is_same_v<P, PingreqPacket> && !std::is_same_v<P, PingrespPacket>;
}

template<typename P>
quint8 firstByte(const P &p)
{
    constexpr PacketType type = typeOf<P>();
    auto b = quint8(quint8(type) << 4);
    if constexpr (type == PacketType::Publish) {
        if (p.dup)
            b |= 0x08;
        b |= quint8(quint8(p.qos) << 1);
        if (p.retain)
            b |= 0x01;
    } else if constexpr (type == PacketType::Pubrel || type == PacketType::Subscribe
                         || type == PacketType::Unsubscribe) {
        b |= 0x02;
    }
    return b;
}

template<typename Out>
void body(Out &o, const ConnectPacket &p, ProtocolVersion, const PropertySizes &ps)
{
    const ProtocolVersion v = p.version;
    if (v == ProtocolVersion::V3_1)
        o.utf8(QByteArrayLiteral("MQIsdp"));
    else
        o.utf8(QByteArrayLiteral("MQTT"));
    o.u8(quint8(v));
    quint8 flags = 0;
    if (p.cleanStart)
        flags |= 0x02;
    if (p.will) {
        flags |= 0x04 | (quint8(p.will->qos) << 3);
        if (p.will->retain)
            flags |= 0x20;
    }
    if (p.password)
        flags |= 0x40;
    if (p.username)
        flags |= 0x80;
    o.u8(flags);
    o.u16(p.keepAlive);
    if (isV5(v))
        o.properties(p.properties, ps.own);
    o.string(p.clientId);
    if (p.will) {
        if (isV5(v))
            o.properties(p.will->properties, ps.will);
        o.string(p.will->topic);
        o.binary(p.will->payload.constData(), p.will->payload.size());
    }
    if (p.username)
        o.string(*p.username);
    if (p.password)
        o.binary(p.password->constData(), p.password->size());
}

template<typename Out>
void body(Out &o, const ConnackPacket &p, ProtocolVersion v, const PropertySizes &ps)
{
    o.u8(p.sessionPresent ? 1 : 0);
    o.u8(quint8(p.reasonCode));
    if (isV5(v))
        o.properties(p.properties, ps.own);
}

template<typename Out>
void body(Out &o, const PublishPacket &p, ProtocolVersion v, const PropertySizes &ps)
{
    o.utf8(p.topic);
    if (p.qos != Mqtt::QoS::AtMostOnce)
        o.u16(p.packetId);
    if (isV5(v))
        o.properties(p.properties, ps.own);
    o.payload(p.payload);
}

template<typename Out, PacketType T>
void body(Out &o, const AckPacket<T> &p, ProtocolVersion v, const PropertySizes &ps)
{
    o.u16(p.packetId);
    if (!isV5(v))
        return;
    // 3.4.2.1 (and 3.5, 3.6, 3.7): omit the reason code and properties when they say nothing
    if (p.reasonCode == ReasonCode::Success && p.properties.isEmpty())
        return;
    o.u8(quint8(p.reasonCode));
    if (!p.properties.isEmpty()) // 3.4.2.2.1: the property length may be left out
        o.properties(p.properties, ps.own);
}

template<typename Out>
void body(Out &o, const SubscribePacket &p, ProtocolVersion v, const PropertySizes &ps)
{
    o.u16(p.packetId);
    if (isV5(v))
        o.properties(p.properties, ps.own);
    for (const auto &s : p.subscriptions) {
        o.string(s.filter);
        quint8 opts = quint8(s.qos);
        if (isV5(v)) {
            if (s.noLocal)
                opts |= 0x04;
            if (s.retainAsPublished)
                opts |= 0x08;
            opts |= quint8(s.retainHandling) << 4;
        }
        o.u8(opts);
    }
}

template<typename Out>
void body(Out &o, const SubackPacket &p, ProtocolVersion v, const PropertySizes &ps)
{
    o.u16(p.packetId);
    if (isV5(v))
        o.properties(p.properties, ps.own);
    for (auto rc : p.reasonCodes)
        o.u8(quint8(rc));
}

template<typename Out>
void body(Out &o, const UnsubscribePacket &p, ProtocolVersion v, const PropertySizes &ps)
{
    o.u16(p.packetId);
    if (isV5(v))
        o.properties(p.properties, ps.own);
    for (const auto &f : p.filters)
        o.string(f);
}

template<typename Out>
void body(Out &o, const UnsubackPacket &p, ProtocolVersion v, const PropertySizes &ps)
{
    o.u16(p.packetId);
    if (!isV5(v))
        return;
    o.properties(p.properties, ps.own);
    for (auto rc : p.reasonCodes)
        o.u8(quint8(rc));
}

template<typename Out>
void body(Out &, const PingreqPacket &, ProtocolVersion, const PropertySizes &) { }
template<typename Out>
void body(Out &, const PingrespPacket &, ProtocolVersion, const PropertySizes &) { }

template<typename Out>
void body(Out &o, const DisconnectPacket &p, ProtocolVersion v, const PropertySizes &ps)
{
    if (!isV5(v))
        return;
    // 3.14.2.1: both fields may be omitted for Normal disconnection with no properties.
    if (p.reasonCode == ReasonCode::NormalDisconnection && p.properties.isEmpty())
        return;
    o.u8(quint8(p.reasonCode));
    if (!p.properties.isEmpty()) // 3.14.2.2.1: may end after its reason code
        o.properties(p.properties, ps.own);
}

template<typename Out>
void body(Out &o, const AuthPacket &p, ProtocolVersion, const PropertySizes &ps)
{
    // 3.15.2.1: only the reason code and the property length together can be left out.
    if (p.reasonCode == ReasonCode::Success && p.properties.isEmpty())
        return;
    o.u8(quint8(p.reasonCode));
    o.properties(p.properties, ps.own);
}

// ---- Field checks the type system cannot make, per packet ---------------------------

// A non-empty topic name's bytes: no wildcard [MQTT-3.3.2-2], well-formed UTF-8 without
// U+0000 [MQTT-1.5.4-1] [MQTT-1.5.4-2]. Eight bytes at a time while they are ASCII other
// than '+', '#' and NUL (the PUBLISH hot path); anything else goes the long way.
bool validTopicNameBytes(const char *d, qsizetype n)
{
    constexpr quint64 high = 0x8080808080808080ull, low = 0x0101010101010101ull;
    const auto hasZeroByte = [](quint64 x) { return ((x - low) & ~x & high) != 0; };
    const auto slow = [d, n] {
        return MqttTopic::isValidName(QByteArrayView(d, n)) && validateUtf8(d, n) == Utf8Status::Valid;
    };
    qsizetype i = 0;
    for (; n - i >= 8; i += 8) {
        quint64 w;
        std::memcpy(&w, d + i, 8);
        if ((w & high) || hasZeroByte(w) || hasZeroByte(w ^ (low * '+')) || hasZeroByte(w ^ (low * '#')))
            return slow();
    }
    for (; i < n; ++i) {
        const auto c = uchar(d[i]);
        if (c >= 0x80 || c == 0 || c == '+' || c == '#')
            return slow();
    }
    return true;
}

bool validPublishTopic(const PublishPacket &p, ProtocolVersion v)
{
    if (p.topic.isEmpty()) // [MQTT-4.7.3-1]; MQTT 5: a Topic Alias may stand in (3.3.2.3.4)
        return isV5(v) && p.properties.contains(PropertyId::TopicAlias);
    return validTopicNameBytes(p.topic.constData(), p.topic.size());
}

// With \a anyPacketId, a QoS > 0 PUBLISH may still have packet id 0 (a queued message
// gets its id later).
EncodeError checkFields(const PublishPacket &p, ProtocolVersion v, bool anyPacketId = false)
{
    if (quint8(p.qos) > 2 || (p.qos == Mqtt::QoS::AtMostOnce && p.dup)) // [MQTT-3.3.1-4] [MQTT-3.3.1-2]
        return EncodeError::InvalidField;
    if (p.qos != Mqtt::QoS::AtMostOnce && p.packetId == 0 && !anyPacketId) // [MQTT-2.2.1-3]
        return EncodeError::InvalidField;
    if (p.qos == Mqtt::QoS::AtMostOnce && p.packetId != 0) // [MQTT-2.2.1-2]: it would be dropped
        return EncodeError::InvalidField;
    if (!validPublishTopic(p, v))
        return EncodeError::InvalidTopic;
    return EncodeError::None;
}

EncodeError checkFields(const ConnectPacket &p, ProtocolVersion v)
{
    if (p.will) {
        if (quint8(p.will->qos) > 2) // 3.1.2.6: will QoS 0, 1 or 2
            return EncodeError::InvalidField;
        if (!MqttTopic::isValidName(QStringView(p.will->topic))) // 3.1.3.3: a topic name
            return EncodeError::InvalidTopic;
    }
    if (p.password && !p.username && !isV5(v)) // 3.1.1 [MQTT-3.1.2-22]
        return EncodeError::InvalidField;
    if (v == ProtocolVersion::V3_1) {
        // MQTT 3.1, 3.1 CONNECT payload: the client identifier is 1 to 23 characters
        // (counted in UTF-8 bytes, as brokers do).
        const qsizetype n = utf8Length(p.clientId);
        if (n < 1 || n > 23)
            return n < 0 ? EncodeError::InvalidField : EncodeError::InvalidClientIdentifier;
    }
    return EncodeError::None;
}

EncodeError checkFields(const ConnackPacket &p, ProtocolVersion v)
{
    if (!reasonCodeAllowed(PacketType::Connack, v, quint8(p.reasonCode)))
        return EncodeError::ReasonCodeNotAllowed;
    if (p.sessionPresent && quint8(p.reasonCode) != 0) // [MQTT-3.2.2-4] [MQTT-3.2.2-6]
        return EncodeError::InvalidField;
    return EncodeError::None;
}

template<PacketType T>
EncodeError checkFields(const AckPacket<T> &p, ProtocolVersion v)
{
    if (p.packetId == 0) // [MQTT-2.2.1-3]
        return EncodeError::InvalidField;
    if (!isV5(v)) // a 3.x acknowledgement is a packet identifier, nothing else
        return p.reasonCode == ReasonCode::Success ? EncodeError::None : EncodeError::NotInProtocolVersion;
    return reasonCodeAllowed(T, v, quint8(p.reasonCode)) ? EncodeError::None
                                                         : EncodeError::ReasonCodeNotAllowed;
}

EncodeError checkFields(const SubscribePacket &p, ProtocolVersion v)
{
    if (p.packetId == 0)
        return EncodeError::InvalidField;
    if (p.subscriptions.isEmpty()) // [MQTT-3.8.3-2]
        return EncodeError::EmptyList;
    for (const auto &s : p.subscriptions) {
        if (quint8(s.qos) > 2 || quint8(s.retainHandling) > 2) // 3.8.3.1
            return EncodeError::InvalidField;
        if (!isV5(v) && (s.noLocal || s.retainAsPublished
                         || s.retainHandling != Mqtt::RetainHandling::SendOnSubscribe)) {
            return EncodeError::NotInProtocolVersion; // MQTT 5 subscription options
        }
        if (!MqttTopic::isValidFilter(QStringView(s.filter))) // [MQTT-4.7.1-2] [MQTT-4.7.1-3]
            return EncodeError::InvalidTopic;
    }
    return EncodeError::None;
}

EncodeError checkFields(const SubackPacket &p, ProtocolVersion v)
{
    if (p.packetId == 0)
        return EncodeError::InvalidField;
    if (p.reasonCodes.isEmpty()) // one per topic filter of the SUBSCRIBE [MQTT-3.9.3-1]
        return EncodeError::EmptyList;
    for (auto rc : p.reasonCodes) {
        if (!reasonCodeAllowed(PacketType::Suback, v, quint8(rc)))
            return EncodeError::ReasonCodeNotAllowed;
    }
    return EncodeError::None;
}

EncodeError checkFields(const UnsubscribePacket &p, ProtocolVersion)
{
    if (p.packetId == 0)
        return EncodeError::InvalidField;
    if (p.filters.isEmpty()) // [MQTT-3.10.3-2]
        return EncodeError::EmptyList;
    for (const auto &f : p.filters) {
        if (!MqttTopic::isValidFilter(QStringView(f)))
            return EncodeError::InvalidTopic;
    }
    return EncodeError::None;
}

EncodeError checkFields(const UnsubackPacket &p, ProtocolVersion v)
{
    if (p.packetId == 0)
        return EncodeError::InvalidField;
    if (!isV5(v)) // 3.x UNSUBACK has no payload
        return p.reasonCodes.isEmpty() ? EncodeError::None : EncodeError::NotInProtocolVersion;
    if (p.reasonCodes.isEmpty()) // one per topic filter of the UNSUBSCRIBE [MQTT-3.11.3-1]
        return EncodeError::EmptyList;
    for (auto rc : p.reasonCodes) {
        if (!reasonCodeAllowed(PacketType::Unsuback, v, quint8(rc)))
            return EncodeError::ReasonCodeNotAllowed;
    }
    return EncodeError::None;
}

EncodeError checkFields(const PingreqPacket &, ProtocolVersion) { return EncodeError::None; }
EncodeError checkFields(const PingrespPacket &, ProtocolVersion) { return EncodeError::None; }

EncodeError checkFields(const DisconnectPacket &p, ProtocolVersion v)
{
    if (!isV5(v)) // a 3.x DISCONNECT is its fixed header alone
        return p.reasonCode == ReasonCode::NormalDisconnection ? EncodeError::None
                                                               : EncodeError::NotInProtocolVersion;
    return reasonCodeAllowed(PacketType::Disconnect, v, quint8(p.reasonCode))
            ? EncodeError::None
            : EncodeError::ReasonCodeNotAllowed;
}

EncodeError checkFields(const AuthPacket &p, ProtocolVersion v)
{
    if (!isV5(v))
        return EncodeError::NotInProtocolVersion;
    return reasonCodeAllowed(PacketType::Auth, v, quint8(p.reasonCode)) ? EncodeError::None
                                                                         : EncodeError::ReasonCodeNotAllowed;
}

// A measured packet: what the write pass needs.
struct Measure
{
    ProtocolVersion version; // CONNECT's own
    PropertySizes ps;
    qsizetype remainingLength = 0;
};

// Checks \a p and computes its remaining length; the one place the encoder's rules live.
template<typename P>
EncodeError measure(const P &p, ProtocolVersion v, Measure &m, bool anyPacketId = false)
{
    if constexpr (std::is_same_v<P, ConnectPacket>)
        v = p.version;
    if (!isKnownVersion(v))
        return EncodeError::InvalidField;
    m.version = v;
    EncodeError err;
    if constexpr (std::is_same_v<P, PublishPacket>)
        err = checkFields(p, v, anyPacketId);
    else
        err = checkFields(p, v);
    if (err != EncodeError::None)
        return err;
    if constexpr (hasProperties<P>()) {
        constexpr PacketType type = typeOf<P>();
        if (!p.properties.isEmpty()) {
            if (!isV5(v)) // MQTT 3 has no properties: refuse rather than drop them
                return EncodeError::NotInProtocolVersion;
            m.ps.own = propertiesSize(p.properties, type, false, err);
            if (m.ps.own < 0)
                return err;
        }
        if constexpr (type == PacketType::Connect) {
            if (p.will && !p.will->properties.isEmpty()) {
                if (!isV5(v))
                    return EncodeError::NotInProtocolVersion;
                m.ps.will = propertiesSize(p.will->properties, type, true, err);
                if (m.ps.will < 0)
                    return err;
            }
        }
    }
    Sizer s;
    body(s, p, v, m.ps);
    if (s.error() != EncodeError::None)
        return s.error();
    if (s.size() > qsizetype(MaxRemainingLength))
        return EncodeError::PacketTooLarge;
    m.remainingLength = s.size();
    return EncodeError::None;
}

template<typename P>
EncodeError encodeTyped(const P &p, ProtocolVersion v, QByteArray &out, bool omitPayload = false)
{
    Measure m;
    const EncodeError err = measure(p, v, m);
    if (err != EncodeError::None)
        return err;
    const qsizetype rl = m.remainingLength;
    qsizetype total = 1 + varintSize(quint32(rl)) + rl;
    if constexpr (std::is_same_v<P, PublishPacket>) {
        if (omitPayload)
            total -= p.payload.size();
    }
    const qsizetype old = out.size();
    out.resize(old + total);
    Writer w(out.data() + old, omitPayload);
    w.u8(firstByte(p));
    w.varint(quint32(rl));
    body(w, p, m.version, m.ps);
    Q_ASSERT(w.position() == out.constData() + old + total);
    return EncodeError::None;
}

} // namespace

EncodeError encode(const Packet &packet, ProtocolVersion version, QByteArray &out)
{
    return std::visit([&](const auto &p) { return encodeTyped(p, version, out); }, packet);
}

EncodeError encode(const PublishPacket &packet, ProtocolVersion version, QByteArray &out)
{
    return encodeTyped(packet, version, out);
}

EncodeError encodeWithoutPayload(const PublishPacket &packet, ProtocolVersion version, QByteArray &out)
{
    return encodeTyped(packet, version, out, true);
}

qsizetype encodedSize(const Packet &packet, ProtocolVersion version, EncodeError *error)
{
    Measure m;
    const EncodeError err = std::visit([&](const auto &p) { return measure(p, version, m); }, packet);
    if (error)
        *error = err;
    if (err != EncodeError::None)
        return -1;
    return 1 + varintSize(quint32(m.remainingLength)) + m.remainingLength;
}

qsizetype encodedPublishSize(const PublishPacket &packet, ProtocolVersion version, EncodeError *error)
{
    Measure m;
    const EncodeError err = measure(packet, version, m, true);
    if (error)
        *error = err;
    if (err != EncodeError::None)
        return -1;
    return 1 + varintSize(quint32(m.remainingLength)) + m.remainingLength;
}

// ---- checkProperties ---------------------------------------------------------------

QString propertyName(PropertyId id)
{
    static const QMetaEnum e = QMetaEnum::fromType<PropertyId>();
    if (const char *key = e.valueToKey(int(id)))
        return QLatin1String(key);
    return QStringLiteral("property ") + hex2(quint8(id));
}

namespace {

QString invalidValueSentence(PropertyId id, quint32 v)
{
    const QString name = propertyName(id);
    const QString got = QStringLiteral(", got ") + QString::number(v);
    switch (Mqtt::propertyType(id)) {
    case PropertyType::Byte:
        return name + QStringLiteral(" must be 0 or 1") + got;
    default:
        break;
    }
    switch (id) {
    case PropertyId::ReceiveMaximum: // 3.1.2.11.3
    case PropertyId::TopicAlias:     // [MQTT-3.3.2-8]
        return name + QStringLiteral(" must be 1..65535") + got;
    case PropertyId::MaximumPacketSize: // 3.1.2.11.4: 0 is the only invalid value
        return name + QStringLiteral(" must not be 0");
    case PropertyId::SubscriptionIdentifier: // 3.8.2.1.2
        return name + QStringLiteral(" must be 1..268435455") + got;
    default:
        break;
    }
    switch (Mqtt::propertyType(id)) {
    case PropertyType::TwoByteInteger:
        return name + QStringLiteral(" must be 0..65535") + got;
    case PropertyType::VariableByteInteger:
        return name + QStringLiteral(" must be 0..268435455") + got;
    default:
        return name + QStringLiteral(" has an invalid value") + got;
    }
}

} // namespace

QString checkProperties(const MqttProperties &props, PacketType type, bool isWill)
{
    const QString packet = QLatin1String(packetTypeName(type));
    if (isWill)
        type = PacketType::Connect;
    switch (type) {
    case PacketType::Connack:
    case PacketType::Suback:
    case PacketType::Unsuback:
        return packet + QStringLiteral(" is not sent by a client");
    case PacketType::Pingreq:
    case PacketType::Pingresp:
        return props.isEmpty() ? QString() : packet + QStringLiteral(" carries no properties");
    default:
        break;
    }
    if (quint8(type) < 1 || quint8(type) > 15)
        return QStringLiteral("packet type %1 does not exist").arg(quint8(type));
    const QString where = isWill ? QStringLiteral("will properties") : packet;

    quint64 seen = 0;
    for (const auto &e : MqttPropertiesPrivate::entries(props)) {
        const QString name = propertyName(e.id);
        // A client's PUBLISH carries no Subscription Identifier [MQTT-3.3.4-6]; checked
        // first, as the shared rules allow it (the server sends them).
        if (type == PacketType::Publish && !isWill && e.id == PropertyId::SubscriptionIdentifier)
            return name + QStringLiteral(" must not be sent by a client in PUBLISH");
        switch (entryFault(e, type, isWill, seen)) {
        case PropertyFault::None:
            break;
        case PropertyFault::NotAllowed: // 2.2.2.2
            return name + QStringLiteral(" is not allowed in ") + where;
        case PropertyFault::Repeated: // 2.2.2.2; 3.8.2.1.2 for Subscription Identifier
            return name + QStringLiteral(" may appear only once in ") + where;
        case PropertyFault::InvalidValue:
            return invalidValueSentence(e.id, e.number);
        }
        QString problem;
        switch (Mqtt::propertyType(e.id)) {
        case PropertyType::Utf8String:
            problem = mqttStringProblem(e.text, name);
            break;
        case PropertyType::Utf8StringPair:
            problem = mqttStringProblem(e.text, name + QStringLiteral(" name"));
            if (problem.isEmpty())
                problem = mqttStringProblem(e.text2, name + QStringLiteral(" value"));
            break;
        case PropertyType::BinaryData:
            if (e.binary.size() > 0xFFFF)
                problem = name + QStringLiteral(" is longer than 65,535 bytes, got %1").arg(e.binary.size());
            break;
        default:
            break;
        }
        if (!problem.isEmpty())
            return problem;
        if (e.id == PropertyId::ResponseTopic) {
            // A topic name for the response: [MQTT-3.3.2-14] no wildcards, [MQTT-4.7.3-1] not empty
            if (e.text.isEmpty())
                return name + QStringLiteral(" must not be empty");
            if (!MqttTopic::isValidName(QStringView(e.text)))
                return name + QStringLiteral(" must not contain the wildcards + or #");
        }
    }
    // 3.1.2.11.10 (CONNECT): Authentication Data without Authentication Method is a Protocol
    // Error; in AUTH the method is required outright (3.15.2.2.2).
    const bool hasMethod = (seen >> quint8(PropertyId::AuthenticationMethod)) & 1;
    const bool hasData = (seen >> quint8(PropertyId::AuthenticationData)) & 1;
    if (type == PacketType::Auth && !hasMethod)
        return QStringLiteral("AuthenticationMethod is required in AUTH");
    if (type == PacketType::Connect && !isWill && hasData && !hasMethod)
        return QStringLiteral("AuthenticationData requires AuthenticationMethod in CONNECT");
    return {};
}

bool isReasonCodeAllowed(PacketType type, ProtocolVersion version, Mqtt::ReasonCode reasonCode)
{
    return reasonCodeAllowed(type, version, quint8(reasonCode));
}

} // namespace MqttCodec
