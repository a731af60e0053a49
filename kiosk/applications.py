"""An application as the resident builds it, and the plan that turns it into cases.

This is the one path from "what the resident chose and typed" to "cases in the queue",
used by the touch screens (through ``Kiosk.submit_application``) and by ``kiosk submit``:
catalog items or one bundle, questionnaire answers, prefilled and typed fields, materials,
告知承诺 — validated, split per item, and given deadlines. Pure: no store, no clock
(``today`` is passed in), so every rule is tested directly.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from kiosk.cases import Applicant, Consent, SignedCommitment, Subject, applicant_problems
from kiosk.catalog.model import Bundle, Catalog, Item, Necessity, SelfService
from kiosk.forms.bundle import applicable_materials, select_items, split, subject_maps
from kiosk.forms.schema import FieldProblem, item_form, union_form, validate
from kiosk.guide.checklist import answer_problems
from kiosk.i18n import QT_TRANSLATE_NOOP, arg
from kiosk.materials import MaterialDecl, MaterialRecord, MaterialStatus
from kiosk.signature import Signature, signature_problem
from kiosk.workdays import WorkCalendar, add_days


@dataclass(frozen=True)
class Application:
    applicant: Applicant = field(repr=False)
    codes: tuple[str, ...]  # item codes, or exactly one bundle code
    values: Mapping[str, Any] = field(default_factory=dict, repr=False)
    answers: Mapping[str, Any] = field(default_factory=dict)
    materials: Mapping[str, MaterialDecl] = field(default_factory=dict)
    commitments: tuple[SignedCommitment, ...] = field(default=(), repr=False)
    consent: Consent | None = None
    agent: Applicant | None = field(default=None, repr=False)
    photos: Mapping[str, tuple[bytes, ...]] = field(default_factory=dict, repr=False)
    """Pictures taken on the terminal, by material id (or e.g. ``portrait``)."""


@dataclass(frozen=True)
class PlannedCase:
    item: Item
    values: dict[str, Any] = field(repr=False)
    materials: tuple[MaterialRecord, ...]
    commitments: tuple[SignedCommitment, ...] = field(repr=False)
    promised_by: str | None
    promised_estimated: bool
    subject: Subject | None = field(default=None, repr=False)  # None: the applicant


@dataclass(frozen=True)
class Plan:
    bundle: Bundle | None
    cases: tuple[PlannedCase, ...]
    answers: Mapping[str, Any]
    problems: tuple[FieldProblem, ...]

    @property
    def ok(self) -> bool:
        return not self.problems


class ApplicationInvalid(ValueError):
    """The application cannot be submitted; ``problems`` are for the resident."""

    def __init__(self, problems: tuple[FieldProblem, ...]) -> None:
        self.problems = problems
        super().__init__("；".join(p.message for p in problems))


def derived_answers(app: Application, today: dt.date) -> dict[str, Any]:
    """Answers the terminal knows without asking: age from the card, proxy from an agent."""
    out: dict[str, Any] = {}
    try:
        born = dt.date.fromisoformat(app.applicant.birth_date)
        out["age"] = today.year - born.year - ((today.month, today.day) < (born.month, born.day))
    except ValueError:
        pass
    out["proxy"] = app.agent is not None
    return {**out, **app.answers}


def plan_application(catalog: Catalog, app: Application, calendar: WorkCalendar,
                     today: dt.date) -> Plan:
    # Who applies is checked first and by the rule of their card kind: nothing out of
    # bounds may reach the store, the outbox or the platform (which would refuse it).
    persons = person_problems(app.applicant, app.agent, today)
    problems: list[FieldProblem] = list(persons)
    answers = derived_answers(app, today)
    problems += _answer_problems(catalog, app.answers)
    bundle: Bundle | None = None
    items: list[Item] = []
    entries = [catalog.get(c) for c in app.codes]
    if not app.codes:
        problems.append(FieldProblem("_items", "请至少选择一个办理事项"))
    for code, e in zip(app.codes, entries, strict=True):
        if e is None:
            problems.append(FieldProblem("_items", f"事项 {code} 不在本终端的事项目录中"))
        elif isinstance(e, Bundle):
            if len(app.codes) > 1:
                problems.append(FieldProblem(
                    "_items", "“一件事”需要单独办理，不能和其他事项一起提交"))
            bundle = e
            sel = select_items(catalog, e, answers)
            items += sel.chosen
            if sel.undecided:
                problems.append(FieldProblem("_answers", "还有问题没有回答，无法确定要办哪些事项："
                                             + "、".join(i.name for i in sel.undecided)))
        else:
            items.append(e)
    counter = counter_only(items)
    if counter:  # the flow stops before the form; a spec file or a caller must stop too
        problems.append(FieldProblem("_items", counter_reason(counter)))
    if problems:
        return Plan(bundle, (), answers, tuple(problems))
    if not items:
        nothing = FieldProblem("_items", "按您的回答，这件事没有需要办理的事项")
        return Plan(bundle, (), answers, (*persons, nothing))

    form = union_form(catalog, items) if len(items) > 1 else item_form(catalog, items[0])
    extra: tuple[str, ...] = ("proxy_name", "proxy_id_number") if answers.get("proxy") else ()
    subjects = subject_maps(items, bundle)
    # A chosen item filed for someone else needs that person's fields answered.
    extra += tuple(f for it in items if it.code in subjects
                   for f in subjects[it.code].fields.values() if f in form.fields)
    problems += validate(catalog, form, app.values, extra_required=extra, today=today)
    problems += _commitment_problems(catalog, app, items)

    planned: list[PlannedCase] = []
    shot = {ref for ref, pics in app.photos.items() if pics}
    for part in split(items, app.values, dict(app.materials), answers, subjects):
        it = part.item
        if part.subject is not None:
            # The subject is made of form fields: a field the form check already refused is
            # said once, in the form's words, not again as the subject's.
            told = {p.field for p in problems}
            source = subjects[it.code].fields if it.code in subjects else {}
            problems += [p for p in subject_problems(part.subject, today)
                         if source.get(p.field.removeprefix("subject."), "") not in told]
        own = tuple(c for c in app.commitments if c.item_code == it.code)
        records, mat_problems = _materials(catalog, it, answers, part.materials, own,
                                           shot, calendar, today)
        problems += mat_problems
        due = None if it.time_limit.promised is None else add_days(
            calendar, today, it.time_limit.promised, it.time_limit.unit)
        planned.append(PlannedCase(it, part.values, tuple(records), own,
                                   None if due is None else due.date.isoformat(),
                                   bool(due and due.estimated), part.subject))
    unique: dict[str, FieldProblem] = {}
    for p in problems:  # a bundle can raise the same problem once per item
        unique.setdefault(p.message, p)
    return Plan(bundle, tuple(planned), answers, tuple(unique.values()))


def counter_only(items: tuple[Item, ...] | list[Item]) -> tuple[Item, ...]:
    """The items this terminal may prefill and print but not file (``self_service:
    counter``: seals, an assessment or field work decide them at a counter). One rule for
    ``plan_application`` and the flow's 开始办理, so neither can file what the other refuses."""
    return tuple(i for i in items if i.self_service is SelfService.COUNTER)


