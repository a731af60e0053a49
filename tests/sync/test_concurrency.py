"""Overlapped sending: several requests of a batch in flight, against the real platform.

Checks what overlapping must not change: every case arrives exactly once with its
attachment intact, only the draining thread touches the store, a failure stops the drain
after the requests already in flight, and the platform files one case for one
Idempotency-Key even when the requests carrying it arrive at the same moment.
"""

from __future__ import annotations

import hashlib
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import pytest

from devices.idcard import IdCard
from kiosk.config import Config
from sync import outbox
from sync.drain_lock import DrainLock
from sync.outbox import OutboxWorker
from sync.platform.server import ThreadedPlatform
from tests.sync.conftest import admin, as_jpeg, client_for, queue_cases, set_faults, submissions

PHOTO = as_jpeg(bytes(range(256)) * 800)  # 200 KB: travels inline


def count_in_flight(worker: OutboxWorker, monkeypatch: pytest.MonkeyPatch,
                    hold_s: float) -> Callable[[], int]:
    """Wraps the worker's sends, each held ``hold_s`` longer; returns the peak so far."""
    active = peak = 0
    lock = threading.Lock()
    real_send = worker._send

    def counted(item: outbox.OutboxItem, *args: Any) -> dict[str, Any]:
        nonlocal active, peak
        with lock:
            active += 1
            peak = max(peak, active)
        try:
            time.sleep(hold_s)
            return real_send(item, *args)
        finally:
            with lock:
                active -= 1

    monkeypatch.setattr(worker, "_send", counted)
    return lambda: peak


