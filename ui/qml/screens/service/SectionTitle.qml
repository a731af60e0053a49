pragma ComponentBehavior: Bound
import QtQuick
import "../.."

// A section's title inside a long page (办理条件, 需要的材料 …).
Text {
    color: Theme.primaryDark
    font.pixelSize: Theme.largeSize
    font.bold: true
    wrapMode: Text.WordWrap
    lineHeight: Theme.lineSpacing
    topPadding: Theme.px(8)
    Accessible.role: Accessible.Heading
    Accessible.name: text
}
