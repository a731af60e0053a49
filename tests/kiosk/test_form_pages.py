"""Form pages: pagination, prefill marks, widget coverage, errors that never echo values."""

from __future__ import annotations

from typing import Any

import pytest

from kiosk.catalog.model import Catalog
from kiosk.forms.page import (
    SOURCE_WORDS,
    Keypad,
    Widget,
    answers,
    check_form,
    check_page,
    coerce,
    field_view,
    page_of,
    paginate,
    widget_of,
)
from kiosk.forms.prefill import prefill
from kiosk.forms.schema import FormDefinition, form_for, item_form, union_form
from tests.kiosk.svc import TODAY, catalog, elder

MARKER = "QQ7z9"  # typed into every field; must never come back in a message


def _all_fields_form(cat: Catalog) -> FormDefinition:
    return form_for(cat, list(cat.fields), list(cat.fields))


def _item_with(cat: Catalog, fid: str) -> Any:
    return next(i for i in cat.items if fid in i.form.fields)


def test_pages_cut_the_form_in_order_and_one_per_page_for_elders() -> None:
    cat = catalog()
    for item in cat.items:
        form = item_form(cat, item)
        for size in (1, 3, 5):
            pages = paginate(cat, form, page_size=size)
            assert [f for p in pages for f in p.field_ids] == list(form.fields)
            assert all(1 <= len(p.fields) <= size for p in pages)
            assert [p.index for p in pages] == list(range(len(pages)))
            assert pages[-1].is_last and all(p.count == len(pages) for p in pages)
            for p in pages:
                assert all(page_of(form, f, size) == p.index for f in p.field_ids)
    with pytest.raises(ValueError):
        paginate(cat, item_form(cat, cat.items[0]), page_size=0)


def test_page_titles_say_where_the_resident_is() -> None:
    cat = catalog()
    form = item_form(cat, max(cat.items, key=lambda i: len(i.form.fields)))
    pages = paginate(cat, form, page_size=2)
    assert pages[0].title == f"填写申请表（第1页，共{len(pages)}页）"
    assert paginate(cat, form, page_size=len(form.fields))[0].title == "填写申请表"


def test_bundle_union_form_pages_ask_each_shared_field_once() -> None:
    cat = catalog()
    for b in cat.bundles:
        items = [cat.item(bi.code) for bi in b.items]
        form = union_form(cat, items)
        ids = [f for p in paginate(cat, form) for f in p.field_ids]
        assert len(ids) == len(set(ids)) == len({f for i in items for f in i.form.fields})


def test_every_catalog_field_has_a_widget_the_screen_draws() -> None:
    cat = catalog()
    form = _all_fields_form(cat)
    for f, d in cat.fields.items():
        v = field_view(cat, form, f, {})
        assert v.widget in set(Widget), f
        assert v.label == d.label and v.help == d.help
        if v.widget in (Widget.RADIO, Widget.SELECT):
            assert v.options and v.keypad is Keypad.NONE, f
        if v.widget is Widget.IDNUMBER:
            assert v.keypad is Keypad.ID and v.max_length == 18
        if v.widget is Widget.PHONE:
            assert v.keypad is Keypad.DIGITS and v.max_length == 11
        ml = d.schema.get("maxLength")
        if ml is not None:
            assert v.max_length == ml
    kinds = {widget_of(d) for d in cat.fields.values()}
    assert kinds == set(Widget), "a widget kind no catalog field uses, or one not drawn"


def test_bounds_come_from_the_schema_and_are_said_in_words() -> None:
    cat = catalog()
    form = _all_fields_form(cat)
    for f, d in cat.fields.items():
        v = field_view(cat, form, f, {})
        s = d.schema
        if "minimum" in s:
            assert v.minimum == s["minimum"] and not v.minimum_exclusive
        if "exclusiveMinimum" in s and "minimum" not in s:
            assert v.minimum == s["exclusiveMinimum"] and v.minimum_exclusive
        if "maximum" in s:
            assert v.maximum == s["maximum"]
        if s.get("type") in ("integer", "number") and not s.get("enum"):
            assert v.hint.startswith("请填写") and v.keypad in (Keypad.DIGITS, Keypad.DECIMAL)
    floors = field_view(cat, form, "floors", {})
    lo, hi = cat.fields["floors"].schema["minimum"], cat.fields["floors"].schema["maximum"]
    assert floors.hint == f"请填写{lo}到{hi}之间的整数"


def test_card_values_are_marked_and_locked_history_waits_for_consent() -> None:
    cat = catalog()
    item = _item_with(cat, "phone")
    form = item_form(cat, item)
    history = [{"phone": "13800138000"}]
    pre = prefill(cat, form, elder(), history=history, history_consent=False)
    views = {v.id: v for p in paginate(cat, form, prefill=pre) for v in p.fields}
    assert views["name"].value == "张桂兰"
    assert views["name"].source == SOURCE_WORDS["card"] == "来自身份证"
    assert views["name"].read_only
    assert views["phone"].value == "" and views["phone"].source == ""
    assert views["phone"].offered and not views["phone"].read_only
    # Consent given: the earlier case's phone is filled and said to come from it.
    pre2 = prefill(cat, form, elder(), history=history, history_consent=True)
    views2 = {v.id: v for p in paginate(cat, form, prefill=pre2) for v in p.fields}
    assert views2["phone"].value == "13800138000"
    assert views2["phone"].source == SOURCE_WORDS["history"] and not views2["phone"].offered
    # Changed by the resident: no longer "from" anywhere.
    vals = dict(pre2.values, phone="13900139000")
    views3 = {v.id: v for p in paginate(cat, form, vals, prefill=pre2) for v in p.fields}
    assert views3["phone"].source == "" and views3["name"].source == "来自身份证"


