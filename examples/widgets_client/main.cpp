// Copyright (C) 2026 The MqttQt authors.
// SPDX-License-Identifier: BSD-3-Clause
//
// A small Qt Widgets MQTT client: the client lives in a worker thread, the window talks to
// it only through properties, slots called by name and queued signals, so the GUI thread
// does no network work. Run it against any broker:
//
//     widgets_client --host 127.0.0.1 --port 1883
//
// With --smoke it connects, subscribes, publishes through its own buttons, waits until the
// message shows in its list and exits (0 on success): the test runs it that way.
#include <MqttQt/MqttClient>

#include <QtCore/QCommandLineParser>
#include <QtCore/QThread>
#include <QtCore/QTimer>
#include <QtWidgets/QApplication>
#include <QtWidgets/QComboBox>
#include <QtWidgets/QFormLayout>
#include <QtWidgets/QHBoxLayout>
#include <QtWidgets/QLabel>
#include <QtWidgets/QLineEdit>
#include <QtWidgets/QListWidget>
#include <QtWidgets/QPushButton>
#include <QtWidgets/QSpinBox>
#include <QtWidgets/QStatusBar>
#include <QtWidgets/QMainWindow>
#include <QtWidgets/QVBoxLayout>

#include <cstdio>

class ClientWindow : public QMainWindow
{
public:
    explicit ClientWindow(MqttClient *client)
        : m_client(client)
    {
        setWindowTitle(tr("MqttQt Widgets client"));
        auto *central = new QWidget(this);
        auto *layout = new QVBoxLayout(central);

        auto *form = new QFormLayout;
        m_host = new QLineEdit(QStringLiteral("127.0.0.1"));
        m_port = new QSpinBox;
        m_port->setRange(1, 65535);
        m_port->setValue(1883);
        auto *server = new QHBoxLayout;
        server->addWidget(m_host, 1);
        server->addWidget(m_port);
        m_connect = new QPushButton(tr("Connect"));
        m_disconnect = new QPushButton(tr("Disconnect"));
        server->addWidget(m_connect);
        server->addWidget(m_disconnect);
        form->addRow(tr("Broker"), server);

        auto *subscribe = new QHBoxLayout;
        m_filter = new QLineEdit(QStringLiteral("mqttqt/example/#"));
        m_subscribe = new QPushButton(tr("Subscribe"));
        subscribe->addWidget(m_filter, 1);
        subscribe->addWidget(m_subscribe);
        form->addRow(tr("Filter"), subscribe);

        auto *publish = new QHBoxLayout;
        m_topic = new QLineEdit(QStringLiteral("mqttqt/example/hello"));
        m_payload = new QLineEdit(tr("Hello from Qt Widgets"));
        m_qos = new QComboBox;
        m_qos->addItems({ tr("QoS 0"), tr("QoS 1"), tr("QoS 2") });
        m_publish = new QPushButton(tr("Publish"));
        publish->addWidget(m_topic, 1);
        publish->addWidget(m_payload, 1);
        publish->addWidget(m_qos);
        publish->addWidget(m_publish);
        form->addRow(tr("Message"), publish);
        layout->addLayout(form);

        m_messages = new QListWidget;
        layout->addWidget(m_messages, 1);
        setCentralWidget(central);
        m_state = new QLabel;
        statusBar()->addWidget(m_state, 1);
        resize(760, 420);

        // The client is in another thread: options go in as properties and actions by name,
        // queued; nothing here waits for the network.
        connect(m_connect, &QPushButton::clicked, this, [this] {
            m_client->setProperty("host", m_host->text());
            m_client->setProperty("port", m_port->value());
            QMetaObject::invokeMethod(m_client, "connectToHost", Qt::QueuedConnection);
        });
        // A no-argument slot connects straight to a button.
        connect(m_disconnect, SIGNAL(clicked()), m_client, SLOT(disconnectFromHost()));
        connect(m_subscribe, &QPushButton::clicked, this, [this] {
            QMetaObject::invokeMethod(m_client, "subscribe", Qt::QueuedConnection, Q_ARG(QString, m_filter->text()),
                                      Q_ARG(Mqtt::QoS, Mqtt::QoS::AtLeastOnce));
        });
        connect(m_publish, &QPushButton::clicked, this, [this] {
            // publish() is safe from any thread and never blocks: it returns the mid at once.
            const MqttMessageInfo info = m_client->publish(m_topic->text(), m_payload->text(), Mqtt::QoS(m_qos->currentIndex()));
            if (info.rc() != Mqtt::ErrorCode::NoError)
                statusBar()->showMessage(tr("Not sent: %1").arg(Mqtt::errorString(info.rc())), 5000);
        });

        connect(m_client, &MqttClient::stateChanged, this, &ClientWindow::showState);
        connect(m_client, &MqttClient::errorOccurred, this, [this](Mqtt::ErrorCode, const QString &text) {
            statusBar()->showMessage(text, 8000);
        });
        connect(m_client, &MqttClient::subscribed, this, [this](int, const QList<Mqtt::ReasonCode> &codes) {
            const bool granted = !codes.isEmpty() && int(codes.first()) < 0x80;
            statusBar()->showMessage(granted ? tr("Subscribed") : tr("The broker refused the subscription"), 5000);
        });
        connect(m_client, &MqttClient::messageArrived, this, [this](const MqttMessage &m) {
            m_messages->addItem(QStringLiteral("%1  [QoS %2%3]  %4")
                                        .arg(m.topic())
                                        .arg(int(m.qos()))
                                        .arg(m.retain() ? tr(", retained") : QString())
                                        .arg(QString::fromUtf8(m.payload().left(200))));
            m_messages->scrollToBottom();
        });
        showState(Mqtt::ClientState::Disconnected);
    }

