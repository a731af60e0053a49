"""Staff accounts against a clock the test turns: lockout, its end, session expiry."""

from __future__ import annotations

from pathlib import Path

import pytest

from sync.platform.db import PlatformDB
from sync.platform.staff import LOCKOUT_S, MAX_FAILURES, SESSION_S, LoginRefused, Staff
from tests.platform_peer import FAST_HASHER


class Clock:
    def __init__(self) -> None:
        self.now = 1_800_000_000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def staff(tmp_path: Path) -> tuple[Staff, Clock]:
    clock = Clock()
    s = Staff(PlatformDB(tmp_path / "p.sqlite3"), clock=clock, hasher=FAST_HASHER)
    s.add("clerk1", "clerk", "right password")
    return s, clock


def refused(s: Staff, password: str) -> str:
    with pytest.raises(LoginRefused) as exc:
        s.login("clerk1", password)
    return exc.value.code


def test_the_lock_holds_for_its_time_and_attempts_meanwhile_do_not_extend_it(
        staff: tuple[Staff, Clock]) -> None:
    s, clock = staff
    assert [refused(s, "wrong") for _ in range(MAX_FAILURES)] == ["bad_credentials"] * 5
    for _ in range(20):  # someone keeps guessing during the lock
        assert refused(s, "right password") == "account_locked"
        clock.now += (LOCKOUT_S - 1) / 20
    clock.now += 1
    assert s.login("clerk1", "right password").member.role == "clerk"


def test_a_right_password_resets_the_count(staff: tuple[Staff, Clock]) -> None:
    s, _ = staff
    for _ in range(3):
        for _ in range(MAX_FAILURES - 1):
            assert refused(s, "wrong") == "bad_credentials"
        s.login("clerk1", "right password")


def test_sessions_end_after_a_shift_and_with_the_account(staff: tuple[Staff, Clock]) -> None:
    s, clock = staff
    session = s.login("clerk1", "right password")
    assert s.member(session.token) == session.member
    clock.now += SESSION_S
    assert s.member(session.token) is None
    again = s.login("clerk1", "right password")
    s.disable("clerk1")
    assert s.member(again.token) is None
    assert refused(s, "right password") == "bad_credentials"


def test_only_the_hash_is_stored(staff: tuple[Staff, Clock], tmp_path: Path) -> None:
    s, _ = staff
    token = s.login("clerk1", "right password").token
    for f in tmp_path.iterdir():
        if f.is_file():
            data = f.read_bytes()
            assert b"right password" not in data and token.encode() not in data
