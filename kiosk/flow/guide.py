"""The 办事指南 and 智能导办 screens built from the catalog, pure.

Reuses ``kiosk.guide`` (rules, questions, the tailored checklist) rather than restating
any of it: the guide's material list is the checklist with no answers (so 视情形提供 says
where an answer decides), and the question order is ``questions_for``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from kiosk.applications import counter_only, counter_reason
from kiosk.cases import Applicant
from kiosk.catalog.categories import category_of
from kiosk.catalog.model import SELF_SERVICE_WORDS, Bundle, Catalog, Item, Question, SelfService
from kiosk.flow.views import (
    UNKNOWN,
    ChecklistRow,
    ChecklistView,
    ChoiceOption,
    EntryCard,
    GuideMaterial,
    GuideView,
    QuestionView,
)
from kiosk.forms.bundle import select_items
from kiosk.guide.checklist import (
    Checklist,
    build_checklist,
    checklist_lines,
    questions_for,
    visible,
)
from kiosk.i18n import QT_TRANSLATE_NOOP, arg

__all__ = ["visible"]

HAVE_SOURCES = frozenset({"card", "data_sharing", "terminal", "other_item"})
"""Where a material comes from when the resident need not bring it."""

DERIVED = frozenset({"age"})
"""Questions the card answers (never ask for the same thing twice)."""

YES, NO = "yes", "no"
YES_WORD = QT_TRANSLATE_NOOP("kiosk", "是")
NO_WORD = QT_TRANSLATE_NOOP("kiosk", "否")
UNKNOWN_WORD = QT_TRANSLATE_NOOP("kiosk", "不清楚")
NO_FEE = QT_TRANSLATE_NOOP("kiosk", "不收费")

COMMON_ENTRIES = ("LOCAL-MZ-0001", "LOCAL-RS-0002", "LOCAL-RS-0006", "LOCAL-YB-0001")
"""常办事项 on 我要办事, in this order: what most residents of a village terminal come for
(高龄津贴, 养老资格认证, 养老待遇, 医保参保). Codes the catalog does not have, or items only
a counter can take, are left out."""


def common_entries(catalog: Catalog, codes: tuple[str, ...] = COMMON_ENTRIES
                   ) -> tuple[EntryCard, ...]:
    out = []
    for code in codes:
        e = catalog.get(code)
        if isinstance(e, Item) and not counter_only((e,)):
            out.append(entry_card(catalog, e))
    return tuple(out)


def entry_card(catalog: Catalog, entry: Item | Bundle) -> EntryCard:
    if isinstance(entry, Bundle):
        return EntryCard("bundle", entry.code, entry.name, entry.plain_summary,
                         QT_TRANSLATE_NOOP("kiosk", "一件事"), "bundle",
                         arg(QT_TRANSLATE_NOOP("kiosk", "一次办好%1个相关事项"), len(entry.items)),
                         False)
    c = category_of(entry)
    return EntryCard("item", entry.code, entry.name, entry.plain_summary, c.name, c.icon,
                     SELF_SERVICE_WORDS[entry.self_service],
                     entry.self_service is SelfService.COUNTER)


def items_of(catalog: Catalog, entry: Item | Bundle, answers: Mapping[str, Any]
             ) -> tuple[Item, ...]:
    """The items this entry files under these answers (a bundle: those its rules select)."""
    if isinstance(entry, Item):
        return (entry,)
    return select_items(catalog, entry, answers).chosen


def counter_items(catalog: Catalog, entry: Item | Bundle, answers: Mapping[str, Any]
                  ) -> tuple[Item, ...]:
    """The core's rule (``plan_application`` refuses the same items)."""
    return counter_only(items_of(catalog, entry, answers))


def counter_note(items: tuple[Item, ...]) -> str:
    return counter_reason(items)


