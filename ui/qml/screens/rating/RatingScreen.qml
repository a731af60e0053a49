pragma ComponentBehavior: Bound
import QtQuick
import "../.."

// 好差评: five faces with words, one tap each. A poor rating (不满意, 非常不满意) opens the
// reasons and a big digit pad for the phone number the follow-up call (回访) needs; the
// pad is drawn here because a pinyin keyboard is a lot to ask of an older resident who
// only has to type eleven digits. What is typed stays on this screen and is cleared as
// soon as the screen goes away (idle timeout included).
Item {
    id: screen

    property RatingViewModel vm
    property var reasons: []
    property string phone: ""

    readonly property int level: vm.level
    readonly property bool poor: vm.needsPhone

    function reset() {
        reasons = []
        phone = ""
    }
    function toggle(reason) {
        var next = reasons.slice()
        var at = next.indexOf(reason)
        if (at >= 0)
            next.splice(at, 1)
        else
            next.push(reason)
        reasons = next
    }
    function submit() {
        vm.submit(level, poor ? reasons : [], poor ? phone : "")
    }
    function spaced(digits) {
        if (digits.length <= 3) return digits
        if (digits.length <= 7) return digits.slice(0, 3) + " " + digits.slice(3)
        return digits.slice(0, 3) + " " + digits.slice(3, 7) + " " + digits.slice(7)
    }

    onVisibleChanged: if (!visible) reset()
    onLevelChanged: reasons = []
    // A different case (a new resident) starts with nothing chosen; a refused submit keeps
    // what was typed, since the value here only changes when the case does.
    readonly property string caseNo: vm.caseNo
    onCaseNoChanged: reset()

    // All five faces ------------------------------------------------------------------------
    Item {
        anchors.fill: parent
        visible: !screen.poor

        Text {
            id: title
            anchors { left: parent.left; top: parent.top }
            text: qsTr("请您为这次服务打分")
            color: Theme.ink
            font.pixelSize: Theme.titleSize
            font.bold: true
        }
        Rectangle {
            anchors { right: parent.right; verticalCenter: title.verticalCenter }
            width: caseText.implicitWidth + Theme.px(48)
            height: Theme.minTarget
            radius: Theme.radius
            color: Theme.infoSoft
            Text {
                id: caseText
                anchors.centerIn: parent
                text: qsTr("办件编号 %1").arg(screen.vm.caseNo)
                color: Theme.ink
                font.pixelSize: Theme.labelSize
                font.bold: true
            }
        }

        Row {
            id: faces
            anchors { left: parent.left; right: parent.right; top: title.bottom; topMargin: Theme.spacing }
            spacing: Theme.gap
            Repeater {
                model: 5
                Rectangle {
                    id: tile
                    required property int index
                    readonly property int level: 5 - index
                    objectName: "level" + level
                    Accessible.role: Accessible.Button
                    Accessible.name: levelWord.text
                    Accessible.onPressAction: screen.vm.chooseLevel(tile.level)
                    width: (faces.width - 4 * faces.spacing) / 5
                    // the room between the title and the buttons (236 px at the reference)
                    height: Math.min(Theme.px(236), skipGood.y - faces.y - Theme.spacing)
                    radius: Theme.radius
                    color: screen.level === level ? Theme.infoSoft : tap.pressed ? "#F3F5F8" : Theme.surface
                    border.color: screen.level === level ? Theme.primary : Theme.line
                    border.width: screen.level === level ? 6 : 3
                    Face {
                        anchors { horizontalCenter: parent.horizontalCenter; top: parent.top; topMargin: Theme.px(16) }
                        level: tile.level
                        size: Math.max(Theme.px(40), Math.min(Theme.px(120), tile.height - levelWord.height - Theme.px(40)))
                    }
                    Text {
                        id: levelWord
                        anchors { horizontalCenter: parent.horizontalCenter; bottom: parent.bottom; bottomMargin: Theme.px(16) }
                        text: screen.vm.levelWords[tile.index]
                        color: Theme.ink
                        font.pixelSize: Theme.buttonSize
                        font.bold: true
                    }
                    MouseArea {
                        id: tap
                        anchors.fill: parent
                        onClicked: screen.vm.chooseLevel(tile.level)
                    }
                }
            }
        }

        Text {
            anchors { left: skipGood.right; leftMargin: Theme.spacing; right: submitGood.left; rightMargin: Theme.spacing; verticalCenter: submitGood.verticalCenter }
            text: screen.vm.problem ? screen.vm.message : qsTr("点一下表情，再点“提交评价”")
            color: screen.vm.problem ? Theme.danger : Theme.inkSoft
            font.pixelSize: Theme.labelSize
            font.bold: screen.vm.problem
            wrapMode: Text.WordWrap
            lineHeight: Theme.lineSpacing
        }
        // Rating is offered, never forced: 不评价 ends the visit like 退出.
        BigButton {
            id: skipGood
            objectName: "skipRating"
            anchors { left: parent.left; bottom: parent.bottom }
            width: Theme.px(240)
            text: qsTr("不评价")
            onClicked: screen.vm.skip()
        }
        BigButton {
            id: submitGood
            objectName: "submitRating"
            anchors { right: parent.right; bottom: parent.bottom }
            width: Theme.px(360)
            kind: "primary"
            text: qsTr("提交评价")
            enabled: screen.level > 0
            onClicked: screen.submit()
        }
    }

    // Reasons and phone for a poor rating ------------------------------------------------------
    Item {
        anchors.fill: parent
        visible: screen.poor

        Item {
            id: topRow
            anchors { left: parent.left; right: parent.right; top: parent.top }
            height: 88
            Face {
                id: smallFace
                anchors { left: parent.left; verticalCenter: parent.verticalCenter }
                level: Math.max(1, screen.level)
                size: 76
            }
            Text {
                id: chosenWord
                anchors { left: smallFace.right; leftMargin: 16; verticalCenter: parent.verticalCenter }
                text: screen.level > 0 ? screen.vm.levelWords[5 - screen.level] : ""
                color: Theme.ink
                font.pixelSize: 40
                font.bold: true
            }
            Rectangle {
                anchors { left: chosenWord.right; leftMargin: 24; right: again.left; rightMargin: 24; top: parent.top; bottom: parent.bottom }
                radius: Theme.radius
                color: screen.vm.problem ? Theme.dangerSoft : "transparent"
                border.color: Theme.danger
                border.width: screen.vm.problem ? 3 : 0
                Text {
                    objectName: "ratingProblem"
                    anchors { left: parent.left; right: parent.right; verticalCenter: parent.verticalCenter; margins: 16 }
                    text: screen.vm.problem ? screen.vm.message : qsTr("请留下手机号码，工作人员会给您回电了解情况")
                    color: screen.vm.problem ? Theme.danger : Theme.inkSoft
                    font.pixelSize: Theme.smallSize
                    font.bold: screen.vm.problem
                    wrapMode: Text.WordWrap
                    lineHeight: Theme.lineSpacing
                    maximumLineCount: 2
                    elide: Text.ElideRight
                }
            }
            BigButton {
                id: again
                anchors { right: parent.right; top: parent.top; bottom: parent.bottom }
                width: 220
                fontSize: 32
                text: qsTr("重新选择")
                onClicked: screen.vm.chooseLevel(0)
            }
        }

        Item {
            id: reasonsPane
            anchors { left: parent.left; top: topRow.bottom; topMargin: 20; bottom: parent.bottom }
            width: 640
            Text {
                id: reasonLabel
                text: qsTr("哪里不满意？（请至少选一项）")
                color: Theme.ink
                font.pixelSize: 30
                font.bold: true
            }
            Flow {
                anchors { left: parent.left; right: parent.right; top: reasonLabel.bottom; topMargin: 12 }
                spacing: 12
                Repeater {
                    model: screen.vm.poorReasons
                    Rectangle {
                        id: chip
                        required property string modelData
                        readonly property bool on: screen.reasons.indexOf(modelData) >= 0
                        objectName: "reason:" + modelData
                        Accessible.role: Accessible.CheckBox
                        Accessible.checkable: true
                        Accessible.checked: chip.on
                        Accessible.name: qsTranslate("kiosk", chip.modelData)  // shown translated, handed back as it came
                        Accessible.onPressAction: screen.toggle(chip.modelData)
                        Accessible.onToggleAction: screen.toggle(chip.modelData)
                        width: chipText.implicitWidth + 44
                        height: 60
                        radius: 30
                        color: on ? Theme.primary : Theme.surface
                        border.color: on ? Theme.primary : Theme.line
                        border.width: 3
                        Text {
                            id: chipText
                            anchors.centerIn: parent
                            text: (chip.on ? "✓ " : "") + qsTranslate("kiosk", chip.modelData)
                            color: chip.on ? Theme.onDark : Theme.ink
                            font.pixelSize: 28
                            font.bold: true
                        }
                        MouseArea {
                            anchors.fill: parent
                            onClicked: screen.toggle(chip.modelData)
                        }
                    }
                }
            }
            BigButton {
                objectName: "submitPoor"
                anchors { left: parent.left; bottom: parent.bottom }
                width: Theme.px(360)
                kind: "primary"
                text: qsTr("提交评价")
                onClicked: screen.submit()
            }
            BigButton {
                objectName: "skipRating"
                anchors { right: parent.right; bottom: parent.bottom }
                width: Theme.px(240)
                text: qsTr("不评价")
                onClicked: screen.vm.skip()
            }
        }

        Item {
            id: phonePane
            anchors { left: reasonsPane.right; leftMargin: 32; right: parent.right; top: topRow.bottom; topMargin: 20; bottom: parent.bottom }
            Text {
                id: phoneLabel
                text: qsTr("您的手机号码（回电用）")
                color: Theme.ink
                font.pixelSize: 30
                font.bold: true
            }
            Rectangle {
                id: display
                anchors { left: parent.left; right: parent.right; top: phoneLabel.bottom; topMargin: 8 }
                height: 68
                radius: 12
                color: Theme.surface
                border.color: Theme.primary
                border.width: 3
                Text {
                    objectName: "phoneDisplay"
                    anchors { left: parent.left; leftMargin: 20; verticalCenter: parent.verticalCenter }
                    text: screen.phone === "" ? qsTr("请用下面的数字键输入") : screen.spaced(screen.phone)
                    color: screen.phone === "" ? Theme.inkSoft : Theme.ink
                    font.pixelSize: screen.phone === "" ? 28 : 40
                    font.bold: screen.phone !== ""
                }
            }
            Grid {
                id: pad
                anchors { left: parent.left; right: parent.right; top: display.bottom; topMargin: 12 }
                columns: 4
                spacing: 12
                Repeater {
                    model: ["1", "2", "3", "删除", "4", "5", "6", "清空", "7", "8", "9", "0"]
                    Rectangle {
                        id: key
                        required property string modelData
                        readonly property bool digit: modelData.length === 1
                        objectName: "key:" + modelData
                        Accessible.role: Accessible.Button
                        Accessible.name: key.modelData === "删除" ? qsTr("删除")
                                         : key.modelData === "清空" ? qsTr("清空") : key.modelData
                        Accessible.onPressAction: key.press()
                        function press(): void {
                            if (key.digit) {
                                if (screen.phone.length < 11)
                                    screen.phone += key.modelData
                            } else if (key.modelData === "删除") {
                                screen.phone = screen.phone.slice(0, -1)
                            } else {
                                screen.phone = ""
                            }
                        }
                        width: (pad.width - 3 * pad.spacing) / 4
                        height: 80
                        radius: 12
                        color: keyArea.pressed ? Theme.infoSoft : digit ? Theme.surface : "#E4E8EE"
                        border.color: Theme.line
                        border.width: 3
                        Text {
                            anchors.centerIn: parent
                            text: key.modelData === "删除" ? qsTr("删除")
                                  : key.modelData === "清空" ? qsTr("清空") : key.modelData
                            color: Theme.ink
                            font.pixelSize: key.digit ? 44 : 32
                            font.bold: true
                        }
                        MouseArea {
                            id: keyArea
                            anchors.fill: parent
                            onClicked: key.press()
                        }
                    }
                }
            }
        }
    }
}
