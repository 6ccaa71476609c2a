// A titled panel of the dashboard.
import QtQuick
import QtQuick.Controls

Rectangle {
    id: card
    property string title
    default property alias content: body.data

    color: "#262c35"
    radius: 8
    border.color: "#343c48"

    Label {
        id: heading
        anchors { left: parent.left; top: parent.top; margins: 12 }
        text: card.title
        color: "#9aa7b8"
        font.pixelSize: 13
        font.capitalization: Font.AllUppercase
        font.letterSpacing: 1
    }
    Item {
        id: body
        anchors { left: parent.left; right: parent.right; top: heading.bottom; bottom: parent.bottom; margins: 12 }
    }
}
