// Copyright (C) 2026 The MqttQt authors.
// SPDX-License-Identifier: BSD-3-Clause
#ifndef CLIENTTESTING_H
#define CLIENTTESTING_H

// Helpers shared by the MqttClient test suites: unique names, connect-and-wait,
// subscribe-and-wait.
#include "clientrecorder.h"
#include "mosquittobroker.h"

#include <MqttQt/MqttClient>

#include <QtNetwork/QHostAddress>
#include <QtNetwork/QTcpServer>
#include <QtTest/QTest>

namespace ClientTesting {

constexpr int Timeout = 5000;

inline QString uniqueTopic(const QString &what)
{
    static int counter = 0;
    return QStringLiteral("mqttqt-test/%1/%2").arg(what).arg(++counter);
}

inline QString uniqueClientId(const QString &what)
{
    static int counter = 0;
    // At most 23 characters, the limit MQTT 3.1 brokers must accept.
    return QStringLiteral("t-%1-%2").arg(what.left(14)).arg(++counter);
}

inline bool connectTo(MqttClient &client, const MosquittoBroker &broker, int keepAlive = 60)
{
    if (client.connectToHost(broker.host(), broker.tcpPort(), keepAlive) != Mqtt::ErrorCode::NoError)
        return false;
    return client.waitForConnected(Timeout);
}

// Subscribes and waits for the SUBACK; returns its reason codes (empty on failure).
inline QList<Mqtt::ReasonCode> subscribeAndWait(MqttClient &client, const QString &filter,
                                                Mqtt::QoS qos = Mqtt::QoS::AtLeastOnce)
{
    ClientRecorder rec(&client);
    const MqttResult r = client.subscribe(filter, qos);
    if (r.rc != Mqtt::ErrorCode::NoError)
        return {};
    if (!QTest::qWaitFor([&] { return rec.subackCount(r.mid) > 0; }, Timeout))
        return {};
    return rec.subackFor(r.mid);
}

inline quint16 unusedLoopbackPort()
{
    QTcpServer server;
    if (!server.listen(QHostAddress::LocalHost, 0))
        return 0;
    return server.serverPort(); // closed again when server goes out of scope
}

} // namespace ClientTesting

#endif // CLIENTTESTING_H
