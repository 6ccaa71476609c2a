// Copyright (C) 2026 The MqttQt authors.
// SPDX-License-Identifier: BSD-3-Clause
#ifndef MQTTCLIENT_H
#define MQTTCLIENT_H

#include "mqttmessage.h"
#include "mqttmessageinfo.h"
#include "mqttnamespace.h"
#include "mqttproperties.h"
#include "mqttwill.h"

#include <QtCore/QObject>
#include <QtCore/QPair>
#include <QtCore/QStringList>
#include <QtCore/QVariant>

#include <functional>
#include <memory>
#include <type_traits>

class QIODevice;
class MqttClientPrivate;

/*!
    What subscribe() and unsubscribe() return (Paho's \c (result, mid) tuple). Works with
    structured bindings: \c {auto [rc, mid] = client.subscribe(...);}
*/
struct MqttResult
{
    Mqtt::ErrorCode rc = Mqtt::ErrorCode::Success;
    int mid = 0;
};

/*!
    An MQTT 3.1, 3.1.1 and 5.0 client on the Qt event loop: the Eclipse Paho Python
    \c Client in Qt idiom. Paho's methods are functions here, its callbacks are signals,
    and its options are properties with change signals. See the README for the mapping.

    The client lives in one thread and works from that thread's event loop; nothing
    blocks unless you call a waitFor...() function. publish() may be called from any
    thread.

    Errors: calls return an Mqtt::ErrorCode (Paho's result codes) and never throw;
    error() and errorString() keep the last failure with a specific sentence, and
    errorOccurred() announces it.
*/
class MQTTQT_CORE_EXPORT MqttClient : public QObject
{
    Q_OBJECT
    Q_PROPERTY(QString clientId READ clientId WRITE setClientId NOTIFY clientIdChanged)
    Q_PROPERTY(bool cleanSession READ cleanSession WRITE setCleanSession NOTIFY cleanSessionChanged)
    Q_PROPERTY(QVariant userData READ userData WRITE setUserData NOTIFY userDataChanged)
    Q_PROPERTY(Mqtt::ProtocolVersion protocolVersion READ protocolVersion WRITE setProtocolVersion NOTIFY protocolVersionChanged)
    Q_PROPERTY(Mqtt::Transport transport READ transport WRITE setTransport NOTIFY transportChanged)
    Q_PROPERTY(QString host READ host NOTIFY hostChanged)
    Q_PROPERTY(int port READ port NOTIFY portChanged)
    Q_PROPERTY(int keepAlive READ keepAlive NOTIFY keepAliveChanged)
    Q_PROPERTY(QString username READ username WRITE setUsername NOTIFY usernameChanged)
    Q_PROPERTY(QByteArray password READ password WRITE setPassword NOTIFY passwordChanged)
    Q_PROPERTY(MqttWill will READ will NOTIFY willChanged)
    Q_PROPERTY(int maxInflightMessages READ maxInflightMessages WRITE setMaxInflightMessages NOTIFY maxInflightMessagesChanged)
    Q_PROPERTY(int maxQueuedMessages READ maxQueuedMessages WRITE setMaxQueuedMessages NOTIFY maxQueuedMessagesChanged)
    Q_PROPERTY(int messageRetry READ messageRetry WRITE setMessageRetry NOTIFY messageRetryChanged)
    Q_PROPERTY(int reconnectDelayMin READ reconnectDelayMin NOTIFY reconnectDelayChanged)
    Q_PROPERTY(int reconnectDelayMax READ reconnectDelayMax NOTIFY reconnectDelayChanged)
    Q_PROPERTY(bool autoReconnect READ autoReconnect WRITE setAutoReconnect NOTIFY autoReconnectChanged)
    Q_PROPERTY(bool republishOnCleanSession READ republishOnCleanSession WRITE setRepublishOnCleanSession NOTIFY republishOnCleanSessionChanged)
    Q_PROPERTY(int connectTimeout READ connectTimeout WRITE setConnectTimeout NOTIFY connectTimeoutChanged)
    Q_PROPERTY(bool loggerEnabled READ isLoggerEnabled WRITE setLoggerEnabled NOTIFY loggerEnabledChanged)
    Q_PROPERTY(MqttProperties connectProperties READ connectProperties WRITE setConnectProperties NOTIFY connectPropertiesChanged)
    Q_PROPERTY(Mqtt::ClientState state READ state NOTIFY stateChanged)
    Q_PROPERTY(Mqtt::ErrorCode error READ error NOTIFY errorOccurred)
    Q_PROPERTY(QString errorString READ errorString NOTIFY errorOccurred)

public:
    /*! A client with a generated client id (\c mqttqt- and 16 random characters),
        MQTT 3.1.1, clean session, TCP: Paho's \c Client(). */
    explicit MqttClient(QObject *parent = nullptr);
    /*! A client with \a clientId; empty means generated. */
    explicit MqttClient(const QString &clientId, QObject *parent = nullptr);
    /*! Destroys the client, dropping the connection without DISCONNECT (so the broker
        publishes the will). Call disconnectFromHost() first for a clean end. */
    ~MqttClient() override;

