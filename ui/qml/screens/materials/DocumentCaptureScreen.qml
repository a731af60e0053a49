import QtQuick
import QtMultimedia
import "../.."

// The document camera: live preview with the detected page outlined, auto-capture once the
// page is steady and sharp (the rule runs on the device thread), 拍照 by hand as well, then
// the straightened, encoded page for 确认 or 重拍.
Item {
    id: screen
    objectName: "documentCaptureScreen"

    property QtObject session
    property CaptureViewModel vm

    CameraPreview {
        id: camera
        objectName: "cameraPreview"
        session: screen.session
        mode: "document"
        videoSink: output.videoSink
        resultSink: result.videoSink
        onTrouble: function (words) { if (screen.vm) screen.vm.cameraTrouble(words) }
    }
    Component.onCompleted: camera.start()
    Component.onDestruction: camera.stop()

    Heading {
        id: title
        anchors { left: parent.left; right: actions.left; top: parent.top }
        text: screen.vm ? qsTr("请拍照：%1").arg(screen.vm.material) : ""
    }

    Rectangle {
        id: frame
        anchors { left: parent.left; top: title.bottom; topMargin: Theme.gap; bottom: hintLine.top; bottomMargin: Theme.gap; right: actions.left; rightMargin: Theme.spacing }
        color: "#000000"
        radius: Theme.radius
        clip: true

        VideoOutput {
            id: output
            objectName: "preview"
            anchors.fill: parent
            visible: !camera.hasResult
            fillMode: VideoOutput.PreserveAspectFit
        }
        SinkView {  // the same frames where Qt Quick renders in software
            anchors.fill: parent
            visible: GraphicsInfo.api === GraphicsInfo.Software && !camera.hasResult
            sink: output.videoSink
        }
        // The page outline over the preview, in the video's painted rectangle.
        Canvas {
            id: outline
            objectName: "pageOutline"
            anchors.fill: parent
            visible: !camera.hasResult && camera.corners.length === 8
            property var pts: camera.corners
            onPtsChanged: requestPaint()
            onPaint: {
                let ctx = getContext("2d")
                ctx.reset()
                if (pts.length !== 8)
                    return
                let r = output.contentRect
                ctx.lineWidth = 6
                ctx.strokeStyle = "#2BD45A"
                ctx.beginPath()
                for (let i = 0; i < 4; i++) {
                    let x = r.x + pts[2 * i] * r.width, y = r.y + pts[2 * i + 1] * r.height
                    if (i === 0) ctx.moveTo(x, y); else ctx.lineTo(x, y)
                }
                ctx.closePath()
                ctx.stroke()
            }
        }
        VideoOutput {
            id: result
            objectName: "capturedPage"
            anchors.fill: parent
            visible: camera.hasResult
            fillMode: VideoOutput.PreserveAspectFit
        }
        SinkView {  // the same frames where Qt Quick renders in software
            anchors.fill: parent
            visible: GraphicsInfo.api === GraphicsInfo.Software && camera.hasResult
            sink: result.videoSink
        }
        Rectangle {
            anchors.fill: parent
            visible: camera.hasResult
            color: "transparent"
            border.color: Theme.success
            border.width: 6
            radius: Theme.radius
        }
        Text {
            anchors.centerIn: parent
            width: parent.width - 2 * Theme.margin
            visible: camera.problem !== ""
            text: camera.problem
            wrapMode: Text.WordWrap
            lineHeight: Theme.lineSpacing
            horizontalAlignment: Text.AlignHCenter
            color: Theme.onDark
            font.pixelSize: Theme.titleSize
            Accessible.role: Accessible.AlertMessage
            Accessible.name: text
        }
    }

    Text {
        id: hintLine
        objectName: "captureHint"
        anchors { left: parent.left; right: actions.left; rightMargin: Theme.spacing; bottom: parent.bottom }
        height: Theme.px(64)
        verticalAlignment: Text.AlignVCenter
        text: camera.hasResult ? qsTr("请看清楚：字迹清楚就点“确认”，不清楚点“重拍”") : camera.hint
        color: Theme.ink
        font.pixelSize: Theme.textSize
        font.bold: true
        elide: Text.ElideRight
        Accessible.role: Accessible.StaticText
        Accessible.name: text
    }

    Column {
        id: actions
        anchors { right: parent.right; top: parent.top }
        width: Theme.px(320)
        spacing: Theme.gap
        BodyText {
            width: parent.width
            text: screen.vm ? screen.vm.hint : ""
        }
        BodyText {
            width: parent.width
            visible: screen.vm !== null && screen.vm.pages > 0
            text: screen.vm ? qsTr("已拍 %1 页").arg(screen.vm.pages) : ""
        }
        BigButton {
            objectName: "shoot"
            width: parent.width
            visible: !camera.hasResult && camera.problem === ""
            kind: "primary"
            text: qsTr("拍照")
            onClicked: camera.shoot()
        }
        BigButton {
            objectName: "confirmPage"
            width: parent.width
            visible: camera.hasResult
            kind: "primary"
            text: qsTr("确认")
            onClicked: camera.confirm()
        }
        BigButton {
            objectName: "retake"
            width: parent.width
            visible: camera.hasResult
            text: qsTr("重拍")
            onClicked: camera.retake()
        }
        BigButton {
            objectName: "cameraBack"
            width: parent.width
            visible: camera.problem !== ""
            kind: "primary"
            text: qsTr("选择其他方式")
            onClicked: if (screen.vm) screen.vm.back()
        }
    }
}
