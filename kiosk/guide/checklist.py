"""From answers to the tailored 材料清单: what this resident must bring, and nothing else.

Pure: catalog + answers in, a Checklist out. Printing (text here, PDF in kiosk.receipts)
only formats it. For a bundle, each material appears once with the items that need it.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from kiosk.catalog.model import (
    SELF_SERVICE_WORDS,
    Bundle,
    Catalog,
    Item,
    ItemMaterial,
    Necessity,
    Question,
)
from kiosk.forms.bundle import applicable_materials, select_items
from kiosk.guide.rules import Answers, evaluate

SOURCE_WORDS = {
    "card": "读身份证即可",
    "ecert": "可用电子证照代替",
    "data_sharing": "可通过数据共享核验",
    "terminal": "终端自动生成",
    "camera": "可在终端拍照上传",
    "applicant": "请自备",
    "other_item": "由同一件事中前面的事项生成",
}


class AnswerError(ValueError):
    """Answers do not fit the questionnaire; the message names the question."""


@dataclass(frozen=True)
class ChecklistEntry:
    ref: str
    name: str
    necessity: str  # 必须提供 | 可选提供 | 视情形提供
    originals: int
    copies: int
    how: tuple[str, ...]
    deferrable_days: int | None
    check_points: str
    note: str
    for_items: tuple[str, ...]  # item names (bundles: which items need it)


@dataclass(frozen=True)
class Checklist:
    code: str
    title: str
    items: tuple[Item, ...]
    undecided: tuple[Item, ...]
    entries: tuple[ChecklistEntry, ...]
    conditions: tuple[str, ...]
    pending: tuple[Question, ...]  # visible questions not answered yet
    commitments: tuple[str, ...]  # titles of 告知承诺 options available


def questions_for(catalog: Catalog, entry: Item | Bundle) -> list[Question]:
    ids = list(entry.questions)
    if isinstance(entry, Bundle):
        for bi in entry.items:
            ids += [q for q in catalog.item(bi.code).questions if q not in ids]
    return [catalog.questions[q] for q in ids]


def visible(q: Question, answers: Answers) -> bool:
    return q.show_if is None or evaluate(q.show_if, answers) is True


def answer_problems(catalog: Catalog, answers: Mapping[str, Any]) -> list[str]:
    """Technician-readable problems with an answers file (unknown ids, wrong types)."""
    out = []
    for k, v in answers.items():
        q = catalog.questions.get(k)
        if q is None:
            out.append(f"{k}: no such question (known: {', '.join(sorted(catalog.questions))})")
        elif q.kind == "yesno" and not isinstance(v, bool):
            out.append(f"{k}: expected true or false")
        elif q.kind == "choice" and v not in {o.value for o in q.options}:
            out.append(f"{k}: expected one of {', '.join(o.value for o in q.options)}")
        elif q.kind == "number" and (isinstance(v, bool) or not isinstance(v, int)
                                     or not (q.min or 0) <= v <= (q.max or 1 << 31)):
            out.append(f"{k}: expected a whole number from {q.min} to {q.max}")
    return out


def build_checklist(catalog: Catalog, code: str, answers: Answers) -> Checklist:
    entry = catalog.get(code)
    if entry is None:
        raise KeyError(code)
    problems = answer_problems(catalog, answers)
    if problems:
        raise AnswerError("; ".join(problems))
    if isinstance(entry, Bundle):
        sel = select_items(catalog, entry, answers)
        items, undecided = sel.chosen, sel.undecided
    else:
        items, undecided = (entry,), ()
    merged: dict[str, list[tuple[ItemMaterial, bool, Item]]] = {}
    for it in (*items, *undecided):
        for m, unknown in applicable_materials(it, answers):
            merged.setdefault(m.ref, []).append((m, unknown or it in undecided, it))
    entries = [_entry(catalog, ref, uses) for ref, uses in merged.items()]
    conditions: list[str] = []
    for it in items:
        for c in it.conditions:
            if (c.when is None or evaluate(c.when, answers) is not False) \
                    and c.text not in conditions:
                conditions.append(c.text)
    pending = tuple(q for q in questions_for(catalog, entry)
                    if q.id not in answers and visible(q, answers))
    commitments = tuple(dict.fromkeys(c.title for it in items for c in it.commitment_options))
    return Checklist(code, entry.name, tuple(items), tuple(undecided), tuple(entries),
                     tuple(conditions), pending, commitments)


def _entry(catalog: Catalog, ref: str, uses: list[tuple[ItemMaterial, bool, Item]]
           ) -> ChecklistEntry:
    mats = [m for m, _, _ in uses]
    if any(m.necessity is Necessity.REQUIRED and not unknown for m, unknown, _ in uses) or \
            any(m.necessity is Necessity.CONDITIONAL and not unknown for m, unknown, _ in uses):
        necessity = "必须提供"
    elif any(unknown for _, unknown, _ in uses):
        necessity = "视情形提供"
    else:
        necessity = "可选提供"
    sources = list(dict.fromkeys(s for m in mats for s in m.source))
    # A bundle asks once, so the strictest item decides counts and whether 容缺 is allowed.
    deferrable = all(m.deferrable for m in mats)
    days = min((m.defer_days or 0) for m in mats) if deferrable else None
    lib = catalog.materials[ref]
    notes = list(dict.fromkeys(n for n in [*(m.note for m in mats), lib.note, lib.photo_spec] if n))
    return ChecklistEntry(
        ref=ref, name=lib.name, necessity=necessity,
        originals=max(m.originals for m in mats), copies=max(m.copies for m in mats),
        how=tuple(SOURCE_WORDS[s] for s in sources), deferrable_days=days,
        check_points="；".join(dict.fromkeys(m.check_points for m in mats if m.check_points)),
        note="；".join(notes), for_items=tuple(dict.fromkeys(it.name for _, _, it in uses)))


def checklist_lines(cl: Checklist, catalog: Catalog) -> list[str]:
    """The checklist as plain lines: the CLI prints them, the PDF lays them out."""
    lines = [f"{cl.title} — 材料清单", f"目录版本：{catalog.version}"]
    if cl.pending:
        lines.append("还有问题没有回答，标“视情形提供”的材料取决于这些回答：")
        lines += [f"  · {q.text}" for q in cl.pending]
    if len(cl.items) > 1 or cl.undecided:
        lines.append("本次办理的事项：")
        lines += [f"  · {it.name}" for it in cl.items]
        lines += [f"  · {it.name}（视回答而定）" for it in cl.undecided]
    if cl.conditions:
        lines.append("办理条件：")
        lines += [f"  · {c}" for c in cl.conditions]
    lines.append("需要的材料：")
    for i, e in enumerate(cl.entries, 1):
        count = "、".join(x for x in (f"原件{e.originals}份" if e.originals else "",
                                      f"复印件{e.copies}份" if e.copies else "") if x)
        lines.append(f"{i}. {e.name}（{e.necessity}{'，' + count if count else ''}）")
        if e.how:
            lines.append(f"   {'；'.join(e.how)}")
        if e.deferrable_days:
            lines.append(f"   暂时没有可以先办，{e.deferrable_days}个工作日内补交（容缺受理）")
        if e.check_points:
            lines.append(f"   要求：{e.check_points}")
        if e.note:
            lines.append(f"   说明：{e.note}")
        if len(cl.items) > 1:
            lines.append(f"   用于：{'、'.join(e.for_items)}")
    if cl.commitments:
        lines.append(f"可选择告知承诺：{'、'.join(cl.commitments)}")
    for it in cl.items:
        lines.append(f"{it.name}：办理时限{it.time_limit.words}；"
                     f"{'不收费' if it.fee.free else '收费'}；"
                     f"{SELF_SERVICE_WORDS[it.self_service]}")
    hotlines = dict.fromkeys(h for it in cl.items for h in it.hotlines)
    lines.append(f"咨询电话：{'、'.join(hotlines) or '12345'}")
    return lines
