// MqttSubscription: follows its client's connection, its own topic, qos and enabled
// properties, filters messages to its topic, and reports refusals.
import QtQuick
import QtTest
import MqttQt

TestCase {
    id: tc
    name: "MqttSubscription"

    Component {
        id: clientComponent
        MqttClient {
            host: testSetup.broker ? testSetup.broker.host : ""
            port: testSetup.broker ? testSetup.broker.port : 1883
        }
    }
    Component { id: collectorComponent; Collector {} }
    Component { id: valueComponent; MqttValue {} }

    function initTestCase() {
        if (!testSetup.mosquittoAvailable)
            skip("mosquitto, mosquitto_passwd or openssl is not installed")
        verify(testSetup.broker.running, testSetup.broker.errorString)
    }

    function init() {
        failOnWarning(/.?/)
    }

    function newClient(properties) {
        const client = createTemporaryObject(clientComponent, tc, properties || {})
        verify(client)
        return client
    }

    function connectedClient(properties) {
        const client = newClient(properties)
        compare(client.connectToHost(), Mqtt.NoError)
        tryCompare(client, "state", Mqtt.Connected, 5000)
        return client
    }

    function collector(client, topic, more) {
        const properties = Object.assign({ client: client, topic: topic }, more || {})
        return createTemporaryObject(collectorComponent, tc, properties)
    }

    function record(target, signalName) {
        const calls = []
        target[signalName].connect(function() { calls.push(Array.from(arguments)) })
        return calls
    }

    // Publishes a marker and waits until every given collector has it: whatever was
    // published before on the same connection has been delivered by then.
    function settle(publisher, collectors, topic) {
        const marker = "marker-" + Math.random()
        publisher.publish(topic, marker, 1)
        for (const c of collectors)
            tryVerify(() => c.texts.indexOf(marker) >= 0, 5000, "the marker reached " + c.topic)
    }

    function test_subscribesWhenTheClientConnects() {
        const client = newClient()
        const topic = testSetup.uniqueTopic("later")
        const sub = collector(client, topic, { qos: 1 })
        compare(sub.state, MqttSubscription.Pending)
        compare(sub.grantedQos, -1)
        client.connectToHost()
        tryCompare(sub, "state", MqttSubscription.Subscribed, 5000)
        compare(sub.grantedQos, 1)
        compare(sub.error, Mqtt.NoError)
        compare(client.subscriptions, [topic])
        client.publish(topic, "after connecting", 1)
        tryCompare(sub.texts, "length", 1, 5000)
        compare(sub.texts[0], "after connecting")
    }

    function test_subscribesAtOnceWhenConnected() {
        const client = connectedClient()
        const sub = collector(client, testSetup.uniqueTopic("now"), { qos: 2 })
        compare(sub.state, MqttSubscription.Pending) // SUBSCRIBE sent
        tryCompare(sub, "state", MqttSubscription.Subscribed, 5000)
        compare(sub.grantedQos, 2)
    }

    function test_unsetPropertiesSubscribeNothing() {
        const client = connectedClient()
        const noTopic = collector(client, "")
        const noClient = collector(null, testSetup.uniqueTopic("noclient"))
        compare(noTopic.state, MqttSubscription.Unsubscribed)
        compare(noClient.state, MqttSubscription.Unsubscribed)
        compare(noTopic.error, Mqtt.NoError)
        noClient.client = client
        tryCompare(noClient, "state", MqttSubscription.Subscribed, 5000)
        noClient.client = null
        compare(noClient.state, MqttSubscription.Unsubscribed)
        tryCompare(client, "subscriptions", [], 5000)
    }

    function test_deliversOnlyItsTopic() {
        const client = connectedClient()
        const base = testSetup.uniqueTopic("filter")
        const temps = collector(client, base + "/+/temp", { qos: 1 })
        const line2 = collector(client, base + "/line2/#", { qos: 1 })
        tryCompare(temps, "state", MqttSubscription.Subscribed, 5000)
        tryCompare(line2, "state", MqttSubscription.Subscribed, 5000)
        client.publish(base + "/line1/temp", "21.5", 1)
        client.publish(base + "/line1/pressure", "1.2", 1)
        client.publish(base + "/line2/temp", "22.0", 1)
        client.publish(base + "/line2/pressure", "1.1", 1)
        tryCompare(temps.texts, "length", 2, 5000)
        tryCompare(line2.texts, "length", 2, 5000)
        compare(temps.messages.map(m => m.topic), [base + "/line1/temp", base + "/line2/temp"])
        compare(line2.messages.map(m => m.topic), [base + "/line2/temp", base + "/line2/pressure"])
    }

    function test_otherHandlersDoNotStealMessages() {
        const client = connectedClient()
        const topic = testSetup.uniqueTopic("steal")
        // A C++ per-filter handler takes matching messages away from messageReceived...
        const handler = testSetup.addMessageCallback(client, topic)
        const received = record(client, "messageReceived")
        const sub = collector(client, topic, { qos: 1 })
        tryCompare(sub, "state", MqttSubscription.Subscribed, 5000)
        client.publish(topic, "for everyone", 1)
        // ...but not from MqttSubscription.
        tryCompare(sub.texts, "length", 1, 5000)
        tryVerify(() => testSetup.callbackCount(handler) === 1, 5000)
        compare(received.length, 0)
    }

    function test_overlappingFiltersDeliverEachMessageOnce_data() {
        return [
            { tag: "MQTT 3.1.1", version: Mqtt.V3_1_1 },
            // mosquitto sends one copy per matching subscription with MQTT 5: the
            // subscription identifiers route each copy to its own subscription.
            { tag: "MQTT 5", version: Mqtt.V5 },
        ]
    }

    function test_overlappingFiltersDeliverEachMessageOnce(data) {
        const client = connectedClient({ protocolVersion: data.version })
        const base = testSetup.uniqueTopic("overlap")
        const all = collector(client, base + "/#", { qos: 1 })
        const one = collector(client, base + "/x", { qos: 1 })
        const same = collector(client, base + "/x", { qos: 1 })
        tryCompare(all, "state", MqttSubscription.Subscribed, 5000)
        tryCompare(one, "state", MqttSubscription.Subscribed, 5000)
        tryCompare(same, "state", MqttSubscription.Subscribed, 5000)
        const messagesBefore = record(client, "messageArrived")
        client.publish(base + "/x", "once", 1)
        client.publish(base + "/y", "only all", 1)
        settle(client, [all, one, same], base + "/x")
        compare(all.texts.slice(0, 2), ["once", "only all"])
        compare(all.texts.length, 3)
        compare(one.texts.length, 2)
        compare(one.texts[0], "once")
        compare(same.texts, one.texts)
        if (data.version === Mqtt.V5)
            verify(messagesBefore.length >= 5, "the broker sent " + messagesBefore.length + " copies")
    }

    function test_topicChangeMovesTheSubscription() {
        const client = connectedClient()
        const first = testSetup.uniqueTopic("first")
        const second = testSetup.uniqueTopic("second")
        const sub = collector(client, first, { qos: 1 })
        tryCompare(sub, "state", MqttSubscription.Subscribed, 5000)
        sub.topic = second
        tryCompare(sub, "state", MqttSubscription.Subscribed, 5000)
        tryCompare(client, "subscriptions", [second], 5000)
        client.publish(first, "old topic", 1)
        client.publish(second, "new topic", 1)
        tryCompare(sub.texts, "length", 1, 5000)
        settle(client, [sub], second)
        compare(sub.texts.slice(0, 1), ["new topic"])
        compare(sub.texts.length, 2)
    }

    function test_qosChangeSubscribesAgain() {
        const client = connectedClient()
        const sub = collector(client, testSetup.uniqueTopic("qos"), { qos: 0 })
        tryCompare(sub, "grantedQos", 0, 5000)
        const subacks = record(client, "subscribed")
        sub.qos = Mqtt.ExactlyOnce
        tryCompare(sub, "grantedQos", 2, 5000)
        compare(sub.state, MqttSubscription.Subscribed)
        compare(subacks.length, 1)
        compare(client.subscriptions, [sub.topic])
    }

    function test_disabledUnsubscribes() {
        const client = connectedClient()
        const topic = testSetup.uniqueTopic("enabled")
        const sub = collector(client, topic, { qos: 1 })
        const control = collector(client, topic + "/control", { qos: 1 })
        tryCompare(sub, "state", MqttSubscription.Subscribed, 5000)
        tryCompare(control, "state", MqttSubscription.Subscribed, 5000)
        const unsubacks = record(client, "unsubscribed")
        sub.enabled = false
        compare(sub.state, MqttSubscription.Unsubscribed)
        compare(sub.grantedQos, -1)
        tryCompare(unsubacks, "length", 1, 5000)
        compare(client.subscriptions, [control.topic])
        client.publish(topic, "while disabled", 1)
        settle(client, [control], control.topic)
        compare(sub.texts, [])
        sub.enabled = true
        tryCompare(sub, "state", MqttSubscription.Subscribed, 5000)
        client.publish(topic, "enabled again", 1)
        tryCompare(sub.texts, "length", 1, 5000)
        compare(sub.texts[0], "enabled again")
    }

    function test_destroyedUnsubscribes() {
        const client = connectedClient()
        const topic = testSetup.uniqueTopic("destroyed")
        const sub = createTemporaryObject(collectorComponent, tc, { client: client, topic: topic })
        tryCompare(sub, "state", MqttSubscription.Subscribed, 5000)
        const unsubacks = record(client, "unsubscribed")
        sub.destroy()
        tryCompare(unsubacks, "length", 1, 5000)
        compare(client.subscriptions, [])
    }

    function test_sharedFilterOutlivesOneUser() {
        const client = connectedClient()
        const topic = testSetup.uniqueTopic("shared")
        const a = createTemporaryObject(collectorComponent, tc, { client: client, topic: topic, qos: 1 })
        const b = collector(client, topic, { qos: 1 })
        tryCompare(a, "state", MqttSubscription.Subscribed, 5000)
        tryCompare(b, "state", MqttSubscription.Subscribed, 5000)
        const unsubacks = record(client, "unsubscribed")
        a.destroy()
        wait(0)
        client.publish(topic, "still here", 1)
        tryCompare(b.texts, "length", 1, 5000)
        compare(unsubacks.length, 0)
        compare(client.subscriptions, [topic])
        compare(b.state, MqttSubscription.Subscribed)
    }

    function test_invalidSettingsReportErrors_data() {
        return [
            { tag: "# not last", settings: { topic: "plant/#/temp" }, words: "plant/#/temp" },
            { tag: "+ inside a level", settings: { topic: "plant/line+/temp" }, words: "not a valid topic filter" },
            { tag: "QoS 3", settings: { topic: "plant/x", qos: 3 }, words: "QoS 3" },
            { tag: "retain handling 5", settings: { topic: "plant/x", retainHandling: 5 }, words: "retainHandling 5" },
        ]
    }

    function test_invalidSettingsReportErrors(data) {
        const client = connectedClient()
        const sub = collector(client, "", data.settings)
        compare(sub.state, MqttSubscription.Error)
        compare(sub.error, Mqtt.Invalid)
        verify(sub.errorString.indexOf(data.words) >= 0, sub.errorString)
        compare(client.error, Mqtt.NoError) // refused before reaching the client
        // Fixed, it subscribes.
        sub.topic = testSetup.uniqueTopic("fixed")
        sub.qos = 1
        sub.retainHandling = Mqtt.SendOnSubscribe
        tryCompare(sub, "state", MqttSubscription.Subscribed, 5000)
        compare(sub.error, Mqtt.NoError)
        compare(sub.errorString, "")
    }

    function test_clientInAnotherThreadIsRefused() {
        const client = testSetup.createClientInOtherThread()
        const sub = collector(client, testSetup.uniqueTopic("thread"))
        compare(sub.state, MqttSubscription.Error)
        compare(sub.error, Mqtt.Invalid)
        verify(sub.errorString.indexOf("another thread") >= 0, sub.errorString)
        sub.client = null
        compare(sub.state, MqttSubscription.Unsubscribed)
        compare(sub.error, Mqtt.NoError)
    }

    function test_mqtt5OptionsOnMqtt311AreRefused() {
        const client = connectedClient({ protocolVersion: Mqtt.V3_1_1 })
        const sub = collector(client, testSetup.uniqueTopic("nolocal"), { noLocal: true })
        compare(sub.state, MqttSubscription.Error)
        compare(sub.error, Mqtt.Invalid)
        verify(sub.errorString.indexOf(sub.topic) >= 0, sub.errorString)
        sub.noLocal = false
        tryCompare(sub, "state", MqttSubscription.Subscribed, 5000)
    }

    function test_noLocalSkipsOwnMessages() {
        const client = connectedClient({ protocolVersion: Mqtt.V5 })
        const topic = testSetup.uniqueTopic("nolocal5")
        const sub = collector(client, topic, { noLocal: true, qos: 1 })
        tryCompare(sub, "state", MqttSubscription.Subscribed, 5000)
        const other = connectedClient({ protocolVersion: Mqtt.V5 })
        client.publish(topic, "mine", 1)
        other.publish(topic, "theirs", 1)
        tryCompare(sub.texts, "length", 1, 5000)
        wait(100)
        compare(sub.texts, ["theirs"])
    }

    function test_brokerRefusalReachesQml_data() {
        return [
            { tag: "MQTT 3.1.1 failure", version: Mqtt.V3_1_1, code: 0x80, error: Mqtt.Unknown, hex: "0x80" },
            { tag: "MQTT 5 not authorized", version: Mqtt.V5, code: Mqtt.NotAuthorized, error: Mqtt.AclDenied, hex: "0x87" },
            { tag: "MQTT 5 filter invalid", version: Mqtt.V5, code: Mqtt.TopicFilterInvalid, error: Mqtt.Invalid, hex: "0x8f" },
            { tag: "MQTT 5 quota", version: Mqtt.V5, code: Mqtt.QuotaExceeded, error: Mqtt.QueueSize, hex: "0x97" },
            { tag: "MQTT 5 no wildcards", version: Mqtt.V5, code: Mqtt.WildcardSubscriptionsNotSupported, error: Mqtt.NotSupported, hex: "0xa2" },
        ]
    }

    function test_brokerRefusalReachesQml(data) {
        // mosquitto grants what its ACL denies (it filters at delivery), so a scripted
        // broker plays the refusal.
        const broker = testSetup.startRefusingBroker(data.version, data.code)
        verify(broker.port > 0)
        const client = connectedClient({ host: broker.host, port: broker.port, protocolVersion: data.version })
        const denied = collector(client, "secret/#", { qos: 1 })
        tryCompare(denied, "state", MqttSubscription.Error, 5000)
        compare(testSetup.refusingBrokerFailure(), "")
        compare(denied.error, data.error)
        compare(denied.reasonCode, data.code)
        compare(denied.grantedQos, -1)
        verify(denied.errorString.indexOf("secret/#") >= 0, denied.errorString)
        verify(denied.errorString.indexOf(data.hex) >= 0, denied.errorString)
        compare(client.error, Mqtt.NoError)
    }

    function test_renewedAfterBrokerRestart() {
        const broker = testSetup.startBroker({})
        verify(broker.running, broker.errorString)
        const client = connectedClient({ host: broker.host, port: broker.port, reconnectDelayMin: 1, reconnectDelayMax: 1 })
        const topic = testSetup.uniqueTopic("restart")
        const sub = collector(client, topic, { qos: 1 })
        const value = createTemporaryObject(valueComponent, tc, { client: client, topic: topic + "/value" })
        tryCompare(sub, "state", MqttSubscription.Subscribed, 5000)
        tryCompare(value, "state", MqttSubscription.Subscribed, 5000)
        const connacks = record(client, "connackReceived")
        const lost = record(client, "subscriptionsLost")
        broker.kill()
        tryCompare(sub, "state", MqttSubscription.Pending, 5000)
        compare(sub.grantedQos, -1)
        verify(broker.restart(), broker.errorString)
        tryCompare(client, "state", Mqtt.Connected, 10000)
        compare(connacks[0][0], false) // the broker kept no session
        tryCompare(sub, "state", MqttSubscription.Subscribed, 5000)
        tryCompare(value, "state", MqttSubscription.Subscribed, 5000)
        compare(sub.grantedQos, 1)
        compare(lost.length, 0) // renewed in time: nothing was reported lost
        client.publish(topic, "after the restart", 1)
        client.publish(topic + "/value", "7", 1)
        tryCompare(sub.texts, "length", 1, 5000)
        tryCompare(value, "value", 7, 5000)
        broker.kill()
    }

    function test_keptSessionIsNotSubscribedAgain() {
        const broker = testSetup.startBroker({ persistence: true })
        verify(broker.running, broker.errorString)
        const client = connectedClient({ host: broker.host, port: broker.port, cleanSession: false,
                                         clientId: testSetup.uniqueClientId("kept"),
                                         reconnectDelayMin: 1, reconnectDelayMax: 1 })
        const topic = testSetup.uniqueTopic("kept")
        const sub = collector(client, topic, { qos: 1 })
        const dropped = createTemporaryObject(collectorComponent, tc, { client: client, topic: topic + "/dropped", qos: 1 })
        tryCompare(sub, "state", MqttSubscription.Subscribed, 5000)
        tryCompare(dropped, "state", MqttSubscription.Subscribed, 5000)
        broker.stop() // graceful: the session is saved
        tryCompare(sub, "state", MqttSubscription.Pending, 5000)
        // Destroyed while offline: unsubscribed once the broker is back with the session.
        dropped.destroy()
        wait(0)
        const subacks = record(client, "subscribed")
        const unsubacks = record(client, "unsubscribed")
        const connacks = record(client, "connackReceived")
        verify(broker.restart(), broker.errorString)
        tryCompare(client, "state", Mqtt.Connected, 10000)
        compare(connacks[0][0], true) // session present
        tryCompare(sub, "state", MqttSubscription.Subscribed, 5000)
        compare(sub.grantedQos, 1)
        tryCompare(unsubacks, "length", 1, 5000)
        compare(subacks.length, 0)
        const publisher = connectedClient({ host: broker.host, port: broker.port })
        publisher.publish(topic + "/dropped", "nobody", 1)
        publisher.publish(topic, "kept subscription", 1)
        tryCompare(sub.texts, "length", 1, 5000)
        compare(sub.texts[0], "kept subscription")
        compare(client.subscriptions.indexOf(topic + "/dropped"), -1)
        broker.kill()
    }

    function test_clientDestroyedLeavesSubscriptionUnsubscribed() {
        const client = connectedClient()
        const sub = collector(client, testSetup.uniqueTopic("gone"))
        tryCompare(sub, "state", MqttSubscription.Subscribed, 5000)
        client.destroy()
        tryCompare(sub, "client", null, 5000)
        compare(sub.state, MqttSubscription.Unsubscribed)
    }

    function test_retainedMessagesReachOnlyTheNewcomer() {
        const client = connectedClient()
        const topic = testSetup.uniqueTopic("newcomer")
        const first = collector(client, topic, { qos: 1 })
        tryCompare(first, "state", MqttSubscription.Subscribed, 5000)
        client.publish(topic, "retained 1", 1, true)
        tryCompare(first.texts, "length", 1, 5000)
        client.publish(topic, "live 2", 1, false) // the broker still retains "retained 1"
        tryCompare(first.texts, "length", 2, 5000)
        const second = collector(client, topic, { qos: 1 })
        tryVerify(() => second.texts.length === 1, 5000)
        compare(second.texts, ["retained 1"])
        compare(second.messages[0].retain, true)
        settle(client, [first, second], topic)
        // The first subscriber never went back to the stale retained value.
        compare(first.texts.slice(0, 2), ["retained 1", "live 2"])
        compare(first.texts.length, 3)
        client.publish(topic, "", 1, true)
    }

    function test_cppClientMadeThroughTheEngineHasQmlMembers() {
        const client = testSetup.createCppClient(true, testSetup.broker.host, testSetup.broker.port, Mqtt.V5)
        verify(client)
        client.connectProperties = { sessionExpiryInterval: 5 }
        compare(client.connectProperties.sessionExpiryInterval, 5)
        compare(client.connectToHost(), Mqtt.NoError)
        tryCompare(client, "state", Mqtt.Connected, 5000)
        const topic = testSetup.uniqueTopic("cpp")
        const sub = collector(client, topic, { qos: 1 })
        tryCompare(sub, "state", MqttSubscription.Subscribed, 5000)
        compare(client.publish(topic, { via: "engine" }, 1, false, { userProperties: { k: "v" } }).rc, Mqtt.NoError)
        tryCompare(sub.texts, "length", 1, 5000)
        compare(JSON.parse(sub.texts[0]), { via: "engine" })
        compare(sub.messages[0].userProperties, { k: "v" })
        client.disconnectFromHost()
        tryCompare(client, "state", Mqtt.Disconnected, 5000)
    }

    function test_plainCppClientWorksWithTheQmlTypes() {
        // A client made with "new MqttClient" has only MqttClient's own members in QML
        // (no JS objects for MQTT 5 properties); MqttSubscription, MqttValue and
        // mqttMessage work with it all the same.
        const client = testSetup.createCppClient(false, testSetup.broker.host, testSetup.broker.port, Mqtt.V5)
        verify(client)
        compare(client.connectToHost(), Mqtt.NoError)
        tryCompare(client, "state", Mqtt.Connected, 5000)
        const topic = testSetup.uniqueTopic("plain")
        const sub = collector(client, topic, { qos: 2 })
        const value = createTemporaryObject(valueComponent, tc, { client: client, topic: topic })
        tryCompare(sub, "state", MqttSubscription.Subscribed, 5000)
        tryCompare(value, "state", MqttSubscription.Subscribed, 5000)
        compare(client.publish(topic, "21.5", Mqtt.ExactlyOnce).rc, Mqtt.NoError)
        compare(client.publish(topic, new Uint8Array([1, 2]).buffer, Mqtt.AtLeastOnce).rc, Mqtt.NoError)
        tryCompare(sub.texts, "length", 2, 5000)
        // QoS 2 is forwarded after PUBREL, so the QoS 1 message may come first.
        compare(sub.messages.find(m => m.text === "21.5").qos, Mqtt.ExactlyOnce)
        compare(Array.from(new Uint8Array(sub.messages.find(m => m.size === 2).payload)), [1, 2])
        tryVerify(() => value.valid, 5000)
        compare(value.message.topic, topic)
        client.disconnectFromHost()
        tryCompare(client, "state", Mqtt.Disconnected, 5000)
    }
}
