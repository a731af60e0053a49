"""提交成功: the case number(s), the promised date in words, the printer's real state and
printing the receipt. (H8's ServiceDoneScreen shows DONE when it is present; this view
model and screens/done/DoneScreen.qml are the shell's own, used until then.)"""

from __future__ import annotations

from PySide6.QtCore import Property, Signal, Slot
from PySide6.QtQml import QmlElement, QmlUncreatable

from kiosk.flow import Screen
from kiosk.flow.views import DoneView
from ui.vm.part import Part

QML_IMPORT_NAME = "VillageKiosk"
QML_IMPORT_MAJOR_VERSION = 1


@QmlElement
@QmlUncreatable("the shell makes it")  # PySide6 6.12 stub: the instance is "not callable"
class DoneViewModel(Part):  # type: ignore[operator]
    caseNoChanged = Signal()
    caseStatusChanged = Signal()
    bundleNoChanged = Signal()
    promisedChanged = Signal()
    printerChanged = Signal()
    printedChanged = Signal()

    _case_no = ""
    _case_status = ""
    _bundle_no = ""
    _promised = ""
    _printer: tuple[str, bool] = ("", False)
    _printed = False

    def update(self, screen: Screen) -> None:
        v = screen.view if isinstance(screen.view, DoneView) else None
        first = v.cases[0] if v and v.cases else None
        self._set("_case_no", "、".join(c.case_no for c in v.cases) if v else "",
                  self.caseNoChanged)
        self._set("_case_status", first.status if first else "", self.caseStatusChanged)
        self._set("_bundle_no", v.bundle_no if v else "", self.bundleNoChanged)
        self._set("_promised", v.promised if v else "", self.promisedChanged)
        self._set("_printer", (v.printer, v.printer_ready) if v else ("", False),
                  self.printerChanged)
        self._set("_printed", v.printed if v else False, self.printedChanged)

    @Property(str, notify=caseNoChanged)
    def caseNo(self) -> str:
        return self._case_no

    @Property(str, notify=caseStatusChanged)
    def caseStatus(self) -> str:
        return self._case_status

    @Property(str, notify=bundleNoChanged)
    def bundleNo(self) -> str:
        return self._bundle_no

    @Property(str, notify=promisedChanged)
    def promised(self) -> str:
        return self._promised

    @Property(str, notify=printerChanged)
    def printer(self) -> str:
        return self._printer[0]

    @Property(bool, notify=printerChanged)
    def printerReady(self) -> bool:
        return self._printer[1]

    @Property(bool, notify=printedChanged)
    def printed(self) -> bool:
        return self._printed

    @Slot()
    def printReceipt(self) -> None:
        self.act("print_receipt")

    @Slot()
    def rate(self) -> None:
        self.act("rate")
