pragma ComponentBehavior: Bound
import QtQuick
import "../.."

// 常办事项: the items most residents come for (the core's FindServiceView.common), one
// large tile each in one row, so choosing one is one touch. For 我要办事
// (FindServiceScreen.qml): CommonEntries { vm: vm } between the 一件事 row and the
// departments; the row takes no room when the list is empty.
Item {
    id: row

    required property FindServiceViewModel vm
    readonly property int count: tiles.count

    // 长辈模式: two wide tiles a row (the long names whole, not cut), rows under each other
    readonly property int columns: Theme.elder ? 2 : 4
    readonly property int rows: Math.ceil(tiles.count / row.columns)
    implicitHeight: tiles.count > 0 ? row.rows * Theme.touchHeight + (row.rows - 1) * Theme.gap : 0
    visible: tiles.count > 0

    Text {
        id: label
        anchors { left: parent.left; top: parent.top; topMargin: (Theme.touchHeight - label.height) / 2 }
        width: Theme.px(150)
        text: qsTr("常办\n事项")
        color: Theme.primaryDark
        font.pixelSize: Theme.largeSize
        font.bold: true
        lineHeight: Theme.lineSpacing
    }
    Grid {
        id: grid
        anchors { left: label.right; right: parent.right; top: parent.top; bottom: parent.bottom }
        columns: row.columns
        spacing: Theme.gap
        Repeater {
            id: tiles
            model: row.vm.common
            delegate: ServiceTile {
                required property string code
                required property string name
                required property string category
                objectName: "common_" + code
                width: (grid.width - (row.columns - 1) * Theme.gap) / row.columns
                height: Theme.touchHeight
                text: name
                nameLines: 2
                detail: category
                onClicked: row.vm.openEntry(code)
            }
        }
    }
}
