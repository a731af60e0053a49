"""办件查询 by number: the case or bundle number typed on the large digit pad.

The digits are typed into the screen's own box (which dies with the screen) and handed to
the core on 查询; a number the core refused comes back as ``typed`` with its ``error``.
Platform 办件编号 are all digits; a provisional local number has the terminal's letters
and is found by its receipt QR or the ID card instead.
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
    def find(self, typed: str) -> None:
        """查询 (or 完成 on the pad): the core checks the number and looks it up."""
        self.act("query_number", typed)

    @Slot()
    def scan(self) -> None:
        self.act("open_scan")
