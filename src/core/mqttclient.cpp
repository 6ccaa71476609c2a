// Copyright (C) 2026 The MqttQt authors.
// SPDX-License-Identifier: BSD-3-Clause
#include "mqttclient.h"
#include "mqttclient_p.h"

#include "codec/mqttutf8_p.h"
#include "mqttmessage_p.h"
#include "mqtttopic_p.h"
#include "transport/mqtttransport_p.h"

#include <QtCore/QAbstractEventDispatcher>
#include <QtCore/QCoreApplication>
#include <QtCore/QEventLoop>
#include <QtCore/QLocale>
#include <QtCore/QLoggingCategory>
#include <QtCore/QRandomGenerator>
#include <QtCore/QThread>
#include <QtNetwork/QDnsLookup>

#include <algorithm>
#include <cmath>
#include <limits>

Q_LOGGING_CATEGORY(lcMqttClient, "mqttqt.client", QtInfoMsg)

using Mqtt::ErrorCode;
using Mqtt::ProtocolVersion;
using Mqtt::ReasonCode;

namespace {
QString generateClientId()
{
    // 7 + 16 = 23 characters: the most MQTT 3.1 brokers must accept [MQTT-3.1.3-5].
    static const char alphabet[] = "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ";
    QString id = QStringLiteral("mqttqt-");
    auto *rng = QRandomGenerator::system();
    for (int i = 0; i < 16; ++i)
        id += QLatin1Char(alphabet[rng->bounded(62)]);
    return id;
}

// Refusals that retrying with the same settings cannot fix.
bool isPermanentRefusal(ProtocolVersion v, ReasonCode rc)
{
    const auto code = quint8(rc);
    if (v != ProtocolVersion::V5)
        return code == 1 || code == 2 || code == 4 || code == 5;
    switch (rc) {
    case ReasonCode::UnsupportedProtocolVersion:
    case ReasonCode::ClientIdentifierNotValid:
    case ReasonCode::BadUserNameOrPassword:
    case ReasonCode::NotAuthorized:
    case ReasonCode::Banned:
    case ReasonCode::BadAuthenticationMethod:
        return true;
    default:
        return false;
    }
}

constexpr qsizetype FlushThreshold = 64 * 1024;
} // namespace

// ---- MqttClientPrivate ---------------------------------------------------------------

MqttClientPrivate::MqttClientPrivate(MqttClient *q) : q(q), session(this)
{
    clock.start();
    // Children of the client, so moveToThread() (Paho's loop_start) takes them along.
    for (QTimer *t : { &tickTimer, &reconnectTimer, &connectTimer, &closeTimer })
        t->setParent(q);
    tickTimer.setSingleShot(true);
    tickTimer.setTimerType(Qt::PreciseTimer);
    QObject::connect(&tickTimer, &QTimer::timeout, q, [this] { onTick(); });
    reconnectTimer.setSingleShot(true);
    QObject::connect(&reconnectTimer, &QTimer::timeout, q, [this] { startConnection(); });
    connectTimer.setSingleShot(true);
    QObject::connect(&connectTimer, &QTimer::timeout, q, [this] { onConnectTimeout(); });
    closeTimer.setSingleShot(true);
    QObject::connect(&closeTimer, &QTimer::timeout, q, [this] {
        if (transport)
            transport->abort();
    });
    clientId = generateClientId();
}

MqttClientPrivate::~MqttClientPrivate() = default;

qint64 MqttClientPrivate::now() const
{
    return clock.elapsed();
}

void MqttClientPrivate::setState(Mqtt::ClientState s)
{
    if (state == s)
        return;
    state = s;
    Q_EMIT q->stateChanged(s);
}

void MqttClientPrivate::setError(ErrorCode code, const QString &text)
{
    error = code;
    errorString = text.isEmpty() ? Mqtt::errorString(code) : text;
    Q_EMIT q->errorOccurred(code, errorString);
}

void MqttClientPrivate::logLine(Mqtt::LogLevel level, const QString &text)
{
    if (loggerEnabled) {
        switch (level) {
        case Mqtt::LogLevel::Debug:
            qCDebug(lcMqttClient).noquote() << text;
            break;
        case Mqtt::LogLevel::Info:
        case Mqtt::LogLevel::Notice:
            qCInfo(lcMqttClient).noquote() << text;
            break;
        case Mqtt::LogLevel::Warning:
            qCWarning(lcMqttClient).noquote() << text;
            break;
        case Mqtt::LogLevel::Error:
            qCCritical(lcMqttClient).noquote() << text;
            break;
        }
    }
    Q_EMIT q->logMessage(level, text);
}

void MqttClientPrivate::log(Mqtt::LogLevel level, const QString &text)
{
    logLine(level, text);
}

void MqttClientPrivate::flush()
{
    flushScheduled = false;
    if (!session.hasOutput())
        return;
    const bool open = transport && transport->isOpen();
    session.drainOutput([this, open](const QByteArray &bytes) {
        if (open)
            transport->write(bytes);
    });
}

void MqttClientPrivate::scheduleFlush()
{
    if (!session.hasOutput())
        return;
    if (session.outputSize() >= FlushThreshold) {
        flush();
        return;
    }
    if (inReadHandler)
        return; // onReadyRead() flushes when it ends; aboutToBlock() covers nested loops
    if (!flushScheduled) {
        // One write per event-loop pass however many packets were encoded in it.
        flushScheduled = true;
        QMetaObject::invokeMethod(q, [this] { flush(); }, Qt::QueuedConnection);
    }
}

