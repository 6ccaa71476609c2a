// Copyright (C) 2026 The MqttQt authors.
// SPDX-License-Identifier: BSD-3-Clause
#ifndef MQTTSESSION_P_H
#define MQTTSESSION_P_H

//
//  W A R N I N G
//  -------------
// This file is not part of the MqttQt API. It exists for the implementation of
// MqttQt and may change from version to version without notice, or even be removed.
//
// The session is the MQTT client state machine, "sans I/O": it is fed connection events,
// received bytes, user calls and the current time (milliseconds of a monotonic clock,
// given by the caller), and it answers with bytes to send (output()) and events for an
// Observer. It has no socket, no QObject and no clock, so tests drive it with a fake
// clock and assert exact byte sequences. It owns everything that must survive a
// reconnect: unacknowledged messages, the queue, incoming QoS 2 state.

#include "codec/mqttcodec_p.h"
#include "mqttmessageinfo_p.h"
#include "mqttnamespace.h"
#include "mqttproperties.h"

#include <QtCore/QByteArray>
#include <QtCore/QHash>
#include <QtCore/QList>
#include <QtCore/QSet>
#include <QtCore/QString>

#include <atomic>
#include <deque>
#include <optional>
#include <vector>

namespace MqttSession {

struct Config
{
    Mqtt::ProtocolVersion version = Mqtt::ProtocolVersion::V3_1_1;
    QString clientId;         // may be empty: the broker assigns one (3.1.1 with clean session, 5)
    bool cleanSession = true; // Clean Start in MQTT 5
    quint16 keepAlive = 60;   // seconds; 0 disables keepalive
    std::optional<QString> username;
    std::optional<QByteArray> password;
    std::optional<MqttCodec::WillMessage> will;
    MqttProperties connectProperties; // MQTT 5
    int maxInflight = 20;             // QoS 1/2 messages awaiting acknowledgement; 0 = no limit
    int maxQueued = 0;                // QoS 1/2 messages pending in all; 0 = no limit
    bool republishOnCleanSession = true; // Paho's behaviour, see Session::connackReceived
    int messageRetryMs = 0;           // in-session resend (MQTT 3.x only); 0 = off
    int connackTimeoutMs = 30000;     // CONNECT sent, no CONNACK: the connection failed
    bool autoTopicAlias = false;      // MQTT 5: aliases for repeated topics, see appendPublish()
};

// What the broker told us in CONNACK (MQTT 5); defaults are the spec's when absent.
struct ServerLimits
{
    quint16 receiveMaximum = 65535;
    quint32 maximumPacketSize = MqttCodec::MaxPacketSize;
    Mqtt::QoS maximumQoS = Mqtt::QoS::ExactlyOnce;
    bool retainAvailable = true;
    bool wildcardSubscriptionAvailable = true;
    bool subscriptionIdentifierAvailable = true;
    bool sharedSubscriptionAvailable = true;
    quint16 topicAliasMaximum = 0;
    std::optional<quint16> serverKeepAlive;
    QString assignedClientIdentifier;
};

class Observer
{
public:
    virtual ~Observer() = default;
    // A CONNACK arrived (success or refusal, like Paho's on_connect). On refusal the
    // session has reported it and the caller should close the connection.
    virtual void connackReceived(const MqttCodec::ConnackPacket &connack) = 0;
    // A message for the application. Its PUBACK (QoS 1) or PUBCOMP (QoS 2, delivered on
    // PUBREL) is already in output(): write output() before handing the message on.
    virtual void messageReceived(MqttCodec::PublishPacket &&message) = 0;
    virtual void publishAcknowledged(int mid, Mqtt::ReasonCode reasonCode,
                                     const MqttProperties &properties) = 0;
    // The session gave up on an accepted message; it will never be sent again.
    virtual void publishFailed(int mid, Mqtt::ErrorCode error, const QString &why) = 0;
    virtual void subscribeAcknowledged(int mid, const QList<Mqtt::ReasonCode> &reasonCodes,
                                       const MqttProperties &properties) = 0;
    virtual void unsubscribeAcknowledged(int mid, const QList<Mqtt::ReasonCode> &reasonCodes,
                                         const MqttProperties &properties) = 0;
    virtual void authReceived(const MqttCodec::AuthPacket &auth) = 0;
    // The connection must end: the broker sent DISCONNECT or a malformed or unexpected
    // packet, or the keepalive or CONNACK timer ran out. Any DISCONNECT the client owes
    // the broker is already in output(); write it, then close.
    virtual void connectionMustClose(Mqtt::ErrorCode error, Mqtt::ReasonCode reasonCode,
                                     const QString &why, const MqttProperties &properties) = 0;
    virtual void log(Mqtt::LogLevel level, const QString &text) = 0;
    // A SUBSCRIBE or UNSUBSCRIBE was not acknowledged before the connection closed; the
    // protocol does not resend it.
    virtual void requestLost(int mid, bool subscribe) = 0;
};

// MQTT 3.x CONNACK return codes as the MQTT 5 reason codes that mean the same (as Paho 2
// maps them): 1 -> 0x84, 2 -> 0x85, 3 -> 0x88, 4 -> 0x86, 5 -> 0x87; others -> 0x80.
Mqtt::ReasonCode reasonCodeForConnackReturnCode(int returnCode);

struct Result;

// What must survive a restart of the process changed. The session calls these from
// inside its own calls (the listener must not call back into the session); a store
// records the changes and commits them in groups (see MqttSession::Journal).
class Persistence
{
public:
    virtual ~Persistence() = default;
    // A QoS 1/2 message is about to be accepted (not yet sent). A result other than
    // NoError refuses it: publish() returns that result and keeps nothing.
    virtual Result outboundAccepted(int mid, quint64 seq, const MqttCodec::PublishPacket &packet) = 0;
    // The message got its packet id (it is about to be written), or PUBREC arrived
    // (awaitingPubcomp: only PUBREL is ever sent for it again).
    virtual void outboundProgress(quint64 seq, quint16 packetId, bool awaitingPubcomp) = 0;
    // Completed or failed: it will never be sent again.
    virtual void outboundFinished(quint64 seq) = 0;
    // An inbound QoS 2 message, about to be acknowledged with PUBREC.
    virtual void inboundStored(const MqttCodec::PublishPacket &packet) = 0;
    // Its PUBREL arrived: it is about to be delivered, and is remembered by \a digest
    // (the \a order-th remembered) to recognise a redelivery.
    virtual void inboundReleased(quint16 packetId, quint64 digest, quint64 order) = 0;
    // The broker kept no session: the message will never be released.
    virtual void inboundDropped(quint16 packetId) = 0;
    // A remembered digest was evicted, or its id now names another message.
    virtual void recentForgotten(quint16 packetId) = 0;
    // reset(): nothing of the session is kept.
    virtual void cleared() = 0;
};

// Everything Persistence was told, as restore() takes it back.
struct Snapshot
{
    struct Message
    {
        int mid = 0;
        quint64 seq = 0;
        MqttCodec::PublishPacket packet; // packetId 0: never sent
        bool awaitingPubcomp = false;
    };
    struct Recent
    {
        quint16 packetId = 0;
        quint64 digest = 0;
        quint64 order = 0;
    };
    std::vector<Message> outbound;          // any order: restore() sorts by seq
    std::vector<MqttCodec::PublishPacket> inbound; // awaiting PUBREL, packetId set
    std::vector<Recent> recent;             // any order: restore() sorts by order
    int lastMid = 0;
    quint16 lastPacketId = 0;
};

// The digest an inbound QoS 2 message is remembered by: stable across processes and
// machines (it is stored).
quint64 qos2Digest(const QByteArray &topic, const QByteArray &payload);

enum class State : quint8 {
    Disconnected,  // no transport
    AwaitConnack,  // CONNECT written
    Connected,     // CONNACK success
    Disconnecting, // DISCONNECT written; waiting for the transport to close
    Failed,        // connectionMustClose() reported; nothing more is processed
};

struct Result
{
    Mqtt::ErrorCode rc = Mqtt::ErrorCode::NoError;
    int mid = 0;
    QString why; // a specific sentence when rc is not Success
};

struct PublishRequest
{
    QByteArray topic; // UTF-8
    QByteArray payload;
    Mqtt::QoS qos = Mqtt::QoS::AtMostOnce;
    bool retain = false;
    MqttProperties properties;
};

class Session
{
public:
    explicit Session(Observer *observer);

