pragma ComponentBehavior: Bound
import QtQuick
import "../.."

// The tailored 材料清单: only what this resident must bring under their answers, each
// material once (a bundle says which items need it), 视情形提供 where an answer is still
// unknown. The printed slip says exactly the same (ChecklistView.lines).
Item {
    id: screen
    objectName: "checklistScreen"

    property QtObject session

    ChecklistViewModel { id: vm; session: screen.session }

    ScrollPage {
        anchors { left: parent.left; right: actions.left; rightMargin: Theme.spacing; top: parent.top; bottom: parent.bottom }

        Heading { width: parent.width; text: qsTr("%1：您需要准备的材料").arg(vm.title) }

        ProblemBanner {
            objectName: "checklistPending"
            width: parent.width
            visible: vm.pending.length > 0
            kind: "warning"
            title: qsTr("还有问题没有回答")
            message: qsTr("标“视情形提供”的材料，要看这些问题的回答：") + "\n· " + vm.pending.join("\n· ")
        }
        ProblemBanner {
            objectName: "checklistCounter"
            width: parent.width
            visible: vm.counterNote !== ""
            kind: "warning"
            title: qsTr("需要到窗口办理")
            message: vm.counterNote
        }

        SectionTitle { width: parent.width; visible: vm.items.length > 1 || vm.undecided.length > 0; text: qsTr("本次办理的事项") }
        Bullets { width: parent.width; visible: vm.items.length > 1 || vm.undecided.length > 0; lines: vm.items }
        Bullets {
            width: parent.width
            soft: true
            lines: vm.undecided.map(function (n) { return n + qsTr("（视回答而定）") })
        }

        Column {
            objectName: "checklistRows"
            width: parent.width
            spacing: Theme.gap
            Repeater {
                model: vm.rows
                delegate: MaterialCard {
                    required name
                    required necessity
                    required count
                    required how
                    required deferral
                    required note
                    required forItems
                    width: parent.width
                }
            }
        }

        SectionTitle { width: parent.width; visible: vm.conditions.length > 0; text: qsTr("办理条件") }
        Bullets { width: parent.width; lines: vm.conditions }

        BodyText {
            width: parent.width
            visible: vm.commitments !== ""
            text: qsTr("可以选择告知承诺：%1").arg(vm.commitments)
        }
    }

    Column {
        id: actions
        anchors { right: parent.right; top: parent.top }
        width: Theme.px(320)
        spacing: Theme.gap
        BigButton {
            objectName: "checklistApply"
            width: parent.width
            visible: vm.canApply
            kind: "primary"
            text: qsTr("开始填表")
            onClicked: vm.apply()
        }
        BigButton {
            objectName: "checklistPrint"
            width: parent.width
            kind: vm.canApply ? "secondary" : "primary"
            text: vm.printed ? qsTr("再打印一份") : qsTr("打印材料清单")
            subtitle: vm.printed ? qsTr("已打印，请在出纸口取走") : ""
            onClicked: vm.printChecklist()
        }
        BigButton {
            objectName: "checklistChangeAnswers"
            width: parent.width
            text: qsTr("修改回答")
            onClicked: vm.changeAnswers()
        }
    }
}
