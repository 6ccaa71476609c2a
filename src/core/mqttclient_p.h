// Copyright (C) 2026 The MqttQt authors.
// SPDX-License-Identifier: BSD-3-Clause
#ifndef MQTTCLIENT_P_H
#define MQTTCLIENT_P_H

//
//  W A R N I N G
//  -------------
// This file is not part of the MqttQt API. It exists for the implementation of
// MqttQt and may change from version to version without notice, or even be removed.
//

#include "mqttclient.h"
#include "mqttmessageinfo_p.h"
#include "mqttrequest_p.h"
#include "mqttsubscription.h"
#include "mqttsubscriptionregistry_p.h"
#include "mqttserverlist_p.h"
#include "session/mqttsession_p.h"
#include "session/mqttsessionjournal_p.h"
#include "transport/mqtttransport_p.h"

#include <QtCore/QElapsedTimer>
#include <QtCore/QHash>
#include <QtCore/QPointer>
#include <QtCore/QSet>
#include <QtCore/QTimer>

#include <atomic>
#include <deque>
#include <memory>
#include <mutex>
#include <optional>
#include <variant>
#include <vector>

class MqttTransport;

// One per messageCallbackAdd(): the handler is a real signal connection to this relay,
// so it runs in its context's thread and dies with its context, as QObject::connect()
// promises.
class MqttMessageRelay : public QObject
{
    Q_OBJECT
public:
    MqttMessageRelay(const QString &filter, QObject *parent);
    bool hasHandlers() const;

    const QString filter;
    const QByteArray filterUtf8;

Q_SIGNALS:
    void messageMatched(const MqttMessage &message);
};

// Wires transport, session and signals together on the event loop. It holds no protocol
// logic: that is the session's.
class MqttClientPrivate final : public MqttSession::Observer
{
public:
    explicit MqttClientPrivate(MqttClient *q);
    ~MqttClientPrivate() override;

    // Every option with its default, in one place: reinitialise() resets it with {}.
    struct Options
    {
        QString clientId; // set to a generated id by the constructor and reinitialise()
        bool clientIdIsGenerated = true;
        bool brokerAssignsClientId = false;
        bool cleanSession = true;
        QVariant userData;
        Mqtt::ProtocolVersion protocolVersion = Mqtt::ProtocolVersion::V3_1_1;
        Mqtt::Transport transport = Mqtt::Transport::Tcp;
        std::optional<MqttTlsOptions> tls; // set: TLS (optional: making one starts Qt's TLS backend)
        MqttWebSocketOptions webSocket;
        QNetworkProxy proxy = QNetworkProxy(QNetworkProxy::NoProxy);
        QPointer<QIODevice> device;
        Mqtt::DeviceOwnership deviceOwnership = Mqtt::DeviceOwnership::CallerOwnsDevice;
        QStringList servers;
        bool followServerReference = false;
        QString host;
        int port = 1883;
        int keepAlive = 60;
        QString bindAddress;
        QString username;
        QByteArray password;
        MqttWill will;
        MqttProperties connectProperties;
        int maxInflight = 20;
        int maxQueued = 0;
        int messageRetry = 0;
        int reconnectDelayMin = 1;
        int reconnectDelayMax = 120;
        bool autoReconnect = true;
        bool retryFirstConnection = false;
        bool republishOnCleanSession = true;
        int connectTimeout = 30000;
        bool loggerEnabled = false;
        Mqtt::Durability durability = Mqtt::Durability::Grouped;
        bool autoTopicAlias = false;
        bool streamPacing = true;
    };

    // A call made from another thread, handed to the client's thread in order.
    struct PublishCommand
    {
        MqttSession::PublishRequest request;
        int mid = 0;
        MqttMessageInfoState info;
    };
    struct SubscribeCommand
    {
        QList<MqttCodec::Subscription> subscriptions;
        MqttProperties properties;
        int mid = 0;
    };
    struct UnsubscribeCommand
    {
        QStringList filters;
        MqttProperties properties;
        int mid = 0;
    };
    using Command = std::variant<PublishCommand, SubscribeCommand, UnsubscribeCommand>;

    // A QoS 0 message encoded but not yet reported: published() follows the write.
    struct Qos0Pending
    {
        int mid = 0;
        MqttMessageInfoState info; // null: the info shares qos0Batch
    };

    qint64 now() const;

