import QtQuick
import QtQuick.Shapes
import "../.."

// After a rating: a plain thank-you, then home by itself (the view model's timer), so the
// resident can simply walk away.
Item {
    id: screen

    property RatingViewModel vm

    Column {
        anchors.centerIn: parent
        spacing: 28
        Rectangle {
            anchors.horizontalCenter: parent.horizontalCenter
            width: 140; height: 140; radius: 70
            color: Theme.success
            Shape {
                anchors.fill: parent
                ShapePath {
                    strokeColor: Theme.onDark
                    strokeWidth: 14
                    fillColor: "transparent"
                    capStyle: ShapePath.RoundCap
                    joinStyle: ShapePath.RoundJoin
                    startX: 38; startY: 72
                    PathLine { x: 62; y: 98 }
                    PathLine { x: 105; y: 46 }
                }
            }
        }
        Text {
            anchors.horizontalCenter: parent.horizontalCenter
            text: screen.vm.thanks
            color: Theme.success
            font.pixelSize: 60
            font.bold: true
        }
        Text {
            anchors.horizontalCenter: parent.horizontalCenter
            text: qsTr("您的意见会转给相关部门，帮助我们改进服务。")
            color: Theme.inkSoft
            font.pixelSize: 32
        }
    }
}
