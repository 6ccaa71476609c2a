// Copyright (C) 2026 The MqttQt authors.
// SPDX-License-Identifier: BSD-3-Clause
//
// Paho's subscribe.callback() example, ported to MqttSubscribeJob:
//
//   def on_message_print(client, userdata, message):
//       print("%s %s" % (message.topic, message.payload))
//   subscribe.callback(on_message_print, "paho/test/callback", hostname="mqtt.eclipse.org")
//
// calls the handler for every message until the handler stops the job (Paho's handler
// would call client.disconnect()); here that is after --count messages.
//
//   subscribe_callback [host] [port] [--count N]
//
// Without --count it runs until interrupted. Exit status 0 after N messages, 1 if the
// connection failed, 2 for bad arguments.

#include <MqttQt/MqttSubscribeJob>

#include <QtCore/QCommandLineParser>
#include <QtCore/QCoreApplication>
#include <QtCore/QTextStream>

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Prints every message published to paho/test/callback."));
    parser.addHelpOption();
    parser.addPositionalArgument(QStringLiteral("host"), QStringLiteral("Broker host (default 127.0.0.1)."), QStringLiteral("[host]"));
    parser.addPositionalArgument(QStringLiteral("port"), QStringLiteral("Broker port (default 1883)."), QStringLiteral("[port]"));
    const QCommandLineOption countOption(QStringLiteral("count"), QStringLiteral("Stop after <n> messages."), QStringLiteral("n"));
    parser.addOption(countOption);
    parser.process(app);
    const QStringList args = parser.positionalArguments();
    QTextStream out(stdout);
    QTextStream err(stderr);
    bool ok = true, countOk = true;
    const int port = args.size() > 1 ? args.at(1).toInt(&ok) : 1883;
    const int count = parser.isSet(countOption) ? parser.value(countOption).toInt(&countOk) : 0;
    if (args.size() > 2 || !ok || port < 1 || port > 65535 || !countOk || count < 0) {
        err << "usage: subscribe_callback [host] [port] [--count N]\n";
        return 2;
    }

    int received = 0;
    // Called in this thread for each message; the job is Paho's "client" argument.
    auto onMessagePrint = [&](MqttSubscribeJob *job, const MqttMessage &message) {
        out << message.topic() << ' ' << QString::fromUtf8(message.payload()) << Qt::endl;
        if (count > 0 && ++received == count)
            job->stop(); // disconnects cleanly; callback() then returns NoError
    };
    QString why;
    const Mqtt::ErrorCode rc = MqttSubscribeJob::callback(
            onMessagePrint, { QStringLiteral("paho/test/callback") },
            MqttConnectOptions(args.value(0, QStringLiteral("127.0.0.1")), port), 0, &why);
    if (rc != Mqtt::ErrorCode::NoError) {
        err << "Stopped: " << why << Qt::endl;
        return 1;
    }
    return 0;
}
