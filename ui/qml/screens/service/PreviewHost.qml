pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.Window
import "../.."

// A stand-alone window for one service screen: the shell's header and footer heights
// around it, so a screen is tested, photographed and audited in the room it really gets
// at 1280×800. The shell (Main.qml) shows the same files in its StackView.
Window {
    id: host
    width: 1280
    height: 800
    color: Theme.background

    property QtObject session
    property url screenUrl
    readonly property alias item: loader.item
    property bool backVisible: false  // the screen record's ``back`` (the stage sets it)
    signal back()

    // A new screen (the stage sets it when the flow's step changes).
    onScreenUrlChanged: loader.setSource(host.screenUrl, { "session": host.session })

    Rectangle {
        id: header
        anchors { left: parent.left; right: parent.right; top: parent.top }
        height: Theme.px(96)
        color: Theme.header
        Text {
            anchors { left: parent.left; leftMargin: Theme.margin; verticalCenter: parent.verticalCenter }
            text: qsTr("政务服务自助终端")
            color: Theme.onDark
            font.pixelSize: Theme.px(34)
            font.bold: true
        }
    }
    Loader {
        id: loader
        objectName: "screens"
        anchors { left: parent.left; right: parent.right; top: header.bottom; bottom: footer.top; margins: Theme.margin }
        Component.onCompleted: loader.setSource(host.screenUrl, { "session": host.session })
    }
    Rectangle {
        id: footer
        anchors { left: parent.left; right: parent.right; bottom: parent.bottom }
        height: Theme.px(136)
        color: Theme.surface
        border.color: Theme.lineSoft
        border.width: 1
        // The shell's footer: 返回 (when the step has one) and 返回首页, same places.
        BackButton {
            id: backButton
            visible: host.backVisible
            anchors { left: parent.left; leftMargin: Theme.margin; verticalCenter: parent.verticalCenter }
            onClicked: host.back()
        }
        HomeButton {  // here for its place and size only
            anchors { left: backButton.visible ? backButton.right : parent.left; leftMargin: Theme.margin
                      verticalCenter: parent.verticalCenter }
        }
    }
}
