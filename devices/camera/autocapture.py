"""Auto-capture for the document camera (高拍仪): take the photo when the page is steady.

Pure rules over a frame sequence. Per preview frame: find the page outline (on a small
copy, for speed), and measure sharpness inside it. The page is *steady* when its four
corners moved less than ``max_motion`` (a fraction of the frame diagonal) over the last
``steady_frames`` frames, and *sharp* when the variance of the Laplacian over the page
(at half size, so sensor noise does not pass for detail) is above ``min_sharpness``. Both
→ capture, once. A page being slid into place never fires; neither does a steady page out
of focus. The screen draws ``PageSight.outline`` over the preview and shows ``hint``.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from enum import Enum

import cv2
import numpy as np

from devices.camera.camera import Image
from devices.camera.document import Quad, find_page
from devices.camera.quality import grey, sharpness

Corners = tuple[tuple[float, float], ...]  # tl, tr, br, bl in frame pixels


@dataclass(frozen=True)
class AutoCaptureRules:
    steady_frames: int = 6  # ~0.4 s at 15 fps
    max_motion: float = 0.012  # corner travel over those frames / frame diagonal
    min_sharpness: float = 150.0  # Laplacian variance over the page at half size
    work_width: int = 320  # outline search on a copy this wide
    min_area: float = 0.2  # page area / frame area


class PageState(Enum):
    """What the screen says under the preview; ``value`` is the hint."""

    NO_PAGE = "请把材料平放在拍摄区域内"
    MOVING = "请保持材料不动"
    BLURRED = "画面不清晰，请把材料放平、保持不动"
    STEADYING = "正在对准，请保持不动"
    CAPTURE = "正在拍照"

    @property
    def hint(self) -> str:
        return str(self.value)


@dataclass(frozen=True)
class PageSight:
    """One preview frame as the rule saw it."""

    state: PageState
    outline: Corners | None  # for the overlay; None when no page is seen
    sharpness: float
    steady_for: int  # consecutive frames within the motion bound (this one included)

    @property
    def fire(self) -> bool:
        return self.state is PageState.CAPTURE

    @property
    def hint(self) -> str:
        return self.state.hint


def page_outline(frame: Image, rules: AutoCaptureRules = AutoCaptureRules()) -> Quad | None:
    """``find_page`` on a copy ``work_width`` wide, corners in the frame's own pixels."""
    h, w = frame.shape[:2]
    scale = min(1.0, rules.work_width / w)
    small = cv2.resize(frame, (round(w * scale), round(h * scale)),
                       interpolation=cv2.INTER_AREA) if scale < 1.0 else frame
    quad = find_page(small, rules.min_area)
    return None if quad is None else (quad / scale).astype(np.float32)


def page_sharpness(frame: Image, quad: Quad) -> float:
    g = grey(frame)
    x, y, w, h = cv2.boundingRect(np.asarray(quad, np.float32).reshape(-1, 1, 2))
    region = g[max(y, 0):y + h, max(x, 0):x + w]
    if region.shape[0] < 8 or region.shape[1] < 8:
        return 0.0
    half = cv2.resize(region, (region.shape[1] // 2, region.shape[0] // 2),
                      interpolation=cv2.INTER_AREA)
    return sharpness(half)


def corner_motion(a: Quad, b: Quad) -> float:
    """The largest distance any corner moved between two outlines (pixels)."""
    return float(np.linalg.norm(np.asarray(a) - np.asarray(b), axis=1).max())


def is_steady(outlines: Sequence[Quad | None], diagonal: float,
              rules: AutoCaptureRules = AutoCaptureRules()) -> bool:
    """The last ``steady_frames`` outlines all exist and stay within ``max_motion`` of
    the first of them (drift counts, not just frame-to-frame jitter)."""
    last = list(outlines)[-rules.steady_frames:]
    if len(last) < rules.steady_frames or any(q is None for q in last):
        return False
    first = last[0]
    assert first is not None
    return all(corner_motion(first, q) <= rules.max_motion * diagonal
               for q in last if q is not None)


class AutoCapture:
    """The rule as a fold over preview frames: ``feed`` each frame, capture when
    ``fire``. Fires once; ``reset()`` (重拍) arms it again."""

    def __init__(self, rules: AutoCaptureRules = AutoCaptureRules()) -> None:
        self.rules = rules
        self._outlines: deque[Quad | None] = deque(maxlen=rules.steady_frames)
        self.fired = False

    def reset(self) -> None:
        self._outlines.clear()
        self.fired = False

    def feed(self, frame: Image) -> PageSight:
        r = self.rules
        h, w = frame.shape[:2]
        diagonal = float(np.hypot(w, h))
        quad = page_outline(frame, r)
        self._outlines.append(quad)
        if quad is None:
            return PageSight(PageState.NO_PAGE, None, 0.0, 0)
        steady_for = 0
        for q in reversed(self._outlines):
            if q is None or corner_motion(quad, q) > r.max_motion * diagonal:
                break
            steady_for += 1
        sharp = page_sharpness(frame, quad)
        corners: Corners = tuple((float(x), float(y)) for x, y in quad)
        previous = self._outlines[-2] if len(self._outlines) >= 2 else None
        if steady_for < 2 and previous is not None:  # it was seen, and it moved since
            state = PageState.MOVING
        elif sharp < r.min_sharpness:
            state = PageState.BLURRED
        elif self.fired or not is_steady(self._outlines, diagonal, r):
            state = PageState.STEADYING
        else:
            state = PageState.CAPTURE
            self.fired = True
        return PageSight(state, corners, sharp, steady_for)


def first_capture(frames: Iterable[Image],
                  rules: AutoCaptureRules = AutoCaptureRules()) -> int | None:
    """Index of the frame on which auto-capture fires, or None: the rule over a sequence."""
    ac = AutoCapture(rules)
    for i, frame in enumerate(frames):
        if ac.feed(frame).fire:
            return i
    return None
