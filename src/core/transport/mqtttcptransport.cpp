// Copyright (C) 2026 The MqttQt authors.
// SPDX-License-Identifier: BSD-3-Clause
#include "mqtttransport_p.h"

#include <QtCore/QDateTime>
#include <QtCore/QTimer>
#include <QtNetwork/QHostAddress>
#include <QtNetwork/QSslError>
#include <QtNetwork/QSslSocket>
#include <QtNetwork/QTcpSocket>

#if defined(Q_OS_UNIX)
#  include <netinet/in.h>
#  include <netinet/tcp.h>
#  include <sys/socket.h>
#endif

namespace {

bool isSslError(QAbstractSocket::SocketError error)
{
    return error == QAbstractSocket::SslHandshakeFailedError || error == QAbstractSocket::SslInternalError
            || error == QAbstractSocket::SslInvalidUserDataError;
}

} // namespace

// ---- MqttTcpTransport ----------------------------------------------------------------

MqttTcpTransport::MqttTcpTransport(QObject *parent) : MqttTransport(parent) { }

MqttTcpTransport::MqttTcpTransport(const QNetworkProxy &proxy, QObject *parent)
    : MqttTransport(parent), m_proxy(proxy)
{
}

MqttTcpTransport::~MqttTcpTransport()
{
    if (m_socket) {
        m_socket->disconnect(this);
        m_socket->abort();
    }
}

QTcpSocket *MqttTcpTransport::createSocket()
{
    return new QTcpSocket(this);
}

void MqttTcpTransport::startConnecting(const QString &host, quint16 port)
{
    // Unbuffered: writes go straight to the kernel (Qt buffers only what the kernel did
    // not take) and reads land directly in the decoder's buffer. The buffered mode would
    // copy every byte once more and, with the glib event dispatcher, wake the event loop
    // twice per write to toggle the write notifier. The client batches writes itself.
    m_socket->connectToHost(host, port, QIODevice::ReadWrite | QIODevice::Unbuffered);
}

void MqttTcpTransport::onSocketConnected()
{
    reportSocketOpened();
}

void MqttTcpTransport::open(const QString &host, quint16 port, const QString &bindAddress)
{
    if (m_socket) {
        m_socket->disconnect(this);
        m_socket->abort();
        m_socket->deleteLater();
    }
    m_host = host;
    m_port = port;
    m_tcpConnected = false;
    m_writeShutDown = false;
    m_sentSinceQuickAck = true;
    m_wroteSinceQuietPass = true;
    m_quietPassAt = -1;
    m_quietPasses = 0;
    m_readPaused = false;
    m_readPending = false;
    m_streaming = false;
    m_awaitingPass = false;
    if (m_pauseTimer)
        m_pauseTimer->stop();
    beginStream();
    m_socket = createSocket();
    m_socket->setProxy(m_proxy);
    connect(m_socket, &QTcpSocket::connected, this, [this] {
        m_tcpConnected = true;
        // Small MQTT packets must not wait for Nagle's algorithm (40 ms stalls against
        // delayed ACKs); the client already batches writes per event-loop pass.
        m_socket->setSocketOption(QAbstractSocket::LowDelayOption, 1);
        onSocketConnected();
    });
    // Signal to signal, as before: this is the receive path. A TCP socket is readable only
    // once connected, a QSslSocket only once encrypted. The plain socket's channelReadyRead()
    // rather than readyRead(): Qt emits both, but readyRead() never while a handler of it
    // still runs, and the client's handlers may run a nested event loop (waitForPublish(),
    // a modal dialog) in which the acknowledgements and PINGRESPs must still be read; an
    // unbuffered socket not read after that notification would then stay silent for good.
    // QSslSocket announces decrypted data with readyRead() only (see MqttSslTransport).
    if (qobject_cast<QSslSocket *>(m_socket))
        connect(m_socket, &QTcpSocket::readyRead, this, &MqttTcpTransport::onSocketReadyRead);
    else
        connect(m_socket, &QTcpSocket::channelReadyRead, this, &MqttTcpTransport::onSocketReadyRead);
    connect(m_socket, &QTcpSocket::bytesWritten, this, &MqttTransport::bytesWritten);
    connect(m_socket, &QTcpSocket::errorOccurred, this, &MqttTcpTransport::onError);
    connect(m_socket, &QTcpSocket::disconnected, this, &MqttTcpTransport::onDisconnected);
    if (!bindAddress.isEmpty()) {
        QHostAddress addr;
        if (!addr.setAddress(bindAddress)) {
            refuseOpen(Mqtt::ErrorCode::Invalid, QStringLiteral("Invalid bind address \"%1\"").arg(bindAddress));
            return;
        }
        if (!m_socket->bind(addr)) {
            refuseOpen(Mqtt::ErrorCode::Errno, QStringLiteral("Cannot bind to %1: %2").arg(bindAddress, m_socket->errorString()));
            return;
        }
    }
    startConnecting(host, port);
}

