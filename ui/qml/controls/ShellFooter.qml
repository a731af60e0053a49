import QtQuick
import ".."

// The footer whose 返回 and 返回首页 are always in the same place, so a resident who is lost
// has one way out; on the home screen it carries the help line, the terminal id and the
// technician's hold. Main.qml feeds it from the shell; Start.qml shows the home variant.
Rectangle {
    id: footer

    property string step: "home"
    property bool canGoBack: false
    property bool canGoHome: false
    property string terminalId: ""
    // 帮助 and 再听一遍, at the right of every screen (none on the first frame: Start.qml)
    property bool helpAvailable: false
    // The shell's Speaker (a QtObject here: the first frame, Start.qml, has none, and
    // naming the type would make it load Qt Multimedia, 0.1 s, before that frame).
    property QtObject speaker: null
    property bool speakerAvailable: false  // the Speaker's ``available``
    property bool helpOpen: false  // the help panel is over the page: no technician's hold
    signal back()
    signal home()
    signal maintenance()
    signal help()

    height: Theme.elder ? Theme.px(118) : Theme.px(136)  // 长辈模式: room for the page
    color: Theme.surface
    border.color: Theme.lineSoft
    border.width: 1

    // 返回 and 返回首页 are always here, in this order, when the step offers them.
    Row {
        id: ways
        anchors { left: parent.left; leftMargin: Theme.margin; verticalCenter: parent.verticalCenter }
        spacing: Theme.spacing
        BackButton {
            objectName: "footerBack"
            visible: footer.canGoBack
            onClicked: footer.back()
        }
        HomeButton {
            visible: footer.canGoHome
            onClicked: footer.home()
        }
    }
    Row {
        id: aids
        anchors { right: parent.right; rightMargin: Theme.margin; verticalCenter: parent.verticalCenter }
        spacing: Theme.spacing
        BigButton {
            objectName: "helpButton"
            visible: footer.helpAvailable
            text: qsTr("帮助")
            implicitHeight: Math.max(Theme.minTarget, Theme.compactHeight)
            implicitWidth: Math.max(Theme.minTarget, Theme.elder ? Theme.px(130) : Theme.px(160))
            onClicked: footer.help()
        }
        Loader {  // 再听一遍 (RepeatButton.qml), made only where there is a speaker
            id: repeat
            anchors.verticalCenter: parent.verticalCenter
            visible: footer.speakerAvailable && repeat.status === Loader.Ready
            function load(): void {
                if (footer.speaker !== null && repeat.status === Loader.Null)
                    repeat.setSource(Qt.resolvedUrl("RepeatButton.qml"), {"speaker": footer.speaker})
            }
            Component.onCompleted: repeat.load()
            Connections {
                target: footer
                function onSpeakerChanged() { repeat.load() }
            }
        }
    }
    // The line of help beside them: where there is room (no 返回 / 返回首页 on the step).
    Text {
        id: footerHint
        visible: ways.width === 0
        anchors {
            left: parent.left
            leftMargin: Theme.margin
            right: aids.width > 0 ? aids.left : parent.right
            rightMargin: Theme.margin
            verticalCenter: parent.verticalCenter
        }
        horizontalAlignment: Text.AlignHCenter
        color: Theme.inkSoft
        font.pixelSize: Theme.labelSize
        wrapMode: Text.WordWrap
        lineHeight: Theme.lineSpacing
        text: footer.step === "home"
              ? qsTr("需要帮助请找工作人员  ·  政务服务便民热线 12345")
              : footer.step === "maintenance"
                ? qsTr("本页只读，不显示居民信息")
                : qsTr("长时间不操作，将自动返回首页并清除您的信息")
    }
    // The technician's way in: hold the home screen's footer (with the terminal id) for
    // three seconds. Nothing shows it to residents; a tap does nothing, and the screen
    // behind it is read-only and holds no personal data, so an accidental hold is
    // harmless and the idle timeout brings the terminal home again.
    Text {
        objectName: "footerTerminalId"
        anchors { left: parent.left; leftMargin: Theme.spacing; bottom: parent.bottom; bottomMargin: 6 }
        visible: footer.step === "home"
        text: qsTr("终端 %1").arg(footer.terminalId)
        color: Theme.inkSoft
        font.pixelSize: Theme.smallSize
    }
    MouseArea {
        objectName: "maintenanceHold"
        anchors { left: parent.left; top: parent.top; bottom: parent.bottom
                  right: aids.width > 0 ? aids.left : parent.right
                  rightMargin: aids.width > 0 ? Theme.spacing : 0 }
        enabled: footer.step === "home" && !footer.helpOpen
        Accessible.role: Accessible.StaticText
        Accessible.name: footerHint.text
        Accessible.description: qsTr("技术人员：按住三秒打开维护信息")
        Accessible.onPressAction: footer.maintenance()
        pressAndHoldInterval: 3000
        onPressAndHold: footer.maintenance()
    }
}
