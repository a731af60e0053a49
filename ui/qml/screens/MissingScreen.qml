import QtQuick
import ".."

// Shown for a step whose screen is not built yet: the resident reads what to do instead of
// facing a blank page, and a test robot sees the step name in the objectName.
Item {
    id: screen
    property string step: ""
    property string title: ""  // the flow's name for the step (填写表单 …)
    objectName: "missingScreen:" + step

    Column {
        anchors { left: parent.left; right: parent.right; verticalCenter: parent.verticalCenter }
        spacing: Theme.spacing
        Heading {
            width: parent.width
            text: screen.title === "" ? qsTr("这一步暂时不能在本机办理")
                  : qsTr("“%1”暂时不能在本机办理").arg(screen.title)
        }
        ProblemBanner {
            width: parent.width
            kind: "warning"
            message: qsTr("本机的这个页面还没有准备好。")
            nextStep: qsTr("请点“返回首页”，或找工作人员帮您办理。")
        }
    }
}
