"""A full disk on either side loses nothing and sends nothing twice.

The platform's disk fills while it writes an inline picture: the terminal hears a 5xx,
keeps the case queued, and the platform keeps neither a case nor a stray file. The
terminal's database fills while it commits acknowledgements (a real SQLITE_FULL, from a
page limit): the cases stay queued, and the retry gets the platform's first answers.
"""

from __future__ import annotations

import errno
import logging
import os
import time
from typing import Any

import pytest

from devices.idcard import IdCard
from kiosk.cli import main
from kiosk.config import Config
from kiosk.store import StoreError
from sync.outbox import OutboxWorker
from sync.platform.db import PlatformDB
from sync.platform.server import ThreadedPlatform
from tests.sync.conftest import as_jpeg, client_for, queue_cases, submissions

PHOTO = as_jpeg(bytes(range(256)) * 800)  # 200 KB: one inline request per case


def test_platform_disk_full_keeps_every_case_queued_and_no_stray_file(
        ecfg: Config, card: IdCard, platform: ThreadedPlatform,
        monkeypatch: pytest.MonkeyPatch) -> None:
    store = queue_cases(ecfg, card, 5, photo=PHOTO)
    real_pwrite = os.pwrite

    def no_space(fd: int, data: Any, offset: int) -> int:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr("sync.platform.db.os.pwrite", no_space)
    result = OutboxWorker(store, client_for(ecfg), clock=lambda: 1e12).drain()
    assert result.offline and result.sent == 0
    assert store.queue_depth() == 5
    assert submissions(platform) == []
    db: PlatformDB = platform.app.state.db
    assert [p for p in db.uploads_dir.rglob("*") if p.is_file()] == []

    monkeypatch.setattr("sync.platform.db.os.pwrite", real_pwrite)
    again = OutboxWorker(store, client_for(ecfg), clock=lambda: 2e12).drain()
    assert again.sent == 5 and store.queue_depth() == 0
    assert len(submissions(platform)) == 5


def _fill_database(store: Any) -> None:
    """From now on the terminal's database cannot grow by a page: SQLITE_FULL, as on a
    full disk (the limit is per connection, so only this store sees it)."""
    conn = store._conn
    pages = conn.execute("PRAGMA page_count").fetchone()[0]
    conn.execute(f"PRAGMA max_page_count={pages}")


def test_terminal_disk_full_at_the_ack_commit_resends_and_gets_the_first_answers(
        ecfg: Config, card: IdCard, platform: ThreadedPlatform) -> None:
    store = queue_cases(ecfg, card, 20)
    # Fill the pages the commit would need; checkpoint so the WAL's pages count too.
    store._conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    _fill_database(store)
    with pytest.raises(StoreError, match="full"):
        OutboxWorker(store, client_for(ecfg)).drain()
    assert store.queue_depth() == 20  # nothing marked sent
    sent_once = {r["idempotency_key"]: r["platform_no"] for r in submissions(platform)}
    assert sent_once  # the platform did file them

    store._conn.execute("PRAGMA max_page_count=1073741823")
    assert OutboxWorker(store, client_for(ecfg)).drain().sent == 20
    assert store.queue_depth() == 0
    rows = submissions(platform)
    assert len(rows) == 20  # the resend made no second case
    assert all(sent_once.get(r["idempotency_key"], r["platform_no"]) == r["platform_no"]
               for r in rows)


def test_kiosk_sync_once_says_disk_full_in_one_line(
        ecfg: Config, card: IdCard, platform: ThreadedPlatform,
        monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    queue_cases(ecfg, card, 1)

    def full(*_: object, **__: object) -> None:
        raise StoreError("local database commit failed: database or disk is full")

    monkeypatch.setattr("kiosk.store.repository.Store.mark_sent_many", full)
    monkeypatch.setenv("KIOSK_DATA_DIR", str(ecfg.data_dir))
    monkeypatch.setenv("KIOSK_PLATFORM_URL", platform.url)
    monkeypatch.setenv("KIOSK_TERMINAL_ID", ecfg.terminal_id)
    assert main(["sync", "--once"]) == 6
    err = capsys.readouterr().err
    assert err.startswith("error: local database commit failed: database or disk is full")
    assert "stays queued" in err and "Traceback" not in err and err.count("\n") == 1


def test_the_background_loop_backs_off_and_logs_one_traceback_when_drains_keep_failing(
        ecfg: Config, card: IdCard, platform: ThreadedPlatform,
        monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture) -> None:
    store = queue_cases(ecfg, card, 1)
    calls: list[float] = []

    def full(*_: object) -> list[Any]:
        calls.append(time.monotonic())
        raise StoreError("local database unavailable: database or disk is full")

    monkeypatch.setattr(store, "due_items", full)
    worker = OutboxWorker(store, client_for(ecfg))
    with caplog.at_level(logging.ERROR, logger="sync.outbox"):
        worker.start(interval_s=0.05)
        time.sleep(1.2)
        worker.stop()
    # Pauses of 0.1, 0.2, 0.4, 0.8 s: a handful of tries, not one every 50 ms.
    assert 2 <= len(calls) <= 6
    assert [r.exc_info is not None for r in caplog.records].count(True) == 1
    assert all("disk is full" in r.getMessage() or r.exc_info for r in caplog.records)
    assert worker.last_error is not None and "disk is full" in worker.last_error


def test_loop_delay_doubles_per_failure_up_to_five_minutes() -> None:
    delays = [OutboxWorker.loop_delay_s(5.0, n) for n in range(10)]
    assert delays[:4] == [5.0, 10.0, 20.0, 40.0]
    assert delays[-1] == 300.0 and delays == sorted(delays)
