"""Search as villagers type: Chinese words, full pinyin, initials; ranked; fast."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from kiosk.catalog.search import SearchIndex
from tests.kiosk.svc import catalog

INDEX = SearchIndex(catalog())


def names(q: str) -> list[str]:
    return [h.name for h in INDEX.search(q)]


def test_initials_ylbx_find_pension_insurance_first() -> None:
    found = names("ylbx")
    assert found[0] == "养老保险待遇领取资格认证"  # the name starts with 养老保险
    assert "城乡居民基本养老保险参保登记" in found[:3]


def test_chinese_text_full_pinyin_and_initials_agree() -> None:
    assert names("低保")[0] == names("dibao")[0] == names("db")[0] == "最低生活保障申请"
    assert names("高龄")[0] == names("gaoling")[0] == "高龄津贴申领"


def test_alias_finds_the_item_by_its_everyday_name() -> None:
    assert names("老年证")[0] == "老年人优待证办理"
    assert names("上户口")[0] == "出生登记（新生儿落户）"


def test_name_match_ranks_above_summary_match() -> None:
    found = names("社保卡")
    assert set(found[:2]) == {"社会保障卡申领", "社会保障卡补领、换领"}
    assert "新生儿出生一件事" in found  # only through its keywords


def test_bundles_are_found_and_marked() -> None:
    hits = INDEX.search("一件事")
    assert {h.kind for h in hits} == {"bundle"} and len(hits) == 3


def test_every_token_must_match() -> None:
    assert names("残疾 护理")[0] == "重度残疾人护理补贴申请"
    assert "高龄津贴申领" not in names("残疾 护理")
    assert names("残疾 xyzq") == []


def test_pinyin_matches_start_at_syllables_not_inside_them() -> None:
    # "ang" is inside "yang" but is no syllable of 养老; it must not find the pension items.
    assert "城乡居民基本养老保险参保登记" not in names("anglao")


def test_blank_query_finds_nothing() -> None:
    assert INDEX.search("   ") == []


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=12))
def test_any_input_returns_ranked_catalog_entries(q: str) -> None:
    hits = INDEX.search(q)
    codes = {i.code for i in catalog().items} | {b.code for b in catalog().bundles}
    assert all(h.code in codes for h in hits)
    assert [h.score for h in hits] == sorted((h.score for h in hits), reverse=True)
