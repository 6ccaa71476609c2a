// Copyright (C) 2026 The MqttQt authors.
// SPDX-License-Identifier: BSD-3-Clause
#include "topicdetails.h"
#include "appearance.h"

#include <MqttQt/mqttmessagehistorymodel.h>
#include <MqttQt/mqttpayloaddiffview.h>
#include <MqttQt/mqttpayloadview.h>
#include <MqttQt/mqttpropertiesview.h>
#include <MqttQt/mqtttopictreemodel.h>
#include <MqttQt/mqttvaluechartview.h>
#include <MqttQt/mqttvalueextractor.h>

#include <QtCore/QDateTime>
#include <QtCore/QEvent>
#include <QtCore/QLocale>
#include <QtCore/QSortFilterProxyModel>
#include <QtGui/QClipboard>
#include <QtGui/QGuiApplication>
#include <QtWidgets/QHBoxLayout>
#include <QtWidgets/QHeaderView>
#include <QtWidgets/QLabel>
#include <QtWidgets/QPushButton>
#include <QtWidgets/QTabWidget>
#include <QtWidgets/QTableView>
#include <QtWidgets/QToolButton>
#include <QtWidgets/QVBoxLayout>

#include <limits>

TopicDetails::TopicDetails(MqttTopicTreeModel *tree, MqttMessageHistoryModel *history, QWidget *parent)
    : QWidget(parent), m_tree(tree), m_history(history)
{
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    auto *header = new QHBoxLayout;
    m_topicLabel = new QLabel(this);
    m_topicLabel->setObjectName(QStringLiteral("detailsTopic"));
    m_topicLabel->setTextInteractionFlags(Qt::TextSelectableByMouse);
    QFont bold = m_topicLabel->font();
    bold.setBold(true);
    bold.setPointSizeF(bold.pointSizeF() * 1.15);
    m_topicLabel->setFont(bold);
    m_topicLabel->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
    m_copy = new QToolButton(this);
    m_copy->setIcon(Appearance::icon(QStringLiteral("copy")));
    m_publishHere = new QToolButton(this);
    m_publishHere->setIcon(Appearance::icon(QStringLiteral("publish")));
    m_clearRetained = new QToolButton(this);
    m_clearRetained->setIcon(Appearance::icon(QStringLiteral("clear-retained")));
    header->addWidget(m_topicLabel, 1);
    header->addWidget(m_copy);
    header->addWidget(m_publishHere);
    header->addWidget(m_clearRetained);
    layout->addLayout(header);
    m_meta = new QLabel(this);
    m_meta->setObjectName(QStringLiteral("detailsMeta"));
    m_meta->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_meta->setWordWrap(true);
    layout->addWidget(m_meta);

    m_selectionBar = new QWidget(this);
    auto *selectionLayout = new QHBoxLayout(m_selectionBar);
    selectionLayout->setContentsMargins(0, 0, 0, 0);
    m_selectionLabel = new QLabel(m_selectionBar);
    m_latest = new QPushButton(m_selectionBar);
    selectionLayout->addWidget(m_selectionLabel, 1);
    selectionLayout->addWidget(m_latest);
    m_selectionBar->hide();
    layout->addWidget(m_selectionBar);

    m_tabs = new QTabWidget(this);
    m_tabs->setObjectName(QStringLiteral("detailsTabs"));
    m_payload = new MqttPayloadView(m_tabs);
    m_historyView = new QTableView(m_tabs);
    m_historyView->setObjectName(QStringLiteral("historyView"));
    m_diff = new MqttPayloadDiffView(m_tabs);
    m_chart = new MqttValueChartView(m_tabs);
    m_properties = new MqttPropertiesView(m_tabs);
    m_tabs->addTab(m_payload, QString());
    m_tabs->addTab(m_historyView, QString());
    m_tabs->addTab(m_diff, QString());
    m_tabs->addTab(m_chart, QString());
    m_tabs->addTab(m_properties, QString());
    layout->addWidget(m_tabs, 1);

    m_newestFirst = new QSortFilterProxyModel(this);
    m_newestFirst->setSourceModel(m_history);
    m_newestFirst->setSortRole(MqttMessageHistoryModel::TimestampMsecsRole);
    m_newestFirst->setDynamicSortFilter(true);
    m_newestFirst->sort(MqttMessageHistoryModel::TimeColumn, Qt::DescendingOrder);
    m_historyView->setModel(m_newestFirst);
    m_historyView->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_historyView->setSelectionMode(QAbstractItemView::SingleSelection);
    m_historyView->verticalHeader()->hide();
    m_historyView->verticalHeader()->setDefaultSectionSize(m_historyView->fontMetrics().height() + 6);
    m_historyView->horizontalHeader()->setSectionResizeMode(QHeaderView::Interactive);
    m_historyView->horizontalHeader()->setSectionResizeMode(MqttMessageHistoryModel::PayloadColumn, QHeaderView::Stretch);
    m_historyView->setColumnWidth(MqttMessageHistoryModel::TimeColumn, fontMetrics().horizontalAdvance(QStringLiteral("0000-00-00 00:00:00.000  ")));
    m_historyView->setWordWrap(false);
    m_chart->setModel(m_history);

    m_refreshTimer.setSingleShot(true);
    m_refreshTimer.setInterval(250);
    connect(&m_refreshTimer, &QTimer::timeout, this, &TopicDetails::refresh);
    // The header's rate falls when messages stop, without a row to trigger a refresh (it
    // used to show a flood's 19.5/s long after the flood). Once a second, only the header.
    m_headerTimer.setInterval(1000);
    connect(&m_headerTimer, &QTimer::timeout, this, &TopicDetails::refreshHeader);
    connect(m_history, &QAbstractItemModel::rowsInserted, this, [this] { scheduleRefresh(); });
    connect(m_history, &QAbstractItemModel::rowsRemoved, this, [this] { scheduleRefresh(); });
    connect(m_history, &QAbstractItemModel::modelReset, this, [this] { scheduleRefresh(); });
    connect(m_tabs, &QTabWidget::currentChanged, this, [this] { refresh(); });
    connect(m_historyView->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            [this](const QModelIndex &current) {
        const QModelIndex source = m_newestFirst->mapToSource(current);
        selectHistoryRow(source.isValid() ? source.row() : -1);
    });
    connect(m_latest, &QPushButton::clicked, this, [this] {
        m_historyView->clearSelection();
        selectHistoryRow(-1);
    });
    connect(m_copy, &QToolButton::clicked, this, [this] {
        if (QClipboard *c = QGuiApplication::clipboard())
            c->setText(m_topic);
    });
    connect(m_publishHere, &QToolButton::clicked, this, [this] { Q_EMIT publishToTopic(m_topic); });
    connect(m_clearRetained, &QToolButton::clicked, this, [this] { Q_EMIT clearRetainedRequested(m_topic); });
    connect(m_chart, &MqttValueChartView::valuePathChanged, this, [this](const QString &path) {
        if (!m_topic.isEmpty())
            m_chartPaths.insert(m_topic, path);
    });
    retranslate();
    setTopic(QString());
}

