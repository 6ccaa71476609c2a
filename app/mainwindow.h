// Copyright (C) 2026 The MqttQt authors.
// SPDX-License-Identifier: BSD-3-Clause
#ifndef MAINWINDOW_H
#define MAINWINDOW_H

#include "appearance.h"
#include "connectionprofile.h"

#include <QtCore/QElapsedTimer>
#include <QtCore/QSet>
#include <QtCore/QTimer>
#include <QtWidgets/QMainWindow>

#include <functional>

class ClientController;
class LatencyProbe;
class MqttMessageFeed;
class MqttMessageHistoryModel;
class MqttTopicFilterProxyModel;
class MqttTopicTreeModel;
class MqttTopicTreeView;
class PublishPanel;
class SecretStore;
class SubscriptionsPanel;
class TopicDetails;
class QComboBox;
class QDockWidget;
class QFrame;
class QLabel;
class QLineEdit;
class QMenu;
class QStackedWidget;
class QToolBar;
class QActionGroup;

// Command-line choices that shape one run (see main.cpp for the options).
struct InspectorOptions
{
    QString connectUrl;
    QString profileName;
    QStringList subscriptions;
    int historyPerTopic = -1;
    int historyMessages = -1;
    qint64 historyBytes = -1;
    QString selectTopic;
};

// The inspector's window: composition of the models, the widgets library's views and the
// panels. The MQTT client lives in a worker thread (ClientController); this window never
// handles a message one by one: the tree model drains the feed on its tick.
class MainWindow : public QMainWindow
{
    Q_OBJECT
public:
    explicit MainWindow(const InspectorOptions &options = InspectorOptions(), QWidget *parent = nullptr);
    ~MainWindow() override;

    MqttMessageFeed *feed() const { return m_feed; }
    MqttTopicTreeModel *treeModel() const { return m_tree; }
    MqttTopicFilterProxyModel *filterModel() const { return m_filter; }
    MqttMessageHistoryModel *historyModel() const { return m_history; }
    MqttTopicTreeView *treeView() const { return m_treeView; }
    ClientController *controller() const { return m_controller; }
    TopicDetails *details() const { return m_details; }
    PublishPanel *publishPanel() const { return m_publish; }
    SubscriptionsPanel *subscriptionsPanel() const { return m_subscriptions; }
    SecretStore *secrets() const { return m_secrets; }
    QList<ConnectionProfile> profiles() const { return m_profiles; }
    QString currentProfileName() const;
    QString connectionStateText() const;
    QString statisticsText() const;

    // Adds (or replaces) a profile; a transient one is not saved with the settings.
    void addProfile(const ConnectionProfile &profile, bool transient);
    void connectProfile(const QString &name);
    void disconnectFromBroker();
    // Shows topic in the tree and the details (expanding its ancestors).
    bool selectTopic(const QString &topic);
    // Clears the retained messages of root and everything below ("" for all), asking
    // first through confirmClear.
    void clearRetained(const QString &root);
    // Asks whether to clear these retained topics; replaceable (tests answer without a
    // dialog). The default shows a confirmation dialog.
    std::function<bool(const QString &root, const QStringList &topics)> confirmClear;

Q_SIGNALS:
    // Emitted when a retained-message clearing finished (or could not start).
    void retainedClearFinished(int cleared, int failed, bool cancelled, int stillRetained, const QString &error);

protected:
    void closeEvent(QCloseEvent *event) override;
    void changeEvent(QEvent *event) override;

private:
    void createModels();
    void createActions();
    void createMenus();
    void createToolBar();
    void createCentral();
    void createDocks();
    void createStatusBar();
    void retranslate();
    void refreshIcons();
    void loadSettings();
    void saveSettings();
    void saveProfiles();
    void refreshProfileCombo();
    void updateStatus();
    void updateActions();
    void showError(const QString &text);
    void hideError();
    void showNotice(const QString &text, int msecs);
    void applyFilter();
    void onStateChanged();
    void onCurrentTopicChanged(const QString &topic);
    void showTreeMenu(const QPoint &pos);
    void editProfiles();
    void editHistoryLimits();
    void showShortcuts();
    void setTheme(Appearance::Theme theme);
    void setLanguage(const QString &code);
    void startConnection(const ConnectionProfile &profile, const QByteArray &password, const QByteArray &passphrase);
    void withSecrets(const ConnectionProfile &profile,
                     const std::function<void(const QByteArray &password, const QByteArray &passphrase)> &then);
    bool defaultConfirmClear(const QString &root, const QStringList &topics);
    void expandMatches();

    InspectorOptions m_options;
    MqttMessageFeed *m_feed = nullptr;
    MqttTopicTreeModel *m_tree = nullptr;
    MqttTopicFilterProxyModel *m_filter = nullptr;
    MqttMessageHistoryModel *m_history = nullptr;
    ClientController *m_controller = nullptr;
    SecretStore *m_secrets = nullptr;
    QList<ConnectionProfile> m_profiles;
    QSet<QString> m_transient;
    QString m_currentProfile;
    QString m_endpoint; // transport, host and port of the last connection started
    QString m_language;

    MqttTopicTreeView *m_treeView = nullptr;
    QStackedWidget *m_treeStack = nullptr;
    QLabel *m_placeholder = nullptr;
    TopicDetails *m_details = nullptr;
    PublishPanel *m_publish = nullptr;
    SubscriptionsPanel *m_subscriptions = nullptr;
    QDockWidget *m_publishDock = nullptr;
    QDockWidget *m_subscriptionsDock = nullptr;
    QToolBar *m_toolBar = nullptr;
    QComboBox *m_profileCombo = nullptr;
    QLineEdit *m_search = nullptr;
    QComboBox *m_searchMode = nullptr;
    QFrame *m_errorBanner = nullptr;
    QLabel *m_errorText = nullptr;
    QLabel *m_stateLabel = nullptr;
    QLabel *m_stateIcon = nullptr;
    QLabel *m_rateLabel = nullptr;
    QLabel *m_totalLabel = nullptr;
    QLabel *m_topicsLabel = nullptr;
    QLabel *m_queueLabel = nullptr;
    QLabel *m_droppedLabel = nullptr;
    QLabel *m_pausedLabel = nullptr;
    QLabel *m_noticeLabel = nullptr;
    QTimer m_noticeTimer;
    QMenu *m_fileMenu = nullptr, *m_connectionMenu = nullptr, *m_viewMenu = nullptr, *m_topicMenu = nullptr,
          *m_themeMenu = nullptr, *m_languageMenu = nullptr, *m_helpMenu = nullptr;
    QActionGroup *m_themeGroup = nullptr;
    QActionGroup *m_languageGroup = nullptr;
    QHash<QString, QAction *> m_actions;
    QMetaObject::Connection m_selectConnection;

    QTimer m_statusTimer;
    QTimer m_searchTimer;
    qint64 m_lastCount = 0;
    QElapsedTimer m_rateClock;
    double m_rate = 0;
};

#endif // MAINWINDOW_H
