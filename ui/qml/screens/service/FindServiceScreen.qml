pragma ComponentBehavior: Bound
import QtQuick
import "../.."

// 我要办事: the search box, the 一件事 bundles first (one visit for several related items),
// then the departments with a picture each. Everything is one tap; the categories page in
// whole pages, never by swiping.
Item {
    id: screen
    objectName: "findServiceScreen"

    property QtObject session

    FindServiceViewModel { id: vm; session: screen.session }

    Heading {
        id: title
        anchors { left: parent.left; verticalCenter: searchBox.verticalCenter }
        text: qsTr("我要办事")
    }

    Rectangle {
        id: searchBox
        objectName: "searchBox"
        function press(): void { vm.openSearch() }
        anchors { left: title.right; leftMargin: Theme.margin; right: parent.right; top: parent.top }
        height: Theme.compactHeight
        radius: Theme.radius
        color: searchArea.pressed ? Theme.infoSoft : Theme.surface
        border.color: Theme.primary
        border.width: Theme.border
        Accessible.role: Accessible.Button
        Accessible.name: searchText.text
        Accessible.onPressAction: searchBox.press()
        Text {
            id: searchText
            anchors { left: parent.left; leftMargin: Theme.spacing; right: parent.right
                      rightMargin: Theme.spacing; verticalCenter: parent.verticalCenter }
            text: vm.searchHint !== "" ? vm.searchHint : qsTr("搜索事项：可输入汉字、拼音或首字母")
            color: Theme.inkSoft
            font.pixelSize: Theme.textSize
            elide: Text.ElideRight
        }
        MouseArea { id: searchArea; anchors.fill: parent; onClicked: searchBox.press() }
    }

    // 一件事 first ----------------------------------------------------------------------------
    Text {
        id: bundleLabel
        anchors { left: parent.left; verticalCenter: bundleRow.verticalCenter }
        width: Theme.px(150)
        visible: vm.bundles.count > 0
        text: qsTr("一件事\n一次办")
        color: Theme.primaryDark
        font.pixelSize: Theme.largeSize
        font.bold: true
        lineHeight: Theme.lineSpacing
    }
    Row {
        id: bundleRow
        objectName: "bundleRow"
        anchors { left: bundleLabel.right; right: parent.right; top: searchBox.bottom; topMargin: Theme.gap }
        height: vm.bundles.count > 0 ? Theme.touchHeight : 0
        spacing: Theme.gap
        Repeater {
            model: vm.bundles
            delegate: ServiceTile {
                required property string code
                required property string name
                required property string selfService
                objectName: "bundle_" + code
                width: (bundleRow.width - (vm.bundles.count - 1) * bundleRow.spacing) / Math.max(1, vm.bundles.count)
                height: bundleRow.height
                text: name
                nameLines: 2
                detail: selfService
                onClicked: vm.openEntry(code)
            }
        }
    }

    // Departments ---------------------------------------------------------------------------
    PagedGrid {
        id: categories
        objectName: "categoryGrid"
        anchors { left: parent.left; right: parent.right; top: bundleRow.bottom; topMargin: Theme.gap; bottom: parent.bottom }
        columns: 4
        unit: qsTr("类")
        // Rows once the grid has its real height: counted at height 0 it would settle on
        // one row and a pager it does not need.
        model: categories.height >= Theme.touchHeight ? vm.categories : null
        delegate: ServiceTile {
            required property string categoryId
            required property string name
            required icon
            required property int count
            objectName: "category_" + categoryId
            width: GridView.view.cellWidth - Theme.gap
            height: GridView.view.cellHeight - Theme.gap
            text: name
            detail: qsTr("%1项").arg(count)
            onClicked: vm.openCategory(categoryId)
        }
    }
}
