pragma ComponentBehavior: Bound
import QtQuick
import "../.."

// 办件查询: the card holder's cases on this terminal, newest first. The case number is
// the largest text because it is what the resident is asked for on the phone or at the
// counter. Paged with two buttons like the item list, never by swiping.
Item {
    id: screen

    property QueryViewModel vm

    Text {
        id: title
        anchors { left: parent.left; top: parent.top }
        text: "我的办件"
        color: Theme.ink
        font.pixelSize: Theme.titleSize
        font.bold: true
    }

    Rectangle {
        id: offline
        objectName: "queryNote"
        anchors { left: title.right; leftMargin: 24; verticalCenter: title.verticalCenter }
        visible: screen.vm.note !== ""
        width: noteText.implicitWidth + 40
        height: 64
        radius: Theme.radius
        color: "#FFF4D6"
        border.color: "#8A5A00"
        border.width: 2
        Text {
            id: noteText
            anchors.centerIn: parent
            text: screen.vm.note
            color: "#4A3000"
            font.pixelSize: 28
            font.bold: true
        }
    }

    Rectangle {
        id: applicant
        anchors { right: parent.right; verticalCenter: title.verticalCenter }
        width: who.implicitWidth + 48
        height: 64
        radius: Theme.radius
        color: Theme.infoSoft
        Text {
            id: who
            anchors.centerIn: parent
            text: screen.vm.maskedName + "　" + screen.vm.maskedId
            color: Theme.ink
            font.pixelSize: 28
            font.bold: true
        }
    }

    Column {
        anchors.centerIn: area
        visible: list.count === 0
        spacing: 20
        Text {
            objectName: "queryEmpty"
            anchors.horizontalCenter: parent.horizontalCenter
            text: screen.vm.message
            color: Theme.ink
            font.pixelSize: 52
            font.bold: true
        }
        Text {
            anchors.horizontalCenter: parent.horizontalCenter
            text: "在这台机器上办理的事项会显示在这里"
            color: Theme.inkSoft
            font.pixelSize: 30
        }
    }

    Item {
        id: area
        anchors {
            left: parent.left; right: parent.right; top: title.bottom; topMargin: 16
            bottom: pager.visible ? pager.top : parent.bottom
            bottomMargin: pager.visible ? 8 : 0
        }
    }

    ListView {
        id: list
        objectName: "queryList"
        readonly property int rowHeight: 156
        // Whole rows only: a half-visible row reads as a broken screen.
        readonly property int perPage: Math.max(1, Math.floor(area.height / rowHeight))
        readonly property int pages: Math.max(1, Math.ceil(count / perPage))
        property int page: 0
        anchors { left: area.left; right: area.right; top: area.top }
        height: perPage * rowHeight
        clip: true
        interactive: false
        model: screen.vm.records
        onCountChanged: page = 0
        onPageChanged: contentY = page * perPage * rowHeight

        delegate: Item {
            id: row
            required property string caseNo
            required property string items
            required property string status
            required property string detail
            required property string date
            required property int index
            width: list.width
            height: list.rowHeight

            Rectangle {
                anchors { fill: parent; bottomMargin: 14 }
                radius: Theme.radius
                color: Theme.surface
                border.color: Theme.line
                border.width: 2

                Column {
                    anchors { left: parent.left; leftMargin: 24; right: side.left; rightMargin: 16; verticalCenter: parent.verticalCenter }
                    spacing: 4
                    Row {
                        spacing: 12
                        Text { text: "办件编号"; color: Theme.inkSoft; font.pixelSize: 26; anchors.baseline: number.baseline }
                        Text {
                            id: number
                            objectName: "caseNo" + row.index
                            text: row.caseNo
                            color: Theme.ink
                            font.pixelSize: 38
                            font.bold: true
                        }
                    }
                    Text {
                        width: parent.width
                        text: row.items + "　·　" + row.date
                        color: Theme.ink
                        font.pixelSize: 28
                        elide: Text.ElideRight
                    }
                    Text {
                        width: parent.width
                        visible: text !== ""
                        text: row.detail
                        color: Theme.inkSoft
                        font.pixelSize: 24
                        elide: Text.ElideRight
                    }
                }

                Row {
                    id: side
                    anchors { right: parent.right; rightMargin: 16; verticalCenter: parent.verticalCenter }
                    spacing: 20
                    Text {
                        objectName: "caseStatus" + row.index
                        anchors.verticalCenter: parent.verticalCenter
                        width: 300
                        horizontalAlignment: Text.AlignRight
                        text: row.status
                        color: Theme.primary
                        font.pixelSize: 32
                        font.bold: true
                        wrapMode: Text.WordWrap
                        maximumLineCount: 2
                        elide: Text.ElideRight
                    }
                    BigButton {
                        objectName: "rateCase" + row.index
                        anchors.verticalCenter: parent.verticalCenter
                        width: 170
                        height: 100
                        text: "评价"
                        onClicked: screen.vm.rate(row.index)
                    }
                }
            }
        }
    }

    Item {
        id: pager
        anchors { left: parent.left; right: parent.right; bottom: parent.bottom }
        height: 96
        visible: list.pages > 1
        BigButton {
            objectName: "queryPrev"
            anchors { left: parent.left; top: parent.top; bottom: parent.bottom }
            width: 360
            text: "‹ 上一页"
            enabled: list.page > 0
            onClicked: list.page -= 1
        }
        Text {
            anchors.centerIn: parent
            text: "第 " + (list.page + 1) + " / " + list.pages + " 页（共 " + list.count + " 件）"
            color: Theme.inkSoft
            font.pixelSize: 28
        }
        BigButton {
            objectName: "queryNext"
            anchors { right: parent.right; top: parent.top; bottom: parent.bottom }
            width: 360
            text: "下一页 ›"
            kind: "primary"
            enabled: list.page < list.pages - 1
            onClicked: list.page += 1
        }
    }
}