void MqttTcpTransport::reportSocketOpened()
{
    if (!reportOpened())
        return;
    // Bytes that arrived with the end of a TLS handshake were not announced before.
    if (m_socket && m_socket->bytesAvailable() > 0 && !m_reported)
        Q_EMIT readyRead();
}

Mqtt::ErrorCode MqttTcpTransport::errorCodeFor(QAbstractSocket::SocketError socketError) const
{
    if (m_open)
        return Mqtt::ErrorCode::ConnectionLost;
    switch (socketError) {
    case QAbstractSocket::ConnectionRefusedError:
    case QAbstractSocket::ProxyConnectionRefusedError:
        return Mqtt::ErrorCode::ConnectionRefused;
    case QAbstractSocket::ProxyAuthenticationRequiredError:
        return Mqtt::ErrorCode::Auth;
    case QAbstractSocket::HostNotFoundError:
    case QAbstractSocket::ProxyNotFoundError:
        return Mqtt::ErrorCode::HostNotFound;
    case QAbstractSocket::SocketTimeoutError:
    case QAbstractSocket::ProxyConnectionTimeoutError:
        return Mqtt::ErrorCode::Timeout;
    default:
        return Mqtt::ErrorCode::Errno;
    }
}

QString MqttTcpTransport::describeSocketError() const
{
    const QString text = m_socket->errorString();
    if (mqttIsProxyError(m_socket->error()))
        return mqttDescribeProxyError(m_proxy, text);
    return text;
}

void MqttTcpTransport::onError()
{
    if (m_reported)
        return;
    const auto err = m_socket->error();
    if (m_closing && err == QAbstractSocket::RemoteHostClosedError)
        return; // our own close; disconnected() reports it
    if (m_writeShutDown) {
        // After our FIN the stream is over as asked, however the socket takes the broker's
        // end (QSslSocket reports a TLS error for a close without close_notify).
        reportEnded(QString());
        return;
    }
    reportFailure(errorCodeFor(err), describeSocketError());
}

void MqttTcpTransport::onDisconnected()
{
    if (m_reported)
        return;
    if (!m_open) {
        reportFailure(errorCodeFor(QAbstractSocket::RemoteHostClosedError),
                      QStringLiteral("The broker closed the connection before it was established"));
        return;
    }
    reportEnded(QStringLiteral("The broker closed the connection"));
}

