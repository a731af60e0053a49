"""What the mock camera "sees": synthetic scenes drawn in code, one frame per index.

Each scene is what a materials step must handle — a page on the 高拍仪's desk (steady,
moving, blurred), a face, a phone showing an 电子证照 QR, a black lens, an empty desk — so
tests, the demo and ``kiosk demo --headless`` walk those steps with no camera and no photo
files. Every frame carries a little sensor noise, seeded by its index, as real frames do
(the sharpness rules measure it along with the edges).
"""

from __future__ import annotations

import math
from collections.abc import Callable
from functools import lru_cache

import cv2
import numpy as np
import qrcode

from devices.camera.camera import Image

DESK = (40, 60, 80)
WALL = (150, 160, 165)
A5_MM = (148, 210)
SAMPLE_ECERT_QR = "DZZZ1:DISABILITY_CERT:5101232026000123:7F3A9C2E11B04D58"


def noise(img: Image, sigma: float, seed: int) -> Image:
    rng = np.random.default_rng(seed)
    grain = np.asarray(rng.normal(0.0, sigma, size=img.shape), np.float32)
    out: Image = np.clip(np.asarray(img, np.float32) + grain, 0, 255).astype(np.uint8)
    return out


@lru_cache(maxsize=4)
def a5_page(px_per_mm: float = 4.0) -> Image:
    """A white A5 form page with a title, ruled lines and text; what a 户口簿 page or a
    certificate looks like to the page detector (dark desk around a light page)."""
    w, h = round(A5_MM[0] * px_per_mm), round(A5_MM[1] * px_per_mm)
    page = np.full((h, w, 3), 248, np.uint8)
    k = px_per_mm / 4.0
    cv2.putText(page, "HUKOU BU  -  BEN REN YE", (int(60 * k), int(70 * k)),
                cv2.FONT_HERSHEY_SIMPLEX, 0.9 * k, (20, 20, 20), max(1, round(2 * k)))
    for i in range(14):
        y = int((120 + i * 50) * k)
        cv2.line(page, (int(40 * k), y + int(12 * k)), (w - int(40 * k), y + int(12 * k)),
                 (150, 150, 150), 1)
        cv2.putText(page, f"XIANG {i:02d}: ZHANG SAN 2026-11-{i + 1:02d}", (int(50 * k), y),
                    cv2.FONT_HERSHEY_SIMPLEX, 0.55 * k, (30, 30, 30), max(1, round(1.4 * k)))
    return page


def place(canvas: Image, item: Image, centre: tuple[float, float], height_frac: float,
          angle: float = 0.0, keystone: float = 0.0) -> Image:
    """``item`` drawn onto ``canvas`` (in place) turned by ``angle`` degrees, its far edge
    narrowed by ``keystone``, sized so its height is ``height_frac`` of the canvas."""
    ch, cw = canvas.shape[:2]
    ih, iw = item.shape[:2]
    k = height_frac * ch / ih
    half = np.array([[-iw / 2 * (1 - keystone), -ih / 2], [iw / 2 * (1 - keystone), -ih / 2],
                     [iw / 2, ih / 2], [-iw / 2, ih / 2]], np.float32) * k
    a = math.radians(angle)
    rot = np.array([[math.cos(a), -math.sin(a)], [math.sin(a), math.cos(a)]], np.float32)
    dst = (half @ rot.T + np.array(centre, np.float32)).astype(np.float32)
    src = np.array([[0, 0], [iw - 1, 0], [iw - 1, ih - 1], [0, ih - 1]], np.float32)
    m = cv2.getPerspectiveTransform(src, dst)
    warped = cv2.warpPerspective(item, m, (cw, ch), flags=cv2.INTER_AREA)
    mask = cv2.warpPerspective(np.full((ih, iw), 255, np.uint8), m, (cw, ch))
    canvas[mask > 127] = warped[mask > 127]
    return canvas


def document(index: int, w: int, h: int) -> Image:
    """A page lying still on the desk, slightly turned."""
    frame = np.full((h, w, 3), DESK, np.uint8)
    place(frame, a5_page(), (w / 2, h / 2), 0.86, angle=6.0, keystone=0.04)
    return noise(frame, 3.0, index)


