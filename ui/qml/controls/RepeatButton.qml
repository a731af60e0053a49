import QtQuick
import ".."

// 再听一遍: says the current screen's spoken prompt again (ui/speech.py Speaker.repeat).
// A BigButton, so it is a full touch target (≥ Theme.minTarget both ways) with its
// Accessible name = its text; hidden where the terminal cannot speak (config speech = off,
// or no voice installed), so a resident never taps a button that stays silent.
BigButton {
    id: repeatButton

    property Speaker speaker: null

    text: qsTr("再听一遍")
    kind: "secondary"
    implicitHeight: Math.max(Theme.minTarget, Theme.compactHeight)
    implicitWidth: Math.max(Theme.minTarget, Theme.elder ? Theme.px(200) : Theme.px(220))
    visible: repeatButton.speaker !== null && repeatButton.speaker.available
    onClicked: {
        if (repeatButton.speaker !== null)
            repeatButton.speaker.repeat()
    }
}
