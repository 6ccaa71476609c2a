// Copyright (C) 2026 The MqttQt authors.
// SPDX-License-Identifier: BSD-3-Clause
#include <MqttQt/MqttPayloadDiff>

#include <QtTest/QtTest>

// Renders a line diff as "+a -b  c" tokens, compact enough for data rows.
static QString render(const QList<MqttLineDiff> &diff)
{
    QStringList parts;
    for (const MqttLineDiff &l : diff) {
        const QChar mark = l.kind == MqttLineDiff::Added ? u'+' : l.kind == MqttLineDiff::Removed ? u'-' : u'=';
        parts << mark + l.text;
    }
    return parts.join(QLatin1Char(' '));
}

class tst_MqttPayloadDiff : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void diffLinesIsMinimalAndOrdered_data();
    void diffLinesIsMinimalAndOrdered();
    void diffLinesNumbersLines();
    void diffLinesGivesUpVisibly();
    void diffLinesRandomEditsReplay();
    void diffJsonFindsStructuralChanges_data();
    void diffJsonFindsStructuralChanges();
    void diffJsonComparesLargeIntegersExactly();
    void diffJsonRefusesInvalidJson();
    void diffJsonCapsTheList();
};

void tst_MqttPayloadDiff::diffLinesIsMinimalAndOrdered_data()
{
    QTest::addColumn<QString>("oldText");
    QTest::addColumn<QString>("newText");
    QTest::addColumn<QString>("expected");
    QTest::newRow("equal") << QStringLiteral("a\nb") << QStringLiteral("a\nb") << QStringLiteral("=a =b");
    QTest::newRow("both empty") << QString() << QString() << QString();
    QTest::newRow("from empty") << QString() << QStringLiteral("a\nb") << QStringLiteral("+a +b");
    QTest::newRow("to empty") << QStringLiteral("a\nb\n") << QString() << QStringLiteral("-a -b");
    QTest::newRow("one changed") << QStringLiteral("a\nb\nc") << QStringLiteral("a\nB\nc") << QStringLiteral("=a -b +B =c");
    QTest::newRow("insert middle") << QStringLiteral("a\nc") << QStringLiteral("a\nb\nc") << QStringLiteral("=a +b =c");
    QTest::newRow("delete first") << QStringLiteral("x\na\nb") << QStringLiteral("a\nb") << QStringLiteral("-x =a =b");
    QTest::newRow("append") << QStringLiteral("a") << QStringLiteral("a\nb") << QStringLiteral("=a +b");
    QTest::newRow("crlf equals lf") << QStringLiteral("a\r\nb\r\n") << QStringLiteral("a\nb\n") << QStringLiteral("=a =b");
    QTest::newRow("duplicates") << QStringLiteral("a\nb\na\nb") << QStringLiteral("b\na\nb\na") << QStringLiteral("-a =b =a =b +a");
    QTest::newRow("replace block") << QStringLiteral("k\n1\n2\nk") << QStringLiteral("k\n3\n4\nk") << QStringLiteral("=k -1 -2 +3 +4 =k");
    QTest::newRow("json pretty lines") << QStringLiteral("{\n  \"t\": 1,\n  \"h\": 2\n}")
                                       << QStringLiteral("{\n  \"t\": 3,\n  \"h\": 2\n}")
                                       << QStringLiteral("={ -  \"t\": 1, +  \"t\": 3, =  \"h\": 2 =}");
}

void tst_MqttPayloadDiff::diffLinesIsMinimalAndOrdered()
{
    QFETCH(QString, oldText);
    QFETCH(QString, newText);
    QFETCH(QString, expected);
    bool minimal = false;
    QCOMPARE(render(MqttPayloadDiff::diffLines(oldText, newText, 1000, &minimal)), expected);
    QVERIFY(minimal);
}

void tst_MqttPayloadDiff::diffLinesNumbersLines()
{
    const QList<MqttLineDiff> diff = MqttPayloadDiff::diffLines(QStringLiteral("a\nb\nc"), QStringLiteral("a\nx\nc\nd"));
    const QList<MqttLineDiff> expected = {
        { MqttLineDiff::Unchanged, 1, 1, QStringLiteral("a") },
        { MqttLineDiff::Removed, 2, 0, QStringLiteral("b") },
        { MqttLineDiff::Added, 0, 2, QStringLiteral("x") },
        { MqttLineDiff::Unchanged, 3, 3, QStringLiteral("c") },
        { MqttLineDiff::Added, 0, 4, QStringLiteral("d") },
    };
    QCOMPARE(diff, expected);
}

