import QtQuick

// ui:widget "idnumber": 18 characters on the digit pad with an X key, shown 6-8-4 like
// the card prints it (区划 出生日期 顺序码+校验码).
DigitWidget {
    keypad: "id"
    groups: [6, 8, 4]
}
