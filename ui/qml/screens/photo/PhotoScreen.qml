import QtQuick
import "../.."

// 拍照上传材料: which material, how to lay it, one big 拍照 button. The live preview and
// its quality checks come with the camera work of issue 14; this screen already sits in
// the flow at the right place so that work only replaces its middle.
Item {
    id: screen

    property PhotoViewModel vm
    property bool busy: false

    Heading {
        id: title
        anchors { left: parent.left; right: parent.right; top: parent.top }
        text: qsTr("请拍照：%1").arg(screen.vm.material)
    }
    InfoTag {
        anchors { right: parent.right; verticalCenter: title.verticalCenter }
        visible: screen.vm.total > 1
        text: qsTr("第 %1 / %2 份").arg(screen.vm.number).arg(screen.vm.total)
    }

    Rectangle {
        id: frame
        anchors { left: parent.left; top: title.bottom; topMargin: Theme.spacing; bottom: parent.bottom }
        width: parent.width * 0.5
        radius: Theme.radius
        color: Theme.surfaceMuted
        border.color: Theme.line
        border.width: Theme.border
        Text {
            anchors.centerIn: parent
            width: parent.width - 2 * Theme.margin
            horizontalAlignment: Text.AlignHCenter
            wrapMode: Text.WordWrap
            lineHeight: Theme.lineSpacing
            text: screen.vm.taken ? qsTr("已拍好") : qsTr("拍照区")
            color: screen.vm.taken ? Theme.success : Theme.inkSoft
            font.pixelSize: Theme.titleSize
            font.bold: true
        }
    }

    Column {
        anchors { left: frame.right; leftMargin: Theme.margin; right: parent.right; top: frame.top }
        spacing: Theme.spacing
        BodyText {
            width: parent.width
            text: screen.vm.hint
        }
        BigButton {
            objectName: "takePhoto"
            width: parent.width
            kind: "primary"
            enabled: !screen.busy
            text: screen.busy ? qsTr("正在拍照…") : qsTr("拍照")
            onClicked: screen.vm.takePhoto()
        }
    }
}
