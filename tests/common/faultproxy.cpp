// Test support, not API.
#include "faultproxy.h"

#include "fixturethread_p.h"

#include <QtCore/QElapsedTimer>
#include <QtCore/QList>
#include <QtCore/QObject>
#include <QtCore/QPointer>
#include <QtCore/QRandomGenerator>
#include <QtCore/QTimer>
#include <QtNetwork/QHostAddress>
#include <QtNetwork/QTcpServer>
#include <QtNetwork/QTcpSocket>

#include <algorithm>
#include <cmath>
#include <map>
#include <optional>

#ifdef Q_OS_UNIX
#include <sys/socket.h>
#endif
#ifdef Q_OS_LINUX
#include <linux/sockios.h>
#include <sys/ioctl.h>
#endif

namespace {

using Direction = FaultProxy::Direction;
using CloseMode = FaultProxy::CloseMode;
using EventKind = FaultProxy::EventKind;
using Event = FaultProxy::Event;

// How much the proxy reads ahead from a socket, and how much it lets wait for one.
constexpr qint64 ReadBufferSize = 64 * 1024;
constexpr qint64 HighWaterBytes = 256 * 1024;
constexpr int MaxEvents = 100000;
constexpr int DrainPollMs = 1;
constexpr int DrainTimeoutMs = 2000;
constexpr int GracefulCloseTimeoutMs = 5000;
constexpr int MaxThrottleWaitMs = 50;

// Pipe 0 relays client->broker, pipe 1 broker->client.
Direction directionOf(int pipe)
{
    return pipe == 0 ? Direction::ClientToBroker : Direction::BrokerToClient;
}

bool covers(Direction set, int pipe)
{
    return (int(set) & int(directionOf(pipe))) != 0;
}

QString modeName(CloseMode mode)
{
    return mode == CloseMode::Reset ? QStringLiteral("reset") : QStringLiteral("graceful");
}

// A zero linger time makes close() send RST instead of FIN.
void resetSocket(QTcpSocket *socket)
{
#ifdef Q_OS_UNIX
    if (socket->socketDescriptor() != -1) {
        const linger hard = {1, 0};
        ::setsockopt(int(socket->socketDescriptor()), SOL_SOCKET, SO_LINGER, &hard, sizeof(hard));
    }
#endif
    socket->abort();
}

// Bytes the kernel still holds for the peer, unsent or unacknowledged; 0 where unknown.
qint64 kernelOutQueue(QTcpSocket *socket)
{
#ifdef Q_OS_LINUX
    int pending = 0;
    if (socket->socketDescriptor() != -1
        && ::ioctl(int(socket->socketDescriptor()), SIOCOUTQ, &pending) == 0) {
        return pending;
    }
#else
    Q_UNUSED(socket);
#endif
    return 0;
}

QString describe(const Event &e)
{
    const QString direction = FaultProxy::directionName(e.direction);
    const QString mode = modeName(e.closeMode);
    switch (e.kind) {
    case EventKind::DropConnections:
        return QStringLiteral("drop %1 open connection(s) now (%2)").arg(e.amount).arg(mode);
    case EventKind::DropAfterBytes:
        return QStringLiteral("cut after %1 more bytes %2 (%3)").arg(e.amount).arg(direction, mode);
    case EventKind::Stall:
        return e.amount < 0 ? QStringLiteral("stall %1 until resumed").arg(direction)
                            : QStringLiteral("stall %1 for %2 ms").arg(direction).arg(e.amount);
    case EventKind::Throttle:
        return QStringLiteral("throttle %1 to %2 bytes/s").arg(direction).arg(e.amount);
    case EventKind::SingleByteWrites:
        return QStringLiteral("single-byte writes %1 on").arg(direction);
    case EventKind::SingleByteBurst:
        return QStringLiteral("single-byte burst of %1 bytes %2").arg(e.amount).arg(direction);
    case EventKind::RefuseConnections:
        return e.amount < 0 ? QStringLiteral("refuse new connections until accepted again (%1)").arg(mode)
                            : QStringLiteral("refuse new connections for %1 ms (%2)").arg(e.amount).arg(mode);
    case EventKind::StallEnded:
        return QStringLiteral("stall %1 ended").arg(direction);
    case EventKind::ThrottleOff:
        return QStringLiteral("throttle %1 off").arg(direction);
    case EventKind::SingleByteWritesOff:
        return QStringLiteral("single-byte writes %1 off").arg(direction);
    case EventKind::AcceptingAgain:
        return QStringLiteral("accepting connections again");
    case EventKind::ConnectionOpened:
        return QStringLiteral("connection #%1 opened").arg(e.connection);
    case EventKind::ConnectionClosed:
        return QStringLiteral("connection #%1 closed").arg(e.connection);
    case EventKind::ConnectionCut:
        return QStringLiteral("connection #%1 cut after %2 bytes %3 (%4)")
            .arg(e.connection)
            .arg(e.amount)
            .arg(direction, mode);
    case EventKind::ConnectionRefused:
        return QStringLiteral("connection #%1 refused (%2)").arg(e.connection).arg(mode);
    case EventKind::TargetUnreachable:
        return QStringLiteral("connection #%1: target unreachable").arg(e.connection);
    }
    return QStringLiteral("unknown event");
}

void setText(Event &e, const QString &detail = {})
{
    e.text = QStringLiteral("%1 ms: ").arg(e.timeMs) + describe(e);
    if (!detail.isEmpty())
        e.text += QStringLiteral(": ") + detail;
    if (e.random)
        e.text += QStringLiteral(" (random)");
}

// The schedule's draws, shared by the running schedule and plannedRandomFaults() so both
// consume the generator in the same order: delay, fault, delay, fault, ...
int drawDelay(QRandomGenerator &generator, const FaultProxy::RandomFaults &o)
{
    return generator.bounded(o.minIntervalMs, o.maxIntervalMs + 1);
}

Direction drawOneDirection(QRandomGenerator &generator)
{
    return generator.bounded(2) == 0 ? Direction::ClientToBroker : Direction::BrokerToClient;
}

CloseMode drawMode(QRandomGenerator &generator)
{
    return generator.bounded(2) == 0 ? CloseMode::Reset : CloseMode::Graceful;
}

Event drawFault(QRandomGenerator &generator, const FaultProxy::RandomFaults &o)
{
    QList<EventKind> kinds;
    if (o.dropMidPacket)
        kinds << EventKind::DropAfterBytes;
    if (o.stalls)
        kinds << EventKind::Stall;
    if (o.singleByteBursts)
        kinds << EventKind::SingleByteBurst;
    if (o.dropNow)
        kinds << EventKind::DropConnections;
    if (o.refusals)
        kinds << EventKind::RefuseConnections;
    Q_ASSERT(!kinds.isEmpty());

    Event e;
    e.random = true;
    e.kind = kinds.at(generator.bounded(int(kinds.size())));
    switch (e.kind) {
    case EventKind::DropAfterBytes:
        e.direction = drawOneDirection(generator);
        e.amount = generator.bounded(qint64(1), o.maxDropAfterBytes + 1);
        e.closeMode = drawMode(generator);
        break;
    case EventKind::Stall: {
        static const Direction directions[] = {Direction::ClientToBroker, Direction::BrokerToClient,
                                               Direction::Both};
        e.direction = directions[generator.bounded(3)];
        e.amount = generator.bounded(o.minStallMs, o.maxStallMs + 1);
        break;
    }
    case EventKind::SingleByteBurst:
        e.direction = drawOneDirection(generator);
        e.amount = generator.bounded(o.minBurstBytes, o.maxBurstBytes + 1);
        break;
    case EventKind::DropConnections:
        e.closeMode = drawMode(generator);
        break;
    case EventKind::RefuseConnections:
        e.amount = generator.bounded(o.minRefuseMs, o.maxRefuseMs + 1);
        e.closeMode = drawMode(generator);
        break;
    default:
        break;
    }
    return e;
}

QString checkRandomFaults(const FaultProxy::RandomFaults &o)
{
    if (!o.dropMidPacket && !o.stalls && !o.singleByteBursts && !o.dropNow && !o.refusals)
        return QStringLiteral("no fault kind is enabled in the random schedule");
    if (o.minIntervalMs < 1 || o.maxIntervalMs < o.minIntervalMs)
        return QStringLiteral("invalid interval %1..%2 ms (need 1 <= min <= max)").arg(o.minIntervalMs).arg(o.maxIntervalMs);
    if (o.maxDropAfterBytes < 1)
        return QStringLiteral("invalid maxDropAfterBytes %1 (need >= 1)").arg(o.maxDropAfterBytes);
    if (o.minStallMs < 0 || o.maxStallMs < o.minStallMs)
        return QStringLiteral("invalid stall range %1..%2 ms").arg(o.minStallMs).arg(o.maxStallMs);
    if (o.minBurstBytes < 1 || o.maxBurstBytes < o.minBurstBytes)
        return QStringLiteral("invalid burst range %1..%2 bytes").arg(o.minBurstBytes).arg(o.maxBurstBytes);
    if (o.minRefuseMs < 0 || o.maxRefuseMs < o.minRefuseMs)
        return QStringLiteral("invalid refusal range %1..%2 ms").arg(o.minRefuseMs).arg(o.maxRefuseMs);
    return {};
}

// One direction of one relayed connection.
struct Pipe
{
    QTcpSocket *source = nullptr;
    QTcpSocket *sink = nullptr;
    qint64 dropAfter = -1; // bytes until an armed cut, -1 when none
    qint64 armedBytes = 0; // what dropAfter was armed with
    CloseMode dropMode = CloseMode::Reset;
    qint64 burst = 0; // single-byte writes still owed to singleByteBurst()
    double allowance = 0; // throttle tokens in bytes
    QElapsedTimer refill;
    QTimer *wake = nullptr; // pumps again after a throttle wait or a single byte
    bool sourceClosed = false;
};

class Connection : public QObject
{
public:
    Connection(int id, QObject *parent) : QObject(parent), id(id) { }

