"""``opencv:0`` (device index) or ``opencv:/path/video.mp4`` / ``opencv:/path/img_%03d.png``
(a video file or image sequence): a camera through cv2.VideoCapture.

Files stand in for a camera wherever there is none (tests, demos, this build machine has no
/dev/video*); they loop at their end unless ``?loop=0``. A device gets 640x480 asked for.
Frames are BGR numpy arrays; ``capture()`` gives the still as JPEG (the Camera interface).
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from urllib.parse import parse_qs

import cv2

from devices.camera.camera import DEFAULT_PREVIEW_FPS, DEFAULT_PREVIEW_SIZE, CameraError, Photo
from devices.camera.preview import FramePreview
from devices.camera.quality import Frame

PREVIEW_SIZE = (640, 480)
STILL_SIZE = (2592, 1944)  # 5 MP, a 高拍仪's usual sensor; asked of a device for a still
STILL_SETTLE_FRAMES = 3


def parse_source(rest: str) -> tuple[int | str, bool]:
    """``0`` → device 0; anything else is a path. Returns (source, loop)."""
    path, _, query = rest.partition("?")
    loop = parse_qs(query).get("loop", ["1"])[0] not in ("0", "false", "no")
    if not path:
        raise CameraError("opencv camera needs a device index or a path, e.g. 'opencv:0'")
    return (int(path) if path.isdigit() else path), loop


def encode_jpeg(frame: Frame, quality: int = 90) -> bytes:
    ok, buf = cv2.imencode(".jpg", frame, [cv2.IMWRITE_JPEG_QUALITY, quality])
    if not ok:
        raise CameraError("JPEG encoding failed")
    return bytes(buf.tobytes())


class OpenCvCamera:
    def __init__(self, rest: str) -> None:
        self.source, self.loop = parse_source(rest)
        self._lock = threading.Lock()
        self._cap: cv2.VideoCapture | None = None

    def _open(self) -> cv2.VideoCapture:
        if self._cap is not None and self._cap.isOpened():
            return self._cap
        cap = cv2.VideoCapture(self.source)
        if not cap.isOpened():
            cap.release()
            what = f"video device /dev/video{self.source}" if isinstance(self.source, int) \
                else f"video file {self.source}"
            raise CameraError(f"cannot open {what}: check the cable / path and that the "
                              "kiosk user is in the 'video' group")
        if isinstance(self.source, int):
            cap.set(cv2.CAP_PROP_FRAME_WIDTH, PREVIEW_SIZE[0])
            cap.set(cv2.CAP_PROP_FRAME_HEIGHT, PREVIEW_SIZE[1])
        self._cap = cap
        return cap

    def read_frame(self) -> Frame:
        """One preview frame. At the end of a file, rewinds when looping."""
        with self._lock:
            cap = self._open()
            ok, frame = cap.read()
            if not ok and self.loop and not isinstance(self.source, int):
                cap.set(cv2.CAP_PROP_POS_FRAMES, 0)
                ok, frame = cap.read()
            if not ok or frame is None:
                self._release()
                raise CameraError(f"camera {self.source!r} gave no frame (unplugged, in use by "
                                  "another program, or end of file)")
            return frame

    def frames(self, limit: int | None = None) -> Iterator[Frame]:
        n = 0
        while limit is None or n < limit:
            yield self.read_frame()
            n += 1

    def capture(self) -> Photo:
        """The still the page or portrait is made from. A file gives its frame as stored
        (the preview fits it down to 640x480). A device is switched to ``STILL_SIZE`` (the
        driver takes its nearest mode, a 5 MP 高拍仪 its full sensor) for a few frames —
        the first after a mode switch are often the old size or half exposed — and back
        to the preview size, so the preview goes on at its own rate."""
        if not isinstance(self.source, int):
            frame = self.read_frame()
        else:
            with self._lock:
                cap = self._open()
                pw = cap.get(cv2.CAP_PROP_FRAME_WIDTH) or PREVIEW_SIZE[0]
                ph = cap.get(cv2.CAP_PROP_FRAME_HEIGHT) or PREVIEW_SIZE[1]
                cap.set(cv2.CAP_PROP_FRAME_WIDTH, STILL_SIZE[0])
                cap.set(cv2.CAP_PROP_FRAME_HEIGHT, STILL_SIZE[1])
                got: Frame | None = None
                try:
                    for _ in range(STILL_SETTLE_FRAMES):
                        ok, f = cap.read()
                        if ok and f is not None:
                            got = f
                finally:
                    cap.set(cv2.CAP_PROP_FRAME_WIDTH, pw)
                    cap.set(cv2.CAP_PROP_FRAME_HEIGHT, ph)
                if got is None:
                    self._release()
                    raise CameraError(f"camera {self.source!r} gave no still (unplugged or "
                                      "in use by another program)")
                frame = got
        h, w = frame.shape[:2]
        return Photo(jpeg=encode_jpeg(frame), width=w, height=h)

    def preview(self, size: tuple[int, int] = DEFAULT_PREVIEW_SIZE,
                fps: float = DEFAULT_PREVIEW_FPS) -> FramePreview:
        """Live frames at ``size``. A device is asked for that size and rate (it may give
        another size: frames are fitted); a file is paced to ``fps``. The device is
        released when the stream ends, so an unplugged camera is reopened next time."""
        if isinstance(self.source, int):
            with self._lock:
                try:
                    cap = self._open()
                except CameraError:
                    pass  # the stream's first read says MISSING, as data
                else:
                    cap.set(cv2.CAP_PROP_FRAME_WIDTH, size[0])
                    cap.set(cv2.CAP_PROP_FRAME_HEIGHT, size[1])
                    if fps > 0:
                        cap.set(cv2.CAP_PROP_FPS, fps)
        return FramePreview(self.read_frame, size, fps, on_end=self.close)

    def _release(self) -> None:
        if self._cap is not None:
            self._cap.release()
            self._cap = None

    def close(self) -> None:
        with self._lock:
            self._release()
