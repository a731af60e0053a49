"""The materials screens (issue 14) in real QML offscreen, on the real flow and the mock
camera: auto-capture on a steady page and not on a moving one, the QR path attaching an
e-certificate, a dead camera offering 容缺, and the signature pad taking mouse strokes.

The camera runs on its own thread (ui/vm/camera.py); the tests wait for what the screen
shows (qtbot.waitUntil with a generous bound), never for a time.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, QPointF, Qt, QUrl
from PySide6.QtQuick import QQuickItem
from pytestqt.qtbot import QtBot

from devices.camera.mock import MockCamera
from devices.idcard import CardRead
from kiosk.app import Kiosk
from kiosk.config import Config
from kiosk.flow import Step
from kiosk.samples import sample_card, sample_values
from tests.conftest import free_port
from tests.ui.settle import wait_still
from ui.items import child_items
from ui.vm import camera as _camera  # noqa: F401  (registers CameraPreview)
from ui.vm import materials as _materials  # noqa: F401  (registers the view models)
from ui.vm import service_answers as _answers  # noqa: F401  (核对信息)
from ui.vm.screens import screen_file
from ui.vm.service_base import FlowBridge
from ui.vm.service_screens import QML_DIR, ServiceStage

CARD = sample_card(dt.date(1950, 3, 12))
TODAY = dt.date(2026, 11, 26)
WAIT = 20_000  # ms: a bound for the device thread on a busy 2-core machine, not a measure
SHOTS = Path(os.environ.get("MATERIALS_SHOTS", "")) if os.environ.get("MATERIALS_SHOTS") \
    else None


class MaterialsStage(ServiceStage):
    """The service stage, with the files the shell maps for every step (ui/vm/screens)."""

    @staticmethod
    def _url(step: str) -> QUrl:
        path = screen_file(step) or QML_DIR / "screens" / "MissingScreen.qml"
        return QUrl.fromLocalFile(str(path))


@pytest.fixture
def kiosk(tmp_path: Path) -> Iterator[Kiosk]:
    cfg = Config(data_dir=tmp_path / "data", platform_url=f"http://127.0.0.1:{free_port()}")
    k = Kiosk.open(cfg)
    k.flow.today = lambda: TODAY
    yield k
    k.close()


def cam(k: Kiosk) -> MockCamera:
    c = k.devices.camera
    assert isinstance(c, MockCamera)
    return c


def to_materials(k: Kiosk) -> None:
    f = k.flow
    f.start("service")
    f.on_card(CardRead(CARD))
    f.open_entry("LOCAL-MZ-0002")  # 困难残疾人生活补贴申请
    s = f.apply()
    for _ in range(20):
        if s.step is Step.QUESTION:
            s = f.answer("no")
        elif s.step is Step.CHECKLIST:
            s = f.apply()
        elif s.step is Step.FORM:
            ids = [x.id for x in s.view.fields if not x.read_only]  # type: ignore[union-attr]
            s = f.continue_form(sample_values(f.catalog, ids, TODAY))
        else:
            break
    assert s.step is Step.MATERIALS


@pytest.fixture
def stage(qtbot: QtBot, kiosk: Kiosk) -> Iterator[MaterialsStage]:
    to_materials(kiosk)
    s = MaterialsStage(FlowBridge(kiosk.flow))
    with qtbot.waitExposed(s.window):
        s.window.show()
    yield s
    preview = find(s, "cameraPreview", required=False)
    if preview is not None:
        preview.stop()  # type: ignore[attr-defined]
    warnings = [w for w in s.warnings if "VideoOutput" not in w or "error" in w.lower()]
    s.close()
    assert warnings == []


def find(stage: ServiceStage, name: str, required: bool = True) -> QQuickItem | None:
    """An item (or the screen's CameraPreview, a QObject child) by objectName."""
    todo: list[object] = [stage.window.contentItem()]
    while todo:
        it = todo.pop()
        if getattr(it, "objectName", lambda: "")() == name:
            return it  # type: ignore[return-value]
        if isinstance(it, QQuickItem):
            todo.extend(child_items(it))
            todo.extend(it.children())
    if required:
        raise AssertionError(f"no item {name!r} on {stage.step}")
    return None


def item(stage: ServiceStage, name: str) -> QQuickItem:
    got = find(stage, name)
    assert got is not None
    return got


def press(qtbot: QtBot, stage: ServiceStage, name: str) -> None:
    qtbot.wait(60)  # a frame: the layouts place what just became visible
    target = item(stage, name)
    assert target.isVisible(), f"{name} is not visible"
    flick = target.parentItem()
    while flick is not None and flick.objectName() != "scrollArea":
        flick = flick.parentItem()
    if flick is not None:  # scroll a long page to it first
        content = flick.property("contentItem")
        y = target.mapToItem(content, QPointF(0, 0)).y()
        flick.setProperty("contentY", max(0.0, min(y - 20, flick.property("contentHeight")
                                                   - flick.height())))
        qtbot.wait(1)
    c = target.mapToScene(QPointF(target.width() / 2, target.height() / 2)).toPoint()
    qtbot.mouseClick(stage.window, Qt.MouseButton.LeftButton, pos=c)  # type: ignore[no-untyped-call]
    qtbot.wait(30)


def shot(stage: ServiceStage, qtbot: QtBot, name: str) -> None:
    """Renders the window to MATERIALS_SHOTS/<name>.png when that folder is given."""
    if SHOTS is None:
        return
    SHOTS.mkdir(parents=True, exist_ok=True)
    qtbot.wait(50)
    assert stage.window.grabWindow().save(str(SHOTS / f"{name}.png"))


def wait_step(qtbot: QtBot, stage: ServiceStage, step: str) -> None:
    qtbot.waitUntil(lambda: stage.step == step and stage.screen() is not None, timeout=WAIT)
    qtbot.wait(30)


def test_the_list_offers_only_the_allowed_ways_and_defer_is_recorded(
        qtbot: QtBot, stage: MaterialsStage, kiosk: Kiosk) -> None:
    assert item(stage, "materialsScreen").isVisible()
    assert item(stage, "way_disability_cert_ecert").property("text") == "亮证扫码"
    assert item(stage, "way_bank_book_defer").property("text") == "容缺后补"
    assert find(stage, "way_disability_cert_defer", required=False) is None
    shot(stage, qtbot, "materials_list")
    press(qtbot, stage, "way_bank_book_defer")
    qtbot.waitUntil(lambda: "bank_book" in kiosk.flow.visit.deferred, timeout=WAIT)
    qtbot.waitUntil(lambda: item(stage, "chosen_bank_book").isVisible(), timeout=WAIT)
    assert str(item(stage, "chosen_bank_book").property("text")).startswith("✓ 容缺后补")
    shot(stage, qtbot, "materials_defer_chosen")


def test_auto_capture_fires_on_a_steady_page_and_the_page_is_confirmed(
        qtbot: QtBot, stage: MaterialsStage, kiosk: Kiosk) -> None:
    cam(kiosk).show("document")
    press(qtbot, stage, "way_bank_book_photo")
    wait_step(qtbot, stage, "photo")
    preview = item(stage, "cameraPreview")
    qtbot.waitUntil(lambda: len(preview.property("corners")) == 8, timeout=WAIT)
    shot(stage, qtbot, "camera_preview_page_outline")
    qtbot.waitUntil(lambda: preview.property("hasResult"), timeout=WAIT)
    assert item(stage, "confirmPage").isVisible() and item(stage, "retake").isVisible()
    shot(stage, qtbot, "camera_captured_page")
    press(qtbot, stage, "confirmPage")
    wait_step(qtbot, stage, "materials")
    pages = kiosk.flow.visit.photos["bank_book"]
    assert len(pages) == 1 and len(pages[0]) <= 100_000
    assert pages[0][:4] in (b"\x89PNG", b"\xff\xd8\xff\xe0", b"\xff\xd8\xff\xe1") or \
        pages[0][:2] == b"\xff\xd8"
    assert kiosk.flow.visit.ways["bank_book"] == "photo"


def test_no_auto_capture_on_a_moving_page_but_manual_works(
        qtbot: QtBot, stage: MaterialsStage, kiosk: Kiosk) -> None:
    cam(kiosk).show("moving")
    press(qtbot, stage, "way_bank_book_photo")
    wait_step(qtbot, stage, "photo")
    preview = item(stage, "cameraPreview")
    qtbot.waitUntil(lambda: preview.property("frames") >= 45, timeout=WAIT * 2)
    assert not preview.property("hasResult")
    assert preview.property("hint") in ("请保持材料不动", "正在对准，请保持不动",
                                        "请把材料平放在拍摄区域内")
    press(qtbot, stage, "shoot")  # 拍照 by hand
    qtbot.waitUntil(lambda: preview.property("hasResult"), timeout=WAIT)
    press(qtbot, stage, "retake")
    assert not preview.property("hasResult")


def test_the_qr_scene_attaches_an_e_certificate(qtbot: QtBot, stage: MaterialsStage,
                                                 kiosk: Kiosk) -> None:
    cam(kiosk).show("qr")
    press(qtbot, stage, "way_disability_cert_ecert")
    wait_step(qtbot, stage, "ecert_scan")
    shot(stage, qtbot, "qr_scan")
    wait_step(qtbot, stage, "materials")
    ref = kiosk.flow.visit.ecerts["disability_cert"]
    assert ref.must_verify and ref.kind == "DISABILITY_CERT"
    qtbot.waitUntil(lambda: item(stage, "chosen_disability_cert").isVisible(), timeout=WAIT)
    assert "5101232026000123" not in str(item(stage, "chosen_disability_cert")
                                         .property("text"))


def test_a_wrong_qr_is_refused_in_plain_words(qtbot: QtBot, stage: MaterialsStage,
                                              kiosk: Kiosk) -> None:
    cam(kiosk).show("qr", qr="https://example.com/not-a-licence")
    press(qtbot, stage, "way_disability_cert_ecert")
    wait_step(qtbot, stage, "ecert_scan")
    qtbot.waitUntil(lambda: item(stage, "scanError").isVisible(), timeout=WAIT)
    assert "不是电子证照" in kiosk.flow.screen().view.error  # type: ignore[union-attr]
    assert stage.step == "ecert_scan"


def test_a_black_camera_says_so_and_a_missing_one_leaves_defer_and_the_counter(
        qtbot: QtBot, stage: MaterialsStage, kiosk: Kiosk) -> None:
    cam(kiosk).show("black")
    press(qtbot, stage, "way_bank_book_photo")
    wait_step(qtbot, stage, "photo")
    preview = item(stage, "cameraPreview")
    qtbot.waitUntil(lambda: "黑" in str(preview.property("hint")), timeout=WAIT)
    preview.stop()  # type: ignore[attr-defined]
    cam(kiosk).unplug()
    preview.start()  # type: ignore[attr-defined]  # the camera gone: MISSING/UNPLUGGED
    wait_step(qtbot, stage, "materials")
    view = kiosk.flow.screen().view
    assert view.camera_problem  # type: ignore[union-attr]
    bank = next(m for m in view.materials if m.ref == "bank_book")  # type: ignore[union-attr]
    assert [w.way for w in bank.ways] == ["defer"]  # type: ignore[union-attr]
    assert item(stage, "materialsCamera").isVisible()
    assert item(stage, "materialsChecklist").isVisible()  # the counter: the printed list
    shot(stage, qtbot, "materials_camera_missing")


def stroke(qtbot: QtBot, stage: ServiceStage, pad: QQuickItem,
           pts: list[tuple[float, float]]) -> None:
    """A finger stroke on the pad as mouse events (press, moves, release)."""
    w = stage.window

    def at(p: tuple[float, float]) -> QPoint:
        return pad.mapToScene(QPointF(p[0] * pad.width(), p[1] * pad.height())).toPoint()

    qtbot.mousePress(w, Qt.MouseButton.LeftButton, pos=at(pts[0]))  # type: ignore[no-untyped-call]
    for p in pts[1:]:
        qtbot.mouseMove(w, pos=at(p))  # type: ignore[no-untyped-call]
        qtbot.wait(2)
    qtbot.mouseRelease(w, Qt.MouseButton.LeftButton, pos=at(pts[-1]))  # type: ignore[no-untyped-call]
    qtbot.wait(10)


def test_the_signature_pad_takes_strokes_and_refuses_a_dot(
        qtbot: QtBot, stage: MaterialsStage, kiosk: Kiosk) -> None:
    f = kiosk.flow
    press(qtbot, stage, "materialsContinue")
    wait_step(qtbot, stage, "check_answers")
    stage.session.act("open_sign", "honesty")
    wait_step(qtbot, stage, "sign")
    pad = item(stage, "signaturePad")
    assert "真实有效" in str(item(stage, "commitmentText").property("text"))
    stroke(qtbot, stage, pad, [(0.5, 0.5), (0.501, 0.5)])  # a dot
    press(qtbot, stage, "signConfirm")
    qtbot.waitUntil(lambda: item(stage, "signError").isVisible(), timeout=WAIT)
    assert f.screen().view.error  # type: ignore[union-attr]
    press(qtbot, stage, "signAgain")
    import math

    for k in range(3):  # three strokes shaped like a short name
        x0 = 0.15 + 0.25 * k
        stroke(qtbot, stage, pad, [(x0 + 0.06 * t / 12, 0.3 + 0.4 * math.sin(t / 2) ** 2)
                                   for t in range(13)])
    shot(stage, qtbot, "signature_pad_signed")
    press(qtbot, stage, "signConfirm")
    wait_step(qtbot, stage, "check_answers")
    signed = f.visit.signed["honesty"]
    assert signed and signed[0].title == "诚信承诺" and len(signed[0].strokes["strokes"]) == 3


def test_a_touch_on_the_commitment_opens_the_pad_and_an_empty_pad_confirms_nothing(
        qtbot: QtBot, stage: MaterialsStage, kiosk: Kiosk) -> None:
    """核对信息's button under a 告知承诺 is a way to the pad, not a confirmation: tapped, the
    pad opens under the full text; 确认 on the empty pad is refused beside it; 返回 finds
    the commitment still unsigned and 提交 blocked."""
    f = kiosk.flow
    press(qtbot, stage, "materialsContinue")
    wait_step(qtbot, stage, "check_answers")
    stage.session.act("consent", True)  # so the commitment is the one thing missing
    wait_still(qtbot, lambda: item(stage, "commit_honesty"))
    assert item(stage, "commit_honesty").property("text") == "签名确认"
    press(qtbot, stage, "commit_honesty")
    wait_step(qtbot, stage, "sign")
    assert "真实有效" in str(item(stage, "commitmentText").property("text"))
    assert "honesty" not in f.visit.signed
    press(qtbot, stage, "signConfirm")  # nothing drawn
    qtbot.waitUntil(lambda: item(stage, "signError").isVisible(), timeout=WAIT)
    assert stage.step == "sign" and "honesty" not in f.visit.signed
    stage.session.act("back")
    wait_step(qtbot, stage, "check_answers")
    view = f.screen().view
    assert view.consented and not view.can_submit  # type: ignore[union-attr]
    assert not next(c for c in view.commitments if c.id == "honesty").confirmed  # type: ignore[union-attr]
    assert item(stage, "commit_honesty").property("text") == "签名确认"


def test_the_portrait_shows_a_plain_hint_then_takes_the_photo_itself(
        qtbot: QtBot, kiosk: Kiosk) -> None:
    f = kiosk.flow
    cam(kiosk).show("face_far")
    f.start("service")
    f.on_card(CardRead(CARD))
    f.open_entry("LOCAL-WJ-0002")  # 老年人优待证: the 电子证件照 is required
    s = f.apply()
    for _ in range(20):
        if s.step is Step.QUESTION:
            s = f.answer("no")
        elif s.step is Step.CHECKLIST:
            s = f.apply()
        elif s.step is Step.FORM:
            ids = [x.id for x in s.view.fields if not x.read_only]  # type: ignore[union-attr]
            s = f.continue_form(sample_values(f.catalog, ids, TODAY))
        else:
            break
    assert s.step is Step.PHOTO and s.view.portrait  # type: ignore[union-attr]
    stage = MaterialsStage(FlowBridge(f))
    with qtbot.waitExposed(stage.window):
        stage.window.show()
    try:
        preview = item(stage, "cameraPreview")
        assert item(stage, "guideOval").isVisible()
        qtbot.waitUntil(lambda: preview.property("hint") == "请靠近一点", timeout=WAIT)
        shot(stage, qtbot, "portrait_with_hint")
        assert not preview.property("hasResult")
        cam(kiosk).show("face_hat")  # in place, but a cap on: asked off, not taken
        qtbot.waitUntil(lambda: preview.property("hint") == "请摘下帽子", timeout=WAIT)
        shot(stage, qtbot, "portrait_hat_hint")
        cam(kiosk).show("face_glasses")
        qtbot.waitUntil(lambda: preview.property("hint") == "请摘下眼镜", timeout=WAIT)
        assert not preview.property("hasResult")
        cam(kiosk).show("face")
        qtbot.waitUntil(lambda: preview.property("hasResult"), timeout=WAIT)
        shot(stage, qtbot, "portrait_captured")
        press(qtbot, stage, "confirmPortrait")
        qtbot.waitUntil(lambda: bool(f.visit.photos.get("e_photo")), timeout=WAIT)
        photo = f.visit.photos["e_photo"][0]
        assert photo[:2] == b"\xff\xd8" and len(photo) <= 40_000  # a JPEG under the budget
    finally:
        with contextlib.suppress(RuntimeError):  # gone with its screen after 确认
            preview.stop()  # type: ignore[attr-defined]
        warnings = list(stage.warnings)
        stage.close()
    assert warnings == []
