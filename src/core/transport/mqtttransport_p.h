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

#include "mqttnamespace.h"

#include <QtCore/QObject>
#include <QtCore/QString>

class QIODevice;

// One byte stream, whatever carries it (TCP, TLS, WebSocket, local socket). The client
// sees only this interface, so transports are added without touching the session.
class MqttTransport : public QObject
{
    Q_OBJECT
public:
    using QObject::QObject;

    // Starts connecting; connected() or errorOccurred() follows.
    virtual void open(const QString &host, quint16 port, const QString &bindAddress) = 0;
    // Closes after pending writes are flushed; closed() follows.
    virtual void close() = 0;
    // Drops the connection at once; closed() follows if it was open.
    virtual void abort() = 0;
    virtual bool isOpen() const = 0;

    virtual qint64 bytesAvailable() const = 0;
    virtual qint64 read(char *data, qint64 maxSize) = 0;
    virtual void write(const QByteArray &data) = 0;
    virtual qint64 bytesToWrite() const = 0;
    // The underlying device, for Paho's socket(); may be null.
    virtual QIODevice *device() const = 0;

Q_SIGNALS:
    void connected();
    void readyRead();
    void bytesWritten(qint64 bytes);
    // The stream ended. \a error is Success for a close we asked for.
    void closed(Mqtt::ErrorCode error, const QString &reason);
    // Opening failed; no closed() follows.
    void errorOccurred(Mqtt::ErrorCode error, const QString &reason);
};

class QTcpSocket;

class MqttTcpTransport : public MqttTransport
{
    Q_OBJECT
public:
    explicit MqttTcpTransport(QObject *parent = nullptr);
    ~MqttTcpTransport() override;

    void open(const QString &host, quint16 port, const QString &bindAddress) override;
    void close() override;
    void abort() override;
    bool isOpen() const override;
    qint64 bytesAvailable() const override;
    qint64 read(char *data, qint64 maxSize) override;
    void write(const QByteArray &data) override;
    qint64 bytesToWrite() const override;
    QIODevice *device() const override;

private:
    void onError();
    void onDisconnected();

    QTcpSocket *m_socket = nullptr;
    bool m_wasConnected = false;
    bool m_closing = false;
    bool m_reported = false;
};

#endif // MQTTTRANSPORT_P_H
