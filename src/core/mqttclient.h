// Copyright (C) 2026 The MqttQt authors.
// SPDX-License-Identifier: BSD-3-Clause
#ifndef MQTTCLIENT_H
#define MQTTCLIENT_H

#include "mqttmessage.h"
#include "mqttmessageinfo.h"
#include "mqttnamespace.h"
#include "mqttproperties.h"
#include "mqttserverproperties.h"
#include "mqttsessionstore.h"
#include "mqttauthenticator.h"
#include "mqttrequest.h"
#include "mqttsubscription.h"
#include "mqttsubscribeoptions.h"
#include "mqtttlsoptions.h"
#include "mqttwebsocketoptions.h"
#include "mqttwill.h"

#include <QtCore/QDateTime>
#include <QtCore/QList>
#include <QtCore/QObject>
#include <QtCore/QPair>
#include <QtCore/QStringList>
#include <QtCore/QUrl>
#include <QtCore/QVariant>
#include <QtNetwork/QNetworkProxy>

#include <functional>
#include <memory>
#include <type_traits>

class QDebug;
class QIODevice;
class QSslConfiguration;
class MqttClientPrivate;

/*!
    What subscribe() and unsubscribe() return (Paho's \c (result, mid) tuple). Works with
    structured bindings: \c {auto [rc, mid] = client.subscribe(...);}, and from QML as an
    object with \c rc and \c mid.
*/
struct MQTTQT_CORE_EXPORT MqttResult
{
    Q_GADGET
    Q_PROPERTY(Mqtt::ErrorCode rc MEMBER rc)
    Q_PROPERTY(int mid MEMBER mid)
public:
    /*! NoError if the request was sent; otherwise why it was refused (nothing was sent). */
    Mqtt::ErrorCode rc = Mqtt::ErrorCode::NoError;
    /*! The message id that subscribed() or unsubscribed() will carry; 0 if refused. */
    int mid = 0;

    friend bool operator==(const MqttResult &a, const MqttResult &b) { return a.rc == b.rc && a.mid == b.mid; }
    friend bool operator!=(const MqttResult &a, const MqttResult &b) { return !(a == b); }
};

MQTTQT_CORE_EXPORT QDebug operator<<(QDebug debug, const MqttResult &result);

