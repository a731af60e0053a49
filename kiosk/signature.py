"""Touch signatures for 告知承诺: kept as vector strokes (exact, small, re-renderable at any
size for paper) and as a PNG (what the platform and a human reviewer open)."""

from __future__ import annotations

import io
import itertools
import math
from collections.abc import Sequence
from dataclasses import dataclass

from PIL import Image, ImageDraw

from kiosk.cases import SignedCommitment
from kiosk.catalog.model import Commitment
from kiosk.i18n import QT_TRANSLATE_NOOP

Point = tuple[float, float]
MAX_STROKES = 200  # a name is a few dozen strokes; more is a stuck finger or a forged file
MAX_POINTS = 20_000  # after ``simplify`` a full name is a few hundred points
MIN_POINTS = 5  # fewer is a tap or a dot, not handwriting
MIN_BOX = 0.12  # the ink's bounding box, as a share of the pad's width and height


class SignatureError(ValueError):
    """The strokes cannot be a signature; the message is for the resident."""


@dataclass(frozen=True)
class Signature:
    strokes: tuple[tuple[Point, ...], ...]  # pad coordinates, origin top-left
    width: float
    height: float

    @classmethod
    def from_json(cls, d: dict[str, object]) -> Signature:
        raw = d.get("strokes")
        if not isinstance(raw, list):
            raise SignatureError("签名数据不完整，请重新签名")
        if len(raw) > MAX_STROKES or sum(len(x) if isinstance(x, list) else 1
                                         for x in raw) > MAX_POINTS:
            raise SignatureError("签名数据太多，请重新签名")
        try:
            strokes = tuple(tuple((float(p[0]), float(p[1])) for p in s) for s in raw)
            w, h = float(d["width"]), float(d["height"])  # type: ignore[arg-type]
        except (KeyError, TypeError, ValueError, IndexError) as exc:
            raise SignatureError("签名数据不完整，请重新签名") from exc
        return cls(strokes, w, h)

    def to_json(self) -> dict[str, object]:
        return {"strokes": [[list(p) for p in s] for s in self.strokes],
                "width": self.width, "height": self.height}

    @property
    def ink_length(self) -> float:
        return sum(math.dist(a, b) for s in self.strokes for a, b in itertools.pairwise(s))

    @property
    def point_count(self) -> int:
        return sum(len(s) for s in self.strokes)

    @property
    def box(self) -> tuple[float, float]:
        """Width and height of the ink's bounding box (pad units)."""
        pts = [p for s in self.strokes for p in s]
        if not pts:
            return 0.0, 0.0
        xs, ys = [p[0] for p in pts], [p[1] for p in pts]
        return max(xs) - min(xs), max(ys) - min(ys)


def simplify(strokes: Sequence[Sequence[Point]], width: float, height: float,
             min_step: float = 1.5) -> Signature:
    """The pad's raw touch points as a ``Signature``: a point closer than ``min_step`` to
    the last one kept is dropped (a finger resting makes hundreds), and empty strokes go.
    Keeps every stroke's first and last point, so a dot stays a dot."""
    out: list[tuple[Point, ...]] = []
    for s in strokes:
        kept: list[Point] = []
        for i, (x, y) in enumerate(s):
            p = (float(x), float(y))
            last = i == len(s) - 1
            if not kept or math.dist(kept[-1], p) >= min_step or (last and p != kept[-1]):
                kept.append(p)
        if kept:
            out.append(tuple(kept))
    return Signature(tuple(out), float(width), float(height))


def signature_problem(sig: Signature) -> str | None:
    """Why this is not accepted as a signature, in words for the resident, or None."""
    if sig.width <= 0 or sig.height <= 0:
        return QT_TRANSLATE_NOOP("kiosk", "签名区域无效，请联系工作人员")
    points = [p for s in sig.strokes for p in s]
    if not points:
        return QT_TRANSLATE_NOOP("kiosk", "请在签名框内签上您的名字")
    if any(not (math.isfinite(x) and math.isfinite(y)) for x, y in points):
        return QT_TRANSLATE_NOOP("kiosk", "签名数据有误，请重新签名")
    if len(sig.strokes) > MAX_STROKES or len(points) > MAX_POINTS:
        return QT_TRANSLATE_NOOP("kiosk", "签名数据太多，请重新签名")
    if any(x < -1 or y < -1 or x > sig.width + 1 or y > sig.height + 1 for x, y in points):
        return QT_TRANSLATE_NOOP("kiosk", "签名超出了签名框，请重新签名")
    if len(points) < MIN_POINTS:
        return QT_TRANSLATE_NOOP("kiosk", "签名太短，请签上完整的名字")
    bw, bh = sig.box
    wide, tall = bw >= MIN_BOX * sig.width, bh >= MIN_BOX * sig.height
    if not wide and not tall:
        return QT_TRANSLATE_NOOP("kiosk", "签名太小，请在框里写大一些")
    if wide != tall:
        return QT_TRANSLATE_NOOP("kiosk", "请签上您的名字，不要只画一条线")
    if sig.ink_length < 0.15 * max(sig.width, sig.height):
        return QT_TRANSLATE_NOOP("kiosk", "签名太短，请签上完整的名字")
    return None


def render_png(sig: Sequence[Sequence[Point]] | Signature, width: float = 0, height: float = 0,
               scale: float = 1.0) -> bytes:
    """Black strokes on white, antialiased by drawing at 2x and shrinking."""
    if isinstance(sig, Signature):
        strokes, width, height = sig.strokes, sig.width, sig.height
    else:
        strokes = tuple(tuple(s) for s in sig)
    w, h = max(1, round(width * scale)), max(1, round(height * scale))
    big = Image.new("L", (w * 2, h * 2), 255)
    draw = ImageDraw.Draw(big)
    k = 2 * scale
    pen = max(2, round(3 * k))
    for s in strokes:
        pts = [(x * k, y * k) for x, y in s]
        if len(pts) == 1:
            x, y = pts[0]
            draw.ellipse((x - pen / 2, y - pen / 2, x + pen / 2, y + pen / 2), fill=0)
        elif pts:
            draw.line(pts, fill=0, width=pen, joint="curve")
    buf = io.BytesIO()
    big.resize((w, h), Image.Resampling.LANCZOS).save(buf, format="PNG", optimize=True)
    return buf.getvalue()


def signed_commitment(item_code: str, option: Commitment, sig: Signature,
                      signed_at: str) -> SignedCommitment:
    """The 告知承诺 as the case keeps it: the exact text shown above the pad, the strokes,
    and the time — what ``services.submit`` stores in the case and renders to the
    ``signature:<option id>`` PNG attachment. Raises ``SignatureError`` with the plain
    sentence when the strokes are not a signature, so nothing unsigned is bound."""
    problem = signature_problem(sig)
    if problem is not None:
        raise SignatureError(problem)
    return SignedCommitment(item_code=item_code, option_id=option.id, title=option.title,
                            text=option.text, replaces=tuple(option.replaces),
                            strokes=sig.to_json(), signed_at=signed_at)
