import QtQuick
import ".."

// 返回: one step back, always at the same place (bottom left of the content) on every
// question page, as the GOV.UK pattern puts its back link.
BigButton {
    objectName: "backButton"
    width: Theme.elder ? Theme.px(190) : Theme.px(240)  // 长辈模式: four fit the footer
    text: qsTr("返回")
}
