// Copyright (C) 2026 The MqttQt authors.
// SPDX-License-Identifier: BSD-3-Clause
#include "mqttpayloadview.h"
#include "mqttjson_p.h"
#include "mqttjsonhighlighter_p.h"
#include "mqttwidgetutils_p.h"

#include <QtCore/QBuffer>
#include <QtCore/QEvent>
#include <QtCore/QFile>
#include <QtCore/QLoggingCategory>
#include <QtGui/QClipboard>
#include <QtGui/QGuiApplication>
#include <QtGui/QImageReader>
#include <QtGui/QPainter>
#include <QtSvg/QSvgRenderer>
#include <QtWidgets/QComboBox>
#include <QtWidgets/QFileDialog>
#include <QtWidgets/QFrame>
#include <QtWidgets/QHBoxLayout>
#include <QtWidgets/QLabel>
#include <QtWidgets/QPlainTextEdit>
#include <QtWidgets/QPushButton>
#include <QtWidgets/QScrollArea>
#include <QtWidgets/QScrollBar>
#include <QtWidgets/QStackedWidget>
#include <QtWidgets/QToolButton>
#include <QtWidgets/QVBoxLayout>

using namespace MqttWidgetUtils;

class MqttPayloadViewPrivate
{
public:
    explicit MqttPayloadViewPrivate(MqttPayloadView *q) : q(q) {}

    void build();
    void retranslate();
    void render();
    void setNotice(const QStringList &lines, bool offerShowAll);
    bool renderImage(QString *why);
    void copyPayload();
    void savePayload();

    MqttPayloadView *q;
    QByteArray payload;
    QString contentType;
    MqttProperties properties;
    bool haveProperties = false;
    bool noMessage = true; // clear(): nothing shown, which is not an empty payload
    MqttPayloadView::ViewMode mode = MqttPayloadView::AutomaticView;
    MqttPayloadFormat::Kind detected = MqttPayloadFormat::Empty;
    MqttPayloadFormat::Kind shown = MqttPayloadFormat::Empty;
    int previewLimit = 256 * 1024;
    bool showFull = false;
    bool truncated = false;
    QString notice;
    QImage image;

    QComboBox *modeBox = nullptr;
    QLabel *info = nullptr;
    QToolButton *wrapButton = nullptr;
    QToolButton *copyButton = nullptr;
    QToolButton *saveButton = nullptr;
    QFrame *noticeBar = nullptr;
    QLabel *noticeLabel = nullptr;
    QPushButton *showAllButton = nullptr;
    QStackedWidget *stack = nullptr;
    QPlainTextEdit *text = nullptr;
    QScrollArea *imageArea = nullptr;
    QLabel *imageLabel = nullptr;
    MqttJsonHighlighter *highlighter = nullptr;
};

