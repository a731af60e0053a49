pragma ComponentBehavior: Bound
import QtQuick
import "../.."

// 出了点问题 — every failure a resident can meet, in plain words with the next thing to
// do; never a silent screen and never a pop-up. Where the problem lists things to fix
// (提交前发现的问题), each has 修改 beside it, which goes to its field or question.
Item {
    id: screen
    objectName: "problemScreen:" + vm.kind

    property QtObject session

    ProblemViewModel { id: vm; session: screen.session }

    ScrollPage {
        anchors { left: parent.left; right: actions.left; rightMargin: Theme.spacing; top: parent.top; bottom: parent.bottom }
        ProblemBanner {
            objectName: "problemBanner"
            width: parent.width
            kind: vm.kept ? "warning" : "error"
            title: vm.title
            message: vm.words
            nextStep: vm.nextAction
        }
        Repeater {
            model: vm.fixes
            delegate: AnswerLine {
                required key
                required label
                required value
                width: parent.width
                source: ""
                changeable: key !== ""
                onChange: (k) => vm.change(k)
            }
        }
        BodyText {
            width: parent.width
            visible: vm.kept
            soft: true
            text: qsTr("您已经做的都保存着，不用从头再来。")
        }
    }

    Column {
        id: actions
        anchors { right: parent.right; top: parent.top }
        width: Theme.px(320)
        spacing: Theme.gap
        BigButton {
            objectName: "problemRetry"
            width: parent.width
            visible: vm.canRetry
            kind: "primary"
            text: vm.retryLabel
            onClicked: vm.retry()
        }
    }
}