    int id;
    QTcpSocket *client = nullptr;
    QTcpSocket *target = nullptr;
    Pipe pipes[2];
    QTimer *closeTimer = nullptr;
    QTimer *drainTimer = nullptr;
    QElapsedTimer drainClock;
    bool targetConnected = false;
    bool closing = false;
    bool finished = false;
    QString closeReason;
};

struct ArmedCut
{
    qint64 bytes;
    CloseMode mode;
};

} // namespace

class FaultProxyWorker : public QObject
{
public:
    explicit FaultProxyWorker(QObject *parent);

    bool start(const QString &targetHost, quint16 targetPort);
    void stop();

    void dropConnections(CloseMode mode, bool random);
    void dropAfterBytes(Direction direction, qint64 bytes, CloseMode mode, bool random);
    void stall(Direction direction, int durationMs, bool random);
    void resume(Direction direction);
    void setThrottle(Direction direction, qint64 bytesPerSecond);
    void setSingleByteWrites(Direction direction, bool enabled);
    void singleByteBurst(Direction direction, qint64 bytes, bool random);
    void refuseConnections(int durationMs, CloseMode mode, bool random);
    void acceptConnections();
    void clearFaults();
    bool startRandomFaults(const FaultProxy::RandomFaults &options);
    void stopRandomFaults();