void MqttPayloadViewPrivate::build()
{
    auto *layout = new QVBoxLayout(q);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(2);

    auto *bar = new QHBoxLayout;
    bar->setContentsMargins(0, 0, 0, 0);
    modeBox = new QComboBox(q);
    modeBox->setObjectName(QStringLiteral("payloadViewMode"));
    for (int i = 0; i < 5; ++i)
        modeBox->addItem(QString());
    info = new QLabel(q);
    info->setObjectName(QStringLiteral("payloadInfo"));
    info->setTextInteractionFlags(Qt::TextSelectableByMouse);
    wrapButton = new QToolButton(q);
    wrapButton->setCheckable(true);
    wrapButton->setChecked(true);
    copyButton = new QToolButton(q);
    saveButton = new QToolButton(q);
    bar->addWidget(modeBox);
    bar->addWidget(info, 1);
    bar->addWidget(wrapButton);
    bar->addWidget(copyButton);
    bar->addWidget(saveButton);
    layout->addLayout(bar);

    noticeBar = new QFrame(q);
    noticeBar->setObjectName(QStringLiteral("payloadNotice"));
    noticeBar->setFrameShape(QFrame::StyledPanel);
    noticeBar->setAutoFillBackground(true);
    auto *noticeLayout = new QHBoxLayout(noticeBar);
    noticeLayout->setContentsMargins(6, 3, 6, 3);
    noticeLabel = new QLabel(noticeBar);
    noticeLabel->setWordWrap(true);
    showAllButton = new QPushButton(noticeBar);
    showAllButton->setObjectName(QStringLiteral("payloadShowAll"));
    noticeLayout->addWidget(noticeLabel, 1);
    noticeLayout->addWidget(showAllButton);
    noticeBar->hide();
    layout->addWidget(noticeBar);

    stack = new QStackedWidget(q);
    text = new QPlainTextEdit(stack);
    text->setObjectName(QStringLiteral("payloadText"));
    text->setReadOnly(true);
    text->setFont(monospaceFont());
    text->setUndoRedoEnabled(false);
    imageArea = new QScrollArea(stack);
    imageLabel = new QLabel(imageArea);
    imageLabel->setAlignment(Qt::AlignCenter);
    imageArea->setWidget(imageLabel);
    imageArea->setWidgetResizable(true);
    imageArea->setAlignment(Qt::AlignCenter);
    stack->addWidget(text);
    stack->addWidget(imageArea);
    layout->addWidget(stack, 1);

    highlighter = new MqttJsonHighlighter(nullptr);
    highlighter->setParent(q);

    QObject::connect(modeBox, QOverload<int>::of(&QComboBox::activated), q, [this](int index) {
        q->setViewMode(static_cast<MqttPayloadView::ViewMode>(index));
    });
    QObject::connect(showAllButton, &QPushButton::clicked, q, &MqttPayloadView::showFullPayload);
    QObject::connect(wrapButton, &QToolButton::toggled, q, [this](bool on) {
        if (shown != MqttPayloadFormat::Binary)
            text->setLineWrapMode(on ? QPlainTextEdit::WidgetWidth : QPlainTextEdit::NoWrap);
    });
    QObject::connect(copyButton, &QToolButton::clicked, q, [this] { copyPayload(); });
    QObject::connect(saveButton, &QToolButton::clicked, q, [this] { savePayload(); });
    retranslate();
}

void MqttPayloadViewPrivate::retranslate()
{
    modeBox->setItemText(MqttPayloadView::AutomaticView,
                         detected == MqttPayloadFormat::Empty
                                 ? MqttPayloadView::tr("Automatic")
                                 : MqttPayloadView::tr("Automatic (%1)").arg(MqttPayloadFormat::kindName(detected)));
    modeBox->setItemText(MqttPayloadView::TextView, MqttPayloadView::tr("Text"));
    modeBox->setItemText(MqttPayloadView::JsonView, MqttPayloadView::tr("JSON"));
    modeBox->setItemText(MqttPayloadView::HexView, MqttPayloadView::tr("Hex"));
    modeBox->setItemText(MqttPayloadView::ImageView, MqttPayloadView::tr("Image"));
    modeBox->setToolTip(MqttPayloadView::tr("How the payload is shown"));
    wrapButton->setText(MqttPayloadView::tr("Wrap"));
    wrapButton->setToolTip(MqttPayloadView::tr("Wrap long lines"));
    copyButton->setText(MqttPayloadView::tr("Copy"));
    copyButton->setToolTip(MqttPayloadView::tr("Copy the whole payload to the clipboard"));
    saveButton->setText(MqttPayloadView::tr("Save…"));
    saveButton->setToolTip(MqttPayloadView::tr("Save the payload's bytes to a file"));
    showAllButton->setText(MqttPayloadView::tr("Show all"));
    text->setPlaceholderText(noMessage ? MqttPayloadView::tr("(no message)") : MqttPayloadView::tr("(empty payload)"));
}

