// Copyright (C) 2026 The MqttQt authors.
// SPDX-License-Identifier: BSD-3-Clause
#include <MqttQt/MqttPayloadView>

#include <QtCore/QBuffer>
#include <QtGui/QImage>
#include <QtTest/QtTest>
#include <QtWidgets/QLabel>
#include <QtWidgets/QPushButton>

class tst_MqttPayloadView : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void viewFollowsThePayload_data();
    void viewFollowsThePayload();
    void jsonKeepsLargeIntegers();
    void contentTypeTakesPrecedence();
    void longTextIsShortenedVisiblyAndShownOnDemand();
    void longHexIsShortenedVisibly();
    void longJsonIsShortenedVisibly();
    void brokenImageFallsBackToHexWithReason();
    void userChosenModes();
    void invalidUtf8IsAnnounced();
    void noMessageIsNotAnEmptyPayload();
    void refusedSettings();
};

static QByteArray encoded(const char *format, QSize size = QSize(8, 6))
{
    QImage image(size, QImage::Format_RGB32);
    image.fill(QColor(10, 120, 200));
    QByteArray bytes;
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::WriteOnly);
    image.save(&buffer, format);
    return bytes;
}

void tst_MqttPayloadView::viewFollowsThePayload_data()
{
    QTest::addColumn<QByteArray>("payload");
    QTest::addColumn<MqttPayloadFormat::Kind>("kind");
    QTest::addColumn<QString>("text");
    QTest::newRow("text") << QByteArray("on") << MqttPayloadFormat::Text << QStringLiteral("on");
    QTest::newRow("number") << QByteArray("21.5") << MqttPayloadFormat::Text << QStringLiteral("21.5");
    QTest::newRow("json") << QByteArray(R"({"a":[1,2]})") << MqttPayloadFormat::Json
                          << QStringLiteral("{\n  \"a\": [\n    1,\n    2\n  ]\n}");
    QTest::newRow("binary") << QByteArray("\x00\x01\xfe\xff", 4) << MqttPayloadFormat::Binary
                            << QStringLiteral("00000000  00 01 fe ff                                       |....|\n");
    QTest::newRow("png") << encoded("PNG") << MqttPayloadFormat::Image << QString();
    QTest::newRow("jpeg") << encoded("JPEG") << MqttPayloadFormat::Image << QString();
    QTest::newRow("gif") << QByteArray::fromHex("47494638396101000100800000000000ffffff21f90401000000002c00000000010001000002024401003b")
                         << MqttPayloadFormat::Image << QString();
    QTest::newRow("svg") << QByteArray("<svg xmlns='http://www.w3.org/2000/svg' width='20' height='10'>"
                                       "<rect width='20' height='10' fill='red'/></svg>")
                         << MqttPayloadFormat::Image << QString();
    QTest::newRow("empty") << QByteArray() << MqttPayloadFormat::Empty << QString();
}

void tst_MqttPayloadView::viewFollowsThePayload()
{
    QFETCH(QByteArray, payload);
    QFETCH(MqttPayloadFormat::Kind, kind);
    QFETCH(QString, text);
    MqttPayloadView view;
    QSignalSpy changed(&view, &MqttPayloadView::payloadChanged);
    view.setPayload(payload);
    QCOMPARE(changed.size(), 1);
    QCOMPARE(view.payload(), payload);
    QCOMPARE(view.shownKind(), kind);
    QVERIFY(!view.isTruncated());
    QVERIFY2(view.noticeText().isEmpty(), qPrintable(view.noticeText()));
    if (kind == MqttPayloadFormat::Image) {
        QVERIFY(!view.displayedImage().isNull());
        QVERIFY(view.displayedText().isEmpty());
    } else {
        QCOMPARE(view.displayedText(), text);
        QVERIFY(view.displayedImage().isNull());
    }
}

