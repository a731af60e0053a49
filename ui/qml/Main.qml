import QtQuick
import QtQuick.Window

// The terminal's one window: a header that never changes (where am I, what time is it, is
// the network up), one screen for the current step, and a footer whose 返回首页 is always
// in the same place so a resident who is lost has one way out.
Window {
    id: root

    required property QtObject vm

    width: 1280
    height: 800
    minimumWidth: 1280
    minimumHeight: 800
    visible: false
    title: "政务服务自助终端"
    color: pal.background

    KioskTheme { id: pal }

    function showNotice(text) {
        notice.text = text
        notice.visible = true
        noticeTimer.restart()
    }

    // Header ------------------------------------------------------------------------------
    Rectangle {
        id: header
        anchors { left: parent.left; right: parent.right; top: parent.top }
        height: 96
        color: pal.header

        Column {
            anchors { left: parent.left; leftMargin: 32; verticalCenter: parent.verticalCenter }
            spacing: 2
            Text {
                text: "政务服务自助终端"
                color: pal.onDark
                font.pixelSize: 34
                font.bold: true
            }
            Text {
                text: root.vm.regionName
                color: pal.onDark
                font.pixelSize: 28
            }
        }

        Row {
            anchors { right: parent.right; rightMargin: 32; verticalCenter: parent.verticalCenter }
            spacing: 32

            Row {
                anchors.verticalCenter: parent.verticalCenter
                spacing: 12
                visible: root.vm.networkKnown || root.vm.queueDepth > 0
                Rectangle {
                    anchors.verticalCenter: parent.verticalCenter
                    width: 22; height: 22; radius: 11
                    visible: root.vm.networkKnown
                    color: root.vm.online ? "#4CD964" : "#FFB020"
                    border.color: pal.onDark
                    border.width: 2
                }
                Text {
                    anchors.verticalCenter: parent.verticalCenter
                    color: pal.onDark
                    font.pixelSize: 28
                    text: {
                        var parts = []
                        if (root.vm.networkKnown)
                            parts.push(root.vm.online ? "网络正常" : "网络断开")
                        if (root.vm.queueDepth > 0)
                            parts.push("待上传 " + root.vm.queueDepth + " 件")
                        return parts.join("  ·  ")
                    }
                }
            }

            Text {
                id: clock
                anchors.verticalCenter: parent.verticalCenter
                color: pal.onDark
                font.pixelSize: 32
                font.bold: true
                function now() {
                    var d = new Date()
                    var week = ["日", "一", "二", "三", "四", "五", "六"][d.getDay()]
                    return Qt.formatDateTime(d, "M月d日") + " 星期" + week + "  "
                            + Qt.formatDateTime(d, "HH:mm")
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
    Item {
        id: content
        anchors { left: parent.left; right: parent.right; top: header.bottom; bottom: footer.top }
        anchors.margins: 32

        HomeScreen {
            anchors.fill: parent
            visible: root.vm.step === "home"
            vm: root.vm
            onComingSoon: (name) => root.showNotice("“" + name + "”即将开放\n如需办理，请找工作人员")
        }
        InsertCardScreen {
            anchors.fill: parent
            visible: root.vm.step === "insert_card"
            vm: root.vm
        }
        ChooseItemScreen {
            anchors.fill: parent
            visible: root.vm.step === "choose_item"
            vm: root.vm
        }
        ConfirmScreen {
            anchors.fill: parent
            visible: root.vm.step === "confirm"
            vm: root.vm
        }
        DoneScreen {
            anchors.fill: parent
            visible: root.vm.step === "done"
            vm: root.vm
        }
        QueryResultScreen {
            anchors.fill: parent
            visible: root.vm.step === "query_result"
            vm: root.vm
            onRate: (index) => root.vm.rateCase(index)
        }
        RatingScreen {
            anchors.fill: parent
            visible: root.vm.step === "rate"
            vm: root.vm
        }
        RatedScreen {
            anchors.fill: parent
            visible: root.vm.step === "rated"
            vm: root.vm
        }
        MaintenanceScreen {
            anchors.fill: parent
            visible: root.vm.step === "maintenance"
            vm: root.vm
        }
    }

    // Footer ------------------------------------------------------------------------------
    Rectangle {
        id: footer
        anchors { left: parent.left; right: parent.right; bottom: parent.bottom }
        height: 136
        color: pal.surface
        border.color: "#C9CED6"
        border.width: 1

        BigButton {
            id: homeButton
            objectName: "homeButton"
            anchors { left: parent.left; leftMargin: 32; verticalCenter: parent.verticalCenter }
            width: 300
            visible: root.vm.step !== "home"
            text: "返回首页"
            onClicked: root.vm.endSession()
        }
        Text {
            anchors {
                left: homeButton.visible ? homeButton.right : parent.left
                leftMargin: 32
                right: parent.right
                rightMargin: 32
                verticalCenter: parent.verticalCenter
            }
            horizontalAlignment: homeButton.visible ? Text.AlignRight : Text.AlignHCenter
            color: pal.inkSoft
            font.pixelSize: 28
            wrapMode: Text.WordWrap
            text: root.vm.step === "home"
                  ? "需要帮助请找工作人员  ·  政务服务便民热线 12345"
                  : root.vm.step === "maintenance"
                    ? "本页只读，不显示居民信息  ·  长时间不操作将自动返回首页"
                    : "长时间不操作，将自动返回首页并清除您的信息"
        }
        // The technician's way in: hold the home screen's footer (with the terminal id) for
        // three seconds. Nothing shows it to residents; a tap does nothing, and the screen
        // behind it is read-only and holds no personal data, so an accidental hold is
        // harmless and the idle timeout brings the terminal home again.
        Text {
            objectName: "footerTerminalId"
            anchors { right: parent.right; rightMargin: 24; bottom: parent.bottom; bottomMargin: 10 }
            visible: root.vm.step === "home"
            text: "终端 " + root.vm.terminalId
            color: pal.inkSoft
            font.pixelSize: 20
        }
        MouseArea {
            objectName: "maintenanceHold"
            anchors.fill: parent
            enabled: root.vm.step === "home"
            pressAndHoldInterval: 3000
            onPressAndHold: root.vm.openMaintenance()
        }
    }

    // "即将开放" notice -----------------------------------------------------------------------
    Rectangle {
        id: notice
        property alias text: noticeText.text
        visible: false
        anchors.fill: parent
        color: "#99000000"
        z: 10

        Rectangle {
            anchors.centerIn: parent
            width: 720
            height: 320
            radius: pal.radius
            color: pal.surface
            Text {
                id: noticeText
                anchors { left: parent.left; right: parent.right; top: parent.top; margins: 40 }
                horizontalAlignment: Text.AlignHCenter
                wrapMode: Text.WordWrap
                color: pal.ink
                font.pixelSize: 36
                font.bold: true
            }
            BigButton {
                anchors { horizontalCenter: parent.horizontalCenter; bottom: parent.bottom; bottomMargin: 32 }
                width: 300
                kind: "primary"
                text: "知道了"
                onClicked: notice.visible = false
            }
        }
        MouseArea {
            anchors.fill: parent
            z: -1
            onClicked: notice.visible = false
        }
        Timer {
            id: noticeTimer
            interval: 6000
            onTriggered: notice.visible = false
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
