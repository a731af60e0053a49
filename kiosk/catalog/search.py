"""Finding a service the way villagers type it: Chinese words, full pinyin, or initials.

Everything that does not depend on the query (pinyin of every name, alias and keyword,
syllable starts) is computed once per catalog, so a query is a few string scans over a
few hundred short strings. Ranking is by how strong the best match is (whole name, prefix,
substring; name over alias over keyword over summary), then shorter names first.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from pypinyin import Style, lazy_pinyin

from kiosk.catalog.model import Bundle, Catalog, Item

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


def _text(text: str, weight: float) -> _Text:
    syllables = [s.lower() for s in lazy_pinyin(text, style=Style.NORMAL, errors="ignore")]
    syllables = [_NON_LATIN.sub("", s) for s in syllables]
    syllables = [s for s in syllables if s]
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
    def __init__(self, catalog: Catalog) -> None:
        entries: list[_Entry] = []
        everything: list[Item | Bundle] = [*catalog.items, *catalog.bundles]
        for order, entry in enumerate(everything):
            kind = "bundle" if isinstance(entry, Bundle) else "item"
            texts = [_text(entry.name, 1.0)]
            texts += [_text(a, 0.8) for a in entry.aliases]
            texts += [_text(k, 0.6) for k in entry.keywords]
            texts.append(_text(entry.plain_summary, 0.3))
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
