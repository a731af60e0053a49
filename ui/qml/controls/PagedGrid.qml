import QtQuick
import ".."

// Choices in whole pages: `columns` across, as many whole rows as fit, and two big buttons
// (上一页 / 下一页) with "第 1 / 3 页" between them when there is more than one page. No
// swiping and no half-visible rows: a list that has to be dragged hides everything below
// the fold from people who do not know to drag it.
//
//   PagedGrid {
//       model: vm.items            // a QAbstractListModel or a JS array
//       columns: 2
//       unit: qsTr("项")           // "共 12 项"
//       delegate: ChoiceTile { required property string name; text: name; ... }
//   }
// A delegate sizes itself from the grid: width: GridView.view.cellWidth - Theme.gap and
// height: GridView.view.cellHeight - Theme.gap leave the gap between targets.
Item {
    id: paged

    property alias model: grid.model
    property alias delegate: grid.delegate
    property alias count: grid.count
    property int columns: 2
    property int cellHeight: Theme.touchHeight + Theme.gap
    property string unit: qsTr("项")
    property alias page: grid.page
    readonly property alias pages: grid.pages
    readonly property alias perPage: grid.perPage
    readonly property alias view: grid

    Item {
        id: area
        anchors {
            left: parent.left; right: parent.right; top: parent.top
            bottom: pager.visible ? pager.top : parent.bottom
            bottomMargin: pager.visible ? Theme.px(4) : 0
        }
    }

    GridView {
        id: grid
        readonly property int rows: Math.max(1, Math.floor(area.height / cellHeight))
        readonly property int perPage: paged.columns * rows
        readonly property int pages: Math.max(1, Math.ceil(count / perPage))
        property int page: 0
        anchors { left: area.left; right: area.right; top: area.top }
        height: rows * cellHeight
        clip: true
        cellWidth: width / paged.columns
        cellHeight: paged.cellHeight
        interactive: false
        onCountChanged: page = 0
        onPageChanged: contentY = page * rows * cellHeight
    }

    Item {
        id: pager
        anchors { left: parent.left; right: parent.right; bottom: parent.bottom }
        height: Theme.px(96)
        visible: grid.pages > 1
        BigButton {
            objectName: "pagePrev"
            anchors { left: parent.left; top: parent.top; bottom: parent.bottom }
            width: Theme.px(360)
            text: qsTr("‹ 上一页")
            enabled: grid.page > 0
            onClicked: grid.page -= 1
        }
        Text {
            objectName: "pageCount"
            anchors.centerIn: parent
            text: qsTr("第 %1 / %2 页（共 %3 %4）").arg(grid.page + 1).arg(grid.pages)
                  .arg(grid.count).arg(paged.unit)
            color: Theme.inkSoft
            font.pixelSize: Theme.labelSize
        }
        BigButton {
            objectName: "pageNext"
            anchors { right: parent.right; top: parent.top; bottom: parent.bottom }
            width: Theme.px(360)
            text: qsTr("下一页 ›")
            kind: "primary"
            enabled: grid.page < grid.pages - 1
            onClicked: grid.page += 1
        }
    }
}
