// Copyright (C) 2026 The MqttQt authors.
// SPDX-License-Identifier: BSD-3-Clause
#include "mqttpayloaddiffview.h"
#include "mqttpayloadformat.h"
#include "mqttwidgetutils_p.h"

#include <QtCore/QEvent>
#include <QtGui/QTextBlock>
#include <QtWidgets/QComboBox>
#include <QtWidgets/QHBoxLayout>
#include <QtWidgets/QHeaderView>
#include <QtWidgets/QLabel>
#include <QtWidgets/QPlainTextEdit>
#include <QtWidgets/QStackedWidget>
#include <QtWidgets/QTreeWidget>
#include <QtWidgets/QVBoxLayout>

using namespace MqttWidgetUtils;

class MqttPayloadDiffViewPrivate
{
public:
    explicit MqttPayloadDiffViewPrivate(MqttPayloadDiffView *q) : q(q) {}

    void build();
    void retranslate();
    void compare();
    void showLines(const QList<MqttLineDiff> &lines);
    void showJson(const QList<MqttJsonChange> &changes);
    QString comparableText(const QByteArray &payload) const;

    MqttPayloadDiffView *q;
    QByteArray oldPayload;
    QByteArray newPayload;
    QString oldLabel;
    QString newLabel;
    bool havePayloads = false;
    QString placeholder;
    MqttPayloadDiffView::DiffMode mode = MqttPayloadDiffView::AutomaticDiff;
    MqttPayloadDiffView::DiffMode shown = MqttPayloadDiffView::AutomaticDiff;
    int contextLines = 3;
    int maxInputBytes = 1024 * 1024;
    int changeCount = 0;
    QString summary;
    QList<MqttLineDiff> lineDiff;
    QList<MqttJsonChange> jsonChanges;

    QComboBox *modeBox = nullptr;
    QLabel *summaryLabel = nullptr;
    QStackedWidget *stack = nullptr;
    QPlainTextEdit *lines = nullptr;
    QTreeWidget *table = nullptr;
};

void MqttPayloadDiffViewPrivate::build()
{
    auto *layout = new QVBoxLayout(q);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(2);
    auto *bar = new QHBoxLayout;
    modeBox = new QComboBox(q);
    modeBox->setObjectName(QStringLiteral("diffMode"));
    for (int i = 0; i < 3; ++i)
        modeBox->addItem(QString());
    summaryLabel = new QLabel(q);
    summaryLabel->setObjectName(QStringLiteral("diffSummary"));
    summaryLabel->setWordWrap(true);
    summaryLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);
    bar->addWidget(modeBox);
    bar->addWidget(summaryLabel, 1);
    layout->addLayout(bar);

    stack = new QStackedWidget(q);
    lines = new QPlainTextEdit(stack);
    lines->setObjectName(QStringLiteral("diffLines"));
    lines->setReadOnly(true);
    lines->setFont(monospaceFont());
    lines->setLineWrapMode(QPlainTextEdit::NoWrap);
    lines->setUndoRedoEnabled(false);
    table = new QTreeWidget(stack);
    table->setObjectName(QStringLiteral("diffTable"));
    table->setRootIsDecorated(false);
    table->setUniformRowHeights(true);
    table->setColumnCount(4);
    table->header()->setStretchLastSection(true);
    table->setTextElideMode(Qt::ElideMiddle);
    stack->addWidget(lines);
    stack->addWidget(table);
    layout->addWidget(stack, 1);

    QObject::connect(modeBox, QOverload<int>::of(&QComboBox::activated), q, [this](int index) {
        q->setDiffMode(static_cast<MqttPayloadDiffView::DiffMode>(index));
    });
    retranslate();
}

void MqttPayloadDiffViewPrivate::retranslate()
{
    modeBox->setItemText(MqttPayloadDiffView::AutomaticDiff, MqttPayloadDiffView::tr("Automatic"));
    modeBox->setItemText(MqttPayloadDiffView::LineDiff, MqttPayloadDiffView::tr("Lines"));
    modeBox->setItemText(MqttPayloadDiffView::JsonDiff, MqttPayloadDiffView::tr("JSON structure"));
    modeBox->setToolTip(MqttPayloadDiffView::tr("How the two payloads are compared"));
    table->setHeaderLabels({ MqttPayloadDiffView::tr("Change"), MqttPayloadDiffView::tr("Path"),
                             MqttPayloadDiffView::tr("Old value"), MqttPayloadDiffView::tr("New value") });
}

