"""Touch signatures for 告知承诺: kept as vector strokes (exact, small, re-renderable at any
size for paper) and as a PNG (what the platform and a human reviewer open)."""

from __future__ import annotations

import io
import itertools
import math
from collections.abc import Sequence
from dataclasses import dataclass

from PIL import Image, ImageDraw

Point = tuple[float, float]


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


def signature_problem(sig: Signature) -> str | None:
    """Why this is not accepted as a signature, in words for the resident, or None."""
    if sig.width <= 0 or sig.height <= 0:
        return "签名区域无效，请联系工作人员"
    points = [p for s in sig.strokes for p in s]
    if not points:
        return "请在签名框内签上您的名字"
    if any(not (math.isfinite(x) and math.isfinite(y)) for x, y in points):
        return "签名数据有误，请重新签名"
    if any(x < -1 or y < -1 or x > sig.width + 1 or y > sig.height + 1 for x, y in points):
        return "签名超出了签名框，请重新签名"
    if sig.ink_length < 0.15 * max(sig.width, sig.height):
        return "签名太短，请签上完整的名字"
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
