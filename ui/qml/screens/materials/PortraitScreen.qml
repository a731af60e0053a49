import QtQuick
import QtMultimedia
import "../.."

// 电子证件照: live preview with the face guide oval, one plain hint at a time from the
// portrait check (靠近一点, 脸放在框里, 光线太暗 …), taken by itself once every check has
// passed for a few frames in a row; then 确认 or 重拍.
Item {
    id: screen
    objectName: "portraitScreen"

    property QtObject session
    property CaptureViewModel vm

    CameraPreview {
        id: camera
        objectName: "cameraPreview"
        session: screen.session
        mode: "portrait"
        videoSink: output.videoSink
        resultSink: result.videoSink
        onTrouble: function (words) { if (screen.vm) screen.vm.cameraTrouble(words) }
    }
    Component.onCompleted: camera.start()
    Component.onDestruction: camera.stop()

    Heading {
        id: title
        anchors { left: parent.left; right: actions.left; top: parent.top }
        text: qsTr("拍照：%1").arg(screen.vm ? screen.vm.material : "")
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
        Rectangle {
            objectName: "guideOval"
            visible: !camera.hasResult && camera.oval.length === 4
            readonly property rect r: output.contentRect
            x: r.x + (camera.oval.length === 4 ? camera.oval[0] : 0) * r.width
            y: r.y + (camera.oval.length === 4 ? camera.oval[1] : 0) * r.height
            width: (camera.oval.length === 4 ? camera.oval[2] : 0) * r.width
            height: (camera.oval.length === 4 ? camera.oval[3] : 0) * r.height
            radius: width / 2
            color: "transparent"
            border.color: "#FFFFFF"
            border.width: 5
        }
        VideoOutput {
            id: result
            objectName: "capturedPortrait"
            anchors.fill: parent
            visible: camera.hasResult
            fillMode: VideoOutput.PreserveAspectFit
        }
        SinkView {  // the same frames where Qt Quick renders in software
            anchors.fill: parent
            visible: GraphicsInfo.api === GraphicsInfo.Software && camera.hasResult
            sink: result.videoSink
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
        objectName: "portraitHint"
        anchors { left: parent.left; right: actions.left; rightMargin: Theme.spacing; bottom: parent.bottom }
        height: Theme.px(72)
        verticalAlignment: Text.AlignVCenter
        horizontalAlignment: Text.AlignHCenter
        text: camera.hasResult ? qsTr("照片清楚就点“确认”，不满意点“重拍”") : camera.hint
        color: Theme.ink
        font.pixelSize: Theme.titleSize
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
            text: qsTr("请正对镜头，把脸放在框里，不要戴帽子")
        }
        BigButton {
            objectName: "confirmPortrait"
            width: parent.width
            visible: camera.hasResult
            kind: "primary"
            text: qsTr("确认")
            onClicked: camera.confirm()
        }
        BigButton {
            objectName: "retakePortrait"
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