    /*! Returns the client to its just-constructed state with new construction arguments
        (Paho's \c reinitialise()): the connection is dropped, every pending message fails
        with ErrorCode::NoConnection, options return to their defaults. Returns
        ErrorCode::Invalid, changing nothing, if \a clientId is empty and \a cleanSession
        is false. */
    Mqtt::ErrorCode reinitialise(const QString &clientId = {}, bool cleanSession = true,
                                 const QVariant &userData = {});

    // ---- options (set before connecting; they take effect on the next connection) ----

    /*! The client identifier; a generated one if none was given. */
    QString clientId() const;
    /*! Sets the client id; empty generates a new one. */
    void setClientId(const QString &clientId);
    /*! Clean session (MQTT 3.x) or Clean Start (MQTT 5). Default true. A persistent
        session (false) needs an explicit client id: connectToHost() refuses otherwise. */
    bool cleanSession() const;
    void setCleanSession(bool clean);
    /*! Any value, for the application (Paho's \c userdata / \c user_data_set()). */
    QVariant userData() const;
    void setUserData(const QVariant &userData);
    /*! Default Mqtt::ProtocolVersion::V3_1_1. */
    Mqtt::ProtocolVersion protocolVersion() const;
    void setProtocolVersion(Mqtt::ProtocolVersion version);
    /*! Default Mqtt::Transport::Tcp. This version implements TCP only: connectToHost()
        returns ErrorCode::NotSupported for the other transports. */
    Mqtt::Transport transport() const;
    void setTransport(Mqtt::Transport transport);

    QString host() const;
    int port() const;
    int keepAlive() const;

    /*! Paho's \c username_pw_set(): the user name (null for none) and the password, which
        may be binary (null for none). */
    void setCredentials(const QString &username, const QByteArray &password = {});
    QString username() const;
    void setUsername(const QString &username);
    QByteArray password() const;
    void setPassword(const QByteArray &password);

    /*! Paho's \c will_set(). Returns ErrorCode::Invalid, changing nothing, if the QoS is
        not 0..2, the topic is empty, has wildcards or is not valid UTF-8, the payload is
        longer than 65,535 bytes, or properties are given with MQTT 3.x. */
    Mqtt::ErrorCode setWill(const MqttWill &will);
    Mqtt::ErrorCode setWill(const QString &topic, const QByteArray &payload = {},
                            Mqtt::QoS qos = Mqtt::QoS::AtMostOnce, bool retain = false,
                            const MqttProperties &properties = {});
    /*! Paho's \c will_clear(). */
    void clearWill();
    MqttWill will() const;

    /*! Messages with QoS 1 and 2 that may be awaiting acknowledgement at once (Paho's
        \c max_inflight_messages_set()). Default 20; 0 means no limit. With MQTT 5 the
        broker's Receive Maximum also applies. Returns false, changing nothing, if
        negative. */
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
    bool setReconnectDelay(int minDelay, int maxDelay);
    int reconnectDelayMin() const;
    int reconnectDelayMax() const;
    /*! Reconnect by itself after an unexpected disconnection (Paho's
        \c reconnect_on_failure). Default true. It does not retry after the broker refused
        the credentials or the client id, which retrying cannot fix. */
    bool autoReconnect() const;
    void setAutoReconnect(bool enabled);
    /*! What happens to unacknowledged QoS 1/2 messages when the broker did not keep the
        session (clean session, or the session expired): true (default, as Paho) sends
        them again, so nothing is lost but a QoS 2 message may arrive twice; false fails
        them with publishFailed(). */
    bool republishOnCleanSession() const;
    void setRepublishOnCleanSession(bool republish);
    /*! Milliseconds allowed for the TCP connection and then for CONNACK. Default 30000. */
    int connectTimeout() const;
    void setConnectTimeout(int msecs);

