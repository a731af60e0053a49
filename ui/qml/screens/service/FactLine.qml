pragma ComponentBehavior: Bound
import QtQuick
import "../.."

// "办理时限：20个工作日" — a label and its value on one wrapped line pair.
Row {
    id: fact
    property string label: ""
    property string value: ""
    visible: value !== ""
    spacing: Theme.gap
    Text {
        id: labelText
        width: Theme.px(150)
        text: fact.label
        color: Theme.inkSoft
        font.pixelSize: Theme.textSize
        lineHeight: Theme.lineSpacing
    }
    Text {
        width: fact.width - labelText.width - fact.spacing
        text: fact.value
        color: Theme.ink
        font.pixelSize: Theme.textSize
        font.bold: true
        wrapMode: Text.WordWrap
        lineHeight: Theme.lineSpacing
    }
}
