import QtQuick

// One tap on a tile picks that service and moves on: choosing several at once is a
// checkbox pattern older residents often miss, so each visit handles one item.
// More items than fit are paged with two big buttons, not by swiping: a list that has to
// be dragged hides everything below the fold from people who do not know to drag it.
Item {
    id: screen

    property QtObject vm

    KioskTheme { id: pal }

    Text {
        id: title
        anchors { left: parent.left; top: parent.top }
        text: "请点一下您要办理的事项"
        color: pal.ink
        font.pixelSize: pal.titleSize
        font.bold: true
    }

    Rectangle {
        id: applicant
        anchors { right: parent.right; verticalCenter: title.verticalCenter }
        width: who.implicitWidth + 48
        height: 64
        radius: pal.radius
        color: pal.infoSoft
        Text {
            id: who
            anchors.centerIn: parent
            text: "申请人 " + screen.vm.maskedName + "　" + screen.vm.maskedId
            color: pal.ink
            font.pixelSize: 28
            font.bold: true
        }
    }

    Item {
        id: area
        anchors {
            left: parent.left; right: parent.right; top: title.bottom; topMargin: 12
            bottom: pager.visible ? pager.top : parent.bottom
            bottomMargin: pager.visible ? 4 : 0
        }
    }

    GridView {
        id: grid
        // Whole rows only: a half-visible row reads as a broken screen.
        readonly property int rows: Math.max(1, Math.floor(area.height / cellHeight))
        anchors { left: area.left; right: area.right; top: area.top }
        height: rows * cellHeight
        clip: true
        cellWidth: width / 2
        cellHeight: 112
        interactive: false
        model: screen.vm.items
        readonly property int perPage: 2 * rows
        readonly property int pages: Math.max(1, Math.ceil(count / perPage))
        property int page: 0
        onCountChanged: page = 0
        onPageChanged: contentY = page * (perPage / 2) * cellHeight

        delegate: Item {
            id: cell
            required property var modelData
            width: grid.cellWidth
            height: grid.cellHeight

            Rectangle {
                anchors { fill: parent; rightMargin: 20; bottomMargin: 16 }
                radius: pal.radius
                color: tap.pressed ? pal.infoSoft : pal.surface
                border.color: pal.primary
                border.width: 3

                Text {
                    anchors { left: parent.left; right: arrowText.left; verticalCenter: parent.verticalCenter; leftMargin: 24; rightMargin: 12 }
                    text: cell.modelData.name
                    color: pal.ink
                    font.pixelSize: 30
                    font.bold: true
                    wrapMode: Text.WordWrap
                    maximumLineCount: 2
                    elide: Text.ElideRight
                    lineHeight: 0.95
                }
                Text {
                    id: arrowText
                    anchors { right: parent.right; rightMargin: 24; verticalCenter: parent.verticalCenter }
                    text: "办理 ›"
                    color: pal.primary
                    font.pixelSize: 30
                    font.bold: true
                }
                MouseArea {
                    id: tap
                    anchors.fill: parent
                    onClicked: screen.vm.choose([cell.modelData.code])
                }
            }
        }
    }

    Item {
        id: pager
        anchors { left: parent.left; right: parent.right; bottom: parent.bottom }
        height: 96
        visible: grid.pages > 1
        BigButton {
            anchors { left: parent.left; top: parent.top; bottom: parent.bottom }
            width: 360
            text: "‹ 上一页"
            enabled: grid.page > 0
            onClicked: grid.page -= 1
        }
        Text {
            anchors.centerIn: parent
            text: "第 " + (grid.page + 1) + " / " + grid.pages + " 页（共 " + grid.count + " 项）"
            color: pal.inkSoft
            font.pixelSize: 28
        }
        BigButton {
            anchors { right: parent.right; top: parent.top; bottom: parent.bottom }
            width: 360
            text: "下一页 ›"
            kind: "primary"
            enabled: grid.page < grid.pages - 1
            onClicked: grid.page += 1
        }
    }
}
