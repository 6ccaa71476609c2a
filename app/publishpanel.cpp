// Copyright (C) 2026 The MqttQt authors.
// SPDX-License-Identifier: BSD-3-Clause
#include "publishpanel.h"
#include "appearance.h"
#include "clientcontroller.h"
#include "subscriptionspanel.h"

#include <MqttQt/mqttpayloadformat.h>

#include <QtCore/QEvent>
#include <QtCore/QFile>
#include <QtCore/QFileInfo>
#include <QtCore/QLocale>
#include <QtCore/QSettings>
#include <QtGui/QFontDatabase>
#include <QtWidgets/QCheckBox>
#include <QtWidgets/QComboBox>
#include <QtWidgets/QFileDialog>
#include <QtWidgets/QFormLayout>
#include <QtWidgets/QFrame>
#include <QtWidgets/QGroupBox>
#include <QtWidgets/QHBoxLayout>
#include <QtWidgets/QHeaderView>
#include <QtWidgets/QLabel>
#include <QtWidgets/QLineEdit>
#include <QtWidgets/QPlainTextEdit>
#include <QtWidgets/QPushButton>
#include <QtWidgets/QSpinBox>
#include <QtWidgets/QSplitter>
#include <QtWidgets/QTableWidget>
#include <QtWidgets/QTreeWidget>
#include <QtWidgets/QVBoxLayout>

namespace {

constexpr int maxHistory = 100;
constexpr qsizetype maxKeptText = 64 * 1024;
constexpr qint64 maxPayload = 268435455; // the MQTT maximum

int hexDigit(QChar c)
{
    const char16_t u = c.unicode();
    if (u >= u'0' && u <= u'9')
        return u - u'0';
    if (u >= u'a' && u <= u'f')
        return u - u'a' + 10;
    if (u >= u'A' && u <= u'F')
        return u - u'A' + 10;
    return -1;
}

} // namespace

bool buildPayload(PayloadFormat format, const QString &text, QByteArray *payload, QString *error)
{
    switch (format) {
    case PayloadFormat::Text:
        *payload = text.toUtf8();
        return true;
    case PayloadFormat::Json: {
        const QByteArray bytes = text.toUtf8();
        QString why;
        if (!MqttPayloadFormat::isJson(bytes, &why)) {
            *error = PublishPanel::tr("Not valid JSON: %1").arg(why);
            return false;
        }
        *payload = bytes;
        return true;
    }
    case PayloadFormat::Hex: {
        QByteArray bytes;
        int high = -1;
        for (qsizetype i = 0; i < text.size(); ++i) {
            const QChar c = text.at(i);
            if (c.isSpace() || c == u':' || c == u'-' || c == u',') {
                if (high >= 0) {
                    *error = PublishPanel::tr("Hex: a byte needs two digits (position %1).").arg(i + 1);
                    return false;
                }
                continue;
            }
            if ((c == u'x' || c == u'X') && high == 0 && i > 0 && text.at(i - 1) == u'0') {
                high = -1; // a "0x" prefix
                continue;
            }
            const int v = hexDigit(c);
            if (v < 0) {
                *error = PublishPanel::tr("Hex: '%1' at position %2 is not a hex digit.").arg(c).arg(i + 1);
                return false;
            }
            if (high < 0) {
                high = v;
            } else {
                bytes.append(char(high * 16 + v));
                high = -1;
            }
        }
        if (high >= 0) {
            *error = PublishPanel::tr("Hex: odd number of digits (the last byte has one digit).");
            return false;
        }
        *payload = bytes;
        return true;
    }
    case PayloadFormat::File: {
        if (text.isEmpty()) {
            *error = PublishPanel::tr("Choose a file to publish.");
            return false;
        }
        QFile file(text);
        if (!file.open(QIODevice::ReadOnly)) {
            *error = PublishPanel::tr("Cannot read %1: %2").arg(text, file.errorString());
            return false;
        }
        if (file.size() > maxPayload) {
            *error = PublishPanel::tr("%1 is larger than MQTT allows (256 MiB).").arg(text);
            return false;
        }
        *payload = file.readAll();
        if (file.error() != QFile::NoError) {
            *error = PublishPanel::tr("Cannot read %1: %2").arg(text, file.errorString());
            return false;
        }
        return true;
    }
    }
    return false;
}