def derived_answers(applicant: Applicant | None, today: dt.date) -> dict[str, Any]:
    if applicant is None:
        return {}
    try:
        born = dt.date.fromisoformat(applicant.birth_date)
    except ValueError:
        return {}
    return {"age": today.year - born.year - ((today.month, today.day) < (born.month,
                                                                          born.day))}


def next_question(catalog: Catalog, entry: Item | Bundle, answers: Mapping[str, Any],
                  unknown: set[str], after: str = "") -> Question | None:
    """The first visible question not answered yet (after ``after`` when given)."""
    qs = questions_for(catalog, entry)
    start = 0
    if after:
        ids = [q.id for q in qs]
        start = ids.index(after) + 1 if after in ids else 0
    for q in qs[start:]:
        if q.id in answers or q.id in unknown:
            continue
        if visible(q, answers):
            return q
    return None


def visible_questions(catalog: Catalog, entry: Item | Bundle, answers: Mapping[str, Any],
                      derived: Mapping[str, Any]) -> list[Question]:
    return [q for q in questions_for(catalog, entry)
            if q.id not in derived and visible(q, answers)]


def parse_answer(q: Question, value: str) -> tuple[Any, str]:
    """(answer, error): the value the rules compare, or an error for the resident.
    ``UNKNOWN`` gives (None, "") — no answer, the checklist says 视情形提供."""
    v = value.strip()
    if v == UNKNOWN:
        return None, ""
    if q.kind == "yesno":
        if v in (YES, NO):
            return v == YES, ""
        return None, QT_TRANSLATE_NOOP("kiosk", "请选择“是”或“否”")
    if q.kind == "choice":
        if v in {o.value for o in q.options}:
            return v, ""
        return None, QT_TRANSLATE_NOOP("kiosk", "请从选项中选择一项")
    try:
        n = int(v)
    except ValueError:
        return None, QT_TRANSLATE_NOOP("kiosk", "请填写一个整数")
    lo, hi = q.min if q.min is not None else 0, q.max if q.max is not None else 1 << 31
    if not lo <= n <= hi:
        return None, arg(QT_TRANSLATE_NOOP("kiosk", "请填写%1到%2之间的整数"), lo, hi)
    return n, ""


def answer_words(q: Question, value: Any) -> str:
    if value is None:
        return UNKNOWN_WORD
    if q.kind == "yesno":
        return YES_WORD if value else NO_WORD
    if q.kind == "choice":
        return next((o.label for o in q.options if o.value == value), str(value))
    return str(value)


def question_view(catalog: Catalog, entry: Item | Bundle, q: Question,
                  answers: Mapping[str, Any], unknown: set[str],
                  derived: Mapping[str, Any], error: str = "") -> QuestionView:
    if q.kind == "yesno":
        opts: tuple[ChoiceOption, ...] = (ChoiceOption(YES, YES_WORD), ChoiceOption(NO, NO_WORD))
    elif q.kind == "choice":
        opts = tuple(ChoiceOption(o.value, o.label) for o in q.options)
    else:
        opts = ()
    opts += (ChoiceOption(UNKNOWN, UNKNOWN_WORD),)
    shown = visible_questions(catalog, entry, answers, derived)
    ids = [x.id for x in shown]
    number = ids.index(q.id) + 1 if q.id in ids else len(ids) + 1
    if q.id in unknown:
        current = UNKNOWN
    elif q.id in answers:
        a = answers[q.id]
        current = (YES if a else NO) if q.kind == "yesno" else str(a)
    else:
        current = ""
    return QuestionView(q.id, q.text, q.help, q.kind, opts, q.min, q.max, number,
                        max(len(shown), number), current, error)


def _fee(it: Item) -> str:
    if it.fee.free:
        return NO_FEE
    parts = [it.fee.text] + [f"{c.name}{c.amount}（{c.when}）" for c in it.fee.charges]
    return "；".join(p for p in parts if p) or QT_TRANSLATE_NOOP("kiosk",
                                                                 "收费，标准以窗口公示为准")


