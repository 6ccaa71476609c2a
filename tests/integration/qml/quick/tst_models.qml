// The topic models from QML: a feed fed by a client, the tree, a topic's history and the
// search proxy, bound as a QML view binds them.
import QtQuick
import QtTest
import MqttQt

TestCase {
    id: tc
    name: "Models"

    Component {
        id: setupComponent
        Item {
            property alias client: client
            property alias feed: feed
            property alias tree: tree
            property alias history: history
            property alias search: search
            property alias sub: sub
            MqttClient {
                id: client
                host: testSetup.broker ? testSetup.broker.host : ""
                port: testSetup.broker ? testSetup.broker.port : 1883
            }
            MqttMessageFeed { id: feed; client: client }
            MqttTopicTreeModel { id: tree; feed: feed; tickInterval: 20 }
            MqttMessageHistoryModel { id: history; treeModel: tree }
            MqttTopicFilterProxyModel { id: search; sourceModel: tree }
            MqttSubscription { id: sub; client: client; topic: testSetup.uniqueTopic("models") + "/#" }
        }
    }

    function initTestCase() {
        if (!testSetup.mosquittoAvailable)
            skip("mosquitto, mosquitto_passwd or openssl is not installed")
    }

    function init() {
        failOnWarning(/.?/)
    }

    function test_treeHistoryAndSearchFollowTheBroker() {
        const s = createTemporaryObject(setupComponent, tc)
        compare(s.client.connectToHost(), Mqtt.NoError)
        tryCompare(s.client, "state", Mqtt.Connected, 5000)
        const sub = s.sub
        tryCompare(sub, "state", MqttSubscription.Subscribed, 5000)
        const base = sub.topic.slice(0, -2)
        s.client.publish(base + "/line1/temp", "21.5", 1)
        s.client.publish(base + "/line1/temp", "22.0", 1)
        s.client.publish(base + "/line2/pressure", "4.2", 1)
        tryCompare(s.tree, "messageCount", 3, 5000)
        compare(s.tree.topicCount, 2)
        // the tree has the levels, with the latest value on the leaf
        const leaf = s.tree.indexForTopic(base + "/line1/temp")
        verify(leaf.valid)
        compare(s.tree.data(leaf, Qt.DisplayRole), "temp")
        // a topic's history, in order
        s.history.topic = base + "/line1/temp"
        tryCompare(s.history, "count", 2, 5000)
        // the search keeps the ancestors of what matches
        s.search.filterText = "pressure"
        verify(s.search.rowCount() >= 1)
        s.search.filterText = "no-such-level"
        compare(s.search.rowCount(), 0)
    }
}
