"""After submitting: 提交成功 (one item or a bundle), a receipt that did not print, 补正,
and the problem screen every failure reaches.

When the printer fails the case is safe; what the resident needs is the number, large, and
the QR the receipt would have carried, so ``PrintProblemViewModel.qrImage`` is the QR as a
data URL the screen shows like the paper would.
"""

from __future__ import annotations

import base64
import io
from dataclasses import dataclass
from typing import Any

import qrcode
import qrcode.image.svg
from PySide6.QtCore import Property, QCoreApplication, QObject, Signal, Slot
from PySide6.QtQml import QmlElement

from kiosk.flow.views import (
    CaseLine,
    CorrectionView,
    DoneView,
    MissingRow,
    PrintProblemView,
    ProblemView,
)
from ui.vm.service_base import (
    ProblemWords,
    ScreenViewModel,
    bool_property,
    list_property,
    text_property,
)
from ui.vm.service_rows import RowListModel

QML_IMPORT_NAME = "VillageKiosk"
QML_IMPORT_MAJOR_VERSION = 1


def _fix_label(index: int) -> str:
    return QCoreApplication.translate("ProblemViewModel", "第%1项").replace("%1", str(index + 1))


def qr_data_url(text: str) -> str:
    """An SVG QR code as a data URL (empty for no text): drawn crisp at any size."""
    if not text:
        return ""
    img = qrcode.make(text, image_factory=qrcode.image.svg.SvgPathImage, border=2)
    buf = io.BytesIO()
    img.save(buf)
    return "data:image/svg+xml;base64," + base64.b64encode(buf.getvalue()).decode()


@dataclass(frozen=True)
class _CaseRow:
    case_no: str
    items: str
    status: str
    promised: str
    for_whom: str

    @classmethod
    def of(cls, c: CaseLine) -> _CaseRow:
        return cls(c.case_no, "、".join(c.items), c.status, c.promised, c.for_whom)


@QmlElement
class ServiceDoneViewModel(ScreenViewModel):
    """提交成功 for one item or a whole 一件事: numbers, promised date, print state."""

    view_type = DoneView
    bundleNoChanged = Signal()
    promisedChanged = Signal()
    printerChanged = Signal()
    printerReadyChanged = Signal()
    printedChanged = Signal()
    canRateChanged = Signal()
    autoPrintChanged = Signal()
    isBundleChanged = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._cases = RowListModel(_CaseRow, self)

    def _update_models(self, view: Any) -> None:
        assert isinstance(view, DoneView)
        self._cases.set_rows([_CaseRow.of(c) for c in view.cases])

    def _after_show(self, old: Any, view: Any) -> None:
        if old is None or bool(old.bundle_no) != bool(view.bundle_no):
            self.isBundleChanged.emit()

    def _get_cases(self) -> RowListModel:
        return self._cases

    def _get_is_bundle(self) -> bool:
        return bool(self.field("bundle_no"))

    cases = Property(RowListModel, _get_cases, constant=True)
    isBundle = Property(bool, _get_is_bundle, notify=isBundleChanged)
    bundleNo = text_property("bundle_no", bundleNoChanged)
    promised = text_property("promised", promisedChanged)
    printer = text_property("printer", printerChanged)
    printerReady = bool_property("printer_ready", printerReadyChanged)
    printed = bool_property("printed", printedChanged)
    canRate = bool_property("can_rate", canRateChanged)
    def _get_auto_print(self) -> bool:
        """The core says print on arrival — and this is the live terminal's window: a
        passive window (screenshots, samples shown on top of the real visit) never prints,
        or the sample's print would run on whatever visit the terminal holds."""
        return bool(self.field("auto_print", False)) and bool(getattr(self._session, "live",
                                                                        True))

    autoPrint = Property(bool, _get_auto_print, notify=autoPrintChanged)

    @Slot()
    def printReceipt(self) -> None:
        self.act("print_receipt")

    @Slot()
    def rate(self) -> None:
        self.act("rate")

    @Slot()
    def skipRating(self) -> None:
        self.act("skip_rating")


