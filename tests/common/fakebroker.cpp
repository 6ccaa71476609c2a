// Test support, not API.
#include "fakebroker.h"

#include <QtCore/QEventLoop>
#include <QtCore/QMetaObject>
#include <QtNetwork/QHostAddress>
#include <QtNetwork/QTcpServer>
#include <QtNetwork/QTcpSocket>

#ifdef Q_OS_UNIX
#include <sys/socket.h>
#endif

namespace {

constexpr int MaxShownBytes = 256;

QString formatBytes(const QByteArray &bytes)
{
    if (bytes.isEmpty())
        return QStringLiteral("(nothing)");
    QString text = QString::fromLatin1(bytes.left(MaxShownBytes).toHex(' '));
    if (bytes.size() > MaxShownBytes)
        text += QStringLiteral(" ...");
    return text + QStringLiteral(" (%1 bytes)").arg(bytes.size());
}

// Parses the fixed header at the start of data. Returns the whole packet length, 0 when
// more bytes are needed, or -1 when the remaining length is malformed [MQTT-1.5.5].
qsizetype packetLength(const QByteArray &data)
{
    qsizetype remaining = 0;
    int shift = 0;
    for (qsizetype i = 1; i < data.size(); ++i) {
        const auto byte = quint8(data.at(i));
        remaining |= qsizetype(byte & 0x7f) << shift;
        if ((byte & 0x80) == 0)
            return i + 1 + remaining;
        shift += 7;
        if (i == 4)
            return -1;
    }
    return 0;
}

} // namespace

FakeBroker::FakeBroker(QObject *parent)
    : QObject(parent)
    , m_server(new QTcpServer(this))
{
    m_timer.setSingleShot(true);
    // A coarse timer may fire up to 5% early, which would shorten wait() and expectSilence().
    m_timer.setTimerType(Qt::PreciseTimer);
    connect(&m_timer, &QTimer::timeout, this, [this] {
        m_timerExpired = true;
        advance();
    });
    connect(m_server, &QTcpServer::pendingConnectionAvailable, this, [this] {
        ++m_connectionCount;
        advance();
    });
}

FakeBroker::~FakeBroker()
{
    m_timer.stop();
    dropConnection();
    m_server->close();
}

bool FakeBroker::listen()
{
    if (m_server->isListening())
        return true;
    if (!m_server->listen(QHostAddress::LocalHost, 0)) {
        fail(QStringLiteral("cannot listen on 127.0.0.1: %1").arg(m_server->errorString()));
        return false;
    }
    return true;
}

quint16 FakeBroker::port() const
{
    return m_server->serverPort();
}

QString FakeBroker::host() const
{
    return QStringLiteral("127.0.0.1");
}

FakeBroker &FakeBroker::acceptConnection(const QString &what)
{
    return addStep({StepKind::Accept, what});
}

FakeBroker &FakeBroker::expect(const QByteArray &bytes, const QString &what)
{
    Step step{StepKind::Expect, what};
    step.bytes = bytes;
    return addStep(std::move(step));
}

FakeBroker &FakeBroker::expectPacket(quint8 type, const PacketCheck &check, const QString &what)
{
    Q_ASSERT_X(type >= Connect && type <= Auth, "FakeBroker::expectPacket", "invalid packet type");
    Step step{StepKind::ExpectPacket, what};
    step.packetType = type;
    step.check = check;
    return addStep(std::move(step));
}

FakeBroker &FakeBroker::expectAnyPacket(const QString &what)
{
    return addStep({StepKind::ExpectPacket, what});
}

FakeBroker &FakeBroker::send(const QByteArray &bytes, const QString &what)
{
    Step step{StepKind::Send, what};
    step.bytes = bytes;
    return addStep(std::move(step));
}

FakeBroker &FakeBroker::sendWith(const std::function<QByteArray()> &make, const QString &what)
{
    Step step{StepKind::SendWith, what};
    step.make = make;
    return addStep(std::move(step));
}

