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


# Hats and glasses ------------------------------------------------------------------------


def dressed(hat: bool, glasses: bool, s: float = 1.0, cx: float = 320, cy: float = 240,
            colour: tuple[int, int, int] = (40, 40, 150), thickness: float = 4.0,
            seed: int = 0) -> np.ndarray:
    """``scenes.draw_face`` with a cap and / or dark-framed glasses drawn over it."""
    img = np.full((480, 640, 3), scenes.WALL, np.uint8)
    scenes.draw_face(img, cx, cy, s)
    if hat:
        scenes.draw_hat(img, cx, cy, s, colour)
    if glasses:
        scenes.draw_glasses(img, cx, cy, s, thickness)
    return scenes.noise(img, 4.0, seed)


FACES = [dict(s=s, cx=cx, cy=cy, seed=i) for i, (s, cx, cy) in enumerate(
    [(1.0, 320, 240), (0.75, 320, 240), (1.3, 320, 240), (1.0, 300, 250), (1.0, 340, 230)])]


@pytest.mark.parametrize("where", FACES)
@pytest.mark.parametrize(("hat", "glasses"), [(False, False), (True, False), (False, True)])
def test_a_hat_or_glasses_is_seen_on_the_face_and_nothing_else_is(
        where: dict[str, float], hat: bool, glasses: bool) -> None:
    check = check_portrait(dressed(hat, glasses, **where))  # type: ignore[arg-type]
    assert len(check.faces) == 1, check  # the face detector still finds the face
    assert (Problem.HAT in check.problems) == hat
    assert (Problem.GLASSES in check.problems) == glasses


@pytest.mark.parametrize("colour", [(40, 40, 150), (20, 20, 20), (200, 120, 40),
                                    (180, 180, 180)])
def test_a_hat_of_any_colour_covers_the_forehead(colour: tuple[int, int, int]) -> None:
    """Black like the hair, grey like the wall, red, blue: judged against the skin."""
    check = check_portrait(dressed(True, False, colour=colour))
    assert Problem.HAT in check.problems and Problem.GLASSES not in check.problems


@pytest.mark.parametrize("thickness", [2.5, 3.0, 5.0])
def test_thin_or_thick_frames_are_glasses(thickness: float) -> None:
    check = check_portrait(dressed(False, True, thickness=thickness))
    assert Problem.GLASSES in check.problems and Problem.HAT not in check.problems


def test_the_hint_asks_for_the_hat_then_the_glasses_and_the_gate_waits() -> None:
    both = guidance(check_portrait(dressed(True, True, s=1.2)))
    assert both.all_hints[:2] == (HINTS[Problem.HAT], HINTS[Problem.GLASSES])
    assert both.hint == "请摘下帽子" and not both.can_capture
    assert guidance(check_portrait(scenes.face_glasses(0, 640, 480))).hint == "请摘下眼镜"
    gate = PortraitGate(hold_frames=3)
    assert not any(gate.feed(scenes.face_hat(i, 640, 480))[1] for i in range(6))
    fired = [gate.feed(scenes.face(i, 640, 480))[1] for i in range(6)]
    assert fired.count(True) == 1  # the hat off: taken once it holds still


def test_distance_comes_before_the_hat() -> None:
    check = check_portrait(dressed(True, False, s=0.5))
    g = guidance(check)
    assert Problem.TOO_SMALL in check.problems and g.hint == HINTS[Problem.TOO_SMALL]


def test_the_accessory_check_can_be_turned_off() -> None:
    from devices.camera.quality import PortraitRules

    frame = dressed(True, True, s=1.2)
    assert check_portrait(frame).problems
    assert check_portrait(frame, PortraitRules(check_accessories=False)).ok
