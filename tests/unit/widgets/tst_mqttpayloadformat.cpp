// Copyright (C) 2026 The MqttQt authors.
// SPDX-License-Identifier: BSD-3-Clause
#include <MqttQt/MqttPayloadFormat>

#include <QtCore/QBuffer>
#include <QtGui/QImage>
#include <QtTest/QtTest>

class tst_MqttPayloadFormat : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void detectChoosesTheKind_data();
    void detectChoosesTheKind();
    void payloadFormatIndicatorKeepsUtf8AsText();
    void prettyJsonKeepsNumbersExactly_data();
    void prettyJsonKeepsNumbersExactly();
    void prettyJsonRefusesInvalidJson_data();
    void prettyJsonRefusesInvalidJson();
    void prettyJsonShortensOnlyVisibly();
    void prettyJsonSurvivesDeepNesting();
    void hexDumpLayout();
    void hexDumpLimit();
};

static QByteArray png()
{
    QImage image(4, 3, QImage::Format_RGB32);
    image.fill(Qt::red);
    QByteArray bytes;
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::WriteOnly);
    image.save(&buffer, "PNG");
    return bytes;
}

// The smallest GIF: 1x1, one transparent pixel (GIF89a, from the format's specification).
static QByteArray gif()
{
    return QByteArray::fromHex("47494638396101000100800000000000ffffff21f90401000000002c00000000010001000002024401003b");
}

void tst_MqttPayloadFormat::detectChoosesTheKind_data()
{
    QTest::addColumn<QByteArray>("payload");
    QTest::addColumn<QString>("contentType");
    QTest::addColumn<MqttPayloadFormat::Kind>("kind");
    using K = MqttPayloadFormat;
    const QString none;
    QTest::newRow("empty") << QByteArray() << none << K::Empty;
    QTest::newRow("number is text") << QByteArray("21.5") << none << K::Text;
    QTest::newRow("plain text") << QByteArray("on") << none << K::Text;
    QTest::newRow("utf-8 text") << QByteArray("Küche 21 °C") << none << K::Text;
    QTest::newRow("json object") << QByteArray(R"({"t": 21.5})") << none << K::Json;
    QTest::newRow("json array") << QByteArray(" [1, 2, 3]\n") << none << K::Json;
    QTest::newRow("json with BOM") << QByteArray("\xEF\xBB\xBF{\"a\":1}") << none << K::Json;
    QTest::newRow("broken json is text") << QByteArray(R"({"t": 21.5)") << none << K::Text;
    QTest::newRow("json string alone is text") << QByteArray(R"("x")") << none << K::Text;
    QTest::newRow("binary") << QByteArray("\x00\x01\x02\xff", 4) << none << K::Binary;
    QTest::newRow("invalid utf-8") << QByteArray("abc\xc3") << none << K::Binary;
    QTest::newRow("many controls") << QByteArray("\x01\x02\x03\x04 text") << none << K::Binary;
    QTest::newRow("png") << png() << none << K::Image;
    QTest::newRow("gif") << gif() << none << K::Image;
    QTest::newRow("jpeg signature") << QByteArray("\xff\xd8\xff\xe0\x00\x10JFIF", 10) << none << K::Image;
    QTest::newRow("svg") << QByteArray("<svg xmlns='http://www.w3.org/2000/svg'/>") << none << K::Image;
    QTest::newRow("svg after xml declaration") << QByteArray("<?xml version='1.0'?>\n<!-- c -->\n<svg/>") << none << K::Image;
    QTest::newRow("xml that is not svg") << QByteArray("<?xml version='1.0'?><a/>") << none << K::Text;
    QTest::newRow("content type json") << QByteArray(R"("just a string")") << QStringLiteral("application/json") << K::Json;
    QTest::newRow("content type json with charset") << QByteArray("[]") << QStringLiteral("Application/JSON; charset=utf-8") << K::Json;
    QTest::newRow("content type +json") << QByteArray("1") << QStringLiteral("application/vnd.x+json") << K::Json;
    QTest::newRow("content type json but broken") << QByteArray("{nope") << QStringLiteral("application/json") << K::Text;
    QTest::newRow("content type text on json") << QByteArray(R"({"a":1})") << QStringLiteral("text/plain") << K::Text;
    QTest::newRow("content type text on binary") << QByteArray("\x00\x01", 2) << QStringLiteral("text/plain") << K::Binary;
    QTest::newRow("content type octet-stream on text") << QByteArray("hello") << QStringLiteral("application/octet-stream") << K::Binary;
    QTest::newRow("content type image on text") << QByteArray("not an image") << QStringLiteral("image/png") << K::Text;
    QTest::newRow("content type image") << png() << QStringLiteral("image/png") << K::Image;
    QTest::newRow("unknown content type sniffs") << QByteArray("{\"a\":1}") << QStringLiteral("x-custom/thing") << K::Json;
}