/*!
    An MQTT 3.1, 3.1.1 and 5.0 client on the Qt event loop: the Eclipse Paho Python
    \c Client in Qt idiom. Paho's methods are slots or invokable functions here, its
    callbacks are signals, and its options are properties with change signals, so the
    client works the same from C++, through queued connections and from QML. See the
    README for the mapping.

    <b>Threads.</b>
    The client lives in one thread and works from that thread's event loop; nothing blocks
    unless you call a waitFor...() function. publish() may be called from any thread: from
    another thread it never blocks, returns at once with a valid mid, and keeps the order
    of the calling thread's messages. Call everything else in the client's thread, or
    through queued connections and QMetaObject::invokeMethod(), which work by name for
    every action.

    <b>Errors.</b>
    One rule everywhere: every failure, whether a call is refused or something fails later
    (a refused connection, a lost link, a message the broker refused), sets error() and
    errorString() to a specific code and sentence before any signal is emitted and before
    the call returns, then emits errorChanged() and errorOccurred(). A call reports the
    same code in its return value. error() is cleared (NoError) when a connection is
    accepted by the broker. Nothing throws.

    <b>Deleting the client from a handler.</b>
    A handler of any signal the client emits from the event loop (everything it does on
    its own: messages, acknowledgements, connection, errors, timers, reconnection) may
    delete the client: the processing under it stops there and touches nothing of the
    deleted object. Signals emitted from inside one of your own calls (stateChanged()
    from connectToHost(), errorOccurred() for a refused call, a setter's change signal)
    return into that call, which goes on with the client: delete it with deleteLater()
    from those, as with any QObject.
*/
class MQTTQT_CORE_EXPORT MqttClient : public QObject
{
    Q_OBJECT
    Q_PROPERTY(QString clientId READ clientId WRITE setClientId NOTIFY clientIdChanged)
    Q_PROPERTY(bool brokerAssignsClientId READ brokerAssignsClientId WRITE setBrokerAssignsClientId NOTIFY brokerAssignsClientIdChanged)
    Q_PROPERTY(bool cleanSession READ cleanSession WRITE setCleanSession NOTIFY cleanSessionChanged)
    Q_PROPERTY(QVariant userData READ userData WRITE setUserData NOTIFY userDataChanged)
    Q_PROPERTY(Mqtt::ProtocolVersion protocolVersion READ protocolVersion WRITE setProtocolVersion NOTIFY protocolVersionChanged)
    Q_PROPERTY(Mqtt::Transport transport READ transport WRITE setTransport NOTIFY transportChanged)
    Q_PROPERTY(bool tlsEnabled READ isTlsEnabled NOTIFY tlsOptionsChanged)
    Q_PROPERTY(MqttTlsOptions tlsOptions READ tlsOptions WRITE setTlsOptions RESET clearTlsOptions NOTIFY tlsOptionsChanged)
    Q_PROPERTY(MqttWebSocketOptions webSocketOptions READ webSocketOptions WRITE setWebSocketOptions NOTIFY webSocketOptionsChanged)
    Q_PROPERTY(QNetworkProxy proxy READ proxy WRITE setProxy NOTIFY proxyChanged)
    Q_PROPERTY(QStringList servers READ servers WRITE setServers NOTIFY serversChanged)
    Q_PROPERTY(bool followServerReference READ followServerReference WRITE setFollowServerReference NOTIFY followServerReferenceChanged)
    Q_PROPERTY(QString currentServer READ currentServer NOTIFY currentServerChanged)
    Q_PROPERTY(QString host READ host WRITE setHost NOTIFY hostChanged)
    Q_PROPERTY(int port READ port WRITE setPort NOTIFY portChanged)
    Q_PROPERTY(int keepAlive READ keepAlive WRITE setKeepAlive NOTIFY keepAliveChanged)
    Q_PROPERTY(QString bindAddress READ bindAddress WRITE setBindAddress NOTIFY bindAddressChanged)
    Q_PROPERTY(QString username READ username WRITE setUsername NOTIFY usernameChanged)
    Q_PROPERTY(QByteArray password READ password WRITE setPassword NOTIFY passwordChanged)
    Q_PROPERTY(MqttWill will READ will WRITE setWill RESET clearWill NOTIFY willChanged)
    Q_PROPERTY(int maxInflightMessages READ maxInflightMessages WRITE setMaxInflightMessages NOTIFY maxInflightMessagesChanged)
    Q_PROPERTY(int maxQueuedMessages READ maxQueuedMessages WRITE setMaxQueuedMessages NOTIFY maxQueuedMessagesChanged)
    Q_PROPERTY(int messageRetry READ messageRetry WRITE setMessageRetry NOTIFY messageRetryChanged)
    Q_PROPERTY(int reconnectDelayMin READ reconnectDelayMin WRITE setReconnectDelayMin NOTIFY reconnectDelayChanged)
    Q_PROPERTY(int reconnectDelayMax READ reconnectDelayMax WRITE setReconnectDelayMax NOTIFY reconnectDelayChanged)
    Q_PROPERTY(bool autoReconnect READ autoReconnect WRITE setAutoReconnect NOTIFY autoReconnectChanged)
    Q_PROPERTY(bool retryFirstConnection READ retryFirstConnection WRITE setRetryFirstConnection NOTIFY retryFirstConnectionChanged)
    Q_PROPERTY(bool republishOnCleanSession READ republishOnCleanSession WRITE setRepublishOnCleanSession NOTIFY republishOnCleanSessionChanged)
    Q_PROPERTY(int connectTimeout READ connectTimeout WRITE setConnectTimeout NOTIFY connectTimeoutChanged)
    Q_PROPERTY(bool loggerEnabled READ isLoggerEnabled WRITE setLoggerEnabled NOTIFY loggerEnabledChanged)
    Q_PROPERTY(MqttProperties connectProperties READ connectProperties WRITE setConnectProperties NOTIFY connectPropertiesChanged)
    Q_PROPERTY(QString persistencePath READ persistencePath WRITE setPersistencePath NOTIFY sessionStoreChanged)
    Q_PROPERTY(Mqtt::Durability sessionDurability READ sessionDurability WRITE setSessionDurability NOTIFY sessionDurabilityChanged)
    Q_PROPERTY(bool autoTopicAlias READ autoTopicAlias WRITE setAutoTopicAlias NOTIFY autoTopicAliasChanged)
    Q_PROPERTY(bool streamPacing READ streamPacing WRITE setStreamPacing NOTIFY streamPacingChanged)
    Q_PROPERTY(quint32 sessionExpiryInterval READ sessionExpiryInterval WRITE setSessionExpiryInterval NOTIFY connectPropertiesChanged)
    Q_PROPERTY(MqttAuthenticator *authenticator READ authenticator WRITE setAuthenticator NOTIFY authenticatorChanged)
    Q_PROPERTY(Mqtt::ClientState state READ state NOTIFY stateChanged)
    Q_PROPERTY(bool connected READ isConnected NOTIFY stateChanged)
    Q_PROPERTY(Mqtt::ErrorCode error READ error NOTIFY errorChanged)
    Q_PROPERTY(QString errorString READ errorString NOTIFY errorChanged)
    Q_PROPERTY(MqttServerProperties serverProperties READ serverProperties NOTIFY serverPropertiesChanged)
    Q_PROPERTY(int reconnectAttempt READ reconnectAttempt NOTIFY reconnectAttemptChanged)
    Q_PROPERTY(QDateTime nextReconnectAttempt READ nextReconnectAttempt NOTIFY reconnectAttemptChanged)

public:
    /*! A client with a generated client id (\c mqttqt- and 16 random characters),
        MQTT 3.1.1, clean session, TCP: Paho's \c Client(). */
    explicit MqttClient(QObject *parent = nullptr);
    /*! A client with \a clientId; empty means generated. */
    explicit MqttClient(const QString &clientId, QObject *parent = nullptr);
    /*! Destroys the client, dropping the connection without DISCONNECT (so the broker
        publishes the will); every pending MqttMessageInfo completes with NoConnection.
        Call disconnectFromHost() first for a clean end. */
    ~MqttClient() override;

    // ---- options (set before connecting; they take effect on the next connection) ----
    // Setters that can refuse a value return false (or an error code), change nothing,
    // and report the refusal with the field named (see "Errors" above).

    /*! The client identifier: the one set, a generated one, or the one the broker
        assigned (MQTT 5, see brokerAssignsClientId). */
    QString clientId() const;
    /*! Sets the client id; empty generates a new one. */
    void setClientId(const QString &clientId);
    /*! Send a zero-length client id so that the broker assigns one (Paho's default for
        MQTT 3.1.1 and 5). MQTT 3.1.1 allows it only with clean session; MQTT 5 returns
        the assigned id, which clientId() then reports and reconnections reuse. MQTT 3.1
        does not allow it. Default false: a generated id is sent. */
    bool brokerAssignsClientId() const;
    void setBrokerAssignsClientId(bool assign);
    /*! Clean session (MQTT 3.x) or Clean Start (MQTT 5). Default true. A persistent
        session (false) needs an explicit client id: connectToHost() refuses otherwise. */
    bool cleanSession() const;
    void setCleanSession(bool clean);
    /*! Any value, for the application (Paho's \c userdata / \c user_data_set()). */
    QVariant userData() const;
    void setUserData(const QVariant &userData);
    /*! Default Mqtt::ProtocolVersion::V3_1_1. */
    Mqtt::ProtocolVersion protocolVersion() const;
    /*! Returns false, changing nothing, for a value that is not a protocol version. */
    bool setProtocolVersion(Mqtt::ProtocolVersion version);
    /*! Which byte stream carries MQTT (Paho's \c transport): Tcp (the default),
        WebSockets, LocalSocket (the host is the socket's path; Paho 2's "unix") or Device
        (setTransportDevice()). TLS applies to Tcp and WebSockets when tlsOptions() are set. */
    Mqtt::Transport transport() const;
    void setTransport(Mqtt::Transport transport);

