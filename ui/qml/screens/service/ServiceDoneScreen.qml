pragma ComponentBehavior: Bound
import QtQuick
import "../.."

// 提交成功 for one item or a whole 一件事: each case's 办件编号 large (and the 一件事 number
// that finds them all), the promised date in words, the receipt's real print state, then
// 好差评 for this case — offered, never forced (去评价 / 不评价，直接离开).
Item {
    id: screen
    objectName: "serviceDoneScreen"

    property QtObject session

    ServiceDoneViewModel { id: vm; session: screen.session }

    // The receipt prints by itself when the printer is ready (the core's DoneView.auto_print:
    // once, never after a failed try); 重新打印 stays for another copy.
    property bool autoPrinted: false
    function printOnArrival(): void {
        if (vm.autoPrint && !screen.autoPrinted) {
            screen.autoPrinted = true
            vm.printReceipt()
        }
    }
    Component.onCompleted: Qt.callLater(screen.printOnArrival)
    Connections {
        target: vm
        function onAutoPrintChanged(): void { Qt.callLater(screen.printOnArrival) }
    }

    Text {
        id: title
        objectName: "doneTitle"
        anchors { left: parent.left; top: parent.top }
        text: qsTr("✓ 提交成功")
        color: Theme.success
        font.pixelSize: Theme.displaySize
        font.bold: true
        Accessible.role: Accessible.Heading
        Accessible.name: qsTr("提交成功")
    }
    BodyText {
        id: promised
        objectName: "donePromised"
        anchors { left: parent.left; right: actions.left; rightMargin: Theme.spacing; top: title.bottom }
        text: vm.promised
    }

    ScrollPage {
        anchors { left: parent.left; right: actions.left; rightMargin: Theme.spacing; top: promised.bottom; topMargin: Theme.gap; bottom: parent.bottom }
        spacing: Theme.gap

        Rectangle {
            objectName: "bundleNumber"
            width: parent.width
            visible: vm.isBundle
            height: visible ? bundleColumn.implicitHeight + 2 * Theme.gap : 0
            radius: Theme.radius
            color: Theme.infoSoft
            Column {
                id: bundleColumn
                anchors { left: parent.left; right: parent.right; top: parent.top; margins: Theme.gap }
                Text {
                    text: qsTr("“一件事”编号（凭它可查全部事项）")
                    color: Theme.ink
                    font.pixelSize: Theme.labelSize
                    lineHeight: Theme.lineSpacing
                }
                Text {
                    objectName: "bundleNo"
                    text: vm.bundleNo
                    color: Theme.ink
                    font.pixelSize: Theme.largeSize
                    font.bold: true
                    font.letterSpacing: 1
                    lineHeight: Theme.lineSpacing
                }
            }
        }

        Repeater {
            model: vm.cases
            delegate: Rectangle {
                id: caseCard
                required property string caseNo
                required property string items
                required property string status
                required property string promised
                required property string forWhom
                width: parent.width
                height: caseColumn.implicitHeight + 2 * Theme.gap
                radius: Theme.radius
                color: Theme.surface
                border.color: Theme.lineSoft
                border.width: 2
                Column {
                    id: caseColumn
                    anchors { left: parent.left; right: parent.right; top: parent.top; margins: Theme.gap }
                    Text {
                        width: parent.width
                        text: caseCard.items
                        color: Theme.ink
                        font.pixelSize: Theme.textSize
                        font.bold: true
                        wrapMode: Text.WordWrap
                        lineHeight: Theme.lineSpacing
                    }
                    Text {
                        width: parent.width
                        visible: caseCard.forWhom !== ""
                        text: caseCard.forWhom
                        color: Theme.ink
                        font.pixelSize: Theme.textSize
                        wrapMode: Text.WordWrap
                        lineHeight: Theme.lineSpacing
                    }
                    Text {
                        width: parent.width
                        text: qsTr("办件编号：") + caseCard.caseNo
                        color: Theme.ink
                        font.pixelSize: Theme.largeSize
                        font.bold: true
                        wrapMode: Text.WrapAnywhere
                        lineHeight: Theme.lineSpacing
                    }
                    Text {
                        width: parent.width
                        text: [caseCard.status, vm.isBundle ? caseCard.promised : ""].filter(function (s) { return s !== "" }).join("；")
                        color: Theme.inkSoft
                        font.pixelSize: Theme.smallSize
                        wrapMode: Text.WordWrap
                        lineHeight: Theme.lineSpacing
                    }
                }
            }
        }
    }

    Column {
        id: actions
        anchors { right: parent.right; top: parent.top }
        width: Theme.px(360)
        spacing: Theme.gap

        Rectangle {
            objectName: "printState"
            width: parent.width
            height: printText.implicitHeight + 2 * Theme.gap
            radius: Theme.radius
            color: vm.printed ? Theme.successSoft : vm.printerReady ? Theme.infoSoft : Theme.warningSoft
            Text {
                id: printText
                anchors { left: parent.left; right: parent.right; verticalCenter: parent.verticalCenter; margins: Theme.gap }
                text: vm.printed ? qsTr("回执已打印，请在出纸口取走")
                                 : vm.autoPrint ? qsTr("正在打印回执…") : vm.printer
                color: vm.printed ? Theme.success : vm.printerReady ? Theme.ink : Theme.warningInk
                font.pixelSize: Theme.smallSize
                font.bold: true
                wrapMode: Text.WordWrap
                lineHeight: Theme.lineSpacing
            }
        }
        BigButton {
            objectName: "printReceipt"
            width: parent.width
            kind: vm.printed ? "secondary" : "primary"
            text: vm.printed ? qsTr("重新打印") : qsTr("打印回执")
            onClicked: vm.printReceipt()
        }
        BigButton {
            objectName: "rate"
            width: parent.width
            visible: vm.canRate
            kind: vm.printed ? "primary" : "secondary"
            text: qsTr("去评价")
            onClicked: vm.rate()
        }
        BigButton {
            objectName: "skipRating"
            width: parent.width
            implicitHeight: Theme.compactHeight
            fontSize: Theme.textSize
            text: qsTr("不评价，直接离开")
            onClicked: vm.skipRating()
        }
    }
}
