import QtQuick
import ".."

// The common body of the widgets typed on the DigitPad (idnumber, phone, number): one
// DigitBox carrying the form's widget interface.
DigitBox {
    id: w

    property string fieldId: ""
    property string initial: ""
    property var options: []
    property bool locked: false

    function focusInput(): void { w.forceActiveFocus() }

    objectName: "input_" + fieldId
    implicitWidth: Theme.px(560)
    readOnly: locked
    Component.onCompleted: w.text = w.initial
}
