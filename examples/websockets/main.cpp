// Copyright (C) 2026 The MqttQt authors.
// SPDX-License-Identifier: BSD-3-Clause
//
// MQTT over WebSockets, as Paho's documentation shows it:
//
//   client = mqtt.Client(transport="websockets")
//   client.ws_set_options(path="/mqtt", headers={"X-Site": "plant-1"})
//   client.connect("broker", 80)
//
// ported to MqttClient::setTransport(Mqtt::Transport::WebSockets) and wsSetOptions(). With
// --cafile it is wss:// (tlsSet() applies to WebSockets as to TCP). The program subscribes
// to paho/ws, publishes one message there at QoS 1, prints it when it comes back, and
// disconnects.
//
//   websockets [--path PATH] [--header "Name: value"]... [--cafile FILE] [host] [port]
//
// The port defaults to 80, or 443 with --cafile.

#include <MqttQt/MqttClient>

#include <QtCore/QCommandLineParser>
#include <QtCore/QCoreApplication>
#include <QtCore/QTextStream>

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Publishes a message over WebSockets and prints it when it comes back."));
    parser.addHelpOption();
    parser.addPositionalArgument(QStringLiteral("host"), QStringLiteral("Broker host (default 127.0.0.1)."), QStringLiteral("[host]"));
    parser.addPositionalArgument(QStringLiteral("port"), QStringLiteral("Broker port (default 80, 443 with --cafile)."), QStringLiteral("[port]"));
    const QCommandLineOption pathOption(QStringLiteral("path"), QStringLiteral("HTTP request path (default /mqtt)."), QStringLiteral("path"), QStringLiteral("/mqtt"));
    const QCommandLineOption headerOption(QStringLiteral("header"), QStringLiteral("An extra HTTP header, \"Name: value\"."), QStringLiteral("header"));
    const QCommandLineOption caOption(QStringLiteral("cafile"), QStringLiteral("wss://, trusting these CA certificates (PEM)."), QStringLiteral("file"));
    parser.addOptions({ pathOption, headerOption, caOption });
    parser.process(app);
    QTextStream out(stdout);
    QTextStream err(stderr);
    const QStringList args = parser.positionalArguments();
    const bool secure = parser.isSet(caOption);
    bool ok = true;
    const int port = args.size() > 1 ? args.at(1).toInt(&ok) : (secure ? 443 : 80);
    MqttWebSocketOptions::Headers headers;
    for (const QString &header : parser.values(headerOption)) {
        const qsizetype colon = header.indexOf(QLatin1Char(':'));
        if (colon <= 0)
            ok = false;
        else
            headers.insert(header.left(colon).trimmed().toUtf8(), header.mid(colon + 1).trimmed().toUtf8());
    }
    if (args.size() > 2 || !ok || port < 1 || port > 65535) {
        err << "usage: websockets [--path PATH] [--header \"Name: value\"]... [--cafile FILE] [host] [port]\n";
        return 2;
    }
    const QString host = args.value(0, QStringLiteral("127.0.0.1"));
    const QString topic = QStringLiteral("paho/ws");

    MqttClient client;
    client.setTransport(Mqtt::Transport::WebSockets);
    // A path without a leading '/' or a header that cannot be sent is refused here.
    if (client.wsSetOptions(parser.value(pathOption), headers) != Mqtt::ErrorCode::NoError
        || (secure && client.tlsSet(parser.value(caOption)) != Mqtt::ErrorCode::NoError)) {
        err << client.errorString() << Qt::endl;
        return 1;
    }

    int status = 1;
    QObject::connect(&client, &MqttClient::connackReceived, [&](bool, Mqtt::ReasonCode reasonCode) {
        out << "Connected over " << (secure ? "wss" : "ws") << " with result code " << int(reasonCode) << Qt::endl;
        if (reasonCode == Mqtt::ReasonCode::Success)
            client.subscribe(topic, Mqtt::QoS::AtLeastOnce);
    });
    QObject::connect(&client, &MqttClient::subscribed, [&] {
        client.publish(topic, QByteArrayLiteral("hello over WebSockets"), Mqtt::QoS::AtLeastOnce);
    });
    QObject::connect(&client, &MqttClient::messageReceived, [&](const MqttMessage &message) {
        out << message.topic() << ' ' << QString::fromUtf8(message.payload()) << Qt::endl;
        status = 0;
        client.disconnectFromHost();
    });
    QObject::connect(&client, &MqttClient::errorOccurred, [&](Mqtt::ErrorCode, const QString &text) {
        err << text << Qt::endl;
    });
    // One attempt: loopForever() returns when it fails or the connection ends.
    client.setAutoReconnect(false);
    if (client.connectToHost(host, port) != Mqtt::ErrorCode::NoError) {
        err << client.errorString() << Qt::endl;
        return 1;
    }
    client.loopForever();
    return status;
}
