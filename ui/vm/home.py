"""首页: the three ways into a visit. No state of its own, only actions."""

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
    def startVisit(self) -> None:
        self.act(self.kiosk.start_visit)

    @Slot()
    def startQuery(self) -> None:
        self.act(self.kiosk.start_query)

    @Slot()
    def startRatingVisit(self) -> None:
        self.act(self.kiosk.start_rating_visit)
