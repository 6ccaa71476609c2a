// Uses only installed headers, in the two spellings users may write: fails to compile if a
// public header includes a private one or a header is not installed.
#include <MqttQt/MqttClient>
#include <MqttQt/MqttQtCore>
#include <MqttQt/mqttclient.h>

#include <QtCore/QCoreApplication>

static_assert(MQTTQT_VERSION >= MQTTQT_VERSION_CHECK(0, 1, 0), "MQTTQT_VERSION is defined");

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    MqttClient client(QStringLiteral("consumer"));
    const bool ok = Mqtt::topicMatchesSub(u"a/+", u"a/b")
            && client.publish(QStringLiteral("t"), QByteArray("x")).rc() == Mqtt::ErrorCode::NoConnection
            && QString::fromLatin1(MQTTQT_VERSION_STR).startsWith(QLatin1Char('0'));
    return ok ? 0 : 1;
}
