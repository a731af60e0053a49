"""办件查询: this resident's cases as numbers and plain words (no identity in the rows)."""

from __future__ import annotations

from PySide6.QtCore import Property, Signal, Slot
from PySide6.QtQml import QmlElement, QmlUncreatable

from kiosk.flow import Screen
from kiosk.flow.views import QueryScanView, QueryView
from ui.vm.lists import RowsModel
from ui.vm.part import Host, Part

QML_IMPORT_NAME = "VillageKiosk"
QML_IMPORT_MAJOR_VERSION = 1

QUERY_KEYS = ("index", "caseNo", "bundleNo", "items", "status", "detail", "date",
              "needsCorrection", "canReprint", "canRate")


@QmlElement
@QmlUncreatable("the shell makes it")  # PySide6 6.12 stub: the instance is "not callable"
class QueryViewModel(Part):  # type: ignore[operator]
    noteChanged = Signal()
    maskedNameChanged = Signal()
    howChanged = Signal()

    _note = ""
    _masked_name = ""
    _how = ""

    def __init__(self, host: Host) -> None:
        super().__init__(host)
        self._records = RowsModel(QUERY_KEYS, self)

    def update(self, screen: Screen) -> None:
        v = screen.view if isinstance(screen.view, QueryView) else None
        self._records.set_rows([] if v is None else [
            {"index": r.index, "caseNo": r.case_no, "bundleNo": r.bundle_no,
             "items": "、".join(r.items), "status": r.status, "detail": r.detail,
             "date": r.date, "needsCorrection": r.needs_correction,
             "canReprint": r.can_reprint, "canRate": r.can_rate} for r in v.rows])
        self._set("_note", v.note if v else "", self.noteChanged)
        self._set("_masked_name", v.masked_name if v else "", self.maskedNameChanged)
        self._set("_how", v.how if v else "", self.howChanged)

    @Property(RowsModel, constant=True)
    def records(self) -> RowsModel:
        return self._records

    @Property(str, notify=noteChanged)
    def note(self) -> str:
        """Offline, or nothing found; empty when all is well."""
        return self._note

    @Property(str, notify=maskedNameChanged)
    def maskedName(self) -> str:
        return self._masked_name

    @Property(str, notify=howChanged)
    def how(self) -> str:
        """card | number"""
        return self._how

    @Slot(int)
    def rate(self, index: int) -> None:
        self.act("rate_row", int(index))

    @Slot(int)
    def reprint(self, index: int) -> None:
        self.act("reprint", int(index))

    @Slot(int)
    def openCorrection(self, index: int) -> None:
        self.act("open_correction", int(index))

    @Slot()
    def openNumber(self) -> None:
        self.act("open_query_number")


@QmlElement
@QmlUncreatable("the shell makes it")  # PySide6 6.12 stub: the instance is "not callable"
class QueryScanViewModel(Part):  # type: ignore[operator]
    """扫描回执二维码: what to do, and what is still to come (camera scanning: issue 14)."""

    hintChanged = Signal()
    hookChanged = Signal()

    _hint = ""
    _hook = ""

    def update(self, screen: Screen) -> None:
        v = screen.view if isinstance(screen.view, QueryScanView) else None
        self._set("_hint", v.hint if v else "", self.hintChanged)
        self._set("_hook", v.hook if v else "", self.hookChanged)

    @Property(str, notify=hintChanged)
    def hint(self) -> str:
        return self._hint

    @Property(str, notify=hookChanged)
    def hook(self) -> str:
        return self._hook

    @Slot()
    def openNumber(self) -> None:
        """输入编号 instead."""
        self.act("open_query_number")