QString MqttPayloadDiffViewPrivate::comparableText(const QByteArray &payload) const
{
    if (payload.isEmpty())
        return QString();
    if (MqttPayloadFormat::isJson(payload))
        return MqttPayloadFormat::prettyJson(payload);
    if (MqttPayloadFormat::isText(payload))
        return QString::fromUtf8(payload);
    return MqttPayloadFormat::hexDump(payload);
}

void MqttPayloadDiffViewPrivate::compare()
{
    lineDiff.clear();
    jsonChanges.clear();
    changeCount = 0;
    if (!havePayloads) {
        shown = MqttPayloadDiffView::AutomaticDiff;
        summary = placeholder.isEmpty() ? MqttPayloadDiffView::tr("Nothing to compare.") : placeholder;
        summaryLabel->setText(summary);
        lines->clear();
        table->clear();
        stack->setCurrentWidget(lines);
        Q_EMIT q->displayChanged();
        return;
    }
    QStringList notes;
    QByteArray a = oldPayload;
    QByteArray b = newPayload;
    if (a.size() > maxInputBytes || b.size() > maxInputBytes) {
        notes << MqttPayloadDiffView::tr("Only the first %1 of each payload are compared (old %2, new %3).")
                         .arg(formatSize(maxInputBytes), formatSize(oldPayload.size()), formatSize(newPayload.size()));
        a.truncate(maxInputBytes);
        b.truncate(maxInputBytes);
    }
    bool useJson = false;
    std::optional<QList<MqttJsonChange>> changes;
    if (mode != MqttPayloadDiffView::LineDiff) {
        QString error;
        bool complete = true;
        changes = MqttPayloadDiff::diffJson(a, b, &error, 10000, &complete);
        if (changes) {
            useJson = true;
            if (!complete)
                notes << MqttPayloadDiffView::tr("Only the first %L1 changes are listed.").arg(changes->size());
        } else if (mode == MqttPayloadDiffView::JsonDiff) {
            notes << MqttPayloadDiffView::tr("%1 Showing a line diff.").arg(error);
        }
    }
    QString counts;
    if (useJson) {
        shown = MqttPayloadDiffView::JsonDiff;
        jsonChanges = *changes;
        int added = 0, removed = 0, changed = 0;
        for (const MqttJsonChange &c : std::as_const(jsonChanges)) {
            added += c.kind == MqttJsonChange::Added;
            removed += c.kind == MqttJsonChange::Removed;
            changed += c.kind == MqttJsonChange::Changed;
        }
        changeCount = int(jsonChanges.size());
        counts = changeCount == 0 ? MqttPayloadDiffView::tr("The JSON documents are equal.")
                                  : MqttPayloadDiffView::tr("Keys added: %L1, removed: %L2, changed: %L3.")
                                            .arg(added).arg(removed).arg(changed);
        showJson(jsonChanges);
    } else {
        shown = MqttPayloadDiffView::LineDiff;
        bool minimal = true;
        lineDiff = MqttPayloadDiff::diffLines(comparableText(a), comparableText(b), 1000, &minimal);
        int added = 0, removed = 0;
        for (const MqttLineDiff &l : std::as_const(lineDiff)) {
            added += l.kind == MqttLineDiff::Added;
            removed += l.kind == MqttLineDiff::Removed;
        }
        changeCount = added + removed;
        if (!minimal)
            notes << MqttPayloadDiffView::tr("More than 1,000 lines differ: the texts are shown as replaced, not line by line.");
        counts = changeCount == 0 ? MqttPayloadDiffView::tr("The payloads are equal.")
                                  : MqttPayloadDiffView::tr("Lines added: %L1, removed: %L2.").arg(added).arg(removed);
        showLines(lineDiff);
    }
    QString header;
    if (!oldLabel.isEmpty() || !newLabel.isEmpty())
        header = MqttPayloadDiffView::tr("%1 → %2: ").arg(oldLabel, newLabel);
    summary = header + counts;
    if (!notes.isEmpty())
        summary += QLatin1Char(' ') + notes.join(QLatin1Char(' '));
    summaryLabel->setText(summary);
    Q_EMIT q->displayChanged();
}

