pragma ComponentBehavior: Bound
import QtQuick
import "../.."

// 我要办事: the search box, 常办事项 and the 一件事 bundles (one visit for several related
// items) first, then the departments with a picture each. Everything is one tap; the page
// scrolls vertically (with 上一屏/下一屏), never sideways.
Item {
    id: screen
    objectName: "findServiceScreen"

    property QtObject session

    FindServiceViewModel { id: find; session: screen.session }

    Heading {
        id: title
        anchors { left: parent.left; verticalCenter: searchBox.verticalCenter }
        text: qsTr("我要办事")
    }

    Rectangle {
        id: searchBox
        objectName: "searchBox"
        function press(): void { find.openSearch() }
        anchors { left: title.right; leftMargin: Theme.margin; right: parent.right; top: parent.top }
        height: Theme.elder ? Theme.minTarget : Theme.compactHeight  // 长辈模式: room below
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
            text: find.searchHint !== "" ? find.searchHint : qsTr("搜索事项：可输入汉字、拼音或首字母")
            color: Theme.inkSoft
            font.pixelSize: Theme.textSize
            elide: Text.ElideRight
        }
        MouseArea { id: searchArea; anchors.fill: parent; onClicked: searchBox.press() }
    }

    // Below the title and search box, one page that scrolls vertically when it is longer
    // than the screen (长辈模式's larger tiles; 上一屏/下一屏 for those who do not drag):
    // 常办事项 first (what most residents come for, one touch), the 一件事 bundles, then
    // every department at once (no inner pager: one way to see more, not two).
    ScrollPage {
        id: scroll
        anchors { left: parent.left; right: parent.right; top: searchBox.bottom; topMargin: Theme.gap; bottom: parent.bottom }
        spacing: Theme.gap

        CommonEntries { vm: find; width: scroll.flickable.width; height: implicitHeight }

        Item {
            width: scroll.flickable.width
            height: find.bundles.count > 0 ? Theme.touchHeight : 0
            visible: find.bundles.count > 0
            Text {
                id: bundleLabel
                anchors { left: parent.left; verticalCenter: parent.verticalCenter }
                width: Theme.px(150)
                text: qsTr("一件事\n一次办")
                color: Theme.primaryDark
                font.pixelSize: Theme.largeSize
                font.bold: true
                lineHeight: Theme.lineSpacing
            }
            Row {
                id: bundleRow
                objectName: "bundleRow"
                anchors { left: bundleLabel.right; right: parent.right; top: parent.top; bottom: parent.bottom }
                spacing: Theme.gap
                Repeater {
                    model: find.bundles
                    delegate: ServiceTile {
                        required property string code
                        required property string name
                        required property string selfService
                        objectName: "bundle_" + code
                        width: (bundleRow.width - (find.bundles.count - 1) * bundleRow.spacing) / Math.max(1, find.bundles.count)
                        height: bundleRow.height
                        text: name
                        nameLines: 2
                        detail: selfService
                        onClicked: find.openEntry(code)
                    }
                }
            }
        }

        // Departments: tall enough for all of them, so the grid never pages by itself.
        PagedGrid {
            id: categories
            objectName: "categoryGrid"
            width: scroll.flickable.width
            height: Math.max(1, Math.ceil(find.categories.count / categories.columns)) * categories.cellHeight
            columns: 4
            unit: qsTr("类")
            model: find.categories
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
                onClicked: find.openCategory(categoryId)
            }
        }
    }
}
