// Loads the installed QML module as a QML application does: the import path points at the
// prefix's qml directory, and the plugin finds libMqttQt6Core through its own RUNPATH (this
// program does not link MqttQt).
#include <QtCore/QCoreApplication>
#include <QtQml/QQmlComponent>
#include <QtQml/QQmlEngine>

#include <cstdio>
#include <memory>

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    if (argc != 2) {
        std::fprintf(stderr, "usage: consumer_qml <qml import directory>\n");
        return 2;
    }
    QQmlEngine engine;
    engine.addImportPath(QString::fromLocal8Bit(argv[1]));
    QQmlComponent component(&engine);
    component.setData("import QtQml\n"
                      "import MqttQt\n"
                      "QtObject {\n"
                      "    property MqttClient client: MqttClient { host: \"127.0.0.1\"; protocolVersion: Mqtt.V5 }\n"
                      "    property int version: client.protocolVersion\n"
                      "    property int refused: client.publish(\"t\", \"x\", 0).rc\n"
                      "    property bool matches: MqttUtils.topicMatches(\"a/+\", \"a/b\")\n"
                      "}\n",
                      QUrl(QStringLiteral("consumer.qml")));
    std::unique_ptr<QObject> root(component.create());
    if (!root) {
        std::fprintf(stderr, "%s\n", qPrintable(component.errorString()));
        return 1;
    }
    const int version = root->property("version").toInt();
    const int refused = root->property("refused").toInt();
    const bool matches = root->property("matches").toBool();
    // Mqtt.V5 is 5; a QoS 0 publish while disconnected is refused (Mqtt.NoConnection).
    if (version != 5 || !matches || refused == 0) {
        std::fprintf(stderr, "unexpected: version %d, refused %d, matches %d\n", version, refused, int(matches));
        return 1;
    }
    std::printf("QML module loaded: MqttClient, Mqtt.V5 = %d, publish refused with %d\n", version, refused);
    return 0;
}