    // ---- TLS (Paho's tls_set(), tls_set_context(), tls_insecure_set()) ----

    /*! Paho's \c tls_set(): TLS with these options, read now. \a caCertificatesFile
        empty trusts the system's CA certificates; \a certificateFile and \a keyFile (with
        \a keyPassphrase if the key is encrypted) give the client certificate for mutual
        TLS. Host names are verified (see tlsInsecureSet()). Returns ErrorCode::Invalid,
        changing nothing, with the file named in errorString(), for a missing or unreadable
        file, a key that does not decrypt or does not match the certificate, or an unknown
        cipher; ErrorCode::Tls if this Qt has no TLS backend. Port defaults become 8883 for
        TCP and 443 for WebSockets. */
    Q_INVOKABLE Mqtt::ErrorCode tlsSet(const QString &caCertificatesFile = {}, const QString &certificateFile = {},
                           const QString &keyFile = {},
                           MqttTlsOptions::CertificateRequirement certificateRequirement = MqttTlsOptions::CertificateRequirement::CertRequired,
                           MqttTlsOptions::TlsVersion minimumVersion = MqttTlsOptions::TlsVersion::TlsV1_2,
                           const QString &ciphers = {}, const QByteArray &keyPassphrase = {},
                           const QStringList &alpnProtocols = {});
    /*! Paho's \c tls_set_context(): TLS with \a configuration as it is. */
    Q_INVOKABLE Mqtt::ErrorCode tlsSetContext(const QSslConfiguration &configuration);
    /*! Paho's \c tls_insecure_set(): true skips the check that the certificate names the
        host (the certificate chain is still verified). Returns ErrorCode::Invalid before TLS
        is set, as Paho raises. */
    Q_INVOKABLE Mqtt::ErrorCode tlsInsecureSet(bool insecure);
    /*! True when connections use TLS. */
    bool isTlsEnabled() const;
    /*! The TLS options in use; default-constructed options (system CAs) when TLS is off. */
    MqttTlsOptions tlsOptions() const;
    /*! Enables TLS with \a options. */
    void setTlsOptions(const MqttTlsOptions &options);
    /*! Turns TLS off. */
    void clearTlsOptions();

    // ---- WebSockets and proxies ----

    /*! Paho's \c ws_set_options(): the request path (default "/mqtt") and extra HTTP
        headers. Returns ErrorCode::Invalid, changing nothing, for a path that does not
        start with '/' or a header that cannot be sent. */
    Q_INVOKABLE Mqtt::ErrorCode wsSetOptions(const QString &path = QStringLiteral("/mqtt"),
                                 const MqttWebSocketOptions::Headers &headers = {});
    /*! As above, with headers computed per connection from the default ones. */
    Mqtt::ErrorCode wsSetOptions(const QString &path, const MqttWebSocketOptions::HeadersCallback &headers);
    MqttWebSocketOptions webSocketOptions() const;
    void setWebSocketOptions(const MqttWebSocketOptions &options);
    /*! Paho's \c proxy_set(): connect through an HTTP CONNECT (QNetworkProxy::HttpProxy)
        or SOCKS5 proxy. Returns ErrorCode::Invalid for another type, an empty host or port
        0. */
    Q_INVOKABLE Mqtt::ErrorCode proxySet(QNetworkProxy::ProxyType type, const QString &host, quint16 port,
                             const QString &user = {}, const QString &password = {});
    /*! The proxy for TCP, TLS and WebSocket connections. Default QNetworkProxy::NoProxy:
        MqttQt never picks up a system proxy by itself; set QNetworkProxy::DefaultProxy to
        follow the application's proxy settings. */
    QNetworkProxy proxy() const;
    void setProxy(const QNetworkProxy &proxy);
    /*! MQTT over \a device, an open, readable and writable QIODevice the application
        supplies (a serial port, a pipe, a test harness); sets transport() to Device.
        With ClientOwnsDevice the client deletes it when the connection over it ends.
        connectToHost() then needs no host. Returns ErrorCode::Invalid for a null device. */
    Mqtt::ErrorCode setTransportDevice(QIODevice *device,
                                       Mqtt::DeviceOwnership ownership = Mqtt::DeviceOwnership::CallerOwnsDevice);

    // ---- several brokers (Paho C's serverURIs) and MQTT 5 redirection ----

    /*! Brokers tried in order by connectToHost() without arguments and by every
        reconnection, as URIs: \c mqtt://host[:port] (TCP, 1883), \c mqtts://host[:port]
        (TLS, 8883), \c ws://host[:port][/path] (80), \c wss://host[:port][/path] (443),
        \c unix:///path. A failed attempt moves on to the next at once; when all failed,
        the reconnect delay applies and the list starts over. Empty (the default): host()
        and port() are used. Returns false, changing nothing, for an invalid URI, naming
        it. */
    QStringList servers() const;
    bool setServers(const QStringList &servers);
    /*! MQTT 5: when the broker answers CONNACK or DISCONNECT with Use Another Server or
        Server Moved and a Server Reference, connect to that server instead (at most 5
        redirections in a row). Default false; serverReferenceReceived() reports the
        reference either way. */
    bool followServerReference() const;
    void setFollowServerReference(bool follow);
    /*! The broker of the current or last connection attempt, as a URI. */
    QString currentServer() const;

    /*! The broker's host name or address, used by connectToHost() without arguments. */
    QString host() const;
    void setHost(const QString &host);
    /*! The broker's port. Default 1883. Returns false unless 1..65535 (0 is accepted for
        Transport::LocalSocket and Device, which have none). */
    int port() const;
    bool setPort(int port);
    /*! Keepalive in seconds; 0 disables it. Default 60. Returns false unless 0..65535. */
    int keepAlive() const;
    bool setKeepAlive(int seconds);
    /*! Local address to bind to before connecting (Paho's \c bind_address); empty for
        any. Refused (false) if it is not an IP address. */
    QString bindAddress() const;
    bool setBindAddress(const QString &address);

    /*! Paho's \c username_pw_set(): the user name (null for none) and the password, which
        may be binary (null for none). */
    Q_INVOKABLE void setCredentials(const QString &username, const QByteArray &password = {});
    QString username() const;
    void setUsername(const QString &username);
    QByteArray password() const;
    void setPassword(const QByteArray &password);

