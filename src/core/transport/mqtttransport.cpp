// Copyright (C) 2026 The MqttQt authors.
// SPDX-License-Identifier: BSD-3-Clause
#include "mqtttransport_p.h"
#include "mqttlocaltransport_p.h"
#include "mqttwebsockettransport_p.h"

#include <QtCore/QIODevice>
#include <QtNetwork/QSslSocket>

void MqttTransport::emitClosedLater(Mqtt::ErrorCode error, const QString &reason)
{
    QMetaObject::invokeMethod(this, [this, error, reason] { Q_EMIT closed(error, reason); }, Qt::QueuedConnection);
}

void MqttTransport::emitErrorLater(Mqtt::ErrorCode error, const QString &reason)
{
    QMetaObject::invokeMethod(this, [this, error, reason] { Q_EMIT errorOccurred(error, reason); }, Qt::QueuedConnection);
}

void MqttTransport::beginStream()
{
    m_open = false;
    m_closing = false;
    m_reported = false;
    m_inWrite = false;
}

void MqttTransport::refuseOpen(Mqtt::ErrorCode error, const QString &reason)
{
    m_reported = true;
    emitErrorLater(error, reason);
}

bool MqttTransport::reportOpened()
{
    if (m_reported || m_open)
        return false;
    m_open = true;
    Q_EMIT connected();
    return true;
}

void MqttTransport::reportFailure(Mqtt::ErrorCode error, const QString &reason, bool queued)
{
    if (m_reported)
        return;
    m_reported = true;
    if (!m_open)
        Q_EMIT errorOccurred(error, reason);
    else if (queued || m_inWrite)
        emitClosedLater(error, reason);
    else
        Q_EMIT closed(error, reason);
}

void MqttTransport::reportEnded(const QString &reason, bool queued)
{
    if (!m_open || m_reported)
        return;
    if (m_closing)
        reportFailure(Mqtt::ErrorCode::NoError, QString(), queued);
    else
        reportFailure(Mqtt::ErrorCode::ConnectionLost, reason, queued);
}

void MqttTransport::reportWriteFailed(const QString &errorString)
{
    if (m_reported)
        return;
    m_reported = true;
    emitClosedLater(Mqtt::ErrorCode::ConnectionLost, QStringLiteral("Writing to the broker failed: %1").arg(errorString));
}

void MqttTransport::reportAborted()
{
    if (!m_open || m_reported)
        return;
    m_reported = true;
    Q_EMIT closed(m_closing ? Mqtt::ErrorCode::NoError : Mqtt::ErrorCode::ConnectionLost,
                  QStringLiteral("The connection was aborted"));
}

bool MqttTransport::announceAvailable(const QIODevice *device)
{
    if (!device || !m_open || m_reported || device->bytesAvailable() <= 0)
        return false;
    Q_EMIT readyRead();
    return true;
}

bool mqttIsProxyError(QAbstractSocket::SocketError error)
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

QString mqttDescribeProxyError(const QNetworkProxy &proxy, const QString &text)
{
    const QString kind = proxy.type() == QNetworkProxy::HttpProxy ? QStringLiteral("HTTP proxy")
            : proxy.type() == QNetworkProxy::Socks5Proxy         ? QStringLiteral("SOCKS5 proxy")
                                                                 : QStringLiteral("proxy");
    if (proxy.hostName().isEmpty())
        return QStringLiteral("%1: %2").arg(kind, text);
    return QStringLiteral("%1 %2:%3: %4").arg(kind, proxy.hostName()).arg(proxy.port()).arg(text);
}

quint16 MqttTransportConfig::defaultPort() const
{
    return Mqtt::defaultPort(transport, tls.has_value());
}