def guide_view(catalog: Catalog, entry: Item | Bundle) -> GuideView:
    cl = build_checklist(catalog, entry.code, {})
    if isinstance(entry, Bundle):
        items = tuple(catalog.item(bi.code) for bi in entry.items)
    else:
        items = (entry,)
    sources: dict[str, set[str]] = {}
    for it in items:
        for m in it.materials:
            sources.setdefault(m.ref, set()).update(m.source)
    mats = tuple(GuideMaterial(e.name, e.necessity, e.originals, e.copies, e.how,
                               bool(sources.get(e.ref, set()) & HAVE_SOURCES),
                               e.deferrable_days, e.note) for e in cl.entries)
    counter = counter_only(items)
    single = items[0] if len(items) == 1 else None
    if single is not None:
        promised, fee = single.time_limit.words, _fee(single)
        self_service = SELF_SERVICE_WORDS[single.self_service]
    else:
        promised = "；".join(f"{i.name}{i.time_limit.words}" for i in items)
        fee = NO_FEE if all(i.fee.free for i in items) else "；".join(
            f"{i.name}：{_fee(i)}" for i in items)
        self_service = QT_TRANSLATE_NOOP("kiosk", "按您的回答确定要办的事项，一次提交")
    return GuideView(
        kind="bundle" if isinstance(entry, Bundle) else "item", code=entry.code,
        name=entry.name, plain_summary=entry.plain_summary,
        items=tuple(i.name for i in items),
        conditions=tuple(dict.fromkeys(c.text for i in items for c in i.conditions)),
        materials=mats, promised_time=promised, fee=fee,
        result_from="；".join(dict.fromkeys(
            arg(QT_TRANSLATE_NOOP("kiosk", "办理结果由%1作出"), i.deciding_body) for i in items)),
        where="；".join(dict.fromkeys(i.accepting_body for i in items)),
        hotlines=tuple(dict.fromkeys(h for i in items for h in i.hotlines)) or ("12345",),
        self_service=self_service,
        can_apply=isinstance(entry, Bundle) or not counter,
        counter_note=counter_note(counter) if isinstance(entry, Item) else (
            arg(QT_TRANSLATE_NOOP("kiosk", "按您的回答，其中%1可能需要到窗口办理"),
                "、".join(f"「{i.name}」" for i in counter)) if counter else ""),
        has_questions=bool(questions_for(catalog, entry)),
        commitments=tuple(dict.fromkeys(c.title for i in items for c in i.commitment_options)),
        reminders=tuple(dict.fromkeys(r for i in items for r in i.reminders)))


def checklist_for(catalog: Catalog, entry: Item | Bundle, answers: Mapping[str, Any]
                  ) -> tuple[Checklist, list[str]]:
    cl = build_checklist(catalog, entry.code, answers)
    return cl, checklist_lines(cl, catalog)


def checklist_view(catalog: Catalog, entry: Item | Bundle, answers: Mapping[str, Any],
                   printed: bool) -> ChecklistView:
    cl, lines = checklist_for(catalog, entry, answers)
    counter = counter_only(cl.items)
    rows = tuple(ChecklistRow(
        e.name, e.necessity,
        "、".join(x for x in (
            arg(QT_TRANSLATE_NOOP("kiosk", "原件%1份"), e.originals) if e.originals else "",
            arg(QT_TRANSLATE_NOOP("kiosk", "复印件%1份"), e.copies) if e.copies else "") if x),
        e.how, e.deferrable_days, e.note, e.for_items) for e in cl.entries)
    return ChecklistView(cl.title, rows, tuple(q.text for q in cl.pending),
                         tuple(i.name for i in cl.items), tuple(i.name for i in cl.undecided),
                         cl.conditions, cl.commitments, tuple(lines),
                         can_apply=not counter and bool(cl.items) and not cl.undecided,
                         counter_note=counter_note(counter), printed=printed)
