pragma ComponentBehavior: Bound
import QtQuick
import "../.."

// 智能导办, one question per screen (GOV.UK question pages): the question is the heading,
// each answer a large button, 不清楚 always offered (its materials then read 视情形提供),
// and 返回 at the same place on every question. A number is typed on large digit keys.
Item {
    id: screen
    objectName: "questionScreen"

    property QtObject session

    QuestionViewModel { id: vm; session: screen.session }

    readonly property bool numeric: vm.kind === "number"

    Text {
        id: progress
        objectName: "questionProgress"
        anchors { left: parent.left; top: parent.top }
        text: qsTr("第 %1 题，共 %2 题").arg(vm.number).arg(vm.total)
        color: Theme.inkSoft
        font.pixelSize: Theme.labelSize
    }
    Heading {
        id: question
        objectName: "questionText"
        anchors { left: parent.left; right: parent.right; rightMargin: Theme.spacing
                  top: progress.bottom; topMargin: Theme.px(8) }
        text: vm.text
    }
    BodyText {
        id: help
        anchors { left: question.left; right: question.right; top: question.bottom; topMargin: Theme.px(4) }
        visible: vm.help !== ""
        height: visible ? implicitHeight : 0
        soft: true
        text: vm.help
    }
    ProblemBanner {
        id: error
        objectName: "questionError"
        anchors { left: question.left; right: question.right; top: help.bottom; topMargin: Theme.gap }
        visible: vm.error !== ""
        height: visible ? implicitHeight : 0
        message: vm.error
    }

    // Choices -------------------------------------------------------------------------------
    Grid {
        id: choices
        objectName: "questionChoices"
        visible: !screen.numeric
        anchors { left: parent.left; right: parent.right; top: error.bottom; topMargin: Theme.spacing }
        columns: vm.options.count <= 3 ? vm.options.count : 3
        spacing: Theme.gap
        readonly property int rowsNeeded: Math.ceil(vm.options.count / Math.max(1, columns))
        Repeater {
            model: vm.options
            delegate: BigButton {
                id: choice
                required property string value
                required property string label
                objectName: "choice_" + value
                width: (choices.width - (choices.columns - 1) * choices.spacing) / Math.max(1, choices.columns)
                implicitHeight: choices.rowsNeeded > 1 ? Theme.compactHeight : Theme.touchHeight
                text: label
                kind: vm.current === value ? "primary" : "secondary"
                subtitle: vm.current === value ? qsTr("已选") : ""
                onClicked: vm.answer(value)
            }
        }
    }

    // A number ------------------------------------------------------------------------------
    Row {
        id: numberRow
        visible: screen.numeric
        anchors { left: parent.left; top: error.bottom; topMargin: Theme.spacing }
        spacing: Theme.gap
        DigitBox {
            id: numberBox
            objectName: "questionNumber"
            width: Theme.px(300)
            label: vm.text
            limit: 3
            unit: qsTr("岁")
            text: vm.current === vm.unknownValue ? "" : vm.current
            Component.onCompleted: if (screen.numeric) numberBox.forceActiveFocus()
        }
        BigButton {
            objectName: "numberUnknown"
            implicitHeight: Theme.compactHeight
            width: Theme.px(200)
            text: qsTr("不清楚")
            onClicked: vm.answer(vm.unknownValue)
        }
    }
    // The digits in two wide rows under the box: the tall telephone pad does not fit
    // beside a question in the 504 px the shell leaves, and a number question needs
    // only digits. Each key is a BigButton (≥ 60 px, named by its digit).
    Grid {
        id: pad
        objectName: "questionPad"
        visible: screen.numeric
        anchors { left: parent.left; top: numberRow.bottom; topMargin: Theme.spacing }
        columns: 6
        spacing: Theme.gap
        Repeater {
            model: ["1", "2", "3", "4", "5", "6", "7", "8", "9", "0", qsTr("删除")]
            delegate: BigButton {
                required property string modelData
                required property int index
                objectName: "questionKey_" + (index === 10 ? "delete" : modelData)
                width: Theme.px(150)
                implicitHeight: Theme.compactHeight
                text: modelData
                onClicked: index === 10 ? numberBox.backspace() : numberBox.typeKey(modelData)
            }
        }
        BigButton {
            objectName: "questionNumberDone"
            width: Theme.px(150)
            implicitHeight: Theme.compactHeight
            kind: "primary"
            text: qsTr("确定")
            enabled: numberBox.text.length > 0
            onClicked: vm.answer(numberBox.text)
        }
    }

}