def test_lanes_overlap_and_every_case_arrives_once(ecfg: Config, card: IdCard,
                                                   platform: ThreadedPlatform,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    n = outbox.ACK_BATCH + 7
    store = queue_cases(ecfg, card, n, photo=PHOTO)
    worker = OutboxWorker(store, client_for(ecfg), concurrency=3)
    main = threading.get_ident()
    store_threads: set[int] = set()
    for name in ("attachment_bytes", "mark_sent_many", "mark_failed", "record_sync_state"):
        real = getattr(store, name)

        def spy(*args: Any, _real: Any = real) -> Any:
            store_threads.add(threading.get_ident())
            return _real(*args)

        monkeypatch.setattr(store, name, spy)
    peak = count_in_flight(worker, monkeypatch, hold_s=0.02)  # lanes visibly overlap
    result = worker.drain()
    assert (result.sent, result.failed, result.offline) == (n, 0, False)
    assert peak() == 3  # never more than the lanes, and they did run together
    assert store_threads == {main}
    assert store.queue_depth() == 0
    rows = submissions(platform)
    assert len(rows) == n == len({r["idempotency_key"] for r in rows})
    want = hashlib.sha256(PHOTO).hexdigest()
    assert all(a["stored_sha256"] == want for r in rows for a in r["payload"]["attachments"])


def test_an_unavailable_platform_stops_the_drain_after_the_requests_in_flight(
        ecfg: Config, card: IdCard, platform: ThreadedPlatform) -> None:
    n = outbox.ACK_BATCH * 2
    store = queue_cases(ecfg, card, n)
    set_faults(platform, fail_rate=1.0)
    worker = OutboxWorker(store, client_for(ecfg), clock=lambda: 1e12, concurrency=3)
    result = worker.drain()
    assert result.offline and result.sent == 0
    assert 1 <= result.failed <= 3  # the failing one and at most the others in flight
    assert sum(1 for r in store.outbox_rows() if r["attempts"]) == result.failed
    set_faults(platform)
    again = OutboxWorker(store, client_for(ecfg), clock=lambda: 2e12, concurrency=3).drain()
    assert again.sent == n and store.queue_depth() == 0
    assert len(submissions(platform)) == n


def test_a_crash_in_a_lane_keeps_the_acks_received_and_loses_nothing(
        ecfg: Config, card: IdCard, platform: ThreadedPlatform,
        monkeypatch: pytest.MonkeyPatch) -> None:
    n = outbox.ACK_BATCH + 4
    store = queue_cases(ecfg, card, n)
    worker = OutboxWorker(store, client_for(ecfg), concurrency=3)
    sends = 0
    lock = threading.Lock()
    real_send = worker._send

    def send_then_crash(item: outbox.OutboxItem, *args: Any) -> dict[str, Any]:
        nonlocal sends
        with lock:
            sends += 1
            crash = sends == 5
        if crash:
            raise RuntimeError("worker bug in a lane")
        return real_send(item, *args)

    monkeypatch.setattr(worker, "_send", send_then_crash)
    with pytest.raises(RuntimeError):
        worker.drain()
    kept = n - store.queue_depth()
    assert kept >= 4  # the acks received before and during the crash are committed
    assert len(submissions(platform)) == kept
    monkeypatch.setattr(worker, "_send", real_send)
    assert worker.drain().sent == n - kept
    assert store.queue_depth() == 0 and len(submissions(platform)) == n


def test_concurrent_requests_under_one_key_file_one_case(ecfg: Config,
                                                         platform: ThreadedPlatform) -> None:
    """Real concurrent HTTP requests, same Idempotency-Key, same inline photo: the platform
    must answer them all with one case (the first 201, the rest 200 duplicates)."""
    base = client_for(ecfg)
    clients = [base.fork() for _ in range(8)]
    uid = "race-key-0001.att-1"
    payload = {"terminal_id": ecfg.terminal_id, "region_code": ecfg.region_code,
               "local_no": "L-RACE", "submitted_at": "2024-05-06T10:00:00+08:00",
               "items": [{"code": "HB-YL-0001", "name": "参保登记"}],
               "applicant": {"name": "测试", "id_number": "420102195003120026"},
               "attachments": [{"name": "portrait", "size": len(PHOTO), "upload_id": uid,
                                "sha256": hashlib.sha256(PHOTO).hexdigest()}]}
    start = threading.Barrier(len(clients))

    def send(i: int) -> Any:
        start.wait()
        return clients[i].submit_inline(payload, [(uid, PHOTO)], "race-key-0001")

    with ThreadPoolExecutor(len(clients)) as pool:
        acks = list(pool.map(send, range(len(clients))))
    assert len({a.platform_no for a in acks}) == 1
    assert sum(not a.duplicate for a in acks) == 1
    [row] = submissions(platform)
    assert row["payload"]["attachments"][0]["stored_sha256"] == hashlib.sha256(PHOTO).hexdigest()


def test_the_configured_lanes_bound_the_requests_in_flight(ecfg: Config, card: IdCard,
                                                            platform: ThreadedPlatform,
                                                            monkeypatch: pytest.MonkeyPatch
                                                            ) -> None:
    """`sync_lanes = 1` (a weak link) really sends one case at a time, through the worker
    the terminal builds from its config."""
    from dataclasses import replace

    from kiosk.provision import sync_worker

    store = queue_cases(ecfg, card, 6, photo=PHOTO)
    worker = sync_worker(replace(ecfg, sync_lanes=1), store, client_for(ecfg))
    peak = count_in_flight(worker, monkeypatch, hold_s=0.01)
    assert worker.drain().sent == 6
    assert peak() == 1 and len(submissions(platform)) == 6


def test_lanes_never_send_a_record_before_the_earlier_one_of_its_case_is_committed(
        ecfg: Config, card: IdCard, platform: ThreadedPlatform,
        monkeypatch: pytest.MonkeyPatch) -> None:
    """A rating queued behind its case's submission goes out only once that submission's
    ack is committed, even with every lane free and the rating long due."""
    n = outbox.ACK_BATCH + 5
    store = queue_cases(ecfg, card, n, photo=PHOTO)
    cases = [r["record_id"] for r in store.outbox_rows()]
    with store._tx():
        for i, case_id in enumerate(cases):
            store._enqueue("rating", f"rating-{i:06d}", {
                "rating_id": f"rating-{i:06d}", "level": 5, "reasons": [],
                "case_local_no": store.get_case(case_id).local_no, "case_platform_no": None,
                "rated_at": "2026-11-26T08:00:00+08:00"}, order_key=case_id)
    committed: set[str] = set()  # local_no of the cases whose submission ack is committed
    real_commit = store.mark_sent_many

    def commit(acks: Any) -> None:
        real_commit(acks)
        committed.update(item.payload["local_no"] for item, _ in acks
                         if item.kind == "submission")

    monkeypatch.setattr(store, "mark_sent_many", commit)
    early: list[str] = []
    worker = OutboxWorker(store, client_for(ecfg), concurrency=3)
    real_send = worker._send

    def send(item: outbox.OutboxItem, *args: Any) -> dict[str, Any]:
        if item.kind == "rating" and item.payload["case_local_no"] not in committed:
            early.append(item.idempotency_key)
        return real_send(item, *args)

    monkeypatch.setattr(worker, "_send", send)
    result = worker.drain()
    assert result.sent == 2 * n and store.queue_depth() == 0
    assert early == []
    assert len(submissions(platform)) == n and len(admin(platform, "GET", "/ratings")) == n


@pytest.mark.parametrize("lanes", [1, 3])
def test_a_drain_limit_sends_exactly_that_many(ecfg: Config, card: IdCard,
                                               platform: ThreadedPlatform, lanes: int) -> None:
    store = queue_cases(ecfg, card, 10)
    worker = OutboxWorker(store, client_for(ecfg), concurrency=lanes)
    assert worker.drain(limit=4).sent == 4
    assert store.queue_depth() == 6 and len(submissions(platform)) == 4
    assert worker.drain().sent == 6 and len(submissions(platform)) == 10


@pytest.mark.parametrize("locked", [True, False], ids=["drain-lock", "no-lock"])
def test_two_drainers_on_one_queue_file_each_case_once(
        ecfg: Config, card: IdCard, platform: ThreadedPlatform, tmp_path: Path,
        locked: bool) -> None:
    """A technician's ``kiosk sync --once`` while the service's worker drains: two store
    handles on one database, as two processes have; chunked pictures included. With the
    drain lock (as ``sync_worker`` sets it up) one of them stands aside and nothing is
    sent twice; without it both send everything, and the idempotency keys alone keep the
    platform at one case each."""
    big = as_jpeg(bytes(range(256)) * 3000)  # 750 KB: three chunks
    store = queue_cases(ecfg, card, 10, photo=big)
    other = queue_cases(ecfg, card, 0)
    workers = [OutboxWorker(s, client_for(ecfg),
                            lock=DrainLock(tmp_path / "outbox.lock") if locked else None)
               for s in (store, other)]
    start = threading.Barrier(2)

    def run(w: OutboxWorker) -> outbox.DrainResult:
        start.wait()
        return w.drain()

    with ThreadPoolExecutor(2) as pool:
        results = list(pool.map(run, workers))
    if locked:
        # Nothing crossed the link twice; the one that stood aside either found the lock
        # held (busy) or, scheduled late, found nothing left to send.
        assert sum(r.sent for r in results) == 10
        assert sorted(r.sent for r in results) == [0, 10]
    else:
        assert not any(r.busy for r in results)
    assert workers[0].drain().sent == 0
    assert sum(r.parked for r in results) == 0
    rows = submissions(platform)
    assert len(rows) == len({r["local_no"] for r in rows}) == 10
    assert all(r["payload"]["attachments"][0]["stored_sha256"] == hashlib.sha256(big)
               .hexdigest() for r in rows)
    assert store.queue_depth() == 0
    assert all(r["state"] == "sent" for r in store.outbox_rows())


def test_a_drain_waits_for_the_lock_and_a_dead_holder_never_keeps_it(tmp_path: Path) -> None:
    lock = DrainLock(tmp_path / "outbox.lock")
    holder = subprocess.Popen([sys.executable, "-c", (
        "import fcntl, os, sys, time\n"
        f"fd = os.open({str(lock.path)!r}, os.O_RDWR | os.O_CREAT)\n"
        "fcntl.flock(fd, fcntl.LOCK_EX); print('held', flush=True); time.sleep(60)")],
        stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "held"
        with lock.hold(wait_s=0.2) as held:
            assert not held
        holder.kill()  # SIGKILL: the kernel lets go of its lock
        holder.wait()
        with lock.hold(wait_s=5) as held:
            assert held
    finally:
        holder.kill()
        holder.wait()


def test_sync_once_stands_aside_while_the_service_drains_then_finds_it_done(
        ecfg: Config, card: IdCard, platform: ThreadedPlatform,
        monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    from kiosk.cli import main

    store = queue_cases(ecfg, card, 2, photo=PHOTO)
    monkeypatch.setenv("KIOSK_DATA_DIR", str(ecfg.data_dir))
    monkeypatch.setenv("KIOSK_PLATFORM_URL", platform.url)
    monkeypatch.setenv("KIOSK_TERMINAL_ID", ecfg.terminal_id)
    service = DrainLock(ecfg.data_dir / "outbox.lock")  # where sync_worker puts it
    with service.hold() as held:
        assert held
        assert main(["sync", "--once", "--wait", "0.3"]) == 5
        err = capsys.readouterr().err
        assert "another drain" in err and "kiosk queue" in err
        assert submissions(platform) == [] and store.queue_depth() == 2
    assert main(["sync", "--once"]) == 0
    assert "sent: 2" in capsys.readouterr().out
    assert len(submissions(platform)) == 2
