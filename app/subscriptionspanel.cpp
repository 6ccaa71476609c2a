// Copyright (C) 2026 The MqttQt authors.
// SPDX-License-Identifier: BSD-3-Clause
#include "subscriptionspanel.h"
#include "appearance.h"

#include <QtCore/QEvent>
#include <QtWidgets/QComboBox>
#include <QtWidgets/QHBoxLayout>
#include <QtWidgets/QHeaderView>
#include <QtWidgets/QLabel>
#include <QtWidgets/QLineEdit>
#include <QtWidgets/QPushButton>
#include <QtWidgets/QTreeWidget>
#include <QtWidgets/QVBoxLayout>

QComboBox *createQosCombo(QWidget *parent)
{
    auto *combo = new QComboBox(parent);
    for (int i = 0; i < 3; ++i)
        combo->addItem(QString(), i);
    retranslateQosCombo(combo);
    return combo;
}

void retranslateQosCombo(QComboBox *combo)
{
    combo->setItemText(0, SubscriptionsPanel::tr("QoS 0 (at most once)"));
    combo->setItemText(1, SubscriptionsPanel::tr("QoS 1 (at least once)"));
    combo->setItemText(2, SubscriptionsPanel::tr("QoS 2 (exactly once)"));
}

SubscriptionsPanel::SubscriptionsPanel(QWidget *parent)
    : QWidget(parent)
{
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    auto *row = new QHBoxLayout;
    m_filter = new QLineEdit(this);
    m_filter->setObjectName(QStringLiteral("subscriptionFilter"));
    m_filter->setText(QStringLiteral("#"));
    m_qos = createQosCombo(this);
    m_add = new QPushButton(this);
    m_add->setObjectName(QStringLiteral("subscribeButton"));
    m_add->setIcon(Appearance::icon(QStringLiteral("subscribe")));
    row->addWidget(m_filter, 1);
    row->addWidget(m_qos);
    row->addWidget(m_add);
    layout->addLayout(row);
    m_list = new QTreeWidget(this);
    m_list->setObjectName(QStringLiteral("subscriptionList"));
    m_list->setRootIsDecorated(false);
    m_list->setColumnCount(3);
    m_list->header()->setStretchLastSection(true);
    m_list->setSelectionMode(QAbstractItemView::ExtendedSelection);
    layout->addWidget(m_list, 1);
    auto *bottom = new QHBoxLayout;
    m_message = new QLabel(this);
    m_message->setWordWrap(true);
    m_remove = new QPushButton(this);
    m_remove->setObjectName(QStringLiteral("unsubscribeButton"));
    m_remove->setIcon(Appearance::icon(QStringLiteral("remove")));
    bottom->addWidget(m_message, 1);
    bottom->addWidget(m_remove);
    layout->addLayout(bottom);

    connect(m_add, &QPushButton::clicked, this, [this] {
        if (addSubscription(m_filter->text().trimmed(), Mqtt::QoS(m_qos->currentIndex())))
            m_filter->selectAll();
    });
    connect(m_filter, &QLineEdit::returnPressed, m_add, &QPushButton::click);
    connect(m_remove, &QPushButton::clicked, this, [this] {
        const auto selected = m_list->selectedItems();
        QStringList filters;
        for (const QTreeWidgetItem *item : selected)
            filters << item->data(0, Qt::UserRole).toString();
        for (const QString &f : std::as_const(filters))
            removeSubscription(f);
    });
    connect(m_list, &QTreeWidget::itemSelectionChanged, this,
            [this] { m_remove->setEnabled(!m_list->selectedItems().isEmpty()); });
    m_remove->setEnabled(false);
    retranslate();
}

void SubscriptionsPanel::retranslate()
{
    m_filter->setPlaceholderText(tr("Topic filter, e.g. home/+/temperature or #"));
    m_filter->setToolTip(tr("An MQTT topic filter: + matches one level, # everything below"));
    m_add->setText(tr("Subscribe"));
    m_remove->setText(tr("Unsubscribe"));
    m_list->setHeaderLabels({ tr("Filter"), tr("QoS"), tr("Status") });
    retranslateQosCombo(m_qos);
    rebuild();
}

void SubscriptionsPanel::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QWidget::changeEvent(event);
}

void SubscriptionsPanel::setSubscriptions(const QList<SubscriptionEntry> &entries)
{
    m_entries = entries;
    m_status.clear();
    rebuild();
}

void SubscriptionsPanel::setStatus(const QString &filter, int status, const QString &text)
{
    m_status.insert(filter, { status, text });
    rebuild();
}

bool SubscriptionsPanel::addSubscription(const QString &filter, Mqtt::QoS qos)
{
    if (!Mqtt::isValidTopicFilter(filter)) {
        m_message->setText(tr("\"%1\" is not a valid topic filter: + and # must fill a whole level, # only at the end.")
                                   .arg(filter));
        return false;
    }
    for (SubscriptionEntry &e : m_entries) {
        if (e.filter == filter) {
            if (e.qos == qos) {
                m_message->setText(tr("Already subscribed to %1.").arg(filter));
                return false;
            }
            e.qos = qos;
            m_message->clear();
            rebuild();
            Q_EMIT subscriptionsChanged(m_entries);
            return true;
        }
    }
    m_entries.append({ filter, qos });
    m_message->clear();
    rebuild();
    Q_EMIT subscriptionsChanged(m_entries);
    return true;
}

bool SubscriptionsPanel::removeSubscription(const QString &filter)
{
    for (qsizetype i = 0; i < m_entries.size(); ++i) {
        if (m_entries.at(i).filter == filter) {
            m_entries.removeAt(i);
            m_status.remove(filter);
            rebuild();
            Q_EMIT subscriptionsChanged(m_entries);
            return true;
        }
    }
    return false;
}

void SubscriptionsPanel::rebuild()
{
    m_list->clear();
    for (const SubscriptionEntry &e : std::as_const(m_entries)) {
        const auto status = m_status.value(e.filter, { -1, QString() });
        QString text;
        if (status.first == -1)
            text = tr("not active (waiting for a connection or the broker's answer)");
        else if (status.first <= 2)
            text = tr("granted QoS %1").arg(status.first);
        else
            text = tr("refused: %1").arg(status.second);
        auto *item = new QTreeWidgetItem(m_list, { e.filter, QString::number(int(e.qos)), text });
        item->setData(0, Qt::UserRole, e.filter);
        item->setToolTip(2, text);
        if (status.first == 3)
            item->setForeground(2, QColor(0xc6, 0x28, 0x28));
    }
    m_list->resizeColumnToContents(0);
}
