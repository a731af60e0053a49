pragma ComponentBehavior: Bound
import QtQuick
import "../.."

// The last look before anything is saved: who, which ID, what. Only masked identity is on
// screen, because someone may be standing behind the resident.
Item {
    id: screen

    property ItemChoiceViewModel vm

    Heading {
        id: title
        anchors { left: parent.left; right: parent.right; top: parent.top }
        text: qsTr("请核对您的信息")
    }

    Rectangle {
        id: summary
        anchors { left: parent.left; right: actions.left; rightMargin: 32; top: title.bottom; topMargin: 24; bottom: parent.bottom }
        radius: Theme.radius
        color: Theme.surface
        border.color: Theme.line
        border.width: 2

        Column {
            anchors { left: parent.left; right: parent.right; top: parent.top; margins: 36 }
            spacing: 28

            Repeater {
                model: [
                    { label: qsTr("申请人"), value: screen.vm.maskedName },
                    { label: qsTr("身份证"), value: screen.vm.maskedId },
                    { label: qsTr("办理事项"), value: screen.vm.chosenNames }
                ]
                Row {
                    id: fact
                    required property var modelData
                    width: parent.width
                    spacing: 24
                    Text {
                        width: 170
                        anchors.baseline: value.baseline
                        text: fact.modelData.label
                        color: Theme.inkSoft
                        font.pixelSize: 32
                    }
                    Text {
                        id: value
                        width: parent.width - 170 - parent.spacing
                        text: fact.modelData.value
                        color: Theme.ink
                        font.pixelSize: 36
                        font.bold: true
                        wrapMode: Text.WordWrap
                    }
                }
            }

            ProblemBanner {
                objectName: "confirmProblem"
                width: parent.width
                visible: screen.vm.message !== ""
                message: screen.vm.message
            }
        }
    }

    Column {
        id: actions
        anchors { right: parent.right; bottom: parent.bottom }
        width: 380
        spacing: 24

        BigButton {
            width: parent.width
            objectName: "chooseAgain"
            text: qsTr("重新选择")
            onClicked: screen.vm.chooseAgain()
        }
        BigButton {
            width: parent.width
            height: 180
            kind: "success"
            fontSize: 44
            objectName: "submit"
            text: qsTr("确认提交")
            onClicked: screen.vm.submit()
        }
    }
}
