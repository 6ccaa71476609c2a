// Copyright (C) 2026 The MqttQt authors.
// SPDX-License-Identifier: BSD-3-Clause
#include "mqttsessionjournal_p.h"

#include <QtCore/QtEndian>

#include <algorithm>

using namespace MqttCodec;
using Mqtt::ErrorCode;

namespace MqttSession {

namespace {
// Every record starts with this byte; a newer one is refused, never guessed at.
constexpr quint8 RecordFormat = 1;
// Offsets in an OutboundRecord: format, mid (4), packet id (2), awaiting PUBCOMP (1),
// then the PUBLISH as MQTT 5 encodes it.
constexpr int OutboundPacketIdAt = 5;
constexpr int OutboundStageAt = 7;
constexpr int OutboundPublishAt = 8;

void appendU16(QByteArray &out, quint16 v)
{
    char b[2];
    qToBigEndian(v, b);
    out.append(b, 2);
}
void appendU32(QByteArray &out, quint32 v)
{
    char b[4];
    qToBigEndian(v, b);
    out.append(b, 4);
}
void appendU64(QByteArray &out, quint64 v)
{
    char b[8];
    qToBigEndian(v, b);
    out.append(b, 8);
}

// The PUBLISH as stored: MQTT 5 framing (so properties survive whatever the connection's
// version), no DUP; a message without a packet id yet is encoded with 1 (the encoder
// refuses 0 for QoS 1/2) and the record's own field says 0.
bool appendPublish(QByteArray &out, const PublishPacket &packet)
{
    PublishPacket p = packet;
    p.dup = false;
    if (p.packetId == 0)
        p.packetId = 1;
    return encode(p, Mqtt::ProtocolVersion::V5, out) == EncodeError::None;
}

std::optional<PublishPacket> decodePublish(const char *data, qsizetype size, QString *why)
{
    DecodeOptions options;
    options.version = Mqtt::ProtocolVersion::V5;
    DecodeResult r = decodePacket(data, size, options);
    if (r.status != DecodeStatus::Packet) {
        *why = r.error.reason.isEmpty() ? QStringLiteral("the message does not decode") : r.error.reason;
        return std::nullopt;
    }
    if (packetType(r.packet) != PacketType::Publish) {
        *why = QStringLiteral("it holds a %1, not a PUBLISH").arg(QLatin1String(packetTypeName(packetType(r.packet))));
        return std::nullopt;
    }
    PublishPacket p = std::move(std::get<PublishPacket>(r.packet));
    if (p.qos == Mqtt::QoS::AtMostOnce) {
        *why = QStringLiteral("it holds a QoS 0 message");
        return std::nullopt;
    }
    return p;
}
} // namespace

Journal::Journal(MqttSessionStore *store, Mqtt::Durability durability)
    : m_store(store), m_durability(durability)
{
}

Journal::Pending *Journal::findPending(const Key &key)
{
    if (!m_pendingIndex.isEmpty()) {
        const auto it = m_pendingIndex.constFind(key);
        return it == m_pendingIndex.cend() ? nullptr : &m_pending[*it];
    }
    for (Pending &p : m_pending) {
        if (p.key == key)
            return &p;
    }
    return nullptr;
}

Journal::Pending &Journal::pendingFor(const Key &key)
{
    if (Pending *p = findPending(key))
        return *p;
    m_pending.push_back({ key, {}, false });
    if (!m_pendingIndex.isEmpty())
        m_pendingIndex.insert(key, m_pending.size() - 1);
    else
        reindexPending();
    return m_pending.back();
}

void Journal::reindexPending()
{
    m_pendingIndex.clear();
    if (m_pending.size() <= IndexFrom)
        return;
    m_pendingIndex.reserve(qsizetype(m_pending.size()) * 2);
    for (size_t i = 0; i < m_pending.size(); ++i)
        m_pendingIndex.insert(m_pending[i].key, i);
}

void Journal::erasePending(const Key &key)
{
    const auto it = std::find_if(m_pending.begin(), m_pending.end(), [&key](const Pending &p) { return p.key == key; });
    if (it == m_pending.end())
        return;
    m_pending.erase(it);
    reindexPending();
}

void Journal::clearPending()
{
    // The capacity stays for the next pass, unless a burst left more than passes need.
    if (m_pending.capacity() > 1024)
        m_pending = {};
    else
        m_pending.clear();
    if (!m_pendingIndex.isEmpty())
        m_pendingIndex.clear();
}

void Journal::put(int kind, quint64 key, QByteArray &&value)
{
    Pending &p = pendingFor(Key(kind, key));
    p.value = std::move(value);
    p.remove = false;
}

void Journal::remove(int kind, quint64 key)
{
    Pending &p = pendingFor(Key(kind, key));
    p.value.clear();
    p.remove = true;
}

Result Journal::outboundAccepted(int mid, quint64 seq, const PublishPacket &packet)
{
    QByteArray value;
    value.reserve(OutboundPublishAt + 16 + packet.topic.size() + packet.payload.size());
    value.append(char(RecordFormat));
    appendU32(value, quint32(mid));
    appendU16(value, 0);
    value.append(char(0));
    if (!appendPublish(value, packet))
        return { ErrorCode::Invalid, 0, QStringLiteral("The message cannot be encoded for the session store") };
    put(OutboundRecord, seq, std::move(value));
    // Immediate durability, and every message while the store is failing (so that a
    // store that cannot keep it refuses it here instead of losing it later).
    if (m_durability == Mqtt::Durability::Immediate || m_failed) {
        QString why;
        if (commit(&why) != ErrorCode::NoError) {
            erasePending(Key(OutboundRecord, seq));
            return { ErrorCode::SessionStore, 0, why };
        }
    }
    return {};
}

void Journal::outboundProgress(quint64 seq, quint16 packetId, bool awaitingPubcomp)
{
    // Usually the message was accepted in the same event-loop pass: its record, still
    // pending, takes the id, and no second record is written.
    Pending *it = findPending(Key(OutboundRecord, seq));
    if (it && !it->remove && it->value.size() > OutboundPublishAt) {
        qToBigEndian(packetId, it->value.data() + OutboundPacketIdAt);
        it->value[OutboundStageAt] = char(awaitingPubcomp ? 1 : 0);
        return;
    }
    QByteArray value;
    value.reserve(4);
    value.append(char(RecordFormat));
    appendU16(value, packetId);
    value.append(char(awaitingPubcomp ? 1 : 0));
    put(ProgressRecord, seq, std::move(value));
    m_progressStored.insert(seq);
}

void Journal::outboundFinished(quint64 seq)
{
    remove(OutboundRecord, seq);
    if (m_progressStored.remove(seq))
        remove(ProgressRecord, seq);
}

void Journal::inboundStored(const PublishPacket &packet)
{
    QByteArray value;
    value.reserve(16 + packet.topic.size() + packet.payload.size());
    value.append(char(RecordFormat));
    if (!appendPublish(value, packet))
        return; // it came off the wire, decoded: it encodes
    put(InboundRecord, packet.packetId, std::move(value));
}

void Journal::inboundReleased(quint16 packetId, quint64 digest, quint64 order)
{
    remove(InboundRecord, packetId);
    QByteArray value;
    value.reserve(17);
    value.append(char(RecordFormat));
    appendU64(value, digest);
    appendU64(value, order);
    put(RecentRecord, packetId, std::move(value));
}

void Journal::inboundDropped(quint16 packetId)
{
    remove(InboundRecord, packetId);
}

void Journal::recentForgotten(quint16 packetId)
{
    remove(RecentRecord, packetId);
}

void Journal::cleared()
{
    clearPending();
    m_progressStored.clear();
    m_clearPending = true;
}

ErrorCode Journal::commit(QString *why, bool final)
{
    QList<MqttSessionStore::Change> changes;
    if (m_clearPending) {
        QList<MqttSessionStore::Record> stored;
        const ErrorCode e = m_store->load(&stored, why);
        if (e != ErrorCode::NoError) {
            m_failed = true;
            return e;
        }
        for (const auto &r : std::as_const(stored)) {
            if (!findPending(Key(r.kind, r.key)))
                changes.append({ r.kind, r.key, {}, true });
        }
    }
    changes.reserve(changes.size() + m_pending.size() + 1);
    for (const Pending &p : m_pending)
        changes.append({ p.key.first, p.key.second, p.value, p.remove });
    const int mid = m_session ? m_session->lastMid() : 0;
    const int packetId = m_session ? int(m_session->lastPacketId()) : 0;
    // After a clear every stored record goes, the counters' too: write them again. They
    // change with every message, but a restored session needs them only to continue
    // above the ids it restores (restore() also takes the largest mid it finds): write
    // them with the first commit of every 256 mids, not with every commit, which would
    // dirty one more page per commit.
    const bool counters = m_clearPending || m_committedMid < 0 || mid < m_committedMid || mid - m_committedMid >= 256
            || (final && (mid != m_committedMid || packetId != m_committedPacketId));
    if (counters) {
        QByteArray value;
        value.append(char(RecordFormat));
        appendU32(value, quint32(mid));
        appendU16(value, quint16(packetId));
        changes.append({ StateRecord, 0, value, false });
    }
    if (changes.isEmpty())
        return ErrorCode::NoError;
    const ErrorCode e = m_store->commit(changes, m_durability, why);
    if (e != ErrorCode::NoError) {
        m_failed = true;
        return e;
    }
    clearPending();
    m_clearPending = false;
    m_committedMid = mid;
    m_committedPacketId = packetId;
    m_failed = false;
    return ErrorCode::NoError;
}

ErrorCode Journal::load(Snapshot *snapshot, QString *why)
{
    *snapshot = Snapshot();
    clearPending();
    m_progressStored.clear();
    m_clearPending = false;
    QList<MqttSessionStore::Record> records;
    ErrorCode e = m_store->load(&records, why);
    if (e != ErrorCode::NoError)
        return e;
    auto corrupt = [why](const MqttSessionStore::Record &r, const QString &reason) {
        *why = QStringLiteral("The session store holds a corrupt record (kind %1, key %2): %3").arg(r.kind).arg(r.key).arg(reason);
        return ErrorCode::SessionStore;
    };
    struct Progress
    {
        quint16 packetId;
        bool awaitingPubcomp;
    };
    QHash<quint64, Progress> progress;
    for (const MqttSessionStore::Record &r : std::as_const(records)) {
        const QByteArray &v = r.value;
        const char *data = v.constData();
        if (v.isEmpty())
            return corrupt(r, QStringLiteral("it is empty"));
        if (quint8(data[0]) != RecordFormat)
            return corrupt(r, QStringLiteral("format %1 is unknown to this MqttQt").arg(quint8(data[0])));
        QString reason;
        switch (r.kind) {
        case StateRecord:
            if (v.size() != 7)
                return corrupt(r, QStringLiteral("a state record has 7 bytes, not %1").arg(v.size()));
            snapshot->lastMid = int(qFromBigEndian<quint32>(data + 1));
            snapshot->lastPacketId = qFromBigEndian<quint16>(data + 5);
            m_committedMid = snapshot->lastMid;
            m_committedPacketId = snapshot->lastPacketId;
            break;
        case OutboundRecord: {
            if (v.size() <= OutboundPublishAt)
                return corrupt(r, QStringLiteral("it is truncated"));
            auto p = decodePublish(data + OutboundPublishAt, v.size() - OutboundPublishAt, &reason);
            if (!p)
                return corrupt(r, reason);
            Snapshot::Message m;
            m.mid = int(qFromBigEndian<quint32>(data + 1));
            m.seq = r.key;
            m.packet = std::move(*p);
            m.packet.packetId = qFromBigEndian<quint16>(data + OutboundPacketIdAt);
            m.awaitingPubcomp = data[OutboundStageAt] != 0;
            if (m.mid <= 0 || m.seq == 0)
                return corrupt(r, QStringLiteral("message id %1, sequence %2").arg(m.mid).arg(m.seq));
            snapshot->outbound.push_back(std::move(m));
            break;
        }
        case ProgressRecord:
            if (v.size() != 4)
                return corrupt(r, QStringLiteral("a progress record has 4 bytes, not %1").arg(v.size()));
            progress.insert(r.key, { qFromBigEndian<quint16>(data + 1), data[3] != 0 });
            break;
        case InboundRecord: {
            auto p = decodePublish(data + 1, v.size() - 1, &reason);
            if (!p)
                return corrupt(r, reason);
            if (p->packetId != r.key || p->qos != Mqtt::QoS::ExactlyOnce)
                return corrupt(r, QStringLiteral("it holds packet id %1 at QoS %2").arg(p->packetId).arg(int(p->qos)));
            snapshot->inbound.push_back(std::move(*p));
            break;
        }
        case RecentRecord:
            if (v.size() != 17 || r.key == 0 || r.key > 65535)
                return corrupt(r, QStringLiteral("a digest record has 17 bytes and a packet id"));
            snapshot->recent.push_back({ quint16(r.key), qFromBigEndian<quint64>(data + 1), qFromBigEndian<quint64>(data + 9) });
            break;
        default:
            return corrupt(r, QStringLiteral("the kind is unknown to this MqttQt"));
        }
    }
    QSet<quint64> outboundSeqs;
    for (Snapshot::Message &m : snapshot->outbound) {
        outboundSeqs.insert(m.seq);
        const auto it = progress.constFind(m.seq);
        if (it != progress.cend()) {
            m.packet.packetId = it->packetId;
            m.awaitingPubcomp = it->awaitingPubcomp;
            m_progressStored.insert(m.seq);
        }
        if (m.awaitingPubcomp && (m.packet.packetId == 0 || m.packet.qos != Mqtt::QoS::ExactlyOnce)) {
            *why = QStringLiteral("The session store holds a corrupt record (kind %1, key %2): PUBREC without a QoS 2 packet id")
                           .arg(int(OutboundRecord))
                           .arg(m.seq);
            return ErrorCode::SessionStore;
        }
    }
    // A progress record whose message completed in the same commit is left over only if
    // a store lost part of a commit; it is removed, not believed.
    for (auto it = progress.cbegin(); it != progress.cend(); ++it) {
        if (!outboundSeqs.contains(it.key()))
            remove(ProgressRecord, it.key());
    }
    return ErrorCode::NoError;
}

} // namespace MqttSession