void tst_MqttPayloadView::jsonKeepsLargeIntegers()
{
    MqttPayloadView view;
    view.setPayload(QByteArray(R"({"counter":18446744073709551615,"ts":1700000000123456789,"f":1.10})"));
    QCOMPARE(view.shownKind(), MqttPayloadFormat::Json);
    QVERIFY(view.displayedText().contains(QStringLiteral("18446744073709551615")));
    QVERIFY(view.displayedText().contains(QStringLiteral("1700000000123456789")));
    QVERIFY(view.displayedText().contains(QStringLiteral("1.10")));
}

void tst_MqttPayloadView::contentTypeTakesPrecedence()
{
    MqttPayloadView view;
    MqttProperties properties;
    QVERIFY(properties.setString(Mqtt::PropertyId::ContentType, QStringLiteral("application/json")));
    view.setMessagePayload(QByteArray(R"("a json string")"), properties);
    QCOMPARE(view.contentType(), QStringLiteral("application/json"));
    QCOMPARE(view.shownKind(), MqttPayloadFormat::Json);
    QCOMPARE(view.displayedText(), QStringLiteral("\"a json string\""));

    // JSON by content type but broken: shown as text, and the user is told why.
    view.setViewMode(MqttPayloadView::JsonView);
    view.setMessagePayload(QByteArray(R"({"t": 21.5)"), properties);
    QCOMPARE(view.shownKind(), MqttPayloadFormat::Text);
    QVERIFY2(view.noticeText().contains(QStringLiteral("Not valid JSON")), qPrintable(view.noticeText()));
    QCOMPARE(view.displayedText(), QStringLiteral(R"({"t": 21.5)"));
}

void tst_MqttPayloadView::longTextIsShortenedVisiblyAndShownOnDemand()
{
    MqttPayloadView view;
    view.setPreviewLimit(4096);
    // Multi-byte characters straddle the limit: the cut must not split one.
    QByteArray payload;
    while (payload.size() < 20000)
        payload += "Grüße aus der Küche, ";
    view.setPayload(payload);
    QCOMPARE(view.shownKind(), MqttPayloadFormat::Text);
    QVERIFY(view.isTruncated());
    QVERIFY2(view.noticeText().contains(QStringLiteral("Preview shortened")), qPrintable(view.noticeText()));
    const QString preview = view.displayedText();
    QVERIFY(preview.size() < 4096);
    QVERIFY(!preview.contains(QChar(0xFFFD)));
    QVERIFY(QString::fromUtf8(payload).startsWith(preview));
    auto *showAll = view.findChild<QPushButton *>(QStringLiteral("payloadShowAll"));
    QVERIFY(showAll);
    QVERIFY(!showAll->isHidden());
    showAll->click();
    QVERIFY(!view.isTruncated());
    QVERIFY(view.noticeText().isEmpty());
    QCOMPARE(view.displayedText(), QString::fromUtf8(payload));
    // A new payload is previewed again.
    view.setPayload(payload + "x");
    QVERIFY(view.isTruncated());
}

void tst_MqttPayloadView::longHexIsShortenedVisibly()
{
    MqttPayloadView view;
    view.setPreviewLimit(4096);
    QByteArray payload(10000, '\0');
    view.setPayload(payload);
    QCOMPARE(view.shownKind(), MqttPayloadFormat::Binary);
    QVERIFY(view.isTruncated());
    QCOMPARE(view.displayedText().count(QLatin1Char('\n')), 1024 / 16);
    QVERIFY(view.noticeText().contains(QStringLiteral("hex")));
    view.showFullPayload();
    QCOMPARE(view.displayedText().count(QLatin1Char('\n')), 10000 / 16);
}

