// Copyright (C) 2026 The MqttQt authors.
// SPDX-License-Identifier: BSD-3-Clause
#include "mqttserverlist_p.h"

#include <QtCore/QRandomGenerator>
#include <QtCore/QUrl>

#include <algorithm>

QString MqttServerEntry::uri() const
{
    switch (transport) {
    case Mqtt::Transport::LocalSocket:
        return QStringLiteral("unix://") + host;
    case Mqtt::Transport::Device:
        return QStringLiteral("device:");
    case Mqtt::Transport::WebSockets: {
        const QString h = host.contains(QLatin1Char(':')) ? QLatin1Char('[') + host + QLatin1Char(']') : host;
        return (tls ? QStringLiteral("wss://") : QStringLiteral("ws://")) + h + QLatin1Char(':')
                + QString::number(port) + path;
    }
    case Mqtt::Transport::Tcp:
        break;
    }
    const QString h = host.contains(QLatin1Char(':')) ? QLatin1Char('[') + host + QLatin1Char(']') : host;
    return (tls ? QStringLiteral("mqtts://") : QStringLiteral("mqtt://")) + h + QLatin1Char(':') + QString::number(port);
}

std::optional<MqttServerEntry> parseServerUri(const QString &text, QString *why)
{
    auto refuse = [why, &text](const QString &reason) -> std::optional<MqttServerEntry> {
        if (why)
            *why = QStringLiteral("\"%1\" is not a broker URI: %2").arg(text, reason);
        return std::nullopt;
    };
    const QUrl url(text, QUrl::StrictMode);
    if (!url.isValid())
        return refuse(url.errorString());
    const QString scheme = url.scheme().toLower();
    MqttServerEntry e;
    if (scheme == QLatin1String("mqtt") || scheme == QLatin1String("tcp")) {
        e.transport = Mqtt::Transport::Tcp;
    } else if (scheme == QLatin1String("mqtts") || scheme == QLatin1String("ssl") || scheme == QLatin1String("tls")) {
        e.transport = Mqtt::Transport::Tcp;
        e.tls = true;
    } else if (scheme == QLatin1String("ws") || scheme == QLatin1String("wss")) {
        e.transport = Mqtt::Transport::WebSockets;
        e.tls = scheme == QLatin1String("wss");
    } else if (scheme == QLatin1String("unix")) {
        e.transport = Mqtt::Transport::LocalSocket;
        e.host = url.path();
        if (e.host.isEmpty() || !url.host().isEmpty())
            return refuse(QStringLiteral("a unix URI is unix:///path/to/socket"));
        return e;
    } else {
        return refuse(QStringLiteral("the scheme must be mqtt, mqtts, ws, wss or unix"));
    }
    e.host = url.host();
    if (e.host.isEmpty())
        return refuse(QStringLiteral("it names no host"));
    e.port = url.port(int(Mqtt::defaultPort(e.transport, e.tls)));
    if (e.port <= 0 || e.port > 65535)
        return refuse(QStringLiteral("the port is outside 1..65535"));
    if (e.transport == Mqtt::Transport::WebSockets) {
        e.path = url.path(QUrl::FullyEncoded);
        if (url.hasQuery())
            e.path += QLatin1Char('?') + url.query(QUrl::FullyEncoded);
    } else if (!url.path().isEmpty() && url.path() != QLatin1String("/")) {
        return refuse(QStringLiteral("only ws and wss URIs have a path"));
    }
    return e;
}

std::optional<MqttServerEntry> parseServerReference(const QString &reference, const MqttServerEntry &current)
{
    const QStringList candidates = reference.split(QLatin1Char(' '), Qt::SkipEmptyParts);
    for (const QString &candidate : candidates) {
        MqttServerEntry e = current;
        QString host = candidate;
        int port = int(Mqtt::defaultPort(current.transport, current.tls));
        if (host.startsWith(QLatin1Char('['))) { // [IPv6]:port
            const qsizetype close = host.indexOf(QLatin1Char(']'));
            if (close < 0)
                continue;
            const QString rest = host.mid(close + 1);
            host = host.mid(1, close - 1);
            if (rest.startsWith(QLatin1Char(':')))
                port = rest.mid(1).toInt();
        } else if (host.count(QLatin1Char(':')) == 1) {
            const qsizetype colon = host.indexOf(QLatin1Char(':'));
            port = host.mid(colon + 1).toInt();
            host = host.left(colon);
        }
        if (host.isEmpty() || port <= 0 || port > 65535)
            continue;
        if (current.transport == Mqtt::Transport::LocalSocket || current.transport == Mqtt::Transport::Device)
            e.transport = Mqtt::Transport::Tcp;
        e.host = host;
        e.port = port;
        return e;
    }
    return std::nullopt;
}

QList<MqttSrvTarget> orderSrvTargets(QList<MqttSrvTarget> targets, QRandomGenerator &random)
{
    std::stable_sort(targets.begin(), targets.end(),
                     [](const MqttSrvTarget &a, const MqttSrvTarget &b) { return a.priority < b.priority; });
    QList<MqttSrvTarget> ordered;
    ordered.reserve(targets.size());
    qsizetype begin = 0;
    while (begin < targets.size()) {
        qsizetype end = begin;
        while (end < targets.size() && targets.at(end).priority == targets.at(begin).priority)
            ++end;
        QList<MqttSrvTarget> group = targets.mid(begin, end - begin);
        // RFC 2782: weight 0 entries first, then pick by running sum of weights.
        std::stable_sort(group.begin(), group.end(),
                         [](const MqttSrvTarget &a, const MqttSrvTarget &b) { return a.weight == 0 && b.weight != 0; });
        while (!group.isEmpty()) {
            quint32 sum = 0;
            for (const MqttSrvTarget &t : group)
                sum += t.weight;
            qsizetype pick = 0;
            if (sum == 0) {
                pick = qsizetype(random.bounded(quint32(group.size())));
            } else {
                const quint32 chosen = random.bounded(sum + 1);
                quint32 running = 0;
                for (pick = 0; pick < group.size(); ++pick) {
                    running += group.at(pick).weight;
                    if (running >= chosen)
                        break;
                }
            }
            ordered.append(group.takeAt(pick));
        }
        begin = end;
    }
    return ordered;
}