PublishPanel::PublishPanel(ClientController *controller, QWidget *parent)
    : QWidget(parent), m_controller(controller)
{
    auto *outer = new QHBoxLayout(this);
    outer->setContentsMargins(4, 4, 4, 4);
    auto *splitter = new QSplitter(Qt::Horizontal, this);
    outer->addWidget(splitter);

    auto *editor = new QWidget(splitter);
    auto *layout = new QVBoxLayout(editor);
    layout->setContentsMargins(0, 0, 0, 0);
    auto *form = new QFormLayout;
    form->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    auto label = [this](QWidget *buddy) {
        auto *l = new QLabel(this);
        l->setBuddy(buddy);
        m_formLabels << l;
        return l;
    };
    m_topic = new QLineEdit(this);
    m_topic->setObjectName(QStringLiteral("publishTopic"));
    auto *topicRow = new QHBoxLayout;
    m_qos = createQosCombo(this);
    m_qos->setObjectName(QStringLiteral("publishQos"));
    m_retain = new QCheckBox(this);
    m_retain->setObjectName(QStringLiteral("publishRetain"));
    topicRow->addWidget(m_topic, 1);
    topicRow->addWidget(m_qos);
    topicRow->addWidget(m_retain);
    form->addRow(label(m_topic), topicRow);

    auto *formatRow = new QHBoxLayout;
    m_format = new QComboBox(this);
    m_format->setObjectName(QStringLiteral("publishFormat"));
    for (int i = 0; i < 4; ++i)
        m_format->addItem(QString());
    m_formatJson = new QPushButton(this);
    formatRow->addWidget(m_format);
    formatRow->addWidget(m_formatJson);
    formatRow->addStretch(1);
    form->addRow(label(m_format), formatRow);
    layout->addLayout(form);

    m_payload = new QPlainTextEdit(this);
    m_payload->setObjectName(QStringLiteral("publishPayload"));
    m_payload->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_payload->setTabChangesFocus(true);
    layout->addWidget(m_payload, 1);
    m_fileRow = new QWidget(this);
    auto *fileLayout = new QHBoxLayout(m_fileRow);
    fileLayout->setContentsMargins(0, 0, 0, 0);
    m_file = new QLineEdit(m_fileRow);
    m_file->setObjectName(QStringLiteral("publishFile"));
    m_browse = new QPushButton(m_fileRow);
    fileLayout->addWidget(m_file, 1);
    fileLayout->addWidget(m_browse);
    layout->addWidget(m_fileRow);

    m_properties = new QCheckBox(this);
    m_properties->setObjectName(QStringLiteral("publishProperties"));
    m_properties->setChecked(false);
    auto *propertiesBody = new QFrame(this);
    propertiesBody->setFrameShape(QFrame::StyledPanel);
    auto *propertiesForm = new QFormLayout(propertiesBody);
    propertiesForm->setContentsMargins(6, 6, 6, 6);
    m_contentType = new QComboBox(this);
    m_contentType->setEditable(true);
    m_contentType->addItems({ QString(), QStringLiteral("application/json"), QStringLiteral("text/plain"),
                              QStringLiteral("application/octet-stream"), QStringLiteral("image/png"),
                              QStringLiteral("image/svg+xml") });
    m_responseTopic = new QLineEdit(this);
    m_correlation = new QLineEdit(this);
    m_expiry = new QSpinBox(this);
    m_expiry->setRange(0, std::numeric_limits<int>::max());
    m_utf8 = new QCheckBox(this);
    propertiesForm->addRow(label(m_contentType), m_contentType);
    propertiesForm->addRow(label(m_responseTopic), m_responseTopic);
    propertiesForm->addRow(label(m_correlation), m_correlation);
    auto *expiryRow = new QHBoxLayout;
    expiryRow->addWidget(m_expiry);
    expiryRow->addWidget(m_utf8);
    expiryRow->addStretch(1);
    propertiesForm->addRow(label(m_expiry), expiryRow);
    m_userProperties = new QTableWidget(0, 2, this);
    m_userProperties->setObjectName(QStringLiteral("publishUserProperties"));
    m_userProperties->horizontalHeader()->setStretchLastSection(true);
    m_userProperties->verticalHeader()->hide();
    m_userProperties->setMaximumHeight(110);
    auto *userButtons = new QVBoxLayout;
    m_addUser = new QPushButton(this);
    m_addUser->setIcon(Appearance::icon(QStringLiteral("add")));
    m_removeUser = new QPushButton(this);
    m_removeUser->setIcon(Appearance::icon(QStringLiteral("remove")));
    userButtons->addWidget(m_addUser);
    userButtons->addWidget(m_removeUser);
    userButtons->addStretch(1);
    auto *userRow = new QHBoxLayout;
    userRow->addWidget(m_userProperties, 1);
    userRow->addLayout(userButtons);
    propertiesForm->addRow(label(m_userProperties), userRow);
    propertiesBody->setVisible(false);
    connect(m_properties, &QCheckBox::toggled, propertiesBody, &QWidget::setVisible);

    auto *bottom = new QHBoxLayout;
    bottom->addWidget(m_properties);
    m_status = new QLabel(this);
    m_status->setObjectName(QStringLiteral("publishStatus"));
    m_status->setWordWrap(true);
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_publish = new QPushButton(this);
    m_publish->setObjectName(QStringLiteral("publishButton"));
    m_publish->setIcon(Appearance::icon(QStringLiteral("publish")));
    m_publish->setDefault(true);
    bottom->addWidget(m_status, 1);
    bottom->addWidget(m_publish);
    layout->addLayout(bottom);
    layout->addWidget(propertiesBody);

    auto *historyBox = new QWidget(splitter);
    auto *historyLayout = new QVBoxLayout(historyBox);
    historyLayout->setContentsMargins(0, 0, 0, 0);
    m_historyLabel = new QLabel(historyBox);
    m_historyList = new QTreeWidget(historyBox);
    m_historyList->setObjectName(QStringLiteral("publishHistory"));
    m_historyList->setRootIsDecorated(false);
    m_historyList->setUniformRowHeights(true);
    m_historyList->setColumnCount(5);
    historyLayout->addWidget(m_historyLabel);
    historyLayout->addWidget(m_historyList, 1);
    splitter->addWidget(editor);
    splitter->addWidget(historyBox);
    splitter->setStretchFactor(0, 3);
    splitter->setStretchFactor(1, 2);

    connect(m_publish, &QPushButton::clicked, this, &PublishPanel::publish);
    connect(m_format, QOverload<int>::of(&QComboBox::currentIndexChanged), this, [this] { updateFormatUi(); });
    connect(m_formatJson, &QPushButton::clicked, this, [this] {
        QString error;
        const QString pretty = MqttPayloadFormat::prettyJson(m_payload->toPlainText().toUtf8(), &error);
        if (pretty.isNull())
            setStatus(tr("Not valid JSON: %1").arg(error), true);
        else
            m_payload->setPlainText(pretty);
    });
    connect(m_browse, &QPushButton::clicked, this, [this] {
        const QString path = QFileDialog::getOpenFileName(this, tr("Publish a file"));
        if (!path.isEmpty())
            m_file->setText(path);
    });
    connect(m_addUser, &QPushButton::clicked, this, [this] {
        const int row = m_userProperties->rowCount();
        m_userProperties->insertRow(row);
        m_userProperties->setItem(row, 0, new QTableWidgetItem);
        m_userProperties->setItem(row, 1, new QTableWidgetItem);
        m_userProperties->editItem(m_userProperties->item(row, 0));
    });
    connect(m_removeUser, &QPushButton::clicked, this, [this] {
        const int row = m_userProperties->currentRow();
        if (row >= 0)
            m_userProperties->removeRow(row);
    });
    connect(m_historyList, &QTreeWidget::itemActivated, this, [this](QTreeWidgetItem *item) {
        const int index = item->data(0, Qt::UserRole).toInt();
        if (index >= 0 && index < m_history.size())
            restore(m_history.at(index));
    });
    connect(m_controller, &ClientController::published, this, [this](int mid) { onPublished(mid, false, QString()); });
    connect(m_controller, &ClientController::publishFailed, this,
            [this](int mid, const QString &reason) { onPublished(mid, true, reason); });

    loadHistory();
    retranslate();
    updateFormatUi();
}

