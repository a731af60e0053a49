import QtQuick

// One tap on a tile picks that service and moves on: choosing several at once is a
// checkbox pattern older residents often miss, so each visit handles one item.
Item {
    id: screen

    property QtObject vm

    KioskTheme { id: pal }

    Rectangle {
        id: applicant
        anchors { left: parent.left; right: parent.right; top: parent.top }
        height: 80
        radius: pal.radius
        color: pal.infoSoft
        Row {
            anchors { left: parent.left; leftMargin: 28; verticalCenter: parent.verticalCenter }
            spacing: 48
            Text {
                text: "申请人：" + screen.vm.maskedName
                color: pal.ink
                font.pixelSize: 32
                font.bold: true
            }
            Text {
                text: "身份证：" + screen.vm.maskedId
                color: pal.ink
                font.pixelSize: 32
            }
        }
    }

    Text {
        id: title
        anchors { left: parent.left; right: parent.right; top: applicant.bottom; topMargin: 24 }
        text: "请点一下您要办理的事项"
        color: pal.ink
        font.pixelSize: pal.titleSize
        font.bold: true
    }

    GridView {
        id: grid
        anchors { left: parent.left; right: parent.right; top: title.bottom; topMargin: 20; bottom: parent.bottom }
        clip: true
        cellWidth: width / 2
        cellHeight: 172
        boundsBehavior: Flickable.StopAtBounds
        model: screen.vm.items

        delegate: Item {
            id: cell
            required property var modelData
            width: grid.cellWidth
            height: grid.cellHeight

            Rectangle {
                anchors { fill: parent; rightMargin: 24; bottomMargin: 24 }
                radius: pal.radius
                color: tap.pressed ? pal.infoSoft : pal.surface
                border.color: pal.primary
                border.width: 3

                Text {
                    anchors { left: parent.left; right: arrowText.left; verticalCenter: parent.verticalCenter; leftMargin: 28; rightMargin: 12 }
                    text: cell.modelData.name
                    color: pal.ink
                    font.pixelSize: 34
                    font.bold: true
                    wrapMode: Text.WordWrap
                    maximumLineCount: 2
                    elide: Text.ElideRight
                }
                Text {
                    id: arrowText
                    anchors { right: parent.right; rightMargin: 28; verticalCenter: parent.verticalCenter }
                    text: "办理 ›"
                    color: pal.primary
                    font.pixelSize: 32
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
}