void MqttClientPrivate::armTimer()
{
    const qint64 deadline = session.nextDeadline();
    if (deadline < 0) {
        tickTimer.stop();
        return;
    }
    const qint64 delay = std::max<qint64>(0, deadline - now());
    // Re-arming a running QTimer costs a timer registration. Deadlines mostly move later
    // (every packet sent pushes the keepalive back): keep the earlier timer then, and
    // let onTick() find nothing due and arm the real deadline.
    if (tickTimer.isActive() && armedDeadline <= deadline)
        return;
    armedDeadline = deadline;
    tickTimer.start(int(std::min<qint64>(delay, std::numeric_limits<int>::max())));
}

void MqttClientPrivate::afterEvent()
{
    scheduleFlush();
    armTimer();
}

void MqttClientPrivate::onTick()
{
    session.tick(now());
    afterEvent();
}

MqttSession::Config MqttClientPrivate::sessionConfig() const
{
    MqttSession::Config c = session.config();
    c.version = protocolVersion;
    c.clientId = clientId;
    c.cleanSession = cleanSession;
    c.keepAlive = quint16(keepAlive);
    c.username = username.isNull() ? std::nullopt : std::optional<QString>(username);
    c.password = password.isNull() ? std::nullopt : std::optional<QByteArray>(password);
    if (will.isNull()) {
        c.will.reset();
    } else {
        MqttCodec::WillMessage w;
        w.topic = will.topic();
        w.payload = will.payload();
        w.qos = will.qos();
        w.retain = will.retain();
        w.properties = will.properties();
        c.will = w;
    }
    c.connectProperties = connectProperties;
    c.maxInflight = maxInflight;
    c.maxQueued = maxQueued;
    c.republishOnCleanSession = republishOnCleanSession;
    c.messageRetryMs = messageRetry * 1000;
    c.connackTimeoutMs = connectTimeout;
    return c;
}

void MqttClientPrivate::startConnection()
{
    reconnectTimer.stop();
    closeTimer.stop(); // it belongs to the connection replaced here, never to the new one
    if (transport) {
        transport->disconnect(q);
        transport->abort();
        transport->deleteLater();
        transport = nullptr;
    }
    session.config() = sessionConfig();
    transport = new MqttTcpTransport(q);
    QObject::connect(transport, &MqttTransport::connected, q, [this] { onTransportConnected(); });
    QObject::connect(transport, &MqttTransport::readyRead, q, [this] { onReadyRead(); });
    QObject::connect(transport, &MqttTransport::closed, q,
                     [this](ErrorCode e, const QString &why) { onTransportClosed(e, why); });
    QObject::connect(transport, &MqttTransport::errorOccurred, q,
                     [this](ErrorCode e, const QString &why) { onTransportError(e, why); });
    setState(Mqtt::ClientState::Connecting);
    logLine(Mqtt::LogLevel::Debug, QStringLiteral("Connecting to %1:%2").arg(host).arg(port));
    connectTimer.start(connectTimeout);
    transport->open(host, quint16(port), bindAddress);
}

void MqttClientPrivate::onTransportConnected()
{
    socketOpen = true;
    // Output queued while a handler runs a nested event loop (a modal dialog, a
    // waitForPublish()) is written before that loop sleeps.
    if (auto *dispatcher = QAbstractEventDispatcher::instance()) {
        QObject::disconnect(aboutToBlockConnection);
        aboutToBlockConnection = QObject::connect(dispatcher, &QAbstractEventDispatcher::aboutToBlock, q, [this] {
            if (session.hasOutput())
                flush();
        });
    }
    Q_EMIT q->socketOpened();
    session.connectionOpened(now());
    flush();
    armTimer();
}

void MqttClientPrivate::onReadyRead()
{
    if (!transport)
        return;
    MqttCodec::StreamDecoder &decoder = session.decoder();
    const bool outer = !inReadHandler;
    inReadHandler = true;
    // Fixed-size reads, no FIONREAD: a short read means the kernel had nothing more, and
    // the end of the stream shows as read() failing, which the transport reports. Decode
    // after each read: the buffer stays small, and a large PUBLISH then usually starts it
    // with little behind, so the decoder hands the buffer over as the payload.
    constexpr qint64 Chunk = 64 * 1024;
    for (;;) {
        const qint64 want = decoder.readHint(Chunk);
        char *dst = decoder.prepareAppend(want);
        const qint64 n = transport ? transport->read(dst, want) : -1;
        decoder.commitAppend(std::max<qint64>(n, 0));
        if (n <= 0)
            break;
        session.processIncoming(now());
        if (n < want)
            break;
    }
    // [MQTT-4.6.0] the PUBACK/PUBCOMP of every message decoded above reaches the kernel
    // before any user code sees a message, in one write for the whole read, so anything
    // a handler publishes goes out after the acknowledgements.
    if (!pendingDeliveries.empty()) {
        flush();
        // Taken out first: a handler running a nested event loop gets its own batch.
        std::vector<MqttCodec::PublishPacket> batch = std::exchange(pendingDeliveries, {});
        for (auto &packet : batch)
            deliver(std::move(packet));
    }
    if (outer)
        inReadHandler = false;
    // Acknowledgements, and whatever handlers published, go out now in one write.
    flush();
    armTimer();
}

void MqttClientPrivate::onConnectTimeout()
{
    if (state != Mqtt::ClientState::Connecting || !transport || socketOpen)
        return; // once the socket is open, the session's CONNACK timer takes over
    transport->disconnect(q);
    transport->abort();
    onTransportError(ErrorCode::Errno, QStringLiteral("Connecting to %1:%2 timed out after %3 ms")
                                               .arg(host)
                                               .arg(port)
                                               .arg(connectTimeout));
}

