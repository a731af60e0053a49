import QtQuick
import "../.."

// 拍照上传材料: the document camera (高拍仪) for a paper, the portrait camera for the
// 电子证件照. One file per kind; this one picks by the step's record.
Item {
    id: screen
    objectName: "captureScreen"

    property QtObject session

    CaptureViewModel { id: vm; session: screen.session }

    function load(): void {
        loader.setSource(vm.portrait ? "PortraitScreen.qml" : "DocumentCaptureScreen.qml",
                         { "session": screen.session, "vm": vm })
    }
    Connections {
        target: vm
        function onPortraitChanged() { screen.load() }
    }
    Loader {
        id: loader
        anchors.fill: parent
        Component.onCompleted: screen.load()
    }
}
