"""Portrait quality rules for the resident photo: pure functions on a frame.

``check_portrait`` runs the face detector; ``portrait_problems`` is the rule set on its own
(frame + face boxes in, problems out) so the rules are tested with any boxes a detector
could give. Each problem carries the plain hint the screen shows.

Speed: the Haar pass runs on a copy scaled to ``detect_width`` (320 px by default); at
640x480 that keeps the whole check well inside a 15 fps preview on one core.

Hats and glasses (``accessory_problems``): an 电子证件照 shows the forehead and the eyes
bare. Both are judged inside the one face box, against the resident's own skin (the
cheeks), so skin tone and light matter less than fixed colours would: a hat (or anything
covering the forehead) leaves little skin-coloured forehead above the brows; dark-framed
glasses put a dark bar across the nose bridge *and* a dark rim under an eye. The eyes are
found by OpenCV's eye cascade when it sees two, else placed where the face cascade's box
puts them. Rimless glasses and a skin-coloured cap are not seen; a fringe over the
forehead reads as a hat (the photo needs the forehead bare either way).
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
EYE_CASCADE = "haarcascade_eye.xml"
EYE_FACE_WIDTH = 140  # px: the face width the eye cascade is run at


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
    HAT = "请摘下帽子"
    GLASSES = "请摘下眼镜"

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
    # Hats and glasses (see the module docstring); off for a use that allows them.
    check_accessories: bool = True
    min_forehead_skin: float = 0.45    # share of forehead pixels that look like the cheeks
    skin_distance: float = 16.0        # Lab distance (lightness quarter-weighted) to cheeks
    dark_share: float = 0.55           # of a glasses frame's row: pixels this much darker…
    dark_level: float = 0.55           # …than the cheeks' lightness


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
    if rules.check_accessories and Problem.TOO_DARK not in out and \
            Problem.TOO_BRIGHT not in out and frame.ndim == 3:
        out += accessory_problems(frame, face, rules)
    return tuple(out)


def _patch(img: Frame, face: Box, x0: float, x1: float, y0: float, y1: float) -> Frame:
    """The part of ``img`` at these fractions of the face box, clipped to the frame."""
    h, w = img.shape[:2]
    ax, bx = max(0, round(face.x + x0 * face.w)), min(w, round(face.x + x1 * face.w))
    ay, by = max(0, round(face.y + y0 * face.h)), min(h, round(face.y + y1 * face.h))
    return img[ay:by, ax:bx] if ax < bx and ay < by else img[0:0, 0:0]


def _lab_distance(lab: Frame, ref: tuple[float, float, float]) -> Any:
    """Per pixel: distance to the reference colour, lightness quarter-weighted (a forehead
    in shadow or shine is still skin; a hat differs in hue and saturation — a grey one as
    light as the skin only in those)."""
    import numpy as np

    d = lab.astype(np.float32) - np.array(ref, np.float32)
    return np.sqrt((d[..., 0] / 4) ** 2 + d[..., 1] ** 2 + d[..., 2] ** 2)


def _eyes(g: Frame, face: Box) -> tuple[tuple[float, float], tuple[float, float]]:
    """Centres of the left and right eye (frame pixels): the eye cascade's two best in the
    upper face when it finds a left and a right one, else where a frontal face box has
    them (a third in from each side, a little above the middle)."""
    guess = ((face.x + 0.33 * face.w, face.y + 0.43 * face.h),
             (face.x + 0.67 * face.w, face.y + 0.43 * face.h))
    top = _patch(g, face, 0.0, 1.0, 0.15, 0.65)
    if top.size == 0 or min(top.shape[:2]) < 24:
        return guess
    # Eyes are looked for on the upper face scaled to EYE_FACE_WIDTH: the cascade's cost
    # grows with the pixels, and a 25 px eye is as findable as a 60 px one.
    k = min(1.0, EYE_FACE_WIDTH / max(1, face.w))
    small = cv2.resize(top, (max(1, round(top.shape[1] * k)), max(1, round(top.shape[0] * k))),
                       interpolation=cv2.INTER_AREA) if k < 1.0 else top
    side = max(12, round(face.w * k) // 7)
    found = _eye_cascade().detectMultiScale(small, scaleFactor=1.1, minNeighbors=4,
                                            minSize=(side, side))
    y_off = max(0, round(face.y + 0.15 * face.h))
    x_off = max(0, face.x)
    centres = [(x_off + (x + ew / 2) / k, y_off + (y + eh / 2) / k) for x, y, ew, eh in found]
    mid = face.x + face.w / 2
    left = [c for c in centres if c[0] < mid]
    right = [c for c in centres if c[0] >= mid]
    if not left or not right:
        return guess
    a = min(left, key=lambda c: abs(c[0] - guess[0][0]) + abs(c[1] - guess[0][1]))
    b = min(right, key=lambda c: abs(c[0] - guess[1][0]) + abs(c[1] - guess[1][1]))
    if abs(a[1] - b[1]) > 0.15 * face.h or not 0.2 * face.w < b[0] - a[0] < 0.6 * face.w:
        return guess
    return a, b


def _dark_row(lab: Frame, level: float, share: float) -> bool:
    """Some row of ``lab`` is mostly darker than ``level`` (a frame's bar or rim)."""
    if lab.size == 0:
        return False
    dark = lab[..., 0] < level
    return bool((dark.mean(axis=1) >= share).any())


def accessory_problems(frame: Frame, face: Box,
                       rules: PortraitRules = PortraitRules()) -> list[Problem]:
    """HAT and/or GLASSES for the one face in a colour frame (see the module docstring).
    Pure geometry over the face box plus the eye cascade; a box partly off the frame or
    too small to judge gives nothing."""
    import numpy as np

    if face.w < 40 or face.h < 40:
        return []
    # Only the face box is looked at: cut it out first (clipped to the frame) and move the
    # box into its coordinates, so the colour conversion costs the face, not the frame.
    fh, fw = frame.shape[:2]
    x0, y0 = max(0, face.x), max(0, face.y)
    x1, y1 = min(fw, face.x + face.w), min(fh, face.y + face.h)
    if x1 - x0 < 40 or y1 - y0 < 40:
        return []
    frame = frame[y0:y1, x0:x1]
    face = Box(face.x - x0, face.y - y0, face.w, face.h)
    lab = cv2.cvtColor(frame, cv2.COLOR_BGR2LAB)
    cheeks = [_patch(lab, face, 0.20, 0.32, 0.56, 0.70), _patch(lab, face, 0.68, 0.80, 0.56, 0.70)]
    skin_px = np.concatenate([c.reshape(-1, 3) for c in cheeks if c.size])  \
        if any(c.size for c in cheeks) else None
    if skin_px is None or len(skin_px) < 20:
        return []
    m = np.median(skin_px, axis=0)
    skin = (float(m[0]), float(m[1]), float(m[2]))
    out: list[Problem] = []
    forehead = _patch(lab, face, 0.38, 0.62, 0.08, 0.22)
    if forehead.size:
        share = float((_lab_distance(forehead, skin) < rules.skin_distance).mean())
        if share < rules.min_forehead_skin:
            out.append(Problem.HAT)
    (lx, ly), (rx, ry) = _eyes(grey(frame), face)
    level = rules.dark_level * skin[0]
    h, w = lab.shape[:2]

    def box_at(cx: float, cy: float, half_w: float, y0: float, y1: float) -> Frame:
        ax, bx = max(0, round(cx - half_w)), min(w, round(cx + half_w))
        ay, by = max(0, round(cy + y0)), min(h, round(cy + y1))
        return lab[ay:by, ax:bx] if ax < bx and ay < by else lab[0:0, 0:0]

    eye_y = (ly + ry) / 2
    bridge = box_at((lx + rx) / 2, eye_y, 0.04 * face.w, -0.06 * face.h, 0.03 * face.h)
    rims = [box_at(x, y, 0.08 * face.w, 0.06 * face.h, 0.16 * face.h)
            for x, y in ((lx, ly), (rx, ry))]
    if _dark_row(bridge, level, 0.75) and any(
            _dark_row(r, level, rules.dark_share) for r in rims):
        out.append(Problem.GLASSES)
    return out


@lru_cache(maxsize=1)
def _cascade() -> Any:
    # cv2.data is not in OpenCV's type stubs
    path = str(getattr(cv2, "data").haarcascades) + FACE_CASCADE  # noqa: B009
    clf = cv2.CascadeClassifier(path)
    if clf.empty():
        raise CameraError(f"Haar cascade missing or unreadable: {path} (needs "
                          "opencv-python-headless 4.x, which ships cv2.data.haarcascades)")
    return clf


@lru_cache(maxsize=1)
def _eye_cascade() -> Any:
    path = str(getattr(cv2, "data").haarcascades) + EYE_CASCADE  # noqa: B009
    clf = cv2.CascadeClassifier(path)
    if clf.empty():
        raise CameraError(f"Haar cascade missing or unreadable: {path}")
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
