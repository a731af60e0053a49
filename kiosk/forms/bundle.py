"""一件事一次办: which items a bundle's answers select, and the split back into items.

The resident fills one form (the union of the selected items' forms, shared fields once)
and hands each material in once; at submission every item receives exactly the fields it
lists and the materials it asks for under the answers given — nothing more, so a
department never sees data that belongs to another department's item.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from kiosk.catalog.model import Bundle, Catalog, Item, ItemMaterial, Necessity
from kiosk.guide.rules import Answers, evaluate


@dataclass(frozen=True)
class Selection:
    chosen: tuple[Item, ...]
    undecided: tuple[Item, ...]  # their rule depends on a question not answered yet


def select_items(catalog: Catalog, bundle: Bundle, answers: Answers) -> Selection:
    chosen: list[Item] = []
    undecided: list[Item] = []
    for bi in bundle.items:
        verdict = True if bi.when is None else evaluate(bi.when, answers)
        if verdict is True:
            chosen.append(catalog.item(bi.code))
        elif verdict is None:
            undecided.append(catalog.item(bi.code))
    return Selection(tuple(chosen), tuple(undecided))


def applicable_materials(item: Item, answers: Answers) -> list[tuple[ItemMaterial, bool]]:
    """The item's materials under these answers; the flag is True when the answer that
    decides a conditional material is still missing (视情形)."""
    out: list[tuple[ItemMaterial, bool]] = []
    for m in item.materials:
        if m.necessity is Necessity.CONDITIONAL and m.when is not None:
            verdict = evaluate(m.when, answers)
            if verdict is False:
                continue
            out.append((m, verdict is None))
        else:
            out.append((m, False))
    return out


@dataclass(frozen=True)
class ItemPart:
    item: Item
    values: dict[str, Any]
    materials: dict[str, Any]  # ref → whatever the caller tracks per material


def split(items: tuple[Item, ...] | list[Item], values: Mapping[str, Any],
          materials: Mapping[str, Any], answers: Answers) -> list[ItemPart]:
    """One part per item: its own fields and its own applicable materials, nothing else."""
    parts = []
    for it in items:
        wanted = {m.ref for m, _ in applicable_materials(it, answers)}
        parts.append(ItemPart(
            item=it,
            values={f: values[f] for f in it.form.fields if f in values},
            materials={ref: materials[ref] for ref in materials if ref in wanted}))
    return parts