FakeBroker &FakeBroker::run(const std::function<void()> &action, const QString &what)
{
    Step step{StepKind::Run, what};
    step.action = action;
    return addStep(std::move(step));
}

FakeBroker &FakeBroker::wait(int ms)
{
    Step step{StepKind::Wait, {}};
    step.ms = ms;
    return addStep(std::move(step));
}

FakeBroker &FakeBroker::closeConnection(const QString &what)
{
    return addStep({StepKind::Close, what});
}

FakeBroker &FakeBroker::resetConnection(const QString &what)
{
    return addStep({StepKind::Reset, what});
}

FakeBroker &FakeBroker::expectClosed(int timeoutMs, const QString &what)
{
    Step step{StepKind::ExpectClosed, what};
    step.ms = timeoutMs;
    return addStep(std::move(step));
}

FakeBroker &FakeBroker::expectSilence(int ms, const QString &what)
{
    Step step{StepKind::ExpectSilence, what};
    step.ms = ms;
    return addStep(std::move(step));
}

bool FakeBroker::waitForScript(int timeoutMs)
{
    advance();
    if (hasFailed())
        return false;
    if (isFinished())
        return true;

    QEventLoop loop;
    connect(this, &FakeBroker::scriptFinished, &loop, &QEventLoop::quit);
    connect(this, &FakeBroker::scriptFailed, &loop, &QEventLoop::quit);
    QTimer::singleShot(timeoutMs, &loop, &QEventLoop::quit);
    loop.exec();

    if (isFinished())
        return true;
    if (!hasFailed())
        fail(QStringLiteral("timed out after %1 ms").arg(timeoutMs));
    return false;
}

bool FakeBroker::isFinished() const
{
    return m_failure.isEmpty() && m_current == int(m_steps.size());
}

bool FakeBroker::hasFailed() const
{
    return !m_failure.isEmpty();
}

QString FakeBroker::failure() const
{
    return m_failure;
}

int FakeBroker::currentStep() const
{
    return m_current;
}

int FakeBroker::stepCount() const
{
    return int(m_steps.size());
}

QByteArray FakeBroker::received() const
{
    return m_received;
}

QByteArray FakeBroker::lastPacket() const
{
    return m_lastPacket;
}

int FakeBroker::connectionCount() const
{
    return m_connectionCount;
}

bool FakeBroker::isClientConnected() const
{
    return m_socket && m_socket->state() == QAbstractSocket::ConnectedState && !m_peerClosed;
}

QByteArray FakeBroker::hex(const QByteArray &text)
{
    QByteArray digits;
    digits.reserve(text.size());
    for (const char c : text) {
        if (c == ' ' || c == '\n' || c == '\t' || c == '\r')
            continue;
        const bool isHexDigit = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
        if (!isHexDigit)
            qFatal("FakeBroker::hex: '%c' is not a hex digit in \"%s\"", c, text.constData());
        digits += c;
    }
    if (digits.size() % 2 != 0)
        qFatal("FakeBroker::hex: odd number of hex digits in \"%s\"", text.constData());
    return QByteArray::fromHex(digits);
}

QString FakeBroker::packetTypeName(quint8 type)
{
    static const char *const names[] = {
        "reserved type 0", "CONNECT", "CONNACK", "PUBLISH", "PUBACK", "PUBREC",
        "PUBREL", "PUBCOMP", "SUBSCRIBE", "SUBACK", "UNSUBSCRIBE", "UNSUBACK",
        "PINGREQ", "PINGRESP", "DISCONNECT", "AUTH",
    };
    if (type > 15)
        return QStringLiteral("invalid type %1").arg(type);
    return QString::fromLatin1(names[type]);
}

