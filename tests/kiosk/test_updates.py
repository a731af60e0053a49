"""The pure rules of updates: versions, the idle window, the health verdict, the record's
phases and what 维护信息 says about each. No Qt, no platform, no files."""

from __future__ import annotations

import pytest

from kiosk.maintenance import Severity, diagnose, maintenance_view
from kiosk.updates import (
    AppMark,
    BeatMark,
    Health,
    Phase,
    UpdateNotice,
    Verdict,
    begin,
    confirm,
    health_of,
    is_idle,
    judge,
    refuse,
    roll_back,
    update_problem,
    update_words,
)
from sync.updates import is_newer, parse_version

T0 = 1_800_000_000.0


@pytest.mark.parametrize(("a", "b", "newer"), [
    ("0.2.0", "0.1.0", True), ("0.10.0", "0.9.9", True), ("1.0", "1.0.0", False),
    ("1.0.1", "1.0", True), ("0.1.0", "0.2.0", False), ("2", "1.9.9.9", True),
])
def test_versions_compare_by_number_not_text(a: str, b: str, newer: bool) -> None:
    assert is_newer(a, b) is newer


@pytest.mark.parametrize("bad", ["", "1.0rc1", "v1.0", "1..0", "1.0.0.0.0", "-1", "1.0 ",
                                 "１.0", "9999999"])
def test_anything_but_digits_and_dots_is_not_a_release(bad: str) -> None:
    with pytest.raises(ValueError):
        parse_version(bad)


def mark(at_home: bool = True, home_since: float | None = T0 - 120, at: float = T0,
         started: float = T0 - 300, version: str = "0.2.0") -> AppMark:
    return AppMark(version, 42, at, started, at_home, home_since if at_home else None)


def test_idle_only_after_a_minute_at_home_or_with_no_screen_running() -> None:
    assert is_idle(mark(home_since=T0 - 61), T0)
    assert not is_idle(mark(home_since=T0 - 30), T0)  # someone may be walking up
    assert not is_idle(mark(at_home=False), T0)  # a visit is in progress
    assert is_idle(None, T0)  # the screen never marked: nobody to interrupt
    assert is_idle(mark(at_home=False, at=T0 - 60), T0)  # its mark is stale: it is not running


def test_health_needs_the_new_version_at_home_after_the_switch_and_a_heartbeat() -> None:
    since = T0 - 30
    good_app = mark(started=since + 1, at=T0 - 1, home_since=since + 2)
    beat = BeatMark("0.2.0", 43, since + 5)
    assert health_of("0.2.0", since, good_app, beat, T0) == Health(True, True)
    # the old version's marks (written before the switch) prove nothing
    assert health_of("0.2.0", since, mark(version="0.1.0", started=since + 1), beat,
                     T0).home is False
    assert health_of("0.2.0", since, mark(started=since - 1), beat, T0).home is False
    assert health_of("0.2.0", since, good_app, BeatMark("0.2.0", 43, since - 1),
                     T0).heartbeat is False
    # up for less than the settle time: the window may not have come up yet
    assert health_of("0.2.0", since, mark(started=T0 - 2, at=T0), beat, T0).home is False
    # a visit already running counts: not at home at this moment
    assert health_of("0.2.0", since, mark(at_home=False, started=since + 1), beat,
                     T0).home is False


def test_the_record_goes_applying_then_confirmed_or_rolled_back_once() -> None:
    rec = begin("0.2.0", "", T0, deadline_s=300)
    assert (rec.phase, rec.deadline) == (Phase.APPLYING, T0 + 300)
    assert judge(rec, Health(True, True), T0 + 10) == (Verdict.CONFIRM, "")
    assert judge(rec, Health(True, False), T0 + 10) == (Verdict.WAIT, "")
    verdict, why = judge(rec, Health(True, False), T0 + 300)
    assert verdict is Verdict.ROLL_BACK and "没有向平台发出心跳" in why and "主页" not in why
    verdict, why = judge(rec, Health(False, False), T0 + 301)
    assert "主页没有出现" in why and "心跳" in why
    back = roll_back(rec, why)
    assert back.phase is Phase.ROLLED_BACK and back.failed == ("0.2.0",)
    assert roll_back(back, why).failed == ("0.2.0",)  # remembered once
    assert confirm(rec).phase is Phase.CONFIRMED
    with pytest.raises(ValueError):
        judge(confirm(rec), Health(True, True), T0)


def test_a_refused_signature_is_an_error_named_for_the_technician() -> None:
    rec = refuse("0.2.0", "bad_signature", "signature does not verify", T0)
    p = update_problem(UpdateNotice("0.1.0", record=rec))
    assert p is not None and p.error and p.headline == "更新包 0.2.0 签名核验不通过，已拒绝安装"
    unknown = update_problem(UpdateNotice("0.1.0", record=refuse("", "bad_signature", "", T0)))
    assert unknown is not None and unknown.headline == "更新包签名核验不通过，已拒绝安装"
    fetched = UpdateNotice("0.1.0", fetch_outcome="refused", fetch_code="bad_signature",
                           fetch_detail="update #3: the signature does not verify")
    p = update_problem(fetched)
    assert p is not None and p.error and "签名" in p.headline and "原版本" in p.action


def test_a_rollback_is_a_warning_naming_both_versions() -> None:
    rec = roll_back(begin("0.3.0", "0.2.0", T0), "新版本 0.3.0 在 300 秒内主页没有出现")
    p = update_problem(UpdateNotice("0.2.0", record=rec))
    assert p is not None and not p.error
    assert "0.3.0" in p.headline and "退回 0.2.0" in p.headline and "主页" in p.detail
    assert update_words(UpdateNotice("0.2.0", record=rec)) == "0.2.0（0.3.0 已退回）"


def test_nothing_to_say_when_updates_went_well_or_never_happened() -> None:
    assert update_problem(UpdateNotice("0.1.0")) is None
    assert update_problem(UpdateNotice("0.2.0", fetch_outcome="staged",
                                       record=confirm(begin("0.2.0", "", T0)))) is None
    assert update_words(UpdateNotice("0.1.0")) == "0.1.0"


def test_maintenance_names_the_refused_update_when_the_link_is_fine() -> None:
    from kiosk.maintenance import IdentityState
    from kiosk.store.repository import SyncStatus

    status = SyncStatus(online=True, detail="", last_contact_at=T0, pending=0, parked=0,
                        audit_backlog=0)
    identity = IdentityState(None, True)
    notice = UpdateNotice("0.1.0", record=refuse("0.2.0", "bad_signature", "forged", T0))
    d = diagnose(status, identity, "https://county.example", 5000, notice)
    assert d.severity is Severity.ERROR and "签名核验不通过" in d.headline
    assert d.code == "bad_signature" and d.detail == "forged"
    # with no update problem the link's own diagnosis stands
    assert diagnose(status, identity, "https://county.example", 5000,
                    UpdateNotice("0.1.0")).severity is Severity.OK
    from kiosk.config import Config

    view = maintenance_view(Config(), identity, status, [], "1", T0, 5000, update=notice)
    assert view.software == "0.1.0（0.2.0 已拒绝）" and view.software in view.texts()
