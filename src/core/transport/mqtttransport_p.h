// Copyright (C) 2026 The MqttQt authors.
// SPDX-License-Identifier: BSD-3-Clause
#ifndef MQTTTRANSPORT_P_H
#define MQTTTRANSPORT_P_H

//
//  W A R N I N G
//  -------------
// This file is not part of the MqttQt API. It exists for the implementation of
// MqttQt and may change from version to version without notice, or even be removed.
//
// Not exported: the transport tests drive these classes through the static
// mqttqt_core_internal library (src/core/CMakeLists.txt).

#include "mqttnamespace.h"
#include "mqtttlsoptions.h"
#include "mqttwebsocketoptions.h"

#include <QtCore/QObject>
#include <QtCore/QPointer>
#include <QtCore/QString>
#include <QtNetwork/QAbstractSocket>
#include <QtNetwork/QNetworkProxy>

#include <optional>

class QIODevice;
class QSslCertificate;
class QSslError;
class QTcpSocket;
class QTimer;

// One byte stream, whatever carries it (TCP, TLS, WebSocket, local socket, a device). The
// client sees only this interface, so transports are added without touching the session.
//
// The contract every transport keeps:
// - open() is followed by exactly one of connected() or errorOccurred(); for TLS,
//   connected() comes only after the handshake succeeded (nothing is written before).
// - After connected(), the stream ends with exactly one closed(): Success after close(),
//   ConnectionLost (or Tls, Protocol) with a reason otherwise. A failed write reports
//   closed(ConnectionLost) at once (queued: never from inside write()), and isOpen() is
//   false from that write on.
// - abort() reports closed() if connected() had been emitted and nothing was reported yet.
class MqttTransport : public QObject
{
    Q_OBJECT
public:
    using QObject::QObject;

    // Starts connecting; connected() or errorOccurred() follows. \a host is the broker's
    // name or address (the socket path for a local socket; ignored for a device).
    virtual void open(const QString &host, quint16 port, const QString &bindAddress) = 0;
    // Closes after pending writes are flushed; closed() follows.
    virtual void close() = 0;
    // Drops the connection at once; closed() follows if it was open.
    virtual void abort() = 0;
    // True between connected() and the end of the stream (a failed write ends it).
    virtual bool isOpen() const = 0;

    virtual qint64 bytesAvailable() const = 0;
    // Copies up to \a maxSize received bytes; 0 when none are waiting, -1 when the stream
    // has ended (closed() reports why).
    virtual qint64 read(char *data, qint64 maxSize) = 0;
    // Sends all of \a data, or reports closed(ConnectionLost) if it cannot.
    virtual void write(const QByteArray &data) = 0;
    virtual qint64 bytesToWrite() const = 0;
    // Whether a stream of incoming messages may be paced (MqttClient::streamPacing()).
    virtual void setStreamPacing(bool enabled) { Q_UNUSED(enabled); }
    // The client calls it at the end of a pass that read \a bytesRead bytes at \a readAtMs
    // (its clock; -1 if the pass must not count toward a stream of messages) and wrote
    // nothing (a write carries the acknowledgement anyway): what was read is acknowledged
    // to the peer now, not after Linux's delayed-ACK timer, or, while messages stream in,
    // the stream is paced (TCP, see MqttTcpTransport).
    virtual void acknowledgeNow(qint64 bytesRead, qint64 readAtMs)
    {
        Q_UNUSED(bytesRead);
        Q_UNUSED(readAtMs);
    }
    // The underlying device, for Paho's socket(); null for WebSockets (QWebSocket is no
    // QIODevice) and before open().
    virtual QIODevice *device() const = 0;
    // The client calls it when one of its handlers runs a nested event loop that is about
    // to sleep. Qt's sockets do not emit readyRead() while a handler of it is still on the
    // stack: a transport whose socket may then hold data unannounced announces it here
    // (plain TCP uses channelReadyRead(), which Qt does emit; WebSockets announce from the
    // event loop, never from inside QWebSocket's signal).
    virtual void announceUnread() { }

Q_SIGNALS:
    void connected();
    void readyRead();
    void bytesWritten(qint64 bytes);
    // The stream ended. \a error is Success for a close we asked for.
    void closed(Mqtt::ErrorCode error, const QString &reason);
    // Opening failed; no closed() follows.
    void errorOccurred(Mqtt::ErrorCode error, const QString &reason);

protected:
    // Emits closed() from the event loop, so that a caller inside write() or read() never
    // sees its transport end re-entrantly. Dropped if the transport is destroyed first.
    void emitClosedLater(Mqtt::ErrorCode error, const QString &reason);
    // Likewise for errorOccurred(), for failures found inside open().
    void emitErrorLater(Mqtt::ErrorCode error, const QString &reason);

