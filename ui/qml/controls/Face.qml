import QtQuick
import QtQuick.Shapes

// A face for one rating level, drawn so there is no image file to lose: a smile for the
// good levels, a straight mouth for 基本满意, a frown for the poor ones. Residents who
// cannot read the words still recognise the faces.
Rectangle {
    id: face

    property int level: 3  // 5 非常满意 … 1 非常不满意
    property real size: 120

    width: size
    height: size
    radius: size / 2
    color: ["#A50E0E", "#B3470A", "#7A5F00", "#2E7D32", "#116129"][Math.max(1, Math.min(5, level)) - 1]

    Rectangle {
        x: face.size * 0.28; y: face.size * 0.30
        width: face.size * 0.13; height: width; radius: width / 2
        color: "#FFFFFF"
    }
    Rectangle {
        x: face.size * 0.59; y: face.size * 0.30
        width: face.size * 0.13; height: width; radius: width / 2
        color: "#FFFFFF"
    }
    Shape {
        anchors.fill: parent
        preferredRendererType: Shape.CurveRenderer
        ShapePath {
            strokeColor: "#FFFFFF"
            strokeWidth: Math.max(3, face.size * 0.075)
            fillColor: "transparent"
            capStyle: ShapePath.RoundCap
            readonly property real mouthY: face.size * (face.level >= 3 ? 0.64 : 0.72)
            startX: face.size * 0.28; startY: mouthY
            PathQuad {
                x: face.size * 0.72; y: face.size * (face.level >= 3 ? 0.64 : 0.72)
                controlX: face.size * 0.5
                controlY: face.size * ((face.level >= 3 ? 0.64 : 0.72) + (face.level - 3) * 0.1)
            }
        }
    }
}
