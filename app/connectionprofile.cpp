// Copyright (C) 2026 The MqttQt authors.
// SPDX-License-Identifier: BSD-3-Clause
#include "connectionprofile.h"

#include <MqttQt/mqttclient.h>

#include <QtCore/QCoreApplication>
#include <QtCore/QSettings>

namespace {

const char *transportKey(ConnectionProfile::TransportKind kind)
{
    switch (kind) {
    case ConnectionProfile::TransportKind::Tcp: return "tcp";
    case ConnectionProfile::TransportKind::Tls: return "tls";
    case ConnectionProfile::TransportKind::WebSocket: return "ws";
    case ConnectionProfile::TransportKind::SecureWebSocket: return "wss";
    }
    return "tcp";
}

ConnectionProfile::TransportKind transportFromKey(const QString &key)
{
    if (key == u"tls")
        return ConnectionProfile::TransportKind::Tls;
    if (key == u"ws")
        return ConnectionProfile::TransportKind::WebSocket;
    if (key == u"wss")
        return ConnectionProfile::TransportKind::SecureWebSocket;
    return ConnectionProfile::TransportKind::Tcp;
}

Mqtt::QoS qosFromInt(int value)
{
    return value == 2 ? Mqtt::QoS::ExactlyOnce : value == 1 ? Mqtt::QoS::AtLeastOnce : Mqtt::QoS::AtMostOnce;
}

} // namespace

int ConnectionProfile::defaultPort(TransportKind transport)
{
    switch (transport) {
    case TransportKind::Tcp: return 1883;
    case TransportKind::Tls: return 8883;
    case TransportKind::WebSocket: return 80;
    case TransportKind::SecureWebSocket: return 443;
    }
    return 1883;
}

QString ConnectionProfile::displayUrl() const
{
    static const char *schemes[] = { "mqtt", "mqtts", "ws", "wss" };
    QString url = QString::fromLatin1(schemes[int(transport)]) + QStringLiteral("://");
    url += host.contains(QLatin1Char(':')) ? QLatin1Char('[') + host + QLatin1Char(']') : host;
    url += QLatin1Char(':') + QString::number(port);
    if (usesWebSocket())
        url += webSocketPath;
    return url;
}

QStringList ConnectionProfile::validate() const
{
    QStringList problems;
    if (host.trimmed().isEmpty())
        problems << tr("The host is empty.");
    if (port < 1 || port > 65535)
        problems << tr("The port %1 is outside 1 to 65535.").arg(port);
    if (keepAlive < 0 || keepAlive > 65535)
        problems << tr("The keep alive %1 is outside 0 to 65535 seconds.").arg(keepAlive);
    if (usesWebSocket() && !webSocketPath.startsWith(QLatin1Char('/')))
        problems << tr("The WebSocket path must start with '/'.");
    if (!cleanSession && clientId.isEmpty())
        problems << tr("A persistent session (clean session off) needs a client id.");
    if (willEnabled && !Mqtt::isValidTopicName(willTopic))
        problems << tr("The will topic \"%1\" is not a valid topic name.").arg(willTopic);
    if (reconnectDelayMin < 1 || reconnectDelayMax < reconnectDelayMin)
        problems << tr("The reconnect delays must satisfy 1 ≤ minimum ≤ maximum.");
    for (const SubscriptionEntry &s : subscriptions) {
        if (!Mqtt::isValidTopicFilter(s.filter))
            problems << tr("The subscription \"%1\" is not a valid topic filter.").arg(s.filter);
    }
    if (!certificateFile.isEmpty() && !usesTls())
        problems << tr("A client certificate is set but the transport does not use TLS.");
    return problems;
}

bool ConnectionProfile::fromUrl(const QUrl &url, ConnectionProfile *profile, QString *errorString)
{
    const QString scheme = url.scheme().toLower();
    ConnectionProfile p;
    if (scheme == u"mqtt" || scheme == u"tcp")
        p.transport = TransportKind::Tcp;
    else if (scheme == u"mqtts" || scheme == u"ssl" || scheme == u"tls")
        p.transport = TransportKind::Tls;
    else if (scheme == u"ws")
        p.transport = TransportKind::WebSocket;
    else if (scheme == u"wss")
        p.transport = TransportKind::SecureWebSocket;
    else {
        *errorString = tr("Unsupported URL scheme \"%1\": use mqtt://, mqtts://, ws:// or wss://.").arg(url.scheme());
        return false;
    }
    if (!url.isValid() || url.host().isEmpty()) {
        *errorString = tr("The URL \"%1\" names no host.").arg(url.toString());
        return false;
    }
    p.host = url.host();
    p.port = url.port(defaultPort(p.transport));
    if (p.usesWebSocket() && !url.path().isEmpty())
        p.webSocketPath = url.path();
    p.username = url.userName();
    p.name = p.displayUrl();
    *profile = p;
    return true;
}

