// Copyright (C) 2026 The MqttQt authors.
// SPDX-License-Identifier: BSD-3-Clause
//
// inspector_flood: publishes at a steady rate over many distinct topics, for the
// inspector benchmark (bench/inspector/run_inspector_bench.sh).
//
//   inspector_flood --port 1883 [--host 127.0.0.1] [--rate 20000] [--topics 50000]
//                   [--seconds 60] [--qos 0]
//
// Topics are bench/site-SS/line-LL/dev-DDD/metric-M (every combination counted up to
// --topics), visited round robin; payloads alternate between a plain number and a small
// JSON object (about 40 bytes). Pacing: every 2 ms it sends what the rate owes since the
// start, so short stalls are caught up. Prints the rate achieved.

#include <MqttQt/MqttClient>

#include <QtCore/QCommandLineParser>
#include <QtCore/QCoreApplication>
#include <QtCore/QElapsedTimer>
#include <QtCore/QTimer>

#include <cstdio>

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    const QCommandLineOption hostOption(QStringLiteral("host"), QStringLiteral("broker host"), QStringLiteral("host"),
                                        QStringLiteral("127.0.0.1"));
    const QCommandLineOption portOption(QStringLiteral("port"), QStringLiteral("broker port"), QStringLiteral("port"),
                                        QStringLiteral("1883"));
    const QCommandLineOption rateOption(QStringLiteral("rate"), QStringLiteral("messages per second"),
                                        QStringLiteral("n"), QStringLiteral("20000"));
    const QCommandLineOption topicsOption(QStringLiteral("topics"), QStringLiteral("distinct topics"),
                                          QStringLiteral("n"), QStringLiteral("50000"));
    const QCommandLineOption secondsOption(QStringLiteral("seconds"), QStringLiteral("duration"),
                                           QStringLiteral("s"), QStringLiteral("60"));
    const QCommandLineOption qosOption(QStringLiteral("qos"), QStringLiteral("QoS"), QStringLiteral("q"),
                                       QStringLiteral("0"));
    for (const auto &o : { hostOption, portOption, rateOption, topicsOption, secondsOption, qosOption })
        parser.addOption(o);
    parser.addHelpOption();
    parser.process(app);
    const double rate = parser.value(rateOption).toDouble();
    const int topicCount = parser.value(topicsOption).toInt();
    const qint64 durationMs = qint64(parser.value(secondsOption).toDouble() * 1000);
    const auto qos = Mqtt::QoS(parser.value(qosOption).toInt());

    QList<QString> topics;
    topics.reserve(topicCount);
    for (int i = 0; i < topicCount; ++i) {
        topics.append(QStringLiteral("bench/site-%1/line-%2/dev-%3/metric-%4")
                              .arg(i / 5000, 2, 10, QLatin1Char('0'))
                              .arg((i / 500) % 10, 2, 10, QLatin1Char('0'))
                              .arg((i / 10) % 50, 3, 10, QLatin1Char('0'))
                              .arg(i % 10));
    }

    MqttClient client(QStringLiteral("inspector-flood"));
    client.setProtocolVersion(Mqtt::ProtocolVersion::V5);
    client.setMaxInflightMessages(1000);
    if (client.connectToHost(parser.value(hostOption), parser.value(portOption).toInt()) != Mqtt::ErrorCode::NoError
        || !client.waitForConnected(10000)) {
        std::fprintf(stderr, "inspector_flood: cannot connect: %s\n", qPrintable(client.errorString()));
        return 2;
    }
    QElapsedTimer clock;
    clock.start();
    qint64 sent = 0;
    qint64 refused = 0;
    QTimer pacer;
    pacer.setTimerType(Qt::PreciseTimer);
    QObject::connect(&pacer, &QTimer::timeout, &app, [&] {
        const qint64 now = clock.elapsed();
        const qint64 due = qint64(rate * double(qMin(now, durationMs)) / 1000.0);
        while (sent < due) {
            const int i = int(sent % topicCount);
            QByteArray payload;
            if (sent & 1)
                payload = QByteArray::number(20.0 + double(sent % 1000) / 100.0, 'f', 2);
            else
                payload = "{\"v\":" + QByteArray::number(sent % 997) + ",\"t\":" + QByteArray::number(now) + '}';
            if (client.publish(topics.at(i), payload, qos).rc() != Mqtt::ErrorCode::NoError)
                ++refused;
            ++sent;
        }
        if (now >= durationMs) {
            pacer.stop();
            client.disconnectFromHost();
        }
    });
    QObject::connect(&client, &MqttClient::disconnected, &app, [&] { app.quit(); });
    pacer.start(2);
    app.exec();
    const double seconds = clock.elapsed() / 1000.0;
    std::printf("inspector_flood: %lld messages over %d topics in %.1f s (%.0f msg/s), %lld refused\n",
                static_cast<long long>(sent), topicCount, seconds, double(sent) / seconds, static_cast<long long>(refused));
    return refused == 0 ? 0 : 1;
}
