// A plant dashboard on the MqttQt QML module: two production lines, each with a
// temperature and a pressure gauge bound to a topic (MqttValue), the line status read
// from a JSON payload (MqttValue.jsonPath), a pump switch that publishes a retained
// command, the connection state and errors, and a log of everything under plant/.
//
// Topics: plant/line<N>/temp and /pressure (numbers), plant/line1/status
// ({"state": "running", "speed": 1200}), plant/line1/pump/set ("ON" or "OFF", retained),
// plant/hmi/status ("online"; "offline" when the Disconnect button is pressed, and as the
// will if the dashboard vanishes).
import QtQuick
import QtQuick.Controls
import QtQuick.Layouts
import MqttQt

ApplicationWindow {
    id: window
    required property string brokerHost
    required property int brokerPort
    property bool simulate: false

    width: 1100
    height: 680
    minimumWidth: 900
    minimumHeight: 560
    visible: true
    title: qsTr("Plant dashboard — MqttQt")
    color: "#1b1f26"
    // A dark palette for the controls (the Basic style follows it).
    palette.window: "#1b1f26"
    palette.windowText: "#eef2f7"
    palette.text: "#eef2f7"
    palette.base: "#262c35"
    palette.button: "#343c48"
    palette.buttonText: "#eef2f7"
    palette.mid: "#56606e"
    palette.light: "#56606e"
    palette.dark: "#9aa7b8"
    palette.highlight: "#26c6da"

    MqttClient {
        id: mqtt
        host: window.brokerHost
        port: window.brokerPort
        protocolVersion: Mqtt.V5
        keepAlive: 10
        retryFirstConnection: true
        will: ({ topic: "plant/hmi/status", payload: "offline", qos: 1, retain: true })
        onConnackReceived: (sessionPresent, reasonCode) => {
            if (reasonCode === Mqtt.Success)
                publish("plant/hmi/status", "online", Mqtt.AtLeastOnce, true)
        }
        Component.onCompleted: connectToHost()
        // A refused call (a bad topic, say) sets error() until the next connection:
        // the footer shows it for ten seconds while the connection goes on working.
        onErrorOccurred: recentError.restart()
    }
    Timer { id: recentError; interval: 10000 }
    readonly property bool showError: mqtt.error !== Mqtt.NoError && (!mqtt.connected || recentError.running)
    // A finite number, or NaN: "nan", "inf" or an object is no gauge value.
    function number(value) { return typeof value === "number" && isFinite(value) ? value : NaN }

    // The values the gauges show.
    MqttValue { id: line1Temp; client: mqtt; topic: "plant/line1/temp" }
    MqttValue { id: line1Pressure; client: mqtt; topic: "plant/line1/pressure" }
    MqttValue { id: line2Temp; client: mqtt; topic: "plant/line2/temp" }
    MqttValue { id: line2Pressure; client: mqtt; topic: "plant/line2/pressure" }
    MqttValue { id: line1State; client: mqtt; topic: "plant/line1/status"; jsonPath: "state" }
    MqttValue { id: line1Speed; client: mqtt; topic: "plant/line1/status"; jsonPath: "speed" }
    MqttValue { id: pumpCommand; client: mqtt; topic: "plant/line1/pump/set"; qos: Mqtt.AtLeastOnce }

    // Everything under plant/ goes to the log.
    MqttSubscription {
        id: everything
        client: mqtt
        topic: "plant/#"
        onMessageReceived: (message) => messageLog.add(message)
    }

    // --simulate: made-up values, so that a bare broker shows something.
    Timer {
        running: window.simulate && mqtt.connected
        interval: 1000
        repeat: true
        triggeredOnStart: true
        property real t: 0
        onTriggered: {
            t += 1
            const unit = { userProperties: { unit: "°C" } }
            mqtt.publish("plant/line1/temp", (68 + 6 * Math.sin(t / 5) + Math.random()).toFixed(1), 0, false, unit)
            mqtt.publish("plant/line2/temp", (84 + 9 * Math.sin(t / 7) + Math.random()).toFixed(1), 0, false, unit)
            mqtt.publish("plant/line1/pressure", (4.2 + 0.3 * Math.cos(t / 4)).toFixed(2), 0, false, { userProperties: { unit: "bar" } })
            mqtt.publish("plant/line2/pressure", (5.6 + 0.5 * Math.cos(t / 6)).toFixed(2), 0, false, { userProperties: { unit: "bar" } })
            mqtt.publish("plant/line1/status", { state: pumpCommand.text === "OFF" ? "stopped" : "running",
                                                 speed: pumpCommand.text === "OFF" ? 0 : 1180 + Math.round(40 * Math.random()) },
                         0, false, { contentType: "application/json" })
        }
    }

    header: ToolBar {
        implicitHeight: 56
        background: Rectangle { color: "#232932" }
        RowLayout {
            anchors { fill: parent; leftMargin: 16; rightMargin: 16 }
            spacing: 14
            Label { text: qsTr("Plant overview"); color: "#eef2f7"; font.pixelSize: 20; font.bold: true }
            Item { Layout.fillWidth: true }
            Rectangle {
                width: 12; height: 12; radius: 6
                color: mqtt.state === Mqtt.Connected ? "#66bb6a"
                     : mqtt.state === Mqtt.Disconnected ? "#ef5350" : "#ffb300"
            }
            Label {
                objectName: "connectionState"
                text: (mqtt.state === Mqtt.WaitingToReconnect
                       ? qsTr("Reconnecting (attempt %1)").arg(mqtt.reconnectAttempt)
                       : MqttUtils.clientStateName(mqtt.state)) + " · " + mqtt.host + ":" + mqtt.port
                color: "#c5cfdb"
            }
            Button {
                text: mqtt.state === Mqtt.Disconnected ? qsTr("Connect") : qsTr("Disconnect")
                onClicked: {
                    if (mqtt.state === Mqtt.Disconnected) {
                        mqtt.connectToHost()
                        return
                    }
                    // A clean disconnect sends no will: say "offline" first.
                    if (mqtt.connected)
                        mqtt.publish("plant/hmi/status", "offline", Mqtt.AtLeastOnce, true)
                    mqtt.disconnectFromHost()
                }
            }
        }
    }

    footer: Rectangle {
        height: 30
        color: window.showError ? "#5c1f22" : "#232932"
        Label {
            objectName: "errorText"
            anchors { fill: parent; leftMargin: 16 }
            verticalAlignment: Text.AlignVCenter
            text: window.showError ? qsTr("Error: ") + mqtt.errorString
                : everything.error !== Mqtt.NoError ? qsTr("Subscription: ") + everything.errorString
                : mqtt.connected ? qsTr("No errors · %1 subscriptions").arg(mqtt.subscriptions.length)
                : qsTr("No errors · not connected")
            color: window.showError ? "#ffcdd2" : "#6f7c8e"
            elide: Text.ElideRight
        }
    }

    GridLayout {
        anchors { fill: parent; margins: 16 }
        columns: 3
        rowSpacing: 16
        columnSpacing: 16

        Card {
            title: qsTr("Line 1")
            Layout.fillWidth: true
            Layout.preferredHeight: 230
            RowLayout {
                anchors.fill: parent
                Gauge {
                    objectName: "line1Temp"
                    Layout.fillWidth: true; Layout.fillHeight: true
                    caption: qsTr("Temperature"); unit: "°C"
                    from: 0; to: 120; warningAt: 80; alarmAt: 95
                    value: line1Temp.valid ? window.number(line1Temp.value) : 0
                    valid: line1Temp.valid && !isNaN(window.number(line1Temp.value))
                    stale: !mqtt.connected
                }
                Gauge {
                    objectName: "line1Pressure"
                    Layout.fillWidth: true; Layout.fillHeight: true
                    caption: qsTr("Pressure"); unit: "bar"; decimals: 2
                    from: 0; to: 10; warningAt: 7; alarmAt: 8.5
                    value: line1Pressure.valid ? window.number(line1Pressure.value) : 0
                    valid: line1Pressure.valid && !isNaN(window.number(line1Pressure.value))
                    stale: !mqtt.connected
                }
            }
        }
        Card {
            title: qsTr("Line 2")
            Layout.fillWidth: true
            Layout.preferredHeight: 230
            RowLayout {
                anchors.fill: parent
                Gauge {
                    objectName: "line2Temp"
                    Layout.fillWidth: true; Layout.fillHeight: true
                    caption: qsTr("Temperature"); unit: "°C"
                    from: 0; to: 120; warningAt: 80; alarmAt: 95
                    value: line2Temp.valid ? window.number(line2Temp.value) : 0
                    valid: line2Temp.valid && !isNaN(window.number(line2Temp.value))
                    stale: !mqtt.connected
                }
                Gauge {
                    objectName: "line2Pressure"
                    Layout.fillWidth: true; Layout.fillHeight: true
                    caption: qsTr("Pressure"); unit: "bar"; decimals: 2
                    from: 0; to: 10; warningAt: 7; alarmAt: 8.5
                    value: line2Pressure.valid ? window.number(line2Pressure.value) : 0
                    valid: line2Pressure.valid && !isNaN(window.number(line2Pressure.value))
                    stale: !mqtt.connected
                }
            }
        }
        Card {
            title: qsTr("Line 1 drive")
            Layout.fillWidth: true
            Layout.preferredHeight: 230
            ColumnLayout {
                anchors.fill: parent
                spacing: 10
                Label {
                    objectName: "line1StateLabel"
                    Layout.fillWidth: true
                    elide: Text.ElideRight
                    text: line1State.valid ? String(line1State.value) : "--"
                    color: !mqtt.connected ? "#6f7c8e" : line1State.value === "running" ? "#66bb6a" : "#ffb300"
                    font.pixelSize: 26
                    font.bold: true
                    font.capitalization: Font.Capitalize
                }
                Label {
                    objectName: "line1SpeedLabel"
                    text: isNaN(window.number(line1Speed.value)) ? qsTr("-- parts/h") : qsTr("%1 parts/h").arg(line1Speed.value)
                    color: "#c5cfdb"
                    font.pixelSize: 16
                }
                Item { Layout.fillHeight: true }
                Switch {
                    id: pumpSwitch
                    objectName: "pumpSwitch"
                    text: qsTr("Coolant pump")
                    // Follows the retained command, whoever sent it.
                    checked: pumpCommand.text === "ON"
                    enabled: mqtt.connected
                    onToggled: mqtt.publish("plant/line1/pump/set", checked ? "ON" : "OFF", Mqtt.AtLeastOnce, true)
                }
                Label {
                    text: pumpCommand.valid ? qsTr("Last command %1 at %2").arg(pumpCommand.text)
                                                  .arg(Qt.formatTime(pumpCommand.timestamp, "hh:mm:ss"))
                                            : qsTr("No command yet")
                    color: "#6f7c8e"
                    font.pixelSize: 12
                }
            }
        }
        Card {
            title: qsTr("Messages on plant/#") + (everything.state === MqttSubscription.Subscribed ? "" : qsTr(" (not subscribed)"))
            Layout.columnSpan: 3
            Layout.fillWidth: true
            Layout.fillHeight: true
            MessageLog {
                id: messageLog
                objectName: "messageLog"
                anchors.fill: parent
            }
        }
    }
}
