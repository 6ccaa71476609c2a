// Copyright (C) 2026 The MqttQt authors.
// SPDX-License-Identifier: BSD-3-Clause
#include "mqttclient.h"
#include "mqttclient_p.h"
#include "mqttsubscription_p.h"

#include "codec/mqttutf8_p.h"
#include "mqttmessage_p.h"
#include "mqttmetatypes_p.h"
#include "mqttserverproperties_p.h"
#include "mqtttopic_p.h"
#include "transport/mqtttransport_p.h"

#include <QtCore/QAbstractEventDispatcher>
#include <QtCore/QCoreApplication>
#include <QtCore/QDebug>
#include <QtCore/QEventLoop>
#include <QtCore/QFile>
#include <QtCore/QLocale>
#include <QtCore/QLoggingCategory>
#include <QtCore/QMetaMethod>
#include <QtCore/QRandomGenerator>
#include <QtCore/QThread>
#include <QtNetwork/QDnsLookup>
#include <QtNetwork/QHostAddress>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <limits>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

Q_LOGGING_CATEGORY(lcMqttClient, "mqttqt.client", QtInfoMsg)

using Mqtt::ClientState;
using Mqtt::ErrorCode;
using Mqtt::PropertyId;
using Mqtt::ProtocolVersion;
using Mqtt::QoS;
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

// Refusals that retrying with the same settings cannot fix (MQTT 3.x codes arrive mapped).
bool isPermanentRefusal(ReasonCode rc)
{
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

bool isValidBindAddress(const QString &address)
{
    return address.isEmpty() || !QHostAddress(address).isNull();
}

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

constexpr qsizetype FlushThreshold = 64 * 1024;
// Reading: at most this much per event-loop pass, so that acknowledgements go out and
// timers run between passes however fast the broker sends.
constexpr qint64 ReadChunk = 64 * 1024;
constexpr qint64 ReadBudget = 1024 * 1024;
// A pass that ends with this much of a packet read is not counted toward a paced stream.
constexpr qint64 PacedPartialBytes = 16 * 1024;
// Delivering: at most this many messages, or this long, per pass.
constexpr int DeliverySliceMessages = 256;
constexpr qint64 DeliverySliceMs = 8;
// An empty read buffer is kept while the connection receives, and freed once nothing has
// been read for this long (allocating and freeing 64 KiB per pass cost 2.6 % of a QoS 0
// subscriber's time; 1,000 idle connections should not keep 64 MiB).
constexpr qint64 IdleBufferMs = 1000;
// Decoded messages waiting for delivery above which the client stops reading, so that
// TCP pushes back on the broker instead of the backlog growing in memory.
constexpr size_t BacklogMessages = 8192;
constexpr qsizetype BacklogBytes = 16 * 1024 * 1024;
} // namespace

QDebug operator<<(QDebug debug, const MqttResult &result)
{
    const QDebugStateSaver saver(debug);
    return debug.nospace() << "MqttResult(" << result.rc << ", mid " << result.mid << ')';
}

// ---- MqttMessageRelay ------------------------------------------------------------------

MqttMessageRelay::MqttMessageRelay(const QString &filter, QObject *parent)
    : QObject(parent), filter(filter), filterUtf8(filter.toUtf8())
{
}

bool MqttMessageRelay::hasHandlers() const
{
    static const QMetaMethod signal = QMetaMethod::fromSignal(&MqttMessageRelay::messageMatched);
    return isSignalConnected(signal);
}

// ---- MqttClientPrivate: errors and state ------------------------------------------------

MqttClientPrivate::MqttClientPrivate(MqttClient *q) : q(q), session(this)
{
    MqttMetaTypes::registerAll();
    clock.start();
    // Children of the client, so moveToThread() (Paho's loop_start) takes them along.
    for (QTimer *t : { &tickTimer, &reconnectTimer, &connectTimer, &closeTimer })
        t->setParent(q);
    tickTimer.setSingleShot(true);
    tickTimer.setTimerType(Qt::PreciseTimer);
    QObject::connect(&tickTimer, &QTimer::timeout, q, [this] {
        const Busy busy(this);
        onTick();
    });
    reconnectTimer.setSingleShot(true);
    QObject::connect(&reconnectTimer, &QTimer::timeout, q, [this] {
        const Busy busy(this);
        startConnection();
    });
    connectTimer.setSingleShot(true);
    QObject::connect(&connectTimer, &QTimer::timeout, q, [this] {
        const Busy busy(this);
        onConnectTimeout();
    });
    closeTimer.setSingleShot(true);
    QObject::connect(&closeTimer, &QTimer::timeout, q, [this] {
        const Busy busy(this);
        if (transport)
            transport->abort();
    });
    opt.clientId = generateClientId();
}

MqttClientPrivate::~MqttClientPrivate()
{
    releaseRetiredTransports();
}

void MqttClientPrivate::disposeTransport(MqttTransport *t)
{
    // Not a child of the client any more: deleting the client (from a handler, inside a
    // nested loop) must not delete it synchronously either.
    t->setParent(nullptr);
    if (busy > 0)
        retiredTransports.emplace_back(t);
    else
        t->deleteLater();
}

void MqttClientPrivate::recheckAfterNestedLoop()
{
    nestedLoopRan = false;
    QMetaObject::invokeMethod(q, [this] {
        const Busy guard(this);
        if (transport)
            transport->announceUnread();
    }, Qt::QueuedConnection);
}

void MqttClientPrivate::releaseRetiredTransports()
{
    for (const QPointer<MqttTransport> &t : std::exchange(retiredTransports, {})) {
        if (t)
            t->deleteLater();
    }
}

void MqttClientPrivate::orphan()
{
    qGone = true;
    // Members here, but children of the client: ~QObject() must not delete them.
    for (QTimer *t : { &tickTimer, &reconnectTimer, &connectTimer, &closeTimer }) {
        t->stop();
        t->setParent(nullptr);
    }
    QObject::disconnect(aboutToBlockConnection);
    if (transport) {
        // Aborted by ~MqttClient(); it may be the sender of the signal being handled, so
        // it goes once that unwinds, not with the client's children (disposeTransport()).
        disposeTransport(transport);
        transport = nullptr;
    }
    journal.reset();     // committed; the store is deleted with the client
    pendingDeliveries.clear();
    pendingDeliveryBytes = 0;
    readStalled = false;
    // The read being decoded ends here: the session stops at the packet it is handling.
    session.connectionClosed();
}

qint64 MqttClientPrivate::now() const
{
    return clock.elapsed();
}

bool MqttClientPrivate::onClientThread() const
{
    if (qGone)
        return true; // the orphaned part runs on the thread that deleted the client
    return QThread::currentThread() == q->thread();
}

void MqttClientPrivate::setError(ErrorCode code, const QString &text)
{
    if (qGone)
        return;
    const QString why = text.isEmpty() ? Mqtt::errorString(code) : text;
    // An errorOccurred() handler that makes a call refused with the very same error (the
    // common "on error, disconnect" while not connected) must not recurse without end:
    // the call still returns its code, but the same error is not emitted again from
    // inside its own emission.
    if (inErrorSignal && code == error && why == errorString)
        return;
    error = code;
    errorString = why;
    emitSignal(&MqttClient::errorChanged);
    if (qGone)
        return; // deleted by an errorChanged() handler, from the event loop (a Busy holds this)
    const bool outer = !inErrorSignal;
    inErrorSignal = true;
    const QPointer<MqttClient> alive(q);
    emitSignal(&MqttClient::errorOccurred, code, errorString);
    if (alive && outer)
        inErrorSignal = false;
}

void MqttClientPrivate::clearError()
{
    if (error == ErrorCode::NoError && errorString.isEmpty())
        return;
    error = ErrorCode::NoError;
    errorString.clear();
    emitSignal(&MqttClient::errorChanged);
}

bool MqttClientPrivate::refuse(ErrorCode code, const QString &text)
{
    logLine(Mqtt::LogLevel::Warning, text);
    setError(code, text);
    return false;
}

MqttResult MqttClientPrivate::refuseLater(ErrorCode code, const QString &text)
{
    if (qGone)
        return { code, 0 };
    QMetaObject::invokeMethod(q, [this, code, text] {
        const Busy busy(this);
        refuse(code, text);
    }, Qt::QueuedConnection);
    return { code, 0 };
}

void MqttClientPrivate::setState(ClientState s)
{
    state = s;
    announceState();
}