def test_empty_required_field_gives_the_same_words_inline_and_in_the_summary() -> None:
    cat = catalog()
    item = _item_with(cat, "phone")
    form = item_form(cat, item)
    pre = prefill(cat, form, elder())
    first = paginate(cat, form, prefill=pre)[0]
    entered = {f: v.value for f, v in ((v.id, v) for v in first.fields)}
    entered["name"] = "  "
    chk = check_page(cat, form, first, entered, today=TODAY)
    assert not chk.ok
    assert chk.errors["name"] == "「姓名」必须填写"
    assert [(e.field, e.message) for e in chk.summary] == list(chk.errors.items())
    page = paginate(cat, form, chk.entered, prefill=pre, errors=chk.errors)[0]
    inline = {v.id: v.error for v in page.fields if v.error}
    assert inline == chk.errors
    assert [(e.field, e.message) for e in page.summary] == list(inline.items())
    # Values kept: every other field shows what was there.
    for v in page.fields:
        if v.id != "name":
            assert v.value == entered[v.id]


def test_check_page_only_judges_its_own_fields() -> None:
    cat = catalog()
    form = item_form(cat, max(cat.items, key=lambda i: len(i.form.required)))
    pages = paginate(cat, form, page_size=1)
    later = [p for p in pages if p.field_ids[0] in form.required][-1]
    chk = check_page(cat, form, pages[0], {}, today=TODAY)
    assert later.field_ids[0] not in chk.errors
    assert set(chk.errors) <= set(pages[0].field_ids)


@pytest.mark.parametrize("fid", sorted(catalog().fields))
def test_messages_never_echo_the_value(fid: str) -> None:
    cat = catalog()
    form = _all_fields_form(cat)
    refused = 0
    for junk in (MARKER, "1" + MARKER, MARKER * 300, "4201" + MARKER + "0000"):
        chk = check_page(cat, form, [fid], {fid: junk}, today=TODAY)
        refused += bool(chk.errors.get(fid))
        assert MARKER not in chk.errors.get(fid, "")
        assert chk.entered[fid] == junk  # kept for the screen
    d = cat.fields[fid]
    if d.check or set(d.schema) - {"type"} or d.schema.get("type") != "string":
        assert refused, (fid, "a bounded field must refuse garbage")


def test_numbers_typed_as_text_become_numbers_and_bad_ones_are_explained() -> None:
    cat = catalog()
    form = form_for(cat, ["child_order", "household_income", "bank_card"], [])
    assert coerce(cat, form, {"child_order": "2", "household_income": "1500.5",
                              "bank_card": "6222"}) == \
        {"child_order": 2, "household_income": 1500.5, "bank_card": "6222"}
    chk = check_form(cat, form, {"child_order": "2.5"}, today=TODAY)
    assert chk.errors["child_order"] == "「孩次（第几个孩子）」格式不对，请填写数字"
    hi = cat.fields["child_order"].schema["maximum"]
    chk = check_form(cat, form, {"child_order": str(hi + 1)}, today=TODAY)
    assert chk.errors["child_order"] == f"「孩次（第几个孩子）」不能大于{hi}"
    assert check_form(cat, form, {"child_order": "inf", "household_income": "nan"},
                      today=TODAY).errors.keys() == {"child_order", "household_income"}


def test_a_whole_valid_item_form_passes_and_answers_list_it_masked() -> None:
    cat = catalog()
    item = _item_with(cat, "phone")
    form = item_form(cat, item)
    pre = prefill(cat, form, elder())
    entered: dict[str, Any] = dict(pre.values, phone="13800138000")
    for f in form.required:
        if f not in entered:
            d = cat.fields[f]
            if d.schema.get("enum"):
                entered[f] = d.schema["enum"][0]
    chk = check_form(cat, form, entered, today=TODAY)
    assert chk.ok, chk.errors
    rows = {a.field: a for a in answers(cat, form, chk.values, pre)}
    assert rows["name"].text == "张桂兰" and rows["name"].masked == "张**"
    assert rows["name"].source == "来自身份证"
    assert rows["phone"].masked == "138****8000" and rows["phone"].source == ""
    assert rows["id_number"].masked.count("*") == 10
    assert all(a.page == page_of(form, a.field) for a in rows.values())


def test_repr_shows_no_values() -> None:
    cat = catalog()
    form = item_form(cat, cat.items[0])
    pre = prefill(cat, form, elder())
    page = paginate(cat, form, prefill=pre)[0]
    chk = check_page(cat, form, page, pre.values, today=TODAY)
    assert "张桂兰" not in repr(page) and "张桂兰" not in repr(chk)
