// MqttClient from QML: options as bindable properties, every action with plain QML
// values, MQTT 5 properties as JS objects, the will, errors.
import QtQuick
import QtTest
import MqttQt

TestCase {
    id: tc
    name: "MqttClient"

    property var authBroker: null

    Component {
        id: clientComponent
        MqttClient {
            host: testSetup.broker ? testSetup.broker.host : ""
            port: testSetup.broker ? testSetup.broker.port : 1883
        }
    }
    Component { id: collectorComponent; Collector {} }
    Component { id: spyComponent; SignalSpy {} }

    function initTestCase() {
        if (!testSetup.mosquittoAvailable)
            skip("mosquitto, mosquitto_passwd or openssl is not installed")
        verify(testSetup.broker.running, testSetup.broker.errorString)
        authBroker = testSetup.startBroker({ users: { hmi: "secret" } })
        verify(authBroker.running, authBroker.errorString)
    }

    function init() {
        failOnWarning(/.?/) // any QML or Qt warning fails the test
    }

    function connectedClient(properties) {
        const client = createTemporaryObject(clientComponent, tc, properties || {})
        verify(client)
        compare(client.connectToHost(), Mqtt.NoError)
        tryCompare(client, "state", Mqtt.Connected, 5000)
        return client
    }

    function subscribed(client, topic, qos) {
        const sub = createTemporaryObject(collectorComponent, tc, { client: client, topic: topic, qos: qos || 0 })
        tryCompare(sub, "state", MqttSubscription.Subscribed, 5000)
        return sub
    }

    function spy(target, signalName) {
        return createTemporaryObject(spyComponent, tc, { target: target, signalName: signalName })
    }

    // The arguments of every emission, as a QML handler receives them. (SignalSpy finds
    // signals through the C++ meta-object, so it sees MqttClient's own signals with their
    // opaque MqttProperties, not the ones QML handlers get.)
    function record(target, signalName) {
        const calls = []
        target[signalName].connect(function() { calls.push(Array.from(arguments)) })
        return calls
    }

    function test_optionsAreBindableProperties() {
        const client = createTemporaryObject(clientComponent, tc, {
            clientId: "qml-options", keepAlive: 30, cleanSession: false, username: "u", password: "p",
            protocolVersion: Mqtt.V5, transport: Mqtt.Tcp, autoReconnect: false, connectTimeout: 2000,
            streamPacing: false
        })
        compare(client.clientId, "qml-options")
        compare(client.keepAlive, 30)
        compare(client.cleanSession, false)
        compare(client.username, "u")
        compare(client.protocolVersion, Mqtt.V5)
        compare(client.transport, Mqtt.Tcp)
        compare(client.autoReconnect, false)
        compare(client.connectTimeout, 2000)
        compare(client.streamPacing, false)
        const pacingSpy = spy(client, "streamPacingChanged")
        client.streamPacing = true
        compare(pacingSpy.count, 1)
        const portSpy = spy(client, "portChanged")
        client.port = 1884
        compare(portSpy.count, 1)
        compare(client.state, Mqtt.Disconnected)
        compare(client.error, Mqtt.NoError)
    }

    function test_connectFromQml() {
        const client = createTemporaryObject(clientComponent, tc)
        const states = []
        client.stateChanged.connect((state) => states.push(state))
        const connack = spy(client, "connackReceived")
        compare(client.connectToHost(), Mqtt.NoError)
        tryCompare(client, "state", Mqtt.Connected, 5000)
        compare(states, [Mqtt.Connecting, Mqtt.Connected])
        compare(connack.count, 1)
        compare(connack.signalArguments[0][1], Mqtt.Success)
        verify(client.connected)
        verify(client.serverProperties.valid)
        compare(client.disconnectFromHost(), Mqtt.NoError)
        tryCompare(client, "state", Mqtt.Disconnected, 5000)
    }

    function test_connectWithArguments() {
        const client = createTemporaryObject(clientComponent, tc, { host: "", port: 1, protocolVersion: Mqtt.V5 })
        compare(client.connectToHost(testSetup.broker.host, testSetup.broker.port, 20, "",
                                     { sessionExpiryInterval: 60, userProperties: { site: "p1" } }), Mqtt.NoError)
        tryCompare(client, "state", Mqtt.Connected, 5000)
        compare(client.host, testSetup.broker.host)
        compare(client.port, testSetup.broker.port)
        compare(client.keepAlive, 20)
        compare(client.connectProperties.sessionExpiryInterval, 60)
        compare(client.connectProperties.userProperties, [{ name: "site", value: "p1" }])
    }

    function test_publishAndReceiveEveryQos_data() {
        const rows = []
        for (const version of [Mqtt.V3_1_1, Mqtt.V5]) {
            for (const qos of [0, 1, 2])
                rows.push({ tag: "MQTT " + (version === Mqtt.V5 ? "5" : "3.1.1") + ", QoS " + qos, version: version, qos: qos })
        }
        return rows
    }

    function test_publishAndReceiveEveryQos(data) {
        const client = connectedClient({ protocolVersion: data.version })
        const topic = testSetup.uniqueTopic("qos")
        const sub = subscribed(client, topic, data.qos)
        compare(sub.grantedQos, data.qos)
        compare(sub.reasonCode, data.qos)
        const published = spy(client, "published")
        const info = client.publish(topic, "payload at QoS " + data.qos, data.qos)
        compare(info.rc, Mqtt.NoError)
        tryVerify(() => sub.messages.length === 1, 5000)
        const m = sub.messages[0]
        compare(m.topic, topic)
        compare(m.text, "payload at QoS " + data.qos)
        compare(m.qos, data.qos)
        compare(m.retain, false)
        compare(m.mid > 0, data.qos > 0)
        tryCompare(published, "count", 1, 5000)
        compare(published.signalArguments[0][0], info.mid)
        verify(info.published)
        compare(info.error, Mqtt.NoError)
    }

    function test_payloadFromPlainValues_data() {
        return [
            { tag: "string", payload: "héllo wörld", text: "héllo wörld" },
            { tag: "integer", payload: 42, text: "42" },
            { tag: "fraction", payload: 21.5, text: "21.5" },
            { tag: "negative", payload: -0.25, text: "-0.25" },
            { tag: "bool", payload: true, text: "true" },
            { tag: "object as JSON", payload: { temp: 21.5, ok: true, tags: ["a", "b"] }, text: '{"temp":21.5,"ok":true,"tags":["a","b"]}' },
            { tag: "array as JSON", payload: [1, "two", null], text: '[1,"two",null]' },
            { tag: "null is empty", payload: null, text: "" },
            { tag: "empty string", payload: "", text: "" },
        ]
    }

    function test_payloadFromPlainValues(data) {
        const client = connectedClient()
        const topic = testSetup.uniqueTopic("payload")
        const sub = subscribed(client, topic, 1)
        compare(client.publish(topic, data.payload, 1).rc, Mqtt.NoError)
        tryVerify(() => sub.messages.length === 1, 5000)
        compare(sub.messages[0].text, data.text)
        compare(sub.messages[0].size, sub.messages[0].payload.byteLength)
    }

    function test_binaryPayloadThroughArrayBuffer() {
        const client = connectedClient()
        const topic = testSetup.uniqueTopic("binary")
        const sub = subscribed(client, topic + "/#", 2)
        const bytes = new Uint8Array(256)
        for (let i = 0; i < 256; ++i)
            bytes[i] = i
        compare(client.publish(topic + "/all", bytes.buffer, 2).rc, Mqtt.NoError)
        // A view publishes the bytes it views, not its whole buffer.
        compare(client.publish(topic + "/view", new Uint8Array(bytes.buffer, 250, 6), 2).rc, Mqtt.NoError)
        compare(client.publish(topic + "/dataview", new DataView(bytes.buffer, 0, 3), 2).rc, Mqtt.NoError)
        tryVerify(() => sub.messages.length === 3, 5000)
        const all = new Uint8Array(sub.messages[0].payload)
        compare(sub.messages[0].payload.byteLength, 256)
        compare(sub.messages[0].size, 256)
        for (let i = 0; i < 256; ++i) {
            if (all[i] !== i)
                fail("byte " + i + " arrived as " + all[i])
        }
        compare(Array.from(new Uint8Array(sub.messages[1].payload)), [250, 251, 252, 253, 254, 255])
        compare(Array.from(new Uint8Array(sub.messages[2].payload)), [0, 1, 2])
    }

    function test_mqtt5PropertiesAndUserPropertiesRoundTrip() {
        const client = connectedClient({ protocolVersion: Mqtt.V5 })
        const topic = testSetup.uniqueTopic("props")
        const sub = subscribed(client, topic, 1)
        const correlation = new Uint8Array([0, 1, 2, 254, 255]).buffer
        const info = client.publish(topic, "with properties", Mqtt.AtLeastOnce, false, {
            contentType: "text/plain; charset=utf-8",
            responseTopic: "reply/" + topic,
            correlationData: correlation,
            messageExpiryInterval: 300,
            payloadFormatIndicator: 1,
            userProperties: [["unit", "°C"], ["unit", "K"], ["site", "plant-1"]]
        })
        compare(info.rc, Mqtt.NoError)
        tryVerify(() => sub.messages.length === 1, 5000)
        const m = sub.messages[0]
        compare(m.text, "with properties")
        compare(m.contentType, "text/plain; charset=utf-8")
        compare(m.responseTopic, "reply/" + topic)
        compare(Array.from(new Uint8Array(m.correlationData)), [0, 1, 2, 254, 255])
        verify(m.expiry > 0 && m.expiry <= 300, "messageExpiryInterval " + m.expiry)
        // Every user property in wire order with repeats, and the one-object view.
        compare(m.properties.userProperties, [{ name: "unit", value: "°C" }, { name: "unit", value: "K" },
                                            { name: "site", value: "plant-1" }])
        compare(m.userProperties, { unit: "K", site: "plant-1" })
        compare(m.properties.payloadFormatIndicator, 1)
        compare(m.properties.contentType, "text/plain; charset=utf-8")
        // The object form of user properties publishes too.
        client.publish(topic, "object form", 1, false, { userProperties: { line: "1" } })
        tryVerify(() => sub.messages.length === 2, 5000)
        compare(sub.messages[1].userProperties, { line: "1" })
    }

    function test_requestResponseFromQml() {
        // A responder answering on the Response Topic with the Correlation Data, and
        // MqttClient.request() getting the answer as its MqttRequest's finished().
        const responder = connectedClient({ protocolVersion: Mqtt.V5 })
        const requester = connectedClient({ protocolVersion: Mqtt.V5 })
        const topic = testSetup.uniqueTopic("service")
        const subacks = record(responder, "subscribed")
        responder.messageReceived.connect(function(message) {
            responder.publish(message.responseTopic, "pong:" + message.text, 1, false,
                              { correlationData: message.correlationData })
        })
        compare(responder.subscribe(topic, 1).rc, Mqtt.NoError)
        tryVerify(() => subacks.length === 1, 5000)

        const request = requester.request(topic, "ping", 1, 5000, { userProperties: { from: "qml" } })
        verify(request !== null)
        compare(request.topic, topic)
        verify(request.responseTopic.length > 0)
        compare(new Uint8Array(request.correlationData).length, 16)
        const finished = record(request, "finished")
        const failed = record(request, "failed")
        tryVerify(() => finished.length === 1, 5000)
        compare(failed.length, 0)
        compare(finished[0][0].text, "pong:ping")
        compare(finished[0][0].topic, requester.responseTopic())

        // MQTT 3.1.1: the client refuses, as failed() with NotSupported.
        const old = connectedClient({ protocolVersion: Mqtt.V3_1_1 })
        const refused = old.request(topic, "ping")
        verify(refused !== null)
        const fails = record(refused, "failed")
        tryVerify(() => fails.length === 1, 5000)
        compare(fails[0][0], Mqtt.NotSupported)
        compare(old.error, Mqtt.NotSupported)

        // An argument QML cannot convert: null, and argumentRefused() says which.
        const argumentErrors = record(requester, "argumentRefused")
        ignoreWarning(/request\(\): qos: 3/)
        compare(requester.request(topic, "ping", 3), null)
        compare(argumentErrors.length, 1)
    }

    function test_retainedMessageFromQml() {
        const client = connectedClient()
        const topic = testSetup.uniqueTopic("retained")
        compare(client.publish(topic, "kept", 1, true).rc, Mqtt.NoError)
        tryCompare(spy(client, "published"), "count", 1, 5000)
        const sub = subscribed(client, topic, 1)
        tryVerify(() => sub.messages.length === 1, 5000)
        compare(sub.messages[0].retain, true)
        compare(sub.messages[0].text, "kept")
        client.publish(topic, "", 1, true) // clears the retained message
    }

    function test_subscribeAndUnsubscribeFromQml() {
        const client = connectedClient({ protocolVersion: Mqtt.V5 })
        const topic = testSetup.uniqueTopic("calls")
        const received = spy(client, "messageReceived")
        const subacks = record(client, "subscribed")
        const r = client.subscribe([[topic + "/a", 1], [topic + "/b", { qos: 2, noLocal: false }]], undefined,
                                   { userProperties: { who: "qml" } })
        compare(r.rc, Mqtt.NoError)
        verify(r.mid > 0)
        tryVerify(() => subacks.length === 1, 5000)
        compare(subacks[0][0], r.mid)
        compare(subacks[0][1], [Mqtt.GrantedQoS1, Mqtt.GrantedQoS2])
        compare(subacks[0][2], {})
        compare(client.subscriptions, [topic + "/a", topic + "/b"])
        client.publish(topic + "/b", "hello", 2)
        tryCompare(received, "count", 1, 5000)
        const message = received.signalArguments[0][0]
        compare(message.topic, topic + "/b")
        compare(message.text, "hello")
        compare(message.qos, Mqtt.ExactlyOnce)
        const unsubacks = record(client, "unsubscribed")
        compare(client.unsubscribe([topic + "/a", topic + "/b"]).rc, Mqtt.NoError)
        tryVerify(() => unsubacks.length === 1, 5000)
        compare(unsubacks[0][1], [Mqtt.Success, Mqtt.Success])
        compare(client.subscriptions, [])
        compare(client.subscribe(topic + "/c", Mqtt.AtMostOnce).rc, Mqtt.NoError)
        tryVerify(() => subacks.length === 2, 5000)
    }

    function test_argumentsQmlCannotConvertAreRefused_data() {
        return [
            { tag: "unknown property", call: (c) => c.publish("t", "x", 1, false, { bogus: 1 }),
              warning: /publish\(\): properties: Unknown MQTT 5 property "bogus"/ },
            { tag: "property out of range", call: (c) => c.publish("t", "x", 1, false, { payloadFormatIndicator: 256 }),
              warning: /publish\(\): properties: Property "payloadFormatIndicator" cannot take the value 256/ },
            { tag: "properties not an object", call: (c) => c.publish("t", "x", 1, false, "contentType"),
              warning: /publish\(\): properties: contentType is not an object/ },
            { tag: "QoS 3", call: (c) => c.publish("t", "x", 3), warning: /publish\(\): qos: 3 is not 0, 1 or 2/ },
            { tag: "QoS as text", call: (c) => c.publish("t", "x", "1"), warning: /publish\(\): qos: 1 is not 0, 1 or 2/ },
            { tag: "function payload", call: (c) => c.publish("t", function() {}), warning: /publish\(\): payload: a function cannot be sent/ },
            { tag: "subscribe option typo", call: (c) => c.subscribe("t", { qos: 1, noLcal: true }),
              warning: /subscribe\(\): options: unknown key "noLcal"/ },
            { tag: "subscribe pair", call: (c) => c.subscribe([["t"]]), warning: /subscribe\(\): filters\[0\]/ },
            { tag: "unsubscribe number", call: (c) => c.unsubscribe(5), warning: /unsubscribe\(\): filters: 5 is neither/ },
            { tag: "disconnect reason", call: (c) => c.disconnectFromHost(0x7f), warning: /disconnectFromHost\(\): reasonCode 127/ },
            { tag: "setWill QoS", call: (c) => c.setWill("w", "x", 5), warning: /setWill\(\): qos: 5/ },
        ]
    }

    function test_argumentsQmlCannotConvertAreRefused(data) {
        const client = createTemporaryObject(clientComponent, tc, { protocolVersion: Mqtt.V5 })
        const refused = spy(client, "argumentRefused")
        ignoreWarning(data.warning)
        const result = data.call(client)
        compare(typeof result === "object" ? result.rc : result, Mqtt.Invalid)
        compare(refused.count, 1)
        verify(data.warning.test(refused.signalArguments[0][0]), refused.signalArguments[0][0])
        compare(client.error, Mqtt.NoError) // refused before the client saw it
    }

    function test_clientRefusalsSetError_data() {
        return [
            { tag: "publish to a wildcard topic", call: (c) => c.publish("plant/+/temp", "x", 1).rc, words: "wildcard" },
            { tag: "subscribe to an invalid filter", call: (c) => c.subscribe("plant/#/temp", 1).rc, words: "filter" },
            { tag: "QoS 0 while disconnected", call: (c) => c.publish("plant/x", "x", 0).rc, words: "" },
            { tag: "will with a wildcard", call: (c) => c.setWill("plant/#", "x"), words: "wildcard" },
        ]
    }

    function test_clientRefusalsSetError(data) {
        const client = createTemporaryObject(clientComponent, tc)
        const errors = spy(client, "errorOccurred")
        const rc = data.call(client)
        verify(rc !== Mqtt.NoError)
        compare(client.error, rc)
        compare(errors.count, 1)
        verify(client.errorString.length > 0)
        verify(client.errorString.toLowerCase().indexOf(data.words) >= 0, client.errorString)
    }

    function test_willSetFromQml() {
        const topic = testSetup.uniqueTopic("will")
        const watcher = connectedClient()
        const sub = subscribed(watcher, topic, 1)
        const client = connectedClient({ will: { topic: topic, payload: "offline", qos: 1, retain: false } })
        compare(client.will.topic, topic)
        compare(client.will.text, "offline")
        compare(client.will.qos, 1)
        compare(client.will.retain, false)
        // Destroyed without DISCONNECT: the broker publishes the will.
        client.destroy()
        tryVerify(() => sub.messages.length === 1, 5000)
        compare(sub.messages[0].text, "offline")
        compare(sub.messages[0].topic, topic)
    }

    function test_willChangesAndClears() {
        const client = createTemporaryObject(clientComponent, tc, { protocolVersion: Mqtt.V5 })
        compare(client.will, null)
        const changed = spy(client, "willChanged")
        compare(client.setWill("hmi/status", new Uint8Array([0x6f, 0x66, 0x66]).buffer, Mqtt.AtLeastOnce, true,
                               { willDelayInterval: 5 }), Mqtt.NoError)
        compare(changed.count, 1)
        compare(client.will.text, "off")
        compare(client.will.retain, true)
        compare(client.will.properties.willDelayInterval, 5)
        client.will = null
        compare(client.will, null)
        compare(changed.count, 2)
        // An invalid will leaves the previous one and says why.
        client.will = { topic: "hmi/status", payload: "bye" }
        client.will = { topic: "hmi/+", payload: "bye" }
        compare(client.will.text, "bye")
        compare(client.error, Mqtt.Invalid)
    }

    function test_refusedConnectionReachesQml_data() {
        return [
            { tag: "MQTT 3.1.1", version: Mqtt.V3_1_1 },
            { tag: "MQTT 5", version: Mqtt.V5 },
        ]
    }

    function test_refusedConnectionReachesQml(data) {
        const client = createTemporaryObject(clientComponent, tc, {
            host: authBroker.host, port: authBroker.port, protocolVersion: data.version,
            username: "hmi", password: "wrong", autoReconnect: false
        })
        const errors = record(client, "errorOccurred")
        const connacks = record(client, "connackReceived")
        compare(client.connectToHost(), Mqtt.NoError)
        tryCompare(client, "error", Mqtt.ConnectionRefused, 5000)
        tryCompare(client, "state", Mqtt.Disconnected, 5000)
        // (MqttClient currently emits errorOccurred twice for one refused CONNACK: once on
        // the CONNACK, once when the socket closes; both carry the refusal.)
        verify(errors.length >= 1)
        for (const e of errors)
            compare(e, [Mqtt.ConnectionRefused, client.errorString])
        // mosquitto 2.0 answers a wrong password with "not authorised" (5, mapped to 0x87).
        verify(/not authori[sz]ed/i.test(client.errorString), client.errorString)
        compare(connacks.length, 1)
        compare(connacks[0][1], Mqtt.NotAuthorized)
        compare(connacks[0][2], {})
        compare(client.serverProperties.reasonCode, Mqtt.NotAuthorized)
        compare(client.serverProperties.returnCode, data.version === Mqtt.V5 ? 0x87 : 5)
        // The right password connects, and clears the error.
        client.password = "secret"
        compare(client.connectToHost(), Mqtt.NoError)
        tryCompare(client, "state", Mqtt.Connected, 5000)
        compare(client.error, Mqtt.NoError)
        compare(client.errorString, "")
    }

    function test_unreachableBrokerReachesQml() {
        const client = createTemporaryObject(clientComponent, tc, { port: 1, autoReconnect: false })
        compare(client.connectToHost(), Mqtt.NoError)
        tryVerify(() => client.error !== Mqtt.NoError, 5000)
        tryCompare(client, "state", Mqtt.Disconnected, 5000)
        verify(client.errorString.length > 0)
    }

    function test_utilsSingleton() {
        verify(MqttUtils.topicMatches("plant/+/temp", "plant/line1/temp"))
        verify(!MqttUtils.topicMatches("plant/+/temp", "plant/line1/pressure"))
        verify(MqttUtils.isValidTopicName("plant/line1"))
        verify(!MqttUtils.isValidTopicName("plant/#"))
        verify(MqttUtils.isValidTopicFilter("plant/#"))
        verify(!MqttUtils.isValidTopicFilter("plant/#/x"))
        compare(MqttUtils.reasonCodeString(Mqtt.NotAuthorized), "Not authorized")
        compare(MqttUtils.clientStateName(Mqtt.WaitingToReconnect), "WaitingToReconnect")
        verify(MqttUtils.errorString(Mqtt.NoConnection).length > 0)
    }
}
