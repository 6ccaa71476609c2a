// Copyright (C) 2026 The MqttQt authors.
// SPDX-License-Identifier: BSD-3-Clause
#ifndef MODELTESTHELPERS_H
#define MODELTESTHELPERS_H

#include <MqttQt/mqttmessage.h>
#include <MqttQt/mqttmessagefeed.h>
#include <MqttQt/mqttmessagehistorymodel.h>
#include <MqttQt/mqtttopictreemodel.h>

#include <QtCore/QRandomGenerator>
#include <QtCore/QSet>
#include <QtCore/QStringList>
#include <QtTest/QTest>

using namespace Qt::StringLiterals;

namespace ModelTest {

// A fixed, whole-second epoch time: the rate buckets start on it.
constexpr qint64 T0 = 1700000000000;

inline MqttMessage message(const QString &topic, const QByteArray &payload = QByteArray(), int qos = 0,
                           bool retain = false, const MqttProperties &properties = MqttProperties())
{
    return MqttMessage(topic, payload, Mqtt::QoS(qos), retain, properties);
}

// A feed and a tree model ticking only when told to.
struct Fixture
{
    MqttMessageFeed feed;
    MqttTopicTreeModel model;

    Fixture()
    {
        model.setTickInterval(0);
        model.setFeed(&feed);
    }
    bool add(const QString &topic, const QByteArray &payload = QByteArray(), qint64 at = T0, int qos = 0,
             bool retain = false, const MqttProperties &properties = MqttProperties())
    {
        return feed.addMessageAt(message(topic, payload, qos, retain, properties), at);
    }
    void tick(qint64 now = T0) { model.applyPending(now); }
};

// Distinct random topics from a small vocabulary, with empty levels, a leading or
// trailing slash now and then, and $SYS roots.
inline QStringList randomTopics(QRandomGenerator &rng, int count)
{
    static const char *const words[] = {"home", "sensor", "temp", "", "$SYS", "a", "b", "kitchen", "x", "dev"};
    QSet<QString> seen;
    QStringList out;
    while (out.size() < count) {
        const int depth = 1 + int(rng.bounded(5));
        QStringList levels;
        for (int i = 0; i < depth; ++i) {
            QString word = QString::fromLatin1(words[rng.bounded(10)]);
            if (i > 0 && word == QLatin1String("$SYS"))
                word = QStringLiteral("sys");
            if (rng.bounded(3) == 0)
                word += QString::number(rng.bounded(20));
            levels << word;
        }
        const QString topic = levels.join(u'/');
        if (topic.isEmpty() || seen.contains(topic))
            continue;
        seen.insert(topic);
        out << topic;
    }
    return out;
}

// Messages of \a topic in \a model's history.
inline int historyCount(MqttTopicTreeModel &model, const QString &topic)
{
    MqttMessageHistoryModel history;
    history.setTreeModel(&model);
    history.setTopic(topic);
    return history.rowCount();
}

// Full topics of every row of \a model below \a parent, depth first.
inline QStringList allTopics(const QAbstractItemModel &model, const QModelIndex &parent = QModelIndex())
{
    QStringList out;
    for (int r = 0; r < model.rowCount(parent); ++r) {
        const QModelIndex i = model.index(r, 0, parent);
        out << i.data(MqttTopicTreeModel::TopicRole).toString();
        out << allTopics(model, i);
    }
    return out;
}

} // namespace ModelTest

#endif // MODELTESTHELPERS_H
