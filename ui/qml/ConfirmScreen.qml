import QtQuick

// The last look before anything is saved: who, which ID, what. Only masked identity is on
// screen, because someone may be standing behind the resident.
Item {
    id: screen

    property QtObject vm

    KioskTheme { id: pal }

    Text {
        id: title
        anchors { left: parent.left; right: parent.right; top: parent.top }
        text: "请核对您的信息"
        color: pal.ink
        font.pixelSize: pal.titleSize
        font.bold: true
    }

    Rectangle {
        id: summary
        anchors { left: parent.left; right: actions.left; rightMargin: 32; top: title.bottom; topMargin: 24; bottom: parent.bottom }
        radius: pal.radius
        color: pal.surface
        border.color: pal.line
        border.width: 2

        Column {
            anchors { left: parent.left; right: parent.right; top: parent.top; margins: 36 }
            spacing: 28

            Repeater {
                model: [
                    { label: "申请人", value: screen.vm.maskedName },
                    { label: "身份证", value: screen.vm.maskedId },
                    { label: "办理事项", value: screen.vm.chosen.map(function (i) { return i.name }).join("\n") }
                ]
                Row {
                    required property var modelData
                    width: parent.width
                    spacing: 24
                    Text {
                        width: 170
                        anchors.baseline: value.baseline
                        text: modelData.label
                        color: pal.inkSoft
                        font.pixelSize: 32
                    }
                    Text {
                        id: value
                        width: parent.width - 170 - parent.spacing
                        text: modelData.value
                        color: pal.ink
                        font.pixelSize: 36
                        font.bold: true
                        wrapMode: Text.WordWrap
                    }
                }
            }

            Rectangle {
                width: parent.width
                height: confirmProblem.implicitHeight + 40
                visible: screen.vm.message !== ""
                radius: pal.radius
                color: pal.dangerSoft
                Text {
                    id: confirmProblem
                    anchors { left: parent.left; right: parent.right; verticalCenter: parent.verticalCenter; margins: 20 }
                    text: screen.vm.message
                    color: pal.danger
                    font.pixelSize: 30
                    font.bold: true
                    wrapMode: Text.WordWrap
                }
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
            text: "重新选择"
            onClicked: screen.vm.chooseAgain()
        }
        BigButton {
            width: parent.width
            height: 180
            kind: "success"
            fontSize: 44
            text: "确认提交"
            onClicked: screen.vm.submit()
        }
    }
}