void TopicDetails::retranslate()
{
    m_tabs->setTabText(ValueTab, tr("&Value"));
    m_tabs->setTabText(HistoryTab, tr("&History"));
    m_tabs->setTabText(DiffTab, tr("&Diff"));
    m_tabs->setTabText(ChartTab, tr("C&hart"));
    m_tabs->setTabText(PropertiesTab, tr("P&roperties"));
    m_copy->setToolTip(tr("Copy the topic"));
    m_publishHere->setToolTip(tr("Publish to this topic"));
    m_clearRetained->setToolTip(tr("Clear the retained messages of this topic and below…"));
    m_latest->setText(tr("Show the latest"));
    m_shownKey.clear();
    m_diffKey.clear();
    m_propertiesKey.clear();
    refreshHeader();
}

void TopicDetails::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QWidget::changeEvent(event);
}

void TopicDetails::setTopic(const QString &topic)
{
    if (topic.isEmpty())
        m_headerTimer.stop();
    else if (!m_headerTimer.isActive())
        m_headerTimer.start();
    if (!m_topic.isEmpty())
        m_chartPaths.insert(m_topic, m_chart->valuePath());
    m_topic = topic;
    m_selected = QPersistentModelIndex();
    m_shownKey.clear();
    m_diffKey.clear();
    m_propertiesKey.clear();
    m_history->setTopic(topic);
    // The chart's value path: as chosen before for this topic, else the first numeric
    // field of the latest payload (empty for plain numbers).
    QString path = m_chartPaths.value(topic);
    if (!m_chartPaths.contains(topic) && m_history->count() > 0) {
        const QByteArray latest = m_history->index(m_history->count() - 1, 0)
                                          .data(MqttMessageHistoryModel::PayloadRole).toByteArray();
        path = MqttValueExtractor::numericPaths(latest, 1).value(0);
    }
    m_chart->setValuePath(path);
    m_copy->setEnabled(!topic.isEmpty());
    m_publishHere->setEnabled(!topic.isEmpty());
    m_clearRetained->setEnabled(!topic.isEmpty());
    refresh();
}