    /*! Paho's \c enable_logger() / \c disable_logger(): when enabled, log lines also go
        to the Qt logging category \c mqttqt.client (configure it with QT_LOGGING_RULES).
        logMessage() is emitted either way. Default false. */
    bool isLoggerEnabled() const;
    void setLoggerEnabled(bool enabled);
    void enableLogger() { setLoggerEnabled(true); }
    void disableLogger() { setLoggerEnabled(false); }

    /*! MQTT 5 properties of CONNECT (e.g. SessionExpiryInterval, ReceiveMaximum,
        TopicAliasMaximum for aliases the broker may use towards this client). */
    MqttProperties connectProperties() const;
    void setConnectProperties(const MqttProperties &properties);

    // ---- connection ----

    /*! Starts connecting (Paho's \c connect() and \c connect_async()). Returns at once:
        Success if the attempt started; ErrorCode::Invalid (nothing started) for an empty
        host, a port outside 1..65535, a keepalive outside 0..65535, or a persistent
        session without a client id; ErrorCode::NotSupported for a transport this version
        lacks. Then connackReceived() and stateChanged() report the outcome, or
        errorOccurred() if the broker cannot be reached. Use waitForConnected() to block. */
    Mqtt::ErrorCode connectToHost(const QString &host, int port = 1883, int keepAlive = 60,
                                  const QString &bindAddress = {},
                                  const MqttProperties &properties = {});
    /*! Paho's \c connect_srv(): looks up the DNS SRV record \c _mqtt._tcp.<domain> and
        connects to the best target. Asynchronous; a failed lookup reports
        ErrorCode::NotFound through errorOccurred(). */
    Mqtt::ErrorCode connectToHostSrv(const QString &domain, int keepAlive = 60,
                                     const QString &bindAddress = {},
                                     const MqttProperties &properties = {});
    /*! Connects again with the last host, port and keepalive (Paho's \c reconnect()). */
    Mqtt::ErrorCode reconnect();
    /*! Blocks, running a local event loop, until connected (CONNACK accepted), failed or
        \a msecs passed. Returns true if connected. */
    bool waitForConnected(int msecs = 30000);
    /*! Sends DISCONNECT after the packets already queued for writing, then closes, so
        the broker does not publish the will (Paho's \c disconnect()). Unacknowledged
        messages are kept and sent on the next connection. Returns ErrorCode::NoConnection
        if there is no connection. disconnected() follows with ErrorCode::Success. */
    Mqtt::ErrorCode disconnectFromHost(Mqtt::ReasonCode reasonCode = Mqtt::ReasonCode::NormalDisconnection,
                                       const MqttProperties &properties = {});
    /*! Blocks, running a local event loop, until disconnected or \a msecs passed. */
    bool waitForDisconnected(int msecs = 30000);

    Mqtt::ClientState state() const;
    bool isConnected() const;

    // ---- network loop (the Qt event loop does Paho's loop work) ----

    /*! Paho's \c loop(): processes events for up to \a timeoutMs, returning early after
        network activity. Only needed without a running event loop. */
    Mqtt::ErrorCode loop(int timeoutMs = 1000);
    /*! Paho's \c loop_forever(): runs a local event loop until disconnectFromHost()
        completes, or until the connection is lost with autoReconnect off. Returns
        Success, or the error that ended it. */
    Mqtt::ErrorCode loopForever();
    /*! Paho's \c want_write(): true while bytes wait to be written. */
    bool wantWrite() const;
    /*! Paho's \c socket(): the connection's device while connected, else null. Do not
        read from it or write to it. */
    QIODevice *socket() const;

    // ---- publish ----

