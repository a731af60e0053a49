pragma Singleton
import QtQuick

// The one place for colours, type sizes, touch targets and spacing. Every size is a base
// value at the 1280×800 reference screen times `factor`, so the 长辈模式 of a later issue
// raises all of them together by setting one number (Theme.factor) and no screen
// has a size of its own. Base values meet the 适老化 rules at factor 1: body text ≥ 24 px,
// targets ≥ 60×60 px, line spacing ≥ 1.3, text contrast ≥ 4.5:1 (every ink colour below is
// at least 7:1 on the background it is used on).
QtObject {
    id: theme

    // The scale factor: 1.0 at the reference screen; `elderFactor` in 长辈模式 (Main.qml
    // binds it to the visit's mode), which takes body text from 24 to 32 px and targets
    // from 60 to 80 px, the 长辈模式 column of the 适老化 table.
    property real factor: 1.0
    readonly property real elderFactor: 1.34
    readonly property bool elder: factor > 1.0
    function px(base: real): int { return Math.round(base * theme.factor) }

    // 高对比度 (the visit's choice, bound by Main.qml): black on white and white on black,
    // every tint gone, so each pair reaches 21:1 — VxSuite's high-contrast palette.
    property bool highContrast: false
    readonly property bool hc: highContrast

    // Colours ----------------------------------------------------------------------------
    readonly property color background: hc ? "#FFFFFF" : "#EEF1F5"
    readonly property color surface: "#FFFFFF"
    readonly property color surfaceMuted: hc ? "#FFFFFF" : "#E4E8EE"
    readonly property color ink: hc ? "#000000" : "#111111"      // 18.9:1 on background
    readonly property color inkSoft: hc ? "#000000" : "#3C4350"  // 9.3:1 on background
    readonly property color line: hc ? "#000000" : "#8A94A6"
    readonly property color lineSoft: hc ? "#000000" : "#C9CED6"
    readonly property color primary: hc ? "#000000" : "#093F8A"  // 10:1 on white, ≥ 8.1:1 on every tint (长辈模式 7:1)
    readonly property color primaryDark: hc ? "#333333" : "#062F66"
    readonly property color header: hc ? "#000000" : "#083A78"
    readonly property color success: hc ? "#000000" : "#0D5122"  // 9.5:1 on white, ≥ 7.7:1 on every tint
    readonly property color successSoft: hc ? "#FFFFFF" : "#E3F4E8"
    readonly property color warning: hc ? "#000000" : "#8A5A00"
    readonly property color warningInk: hc ? "#000000" : "#4A3000"
    readonly property color warningSoft: hc ? "#FFFFFF" : "#FFF4D6"
    readonly property color danger: hc ? "#000000" : "#8E0C0C"   // 9.5:1 on white, ≥ 7.7:1 on every tint
    readonly property color dangerSoft: hc ? "#FFFFFF" : "#FCE8E6"
    readonly property color infoSoft: hc ? "#FFFFFF" : "#E2ECF8"
    readonly property color onDark: "#FFFFFF"
    readonly property color disabled: hc ? "#767676" : "#C9CED6"

    // Type sizes (px) --------------------------------------------------------------------
    readonly property int smallSize: px(24)     // the floor: nothing visible is smaller
    readonly property int textSize: px(30)      // body text
    readonly property int labelSize: px(28)     // labels beside values, secondary lines
    readonly property int largeSize: px(36)     // values that matter (case numbers)
    readonly property int buttonSize: px(36)
    readonly property int titleSize: px(44)     // a screen's heading
    readonly property int displaySize: px(60)   // the one big word (我要办事, 提交成功)
    readonly property real lineSpacing: 1.3     // Text.lineHeight (proportional)

    // Targets and spacing (px) ------------------------------------------------------------
    readonly property int minTarget: px(60)     // nothing tappable is smaller either way
    readonly property int touchHeight: px(112)  // a BigButton's height
    readonly property int compactHeight: px(88) // a BigButton in a dense row (pager, chips)
    readonly property int gap: px(16)           // between two targets (≥ 8 px rule)
    readonly property int spacing: px(24)       // between blocks of a screen
    readonly property int margin: px(32)        // screen edge to content
    readonly property int radius: px(16)
    readonly property int border: 3
}