    // --- errors and state (see "Errors" in mqttclient.h) ---
    void setError(Mqtt::ErrorCode code, const QString &text);
    void clearError();
    void setState(Mqtt::ClientState s);
    // The state may be decided before it can be announced (all fields first, then the
    // signals): announceState() emits stateChanged() once for what changed since the last.
    void announceState();
    void pruneRelays();
    bool refuse(Mqtt::ErrorCode code, const QString &text); // setError(); returns false
    bool inErrorSignal = false; // inside errorOccurred(): setError() does not repeat the same error
    // refuse() from the client's thread, for a call made on another thread; returns { code, 0 }.
    MqttResult refuseLater(Mqtt::ErrorCode code, const QString &text);
    void logLine(Mqtt::LogLevel level, const QString &text);

    // --- output ---
    // Writes the pass's output. Written QoS 0 messages are announced by an event posted
    // for them, unless \a postAnnouncement is false: the caller runs straight from the
    // event loop and calls announceWritten() itself, last.
    void flush(bool postAnnouncement = true);
    // flush() called straight from the event loop: announces written QoS 0 messages itself.
    void flushFromEventLoop();
    // Announces written QoS 0 messages now unless an event posted for them will.
    void announceWritten();
    void scheduleFlush();
    void announceQos0();
    void failUnwrittenQos0(const QString &why);
    void armTimer();
    void afterEvent();
    void onTick();

    // --- connection life cycle ---
    MqttSession::Config sessionConfig() const;
    QString validateConnect() const;
    MqttServerEntry currentEntry() const;
    MqttTransportConfig transportConfig(const MqttServerEntry &entry) const;
    void noteServerReference(Mqtt::ReasonCode reasonCode, const MqttProperties &properties);
    void setCurrentServer(const QString &uri);
    void startConnection();
    void retireTransport();
    void onTransportConnected();
    void onReadyRead();
    // Reads and decodes; returns the now() of its last successful read, -1 if none.
    qint64 readSome();
    // Delivers pending messages until the slice's budget is spent, timed from startedAt
    // (a now() of this pass) or, if negative, from now. False if a handler deleted the
    // client (the caller must return without touching it).
    bool deliverSlice(qint64 startedAt = -1);
    void scheduleContinuation();
    // A read stalled by the backlog limits may go on (see readSome()).
    bool backlogHasRoom() const;
    void onConnectTimeout();
    void onTransportError(Mqtt::ErrorCode e, const QString &why);
    void onTransportClosed(Mqtt::ErrorCode e, const QString &why);
    // Decides what follows the end of a connection (retry or stop) and sets the state,
    // once per connection; returns whether a retry was scheduled.
    bool decideAfterEnd();
    void connectionEnded(bool wasOpen, Mqtt::ErrorCode why);
    void closeConnection(Mqtt::ErrorCode error, Mqtt::ReasonCode reasonCode, const QString &why,
                         const MqttProperties &properties);
    void processPendingClose();
    void closeForNewConnection();
    // connectToHost() and reconnect(): validates, closes what is open, starts the attempt.
    Mqtt::ErrorCode startRequestedConnection();

    // --- session store ---
    Mqtt::ErrorCode attachStore(MqttSessionStore *store);
    void detachStore(bool deleteIt);
    // Commits the journal before bytes go out; false if it failed (and was handled).
    bool commitStore();
    void onStoreFailure(const QString &why);

    // --- calls ---
    MqttResult finishCall(const MqttSession::Result &r);
    MqttMessageInfo publish(MqttSession::PublishRequest &&request, int mid = 0,
                            MqttMessageInfoState preallocated = {});
    MqttMessageInfo publishFromOtherThread(MqttSession::PublishRequest &&request);
    MqttResult subscribe(const QList<MqttCodec::Subscription> &subscriptions, const MqttProperties &properties);
    MqttResult unsubscribe(const QStringList &filters, const MqttProperties &properties);
    void post(Command &&command);
    void drainInbox();
    bool onClientThread() const;

