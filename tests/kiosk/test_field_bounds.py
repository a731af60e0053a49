"""Every field is bounded: the catalog says so, the terminal refuses past it at entry.

(The same bounds reaching the store and the platform: tests/sync/test_field_bounds.py.)
"""

from __future__ import annotations

import dataclasses
import json
from typing import Any

import pytest

from kiosk.applications import Application, ApplicationInvalid, counter_only, plan_application
from kiosk.cases import Applicant
from kiosk.catalog import CatalogError
from kiosk.catalog.loader import ASSETS, SCHEMA_FILE, parse_catalog
from kiosk.catalog.model import FieldDef
from kiosk.config import Config
from kiosk.forms.prefill import prefill
from kiosk.forms.schema import item_form, validate
from kiosk.services import submit_application
from kiosk.session import applicant_from_card
from sync import protocol
from tests.bounds import (
    APPLICANT_OVER,
    bounded_fields,
    longest,
    longest_applicant,
    one_more,
)
from tests.conftest import make_id
from tests.devices.idcard.conftest import ALL_KINDS
from tests.kiosk.svc import TODAY, calendar, catalog, open_store, raw_catalog

SCHEMA: dict[str, Any] = json.loads((ASSETS / SCHEMA_FILE).read_text(encoding="utf-8"))


def test_every_catalog_field_has_a_bound_within_what_the_contract_carries() -> None:
    fields = catalog().fields.values()
    for f in fields:
        s = f.schema
        if s["type"] == "string":
            assert 1 <= s["maxLength"] <= protocol.FORM_VALUE_MAX_CHARS, f.id
        elif s["type"] in ("integer", "number"):
            low = s.get("minimum", s.get("exclusiveMinimum"))
            assert low is not None and low >= -protocol.FORM_NUMBER_MAX, f.id
            assert s["maximum"] <= protocol.FORM_NUMBER_MAX, f.id
    # The schema's own ceiling is the contract's, and the free-text reason uses all of it.
    field_schema = SCHEMA["$defs"]["field"]["properties"]["schema"]["properties"]
    assert field_schema["maxLength"]["maximum"] == protocol.FORM_VALUE_MAX_CHARS
    assert catalog().fields["hardship_reason"].schema["maxLength"] == 500
    # Every field at its longest at once still fits the contract's form.
    form = {f.id: longest(f) for f in fields}
    assert len(form) <= protocol.FORM_MAX_KEYS
    assert len(json.dumps(form, ensure_ascii=False).encode()) < protocol.FORM_MAX_BYTES


def test_fields_filled_from_the_card_hold_what_the_applicant_record_may() -> None:
    """A card value always fits its form field, and a form field never takes more than the
    applicant record it mirrors (name ≤ 60, address ≤ 120, number 18, date 10, code 2)."""
    expect = {"name": protocol.NAME_MAX, "address": protocol.ADDRESS_MAX, "id_number": 18,
              "birth_date": 10, "nation_code": 2}
    card_fields = {f.prefill.split(":", 1)[1]: f for f in catalog().fields.values()
                   if f.prefill and f.prefill.startswith("card:")}
    assert set(card_fields) == {*expect, "sex"}
    for attr, top in expect.items():
        assert card_fields[attr].schema["maxLength"] == top, attr
    assert set(card_fields["sex"].schema["enum"]) <= set(protocol.SEX_WORDS)


@pytest.mark.parametrize("field, drop, words", [
    ("address", "maxLength", "text field without a length bound: add schema.maxLength"),
    ("residence_basis", "maxLength", "text field without a length bound"),
    ("floors", "maximum", "number field without a range: add schema.maximum"),
    ("household_income", "minimum", "number field without a range"),
])
def test_a_field_without_its_bound_is_refused_with_a_plain_reason(field: str, drop: str,
                                                                  words: str) -> None:
    data = raw_catalog()
    del data["fields"][field]["schema"][drop]
    with pytest.raises(CatalogError) as err:
        parse_catalog(data, "catalog.json")
    assert err.value.problems[0].path == f"$.fields.{field}.schema"
    assert words in err.value.problems[0].reason
    assert words in str(err.value)


