// Copyright (C) 2026 The MqttQt authors.
// SPDX-License-Identifier: BSD-3-Clause
//
// qml-dashboard: a plant HMI in Qt Quick on the MqttQt QML module.
//   qml-dashboard [--host 127.0.0.1] [--port 1883] [--simulate] [--screenshot FILE]
// --simulate publishes made-up plant values through the dashboard's own client, so that a
// bare local mosquitto shows something; --screenshot saves the window once values are
// shown, then quits.
#include <QtCore/QCommandLineParser>
#include <QtCore/QDir>
#include <QtCore/QTimer>
#include <QtGui/QGuiApplication>
#include <QtGui/QImage>
#include <QtQml/QQmlApplicationEngine>
#include <QtQuick/QQuickWindow>

int main(int argc, char *argv[])
{
    QGuiApplication app(argc, argv);
    QGuiApplication::setApplicationName(QStringLiteral("qml-dashboard"));

    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("A plant dashboard on the MqttQt QML module"));
    parser.addHelpOption();
    const QCommandLineOption host(QStringLiteral("host"), QStringLiteral("Broker host (default 127.0.0.1)."),
                                  QStringLiteral("host"), QStringLiteral("127.0.0.1"));
    const QCommandLineOption port(QStringLiteral("port"), QStringLiteral("Broker port (default 1883)."),
                                  QStringLiteral("port"), QStringLiteral("1883"));
    const QCommandLineOption simulate(QStringLiteral("simulate"), QStringLiteral("Publish simulated plant values."));
    const QCommandLineOption screenshot(QStringLiteral("screenshot"),
                                        QStringLiteral("Save the window to <file> after 4 seconds and quit."),
                                        QStringLiteral("file"));
    parser.addOptions({ host, port, simulate, screenshot });
    parser.process(app);
    bool portOk = false;
    const int portNumber = parser.value(port).toInt(&portOk);
    if (!portOk || portNumber < 1 || portNumber > 65535) {
        fprintf(stderr, "qml-dashboard: --port must be 1..65535, not \"%s\"\n", qPrintable(parser.value(port)));
        return 2;
    }

    QQmlApplicationEngine engine;
#ifdef MQTTQT_QML_IMPORT_DIR
    if (QDir(QStringLiteral(MQTTQT_QML_IMPORT_DIR)).exists())
        engine.addImportPath(QStringLiteral(MQTTQT_QML_IMPORT_DIR));
#endif
    engine.setInitialProperties({
            { QStringLiteral("brokerHost"), parser.value(host) },
            { QStringLiteral("brokerPort"), portNumber },
            { QStringLiteral("simulate"), parser.isSet(simulate) },
    });
    QObject::connect(
            &engine, &QQmlApplicationEngine::objectCreationFailed, &app, [] { QCoreApplication::exit(1); },
            Qt::QueuedConnection);
    // qt_add_qml_module() puts the QML files under qrc:/<URI>/ (Qt 6.4 has no loadFromModule()).
    engine.load(QUrl(QStringLiteral("qrc:/Dashboard/Main.qml")));
    if (engine.rootObjects().isEmpty())
        return 1;

    if (parser.isSet(screenshot)) {
        const QString file = parser.value(screenshot);
        QTimer::singleShot(4000, &app, [&engine, file] {
            auto *window = qobject_cast<QQuickWindow *>(engine.rootObjects().constFirst());
            const QImage image = window ? window->grabWindow() : QImage();
            if (image.isNull() || !image.save(file)) {
                fprintf(stderr, "qml-dashboard: cannot save a screenshot to %s\n", qPrintable(file));
                QCoreApplication::exit(1);
                return;
            }
            QCoreApplication::quit();
        });
    }
    return app.exec();
}