void MqttTcpTransport::close()
{
    if (!m_socket || m_closing)
        return;
    m_closing = true;
    if (m_socket->state() == QAbstractSocket::UnconnectedState) {
        reportEnded(QString());
        return;
    }
#if defined(Q_OS_UNIX)
    if (m_open && m_socket->state() == QAbstractSocket::ConnectedState && m_socket->socketDescriptor() >= 0) {
        // A graceful end: the last bytes (the DISCONNECT) go out, then our FIN, and the
        // socket is closed only once the broker has closed its side. Closing at once, with
        // broker data still unread in the kernel (a busy subscription), makes the kernel
        // send a reset instead of a FIN, and a broker that has not read the DISCONNECT yet
        // loses it with the reset: it then treats the end as a lost connection and
        // publishes the will. What arrives meanwhile is read and dropped here; the client's
        // close timer aborts a broker that never closes.
        disconnect(m_socket, &QTcpSocket::readyRead, this, &MqttTcpTransport::onSocketReadyRead);
        disconnect(m_socket, &QTcpSocket::channelReadyRead, this, &MqttTcpTransport::onSocketReadyRead);
        connect(m_socket, &QTcpSocket::readyRead, this, &MqttTcpTransport::drainAfterClose);
        connect(m_socket, &QTcpSocket::bytesWritten, this, &MqttTcpTransport::shutdownWhenFlushed);
        if (auto *ssl = qobject_cast<QSslSocket *>(m_socket))
            connect(ssl, &QSslSocket::encryptedBytesWritten, this, &MqttTcpTransport::shutdownWhenFlushed);
        shutdownWhenFlushed();
        drainAfterClose();
        return;
    }
#endif
    m_socket->disconnectFromHost(); // flushes pending writes first
}

void MqttTcpTransport::shutdownWhenFlushed()
{
#if defined(Q_OS_UNIX)
    if (!m_socket || !m_closing || m_writeShutDown || m_socket->state() != QAbstractSocket::ConnectedState)
        return;
    qint64 pending = m_socket->bytesToWrite();
    if (auto *ssl = qobject_cast<QSslSocket *>(m_socket))
        pending += ssl->encryptedBytesToWrite();
    if (pending > 0)
        return; // bytesWritten() calls again
    m_writeShutDown = true;
    if (::shutdown(int(m_socket->socketDescriptor()), SHUT_WR) != 0)
        m_socket->disconnectFromHost(); // not a connected socket after all: close as Qt does
#endif
}

void MqttTcpTransport::drainAfterClose()
{
    if (!m_socket || m_reported)
        return;
    char scratch[16384];
    qint64 n = 0;
    while ((n = m_socket->read(scratch, sizeof scratch)) > 0) { }
    // An unbuffered socket sees the broker's FIN only here (read() fails and the socket
    // drops to UnconnectedState); the buffered TLS socket emits disconnected() instead.
    if (n < 0 || m_socket->state() == QAbstractSocket::UnconnectedState)
        reportEnded(QString(), true);
}

void MqttTcpTransport::abort()
{
    if (!m_socket)
        return;
    m_socket->disconnect(this);
    m_socket->abort();
    // Not deleteLater(): a nested event loop would carry it out while the socket's own
    // signal may still be on the stack. It goes with this transport (the client retires
    // transports once its handlers have unwound).
    m_socket = nullptr;
    reportAborted();
}

bool MqttTcpTransport::isOpen() const
{
    return m_socket && m_open && !m_reported && m_socket->state() == QAbstractSocket::ConnectedState;
}

qint64 MqttTcpTransport::bytesAvailable() const
{
    return m_socket ? m_socket->bytesAvailable() : 0;
}

qint64 MqttTcpTransport::read(char *data, qint64 maxSize)
{
    if (!m_socket)
        return -1;
    const qint64 n = m_socket->read(data, maxSize);
    if (n < 0 && m_open && !m_reported && m_socket->state() == QAbstractSocket::UnconnectedState) {
        // An unbuffered socket sees the end of the stream (FIN or RST) only in read(), and
        // then drops to UnconnectedState without emitting disconnected() or an error.
        // Report it once, queued: the caller still has to process what it read before.
        reportEnded(m_socket->errorString(), true);
    }
    return n;
}

