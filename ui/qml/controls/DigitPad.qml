pragma ComponentBehavior: Bound
import QtQuick
import ".."

// A large digit pad for numbers, phone and ID numbers: a telephone layout of keys at least
// 80 px square, so an unsteady finger finds the digit it means. The key left of 0 is X for
// ID numbers (GB 11643 check character), a decimal point for amounts, blank otherwise.
// `target` is the form's DigitBox being typed into (it knows its own length limit).
Rectangle {
    id: pad

    property var target: null  // a form DigitBox: typeKey(c), backspace(), keypad
    signal done()

    readonly property string keypad: pad.target ? pad.target.keypad : "digits"
    readonly property string extraKey: keypad === "id" ? "X" : keypad === "decimal" ? "." : ""
    readonly property int keySize: Math.max(80, Theme.px(92))

    objectName: "digitPad"
    implicitWidth: grid.width + 2 * Theme.spacing
    implicitHeight: column.implicitHeight + 2 * Theme.spacing
    color: Theme.surfaceMuted
    radius: Theme.radius
    border.color: Theme.line
    border.width: 1

    Column {
        id: column
        anchors { top: parent.top; horizontalCenter: parent.horizontalCenter; margins: Theme.spacing }
        spacing: Theme.gap

        Grid {
            id: grid
            columns: 3
            spacing: Theme.gap
            Repeater {
                model: ["1", "2", "3", "4", "5", "6", "7", "8", "9", pad.extraKey, "0", "删除"]
                delegate: Rectangle {
                    id: key
                    required property string modelData
                    readonly property bool isDelete: key.modelData === "删除"
                    readonly property bool blank: key.modelData === ""

                    function press(): void {
                        if (!pad.target)
                            return
                        if (key.isDelete)
                            pad.target.backspace()
                        else
                            pad.target.typeKey(key.modelData)
                    }

                    objectName: key.blank ? "" : "digitKey_" + (key.modelData === "." ? "point" : key.modelData)
                    width: pad.keySize
                    height: pad.keySize
                    radius: Theme.radius
                    // A blank slot keeps 0 in the middle column (a Grid skips invisible items).
                    opacity: key.blank ? 0 : 1
                    enabled: !key.blank
                    color: keyArea.pressed ? Theme.infoSoft : Theme.surface
                    border.color: Theme.line
                    border.width: Theme.border
                    Accessible.role: key.blank ? Accessible.NoRole : Accessible.Button
                    Accessible.ignored: key.blank
                    Accessible.name: key.isDelete ? qsTr("删除") : key.modelData
                    Accessible.onPressAction: key.press()
                    Text {
                        anchors.centerIn: parent
                        text: key.isDelete ? qsTr("删除") : key.modelData
                        color: Theme.ink
                        font.pixelSize: key.isDelete ? Theme.textSize : Theme.px(44)
                        font.bold: true
                    }
                    MouseArea {
                        id: keyArea
                        anchors.fill: parent
                        enabled: !key.blank
                        onClicked: key.press()
                    }
                }
            }
        }

        BigButton {
            objectName: "digitPadDone"
            width: grid.width
            implicitHeight: Theme.compactHeight
            text: qsTr("完成")
            kind: "primary"
            onClicked: pad.done()
        }
    }
}
