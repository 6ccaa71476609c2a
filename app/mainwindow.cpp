// Copyright (C) 2026 The MqttQt authors.
// SPDX-License-Identifier: BSD-3-Clause
#include "mainwindow.h"
#include "clientcontroller.h"
#include "connectiondialog.h"
#include "publishpanel.h"
#include "retainedcleaner.h"
#include "secretstore.h"
#include "subscriptionspanel.h"
#include "topicdetails.h"

#include <MqttQt/mqttmessagefeed.h>
#include <MqttQt/mqttmessagehistorymodel.h>
#include <MqttQt/mqttqtversion.h>
#include <MqttQt/mqtttopicfilterproxymodel.h>
#include <MqttQt/mqtttopictreemodel.h>
#include <MqttQt/mqtttopictreeview.h>

#include <QtCore/QEvent>
#include <QtCore/QLocale>
#include <QtCore/QPointer>
#include <QtCore/QSettings>
#include <QtGui/QActionGroup>
#include <QtGui/QClipboard>
#include <QtGui/QCloseEvent>
#include <QtGui/QGuiApplication>
#include <QtWidgets/QApplication>
#include <QtWidgets/QComboBox>
#include <QtWidgets/QDialog>
#include <QtWidgets/QDialogButtonBox>
#include <QtWidgets/QDockWidget>
#include <QtWidgets/QFormLayout>
#include <QtWidgets/QFrame>
#include <QtWidgets/QHBoxLayout>
#include <QtWidgets/QHeaderView>
#include <QtWidgets/QInputDialog>
#include <QtWidgets/QLabel>
#include <QtWidgets/QLineEdit>
#include <QtWidgets/QMenu>
#include <QtWidgets/QMenuBar>
#include <QtWidgets/QMessageBox>
#include <QtWidgets/QProgressDialog>
#include <QtWidgets/QPushButton>
#include <QtWidgets/QSpinBox>
#include <QtWidgets/QSplitter>
#include <QtWidgets/QStackedWidget>
#include <QtWidgets/QStatusBar>
#include <QtWidgets/QTableWidget>
#include <QtWidgets/QToolBar>
#include <QtWidgets/QToolButton>
#include <QtWidgets/QVBoxLayout>

namespace {

QString count(qint64 value)
{
    return QLocale().toString(value);
}

} // namespace

MainWindow::MainWindow(const InspectorOptions &options, QWidget *parent)
    : QMainWindow(parent), m_options(options)
{
    setObjectName(QStringLiteral("mainWindow"));
    confirmClear = [this](const QString &root, const QStringList &topics) { return defaultConfirmClear(root, topics); };
    createModels();
    m_controller = new ClientController(m_feed, this);
    m_secrets = new SecretStore(QStringLiteral("mqtt-inspector"), this);
    createActions();
    createMenus();
    createToolBar();
    createCentral();
    createDocks();
    createStatusBar();
    loadSettings();
    retranslate();

    connect(m_controller, &ClientController::stateChanged, this, [this] { onStateChanged(); });
    connect(m_controller, &ClientController::errorOccurred, this, [this](Mqtt::ErrorCode, const QString &text) {
        // The client's own sentence often names the broker already ("Cannot connect to
        // mqtt://host:port: ..."): the URL once, not twice.
        const QString url = m_controller->profile().displayUrl();
        showError(text.contains(url) ? text : tr("Connection to %1: %2").arg(url, text));
        updateStatus();
    });
    connect(m_controller, &ClientController::connectionRefused, this, [this](const QString &reason) {
        showError(reason);
        updateStatus();
    });
    connect(m_controller, &ClientController::connected, this, [this] {
        hideError();
        m_publish->setMqtt5(m_controller->connectedVersion() == Mqtt::ProtocolVersion::V5);
    });
    connect(m_controller, &ClientController::reconnectScheduled, this, [this] { updateStatus(); });
    connect(m_controller, &ClientController::subscriptionStatus, m_subscriptions, &SubscriptionsPanel::setStatus);
    connect(m_secrets, &SecretStore::availabilityChanged, this, [this](SecretStore::Availability a) {
        if (a == SecretStore::Availability::Unavailable)
            showNotice(tr("No keychain: passwords are kept only while the inspector runs (%1).")
                                             .arg(m_secrets->unavailableReason()),
                                     15000);
    });
    m_secrets->probe();

    m_statusTimer.setInterval(500);
    connect(&m_statusTimer, &QTimer::timeout, this, &MainWindow::updateStatus);
    m_statusTimer.start();
    m_rateClock.start();
    updateActions();
    updateStatus();

    if (!m_options.connectUrl.isEmpty()) {
        ConnectionProfile profile;
        QString error;
        if (!ConnectionProfile::fromUrl(QUrl(m_options.connectUrl), &profile, &error)) {
            showError(error);
        } else {
            if (!m_options.profileName.isEmpty())
                profile.name = m_options.profileName;
            if (!m_options.subscriptions.isEmpty()) {
                profile.subscriptions.clear();
                for (const QString &filter : std::as_const(m_options.subscriptions))
                    profile.subscriptions.append({ filter, Mqtt::QoS::AtMostOnce });
            }
            addProfile(profile, true);
            connectProfile(profile.name);
        }
    }
    if (!m_options.selectTopic.isEmpty()) {
        // Select it as soon as it exists (the tree fills on its ticks).
        m_selectConnection = connect(m_tree, &MqttTopicTreeModel::countsChanged, this, [this] {
            if (selectTopic(m_options.selectTopic))
                disconnect(m_selectConnection);
        });
    }
}

MainWindow::~MainWindow()
{
    // The history and the proxy read the tree: detach them before it goes.
    m_history->setTreeModel(nullptr);
    m_filter->setSourceModel(nullptr);
}

void MainWindow::createModels()
{
    m_feed = new MqttMessageFeed(this);
    m_tree = new MqttTopicTreeModel(this);
    m_tree->setFeed(m_feed);
    m_filter = new MqttTopicFilterProxyModel(this);
    m_filter->setSourceModel(m_tree);
    m_history = new MqttMessageHistoryModel(this);
    m_history->setTreeModel(m_tree);
}