void MqttTcpTransport::acknowledgeNow(qint64 bytesRead, qint64 readAtMs)
{
#if defined(Q_OS_LINUX) && defined(TCP_QUICKACK)
    // A broker with Nagle's algorithm on (mosquitto's default) holds its next small packet
    // until our ACK; Linux delays that ACK up to 40 ms when we send nothing back, which
    // stalled every QoS 1 round trip. The TCP_QUICKACK option sends a pending ACK at once.
    //
    // Linux delays the ACK of data the application has read in two cases only: in its
    // "interactive" mode, which it enters when the application sends data soon after
    // receiving (quick-ack mode leaves it, and only sending enters it again), and for a
    // segment it takes for full-sized (at least 536 bytes, or without PSH). Otherwise
    // reading the data sends its ACK (tcp_cleanup_rbuf(): a pushed segment, the receive
    // queue empty). So a pass that read less than 476 bytes (536 less the largest TCP
    // header) with nothing sent since the last quick-ack is acknowledged already, and the
    // system call is skipped: a QoS 0 subscriber of small messages sends nothing and would
    // otherwise pay one setsockopt() per wake-up. Bytes Qt still holds count as sent. (A
    // sender that cuts segments under 536 bytes without PSH, which no common TCP stack
    // does at the end of a write, could still see a delayed ACK there.)
    //
    // Reading at once costs a subscriber dearly while messages stream in. Against a broker
    // with Nagle on, each read empties the socket and acknowledges it at once, so the
    // broker releases every message or two as a segment of its own (0.5 to 0.6 segments
    // per 64-byte message measured); against one with Nagle off, every message is a
    // segment anyway. Either way the subscriber woke, read and handled one or two messages
    // per wake-up (4 to 7 us of CPU per message). libmosquitto's subscriber, which reads a
    // packet at a time, gets about 470 messages per segment from a broker with Nagle on.
    // So when passes that read and wrote nothing, with nothing written between them, come
    // StreamPasses or more in one millisecond of the client's clock (the client passes -1
    // for a pass that ends inside a large packet: it does not count), the stream is paced:
    // the socket's next readyRead() waits for a PauseMs timer. Qt's unbuffered socket
    // notifies once more and then stops until the next read, so a pause costs one
    // wake-up, not one per segment; and a broker with Nagle on, not acknowledged
    // meanwhile (Linux delays the ACK of data not yet read), gathers its messages. The
    // paced read empties the socket, which acknowledges it, and so on while such passes
    // come within StreamGapMs. The stream ends with any write (an acknowledgement of a
    // QoS 1/2 message, a publish, a PINGREQ: write() ends a running pause at once) or with
    // a pause after which nothing is read; then quick-ack sends any ACK still pending (the
    // read does not acknowledge a full-sized last segment). The cost is latency: a message
    // that arrives during a pause waits for its end, PauseMs plus however late the event
    // loop runs the timer, which includes the handlers of the messages already read; with
    // Nagle on at the broker, one it gets during a pause is sent after the paced read that
    // acknowledges, and so waits up to two pauses. Passes that read and write nothing are
    // QoS 0 messages and the acknowledgements of one's own QoS 1/2 messages when nothing
    // more waits to be sent: the tail of a burst of publishes may see its last
    // acknowledgements that much later. Plain TCP without a proxy only (QSslSocket and
    // Qt's proxy engines read through buffers of their own).
    if (!m_socket || m_socket->socketDescriptor() < 0)
        return;
    constexpr int StreamPasses = 4;
    constexpr int PauseMs = 1;
    constexpr qint64 StreamGapMs = 2 * PauseMs;
    const bool unsent = m_socket->bytesToWrite() > 0;
    const bool quiet = !m_wroteSinceQuietPass && !unsent;
    m_quietPasses = quiet && readAtMs >= 0 && readAtMs == m_quietPassAt ? m_quietPasses + 1 : 1;
    // Once streaming, the pause itself spaces the passes a millisecond apart: the stream
    // goes on while they keep coming with nothing written.
    const bool goesOn = m_streaming && readAtMs >= 0 && m_quietPassAt >= 0 && readAtMs - m_quietPassAt <= StreamGapMs;
    const bool streaming = m_streamPacing && !m_quickAckEveryPass && m_proxy.type() == QNetworkProxy::NoProxy
            && readAtMs >= 0 && quiet && (m_quietPasses >= StreamPasses || goesOn);
    m_streaming = streaming;
    m_awaitingPass = false;
    m_wroteSinceQuietPass = unsent;
    m_quietPassAt = readAtMs;
    if (streaming) {
        m_readPaused = true;
        if (!m_pauseTimer) {
            m_pauseTimer = new QTimer(this);
            m_pauseTimer->setSingleShot(true);
            m_pauseTimer->setTimerType(Qt::PreciseTimer);
            connect(m_pauseTimer, &QTimer::timeout, this, &MqttTcpTransport::endStreamPause);
        }
        if (!m_pauseTimer->isActive())
            m_pauseTimer->start(PauseMs);
        return;
    }
    constexpr qint64 AckedOnRead = 536 - 60;
    if (!m_quickAckEveryPass && !m_sentSinceQuickAck && !unsent && bytesRead < AckedOnRead)
        return;
    quickAck();
#else
    Q_UNUSED(bytesRead);
    Q_UNUSED(readAtMs);
#endif
}

