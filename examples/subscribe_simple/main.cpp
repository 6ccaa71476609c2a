// Copyright (C) 2026 The MqttQt authors.
// SPDX-License-Identifier: BSD-3-Clause
//
// Paho's subscribe.simple() example, ported to MqttSubscribeJob:
//
//   msg = subscribe.simple("paho/test/simple", hostname="mqtt.eclipse.org")
//   print("%s %s" % (msg.topic, msg.payload))
//
// connects, subscribes, waits for the first message that was not retained, prints its
// topic and payload, and disconnects.
//
//   subscribe_simple [host] [port] [--timeout seconds]
//
// Exit status 0 when a message arrived, 1 when none did in time (default 30 s) or the
// connection failed, 2 for bad arguments.

#include <MqttQt/MqttSubscribeJob>

#include <QtCore/QCommandLineParser>
#include <QtCore/QCoreApplication>
#include <QtCore/QTextStream>

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Prints the first message published to paho/test/simple."));
    parser.addHelpOption();
    parser.addPositionalArgument(QStringLiteral("host"), QStringLiteral("Broker host (default 127.0.0.1)."), QStringLiteral("[host]"));
    parser.addPositionalArgument(QStringLiteral("port"), QStringLiteral("Broker port (default 1883)."), QStringLiteral("[port]"));
    const QCommandLineOption timeoutOption(QStringLiteral("timeout"), QStringLiteral("Give up after <seconds> (default 30)."),
                                           QStringLiteral("seconds"), QStringLiteral("30"));
    parser.addOption(timeoutOption);
    parser.process(app);
    const QStringList args = parser.positionalArguments();
    QTextStream err(stderr);
    bool ok = true, timeoutOk = true;
    const int port = args.size() > 1 ? args.at(1).toInt(&ok) : 1883;
    const int timeout = parser.value(timeoutOption).toInt(&timeoutOk);
    if (args.size() > 2 || !ok || port < 1 || port > 65535 || !timeoutOk || timeout < 1) {
        err << "usage: subscribe_simple [host] [port] [--timeout seconds]\n";
        return 2;
    }

    // Blocks until one message arrived (retained ones skipped, as in Paho), the deadline
    // passed, or the connection failed.
    Mqtt::ErrorCode rc = Mqtt::ErrorCode::NoError;
    QString why;
    const QList<MqttMessage> messages = MqttSubscribeJob::simple(
            { QStringLiteral("paho/test/simple") }, MqttConnectOptions(args.value(0, QStringLiteral("127.0.0.1")), port),
            1, MqttSubscribeJob::RetainedMessages::SkipRetained, timeout * 1000, &rc, &why);
    if (rc != Mqtt::ErrorCode::NoError) {
        err << "No message: " << why << Qt::endl;
        return 1;
    }
    const MqttMessage &msg = messages.first();
    QTextStream(stdout) << msg.topic() << ' ' << QString::fromUtf8(msg.payload()) << Qt::endl;
    return 0;
}