def counter_reason(items: tuple[Item, ...]) -> str:
    """Plain words: which item, where to go instead (the catalog's accepting body), and what
    the terminal can still do."""
    if not items:
        return ""
    where = "；".join(arg(QT_TRANSLATE_NOOP("kiosk", "「%1」需要到窗口办理，请到%2办理"),
                          i.name, i.accepting_body) for i in items)
    return arg(QT_TRANSLATE_NOOP("kiosk", "%1。本终端可以帮您查看办事指南、打印材料清单，"
                                          "带齐材料去窗口一次办好。"), where)


def person_problems(applicant: Applicant, agent: Applicant | None,
                    today: dt.date) -> list[FieldProblem]:
    """The applicant's and the agent's records against the contract's bounds, each problem
    naming the person and the field (``applicant.address``), never the value."""
    out = [FieldProblem(f"applicant.{k}", m)
           for k, m in applicant_problems(applicant, "申请人", today)]
    if agent is not None:
        out += [FieldProblem(f"agent.{k}", m)
                for k, m in applicant_problems(agent, "代办人", today)]
    return out


def subject_problems(subject: Subject, today: dt.date) -> list[FieldProblem]:
    """The subject's record within the applicant's bounds (the contract's), so the platform
    takes whatever is stored; no ID number yet (a newborn's) is allowed."""
    who = subject.relation or "办理对象"
    as_person = Applicant(name=subject.name, id_number=subject.id_number or "-",
                          sex=subject.sex, birth_date=subject.birth_date,
                          nation_code=subject.nation_code)
    return [FieldProblem(f"subject.{k}", m)
            for k, m in applicant_problems(as_person, who, today)
            if not (k == "id_number" and not subject.id_number)]


_ANSWER_ID_MAX = 40  # a question id (the catalog's ident)


