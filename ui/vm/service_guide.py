"""办事指南, 智能导办 questions and the tailored 材料清单.

Materials become rows of plain strings (counts joined as the printed checklist writes
them), so the screen never assembles words of its own and the page says what paper says.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, ClassVar

from PySide6.QtCore import Property, QCoreApplication, QObject, Signal, Slot
from PySide6.QtQml import QmlElement

from kiosk.flow.views import (
    UNKNOWN,
    ChecklistRow,
    ChecklistView,
    ChoiceOption,
    GuideMaterial,
    GuideView,
    QuestionView,
)
from ui.vm.service_base import (
    ScreenViewModel,
    bool_property,
    int_property,
    joined,
    list_property,
    text_property,
)
from ui.vm.service_rows import RowListModel

QML_IMPORT_NAME = "VillageKiosk"
QML_IMPORT_MAJOR_VERSION = 1


def count_words(originals: int, copies: int) -> str:
    parts = ([QCoreApplication.translate("MaterialLine", "原件%1份").replace(
        "%1", str(originals))] if originals else []) + ([QCoreApplication.translate(
            "MaterialLine", "复印件%1份").replace("%1", str(copies))] if copies else [])
    return QCoreApplication.translate("MaterialLine", "、").join(parts)


@dataclass(frozen=True)
class MaterialLine:
    """One material as the guide and the checklist show it."""

    name: str
    necessity: str  # 必须提供 | 可选提供 | 视情形提供
    count: str  # 原件1份、复印件1份
    how: str  # 读身份证即可；可通过数据共享核验
    already_have: bool  # 本机已有: nothing to bring
    deferral: str  # 暂时没有可以先办，5个工作日内补交
    note: str
    for_items: str  # a bundle's items that need it


def _deferral(days: int | None) -> str:
    return QCoreApplication.translate(
        "MaterialLine", "暂时没有可以先办，%1个工作日内补交（容缺受理）").replace(
            "%1", str(days)) if days else ""


def guide_line(m: GuideMaterial) -> MaterialLine:
    return MaterialLine(m.name, m.necessity, count_words(m.originals, m.copies),
                        joined(m.how), m.already_have, _deferral(m.deferrable_days), m.note,
                        "")


def checklist_line(r: ChecklistRow) -> MaterialLine:
    return MaterialLine(r.name, r.necessity, r.count, joined(r.how), False,
                        _deferral(r.deferrable_days), r.note, joined(r.for_items, "、"))


@QmlElement
class GuideViewModel(ScreenViewModel):
    """The 办事指南 of one item or bundle, in plain words, with 开始办理 / 打印清单."""

    view_type = GuideView
    kindChanged = Signal()
    codeChanged = Signal()
    nameChanged = Signal()
    plainSummaryChanged = Signal()
    itemsChanged = Signal()
    conditionsChanged = Signal()
    promisedTimeChanged = Signal()
    feeChanged = Signal()
    resultFromChanged = Signal()
    whereChanged = Signal()
    hotlinesChanged = Signal()
    selfServiceChanged = Signal()
    canApplyChanged = Signal()
    counterNoteChanged = Signal()
    hasQuestionsChanged = Signal()
    commitmentsChanged = Signal()
    remindersChanged = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._materials = RowListModel(MaterialLine, self)

    def _update_models(self, view: Any) -> None:
        self._materials.set_rows([guide_line(m) for m in view.materials])

    def _get_materials(self) -> RowListModel:
        return self._materials

    materials = Property(RowListModel, _get_materials, constant=True)
    kind = text_property("kind", kindChanged)
    code = text_property("code", codeChanged)
    name = text_property("name", nameChanged)
    plainSummary = text_property("plain_summary", plainSummaryChanged)
    items = list_property("items", itemsChanged)
    conditions = list_property("conditions", conditionsChanged)
    promisedTime = text_property("promised_time", promisedTimeChanged)
    fee = text_property("fee", feeChanged)
    resultFrom = text_property("result_from", resultFromChanged)
    where = text_property("where", whereChanged)
    hotlines = text_property("hotlines", hotlinesChanged, "、")
    selfService = text_property("self_service", selfServiceChanged)
    canApply = bool_property("can_apply", canApplyChanged)
    counterNote = text_property("counter_note", counterNoteChanged)
    hasQuestions = bool_property("has_questions", hasQuestionsChanged)
    commitments = text_property("commitments", commitmentsChanged, "、")
    reminders = list_property("reminders", remindersChanged)

    @Slot()
    def start(self) -> None:
        """开始办理: the questions first when there are any, else the card and the form."""
        self.act("start_questions" if self.field("has_questions", False) else "apply")

    @Slot()
    def printChecklist(self) -> None:
        self.act("print_checklist")


@QmlElement
class QuestionViewModel(ScreenViewModel):
    """One 智能导办 question: large choices (是 / 否 / … / 不清楚) or a number."""

    view_type = QuestionView
    renamed: ClassVar[dict[str, str]] = {"id": "questionId"}  # ``id`` is QML's word
    questionIdChanged = Signal()
    textChanged = Signal()
    helpChanged = Signal()
    kindChanged = Signal()
    numberMinChanged = Signal()
    numberMaxChanged = Signal()
    numberChanged = Signal()
    totalChanged = Signal()
    currentChanged = Signal()
    errorChanged = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._options = RowListModel(ChoiceOption, self)

    def _update_models(self, view: Any) -> None:
        self._options.set_rows(view.options)

    def _get_options(self) -> RowListModel:
        return self._options

    def _get_unknown(self) -> str:
        return UNKNOWN

    options = Property(RowListModel, _get_options, constant=True)
    unknownValue = Property(str, _get_unknown, constant=True)
    questionId = text_property("id", questionIdChanged)
    text = text_property("text", textChanged)
    help = text_property("help", helpChanged)
    kind = text_property("kind", kindChanged)
    numberMin = int_property("number_min", numberMinChanged)
    numberMax = int_property("number_max", numberMaxChanged)
    number = int_property("number", numberChanged)
    total = int_property("total", totalChanged)
    current = text_property("current", currentChanged)
    error = text_property("error", errorChanged)

    @Slot(str)
    def answer(self, value: str) -> None:
        self.act("answer", value)


@QmlElement
class ChecklistViewModel(ScreenViewModel):
    """The tailored 材料清单 after the questions: what to bring, printable."""

    view_type = ChecklistView
    titleChanged = Signal()
    pendingChanged = Signal()
    itemsChanged = Signal()
    undecidedChanged = Signal()
    conditionsChanged = Signal()
    commitmentsChanged = Signal()
    canApplyChanged = Signal()
    counterNoteChanged = Signal()
    printedChanged = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._rows = RowListModel(MaterialLine, self)

    def _update_models(self, view: Any) -> None:
        self._rows.set_rows([checklist_line(r) for r in view.rows])

    def _get_rows(self) -> RowListModel:
        return self._rows

    rows = Property(RowListModel, _get_rows, constant=True)
    title = text_property("title", titleChanged)
    pending = list_property("pending", pendingChanged)
    items = list_property("items", itemsChanged)
    undecided = list_property("undecided", undecidedChanged)
    conditions = list_property("conditions", conditionsChanged)
    commitments = text_property("commitments", commitmentsChanged, "、")
    canApply = bool_property("can_apply", canApplyChanged)
    counterNote = text_property("counter_note", counterNoteChanged)
    printed = bool_property("printed", printedChanged)

    @Slot()
    def apply(self) -> None:
        """开始填表 (reads the card first when it has not been read)."""
        self.act("apply")

    @Slot()
    def printChecklist(self) -> None:
        self.act("print_checklist")

    @Slot()
    def changeAnswers(self) -> None:
        """修改回答: back to the last question (each earlier one is one 返回 further)."""
        self.act("back")
