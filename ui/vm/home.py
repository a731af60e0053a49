"""首页: the ways into a visit. No state of its own, only actions."""

from __future__ import annotations

from PySide6.QtCore import Slot
from PySide6.QtQml import QmlElement, QmlUncreatable

from ui.vm.part import Part

QML_IMPORT_NAME = "VillageKiosk"
QML_IMPORT_MAJOR_VERSION = 1


@QmlElement
@QmlUncreatable("the shell makes it")  # PySide6 6.12 stub: the instance is "not callable"
class HomeViewModel(Part):  # type: ignore[operator]
    @Slot()
    def startService(self) -> None:
        """我要办事: the card first, then find the service (the form is prefilled)."""
        self.act("start", "service")

    @Slot()
    def browse(self) -> None:
        """查看办事指南: guides and checklists need no card."""
        self.act("browse")

    @Slot()
    def startQuery(self) -> None:
        self.act("start", "query")

    @Slot()
    def startRating(self) -> None:
        self.act("start", "rate")
