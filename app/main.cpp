// Copyright (C) 2026 The MqttQt authors.
// SPDX-License-Identifier: BSD-3-Clause
//
// mqtt-inspector: explore an MQTT broker (topic tree with values and counts, history,
// diff, chart, publish, retained messages).

#include "appearance.h"
#include "clientcontroller.h"
#include "latencyprobe.h"
#include "mainwindow.h"
#include "topicdetails.h"

#include <MqttQt/mqttqtversion.h>
#include <MqttQt/mqtttopictreemodel.h>

#include <QtCore/QCommandLineParser>
#include <QtCore/QFile>
#include <QtCore/QJsonDocument>
#include <QtCore/QJsonObject>
#include <QtCore/QSettings>
#include <QtCore/QTimer>
#include <QtWidgets/QApplication>

#include <cstdio>

namespace {

// Qt aborts when it cannot open a display; say what to do instead.
bool displayAvailable()
{
#if defined(Q_OS_LINUX) || defined(Q_OS_FREEBSD)
    return !qEnvironmentVariableIsEmpty("DISPLAY") || !qEnvironmentVariableIsEmpty("WAYLAND_DISPLAY")
            || !qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM");
#else
    return true;
#endif
}

// The longest tree-model apply seen (the model's own measure), when, and its size.
double treeApplyMaxMsecs = 0;
double treeApplyMaxAt = 0;
double treeApplyMaxMessages = 0;

bool writeReport(const QString &path, const LatencyProbe &probe, const MainWindow &window, qint64 durationMsecs)
{
    const MqttTopicTreeModel *tree = window.treeModel();
    QJsonObject o;
    o.insert(QStringLiteral("duration_s"), durationMsecs / 1000.0);
    o.insert(QStringLiteral("probe_samples"), double(probe.samples()));
    o.insert(QStringLiteral("gui_lateness_p50_ms"), probe.quantileMsecs(0.5));
    o.insert(QStringLiteral("gui_lateness_p99_ms"), probe.quantileMsecs(0.99));
    o.insert(QStringLiteral("gui_lateness_max_ms"), probe.maxMsecs());
    o.insert(QStringLiteral("gui_stalls_over_100ms"), double(probe.countAbove(100)));
    // CPU time the GUI thread used per 10 ms probe interval: a stall with little CPU time
    // was the thread waiting for a core, not the inspector working.
    o.insert(QStringLiteral("gui_cpu_per_interval_p99_ms"), probe.cpuQuantileMsecs(0.99));
    o.insert(QStringLiteral("gui_cpu_per_interval_max_ms"), probe.cpuMaxMsecs());
    o.insert(QStringLiteral("gui_busy_stalls_over_100ms"), double(probe.countBusyAbove(100)));
    o.insert(QStringLiteral("load_average_at_end"), LatencyProbe::loadAverage());
    o.insert(QStringLiteral("gui_thread_cpu_s"), probe.cpuTotalSeconds());
    o.insert(QStringLiteral("process_cpu_s"), LatencyProbe::processCpuSeconds());
    o.insert(QStringLiteral("gui_latest_tick_at_s"), probe.latestAtSeconds());
    o.insert(QStringLiteral("gui_busiest_interval_at_s"), probe.busiestAtSeconds());
    o.insert(QStringLiteral("tree_apply_max_ms"), treeApplyMaxMsecs);
    o.insert(QStringLiteral("tree_apply_max_at_s"), treeApplyMaxAt);
    o.insert(QStringLiteral("tree_apply_max_messages"), treeApplyMaxMessages);
    o.insert(QStringLiteral("peak_rss_kib"), double(LatencyProbe::peakRssKib()));
    o.insert(QStringLiteral("rss_kib"), double(LatencyProbe::currentRssKib()));
    o.insert(QStringLiteral("messages_received"), double(window.controller()->messageCount()));
    o.insert(QStringLiteral("bytes_received"), double(window.controller()->byteCount()));
    o.insert(QStringLiteral("topics"), tree->topicCount());
    o.insert(QStringLiteral("messages_in_tree"), double(tree->messageCount()));
    o.insert(QStringLiteral("stored_messages"), tree->storedMessageCount());
    o.insert(QStringLiteral("stored_bytes"), double(tree->storedBytes()));
    o.insert(QStringLiteral("skipped"), double(tree->skippedCount()));
    o.insert(QStringLiteral("pending"), tree->pendingCount());
    o.insert(QStringLiteral("history_max_messages"), tree->maxHistoryMessages());
    o.insert(QStringLiteral("history_max_per_topic"), tree->maxHistoryPerTopic());
    o.insert(QStringLiteral("history_max_bytes"), double(tree->maxHistoryBytes()));
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate))
        return false;
    file.write(QJsonDocument(o).toJson());
    return file.flush();
}

