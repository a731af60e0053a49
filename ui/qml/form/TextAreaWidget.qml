import QtQuick
import QtQuick.Controls.Basic
import ".."

// ui:widget "textarea": a few lines (addresses, 困难情况说明). TextArea has no
// maximumLength, so the limit is kept here; a Pinyin composition is not cut, only text
// already committed.
TextArea {
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
    implicitHeight: Math.max(Theme.px(160), contentHeight + topPadding + bottomPadding)
    readOnly: locked
    wrapMode: TextEdit.Wrap
    font.pixelSize: Theme.textSize
    color: Theme.ink
    padding: Theme.px(16)
    Accessible.name: input.label
    onTextChanged: {
        if (input.limit >= 0 && input.length > input.limit) {
            input.remove(input.limit, input.length)
            return
        }
        input.edited(input.text)
    }
    Component.onCompleted: input.text = input.initial

    background: Rectangle {
        radius: Theme.px(8)
        color: input.readOnly ? Theme.surfaceMuted : Theme.surface
        border.width: input.activeFocus || input.hasError ? 2 * Theme.border : Theme.border
        border.color: input.activeFocus ? Theme.primary : input.hasError ? Theme.danger : Theme.line
    }
}
