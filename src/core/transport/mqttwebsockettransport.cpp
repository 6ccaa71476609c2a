// Copyright (C) 2026 The MqttQt authors.
// SPDX-License-Identifier: BSD-3-Clause
#include "mqttwebsockettransport_p.h"
#include "mqttwebsocketoptions_p.h"

#include <QtNetwork/QNetworkRequest>
#include <QtNetwork/QSslError>
#include <QtWebSockets/QWebSocket>
#include <QtWebSockets/QWebSocketHandshakeOptions>

#include <cstring>

namespace {

const QString MqttSubprotocol = QStringLiteral("mqtt");

// Neither one frame nor one message needs to be larger than the largest MQTT packet
// [MQTT-1.5.5]; Qt's own limit (2 GiB) would let a broker make the client buffer that much.
constexpr quint64 MaxMessageSize = 268435455 + 5;

bool isSslError(QAbstractSocket::SocketError error)
{
    return error == QAbstractSocket::SslHandshakeFailedError || error == QAbstractSocket::SslInternalError
            || error == QAbstractSocket::SslInvalidUserDataError;
}

} // namespace

MqttWebSocketTransport::MqttWebSocketTransport(const MqttWebSocketOptions &options,
                                               const std::optional<MqttTlsOptions> &tls,
                                               const QNetworkProxy &proxy, QObject *parent)
    : MqttTransport(parent), m_options(options), m_tls(tls), m_proxy(proxy)
{
}

MqttWebSocketTransport::~MqttWebSocketTransport()
{
    if (m_socket) {
        m_socket->disconnect(this);
        m_socket->abort();
    }
}

void MqttWebSocketTransport::dropSocket()
{
    if (!m_socket)
        return;
    m_socket->disconnect(this);
    m_socket->abort();
    m_socket = nullptr; // deleted with this transport (see MqttTcpTransport::abort())
}

void MqttWebSocketTransport::open(const QString &host, quint16 port, const QString &bindAddress)
{
    dropSocket();
    m_frames.clear();
    m_frontOffset = 0;
    m_available = 0;
    m_upgradeSent = false;
    beginStream();
    if (!bindAddress.isEmpty()) {
        refuseOpen(Mqtt::ErrorCode::NotSupported,
                   QStringLiteral("A WebSocket connection cannot bind to a local address (\"%1\")").arg(bindAddress));
        return;
    }

    const QString path = m_options.path();
    const qsizetype query = path.indexOf(QLatin1Char('?'));
    m_url = QUrl();
    m_url.setScheme(m_tls ? QStringLiteral("wss") : QStringLiteral("ws"));
    m_url.setHost(host);
    m_url.setPort(port);
    m_url.setPath(query < 0 ? path : path.left(query), QUrl::TolerantMode);
    if (query >= 0)
        m_url.setQuery(path.mid(query + 1), QUrl::TolerantMode);
    if (!m_url.isValid() || m_url.host().isEmpty()) {
        refuseOpen(Mqtt::ErrorCode::Invalid, QStringLiteral("Cannot make a WebSocket URL of host \"%1\" and path \"%2\": %3")
                                                         .arg(host, path, m_url.errorString()));
        return;
    }
    // The Host header exactly as QWebSocket writes it, for the header callback.
    const QByteArray hostHeader = m_url.toString(QUrl::RemoveScheme | QUrl::RemoveUserInfo | QUrl::RemovePath
                                                 | QUrl::RemoveQuery | QUrl::RemoveFragment)
                                          .mid(2)
                                          .toLatin1();
    MqttWebSocketOptions::Headers extra;
    QString why;
    if (!MqttWebSocketHeaders::extraHeaders(m_options, hostHeader, &extra, &why)) {
        refuseOpen(Mqtt::ErrorCode::Invalid, why);
        return;
    }
    QNetworkRequest request(m_url);
    for (auto it = extra.cbegin(); it != extra.cend(); ++it)
        request.setRawHeader(it.key(), it.value());

    m_socket = new QWebSocket(QString(), QWebSocketProtocol::VersionLatest, this);
    m_socket->setProxy(m_proxy);
    m_socket->setMaxAllowedIncomingFrameSize(MaxMessageSize);
    m_socket->setMaxAllowedIncomingMessageSize(MaxMessageSize);
    if (m_tls)
        m_socket->setSslConfiguration(m_tls->sslConfiguration());
    connect(m_socket, &QWebSocket::connected, this, &MqttWebSocketTransport::onConnected);
    connect(m_socket, &QWebSocket::disconnected, this, &MqttWebSocketTransport::onDisconnected);
    connect(m_socket, QOverload<QAbstractSocket::SocketError>::of(&QWebSocket::error), this, [this](QAbstractSocket::SocketError error) {
        m_lastError = error;
        onError();
    });
    connect(m_socket, &QWebSocket::sslErrors, this, &MqttWebSocketTransport::onSslErrors);
    connect(m_socket, &QWebSocket::alertReceived, this,
            [this](QSsl::AlertLevel level, QSsl::AlertType, const QString &description) {
                if (level == QSsl::AlertLevel::Fatal)
                    m_alert = QStringLiteral("the broker sent the TLS alert \"%1\"").arg(description);
            });
    connect(m_socket, &QWebSocket::bytesWritten, this, [this](qint64 bytes) {
        if (m_open)
            Q_EMIT bytesWritten(bytes);
        else
            m_upgradeSent = true; // the bytes of the HTTP upgrade request: TCP/TLS are up
    });
    connect(m_socket, &QWebSocket::binaryFrameReceived, this, [this](const QByteArray &frame) {
        if (!m_open || m_reported || frame.isEmpty())
            return;
        m_available += frame.size();
        m_frames.push_back(frame);
        // Announced from the event loop, not from inside QWebSocket's signal: QWebSocket
        // reads its socket only on that socket's readyRead(), which Qt does not emit again
        // while a handler of it runs, so a client handler running a nested event loop
        // (waitForPublish(), a modal dialog) from inside it would receive nothing until it
        // returned. One post for all the frames of one read; the end of the connection is
        // reported queued as well (onDisconnected(), onError(), write failures), after
        // them, so the last frames (a DISCONNECT with its reason) are read first.
        if (!std::exchange(m_announcePosted, true)) {
            QMetaObject::invokeMethod(this, [this] {
                m_announcePosted = false;
                if (m_available > 0)
                    Q_EMIT readyRead();
            }, Qt::QueuedConnection);
        }
    });
    connect(m_socket, &QWebSocket::textFrameReceived, this, &MqttWebSocketTransport::onTextFrame);

    QWebSocketHandshakeOptions handshake;
    handshake.setSubprotocols({MqttSubprotocol});
    m_socket->open(request, handshake);
}

