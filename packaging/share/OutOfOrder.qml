import QtQuick
import QtQuick.Window

// Full screen, no buttons: nothing to touch, nothing to escape to.
Window {
    // shown full screen by out_of_order.py (the screen's geometry, then showFullScreen)
    visible: false
    color: "#f4f1ea"
    title: "暂停服务"
    Column {
        anchors.centerIn: parent
        spacing: 32
        Text {
            anchors.horizontalCenter: parent.horizontalCenter
            text: "本机暂停服务"
            font.pixelSize: 72
            font.bold: true
            color: "#1a1a1a"
        }
        Text {
            anchors.horizontalCenter: parent.horizontalCenter
            width: Window.width * 0.8
            horizontalAlignment: Text.AlignHCenter
            wrapMode: Text.Wrap
            text: "请到村（社区）便民服务站窗口办理，给您带来不便，敬请谅解"
            font.pixelSize: 36
            color: "#1a1a1a"
        }
        Text {
            anchors.horizontalCenter: parent.horizontalCenter
            text: "咨询电话：12345"
            font.pixelSize: 36
            color: "#1a1a1a"
        }
    }
}