def _answer_problems(catalog: Catalog, answers: Mapping[str, Any]) -> list[FieldProblem]:
    """The guide's answer checks, after refusing keys no catalog could hold: its messages
    name the key, and a megabyte key must not become a megabyte message."""
    odd = [k for k in answers if not isinstance(k, str) or len(k) > _ANSWER_ID_MAX]
    if odd:
        return [FieldProblem("_answers", f"回答中有{len(odd)}项无法识别的内容")]
    return [FieldProblem("_answers", p) for p in answer_problems(catalog, answers)]


def _commitment_problems(catalog: Catalog, app: Application,
                         items: list[Item]) -> list[FieldProblem]:
    out = []
    by_code = {i.code: i for i in items}
    for c in app.commitments:
        it = by_code.get(c.item_code)
        option = None if it is None else next(
            (o for o in it.commitment_options if o.id == c.option_id), None)
        if it is None or option is None:
            out.append(FieldProblem("_commitment", "告知承诺与所办事项不符，请重新签署"))
            continue
        if c.text != option.text or tuple(c.replaces) != option.replaces:
            out.append(FieldProblem("_commitment", "承诺书内容已更新，请重新阅读并签名"))
        try:
            problem = signature_problem(Signature.from_json(c.strokes))
        except ValueError as exc:
            problem = str(exc)
        if problem:
            out.append(FieldProblem("_signature", problem))
    return out


def _materials(catalog: Catalog, item: Item, answers: Mapping[str, Any],
               decls: Mapping[str, MaterialDecl], commitments: tuple[SignedCommitment, ...],
               shot: set[str], calendar: WorkCalendar, today: dt.date
               ) -> tuple[list[MaterialRecord], list[FieldProblem]]:
    """Every applicable material gets a status; what cannot be covered is a problem."""
    records: list[MaterialRecord] = []
    problems: list[FieldProblem] = []
    replaced = {r for c in commitments for r in c.replaces}
    for m, _unknown in applicable_materials(item, answers):
        name = catalog.materials[m.ref].name
        decl = decls.get(m.ref)
        if decl is None and m.ref in shot:
            decl = MaterialDecl(MaterialStatus.PHOTOGRAPHED)
        if decl is None:
            if m.necessity is Necessity.OPTIONAL:
                continue  # not handed in and not needed: nothing to record or bring
            status = _default_status(m.source, m.ref in replaced, item.self_service)
            if status is None:
                problems.append(FieldProblem(f"material:{m.ref}",
                                             arg(QT_TRANSLATE_NOOP(
                                                 "kiosk", "「%1」需要拍照上传或使用电子证照"),
                                                 name)))
                continue
            decl = MaterialDecl(status)
        due, estimated = None, False
        if decl.status is MaterialStatus.DEFERRED:
            if not m.deferrable and m.necessity is Necessity.OPTIONAL:
                continue  # a bundle sibling owes it; this item can do without
            if not m.deferrable or m.defer_days is None:
                problems.append(FieldProblem(f"material:{m.ref}",
                                             arg(QT_TRANSLATE_NOOP(
                                                 "kiosk", "「%1」不能容缺后补，请现在提供"),
                                                 name)))
                continue
            d = add_days(calendar, today, m.defer_days)
            due, estimated = d.date.isoformat(), d.estimated
        elif decl.status is MaterialStatus.COMMITMENT and m.ref not in replaced:
            problems.append(FieldProblem(f"material:{m.ref}",
                                         arg(QT_TRANSLATE_NOOP(
                                             "kiosk", "「%1」没有可代替它的告知承诺"), name)))
            continue
        elif decl.status is MaterialStatus.ECERT and "ecert" not in m.source:
            problems.append(FieldProblem(f"material:{m.ref}", arg(QT_TRANSLATE_NOOP(
                "kiosk", "「%1」不能用电子证照代替"), name)))
            continue
        elif decl.status is MaterialStatus.PHOTOGRAPHED and m.ref not in shot:
            problems.append(FieldProblem(f"material:{m.ref}", arg(QT_TRANSLATE_NOOP(
                "kiosk", "「%1」还没有拍照"), name)))
            continue
        records.append(MaterialRecord(m.ref, name, decl.status, decl.attachment_ids,
                                      decl.ecert_ref, due, estimated))
    return records, problems


def _default_status(source: tuple[str, ...], replaced: bool,
                    mode: SelfService) -> MaterialStatus | None:
    """How a material nobody declared is covered, if at all."""
    if replaced:
        return MaterialStatus.COMMITMENT
    if "card" in source:
        return MaterialStatus.CARD
    if "terminal" in source:
        return MaterialStatus.TERMINAL
    if "data_sharing" in source:
        return MaterialStatus.SHARED
    if mode is not SelfService.FULL:
        # Filed here, reviewed later: the original is shown at the counter / to the
        # village helper, and the receipt says so.
        return MaterialStatus.ON_SITE
    return None
