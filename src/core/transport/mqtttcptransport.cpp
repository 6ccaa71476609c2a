// Copyright (C) 2026 The MqttQt authors.
// SPDX-License-Identifier: BSD-3-Clause
#include "mqtttransport_p.h"

#include <QtCore/QDateTime>
#include <QtNetwork/QHostAddress>
#include <QtNetwork/QSslError>
#include <QtNetwork/QSslSocket>
#include <QtNetwork/QTcpSocket>

#if defined(Q_OS_LINUX)
#  include <netinet/in.h>
#  include <netinet/tcp.h>
#  include <sys/socket.h>
#endif

namespace {

bool isProxyError(QAbstractSocket::SocketError error)
{
    switch (error) {
    case QAbstractSocket::ProxyAuthenticationRequiredError:
    case QAbstractSocket::ProxyConnectionRefusedError:
    case QAbstractSocket::ProxyConnectionClosedError:
    case QAbstractSocket::ProxyConnectionTimeoutError:
    case QAbstractSocket::ProxyNotFoundError:
    case QAbstractSocket::ProxyProtocolError:
        return true;
    default:
        return false;
    }
}

bool isSslError(QAbstractSocket::SocketError error)
{
    return error == QAbstractSocket::SslHandshakeFailedError || error == QAbstractSocket::SslInternalError
            || error == QAbstractSocket::SslInvalidUserDataError;
}

QString proxyName(const QNetworkProxy &proxy)
{
    const QString kind = proxy.type() == QNetworkProxy::HttpProxy ? QStringLiteral("HTTP proxy")
            : proxy.type() == QNetworkProxy::Socks5Proxy         ? QStringLiteral("SOCKS5 proxy")
                                                                 : QStringLiteral("proxy");
    if (proxy.hostName().isEmpty())
        return kind;
    return QStringLiteral("%1 %2:%3").arg(kind, proxy.hostName()).arg(proxy.port());
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
    reportOpened();
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
    m_open = false;
    m_closing = false;
    m_reported = false;
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
    // once connected, a QSslSocket only once encrypted.
    connect(m_socket, &QTcpSocket::readyRead, this, &MqttTransport::readyRead);
    connect(m_socket, &QTcpSocket::bytesWritten, this, &MqttTransport::bytesWritten);
    connect(m_socket, &QTcpSocket::errorOccurred, this, &MqttTcpTransport::onError);
    connect(m_socket, &QTcpSocket::disconnected, this, &MqttTcpTransport::onDisconnected);
    if (!bindAddress.isEmpty()) {
        QHostAddress addr;
        if (!addr.setAddress(bindAddress)) {
            m_reported = true;
            emitErrorLater(Mqtt::ErrorCode::Invalid, QStringLiteral("Invalid bind address \"%1\"").arg(bindAddress));
            return;
        }
        if (!m_socket->bind(addr)) {
            m_reported = true;
            emitErrorLater(Mqtt::ErrorCode::Errno,
                           QStringLiteral("Cannot bind to %1: %2").arg(bindAddress, m_socket->errorString()));
            return;
        }
    }
    startConnecting(host, port);
}

void MqttTcpTransport::reportOpened()
{
    if (m_reported || m_open)
        return;
    m_open = true;
    Q_EMIT connected();
    // Bytes that arrived with the end of a TLS handshake were not announced before.
    if (m_socket && m_socket->bytesAvailable() > 0 && !m_reported)
        Q_EMIT readyRead();
}

void MqttTcpTransport::reportFailure(Mqtt::ErrorCode error, const QString &reason)
{
    if (m_reported)
        return;
    m_reported = true;
    if (m_open)
        Q_EMIT closed(error, reason);
    else
        Q_EMIT errorOccurred(error, reason);
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
    if (isProxyError(m_socket->error()))
        return QStringLiteral("%1: %2").arg(proxyName(m_proxy), text);
    return text;
}

void MqttTcpTransport::onError()
{
    if (m_reported)
        return;
    const auto err = m_socket->error();
    if (m_closing && err == QAbstractSocket::RemoteHostClosedError)
        return; // our own close; disconnected() reports it
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
    m_reported = true;
    if (m_closing)
        Q_EMIT closed(Mqtt::ErrorCode::NoError, QString());
    else
        Q_EMIT closed(Mqtt::ErrorCode::ConnectionLost, QStringLiteral("The broker closed the connection"));
}

void MqttTcpTransport::close()
{
    if (!m_socket)
        return;
    m_closing = true;
    if (m_socket->state() == QAbstractSocket::UnconnectedState) {
        if (m_open && !m_reported) {
            m_reported = true;
            Q_EMIT closed(Mqtt::ErrorCode::NoError, QString());
        }
        return;
    }
    m_socket->disconnectFromHost(); // flushes pending writes first
}

void MqttTcpTransport::abort()
{
    if (!m_socket)
        return;
    const bool report = m_open && !m_reported;
    m_reported = true;
    m_socket->disconnect(this);
    m_socket->abort();
    m_socket->deleteLater();
    m_socket = nullptr;
    if (report)
        Q_EMIT closed(m_closing ? Mqtt::ErrorCode::NoError : Mqtt::ErrorCode::ConnectionLost,
                      QStringLiteral("The connection was aborted"));
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
#if defined(Q_OS_LINUX) && defined(TCP_QUICKACK)
    if (n > 0) {
        // Acknowledge what arrived at once. A broker with Nagle's algorithm on (mosquitto's
        // default) holds its next small packet until our ACK; Linux delays that ACK up to
        // 40 ms when we have nothing to send back, which stalled every QoS 1 round trip.
        // Quick-ack mode is not sticky, hence after every read.
        const int one = 1;
        ::setsockopt(int(m_socket->socketDescriptor()), IPPROTO_TCP, TCP_QUICKACK, &one, sizeof one);
    }
#endif
    if (n < 0 && m_open && !m_reported && m_socket->state() == QAbstractSocket::UnconnectedState) {
        // An unbuffered socket sees the end of the stream (FIN or RST) only in read(), and
        // then drops to UnconnectedState without emitting disconnected() or an error.
        // Report it once, queued: the caller still has to process what it read before.
        m_reported = true;
        if (m_closing)
            emitClosedLater(Mqtt::ErrorCode::NoError, QString());
        else
            emitClosedLater(Mqtt::ErrorCode::ConnectionLost, m_socket->errorString());
    }
    return n;
}

void MqttTcpTransport::write(const QByteArray &data)
{
    if (!m_socket || !m_open || m_reported)
        return;
    if (m_socket->write(data) < 0)
        failWrite();
}

void MqttTcpTransport::failWrite()
{
    // On the unbuffered socket a failed send() (EPIPE, ECONNRESET) makes Qt close its
    // socket engine without any signal while state() stays ConnectedState: without this
    // the client would notice only two keepalive periods later. Another write() would
    // reach the closed engine, so the socket is aborted here and the end reported once.
    const QString reason = QStringLiteral("Writing to the broker failed: %1").arg(m_socket->errorString());
    m_reported = true;
    m_socket->disconnect(this);
    m_socket->abort();
    emitClosedLater(Mqtt::ErrorCode::ConnectionLost, reason);
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
}

MqttSslTransport::~MqttSslTransport() = default;

QTcpSocket *MqttSslTransport::createSocket()
{
    auto *socket = new QSslSocket(this);
    socket->setSslConfiguration(m_options.sslConfiguration());
    m_alert.clear();
    connect(socket, &QSslSocket::encrypted, this, [this] { reportOpened(); });
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
