// Copyright (C) 2026 The MqttQt authors.
// SPDX-License-Identifier: BSD-3-Clause
//
// mqtt-inspector-demo: what `bash scripts/bootstrap.sh run` starts. A private mosquitto on
// a free loopback port, a publisher feeding realistic topics (numbers, JSON with MQTT 5
// properties, images, binary data, retained state, a few hundred busy sensors), and
// mqtt-inspector connected to it. Ends when the inspector's window is closed.

#include <MqttQt/MqttClient>

#include <QtCore/QBuffer>
#include <QtCore/QCoreApplication>
#include <QtCore/QDateTime>
#include <QtCore/QDir>
#include <QtCore/QElapsedTimer>
#include <QtCore/QFile>
#include <QtCore/QFileInfo>
#include <QtCore/QProcess>
#include <QtCore/QRandomGenerator>
#include <QtCore/QStandardPaths>
#include <QtCore/QTemporaryDir>
#include <QtCore/QThread>
#include <QtCore/QTimer>
#include <QtGui/QImage>
#include <QtGui/QLinearGradient>
#include <QtGui/QPainter>
#include <QtNetwork/QTcpServer>
#include <QtNetwork/QTcpSocket>

#include <cmath>
#include <cstdio>

namespace {

void say(const QString &text)
{
    std::fprintf(stderr, "%s\n", qPrintable(text));
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

QString findInspector()
{
    const QString besideMe = QCoreApplication::applicationDirPath() + QStringLiteral("/mqtt-inspector");
    if (QFileInfo(besideMe).isExecutable())
        return besideMe;
    const QString built = QStringLiteral(MQTT_INSPECTOR_BUILD_PATH);
    if (QFileInfo(built).isExecutable())
        return built;
    return QStandardPaths::findExecutable(QStringLiteral("mqtt-inspector"));
}

// A "camera" picture that changes with time: sky, sun and a house, drawn without fonts.
QByteArray snapshotPng(int frame)
{
    QImage image(320, 200, QImage::Format_RGB32);
    QPainter p(&image);
    p.setRenderHint(QPainter::Antialiasing);
    const double daylight = 0.5 + 0.5 * std::sin(frame / 6.0);
    QLinearGradient sky(0, 0, 0, 200);
    sky.setColorAt(0, QColor::fromHsvF(0.58, 0.6, 0.35 + 0.6 * daylight));
    sky.setColorAt(1, QColor::fromHsvF(0.1, 0.3, 0.4 + 0.5 * daylight));
    p.fillRect(image.rect(), sky);
    p.setBrush(QColor(255, 210, 80));
    p.setPen(Qt::NoPen);
    p.drawEllipse(QPointF(40 + (frame * 9) % 240, 60 - 30 * daylight), 18, 18);
    p.setBrush(QColor(60, 120, 60));
    p.drawRect(0, 160, 320, 40);
    p.setBrush(QColor(180, 80, 60));
    p.drawRect(150, 110, 90, 60);
    p.setBrush(QColor(120, 50, 40));
    p.drawPolygon(QPolygonF({ QPointF(140, 112), QPointF(195, 70), QPointF(250, 112) }));
    p.setBrush(frame % 4 == 0 ? QColor(255, 240, 150) : QColor(70, 90, 120));
    p.drawRect(165, 125, 20, 18);
    p.end();
    QByteArray png;
    QBuffer buffer(&png);
    buffer.open(QIODevice::WriteOnly);
    image.save(&buffer, "PNG");
    return png;
}

QByteArray logoSvg()
{
    return QByteArrayLiteral(
            "<svg xmlns='http://www.w3.org/2000/svg' width='160' height='80' viewBox='0 0 160 80'>"
            "<rect width='160' height='80' rx='10' fill='#17508f'/>"
            "<circle cx='40' cy='40' r='22' fill='none' stroke='#ffd54a' stroke-width='6'/>"
            "<path d='M70 25h70M70 40h50M70 55h60' stroke='#ffffff' stroke-width='6' stroke-linecap='round'/>"
            "</svg>");
}

MqttProperties jsonProperties(const QString &unit)
{
    MqttProperties p;
    p.setString(Mqtt::PropertyId::ContentType, QStringLiteral("application/json"));
    p.setInteger(Mqtt::PropertyId::PayloadFormatIndicator, 1);
    p.setInteger(Mqtt::PropertyId::MessageExpiryInterval, 300);
    if (!unit.isEmpty())
        p.addUserProperty(QStringLiteral("unit"), unit);
    p.addUserProperty(QStringLiteral("source"), QStringLiteral("mqtt-inspector-demo"));
    return p;
}

// Publishes the demo topics on timers. Numbers move smoothly with a little noise, so
// charts and diffs have something to show.
class DemoPublisher
{
public:
    explicit DemoPublisher(MqttClient *client) : m_client(client) {}

    void start(QObject *context)
    {
        retainedState();
        auto every = [context](int msecs, std::function<void()> f) {
            auto *t = new QTimer(context);
            QObject::connect(t, &QTimer::timeout, context, std::move(f));
            t->start(msecs);
        };
        every(1000, [this] { plant(); });
        every(2000, [this] { climate(); });
        every(1000, [this] { devices(); });
        every(1000, [this] { fleet(); });
        every(5000, [this] { camera(); });
        every(3000, [this] { raw(); });
        every(7000, [this] { light(); });
        every(15000, [this] { request(); });
        every(50, [this] { load(); });
        plant();
        climate();
        camera();
        raw();
    }

private:
    double wave(double period, double amplitude, double phase = 0)
    {
        const double t = QDateTime::currentMSecsSinceEpoch() / 1000.0;
        return amplitude * std::sin(2 * M_PI * t / period + phase);
    }
    double noise(double amplitude) { return (QRandomGenerator::global()->generateDouble() - 0.5) * 2 * amplitude; }
    void send(const QString &topic, const QByteArray &payload, bool retain = false,
              const MqttProperties &properties = {}, Mqtt::QoS qos = Mqtt::QoS::AtMostOnce)
    {
        m_client->publish(topic, payload, qos, retain, properties);
    }

    void retainedState()
    {
        const QStringList rooms = { QStringLiteral("livingroom"), QStringLiteral("kitchen"), QStringLiteral("bedroom"),
                                    QStringLiteral("office") };
        const double setpoints[] = { 21.5, 20, 18.5, 21 };
        for (int i = 0; i < rooms.size(); ++i)
            send(QStringLiteral("demo/home/%1/thermostat/setpoint").arg(rooms.at(i)), QByteArray::number(setpoints[i]), true);
        for (int i = 1; i <= 12; ++i) {
            const QString id = QStringLiteral("sensor-%1").arg(i, 2, 10, QLatin1Char('0'));
            send(QStringLiteral("demo/devices/%1/status").arg(id),
                 QStringLiteral(R"({"online":true,"firmware":"2.%1.0","rssi":%2,"ip":"10.0.0.%3"})")
                         .arg(i % 4).arg(-48 - i * 3).arg(20 + i).toUtf8(),
                 true, jsonProperties(QString()), Mqtt::QoS::AtLeastOnce);
        }
        send(QStringLiteral("demo/logo"), logoSvg(), true, [] {
            MqttProperties p;
            p.setString(Mqtt::PropertyId::ContentType, QStringLiteral("image/svg+xml"));
            return p;
        }());
        send(QStringLiteral("demo/plant/line1/status"),
             QByteArrayLiteral(R"({"state":"running","since":"2026-12-01T06:00:00Z","shift":"early","operator":"A. Chen","orders":[4711,4712]})"),
             true, jsonProperties(QString()), Mqtt::QoS::AtLeastOnce);
    }
    void plant()
    {
        send(QStringLiteral("demo/plant/line1/temperature"),
             QByteArray::number(72.5 + wave(60, 3.5) + noise(0.3), 'f', 2));
        send(QStringLiteral("demo/plant/line1/pressure"), QByteArray::number(4.2 + wave(45, 0.4, 1) + noise(0.05), 'f', 3));
        send(QStringLiteral("demo/plant/line1/throughput"), QByteArray::number(int(118 + wave(90, 12) + noise(4))));
        ++m_plantTicks;
        if (m_plantTicks % 30 == 0) {
            static const char *states[] = { "running", "running", "maintenance", "running" };
            const char *state = states[(m_plantTicks / 30) % 4];
            send(QStringLiteral("demo/plant/line1/status"),
                 QStringLiteral(R"({"state":"%1","since":"%2","shift":"early","operator":"A. Chen","orders":[4711,4712]})")
                         .arg(QString::fromLatin1(state), QDateTime::currentDateTimeUtc().toString(Qt::ISODate)).toUtf8(),
                 true, jsonProperties(QString()), Mqtt::QoS::AtLeastOnce);
        }
    }
    void climate()
    {
        const QString json = QStringLiteral(
                R"({"temperature":%1,"humidity":%2,"co2":%3,"battery":%4,"sensorId":9007199254740993,"ts":%5})")
                                     .arg(21.0 + wave(120, 1.2) + noise(0.1), 0, 'f', 2)
                                     .arg(44.0 + wave(200, 4, 2) + noise(0.4), 0, 'f', 1)
                                     .arg(int(600 + wave(300, 150, 1) + noise(10)))
                                     .arg(0.87, 0, 'f', 2)
                                     .arg(QDateTime::currentMSecsSinceEpoch());
        send(QStringLiteral("demo/home/livingroom/climate"), json.toUtf8(), false, jsonProperties(QStringLiteral("°C")));
        send(QStringLiteral("demo/home/kitchen/climate"),
             QStringLiteral(R"({"temperature":%1,"humidity":%2})")
                     .arg(22.5 + wave(150, 1.5, 2) + noise(0.1), 0, 'f', 2)
                     .arg(52.0 + wave(180, 6) + noise(0.5), 0, 'f', 1)
                     .toUtf8(),
             false, jsonProperties(QStringLiteral("°C")));
    }
    void devices()
    {
        ++m_deviceTicks;
        for (int i = 1; i <= 12; ++i) {
            const QString id = QStringLiteral("sensor-%1").arg(i, 2, 10, QLatin1Char('0'));
            const QString json = QStringLiteral(R"({"cpu":%1,"memory":{"used":%2,"total":262144},"temps":[%3,%4],"uptime":%5})")
                                         .arg(20 + wave(30 + i, 15, i) + noise(3), 0, 'f', 1)
                                         .arg(int(120000 + wave(80, 20000, i)))
                                         .arg(41 + wave(50, 4, i), 0, 'f', 1)
                                         .arg(39 + wave(70, 3, i), 0, 'f', 1)
                                         .arg(86400 + m_deviceTicks);
            send(QStringLiteral("demo/devices/%1/telemetry").arg(id), json.toUtf8());
        }
        if (m_deviceTicks % 20 == 0) {
            const int i = int(m_deviceTicks / 20 % 12) + 1;
            const bool online = (m_deviceTicks / 20) % 2 == 0;
            send(QStringLiteral("demo/devices/sensor-%1/status").arg(i, 2, 10, QLatin1Char('0')),
                 QStringLiteral(R"({"online":%1,"firmware":"2.%2.0","rssi":%3,"ip":"10.0.0.%4"})")
                         .arg(online ? QStringLiteral("true") : QStringLiteral("false"))
                         .arg(i % 4).arg(-48 - i * 3).arg(20 + i).toUtf8(),
                 true, jsonProperties(QString()), Mqtt::QoS::AtLeastOnce);
        }
    }
    void fleet()
    {
        for (int i = 1; i <= 8; ++i) {
            const double angle = QDateTime::currentMSecsSinceEpoch() / 60000.0 + i;
            const QString json = QStringLiteral(R"({"lat":%1,"lon":%2,"speed":%3,"heading":%4})")
                                         .arg(52.52 + 0.05 * std::cos(angle) + i * 0.01, 0, 'f', 5)
                                         .arg(13.40 + 0.08 * std::sin(angle) - i * 0.01, 0, 'f', 5)
                                         .arg(50 + wave(40, 25, i) + noise(2), 0, 'f', 1)
                                         .arg(int(std::fmod(angle * 57.3, 360)));
            send(QStringLiteral("demo/fleet/truck-%1/gps").arg(i, 2, 10, QLatin1Char('0')), json.toUtf8());
        }
    }
    void camera()
    {
        MqttProperties p;
        p.setString(Mqtt::PropertyId::ContentType, QStringLiteral("image/png"));
        send(QStringLiteral("demo/camera/frontdoor/snapshot"), snapshotPng(m_frame++), true, p);
    }
    void raw()
    {
        QByteArray registers;
        for (int r = 0; r < 24; ++r) {
            const quint16 v = quint16(1000 + r * 37 + int(wave(20, 50, r)));
            registers.append(char(v >> 8)).append(char(v & 0xFF));
        }
        MqttProperties p;
        p.setString(Mqtt::PropertyId::ContentType, QStringLiteral("application/octet-stream"));
        send(QStringLiteral("demo/plant/line1/modbus/holding-registers"), registers, false, p);
    }
    void light()
    {
        m_lightOn = !m_lightOn;
        send(QStringLiteral("demo/home/kitchen/light"), m_lightOn ? QByteArray("on") : QByteArray("off"), true);
    }
    void request()
    {
        MqttProperties p;
        p.setString(Mqtt::PropertyId::ResponseTopic, QStringLiteral("demo/responses/inspector"));
        p.setBinary(Mqtt::PropertyId::CorrelationData, QByteArray::number(++m_requests).prepend("req-"));
        p.setString(Mqtt::PropertyId::ContentType, QStringLiteral("application/json"));
        send(QStringLiteral("demo/requests/firmware-check"),
             QStringLiteral(R"({"devices":["sensor-01","sensor-07"],"channel":"stable","request":%1})").arg(m_requests).toUtf8(),
             false, p, Mqtt::QoS::AtLeastOnce);
    }
    void load()
    {
        // 200 busy sensors, 10 messages every 50 ms: the counters and rates move.
        for (int k = 0; k < 10; ++k) {
            const int n = m_loadIndex++ % 200;
            send(QStringLiteral("demo/load/zone-%1/sensor-%2").arg(n / 20).arg(n, 3, 10, QLatin1Char('0')),
                 QByteArray::number(20 + wave(30, 5, n) + noise(0.5), 'f', 2));
        }
    }

    MqttClient *m_client;
    qint64 m_plantTicks = 0;
    qint64 m_deviceTicks = 0;
    int m_frame = 0;
    int m_requests = 0;
    int m_loadIndex = 0;
    bool m_lightOn = false;
};

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const bool display = !qEnvironmentVariableIsEmpty("DISPLAY") || !qEnvironmentVariableIsEmpty("WAYLAND_DISPLAY")
            || !qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM");
    if (!display) {
        say(QStringLiteral(
                "mqtt-inspector-demo: no display is available ($DISPLAY and $WAYLAND_DISPLAY are not set), so the\n"
                "inspector's window cannot open. Options:\n"
                "  - run it in a desktop session;\n"
                "  - on a headless machine, with a virtual display: xvfb-run -a bash scripts/bootstrap.sh run\n"
                "    (add --screenshot /tmp/inspector.png --quit-after 15 after 'run' to get a picture);\n"
                "  - the console demo needs no display: bash scripts/bootstrap.sh demo"));
        return 3;
    }
    const QString inspector = findInspector();
    if (inspector.isEmpty()) {
        say(QStringLiteral("mqtt-inspector-demo: mqtt-inspector was not found next to this program or on PATH."));
        return 2;
    }
    const QString mosquitto = findMosquitto();
    if (mosquitto.isEmpty()) {
        say(QStringLiteral("mqtt-inspector-demo: mosquitto was not found; install it with: apt-get install mosquitto"));
        return 2;
    }
    QTemporaryDir dir;
    const quint16 port = freeLoopbackPort();
    QFile conf(dir.filePath(QStringLiteral("mosquitto.conf")));
    if (!dir.isValid() || port == 0 || !conf.open(QIODevice::WriteOnly)) {
        say(QStringLiteral("mqtt-inspector-demo: cannot prepare a private broker (temporary directory or free port)"));
        return 2;
    }
    conf.write(QStringLiteral("listener %1 127.0.0.1\nallow_anonymous true\nmax_queued_messages 100000\n").arg(port).toUtf8());
    conf.close();
    QProcess broker;
    broker.setProgram(mosquitto);
    broker.setArguments({ QStringLiteral("-c"), conf.fileName() });
    broker.setProcessChannelMode(QProcess::MergedChannels);
    broker.start();
    if (!broker.waitForStarted(5000) || !waitForPort(port, 5000)) {
        say(QStringLiteral("mqtt-inspector-demo: mosquitto did not start: ") + QString::fromLocal8Bit(broker.readAll()));
        return 2;
    }
    say(QStringLiteral("Private mosquitto on 127.0.0.1:%1; publishing demo/...; starting mqtt-inspector.").arg(port));

    MqttClient client(QStringLiteral("mqtt-inspector-demo-publisher"));
    client.setProtocolVersion(Mqtt::ProtocolVersion::V5);
    client.setMaxInflightMessages(100);
    DemoPublisher publisher(&client);
    bool started = false;
    QObject::connect(&client, &MqttClient::connackReceived, &app, [&](bool, Mqtt::ReasonCode rc, const MqttProperties &) {
        if (rc == Mqtt::ReasonCode::Success && !started) {
            started = true;
            publisher.start(&app);
        }
    });
    QObject::connect(&client, &MqttClient::errorOccurred, &app, [](Mqtt::ErrorCode, const QString &why) {
        say(QStringLiteral("demo publisher: ") + why);
    });
    client.connectToHost(QStringLiteral("127.0.0.1"), port);
    client.waitForConnected(5000);

    QProcess window;
    window.setProgram(inspector);
    QStringList arguments = { QStringLiteral("--connect"), QStringLiteral("mqtt://127.0.0.1:%1").arg(port),
                              QStringLiteral("--profile-name"), QStringLiteral("Demo broker"),
                              QStringLiteral("--select"), QStringLiteral("demo/home/livingroom/climate") };
    arguments += app.arguments().mid(1); // e.g. --screenshot FILE --quit-after 20 --lang zh_CN
    window.setArguments(arguments);
    window.setProcessChannelMode(QProcess::ForwardedChannels);
    int exitCode = 0;
    QObject::connect(&window, &QProcess::finished, &app, [&](int code, QProcess::ExitStatus status) {
        exitCode = status == QProcess::NormalExit ? code : 1;
        app.quit();
    });
    QObject::connect(&window, &QProcess::errorOccurred, &app, [&](QProcess::ProcessError error) {
        if (error == QProcess::FailedToStart) {
            say(QStringLiteral("mqtt-inspector-demo: cannot start %1: %2").arg(inspector, window.errorString()));
            exitCode = 2;
            app.quit();
        }
    });
    window.start();
    app.exec();

    client.disconnectFromHost();
    client.waitForDisconnected(1000);
    broker.terminate();
    broker.waitForFinished(3000);
    return exitCode;
}
