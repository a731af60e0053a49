"""One resident's visit: where they are, how they got there, and what they have given.

The ``Visit`` is the only place the flow keeps personal data (the card's identity, typed
answers, photos). Ending the visit replaces it with a fresh one, so every way out
(返回首页, 退出, the idle timeout) leaves exactly the same nothing behind. Movement goes
through ``go``, which refuses a step the table does not allow from here and checks the
destination's guard; ``back`` walks the history stack.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from kiosk.cases import Applicant, Case
from kiosk.catalog.model import Catalog
from kiosk.flow.problems import Problem
from kiosk.flow.steps import FLOW, Step
from kiosk.session import Purpose

Place = tuple[Step, str]
"""A step and its argument: the category id, question id, form page or query text."""


class FlowError(RuntimeError):
    """An action the current step does not offer: a bug in the caller, never the resident's
    doing (the screens only offer what the table allows)."""


@dataclass
class Visit:
    step: Step = Step.HOME
    arg: str = ""
    history: list[Place] = field(default_factory=list)
    purpose: Purpose = Purpose.SERVICE
    applicant: Applicant | None = field(default=None, repr=False)
    masked_name: str = ""
    masked_id: str = ""
    card_banner: Problem | None = None
    after_card: Place | None = None  # where to go once the card is read (applying)
    # 长辈模式 and 高对比度: chosen on the home screen for this visit only. Starting a visit
    # from the home screen keeps them (they were chosen for it); ending one drops them.
    elder: bool = False
    high_contrast: bool = False
    # Finding a service
    search_query: str = field(default="", repr=False)
    entry_code: str = ""
    # 智能导办
    answers: dict[str, Any] = field(default_factory=dict, repr=False)
    unknown: set[str] = field(default_factory=set)
    question_error: str = ""
    checklist_printed: bool = False
    # The form
    entered: dict[str, str] = field(default_factory=dict, repr=False)
    errors: dict[str, str] = field(default_factory=dict, repr=False)
    returning_to_check: bool = False
    history_consent: bool = False
    draft_id: str = ""
    # Materials and declarations
    photos: dict[str, list[bytes]] = field(default_factory=dict, repr=False)
    deferred: set[str] = field(default_factory=set)
    confirmed: dict[str, str] = field(default_factory=dict)  # commitment id → touched at
    consent_at: str = ""
    ways: dict[str, str] = field(default_factory=dict)  # material → kiosk.materials.Way value
    ecerts: dict[str, Any] = field(default_factory=dict, repr=False)  # → ECertReference
    signed: dict[str, list[Any]] = field(default_factory=dict, repr=False)  # → SignedCommitment
    unable: set[str] = field(default_factory=set)  # materials the resident does not have
    scan_error: str = ""
    sign_error: str = ""
    camera_problem: str = ""  # CameraStatus resident words, set by the UI's preview worker
    # After submitting
    cases: list[Case] = field(default_factory=list, repr=False)
    printed: bool = False
    receipt_path: str = ""
    printer: tuple[str, bool] | None = None  # (words, ready) as last read (refresh_cases)
    # 办件查询, 补正, 好差评
    query_how: str = ""  # card | number
    query_typed: str = field(default="", repr=False)
    query_error: str = ""
    query_rows: list[Any] = field(default_factory=list, repr=False)  # StatusLine
    query_case_ids: list[str] = field(default_factory=list, repr=False)
    query_note: str = ""
    correction_case_id: str = ""
    correction_printed: bool = False
    rating_case_id: str = ""
    rating_level: int = 0
    rating_error: str = ""
    # Failures
    problem: Problem | None = None
    print_case_id: str = ""  # the case whose receipt failed to print (PRINT_PROBLEM)

    # Moving -------------------------------------------------------------------------------

    @property
    def place(self) -> Place:
        return (self.step, self.arg)

    def can_go(self, step: Step) -> bool:
        here = FLOW[self.step]
        return step in here.next or step is Step.PROBLEM or (step is Step.HOME and here.home)

    def move(self, step: Step, arg: str = "") -> None:
        """Moves without checks: ``ResidentFlow.go`` checks the table and the guard."""
        here = FLOW[self.step]
        target = (step, arg)
        if target in self.history:  # coming back (e.g. 修改 → 核对信息): no loop in history
            del self.history[self.history.index(target):]
        elif here.in_history and self.place != target:
            self.history.append(self.place)
        self.step, self.arg = step, arg

    def pop(self) -> Place | None:
        while self.history:
            place = self.history.pop()
            if FLOW[place[0]].in_history:
                return place
        return None

    @property
    def can_back(self) -> bool:
        return FLOW[self.step].back and any(FLOW[s].in_history for s, _ in self.history)


Guard = Callable[[Visit, Catalog], str | None]
"""A reason in plain words why the step cannot be entered, or None."""


def _category_known(v: Visit, c: Catalog) -> str | None:
    from kiosk.catalog.categories import category

    return None if category(c, v.arg) is not None else "没有这个分类"


def _entry_chosen(v: Visit, c: Catalog) -> str | None:
    return None if c.get(v.entry_code) is not None else "请先选择要办的事项"


def _question_pending(v: Visit, c: Catalog) -> str | None:
    return None if v.arg in c.questions else "没有要回答的问题"


def _can_apply(v: Visit, c: Catalog) -> str | None:
    from kiosk.flow.guide import counter_items

    if v.applicant is None:
        return "请先读取身份证"
    entry = c.get(v.entry_code)
    if entry is None:
        return "请先选择要办的事项"
    counter = counter_items(c, entry, v.answers)
    if counter:
        return "、".join(i.name for i in counter) + "需要到窗口办理"
    return None


def _photo_needed(v: Visit, c: Catalog) -> str | None:
    return None if v.arg and v.applicant is not None else "没有需要拍照的材料"


def _has_cases(v: Visit, c: Catalog) -> str | None:
    return None if v.cases else "还没有提交办件"


def _print_case(v: Visit, c: Catalog) -> str | None:
    return None if v.print_case_id else "没有要打印的回执"


def _rating_case(v: Visit, c: Catalog) -> str | None:
    return None if v.rating_case_id else "没有可以评价的办件"


def _query_done(v: Visit, c: Catalog) -> str | None:
    return None if v.query_how else "还没有查询"


def _correction_case(v: Visit, c: Catalog) -> str | None:
    return None if v.correction_case_id else "没有需要补正的办件"


def _commitment_known(v: Visit, c: Catalog) -> str | None:
    return None if v.arg and v.applicant is not None else "没有需要签署的告知承诺"


GUARDS: Mapping[str, Guard] = {
    "commitment_known": _commitment_known,
    "category_known": _category_known,
    "entry_chosen": _entry_chosen,
    "question_pending": _question_pending,
    "can_apply": _can_apply,
    "photo_needed": _photo_needed,
    "has_cases": _has_cases,
    "print_case": _print_case,
    "rating_case": _rating_case,
    "query_done": _query_done,
    "correction_case": _correction_case,
}