void MainWindow::createActions()
{
    auto make = [this](const char *name, const QKeySequence &shortcut, const char *icon = nullptr) {
        auto *action = new QAction(this);
        action->setObjectName(QString::fromLatin1(name));
        if (!shortcut.isEmpty())
            action->setShortcut(shortcut);
        if (icon)
            action->setIcon(Appearance::icon(QString::fromLatin1(icon)));
        m_actions.insert(QString::fromLatin1(name), action);
        addAction(action);
        return action;
    };
    connect(make("connect", QKeySequence(Qt::Key_F5), "connect"), &QAction::triggered, this,
            [this] { connectProfile(currentProfileName()); });
    connect(make("disconnect", QKeySequence(Qt::SHIFT | Qt::Key_F5), "disconnect"), &QAction::triggered, this,
            &MainWindow::disconnectFromBroker);
    connect(make("profiles", QKeySequence(Qt::CTRL | Qt::Key_K), "profiles"), &QAction::triggered, this,
            &MainWindow::editProfiles);
    QAction *pause = make("pause", QKeySequence(Qt::CTRL | Qt::Key_P), "pause");
    pause->setCheckable(true);
    connect(pause, &QAction::toggled, this, [this](bool on) {
        m_tree->setPaused(on);
        updateStatus();
    });
    connect(make("clearTree", QKeySequence(Qt::CTRL | Qt::Key_L), "clear"), &QAction::triggered, this, [this] {
        m_tree->clear();
        updateStatus();
    });
    connect(make("search", QKeySequence::Find), &QAction::triggered, this, [this] {
        m_search->setFocus();
        m_search->selectAll();
    });
    connect(make("publish", QKeySequence(Qt::CTRL | Qt::Key_Return), "publish"), &QAction::triggered, this, [this] {
        m_publishDock->show();
        m_publish->publish();
    });
    connect(make("publishToTopic", QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_P)), &QAction::triggered, this, [this] {
        m_publishDock->show();
        m_publishDock->raise();
        if (!m_details->topic().isEmpty())
            m_publish->setTopic(m_details->topic());
        m_publish->focusTopic();
    });
    connect(make("copyTopic", QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_C), "copy"), &QAction::triggered, this, [this] {
        if (QClipboard *c = QGuiApplication::clipboard())
            c->setText(m_details->topic());
    });
    connect(make("copyValue", QKeySequence(Qt::CTRL | Qt::ALT | Qt::Key_C)), &QAction::triggered, this, [this] {
        const QModelIndex index = m_tree->indexForTopic(m_details->topic());
        if (QClipboard *c = QGuiApplication::clipboard())
            c->setText(QString::fromUtf8(index.data(MqttTopicTreeModel::PayloadRole).toByteArray()));
    });
    connect(make("removeTopic", QKeySequence(Qt::Key_Delete), "remove"), &QAction::triggered, this, [this] {
        const QString topic = m_details->topic();
        if (!topic.isEmpty() && m_treeView->hasFocus())
            m_tree->removeTopic(topic);
    });
    connect(make("clearRetained", QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_Delete), "clear-retained"),
            &QAction::triggered, this, [this] { clearRetained(m_details->topic()); });
    connect(make("clearAllRetained", QKeySequence()), &QAction::triggered, this, [this] { clearRetained(QString()); });
    QAction *sort = make("sortTopics", QKeySequence());
    sort->setCheckable(true);
    connect(sort, &QAction::toggled, this, [this](bool on) {
        m_treeView->setSortingEnabled(on);
        if (on)
            m_filter->sort(MqttTopicTreeModel::TopicColumn, Qt::AscendingOrder);
        else
            m_filter->sort(-1);
    });
    QAction *highlight = make("highlightChanges", QKeySequence());
    highlight->setCheckable(true);
    highlight->setChecked(true);
    connect(make("historyLimits", QKeySequence()), &QAction::triggered, this, &MainWindow::editHistoryLimits);
    connect(make("toggleTheme", QKeySequence(Qt::CTRL | Qt::Key_T), "theme"), &QAction::triggered, this, [this] {
        setTheme(Appearance::isDarkPalette() ? Appearance::Theme::Light : Appearance::Theme::Dark);
    });
    connect(make("quit", QKeySequence::Quit), &QAction::triggered, this, &QWidget::close);
    connect(make("shortcuts", QKeySequence(Qt::Key_F1)), &QAction::triggered, this, &MainWindow::showShortcuts);
    connect(make("about", QKeySequence()), &QAction::triggered, this, [this] {
        QMessageBox::about(this, tr("About MQTT Inspector"),
                           tr("<h3>MQTT Inspector %1</h3><p>Explore MQTT brokers: topics, values, history, "
                              "diffs and charts, publishing and retained messages. MQTT 3.1, 3.1.1 and 5.0 over "
                              "TCP, TLS and WebSockets.</p><p>Built with MqttQt and Qt %2.</p>")
                                   .arg(QString::fromLatin1(MQTTQT_VERSION_STR), QString::fromLatin1(qVersion())));
    });
    for (int tab = 0; tab < 5; ++tab) {
        auto *action = make(QByteArray("detailsTab" + QByteArray::number(tab)).constData(),
                            QKeySequence(Qt::ALT | Qt::Key(Qt::Key_1 + tab)));
        connect(action, &QAction::triggered, this, [this, tab] { m_details->showTab(TopicDetails::Tab(tab)); });
    }

    m_themeGroup = new QActionGroup(this);
    for (const char *key : { "system", "light", "dark" }) {
        auto *action = new QAction(this);
        action->setObjectName(QStringLiteral("theme-") + QString::fromLatin1(key));
        action->setCheckable(true);
        action->setData(QString::fromLatin1(key));
        m_themeGroup->addAction(action);
        connect(action, &QAction::triggered, this, [this, action] {
            setTheme(Appearance::themeFromKey(action->data().toString()));
        });
    }
    m_languageGroup = new QActionGroup(this);
    QStringList languages = Appearance::availableLanguages();
    languages.prepend(QString());
    for (const QString &code : std::as_const(languages)) {
        auto *action = new QAction(this);
        action->setObjectName(QStringLiteral("language-") + (code.isEmpty() ? QStringLiteral("system") : code));
        action->setCheckable(true);
        action->setData(code);
        m_languageGroup->addAction(action);
        connect(action, &QAction::triggered, this, [this, code] { setLanguage(code); });
    }
}

void MainWindow::createMenus()
{
    m_fileMenu = menuBar()->addMenu(QString());
    m_fileMenu->addAction(m_actions.value(QStringLiteral("profiles")));
    m_fileMenu->addSeparator();
    m_fileMenu->addAction(m_actions.value(QStringLiteral("quit")));

    m_connectionMenu = menuBar()->addMenu(QString());
    m_connectionMenu->addAction(m_actions.value(QStringLiteral("connect")));
    m_connectionMenu->addAction(m_actions.value(QStringLiteral("disconnect")));
    m_connectionMenu->addSeparator();
    m_connectionMenu->addAction(m_actions.value(QStringLiteral("publish")));
    m_connectionMenu->addAction(m_actions.value(QStringLiteral("clearAllRetained")));

    m_viewMenu = menuBar()->addMenu(QString());
    m_viewMenu->addAction(m_actions.value(QStringLiteral("pause")));
    m_viewMenu->addAction(m_actions.value(QStringLiteral("clearTree")));
    m_viewMenu->addAction(m_actions.value(QStringLiteral("search")));
    m_viewMenu->addAction(m_actions.value(QStringLiteral("sortTopics")));
    m_viewMenu->addAction(m_actions.value(QStringLiteral("highlightChanges")));
    m_viewMenu->addAction(m_actions.value(QStringLiteral("historyLimits")));
    m_viewMenu->addSeparator();
    m_themeMenu = m_viewMenu->addMenu(QString());
    m_themeMenu->addActions(m_themeGroup->actions());
    m_themeMenu->addSeparator();
    m_themeMenu->addAction(m_actions.value(QStringLiteral("toggleTheme")));
    m_languageMenu = m_viewMenu->addMenu(QString());
    m_languageMenu->addActions(m_languageGroup->actions());

    m_topicMenu = menuBar()->addMenu(QString());
    m_topicMenu->addAction(m_actions.value(QStringLiteral("copyTopic")));
    m_topicMenu->addAction(m_actions.value(QStringLiteral("copyValue")));
    m_topicMenu->addAction(m_actions.value(QStringLiteral("publishToTopic")));
    m_topicMenu->addSeparator();
    m_topicMenu->addAction(m_actions.value(QStringLiteral("removeTopic")));
    m_topicMenu->addAction(m_actions.value(QStringLiteral("clearRetained")));
    m_topicMenu->addSeparator();
    for (int tab = 0; tab < 5; ++tab)
        m_topicMenu->addAction(m_actions.value(QStringLiteral("detailsTab%1").arg(tab)));

    m_helpMenu = menuBar()->addMenu(QString());
    m_helpMenu->addAction(m_actions.value(QStringLiteral("shortcuts")));
    m_helpMenu->addAction(m_actions.value(QStringLiteral("about")));
}

