"""核对信息: every answer with 修改, the materials, consent, 告知承诺 / 容缺, 确认提交.

A 告知承诺 is not confirmed by a touch on this page: its 签名确认 opens the signature pad
(``confirm_commitment``), and only the signature there binds it to the case.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import Property, QCoreApplication, QObject, Signal, Slot
from PySide6.QtQml import QmlElement

from kiosk.flow.views import AnswerRow, CheckAnswersView, MaterialRow
from ui.vm.service_base import (
    ScreenViewModel,
    bool_property,
    joined,
    list_property,
    text_property,
)
from ui.vm.service_rows import RowListModel

QML_IMPORT_NAME = "VillageKiosk"
QML_IMPORT_MAJOR_VERSION = 1


@dataclass(frozen=True)
class MaterialStatusLine:
    ref: str
    name: str
    status: str
    deferral: str  # 可以先办，5个工作日内补交 — when 容缺 may be chosen
    deferrable: bool
    deferred: bool


@dataclass(frozen=True)
class ProblemLine:
    """One thing that blocks submitting, with the key its 修改 hands back."""

    field: str
    label: str
    message: str

    @classmethod
    def of(cls, link: Any) -> ProblemLine:
        # kiosk.flow.views.ErrorLink has a label; kiosk.forms.page.ErrorLink does not
        return cls(str(link.field), str(getattr(link, "label", "") or QCoreApplication.translate(
            "CheckAnswersViewModel", "需要修改")),
                   str(link.message))


@dataclass(frozen=True)
class CommitmentLine:
    commitment_id: str  # ``id`` is QML's own word
    title: str
    text: str
    replaces: str  # the materials it stands in for, joined
    confirmed: bool


def material_line(m: MaterialRow) -> MaterialStatusLine:
    days = m.deferrable_days
    return MaterialStatusLine(m.ref, m.name, m.status,
                              QCoreApplication.translate(
                                  "MaterialStatusLine", "可以先办，%1个工作日内补交").replace(
                                      "%1", str(days)) if days else "",
                              bool(days), m.deferred)


@QmlElement
class CheckAnswersViewModel(ScreenViewModel):
    view_type = CheckAnswersView
    titleChanged = Signal()
    deferralTextChanged = Signal()
    privacyNoticeChanged = Signal()
    needsConsentChanged = Signal()
    consentedChanged = Signal()
    historyOfferChanged = Signal()
    historyUsedChanged = Signal()
    canSubmitChanged = Signal()
    promisedChanged = Signal()
    forWhomChanged = Signal()
    submitConsentsChanged = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._answers = RowListModel(AnswerRow, self)
        self._fields = RowListModel(AnswerRow, self)
        self._materials = RowListModel(MaterialStatusLine, self)
        self._commitments = RowListModel(CommitmentLine, self)
        self._problems = RowListModel(ProblemLine, self)

    def _update_models(self, view: Any) -> None:
        assert isinstance(view, CheckAnswersView)
        self._answers.set_rows(view.answers)
        self._fields.set_rows(view.fields)
        self._materials.set_rows([material_line(m) for m in view.materials])
        self._commitments.set_rows([CommitmentLine(c.id, c.title, c.text,
                                                   joined(c.replaces, "、"), c.confirmed)
                                    for c in view.commitments])
        self._problems.set_rows([ProblemLine.of(p) for p in view.problems])

    def _get_answers(self) -> RowListModel:
        return self._answers

    def _get_fields(self) -> RowListModel:
        return self._fields

    def _get_materials(self) -> RowListModel:
        return self._materials

    def _get_commitments(self) -> RowListModel:
        return self._commitments

    def _get_problems(self) -> RowListModel:
        return self._problems

    answers = Property(RowListModel, _get_answers, constant=True)
    fields = Property(RowListModel, _get_fields, constant=True)
    materials = Property(RowListModel, _get_materials, constant=True)
    commitments = Property(RowListModel, _get_commitments, constant=True)
    problems = Property(RowListModel, _get_problems, constant=True)
    title = text_property("title", titleChanged)
    deferralText = text_property("deferral_text", deferralTextChanged)
    privacyNotice = text_property("privacy_notice", privacyNoticeChanged)
    needsConsent = bool_property("needs_consent", needsConsentChanged)
    consented = bool_property("consented", consentedChanged)
    historyOffer = list_property("history_offer", historyOfferChanged)
    historyUsed = bool_property("history_used", historyUsedChanged)
    canSubmit = bool_property("can_submit", canSubmitChanged)
    promised = text_property("promised", promisedChanged)
    forWhom = list_property("for_whom", forWhomChanged)
    submitConsents = bool_property("submit_consents", submitConsentsChanged)

    @Slot(str)
    def change(self, key: str) -> None:
        """修改: to the form page (field id) or the question (``q:<id>``); 继续 there comes
        back here."""
        self.act("change", key)

    @Slot(bool)
    def setConsent(self, agreed: bool) -> None:
        self.act("consent", agreed)

    @Slot(str, bool)
    def confirmCommitment(self, commitment_id: str, yes: bool) -> None:
        """签名确认 (``yes``): opens the signature pad; ``yes=False`` withdraws a signature."""
        self.act("confirm_commitment", commitment_id, yes)

    @Slot(str, bool)
    def setDeferred(self, ref: str, deferred: bool) -> None:
        self.act("defer", ref, deferred)

    @Slot(bool)
    def useHistory(self, use: bool) -> None:
        self.act("use_history", use)

    @Slot()
    def submit(self) -> None:
        self.act("submit")

    @Slot()
    def consentAndSubmit(self) -> None:
        """同意并提交: the privacy consent, recorded with this touch, and 确认提交."""
        self.act("submit", True)