void MqttPayloadDiffViewPrivate::showLines(const QList<MqttLineDiff> &diff)
{
    // Unified form: changes with contextLines() of context; longer unchanged runs folded.
    const qsizetype n = diff.size();
    std::vector<bool> keep(size_t(n), false);
    for (qsizetype i = 0; i < n; ++i) {
        if (diff.at(i).kind == MqttLineDiff::Unchanged)
            continue;
        for (qsizetype k = qMax<qsizetype>(0, i - contextLines); k <= qMin(n - 1, i + contextLines); ++k)
            keep[size_t(k)] = true;
    }
    int width = 1;
    for (qsizetype v = diff.isEmpty() ? 1 : qMax(diff.last().oldLine, diff.last().newLine); v >= 10; v /= 10)
        ++width;
    const bool dark = isDark(q->palette());
    QTextCharFormat addedFormat;
    addedFormat.setBackground(dark ? QColor(0x1e, 0x4a, 0x2a) : QColor(0xdc, 0xfc, 0xe4));
    QTextCharFormat removedFormat;
    removedFormat.setBackground(dark ? QColor(0x5a, 0x22, 0x26) : QColor(0xff, 0xe0, 0xe3));
    QTextCharFormat foldFormat;
    foldFormat.setForeground(q->palette().color(QPalette::PlaceholderText));

    QString text;
    struct Mark { int block; const QTextCharFormat *format; };
    QList<Mark> marks;
    int block = 0;
    auto number = [width](int line) {
        return line > 0 ? QStringLiteral("%1").arg(line, width) : QString(width, QLatin1Char(' '));
    };
    qsizetype i = 0;
    while (i < n) {
        if (!keep[size_t(i)]) {
            qsizetype j = i;
            while (j < n && !keep[size_t(j)])
                ++j;
            text += MqttPayloadDiffView::tr("⋯ unchanged lines: %L1 ⋯").arg(j - i) + QLatin1Char('\n');
            marks.append({ block++, &foldFormat });
            i = j;
            continue;
        }
        const MqttLineDiff &l = diff.at(i);
        const QChar mark = l.kind == MqttLineDiff::Added ? u'+' : l.kind == MqttLineDiff::Removed ? u'-' : u' ';
        text += number(l.oldLine) + QLatin1Char(' ') + number(l.newLine) + QLatin1Char(' ') + mark
                + QLatin1Char(' ') + l.text + QLatin1Char('\n');
        if (l.kind == MqttLineDiff::Added)
            marks.append({ block, &addedFormat });
        else if (l.kind == MqttLineDiff::Removed)
            marks.append({ block, &removedFormat });
        ++block;
        ++i;
    }
    if (text.endsWith(QLatin1Char('\n')))
        text.chop(1);
    lines->setPlainText(text);
    QList<QTextEdit::ExtraSelection> selections;
    selections.reserve(marks.size());
    QTextDocument *document = lines->document();
    for (const Mark &m : std::as_const(marks)) {
        QTextEdit::ExtraSelection selection;
        selection.cursor = QTextCursor(document->findBlockByNumber(m.block));
        selection.format = *m.format;
        selection.format.setProperty(QTextFormat::FullWidthSelection, true);
        selections.append(selection);
    }
    lines->setExtraSelections(selections);
    stack->setCurrentWidget(lines);
}

