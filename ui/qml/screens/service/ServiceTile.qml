pragma ComponentBehavior: Bound
import QtQuick
import "../.."

// One service, category or 一件事 on the find-a-service pages: a picture, its name, a short
// second line, the whole tile one target. Its accessible name is the name it shows; the
// second line is the description, as ChoiceTile does.
Rectangle {
    id: tile

    property string text: ""
    property string detail: ""
    property string icon: ""        // an icon name (kiosk.catalog.categories), "" for none
    property string hint: "›"
    property bool warn: false       // counter-only: the second line is a warning
    property int nameLines: detail === "" ? 2 : 1
    signal clicked()

    function press(): void {
        if (tile.enabled && tile.visible)
            tile.clicked()
    }

    implicitHeight: Theme.touchHeight
    radius: Theme.radius
    color: area.pressed ? Theme.infoSoft : Theme.surface
    border.color: Theme.primary
    border.width: Theme.border

    Accessible.role: Accessible.Button
    Accessible.name: tile.text
    Accessible.description: tile.detail
    Accessible.onPressAction: tile.press()

    Image {
        id: picture
        visible: tile.icon !== ""
        anchors { left: parent.left; leftMargin: Theme.px(20); verticalCenter: parent.verticalCenter }
        width: visible ? Theme.px(64) : 0
        height: width
        sourceSize { width: Theme.px(128); height: Theme.px(128) }
        source: tile.icon === "" ? "" : Qt.resolvedUrl("icons/" + tile.icon + ".svg")
        Accessible.ignored: true
    }
    Column {
        anchors {
            left: picture.visible ? picture.right : parent.left
            leftMargin: picture.visible ? Theme.px(16) : Theme.spacing
            right: hintText.left; rightMargin: Theme.px(8)
            verticalCenter: parent.verticalCenter
        }
        spacing: Theme.px(2)
        Text {
            id: nameText
            width: parent.width
            text: tile.text
            color: Theme.ink
            font.pixelSize: Theme.textSize
            font.bold: true
            wrapMode: Text.WordWrap
            maximumLineCount: tile.nameLines
            elide: Text.ElideRight
            lineHeight: Theme.lineSpacing
        }
        Text {
            width: parent.width
            // A name that needs two lines takes the second line's room (the description
            // stays for screen readers).
            visible: tile.detail !== "" && nameText.lineCount < 2
            text: tile.detail
            color: tile.warn ? Theme.warningInk : Theme.inkSoft
            font.pixelSize: Theme.smallSize
            font.bold: tile.warn
            elide: Text.ElideRight
            lineHeight: Theme.lineSpacing
        }
    }
    Text {
        id: hintText
        anchors { right: parent.right; rightMargin: Theme.px(20); verticalCenter: parent.verticalCenter }
        text: tile.hint
        color: Theme.primary
        font.pixelSize: Theme.largeSize
        font.bold: true
        Accessible.ignored: true
    }
    MouseArea {
        id: area
        anchors.fill: parent
        onClicked: tile.clicked()
    }
}
