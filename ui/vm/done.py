"""提交成功: the case number, its status, and printing the receipt (a device job)."""

from __future__ import annotations

import re
from pathlib import Path

from PySide6.QtCore import Property, QCoreApplication, Signal, Slot
from PySide6.QtQml import QmlElement, QmlUncreatable

from kiosk.session import SessionView, Step
from ui.vm.part import Part

QML_IMPORT_NAME = "VillageKiosk"
QML_IMPORT_MAJOR_VERSION = 1

RECEIPT_JOB = "receipt print"


@QmlElement
@QmlUncreatable("the shell makes it")  # PySide6 6.12 stub: the instance is "not callable"
class DoneViewModel(Part):  # type: ignore[operator]
    caseNoChanged = Signal()
    caseStatusChanged = Signal()
    printedChanged = Signal()
    printingChanged = Signal()
    messageChanged = Signal()

    _case_no = ""
    _case_status = ""
    _printed = False
    _printing = False
    _message = ""

    def update(self, view: SessionView) -> None:
        self._set("_case_no", view.case_no, self.caseNoChanged)
        self._set("_case_status", view.case_status, self.caseStatusChanged)
        self._set("_printed", view.printed, self.printedChanged)
        on = view.step == Step.DONE
        self._set("_message", view.message if on else "", self.messageChanged)

    @Property(str, notify=caseNoChanged)
    def caseNo(self) -> str:
        return self._case_no

    @Property(str, notify=caseStatusChanged)
    def caseStatus(self) -> str:
        return self._case_status

    @Property(bool, notify=printedChanged)
    def printed(self) -> bool:
        return self._printed

    @Property(bool, notify=printingChanged)
    def printing(self) -> bool:
        return self._printing

    @Property(str, notify=messageChanged)
    def message(self) -> str:
        return self._message

    @Slot()
    def printReceipt(self) -> None:
        if self._printing or self.kiosk.session.view.step != Step.DONE:
            return
        self._set("_printing", True, self.printingChanged)
        out = self._receipt_path(self._case_no)
        self._host.start_device_job(RECEIPT_JOB, lambda: self.kiosk.print_receipt(out))

    def printing_finished(self, result: object) -> None:
        """The device job's end (on the GUI thread): a failure is said on the screen."""
        self._set("_printing", False, self.printingChanged)
        view = self.kiosk.session.view
        if isinstance(result, Exception) and view.step == Step.DONE:
            view.message = QCoreApplication.translate(
                "ViewModels", "回执暂时无法打印，请联系工作人员")

    def _receipt_path(self, case_no: str) -> Path:
        safe = re.sub(r"[^A-Za-z0-9_-]", "_", case_no) or "receipt"
        return self.kiosk.config.receipts_dir / f"{safe}.pdf"

    @Slot()
    def rate(self) -> None:
        """评价 for the case just submitted."""
        def rate() -> None:
            if self.kiosk.session.view.step == Step.DONE:
                self.kiosk.start_rating()
        self.act(rate)

    @property
    def busy(self) -> bool:
        return self._printing
