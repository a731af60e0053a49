import QtQuick
import ".."

// A short fact in a tinted box beside a heading (申请人 张**, 办件编号 …, 离线提示).
// `kind`: "info" (blue), "warning" (amber).
Rectangle {
    id: tag
    property string text: ""
    property string kind: "info"
    implicitWidth: tagText.implicitWidth + Theme.px(48)
    implicitHeight: Theme.px(64)
    radius: Theme.radius
    color: kind === "warning" ? Theme.warningSoft : Theme.infoSoft
    border.color: kind === "warning" ? Theme.warning : "transparent"
    border.width: kind === "warning" ? 2 : 0
    Accessible.role: Accessible.StaticText
    Accessible.name: tag.text
    Text {
        id: tagText
        anchors.centerIn: parent
        text: tag.text
        color: tag.kind === "warning" ? Theme.warningInk : Theme.ink
        font.pixelSize: Theme.labelSize
        font.bold: true
    }
}
