"""请放身份证: the prompt for this purpose, or why the last read failed. Polling itself is
the shell's (it follows the screen's ``polls_card``)."""

from __future__ import annotations

from PySide6.QtCore import Property, Signal
from PySide6.QtQml import QmlElement, QmlUncreatable

from kiosk.flow import Screen
from kiosk.flow.views import InsertCardView
from ui.vm.part import Part

QML_IMPORT_NAME = "VillageKiosk"
QML_IMPORT_MAJOR_VERSION = 1


@QmlElement
@QmlUncreatable("the shell makes it")  # PySide6 6.12 stub: the instance is "not callable"
class CardViewModel(Part):  # type: ignore[operator]
    purposeChanged = Signal()
    promptChanged = Signal()
    problemChanged = Signal()

    _purpose = ""
    _prompt = ""
    _problem: tuple[str, str, str] = ("", "", "")

    def update(self, screen: Screen) -> None:
        v = screen.view if isinstance(screen.view, InsertCardView) else None
        self._set("_purpose", v.purpose if v else "", self.purposeChanged)
        self._set("_prompt", v.prompt if v else "", self.promptChanged)
        b = v.banner if v else None
        self._set("_problem", (b.title, b.words, b.next_action) if b else ("", "", ""),
                  self.problemChanged)

    @Property(str, notify=purposeChanged)
    def purpose(self) -> str:
        """service | query | rate"""
        return self._purpose

    @Property(str, notify=promptChanged)
    def prompt(self) -> str:
        return self._prompt

    @Property(bool, notify=problemChanged)
    def problem(self) -> bool:
        return self._problem != ("", "", "")

    @Property(str, notify=problemChanged)
    def problemTitle(self) -> str:
        return self._problem[0]

    @Property(str, notify=problemChanged)
    def problemWords(self) -> str:
        return self._problem[1]

    @Property(str, notify=problemChanged)
    def problemNextStep(self) -> str:
        return self._problem[2]