void MainWindow::createToolBar()
{
    m_toolBar = addToolBar(QString());
    m_toolBar->setObjectName(QStringLiteral("mainToolBar"));
    m_toolBar->setMovable(false);
    m_toolBar->setToolButtonStyle(Qt::ToolButtonTextBesideIcon);
    m_profileCombo = new QComboBox(m_toolBar);
    m_profileCombo->setObjectName(QStringLiteral("profileCombo"));
    m_profileCombo->setMinimumContentsLength(18);
    m_profileCombo->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    m_toolBar->addWidget(m_profileCombo);
    m_toolBar->addAction(m_actions.value(QStringLiteral("connect")));
    m_toolBar->addAction(m_actions.value(QStringLiteral("disconnect")));
    m_toolBar->addAction(m_actions.value(QStringLiteral("profiles")));
    m_toolBar->addSeparator();
    m_toolBar->addAction(m_actions.value(QStringLiteral("pause")));
    m_toolBar->addAction(m_actions.value(QStringLiteral("clearTree")));
    m_toolBar->addSeparator();
    m_search = new QLineEdit(m_toolBar);
    m_search->setObjectName(QStringLiteral("searchField"));
    m_search->setClearButtonEnabled(true);
    m_search->setMinimumWidth(220);
    m_searchMode = new QComboBox(m_toolBar);
    m_searchMode->setObjectName(QStringLiteral("searchMode"));
    for (int i = 0; i < 3; ++i)
        m_searchMode->addItem(QString());
    m_toolBar->addWidget(m_search);
    m_toolBar->addWidget(m_searchMode);
    auto *spacer = new QWidget(m_toolBar);
    spacer->setSizePolicy(QSizePolicy::Expanding, QSizePolicy::Preferred);
    m_toolBar->addWidget(spacer);
    m_toolBar->addAction(m_actions.value(QStringLiteral("toggleTheme")));

    connect(m_profileCombo, QOverload<int>::of(&QComboBox::activated), this, [this](int index) {
        m_currentProfile = m_profileCombo->itemData(index).toString();
        for (const ConnectionProfile &p : std::as_const(m_profiles)) {
            if (p.name == m_currentProfile && m_controller->state() == Mqtt::ClientState::Disconnected)
                m_subscriptions->setSubscriptions(p.subscriptions);
        }
        updateActions();
    });
    m_searchTimer.setSingleShot(true);
    m_searchTimer.setInterval(150);
    connect(&m_searchTimer, &QTimer::timeout, this, &MainWindow::applyFilter);
    connect(m_search, &QLineEdit::textChanged, this, [this] { m_searchTimer.start(); });
    connect(m_searchMode, QOverload<int>::of(&QComboBox::currentIndexChanged), this, &MainWindow::applyFilter);
    connect(m_search, &QLineEdit::returnPressed, this, [this] {
        applyFilter();
        m_treeView->setFocus();
    });
}

void MainWindow::createCentral()
{
    auto *central = new QWidget(this);
    auto *layout = new QVBoxLayout(central);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);

    m_errorBanner = new QFrame(central);
    m_errorBanner->setObjectName(QStringLiteral("errorBanner"));
    m_errorBanner->setAutoFillBackground(true);
    auto *bannerLayout = new QHBoxLayout(m_errorBanner);
    bannerLayout->setContentsMargins(8, 4, 4, 4);
    m_errorText = new QLabel(m_errorBanner);
    m_errorText->setObjectName(QStringLiteral("errorText"));
    m_errorText->setWordWrap(true);
    m_errorText->setTextInteractionFlags(Qt::TextSelectableByMouse);
    auto *dismiss = new QToolButton(m_errorBanner);
    dismiss->setObjectName(QStringLiteral("dismissError"));
    dismiss->setAutoRaise(true);
    dismiss->setIcon(Appearance::icon(QStringLiteral("close")));
    bannerLayout->addWidget(m_errorText, 1);
    bannerLayout->addWidget(dismiss);
    m_errorBanner->hide();
    connect(dismiss, &QToolButton::clicked, this, &MainWindow::hideError);
    layout->addWidget(m_errorBanner);

    auto *splitter = new QSplitter(Qt::Horizontal, central);
    splitter->setObjectName(QStringLiteral("mainSplitter"));
    m_treeStack = new QStackedWidget(splitter);
    m_treeView = new MqttTopicTreeView(m_treeStack);
    m_treeView->setObjectName(QStringLiteral("topicTree"));
    m_treeView->setModel(m_filter);
    m_treeView->setContextMenuPolicy(Qt::CustomContextMenu);
    m_placeholder = new QLabel(m_treeStack);
    m_placeholder->setObjectName(QStringLiteral("treePlaceholder"));
    m_placeholder->setAlignment(Qt::AlignCenter);
    m_placeholder->setWordWrap(true);
    m_placeholder->setMargin(24);
    m_placeholder->setAutoFillBackground(true);
    m_placeholder->setBackgroundRole(QPalette::Base);
    m_treeStack->addWidget(m_placeholder);
    m_treeStack->addWidget(m_treeView);
    m_details = new TopicDetails(m_tree, m_history, splitter);
    splitter->addWidget(m_treeStack);
    splitter->addWidget(m_details);
    splitter->setStretchFactor(0, 1);
    splitter->setStretchFactor(1, 1);
    splitter->setSizes({ 740, 540 });
    layout->addWidget(splitter, 1);
    setCentralWidget(central);

    connect(m_treeView, &MqttTopicTreeView::currentTopicChanged, this, &MainWindow::onCurrentTopicChanged);
    // Delete removes a topic only while the tree has the focus.
    QAction *remove = m_actions.value(QStringLiteral("removeTopic"));
    removeAction(remove);
    remove->setShortcutContext(Qt::WidgetShortcut);
    m_treeView->addAction(remove);
    connect(m_treeView, &QWidget::customContextMenuRequested, this, &MainWindow::showTreeMenu);
    connect(m_actions.value(QStringLiteral("highlightChanges")), &QAction::toggled, m_treeView,
            &MqttTopicTreeView::setHighlightChanges);
    connect(m_tree, &MqttTopicTreeModel::countsChanged, this, [this] {
        m_treeStack->setCurrentWidget(m_tree->topicCount() > 0 || m_tree->rowCount() > 0 ? static_cast<QWidget *>(m_treeView)
                                                                                        : m_placeholder);
    });
    connect(m_details, &TopicDetails::publishToTopic, this, [this](const QString &topic) {
        m_publishDock->show();
        m_publishDock->raise();
        m_publish->setTopic(topic);
        m_publish->focusTopic();
    });
    connect(m_details, &TopicDetails::clearRetainedRequested, this, &MainWindow::clearRetained);
}

