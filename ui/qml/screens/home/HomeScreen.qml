pragma ComponentBehavior: Bound
import QtQuick
import "../.."

// The first thing a resident sees: one big button for what most people come for, and the
// other services smaller beside it so 我要办事 is obvious from across the room.
Item {
    id: screen

    property HomeViewModel vm

    Heading {
        id: greeting
        // 长辈模式 needs the row for its larger buttons; the spoken prompt says it there
        visible: !Theme.elder
        // beside four buttons: a little smaller than a heading, two lines at most (English)
        anchors { left: parent.left; right: display.left; rightMargin: Theme.spacing; top: parent.top }
        font.pixelSize: Theme.largeSize
        maximumLineCount: 2
        text: qsTr("您好！请点一下您要办的事")
    }

    // 长辈模式 and 高对比度, for this visit only (they end with it, as the language does).
    // The state is in the words (✓), not only in the fill, so it is never colour alone.
    Row {
        id: display
        anchors { right: languageSwitch.left; rightMargin: Theme.gap; verticalCenter: languageSwitch.verticalCenter }
        spacing: Theme.gap
        // 怎么用 (教办): the walkthrough of the card reader, camera, keyboard and printer.
        BigButton {
            id: teachButton
            objectName: "homeTeach"
            implicitHeight: Theme.minTarget
            fontSize: Theme.textSize
            implicitWidth: Math.max(Theme.minTarget * 2, Theme.px(40) + teachButton.labelWidth)
            text: qsTr("怎么用")
            onClicked: screen.vm.openTeach()
        }
        BigButton {
            id: elderButton
            objectName: "homeElder"
            implicitHeight: Theme.minTarget
            fontSize: Theme.textSize
            implicitWidth: Math.max(Theme.minTarget * 2, Theme.px(40) + elderButton.labelWidth)
            kind: (screen.vm?.elderMode ?? false) ? "primary" : "secondary"
            text: (screen.vm?.elderMode ?? false) ? qsTr("✓ 长辈模式") : qsTr("长辈模式")
            onClicked: screen.vm.toggleElder()
        }
        BigButton {
            id: contrastButton
            objectName: "homeContrast"
            implicitHeight: Theme.minTarget
            fontSize: Theme.textSize
            implicitWidth: Math.max(Theme.minTarget * 2, Theme.px(40) + contrastButton.labelWidth)
            kind: (screen.vm?.highContrast ?? false) ? "primary" : "secondary"
            text: (screen.vm?.highContrast ?? false) ? qsTr("✓ 高对比度") : qsTr("高对比度")
            onClicked: screen.vm.toggleContrast()
        }
    }

    // 中文/English for this visit only (ui/i18n.py: the language returns to the terminal's
    // own when the visit ends). The button names the other language in that language, so
    // a resident who reads only it can find it; the screen switches the moment it is tapped.
    Rectangle {
        id: languageSwitch
        objectName: "homeLanguage"
        readonly property string other: Language.english ? "中文" : "English"
        function press(): void {
            Language.choose(Language.english ? "zh_CN" : "en_US")
        }
        anchors { right: parent.right; top: parent.top }
        width: Math.max(Theme.minTarget * 2, otherWord.implicitWidth + Theme.spacing * 2)
        height: Theme.minTarget
        radius: Theme.radius
        color: switchArea.pressed ? Theme.infoSoft : Theme.surface
        border.color: Theme.line
        border.width: Theme.border
        Accessible.role: Accessible.Button
        Accessible.name: languageSwitch.other  // the visible text, as every button's
        Accessible.description: qsTr("切换语言，只在这次办事中有效")
        Accessible.onPressAction: languageSwitch.press()
        Text {
            id: otherWord
            anchors.centerIn: parent
            text: languageSwitch.other
            color: Theme.ink
            font.pixelSize: Theme.textSize
            font.bold: true
        }
        MouseArea {
            id: switchArea
            anchors.fill: parent
            onClicked: languageSwitch.press()
        }
    }

    Row {
        anchors { left: parent.left; right: parent.right; top: parent.top; topMargin: Math.max(languageSwitch.height, greeting.visible ? greeting.height : 0) + Theme.spacing; bottom: parent.bottom }
        spacing: Theme.px(32)

        // The one main action.
        Rectangle {
            id: mainTile
            objectName: "homeStart"
            Accessible.role: Accessible.Button
            Accessible.name: startWord.text
            Accessible.description: startHint.text
            Accessible.onPressAction: screen.vm.startService()
            width: (parent.width - parent.spacing) * 0.55
            height: parent.height
            radius: Theme.radius
            color: mainArea.pressed ? Theme.primaryDark : Theme.primary

            // The picture, the word and the hint stacked in the middle, so a longer word
            // or a hint on two lines (English) pushes the others instead of covering them.
            Column {
                anchors { left: parent.left; right: parent.right; verticalCenter: parent.verticalCenter; margins: Theme.spacing }
                spacing: Theme.spacing
                // A paper form with lines, drawn rather than loaded so there is no asset to lose.
                Rectangle {
                    id: form
                    anchors.horizontalCenter: parent.horizontalCenter
                    visible: !Theme.elder  // 长辈模式: the words need the room
                    width: 120; height: 150; radius: 10
                    color: Theme.onDark
                    Column {
                        anchors { left: parent.left; right: parent.right; top: parent.top; margins: 22 }
                        spacing: 16
                        Repeater {
                            model: 4
                            Rectangle {
                                required property int index
                                width: index === 3 ? parent.width * 0.6 : parent.width
                                height: 10; radius: 5
                                color: "#9DB7DA"
                            }
                        }
                    }
                }
                Text {
                    id: startWord
                    width: parent.width
                    horizontalAlignment: Text.AlignHCenter
                    text: qsTr("我要办事")
                    color: Theme.onDark
                    font.pixelSize: Theme.displaySize
                    font.bold: true
                }
                Text {
                    id: startHint
                    width: parent.width
                    horizontalAlignment: Text.AlignHCenter
                    wrapMode: Text.WordWrap
                    lineHeight: Theme.lineSpacing
                    text: qsTr("养老保险、医疗保险、高龄津贴等")
                    color: Theme.onDark
                    font.pixelSize: Theme.textSize
                }
            }
            MouseArea {
                id: mainArea
                anchors.fill: parent
                onClicked: screen.vm.startService()
            }
        }

        Column {
            width: (parent.width - parent.spacing) * 0.45
            height: parent.height
            spacing: Theme.gap
            BigButton {
                objectName: "homeBrowse"
                width: parent.width
                height: (parent.height - 2 * parent.spacing) / 3
                text: qsTr("查看办事指南")
                subtitle: Theme.elder ? "" : qsTr("要带什么材料，不用身份证")
                onClicked: screen.vm.browse()
            }
            BigButton {
                objectName: "homeQuery"
                width: parent.width
                height: (parent.height - 2 * parent.spacing) / 3
                text: qsTr("办件查询")
                subtitle: Theme.elder ? "" : qsTr("看看办到哪一步了")
                onClicked: screen.vm.startQuery()
            }
            BigButton {
                objectName: "homeRate"
                width: parent.width
                height: (parent.height - 2 * parent.spacing) / 3
                text: qsTr("好差评")
                subtitle: Theme.elder ? "" : qsTr("为办过的事打分")
                onClicked: screen.vm.startRating()
            }
        }
    }

}
