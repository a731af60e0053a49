import QtQuick
import QtQuick.Controls.Basic
import ".."

// ui:widget "text": one line of Chinese (or Latin) text, typed on the Pinyin keyboard.
TextField {
    id: input

    property string fieldId: ""
    property string label: ""
    property string initial: ""
    property int limit: -1
    property var options: []
    property bool locked: false
    property bool hasError: false
    property string keypad: "full"
    signal edited(string text)

    function focusInput(): void { input.forceActiveFocus() }

    objectName: "input_" + fieldId
    implicitWidth: Theme.px(720)
    implicitHeight: Theme.px(80)
    readOnly: locked
    maximumLength: limit >= 0 ? limit : 32767
    font.pixelSize: Theme.textSize
    color: Theme.ink
    leftPadding: Theme.px(16)
    rightPadding: Theme.px(16)
    Accessible.name: input.label
    onTextChanged: input.edited(input.text)
    Component.onCompleted: input.text = input.initial

    background: Rectangle {
        radius: Theme.px(8)
        color: input.readOnly ? Theme.surfaceMuted : Theme.surface
        border.width: input.activeFocus || input.hasError ? 2 * Theme.border : Theme.border
        border.color: input.activeFocus ? Theme.primary : input.hasError ? Theme.danger : Theme.line
    }
}