void MainWindow::createDocks()
{
    m_subscriptionsDock = new QDockWidget(this);
    m_subscriptionsDock->setObjectName(QStringLiteral("subscriptionsDock"));
    m_subscriptions = new SubscriptionsPanel(m_subscriptionsDock);
    m_subscriptionsDock->setWidget(m_subscriptions);
    addDockWidget(Qt::BottomDockWidgetArea, m_subscriptionsDock);
    m_publishDock = new QDockWidget(this);
    m_publishDock->setObjectName(QStringLiteral("publishDock"));
    m_publish = new PublishPanel(m_controller, m_publishDock);
    m_publishDock->setWidget(m_publish);
    addDockWidget(Qt::BottomDockWidgetArea, m_publishDock);
    tabifyDockWidget(m_publishDock, m_subscriptionsDock);
    m_publishDock->raise();
    resizeDocks({ m_publishDock }, { 250 }, Qt::Vertical);
    m_viewMenu->addSeparator();
    m_viewMenu->addAction(m_subscriptionsDock->toggleViewAction());
    m_viewMenu->addAction(m_publishDock->toggleViewAction());
    m_subscriptionsDock->toggleViewAction()->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_2));
    m_publishDock->toggleViewAction()->setShortcut(QKeySequence(Qt::CTRL | Qt::Key_3));

    connect(m_subscriptions, &SubscriptionsPanel::subscriptionsChanged, this,
            [this](const QList<SubscriptionEntry> &entries) {
        m_controller->setSubscriptions(entries);
        for (ConnectionProfile &p : m_profiles) {
            if (p.name == m_currentProfile)
                p.subscriptions = entries;
        }
        saveProfiles();
    });
}

void MainWindow::createStatusBar()
{
    auto label = [this](const char *name) {
        auto *l = new QLabel(this);
        l->setObjectName(QString::fromLatin1(name));
        return l;
    };
    m_stateIcon = label("stateIcon");
    m_stateLabel = label("stateLabel");
    m_stateLabel->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
    m_pausedLabel = label("pausedLabel");
    m_rateLabel = label("rateLabel");
    m_totalLabel = label("totalLabel");
    m_topicsLabel = label("topicsLabel");
    m_queueLabel = label("queueLabel");
    m_droppedLabel = label("droppedLabel");
    m_noticeLabel = label("noticeLabel");
    m_noticeLabel->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);
    statusBar()->addWidget(m_stateIcon);
    statusBar()->addWidget(m_stateLabel, 1);
    statusBar()->addWidget(m_noticeLabel, 1);
    // Shown only while it has something to say: the connection state (attempt, countdown,
    // last error) gets the whole width otherwise.
    m_noticeLabel->hide();
    m_noticeTimer.setSingleShot(true);
    connect(&m_noticeTimer, &QTimer::timeout, this, [this] {
        m_noticeLabel->clear();
        m_noticeLabel->hide();
    });
    for (QLabel *l : { m_pausedLabel, m_rateLabel, m_totalLabel, m_topicsLabel, m_queueLabel, m_droppedLabel })
        statusBar()->addPermanentWidget(l);
    QFont bold = m_pausedLabel->font();
    bold.setBold(true);
    m_pausedLabel->setFont(bold);
}

void MainWindow::retranslate()
{
    auto set = [this](const char *name, const QString &text, const QString &tip = QString()) {
        QAction *a = m_actions.value(QString::fromLatin1(name));
        a->setText(text);
        a->setToolTip(tip.isEmpty() ? QString(text).remove(QLatin1Char('&')) : tip);
        if (!a->shortcut().isEmpty())
            a->setToolTip(a->toolTip() + QStringLiteral(" (") + a->shortcut().toString(QKeySequence::NativeText)
                          + QLatin1Char(')'));
    };
    set("connect", tr("&Connect"), tr("Connect to the selected broker"));
    set("disconnect", tr("&Disconnect"), tr("Disconnect from the broker"));
    set("profiles", tr("Connection &profiles…"), tr("Edit the connection profiles"));
    set("pause", tr("&Pause"), tr("Freeze the view; messages keep arriving and are applied on resume"));
    set("clearTree", tr("C&lear view"), tr("Forget every topic and message shown (nothing changes on the broker)"));
    set("search", tr("&Find topics…"));
    set("publish", tr("&Publish"), tr("Publish the message in the publish panel"));
    set("publishToTopic", tr("Publish to this &topic…"));
    set("copyTopic", tr("Copy &topic"));
    set("copyValue", tr("Copy &value"));
    set("removeTopic", tr("&Remove from view"), tr("Remove the topic and its subtree from the view (not from the broker)"));
    set("clearRetained", tr("Clear &retained messages here…"),
        tr("Delete the retained messages of this topic and every topic below it on the broker"));
    set("clearAllRetained", tr("Clear &all retained messages…"),
        tr("Delete every retained message on the broker (that this connection may see)"));
    set("sortTopics", tr("&Sort topics by name"));
    set("highlightChanges", tr("&Highlight changes"));
    set("historyLimits", tr("History &limits…"));
    set("toggleTheme", tr("Toggle &dark theme"));
    set("quit", tr("&Quit"));
    set("shortcuts", tr("&Keyboard shortcuts"));
    set("about", tr("&About MQTT Inspector"));
    static const char *tabs[] = { QT_TR_NOOP("Show the &value"), QT_TR_NOOP("Show the &history"),
                                  QT_TR_NOOP("Show the &diff"), QT_TR_NOOP("Show the c&hart"),
                                  QT_TR_NOOP("Show the p&roperties") };
    for (int tab = 0; tab < 5; ++tab)
        set(QByteArray("detailsTab" + QByteArray::number(tab)).constData(), tr(tabs[tab]));
    for (QAction *a : m_themeGroup->actions()) {
        const QString key = a->data().toString();
        a->setText(key == u"light" ? tr("&Light") : key == u"dark" ? tr("&Dark") : tr("&System"));
    }
    for (QAction *a : m_languageGroup->actions()) {
        const QString code = a->data().toString();
        a->setText(code.isEmpty() ? tr("System language") : Appearance::languageName(code));
    }
    m_fileMenu->setTitle(tr("&File"));
    m_connectionMenu->setTitle(tr("&Connection"));
    m_viewMenu->setTitle(tr("&View"));
    m_themeMenu->setTitle(tr("&Theme"));
    m_languageMenu->setTitle(tr("L&anguage"));
    m_topicMenu->setTitle(tr("&Topic"));
    m_helpMenu->setTitle(tr("&Help"));
    m_toolBar->setWindowTitle(tr("Main toolbar"));
    m_profileCombo->setToolTip(tr("Connection profile"));
    m_search->setPlaceholderText(tr("Search topics (Ctrl+F)"));
    m_searchMode->setItemText(0, tr("Topic contains"));
    m_searchMode->setItemText(1, tr("Topic filter (+, #)"));
    m_searchMode->setItemText(2, tr("Topic or value contains"));
    m_searchMode->setToolTip(tr("How the search text is matched"));
    m_subscriptionsDock->setWindowTitle(tr("Subscriptions"));
    m_publishDock->setWindowTitle(tr("Publish"));
    m_subscriptionsDock->toggleViewAction()->setText(tr("Show &subscriptions"));
    m_publishDock->toggleViewAction()->setText(tr("Show p&ublish panel"));
    m_placeholder->setText(tr("<p><b>No topics yet.</b></p><p>Choose a connection profile and press "
                              "<b>Connect</b> (F5). Topics appear here as messages arrive from your "
                              "subscriptions (by default everything: <tt>#</tt>).</p>"));
    refreshProfileCombo();
    updateStatus();
}

