// Copyright (C) 2026 The MqttQt authors.
// SPDX-License-Identifier: BSD-3-Clause
//
// A short tour of MqttQt against a private mosquitto broker on a free loopback port:
// connect with MQTT 5, subscribe, publish at QoS 0, 1 and 2, receive through a
// per-filter handler and the general signal, disconnect cleanly.

#include <MqttQt/MqttClient>

#include <QtCore/QCoreApplication>
#include <QtCore/QElapsedTimer>
#include <QtCore/QFile>
#include <QtCore/QThread>
#include <QtCore/QProcess>
#include <QtCore/QStandardPaths>
#include <QtCore/QTemporaryDir>
#include <QtCore/QTextStream>
#include <QtCore/QTimer>
#include <QtNetwork/QTcpServer>
#include <QtNetwork/QTcpSocket>

#include <cstdio>

namespace {

QTextStream &out()
{
    static QTextStream s(stdout);
    return s;
}

quint16 freeLoopbackPort()
{
    QTcpServer probe;
    if (!probe.listen(QHostAddress::LocalHost, 0))
        return 0;
    return probe.serverPort();
}

QString findMosquitto()
{
    QString exe = QStandardPaths::findExecutable(QStringLiteral("mosquitto"));
    if (exe.isEmpty())
        exe = QStandardPaths::findExecutable(QStringLiteral("mosquitto"), { QStringLiteral("/usr/sbin") });
    return exe;
}

bool waitForPort(quint16 port, int timeoutMs)
{
    QElapsedTimer t;
    t.start();
    while (t.elapsed() < timeoutMs) {
        QTcpSocket s;
        s.connectToHost(QHostAddress::LocalHost, port);
        if (s.waitForConnected(200))
            return true;
        QThread::msleep(50);
    }
    return false;
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);

    const QString mosquitto = findMosquitto();
    if (mosquitto.isEmpty()) {
        out() << "mosquitto was not found; install it with: apt-get install mosquitto\n";
        return 2;
    }
    QTemporaryDir dir;
    const quint16 port = freeLoopbackPort();
    QFile conf(dir.filePath(QStringLiteral("mosquitto.conf")));
    if (!dir.isValid() || port == 0 || !conf.open(QIODevice::WriteOnly)) {
        out() << "cannot prepare a private broker (temporary directory or free port)\n";
        return 2;
    }
    conf.write(QStringLiteral("listener %1 127.0.0.1\nallow_anonymous true\n").arg(port).toUtf8());
    conf.close();
    QProcess broker;
    broker.setProgram(mosquitto);
    broker.setArguments({ QStringLiteral("-c"), conf.fileName() });
    broker.setProcessChannelMode(QProcess::MergedChannels);
    broker.start();
    if (!broker.waitForStarted(5000) || !waitForPort(port, 5000)) {
        out() << "mosquitto did not start: " << broker.readAll() << "\n";
        return 2;
    }
    out() << "Started mosquitto on 127.0.0.1:" << port << "\n";

    MqttClient client(QStringLiteral("mqttqt-demo"));
    client.setProtocolVersion(Mqtt::ProtocolVersion::V5);
    int expected = 4, received = 0, exitCode = 1;

    QObject::connect(&client, &MqttClient::connackReceived,
                     [&](bool sessionPresent, Mqtt::ReasonCode rc, const MqttProperties &props) {
        out() << "CONNACK: " << Mqtt::reasonCodeString(rc) << ", session present " << sessionPresent
              << ", broker receive maximum "
              << props.integer(Mqtt::PropertyId::ReceiveMaximum).value_or(65535) << "\n";
        const MqttResult r = client.subscribe({ qMakePair(QStringLiteral("demo/#"), Mqtt::QoS::ExactlyOnce),
                                                qMakePair(QStringLiteral("$SYS/broker/version"), Mqtt::QoS::AtMostOnce) });
        out() << "SUBSCRIBE demo/# (QoS 2) and $SYS/broker/version: " << Mqtt::errorString(r.rc)
              << " mid " << r.mid << "\n";
    });
    QObject::connect(&client, &MqttClient::subscribed,
                     [&](int mid, const QList<Mqtt::ReasonCode> &codes, const MqttProperties &) {
        out() << "SUBACK mid " << mid << ": granted";
        for (auto c : codes)
            out() << " " << int(c);
        out() << "\n";
        MqttProperties props;
        props.addUserProperty(QStringLiteral("sender"), QStringLiteral("mqttqt-demo"));
        props.setString(Mqtt::PropertyId::ContentType, QStringLiteral("text/plain"));
        for (int q = 0; q <= 2; ++q) {
            const MqttMessageInfo info = client.publish(QStringLiteral("demo/qos%1").arg(q),
                                                        QStringLiteral("hello at QoS %1").arg(q),
                                                        Mqtt::QoS(q), false, props);
            out() << "PUBLISH demo/qos" << q << ": " << Mqtt::errorString(info.rc()) << " mid " << info.mid() << "\n";
        }
        client.publish(QStringLiteral("demo/sensors/temperature"), 21.5, Mqtt::QoS::AtLeastOnce);
    });
    QObject::connect(&client, &MqttClient::published, [&](int mid, Mqtt::ReasonCode rc, const MqttProperties &) {
        out() << "  published mid " << mid << " (" << Mqtt::reasonCodeString(rc) << ")\n";
    });
    auto onMessage = [&](const QString &via, const MqttMessage &m) {
        out() << "RECEIVED via " << via << ": " << m.topic() << " = \"" << QString::fromUtf8(m.payload())
              << "\" QoS " << int(m.qos());
        const auto user = m.properties().userProperties();
        if (!user.isEmpty())
            out() << " user property " << user.first().first << "=" << user.first().second;
        out() << "\n";
        if (m.topic().startsWith(QLatin1String("demo/")) && ++received == expected)
            client.disconnectFromHost();
    };
    client.messageCallbackAdd(QStringLiteral("demo/sensors/+"), &client,
                              [&](const MqttMessage &m) { onMessage(QStringLiteral("handler demo/sensors/+"), m); });
    QObject::connect(&client, &MqttClient::messageReceived,
                     [&](const MqttMessage &m) { onMessage(QStringLiteral("messageReceived"), m); });
    QObject::connect(&client, &MqttClient::disconnected,
                     [&](Mqtt::ErrorCode e, Mqtt::ReasonCode, const MqttProperties &) {
        out() << "DISCONNECTED: " << Mqtt::errorString(e) << "\n";
        exitCode = (e == Mqtt::ErrorCode::NoError && received == expected) ? 0 : 1;
        app.quit();
    });
    QObject::connect(&client, &MqttClient::errorOccurred, [&](Mqtt::ErrorCode, const QString &why) {
        out() << "ERROR: " << why << "\n";
    });

    client.connectToHost(QStringLiteral("127.0.0.1"), port);
    QTimer::singleShot(10000, &app, [&] {
        out() << "Timed out after 10 s with " << received << " of " << expected << " messages\n";
        app.exit(1);
    });
    app.exec();

    broker.terminate();
    broker.waitForFinished(3000);
    out() << (exitCode == 0 ? "Demo finished: all messages went round trip.\n" : "Demo FAILED.\n");
    out().flush();
    return exitCode;
}
