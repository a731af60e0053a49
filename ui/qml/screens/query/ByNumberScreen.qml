pragma ComponentBehavior: Bound
import QtQuick
import "../.."

// 办件查询 by number: the 办件编号 or “一件事”编号 from the receipt, typed on the large digit
// pad (no Pinyin keyboard for numbers). 查询 looks it up; a bundle number lists all its
// cases. The camera way (holding the receipt's QR up) is offered beside it.
Item {
    id: screen
    objectName: "queryNumberScreen"

    property QtObject session

    QueryNumberViewModel { id: vm; session: screen.session }

    Column {
        anchors { left: parent.left; right: pad.left; rightMargin: Theme.margin; top: parent.top }
        spacing: Theme.gap
        Heading { width: parent.width; text: qsTr("输入办件编号查询") }
        BodyText { width: parent.width; soft: true; text: vm.hint !== "" ? vm.hint : qsTr("编号印在回执二维码下面；“一件事”编号可查到同一件事的全部办件。") }
        DigitBox {
            id: numberBox
            objectName: "queryNumberBox"
            width: parent.width
            label: qsTr("办件编号")
            limit: 32
            text: vm.typed
            Component.onCompleted: numberBox.forceActiveFocus()
        }
        ProblemBanner {
            objectName: "queryNumberError"
            width: parent.width
            visible: vm.error !== ""
            message: vm.error
        }
        Row {
            spacing: Theme.gap
            BigButton {
                objectName: "queryFind"
                width: Theme.px(300)
                kind: "primary"
                enabled: numberBox.text.length > 0
                text: qsTr("查询")
                onClicked: vm.find(numberBox.text)
            }
            BigButton {
                objectName: "queryScan"
                width: Theme.px(300)
                text: qsTr("扫回执二维码")
                onClicked: vm.scan()
            }
        }
    }
    DigitPad {
        id: pad
        anchors { right: parent.right; top: parent.top }
        target: numberBox
        onDone: if (numberBox.text.length > 0) vm.find(numberBox.text)
    }
}
