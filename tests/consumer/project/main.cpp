// Uses only installed headers, in the two spellings users may write: fails to compile if a
// public header includes a private one or a header is not installed.
#include <MqttQt/MqttClient>
#include <MqttQt/MqttQtCore>
#include <MqttQt/mqttclient.h>
#include <MqttQt/mqttmessagefeed.h>
#include <MqttQt/mqttmessagehistorymodel.h>
#include <MqttQt/mqtttopicfilterproxymodel.h>
#include <MqttQt/mqtttopictreemodel.h>
#include <MqttQt/MqttQtModels>

#include <QtCore/QCoreApplication>

static_assert(MQTTQT_VERSION >= MQTTQT_VERSION_CHECK(0, 1, 0), "MQTTQT_VERSION is defined");

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    MqttClient client(QStringLiteral("consumer"));
    const bool ok = Mqtt::topicMatchesSub(u"a/+", u"a/b")
            && client.publish(QStringLiteral("t"), QByteArray("x")).rc() == Mqtt::ErrorCode::NoConnection
            && QString::fromLatin1(MQTTQT_VERSION_STR).startsWith(QLatin1Char('0'));

    // MqttQt::Models: a message through the feed into the tree, its history and a filter.
    MqttMessageFeed feed;
    MqttTopicTreeModel tree;
    tree.setTickInterval(0);
    tree.setFeed(&feed);
    MqttMessageHistoryModel history;
    history.setTreeModel(&tree);
    history.setTopic(QStringLiteral("a/b"));
    MqttTopicFilterProxyModel proxy;
    proxy.setSourceModel(&tree);
    proxy.setFilterText(QStringLiteral("b"));
    feed.addMessage(MqttMessage(QStringLiteral("a/b"), QByteArray("v")));
    tree.applyPending();
    const bool modelsOk = tree.topicCount() == 1 && history.rowCount() == 1 && proxy.rowCount() == 1;
    return ok && modelsOk ? 0 : 1;
}
