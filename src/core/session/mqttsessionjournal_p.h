// Copyright (C) 2026 The MqttQt authors.
// SPDX-License-Identifier: BSD-3-Clause
#ifndef MQTTSESSIONJOURNAL_P_H
#define MQTTSESSIONJOURNAL_P_H

//
//  W A R N I N G
//  -------------
// This file is not part of the MqttQt API. It exists for the implementation of
// MqttQt and may change from version to version without notice, or even be removed.
//
// The journal sits beside the session: it hears what changed (Persistence), turns it
// into records of a versioned format, coalesces the changes of one event-loop pass, and
// hands them to a MqttSessionStore in one commit. It also reads a store back into a
// Snapshot for Session::restore().

#include "mqttsession_p.h"
#include "mqttsessionstore.h"

#include <QtCore/QHash>
#include <QtCore/QPair>
#include <QtCore/QSet>

#include <vector>

namespace MqttSession {

class Journal final : public Persistence
{
public:
    // Record kinds, as stored (never renumber).
    enum Kind : int { StateRecord = 0, OutboundRecord = 1, ProgressRecord = 2, InboundRecord = 3, RecentRecord = 4 };

    Journal(MqttSessionStore *store, Mqtt::Durability durability);

    MqttSessionStore *store() const { return m_store; }
    Mqtt::Durability durability() const { return m_durability; }
    void setDurability(Mqtt::Durability durability) { m_durability = durability; }
    // The session whose counters go into the state record.
    void setSession(const Session *session) { m_session = session; }

    // Reads every record into \a snapshot; a record that does not decode is an error
    // naming it. Pending changes are dropped: the store's state is the truth.
    Mqtt::ErrorCode load(Snapshot *snapshot, QString *why);
    bool hasPending() const { return !m_pending.empty() || m_clearPending; }
    bool hasUnsavedCounters() const
    {
        return m_session && (m_session->lastMid() != m_committedMid || int(m_session->lastPacketId()) != m_committedPacketId);
    }
    // Commits the pending changes; on failure they stay pending and failed() is true
    // until a commit succeeds. \a final (the store is about to be let go) also writes the
    // id counters, which otherwise go with every 256th mid.
    Mqtt::ErrorCode commit(QString *why, bool final = false);
    bool failed() const { return m_failed; }

    // Persistence
    Result outboundAccepted(int mid, quint64 seq, const MqttCodec::PublishPacket &packet) override;
    void outboundProgress(quint64 seq, quint16 packetId, bool awaitingPubcomp) override;
    void outboundFinished(quint64 seq) override;
    void inboundStored(const MqttCodec::PublishPacket &packet) override;
    void inboundReleased(quint16 packetId, quint64 digest, quint64 order) override;
    void inboundDropped(quint16 packetId) override;
    void recentForgotten(quint16 packetId) override;
    void cleared() override;

private:
    using Key = QPair<int, quint64>;
    struct Pending
    {
        Key key;
        QByteArray value;
        bool remove = false;
    };
    void put(int kind, quint64 key, QByteArray &&value);
    void remove(int kind, quint64 key);
    // This pass's changes, one per record, in the order they first changed. A pass has a
    // few (a commit per pass is the hot path, and a hash table allocated, scanned and
    // freed per pass cost 5 % of it), or many (a burst of publish() calls): the index is
    // built once there are more than IndexFrom.
    Pending *findPending(const Key &key);
    Pending &pendingFor(const Key &key);
    void erasePending(const Key &key);
    void reindexPending(); // the index from scratch: none up to IndexFrom changes
    void clearPending();
    static constexpr size_t IndexFrom = 16;

    MqttSessionStore *m_store;
    Mqtt::Durability m_durability;
    const Session *m_session = nullptr;
    std::vector<Pending> m_pending;
    QHash<Key, size_t> m_pendingIndex; // position in m_pending, past IndexFrom changes
    QSet<quint64> m_progressStored; // outbound messages with a ProgressRecord in the store
    bool m_clearPending = false;    // cleared(): every stored record goes at the next commit
    int m_committedMid = -1;
    int m_committedPacketId = -1;
    bool m_failed = false;
};

} // namespace MqttSession

#endif // MQTTSESSIONJOURNAL_P_H