    QTcpServer *server = nullptr;
    QString errorString;
    bool randomRunning = false;
    int accepted = 0;
    int refused = 0;
    qint64 bytes[2] = {0, 0};
    qint64 writes[2] = {0, 0};
    int faults = 0;
    QList<Event> events;
    std::map<int, QPointer<Connection>> connections;

private:
    void onNewConnection();
    void pump(Connection *c, int pipe);
    void pumpAll(int pipe);
    void onSocketUnconnected(Connection *c, bool isClient);
    void cutAfterBytes(Connection *c, int pipe);
    void closeConnection(Connection *c, CloseMode mode, const QString &reason);
    void checkFinished(Connection *c);
    void endStall(int pipe);
    void endRefusal();
    void randomTick();
    Event &log(Event e, const QString &detail = {});
    QList<Connection *> openConnections() const;

    QElapsedTimer m_clock;
    QString m_targetHost;
    quint16 m_targetPort = 0;
    int m_nextId = 0;
    bool m_stalled[2] = {false, false};
    QTimer m_stallTimers[2];
    qint64 m_throttle[2] = {0, 0};
    bool m_singleBytes[2] = {false, false};
    std::optional<ArmedCut> m_armedForNext[2];
    bool m_refusing = false;
    CloseMode m_refuseMode = CloseMode::Reset;
    QTimer m_refuseTimer;
    QRandomGenerator m_generator;
    FaultProxy::RandomFaults m_randomOptions;
    QTimer m_randomTimer;
};

FaultProxyWorker::FaultProxyWorker(QObject *parent)
    : QObject(parent)
    , server(new QTcpServer(this))
{
    m_clock.start();
    for (int pipe = 0; pipe < 2; ++pipe) {
        // Stalls are measured by tests; a coarse timer may fire 5% early.
        m_stallTimers[pipe].setSingleShot(true);
        m_stallTimers[pipe].setTimerType(Qt::PreciseTimer);
        connect(&m_stallTimers[pipe], &QTimer::timeout, this, [this, pipe] { endStall(pipe); });
    }
    m_refuseTimer.setSingleShot(true);
    m_refuseTimer.setTimerType(Qt::PreciseTimer);
    connect(&m_refuseTimer, &QTimer::timeout, this, &FaultProxyWorker::endRefusal);
    m_randomTimer.setSingleShot(true);
    m_randomTimer.setTimerType(Qt::PreciseTimer);
    connect(&m_randomTimer, &QTimer::timeout, this, &FaultProxyWorker::randomTick);
    connect(server, &QTcpServer::pendingConnectionAvailable, this, &FaultProxyWorker::onNewConnection);
}

bool FaultProxyWorker::start(const QString &targetHost, quint16 targetPort)
{
    if (server->isListening()) {
        errorString = QStringLiteral("the proxy is already listening on port %1").arg(server->serverPort());
        return false;
    }
    if (targetHost.isEmpty() || targetPort == 0) {
        errorString = QStringLiteral("invalid target \"%1:%2\"").arg(targetHost).arg(targetPort);
        return false;
    }
    if (!server->listen(QHostAddress::LocalHost, 0)) {
        errorString = QStringLiteral("cannot listen on 127.0.0.1: %1").arg(server->errorString());
        return false;
    }
    m_targetHost = targetHost;
    m_targetPort = targetPort;
    errorString.clear();
    return true;
}