    /*! Paho's \c will_set(). Returns ErrorCode::Invalid, changing nothing, if the QoS is
        not 0..2, the topic is empty, has wildcards or is not valid UTF-8, the payload is
        longer than 65,535 bytes, or properties are given with MQTT 3.x or are not
        allowed or out of range in a will. */
    Q_INVOKABLE Mqtt::ErrorCode setWill(const MqttWill &will);
    Q_INVOKABLE Mqtt::ErrorCode setWill(const QString &topic, const QByteArray &payload = {},
                            Mqtt::QoS qos = Mqtt::QoS::AtMostOnce, bool retain = false,
                            const MqttProperties &properties = {});
    MqttWill will() const;

    /*! Messages with QoS 1 and 2 that may be awaiting acknowledgement at once (Paho's
        \c max_inflight_messages_set()). Default 20; 0 means no limit. With MQTT 5 the
        broker's Receive Maximum also applies. Returns false if negative. */
    int maxInflightMessages() const;
    bool setMaxInflightMessages(int count);
    /*! QoS 1 and 2 messages that may be pending (in flight or waiting) at once (Paho's
        \c max_queued_messages_set()). Default 0, no limit. When full, publish() returns
        ErrorCode::QueueSize and sends nothing. Returns false if negative. */
    int maxQueuedMessages() const;
    bool setMaxQueuedMessages(int count);
    /*! Seconds after which an unacknowledged QoS 1/2 message is sent again within the
        same connection (Paho's \c message_retry_set()). Default 0: messages are resent
        only on reconnecting, as MQTT 3.1.1 intends and MQTT 5 requires; with MQTT 5 this
        setting is ignored because [MQTT-4.4.0-1] forbids other resends. Returns false
        if negative. */
    int messageRetry() const;
    bool setMessageRetry(int seconds);

    /*! Paho's \c reconnect_delay_set(): after an unexpected disconnection the client
        waits \a minDelay seconds, doubling each failed attempt up to \a maxDelay, and
        back to \a minDelay once a CONNACK arrives. Defaults 1 and 120. Returns false,
        changing nothing, unless 0 < minDelay <= maxDelay. */
    Q_INVOKABLE bool setReconnectDelay(int minDelay, int maxDelay);
    int reconnectDelayMin() const;
    /*! Returns false unless 0 < seconds <= reconnectDelayMax(). */
    bool setReconnectDelayMin(int seconds);
    int reconnectDelayMax() const;
    /*! Returns false unless reconnectDelayMin() <= seconds. */
    bool setReconnectDelayMax(int seconds);
    /*! Reconnect by itself after a connection is lost (Paho's
        \c reconnect_on_failure). Default true. It does not retry after the broker refused
        the credentials or the client id, which retrying cannot fix. */
    bool autoReconnect() const;
    void setAutoReconnect(bool enabled);
    /*! Also retry (with autoReconnect) when the first connection after connectToHost()
        fails, instead of reporting the failure and stopping (Paho's
        \c loop_forever(retry_first_connection=...)). Default false. */
    bool retryFirstConnection() const;
    void setRetryFirstConnection(bool retry);
    /*! What happens to unacknowledged QoS 1/2 messages when the broker did not keep the
        session (clean session, or the session expired): true (default, as Paho) sends
        them again, so nothing is lost but a QoS 2 message may arrive twice; false fails
        them with publishFailed(). A QoS 2 message whose PUBREC had arrived is never
        published again: its flow continues with PUBREL. */
    bool republishOnCleanSession() const;
    void setRepublishOnCleanSession(bool republish);
    /*! Milliseconds allowed for the connection and then for CONNACK. Default 30000.
        Returns false unless positive. */
    int connectTimeout() const;
    bool setConnectTimeout(int msecs);

    /*! Paho's \c enable_logger() / \c disable_logger(): when enabled, log lines also go
        to the Qt logging category \c mqttqt.client (configure it with QT_LOGGING_RULES).
        logMessage() is emitted either way. Default false. */
    bool isLoggerEnabled() const;
    void setLoggerEnabled(bool enabled);

    /*! MQTT 5 properties of CONNECT (e.g. SessionExpiryInterval, ReceiveMaximum,
        TopicAliasMaximum for aliases the broker may use towards this client). Returns
        false, changing nothing, for a property not allowed in CONNECT or out of range
        (e.g. ReceiveMaximum 0), with the property named in errorString(). */
    MqttProperties connectProperties() const;
    bool setConnectProperties(const MqttProperties &properties);

    /*! MQTT 5: send repeated topics as topic aliases by themselves. The first PUBLISH to a
        topic on a connection carries the topic and an alias, later ones only the alias
        (3 bytes instead of the topic). Aliases are numbered from 1 up to the broker's
        Topic Alias Maximum from CONNACK (none if it sends none or 0), given to the first
        that many distinct topics of the connection (longer than 2 bytes), never to a
        number a publish() call set itself (MqttProperties TopicAlias), and forgotten
        when the connection ends (a mapping lives for one connection). Default false;
        MQTT 3.x ignores it. */
    bool autoTopicAlias() const;
    void setAutoTopicAlias(bool enabled);

    /*! Whether streams of incoming messages are paced (default true; Linux, plain TCP
        without a proxy). While messages stream in with nothing written back (four or more
        event-loop passes that read and write nothing within a millisecond), the socket is
        read at most once per 1 ms pause: a QoS 0 subscriber then wakes once per pause
        instead of once per TCP segment (a fifth to a third of the CPU per message), at the
        price of latency inside such a stream (a message waits up to one pause, two
        against a broker with Nagle's algorithm on, plus however late the event loop
        runs). Set false where every message must be read the moment it arrives. Takes
        effect at once, also on the current connection. */
    bool streamPacing() const;
    void setStreamPacing(bool enabled);

    /*! MQTT 5 Session Expiry Interval in seconds, sent in CONNECT: how long the broker keeps
        the session after the connection ends (0, the default: it ends with the
        connection; 0xFFFFFFFF: never). The SessionExpiryInterval of connectProperties().
        disconnectFromHost() may send a new value in its properties, but not a non-zero one
        when CONNECT said 0 [MQTT-3.14.2-2]. */
    quint32 sessionExpiryInterval() const;
    void setSessionExpiryInterval(quint32 seconds);

