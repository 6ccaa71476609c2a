// Copyright (C) 2026 The MqttQt authors.
// SPDX-License-Identifier: BSD-3-Clause
#include "connectiondialog.h"
#include "appearance.h"
#include "secretstore.h"
#include "subscriptionspanel.h"

#include <QtCore/QPointer>
#include <QtCore/QUuid>
#include <QtWidgets/QCheckBox>
#include <QtWidgets/QComboBox>
#include <QtWidgets/QFileDialog>
#include <QtWidgets/QFormLayout>
#include <QtWidgets/QHBoxLayout>
#include <QtWidgets/QHeaderView>
#include <QtWidgets/QLabel>
#include <QtWidgets/QLineEdit>
#include <QtWidgets/QListWidget>
#include <QtWidgets/QPlainTextEdit>
#include <QtWidgets/QPushButton>
#include <QtWidgets/QSpinBox>
#include <QtWidgets/QSplitter>
#include <QtWidgets/QTabWidget>
#include <QtWidgets/QTableWidget>
#include <QtWidgets/QVBoxLayout>

ConnectionDialog::ConnectionDialog(const QList<ConnectionProfile> &profiles, const QString &current,
                                   SecretStore *secrets, QWidget *parent)
    : QDialog(parent), m_profiles(profiles), m_secrets(secrets)
{
    setObjectName(QStringLiteral("connectionDialog"));
    setWindowTitle(tr("Connections"));
    build();
    refreshList();
    int index = 0;
    for (int i = 0; i < m_profiles.size(); ++i) {
        if (m_profiles.at(i).name == current)
            index = i;
    }
    if (!m_profiles.isEmpty())
        m_list->setCurrentRow(index);
    resize(860, 600);
}

QString ConnectionDialog::selectedProfile() const
{
    return m_current >= 0 && m_current < m_profiles.size() ? m_profiles.at(m_current).name : QString();
}

static QLineEdit *fileField(QWidget *parent, QHBoxLayout **row, const QString &title)
{
    auto *edit = new QLineEdit(parent);
    auto *browse = new QPushButton(ConnectionDialog::tr("Browse…"), parent);
    *row = new QHBoxLayout;
    (*row)->addWidget(edit, 1);
    (*row)->addWidget(browse);
    QObject::connect(browse, &QPushButton::clicked, parent, [edit, parent, title] {
        const QString path = QFileDialog::getOpenFileName(parent, title, edit->text());
        if (!path.isEmpty())
            edit->setText(path);
    });
    return edit;
}

// A form label for a row whose field is a layout: QFormLayout gives such labels no
// buddy, which would show the '&' instead of underlining the shortcut letter.
static QLabel *buddyLabel(const QString &text, QWidget *buddy)
{
    auto *label = new QLabel(text, buddy->parentWidget());
    label->setBuddy(buddy);
    return label;
}

