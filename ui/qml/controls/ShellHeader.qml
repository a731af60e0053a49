import QtQuick
import ".."

// The header that never changes (where am I, what time is it, is the network up): the
// terminal's window (Main.qml) and its first frame (Start.qml) show the same one, fed
// from the shell's view model there and from the configuration here.
Rectangle {
    id: header

    property string regionName: ""
    property string maskedName: ""
    property bool networkKnown: false
    property bool online: false
    property int queueDepth: 0

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
            text: header.regionName
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
            visible: header.maskedName !== ""
            text: qsTr("您好，%1").arg(header.maskedName)
            color: Theme.onDark
            font.pixelSize: Theme.labelSize
            font.bold: true
        }
        Row {
            anchors.verticalCenter: parent.verticalCenter
            spacing: 12
            visible: header.networkKnown || header.queueDepth > 0
            Rectangle {
                anchors.verticalCenter: parent.verticalCenter
                width: 22; height: 22; radius: 11
                visible: header.networkKnown
                color: header.online ? "#4CD964" : "#FFB020"
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
                    if (header.networkKnown)
                        parts.push(header.online ? qsTr("网络正常") : qsTr("网络断开"))
                    if (header.queueDepth > 0)
                        parts.push(qsTr("待上传 %1 件").arg(header.queueDepth))
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
