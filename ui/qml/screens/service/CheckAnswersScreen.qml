pragma ComponentBehavior: Bound
import QtQuick
import "../.."

// 核对信息, the one page before anything is submitted: every answer with 修改 (a change
// comes back here), what happens to each material, 容缺 and 告知承诺 in full words, the
// privacy notice with its consent, and 确认提交. Until the signature pad (next issue) the
// 告知承诺 is never confirmed by a touch here: 签名确认 opens the signature pad under its
// full text (the core's confirm_commitment), and only a real signature confirms it.
Item {
    id: screen
    objectName: "checkAnswersScreen"

    property QtObject session

    CheckAnswersViewModel { id: vm; session: screen.session }

    ScrollPage {
        id: page
        anchors { left: parent.left; right: actions.left; rightMargin: Theme.spacing; top: parent.top; bottom: parent.bottom }

        Heading { width: parent.width; text: vm.title }
        // A bundle filed partly for someone else (a newborn): which items are whose.
        Bullets { objectName: "checkForWhom"; width: parent.width; lines: vm.forWhom }

        // What still blocks submitting, each with 修改 (the error summary) ---------------------
        Rectangle {
            objectName: "checkProblems"
            width: parent.width
            visible: vm.problems.count > 0
            height: visible ? problemColumn.implicitHeight + 2 * Theme.spacing : 0
            radius: Theme.radius
            color: Theme.dangerSoft
            border.color: Theme.danger
            border.width: Theme.border
            Column {
                id: problemColumn
                anchors { left: parent.left; right: parent.right; top: parent.top; margins: Theme.spacing }
                spacing: Theme.gap
                Text {
                    width: parent.width
                    text: qsTr("还有内容需要修改")
                    color: Theme.danger
                    font.pixelSize: Theme.largeSize
                    font.bold: true
                    lineHeight: Theme.lineSpacing
                }
                Repeater {
                    model: vm.problems
                    delegate: AnswerLine {
                        required property string field
                        required property string message
                        required label
                        width: problemColumn.width
                        key: field
                        value: message
                        onChange: (k) => vm.change(k)
                    }
                }
            }
        }

        SectionTitle { width: parent.width; visible: vm.answers.count > 0; text: qsTr("您的回答") }
        Column {
            width: parent.width
            spacing: Theme.gap
            Repeater {
                model: vm.answers
                delegate: AnswerLine {
                    required key
                    required label
                    required value
                    required source
                    required changeable
                    width: parent.width
                    onChange: (k) => vm.change(k)
                }
            }
        }

        SectionTitle { width: parent.width; visible: vm.fields.count > 0; text: qsTr("填写的信息") }
        Column {
            objectName: "checkFields"
            width: parent.width
            spacing: Theme.gap
            Repeater {
                model: vm.fields
                delegate: AnswerLine {
                    required key
                    required label
                    required value
                    required source
                    required changeable
                    width: parent.width
                    onChange: (k) => vm.change(k)
                }
            }
        }

        BigButton {
            objectName: "useHistory"
            width: parent.width
            visible: vm.historyOffer.length > 0
            implicitHeight: Theme.compactHeight
            fontSize: Theme.textSize
            text: vm.historyUsed ? qsTr("已使用以前办件的信息（点此不用）")
                                 : qsTr("使用以前办件中的信息：%1").arg(vm.historyOffer.join("、"))
            onClicked: vm.useHistory(!vm.historyUsed)
        }

        SectionTitle { width: parent.width; visible: vm.materials.count > 0; text: qsTr("材料") }
        Column {
            objectName: "checkMaterials"
            width: parent.width
            spacing: Theme.gap
            Repeater {
                model: vm.materials
                delegate: Rectangle {
                    id: material
                    required property string ref
                    required property string name
                    required property string status
                    required property string deferral
                    required property bool deferrable
                    required property bool deferred
                    width: parent.width
                    height: materialText.implicitHeight + 2 * Theme.px(12)
                    color: Theme.surface
                    radius: Theme.px(8)
                    border.color: Theme.lineSoft
                    border.width: 1
                    Column {
                        id: materialText
                        anchors { left: parent.left; leftMargin: Theme.px(16); right: deferButton.left; rightMargin: Theme.gap
                                  verticalCenter: parent.verticalCenter }
                        Text {
                            width: parent.width
                            text: material.name
                            color: Theme.ink
                            font.pixelSize: Theme.textSize
                            font.bold: true
                            wrapMode: Text.WordWrap
                            lineHeight: Theme.lineSpacing
                        }
                        Text {
                            width: parent.width
                            text: material.deferred ? qsTr("容缺后补：") + material.deferral : material.status
                            color: material.deferred ? Theme.warningInk : Theme.inkSoft
                            font.pixelSize: Theme.smallSize
                            wrapMode: Text.WordWrap
                            lineHeight: Theme.lineSpacing
                        }
                    }
                    BigButton {
                        id: deferButton
                        objectName: "defer_" + material.ref
                        visible: material.deferrable
                        anchors { right: parent.right; rightMargin: Theme.px(12); verticalCenter: parent.verticalCenter }
                        width: visible ? Theme.px(260) : 0
                        implicitHeight: Theme.px(72)
                        fontSize: Theme.smallSize
                        text: material.deferred ? qsTr("我有，不用后补") : qsTr("暂时没有，先办")
                        onClicked: vm.setDeferred(material.ref, !material.deferred)
                    }
                }
            }
        }
        BodyText { width: parent.width; visible: vm.deferralText !== ""; soft: true; text: vm.deferralText }

        SectionTitle { width: parent.width; visible: vm.commitments.count > 0; text: qsTr("告知承诺") }
        Repeater {
            model: vm.commitments
            delegate: Rectangle {
                id: commitment
                required property string commitmentId
                required property string title
                required property string text
                required property string replaces
                required property bool confirmed
                width: page.width - Theme.px(20)
                height: commitmentColumn.implicitHeight + 2 * Theme.spacing
                radius: Theme.radius
                color: commitment.confirmed ? Theme.successSoft : Theme.surface
                border.color: commitment.confirmed ? Theme.success : Theme.line
                border.width: Theme.border
                Column {
                    id: commitmentColumn
                    anchors { left: parent.left; right: parent.right; top: parent.top; margins: Theme.spacing }
                    spacing: Theme.px(8)
                    Text {
                        width: parent.width
                        text: commitment.title
                        color: Theme.ink
                        font.pixelSize: Theme.textSize
                        font.bold: true
                        wrapMode: Text.WordWrap
                        lineHeight: Theme.lineSpacing
                    }
                    Text {
                        width: parent.width
                        text: commitment.text
                        color: Theme.ink
                        font.pixelSize: Theme.smallSize
                        wrapMode: Text.WordWrap
                        lineHeight: Theme.lineSpacing
                    }
                    Text {
                        width: parent.width
                        visible: commitment.replaces !== ""
                        text: qsTr("承诺后不用再交：%1").arg(commitment.replaces)
                        color: Theme.inkSoft
                        font.pixelSize: Theme.smallSize
                        wrapMode: Text.WordWrap
                        lineHeight: Theme.lineSpacing
                    }
                    BigButton {
                        objectName: "commit_" + commitment.commitmentId
                        width: parent.width
                        implicitHeight: Theme.compactHeight
                        kind: commitment.confirmed ? "success" : "secondary"
                        text: commitment.confirmed ? qsTr("已签名承诺（点此撤回）") : qsTr("签名确认")
                        onClicked: vm.confirmCommitment(commitment.commitmentId, !commitment.confirmed)
                    }
                }
            }
        }

        SectionTitle { width: parent.width; visible: vm.privacyNotice !== ""; text: qsTr("个人信息保护") }
        BodyText { width: parent.width; visible: vm.privacyNotice !== ""; text: vm.privacyNotice }
        BigButton {
            objectName: "consent"
            width: parent.width
            visible: vm.needsConsent
            kind: vm.consented ? "success" : "secondary"
            text: vm.consented ? qsTr("已同意（点此撤回）") : qsTr("我已阅读，同意")
            onClicked: vm.setConsent(!vm.consented)
        }
    }

    Column {
        id: actions
        anchors { right: parent.right; top: parent.top }
        width: Theme.px(320)
        spacing: Theme.gap
        // When the privacy consent is all that is left, one touch gives it and submits:
        // the button says so (同意并提交) and the line under it names the notice.
        BigButton {
            objectName: "submit"
            width: parent.width
            kind: "primary"
            enabled: vm.canSubmit || vm.submitConsents
            text: vm.submitConsents ? qsTr("同意并提交") : qsTr("确认提交")
            subtitle: vm.submitConsents ? qsTr("同意个人信息保护告知") : ""
            onClicked: vm.submitConsents ? vm.consentAndSubmit() : vm.submit()
        }
        Text {
            width: parent.width
            visible: text !== ""
            text: vm.submitConsents ? qsTr("点“同意并提交”，即表示您已阅读左边的个人信息保护告知，同意按告知使用您的信息")
                  : vm.canSubmit ? vm.promised
                  : vm.needsConsent && !vm.consented
                    ? qsTr("请先在左边（往下翻）阅读并同意个人信息保护告知")
                    : qsTr("左边还有要完成的内容（往下翻），例如告知承诺")
            color: vm.canSubmit ? Theme.ink : Theme.warningInk
            font.pixelSize: Theme.smallSize
            font.bold: true
            wrapMode: Text.WordWrap
            lineHeight: Theme.lineSpacing
        }
    }
}
