pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.Controls
import QtQuick.Window

// The terminal's one window: a header that never changes (where am I, what time is it, is
// the network up), a StackView holding only the screen for the core's current step, and a
// footer whose 返回首页 is always in the same place so a resident who is lost has one way
// out. Screens are created when their step comes and destroyed when it goes, so nothing a
// resident typed or saw outlives its screen.
Window {
    id: root

    required property ShellViewModel vm

    width: 1280
    height: 800
    minimumWidth: 1280
    minimumHeight: 800
    visible: false
    title: qsTr("政务服务自助终端")
    color: Theme.background

    // Step name (kiosk.flow.Step) → the screen that shows it. A step whose screen is a
    // file of its own (the service screens, the form: ui/vm/screens.py) comes as
    // vm.screenSource and gets the shell as its session; a step with neither shows
    // MissingScreen, which says so, rather than a blank page.
    readonly property var screens: ({
        "home": homeScreen,
        "insert_card": insertCardScreen,
        "done": doneScreen,
        "query_result": queryResultScreen,
        "rate": ratingScreen,
        "rated": ratedScreen,
        "maintenance": maintenanceScreen,
        "photo": photoScreen,
        "query_scan": queryScanScreen
    })
    readonly property string step: vm.step

    function show(): void {
        var source = root.vm.screenSource
        var screen = root.screens[root.step]
        if (source.toString() !== "")
            stack.replace(null, source, {"session": root.vm}, StackView.Immediate)
        // A file that did not load (the log says why) must not leave a blank page.
        if (source.toString() === "" || stack.currentItem === null)
            stack.replace(null, screen === undefined ? missingScreen : screen, {},
                          StackView.Immediate)
    }
    onStepChanged: show()
    Component.onCompleted: show()

    Component { id: homeScreen; HomeScreen { vm: root.vm.home } }
    Component { id: insertCardScreen; InsertCardScreen { vm: root.vm.card } }
    Component {
        id: doneScreen
        DoneScreen { vm: root.vm.done; busy: root.vm.busy; onFinished: root.vm.endSession() }
    }
    Component { id: queryResultScreen; QueryResultScreen { vm: root.vm.query } }
    Component { id: ratingScreen; RatingScreen { vm: root.vm.rating } }
    Component { id: ratedScreen; RatedScreen { vm: root.vm.rating } }
    Component { id: maintenanceScreen; MaintenanceScreen { vm: root.vm.maintenance } }
    Component { id: photoScreen; PhotoScreen { vm: root.vm.photo; busy: root.vm.busy } }
    Component { id: queryScanScreen; QueryScanScreen { vm: root.vm.scan } }
    Component { id: missingScreen; MissingScreen { step: root.step; title: root.vm.title } }

    // Header ------------------------------------------------------------------------------
    Rectangle {
        id: header
        anchors { left: parent.left; right: parent.right; top: parent.top }
        height: Theme.px(96)
        color: Theme.header

        Column {
            anchors { left: parent.left; leftMargin: Theme.margin; verticalCenter: parent.verticalCenter }
            spacing: 2
            Text {
                text: qsTr("政务服务自助终端")
                color: Theme.onDark
                font.pixelSize: Theme.px(34)
                font.bold: true
            }
            Text {
                text: root.vm.regionName
                color: Theme.onDark
                font.pixelSize: Theme.labelSize
            }
        }

        Row {
            anchors { right: parent.right; rightMargin: Theme.margin; verticalCenter: parent.verticalCenter }
            spacing: Theme.margin

            Text {
                objectName: "servedName"
                anchors.verticalCenter: parent.verticalCenter
                visible: root.vm.maskedName !== ""
                text: qsTr("您好，%1").arg(root.vm.maskedName)
                color: Theme.onDark
                font.pixelSize: Theme.labelSize
                font.bold: true
            }
            Row {
                anchors.verticalCenter: parent.verticalCenter
                spacing: 12
                visible: root.vm.networkKnown || root.vm.queueDepth > 0
                Rectangle {
                    anchors.verticalCenter: parent.verticalCenter
                    width: 22; height: 22; radius: 11
                    visible: root.vm.networkKnown
                    color: root.vm.online ? "#4CD964" : "#FFB020"
                    border.color: Theme.onDark
                    border.width: 2
                }
                Text {
                    objectName: "networkStatus"
                    anchors.verticalCenter: parent.verticalCenter
                    color: Theme.onDark
                    font.pixelSize: Theme.labelSize
                    text: {
                        var parts = []
                        if (root.vm.networkKnown)
                            parts.push(root.vm.online ? qsTr("网络正常") : qsTr("网络断开"))
                        if (root.vm.queueDepth > 0)
                            parts.push(qsTr("待上传 %1 件").arg(root.vm.queueDepth))
                        return parts.join("  ·  ")
                    }
                }
            }

            Text {
                id: clock
                anchors.verticalCenter: parent.verticalCenter
                color: Theme.onDark
                font.pixelSize: Theme.px(32)
                font.bold: true
                function now(): string {
                    var d = new Date()
                    var week = [qsTr("星期日"), qsTr("星期一"), qsTr("星期二"), qsTr("星期三"),
                                qsTr("星期四"), qsTr("星期五"), qsTr("星期六")][d.getDay()]
                    return qsTr("%1月%2日").arg(d.getMonth() + 1).arg(d.getDate()) + " " + week
                            + "  " + Qt.formatDateTime(d, "HH:mm")
                }
                text: now()
                Timer {
                    interval: 1000
                    running: true
                    repeat: true
                    onTriggered: clock.text = clock.now()
                }
            }
        }
    }

    // The current screen -------------------------------------------------------------------
    StackView {
        id: stack
        objectName: "screens"
        clip: true  // a screen that runs long never draws over the footer's ways out
        anchors { left: parent.left; right: parent.right; top: header.bottom; bottom: footer.top }
        anchors.margins: Theme.margin
        // No animation: an older resident should see the next page, not a slide.
        replaceEnter: null
        replaceExit: null
        pushEnter: null
        pushExit: null
        popEnter: null
        popExit: null
    }

    // Footer ------------------------------------------------------------------------------
    Rectangle {
        id: footer
        anchors { left: parent.left; right: parent.right; bottom: parent.bottom }
        height: Theme.px(136)
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
                visible: root.vm.canGoBack
                onClicked: root.vm.goBack()
            }
            HomeButton {
                visible: root.vm.canGoHome
                onClicked: root.vm.endSession()
            }
        }
        Text {
            id: footerHint
            anchors {
                left: ways.width > 0 ? ways.right : parent.left
                leftMargin: Theme.margin
                right: parent.right
                rightMargin: Theme.margin
                verticalCenter: parent.verticalCenter
            }
            horizontalAlignment: ways.width > 0 ? Text.AlignRight : Text.AlignHCenter
            color: Theme.inkSoft
            font.pixelSize: Theme.labelSize
            wrapMode: Text.WordWrap
            lineHeight: Theme.lineSpacing
            text: root.step === "home"
                  ? qsTr("需要帮助请找工作人员  ·  政务服务便民热线 12345")
                  : root.step === "maintenance"
                    ? qsTr("本页只读，不显示居民信息")
                    : qsTr("长时间不操作，将自动返回首页并清除您的信息")
        }
        // The technician's way in: hold the home screen's footer (with the terminal id) for
        // three seconds. Nothing shows it to residents; a tap does nothing, and the screen
        // behind it is read-only and holds no personal data, so an accidental hold is
        // harmless and the idle timeout brings the terminal home again.
        Text {
            objectName: "footerTerminalId"
            anchors { right: parent.right; rightMargin: Theme.spacing; bottom: parent.bottom; bottomMargin: 6 }
            visible: root.step === "home"
            text: qsTr("终端 %1").arg(root.vm.terminalId)
            color: Theme.inkSoft
            font.pixelSize: Theme.smallSize
        }
        MouseArea {
            objectName: "maintenanceHold"
            anchors.fill: parent
            enabled: root.step === "home"
            Accessible.role: Accessible.StaticText
            Accessible.name: footerHint.text
            Accessible.description: qsTr("技术人员：按住三秒打开维护信息")
            Accessible.onPressAction: root.vm.openMaintenance()
            pressAndHoldInterval: 3000
            onPressAndHold: root.vm.openMaintenance()
        }
    }

    // Any press anywhere tells the view model the resident is still there. The press is
    // handed on (accepted = false), so buttons underneath still get it.
    MouseArea {
        anchors.fill: parent
        z: 100
        onPressed: (mouse) => {
            root.vm.touched()
            mouse.accepted = false
        }
    }
}
