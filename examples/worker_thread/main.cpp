// Copyright (C) 2026 The MqttQt authors.
// SPDX-License-Identifier: BSD-3-Clause
//
// Paho's loop_start() example, ported to MqttClientThread:
//
//   mqttc.connect("mqtt.eclipse.org")
//   mqttc.loop_start()
//   while True:
//       temperature = sensor.blocking_read()
//       mqttc.publish("paho/temperature", temperature)
//
// The client runs in a worker thread of its own (network traffic, keepalive,
// reconnecting); this thread does blocking work and publishes from here, without an
// event loop of its own. stop() is Paho's loop_stop(): it disconnects cleanly and ends the
// thread.
//
//   worker_thread [host] [port] [--count N]
//
// Publishes N readings (default 5) at QoS 1 and exits 0 once each was acknowledged; 1 if
// the connection or a message failed, 2 for bad arguments.

#include <MqttQt/MqttClientThread>

#include <QtCore/QCommandLineParser>
#include <QtCore/QCoreApplication>
#include <QtCore/QTextStream>
#include <QtCore/QThread>

namespace {
// A sensor whose read blocks, as Paho's example has it.
double blockingRead(int i)
{
    QThread::msleep(50);
    return 20.0 + 0.5 * i;
}
} // namespace

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Publishes sensor readings from the main thread through a client "
                                                    "running in a worker thread."));
    parser.addHelpOption();
    parser.addPositionalArgument(QStringLiteral("host"), QStringLiteral("Broker host (default 127.0.0.1)."), QStringLiteral("[host]"));
    parser.addPositionalArgument(QStringLiteral("port"), QStringLiteral("Broker port (default 1883)."), QStringLiteral("[port]"));
    const QCommandLineOption countOption(QStringLiteral("count"), QStringLiteral("Readings to publish (default 5)."),
                                         QStringLiteral("n"), QStringLiteral("5"));
    parser.addOption(countOption);
    parser.process(app);
    const QStringList args = parser.positionalArguments();
    QTextStream out(stdout);
    QTextStream err(stderr);
    bool ok = true, countOk = true;
    const int port = args.size() > 1 ? args.at(1).toInt(&ok) : 1883;
    const int count = parser.value(countOption).toInt(&countOk);
    if (args.size() > 2 || !ok || port < 1 || port > 65535 || !countOk || count < 1) {
        err << "usage: worker_thread [host] [port] [--count N]\n";
        return 2;
    }

    // connect() + loop_start(): the client lives and connects in the worker thread.
    MqttClientThread worker(MqttConnectOptions(args.value(0, QStringLiteral("127.0.0.1")), port));
    worker.start();
    if (!worker.waitForConnected(10000)) {
        err << "Not connected: " << worker.errorString() << Qt::endl;
        return 1;
    }

    int result = 0;
    for (int i = 0; i < count; ++i) {
        const double temperature = blockingRead(i);
        // publish() is safe from any thread: it returns at once with the message id.
        const MqttMessageInfo info = worker.client()->publish(QStringLiteral("paho/temperature"), temperature,
                                                              Mqtt::QoS::AtLeastOnce);
        if (info.rc() != Mqtt::ErrorCode::NoError || !info.waitForPublish(10000)) {
            err << "Reading " << i << " was not published: " << Mqtt::errorString(info.error()) << Qt::endl;
            result = 1;
            break;
        }
        out << "Published " << temperature << " (mid " << info.mid() << ')' << Qt::endl;
    }

    worker.stop(); // disconnect() + loop_stop()
    return result;
}