void MqttPayloadViewPrivate::setNotice(const QStringList &lines, bool offerShowAll)
{
    notice = lines.join(QLatin1Char('\n'));
    noticeLabel->setText(notice);
    showAllButton->setVisible(offerShowAll);
    noticeBar->setVisible(!notice.isEmpty());
    QPalette p = noticeBar->palette();
    const bool dark = isDark(q->palette());
    p.setColor(QPalette::Window, dark ? QColor(0x4a, 0x3f, 0x16) : QColor(0xff, 0xf4, 0xce));
    p.setColor(QPalette::WindowText, dark ? QColor(0xf5, 0xe6, 0xb0) : QColor(0x4d, 0x3b, 0x00));
    noticeBar->setPalette(p);
    noticeLabel->setPalette(p);
}

bool MqttPayloadViewPrivate::renderImage(QString *why)
{
    const QByteArray format = MqttPayloadFormat::imageFormat(payload);
    image = QImage();
    if (format == "svg") {
        QSvgRenderer renderer(payload);
        if (!renderer.isValid()) {
            *why = MqttPayloadView::tr("the SVG document could not be read");
            return false;
        }
        QSize size = renderer.defaultSize();
        if (size.isEmpty())
            size = QSize(256, 256);
        // Large drawings are scaled down to something a panel can show; the vector source
        // is still the payload, so nothing is lost.
        if (size.width() > 4096 || size.height() > 4096)
            size.scale(4096, 4096, Qt::KeepAspectRatio);
        image = QImage(size, QImage::Format_ARGB32_Premultiplied);
        image.fill(Qt::transparent);
        QPainter painter(&image);
        renderer.render(&painter);
        return true;
    }
    QBuffer buffer(&payload);
    buffer.open(QIODevice::ReadOnly);
    QImageReader reader(&buffer, format.isEmpty() ? QByteArray() : format);
    image = reader.read();
    if (image.isNull()) {
        *why = format.isEmpty() ? MqttPayloadView::tr("no image format recognised")
                                : MqttPayloadView::tr("%1: %2").arg(QString::fromLatin1(format.toUpper()),
                                                                    reader.errorString());
        return false;
    }
    return true;
}