void MqttClientPrivate::onTransportError(ErrorCode e, const QString &why)
{
    connectTimer.stop();
    setError(e, QStringLiteral("Cannot connect to %1:%2: %3").arg(host).arg(port).arg(why));
    connectionEnded(false, e);
}

void MqttClientPrivate::onTransportClosed(ErrorCode e, const QString &why)
{
    connectTimer.stop();
    closeTimer.stop();
    const bool requested = userDisconnect && e == ErrorCode::Success;
    if (!requested && pendingCloseError == ErrorCode::Success)
        setError(e == ErrorCode::Success ? ErrorCode::ConnectionLost : e, why);
    connectionEnded(true, requested ? ErrorCode::Success
                                    : (pendingCloseError != ErrorCode::Success ? pendingCloseError
                                                                               : (e == ErrorCode::Success ? ErrorCode::ConnectionLost : e)));
}

void MqttClientPrivate::connectionEnded(bool wasOpen, ErrorCode why)
{
    session.connectionClosed();
    QObject::disconnect(aboutToBlockConnection);
    inReadHandler = false;
    tickTimer.stop();
    flushScheduled = false;
    const bool opened = socketOpen;
    socketOpen = false;
    if (opened)
        Q_EMIT q->socketClosed();
    const MqttProperties props = std::exchange(disconnectProperties, {});
    const ReasonCode rc = std::exchange(disconnectReason, ReasonCode::Success);
    pendingCloseError = ErrorCode::Success;
    if (wasOpen || opened)
        Q_EMIT q->disconnected(why, rc, props);

    const bool retry = !userDisconnect && autoReconnect && !permanentRefusal && connectRequested;
    permanentRefusal = false;
    if (retry) {
        ++reconnectAttempt;
        const int delayMs = currentReconnectDelay * 1000;
        setState(Mqtt::ClientState::Connecting);
        logLine(Mqtt::LogLevel::Info, QStringLiteral("Reconnecting in %1 s (attempt %2)")
                                              .arg(currentReconnectDelay)
                                              .arg(reconnectAttempt));
        Q_EMIT q->reconnectScheduled(reconnectAttempt, delayMs);
        reconnectTimer.start(delayMs);
        currentReconnectDelay = std::min(currentReconnectDelay * 2, reconnectDelayMax);
    } else {
        if (userDisconnect)
            connectRequested = false;
        setState(Mqtt::ClientState::Disconnected);
    }
}

void MqttClientPrivate::closeConnection(ErrorCode error, ReasonCode reasonCode, const QString &why,
                                        const MqttProperties &properties)
{
    // Whatever the session owes the broker (a DISCONNECT with a reason) goes first.
    pendingCloseError = error;
    disconnectReason = reasonCode;
    disconnectProperties = properties;
    if (error != ErrorCode::Success)
        setError(error, why);
    flush();
    if (transport) {
        // Armed first: close() may complete at once, and its closed() stops the timer.
        closeTimer.start(5000);
        transport->close();
    }
}

// Session::Observer

void MqttClientPrivate::connackReceived(const MqttCodec::ConnackPacket &connack)
{
    connectTimer.stop();
    const bool ok = protocolVersion == ProtocolVersion::V5 ? quint8(connack.reasonCode) < 0x80
                                                           : quint8(connack.reasonCode) == 0;
    if (ok) {
        currentReconnectDelay = reconnectDelayMin;
        reconnectAttempt = 0;
        setState(Mqtt::ClientState::Connected);
    } else {
        permanentRefusal = isPermanentRefusal(protocolVersion, connack.reasonCode);
    }
    Q_EMIT q->connackReceived(connack.sessionPresent, connack.reasonCode, connack.properties);
}

void MqttClientPrivate::messageReceived(MqttCodec::PublishPacket &&packet)
{
    // Delivered by onReadyRead() once the acknowledgements of everything this read
    // decoded are written (see there).
    pendingDeliveries.push_back(std::move(packet));
}

void MqttClientPrivate::deliver(MqttCodec::PublishPacket &&packet)
{
    const QByteArray topic = packet.topic;
    const MqttMessage message = MqttMessagePrivate::create(std::move(packet));
    bool handled = false;
    if (!callbacks.isEmpty()) {
        // A snapshot: handlers may add or remove handlers while we iterate.
        const auto snapshot = callbacks;
        for (const auto &cb : snapshot) {
            if (cb->removed || !MqttTopic::matchesValid(QByteArrayView(cb->filterUtf8), QByteArrayView(topic)))
                continue;
            handled = true;
            if (cb->context)
                cb->handler(message);
        }
    }
    if (!handled)
        Q_EMIT q->messageReceived(message);
}

void MqttClientPrivate::publishAcknowledged(int mid, ReasonCode reasonCode, const MqttProperties &properties)
{
    Q_EMIT q->published(mid, reasonCode, properties);
}

void MqttClientPrivate::publishFailed(int mid, ErrorCode error, const QString &why)
{
    Q_EMIT q->publishFailed(mid, error, why);
}

void MqttClientPrivate::subscribeAcknowledged(int mid, const QList<ReasonCode> &codes, const MqttProperties &properties)
{
    Q_EMIT q->subscribed(mid, codes, properties);
}

void MqttClientPrivate::unsubscribeAcknowledged(int mid, const QList<ReasonCode> &codes, const MqttProperties &properties)
{
    Q_EMIT q->unsubscribed(mid, codes, properties);
}

