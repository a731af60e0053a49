import QtQuick
import ".."

// A box typed into with the DigitPad, not the Pinyin keyboard: it takes focus (so the
// virtual keyboard closes) but accepts no input method. Shows the digits in groups
// (`groups`, e.g. [3, 4, 4] for a mobile number) so a resident can compare them with the
// card or paper; the value itself has no spaces. A hardware keyboard works too.
FocusScope {
    id: box

    property string text: ""
    property string label: ""
    property int limit: -1
    property string keypad: "digits"   // digits | decimal | id
    property bool readOnly: false
    property bool hasError: false
    property var groups: []
    property string unit: ""           // shown after the box (年, 月, 元 …)
    signal edited(string text)

    function typeKey(c: string): void {
        if (box.readOnly)
            return
        if (box.limit >= 0 && box.text.length >= box.limit)
            return
        if (c === "." && (box.keypad !== "decimal" || box.text.indexOf(".") >= 0))
            return
        if (c === "X" && box.keypad !== "id")
            return
        box.text = box.text + c
        box.edited(box.text)
    }

    function backspace(): void {
        if (box.readOnly || box.text.length === 0)
            return
        box.text = box.text.slice(0, -1)
        box.edited(box.text)
    }

    function shown(): string {
        if (box.groups.length === 0)
            return box.text
        let out = [], at = 0
        for (let i = 0; i < box.groups.length && at < box.text.length; ++i) {
            out.push(box.text.substr(at, box.groups[i]))
            at += box.groups[i]
        }
        if (at < box.text.length)
            out.push(box.text.substr(at))
        return out.join(" ")
    }

    // Room for the unit after the box (年, 月, 元 …).
    readonly property real unitSpace: unitText.visible ? unitText.implicitWidth + Theme.px(8) : 0
    implicitWidth: Theme.px(480) + unitSpace
    implicitHeight: frame.height
    activeFocusOnTab: !readOnly

    Accessible.role: Accessible.EditableText
    Accessible.name: box.label
    Accessible.focusable: true
    Accessible.editable: !box.readOnly
    Accessible.onPressAction: if (!box.readOnly) box.forceActiveFocus()

    Keys.onPressed: (event) => {
        if (event.key >= Qt.Key_0 && event.key <= Qt.Key_9)
            box.typeKey(String(event.key - Qt.Key_0))
        else if (event.key === Qt.Key_X)
            box.typeKey("X")
        else if (event.key === Qt.Key_Period)
            box.typeKey(".")
        else if (event.key === Qt.Key_Backspace)
            box.backspace()
        else
            return
        event.accepted = true
    }

    Rectangle {
        id: frame
        width: box.width - box.unitSpace
        height: Theme.px(80)
        radius: Theme.px(8)
        color: box.readOnly ? Theme.surfaceMuted : Theme.surface
        border.width: box.activeFocus || box.hasError ? 2 * Theme.border : Theme.border
        border.color: box.activeFocus ? Theme.primary : box.hasError ? Theme.danger : Theme.line

        Text {
            id: shownText
            anchors { left: parent.left; right: parent.right; verticalCenter: parent.verticalCenter
                      leftMargin: Theme.px(16); rightMargin: Theme.px(16) }
            text: box.shown()
            color: Theme.ink
            font.pixelSize: Theme.largeSize
            font.letterSpacing: 1
            elide: Text.ElideLeft
        }
        Rectangle {  // the caret: where the next digit goes
            visible: box.activeFocus
            x: Theme.px(16) + Math.min(shownText.contentWidth, shownText.width) + 2
            anchors.verticalCenter: parent.verticalCenter
            width: 3
            height: Theme.largeSize + Theme.px(8)
            color: Theme.primary
        }
    }
    Text {
        id: unitText
        visible: box.unit !== ""
        anchors { left: frame.right; leftMargin: Theme.px(8); verticalCenter: frame.verticalCenter }
        text: box.unit
        color: Theme.ink
        font.pixelSize: Theme.textSize
    }
    MouseArea {
        anchors.fill: frame
        enabled: !box.readOnly
        onClicked: box.forceActiveFocus()
    }
}
