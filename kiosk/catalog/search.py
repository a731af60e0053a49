"""Finding a service the way villagers type it: Chinese words, full pinyin, or initials.

Everything that does not depend on the query (pinyin of every name, alias and keyword,
syllable starts) is computed once per catalog, so a query is a few string scans over a
few hundred short strings. Ranking is by how strong the best match is (whole name, prefix,
substring; name over alias over keyword over summary), then shorter names first.

The pinyin of the shipped catalog's texts ships with it (``assets/catalog/pinyin.json``,
made by ``python -m kiosk.catalog.search --write``): pypinyin's dictionaries cost a
terminal 56 MiB and 150 ms, and a resident's first search would pay them. A text the
table does not hold (a catalog the platform installed later) is converted by pypinyin,
imported only then. A test keeps the table equal to what pypinyin says.
"""

from __future__ import annotations

import json
import logging
import re
import sys
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from kiosk.catalog.model import Bundle, Catalog, Item
from kiosk.jsonfile import JsonFileError, read_json_file
from kiosk.resources import asset_dir

log = logging.getLogger(__name__)

TABLE_NAME = "pinyin.json"
TABLE_MAX_BYTES = 4 * 2**20  # far above the shipped catalog's; a runaway file is not read

_CJK = re.compile(r"[\u3400-\u9fff]")
_SPLIT = re.compile(r"[\s,，;；、]+")
_NON_LATIN = re.compile(r"[^a-z0-9]")


@dataclass(frozen=True)
class Hit:
    kind: str  # item | bundle
    code: str
    name: str
    score: float


@dataclass(frozen=True)
class _Text:
    text: str
    weight: float  # 1.0 name, 0.8 alias, 0.6 keyword, 0.3 summary
    full: str  # full pinyin without separators
    initials: str
    starts: frozenset[int]  # offsets in ``full`` where a syllable starts


def pinyin_of(text: str) -> list[str]:
    """The text's syllables as pypinyin gives them (tone-less, lower case, letters only)."""
    from pypinyin import Style, lazy_pinyin  # 56 MiB: only for a text the table lacks

    syllables = [s.lower() for s in lazy_pinyin(text, style=Style.NORMAL, errors="ignore")]
    syllables = [_NON_LATIN.sub("", s) for s in syllables]
    return [s for s in syllables if s]


def catalog_texts(catalog: Catalog) -> Iterable[str]:
    """Every text the index converts, in catalog order."""
    everything: list[Item | Bundle] = [*catalog.items, *catalog.bundles]
    for entry in everything:
        yield entry.name
        yield from entry.aliases
        yield from entry.keywords
        yield entry.plain_summary


def pinyin_table(catalog: Catalog) -> dict[str, str]:
    """text → its syllables joined by spaces, for every text of ``catalog``."""
    return {t: " ".join(pinyin_of(t)) for t in catalog_texts(catalog)}


def table_path() -> Path:
    return asset_dir("catalog", TABLE_NAME)


def load_table(path: Path | None = None) -> dict[str, str]:
    """The shipped table; {} (every text then goes through pypinyin) when it is missing,
    oversized or not a flat object of strings, which is logged, never fatal."""
    path = table_path() if path is None else path
    try:
        data = read_json_file(path, TABLE_MAX_BYTES, 2)
        if not isinstance(data, dict) or not all(
                isinstance(k, str) and isinstance(v, str) for k, v in data.items()):
            raise JsonFileError("not an object of strings")
    except JsonFileError as exc:
        log.warning("pinyin table %s not used (%s); search converts with pypinyin",
                    path.name, exc)
        return {}
    return data


def _syllables(text: str, table: dict[str, str]) -> list[str]:
    known = table.get(text)
    return known.split() if known is not None else pinyin_of(text)


def _text(text: str, weight: float, table: dict[str, str]) -> _Text:
    syllables = _syllables(text, table)
    starts, pos = [], 0
    for s in syllables:
        starts.append(pos)
        pos += len(s)
    return _Text(text, weight, "".join(syllables), "".join(s[0] for s in syllables),
                 frozenset(starts))


@dataclass(frozen=True)
class _Entry:
    kind: str
    code: str
    name: str
    order: int
    texts: tuple[_Text, ...]


class SearchIndex:
    def __init__(self, catalog: Catalog, table: dict[str, str] | None = None) -> None:
        """``table``: text → syllables (the shipped one by default; {} converts all)."""
        known = load_table() if table is None else table
        entries: list[_Entry] = []
        everything: list[Item | Bundle] = [*catalog.items, *catalog.bundles]
        for order, entry in enumerate(everything):
            kind = "bundle" if isinstance(entry, Bundle) else "item"
            texts = [_text(entry.name, 1.0, known)]
            texts += [_text(a, 0.8, known) for a in entry.aliases]
            texts += [_text(k, 0.6, known) for k in entry.keywords]
            texts.append(_text(entry.plain_summary, 0.3, known))
            entries.append(_Entry(kind, entry.code, entry.name, order, tuple(texts)))
        self._entries = tuple(entries)

    def search(self, query: str, limit: int = 20) -> list[Hit]:
        tokens = [t for t in _SPLIT.split(query.strip().lower()) if t]
        if not tokens:
            return []
        scored: list[tuple[float, int, int, _Entry]] = []
        for e in self._entries:
            total = 0.0
            for tok in tokens:
                best = max(_score(t, tok) for t in e.texts)
                if best <= 0:
                    break
                total += best
            else:
                scored.append((-total, len(e.name), e.order, e))
        scored.sort(key=lambda s: s[:3])
        return [Hit(e.kind, e.code, e.name, -neg) for neg, _, _, e in scored[:limit]]


def _score(t: _Text, tok: str) -> float:
    if _CJK.search(tok):
        if t.text == tok:
            return 100 * t.weight
        if t.text.startswith(tok):
            return 90 * t.weight
        pos = t.text.find(tok)
        return (80 - min(pos, 20) * 0.5) * t.weight if pos >= 0 else 0.0
    tok = _NON_LATIN.sub("", tok)
    if not tok:
        return 0.0
    best = 0.0
    if t.full.startswith(tok):
        best = 85.0
    else:
        pos = t.full.find(tok)
        while pos >= 0:
            if pos in t.starts:  # "yanglao" in "chengxiangjuminyanglao…", not "angl"
                best = 75 - min(pos, 40) * 0.25
                break
            pos = t.full.find(tok, pos + 1)
    if len(tok) >= 2:
        if t.initials.startswith(tok):
            best = max(best, 80.0)
        else:
            pos = t.initials.find(tok)
            if pos >= 0:
                best = max(best, 70 - min(pos, 20) * 0.5)
    return best * t.weight


def main(argv: list[str]) -> int:
    """``python -m kiosk.catalog.search --write``: the shipped table from the shipped
    catalog (run after editing assets/catalog/catalog.json; a test says when)."""
    if argv != ["--write"]:
        print("usage: python -m kiosk.catalog.search --write", file=sys.stderr)
        return 2
    from kiosk.catalog.loader import load_catalog

    table = pinyin_table(load_catalog())
    table_path().write_text(json.dumps(table, ensure_ascii=False, indent=0, sort_keys=True)
                            + "\n", encoding="utf-8")
    print(f"{table_path()}: {len(table)} texts")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
