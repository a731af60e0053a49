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

from kiosk.cases import Subject
from kiosk.catalog.model import (
    SUBJECT_KEYS,
    Bundle,
    Catalog,
    Item,
    ItemMaterial,
    Necessity,
    SubjectMap,
)
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
    subject: Subject | None = None  # who the item is about, when not the applicant


def subject_maps(items: tuple[Item, ...] | list[Item],
                 bundle: Bundle | None = None) -> dict[str, SubjectMap]:
    """Who each item is about when not the applicant, by item code: the item's own mapping
    (出生登记 is always the newborn's), and in a bundle the bundle item's (医保参保登记 is
    the newborn's in 新生儿出生一件事, the applicant's own when filed alone)."""
    out = {it.code: it.subject for it in items if it.subject is not None}
    if bundle is not None:
        out.update({bi.code: bi.subject for bi in bundle.items if bi.subject is not None})
    return out


def split(items: tuple[Item, ...] | list[Item], values: Mapping[str, Any],
          materials: Mapping[str, Any], answers: Answers,
          subjects: Mapping[str, SubjectMap] | None = None) -> list[ItemPart]:
    """One part per item: its own fields and its own applicable materials, nothing else.

    An item the bundle files for someone else (``subjects``, by item code) gets a Subject
    record. If the item's own form does not ask the subject's fields (医保参保登记 asks
    姓名/身份号码 of the insured), its person fields are the subject's, and a person field
    the mapping does not supply is left out: the parent's ID number is not the newborn's.
    An item that asks them itself (出生登记 asks child_name beside the 申报人's name)
    keeps its own fields as typed."""
    parts = []
    for it in items:
        wanted = {m.ref for m, _ in applicable_materials(it, answers)}
        own = {f: values[f] for f in it.form.fields if f in values}
        mapping = (subjects or {}).get(it.code)
        subject = None
        if mapping is not None:
            subject = Subject(relation=mapping.label, **{
                k: str(values.get(f) or "") for k, f in mapping.fields.items()})
            if not set(mapping.fields.values()) & set(it.form.fields):
                for key in SUBJECT_KEYS:
                    own.pop(key, None)
                    if key in it.form.fields and key in mapping.fields \
                            and values.get(mapping.fields[key]) not in (None, ""):
                        own[key] = values[mapping.fields[key]]
        parts.append(ItemPart(
            item=it, values=own,
            materials={ref: materials[ref] for ref in materials if ref in wanted},
            subject=subject))
    return parts