void tst_MqttPayloadFormat::detectChoosesTheKind()
{
    QFETCH(QByteArray, payload);
    QFETCH(QString, contentType);
    QFETCH(MqttPayloadFormat::Kind, kind);
    QCOMPARE(MqttPayloadFormat::detect(payload, contentType), kind);
}

void tst_MqttPayloadFormat::payloadFormatIndicatorKeepsUtf8AsText()
{
    const QByteArray controls("\x01\x02\x03 escape-heavy text");
    QCOMPARE(MqttPayloadFormat::detect(controls), MqttPayloadFormat::Binary);
    MqttProperties properties;
    QVERIFY(properties.setInteger(Mqtt::PropertyId::PayloadFormatIndicator, 1));
    QCOMPARE(MqttPayloadFormat::detect(controls, properties), MqttPayloadFormat::Text);
    QVERIFY(properties.setString(Mqtt::PropertyId::ContentType, QStringLiteral("application/json")));
    QCOMPARE(MqttPayloadFormat::detect(QByteArray("[1]"), properties), MqttPayloadFormat::Json);
    // The indicator never turns bytes that are not UTF-8 into text.
    QCOMPARE(MqttPayloadFormat::detect(QByteArray("\xff\xfe", 2), properties), MqttPayloadFormat::Binary);
}

void tst_MqttPayloadFormat::prettyJsonKeepsNumbersExactly_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<QString>("pretty");
    QTest::newRow("uint64 max") << QByteArray(R"({"id":18446744073709551615})")
                                << QStringLiteral("{\n  \"id\": 18446744073709551615\n}");
    QTest::newRow("int64 min") << QByteArray(R"([-9223372036854775808])")
                               << QStringLiteral("[\n  -9223372036854775808\n]");
    QTest::newRow("beyond 2^53") << QByteArray(R"({"a":9007199254740993})")
                                 << QStringLiteral("{\n  \"a\": 9007199254740993\n}");
    QTest::newRow("huge integer") << QByteArray("123456789012345678901234567890")
                                  << QStringLiteral("123456789012345678901234567890");
    QTest::newRow("trailing zero") << QByteArray(R"({"v":0.10,"e":1E+400})")
                                   << QStringLiteral("{\n  \"v\": 0.10,\n  \"e\": 1E+400\n}");
    QTest::newRow("escapes kept") << QByteArray(R"({"s":"a\"b\u00e9\n"})")
                                  << QStringLiteral("{\n  \"s\": \"a\\\"b\\u00e9\\n\"\n}");
    QTest::newRow("nested and empty") << QByteArray(R"({"a":{},"b":[],"c":[{"d":null,"e":true}]})")
                                      << QStringLiteral("{\n  \"a\": {},\n  \"b\": [],\n  \"c\": [\n    {\n"
                                                        "      \"d\": null,\n      \"e\": true\n    }\n  ]\n}");
    QTest::newRow("unicode") << QByteArray("{\"温度\":\"高\"}") << QStringLiteral("{\n  \"温度\": \"高\"\n}");
}

void tst_MqttPayloadFormat::prettyJsonKeepsNumbersExactly()
{
    QFETCH(QByteArray, json);
    QFETCH(QString, pretty);
    QString error;
    QCOMPARE(MqttPayloadFormat::prettyJson(json, &error), pretty);
    QVERIFY(error.isEmpty());
    QVERIFY(MqttPayloadFormat::isJson(json));
}