    // MqttSession::Observer
    void connackReceived(const MqttCodec::ConnackPacket &connack) override;
    void messageReceived(MqttCodec::PublishPacket &&message) override;
    void publishAcknowledged(int mid, Mqtt::ReasonCode reasonCode, const MqttProperties &properties) override;
    void publishFailed(int mid, Mqtt::ErrorCode error, const QString &why) override;
    void subscribeAcknowledged(int mid, const QList<Mqtt::ReasonCode> &reasonCodes,
                               const MqttProperties &properties) override;
    void unsubscribeAcknowledged(int mid, const QList<Mqtt::ReasonCode> &reasonCodes,
                                 const MqttProperties &properties) override;
    void authReceived(const MqttCodec::AuthPacket &auth) override;
    void connectionMustClose(Mqtt::ErrorCode error, Mqtt::ReasonCode reasonCode, const QString &why,
                             const MqttProperties &properties) override;
    void log(Mqtt::LogLevel level, const QString &text) override;
    void requestLost(int mid, bool subscribe) override;
    // Called with a Busy held (from the event loop): a handler may delete the client, which
    // sets qGone (checked after every emission).
    void deliver(MqttCodec::PublishPacket &&packet);
    void emitMessage(const MqttMessage &message);

    // A handler may delete the client from any signal the event loop's processing emits
    // (a read pass, a timer, the transport's signals). That processing, the session's
    // among it, is still on the stack then: ~MqttClient() leaves this object alive
    // ("orphaned": qGone set, q never touched again) while a Busy is, and the last Busy
    // to go deletes it. Every event-loop entry (the lambdas connected or posted with q as
    // context) holds a Busy; signals go out through emitSignal().
    class Busy
    {
    public:
        explicit Busy(MqttClientPrivate *d) : m_d(d) { ++d->busy; }
        ~Busy()
        {
            if (--m_d->busy > 0)
                return;
            if (m_d->qGone) {
                delete m_d;
                return;
            }
            if (!m_d->retiredTransports.empty())
                m_d->releaseRetiredTransports();
            if (m_d->nestedLoopRan)
                m_d->recheckAfterNestedLoop();
        }
        Busy(const Busy &) = delete;
        Busy &operator=(const Busy &) = delete;

    private:
        MqttClientPrivate *const m_d;
    };
    template <typename T>
    struct NoDeduce
    {
        using type = T;
    };
    // Q_EMIT q->signal(args...), unless a handler has deleted the client.
    template <typename... Params>
    void emitSignal(void (MqttClient::*signal)(Params...), typename NoDeduce<Params>::type... args)
    {
        if (!qGone)
            (q->*signal)(std::forward<Params>(args)...);
    }
    // Called by ~MqttClient() while a Busy is on the stack: ends everything that would
    // reach the client, and keeps this object for the code still running on it.
    void orphan();
    // Deletes a transport no longer in use from the event loop, once nothing of the
    // client's is on the stack (see retiredTransports).
    void disposeTransport(MqttTransport *t);
    void releaseRetiredTransports();
    // After a handler's nested event loop: the socket may have been told of data inside it
    // without announcing it, and then stay silent; looked at once more from the event loop.
    void recheckAfterNestedLoop();
    int busy = 0;
    bool qGone = false;

    MqttClient *const q;
    MqttSession::Session session;
    Options opt;

    MqttTransport *transport = nullptr;
    // Transports retired while the client's code was on the stack (busy): one of them may
    // be the sender of the signal being handled, below a nested event loop a handler runs,
    // which would carry out a deleteLater() at once. Released once busy is back to 0.
    std::vector<QPointer<MqttTransport>> retiredTransports;
    // Transports closing gracefully for a new connection (closeForNewConnection()), not
    // children of the client: ~MqttClient() aborts those still there.
    std::vector<QPointer<MqttTransport>> closingTransports;
    // A handler ran a nested event loop (see MqttTransport::announceUnread()).
    bool nestedLoopRan = false;
    QElapsedTimer clock;
    QTimer tickTimer;
    QTimer reconnectTimer;
    QTimer connectTimer;
    QTimer closeTimer;
    qint64 armedDeadline = -1;
    bool flushScheduled = false;
    bool inReadHandler = false; // onReadyRead() is running and flushes at its end
    int deliveryDepth = 0;      // a message handler is running (never reset: a stack count)
    QMetaObject::Connection aboutToBlockConnection;

