import QtQuick
import ".."

// One choice in a PagedGrid: the choice's words on the left, a short hint on the right
// ("办理 ›"), the whole tile tappable. Its accessible name is its main text.
Rectangle {
    id: tile

    property string text: ""
    property string hint: ""
    property string detail: ""
    property bool selected: false
    signal clicked()

    function press(): void {
        if (tile.enabled && tile.visible)
            tile.clicked()
    }

    implicitHeight: Theme.touchHeight
    radius: Theme.radius
    color: area.pressed || selected ? Theme.infoSoft : Theme.surface
    border.color: Theme.primary
    border.width: selected ? 2 * Theme.border : Theme.border

    Accessible.role: Accessible.Button
    Accessible.name: tile.text
    Accessible.description: tile.detail
    Accessible.onPressAction: tile.press()

    Column {
        anchors {
            left: parent.left; right: hintText.left; verticalCenter: parent.verticalCenter
            leftMargin: Theme.spacing; rightMargin: Theme.px(12)
        }
        Text {
            width: parent.width
            text: tile.text
            color: Theme.ink
            font.pixelSize: Theme.textSize
            font.bold: true
            wrapMode: Text.WordWrap
            lineHeight: Theme.lineSpacing
            maximumLineCount: tile.detail === "" ? 2 : 1
            elide: Text.ElideRight
        }
        Text {
            width: parent.width
            visible: tile.detail !== ""
            text: tile.detail
            color: Theme.inkSoft
            font.pixelSize: Theme.smallSize
            elide: Text.ElideRight
        }
    }
    Text {
        id: hintText
        anchors { right: parent.right; rightMargin: Theme.spacing; verticalCenter: parent.verticalCenter }
        text: tile.hint
        color: Theme.primary
        font.pixelSize: Theme.textSize
        font.bold: true
    }
    MouseArea {
        id: area
        anchors.fill: parent
        onClicked: tile.clicked()
    }
}
