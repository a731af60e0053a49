"""Portrait quality rules for the resident photo: pure functions on a frame.

``check_portrait`` runs the face detector; ``portrait_problems`` is the rule set on its own
(frame + face boxes in, problems out) so the rules are tested with any boxes a detector
could give. Each problem carries the plain hint the screen shows.

Speed: the Haar pass runs on a copy scaled to ``detect_width`` (320 px by default); at
640x480 that keeps the whole check well inside a 15 fps preview on one core.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum
from functools import lru_cache
from typing import Any

import cv2
from cv2.typing import MatLike

from devices.camera.camera import CameraError

Frame = MatLike  # BGR (or grey) image as OpenCV returns it
FACE_CASCADE = "haarcascade_frontalface_default.xml"


class Problem(Enum):
    """Each value is the hint shown to the resident."""

    NO_FACE = "请正对镜头"
    MANY_FACES = "请确保镜头前只有您一人"
    OFF_CENTRE = "请移到画面中间"
    TOO_SMALL = "请靠近一些"
    TOO_LARGE = "请稍微后退"
    BLURRED = "请保持不动，画面不清晰"
    TOO_DARK = "光线太暗"
    TOO_BRIGHT = "光线太亮"

    @property
    def hint(self) -> str:
        return str(self.value)


@dataclass(frozen=True)
class Box:
    x: int
    y: int
    w: int
    h: int

    @property
    def centre(self) -> tuple[float, float]:
        return self.x + self.w / 2, self.y + self.h / 2


@dataclass(frozen=True)
class PortraitRules:
    """Thresholds, as fractions of the frame where they depend on its size."""

    min_face_height: float = 0.30      # face box height / frame height
    max_face_height: float = 0.75
    max_centre_offset: float = 0.15    # face centre distance from frame centre / frame size
    min_sharpness: float = 60.0        # variance of the Laplacian over the face
    min_brightness: float = 70.0       # mean grey level over the face (0..255)
    max_brightness: float = 200.0
    scene_min_brightness: float = 45.0  # whole frame, when no face is found
    scene_max_brightness: float = 235.0
    detect_width: int = 320


@dataclass(frozen=True)
class PortraitCheck:
    problems: tuple[Problem, ...]
    faces: tuple[Box, ...]

    @property
    def ok(self) -> bool:
        return not self.problems

    @property
    def hints(self) -> list[str]:
        return [p.hint for p in self.problems]


def grey(frame: Frame) -> Frame:
    if frame.ndim == 2:
        return frame
    return cv2.cvtColor(frame, cv2.COLOR_BGR2GRAY)


def sharpness(grey_img: Frame) -> float:
    """Variance of the Laplacian: low when the image has no crisp edges (motion, focus)."""
    return float(cv2.Laplacian(grey_img, cv2.CV_64F).var())


def brightness(grey_img: Frame) -> float:
    return float(grey_img.mean())


def portrait_problems(frame: Frame, faces: list[Box] | tuple[Box, ...],
                      rules: PortraitRules = PortraitRules()) -> tuple[Problem, ...]:
    """The rules. Lighting is judged first on the whole frame (a dark room hides the
    face from the detector, and "光线太暗" is then the useful hint, not "请正对镜头")."""
    g = grey(frame)
    h, w = g.shape[:2]
    whole = brightness(g)
    if not faces:
        if whole < rules.scene_min_brightness:
            return (Problem.TOO_DARK,)
        if whole > rules.scene_max_brightness:
            return (Problem.TOO_BRIGHT,)
        return (Problem.NO_FACE,)
    if len(faces) > 1:
        return (Problem.MANY_FACES,)
    face = faces[0]
    out: list[Problem] = []
    cx, cy = face.centre
    if abs(cx - w / 2) / w > rules.max_centre_offset or \
            abs(cy - h / 2) / h > rules.max_centre_offset:
        out.append(Problem.OFF_CENTRE)
    if face.h / h < rules.min_face_height:
        out.append(Problem.TOO_SMALL)
    elif face.h / h > rules.max_face_height:
        out.append(Problem.TOO_LARGE)
    region = g[max(face.y, 0):face.y + face.h, max(face.x, 0):face.x + face.w]
    if region.size == 0:
        region = g
    level = brightness(region)
    if level < rules.min_brightness:
        out.append(Problem.TOO_DARK)
    elif level > rules.max_brightness:
        out.append(Problem.TOO_BRIGHT)
    elif sharpness(region) < rules.min_sharpness:
        # Only judged in good light: a dark face has weak edges however still it is held.
        out.append(Problem.BLURRED)
    return tuple(out)


@lru_cache(maxsize=1)
def _cascade() -> Any:
    # cv2.data is not in OpenCV's type stubs
    path = str(getattr(cv2, "data").haarcascades) + FACE_CASCADE  # noqa: B009
    clf = cv2.CascadeClassifier(path)
    if clf.empty():
        raise CameraError(f"Haar cascade missing or unreadable: {path} (needs "
                          "opencv-python-headless 4.x, which ships cv2.data.haarcascades)")
    return clf


def detect_faces(frame: Frame, rules: PortraitRules = PortraitRules()) -> tuple[Box, ...]:
    """Frontal faces, in the frame's own coordinates."""
    g = grey(frame)
    h, w = g.shape[:2]
    scale = min(1.0, rules.detect_width / w)
    small = cv2.resize(g, (round(w * scale), round(h * scale)),
                       interpolation=cv2.INTER_AREA) if scale < 1.0 else g
    small = cv2.equalizeHist(small)
    # Small faces are still looked for, so the hint can be "请靠近一些", not "请正对镜头".
    min_side = max(20, round(small.shape[0] * 0.12))
    found = _cascade().detectMultiScale(small, scaleFactor=1.15, minNeighbors=5,
                                        minSize=(min_side, min_side))
    return tuple(Box(round(x / scale), round(y / scale), round(bw / scale), round(bh / scale))
                 for (x, y, bw, bh) in found)


def check_portrait(frame: Frame, rules: PortraitRules = PortraitRules()) -> PortraitCheck:
    faces = detect_faces(frame, rules)
    return PortraitCheck(portrait_problems(frame, faces, rules), faces)
