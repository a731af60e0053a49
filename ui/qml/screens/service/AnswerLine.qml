pragma ComponentBehavior: Bound
import QtQuick
import "../.."

// One answer on 核对信息: what was asked, what was answered (masked when it came from the
// card), where it came from, and 修改 beside it (GOV.UK check answers).
Rectangle {
    id: line

    property string key: ""
    property string label: ""
    property string value: ""
    property string source: ""
    property bool changeable: true
    signal change(string key)

    implicitHeight: Math.max(texts.implicitHeight, changeButton.visible ? changeButton.height : 0) + 2 * Theme.px(12)
    color: Theme.surface
    radius: Theme.px(8)
    border.color: Theme.lineSoft
    border.width: 1

    Column {
        id: texts
        anchors { left: parent.left; leftMargin: Theme.px(16); right: changeButton.left; rightMargin: Theme.gap
                  verticalCenter: parent.verticalCenter }
        Text {
            width: parent.width
            text: line.label
            color: Theme.inkSoft
            font.pixelSize: Theme.smallSize
            wrapMode: Text.WordWrap
            lineHeight: Theme.lineSpacing
        }
        Text {
            width: parent.width
            text: line.value === "" ? qsTr("（未填写）") : line.value
            color: Theme.ink
            font.pixelSize: Theme.textSize
            font.bold: true
            wrapMode: Text.WrapAnywhere
            lineHeight: Theme.lineSpacing
        }
        Text {
            width: parent.width
            visible: line.source !== ""
            text: line.source
            color: Theme.success
            font.pixelSize: Theme.smallSize
            lineHeight: Theme.lineSpacing
        }
    }
    BigButton {
        id: changeButton
        objectName: "change_" + line.key
        visible: line.changeable
        anchors { right: parent.right; rightMargin: Theme.px(12); verticalCenter: parent.verticalCenter }
        width: Theme.px(140)
        implicitHeight: Theme.px(72)
        fontSize: Theme.textSize
        text: qsTr("修改")
        Accessible.description: line.label
        onClicked: line.change(line.key)
    }
}
