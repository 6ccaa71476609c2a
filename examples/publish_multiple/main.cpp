// Copyright (C) 2026 The MqttQt authors.
// SPDX-License-Identifier: BSD-3-Clause
//
// Paho's publish.multiple() example, ported to MqttPublishJob, in its asynchronous form:
//
//   msgs = [{'topic':"paho/test/multiple", 'payload':"multiple 1"},
//           ("paho/test/multiple", "multiple 2", 0, False)]
//   publish.multiple(msgs, hostname="mqtt.eclipse.org")
//
// The job publishes the messages in order on one connection and disconnects cleanly; the
// event loop keeps running meanwhile, and finished() reports the outcome.
//
//   publish_multiple [host] [port]
//
// Exit status 0 when both were published, 1 when not, 2 for bad arguments.

#include <MqttQt/MqttPublishJob>

#include <QtCore/QCommandLineParser>
#include <QtCore/QCoreApplication>
#include <QtCore/QTextStream>

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Publishes two messages to paho/test/multiple and disconnects."));
    parser.addHelpOption();
    parser.addPositionalArgument(QStringLiteral("host"), QStringLiteral("Broker host (default 127.0.0.1)."), QStringLiteral("[host]"));
    parser.addPositionalArgument(QStringLiteral("port"), QStringLiteral("Broker port (default 1883)."), QStringLiteral("[port]"));
    parser.process(app);
    const QStringList args = parser.positionalArguments();
    QTextStream out(stdout);
    QTextStream err(stderr);
    bool ok = true;
    const int port = args.size() > 1 ? args.at(1).toInt(&ok) : 1883;
    if (args.size() > 2 || !ok || port < 1 || port > 65535) {
        err << "usage: publish_multiple [host] [port]\n";
        return 2;
    }

    const QList<MqttMessage> messages = {
        MqttMessage(QStringLiteral("paho/test/multiple"), "multiple 1"),
        MqttMessage(QStringLiteral("paho/test/multiple"), "multiple 2", Mqtt::QoS::AtMostOnce, false),
    };
    MqttPublishJob job(messages, MqttConnectOptions(args.value(0, QStringLiteral("127.0.0.1")), port));
    QObject::connect(&job, &MqttPublishJob::messagePublished, [&](int index, int mid) {
        out << "Published message " << index << " (mid " << mid << ')' << Qt::endl;
    });
    // finished() comes once, from the event loop, whatever happened.
    QObject::connect(&job, &MqttPublishJob::finished, &app, [&] {
        if (job.error() != Mqtt::ErrorCode::NoError)
            err << "Failed: " << job.errorString() << Qt::endl;
        app.exit(job.error() == Mqtt::ErrorCode::NoError ? 0 : 1);
    });
    job.start();
    return app.exec();
}