    // The life of one stream, kept by the helpers below alike for every transport, so
    // that each keeps the contract above by the same code.
    bool m_open = false;     // connected() was emitted
    bool m_closing = false;  // close() was asked for
    bool m_reported = false; // errorOccurred() or closed() was emitted, or is queued
    bool m_inWrite = false;  // inside write(): an end is reported queued, never from there

    // open(): a new stream, nothing reported yet.
    void beginStream();
    // open() found a fault before connecting: errorOccurred() from the event loop.
    void refuseOpen(Mqtt::ErrorCode error, const QString &reason);
    // Emits connected() unless the stream already failed or opened. Returns whether it did.
    bool reportOpened();
    // Reports the end once: errorOccurred() before connected(), closed() after; queued
    // when \a queued or inside write().
    void reportFailure(Mqtt::ErrorCode error, const QString &reason, bool queued = false);
    // The connection ended: closed(NoError) after close(), closed(ConnectionLost, \a reason)
    // otherwise; once, and only after connected().
    void reportEnded(const QString &reason, bool queued = false);
    // A write failed: the stream is over, closed(ConnectionLost) follows from the event loop
    // (the caller drops its socket).
    void reportWriteFailed(const QString &errorString);
    // After abort() dropped the connection: closed() if connected() was reported and
    // nothing was reported since.
    void reportAborted();
    // announceUnread() for a transport reading from \a device: emits readyRead() if the
    // stream is open and \a device holds bytes (for an unbuffered socket, bytesAvailable()
    // asks the kernel). Returns whether it did.
    bool announceAvailable(const QIODevice *device);
};

// Everything that decides which transport a connection uses and how it is set up. The
// client keeps one and hands it to createTransport() for every connection attempt.
struct MqttTransportConfig
{
    Mqtt::Transport transport = Mqtt::Transport::Tcp;
    // Set: TLS over TCP, or wss:// over WebSockets.
    std::optional<MqttTlsOptions> tls;
    MqttWebSocketOptions webSocket;
    // Applied to TCP, TLS and WebSocket connections. NoProxy by default: MqttQt never
    // picks up a system or environment proxy by itself (Paho 1.6 reads $mqtt_proxy; Qt
    // would apply QNetworkProxy::applicationProxy()). Pass QNetworkProxy::DefaultProxy to
    // follow the application's proxy settings (QNetworkProxyFactory included).
    QNetworkProxy proxy = QNetworkProxy(QNetworkProxy::NoProxy);
    // Transport::Device: the open device to run MQTT over.
    QPointer<QIODevice> device;
    Mqtt::DeviceOwnership deviceOwnership = Mqtt::DeviceOwnership::CallerOwnsDevice;

    // Mqtt::defaultPort() for this configuration: 1883, 8883 (TLS), 80 (ws), 443 (wss),
    // 0 for a local socket or a device.
    quint16 defaultPort() const;

    // Success, or why this configuration cannot connect (NotSupported: TLS or a proxy over
    // a local socket or device, no TLS backend; Invalid: no device, a proxy type that
    // cannot tunnel, a device not open for reading and writing), with \a errorString set.
    Mqtt::ErrorCode check(QString *errorString) const;
};

// Makes the transport \a config describes, a child of \a parent, ready for open(). Call
// config.check() first: a transport made from a configuration that fails it reports the
// same error through errorOccurred() from open().
MqttTransport *createTransport(const MqttTransportConfig &config, QObject *parent);

// MQTT over TCP. The socket is opened Unbuffered: reads copy straight from the kernel into
// the caller's buffer and writes go straight to the kernel.
class MqttTcpTransport : public MqttTransport
{
    Q_OBJECT
public:
    explicit MqttTcpTransport(QObject *parent = nullptr);
    MqttTcpTransport(const QNetworkProxy &proxy, QObject *parent);
    ~MqttTcpTransport() override;

