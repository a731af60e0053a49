import QtQuick
import ".."

// One answer of a radio or select question: a large tile with a round mark, the whole
// tile tappable, its accessible name its words and its state "checked".
Rectangle {
    id: opt

    property string text: ""
    property bool checked: false
    property bool locked: false
    signal chosen()

    function press(): void {
        if (!opt.locked)
            opt.chosen()
    }

    implicitWidth: Math.max(Theme.px(240), label.implicitWidth + Theme.px(112))
    implicitHeight: Math.max(Theme.px(80), label.implicitHeight + Theme.px(24))
    radius: Theme.radius
    color: opt.checked ? Theme.infoSoft : opt.locked ? Theme.surfaceMuted : Theme.surface
    border.color: opt.checked ? Theme.primary : Theme.line
    border.width: opt.checked ? 2 * Theme.border : Theme.border

    Accessible.role: Accessible.RadioButton
    Accessible.name: opt.text
    Accessible.checkable: true
    Accessible.checked: opt.checked
    Accessible.onPressAction: opt.press()

    Rectangle {
        id: mark
        anchors { left: parent.left; leftMargin: Theme.px(20); verticalCenter: parent.verticalCenter }
        width: Theme.px(40)
        height: width
        radius: width / 2
        color: Theme.surface
        border.color: Theme.ink
        border.width: Theme.border
        Rectangle {
            anchors.centerIn: parent
            visible: opt.checked
            width: parent.width / 2
            height: width
            radius: width / 2
            color: Theme.ink
        }
    }
    Text {
        id: label
        anchors { left: mark.right; leftMargin: Theme.px(16); right: parent.right
                  rightMargin: Theme.px(20); verticalCenter: parent.verticalCenter }
        text: opt.text
        color: Theme.ink
        font.pixelSize: Theme.textSize
        font.bold: opt.checked
        wrapMode: Text.WordWrap
        lineHeight: Theme.lineSpacing
    }
    MouseArea {
        anchors.fill: parent
        onClicked: opt.press()
    }
}
