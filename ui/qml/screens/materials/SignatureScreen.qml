import QtQuick
import "../.."
import "../service"

// 签署告知承诺: the full text of the commitment above the pad, a finger signature drawn
// with a PointHandler on a Canvas, 重签 and 确认. A tap, a line or a scribble too small is
// refused by the core in plain words (kiosk/signature.py) and shown above the pad.
Item {
    id: screen
    objectName: "signatureScreen"

    property QtObject session
    property var strokes: []

    SignViewModel { id: vm; session: screen.session }

    function clearPad(): void {
        screen.strokes = []
        pad.requestPaint()
    }

    Heading {
        id: title
        anchors { left: parent.left; right: actions.left; top: parent.top }
        text: qsTr("请阅读并签名：%1").arg(vm.title)
    }
    Flickable {
        id: textBox
        anchors { left: parent.left; right: actions.left; rightMargin: Theme.spacing; top: title.bottom; topMargin: Theme.gap }
        height: Math.min(commitText.implicitHeight, Theme.px(230))
        contentHeight: commitText.implicitHeight
        clip: true
        Text {
            id: commitText
            objectName: "commitmentText"
            width: textBox.width
            text: vm.text + (vm.replaces !== "" ? "\n" + qsTr("签署后不用再提供：%1").arg(vm.replaces) : "")
            wrapMode: Text.WordWrap
            lineHeight: Theme.lineSpacing
            color: Theme.ink
            font.pixelSize: Theme.textSize
            Accessible.role: Accessible.StaticText
            Accessible.name: text
        }
    }
    Rectangle {
        id: padFrame
        objectName: "signaturePad"
        anchors { left: parent.left; right: actions.left; rightMargin: Theme.spacing; top: textBox.bottom; topMargin: Theme.gap; bottom: parent.bottom }
        color: Theme.surface
        border.color: Theme.line
        border.width: Theme.border
        radius: Theme.radius
        Accessible.role: Accessible.Canvas
        Accessible.name: vm.hint
        Text {
            anchors { left: parent.left; top: parent.top; margins: Theme.gap }
            text: vm.hint
            visible: screen.strokes.length === 0
            color: Theme.inkSoft
            font.pixelSize: Theme.textSize
        }
        Rectangle {  // the line to sign on
            anchors { left: parent.left; right: parent.right; bottom: parent.bottom; margins: Theme.margin; bottomMargin: parent.height * 0.25 }
            height: 2
            color: Theme.lineSoft
        }
        Canvas {
            id: pad
            anchors.fill: parent
            onPaint: {
                let ctx = getContext("2d")
                ctx.reset()
                ctx.lineWidth = 6
                ctx.lineCap = "round"
                ctx.lineJoin = "round"
                ctx.strokeStyle = "#111111"
                for (let i = 0; i < screen.strokes.length; i++) {
                    let s = screen.strokes[i]
                    ctx.beginPath()
                    for (let j = 0; j < s.length; j++) {
                        if (j === 0) ctx.moveTo(s[j][0], s[j][1]); else ctx.lineTo(s[j][0], s[j][1])
                    }
                    if (s.length === 1) ctx.lineTo(s[0][0] + 0.5, s[0][1] + 0.5)
                    ctx.stroke()
                }
            }
        }
        PointHandler {
            id: finger
            objectName: "padHandler"
            acceptedDevices: PointerDevice.TouchScreen | PointerDevice.Mouse | PointerDevice.Stylus
            onActiveChanged: {
                if (active) {
                    let all = screen.strokes
                    all.push([[point.position.x, point.position.y]])
                    screen.strokes = all
                    pad.requestPaint()
                }
            }
            onPointChanged: {
                if (!active || screen.strokes.length === 0)
                    return
                let all = screen.strokes
                all[all.length - 1].push([point.position.x, point.position.y])
                screen.strokes = all
                pad.requestPaint()
            }
        }
    }
    Column {
        id: actions
        anchors { right: parent.right; top: parent.top }
        width: Theme.px(320)
        spacing: Theme.gap
        BigButton {
            objectName: "signConfirm"
            width: parent.width
            kind: "primary"
            text: qsTr("确认")
            onClicked: vm.sign(screen.strokes, padFrame.width, padFrame.height)
        }
        BigButton {
            objectName: "signAgain"
            width: parent.width
            text: qsTr("重签")
            onClicked: { screen.clearPad(); vm.resign() }
        }
        ProblemBanner {  // beside the pad, so the pad keeps its room
            objectName: "signError"
            width: parent.width
            visible: vm.error !== ""
            kind: "error"
            title: qsTr("签名没有成功")
            message: vm.error
        }
    }
}