void MqttWebSocketTransport::onConnected()
{
    if (m_reported)
        return;
    const QString chosen = m_socket->subprotocol();
    if (chosen != MqttSubprotocol) {
        reportFailure(Mqtt::ErrorCode::Protocol,
                      QStringLiteral("The WebSocket server at %1 did not accept the \"mqtt\" subprotocol (it chose %2)")
                              .arg(m_url.toString(),
                                   chosen.isEmpty() ? QStringLiteral("none") : QLatin1Char('"') + chosen + QLatin1Char('"')));
        QWebSocket *socket = m_socket;
        QMetaObject::invokeMethod(socket, [socket] { socket->abort(); }, Qt::QueuedConnection);
        return;
    }
    reportOpened();
}

void MqttWebSocketTransport::reportFailure(Mqtt::ErrorCode error, const QString &reason)
{
    // Queued after the connection opened: QWebSocket reports write errors from inside
    // sendBinaryMessage(), that is from inside write().
    MqttTransport::reportFailure(error, reason, true);
}

void MqttWebSocketTransport::onError()
{
    if (m_reported)
        return;
    const QAbstractSocket::SocketError error = m_lastError;
    if (m_closing && error == QAbstractSocket::RemoteHostClosedError)
        return; // our own close; disconnected() reports it
    QString text = m_socket->errorString();
    if (!m_alert.isEmpty())
        text = m_alert + QStringLiteral(": ") + text;
    if (m_open) {
        reportFailure(isSslError(error) || !m_alert.isEmpty() ? Mqtt::ErrorCode::Tls : Mqtt::ErrorCode::ConnectionLost, text);
        return;
    }
    if (isSslError(error) || !m_alert.isEmpty()) {
        reportFailure(Mqtt::ErrorCode::Tls, QStringLiteral("TLS handshake with %1:%2 failed: %3")
                                                    .arg(m_url.host())
                                                    .arg(m_url.port())
                                                    .arg(text));
        return;
    }
    if (m_upgradeSent) {
        reportFailure(Mqtt::ErrorCode::Protocol,
                      QStringLiteral("The WebSocket server at %1 refused the upgrade: %2").arg(m_url.toString(), text));
        return;
    }
    Mqtt::ErrorCode code = Mqtt::ErrorCode::Errno;
    switch (error) {
    case QAbstractSocket::ConnectionRefusedError:
    case QAbstractSocket::ProxyConnectionRefusedError:
        code = Mqtt::ErrorCode::ConnectionRefused;
        break;
    case QAbstractSocket::ProxyAuthenticationRequiredError:
        code = Mqtt::ErrorCode::Auth;
        break;
    default:
        break;
    }
    if (mqttIsProxyError(error))
        text = mqttDescribeProxyError(m_proxy, text);
    reportFailure(code, text);
}

