// Copyright (C) 2026 The MqttQt authors.
// SPDX-License-Identifier: BSD-3-Clause
#include "mqttlocaltransport_p.h"

#include <QtNetwork/QAbstractSocket>
#include <QtNetwork/QLocalSocket>

// ---- MqttLocalSocketTransport ----------------------------------------------------------

MqttLocalSocketTransport::MqttLocalSocketTransport(QObject *parent) : MqttTransport(parent) { }

MqttLocalSocketTransport::~MqttLocalSocketTransport()
{
    if (m_socket) {
        m_socket->disconnect(this);
        m_socket->abort();
    }
}

void MqttLocalSocketTransport::open(const QString &path, quint16 port, const QString &bindAddress)
{
    Q_UNUSED(port);
    if (m_socket) {
        m_socket->disconnect(this);
        m_socket->abort();
        m_socket->deleteLater();
        m_socket = nullptr;
    }
    m_path = path;
    beginStream();
    if (!bindAddress.isEmpty()) {
        refuseOpen(Mqtt::ErrorCode::NotSupported,
                   QStringLiteral("A local socket connection cannot bind to an address (\"%1\")").arg(bindAddress));
        return;
    }
    if (path.isEmpty()) {
        refuseOpen(Mqtt::ErrorCode::Invalid, QStringLiteral("The local socket path is empty"));
        return;
    }
    m_socket = new QLocalSocket(this);
    connect(m_socket, &QLocalSocket::connected, this, [this] { reportOpened(); });
    connect(m_socket, &QLocalSocket::readyRead, this, [this] {
        if (m_open && !m_reported)
            Q_EMIT readyRead();
    });
    connect(m_socket, &QLocalSocket::bytesWritten, this, &MqttTransport::bytesWritten);
    connect(m_socket, &QLocalSocket::errorOccurred, this, &MqttLocalSocketTransport::onError);
    connect(m_socket, &QLocalSocket::disconnected, this, &MqttLocalSocketTransport::onDisconnected);
    m_socket->setServerName(path);
    m_socket->connectToServer(QIODevice::ReadWrite | QIODevice::Unbuffered);
}

void MqttLocalSocketTransport::onError()
{
    if (m_reported)
        return;
    const auto error = m_socket->error();
    if (m_open) {
        if (m_closing && error == QLocalSocket::PeerClosedError)
            return; // our own close; disconnected() reports it
        reportFailure(Mqtt::ErrorCode::ConnectionLost,
                      error == QLocalSocket::PeerClosedError ? QStringLiteral("The broker closed the connection")
                                                             : m_socket->errorString());
        return;
    }
    const Mqtt::ErrorCode code = error == QLocalSocket::ConnectionRefusedError ? Mqtt::ErrorCode::ConnectionRefused
                                                                               : Mqtt::ErrorCode::Errno;
    reportFailure(code, QStringLiteral("Cannot connect to the local socket \"%1\": %2").arg(m_path, m_socket->errorString()));
}

void MqttLocalSocketTransport::onDisconnected()
{
    if (m_reported)
        return;
    if (!m_open) {
        reportFailure(Mqtt::ErrorCode::Errno, QStringLiteral("The local socket \"%1\" closed while connecting").arg(m_path));
        return;
    }
    reportEnded(QStringLiteral("The broker closed the connection"));
}

void MqttLocalSocketTransport::close()
{
    if (!m_socket)
        return;
    m_closing = true;
    if (m_socket->state() == QLocalSocket::UnconnectedState) {
        reportEnded(QString());
        return;
    }
    m_socket->disconnectFromServer(); // flushes pending writes first
}

void MqttLocalSocketTransport::announceUnread()
{
    // QLocalSocket forwards its inner socket's readyRead(), which Qt does not emit again
    // while a handler of it runs. Called only while a client handler runs a nested event
    // loop, so the kernel is asked (the socket is unbuffered) only then.
    announceAvailable(m_socket);
}

void MqttLocalSocketTransport::abort()
{
    if (!m_socket)
        return;
    m_socket->disconnect(this);
    m_socket->abort();
    m_socket = nullptr; // deleted with this transport (see MqttTcpTransport::abort())
    reportAborted();
}

bool MqttLocalSocketTransport::isOpen() const
{
    return m_socket && m_open && !m_reported && m_socket->state() == QLocalSocket::ConnectedState;
}

qint64 MqttLocalSocketTransport::bytesAvailable() const
{
    return m_socket ? m_socket->bytesAvailable() : 0;
}

