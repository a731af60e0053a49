"""Document capture (高拍仪 use): find the page, straighten it, crop, and encode it.

``capture_page`` is the materials step's path (legibility-first bytes, devices/camera/
encode.py: a text page is ~15-20 KB); ``capture_document`` is the older one (a JPEG fitted
under a byte budget, default 300 KB), kept as the benchmark's baseline.

Pure functions on frames; the camera driver only supplies the frame.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import cv2
import numpy as np

from devices.camera.camera import CameraError
from devices.camera.encode import Encoded, PageRules, encode_page
from devices.camera.quality import Frame, grey

DEFAULT_MAX_BYTES = 300_000
Quad = np.ndarray[Any, np.dtype[np.float32]]


@dataclass(frozen=True)
class DocumentScan:
    jpeg: bytes
    width: int
    height: int
    outline_found: bool  # False: no page edge seen, the whole frame was kept
    quality: int

    def __repr__(self) -> str:
        return (f"DocumentScan({self.width}x{self.height}, {len(self.jpeg)} bytes, "
                f"outline_found={self.outline_found}, quality={self.quality})")


def order_corners(pts: Quad) -> Quad:
    """Top-left, top-right, bottom-right, bottom-left."""
    pts = pts.reshape(4, 2).astype(np.float32)
    s = pts.sum(axis=1)
    d = np.diff(pts, axis=1).ravel()
    return np.array([pts[np.argmin(s)], pts[np.argmin(d)], pts[np.argmax(s)],
                     pts[np.argmax(d)]], dtype=np.float32)


def find_page(frame: Frame, min_area: float = 0.2) -> Quad | None:
    """The largest convex four-sided outline covering at least ``min_area`` of the frame."""
    g = cv2.GaussianBlur(grey(frame), (5, 5), 0)
    edges = cv2.Canny(g, 50, 150)
    edges = cv2.dilate(edges, np.ones((3, 3), np.uint8))
    contours, _ = cv2.findContours(edges, cv2.RETR_LIST, cv2.CHAIN_APPROX_SIMPLE)
    h, w = g.shape[:2]
    best: Quad | None = None
    best_area = min_area * w * h
    for c in contours:
        peri = cv2.arcLength(c, True)
        approx = cv2.approxPolyDP(c, 0.02 * peri, True)
        area = cv2.contourArea(approx)
        if len(approx) == 4 and cv2.isContourConvex(approx) and area > best_area:
            best, best_area = order_corners(approx.astype(np.float32)), area
    return best


def straighten(frame: Frame, quad: Quad) -> Frame:
    tl, tr, br, bl = quad
    width = int(max(np.linalg.norm(br - bl), np.linalg.norm(tr - tl)))
    height = int(max(np.linalg.norm(tr - br), np.linalg.norm(tl - bl)))
    if width < 10 or height < 10:
        raise CameraError("page outline too small to straighten")
    dst = np.array([[0, 0], [width - 1, 0], [width - 1, height - 1], [0, height - 1]],
                   dtype=np.float32)
    m = cv2.getPerspectiveTransform(quad, dst)
    return cv2.warpPerspective(frame, m, (width, height))


def jpeg_under(img: Frame, max_bytes: int = DEFAULT_MAX_BYTES) -> tuple[bytes, int, Frame]:
    """The best JPEG quality that fits (binary search 30..95); if even 30 is too big, the
    image is scaled down until it fits. Returns (jpeg, quality, image encoded)."""
    if max_bytes < 2_000:
        raise CameraError(f"JPEG budget of {max_bytes} bytes is too small for a document")
    current = img
    while True:
        lo, hi, found = 30, 95, None
        while lo <= hi:
            q = (lo + hi) // 2
            ok, buf = cv2.imencode(".jpg", current, [cv2.IMWRITE_JPEG_QUALITY, q])
            if not ok:
                raise CameraError("JPEG encoding failed")
            if len(buf) <= max_bytes:
                found, lo = (bytes(buf.tobytes()), q), q + 1
            else:
                hi = q - 1
        if found is not None:
            return found[0], found[1], current
        h, w = current.shape[:2]
        if min(h, w) < 64:
            raise CameraError(f"cannot fit the document under {max_bytes} bytes")
        current = cv2.resize(current, (int(w * 0.8), int(h * 0.8)), interpolation=cv2.INTER_AREA)


def capture_document(frame: Frame, max_bytes: int = DEFAULT_MAX_BYTES) -> DocumentScan:
    quad = find_page(frame)
    page = straighten(frame, quad) if quad is not None else frame
    jpeg, quality, encoded = jpeg_under(page, max_bytes)
    h, w = encoded.shape[:2]
    return DocumentScan(jpeg=jpeg, width=w, height=h, outline_found=quad is not None,
                        quality=quality)


@dataclass(frozen=True)
class PageCapture:
    """A document page as the confirmation screen shows it and the case stores it: the
    encoded bytes (``encode.Encoded``: bitonal PNG, grey or colour JPEG) and whether a page
    outline was found (False: the whole frame was kept, the screen should offer 重拍)."""

    page: Encoded
    outline_found: bool
    outline: tuple[tuple[float, float], ...] | None  # corners in the still's pixels


def capture_page(still: Frame, rules: PageRules | None = None) -> PageCapture:
    """The still taken when auto-capture fired (or on 拍照): find the page, straighten it,
    encode it for legibility under the page budget (devices/camera/encode.py)."""
    quad = find_page(still)
    page = straighten(still, quad) if quad is not None else still
    enc = encode_page(page, rules or PageRules())
    corners = None if quad is None else tuple((float(x), float(y)) for x, y in quad)
    return PageCapture(enc, quad is not None, corners)
