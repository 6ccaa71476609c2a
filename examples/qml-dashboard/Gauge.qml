// A round gauge for one MqttValue: an arc from `from` to `to`, amber above `warningAt`,
// red above `alarmAt`, the value in the middle ("--" while the value is not valid), all
// greyed while `stale` (the connection is down: the last value may no longer hold).
import QtQuick
import QtQuick.Controls

Item {
    id: gauge
    property real value: 0
    property bool valid: false
    property real from: 0
    property real to: 100
    property real warningAt: to
    property real alarmAt: to
    property int decimals: 1
    property string unit
    property string caption
    property bool stale: false
    readonly property color arcColor: !valid || stale ? "#56606e" : value >= alarmAt ? "#ef5350" : value >= warningAt ? "#ffb300" : "#26c6da"
    readonly property real fraction: valid ? Math.max(0, Math.min(1, (value - from) / (to - from))) : 0

    implicitWidth: 180
    implicitHeight: 170

    onFractionChanged: canvas.requestPaint()
    onArcColorChanged: canvas.requestPaint()

    Canvas {
        id: canvas
        anchors.horizontalCenter: parent.horizontalCenter
        width: Math.min(parent.width, parent.height)
        height: width
        onPaint: {
            const ctx = getContext("2d")
            ctx.reset()
            const cx = width / 2, cy = height / 2, r = width / 2 - 12
            const start = Math.PI * 0.75, sweep = Math.PI * 1.5
            ctx.lineCap = "round"
            ctx.lineWidth = 12
            ctx.strokeStyle = "#343c48"
            ctx.beginPath()
            ctx.arc(cx, cy, r, start, start + sweep)
            ctx.stroke()
            if (gauge.fraction > 0) {
                ctx.strokeStyle = gauge.arcColor
                ctx.beginPath()
                ctx.arc(cx, cy, r, start, start + sweep * gauge.fraction)
                ctx.stroke()
            }
        }
    }
    Label {
        id: valueLabel
        objectName: gauge.objectName + "Value"
        anchors.centerIn: canvas
        anchors.verticalCenterOffset: -6
        text: gauge.valid ? gauge.value.toFixed(gauge.decimals) : "--"
        color: gauge.stale ? "#6f7c8e" : "#eef2f7"
        // Large values shrink to fit inside the ring rather than run over it.
        width: canvas.width * 0.62
        horizontalAlignment: Text.AlignHCenter
        fontSizeMode: Text.HorizontalFit
        minimumPixelSize: 10
        font.pixelSize: Math.max(12, Math.min(30, canvas.width / 6))
        font.bold: true
    }
    Label {
        anchors { top: valueLabel.bottom; horizontalCenter: valueLabel.horizontalCenter }
        text: gauge.unit
        color: "#9aa7b8"
        font.pixelSize: 14
    }
    Label {
        anchors { bottom: canvas.bottom; horizontalCenter: canvas.horizontalCenter; bottomMargin: 4 }
        text: gauge.stale && gauge.valid ? qsTr("%1 (last)").arg(gauge.caption) : gauge.caption
        color: "#c5cfdb"
        font.pixelSize: 13
        width: canvas.width
        horizontalAlignment: Text.AlignHCenter
        elide: Text.ElideRight
    }
}