QString ConnectionProfile::passwordKey() const
{
    return name + QStringLiteral("/password");
}

QString ConnectionProfile::keyPassphraseKey() const
{
    return name + QStringLiteral("/key-passphrase");
}

bool ConnectionProfile::operator==(const ConnectionProfile &o) const
{
    return name == o.name && host == o.host && port == o.port && transport == o.transport
            && webSocketPath == o.webSocketPath && protocolVersion == o.protocolVersion && clientId == o.clientId
            && cleanSession == o.cleanSession && keepAlive == o.keepAlive && username == o.username
            && savePassword == o.savePassword && caFile == o.caFile && certificateFile == o.certificateFile
            && keyFile == o.keyFile && verifyCertificate == o.verifyCertificate && verifyHostName == o.verifyHostName
            && willEnabled == o.willEnabled && willTopic == o.willTopic && willPayload == o.willPayload
            && willQos == o.willQos && willRetain == o.willRetain && sessionExpiryInterval == o.sessionExpiryInterval
            && receiveMaximum == o.receiveMaximum && maximumPacketSize == o.maximumPacketSize
            && topicAliasMaximum == o.topicAliasMaximum && requestResponseInformation == o.requestResponseInformation
            && requestProblemInformation == o.requestProblemInformation && userProperties == o.userProperties
            && autoReconnect == o.autoReconnect && reconnectDelayMin == o.reconnectDelayMin
            && reconnectDelayMax == o.reconnectDelayMax && subscriptions == o.subscriptions;
}

QString applyProfile(MqttClient *client, const ConnectionProfile &profile, const QByteArray &password,
                     const QByteArray &keyPassphrase)
{
    const QStringList problems = profile.validate();
    if (!problems.isEmpty())
        return problems.join(QLatin1Char(' '));
    if (!client->setProtocolVersion(profile.protocolVersion))
        return client->errorString();
    client->setTransport(profile.usesWebSocket() ? Mqtt::Transport::WebSockets : Mqtt::Transport::Tcp);
    if (profile.usesTls()) {
        const auto requirement = profile.verifyCertificate ? MqttTlsOptions::CertificateRequirement::CertRequired
                                                           : MqttTlsOptions::CertificateRequirement::CertNone;
        if (client->tlsSet(profile.caFile, profile.certificateFile, profile.keyFile, requirement,
                           MqttTlsOptions::TlsVersion::TlsV1_2, QString(), keyPassphrase)
            != Mqtt::ErrorCode::NoError) {
            // "tlsSet(): The CA certificates file ... does not exist": the call's name means
            // nothing to the user.
            QString why = client->errorString();
            if (why.startsWith(QLatin1String("tlsSet(): ")))
                why = why.mid(10);
            return QCoreApplication::translate("ConnectionProfile", "TLS settings: %1").arg(why);
        }
        if (client->tlsInsecureSet(!profile.verifyHostName) != Mqtt::ErrorCode::NoError)
            return client->errorString();
    } else {
        client->clearTlsOptions();
    }
    if (profile.usesWebSocket() && client->wsSetOptions(profile.webSocketPath) != Mqtt::ErrorCode::NoError)
        return client->errorString();
    client->setServers({});
    client->setHost(profile.host.trimmed());
    if (!client->setPort(profile.port) || !client->setKeepAlive(profile.keepAlive))
        return client->errorString();
    client->setClientId(profile.clientId);
    client->setCleanSession(profile.cleanSession);
    client->setCredentials(profile.username.isEmpty() ? QString() : profile.username,
                           password.isEmpty() ? QByteArray() : password);
    if (profile.willEnabled) {
        if (client->setWill(profile.willTopic, profile.willPayload, profile.willQos, profile.willRetain)
            != Mqtt::ErrorCode::NoError)
            return client->errorString();
    } else {
        client->clearWill();
    }
    MqttProperties properties;
    if (profile.protocolVersion == Mqtt::ProtocolVersion::V5) {
        using P = Mqtt::PropertyId;
        bool ok = true;
        if (profile.sessionExpiryInterval)
            ok &= properties.setInteger(P::SessionExpiryInterval, profile.sessionExpiryInterval);
        if (profile.receiveMaximum)
            ok &= properties.setInteger(P::ReceiveMaximum, quint32(profile.receiveMaximum));
        if (profile.maximumPacketSize)
            ok &= properties.setInteger(P::MaximumPacketSize, profile.maximumPacketSize);
        if (profile.topicAliasMaximum)
            ok &= properties.setInteger(P::TopicAliasMaximum, quint32(profile.topicAliasMaximum));
        if (profile.requestResponseInformation)
            ok &= properties.setInteger(P::RequestResponseInformation, 1);
        if (!profile.requestProblemInformation)
            ok &= properties.setInteger(P::RequestProblemInformation, 0);
        for (const auto &pair : profile.userProperties)
            ok &= properties.addUserProperty(pair.first, pair.second);
        if (!ok)
            return ConnectionProfile::tr("A connect property is out of range.");
    }
    if (!client->setConnectProperties(properties))
        return client->errorString();
    client->setAutoReconnect(profile.autoReconnect);
    client->setRetryFirstConnection(profile.autoReconnect);
    if (!client->setReconnectDelay(profile.reconnectDelayMin, profile.reconnectDelayMax))
        return client->errorString();
    return QString();
}