    /*! MQTT 5 enhanced authentication (see MqttAuthenticator): null (the default) for
        none. The client takes over \a authenticator (it becomes its parent) and deletes
        the previous one. Each connection then sends its method and initial data in
        CONNECT, answers the broker's AUTH challenges, and checks the broker's final data
        in CONNACK; a failure of the exchange ends the connection with ErrorCode::Auth and
        stops reconnecting. Returns ErrorCode::Invalid (keeping the old one) unless
        disconnected. */
    MqttAuthenticator *authenticator() const;
    Mqtt::ErrorCode setAuthenticator(MqttAuthenticator *authenticator);

    // ---- session persistence ----

    /*! Where the session lives besides memory: null (the default) keeps it in this object
        only, so it ends with the object or the process. */
    MqttSessionStore *sessionStore() const;
    /*! Keeps the session in \a store, which the client takes over (it becomes the
        store's parent and deletes it with itself or with the next store), and restores
        what \a store holds: QoS 1/2 messages not completed (resent after the next
        CONNACK, same packet ids, same order; published() and publishFailed() report them
        with their stored mids), inbound QoS 2 messages awaiting PUBREL (delivered once
        when it arrives), the digests that recognise a broker's redelivery, and the id
        counters. The previous store, if any, is closed (its records stay) and deleted.
        Null goes back to memory only; the session stays as it is.

        Returns, changing nothing (and leaving \a store to the caller): ErrorCode::Invalid
        unless disconnected, when messages are already pending (set the store before
        publishing), with brokerAssignsClientId(), or when the store holds another client
        id's session; ErrorCode::SessionStore (or the store's own code) when it cannot be
        opened or read (a corrupt or truncated file, a read-only or missing directory),
        with the store's sentence in errorString(). */
    Mqtt::ErrorCode setSessionStore(MqttSessionStore *store);
    /*! Hands the store back to the caller (closed, without parent) and keeps the session
        in memory only from now on; null if there is none. */
    MqttSessionStore *takeSessionStore();
    /*! The file of the MqttLogSessionStore or MqttSqliteSessionStore in use, or empty. */
    QString persistencePath() const;
    /*! Shorthand for setSessionStore(new MqttLogSessionStore(path)): the session in an
        append-only log at \a path (created if missing); empty for memory only. An
        existing SQLite database at \a path (a store made by MqttSqliteSessionStore) is
        opened as one. Same errors as setSessionStore(). */
    Mqtt::ErrorCode setPersistencePath(const QString &path);
    /*! How durable the store makes each change before its bytes reach the socket (see
        Mqtt::Durability). Default Grouped: the changes of one event-loop pass are
        committed and synced in one transaction when the pass ends, before any of its bytes
        are written. With Immediate, publish() returns only once the message is synced,
        and refuses it (ErrorCode::SessionStore) if it cannot be. */
    Mqtt::Durability sessionDurability() const;
    void setSessionDurability(Mqtt::Durability durability);

    // ---- state ----

    Mqtt::ClientState state() const;
    bool isConnected() const;
    /*! The last failure (see "Errors" above); NoError after an accepted connection. */
    Mqtt::ErrorCode error() const;
    QString errorString() const;
    /*! What the broker said in the last CONNACK: the outcome and its MQTT 5 limits
        (Qt MQTT's \c serverConnectionProperties()). */
    MqttServerProperties serverProperties() const;
    /*! The number of the automatic reconnection attempt scheduled or running; 0 when
        connected or not retrying. */
    int reconnectAttempt() const;
    /*! When the scheduled automatic attempt starts; invalid unless the state is
        WaitingToReconnect. */
    QDateTime nextReconnectAttempt() const;
    /*! Filters with an active subscription in the client's session (granted in a SUBACK
        and not unsubscribed since), in the order they were granted. Kept while
        disconnected, as a persistent session keeps them at the broker; emptied by a
        CONNACK without a session present (subscriptionsLost() names them) and by
        reinitialise(). */
    Q_INVOKABLE QStringList subscriptions() const;

    /*! Paho's \c want_write(): true while bytes wait to be written. */
    Q_INVOKABLE bool wantWrite() const;
    /*! Paho's \c socket(): the connection's device while connected, else null. Do not
        read from it or write to it. */
    Q_INVOKABLE QIODevice *socket() const;

    // ---- blocking helpers (run a local event loop; never needed with a running loop) ----

    /*! Blocks, running a local event loop, until connected (CONNACK accepted), the
        attempt failed (refused, unreachable, timed out: even if an automatic retry is
        then scheduled), or \a msecs passed, which sets ErrorCode::Timeout (the attempt
        itself goes on). Returns true if connected. state(), error() and errorString()
        are up to date when it returns. */
    Q_INVOKABLE bool waitForConnected(int msecs = 30000);
    /*! Blocks, running a local event loop, until disconnected or \a msecs passed
        (ErrorCode::Timeout). */
    bool waitForDisconnected(int msecs = 30000);
    /*! Paho's \c loop(): processes events for up to \a timeoutMs, returning early after
        network activity. Only needed without a running event loop. */
    Q_INVOKABLE Mqtt::ErrorCode loop(int timeoutMs = 1000);
    /*! Paho's \c loop_forever(): runs a local event loop until disconnectFromHost()
        completes, or until the client stops (connection lost with autoReconnect off,
        or refused for good). Returns NoError, or the error that ended it. */
    Q_INVOKABLE Mqtt::ErrorCode loopForever();

    // ---- publish (from any thread) ----

