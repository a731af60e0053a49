"""办件查询 by card, by typed number, by the receipt's QR text; reprint; 补正; 好差评."""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from devices.idcard import CardRead
from kiosk.app import Kiosk
from kiosk.config import Config
from kiosk.flow import Step
from kiosk.flow.views import CorrectionView, QueryView, RateView
from kiosk.receipts import query_payload
from kiosk.samples import sample_card, scripted_visit
from sync.protocol import CaseStatus as WireCaseStatus
from tests.pdfread import pdf_text

TODAY = dt.date(2026, 11, 26)
CARD = sample_card(dt.date(1940, 3, 12))


@pytest.fixture
def kiosk(cfg: Config) -> Iterator[Kiosk]:
    k = Kiosk.open(cfg)
    k.flow.today = lambda: TODAY
    yield k
    k.close()


def _accepted_then_sent_back(k: Kiosk) -> None:
    """The platform acknowledged every queued case, then asked for 补正."""
    for n, item in enumerate(k.store.due_items(time.time() + 10, 20)):
        no = f"4201022026{n:06d}"
        k.store.mark_sent(item, {"platform_no": no})
        k.store.apply_statuses([WireCaseStatus(platform_no=no, status="needs_correction",
                                               updated_at="2026-12-01T09:00:00Z")])


def test_query_by_card_reprint_and_correction_list(kiosk: Kiosk, tmp_path: Path) -> None:
    f = kiosk.flow
    scripted_visit(f, "LOCAL-MZ-0002", CARD)  # bank book: shown at the counter
    f.home()
    _accepted_then_sent_back(kiosk)
    f.start("query")
    s = f.on_card(CardRead(CARD))
    assert isinstance(s.view, QueryView) and s.view.how == "card"
    row = s.view.rows[0]
    assert row.needs_correction and row.can_reprint and row.items == ("困难残疾人生活补贴申请",)
    s = f.open_correction(row.index)
    assert isinstance(s.view, CorrectionView)
    names = [m.name for m in s.view.missing]
    assert "本人银行卡或存折" in names
    assert s.view.lines[2].endswith("（一次性告知）：")
    s = f.print_correction(tmp_path / "correction.pdf")
    assert isinstance(s.view, CorrectionView) and s.view.printed
    text = pdf_text(tmp_path / "correction.pdf").replace(" ", "")
    assert "本人银行卡或存折" in text and "一次性告知" in text
    assert f.back().step is Step.QUERY_RESULT
    s = f.reprint(row.index, tmp_path / "again.pdf")
    assert s.step is Step.QUERY_RESULT
    assert row.case_no in pdf_text(tmp_path / "again.pdf")
    s = f.rate_row(row.index)
    assert isinstance(s.view, RateView) and s.view.case_no == row.case_no


def test_query_by_typed_bundle_number_and_by_qr_text(kiosk: Kiosk) -> None:
    f = kiosk.flow
    scripted_visit(f, "LOCAL-YJS-0002", CARD)
    cases = list(f.visit.cases)
    bundle_no = cases[0].bundle_no
    assert bundle_no and len(cases) >= 2
    f.home()
    f.start_query_number()
    s = f.query_number(bundle_no)
    assert isinstance(s.view, QueryView)
    assert sorted(r.case_no for r in s.view.rows) == sorted(c.display_no for c in cases)
    assert all(CARD.name not in str(r) for r in s.view.rows)
    f.home()
    f.start_query_number()  # the digit pad types digits only: the letters are put back
    s = f.query_number("".join(ch for ch in bundle_no.split("-YJS-", 1)[1] if ch.isdigit()))
    assert isinstance(s.view, QueryView)
    assert sorted(r.case_no for r in s.view.rows) == sorted(c.display_no for c in cases)
    f.home()
    f.start_query_number()
    assert f.open_scan().step is Step.QUERY_SCAN and f.screen().hook  # camera: issue 14
    s = f.scan_payload(query_payload(kiosk.receipt_context, cases[1]))
    assert isinstance(s.view, QueryView) and cases[1].display_no in [r.case_no
                                                                      for r in s.view.rows]


def test_rating_after_the_case_a_poor_one_needs_a_reason_and_a_phone(kiosk: Kiosk) -> None:
    f = kiosk.flow
    scripted_visit(f, "LOCAL-RS-0002", CARD)
    s = f.rate()
    assert isinstance(s.view, RateView) and s.view.skippable and s.view.level == 0
    s = f.choose_level(1)
    assert isinstance(s.view, RateView) and s.view.needs_phone and s.view.reasons
    s = f.submit_rating(1, [], "")
    assert isinstance(s.view, RateView) and "原因" in s.view.error and "手机" in s.view.error
    s = f.submit_rating(1, ["等待时间长"], "13800138000")
    assert s.step is Step.RATED and s.auto_next_s > 0
    assert kiosk.store.outbox_rows()[-1]["kind"] == "rating"


def test_rating_from_home_rates_the_newest_case(kiosk: Kiosk) -> None:
    f = kiosk.flow
    scripted_visit(f, "LOCAL-RS-0002", CARD)
    newest = f.visit.cases[0].display_no
    f.home()
    f.start("rate")
    s = f.on_card(CardRead(CARD))
    assert isinstance(s.view, RateView) and s.view.case_no == newest