void MqttTcpTransport::setStreamPacing(bool enabled)
{
    m_streamPacing = enabled;
    if (!enabled)
        endPauseSoon();
}

void MqttTcpTransport::endPauseSoon()
{
    if (!m_readPaused)
        return;
    m_streaming = false;
    m_pauseTimer->start(0); // what came during the pause is announced from the event loop
}

void MqttTcpTransport::onSocketReadyRead()
{
    if (m_readPaused) {
        // Announced when the pause ends. Qt's unbuffered socket notifies once more and then
        // stops until the next read(), so what streams in meanwhile costs no more wake-ups.
        m_readPending = true;
        return;
    }
    Q_EMIT readyRead();
}

void MqttTcpTransport::endStreamPause()
{
    m_readPaused = false;
    if (!std::exchange(m_readPending, false)) {
        m_streaming = false; // nothing came during the pause
        quickAck();
        return;
    }
    if (!m_socket || !m_open || m_reported || m_closing)
        return;
    // The client answers with acknowledgeNow() if its pass read something and wrote
    // nothing. If it does not (it read nothing: another pass had read it all), the
    // stream is over as after an empty pause. A handler deleting the client makes it
    // delete this transport later, never inside this call.
    m_awaitingPass = true;
    Q_EMIT readyRead();
    if (std::exchange(m_awaitingPass, false) && !m_readPaused) {
        m_streaming = false;
        quickAck();
    }
}

void MqttTcpTransport::quickAck()
{
#if defined(Q_OS_LINUX) && defined(TCP_QUICKACK)
    if (!m_socket || m_socket->socketDescriptor() < 0)
        return;
    m_sentSinceQuickAck = m_socket->bytesToWrite() > 0;
    const int one = 1;
    ::setsockopt(int(m_socket->socketDescriptor()), IPPROTO_TCP, TCP_QUICKACK, &one, sizeof one);
#endif
}

void MqttTcpTransport::write(const QByteArray &data)
{
    if (!m_socket || !m_open || m_reported)
        return;
    m_sentSinceQuickAck = true;
    m_wroteSinceQuietPass = true;
    // A request (SUBSCRIBE, a QoS 1/2 publish, PINGREQ) ends the stream: its answer is read
    // when it comes, not after the pause; what came meanwhile is announced from the event
    // loop, never from inside this write.
    endPauseSoon();
    if (m_socket->write(data) < 0)
        failWrite();
}

void MqttTcpTransport::failWrite()
{
    // On the unbuffered socket a failed send() (EPIPE, ECONNRESET) makes Qt close its
    // socket engine without any signal while state() stays ConnectedState: without this
    // the client would notice only two keepalive periods later. Another write() would
    // reach the closed engine, so the socket is aborted here and the end reported once.
    reportWriteFailed(m_socket->errorString());
    m_socket->disconnect(this);
    m_socket->abort();
}

