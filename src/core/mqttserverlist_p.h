// Copyright (C) 2026 The MqttQt authors.
// SPDX-License-Identifier: BSD-3-Clause
#ifndef MQTTSERVERLIST_P_H
#define MQTTSERVERLIST_P_H

//
//  W A R N I N G
//  -------------
// This file is not part of the MqttQt API. It exists for the implementation of
// MqttQt and may change from version to version without notice, or even be removed.
//
// Broker addresses as the client's list of servers holds them, from URIs (Paho C's
// serverURIs), MQTT 5 Server References and DNS SRV records. Pure functions: tested with
// synthetic input.

#include "mqttnamespace.h"

#include <QtCore/QList>
#include <QtCore/QString>

#include <optional>

class QRandomGenerator;

struct MqttServerEntry
{
    Mqtt::Transport transport = Mqtt::Transport::Tcp;
    bool tls = false;
    QString host; // the socket path for a local socket
    int port = 0;
    QString path; // WebSocket path; empty: the client's webSocketOptions() path

    // The entry as a URI (mqtt://host:port, mqtts://, ws://host:port/path, wss://, unix:///path).
    QString uri() const;
    friend bool operator==(const MqttServerEntry &a, const MqttServerEntry &b)
    {
        return a.transport == b.transport && a.tls == b.tls && a.host == b.host && a.port == b.port
                && a.path == b.path;
    }
};

// Parses "mqtt://host[:port]", "tcp://", "mqtts://", "ssl://", "tls://", "ws://host[:port][/path]",
// "wss://", "unix:///path"; the port defaults to the scheme's. Empty, with \a why set, for
// anything else.
std::optional<MqttServerEntry> parseServerUri(const QString &uri, QString *why);

// An MQTT 5 Server Reference: one or more "host[:port]" separated by spaces (MQTT 5, 4.11;
// IPv6 addresses in brackets). The first usable one, with the current connection's
// transport and TLS, or empty.
std::optional<MqttServerEntry> parseServerReference(const QString &reference, const MqttServerEntry &current);

struct MqttSrvTarget
{
    QString host;
    quint16 port = 0;
    quint16 priority = 0;
    quint16 weight = 0;
};

// RFC 2782 order: lowest priority first; within one priority, a weighted random order
// (an entry of weight w is picked first with probability w / sum; weight 0 entries get a
// very small chance and, when all weights are 0, a uniform one).
QList<MqttSrvTarget> orderSrvTargets(QList<MqttSrvTarget> targets, QRandomGenerator &random);

#endif // MQTTSERVERLIST_P_H