    /*! Publishes a floating point number as its shortest exact decimal text, like
        Python's \c str(float). */
    MqttMessageInfo publish(const QString &topic, double value, Mqtt::QoS qos = Mqtt::QoS::AtMostOnce,
                            bool retain = false, const MqttProperties &properties = {});
    /*! Publishes an integer as its decimal text, like Paho. */
    template<typename Int, std::enable_if_t<std::is_integral_v<Int> && !std::is_same_v<Int, bool>
                                                    && !std::is_same_v<Int, char>, int> = 0>
    MqttMessageInfo publish(const QString &topic, Int value, Mqtt::QoS qos = Mqtt::QoS::AtMostOnce,
                            bool retain = false, const MqttProperties &properties = {})
    {
        return publish(topic, QByteArray::number(value), qos, retain, properties);
    }
    /*! Publishes UTF-8 text given as a C string. */
    MqttMessageInfo publish(const QString &topic, const char *payload, Mqtt::QoS qos = Mqtt::QoS::AtMostOnce,
                            bool retain = false, const MqttProperties &properties = {});
    // A bool or char payload is almost always a mistake (it would otherwise become a
    // number): say what you mean with a QByteArray or a QString.
    MqttMessageInfo publish(const QString &topic, bool value, Mqtt::QoS qos = Mqtt::QoS::AtMostOnce,
                            bool retain = false, const MqttProperties &properties = {}) = delete;
    MqttMessageInfo publish(const QString &topic, char value, Mqtt::QoS qos = Mqtt::QoS::AtMostOnce,
                            bool retain = false, const MqttProperties &properties = {}) = delete;

    // ---- per-filter message handlers (Paho's message_callback_add/remove) ----

    /*! Calls \a handler for every message whose topic matches \a filter (wildcards
        allowed), in \a context's thread (queued when that is not the client's thread),
        while \a context lives: exactly like QObject::connect() with a context. Several
        handlers may match one message; all are called. A message that matches at least one
        handler does not reach messageReceived() (Paho's rule for \c on_message);
        messageArrived() sees every message regardless. Returns the connection, to remove
        this one handler with messageCallbackRemove(); an invalid (false) connection for an
        invalid filter, with error() set. */
    template<typename Functor>
    QMetaObject::Connection messageCallbackAdd(const QString &filter, const QObject *context, Functor handler)
    {
        return addMessageCallback(filter, context, std::function<void(const MqttMessage &)>(std::move(handler)));
    }
    /*! Calls \a slot of \a receiver, in the receiver's thread, for every message whose
        topic matches \a filter; as above. */
    template<typename Receiver>
    QMetaObject::Connection messageCallbackAdd(const QString &filter, Receiver *receiver,
                                               void (Receiver::*slot)(const MqttMessage &))
    {
        static_assert(std::is_base_of_v<QObject, Receiver>, "the receiver must be a QObject");
        return addMessageCallback(filter, receiver, [receiver, slot](const MqttMessage &m) { (receiver->*slot)(m); });
    }
    /*! Removes the one handler that messageCallbackAdd() returned \a connection for. */
    bool messageCallbackRemove(const QMetaObject::Connection &connection);

public Q_SLOTS:
    /*! Returns the client to its just-constructed state with new construction arguments
        (Paho's \c reinitialise()): the connection is dropped, every pending message fails
        with ErrorCode::NoConnection, every option returns to its default (each change
        signal fires for what changed). A connected client emits stateChanged() to
        Disconnected, then socketClosed(), from inside the call; no disconnected().
        Returns ErrorCode::Invalid, changing nothing, if
        \a clientId is empty and \a cleanSession is false. */
    Mqtt::ErrorCode reinitialise(const QString &clientId = {}, bool cleanSession = true,
                                 const QVariant &userData = {});
    /*! Paho's \c will_clear(). */
    void clearWill();
    /*! Paho's \c enable_logger(). */
    void enableLogger();
    /*! Paho's \c disable_logger(). */
    void disableLogger();

    /*! Connects to servers() if set, else to host(), port() with keepAlive() and
        bindAddress(), the form for bindings and QML. See the other overloads. */
    Mqtt::ErrorCode connectToHost();
    /*! Starts connecting (Paho's \c connect() and \c connect_async()); sets host(),
        port() (-1: the transport's default, Mqtt::defaultPort()), keepAlive(),
        bindAddress() and, when given, connectProperties(); servers() are not used. Returns
        at once: NoError if the attempt started; ErrorCode::Invalid (nothing started) for
        an empty host, a port outside 1..65535, a keepalive outside 0..65535, a bind
        address that is not an IP address, a persistent session without a client id, an
        MQTT 3.1 client id longer than 23 bytes, refused connect properties;
        ErrorCode::NotSupported for a transport this version lacks. Then
        connackReceived() and stateChanged() report the outcome, or errorOccurred() if the
        broker cannot be reached. If a connection is open or being made, it is first
        closed cleanly (DISCONNECT, so no will; disconnected() with NoError), then the
        new one starts. Use waitForConnected() to block. */
    Mqtt::ErrorCode connectToHost(const QString &host, int port = -1, int keepAlive = 60,
                                  const QString &bindAddress = {},
                                  const MqttProperties &properties = {});
    /*! Connects to the broker \a url names: \c mqtt://, \c mqtts://, \c ws://, \c wss://
        or \c unix:// as for setServers(). Sets transport(), host(), port() and, for
        mqtts and wss without tlsOptions() yet, TLS with the system's CA certificates; a
        ws/wss path replaces the WebSocket path. Returns ErrorCode::Invalid for another
        URL. */
    Mqtt::ErrorCode connectToHost(const QUrl &url);
    /*! Paho's \c connect_srv(): looks up the DNS SRV records \c _mqtt._tcp.&lt;domain&gt;
        (\c _secure-mqtt._tcp.&lt;domain&gt; with TLS) and tries the targets in the order RFC
        2782 gives them (lowest priority first, weighted at random within a priority), as a
        list of servers. Asynchronous; a failed lookup reports ErrorCode::HostNotFound
        through errorOccurred(). */
    Mqtt::ErrorCode connectToHostSrv(const QString &domain, int keepAlive = 60,
                                     const QString &bindAddress = {},
                                     const MqttProperties &properties = {});
    /*! Connects again with the last host, port and keepalive (Paho's \c reconnect()).
        Safe to call from a disconnected() handler. */
    Mqtt::ErrorCode reconnect();
    /*! Sends DISCONNECT after the packets already queued for writing, then closes, so
        the broker does not publish the will (Paho's \c disconnect()). Unacknowledged
        messages are kept and sent on the next connection. Stops a scheduled automatic
        reconnection. Returns ErrorCode::NoConnection if there is no connection and none
        is being made or scheduled. disconnected() follows with NoError. */
    Mqtt::ErrorCode disconnectFromHost();
    /*! As above, with an MQTT 5 reason code and properties. */
    Mqtt::ErrorCode disconnectFromHost(Mqtt::ReasonCode reasonCode, const MqttProperties &properties = {});

