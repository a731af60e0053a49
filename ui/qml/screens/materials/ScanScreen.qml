import QtQuick
import QtMultimedia
import "../.."

// 亮证扫码: the resident holds the e-certificate's QR (电子证照, on their phone) to the
// camera; a code is read on the device thread and handed to the flow, which records an
// unverified reference or says in plain words why the code is not taken.
Item {
    id: screen
    objectName: "scanScreen"

    property QtObject session

    ECertScanViewModel { id: vm; session: screen.session }

    CameraPreview {
        id: camera
        objectName: "cameraPreview"
        session: screen.session
        mode: "qr"
        videoSink: output.videoSink
        onTrouble: function (words) { vm.cameraTrouble(words) }
    }
    Component.onCompleted: camera.start()
    Component.onDestruction: camera.stop()

    Heading {
        id: heading
        anchors { left: parent.left; right: actions.left; top: parent.top }
        text: qsTr("亮证扫码：%1").arg(vm.material)
    }
    ProblemBanner {
        id: scanError
        objectName: "scanError"
        anchors { left: parent.left; right: actions.left; rightMargin: Theme.spacing; top: heading.bottom; topMargin: Theme.gap }
        visible: vm.error !== ""
        height: visible ? implicitHeight : 0
        kind: "error"
        title: qsTr("没有用上这个二维码")
        message: vm.error
    }
    Rectangle {
        id: frame
        anchors { left: parent.left; top: scanError.bottom; topMargin: Theme.gap; bottom: parent.bottom; right: actions.left; rightMargin: Theme.spacing }
        color: "#000000"
        radius: Theme.radius
        clip: true
        VideoOutput {
            id: output
            objectName: "preview"
            anchors.fill: parent
            fillMode: VideoOutput.PreserveAspectFit
        }
        SinkView {  // the same frames where Qt Quick renders in software
            anchors.fill: parent
            visible: GraphicsInfo.api === GraphicsInfo.Software && true
            sink: output.videoSink
        }
        Rectangle {
            anchors.centerIn: parent
            width: Math.min(parent.width, parent.height) * 0.6
            height: width
            color: "transparent"
            border.color: "#FFFFFF"
            border.width: 5
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
    Column {
        id: actions
        anchors { right: parent.right; top: parent.top }
        width: Theme.px(360)
        spacing: Theme.gap
        BodyText { width: parent.width; text: vm.hint }
        BigButton {
            objectName: "scanBack"
            width: parent.width
            text: qsTr("选择其他方式")
            onClicked: vm.back()
        }
    }
}