PublishPanel::~PublishPanel() = default;

void PublishPanel::retranslate()
{
    static const char *labels[] = {
        QT_TR_NOOP("&Topic:"), QT_TR_NOOP("&Format:"), QT_TR_NOOP("Content t&ype:"),
        QT_TR_NOOP("Response to&pic:"), QT_TR_NOOP("Co&rrelation data:"), QT_TR_NOOP("Message e&xpiry:"),
        QT_TR_NOOP("&User properties:"),
    };
    for (int i = 0; i < m_formLabels.size() && i < int(std::size(labels)); ++i)
        m_formLabels.at(i)->setText(tr(labels[i]));
    m_topic->setPlaceholderText(tr("Topic to publish to, e.g. home/kitchen/light"));
    m_retain->setText(tr("&Retain"));
    m_retain->setToolTip(tr("The broker keeps the message and sends it to future subscribers"));
    m_format->setItemText(0, tr("Text (UTF-8)"));
    m_format->setItemText(1, tr("JSON (checked before sending)"));
    m_format->setItemText(2, tr("Hex bytes"));
    m_format->setItemText(3, tr("File"));
    m_formatJson->setText(tr("Format JSON"));
    m_payload->setPlaceholderText(tr("Payload"));
    m_file->setPlaceholderText(tr("File whose bytes are the payload"));
    m_browse->setText(tr("Browse…"));
    m_properties->setText(tr("MQTT 5 properties"));
    m_contentType->lineEdit()->setPlaceholderText(tr("none"));
    m_responseTopic->setPlaceholderText(tr("none"));
    m_correlation->setPlaceholderText(tr("none (text, sent as bytes)"));
    m_expiry->setSpecialValueText(tr("never"));
    m_expiry->setSuffix(tr(" s"));
    m_utf8->setText(tr("Payload is UTF-8 text"));
    m_userProperties->setHorizontalHeaderLabels({ tr("Name"), tr("Value") });
    m_addUser->setToolTip(tr("Add a user property"));
    m_removeUser->setToolTip(tr("Remove the selected user property"));
    m_publish->setText(tr("&Publish"));
    m_publish->setToolTip(tr("Publish (Ctrl+Return)"));
    m_historyLabel->setText(tr("Sent (double-click to edit again):"));
    m_historyList->setHeaderLabels({ tr("Time"), tr("Topic"), tr("QoS"), tr("Size"), tr("Result") });
    retranslateQosCombo(m_qos);
    refreshHistory();
}