    // Where changes that must survive a restart are reported; null (the default) keeps
    // the session in memory only.
    void setPersistence(Persistence *persistence) { m_persistence = persistence; }
    Persistence *persistence() const { return m_persistence; }
    // An accepted message that restore() did not bring back (it was never made durable).
    struct Abandoned
    {
        int mid = 0;
        MqttMessageInfoState info;
    };
    // Replaces every message and inbound QoS 2 state with \a snapshot (a session loaded
    // from a store), silently: no observer calls. Messages present before and in the
    // snapshot (same mid) keep their MqttMessageInfo; the others are returned. Call it
    // while disconnected. Packet ids of the snapshot's messages are kept.
    std::vector<Abandoned> restore(Snapshot &&snapshot);
    int lastMid() const { return m_lastMid.load(std::memory_order_relaxed); }
    quint16 lastPacketId() const { return m_lastPacketId; }
    bool isEmpty() const
    {
        return m_inflight.isEmpty() && m_queue.empty() && m_incomingQos2.isEmpty() && m_recentQos2.isEmpty();
    }

    Config &config() { return m_config; }
    const Config &config() const { return m_config; }
    State state() const { return m_state; }
    const ServerLimits &serverLimits() const { return m_limits; }

    // --- transport events ---
    // The byte stream is open: writes CONNECT.
    void connectionOpened(qint64 now);
    // Received bytes go into decoder(); then call bytesReceived() with them (they prove
    // the link alive, and the first ones show whether the peer speaks MQTT at all), then
    // processIncoming().
    MqttCodec::StreamDecoder &decoder() { return m_decoder; }
    void bytesReceived(const char *data, qsizetype size, qint64 now);
    void processIncoming(qint64 now);
    // The byte stream closed, for whatever reason. Unacknowledged messages stay for the
    // next connection.
    void connectionClosed();

