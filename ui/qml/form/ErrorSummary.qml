pragma ComponentBehavior: Bound
import QtQuick
import ".."

// GOV.UK's error summary: at the top of the page, focused when it appears, one link per
// problem with exactly the words shown beside the field; tapping a link goes to the field.
FocusScope {
    id: summary

    property var problems: []   // [{field, message}]
    signal linkActivated(string field)

    objectName: "errorSummary"
    visible: problems.length > 0
    implicitHeight: visible ? box.implicitHeight : 0
    activeFocusOnTab: true
    Accessible.role: Accessible.AlertMessage
    Accessible.name: title.text

    Rectangle {
        id: box
        width: summary.width
        implicitHeight: column.implicitHeight + 2 * Theme.spacing
        color: Theme.surface
        radius: Theme.radius
        border.color: Theme.danger
        border.width: summary.activeFocus ? 3 * Theme.border : 2 * Theme.border

        Column {
            id: column
            anchors { left: parent.left; right: parent.right; top: parent.top; margins: Theme.spacing }
            spacing: Theme.px(4)
            Text {
                id: title
                objectName: "errorSummaryTitle"
                width: parent.width
                text: qsTr("请先改正下面的问题")
                color: Theme.danger
                font.pixelSize: Theme.largeSize
                font.bold: true
                wrapMode: Text.WordWrap
                lineHeight: Theme.lineSpacing
            }
            Repeater {
                model: summary.problems
                delegate: Item {
                    id: link
                    required property var modelData
                    objectName: "errorLink_" + link.modelData.field
                    width: column.width
                    height: Math.max(Theme.minTarget, linkText.implicitHeight + Theme.px(12))
                    Accessible.role: Accessible.Link
                    Accessible.name: linkText.text
                    Accessible.onPressAction: summary.linkActivated(link.modelData.field)
                    Text {
                        id: linkText
                        anchors { left: parent.left; right: parent.right; verticalCenter: parent.verticalCenter }
                        text: link.modelData.message
                        color: Theme.danger
                        font.pixelSize: Theme.textSize
                        font.underline: true
                        wrapMode: Text.WordWrap
                        lineHeight: Theme.lineSpacing
                    }
                    MouseArea {
                        anchors.fill: parent
                        onClicked: summary.linkActivated(link.modelData.field)
                    }
                }
            }
        }
    }
}
