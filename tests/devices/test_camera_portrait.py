"""Portrait hints: one plain sentence at a time, the most useful first; capture only when
every check passes, held for a few frames."""

from __future__ import annotations

import cv2
import numpy as np
import pytest

from devices.camera import scenes
from devices.camera.portrait import (
    HINTS,
    ORDER,
    READY_HINT,
    PortraitGate,
    guidance,
    guide_oval,
)
from devices.camera.quality import Box, PortraitCheck, Problem, check_portrait
from tests.devices import synthetic as syn


def test_every_problem_has_plain_words_and_a_place_in_the_order() -> None:
    assert set(HINTS) == set(Problem) == set(ORDER)
    assert HINTS[Problem.TOO_SMALL] == "请靠近一点"
    assert HINTS[Problem.OFF_CENTRE] == "请把脸放在框里"
    assert HINTS[Problem.TOO_DARK].startswith("光线太暗")


@pytest.mark.parametrize(("frame", "hint"), [
    (scenes.face_far(0, 640, 480), "请靠近一点"),
    (syn.portrait(150, 150, 0.7), "请把脸放在框里"),
    ((syn.portrait() * 0.1).astype(np.uint8), "光线太暗，请到亮一点的地方"),
    (cv2.GaussianBlur(syn.portrait(), (0, 0), 3), "请保持不动"),
    (scenes.desk(0, 640, 480), "请正对镜头，把脸放在框里"),
])
def test_synthetic_frames_give_their_hint_and_no_capture(frame: np.ndarray, hint: str) -> None:
    g = guidance(check_portrait(frame))
    assert g.hint == hint and not g.can_capture


def test_a_good_frame_may_be_captured() -> None:
    g = guidance(check_portrait(scenes.face(0, 640, 480)))
    assert g.can_capture and g.hint == READY_HINT and g.all_hints == () and g.face is not None


def test_the_most_useful_hint_comes_first_whatever_order_the_checks_gave() -> None:
    check = PortraitCheck((Problem.BLURRED, Problem.TOO_SMALL, Problem.OFF_CENTRE),
                          (Box(0, 0, 10, 10),))
    g = guidance(check)
    assert g.all_hints == ("请把脸放在框里", "请靠近一点", "请保持不动")
    assert g.hint == "请把脸放在框里"


def test_a_face_inside_the_guide_oval_passes_size_and_centring() -> None:
    x, y, w, h = guide_oval(640, 480)
    frame = scenes.face(0, 640, 480)
    (face,) = check_portrait(frame).faces
    cx, cy = face.centre
    assert x < cx < x + w and y < cy < y + h
    assert guidance(check_portrait(frame)).ok


def test_gate_fires_once_after_the_face_holds_and_not_on_a_single_good_frame() -> None:
    good, far = scenes.face(0, 640, 480), scenes.face_far(0, 640, 480)
    gate = PortraitGate(hold_frames=3)
    fired = [gate.feed(f)[1] for f in (good, far, good, good, far, good, good, good, good)]
    assert fired == [False, False, False, False, False, False, False, True, False]
    gate.reset()  # 重拍
    assert [gate.feed(good)[1] for _ in range(3)] == [False, False, True]
