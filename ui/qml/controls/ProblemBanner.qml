import QtQuick
import ".."

// What went wrong, in the error-summary style (GOV.UK): a bold title, what happened in plain
// words, then the next thing to do. No screen is ever silent about a problem, and no
// problem is a pop-up: the banner sits in the page and takes the room it needs.
// `kind`: "error" (red), "warning" (amber), "info" (blue), "success" (green).
Rectangle {
    id: banner

    property string title: ""
    property string message: ""
    property string nextStep: ""
    property string kind: "error"

    readonly property color ink: kind === "error" ? Theme.danger
                                 : kind === "warning" ? Theme.warningInk
                                 : kind === "success" ? Theme.success : Theme.primaryDark

    implicitHeight: body.implicitHeight + 2 * Theme.spacing
    radius: Theme.radius
    color: kind === "error" ? Theme.dangerSoft : kind === "warning" ? Theme.warningSoft
           : kind === "success" ? Theme.successSoft : Theme.infoSoft
    border.width: Theme.border
    border.color: kind === "error" ? Theme.danger : kind === "warning" ? Theme.warning
                  : kind === "success" ? Theme.success : Theme.primary

    Accessible.role: Accessible.AlertMessage
    Accessible.name: [title, message, nextStep].filter(function (s) { return s !== "" }).join("。")

    Column {
        id: body
        anchors { left: parent.left; right: parent.right; top: parent.top; margins: Theme.spacing }
        spacing: Theme.px(8)
        Text {
            objectName: "problemTitle"
            width: parent.width
            visible: text !== ""
            text: banner.title
            color: banner.ink
            font.pixelSize: Theme.largeSize
            font.bold: true
            wrapMode: Text.WordWrap
            lineHeight: Theme.lineSpacing
        }
        Text {
            objectName: "problemMessage"
            width: parent.width
            visible: text !== ""
            text: banner.message
            color: banner.title === "" ? banner.ink : Theme.ink
            font.pixelSize: Theme.textSize
            font.bold: banner.title === ""
            wrapMode: Text.WordWrap
            lineHeight: Theme.lineSpacing
        }
        Text {
            objectName: "problemNextStep"
            width: parent.width
            visible: text !== ""
            text: banner.nextStep
            color: Theme.ink
            font.pixelSize: Theme.textSize
            font.bold: true
            wrapMode: Text.WordWrap
            lineHeight: Theme.lineSpacing
        }
    }
}