def moving(index: int, w: int, h: int) -> Image:
    """A page being slid and turned into place: it never stops."""
    frame = np.full((h, w, 3), DESK, np.uint8)
    t = index * 0.5
    centre = (w / 2 + 0.06 * w * math.cos(t), h / 2 + 0.05 * h * math.sin(t))
    place(frame, a5_page(), centre, 0.8, angle=6.0 + 4 * math.sin(t * 0.7))
    return noise(frame, 3.0, index)


def blurred(index: int, w: int, h: int) -> Image:
    """A steady page out of focus."""
    frame = cv2.GaussianBlur(document(index, w, h), (0, 0), 3.0 * w / 640)
    return noise(frame, 3.0, index + 7919)


def desk(index: int, w: int, h: int) -> Image:
    return noise(np.full((h, w, 3), DESK, np.uint8), 3.0, index)


def draw_face(img: Image, cx: float, cy: float, s: float) -> Image:
    """A drawn face with what the frontal-face Haar cascade looks for: dark brows and eyes
    over lighter cheeks, a nose shadow, a mouth, framed by hair."""
    def p(dx: float, dy: float) -> tuple[int, int]:
        return int(cx + dx * s), int(cy + dy * s)

    def r(a: float, b: float) -> tuple[int, int]:
        return int(a * s), int(b * s)

    cv2.ellipse(img, p(0, -10), r(105, 135), 0, 0, 360, (40, 40, 45), -1)
    cv2.ellipse(img, p(0, 10), r(90, 120), 0, 0, 360, (150, 175, 215), -1)
    for dx in (-38, 38):
        cv2.ellipse(img, p(dx, -25), r(24, 7), 0, 0, 360, (50, 50, 60), -1)
        cv2.ellipse(img, p(dx, -5), r(18, 9), 0, 0, 360, (245, 245, 245), -1)
        cv2.circle(img, p(dx, -5), max(1, int(7 * s)), (30, 30, 30), -1)
    cv2.ellipse(img, p(0, 30), r(12, 8), 0, 0, 360, (110, 130, 175), -1)
    cv2.ellipse(img, p(0, 65), r(30, 9), 0, 0, 360, (80, 80, 150), -1)
    y0, y1 = max(0, int(cy - 160 * s)), max(0, int(cy + 150 * s))
    x0, x1 = max(0, int(cx - 120 * s)), max(0, int(cx + 120 * s))
    region = img[y0:y1, x0:x1]
    if region.size:
        region[:] = cv2.GaussianBlur(region, (0, 0), 1.5 * s)
    return img


def draw_hat(img: Image, cx: float, cy: float, s: float,
             colour: tuple[int, int, int] = (40, 40, 150)) -> Image:
    """A cap over ``draw_face``'s head: the crown down to mid-forehead, a brim wider than
    the head just above the brows (what 请摘下帽子 is for)."""
    def p(dx: float, dy: float) -> tuple[int, int]:
        return int(cx + dx * s), int(cy + dy * s)

    def r(a: float, b: float) -> tuple[int, int]:
        return int(a * s), int(b * s)

    brim = tuple(max(0, c - 25) for c in colour)
    cv2.ellipse(img, p(0, -95), r(100, 70), 0, 180, 360, colour, -1)
    cv2.rectangle(img, p(-100, -95), p(100, -55), colour, -1)
    cv2.ellipse(img, p(0, -55), r(135, 14), 0, 0, 360, brim, -1)
    return _soften(img, cx, cy, s)


def draw_glasses(img: Image, cx: float, cy: float, s: float, thickness: float = 4.0) -> Image:
    """Dark-framed glasses on ``draw_face``'s eyes: two rims, the bridge, the arms."""
    def p(dx: float, dy: float) -> tuple[int, int]:
        return int(cx + dx * s), int(cy + dy * s)

    t = max(2, round(thickness * s))
    ink = (25, 25, 25)
    for dx in (-38, 38):
        cv2.ellipse(img, p(dx, -5), (int(30 * s), int(20 * s)), 0, 0, 360, ink, t)
    cv2.line(img, p(-8, -8), p(8, -8), ink, t)
    cv2.line(img, p(-68, -8), p(-90, -12), ink, t)
    cv2.line(img, p(68, -8), p(90, -12), ink, t)
    return _soften(img, cx, cy, s)


