pragma ComponentBehavior: Bound
import QtQuick
import "../.."
import "../service"

// 提交材料: every material the item asks that is not already 已核验, what it is, why, how
// many originals/copies, and only the ways the catalog allows for it (亮证扫码, 拍照上传,
// 容缺后补, 签告知承诺). 我没有带 shows the 请带上… sentence; 打印材料清单 is always there,
// so a resident without a material is never left at a dead end.
Item {
    id: screen
    objectName: "materialsScreen"

    property QtObject session

    MaterialsViewModel { id: vm; session: screen.session }

    ScrollPage {
        anchors { left: parent.left; right: actions.left; rightMargin: Theme.spacing; top: parent.top; bottom: parent.bottom }

        Heading { width: parent.width; text: qsTr("请提供以下材料") }

        ProblemBanner {
            objectName: "materialsCamera"
            width: parent.width
            visible: vm.cameraProblem !== ""
            kind: "warning"
            title: qsTr("拍照设备不能用")
            message: vm.cameraProblem
        }
        ProblemBanner {
            objectName: "materialsBring"
            width: parent.width
            visible: vm.bring.length > 0
            kind: "warning"
            title: qsTr("这些材料需要您带到窗口")
            message: vm.bring.join("\n")
            nextStep: qsTr("可以打印材料清单带走")
        }

        Repeater {
            model: vm.materials
            delegate: Rectangle {
                id: card
                required property var modelData
                objectName: "material_" + modelData.ref
                width: parent ? parent.width : 0
                height: body.implicitHeight + 2 * Theme.spacing
                radius: Theme.radius
                color: Theme.surface
                border.color: modelData.chosenWords !== "" ? Theme.success : Theme.lineSoft
                border.width: Theme.border

                Column {
                    id: body
                    anchors { left: parent.left; right: parent.right; top: parent.top; margins: Theme.spacing }
                    spacing: Theme.gap
                    Text {
                        width: parent.width
                        text: card.modelData.name + qsTr("（%1）").arg(card.modelData.counts)
                        wrapMode: Text.WordWrap
                        lineHeight: Theme.lineSpacing
                        color: Theme.ink
                        font.pixelSize: Theme.largeSize
                        font.bold: true
                        Accessible.role: Accessible.StaticText
                        Accessible.name: text
                    }
                    BodyText {
                        width: parent.width
                        visible: card.modelData.why !== ""
                        soft: true
                        text: qsTr("用途：%1").arg(card.modelData.why)
                    }
                    Text {
                        objectName: "chosen_" + card.modelData.ref
                        width: parent.width
                        visible: card.modelData.chosenWords !== ""
                        text: "✓ " + card.modelData.chosenWords
                        wrapMode: Text.WordWrap
                        lineHeight: Theme.lineSpacing
                        color: Theme.success
                        font.pixelSize: Theme.textSize
                        font.bold: true
                        Accessible.role: Accessible.StaticText
                        Accessible.name: text
                    }
                    BodyText {
                        width: parent.width
                        visible: card.modelData.ways.length === 0 && !card.modelData.unable
                        text: qsTr("请带原件到窗口核验")
                    }
                    BodyText {
                        objectName: "bring_" + card.modelData.ref
                        width: parent.width
                        visible: card.modelData.unable
                        text: card.modelData.bring
                    }
                    Flow {
                        width: parent.width
                        spacing: Theme.gap
                        Repeater {
                            model: card.modelData.ways
                            delegate: BigButton {
                                required property var modelData
                                objectName: "way_" + card.modelData.ref + "_" + modelData.way
                                width: body.width
                                height: Theme.touchHeight + Theme.px(48)  // the label and a two-line detail
                                kind: modelData.chosen ? "success" : "secondary"
                                text: modelData.label
                                subtitle: modelData.detail
                                onClicked: vm.chooseWay(card.modelData.ref, modelData.way)
                            }
                        }
                        BigButton {
                            objectName: "unable_" + card.modelData.ref
                            visible: card.modelData.chosenWords === "" && !card.modelData.unable
                            width: Math.max(Theme.px(280), (body.width - Theme.gap) / 2)
                            text: qsTr("我没有带")
                            onClicked: vm.cannotProvide(card.modelData.ref)
                        }
                    }
                }
            }
        }
    }

    Column {
        id: actions
        anchors { right: parent.right; top: parent.top }
        width: Theme.px(320)
        spacing: Theme.gap
        BigButton {
            objectName: "materialsContinue"
            width: parent.width
            kind: "primary"
            enabled: vm.canContinue
            text: qsTr("继续")
            subtitle: vm.canContinue ? "" : qsTr("还差：%1").arg(vm.missing.join("、"))
            onClicked: vm.continueOn()
        }
        BigButton {
            objectName: "materialsChecklist"
            width: parent.width
            text: qsTr("打印材料清单")
            onClicked: vm.showChecklist()
        }
    }
}
