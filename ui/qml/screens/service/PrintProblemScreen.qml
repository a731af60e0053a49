pragma ComponentBehavior: Bound
import QtQuick
import "../.."

// The receipt did not print (out of paper, jammed, offline). The case is safe; what the
// resident needs now is its number, large enough to copy or photograph, and the QR the
// receipt would have carried — then what to do, and a way on without the paper.
Item {
    id: screen
    objectName: "printProblemScreen"

    property QtObject session

    PrintProblemViewModel { id: vm; session: screen.session }

    Image {
        id: qr
        objectName: "receiptQr"
        anchors { horizontalCenter: actions.horizontalCenter; top: parent.top }
        width: Theme.px(260)
        height: width
        sourceSize { width: width; height: height }
        source: vm.qrImage
        visible: vm.qrImage !== ""
        Accessible.role: Accessible.Graphic
        Accessible.name: qsTr("回执二维码")
    }

    Column {
        anchors { left: parent.left; right: actions.left; rightMargin: Theme.spacing; top: parent.top }
        spacing: Theme.px(8)
        Text {
            width: parent.width
            text: vm.title
            color: Theme.danger
            font.pixelSize: Theme.titleSize
            font.bold: true
            wrapMode: Text.WordWrap
            lineHeight: Theme.lineSpacing
            Accessible.role: Accessible.Heading
            Accessible.name: text
        }
        BodyText { width: parent.width; text: vm.words }
        Text {
            width: parent.width
            text: qsTr("办件编号")
            color: Theme.inkSoft
            font.pixelSize: Theme.labelSize
        }
        Text {
            objectName: "bigCaseNo"
            width: parent.width
            text: vm.caseNo
            color: Theme.ink
            // One line, as large as fits: a number split over two lines is copied wrong.
            font.pixelSize: Theme.displaySize
            fontSizeMode: Text.HorizontalFit
            minimumPixelSize: Theme.largeSize
            font.bold: true
            lineHeight: Theme.lineSpacing
        }
        Text {
            width: parent.width
            visible: vm.bundleNo !== ""
            text: qsTr("“一件事”编号：") + vm.bundleNo
            color: Theme.ink
            font.pixelSize: Theme.textSize
            font.bold: true
            wrapMode: Text.WrapAnywhere
            lineHeight: Theme.lineSpacing
        }
        Bullets { width: parent.width; lines: vm.whatToDo }
    }

    Column {
        id: actions
        anchors { right: parent.right; bottom: parent.bottom }
        width: Theme.px(300)
        spacing: Theme.gap
        BigButton {
            objectName: "printRetry"
            implicitHeight: Theme.compactHeight
            width: Theme.px(300)
            text: vm.retryLabel !== "" ? vm.retryLabel : qsTr("再打印一次")
            onClicked: vm.retry()
        }
        BigButton {
            objectName: "printSkip"
            implicitHeight: Theme.compactHeight
            width: Theme.px(300)
            kind: "primary"
            text: qsTr("已记下，继续")
            onClicked: vm.skipPrint()
        }
    }
}