    /*! Publishes \a payload to \a topic (Paho's \c publish()). Returns the message info
        at once: rc() is Success if the message was sent or queued, or the reason it was
        refused, in which case nothing is sent:
        ErrorCode::Invalid for an empty topic, a topic with wildcards or U+0000 or over
        65,535 bytes, QoS outside 0..2, properties with MQTT 3.x; ErrorCode::PayloadSize
        for a payload over 268,435,455 bytes or a packet over the broker's Maximum Packet
        Size; ErrorCode::NotSupported for QoS or retain the broker does not support;
        ErrorCode::QueueSize when maxQueuedMessages() are pending; ErrorCode::NoConnection
        for QoS 0 while not connected. QoS 1 and 2 messages are queued while disconnected
        and sent after the next CONNACK. Thread-safe: from another thread the call is
        forwarded to the client's thread and waits for it. */
    MqttMessageInfo publish(const QString &topic, const QByteArray &payload = {},
                            Mqtt::QoS qos = Mqtt::QoS::AtMostOnce, bool retain = false,
                            const MqttProperties &properties = {});
    /*! Publishes text as UTF-8. */
    MqttMessageInfo publish(const QString &topic, const QString &payload,
                            Mqtt::QoS qos = Mqtt::QoS::AtMostOnce, bool retain = false,
                            const MqttProperties &properties = {});
    /*! Publishes UTF-8 text given as a C string (avoids overload ambiguity). */
    MqttMessageInfo publish(const QString &topic, const char *payload,
                            Mqtt::QoS qos = Mqtt::QoS::AtMostOnce, bool retain = false,
                            const MqttProperties &properties = {});
    /*! Publishes an integer as its decimal text, like Paho. */
    template<typename Int, std::enable_if_t<std::is_integral_v<Int> && !std::is_same_v<Int, bool>
                                                    && !std::is_same_v<Int, char>, int> = 0>
    MqttMessageInfo publish(const QString &topic, Int value, Mqtt::QoS qos = Mqtt::QoS::AtMostOnce,
                            bool retain = false, const MqttProperties &properties = {})
    {
        return publish(topic, QByteArray::number(value), qos, retain, properties);
    }
    /*! Publishes a floating point number as its shortest exact decimal text, like
        Python's \c str(float). */
    MqttMessageInfo publish(const QString &topic, double value, Mqtt::QoS qos = Mqtt::QoS::AtMostOnce,
                            bool retain = false, const MqttProperties &properties = {});

    // ---- subscribe ----

    /*! Subscribes to one filter (Paho's \c subscribe("topic", qos)). Returns rc and mid:
        ErrorCode::Invalid for an invalid filter or QoS, ErrorCode::NoConnection when not
        connected (subscribe in a connackReceived() handler to renew subscriptions after
        reconnecting). subscribed() reports the broker's answer. */
    MqttResult subscribe(const QString &filter, Mqtt::QoS qos = Mqtt::QoS::AtMostOnce,
                         const MqttProperties &properties = {});
    /*! Paho's \c subscribe(("topic", qos)). */
    MqttResult subscribe(const QPair<QString, Mqtt::QoS> &subscription,
                         const MqttProperties &properties = {});
    /*! Paho's \c subscribe([("a", 0), ("b", 2)]): one SUBSCRIBE for all. */
    MqttResult subscribe(const QList<QPair<QString, Mqtt::QoS>> &subscriptions,
                         const MqttProperties &properties = {});
    /*! With MQTT 5 subscription options (Paho's \c SubscribeOptions). */
    MqttResult subscribe(const QList<MqttSubscription> &subscriptions,
                         const MqttProperties &properties = {});
    /*! Paho's \c unsubscribe("topic"). */
    MqttResult unsubscribe(const QString &filter, const MqttProperties &properties = {});
    /*! Paho's \c unsubscribe(["a", "b"]): one UNSUBSCRIBE for all. */
    MqttResult unsubscribe(const QStringList &filters, const MqttProperties &properties = {});

    /*! MQTT 5 enhanced authentication: sends AUTH. */
    Mqtt::ErrorCode sendAuth(Mqtt::ReasonCode reasonCode, const MqttProperties &properties);

    // ---- per-filter message handlers (Paho's message_callback_add/remove) ----