void ConnectionDialog::build()
{
    auto *layout = new QVBoxLayout(this);
    auto *splitter = new QSplitter(this);
    layout->addWidget(splitter, 1);

    auto *left = new QWidget(splitter);
    auto *leftLayout = new QVBoxLayout(left);
    leftLayout->setContentsMargins(0, 0, 0, 0);
    m_list = new QListWidget(left);
    m_list->setObjectName(QStringLiteral("profileList"));
    leftLayout->addWidget(m_list, 1);
    auto *listButtons = new QHBoxLayout;
    m_new = new QPushButton(Appearance::icon(QStringLiteral("add")), tr("New"), left);
    m_duplicate = new QPushButton(Appearance::icon(QStringLiteral("copy")), tr("Duplicate"), left);
    m_delete = new QPushButton(Appearance::icon(QStringLiteral("remove")), tr("Delete"), left);
    listButtons->addWidget(m_new);
    listButtons->addWidget(m_duplicate);
    listButtons->addWidget(m_delete);
    leftLayout->addLayout(listButtons);

    auto *tabs = new QTabWidget(splitter);
    splitter->addWidget(left);
    splitter->addWidget(tabs);
    splitter->setStretchFactor(1, 1);
    splitter->setSizes({ 220, 640 });

    // General
    auto *general = new QWidget(tabs);
    auto *g = new QFormLayout(general);
    m_name = new QLineEdit(general);
    m_name->setObjectName(QStringLiteral("profileName"));
    g->addRow(tr("&Name:"), m_name);
    m_transport = new QComboBox(general);
    m_transport->setObjectName(QStringLiteral("profileTransport"));
    m_transport->addItems({ tr("TCP (mqtt://)"), tr("TLS (mqtts://)"), tr("WebSocket (ws://)"),
                            tr("Secure WebSocket (wss://)") });
    g->addRow(tr("&Transport:"), m_transport);
    auto *hostRow = new QHBoxLayout;
    m_host = new QLineEdit(general);
    m_host->setObjectName(QStringLiteral("profileHost"));
    m_port = new QSpinBox(general);
    m_port->setObjectName(QStringLiteral("profilePort"));
    m_port->setRange(1, 65535);
    hostRow->addWidget(m_host, 1);
    hostRow->addWidget(new QLabel(tr("Port:"), general));
    hostRow->addWidget(m_port);
    g->addRow(buddyLabel(tr("&Host:"), m_host), hostRow);
    m_wsPath = new QLineEdit(general);
    g->addRow(tr("WebSocket &path:"), m_wsPath);
    m_version = new QComboBox(general);
    m_version->addItems({ QStringLiteral("MQTT 5.0"), QStringLiteral("MQTT 3.1.1"), QStringLiteral("MQTT 3.1") });
    g->addRow(tr("&Protocol:"), m_version);
    auto *idRow = new QHBoxLayout;
    m_clientId = new QLineEdit(general);
    m_clientId->setPlaceholderText(tr("generated for each connection"));
    auto *generate = new QPushButton(tr("Generate"), general);
    idRow->addWidget(m_clientId, 1);
    idRow->addWidget(generate);
    g->addRow(buddyLabel(tr("&Client id:"), m_clientId), idRow);
    m_clean = new QCheckBox(tr("Start a clean session (no session kept by the broker)"), general);
    g->addRow(QString(), m_clean);
    m_keepAlive = new QSpinBox(general);
    m_keepAlive->setRange(0, 65535);
    m_keepAlive->setSuffix(tr(" s"));
    g->addRow(tr("&Keep alive:"), m_keepAlive);
    m_username = new QLineEdit(general);
    g->addRow(tr("&User name:"), m_username);
    m_password = new QLineEdit(general);
    m_password->setEchoMode(QLineEdit::Password);
    m_password->setObjectName(QStringLiteral("profilePassword"));
    g->addRow(tr("Pass&word:"), m_password);
    m_savePassword = new QCheckBox(tr("Save the password in the system keychain"), general);
    g->addRow(QString(), m_savePassword);
    m_keychain = new QLabel(general);
    m_keychain->setObjectName(QStringLiteral("keychainStatus"));
    m_keychain->setWordWrap(true);
    g->addRow(QString(), m_keychain);
    tabs->addTab(general, tr("General"));

    // TLS
    auto *tls = new QWidget(tabs);
    auto *t = new QFormLayout(tls);
    QHBoxLayout *row = nullptr;
    m_caFile = fileField(tls, &row, tr("CA certificates"));
    m_caFile->setPlaceholderText(tr("the system's CA certificates"));
    t->addRow(buddyLabel(tr("&CA certificates:"), m_caFile), row);
    m_certFile = fileField(tls, &row, tr("Client certificate"));
    m_certFile->setPlaceholderText(tr("none (no mutual TLS)"));
    t->addRow(buddyLabel(tr("Client c&ertificate:"), m_certFile), row);
    m_keyFile = fileField(tls, &row, tr("Client key"));
    m_keyFile->setPlaceholderText(tr("in the certificate file"));
    t->addRow(buddyLabel(tr("Client &key:"), m_keyFile), row);
    m_keyPassphrase = new QLineEdit(tls);
    m_keyPassphrase->setEchoMode(QLineEdit::Password);
    m_keyPassphrase->setPlaceholderText(tr("only for an encrypted key"));
    t->addRow(tr("Key &passphrase:"), m_keyPassphrase);
    m_verifyCertificate = new QCheckBox(tr("Verify the broker's certificate"), tls);
    t->addRow(QString(), m_verifyCertificate);
    m_verifyHost = new QCheckBox(tr("Check that the certificate names the host"), tls);
    t->addRow(QString(), m_verifyHost);
    auto *tlsNote = new QLabel(tr("Turning verification off encrypts without authenticating the broker: "
                                  "anyone on the path could read along."), tls);
    tlsNote->setWordWrap(true);
    t->addRow(QString(), tlsNote);
    tabs->addTab(tls, tr("TLS"));

    // Will
    auto *will = new QWidget(tabs);
    auto *w = new QFormLayout(will);
    m_willEnabled = new QCheckBox(tr("Send a last will"), will);
    w->addRow(QString(), m_willEnabled);
    m_willTopic = new QLineEdit(will);
    w->addRow(tr("&Topic:"), m_willTopic);
    m_willPayload = new QPlainTextEdit(will);
    m_willPayload->setMaximumHeight(90);
    w->addRow(tr("&Payload:"), m_willPayload);
    m_willQos = createQosCombo(will);
    w->addRow(tr("&QoS:"), m_willQos);
    m_willRetain = new QCheckBox(tr("Retain"), will);
    w->addRow(QString(), m_willRetain);
    tabs->addTab(will, tr("Will"));

    // MQTT 5
    auto *v5 = new QWidget(tabs);
    auto *f = new QFormLayout(v5);
    m_sessionExpiry = new QSpinBox(v5);
    m_sessionExpiry->setRange(0, std::numeric_limits<int>::max());
    m_sessionExpiry->setSuffix(tr(" s"));
    m_sessionExpiry->setSpecialValueText(tr("0 (ends with the connection)"));
    f->addRow(tr("Session &expiry:"), m_sessionExpiry);
    m_receiveMaximum = new QSpinBox(v5);
    m_receiveMaximum->setRange(0, 65535);
    m_receiveMaximum->setSpecialValueText(tr("not sent (65,535)"));
    f->addRow(tr("&Receive maximum:"), m_receiveMaximum);
    m_maximumPacketSize = new QSpinBox(v5);
    m_maximumPacketSize->setRange(0, std::numeric_limits<int>::max());
    m_maximumPacketSize->setSpecialValueText(tr("not sent (no limit)"));
    m_maximumPacketSize->setSuffix(tr(" bytes"));
    f->addRow(tr("&Maximum packet size:"), m_maximumPacketSize);
    m_topicAliasMaximum = new QSpinBox(v5);
    m_topicAliasMaximum->setRange(0, 65535);
    f->addRow(tr("&Topic alias maximum:"), m_topicAliasMaximum);
    m_requestResponse = new QCheckBox(tr("Request response information"), v5);
    f->addRow(QString(), m_requestResponse);
    m_requestProblem = new QCheckBox(tr("Request problem information (reason strings)"), v5);
    f->addRow(QString(), m_requestProblem);
    m_userProperties = new QTableWidget(0, 2, v5);
    m_userProperties->setHorizontalHeaderLabels({ tr("Name"), tr("Value") });
    m_userProperties->horizontalHeader()->setStretchLastSection(true);
    m_userProperties->verticalHeader()->hide();
    auto *userButtons = new QHBoxLayout;
    auto *addUser = new QPushButton(Appearance::icon(QStringLiteral("add")), tr("Add"), v5);
    auto *removeUser = new QPushButton(Appearance::icon(QStringLiteral("remove")), tr("Remove"), v5);
    userButtons->addWidget(addUser);
    userButtons->addWidget(removeUser);
    userButtons->addStretch(1);
    auto *userBox = new QVBoxLayout;
    userBox->addWidget(m_userProperties);
    userBox->addLayout(userButtons);
    f->addRow(buddyLabel(tr("&User properties:"), m_userProperties), userBox);
    tabs->addTab(v5, tr("MQTT 5"));

    // Reconnect
    auto *reconnect = new QWidget(tabs);
    auto *r = new QFormLayout(reconnect);
    m_autoReconnect = new QCheckBox(tr("Reconnect automatically after a lost or failed connection"), reconnect);
    r->addRow(QString(), m_autoReconnect);
    m_reconnectMin = new QSpinBox(reconnect);
    m_reconnectMin->setRange(1, 3600);
    m_reconnectMin->setSuffix(tr(" s"));
    r->addRow(tr("First &delay:"), m_reconnectMin);
    m_reconnectMax = new QSpinBox(reconnect);
    m_reconnectMax->setRange(1, 3600);
    m_reconnectMax->setSuffix(tr(" s"));
    r->addRow(tr("&Longest delay:"), m_reconnectMax);
    auto *reconnectNote = new QLabel(tr("The delay doubles after each failed attempt, up to the longest delay. "
                                        "Refused credentials are not retried."), reconnect);
    reconnectNote->setWordWrap(true);
    r->addRow(QString(), reconnectNote);
    tabs->addTab(reconnect, tr("Reconnect"));

    m_problems = new QLabel(this);
    m_problems->setObjectName(QStringLiteral("profileProblems"));
    m_problems->setWordWrap(true);
    QPalette p = m_problems->palette();
    p.setColor(QPalette::WindowText, QColor(0xc6, 0x28, 0x28));
    m_problems->setPalette(p);
    layout->addWidget(m_problems);
    auto *buttons = new QHBoxLayout;
    m_save = new QPushButton(tr("&Save"), this);
    m_connectButton = new QPushButton(Appearance::icon(QStringLiteral("connect")), tr("Save and &connect"), this);
    m_connectButton->setObjectName(QStringLiteral("profileConnect"));
    m_connectButton->setDefault(true);
    m_close = new QPushButton(tr("Close"), this);
    buttons->addStretch(1);
    buttons->addWidget(m_save);
    buttons->addWidget(m_connectButton);
    buttons->addWidget(m_close);
    layout->addLayout(buttons);

    const bool available = m_secrets && m_secrets->availability() == SecretStore::Availability::Available;
    m_keychain->setText(available ? tr("Passwords are kept in the system keychain.")
                                  : tr("No keychain is available (%1): passwords are kept only until the inspector closes.")
                                            .arg(m_secrets ? m_secrets->unavailableReason() : tr("not checked")));

    connect(m_list, &QListWidget::currentRowChanged, this, [this](int row) {
        if (m_loading)
            return;
        if (m_current >= 0 && m_current != row && !commit()) {
            m_loading = true;
            m_list->setCurrentRow(m_current);
            m_loading = false;
            return;
        }
        showProfile(row);
    });
    connect(m_new, &QPushButton::clicked, this, [this] {
        if (m_current >= 0 && !commit())
            return;
        ConnectionProfile profile;
        profile.name = uniqueName(tr("New broker"), -1);
        m_profiles.append(profile);
        refreshList();
        m_list->setCurrentRow(int(m_profiles.size()) - 1);
        m_name->setFocus();
        m_name->selectAll();
    });
    connect(m_duplicate, &QPushButton::clicked, this, [this] {
        if (m_current < 0 || !commit())
            return;
        ConnectionProfile copy = m_profiles.at(m_current);
        copy.name = uniqueName(copy.name, -1);
        m_profiles.append(copy);
        refreshList();
        m_list->setCurrentRow(int(m_profiles.size()) - 1);
    });
    connect(m_delete, &QPushButton::clicked, this, [this] {
        if (m_current < 0)
            return;
        if (m_secrets)
            m_secrets->remove(m_profiles.at(m_current).passwordKey());
        m_profiles.removeAt(m_current);
        m_current = -1;
        refreshList();
        if (!m_profiles.isEmpty())
            m_list->setCurrentRow(0);
        else
            showProfile(-1);
    });
    connect(generate, &QPushButton::clicked, this, [this] {
        m_clientId->setText(QStringLiteral("mqtt-inspector-") + QUuid::createUuid().toString(QUuid::Id128).left(12));
    });
    connect(m_transport, QOverload<int>::of(&QComboBox::currentIndexChanged), this, [this](int index) {
        if (m_loading)
            return;
        // Follow the transport's usual port unless the user chose another one.
        const auto kind = ConnectionProfile::TransportKind(index);
        static const QList<int> defaults = { 1883, 8883, 80, 443 };
        if (defaults.contains(m_port->value()))
            m_port->setValue(ConnectionProfile::defaultPort(kind));
        updateTransportUi();
    });
    connect(m_version, QOverload<int>::of(&QComboBox::currentIndexChanged), this, [this] { updateTransportUi(); });
    connect(addUser, &QPushButton::clicked, this, [this] {
        const int rowIndex = m_userProperties->rowCount();
        m_userProperties->insertRow(rowIndex);
        m_userProperties->setItem(rowIndex, 0, new QTableWidgetItem);
        m_userProperties->setItem(rowIndex, 1, new QTableWidgetItem);
    });
    connect(removeUser, &QPushButton::clicked, this, [this] {
        if (m_userProperties->currentRow() >= 0)
            m_userProperties->removeRow(m_userProperties->currentRow());
    });
    connect(m_save, &QPushButton::clicked, this, [this] { finish(false); });
    connect(m_connectButton, &QPushButton::clicked, this, [this] { finish(true); });
    connect(m_close, &QPushButton::clicked, this, &QDialog::reject);
}

