// Uses MqttQt::Widgets through its installed headers only.
#include <MqttQt/MqttPayloadFormat>
#include <MqttQt/MqttPayloadView>
#include <MqttQt/MqttQtWidgets>
#include <MqttQt/mqttvalueextractor.h>

int main()
{
    const bool ok = MqttPayloadFormat::detect(QByteArray("{\"a\":18446744073709551615}")) == MqttPayloadFormat::Json
            && MqttPayloadFormat::prettyJson(QByteArray("[18446744073709551615]")).contains(QStringLiteral("18446744073709551615"))
            && MqttValueExtractor::number(QByteArray("{\"t\":2}"), QStringLiteral("t")).value_or(0) == 2;
    return ok ? 0 : 1;
}