void FaultProxyWorker::stop()
{
    m_randomTimer.stop();
    randomRunning = false;
    server->close();
    for (Connection *c : openConnections())
        closeConnection(c, CloseMode::Reset, QStringLiteral("the proxy stopped"));
}

QList<Connection *> FaultProxyWorker::openConnections() const
{
    QList<Connection *> list;
    for (const auto &entry : connections) {
        if (entry.second && !entry.second->finished)
            list << entry.second.data();
    }
    return list;
}

Event &FaultProxyWorker::log(Event e, const QString &detail)
{
    e.timeMs = m_clock.elapsed();
    setText(e, detail);
    if (e.isFault())
        ++faults;
    if (events.size() >= MaxEvents)
        events.removeFirst();
    events.append(e);
    return events.last();
}

void FaultProxyWorker::onNewConnection()
{
    while (QTcpSocket *socket = server->nextPendingConnection()) {
        ++accepted;
        const int id = ++m_nextId;
        if (m_refusing) {
            ++refused;
            Event e;
            e.kind = EventKind::ConnectionRefused;
            e.connection = id;
            e.closeMode = m_refuseMode;
            log(e, QStringLiteral("from port %1").arg(socket->peerPort()));
            if (m_refuseMode == CloseMode::Reset)
                resetSocket(socket);
            else
                socket->disconnectFromHost();
            socket->deleteLater();
            continue;
        }

        auto *c = new Connection(id, this);
        connections[id] = c;
        socket->setParent(c);
        c->client = socket;
        c->target = new QTcpSocket(c);
        c->closeTimer = new QTimer(c);
        c->closeTimer->setSingleShot(true);
        c->drainTimer = new QTimer(c);
        c->drainTimer->setInterval(DrainPollMs);
        c->pipes[0].source = c->client;
        c->pipes[0].sink = c->target;
        c->pipes[1].source = c->target;
        c->pipes[1].sink = c->client;
        for (int pipe = 0; pipe < 2; ++pipe) {
            Pipe &p = c->pipes[pipe];
            p.wake = new QTimer(c);
            p.wake->setSingleShot(true);
            connect(p.wake, &QTimer::timeout, c, [this, c, pipe] { pump(c, pipe); });
            if (m_armedForNext[pipe]) {
                p.dropAfter = m_armedForNext[pipe]->bytes;
                p.armedBytes = p.dropAfter;
                p.dropMode = m_armedForNext[pipe]->mode;
                m_armedForNext[pipe].reset();
            }
        }
        // Reading ahead is bounded so that a held direction pushes back on the sender.
        c->client->setReadBufferSize(ReadBufferSize);
        c->target->setReadBufferSize(ReadBufferSize);
        c->client->setSocketOption(QAbstractSocket::LowDelayOption, 1);

        connect(c->client, &QTcpSocket::readyRead, c, [this, c] { pump(c, 0); });
        connect(c->client, &QTcpSocket::bytesWritten, c, [this, c] { pump(c, 1); });
        connect(c->target, &QTcpSocket::readyRead, c, [this, c] { pump(c, 1); });
        connect(c->target, &QTcpSocket::bytesWritten, c, [this, c] { pump(c, 0); });
        connect(c->target, &QTcpSocket::connected, c, [this, c] {
            c->targetConnected = true;
            c->target->setSocketOption(QAbstractSocket::LowDelayOption, 1);
            pump(c, 0);
            pump(c, 1);
        });
        connect(c->client, &QTcpSocket::stateChanged, c, [this, c](QAbstractSocket::SocketState state) {
            if (state == QAbstractSocket::UnconnectedState)
                onSocketUnconnected(c, true);
        });
        connect(c->target, &QTcpSocket::stateChanged, c, [this, c](QAbstractSocket::SocketState state) {
            if (state == QAbstractSocket::UnconnectedState)
                onSocketUnconnected(c, false);
        });
        connect(c->closeTimer, &QTimer::timeout, c, [this, c] {
            closeConnection(c, CloseMode::Reset, QStringLiteral("graceful close timed out"));
        });
        connect(c->drainTimer, &QTimer::timeout, c, [this, c] {
            // Waits until the bytes before an armed cut have left the kernel, so that the
            // RST cannot overtake them.
            for (const Pipe &p : c->pipes) {
                if (p.sink->state() == QAbstractSocket::ConnectedState)
                    p.sink->flush();
            }
            const bool drained = std::all_of(std::begin(c->pipes), std::end(c->pipes), [](const Pipe &p) {
                return p.sink->state() != QAbstractSocket::ConnectedState
                    || (p.sink->bytesToWrite() == 0 && kernelOutQueue(p.sink) == 0);
            });
            if (drained || c->drainClock.elapsed() > DrainTimeoutMs)
                closeConnection(c, CloseMode::Reset, c->closeReason);
        });

        Event e;
        e.kind = EventKind::ConnectionOpened;
        e.connection = id;
        log(e, QStringLiteral("from port %1").arg(socket->peerPort()));
        c->target->connectToHost(m_targetHost, m_targetPort);
    }
}

