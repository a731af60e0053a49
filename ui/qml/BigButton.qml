import QtQuick

// A touch target sized for fingers that shake: at least 96 px tall, one short label, and a
// pressed look so the resident sees the terminal noticed the touch.
Rectangle {
    id: button

    property string text: ""
    property string subtitle: ""
    // "primary" (the screen's one main action), "success", or "secondary"
    property string kind: "secondary"
    property int fontSize: pal.buttonSize
    signal clicked()

    KioskTheme { id: pal }

    readonly property color fill: kind === "primary" ? pal.primary
                                  : kind === "success" ? pal.success : pal.surface
    readonly property color textColor: kind === "secondary" ? pal.ink : pal.onDark

    implicitHeight: pal.touchHeight
    implicitWidth: Math.max(280, label.implicitWidth + 80)
    radius: pal.radius
    color: !enabled ? "#C9CED6" : area.pressed ? Qt.darker(fill, 1.25) : fill
    border.width: kind === "secondary" ? 3 : 0
    border.color: pal.line
    opacity: enabled ? 1.0 : 0.8

    Column {
        anchors.centerIn: parent
        width: parent.width - 32
        spacing: 6
        Text {
            id: label
            width: parent.width
            text: button.text
            color: button.enabled ? button.textColor : pal.inkSoft
            font.pixelSize: button.fontSize
            font.bold: true
            horizontalAlignment: Text.AlignHCenter
            wrapMode: Text.WordWrap
        }
        Text {
            width: parent.width
            visible: button.subtitle !== ""
            text: button.subtitle
            color: button.kind === "secondary" ? pal.inkSoft : pal.onDark
            font.pixelSize: 28
            horizontalAlignment: Text.AlignHCenter
            wrapMode: Text.WordWrap
        }
    }

    MouseArea {
        id: area
        anchors.fill: parent
        enabled: button.enabled
        onClicked: button.clicked()
    }
}
