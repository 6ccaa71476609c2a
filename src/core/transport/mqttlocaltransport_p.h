// Copyright (C) 2026 The MqttQt authors.
// SPDX-License-Identifier: BSD-3-Clause
#ifndef MQTTLOCALTRANSPORT_P_H
#define MQTTLOCALTRANSPORT_P_H

//
//  W A R N I N G
//  -------------
// This file is not part of the MqttQt API. It exists for the implementation of
// MqttQt and may change from version to version without notice, or even be removed.
//

#include "mqtttransport_p.h"

#include <QtCore/QByteArray>
#include <QtCore/QPointer>

class QLocalSocket;

// MQTT over a Unix domain socket (QLocalSocket; Paho 2's transport "unix"): the host is
// the socket's path. Opened Unbuffered like the TCP socket, so reads copy straight from
// the kernel; QLocalSocket reports the end of the stream and failed writes by its signals.
class MqttLocalSocketTransport : public MqttTransport
{
    Q_OBJECT
public:
    explicit MqttLocalSocketTransport(QObject *parent);
    ~MqttLocalSocketTransport() override;

    void open(const QString &path, quint16 port, const QString &bindAddress) override;
    void close() override;
    void abort() override;
    bool isOpen() const override;
    qint64 bytesAvailable() const override;
    qint64 read(char *data, qint64 maxSize) override;
    void write(const QByteArray &data) override;
    qint64 bytesToWrite() const override;
    QIODevice *device() const override;
    void announceUnread() override;

private:
    void onError();
    void onDisconnected();

    QLocalSocket *m_socket = nullptr;
    QString m_path;
};

// MQTT over any open QIODevice the application supplies (a serial port, a pipe, a socket it
// connected itself, a test harness). readyRead(), aboutToClose() and readChannelFinished()
// (and, for sockets, errorOccurred() and disconnected()) map to the interface. close() and
// abort() close the device, since the MQTT connection was its stream; the device is
// deleted with the transport only with Mqtt::DeviceOwnership::ClientOwnsDevice.
class MqttDeviceTransport : public MqttTransport
{
    Q_OBJECT
public:
    MqttDeviceTransport(QIODevice *device, Mqtt::DeviceOwnership ownership, QObject *parent);
    ~MqttDeviceTransport() override;

    // Success, or why \a device cannot carry MQTT (Invalid), with \a errorString set.
    static Mqtt::ErrorCode checkDevice(const QIODevice *device, QString *errorString);

    void open(const QString &host, quint16 port, const QString &bindAddress) override;
    void close() override;
    void abort() override;
    bool isOpen() const override;
    qint64 bytesAvailable() const override;
    qint64 read(char *data, qint64 maxSize) override;
    void write(const QByteArray &data) override;
    qint64 bytesToWrite() const override;
    QIODevice *device() const override;
    void announceUnread() override;

private:
    void detach();
    void flushPending();
    void finishClose();

    QPointer<QIODevice> m_device;
    Mqtt::DeviceOwnership m_ownership;
    QByteArray m_pending; // what the device did not take yet (a short write)
    bool m_attached = false;
    bool m_selfClosing = false; // our own device->close() is running
};

#endif // MQTTLOCALTRANSPORT_P_H
