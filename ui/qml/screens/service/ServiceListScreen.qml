pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.Controls
import "../.."

// The items of one department (CATEGORY) or the search results (SEARCH). Search answers
// Chinese, full pinyin and initials: the box searches what is on screen while the Pinyin
// keyboard is still composing (displayText), so "ylbx" or "yanglao" find 养老保险 before a
// candidate is picked. Results page in whole pages; the keyboard never covers the box.
Item {
    id: screen
    objectName: vm.isSearch ? "searchScreen" : "categoryScreen"

    property QtObject session

    ServiceListViewModel { id: vm; session: screen.session }

    // Where the content must end: above the keyboard when it is open.
    readonly property real contentBottom: keyboard.active
        ? Math.min(height, screen.mapFromItem(keyboard.parent, 0, keyboard.y).y - Theme.gap)
        : height

    Row {
        id: heading
        visible: !vm.isSearch
        anchors { left: parent.left; top: parent.top }
        height: visible ? Theme.compactHeight : 0
        spacing: Theme.gap
        Image {
            anchors.verticalCenter: parent.verticalCenter
            visible: vm.icon !== ""
            width: Theme.px(64)
            height: width
            sourceSize { width: Theme.px(128); height: Theme.px(128) }
            source: vm.icon === "" ? "" : Qt.resolvedUrl("icons/" + vm.icon + ".svg")
            Accessible.ignored: true
        }
        Heading {
            anchors.verticalCenter: parent.verticalCenter
            text: vm.title
        }
    }
    BigButton {
        id: searchInstead
        objectName: "searchInstead"
        visible: !vm.isSearch
        anchors { right: parent.right; verticalCenter: heading.verticalCenter }
        implicitHeight: Theme.compactHeight
        text: qsTr("搜索事项")
        onClicked: vm.openSearch()
    }

    TextField {
        id: field
        objectName: "searchField"
        visible: vm.isSearch
        anchors { left: parent.left; right: clear.left; rightMargin: Theme.gap; top: parent.top }
        height: visible ? Theme.compactHeight : 0
        font.pixelSize: Theme.textSize
        color: Theme.ink
        placeholderText: qsTr("输入事项名称、拼音或首字母，例如：养老、yanglao、ylbx")
        placeholderTextColor: Theme.inkSoft
        inputMethodHints: Qt.ImhNoPredictiveText
        leftPadding: Theme.spacing
        background: Rectangle {
            radius: Theme.radius
            color: Theme.surface
            border.color: field.activeFocus ? Theme.primary : Theme.line
            border.width: field.activeFocus ? 2 * Theme.border : Theme.border
        }
        Accessible.name: qsTr("搜索事项")
        text: vm.query
        onDisplayTextChanged: vm.search(field.displayText)
        Component.onCompleted: if (vm.isSearch) field.forceActiveFocus()
    }
    BigButton {
        id: clear
        objectName: "searchClear"
        visible: vm.isSearch
        anchors { right: parent.right; verticalCenter: field.verticalCenter }
        width: visible ? Theme.px(160) : 0
        implicitHeight: Theme.compactHeight
        text: qsTr("清空")
        onClicked: { field.clear(); vm.search("") }
    }

    Text {
        id: hintText
        objectName: "searchNote"
        anchors { left: parent.left; right: parent.right; top: field.visible ? field.bottom : heading.bottom; topMargin: Theme.gap }
        visible: vm.isSearch && (vm.note !== "" || vm.query === "")
        text: vm.note !== "" ? vm.note : qsTr("输入后，下面会列出找到的事项，点一下查看办事指南。")
        color: vm.note !== "" ? Theme.warningInk : Theme.inkSoft
        font.pixelSize: Theme.textSize
        font.bold: vm.note !== ""
        wrapMode: Text.WordWrap
        lineHeight: Theme.lineSpacing
    }

    PagedGrid {
        id: results
        objectName: vm.isSearch ? "searchResults" : "categoryEntries"
        anchors {
            left: parent.left; right: parent.right
            top: hintText.visible ? hintText.bottom : (field.visible ? field.bottom : heading.bottom)
            topMargin: Theme.gap
        }
        height: Math.max(Theme.touchHeight + Theme.gap, screen.contentBottom - y)
        columns: 2
        unit: qsTr("项")
        model: vm.entries
        delegate: ServiceTile {
            required property string code
            required property string name
            required property string selfService
            required property string kind
            required property bool counterOnly
            objectName: "entry_" + code
            width: GridView.view.cellWidth - Theme.gap
            height: GridView.view.cellHeight - Theme.gap
            text: name
            detail: kind === "bundle" ? qsTr("一件事：") + selfService : selfService
            warn: counterOnly
            onClicked: vm.openEntry(code)
        }
    }

    KeyboardPanel {
        id: keyboard
        // Over the footer rather than the results: the results keep the room above it.
        parent: screen.Window.window ? screen.Window.window.contentItem : screen
    }
}
