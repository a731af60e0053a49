"""Receipt rendering: median time for an 80 mm receipt, against a bare reportlab page with
the same text and no QR (the baseline, measured in the same run)."""

from __future__ import annotations

import datetime as dt
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from reportlab.pdfgen import canvas

from devices.idcard import IdCard
from kiosk.cases import Case, CaseItem, CaseStatus
from kiosk.identity import gb11643_check_char
from kiosk.receipts import FONT, WIDTH, ReceiptContext, _ensure_font, render_receipt
from kiosk.session import applicant_from_card


def _case() -> Case:
    first17 = "42010219500312002"
    card = IdCard(name="张桂兰", id_number=first17 + gb11643_check_char(first17), sex_code="2",
                  nation_code="01", birth_date=dt.date(1950, 3, 12), address="示范社区8号",
                  issuer="", valid_from=dt.date(2016, 5, 1), valid_until=None)
    return Case(id="b", local_no="VK-1-20261126-00001", status=CaseStatus.ACCEPTED,
                terminal_id="VK-1", region_code="420102001001",
                applicant=applicant_from_card(card),
                items=(CaseItem("A", "城乡居民基本养老保险参保登记"),), form={},
                created_at="", platform_no="42010220261126000001")


def _median(fn: Callable[[], object], n: int) -> float:
    times = []
    for _ in range(n):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return statistics.median(times)


def run(quick: bool) -> list[str]:
    n = 10 if quick else 50
    _ensure_font()
    case = _case()
    ctx = ReceiptContext("VK-1", "示范社区", "http://county.example/q/{no}")
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "r.pdf"

        def bare() -> None:
            c = canvas.Canvas(str(out), pagesize=(WIDTH, 400))
            c.setFont(FONT, 9)
            for i in range(12):
                c.drawString(10, 380 - i * 14, f"办件编号 {case.platform_no} 第{i}行")
            c.save()

        base = _median(bare, n)
        real = _median(lambda: render_receipt(case, ctx, out), n)
        a4 = _median(lambda: render_receipt(case, ctx, out, layout="a4"), n)
    return [f"receipt render median {real * 1000:.1f} ms; bare text page {base * 1000:.1f} ms;"
            f" ratio {real / base:.2f}x",
            f"A4 receipt render median {a4 * 1000:.1f} ms; ratio to the bare page "
            f"{a4 / base:.2f}x"]