void ProfileStore::write(QSettings &s, const ConnectionProfile &p)
{
    s.setValue(QStringLiteral("name"), p.name);
    s.setValue(QStringLiteral("host"), p.host);
    s.setValue(QStringLiteral("port"), p.port);
    s.setValue(QStringLiteral("transport"), QString::fromLatin1(transportKey(p.transport)));
    s.setValue(QStringLiteral("webSocketPath"), p.webSocketPath);
    s.setValue(QStringLiteral("protocolVersion"), int(p.protocolVersion));
    s.setValue(QStringLiteral("clientId"), p.clientId);
    s.setValue(QStringLiteral("cleanSession"), p.cleanSession);
    s.setValue(QStringLiteral("keepAlive"), p.keepAlive);
    s.setValue(QStringLiteral("username"), p.username);
    s.setValue(QStringLiteral("savePassword"), p.savePassword);
    s.setValue(QStringLiteral("tls/caFile"), p.caFile);
    s.setValue(QStringLiteral("tls/certificateFile"), p.certificateFile);
    s.setValue(QStringLiteral("tls/keyFile"), p.keyFile);
    s.setValue(QStringLiteral("tls/verifyCertificate"), p.verifyCertificate);
    s.setValue(QStringLiteral("tls/verifyHostName"), p.verifyHostName);
    s.setValue(QStringLiteral("will/enabled"), p.willEnabled);
    s.setValue(QStringLiteral("will/topic"), p.willTopic);
    s.setValue(QStringLiteral("will/payload"), p.willPayload);
    s.setValue(QStringLiteral("will/qos"), int(p.willQos));
    s.setValue(QStringLiteral("will/retain"), p.willRetain);
    s.setValue(QStringLiteral("mqtt5/sessionExpiryInterval"), p.sessionExpiryInterval);
    s.setValue(QStringLiteral("mqtt5/receiveMaximum"), p.receiveMaximum);
    s.setValue(QStringLiteral("mqtt5/maximumPacketSize"), p.maximumPacketSize);
    s.setValue(QStringLiteral("mqtt5/topicAliasMaximum"), p.topicAliasMaximum);
    s.setValue(QStringLiteral("mqtt5/requestResponseInformation"), p.requestResponseInformation);
    s.setValue(QStringLiteral("mqtt5/requestProblemInformation"), p.requestProblemInformation);
    QStringList users;
    for (const auto &pair : p.userProperties)
        users << pair.first << pair.second;
    s.setValue(QStringLiteral("mqtt5/userProperties"), users);
    s.setValue(QStringLiteral("reconnect/auto"), p.autoReconnect);
    s.setValue(QStringLiteral("reconnect/min"), p.reconnectDelayMin);
    s.setValue(QStringLiteral("reconnect/max"), p.reconnectDelayMax);
    QStringList subscriptions;
    for (const SubscriptionEntry &e : p.subscriptions)
        subscriptions << QString::number(int(e.qos)) + QLatin1Char(' ') + e.filter;
    s.setValue(QStringLiteral("subscriptions"), subscriptions);
}

