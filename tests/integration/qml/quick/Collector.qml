// A subscription that keeps what it received, for the tests.
import QtQml
import MqttQt

MqttSubscription {
    property var messages: []
    property var texts: []
    onMessageReceived: (message) => {
        messages.push({
            topic: message.topic, text: message.text, payload: message.payload, size: message.size,
            qos: message.qos, retain: message.retain, dup: message.dup, mid: message.mid,
            properties: message.properties, userProperties: message.userProperties,
            contentType: message.contentType, responseTopic: message.responseTopic,
            correlationData: message.correlationData, expiry: message.messageExpiryInterval
        })
        texts.push(message.text)
    }
}
