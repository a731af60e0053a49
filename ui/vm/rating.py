"""好差评 and 感谢评价: five levels, reasons and a call-back number for a poor rating;
skipping is allowed (nobody may be forced to rate)."""

from __future__ import annotations

from PySide6.QtCore import Property, Signal, Slot
from PySide6.QtQml import QmlElement, QmlUncreatable

from kiosk.flow import Screen
from kiosk.flow.views import RatedView, RateView
from kiosk.ratings import LEVEL_WORDS, Level
from ui import i18n
from ui.vm.part import Part

QML_IMPORT_NAME = "VillageKiosk"
QML_IMPORT_MAJOR_VERSION = 1


@QmlElement
@QmlUncreatable("the shell makes it")  # PySide6 6.12 stub: the instance is "not callable"
class RatingViewModel(Part):  # type: ignore[operator]
    caseNoChanged = Signal()
    levelChanged = Signal()
    reasonsChanged = Signal()
    needsPhoneChanged = Signal()
    errorChanged = Signal()
    thanksChanged = Signal()

    _case_no = ""
    _level = 0
    _reasons: list[str] = []  # noqa: RUF012 - replaced, never mutated
    _needs_phone = False
    _error = ""
    _thanks = ""

    def update(self, screen: Screen) -> None:
        v = screen.view if isinstance(screen.view, RateView) else None
        self._set("_case_no", v.case_no if v else "", self.caseNoChanged)
        self._set("_level", v.level if v else 0, self.levelChanged)
        self._set("_reasons", list(v.reasons) if v else [], self.reasonsChanged)
        self._set("_needs_phone", v.needs_phone if v else False, self.needsPhoneChanged)
        self._set("_error", v.error if v else "", self.errorChanged)
        t = screen.view if isinstance(screen.view, RatedView) else None
        self._set("_thanks", t.thanks if t else "", self.thanksChanged)

    @Property(str, notify=caseNoChanged)
    def caseNo(self) -> str:
        return self._case_no

    @Property(int, notify=levelChanged)
    def level(self) -> int:
        """0 while nothing is chosen, else 5 非常满意 … 1 非常不满意."""
        return self._level

    @Property(list, notify=reasonsChanged)
    def poorReasons(self) -> list[str]:
        """The reasons offered for the chosen level."""
        return self._reasons

    @Property(bool, notify=needsPhoneChanged)
    def needsPhone(self) -> bool:
        return self._needs_phone

    @Property(bool, notify=errorChanged)
    def problem(self) -> bool:
        return self._error != ""

    @Property(str, notify=errorChanged)
    def message(self) -> str:
        return self._error

    @Property(str, notify=thanksChanged)
    def thanks(self) -> str:
        return self._thanks

    @Property(list, constant=True)
    def levelWords(self) -> list[str]:
        """Words for levels 5 … 1, in the order the faces are drawn."""
        return [i18n.translate_core(LEVEL_WORDS[Level(n)]) for n in (5, 4, 3, 2, 1)]

    @Slot(int)
    def chooseLevel(self, level: int) -> None:
        self.act("choose_level", int(level))

    @Slot(int, list, str)
    def submit(self, level: int, reasons: list[str], phone: str) -> None:
        self.act("submit_rating", int(level), [str(r) for r in reasons], str(phone))

    @Slot()
    def skip(self) -> None:
        self.act("skip_rating")
