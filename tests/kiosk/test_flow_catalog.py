"""Every item and every bundle of the shipped catalog, card to receipt, through the flow.

The cases are enumerated from the catalog, so an item added tomorrow is driven by this
test tomorrow: sample answers come from its questions, form values from its fields' JSON
Schema and widgets (kiosk.samples), and the visit must end with the case queued in the real
store and a receipt PDF that a person (poppler) can read. Counter-only items must open
their guide and print their checklist, and must say why they cannot be filed here.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from devices.printer.mock import MockPrinter
from kiosk.app import Kiosk
from kiosk.catalog import load_catalog
from kiosk.catalog.model import Bundle, SelfService
from kiosk.config import Config
from kiosk.flow import Screen, Step
from kiosk.flow.guide import items_of
from kiosk.flow.views import GuideView, ProblemView
from kiosk.forms.bundle import subject_maps
from kiosk.identity import mask_id_number, mask_name
from kiosk.samples import VisitFailed, sample_card, sample_cards, scripted_visit
from tests.kiosk.test_flow_ways_out import leaks
from tests.pdfread import pdf_qr_texts, pdf_text

CATALOG = load_catalog()
ITEMS = [i.code for i in CATALOG.items if i.self_service is not SelfService.COUNTER]
COUNTER = [i.code for i in CATALOG.items if i.self_service is SelfService.COUNTER]
BUNDLES = [b.code for b in CATALOG.bundles]
TODAY = dt.date(2026, 11, 26)  # a Thursday inside the holiday calendar


@pytest.fixture
def kiosk(cfg: Config) -> Iterator[Kiosk]:
    k = Kiosk.open(cfg)
    k.flow.today = lambda: TODAY
    yield k
    k.close()


def _no_identity_on_screen(card_name: str, card_id: str) -> Callable[[Screen], None]:
    def check(s: Screen) -> None:
        found = leaks(s, (card_name, card_id))
        assert not found, f"{s.step.value} shows identity unmasked at {found}"
    return check


def _finish(kiosk: Kiosk, code: str, card_born: dt.date, last: bool, tmp: Path) -> None:
    card = sample_card(card_born)
    receipt = tmp / "receipt.pdf"
    try:
        result = scripted_visit(kiosk.flow, code, card, last=last, receipt=receipt,
                                on_screen=_no_identity_on_screen(card.name, card.id_number))
    except VisitFailed as exc:
        pytest.fail(f"{code}: {exc}")
    assert result.submitted
    steps = [s.step for s in result.screens]
    for needed in (Step.FIND_SERVICE, Step.SEARCH, Step.GUIDE, Step.CHECK_ANSWERS,
                   Step.DONE):
        assert needed in steps, f"{code} never showed {needed.value}"
    done = result.screens[-1]
    assert done.step is Step.DONE and done.view.printed  # type: ignore[union-attr]
    cases = kiosk.flow.visit.cases
    entry = CATALOG.get(code)
    assert entry is not None
    expected = items_of(CATALOG, entry, {**kiosk.flow.current_answers(), **result.answers})
    filed = [ci.code for c in cases for ci in c.items]
    assert sorted(filed) == sorted(i.code for i in expected)
    if isinstance(entry, Bundle):
        assert len(cases) == len(expected) >= 1
        assert len({c.bundle_no for c in cases}) == 1 and cases[0].bundle_no
    # queued in the real store, exactly these cases
    queued = {r["record_id"] for r in kiosk.store.outbox_rows() if r["kind"] == "submission"}
    assert {c.id for c in cases} <= queued
    for c in cases:
        stored = kiosk.store.get_case(c.id)
        assert stored.applicant.id_number == card.id_number
    # a case filed for someone else (the newborn) names them as its subject
    maps = subject_maps(expected, entry if isinstance(entry, Bundle) else None)
    for c in cases:
        full = kiosk.store.with_details(kiosk.store.get_case(c.id))
        m = maps.get(c.items[0].code)
        assert (full.subject is None) == (m is None), c.items[0].code
        if full.subject is not None and m is not None:
            asked = m.fields["name"] if m.fields["name"] in full.form else "name"
            assert full.subject.name == full.form[asked] != card.name
    # ... and the screens say so: 核对信息 lists whose each item is, 提交成功 each case's
    whose = {c.items[0].name: (f"为{m.label}{mask_name(sub.name)}办理" if (
        m := maps.get(c.items[0].code)) and (sub := kiosk.store.with_details(
            kiosk.store.get_case(c.id)).subject) else "") for c in cases}
    check = next(s.view for s in reversed(result.screens) if s.step is Step.CHECK_ANSWERS)
    assert list(check.for_whom) == [f"{name}：{w}" for name, w in whose.items() if w]  # type: ignore[union-attr]
    lines = done.view.cases  # type: ignore[union-attr]
    assert {"、".join(ln.items): ln.for_whom for ln in lines} == whose
    for ln in lines:
        assert card.name not in ln.for_whom
    if code == "LOCAL-YJS-0001":  # the newborn's bundle: its three items are the child's
        assert sum(1 for w in whose.values() if w.startswith("为新生儿")) == 3, whose
    # the receipt, read back as a person would
    text = pdf_text(receipt).replace(" ", "")
    assert cases[0].display_no in text
    assert mask_id_number(card.id_number) in text and card.id_number not in text
    assert any(cases[0].display_no in q for q in pdf_qr_texts(receipt))
    if isinstance(entry, Bundle):
        assert cases[0].bundle_no and cases[0].bundle_no in text
        for sibling in cases[1:]:
            assert sibling.display_no in text
    printed = list((kiosk.config.mock_dir / "printed").glob("*.pdf")) \
        if (kiosk.config.mock_dir / "printed").exists() else []
    assert printed, "the mock printer received nothing"


@pytest.mark.parametrize("last", [False, True], ids=["first-answers", "other-answers"])
@pytest.mark.parametrize("code", ITEMS)
def test_every_item_is_finished_from_card_to_receipt(kiosk: Kiosk, code: str, last: bool,
                                                     tmp_path: Path) -> None:
    _finish(kiosk, code, dt.date(1950, 3, 12), last, tmp_path)


@pytest.mark.parametrize("code", BUNDLES)
def test_every_bundle_is_finished_with_one_bundle_number(kiosk: Kiosk, code: str,
                                                         tmp_path: Path) -> None:
    _finish(kiosk, code, dt.date(1940, 3, 12), False, tmp_path)


@pytest.mark.parametrize("code", COUNTER)
def test_counter_items_open_their_guide_print_a_checklist_and_say_where_to_go(
        kiosk: Kiosk, code: str, tmp_path: Path) -> None:
    f = kiosk.flow
    item = CATALOG.item(code)
    result = scripted_visit(f, code, sample_card())
    assert not result.submitted
    guide = next(s.view for s in result.screens if s.step is Step.GUIDE)
    assert isinstance(guide, GuideView)
    assert not guide.can_apply and item.accepting_body in guide.counter_note
    assert guide.materials and guide.conditions and guide.promised_time
    pdf = f.checklist_pdf(tmp_path / "checklist.pdf")
    text = pdf_text(pdf).replace(" ", "")
    assert "材料清单" in text and item.name[:8] in text
    s = f.print_checklist(tmp_path / "printed.pdf")
    assert s.step is Step.CHECKLIST and s.view.printed  # type: ignore[union-attr]
    s = f.apply()
    assert s.step is Step.PROBLEM and isinstance(s.view, ProblemView)
    assert s.view.problem.kind == "counter_only"
    assert item.accepting_body in s.view.problem.words
    assert s.view.problem.retry is Step.CHECKLIST
    assert kiosk.store.outbox_rows() == []


@pytest.mark.parametrize("kind", sorted(sample_cards()))
def test_each_card_kind_starts_a_visit_and_files_a_case(kiosk: Kiosk, kind: str,
                                                        tmp_path: Path) -> None:
    card = sample_cards()[kind]
    try:
        result = scripted_visit(kiosk.flow, "LOCAL-RS-0002", card,
                                receipt=tmp_path / "r.pdf")
    except VisitFailed as exc:
        pytest.fail(f"{kind}: {exc}")
    assert result.submitted
    assert kiosk.flow.visit.cases[0].applicant.id_number == card.id_number


def test_an_out_of_paper_printer_shows_the_number_and_qr_text_large(kiosk: Kiosk,
                                                                     tmp_path: Path) -> None:
    MockPrinter(kiosk.config.mock_dir).set_sheets(0)
    f = kiosk.flow
    try:
        scripted_visit(f, "LOCAL-RS-0002", sample_card(), receipt=tmp_path / "r.pdf")
    except VisitFailed as exc:
        pytest.fail(str(exc))
    s = f.screen()
    assert s.step is Step.PRINT_PROBLEM
    case = f.visit.cases[0]
    assert s.view.case_no == case.display_no  # type: ignore[union-attr]
    assert s.view.qr_text.endswith("/q/" + case.display_no)  # type: ignore[union-attr]
    assert s.view.problem.kind == "printer_out_of_paper"  # type: ignore[union-attr]
    assert (tmp_path / "r.pdf").exists()  # rendered, kept for a reprint
    MockPrinter(kiosk.config.mock_dir).set_sheets(10)
    s = f.retry()
    assert s.step is Step.DONE and s.view.printed  # type: ignore[union-attr]
