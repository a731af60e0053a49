pragma ComponentBehavior: Bound
import QtQuick
import "../.."

// One material as a resident reads it: the name and whether it is needed, how many
// originals and copies, how it can be handed in, and whether the terminal already has it
// (then there is nothing to bring). Not actionable: plain text for screen readers.
Rectangle {
    id: card

    property string name: ""
    property string necessity: ""
    property string count: ""
    property string how: ""
    property bool alreadyHave: false
    property string deferral: ""
    property string note: ""
    property string forItems: ""

    implicitHeight: body.implicitHeight + 2 * Theme.px(16)
    radius: Theme.radius
    color: Theme.surface
    border.color: Theme.lineSoft
    border.width: 2

    Column {
        id: body
        anchors { left: parent.left; right: parent.right; top: parent.top; margins: Theme.px(16) }
        spacing: Theme.px(4)
        Row {
            width: parent.width
            spacing: Theme.gap
            Text {
                id: nameText
                width: parent.width - tag.width - Theme.gap
                text: card.name
                color: Theme.ink
                font.pixelSize: Theme.textSize
                font.bold: true
                wrapMode: Text.WordWrap
                lineHeight: Theme.lineSpacing
            }
            Rectangle {
                id: tag
                width: tagText.implicitWidth + Theme.px(24)
                height: tagText.implicitHeight + Theme.px(8)
                radius: Theme.px(8)
                color: card.alreadyHave ? Theme.successSoft
                       : card.necessity === "必须提供" ? Theme.infoSoft
                       : card.necessity === "视情形提供" ? Theme.warningSoft : Theme.surfaceMuted
                Text {
                    id: tagText
                    anchors.centerIn: parent
                    text: card.alreadyHave ? qsTr("本机已有，不用带")
                          : card.necessity === "必须提供" ? qsTr("必须提供")
                          : card.necessity === "可选提供" ? qsTr("可选提供")
                          : card.necessity === "视情形提供" ? qsTr("视情形提供") : card.necessity
                    color: card.alreadyHave ? Theme.success
                           : card.necessity === "视情形提供" ? Theme.warningInk : Theme.ink
                    font.pixelSize: Theme.smallSize
                    font.bold: true
                }
            }
        }
        Text {
            width: parent.width
            visible: text !== ""
            text: [card.count, card.how].filter(function (s) { return s !== "" }).join("；")
            color: Theme.inkSoft
            font.pixelSize: Theme.smallSize
            wrapMode: Text.WordWrap
            lineHeight: Theme.lineSpacing
        }
        Text {
            width: parent.width
            visible: text !== ""
            text: card.deferral
            color: Theme.success
            font.pixelSize: Theme.smallSize
            wrapMode: Text.WordWrap
            lineHeight: Theme.lineSpacing
        }
        Text {
            width: parent.width
            visible: text !== ""
            text: card.note === "" ? "" : qsTr("说明：") + card.note
            color: Theme.inkSoft
            font.pixelSize: Theme.smallSize
            wrapMode: Text.WordWrap
            lineHeight: Theme.lineSpacing
        }
        Text {
            width: parent.width
            visible: text !== ""
            text: card.forItems === "" ? "" : qsTr("用于：") + card.forItems
            color: Theme.inkSoft
            font.pixelSize: Theme.smallSize
            wrapMode: Text.WordWrap
            lineHeight: Theme.lineSpacing
        }
    }
}
