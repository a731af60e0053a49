"""受理回执: the paper a resident takes home, as an 80 mm thermal-roll PDF.

Only masked identity goes on paper (receipts get left on counters). The QR carries the
case number inside a query URL so both the terminal's scanner and a phone can use it.
"""

from __future__ import annotations

import datetime as dt
import threading
from dataclasses import dataclass
from pathlib import Path

import qrcode
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen import canvas

from kiosk.cases import STATUS_WORDS, Case
from kiosk.fonts import cjk_font_path
from kiosk.identity import mask_id_number, mask_name

FONT = "KioskCJK"
WIDTH = 80 * mm
MARGIN = 4 * mm
HOTLINE = "政务服务便民热线：12345"

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
class ReceiptContext:
    terminal_id: str
    region_name: str
    query_url: str  # with "{no}" where the case number goes


def query_payload(ctx: ReceiptContext, case: Case) -> str:
    return ctx.query_url.format(no=case.display_no)


def _wrap(text: str, size: float, width: float) -> list[str]:
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


def render_receipt(case: Case, ctx: ReceiptContext, out: Path,
                   printed_at: dt.datetime | None = None) -> Path:
    _ensure_font()
    printed_at = printed_at or dt.datetime.now()
    inner = WIDTH - 2 * MARGIN
    body: list[tuple[str, float]] = []  # (text, font size)

    def add(text: str, size: float = 9) -> None:
        body.extend((line, size) for line in _wrap(text, size, inner))

    add("办件编号：" if case.platform_no else "临时编号（联网后更新为办件编号）：")
    add(case.display_no, 10.5)  # on its own line so it is never broken
    add("办理事项：")
    for i, item in enumerate(case.items, start=1):
        add(f"{i}. {item.name}")
    add(f"申请人：{mask_name(case.applicant.name)}")
    add(f"身份证号：{mask_id_number(case.applicant.id_number)}")
    add(f"状态：{STATUS_WORDS[case.status]}")
    add(f"受理地点：{ctx.region_name}")
    add(f"终端编号：{case.terminal_id}")
    add(f"打印时间：{printed_at:%Y-%m-%d %H:%M}")
    qr_size = 34 * mm
    line_h = 1.45
    height = (MARGIN + 14 + 6 + sum(s * line_h for _, s in body) + 6 + qr_size + 8
              + 2 * 9 * line_h + MARGIN)

    out.parent.mkdir(parents=True, exist_ok=True)
    c = canvas.Canvas(str(out), pagesize=(WIDTH, height))
    c.setTitle(f"受理回执 {case.display_no}")
    c.setAuthor("village-kiosk")
    y = height - MARGIN - 14
    c.setFont(FONT, 14)
    c.drawCentredString(WIDTH / 2, y, "受理回执")
    y -= 6
    c.line(MARGIN, y, WIDTH - MARGIN, y)
    for text, size in body:
        y -= size * line_h
        c.setFont(FONT, size)
        c.drawString(MARGIN, y, text)
    y -= 6 + qr_size
    _draw_qr(c, query_payload(ctx, case), (WIDTH - qr_size) / 2, y, qr_size)
    c.setFont(FONT, 8)
    y -= 10
    c.drawCentredString(WIDTH / 2, y, "扫码或在自助终端“办件查询”查看进度")
    y -= 9 * line_h
    c.drawCentredString(WIDTH / 2, y, HOTLINE)
    c.showPage()
    c.save()
    return out


def _draw_qr(c: canvas.Canvas, data: str, x: float, y: float, size: float) -> None:
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
