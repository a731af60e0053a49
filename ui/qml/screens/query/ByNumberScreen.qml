pragma ComponentBehavior: Bound
import QtQuick
import "../.."

// 办件查询 by number: the 办件编号 or “一件事”编号 from the receipt, typed on the large digit
// keys (no Pinyin keyboard for numbers). 查询 looks it up; a bundle number lists all its
// cases. The camera way (holding the receipt's QR up) is offered beside it.
Item {
    id: screen
    objectName: "queryNumberScreen"

    property QtObject session

    QueryNumberViewModel { id: vm; session: screen.session }

    Column {
        id: typing
        anchors { left: parent.left; right: actions.left; rightMargin: Theme.spacing; top: parent.top }
        spacing: Theme.gap
        Heading { width: parent.width; text: qsTr("输入办件编号查询") }
        // 长辈模式: no room for the hint above the keys (the keys take the whole width there).
        BodyText { width: parent.width; soft: true; visible: vm.error === "" && !Theme.elder; text: vm.hint !== "" ? vm.hint : qsTr("编号印在回执二维码下面；“一件事”编号可查到同一件事的全部办件。") }
        DigitBox {
            id: numberBox
            objectName: "queryNumberBox"
            width: parent.width
            label: qsTr("办件编号")
            limit: 32
            text: vm.typed
            Component.onCompleted: numberBox.forceActiveFocus()
        }
        ProblemBanner {  // in the hint's place, so the keys keep their room
            objectName: "queryNumberError"
            width: parent.width
            visible: vm.error !== ""
            message: vm.error
        }
    }
        // Large digit keys in two wide rows: the telephone pad is taller than the room
        // the shell leaves (504 px) and would put its last row under the footer.
        // 长辈模式: below both columns and as wide as the screen, keys one target high.
        Grid {
            id: pad
            objectName: "queryPad"
            x: 0
            y: Theme.elder ? Math.max(typing.height, actions.height) + Theme.gap
                           : typing.height + Theme.gap
            columns: 6
            spacing: Theme.gap
            Repeater {
                model: ["1", "2", "3", "4", "5", "6", "7", "8", "9", "0", qsTr("删除")]
                delegate: BigButton {
                    required property string modelData
                    required property int index
                    objectName: "digitKey_" + (index === 10 ? "delete" : modelData)
                    width: Theme.elder ? (screen.width - 5 * pad.spacing) / 6 : Theme.px(130)
                    implicitHeight: Theme.elder ? Theme.minTarget : Theme.compactHeight
                    text: modelData
                    onClicked: index === 10 ? numberBox.backspace() : numberBox.typeKey(modelData)
                }
            }
        }
    Column {
        id: actions
        anchors { right: parent.right; top: parent.top }
        width: Theme.px(300)
        spacing: Theme.gap
        BigButton {
            objectName: "queryFind"
            width: parent.width
            kind: "primary"
            implicitHeight: Theme.elder ? Theme.minTarget : Theme.touchHeight
            enabled: numberBox.text.length > 0
            text: qsTr("查询")
            onClicked: vm.find(numberBox.text)
        }
        BigButton {
            objectName: "queryScan"
            width: parent.width
            implicitHeight: Theme.elder ? Theme.minTarget : Theme.touchHeight
            text: qsTr("扫回执二维码")
            onClicked: vm.scan()
        }
    }
}