void MainWindow::refreshIcons()
{
    static const QHash<QString, QString> icons = {
        { QStringLiteral("connect"), QStringLiteral("connect") },
        { QStringLiteral("disconnect"), QStringLiteral("disconnect") },
        { QStringLiteral("profiles"), QStringLiteral("profiles") },
        { QStringLiteral("pause"), QStringLiteral("pause") },
        { QStringLiteral("clearTree"), QStringLiteral("clear") },
        { QStringLiteral("publish"), QStringLiteral("publish") },
        { QStringLiteral("copyTopic"), QStringLiteral("copy") },
        { QStringLiteral("removeTopic"), QStringLiteral("remove") },
        { QStringLiteral("clearRetained"), QStringLiteral("clear-retained") },
        { QStringLiteral("toggleTheme"), QStringLiteral("theme") },
    };
    for (auto it = icons.constBegin(); it != icons.constEnd(); ++it)
        m_actions.value(it.key())->setIcon(Appearance::icon(it.value()));
    setWindowIcon(Appearance::icon(QStringLiteral("mqtt-inspector")));
    updateStatus();
}

void MainWindow::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    QMainWindow::changeEvent(event);
}

void MainWindow::loadSettings()
{
    QSettings settings;
    m_profiles = ProfileStore::load(settings);
    if (m_profiles.isEmpty()) {
        ConnectionProfile local;
        local.name = tr("Local broker");
        m_profiles.append(local);
    }
    m_currentProfile = settings.value(QStringLiteral("currentProfile"), m_profiles.first().name).toString();
    bool found = false;
    for (const ConnectionProfile &p : std::as_const(m_profiles)) {
        if (p.name == m_currentProfile) {
            found = true;
            m_subscriptions->setSubscriptions(p.subscriptions);
        }
    }
    if (!found) {
        m_currentProfile = m_profiles.first().name;
        m_subscriptions->setSubscriptions(m_profiles.first().subscriptions);
    }
    m_tree->setMaxHistoryPerTopic(m_options.historyPerTopic > 0
                                          ? m_options.historyPerTopic
                                          : settings.value(QStringLiteral("history/perTopic"), 1000).toInt());
    m_tree->setMaxHistoryMessages(m_options.historyMessages > 0
                                          ? m_options.historyMessages
                                          : settings.value(QStringLiteral("history/messages"), 100000).toInt());
    m_tree->setMaxHistoryBytes(m_options.historyBytes >= 0
                                       ? m_options.historyBytes
                                       : settings.value(QStringLiteral("history/bytes"), qint64(64) * 1024 * 1024).toLongLong());
    const QString theme = Appearance::themeKey(Appearance::currentTheme());
    for (QAction *a : m_themeGroup->actions())
        a->setChecked(a->data().toString() == theme);
    m_language = settings.value(QStringLiteral("language")).toString();
    for (QAction *a : m_languageGroup->actions())
        a->setChecked(a->data().toString() == m_language);
    restoreGeometry(settings.value(QStringLiteral("window/geometry")).toByteArray());
    restoreState(settings.value(QStringLiteral("window/state")).toByteArray());
    if (!settings.contains(QStringLiteral("window/geometry")))
        resize(1280, 800);
    refreshIcons();
}

void MainWindow::saveSettings()
{
    QSettings settings;
    settings.setValue(QStringLiteral("window/geometry"), saveGeometry());
    settings.setValue(QStringLiteral("window/state"), saveState());
    if (!m_transient.contains(m_currentProfile))
        settings.setValue(QStringLiteral("currentProfile"), m_currentProfile);
}

void MainWindow::saveProfiles()
{
    QList<ConnectionProfile> kept;
    for (const ConnectionProfile &p : std::as_const(m_profiles)) {
        if (!m_transient.contains(p.name))
            kept.append(p);
    }
    QSettings settings;
    ProfileStore::save(settings, kept);
}

void MainWindow::refreshProfileCombo()
{
    const QSignalBlocker blocker(m_profileCombo);
    m_profileCombo->clear();
    for (const ConnectionProfile &p : std::as_const(m_profiles)) {
        const QString label = m_transient.contains(p.name) ? tr("%1 (not saved)").arg(p.name) : p.name;
        m_profileCombo->addItem(label, p.name);
        m_profileCombo->setItemData(m_profileCombo->count() - 1, p.displayUrl(), Qt::ToolTipRole);
        if (p.name == m_currentProfile)
            m_profileCombo->setCurrentIndex(m_profileCombo->count() - 1);
    }
}

QString MainWindow::currentProfileName() const
{
    return m_currentProfile;
}

void MainWindow::addProfile(const ConnectionProfile &profile, bool transient)
{
    bool replaced = false;
    for (ConnectionProfile &p : m_profiles) {
        if (p.name == profile.name) {
            p = profile;
            replaced = true;
        }
    }
    if (!replaced)
        m_profiles.append(profile);
    if (transient)
        m_transient.insert(profile.name);
    else
        m_transient.remove(profile.name);
    m_currentProfile = profile.name;
    m_subscriptions->setSubscriptions(profile.subscriptions);
    if (!transient)
        saveProfiles();
    refreshProfileCombo();
    updateActions();
}

void MainWindow::withSecrets(const ConnectionProfile &profile,
                             const std::function<void(const QByteArray &, const QByteArray &)> &then)
{
    const bool needPassword = !profile.username.isEmpty();
    const bool needPassphrase = profile.usesTls() && !profile.keyFile.isEmpty();
    const QByteArray passphrase = m_secrets->sessionSecret(profile.keyPassphraseKey());
    auto withPassphrase = [=](const QByteArray &password) {
        if (!needPassphrase || !passphrase.isEmpty() || !profile.savePassword) {
            then(password, passphrase);
            return;
        }
        m_secrets->read(profile.keyPassphraseKey(), [=](bool, const QByteArray &secret, const QString &) {
            then(password, secret);
        });
    };
    if (!needPassword) {
        withPassphrase(QByteArray());
        return;
    }
    const QByteArray known = m_secrets->sessionSecret(profile.passwordKey());
    if (!known.isEmpty()) {
        withPassphrase(known);
        return;
    }
    auto ask = [=](const QString &why) {
        bool ok = false;
        QString label = tr("Password for %1 at %2:").arg(profile.username, profile.displayUrl());
        if (!why.isEmpty())
            label += QStringLiteral("\n") + why;
        const QString password = QInputDialog::getText(this, tr("Password"), label, QLineEdit::Password, QString(), &ok);
        if (!ok)
            return;
        m_secrets->setSessionSecret(profile.passwordKey(), password.toUtf8());
        withPassphrase(password.toUtf8());
    };
    if (profile.savePassword && m_secrets->availability() == SecretStore::Availability::Available) {
        m_secrets->read(profile.passwordKey(), [=](bool found, const QByteArray &secret, const QString &error) {
            if (found)
                withPassphrase(secret);
            else
                ask(error.isEmpty() ? tr("(No password is saved in the keychain for this profile.)")
                                    : tr("(The keychain could not be read: %1)").arg(error));
        });
        return;
    }
    ask(profile.savePassword ? tr("(No keychain is available: %1)").arg(m_secrets->unavailableReason()) : QString());
}

