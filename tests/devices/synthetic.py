"""Pictures for the camera tests, drawn with OpenCV: no camera or photo files needed.

The drawn face is simple but has what OpenCV's frontal-face Haar cascade looks for (dark
brows and eyes over lighter cheeks, a nose shadow, a mouth), and the real cascade finds it
at every scale used here — so the tests run the real detector, not a stand-in.
"""

from __future__ import annotations

from pathlib import Path

import cv2
import numpy as np
import qrcode
from cv2.typing import MatLike

BACKGROUND = (150, 160, 165)


def room(w: int = 640, h: int = 480) -> MatLike:
    return np.full((h, w, 3), BACKGROUND, np.uint8)


def sensor_noise(img: MatLike, sigma: float = 4.0, seed: int = 0) -> MatLike:
    """What every real frame has; the sharpness rule measures it along with the edges."""
    rng = np.random.default_rng(seed)
    noisy = img.astype(np.float32) + rng.normal(0, sigma, size=img.shape)
    return np.clip(noisy, 0, 255).astype(np.uint8)


def draw_face(img: MatLike, cx: int, cy: int, s: float = 1.0) -> MatLike:
    def p(dx: float, dy: float) -> tuple[int, int]:
        return int(cx + dx * s), int(cy + dy * s)

    def r(a: float, b: float) -> tuple[int, int]:
        return int(a * s), int(b * s)

    cv2.ellipse(img, p(0, -10), r(105, 135), 0, 0, 360, (40, 40, 45), -1)      # hair
    cv2.ellipse(img, p(0, 10), r(90, 120), 0, 0, 360, (150, 175, 215), -1)     # skin
    for dx in (-38, 38):
        cv2.ellipse(img, p(dx, -25), r(24, 7), 0, 0, 360, (50, 50, 60), -1)     # brow
        cv2.ellipse(img, p(dx, -5), r(18, 9), 0, 0, 360, (245, 245, 245), -1)  # eye
        cv2.circle(img, p(dx, -5), int(7 * s), (30, 30, 30), -1)
    cv2.ellipse(img, p(0, 30), r(12, 8), 0, 0, 360, (110, 130, 175), -1)       # nose
    cv2.ellipse(img, p(0, 65), r(30, 9), 0, 0, 360, (80, 80, 150), -1)         # mouth
    region = img[max(0, int(cy - 160 * s)):int(cy + 150 * s),
                 max(0, int(cx - 120 * s)):int(cx + 120 * s)]
    region[:] = cv2.GaussianBlur(region, (0, 0), 1.5 * s)
    return img


def portrait(cx: int = 320, cy: int = 240, s: float = 1.0, seed: int = 0) -> MatLike:
    return sensor_noise(draw_face(room(), cx, cy, s), seed=seed)


PAGE_SIZE = (780, 1100)  # w, h: A4 proportions


def document_on_table(angle: float = 8.0, keystone: float = 0.0, w: int = 1280,
                      h: int = 960) -> MatLike:
    """A white A4 page with text lines on a dark desk, turned by ``angle`` degrees;
    ``keystone`` > 0 narrows its far edge as a camera looking at it obliquely would."""
    pw, ph = PAGE_SIZE
    page = np.full((ph, pw, 3), 250, np.uint8)
    for i in range(24):
        cv2.putText(page, f"LINE {i:02d} SHENQING BIAO 2026", (60, 90 + i * 40),
                    cv2.FONT_HERSHEY_SIMPLEX, 0.9, (30, 30, 30), 2)
    desk = np.full((h, w, 3), (40, 60, 80), np.uint8)
    src = np.float32([[0, 0], [pw - 1, 0], [pw - 1, ph - 1], [0, ph - 1]])
    k = 0.7 * h / ph
    corners = np.float32([[-pw / 2 * (1 - keystone), -ph / 2], [pw / 2 * (1 - keystone), -ph / 2],
                          [pw / 2, ph / 2], [-pw / 2, ph / 2]]) * k
    a = np.radians(angle)
    rot = np.float32([[np.cos(a), -np.sin(a)], [np.sin(a), np.cos(a)]])
    dst = (corners @ rot.T + np.float32([w / 2, h / 2])).astype(np.float32)
    m = cv2.getPerspectiveTransform(src, dst)
    warped = cv2.warpPerspective(page, m, (w, h))
    mask = cv2.warpPerspective(np.full(page.shape[:2], 255, np.uint8), m, (w, h))
    desk[mask > 0] = warped[mask > 0]
    return desk


def qr_image(text: str, box: int = 6) -> MatLike:
    q = qrcode.QRCode(border=4, box_size=box)
    q.add_data(text)
    q.make(fit=True)
    arr = np.array(q.make_image(fill_color="black", back_color="white").convert("L"))
    return cv2.cvtColor(arr, cv2.COLOR_GRAY2BGR)


def receipt_with_qr(text: str) -> MatLike:
    """A receipt held up to the camera: paper with a QR code, on a wall."""
    frame = room()
    cv2.rectangle(frame, (170, 40), (470, 440), (245, 245, 245), -1)
    code = qr_image(text, box=5)
    h, w = code.shape[:2]
    y, x = 240 - h // 2, 320 - w // 2
    frame[y:y + h, x:x + w] = code
    return frame


def write_video(path: Path, frames: list[MatLike], fps: float = 15.0) -> Path:
    h, w = frames[0].shape[:2]
    # FFV1 is lossless: the frames read back are the frames drawn, noise included.
    out = cv2.VideoWriter(str(path), cv2.VideoWriter_fourcc(*"FFV1"), fps, (w, h))
    if not out.isOpened():
        raise RuntimeError(f"cannot write {path}")
    for f in frames:
        out.write(f)
    out.release()
    return path
