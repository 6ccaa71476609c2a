// Copyright (C) 2026 The MqttQt authors.
// SPDX-License-Identifier: BSD-3-Clause
#include "mqtttransport_p.h"

#include <QtNetwork/QHostAddress>
#include <QtNetwork/QTcpSocket>

MqttTcpTransport::MqttTcpTransport(QObject *parent) : MqttTransport(parent) { }

MqttTcpTransport::~MqttTcpTransport()
{
    if (m_socket) {
        m_socket->disconnect(this);
        m_socket->abort();
    }
}

void MqttTcpTransport::open(const QString &host, quint16 port, const QString &bindAddress)
{
    if (m_socket) {
        m_socket->disconnect(this);
        m_socket->abort();
        m_socket->deleteLater();
    }
    m_socket = new QTcpSocket(this);
    m_wasConnected = false;
    m_closing = false;
    m_reported = false;
    connect(m_socket, &QTcpSocket::connected, this, [this] {
        m_wasConnected = true;
        // Small MQTT packets must not wait for Nagle's algorithm (40 ms stalls against
        // delayed ACKs); the client already batches writes per event-loop pass.
        m_socket->setSocketOption(QAbstractSocket::LowDelayOption, 1);
        Q_EMIT connected();
    });
    connect(m_socket, &QTcpSocket::readyRead, this, &MqttTransport::readyRead);
    connect(m_socket, &QTcpSocket::bytesWritten, this, &MqttTransport::bytesWritten);
    connect(m_socket, &QTcpSocket::errorOccurred, this, &MqttTcpTransport::onError);
    connect(m_socket, &QTcpSocket::disconnected, this, &MqttTcpTransport::onDisconnected);
    if (!bindAddress.isEmpty()) {
        QHostAddress addr;
        if (!addr.setAddress(bindAddress)) {
            m_reported = true;
            Q_EMIT errorOccurred(Mqtt::ErrorCode::Invalid,
                                 QStringLiteral("Invalid bind address \"%1\"").arg(bindAddress));
            return;
        }
        if (!m_socket->bind(addr)) {
            m_reported = true;
            Q_EMIT errorOccurred(Mqtt::ErrorCode::Errno,
                                 QStringLiteral("Cannot bind to %1: %2").arg(bindAddress, m_socket->errorString()));
            return;
        }
    }
    // Unbuffered: writes go straight to the kernel (Qt buffers only what the kernel did
    // not take) and reads land directly in the decoder's buffer. The buffered mode would
    // copy every byte once more and, with the glib event dispatcher, wake the event loop
    // twice per write to toggle the write notifier. The client batches writes itself.
    m_socket->connectToHost(host, port, QIODevice::ReadWrite | QIODevice::Unbuffered);
}

void MqttTcpTransport::onError()
{
    if (m_reported)
        return;
    const auto err = m_socket->error();
    if (m_closing && err == QAbstractSocket::RemoteHostClosedError)
        return; // our own close; disconnected() reports it
    const QString reason = m_socket->errorString();
    if (!m_wasConnected) {
        m_reported = true;
        Mqtt::ErrorCode code = Mqtt::ErrorCode::Errno;
        if (err == QAbstractSocket::ConnectionRefusedError)
            code = Mqtt::ErrorCode::ConnectionRefused;
        else if (err == QAbstractSocket::HostNotFoundError)
            code = Mqtt::ErrorCode::HostNotFound;
        else if (err == QAbstractSocket::SocketTimeoutError)
            code = Mqtt::ErrorCode::Timeout;
        Q_EMIT errorOccurred(code, reason);
        return;
    }
    m_reported = true;
    Q_EMIT closed(Mqtt::ErrorCode::ConnectionLost, reason);
}

void MqttTcpTransport::onDisconnected()
{
    if (m_reported)
        return;
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
        if (m_wasConnected && !m_reported) {
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
    const bool report = m_wasConnected && !m_reported;
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
    return m_socket && m_socket->state() == QAbstractSocket::ConnectedState;
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
    if (n < 0 && m_wasConnected && !m_reported && m_socket->state() == QAbstractSocket::UnconnectedState) {
        // An unbuffered socket sees the end of the stream (FIN or RST) only in read(), and
        // then drops to UnconnectedState without emitting disconnected() or an error.
        // Report it once, queued: the caller still has to process what it read before.
        m_reported = true;
        const Mqtt::ErrorCode code = m_closing ? Mqtt::ErrorCode::NoError : Mqtt::ErrorCode::ConnectionLost;
        const QString reason = m_closing ? QString() : m_socket->errorString();
        QMetaObject::invokeMethod(this, [this, code, reason] { Q_EMIT closed(code, reason); }, Qt::QueuedConnection);
    }
    return n;
}

void MqttTcpTransport::write(const QByteArray &data)
{
    if (!m_socket)
        return;
    m_socket->write(data);
}

qint64 MqttTcpTransport::bytesToWrite() const
{
    return m_socket ? m_socket->bytesToWrite() : 0;
}

QIODevice *MqttTcpTransport::device() const
{
    return m_socket;
}