void MqttPayloadViewPrivate::render()
{
    QStringList notices;
    bool offerShowAll = false;
    truncated = false;
    const QScrollBar *bar = text->verticalScrollBar();
    const int scroll = bar->value();

    MqttPayloadFormat::Kind target = detected;
    switch (mode) {
    case MqttPayloadView::AutomaticView: target = detected; break;
    case MqttPayloadView::TextView: target = MqttPayloadFormat::Text; break;
    case MqttPayloadView::JsonView: target = MqttPayloadFormat::Json; break;
    case MqttPayloadView::HexView: target = MqttPayloadFormat::Binary; break;
    case MqttPayloadView::ImageView: target = MqttPayloadFormat::Image; break;
    }
    if (payload.isEmpty())
        target = MqttPayloadFormat::Empty;

    const QString typeNote = contentType.isEmpty() ? QString()
                                                   : MqttPayloadView::tr("content type %1").arg(contentType);
    const QString size = formatSize(payload.size());
    QString infoText;

    if (target == MqttPayloadFormat::Image) {
        QString why;
        if (renderImage(&why)) {
            shown = MqttPayloadFormat::Image;
            imageLabel->setPixmap(QPixmap::fromImage(image));
            stack->setCurrentWidget(imageArea);
            const QByteArray format = MqttPayloadFormat::imageFormat(payload).toUpper();
            infoText = MqttPayloadView::tr("%1 image · %2 × %3 · %4")
                               .arg(QString::fromLatin1(format))
                               .arg(image.width())
                               .arg(image.height())
                               .arg(size);
        } else {
            notices << MqttPayloadView::tr("Could not decode the image (%1); shown as hex.").arg(why);
            target = MqttPayloadFormat::Binary;
        }
    }
    if (target != MqttPayloadFormat::Image) {
        image = QImage();
        imageLabel->clear();
        stack->setCurrentWidget(text);
    }

    QString shownText;
    bool highlight = false;
    if (target == MqttPayloadFormat::Json) {
        QString error;
        bool cut = false;
        shownText = MqttPayloadFormat::prettyJson(payload, &error, showFull ? -1 : previewLimit, &cut);
        if (shownText.isNull()) {
            notices << MqttPayloadView::tr("Not valid JSON (%1); shown as text.").arg(error);
            target = MqttPayloadFormat::Text;
        } else {
            shown = MqttPayloadFormat::Json;
            highlight = shownText.size() <= 2 * 1024 * 1024;
            if (cut) {
                const qsizetype lastLine = shownText.lastIndexOf(QLatin1Char('\n'));
                if (lastLine > 0)
                    shownText.truncate(lastLine);
                truncated = true;
                offerShowAll = true;
                notices << MqttPayloadView::tr("Preview shortened: the first %1 lines of the formatted JSON are shown (payload %2).")
                                   .arg(shownText.count(QLatin1Char('\n')) + 1)
                                   .arg(size);
            }
            infoText = MqttPayloadView::tr("JSON · %1").arg(size);
        }
    }
    if (target == MqttPayloadFormat::Text) {
        shown = MqttPayloadFormat::Text;
        qsizetype count = payload.size();
        if (!showFull && count > previewLimit) {
            count = previewLimit;
            // Cut on a character boundary: back off UTF-8 continuation bytes.
            while (count > 0 && (static_cast<uchar>(payload.at(count)) & 0xC0) == 0x80)
                --count;
            truncated = true;
            offerShowAll = true;
            notices << MqttPayloadView::tr("Preview shortened: showing the first %1 of %2.")
                               .arg(formatSize(count), size);
        }
        const QByteArrayView part = QByteArrayView(payload).first(count);
        if (!MqttJson::isValidUtf8(payload))
            notices << MqttPayloadView::tr("The payload is not valid UTF-8: invalid bytes are shown as \uFFFD.");
        shownText = QString::fromUtf8(part);
        infoText = MqttPayloadView::tr("Text · %1").arg(size);
    }
    if (target == MqttPayloadFormat::Binary) {
        shown = MqttPayloadFormat::Binary;
        const qsizetype hexLimit = qMax<qsizetype>(256, previewLimit / 4);
        qsizetype count = payload.size();
        if (!showFull && count > hexLimit) {
            count = hexLimit;
            truncated = true;
            offerShowAll = true;
            notices << MqttPayloadView::tr("Preview shortened: showing the first %1 of %2 as hex.")
                               .arg(formatSize(count), size);
        }
        shownText = MqttPayloadFormat::hexDump(payload, count);
        infoText = MqttPayloadView::tr("Binary · %1").arg(size);
    }
    if (target == MqttPayloadFormat::Empty) {
        shown = MqttPayloadFormat::Empty;
        infoText = noMessage ? MqttPayloadView::tr("No message") : MqttPayloadView::tr("Empty payload");
    }
    if (!typeNote.isEmpty())
        infoText += QStringLiteral(" · ") + typeNote;

    if (shown != MqttPayloadFormat::Image) {
        highlighter->setDocument(highlight ? text->document() : nullptr);
        if (highlight)
            highlighter->setDark(isDark(q->palette()));
        text->setLineWrapMode(shown == MqttPayloadFormat::Binary || !wrapButton->isChecked()
                                      ? QPlainTextEdit::NoWrap
                                      : QPlainTextEdit::WidgetWidth);
        text->setPlainText(shownText);
        text->verticalScrollBar()->setValue(scroll);
    }
    wrapButton->setEnabled(shown != MqttPayloadFormat::Binary && shown != MqttPayloadFormat::Image);
    copyButton->setEnabled(!payload.isEmpty());
    saveButton->setEnabled(!payload.isEmpty());
    info->setText(infoText);
    setNotice(notices, offerShowAll);
    Q_EMIT q->displayChanged();
}