void MqttClientPrivate::authReceived(const MqttCodec::AuthPacket &auth)
{
    Q_EMIT q->authReceived(auth.reasonCode, auth.properties);
}

void MqttClientPrivate::connectionMustClose(ErrorCode error, ReasonCode reasonCode, const QString &why,
                                            const MqttProperties &properties)
{
    // Called from inside the session; close once the current call has unwound.
    QMetaObject::invokeMethod(
            q, [this, error, reasonCode, why, properties] { closeConnection(error, reasonCode, why, properties); },
            Qt::QueuedConnection);
}

MqttResult MqttClientPrivate::finishCall(const MqttSession::Result &r)
{
    if (r.rc != ErrorCode::Success) {
        error = r.rc;
        errorString = r.why.isEmpty() ? Mqtt::errorString(r.rc) : r.why;
        logLine(Mqtt::LogLevel::Warning, errorString);
    }
    afterEvent();
    return { r.rc, r.mid };
}

MqttMessageInfo MqttClientPrivate::publish(QByteArray &&topicUtf8, QByteArray &&payload, Mqtt::QoS qos,
                                           bool retain, const MqttProperties &properties)
{
    MqttSession::PublishRequest req;
    req.topic = std::move(topicUtf8);
    req.payload = std::move(payload);
    req.qos = qos;
    req.retain = retain;
    req.properties = properties;
    MqttMessageInfoState state;
    const MqttSession::Result r = session.publish(std::move(req), now(), &state);
    finishCall(r);
    if (r.rc != ErrorCode::Success)
        return MqttMessageInfo(r.rc, 0);
    if (qos == Mqtt::QoS::AtMostOnce) {
        Q_EMIT q->published(r.mid, ReasonCode::Success, {});
        return MqttMessageInfo(ErrorCode::Success, r.mid);
    }
    MqttMessageInfo info(ErrorCode::Success, r.mid);
    MqttMessageInfoPrivate::attach(info, state);
    return info;
}

// ---- MqttClient ----------------------------------------------------------------------

MqttClient::MqttClient(QObject *parent) : QObject(parent), d(new MqttClientPrivate(this)) { }

MqttClient::MqttClient(const QString &clientId, QObject *parent) : MqttClient(parent)
{
    if (!clientId.isEmpty()) {
        d->clientId = clientId;
        d->clientIdIsGenerated = false;
    }
}

MqttClient::~MqttClient()
{
    d->session.abandon(ErrorCode::NoConnection);
    if (d->transport) {
        d->transport->disconnect(this);
        d->transport->abort();
    }
}

Mqtt::ErrorCode MqttClient::reinitialise(const QString &clientId, bool cleanSession, const QVariant &userData)
{
    if (clientId.isEmpty() && !cleanSession) {
        d->setError(ErrorCode::Invalid, QStringLiteral("A persistent session (clean session false) needs a client id"));
        return ErrorCode::Invalid;
    }
    if (d->transport) {
        d->transport->disconnect(this);
        d->transport->abort();
        d->transport->deleteLater();
        d->transport = nullptr;
    }
    d->reconnectTimer.stop();
    d->connectTimer.stop();
    d->tickTimer.stop();
    d->closeTimer.stop();
    d->session.reset();
    const bool wasOpen = d->socketOpen;
    auto &p = *d;
    p.socketOpen = false;
    p.clientId = clientId.isEmpty() ? generateClientId() : clientId;
    p.clientIdIsGenerated = clientId.isEmpty();
    p.cleanSession = cleanSession;
    p.userData = userData;
    p.host.clear();
    p.port = 1883;
    p.keepAlive = 60;
    p.bindAddress.clear();
    p.username = QString();
    p.password = QByteArray();
    p.will = MqttWill();
    p.connectProperties = MqttProperties();
    p.maxInflight = 20;
    p.maxQueued = 0;
    p.messageRetry = 0;
    p.reconnectDelayMin = 1;
    p.reconnectDelayMax = 120;
    p.currentReconnectDelay = 1;
    p.reconnectAttempt = 0;
    p.autoReconnect = true;
    p.republishOnCleanSession = true;
    p.connectTimeout = 30000;
    p.loggerEnabled = false;
    // The session keeps its own copy of the limits (max queued, in-flight window...):
    // the defaults must apply from now on, not from the next connection.
    d->session.config() = d->sessionConfig();
    p.userDisconnect = false;
    p.connectRequested = false;
    p.error = ErrorCode::Success;
    p.errorString.clear();
    if (wasOpen)
        Q_EMIT socketClosed();
    d->setState(Mqtt::ClientState::Disconnected);
    Q_EMIT clientIdChanged();
    Q_EMIT cleanSessionChanged();
    Q_EMIT userDataChanged();
    return ErrorCode::Success;
}

QString MqttClient::clientId() const { return d->clientId; }
void MqttClient::setClientId(const QString &clientId)
{
    const QString id = clientId.isEmpty() ? generateClientId() : clientId;
    d->clientIdIsGenerated = clientId.isEmpty();
    if (id == d->clientId)
        return;
    d->clientId = id;
    Q_EMIT clientIdChanged();
}

bool MqttClient::cleanSession() const { return d->cleanSession; }
void MqttClient::setCleanSession(bool clean)
{
    if (clean == d->cleanSession)
        return;
    d->cleanSession = clean;
    Q_EMIT cleanSessionChanged();
}

QVariant MqttClient::userData() const { return d->userData; }
void MqttClient::setUserData(const QVariant &userData)
{
    d->userData = userData;
    Q_EMIT userDataChanged();
}