void tst_MqttPayloadDiff::diffLinesGivesUpVisibly()
{
    QStringList a, b;
    for (int i = 0; i < 50; ++i) {
        a << QStringLiteral("old %1").arg(i);
        b << QStringLiteral("new %1").arg(i);
    }
    a.prepend(QStringLiteral("same"));
    b.prepend(QStringLiteral("same"));
    bool minimal = true;
    const QList<MqttLineDiff> diff = MqttPayloadDiff::diffLines(a.join(u'\n'), b.join(u'\n'), 10, &minimal);
    QVERIFY(!minimal);
    QCOMPARE(diff.size(), 101);
    QCOMPARE(diff.first().kind, MqttLineDiff::Unchanged);
    for (int i = 1; i <= 50; ++i)
        QCOMPARE(diff.at(i).kind, MqttLineDiff::Removed);
    for (int i = 51; i <= 100; ++i)
        QCOMPARE(diff.at(i).kind, MqttLineDiff::Added);
}

void tst_MqttPayloadDiff::diffLinesRandomEditsReplay()
{
    // Applying the diff to the old text must give the new text, and the edit count must
    // not exceed the number of edits made (the diff is at least as short).
    QRandomGenerator random(20260101);
    for (int round = 0; round < 200; ++round) {
        QStringList a;
        const int n = random.bounded(0, 40);
        for (int i = 0; i < n; ++i)
            a << QString::number(random.bounded(0, 8));
        QStringList b = a;
        const int edits = random.bounded(0, 8);
        int made = 0;
        for (int e = 0; e < edits; ++e) {
            if (!b.isEmpty() && random.bounded(2)) {
                b.removeAt(random.bounded(int(b.size())));
                ++made;
            } else {
                b.insert(random.bounded(int(b.size()) + 1), QString::number(random.bounded(0, 8)));
                ++made;
            }
        }
        const QList<MqttLineDiff> diff = MqttPayloadDiff::diffLines(a.join(u'\n'), b.join(u'\n'));
        QStringList rebuiltOld, rebuiltNew;
        int changes = 0;
        for (const MqttLineDiff &l : diff) {
            if (l.kind != MqttLineDiff::Added)
                rebuiltOld << l.text;
            if (l.kind != MqttLineDiff::Removed)
                rebuiltNew << l.text;
            changes += l.kind != MqttLineDiff::Unchanged;
        }
        QCOMPARE(rebuiltOld, a);
        QCOMPARE(rebuiltNew, b);
        QVERIFY2(changes <= made, qPrintable(QStringLiteral("round %1: %2 > %3").arg(round).arg(changes).arg(made)));
    }
}

void tst_MqttPayloadDiff::diffJsonFindsStructuralChanges_data()
{
    QTest::addColumn<QByteArray>("oldJson");
    QTest::addColumn<QByteArray>("newJson");
    QTest::addColumn<QStringList>("changes");
    QTest::newRow("equal, keys reordered") << QByteArray(R"({"a":1,"b":2})") << QByteArray(R"({"b":2,"a":1})") << QStringList();
    QTest::newRow("changed value") << QByteArray(R"({"t":21.5})") << QByteArray(R"({"t":22})")
                                   << QStringList{ QStringLiteral("Changed t: 21.5 -> 22") };
    QTest::newRow("added and removed keys") << QByteArray(R"({"a":1,"b":2})") << QByteArray(R"({"a":1,"c":{"d":3}})")
                                            << QStringList{ QStringLiteral("Removed b: 2 -> "),
                                                            QStringLiteral("Added c:  -> {\"d\":3}") };
    QTest::newRow("nested path") << QByteArray(R"({"sensors":{"temp":1,"hum":40}})") << QByteArray(R"({"sensors":{"temp":2,"hum":40}})")
                                 << QStringList{ QStringLiteral("Changed sensors.temp: 1 -> 2") };
    QTest::newRow("array elements") << QByteArray(R"({"data":[{"v":1},{"v":2}]})") << QByteArray(R"({"data":[{"v":1},{"v":5},{"v":6}]})")
                                    << QStringList{ QStringLiteral("Changed data[1].v: 2 -> 5"),
                                                    QStringLiteral("Added data[2]:  -> {\"v\":6}") };
    QTest::newRow("array shrinks") << QByteArray("[1,2,3]") << QByteArray("[1]")
                                   << QStringList{ QStringLiteral("Removed [1]: 2 -> "), QStringLiteral("Removed [2]: 3 -> ") };
    QTest::newRow("type change") << QByteArray(R"({"v":"1"})") << QByteArray(R"({"v":1})")
                                 << QStringList{ QStringLiteral("Changed v: \"1\" -> 1") };
    QTest::newRow("number text differs") << QByteArray(R"({"v":1})") << QByteArray(R"({"v":1.0})")
                                         << QStringList{ QStringLiteral("Changed v: 1 -> 1.0") };
    QTest::newRow("string escapes are equal") << QByteArray(R"({"s":"A"})") << QByteArray(R"({"s":"\u0041"})") << QStringList();
    QTest::newRow("odd keys quoted") << QByteArray(R"({"a.b":1,"x y":2})") << QByteArray(R"({"a.b":2,"x y":2})")
                                     << QStringList{ QStringLiteral("Changed [\"a.b\"]: 1 -> 2") };
    QTest::newRow("root replaced") << QByteArray("[1]") << QByteArray(R"({"a":1})")
                                   << QStringList{ QStringLiteral("Changed : [1] -> {\"a\":1}") };
    QTest::newRow("null to value") << QByteArray(R"({"v":null})") << QByteArray(R"({"v":false})")
                                   << QStringList{ QStringLiteral("Changed v: null -> false") };
}