void FaultProxyWorker::pump(Connection *c, int pipe)
{
    if (c->closing || !c->targetConnected || m_stalled[pipe])
        return;
    Pipe &p = c->pipes[pipe];
    const qint64 rate = m_throttle[pipe];
    for (;;) {
        const bool single = m_singleBytes[pipe] || p.burst > 0;
        if (p.wake->isActive())
            return; // a throttle wait or the pause after a single byte is running
        const qint64 available = p.source->bytesAvailable();
        if (available <= 0)
            break;
        if (p.sink->state() != QAbstractSocket::ConnectedState)
            return; // the sink's own disconnection closes the connection
        qint64 n = qMin(available, HighWaterBytes - p.sink->bytesToWrite());
        if (n <= 0)
            return; // bytesWritten pumps again
        if (p.dropAfter >= 0)
            n = qMin(n, p.dropAfter);
        if (rate > 0) {
            const double cap = qMax(1.0, double(rate) / 20.0);
            if (!p.refill.isValid()) {
                p.refill.start();
                p.allowance = 0;
            } else {
                p.allowance = qMin(cap, p.allowance + double(p.refill.nsecsElapsed()) * double(rate) / 1e9);
                p.refill.restart();
            }
            if (p.allowance < 1.0) {
                const double wanted = single ? 1.0 : qMin(cap, double(n));
                const int waitMs = int(std::ceil((wanted - p.allowance) * 1000.0 / double(rate)));
                p.wake->start(qBound(1, waitMs, MaxThrottleWaitMs));
                return;
            }
            n = qMin(n, qint64(p.allowance));
        }
        if (single)
            n = 1;
        const QByteArray data = p.source->read(n);
        if (data.isEmpty())
            break;
        p.sink->write(data);
        if (single)
            p.sink->flush();
        if (rate > 0)
            p.allowance -= double(data.size());
        if (p.burst > 0)
            --p.burst;
        bytes[pipe] += data.size();
        ++writes[pipe];
        if (p.dropAfter > 0) {
            p.dropAfter -= data.size();
            if (p.dropAfter == 0) {
                cutAfterBytes(c, pipe);
                return;
            }
        }
        if (single) {
            // The next byte goes out in a later event loop pass, as its own TCP segment.
            p.wake->start(0);
            return;
        }
    }
    if (p.sourceClosed && p.source->bytesAvailable() == 0) {
        closeConnection(c, CloseMode::Graceful,
                        pipe == 0 ? QStringLiteral("closed by the client") : QStringLiteral("closed by the broker"));
    }
}

void FaultProxyWorker::pumpAll(int pipe)
{
    for (Connection *c : openConnections())
        pump(c, pipe);
}

void FaultProxyWorker::onSocketUnconnected(Connection *c, bool isClient)
{
    if (c->closing) {
        checkFinished(c);
        return;
    }
    if (!isClient && !c->targetConnected) {
        Event e;
        e.kind = EventKind::TargetUnreachable;
        e.connection = c->id;
        const QString why = QStringLiteral("%1:%2: %3").arg(m_targetHost).arg(m_targetPort).arg(c->target->errorString());
        log(e, why);
        closeConnection(c, CloseMode::Reset, QStringLiteral("target unreachable: ") + why);
        return;
    }
    // What the closing side sent is still delivered (after any stall), then the other
    // side is closed.
    const int pipe = isClient ? 0 : 1;
    c->pipes[pipe].sourceClosed = true;
    // While the target is still connecting this does nothing; pump() runs again when it
    // connects.
    pump(c, pipe);
}

void FaultProxyWorker::cutAfterBytes(Connection *c, int pipe)
{
    Pipe &p = c->pipes[pipe];
    Event e;
    e.kind = EventKind::ConnectionCut;
    e.connection = c->id;
    e.direction = directionOf(pipe);
    e.closeMode = p.dropMode;
    e.amount = p.armedBytes;
    log(e);
    const QString reason = QStringLiteral("cut by dropAfterBytes() after %1 bytes %2 (%3)")
                               .arg(p.armedBytes)
                               .arg(FaultProxy::directionName(e.direction), modeName(p.dropMode));
    p.dropAfter = -1;
    if (p.dropMode == CloseMode::Graceful) {
        closeConnection(c, CloseMode::Graceful, reason);
        return;
    }
    c->closing = true;
    c->closeReason = reason;
    for (Pipe &each : c->pipes)
        each.wake->stop();
    p.sink->flush();
    c->drainClock.start();
    c->drainTimer->start();
}

