"""好差评 and 感谢评价: five levels, reasons and a call-back number for a poor rating."""

from __future__ import annotations

import logging

from PySide6.QtCore import Property, Signal, Slot
from PySide6.QtQml import QmlElement, QmlUncreatable

from kiosk.ratings import LEVEL_WORDS, POOR_REASONS, Level
from kiosk.session import RATING_THANKS, SessionView, Step
from kiosk.store import StoreError
from ui.vm.choice import store_failed
from ui.vm.part import Part

QML_IMPORT_NAME = "VillageKiosk"
QML_IMPORT_MAJOR_VERSION = 1

log = logging.getLogger(__name__)


@QmlElement
@QmlUncreatable("the shell makes it")  # PySide6 6.12 stub: the instance is "not callable"
class RatingViewModel(Part):  # type: ignore[operator]
    caseNoChanged = Signal()
    levelChanged = Signal()
    messageChanged = Signal()
    problemChanged = Signal()

    _case_no = ""
    _level = 0
    _message = ""
    _problem = False

    def update(self, view: SessionView) -> None:
        self._set("_case_no", view.rating_case_no, self.caseNoChanged)
        self._set("_level", view.rating_level, self.levelChanged)
        on = view.step == Step.RATE
        self._set("_message", view.message if on else "", self.messageChanged)
        self._set("_problem", view.problem if on else False, self.problemChanged)

    @Property(str, notify=caseNoChanged)
    def caseNo(self) -> str:
        return self._case_no

    @Property(int, notify=levelChanged)
    def level(self) -> int:
        return self._level

    @Property(str, notify=messageChanged)
    def message(self) -> str:
        return self._message

    @Property(bool, notify=problemChanged)
    def problem(self) -> bool:
        return self._problem

    @Property(list, constant=True)
    def levelWords(self) -> list[str]:
        """Words for levels 5 … 1, in the order the faces are drawn."""
        return [LEVEL_WORDS[Level(n)] for n in (5, 4, 3, 2, 1)]

    @Property(list, constant=True)
    def poorReasons(self) -> list[str]:
        return list(POOR_REASONS)

    @Property(str, constant=True)
    def thanks(self) -> str:
        return RATING_THANKS

    @Slot(int)
    def chooseLevel(self, level: int) -> None:
        self.act(lambda: self.kiosk.choose_rating_level(int(level)))

    @Slot(int, list, str)
    def submit(self, level: int, reasons: list[str], phone: str) -> None:
        def submit() -> None:
            if self.kiosk.session.view.step != Step.RATE:
                return
            try:
                self.kiosk.submit_rating(int(level), [str(r) for r in reasons], str(phone))
            except StoreError as exc:
                log.error("rating not stored: %s", type(exc).__name__)
                view = self.kiosk.session.view
                view.message, view.problem = store_failed(), True
        self.act(submit)
        self._host.refresh_status()