void PublishPanel::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QWidget::changeEvent(event);
}

void PublishPanel::updateFormatUi()
{
    const auto format = PayloadFormat(m_format->currentIndex());
    m_fileRow->setVisible(format == PayloadFormat::File);
    m_payload->setVisible(format != PayloadFormat::File);
    m_formatJson->setVisible(format == PayloadFormat::Json);
}

void PublishPanel::setTopic(const QString &topic) { m_topic->setText(topic); }
QString PublishPanel::topic() const { return m_topic->text(); }
void PublishPanel::setQos(int qos) { m_qos->setCurrentIndex(qBound(0, qos, 2)); }
void PublishPanel::setRetain(bool retain) { m_retain->setChecked(retain); }
QString PublishPanel::statusText() const { return m_status->text(); }

void PublishPanel::focusTopic()
{
    m_topic->setFocus();
    m_topic->selectAll();
}

void PublishPanel::setPayloadText(const QString &text, PayloadFormat format)
{
    m_format->setCurrentIndex(int(format));
    if (format == PayloadFormat::File)
        m_file->setText(text);
    else
        m_payload->setPlainText(text);
}

void PublishPanel::setMqtt5(bool enabled)
{
    m_mqtt5 = enabled;
    m_properties->setEnabled(enabled);
    m_properties->setToolTip(enabled ? QString() : tr("MQTT 5 properties need an MQTT 5 connection"));
}

void PublishPanel::setStatus(const QString &text, bool error)
{
    m_status->setText(text);
    QPalette p = m_status->palette();
    p.setColor(QPalette::WindowText, error ? QColor(0xc6, 0x28, 0x28) : palette().color(QPalette::WindowText));
    m_status->setPalette(p);
}

