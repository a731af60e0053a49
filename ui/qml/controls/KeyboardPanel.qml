import QtQuick
import QtQuick.VirtualKeyboard
import QtQuick.VirtualKeyboard.Settings
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
        Accessible.role: Accessible.Pane
        Accessible.name: qsTr("键盘")
        MouseArea { anchors.fill: parent }  // swallows taps beside the keys
    }

    Component.onCompleted: {
        // The layout otherwise follows the process locale (English under LANG=C.UTF-8).
        VirtualKeyboardSettings.locale = "zh_CN"
        VirtualKeyboardSettings.activeLocales = ["zh_CN", "en_US"]
    }
}