void tst_MqttPayloadView::longJsonIsShortenedVisibly()
{
    MqttPayloadView view;
    view.setPreviewLimit(2048);
    QByteArray payload("[");
    for (int i = 0; i < 3000; ++i)
        payload += QByteArray::number(i) + ',';
    payload += "18446744073709551615]";
    view.setPayload(payload);
    QCOMPARE(view.shownKind(), MqttPayloadFormat::Json);
    QVERIFY(view.isTruncated());
    QVERIFY(view.noticeText().contains(QStringLiteral("formatted JSON")));
    QVERIFY(!view.displayedText().contains(QStringLiteral("18446744073709551615")));
    view.showFullPayload();
    QVERIFY(!view.isTruncated());
    QVERIFY(view.displayedText().endsWith(QStringLiteral("18446744073709551615\n]")));
}

void tst_MqttPayloadView::brokenImageFallsBackToHexWithReason()
{
    MqttPayloadView view;
    QByteArray broken = encoded("PNG").left(30);
    view.setPayload(broken);
    QCOMPARE(view.shownKind(), MqttPayloadFormat::Binary);
    QVERIFY2(view.noticeText().contains(QStringLiteral("Could not decode the image")), qPrintable(view.noticeText()));
    QVERIFY(view.displayedText().startsWith(QStringLiteral("00000000  89 50 4e 47")));
}

void tst_MqttPayloadView::userChosenModes()
{
    MqttPayloadView view;
    QSignalSpy modeChanged(&view, &MqttPayloadView::viewModeChanged);
    view.setPayload(QByteArray(R"({"a":1})"));
    view.setViewMode(MqttPayloadView::HexView);
    QCOMPARE(modeChanged.size(), 1);
    QCOMPARE(view.shownKind(), MqttPayloadFormat::Binary);
    QVERIFY(view.displayedText().contains(QStringLiteral("|{\"a\":1}|")));
    view.setViewMode(MqttPayloadView::TextView);
    QCOMPARE(view.displayedText(), QStringLiteral(R"({"a":1})"));
    view.setViewMode(MqttPayloadView::ImageView);
    QCOMPARE(view.shownKind(), MqttPayloadFormat::Binary);
    QVERIFY(view.noticeText().contains(QStringLiteral("Could not decode the image")));
    view.setViewMode(MqttPayloadView::AutomaticView);
    QCOMPARE(view.shownKind(), MqttPayloadFormat::Json);
    QCOMPARE(modeChanged.size(), 4);
}

void tst_MqttPayloadView::invalidUtf8IsAnnounced()
{
    MqttPayloadView view;
    view.setViewMode(MqttPayloadView::TextView);
    view.setPayload(QByteArray("ab\xff" "cd"));
    QCOMPARE(view.shownKind(), MqttPayloadFormat::Text);
    QVERIFY(view.noticeText().contains(QStringLiteral("not valid UTF-8")));
    QVERIFY(view.displayedText().contains(QChar(0xFFFD)));
}

// A reviewer saw "Empty payload" with no topic selected: no message is not an empty one.
void tst_MqttPayloadView::noMessageIsNotAnEmptyPayload()
{
    MqttPayloadView view;
    auto *info = view.findChild<QLabel *>(QStringLiteral("payloadInfo"));
    QVERIFY(info);
    view.setPayload(QByteArray("x"));
    view.clear();
    QCOMPARE(info->text(), QStringLiteral("No message"));
    view.setPayload(QByteArray());
    QCOMPARE(info->text(), QStringLiteral("Empty payload"));
    view.clear();
    QCOMPARE(info->text(), QStringLiteral("No message"));
}

void tst_MqttPayloadView::refusedSettings()
{
    MqttPayloadView view;
    QTest::ignoreMessage(QtWarningMsg, "MqttPayloadView::setPreviewLimit: 10 is below the minimum of 1024 bytes");
    view.setPreviewLimit(10);
    QCOMPARE(view.previewLimit(), 256 * 1024);
    QTest::ignoreMessage(QtWarningMsg, "MqttPayloadView::setViewMode: 9 is not a view mode");
    view.setViewMode(static_cast<MqttPayloadView::ViewMode>(9));
    QCOMPARE(view.viewMode(), MqttPayloadView::AutomaticView);
}

QTEST_MAIN(tst_MqttPayloadView)
#include "tst_mqttpayloadview.moc"
