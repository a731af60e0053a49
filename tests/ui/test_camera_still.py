"""The page and the portrait are made from the camera's full still, not from the 640x480
preview frame that decided when to take them (ui/vm/camera.py ``_still``).

A spy camera around the mock counts ``capture()`` calls; its still is the same scene at
a larger size (the mock's 1280x960, or a 16:9 one to check the face box is carried over
the preview's crop). No QML: the preview object runs its device thread alone.
"""

from __future__ import annotations

import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from pathlib import Path

import cv2
import numpy as np
import pytest
from pytestqt.qtbot import QtBot

from devices.camera.camera import DEFAULT_PREVIEW_FPS, DEFAULT_PREVIEW_SIZE, Photo
from devices.camera.encode import PORTRAIT_SIZE
from devices.camera.mock import MockCamera
from devices.camera.preview import FramePreview
from devices.camera.quality import detect_faces
from ui.vm.camera import PREVIEW_SIZE, CameraPreview

WAIT = 20_000  # ms: a bound for the device thread on a busy machine, not a measure


class SpyCamera:
    """The mock camera, counting stills."""

    def __init__(self, mock: MockCamera) -> None:
        self.mock = mock
        self.stills: list[tuple[int, int]] = []

    def capture(self) -> Photo:
        p = self.mock.capture()
        self.stills.append((p.width, p.height))
        return p

    def preview(self, size: tuple[int, int] = DEFAULT_PREVIEW_SIZE,
                fps: float = DEFAULT_PREVIEW_FPS) -> FramePreview:
        return self.mock.preview(size, fps)

    def close(self) -> None:
        self.mock.close()


def run(qtbot: QtBot, cam: SpyCamera, mode: str) -> CameraPreview:
    p = CameraPreview()
    p.set_camera(cam)
    p.mode = mode  # type: ignore[assignment]
    p.start()
    try:
        qtbot.waitUntil(lambda: bool(p.property("hasResult")), timeout=WAIT)
    finally:
        p.stop()
    return p


def test_auto_capture_takes_the_page_from_one_full_still(qtbot: QtBot,
                                                        tmp_path: Path) -> None:
    cam = SpyCamera(MockCamera(tmp_path, "scene=document"))
    p = run(qtbot, cam, "document")
    assert len(cam.stills) == 1
    w, h = cam.stills[0]
    assert w * h > PREVIEW_SIZE[0] * PREVIEW_SIZE[1]  # a still, bigger than a preview frame
    assert p.source_size == (w, h)
    page = cv2.imdecode(np.frombuffer(p.result, np.uint8), cv2.IMREAD_UNCHANGED)
    assert page is not None and min(page.shape[:2]) > 200
    assert p.fired_at <= p.shown_at


def test_the_portrait_is_cut_from_a_wider_still_around_the_same_face(
        qtbot: QtBot, tmp_path: Path) -> None:
    """A 16:9 still: the preview is its centre 4:3 crop, so a face box copied over without
    the crop's offset would cut the e-photo off-centre. The e-photo's own face is found
    again and must sit in the middle, as ``portrait_crop`` frames it."""
    cam = SpyCamera(MockCamera(tmp_path, "scene=face&still=1920x1080"))
    p = run(qtbot, cam, "portrait")
    assert cam.stills == [(1920, 1080)] and p.source_size == (1920, 1080)
    photo = cv2.imdecode(np.frombuffer(p.result, np.uint8), cv2.IMREAD_COLOR)
    assert photo is not None and (photo.shape[1], photo.shape[0]) == PORTRAIT_SIZE
    faces = detect_faces(photo)
    assert len(faces) == 1
    cx, _ = faces[0].centre
    assert abs(cx - PORTRAIT_SIZE[0] / 2) < 0.08 * PORTRAIT_SIZE[0]


def test_black_frames_that_last_are_reported_as_trouble(qtbot: QtBot, tmp_path: Path,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    """A lens covered for BLACK_TROUBLE_S is camera trouble (the flow then offers 容缺 and
    records it for 维护信息); shorter darkness is only the hint."""
    import ui.vm.camera as camera_vm
    from devices.camera.camera import CameraStatus

    monkeypatch.setattr(camera_vm, "BLACK_TROUBLE_S", 0.6)
    p = CameraPreview()
    p.set_camera(MockCamera(tmp_path, "scene=black"))
    told: list[str] = []
    p.trouble.connect(told.append)
    p.start()
    try:
        qtbot.waitUntil(lambda: bool(told), timeout=WAIT)
        assert told == [CameraStatus.BLACK.resident]
        assert p.problem == CameraStatus.BLACK.resident  # type: ignore[comparison-overlap]
        qtbot.wait(800)
        assert len(told) == 1  # said once per stream
    finally:
        p.stop()


def test_black_moments_do_not_add_up_to_trouble(qtbot: QtBot, tmp_path: Path,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    """Two spells of black, each shorter than BLACK_TROUBLE_S and together longer, with the
    face between them: the count starts again at each spell, so no trouble is said."""
    import ui.vm.camera as camera_vm

    monkeypatch.setattr(camera_vm, "BLACK_TROUBLE_S", 1.5)
    mock = MockCamera(tmp_path, "scene=face_far")
    p = CameraPreview()
    p.set_camera(mock)
    p.mode = "portrait"  # type: ignore[assignment]
    told: list[str] = []
    p.trouble.connect(told.append)
    p.start()
    try:
        for _ in range(2):
            mock.show("black")
            qtbot.waitUntil(lambda: "黑" in str(p.property("hint")), timeout=WAIT)
            qtbot.wait(900)
            mock.show("face_far")
            qtbot.waitUntil(lambda: "黑" not in str(p.property("hint")), timeout=WAIT)
        qtbot.wait(300)
        assert told == []
    finally:
        p.stop()
