"""Promised dates in working days, with the holiday calendar as data."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kiosk.workdays import CalendarError, WorkCalendar, add_days, count_workdays
from tests.kiosk.svc import calendar

D = dt.date


def test_national_day_week_is_skipped_and_the_make_up_saturday_counts() -> None:
    cal = calendar()
    # Tue 2026-09-29 + 3 working days: Wed 30, then 1-7 Oct off, Thu 8, Fri 9 -> Fri 9
    assert add_days(cal, D(2026, 9, 29), 3).date == D(2026, 10, 9)
    # Sat 2026-10-10 is a make-up working day.
    assert cal.is_workday(D(2026, 10, 10))
    assert add_days(cal, D(2026, 10, 9), 1).date == D(2026, 10, 10)


def test_spring_festival_2026_takes_nine_days_off() -> None:
    cal = calendar()
    off = [D(2026, 2, 15) + dt.timedelta(days=i) for i in range(9)]
    assert not any(cal.is_workday(d) for d in off)
    assert cal.is_workday(D(2026, 2, 14)) and cal.is_workday(D(2026, 2, 28))


def test_zero_days_is_today_and_calendar_days_ignore_holidays() -> None:
    cal = calendar()
    assert add_days(cal, D(2026, 10, 1), 0).date == D(2026, 10, 1)
    assert add_days(cal, D(2026, 9, 28), 15, "calendar_day").date == D(2026, 10, 13)


def test_dates_past_the_calendar_are_marked_estimated() -> None:
    due = add_days(calendar(), D(2026, 12, 20), 20)
    assert due.estimated and due.words.endswith("（预计）")
    assert not add_days(calendar(), D(2026, 11, 2), 5).estimated


@settings(max_examples=200, deadline=None)
@given(st.dates(D(2025, 1, 1), D(2026, 11, 30)), st.integers(1, 30))
def test_due_date_is_a_workday_exactly_n_workdays_later(start: dt.date, n: int) -> None:
    cal = calendar()
    due = add_days(cal, start, n)
    assert cal.is_workday(due.date)
    assert count_workdays(cal, start, due.date) == n


def test_unreadable_calendar_names_the_file(tmp_path: Path) -> None:
    bad = tmp_path / "holidays.json"
    bad.write_text(json.dumps({"holidays": ["2026-13-01"], "workdays": [],
                               "covers": {"from": "2026-01-01", "to": "2026-12-31"}}))
    with pytest.raises(CalendarError, match=r"holidays\.json"):
        WorkCalendar.load(bad)