FakeBroker &FakeBroker::addStep(Step step)
{
    if (m_steps.empty() && step.kind != StepKind::Accept)
        m_steps.push_back({StepKind::Accept, {}});
    m_steps.push_back(std::move(step));
    m_finishedEmitted = false;
    scheduleAdvance();
    return *this;
}

// Steps start from the event loop, never inside the builder calls, so a script is
// complete before anything runs.
void FakeBroker::scheduleAdvance()
{
    if (m_advanceQueued)
        return;
    m_advanceQueued = true;
    QMetaObject::invokeMethod(
        this,
        [this] {
            m_advanceQueued = false;
            advance();
        },
        Qt::QueuedConnection);
}

void FakeBroker::advance()
{
    if (m_advancing) {
        // A step caused a socket signal synchronously (disconnectFromHost() may emit
        // disconnected() at once): the running loop looks again when the step returns.
        m_advanceAgain = true;
        return;
    }
    m_advancing = true;
    do {
        m_advanceAgain = false;
        while (!hasFailed() && m_current < int(m_steps.size())) {
            const Progress progress = runStep(m_steps[size_t(m_current)]);
            if (progress != Progress::Done)
                break;
            ++m_current;
            m_timer.stop();
            m_timerArmed = false;
            m_timerExpired = false;
        }
    } while (m_advanceAgain && !hasFailed());
    m_advancing = false;

    if (isFinished() && !m_finishedEmitted) {
        m_finishedEmitted = true;
        Q_EMIT scriptFinished();
    }
}

FakeBroker::Progress FakeBroker::runStep(Step &step)
{
    switch (step.kind) {
    case StepKind::Accept:
        return acceptNext();
    case StepKind::Expect:
        return expectBytes(step);
    case StepKind::ExpectPacket:
        return expectPacketStep(step);
    case StepKind::Send:
        return sendBytes(step.bytes);
    case StepKind::SendWith:
        return sendBytes(step.make ? step.make() : QByteArray());
    case StepKind::Run:
        if (step.action)
            step.action();
        return Progress::Done;
    case StepKind::Wait:
        armTimer(step.ms);
        return m_timerExpired ? Progress::Done : Progress::Waiting;
    case StepKind::Close:
    case StepKind::Reset:
        if (!m_socket)
            return fail(QStringLiteral("there is no connection to close"));
        m_closedByBroker = true;
        if (step.kind == StepKind::Reset) {
#ifdef Q_OS_UNIX
            // A zero linger time makes close() send RST instead of FIN.
            const linger hard = {1, 0};
            ::setsockopt(int(m_socket->socketDescriptor()), SOL_SOCKET, SO_LINGER, &hard, sizeof(hard));
#endif
            m_socket->abort();
        } else {
            m_socket->disconnectFromHost();
        }
        return Progress::Done;
    case StepKind::ExpectClosed:
        if (!m_pending.isEmpty()) {
            return fail(QStringLiteral("expected the client to close the connection, but it sent:\n"
                                       "  received: %1")
                            .arg(formatBytes(m_pending)));
        }
        if (m_closedByBroker)
            return fail(QStringLiteral("the connection was closed by the broker, not by the client"));
        if (m_peerClosed)
            return Progress::Done;
        if (!m_socket)
            return fail(QStringLiteral("there is no connection"));
        armTimer(step.ms);
        if (m_timerExpired)
            return fail(QStringLiteral("the client did not close the connection within %1 ms").arg(step.ms));
        return Progress::Waiting;
    case StepKind::ExpectSilence:
        if (!m_pending.isEmpty()) {
            return fail(QStringLiteral("expected %1 ms of silence, but the client sent:\n"
                                       "  received: %2")
                            .arg(step.ms)
                            .arg(formatBytes(m_pending)));
        }
        if (m_peerClosed)
            return fail(QStringLiteral("expected %1 ms of silence, but the client closed the connection").arg(step.ms));
        if (!m_socket || m_closedByBroker)
            return fail(QStringLiteral("there is no open connection to be silent on"));
        armTimer(step.ms);
        return m_timerExpired ? Progress::Done : Progress::Waiting;
    }
    return Progress::Waiting;
}

