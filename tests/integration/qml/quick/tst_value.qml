// MqttValue: the latest value on a topic, read as a number, JSON or text.
import QtQuick
import QtTest
import MqttQt

TestCase {
    id: tc
    name: "MqttValue"

    property MqttClient client: null

    Component {
        id: clientComponent
        MqttClient {
            host: testSetup.broker ? testSetup.broker.host : ""
            port: testSetup.broker ? testSetup.broker.port : 1883
        }
    }
    Component {
        id: valueComponent
        MqttValue {
            property var history: []
            onValueChanged: history.push(valid ? value : undefined)
        }
    }

    function initTestCase() {
        if (!testSetup.mosquittoAvailable)
            skip("mosquitto, mosquitto_passwd or openssl is not installed")
        client = clientComponent.createObject(tc, { protocolVersion: Mqtt.V5 })
        compare(client.connectToHost(), Mqtt.NoError)
        tryCompare(client, "state", Mqtt.Connected, 5000)
    }

    function cleanupTestCase() {
        if (client)
            client.destroy()
    }

    function init() {
        failOnWarning(/.?/)
    }

    function subscribedValue(topic, more) {
        const v = createTemporaryObject(valueComponent, tc, Object.assign({ client: client, topic: topic, qos: 1 }, more || {}))
        tryCompare(v, "state", MqttSubscription.Subscribed, 5000)
        return v
    }

    function test_valueIsNumberJsonOrText_data() {
        return [
            { tag: "decimal", payload: "21.5", value: 21.5, type: "number" },
            { tag: "negative integer", payload: "-3", value: -3, type: "number" },
            { tag: "exponent", payload: "1e3", value: 1000, type: "number" },
            { tag: "padded", payload: " 42\n", value: 42, type: "number" },
            { tag: "plus sign", payload: "+5", value: 5, type: "number" },
            { tag: "leading zeros", payload: "007", value: 7, type: "number" },
            { tag: "JSON true", payload: "true", value: true, type: "boolean" },
            { tag: "JSON null", payload: "null", value: null, type: "object" },
            { tag: "JSON string", payload: '"running"', value: "running", type: "string" },
            { tag: "JSON object", payload: '{"temp": 21.5, "unit": "C"}', value: { temp: 21.5, unit: "C" }, type: "object" },
            { tag: "JSON array", payload: "[1, 2, 3]", value: [1, 2, 3], type: "object" },
            { tag: "text", payload: "running", value: "running", type: "string" },
            { tag: "text with a number", payload: "21.5 C", value: "21.5 C", type: "string" },
            { tag: "two JSON values", payload: "1, 2", value: "1, 2", type: "string" },
            { tag: "UTF-8 text", payload: "Störung", value: "Störung", type: "string" },
        ]
    }

    function test_valueIsNumberJsonOrText(data) {
        const topic = testSetup.uniqueTopic("value")
        const v = subscribedValue(topic)
        verify(!v.valid)
        compare(v.value, undefined)
        client.publish(topic, data.payload, 1)
        tryCompare(v, "valid", true, 5000)
        compare(typeof v.value, data.type)
        compare(v.value, data.value)
        compare(v.text, data.payload)
        compare(v.error, Mqtt.NoError)
    }

    function test_nanIsANumber() {
        const topic = testSetup.uniqueTopic("nan")
        const v = subscribedValue(topic)
        client.publish(topic, "nan", 1)
        tryCompare(v, "valid", true, 5000)
        compare(typeof v.value, "number")
        verify(isNaN(v.value))
    }

    function test_followsUpdates() {
        const topic = testSetup.uniqueTopic("follow")
        const v = subscribedValue(topic)
        for (let i = 1; i <= 20; ++i)
            client.publish(topic, String(i), 1)
        tryCompare(v, "value", 20, 5000)
        compare(v.history.length, 20)
        for (let i = 0; i < 20; ++i)
            compare(v.history[i], i + 1)
        compare(v.message.topic, topic)
        compare(v.message.qos, Mqtt.AtLeastOnce)
        compare(v.retained, false)
        verify(v.timestamp instanceof Date)
        verify(Math.abs(Date.now() - v.timestamp.getTime()) < 60000, v.timestamp)
    }

    function test_bindingFollowsTheValue() {
        const topic = testSetup.uniqueTopic("binding")
        const v = subscribedValue(topic)
        const label = Qt.createQmlObject("import QtQml; QtObject { property var source; property string text: source.valid ? source.value.toFixed(1) + ' °C' : '--' }", tc)
        label.source = v
        compare(label.text, "--")
        client.publish(topic, "21.54", 1)
        tryCompare(label, "text", "21.5 °C", 5000)
        client.publish(topic, "-4", 1)
        tryCompare(label, "text", "-4.0 °C", 5000)
        label.destroy()
    }

    function test_retainedValueAndTimestamp() {
        const topic = testSetup.uniqueTopic("retained")
        client.publish(topic, "18.25", 1, true)
        const v = subscribedValue(topic)
        tryCompare(v, "valid", true, 5000)
        compare(v.value, 18.25)
        compare(v.retained, true)
        client.publish(topic, "19", 1)
        tryCompare(v, "value", 19, 5000)
        compare(v.retained, false)
        // An empty retained message deletes the value.
        client.publish(topic, "", 1, true)
        tryCompare(v, "valid", false, 5000)
        compare(v.value, undefined)
        compare(v.error, Mqtt.NoError)
    }

    function test_binaryPayload() {
        const topic = testSetup.uniqueTopic("binary")
        const v = subscribedValue(topic)
        client.publish(topic, new Uint8Array([0xff, 0x00, 0x10]).buffer, 1)
        tryCompare(v, "valid", true, 5000)
        compare(Array.from(new Uint8Array(v.payload)), [0xff, 0x00, 0x10])
        compare(typeof v.value, "string")
    }

    function test_jsonPath_data() {
        const status = '{"state": "running", "speed": 1200, "motor": {"rpm": 2950.5, "temps": [61, 63.5]}, "ok": true}'
        return [
            { tag: "member", path: "speed", payload: status, value: 1200 },
            { tag: "text member", path: "state", payload: status, value: "running" },
            { tag: "nested", path: "motor.rpm", payload: status, value: 2950.5 },
            { tag: "index", path: "motor.temps[1]", payload: status, value: 63.5 },
            { tag: "object", path: "motor", payload: status, value: { rpm: 2950.5, temps: [61, 63.5] } },
            { tag: "bool", path: "ok", payload: status, value: true },
            { tag: "array root", path: "[0].v", payload: '[{"v": 3}]', value: 3 },
            { tag: "missing member", path: "pressure", payload: status, error: 'no member "pressure"', fixed: '{"pressure": 1}' },
            { tag: "missing nested", path: "motor.volts", payload: status, error: 'no member "volts" in motor', fixed: '{"motor": {"volts": 230}}' },
            { tag: "index out of range", path: "motor.temps[2]", payload: status, error: "no element [2] in motor.temps", fixed: '{"motor": {"temps": [1, 2, 3]}}' },
            { tag: "not JSON", path: "speed", payload: "1200 rpm", error: "not a JSON object or array", fixed: '{"speed": 1}' },
            { tag: "JSON number", path: "speed", payload: "1200", error: "not a JSON object or array", fixed: '{"speed": 1}' },
        ]
    }

    function test_jsonPath(data) {
        const topic = testSetup.uniqueTopic("path")
        const v = subscribedValue(topic, { jsonPath: data.path })
        client.publish(topic, data.payload, 1)
        tryVerify(() => v.message.topic === topic, 5000)
        if (data.error) {
            verify(!v.valid)
            compare(v.value, undefined)
            compare(v.error, Mqtt.Invalid)
            verify(v.errorString.indexOf(data.error) >= 0, v.errorString)
            verify(v.errorString.indexOf(topic) >= 0, v.errorString)
            compare(v.state, MqttSubscription.Subscribed) // the subscription itself is fine
            compare(v.text, data.payload) // the payload is still readable
            // A readable payload clears the error.
            client.publish(topic, data.fixed, 1)
            tryCompare(v, "error", Mqtt.NoError, 5000)
            verify(v.valid)
            compare(v.errorString, "")
        } else {
            verify(v.valid)
            compare(v.value, data.value)
            compare(v.error, Mqtt.NoError)
        }
    }

    function test_malformedJsonPathIsReported_data() {
        return [
            { tag: "empty member", path: "a..b", words: "empty member name" },
            { tag: "trailing dot", path: "a.", words: "empty member name" },
            { tag: "bad index", path: "a[x]", words: "array index" },
            { tag: "unclosed", path: "a[1", words: "array index" },
            { tag: "after index", path: "a[1]b", words: "expected \".\" or \"[\"" },
        ]
    }

    function test_malformedJsonPathIsReported(data) {
        const v = subscribedValue(testSetup.uniqueTopic("badpath"), { jsonPath: data.path })
        compare(v.error, Mqtt.Invalid)
        verify(v.errorString.indexOf(data.words) >= 0, v.errorString)
        v.jsonPath = "a"
        compare(v.error, Mqtt.NoError)
    }

    function test_changingJsonPathRereadsTheLatestMessage() {
        const topic = testSetup.uniqueTopic("repath")
        const v = subscribedValue(topic, { jsonPath: "a" })
        client.publish(topic, '{"a": 1, "b": 2}', 1)
        tryCompare(v, "value", 1, 5000)
        v.jsonPath = "b"
        compare(v.value, 2)
        v.jsonPath = ""
        compare(v.value, { a: 1, b: 2 })
    }

    function test_topicChangeClearsTheValue() {
        const first = testSetup.uniqueTopic("clear")
        const v = subscribedValue(first)
        client.publish(first, "1", 1)
        tryCompare(v, "valid", true, 5000)
        v.topic = testSetup.uniqueTopic("clear")
        compare(v.valid, false)
        compare(v.value, undefined)
        compare(v.text, "")
    }

    function test_wildcardValueTakesTheLatestTopic() {
        const base = testSetup.uniqueTopic("wild")
        const v = subscribedValue(base + "/+/temp")
        client.publish(base + "/a/temp", "1", 1)
        client.publish(base + "/b/temp", "2", 1)
        tryCompare(v, "value", 2, 5000)
        compare(v.message.topic, base + "/b/temp")
    }

    function test_lateValueGetsRetainedWithoutResettingEarlierOnes() {
        const topic = testSetup.uniqueTopic("late")
        client.publish(topic, "1", 1, true)
        const early = subscribedValue(topic)
        tryCompare(early, "value", 1, 5000)
        client.publish(topic, "2", 1) // live, not retained: the broker keeps "1"
        tryCompare(early, "value", 2, 5000)
        const late = subscribedValue(topic)
        tryCompare(late, "value", 1, 5000)
        compare(late.retained, true)
        client.publish(topic, "3", 1)
        tryCompare(late, "value", 3, 5000)
        tryCompare(early, "value", 3, 5000)
        compare(early.history, [1, 2, 3])
        client.publish(topic, "", 1, true)
    }
}
