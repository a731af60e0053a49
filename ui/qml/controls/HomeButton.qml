import QtQuick
import ".."

// 返回首页: ends the visit the same way the idle timeout does (the view model wipes the
// draft); the shell's footer carries one, so screens rarely need their own.
BigButton {
    objectName: "homeButton"
    width: Theme.elder ? Theme.px(250) : Theme.px(300)
    text: qsTr("返回首页")
}
