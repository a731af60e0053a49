"""A bundle item filed for someone else: 新生儿出生一件事's 医保参保登记 and 社保卡申领 are
the newborn's (the subject), applied for by the parent (the applicant and contact)."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest

from kiosk.app import Kiosk
from kiosk.applications import plan_application, subject_problems
from kiosk.cases import Subject
from kiosk.catalog import load_catalog
from kiosk.catalog.loader import CatalogError
from kiosk.config import Config
from kiosk.forms.bundle import split, subject_maps
from kiosk.identity import mask_name
from tests.kiosk.svc import TODAY, calendar, catalog, raw_catalog, write_catalog
from tests.kiosk.test_services_store import newborn_app
from tests.pdfread import pdf_text

CAT = catalog()
NEWBORN = "LOCAL-YJS-0001"
FOR_CHILD = ("LOCAL-GA-0003", "LOCAL-YB-0001", "LOCAL-RS-0005")


@pytest.fixture
def kiosk(cfg: Config) -> Iterator[Kiosk]:
    k = Kiosk.open(cfg)
    yield k
    k.close()


def test_the_newborn_bundle_names_the_child_as_subject_of_its_items() -> None:
    bundle = CAT.bundle(NEWBORN)
    maps = subject_maps([CAT.item(bi.code) for bi in bundle.items], bundle)
    assert sorted(maps) == sorted(FOR_CHILD)
    assert all(m.label == "新生儿" and m.fields["name"] == "child_name" for m in maps.values())
    # 出生登记 is the newborn's wherever it is filed; 医保参保登记 alone is the applicant's
    assert sorted(subject_maps([CAT.item("LOCAL-GA-0003"), CAT.item("LOCAL-YB-0001")])) == \
        ["LOCAL-GA-0003"]


def test_birth_registration_filed_alone_is_the_childs_too() -> None:
    values = {k: v for k, v in newborn_app().values.items()
              if k in CAT.item("LOCAL-GA-0003").form.fields}
    p = plan_application(CAT, dataclasses.replace(newborn_app(), codes=("LOCAL-GA-0003",),
                                                  values=values), calendar(), TODAY)
    assert p.ok, p.problems
    (case,) = p.cases
    assert case.subject == Subject(name="王小宝", relation="新生儿", sex="男",
                                   birth_date="2026-11-01")
    assert case.values["name"] == newborn_app().applicant.name  # the 申报人
    alone = plan_application(CAT, dataclasses.replace(
        newborn_app(), codes=("LOCAL-YB-0001",), answers={}, materials={}, photos={},
        values={k: v for k, v in values.items() if k in ("name", "id_number", "phone")}),
        calendar(), TODAY)
    assert alone.ok and alone.cases[0].subject is None  # the applicant insures themself


def test_an_item_mapping_naming_a_field_outside_its_form_is_refused_at_load(
        tmp_path: Path) -> None:
    data = raw_catalog()
    i = next(i for i, it in enumerate(data["items"]) if it["code"] == "LOCAL-GA-0003")
    data["items"][i]["subject"]["fields"]["sex"] = "disability_kind"
    with pytest.raises(CatalogError) as info:
        load_catalog(write_catalog(tmp_path / "a", data))
    assert [(p.path, p.reason) for p in info.value.problems] == [
        (f"$.items[{i}].subject.fields.sex", "'disability_kind' is not a field of this "
                                             "item's form")]


def test_split_gives_the_insured_items_the_childs_person_fields_and_not_the_parents_id() -> None:
    app = newborn_app()
    p = plan_application(CAT, app, calendar(), TODAY)
    assert p.ok, p.problems
    by = {pc.item.code: pc for pc in p.cases}
    child = Subject(name="王小宝", relation="新生儿", sex="男", birth_date="2026-11-01")
    for code in ("LOCAL-YB-0001", "LOCAL-RS-0005"):
        assert by[code].subject == child
        assert by[code].values["name"] == "王小宝"
        assert "id_number" not in by[code].values  # the mother's number is not the child's
        assert by[code].values["phone"] == "13800138000"  # the parent stays the contact
    assert by["LOCAL-YB-0001"].values["sex"] == "男"
    assert by["LOCAL-YB-0001"].values["birth_date"] == "2026-11-01"
    # 出生登记 asks the child's fields itself: its 申报人 stays the mother
    ga = by["LOCAL-GA-0003"]
    assert ga.subject == child
    assert ga.values["name"] == app.applicant.name
    assert ga.values["id_number"] == app.applicant.id_number
    assert ga.values["child_name"] == "王小宝"
    # 生育登记 is the parents' own
    assert by["LOCAL-WJ-0001"].subject is None
    assert by["LOCAL-WJ-0001"].values["id_number"] == app.applicant.id_number


def test_split_without_a_mapping_keeps_every_items_fields_as_typed() -> None:
    items = [CAT.item("LOCAL-YB-0001")]
    parts = split(items, {"name": "张桂兰", "id_number": "X"}, {}, {})
    assert parts[0].subject is None and parts[0].values == {"name": "张桂兰", "id_number": "X"}


def test_the_childs_name_is_required_when_an_item_is_filed_for_the_child() -> None:
    values = {k: v for k, v in newborn_app().values.items() if k != "child_name"}
    p = plan_application(CAT, dataclasses.replace(newborn_app(), values=values), calendar(),
                         TODAY)
    assert not p.ok
    assert any(x.field == "child_name" and "必须填写" in x.message for x in p.problems)


def test_the_subject_is_bounded_like_the_applicant() -> None:
    assert subject_problems(Subject(name="王小宝", relation="新生儿"), TODAY) == []
    long = subject_problems(Subject(name="王" * 61, relation="新生儿"), TODAY)
    assert [(x.field, x.message) for x in long] == [
        ("subject.name", "新生儿的「姓名」最多只能有60个字")]
    odd = subject_problems(Subject(name="王小宝", sex="x", birth_date="2099-01-01"), TODAY)
    assert {x.field for x in odd} == {"subject.sex", "subject.birth_date"}
    assert all(x.message.startswith("办理对象的") for x in odd)


def test_a_mapping_naming_a_field_the_bundle_does_not_ask_is_refused_at_load(
        tmp_path: Path) -> None:
    data = raw_catalog()
    b = next(i for i, b in enumerate(data["bundles"]) if b["code"] == NEWBORN)
    data["bundles"][b]["items"][2]["subject"]["fields"]["name"] = "disease_name"
    with pytest.raises(CatalogError) as info:
        load_catalog(write_catalog(tmp_path / "a", data))
    p = info.value.problems[0]
    assert p.path == f"$.bundles[{b}].items[2].subject.fields.name"
    assert "'disease_name' is not a field this bundle asks" in p.reason


@pytest.mark.parametrize("subject,words", [
    ({"label": "新生儿", "fields": {"sex": "child_sex"}}, "'name' is a required property"),
    ({"label": "新生儿", "fields": {"name": "child_name", "phone": "phone"}},
     "Additional properties are not allowed"),
    ({"fields": {"name": "child_name"}}, "'label' is a required property"),
])
def test_the_catalog_schema_checks_the_subject_mapping(tmp_path: Path, subject: object,
                                                       words: str) -> None:
    data = raw_catalog()
    b = next(i for i, b in enumerate(data["bundles"]) if b["code"] == NEWBORN)
    data["bundles"][b]["items"][1]["subject"] = subject
    with pytest.raises(CatalogError) as info:
        load_catalog(write_catalog(tmp_path / "a", data))
    assert any(words in p.reason and ".subject" in p.path for p in info.value.problems)


def test_stored_cases_carry_the_subject_and_the_receipt_shows_both_masked(
        kiosk: Kiosk, tmp_path: Path) -> None:
    app = newborn_app()
    cases = kiosk.submit_application(app)
    by = {c.items[0].code: c for c in cases}
    for code in FOR_CHILD:
        stored = kiosk.store.with_details(kiosk.store.get_case(by[code].id))
        assert stored.applicant.id_number == app.applicant.id_number
        assert stored.subject is not None and stored.subject.name == "王小宝"
    assert kiosk.store.with_details(kiosk.store.get_case(by["LOCAL-WJ-0001"].id)).subject \
        is None
    # what the outbox will send: the parent applies, the child is the subject
    sent = {i.payload["items"][0]["code"]: i.payload for i in kiosk.store.due_items(1e12, 50)
            if i.kind == "submission"}
    assert sent["LOCAL-YB-0001"]["subject"] == dataclasses.asdict(Subject(
        name="王小宝", relation="新生儿", sex="男", birth_date="2026-11-01"))
    assert sent["LOCAL-YB-0001"]["applicant"]["id_number"] == app.applicant.id_number
    assert "subject" not in sent["LOCAL-WJ-0001"]  # older platforms see what they knew
    text = pdf_text(kiosk.receipt(by["LOCAL-YB-0001"], tmp_path / "r.pdf")).replace(" ", "")
    assert f"办理对象（新生儿）：{mask_name('王小宝')}" in text
    assert f"申请人：{mask_name(app.applicant.name)}" in text
    assert "王小宝" not in text and app.applicant.id_number not in text
    parent_only = pdf_text(kiosk.receipt(by["LOCAL-WJ-0001"], tmp_path / "w.pdf"))
    assert "办理对象" not in parent_only


def test_the_subject_record_never_prints_itself() -> None:
    s = Subject(name="王小宝", relation="新生儿", birth_date=dt.date(2026, 11, 1).isoformat())
    assert "王小宝" not in repr(s) and "王小宝" not in str(s)
