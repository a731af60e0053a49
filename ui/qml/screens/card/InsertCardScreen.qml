import QtQuick
import QtQuick.Shapes
import "../.."

// Tells the resident to put the ID card on the reader, with a drawing of where it goes:
// many older residents have never used a reader and look for the place, not the words.
Item {
    id: screen

    property CardViewModel vm

    // Illustration: the card hovering above the reader, an arrow pointing down.
    Item {
        id: picture
        anchors { left: parent.left; top: parent.top; bottom: parent.bottom }
        width: 480

        Rectangle {
            id: reader
            anchors { horizontalCenter: parent.horizontalCenter; bottom: parent.bottom; bottomMargin: 24 }
            width: 420; height: 150; radius: 24
            color: "#2B3340"
            Rectangle {
                anchors.centerIn: parent
                width: 330; height: 84; radius: 12
                color: "#4A5668"
                border.color: "#7FB2FF"
                border.width: 4
                Text {
                    anchors.centerIn: parent
                    text: qsTr("读卡区")
                    color: Theme.onDark
                    font.pixelSize: 32
                    font.bold: true
                }
            }
        }

        Shape {
            id: arrow
            anchors { horizontalCenter: parent.horizontalCenter; bottom: reader.top; bottomMargin: 12 }
            width: 80; height: 70
            ShapePath {
                fillColor: Theme.primary
                strokeColor: "transparent"
                startX: 24; startY: 0
                PathLine { x: 56; y: 0 }
                PathLine { x: 56; y: 34 }
                PathLine { x: 80; y: 34 }
                PathLine { x: 40; y: 70 }
                PathLine { x: 0; y: 34 }
                PathLine { x: 24; y: 34 }
                PathLine { x: 24; y: 0 }
            }
        }

        Rectangle {
            id: idCard
            anchors.horizontalCenter: parent.horizontalCenter
            y: 8
            width: 330; height: 208; radius: 16
            color: "#DCEBFA"
            border.color: "#6E8FB8"
            border.width: 3

            Column {
                anchors { left: parent.left; top: parent.top; margins: 26 }
                spacing: 18
                Repeater {
                    model: [170, 140, 170, 110]
                    Rectangle {
                        required property int modelData
                        width: modelData; height: 14; radius: 7
                        color: "#8FA9C9"
                    }
                }
            }
            Rectangle {  // the photo
                anchors { right: parent.right; top: parent.top; margins: 24 }
                width: 84; height: 104; radius: 6
                color: "#B7CCE6"
                Rectangle {
                    anchors { horizontalCenter: parent.horizontalCenter; top: parent.top; topMargin: 16 }
                    width: 38; height: 38; radius: 19
                    color: "#6E8FB8"
                }
                Rectangle {
                    anchors { horizontalCenter: parent.horizontalCenter; bottom: parent.bottom }
                    width: 64; height: 34; radius: 17
                    color: "#6E8FB8"
                }
            }
            SequentialAnimation on y {
                running: screen.visible
                loops: Animation.Infinite
                NumberAnimation { from: 8; to: 40; duration: 900; easing.type: Easing.InOutQuad }
                NumberAnimation { from: 40; to: 8; duration: 900; easing.type: Easing.InOutQuad }
            }
        }
    }

    // Top-anchored, so a problem banner below the prompt pushes nothing off the screen.
    Column {
        anchors { left: picture.right; leftMargin: 48; right: parent.right; top: parent.top; topMargin: Theme.gap }
        spacing: Theme.spacing

        Text {
            objectName: "cardPrompt"
            width: parent.width
            text: screen.vm.prompt
            color: Theme.ink
            font.pixelSize: Theme.titleSize
            font.bold: true
            wrapMode: Text.WordWrap
            lineHeight: Theme.lineSpacing
        }
        Text {
            width: parent.width
            visible: !screen.vm.problem  // the banner then says what to do instead
            text: qsTr("照片一面朝上，平放不动，\n读好后会自动进入下一步。")
            color: Theme.inkSoft
            font.pixelSize: Theme.px(32)
            lineHeight: Theme.lineSpacing
            wrapMode: Text.WordWrap
        }
        ProblemBanner {
            objectName: "cardProblem"
            width: parent.width
            visible: screen.vm.problem
            title: screen.vm.problemTitle
            message: screen.vm.problemWords
            nextStep: screen.vm.problemNextStep
        }
    }
}
