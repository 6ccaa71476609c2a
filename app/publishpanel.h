// Copyright (C) 2026 The MqttQt authors.
// SPDX-License-Identifier: BSD-3-Clause
#ifndef PUBLISHPANEL_H
#define PUBLISHPANEL_H

#include <MqttQt/mqttproperties.h>

#include <QtCore/QDateTime>
#include <QtCore/QVariantMap>
#include <QtWidgets/QWidget>

class QButtonGroup;
class QCheckBox;
class QComboBox;
class QGroupBox;
class QLabel;
class QLineEdit;
class QPlainTextEdit;
class QPushButton;
class QSpinBox;
class QTableWidget;
class QTreeWidget;
class QTreeWidgetItem;
class ClientController;

// How the payload editor's text becomes bytes.
enum class PayloadFormat { Text, Json, Hex, File };

// Turns the editor's text into the payload: Text as UTF-8, JSON as UTF-8 after checking it
// parses (the text is sent as written, numbers untouched), Hex from hex digits (spaces,
// colons and dashes between bytes allowed), File by reading the named file. Returns false
// with *error saying what is wrong and where.
bool buildPayload(PayloadFormat format, const QString &text, QByteArray *payload, QString *error);

// One published message, as kept in the history.
struct PublishRecord
{
    QDateTime time;
    QString topic;
    PayloadFormat format = PayloadFormat::Text;
    QString text;        // the editor's text, or the file path
    int qos = 0;
    bool retain = false;
    QVariantMap properties; // MqttProperties::toVariantMap()
    qint64 size = 0;
    int mid = 0;
    QString result;
    bool failed = false;
    bool pending = false; // waiting for published() or publishFailed()
};

// Composes and publishes messages: topic, payload (text, JSON, hex, from a file), QoS,
// retain, MQTT 5 properties including user properties, and a history of what was sent
// (kept across sessions, newest first; choosing an entry puts it back in the editor).
class PublishPanel : public QWidget
{
    Q_OBJECT
public:
    explicit PublishPanel(ClientController *controller, QWidget *parent = nullptr);
    ~PublishPanel() override;

    void setTopic(const QString &topic);
    QString topic() const;
    void setPayloadText(const QString &text, PayloadFormat format);
    void setQos(int qos);
    void setRetain(bool retain);
    // Enables the MQTT 5 properties (refused by MQTT 3.x connections).
    void setMqtt5(bool enabled);
    QList<PublishRecord> history() const { return m_history; }
    QString statusText() const;
    // Builds the properties from the editor; false with *error on invalid input.
    bool buildProperties(MqttProperties *properties, QString *error) const;

public Q_SLOTS:
    // Publishes what the editor holds; returns the message id, or 0 when refused (the
    // status line says why).
    int publish();
    void focusTopic();

Q_SIGNALS:
    void messagePublished(const QString &topic);

protected:
    void changeEvent(QEvent *event) override;

private:
    void retranslate();
    void updateFormatUi();
    void setStatus(const QString &text, bool error);
    void addHistory(const PublishRecord &record);
    void refreshHistory();
    void restore(const PublishRecord &record);
    void loadHistory();
    void saveHistory() const;
    void onPublished(int mid, bool failed, const QString &reason);

    ClientController *m_controller;
    QList<PublishRecord> m_history;
    bool m_mqtt5 = true;

    QLineEdit *m_topic;
    QComboBox *m_qos;
    QCheckBox *m_retain;
    QComboBox *m_format;
    QPushButton *m_formatJson;
    QPlainTextEdit *m_payload;
    QWidget *m_fileRow;
    QLineEdit *m_file;
    QPushButton *m_browse;
    QCheckBox *m_properties;
    QComboBox *m_contentType;
    QLineEdit *m_responseTopic;
    QLineEdit *m_correlation;
    QSpinBox *m_expiry;
    QCheckBox *m_utf8;
    QTableWidget *m_userProperties;
    QPushButton *m_addUser;
    QPushButton *m_removeUser;
    QLabel *m_status;
    QPushButton *m_publish;
    QTreeWidget *m_historyList;
    QLabel *m_historyLabel;
    QList<QLabel *> m_formLabels;
};

#endif // PUBLISHPANEL_H
