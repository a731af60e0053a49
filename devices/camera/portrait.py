"""What the portrait screen says while the resident faces the camera: ``check_portrait``'s
problems turned into one plain hint at a time (the most useful first), and whether 拍照
may be pressed (or the photo taken by itself).

Pure data. One hint at a time because an older resident can act on one instruction, not
on a list; the order puts first what makes the others meaningless (no light → no face →
more than one face → position → distance → stillness).

Hats and glasses come after position and distance (judged on the face where it should
be) and before stillness: 请摘下帽子, then 请摘下眼镜 (``quality.accessory_problems``).
"""

from __future__ import annotations

from dataclasses import dataclass

from devices.camera.camera import Image
from devices.camera.quality import Box, PortraitCheck, PortraitRules, Problem, check_portrait

HINTS: dict[Problem, str] = {
    Problem.TOO_DARK: "光线太暗，请到亮一点的地方",
    Problem.TOO_BRIGHT: "光线太亮，请避开强光",
    Problem.NO_FACE: "请正对镜头，把脸放在框里",
    Problem.MANY_FACES: "请只留您一人在镜头前",
    Problem.OFF_CENTRE: "请把脸放在框里",
    Problem.TOO_SMALL: "请靠近一点",
    Problem.TOO_LARGE: "请往后一点",
    Problem.HAT: "请摘下帽子",
    Problem.GLASSES: "请摘下眼镜",
    Problem.BLURRED: "请保持不动",
}
ORDER = (Problem.TOO_DARK, Problem.TOO_BRIGHT, Problem.NO_FACE, Problem.MANY_FACES,
         Problem.OFF_CENTRE, Problem.TOO_SMALL, Problem.TOO_LARGE, Problem.HAT,
         Problem.GLASSES, Problem.BLURRED)
HAT_HINT = HINTS[Problem.HAT]
RULES = PortraitRules()
READY_HINT = "很好，请保持不动"
HOLD_HINT = "很好，正在拍照，请保持不动"


@dataclass(frozen=True)
class PortraitGuide:
    hint: str  # the one sentence on screen (and for voice)
    all_hints: tuple[str, ...]  # every problem, most useful first (for 维护信息 / tests)
    ok: bool  # this frame passes every check
    face: Box | None  # to draw where the face was seen, when there is exactly one

    @property
    def can_capture(self) -> bool:
        return self.ok


def guidance(check: PortraitCheck) -> PortraitGuide:
    problems = sorted(check.problems, key=ORDER.index)
    hints = tuple(HINTS[p] for p in problems)
    face = check.faces[0] if len(check.faces) == 1 else None
    return PortraitGuide(hints[0] if hints else READY_HINT, hints, not problems, face)


def guide_oval(width: int, height: int,
               rules: PortraitRules = RULES) -> tuple[int, int, int, int]:
    """The face guide the screen draws (x, y, w, h): centred, as tall as the middle of the
    accepted face sizes, so a face inside it passes the size and centring rules."""
    fh = height * (rules.min_face_height + rules.max_face_height) / 2
    fw = fh * 0.8
    return round((width - fw) / 2), round((height - fh) / 2), round(fw), round(fh)


class PortraitGate:
    """Auto-capture for the portrait: fires when ``hold_frames`` frames in a row pass (a
    face that passes for one frame while turning is not a photo); once, until reset."""

    def __init__(self, hold_frames: int = 3, rules: PortraitRules = RULES) -> None:
        self.hold_frames, self.rules = hold_frames, rules
        self._run = 0
        self.fired = False

    def reset(self) -> None:
        self._run, self.fired = 0, False

    def feed(self, frame: Image) -> tuple[PortraitGuide, bool]:
        """(what to show, take the photo now)."""
        g = guidance(check_portrait(frame, self.rules))
        self._run = self._run + 1 if g.ok else 0
        fire = not self.fired and self._run >= self.hold_frames
        if fire:
            self.fired = True
            g = PortraitGuide(HOLD_HINT, g.all_hints, g.ok, g.face)
        return g, fire