Mqtt::ProtocolVersion MqttClient::protocolVersion() const { return d->protocolVersion; }
void MqttClient::setProtocolVersion(Mqtt::ProtocolVersion version)
{
    if (version == d->protocolVersion)
        return;
    d->protocolVersion = version;
    Q_EMIT protocolVersionChanged();
}

Mqtt::Transport MqttClient::transport() const { return d->transportKind; }
void MqttClient::setTransport(Mqtt::Transport transport)
{
    if (transport == d->transportKind)
        return;
    d->transportKind = transport;
    Q_EMIT transportChanged();
}

QString MqttClient::host() const { return d->host; }
int MqttClient::port() const { return d->port; }
int MqttClient::keepAlive() const { return d->keepAlive; }

void MqttClient::setCredentials(const QString &username, const QByteArray &password)
{
    setUsername(username);
    setPassword(password);
}
QString MqttClient::username() const { return d->username; }
void MqttClient::setUsername(const QString &username)
{
    if (username == d->username && username.isNull() == d->username.isNull())
        return;
    d->username = username;
    Q_EMIT usernameChanged();
}
QByteArray MqttClient::password() const { return d->password; }
void MqttClient::setPassword(const QByteArray &password)
{
    if (password == d->password && password.isNull() == d->password.isNull())
        return;
    d->password = password;
    Q_EMIT passwordChanged();
}

Mqtt::ErrorCode MqttClient::setWill(const MqttWill &will)
{
    QString why;
    if (will.isNull())
        why = QStringLiteral("The will topic is empty");
    else if (quint8(will.qos()) > 2)
        why = QStringLiteral("The will QoS must be 0, 1 or 2");
    else if (!Mqtt::isValidTopicName(will.topic()))
        why = QStringLiteral("The will topic \"%1\" contains a wildcard or U+0000, or is too long").arg(will.topic());
    else if (will.payload().size() > 65535)
        why = QStringLiteral("The will payload of %1 bytes is longer than 65,535 bytes").arg(will.payload().size());
    else if (!will.properties().isEmpty() && d->protocolVersion != ProtocolVersion::V5)
        why = QStringLiteral("Will properties need MQTT 5");
    if (!why.isEmpty()) {
        d->setError(ErrorCode::Invalid, why);
        return ErrorCode::Invalid;
    }
    d->will = will;
    Q_EMIT willChanged();
    return ErrorCode::Success;
}

Mqtt::ErrorCode MqttClient::setWill(const QString &topic, const QByteArray &payload, Mqtt::QoS qos, bool retain,
                                    const MqttProperties &properties)
{
    if (topic.isEmpty()) {
        d->setError(ErrorCode::Invalid, QStringLiteral("The will topic is empty"));
        return ErrorCode::Invalid;
    }
    return setWill(MqttWill(topic, payload, qos, retain, properties));
}

void MqttClient::clearWill()
{
    if (d->will.isNull())
        return;
    d->will = MqttWill();
    Q_EMIT willChanged();
}
MqttWill MqttClient::will() const { return d->will; }

int MqttClient::maxInflightMessages() const { return d->maxInflight; }
bool MqttClient::setMaxInflightMessages(int count)
{
    if (count < 0)
        return false;
    if (count != d->maxInflight) {
        d->maxInflight = count;
        d->session.config().maxInflight = count;
        Q_EMIT maxInflightMessagesChanged();
    }
    return true;
}

int MqttClient::maxQueuedMessages() const { return d->maxQueued; }
bool MqttClient::setMaxQueuedMessages(int count)
{
    if (count < 0)
        return false;
    if (count != d->maxQueued) {
        d->maxQueued = count;
        d->session.config().maxQueued = count;
        Q_EMIT maxQueuedMessagesChanged();
    }
    return true;
}

int MqttClient::messageRetry() const { return d->messageRetry; }
bool MqttClient::setMessageRetry(int seconds)
{
    if (seconds < 0)
        return false;
    if (seconds != d->messageRetry) {
        d->messageRetry = seconds;
        d->session.config().messageRetryMs = seconds * 1000;
        d->armTimer();
        Q_EMIT messageRetryChanged();
    }
    return true;
}

bool MqttClient::setReconnectDelay(int minDelay, int maxDelay)
{
    if (minDelay <= 0 || maxDelay < minDelay)
        return false;
    d->reconnectDelayMin = minDelay;
    d->reconnectDelayMax = maxDelay;
    d->currentReconnectDelay = minDelay;
    Q_EMIT reconnectDelayChanged();
    return true;
}
int MqttClient::reconnectDelayMin() const { return d->reconnectDelayMin; }
int MqttClient::reconnectDelayMax() const { return d->reconnectDelayMax; }

bool MqttClient::autoReconnect() const { return d->autoReconnect; }
void MqttClient::setAutoReconnect(bool enabled)
{
    if (enabled == d->autoReconnect)
        return;
    d->autoReconnect = enabled;
    if (!enabled && d->reconnectTimer.isActive()) {
        d->reconnectTimer.stop();
        d->setState(Mqtt::ClientState::Disconnected);
    }
    Q_EMIT autoReconnectChanged();
}

bool MqttClient::republishOnCleanSession() const { return d->republishOnCleanSession; }
void MqttClient::setRepublishOnCleanSession(bool republish)
{
    if (republish == d->republishOnCleanSession)
        return;
    d->republishOnCleanSession = republish;
    d->session.config().republishOnCleanSession = republish;
    Q_EMIT republishOnCleanSessionChanged();
}

