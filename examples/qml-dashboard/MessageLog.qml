// The latest messages, newest first, at most `capacity`.
import QtQuick
import QtQuick.Controls

ListView {
    id: log
    property int capacity: 200

    function add(message) {
        const userProperties = message.userProperties
        const names = Object.keys(userProperties)
        model.insert(0, {
            time: Qt.formatTime(new Date(), "hh:mm:ss"),
            topic: message.topic,
            payloadText: message.size > 80 ? message.text.slice(0, 80) + "…" : message.text,
            flags: "QoS " + message.qos + (message.retain ? " · retained" : ""),
            extra: names.map(n => n + "=" + userProperties[n]).join(" ")
        })
        if (model.count > capacity)
            model.remove(capacity, model.count - capacity)
    }

    clip: true
    spacing: 2
    model: ListModel {}
    ScrollBar.vertical: ScrollBar {}
    delegate: Rectangle {
        id: entry
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
            Label { anchors.verticalCenter: parent.verticalCenter; text: entry.time; color: "#6f7c8e"; font.family: "monospace"; font.pixelSize: 12 }
            Label { anchors.verticalCenter: parent.verticalCenter; text: entry.topic; color: "#26c6da"; width: 190; elide: Text.ElideMiddle; font.pixelSize: 12 }
            Label { anchors.verticalCenter: parent.verticalCenter; text: entry.payloadText; color: "#eef2f7"; width: 230; elide: Text.ElideRight; font.family: "monospace"; font.pixelSize: 12 }
            Label { anchors.verticalCenter: parent.verticalCenter; text: entry.flags; color: "#9aa7b8"; font.pixelSize: 11 }
            Label { anchors.verticalCenter: parent.verticalCenter; text: entry.extra; color: "#ffb300"; font.pixelSize: 11 }
        }
    }
    Label {
        anchors.centerIn: parent
        visible: log.count === 0
        text: qsTr("No messages yet")
        color: "#6f7c8e"
    }
}