    void open(const QString &host, quint16 port, const QString &bindAddress) override;
    void close() override;
    void abort() override;
    bool isOpen() const override;
    qint64 bytesAvailable() const override;
    qint64 read(char *data, qint64 maxSize) override;
    void setStreamPacing(bool enabled) override;
    void acknowledgeNow(qint64 bytesRead, qint64 readAtMs) override;
    void write(const QByteArray &data) override;
    qint64 bytesToWrite() const override;
    QIODevice *device() const override;

protected:
    // The socket to connect (QTcpSocket here, QSslSocket for TLS), a child of this.
    virtual QTcpSocket *createSocket();
    // Starts connecting m_socket, already bound if a bind address was given.
    virtual void startConnecting(const QString &host, quint16 port);
    // The TCP connection is up: TCP reports the stream open, TLS waits for the handshake.
    virtual void onSocketConnected();
    // Reports the stream open: connected(), and readyRead() for bytes that came with it.
    void reportSocketOpened();
    // The error code and text for the socket's current error.
    virtual Mqtt::ErrorCode errorCodeFor(QAbstractSocket::SocketError socketError) const;
    virtual QString describeSocketError() const;

    QTcpSocket *m_socket = nullptr;
    QNetworkProxy m_proxy = QNetworkProxy(QNetworkProxy::NoProxy);
    QString m_host;
    quint16 m_port = 0;
    bool m_tcpConnected = false; // the TCP connection is up
    bool m_writeShutDown = false; // close(): our FIN is sent, waiting for the broker's
    // acknowledgeNow(): data was written since the last quick-ack (Linux may be delaying
    // ACKs again), and whether every pass needs one regardless (TLS writes records of its
    // own that write() does not see)
    bool m_sentSinceQuickAck = true;
    bool m_quickAckEveryPass = false;
    // Streams of incoming messages, paced (plain TCP on Linux, see acknowledgeNow()):
    // written since the previous pass that wrote nothing, that pass's millisecond and how
    // many such passes it had, whether it was part of a stream, the pause of the socket's
    // readyRead() and whether one came during it, and the pause's 1 ms timer.
    bool m_wroteSinceQuietPass = true;
    qint64 m_quietPassAt = -1;
    int m_quietPasses = 0;
    bool m_streamPacing = true;
    bool m_streaming = false;
    bool m_readPaused = false;
    bool m_readPending = false;
    bool m_awaitingPass = false; // endStreamPause() announced a read: did a pass answer?
    QTimer *m_pauseTimer = nullptr;

private:
    void onError();
    void onDisconnected();
    void failWrite();
    // close(): once everything written has left, half-closes the connection (FIN).
    void shutdownWhenFlushed();
    // TCP_QUICKACK: a pending ACK goes out now, and Linux stops delaying ACKs.
    void quickAck();
    void onSocketReadyRead();
    // Ends a pause under way from the event loop (a write, pacing turned off).
    void endPauseSoon();
    // The pause's timer: announces what arrived meanwhile, or ends the stream.
    void endStreamPause();
    // close(): reads and drops what the broker still sends, until it closes its side.
    void drainAfterClose();
};

// MQTT over TLS (QSslSocket). connected() follows QSslSocket::encrypted(): nothing is
// written before the broker's certificate has been verified.
class MqttSslTransport : public MqttTcpTransport
{
    Q_OBJECT
public:
    MqttSslTransport(const MqttTlsOptions &options, const QNetworkProxy &proxy, QObject *parent);
    ~MqttSslTransport() override;

protected:
    QTcpSocket *createSocket() override;
    void startConnecting(const QString &host, quint16 port) override;
    void onSocketConnected() override;
    Mqtt::ErrorCode errorCodeFor(QAbstractSocket::SocketError socketError) const override;
    QString describeSocketError() const override;

public:
    void announceUnread() override;

private:
    void onSslErrors(const QList<QSslError> &errors);

    MqttTlsOptions m_options;
    QString m_alert; // the last fatal TLS alert, for the error text
    qint64 m_nudgedAt = -1; // announceUnread(): the encrypted bytes waiting at its last nudge
};

// True for the errors QAbstractSocket reports about a proxy.
bool mqttIsProxyError(QAbstractSocket::SocketError error);
// Prefixes \a text with the proxy it concerns ("HTTP proxy 127.0.0.1:3128: ...").
QString mqttDescribeProxyError(const QNetworkProxy &proxy, const QString &text);

// Describes certificate verification failures: the broker's certificate (subject, issuer,
// validity when that is the fault), then Qt's text for each error, naming any other
// certificate of the chain it concerns. Shared by the TLS and WebSocket transports.
QString mqttDescribeSslErrors(const QList<QSslError> &errors, const QSslCertificate &peerCertificate);
// The errors that remain fatal under \a options (host name mismatches are dropped when
// host name verification is off).
QList<QSslError> mqttFatalSslErrors(const QList<QSslError> &errors, const MqttTlsOptions &options);

#endif // MQTTTRANSPORT_P_H