int MqttClient::connectTimeout() const { return d->connectTimeout; }
void MqttClient::setConnectTimeout(int msecs)
{
    if (msecs <= 0 || msecs == d->connectTimeout)
        return;
    d->connectTimeout = msecs;
    Q_EMIT connectTimeoutChanged();
}

bool MqttClient::isLoggerEnabled() const { return d->loggerEnabled; }
void MqttClient::setLoggerEnabled(bool enabled)
{
    if (enabled == d->loggerEnabled)
        return;
    d->loggerEnabled = enabled;
    Q_EMIT loggerEnabledChanged();
}

MqttProperties MqttClient::connectProperties() const { return d->connectProperties; }
void MqttClient::setConnectProperties(const MqttProperties &properties)
{
    d->connectProperties = properties;
    Q_EMIT connectPropertiesChanged();
}

Mqtt::ErrorCode MqttClient::connectToHost(const QString &host, int port, int keepAlive,
                                          const QString &bindAddress, const MqttProperties &properties)
{
    QString why;
    ErrorCode code = ErrorCode::Invalid;
    if (host.isEmpty())
        why = QStringLiteral("The host is empty");
    else if (port <= 0 || port > 65535)
        why = QStringLiteral("The port %1 is outside 1..65535").arg(port);
    else if (keepAlive < 0 || keepAlive > 65535)
        why = QStringLiteral("The keepalive %1 is outside 0..65535 seconds").arg(keepAlive);
    else if (!d->cleanSession && d->clientIdIsGenerated)
        why = QStringLiteral("A persistent session (clean session false) needs a client id");
    else if (!properties.isEmpty() && d->protocolVersion != ProtocolVersion::V5)
        why = QStringLiteral("Connect properties need MQTT 5");
    else if (d->transportKind != Mqtt::Transport::Tcp) {
        why = QStringLiteral("This version of MqttQt connects over TCP only");
        code = ErrorCode::NotSupported;
    }
    if (!why.isEmpty()) {
        d->setError(code, why);
        return code;
    }
    const bool hostChanged = host != d->host, portChanged = port != d->port, kaChanged = keepAlive != d->keepAlive;
    d->host = host;
    d->port = port;
    d->keepAlive = keepAlive;
    d->bindAddress = bindAddress;
    if (!properties.isEmpty())
        d->connectProperties = properties;
    if (hostChanged)
        Q_EMIT this->hostChanged();
    if (portChanged)
        Q_EMIT this->portChanged();
    if (kaChanged)
        Q_EMIT keepAliveChanged();
    d->userDisconnect = false;
    d->connectRequested = true;
    d->currentReconnectDelay = d->reconnectDelayMin;
    d->reconnectAttempt = 0;
    d->startConnection();
    return ErrorCode::Success;
}

Mqtt::ErrorCode MqttClient::connectToHostSrv(const QString &domain, int keepAlive, const QString &bindAddress,
                                             const MqttProperties &properties)
{
    if (domain.isEmpty()) {
        d->setError(ErrorCode::Invalid, QStringLiteral("The domain is empty"));
        return ErrorCode::Invalid;
    }
    auto *lookup = new QDnsLookup(QDnsLookup::SRV, QStringLiteral("_mqtt._tcp.") + domain, this);
    connect(lookup, &QDnsLookup::finished, this, [this, lookup, domain, keepAlive, bindAddress, properties] {
        lookup->deleteLater();
        auto records = lookup->serviceRecords();
        if (lookup->error() != QDnsLookup::NoError || records.isEmpty()) {
            d->setError(ErrorCode::NotFound, QStringLiteral("No MQTT SRV record for %1: %2").arg(domain, lookup->errorString()));
            return;
        }
        // Lowest priority first, then highest weight (RFC 2782, without random weighting).
        std::sort(records.begin(), records.end(), [](const QDnsServiceRecord &a, const QDnsServiceRecord &b) {
            return a.priority() != b.priority() ? a.priority() < b.priority() : a.weight() > b.weight();
        });
        connectToHost(records.first().target(), records.first().port(), keepAlive, bindAddress, properties);
    });
    lookup->lookup();
    return ErrorCode::Success;
}

Mqtt::ErrorCode MqttClient::reconnect()
{
    if (d->host.isEmpty()) {
        d->setError(ErrorCode::Invalid, QStringLiteral("reconnect() needs an earlier connectToHost()"));
        return ErrorCode::Invalid;
    }
    return connectToHost(d->host, d->port, d->keepAlive, d->bindAddress);
}

bool MqttClient::waitForConnected(int msecs)
{
    if (d->state == Mqtt::ClientState::Connected)
        return true;
    if (d->state == Mqtt::ClientState::Disconnected)
        return false;
    QEventLoop loop;
    QTimer timer;
    timer.setSingleShot(true);
    connect(&timer, &QTimer::timeout, &loop, &QEventLoop::quit);
    connect(this, &MqttClient::stateChanged, &loop, [&loop](Mqtt::ClientState s) {
        if (s != Mqtt::ClientState::Connecting)
            loop.quit();
    });
    // A refused or failed attempt keeps the state Connecting while a retry is scheduled.
    connect(this, &MqttClient::errorOccurred, &loop, &QEventLoop::quit);
    connect(this, &MqttClient::connackReceived, &loop, &QEventLoop::quit);
    timer.start(msecs);
    loop.exec();
    return d->state == Mqtt::ClientState::Connected;
}

