"""Search as villagers type: Chinese words, full pinyin, initials; ranked; fast."""

from __future__ import annotations

from pathlib import Path

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


def test_shipped_pinyin_table_is_what_pypinyin_says_of_the_shipped_catalog() -> None:
    """The table saves the terminal pypinyin; stale after a catalog edit, search would
    still work (pypinyin for the new texts) but pay for it: regenerate."""
    from kiosk.catalog.loader import load_catalog
    from kiosk.catalog.search import load_table, pinyin_table

    assert load_table() == pinyin_table(load_catalog()), (
        "assets/catalog/pinyin.json is stale: python -m kiosk.catalog.search --write")


def test_the_table_and_pypinyin_give_the_same_answers() -> None:
    from kiosk.catalog.search import load_table

    assert load_table(), "the shipped table is missing or unreadable"
    computed = SearchIndex(catalog(), table={})
    for q in ["ylbx", "dibao", "高龄", "shebaoka", "hk", "出生", "canji", "yjs"]:
        assert [h.name for h in computed.search(q)] == names(q), q


def test_search_on_the_shipped_catalog_never_loads_pypinyin() -> None:
    import subprocess
    import sys

    code = ("import sys\n"
            "from kiosk.catalog.loader import load_catalog\n"
            "from kiosk.catalog.search import SearchIndex\n"
            "hits = SearchIndex(load_catalog()).search('gaoling')\n"
            "print(hits[0].name, 'pypinyin' in sys.modules)\n")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True, timeout=60).stdout.split()
    assert out == ["高龄津贴申领", "False"]


def test_an_unusable_table_falls_back_to_pypinyin(tmp_path: Path) -> None:
    import os

    from kiosk.catalog.search import load_table

    fifo = tmp_path / "fifo"
    os.mkfifo(fifo)
    nested = tmp_path / "nested.json"
    nested.write_text('{"a": {"b": "c"}}', encoding="utf-8")
    wrong = tmp_path / "wrong.json"
    wrong.write_text('{"养老": 3}', encoding="utf-8")
    huge = tmp_path / "huge.json"
    huge.write_bytes(b'{"a": "' + b"x" * (5 * 2**20) + b'"}')
    for bad in [tmp_path, fifo, nested, wrong, huge, tmp_path / "absent.json"]:
        assert load_table(bad) == {}, bad
    assert SearchIndex(catalog(), table={}).search("gaoling")[0].name == "高龄津贴申领"
