import QtQuick
import ".."

// A touch target sized for fingers that shake: at least Theme.touchHeight tall, one short
// label, and a pressed look so the resident sees the terminal noticed the touch. Drawn with
// a Rectangle rather than a Controls Button so its look never depends on a style; that is
// why it carries its own Accessible role, name (= the visible text) and press action.
Rectangle {
    id: button

    property string text: ""
    property string subtitle: ""
    // "primary" (the screen's one main action), "success", "danger" or "secondary"
    property string kind: "secondary"
    property int fontSize: Theme.buttonSize
    signal clicked()

    readonly property color fill: kind === "primary" ? Theme.primary
                                  : kind === "success" ? Theme.success
                                  : kind === "danger" ? Theme.danger : Theme.surface
    readonly property color textColor: kind === "secondary" ? Theme.ink : Theme.onDark
    readonly property bool pressed: area.pressed
    readonly property real labelWidth: label.implicitWidth  // for rows sized to their words

    function press(): void {
        if (button.enabled && button.visible)
            button.clicked()
    }

    implicitHeight: Theme.touchHeight
    implicitWidth: Math.max(Theme.px(280), label.implicitWidth + Theme.px(80))
    radius: Theme.radius
    color: !enabled ? Theme.disabled : area.pressed ? Qt.darker(fill, 1.25) : fill
    border.width: kind === "secondary" ? Theme.border : 0
    border.color: Theme.line

    Accessible.role: Accessible.Button
    Accessible.name: button.text
    Accessible.description: button.subtitle
    Accessible.onPressAction: button.press()

    Column {
        anchors.centerIn: parent
        width: parent.width - Theme.margin
        spacing: Theme.px(6)
        Text {
            id: label
            width: parent.width
            text: button.text
            color: button.enabled ? button.textColor : Theme.ink
            font.pixelSize: button.fontSize
            font.bold: true
            horizontalAlignment: Text.AlignHCenter
            wrapMode: Text.WordWrap
            lineHeight: Theme.lineSpacing
        }
        Text {
            width: parent.width
            visible: button.subtitle !== ""
            text: button.subtitle
            color: button.kind === "secondary" || !button.enabled ? Theme.inkSoft : Theme.onDark
            font.pixelSize: Theme.labelSize
            horizontalAlignment: Text.AlignHCenter
            wrapMode: Text.WordWrap
            lineHeight: Theme.lineSpacing
        }
    }

    MouseArea {
        id: area
        anchors.fill: parent
        enabled: button.enabled
        onClicked: button.clicked()
    }
}
