"""受理回执 (80 mm thermal roll or A4) and the printable materials checklist.

``render_receipt(case, ctx, out)`` and ``ReceiptContext`` stay importable from here for
the app, the demo, the tests and the benchmark.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from pathlib import Path

from kiosk.cases import Case
from kiosk.receipts.content import ReceiptContext, footer_lines, query_payload, receipt_lines
from kiosk.receipts.layouts import MARGIN, WIDTH, render_a4, render_roll
from kiosk.receipts.pdf import FONT, Line, _ensure_font

HOTLINE = "政务服务便民热线：12345"
LAYOUTS = ("80mm", "a4")

PLATFORM_RECEIPT_LANGUAGES: tuple[str, ...] = ("zh_CN",)
"""The languages the county platform takes a 受理回执 in. Its contract (sync/openapi.json,
1.5) names none: a case is filed, numbered and answered in Chinese, and the receipt is the
terminal's print of that acceptance — the paper a resident shows at a counter, and which a
clerk must read. So a receipt stays Chinese whatever language the visit's screens were in
(the screen says so); a contract that lists another language adds it here, and
``receipt_language`` then lets the visit's choice through."""


def receipt_language(chosen: str,
                     accepted: Sequence[str] = PLATFORM_RECEIPT_LANGUAGES) -> str:
    """The language a receipt is printed in: the visit's, where the platform accepts it;
    Chinese otherwise."""
    return chosen if chosen in accepted else "zh_CN"

__all__ = ["FONT", "HOTLINE", "LAYOUTS", "MARGIN", "PLATFORM_RECEIPT_LANGUAGES", "WIDTH",
           "ReceiptContext", "_ensure_font", "query_payload", "receipt_language",
           "render_checklist", "render_correction", "render_receipt"]


def render_receipt(case: Case, ctx: ReceiptContext, out: Path,
                   printed_at: dt.datetime | None = None, layout: str = "80mm",
                   siblings: Sequence[Case] = ()) -> Path:
    """``siblings``: the other cases of the same 一件事, listed with their numbers."""
    body = receipt_lines(case, ctx, printed_at or dt.datetime.now(), siblings)
    title = f"受理回执 {case.display_no}"
    draw = render_a4 if layout == "a4" else render_roll
    if layout not in LAYOUTS:
        raise ValueError(f"layout must be one of {', '.join(LAYOUTS)}")
    return draw(title, body, footer_lines(ctx), query_payload(ctx, case), out)


def render_checklist(lines: Sequence[str], out: Path, layout: str = "80mm",
                     hotline: str = "12345", title: str = "材料清单") -> Path:
    """The tailored 材料清单 on its own page, from ``kiosk.guide.checklist.checklist_lines``
    (``title``: the document's own name, e.g. 补正材料清单 for ``render_correction``)."""
    if layout not in LAYOUTS:
        raise ValueError(f"layout must be one of {', '.join(LAYOUTS)}")
    body = [Line(lines[0], 10.5, bold=True)] + [
        Line(t, 8.5 if t.startswith("   ") else 9) for t in lines[1:]]
    footer = [Line(f"政务服务便民热线：{hotline}", 8, centred=True)]
    draw = render_a4 if layout == "a4" else render_roll
    return draw(title, body, footer, None, out)


def render_correction(lines: Sequence[str], out: Path, layout: str = "80mm",
                      hotline: str = "12345") -> Path:
    """The 补正 list (一次性告知) as ``kiosk.flow``'s CORRECTION view words it: every
    entry of the platform's list and every 容缺 material still owed, nothing cut."""
    return render_checklist(lines, out, layout, hotline, title="补正材料清单")
