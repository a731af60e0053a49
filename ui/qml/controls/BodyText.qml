import QtQuick
import ".."

// Running text: body size, 1.3 line spacing, wraps at words. `soft` for secondary lines.
Text {
    property bool soft: false
    color: soft ? Theme.inkSoft : Theme.ink
    font.pixelSize: Theme.textSize
    wrapMode: Text.WordWrap
    lineHeight: Theme.lineSpacing
    Accessible.role: Accessible.StaticText
    Accessible.name: text
}