FakeBroker::Progress FakeBroker::acceptNext()
{
    if (!m_server->isListening())
        return fail(QStringLiteral("the broker is not listening: call listen() first"));
    if (!m_server->hasPendingConnections())
        return Progress::Waiting;

    dropConnection();
    m_socket = m_server->nextPendingConnection();
    ++m_scriptConnections;
    m_received.clear();
    m_pending.clear();
    m_peerClosed = false;
    m_closedByBroker = false;
    connect(m_socket, &QTcpSocket::readyRead, this, &FakeBroker::onReadyRead);
    connect(m_socket, &QTcpSocket::disconnected, this, &FakeBroker::onDisconnected);
    // The client may have written, or even closed, before the script got here.
    const QByteArray early = m_socket->readAll();
    m_received += early;
    m_pending += early;
    if (m_socket->state() != QAbstractSocket::ConnectedState)
        m_peerClosed = true;
    return Progress::Done;
}

FakeBroker::Progress FakeBroker::expectBytes(const Step &step)
{
    const QByteArray &expected = step.bytes;
    const qsizetype available = qMin(m_pending.size(), expected.size());
    for (qsizetype i = 0; i < available; ++i) {
        if (m_pending.at(i) != expected.at(i)) {
            return fail(QStringLiteral("received bytes differ from the expected ones at offset %1:\n"
                                       "  expected: %2\n"
                                       "  received: %3")
                            .arg(i)
                            .arg(formatBytes(expected), formatBytes(m_pending.left(expected.size()))));
        }
    }
    if (m_pending.size() >= expected.size()) {
        m_pending.remove(0, expected.size());
        return Progress::Done;
    }
    if (m_peerClosed || !m_socket || m_closedByBroker) {
        return fail(QStringLiteral("the connection closed before all expected bytes arrived:\n"
                                   "  expected: %1\n"
                                   "  received: %2")
                        .arg(formatBytes(expected), formatBytes(m_pending)));
    }
    return Progress::Waiting;
}

FakeBroker::Progress FakeBroker::expectPacketStep(const Step &step)
{
    const QString wanted = step.packetType ? packetTypeName(step.packetType) + QStringLiteral(" packet")
                                           : QStringLiteral("a packet");
    if (!m_pending.isEmpty() && step.packetType != 0) {
        const quint8 type = quint8(m_pending.at(0)) >> 4;
        if (type != step.packetType) {
            return fail(QStringLiteral("expected %1, received %2:\n  received: %3")
                            .arg(wanted, packetTypeName(type), formatBytes(m_pending)));
        }
    }
    const qsizetype length = packetLength(m_pending);
    if (length < 0) {
        return fail(QStringLiteral("malformed remaining length while expecting %1:\n  received: %2")
                        .arg(wanted, formatBytes(m_pending)));
    }
    if (length == 0 || m_pending.size() < length) {
        if (m_peerClosed || !m_socket || m_closedByBroker) {
            return fail(QStringLiteral("the connection closed before %1 arrived:\n  received: %2")
                            .arg(wanted, formatBytes(m_pending)));
        }
        return Progress::Waiting;
    }

    const QByteArray packet = m_pending.left(length);
    m_pending.remove(0, length);
    m_lastPacket = packet;
    if (step.check) {
        QString why;
        if (!step.check(packet, &why)) {
            return fail(QStringLiteral("the %1 was refused: %2\n  received: %3")
                            .arg(packetTypeName(quint8(packet.at(0)) >> 4),
                                 why.isEmpty() ? QStringLiteral("check failed") : why,
                                 formatBytes(packet)));
        }
    }
    return Progress::Done;
}

