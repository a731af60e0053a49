pragma ComponentBehavior: Bound
import QtQuick
import "../.."

// 维护信息: for the technician who drove out because the terminal stopped syncing. The one
// thing to act on comes first, in a coloured box (green: fine, amber: waiting, red: needs
// a technician), with what to do in plain Chinese; the facts behind it sit beside it.
// Read-only on purpose: changing the queue stays on the command line (kiosk requeue),
// where it is audited and cannot be done by a resident's stray touch.
Item {
    id: screen

    property MaintenanceViewModel vm
    readonly property var m: vm.info

    Text {
        id: title
        anchors { left: parent.left; top: parent.top }
        text: qsTr("维护信息")
        color: Theme.ink
        font.pixelSize: Theme.titleSize
        font.bold: true
    }
    Text {
        objectName: "maintenanceRefreshedAt"
        anchors { left: title.right; leftMargin: Theme.spacing; right: refresh.left; rightMargin: Theme.spacing
                  baseline: title.baseline }
        text: qsTr("技术人员使用  ·  更新于 %1").arg(screen.m.refreshedAt)
        color: Theme.inkSoft
        font.pixelSize: Theme.smallSize
        elide: Text.ElideRight
    }
    BigButton {
        id: refresh
        objectName: "maintenanceRefresh"
        anchors { right: parent.right; top: parent.top }
        width: Theme.px(200)
        height: Math.max(Theme.minTarget, Theme.px(72))
        fontSize: Theme.px(32)
        text: qsTr("刷新")
        onClicked: screen.vm.refresh()
    }

    // Below the title: the facts and the diagnosis side by side, as tall as the page; in
    // 长辈模式 (larger type) taller than the page, so it scrolls, vertically only.
    Flickable {
        id: scroller
        objectName: "maintenanceScroll"
        anchors { left: parent.left; right: parent.right; top: refresh.bottom; topMargin: Theme.gap; bottom: parent.bottom }
        contentWidth: width
        contentHeight: body.height
        flickableDirection: Flickable.VerticalFlick
        boundsBehavior: Flickable.StopAtBounds
        interactive: contentHeight > height + 1
        clip: true

    Item {
        id: body
        width: scroller.width
        height: Math.max(scroller.height, factsColumn.implicitHeight + Theme.px(16),
                         diagColumn.implicitHeight + (screen.m.parked > 0 ? Theme.px(80) : 0)
                         + (hint.visible ? hint.implicitHeight + Theme.px(8) : 0) + Theme.px(16))

    // The terminal's facts --------------------------------------------------------------
    Rectangle {
        id: facts
        anchors { left: parent.left; top: parent.top; bottom: parent.bottom }
        width: Theme.px(500)
        radius: Theme.radius
        color: Theme.surface
        border.color: Theme.lineSoft
        border.width: 1

        Column {
            id: factsColumn
            anchors { fill: parent; leftMargin: Theme.px(22); rightMargin: Theme.px(22); topMargin: Theme.px(10); bottomMargin: Theme.px(6) }
            spacing: Theme.px(4)
            Repeater {
                model: [
                    [qsTr("终端编号"), screen.m.terminalId],
                    [qsTr("行政区划"), screen.m.region],
                    [qsTr("县级平台"), screen.m.platformUrl],
                    [qsTr("终端登记"), screen.m.enrolment],
                    [qsTr("平台连接"), screen.m.link],
                    [qsTr("上次联系"), screen.m.lastContact],
                    [qsTr("待上传"), qsTr("%1 件").arg(screen.m.pending)],
                    [qsTr("待上报日志"), qsTr("%1 条").arg(screen.m.auditBacklog)],
                    [qsTr("服务目录"), screen.m.catalogVersion === "" ? "—" : qsTr("版本 %1").arg(screen.m.catalogVersion)],
                    [qsTr("存储空间"), screen.m.freeSpace],
                    [qsTr("终端时钟"), screen.m.clock]
                ]
                delegate: Row {
                    id: fact
                    required property var modelData
                    spacing: Theme.gap
                    Text {
                        id: factLabel
                        width: Theme.px(130)
                        text: fact.modelData[0]
                        color: Theme.inkSoft
                        font.pixelSize: Theme.smallSize
                    }
                    Text {
                        objectName: "fact:" + fact.modelData[0]
                        width: factsColumn.width - factLabel.width - Theme.gap
                        text: fact.modelData[1]
                        color: Theme.ink
                        font.pixelSize: Theme.smallSize
                        font.bold: true
                        // URLs and versions fill the line; words break where words do.
                        wrapMode: /^[\x20-\x7e]*$/.test(text) ? Text.WrapAnywhere
                                                                : Text.WrapAtWordBoundaryOrAnywhere
                        // 1.3 between lines of a value on two lines (a line break in it, or
                        // wider than its column); single lines stay compact so all eleven
                        // facts fit beside the diagnosis. Decided from the text and its
                        // natural width, not from lineCount, which the line height feeds.
                        // 长辈模式: always 1.3 (there the values wrap and the page scrolls).
                        lineHeight: Theme.elder || text.indexOf("\n") >= 0 || implicitWidth > width
                                    ? Theme.lineSpacing : 1.0
                        maximumLineCount: 2
                        elide: Text.ElideRight
                    }
                }
            }
        }
    }

    // What to do ------------------------------------------------------------------------
    Column {
        id: diagColumn
        anchors { left: facts.right; leftMargin: Theme.spacing; right: parent.right; top: facts.top }
        spacing: Theme.gap

        Rectangle {
            id: diagnosis
            objectName: "maintenanceDiagnosis"
            width: parent.width
            height: diagnosisText.implicitHeight + 2 * Theme.px(18)
            radius: Theme.radius
            color: screen.m.severity === "ok" ? Theme.successSoft
                   : screen.m.severity === "warning" ? Theme.warningSoft : Theme.dangerSoft
            border.width: 3
            border.color: screen.m.severity === "ok" ? Theme.success
                          : screen.m.severity === "warning" ? Theme.warning : Theme.danger

            Column {
                id: diagnosisText
                anchors { left: parent.left; right: parent.right; top: parent.top; margins: Theme.px(18) }
                spacing: Theme.px(8)
                Text {
                    objectName: "maintenanceHeadline"
                    width: parent.width
                    text: screen.m.headline
                    color: screen.m.severity === "error" ? Theme.danger
                           : screen.m.severity === "ok" ? Theme.success : Theme.warningInk
                    font.pixelSize: Theme.px(32)
                    font.bold: true
                    wrapMode: Text.WordWrap
                    lineHeight: Theme.lineSpacing
                }
                Text {
                    objectName: "maintenanceAction"
                    width: parent.width
                    text: screen.m.action
                    color: Theme.ink
                    font.pixelSize: Theme.smallSize
                    wrapMode: Text.WrapAtWordBoundaryOrAnywhere
                    lineHeight: Theme.lineSpacing
                }
                Text {
                    objectName: "maintenanceDetail"
                    width: parent.width
                    visible: text !== ""
                    text: screen.m.detail
                    color: Theme.inkSoft
                    font.pixelSize: Theme.smallSize
                    wrapMode: Text.WrapAtWordBoundaryOrAnywhere
                    lineHeight: Theme.lineSpacing
                    maximumLineCount: 2
                    elide: Text.ElideRight
                }
            }
        }

        Text {
            objectName: "maintenanceParked"
            width: parent.width
            text: screen.m.parked > 0 ? qsTr("已搁置 %1 件（多次发送被平台拒绝）").arg(screen.m.parked)
                                      : qsTr("没有搁置的办件")
            color: screen.m.parked > 0 ? Theme.danger : Theme.inkSoft
            font.pixelSize: Theme.smallSize
            font.bold: true
            wrapMode: Text.WrapAtWordBoundaryOrAnywhere
            lineHeight: Theme.lineSpacing
        }
        // The camera (issue 14): the last trouble a materials screen met — missing,
        // unplugged or black — with when and what to check; grey when none is recorded.
        Text {
            objectName: "maintenanceCamera"
            width: parent.width
            text: qsTr("摄像头：%1").arg(screen.m.camera)
            color: screen.m.cameraTrouble ? Theme.danger : Theme.inkSoft
            font.pixelSize: Theme.smallSize
            font.bold: screen.m.cameraTrouble
            wrapMode: Text.WrapAtWordBoundaryOrAnywhere
            lineHeight: Theme.lineSpacing
            maximumLineCount: 3
            elide: Text.ElideRight
        }
        // The version running and what the last update did (issue 16: kiosk update).
        Text {
            objectName: "maintenanceSoftware"
            width: parent.width
            visible: screen.m.software !== ""
            text: qsTr("软件版本：%1").arg(screen.m.software)
            color: Theme.inkSoft
            font.pixelSize: Theme.smallSize
            wrapMode: Text.WrapAtWordBoundaryOrAnywhere
            lineHeight: Theme.lineSpacing
            maximumLineCount: 2
            elide: Text.ElideRight
        }
    }

    // Parked items fill the room between the box above and the hint below; clipped, so a
    // long list can never run into the footer (`kiosk queue` lists every one in full).
    Item {
        id: parkedBox
        anchors {
            left: diagColumn.left; right: diagColumn.right; top: diagColumn.bottom; topMargin: Theme.px(8)
            bottom: hint.visible ? hint.top : parent.bottom; bottomMargin: Theme.px(8)
        }
        clip: true
        Column {
            width: parent.width
            spacing: Theme.px(10)
            Repeater {
                model: screen.vm.parkedItems
                delegate: Column {
                    id: parkedRow
                    required property int outboxId
                    required property string kind
                    required property int attempts
                    required property string error
                    width: parent.width
                    spacing: Theme.px(2)
                    // A row that does not fit whole is not shown at all (opacity, so the
                    // rows above keep their places).
                    opacity: y + height <= parkedBox.height ? 1 : 0
                    Text {
                        width: parent.width
                        text: "#" + parkedRow.outboxId + "  " + parkedRow.kind
                              + "  ·  " + qsTr("已尝试 %1 次").arg(parkedRow.attempts)
                        color: Theme.ink
                        font.pixelSize: Theme.smallSize
                        font.bold: true
                    }
                    Text {
                        width: parent.width
                        text: parkedRow.error
                        color: Theme.inkSoft
                        font.pixelSize: Theme.smallSize
                        wrapMode: Text.WrapAtWordBoundaryOrAnywhere
                        maximumLineCount: 1  // one line: `kiosk queue` shows it whole
                        elide: Text.ElideRight
                    }
                }
            }
        }
    }
    Text {
        id: hint
        objectName: "maintenanceRequeueHint"
        anchors { left: diagColumn.left; right: diagColumn.right; bottom: parent.bottom }
        visible: screen.m.parked > 0
        text: screen.m.requeueHint
        color: Theme.ink
        font.pixelSize: Theme.smallSize
        wrapMode: Text.WordWrap
        lineHeight: Theme.lineSpacing
    }
    }
    }
}