    /*! Publishes \a payload to \a topic (Paho's \c publish()). Returns the message info
        at once: rc() is NoError if the message was sent or queued, or the reason it was
        refused, in which case nothing is sent: ErrorCode::Invalid for an empty topic, a
        topic with wildcards or over 65,535 bytes or holding a character no MQTT string
        may carry (Mqtt::isValidTopicName()), QoS outside 0..2, properties
        with MQTT 3.x or not allowed in PUBLISH, a topic alias above the broker's maximum;
        ErrorCode::PayloadSize for a payload over 268,435,455 bytes or a packet over the
        broker's Maximum Packet Size; ErrorCode::NotSupported for QoS or retain the broker
        does not support; ErrorCode::QueueSize when maxQueuedMessages() are pending;
        ErrorCode::NoConnection for QoS 0 while not connected. QoS 1 and 2 messages are
        queued while disconnected and sent after the next CONNACK.

        From another thread the call never blocks: the checks that need no connection
        state are made at once; the message is handed to the client's thread in order
        with that thread's other messages, and a refusal found there (not connected for
        QoS 0, a broker limit, the queue full) completes the info as failed and emits
        publishFailed() with the same mid.

        Every accepted message ends in exactly one of published() and publishFailed();
        for QoS 0, published() follows once the bytes are handed to the socket. */
    MqttMessageInfo publish(const QString &topic, const QByteArray &payload = {},
                            Mqtt::QoS qos = Mqtt::QoS::AtMostOnce, bool retain = false,
                            const MqttProperties &properties = {});
    /*! Publishes text as UTF-8. */
    MqttMessageInfo publish(const QString &topic, const QString &payload,
                            Mqtt::QoS qos = Mqtt::QoS::AtMostOnce, bool retain = false,
                            const MqttProperties &properties = {});

    /*! Subscribes to one filter (Paho's \c subscribe("topic", qos)). Returns rc and mid:
        ErrorCode::Invalid for an invalid filter or QoS, ErrorCode::NoConnection when not
        connected (subscribe in a connackReceived() handler to renew subscriptions after
        reconnecting). subscribed() reports the broker's answer. */
    MqttResult subscribe(const QString &filter, Mqtt::QoS qos = Mqtt::QoS::AtMostOnce,
                         const MqttProperties &properties = {});
    /*! With MQTT 5 subscription options (Paho's \c SubscribeOptions). */
    MqttResult subscribe(const QString &filter, const MqttSubscribeOptions &options,
                         const MqttProperties &properties = {});
    /*! Paho's \c subscribe([("a", 0), ("b", 2)]): one SUBSCRIBE for all, e.g.
        \c {client.subscribe({{u"a"_s, Mqtt::QoS::AtMostOnce}, {u"b"_s, Mqtt::QoS::ExactlyOnce}})}. */
    MqttResult subscribe(const QList<QPair<QString, MqttSubscribeOptions>> &subscriptions,
                         const MqttProperties &properties = {});
    /*! Several filters at one QoS in one SUBSCRIBE (convenient from QML). */
    MqttResult subscribe(const QStringList &filters, Mqtt::QoS qos = Mqtt::QoS::AtMostOnce,
                         const MqttProperties &properties = {});
    /*! Paho's \c unsubscribe("topic"). */
    MqttResult unsubscribe(const QString &filter, const MqttProperties &properties = {});
    /*! Paho's \c unsubscribe(["a", "b"]): one UNSUBSCRIBE for all. */
    MqttResult unsubscribe(const QStringList &filters, const MqttProperties &properties = {});

    /*! MQTT 5 enhanced authentication: sends AUTH. ErrorCode::NotSupported with 3.x. */
    Mqtt::ErrorCode sendAuth(Mqtt::ReasonCode reasonCode, const MqttProperties &properties = {});
    /*! MQTT 5: starts a re-authentication with the authenticator() on the open connection
        (AUTH with Re-authenticate and the initial data); the exchange goes on by itself.
        ErrorCode::NoConnection unless connected, ErrorCode::Invalid without an
        authenticator, ErrorCode::NotSupported with 3.x. */
    Mqtt::ErrorCode reauthenticate();

    /*! MQTT 5 request/response: publishes \a payload to \a topic with a Response Topic
        (responseTopic()) and a fresh Correlation Data, subscribes to the response topic
        once (again after a reconnection that lost the session), and hands back the first
        message there with the same Correlation Data, through the returned MqttRequest's
        finished(); failed() after \a timeoutMs without one. Responses are not emitted as
        messageReceived() (messageArrived() sees them). Call it in the client's thread.
        Refusals come as failed() too, with error() set as for publish(): NotSupported
        with MQTT 3.x, NoConnection unless connected, Invalid for \a properties that carry
        a Response Topic or Correlation Data of their own or a timeout below 1 ms, and
        whatever publish() refuses. */
    MqttRequest *request(const QString &topic, const QByteArray &payload = {}, Mqtt::QoS qos = Mqtt::QoS::AtLeastOnce,
                         int timeoutMs = 30000, const MqttProperties &properties = {});
    /*! The topic request() asks responders to answer on: the broker's Response
        Information from CONNACK (when the CONNECT asked for it with the
        RequestResponseInformation property) followed by "/" and the client id, otherwise
        "mqttqt/response/" and the client id ('+' and '#' replaced by '_'). */
    QString responseTopic() const;

    /*! A subscription that renews itself (see MqttSubscription): subscribed now if
        connected, otherwise after the next CONNACK, and again after every reconnection
        to a broker that kept no session. The object is a child of the client. An invalid
        filter or options give an object in state Error, with error() set here as well
        (one error rule); the filter is never sent. */
    MqttSubscription *addSubscription(const QString &filter, const MqttSubscribeOptions &options = {});
    /*! The subscription objects of this client, in creation order. */
    QList<MqttSubscription *> subscriptionObjects() const;