void tst_MqttPayloadFormat::prettyJsonRefusesInvalidJson_data()
{
    QTest::addColumn<QByteArray>("json");
    QTest::addColumn<QString>("reason");
    QTest::newRow("empty") << QByteArray("") << QStringLiteral("empty");
    QTest::newRow("unterminated object") << QByteArray(R"({"a":1)") << QStringLiteral("'}'");
    QTest::newRow("trailing comma") << QByteArray(R"([1,])") << QStringLiteral("JSON value expected");
    QTest::newRow("leading zero") << QByteArray("[01]") << QStringLiteral("leading zero");
    QTest::newRow("bare word") << QByteArray("[nul]") << QStringLiteral("JSON value expected");
    QTest::newRow("single quotes") << QByteArray("{'a':1}") << QStringLiteral("member name");
    QTest::newRow("control in string") << QByteArray("[\"a\tb\"]") << QStringLiteral("control character");
    QTest::newRow("bad escape") << QByteArray(R"(["\x"])") << QStringLiteral("escape");
    QTest::newRow("bad unicode escape") << QByteArray(R"(["\u12g4"])") << QStringLiteral("four hex digits");
    QTest::newRow("two values") << QByteArray("{} {}") << QStringLiteral("after the JSON value");
    QTest::newRow("invalid utf-8") << QByteArray("[\"\xc3\x28\"]") << QStringLiteral("UTF-8");
    QTest::newRow("overlong utf-8") << QByteArray("[\"\xc0\xaf\"]") << QStringLiteral("UTF-8");
    QTest::newRow("exponent without digits") << QByteArray("[1e]") << QStringLiteral("exponent");
    QTest::newRow("too deep") << QByteArray(600, '[') + QByteArray(600, ']') << QStringLiteral("levels deep");
}

void tst_MqttPayloadFormat::prettyJsonRefusesInvalidJson()
{
    QFETCH(QByteArray, json);
    QFETCH(QString, reason);
    QString error;
    const QString pretty = MqttPayloadFormat::prettyJson(json, &error);
    QVERIFY(pretty.isNull());
    QVERIFY2(error.contains(reason), qPrintable(error));
    QVERIFY2(error.contains(QStringLiteral("at byte")), qPrintable(error));
    QString isJsonError;
    QVERIFY(!MqttPayloadFormat::isJson(json, &isJsonError));
    QCOMPARE(isJsonError, error);
}

void tst_MqttPayloadFormat::prettyJsonShortensOnlyVisibly()
{
    QByteArray json("[");
    for (int i = 0; i < 1000; ++i)
        json += QByteArray::number(i) + ',';
    json += "\"end\"]";
    bool truncated = false;
    const QString whole = MqttPayloadFormat::prettyJson(json, nullptr, -1, &truncated);
    QVERIFY(!truncated);
    QVERIFY(whole.endsWith(QStringLiteral("\"end\"\n]")));
    const QString part = MqttPayloadFormat::prettyJson(json, nullptr, 200, &truncated);
    QVERIFY(truncated);
    QCOMPARE(part.size(), 200);
    QVERIFY(whole.startsWith(part));
    // The whole input is still checked when the output is shortened.
    QString error;
    QVERIFY(MqttPayloadFormat::prettyJson(json + "x", &error, 200, &truncated).isNull());
    QVERIFY(!error.isEmpty());
}

void tst_MqttPayloadFormat::prettyJsonSurvivesDeepNesting()
{
    const QByteArray deep = QByteArray(512, '[') + QByteArray(512, ']');
    QVERIFY(MqttPayloadFormat::isJson(deep));
    const QByteArray hostile = QByteArray(100000, '[');
    QString error;
    QVERIFY(!MqttPayloadFormat::isJson(hostile, &error));
    QVERIFY(error.contains(QStringLiteral("512")));
}

void tst_MqttPayloadFormat::hexDumpLayout()
{
    const QByteArray data("Hello, MQTT world\x00\x01\xff", 20);
    const QString dump = MqttPayloadFormat::hexDump(data);
    const QStringList lines = dump.split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    QCOMPARE(lines.size(), 2);
    QCOMPARE(lines.at(0), QStringLiteral("00000000  48 65 6c 6c 6f 2c 20 4d  51 54 54 20 77 6f 72 6c  |Hello, MQTT worl|"));
    QCOMPARE(lines.at(1), QStringLiteral("00000010  64 00 01 ff                                       |d...|"));
}

void tst_MqttPayloadFormat::hexDumpLimit()
{
    const QByteArray data(100, 'A');
    const QString dump = MqttPayloadFormat::hexDump(data, 32);
    QCOMPARE(dump.count(QLatin1Char('\n')), 2);
    QVERIFY(MqttPayloadFormat::hexDump(QByteArray()).isEmpty());
}

QTEST_MAIN(tst_MqttPayloadFormat)
#include "tst_mqttpayloadformat.moc"