@pytest.mark.parametrize("field, change, words", [
    ("hardship_reason", {"maxLength": 501}, "more than the contract's 500 characters"),
    ("floors", {"maximum": 10**10}, "beyond the contract's ±1000000000"),
    ("name", {"minLength": 61}, "more than maxLength 60"),
    ("sex", {"maxLength": 0 + 1, "enum": ["男", "未说明"]}, "longer than maxLength 1"),
    ("floors", {"minimum": 5}, "below the minimum 5"),
])
def test_bounds_the_contract_cannot_carry_or_that_contradict_are_refused(
        field: str, change: dict[str, Any], words: str) -> None:
    """Even with a laxer schema shipped beside the catalog (the loader prefers it)."""
    lax = json.loads(json.dumps(SCHEMA))
    props = lax["$defs"]["field"]["properties"]["schema"]["properties"]
    for key in ("maxLength", "maximum", "minimum"):
        props[key].pop("maximum", None)
        props[key].pop("minimum", None)
    data = raw_catalog()
    data["fields"][field]["schema"].update(change)
    with pytest.raises(CatalogError) as err:
        parse_catalog(data, "catalog.json", lax)
    assert any(words in p.reason and p.path.startswith(f"$.fields.{field}.schema")
               for p in err.value.problems), err.value.problems


def _item_with(field: str) -> str:
    """An item the terminal files that asks ``field`` (counter-only items are refused
    before their form is checked); a counter-only item when only such an item asks it."""
    asking = [it for it in catalog().items if field in it.form.fields]
    return next((it for it in asking if not counter_only([it])), asking[0]).code


def _longest_values(code: str) -> dict[str, Any]:
    item = catalog().item(code)
    return {f: longest(catalog().fields[f]) for f in item.form.fields}


def _photos(code: str) -> dict[str, tuple[bytes, ...]]:
    return {m.ref: (b"jpeg",) for m in catalog().item(code).materials}


@pytest.mark.parametrize("field", [f.id for f in bounded_fields(catalog())])
def test_one_past_any_field_bound_is_refused_at_entry_naming_the_field(field: str) -> None:
    f: FieldDef = catalog().fields[field]
    code = _item_with(field)
    values = _longest_values(code)
    if counter_only([catalog().item(code)]):  # filed at a counter: the printed form's check
        form = item_form(catalog(), catalog().item(code))
        assert validate(catalog(), form, values, today=TODAY) == []
        problems = validate(catalog(), form, {**values, field: one_more(f)}, today=TODAY)
        assert [p.field for p in problems] == [field]
        assert problems[0].message.startswith(f"「{f.label}」")
        return
    at_bound = plan_application(catalog(), Application(
        longest_applicant(), (code,), values=values, photos=_photos(code)), calendar(), TODAY)
    assert at_bound.problems == ()
    over = one_more(f)
    plan = plan_application(catalog(), Application(
        longest_applicant(), (code,), values={**values, field: over}, photos=_photos(code)),
        calendar(), TODAY)
    assert [p.field for p in plan.problems] == [field]
    message = plan.problems[0].message
    assert message.startswith(f"「{f.label}」") and str(over) not in message


@pytest.mark.parametrize("key, value", APPLICANT_OVER)
@pytest.mark.parametrize("who", ["applicant", "agent"])
def test_an_applicant_past_a_bound_is_refused_before_anything_is_stored(
        cfg: Config, who: str, key: str, value: str) -> None:
    person = dataclasses.replace(longest_applicant(), **{key: value})
    code = _item_with("proxy_name")
    app = Application(person if who == "applicant" else longest_applicant(), (code,),
                      values=_longest_values(code), photos=_photos(code),
                      agent=person if who == "agent" else None)
    store = open_store(cfg)
    try:
        with pytest.raises(ApplicationInvalid) as err:
            submit_application(store, catalog(), calendar(), cfg.terminal_id,
                               cfg.region_code, app, today=TODAY)
        assert store.outbox_rows() == [] and store.cases_for(person.id_number) == []
        assert store.cases_for(longest_applicant().id_number) == []
    finally:
        store.close()
    fields = [p.field for p in err.value.problems]
    assert f"{who}.{key}" in fields
    message = next(p.message for p in err.value.problems if p.field == f"{who}.{key}")
    assert message.startswith("申请人的「" if who == "applicant" else "代办人的「")
    assert value not in message


