"""Case records and the lifecycle rule that says which status may follow which."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from kiosk.materials import MaterialRecord
from sync import protocol


class CaseStatus(StrEnum):
    DRAFT = "draft"
    SUBMITTED = "submitted"  # queued on the terminal, not yet acknowledged
    ACCEPTED = "accepted"  # the platform acknowledged and gave its 办件编号
    IN_PROGRESS = "in_progress"
    NEEDS_CORRECTION = "needs_correction"  # 补正
    FINISHED = "finished"  # 办结
    REFUSED = "refused"  # 不予受理


STATUS_WORDS = {
    CaseStatus.DRAFT: "未提交",
    CaseStatus.SUBMITTED: "已提交，等待上传",
    CaseStatus.ACCEPTED: "已受理",
    CaseStatus.IN_PROGRESS: "办理中",
    CaseStatus.NEEDS_CORRECTION: "需要补正材料",
    CaseStatus.FINISHED: "已办结",
    CaseStatus.REFUSED: "不予受理",
}

_ALLOWED: dict[CaseStatus, frozenset[CaseStatus]] = {
    CaseStatus.DRAFT: frozenset({CaseStatus.SUBMITTED}),
    CaseStatus.SUBMITTED: frozenset({CaseStatus.ACCEPTED, CaseStatus.REFUSED}),
    CaseStatus.ACCEPTED: frozenset({CaseStatus.IN_PROGRESS, CaseStatus.NEEDS_CORRECTION,
                                    CaseStatus.FINISHED, CaseStatus.REFUSED}),
    CaseStatus.IN_PROGRESS: frozenset({CaseStatus.NEEDS_CORRECTION, CaseStatus.FINISHED,
                                       CaseStatus.REFUSED}),
    CaseStatus.NEEDS_CORRECTION: frozenset({CaseStatus.IN_PROGRESS, CaseStatus.REFUSED}),
    CaseStatus.FINISHED: frozenset(),
    CaseStatus.REFUSED: frozenset(),
}


class TransitionError(ValueError):
    pass


def check_transition(old: CaseStatus, new: CaseStatus) -> None:
    if new not in _ALLOWED[old]:
        raise TransitionError(f"a case cannot go from {old.value} to {new.value}")


@dataclass(frozen=True)
class CaseItem:
    code: str
    name: str


@dataclass(frozen=True)
class Applicant:
    """The resident a case is for; comes from the ID card, never typed when a card was read."""

    name: str
    id_number: str
    sex: str = ""
    nation_code: str = ""
    birth_date: str = ""
    address: str = ""
    phone: str = ""
    card_kind: str = "resident"  # devices.idcard.codes kind; cases stored before it: resident

    def __post_init__(self) -> None:
        # One spelling (capital X, no spaces) for the store, its lookup hash and the wire.
        if isinstance(self.id_number, str):
            object.__setattr__(self, "id_number", self.id_number.strip().upper())

    def __repr__(self) -> str:
        return "Applicant(****)"

    __str__ = __repr__


@dataclass(frozen=True)
class Subject:
    """Who a case is about when that is not the applicant: the newborn of 新生儿出生一件事,
    whose 医保参保 and 社保卡 are filed by a parent (监护人, the applicant and contact). Taken
    from the bundle's form by the catalog's per-item ``subject`` mapping; ``id_number`` is
    empty until one is assigned (a newborn's comes with 出生登记)."""

    name: str
    relation: str = ""  # the catalog's label, e.g. 新生儿
    id_number: str = ""
    sex: str = ""
    birth_date: str = ""
    nation_code: str = ""

    def __repr__(self) -> str:
        return "Subject(****)"

    __str__ = __repr__


# What a person's record may hold: the contract's bounds (sync.protocol), so whatever the
# terminal takes in, the platform takes too. Labels name the field, never the value.
_LABELS = {"name": "姓名", "id_number": "证件号码", "sex": "性别", "nation_code": "民族",
           "birth_date": "出生日期", "address": "住址", "phone": "手机号码",
           "card_kind": "证件类型"}


def applicant_problems(person: Applicant, who: str = "申请人",
                       today: dt.date | None = None) -> list[tuple[str, str]]:
    """(field, message) for every bound ``person`` breaks, checked before anything is
    stored: a 50 MB address, a number that is not of its card kind, an impossible date."""
    from kiosk.identity import CARD_KINDS, id_number_problem

    out: list[tuple[str, str]] = []

    def bad(key: str, words: str) -> None:
        out.append((key, f"{who}的「{_LABELS[key]}」{words}"))

    for key in _LABELS:
        if not isinstance(getattr(person, key), str):
            bad(key, "格式不对，应为文字")
    if out:
        return out
    if not person.name.strip():
        bad("name", "必须填写")
    elif len(person.name) > protocol.NAME_MAX:
        bad("name", f"最多只能有{protocol.NAME_MAX}个字")
    if person.card_kind not in CARD_KINDS:
        bad("card_kind", "无法识别")
    elif len(person.id_number) > 32:  # not worth checking digit by digit
        bad("id_number", "太长，请核对")
    else:
        problem = id_number_problem(person.id_number, today, person.card_kind)
        if problem:
            bad("id_number", f"不正确：{problem}")
    if person.sex and person.sex not in protocol.SEX_WORDS:
        bad("sex", "应为" + "、".join(protocol.SEX_WORDS) + "之一")
    if person.nation_code and not (len(person.nation_code) == 2
                                   and person.nation_code.isascii()
                                   and person.nation_code.isdigit()):
        bad("nation_code", "代码应为2位数字")
    if person.birth_date:
        try:
            born = dt.date.fromisoformat(person.birth_date) \
                if re.fullmatch(r"[0-9]{4}-[0-9]{2}-[0-9]{2}", person.birth_date) else None
        except ValueError:
            born = None
        if born is None:
            bad("birth_date", "格式应为“年-月-日”，且日期必须存在")
        elif born.year < 1880 or born > (today or dt.date.today()):
            bad("birth_date", "不正确")
    if len(person.address) > protocol.ADDRESS_MAX:
        bad("address", f"最多只能有{protocol.ADDRESS_MAX}个字")
    if person.phone and not (len(person.phone) <= protocol.PHONE_MAX
                             and person.phone.isascii() and person.phone.isdigit()):
        bad("phone", f"应为不超过{protocol.PHONE_MAX}位的数字")
    return out


@dataclass(frozen=True)
class Consent:
    """The resident accepted the privacy notice (and, separately, reuse of earlier cases)."""

    notice_version: str
    accepted_at: str
    reuse_history: bool = False


@dataclass(frozen=True)
class SignedCommitment:
    """A 告知承诺 the resident signed: the exact text shown, and the signature strokes
    (a PNG of them is stored as the case's ``signature`` attachment)."""

    item_code: str
    option_id: str
    title: str
    text: str
    replaces: tuple[str, ...]
    strokes: dict[str, Any] = field(repr=False)
    signed_at: str


@dataclass(frozen=True)
class Case:
    id: str
    local_no: str
    status: CaseStatus
    terminal_id: str
    region_code: str
    applicant: Applicant = field(repr=False)
    items: tuple[CaseItem, ...]
    form: dict[str, Any] = field(repr=False)
    created_at: str
    platform_no: str | None = None
    # Filled by Store.with_details (the services issue); defaults keep older callers working.
    bundle_no: str | None = None
    materials: tuple[MaterialRecord, ...] = ()
    commitments: tuple[SignedCommitment, ...] = field(default=(), repr=False)
    consent: Consent | None = None
    agent: Applicant | None = field(default=None, repr=False)
    promised_by: str | None = None  # ISO date from the item's promised time limit
    promised_estimated: bool = False  # the holiday calendar did not cover every day
    subject: Subject | None = field(default=None, repr=False)  # None: the applicant

    @property
    def display_no(self) -> str:
        """The platform's number once it is known, the provisional local number before."""
        return self.platform_no or self.local_no
