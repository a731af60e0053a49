import QtQuick
import ".."

// 帮助: what this step is for and how to get on, in one or two sentences, over the page
// (which stays as it was underneath, hidden meanwhile); 读给我听 says it where the
// terminal can speak, 知道了 goes back to the page.
Rectangle {
    id: panel

    property string text: ""
    property Speaker speaker: null
    signal read()
    signal close()

    objectName: "helpPanel"
    color: Theme.background
    Accessible.role: Accessible.Dialog
    Accessible.name: qsTr("帮助")

    MouseArea { anchors.fill: parent }  // the page underneath takes no taps meanwhile
    readonly property var inputMethod: Qt.inputMethod  // var: qmllint's QObject has no hide()
    onVisibleChanged: if (visible) panel.inputMethod.hide()

    Column {
        anchors.centerIn: parent
        width: Math.min(parent.width - 2 * Theme.margin, Theme.px(1000))
        spacing: Theme.spacing

        Heading { width: parent.width; text: qsTr("帮助") }
        Text {
            objectName: "helpText"
            width: parent.width
            text: panel.text
            color: Theme.ink
            // 长辈模式: body size (already 40 px), so the text and the buttons fit the panel
            font.pixelSize: Theme.elder ? Theme.textSize : Theme.largeSize
            wrapMode: Text.WordWrap
            lineHeight: Theme.lineSpacing
        }
        Row {
            spacing: Theme.spacing
            BigButton {
                objectName: "helpRead"
                visible: panel.speaker !== null && panel.speaker.available
                implicitHeight: Theme.elder ? Theme.compactHeight : Theme.touchHeight
                text: qsTr("读给我听")
                onClicked: panel.read()
            }
            BigButton {
                objectName: "helpClose"
                kind: "primary"
                implicitHeight: Theme.elder ? Theme.compactHeight : Theme.touchHeight
                text: qsTr("知道了")
                onClicked: panel.close()
            }
        }
    }
}
