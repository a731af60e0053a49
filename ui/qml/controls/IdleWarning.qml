import QtQuick
import ".."

// 还需要更多时间吗？: the last seconds of a visit's idle time, over the whole window (not a
// small pop-up: it is all there is to read), with one big 继续. Any touch anywhere also
// continues (the shell's press catcher sees it first). The count is in words and in
// figures, never in colour alone.
Rectangle {
    id: warning

    property int secondsLeft: 0
    signal keepGoing()

    objectName: "idleWarning"
    visible: secondsLeft > 0
    color: Theme.background
    Accessible.role: Accessible.AlertMessage
    Accessible.name: question.text

    MouseArea { anchors.fill: parent }  // the screen underneath takes no taps meanwhile
    // The keyboard would stay above it (it lies over the whole window). QInputMethod held
    // as var: qmllint types Qt.inputMethod as a plain QObject without hide().
    readonly property var inputMethod: Qt.inputMethod
    onVisibleChanged: if (visible) warning.inputMethod.hide()

    Column {
        anchors.centerIn: parent
        width: Math.min(parent.width - 2 * Theme.margin, Theme.px(900))
        spacing: Theme.spacing

        Text {
            id: question
            width: parent.width
            horizontalAlignment: Text.AlignHCenter
            text: qsTr("还需要更多时间吗？")
            color: Theme.ink
            font.pixelSize: Theme.displaySize
            font.bold: true
            wrapMode: Text.WordWrap
            lineHeight: Theme.lineSpacing
        }
        Text {
            objectName: "idleSecondsLeft"
            width: parent.width
            horizontalAlignment: Text.AlignHCenter
            text: qsTr("%1 秒后将返回首页，并清除您填写的信息").arg(warning.secondsLeft)
            color: Theme.ink
            font.pixelSize: Theme.textSize
            wrapMode: Text.WordWrap
            lineHeight: Theme.lineSpacing
        }
        BigButton {
            objectName: "idleContinue"
            anchors.horizontalCenter: parent.horizontalCenter
            width: Theme.px(480)
            kind: "primary"
            text: qsTr("继续办理")
            onClicked: warning.keepGoing()
        }
    }
}
