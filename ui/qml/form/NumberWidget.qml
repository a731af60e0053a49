import QtQuick
import ".."

// ui:widget "number": counts, amounts and areas (their bounds in `hint`), and account
// numbers, on the digit pad; a decimal point only where the schema's type is "number"
// (keypad "decimal"). An account number (a digit string: no bounds hint) is shown in groups
// of four like the card prints it.
DigitWidget {
    property string hint: ""
    implicitWidth: hint === "" ? Theme.px(640) : Theme.px(360)
    groups: hint === "" ? [4, 4, 4, 4, 4] : []
}