void MqttPayloadDiffViewPrivate::showJson(const QList<MqttJsonChange> &changes)
{
    table->clear();
    const bool dark = isDark(q->palette());
    const QColor addedColor = dark ? QColor(0x1e, 0x4a, 0x2a) : QColor(0xdc, 0xfc, 0xe4);
    const QColor removedColor = dark ? QColor(0x5a, 0x22, 0x26) : QColor(0xff, 0xe0, 0xe3);
    const QColor changedColor = dark ? QColor(0x4a, 0x40, 0x16) : QColor(0xff, 0xf4, 0xce);
    QList<QTreeWidgetItem *> items;
    items.reserve(changes.size());
    auto elide = [](const QString &value) -> QString {
        return value.size() > 500 ? value.left(500) + QStringLiteral("…") : value;
    };
    for (const MqttJsonChange &c : changes) {
        QString kind;
        QColor color;
        switch (c.kind) {
        case MqttJsonChange::Added: kind = MqttPayloadDiffView::tr("added"); color = addedColor; break;
        case MqttJsonChange::Removed: kind = MqttPayloadDiffView::tr("removed"); color = removedColor; break;
        case MqttJsonChange::Changed: kind = MqttPayloadDiffView::tr("changed"); color = changedColor; break;
        }
        auto *item = new QTreeWidgetItem({ kind, c.path.isEmpty() ? MqttPayloadDiffView::tr("(whole document)") : c.path,
                                           elide(c.oldValue), elide(c.newValue) });
        for (int column = 0; column < 4; ++column)
            item->setBackground(column, color);
        item->setToolTip(2, elide(c.oldValue));
        item->setToolTip(3, elide(c.newValue));
        items.append(item);
    }
    table->addTopLevelItems(items);
    table->resizeColumnToContents(0);
    table->resizeColumnToContents(1);
    table->resizeColumnToContents(2);
    table->setColumnWidth(2, qMin(table->columnWidth(2), qMax(120, table->viewport()->width() / 3)));
    stack->setCurrentWidget(table);
}

MqttPayloadDiffView::MqttPayloadDiffView(QWidget *parent)
    : QWidget(parent), d(std::make_unique<MqttPayloadDiffViewPrivate>(this))
{
    d->build();
    d->compare();
}

MqttPayloadDiffView::~MqttPayloadDiffView() = default;

MqttPayloadDiffView::DiffMode MqttPayloadDiffView::diffMode() const { return d->mode; }
MqttPayloadDiffView::DiffMode MqttPayloadDiffView::shownMode() const { return d->shown; }
int MqttPayloadDiffView::changeCount() const { return d->changeCount; }
QString MqttPayloadDiffView::summaryText() const { return d->summary; }
int MqttPayloadDiffView::contextLines() const { return d->contextLines; }
int MqttPayloadDiffView::maxInputBytes() const { return d->maxInputBytes; }
QList<MqttLineDiff> MqttPayloadDiffView::lineDiff() const { return d->lineDiff; }
QList<MqttJsonChange> MqttPayloadDiffView::jsonChanges() const { return d->jsonChanges; }

void MqttPayloadDiffView::setDiffMode(DiffMode mode)
{
    if (mode < AutomaticDiff || mode > JsonDiff) {
        qWarning("MqttPayloadDiffView::setDiffMode: %d is not a diff mode", int(mode));
        return;
    }
    d->modeBox->setCurrentIndex(mode);
    if (d->mode == mode)
        return;
    d->mode = mode;
    d->compare();
    Q_EMIT diffModeChanged(mode);
}

void MqttPayloadDiffView::setContextLines(int lines)
{
    if (lines < 0 || lines > 10000) {
        qWarning("MqttPayloadDiffView::setContextLines: %d is outside 0..10000", lines);
        return;
    }
    if (d->contextLines == lines)
        return;
    d->contextLines = lines;
    d->compare();
    Q_EMIT contextLinesChanged(lines);
}

void MqttPayloadDiffView::setMaxInputBytes(int bytes)
{
    if (bytes < 1024) {
        qWarning("MqttPayloadDiffView::setMaxInputBytes: %d is below the minimum of 1024", bytes);
        return;
    }
    if (d->maxInputBytes == bytes)
        return;
    d->maxInputBytes = bytes;
    d->compare();
    Q_EMIT maxInputBytesChanged(bytes);
}

void MqttPayloadDiffView::setPayloads(const QByteArray &oldPayload, const QByteArray &newPayload,
                                      const QString &oldLabel, const QString &newLabel)
{
    d->havePayloads = true;
    d->oldPayload = oldPayload;
    d->newPayload = newPayload;
    d->oldLabel = oldLabel;
    d->newLabel = newLabel;
    d->compare();
}

void MqttPayloadDiffView::clear(const QString &message)
{
    d->havePayloads = false;
    d->oldPayload.clear();
    d->newPayload.clear();
    d->placeholder = message;
    d->compare();
}

void MqttPayloadDiffView::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange) {
        d->retranslate();
        d->compare();
    } else if (event->type() == QEvent::PaletteChange) {
        d->compare();
    }
    QWidget::changeEvent(event);
}