Mqtt::ErrorCode MqttClient::disconnectFromHost(Mqtt::ReasonCode reasonCode, const MqttProperties &properties)
{
    d->userDisconnect = true;
    d->connectRequested = false;
    if (d->reconnectTimer.isActive()) {
        d->reconnectTimer.stop();
        d->setState(Mqtt::ClientState::Disconnected);
        return ErrorCode::Success;
    }
    if (!d->transport || d->state == Mqtt::ClientState::Disconnected) {
        d->error = ErrorCode::NoConnection;
        d->errorString = Mqtt::errorString(ErrorCode::NoConnection);
        return ErrorCode::NoConnection;
    }
    if (!d->socketOpen) {
        // Still opening the TCP connection: nothing to say to the broker.
        d->connectTimer.stop();
        d->transport->disconnect(this);
        d->transport->abort();
        d->connectionEnded(false, ErrorCode::Success);
        return ErrorCode::Success;
    }
    d->session.disconnect(reasonCode, properties, d->now());
    d->setState(Mqtt::ClientState::Disconnecting);
    d->closeConnection(ErrorCode::Success, ReasonCode::Success, QString(), {});
    return ErrorCode::Success;
}

bool MqttClient::waitForDisconnected(int msecs)
{
    if (d->state == Mqtt::ClientState::Disconnected)
        return true;
    QEventLoop loop;
    QTimer timer;
    timer.setSingleShot(true);
    connect(&timer, &QTimer::timeout, &loop, &QEventLoop::quit);
    connect(this, &MqttClient::stateChanged, &loop, [&loop](Mqtt::ClientState s) {
        if (s == Mqtt::ClientState::Disconnected)
            loop.quit();
    });
    timer.start(msecs);
    loop.exec();
    return d->state == Mqtt::ClientState::Disconnected;
}

Mqtt::ClientState MqttClient::state() const { return d->state; }
bool MqttClient::isConnected() const { return d->state == Mqtt::ClientState::Connected; }

Mqtt::ErrorCode MqttClient::loop(int timeoutMs)
{
    if (!d->transport && d->state == Mqtt::ClientState::Disconnected)
        return ErrorCode::NoConnection;
    QEventLoop loop;
    QTimer timer;
    timer.setSingleShot(true);
    connect(&timer, &QTimer::timeout, &loop, &QEventLoop::quit);
    if (d->transport)
        connect(d->transport, &MqttTransport::readyRead, &loop, &QEventLoop::quit, Qt::QueuedConnection);
    connect(this, &MqttClient::stateChanged, &loop, &QEventLoop::quit, Qt::QueuedConnection);
    timer.start(std::max(0, timeoutMs));
    loop.exec();
    return d->state == Mqtt::ClientState::Disconnected && !d->userDisconnect ? ErrorCode::ConnectionLost
                                                                             : ErrorCode::Success;
}

Mqtt::ErrorCode MqttClient::loopForever()
{
    if (d->state == Mqtt::ClientState::Disconnected)
        return ErrorCode::NoConnection;
    QEventLoop loop;
    connect(this, &MqttClient::stateChanged, &loop, [&loop](Mqtt::ClientState s) {
        if (s == Mqtt::ClientState::Disconnected)
            loop.quit();
    });
    loop.exec();
    return d->userDisconnect ? ErrorCode::Success : (d->error == ErrorCode::Success ? ErrorCode::ConnectionLost : d->error);
}

bool MqttClient::wantWrite() const
{
    return d->session.hasOutput() || (d->transport && d->transport->bytesToWrite() > 0);
}

QIODevice *MqttClient::socket() const
{
    return d->transport && d->socketOpen ? d->transport->device() : nullptr;
}

MqttMessageInfo MqttClient::publish(const QString &topic, const QByteArray &payload, Mqtt::QoS qos, bool retain,
                                    const MqttProperties &properties)
{
    if (QThread::currentThread() != thread()) {
        MqttMessageInfo info;
        QMetaObject::invokeMethod(
                this, [&] { info = publish(topic, payload, qos, retain, properties); },
                Qt::BlockingQueuedConnection);
        return info;
    }
    if (topic.isEmpty()) {
        d->finishCall({ ErrorCode::Invalid, 0, QStringLiteral("The topic is empty") });
        return MqttMessageInfo(ErrorCode::Invalid, 0);
    }
    // One pass to measure and check, one conversion. Lone surrogates and U+0000 cannot be
    // sent [MQTT-1.5.4-1] [MQTT-1.5.4-2]: refuse, never replace.
    const qsizetype utf8Size = MqttCodec::utf8Length(topic);
    if (utf8Size < 0) {
        d->finishCall({ ErrorCode::Invalid, 0, QStringLiteral("The topic contains U+0000 or a lone UTF-16 surrogate") });
        return MqttMessageInfo(ErrorCode::Invalid, 0);
    }
    if (utf8Size > 65535) {
        d->finishCall({ ErrorCode::Invalid, 0, QStringLiteral("The topic of %1 bytes is longer than 65,535 bytes").arg(utf8Size) });
        return MqttMessageInfo(ErrorCode::Invalid, 0);
    }
    return d->publish(topic.toUtf8(), QByteArray(payload), qos, retain, properties);
}

MqttMessageInfo MqttClient::publish(const QString &topic, const QString &payload, Mqtt::QoS qos, bool retain,
                                    const MqttProperties &properties)
{
    return publish(topic, payload.toUtf8(), qos, retain, properties);
}

MqttMessageInfo MqttClient::publish(const QString &topic, const char *payload, Mqtt::QoS qos, bool retain,
                                    const MqttProperties &properties)
{
    return publish(topic, QByteArray(payload), qos, retain, properties);
}

