"""Auto-capture on synthetic frame sequences: a steady sharp page fires, a moving page or
a blurred page never does, no page says so; the outline is where the page is."""

from __future__ import annotations

import cv2
import numpy as np
import pytest

from devices.camera import scenes
from devices.camera.autocapture import (
    AutoCapture,
    AutoCaptureRules,
    PageState,
    corner_motion,
    first_capture,
    is_steady,
    page_outline,
)
from devices.camera.document import find_page


def seq(name: str, n: int = 30, w: int = 640, h: int = 480) -> list[np.ndarray]:
    s = scenes.scene(name)
    return [s(i, w, h) for i in range(n)]


def test_steady_sharp_page_fires_once_after_the_steady_window() -> None:
    rules = AutoCaptureRules()
    frames = seq("document")
    assert first_capture(frames, rules) == rules.steady_frames - 1
    ac = AutoCapture(rules)
    sights = [ac.feed(f) for f in frames]
    assert sum(s.fire for s in sights) == 1  # once, not on every steady frame
    assert sights[0].state is PageState.STEADYING
    ac.reset()  # 重拍
    assert first_capture(frames) is not None


def test_moving_page_never_fires_and_says_hold_still() -> None:
    ac = AutoCapture()
    sights = [ac.feed(f) for f in seq("moving", 40)]
    assert not any(s.fire for s in sights)
    assert all(s.outline is not None for s in sights)  # the page is seen, just not still
    assert sum(s.state is PageState.MOVING for s in sights) > 30
    assert PageState.MOVING.hint == "请保持材料不动"


def test_blurred_page_never_fires_and_says_not_clear() -> None:
    ac = AutoCapture()
    sights = [ac.feed(f) for f in seq("blurred")]
    assert not any(s.fire for s in sights)
    assert sights[-1].state is PageState.BLURRED and sights[-1].steady_for >= 6


def test_no_page_says_where_to_put_it() -> None:
    sights = [AutoCapture().feed(f) for f in seq("desk", 3)]
    assert {s.state for s in sights} == {PageState.NO_PAGE}
    assert sights[0].outline is None and "放" in sights[0].hint


def test_page_placed_then_held_fires_only_once_it_is_still() -> None:
    frames = seq("moving", 15) + seq("document", 15)
    i = first_capture(frames)
    assert i is not None and i >= 15 + AutoCaptureRules().steady_frames - 1


def test_page_that_slowly_drifts_does_not_fire() -> None:
    """Each step is small, but over the window the page moves: drift is motion."""
    page = scenes.a5_page()
    frames = []
    for i in range(30):
        f = np.full((480, 640, 3), scenes.DESK, np.uint8)
        scenes.place(f, page, (280 + 3 * i, 240), 0.8, angle=6)
        frames.append(scenes.noise(f, 3.0, i))
    assert first_capture(frames) is None


def test_taken_away_mid_window_restarts_the_count() -> None:
    frames = seq("document", 4) + seq("desk", 1) + seq("document", 4)
    assert first_capture(frames) is None


def test_outline_found_on_the_small_copy_is_in_frame_pixels() -> None:
    frame = scenes.document(0, 1280, 960)
    small = page_outline(frame)
    full = find_page(frame)
    assert small is not None and full is not None
    assert corner_motion(small, full) < 0.01 * np.hypot(1280, 960)


@pytest.mark.parametrize(("jitter", "steady"), [(2.0, True), (20.0, False)])
def test_is_steady_is_a_bound_on_corner_travel(jitter: float, steady: bool) -> None:
    base = np.array([[100, 100], [500, 100], [500, 400], [100, 400]], np.float32)
    outlines = [base + (jitter if i % 2 else 0) for i in range(6)]
    assert is_steady(outlines, 800.0) is steady
    assert not is_steady([*outlines[:5], None], 800.0)
    assert not is_steady(outlines[:3], 800.0)  # not enough frames yet


def test_rules_are_configurable() -> None:
    frames = seq("blurred", 10)
    assert first_capture(frames, AutoCaptureRules(min_sharpness=20)) is not None
    assert first_capture(seq("document", 10), AutoCaptureRules(steady_frames=12)) is None


def test_frames_from_a_real_encode_decode_still_fire() -> None:
    """What a USB camera gives is MJPEG: blockiness must not break outline or sharpness."""
    frames = []
    for f in seq("document", 10):
        ok, buf = cv2.imencode(".jpg", f, [cv2.IMWRITE_JPEG_QUALITY, 70])
        assert ok
        frames.append(cv2.imdecode(buf, cv2.IMREAD_COLOR))
    assert first_capture(frames) is not None
