"""办件查询 by number: the case or bundle number typed on the large digit pad.

The digits live in the core (``QueryNumberView.typed``), not in QML, so the visit's end
wipes them with everything else and the screen never holds a number the core forgot.
"""

from __future__ import annotations

from PySide6.QtCore import Signal, Slot
from PySide6.QtQml import QmlElement

from kiosk.flow.views import QueryNumberView
from ui.vm.service_base import ScreenViewModel, text_property

QML_IMPORT_NAME = "VillageKiosk"
QML_IMPORT_MAJOR_VERSION = 1


@QmlElement
class QueryNumberViewModel(ScreenViewModel):
    view_type = QueryNumberView
    typedChanged = Signal()
    errorChanged = Signal()
    hintChanged = Signal()

    typed = text_property("typed", typedChanged)
    error = text_property("error", errorChanged)
    hint = text_property("hint", hintChanged)

    @Slot(str)
    def type(self, text: str) -> None:
        """The whole number as typed so far (the pad edits a local box, then hands it on)."""
        if text != self.field("typed"):
            self.act("type_number", text)

    @Slot()
    def find(self) -> None:
        self.act("find_number")

    @Slot()
    def scan(self) -> None:
        self.act("scan_instead")
