// Copyright (C) 2026 The MqttQt authors.
// SPDX-License-Identifier: BSD-3-Clause
#ifndef RETAINEDCLEANER_H
#define RETAINEDCLEANER_H

#include "connectionprofile.h"

#include <QtCore/QHash>
#include <QtCore/QObject>
#include <QtCore/QSet>
#include <QtCore/QStringList>
#include <QtCore/QTimer>

#include <atomic>

class MqttClient;

// Clears the retained messages of a topic and everything below it, on a connection of its
// own (same broker and credentials, its own client id), in three steps:
//
// 1. discover(): subscribes to "<root>/#" (which matches <root> itself too; "#" for the
//    whole broker) and collects the topics whose retained message the broker sends. The
//    end of the retained burst is found with a marker: after the SUBACK the cleaner
//    publishes one message to a private topic it subscribed to first, and the broker
//    delivers it after the retained messages it queued before; then it waits for a short
//    quiet period. discovered() lists the topics.
// 2. clear(): publishes an empty retained message (QoS 1) to each topic, at most 50 in
//    flight, reporting progress() per acknowledgement. cancel() stops sending more.
// 3. Verification: it subscribes again and counts what is still retained (a broker may
//    refuse the deletion, e.g. by ACL, which MQTT 3.1.1 cannot report).
//
// Lives in a worker thread; every call is made through QMetaObject::invokeMethod, and
// cancel() may be called from any thread.
class RetainedCleaner : public QObject
{
    Q_OBJECT
public:
    explicit RetainedCleaner(QObject *parent = nullptr);
    ~RetainedCleaner() override;

    // The quiet period after the marker, and the longest a discovery may take.
    void setQuietPeriod(int msecs) { m_quietMsecs = msecs; }
    void setDiscoveryTimeout(int msecs) { m_discoveryTimeoutMsecs = msecs; }
    // Publishes in flight at once while clearing.
    void setWindow(int messages) { m_window = qMax(1, messages); }

    void discover(const ConnectionProfile &profile, const QByteArray &password, const QByteArray &keyPassphrase,
                  const QString &rootTopic);
    void clear(const QStringList &topics);
    void cancel();
    // Ends without deleting anything (the user said no, or nothing was found).
    void abandon();

    // The subscription filter used for rootTopic ("#" for the whole broker).
    static QString filterFor(const QString &rootTopic);

Q_SIGNALS:
    void discovered(const QStringList &topics);
    void progress(int done, int total);
    // cleared: acknowledged deletions; failed: refused ones (firstError says why);
    // stillRetained: retained messages found under the root afterwards (-1 when the
    // verification could not run).
    void finished(int cleared, int failed, bool cancelled, int stillRetained, const QString &firstError);
    void failedToStart(const QString &error);
    // The topics whose deletion the broker acknowledged (before finished()).
    void topicsCleared(const QStringList &topics);

private:
    enum class Phase { Idle, Connecting, Discovering, Cleared, Clearing, Verifying, Done };

    void startScan();
    void onMessage(const QString &topic, const QByteArray &payload, bool retain);
    void scanDone();
    void sendMore();
    void finish();
    void fail(const QString &error);

    MqttClient *m_client = nullptr;
    Phase m_phase = Phase::Idle;
    QString m_root;
    QString m_marker;
    bool m_markerSeen = false;
    int m_scanMid = 0;
    QStringList m_found;
    QSet<QString> m_foundSet;
    QTimer m_quiet;
    QTimer m_deadline;
    int m_quietMsecs = 300;
    int m_discoveryTimeoutMsecs = 30000;
    int m_window = 50;

    QStringList m_toClear;
    int m_next = 0;
    int m_outstanding = 0;
    int m_cleared = 0;
    int m_failed = 0;
    QHash<int, QString> m_mids; // PUBLISH mid -> topic
    QStringList m_clearedTopics;
    QString m_firstError;
    std::atomic<bool> m_cancel { false };
};

#endif // RETAINEDCLEANER_H
