"""The two paper sizes: an 80 mm thermal roll (page as long as the content) and A4
(fixed pages, QR beside the title, flowing onto more pages when a checklist is long)."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from reportlab.lib.pagesizes import A4
from reportlab.lib.units import mm
from reportlab.pdfgen import canvas

from kiosk.receipts.pdf import FONT, Line, _ensure_font, draw_line, draw_qr, wrap

WIDTH = 80 * mm
MARGIN = 4 * mm
LINE_H = 1.45


def _flow(lines: Sequence[Line], width: float) -> list[Line]:
    out: list[Line] = []
    for ln in lines:
        parts = [ln.text] if ln.keep else wrap(ln.text, ln.size, width)
        for i, p in enumerate(parts):
            out.append(Line(p, ln.size, ln.bold, ln.centred, True, ln.rule_before and i == 0))
    return out


def render_roll(title: str, body: Sequence[Line], footer: Sequence[Line], qr: str | None,
                out: Path) -> Path:
    _ensure_font()
    inner = WIDTH - 2 * MARGIN
    lines = _flow(body, inner)
    qr_size = 34 * mm if qr else 0.0
    height = (MARGIN + 14 + 6 + sum(ln.size * LINE_H + (4 if ln.rule_before else 0)
                                    for ln in lines)
              + 6 + qr_size + 8 + sum(f.size * LINE_H for f in footer) + MARGIN)
    out.parent.mkdir(parents=True, exist_ok=True)
    c = canvas.Canvas(str(out), pagesize=(WIDTH, height))
    c.setTitle(title)
    c.setAuthor("village-kiosk")
    y = height - MARGIN - 14
    c.setFont(FONT, 14)
    c.drawCentredString(WIDTH / 2, y, title.split(" ")[0])
    y -= 6
    c.line(MARGIN, y, WIDTH - MARGIN, y)
    for ln in lines:
        if ln.rule_before:  # below the previous line's descenders, above this one
            y -= 4
            c.setDash(1, 2)
            c.line(MARGIN, y, WIDTH - MARGIN, y)
            c.setDash()
        y -= ln.size * LINE_H
        draw_line(c, ln, MARGIN, y, inner)
    if qr:
        y -= 6 + qr_size
        draw_qr(c, qr, (WIDTH - qr_size) / 2, y, qr_size)
    y -= 4
    for f in footer:
        y -= f.size * LINE_H
        draw_line(c, f, MARGIN, y, inner)
    c.showPage()
    c.save()
    return out


def render_a4(title: str, body: Sequence[Line], footer: Sequence[Line], qr: str | None,
              out: Path) -> Path:
    _ensure_font()
    page_w, page_h = A4
    margin = 20 * mm
    inner = page_w - 2 * margin
    scale = 1.25  # A4 is read at arm's length: larger type than the roll
    lines = _flow([Line(ln.text, ln.size * scale, ln.bold, ln.centred, ln.keep, ln.rule_before)
                   for ln in body], inner)
    out.parent.mkdir(parents=True, exist_ok=True)
    c = canvas.Canvas(str(out), pagesize=A4)
    c.setTitle(title)
    c.setAuthor("village-kiosk")
    qr_size = 38 * mm
    page = 1

    def header() -> float:
        c.setFont(FONT, 20)
        c.drawString(margin, page_h - margin - 20, title.split(" ")[0])
        top: float = page_h - margin - 20
        if qr and page == 1:
            draw_qr(c, qr, page_w - margin - qr_size, page_h - margin - qr_size, qr_size)
            top = page_h - margin - qr_size
        c.line(margin, top - 8, page_w - margin, top - 8)
        return float(top - 8)

    def foot() -> None:
        y = margin
        for f in reversed(footer):
            draw_line(c, Line(f.text, f.size * scale, f.bold, f.centred), margin, y, inner)
            y += f.size * scale * LINE_H
        c.setFont(FONT, 8)
        c.drawRightString(page_w - margin, margin - 12, f"第{page}页")

    y = header()
    bottom = margin + sum(f.size * scale * LINE_H for f in footer) + 10
    for ln in lines:
        step = ln.size * LINE_H + (4 if ln.rule_before else 0)
        if y - step < bottom:
            foot()
            c.showPage()
            page += 1
            y = header()
        if ln.rule_before:
            y -= 4
        y -= ln.size * LINE_H
        draw_line(c, ln, margin, y, inner)
    foot()
    c.showPage()
    c.save()
    return out
