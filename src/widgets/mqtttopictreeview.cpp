// Copyright (C) 2026 The MqttQt authors.
// SPDX-License-Identifier: BSD-3-Clause
#include "mqtttopictreeview.h"
#include "mqttwidgetutils_p.h"

#include <MqttQt/mqtttopictreemodel.h>

#include <QtCore/QDateTime>
#include <QtCore/QPointer>
#include <QtCore/QTimer>
#include <QtGui/QPainter>
#include <QtWidgets/QHeaderView>
#include <QtWidgets/QStyledItemDelegate>

using namespace MqttWidgetUtils;

namespace {

class TopicDelegate : public QStyledItemDelegate
{
public:
    TopicDelegate(MqttTopicTreeViewPrivate *d, QObject *parent) : QStyledItemDelegate(parent), d(d) {}

    void initStyleOption(QStyleOptionViewItem *option, const QModelIndex &index) const override;
    void paint(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const override;

    MqttTopicTreeViewPrivate *d;
    QFont valueFont = monospaceFont();
};

} // namespace

class MqttTopicTreeViewPrivate
{
public:
    explicit MqttTopicTreeViewPrivate(MqttTopicTreeView *q) : q(q) {}

    MqttTopicTreeView *q;
    bool highlight = true;
    int duration = 1500;
    qint64 lastChange = 0;
    QTimer fadeTimer;
    QPointer<QAbstractItemModel> model;
    QMetaObject::Connection dataChangedConnection;
    QMetaObject::Connection rowsInsertedConnection;
    QString currentTopic;

    void noteChange()
    {
        if (!highlight)
            return;
        lastChange = QDateTime::currentMSecsSinceEpoch();
        if (!fadeTimer.isActive())
            fadeTimer.start();
    }
};

void TopicDelegate::initStyleOption(QStyleOptionViewItem *option, const QModelIndex &index) const
{
    QStyledItemDelegate::initStyleOption(option, index);
    if (index.column() == MqttTopicTreeModel::ValueColumn) {
        option->font = valueFont;
        option->fontMetrics = QFontMetrics(valueFont);
        option->textElideMode = Qt::ElideRight;
        if (!(option->state & QStyle::State_Selected))
            option->palette.setColor(QPalette::Text, option->palette.color(QPalette::PlaceholderText).darker(
                                                             isDark(option->palette) ? 70 : 130));
    } else if (index.column() == MqttTopicTreeModel::TopicColumn) {
        if (index.data(MqttTopicTreeModel::RetainRole).toBool())
            option->font.setItalic(true);
    } else if (!(option->state & QStyle::State_Selected)) {
        option->palette.setColor(QPalette::Text, option->palette.color(QPalette::PlaceholderText));
    }
}

void TopicDelegate::paint(QPainter *painter, const QStyleOptionViewItem &option, const QModelIndex &index) const
{
    if (d->highlight && !(option.state & QStyle::State_Selected)
        && (index.column() == MqttTopicTreeModel::TopicColumn || index.column() == MqttTopicTreeModel::ValueColumn)) {
        const QVariant last = index.data(MqttTopicTreeModel::LastUpdateRole);
        if (last.isValid()) {
            const qint64 age = QDateTime::currentMSecsSinceEpoch() - last.toDateTime().toMSecsSinceEpoch();
            if (age >= 0 && age < d->duration) {
                QColor tint = isDark(option.palette) ? QColor(0x3d, 0x8b, 0xfd) : QColor(0xff, 0xc1, 0x07);
                tint.setAlphaF(0.45 * (1.0 - double(age) / d->duration));
                painter->fillRect(option.rect, tint);
            }
        }
    }
    QStyledItemDelegate::paint(painter, option, index);
}

MqttTopicTreeView::MqttTopicTreeView(QWidget *parent)
    : QTreeView(parent), d(std::make_unique<MqttTopicTreeViewPrivate>(this))
{
    setUniformRowHeights(true);
    setAlternatingRowColors(true);
    setSelectionBehavior(QAbstractItemView::SelectRows);
    setSelectionMode(QAbstractItemView::SingleSelection);
    setItemDelegate(new TopicDelegate(d.get(), this));
    setTextElideMode(Qt::ElideRight);
    header()->setStretchLastSection(false);
    d->fadeTimer.setInterval(200);
    QObject::connect(&d->fadeTimer, &QTimer::timeout, this, [this] {
        viewport()->update();
        if (QDateTime::currentMSecsSinceEpoch() - d->lastChange > d->duration)
            d->fadeTimer.stop();
    });
}

MqttTopicTreeView::~MqttTopicTreeView()
{
    QObject::disconnect(d->dataChangedConnection);
    QObject::disconnect(d->rowsInsertedConnection);
}

void MqttTopicTreeView::setModel(QAbstractItemModel *model)
{
    QObject::disconnect(d->dataChangedConnection);
    QObject::disconnect(d->rowsInsertedConnection);
    QTreeView::setModel(model);
    d->model = model;
    if (!model)
        return;
    d->dataChangedConnection = QObject::connect(model, &QAbstractItemModel::dataChanged, this, [this] { d->noteChange(); });
    d->rowsInsertedConnection = QObject::connect(model, &QAbstractItemModel::rowsInserted, this, [this] { d->noteChange(); });
    QHeaderView *h = header();
    h->setSectionResizeMode(QHeaderView::Interactive);
    if (h->count() > MqttTopicTreeModel::ValueColumn)
        h->setSectionResizeMode(MqttTopicTreeModel::ValueColumn, QHeaderView::Stretch);
    const int digits = fontMetrics().horizontalAdvance(QStringLiteral("0000000"));
    setColumnWidth(MqttTopicTreeModel::TopicColumn, fontMetrics().averageCharWidth() * 32);
    for (int column = MqttTopicTreeModel::MessageCountColumn; column < h->count(); ++column)
        setColumnWidth(column, qMax(digits, fontMetrics().horizontalAdvance(
                                                    model->headerData(column, Qt::Horizontal).toString()) + 16));
}

bool MqttTopicTreeView::highlightChanges() const { return d->highlight; }

void MqttTopicTreeView::setHighlightChanges(bool enabled)
{
    if (d->highlight == enabled)
        return;
    d->highlight = enabled;
    if (!enabled)
        d->fadeTimer.stop();
    viewport()->update();
    Q_EMIT highlightChangesChanged(enabled);
}

int MqttTopicTreeView::highlightDuration() const { return d->duration; }

void MqttTopicTreeView::setHighlightDuration(int msecs)
{
    if (msecs < 100 || msecs > 60000) {
        qWarning("MqttTopicTreeView::setHighlightDuration: %d is outside 100..60000", msecs);
        return;
    }
    if (d->duration == msecs)
        return;
    d->duration = msecs;
    Q_EMIT highlightDurationChanged(msecs);
}

QString MqttTopicTreeView::currentTopic() const
{
    return d->currentTopic;
}

void MqttTopicTreeView::currentChanged(const QModelIndex &current, const QModelIndex &previous)
{
    QTreeView::currentChanged(current, previous);
    const QString topic = current.isValid() ? current.data(MqttTopicTreeModel::TopicRole).toString() : QString();
    if (topic == d->currentTopic)
        return;
    d->currentTopic = topic;
    Q_EMIT currentTopicChanged(topic);
}