namespace {
// Python's str(float): the shortest digits that read back as the same double, in fixed
// notation when the decimal point position is within -4 < decpt <= 16 (100000.0, 0.0001,
// 1000000000000000.0), else d.ddde+XX with at least two exponent digits (1e+16, 1e-05).
// Qt's 'g' format switches to the exponent much earlier ("1e+05"), so it cannot be used.
QByteArray pythonFloatText(double value)
{
    if (std::isnan(value))
        return QByteArrayLiteral("nan");
    if (std::isinf(value))
        return value < 0 ? QByteArrayLiteral("-inf") : QByteArrayLiteral("inf");
    // "d.ddde+XX": the shortest round-trip digits and the first digit's exponent.
    const QByteArray sci = QByteArray::number(std::fabs(value), 'e', QLocale::FloatingPointShortest);
    const qsizetype e = sci.indexOf('e');
    QByteArray digits = sci.left(e);
    if (digits.size() > 1)
        digits.remove(1, 1); // the '.'
    const QByteArray exponent = sci.mid(e + 1);
    const int exp10 = (exponent.startsWith('-') ? -1 : 1) * exponent.mid(1).toInt();
    const int decpt = exp10 + 1; // value = 0.DIGITS * 10^decpt
    const qsizetype n = digits.size();
    QByteArray text = std::signbit(value) ? QByteArrayLiteral("-") : QByteArray();
    if (decpt > -4 && decpt <= 16) {
        if (decpt <= 0)
            text += "0." + QByteArray(-decpt, '0') + digits;
        else if (decpt >= n)
            text += digits + QByteArray(decpt - n, '0') + ".0";
        else
            text += digits.left(decpt) + '.' + digits.mid(decpt);
    } else {
        text += digits.left(1);
        if (n > 1)
            text += '.' + digits.mid(1);
        text += exp10 < 0 ? "e-" : "e+";
        if (qAbs(exp10) < 10)
            text += '0';
        text += QByteArray::number(qAbs(exp10));
    }
    return text;
}
} // namespace

MqttMessageInfo MqttClient::publish(const QString &topic, double value, Mqtt::QoS qos, bool retain,
                                    const MqttProperties &properties)
{
    return publish(topic, pythonFloatText(value), qos, retain, properties);
}

MqttResult MqttClient::subscribe(const QString &filter, Mqtt::QoS qos, const MqttProperties &properties)
{
    return subscribe(QList<MqttSubscription>{ MqttSubscription(filter, qos) }, properties);
}

MqttResult MqttClient::subscribe(const QPair<QString, Mqtt::QoS> &subscription, const MqttProperties &properties)
{
    return subscribe(subscription.first, subscription.second, properties);
}

MqttResult MqttClient::subscribe(const QList<QPair<QString, Mqtt::QoS>> &subscriptions, const MqttProperties &properties)
{
    QList<MqttSubscription> list;
    list.reserve(subscriptions.size());
    for (const auto &s : subscriptions)
        list.append(MqttSubscription(s.first, s.second));
    return subscribe(list, properties);
}

MqttResult MqttClient::subscribe(const QList<MqttSubscription> &subscriptions, const MqttProperties &properties)
{
    QList<MqttCodec::Subscription> list;
    list.reserve(subscriptions.size());
    for (const auto &s : subscriptions) {
        MqttCodec::Subscription c;
        c.filter = s.filter();
        c.qos = s.qos();
        c.noLocal = s.noLocal();
        c.retainAsPublished = s.retainAsPublished();
        c.retainHandling = s.retainHandling();
        list.append(std::move(c));
    }
    return d->finishCall(d->session.subscribe(list, properties, d->now()));
}

MqttResult MqttClient::unsubscribe(const QString &filter, const MqttProperties &properties)
{
    return unsubscribe(QStringList{ filter }, properties);
}

MqttResult MqttClient::unsubscribe(const QStringList &filters, const MqttProperties &properties)
{
    return d->finishCall(d->session.unsubscribe(filters, properties, d->now()));
}

Mqtt::ErrorCode MqttClient::sendAuth(Mqtt::ReasonCode reasonCode, const MqttProperties &properties)
{
    return d->finishCall(d->session.sendAuth(reasonCode, properties, d->now())).rc;
}

bool MqttClient::addMessageCallback(const QString &filter, const QObject *context,
                                    std::function<void(const MqttMessage &)> handler)
{
    if (!Mqtt::isValidTopicFilter(filter) || !context || !handler) {
        d->error = ErrorCode::Invalid;
        d->errorString = QStringLiteral("Invalid topic filter \"%1\" or handler").arg(filter);
        return false;
    }
    auto cb = std::make_shared<MqttClientPrivate::Callback>();
    cb->filter = filter;
    cb->filterUtf8 = filter.toUtf8();
    cb->context = context;
    cb->handler = std::move(handler);
    if (context != this) {
        std::weak_ptr<MqttClientPrivate::Callback> weak = cb;
        cb->destroyedConnection = connect(context, &QObject::destroyed, this, [this, weak] {
            if (auto c = weak.lock()) {
                c->removed = true;
                d->callbacks.removeAll(c);
            }
        });
    }
    d->callbacks.append(std::move(cb));
    return true;
}

void MqttClient::messageCallbackRemove(const QString &filter)
{
    for (const auto &cb : std::as_const(d->callbacks)) {
        if (cb->filter == filter) {
            cb->removed = true;
            disconnect(cb->destroyedConnection);
        }
    }
    d->callbacks.removeIf([&filter](const auto &cb) { return cb->filter == filter; });
}

Mqtt::ErrorCode MqttClient::error() const { return d->error; }
QString MqttClient::errorString() const { return d->errorString; }