    void setServer(const QString &host, int port)
    {
        m_host->setText(host);
        m_port->setValue(port);
    }

    // --smoke: the buttons, in order, as a user would click them; with a screenshot path,
    // the window is saved there once the message shows.
    void runSmoke(const QString &screenshot)
    {
        auto *timeout = new QTimer(this);
        timeout->setSingleShot(true);
        connect(timeout, &QTimer::timeout, this, [] {
            std::fprintf(stderr, "widgets_client: no message within 10 s\n");
            QCoreApplication::exit(1);
        });
        timeout->start(10000);
        connect(m_client, &MqttClient::stateChanged, this, [this](Mqtt::ClientState s) {
            if (s == Mqtt::ClientState::Connected)
                m_subscribe->click();
        });
        connect(m_client, &MqttClient::subscribed, this, [this] { m_publish->click(); });
        connect(m_messages->model(), &QAbstractItemModel::rowsInserted, this, [this, screenshot] {
            std::printf("%s\n", qPrintable(m_messages->item(0)->text()));
            if (!screenshot.isEmpty() && !grab().save(screenshot)) {
                std::fprintf(stderr, "widgets_client: cannot write %s\n", qPrintable(screenshot));
                QCoreApplication::exit(2);
                return;
            }
            QCoreApplication::exit(0);
        });
        m_qos->setCurrentIndex(1);
        m_connect->click();
    }

private:
    void showState(Mqtt::ClientState state)
    {
        const bool connected = state == Mqtt::ClientState::Connected;
        m_connect->setEnabled(state == Mqtt::ClientState::Disconnected);
        m_disconnect->setEnabled(state != Mqtt::ClientState::Disconnected);
        m_subscribe->setEnabled(connected);
        m_publish->setEnabled(connected);
        switch (state) {
        case Mqtt::ClientState::Disconnected: m_state->setText(tr("Disconnected")); break;
        case Mqtt::ClientState::Connecting: m_state->setText(tr("Connecting...")); break;
        case Mqtt::ClientState::Connected: m_state->setText(tr("Connected")); break;
        case Mqtt::ClientState::Disconnecting: m_state->setText(tr("Disconnecting...")); break;
        case Mqtt::ClientState::WaitingToReconnect: m_state->setText(tr("Waiting to reconnect")); break;
        }
    }

    MqttClient *m_client;
    QLineEdit *m_host, *m_filter, *m_topic, *m_payload;
    QSpinBox *m_port;
    QComboBox *m_qos;
    QPushButton *m_connect, *m_disconnect, *m_subscribe, *m_publish;
    QListWidget *m_messages;
    QLabel *m_state;
};

int main(int argc, char **argv)
{
    QApplication app(argc, argv);
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("A small Qt Widgets MQTT client on MqttQt."));
    parser.addHelpOption();
    parser.addOption({ QStringLiteral("host"), QStringLiteral("Broker host."), QStringLiteral("host"), QStringLiteral("127.0.0.1") });
    parser.addOption({ QStringLiteral("port"), QStringLiteral("Broker port."), QStringLiteral("port"), QStringLiteral("1883") });
    parser.addOption({ QStringLiteral("smoke"), QStringLiteral("Connect, subscribe, publish, exit when the message arrives.") });
    parser.addOption({ QStringLiteral("screenshot"), QStringLiteral("With --smoke, save the window to <file> first."),
                       QStringLiteral("file") });
    parser.process(app);

    // Paho's loop_start(): the client in a worker thread, created without a parent.
    QThread network;
    auto *client = new MqttClient;
    client->moveToThread(&network);
    QObject::connect(&network, &QThread::finished, client, &QObject::deleteLater);
    network.start();

    int rc = 0;
    {
        ClientWindow window(client);
        window.setServer(parser.value(QStringLiteral("host")), parser.value(QStringLiteral("port")).toInt());
        window.show();
        if (parser.isSet(QStringLiteral("smoke")))
            QTimer::singleShot(0, &window, [&window, &parser] { window.runSmoke(parser.value(QStringLiteral("screenshot"))); });
        rc = app.exec();
    }
    network.quit();
    network.wait();
    return rc;
}
