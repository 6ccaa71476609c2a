// Copyright (C) 2026 The MqttQt authors.
// SPDX-License-Identifier: BSD-3-Clause
#include "mqttsession_p.h"
#include "mqtttopic_p.h"

#include <algorithm>
#include <climits>
#include <utility>

using namespace MqttCodec;
using Mqtt::ErrorCode;
using Mqtt::PropertyId;
using Mqtt::ProtocolVersion;
using Mqtt::QoS;
using Mqtt::ReasonCode;

namespace MqttSession {

namespace {
bool isFailure(ReasonCode rc)
{
    return quint8(rc) >= 0x80;
}

// What MqttMessageInfo::error() says when an MQTT 5 broker refused a message in its
// PUBACK or PUBREC; success codes complete the message as published.
ErrorCode errorForReason(ReasonCode rc)
{
    if (!isFailure(rc))
        return ErrorCode::NoError;
    switch (rc) {
    case ReasonCode::NotAuthorized:
        return ErrorCode::AclDenied;
    case ReasonCode::QuotaExceeded:
        return ErrorCode::QueueSize;
    case ReasonCode::TopicNameInvalid:
    case ReasonCode::PayloadFormatInvalid:
    case ReasonCode::PacketIdentifierInUse:
        return ErrorCode::Invalid;
    default:
        return ErrorCode::Unknown;
    }
}

QString hexCode(ReasonCode rc)
{
    return QStringLiteral("0x%1").arg(quint8(rc), 2, 16, QLatin1Char('0'));
}

// [MQTT-3.2.2-15] no packet above the server's Maximum Packet Size; empty if it fits (or
// cannot be encoded at all, which write() reports).
QString exceedsMaximumPacketSize(const Packet &packet, ProtocolVersion version, quint32 maximum)
{
    if (maximum >= MaxPacketSize)
        return {};
    const qsizetype size = encodedSize(packet, version);
    if (size < 0 || quint64(size) <= maximum)
        return {};
    return QStringLiteral("The %1 packet of %2 bytes exceeds the broker's maximum packet size of %3 bytes")
            .arg(QLatin1String(packetTypeName(packetType(packet))))
            .arg(size)
            .arg(maximum);
}
} // namespace

Session::Session(Observer *observer) : m_observer(observer) { }

quint64 qos2Digest(const QByteArray &topic, const QByteArray &payload)
{
    // FNV-1a, 64 bits, over the topic's length, the topic and the payload.
    quint64 h = 0xcbf29ce484222325ULL;
    auto mix = [&h](const char *data, qsizetype size) {
        for (qsizetype i = 0; i < size; ++i) {
            h ^= quint8(data[i]);
            h *= 0x100000001b3ULL;
        }
    };
    const quint32 topicSize = quint32(topic.size());
    mix(reinterpret_cast<const char *>(&topicSize), sizeof topicSize);
    mix(topic.constData(), topic.size());
    mix(payload.constData(), payload.size());
    return h;
}

std::vector<Session::Abandoned> Session::restore(Snapshot &&snapshot)
{
    QHash<int, MqttMessageInfoState> infos;
    for (auto &m : m_inflight)
        infos.emplace(m.mid, std::move(m.info));
    for (auto &m : m_queue)
        infos.emplace(m.mid, std::move(m.info));
    m_inflight.clear();
    m_queue.clear();
    m_resendPending = 0;

    std::sort(snapshot.outbound.begin(), snapshot.outbound.end(),
              [](const Snapshot::Message &a, const Snapshot::Message &b) { return a.seq < b.seq; });
    int lastMid = std::max(snapshot.lastMid, m_lastMid.load());
    quint64 seq = 0;
    for (Snapshot::Message &r : snapshot.outbound) {
        Outgoing m;
        m.mid = r.mid;
        m.seq = r.seq;
        m.packet = std::move(r.packet);
        m.info = infos.take(r.mid);
        lastMid = std::max(lastMid, r.mid);
        seq = std::max(seq, r.seq);
        if (m.packet.packetId == 0 || m_inflight.contains(m.packet.packetId)) {
            m.packet.packetId = 0;
            m_queue.push_back(std::move(m));
            continue;
        }
        m.stage = r.awaitingPubcomp ? Outgoing::AwaitPubcomp
                                    : (m.packet.qos == QoS::AtLeastOnce ? Outgoing::AwaitPuback : Outgoing::AwaitPubrec);
        const quint16 id = m.packet.packetId;
        m_inflight.emplace(id, std::move(m)); // emplace: QHash::insert() copies
    }
    m_seq = std::max(m_seq, seq);
    m_lastMid.store(lastMid);
    // Continue after the id of the last message sent (the stored counter may be older).
    m_lastPacketId = snapshot.lastPacketId;
    quint64 lastSentSeq = 0;
    for (auto it = m_inflight.cbegin(); it != m_inflight.cend(); ++it) {
        if (it->seq >= lastSentSeq) {
            lastSentSeq = it->seq;
            m_lastPacketId = it.key();
        }
    }

    m_incomingQos2.clear();
    for (MqttCodec::PublishPacket &p : snapshot.inbound) {
        const quint16 id = p.packetId;
        m_incomingQos2.emplace(id, std::move(p));
    }
    m_suppressedQos2.clear();
    std::sort(snapshot.recent.begin(), snapshot.recent.end(),
              [](const Snapshot::Recent &a, const Snapshot::Recent &b) { return a.order < b.order; });
    m_recentQos2.clear();
    m_recentQos2Order.clear();
    m_recentCount = 0;
    for (const Snapshot::Recent &r : snapshot.recent) {
        if (!m_recentQos2.contains(r.packetId))
            m_recentQos2Order.push_back(r.packetId);
        m_recentQos2.insert(r.packetId, r.digest);
        m_recentCount = std::max(m_recentCount, r.order);
    }

    std::vector<Abandoned> abandoned;
    for (auto it = infos.begin(); it != infos.end(); ++it)
        abandoned.push_back({ it.key(), std::move(it.value()) });
    std::sort(abandoned.begin(), abandoned.end(), [](const Abandoned &a, const Abandoned &b) { return a.mid < b.mid; });
    return abandoned;
}

int Session::effectiveKeepAlive() const
{
    // [MQTT-3.2.2-21] the client uses the Server Keep Alive when the server sends one
    return m_limits.serverKeepAlive ? int(*m_limits.serverKeepAlive) : int(m_config.keepAlive);
}

ReasonCode reasonCodeForConnackReturnCode(int returnCode)
{
    switch (returnCode) {
    case 0:
        return ReasonCode::Success;
    case 1:
        return ReasonCode::UnsupportedProtocolVersion;
    case 2:
        return ReasonCode::ClientIdentifierNotValid;
    case 3:
        return ReasonCode::ServerUnavailable;
    case 4:
        return ReasonCode::BadUserNameOrPassword;
    case 5:
        return ReasonCode::NotAuthorized;
    default:
        return ReasonCode::UnspecifiedError;
    }
}

int Session::reserveMid()
{
    int last = m_lastMid.load(std::memory_order_relaxed);
    int next;
    do {
        next = last == INT_MAX ? 1 : last + 1;
    } while (!m_lastMid.compare_exchange_weak(last, next, std::memory_order_relaxed));
    return next;
}

quint16 Session::allocatePacketId()
{
    // [MQTT-2.2.1-3] non-zero, and not in use by an unacknowledged packet
    for (int tries = 0; tries < 65535; ++tries) {
        m_lastPacketId = m_lastPacketId == 65535 ? 1 : m_lastPacketId + 1;
        if (!m_inflight.contains(m_lastPacketId) && !m_requests.contains(m_lastPacketId))
            return m_lastPacketId;
    }
    return 0;
}

int Session::inflightWindow() const
{
    int window = m_config.maxInflight > 0 ? m_config.maxInflight : 65535;
    if (m_config.version == ProtocolVersion::V5) // [MQTT-3.3.4-7] the server's Receive Maximum
        window = std::min(window, int(m_limits.receiveMaximum));
    return window;
}

bool Session::write(const Packet &packet, qint64 now)
{
    // 3.1.1 [MQTT-3.14.4-2], 5.0 [MQTT-3.14.4-1]: nothing after our DISCONNECT, not even
    // an acknowledgement of what the broker still sends.
    if (m_state == State::Disconnecting)
        return false;
    const EncodeError err = encode(packet, m_config.version, m_output);
    if (err != EncodeError::None) {
        m_observer->log(Mqtt::LogLevel::Error,
                        QStringLiteral("Cannot encode %1: %2")
                                .arg(QLatin1String(packetTypeName(packetType(packet))),
                                     QLatin1String(encodeErrorString(err))));
        return false;
    }
    m_lastSent = now;
    return true;
}

void Session::writePublish(const PublishPacket &packet, qint64 now)
{
    // Validated by checkServerLimits() and publish().
    appendPublish(packet, now);
}

EncodeError Session::appendPublish(const PublishPacket &original, qint64 now)
{
    // A topic alias is valid for one connection: the first PUBLISH with it on this
    // connection carries the topic and sets the mapping, later ones send an empty topic.
    // A message queued or resent after the broker lowered its maximum goes without the
    // alias (the same delivery, only longer).
    std::optional<PublishPacket> aliased;
    std::optional<quint16> newMapping;
    std::optional<quint32> callerAlias;
    bool automatic = false;
    if (m_config.version == ProtocolVersion::V5 && !original.properties.isEmpty())
        callerAlias = original.properties.integer(PropertyId::TopicAlias);
    if (!callerAlias && m_config.autoTopicAlias && m_config.version == ProtocolVersion::V5
        && m_limits.topicAliasMaximum > 0 && original.topic.size() > 2) {
        // Automatic aliases: the first Topic Alias Maximum distinct topics of this
        // connection get one, numbered from 1 [MQTT-3.3.2-9], skipping numbers the caller
        // set itself; the first PUBLISH sets the mapping, later ones send no topic.
        quint16 alias = m_autoAliases.value(original.topic);
        if (alias != 0 && m_outboundAliases.value(alias) != original.topic)
            alias = 0; // the caller took the number over for another topic
        if (alias != 0) {
            aliased = original;
            aliased->topic.clear();
            aliased->properties.setInteger(PropertyId::TopicAlias, alias);
        } else {
            while (m_nextAutoAlias <= m_limits.topicAliasMaximum && m_outboundAliases.contains(m_nextAutoAlias))
                ++m_nextAutoAlias;
            if (m_nextAutoAlias <= m_limits.topicAliasMaximum) {
                alias = m_nextAutoAlias++;
                aliased = original;
                aliased->properties.setInteger(PropertyId::TopicAlias, alias);
                newMapping = alias;
                automatic = true;
            }
        }
    }
    if (const auto alias = callerAlias) {
        aliased = original;
        if (*alias > m_limits.topicAliasMaximum) {
            aliased->properties.remove(PropertyId::TopicAlias);
        } else {
            auto it = m_outboundAliases.constFind(quint16(*alias));
            if (it != m_outboundAliases.cend() && *it == original.topic)
                aliased->topic.clear();
            else
                newMapping = quint16(*alias);
        }
    }
    const PublishPacket &packet = aliased ? *aliased : original;
    // A large payload is not copied into the output: the packet's head closes the current
    // segment and the payload, shared, is a segment of its own.
    constexpr qsizetype LargePayload = 64 * 1024;
    const bool large = packet.payload.size() >= LargePayload;
    const EncodeError err = large ? encodeWithoutPayload(packet, m_config.version, m_output)
                                  : encode(packet, m_config.version, m_output);
    if (err != EncodeError::None)
        return err;
    if (large) {
        m_segmentBytes += m_output.size() + packet.payload.size();
        m_segments.push_back(std::exchange(m_output, QByteArray()));
        m_segments.push_back(packet.payload);
    }
    if (newMapping)
        m_outboundAliases.insert(*newMapping, original.topic);
    if (automatic)
        m_autoAliases.insert(original.topic, *newMapping);
    m_lastSent = now;
    return EncodeError::None;
}

void Session::clearOutput()
{
    m_output.clear();
    m_segments.clear();
    m_segmentBytes = 0;
}

// ---- connection events ---------------------------------------------------------------

void Session::connectionOpened(qint64 now)
{
    m_state = State::Disconnected; // a new byte stream: whatever the last one was doing is over
    m_decoder.reset();
    DecodeOptions opts;
    opts.version = m_config.version;
    if (m_config.version == ProtocolVersion::V5) {
        if (auto max = m_config.connectProperties.integer(PropertyId::MaximumPacketSize))
            opts.maximumPacketSize = *max;
    }
    m_decoder.setOptions(opts);
    m_limits = ServerLimits();
    m_inboundAliases.clear();
    m_outboundAliases.clear();
    m_autoAliases.clear();
    m_nextAutoAlias = 1;
    m_pingSentAt = -1;
    m_firstByteSeen = false;
    m_lastReceived = now;

    ConnectPacket c;
    c.version = m_config.version;
    c.cleanStart = m_config.cleanSession;
    c.keepAlive = m_config.keepAlive;
    c.clientId = m_config.clientId;
    c.username = m_config.username;
    c.password = m_config.password;
    c.will = m_config.will;
    if (m_config.version == ProtocolVersion::V5)
        c.properties = m_config.connectProperties;
    clearOutput(); // nothing from an earlier connection may precede CONNECT
    if (!write(c, now)) {
        fail(ErrorCode::Invalid, ReasonCode::UnspecifiedError,
             QStringLiteral("The CONNECT packet cannot be encoded; check the client id, user "
                            "name, will and connect properties"));
        return;
    }
    m_state = State::AwaitConnack;
    m_connectSentAt = now;
    m_observer->log(Mqtt::LogLevel::Debug,
                    QStringLiteral("Sending CONNECT (c%1, k%2) client_id=%3")
                            .arg(int(c.cleanStart))
                            .arg(c.keepAlive)
                            .arg(c.clientId));
}

void Session::connectionClosed()
{
    m_state = State::Disconnected;
    m_pingSentAt = -1;
    m_decoder.reset();
    clearOutput();
    // SUBSCRIBE/UNSUBSCRIBE are not resent by the protocol; tell the user rather than
    // forgetting silently.
    const QHash<quint16, PendingRequest> lost = std::exchange(m_requests, {});
    for (auto it = lost.cbegin(); it != lost.cend(); ++it)
        m_observer->requestLost(it->mid, it->subscribe);
}

void Session::bytesReceived(const char *data, qsizetype size, qint64 now)
{
    if (size <= 0)
        return;
    m_lastReceived = now;
    if (m_firstByteSeen || m_state != State::AwaitConnack)
        return;
    m_firstByteSeen = true;
    // [MQTT-3.2.0-1] the server's first packet is CONNACK (MQTT 5 also allows AUTH, and
    // DISCONNECT). Anything else is not an MQTT broker answering (an HTTP server, a TLS
    // port spoken to in clear...): say so at once, with what it sent.
    // A byte that can start an MQTT packet from a server is left to the decoder and the
    // state machine, which name the exact fault ("PUBLISH before CONNACK").
    const quint8 first = quint8(data[0]);
    const quint8 type = first >> 4, flags = first & 0x0F;
    const bool plausible = (type == 3 && ((flags >> 1) & 3) != 3)
            || ((type == 6 || type == 8 || type == 10) && flags == 2)
            || (type != 0 && type != 3 && type != 6 && type != 8 && type != 10 && flags == 0);
    if (plausible)
        return;
    QString shown;
    for (qsizetype i = 0; i < std::min<qsizetype>(size, 24); ++i) {
        const char ch = data[i];
        shown += (ch >= 0x20 && ch < 0x7F) ? QChar::fromLatin1(ch) : QChar(u'.');
    }
    fail(ErrorCode::Protocol, ReasonCode::ProtocolError,
         QStringLiteral("The server does not speak MQTT: it answered CONNECT with \"%1\" (first byte 0x%2)")
                 .arg(shown)
                 .arg(first, 2, 16, QLatin1Char('0')));
}

void Session::processIncoming(qint64 now)
{
    while (m_state != State::Failed && m_state != State::Disconnected) {
        DecodeResult r = m_decoder.next();
        if (r.status == DecodeStatus::NeedMore)
            return;
        if (r.status == DecodeStatus::Malformed) {
            protocolViolation(r.error.reasonCode,
                              QStringLiteral("Malformed packet from the broker: ") + r.error.reason);
            return;
        }
        handle(std::move(r.packet), now);
    }
}

void Session::fail(ErrorCode error, ReasonCode reasonCode, const QString &why,
                   const MqttProperties &properties)
{
    m_state = State::Failed;
    m_observer->log(Mqtt::LogLevel::Error, why);
    m_observer->connectionMustClose(error, reasonCode, why, properties);
}

void Session::protocolViolation(ReasonCode reasonCode, const QString &why)
{
    // [MQTT-4.13.1-1] MQTT 5: send DISCONNECT with the reason code, then close. A decode
    // error may carry a code DISCONNECT cannot (0x84 for a CONNECT from the broker):
    // that is a Protocol Error to the broker.
    if (!isReasonCodeAllowed(PacketType::Disconnect, ProtocolVersion::V5, reasonCode))
        reasonCode = ReasonCode::ProtocolError;
    if (m_config.version == ProtocolVersion::V5 && m_state != State::Disconnected) {
        DisconnectPacket d;
        d.reasonCode = reasonCode;
        write(d, m_lastSent);
    }
    fail(ErrorCode::Protocol, reasonCode, why);
}

void Session::handle(Packet &&packet, qint64 now)
{
    const PacketType type = packetType(packet);
    if (m_state == State::AwaitConnack && type != PacketType::Connack && type != PacketType::Auth
        && type != PacketType::Disconnect) {
        // [MQTT-3.2.0-1] the first packet from the server is CONNACK
        protocolViolation(ReasonCode::ProtocolError,
                          QStringLiteral("The broker sent %1 before CONNACK")
                                  .arg(QLatin1String(packetTypeName(type))));
        return;
    }
    switch (type) {
    case PacketType::Connack:
        if (m_state != State::AwaitConnack) {
            protocolViolation(ReasonCode::ProtocolError, QStringLiteral("The broker sent a second CONNACK"));
            return;
        }
        onConnack(std::get<ConnackPacket>(packet), now);
        break;
    case PacketType::Publish:
        onPublish(std::move(std::get<PublishPacket>(packet)), now);
        break;
    case PacketType::Puback:
        onPuback(std::get<PubackPacket>(packet), now);
        break;
    case PacketType::Pubrec:
        onPubrec(std::get<PubrecPacket>(packet), now);
        break;
    case PacketType::Pubrel:
        onPubrel(std::get<PubrelPacket>(packet), now);
        break;
    case PacketType::Pubcomp:
        onPubcomp(std::get<PubcompPacket>(packet), now);
        break;
    case PacketType::Suback:
        onSuback(std::get<SubackPacket>(packet));
        break;
    case PacketType::Unsuback:
        onUnsuback(std::get<UnsubackPacket>(packet));
        break;
    case PacketType::Pingresp:
        m_pingSentAt = -1;
        break;
    case PacketType::Disconnect:
        onDisconnect(std::get<DisconnectPacket>(packet));
        break;
    case PacketType::Auth:
        if (m_config.version != ProtocolVersion::V5
            || !m_config.connectProperties.contains(PropertyId::AuthenticationMethod)) {
            // [MQTT-4.12.0-6] no AUTH unless the CONNECT asked for enhanced authentication
            protocolViolation(ReasonCode::ProtocolError,
                              QStringLiteral("The broker sent AUTH although the CONNECT carried no "
                                             "Authentication Method"));
            return;
        }
        m_observer->authReceived(std::get<AuthPacket>(packet));
        break;
    case PacketType::Connect:
    case PacketType::Subscribe:
    case PacketType::Unsubscribe:
    case PacketType::Pingreq:
        protocolViolation(ReasonCode::ProtocolError,
                          QStringLiteral("The broker sent %1, which only clients send")
                                  .arg(QLatin1String(packetTypeName(type))));
        break;
    }
}

void Session::onConnack(const ConnackPacket &received, qint64 now)
{
    // MQTT 3.1 has no Session Present flag (its CONNACK's first byte is unused): a 3.1
    // broker keeps the session of a client that connects with clean session 0.
    ConnackPacket p = received;
    if (m_config.version == ProtocolVersion::V3_1)
        p.sessionPresent = !m_config.cleanSession;
    const bool v5 = m_config.version == ProtocolVersion::V5;
    const bool refused = v5 ? isFailure(p.reasonCode) : quint8(p.reasonCode) != 0;
    if (refused) {
        m_state = State::Failed;
        m_observer->connackReceived(p);
        const QString why = v5 ? QStringLiteral("Connection refused by the broker: %1 (%2)")
                                         .arg(Mqtt::reasonCodeString(p.reasonCode), hexCode(p.reasonCode))
                               : Mqtt::connackString(quint8(p.reasonCode));
        m_observer->connectionMustClose(ErrorCode::ConnectionRefused, p.reasonCode, why, p.properties);
        return;
    }
    if (p.sessionPresent && m_config.cleanSession) {
        // 5.0 [MQTT-3.2.2-2] / 3.1.1 [MQTT-3.2.2-1]: no session after a clean start; a
        // client without session state told otherwise must close the connection
        // (5.0 [MQTT-3.2.2-4], 3.1.1 4.2 / 3.2.2.2).
        protocolViolation(ReasonCode::ProtocolError,
                          QStringLiteral("The broker reported a stored session although the client "
                                         "connected with a clean session"));
        return;
    }
    if (v5) {
        const MqttProperties &pr = p.properties;
        if (auto v = pr.integer(PropertyId::ReceiveMaximum))
            m_limits.receiveMaximum = quint16(*v);
        if (auto v = pr.integer(PropertyId::MaximumPacketSize))
            m_limits.maximumPacketSize = *v;
        if (auto v = pr.integer(PropertyId::MaximumQoS))
            m_limits.maximumQoS = QoS(*v);
        if (auto v = pr.integer(PropertyId::RetainAvailable))
            m_limits.retainAvailable = *v;
        if (auto v = pr.integer(PropertyId::WildcardSubscriptionAvailable))
            m_limits.wildcardSubscriptionAvailable = *v;
        if (auto v = pr.integer(PropertyId::SubscriptionIdentifierAvailable))
            m_limits.subscriptionIdentifierAvailable = *v;
        if (auto v = pr.integer(PropertyId::SharedSubscriptionAvailable))
            m_limits.sharedSubscriptionAvailable = *v;
        if (auto v = pr.integer(PropertyId::TopicAliasMaximum))
            m_limits.topicAliasMaximum = quint16(*v);
        if (auto v = pr.integer(PropertyId::ServerKeepAlive))
            m_limits.serverKeepAlive = quint16(*v);
        if (auto v = pr.string(PropertyId::AssignedClientIdentifier))
            m_limits.assignedClientIdentifier = *v;
    }
    m_state = State::Connected;
    m_observer->log(Mqtt::LogLevel::Debug,
                    QStringLiteral("Received CONNACK (%1, %2)").arg(int(p.sessionPresent)).arg(quint8(p.reasonCode)));
    // The application hears of the CONNACK first, as with Paho (on_connect, then the
    // republishing): what its handler subscribes to goes out before the messages left
    // unacknowledged or queued while offline, so it does not miss its own messages. What
    // the handler publishes at QoS 1/2 is held in the queue meanwhile, behind the older
    // messages: it is new, and must neither be resent as a duplicate nor overtake them.
    m_holdQueue = true;
    m_observer->connackReceived(p);
    m_holdQueue = false;
    if (m_state == State::Connected) // not if the handler disconnected (or deleted the client)
        resumeAfterConnack(p.sessionPresent, now);
}

std::vector<quint16> Session::inflightInOrder() const
{
    std::vector<std::pair<quint64, quint16>> order;
    order.reserve(size_t(m_inflight.size()));
    for (auto it = m_inflight.cbegin(); it != m_inflight.cend(); ++it)
        order.emplace_back(it->seq, it.key());
    std::sort(order.begin(), order.end());
    std::vector<quint16> ids;
    ids.reserve(order.size());
    for (const auto &o : order)
        ids.push_back(o.second);
    return ids;
}

void Session::resumeAfterConnack(bool sessionPresent, qint64 now)
{
    if (!sessionPresent) {
        if (m_persistence) {
            for (auto it = m_incomingQos2.cbegin(); it != m_incomingQos2.cend(); ++it)
                m_persistence->inboundDropped(it.key());
        }
        m_incomingQos2.clear(); // the broker forgot them and will not send PUBREL
        m_suppressedQos2.clear();
    }

    // [MQTT-4.9.0-2] the new connection's Receive Maximum bounds the resends too: what
    // does not fit waits, marked, and goes out (still before new messages) as acks free
    // room in pump().
    for (auto it = m_inflight.begin(); it != m_inflight.end(); ++it)
        it->resendPending = false;
    m_resendPending = 0;
    const int window = inflightWindow();
    int active = 0;
    auto resendOrDefer = [&](Outgoing &m) {
        if (active < window) {
            resend(m, now);
            ++active;
        } else {
            m.resendPending = true;
            ++m_resendPending;
        }
    };
    // Look each message up by id: observers may publish from their slots, which can
    // rehash m_inflight under us.
    for (const quint16 id : inflightInOrder()) {
        auto it = m_inflight.find(id);
        if (it == m_inflight.end())
            continue;
        if (sessionPresent) {
            // [MQTT-4.4.0-1] resend unacknowledged PUBLISH with DUP, and PUBREL, same ids
            resendOrDefer(*it);
        } else if (it->stage == Outgoing::AwaitPubcomp) {
            // PUBREC made the receiver the owner of this QoS 2 message: publishing it again
            // would deliver it twice. The flow can only go on with PUBREL (4.3.3), which a
            // broker without the session answers with PUBCOMP (0x92 in MQTT 5).
            it->pubrelAfterSessionLoss = true;
            resendOrDefer(*it);
        } else if (m_config.republishOnCleanSession) {
            // The broker has no session: send them again (Paho does the same: at least
            // once rather than lost). DUP tells the broker it may have seen it.
            const Result limits = checkServerLimits(it->packet);
            if (limits.rc != ErrorCode::NoError) {
                Outgoing m = takeInflight(it);
                failMessage(m, limits.rc, limits.why);
                continue;
            }
            it->stage = it->packet.qos == QoS::AtLeastOnce ? Outgoing::AwaitPuback : Outgoing::AwaitPubrec;
            resendOrDefer(*it);
        } else {
            Outgoing m = takeInflight(it);
            failMessage(m, ErrorCode::ConnectionLost,
                        QStringLiteral("Message %1 was not acknowledged and the broker did not "
                                       "keep the session; republishing is off")
                                .arg(m.mid));
        }
    }
    pump(now);
}

Session::Outgoing Session::takeInflight(QHash<quint16, Outgoing>::iterator it)
{
    if (it->resendPending)
        --m_resendPending;
    Outgoing m = std::move(it.value());
    m_inflight.erase(it);
    return m;
}

void Session::resend(Outgoing &m, qint64 now)
{
    if (m.stage == Outgoing::AwaitPubcomp) {
        PubrelPacket rel;
        rel.packetId = m.packet.packetId;
        write(rel, now);
    } else {
        m.packet.dup = true;
        writePublish(m.packet, now);
    }
    m.sentAt = now;
}

void Session::failMessage(Outgoing &message, ErrorCode error, const QString &why)
{
    if (m_persistence)
        m_persistence->outboundFinished(message.seq);
    if (message.info)
        message.info->complete(error);
    m_observer->log(Mqtt::LogLevel::Warning, why);
    m_observer->publishFailed(message.mid, error, why);
}

// ---- receiving -------------------------------------------------------------------------

void Session::onPublish(PublishPacket &&p, qint64 now)
{
    if (m_config.version == ProtocolVersion::V5) {
        if (auto alias = p.properties.integer(PropertyId::TopicAlias)) {
            const quint32 max = m_config.connectProperties.integer(PropertyId::TopicAliasMaximum).value_or(0);
            if (*alias > max) { // [MQTT-3.3.2-11]
                protocolViolation(ReasonCode::TopicAliasInvalid,
                                  QStringLiteral("The broker used topic alias %1, above the maximum of %2")
                                          .arg(*alias)
                                          .arg(max));
                return;
            }
            const quint16 a = quint16(*alias);
            if (p.topic.isEmpty()) {
                auto it = m_inboundAliases.constFind(a);
                if (it == m_inboundAliases.cend()) {
                    protocolViolation(ReasonCode::ProtocolError,
                                      QStringLiteral("The broker used topic alias %1 before setting it").arg(a));
                    return;
                }
                p.topic = *it;
            } else {
                m_inboundAliases.insert(a, p.topic);
            }
        }
    }
    switch (p.qos) {
    case QoS::AtMostOnce:
        m_observer->messageReceived(std::move(p));
        break;
    case QoS::AtLeastOnce: {
        PubackPacket ack;
        ack.packetId = p.packetId;
        write(ack, now);
        m_observer->messageReceived(std::move(p));
        break;
    }
    case QoS::ExactlyOnce: {
        // Delivered once, on PUBREL; a resent PUBLISH with the same id only gets PUBREC again.
        PubrecPacket rec;
        rec.packetId = p.packetId;
        if (!m_incomingQos2.contains(p.packetId) && !m_suppressedQos2.contains(p.packetId)) {
            // A broker that lost track of a completed flow (mosquitto restored from a
            // database saved before the PUBCOMP) sends the same message again with DUP
            // set and the same id. DUP means "sent before" [MQTT-3.3.1-1]: with the same
            // topic and payload as the message last delivered under that id, it is that
            // message. Acknowledge it so the broker's flow ends, but deliver it once only.
            const auto recent = m_recentQos2.constFind(p.packetId);
            if (recent != m_recentQos2.cend()) {
                if (p.dup && *recent == qos2Digest(p.topic, p.payload)) {
                    m_observer->log(Mqtt::LogLevel::Notice,
                                    QStringLiteral("QoS 2 message %1 was already delivered: the broker sent it again "
                                                   "(DUP); acknowledged, not delivered twice")
                                            .arg(p.packetId));
                    m_suppressedQos2.insert(p.packetId);
                    write(rec, now);
                    break;
                }
                m_recentQos2.erase(recent); // the id now names another message
                if (m_persistence)
                    m_persistence->recentForgotten(p.packetId);
            }
            // [MQTT-3.3.4-9] MQTT 5: the broker may not have more QoS 2 messages without
            // PUBCOMP than our Receive Maximum (QoS 1 messages are acknowledged at once).
            const quint32 receiveMaximum = m_config.version == ProtocolVersion::V5
                    ? m_config.connectProperties.integer(PropertyId::ReceiveMaximum).value_or(65535)
                    : 65535;
            if (quint32(m_incomingQos2.size()) >= receiveMaximum) {
                protocolViolation(ReasonCode::ReceiveMaximumExceeded,
                                  QStringLiteral("The broker sent more unacknowledged QoS 2 messages than the "
                                                 "client's Receive Maximum of %1")
                                          .arg(receiveMaximum));
                return;
            }
            if (m_persistence)
                m_persistence->inboundStored(p);
            m_incomingQos2.emplace(p.packetId, std::move(p));
        }
        write(rec, now);
        break;
    }
    }
}

void Session::onPubrel(const PubrelPacket &p, qint64 now)
{
    PubcompPacket comp;
    comp.packetId = p.packetId;
    if (m_suppressedQos2.remove(p.packetId)) {
        write(comp, now);
        return;
    }
    auto it = m_incomingQos2.find(p.packetId);
    if (it == m_incomingQos2.end()) {
        // Already delivered (a PUBREL resent after reconnecting) or unknown.
        if (m_config.version == ProtocolVersion::V5)
            comp.reasonCode = ReasonCode::PacketIdentifierNotFound;
        write(comp, now);
        return;
    }
    PublishPacket message = std::move(it.value());
    m_incomingQos2.erase(it);
    write(comp, now);
    // Remembered (a digest, not the payload) to recognise a broker's redelivery; bounded.
    constexpr size_t RecentQos2 = 1024;
    if (!m_recentQos2.contains(p.packetId)) {
        m_recentQos2Order.push_back(p.packetId);
        if (m_recentQos2Order.size() > RecentQos2) {
            const quint16 evicted = m_recentQos2Order.front();
            m_recentQos2.remove(evicted);
            m_recentQos2Order.pop_front();
            if (m_persistence)
                m_persistence->recentForgotten(evicted);
        }
    }
    const quint64 digest = qos2Digest(message.topic, message.payload);
    m_recentQos2.insert(p.packetId, digest);
    if (m_persistence)
        m_persistence->inboundReleased(p.packetId, digest, ++m_recentCount);
    m_observer->messageReceived(std::move(message));
}

void Session::finishFlow(QHash<quint16, Outgoing>::iterator it, ReasonCode reasonCode,
                         const MqttProperties &properties, qint64 now)
{
    Outgoing m = takeInflight(it);
    if (m_persistence)
        m_persistence->outboundFinished(m.seq);
    const ErrorCode error = errorForReason(reasonCode);
    if (m.info)
        m.info->complete(error, reasonCode);
    if (error == ErrorCode::NoError) {
        m_observer->publishAcknowledged(m.mid, reasonCode, properties);
    } else {
        QString why = QStringLiteral("The broker refused message %1: %2 (%3)")
                              .arg(m.mid)
                              .arg(Mqtt::reasonCodeString(reasonCode), hexCode(reasonCode));
        if (const auto reason = properties.string(PropertyId::ReasonString))
            why += QStringLiteral(": ") + *reason;
        m_observer->log(Mqtt::LogLevel::Warning, why);
        m_observer->publishFailed(m.mid, error, why);
    }
    pump(now); // the freed window slot takes the next message
}

void Session::onPuback(const PubackPacket &p, qint64 now)
{
    auto it = m_inflight.find(p.packetId);
    if (it == m_inflight.end() || it->stage != Outgoing::AwaitPuback) {
        m_observer->log(Mqtt::LogLevel::Warning,
                        QStringLiteral("Ignoring PUBACK for packet id %1, which awaits no PUBACK").arg(p.packetId));
        return;
    }
    finishFlow(it, p.reasonCode, p.properties, now);
}

void Session::onPubrec(const PubrecPacket &p, qint64 now)
{
    auto it = m_inflight.find(p.packetId);
    if (it == m_inflight.end()) {
        // An unknown PUBREC is answered with PUBREL so that the broker's flow can end
        // (3.1.1 4.3.3; MQTT 5 with 0x92), unless it carries a failure code: a failing
        // PUBREC ends the flow by itself and gets no PUBREL (MQTT 5, 4.3.3).
        m_observer->log(Mqtt::LogLevel::Warning,
                        QStringLiteral("PUBREC for unknown packet id %1").arg(p.packetId));
        if (isFailure(p.reasonCode))
            return;
        PubrelPacket rel;
        rel.packetId = p.packetId;
        if (m_config.version == ProtocolVersion::V5)
            rel.reasonCode = ReasonCode::PacketIdentifierNotFound;
        write(rel, now);
        return;
    }
    if (it->stage == Outgoing::AwaitPuback) {
        m_observer->log(Mqtt::LogLevel::Warning,
                        QStringLiteral("Ignoring PUBREC for packet id %1, a QoS 1 message").arg(p.packetId));
        return;
    }
    if (isFailure(p.reasonCode)) {
        // MQTT 5 (4.3.3): a PUBREC with a failure code ends the flow; the id is free again.
        finishFlow(it, p.reasonCode, p.properties, now);
        return;
    }
    it->stage = Outgoing::AwaitPubcomp;
    it->sentAt = now;
    if (m_persistence)
        m_persistence->outboundProgress(it->seq, p.packetId, true);
    PubrelPacket rel;
    rel.packetId = p.packetId;
    write(rel, now);
}

void Session::onPubcomp(const PubcompPacket &p, qint64 now)
{
    auto it = m_inflight.find(p.packetId);
    if (it == m_inflight.end() || it->stage != Outgoing::AwaitPubcomp) {
        m_observer->log(Mqtt::LogLevel::Warning,
                        QStringLiteral("Ignoring PUBCOMP for packet id %1, which awaits no PUBCOMP").arg(p.packetId));
        return;
    }
    if (p.reasonCode == ReasonCode::PacketIdentifierNotFound) {
        // The broker no longer knows the id (it lost the session, or already completed
        // the flow). Its PUBREC said it had the message: the message is delivered.
        m_observer->log(it->pubrelAfterSessionLoss ? Mqtt::LogLevel::Debug : Mqtt::LogLevel::Warning,
                        QStringLiteral("PUBCOMP for packet id %1 says \"Packet Identifier not found\"; the "
                                       "message was delivered (PUBREC had arrived)")
                                .arg(p.packetId));
        finishFlow(it, ReasonCode::Success, p.properties, now);
        return;
    }
    finishFlow(it, p.reasonCode, p.properties, now);
}

std::optional<Session::PendingRequest> Session::takeRequest(quint16 packetId, bool subscribe, qsizetype reasonCodes)
{
    const char *ack = subscribe ? "SUBACK" : "UNSUBACK";
    auto it = m_requests.find(packetId);
    if (it == m_requests.end() || it->subscribe != subscribe) {
        m_observer->log(Mqtt::LogLevel::Warning,
                        QStringLiteral("Ignoring %1 for unknown packet id %2").arg(QLatin1String(ack)).arg(packetId));
        return std::nullopt;
    }
    // [MQTT-3.9.3-1] [MQTT-3.11.3-1] one reason code per topic filter (3.x UNSUBACK has none)
    const bool counted = subscribe || m_config.version == ProtocolVersion::V5;
    if (counted && reasonCodes != it->filterCount) {
        protocolViolation(ReasonCode::ProtocolError,
                          QStringLiteral("The %1 for packet id %2 has %3 reason codes for %4 topic filters")
                                  .arg(QLatin1String(ack))
                                  .arg(packetId)
                                  .arg(reasonCodes)
                                  .arg(it->filterCount));
        return std::nullopt;
    }
    PendingRequest request = *it;
    m_requests.erase(it);
    return request;
}

void Session::onSuback(const SubackPacket &p)
{
    if (const auto request = takeRequest(p.packetId, true, p.reasonCodes.size()))
        m_observer->subscribeAcknowledged(request->mid, p.reasonCodes, p.properties);
}

void Session::onUnsuback(const UnsubackPacket &p)
{
    if (const auto request = takeRequest(p.packetId, false, p.reasonCodes.size()))
        m_observer->unsubscribeAcknowledged(request->mid, p.reasonCodes, p.properties);
}

void Session::onDisconnect(const DisconnectPacket &p)
{
    const QString reason = p.properties.string(PropertyId::ReasonString).value_or(QString());
    QString why = QStringLiteral("The broker disconnected: %1 (%2)")
                          .arg(Mqtt::reasonCodeString(p.reasonCode), hexCode(p.reasonCode));
    if (!reason.isEmpty())
        why += QStringLiteral(": ") + reason;
    m_state = State::Failed;
    m_observer->log(Mqtt::LogLevel::Warning, why);
    m_observer->connectionMustClose(ErrorCode::ConnectionLost, p.reasonCode, why, p.properties);
}

// ---- user calls ------------------------------------------------------------------------

Result Session::checkServerLimits(const PublishPacket &p) const
{
    if (m_config.version != ProtocolVersion::V5)
        return {};
    if (p.qos > m_limits.maximumQoS) { // [MQTT-3.2.2-11]
        return { ErrorCode::NotSupported, 0,
                 QStringLiteral("The broker accepts QoS up to %1; the message asks for QoS %2")
                         .arg(int(m_limits.maximumQoS))
                         .arg(int(p.qos)) };
    }
    if (const auto alias = p.properties.integer(PropertyId::TopicAlias);
        alias && *alias > m_limits.topicAliasMaximum) { // [MQTT-3.3.2-9]
        return { ErrorCode::Invalid, 0,
                 QStringLiteral("Topic alias %1 is above the broker's Topic Alias Maximum of %2")
                         .arg(*alias)
                         .arg(m_limits.topicAliasMaximum) };
    }
    if (p.retain && !m_limits.retainAvailable) { // [MQTT-3.2.2-14]
        return { ErrorCode::NotSupported, 0, QStringLiteral("The broker does not support retained messages") };
    }
    if (m_limits.maximumPacketSize >= MaxPacketSize)
        return {};
    EncodeError err;
    const qsizetype size = encodedPublishSize(p, m_config.version, &err);
    if (size < 0)
        return { ErrorCode::Invalid, 0, QLatin1String(encodeErrorString(err)) };
    if (quint64(size) > m_limits.maximumPacketSize) { // [MQTT-3.2.2-15]
        return { ErrorCode::PayloadSize, 0,
                 QStringLiteral("The PUBLISH packet of %1 bytes exceeds the broker's maximum packet size of %2 bytes")
                         .arg(size)
                         .arg(m_limits.maximumPacketSize) };
    }
    return {};
}

Result Session::encodeRefusal(EncodeError err)
{
    return { err == EncodeError::PacketTooLarge ? ErrorCode::PayloadSize : ErrorCode::Invalid, 0,
             QStringLiteral("The message cannot be encoded: ") + QLatin1String(encodeErrorString(err)) };
}

Result Session::checkPublish(const PublishRequest &request, ProtocolVersion version)
{
    if (int(request.qos) < 0 || int(request.qos) > 2)
        return { ErrorCode::Invalid, 0, QStringLiteral("QoS must be 0, 1 or 2, not %1").arg(int(request.qos)) };
    if (!MqttTopic::isValidName(QByteArrayView(request.topic)) || request.topic.size() > 65535) {
        QString why = MqttTopic::nameProblem(QString::fromUtf8(request.topic), QLatin1String("The topic"));
        return { ErrorCode::Invalid, 0, why.isEmpty() ? QStringLiteral("The topic is not valid UTF-8") : why };
    }
    if (request.payload.size() > qsizetype(MaxRemainingLength))
        return { ErrorCode::PayloadSize, 0,
                 QStringLiteral("The payload of %1 bytes exceeds MQTT's limit of 268,435,455 bytes")
                         .arg(request.payload.size()) };
    if (request.properties.isEmpty())
        return {}; // the common case: no list of ids built (and allocated) below
    if (version != ProtocolVersion::V5) {
        QStringList names;
        for (const PropertyId id : request.properties.ids())
            names.append(propertyName(id));
        names.removeDuplicates();
        return { ErrorCode::Invalid, 0,
                 QStringLiteral("Properties need MQTT 5; this message has %1").arg(names.join(QLatin1String(", "))) };
    }
    if (request.properties.contains(PropertyId::SubscriptionIdentifier)) // [MQTT-3.3.4-6]
        return { ErrorCode::Invalid, 0,
                 QStringLiteral("A PUBLISH from a client must not carry a subscription identifier") };
    if (request.properties.contains(PropertyId::TopicAlias)
        && request.properties.integer(PropertyId::TopicAlias).value_or(0) == 0) // [MQTT-3.3.2-8]
        return { ErrorCode::Invalid, 0, QStringLiteral("Topic alias 0 is not allowed") };
    // Each property allowed in PUBLISH, with a value and strings the protocol allows, named.
    if (QString why = checkProperties(request.properties, PacketType::Publish); !why.isEmpty())
        return { ErrorCode::Invalid, 0, why };
    return {};
}

Result Session::publish(PublishRequest &&request, qint64 now, MqttMessageInfoState *info, int mid)
{
    if (Result r = checkPublish(request, m_config.version); r.rc != ErrorCode::NoError)
        return r;

    PublishPacket p;
    p.topic = std::move(request.topic);
    p.payload = std::move(request.payload);
    p.qos = request.qos;
    p.retain = request.retain;
    p.properties = std::move(request.properties);

    if (p.qos == QoS::AtMostOnce) {
        if (m_state != State::Connected)
            return { ErrorCode::NoConnection, 0, QStringLiteral("QoS 0 messages are not queued while disconnected") };
        Result r = checkServerLimits(p);
        if (r.rc != ErrorCode::NoError)
            return r;
        // Encoded straight into the output: one pass, and nothing is appended on error.
        const EncodeError err = appendPublish(p, now);
        if (err != EncodeError::None)
            return encodeRefusal(err);
        r.mid = mid > 0 ? mid : reserveMid();
        return r;
    }

    EncodeError err;
    if (encodedPublishSize(p, m_config.version, &err) < 0)
        return encodeRefusal(err);
    if (m_config.maxQueued > 0 && int(m_inflight.size() + m_queue.size()) >= m_config.maxQueued) {
        return { ErrorCode::QueueSize, 0,
                 QStringLiteral("%1 QoS 1/2 messages are already pending (max queued messages)")
                         .arg(m_inflight.size() + qsizetype(m_queue.size())) };
    }
    if (m_state == State::Connected) {
        Result r = checkServerLimits(p);
        if (r.rc != ErrorCode::NoError)
            return r;
    }
    Outgoing m;
    m.mid = mid > 0 ? mid : reserveMid();
    m.seq = m_seq + 1;
    if (m_persistence) {
        Result kept = m_persistence->outboundAccepted(m.mid, m.seq, p);
        if (kept.rc != ErrorCode::NoError)
            return kept;
    }
    ++m_seq;
    m.packet = std::move(p);
    if (info) {
        if (!*info) // a caller in another thread may have made it already
            *info = MqttMessageInfoState(new MqttMessageInfoPrivate);
        m.info = *info;
    }
    const int acceptedMid = m.mid;
    m_queue.push_back(std::move(m));
    pump(now);
    return { ErrorCode::NoError, acceptedMid, {} };
}

void Session::pump(qint64 now)
{
    if (m_state != State::Connected || m_holdQueue)
        return;
    const int window = inflightWindow();
    if (m_resendPending > 0) {
        for (const quint16 id : inflightInOrder()) {
            if (m_inflight.size() - m_resendPending >= window)
                return; // still full: new messages wait behind the deferred resends
            auto it = m_inflight.find(id);
            if (it == m_inflight.end() || !it->resendPending)
                continue;
            it->resendPending = false;
            --m_resendPending;
            resend(*it, now);
        }
    }
    while (!m_queue.empty() && m_inflight.size() < window) {
        Outgoing m = std::move(m_queue.front());
        m_queue.pop_front();
        const Result limits = checkServerLimits(m.packet);
        if (limits.rc != ErrorCode::NoError) {
            failMessage(m, limits.rc, limits.why);
            continue;
        }
        const quint16 id = allocatePacketId();
        if (id == 0) { // cannot happen while the window is at most 65535, but never send id 0
            m_queue.push_front(std::move(m));
            return;
        }
        m.packet.packetId = id;
        m.stage = m.packet.qos == QoS::AtLeastOnce ? Outgoing::AwaitPuback : Outgoing::AwaitPubrec;
        m.sentAt = now;
        if (m_persistence)
            m_persistence->outboundProgress(m.seq, id, false);
        writePublish(m.packet, now);
        m_inflight.emplace(id, std::move(m)); // emplace: QHash::insert() copies
    }
}

Result Session::checkSubscribeFilters(const QList<Subscription> &subscriptions)
{
    if (subscriptions.isEmpty())
        return { ErrorCode::Invalid, 0, QStringLiteral("No topic filter was given") };
    for (const auto &s : subscriptions) {
        QString why = MqttTopic::filterProblem(s.filter);
        if (!why.isEmpty())
            return { ErrorCode::Invalid, 0, why };
        if (int(s.qos) < 0 || int(s.qos) > 2)
            return { ErrorCode::Invalid, 0, QStringLiteral("QoS must be 0, 1 or 2, not %1").arg(int(s.qos)) };
        if (s.noLocal && s.filter.startsWith(QLatin1String("$share/"))) // [MQTT-3.8.3-4]
            return { ErrorCode::Invalid, 0,
                     QStringLiteral("NoLocal cannot be set on the shared subscription \"%1\"").arg(s.filter) };
    }
    return {};
}

Result Session::checkUnsubscribeFilters(const QList<QString> &filters)
{
    if (filters.isEmpty())
        return { ErrorCode::Invalid, 0, QStringLiteral("No topic filter was given") };
    for (const auto &f : filters) {
        QString why = MqttTopic::filterProblem(f);
        if (!why.isEmpty())
            return { ErrorCode::Invalid, 0, why };
    }
    return {};
}

Result Session::subscribe(const QList<Subscription> &subscriptions, const MqttProperties &properties,
                          qint64 now, int mid)
{
    if (Result r = checkSubscribeFilters(subscriptions); r.rc != ErrorCode::NoError)
        return r;
    const bool v5 = m_config.version == ProtocolVersion::V5;
    for (const auto &s : subscriptions) {
        if (!v5 && (s.noLocal || s.retainAsPublished || s.retainHandling != Mqtt::RetainHandling::SendOnSubscribe))
            return { ErrorCode::Invalid, 0, QStringLiteral("Subscription options need MQTT 5") };
        if (int(s.retainHandling) < 0 || int(s.retainHandling) > 2)
            return { ErrorCode::Invalid, 0, QStringLiteral("Retain handling must be 0, 1 or 2") };
        if (v5 && m_state == State::Connected) {
            const bool wildcard = s.filter.contains(QLatin1Char('+')) || s.filter.contains(QLatin1Char('#'));
            if (wildcard && !m_limits.wildcardSubscriptionAvailable)
                return { ErrorCode::NotSupported, 0, QStringLiteral("The broker does not support wildcard subscriptions") };
            if (s.filter.startsWith(QLatin1String("$share/")) && !m_limits.sharedSubscriptionAvailable)
                return { ErrorCode::NotSupported, 0, QStringLiteral("The broker does not support shared subscriptions") };
        }
    }
    if (!properties.isEmpty() && !v5)
        return { ErrorCode::Invalid, 0, QStringLiteral("Properties need MQTT 5") };
    if (v5 && m_state == State::Connected && properties.contains(PropertyId::SubscriptionIdentifier)
        && !m_limits.subscriptionIdentifierAvailable)
        return { ErrorCode::NotSupported, 0, QStringLiteral("The broker does not support subscription identifiers") };
    SubscribePacket p;
    p.subscriptions = subscriptions;
    p.properties = properties;
    return sendRequest(std::move(p), now, mid);
}

Result Session::unsubscribe(const QList<QString> &filters, const MqttProperties &properties, qint64 now,
                            int mid)
{
    if (Result r = checkUnsubscribeFilters(filters); r.rc != ErrorCode::NoError)
        return r;
    if (!properties.isEmpty() && m_config.version != ProtocolVersion::V5)
        return { ErrorCode::Invalid, 0, QStringLiteral("Properties need MQTT 5") };
    UnsubscribePacket p;
    p.filters = filters;
    p.properties = properties;
    return sendRequest(std::move(p), now, mid);
}

template<typename RequestPacket>
Result Session::sendRequest(RequestPacket &&p, qint64 now, int mid)
{
    constexpr bool isSubscribe = std::is_same_v<RequestPacket, SubscribePacket>;
    if (m_state != State::Connected)
        return { ErrorCode::NoConnection, 0, QStringLiteral("Not connected") };
    p.packetId = allocatePacketId(); // before measuring: the encoder refuses id 0
    if (p.packetId == 0)
        return { ErrorCode::QueueSize, 0, QStringLiteral("All 65,535 packet identifiers are in use") };
    if (const QString tooLarge = exceedsMaximumPacketSize(p, m_config.version, m_limits.maximumPacketSize);
        !tooLarge.isEmpty())
        return { ErrorCode::PayloadSize, 0, tooLarge };
    if (!write(p, now)) {
        return { ErrorCode::Invalid, 0,
                 QStringLiteral("The %1 packet cannot be encoded")
                         .arg(isSubscribe ? QStringLiteral("SUBSCRIBE") : QStringLiteral("UNSUBSCRIBE")) };
    }
    if (mid <= 0)
        mid = reserveMid();
    if constexpr (isSubscribe)
        m_requests.insert(p.packetId, { mid, true, int(p.subscriptions.size()) });
    else
        m_requests.insert(p.packetId, { mid, false, int(p.filters.size()) });
    return { ErrorCode::NoError, mid, {} };
}

Result Session::sendAuth(ReasonCode reasonCode, const MqttProperties &properties, qint64 now)
{
    if (m_config.version != ProtocolVersion::V5)
        return { ErrorCode::NotSupported, 0, QStringLiteral("AUTH needs MQTT 5") };
    if (m_state != State::Connected && m_state != State::AwaitConnack)
        return { ErrorCode::NoConnection, 0, QStringLiteral("Not connected") };
    AuthPacket a;
    a.reasonCode = reasonCode;
    a.properties = properties;
    if (!write(a, now))
        return { ErrorCode::Invalid, 0, QStringLiteral("The AUTH packet cannot be encoded") };
    return {};
}

void Session::disconnect(ReasonCode reasonCode, const MqttProperties &properties, qint64 now)
{
    if (m_state == State::Connected || m_state == State::AwaitConnack) {
        DisconnectPacket d;
        if (m_config.version == ProtocolVersion::V5) { // MQTT 3.x DISCONNECT has neither
            d.reasonCode = reasonCode;
            d.properties = properties;
        }
        if (!write(d, now)) {
            // Refused properties: still disconnect cleanly, without them.
            d.properties = {};
            write(d, now);
        }
    }
    // A failed connection stays failed: nothing more of it is processed.
    if (m_state != State::Disconnected && m_state != State::Failed)
        m_state = State::Disconnecting;
}

void Session::reset()
{
    // Take everything first: the observer may call back into the session.
    QHash<quint16, Outgoing> inflight = std::exchange(m_inflight, {});
    std::deque<Outgoing> queue = std::exchange(m_queue, {});
    std::vector<Outgoing *> pending;
    for (auto it = inflight.begin(); it != inflight.end(); ++it)
        pending.push_back(&it.value());
    for (auto &m : queue)
        pending.push_back(&m);
    std::sort(pending.begin(), pending.end(), [](const Outgoing *a, const Outgoing *b) { return a->seq < b->seq; });

    if (m_persistence)
        m_persistence->cleared();
    m_limits = ServerLimits();
    m_state = State::Disconnected;
    m_decoder.reset();
    clearOutput();
    m_lastMid.store(0);
    m_lastPacketId = 0;
    m_seq = 0;
    m_resendPending = 0;
    m_requests.clear();
    m_incomingQos2.clear();
    m_recentQos2.clear();
    m_recentQos2Order.clear();
    m_recentCount = 0;
    m_suppressedQos2.clear();
    m_inboundAliases.clear();
    m_outboundAliases.clear();
    m_autoAliases.clear();
    m_nextAutoAlias = 1;
    m_lastSent = 0;
    m_lastReceived = 0;
    m_connectSentAt = 0;
    m_pingSentAt = -1;

    // Report only once the state is fresh: a message published from publishFailed() then
    // belongs to the new state (its own mid, queued until the next CONNACK) instead of
    // being written to a discarded output and sharing its mid with a later message.
    for (Outgoing *m : pending)
        failMessage(*m, ErrorCode::NoConnection, QStringLiteral("Message %1 was dropped: the client was reinitialised").arg(m->mid));
}

void Session::abandon(ErrorCode error)
{
    for (auto &m : m_inflight) {
        if (m.info)
            m.info->complete(error);
    }
    for (auto &m : m_queue) {
        if (m.info)
            m.info->complete(error);
    }
}

// ---- time ------------------------------------------------------------------------------

qint64 Session::nextDeadline() const
{
    qint64 deadline = -1;
    auto consider = [&deadline](qint64 t) {
        if (deadline < 0 || t < deadline)
            deadline = t;
    };
    if (m_state == State::AwaitConnack && m_config.connackTimeoutMs > 0)
        consider(m_connectSentAt + m_config.connackTimeoutMs);
    if (m_state == State::Connected) {
        const qint64 keepAliveMs = qint64(effectiveKeepAlive()) * 1000;
        if (keepAliveMs > 0)
            consider(m_lastSent + keepAliveMs);
        if (keepAliveMs > 0 && m_pingSentAt >= 0)
            consider(std::max(m_pingSentAt, m_lastReceived) + keepAliveMs);
        if (m_config.messageRetryMs > 0 && m_config.version != ProtocolVersion::V5) {
            for (const auto &m : m_inflight) {
                if (!m.resendPending)
                    consider(m.sentAt + m_config.messageRetryMs);
            }
        }
    }
    return deadline;
}

void Session::tick(qint64 now)
{
    if (m_state == State::AwaitConnack && m_config.connackTimeoutMs > 0
        && now >= m_connectSentAt + m_config.connackTimeoutMs) {
        fail(ErrorCode::ConnectionLost, ReasonCode::UnspecifiedError,
             QStringLiteral("No CONNACK within %1 ms").arg(m_config.connackTimeoutMs));
        return;
    }
    if (m_state != State::Connected)
        return;
    const qint64 keepAliveMs = qint64(effectiveKeepAlive()) * 1000;
    if (keepAliveMs > 0) {
        if (m_pingSentAt >= 0 && now >= std::max(m_pingSentAt, m_lastReceived) + keepAliveMs) {
            // [MQTT-3.1.2-24 non-normative] nothing at all from the broker for a keepalive
            // period after PINGREQ: the link is dead. Bytes still arriving prove it alive,
            // even when the PINGRESP waits behind a backlog of messages.
            // 0x8D (Keep Alive timeout) is a server's code; a client says 0x80.
            if (m_config.version == ProtocolVersion::V5) {
                DisconnectPacket d;
                d.reasonCode = ReasonCode::UnspecifiedError;
                write(d, now);
            }
            fail(ErrorCode::KeepAlive, ReasonCode::UnspecifiedError,
                 QStringLiteral("No PINGRESP within %1 s of PINGREQ").arg(keepAliveMs / 1000));
            return;
        }
        if (now >= m_lastSent + keepAliveMs) {
            // [MQTT-3.1.2-23] send PINGREQ when nothing else was sent for the period, also
            // while an earlier PINGRESP is still on its way behind a backlog: the broker
            // must hear from us every period or it drops us.
            write(PingreqPacket{}, now);
            if (m_pingSentAt < 0)
                m_pingSentAt = now;
        }
    }
    if (m_config.messageRetryMs > 0 && m_config.version != ProtocolVersion::V5) {
        // MQTT 3.x allows in-session resends; MQTT 5 forbids them [MQTT-4.4.0-1].
        for (const quint16 id : inflightInOrder()) {
            auto it = m_inflight.find(id);
            if (it != m_inflight.end() && !it->resendPending && now >= it->sentAt + m_config.messageRetryMs)
                resend(*it, now);
        }
    }
}

} // namespace MqttSession
