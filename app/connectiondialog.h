// Copyright (C) 2026 The MqttQt authors.
// SPDX-License-Identifier: BSD-3-Clause
#ifndef CONNECTIONDIALOG_H
#define CONNECTIONDIALOG_H

#include "connectionprofile.h"

#include <QtWidgets/QDialog>

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QListWidget;
class QPlainTextEdit;
class QPushButton;
class QSpinBox;
class QTableWidget;
class SecretStore;

// Edits the connection profiles: broker address and transport (TCP, TLS, WebSocket,
// secure WebSocket), protocol version, client id, credentials (password in the keychain
// where there is one), TLS files, will, MQTT 5 connect properties and reconnection.
class ConnectionDialog : public QDialog
{
    Q_OBJECT
public:
    ConnectionDialog(const QList<ConnectionProfile> &profiles, const QString &current, SecretStore *secrets,
                     QWidget *parent = nullptr);

    QList<ConnectionProfile> profiles() const { return m_profiles; }
    // The profile selected when the dialog closed.
    QString selectedProfile() const;
    // True when the dialog was closed with "Connect".
    bool connectRequested() const { return m_connect; }

private:
    void build();
    void showProfile(int index);
    bool commit();
    ConnectionProfile fromForm() const;
    void toForm(const ConnectionProfile &p);
    void updateTransportUi();
    void refreshList();
    QString uniqueName(const QString &base, int except) const;
    void finish(bool connect);

    QList<ConnectionProfile> m_profiles;
    SecretStore *m_secrets;
    int m_current = -1;
    bool m_connect = false;
    bool m_loading = false;

    QListWidget *m_list;
    QPushButton *m_new, *m_duplicate, *m_delete;
    QLineEdit *m_name, *m_host, *m_wsPath, *m_clientId, *m_username, *m_password;
    QComboBox *m_transport, *m_version;
    QSpinBox *m_port, *m_keepAlive;
    QCheckBox *m_clean, *m_savePassword;
    QLabel *m_keychain;
    QLineEdit *m_caFile, *m_certFile, *m_keyFile, *m_keyPassphrase;
    QCheckBox *m_verifyCertificate, *m_verifyHost;
    QCheckBox *m_willEnabled, *m_willRetain;
    QLineEdit *m_willTopic;
    QPlainTextEdit *m_willPayload;
    QComboBox *m_willQos;
    QSpinBox *m_sessionExpiry, *m_receiveMaximum, *m_maximumPacketSize, *m_topicAliasMaximum;
    QCheckBox *m_requestResponse, *m_requestProblem;
    QTableWidget *m_userProperties;
    QCheckBox *m_autoReconnect;
    QSpinBox *m_reconnectMin, *m_reconnectMax;
    QLabel *m_problems;
    QPushButton *m_save, *m_connectButton, *m_close;
};

#endif // CONNECTIONDIALOG_H
