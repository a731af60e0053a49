"""One resident's visit at the terminal, from card in to receipt out.

The session holds what is on screen; ``end()`` (idle timeout, card removed after the
receipt, or the resident pressing 退出) drops every personal value so nothing is left
for the next person at the terminal.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from enum import StrEnum
from typing import TYPE_CHECKING, Any

from devices.idcard import CardError, CardRead, CardStatus, IdCard, NoCard, ReaderError
from devices.idcard.validation import card_problem as _card_problem
from kiosk.cases import Applicant, Case, CaseItem
from kiosk.identity import mask_id_number, mask_name

if TYPE_CHECKING:
    from kiosk.maintenance import MaintenanceView

INSERT_CARD_PROMPT = "请将身份证放在读卡区"
QUERY_EMPTY = "没有查到办件"
QUERY_OFFLINE = "暂时无法连接，显示的是本机记录"
RATING_THANKS = "感谢您的评价"


class Step(StrEnum):
    """The screens of the legacy single view model (ui/viewmodels.py). The resident flow
    of issue 13 is ``kiosk.flow.Step``; these names go once the UI has moved onto it."""

    HOME = "home"
    INSERT_CARD = "insert_card"
    CHOOSE_ITEM = "choose_item"
    CONFIRM = "confirm"
    DONE = "done"
    QUERY_RESULT = "query_result"  # 办件查询: this resident's cases on this terminal
    RATE = "rate"  # 好差评 for one case
    RATED = "rated"  # thanks, then home
    MAINTENANCE = "maintenance"  # 维护信息 for technicians: read-only, no personal data


class Purpose(StrEnum):
    """Why the card is being read: the same card screen starts three different visits."""

    SERVICE = "service"
    QUERY = "query"
    RATE = "rate"


@dataclass(frozen=True)
class QueryRecord:
    """One case as the 办件查询 screen shows it: plain words, no identity at all."""

    case_no: str
    items: tuple[str, ...]
    status: str
    detail: str
    date: str  # 2026年11月26日


@dataclass
class SessionView:
    """What the screens show: only masked identity ever leaves the core."""

    step: Step = Step.HOME
    message: str = ""
    problem: bool = False  # True when ``message`` reports something wrong, not a prompt
    masked_name: str = ""
    masked_id: str = ""
    items: list[CaseItem] = field(default_factory=list)
    chosen: list[CaseItem] = field(default_factory=list)
    case_no: str = ""
    case_status: str = ""
    receipt_path: str = ""
    printed: bool = False
    purpose: Purpose = Purpose.SERVICE
    query: list[QueryRecord] = field(default_factory=list)
    query_note: str = ""  # 没有查到办件 / 暂时无法连接… ; empty when all is well
    rating_case_no: str = ""
    rating_level: int = 0  # 5 非常满意 … 1 非常不满意; 0 while nothing is chosen
    maintenance: MaintenanceView | None = None  # only on the MAINTENANCE step


def applicant_from_card(card: IdCard) -> Applicant:
    return Applicant(name=card.name, id_number=card.id_number, sex=card.sex,
                     nation_code=card.nation_code, birth_date=card.birth_date.isoformat(),
                     address=card.current_address, card_kind=card.card_type)


def card_problem(card: IdCard, today: dt.date) -> str | None:
    """Why this card cannot start a case, in words for the resident, or None.

    The rules (expiry with its date in words, number form and check character for every
    card kind, codes) live with the card readers: ``devices.idcard.validation``.
    """
    return _card_problem(card, today)


@dataclass
class ResidentSession:
    view: SessionView = field(default_factory=SessionView)
    applicant: Applicant | None = None
    case: Case | None = None
    answers: dict[str, Any] = field(default_factory=dict)
    # Case ids behind ``view.query`` (same order) and the case being rated: kept here, not
    # in the view, so the screens only ever hold numbers and words.
    query_case_ids: list[str] = field(default_factory=list)
    rating_case_id: str | None = None
    on_end: Callable[[], None] | None = field(default=None, repr=False, compare=False)
    """Set by the Kiosk: what else every way out must empty (drafts, the flow's visit)."""

    def on_card(self, status: CardStatus, today: dt.date) -> bool:
        """Applies a reader status; True when an identity was taken from the card."""
        if isinstance(status, NoCard):
            self.view.message, self.view.problem = INSERT_CARD_PROMPT, False
            return False
        if isinstance(status, CardError | ReaderError):
            self.view.message, self.view.problem = status.resident_message, True
            return False
        assert isinstance(status, CardRead)
        problem = card_problem(status.card, today)
        if problem:
            self.view.message, self.view.problem = problem, True
            return False
        self.applicant = applicant_from_card(status.card)
        self.view.masked_name = mask_name(self.applicant.name)
        self.view.masked_id = mask_id_number(self.applicant.id_number)
        self.view.message, self.view.problem = "", False
        self.view.step = Step.CHOOSE_ITEM
        return True

    def back_to_choice(self) -> None:
        """From the confirm screen back to the item list; the card read stays valid."""
        if self.applicant is not None:
            self.view.chosen = []
            self.view.step = Step.CHOOSE_ITEM

    def end(self) -> None:
        """A way out (返回首页, 退出, idle timeout): nothing of the resident stays, here or
        (through ``on_end``) in the saved drafts and the flow."""
        self.reset()
        if self.on_end is not None:
            self.on_end()

    def reset(self) -> None:
        """Empties the session without ending the visit's drafts (a new visit starting:
        a draft saved before a power cut must still be there to resume)."""
        self.applicant = None
        self.case = None
        self.answers = {}
        self.query_case_ids = []
        self.rating_case_id = None
        self.view = SessionView()