void ConnectionDialog::refreshList()
{
    m_loading = true;
    m_list->clear();
    for (const ConnectionProfile &p : std::as_const(m_profiles)) {
        auto *item = new QListWidgetItem(p.name, m_list);
        item->setToolTip(p.displayUrl());
    }
    m_loading = false;
    m_duplicate->setEnabled(!m_profiles.isEmpty());
    m_delete->setEnabled(!m_profiles.isEmpty());
}

QString ConnectionDialog::uniqueName(const QString &base, int except) const
{
    auto taken = [&](const QString &name) {
        for (int i = 0; i < m_profiles.size(); ++i) {
            if (i != except && m_profiles.at(i).name == name)
                return true;
        }
        return false;
    };
    if (!taken(base) && !base.isEmpty())
        return base;
    for (int n = 2;; ++n) {
        const QString candidate = tr("%1 (%2)").arg(base.isEmpty() ? tr("Broker") : base).arg(n);
        if (!taken(candidate))
            return candidate;
    }
}

void ConnectionDialog::updateTransportUi()
{
    const auto kind = ConnectionProfile::TransportKind(m_transport->currentIndex());
    const bool ws = kind == ConnectionProfile::TransportKind::WebSocket
            || kind == ConnectionProfile::TransportKind::SecureWebSocket;
    const bool tls = kind == ConnectionProfile::TransportKind::Tls
            || kind == ConnectionProfile::TransportKind::SecureWebSocket;
    m_wsPath->setEnabled(ws);
    for (QWidget *widget : { static_cast<QWidget *>(m_caFile), static_cast<QWidget *>(m_certFile),
                             static_cast<QWidget *>(m_keyFile), static_cast<QWidget *>(m_keyPassphrase),
                             static_cast<QWidget *>(m_verifyCertificate), static_cast<QWidget *>(m_verifyHost) })
        widget->setEnabled(tls);
    const bool v5 = m_version->currentIndex() == 0;
    for (QWidget *widget : { static_cast<QWidget *>(m_sessionExpiry), static_cast<QWidget *>(m_receiveMaximum),
                             static_cast<QWidget *>(m_maximumPacketSize), static_cast<QWidget *>(m_topicAliasMaximum),
                             static_cast<QWidget *>(m_requestResponse), static_cast<QWidget *>(m_requestProblem),
                             static_cast<QWidget *>(m_userProperties) })
        widget->setEnabled(v5);
}