void FaultProxyWorker::closeConnection(Connection *c, CloseMode mode, const QString &reason)
{
    if (c->finished)
        return;
    c->closing = true;
    if (c->closeReason.isEmpty() || mode == CloseMode::Reset)
        c->closeReason = reason;
    for (Pipe &p : c->pipes)
        p.wake->stop();
    c->drainTimer->stop();
    if (mode == CloseMode::Reset) {
        c->closeTimer->stop();
        resetSocket(c->client);
        resetSocket(c->target);
    } else {
        // Input left unread when the socket is closed makes the kernel send RST, not FIN.
        c->client->readAll();
        c->target->readAll();
        c->client->disconnectFromHost();
        if (c->targetConnected)
            c->target->disconnectFromHost();
        else
            c->target->abort();
        if (!c->finished && !c->closeTimer->isActive())
            c->closeTimer->start(GracefulCloseTimeoutMs);
    }
    checkFinished(c);
}

void FaultProxyWorker::checkFinished(Connection *c)
{
    if (c->finished || c->client->state() != QAbstractSocket::UnconnectedState
        || c->target->state() != QAbstractSocket::UnconnectedState) {
        return;
    }
    c->finished = true;
    c->closeTimer->stop();
    c->drainTimer->stop();
    connections.erase(c->id);
    Event e;
    e.kind = EventKind::ConnectionClosed;
    e.connection = c->id;
    log(e, c->closeReason);
    c->deleteLater();
}

void FaultProxyWorker::dropConnections(CloseMode mode, bool random)
{
    const QList<Connection *> open = openConnections();
    Event e;
    e.kind = EventKind::DropConnections;
    e.closeMode = mode;
    e.amount = open.size();
    e.random = random;
    log(e);
    for (Connection *c : open)
        closeConnection(c, mode, QStringLiteral("dropped by dropConnections() (%1)").arg(modeName(mode)));
}

void FaultProxyWorker::dropAfterBytes(Direction direction, qint64 bytes, CloseMode mode, bool random)
{
    Event e;
    e.kind = EventKind::DropAfterBytes;
    e.direction = direction;
    e.amount = bytes;
    e.closeMode = mode;
    e.random = random;
    const QList<Connection *> open = openConnections();
    log(e, open.isEmpty() ? QStringLiteral("armed for the next connection")
                          : QStringLiteral("armed on %1 connection(s)").arg(open.size()));
    if (bytes <= 0) {
        for (Connection *c : open)
            closeConnection(c, mode, QStringLiteral("cut by dropAfterBytes(0) (%1)").arg(modeName(mode)));
        return;
    }
    for (int pipe = 0; pipe < 2; ++pipe) {
        if (!covers(direction, pipe))
            continue;
        if (open.isEmpty())
            m_armedForNext[pipe] = ArmedCut{bytes, mode};
        for (Connection *c : open) {
            if (c->closing)
                continue;
            c->pipes[pipe].dropAfter = bytes;
            c->pipes[pipe].armedBytes = bytes;
            c->pipes[pipe].dropMode = mode;
        }
    }
}

void FaultProxyWorker::stall(Direction direction, int durationMs, bool random)
{
    Event e;
    e.kind = EventKind::Stall;
    e.direction = direction;
    e.amount = durationMs < 0 ? -1 : durationMs;
    e.random = random;
    log(e);
    for (int pipe = 0; pipe < 2; ++pipe) {
        if (!covers(direction, pipe))
            continue;
        m_stalled[pipe] = true;
        if (durationMs < 0)
            m_stallTimers[pipe].stop();
        else
            m_stallTimers[pipe].start(durationMs);
    }
}

void FaultProxyWorker::endStall(int pipe)
{
    if (!m_stalled[pipe])
        return;
    m_stalled[pipe] = false;
    m_stallTimers[pipe].stop();
    Event e;
    e.kind = EventKind::StallEnded;
    e.direction = directionOf(pipe);
    log(e);
    pumpAll(pipe);
}

void FaultProxyWorker::resume(Direction direction)
{
    for (int pipe = 0; pipe < 2; ++pipe) {
        if (covers(direction, pipe))
            endStall(pipe);
    }
}

void FaultProxyWorker::setThrottle(Direction direction, qint64 bytesPerSecond)
{
    Event e;
    e.kind = bytesPerSecond > 0 ? EventKind::Throttle : EventKind::ThrottleOff;
    e.direction = direction;
    e.amount = qMax<qint64>(0, bytesPerSecond);
    log(e);
    for (int pipe = 0; pipe < 2; ++pipe) {
        if (!covers(direction, pipe))
            continue;
        m_throttle[pipe] = e.amount;
        for (Connection *c : openConnections()) {
            c->pipes[pipe].refill.invalidate();
            c->pipes[pipe].wake->stop();
        }
        pumpAll(pipe);
    }
}

void FaultProxyWorker::setSingleByteWrites(Direction direction, bool enabled)
{
    Event e;
    e.kind = enabled ? EventKind::SingleByteWrites : EventKind::SingleByteWritesOff;
    e.direction = direction;
    log(e);
    for (int pipe = 0; pipe < 2; ++pipe) {
        if (covers(direction, pipe))
            m_singleBytes[pipe] = enabled;
    }
}