// The --lang value, read before the parser exists so that its help is translated too.
QString languageArgument(const QStringList &arguments)
{
    for (qsizetype i = 0; i < arguments.size(); ++i) {
        const QString &a = arguments.at(i);
        if (a == u"--lang" && i + 1 < arguments.size())
            return arguments.at(i + 1);
        if (a.startsWith(u"--lang="))
            return a.mid(7);
    }
    return QString();
}

QString language(const QStringList &arguments)
{
    const QString given = languageArgument(arguments);
    return given.isEmpty() ? QSettings().value(QStringLiteral("language")).toString() : given;
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication::setOrganizationName(QStringLiteral("MqttQt"));
    QCoreApplication::setApplicationName(QStringLiteral("mqtt-inspector"));
    if (!displayAvailable()) {
        QCoreApplication console(argc, argv);
        Appearance::installTranslations(language(console.arguments()));
        std::fprintf(stderr, "%s\n",
                     qPrintable(QCoreApplication::translate(
                             "main", "mqtt-inspector: no display is available ($DISPLAY and $WAYLAND_DISPLAY are not set).\n"
                                     "Run it in a desktop session, or on a headless machine with a virtual display:\n"
                                     "    xvfb-run -a mqtt-inspector [options]\n"
                                     "or without a window at all: QT_QPA_PLATFORM=offscreen mqtt-inspector [options]")));
        return 2;
    }
    QApplication app(argc, argv);
    Appearance::installTranslations(language(app.arguments()));
    QApplication::setApplicationDisplayName(QCoreApplication::translate("main", "MQTT Inspector"));
    QApplication::setApplicationVersion(QString::fromLatin1(MQTTQT_VERSION_STR));
    QApplication::setDesktopFileName(QStringLiteral("mqtt-inspector"));

    QCommandLineParser parser;
    parser.setApplicationDescription(QCoreApplication::translate("main", "Explore an MQTT broker: topics, values, history, diffs, charts."));
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption connectOption(QStringLiteral("connect"),
            QCoreApplication::translate("main", "Connect at start to URL (mqtt://, mqtts://, ws://, wss://) with a profile that is not saved."),
            QStringLiteral("url"));
    const QCommandLineOption nameOption(QStringLiteral("profile-name"), QCoreApplication::translate("main", "Name of that profile."),
                                        QStringLiteral("name"));
    const QCommandLineOption subscribeOption(QStringLiteral("subscribe"),
            QCoreApplication::translate("main", "Subscribe to filter (repeatable; default #)."), QStringLiteral("filter"));
    const QCommandLineOption langOption(QStringLiteral("lang"), QCoreApplication::translate("main", "User interface language: en or zh_CN."),
                                        QStringLiteral("code"));
    const QCommandLineOption themeOption(QStringLiteral("theme"), QCoreApplication::translate("main", "system, light or dark."),
                                         QStringLiteral("theme"));
    const QCommandLineOption perTopicOption(QStringLiteral("history-per-topic"),
            QCoreApplication::translate("main", "Messages kept per topic (default 1000)."), QStringLiteral("n"));
    const QCommandLineOption messagesOption(QStringLiteral("history-messages"),
            QCoreApplication::translate("main", "Messages kept in all (default 100000)."), QStringLiteral("n"));
    const QCommandLineOption bytesOption(QStringLiteral("history-mib"),
            QCoreApplication::translate("main", "Payload MiB kept in all (default 64)."), QStringLiteral("mib"));
    const QCommandLineOption selectOption(QStringLiteral("select"), QCoreApplication::translate("main", "Select topic once it arrives."),
                                          QStringLiteral("topic"));
    const QCommandLineOption tabOption(QStringLiteral("tab"),
            QCoreApplication::translate("main", "Details tab to show: value, history, diff, chart or properties."),
            QStringLiteral("tab"));
    const QCommandLineOption sizeOption(QStringLiteral("window-size"), QCoreApplication::translate("main", "Window size, e.g. 1280x800."),
                                        QStringLiteral("WxH"));
    const QCommandLineOption screenshotOption(QStringLiteral("screenshot"),
            QCoreApplication::translate("main", "Save a picture of the window to file (after --screenshot-delay)."), QStringLiteral("file"));
    const QCommandLineOption screenshotDelayOption(QStringLiteral("screenshot-delay"),
            QCoreApplication::translate("main", "Milliseconds before the screenshot (default 5000)."), QStringLiteral("ms"));
    const QCommandLineOption quitOption(QStringLiteral("quit-after"), QCoreApplication::translate("main", "Quit after seconds."),
                                        QStringLiteral("seconds"));
    const QCommandLineOption reportOption(QStringLiteral("latency-report"),
            QCoreApplication::translate("main", "Measure the GUI thread's event-loop latency and write a JSON report to file on quitting."),
            QStringLiteral("file"));
    for (const QCommandLineOption &o : { connectOption, nameOption, subscribeOption, langOption, themeOption,
                                         perTopicOption, messagesOption, bytesOption, selectOption, tabOption, sizeOption,
                                         screenshotOption, screenshotDelayOption, quitOption, reportOption })
        parser.addOption(o);
    parser.process(app);

    QSettings settings;
    Appearance::applyTheme(Appearance::themeFromKey(parser.isSet(themeOption)
                                                            ? parser.value(themeOption)
                                                            : settings.value(QStringLiteral("theme")).toString()));

    InspectorOptions options;
    options.connectUrl = parser.value(connectOption);
    options.profileName = parser.value(nameOption);
    options.subscriptions = parser.values(subscribeOption);
    options.historyPerTopic = parser.isSet(perTopicOption) ? parser.value(perTopicOption).toInt() : -1;
    options.historyMessages = parser.isSet(messagesOption) ? parser.value(messagesOption).toInt() : -1;
    options.historyBytes = parser.isSet(bytesOption) ? parser.value(bytesOption).toLongLong() * 1024 * 1024 : -1;
    options.selectTopic = parser.value(selectOption);

    LatencyProbe probe;
    QElapsedTimer runClock;
    runClock.start();
    const QString report = parser.value(reportOption);
    MainWindow window(options);
    if (parser.isSet(sizeOption)) {
        const QStringList parts = parser.value(sizeOption).split(QLatin1Char('x'));
        if (parts.size() == 2)
            window.resize(parts.at(0).toInt(), parts.at(1).toInt());
    }
    window.show();
    if (parser.isSet(tabOption)) {
        static const QStringList tabs = { QStringLiteral("value"), QStringLiteral("history"), QStringLiteral("diff"),
                                          QStringLiteral("chart"), QStringLiteral("properties") };
        const int tab = int(tabs.indexOf(parser.value(tabOption)));
        if (tab >= 0)
            window.details()->showTab(TopicDetails::Tab(tab));
    }

    if (!report.isEmpty()) {
        probe.start();
        // Measure from the connection on: start-up (first layout, fonts) is not the flood.
        QElapsedTimer *sinceConnect = new QElapsedTimer;
        QObject::connect(window.controller(), &ClientController::connected, &probe, [&probe, sinceConnect] {
            probe.reset();
            sinceConnect->start();
        });
        QObject::connect(window.treeModel(), &MqttTopicTreeModel::batchApplied, &probe,
                         [sinceConnect](int messages, int, qint64 usec) {
            if (usec / 1000.0 > treeApplyMaxMsecs) {
                treeApplyMaxMsecs = usec / 1000.0;
                treeApplyMaxAt = sinceConnect->isValid() ? sinceConnect->elapsed() / 1000.0 : 0;
                treeApplyMaxMessages = messages;
            }
        });
        QObject::connect(&app, &QCoreApplication::aboutToQuit, &probe, [&] {
            probe.stop();
            if (!writeReport(report, probe, window, runClock.elapsed()))
                std::fprintf(stderr, "%s\n", qPrintable(QCoreApplication::translate("main", "mqtt-inspector: cannot write %1").arg(report)));
        });
    }
    if (parser.isSet(screenshotOption)) {
        const QString file = parser.value(screenshotOption);
        const int delay = parser.isSet(screenshotDelayOption) ? parser.value(screenshotDelayOption).toInt() : 5000;
        QTimer::singleShot(delay, &window, [&window, &probe, file] {
            // Grabbing and encoding the picture is the screenshot's work, not the
            // inspector's: the probe does not measure it.
            const bool probing = probe.isActive();
            probe.stop();
            const bool saved = window.grab().save(file);
            if (probing)
                probe.start();
            if (!saved)
                std::fprintf(stderr, "%s\n", qPrintable(QCoreApplication::translate("main", "mqtt-inspector: cannot save the screenshot to %1").arg(file)));
        });
    }
    if (parser.isSet(quitOption))
        QTimer::singleShot(parser.value(quitOption).toInt() * 1000, &app, &QCoreApplication::quit);
    return app.exec();
}
