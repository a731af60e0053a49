pragma ComponentBehavior: Bound
import QtQuick
import "../controls"
import ".."

// One page of the form (ui/form_model.py's FormModel as `form`): heading, the error
// summary when 继续 found problems, one FieldFrame per question, 上一步 / 继续.
//
// Nothing is ever typed behind a keyboard: the Pinyin keyboard (KeyboardPanel) takes the
// bottom of this view and the content gets only the height above it; the digit pad takes
// the right side and the content gets the width left of it. Whenever focus moves, the
// view opens or the keyboard changes size, the focused field is scrolled into the visible
// part (the approach of Qt's virtualkeyboard example AutoScroller.qml, applied to the whole
// question so its label stays in sight too).
FocusScope {
    id: view

    property var form: null
    // false when the window hosts one KeyboardPanel for every screen; then set keyboardTop.
    property bool embeddedKeyboard: true
    // 上一步 between pages; off when the screen around it has its own 返回 (the flow's).
    property bool showBack: true
    // In this view's coordinates. The panel sits at the bottom of the whole window (over
    // the footer while typing, which leaves the question most room); the view's content
    // ends where the panel begins.
    readonly property KeyboardPanel panel: keyboardLoader.item as KeyboardPanel
    property real keyboardTop: embeddedKeyboard && panel && panel.active
                               ? Math.min(height, view.mapFromItem(panel.parent, 0, panel.y).y)
                               : height
    signal backFromFirstPage()
    signal completed()

    property Item digitTarget: null
    readonly property bool digitsOpen: digitTarget !== null && digitTarget.activeFocus
    readonly property Item focusedFrame: frameOf(Window.activeFocusItem)

    objectName: "formView"

    // QInputMethod, held as var: qmllint types Qt.inputMethod as a plain QObject and would
    // not see its commit() and hide().
    readonly property var inputMethod: Qt.inputMethod

    function frameOf(item: Item): Item {
        for (let it = item; it; it = it.parent) {
            if (it instanceof FieldFrame)
                return it
        }
        return null
    }

    function digitBoxOf(item: Item): Item {
        return item instanceof DigitBox ? item : null
    }

    function frameFor(fieldId: string): Item {
        for (let i = 0; i < fields.count; ++i) {
            const f = fields.itemAt(i) as FieldFrame
            if (f && f.fieldId === fieldId)
                return f
        }
        return null
    }

    // Scrolls so `item` (a whole question if it fits) is inside the visible part.
    function ensureVisible(item: Item): void {
        if (!item)
            return
        const frame = frameOf(item)
        const target = frame && frame.height + 2 * Theme.spacing <= flick.height ? frame : item
        const r = target.mapToItem(flick.contentItem, 0, 0, target.width, target.height)
        const m = Theme.spacing
        let y = flick.contentY
        if (r.y + r.height + m > y + flick.height)
            y = r.y + r.height + m - flick.height
        if (r.y - m < y)
            y = r.y - m
        flick.contentY = Math.max(0, Math.min(y, Math.max(0, flick.contentHeight - flick.height)))
    }

    function focusField(fieldId: string): void {
        const f = frameFor(fieldId) as FieldFrame
        if (!f)
            return
        f.focusInput()
        scrollTimer.restart()
    }

    function goOn(): void {
        view.inputMethod.commit()  // a Pinyin word still being composed belongs to the answer
        if (!view.form)
            return
        if (view.form.next())
            scrollToTop()
        if (view.form.hasErrors) {
            view.inputMethod.hide()
            scrollToTop()
            summary.forceActiveFocus()
        }
    }

    function goBack(): void {
        view.inputMethod.commit()
        if (view.form && view.form.back())
            scrollToTop()
        else
            view.backFromFirstPage()
    }

    function scrollToTop(): void { flick.contentY = 0 }

    Window.onActiveFocusItemChanged: {
        const box = digitBoxOf(Window.activeFocusItem)
        if (box)
            view.digitTarget = box
        scrollTimer.restart()
    }

    Connections {
        target: view.form
        ignoreUnknownSignals: true
        function onFinished() { view.completed() }
    }

    Timer {  // after layout has settled (keyboard shown, content width changed)
        id: scrollTimer
        interval: 30
        onTriggered: view.ensureVisible(view.Window.activeFocusItem)
    }

    Flickable {
        id: flick
        objectName: "formFlick"
        anchors { left: parent.left; top: parent.top }
        width: view.width - (view.digitsOpen ? pad.width + Theme.spacing : 0)
        height: Math.max(0, Math.min(view.height, view.keyboardTop))
        contentWidth: width
        contentHeight: content.implicitHeight + 2 * Theme.margin
        flickableDirection: Flickable.VerticalFlick
        boundsBehavior: Flickable.StopAtBounds
        clip: true
        onHeightChanged: scrollTimer.restart()
        onWidthChanged: scrollTimer.restart()

        Column {
            id: content
            x: Theme.margin
            y: Theme.margin
            width: flick.width - 2 * Theme.margin
            spacing: Theme.spacing * 1.5

            Heading {
                objectName: "formTitle"
                width: parent.width
                text: view.form ? view.form.title : ""
            }
            ErrorSummary {
                id: summary
                width: parent.width
                problems: view.form ? view.form.summary : []
                onLinkActivated: (field) => view.focusField(field)
            }
            Rectangle {  // what the card filled in: shown (masked) on the first page only
                objectName: "formFromCard"
                width: parent.width
                visible: view.form !== null && view.form.fromCard !== undefined
                         && view.form.fromCard.length > 0 && view.form.pageIndex === 0
                height: visible ? cardColumn.implicitHeight + 2 * Theme.spacing : 0
                radius: Theme.radius
                color: Theme.successSoft
                Accessible.role: Accessible.Grouping
                Accessible.name: cardTitle.text
                Column {
                    id: cardColumn
                    anchors { left: parent.left; right: parent.right; top: parent.top
                              margins: Theme.spacing }
                    spacing: Theme.px(4)
                    Text {
                        id: cardTitle
                        width: parent.width
                        text: qsTr("以下信息来自身份证，不用再填")
                        color: Theme.success
                        font.pixelSize: Theme.textSize
                        font.bold: true
                        wrapMode: Text.WordWrap
                        lineHeight: Theme.lineSpacing
                    }
                    Repeater {
                        model: view.form && view.form.fromCard !== undefined ? view.form.fromCard : []
                        delegate: Text {
                            required property var modelData
                            width: cardColumn.width
                            text: modelData.label + "：" + modelData.value
                            color: Theme.ink
                            font.pixelSize: Theme.textSize
                            wrapMode: Text.WordWrap
                            lineHeight: Theme.lineSpacing
                        }
                    }
                }
            }
            Rectangle {  // earlier cases could fill some answers: only if the resident agrees
                objectName: "formHistoryOffer"
                width: parent.width
                visible: view.form !== null && view.form.historyOffered === true
                height: visible ? offerColumn.implicitHeight + 2 * Theme.spacing : 0
                radius: Theme.radius
                color: Theme.infoSoft
                Column {
                    id: offerColumn
                    anchors { left: parent.left; right: parent.right; top: parent.top
                              margins: Theme.spacing }
                    spacing: Theme.gap
                    BodyText {
                        width: parent.width
                        text: qsTr("您以前在本机办理时填写过部分信息。同意后自动填入，您仍可修改。")
                    }
                    BigButton {
                        objectName: "formUseHistory"
                        text: qsTr("同意使用以前填写的信息")
                        onClicked: view.form.useHistory(true)
                    }
                }
            }
            Repeater {
                id: fields
                model: view.form
                delegate: FieldFrame {
                    width: content.width
                    form: view.form
                }
            }
            Row {
                spacing: Theme.spacing
                BigButton {
                    objectName: "formBack"
                    visible: view.showBack
                    text: qsTr("上一步")
                    onClicked: view.goBack()
                }
                BigButton {
                    objectName: "formContinue"
                    text: qsTr("继续")
                    kind: "primary"
                    onClicked: view.goOn()
                }
            }
        }
    }

    DigitPad {
        id: pad
        anchors { right: parent.right; top: parent.top; topMargin: Theme.margin
                  rightMargin: Theme.spacing }
        visible: view.digitsOpen
        target: view.digitsOpen ? view.digitTarget : null
        onDone: {
            view.digitTarget = null
            flick.forceActiveFocus()
        }
    }

    Loader {  // unsized on purpose: a sized Loader would stretch the keyboard
        id: keyboardLoader
        active: view.embeddedKeyboard
        sourceComponent: KeyboardPanel {
            parent: view.Window.contentItem
            area: view.Window.contentItem
            z: 100
        }
    }
}
