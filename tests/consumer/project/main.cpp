// Uses only installed headers: fails to compile if a public header includes a private one.
#include <MqttQt/mqttclient.h>

#include <QtCore/QCoreApplication>

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    MqttClient client(QStringLiteral("consumer"));
    const bool ok = Mqtt::topicMatchesSub(u"a/+", u"a/b")
            && client.publish(QStringLiteral("t"), QByteArray("x")).rc() == Mqtt::ErrorCode::NoConnection;
    return ok ? 0 : 1;
}