void MainWindow::connectProfile(const QString &name)
{
    for (const ConnectionProfile &profile : std::as_const(m_profiles)) {
        if (profile.name != name)
            continue;
        const QStringList problems = profile.validate();
        if (!problems.isEmpty()) {
            showError(tr("The profile \"%1\" cannot be used: %2").arg(name, problems.join(QLatin1Char(' '))));
            return;
        }
        m_currentProfile = name;
        refreshProfileCombo();
        ConnectionProfile p = profile;
        p.subscriptions = m_subscriptions->subscriptions();
        withSecrets(p, [this, p](const QByteArray &password, const QByteArray &passphrase) {
            startConnection(p, password, passphrase);
        });
        return;
    }
    showError(tr("There is no connection profile named \"%1\".").arg(name));
}

void MainWindow::startConnection(const ConnectionProfile &profile, const QByteArray &password,
                                 const QByteArray &passphrase)
{
    hideError();
    // Another broker: its topics are not mixed into the last one's tree.
    const QString endpoint = QStringLiteral("%1 %2 %3").arg(int(profile.transport)).arg(profile.host.trimmed()).arg(profile.port);
    if (!m_endpoint.isEmpty() && endpoint != m_endpoint)
        m_tree->clear();
    m_endpoint = endpoint;
    m_publish->setMqtt5(profile.protocolVersion == Mqtt::ProtocolVersion::V5);
    m_controller->connectTo(profile, password, passphrase);
    updateActions();
    updateStatus();
}

void MainWindow::disconnectFromBroker()
{
    m_controller->disconnectFromBroker();
}

bool MainWindow::selectTopic(const QString &topic)
{
    const QModelIndex source = m_tree->indexForTopic(topic);
    if (!source.isValid())
        return false;
    const QModelIndex index = m_filter->mapFromSource(source);
    if (!index.isValid())
        return false;
    for (QModelIndex parent = index.parent(); parent.isValid(); parent = parent.parent())
        m_treeView->expand(parent);
    m_treeView->setCurrentIndex(index);
    m_treeView->scrollTo(index);
    return true;
}

void MainWindow::onCurrentTopicChanged(const QString &topic)
{
    m_details->setTopic(topic);
    updateActions();
}

void MainWindow::applyFilter()
{
    static const MqttTopicFilterProxyModel::FilterSyntax syntaxes[] = {
        MqttTopicFilterProxyModel::PlainText, MqttTopicFilterProxyModel::TopicFilter,
        MqttTopicFilterProxyModel::PlainText };
    const int mode = qBound(0, m_searchMode->currentIndex(), 2);
    m_filter->setFilterSyntax(syntaxes[mode]);
    m_filter->setSearchPayloads(mode == 2);
    m_filter->setFilterText(m_search->text());
    QPalette p = m_search->palette();
    p.setColor(QPalette::Text, m_filter->filterError().isEmpty() ? palette().color(QPalette::Text) : QColor(0xc6, 0x28, 0x28));
    m_search->setPalette(p);
    m_search->setToolTip(m_filter->filterError());
    if (!m_search->text().isEmpty())
        expandMatches();
}

void MainWindow::expandMatches()
{
    // Opens the first few hundred matching branches; a search matching half of a large
    // tree must not expand (and lay out) all of it.
    int budget = 300;
    std::function<void(const QModelIndex &)> walk = [&](const QModelIndex &parent) {
        const int rows = m_filter->rowCount(parent);
        for (int row = 0; row < rows && budget > 0; ++row) {
            const QModelIndex child = m_filter->index(row, 0, parent);
            if (m_filter->hasChildren(child)) {
                m_treeView->expand(child);
                --budget;
                walk(child);
            }
        }
    };
    walk(QModelIndex());
}

void MainWindow::showTreeMenu(const QPoint &pos)
{
    const QModelIndex index = m_treeView->indexAt(pos);
    QMenu menu(this);
    if (index.isValid()) {
        m_treeView->setCurrentIndex(index);
        menu.addAction(m_actions.value(QStringLiteral("copyTopic")));
        menu.addAction(m_actions.value(QStringLiteral("copyValue")));
        menu.addAction(m_actions.value(QStringLiteral("publishToTopic")));
        menu.addSeparator();
        QAction *expand = menu.addAction(tr("Expand all below"));
        connect(expand, &QAction::triggered, this, [this, index] { m_treeView->expandRecursively(index, 8); });
        QAction *collapse = menu.addAction(tr("Collapse all below"));
        connect(collapse, &QAction::triggered, this, [this, index] {
            std::function<void(const QModelIndex &)> walk = [&](const QModelIndex &i) {
                for (int r = 0; r < m_filter->rowCount(i); ++r)
                    walk(m_filter->index(r, 0, i));
                m_treeView->collapse(i);
            };
            walk(index);
        });
        menu.addSeparator();
        menu.addAction(m_actions.value(QStringLiteral("removeTopic")));
        menu.addAction(m_actions.value(QStringLiteral("clearRetained")));
    } else {
        menu.addAction(m_actions.value(QStringLiteral("clearTree")));
        menu.addAction(m_actions.value(QStringLiteral("clearAllRetained")));
    }
    menu.exec(m_treeView->viewport()->mapToGlobal(pos));
}

void MainWindow::updateActions()
{
    const Mqtt::ClientState state = m_controller->state();
    const bool idle = state == Mqtt::ClientState::Disconnected;
    const bool haveTopic = !m_details->topic().isEmpty();
    m_actions.value(QStringLiteral("connect"))->setEnabled(!m_currentProfile.isEmpty());
    m_actions.value(QStringLiteral("disconnect"))->setEnabled(!idle);
    m_actions.value(QStringLiteral("publish"))->setEnabled(true);
    for (const char *name : { "copyTopic", "copyValue", "publishToTopic", "removeTopic" })
        m_actions.value(QString::fromLatin1(name))->setEnabled(haveTopic);
    m_actions.value(QStringLiteral("clearRetained"))->setEnabled(haveTopic && m_controller->isConnected());
    m_actions.value(QStringLiteral("clearAllRetained"))->setEnabled(m_controller->isConnected());
}

void MainWindow::onStateChanged()
{
    updateActions();
    updateStatus();
    if (m_controller->state() == Mqtt::ClientState::Connected)
        hideError();
}

QString MainWindow::connectionStateText() const
{
    return m_stateLabel->text();
}

QString MainWindow::statisticsText() const
{
    QStringList parts;
    for (const QLabel *l : { m_pausedLabel, m_rateLabel, m_totalLabel, m_topicsLabel, m_queueLabel, m_droppedLabel }) {
        if (!l->text().isEmpty())
            parts << l->text();
    }
    return parts.join(QStringLiteral(" | "));
}

