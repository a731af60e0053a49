"""A legibility check for document encoding: text rendered onto a synthetic A5 page at a
realistic print size, "photographed" through a 高拍仪 (perspective, uneven light, lens
blur, sensor noise, the camera's own JPEG), then compared back at the original resolution.

Two measures: pixel agreement of the text mask (F1 of ink pixels, each side allowed to miss
its partner by ``tol`` px at 300 dpi = 0.25 mm), and, when Debian's tesseract with chi_sim
is installed, OCR character accuracy against the rendered text.
"""

from __future__ import annotations

import difflib
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import cv2
import numpy as np
from cv2.typing import MatLike
from PIL import Image, ImageDraw, ImageFont

from devices.camera import scenes

FONT = "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc"
DPI = 300
A5_PX = (round(148 / 25.4 * DPI), round(210 / 25.4 * DPI))  # 1748 x 2480
LINES = (
    "居民户口簿 常住人口登记卡",
    "姓名 张三 性别 男 民族 汉族",
    "出生日期 1958年3月12日",
    "住址 某某县某某镇某某村三组十二号",
    "公民身份号码 510123195803120011",
    "服务处所 某某县农业合作社",
    "兵役状况 未服兵役 婚姻状况 已婚",
    "何时由何地迁来本址 1980年 本县城关镇",
    "承办人签章 登记日期 2026年11月26日",
    "困难残疾人生活补贴 申请材料 第一页",
)


@dataclass(frozen=True)
class TruthPage:
    image: MatLike  # BGR, 300 dpi
    ink: MatLike  # bool mask of the text
    text: str


@lru_cache(maxsize=2)
def text_page(pt: float = 10.5) -> TruthPage:
    """A5 at 300 dpi, black text at ``pt`` points (五号 = 10.5 pt, 3.7 mm) on white."""
    w, h = A5_PX
    img = Image.new("L", (w, h), 255)
    draw = ImageDraw.Draw(img)
    size = round(pt / 72 * DPI)
    font = ImageFont.truetype(FONT, size, index=0)
    y = round(18 / 25.4 * DPI)
    for line in LINES:
        draw.text((round(14 / 25.4 * DPI), y), line, font=font, fill=0)
        y += round(size * 2.0)
    arr = np.array(img)
    return TruthPage(cv2.cvtColor(arr, cv2.COLOR_GRAY2BGR), arr < 128, "\n".join(LINES))


def photograph(page: MatLike, frame_size: tuple[int, int] = (2592, 1944), seed: int = 0,
               blur: float = 1.0, noise: float = 4.0) -> MatLike:
    """The page on a desk under a 5 MP 高拍仪: turned, keystoned, lit unevenly, through a
    slightly soft lens, with sensor noise, saved by the camera as JPEG q90."""
    w, h = frame_size
    frame = np.full((h, w, 3), scenes.DESK, np.uint8)
    scenes.place(frame, page, (w / 2, h / 2), 0.88, angle=4.0, keystone=0.05)
    light = np.linspace(0.78, 1.0, w, dtype=np.float32)[None, :, None]
    frame = np.clip(frame.astype(np.float32) * light, 0, 255).astype(np.uint8)
    frame = cv2.GaussianBlur(frame, (0, 0), blur)
    frame = scenes.noise(frame, noise, seed)
    ok, buf = cv2.imencode(".jpg", frame, [cv2.IMWRITE_JPEG_QUALITY, 90])
    assert ok
    out = cv2.imdecode(buf, cv2.IMREAD_COLOR)
    assert out is not None
    return out


def ink_of(decoded: MatLike) -> MatLike:
    """Ink mask of a decoded page at the truth's resolution (flattened, Otsu)."""
    from devices.camera.encode import flatten

    g = decoded if decoded.ndim == 2 else cv2.cvtColor(decoded, cv2.COLOR_BGR2GRAY)
    g = cv2.resize(g, A5_PX, interpolation=cv2.INTER_LINEAR)
    _, mask = cv2.threshold(flatten(g), 0, 255, cv2.THRESH_BINARY + cv2.THRESH_OTSU)
    return np.asarray(mask < 128)


def text_f1(truth: MatLike, got: MatLike, tol: int = 3) -> float:
    k = cv2.getStructuringElement(cv2.MORPH_ELLIPSE, (2 * tol + 1, 2 * tol + 1))
    t8, g8 = truth.astype(np.uint8), got.astype(np.uint8)
    near_t, near_g = cv2.dilate(t8, k) > 0, cv2.dilate(g8, k) > 0
    precision = float((got & near_t).sum()) / max(1, int(got.sum()))
    recall = float((truth & near_g).sum()) / max(1, int(truth.sum()))
    return 0.0 if precision + recall == 0 else 2 * precision * recall / (precision + recall)


def have_ocr() -> bool:
    if shutil.which("tesseract") is None:
        return False
    out = subprocess.run(["tesseract", "--list-langs"], capture_output=True, text=True)
    return "chi_sim" in out.stdout


def ocr_accuracy(decoded: MatLike, truth: str) -> float:
    """Character accuracy (difflib ratio, spaces ignored) of tesseract chi_sim on the page
    brought to 300 dpi."""
    g = decoded if decoded.ndim == 2 else cv2.cvtColor(decoded, cv2.COLOR_BGR2GRAY)
    g = cv2.resize(g, A5_PX, interpolation=cv2.INTER_CUBIC)
    with tempfile.TemporaryDirectory() as d:
        p = Path(d) / "page.png"
        cv2.imwrite(str(p), g)
        out = subprocess.run(["tesseract", str(p), "-", "-l", "chi_sim", "--psm", "6"],
                             capture_output=True, text=True, timeout=120)
    def norm(s: str) -> str:
        return "".join(s.split())
    return difflib.SequenceMatcher(None, norm(out.stdout), norm(truth)).ratio()
