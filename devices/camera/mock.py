"""A mock camera whose frames a test chooses: a synthetic scene, or image files in a folder.

Chosen by the config URI — ``mock:`` (image files under ``<mock_dir>/camera/``, else a test
card), ``mock:?scene=document``, ``mock:?scene=qr&qr=TEXT``, ``mock:?scene=face&die_after=30``
(unplugged after 30 frames), ``mock:?missing=1`` (no camera at all) — or driven from
outside the process like the mock card reader: the file ``<mock_dir>/camera-scene`` holds
the same query (``scene=moving``) and wins over the URI while it exists, and the marker file
``<mock_dir>/camera-unplugged`` unplugs it. ``show()``/``unplug()``/``plug()`` write those
files, so a test or the demo flips scenes while a preview runs.

Scenes: see ``devices.camera.scenes`` (document, moving, blurred, desk, face, face_far,
face_hat, face_glasses, qr, black, card).
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import parse_qs, urlencode

import cv2

from devices.camera import scenes
from devices.camera.camera import (
    DEFAULT_PREVIEW_FPS,
    DEFAULT_PREVIEW_SIZE,
    CameraError,
    Image,
    Photo,
)
from devices.camera.preview import FramePreview, fit

_IMAGE_SUFFIXES = (".jpg", ".jpeg", ".png")
SCENE_FILE = "camera-scene"
UNPLUGGED_FILE = "camera-unplugged"
PAGE_SCENES = ("document", "moving", "blurred", "desk")
STILL_SIZE = (1280, 960)
MAX_QUERY = 4096  # a scene file is a short query; a huge one is refused, never parsed


@dataclass(frozen=True)
class MockSettings:
    scene: str | None = None  # None: folder images, else the test card
    qr: str = scenes.SAMPLE_ECERT_QR
    die_after: int | None = None  # frames delivered before it is "unplugged"
    missing: bool = False
    # The still's size (w, h). None: 1280x960, twice the preview's side — a camera's still
    # has more pixels than its preview, and the screens make the page and the portrait
    # from the still, so the mock must not hide a path that used the preview frame.
    still: tuple[int, int] | None = None


def _size(text: str) -> tuple[int, int]:
    w, _, h = text.lower().partition("x")
    if not (w.isdigit() and h.isdigit()) or not (16 <= int(w) <= 8192 and 16 <= int(h) <= 8192):
        raise CameraError(f"mock camera size {text!r}: expected WxH, 16..8192 px a side")
    return int(w), int(h)


def parse_settings(query: str) -> MockSettings:
    """``scene=…&qr=…&die_after=N&missing=1&still=WxH``; unknown keys are an error (a typo
    in a test's URI must not silently give the test card)."""
    if len(query) > MAX_QUERY:
        raise CameraError(f"mock camera settings longer than {MAX_QUERY} characters")
    q = {k: v[-1] for k, v in parse_qs(query.lstrip("?"), keep_blank_values=True).items()}
    unknown = set(q) - {"scene", "qr", "die_after", "missing", "still"}
    if unknown:
        raise CameraError(f"mock camera: unknown setting(s) {', '.join(sorted(unknown))}")
    name = q.get("scene") or None
    if name is not None and name not in scenes.SCENE_NAMES:
        raise CameraError(f"no mock camera scene {name!r}; scenes: "
                          f"{', '.join(scenes.SCENE_NAMES)}")
    die = q.get("die_after")
    if die is not None and not die.isdigit():
        raise CameraError(f"mock camera die_after={die!r}: expected a frame count")
    return MockSettings(scene=name, qr=q.get("qr", scenes.SAMPLE_ECERT_QR),
                        die_after=None if die is None else int(die),
                        missing=q.get("missing", "0") not in ("0", "", "false", "no"),
                        still=_size(q["still"]) if "still" in q else None)


class MockCamera:
    def __init__(self, folder: Path, query: str = "") -> None:
        self.folder = folder
        self.uri_settings = parse_settings(query)
        self._frames = 0  # frames delivered (preview and stills), for die_after
        self._shots = 0  # stills taken, for the folder images

    # Driving the mock from outside -------------------------------------------------------

    def show(self, scene: str, **params: str | int) -> None:
        """Switch what the camera sees (validated before it is written)."""
        self.show_query(urlencode({"scene": scene, **{k: str(v) for k, v in params.items()}}))

    def show_query(self, query: str) -> None:
        """Any settings query (``missing=1``, ``die_after=30``, ``scene=face&still=…``),
        validated before it is written; the scene file replaces the URI's settings."""
        parse_settings(query)
        self.folder.mkdir(parents=True, exist_ok=True)
        tmp = self.folder / (SCENE_FILE + ".tmp")
        tmp.write_text(query, encoding="utf-8")
        os.replace(tmp, self.folder / SCENE_FILE)

    def show_images(self, images: list[Image]) -> list[Path]:
        """The camera sees these pictures instead of a scene: the preview the first one,
        each still the next in turn (the pages of one material). They replace every
        picture in ``<folder>/camera/``, written as PNG (lossless, so what a test put in
        is what the page detector sees); the scene file goes, so the folder is used."""
        if not images:
            raise CameraError("no picture to show")
        folder = self.folder / "camera"
        folder.mkdir(parents=True, exist_ok=True)
        for old in folder.iterdir():
            if old.suffix.lower() in _IMAGE_SUFFIXES and old.is_file():
                old.unlink()
        out = []
        for i, img in enumerate(images):
            ok, buf = cv2.imencode(".png", img)
            if not ok:
                raise CameraError("the picture could not be written as PNG")
            path = folder / f"{i + 1:02d}.png"
            tmp = path.with_suffix(".tmp")
            tmp.write_bytes(buf.tobytes())
            os.replace(tmp, path)
            out.append(path)
        (self.folder / SCENE_FILE).unlink(missing_ok=True)
        self._shots = 0
        return out

    def reset(self) -> None:
        (self.folder / SCENE_FILE).unlink(missing_ok=True)
        self.plug()

    def unplug(self) -> None:
        self.folder.mkdir(parents=True, exist_ok=True)
        (self.folder / UNPLUGGED_FILE).touch()

    def plug(self) -> None:
        (self.folder / UNPLUGGED_FILE).unlink(missing_ok=True)

    # The camera --------------------------------------------------------------------------

    def settings(self) -> MockSettings:
        path = self.folder / SCENE_FILE
        try:
            if not path.is_file():
                return self.uri_settings
            if path.stat().st_size > MAX_QUERY:
                raise CameraError(f"mock camera scene file {path} is too large")
            return parse_settings(path.read_text(encoding="utf-8").strip())
        except OSError as exc:
            raise CameraError(f"mock camera cannot read {path}: {exc.strerror}") from exc
        except UnicodeDecodeError as exc:
            raise CameraError(f"mock camera scene file {path} is not text") from exc

    def _frame(self, size: tuple[int, int], still: bool) -> Image:
        s = self.settings()
        if s.missing:
            raise CameraError("mock camera configured missing (no camera connected)")
        if (self.folder / UNPLUGGED_FILE).exists():
            raise CameraError("mock camera marked unplugged")
        if s.die_after is not None and self._frames >= s.die_after:
            raise CameraError(f"mock camera died after {s.die_after} frames")
        index = self._frames
        self._frames += 1
        if s.scene is not None:
            return scenes.scene(s.scene, s.qr)(index, *size)
        images = sorted(p for p in self.folder.glob("camera/*") if p.suffix in _IMAGE_SUFFIXES)
        if images:
            if still:
                self._shots += 1
            path = images[(max(self._shots, 1) - 1) % len(images)]
            frame = cv2.imread(str(path))
            if frame is None:
                raise CameraError(f"mock camera image unreadable: {path.name}")
            return frame if still else fit(frame, size)
        return scenes.test_card(index, *size)

    def read_frame(self, size: tuple[int, int] = DEFAULT_PREVIEW_SIZE) -> Image:
        return self._frame(size, still=False)

    def capture(self) -> Photo:
        s = self.settings()
        size = s.still or STILL_SIZE
        frame = self._frame(size, still=True)
        ok, buf = cv2.imencode(".jpg", frame, [cv2.IMWRITE_JPEG_QUALITY, 85])
        if not ok:
            raise CameraError("JPEG encoding failed")
        h, w = frame.shape[:2]
        return Photo(jpeg=buf.tobytes(), width=w, height=h)

    def preview(self, size: tuple[int, int] = DEFAULT_PREVIEW_SIZE,
                fps: float = DEFAULT_PREVIEW_FPS) -> FramePreview:
        return FramePreview(lambda: self.read_frame(size), size, fps)

    def close(self) -> None:
        pass
