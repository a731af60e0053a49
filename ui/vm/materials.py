"""View models of the materials screens (issue 14): the list of materials with their ways,
the document / portrait camera, 亮证扫码 and the 告知承诺 signature pad.

Each is made by its QML screen from the shell's session (``session: root.vm``), copies
the core's record (``kiosk.flow.views``) and turns taps into the flow's actions, like the
service screens (ui/vm/service_base.py). The live camera is ``ui.vm.camera.CameraPreview``.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Property, Signal, Slot
from PySide6.QtQml import QmlElement

from kiosk.flow.views import ECertScanView, MaterialsView, PhotoView, SignView
from ui.vm.service_base import (
    ScreenViewModel,
    bool_property,
    int_property,
    list_property,
    text_property,
)

QML_IMPORT_NAME = "VillageKiosk"
QML_IMPORT_MAJOR_VERSION = 1


def material_row(m: Any) -> dict[str, Any]:
    return {"ref": m.ref, "name": m.name, "why": m.why, "counts": m.counts,
            "knownWords": m.known_words, "chosenWords": m.chosen_words, "bring": m.bring,
            "unable": m.unable, "needed": m.needed,
            "ways": [{"way": w.way, "label": w.label, "detail": w.detail, "chosen": w.chosen}
                     for w in m.ways]}


@QmlElement
class MaterialsViewModel(ScreenViewModel):
    """提交材料: every material not already 已核验, with only the ways allowed for it."""

    view_type = MaterialsView
    titleChanged = Signal()
    materialsChanged = Signal()
    canContinueChanged = Signal()
    missingChanged = Signal()
    bringChanged = Signal()
    cameraProblemChanged = Signal()
    checklistPrintedChanged = Signal()

    title = text_property("title", titleChanged)
    canContinue = bool_property("can_continue", canContinueChanged)
    missing = list_property("missing", missingChanged)
    bring = list_property("bring", bringChanged)
    cameraProblem = text_property("camera_problem", cameraProblemChanged)
    checklistPrinted = bool_property("checklist_printed", checklistPrintedChanged)

    def _get_materials(self) -> list[dict[str, Any]]:
        return [material_row(m) for m in self.field("materials", ())]

    materials = Property(list, _get_materials, notify=materialsChanged)

    @Slot(str, str)
    def chooseWay(self, ref: str, way: str) -> None:
        self.act("choose_way", ref, way)

    @Slot(str)
    def cannotProvide(self, ref: str) -> None:
        self.act("cannot_provide", ref)

    @Slot()
    def continueOn(self) -> None:
        self.act("continue_materials")

    @Slot()
    def showChecklist(self) -> None:
        self.act("show_checklist")


@QmlElement
class CaptureViewModel(ScreenViewModel):
    """拍照上传材料 with the live camera: a document page or the 电子证件照."""

    view_type = PhotoView
    materialChanged = Signal()
    hintChanged = Signal()
    takenChanged = Signal()
    portraitChanged = Signal()
    pagesChanged = Signal()
    numberChanged = Signal()
    totalChanged = Signal()
    refChanged = Signal()

    material = text_property("material", materialChanged)
    hint = text_property("hint", hintChanged)
    taken = bool_property("taken", takenChanged)
    portrait = bool_property("portrait", portraitChanged)
    pages = int_property("pages", pagesChanged)
    number = int_property("number", numberChanged)
    total = int_property("total", totalChanged)
    ref = text_property("ref", refChanged)

    @Slot(str)
    def cameraTrouble(self, words: str) -> None:
        self.act("camera_trouble", words)


@QmlElement
class ECertScanViewModel(ScreenViewModel):
    """亮证扫码: the e-certificate QR on the resident's phone."""

    view_type = ECertScanView
    materialChanged = Signal()
    hintChanged = Signal()
    errorChanged = Signal()

    material = text_property("material", materialChanged)
    hint = text_property("hint", hintChanged)
    error = text_property("error", errorChanged)

    @Slot(str)
    def cameraTrouble(self, words: str) -> None:
        self.act("camera_trouble", words)


@QmlElement
class SignViewModel(ScreenViewModel):
    """签署告知承诺: the full text above the pad; 重签 and 确认."""

    view_type = SignView
    titleChanged = Signal()
    textChanged = Signal()
    replacesChanged = Signal()
    errorChanged = Signal()
    signedChanged = Signal()
    hintChanged = Signal()

    title = text_property("title", titleChanged)
    text = text_property("text", textChanged)
    replaces = text_property("replaces", replacesChanged, "、")
    error = text_property("error", errorChanged)
    signed = bool_property("signed", signedChanged)
    hint = text_property("hint", hintChanged)

    @Slot(list, float, float)
    def sign(self, strokes: list[Any], width: float, height: float) -> None:
        """确认: the pad's strokes ([[x, y], …] per stroke, pad coordinates)."""
        clean = [[[float(p[0]), float(p[1])] for p in s] for s in strokes]
        self.act("sign", clean, width, height)

    @Slot()
    def resign(self) -> None:
        self.act("resign")
