"""Catalog search: p50/p99 of the ranked pinyin-aware search on the shipped catalog, against
a plain substring scan over item names (the baseline, measured in the same run)."""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable

from kiosk.catalog import load_catalog
from kiosk.catalog.search import SearchIndex

QUERIES = ["ylbx", "养老保险", "yanglao", "低保", "dibao", "shebaoka", "残疾 补贴", "cj",
           "一件事", "gaolingjintie", "z", "居住证", "wfzjl", "门诊慢特病", "xsr"]


def _times(fn: Callable[[str], object], n: int) -> list[float]:
    out = []
    for i in range(n):
        q = QUERIES[i % len(QUERIES)]
        t0 = time.perf_counter()
        fn(q)
        out.append(time.perf_counter() - t0)
    return out


def run(quick: bool) -> list[str]:
    n = 300 if quick else 3000
    cat = load_catalog()
    t0 = time.perf_counter()
    index = SearchIndex(cat)
    build = time.perf_counter() - t0
    names = [(e.code, e.name) for e in (*cat.items, *cat.bundles)]

    def substring(q: str) -> list[str]:
        return [code for code, name in names if q in name]

    base = _times(substring, n)
    real = _times(index.search, n)
    p = lambda xs, k: statistics.quantiles(xs, n=100)[k - 1]  # noqa: E731
    return [
        f"catalog: {len(cat.items)} items, {len(cat.bundles)} bundles; index built in "
        f"{build * 1000:.1f} ms",
        f"search p50 {p(real, 50) * 1000:.3f} ms, p99 {p(real, 99) * 1000:.3f} ms "
        f"(budget 20 ms); substring-scan baseline p99 {p(base, 99) * 1000:.4f} ms; "
        f"ratio p99 {p(real, 99) / p(base, 99):.0f}x",
    ]
