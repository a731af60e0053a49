pragma ComponentBehavior: Bound
import QtQuick
import "../.."

// One tap on a tile picks that service and moves on: choosing several at once is a
// checkbox pattern older residents often miss, so each visit handles one item.
// (H8's service screens replace this list with categories, search and the 办事指南.)
Item {
    id: screen

    property ItemChoiceViewModel vm

    Heading {
        id: title
        anchors { left: parent.left; top: parent.top }
        text: qsTr("请点一下您要办理的事项")
    }

    InfoTag {
        objectName: "applicant"
        anchors { right: parent.right; verticalCenter: title.verticalCenter }
        text: qsTr("申请人 %1　%2").arg(screen.vm.maskedName).arg(screen.vm.maskedId)
    }

    PagedGrid {
        id: grid
        objectName: "itemGrid"
        anchors {
            left: parent.left; right: parent.right; top: title.bottom; topMargin: 12
            bottom: parent.bottom
        }
        columns: 2
        cellHeight: 108
        unit: qsTr("项")
        model: screen.vm.items
        delegate: ChoiceTile {
            required property string code
            required property string name
            objectName: "item:" + code
            width: GridView.view.cellWidth - 20
            height: GridView.view.cellHeight - Theme.gap
            text: name
            hint: qsTr("办理 ›")
            onClicked: screen.vm.choose(code)
        }
    }
}