void FaultProxyWorker::singleByteBurst(Direction direction, qint64 count, bool random)
{
    Event e;
    e.kind = EventKind::SingleByteBurst;
    e.direction = direction;
    e.amount = count;
    e.random = random;
    log(e);
    for (int pipe = 0; pipe < 2; ++pipe) {
        if (!covers(direction, pipe))
            continue;
        for (Connection *c : openConnections())
            c->pipes[pipe].burst = qMax<qint64>(0, count);
    }
}

void FaultProxyWorker::refuseConnections(int durationMs, CloseMode mode, bool random)
{
    Event e;
    e.kind = EventKind::RefuseConnections;
    e.amount = durationMs < 0 ? -1 : durationMs;
    e.closeMode = mode;
    e.random = random;
    log(e);
    m_refusing = true;
    m_refuseMode = mode;
    if (durationMs < 0)
        m_refuseTimer.stop();
    else
        m_refuseTimer.start(durationMs);
}

void FaultProxyWorker::endRefusal()
{
    if (!m_refusing)
        return;
    m_refusing = false;
    m_refuseTimer.stop();
    Event e;
    e.kind = EventKind::AcceptingAgain;
    log(e);
}

void FaultProxyWorker::acceptConnections()
{
    endRefusal();
}

void FaultProxyWorker::clearFaults()
{
    endRefusal();
    for (int pipe = 0; pipe < 2; ++pipe) {
        m_armedForNext[pipe].reset();
        for (Connection *c : openConnections()) {
            c->pipes[pipe].dropAfter = -1;
            c->pipes[pipe].burst = 0;
        }
        if (m_throttle[pipe] > 0)
            setThrottle(directionOf(pipe), 0);
        if (m_singleBytes[pipe])
            setSingleByteWrites(directionOf(pipe), false);
        endStall(pipe);
    }
}

bool FaultProxyWorker::startRandomFaults(const FaultProxy::RandomFaults &options)
{
    const QString problem = checkRandomFaults(options);
    if (!problem.isEmpty()) {
        errorString = QStringLiteral("startRandomFaults(): ") + problem;
        return false;
    }
    m_randomOptions = options;
    m_generator.seed(options.seed);
    randomRunning = true;
    m_randomTimer.start(drawDelay(m_generator, m_randomOptions));
    return true;
}

void FaultProxyWorker::randomTick()
{
    if (!randomRunning)
        return;
    const Event fault = drawFault(m_generator, m_randomOptions);
    switch (fault.kind) {
    case EventKind::DropAfterBytes:
        dropAfterBytes(fault.direction, fault.amount, fault.closeMode, true);
        break;
    case EventKind::Stall:
        stall(fault.direction, int(fault.amount), true);
        break;
    case EventKind::SingleByteBurst:
        singleByteBurst(fault.direction, fault.amount, true);
        break;
    case EventKind::DropConnections:
        dropConnections(fault.closeMode, true);
        break;
    case EventKind::RefuseConnections:
        refuseConnections(int(fault.amount), fault.closeMode, true);
        break;
    default:
        break;
    }
    m_randomTimer.start(drawDelay(m_generator, m_randomOptions));
}

void FaultProxyWorker::stopRandomFaults()
{
    randomRunning = false;
    m_randomTimer.stop();
    clearFaults();
}

// FaultProxy::Event

bool FaultProxy::Event::isFault() const
{
    switch (kind) {
    case EventKind::DropConnections:
    case EventKind::DropAfterBytes:
    case EventKind::Stall:
    case EventKind::Throttle:
    case EventKind::SingleByteWrites:
    case EventKind::SingleByteBurst:
    case EventKind::RefuseConnections:
        return true;
    default:
        return false;
    }
}

bool FaultProxy::Event::sameFault(const Event &other) const
{
    // DropConnections records how many connections it closed, which depends on traffic.
    const bool amountMatters = kind != EventKind::DropConnections;
    return kind == other.kind && direction == other.direction && closeMode == other.closeMode
        && (!amountMatters || amount == other.amount);
}

// FaultProxy

FaultProxy::FaultProxy()
    : m_thread(std::make_unique<FixtureThread>(QStringLiteral("FaultProxy")))
{
    m_thread->call([this] { m_worker = new FaultProxyWorker(m_thread->context()); });
}

FaultProxy::~FaultProxy()
{
    m_thread->call([this] { m_worker->stop(); });
    m_thread.reset();
}

bool FaultProxy::start(const QString &targetHost, quint16 targetPort)
{
    bool ok = false;
    m_thread->call([&] { ok = m_worker->start(targetHost, targetPort); });
    return ok;
}

void FaultProxy::stop()
{
    m_thread->call([this] { m_worker->stop(); });
}

bool FaultProxy::isListening() const
{
    bool listening = false;
    m_thread->call([&] { listening = m_worker->server->isListening(); });
    return listening;
}

