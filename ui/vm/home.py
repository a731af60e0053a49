"""首页: the ways into a visit. No state of its own, only actions."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Property, Signal, Slot
from PySide6.QtQml import QmlElement, QmlUncreatable

from ui.vm.part import Part

if TYPE_CHECKING:
    from kiosk.flow import Screen

QML_IMPORT_NAME = "VillageKiosk"
QML_IMPORT_MAJOR_VERSION = 1


@QmlElement
@QmlUncreatable("the shell makes it")  # PySide6 6.12 stub: the instance is "not callable"
class HomeViewModel(Part):  # type: ignore[operator]
    displayChanged = Signal()

    _elder = False
    _contrast = False

    def update(self, screen: Screen) -> None:
        self._set("_elder", screen.elder, self.displayChanged)
        self._set("_contrast", screen.high_contrast, self.displayChanged)

    @Property(bool, notify=displayChanged)
    def elderMode(self) -> bool:
        return self._elder

    @Property(bool, notify=displayChanged)
    def highContrast(self) -> bool:
        return self._contrast

    @Slot()
    def toggleElder(self) -> None:
        """长辈模式: larger type and targets, slower idle time, prompts spoken — for this
        visit only (it ends with the visit)."""
        self.act("set_elder", not self._elder)

    @Slot()
    def toggleContrast(self) -> None:
        """高对比度: black and white, for this visit only."""
        self.act("set_contrast", not self._contrast)

    @Slot()
    def startService(self) -> None:
        """我要办事: the card first, then find the service (the form is prefilled)."""
        self.act("start", "service")

    @Slot()
    def browse(self) -> None:
        """查看办事指南: guides and checklists need no card."""
        self.act("browse")

    @Slot()
    def openTeach(self) -> None:
        """怎么用: the walkthrough of the card reader, camera, keyboard and printer slot."""
        self.act("open_teach")

    @Slot()
    def startQuery(self) -> None:
        self.act("start", "query")

    @Slot()
    def startRating(self) -> None:
        self.act("start", "rate")