void MqttPayloadViewPrivate::copyPayload()
{
    QClipboard *clipboard = QGuiApplication::clipboard();
    if (!clipboard)
        return;
    if (MqttPayloadFormat::isText(payload))
        clipboard->setText(QString::fromUtf8(payload));
    else
        clipboard->setText(QString::fromLatin1(payload.toHex(' ')));
}

void MqttPayloadViewPrivate::savePayload()
{
    const QString path = QFileDialog::getSaveFileName(q, MqttPayloadView::tr("Save payload"));
    if (path.isEmpty())
        return;
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(payload) != payload.size() || !file.flush()) {
        setNotice({ MqttPayloadView::tr("Could not save the payload to %1: %2").arg(path, file.errorString()) },
                  false);
        return;
    }
}

MqttPayloadView::MqttPayloadView(QWidget *parent)
    : QWidget(parent), d(std::make_unique<MqttPayloadViewPrivate>(this))
{
    d->build();
    d->render();
}

MqttPayloadView::~MqttPayloadView() = default;

QByteArray MqttPayloadView::payload() const { return d->payload; }
QString MqttPayloadView::contentType() const { return d->contentType; }
MqttPayloadView::ViewMode MqttPayloadView::viewMode() const { return d->mode; }
MqttPayloadFormat::Kind MqttPayloadView::shownKind() const { return d->shown; }
int MqttPayloadView::previewLimit() const { return d->previewLimit; }
bool MqttPayloadView::isTruncated() const { return d->truncated; }
QString MqttPayloadView::noticeText() const { return d->notice; }
QImage MqttPayloadView::displayedImage() const { return d->image; }

QString MqttPayloadView::displayedText() const
{
    return d->shown == MqttPayloadFormat::Image ? QString() : d->text->toPlainText();
}

void MqttPayloadView::setViewMode(ViewMode mode)
{
    if (mode < AutomaticView || mode > ImageView) {
        qWarning("MqttPayloadView::setViewMode: %d is not a view mode", int(mode));
        return;
    }
    d->modeBox->setCurrentIndex(mode);
    if (d->mode == mode)
        return;
    d->mode = mode;
    d->render();
    Q_EMIT viewModeChanged(mode);
}

void MqttPayloadView::setPreviewLimit(int bytes)
{
    if (bytes < 1024) {
        qWarning("MqttPayloadView::setPreviewLimit: %d is below the minimum of 1024 bytes", bytes);
        return;
    }
    if (d->previewLimit == bytes)
        return;
    d->previewLimit = bytes;
    d->render();
    Q_EMIT previewLimitChanged(bytes);
}

void MqttPayloadView::setPayload(const QByteArray &payload, const QString &contentType)
{
    d->noMessage = false;
    d->haveProperties = false;
    d->properties = MqttProperties();
    d->payload = payload;
    d->contentType = contentType;
    d->detected = MqttPayloadFormat::detect(payload, contentType);
    d->showFull = false;
    d->retranslate();
    d->render();
    Q_EMIT payloadChanged();
}

void MqttPayloadView::setMessagePayload(const QByteArray &payload, const MqttProperties &properties)
{
    d->noMessage = false;
    d->haveProperties = true;
    d->properties = properties;
    d->payload = payload;
    d->contentType = properties.string(Mqtt::PropertyId::ContentType).value_or(QString());
    d->detected = MqttPayloadFormat::detect(payload, properties);
    d->showFull = false;
    d->retranslate();
    d->render();
    Q_EMIT payloadChanged();
}

void MqttPayloadView::showFullPayload()
{
    if (d->showFull)
        return;
    d->showFull = true;
    d->render();
}

void MqttPayloadView::clear()
{
    setPayload(QByteArray());
    // "No message" rather than "Empty payload": a topic without a message of its own, or
    // nothing selected, has no payload at all.
    d->noMessage = true;
    d->retranslate();
    d->render();
}

void MqttPayloadView::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange) {
        d->retranslate();
        d->render();
    } else if (event->type() == QEvent::PaletteChange) {
        d->render();
    }
    QWidget::changeEvent(event);
}
