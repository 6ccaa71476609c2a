// Copyright (C) 2026 The MqttQt authors.
// SPDX-License-Identifier: BSD-3-Clause
#include "mqttconnectoptions.h"

#include "mqttclient.h"

#include <QtCore/QDebug>
#include <QtCore/QSharedData>

#include <optional>

class MqttConnectOptionsPrivate : public QSharedData
{
public:
    QString host = QStringLiteral("localhost");
    int port = 1883;
    QString clientId;
    int keepAlive = 60;
    bool cleanSession = true;
    MqttWill will;
    QString username;
    QByteArray password;
    Mqtt::ProtocolVersion protocolVersion = Mqtt::ProtocolVersion::V3_1_1;
    Mqtt::Transport transport = Mqtt::Transport::Tcp;
    MqttProperties connectProperties;
    QString bindAddress;
    int connectTimeout = 30000;
    std::optional<MqttTlsOptions> tls;
    MqttWebSocketOptions webSocket;
    QNetworkProxy proxy = QNetworkProxy(QNetworkProxy::NoProxy);
};

namespace {
QSharedDataPointer<MqttConnectOptionsPrivate> sharedDefault()
{
    static const QSharedDataPointer<MqttConnectOptionsPrivate> shared(new MqttConnectOptionsPrivate);
    return shared;
}
} // namespace

MqttConnectOptions::MqttConnectOptions() : d(sharedDefault()) { }
MqttConnectOptions::MqttConnectOptions(const QString &host, int port) : d(sharedDefault())
{
    d->host = host;
    d->port = port;
}
MqttConnectOptions::MqttConnectOptions(const MqttConnectOptions &other) = default;
MqttConnectOptions::MqttConnectOptions(MqttConnectOptions &&other) noexcept = default;
MqttConnectOptions &MqttConnectOptions::operator=(const MqttConnectOptions &other) = default;
MqttConnectOptions &MqttConnectOptions::operator=(MqttConnectOptions &&other) noexcept = default;
MqttConnectOptions::~MqttConnectOptions() = default;

QString MqttConnectOptions::host() const { return d->host; }
void MqttConnectOptions::setHost(const QString &host) { d->host = host; }
int MqttConnectOptions::port() const { return d->port; }
void MqttConnectOptions::setPort(int port) { d->port = port; }
QString MqttConnectOptions::clientId() const { return d->clientId; }
void MqttConnectOptions::setClientId(const QString &clientId) { d->clientId = clientId; }
int MqttConnectOptions::keepAlive() const { return d->keepAlive; }
void MqttConnectOptions::setKeepAlive(int seconds) { d->keepAlive = seconds; }
bool MqttConnectOptions::cleanSession() const { return d->cleanSession; }
void MqttConnectOptions::setCleanSession(bool clean) { d->cleanSession = clean; }
MqttWill MqttConnectOptions::will() const { return d->will; }
void MqttConnectOptions::setWill(const MqttWill &will) { d->will = will; }
QString MqttConnectOptions::username() const { return d->username; }
void MqttConnectOptions::setUsername(const QString &username) { d->username = username; }
QByteArray MqttConnectOptions::password() const { return d->password; }
void MqttConnectOptions::setPassword(const QByteArray &password) { d->password = password; }
void MqttConnectOptions::setCredentials(const QString &username, const QByteArray &password)
{
    d->username = username;
    d->password = password;
}
Mqtt::ProtocolVersion MqttConnectOptions::protocolVersion() const { return d->protocolVersion; }
void MqttConnectOptions::setProtocolVersion(Mqtt::ProtocolVersion version) { d->protocolVersion = version; }
Mqtt::Transport MqttConnectOptions::transport() const { return d->transport; }
void MqttConnectOptions::setTransport(Mqtt::Transport transport) { d->transport = transport; }
MqttProperties MqttConnectOptions::connectProperties() const { return d->connectProperties; }
void MqttConnectOptions::setConnectProperties(const MqttProperties &properties) { d->connectProperties = properties; }
QString MqttConnectOptions::bindAddress() const { return d->bindAddress; }
void MqttConnectOptions::setBindAddress(const QString &address) { d->bindAddress = address; }
int MqttConnectOptions::connectTimeout() const { return d->connectTimeout; }
void MqttConnectOptions::setConnectTimeout(int msecs) { d->connectTimeout = msecs; }

