import QtQuick

// One place for the colours and sizes every screen shares. Contrast of each text colour
// on its background is at least 7:1, for residents with weak eyesight and strong daylight.
QtObject {
    readonly property color background: "#EEF1F5"
    readonly property color surface: "#FFFFFF"
    readonly property color ink: "#111111"
    readonly property color inkSoft: "#3C4350"
    readonly property color line: "#8A94A6"
    readonly property color primary: "#0A4FA3"
    readonly property color primaryDark: "#083A78"
    readonly property color header: "#083A78"
    readonly property color success: "#116129"
    readonly property color successSoft: "#E3F4E8"
    readonly property color danger: "#A50E0E"
    readonly property color dangerSoft: "#FCE8E6"
    readonly property color infoSoft: "#E2ECF8"
    readonly property color onDark: "#FFFFFF"

    readonly property int textSize: 30
    readonly property int titleSize: 44
    readonly property int buttonSize: 36
    readonly property int touchHeight: 112
    readonly property int radius: 16
}
