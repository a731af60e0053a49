"""The shipped catalog, its schema, and refusing malformed catalogs precisely."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kiosk.catalog import CatalogError, CatalogKeeper, load_catalog
from kiosk.catalog.loader import CATALOG_FILE, parse_catalog
from kiosk.catalog.model import Necessity, SelfService
from tests.kiosk.svc import catalog, raw_catalog, write_catalog


def test_shipped_catalog_has_15_items_and_3_bundles_with_every_guide_element() -> None:
    cat = catalog()
    assert len(cat.items) >= 15 and len(cat.bundles) >= 3
    names = {b.name for b in cat.bundles}
    assert {"新生儿出生一件事", "残疾人服务一件事"} <= names
    assert any(n.startswith("退休一件事") for n in names)
    for it in cat.items:
        assert it.name and it.department and it.accepting_body and it.deciding_body
        assert it.levels and it.legal_basis and it.conditions and it.steps and it.sources
        assert any(m.necessity is Necessity.REQUIRED for m in it.materials)
        assert it.time_limit.unit in ("workday", "calendar_day")
        assert it.hotlines and len(it.plain_summary) >= 10
        assert it.self_service in SelfService
        assert set(it.form.required) <= set(it.form.fields)


def test_codes_are_marked_local_and_no_official_looking_code_is_invented() -> None:
    for it in catalog().items:
        assert it.code.startswith("LOCAL-") and it.is_local_code
        assert it.basic_code is None and it.implementation_code is None
    assert all(b.code.startswith("LOCAL-YJS-") for b in catalog().bundles)


def test_first_four_items_keep_the_foundation_order() -> None:
    names = [i.name for i in catalog().items[:4]]
    assert names == ["城乡居民基本养老保险参保登记", "城乡居民基本医疗保险参保登记",
                     "养老保险待遇领取资格认证", "高龄津贴申领"]


def test_deferred_deadlines_never_exceed_the_promised_limit() -> None:
    for it in catalog().items:
        for m in it.materials:
            if m.deferrable and it.time_limit.promised is not None:
                assert m.defer_days is not None and m.defer_days <= it.time_limit.promised


def _problems(data: Any, tmp_path: Path) -> list[str]:
    write_catalog(tmp_path / "cat", data)
    with pytest.raises(CatalogError) as info:
        load_catalog(tmp_path / "cat")
    file = str(tmp_path / "cat" / CATALOG_FILE)
    assert all(p.file == file for p in info.value.problems)
    assert file in str(info.value)
    return [f"{p.path}: {p.reason}" for p in info.value.problems]


def test_missing_required_element_names_the_item_and_key(tmp_path: Path) -> None:
    data = raw_catalog()
    del data["items"][2]["legal_basis"]
    assert any(p.startswith("$.items[2]: ") and "legal_basis" in p
               for p in _problems(data, tmp_path))


def test_unknown_material_reference_names_its_json_path(tmp_path: Path) -> None:
    data = raw_catalog()
    data["items"][5]["materials"][1]["ref"] = "no_such_material"
    assert "$.items[5].materials[1].ref: unknown material 'no_such_material'" in \
        _problems(data, tmp_path)


def test_rule_on_an_unknown_question_or_option_is_refused(tmp_path: Path) -> None:
    data = raw_catalog()
    data["items"][0]["materials"][3]["when"] = {"q": "nope", "eq": True}
    data["bundles"][2]["items"][2]["when"]["all"][1]["any"][0]["in"] = ["g9"]
    problems = _problems(data, tmp_path)
    assert "$.items[0].materials[3].when.q: unknown question 'nope'" in problems
    assert any(p.startswith("$.bundles[2].items[2].when.all[1].any[0].in[0]") and "g9" in p
               for p in problems)


def test_deferral_longer_than_the_promise_is_refused(tmp_path: Path) -> None:
    data = raw_catalog()
    data["items"][3]["materials"][2]["defer_days"] = 60
    assert any(p.startswith("$.items[3].materials[2].defer_days") for p in
               _problems(data, tmp_path))


def test_duplicate_code_and_unknown_bundle_item_are_refused(tmp_path: Path) -> None:
    data = raw_catalog()
    data["items"][1]["code"] = data["items"][0]["code"]
    problems = _problems(data, tmp_path)
    assert any(p.startswith("$.items[1].code: duplicate code") for p in problems)


def test_broken_json_names_line_and_column(tmp_path: Path) -> None:
    folder = tmp_path / "cat"
    folder.mkdir()
    (folder / CATALOG_FILE).write_text('{"schema_version": 1,\n  "items": [}', encoding="utf-8")
    with pytest.raises(CatalogError, match=r"not valid JSON: .* line 2 column"):
        load_catalog(folder)


def test_keeper_keeps_serving_the_last_good_catalog(tmp_path: Path) -> None:
    folder = write_catalog(tmp_path / "cat", raw_catalog())
    keeper = CatalogKeeper(folder, cache_dir=tmp_path / "cache")
    good = keeper.reload()
    bad = raw_catalog()
    bad["items"][0]["self_service"] = "sometimes"
    write_catalog(folder, bad)
    assert keeper.reload() is good
    assert keeper.last_error is not None
    assert "$.items[0].self_service" in str(keeper.last_error)
    # After a restart the on-disk copy of the last good catalog is served.
    restarted = CatalogKeeper(folder, cache_dir=tmp_path / "cache")
    assert restarted.reload().version == good.version
    assert restarted.last_error is not None


def test_keeper_without_any_good_catalog_raises(tmp_path: Path) -> None:
    folder = write_catalog(tmp_path / "cat", {"schema_version": 1})
    with pytest.raises(CatalogError):
        CatalogKeeper(folder).reload()


_json = st.recursive(st.none() | st.booleans() | st.integers(-5, 100) | st.text(max_size=8),
                     lambda c: st.lists(c, max_size=3) | st.dictionaries(
                         st.text(max_size=6), c, max_size=3), max_leaves=6)


def _paths(node: Any, prefix: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    out = [prefix]
    if isinstance(node, dict):
        for k, v in node.items():
            out += _paths(v, (*prefix, k))
    elif isinstance(node, list):
        for i, v in enumerate(node):
            out += _paths(v, (*prefix, i))
    return out


RAW = raw_catalog()
ALL_PATHS = [p for p in _paths(RAW) if p]


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(ALL_PATHS), st.one_of(st.just("__delete__"), _json))
def test_any_single_corruption_loads_or_is_refused_with_a_json_path(path: tuple[Any, ...],
                                                                    value: Any) -> None:
    data = json.loads(json.dumps(RAW))
    parent = data
    for k in path[:-1]:
        parent = parent[k]
    if value == "__delete__":
        del parent[path[-1]]
    else:
        parent[path[-1]] = value
    try:
        cat = parse_catalog(data, "catalog.json")
    except CatalogError as exc:
        assert exc.problems
        for p in exc.problems:
            assert p.file == "catalog.json" and p.path.startswith("$") and p.reason
        return
    assert cat.items  # a harmless change (e.g. a text) still gives a usable catalog
