"""Bytes for the village uplink: document pages encoded for legibility, portraits at the
size the platform asks for.

A page photo is mostly paper and ink. After flattening the light (dividing by a blurred
copy of the page), a page whose pixels are nearly all paper or ink is sent **bitonal**
(adaptive threshold, 1-bit PNG: lossless, tiny for text, opened by anything); a page with
photos or grey areas goes **grey**, and one with colour that matters (a red 公章, a coloured
certificate) **colour** — both as JPEG at the best quality under the budget. Resolution is
what reading needs, not what the sensor gives: an A5 page at 200 dpi (grey, colour) or
thresholded at 300 dpi (bitonal).

Codecs: only JPEG and PNG are produced by default, because the platform contract
(sync/protocol.py) carries attachments as bytes with no media type and a county's viewer
surely opens those two. ``codecs=("webp",)`` opts in to WebP where a platform is known to
take it (OpenCV 4.14 headless writes WebP and AVIF; not JPEG XL).

The e-photo spec in the catalog (``e_photo``): 358×441 px JPEG, 14–40 KB.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum

import cv2
import numpy as np

from devices.camera.camera import CameraError, Image
from devices.camera.quality import Box, grey

A5_LONG_MM = 210.0
PAGE_MAX_BYTES = 100_000
PORTRAIT_SIZE = (358, 441)  # w, h: the catalog's 电子证件照
PORTRAIT_MAX_BYTES = 40_000
PORTRAIT_MIN_BYTES = 14_000


class PageMode(StrEnum):
    BITONAL = "bitonal"
    GREY = "grey"
    COLOUR = "colour"


MEDIA_TYPES = {"png": "image/png", "jpeg": "image/jpeg", "webp": "image/webp"}


@dataclass(frozen=True)
class Encoded:
    data: bytes
    media_type: str
    width: int
    height: int
    mode: str  # bitonal / grey / colour / portrait
    quality: int = 0  # JPEG/WebP quality used; 0 for lossless

    def __repr__(self) -> str:
        return (f"Encoded({self.media_type}, {self.mode}, {self.width}x{self.height}, "
                f"{len(self.data)} bytes, q={self.quality})")


@dataclass(frozen=True)
class PageRules:
    dpi: float = 200.0  # grey / colour pages
    # Bitonal pages are thresholded at 300 dpi, enlarging a 200 dpi crop if need be: ink
    # edges decided on the finer grid read better (OCR 96 -> 98 % on 9 pt text in the
    # benchmark) for a few KB more.
    bitonal_dpi: float = 300.0
    long_side_mm: float = A5_LONG_MM  # the page's real long side (A5 by default)
    max_bytes: int = PAGE_MAX_BYTES
    # Judged on the flattened page: share of pixels neither paper nor ink, and share of
    # clearly coloured pixels (saturation and not paper).
    max_midtones: float = 0.06
    max_colour: float = 0.004
    block_mm: float = 4.0  # adaptive threshold neighbourhood
    offset: int = 14  # how much darker than its neighbourhood a pixel must be to be ink
    codecs: Sequence[str] = ("png", "jpeg")


def flatten(grey_img: Image, reach: int = 30) -> Image:
    """Paper to ~255 whatever the lamp did: divide by the page's background (a closed,
    blurred copy, which keeps the paper and drops the ink). Dark areas wider than
    1/``reach`` of the page count as background: a small reach keeps photos dark. The
    background is smooth, so it is found on a small copy (the big closing is what costs)
    and scaled back up."""
    h, w = grey_img.shape[:2]
    f = max(1, min(h, w) // reach // 11)  # the closing then needs only an ~11 px kernel
    small = cv2.resize(grey_img, (max(1, w // f), max(1, h // f)),
                       interpolation=cv2.INTER_AREA) if f > 1 else grey_img
    k = max(3, (min(small.shape[:2]) // reach) | 1)
    bg = cv2.morphologyEx(small, cv2.MORPH_CLOSE, cv2.getStructuringElement(
        cv2.MORPH_ELLIPSE, (k, k)))
    bg = cv2.GaussianBlur(bg, (0, 0), k / 3)
    if f > 1:
        bg = cv2.resize(bg, (w, h), interpolation=cv2.INTER_LINEAR)
    out = cv2.divide(grey_img, np.maximum(bg, 1), scale=255)
    return np.asarray(out, np.uint8)


def page_mode(page: Image, rules: PageRules = PageRules()) -> PageMode:
    """Which encoding the page allows (see the module docstring)."""
    small = cv2.resize(page, (256, round(256 * page.shape[0] / page.shape[1])),
                       interpolation=cv2.INTER_AREA)
    if small.ndim == 3:
        hsv = cv2.cvtColor(small, cv2.COLOR_BGR2HSV)
        coloured = (hsv[..., 1] > 90) & (hsv[..., 2] > 60)
        if float(coloured.mean()) > rules.max_colour:
            return PageMode.COLOUR
    flat = flatten(grey(small), reach=2)  # a photo on the page must stay a photo
    mid = (flat > 90) & (flat < 200)
    return PageMode.GREY if float(mid.mean()) > rules.max_midtones else PageMode.BITONAL


def at_dpi(page: Image, long_side_mm: float, dpi: float, enlarge: bool = False) -> Image:
    """Scaled so its long side is ``long_side_mm`` at ``dpi`` (enlarged only if asked)."""
    h, w = page.shape[:2]
    k = long_side_mm / 25.4 * dpi / max(h, w)
    if not enlarge:
        k = min(1.0, k)
    if abs(k - 1.0) < 1e-3:
        return page
    return cv2.resize(page, (round(w * k), round(h * k)),
                      interpolation=cv2.INTER_AREA if k < 1 else cv2.INTER_CUBIC)


def bitonal(page: Image, rules: PageRules = PageRules()) -> Image:
    """Ink 0, paper 255, by an adaptive threshold on the flattened page."""
    flat = flatten(grey(page))
    px_per_mm = max(page.shape[:2]) / rules.long_side_mm
    block = max(11, int(rules.block_mm * px_per_mm) | 1)
    flat = cv2.medianBlur(flat, 3)
    out = cv2.adaptiveThreshold(flat, 255, cv2.ADAPTIVE_THRESH_MEAN_C,  # box: fast, as legible
                                cv2.THRESH_BINARY, block, rules.offset)
    return np.asarray(out, np.uint8)


def _imencode(ext: str, img: Image, params: list[int]) -> bytes:
    ok, buf = cv2.imencode(ext, img, params)
    if not ok:
        raise CameraError(f"{ext} encoding failed")
    return bytes(buf.tobytes())


def _lossy_under(img: Image, max_bytes: int, codec: str) -> tuple[bytes, int] | None:
    """Best quality (25..92) that fits, by binary search; None when even 25 does not."""
    ext, key = (".webp", cv2.IMWRITE_WEBP_QUALITY) if codec == "webp" \
        else (".jpg", cv2.IMWRITE_JPEG_QUALITY)
    extra = [cv2.IMWRITE_JPEG_OPTIMIZE, 1] if codec == "jpeg" else []
    lo, hi, best = 25, 92, None
    while lo <= hi:
        q = (lo + hi) // 2
        data = _imencode(ext, img, [key, q, *extra])
        if len(data) <= max_bytes:
            best, lo = (data, q), q + 1
        else:
            hi = q - 1
    return best


def _bitonal_bytes(img: Image, codecs: Sequence[str]) -> tuple[bytes, str]:
    options = []
    if "png" in codecs:
        options.append((_imencode(".png", img, [cv2.IMWRITE_PNG_BILEVEL, 1,
                                                cv2.IMWRITE_PNG_COMPRESSION, 9]), "png"))
    if "webp" in codecs:
        options.append((_imencode(".webp", img, [cv2.IMWRITE_WEBP_QUALITY, 101]), "webp"))
    if not options:
        raise CameraError("no lossless codec allowed for a bitonal page (png or webp)")
    return min(options, key=lambda o: len(o[0]))


def encode_page(page: Image, rules: PageRules = PageRules(),
                mode: PageMode | None = None) -> Encoded:
    """A straightened page (``document.straighten``'s output) as the bytes to send: the
    mode the page allows (or ``mode``), at the rules' dpi, under ``max_bytes`` — shrinking
    the resolution step by step only when the budget demands it."""
    if page.size == 0 or min(page.shape[:2]) < 16:
        raise CameraError("page image too small to encode")
    if rules.max_bytes < 4_000:
        raise CameraError(f"page budget of {rules.max_bytes} bytes is too small")
    mode = mode or page_mode(page, rules)
    img = at_dpi(page, rules.long_side_mm, rules.bitonal_dpi, enlarge=True) \
        if mode is PageMode.BITONAL else at_dpi(page, rules.long_side_mm, rules.dpi)
    lossy = [c for c in rules.codecs if c in ("jpeg", "webp")]
    while True:
        h, w = img.shape[:2]
        if mode is PageMode.BITONAL:
            data, codec = _bitonal_bytes(bitonal(img, rules), rules.codecs)
            if len(data) <= rules.max_bytes:
                return Encoded(data, MEDIA_TYPES[codec], w, h, mode.value)
        else:
            src = grey(img) if mode is PageMode.GREY else img
            fits = [(r, c) for c in lossy if (r := _lossy_under(src, rules.max_bytes, c))]
            if fits:
                (data, q), codec = max(fits, key=lambda f: f[0][1])
                return Encoded(data, MEDIA_TYPES[codec], w, h, mode.value, q)
            if not lossy:
                raise CameraError("no lossy codec allowed for a grey or colour page")
        if min(h, w) < 200:
            raise CameraError(f"cannot fit the page under {rules.max_bytes} bytes")
        img = cv2.resize(img, (round(w * 0.85), round(h * 0.85)), interpolation=cv2.INTER_AREA)


def portrait_crop(frame: Image, face: Box, size: tuple[int, int] = PORTRAIT_SIZE) -> Image:
    """An ID-photo framing around a detected face: the face box (brows to mouth, as the
    Haar cascade draws it) half the picture's height, centred, a little above
    the middle; edges replicated where the crop runs off the frame."""
    w, h = size
    ch = face.h / 0.5
    cw = ch * w / h
    cx, cy = face.centre
    x0, y0 = round(cx - cw / 2), round(cy - 0.42 * ch)
    pad = int(max(ch, cw))
    big = cv2.copyMakeBorder(frame, pad, pad, pad, pad, cv2.BORDER_REPLICATE)
    crop = big[y0 + pad:y0 + pad + round(ch), x0 + pad:x0 + pad + round(cw)]
    interp = cv2.INTER_AREA if crop.shape[0] > h else cv2.INTER_CUBIC
    return np.ascontiguousarray(cv2.resize(crop, (w, h), interpolation=interp))


def encode_portrait(frame: Image, face: Box, size: tuple[int, int] = PORTRAIT_SIZE,
                    max_bytes: int = PORTRAIT_MAX_BYTES) -> Encoded:
    """The 电子证件照: cropped around ``face`` to ``size``, JPEG at the best quality under
    ``max_bytes``. (The white background the spec asks for is not made here: the terminal
    photographs against its own backdrop.)"""
    crop = portrait_crop(frame, face, size)
    found = _lossy_under(crop, max_bytes, "jpeg")
    if found is None:
        raise CameraError(f"cannot fit the portrait under {max_bytes} bytes")
    data, q = found
    return Encoded(data, MEDIA_TYPES["jpeg"], size[0], size[1], "portrait", q)