void TopicDetails::showTab(Tab tab)
{
    m_tabs->setCurrentIndex(tab);
}

void TopicDetails::selectHistoryRow(int row)
{
    m_selected = row >= 0 ? QPersistentModelIndex(m_history->index(row, 0)) : QPersistentModelIndex();
    refresh();
}

int TopicDetails::currentRow() const
{
    if (m_selected.isValid())
        return m_selected.row();
    return m_history->count() - 1;
}

void TopicDetails::scheduleRefresh()
{
    m_dirty = true;
    if (!m_refreshTimer.isActive())
        m_refreshTimer.start();
}

void TopicDetails::refreshNow()
{
    m_refreshTimer.stop();
    m_shownKey.clear();
    m_diffKey.clear();
    m_propertiesKey.clear();
    refresh();
}

void TopicDetails::refreshHeader()
{
    if (m_topic.isEmpty()) {
        m_topicLabel->setText(tr("No topic selected"));
        m_meta->setText(tr("Select a topic in the tree to see its messages."));
        return;
    }
    m_topicLabel->setText(m_topic);
    m_topicLabel->setToolTip(m_topic);
    const QModelIndex node = m_tree->indexForTopic(m_topic);
    const QLocale locale;
    if (!node.isValid() || !node.data(MqttTopicTreeModel::HasMessageRole).toBool()) {
        const int below = node.isValid() ? node.data(MqttTopicTreeModel::SubtreeTopicCountRole).toInt() : 0;
        m_meta->setText(tr("No message on exactly this topic; %Ln topic(s) below it.", nullptr, below));
        return;
    }
    const int row = currentRow();
    const QModelIndex message = m_history->index(row, 0);
    QStringList parts;
    parts << tr("QoS %1").arg(message.data(MqttMessageHistoryModel::QosRole).toInt());
    if (message.data(MqttMessageHistoryModel::RetainRole).toBool())
        parts << tr("retained");
    parts << locale.formattedDataSize(message.data(MqttMessageHistoryModel::PayloadSizeRole).toInt());
    parts << locale.toString(message.data(MqttMessageHistoryModel::TimestampRole).toDateTime(),
                             QStringLiteral("yyyy-MM-dd HH:mm:ss.zzz"));
    parts << tr("%Ln message(s)", nullptr, int(qMin<qint64>(node.data(MqttTopicTreeModel::MessageCountRole).toLongLong(), std::numeric_limits<int>::max())));
    parts << tr("%1/s").arg(locale.toString(node.data(MqttTopicTreeModel::MessageRateRole).toDouble(), 'f', 1));
    const qint64 skipped = node.data(MqttTopicTreeModel::SkippedCountRole).toLongLong();
    if (skipped > 0)
        parts << tr("%L1 skipped under overflow").arg(skipped);
    const int properties = message.data(MqttMessageHistoryModel::PropertiesRole).value<MqttProperties>().count();
    if (properties > 0)
        parts << tr("%Ln MQTT 5 property(s)", nullptr, properties);
    m_meta->setText(parts.join(QStringLiteral(" · ")));
}

