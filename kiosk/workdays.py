"""Working-day arithmetic for promised completion dates (承诺办结时限) and 容缺 deadlines.

The holiday calendar is data (assets/catalog/holidays.json) because the State Council
publishes the next year's arrangement each November, including weekend make-up days; a
date beyond the calendar's coverage is still computed (weekends only) but flagged as an
estimate so paper never states it as a promise.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from pathlib import Path

from kiosk.i18n import QT_TRANSLATE_NOOP, arg
from kiosk.resources import asset_dir

HOLIDAYS_FILE = asset_dir("catalog") / "holidays.json"


class CalendarError(ValueError):
    pass


@dataclass(frozen=True)
class WorkCalendar:
    holidays: frozenset[dt.date]
    workdays: frozenset[dt.date]  # weekend days worked in exchange (调休上班)
    covers_from: dt.date
    covers_to: dt.date

    @classmethod
    def load(cls, path: Path = HOLIDAYS_FILE) -> WorkCalendar:
        try:
            d = json.loads(path.read_text(encoding="utf-8"))
            return cls(frozenset(map(dt.date.fromisoformat, d["holidays"])),
                       frozenset(map(dt.date.fromisoformat, d["workdays"])),
                       dt.date.fromisoformat(d["covers"]["from"]),
                       dt.date.fromisoformat(d["covers"]["to"]))
        except (OSError, ValueError, KeyError, TypeError) as exc:
            raise CalendarError(f"{path}: holiday calendar unreadable ({exc})") from exc

    def is_workday(self, day: dt.date) -> bool:
        if day in self.workdays:
            return True
        return day.weekday() < 5 and day not in self.holidays

    def covers(self, day: dt.date) -> bool:
        return self.covers_from <= day <= self.covers_to


@dataclass(frozen=True)
class DueDate:
    date: dt.date
    estimated: bool  # the calendar did not cover every day counted

    @property
    def words(self) -> str:
        d = self.date
        if self.estimated:
            return arg(QT_TRANSLATE_NOOP("kiosk", "%1年%2月%3日（预计）"), d.year, d.month, d.day)
        return arg(QT_TRANSLATE_NOOP("kiosk", "%1年%2月%3日"), d.year, d.month, d.day)


def add_days(cal: WorkCalendar, start: dt.date, days: int, unit: str = "workday") -> DueDate:
    """The day by which ``days`` (working or calendar) days after ``start`` have passed.

    The day of acceptance does not count (办结时限 runs from the next day); 0 days means
    the same day (即时办结).
    """
    if days < 0:
        raise ValueError("days must not be negative")
    if unit == "calendar_day":
        end = start + dt.timedelta(days=days)
        return DueDate(end, not (cal.covers(start) and cal.covers(end)))
    day, left, estimated = start, days, not cal.covers(start)
    while left > 0:
        day += dt.timedelta(days=1)
        estimated = estimated or not cal.covers(day)
        if cal.is_workday(day):
            left -= 1
    return DueDate(day, estimated)


def count_workdays(cal: WorkCalendar, start: dt.date, end: dt.date) -> int:
    """Working days after ``start`` up to and including ``end``."""
    n, day = 0, start
    while day < end:
        day += dt.timedelta(days=1)
        n += cal.is_workday(day)
    return n
