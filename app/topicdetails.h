// Copyright (C) 2026 The MqttQt authors.
// SPDX-License-Identifier: BSD-3-Clause
#ifndef TOPICDETAILS_H
#define TOPICDETAILS_H

#include <QtCore/QPersistentModelIndex>
#include <QtCore/QTimer>
#include <QtWidgets/QWidget>

class MqttMessageHistoryModel;
class MqttPayloadDiffView;
class MqttPayloadView;
class MqttPropertiesView;
class MqttTopicTreeModel;
class MqttValueChartView;
class QLabel;
class QPushButton;
class QSortFilterProxyModel;
class QTabWidget;
class QTableView;
class QToolButton;

// The selected topic: its latest message (or one chosen in its history) in the payload
// viewer, the history table, the diff with the message before, the chart of its values,
// and the MQTT 5 properties. Only the visible tab is brought up to date; the others
// follow when shown. Updates are coalesced to at most four per second.
class TopicDetails : public QWidget
{
    Q_OBJECT
public:
    enum Tab { ValueTab, HistoryTab, DiffTab, ChartTab, PropertiesTab };

    TopicDetails(MqttTopicTreeModel *tree, MqttMessageHistoryModel *history, QWidget *parent = nullptr);

    void setTopic(const QString &topic);
    QString topic() const { return m_topic; }
    void showTab(Tab tab);
    // Chooses a message of the history (a row of the history model) instead of the latest;
    // -1 follows the latest again.
    void selectHistoryRow(int row);

    MqttPayloadView *payloadView() const { return m_payload; }
    MqttPayloadDiffView *diffView() const { return m_diff; }
    MqttValueChartView *chartView() const { return m_chart; }
    MqttPropertiesView *propertiesView() const { return m_properties; }
    QTableView *historyView() const { return m_historyView; }
    // Brings every tab up to date now (tests, screenshots).
    void refreshNow();

Q_SIGNALS:
    void publishToTopic(const QString &topic);
    void clearRetainedRequested(const QString &topic);

protected:
    void changeEvent(QEvent *event) override;

private:
    void retranslate();
    void scheduleRefresh();
    void refresh();
    void refreshHeader();
    int currentRow() const;

    MqttTopicTreeModel *m_tree;
    MqttMessageHistoryModel *m_history;
    QSortFilterProxyModel *m_newestFirst;
    QString m_topic;
    QPersistentModelIndex m_selected;
    QHash<QString, QString> m_chartPaths;
    QTimer m_refreshTimer;
    QTimer m_headerTimer; // the rate decays with no new message: the header follows it
    bool m_dirty = true;
    QString m_shownKey;
    QString m_diffKey;
    QString m_propertiesKey;

    QLabel *m_topicLabel;
    QLabel *m_meta;
    QToolButton *m_copy;
    QToolButton *m_publishHere;
    QToolButton *m_clearRetained;
    QWidget *m_selectionBar;
    QLabel *m_selectionLabel;
    QPushButton *m_latest;
    QTabWidget *m_tabs;
    MqttPayloadView *m_payload;
    QTableView *m_historyView;
    MqttPayloadDiffView *m_diff;
    MqttValueChartView *m_chart;
    MqttPropertiesView *m_properties;
};

#endif // TOPICDETAILS_H
