"""The materials step's rule on the real catalog: each material offers only the ways its
``source`` allows, 容缺 says its deadline in words, 告知承诺 appears where an option replaces
the material, and a material nobody can cover ends with "please bring …"."""

from __future__ import annotations

import datetime as dt

import pytest

from kiosk.catalog.loader import load_catalog
from kiosk.catalog.model import Catalog, Item
from kiosk.materials import (
    MaterialChoice,
    MaterialStatus,
    Way,
    dead_end,
    decl_for,
    material_choice,
)
from kiosk.workdays import WorkCalendar, add_days


@pytest.fixture(scope="module")
def catalog() -> Catalog:
    return load_catalog()


def choices(catalog: Catalog, code: str, **kw: object) -> dict[str, MaterialChoice]:
    it: Item = catalog.item(code)
    return {m.ref: material_choice(m, catalog.materials[m.ref], it.commitment_options,
                                   **kw)  # type: ignore[arg-type]
            for m in it.materials}


def ways(c: MaterialChoice) -> list[Way]:
    return [o.way for o in c.options]


def test_disability_allowance_offers_what_each_material_allows(catalog: Catalog) -> None:
    ch = choices(catalog, "LOCAL-MZ-0002", known_sources=("card", "terminal"))
    assert ch["id_card"].known is MaterialStatus.CARD and ch["id_card"].known_words == "已读卡核验"
    assert not ch["id_card"].needs_action and ch["id_card"].options == ()
    assert ch["application_form"].known is MaterialStatus.TERMINAL
    assert ways(ch["disability_cert"]) == [Way.ECERT, Way.PHOTO]
    assert ways(ch["hukou"]) == [Way.ECERT, Way.PHOTO]  # data sharing not available here
    assert ways(ch["bank_book"]) == [Way.PHOTO, Way.DEFER]  # no e-certificate for it
    assert ch["bank_book"].counts == "复印件1份"


def test_data_sharing_where_the_county_has_it_means_nothing_to_do(catalog: Catalog) -> None:
    ch = choices(catalog, "LOCAL-MZ-0002")
    assert ch["hukou"].known is MaterialStatus.SHARED
    assert ch["hukou"].known_words == "数据共享核验，免提交"


def test_deferral_states_its_deadline_in_words(catalog: Catalog) -> None:
    m = catalog.item("LOCAL-MZ-0002").material("bank_book")
    assert m is not None and m.defer_days == 10
    due = add_days(WorkCalendar.load(), dt.date(2026, 11, 26), 10)
    c = material_choice(m, catalog.materials["bank_book"], due=due)
    (defer,) = [o for o in c.options if o.way is Way.DEFER]
    assert defer.detail == f"现在没有也可以先办，10个工作日内（{due.words}前）补交"
    assert defer.due == due.date.isoformat() and c.can_finish_without


def test_commitment_is_offered_only_where_an_option_replaces_the_material(
        catalog: Catalog) -> None:
    ch = choices(catalog, "LOCAL-WJ-0001", known_sources=("card",))
    (opt,) = [o for o in ch["marriage_cert"].options if o.way is Way.COMMITMENT]
    assert opt.commitment_id == "marriage_commitment" and "婚育情况承诺" in opt.detail
    assert ch["marriage_cert"].can_finish_without
    honesty = choices(catalog, "LOCAL-MZ-0002", known_sources=())
    assert all(Way.COMMITMENT not in ways(c) for c in honesty.values())  # replaces nothing


def test_without_a_camera_a_photo_only_material_ends_with_please_bring(
        catalog: Catalog) -> None:
    ch = choices(catalog, "LOCAL-MZ-0002", known_sources=("card", "terminal"), camera=False)
    assert ch["disability_cert"].options == () and not ch["disability_cert"].can_finish_without
    assert ways(ch["bank_book"]) == [Way.DEFER]  # 容缺 still lets the visit go on
    bring = dead_end(list(ch.values()), {"disability_cert", "bank_book", "id_card"})
    assert bring == ("请带上第二代残疾人证（原件1份）到便民服务中心窗口办理，可以打印材料清单带走",)


def test_declarations_follow_the_way_chosen(catalog: Catalog) -> None:
    ch = choices(catalog, "LOCAL-MZ-0002", known_sources=("card",))
    ref = "DZZZ1:DISABILITY_CERT:1234:" + "A" * 16
    d = decl_for(ch["disability_cert"], Way.ECERT, ecert_ref=ref)
    assert d.status is MaterialStatus.ECERT and d.ecert_ref.startswith("DZZZ1:")
    assert decl_for(ch["bank_book"], Way.DEFER).status is MaterialStatus.DEFERRED
    assert decl_for(ch["hukou"], Way.PHOTO, attachment_ids=("a1", "a2")).attachment_ids == (
        "a1", "a2")  # 户口簿 首页 + 本人页: two pages of one material
    with pytest.raises(ValueError, match="not offered"):
        decl_for(ch["bank_book"], Way.ECERT, ecert_ref="x")
    with pytest.raises(ValueError):
        decl_for(ch["hukou"], Way.PHOTO)


def test_no_way_is_offered_that_the_catalog_does_not_allow(catalog: Catalog) -> None:
    """Over every item of the real catalog: an e-certificate only for a material that has
    one, 容缺 only where the item allows it, and the bring sentence names the material."""
    for it in catalog.items:
        for m in it.materials:
            d = catalog.materials[m.ref]
            c = material_choice(m, d, it.commitment_options, known_sources=())
            w = ways(c)
            assert (Way.ECERT in w) == ("ecert" in m.source and d.ecert), (it.code, m.ref)
            assert (Way.DEFER in w) == bool(m.deferrable and m.defer_days), (it.code, m.ref)
            assert (Way.PHOTO in w) == ("camera" in m.source), (it.code, m.ref)
            assert d.name in c.bring and c.counts in c.bring
