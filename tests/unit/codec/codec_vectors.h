// Copyright (C) 2026 The MqttQt authors.
// SPDX-License-Identifier: BSD-3-Clause
#ifndef CODEC_VECTORS_H
#define CODEC_VECTORS_H

// Byte-exact MQTT packets for tst_codec and the fuzzer's seed corpus (codec_corpus_gen).
//
// Every byte string below was written by hand from the specifications (MQTT 3.1,
// MQTT 3.1.1 OASIS Standard, MQTT 5.0 OASIS Standard), never taken from the encoder.
// Section numbers in comments are those of MQTT 5.0 unless marked otherwise.

#include "codec/mqttcodec_p.h"

#include <QtCore/QByteArray>
#include <QtCore/QList>
#include <QtCore/QString>

#include <cstdio>
#include <cstdlib>

namespace CodecVectors {

using Mqtt::PropertyId;
using Mqtt::ProtocolVersion;
using Mqtt::QoS;
using Mqtt::ReasonCode;
using namespace MqttCodec;

// A packet and its only correct encoding in one protocol version.
struct Vector
{
    QString name;
    ProtocolVersion version;
    QByteArray bytes;
    Packet packet;
};

// Bytes that must be refused, with the reason code and a phrase of the reason text.
struct MalformedVector
{
    QString name;
    ProtocolVersion version;
    QByteArray bytes;
    ReasonCode reasonCode;
    QString reasonContains;
    quint32 maximumPacketSize = MaxPacketSize;
    // False where a stream sees something else than one bad packet: a remaining length
    // that disagrees with the bytes given is "need more" or the start of the next packet.
    bool inStream = true;
};

// Strict hex: pairs of hex digits separated by optional spaces; anything else is a typo
// in this file and aborts (QByteArray::fromHex() would skip it silently).
inline QByteArray hex(const char *text)
{
    QByteArray out;
    int high = -1;
    for (const char *p = text; *p; ++p) {
        const char c = *p;
        int v;
        if (c >= '0' && c <= '9')
            v = c - '0';
        else if (c >= 'A' && c <= 'F')
            v = c - 'A' + 10;
        else if (c >= 'a' && c <= 'f')
            v = c - 'a' + 10;
        else if (c == ' ' && high < 0)
            continue;
        else {
            std::fprintf(stderr, "codec_vectors.h: bad hex text \"%s\"\n", text);
            std::abort();
        }
        if (high < 0) {
            high = v;
        } else {
            out.append(char((high << 4) | v));
            high = -1;
        }
    }
    if (high >= 0) {
        std::fprintf(stderr, "codec_vectors.h: odd number of hex digits in \"%s\"\n", text);
        std::abort();
    }
    return out;
}

inline QString str(const char *utf8)
{
    return QString::fromUtf8(utf8);
}

// Builds MqttProperties in wire order; a setter refusing a value here is a bug in the table.
class Props
{
public:
    Props &integer(PropertyId id, quint32 value) { return check(m_props.setInteger(id, value)); }
    Props &string(PropertyId id, const char *utf8) { return check(m_props.setString(id, str(utf8))); }
    Props &binary(PropertyId id, const QByteArray &value) { return check(m_props.setBinary(id, value)); }
    Props &user(const char *name, const char *value)
    {
        return check(m_props.addUserProperty(str(name), str(value)));
    }
    Props &subscriptionId(quint32 id) { return check(m_props.addSubscriptionIdentifier(id)); }
    operator MqttProperties() const { return m_props; }

private:
    Props &check(bool ok)
    {
        if (!ok) {
            std::fprintf(stderr, "codec_vectors.h: a property setter refused a table value\n");
            std::abort();
        }
        return *this;
    }
    MqttProperties m_props;
};

inline PublishPacket publish(const char *topic, const QByteArray &payload, QoS qos = QoS::AtMostOnce,
                             quint16 packetId = 0, bool retain = false, bool dup = false,
                             const MqttProperties &properties = {})
{
    PublishPacket p;
    p.topic = QByteArray(topic);
    p.payload = payload;
    p.qos = qos;
    p.packetId = packetId;
    p.retain = retain;
    p.dup = dup;
    p.properties = properties;
    return p;
}

template<typename Ack>
Ack ack(quint16 packetId, ReasonCode rc = ReasonCode::Success, const MqttProperties &properties = {})
{
    Ack a;
    a.packetId = packetId;
    a.reasonCode = rc;
    a.properties = properties;
    return a;
}

inline Subscription subscription(const char *filter, QoS qos, bool noLocal = false,
                                 bool retainAsPublished = false,
                                 Mqtt::RetainHandling rh = Mqtt::RetainHandling::SendOnSubscribe)
{
    Subscription s;
    s.filter = str(filter);
    s.qos = qos;
    s.noLocal = noLocal;
    s.retainAsPublished = retainAsPublished;
    s.retainHandling = rh;
    return s;
}

inline SubscribePacket subscribe(quint16 packetId, const QList<Subscription> &subs,
                                 const MqttProperties &properties = {})
{
    SubscribePacket p;
    p.packetId = packetId;
    p.subscriptions = subs;
    p.properties = properties;
    return p;
}

inline SubackPacket suback(quint16 packetId, const QList<ReasonCode> &codes,
                           const MqttProperties &properties = {})
{
    SubackPacket p;
    p.packetId = packetId;
    p.reasonCodes = codes;
    p.properties = properties;
    return p;
}

inline UnsubscribePacket unsubscribe(quint16 packetId, const QList<QString> &filters,
                                     const MqttProperties &properties = {})
{
    UnsubscribePacket p;
    p.packetId = packetId;
    p.filters = filters;
    p.properties = properties;
    return p;
}

inline UnsubackPacket unsuback(quint16 packetId, const QList<ReasonCode> &codes = {},
                               const MqttProperties &properties = {})
{
    UnsubackPacket p;
    p.packetId = packetId;
    p.reasonCodes = codes;
    p.properties = properties;
    return p;
}

inline ConnackPacket connack(bool sessionPresent, quint8 code, const MqttProperties &properties = {})
{
    ConnackPacket p;
    p.sessionPresent = sessionPresent;
    p.reasonCode = ReasonCode(code);
    p.properties = properties;
    return p;
}

inline DisconnectPacket disconnectPacket(ReasonCode rc = ReasonCode::NormalDisconnection,
                                   const MqttProperties &properties = {})
{
    DisconnectPacket p;
    p.reasonCode = rc;
    p.properties = properties;
    return p;
}

inline AuthPacket authPacket(ReasonCode rc = ReasonCode::Success, const MqttProperties &properties = {})
{
    AuthPacket p;
    p.reasonCode = rc;
    p.properties = properties;
    return p;
}

// ---- Valid packets, canonical encodings ----------------------------------------------

inline QList<Vector> vectors()
{
    constexpr auto V31 = ProtocolVersion::V3_1;
    constexpr auto V311 = ProtocolVersion::V3_1_1;
    constexpr auto V5 = ProtocolVersion::V5;
    QList<Vector> v;

    // ======== MQTT 3.1 ========

    {
        ConnectPacket c;
        c.version = V31;
        c.cleanStart = true;
        c.keepAlive = 60;
        c.clientId = str("c1");
        c.username = str("u");
        c.password = QByteArray("pw");
        WillMessage w;
        w.topic = str("w/t");
        w.payload = QByteArray("bye");
        w.qos = QoS::AtLeastOnce;
        w.retain = true;
        c.will = w;
        v.append({ str("CONNECT 3.1 will, user name, password"), V31,
                   hex("10 21"                      // CONNECT, remaining length 33
                       "00 06 4D 51 49 73 64 70"    // protocol name "MQIsdp" (3.1 section 3.1)
                       "03"                         // protocol version 3
                       "EE"                         // user, password, will retain, will QoS 1, will, clean session
                       "00 3C"                      // keep alive 60 s
                       "00 02 63 31"                // client identifier "c1"
                       "00 03 77 2F 74"             // will topic "w/t"
                       "00 03 62 79 65"             // will message "bye"
                       "00 01 75"                   // user name "u"
                       "00 02 70 77"),              // password "pw"
                   c });
    }
    v.append({ str("CONNACK 3.1 accepted"), V31,
               hex("20 02 00 00"), // CONNACK, length 2, reserved byte, return code 0
               connack(false, 0) });
    v.append({ str("CONNACK 3.1 identifier rejected"), V31,
               hex("20 02 00 02"), // return code 2
               connack(false, 2) });
    v.append({ str("PUBLISH 3.1 QoS 1"), V31,
               hex("32 09"           // PUBLISH, QoS 1, remaining length 9
                   "00 03 61 2F 62"  // topic "a/b"
                   "00 0A"           // message id 10
                   "68 69"),         // payload "hi"
               publish("a/b", "hi", QoS::AtLeastOnce, 10) });
    v.append({ str("PUBACK 3.1"), V31, hex("40 02 00 0A"), ack<PubackPacket>(10) });
    v.append({ str("PUBREC 3.1"), V31, hex("50 02 00 0B"), ack<PubrecPacket>(11) });
    v.append({ str("PUBREL 3.1"), V31, hex("62 02 00 0B"), ack<PubrelPacket>(11) }); // QoS 1 bit set
    v.append({ str("PUBCOMP 3.1"), V31, hex("70 02 00 0B"), ack<PubcompPacket>(11) });
    v.append({ str("SUBSCRIBE 3.1"), V31,
               hex("82 08"           // SUBSCRIBE, flags 0010, remaining length 8
                   "00 01"           // message id 1
                   "00 03 61 2F 23"  // topic filter "a/#"
                   "01"),            // requested QoS 1
               subscribe(1, { subscription("a/#", QoS::AtLeastOnce) }) });
    v.append({ str("SUBACK 3.1"), V31, hex("90 03 00 01 01"), // message id 1, granted QoS 1
               suback(1, { ReasonCode::GrantedQoS1 }) });
    v.append({ str("UNSUBSCRIBE 3.1"), V31,
               hex("A2 07 00 02 00 03 61 2F 23"), // message id 2, "a/#"
               unsubscribe(2, { str("a/#") }) });
    v.append({ str("UNSUBACK 3.1"), V31, hex("B0 02 00 02"), unsuback(2) });
    v.append({ str("PINGREQ 3.1"), V31, hex("C0 00"), PingreqPacket{} });
    v.append({ str("PINGRESP 3.1"), V31, hex("D0 00"), PingrespPacket{} });
    v.append({ str("DISCONNECT 3.1"), V31, hex("E0 00"), disconnectPacket() });

    // ======== MQTT 3.1.1 ========

    {
        ConnectPacket c;
        c.clientId = str("cid");
        v.append({ str("CONNECT 3.1.1 minimal"), V311,
                   hex("10 0F"
                       "00 04 4D 51 54 54"  // protocol name "MQTT"
                       "04"                 // protocol level 4
                       "02"                 // clean session
                       "00 3C"              // keep alive 60
                       "00 03 63 69 64"),   // client identifier "cid"
                   c });
    }
    {
        ConnectPacket c; // zero-byte client identifier [MQTT-3.1.3-6]
        v.append({ str("CONNECT 3.1.1 empty client identifier"), V311,
                   hex("10 0C 00 04 4D 51 54 54 04 02 00 3C 00 00"), c });
    }
    {
        ConnectPacket c;
        c.cleanStart = false;
        c.keepAlive = 300;
        c.clientId = str("cid");
        c.username = str("user");
        c.password = hex("00 FF 10"); // binary, not UTF-8
        WillMessage w;
        w.topic = str("status/cid");
        w.payload = QByteArray("offline");
        w.qos = QoS::ExactlyOnce;
        c.will = w;
        v.append({ str("CONNECT 3.1.1 will QoS 2, user name, binary password"), V311,
                   hex("10 2F"
                       "00 04 4D 51 54 54 04"
                       "D4"                                   // user, password, will QoS 2, will
                       "01 2C"                                // keep alive 300
                       "00 03 63 69 64"                       // "cid"
                       "00 0A 73 74 61 74 75 73 2F 63 69 64"  // will topic "status/cid"
                       "00 07 6F 66 66 6C 69 6E 65"           // will message "offline"
                       "00 04 75 73 65 72"                    // user name "user"
                       "00 03 00 FF 10"),                     // password, 3 bytes
                   c });
    }
    {
        ConnectPacket c;
        c.keepAlive = 10;
        c.clientId = str("x");
        c.username = str("\xC3\xBC"); // U+00FC
        WillMessage w;
        w.topic = str("t");
        w.retain = true;
        c.will = w;
        v.append({ str("CONNECT 3.1.1 retained empty will, user name only"), V311,
                   hex("10 16 00 04 4D 51 54 54 04"
                       "A6"           // user, will retain, will QoS 0, will, clean session
                       "00 0A"        // keep alive 10
                       "00 01 78"     // "x"
                       "00 01 74"     // will topic "t"
                       "00 00"        // empty will message
                       "00 02 C3 BC"), // user name U+00FC
                   c });
    }
    {
        ConnectPacket c;
        c.clientId = QString(QChar(0xFEFF)) + str("id");
        v.append({ str("CONNECT 3.1.1 client identifier starting with U+FEFF"), V311,
                   hex("10 11 00 04 4D 51 54 54 04 02 00 3C"
                       "00 05 EF BB BF 69 64"), // kept, not stripped [MQTT-1.5.4-3]
                   c });
    }
    v.append({ str("CONNACK 3.1.1 session present"), V311, hex("20 02 01 00"), connack(true, 0) });
    v.append({ str("CONNACK 3.1.1 not authorised"), V311, hex("20 02 00 05"), connack(false, 5) });
    v.append({ str("PUBLISH 3.1.1 QoS 0"), V311,
               hex("30 0A 00 03 61 2F 62 68 65 6C 6C 6F"), // "a/b", payload "hello"
               publish("a/b", "hello") });
    v.append({ str("PUBLISH 3.1.1 QoS 0 retained, empty payload"), V311,
               hex("31 03 00 01 74"), // RETAIN, topic "t", zero-length payload
               publish("t", QByteArray(), QoS::AtMostOnce, 0, true) });
    v.append({ str("PUBLISH 3.1.1 QoS 1 DUP"), V311,
               hex("3A 0A"          // PUBLISH, DUP, QoS 1
                   "00 03 61 2F 62" // "a/b"
                   "12 34"          // packet identifier 0x1234
                   "01 02 03"),     // payload
               publish("a/b", hex("01 02 03"), QoS::AtLeastOnce, 0x1234, false, true) });
    v.append({ str("PUBLISH 3.1.1 QoS 2 retained"), V311,
               hex("35 14"                                      // PUBLISH, QoS 2, RETAIN
                   "00 0C 73 65 6E 73 6F 72 73 2F 74 65 6D 70"  // "sensors/temp"
                   "FF FF"                                      // packet identifier 65535
                   "32 31 2E 35"),                              // "21.5"
               publish("sensors/temp", "21.5", QoS::ExactlyOnce, 0xFFFF, true) });
    v.append({ str("PUBLISH 3.1.1 topic mixing ASCII runs and U+00FC"), V311,
               hex("30 14"
                   "00 12 61 62 63 64 65 66 67 68 C3 BC 69 6A 6B 6C 6D 6E 6F 70"), // "abcdefgh\u00FCijklmnop"
               publish("abcdefgh\xC3\xBCijklmnop", QByteArray()) });
    v.append({ str("PUBLISH 3.1.1 remaining length 127 (largest 1-byte length)"), V311,
               hex("30 7F 00 01 74") + QByteArray(124, 'z'),
               publish("t", QByteArray(124, 'z')) });
    v.append({ str("PUBLISH 3.1.1 remaining length 128 (smallest 2-byte length)"), V311,
               hex("30 80 01 00 01 74") + QByteArray(125, 'z'),
               publish("t", QByteArray(125, 'z')) });
    v.append({ str("PUBLISH 3.1.1 remaining length 203"), V311,
               hex("30 CB 01 00 01 74") + QByteArray(200, 'x'), // 0x4B + 1 * 128
               publish("t", QByteArray(200, 'x')) });
    v.append({ str("PUBLISH 3.1.1 remaining length 16384 (smallest 3-byte length)"), V311,
               hex("32 80 80 01 00 01 74 00 01") + QByteArray(16379, 'y'),
               publish("t", QByteArray(16379, 'y'), QoS::AtLeastOnce, 1) });
    v.append({ str("PUBACK 3.1.1"), V311, hex("40 02 12 34"), ack<PubackPacket>(0x1234) });
    v.append({ str("PUBREC 3.1.1"), V311, hex("50 02 FF FF"), ack<PubrecPacket>(0xFFFF) });
    v.append({ str("PUBREL 3.1.1"), V311, hex("62 02 FF FF"), ack<PubrelPacket>(0xFFFF) });
    v.append({ str("PUBCOMP 3.1.1"), V311, hex("70 02 FF FF"), ack<PubcompPacket>(0xFFFF) });
    v.append({ str("SUBSCRIBE 3.1.1 three filters"), V311,
               hex("82 12"
                   "00 0A"                // packet identifier 10
                   "00 03 61 2F 2B 00"    // "a/+" QoS 0
                   "00 03 62 2F 23 01"    // "b/#" QoS 1
                   "00 01 63 02"),        // "c" QoS 2
               subscribe(10, { subscription("a/+", QoS::AtMostOnce),
                               subscription("b/#", QoS::AtLeastOnce),
                               subscription("c", QoS::ExactlyOnce) }) });
    v.append({ str("SUBACK 3.1.1 granted and failure"), V311,
               hex("90 06 00 0A 00 01 02 80"), // QoS 0, 1, 2, failure [MQTT-3.9.3-2]
               suback(10, { ReasonCode::GrantedQoS0, ReasonCode::GrantedQoS1,
                            ReasonCode::GrantedQoS2, ReasonCode::UnspecifiedError }) });
    v.append({ str("UNSUBSCRIBE 3.1.1 two filters"), V311,
               hex("A2 0C 00 0B 00 03 61 2F 2B 00 03 62 2F 23"), // id 11, "a/+", "b/#"
               unsubscribe(11, { str("a/+"), str("b/#") }) });
    v.append({ str("UNSUBACK 3.1.1"), V311, hex("B0 02 00 0B"), unsuback(11) });
    v.append({ str("PINGREQ 3.1.1"), V311, hex("C0 00"), PingreqPacket{} });
    v.append({ str("PINGRESP 3.1.1"), V311, hex("D0 00"), PingrespPacket{} });
    v.append({ str("DISCONNECT 3.1.1"), V311, hex("E0 00"), disconnectPacket() });

    // ======== MQTT 5.0 ========

    {
        ConnectPacket c;
        c.version = V5;
        c.clientId = str("cid");
        v.append({ str("CONNECT 5 minimal"), V5,
                   hex("10 10 00 04 4D 51 54 54"
                       "05"               // protocol version 5
                       "02 00 3C"         // clean start, keep alive 60
                       "00"               // property length 0
                       "00 03 63 69 64"), // "cid"
                   c });
    }
    {
        ConnectPacket c;
        c.version = V5;
        c.cleanStart = false;
        c.keepAlive = 30;
        c.clientId = str("cid");
        c.username = str("user");
        c.password = QByteArray("pass");
        c.properties = Props()
                               .integer(PropertyId::SessionExpiryInterval, 3600)
                               .integer(PropertyId::ReceiveMaximum, 20)
                               .integer(PropertyId::MaximumPacketSize, 65536)
                               .integer(PropertyId::TopicAliasMaximum, 10)
                               .integer(PropertyId::RequestResponseInformation, 1)
                               .integer(PropertyId::RequestProblemInformation, 0)
                               .user("k", "v")
                               .user("k", "v2")
                               .string(PropertyId::AuthenticationMethod, "SCRAM")
                               .binary(PropertyId::AuthenticationData, hex("01 02"));
        WillMessage w;
        w.topic = str("w/t");
        w.payload = QByteArray("bye");
        w.qos = QoS::AtLeastOnce;
        w.properties = Props()
                               .integer(PropertyId::WillDelayInterval, 5)
                               .integer(PropertyId::PayloadFormatIndicator, 1)
                               .integer(PropertyId::MessageExpiryInterval, 60)
                               .string(PropertyId::ContentType, "text/plain")
                               .string(PropertyId::ResponseTopic, "r")
                               .binary(PropertyId::CorrelationData, hex("AB CD"))
                               .user("w", "\xF0\x9F\x98\x80"); // U+1F600, a surrogate pair in UTF-16
        c.will = w;
        v.append({ str("CONNECT 5 all connect and will properties"), V5,
                   hex("10 83 01"                     // remaining length 131
                       "00 04 4D 51 54 54 05"
                       "CC"                           // user, password, will QoS 1, will
                       "00 1E"                        // keep alive 30
                       "30"                           // property length 48 (3.1.2.11)
                       "11 00 00 0E 10"               // Session Expiry Interval 3600
                       "21 00 14"                     // Receive Maximum 20
                       "27 00 01 00 00"               // Maximum Packet Size 65536
                       "22 00 0A"                     // Topic Alias Maximum 10
                       "19 01"                        // Request Response Information 1
                       "17 00"                        // Request Problem Information 0
                       "26 00 01 6B 00 01 76"         // User Property k=v
                       "26 00 01 6B 00 02 76 32"      // User Property k=v2, same name again
                       "15 00 05 53 43 52 41 4D"      // Authentication Method "SCRAM"
                       "16 00 02 01 02"               // Authentication Data 01 02
                       "00 03 63 69 64"               // client identifier "cid"
                       "2C"                           // will property length 44 (3.1.3.2)
                       "18 00 00 00 05"               // Will Delay Interval 5
                       "01 01"                        // Payload Format Indicator 1
                       "02 00 00 00 3C"               // Message Expiry Interval 60
                       "03 00 0A 74 65 78 74 2F 70 6C 61 69 6E" // Content Type "text/plain"
                       "08 00 01 72"                  // Response Topic "r"
                       "09 00 02 AB CD"               // Correlation Data AB CD
                       "26 00 01 77 00 04 F0 9F 98 80" // User Property w=U+1F600
                       "00 03 77 2F 74"               // will topic "w/t"
                       "00 03 62 79 65"               // will payload "bye"
                       "00 04 75 73 65 72"            // user name "user"
                       "00 04 70 61 73 73"),          // password "pass"
                   c });
    }
    {
        ConnectPacket c;
        c.version = V5;
        c.password = QByteArray("*");
        v.append({ str("CONNECT 5 password without user name"), V5,
                   hex("10 10 00 04 4D 51 54 54 05"
                       "42"          // password, clean start (allowed in 5.0, 3.1.2.9)
                       "00 3C 00"
                       "00 00"       // empty client identifier
                       "00 01 2A"),  // password "*"
                   c });
    }
    v.append({ str("CONNACK 5 all connack properties"), V5,
               hex("20 4D"
                   "01"                       // session present
                   "00"                       // Success
                   "4A"                       // property length 74
                   "11 00 00 00 78"           // Session Expiry Interval 120
                   "21 00 0A"                 // Receive Maximum 10
                   "24 01"                    // Maximum QoS 1
                   "25 00"                    // Retain Available 0
                   "27 00 00 10 00"           // Maximum Packet Size 4096
                   "12 00 03 61 62 63"        // Assigned Client Identifier "abc"
                   "22 00 05"                 // Topic Alias Maximum 5
                   "1F 00 02 6F 6B"           // Reason String "ok"
                   "26 00 01 61 00 01 62"     // User Property a=b
                   "28 01"                    // Wildcard Subscription Available 1
                   "29 00"                    // Subscription Identifiers Available 0
                   "2A 01"                    // Shared Subscription Available 1
                   "13 00 3C"                 // Server Keep Alive 60
                   "1A 00 04 72 65 73 70"     // Response Information "resp"
                   "1C 00 03 73 72 76"        // Server Reference "srv"
                   "15 00 05 53 43 52 41 4D"  // Authentication Method "SCRAM"
                   "16 00 03 01 02 03"),      // Authentication Data 01 02 03
               connack(true, 0,
                       Props()
                               .integer(PropertyId::SessionExpiryInterval, 120)
                               .integer(PropertyId::ReceiveMaximum, 10)
                               .integer(PropertyId::MaximumQoS, 1)
                               .integer(PropertyId::RetainAvailable, 0)
                               .integer(PropertyId::MaximumPacketSize, 4096)
                               .string(PropertyId::AssignedClientIdentifier, "abc")
                               .integer(PropertyId::TopicAliasMaximum, 5)
                               .string(PropertyId::ReasonString, "ok")
                               .user("a", "b")
                               .integer(PropertyId::WildcardSubscriptionAvailable, 1)
                               .integer(PropertyId::SubscriptionIdentifierAvailable, 0)
                               .integer(PropertyId::SharedSubscriptionAvailable, 1)
                               .integer(PropertyId::ServerKeepAlive, 60)
                               .string(PropertyId::ResponseInformation, "resp")
                               .string(PropertyId::ServerReference, "srv")
                               .string(PropertyId::AuthenticationMethod, "SCRAM")
                               .binary(PropertyId::AuthenticationData, hex("01 02 03"))) });
    v.append({ str("CONNACK 5 not authorized"), V5,
               hex("20 03 00 87 00"), // no session, Not authorized, no properties
               connack(false, 0x87) });
    v.append({ str("PUBLISH 5 QoS 0 no properties"), V5,
               hex("30 0B 00 03 61 2F 62 00 68 65 6C 6C 6F"), // property length 0
               publish("a/b", "hello") });
    v.append({ str("PUBLISH 5 QoS 1 all publish properties, repeated user properties and subscription identifiers"), V5,
               hex("32 59"
                   "00 03 61 2F 62"                 // "a/b"
                   "00 01"                          // packet identifier 1
                   "4F"                             // property length 79
                   "01 01"                          // Payload Format Indicator 1 (UTF-8)
                   "02 00 00 01 2C"                 // Message Expiry Interval 300
                   "23 00 07"                       // Topic Alias 7
                   "08 00 05 72 65 70 6C 79"        // Response Topic "reply"
                   "09 00 02 00 01"                 // Correlation Data 00 01
                   "26 00 02 6B 31 00 02 76 31"     // User Property k1=v1
                   "26 00 02 6B 32 00 02 76 32"     // User Property k2=v2
                   "26 00 02 6B 31 00 02 76 33"     // User Property k1=v3 (order kept, 3.3.2.3.7)
                   "0B 01"                          // Subscription Identifier 1
                   "0B 80 01"                       // Subscription Identifier 128
                   "0B FF FF FF 7F"                 // Subscription Identifier 268435455
                   "03 00 10 61 70 70 6C 69 63 61 74 69 6F 6E 2F 6A 73 6F 6E" // "application/json"
                   "7B 7D"),                        // payload "{}"
               publish("a/b", "{}", QoS::AtLeastOnce, 1, false, false,
                       Props()
                               .integer(PropertyId::PayloadFormatIndicator, 1)
                               .integer(PropertyId::MessageExpiryInterval, 300)
                               .integer(PropertyId::TopicAlias, 7)
                               .string(PropertyId::ResponseTopic, "reply")
                               .binary(PropertyId::CorrelationData, hex("00 01"))
                               .user("k1", "v1")
                               .user("k2", "v2")
                               .user("k1", "v3")
                               .subscriptionId(1)
                               .subscriptionId(128)
                               .subscriptionId(268435455)
                               .string(PropertyId::ContentType, "application/json")) });
    v.append({ str("PUBLISH 5 QoS 2 DUP RETAIN topic alias without topic name"), V5,
               hex("3D 09"     // PUBLISH, DUP, QoS 2, RETAIN
                   "00 00"     // zero-length topic name (3.3.2.3.4)
                   "BE EF"     // packet identifier
                   "03 23 00 01" // Topic Alias 1
                   "78"),      // "x"
               publish("", "x", QoS::ExactlyOnce, 0xBEEF, true, true,
                       Props().integer(PropertyId::TopicAlias, 1)) });
    v.append({ str("PUBACK 5 success, short form"), V5,
               hex("40 02 00 01"), // remaining length 2: Success, no properties (3.4.2.1)
               ack<PubackPacket>(1) });
    v.append({ str("PUBACK 5 reason code only"), V5,
               hex("40 03 00 01 10"), // No matching subscribers, no property length
               ack<PubackPacket>(1, ReasonCode::NoMatchingSubscribers) });
    v.append({ str("PUBACK 5 reason code and properties"), V5,
               hex("40 13 00 01"
                   "97"                        // Quota exceeded
                   "0F"                        // property length 15
                   "1F 00 05 71 75 6F 74 61"   // Reason String "quota"
                   "26 00 01 61 00 01 62"),    // User Property a=b
               ack<PubackPacket>(1, ReasonCode::QuotaExceeded,
                                 Props().string(PropertyId::ReasonString, "quota").user("a", "b")) });
    v.append({ str("PUBACK 5 success with properties"), V5,
               hex("40 0B 00 02 00 07 26 00 01 61 00 01 62"), // Success written before properties
               ack<PubackPacket>(2, ReasonCode::Success, Props().user("a", "b")) });
    v.append({ str("PUBREC 5 success, short form"), V5, hex("50 02 00 03"), ack<PubrecPacket>(3) });
    v.append({ str("PUBREC 5 reason code only"), V5, hex("50 03 00 03 80"),
               ack<PubrecPacket>(3, ReasonCode::UnspecifiedError) });
    v.append({ str("PUBREC 5 reason code and properties"), V5,
               hex("50 0A 00 03 91 06 1F 00 03 64 75 70"), // Packet Identifier in use, "dup"
               ack<PubrecPacket>(3, ReasonCode::PacketIdentifierInUse,
                                 Props().string(PropertyId::ReasonString, "dup")) });
    v.append({ str("PUBREL 5 success, short form"), V5, hex("62 02 00 04"), ack<PubrelPacket>(4) });
    v.append({ str("PUBREL 5 reason code only"), V5, hex("62 03 00 04 92"),
               ack<PubrelPacket>(4, ReasonCode::PacketIdentifierNotFound) });
    v.append({ str("PUBREL 5 reason code and properties"), V5,
               hex("62 0B 00 04 92 07 26 00 01 78 00 01 79"), // User Property x=y
               ack<PubrelPacket>(4, ReasonCode::PacketIdentifierNotFound, Props().user("x", "y")) });
    v.append({ str("PUBCOMP 5 success, short form"), V5, hex("70 02 00 05"), ack<PubcompPacket>(5) });
    v.append({ str("PUBCOMP 5 reason code only"), V5, hex("70 03 00 05 92"),
               ack<PubcompPacket>(5, ReasonCode::PacketIdentifierNotFound) });
    v.append({ str("PUBCOMP 5 reason code and properties"), V5,
               hex("70 0B 00 05 92 07 1F 00 04 6C 6F 73 74"), // Reason String "lost"
               ack<PubcompPacket>(5, ReasonCode::PacketIdentifierNotFound,
                                  Props().string(PropertyId::ReasonString, "lost")) });
    v.append({ str("SUBSCRIBE 5 subscription options and properties"), V5,
               hex("82 25"
                   "00 10"                   // packet identifier 16
                   "09"                      // property length 9
                   "0B 2A"                   // Subscription Identifier 42
                   "26 00 01 61 00 01 62"    // User Property a=b
                   "00 03 61 2F 2B 0D"       // "a/+": QoS 1, No Local, Retain As Published
                   "00 03 62 2F 23 12"       // "b/#": QoS 2, Retain Handling 1
                   "00 0A 24 73 68 61 72 65 2F 67 2F 63 20"), // "$share/g/c": QoS 0, Retain Handling 2
               subscribe(16,
                         { subscription("a/+", QoS::AtLeastOnce, true, true),
                           subscription("b/#", QoS::ExactlyOnce, false, false,
                                        Mqtt::RetainHandling::SendOnNewSubscribe),
                           subscription("$share/g/c", QoS::AtMostOnce, false, false,
                                        Mqtt::RetainHandling::DoNotSend) },
                         Props().subscriptionId(42).user("a", "b")) });
    v.append({ str("SUBACK 5 every SUBACK reason code"), V5,
               hex("90 13 00 10"
                   "04 1F 00 01 72"                        // Reason String "r"
                   "01 02 00 80 8F 9E A1 A2 97 87 83 91"), // 3.9.3 table
               suback(16,
                      { ReasonCode::GrantedQoS1, ReasonCode::GrantedQoS2, ReasonCode::GrantedQoS0,
                        ReasonCode::UnspecifiedError, ReasonCode::TopicFilterInvalid,
                        ReasonCode::SharedSubscriptionsNotSupported,
                        ReasonCode::SubscriptionIdentifiersNotSupported,
                        ReasonCode::WildcardSubscriptionsNotSupported, ReasonCode::QuotaExceeded,
                        ReasonCode::NotAuthorized, ReasonCode::ImplementationSpecificError,
                        ReasonCode::PacketIdentifierInUse },
                      Props().string(PropertyId::ReasonString, "r")) });
    v.append({ str("UNSUBSCRIBE 5 with user property"), V5,
               hex("A2 1B 00 11"
                   "07 26 00 01 61 00 01 62"                   // User Property a=b
                   "00 03 61 2F 2B"                            // "a/+"
                   "00 0A 24 73 68 61 72 65 2F 67 2F 63"),     // "$share/g/c"
               unsubscribe(17, { str("a/+"), str("$share/g/c") }, Props().user("a", "b")) });
    v.append({ str("UNSUBACK 5 every UNSUBACK reason code"), V5,
               hex("B0 0A 00 11 00 00 11 80 83 87 8F 91"), // no properties, 3.11.3 table
               unsuback(17,
                        { ReasonCode::Success, ReasonCode::NoSubscriptionExisted,
                          ReasonCode::UnspecifiedError, ReasonCode::ImplementationSpecificError,
                          ReasonCode::NotAuthorized, ReasonCode::TopicFilterInvalid,
                          ReasonCode::PacketIdentifierInUse }) });
    v.append({ str("UNSUBACK 5 with reason string"), V5,
               hex("B0 09 00 12 05 1F 00 02 6E 6F 00"), // Reason String "no", Success
               unsuback(18, { ReasonCode::Success }, Props().string(PropertyId::ReasonString, "no")) });
    v.append({ str("PINGREQ 5"), V5, hex("C0 00"), PingreqPacket{} });
    v.append({ str("PINGRESP 5"), V5, hex("D0 00"), PingrespPacket{} });
    v.append({ str("DISCONNECT 5 normal, short form"), V5,
               hex("E0 00"), // remaining length 0: Normal disconnection (3.14.2.1)
               disconnectPacket() });
    v.append({ str("DISCONNECT 5 reason code only"), V5,
               hex("E0 01 04"), // Disconnect with Will Message; no property length (3.14.2.2.1)
               disconnectPacket(ReasonCode::DisconnectWithWillMessage) });
    v.append({ str("DISCONNECT 5 reason code and properties"), V5,
               hex("E0 1D"
                   "9C"                         // Use another server
                   "1B"                         // property length 27
                   "11 00 00 00 00"             // Session Expiry Interval 0
                   "1F 00 04 62 79 65 21"       // Reason String "bye!"
                   "1C 00 05 6F 74 68 65 72"    // Server Reference "other"
                   "26 00 01 61 00 01 62"),     // User Property a=b
               disconnectPacket(ReasonCode::UseAnotherServer,
                          Props()
                                  .integer(PropertyId::SessionExpiryInterval, 0)
                                  .string(PropertyId::ReasonString, "bye!")
                                  .string(PropertyId::ServerReference, "other")
                                  .user("a", "b")) });
    v.append({ str("AUTH 5 success, short form"), V5, hex("F0 00"), authPacket() });
    v.append({ str("AUTH 5 continue authentication"), V5,
               hex("F0 1D"
                   "18"                         // Continue authentication
                   "1B"                         // property length 27
                   "15 00 05 53 43 52 41 4D"    // Authentication Method "SCRAM"
                   "16 00 04 DE AD BE EF"       // Authentication Data
                   "1F 00 02 68 69"             // Reason String "hi"
                   "26 00 01 61 00 01 62"),     // User Property a=b
               authPacket(ReasonCode::ContinueAuthentication,
                    Props()
                            .string(PropertyId::AuthenticationMethod, "SCRAM")
                            .binary(PropertyId::AuthenticationData, hex("DE AD BE EF"))
                            .string(PropertyId::ReasonString, "hi")
                            .user("a", "b")) });
    v.append({ str("AUTH 5 re-authenticate without properties"), V5,
               hex("F0 02 19 00"), // the property length stays: only both may be omitted (3.15.2.1)
               authPacket(ReasonCode::ReAuthenticate) });
    return v;
}

// ---- Valid but not canonical: decode to the packet, encode to something shorter ------

inline QList<Vector> nonCanonicalVectors()
{
    constexpr auto V5 = ProtocolVersion::V5;
    QList<Vector> v;
    v.append({ str("PUBACK 5 success with explicit reason code"), V5, hex("40 03 00 01 00"),
               ack<PubackPacket>(1) });
    v.append({ str("PUBACK 5 success with empty property length"), V5, hex("40 04 00 01 00 00"),
               ack<PubackPacket>(1) });
    v.append({ str("PUBREL 5 reason code with empty property length"), V5,
               hex("62 04 00 04 92 00"), ack<PubrelPacket>(4, ReasonCode::PacketIdentifierNotFound) });
    v.append({ str("DISCONNECT 5 explicit normal disconnection"), V5, hex("E0 01 00"), disconnectPacket() });
    v.append({ str("DISCONNECT 5 explicit normal disconnection, empty properties"), V5,
               hex("E0 02 00 00"), disconnectPacket() });
    v.append({ str("AUTH 5 explicit success, empty properties"), V5, hex("F0 02 00 00"), authPacket() });
    return v;
}

// ---- Refused packets -----------------------------------------------------------------

inline QList<MalformedVector> malformedVectors()
{
    constexpr auto V31 = ProtocolVersion::V3_1;
    constexpr auto V311 = ProtocolVersion::V3_1_1;
    constexpr auto V5 = ProtocolVersion::V5;
    constexpr auto Malformed = ReasonCode::MalformedPacket;
    constexpr auto Protocol = ReasonCode::ProtocolError;
    QList<MalformedVector> m;
    auto add = [&m](const char *name, ProtocolVersion version, const QByteArray &bytes,
                    ReasonCode rc, const char *reason) {
        m.append({ str(name), version, bytes, rc, str(reason) });
    };

    // Variable byte integers [MQTT-1.5.5-1]: at most 4 bytes, minimally encoded.
    add("remaining length 0 in 2 bytes", V311, hex("C0 80 00"), Malformed,
        "remaining length is not minimally encoded");
    add("remaining length 5 in 4 bytes", V311, hex("30 85 80 80 00"), Malformed,
        "remaining length is not minimally encoded");
    add("remaining length of 5 bytes", V311, hex("30 FF FF FF FF 7F"), Malformed,
        "remaining length is longer than 4 bytes");
    add("property length 0 in 2 bytes", V5, hex("30 06 00 01 61 80 00 78"), Malformed,
        "property length is not minimally encoded");
    add("property identifier 1 in 2 bytes", V5, hex("30 07 00 01 61 03 81 00 01"), Malformed,
        "property identifier is not minimally encoded");
    add("subscription identifier 1 in 2 bytes", V5, hex("30 07 00 01 61 03 0B 81 00"), Malformed,
        "property value is not minimally encoded");
    add("subscription identifier of 5 bytes", V5, hex("30 0A 00 01 61 06 0B FF FF FF FF 01"),
        Malformed, "property value is longer than 4 bytes");

    // Reserved fixed header flags [MQTT-2.1.3-1]: 0010 for PUBREL, SUBSCRIBE and
    // UNSUBSCRIBE, 0000 for the others.
    add("CONNECT flags 0001", V311, hex("11 0C 00 04 4D 51 54 54 04 02 00 3C 00 00"), Malformed,
        "CONNECT has reserved fixed header flags 0x01");
    add("CONNACK flags 0001", V311, hex("21 02 00 00"), Malformed,
        "CONNACK has reserved fixed header flags 0x01");
    add("PUBACK flags 0010", V311, hex("42 02 00 01"), Malformed,
        "PUBACK has reserved fixed header flags 0x02");
    add("PUBREC flags 1000", V311, hex("58 02 00 01"), Malformed,
        "PUBREC has reserved fixed header flags 0x08");
    add("PUBREL flags 0000", V311, hex("60 02 00 01"), Malformed,
        "PUBREL has reserved fixed header flags 0x00");
    add("PUBREL flags 0011", V311, hex("63 02 00 01"), Malformed,
        "PUBREL has reserved fixed header flags 0x03");
    add("PUBCOMP flags 0001", V311, hex("71 02 00 01"), Malformed,
        "PUBCOMP has reserved fixed header flags 0x01");
    add("SUBSCRIBE flags 0000", V311, hex("80 06 00 01 00 01 61 00"), Malformed,
        "SUBSCRIBE has reserved fixed header flags 0x00");
    add("SUBACK flags 0010", V311, hex("92 03 00 01 00"), Malformed,
        "SUBACK has reserved fixed header flags 0x02");
    add("UNSUBSCRIBE flags 0000", V311, hex("A0 05 00 01 00 01 61"), Malformed,
        "UNSUBSCRIBE has reserved fixed header flags 0x00");
    add("UNSUBSCRIBE flags 1010", V311, hex("AA 05 00 01 00 01 61"), Malformed,
        "UNSUBSCRIBE has reserved fixed header flags 0x0a");
    add("UNSUBACK flags 0100", V311, hex("B4 02 00 01"), Malformed,
        "UNSUBACK has reserved fixed header flags 0x04");
    add("PINGREQ flags 0001", V311, hex("C1 00"), Malformed,
        "PINGREQ has reserved fixed header flags 0x01");
    add("PINGRESP flags 1000", V311, hex("D8 00"), Malformed,
        "PINGRESP has reserved fixed header flags 0x08");
    add("DISCONNECT flags 0010", V311, hex("E2 00"), Malformed,
        "DISCONNECT has reserved fixed header flags 0x02");
    add("AUTH flags 0001", V5, hex("F1 00"), Malformed, "AUTH has reserved fixed header flags 0x01");

    // PUBLISH fixed header [MQTT-3.3.1-4] [MQTT-3.3.1-2]
    add("PUBLISH QoS 3", V311, hex("36 05 00 01 61 00 01"), Malformed, "PUBLISH has QoS 3");
    add("PUBLISH QoS 3 in MQTT 5", V5, hex("36 06 00 01 61 00 01 00"), Malformed,
        "PUBLISH has QoS 3");
    add("PUBLISH QoS 0 with DUP", V311, hex("38 03 00 01 61"), Malformed,
        "PUBLISH has DUP set with QoS 0");

    // Packet identifier 0 [MQTT-2.2.1-3]
    add("PUBLISH QoS 1 packet identifier 0", V311, hex("32 05 00 01 61 00 00"), Malformed,
        "PUBLISH packet identifier is 0");
    add("PUBLISH QoS 2 packet identifier 0", V5, hex("34 06 00 01 61 00 00 00"), Malformed,
        "PUBLISH packet identifier is 0");
    add("PUBACK packet identifier 0", V311, hex("40 02 00 00"), Malformed,
        "PUBACK packet identifier is 0");
    add("PUBREC packet identifier 0", V311, hex("50 02 00 00"), Malformed,
        "PUBREC packet identifier is 0");
    add("PUBREL packet identifier 0", V311, hex("62 02 00 00"), Malformed,
        "PUBREL packet identifier is 0");
    add("PUBCOMP packet identifier 0", V5, hex("70 02 00 00"), Malformed,
        "PUBCOMP packet identifier is 0");
    add("SUBSCRIBE packet identifier 0", V311, hex("82 06 00 00 00 01 61 00"), Malformed,
        "SUBSCRIBE packet identifier is 0");
    add("SUBACK packet identifier 0", V311, hex("90 03 00 00 00"), Malformed,
        "SUBACK packet identifier is 0");
    add("UNSUBSCRIBE packet identifier 0", V311, hex("A2 05 00 00 00 01 61"), Malformed,
        "UNSUBSCRIBE packet identifier is 0");
    add("UNSUBACK packet identifier 0", V311, hex("B0 02 00 00"), Malformed,
        "UNSUBACK packet identifier is 0");

    // UTF-8 encoded strings [MQTT-1.5.4-1] [MQTT-1.5.4-2]
    add("topic with bad continuation byte", V311, hex("30 05 00 03 61 C3 28"), Malformed,
        "topic name is not valid UTF-8");
    add("topic with overlong 2-byte '/'", V311, hex("30 04 00 02 C0 AF"), Malformed,
        "topic name is not valid UTF-8");
    add("topic with overlong 3-byte '/'", V311, hex("30 05 00 03 E0 80 AF"), Malformed,
        "topic name is not valid UTF-8");
    add("topic with code point above U+10FFFF", V311, hex("30 06 00 04 F4 90 80 80"), Malformed,
        "topic name is not valid UTF-8");
    add("topic with truncated sequence", V311, hex("30 04 00 02 E2 82"), Malformed,
        "topic name is not valid UTF-8");
    add("topic with U+0000", V311, hex("30 05 00 03 61 00 62"), Malformed,
        "topic name contains U+0000");
    add("topic with encoded surrogate U+D800", V311, hex("30 05 00 03 ED A0 80"), Malformed,
        "topic name contains a UTF-16 surrogate");
    // The same past the validator's eight-bytes-at-a-time ASCII scan
    add("topic with U+0000 after 9 ASCII bytes", V311,
        hex("30 0C 00 0A 61 62 63 64 65 66 67 68 69 00"), Malformed, "topic name contains U+0000");
    add("topic with bad continuation byte after 8 ASCII bytes", V311,
        hex("30 0C 00 0A 61 62 63 64 65 66 67 68 C3 28"), Malformed, "topic name is not valid UTF-8");
    add("topic with encoded surrogate after 16 ASCII bytes", V311,
        hex("30 15 00 13 61 61 61 61 61 61 61 61 61 61 61 61 61 61 61 61 ED A0 80"), Malformed,
        "topic name contains a UTF-16 surrogate");
    add("topic with U+0000 after 8 ASCII bytes and U+00FC", V311,
        hex("30 0D 00 0B 61 62 63 64 65 66 67 68 C3 BC 00"), Malformed, "topic name contains U+0000");
    add("client identifier with U+0000", V311,
        hex("10 0F 00 04 4D 51 54 54 04 02 00 3C 00 03 61 00 62"), Malformed,
        "client identifier contains U+0000");
    add("user property name not UTF-8", V5, hex("30 0A 00 01 61 06 26 00 01 FF 00 00"), Malformed,
        "user property name is not valid UTF-8");
    add("topic filter with encoded surrogate U+DC00", V311, hex("82 08 00 01 00 03 ED B0 80 00"),
        Malformed, "topic filter contains a UTF-16 surrogate");

    // Topic names and filters [MQTT-3.3.2-2] [MQTT-4.7.1-2] [MQTT-4.7.1-3]
    add("topic name with +", V311, hex("30 05 00 03 61 2F 2B"), Malformed,
        "PUBLISH topic name contains a wildcard");
    add("topic name with + after 8 bytes", V311, hex("30 0C 00 0A 61 62 63 64 65 66 67 68 2F 2B"),
        Malformed, "PUBLISH topic name contains a wildcard");
    add("topic name with #", V5, hex("30 06 00 03 61 2F 23 00"), Malformed,
        "PUBLISH topic name contains a wildcard");
    add("empty topic name in MQTT 3.1.1", V311, hex("30 02 00 00"), Malformed,
        "PUBLISH has an empty topic name");
    add("empty topic name without topic alias", V5, hex("30 03 00 00 00"), Protocol,
        "has an empty topic name and no topic alias");
    add("will topic with #", V311,
        hex("10 14 00 04 4D 51 54 54 04 06 00 3C 00 01 78 00 03 61 2F 23 00 00"), Malformed,
        "will topic is empty or contains a wildcard");
    add("subscription filter a/b#", V311, hex("82 09 00 01 00 04 61 2F 62 23 00"), Malformed,
        "has invalid topic filter");
    add("unsubscribe filter a+", V311, hex("A2 06 00 01 00 02 61 2B"), Malformed,
        "has invalid topic filter");

    // Empty lists [MQTT-3.8.3-2] [MQTT-3.10.3-2]
    add("SUBSCRIBE without filters", V311, hex("82 02 00 01"), Protocol,
        "SUBSCRIBE has no topic filters");
    add("SUBSCRIBE 5 without filters", V5, hex("82 03 00 01 00"), Protocol,
        "SUBSCRIBE has no topic filters");
    add("UNSUBSCRIBE without filters", V311, hex("A2 02 00 01"), Protocol,
        "UNSUBSCRIBE has no topic filters");
    add("SUBACK without reason codes", V311, hex("90 02 00 01"), Protocol,
        "SUBACK has no reason codes");
    add("UNSUBACK 5 without reason codes", V5, hex("B0 03 00 01 00"), Protocol,
        "UNSUBACK has no reason codes");

    // Properties (2.2.2.2): allowed per packet, known, at most once, inside the packet.
    add("PUBLISH with Session Expiry Interval", V5, hex("30 09 00 01 61 05 11 00 00 00 01"),
        Malformed, "PUBLISH may not carry property 0x11");
    add("CONNECT with Will Delay Interval", V5,
        hex("10 12 00 04 4D 51 54 54 05 02 00 3C 05 18 00 00 00 01 00 00"), Malformed,
        "CONNECT may not carry property 0x18");
    add("will with Session Expiry Interval", V5,
        hex("10 18 00 04 4D 51 54 54 05 06 00 3C 00 00 00 05 11 00 00 00 01 00 01 74 00 00"),
        Malformed, "CONNECT may not carry property 0x11 in its will");
    add("PUBACK with Topic Alias", V5, hex("40 07 00 01 00 03 23 00 01"), Malformed,
        "PUBACK may not carry property 0x23");
    add("DISCONNECT with Receive Maximum", V5, hex("E0 05 00 03 21 00 0A"), Malformed,
        "DISCONNECT may not carry property 0x21");
    add("SUBACK with Subscription Identifier", V5, hex("90 06 00 01 02 0B 01 00"), Malformed,
        "SUBACK may not carry property 0x0b");
    add("AUTH with Session Expiry Interval", V5, hex("F0 07 18 05 11 00 00 00 01"), Malformed,
        "AUTH may not carry property 0x11");
    add("unknown property 0x04", V5, hex("30 06 00 01 61 02 04 00"), Malformed,
        "has unknown property identifier 0x04");
    add("unknown property 0x00", V5, hex("30 06 00 01 61 02 00 00"), Malformed,
        "has unknown property identifier 0x00");
    add("unknown property 0x80", V5, hex("30 06 00 01 61 02 80 01"), Malformed,
        "has unknown property identifier 0x80");
    add("Message Expiry Interval twice", V5,
        hex("30 0E 00 01 61 0A 02 00 00 00 01 02 00 00 00 02"), Protocol,
        "PUBLISH repeats property 0x02");
    add("Reason String twice", V5, hex("40 0C 00 01 80 08 1F 00 01 61 1F 00 01 62"), Protocol,
        "PUBACK repeats property 0x1f");
    add("Subscription Identifier twice in SUBSCRIBE", V5,
        hex("82 0B 00 01 04 0B 01 0B 02 00 01 61 00"), Protocol,
        "SUBSCRIBE repeats property 0x0b");
    add("Topic Alias 0", V5, hex("30 07 00 01 61 03 23 00 00"), Protocol,
        "has property 0x23 with invalid value 0");
    add("Payload Format Indicator 2", V5, hex("30 06 00 01 61 02 01 02"), Protocol,
        "has property 0x01 with invalid value 2");
    add("Maximum QoS 2", V5, hex("20 05 00 00 02 24 02"), Protocol,
        "has property 0x24 with invalid value 2");
    add("Receive Maximum 0", V5, hex("20 06 00 00 03 21 00 00"), Protocol,
        "has property 0x21 with invalid value 0");
    add("Subscription Identifier 0", V5, hex("30 06 00 01 61 02 0B 00"), Protocol,
        "has property 0x0b with invalid value 0");
    add("property length past the packet", V5, hex("30 05 00 01 61 05 01"), Malformed,
        "property length runs past the end of the packet");
    add("property value past the property length", V5, hex("30 06 00 01 61 02 02 00"), Malformed,
        "property value runs past the end of the packet");
    add("property string past the property length", V5, hex("30 07 00 01 61 03 03 00 05"),
        Malformed, "property string runs past the end of the packet");
    add("CONNACK 5 without property length", V5, hex("20 02 00 00"), Malformed,
        "CONNACK property length runs past the end of the packet");

    // Lengths of fields and packets
    add("topic length past the packet", V311, hex("30 03 00 0A 61"), Malformed,
        "PUBLISH topic name runs past the end of the packet");
    add("client identifier length past the packet", V311,
        hex("10 0D 00 04 4D 51 54 54 04 02 00 3C 00 03 61"), Malformed,
        "CONNECT client identifier runs past the end of the packet");
    add("PUBACK without packet identifier", V311, hex("40 01 00"), Malformed,
        "PUBACK packet identifier runs past the end of the packet");
    add("PUBACK 3.1.1 trailing byte", V311, hex("40 03 00 01 00"), Malformed,
        "1 unexpected bytes after the end of the packet");
    add("PUBACK 5 trailing byte after properties", V5, hex("40 05 00 01 00 00 FF"), Malformed,
        "1 unexpected bytes after the end of the packet");
    add("CONNACK 3.1.1 trailing byte", V311, hex("20 03 00 00 00"), Malformed,
        "unexpected bytes after the end of the packet");
    add("PINGREQ trailing byte", V311, hex("C0 01 00"), Malformed,
        "PINGREQ 1 unexpected bytes after the end of the packet");
    add("PINGRESP trailing bytes", V5, hex("D0 02 00 00"), Malformed,
        "PINGRESP 2 unexpected bytes after the end of the packet");
    add("DISCONNECT 3.1.1 trailing byte", V311, hex("E0 01 00"), Malformed,
        "DISCONNECT 1 unexpected bytes after the end of the packet");
    add("UNSUBACK 3.1.1 trailing byte", V311, hex("B0 03 00 01 00"), Malformed,
        "unexpected bytes after the end of the packet");
    add("CONNECT trailing byte", V311, hex("10 0D 00 04 4D 51 54 54 04 02 00 3C 00 00 00"),
        Malformed, "CONNECT 1 unexpected bytes after the end of the packet");

    // Reason codes each packet may carry (3.2.2.2, 3.4.2.1, ..., 3.15.2.1).
    add("CONNACK 3.1.1 return code 6", V311, hex("20 02 00 06"), Malformed,
        "CONNACK has reason code 0x06, which is not allowed");
    add("CONNACK 5 reason code 0x01", V5, hex("20 03 00 01 00"), Malformed,
        "CONNACK has reason code 0x01, which is not allowed");
    add("PUBACK 5 reason code 0x92", V5, hex("40 03 00 01 92"), Malformed,
        "PUBACK has reason code 0x92, which is not allowed");
    add("PUBREC 5 reason code 0x92", V5, hex("50 03 00 01 92"), Malformed,
        "PUBREC has reason code 0x92, which is not allowed");
    add("PUBREL 5 reason code 0x10", V5, hex("62 03 00 01 10"), Malformed,
        "PUBREL has reason code 0x10, which is not allowed");
    add("PUBCOMP 5 reason code 0x80", V5, hex("70 03 00 01 80"), Malformed,
        "PUBCOMP has reason code 0x80, which is not allowed");
    add("SUBACK 3.1.1 return code 0x03", V311, hex("90 03 00 01 03"), Malformed,
        "SUBACK has reason code 0x03, which is not allowed");
    add("SUBACK 5 reason code 0x11", V5, hex("90 04 00 01 00 11"), Malformed,
        "SUBACK has reason code 0x11, which is not allowed");
    add("UNSUBACK 5 reason code 0x01", V5, hex("B0 04 00 01 00 01"), Malformed,
        "UNSUBACK has reason code 0x01, which is not allowed");
    add("DISCONNECT 5 reason code 0x01", V5, hex("E0 01 01"), Malformed,
        "DISCONNECT has reason code 0x01, which is not allowed");
    add("AUTH reason code 0x01", V5, hex("F0 02 01 00"), Malformed,
        "AUTH has reason code 0x01, which is not allowed");
    // MQTT 3.1 SUBACK grants QoS 0, 1 or 2 (3.1, 3.9); 0x80 Failure came with 3.1.1 [MQTT-3.9.3-2].
    add("SUBACK 3.1 return code 0x80", V31, hex("90 03 00 01 80"), Malformed,
        "SUBACK has reason code 0x80, which is not allowed");
    add("SUBACK 3.1 return code 0x80 after a grant", V31, hex("90 04 00 01 01 80"), Malformed,
        "SUBACK has reason code 0x80, which is not allowed");

    // Omitted fields. Only DISCONNECT (3.14.2.2.1) and PUBACK, PUBREC, PUBREL, PUBCOMP
    // (3.4.2.2.1 ...) may end after the reason code; AUTH may leave out the reason code and
    // the property length only together, with a remaining length of 0 (3.15.2.1).
    add("AUTH 5 continue authentication without property length [3.15.2.1]", V5, hex("F0 01 18"),
        Malformed, "AUTH has a reason code without a property length");
    add("AUTH 5 success without property length [3.15.2.1]", V5, hex("F0 01 00"), Malformed,
        "AUTH has a reason code without a property length");
    add("AUTH 5 re-authenticate without property length [3.15.2.1]", V5, hex("F0 01 19"), Malformed,
        "AUTH has a reason code without a property length");
    add("SUBACK 5 without property length [3.9.2.1]", V5, hex("90 03 00 01 00"), Protocol,
        "SUBACK has no reason codes");
    add("UNSUBACK 5 in the 3.1.1 form, without property length [3.11.2.1]", V5, hex("B0 02 00 01"),
        Malformed, "UNSUBACK property length runs past the end of the packet");
    add("UNSUBSCRIBE 5 without property length [3.10.2.1]", V5, hex("A2 05 00 01 00 01 61"), Malformed,
        "UNSUBSCRIBE topic filter runs past the end of the packet");
    add("PUBLISH 5 without property length [3.3.2.3.1]", V5, hex("30 03 00 01 61"), Malformed,
        "PUBLISH property length runs past the end of the packet");
    add("CONNECT 5 without will property length [3.1.3.2.1]", V5,
        hex("10 12 00 04 4D 51 54 54 05 06 00 3C 00 00 00 00 01 74 00 00"), Malformed,
        "CONNECT will topic runs past the end of the packet");

    // MQTT 3.1 client identifiers are 1 to 23 characters (3.1, 3.1 CONNECT payload): the
    // server answers CONNACK 2, identifier rejected.
    add("CONNECT 3.1 empty client identifier", V31,
        hex("10 0E 00 06 4D 51 49 73 64 70 03 02 00 3C 00 00"), ReasonCode::ClientIdentifierNotValid,
        "CONNECT has a client identifier of 0 bytes; MQTT 3.1 allows 1 to 23");
    add("CONNECT 3.1 client identifier of 24 bytes", V31,
        hex("10 26 00 06 4D 51 49 73 64 70 03 02 00 3C 00 18"
            "61 62 63 64 65 66 67 68 69 6A 6B 6C 6D 6E 6F 70 71 72 73 74 75 76 77 78"),
        ReasonCode::ClientIdentifierNotValid,
        "CONNECT has a client identifier of 24 bytes; MQTT 3.1 allows 1 to 23");

    // CONNECT and CONNACK flags [MQTT-3.1.2-3] [MQTT-3.1.2-11..15] [MQTT-3.1.2-22] [MQTT-3.2.2-1]
    add("CONNECT reserved flag", V311, hex("10 0C 00 04 4D 51 54 54 04 03 00 3C 00 00"), Malformed,
        "CONNECT has the reserved connect flag set");
    add("CONNECT will QoS 3", V311,
        hex("10 11 00 04 4D 51 54 54 04 1E 00 3C 00 00 00 01 74 00 00"), Malformed,
        "CONNECT has will QoS 3");
    add("CONNECT will retain without will", V311, hex("10 0C 00 04 4D 51 54 54 04 22 00 3C 00 00"),
        Malformed, "CONNECT has will QoS or retain set without a will");
    add("CONNECT password without user name in 3.1.1", V311,
        hex("10 0F 00 04 4D 51 54 54 04 42 00 3C 00 00 00 01 70"), Malformed,
        "CONNECT has a password without a user name");
    add("CONNACK reserved acknowledge flag", V311, hex("20 02 02 00"), Malformed,
        "CONNACK has reserved acknowledge flags set");
    add("CONNACK session present with failure", V311, hex("20 02 01 05"), Malformed,
        "CONNACK has session present set with a failure code");

    // Subscription options (3.8.3.1) [MQTT-3-8.3-4] [MQTT-3.8.3-5]
    add("SUBSCRIBE 3.1.1 QoS 3", V311, hex("82 06 00 01 00 01 61 03"), Malformed,
        "SUBSCRIBE requests QoS 3");
    add("SUBSCRIBE 5 QoS 3", V5, hex("82 07 00 01 00 00 01 61 03"), Protocol,
        "SUBSCRIBE requests QoS 3");
    add("SUBSCRIBE 3.1.1 reserved option bit", V311, hex("82 06 00 01 00 01 61 04"), Malformed,
        "SUBSCRIBE has reserved subscription option bits set");
    add("SUBSCRIBE 5 reserved option bit 6", V5, hex("82 07 00 01 00 00 01 61 40"), Malformed,
        "SUBSCRIBE has reserved subscription option bits set");
    add("SUBSCRIBE 5 retain handling 3", V5, hex("82 07 00 01 00 00 01 61 30"), Protocol,
        "SUBSCRIBE has retain handling 3");

    // The first byte alone condemns these packets: no length byte is needed, and the
    // first-byte reason wins over a bad or oversized length after it.
    add("PUBLISH QoS 3, first byte alone [MQTT-3.3.1-4]", V311, hex("36"), Malformed, "PUBLISH has QoS 3");
    add("PUBLISH DUP with QoS 0, first byte alone [MQTT-3.3.1-2]", V5, hex("38"), Malformed,
        "PUBLISH has DUP set with QoS 0");
    add("PUBREL flags 0000, first byte alone [MQTT-2.1.3-1]", V5, hex("60"), Malformed,
        "PUBREL has reserved fixed header flags 0x00");
    add("packet type 0, first byte alone", V5, hex("00"), Malformed, "packet type 0 is reserved");
    add("AUTH in MQTT 3.1.1, first byte alone", V311, hex("F0"), Malformed,
        "AUTH packet is not part of MQTT 3");
    add("PUBLISH QoS 3 before a non-minimal length", V311, hex("36 80 00"), Malformed, "PUBLISH has QoS 3");
    add("SUBSCRIBE flags 0000 before a 5-byte length", V311, hex("80 FF FF FF FF 7F"), Malformed,
        "SUBSCRIBE has reserved fixed header flags 0x00");

    // Packet types and protocol versions
    add("packet type 0", V311, hex("00 00"), Malformed, "packet type 0 is reserved");
    add("AUTH in MQTT 3.1.1", V311, hex("F0 00"), Malformed, "AUTH packet is not part of MQTT 3");
    add("AUTH in MQTT 3.1", V31, hex("F0 00"), Malformed, "AUTH packet is not part of MQTT 3");
    add("CONNECT protocol level 6", V5, hex("10 0C 00 04 4D 51 54 54 06 02 00 3C 00 00"),
        ReasonCode::UnsupportedProtocolVersion, "has unsupported protocol \"MQTT\" level 6");
    add("CONNECT MQIsdp level 4", V311, hex("10 0E 00 06 4D 51 49 73 64 70 04 02 00 3C 00 00"),
        ReasonCode::UnsupportedProtocolVersion, "has unsupported protocol \"MQIsdp\" level 4");
    add("CONNECT protocol name mqtt", V311, hex("10 0C 00 04 6D 71 74 74 04 02 00 3C 00 00"),
        ReasonCode::UnsupportedProtocolVersion, "has unsupported protocol \"mqtt\" level 4");

    // Maximum Packet Size (3.1.2.11.4): refused from the fixed header, before the body.
    {
        MalformedVector big{ str("PUBLISH of 12 bytes with maximum 11"), V311,
                             hex("30 0A 00 01 61 62 63 64 65 66 67 68"), ReasonCode::PacketTooLarge,
                             str("packet of 12 bytes exceeds the maximum packet size of 11 bytes"),
                             11 };
        m.append(big);
        MalformedVector huge{ str("header announcing 268435460 bytes with default maximum 1 MiB"),
                              V5, hex("30 FF FF FF 7F"), ReasonCode::PacketTooLarge,
                              str("exceeds the maximum packet size of 1048576 bytes"), 1 << 20 };
        m.append(huge);
        MalformedVector badFirst{ str("PUBLISH QoS 3 of 268435460 bytes with maximum 16: first byte wins"),
                                  V5, hex("36 FF FF FF 7F"), Malformed, str("PUBLISH has QoS 3"), 16 };
        m.append(badFirst);
    }

    // decodePacket() takes exactly one packet.
    {
        MalformedVector shorter{ str("remaining length longer than the bytes"), V311,
                                 hex("C0 01"), Malformed,
                                 str("remaining length does not match the packet's size") };
        shorter.inStream = false;
        m.append(shorter);
        MalformedVector longer{ str("bytes after the remaining length"), V311, hex("C0 00 C0 00"),
                                Malformed,
                                str("remaining length does not match the packet's size") };
        longer.inStream = false;
        m.append(longer);
        MalformedVector partialHeader{ str("fixed header cut short"), V311, hex("30 80"), Malformed,
                                       str("remaining length does not match the packet's size") };
        partialHeader.inStream = false;
        m.append(partialHeader);
    }
    return m;
}

} // namespace CodecVectors

#endif // CODEC_VECTORS_H
