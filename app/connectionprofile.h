// Copyright (C) 2026 The MqttQt authors.
// SPDX-License-Identifier: BSD-3-Clause
#ifndef CONNECTIONPROFILE_H
#define CONNECTIONPROFILE_H

#include <MqttQt/mqttnamespace.h>

#include <QtCore/QByteArray>
#include <QtCore/QCoreApplication>
#include <QtCore/QList>
#include <QtCore/QPair>
#include <QtCore/QString>
#include <QtCore/QUrl>

class QSettings;
class MqttClient;

// One subscription of a profile: a filter and the QoS asked for.
struct SubscriptionEntry
{
    QString filter;
    Mqtt::QoS qos = Mqtt::QoS::AtMostOnce;
    bool operator==(const SubscriptionEntry &o) const { return filter == o.filter && qos == o.qos; }
};

// Everything needed to connect to one broker. Secrets (the password and the passphrase of
// the client key) are not part of it: they live in the keychain (SecretStore), or in
// memory for the session when no keychain is available.
struct ConnectionProfile
{
    Q_DECLARE_TR_FUNCTIONS(ConnectionProfile)
public:
    enum class TransportKind { Tcp, Tls, WebSocket, SecureWebSocket };

    QString name;
    QString host = QStringLiteral("127.0.0.1");
    int port = 1883;
    TransportKind transport = TransportKind::Tcp;
    QString webSocketPath = QStringLiteral("/mqtt");
    Mqtt::ProtocolVersion protocolVersion = Mqtt::ProtocolVersion::V5;
    QString clientId;            // empty: generated per connection
    bool cleanSession = true;
    int keepAlive = 60;
    QString username;
    bool savePassword = false;   // the password is kept in the keychain

    // TLS (TransportKind::Tls and SecureWebSocket)
    QString caFile;              // empty: the system's CA certificates
    QString certificateFile;     // client certificate for mutual TLS
    QString keyFile;
    bool verifyCertificate = true;   // false: CERT_NONE (encryption without authentication)
    bool verifyHostName = true;      // false: tls_insecure_set(true)

    // Will
    bool willEnabled = false;
    QString willTopic;
    QByteArray willPayload;
    Mqtt::QoS willQos = Mqtt::QoS::AtMostOnce;
    bool willRetain = false;

    // MQTT 5 connect properties (0 = not sent)
    quint32 sessionExpiryInterval = 0;
    int receiveMaximum = 0;
    quint32 maximumPacketSize = 0;
    int topicAliasMaximum = 0;
    bool requestResponseInformation = false;
    bool requestProblemInformation = true;
    QList<QPair<QString, QString>> userProperties;

    // Reconnection
    bool autoReconnect = true;
    int reconnectDelayMin = 1;
    int reconnectDelayMax = 30;

    QList<SubscriptionEntry> subscriptions = { { QStringLiteral("#"), Mqtt::QoS::AtMostOnce } };

    bool usesTls() const
    {
        return transport == TransportKind::Tls || transport == TransportKind::SecureWebSocket;
    }
    bool usesWebSocket() const
    {
        return transport == TransportKind::WebSocket || transport == TransportKind::SecureWebSocket;
    }
    // "mqtt://127.0.0.1:1883", "wss://host:443/mqtt"
    QString displayUrl() const;
    // The port MQTT uses by default over this profile's transport.
    static int defaultPort(TransportKind transport);

    // Problems that stop a connection before it starts (empty host, bad port, invalid will
    // topic...), each a sentence; empty when the profile can be used.
    QStringList validate() const;

    // Builds a profile from mqtt://, mqtts://, ws:// or wss:// URLs (the path of ws URLs
    // becomes the WebSocket path). Returns false with *errorString set otherwise.
    static bool fromUrl(const QUrl &url, ConnectionProfile *profile, QString *errorString);

    // Key under which the keychain holds this profile's password ("<name>/password") or
    // key passphrase.
    QString passwordKey() const;
    QString keyPassphraseKey() const;

    bool operator==(const ConnectionProfile &o) const;
    bool operator!=(const ConnectionProfile &o) const { return !(*this == o); }
};

// Applies a profile to a client (in the client's thread): transport, TLS, WebSocket
// options, credentials, will, connect properties, reconnection. Returns an empty string on
// success, or what was refused (e.g. a TLS file that cannot be read), in which case the
// caller must not connect.
QString applyProfile(MqttClient *client, const ConnectionProfile &profile, const QByteArray &password,
                     const QByteArray &keyPassphrase);

// Saves and loads profiles with QSettings (group "profiles", one array entry per profile).
class ProfileStore
{
public:
    static QList<ConnectionProfile> load(QSettings &settings);
    static void save(QSettings &settings, const QList<ConnectionProfile> &profiles);
    static void write(QSettings &settings, const ConnectionProfile &profile);
    static ConnectionProfile read(const QSettings &settings);
};

#endif // CONNECTIONPROFILE_H