ConnectionProfile ConnectionDialog::fromForm() const
{
    ConnectionProfile p = m_current >= 0 && m_current < m_profiles.size() ? m_profiles.at(m_current) : ConnectionProfile();
    p.name = m_name->text().trimmed();
    p.transport = ConnectionProfile::TransportKind(m_transport->currentIndex());
    p.host = m_host->text().trimmed();
    p.port = m_port->value();
    p.webSocketPath = m_wsPath->text().trimmed();
    static const Mqtt::ProtocolVersion versions[] = { Mqtt::ProtocolVersion::V5, Mqtt::ProtocolVersion::V3_1_1,
                                                      Mqtt::ProtocolVersion::V3_1 };
    p.protocolVersion = versions[qBound(0, m_version->currentIndex(), 2)];
    p.clientId = m_clientId->text().trimmed();
    p.cleanSession = m_clean->isChecked();
    p.keepAlive = m_keepAlive->value();
    p.username = m_username->text();
    p.savePassword = m_savePassword->isChecked();
    p.caFile = m_caFile->text().trimmed();
    p.certificateFile = m_certFile->text().trimmed();
    p.keyFile = m_keyFile->text().trimmed();
    p.verifyCertificate = m_verifyCertificate->isChecked();
    p.verifyHostName = m_verifyHost->isChecked();
    p.willEnabled = m_willEnabled->isChecked();
    p.willTopic = m_willTopic->text();
    p.willPayload = m_willPayload->toPlainText().toUtf8();
    p.willQos = Mqtt::QoS(m_willQos->currentIndex());
    p.willRetain = m_willRetain->isChecked();
    p.sessionExpiryInterval = quint32(m_sessionExpiry->value());
    p.receiveMaximum = m_receiveMaximum->value();
    p.maximumPacketSize = quint32(m_maximumPacketSize->value());
    p.topicAliasMaximum = m_topicAliasMaximum->value();
    p.requestResponseInformation = m_requestResponse->isChecked();
    p.requestProblemInformation = m_requestProblem->isChecked();
    p.userProperties.clear();
    for (int row = 0; row < m_userProperties->rowCount(); ++row) {
        const QString name = m_userProperties->item(row, 0) ? m_userProperties->item(row, 0)->text() : QString();
        const QString value = m_userProperties->item(row, 1) ? m_userProperties->item(row, 1)->text() : QString();
        if (!name.isEmpty() || !value.isEmpty())
            p.userProperties.append({ name, value });
    }
    p.autoReconnect = m_autoReconnect->isChecked();
    p.reconnectDelayMin = m_reconnectMin->value();
    p.reconnectDelayMax = m_reconnectMax->value();
    return p;
}

