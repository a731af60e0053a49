import QtQuick

// ui:widget "phone": 11 digits on the digit pad, shown 3-4-4.
DigitWidget {
    keypad: "digits"
    groups: [3, 4, 4]
}