FakeBroker::Progress FakeBroker::sendBytes(const QByteArray &bytes)
{
    if (!m_socket || m_closedByBroker)
        return fail(QStringLiteral("cannot send: there is no open connection"));
    if (m_peerClosed || m_socket->state() != QAbstractSocket::ConnectedState)
        return fail(QStringLiteral("cannot send: the client has closed the connection"));
    if (m_socket->write(bytes) != bytes.size())
        return fail(QStringLiteral("cannot send: %1").arg(m_socket->errorString()));
    return Progress::Done;
}

// Starts the step's timer the first time the step runs, not again when it runs again.
void FakeBroker::armTimer(int ms)
{
    if (!m_timerArmed) {
        m_timerArmed = true;
        m_timerExpired = false;
        m_timer.start(qMax(0, ms));
    }
}

FakeBroker::Progress FakeBroker::fail(const QString &problem)
{
    if (m_failure.isEmpty()) {
        m_timer.stop();
        QString text = QStringLiteral("FakeBroker: ");
        if (m_current < int(m_steps.size())) {
            text += QStringLiteral("step %1 of %2 (%3) failed: ")
                        .arg(m_current + 1)
                        .arg(m_steps.size())
                        .arg(describe(m_current));
        }
        text += problem;
        if (m_scriptConnections > 0) {
            text += QStringLiteral("\n  on connection %1; all bytes received on it: %2")
                        .arg(m_scriptConnections)
                        .arg(formatBytes(m_received));
        }
        m_failure = text;
        Q_EMIT scriptFailed(m_failure);
    }
    return Progress::Failed;
}

QString FakeBroker::describe(int index) const
{
    const Step &step = m_steps[size_t(index)];
    QString kind;
    switch (step.kind) {
    case StepKind::Accept:
        kind = QStringLiteral("acceptConnection");
        break;
    case StepKind::Expect:
        kind = QStringLiteral("expect %1 bytes").arg(step.bytes.size());
        break;
    case StepKind::ExpectPacket:
        kind = step.packetType ? QStringLiteral("expectPacket %1").arg(packetTypeName(step.packetType))
                               : QStringLiteral("expectAnyPacket");
        break;
    case StepKind::Send:
        kind = QStringLiteral("send %1 bytes").arg(step.bytes.size());
        break;
    case StepKind::SendWith:
        kind = QStringLiteral("sendWith");
        break;
    case StepKind::Run:
        kind = QStringLiteral("run");
        break;
    case StepKind::Wait:
        kind = QStringLiteral("wait %1 ms").arg(step.ms);
        break;
    case StepKind::Close:
        kind = QStringLiteral("closeConnection");
        break;
    case StepKind::Reset:
        kind = QStringLiteral("resetConnection");
        break;
    case StepKind::ExpectClosed:
        kind = QStringLiteral("expectClosed within %1 ms").arg(step.ms);
        break;
    case StepKind::ExpectSilence:
        kind = QStringLiteral("expectSilence %1 ms").arg(step.ms);
        break;
    }
    return step.what.isEmpty() ? kind : kind + QStringLiteral(" \"") + step.what + QLatin1Char('"');
}

void FakeBroker::onReadyRead()
{
    if (!m_socket || sender() != m_socket)
        return;
    const QByteArray data = m_socket->readAll();
    m_received += data;
    m_pending += data;
    advance();
}

void FakeBroker::onDisconnected()
{
    if (!m_socket || sender() != m_socket)
        return;
    if (m_socket->isReadable()) {
        const QByteArray data = m_socket->readAll();
        m_received += data;
        m_pending += data;
    }
    if (!m_closedByBroker)
        m_peerClosed = true;
    advance();
}

void FakeBroker::dropConnection()
{
    if (!m_socket)
        return;
    QTcpSocket *socket = m_socket;
    m_socket = nullptr;
    disconnect(socket, nullptr, this, nullptr);
    socket->abort();
    socket->deleteLater();
}
