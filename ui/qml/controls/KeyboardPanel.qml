import QtQuick
import QtQuick.VirtualKeyboard
import QtQuick.VirtualKeyboard.Settings
import QtQuick.VirtualKeyboard.Styles
import ".."

// The on-screen keyboard for Chinese text: Qt Virtual Keyboard with Pinyin (简体中文 first,
// English second, nothing else), placed at the bottom of its parent and sized by width so
// the keys stay finger-sized while the panel leaves room above it for the field being
// typed into. It never floats over content: the screen that holds it gives the content
// only the height above `contentBottom` (see form/FormView.qml). Needs QT_IM_MODULE set before the
// application exists (ui/keyboard.py).
InputPanel {
    id: panel

    // The region the panel sits at the bottom of (its parent unless placed through a Loader).
    property Item area: parent
    // Where the content must end: the panel's top when it is open, else the area's bottom.
    readonly property real contentBottom: panel.active ? panel.y : (area ? area.height : 0)

    objectName: "keyboardPanel"
    Accessible.role: Accessible.Pane
    Accessible.name: qsTr("键盘")
    z: 10
    width: area ? Math.min(area.width, Theme.px(1040)) : Theme.px(1040)
    x: area ? (area.width - width) / 2 : 0
    y: area ? (panel.active ? area.height - height : area.height) : 0
    visible: panel.active

    // Setting `sampleLetters` types them through the keyboard's own input engine, exactly
    // as key taps would (Pinyin composes them): for the sample screenshots of a form with
    // the keyboard open (ui/keyboard.py); the resident's taps never come this way.
    property string sampleLetters: ""
    onSampleLettersChanged: if (sampleLetters !== "") typeLetters(sampleLetters)

    function typeLetters(letters: string): void {
        for (let i = 0; i < letters.length; ++i) {
            const c = letters.charAt(i).toLowerCase()
            InputContext.inputEngine.virtualKeyClick(Qt.Key_A + c.charCodeAt(0) - 97, c, Qt.NoModifier)
        }
    }

    // The full width of the area behind the keys, in the keyboard's own colour (Qt's
    // default style), so nothing under the panel (the footer) peeks out at its sides or
    // takes a tap meant for the keyboard.
    Rectangle {
        objectName: "keyboardBackdrop"
        z: -1
        x: -panel.x
        width: panel.area ? panel.area.width : panel.width
        height: panel.height
        color: "#263238"
        Accessible.ignored: true
    }

    // The candidate bar in the kiosk's sizes instead of the style's (18 px words on 58×35
    // px targets, no accessible names): each word ≥ 36 px on a target ≥ 60×60 px, 16 px
    // apart, named by the word. The bar does not flick sideways (taps and vertical scrolls
    // only); typing one more letter narrows the words instead.
    Component {
        id: candidate
        SelectionListItem {
            id: item
            width: Math.max(Theme.minTarget, word.implicitWidth + 2 * Theme.px(16))
            Accessible.role: Accessible.Button
            Accessible.name: word.text
            Accessible.onPressAction: {
                item.ListView.view.currentIndex = item.idx
                item.ListView.view.model.selectItem(item.idx)
            }
            // The list's context properties, read once here (the delegate has no model type).
            // (Context properties, not required ones: SelectionListItem's own click handler
            // reads `index` from the context, which required properties would take away.)
            readonly property int idx: index  // qmllint disable unqualified
            Text {
                id: word
                anchors.centerIn: parent
                text: display  // qmllint disable unqualified
                color: "#FFFFFF"
                font.pixelSize: Theme.largeSize
            }
            Component.onCompleted: {
                item.ListView.view.spacing = Theme.gap
                item.ListView.view.interactive = false
            }
        }
    }

    // The space bar names the language in white instead of the style's grey on grey
    // (3.98:1, under the 4.5:1 rule); same key colour as the other function keys.
    Component {
        id: spaceKey
        KeyPanel {
            id: spacePanel
            Rectangle {
                anchors { fill: parent; margins: Theme.px(4) }
                radius: Theme.px(5)
                color: spacePanel.control && spacePanel.control.pressed ? "#6B7880" : "#455A64"  // functionKeyColor
                Text {
                    anchors.centerIn: parent
                    text: Qt.locale(InputContext.locale).nativeLanguageName
                    color: "#FFFFFF"
                    font.pixelSize: Theme.textSize
                }
            }
        }
    }

    // The style draws every key label, icon and margin at `scaleHint` = keyboardHeight /
    // keyboardDesignHeight, and makes the keys as tall as width × designHeight / designWidth
    // (Qt's default style: 2560 × 800 design, labels 60 × scaleHint). The design size is set
    // here from two numbers of the kiosk's own instead:
    // - `labelScale`: the scale the keyboard has at its designed width, Theme.px(1040). In
    //   长辈模式 that width is clamped by the window (1280 of 1394 px), which would leave the
    //   labels at 30 px, under the 32 px of the mode; so the labels follow Theme, not the
    //   clamped width (24 px in the normal mode, 33 px in 长辈模式).
    // - `keysHeight`: the style's own aspect in the normal mode (325 px at 1040 px); in
    //   长辈模式 four rows of Theme.px(70) (94 px each, 128 px wide keys) instead of the 400 px
    //   the 1280 px width would give, so a question or two rows of search results still fit
    //   above the keyboard (the shell hides its header meanwhile, Main.qml).
    readonly property real labelScale: Theme.px(1040) / designWidth
    readonly property real keysHeight: Theme.elder ? 4 * Theme.px(70) + Theme.px(6)
                                                   : width * designHeight / designWidth
    readonly property real designWidth: 2560
    readonly property real designHeight: 800
    // Function keys (&123, ，, ．, the space bar …) on the style's #4F5B62 measured 6.99:1
    // with their white labels, under 长辈模式's 7:1; a shade darker is 7.2:1, still lighter
    // than the letter keys (#000A12) and the panel (#263238).
    readonly property color functionKeyColor: "#455A64"

    // The style untyped: its colours are declared by the default style itself, not by
    // KeyboardStyle, so a typed reference would not see them.
    readonly property var styleItself: panel.keyboard.style

    function restyle(): void {
        const style = panel.keyboard.style as KeyboardStyle
        if (!style)
            return
        // (the style's own design size until the panel has a width: a zero one made its
        // scale infinite, and its integer sizes warned "Unable to assign double to int")
        style.keyboardDesignWidth = Qt.binding(() => panel.width > 0 ? panel.width / panel.labelScale
                                                                        : panel.designWidth)
        style.keyboardDesignHeight = Qt.binding(() => panel.keysHeight > 0 ? panel.keysHeight / panel.labelScale
                                                                         : panel.designHeight)
        style.selectionListHeight = Qt.binding(() => Theme.minTarget + Theme.px(12))
        style.selectionListDelegate = candidate
        style.spaceKeyPanel = spaceKey
        panel.styleItself.highlightedKeyBackgroundColor = panel.functionKeyColor
    }

    Connections {
        target: panel.keyboard
        function onStyleChanged() { panel.restyle() }
    }

    Component.onCompleted: {
        panel.restyle()
        // The layout otherwise follows the process locale (English under LANG=C.UTF-8).
        VirtualKeyboardSettings.locale = "zh_CN"
        VirtualKeyboardSettings.activeLocales = ["zh_CN", "en_US"]
    }
}