bool PublishPanel::buildProperties(MqttProperties *properties, QString *error) const
{
    MqttProperties p;
    if (!m_properties->isChecked() || !m_mqtt5) {
        *properties = p;
        return true;
    }
    using P = Mqtt::PropertyId;
    const QString contentType = m_contentType->currentText().trimmed();
    if (!contentType.isEmpty() && !p.setString(P::ContentType, contentType)) {
        *error = tr("The content type is too long.");
        return false;
    }
    const QString responseTopic = m_responseTopic->text().trimmed();
    if (!responseTopic.isEmpty()) {
        if (!Mqtt::isValidTopicName(responseTopic) || !p.setString(P::ResponseTopic, responseTopic)) {
            *error = tr("The response topic \"%1\" is not a valid topic name.").arg(responseTopic);
            return false;
        }
    }
    if (!m_correlation->text().isEmpty() && !p.setBinary(P::CorrelationData, m_correlation->text().toUtf8())) {
        *error = tr("The correlation data is too long.");
        return false;
    }
    if (m_expiry->value() > 0)
        p.setInteger(P::MessageExpiryInterval, quint32(m_expiry->value()));
    if (m_utf8->isChecked())
        p.setInteger(P::PayloadFormatIndicator, 1);
    for (int row = 0; row < m_userProperties->rowCount(); ++row) {
        const QString name = m_userProperties->item(row, 0) ? m_userProperties->item(row, 0)->text() : QString();
        const QString value = m_userProperties->item(row, 1) ? m_userProperties->item(row, 1)->text() : QString();
        if (name.isEmpty() && value.isEmpty())
            continue;
        if (!p.addUserProperty(name, value)) {
            *error = tr("User property %1 is too long.").arg(row + 1);
            return false;
        }
    }
    *properties = p;
    return true;
}

int PublishPanel::publish()
{
    const QString topic = m_topic->text();
    if (!Mqtt::isValidTopicName(topic)) {
        setStatus(topic.isEmpty() ? tr("Enter a topic to publish to.")
                                  : tr("\"%1\" is not a valid topic name (no + or #, not empty).").arg(topic),
                  true);
        return 0;
    }
    const auto format = PayloadFormat(m_format->currentIndex());
    const QString text = format == PayloadFormat::File ? m_file->text() : m_payload->toPlainText();
    QByteArray payload;
    QString error;
    if (!buildPayload(format, text, &payload, &error)) {
        setStatus(error, true);
        return 0;
    }
    MqttProperties properties;
    if (!buildProperties(&properties, &error)) {
        setStatus(error, true);
        return 0;
    }
    const auto qos = Mqtt::QoS(m_qos->currentIndex());
    // Not queued while disconnected, whatever the QoS: the library would keep a QoS 1/2
    // message for the next connection, which may be to another broker (another profile).
    const MqttMessageInfo info = m_controller->isConnected()
            ? m_controller->publish(topic, payload, qos, m_retain->isChecked(), properties)
            : MqttMessageInfo(Mqtt::ErrorCode::NoConnection, 0);
    PublishRecord record;
    record.time = QDateTime::currentDateTime();
    record.topic = topic;
    record.format = format;
    record.text = text;
    record.qos = int(qos);
    record.retain = m_retain->isChecked();
    record.properties = properties.toVariantMap();
    record.size = payload.size();
    record.mid = info.mid();
    if (info.rc() != Mqtt::ErrorCode::NoError) {
        record.failed = true;
        record.result = tr("refused: %1").arg(Mqtt::errorString(info.rc()));
        setStatus(tr("Not published: %1").arg(Mqtt::errorString(info.rc())), true);
    } else {
        record.pending = true;
        record.result = qos == Mqtt::QoS::AtMostOnce ? tr("sending") : tr("waiting for the broker");
        setStatus(tr("Published %1 to %2.").arg(QLocale().formattedDataSize(payload.size()), topic), false);
        Q_EMIT messagePublished(topic);
    }
    addHistory(record);
    return record.failed ? 0 : info.mid();
}

void PublishPanel::onPublished(int mid, bool failed, const QString &reason)
{
    for (qsizetype i = m_history.size() - 1; i >= 0; --i) {
        PublishRecord &r = m_history[i];
        if (r.mid != mid || !r.pending)
            continue;
        r.pending = false;
        r.failed = failed;
        r.result = failed ? tr("failed: %1").arg(reason) : (r.qos == 0 ? tr("sent") : tr("acknowledged"));
        if (failed)
            setStatus(tr("The message to %1 failed: %2").arg(r.topic, reason), true);
        refreshHistory();
        saveHistory();
        return;
    }
}

void PublishPanel::addHistory(const PublishRecord &record)
{
    m_history.append(record);
    while (m_history.size() > maxHistory)
        m_history.removeFirst();
    refreshHistory();
    saveHistory();
}

