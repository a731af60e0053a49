import QtQuick
import QtQuick.Shapes
import "../.."

// The case is saved (on this terminal at least): show the number the resident will be
// asked for later, and let the receipt carry it home. Printing is the main action until
// the receipt is out; after that the main action is 完成, which wipes the session.
Item {
    id: screen

    property DoneViewModel vm
    property bool busy: false  // a device job (the print) is running
    signal finished()

    Rectangle {
        id: tick
        anchors { left: parent.left; top: parent.top; topMargin: 8 }
        width: 120; height: 120; radius: 60
        color: Theme.success
        Shape {
            anchors.fill: parent
            ShapePath {
                strokeColor: Theme.onDark
                strokeWidth: 12
                fillColor: "transparent"
                capStyle: ShapePath.RoundCap
                joinStyle: ShapePath.RoundJoin
                startX: 32; startY: 62
                PathLine { x: 53; y: 84 }
                PathLine { x: 90; y: 40 }
            }
        }
    }

    Column {
        id: facts
        anchors { left: tick.right; leftMargin: 36; right: parent.right; top: parent.top }
        spacing: Theme.px(10)

        Text {
            text: qsTr("提交成功")
            color: Theme.success
            font.pixelSize: Theme.px(52)
            font.bold: true
        }
        Row {
            spacing: Theme.gap
            Text { text: qsTr("办件编号："); color: Theme.inkSoft; font.pixelSize: Theme.px(32); anchors.baseline: caseNo.baseline }
            Text { id: caseNo; objectName: "doneCaseNo"; text: screen.vm.caseNo; color: Theme.ink; font.pixelSize: Theme.px(40); font.bold: true }
        }
        Row {
            visible: screen.vm.bundleNo !== ""
            spacing: Theme.gap
            Text { text: qsTr("一件事编号："); color: Theme.inkSoft; font.pixelSize: Theme.labelSize; anchors.baseline: bundle.baseline }
            Text { id: bundle; objectName: "doneBundleNo"; text: screen.vm.bundleNo; color: Theme.ink; font.pixelSize: Theme.largeSize; font.bold: true }
        }
        Row {
            spacing: Theme.gap
            Text { text: qsTr("办理状态："); color: Theme.inkSoft; font.pixelSize: Theme.labelSize; anchors.baseline: status.baseline }
            Text { id: status; objectName: "doneStatus"; text: screen.vm.caseStatus; color: Theme.ink; font.pixelSize: Theme.px(32); font.bold: true }
        }
        Text {
            objectName: "donePromised"
            width: parent.width
            visible: text !== ""
            text: screen.vm.promised
            color: Theme.ink
            font.pixelSize: Theme.textSize
            wrapMode: Text.WordWrap
            lineHeight: Theme.lineSpacing
        }
        Text {
            width: parent.width
            text: qsTr("请记住办件编号，凭它可以查询办理进度。")
            color: Theme.inkSoft
            font.pixelSize: Theme.labelSize
            wrapMode: Text.WordWrap
            lineHeight: Theme.lineSpacing
        }
    }

    ProblemBanner {
        id: printState
        objectName: "donePrinter"
        anchors { left: parent.left; right: parent.right; top: facts.bottom; topMargin: Theme.gap }
        kind: screen.vm.printed || screen.busy ? "success"
              : screen.vm.printerReady ? "info" : "warning"
        message: screen.busy ? qsTr("正在打印回执，请稍候……")
                 : screen.vm.printed ? qsTr("回执已打印，请从出纸口取走。")
                 : screen.vm.printer
    }

    Row {
        anchors { right: parent.right; bottom: parent.bottom }
        spacing: Theme.margin

        BigButton {
            objectName: "rateDone"
            width: Theme.px(240)
            text: qsTr("评价")
            onClicked: screen.vm.rate()
        }
        BigButton {
            objectName: "printReceipt"
            width: Theme.px(360)
            visible: !screen.vm.printed
            enabled: !screen.busy
            kind: "primary"
            text: screen.busy ? qsTr("正在打印…") : qsTr("打印回执")
            onClicked: screen.vm.printReceipt()
        }
        BigButton {
            objectName: "finish"
            width: Theme.px(360)
            kind: screen.vm.printed ? "primary" : "secondary"
            text: qsTr("完成")
            onClicked: screen.finished()
        }
    }
}
