"""办件查询: this resident's cases, as numbers and plain words (no identity in the rows)."""

from __future__ import annotations

import logging

from PySide6.QtCore import Property, Signal, Slot
from PySide6.QtQml import QmlElement, QmlUncreatable

from kiosk.session import SessionView, Step
from kiosk.store import StoreError
from ui.vm.lists import RowsModel
from ui.vm.part import Host, Part

QML_IMPORT_NAME = "VillageKiosk"
QML_IMPORT_MAJOR_VERSION = 1

log = logging.getLogger(__name__)

QUERY_KEYS = ("caseNo", "items", "status", "detail", "date")


@QmlElement
@QmlUncreatable("the shell makes it")  # PySide6 6.12 stub: the instance is "not callable"
class QueryViewModel(Part):  # type: ignore[operator]
    noteChanged = Signal()
    messageChanged = Signal()
    maskedNameChanged = Signal()
    maskedIdChanged = Signal()

    _note = ""
    _message = ""
    _masked_name = ""
    _masked_id = ""

    def __init__(self, host: Host) -> None:
        super().__init__(host)
        self._records = RowsModel(QUERY_KEYS, self)

    def update(self, view: SessionView) -> None:
        self._records.set_rows([
            {"caseNo": r.case_no, "items": "、".join(r.items), "status": r.status,
             "detail": r.detail, "date": r.date} for r in view.query])
        on = view.step == Step.QUERY_RESULT
        self._set("_note", view.query_note, self.noteChanged)
        self._set("_message", view.message if on else "", self.messageChanged)
        self._set("_masked_name", view.masked_name, self.maskedNameChanged)
        self._set("_masked_id", view.masked_id, self.maskedIdChanged)

    @Property(RowsModel, constant=True)
    def records(self) -> RowsModel:
        return self._records

    @Property(str, notify=noteChanged)
    def note(self) -> str:
        return self._note

    @Property(str, notify=messageChanged)
    def message(self) -> str:
        return self._message

    @Property(str, notify=maskedNameChanged)
    def maskedName(self) -> str:
        return self._masked_name

    @Property(str, notify=maskedIdChanged)
    def maskedId(self) -> str:
        return self._masked_id

    @Slot(int)
    def rate(self, index: int) -> None:
        """评价 the case on row ``index``."""
        def rate() -> None:
            if self.kiosk.session.view.step != Step.QUERY_RESULT:
                return
            try:
                self.kiosk.rate_query_case(int(index))
            except (StoreError, KeyError, IndexError):
                log.error("rating screen could not be opened")
        self.act(rate)
