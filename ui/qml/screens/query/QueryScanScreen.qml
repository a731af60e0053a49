import QtQuick
import "../.."

// 扫描回执二维码: where to hold the receipt. Reading the code with the camera is issue 14
// (the flow names it as this step's hook); until then the screen says so and offers the
// digit pad, so the resident is never left waiting in front of a camera that does nothing.
Item {
    id: screen

    property QueryScanViewModel vm

    Column {
        anchors { left: parent.left; right: parent.right; top: parent.top }
        spacing: Theme.spacing
        Heading {
            width: parent.width
            text: screen.vm.hint
        }
        ProblemBanner {
            objectName: "scanNotYet"
            width: parent.width
            kind: "info"
            title: qsTr("本机暂时还不能扫码")
            message: qsTr("扫码查询即将开放。")
            nextStep: qsTr("请点“输入办件编号”，照着回执上的编号输入。")
        }
        BigButton {
            objectName: "scanTypeNumber"
            width: Theme.px(420)
            kind: "primary"
            text: qsTr("输入办件编号")
            onClicked: screen.vm.openNumber()
        }
    }
}
