pragma ComponentBehavior: Bound
import QtQuick
import "../.."

// A short list of sentences, each with a dot: conditions, reminders, items of a bundle.
Column {
    id: list
    property var lines: []
    property bool soft: false
    spacing: Theme.px(4)
    visible: lines.length > 0
    Repeater {
        model: list.lines
        delegate: Text {
            required property string modelData
            width: list.width
            text: "· " + modelData
            color: list.soft ? Theme.inkSoft : Theme.ink
            font.pixelSize: Theme.textSize
            wrapMode: Text.WordWrap
            lineHeight: Theme.lineSpacing
        }
    }
}