void ConnectionDialog::toForm(const ConnectionProfile &p)
{
    m_loading = true;
    m_name->setText(p.name);
    m_transport->setCurrentIndex(int(p.transport));
    m_host->setText(p.host);
    m_port->setValue(p.port);
    m_wsPath->setText(p.webSocketPath);
    m_version->setCurrentIndex(p.protocolVersion == Mqtt::ProtocolVersion::V5      ? 0
                               : p.protocolVersion == Mqtt::ProtocolVersion::V3_1_1 ? 1
                                                                                    : 2);
    m_clientId->setText(p.clientId);
    m_clean->setChecked(p.cleanSession);
    m_keepAlive->setValue(p.keepAlive);
    m_username->setText(p.username);
    m_savePassword->setChecked(p.savePassword);
    m_password->clear();
    m_keyPassphrase->clear();
    m_caFile->setText(p.caFile);
    m_certFile->setText(p.certificateFile);
    m_keyFile->setText(p.keyFile);
    m_verifyCertificate->setChecked(p.verifyCertificate);
    m_verifyHost->setChecked(p.verifyHostName);
    m_willEnabled->setChecked(p.willEnabled);
    m_willTopic->setText(p.willTopic);
    m_willPayload->setPlainText(QString::fromUtf8(p.willPayload));
    m_willQos->setCurrentIndex(int(p.willQos));
    m_willRetain->setChecked(p.willRetain);
    m_sessionExpiry->setValue(int(qMin<quint32>(p.sessionExpiryInterval, quint32(std::numeric_limits<int>::max()))));
    m_receiveMaximum->setValue(p.receiveMaximum);
    m_maximumPacketSize->setValue(int(qMin<quint32>(p.maximumPacketSize, quint32(std::numeric_limits<int>::max()))));
    m_topicAliasMaximum->setValue(p.topicAliasMaximum);
    m_requestResponse->setChecked(p.requestResponseInformation);
    m_requestProblem->setChecked(p.requestProblemInformation);
    m_userProperties->setRowCount(0);
    for (const auto &pair : p.userProperties) {
        const int row = m_userProperties->rowCount();
        m_userProperties->insertRow(row);
        m_userProperties->setItem(row, 0, new QTableWidgetItem(pair.first));
        m_userProperties->setItem(row, 1, new QTableWidgetItem(pair.second));
    }
    m_autoReconnect->setChecked(p.autoReconnect);
    m_reconnectMin->setValue(p.reconnectDelayMin);
    m_reconnectMax->setValue(p.reconnectDelayMax);
    m_loading = false;
    updateTransportUi();
    // Secrets come from the keychain (or this session's memory), never from the settings.
    if (m_secrets) {
        m_password->setText(QString::fromUtf8(m_secrets->sessionSecret(p.passwordKey())));
        m_keyPassphrase->setText(QString::fromUtf8(m_secrets->sessionSecret(p.keyPassphraseKey())));
        if (p.savePassword && m_password->text().isEmpty()) {
            const QString key = p.passwordKey();
            m_secrets->read(key, [this, key](bool found, const QByteArray &secret, const QString &error) {
                if (m_current >= 0 && m_current < m_profiles.size() && m_profiles.at(m_current).passwordKey() == key) {
                    if (found)
                        m_password->setText(QString::fromUtf8(secret));
                    else if (!error.isEmpty())
                        m_problems->setText(tr("Could not read the password from the keychain: %1").arg(error));
                }
            });
        }
    }
}

