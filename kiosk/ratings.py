"""好差评: the five-level rating after a service, with reasons and a follow-up phone.

Levels follow the national 政务服务“好差评” scale, stored as 5 (非常满意) … 1 (非常不满意).
A poor rating (不满意 or 非常不满意) must leave a phone number: the rule is that every
差评 gets a follow-up call (回访) and correction. Ratings are stored with the phone
encrypted and queued for the platform like cases (outbox kind ``rating``).
"""

from __future__ import annotations

import datetime as dt
import uuid
from dataclasses import dataclass, field
from enum import IntEnum

from kiosk.forms.validators import check_mobile
from kiosk.i18n import QT_TRANSLATE_NOOP, arg
from kiosk.store import Store


class Level(IntEnum):
    VERY_SATISFIED = 5
    SATISFIED = 4
    BASICALLY_SATISFIED = 3
    DISSATISFIED = 2
    VERY_DISSATISFIED = 1


LEVEL_WORDS = {
    Level.VERY_SATISFIED: "非常满意",
    Level.SATISFIED: "满意",
    Level.BASICALLY_SATISFIED: "基本满意",
    Level.DISSATISFIED: "不满意",
    Level.VERY_DISSATISFIED: "非常不满意",
}

GOOD_REASONS = ("操作简单", "办理快", "少跑腿", "材料少", "工作人员帮助耐心")
POOR_REASONS = ("操作太复杂", "等待时间长", "材料要求太多", "设备故障", "看不清或听不清",
                "没办成", "其他")
MAX_COMMENT = 500


def needs_phone(level: Level) -> bool:
    return level <= Level.DISSATISFIED


def reasons_for(level: Level) -> tuple[str, ...]:
    return POOR_REASONS if level <= Level.BASICALLY_SATISFIED else GOOD_REASONS


@dataclass(frozen=True)
class Rating:
    level: Level
    reasons: tuple[str, ...] = ()
    comment: str = field(default="", repr=False)
    phone: str = field(default="", repr=False)
    case_id: str | None = None


def rating_problems(r: Rating) -> list[str]:
    """What the resident must fix before the rating is accepted, in Chinese."""
    out = []
    allowed = reasons_for(r.level)
    if any(x not in allowed for x in r.reasons):
        out.append(QT_TRANSLATE_NOOP("kiosk", "请从列出的原因中选择"))
    if len(set(r.reasons)) != len(r.reasons):
        out.append(QT_TRANSLATE_NOOP("kiosk", "原因不要重复选择"))
    if len(r.comment) > MAX_COMMENT:
        out.append(arg(QT_TRANSLATE_NOOP("kiosk", "意见最多%1个字"), MAX_COMMENT))
    if needs_phone(r.level):
        if not r.phone.strip():
            out.append(QT_TRANSLATE_NOOP("kiosk", "请留下手机号码，"
                                                  "工作人员会在3个工作日内给您回电了解情况"))
        else:
            problem = check_mobile(r.phone)
            if problem:
                out.append(problem)
    elif r.phone.strip() and check_mobile(r.phone):
        out.append(QT_TRANSLATE_NOOP("kiosk", "手机号码不正确，可以不填"))
    return out


class RatingInvalid(ValueError):
    def __init__(self, problems: list[str]) -> None:
        self.problems = problems
        super().__init__("；".join(problems))


def submit_rating(store: Store, r: Rating, now: dt.datetime | None = None) -> str:
    """Stores and queues the rating in one transaction; returns its id."""
    problems = rating_problems(r)
    if problems:
        raise RatingInvalid(problems)
    rating_id = uuid.uuid4().hex
    at = (now or dt.datetime.now(dt.UTC)).isoformat(timespec="seconds")
    store.add_rating(rating_id=rating_id, level=int(r.level), reasons=list(r.reasons),
                     comment=r.comment.strip(), phone=r.phone.strip().replace(" ", ""),
                     case_id=r.case_id, rated_at=at)
    return rating_id
