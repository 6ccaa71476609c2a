// The latest messages, newest first, at most `capacity`.
//
// Messages are buffered and listed ten times a second, not one model insert per message:
// a flood costs one array append per message here. When more than `capacity` arrive
// between two updates, only the newest are listed and the others are counted in
// `skipped`, which the log shows; the gauges still get every value.
import QtQuick
import QtQuick.Controls

ListView {
    id: log
    property int capacity: 200
    property int skipped: 0
    property var pending: []

    function add(message) {
        pending.push(message)
        // Trimmed in bulk: what can no longer be listed at the next update goes now.
        if (pending.length >= 2 * capacity) {
            skipped += pending.length - capacity
            pending.splice(0, pending.length - capacity)
        }
        if (!updateTimer.running)
            updateTimer.start()
    }

    // One line of text for any payload: binary as hex, text on one line.
    function payloadLine(message) {
        const text = message.text
        if (/[\u0000-\u0008\u000e-\u001f\ufffd]/.test(text)) {
            const bytes = new Uint8Array(message.payload)
            const shown = Array.from(bytes.slice(0, 16), b => (b < 16 ? "0" : "") + b.toString(16)).join(" ")
            return qsTr("binary, %n byte(s): ", "", bytes.length) + shown + (bytes.length > 16 ? " …" : "")
        }
        const line = text.replace(/[\r\n\t]+/g, " ")
        return line.length > 80 ? line.slice(0, 80) + "…" : line
    }

    function entry(message) {
        const userProperties = message.userProperties
        const names = Object.keys(userProperties)
        return {
            time: Qt.formatTime(new Date(), "hh:mm:ss"),
            topic: message.topic,
            payloadText: payloadLine(message),
            flags: "QoS " + message.qos + (message.retain ? " · retained" : ""),
            extra: names.map(n => n + "=" + userProperties[n]).join(" ")
        }
    }

    Timer {
        id: updateTimer
        interval: 100
        onTriggered: {
            let batch = log.pending
            log.pending = []
            if (batch.length > log.capacity) {
                log.skipped += batch.length - log.capacity
                batch = batch.slice(batch.length - log.capacity)
            }
            for (const message of batch)
                log.model.insert(0, log.entry(message))
            if (log.model.count > log.capacity)
                log.model.remove(log.capacity, log.model.count - log.capacity)
        }
    }

    clip: true
    spacing: 2
    model: ListModel {}
    ScrollBar.vertical: ScrollBar {}
    delegate: Rectangle {
        id: row
        required property string time
        required property string topic
        required property string payloadText
        required property string flags
        required property string extra
        width: ListView.view.width
        height: 26
        color: "#1f242c"
        radius: 3
        Row {
            anchors { fill: parent; leftMargin: 8; rightMargin: 8 }
            spacing: 12
            Label { anchors.verticalCenter: parent.verticalCenter; text: row.time; color: "#6f7c8e"; font.family: "monospace"; font.pixelSize: 12 }
            Label { anchors.verticalCenter: parent.verticalCenter; text: row.topic; color: "#26c6da"; width: 190; elide: Text.ElideMiddle; font.pixelSize: 12 }
            Label { anchors.verticalCenter: parent.verticalCenter; text: row.payloadText; color: "#eef2f7"; width: 300; elide: Text.ElideRight; maximumLineCount: 1; font.family: "monospace"; font.pixelSize: 12 }
            Label { anchors.verticalCenter: parent.verticalCenter; text: row.flags; color: "#9aa7b8"; font.pixelSize: 11 }
            Label { anchors.verticalCenter: parent.verticalCenter; text: row.extra; color: "#ffb300"; font.pixelSize: 11 }
        }
    }
    Label {
        anchors.centerIn: parent
        visible: log.count === 0
        text: qsTr("No messages yet")
        color: "#6f7c8e"
    }
    Label {
        objectName: "skippedLabel"
        anchors { right: parent.right; bottom: parent.bottom; margins: 6 }
        visible: log.skipped > 0
        text: qsTr("%n message(s) came too fast to list", "", log.skipped)
        color: "#ffb300"
        font.pixelSize: 11
        background: Rectangle { color: "#232932"; radius: 3 }
        padding: 4
    }
}
