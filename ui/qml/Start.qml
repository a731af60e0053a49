pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.Window

// `kiosk run`'s first frame: the home screen as the terminal's window (Main.qml) shows it,
// built from the configuration alone, while the terminal (store, devices, sync, every
// other screen) opens behind it; Main.qml then takes over and this window closes. A
// touch on it is not lost: the home screen's view model here only notes the choice, and
// the terminal carries it out once it is open (ui/start.py).
Window {
    id: root

    required property HomeViewModel home
    required property string regionName
    required property string terminalId

    objectName: "start"
    width: 1280
    height: 800
    minimumWidth: 1280
    minimumHeight: 800
    visible: false
    title: qsTr("政务服务自助终端")
    color: Theme.background

    ShellHeader {
        id: header
        anchors { left: parent.left; right: parent.right; top: parent.top }
        regionName: root.regionName
    }
    HomeScreen {
        anchors { left: parent.left; right: parent.right; top: header.bottom; bottom: footer.top }
        anchors.margins: Theme.margin
        vm: root.home
    }
    ShellFooter {
        id: footer
        anchors { left: parent.left; right: parent.right; bottom: parent.bottom }
        terminalId: root.terminalId
    }
}
