// Copyright (C) 2026 The MqttQt authors.
// SPDX-License-Identifier: BSD-3-Clause
#ifndef SUBSCRIPTIONSPANEL_H
#define SUBSCRIPTIONSPANEL_H

#include "connectionprofile.h"

#include <QtCore/QHash>
#include <QtWidgets/QWidget>

class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QTreeWidget;

// The subscriptions of the current connection: filters with their QoS and what the broker
// granted. Adding or removing one takes effect at once while connected, and on every
// (re)connection otherwise.
class SubscriptionsPanel : public QWidget
{
    Q_OBJECT
public:
    explicit SubscriptionsPanel(QWidget *parent = nullptr);

    QList<SubscriptionEntry> subscriptions() const { return m_entries; }
    void setSubscriptions(const QList<SubscriptionEntry> &entries);
    // status: -1 waiting, 0..2 granted QoS, 3 refused (text says why).
    void setStatus(const QString &filter, int status, const QString &text);

    // Adds a filter; returns false with the reason shown when it is invalid or present.
    bool addSubscription(const QString &filter, Mqtt::QoS qos);
    bool removeSubscription(const QString &filter);

Q_SIGNALS:
    void subscriptionsChanged(const QList<SubscriptionEntry> &entries);

protected:
    void changeEvent(QEvent *event) override;

private:
    void retranslate();
    void rebuild();

    QList<SubscriptionEntry> m_entries;
    QHash<QString, QPair<int, QString>> m_status;
    QLineEdit *m_filter;
    QComboBox *m_qos;
    QPushButton *m_add;
    QPushButton *m_remove;
    QTreeWidget *m_list;
    QLabel *m_message;
};

// A QoS chooser with the three levels named.
QComboBox *createQosCombo(QWidget *parent);
void retranslateQosCombo(QComboBox *combo);

#endif // SUBSCRIPTIONSPANEL_H
