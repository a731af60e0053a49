pragma ComponentBehavior: Bound
import QtQuick
import "../.."

// 补正: the one complete list of everything still missing (行政许可法 第32条, 一次性告知),
// with what to do about each and by when, where to bring it, and a printed copy.
Item {
    id: screen
    objectName: "correctionScreen"

    property QtObject session

    CorrectionViewModel { id: vm; session: screen.session }

    ScrollPage {
        anchors { left: parent.left; right: actions.left; rightMargin: Theme.spacing; top: parent.top; bottom: parent.bottom }

        Heading { width: parent.width; text: qsTr("需要补正的材料") }
        BodyText {
            width: parent.width
            text: qsTr("办件编号 %1（%2）。下面是需要补的全部材料，补齐后就能继续办理。").arg(vm.caseNo).arg(vm.items)
        }
        Column {
            objectName: "missingList"
            width: parent.width
            spacing: Theme.gap
            Repeater {
                model: vm.missing
                delegate: Rectangle {
                    id: row
                    required property int index
                    required property string name
                    required property string whatToDo
                    required property string due
                    width: parent.width
                    height: rowColumn.implicitHeight + 2 * Theme.gap
                    radius: Theme.radius
                    color: Theme.surface
                    border.color: Theme.lineSoft
                    border.width: 2
                    Column {
                        id: rowColumn
                        anchors { left: parent.left; right: parent.right; top: parent.top; margins: Theme.gap }
                        Text {
                            width: parent.width
                            text: (row.index + 1) + ". " + row.name
                            color: Theme.ink
                            font.pixelSize: Theme.textSize
                            font.bold: true
                            wrapMode: Text.WordWrap
                            lineHeight: Theme.lineSpacing
                        }
                        Text {
                            width: parent.width
                            visible: row.whatToDo !== ""
                            text: row.whatToDo
                            color: Theme.ink
                            font.pixelSize: Theme.smallSize
                            wrapMode: Text.WordWrap
                            lineHeight: Theme.lineSpacing
                        }
                        Text {
                            width: parent.width
                            visible: row.due !== ""
                            text: qsTr("请在%1前补交").arg(row.due)
                            color: Theme.warningInk
                            font.pixelSize: Theme.smallSize
                            font.bold: true
                            wrapMode: Text.WordWrap
                            lineHeight: Theme.lineSpacing
                        }
                    }
                }
            }
        }
        FactLine { width: parent.width; label: qsTr("交到哪里"); value: vm.where }
        FactLine { width: parent.width; label: qsTr("咨询电话"); value: vm.hotline }
        BodyText {
            width: parent.width
            soft: true
            text: vm.platformList ? qsTr("这份清单由县里的政务服务平台发来。")
                                  : qsTr("平台还没有发来详细清单，以上是本机记录的缺少材料；如有疑问请拨打咨询电话。")
        }
    }

    Column {
        id: actions
        anchors { right: parent.right; top: parent.top }
        width: Theme.px(320)
        spacing: Theme.gap
        BigButton {
            objectName: "printCorrection"
            width: parent.width
            kind: "primary"
            text: vm.printed ? qsTr("再打印一份") : qsTr("打印补正清单")
            subtitle: vm.printed ? qsTr("已打印，请在出纸口取走") : ""
            onClicked: vm.printList()
        }
    }
}