@QmlElement
class PrintProblemViewModel(ScreenViewModel):
    """The receipt did not print: the number and the QR large, with what to do."""

    view_type = PrintProblemView
    problemChanged = Signal()
    caseNoChanged = Signal()
    bundleNoChanged = Signal()
    qrTextChanged = Signal()
    whatToDoChanged = Signal()

    caseNo = text_property("case_no", caseNoChanged)
    bundleNo = text_property("bundle_no", bundleNoChanged)
    qrText = text_property("qr_text", qrTextChanged)
    whatToDo = list_property("what_to_do", whatToDoChanged)

    def _get_qr(self) -> str:
        return qr_data_url(self.field("qr_text"))

    def _problem(self) -> ProblemWords:
        return ProblemWords.of(self.field("problem", None))

    def _get_title(self) -> str:
        return self._problem().title

    def _get_words(self) -> str:
        return self._problem().words

    def _get_retry_label(self) -> str:
        return self._problem().retry_label

    qrImage = Property(str, _get_qr, notify=qrTextChanged)
    title = Property(str, _get_title, notify=problemChanged)
    words = Property(str, _get_words, notify=problemChanged)
    retryLabel = Property(str, _get_retry_label, notify=problemChanged)

    @Slot()
    def retry(self) -> None:
        """再打印一次."""
        self.act("retry")

    @Slot()
    def skipPrint(self) -> None:
        """已记下，继续: on without the paper (back to where printing was asked for)."""
        self.act("skip_print")


@QmlElement
class CorrectionViewModel(ScreenViewModel):
    """补正: the one complete list of what is still missing (行政许可法 art. 32)."""

    view_type = CorrectionView
    caseNoChanged = Signal()
    itemsChanged = Signal()
    whereChanged = Signal()
    hotlineChanged = Signal()
    printedChanged = Signal()
    platformListChanged = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._missing = RowListModel(MissingRow, self)

    def _update_models(self, view: Any) -> None:
        assert isinstance(view, CorrectionView)
        self._missing.set_rows(view.missing)

    def _get_missing(self) -> RowListModel:
        return self._missing

    missing = Property(RowListModel, _get_missing, constant=True)
    caseNo = text_property("case_no", caseNoChanged)
    items = text_property("items", itemsChanged, "、")
    where = text_property("where", whereChanged)
    hotline = text_property("hotline", hotlineChanged)
    printed = bool_property("printed", printedChanged)
    platformList = bool_property("platform_list", platformListChanged)

    @Slot()
    def printList(self) -> None:
        self.act("print_correction")

    @Slot()
    def back(self) -> None:
        self.act("back")


@dataclass(frozen=True)
class FixRow:
    """One thing to fix of a refused application, with the key 修改 hands back."""

    key: str  # field id or q:<question id>; "" when nothing on screen can fix it
    label: str
    value: str


@QmlElement
class ProblemViewModel(ScreenViewModel):
    """出了点问题: title, plain words, what to do next, and where 再试一次 goes."""

    view_type = ProblemView
    problemChanged = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._fixes = RowListModel(FixRow, self)

    def _update_models(self, view: Any) -> None:
        assert isinstance(view, ProblemView)
        p = view.problem
        keys = list(p.fields) + [""] * (len(p.details) - len(p.fields))
        self._fixes.set_rows([FixRow(k, _fix_label(i), d)
                              for i, (k, d) in enumerate(zip(keys, p.details, strict=False))])

    def _get_fixes(self) -> RowListModel:
        return self._fixes

    fixes = Property(RowListModel, _get_fixes, constant=True)

    def _p(self) -> ProblemWords:
        return ProblemWords.of(self.field("problem", None))

    def _get_kind(self) -> str:
        return self._p().kind

    def _get_title(self) -> str:
        return self._p().title

    def _get_words(self) -> str:
        return self._p().words

    def _get_next_action(self) -> str:
        return self._p().next_action

    def _get_retry_label(self) -> str:
        return self._p().retry_label

    def _get_can_retry(self) -> bool:
        return self._p().can_retry

    def _get_details(self) -> list[str]:
        p = self.field("problem", None)
        return list(p.details) if p is not None else []

    def _get_kept(self) -> bool:
        p = self.field("problem", None)
        return bool(p is not None and p.kept)

    kind = Property(str, _get_kind, notify=problemChanged)
    title = Property(str, _get_title, notify=problemChanged)
    words = Property(str, _get_words, notify=problemChanged)
    nextAction = Property(str, _get_next_action, notify=problemChanged)
    retryLabel = Property(str, _get_retry_label, notify=problemChanged)
    canRetry = Property(bool, _get_can_retry, notify=problemChanged)
    details = Property(list, _get_details, notify=problemChanged)
    kept = Property(bool, _get_kept, notify=problemChanged)

    @Slot()
    def retry(self) -> None:
        self.act("retry")

    @Slot(str)
    def change(self, key: str) -> None:
        """修改 beside one thing to fix: to its field or question, then back to 核对信息."""
        self.act("change", key)