Mqtt::ErrorCode MqttConnectOptions::applyTo(MqttClient *client, QString *errorString) const
{
    using Mqtt::ErrorCode;
    auto refused = [client, errorString](ErrorCode code) {
        if (errorString)
            *errorString = client->errorString();
        return code;
    };
    if (!client) {
        if (errorString)
            *errorString = QStringLiteral("MqttConnectOptions::applyTo(): no client");
        return ErrorCode::Invalid;
    }
    // The protocol version first: whether a will may carry properties depends on it.
    if (!client->setProtocolVersion(d->protocolVersion))
        return refused(ErrorCode::Invalid);
    client->setHost(d->host);
    if (!client->setPort(d->port) || !client->setKeepAlive(d->keepAlive) || !client->setBindAddress(d->bindAddress)
        || !client->setConnectTimeout(d->connectTimeout)) {
        return refused(ErrorCode::Invalid);
    }
    client->setClientId(d->clientId);
    client->setCleanSession(d->cleanSession);
    client->setCredentials(d->username, d->password);
    client->setTransport(d->transport);
    if (d->tls)
        client->setTlsOptions(*d->tls);
    else
        client->clearTlsOptions();
    client->setWebSocketOptions(d->webSocket);
    client->setProxy(d->proxy);
    if (!client->setConnectProperties(d->connectProperties))
        return refused(ErrorCode::Invalid);
    if (d->will.isNull()) {
        client->clearWill();
    } else {
        const ErrorCode rc = client->setWill(d->will);
        if (rc != ErrorCode::NoError)
            return refused(rc);
    }
    if (errorString)
        errorString->clear();
    return ErrorCode::NoError;
}

bool MqttConnectOptions::isTlsEnabled() const { return d->tls.has_value(); }
MqttTlsOptions MqttConnectOptions::tlsOptions() const { return d->tls ? *d->tls : MqttTlsOptions(); }
void MqttConnectOptions::setTlsOptions(const MqttTlsOptions &options) { d->tls = options; }
void MqttConnectOptions::clearTlsOptions() { d->tls.reset(); }
MqttWebSocketOptions MqttConnectOptions::webSocketOptions() const { return d->webSocket; }
void MqttConnectOptions::setWebSocketOptions(const MqttWebSocketOptions &options) { d->webSocket = options; }
QNetworkProxy MqttConnectOptions::proxy() const { return d->proxy; }
void MqttConnectOptions::setProxy(const QNetworkProxy &proxy) { d->proxy = proxy; }

bool operator==(const MqttConnectOptions &a, const MqttConnectOptions &b)
{
    if (a.d == b.d)
        return true;
    const MqttConnectOptionsPrivate &x = *a.d;
    const MqttConnectOptionsPrivate &y = *b.d;
    return x.host == y.host && x.port == y.port && x.clientId == y.clientId && x.keepAlive == y.keepAlive
            && x.cleanSession == y.cleanSession && x.will == y.will && x.username == y.username
            && x.username.isNull() == y.username.isNull() && x.password == y.password
            && x.password.isNull() == y.password.isNull() && x.protocolVersion == y.protocolVersion
            && x.transport == y.transport && x.connectProperties == y.connectProperties
            && x.bindAddress == y.bindAddress && x.connectTimeout == y.connectTimeout && x.tls == y.tls
            && x.webSocket == y.webSocket && x.proxy == y.proxy;
}

QDebug operator<<(QDebug debug, const MqttConnectOptions &options)
{
    const QDebugStateSaver saver(debug);
    debug.nospace() << "MqttConnectOptions(" << options.host() << ':' << options.port() << ", "
                    << options.protocolVersion() << ", " << options.transport();
    if (!options.clientId().isEmpty())
        debug << ", client id " << options.clientId();
    if (options.keepAlive() != 60)
        debug << ", keepalive " << options.keepAlive();
    if (!options.cleanSession())
        debug << ", persistent session";
    if (!options.username().isNull())
        debug << ", user " << options.username();
    if (!options.password().isNull())
        debug << ", password set";
    if (!options.will().isNull())
        debug << ", " << options.will();
    if (!options.connectProperties().isEmpty())
        debug << ", " << options.connectProperties();
    if (!options.bindAddress().isEmpty())
        debug << ", bind " << options.bindAddress();
    if (options.isTlsEnabled())
        debug << ", TLS";
    if (options.transport() == Mqtt::Transport::WebSockets)
        debug << ", path " << options.webSocketOptions().path();
    if (options.proxy().type() != QNetworkProxy::NoProxy)
        debug << ", proxy " << options.proxy().hostName() << ':' << options.proxy().port();
    debug << ')';
    return debug;
}
