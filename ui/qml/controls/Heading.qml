import QtQuick
import ".."

// A screen's heading: the question or the name of the page, in the largest body size.
Text {
    color: Theme.ink
    font.pixelSize: Theme.titleSize
    font.bold: true
    wrapMode: Text.WordWrap
    lineHeight: Theme.lineSpacing
    Accessible.role: Accessible.Heading
    Accessible.name: text
}