void MainWindow::updateStatus()
{
    if (!m_stateLabel)
        return;
    const ConnectionProfile p = m_controller->profile();
    const QString url = p.displayUrl();
    QString state;
    QString icon;
    switch (m_controller->state()) {
    case Mqtt::ClientState::Disconnected:
        icon = QStringLiteral("state-disconnected");
        state = m_controller->lastError().isEmpty() ? tr("Disconnected")
                                                    : tr("Disconnected: %1").arg(m_controller->lastError());
        break;
    case Mqtt::ClientState::Connecting:
        icon = QStringLiteral("state-connecting");
        state = tr("Connecting to %1…").arg(url);
        break;
    case Mqtt::ClientState::Connected: {
        icon = QStringLiteral("state-connected");
        const QString version = p.protocolVersion == Mqtt::ProtocolVersion::V5       ? QStringLiteral("MQTT 5.0")
                : p.protocolVersion == Mqtt::ProtocolVersion::V3_1_1                 ? QStringLiteral("MQTT 3.1.1")
                                                                                     : QStringLiteral("MQTT 3.1");
        state = tr("Connected to %1 (%2)").arg(url, version);
        break;
    }
    case Mqtt::ClientState::Disconnecting:
        icon = QStringLiteral("state-connecting");
        state = tr("Disconnecting…");
        break;
    case Mqtt::ClientState::WaitingToReconnect: {
        icon = QStringLiteral("state-waiting");
        const qint64 msecs = qMax<qint64>(0, QDateTime::currentDateTime().msecsTo(m_controller->nextReconnect()));
        const QString when = QLocale().toString(m_controller->nextReconnect().time(), QStringLiteral("HH:mm:ss"));
        state = tr("Waiting to reconnect to %1: attempt %2 in %3 s (at %4)")
                        .arg(url)
                        .arg(m_controller->reconnectAttempt())
                        .arg((msecs + 999) / 1000)
                        .arg(when);
        if (!m_controller->lastError().isEmpty())
            state += QStringLiteral(" · ") + m_controller->lastError();
        break;
    }
    }
    m_stateLabel->setText(state);
    m_stateLabel->setToolTip(state);
    const int iconSize = m_stateLabel->fontMetrics().height();
    m_stateIcon->setPixmap(Appearance::icon(icon).pixmap(iconSize, iconSize));

    const qint64 messages = m_controller->messageCount();
    const qint64 elapsed = m_rateClock.restart();
    if (elapsed > 0) {
        const double instant = double(messages - m_lastCount) * 1000.0 / double(elapsed);
        m_rate = m_lastCount == 0 && messages == 0 ? 0 : 0.5 * m_rate + 0.5 * instant;
        if (instant == 0)
            m_rate = 0;
    }
    m_lastCount = messages;
    const QLocale locale;
    m_rateLabel->setText(tr("%1 msg/s").arg(locale.toString(m_rate, 'f', 0)));
    m_totalLabel->setText(tr("Total: %1 msgs, %2").arg(count(messages), locale.formattedDataSize(m_controller->byteCount())));
    m_totalLabel->setToolTip(tr("Messages and payload bytes received on this connection"));
    m_topicsLabel->setText(tr("Topics: %1").arg(count(m_tree->topicCount())));
    m_queueLabel->setText(tr("Queue: %1").arg(count(m_tree->pendingCount())));
    m_queueLabel->setToolTip(tr("Messages received and not yet applied to the view"));
    const qint64 evicted = qMax<qint64>(0, m_tree->messageCount() - m_tree->skippedCount() - m_tree->storedMessageCount());
    m_droppedLabel->setText(tr("Dropped from history: %1").arg(count(evicted + m_tree->skippedCount())));
    m_droppedLabel->setToolTip(tr("%1 evicted by the history limits (%2 messages, %3 per topic, %4), %5 skipped "
                                  "while the view could not keep up (the latest message of every topic is always kept)")
                                       .arg(count(evicted), count(m_tree->maxHistoryMessages()),
                                            count(m_tree->maxHistoryPerTopic()),
                                            locale.formattedDataSize(m_tree->maxHistoryBytes()),
                                            count(m_tree->skippedCount())));
    m_pausedLabel->setText(m_tree->isPaused() ? tr("PAUSED (%1 waiting)").arg(count(m_tree->pendingCount())) : QString());
    setWindowTitle(m_currentProfile.isEmpty() ? tr("MQTT Inspector")
                                              : tr("MQTT Inspector — %1").arg(m_currentProfile));
}

void MainWindow::showNotice(const QString &text, int msecs)
{
    m_noticeLabel->setText(text);
    m_noticeLabel->setToolTip(text);
    m_noticeLabel->show();
    m_noticeTimer.start(msecs);
}

void MainWindow::showError(const QString &text)
{
    QPalette p = m_errorBanner->palette();
    const bool dark = Appearance::isDarkPalette();
    p.setColor(QPalette::Window, dark ? QColor(0x5a, 0x22, 0x26) : QColor(0xfd, 0xe2, 0xe1));
    p.setColor(QPalette::WindowText, dark ? QColor(0xff, 0xd7, 0xd5) : QColor(0x7a, 0x10, 0x10));
    m_errorBanner->setPalette(p);
    m_errorText->setPalette(p);
    m_errorText->setText(text);
    m_errorBanner->show();
}

void MainWindow::hideError()
{
    m_errorBanner->hide();
    m_errorText->clear();
}

void MainWindow::editProfiles()
{
    QList<ConnectionProfile> editable;
    for (const ConnectionProfile &p : std::as_const(m_profiles))
        editable.append(p);
    ConnectionDialog dialog(editable, m_currentProfile, m_secrets, this);
    if (dialog.exec() != QDialog::Accepted)
        return;
    const QList<ConnectionProfile> edited = dialog.profiles();
    // A profile given on the command line becomes a saved one once saved in the dialog.
    m_transient.clear();
    m_profiles = edited;
    m_currentProfile = dialog.selectedProfile();
    for (const ConnectionProfile &p : std::as_const(m_profiles)) {
        if (p.name == m_currentProfile)
            m_subscriptions->setSubscriptions(p.subscriptions);
    }
    saveProfiles();
    refreshProfileCombo();
    updateActions();
    if (dialog.connectRequested())
        connectProfile(m_currentProfile);
}

void MainWindow::editHistoryLimits()
{
    QDialog dialog(this);
    dialog.setWindowTitle(tr("History limits"));
    auto *form = new QFormLayout(&dialog);
    auto *perTopic = new QSpinBox(&dialog);
    perTopic->setRange(1, 1000000);
    perTopic->setValue(m_tree->maxHistoryPerTopic());
    auto *messages = new QSpinBox(&dialog);
    messages->setRange(1, 100000000);
    messages->setValue(m_tree->maxHistoryMessages());
    auto *megabytes = new QSpinBox(&dialog);
    megabytes->setRange(0, 1024 * 1024);
    megabytes->setSuffix(tr(" MiB"));
    megabytes->setValue(int(m_tree->maxHistoryBytes() / (1024 * 1024)));
    form->addRow(tr("Messages per topic:"), perTopic);
    form->addRow(tr("Messages in all:"), messages);
    form->addRow(tr("Payload bytes in all:"), megabytes);
    auto *note = new QLabel(tr("The oldest messages leave first; the latest message of every topic is always kept."), &dialog);
    note->setWordWrap(true);
    form->addRow(note);
    auto *buttons = new QDialogButtonBox(&dialog);
    QPushButton *ok = buttons->addButton(tr("Apply"), QDialogButtonBox::AcceptRole);
    buttons->addButton(tr("Cancel"), QDialogButtonBox::RejectRole);
    ok->setDefault(true);
    form->addRow(buttons);
    connect(buttons, &QDialogButtonBox::accepted, &dialog, &QDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, &dialog, &QDialog::reject);
    if (dialog.exec() != QDialog::Accepted)
        return;
    m_tree->setMaxHistoryPerTopic(perTopic->value());
    m_tree->setMaxHistoryMessages(messages->value());
    m_tree->setMaxHistoryBytes(qint64(megabytes->value()) * 1024 * 1024);
    QSettings settings;
    settings.setValue(QStringLiteral("history/perTopic"), perTopic->value());
    settings.setValue(QStringLiteral("history/messages"), messages->value());
    settings.setValue(QStringLiteral("history/bytes"), qint64(megabytes->value()) * 1024 * 1024);
    updateStatus();
}