qint64 MqttLocalSocketTransport::read(char *data, qint64 maxSize)
{
    if (!m_socket)
        return -1;
    const qint64 n = m_socket->read(data, maxSize);
    if (n < 0 && m_socket->state() == QLocalSocket::UnconnectedState)
        reportEnded(QStringLiteral("The broker closed the connection"), true);
    return n;
}

void MqttLocalSocketTransport::write(const QByteArray &data)
{
    if (!isOpen())
        return;
    m_inWrite = true;
    const qint64 n = m_socket->write(data);
    m_inWrite = false;
    if (n < 0 && !m_reported) {
        reportWriteFailed(m_socket->errorString());
        m_socket->disconnect(this);
        m_socket->abort();
    }
}

qint64 MqttLocalSocketTransport::bytesToWrite() const
{
    return m_socket ? m_socket->bytesToWrite() : 0;
}

QIODevice *MqttLocalSocketTransport::device() const
{
    return m_socket;
}

// ---- MqttDeviceTransport ---------------------------------------------------------------

MqttDeviceTransport::MqttDeviceTransport(QIODevice *device, Mqtt::DeviceOwnership ownership, QObject *parent)
    : MqttTransport(parent), m_device(device), m_ownership(ownership)
{
}

MqttDeviceTransport::~MqttDeviceTransport()
{
    detach();
    if (m_device && m_ownership == Mqtt::DeviceOwnership::ClientOwnsDevice)
        m_device->deleteLater();
}

Mqtt::ErrorCode MqttDeviceTransport::checkDevice(const QIODevice *device, QString *errorString)
{
    QString why;
    if (!device) {
        why = QStringLiteral("No device was given to run MQTT over (or it was deleted)");
    } else if (!device->isOpen()) {
        why = QStringLiteral("The device is not open; open it for reading and writing first");
    } else if (!device->isReadable() || !device->isWritable()) {
        why = QStringLiteral("The device is open for %1 only; MQTT needs it readable and writable")
                      .arg(device->isReadable() ? QStringLiteral("reading") : QStringLiteral("writing"));
    } else if (const auto *socket = qobject_cast<const QAbstractSocket *>(device);
               socket && socket->state() != QAbstractSocket::ConnectedState) {
        why = QStringLiteral("The socket given as device is not connected");
    } else if (const auto *local = qobject_cast<const QLocalSocket *>(device);
               local && local->state() != QLocalSocket::ConnectedState) {
        why = QStringLiteral("The local socket given as device is not connected");
    }
    if (why.isEmpty())
        return Mqtt::ErrorCode::NoError;
    if (errorString)
        *errorString = why;
    return Mqtt::ErrorCode::Invalid;
}

void MqttDeviceTransport::detach()
{
    if (m_device && m_attached)
        m_device->disconnect(this);
    m_attached = false;
}

void MqttDeviceTransport::open(const QString &host, quint16 port, const QString &bindAddress)
{
    Q_UNUSED(host);
    Q_UNUSED(port);
    detach();
    m_pending.clear();
    beginStream();
    if (!bindAddress.isEmpty()) {
        refuseOpen(Mqtt::ErrorCode::NotSupported,
                   QStringLiteral("A device transport cannot bind to an address (\"%1\")").arg(bindAddress));
        return;
    }
    QString why;
    const Mqtt::ErrorCode code = checkDevice(m_device, &why);
    if (code != Mqtt::ErrorCode::NoError) {
        refuseOpen(code, why);
        return;
    }
    m_attached = true;
    QIODevice *device = m_device;
    connect(device, &QIODevice::readyRead, this, [this] {
        if (m_open && !m_reported)
            Q_EMIT readyRead();
    });
    connect(device, &QIODevice::bytesWritten, this, [this](qint64 bytes) {
        if (!m_open)
            return;
        Q_EMIT bytesWritten(bytes);
        flushPending();
    });
    connect(device, &QIODevice::readChannelFinished, this, [this] {
        // Whatever is still buffered is read first.
        if (m_open && !m_reported && m_device && m_device->bytesAvailable() > 0)
            Q_EMIT readyRead();
        reportFailure(Mqtt::ErrorCode::ConnectionLost, QStringLiteral("The device reached the end of its input"));
    });
    connect(device, &QIODevice::aboutToClose, this, [this] {
        if (m_selfClosing)
            return;
        // Still open: what it holds can be read before it goes.
        if (m_open && !m_reported && m_device && m_device->bytesAvailable() > 0)
            Q_EMIT readyRead();
        reportFailure(Mqtt::ErrorCode::ConnectionLost, QStringLiteral("The device was closed"));
    });
    connect(device, &QObject::destroyed, this, [this] {
        m_attached = false;
        reportFailure(Mqtt::ErrorCode::ConnectionLost, QStringLiteral("The device was destroyed"));
    });
    if (auto *socket = qobject_cast<QAbstractSocket *>(device)) {
        connect(socket, &QAbstractSocket::errorOccurred, this, [this, socket] {
            reportFailure(Mqtt::ErrorCode::ConnectionLost, socket->errorString());
        });
        connect(socket, &QAbstractSocket::disconnected, this, [this] {
            reportFailure(Mqtt::ErrorCode::ConnectionLost, QStringLiteral("The socket given as device was disconnected"));
        });
    } else if (auto *local = qobject_cast<QLocalSocket *>(device)) {
        connect(local, &QLocalSocket::errorOccurred, this, [this, local] {
            reportFailure(Mqtt::ErrorCode::ConnectionLost, local->errorString());
        });
        connect(local, &QLocalSocket::disconnected, this, [this] {
            reportFailure(Mqtt::ErrorCode::ConnectionLost, QStringLiteral("The local socket given as device was disconnected"));
        });
    }
    // Like a socket, the device "connects" from the event loop, after open() returned.
    QMetaObject::invokeMethod(this, [this] {
        if (m_reported)
            return;
        QString why;
        const Mqtt::ErrorCode code = checkDevice(m_device, &why);
        if (code != Mqtt::ErrorCode::NoError) {
            reportFailure(code, why);
            return;
        }
        reportOpened();
        if (!m_reported && m_device && m_device->bytesAvailable() > 0)
            Q_EMIT readyRead();
    }, Qt::QueuedConnection);
}