QString FaultProxy::host() const
{
    return QStringLiteral("127.0.0.1");
}

quint16 FaultProxy::port() const
{
    quint16 port = 0;
    m_thread->call([&] { port = m_worker->server->isListening() ? m_worker->server->serverPort() : 0; });
    return port;
}

QString FaultProxy::errorString() const
{
    QString text;
    m_thread->call([&] { text = m_worker->errorString; });
    return text;
}

void FaultProxy::dropConnections(CloseMode mode)
{
    m_thread->call([&] { m_worker->dropConnections(mode, false); });
}

void FaultProxy::dropAfterBytes(Direction direction, qint64 bytes, CloseMode mode)
{
    m_thread->call([&] { m_worker->dropAfterBytes(direction, bytes, mode, false); });
}

void FaultProxy::stall(Direction direction, int durationMs)
{
    m_thread->call([&] { m_worker->stall(direction, durationMs, false); });
}

void FaultProxy::resume(Direction direction)
{
    m_thread->call([&] { m_worker->resume(direction); });
}

void FaultProxy::setThrottle(Direction direction, qint64 bytesPerSecond)
{
    m_thread->call([&] { m_worker->setThrottle(direction, bytesPerSecond); });
}

void FaultProxy::setSingleByteWrites(Direction direction, bool enabled)
{
    m_thread->call([&] { m_worker->setSingleByteWrites(direction, enabled); });
}

void FaultProxy::singleByteBurst(Direction direction, qint64 bytes)
{
    m_thread->call([&] { m_worker->singleByteBurst(direction, bytes, false); });
}

void FaultProxy::refuseConnections(int durationMs, CloseMode mode)
{
    m_thread->call([&] { m_worker->refuseConnections(durationMs, mode, false); });
}

void FaultProxy::acceptConnections()
{
    m_thread->call([this] { m_worker->acceptConnections(); });
}

void FaultProxy::clearFaults()
{
    m_thread->call([this] { m_worker->clearFaults(); });
}

bool FaultProxy::startRandomFaults(const RandomFaults &options)
{
    bool ok = false;
    m_thread->call([&] { ok = m_worker->startRandomFaults(options); });
    return ok;
}

void FaultProxy::stopRandomFaults()
{
    m_thread->call([this] { m_worker->stopRandomFaults(); });
}

bool FaultProxy::isRandomFaultsRunning() const
{
    bool running = false;
    m_thread->call([&] { running = m_worker->randomRunning; });
    return running;
}

QList<FaultProxy::Event> FaultProxy::plannedRandomFaults(const RandomFaults &options, int count)
{
    QList<Event> plan;
    if (!checkRandomFaults(options).isEmpty())
        return plan;
    QRandomGenerator generator(options.seed);
    qint64 time = 0;
    for (int i = 0; i < count; ++i) {
        time += drawDelay(generator, options);
        Event e = drawFault(generator, options);
        e.timeMs = time;
        setText(e);
        plan << e;
    }
    return plan;
}

int FaultProxy::connectionsAccepted() const
{
    int n = 0;
    m_thread->call([&] { n = m_worker->accepted; });
    return n;
}

int FaultProxy::connectionsRefused() const
{
    int n = 0;
    m_thread->call([&] { n = m_worker->refused; });
    return n;
}

int FaultProxy::openConnections() const
{
    int n = 0;
    m_thread->call([&] { n = int(m_worker->connections.size()); });
    return n;
}

qint64 FaultProxy::bytesRelayed(Direction direction) const
{
    qint64 n = 0;
    m_thread->call([&] {
        for (int pipe = 0; pipe < 2; ++pipe)
            n += covers(direction, pipe) ? m_worker->bytes[pipe] : 0;
    });
    return n;
}

qint64 FaultProxy::writeCount(Direction direction) const
{
    qint64 n = 0;
    m_thread->call([&] {
        for (int pipe = 0; pipe < 2; ++pipe)
            n += covers(direction, pipe) ? m_worker->writes[pipe] : 0;
    });
    return n;
}

int FaultProxy::faultsInjected() const
{
    int n = 0;
    m_thread->call([&] { n = m_worker->faults; });
    return n;
}

QList<FaultProxy::Event> FaultProxy::events() const
{
    QList<Event> list;
    m_thread->call([&] { list = m_worker->events; });
    return list;
}

QString FaultProxy::eventLog() const
{
    QString text;
    m_thread->call([&] {
        for (const Event &e : std::as_const(m_worker->events))
            text += e.text + QLatin1Char('\n');
    });
    return text;
}

QString FaultProxy::directionName(Direction direction)
{
    switch (direction) {
    case Direction::ClientToBroker:
        return QStringLiteral("client->broker");
    case Direction::BrokerToClient:
        return QStringLiteral("broker->client");
    case Direction::Both:
        return QStringLiteral("both directions");
    }
    return QStringLiteral("invalid direction %1").arg(int(direction));
}