Mqtt::ErrorCode MqttTransportConfig::check(QString *errorString) const
{
    auto fail = [errorString](Mqtt::ErrorCode code, const QString &text) {
        if (errorString)
            *errorString = text;
        return code;
    };
    const bool streamOverNetwork = transport == Mqtt::Transport::Tcp || transport == Mqtt::Transport::WebSockets;
    if (tls) {
        if (!streamOverNetwork) {
            return fail(Mqtt::ErrorCode::NotSupported,
                        QStringLiteral("TLS is available over TCP and WebSockets only, not over %1")
                                .arg(transport == Mqtt::Transport::LocalSocket ? QStringLiteral("a local socket")
                                                                              : QStringLiteral("a device")));
        }
        if (!QSslSocket::supportsSsl()) {
            return fail(Mqtt::ErrorCode::NotSupported,
                        QStringLiteral("TLS is not available: Qt found no TLS backend (built against %1)")
                                .arg(QSslSocket::sslLibraryBuildVersionString()));
        }
    }
    switch (proxy.type()) {
    case QNetworkProxy::NoProxy:
    case QNetworkProxy::DefaultProxy:
        break;
    case QNetworkProxy::HttpProxy:
    case QNetworkProxy::Socks5Proxy:
        if (!streamOverNetwork) {
            return fail(Mqtt::ErrorCode::NotSupported,
                        QStringLiteral("A proxy can carry TCP, TLS and WebSocket connections only"));
        }
        if (proxy.hostName().isEmpty() || proxy.port() == 0)
            return fail(Mqtt::ErrorCode::Invalid, QStringLiteral("The proxy needs a host name and a port"));
        break;
    case QNetworkProxy::HttpCachingProxy:
    case QNetworkProxy::FtpCachingProxy:
        return fail(Mqtt::ErrorCode::Invalid,
                    QStringLiteral("A caching proxy cannot tunnel MQTT: use an HTTP (CONNECT) or SOCKS5 proxy"));
    }
    if (transport == Mqtt::Transport::Device)
        return MqttDeviceTransport::checkDevice(device, errorString);
    return Mqtt::ErrorCode::NoError;
}

namespace {

// What createTransport() returns for a configuration that check() refuses: it reports the
// refusal from open(), so that a caller that skipped check() still hears why.
class MqttRefusedTransport : public MqttTransport
{
public:
    MqttRefusedTransport(Mqtt::ErrorCode error, const QString &reason, const MqttTransportConfig &config,
                         QObject *parent)
        : MqttTransport(parent), m_error(error), m_reason(reason)
    {
        // A device handed over with the connection goes with the transport, as always.
        if (config.transport == Mqtt::Transport::Device
            && config.deviceOwnership == Mqtt::DeviceOwnership::ClientOwnsDevice)
            m_ownedDevice = config.device;
    }
    ~MqttRefusedTransport() override
    {
        if (m_ownedDevice)
            m_ownedDevice->deleteLater();
    }
    void open(const QString &, quint16, const QString &) override { emitErrorLater(m_error, m_reason); }
    void close() override { }
    void abort() override { }
    bool isOpen() const override { return false; }
    qint64 bytesAvailable() const override { return 0; }
    qint64 read(char *, qint64) override { return -1; }
    void write(const QByteArray &) override { }
    qint64 bytesToWrite() const override { return 0; }
    QIODevice *device() const override { return nullptr; }

private:
    Mqtt::ErrorCode m_error;
    QString m_reason;
    QPointer<QIODevice> m_ownedDevice;
};

} // namespace

MqttTransport *createTransport(const MqttTransportConfig &config, QObject *parent)
{
    QString why;
    const Mqtt::ErrorCode refusal = config.check(&why);
    if (refusal != Mqtt::ErrorCode::NoError)
        return new MqttRefusedTransport(refusal, why, config, parent);
    switch (config.transport) {
    case Mqtt::Transport::Tcp:
        if (config.tls)
            return new MqttSslTransport(*config.tls, config.proxy, parent);
        return new MqttTcpTransport(config.proxy, parent);
    case Mqtt::Transport::WebSockets:
        return new MqttWebSocketTransport(config.webSocket, config.tls, config.proxy, parent);
    case Mqtt::Transport::LocalSocket:
        return new MqttLocalSocketTransport(parent);
    case Mqtt::Transport::Device:
        return new MqttDeviceTransport(config.device, config.deviceOwnership, parent);
    }
    return new MqttRefusedTransport(Mqtt::ErrorCode::Invalid,
                                    QStringLiteral("Unknown transport %1").arg(int(config.transport)), config, parent);
}