def test_the_applicant_number_is_checked_by_the_card_kind_it_came_with() -> None:
    permit = make_id("81000019900215002")
    code = "LOCAL-YB-0001"

    def problems(person: Applicant) -> list[str]:
        plan = plan_application(catalog(), Application(person, (code,)), calendar(), TODAY)
        return [p.message for p in plan.problems if p.field.startswith("applicant.")]

    holder = Applicant(name="陈美玲", id_number=permit, card_kind="hk_mo_tw_permit")
    assert problems(holder) == []
    assert problems(dataclasses.replace(holder, card_kind="resident")) == [
        "申请人的「证件号码」不正确：身份证号码的地区代码不正确"]
    assert problems(dataclasses.replace(holder, card_kind="passport")) == [
        "申请人的「证件类型」无法识别"]
    # A small x (typed) is the card's capital X: one spelling stored and looked up.
    assert Applicant(name="x", id_number=" 11010519491231002x ").id_number == \
        "11010519491231002X"


def test_a_record_stored_before_card_kinds_reads_as_a_resident_card(cfg: Config) -> None:
    """Cases stored by an older release have no card_kind: they were resident cards."""
    store = open_store(cfg)
    try:
        case = store.create_case(terminal_id=cfg.terminal_id, region_code=cfg.region_code,
                                 applicant=longest_applicant(), items=[], form={})
        old = {k: v for k, v in dataclasses.asdict(longest_applicant()).items()
               if k != "card_kind"}
        store._conn.execute("UPDATE cases SET personal=? WHERE id=?", (
            store.key.encrypt_json(old, f"case:{case.id}:personal"), case.id))
        assert store.get_case(case.id).applicant == longest_applicant()
        assert store.get_case(case.id).applicant.card_kind == "resident"
    finally:
        store.close()


def test_answers_with_keys_no_catalog_could_hold_are_refused_without_echoing_them() -> None:
    key = "q" * 10_000
    plan = plan_application(catalog(), Application(longest_applicant(), ("LOCAL-YB-0001",),
                                                   answers={key: True}), calendar(), TODAY)
    assert [p.message for p in plan.problems] == ["回答中有1项无法识别的内容"]



@pytest.mark.parametrize("kind", sorted(ALL_KINDS))
def test_prefill_from_any_card_kind_fills_a_form_that_passes(kind: str) -> None:
    card = ALL_KINDS[kind]()
    person = applicant_from_card(card)
    assert person.card_kind == kind
    item = catalog().item("LOCAL-RS-0001")  # asks name, number, sex, nation, birth, address
    form = item_form(catalog(), item)
    filled = prefill(catalog(), form, person)
    assert filled.values["id_number"] == card.id_number
    assert filled.values["birth_date"] == card.birth_date.isoformat()
    assert validate(catalog(), form, filled.values, today=TODAY) == []
    if not card.nation_code:  # 居住证 and 永久居留证 carry no 民族: not filled, not refused
        assert "nation_code" not in filled.values


def test_a_card_value_the_field_does_not_offer_is_left_for_the_resident() -> None:
    person = dataclasses.replace(longest_applicant(), sex="未说明")
    form = item_form(catalog(), catalog().item("LOCAL-RS-0001"))
    filled = prefill(catalog(), form, person)
    assert "sex" not in filled.values and filled.values["name"] == person.name


def test_form_keys_no_catalog_could_hold_are_counted_not_repeated() -> None:
    code = "LOCAL-YB-0001"
    values = {**_longest_values(code), "k" * 100_000: "1", "Bad Key": "2", "spare_x": "3"}
    plan = plan_application(catalog(), Application(longest_applicant(), (code,),
                                                   values=values), calendar(), TODAY)
    assert [p.message for p in plan.problems] == [
        "表单中有本事项不需要的内容：spare_x，另有2项无法识别的内容"]