    // --- user calls ---
    // Message ids (Paho's mid) are shared by publish, subscribe and unsubscribe. A caller
    // in another thread may reserve one at once (thread-safe) and pass it in later;
    // 0 means "allocate one now".
    int reserveMid();
    // Checks that need no connection state: what another thread can learn at once.
    static Result checkPublish(const PublishRequest &request, Mqtt::ProtocolVersion version);
    // The filters of subscribe() and unsubscribe(): at least one, each valid (and a QoS of
    // 0..2); the checks of those calls that need neither the version nor a connection.
    static Result checkSubscribeFilters(const QList<MqttCodec::Subscription> &subscriptions);
    static Result checkUnsubscribeFilters(const QList<QString> &filters);
    // \a info receives the completion state of an accepted QoS 1/2 message.
    Result publish(PublishRequest &&request, qint64 now, MqttMessageInfoState *info = nullptr, int mid = 0);
    Result subscribe(const QList<MqttCodec::Subscription> &subscriptions,
                     const MqttProperties &properties, qint64 now, int mid = 0);
    Result unsubscribe(const QList<QString> &filters, const MqttProperties &properties, qint64 now,
                       int mid = 0);
    Result sendAuth(Mqtt::ReasonCode reasonCode, const MqttProperties &properties, qint64 now);
    // Writes DISCONNECT (when connected) and moves to Disconnecting.
    void disconnect(Mqtt::ReasonCode reasonCode, const MqttProperties &properties, qint64 now);
    // Forgets everything (Paho's reinitialise()); pending messages fail with NoConnection.
    void reset();
    // The owner is going away: completes every pending message's MqttMessageInfo with
    // \a error so no waitForPublish() waits forever. No observer calls.
    void abandon(Mqtt::ErrorCode error);

    // --- time ---
    // When tick() must next be called, or -1 if no timer is needed.
    qint64 nextDeadline() const;
    void tick(qint64 now);

    // --- output ---
    // Bytes to send: the segments first (each large payload stands alone, uncopied),
    // then output(). drainOutput() hands them over in order and empties both.
    QByteArray &output() { return m_output; }
    bool hasOutput() const { return !m_output.isEmpty() || !m_segments.empty(); }
    qsizetype outputSize() const { return m_segmentBytes + m_output.size(); }
    template<typename Write>
    void drainOutput(Write write)
    {
        for (const QByteArray &segment : m_segments)
            write(segment);
        m_segments.clear();
        m_segmentBytes = 0;
        if (!m_output.isEmpty()) {
            write(m_output);
            m_output.resize(0); // keeps the capacity for the next pass
        }
    }

    // --- introspection (tests, inspector) ---
    int inflightCount() const { return int(m_inflight.size()); }
    // Packet ids of the QoS 1/2 messages awaiting an acknowledgement.
    QList<quint16> inflightPacketIds() const { return m_inflight.keys(); }
    int queuedCount() const { return int(m_queue.size()); }
    int pendingIncomingQos2Count() const { return int(m_incomingQos2.size()); }
    int effectiveKeepAlive() const;

private:
    struct Outgoing
    {
        int mid = 0;
        quint64 seq = 0; // order of acceptance, for resending in order
        MqttCodec::PublishPacket packet;
        enum Stage : quint8 { AwaitPuback, AwaitPubrec, AwaitPubcomp } stage = AwaitPuback;
        qint64 sentAt = 0;
        MqttMessageInfoState info;
        bool resendPending = false; // kept session, but the new Receive Maximum is full
        // PUBREL was resent after reconnecting to a broker that kept no session: its
        // PUBCOMP may say 0x92, but PUBREC already proved the message delivered.
        bool pubrelAfterSessionLoss = false;
    };
    struct PendingRequest
    {
        int mid = 0;
        bool subscribe = true;
        int filterCount = 0; // the ack must carry one reason code per filter
    };

