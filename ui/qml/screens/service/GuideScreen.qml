pragma ComponentBehavior: Bound
import QtQuick
import "../.."

// 办事指南 in plain words: what it is, who may apply, what to bring (and what the terminal
// already has), how long it takes, what it costs, who decides, whom to call. Items the
// terminal cannot take say where to go instead, and the checklist can still be printed.
Item {
    id: screen
    objectName: "guideScreen"

    property QtObject session

    GuideViewModel { id: vm; session: screen.session }

    ScrollPage {
        id: page
        anchors { left: parent.left; right: actions.left; rightMargin: Theme.spacing; top: parent.top; bottom: parent.bottom }

        Heading { width: parent.width; text: vm.name }
        BodyText { width: parent.width; text: vm.plainSummary }

        ProblemBanner {
            objectName: "counterBanner"
            width: parent.width
            visible: vm.counterNote !== ""
            kind: "warning"
            title: vm.canApply ? qsTr("部分事项可能要到窗口办理") : qsTr("这个事项需要到窗口办理")
            message: vm.counterNote
        }

        Column {
            width: parent.width
            spacing: Theme.px(6)
            FactLine { width: parent.width; label: qsTr("办理时限"); value: vm.promisedTime }
            FactLine { width: parent.width; label: qsTr("收费"); value: vm.fee }
            FactLine { width: parent.width; label: qsTr("办理方式"); value: vm.selfService }
            FactLine { width: parent.width; label: qsTr("受理部门"); value: vm.where }
            FactLine { width: parent.width; label: qsTr("办理结果"); value: vm.resultFrom }
            FactLine { width: parent.width; label: qsTr("咨询电话"); value: vm.hotlines }
        }

        SectionTitle { width: parent.width; visible: vm.kind === "bundle"; text: qsTr("一次办好这些事项") }
        Bullets { width: parent.width; visible: vm.kind === "bundle"; lines: vm.items }

        SectionTitle { width: parent.width; visible: vm.conditions.length > 0; text: qsTr("谁可以办") }
        Bullets { width: parent.width; lines: vm.conditions }

        SectionTitle { width: parent.width; text: qsTr("需要的材料") }
        Column {
            objectName: "guideMaterials"
            width: parent.width
            spacing: Theme.gap
            Repeater {
                model: vm.materials
                delegate: MaterialCard {
                    required name
                    required necessity
                    required count
                    required how
                    required alreadyHave
                    required deferral
                    required note
                    width: parent.width
                }
            }
        }

        SectionTitle { width: parent.width; visible: vm.commitments !== ""; text: qsTr("告知承诺") }
        BodyText {
            width: parent.width
            visible: vm.commitments !== ""
            text: qsTr("可以选择“%1”：如实承诺后可以少交部分材料，办理更快。").arg(vm.commitments)
        }

        SectionTitle { width: parent.width; visible: vm.reminders.length > 0; text: qsTr("温馨提示") }
        Bullets { width: parent.width; lines: vm.reminders; soft: true }
    }

    Column {
        id: actions
        anchors { right: parent.right; top: parent.top }
        width: Theme.px(320)
        spacing: Theme.gap
        BigButton {
            objectName: "guideStart"
            width: parent.width
            visible: vm.canApply
            kind: "primary"
            text: vm.hasQuestions ? qsTr("开始办理") : qsTr("开始填表")
            subtitle: vm.hasQuestions ? qsTr("先回答几个问题") : ""
            onClicked: vm.start()
        }
        BigButton {
            objectName: "guidePrint"
            width: parent.width
            kind: vm.canApply ? "secondary" : "primary"
            text: qsTr("打印材料清单")
            onClicked: vm.printChecklist()
        }
    }
}
