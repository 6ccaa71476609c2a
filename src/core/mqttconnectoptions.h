// Copyright (C) 2026 The MqttQt authors.
// SPDX-License-Identifier: BSD-3-Clause
#ifndef MQTTCONNECTOPTIONS_H
#define MQTTCONNECTOPTIONS_H

#include "mqttnamespace.h"
#include "mqttproperties.h"
#include "mqtttlsoptions.h"
#include "mqttwebsocketoptions.h"
#include "mqttwill.h"

#include <QtCore/QByteArray>
#include <QtCore/QMetaType>
#include <QtCore/QSharedDataPointer>
#include <QtCore/QString>
#include <QtNetwork/QNetworkProxy>

class QDebug;
class MqttClient;
class MqttConnectOptionsPrivate;

/*!
    Where and how to connect: the connection arguments that Paho's one-shot helpers
    (\c publish.single(), \c publish.multiple(), \c subscribe.simple(),
    \c subscribe.callback()) take as keyword arguments, as one value. MqttPublishJob,
    MqttSubscribeJob and MqttClientThread take it; applyTo() puts it on any MqttClient.

    Implicitly shared; new settings are added as further members without changing what
    exists. The setters store what they
    are given: the values are checked by applyTo(), which refuses a bad one through the
    client's own setters, with the client's error() and errorString() naming it.

    \code
    MqttConnectOptions options(u"broker.example"_s, 1883);
    options.setCredentials(u"alice"_s, "secret");
    options.setProtocolVersion(Mqtt::ProtocolVersion::V5);
    \endcode
*/
class MQTTQT_CORE_EXPORT MqttConnectOptions
{
    Q_GADGET
    Q_PROPERTY(QString host READ host WRITE setHost)
    Q_PROPERTY(int port READ port WRITE setPort)
    Q_PROPERTY(QString clientId READ clientId WRITE setClientId)
    Q_PROPERTY(int keepAlive READ keepAlive WRITE setKeepAlive)
    Q_PROPERTY(bool cleanSession READ cleanSession WRITE setCleanSession)
    Q_PROPERTY(MqttWill will READ will WRITE setWill)
    Q_PROPERTY(QString username READ username WRITE setUsername)
    Q_PROPERTY(QByteArray password READ password WRITE setPassword)
    Q_PROPERTY(Mqtt::ProtocolVersion protocolVersion READ protocolVersion WRITE setProtocolVersion)
    Q_PROPERTY(Mqtt::Transport transport READ transport WRITE setTransport)
    Q_PROPERTY(MqttProperties connectProperties READ connectProperties WRITE setConnectProperties)
    Q_PROPERTY(QString bindAddress READ bindAddress WRITE setBindAddress)
    Q_PROPERTY(int connectTimeout READ connectTimeout WRITE setConnectTimeout)
public:
    /*! Paho's defaults: host "localhost", port 1883, a generated client id, keepalive
        60 s, clean session, no will, no credentials, MQTT 3.1.1 over TCP, no connect
        properties, any local address, and MqttClient's connect timeout (30,000 ms). */
    MqttConnectOptions();
    /*! The defaults with \a host and \a port. */
    explicit MqttConnectOptions(const QString &host, int port = 1883);
    MqttConnectOptions(const MqttConnectOptions &other);
    MqttConnectOptions(MqttConnectOptions &&other) noexcept;
    MqttConnectOptions &operator=(const MqttConnectOptions &other);
    MqttConnectOptions &operator=(MqttConnectOptions &&other) noexcept;
    ~MqttConnectOptions();
    void swap(MqttConnectOptions &other) noexcept { d.swap(other.d); }