void MqttDeviceTransport::close()
{
    if (!m_device) {
        reportFailure(Mqtt::ErrorCode::ConnectionLost, QStringLiteral("The device was destroyed"));
        return;
    }
    m_closing = true;
    if (!m_open || m_reported) {
        abort();
        return;
    }
    if (m_pending.isEmpty() && m_device->bytesToWrite() == 0)
        finishClose();
    // else bytesWritten() finishes the close once everything is out
}

void MqttDeviceTransport::finishClose()
{
    m_reported = true;
    detach();
    if (m_device) {
        m_selfClosing = true;
        m_device->close();
        m_selfClosing = false;
    }
    Q_EMIT closed(Mqtt::ErrorCode::NoError, QString());
}

void MqttDeviceTransport::abort()
{
    detach();
    m_pending.clear();
    if (m_device && m_device->isOpen()) {
        m_selfClosing = true;
        m_device->close();
        m_selfClosing = false;
    }
    reportAborted();
}

bool MqttDeviceTransport::isOpen() const
{
    return m_device && m_open && !m_reported && !m_closing && m_device->isOpen();
}

qint64 MqttDeviceTransport::bytesAvailable() const
{
    return m_device && m_open ? m_device->bytesAvailable() : 0;
}

void MqttDeviceTransport::announceUnread()
{
    // The application's device may be a socket that, like ours, does not emit readyRead()
    // while a handler of it runs (see MqttLocalSocketTransport::announceUnread()).
    announceAvailable(m_device);
}

qint64 MqttDeviceTransport::read(char *data, qint64 maxSize)
{
    if (!m_device || !m_open)
        return -1;
    const qint64 n = m_device->read(data, maxSize);
    if (n < 0)
        reportFailure(Mqtt::ErrorCode::ConnectionLost,
                      QStringLiteral("Reading from the device failed: %1").arg(m_device->errorString()), true);
    return n;
}

void MqttDeviceTransport::write(const QByteArray &data)
{
    if (!isOpen() || data.isEmpty())
        return;
    m_pending += data;
    flushPending();
}

void MqttDeviceTransport::flushPending()
{
    if (!m_device || m_reported)
        return;
    m_inWrite = true;
    // A device may take less than it is given (an unbuffered custom device); the rest is
    // offered again on its next bytesWritten().
    while (!m_pending.isEmpty()) {
        const qint64 n = m_device->write(m_pending);
        if (n < 0) {
            m_inWrite = false;
            const QString reason = QStringLiteral("Writing to the device failed: %1").arg(m_device->errorString());
            m_reported = true;
            detach();
            m_pending.clear();
            emitClosedLater(Mqtt::ErrorCode::ConnectionLost, reason);
            return;
        }
        if (n == 0)
            break;
        m_pending.remove(0, n);
    }
    m_inWrite = false;
    if (m_closing && !m_reported && m_pending.isEmpty() && m_device->bytesToWrite() == 0)
        finishClose();
}

qint64 MqttDeviceTransport::bytesToWrite() const
{
    return m_pending.size() + (m_device ? m_device->bytesToWrite() : 0);
}

QIODevice *MqttDeviceTransport::device() const
{
    return m_device;
}
