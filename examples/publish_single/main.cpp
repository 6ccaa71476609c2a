// Copyright (C) 2026 The MqttQt authors.
// SPDX-License-Identifier: BSD-3-Clause
//
// Paho's publish.single() example, ported to MqttPublishJob:
//
//   publish.single("paho/test/single", "payload", hostname="mqtt.eclipse.org")
//
// connects, publishes one message, waits until it is on its way, and disconnects cleanly.
//
//   publish_single [host] [port]
//
// host and port default to 127.0.0.1 and 1883. Exit status 0 when published, 1 when
// not (the reason is printed), 2 for bad arguments.

#include <MqttQt/MqttPublishJob>

#include <QtCore/QCommandLineParser>
#include <QtCore/QCoreApplication>
#include <QtCore/QTextStream>

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Publishes \"payload\" to paho/test/single and disconnects."));
    parser.addHelpOption();
    parser.addPositionalArgument(QStringLiteral("host"), QStringLiteral("Broker host (default 127.0.0.1)."), QStringLiteral("[host]"));
    parser.addPositionalArgument(QStringLiteral("port"), QStringLiteral("Broker port (default 1883)."), QStringLiteral("[port]"));
    parser.process(app);
    const QStringList args = parser.positionalArguments();
    QTextStream err(stderr);
    bool ok = true;
    const int port = args.size() > 1 ? args.at(1).toInt(&ok) : 1883;
    if (args.size() > 2 || !ok || port < 1 || port > 65535) {
        err << "usage: publish_single [host] [port]\n";
        return 2;
    }

    // The connection arguments Paho takes as keyword arguments: hostname, port, client_id,
    // keepalive, will, auth, protocol, transport...
    MqttConnectOptions options(args.value(0, QStringLiteral("127.0.0.1")), port);

    // Blocks (running a local event loop) until the message is published and the client
    // disconnected, or something failed.
    QString why;
    const Mqtt::ErrorCode rc = MqttPublishJob::single(MqttMessage(QStringLiteral("paho/test/single"), "payload"),
                                                      options, MqttPublishJob::DefaultTimeout, &why);
    if (rc != Mqtt::ErrorCode::NoError) {
        err << "Not published: " << why << Qt::endl;
        return 1;
    }
    QTextStream(stdout) << "Published to paho/test/single" << Qt::endl;
    return 0;
}