    quint16 allocatePacketId();
    int inflightWindow() const;
    Result checkServerLimits(const MqttCodec::PublishPacket &p) const;
    static Result encodeRefusal(MqttCodec::EncodeError err);
    template<typename RequestPacket>
    Result sendRequest(RequestPacket &&packet, qint64 now, int mid);
    bool write(const MqttCodec::Packet &packet, qint64 now);
    void writePublish(const MqttCodec::PublishPacket &packet, qint64 now);
    MqttCodec::EncodeError appendPublish(const MqttCodec::PublishPacket &packet, qint64 now);
    void clearOutput();
    void pump(qint64 now);
    void resumeAfterConnack(bool sessionPresent, qint64 now);
    void resend(Outgoing &message, qint64 now);
    Outgoing takeInflight(QHash<quint16, Outgoing>::iterator it);
    // A PUBACK, PUBCOMP or failing PUBREC ended the message's flow.
    void finishFlow(QHash<quint16, Outgoing>::iterator it, Mqtt::ReasonCode reasonCode,
                    const MqttProperties &properties, qint64 now);
    std::vector<quint16> inflightInOrder() const;
    void fail(Mqtt::ErrorCode error, Mqtt::ReasonCode reasonCode, const QString &why,
              const MqttProperties &properties = {});
    void protocolViolation(Mqtt::ReasonCode reasonCode, const QString &why);
    void failMessage(Outgoing &message, Mqtt::ErrorCode error, const QString &why);

    void handle(MqttCodec::Packet &&packet, qint64 now);
    void onConnack(const MqttCodec::ConnackPacket &p, qint64 now);
    void onPublish(MqttCodec::PublishPacket &&p, qint64 now);
    void onPuback(const MqttCodec::PubackPacket &p, qint64 now);
    void onPubrec(const MqttCodec::PubrecPacket &p, qint64 now);
    void onPubrel(const MqttCodec::PubrelPacket &p, qint64 now);
    void onPubcomp(const MqttCodec::PubcompPacket &p, qint64 now);
    void onSuback(const MqttCodec::SubackPacket &p);
    void onUnsuback(const MqttCodec::UnsubackPacket &p);
    // Finds the pending request an ack answers, or reports why it cannot.
    std::optional<PendingRequest> takeRequest(quint16 packetId, bool subscribe, qsizetype reasonCodes);
    void onDisconnect(const MqttCodec::DisconnectPacket &p);

    Observer *m_observer;
    Persistence *m_persistence = nullptr;
    Config m_config;
    ServerLimits m_limits;
    State m_state = State::Disconnected;
    MqttCodec::StreamDecoder m_decoder;
    QByteArray m_output;
    std::vector<QByteArray> m_segments; // complete segments written before m_output
    qsizetype m_segmentBytes = 0;

    std::atomic<int> m_lastMid{ 0 };
    quint16 m_lastPacketId = 0;
    quint64 m_seq = 0;
    int m_resendPending = 0; // in-flight messages marked resendPending
    bool m_holdQueue = false; // the CONNACK handler runs: pump() sends nothing yet
    QHash<quint16, Outgoing> m_inflight;
    std::deque<Outgoing> m_queue;
    QHash<quint16, PendingRequest> m_requests;
    QHash<quint16, MqttCodec::PublishPacket> m_incomingQos2; // PUBREC sent, PUBREL awaited
    // Inbound QoS 2 messages delivered lately (packet id -> digest of topic and payload),
    // oldest first, and ids whose redelivery is being acknowledged without delivering it.
    QHash<quint16, quint64> m_recentQos2;
    std::deque<quint16> m_recentQos2Order;
    quint64 m_recentCount = 0; // how many were ever remembered: the order of each
    QSet<quint16> m_suppressedQos2;
    QHash<quint16, QByteArray> m_inboundAliases;
    QHash<quint16, QByteArray> m_outboundAliases; // alias -> topic, this connection
    QHash<QByteArray, quint16> m_autoAliases;     // topic -> automatic alias, this connection
    quint16 m_nextAutoAlias = 1;

    qint64 m_lastSent = 0;
    qint64 m_lastReceived = 0;
    bool m_firstByteSeen = false; // on this connection
    qint64 m_connectSentAt = 0;
    qint64 m_pingSentAt = -1; // -1: no PINGREQ outstanding
};

} // namespace MqttSession

#endif // MQTTSESSION_P_H