ConnectionProfile ProfileStore::read(const QSettings &s)
{
    ConnectionProfile p;
    p.name = s.value(QStringLiteral("name")).toString();
    p.host = s.value(QStringLiteral("host"), p.host).toString();
    p.port = s.value(QStringLiteral("port"), p.port).toInt();
    p.transport = transportFromKey(s.value(QStringLiteral("transport")).toString());
    p.webSocketPath = s.value(QStringLiteral("webSocketPath"), p.webSocketPath).toString();
    const int version = s.value(QStringLiteral("protocolVersion"), int(p.protocolVersion)).toInt();
    p.protocolVersion = version == 3 ? Mqtt::ProtocolVersion::V3_1
            : version == 4          ? Mqtt::ProtocolVersion::V3_1_1
                                    : Mqtt::ProtocolVersion::V5;
    p.clientId = s.value(QStringLiteral("clientId")).toString();
    p.cleanSession = s.value(QStringLiteral("cleanSession"), p.cleanSession).toBool();
    p.keepAlive = s.value(QStringLiteral("keepAlive"), p.keepAlive).toInt();
    p.username = s.value(QStringLiteral("username")).toString();
    p.savePassword = s.value(QStringLiteral("savePassword"), false).toBool();
    p.caFile = s.value(QStringLiteral("tls/caFile")).toString();
    p.certificateFile = s.value(QStringLiteral("tls/certificateFile")).toString();
    p.keyFile = s.value(QStringLiteral("tls/keyFile")).toString();
    p.verifyCertificate = s.value(QStringLiteral("tls/verifyCertificate"), true).toBool();
    p.verifyHostName = s.value(QStringLiteral("tls/verifyHostName"), true).toBool();
    p.willEnabled = s.value(QStringLiteral("will/enabled"), false).toBool();
    p.willTopic = s.value(QStringLiteral("will/topic")).toString();
    p.willPayload = s.value(QStringLiteral("will/payload")).toByteArray();
    p.willQos = qosFromInt(s.value(QStringLiteral("will/qos"), 0).toInt());
    p.willRetain = s.value(QStringLiteral("will/retain"), false).toBool();
    p.sessionExpiryInterval = s.value(QStringLiteral("mqtt5/sessionExpiryInterval"), 0).toUInt();
    p.receiveMaximum = s.value(QStringLiteral("mqtt5/receiveMaximum"), 0).toInt();
    p.maximumPacketSize = s.value(QStringLiteral("mqtt5/maximumPacketSize"), 0).toUInt();
    p.topicAliasMaximum = s.value(QStringLiteral("mqtt5/topicAliasMaximum"), 0).toInt();
    p.requestResponseInformation = s.value(QStringLiteral("mqtt5/requestResponseInformation"), false).toBool();
    p.requestProblemInformation = s.value(QStringLiteral("mqtt5/requestProblemInformation"), true).toBool();
    const QStringList users = s.value(QStringLiteral("mqtt5/userProperties")).toStringList();
    for (qsizetype i = 0; i + 1 < users.size(); i += 2)
        p.userProperties.append({ users.at(i), users.at(i + 1) });
    p.autoReconnect = s.value(QStringLiteral("reconnect/auto"), true).toBool();
    p.reconnectDelayMin = s.value(QStringLiteral("reconnect/min"), 1).toInt();
    p.reconnectDelayMax = s.value(QStringLiteral("reconnect/max"), 30).toInt();
    if (s.contains(QStringLiteral("subscriptions"))) {
        p.subscriptions.clear();
        const QStringList subscriptions = s.value(QStringLiteral("subscriptions")).toStringList();
        for (const QString &entry : subscriptions) {
            const qsizetype space = entry.indexOf(QLatin1Char(' '));
            if (space <= 0)
                continue;
            p.subscriptions.append({ entry.mid(space + 1), qosFromInt(entry.left(space).toInt()) });
        }
    }
    return p;
}

QList<ConnectionProfile> ProfileStore::load(QSettings &settings)
{
    QList<ConnectionProfile> profiles;
    const int count = settings.beginReadArray(QStringLiteral("profiles"));
    for (int i = 0; i < count; ++i) {
        settings.setArrayIndex(i);
        profiles.append(read(settings));
    }
    settings.endArray();
    return profiles;
}

void ProfileStore::save(QSettings &settings, const QList<ConnectionProfile> &profiles)
{
    settings.remove(QStringLiteral("profiles"));
    settings.beginWriteArray(QStringLiteral("profiles"), int(profiles.size()));
    for (int i = 0; i < profiles.size(); ++i) {
        settings.setArrayIndex(i);
        write(settings, profiles.at(i));
    }
    settings.endArray();
    settings.sync();
}