void ConnectionDialog::showProfile(int index)
{
    m_current = index;
    const bool valid = index >= 0 && index < m_profiles.size();
    if (valid)
        toForm(m_profiles.at(index));
    m_problems->clear();
}

bool ConnectionDialog::commit()
{
    if (m_current < 0 || m_current >= m_profiles.size())
        return true;
    ConnectionProfile p = fromForm();
    QStringList problems = p.validate();
    if (p.name.isEmpty())
        problems.prepend(tr("The profile needs a name."));
    for (int i = 0; i < m_profiles.size(); ++i) {
        if (i != m_current && m_profiles.at(i).name == p.name)
            problems.prepend(tr("Another profile is already named \"%1\".").arg(p.name));
    }
    if (!problems.isEmpty()) {
        m_problems->setText(problems.join(QLatin1Char('\n')));
        return false;
    }
    const QString oldName = m_profiles.at(m_current).name;
    m_profiles[m_current] = p;
    if (m_secrets) {
        const QByteArray password = m_password->text().toUtf8();
        const QByteArray passphrase = m_keyPassphrase->text().toUtf8();
        if (oldName != p.name) {
            ConnectionProfile old = p;
            old.name = oldName;
            m_secrets->remove(old.passwordKey());
            m_secrets->remove(old.keyPassphraseKey());
        }
        m_secrets->setSessionSecret(p.passwordKey(), password);
        m_secrets->setSessionSecret(p.keyPassphraseKey(), passphrase);
        QPointer<QLabel> problemsLabel = m_problems;
        auto report = [problemsLabel](bool ok, const QString &error) {
            if (problemsLabel && !ok)
                problemsLabel->setText(ConnectionDialog::tr("The password was not saved: %1").arg(error));
        };
        if (p.savePassword) {
            m_secrets->write(p.passwordKey(), password, report);
            if (!passphrase.isEmpty())
                m_secrets->write(p.keyPassphraseKey(), passphrase, report);
        } else {
            m_secrets->remove(p.passwordKey());
            m_secrets->remove(p.keyPassphraseKey());
            m_secrets->setSessionSecret(p.passwordKey(), password);
            m_secrets->setSessionSecret(p.keyPassphraseKey(), passphrase);
        }
    }
    if (QListWidgetItem *item = m_list->item(m_current)) {
        item->setText(p.name);
        item->setToolTip(p.displayUrl());
    }
    m_problems->clear();
    return true;
}

void ConnectionDialog::finish(bool connect)
{
    if (!commit())
        return;
    if (connect && m_current < 0) {
        m_problems->setText(tr("Create a profile first."));
        return;
    }
    m_connect = connect;
    accept();
}
