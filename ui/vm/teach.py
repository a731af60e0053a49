"""怎么用 (教办): one page of the walkthrough, and 上一步 / 下一步 / 从头再看 / 我知道了."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Property, Signal, Slot
from PySide6.QtQml import QmlElement, QmlUncreatable

from kiosk.flow.views import TeachView
from ui.vm.part import Part

if TYPE_CHECKING:
    from kiosk.flow import Screen

QML_IMPORT_NAME = "VillageKiosk"
QML_IMPORT_MAJOR_VERSION = 1


@QmlElement
@QmlUncreatable("the shell makes it")  # PySide6 6.12 stub: the instance is "not callable"
class TeachViewModel(Part):  # type: ignore[operator]
    pageChanged = Signal()

    _number = 0  # 1-based; 0 when another step is shown
    _count = 0
    _page_id = ""
    _title = ""
    _words = ""
    _picture = ""

    def update(self, screen: Screen) -> None:
        v = screen.view if isinstance(screen.view, TeachView) else None
        values = (("_number", v.index + 1 if v else 0), ("_count", v.count if v else 0),
                  ("_page_id", v.page.id if v else ""), ("_title", v.page.title if v else ""),
                  ("_words", v.page.words if v else ""),
                  ("_picture", v.page.picture if v else ""))
        changed = False
        for attr, value in values:
            if getattr(self, attr) != value:
                setattr(self, attr, value)
                changed = True
        if changed:
            self.pageChanged.emit()

    @Property(int, notify=pageChanged)
    def number(self) -> int:
        """The page shown, from 1 (第 number 步，共 count 步)."""
        return self._number

    @Property(int, notify=pageChanged)
    def count(self) -> int:
        return self._count

    @Property(bool, notify=pageChanged)
    def first(self) -> bool:
        return self._number == 1

    @Property(bool, notify=pageChanged)
    def last(self) -> bool:
        return self._count > 0 and self._number == self._count

    @Property(str, notify=pageChanged)
    def pageId(self) -> str:
        return self._page_id

    @Property(str, notify=pageChanged)
    def title(self) -> str:
        return self._title

    @Property(str, notify=pageChanged)
    def words(self) -> str:
        return self._words

    @Property(str, notify=pageChanged)
    def picture(self) -> str:
        """What the screen draws: card · buttons · camera · sign · keyboard · receipt."""
        return self._picture

    @Slot()
    def next(self) -> None:
        """下一步."""
        self.act("teach_next")

    @Slot()
    def back(self) -> None:
        """上一步."""
        self.act("teach_back")

    @Slot()
    def again(self) -> None:
        """从头再看: the first page again."""
        self.act("teach_page", 0)

    @Slot()
    def done(self) -> None:
        """我知道了: back to the home screen (the visit ends, as every way out does)."""
        self.act("teach_done")