void tst_MqttPayloadDiff::diffJsonFindsStructuralChanges()
{
    QFETCH(QByteArray, oldJson);
    QFETCH(QByteArray, newJson);
    QFETCH(QStringList, changes);
    QString error;
    bool complete = false;
    const auto result = MqttPayloadDiff::diffJson(oldJson, newJson, &error, 10000, &complete);
    QVERIFY2(result, qPrintable(error));
    QVERIFY(complete);
    QStringList rendered;
    for (const MqttJsonChange &c : *result) {
        const char *kind = c.kind == MqttJsonChange::Added ? "Added" : c.kind == MqttJsonChange::Removed ? "Removed" : "Changed";
        rendered << QString::fromLatin1(kind) + QLatin1Char(' ') + c.path + QStringLiteral(": ") + c.oldValue
                        + QStringLiteral(" -> ") + c.newValue;
    }
    QCOMPARE(rendered, changes);
}

void tst_MqttPayloadDiff::diffJsonComparesLargeIntegersExactly()
{
    // Equal as doubles (both round to 9007199254740992), different as numbers.
    const auto result = MqttPayloadDiff::diffJson(QByteArray(R"({"id":9007199254740993})"),
                                                  QByteArray(R"({"id":9007199254740992})"));
    QVERIFY(result);
    QCOMPARE(result->size(), 1);
    QCOMPARE(result->first().oldValue, QStringLiteral("9007199254740993"));
    QCOMPARE(result->first().newValue, QStringLiteral("9007199254740992"));
    const auto same = MqttPayloadDiff::diffJson(QByteArray("[18446744073709551615]"), QByteArray("[18446744073709551615]"));
    QVERIFY(same);
    QVERIFY(same->isEmpty());
}

void tst_MqttPayloadDiff::diffJsonRefusesInvalidJson()
{
    QString error;
    QVERIFY(!MqttPayloadDiff::diffJson(QByteArray("{"), QByteArray("{}"), &error));
    QVERIFY2(error.contains(QStringLiteral("old payload")), qPrintable(error));
    QVERIFY(!MqttPayloadDiff::diffJson(QByteArray("{}"), QByteArray("21.5 C"), &error));
    QVERIFY2(error.contains(QStringLiteral("new payload")), qPrintable(error));
}

void tst_MqttPayloadDiff::diffJsonCapsTheList()
{
    QByteArray a("["), b("[");
    for (int i = 0; i < 100; ++i) {
        a += QByteArray::number(i) + (i < 99 ? "," : "");
        b += QByteArray::number(i + 1) + (i < 99 ? "," : "");
    }
    a += ']';
    b += ']';
    bool complete = true;
    const auto result = MqttPayloadDiff::diffJson(a, b, nullptr, 10, &complete);
    QVERIFY(result);
    QCOMPARE(result->size(), 10);
    QVERIFY(!complete);
}

QTEST_GUILESS_MAIN(tst_MqttPayloadDiff)
#include "tst_mqttpayloaddiff.moc"