    // The current connection
    quint64 generation = 0;          // bumped by every new attempt and every end decision
    bool socketOpen = false;
    bool userDisconnect = false;
    bool connectRequested = false;   // connectToHost() was called and not yet undone
    bool connectedSinceRequest = false; // a CONNACK accepted since connectToHost()
    bool permanentRefusal = false;
    bool endDecided = false;         // decideAfterEnd() ran for this connection
    bool errorReportedForEnd = false; // this connection's end has its error recorded
    bool errorSignalPending = false;  // ... and connectionEnded() still owes its signals
    struct PendingClose
    {
        Mqtt::ErrorCode error;
        Mqtt::ReasonCode reasonCode;
        QString why;
        MqttProperties properties;
    };
    std::optional<PendingClose> pendingClose;
    Mqtt::ErrorCode closeError = Mqtt::ErrorCode::NoError;
    Mqtt::ReasonCode disconnectReason = Mqtt::ReasonCode::Success;
    MqttProperties disconnectProperties;
    QString assignedClientId; // MQTT 5 Assigned Client Identifier, reused on reconnecting
    bool connectedThisAttempt = false;

    // Which broker: a list (servers() or DNS SRV) tried in order, or host()/port()
    QList<MqttServerEntry> serverEntries;
    int serverIndex = 0;
    bool useServerList = false;
    std::optional<MqttServerEntry> redirectTo; // an MQTT 5 Server Reference being followed
    bool redirectArmed = false;                // set by this attempt's CONNACK or DISCONNECT
    int redirectCount = 0;
    QString currentServer;

    // Reconnection
    int currentReconnectDelay = 1;
    int reconnectAttempt = 0;
    QDateTime nextReconnectAt;

    Mqtt::ClientState state = Mqtt::ClientState::Disconnected;
    Mqtt::ClientState announcedState = Mqtt::ClientState::Disconnected;
    std::atomic<int> stateSnapshot{ int(Mqtt::ClientState::Disconnected) }; // for other threads
    std::atomic<int> versionSnapshot{ int(Mqtt::ProtocolVersion::V3_1_1) };
    Mqtt::ErrorCode error = Mqtt::ErrorCode::NoError;
    QString errorString;
    MqttServerProperties serverProperties;

    // Receiving: decoded and acknowledged, delivered in slices
    std::deque<MqttCodec::PublishPacket> pendingDeliveries;
    qsizetype pendingDeliveryBytes = 0;
    bool continuationScheduled = false;
    qint64 lastReceivedAt = 0; // now() of the last successful read (for freeing the idle read buffer)
    qint64 unacknowledgedBytes = 0; // read since the last write: acknowledgeNow() unless a write follows
    bool readStalled = false; // stopped reading: backlog above the bound, or read budget used

    // publish(): the last topic published from the client's thread, and its UTF-8 form
    QString lastTopic;
    QByteArray lastTopicUtf8;

    // QoS 0 messages between publish() and published()
    std::vector<Qos0Pending> qos0Unwritten;
    std::vector<Qos0Pending> qos0Written;
    MqttMessageInfoState qos0Batch;              // shared by the unwritten same-thread ones
    std::vector<MqttMessageInfoState> qos0WrittenBatches;
    bool announceScheduled = false;

    // Calls from other threads
    std::mutex inboxMutex;
    std::vector<Command> inbox;

    // Subscriptions
    QHash<int, QStringList> pendingSubscribes;
    QHash<int, QStringList> pendingUnsubscribes;
    QStringList activeSubscriptions;
    bool inConnackSignal = false;
    QSet<QString> subscribedInConnackSignal;

    QList<QPointer<MqttMessageRelay>> relays;

    // Session persistence (null: memory only)
    QPointer<MqttSessionStore> store;
    QMetaObject::Connection storeConnection; // its compactionFailed(), logged
    std::unique_ptr<MqttSession::Journal> journal;
    QString storeClientId;
    int deliveriesSinceCommit = 0; // pendingDeliveries decoded since the last commit
    bool inStoreFailure = false;

    // MQTT 5 enhanced authentication and request/response
    QPointer<MqttAuthenticator> authenticator;
    void authenticationFailed(const QString &why);
    QHash<QByteArray, QPointer<MqttRequest>> requests; // correlation data -> request
    QHash<int, QByteArray> requestMids;                // request PUBLISH mid -> correlation data
    QString responseTopicSubscribed;                   // empty: not subscribed on this session
    quint64 requestCounter = 0;
    QByteArray requestPrefix;                          // random, per client object
    bool takeResponse(const MqttMessage &message);
    void failRequests(Mqtt::ErrorCode error, const QString &why);

    // Subscription objects (addSubscription()), all sharing one registry
    QList<QPointer<MqttSubscription>> subscriptionObjects;
    QPointer<MqttSubscriptionRegistry> subscriptionRegistry; // a child, made on first use
};

#endif // MQTTCLIENT_P_H
