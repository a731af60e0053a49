import QtQuick
import ".."

// The FORM step of the visit: the core flow's form page (kiosk/flow FormView record) in
// FormView, with its own FormModel following the shell's session. 继续 is the flow action
// continue_form with what was typed; the flow answers with the next page or this page
// with its errors (values kept). 返回 is the shell's, so the page has no 上一步 of its own.
Item {
    id: screen
    objectName: "formScreen"

    property QtObject session

    FormModel { id: formModel; session: screen.session }

    FormView {
        anchors.fill: parent
        form: formModel
        showBack: false
    }
}
