"""Case records and the lifecycle rule that says which status may follow which."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from kiosk.materials import MaterialRecord


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

    def __repr__(self) -> str:
        return "Applicant(****)"

    __str__ = __repr__


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

    @property
    def display_no(self) -> str:
        """The platform's number once it is known, the provisional local number before."""
        return self.platform_no or self.local_no
