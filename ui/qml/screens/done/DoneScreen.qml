import QtQuick
import QtQuick.Shapes
import "../.."

// The case is saved (on this terminal at least): show the number the resident will be
// asked for later, and let the receipt carry it home. Printing is the main action until
// the receipt is out; after that the main action is 完成, which wipes the session.
Item {
    id: screen

    property DoneViewModel vm
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
        spacing: 14

        Text {
            text: "提交成功"
            color: Theme.success
            font.pixelSize: 52
            font.bold: true
        }
        Row {
            spacing: 16
            Text { text: "办件编号："; color: Theme.inkSoft; font.pixelSize: 32; anchors.baseline: caseNo.baseline }
            Text { id: caseNo; text: screen.vm.caseNo; color: Theme.ink; font.pixelSize: 40; font.bold: true }
        }
        Row {
            spacing: 16
            Text { text: "办理状态："; color: Theme.inkSoft; font.pixelSize: 32; anchors.baseline: status.baseline }
            Text { id: status; text: screen.vm.caseStatus; color: Theme.ink; font.pixelSize: 36; font.bold: true }
        }
        Text {
            width: parent.width
            text: "请记住办件编号，凭它可以查询办理进度。"
            color: Theme.inkSoft
            font.pixelSize: 30
            wrapMode: Text.WordWrap
        }
    }

    Rectangle {
        id: printState
        anchors { left: parent.left; right: parent.right; top: facts.bottom; topMargin: 24 }
        height: visible ? printText.implicitHeight + 36 : 0
        visible: screen.vm.printed || screen.vm.printing || screen.vm.message !== ""
        radius: Theme.radius
        color: screen.vm.printed || screen.vm.printing ? Theme.successSoft : Theme.dangerSoft
        Text {
            id: printText
            anchors { left: parent.left; right: parent.right; verticalCenter: parent.verticalCenter; margins: 24 }
            text: screen.vm.printing ? "正在打印回执，请稍候……"
                  : screen.vm.printed ? "回执已打印，请从出纸口取走。"
                  : screen.vm.message
            color: screen.vm.printed || screen.vm.printing ? Theme.success : Theme.danger
            font.pixelSize: 32
            font.bold: true
            wrapMode: Text.WordWrap
        }
    }

    Row {
        anchors { right: parent.right; bottom: parent.bottom }
        spacing: 32

        BigButton {
            objectName: "rateDone"
            width: 240
            text: "评价"
            onClicked: screen.vm.rate()
        }
        BigButton {
            width: 360
            visible: !screen.vm.printed
            enabled: !screen.vm.printing
            kind: screen.vm.message === "" ? "primary" : "secondary"
            text: screen.vm.printing ? "正在打印…" : screen.vm.message === "" ? "打印回执" : "再试一次"
            onClicked: screen.vm.printReceipt()
        }
        BigButton {
            width: 360
            kind: screen.vm.printed || screen.vm.message !== "" ? "primary" : "secondary"
            text: "完成"
            onClicked: screen.finished()
        }
    }
}
