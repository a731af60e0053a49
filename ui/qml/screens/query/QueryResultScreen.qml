pragma ComponentBehavior: Bound
import QtQuick
import "../.."

// 办件查询: the card holder's cases on this terminal, newest first. The case number is
// the largest text because it is what the resident is asked for on the phone or at the
// counter. Paged with two buttons like the item list, never by swiping.
Item {
    id: screen

    property QueryViewModel vm

    Heading {
        id: title
        anchors { left: parent.left; top: parent.top }
        text: qsTr("我的办件")
    }

    InfoTag {
        id: offline
        objectName: "queryNote"
        anchors { left: title.right; leftMargin: Theme.spacing; verticalCenter: title.verticalCenter }
        visible: screen.vm.note !== "" && list.count > 0
        kind: "warning"
        text: screen.vm.note
    }

    BigButton {
        objectName: "queryByNumber"
        anchors { right: parent.right; verticalCenter: title.verticalCenter }
        width: Theme.px(280)
        height: Theme.px(72)
        fontSize: Theme.labelSize
        text: qsTr("按编号查询")
        onClicked: screen.vm.openNumber()
    }

    Column {
        anchors.centerIn: area
        visible: list.count === 0
        spacing: Theme.px(20)
        Text {
            objectName: "queryEmpty"
            anchors.horizontalCenter: parent.horizontalCenter
            width: Math.min(implicitWidth, area.width)
            text: screen.vm.note
            color: Theme.ink
            font.pixelSize: Theme.px(44)
            font.bold: true
            wrapMode: Text.WordWrap
            lineHeight: Theme.lineSpacing
            horizontalAlignment: Text.AlignHCenter
        }
        Text {
            anchors.horizontalCenter: parent.horizontalCenter
            text: qsTr("在这台机器上办理的事项会显示在这里")
            color: Theme.inkSoft
            font.pixelSize: Theme.textSize
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
            required property string bundleNo
            required property bool needsCorrection
            required property bool canReprint
            required property bool canRate
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
                        Text { text: qsTr("办件编号"); color: Theme.inkSoft; font.pixelSize: Theme.smallSize; anchors.baseline: number.baseline }
                        Text {
                            id: number
                            objectName: "caseNo" + row.index
                            text: row.caseNo
                            color: Theme.ink
                            font.pixelSize: Theme.largeSize
                            font.bold: true
                        }
                    }
                    Text {
                        width: parent.width
                        text: row.items + "　·　" + row.date
                        color: Theme.ink
                        font.pixelSize: Theme.labelSize
                        elide: Text.ElideRight
                    }
                    Text {
                        width: parent.width
                        visible: text !== ""
                        text: row.detail
                        color: Theme.inkSoft
                        font.pixelSize: Theme.smallSize
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
                        width: Theme.px(220)
                        horizontalAlignment: Text.AlignRight
                        text: row.status
                        color: Theme.primary
                        font.pixelSize: Theme.textSize
                        font.bold: true
                        wrapMode: Text.WordWrap
                        lineHeight: Theme.lineSpacing
                        maximumLineCount: 2
                        elide: Text.ElideRight
                    }
                    BigButton {
                        objectName: "reprint" + row.index
                        anchors.verticalCenter: parent.verticalCenter
                        visible: row.canReprint
                        width: Theme.px(170)
                        height: Theme.px(100)
                        fontSize: Theme.px(30)
                        text: qsTr("补打回执")
                        onClicked: screen.vm.reprint(row.index)
                    }
                    BigButton {
                        objectName: row.needsCorrection ? "correction" + row.index : "rateCase" + row.index
                        anchors.verticalCenter: parent.verticalCenter
                        visible: row.needsCorrection || row.canRate
                        width: Theme.px(170)
                        height: Theme.px(100)
                        fontSize: Theme.px(30)
                        kind: row.needsCorrection ? "primary" : "secondary"
                        text: row.needsCorrection ? qsTr("看补正") : qsTr("评价")
                        onClicked: row.needsCorrection ? screen.vm.openCorrection(row.index)
                                                       : screen.vm.rate(row.index)
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
            text: qsTr("‹ 上一页")
            enabled: list.page > 0
            onClicked: list.page -= 1
        }
        Text {
            anchors.centerIn: parent
            text: qsTr("第 %1 / %2 页（共 %3 件）").arg(list.page + 1).arg(list.pages).arg(list.count)
            color: Theme.inkSoft
            font.pixelSize: Theme.labelSize
        }
        BigButton {
            objectName: "queryNext"
            anchors { right: parent.right; top: parent.top; bottom: parent.bottom }
            width: 360
            text: qsTr("下一页 ›")
            kind: "primary"
            enabled: list.page < list.pages - 1
            onClicked: list.page += 1
        }
    }
}