    /*! Calls \a handler for every message whose topic matches \a filter (wildcards
        allowed), while \a context lives; disconnected automatically when it is
        destroyed. Several handlers may match one message; all are called. Messages that
        match no handler go to messageReceived(), exactly as Paho's \c on_message.
        Returns false for an invalid filter. */
    template<typename Func>
    bool messageCallbackAdd(const QString &filter, const QObject *context, Func handler)
    {
        if constexpr (std::is_member_function_pointer_v<Func>) {
            using Obj = typename QtPrivate::FunctionPointer<Func>::Object;
            const Obj *target = static_cast<const Obj *>(context);
            return addMessageCallback(filter, context, [target, handler](const MqttMessage &m) {
                (const_cast<Obj *>(target)->*handler)(m);
            });
        } else {
            return addMessageCallback(filter, context, std::function<void(const MqttMessage &)>(std::move(handler)));
        }
    }
    /*! Removes every handler registered for exactly \a filter. */
    void messageCallbackRemove(const QString &filter);

    // ---- errors ----
    Mqtt::ErrorCode error() const;
    QString errorString() const;

Q_SIGNALS:
    /*! A CONNACK arrived (Paho's \c on_connect): \a reasonCode is Success when
        connected; otherwise the refusal (for MQTT 3.x the CONNACK return code's number,
        see Mqtt::connackString()). */
    void connackReceived(bool sessionPresent, Mqtt::ReasonCode reasonCode, const MqttProperties &properties);
    /*! A connection that was open has closed (Paho's \c on_disconnect). \a error is
        Success after disconnectFromHost(); otherwise why (ConnectionLost, Protocol,
        KeepAlive, ConnectionRefused...), with errorString() giving the details. With
        MQTT 5, \a reasonCode and \a properties come from the broker's DISCONNECT. */
    void disconnected(Mqtt::ErrorCode error, Mqtt::ReasonCode reasonCode, const MqttProperties &properties);
    /*! A message that matched no per-filter handler (Paho's \c on_message). */
    void messageReceived(const MqttMessage &message);
    /*! The broker acknowledged message \a mid (PUBACK or PUBCOMP; for QoS 0, once it is
        handed to the connection), Paho's \c on_publish. With MQTT 5 the reason code may
        be a failure, e.g. QuotaExceeded. */
    void published(int mid, Mqtt::ReasonCode reasonCode, const MqttProperties &properties);
    /*! The client gave up on accepted message \a mid; it will not be sent. */
    void publishFailed(int mid, Mqtt::ErrorCode error, const QString &reason);
    /*! SUBACK (Paho's \c on_subscribe): the granted QoS or failure per filter. */
    void subscribed(int mid, const QList<Mqtt::ReasonCode> &reasonCodes, const MqttProperties &properties);
    /*! UNSUBACK (Paho's \c on_unsubscribe); \a reasonCodes is empty with MQTT 3.x. */
    void unsubscribed(int mid, const QList<Mqtt::ReasonCode> &reasonCodes, const MqttProperties &properties);
    /*! A log line (Paho's \c on_log). */
    void logMessage(Mqtt::LogLevel level, const QString &message);
    /*! The byte stream opened (Paho's \c on_socket_open). */
    void socketOpened();
    /*! The byte stream closed (Paho's \c on_socket_close). */
    void socketClosed();
    /*! An automatic reconnection attempt \a attempt will start in \a delayMs. */
    void reconnectScheduled(int attempt, int delayMs);
    /*! MQTT 5 AUTH from the broker. */
    void authReceived(Mqtt::ReasonCode reasonCode, const MqttProperties &properties);
    void stateChanged(Mqtt::ClientState state);
    /*! Something failed; error() and errorString() say what. */
    void errorOccurred(Mqtt::ErrorCode error, const QString &errorString);

    void clientIdChanged();
    void cleanSessionChanged();
    void userDataChanged();
    void protocolVersionChanged();
    void transportChanged();
    void hostChanged();
    void portChanged();
    void keepAliveChanged();
    void usernameChanged();
    void passwordChanged();
    void willChanged();
    void maxInflightMessagesChanged();
    void maxQueuedMessagesChanged();
    void messageRetryChanged();
    void reconnectDelayChanged();
    void autoReconnectChanged();
    void republishOnCleanSessionChanged();
    void connectTimeoutChanged();
    void loggerEnabledChanged();
    void connectPropertiesChanged();

private:
    bool addMessageCallback(const QString &filter, const QObject *context,
                            std::function<void(const MqttMessage &)> handler);

    friend class MqttClientPrivate;
    std::unique_ptr<MqttClientPrivate> const d;
};

#endif // MQTTCLIENT_H
