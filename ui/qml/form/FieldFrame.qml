import QtQuick
import ".."

// One question: label, help, bounds, where a prefilled value came from, the message when
// 继续 found a problem (beside the field, same words as the summary, with GOV.UK's red bar
// on the left), then the widget for its ui:widget kind, loaded from the file of that name.
Item {
    id: frame

    required property string fieldId
    required property string label
    required property string help
    required property string widget
    required property string value
    required property string source
    required property bool isRequired
    required property int maxLength
    required property var options
    required property string error
    required property string keypad
    required property string hint
    required property bool readOnly
    property var form: null

    // The loaded widget; each has focusInput() and edited(text) (duck-typed: eight files).
    readonly property var input: loader.item
    readonly property bool isFieldFrame: true

    function focusInput(): void {
        if (frame.input)
            frame.input.focusInput()
    }

    objectName: "field_" + fieldId
    implicitHeight: column.implicitHeight

    readonly property var files: ({
        "text": "TextWidget.qml", "textarea": "TextAreaWidget.qml",
        "idnumber": "IdNumberWidget.qml", "phone": "PhoneWidget.qml",
        "number": "NumberWidget.qml", "date": "DateWidget.qml",
        "radio": "RadioWidget.qml", "select": "SelectWidget.qml"
    })

    Rectangle {  // the error bar
        visible: frame.error !== ""
        anchors { top: parent.top; bottom: parent.bottom; left: parent.left }
        width: Theme.px(6)
        color: Theme.danger
    }

    Column {
        id: column
        anchors { left: parent.left; right: parent.right
                  leftMargin: frame.error !== "" ? Theme.px(24) : 0 }
        spacing: Theme.px(8)

        Row {
            width: parent.width
            spacing: Theme.gap
            Text {
                id: labelText
                objectName: "label_" + frame.fieldId
                width: Math.min(implicitWidth, parent.width - (tag.visible ? tag.width + Theme.gap : 0))
                text: frame.label + (frame.isRequired ? "" : qsTr("（选填）"))
                color: Theme.ink
                font.pixelSize: Theme.textSize
                font.bold: true
                wrapMode: Text.WordWrap
                lineHeight: Theme.lineSpacing
            }
            Rectangle {
                id: tag
                objectName: "source_" + frame.fieldId
                visible: frame.source !== ""
                anchors.verticalCenter: labelText.verticalCenter
                width: tagText.implicitWidth + Theme.px(32)
                height: tagText.implicitHeight + Theme.px(8)
                radius: Theme.px(8)
                color: Theme.successSoft
                Accessible.role: Accessible.StaticText
                Accessible.name: tagText.text
                Text {
                    id: tagText
                    anchors.centerIn: parent
                    text: frame.source
                    color: Theme.success
                    font.pixelSize: Theme.smallSize
                    font.bold: true
                }
            }
        }
        Text {
            width: parent.width
            visible: text !== ""
            text: [frame.help, frame.hint].filter(function (s) { return s !== "" }).join("；")
            color: Theme.inkSoft
            font.pixelSize: Theme.smallSize
            wrapMode: Text.WordWrap
            lineHeight: Theme.lineSpacing
        }
        Text {
            objectName: "error_" + frame.fieldId
            width: parent.width
            visible: text !== ""
            text: frame.error
            color: Theme.danger
            font.pixelSize: Theme.textSize
            font.bold: true
            wrapMode: Text.WordWrap
            lineHeight: Theme.lineSpacing
            Accessible.role: Accessible.StaticText
            Accessible.name: text
        }
        Loader {
            id: loader
            width: Math.min(frame.input ? frame.input.implicitWidth : 0, column.width)
            Component.onCompleted: loader.setSource(Qt.resolvedUrl(frame.files[frame.widget]), {
                "fieldId": frame.fieldId, "label": frame.label, "initial": frame.value,
                "limit": frame.maxLength, "options": frame.options, "locked": frame.readOnly,
                "hasError": frame.error !== "", "keypad": frame.keypad
            })
            onLoaded: {
                if (frame.widget === "number")
                    frame.input.hint = frame.hint
                frame.input.edited.connect(function (text) {
                    if (frame.form)
                        frame.form.setValue(frame.fieldId, text)
                })
            }
        }
    }
}