void MqttClientPrivate::logLine(Mqtt::LogLevel level, const QString &text)
{
    if (opt.loggerEnabled) {
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
    emitSignal(&MqttClient::logMessage, level, text);
}

void MqttClientPrivate::log(Mqtt::LogLevel level, const QString &text)
{
    if (qGone)
        return; // the client was deleted from a signal of this session call
    logLine(level, text);
}

// ---- output ------------------------------------------------------------------------------

void MqttClientPrivate::flush(bool postAnnouncement)
{
    flushScheduled = false;
    // Nothing of this pass reaches the socket before its session changes are committed.
    if (journal && journal->hasPending() && !commitStore())
        return;
    if (!session.hasOutput())
        return;
    const bool open = transport && transport->isOpen();
    session.drainOutput([this, open](const QByteArray &bytes) {
        if (open && transport)
            transport->write(bytes);
    });
    unacknowledgedBytes = 0; // the write carries the acknowledgement
    // QoS 0 messages count as published once their bytes are with the socket; reported
    // from the event loop, never from inside the publish() that wrote them.
    if (!qos0Unwritten.empty() && transport && transport->isOpen()) {
        qos0Written.insert(qos0Written.end(), std::make_move_iterator(qos0Unwritten.begin()),
                           std::make_move_iterator(qos0Unwritten.end()));
        qos0Unwritten.clear();
        if (qos0Batch)
            qos0WrittenBatches.push_back(std::exchange(qos0Batch, {}));
        if (!announceScheduled && postAnnouncement && !qGone) {
            announceScheduled = true;
            QMetaObject::invokeMethod(q, [this] {
                const Busy busy(this);
                announceQos0();
            }, Qt::QueuedConnection);
        }
    }
}

void MqttClientPrivate::flushFromEventLoop()
{
    // Called straight from the event loop (a scheduled flush; the end of a read pass does
    // the same in onReadyRead()): no publish() is on the stack, so written QoS 0 messages are announced here instead of
    // from an event posted for them (one QMetaCallEvent per pass saved: 10 % of a QoS 0
    // round trip's client time).
    flush(false);
    announceWritten();
}

void MqttClientPrivate::announceWritten()
{
    if (!announceScheduled && (!qos0Written.empty() || !qos0WrittenBatches.empty()))
        announceQos0();
}

void MqttClientPrivate::announceQos0()
{
    if (qGone)
        return;
    announceScheduled = false;
    const std::vector<Qos0Pending> written = std::exchange(qos0Written, {});
    for (const MqttMessageInfoState &batch : std::exchange(qos0WrittenBatches, {}))
        batch->complete(ErrorCode::NoError);
    for (const Qos0Pending &m : written) {
        if (m.info)
            m.info->complete(ErrorCode::NoError);
        emitSignal(&MqttClient::published, m.mid, ReasonCode::Success, {});
        if (qGone)
            return; // a handler deleted the client
    }
}

void MqttClientPrivate::failUnwrittenQos0(const QString &why)
{
    if (qos0Unwritten.empty())
        return;
    const std::vector<Qos0Pending> lost = std::exchange(qos0Unwritten, {});
    if (qos0Batch)
        std::exchange(qos0Batch, {})->complete(ErrorCode::ConnectionLost);
    const QString text = QStringLiteral("%1 QoS 0 message(s) were not written before the connection closed: %2")
                                 .arg(lost.size())
                                 .arg(why);
    logLine(Mqtt::LogLevel::Warning, text);
    setError(ErrorCode::ConnectionLost, text);
    for (const Qos0Pending &m : lost) {
        if (m.info)
            m.info->complete(ErrorCode::ConnectionLost);
        emitSignal(&MqttClient::publishFailed, m.mid, ErrorCode::ConnectionLost, text);
    }
}

void MqttClientPrivate::scheduleFlush()
{
    if (!session.hasOutput() && !(journal && journal->hasPending()))
        return;
    if (session.outputSize() >= FlushThreshold) {
        flush();
        return;
    }
    if (inReadHandler || qGone)
        return; // onReadyRead() flushes when it ends; aboutToBlock() covers nested loops
    if (!flushScheduled) {
        // One write per event-loop pass however many packets were encoded in it.
        flushScheduled = true;
        QMetaObject::invokeMethod(q, [this] {
            const Busy busy(this);
            flushFromEventLoop();
        }, Qt::QueuedConnection);
    }
}

void MqttClientPrivate::armTimer()
{
    if (qGone)
        return;
    qint64 deadline = session.nextDeadline();
    if (session.decoder().holdsEmptyBuffer()) {
        const qint64 release = lastReceivedAt + IdleBufferMs;
        deadline = deadline < 0 ? release : std::min(deadline, release);
    }
    if (deadline < 0) {
        tickTimer.stop();
        return;
    }
    // Re-arming a running QTimer costs a timer registration. Deadlines mostly move later
    // (every packet sent pushes the keepalive back): keep the earlier timer then, and
    // let onTick() find nothing due and arm the real deadline. Checked before reading
    // the clock, which costs more than the rest of this function (every call and every
    // pass ends here).
    if (tickTimer.isActive() && armedDeadline <= deadline)
        return;
    const qint64 delay = std::max<qint64>(0, deadline - now());
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
    MqttCodec::StreamDecoder &decoder = session.decoder();
    decoder.releaseIdleSpare(); // at most two ticks of a recycled payload buffer
    const qint64 t = now();
    if (decoder.holdsEmptyBuffer() && t - lastReceivedAt >= IdleBufferMs)
        decoder.releaseEmptyBuffer();
    session.tick(t);
    processPendingClose();
    afterEvent();
}

// ---- connection life cycle ---------------------------------------------------------------

MqttSession::Config MqttClientPrivate::sessionConfig() const
{
    MqttSession::Config c = session.config();
    c.version = opt.protocolVersion;
    c.clientId = opt.brokerAssignsClientId ? assignedClientId : opt.clientId;
    c.cleanSession = opt.cleanSession;
    c.keepAlive = quint16(opt.keepAlive);
    c.username = opt.username.isNull() ? std::nullopt : std::optional<QString>(opt.username);
    c.password = opt.password.isNull() ? std::nullopt : std::optional<QByteArray>(opt.password);
    if (opt.will.isNull()) {
        c.will.reset();
    } else {
        MqttCodec::WillMessage w;
        w.topic = opt.will.topic();
        w.payload = opt.will.payload();
        w.qos = opt.will.qos();
        w.retain = opt.will.retain();
        w.properties = opt.will.properties();
        c.will = w;
    }
    c.connectProperties = opt.connectProperties;
    if (authenticator && opt.protocolVersion == ProtocolVersion::V5) {
        c.connectProperties.setString(PropertyId::AuthenticationMethod, authenticator->method());
        const QByteArray data = authenticator->initialData();
        if (data.isEmpty())
            c.connectProperties.remove(PropertyId::AuthenticationData);
        else
            c.connectProperties.setBinary(PropertyId::AuthenticationData, data);
    }
    c.maxInflight = opt.maxInflight;
    c.maxQueued = opt.maxQueued;
    c.republishOnCleanSession = opt.republishOnCleanSession;
    c.messageRetryMs = opt.messageRetry * 1000;
    c.connackTimeoutMs = opt.connectTimeout;
    c.autoTopicAlias = opt.autoTopicAlias;
    return c;
}

QString MqttClientPrivate::validateConnect() const
{
    const bool v5 = opt.protocolVersion == ProtocolVersion::V5;
    const MqttServerEntry entry = currentEntry();
    if (entry.host.isEmpty() && entry.transport != Mqtt::Transport::Device)
        return entry.transport == Mqtt::Transport::LocalSocket ? QStringLiteral("The local socket's path (host) is empty")
                                                              : QStringLiteral("The host is empty");
    if (entry.port == 0 && (entry.transport == Mqtt::Transport::Tcp || entry.transport == Mqtt::Transport::WebSockets))
        return QStringLiteral("Port 0 is only for local sockets and devices");
    QString why;
    if (transportConfig(entry).check(&why) != ErrorCode::NoError)
        return why;
    if (opt.brokerAssignsClientId) {
        if (opt.protocolVersion == ProtocolVersion::V3_1)
            return QStringLiteral("MQTT 3.1 does not allow a broker-assigned (empty) client id");
        if (opt.protocolVersion == ProtocolVersion::V3_1_1 && !opt.cleanSession)
            return QStringLiteral("MQTT 3.1.1 allows a broker-assigned (empty) client id only with clean session [MQTT-3.1.3-7]");
    } else if (!opt.cleanSession && opt.clientIdIsGenerated) {
        return QStringLiteral("A persistent session (clean session false) needs a client id");
    }
    if (store && (opt.brokerAssignsClientId || opt.clientId != storeClientId))
        return QStringLiteral("The session store holds the session of client id \"%1\"; connect with that client id "
                              "or set another store")
                .arg(storeClientId);
    if (!opt.brokerAssignsClientId) {
        why = MqttCodec::mqttStringProblem(opt.clientId, QStringLiteral("The client id \"%1\"").arg(MqttCodec::printable(opt.clientId)));
        if (!why.isEmpty())
            return why;
    }
    if (!opt.username.isNull()) {
        why = MqttCodec::mqttStringProblem(opt.username, QStringLiteral("The user name"));
        if (!why.isEmpty())
            return why;
    }
    if (opt.protocolVersion == ProtocolVersion::V3_1 && !opt.brokerAssignsClientId) {
        const qsizetype bytes = opt.clientId.toUtf8().size();
        if (bytes < 1 || bytes > 23) // [MQTT 3.1, 3.1 CONNECT payload]
            return QStringLiteral("MQTT 3.1 client ids are 1 to 23 bytes; \"%1\" has %2").arg(opt.clientId).arg(bytes);
    }
    if (!v5 && !opt.connectProperties.isEmpty())
        return QStringLiteral("Connect properties need MQTT 5");
    if (!v5 && authenticator)
        return QStringLiteral("Enhanced authentication (an authenticator) needs MQTT 5");
    if (!v5 && !opt.will.isNull() && !opt.will.properties().isEmpty())
        return QStringLiteral("Will properties need MQTT 5");
    return {};
}

MqttServerEntry MqttClientPrivate::currentEntry() const
{
    if (redirectTo)
        return *redirectTo;
    if (useServerList && !serverEntries.isEmpty())
        return serverEntries.at(std::min<qsizetype>(serverIndex, serverEntries.size() - 1));
    MqttServerEntry e;
    e.transport = opt.transport;
    e.tls = opt.tls.has_value();
    e.host = opt.host;
    e.port = opt.port;
    return e;
}

MqttTransportConfig MqttClientPrivate::transportConfig(const MqttServerEntry &entry) const
{
    MqttTransportConfig c;
    c.transport = entry.transport;
    if (entry.tls)
        c.tls = opt.tls ? *opt.tls : MqttTlsOptions();
    c.webSocket = opt.webSocket;
    if (!entry.path.isEmpty())
        c.webSocket.setPath(entry.path);
    c.proxy = opt.proxy;
    c.device = opt.device;
    c.deviceOwnership = opt.deviceOwnership;
    return c;
}

void MqttClientPrivate::setCurrentServer(const QString &uri)
{
    if (uri == currentServer)
        return;
    currentServer = uri;
    emitSignal(&MqttClient::currentServerChanged);
}

void MqttClientPrivate::noteServerReference(ReasonCode reasonCode, const MqttProperties &properties)
{
    const auto reference = properties.string(PropertyId::ServerReference);
    if (!reference || reference->isEmpty())
        return;
    const bool redirect = reasonCode == ReasonCode::UseAnotherServer || reasonCode == ReasonCode::ServerMoved;
    if (redirect && opt.followServerReference) {
        if (redirectCount >= 5) {
            logLine(Mqtt::LogLevel::Warning, QStringLiteral("Not following Server Reference \"%1\": 5 redirections in a row")
                                                     .arg(*reference));
        } else if (auto target = parseServerReference(*reference, currentEntry())) {
            logLine(Mqtt::LogLevel::Notice, QStringLiteral("Redirected to %1 (%2)").arg(target->uri(), Mqtt::reasonCodeString(reasonCode)));
            redirectTo = target;
            redirectArmed = true;
            ++redirectCount;
        } else {
            logLine(Mqtt::LogLevel::Warning, QStringLiteral("Cannot follow Server Reference \"%1\"").arg(*reference));
        }
    }
    emitSignal(&MqttClient::serverReferenceReceived, *reference, reasonCode);
}

void MqttClientPrivate::retireTransport()
{
    if (!transport)
        return;
    transport->disconnect(q);
    transport->abort();
    disposeTransport(transport);
    transport = nullptr;
}

void MqttClientPrivate::startConnection()
{
    if (qGone)
        return;
    reconnectTimer.stop();
    closeTimer.stop();
    retireTransport();
    ++generation;
    endDecided = false;
    errorReportedForEnd = errorSignalPending = false;
    pendingClose.reset();
    closeError = ErrorCode::NoError;
    disconnectReason = ReasonCode::Success;
    disconnectProperties = {};
    nextReconnectAt = {};
    connectedThisAttempt = false;
    redirectArmed = false;
    session.config() = sessionConfig();
    const MqttServerEntry entry = currentEntry();
    setCurrentServer(entry.uri());
    if (qGone)
        return; // a currentServerChanged() handler deleted the client
    transport = createTransport(transportConfig(entry), q);
    transport->setStreamPacing(opt.streamPacing);
    QObject::connect(transport, &MqttTransport::connected, q, [this] {
        const Busy busy(this);
        onTransportConnected();
    });
    QObject::connect(transport, &MqttTransport::readyRead, q, [this] {
        const Busy busy(this);
        onReadyRead();
    });
    QObject::connect(transport, &MqttTransport::closed, q, [this](ErrorCode e, const QString &why) {
        const Busy busy(this);
        onTransportClosed(e, why);
    });
    QObject::connect(transport, &MqttTransport::errorOccurred, q, [this](ErrorCode e, const QString &why) {
        const Busy busy(this);
        onTransportError(e, why);
    });
    setState(ClientState::Connecting);
    logLine(Mqtt::LogLevel::Debug, QStringLiteral("Connecting to %1").arg(currentServer));
    if (qGone)
        return; // a stateChanged() or logMessage() handler deleted the client
    connectTimer.start(opt.connectTimeout);
    transport->open(entry.host, quint16(entry.port), opt.bindAddress);
}

void MqttClientPrivate::onTransportConnected()
{
    if (qGone)
        return;
    socketOpen = true;
    // Output queued while a handler runs a nested event loop (a modal dialog, a
    // waitForPublish()) is written before that loop sleeps.
    if (auto *dispatcher = QAbstractEventDispatcher::instance()) {
        QObject::disconnect(aboutToBlockConnection);
        aboutToBlockConnection = QObject::connect(dispatcher, &QAbstractEventDispatcher::aboutToBlock, q, [this] {
            const Busy guard(this);
            if (session.hasOutput() || (journal && journal->hasPending()))
                flush();
            // A handler of the client runs this loop (busy besides this call): the
            // socket's readyRead() may be held back (see MqttTransport::announceUnread()).
            if (busy > 1 && transport) {
                nestedLoopRan = true;
                transport->announceUnread();
            }
        });
    }
    emitSignal(&MqttClient::socketOpened);
    if (qGone)
        return;
    session.connectionOpened(now());
    flush();
    processPendingClose();
    armTimer();
}

void MqttClientPrivate::onReadyRead()
{
    if (!transport)
        return;
    const bool outer = !inReadHandler;
    inReadHandler = true;
    const qint64 readAt = readSome(); // the read buffer is freed by onTick() once the connection is idle
    if (qGone)
        return; // a handler deleted the client
    // [MQTT-4.6.0] the PUBACK/PUBCOMP of every message decoded above reaches the kernel
    // before any user code sees a message, in one write for the whole read, so anything
    // a handler publishes goes out after the acknowledgements.
    if (!pendingDeliveries.empty())
        flush();
    processPendingClose();
    if (!deliverSlice(readAt))
        return; // a handler deleted the client (or had done so above)
    if (outer)
        inReadHandler = false;
    // Acknowledgements, and whatever handlers published, go out now in one write. The
    // outer pass runs straight from the event loop: QoS 0 messages it wrote are announced
    // last (announceWritten()), as handlers may delete the client.
    flush(!outer);
    if (unacknowledgedBytes > 0 && transport) {
        // A pass that ends inside a large packet is not part of a stream of messages: the
        // transport would pace its next reads (see acknowledgeNow()).
        const bool insideLarge = session.decoder().bufferedSize() >= PacedPartialBytes;
        transport->acknowledgeNow(std::exchange(unacknowledgedBytes, 0), insideLarge ? -1 : readAt);
    }
    armTimer();
    if (outer)
        announceWritten();
}

qint64 MqttClientPrivate::readSome()
{
    MqttCodec::StreamDecoder &decoder = session.decoder();
    readStalled = false;
    qint64 readAt = -1;
    qint64 budget = ReadBudget;
    // Fixed-size reads, no FIONREAD: a short read means the kernel had nothing more, and
    // the end of the stream shows as read() failing, which the transport reports. Decode
    // after each read: the buffer stays small, and a large PUBLISH then usually starts it
    // with little behind, so the decoder hands the buffer over as the payload.
    while (transport) {
        if (pendingDeliveries.size() >= BacklogMessages || pendingDeliveryBytes >= BacklogBytes) {
            // Leave the rest in the kernel: an unbuffered socket stops notifying until it
            // is read again, and TCP's window pushes back on the broker meanwhile.
            readStalled = true;
            return readAt;
        }
        const qint64 want = decoder.readHint(ReadChunk);
        char *dst = decoder.prepareAppend(want);
        const qint64 n = transport->read(dst, want);
        // One clock read per read(): what it decodes was received at that time.
        const qint64 t = n > 0 ? now() : 0;
        if (n > 0) {
            unacknowledgedBytes += n;
            readAt = lastReceivedAt = t;
            session.bytesReceived(dst, n, t);
            if (qGone)
                return readAt; // its log line's handler deleted the client (the decoder is reset)
        }
        decoder.commitAppend(std::max<qint64>(n, 0));
        if (n <= 0)
            return readAt;
        session.processIncoming(t);
        if (pendingClose || n < want)
            return readAt;
        budget -= n;
        if (budget <= 0) {
            readStalled = true; // more may be waiting: read on after the others had a turn
            return readAt;
        }
    }
    return readAt;
}

bool MqttClientPrivate::deliverSlice(qint64 startedAt)
{
    if (qGone)
        return false;
    if (deliveryDepth > 0) {
        // A message handler runs a nested event loop (waitForPublish(), a modal dialog):
        // what arrives meanwhile is read and acknowledged, and keepalive and the handler's
        // own publishes go on, but messages wait for that handler to return; its slice
        // then goes on with them. Handlers are never re-entered. Only a read stalled by the
        // backlog limits may go on meanwhile, once the backlog has room again (scheduling
        // more would spin while the handler runs).
        if (readStalled && backlogHasRoom())
            scheduleContinuation();
        return true;
    }
    if (!pendingDeliveries.empty()) {
        // The slice is timed from the read that decoded the messages (onReadyRead()), or
        // from now for a continuation: no clock read for the common pass of a few messages.
        const qint64 sliceStart = startedAt >= 0 ? startedAt : now();
        int delivered = 0;
        while (!pendingDeliveries.empty()) {
            MqttCodec::PublishPacket packet = std::move(pendingDeliveries.front());
            pendingDeliveries.pop_front();
            pendingDeliveryBytes -= packet.payload.size();
            ++deliveryDepth;
            deliver(std::move(packet));
            if (qGone)
                return false; // a handler deleted the client
            --deliveryDepth;
            if (++delivered >= DeliverySliceMessages || (delivered % 16 == 0 && now() - sliceStart >= DeliverySliceMs))
                break;
        }
    }
    if (!pendingDeliveries.empty() || readStalled)
        scheduleContinuation();
    return true;
}

bool MqttClientPrivate::backlogHasRoom() const
{
    // Half the limits at which readSome() stops: reading resumes with room to spare.
    return pendingDeliveries.size() < BacklogMessages / 2 && pendingDeliveryBytes < BacklogBytes / 2;
}

void MqttClientPrivate::scheduleContinuation()
{
    if (continuationScheduled || qGone)
        return;
    continuationScheduled = true;
    QMetaObject::invokeMethod(q, [this] {
        const Busy busy(this);
        continuationScheduled = false;
        // Timers run between slices anyway; checking here too keeps the keepalive on
        // time even if a flood kept the loop from dispatching them.
        const qint64 deadline = session.nextDeadline();
        if (deadline >= 0 && deadline <= now()) {
            session.tick(now());
            processPendingClose();
        }
        if (readStalled && !(transport && transport->isOpen()))
            readStalled = false; // nothing more to read: the connection has ended
        if (readStalled && backlogHasRoom()) {
            onReadyRead();
            return;
        }
        if (!deliverSlice())
            return; // a handler deleted the client
        flush();
        armTimer();
    }, Qt::QueuedConnection);
}

void MqttClientPrivate::onConnectTimeout()
{
    if (state != ClientState::Connecting || !transport || socketOpen)
        return; // once the socket is open, the session's CONNACK timer takes over
    transport->disconnect(q);
    transport->abort();
    onTransportError(ErrorCode::Timeout,
                     QStringLiteral("no connection within %1 ms").arg(opt.connectTimeout));
}

void MqttClientPrivate::onTransportError(ErrorCode e, const QString &why)
{
    connectTimer.stop();
    if (!errorReportedForEnd) {
        errorReportedForEnd = errorSignalPending = true;
        error = e;
        errorString = QStringLiteral("Cannot connect to %1: %2").arg(currentServer, why);
        logLine(Mqtt::LogLevel::Warning, errorString);
    }
    connectionEnded(false, e);
}

void MqttClientPrivate::onTransportClosed(ErrorCode e, const QString &why)
{
    connectTimer.stop();
    closeTimer.stop();
    const bool requested = userDisconnect && e == ErrorCode::NoError;
    const ErrorCode lost = e == ErrorCode::NoError ? ErrorCode::ConnectionLost : e;
    if (!requested && !errorReportedForEnd) {
        errorReportedForEnd = errorSignalPending = true;
        error = lost;
        errorString = why.isEmpty() ? QStringLiteral("The broker closed the connection") : why;
        logLine(Mqtt::LogLevel::Warning, errorString);
    }
    connectionEnded(true, requested ? ErrorCode::NoError : (closeError != ErrorCode::NoError ? closeError : lost));
}

bool MqttClientPrivate::decideAfterEnd()
{
    if (endDecided)
        return state == ClientState::WaitingToReconnect;
    endDecided = true;
    if (!userDisconnect && connectRequested) {
        // Another broker, at once: the one a Server Reference named, or the next of the
        // list after a failed attempt. Not a reconnection: no backoff, same attempt number.
        bool next = false;
        if (redirectArmed) {
            next = true;
        } else if (!connectedThisAttempt && redirectTo) {
            redirectTo.reset(); // the server we were sent to does not answer: back to ours
            next = !serverEntries.isEmpty() || !opt.host.isEmpty();
        } else if (!connectedThisAttempt && useServerList && serverIndex + 1 < serverEntries.size()) {
            ++serverIndex;
            next = true;
        }
        if (next) {
            permanentRefusal = false;
            reconnectTimer.start(0);
            state = ClientState::Connecting;
            stateSnapshot.store(int(state));
            return false;
        }
    }
    serverIndex = 0;
    const bool retry = !userDisconnect && opt.autoReconnect && !permanentRefusal && connectRequested
            && (connectedSinceRequest || opt.retryFirstConnection);
    permanentRefusal = false;
    if (retry) {
        ++reconnectAttempt;
        const int delayMs = currentReconnectDelay * 1000;
        reconnectTimer.start(delayMs);
        nextReconnectAt = QDateTime::currentDateTimeUtc().addMSecs(delayMs);
        currentReconnectDelay = std::min(currentReconnectDelay * 2, opt.reconnectDelayMax);
        state = ClientState::WaitingToReconnect;
    } else {
        connectRequested = false;
        reconnectAttempt = 0;
        nextReconnectAt = {};
        state = ClientState::Disconnected;
    }
    stateSnapshot.store(int(state));
    return retry;
}

void MqttClientPrivate::connectionEnded(bool wasOpen, ErrorCode why)
{
    // Every field first (session, state, error, retry), then the signals: a handler of
    // any of them sees the final state and may call reconnect() or connectToHost().
    session.connectionClosed();
    QObject::disconnect(aboutToBlockConnection);
    inReadHandler = false;
    readStalled = false; // what was read is still delivered; nothing more will be
    tickTimer.stop();
    flushScheduled = false;
    pendingClose.reset();
    const bool opened = socketOpen;
    socketOpen = false;
    const MqttProperties props = std::exchange(disconnectProperties, {});
    const ReasonCode rc = std::exchange(disconnectReason, ReasonCode::Success);
    closeError = ErrorCode::NoError;
    const int attemptBefore = reconnectAttempt;
    const bool retry = decideAfterEnd();
    const bool reportError = errorSignalPending && error != ErrorCode::NoError;
    errorReportedForEnd = errorSignalPending = false;
    const quint64 gen = ++generation;

    if (reportError) {
        emitSignal(&MqttClient::errorChanged);
        emitSignal(&MqttClient::errorOccurred, error, errorString);
    }
    // One order however the connection ended: errorOccurred(), stateChanged(), then
    // socketClosed() and disconnected(). stateChanged() for the state decided above, unless
    // an early decision (a refused CONNACK, a protocol error) announced it already; not if
    // a handler above started another connection.
    if (gen == generation) {
        announceState();
        if (attemptBefore != reconnectAttempt || retry)
            emitSignal(&MqttClient::reconnectAttemptChanged);
    }
    if (opened)
        emitSignal(&MqttClient::socketClosed);
    failUnwrittenQos0(QStringLiteral("the connection ended"));
    if (wasOpen || opened)
        emitSignal(&MqttClient::disconnected, why, rc, props);
    if (retry && gen == generation && reconnectTimer.isActive())
        emitSignal(&MqttClient::reconnectScheduled, reconnectAttempt, reconnectTimer.interval());
}

void MqttClientPrivate::closeConnection(ErrorCode error, ReasonCode reasonCode, const QString &why,
                                        const MqttProperties &properties)
{
    // Whatever the session owes the broker (a DISCONNECT with a reason) goes first.
    closeError = error;
    disconnectReason = reasonCode;
    disconnectProperties = properties;
    if (error != ErrorCode::NoError) {
        if (!errorReportedForEnd) {
            errorReportedForEnd = true;
            this->error = error;
            errorString = why;
            emitSignal(&MqttClient::errorChanged);
            emitSignal(&MqttClient::errorOccurred, error, errorString);
        }
        // The connection is over for the application now, not when the socket is done.
        decideAfterEnd();
        announceState();
    }
    flush();
    if (transport) {
        // Armed first: close() may complete at once, and its closed() stops the timer.
        closeTimer.start(5000);
        transport->close();
    }
}

void MqttClientPrivate::processPendingClose()
{
    if (!pendingClose)
        return;
    const PendingClose close = std::move(*pendingClose);
    pendingClose.reset();
    if (close.error == ErrorCode::ConnectionLost && opt.protocolVersion == ProtocolVersion::V5)
        noteServerReference(close.reasonCode, close.properties); // the broker's DISCONNECT
    closeConnection(close.error, close.reasonCode, close.why, close.properties);
}

void MqttClientPrivate::closeForNewConnection()
{
    reconnectTimer.stop();
    connectTimer.stop();
    closeTimer.stop();
    if (!transport)
        return;
    const bool opened = socketOpen;
    if (opened && (state == ClientState::Connected || state == ClientState::Connecting)) {
        // A clean end, so the broker does not publish the will.
        session.disconnect(ReasonCode::NormalDisconnection, {}, now());
        flush();
        if (!transport)
            return; // the session store failed and ended the connection
    }
    // The old transport closes on its own, gracefully, after its last bytes.
    // Deleted through disposeTransport(): this may run inside a nested event loop of a
    // handler called from the old socket's own signal.
    MqttTransport *old = std::exchange(transport, nullptr);
    old->disconnect(q);
    old->setParent(nullptr); // see disposeTransport(); ~MqttClient() aborts it if still closing
    closingTransports.erase(std::remove(closingTransports.begin(), closingTransports.end(), nullptr),
                            closingTransports.end());
    closingTransports.emplace_back(old);
    QObject::connect(old, &MqttTransport::closed, q, [this, old] { disposeTransport(old); });
    QObject::connect(old, &MqttTransport::errorOccurred, q, [this, old] { disposeTransport(old); });
    QTimer::singleShot(5000, q, [this, closing = QPointer<MqttTransport>(old)] {
        if (closing) {
            closing->abort();
            disposeTransport(closing);
        }
    });
    old->close();
    session.connectionClosed();
    QObject::disconnect(aboutToBlockConnection);
    tickTimer.stop();
    socketOpen = false;
    pendingClose.reset();
    failUnwrittenQos0(QStringLiteral("a new connection replaced it"));
    if (opened) {
        emitSignal(&MqttClient::socketClosed);
        emitSignal(&MqttClient::disconnected, ErrorCode::NoError, ReasonCode::NormalDisconnection, {});
    }
}

// ---- state announcements ------------------------------------------------------------------

void MqttClientPrivate::announceState()
{
    stateSnapshot.store(int(state));
    if (announcedState == state)
        return;
    announcedState = state;
    emitSignal(&MqttClient::stateChanged, state);
}

void MqttClientPrivate::pruneRelays()
{
    relays.removeIf([](const QPointer<MqttMessageRelay> &r) {
        if (r && !r->hasHandlers()) {
            r->deleteLater();
            return true;
        }
        return r.isNull();
    });
}

// ---- session observer ---------------------------------------------------------------------

void MqttClientPrivate::connackReceived(const MqttCodec::ConnackPacket &connack)
{
    if (qGone)
        return; // the client was deleted from a signal of this session call
    connectTimer.stop();
    const bool v5 = opt.protocolVersion == ProtocolVersion::V5;
    const int raw = int(connack.reasonCode);
    const ReasonCode rc = v5 ? connack.reasonCode : MqttSession::reasonCodeForConnackReturnCode(raw);
    serverProperties = MqttServerPropertiesPrivate::create(connack.sessionPresent, rc, raw, connack.properties);
    const bool accepted = v5 ? raw < 0x80 : raw == 0;
    if (!accepted) {
        permanentRefusal = isPermanentRefusal(rc);
        if (v5)
            noteServerReference(rc, connack.properties);
        error = ErrorCode::ConnectionRefused;
        errorString = v5 ? QStringLiteral("Connection refused by the broker: %1 (0x%2)")
                                   .arg(Mqtt::reasonCodeString(rc))
                                   .arg(raw, 2, 16, QLatin1Char('0'))
                         : Mqtt::connackString(raw);
        if (const auto reason = connack.properties.string(PropertyId::ReasonString))
            errorString += QStringLiteral(": ") + *reason;
        errorReportedForEnd = true;
        decideAfterEnd();
        emitSignal(&MqttClient::errorChanged);
        emitSignal(&MqttClient::errorOccurred, error, errorString);
        emitSignal(&MqttClient::serverPropertiesChanged);
        announceState();
        emitSignal(&MqttClient::connackReceived, connack.sessionPresent, rc, connack.properties);
        return;
    }

    if (authenticator && v5) {
        // The broker's last word must complete the method (SCRAM: prove the password).
        QString why;
        const QByteArray data = connack.properties.binary(PropertyId::AuthenticationData).value_or(QByteArray());
        if (authenticator->finish(data, &why) != ErrorCode::NoError) {
            authenticationFailed(why);
            return;
        }
    }
    currentReconnectDelay = opt.reconnectDelayMin;
    const bool attemptChanged = reconnectAttempt != 0;
    reconnectAttempt = 0;
    nextReconnectAt = {};
    connectedSinceRequest = true;
    connectedThisAttempt = true;
    redirectCount = 0;
    bool idChanged = false;
    if (v5) {
        const QString assigned = connack.properties.string(PropertyId::AssignedClientIdentifier).value_or(QString());
        if (!assigned.isEmpty() && opt.brokerAssignsClientId && assigned != assignedClientId) {
            assignedClientId = assigned; // [MQTT-3.2.2-16] used from now on
            idChanged = true;
        }
    }
    QStringList lost;
    if (!connack.sessionPresent) {
        lost = std::exchange(activeSubscriptions, {});
        lost.removeAll(responseTopicSubscribed);
        responseTopicSubscribed.clear();
    }
    state = ClientState::Connected;
    clearError();
    announceState();
    emitSignal(&MqttClient::serverPropertiesChanged);
    if (attemptChanged)
        emitSignal(&MqttClient::reconnectAttemptChanged);
    if (idChanged)
        emitSignal(&MqttClient::clientIdChanged);
    if (qGone)
        return;
    if (!connack.sessionPresent && !requests.isEmpty()) {
        // Requests still wait for their responses: listen again at once.
        const QString topic = q->responseTopic();
        if (subscribe({ MqttCodec::Subscription{ topic, QoS::AtLeastOnce } }, {}).rc == ErrorCode::NoError)
            responseTopicSubscribed = topic;
    }
    inConnackSignal = true;
    subscribedInConnackSignal.clear();
    if (subscriptionRegistry) // renewed before any handler runs, and so never "lost"
        subscriptionRegistry->onConnackReceived(connack.sessionPresent, rc);
    emitSignal(&MqttClient::connackReceived, connack.sessionPresent, rc, connack.properties);
    if (qGone)
        return;
    inConnackSignal = false;
    lost.removeIf([this](const QString &f) { return subscribedInConnackSignal.contains(f); });
    subscribedInConnackSignal.clear();
    if (!lost.isEmpty()) {
        logLine(Mqtt::LogLevel::Warning,
                QStringLiteral("The broker kept no session: %1 subscription(s) of the earlier connection are gone "
                               "(%2); subscribe in a connackReceived() handler to renew them")
                        .arg(lost.size())
                        .arg(lost.join(QStringLiteral(", "))));
        emitSignal(&MqttClient::subscriptionsLost, lost);
    }
}

void MqttClientPrivate::messageReceived(MqttCodec::PublishPacket &&packet)
{
    if (qGone)
        return; // the client was deleted from a signal of this session call
    // Delivered by deliverSlice() once the acknowledgements of everything this read
    // decoded are written (see onReadyRead()).
    pendingDeliveryBytes += packet.payload.size();
    pendingDeliveries.push_back(std::move(packet));
    ++deliveriesSinceCommit;
}

void MqttClientPrivate::deliver(MqttCodec::PublishPacket &&packet)
{
    const bool large = packet.payload.capacity() >= MqttCodec::StreamDecoder::LargePayload;
    MqttMessage message = MqttMessagePrivate::create(std::move(packet));
    if (!large) {
        emitMessage(message);
        return;
    }
    emitMessage(message);
    // A large payload no handler kept goes back to the decoder, which reads the next
    // large payload into it instead of faulting in fresh memory for every message.
    if (!qGone && transport)
        session.decoder().recycle(MqttMessagePrivate::takeUnsharedPayload(message));
}

void MqttClientPrivate::emitMessage(const MqttMessage &message)
{
    emitSignal(&MqttClient::messageArrived, message);
    if (qGone)
        return; // a handler deleted the client
    if (!requests.isEmpty() && takeResponse(message))
        return;

    bool handled = false;
    if (!relays.isEmpty()) {
        const QByteArray topic = message.topicUtf8();
        // A snapshot: handlers may add or remove handlers while we iterate.
        const auto snapshot = relays;
        bool prune = false;
        for (const QPointer<MqttMessageRelay> &relay : snapshot) {
            if (!relay || !relay->hasHandlers()) {
                prune = true;
                continue;
            }
            if (!MqttTopic::matchesValid(QByteArrayView(relay->filterUtf8), QByteArrayView(topic)))
                continue;
            handled = true;
            Q_EMIT relay->messageMatched(message);
            if (qGone)
                return;
        }
        if (prune)
            pruneRelays();
    }
    if (!handled)
        emitSignal(&MqttClient::messageReceived, message);
}

void MqttClientPrivate::publishAcknowledged(int mid, ReasonCode reasonCode, const MqttProperties &properties)
{
    if (qGone)
        return; // the client was deleted from a signal of this session call
    emitSignal(&MqttClient::published, mid, reasonCode, properties);
}

void MqttClientPrivate::publishFailed(int mid, ErrorCode error, const QString &why)
{
    if (qGone)
        return; // the client was deleted from a signal of this session call
    setError(error, why);
    emitSignal(&MqttClient::publishFailed, mid, error, why);
    if (!requestMids.isEmpty()) {
        const QByteArray correlation = requestMids.take(mid);
        if (QPointer<MqttRequest> r = requests.value(correlation))
            MqttRequestPrivate::get(r)->complete(error, why);
    }
}

void MqttClientPrivate::subscribeAcknowledged(int mid, const QList<ReasonCode> &codes, const MqttProperties &properties)
{
    if (qGone)
        return; // the client was deleted from a signal of this session call
    const QStringList filters = pendingSubscribes.take(mid);
    for (qsizetype i = 0; i < filters.size() && i < codes.size(); ++i) {
        if (int(codes.at(i)) < 0x80 && !activeSubscriptions.contains(filters.at(i)))
            activeSubscriptions.append(filters.at(i));
    }
    emitSignal(&MqttClient::subscribed, mid, codes, properties);
}

void MqttClientPrivate::unsubscribeAcknowledged(int mid, const QList<ReasonCode> &codes, const MqttProperties &properties)
{
    if (qGone)
        return; // the client was deleted from a signal of this session call
    const QStringList filters = pendingUnsubscribes.take(mid);
    for (qsizetype i = 0; i < filters.size(); ++i) {
        if (i >= codes.size() || int(codes.at(i)) < 0x80)
            activeSubscriptions.removeAll(filters.at(i));
    }
    emitSignal(&MqttClient::unsubscribed, mid, codes, properties);
}

void MqttClientPrivate::authReceived(const MqttCodec::AuthPacket &auth)
{
    if (qGone)
        return; // the client was deleted from a signal of this session call
    if (authenticator) {
        const QString method = auth.properties.string(PropertyId::AuthenticationMethod).value_or(QString());
        const QByteArray data = auth.properties.binary(PropertyId::AuthenticationData).value_or(QByteArray());
        QString why;
        if (method != authenticator->method()) { // [MQTT-4.12.0-5] the same method throughout
            authenticationFailed(QStringLiteral("The broker's AUTH names the method \"%1\", not \"%2\"")
                                         .arg(method, authenticator->method()));
            return;
        }
        if (auth.reasonCode == ReasonCode::ContinueAuthentication) {
            QByteArray response;
            if (authenticator->challenge(data, &response, &why) != ErrorCode::NoError) {
                authenticationFailed(why);
                return;
            }
            MqttProperties props;
            props.setString(PropertyId::AuthenticationMethod, method);
            props.setBinary(PropertyId::AuthenticationData, response);
            session.sendAuth(ReasonCode::ContinueAuthentication, props, now());
        } else if (auth.reasonCode == ReasonCode::Success) { // a re-authentication completed
            if (authenticator->finish(data, &why) != ErrorCode::NoError) {
                authenticationFailed(why);
                return;
            }
        }
    }
    emitSignal(&MqttClient::authReceived, auth.reasonCode, auth.properties);
}

void MqttClientPrivate::authenticationFailed(const QString &why)
{
    // Called from inside the session: DISCONNECT now, close once the call unwinds; no
    // automatic retry (the same exchange would fail again).
    logLine(Mqtt::LogLevel::Error, why);
    session.disconnect(ReasonCode::UnspecifiedError, {}, now());
    permanentRefusal = true;
    pendingClose = PendingClose{ ErrorCode::Auth, ReasonCode::UnspecifiedError, why, {} };
}

bool MqttClientPrivate::takeResponse(const MqttMessage &message)
{
    if (responseTopicSubscribed.isEmpty() || message.topic() != responseTopicSubscribed)
        return false;
    const auto correlation = message.properties().binary(PropertyId::CorrelationData);
    if (!correlation)
        return false;
    const QPointer<MqttRequest> r = requests.value(*correlation);
    if (!r)
        return false;
    MqttRequestPrivate::get(r)->complete(ErrorCode::NoError, {}, message);
    return true;
}

void MqttClientPrivate::failRequests(ErrorCode error, const QString &why)
{
    const auto pending = requests;
    for (const QPointer<MqttRequest> &r : pending) {
        if (r)
            MqttRequestPrivate::get(r)->complete(error, why);
    }
    requests.clear();
    requestMids.clear();
}

void MqttClientPrivate::connectionMustClose(ErrorCode error, ReasonCode reasonCode, const QString &why,
                                            const MqttProperties &properties)
{
    // Called from inside the session: closed as soon as the session call has unwound
    // (processPendingClose() after each session call), without waiting for the loop.
    pendingClose = PendingClose{ error, reasonCode, why, properties };
}

void MqttClientPrivate::requestLost(int mid, bool subscribe)
{
    if (qGone)
        return; // the client was deleted from a signal of this session call
    const QStringList filters = subscribe ? pendingSubscribes.take(mid) : pendingUnsubscribes.take(mid);
    logLine(Mqtt::LogLevel::Warning,
            QStringLiteral("%1 %2 (mid %3) was not acknowledged before the connection closed; it is not resent")
                    .arg(subscribe ? QStringLiteral("SUBSCRIBE to") : QStringLiteral("UNSUBSCRIBE from"),
                         filters.join(QStringLiteral(", ")))
                    .arg(mid));
}

// ---- session store ---------------------------------------------------------------------------

ErrorCode MqttClientPrivate::attachStore(MqttSessionStore *newStore)
{
    QString why;
    ErrorCode e = newStore->open(opt.clientId, &why);
    if (e != ErrorCode::NoError) {
        refuse(e, why);
        return e;
    }
    auto candidate = std::make_unique<MqttSession::Journal>(newStore, opt.durability);
    candidate->setSession(&session);
    MqttSession::Snapshot snapshot;
    e = candidate->load(&snapshot, &why);
    if (e != ErrorCode::NoError) {
        newStore->close();
        refuse(e, why);
        return e;
    }
    const qsizetype outbound = qsizetype(snapshot.outbound.size());
    const qsizetype inbound = qsizetype(snapshot.inbound.size());
    session.restore(std::move(snapshot));
    journal = std::move(candidate);
    session.setPersistence(journal.get());
    store = newStore;
    storeClientId = opt.clientId;
    newStore->setParent(q);
    if (auto *log = qobject_cast<MqttLogSessionStore *>(newStore)) {
        // Queued: the store emits from inside commit(), inside the journal's commit, where
        // a handler must not publish (or delete the client).
        storeConnection = QObject::connect(log, &MqttLogSessionStore::compactionFailed, q, [this](const QString &why) {
            const Busy busy(this);
            logLine(Mqtt::LogLevel::Warning, why);
        }, Qt::QueuedConnection);
    }
    if (outbound > 0 || inbound > 0)
        logLine(Mqtt::LogLevel::Info,
                QStringLiteral("Session of \"%1\" restored from the store: %2 message(s) to send, %3 inbound QoS 2 "
                               "message(s) awaiting PUBREL")
                        .arg(opt.clientId)
                        .arg(outbound)
                        .arg(inbound));
    return ErrorCode::NoError;
}

void MqttClientPrivate::detachStore(bool deleteIt)
{
    session.setPersistence(nullptr);
    journal.reset();
    storeClientId.clear();
    if (MqttSessionStore *old = store.data()) {
        store = nullptr;
        QObject::disconnect(storeConnection);
        old->close();
        if (deleteIt)
            delete old;
        else
            old->setParent(nullptr);
    }
}

bool MqttClientPrivate::commitStore()
{
    QString why;
    if (journal->commit(&why) == ErrorCode::NoError) {
        deliveriesSinceCommit = 0;
        return true;
    }
    onStoreFailure(why);
    return false;
}

void MqttClientPrivate::onStoreFailure(const QString &why)
{
    if (inStoreFailure)
        return;
    inStoreFailure = true;
    // The store is the truth: continue from what it holds, exactly as a restarted process
    // would. Nothing of this pass reaches the broker (its PUBLISH, PUBREC, PUBCOMP and
    // PUBACK packets are dropped with the connection, so the broker sends again what it
    // sent), and the messages it decoded are not delivered (they come again).
    const QString text = why + QStringLiteral("; the session continues from the store's last commit");
    logLine(Mqtt::LogLevel::Error, text);
    session.drainOutput([](const QByteArray &) { });
    for (; deliveriesSinceCommit > 0 && !pendingDeliveries.empty(); --deliveriesSinceCommit) {
        pendingDeliveryBytes -= pendingDeliveries.back().payload.size();
        pendingDeliveries.pop_back();
    }
    deliveriesSinceCommit = 0;
    MqttSession::Snapshot snapshot;
    QString loadWhy;
    if (journal->load(&snapshot, &loadWhy) != ErrorCode::NoError) {
        // Unreadable as well: every message fails, and the next commit empties the store
        // so that no later process brings back what was reported failed.
        logLine(Mqtt::LogLevel::Error, loadWhy);
        snapshot = MqttSession::Snapshot();
        snapshot.lastMid = session.lastMid();
        snapshot.lastPacketId = session.lastPacketId();
        journal->cleared();
    }
    const std::vector<MqttSession::Session::Abandoned> abandoned = session.restore(std::move(snapshot));
    const bool hadTransport = transport != nullptr;
    if (hadTransport) {
        const bool wasOpen = socketOpen;
        if (!errorReportedForEnd) {
            errorReportedForEnd = errorSignalPending = true;
            error = ErrorCode::SessionStore;
            errorString = text;
        }
        retireTransport();
        connectionEnded(wasOpen, ErrorCode::SessionStore);
    } else {
        setError(ErrorCode::SessionStore, text);
    }
    if (qGone)
        return;
    const QPointer<MqttClient> alive(q);
    for (const auto &m : abandoned) {
        const QString lost = QStringLiteral("Message %1 was not saved by the session store: %2").arg(m.mid).arg(why);
        if (m.info)
            m.info->complete(ErrorCode::SessionStore);
        emitSignal(&MqttClient::publishFailed, m.mid, ErrorCode::SessionStore, lost);
        if (!alive)
            return;
    }
    inStoreFailure = false;
}

// ---- calls ---------------------------------------------------------------------------------

MqttResult MqttClientPrivate::finishCall(const MqttSession::Result &r)
{
    if (r.rc != ErrorCode::NoError)
        refuse(r.rc, r.why.isEmpty() ? Mqtt::errorString(r.rc) : r.why);
    afterEvent();
    return { r.rc, r.mid };
}

MqttMessageInfo MqttClientPrivate::publish(MqttSession::PublishRequest &&request, int mid,
                                           MqttMessageInfoState preallocated)
{
    MqttMessageInfoState info = std::move(preallocated);
    const QoS qos = request.qos;
    const MqttSession::Result r = session.publish(std::move(request), now(), qos != QoS::AtMostOnce ? &info : nullptr, mid);
    finishCall(r);
    if (r.rc != ErrorCode::NoError) {
        if (info)
            info->complete(r.rc);
        return MqttMessageInfo(r.rc, mid);
    }
    if (qos == QoS::AtMostOnce) {
        if (info) {
            qos0Unwritten.push_back({ r.mid, info });
        } else {
            // Same-thread QoS 0 messages written in one pass share one completion state.
            if (!qos0Batch)
                qos0Batch = MqttMessageInfoState(new MqttMessageInfoPrivate);
            info = qos0Batch;
            qos0Unwritten.push_back({ r.mid, {} });
        }
    }
    MqttMessageInfo result(ErrorCode::NoError, r.mid);
    MqttMessageInfoPrivate::attach(result, info);
    return result;
}

MqttMessageInfo MqttClientPrivate::publishFromOtherThread(MqttSession::PublishRequest &&request)
{
    // What can be known here is checked here; the rest in the client's thread, where a
    // refusal fails the info and emits publishFailed() with the same mid.
    MqttSession::Result r = MqttSession::Session::checkPublish(request, ProtocolVersion(versionSnapshot.load()));
    if (r.rc == ErrorCode::NoError && request.qos == QoS::AtMostOnce
        && stateSnapshot.load() != int(ClientState::Connected))
        r = { ErrorCode::NoConnection, 0, QStringLiteral("QoS 0 messages are not queued while disconnected") };
    if (r.rc != ErrorCode::NoError)
        return MqttMessageInfo(refuseLater(r.rc, r.why).rc, 0);
    const int mid = session.reserveMid();
    MqttMessageInfoState info(new MqttMessageInfoPrivate);
    MqttMessageInfo result(ErrorCode::NoError, mid);
    MqttMessageInfoPrivate::attach(result, info);
    post(PublishCommand{ std::move(request), mid, std::move(info) });
    return result;
}

MqttResult MqttClientPrivate::subscribe(const QList<MqttCodec::Subscription> &subscriptions,
                                        const MqttProperties &properties)
{
    QStringList filters;
    for (const auto &s : subscriptions)
        filters.append(s.filter);
    if (!onClientThread()) {
        // What can be known here is refused here, with the same error() and errorOccurred()
        // (from the client's thread) as a call there; the session checks the rest.
        if (const MqttSession::Result r = MqttSession::Session::checkSubscribeFilters(subscriptions);
            r.rc != ErrorCode::NoError)
            return refuseLater(r.rc, r.why);
        if (stateSnapshot.load() != int(ClientState::Connected))
            return refuseLater(ErrorCode::NoConnection, QStringLiteral("Not connected"));
        const int mid = session.reserveMid();
        post(SubscribeCommand{ subscriptions, properties, mid });
        return { ErrorCode::NoError, mid };
    }
    const MqttResult r = finishCall(session.subscribe(subscriptions, properties, now()));
    if (r.rc == ErrorCode::NoError) {
        pendingSubscribes.insert(r.mid, filters);
        if (inConnackSignal)
            subscribedInConnackSignal.unite(QSet<QString>(filters.cbegin(), filters.cend()));
    }
    return r;
}

MqttResult MqttClientPrivate::unsubscribe(const QStringList &filters, const MqttProperties &properties)
{
    if (!onClientThread()) {
        if (const MqttSession::Result r = MqttSession::Session::checkUnsubscribeFilters(filters);
            r.rc != ErrorCode::NoError)
            return refuseLater(r.rc, r.why);
        if (stateSnapshot.load() != int(ClientState::Connected))
            return refuseLater(ErrorCode::NoConnection, QStringLiteral("Not connected"));
        const int mid = session.reserveMid();
        post(UnsubscribeCommand{ filters, properties, mid });
        return { ErrorCode::NoError, mid };
    }
    const MqttResult r = finishCall(session.unsubscribe(filters, properties, now()));
    if (r.rc == ErrorCode::NoError)
        pendingUnsubscribes.insert(r.mid, filters);
    return r;
}

void MqttClientPrivate::post(Command &&command)
{
    bool wasEmpty;
    {
        std::lock_guard<std::mutex> lock(inboxMutex);
        wasEmpty = inbox.empty();
        inbox.push_back(std::move(command));
    }
    // One wake-up for a whole batch: the client's thread takes everything queued so far.
    if (wasEmpty)
        QMetaObject::invokeMethod(q, [this] {
            const Busy busy(this);
            drainInbox();
        }, Qt::QueuedConnection);
}

void MqttClientPrivate::drainInbox()
{
    std::vector<Command> batch;
    {
        std::lock_guard<std::mutex> lock(inboxMutex);
        batch.swap(inbox);
    }
    for (Command &command : batch) {
        if (qGone) {
            // A handler deleted the client: what the other threads still sent fails now,
            // as ~MqttClient() failed what was still in the inbox.
            if (auto *p = std::get_if<PublishCommand>(&command))
                p->info->complete(ErrorCode::NoConnection);
            continue;
        }
        if (auto *p = std::get_if<PublishCommand>(&command)) {
            const MqttMessageInfo info = publish(std::move(p->request), p->mid, p->info);
            if (info.rc() != ErrorCode::NoError)
                emitSignal(&MqttClient::publishFailed, p->mid, info.rc(), errorString);
        } else if (auto *s = std::get_if<SubscribeCommand>(&command)) {
            const MqttResult r = finishCall(session.subscribe(s->subscriptions, s->properties, now(), s->mid));
            if (r.rc == ErrorCode::NoError) {
                QStringList filters;
                for (const auto &sub : s->subscriptions)
                    filters.append(sub.filter);
                pendingSubscribes.insert(r.mid, filters);
            }
        } else if (auto *u = std::get_if<UnsubscribeCommand>(&command)) {
            const MqttResult r = finishCall(session.unsubscribe(u->filters, u->properties, now(), u->mid));
            if (r.rc == ErrorCode::NoError)
                pendingUnsubscribes.insert(r.mid, u->filters);
        }
    }
}

// ---- MqttClient ----------------------------------------------------------------------------

MqttClient::MqttClient(QObject *parent) : QObject(parent), d(new MqttClientPrivate(this)) { }

MqttClient::MqttClient(const QString &clientId, QObject *parent) : MqttClient(parent)
{
    if (!clientId.isEmpty()) {
        d->opt.clientId = clientId;
        d->opt.clientIdIsGenerated = false;
    }
}

MqttClient::~MqttClient()
{
    // The registry first: its objects are told the client is gone, and none of them sends
    // anything while they are deleted with the client's other children.
    delete d->subscriptionRegistry.data();
    d->failRequests(ErrorCode::NoConnection, QStringLiteral("The client was destroyed"));
    if (d->journal) {
        // What was accepted in this last pass is kept for the next process; unless a
        // handler deletes the client inside the processing of a read that decoded messages
        // not yet acknowledged or delivered (their PUBREL may be among the changes): the
        // store then keeps its last commit, as after a crash at this point, and the broker
        // sends them again.
        QString why;
        const bool midRead = d->busy > 0 && d->deliveriesSinceCommit > 0;
        if (!midRead && (d->journal->hasPending() || d->journal->hasUnsavedCounters())
            && d->journal->commit(&why, true) != ErrorCode::NoError)
            d->logLine(Mqtt::LogLevel::Error, why);
        d->session.setPersistence(nullptr);
        if (d->store)
            d->store->close();
    }
    d->session.abandon(ErrorCode::NoConnection);
    {
        std::lock_guard<std::mutex> lock(d->inboxMutex);
        for (auto &command : d->inbox) {
            if (auto *p = std::get_if<MqttClientPrivate::PublishCommand>(&command))
                p->info->complete(ErrorCode::NoConnection);
        }
        d->inbox.clear();
    }
    for (auto *list : { &d->qos0Unwritten, &d->qos0Written }) {
        for (const auto &m : *list) {
            if (m.info)
                m.info->complete(ErrorCode::NoConnection);
        }
    }
    if (d->qos0Batch)
        d->qos0Batch->complete(ErrorCode::NoConnection);
    for (const auto &batch : d->qos0WrittenBatches)
        batch->complete(ErrorCode::NoError); // written: a QoS 0 message is published then
    if (d->transport) {
        d->transport->disconnect(this);
        d->transport->abort();
    }
    for (const QPointer<MqttTransport> &closing : std::exchange(d->closingTransports, {})) {
        if (closing) {
            closing->abort();
            d->disposeTransport(closing);
        }
    }
    if (d->busy > 0) {
        // Deleted by a handler of a signal emitted from the event loop's processing of
        // this client, which is still on the stack: the private part stays until it
        // unwinds (MqttClientPrivate::Busy deletes it).
        d->orphan();
        (void)d.release();
    }
}

Mqtt::ErrorCode MqttClient::reinitialise(const QString &clientId, bool cleanSession, const QVariant &userData)
{
    if (clientId.isEmpty() && !cleanSession) {
        d->refuse(ErrorCode::Invalid, QStringLiteral("A persistent session (clean session false) needs a client id"));
        return ErrorCode::Invalid;
    }
    d->retireTransport();
    d->reconnectTimer.stop();
    d->connectTimer.stop();
    d->tickTimer.stop();
    d->closeTimer.stop();
    d->pendingDeliveries.clear();
    d->pendingDeliveryBytes = 0;
    d->readStalled = false;
    const bool wasOpen = d->socketOpen;
    d->socketOpen = false;
    d->pendingClose.reset();
    ++d->generation;
    d->failRequests(ErrorCode::NoConnection, QStringLiteral("The client was reinitialised"));
    d->responseTopicSubscribed.clear();
    d->session.reset(); // fails pending QoS 1/2 messages: publishFailed() per message
    d->failUnwrittenQos0(QStringLiteral("the client was reinitialised"));
    const bool hadAuthenticator = d->authenticator != nullptr;
    delete d->authenticator.data();
    d->authenticator = nullptr;
    const bool hadStore = d->store != nullptr;
    if (hadStore) {
        // The failed messages leave the store too, then the store goes (it is an option).
        QString why;
        if (d->journal->commit(&why) != ErrorCode::NoError)
            d->refuse(ErrorCode::SessionStore, why);
        d->detachStore(true);
    }

    const MqttClientPrivate::Options old = d->opt;
    d->opt = {};
    d->opt.clientId = clientId.isEmpty() ? generateClientId() : clientId;
    d->opt.clientIdIsGenerated = clientId.isEmpty();
    d->opt.cleanSession = cleanSession;
    d->opt.userData = userData;
    d->versionSnapshot.store(int(d->opt.protocolVersion));
    // The session keeps its own copy of the limits (max queued, in-flight window...):
    // the defaults apply from now on, not from the next connection.
    d->session.config() = d->sessionConfig();
    d->userDisconnect = false;
    d->connectRequested = false;
    d->connectedSinceRequest = false;
    d->permanentRefusal = false;
    d->assignedClientId.clear();
    d->currentReconnectDelay = d->opt.reconnectDelayMin;
    const bool attemptChanged = d->reconnectAttempt != 0;
    d->reconnectAttempt = 0;
    d->nextReconnectAt = {};
    d->pendingSubscribes.clear();
    d->pendingUnsubscribes.clear();
    d->activeSubscriptions.clear();
    d->serverEntries.clear();
    d->useServerList = false;
    d->redirectTo.reset();
    d->redirectCount = 0;
    d->setCurrentServer(QString());
    const bool serverChanged = d->serverProperties.isValid();
    d->serverProperties = {};

    // The order of every end of a connection (README "Errors: one rule"): the state, then
    // socketClosed(); no disconnected(), as with closeForNewConnection(): this is your own
    // synchronous call, and the signals come from inside it.
    d->setState(ClientState::Disconnected);
    if (wasOpen)
        Q_EMIT socketClosed();
    d->clearError();
    const auto &now = d->opt;
    if (old.clientId != now.clientId)
        Q_EMIT clientIdChanged();
    if (old.brokerAssignsClientId != now.brokerAssignsClientId)
        Q_EMIT brokerAssignsClientIdChanged();
    if (old.cleanSession != now.cleanSession)
        Q_EMIT cleanSessionChanged();
    if (old.userData != now.userData)
        Q_EMIT userDataChanged();
    if (old.protocolVersion != now.protocolVersion)
        Q_EMIT protocolVersionChanged();
    if (old.transport != now.transport)
        Q_EMIT transportChanged();
    if (old.tls != now.tls)
        Q_EMIT tlsOptionsChanged();
    if (old.webSocket != now.webSocket)
        Q_EMIT webSocketOptionsChanged();
    if (old.proxy != now.proxy)
        Q_EMIT proxyChanged();
    if (old.servers != now.servers)
        Q_EMIT serversChanged();
    if (old.followServerReference != now.followServerReference)
        Q_EMIT followServerReferenceChanged();
    if (old.host != now.host)
        Q_EMIT hostChanged();
    if (old.port != now.port)
        Q_EMIT portChanged();
    if (old.keepAlive != now.keepAlive)
        Q_EMIT keepAliveChanged();
    if (old.bindAddress != now.bindAddress)
        Q_EMIT bindAddressChanged();
    if (old.username != now.username || old.username.isNull() != now.username.isNull())
        Q_EMIT usernameChanged();
    if (old.password != now.password || old.password.isNull() != now.password.isNull())
        Q_EMIT passwordChanged();
    if (old.will != now.will)
        Q_EMIT willChanged();
    if (old.maxInflight != now.maxInflight)
        Q_EMIT maxInflightMessagesChanged();
    if (old.maxQueued != now.maxQueued)
        Q_EMIT maxQueuedMessagesChanged();
    if (old.messageRetry != now.messageRetry)
        Q_EMIT messageRetryChanged();
    if (old.reconnectDelayMin != now.reconnectDelayMin || old.reconnectDelayMax != now.reconnectDelayMax)
        Q_EMIT reconnectDelayChanged();
    if (old.autoReconnect != now.autoReconnect)
        Q_EMIT autoReconnectChanged();
    if (old.retryFirstConnection != now.retryFirstConnection)
        Q_EMIT retryFirstConnectionChanged();
    if (old.republishOnCleanSession != now.republishOnCleanSession)
        Q_EMIT republishOnCleanSessionChanged();
    if (old.connectTimeout != now.connectTimeout)
        Q_EMIT connectTimeoutChanged();
    if (old.loggerEnabled != now.loggerEnabled)
        Q_EMIT loggerEnabledChanged();
    if (old.connectProperties != now.connectProperties)
        Q_EMIT connectPropertiesChanged();
    if (old.durability != now.durability)
        Q_EMIT sessionDurabilityChanged();
    if (old.autoTopicAlias != now.autoTopicAlias)
        Q_EMIT autoTopicAliasChanged();
    if (old.streamPacing != now.streamPacing)
        Q_EMIT streamPacingChanged();
    if (hadStore)
        Q_EMIT sessionStoreChanged();
    if (hadAuthenticator)
        Q_EMIT authenticatorChanged();
    if (serverChanged)
        Q_EMIT serverPropertiesChanged();
    if (attemptChanged)
        Q_EMIT reconnectAttemptChanged();
    return ErrorCode::NoError;
}

// ---- options ---------------------------------------------------------------------------

QString MqttClient::clientId() const
{
    if (d->opt.brokerAssignsClientId)
        return d->assignedClientId;
    return d->opt.clientId;
}

void MqttClient::setClientId(const QString &clientId)
{
    const QString before = this->clientId();
    d->opt.clientIdIsGenerated = clientId.isEmpty();
    d->opt.clientId = clientId.isEmpty() ? generateClientId() : clientId;
    if (this->clientId() != before)
        Q_EMIT clientIdChanged();
}

bool MqttClient::brokerAssignsClientId() const { return d->opt.brokerAssignsClientId; }
void MqttClient::setBrokerAssignsClientId(bool assign)
{
    if (assign == d->opt.brokerAssignsClientId)
        return;
    const QString before = clientId();
    d->opt.brokerAssignsClientId = assign;
    d->assignedClientId.clear();
    Q_EMIT brokerAssignsClientIdChanged();
    if (clientId() != before)
        Q_EMIT clientIdChanged();
}

bool MqttClient::cleanSession() const { return d->opt.cleanSession; }
void MqttClient::setCleanSession(bool clean)
{
    if (clean == d->opt.cleanSession)
        return;
    d->opt.cleanSession = clean;
    Q_EMIT cleanSessionChanged();
}

QVariant MqttClient::userData() const { return d->opt.userData; }
void MqttClient::setUserData(const QVariant &userData)
{
    if (userData == d->opt.userData && userData.metaType() == d->opt.userData.metaType())
        return;
    d->opt.userData = userData;
    Q_EMIT userDataChanged();
}

Mqtt::ProtocolVersion MqttClient::protocolVersion() const { return d->opt.protocolVersion; }
bool MqttClient::setProtocolVersion(Mqtt::ProtocolVersion version)
{
    if (version != ProtocolVersion::V3_1 && version != ProtocolVersion::V3_1_1 && version != ProtocolVersion::V5)
        return d->refuse(ErrorCode::Invalid,
                         QStringLiteral("protocolVersion must be 3 (3.1), 4 (3.1.1) or 5, not %1").arg(int(version)));
    if (version == d->opt.protocolVersion)
        return true;
    d->opt.protocolVersion = version;
    d->versionSnapshot.store(int(version));
    // Messages queued before the next connection are checked against it (MQTT 5
    // properties); an open connection keeps the version it was made with.
    if (!d->socketOpen)
        d->session.config().version = version;
    Q_EMIT protocolVersionChanged();
    return true;
}

Mqtt::Transport MqttClient::transport() const { return d->opt.transport; }
void MqttClient::setTransport(Mqtt::Transport transport)
{
    if (transport == d->opt.transport)
        return;
    d->opt.transport = transport;
    Q_EMIT transportChanged();
}

// ---- TLS, WebSockets, proxies, devices ------------------------------------------------

Mqtt::ErrorCode MqttClient::tlsSet(const QString &caCertificatesFile, const QString &certificateFile,
                                   const QString &keyFile, MqttTlsOptions::CertificateRequirement certificateRequirement,
                                   MqttTlsOptions::TlsVersion minimumVersion, const QString &ciphers,
                                   const QByteArray &keyPassphrase, const QStringList &alpnProtocols)
{
    MqttTlsOptions tls;
    QString why;
    const bool ok = tls.setCaCertificatesFile(caCertificatesFile, &why)
            && (certificateFile.isEmpty() && keyFile.isEmpty()
                        ? true
                        : tls.setLocalCertificateFiles(certificateFile, keyFile, keyPassphrase, &why))
            && (ciphers.isEmpty() || tls.setCiphers(ciphers, &why)) && tls.setAlpnProtocols(alpnProtocols, &why);
    if (!ok) {
        d->refuse(ErrorCode::Invalid, QStringLiteral("tlsSet(): ") + why);
        return ErrorCode::Invalid;
    }
    tls.setCertificateRequirement(certificateRequirement);
    tls.setMinimumTlsVersion(minimumVersion);
    if (d->opt.tls)
        tls.setHostNameVerificationEnabled(d->opt.tls->isHostNameVerificationEnabled());
    setTlsOptions(tls);
    return ErrorCode::NoError;
}

Mqtt::ErrorCode MqttClient::tlsSetContext(const QSslConfiguration &configuration)
{
    setTlsOptions(MqttTlsOptions::fromSslConfiguration(configuration));
    return ErrorCode::NoError;
}

Mqtt::ErrorCode MqttClient::tlsInsecureSet(bool insecure)
{
    if (!d->opt.tls) {
        d->refuse(ErrorCode::Invalid, QStringLiteral("tlsInsecureSet() needs TLS: call tlsSet() first"));
        return ErrorCode::Invalid;
    }
    MqttTlsOptions tls = *d->opt.tls;
    tls.setHostNameVerificationEnabled(!insecure);
    setTlsOptions(tls);
    return ErrorCode::NoError;
}

bool MqttClient::isTlsEnabled() const { return d->opt.tls.has_value(); }
MqttTlsOptions MqttClient::tlsOptions() const { return d->opt.tls ? *d->opt.tls : MqttTlsOptions(); }
void MqttClient::setTlsOptions(const MqttTlsOptions &options)
{
    if (d->opt.tls && *d->opt.tls == options)
        return;
    d->opt.tls = options;
    Q_EMIT tlsOptionsChanged();
}
void MqttClient::clearTlsOptions()
{
    if (!d->opt.tls)
        return;
    d->opt.tls.reset();
    Q_EMIT tlsOptionsChanged();
}

Mqtt::ErrorCode MqttClient::wsSetOptions(const QString &path, const MqttWebSocketOptions::Headers &headers)
{
    MqttWebSocketOptions ws;
    QString why;
    if (!ws.setPath(path, &why) || !ws.setHeaders(headers, &why)) {
        d->refuse(ErrorCode::Invalid, QStringLiteral("wsSetOptions(): ") + why);
        return ErrorCode::Invalid;
    }
    setWebSocketOptions(ws);
    return ErrorCode::NoError;
}

Mqtt::ErrorCode MqttClient::wsSetOptions(const QString &path, const MqttWebSocketOptions::HeadersCallback &headers)
{
    MqttWebSocketOptions ws;
    QString why;
    if (!ws.setPath(path, &why)) {
        d->refuse(ErrorCode::Invalid, QStringLiteral("wsSetOptions(): ") + why);
        return ErrorCode::Invalid;
    }
    ws.setHeadersCallback(headers);
    setWebSocketOptions(ws);
    return ErrorCode::NoError;
}

MqttWebSocketOptions MqttClient::webSocketOptions() const { return d->opt.webSocket; }
void MqttClient::setWebSocketOptions(const MqttWebSocketOptions &options)
{
    if (options == d->opt.webSocket)
        return;
    d->opt.webSocket = options;
    Q_EMIT webSocketOptionsChanged();
}

Mqtt::ErrorCode MqttClient::proxySet(QNetworkProxy::ProxyType type, const QString &host, quint16 port,
                                     const QString &user, const QString &password)
{
    QString why;
    if (type != QNetworkProxy::HttpProxy && type != QNetworkProxy::Socks5Proxy)
        why = QStringLiteral("proxySet(): the proxy must be HTTP (CONNECT) or SOCKS5");
    else if (host.isEmpty() || port == 0)
        why = QStringLiteral("proxySet(): the proxy needs a host and a port");
    if (!why.isEmpty()) {
        d->refuse(ErrorCode::Invalid, why);
        return ErrorCode::Invalid;
    }
    setProxy(QNetworkProxy(type, host, port, user, password));
    return ErrorCode::NoError;
}

QNetworkProxy MqttClient::proxy() const { return d->opt.proxy; }
void MqttClient::setProxy(const QNetworkProxy &proxy)
{
    if (proxy == d->opt.proxy)
        return;
    d->opt.proxy = proxy;
    Q_EMIT proxyChanged();
}

Mqtt::ErrorCode MqttClient::setTransportDevice(QIODevice *device, Mqtt::DeviceOwnership ownership)
{
    if (!device) {
        d->refuse(ErrorCode::Invalid, QStringLiteral("setTransportDevice(): no device"));
        return ErrorCode::Invalid;
    }
    d->opt.device = device;
    d->opt.deviceOwnership = ownership;
    setTransport(Mqtt::Transport::Device);
    return ErrorCode::NoError;
}

// ---- servers ----------------------------------------------------------------------------

QStringList MqttClient::servers() const { return d->opt.servers; }
bool MqttClient::setServers(const QStringList &servers)
{
    QList<MqttServerEntry> entries;
    for (const QString &uri : servers) {
        QString why;
        const auto entry = parseServerUri(uri, &why);
        if (!entry)
            return d->refuse(ErrorCode::Invalid, QStringLiteral("servers: ") + why);
        entries.append(*entry);
    }
    if (servers == d->opt.servers)
        return true;
    d->opt.servers = servers;
    Q_EMIT serversChanged();
    return true;
}

bool MqttClient::followServerReference() const { return d->opt.followServerReference; }
void MqttClient::setFollowServerReference(bool follow)
{
    if (follow == d->opt.followServerReference)
        return;
    d->opt.followServerReference = follow;
    Q_EMIT followServerReferenceChanged();
}

QString MqttClient::currentServer() const { return d->currentServer; }

QString MqttClient::host() const { return d->opt.host; }
void MqttClient::setHost(const QString &host)
{
    if (host == d->opt.host)
        return;
    d->opt.host = host;
    Q_EMIT hostChanged();
}

int MqttClient::port() const { return d->opt.port; }
bool MqttClient::setPort(int port)
{
    if (port < 0 || port > 65535)
        return d->refuse(ErrorCode::Invalid, QStringLiteral("port must be 1..65535 (0 for a local socket or a device), not %1").arg(port));
    if (port != d->opt.port) {
        d->opt.port = port;
        Q_EMIT portChanged();
    }
    return true;
}

int MqttClient::keepAlive() const { return d->opt.keepAlive; }
bool MqttClient::setKeepAlive(int seconds)
{
    if (seconds < 0 || seconds > 65535)
        return d->refuse(ErrorCode::Invalid, QStringLiteral("keepAlive must be 0..65535 seconds, not %1").arg(seconds));
    if (seconds != d->opt.keepAlive) {
        d->opt.keepAlive = seconds;
        Q_EMIT keepAliveChanged();
    }
    return true;
}

QString MqttClient::bindAddress() const { return d->opt.bindAddress; }
bool MqttClient::setBindAddress(const QString &address)
{
    if (!isValidBindAddress(address))
        return d->refuse(ErrorCode::Invalid, QStringLiteral("bindAddress \"%1\" is not an IP address").arg(address));
    if (address != d->opt.bindAddress) {
        d->opt.bindAddress = address;
        Q_EMIT bindAddressChanged();
    }
    return true;
}

void MqttClient::setCredentials(const QString &username, const QByteArray &password)
{
    setUsername(username);
    setPassword(password);
}
QString MqttClient::username() const { return d->opt.username; }
void MqttClient::setUsername(const QString &username)
{
    if (username == d->opt.username && username.isNull() == d->opt.username.isNull())
        return;
    d->opt.username = username;
    Q_EMIT usernameChanged();
}
QByteArray MqttClient::password() const { return d->opt.password; }
void MqttClient::setPassword(const QByteArray &password)
{
    if (password == d->opt.password && password.isNull() == d->opt.password.isNull())
        return;
    d->opt.password = password;
    Q_EMIT passwordChanged();
}

Mqtt::ErrorCode MqttClient::setWill(const MqttWill &will)
{
    QString why;
    if (will.isNull())
        why = QStringLiteral("The will topic is empty");
    else if (int(will.qos()) < 0 || int(will.qos()) > 2)
        why = QStringLiteral("The will QoS must be 0, 1 or 2, not %1").arg(int(will.qos()));
    else if (!Mqtt::isValidTopicName(will.topic()))
        why = MqttTopic::nameProblem(will.topic(), QLatin1String("The will topic"));
    else if (will.payload().size() > 65535)
        why = QStringLiteral("The will payload of %1 bytes is longer than 65,535 bytes").arg(will.payload().size());
    else if (!will.properties().isEmpty() && d->opt.protocolVersion != ProtocolVersion::V5)
        why = QStringLiteral("Will properties need MQTT 5");
    else
        why = MqttCodec::checkProperties(will.properties(), MqttCodec::PacketType::Connect, true);
    if (!why.isEmpty()) {
        d->refuse(ErrorCode::Invalid, why);
        return ErrorCode::Invalid;
    }
    if (will != d->opt.will) {
        d->opt.will = will;
        Q_EMIT willChanged();
    }
    return ErrorCode::NoError;
}

Mqtt::ErrorCode MqttClient::setWill(const QString &topic, const QByteArray &payload, Mqtt::QoS qos, bool retain,
                                    const MqttProperties &properties)
{
    return setWill(MqttWill(topic, payload, qos, retain, properties));
}

void MqttClient::clearWill()
{
    if (d->opt.will.isNull())
        return;
    d->opt.will = MqttWill();
    Q_EMIT willChanged();
}
MqttWill MqttClient::will() const { return d->opt.will; }

int MqttClient::maxInflightMessages() const { return d->opt.maxInflight; }
bool MqttClient::setMaxInflightMessages(int count)
{
    if (count < 0)
        return d->refuse(ErrorCode::Invalid, QStringLiteral("maxInflightMessages must not be negative, not %1").arg(count));
    if (count != d->opt.maxInflight) {
        d->opt.maxInflight = count;
        d->session.config().maxInflight = count;
        Q_EMIT maxInflightMessagesChanged();
    }
    return true;
}

int MqttClient::maxQueuedMessages() const { return d->opt.maxQueued; }
bool MqttClient::setMaxQueuedMessages(int count)
{
    if (count < 0)
        return d->refuse(ErrorCode::Invalid, QStringLiteral("maxQueuedMessages must not be negative, not %1").arg(count));
    if (count != d->opt.maxQueued) {
        d->opt.maxQueued = count;
        d->session.config().maxQueued = count;
        Q_EMIT maxQueuedMessagesChanged();
    }
    return true;
}

int MqttClient::messageRetry() const { return d->opt.messageRetry; }
bool MqttClient::setMessageRetry(int seconds)
{
    if (seconds < 0 || seconds > std::numeric_limits<int>::max() / 1000)
        return d->refuse(ErrorCode::Invalid, QStringLiteral("messageRetry must be 0..2147483 seconds, not %1").arg(seconds));
    if (seconds != d->opt.messageRetry) {
        d->opt.messageRetry = seconds;
        d->session.config().messageRetryMs = seconds * 1000;
        d->armTimer();
        Q_EMIT messageRetryChanged();
    }
    return true;
}

bool MqttClient::setReconnectDelay(int minDelay, int maxDelay)
{
    if (minDelay <= 0 || maxDelay < minDelay || maxDelay > std::numeric_limits<int>::max() / 2000)
        return d->refuse(ErrorCode::Invalid,
                         QStringLiteral("The reconnect delays must satisfy 0 < min <= max, not min %1, max %2")
                                 .arg(minDelay)
                                 .arg(maxDelay));
    if (minDelay == d->opt.reconnectDelayMin && maxDelay == d->opt.reconnectDelayMax)
        return true;
    d->opt.reconnectDelayMin = minDelay;
    d->opt.reconnectDelayMax = maxDelay;
    d->currentReconnectDelay = minDelay;
    Q_EMIT reconnectDelayChanged();
    return true;
}
int MqttClient::reconnectDelayMin() const { return d->opt.reconnectDelayMin; }
bool MqttClient::setReconnectDelayMin(int seconds) { return setReconnectDelay(seconds, d->opt.reconnectDelayMax); }
int MqttClient::reconnectDelayMax() const { return d->opt.reconnectDelayMax; }
bool MqttClient::setReconnectDelayMax(int seconds) { return setReconnectDelay(d->opt.reconnectDelayMin, seconds); }

bool MqttClient::autoReconnect() const { return d->opt.autoReconnect; }
void MqttClient::setAutoReconnect(bool enabled)
{
    if (enabled == d->opt.autoReconnect)
        return;
    d->opt.autoReconnect = enabled;
    Q_EMIT autoReconnectChanged();
    if (!enabled && d->state == ClientState::WaitingToReconnect) {
        d->reconnectTimer.stop();
        d->connectRequested = false;
        d->reconnectAttempt = 0;
        d->nextReconnectAt = {};
        d->setState(ClientState::Disconnected);
        Q_EMIT reconnectAttemptChanged();
    }
}

bool MqttClient::retryFirstConnection() const { return d->opt.retryFirstConnection; }
void MqttClient::setRetryFirstConnection(bool retry)
{
    if (retry == d->opt.retryFirstConnection)
        return;
    d->opt.retryFirstConnection = retry;
    Q_EMIT retryFirstConnectionChanged();
}

bool MqttClient::republishOnCleanSession() const { return d->opt.republishOnCleanSession; }
void MqttClient::setRepublishOnCleanSession(bool republish)
{
    if (republish == d->opt.republishOnCleanSession)
        return;
    d->opt.republishOnCleanSession = republish;
    d->session.config().republishOnCleanSession = republish;
    Q_EMIT republishOnCleanSessionChanged();
}

int MqttClient::connectTimeout() const { return d->opt.connectTimeout; }
bool MqttClient::setConnectTimeout(int msecs)
{
    if (msecs <= 0)
        return d->refuse(ErrorCode::Invalid, QStringLiteral("connectTimeout must be positive, not %1 ms").arg(msecs));
    if (msecs != d->opt.connectTimeout) {
        d->opt.connectTimeout = msecs;
        Q_EMIT connectTimeoutChanged();
    }
    return true;
}

bool MqttClient::isLoggerEnabled() const { return d->opt.loggerEnabled; }
void MqttClient::setLoggerEnabled(bool enabled)
{
    if (enabled == d->opt.loggerEnabled)
        return;
    d->opt.loggerEnabled = enabled;
    Q_EMIT loggerEnabledChanged();
}
void MqttClient::enableLogger() { setLoggerEnabled(true); }
void MqttClient::disableLogger() { setLoggerEnabled(false); }

MqttProperties MqttClient::connectProperties() const { return d->opt.connectProperties; }
bool MqttClient::setConnectProperties(const MqttProperties &properties)
{
    const QString why = MqttCodec::checkProperties(properties, MqttCodec::PacketType::Connect);
    if (!why.isEmpty())
        return d->refuse(ErrorCode::Invalid, why);
    if (properties != d->opt.connectProperties) {
        d->opt.connectProperties = properties;
        Q_EMIT connectPropertiesChanged();
    }
    return true;
}

// ---- state -------------------------------------------------------------------------------

Mqtt::ClientState MqttClient::state() const { return d->state; }
bool MqttClient::isConnected() const { return d->state == ClientState::Connected; }
Mqtt::ErrorCode MqttClient::error() const { return d->error; }
QString MqttClient::errorString() const { return d->errorString; }
MqttServerProperties MqttClient::serverProperties() const { return d->serverProperties; }
int MqttClient::reconnectAttempt() const { return d->reconnectAttempt; }
QDateTime MqttClient::nextReconnectAttempt() const
{
    return d->state == ClientState::WaitingToReconnect ? d->nextReconnectAt : QDateTime();
}
QStringList MqttClient::subscriptions() const { return d->activeSubscriptions; }

bool MqttClient::wantWrite() const
{
    return d->session.hasOutput() || (d->transport && d->transport->bytesToWrite() > 0);
}

QIODevice *MqttClient::socket() const
{
    return d->transport && d->socketOpen ? d->transport->device() : nullptr;
}

// ---- session persistence -------------------------------------------------------------------

MqttSessionStore *MqttClient::sessionStore() const
{
    return d->store;
}

Mqtt::ErrorCode MqttClient::setSessionStore(MqttSessionStore *store)
{
    if (store == d->store)
        return ErrorCode::NoError;
    if (d->state != ClientState::Disconnected) {
        d->refuse(ErrorCode::Invalid, QStringLiteral("The session store can only be changed while disconnected"));
        return ErrorCode::Invalid;
    }
    if (store) {
        if (d->opt.brokerAssignsClientId) {
            d->refuse(ErrorCode::Invalid, QStringLiteral("A session store needs a client id of its own; "
                                                         "brokerAssignsClientId is on"));
            return ErrorCode::Invalid;
        }
        if (!d->session.isEmpty()) {
            d->refuse(ErrorCode::Invalid, QStringLiteral("Set the session store before publishing: %1 message(s) are "
                                                         "pending in memory")
                                                  .arg(d->session.inflightCount() + d->session.queuedCount()
                                                       + d->session.pendingIncomingQos2Count()));
            return ErrorCode::Invalid;
        }
    }
    if (d->journal) {
        QString why;
        if (d->journal->commit(&why, true) != ErrorCode::NoError)
            d->logLine(Mqtt::LogLevel::Error, why);
    }
    if (store) {
        // Opened before the old store goes: a refused store changes nothing.
        MqttSessionStore *old = d->store;
        std::unique_ptr<MqttSession::Journal> oldJournal = std::move(d->journal);
        const QString oldId = d->storeClientId;
        d->session.setPersistence(nullptr);
        const ErrorCode e = d->attachStore(store);
        if (e != ErrorCode::NoError) {
            d->journal = std::move(oldJournal);
            d->storeClientId = oldId;
            d->session.setPersistence(d->journal.get());
            return e;
        }
        if (old) {
            old->close();
            delete old;
        }
    } else {
        d->detachStore(true);
    }
    Q_EMIT sessionStoreChanged();
    return ErrorCode::NoError;
}

MqttSessionStore *MqttClient::takeSessionStore()
{
    MqttSessionStore *taken = d->store;
    if (!taken)
        return nullptr;
    {
        QString why;
        if (d->journal->commit(&why, true) != ErrorCode::NoError)
            d->refuse(ErrorCode::SessionStore, why);
    }
    d->detachStore(false);
    Q_EMIT sessionStoreChanged();
    return taken;
}

QString MqttClient::persistencePath() const
{
    if (auto *log = qobject_cast<MqttLogSessionStore *>(d->store.data()))
        return log->path();
    if (auto *sqlite = qobject_cast<MqttSqliteSessionStore *>(d->store.data()))
        return sqlite->path();
    return {};
}

Mqtt::ErrorCode MqttClient::setPersistencePath(const QString &path)
{
    if (path.isEmpty())
        return setSessionStore(nullptr);
    if (path == persistencePath())
        return ErrorCode::NoError;
    // A store that earlier versions made (SQLite) stays one; every other path is a log.
    bool sqlite = false;
    const int fd = ::open(QFile::encodeName(path).constData(), O_RDONLY | O_NONBLOCK | O_CLOEXEC); // a FIFO: no wait
    if (fd >= 0) {
        struct stat st;
        char magic[16];
        sqlite = ::fstat(fd, &st) == 0 && S_ISREG(st.st_mode) && ::read(fd, magic, sizeof magic) == sizeof magic
                && std::memcmp(magic, "SQLite format 3", sizeof magic) == 0;
        ::close(fd);
    }
    MqttSessionStore *store = sqlite ? static_cast<MqttSessionStore *>(new MqttSqliteSessionStore(path))
                                     : new MqttLogSessionStore(path);
    const ErrorCode e = setSessionStore(store);
    if (e != ErrorCode::NoError)
        delete store;
    return e;
}

bool MqttClient::autoTopicAlias() const
{
    return d->opt.autoTopicAlias;
}

void MqttClient::setAutoTopicAlias(bool enabled)
{
    if (enabled == d->opt.autoTopicAlias)
        return;
    d->opt.autoTopicAlias = enabled;
    d->session.config().autoTopicAlias = enabled; // from the next PUBLISH on
    Q_EMIT autoTopicAliasChanged();
}

bool MqttClient::streamPacing() const
{
    return d->opt.streamPacing;
}

void MqttClient::setStreamPacing(bool enabled)
{
    if (enabled == d->opt.streamPacing)
        return;
    d->opt.streamPacing = enabled;
    if (d->transport)
        d->transport->setStreamPacing(enabled);
    Q_EMIT streamPacingChanged();
}

Mqtt::Durability MqttClient::sessionDurability() const
{
    return d->opt.durability;
}

void MqttClient::setSessionDurability(Mqtt::Durability durability)
{
    if (durability == d->opt.durability)
        return;
    d->opt.durability = durability;
    if (d->journal)
        d->journal->setDurability(durability);
    Q_EMIT sessionDurabilityChanged();
}

// ---- connection ----------------------------------------------------------------------------

Mqtt::ErrorCode MqttClient::connectToHost()
{
    d->useServerList = !d->opt.servers.isEmpty();
    d->serverEntries.clear();
    for (const QString &uri : std::as_const(d->opt.servers))
        d->serverEntries.append(*parseServerUri(uri, nullptr)); // validated by setServers()
    return d->startRequestedConnection();
}

Mqtt::ErrorCode MqttClientPrivate::startRequestedConnection()
{
    serverIndex = 0;
    redirectTo.reset();
    redirectCount = 0;
    const QString why = validateConnect();
    if (!why.isEmpty()) {
        QString unused;
        const ErrorCode checked = transportConfig(currentEntry()).check(&unused);
        const ErrorCode code = checked != ErrorCode::NoError ? checked : ErrorCode::Invalid;
        refuse(code, why);
        return code;
    }
    if (state != ClientState::Disconnected)
        closeForNewConnection();
    userDisconnect = false;
    connectRequested = true;
    connectedSinceRequest = false;
    permanentRefusal = false;
    currentReconnectDelay = opt.reconnectDelayMin;
    const bool attemptChanged = reconnectAttempt != 0;
    reconnectAttempt = 0;
    startConnection();
    if (attemptChanged)
        emitSignal(&MqttClient::reconnectAttemptChanged);
    return ErrorCode::NoError;
}

Mqtt::ErrorCode MqttClient::connectToHost(const QString &host, int port, int keepAlive,
                                          const QString &bindAddress, const MqttProperties &properties)
{
    QString why;
    if (port == -1)
        port = Mqtt::defaultPort(d->opt.transport, d->opt.tls.has_value());
    if (host.isEmpty() && d->opt.transport != Mqtt::Transport::Device)
        why = QStringLiteral("The host is empty");
    else if (port < 0 || port > 65535)
        why = QStringLiteral("The port %1 is outside 1..65535").arg(port);
    else if (keepAlive < 0 || keepAlive > 65535)
        why = QStringLiteral("The keepalive %1 is outside 0..65535 seconds").arg(keepAlive);
    else if (!isValidBindAddress(bindAddress))
        why = QStringLiteral("The bind address \"%1\" is not an IP address").arg(bindAddress);
    else
        why = MqttCodec::checkProperties(properties, MqttCodec::PacketType::Connect);
    if (!why.isEmpty()) {
        d->refuse(ErrorCode::Invalid, why);
        return ErrorCode::Invalid;
    }
    setHost(host);
    setPort(port);
    setKeepAlive(keepAlive);
    setBindAddress(bindAddress);
    if (!properties.isEmpty())
        setConnectProperties(properties);
    d->useServerList = false;
    d->serverEntries.clear();
    return d->startRequestedConnection();
}

Mqtt::ErrorCode MqttClient::connectToHost(const QUrl &url)
{
    QString why;
    const auto entry = parseServerUri(url.toString(), &why);
    if (!entry) {
        d->refuse(ErrorCode::Invalid, why);
        return ErrorCode::Invalid;
    }
    if (entry->tls && !d->opt.tls)
        setTlsOptions(MqttTlsOptions());
    else if (!entry->tls && d->opt.tls)
        clearTlsOptions();
    if (!entry->path.isEmpty()) {
        MqttWebSocketOptions ws = d->opt.webSocket;
        if (!ws.setPath(entry->path, &why)) {
            d->refuse(ErrorCode::Invalid, why);
            return ErrorCode::Invalid;
        }
        setWebSocketOptions(ws);
    }
    setTransport(entry->transport);
    setHost(entry->host);
    setPort(entry->port);
    d->useServerList = false;
    d->serverEntries.clear();
    return d->startRequestedConnection();
}

Mqtt::ErrorCode MqttClient::connectToHostSrv(const QString &domain, int keepAlive, const QString &bindAddress,
                                             const MqttProperties &properties)
{
    QString why;
    if (domain.isEmpty())
        why = QStringLiteral("The domain is empty");
    else if (keepAlive < 0 || keepAlive > 65535)
        why = QStringLiteral("The keepalive %1 is outside 0..65535 seconds").arg(keepAlive);
    else if (!isValidBindAddress(bindAddress))
        why = QStringLiteral("The bind address \"%1\" is not an IP address").arg(bindAddress);
    else
        why = MqttCodec::checkProperties(properties, MqttCodec::PacketType::Connect);
    if (!why.isEmpty()) {
        d->refuse(ErrorCode::Invalid, why);
        return ErrorCode::Invalid;
    }
    const bool tls = d->opt.tls.has_value();
    const QString name = (tls ? QStringLiteral("_secure-mqtt._tcp.") : QStringLiteral("_mqtt._tcp.")) + domain;
    auto *lookup = new QDnsLookup(QDnsLookup::SRV, name, this);
    connect(lookup, &QDnsLookup::finished, this, [this, lookup, name, tls, keepAlive, bindAddress, properties] {
        // From the event loop: a handler of what follows may delete the client. The
        // private part stays while busy holds it; this (the client) is checked through it.
        MqttClientPrivate *const dp = d.get();
        const MqttClientPrivate::Busy busy(dp);
        lookup->deleteLater();
        const QList<QDnsServiceRecord> records = lookup->serviceRecords();
        if (lookup->error() != QDnsLookup::NoError || records.isEmpty()) {
            dp->refuse(ErrorCode::HostNotFound, QStringLiteral("No MQTT SRV record %1: %2").arg(name, lookup->errorString()));
            return;
        }
        QList<MqttSrvTarget> targets;
        for (const QDnsServiceRecord &r : records)
            targets.append({ r.target(), r.port(), r.priority(), r.weight() });
        d->serverEntries.clear();
        for (const MqttSrvTarget &t : orderSrvTargets(targets, *QRandomGenerator::global())) {
            MqttServerEntry e;
            e.transport = Mqtt::Transport::Tcp;
            e.tls = tls;
            e.host = t.host;
            e.port = t.port;
            d->serverEntries.append(e);
        }
        // Each setter emits its change signal: stop if a handler deleted the client.
        setKeepAlive(keepAlive);
        if (dp->qGone)
            return;
        setBindAddress(bindAddress);
        if (dp->qGone)
            return;
        if (!properties.isEmpty())
            setConnectProperties(properties);
        if (dp->qGone)
            return;
        dp->useServerList = true;
        dp->startRequestedConnection();
    });
    lookup->lookup();
    return ErrorCode::NoError;
}

Mqtt::ErrorCode MqttClient::reconnect()
{
    if (d->opt.host.isEmpty() && d->serverEntries.isEmpty() && d->opt.transport != Mqtt::Transport::Device) {
        d->refuse(ErrorCode::Invalid, QStringLiteral("reconnect() needs an earlier connectToHost()"));
        return ErrorCode::Invalid;
    }
    return d->startRequestedConnection(); // the same broker or list as before
}

bool MqttClient::waitForConnected(int msecs)
{
    if (d->state == ClientState::Connected)
        return true;
    if (d->state == ClientState::Disconnected)
        return false;
    QEventLoop loop;
    QTimer timer;
    timer.setSingleShot(true);
    bool timedOut = false;
    connect(&timer, &QTimer::timeout, &loop, [&] {
        timedOut = true;
        loop.quit();
    });
    connect(this, &MqttClient::stateChanged, &loop, [&loop](ClientState s) {
        if (s == ClientState::Connected || s == ClientState::Disconnected)
            loop.quit();
    });
    // A failed attempt reports its error before a retry is scheduled.
    connect(this, &MqttClient::errorOccurred, &loop, &QEventLoop::quit);
    connect(this, &MqttClient::connackReceived, &loop, &QEventLoop::quit);
    timer.start(std::max(0, msecs));
    loop.exec();
    if (timedOut && d->state != ClientState::Connected)
        d->setError(ErrorCode::Timeout, QStringLiteral("Not connected within %1 ms").arg(msecs));
    return d->state == ClientState::Connected;
}

Mqtt::ErrorCode MqttClient::disconnectFromHost()
{
    return disconnectFromHost(ReasonCode::NormalDisconnection, {});
}

Mqtt::ErrorCode MqttClient::disconnectFromHost(Mqtt::ReasonCode reasonCode, const MqttProperties &properties)
{
    if (d->state == ClientState::WaitingToReconnect) {
        d->userDisconnect = true;
        d->connectRequested = false;
        d->reconnectTimer.stop();
        d->reconnectAttempt = 0;
        d->nextReconnectAt = {};
        d->setState(ClientState::Disconnected);
        Q_EMIT reconnectAttemptChanged();
        return ErrorCode::NoError;
    }
    if (!d->transport || d->state == ClientState::Disconnected) {
        d->refuse(ErrorCode::NoConnection, QStringLiteral("disconnectFromHost(): not connected"));
        return ErrorCode::NoConnection;
    }
    QString why;
    if (d->opt.protocolVersion != ProtocolVersion::V5 && (!properties.isEmpty() || reasonCode != ReasonCode::NormalDisconnection))
        why = QStringLiteral("A DISCONNECT reason code or properties need MQTT 5");
    else
        why = MqttCodec::checkProperties(properties, MqttCodec::PacketType::Disconnect);
    if (why.isEmpty() && properties.integer(PropertyId::SessionExpiryInterval).value_or(0) > 0
        && d->session.config().connectProperties.integer(PropertyId::SessionExpiryInterval).value_or(0) == 0)
        why = QStringLiteral("The Session Expiry Interval cannot become %1 s on DISCONNECT: CONNECT said 0, and "
                             "0 cannot change to a non-zero value [MQTT-3.14.2-2]")
                      .arg(*properties.integer(PropertyId::SessionExpiryInterval));
    if (why.isEmpty() && !MqttCodec::isReasonCodeAllowed(MqttCodec::PacketType::Disconnect, ProtocolVersion::V5, reasonCode))
        why = QStringLiteral("0x%1 is not a reason code a client may send in DISCONNECT").arg(int(reasonCode), 2, 16, QLatin1Char('0'));
    if (!why.isEmpty()) {
        d->refuse(ErrorCode::Invalid, why);
        return ErrorCode::Invalid;
    }
    d->userDisconnect = true;
    d->connectRequested = false;
    if (!d->socketOpen) {
        // Still opening the connection: nothing to say to the broker.
        d->connectTimer.stop();
        d->transport->disconnect(this);
        d->transport->abort();
        d->connectionEnded(false, ErrorCode::NoError);
        return ErrorCode::NoError;
    }
    d->session.disconnect(reasonCode, properties, d->now());
    d->setState(ClientState::Disconnecting);
    d->closeConnection(ErrorCode::NoError, ReasonCode::Success, QString(), {});
    return ErrorCode::NoError;
}

bool MqttClient::waitForDisconnected(int msecs)
{
    if (d->state == ClientState::Disconnected)
        return true;
    QEventLoop loop;
    QTimer timer;
    timer.setSingleShot(true);
    connect(&timer, &QTimer::timeout, &loop, &QEventLoop::quit);
    connect(this, &MqttClient::stateChanged, &loop, [&loop](ClientState s) {
        if (s == ClientState::Disconnected)
            loop.quit();
    });
    timer.start(std::max(0, msecs));
    loop.exec();
    if (d->state != ClientState::Disconnected) {
        d->setError(ErrorCode::Timeout, QStringLiteral("Not disconnected within %1 ms").arg(msecs));
        return false;
    }
    return true;
}

Mqtt::ErrorCode MqttClient::loop(int timeoutMs)
{
    if (!d->transport && d->state == ClientState::Disconnected)
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
    return d->state == ClientState::Disconnected && !d->userDisconnect ? ErrorCode::ConnectionLost
                                                                       : ErrorCode::NoError;
}

Mqtt::ErrorCode MqttClient::loopForever()
{
    if (d->state == ClientState::Disconnected)
        return ErrorCode::NoConnection;
    QEventLoop loop;
    connect(this, &MqttClient::stateChanged, &loop, [&loop](ClientState s) {
        if (s == ClientState::Disconnected)
            loop.quit();
    });
    loop.exec();
    return d->userDisconnect ? ErrorCode::NoError : (d->error == ErrorCode::NoError ? ErrorCode::ConnectionLost : d->error);
}

// ---- publish ------------------------------------------------------------------------------

MqttMessageInfo MqttClient::publish(const QString &topic, const QByteArray &payload, Mqtt::QoS qos, bool retain,
                                    const MqttProperties &properties)
{
    const bool sameThread = d->onClientThread();
    MqttSession::PublishRequest request;
    if (sameThread && !d->lastTopic.isEmpty() && topic == d->lastTopic) {
        // Most programs publish to a few topics over and over: the last one's UTF-8 form,
        // already checked, is shared instead of converted (and allocated) again.
        request.topic = d->lastTopicUtf8;
    } else {
        // One pass to measure and check, one conversion. Lone surrogates and U+0000 cannot
        // be sent [MQTT-1.5.4-1] [MQTT-1.5.4-2]: refuse, never replace.
        QString why;
        const qsizetype utf8Size = topic.isEmpty() ? 0 : MqttCodec::sendableUtf8Length(topic);
        if (topic.isEmpty() || utf8Size < 0 || utf8Size > 65535)
            why = MqttTopic::nameProblem(topic, QLatin1String("The topic"));
        if (!why.isEmpty()) {
            if (sameThread)
                d->refuse(ErrorCode::Invalid, why);
            else
                QMetaObject::invokeMethod(this, [this, why] {
                    MqttClientPrivate *const dp = d.get();
                    const MqttClientPrivate::Busy busy(dp);
                    dp->refuse(ErrorCode::Invalid, why);
                }, Qt::QueuedConnection);
            return MqttMessageInfo(ErrorCode::Invalid, 0);
        }
        request.topic = topic.toUtf8();
        if (sameThread) { // the cache belongs to the client's thread
            d->lastTopic = topic;
            d->lastTopicUtf8 = request.topic;
        }
    }
    request.payload = payload;
    request.qos = qos;
    request.retain = retain;
    request.properties = properties;
    if (!sameThread)
        return d->publishFromOtherThread(std::move(request));
    return d->publish(std::move(request));
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

MqttMessageInfo MqttClient::publish(const QString &topic, double value, Mqtt::QoS qos, bool retain,
                                    const MqttProperties &properties)
{
    return publish(topic, pythonFloatText(value), qos, retain, properties);
}

// ---- subscribe -----------------------------------------------------------------------------

namespace {
MqttCodec::Subscription toCodec(const QString &filter, const MqttSubscribeOptions &options)
{
    MqttCodec::Subscription c;
    c.filter = filter;
    c.qos = options.qos();
    c.noLocal = options.noLocal();
    c.retainAsPublished = options.retainAsPublished();
    c.retainHandling = options.retainHandling();
    return c;
}
} // namespace

MqttResult MqttClient::subscribe(const QString &filter, Mqtt::QoS qos, const MqttProperties &properties)
{
    return d->subscribe({ toCodec(filter, MqttSubscribeOptions(qos)) }, properties);
}

MqttResult MqttClient::subscribe(const QString &filter, const MqttSubscribeOptions &options,
                                 const MqttProperties &properties)
{
    return d->subscribe({ toCodec(filter, options) }, properties);
}

MqttResult MqttClient::subscribe(const QList<QPair<QString, MqttSubscribeOptions>> &subscriptions,
                                 const MqttProperties &properties)
{
    QList<MqttCodec::Subscription> list;
    list.reserve(subscriptions.size());
    for (const auto &s : subscriptions)
        list.append(toCodec(s.first, s.second));
    return d->subscribe(list, properties);
}

MqttResult MqttClient::subscribe(const QStringList &filters, Mqtt::QoS qos, const MqttProperties &properties)
{
    QList<MqttCodec::Subscription> list;
    list.reserve(filters.size());
    for (const QString &f : filters)
        list.append(toCodec(f, MqttSubscribeOptions(qos)));
    return d->subscribe(list, properties);
}

MqttResult MqttClient::unsubscribe(const QString &filter, const MqttProperties &properties)
{
    return d->unsubscribe(QStringList{ filter }, properties);
}

MqttResult MqttClient::unsubscribe(const QStringList &filters, const MqttProperties &properties)
{
    return d->unsubscribe(filters, properties);
}

Mqtt::ErrorCode MqttClient::sendAuth(Mqtt::ReasonCode reasonCode, const MqttProperties &properties)
{
    return d->finishCall(d->session.sendAuth(reasonCode, properties, d->now())).rc;
}

Mqtt::ErrorCode MqttClient::reauthenticate()
{
    if (d->opt.protocolVersion != ProtocolVersion::V5) {
        d->refuse(ErrorCode::NotSupported, QStringLiteral("Re-authentication needs MQTT 5"));
        return ErrorCode::NotSupported;
    }
    if (!d->authenticator) {
        d->refuse(ErrorCode::Invalid, QStringLiteral("reauthenticate() needs an authenticator"));
        return ErrorCode::Invalid;
    }
    if (d->state != ClientState::Connected) {
        d->refuse(ErrorCode::NoConnection, QStringLiteral("reauthenticate(): not connected"));
        return ErrorCode::NoConnection;
    }
    MqttProperties props;
    props.setString(PropertyId::AuthenticationMethod, d->authenticator->method());
    const QByteArray data = d->authenticator->initialData();
    if (!data.isEmpty())
        props.setBinary(PropertyId::AuthenticationData, data);
    return d->finishCall(d->session.sendAuth(ReasonCode::ReAuthenticate, props, d->now())).rc;
}

MqttAuthenticator *MqttClient::authenticator() const
{
    return d->authenticator;
}

Mqtt::ErrorCode MqttClient::setAuthenticator(MqttAuthenticator *authenticator)
{
    if (authenticator == d->authenticator)
        return ErrorCode::NoError;
    if (d->state != ClientState::Disconnected) {
        d->refuse(ErrorCode::Invalid, QStringLiteral("The authenticator can only be changed while disconnected"));
        return ErrorCode::Invalid;
    }
    delete d->authenticator.data();
    d->authenticator = authenticator;
    if (authenticator)
        authenticator->setParent(this);
    Q_EMIT authenticatorChanged();
    return ErrorCode::NoError;
}

quint32 MqttClient::sessionExpiryInterval() const
{
    return quint32(d->opt.connectProperties.integer(PropertyId::SessionExpiryInterval).value_or(0));
}

void MqttClient::setSessionExpiryInterval(quint32 seconds)
{
    MqttProperties props = d->opt.connectProperties;
    if (seconds == 0)
        props.remove(PropertyId::SessionExpiryInterval);
    else
        props.setInteger(PropertyId::SessionExpiryInterval, seconds);
    if (props != d->opt.connectProperties)
        setConnectProperties(props);
}

QString MqttClient::responseTopic() const
{
    QString id = clientId();
    id.replace(QLatin1Char('+'), QLatin1Char('_')).replace(QLatin1Char('#'), QLatin1Char('_'));
    const QString information = d->serverProperties.properties().string(PropertyId::ResponseInformation).value_or(QString());
    if (!information.isEmpty() && Mqtt::isValidTopicName(information))
        return information + (information.endsWith(QLatin1Char('/')) ? QString() : QStringLiteral("/")) + id;
    return QStringLiteral("mqttqt/response/") + id;
}

MqttRequest *MqttClient::request(const QString &topic, const QByteArray &payload, Mqtt::QoS qos, int timeoutMs,
                                 const MqttProperties &properties)
{
    MqttRequest *request = MqttRequestPrivate::create(this);
    MqttRequestPrivate *rp = MqttRequestPrivate::get(request);
    rp->topic = topic;
    auto refuse = [&](ErrorCode code, const QString &why) {
        d->refuse(code, why);
        rp->complete(code, why);
        return request;
    };
    if (d->opt.protocolVersion != ProtocolVersion::V5)
        return refuse(ErrorCode::NotSupported, QStringLiteral("Request/response needs MQTT 5 (Response Topic, Correlation Data)"));
    if (d->state != ClientState::Connected)
        return refuse(ErrorCode::NoConnection, QStringLiteral("request(): not connected"));
    if (timeoutMs < 1)
        return refuse(ErrorCode::Invalid, QStringLiteral("The request timeout must be at least 1 ms, not %1").arg(timeoutMs));
    if (properties.contains(PropertyId::ResponseTopic) || properties.contains(PropertyId::CorrelationData))
        return refuse(ErrorCode::Invalid, QStringLiteral("request() sets the Response Topic and Correlation Data itself"));
    const QString responseTopic = this->responseTopic();
    if (d->responseTopicSubscribed != responseTopic) {
        // SUBSCRIBE goes before the PUBLISH on the same connection: the broker has the
        // subscription before any responder can answer.
        const MqttResult r = d->subscribe({ MqttCodec::Subscription{ responseTopic, QoS::AtLeastOnce } }, {});
        if (r.rc != ErrorCode::NoError) {
            rp->complete(r.rc, d->errorString);
            return request;
        }
        d->responseTopicSubscribed = responseTopic;
    }
    if (d->requestPrefix.isEmpty()) {
        d->requestPrefix.resize(8);
        QRandomGenerator::system()->generate(d->requestPrefix.begin(), d->requestPrefix.end());
    }
    QByteArray correlation = d->requestPrefix;
    correlation.append(QByteArray::number(++d->requestCounter).rightJustified(8, '0'));
    MqttProperties props = properties;
    props.setString(PropertyId::ResponseTopic, responseTopic);
    props.setBinary(PropertyId::CorrelationData, correlation);
    const MqttMessageInfo info = publish(topic, payload, qos, false, props);
    if (info.rc() != ErrorCode::NoError) {
        rp->complete(info.rc(), d->errorString);
        return request;
    }
    rp->mid = info.mid();
    rp->responseTopic = responseTopic;
    rp->correlationData = correlation;
    d->requests.insert(correlation, request);
    if (qos != QoS::AtMostOnce)
        d->requestMids.insert(info.mid(), correlation);
    const int mid = info.mid();
    rp->onComplete = [this, correlation, mid] {
        d->requests.remove(correlation);
        d->requestMids.remove(mid);
    };
    rp->timer.start(timeoutMs);
    return request;
}

// ---- per-filter handlers ---------------------------------------------------------------------

QMetaObject::Connection MqttClient::addMessageCallback(const QString &filter, const QObject *context,
                                                       std::function<void(const MqttMessage &)> handler)
{
    if (!Mqtt::isValidTopicFilter(filter)) {
        d->refuse(ErrorCode::Invalid, QStringLiteral("messageCallbackAdd(): ") + MqttTopic::filterProblem(filter));
        return {};
    }
    if (!context || !handler) {
        d->refuse(ErrorCode::Invalid, QStringLiteral("messageCallbackAdd(): no context object or no handler"));
        return {};
    }
    auto *relay = new MqttMessageRelay(filter, this);
    d->relays.append(relay);
    return connect(relay, &MqttMessageRelay::messageMatched, context, std::move(handler));
}

MqttSubscription *MqttClient::addSubscription(const QString &filter, const MqttSubscribeOptions &options)
{
    auto *sub = new MqttSubscription(this);
    MqttSubscriptionPrivate *sd = MqttSubscriptionPrivate::get(sub);
    sd->filter = filter;
    sd->options = options;
    d->subscriptionObjects.removeAll(nullptr);
    d->subscriptionObjects.append(sub);
    QString why;
    if (!Mqtt::isValidTopicFilter(filter))
        why = MqttTopic::filterProblem(filter);
    else if (int(options.qos()) < 0 || int(options.qos()) > 2)
        why = QStringLiteral("The subscription to \"%1\" asks for QoS %2; 0, 1 or 2").arg(filter).arg(int(options.qos()));
    else if (int(options.retainHandling()) < 0 || int(options.retainHandling()) > 2)
        why = QStringLiteral("The subscription to \"%1\" asks for retain handling %2; 0, 1 or 2")
                      .arg(filter)
                      .arg(int(options.retainHandling()));
    if (!why.isEmpty()) {
        sd->setState(MqttSubscription::State::Error, -1, ErrorCode::Invalid, why, ReasonCode::Success);
        d->refuse(ErrorCode::Invalid, why);
        return sub;
    }
    if (!d->subscriptionRegistry)
        d->subscriptionRegistry = new MqttSubscriptionRegistry(this);
    sd->registry = d->subscriptionRegistry;
    d->subscriptionRegistry->attach(sub, filter, options); // the state arrives through the registry
    return sub;
}

QList<MqttSubscription *> MqttClient::subscriptionObjects() const
{
    QList<MqttSubscription *> list;
    for (const QPointer<MqttSubscription> &s : std::as_const(d->subscriptionObjects)) {
        if (s)
            list.append(s);
    }
    return list;
}

bool MqttClient::messageCallbackRemove(const QMetaObject::Connection &connection)
{
    const bool removed = disconnect(connection);
    d->pruneRelays();
    return removed;
}

void MqttClient::messageCallbackRemove(const QString &filter)
{
    d->relays.removeIf([&filter](const QPointer<MqttMessageRelay> &r) {
        if (r && r->filter == filter) {
            r->disconnect();
            r->deleteLater();
            return true;
        }
        return r.isNull();
    });
}