qint64 MqttTcpTransport::bytesToWrite() const
{
    return m_socket ? m_socket->bytesToWrite() : 0;
}

QIODevice *MqttTcpTransport::device() const
{
    return m_socket;
}

// ---- MqttSslTransport ----------------------------------------------------------------
//
// QSslSocket does not allow the unbuffered design of the TCP transport. It decrypts into its
// own QIODevice buffer, and read() copies from there whatever the open mode (decryption
// needs a destination of its own). It accepts QIODevice::Unbuffered, but passes it on to
// its internal plain socket only, and then never notices the end of the stream: with Qt
// 6.4, a broker that closes or resets the connection leaves an Unbuffered QSslSocket in
// ConnectedState, taking writes, without errorOccurred() or disconnected() (checked against
// a QSslServer that aborts). So the TLS socket is buffered: one copy on each side, writes
// encrypted and handed to the kernel by QSslSocket's queued flush, and a failed write or
// the broker's close reported by errorOccurred()/disconnected().

MqttSslTransport::MqttSslTransport(const MqttTlsOptions &options, const QNetworkProxy &proxy, QObject *parent)
    : MqttTcpTransport(proxy, parent), m_options(options)
{
    // QSslSocket writes records of its own (handshake messages, key updates) that write()
    // does not see: any of them may put Linux back into delaying ACKs.
    m_quickAckEveryPass = true;
}

MqttSslTransport::~MqttSslTransport() = default;

QTcpSocket *MqttSslTransport::createSocket()
{
    auto *socket = new QSslSocket(this);
    socket->setSslConfiguration(m_options.sslConfiguration());
    m_alert.clear();
    connect(socket, &QSslSocket::encrypted, this, [this] { reportSocketOpened(); });
    connect(socket, &QSslSocket::readyRead, this, [this] { m_nudgedAt = -1; }); // see announceUnread()
    connect(socket, &QSslSocket::sslErrors, this, &MqttSslTransport::onSslErrors);
    auto recordAlert = [this](const QString &who, QSsl::AlertLevel level, const QString &description) {
        if (level == QSsl::AlertLevel::Fatal)
            m_alert = QStringLiteral("%1 sent the TLS alert \"%2\"").arg(who, description);
    };
    connect(socket, &QSslSocket::alertReceived, this,
            [recordAlert](QSsl::AlertLevel level, QSsl::AlertType, const QString &description) {
                recordAlert(QStringLiteral("the broker"), level, description);
            });
    connect(socket, &QSslSocket::alertSent, this,
            [recordAlert](QSsl::AlertLevel level, QSsl::AlertType, const QString &description) {
                recordAlert(QStringLiteral("the client"), level, description);
            });
    return socket;
}

void MqttSslTransport::startConnecting(const QString &host, quint16 port)
{
    // The host name is also the name the broker's certificate must carry.
    static_cast<QSslSocket *>(m_socket)->connectToHostEncrypted(host, port, QIODevice::ReadWrite);
}

void MqttSslTransport::onSocketConnected()
{
    // connected() waits for QSslSocket::encrypted(): nothing may be written to a
    // connection whose broker has not been verified.
}

void MqttSslTransport::announceUnread()
{
    // QSslSocket decrypts when its inner socket emits readyRead(), which Qt does not emit
    // again while a handler of it runs: the broker's records then wait there. Peeking at an
    // empty QSslSocket makes it decrypt them from the event loop (a queued call), and it
    // announces the result with readyRead(). Once per new amount waiting until it announces
    // something, so a backend that leaves an incomplete record there cannot make the loop
    // spin (Qt 6.4's OpenSSL backend takes all it finds into its own buffer).
    auto *ssl = static_cast<QSslSocket *>(m_socket);
    if (!ssl || !m_open || m_reported || announceAvailable(ssl))
        return;
    const qint64 waiting = ssl->encryptedBytesAvailable();
    if (waiting == 0)
        m_nudgedAt = -1; // all decrypted: the next record, whatever its size, gets a nudge
    else if (waiting != m_nudgedAt) {
        m_nudgedAt = waiting;
        char c;
        ssl->peek(&c, 1);
    }
}

