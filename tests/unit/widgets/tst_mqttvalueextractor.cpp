// Copyright (C) 2026 The MqttQt authors.
// SPDX-License-Identifier: BSD-3-Clause
#include <MqttQt/MqttValueExtractor>

#include <QtTest/QtTest>

class tst_MqttValueExtractor : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void numberIsExtracted_data();
    void numberIsExtracted();
    void missingNumbersSayWhy_data();
    void missingNumbersSayWhy();
    void invalidPathsAreRefused_data();
    void invalidPathsAreRefused();
    void numericPathsListsTheFields();
};

void tst_MqttValueExtractor::numberIsExtracted_data()
{
    QTest::addColumn<QByteArray>("payload");
    QTest::addColumn<QString>("path");
    QTest::addColumn<double>("value");
    const QString plain;
    QTest::newRow("plain") << QByteArray("21.5") << plain << 21.5;
    QTest::newRow("plain negative") << QByteArray("-3") << plain << -3.0;
    QTest::newRow("plain exponent") << QByteArray("1e3") << plain << 1000.0;
    QTest::newRow("plain whitespace") << QByteArray(" 42\n") << plain << 42.0;
    QTest::newRow("plain true") << QByteArray("true") << plain << 1.0;
    QTest::newRow("plain false") << QByteArray("false") << plain << 0.0;
    QTest::newRow("json string number, empty path") << QByteArray("\"7.5\"") << plain << 7.5;
    QTest::newRow("dotted") << QByteArray(R"({"sensors":{"temp":22.25}})") << QStringLiteral("sensors.temp") << 22.25;
    QTest::newRow("dollar prefix") << QByteArray(R"({"sensors":{"temp":22.25}})") << QStringLiteral("$.sensors.temp") << 22.25;
    QTest::newRow("array element") << QByteArray(R"({"data":[{"v":1},{"v":2}]})") << QStringLiteral("data[1].v") << 2.0;
    QTest::newRow("top-level array") << QByteArray("[10,20,30]") << QStringLiteral("[2]") << 30.0;
    QTest::newRow("nested arrays") << QByteArray("[[1,2],[3,4]]") << QStringLiteral("[1][0]") << 3.0;
    QTest::newRow("quoted key") << QByteArray(R"({"temp.c":5})") << QStringLiteral("[\"temp.c\"]") << 5.0;
    QTest::newRow("quoted key single quotes") << QByteArray(R"({"a b":{"c":6}})") << QStringLiteral("['a b'].c") << 6.0;
    QTest::newRow("numeric string field") << QByteArray(R"({"t":"19.5"})") << QStringLiteral("t") << 19.5;
    QTest::newRow("bool field") << QByteArray(R"({"on":true})") << QStringLiteral("on") << 1.0;
    QTest::newRow("large integer as double") << QByteArray(R"({"n":9007199254740993})") << QStringLiteral("n") << 9007199254740992.0;
    QTest::newRow("unicode key") << QByteArray("{\"温度\":3}") << QStringLiteral("温度") << 3.0;
    QTest::newRow("repeated key: last wins") << QByteArray(R"({"a":1,"a":2})") << QStringLiteral("a") << 2.0;
}

void tst_MqttValueExtractor::numberIsExtracted()
{
    QFETCH(QByteArray, payload);
    QFETCH(QString, path);
    QFETCH(double, value);
    QString error;
    const auto number = MqttValueExtractor::number(payload, path, &error);
    QVERIFY2(number.has_value(), qPrintable(error));
    QCOMPARE(*number, value);
}