    /*! The broker's host name or address (Paho's \c hostname). Default "localhost". */
    QString host() const;
    void setHost(const QString &host);
    /*! The broker's port. Default 1883; applyTo() refuses values outside 1..65535. */
    int port() const;
    void setPort(int port);
    /*! The client identifier (Paho's \c client_id); empty (the default) means a
        generated one. */
    QString clientId() const;
    void setClientId(const QString &clientId);
    /*! Keepalive in seconds (Paho's \c keepalive); 0 disables it. Default 60. */
    int keepAlive() const;
    void setKeepAlive(int seconds);
    /*! Clean session (MQTT 3.x) or Clean Start (MQTT 5) (Paho's \c clean_session).
        Default true; false needs a client id. */
    bool cleanSession() const;
    void setCleanSession(bool clean);
    /*! The last will (Paho's \c will); null (the default) for none. */
    MqttWill will() const;
    void setWill(const MqttWill &will);
    /*! The user name (Paho's \c auth["username"]); null (the default) for none. */
    QString username() const;
    void setUsername(const QString &username);
    /*! The password, which may be binary (Paho's \c auth["password"]); null (the
        default) for none. */
    QByteArray password() const;
    void setPassword(const QByteArray &password);
    /*! Sets username() and password() at once (Paho's \c auth dictionary). */
    void setCredentials(const QString &username, const QByteArray &password = {});
    /*! Default Mqtt::ProtocolVersion::V3_1_1 (Paho's \c protocol). */
    Mqtt::ProtocolVersion protocolVersion() const;
    void setProtocolVersion(Mqtt::ProtocolVersion version);
    /*! Default Mqtt::Transport::Tcp (Paho's \c transport): Tcp or WebSockets here
        (LocalSocket with the socket's path as host). */
    Mqtt::Transport transport() const;
    void setTransport(Mqtt::Transport transport);
    /*! TLS (Paho's \c tls dictionary): set options turn it on; default off. */
    bool isTlsEnabled() const;
    MqttTlsOptions tlsOptions() const;
    void setTlsOptions(const MqttTlsOptions &options);
    void clearTlsOptions();
    /*! The WebSocket path and headers (Paho's \c ws_set_options()), for
        Transport::WebSockets. */
    MqttWebSocketOptions webSocketOptions() const;
    void setWebSocketOptions(const MqttWebSocketOptions &options);
    /*! The proxy (Paho's \c proxy_args); QNetworkProxy::NoProxy by default. */
    QNetworkProxy proxy() const;
    void setProxy(const QNetworkProxy &proxy);
    /*! MQTT 5 properties of CONNECT (Paho's \c properties); empty by default. */
    MqttProperties connectProperties() const;
    void setConnectProperties(const MqttProperties &properties);
    /*! Local address to bind to (Paho's \c bind_address); empty (the default) for any. */
    QString bindAddress() const;
    void setBindAddress(const QString &address);
    /*! Milliseconds allowed for the connection and then for CONNACK (see
        MqttClient::connectTimeout()). Default 30000; applyTo() refuses values below 1. */
    int connectTimeout() const;
    void setConnectTimeout(int msecs);

    /*! Sets every option above on \a client; they take effect on its next connection
        (MqttClient::connectToHost() without arguments). Returns NoError, or the first
        refusal, with the reason in \a errorString if it is not null: ErrorCode::Invalid
        for a null client, or for a port, keepalive, bind address, protocol version,
        connect timeout, will or connect properties the client refuses (the client's
        error() and errorString() also say which; the options before it are already
        set). The client's other options (in-flight window, reconnection...) are left
        as they are. */
    Mqtt::ErrorCode applyTo(MqttClient *client, QString *errorString = nullptr) const;

    /*! Equal when every option is equal. */
    friend MQTTQT_CORE_EXPORT bool operator==(const MqttConnectOptions &a, const MqttConnectOptions &b);
    friend bool operator!=(const MqttConnectOptions &a, const MqttConnectOptions &b) { return !(a == b); }

private:
    QSharedDataPointer<MqttConnectOptionsPrivate> d;
};

Q_DECLARE_SHARED(MqttConnectOptions)

/*! Prints host, port, client id, protocol and which optional parts are set (never the
    password). */
MQTTQT_CORE_EXPORT QDebug operator<<(QDebug debug, const MqttConnectOptions &options);

Q_DECLARE_METATYPE(MqttConnectOptions)

#endif // MQTTCONNECTOPTIONS_H