void PublishPanel::refreshHistory()
{
    m_historyList->clear();
    QList<QTreeWidgetItem *> items;
    for (qsizetype i = m_history.size() - 1; i >= 0; --i) {
        const PublishRecord &r = m_history.at(i);
        auto *item = new QTreeWidgetItem({ QLocale().toString(r.time.time(), QStringLiteral("HH:mm:ss")), r.topic,
                                           QString::number(r.qos) + (r.retain ? tr(" R") : QString()),
                                           QLocale().formattedDataSize(r.size), r.result });
        item->setData(0, Qt::UserRole, int(i));
        item->setToolTip(1, r.topic);
        item->setToolTip(4, r.result);
        if (r.failed)
            item->setForeground(4, QColor(0xc6, 0x28, 0x28));
        items << item;
    }
    m_historyList->addTopLevelItems(items);
}

void PublishPanel::restore(const PublishRecord &record)
{
    m_topic->setText(record.topic);
    setPayloadText(record.text, record.format);
    setQos(record.qos);
    setRetain(record.retain);
    const MqttProperties p = MqttProperties::fromVariantMap(record.properties);
    m_properties->setChecked(!p.isEmpty());
    using P = Mqtt::PropertyId;
    m_contentType->setEditText(p.string(P::ContentType).value_or(QString()));
    m_responseTopic->setText(p.string(P::ResponseTopic).value_or(QString()));
    m_correlation->setText(QString::fromUtf8(p.binary(P::CorrelationData).value_or(QByteArray())));
    m_expiry->setValue(int(p.integer(P::MessageExpiryInterval).value_or(0)));
    m_utf8->setChecked(p.integer(P::PayloadFormatIndicator).value_or(0) == 1);
    m_userProperties->setRowCount(0);
    const auto users = p.userProperties();
    for (const auto &pair : users) {
        const int row = m_userProperties->rowCount();
        m_userProperties->insertRow(row);
        m_userProperties->setItem(row, 0, new QTableWidgetItem(pair.first));
        m_userProperties->setItem(row, 1, new QTableWidgetItem(pair.second));
    }
    setStatus(tr("Restored the message sent at %1.").arg(QLocale().toString(record.time, QLocale::ShortFormat)), false);
}

void PublishPanel::loadHistory()
{
    QSettings settings;
    const QVariantList list = settings.value(QStringLiteral("publish/history")).toList();
    for (const QVariant &v : list) {
        const QVariantMap m = v.toMap();
        PublishRecord r;
        r.time = m.value(QStringLiteral("time")).toDateTime();
        r.topic = m.value(QStringLiteral("topic")).toString();
        r.format = PayloadFormat(qBound(0, m.value(QStringLiteral("format")).toInt(), 3));
        r.text = m.value(QStringLiteral("text")).toString();
        r.qos = m.value(QStringLiteral("qos")).toInt();
        r.retain = m.value(QStringLiteral("retain")).toBool();
        r.properties = m.value(QStringLiteral("properties")).toMap();
        r.size = m.value(QStringLiteral("size")).toLongLong();
        r.result = m.value(QStringLiteral("result")).toString();
        r.failed = m.value(QStringLiteral("failed")).toBool();
        if (!r.topic.isEmpty())
            m_history.append(r);
    }
}

void PublishPanel::saveHistory() const
{
    QVariantList list;
    for (const PublishRecord &r : m_history) {
        QVariantMap m;
        m.insert(QStringLiteral("time"), r.time);
        m.insert(QStringLiteral("topic"), r.topic);
        m.insert(QStringLiteral("format"), int(r.format));
        // Very large editor contents are not kept (the history would grow without bound);
        // the entry says so when restored.
        m.insert(QStringLiteral("text"), r.text.size() <= maxKeptText ? r.text
                                                                      : tr("(%1 characters, too long to keep)").arg(r.text.size()));
        m.insert(QStringLiteral("qos"), r.qos);
        m.insert(QStringLiteral("retain"), r.retain);
        m.insert(QStringLiteral("properties"), r.properties);
        m.insert(QStringLiteral("size"), r.size);
        m.insert(QStringLiteral("result"), r.result);
        m.insert(QStringLiteral("failed"), r.failed);
        list.append(m);
    }
    QSettings settings;
    settings.setValue(QStringLiteral("publish/history"), list);
}
