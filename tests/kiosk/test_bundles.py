"""一件事一次办: one form, one set of materials, split back so every item gets exactly
what it needs and nothing that belongs to another item."""

from __future__ import annotations

from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from kiosk.applications import Application, plan_application
from kiosk.catalog.model import Item
from kiosk.forms.bundle import applicable_materials, select_items, split
from kiosk.forms.schema import union_form
from kiosk.guide.rules import evaluate
from kiosk.materials import MaterialDecl, MaterialStatus
from tests.kiosk.svc import TODAY, calendar, catalog, elder

CAT = catalog()
QUESTIONS = CAT.questions


def _answer(qid: str) -> st.SearchStrategy[Any]:
    q = QUESTIONS[qid]
    if q.kind == "yesno":
        return st.booleans()
    if q.kind == "choice":
        return st.sampled_from([o.value for o in q.options])
    return st.integers(q.min or 0, q.max or 100)


ALL_ANSWERS = st.fixed_dictionaries({}, optional={q: _answer(q) for q in QUESTIONS})


@settings(max_examples=150, deadline=None)
@given(st.sampled_from(CAT.bundles), ALL_ANSWERS, st.data())
def test_split_carries_each_field_and_material_to_exactly_the_items_that_need_it(
        bundle: Any, answers: dict[str, Any], data: st.DataObject) -> None:
    chosen = list(select_items(CAT, bundle, answers).chosen)
    form = union_form(CAT, chosen)
    # Every field of the union form, each with a distinct marker value, plus one stray.
    values = {f: f"value-of-{f}" for f in data.draw(st.sets(st.sampled_from(form.fields))
                                                    if form.fields else st.just(set()))}
    values["not_a_field_of_any_item"] = "stray"
    all_refs = sorted(CAT.materials)
    decls = {r: MaterialDecl(MaterialStatus.PHOTOGRAPHED)
             for r in data.draw(st.sets(st.sampled_from(all_refs)))}
    parts = split(chosen, values, decls, answers)
    assert [p.item.code for p in parts] == [i.code for i in chosen]
    for p in parts:
        it: Item = p.item
        wanted = {m.ref for m, _ in applicable_materials(it, answers)}
        assert p.values == {f: values[f] for f in it.form.fields if f in values}
        assert set(p.materials) == wanted & set(decls)
    # Nothing handed in is lost: each field/material reaches every item that lists it.
    for f in values:
        needing = [i.code for i in chosen if f in i.form.fields]
        assert [p.item.code for p in parts if f in p.values] == needing
    for r in decls:
        needing = [i.code for i in chosen
                   if r in {m.ref for m, _ in applicable_materials(i, answers)}]
        assert [p.item.code for p in parts if r in p.materials] == needing


def test_bundle_selection_follows_the_rules_exactly() -> None:
    b = CAT.bundle("LOCAL-YJS-0003")
    answers = {"has_disability_cert": True, "disability_grade": "g3",
               "disability_kind": "mental", "is_dibao": False, "wants_job": True}
    sel = select_items(CAT, b, answers)
    expected = [bi.code for bi in b.items if bi.when is None or evaluate(bi.when, answers)]
    assert [i.code for i in sel.chosen] == expected == ["LOCAL-MZ-0003", "LOCAL-RS-0004"]


def test_newborn_bundle_plan_gives_each_department_only_its_fields() -> None:
    mother = elder("1996-04-02")
    values = {"name": mother.name, "id_number": mother.id_number, "phone": "13800138000",
              "child_name": "王小宝", "child_sex": "男", "child_birth_date": "2026-11-01",
              "birth_cert_no": "R420123456", "household_head_name": "王大明",
              "spouse_name": "王大明", "spouse_id_number": elder("1994-01-09").id_number,
              "child_order": 1, "delivery": "邮寄到家", "mailing_address": "示范社区8号"}
    app = Application(applicant=mother, codes=("LOCAL-YJS-0001",), values=values,
                      answers={"married": True},
                      materials={"birth_cert": MaterialDecl(MaterialStatus.ECERT,
                                                            ecert_ref="ECERT-LOCAL-1")},
                      photos={"e_photo": (b"jpeg",)})
    plan = plan_application(CAT, app, calendar(), TODAY)
    assert plan.ok, plan.problems
    by_code = {pc.item.code: pc for pc in plan.cases}
    assert list(by_code) == ["LOCAL-WJ-0001", "LOCAL-GA-0003", "LOCAL-YB-0001",
                             "LOCAL-RS-0005"]
    assert "child_name" in by_code["LOCAL-GA-0003"].values
    assert "child_name" not in by_code["LOCAL-WJ-0001"].values
    assert "mailing_address" in by_code["LOCAL-RS-0005"].values
    assert "mailing_address" not in by_code["LOCAL-GA-0003"].values
    mats = {c: {m.ref: m.status for m in pc.materials} for c, pc in by_code.items()}
    assert mats["LOCAL-GA-0003"]["birth_cert"] is MaterialStatus.ECERT
    assert "birth_cert" not in mats["LOCAL-YB-0001"]
    assert mats["LOCAL-RS-0005"]["e_photo"] is MaterialStatus.PHOTOGRAPHED
    assert "e_photo" not in mats["LOCAL-GA-0003"]