void MqttSslTransport::onSslErrors(const QList<QSslError> &errors)
{
    const QList<QSslError> fatal = mqttFatalSslErrors(errors, m_options);
    if (fatal.isEmpty()) {
        static_cast<QSslSocket *>(m_socket)->ignoreSslErrors(errors);
        return;
    }
    // Not ignored: QSslSocket drops the connection after this signal.
    reportFailure(Mqtt::ErrorCode::Tls, QStringLiteral("TLS handshake with %1:%2 failed: %3")
                                                .arg(m_host)
                                                .arg(m_port)
                                                .arg(mqttDescribeSslErrors(fatal, static_cast<QSslSocket *>(m_socket)->peerCertificate())));
}

Mqtt::ErrorCode MqttSslTransport::errorCodeFor(QAbstractSocket::SocketError socketError) const
{
    if (isSslError(socketError) || (m_open && !m_alert.isEmpty()) || (m_tcpConnected && !m_open))
        return Mqtt::ErrorCode::Tls;
    return MqttTcpTransport::errorCodeFor(socketError);
}

QString MqttSslTransport::describeSocketError() const
{
    QString text = MqttTcpTransport::describeSocketError();
    if (!m_alert.isEmpty())
        text = m_alert + QStringLiteral(": ") + text;
    if (m_tcpConnected && !m_open)
        return QStringLiteral("TLS handshake with %1:%2 failed: %3").arg(m_host).arg(m_port).arg(text);
    return text;
}

// ---- helpers shared with the WebSocket transport ---------------------------------------

QList<QSslError> mqttFatalSslErrors(const QList<QSslError> &errors, const MqttTlsOptions &options)
{
    QList<QSslError> fatal;
    for (const QSslError &error : errors) {
        if (error.error() == QSslError::HostNameMismatch && !options.isHostNameVerificationEnabled())
            continue; // Paho's tls_insecure_set(True): the name is not checked, all else is
        fatal << error;
    }
    return fatal;
}

QString mqttDescribeSslErrors(const QList<QSslError> &errors, const QSslCertificate &peerCertificate)
{
    auto isValidityError = [](const QSslError &error) {
        return error.error() == QSslError::CertificateExpired || error.error() == QSslError::CertificateNotYetValid;
    };
    auto describe = [](const QSslCertificate &certificate, bool withValidity) -> QString {
        QString text = QStringLiteral("\"%1\" (issued by \"%2\"")
                               .arg(certificate.subjectDisplayName(), certificate.issuerDisplayName());
        if (withValidity) {
            text += QStringLiteral(", valid from %1 to %2")
                            .arg(certificate.effectiveDate().toUTC().toString(Qt::ISODate),
                                 certificate.expiryDate().toUTC().toString(Qt::ISODate));
        }
        return text + QLatin1Char(')');
    };
    bool peerValidity = false;
    for (const QSslError &error : errors)
        peerValidity = peerValidity || (isValidityError(error) && error.certificate() == peerCertificate);
    QStringList parts;
    for (const QSslError &error : errors) {
        QString part = error.errorString();
        const QSslCertificate certificate = error.certificate();
        if (!certificate.isNull() && certificate != peerCertificate)
            part += QStringLiteral(" (certificate ") + describe(certificate, isValidityError(error)) + QLatin1Char(')');
        parts << part;
    }
    const QString head = peerCertificate.isNull()
            ? QStringLiteral("the broker presented no certificate")
            : QStringLiteral("the broker's certificate ") + describe(peerCertificate, peerValidity)
                    + QStringLiteral(" did not verify");
    return head + QStringLiteral(": ") + parts.join(QStringLiteral("; "));
}
