pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.Controls
import "../.."

// A page taller than the screen: vertical scrolling only (no sideways swipe, no fling past
// the ends), a wide scroll bar that shows there is more, and 上一屏 / 下一屏 buttons for
// residents who do not know to drag. Children go into `content` (a Column).
Item {
    id: page

    default property alias content: column.data
    property alias spacing: column.spacing
    // Against the page less the pager's room, so the pager's own height is no loop.
    readonly property int pagerHeight: Theme.px(72) + Theme.gap
    readonly property bool scrollable: column.implicitHeight > page.height - page.pagerHeight + 1
    readonly property alias flickable: flick

    function pageDown(): void {
        flick.contentY = Math.min(flick.contentHeight - flick.height,
                                  flick.contentY + flick.height * 0.8)
    }
    function pageUp(): void {
        flick.contentY = Math.max(0, flick.contentY - flick.height * 0.8)
    }

    Flickable {
        id: flick
        objectName: "scrollArea"
        anchors { left: parent.left; right: bar.left; rightMargin: Theme.px(8); top: parent.top; bottom: pager.top }
        contentWidth: width
        contentHeight: column.implicitHeight
        flickableDirection: Flickable.VerticalFlick
        boundsBehavior: Flickable.StopAtBounds
        clip: true
        Column {
            id: column
            width: flick.width
            spacing: Theme.spacing
        }
    }
    Rectangle {
        id: bar
        anchors { right: parent.right; top: flick.top; bottom: flick.bottom }
        width: page.scrollable ? Theme.px(12) : 0
        radius: width / 2
        color: Theme.surfaceMuted
        Rectangle {
            width: parent.width
            radius: width / 2
            color: Theme.line
            y: flick.visibleArea.yPosition * bar.height
            height: Math.max(Theme.px(40), flick.visibleArea.heightRatio * bar.height)
        }
        Accessible.ignored: true
    }
    Row {
        id: pager
        anchors { left: parent.left; right: parent.right; bottom: parent.bottom }
        height: page.scrollable ? page.pagerHeight : 0
        visible: page.scrollable
        spacing: Theme.gap
        topPadding: Theme.gap
        BigButton {
            objectName: "scrollUp"
            width: (pager.width - pager.spacing) / 2
            height: Theme.px(72)
            implicitHeight: Theme.px(72)
            fontSize: Theme.textSize
            text: qsTr("▲ 上一屏")
            enabled: flick.contentY > 0
            onClicked: page.pageUp()
        }
        BigButton {
            objectName: "scrollDown"
            width: (pager.width - pager.spacing) / 2
            height: Theme.px(72)
            implicitHeight: Theme.px(72)
            fontSize: Theme.textSize
            text: qsTr("▼ 下一屏")
            enabled: flick.contentY < flick.contentHeight - flick.height - 1
            onClicked: page.pageDown()
        }
    }
}
