// Copyright (C) 2026 The MqttQt authors.
// SPDX-License-Identifier: BSD-3-Clause
//
// The "Getting Started" example of the Eclipse Paho Python client, ported to MqttClient:
// subscribe to the broker's $SYS topic tree and print every message that arrives.
//
//   getting_started [host] [port] [--count N]
//
// host and port default to 127.0.0.1 and 1883. With --count N the program disconnects
// and exits after N messages; without it, it runs until interrupted.

#include <MqttQt/MqttClient>

#include <QtCore/QCommandLineParser>
#include <QtCore/QCoreApplication>
#include <QtCore/QTextStream>

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("getting_started"));

    QCommandLineParser parser;
    parser.setApplicationDescription(
            QStringLiteral("Subscribes to $SYS/# and prints the topic and payload of each message."));
    parser.addHelpOption();
    parser.addPositionalArgument(QStringLiteral("host"), QStringLiteral("Broker host (default 127.0.0.1)."),
                                 QStringLiteral("[host]"));
    parser.addPositionalArgument(QStringLiteral("port"), QStringLiteral("Broker port (default 1883)."),
                                 QStringLiteral("[port]"));
    const QCommandLineOption countOption(QStringLiteral("count"),
                                         QStringLiteral("Disconnect and exit after <n> messages."),
                                         QStringLiteral("n"));
    parser.addOption(countOption);
    parser.process(app);

    QTextStream out(stdout);
    QTextStream err(stderr);
    const QStringList arguments = parser.positionalArguments();
    if (arguments.size() > 2) {
        err << "Too many arguments\n";
        parser.showHelp(2);
    }
    const QString host = arguments.value(0, QStringLiteral("127.0.0.1"));
    bool ok = true;
    const int port = arguments.size() > 1 ? arguments.at(1).toInt(&ok) : 1883;
    if (!ok || port < 1 || port > 65535) {
        err << "Invalid port: " << arguments.at(1) << '\n';
        return 2;
    }
    int count = 0; // 0: run until interrupted
    if (parser.isSet(countOption)) {
        count = parser.value(countOption).toInt(&ok);
        if (!ok || count < 1) {
            err << "Invalid --count: " << parser.value(countOption) << '\n';
            return 2;
        }
    }

    MqttClient client;

    // The handler for when the client receives a CONNACK response from the server.
    QObject::connect(&client, &MqttClient::connackReceived,
                     [&](bool, Mqtt::ReasonCode reasonCode, const MqttProperties &) {
                         out << "Connected with result code " << int(reasonCode) << Qt::endl;
                         // Subscribing when the CONNACK arrives means that if we lose the
                         // connection and reconnect then subscriptions will be renewed.
                         if (reasonCode == Mqtt::ReasonCode::Success)
                             client.subscribe(QStringLiteral("$SYS/#"));
                     });

    // The handler for when a PUBLISH message is received from the server.
    int received = 0;
    QObject::connect(&client, &MqttClient::messageReceived, [&](const MqttMessage &message) {
        if (count > 0 && received >= count)
            return; // already disconnecting
        out << message.topic() << ' ' << QString::fromUtf8(message.payload()) << Qt::endl;
        if (count > 0 && ++received == count)
            client.disconnectFromHost();
    });

    QObject::connect(&client, &MqttClient::errorOccurred, [&](Mqtt::ErrorCode, const QString &text) {
        err << text << Qt::endl;
    });

    if (client.connectToHost(host, port, 60) != Mqtt::ErrorCode::NoError) {
        err << client.errorString() << Qt::endl;
        return 1;
    }

    // Blocking call that processes network traffic, dispatches the handlers and handles
    // reconnecting, until disconnectFromHost().
    return client.loopForever() == Mqtt::ErrorCode::NoError ? 0 : 1;
}