    /*! Removes every handler registered for exactly \a filter (Paho's
        \c message_callback_remove()). */
    void messageCallbackRemove(const QString &filter);

Q_SIGNALS:
    /*! A CONNACK arrived (Paho's \c on_connect): \a reasonCode is Success when
        connected, otherwise the refusal. MQTT 3.x return codes arrive mapped to MQTT 5
        codes (see MqttServerProperties::reasonCode(); the raw value is
        serverProperties().returnCode()). state() and serverProperties() are already up
        to date. */
    void connackReceived(bool sessionPresent, Mqtt::ReasonCode reasonCode, const MqttProperties &properties);
    /*! A connection that was open has closed (Paho's \c on_disconnect). \a error is
        NoError after disconnectFromHost(); otherwise why (ConnectionLost, Protocol,
        KeepAlive, ConnectionRefused...), with errorString() giving the details. With
        MQTT 5, \a reasonCode and \a properties come from the broker's DISCONNECT. state()
        already tells whether a reconnection is scheduled; calling reconnect() or
        connectToHost() from here is safe. The last signal of a connection's end: after
        errorOccurred(), stateChanged() and socketClosed(). */
    void disconnected(Mqtt::ErrorCode error, Mqtt::ReasonCode reasonCode, const MqttProperties &properties);
    /*! A message that matched no per-filter handler (Paho's \c on_message). */
    void messageReceived(const MqttMessage &message);
    /*! Every message, before the per-filter handlers and messageReceived(), whatever
        handlers are registered: for components that must see all traffic. */
    void messageArrived(const MqttMessage &message);
    /*! Message \a mid completed (Paho's \c on_publish): the broker's PUBACK or PUBCOMP
        for QoS 1/2, with a success \a reasonCode (e.g. NoMatchingSubscribers); for QoS 0,
        once the bytes are handed to the socket. Never for a refused message: see
        publishFailed(). */
    void published(int mid, Mqtt::ReasonCode reasonCode, const MqttProperties &properties);
    /*! Accepted message \a mid failed and will not be sent: the broker refused it with an
        MQTT 5 failure reason code (\a error AclDenied for Not authorized, QueueSize for
        Quota exceeded, Invalid for an invalid topic or payload format, Unknown otherwise;
        the code is in \a errorString and MqttMessageInfo::reasonCode()), or the library
        gave up on it (ConnectionLost with republishing off, PayloadSize, NoConnection
        when reinitialised or destroyed). */
    void publishFailed(int mid, Mqtt::ErrorCode error, const QString &errorString);
    /*! SUBACK (Paho's \c on_subscribe): the granted QoS or failure per filter. */
    void subscribed(int mid, const QList<Mqtt::ReasonCode> &reasonCodes, const MqttProperties &properties);
    /*! UNSUBACK (Paho's \c on_unsubscribe); \a reasonCodes is empty with MQTT 3.x. */
    void unsubscribed(int mid, const QList<Mqtt::ReasonCode> &reasonCodes, const MqttProperties &properties);
    /*! After a reconnection to a broker that kept no session, the subscriptions of the
        earlier connection that were not made again in the connackReceived() handler:
        the broker no longer sends their messages. */
    void subscriptionsLost(const QStringList &filters);
    /*! A log line (Paho's \c on_log). */
    void logMessage(Mqtt::LogLevel level, const QString &message);
    /*! The byte stream opened (Paho's \c on_socket_open). */
    void socketOpened();
    /*! The byte stream closed (Paho's \c on_socket_close). When a connection ends, after
        stateChanged() and before disconnected(). */
    void socketClosed();
    /*! An automatic reconnection attempt \a attempt will start in \a delayMs. */
    void reconnectScheduled(int attempt, int delayMs);
    /*! MQTT 5 AUTH from the broker. */
    void authReceived(Mqtt::ReasonCode reasonCode, const MqttProperties &properties);
    /*! MQTT 5: the broker named another server (Server Reference) with \a reasonCode
        (Use Another Server, Server Moved...) in CONNACK or DISCONNECT. Followed when
        followServerReference() is on. */
    void serverReferenceReceived(const QString &serverReference, Mqtt::ReasonCode reasonCode);
    void stateChanged(Mqtt::ClientState state);
    /*! Something failed; error() and errorString() say what (see "Errors" above). */
    void errorOccurred(Mqtt::ErrorCode error, const QString &errorString);
    /*! error() or errorString() changed (a failure, or cleared on connecting). */
    void errorChanged();
    void serverPropertiesChanged();
    void reconnectAttemptChanged();

    void clientIdChanged();
    void brokerAssignsClientIdChanged();
    void cleanSessionChanged();
    void userDataChanged();
    void protocolVersionChanged();
    void transportChanged();
    void tlsOptionsChanged();
    void webSocketOptionsChanged();
    void proxyChanged();
    void serversChanged();
    void followServerReferenceChanged();
    void currentServerChanged();
    void hostChanged();
    void portChanged();
    void keepAliveChanged();
    void bindAddressChanged();
    void usernameChanged();
    void passwordChanged();
    void willChanged();
    void maxInflightMessagesChanged();
    void maxQueuedMessagesChanged();
    void messageRetryChanged();
    void reconnectDelayChanged();
    void autoReconnectChanged();
    void retryFirstConnectionChanged();
    void republishOnCleanSessionChanged();
    void connectTimeoutChanged();
    void loggerEnabledChanged();
    void connectPropertiesChanged();
    void sessionStoreChanged();
    void autoTopicAliasChanged();
    void streamPacingChanged();
    void authenticatorChanged();
    void sessionDurabilityChanged();

private:
    QMetaObject::Connection addMessageCallback(const QString &filter, const QObject *context,
                                               std::function<void(const MqttMessage &)> handler);

    friend class MqttClientPrivate;
    std::unique_ptr<MqttClientPrivate> d; // released to itself if deleted from its own signal (see the .cpp)
};

Q_DECLARE_METATYPE(MqttResult)

#endif // MQTTCLIENT_H
