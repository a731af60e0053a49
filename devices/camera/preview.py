"""A preview stream over any "read one frame" function: pacing, resizing, trouble as data.

Both drivers (OpenCV, mock) give a ``read`` that returns a BGR frame or raises
``CameraError``; this turns it into the ``PreviewStream`` a screen pulls on its device
thread. Kept separate from the drivers so the rules (which error is MISSING and which is
UNPLUGGED, when frames count as black) are the same for every camera and tested once.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass

import cv2
import numpy as np

from devices.camera.camera import (
    DEFAULT_PREVIEW_FPS,
    DEFAULT_PREVIEW_SIZE,
    CameraError,
    CameraStatus,
    Image,
    PreviewEvent,
)
from devices.camera.quality import Box


@dataclass(frozen=True)
class BlackRule:
    """A frame is black when even its bright pixels are dark; the stream says BLACK only
    after ``frames`` such frames in a row (a hand passing over the lens is not a fault)."""

    max_mean: float = 16.0
    max_p99: float = 40.0
    frames: int = 3


def is_black(frame: Image, rule: BlackRule = BlackRule()) -> bool:
    small = cv2.resize(frame, (80, 60), interpolation=cv2.INTER_AREA)
    g = small if small.ndim == 2 else cv2.cvtColor(small, cv2.COLOR_BGR2GRAY)
    return float(g.mean()) < rule.max_mean and float(np.percentile(g, 99)) < rule.max_p99


def fit(frame: Image, size: tuple[int, int]) -> Image:
    """The frame at exactly ``size`` (w, h): scaled, cropped to the aspect ratio first so a
    16:9 sensor does not squash the page or the face."""
    w, h = size
    fh, fw = frame.shape[:2]
    if (fw, fh) == (w, h):
        return frame
    target = w / h
    if fw / fh > target + 1e-3:
        cw = round(fh * target)
        x0 = (fw - cw) // 2
        frame = frame[:, x0:x0 + cw]
    elif fw / fh < target - 1e-3:
        ch = round(fw / target)
        y0 = (fh - ch) // 2
        frame = frame[y0:y0 + ch]
    interp = cv2.INTER_AREA if frame.shape[1] > w else cv2.INTER_LINEAR
    return np.ascontiguousarray(cv2.resize(frame, (w, h), interpolation=interp))


def box_to_still(box: Box, preview_w: int, preview_h: int, still_w: int,
                 still_h: int) -> Box:
    """A box seen in a preview frame, in the still's pixels. The preview is ``fit`` of
    the sensor's frame (centre crop to the preview's aspect, then scaled), and the still
    is taken with the same field of view, so the inverse is: scale by the cropped width,
    then shift by the crop's offset."""
    target = preview_w / preview_h
    if still_w / still_h > target + 1e-3:
        cw, ch = still_h * target, float(still_h)
    elif still_w / still_h < target - 1e-3:
        cw, ch = float(still_w), still_w / target
    else:
        cw, ch = float(still_w), float(still_h)
    x0, y0 = (still_w - cw) / 2, (still_h - ch) / 2
    k = cw / preview_w
    return Box(round(x0 + box.x * k), round(y0 + box.y * k), round(box.w * k),
               round(box.h * k))


class FramePreview:
    """``PreviewStream`` over ``read``. ``fps <= 0`` means as fast as ``read`` delivers
    (benchmarks, tests); ``clock``/``sleep`` are injectable so pacing is tested without
    waiting (``sleep=None``: wait on the stop event, so ``stop()`` is prompt)."""

    def __init__(self, read: Callable[[], Image], size: tuple[int, int] = DEFAULT_PREVIEW_SIZE,
                 fps: float = DEFAULT_PREVIEW_FPS, *, black: BlackRule = BlackRule(),
                 on_end: Callable[[], None] | None = None,
                 clock: Callable[[], float] = time.monotonic,
                 sleep: Callable[[float], None] | None = None) -> None:
        if size[0] < 16 or size[1] < 16 or size[0] > 8192 or size[1] > 8192:
            raise CameraError(f"preview size {size} out of range (16..8192 px a side)")
        self.size = size
        self.period = 1.0 / fps if fps > 0 else 0.0
        self._read, self._black, self._on_end = read, black, on_end
        self._clock, self._sleep = clock, sleep
        self._stop = threading.Event()
        self._next_at: float | None = None
        self._delivered = 0
        self._dark_run = 0
        self._end: PreviewEvent | None = None
        self._status = CameraStatus.OK

    @property
    def status(self) -> CameraStatus:
        return self._status

    @property
    def delivered(self) -> int:
        return self._delivered

    def stop(self) -> None:
        self._stop.set()

    def _finish(self, status: CameraStatus, detail: str) -> PreviewEvent:
        self._status = status
        self._end = PreviewEvent(status, None, self._delivered - 1, detail)
        if self._on_end is not None:
            self._on_end()
        return self._end

    def _pace(self) -> None:
        if not self.period:
            return
        now = self._clock()
        if self._next_at is None:
            self._next_at = now
        wait = self._next_at - now
        if wait > 0:
            if self._sleep is None:
                self._stop.wait(wait)  # stop() from another thread cuts the wait short
            else:
                self._sleep(wait)
        # A slow frame does not make the next ones rush to catch up.
        self._next_at = max(self._next_at + self.period, self._clock())

    def next_event(self) -> PreviewEvent:
        if self._end is not None:
            return self._end
        if self._stop.is_set():
            return self._finish(CameraStatus.STOPPED, "stopped")
        self._pace()
        if self._stop.is_set():
            return self._finish(CameraStatus.STOPPED, "stopped")
        try:
            raw = self._read()
        except CameraError as exc:
            status = CameraStatus.UNPLUGGED if self._delivered else CameraStatus.MISSING
            return self._finish(status, str(exc))
        frame = fit(raw, self.size)
        self._dark_run = self._dark_run + 1 if is_black(frame, self._black) else 0
        status = CameraStatus.BLACK if self._dark_run >= self._black.frames else CameraStatus.OK
        self._status = status
        self._delivered += 1
        return PreviewEvent(status, frame, self._delivered - 1,
                            "" if status is CameraStatus.OK else
                            f"{self._dark_run} black frames in a row")

    def __iter__(self) -> Iterator[PreviewEvent]:
        """Every event up to and including the ending one."""
        while True:
            ev = self.next_event()
            yield ev
            if ev.status.ends:
                return
