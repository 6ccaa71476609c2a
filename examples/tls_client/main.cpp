// Copyright (C) 2026 The MqttQt authors.
// SPDX-License-Identifier: BSD-3-Clause
//
// MQTT over TLS, as Paho's documentation shows it (tls_set() before connect()):
//
//   client.tls_set(ca_certs="ca.crt", certfile=None, keyfile=None)
//   client.connect("broker", 8883)
//
// ported to MqttClient::tlsSet(). The program subscribes to paho/tls, publishes one
// message there at QoS 1, prints it when it comes back, and disconnects.
//
//   tls_client [--cafile FILE] [--cert FILE --key FILE] [--insecure] [host] [port]
//
// Without --cafile the system's CA certificates are trusted. The broker's certificate must
// name the host (127.0.0.1 or localhost by default) unless --insecure is given. A
// certificate that does not verify ends the program with the reason and exit status 1.

#include <MqttQt/MqttClient>

#include <QtCore/QCommandLineParser>
#include <QtCore/QCoreApplication>
#include <QtCore/QTextStream>

int main(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Publishes a message over TLS and prints it when it comes back."));
    parser.addHelpOption();
    parser.addPositionalArgument(QStringLiteral("host"), QStringLiteral("Broker host (default 127.0.0.1)."), QStringLiteral("[host]"));
    parser.addPositionalArgument(QStringLiteral("port"), QStringLiteral("Broker port (default 8883)."), QStringLiteral("[port]"));
    const QCommandLineOption caOption(QStringLiteral("cafile"), QStringLiteral("CA certificates (PEM) to trust."), QStringLiteral("file"));
    const QCommandLineOption certOption(QStringLiteral("cert"), QStringLiteral("Client certificate (PEM), for mutual TLS."), QStringLiteral("file"));
    const QCommandLineOption keyOption(QStringLiteral("key"), QStringLiteral("Client private key (PEM)."), QStringLiteral("file"));
    const QCommandLineOption insecureOption(QStringLiteral("insecure"), QStringLiteral("Do not check that the certificate names the host."));
    parser.addOptions({ caOption, certOption, keyOption, insecureOption });
    parser.process(app);
    QTextStream out(stdout);
    QTextStream err(stderr);
    const QStringList args = parser.positionalArguments();
    bool ok = true;
    const int port = args.size() > 1 ? args.at(1).toInt(&ok) : 8883;
    if (args.size() > 2 || !ok || port < 1 || port > 65535 || parser.isSet(certOption) != parser.isSet(keyOption)) {
        err << "usage: tls_client [--cafile FILE] [--cert FILE --key FILE] [--insecure] [host] [port]\n";
        return 2;
    }
    const QString host = args.value(0, QStringLiteral("127.0.0.1"));
    const QString topic = QStringLiteral("paho/tls");

    MqttClient client;
    // Files are read here: a missing or unreadable one is refused now, naming it.
    if (client.tlsSet(parser.value(caOption), parser.value(certOption), parser.value(keyOption)) != Mqtt::ErrorCode::NoError) {
        err << client.errorString() << Qt::endl;
        return 1;
    }
    if (parser.isSet(insecureOption))
        client.tlsInsecureSet(true);

    int status = 1;
    QObject::connect(&client, &MqttClient::connackReceived, [&](bool, Mqtt::ReasonCode reasonCode) {
        out << "Connected over TLS with result code " << int(reasonCode) << Qt::endl;
        if (reasonCode == Mqtt::ReasonCode::Success)
            client.subscribe(topic, Mqtt::QoS::AtLeastOnce);
    });
    QObject::connect(&client, &MqttClient::subscribed, [&] {
        client.publish(topic, QByteArrayLiteral("hello over TLS"), Mqtt::QoS::AtLeastOnce);
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
