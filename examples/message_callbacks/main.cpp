// Copyright (C) 2026 The MqttQt authors.
// SPDX-License-Identifier: BSD-3-Clause
//
// Paho's per-filter callbacks (message_callback_add(), its client_sub-multiple-callback
// example), ported to MqttClient::messageCallbackAdd():
//
//   mqttc.message_callback_add("$SYS/broker/messages/#", on_message_msgs)
//   mqttc.message_callback_add("$SYS/broker/bytes/#", on_message_bytes)
//   mqttc.on_message = on_message
//   mqttc.connect("mqtt.eclipse.org", 1883, 60)
//   mqttc.subscribe("$SYS/#", 0)
//   mqttc.loop_forever()
//
// A message goes to every handler whose filter matches it; only messages no handler
// matched reach messageReceived() (Paho's on_message).
//
//   message_callbacks [host] [port] [--count N]
//
// With --count N it disconnects after N messages; without, it runs until interrupted.

#include <MqttQt/MqttClient>

#include <QtCore/QCommandLineParser>
#include <QtCore/QCoreApplication>
#include <QtCore/QTextStream>

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Sorts the broker's $SYS messages into per-filter handlers."));
    parser.addHelpOption();
    parser.addPositionalArgument(QStringLiteral("host"), QStringLiteral("Broker host (default 127.0.0.1)."), QStringLiteral("[host]"));
    parser.addPositionalArgument(QStringLiteral("port"), QStringLiteral("Broker port (default 1883)."), QStringLiteral("[port]"));
    const QCommandLineOption countOption(QStringLiteral("count"), QStringLiteral("Disconnect after <n> messages."), QStringLiteral("n"));
    parser.addOption(countOption);
    parser.process(app);
    const QStringList args = parser.positionalArguments();
    QTextStream out(stdout);
    QTextStream err(stderr);
    bool ok = true, countOk = true;
    const int port = args.size() > 1 ? args.at(1).toInt(&ok) : 1883;
    const int count = parser.isSet(countOption) ? parser.value(countOption).toInt(&countOk) : 0;
    if (args.size() > 2 || !ok || port < 1 || port > 65535 || !countOk || count < 0) {
        err << "usage: message_callbacks [host] [port] [--count N]\n";
        return 2;
    }

    MqttClient client;
    int received = 0;
    auto counted = [&] {
        if (count > 0 && ++received == count)
            client.disconnectFromHost();
    };
    auto print = [&](const char *label, const MqttMessage &msg) {
        if (count > 0 && received >= count)
            return false; // already disconnecting
        out << label << ": " << msg.topic() << ' ' << QString::fromUtf8(msg.payload()) << Qt::endl;
        return true;
    };

    // Per-filter handlers, called in the context object's thread (here: this one).
    client.messageCallbackAdd(QStringLiteral("$SYS/broker/messages/#"), &app, [&](const MqttMessage &msg) {
        if (print("MESSAGES", msg))
            counted();
    });
    client.messageCallbackAdd(QStringLiteral("$SYS/broker/bytes/#"), &app, [&](const MqttMessage &msg) {
        if (print("BYTES", msg))
            counted();
    });
    // Everything else (Paho's on_message).
    QObject::connect(&client, &MqttClient::messageReceived, &app, [&](const MqttMessage &msg) {
        if (print("OTHER", msg))
            counted();
    });
    QObject::connect(&client, &MqttClient::connackReceived, &app,
                     [&](bool, Mqtt::ReasonCode rc, const MqttProperties &) {
                         if (rc == Mqtt::ReasonCode::Success)
                             client.subscribe(QStringLiteral("$SYS/#"), Mqtt::QoS::AtMostOnce);
                     });
    QObject::connect(&client, &MqttClient::errorOccurred, &app,
                     [&](Mqtt::ErrorCode, const QString &text) { err << text << Qt::endl; });

    if (client.connectToHost(args.value(0, QStringLiteral("127.0.0.1")), port, 60) != Mqtt::ErrorCode::NoError) {
        err << client.errorString() << Qt::endl;
        return 1;
    }
    return client.loopForever() == Mqtt::ErrorCode::NoError ? 0 : 1;
}