def _soften(img: Image, cx: float, cy: float, s: float) -> Image:
    """The lens blur ``draw_face`` gives the face, for what is drawn over it."""
    y0, y1 = max(0, int(cy - 170 * s)), max(0, int(cy + 150 * s))
    x0, x1 = max(0, int(cx - 140 * s)), max(0, int(cx + 140 * s))
    region = img[y0:y1, x0:x1]
    if region.size:
        region[:] = cv2.GaussianBlur(region, (0, 0), 1.0 * s)
    return img


def face_hat(index: int, w: int, h: int) -> Image:
    img = np.full((h, w, 3), WALL, np.uint8)
    draw_hat(draw_face(img, w / 2, h / 2, h / 480), w / 2, h / 2, h / 480)
    return noise(img, 4.0, index)


def face_glasses(index: int, w: int, h: int) -> Image:
    img = np.full((h, w, 3), WALL, np.uint8)
    draw_glasses(draw_face(img, w / 2, h / 2, h / 480), w / 2, h / 2, h / 480)
    return noise(img, 4.0, index)


def face(index: int, w: int, h: int) -> Image:
    """A resident centred in the frame, at a size the portrait rules accept."""
    img = np.full((h, w, 3), WALL, np.uint8)
    draw_face(img, w / 2, h / 2, h / 480)
    return noise(img, 4.0, index)


def face_far(index: int, w: int, h: int) -> Image:
    img = np.full((h, w, 3), WALL, np.uint8)
    draw_face(img, w / 2, h / 2, 0.4 * h / 480)
    return noise(img, 4.0, index)


def qr_image(text: str, box: int = 6) -> Image:
    q = qrcode.QRCode(border=4, box_size=box, error_correction=qrcode.constants.ERROR_CORRECT_M)
    q.add_data(text)
    q.make(fit=True)
    arr = np.array(q.make_image(fill_color="black", back_color="white").convert("L"))
    return np.ascontiguousarray(cv2.cvtColor(arr, cv2.COLOR_GRAY2BGR))


def phone_qr(text: str) -> Callable[[int, int, int], Image]:
    """A phone held up to the camera, its screen showing the QR code ``text``."""
    code = qr_image(text)

    def scene(index: int, w: int, h: int) -> Image:
        img = np.full((h, w, 3), WALL, np.uint8)
        ph, pw = int(0.9 * h), int(0.9 * h * 0.5)
        x0, y0 = (w - pw) // 2, (h - ph) // 2
        cv2.rectangle(img, (x0, y0), (x0 + pw, y0 + ph), (25, 25, 25), -1)
        m = max(4, pw // 14)
        cv2.rectangle(img, (x0 + m, y0 + 3 * m), (x0 + pw - m, y0 + ph - 3 * m),
                      (250, 250, 250), -1)
        side = pw - 2 * m - 4
        qr = cv2.resize(code, (side, side), interpolation=cv2.INTER_NEAREST)
        qy = y0 + (ph - side) // 2
        img[qy:qy + side, x0 + m + 2:x0 + m + 2 + side] = qr
        return noise(img, 2.0, index)

    return scene


def black(index: int, w: int, h: int) -> Image:
    """A covered lens: dark noise around black."""
    return noise(np.full((h, w, 3), 4, np.uint8), 2.0, index)


def test_card(index: int, w: int, h: int) -> Image:
    """The default: a framed card with the frame number, so a preview visibly moves."""
    frame = np.full((h, w, 3), 235, dtype=np.uint8)
    cv2.rectangle(frame, (w * 3 // 16, h // 6), (w * 13 // 16, h * 5 // 6), (90, 60, 30), 4)
    cv2.putText(frame, f"MOCK {index + 1}", (w * 19 // 64, h * 13 // 24),
                cv2.FONT_HERSHEY_SIMPLEX, 1.6 * w / 640, (90, 60, 30), 3)
    return frame


Scene = Callable[[int, int, int], Image]
SCENES: dict[str, Scene] = {
    "card": test_card, "document": document, "moving": moving, "blurred": blurred,
    "desk": desk, "face": face, "face_far": face_far, "face_hat": face_hat,
    "face_glasses": face_glasses, "black": black,
}
SCENE_NAMES = (*SCENES, "qr")


def scene(name: str, qr_text: str = SAMPLE_ECERT_QR) -> Scene:
    if name == "qr":
        return phone_qr(qr_text)
    try:
        return SCENES[name]
    except KeyError:
        raise KeyError(f"no mock camera scene {name!r}; scenes: {', '.join(SCENE_NAMES)}") \
            from None