void TopicDetails::refresh()
{
    m_dirty = false;
    refreshHeader();
    const int count = m_history->count();
    m_tabs->setTabText(HistoryTab, count > 0 ? tr("&History (%L1)").arg(count) : tr("&History"));
    if (m_selected.isValid()) {
        m_selectionBar->show();
        m_selectionLabel->setText(tr("Showing the message of %1 (%L2 of %L3).")
                                          .arg(QLocale().toString(m_selected.data(MqttMessageHistoryModel::TimestampRole).toDateTime(),
                                                                  QStringLiteral("HH:mm:ss.zzz")))
                                          .arg(m_selected.row() + 1)
                                          .arg(count));
    } else {
        m_selectionBar->hide();
    }
    const int row = currentRow();
    if (row < 0) {
        const QString none = QStringLiteral("-");
        if (m_shownKey != none) {
            m_payload->clear();
            m_diff->clear(m_topic.isEmpty() ? QString() : tr("No message on this topic yet."));
            m_properties->setProperties(MqttProperties());
            m_shownKey = m_diffKey = m_propertiesKey = none;
        }
        m_tabs->setTabText(PropertiesTab, tr("P&roperties"));
        return;
    }
    const QModelIndex message = m_history->index(row, 0);
    // Identity of the message shown: its time, its row from the end and its size (rows
    // shift when old messages leave the history; the latest stays latest).
    const QString key = QString::number(message.data(MqttMessageHistoryModel::TimestampMsecsRole).toLongLong())
            + QLatin1Char('/') + QString::number(count - row) + QLatin1Char('/')
            + QString::number(message.data(MqttMessageHistoryModel::PayloadSizeRole).toInt());
    const MqttProperties properties = message.data(MqttMessageHistoryModel::PropertiesRole).value<MqttProperties>();
    m_tabs->setTabText(PropertiesTab, properties.isEmpty() ? tr("P&roperties")
                                                           : tr("P&roperties (%L1)").arg(properties.count()));
    const int tab = m_tabs->currentIndex();
    if (tab == ValueTab && key != m_shownKey) {
        m_shownKey = key;
        m_payload->setMessagePayload(message.data(MqttMessageHistoryModel::PayloadRole).toByteArray(), properties);
    }
    if (tab == DiffTab && key != m_diffKey) {
        m_diffKey = key;
        if (row == 0) {
            m_diff->clear(tr("No earlier message of this topic is in the history to compare with."));
        } else {
            const QModelIndex before = m_history->index(row - 1, 0);
            const QString format = QStringLiteral("HH:mm:ss.zzz");
            m_diff->setPayloads(before.data(MqttMessageHistoryModel::PayloadRole).toByteArray(),
                                message.data(MqttMessageHistoryModel::PayloadRole).toByteArray(),
                                QLocale().toString(before.data(MqttMessageHistoryModel::TimestampRole).toDateTime(), format),
                                QLocale().toString(message.data(MqttMessageHistoryModel::TimestampRole).toDateTime(), format));
        }
    }
    if (tab == PropertiesTab && key != m_propertiesKey) {
        m_propertiesKey = key;
        m_properties->setProperties(properties);
    }
}