void MqttWebSocketTransport::onSslErrors(const QList<QSslError> &errors)
{
    const QList<QSslError> fatal = mqttFatalSslErrors(errors, *m_tls);
    if (fatal.isEmpty()) {
        m_socket->ignoreSslErrors(errors);
        return;
    }
    // Not ignored: the TLS socket drops the connection; the upgrade request, with its
    // headers, was never sent.
    reportFailure(Mqtt::ErrorCode::Tls, QStringLiteral("TLS handshake with %1:%2 failed: %3")
                                                .arg(m_url.host())
                                                .arg(m_url.port())
                                                .arg(mqttDescribeSslErrors(fatal, m_socket->sslConfiguration().peerCertificate())));
}

void MqttWebSocketTransport::onTextFrame()
{
    if (m_reported)
        return;
    reportFailure(Mqtt::ErrorCode::Protocol,
                  QStringLiteral("The broker sent a WebSocket text frame; MQTT travels in binary frames only [MQTT-6.0.0-1]"));
    QWebSocket *socket = m_socket;
    QMetaObject::invokeMethod(
            socket,
            [socket] { socket->close(QWebSocketProtocol::CloseCodeDatatypeNotSupported, QStringLiteral("MQTT needs binary frames")); },
            Qt::QueuedConnection);
}

void MqttWebSocketTransport::onDisconnected()
{
    if (m_reported)
        return;
    if (!m_open) {
        // QWebSocket announces the end before the socket error that caused it (a refused
        // connection, a failed TLS handshake, a proxy refusal): give the error its turn.
        QMetaObject::invokeMethod(this, [this] {
            if (m_reported)
                return;
            reportFailure(m_tls ? Mqtt::ErrorCode::Tls : Mqtt::ErrorCode::Protocol,
                          QStringLiteral("The server at %1 closed the connection during the WebSocket handshake")
                                  .arg(m_url.toString()));
        }, Qt::QueuedConnection);
        return;
    }
    QString reason = QStringLiteral("The broker closed the WebSocket connection");
    const auto code = m_socket->closeCode();
    const QString closeReason = m_socket->closeReason();
    if (code != QWebSocketProtocol::CloseCodeNormal || !closeReason.isEmpty())
        reason += QStringLiteral(" (close code %1%2)").arg(int(code)).arg(closeReason.isEmpty() ? QString() : QStringLiteral(": ") + closeReason);
    reportEnded(reason, true); // queued: after the announcement of the frames before it
}

void MqttWebSocketTransport::close()
{
    if (!m_socket)
        return;
    m_closing = true;
    if (m_socket->state() == QAbstractSocket::UnconnectedState) {
        reportEnded(QString(), true);
        return;
    }
    m_socket->close(QWebSocketProtocol::CloseCodeNormal); // after the frames already written
}

void MqttWebSocketTransport::abort()
{
    if (!m_socket)
        return;
    dropSocket();
    reportAborted();
}

bool MqttWebSocketTransport::isOpen() const
{
    return m_socket && m_open && !m_reported && m_socket->state() == QAbstractSocket::ConnectedState;
}

qint64 MqttWebSocketTransport::bytesAvailable() const
{
    return m_available;
}

qint64 MqttWebSocketTransport::read(char *data, qint64 maxSize)
{
    if (m_available == 0)
        return isOpen() ? 0 : -1;
    qint64 copied = 0;
    while (copied < maxSize && !m_frames.empty()) {
        const QByteArray &front = m_frames.front();
        const qint64 n = std::min<qint64>(maxSize - copied, front.size() - m_frontOffset);
        std::memcpy(data + copied, front.constData() + m_frontOffset, size_t(n));
        copied += n;
        m_frontOffset += n;
        if (m_frontOffset == front.size()) {
            m_frames.pop_front();
            m_frontOffset = 0;
        }
    }
    m_available -= copied;
    return copied;
}

void MqttWebSocketTransport::write(const QByteArray &data)
{
    if (!isOpen() || data.isEmpty())
        return;
    const qint64 sent = m_socket->sendBinaryMessage(data);
    if (sent != data.size() && !m_reported) {
        const QString reason = QStringLiteral("Writing to the broker failed: %1").arg(m_socket->errorString());
        reportFailure(Mqtt::ErrorCode::ConnectionLost, reason);
    }
    if (m_reported && m_socket) {
        QWebSocket *socket = m_socket;
        QMetaObject::invokeMethod(socket, [socket] { socket->abort(); }, Qt::QueuedConnection);
    }
}

qint64 MqttWebSocketTransport::bytesToWrite() const
{
    return m_socket ? m_socket->bytesToWrite() : 0;
}

QIODevice *MqttWebSocketTransport::device() const
{
    return nullptr;
}