void tst_MqttValueExtractor::missingNumbersSayWhy_data()
{
    QTest::addColumn<QByteArray>("payload");
    QTest::addColumn<QString>("path");
    QTest::addColumn<QString>("reason");
    QTest::newRow("text") << QByteArray("21.5 C") << QString() << QStringLiteral("not a number");
    QTest::newRow("nan text") << QByteArray("nan") << QString() << QStringLiteral("not a number");
    QTest::newRow("inf text") << QByteArray("inf") << QString() << QStringLiteral("not a number");
    QTest::newRow("empty") << QByteArray() << QString() << QStringLiteral("empty");
    QTest::newRow("object without path") << QByteArray(R"({"t":1})") << QString() << QStringLiteral("choose a field");
    QTest::newRow("not json") << QByteArray("hello") << QStringLiteral("t") << QStringLiteral("not JSON");
    QTest::newRow("missing field") << QByteArray(R"({"t":1})") << QStringLiteral("h") << QStringLiteral("no field h");
    QTest::newRow("index out of range") << QByteArray("[1]") << QStringLiteral("[3]") << QStringLiteral("no field [3]");
    QTest::newRow("string field") << QByteArray(R"({"t":"warm"})") << QStringLiteral("t") << QStringLiteral("t is a string");
    QTest::newRow("object field") << QByteArray(R"({"t":{}})") << QStringLiteral("t") << QStringLiteral("t is an object");
    QTest::newRow("null field") << QByteArray(R"({"t":null})") << QStringLiteral("t") << QStringLiteral("t is null");
    QTest::newRow("invalid path") << QByteArray(R"({"t":1})") << QStringLiteral("t.") << QStringLiteral("invalid value path");
}

void tst_MqttValueExtractor::missingNumbersSayWhy()
{
    QFETCH(QByteArray, payload);
    QFETCH(QString, path);
    QFETCH(QString, reason);
    QString error;
    QVERIFY(!MqttValueExtractor::number(payload, path, &error));
    QVERIFY2(error.contains(reason), qPrintable(error));
}

void tst_MqttValueExtractor::invalidPathsAreRefused_data()
{
    QTest::addColumn<QString>("path");
    QTest::addColumn<bool>("valid");
    QTest::newRow("empty") << QString() << true;
    QTest::newRow("dollar") << QStringLiteral("$") << true;
    QTest::newRow("simple") << QStringLiteral("a.b.c") << true;
    QTest::newRow("index") << QStringLiteral("a[0][12].b") << true;
    QTest::newRow("quoted") << QStringLiteral("[\"x.y\"].z") << true;
    QTest::newRow("escaped quote") << QStringLiteral("[\"say \\\"hi\\\"\"]") << true;
    QTest::newRow("leading dot") << QStringLiteral(".a") << false;
    QTest::newRow("double dot") << QStringLiteral("a..b") << false;
    QTest::newRow("trailing dot") << QStringLiteral("a.") << false;
    QTest::newRow("negative index") << QStringLiteral("a[-1]") << false;
    QTest::newRow("unclosed bracket") << QStringLiteral("a[1") << false;
    QTest::newRow("unterminated quote") << QStringLiteral("[\"a]") << false;
    QTest::newRow("key after bracket") << QStringLiteral("a[1]b") << false;
}

void tst_MqttValueExtractor::invalidPathsAreRefused()
{
    QFETCH(QString, path);
    QFETCH(bool, valid);
    QString error;
    QCOMPARE(MqttValueExtractor::isValidPath(path, &error), valid);
    QCOMPARE(error.isEmpty(), valid);
}

void tst_MqttValueExtractor::numericPathsListsTheFields()
{
    const QByteArray payload(R"({"name":"k","t":21.5,"ok":true,"data":[{"v":1},{"v":"2"}],"s":"x","n":null,"a.b":3})");
    const QStringList paths = MqttValueExtractor::numericPaths(payload);
    QCOMPARE(paths, (QStringList{ QStringLiteral("t"), QStringLiteral("ok"), QStringLiteral("data[0].v"),
                                  QStringLiteral("data[1].v"), QStringLiteral("[\"a.b\"]") }));
    for (const QString &path : paths)
        QVERIFY(MqttValueExtractor::number(payload, path));
    QCOMPARE(MqttValueExtractor::numericPaths(QByteArray("21.5")), QStringList{ QString() });
    QVERIFY(MqttValueExtractor::numericPaths(QByteArray("hello")).isEmpty());
    QCOMPARE(MqttValueExtractor::numericPaths(QByteArray("[1,2,3,4,5]"), 2).size(), 2);
}

QTEST_GUILESS_MAIN(tst_MqttValueExtractor)
#include "tst_mqttvalueextractor.moc"
