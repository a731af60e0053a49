"""请放身份证: the prompt, or why the last read failed. Polling itself is the shell's (it
follows the step, see shell.py)."""

from __future__ import annotations

from PySide6.QtCore import Property, Signal
from PySide6.QtQml import QmlElement, QmlUncreatable

from kiosk.session import SessionView, Step
from ui.vm.part import Part

QML_IMPORT_NAME = "VillageKiosk"
QML_IMPORT_MAJOR_VERSION = 1


@QmlElement
@QmlUncreatable("the shell makes it")  # PySide6 6.12 stub: the instance is "not callable"
class CardViewModel(Part):  # type: ignore[operator]
    messageChanged = Signal()
    problemChanged = Signal()

    _message = ""
    _problem = False

    def update(self, view: SessionView) -> None:
        on = view.step == Step.INSERT_CARD
        self._set("_message", view.message if on else "", self.messageChanged)
        self._set("_problem", view.problem if on else False, self.problemChanged)

    @Property(str, notify=messageChanged)
    def message(self) -> str:
        return self._message

    @Property(bool, notify=problemChanged)
    def problem(self) -> bool:
        return self._problem
