"""Drawing text and QR codes into PDFs with the embedded CJK font; no content rules here."""

from __future__ import annotations

import threading
from dataclasses import dataclass

import qrcode
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen import canvas

from kiosk.fonts import cjk_font_path

FONT = "KioskCJK"

_font_lock = threading.Lock()
_font_ready = False


def _ensure_font() -> None:
    """Registers the CJK font once per process (about 0.25 s, too slow per receipt)."""
    global _font_ready
    with _font_lock:
        if not _font_ready:
            path = cjk_font_path()
            kwargs = {"subfontIndex": 0} if path.suffix == ".ttc" else {}
            pdfmetrics.registerFont(TTFont(FONT, str(path), **kwargs))
            _font_ready = True


@dataclass(frozen=True)
class Line:
    text: str
    size: float = 9
    bold: bool = False  # drawn twice, offset, since the CJK font has no bold face
    centred: bool = False
    keep: bool = False  # never wrapped (numbers a person copies)
    rule_before: bool = False


def wrap(text: str, size: float, width: float) -> list[str]:
    lines, cur = [], ""
    for ch in text:
        if pdfmetrics.stringWidth(cur + ch, FONT, size) > width and cur:
            lines.append(cur)
            cur = ch
        else:
            cur += ch
    if cur:
        lines.append(cur)
    return lines or [""]


def draw_qr(c: canvas.Canvas, data: str, x: float, y: float, size: float) -> None:
    """Draws the QR as vector squares: sharp at any printer resolution."""
    qr = qrcode.QRCode(error_correction=qrcode.constants.ERROR_CORRECT_M, border=2)
    qr.add_data(data)
    qr.make(fit=True)
    matrix = qr.get_matrix()
    n = len(matrix)
    cell = size / n
    c.setFillColorRGB(0, 0, 0)
    for r, row in enumerate(matrix):
        for col, dark in enumerate(row):
            if dark:
                c.rect(x + col * cell, y + (n - 1 - r) * cell, cell, cell, stroke=0, fill=1)


def draw_line(c: canvas.Canvas, line: Line, x: float, y: float, width: float) -> None:
    c.setFont(FONT, line.size)
    for dx in ((0.0, 0.25) if line.bold else (0.0,)):
        if line.centred:
            c.drawCentredString(x + width / 2 + dx, y, line.text)
        else:
            c.drawString(x + dx, y, line.text)