void MainWindow::showShortcuts()
{
    QDialog dialog(this);
    dialog.setWindowTitle(tr("Keyboard shortcuts"));
    auto *layout = new QVBoxLayout(&dialog);
    auto *table = new QTableWidget(&dialog);
    table->setColumnCount(2);
    table->setHorizontalHeaderLabels({ tr("Action"), tr("Shortcut") });
    table->verticalHeader()->hide();
    table->horizontalHeader()->setStretchLastSection(true);
    table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    QList<QAction *> actions = this->actions();
    actions << m_subscriptionsDock->toggleViewAction() << m_publishDock->toggleViewAction();
    for (const QAction *a : std::as_const(actions)) {
        if (a->shortcut().isEmpty())
            continue;
        const int row = table->rowCount();
        table->insertRow(row);
        table->setItem(row, 0, new QTableWidgetItem(QString(a->text()).remove(QLatin1Char('&'))));
        table->setItem(row, 1, new QTableWidgetItem(a->shortcut().toString(QKeySequence::NativeText)));
    }
    table->resizeColumnToContents(0);
    layout->addWidget(table);
    auto *buttons = new QDialogButtonBox(&dialog);
    buttons->addButton(tr("Close"), QDialogButtonBox::RejectRole);
    connect(buttons, &QDialogButtonBox::rejected, &dialog, &QDialog::reject);
    layout->addWidget(buttons);
    dialog.resize(480, 520);
    dialog.exec();
}

void MainWindow::setTheme(Appearance::Theme theme)
{
    Appearance::applyTheme(theme);
    const QString key = Appearance::themeKey(theme);
    for (QAction *a : m_themeGroup->actions())
        a->setChecked(a->data().toString() == key);
    QSettings().setValue(QStringLiteral("theme"), key);
    refreshIcons();
}

void MainWindow::setLanguage(const QString &code)
{
    m_language = code;
    QSettings().setValue(QStringLiteral("language"), code);
    Appearance::installTranslations(code);
    for (QAction *a : m_languageGroup->actions())
        a->setChecked(a->data().toString() == code);
}

bool MainWindow::defaultConfirmClear(const QString &root, const QStringList &topics)
{
    QMessageBox box(this);
    box.setIcon(QMessageBox::Warning);
    box.setWindowTitle(tr("Clear retained messages"));
    const QString where = root.isEmpty() ? tr("on the whole broker") : tr("under \"%1\"").arg(root);
    box.setText(tr("Delete %Ln retained message(s) %1?", nullptr, int(topics.size())).arg(where));
    box.setInformativeText(tr("An empty retained message is published to each topic, so the broker forgets its "
                              "retained message. Subscribers see the empty messages. This cannot be undone."));
    QStringList shown = topics.mid(0, 1000);
    if (topics.size() > shown.size())
        shown << tr("… and %L1 more").arg(topics.size() - shown.size());
    box.setDetailedText(shown.join(QLatin1Char('\n')));
    QPushButton *clear = box.addButton(tr("Delete retained messages"), QMessageBox::DestructiveRole);
    QPushButton *cancel = box.addButton(tr("Cancel"), QMessageBox::RejectRole);
    box.setDefaultButton(cancel);
    box.exec();
    return box.clickedButton() == clear;
}

void MainWindow::clearRetained(const QString &root)
{
    if (!m_controller->isConnected()) {
        showError(tr("Connect to a broker before clearing retained messages."));
        return;
    }
    const ConnectionProfile profile = m_controller->profile();
    auto *cleaner = new RetainedCleaner;
    m_controller->adoptIntoWorker(cleaner);
    const QString where = root.isEmpty() ? tr("the whole broker") : root;
    auto *progress = new QProgressDialog(this);
    progress->setObjectName(QStringLiteral("retainedProgress"));
    progress->setWindowTitle(tr("Clear retained messages"));
    progress->setLabelText(tr("Looking for retained messages under %1…").arg(where));
    progress->setCancelButtonText(tr("Cancel"));
    progress->setRange(0, 0);
    progress->setMinimumDuration(300);
    progress->setAutoClose(false);
    progress->setAutoReset(false);
    QPointer<QProgressDialog> guard(progress);
    auto done = [guard, cleaner] {
        if (guard)
            guard->deleteLater();
        cleaner->deleteLater();
    };
    connect(progress, &QProgressDialog::canceled, this, [cleaner] { cleaner->cancel(); });
    connect(cleaner, &RetainedCleaner::failedToStart, this, [this, done](const QString &error) {
        showError(tr("Could not clear retained messages: %1").arg(error));
        done();
        Q_EMIT retainedClearFinished(0, 0, false, -1, error);
    });
    connect(cleaner, &RetainedCleaner::discovered, this, [this, cleaner, guard, root, where, done](const QStringList &topics) {
        if (topics.isEmpty()) {
            showNotice(tr("No retained messages under %1.").arg(where), 10000);
            QMetaObject::invokeMethod(cleaner, [cleaner] { cleaner->abandon(); });
            return;
        }
        if (guard)
            guard->hide();
        if (!confirmClear(root, topics)) {
            showNotice(tr("Nothing was deleted."), 10000);
            QMetaObject::invokeMethod(cleaner, [cleaner] { cleaner->abandon(); });
            return;
        }
        if (guard) {
            guard->setLabelText(tr("Deleting %Ln retained message(s) under %1…", nullptr, int(topics.size())).arg(where));
            guard->setRange(0, int(topics.size()));
            guard->setValue(0);
            guard->show();
        }
        QMetaObject::invokeMethod(cleaner, [cleaner, topics] { cleaner->clear(topics); });
    });
    connect(cleaner, &RetainedCleaner::progress, this, [guard](int doneCount, int total) {
        if (guard && total > 0) {
            guard->setMaximum(total);
            guard->setValue(doneCount);
        }
    });
    connect(cleaner, &RetainedCleaner::topicsCleared, this, [this](const QStringList &topics) {
        for (const QString &topic : topics)
            m_tree->removeTopic(topic);
    });
    connect(cleaner, &RetainedCleaner::finished, this,
            [this, where, done](int cleared, int failed, bool cancelled, int still, const QString &error) {
        QString text = tr("Deleted %Ln retained message(s) under %1.", nullptr, cleared).arg(where);
        if (cancelled)
            text += QLatin1Char(' ') + tr("Cancelled.");
        if (failed > 0)
            text += QLatin1Char(' ') + tr("%L1 failed (%2).").arg(failed).arg(error);
        if (still > 0)
            text += QLatin1Char(' ') + tr("%Ln still retained (the broker may not allow deleting them).", nullptr, still);
        const bool abandoned = cleared == 0 && failed == 0 && cancelled && still < 0;
        if (failed > 0 || still > 0)
            showError(text);
        else if (!abandoned)
            showNotice(text, 15000);
        done();
        Q_EMIT retainedClearFinished(cleared, failed, cancelled, still, error);
    });
    withSecrets(profile, [cleaner, profile, root](const QByteArray &password, const QByteArray &passphrase) {
        QMetaObject::invokeMethod(cleaner, [=] { cleaner->discover(profile, password, passphrase, root); });
    });
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    saveSettings();
    saveProfiles();
    QMainWindow::closeEvent(event);
}
