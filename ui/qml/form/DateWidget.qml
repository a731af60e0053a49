import QtQuick
import ".."

// ui:widget "date": three digit-pad boxes, 年 月 日, as GOV.UK's date input (never a
// calendar pop-up or a spinning wheel). The value is "YYYY-MM-DD"; a one-digit month or
// day is padded, anything incomplete is passed on as typed so 继续 can say what is wrong.
FocusScope {
    id: w

    property string fieldId: ""
    property string label: ""
    property string initial: ""
    property int limit: -1
    property var options: []
    property bool locked: false
    property bool hasError: false
    property string keypad: "digits"
    signal edited(string text)

    function focusInput(): void { year.forceActiveFocus() }

    function pad2(s: string): string { return s.length === 1 ? "0" + s : s }

    function compose(): string {
        if (year.text === "" && month.text === "" && day.text === "")
            return ""
        return year.text + "-" + pad2(month.text) + "-" + pad2(day.text)
    }

    objectName: "input_" + fieldId
    implicitWidth: row.implicitWidth
    implicitHeight: row.implicitHeight
    Accessible.role: Accessible.Grouping
    Accessible.name: w.label

    Component.onCompleted: {
        const parts = w.initial.split("-")
        year.text = parts.length > 0 ? parts[0] : ""
        month.text = parts.length > 1 ? parts[1] : ""
        day.text = parts.length > 2 ? parts[2] : ""
    }

    Row {
        id: row
        spacing: Theme.spacing
        DigitBox {
            id: year
            objectName: "input_" + w.fieldId + "_year"
            width: Theme.px(200)
            label: qsTr("%1 年").arg(w.label)
            unit: qsTr("年")
            limit: 4
            readOnly: w.locked
            hasError: w.hasError
            onEdited: {
                w.edited(w.compose())
                if (text.length === 4)
                    month.forceActiveFocus()
            }
        }
        DigitBox {
            id: month
            objectName: "input_" + w.fieldId + "_month"
            width: Theme.px(140)
            label: qsTr("%1 月").arg(w.label)
            unit: qsTr("月")
            limit: 2
            readOnly: w.locked
            hasError: w.hasError
            onEdited: {
                w.edited(w.compose())
                if (text.length === 2)
                    day.forceActiveFocus()
            }
        }
        DigitBox {
            id: day
            objectName: "input_" + w.fieldId + "_day"
            width: Theme.px(140)
            label: qsTr("%1 日").arg(w.label)
            unit: qsTr("日")
            limit: 2
            readOnly: w.locked
            hasError: w.hasError
            onEdited: w.edited(w.compose())
        }
    }
}
