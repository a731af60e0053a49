pragma ComponentBehavior: Bound
import QtQuick
import ".."

// ui:widget "radio": a few answers, each a large tile in one row (or wrapping), one chosen.
FocusScope {
    id: w

    property string fieldId: ""
    property string label: ""
    property string initial: ""
    property int limit: -1
    property var options: []
    property bool locked: false
    property bool hasError: false
    property string keypad: "none"
    property string current: ""
    property int columns: 0  // 0: as many per row as fit
    signal edited(string text)

    function focusInput(): void { w.forceActiveFocus() }

    objectName: "input_" + fieldId
    implicitWidth: Theme.px(1000)
    implicitHeight: flow.implicitHeight
    activeFocusOnTab: true
    Accessible.role: Accessible.Grouping
    Accessible.name: w.label
    Component.onCompleted: w.current = w.initial

    Flow {
        id: flow
        width: w.width
        spacing: Theme.gap
        Repeater {
            model: w.options
            delegate: ChoiceOption {
                id: choice
                required property string modelData
                required property int index
                objectName: "option_" + w.fieldId + "_" + choice.index
                width: w.columns > 0 ? (flow.width - (w.columns - 1) * flow.spacing) / w.columns
                                     : choice.implicitWidth
                text: choice.modelData
                checked: w.current === choice.modelData
                locked: w.locked
                onChosen: {
                    w.forceActiveFocus()
                    w.current = choice.modelData
                    w.edited(choice.modelData)
                }
            }
        }
    }
    Rectangle {  // focus ring around the group (after an error-summary link)
        anchors { fill: flow; margins: -Theme.px(6) }
        visible: w.activeFocus
        color: "transparent"
        radius: Theme.radius
        border.color: Theme.primary
        border.width: 2
    }
}
