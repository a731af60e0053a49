pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.Shapes
import "../.."

// 怎么用 (教办): one page of the walkthrough — a drawing of the device (the card reader, the
// big buttons, the document camera, the signature box, the keyboard, the printer slot), a
// short title, one or two plain sentences, and big 上一步 / 下一步 (我知道了 on the last page).
// The drawings are Rectangles and Shapes in units of their box (`u`), so they scale with
// 长辈模式 and need no image files; they carry no words, so a resident who reads little
// still sees where the card goes and where the receipt comes out.
Item {
    id: screen

    property TeachViewModel vm

    readonly property bool first: screen.vm.first
    readonly property bool last: screen.vm.last

    // Pages go by these buttons only (no swipe).
    Item {
        id: buttons
        anchors { left: parent.left; right: parent.right; bottom: parent.bottom }
        height: Theme.compactHeight
        // three buttons on the last page share the row, however long their words
        readonly property real most: (width - 2 * Theme.spacing) / 3

        Row {
            anchors { left: parent.left; verticalCenter: parent.verticalCenter }
            spacing: Theme.spacing
            BigButton {
                objectName: "teachBack"
                visible: !screen.first
                height: Theme.compactHeight
                width: Math.min(implicitWidth, buttons.most)
                text: qsTr("上一步")
                onClicked: screen.vm.back()
            }
            BigButton {
                objectName: "teachAgain"
                visible: screen.last
                height: Theme.compactHeight
                width: Math.min(implicitWidth, buttons.most)
                text: qsTr("从头再看")
                onClicked: screen.vm.again()
            }
        }
        BigButton {
            objectName: "teachNext"
            anchors { right: parent.right; verticalCenter: parent.verticalCenter }
            visible: !screen.last
            height: Theme.compactHeight
            width: Math.min(implicitWidth, buttons.most)
            kind: "primary"
            text: qsTr("下一步")
            onClicked: screen.vm.next()
        }
        BigButton {
            objectName: "teachDone"
            anchors { right: parent.right; verticalCenter: parent.verticalCenter }
            visible: screen.last
            height: Theme.compactHeight
            width: Math.min(implicitWidth, buttons.most)
            kind: "primary"
            text: qsTr("我知道了")
            onClicked: screen.vm.done()
        }
    }

    // The picture of this page.
    Rectangle {
        id: pictureBox
        objectName: "teachPicture"
        anchors { left: parent.left; top: parent.top; bottom: buttons.top; bottomMargin: Theme.spacing }
        width: parent.width * (Theme.elder ? 0.34 : 0.42)
        radius: Theme.radius
        color: Theme.surface
        border.color: Theme.lineSoft
        border.width: Theme.border
        Loader {
            anchors { fill: parent; margins: Theme.spacing }
            sourceComponent: screen.vm.picture === "card" ? cardPicture
                             : screen.vm.picture === "buttons" ? buttonsPicture
                             : screen.vm.picture === "camera" ? cameraPicture
                             : screen.vm.picture === "sign" ? signPicture
                             : screen.vm.picture === "keyboard" ? keyboardPicture
                             : screen.vm.picture === "receipt" ? receiptPicture : null
        }
    }

    Column {
        anchors { left: pictureBox.right; leftMargin: Theme.margin; right: parent.right; top: parent.top; bottom: buttons.top; bottomMargin: Theme.spacing }
        spacing: Theme.elder ? Theme.gap : Theme.spacing

        Row {
            spacing: Theme.gap
            Text {
                id: stepText
                objectName: "teachStep"
                anchors.verticalCenter: parent.verticalCenter
                text: qsTr("第 %1 步，共 %2 步").arg(screen.vm.number).arg(screen.vm.count)
                color: Theme.inkSoft
                font.pixelSize: Theme.labelSize
                font.bold: true
            }
            // Where the page is in the walkthrough; the words above say it too.
            Row {
                anchors.verticalCenter: parent.verticalCenter
                visible: !Theme.elder  // 长辈模式: the words say it, the room is the words'
                spacing: Theme.px(8)
                Repeater {
                    model: screen.vm.count
                    Rectangle {
                        required property int index
                        width: Theme.px(18); height: width; radius: width / 2
                        color: index < screen.vm.number ? Theme.primary : Theme.surface
                        border.color: Theme.primary
                        border.width: Theme.border
                    }
                }
            }
        }
        Heading {
            objectName: "teachTitle"
            width: parent.width
            text: screen.vm.title
            font.pixelSize: Theme.elder ? Theme.titleSize : Theme.displaySize
        }
        BodyText {
            objectName: "teachWords"
            width: parent.width
            text: screen.vm.words
            font.pixelSize: Theme.elder ? Theme.labelSize : Theme.largeSize
        }
    }

    // A finger: the tip at the item's top centre.
    component Finger: Item {
        id: finger
        property real u: 1
        width: 8 * u; height: 14 * u
        Rectangle {  // the pointing finger
            x: 2.5 * finger.u; y: 0
            width: 3 * finger.u; height: 9 * finger.u; radius: 1.5 * finger.u
            color: Theme.warningSoft
            border.color: Theme.ink
            border.width: Theme.border
        }
        Rectangle {  // the hand
            y: 6 * finger.u
            width: 8 * finger.u; height: 8 * finger.u; radius: 2.5 * finger.u
            color: Theme.warningSoft
            border.color: Theme.ink
            border.width: Theme.border
        }
        Rectangle {  // the finger again over the hand's outline
            x: 2.5 * finger.u + Theme.border; y: 5 * finger.u
            width: 3 * finger.u - 2 * Theme.border; height: 2 * finger.u
            color: Theme.warningSoft
        }
    }

    // A drawing area of 40 × 30 units, centred in its box.
    component Canvas40: Item {
        readonly property real u: Math.min(parent.width / 40, parent.height / 30)
        width: 40 * u; height: 30 * u
        anchors.centerIn: parent
    }

    // 1 身份证放在读卡区: the card over the reader, an arrow down, the beep.
    Component {
        id: cardPicture
        Item {
            Canvas40 {
                id: c
                Rectangle {  // the reader
                    id: reader
                    x: 5 * c.u; y: 20 * c.u; width: 26 * c.u; height: 9 * c.u; radius: 2 * c.u
                    color: Theme.ink
                    Rectangle {
                        anchors.centerIn: parent
                        width: 20 * c.u; height: 5 * c.u; radius: c.u
                        color: Theme.inkSoft
                        border.color: Theme.infoSoft
                        border.width: Theme.border
                    }
                }
                Shape {  // the arrow
                    x: 15 * c.u; y: 13 * c.u; width: 6 * c.u; height: 6 * c.u
                    preferredRendererType: Shape.CurveRenderer
                    ShapePath {
                        fillColor: Theme.primary
                        strokeColor: "transparent"
                        startX: 1.8 * c.u; startY: 0
                        PathLine { x: 4.2 * c.u; y: 0 }
                        PathLine { x: 4.2 * c.u; y: 3 * c.u }
                        PathLine { x: 6 * c.u; y: 3 * c.u }
                        PathLine { x: 3 * c.u; y: 6 * c.u }
                        PathLine { x: 0; y: 3 * c.u }
                        PathLine { x: 1.8 * c.u; y: 3 * c.u }
                        PathLine { x: 1.8 * c.u; y: 0 }
                    }
                }
                Rectangle {  // the card, photo side up
                    x: 10 * c.u; width: 16 * c.u; height: 10 * c.u; radius: c.u
                    color: Theme.infoSoft
                    border.color: Theme.primary
                    border.width: Theme.border
                    Column {
                        x: 1.5 * c.u; y: 1.5 * c.u
                        spacing: 1.2 * c.u
                        Repeater {
                            model: [8, 6.5, 8, 5]
                            Rectangle {
                                required property real modelData
                                width: modelData * c.u; height: 0.8 * c.u; radius: 0.4 * c.u
                                color: Theme.line
                            }
                        }
                    }
                    Rectangle {  // the photo
                        x: 10.5 * c.u; y: 1.5 * c.u; width: 4 * c.u; height: 5.5 * c.u
                        radius: 0.4 * c.u
                        color: Theme.line
                    }
                    SequentialAnimation on y {
                        running: screen.visible
                        loops: Animation.Infinite
                        NumberAnimation { from: 0.5 * c.u; to: 2.5 * c.u; duration: 900; easing.type: Easing.InOutQuad }
                        NumberAnimation { from: 2.5 * c.u; to: 0.5 * c.u; duration: 900; easing.type: Easing.InOutQuad }
                    }
                }
                Shape {  // 嘀: sound waves from the reader
                    x: 30 * c.u; y: 14 * c.u; width: 9 * c.u; height: 9 * c.u
                    preferredRendererType: Shape.CurveRenderer
                    ShapePath {
                        strokeColor: Theme.primary; strokeWidth: 0.6 * c.u; fillColor: "transparent"
                        capStyle: ShapePath.RoundCap
                        PathAngleArc { centerX: 0; centerY: 9 * c.u; radiusX: 3 * c.u; radiusY: 3 * c.u; startAngle: -80; sweepAngle: 70 }
                    }
                    ShapePath {
                        strokeColor: Theme.primary; strokeWidth: 0.6 * c.u; fillColor: "transparent"
                        capStyle: ShapePath.RoundCap
                        PathAngleArc { centerX: 0; centerY: 9 * c.u; radiusX: 5.5 * c.u; radiusY: 5.5 * c.u; startAngle: -80; sweepAngle: 70 }
                    }
                    ShapePath {
                        strokeColor: Theme.primary; strokeWidth: 0.6 * c.u; fillColor: "transparent"
                        capStyle: ShapePath.RoundCap
                        PathAngleArc { centerX: 0; centerY: 9 * c.u; radiusX: 8 * c.u; radiusY: 8 * c.u; startAngle: -80; sweepAngle: 70 }
                    }
                }
            }
        }
    }

    // 2 选要办的事: a screen with one big button and three smaller ones, a finger on the big one.
    Component {
        id: buttonsPicture
        Item {
            Canvas40 {
                id: c
                Rectangle {  // the screen
                    x: 3 * c.u; y: 1 * c.u; width: 34 * c.u; height: 23 * c.u; radius: c.u
                    color: Theme.background
                    border.color: Theme.ink
                    border.width: Theme.border
                    Rectangle {  // 我要办事
                        x: 2 * c.u; y: 2 * c.u; width: 16 * c.u; height: 19 * c.u; radius: c.u
                        color: Theme.primary
                    }
                    Column {
                        x: 20 * c.u; y: 2 * c.u
                        spacing: 1 * c.u
                        Repeater {
                            model: 3
                            Rectangle {
                                width: 12 * c.u; height: 5.7 * c.u; radius: c.u
                                color: Theme.surface
                                border.color: Theme.line
                                border.width: Theme.border
                            }
                        }
                    }
                }
                Rectangle {  // the touch, a ring where the finger taps
                    id: ring
                    x: 8 * c.u; y: 8.5 * c.u; width: 6 * c.u; height: 6 * c.u; radius: 3 * c.u
                    color: "transparent"
                    border.color: Theme.onDark
                    border.width: Theme.border
                    SequentialAnimation on scale {
                        running: screen.visible
                        loops: Animation.Infinite
                        NumberAnimation { from: 0.6; to: 1.2; duration: 800 }
                        PauseAnimation { duration: 400 }
                    }
                }
                Finger { u: c.u; x: 7 * c.u; y: 11.5 * c.u }
            }
        }
    }

    // 3 拍材料: the document camera on its arm over the 拍照区, the page flat under it.
    Component {
        id: cameraPicture
        Item {
            Canvas40 {
                id: c
                Rectangle {  // 拍照区
                    x: 2 * c.u; y: 19 * c.u; width: 32 * c.u; height: 10 * c.u; radius: c.u
                    color: Theme.surfaceMuted
                    border.color: Theme.line
                    border.width: Theme.border
                }
                Shape {  // the camera's view onto the page
                    anchors.fill: parent
                    preferredRendererType: Shape.CurveRenderer
                    ShapePath {
                        fillColor: Qt.rgba(Theme.primary.r, Theme.primary.g, Theme.primary.b, 0.15)
                        strokeColor: Theme.primary
                        strokeWidth: Theme.border
                        strokeStyle: ShapePath.DashLine
                        startX: 17 * c.u; startY: 8 * c.u
                        PathLine { x: 27 * c.u; y: 21 * c.u }
                        PathLine { x: 7 * c.u; y: 21 * c.u }
                        PathLine { x: 17 * c.u; y: 8 * c.u }
                    }
                }
                Rectangle {  // the page, flat and face up
                    x: 8 * c.u; y: 20.5 * c.u; width: 18 * c.u; height: 7 * c.u; radius: 0.3 * c.u
                    color: Theme.surface
                    border.color: Theme.ink
                    border.width: Theme.border
                    Column {
                        x: 1.5 * c.u; y: 1.2 * c.u
                        spacing: 0.9 * c.u
                        Repeater {
                            model: [14, 12, 14, 8]
                            Rectangle {
                                required property real modelData
                                width: modelData * c.u; height: 0.6 * c.u
                                color: Theme.line
                            }
                        }
                    }
                }
                Rectangle {  // the post
                    x: 33 * c.u; y: 2 * c.u; width: 2 * c.u; height: 19 * c.u; radius: 0.5 * c.u
                    color: Theme.ink
                }
                Rectangle {  // the base of the post
                    x: 30.5 * c.u; y: 20 * c.u; width: 7 * c.u; height: 2 * c.u; radius: 0.5 * c.u
                    color: Theme.ink
                }
                Rectangle {  // the arm
                    x: 15 * c.u; y: 2 * c.u; width: 20 * c.u; height: 2 * c.u; radius: 0.5 * c.u
                    color: Theme.ink
                }
                Rectangle {  // the camera head, lens down
                    x: 13 * c.u; y: 1.5 * c.u; width: 8 * c.u; height: 5 * c.u; radius: c.u
                    color: Theme.ink
                    Rectangle {
                        anchors { horizontalCenter: parent.horizontalCenter; bottom: parent.bottom; bottomMargin: -1.2 * c.u }
                        width: 3.5 * c.u; height: width; radius: width / 2
                        color: Theme.inkSoft
                        border.color: Theme.infoSoft
                        border.width: Theme.border
                    }
                }
            }
        }
    }

    // 4 手写签名: the signature box with a name written by a finger.
    Component {
        id: signPicture
        Item {
            Canvas40 {
                id: c
                Rectangle {
                    x: 2 * c.u; y: 3 * c.u; width: 36 * c.u; height: 21 * c.u; radius: c.u
                    color: Theme.surface
                    border.color: Theme.primary
                    border.width: Theme.border
                    Rectangle {  // the line to sign on
                        x: 3 * c.u; y: 16 * c.u; width: 30 * c.u; height: 0.4 * c.u
                        color: Theme.line
                    }
                }
                Shape {  // the name, in one stroke
                    anchors.fill: parent
                    preferredRendererType: Shape.CurveRenderer
                    ShapePath {
                        strokeColor: Theme.ink
                        strokeWidth: 0.7 * c.u
                        fillColor: "transparent"
                        capStyle: ShapePath.RoundCap
                        joinStyle: ShapePath.RoundJoin
                        startX: 6 * c.u; startY: 16 * c.u
                        PathCubic { x: 12 * c.u; y: 10 * c.u; control1X: 7 * c.u; control1Y: 8 * c.u; control2X: 10 * c.u; control2Y: 7 * c.u }
                        PathCubic { x: 15 * c.u; y: 17 * c.u; control1X: 14 * c.u; control1Y: 13 * c.u; control2X: 12 * c.u; control2Y: 18 * c.u }
                        PathCubic { x: 21 * c.u; y: 9 * c.u; control1X: 18 * c.u; control1Y: 16 * c.u; control2X: 19 * c.u; control2Y: 9 * c.u }
                        PathCubic { x: 24 * c.u; y: 16 * c.u; control1X: 23 * c.u; control1Y: 9 * c.u; control2X: 21 * c.u; control2Y: 16 * c.u }
                        PathCubic { x: 30 * c.u; y: 12 * c.u; control1X: 27 * c.u; control1Y: 16 * c.u; control2X: 28 * c.u; control2Y: 11 * c.u }
                    }
                }
                Finger { u: c.u; x: 26 * c.u; y: 12 * c.u }
            }
        }
    }

    // 5 键盘: the candidate bar, the letter keys and the digit pad.
    Component {
        id: keyboardPicture
        Item {
            Canvas40 {
                id: c
                Row {  // the characters to choose, the first one being tapped
                    x: 1 * c.u; y: 1 * c.u
                    spacing: 0.8 * c.u
                    Repeater {
                        model: 4
                        Rectangle {
                            id: candidate
                            required property int index
                            width: 5.5 * c.u; height: 5 * c.u; radius: 0.6 * c.u
                            color: index === 0 ? Theme.primary : Theme.surface
                            border.color: Theme.line
                            border.width: Theme.border
                            Rectangle {  // a character, drawn as a box
                                anchors.centerIn: parent
                                width: 2.6 * c.u; height: 2.6 * c.u
                                color: "transparent"
                                border.color: candidate.index === 0 ? Theme.onDark : Theme.ink
                                border.width: Theme.border
                            }
                        }
                    }
                }
                Grid {  // letter keys
                    x: 1 * c.u; y: 8 * c.u
                    columns: 8
                    spacing: 0.5 * c.u
                    Repeater {
                        model: 24
                        Rectangle {
                            width: 2.6 * c.u; height: 3.4 * c.u; radius: 0.4 * c.u
                            color: Theme.surface
                            border.color: Theme.line
                            border.width: Theme.border
                        }
                    }
                }
                Rectangle {  // the space bar
                    x: 4 * c.u; y: 20 * c.u; width: 18 * c.u; height: 3.4 * c.u; radius: 0.4 * c.u
                    color: Theme.surface
                    border.color: Theme.line
                    border.width: Theme.border
                }
                Grid {  // the digit pad
                    x: 27 * c.u; y: 8 * c.u
                    columns: 3
                    spacing: 0.5 * c.u
                    Repeater {
                        model: 12
                        Rectangle {
                            width: 3.6 * c.u; height: 3.4 * c.u; radius: 0.4 * c.u
                            color: Theme.surfaceMuted
                            border.color: Theme.ink
                            border.width: Theme.border
                        }
                    }
                }
                Finger { u: c.u; x: 0.2 * c.u; y: 3.5 * c.u }
            }
        }
    }

    // 6 取回执: the receipt coming out of the printer slot, its QR code at the bottom.
    Component {
        id: receiptPicture
        Item {
            Canvas40 {
                id: c
                Rectangle {  // the paper, coming out
                    id: paper
                    x: 12 * c.u; y: 9 * c.u; width: 16 * c.u; height: 20 * c.u
                    color: Theme.surface
                    border.color: Theme.ink
                    border.width: Theme.border
                    clip: true
                    Column {
                        x: 2 * c.u; y: 3 * c.u
                        spacing: 1 * c.u
                        Repeater {
                            model: [12, 10, 12, 7]
                            Rectangle {
                                required property real modelData
                                width: modelData * c.u; height: 0.6 * c.u
                                color: Theme.line
                            }
                        }
                    }
                    Grid {  // the QR code
                        x: 4.5 * c.u; y: 11.5 * c.u
                        columns: 5
                        Repeater {
                            model: [1, 1, 0, 1, 1, 1, 0, 1, 0, 1, 0, 1, 1, 0, 0, 1, 0, 0, 1, 1,
                                    1, 1, 0, 1, 1]
                            Rectangle {
                                required property int modelData
                                width: 1.4 * c.u; height: 1.4 * c.u
                                color: modelData ? Theme.ink : Theme.surface
                            }
                        }
                    }
                    SequentialAnimation on height {
                        running: screen.visible
                        loops: Animation.Infinite
                        NumberAnimation { from: 12 * c.u; to: 20 * c.u; duration: 1600; easing.type: Easing.OutQuad }
                        PauseAnimation { duration: 1200 }
                    }
                }
                Rectangle {  // the printer
                    x: 6 * c.u; y: 1 * c.u; width: 28 * c.u; height: 10 * c.u; radius: c.u
                    color: Theme.ink
                    Rectangle {  // 打印口
                        x: 4 * c.u; y: 7 * c.u; width: 20 * c.u; height: 1.4 * c.u; radius: 0.7 * c.u
                        color: Theme.infoSoft
                    }
                }
            }
        }
    }
}
