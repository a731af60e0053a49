"""拍照上传材料: one still per material the terminal must photograph. The camera preview
with quality checks is issue 14 (the flow names the step's hook); until then the screen
says what to photograph and takes one picture with the configured camera."""

from __future__ import annotations

from PySide6.QtCore import Property, Signal, Slot
from PySide6.QtQml import QmlElement, QmlUncreatable

from kiosk.flow import Screen
from kiosk.flow.views import PhotoView
from ui.vm.part import Part

QML_IMPORT_NAME = "VillageKiosk"
QML_IMPORT_MAJOR_VERSION = 1


@QmlElement
@QmlUncreatable("the shell makes it")  # PySide6 6.12 stub: the instance is "not callable"
class PhotoViewModel(Part):  # type: ignore[operator]
    materialChanged = Signal()
    progressChanged = Signal()
    hintChanged = Signal()
    takenChanged = Signal()

    _material = ""
    _progress: tuple[int, int] = (0, 0)
    _hint = ""
    _taken = False

    def update(self, screen: Screen) -> None:
        v = screen.view if isinstance(screen.view, PhotoView) else None
        self._set("_material", v.material if v else "", self.materialChanged)
        self._set("_progress", (v.number, v.total) if v else (0, 0), self.progressChanged)
        self._set("_hint", v.hint if v else "", self.hintChanged)
        self._set("_taken", v.taken if v else False, self.takenChanged)

    @Property(str, notify=materialChanged)
    def material(self) -> str:
        return self._material

    @Property(int, notify=progressChanged)
    def number(self) -> int:
        return self._progress[0]

    @Property(int, notify=progressChanged)
    def total(self) -> int:
        return self._progress[1]

    @Property(str, notify=hintChanged)
    def hint(self) -> str:
        return self._hint

    @Property(bool, notify=takenChanged)
    def taken(self) -> bool:
        return self._taken

    @Slot()
    def takePhoto(self) -> None:
        self.act("take_photo")
