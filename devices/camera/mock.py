"""A mock camera: serves image files dropped in a folder, else a synthetic test card.

A folder lets a test (or a developer) choose exactly which picture the "camera" sees, so
the quality checks of the devices issue can be tested on real photographs.
"""

from __future__ import annotations

from pathlib import Path

import cv2
import numpy as np

from devices.camera.camera import CameraError, Photo

_IMAGE_SUFFIXES = (".jpg", ".jpeg", ".png")


class MockCamera:
    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self._shots = 0

    def capture(self) -> Photo:
        self._shots += 1
        if (self.folder / "camera-unplugged").exists():
            raise CameraError("mock camera marked unplugged")
        images = sorted(p for p in self.folder.glob("camera/*") if p.suffix in _IMAGE_SUFFIXES)
        if images:
            frame = cv2.imread(str(images[(self._shots - 1) % len(images)]))
            if frame is None:
                raise CameraError(f"mock camera image unreadable: {images[0].name}")
        else:
            frame = np.full((480, 640, 3), 235, dtype=np.uint8)
            cv2.rectangle(frame, (120, 80), (520, 400), (90, 60, 30), 4)
            cv2.putText(frame, f"MOCK {self._shots}", (190, 260), cv2.FONT_HERSHEY_SIMPLEX,
                        1.6, (90, 60, 30), 3)
        ok, buf = cv2.imencode(".jpg", frame, [cv2.IMWRITE_JPEG_QUALITY, 85])
        if not ok:
            raise CameraError("JPEG encoding failed")
        h, w = frame.shape[:2]
        return Photo(jpeg=buf.tobytes(), width=w, height=h)

    def close(self) -> None:
        pass
