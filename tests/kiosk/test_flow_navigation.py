"""Moving through the visit: back through the history, 修改 and straight back, guards."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator

import pytest

from devices.idcard import CardRead
from kiosk.app import Kiosk
from kiosk.config import Config
from kiosk.flow import UNKNOWN, FlowError, ResidentFlow, Screen, Step
from kiosk.flow.views import (
    CheckAnswersView,
    ChecklistView,
    FindServiceView,
    FormView,
    QuestionView,
    SearchView,
)
from kiosk.samples import sample_card, sample_signature, sample_values

TODAY = dt.date(2026, 11, 26)
CARD = sample_card()


@pytest.fixture
def kiosk(cfg: Config) -> Iterator[Kiosk]:
    k = Kiosk.open(cfg)
    k.flow.today = lambda: TODAY
    yield k
    k.close()


def _with_card(k: Kiosk) -> ResidentFlow:
    f = k.flow
    f.start("service")
    assert f.on_card(CardRead(CARD)).step is Step.FIND_SERVICE
    return f


def _fill(f: ResidentFlow, s: Screen) -> Screen:
    assert isinstance(s.view, FormView)
    ids = [x.id for x in s.view.fields if not x.read_only]
    s = f.continue_form(sample_values(f.catalog, ids, TODAY))
    return f.continue_materials() if s.step is Step.MATERIALS else s  # originals: counter


def test_back_from_a_category_and_from_search_results_returns_to_find_service(
        kiosk: Kiosk) -> None:
    f = _with_card(kiosk)
    assert f.open_category("minzheng").step is Step.CATEGORY
    assert f.back().step is Step.FIND_SERVICE
    s = f.search("gaoling")
    assert s.step is Step.SEARCH
    assert isinstance(s.view, SearchView)
    codes = [r.code for r in s.view.results]
    assert "LOCAL-MZ-0001" in codes  # 高龄津贴 by its pinyin
    kinds = [r.kind for r in s.view.results]
    assert kinds == sorted(kinds, key=lambda k: k != "bundle")  # 一件事 first
    assert f.back().step is Step.FIND_SERVICE
    assert not f.screen().back  # the card screen is not in the history: home is the way


def test_find_service_lists_bundles_first_and_categories_from_the_catalog(kiosk: Kiosk) -> None:
    view = _with_card(kiosk).screen().view
    assert isinstance(view, FindServiceView)
    assert [b.code for b in view.bundles] == [b.code for b in kiosk.catalog.bundles]
    names = [c.name for c in view.categories]
    for expected in ("社保", "医保", "民政", "户籍", "卫健", "农业农村"):
        assert expected in names
    assert sum(c.count for c in view.categories) == len(kiosk.catalog.items)
    found = kiosk.flow.search("出生").view
    assert isinstance(found, SearchView) and found.results[0].kind == "bundle"


def test_back_through_questions_keeps_the_answers_given(kiosk: Kiosk) -> None:
    f = _with_card(kiosk)
    f.open_entry("LOCAL-MZ-0004")
    s = f.apply()
    assert isinstance(s.view, QuestionView) and s.view.id == "proxy" and s.view.number == 1
    s = f.answer("no")
    assert isinstance(s.view, QuestionView) and s.view.id == "use_commitment"
    s = f.back()
    assert isinstance(s.view, QuestionView) and s.view.id == "proxy"
    assert s.view.current == "no"
    assert f.back().step is Step.GUIDE


def test_an_unknown_answer_makes_its_materials_depend_on_it_in_the_checklist(
        kiosk: Kiosk) -> None:
    f = kiosk.flow
    f.browse()  # no card needed for the guide and the checklist
    f.open_entry("LOCAL-MZ-0004")
    s = f.start_questions()
    s = f.answer("no")
    s = f.answer(UNKNOWN)  # 告知承诺? 不清楚
    while s.step is Step.QUESTION:
        s = f.answer("no")
    assert isinstance(s.view, ChecklistView)
    row = next(r for r in s.view.rows if r.name.startswith("家庭收入和财产状况声明"))
    assert row.necessity == "视情形提供"
    assert any("告知承诺" in p for p in s.view.pending)
    with pytest.raises(FlowError):
        f.go(Step.FORM, "0")  # the form needs the card


def test_applying_without_a_card_asks_for_it_and_then_goes_on(kiosk: Kiosk) -> None:
    f = kiosk.flow
    f.browse()
    f.open_entry("LOCAL-RS-0002")
    assert f.apply().step is Step.INSERT_CARD
    s = f.on_card(CardRead(CARD))
    assert s.step is Step.FORM and s.masked_name == "张**"


def test_back_between_form_pages_keeps_what_was_typed(kiosk: Kiosk) -> None:
    f = _with_card(kiosk)
    f.open_entry("LOCAL-MZ-0004")
    s = f.apply()
    while s.step is Step.QUESTION:
        s = f.answer("no")
    s = f.apply()
    assert isinstance(s.view, FormView) and s.view.page == 1 and s.view.pages == 2
    typed = {x.id: sample_values(f.catalog, [x.id], TODAY)[x.id] for x in s.view.fields}
    s = f.continue_form(typed)
    assert isinstance(s.view, FormView) and s.view.page == 2
    s = f.back()
    assert isinstance(s.view, FormView) and s.view.page == 1
    assert {x.id: x.value for x in s.view.fields} == typed


def test_form_errors_come_on_continue_with_a_summary_and_keep_the_text(kiosk: Kiosk) -> None:
    f = _with_card(kiosk)
    f.open_entry("LOCAL-RS-0002")
    s = f.apply()
    assert isinstance(s.view, FormView) and s.view.errors == ()
    s = f.continue_form({"phone": "1380013"})
    assert isinstance(s.view, FormView) and s.step is Step.FORM
    assert [e.field for e in s.view.errors] == ["phone"]
    field = next(x for x in s.view.fields if x.id == "phone")
    assert field.value == "1380013" and field.error == s.view.errors[0].message
    assert {x.id for x in s.view.from_card} >= {"name", "id_number"}
    assert all(CARD.name not in x.value and CARD.id_number not in x.value
               for x in s.view.from_card)


def test_a_change_returns_to_check_answers(kiosk: Kiosk) -> None:
    f = _with_card(kiosk)
    f.open_entry("LOCAL-MZ-0001")
    s = f.apply()
    s = f.answer("no")
    s = f.apply()
    while s.step is Step.FORM:
        s = _fill(f, s)
    assert isinstance(s.view, CheckAnswersView)
    assert all(r.changeable for r in s.view.fields if r.source != "来自身份证")
    s = f.change("phone")
    assert isinstance(s.view, FormView) and s.view.returning_to_check
    s = f.continue_form({"phone": "13912345678"})
    assert isinstance(s.view, CheckAnswersView)
    assert next(r.value for r in s.view.fields if r.key == "phone") == "13912345678"
    # changing an answer that asks for more: the new fields first, then back again
    s = f.change("q:proxy")
    assert s.step is Step.QUESTION
    s = f.answer("yes")
    assert isinstance(s.view, FormView)
    assert {e.field for e in s.view.errors} == {"proxy_name", "proxy_id_number"}
    s = _fill(f, s)
    assert isinstance(s.view, CheckAnswersView)
    assert {"proxy_name", "proxy_id_number"} <= {r.key for r in s.view.fields}


def test_done_has_no_way_back_and_wrong_actions_are_refused(kiosk: Kiosk) -> None:
    from kiosk.samples import scripted_visit

    f = kiosk.flow
    with pytest.raises(FlowError):
        f.submit()
    scripted_visit(f, "LOCAL-RS-0002", CARD)
    s = f.screen()
    assert s.step is Step.DONE and not s.back and s.home
    with pytest.raises(FlowError):
        f.back()
    with pytest.raises(FlowError):
        f.go(Step.CHECK_ANSWERS)


def test_check_answers_needs_consent_and_the_pledges_before_submitting(kiosk: Kiosk) -> None:
    f = _with_card(kiosk)
    f.open_entry("LOCAL-MZ-0002")
    s = f.apply()
    s = f.answer("no")
    s = f.apply()
    while s.step is Step.FORM:
        s = _fill(f, s)
    assert isinstance(s.view, CheckAnswersView)
    assert s.view.privacy_notice and s.view.needs_consent and not s.view.can_submit
    assert [c.title for c in s.view.commitments] == ["诚信承诺"]
    assert s.view.deferral_text  # 容缺 shown as text where a material allows it
    s = f.submit()
    assert s.step is Step.PROBLEM and s.view.problem.kind == "not_confirmed"  # type: ignore[union-attr]
    s = f.retry()
    assert s.step is Step.CHECK_ANSWERS
    f.consent(True)
    s = f.confirm_commitment("honesty")
    assert s.step is Step.SIGN  # a touch opens the pad; it confirms nothing by itself
    s = f.sign(*sample_signature())
    assert isinstance(s.view, CheckAnswersView) and s.view.can_submit
    bank = next(m for m in s.view.materials if m.ref == "bank_book")
    assert bank.deferrable_days and not bank.deferred
    s = f.defer("bank_book")
    assert next(m for m in s.view.materials if m.ref == "bank_book").status.startswith(  # type: ignore[union-attr]
        "容缺后补")
    s = f.submit()
    assert s.step is Step.DONE
    events = [e for e in kiosk.store.audit_events() if e["action"] == "commitment.confirmed"]
    assert events and json.loads(events[0]["detail"])["signature"] == "signed"


def test_a_bundle_whose_answers_need_a_counter_item_says_so_before_the_form(
        kiosk: Kiosk) -> None:
    f = _with_card(kiosk)
    f.open_entry("LOCAL-YJS-0003")  # 残疾人服务一件事
    s = f.apply()
    while s.step is Step.QUESTION:  # no 残疾人证 yet: it must be applied for at a counter
        s = f.answer("no")
    assert isinstance(s.view, ChecklistView)
    assert "残疾人证新办" in s.view.items and not s.view.can_apply
    assert "残疾人联合会" in s.view.counter_note or "残联" in s.view.counter_note
    s = f.apply()
    assert s.step is Step.PROBLEM and s.view.problem.kind == "counter_only"  # type: ignore[union-attr]
    assert f.retry().step is Step.CHECKLIST
    with pytest.raises(FlowError):
        f.go(Step.FORM, "0")


def test_search_answers_chinese_pinyin_and_initials(kiosk: Kiosk) -> None:
    f = _with_card(kiosk)
    for query in ("养老保险", "yanglao", "ylbx"):
        s = f.search(query)
        assert isinstance(s.view, SearchView)
        assert "LOCAL-RS-0001" in [r.code for r in s.view.results], query
        f.back()


def test_categories_come_from_the_code_then_the_department() -> None:
    from dataclasses import replace

    from kiosk.catalog import load_catalog
    from kiosk.catalog.categories import category_of

    item = load_catalog().item("LOCAL-MZ-0001")
    assert category_of(item).name == "民政"
    assert category_of(replace(item, code="CITY-0042")).name == "民政"  # from 民政部门
    assert category_of(replace(item, code="CITY-0043", department="文化旅游局")).name == "其他"


def test_the_card_poll_builds_the_search_index_off_the_gui_thread(
        kiosk: Kiosk, cfg: Config, monkeypatch: pytest.MonkeyPatch) -> None:
    import kiosk.catalog.search as search
    from devices.idcard.mock import MockCardReader

    built: list[int] = []
    real = search.SearchIndex

    class Counting(real):  # type: ignore[misc, valid-type]
        def __init__(self, catalog: object) -> None:
            built.append(1)
            super().__init__(catalog)  # type: ignore[arg-type]

    monkeypatch.setattr(search, "SearchIndex", Counting)
    f = kiosk.flow
    f.start("service")
    MockCardReader(cfg.mock_dir).insert(CARD)
    assert f.poll_card().step is Step.FIND_SERVICE  # the device call (worker thread)
    assert built == [1]
    f.search("ylbx")  # the touch on the GUI thread finds it ready
    assert built == [1]


def test_the_card_block_says_the_nation_in_words_and_the_form_names_its_item(
        kiosk: Kiosk) -> None:
    """The card stores 民族 as a code ("01"); a resident reads 汉族. The heading names the
    item once: 临时救助申请 must not become 填写临时救助申请申请."""
    f = _with_card(kiosk)
    f.open_entry("LOCAL-RS-0001")  # its form asks nation_code, filled from the card
    s = f.apply()
    while s.step is Step.QUESTION:
        s = f.answer("no")
    if s.step is Step.CHECKLIST:
        s = f.apply()
    assert isinstance(s.view, FormView)
    assert s.view.title.startswith("填写申请表：城乡居民基本养老保险参保登记")
    nation = next(x for x in s.view.from_card if x.id == "nation_code")
    assert nation.value == "汉族" and CARD.nation_code == "01"
