"""The outbox worker against the reference platform served over real HTTP on 127.0.0.1."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
import requests

from devices.idcard import IdCard
from kiosk.cases import CaseItem, CaseStatus
from kiosk.config import Config
from kiosk.crypto import DataKey
from kiosk.session import applicant_from_card
from kiosk.store import Store
from sync.client import PlatformClient
from sync.outbox import OutboxWorker, backoff_s
from sync.platform.server import ThreadedPlatform

ITEM = CaseItem("HB-YL-0001", "城乡居民基本养老保险参保登记")


@pytest.fixture
def platform(tmp_path: Path) -> Iterator[ThreadedPlatform]:
    with ThreadedPlatform(tmp_path / "platform.sqlite3") as p:
        yield p


def set_faults(platform: ThreadedPlatform, **faults: float) -> None:
    requests.put(f"{platform.url}/api/v1/admin/faults", json=faults, timeout=5).raise_for_status()


def submissions(platform: ThreadedPlatform) -> list[dict[str, object]]:
    rows: list[dict[str, object]] = requests.get(
        f"{platform.url}/api/v1/admin/submissions", timeout=5).json()
    return rows


def queue_cases(cfg: Config, card: IdCard, n: int) -> Store:
    store = Store(cfg.db_path, cfg.attachments_dir, DataKey.load_or_create(cfg.key_path))
    for i in range(n):
        case = store.create_case(terminal_id=cfg.terminal_id, region_code=cfg.region_code,
                                 applicant=applicant_from_card(card), items=[ITEM],
                                 form={"seq": i})
        store.add_attachment(case.id, "portrait", f"photo {i}".encode() * 100)
        store.submit_case(case.id)
    return store


def test_drain_sends_each_case_once_with_its_attachment(cfg: Config, card: IdCard,
                                                        platform: ThreadedPlatform) -> None:
    store = queue_cases(cfg, card, 3)
    worker = OutboxWorker(store, PlatformClient(platform.url, cfg.terminal_id))
    result = worker.drain()
    assert (result.sent, result.failed) == (3, 0)
    assert store.queue_depth() == 0
    rows = submissions(platform)
    assert len(rows) == 3
    by_local = {r["local_no"]: r for r in rows}
    for row in store.outbox_rows():
        case = store.get_case(row["record_id"])
        assert case.status is CaseStatus.ACCEPTED
        sent = by_local[case.local_no]
        assert sent["platform_no"] == case.platform_no
        payload = sent["payload"]
        assert isinstance(payload, dict)
        att = store.attachments(case.id)[0]
        assert payload["attachments"][0]["sha256"] == att.sha256


@pytest.mark.parametrize("fault", [{"fail_rate": 1.0}, {"garbage_rate": 1.0}])
def test_bad_platform_answers_never_mark_an_item_sent(cfg: Config, card: IdCard,
                                                      platform: ThreadedPlatform,
                                                      fault: dict[str, float]) -> None:
    store = queue_cases(cfg, card, 2)
    set_faults(platform, **fault)
    worker = OutboxWorker(store, PlatformClient(platform.url, cfg.terminal_id),
                          clock=lambda: 1e12)
    result = worker.drain()
    assert result.sent == 0
    assert result.offline
    assert worker.online is False
    assert store.queue_depth() == 2
    assert all(r["state"] == "pending" and r["last_error"] for r in store.outbox_rows()[:1])
    # The platform recovers: everything goes, and a garbage-answered case is not duplicated.
    set_faults(platform)
    worker.clock = lambda: 1e13
    assert worker.drain().sent == 2
    assert len(submissions(platform)) == 2
    assert store.queue_depth() == 0


def test_unreachable_platform_keeps_the_queue(cfg: Config, card: IdCard) -> None:
    store = queue_cases(cfg, card, 1)
    worker = OutboxWorker(store, PlatformClient("http://127.0.0.1:9", cfg.terminal_id,
                                                timeout_s=2))
    result = worker.drain()
    assert result.offline and result.sent == 0
    row = store.outbox_rows()[0]
    assert row["state"] == "pending" and row["attempts"] == 1
    assert "ConnectionError" in row["last_error"]


def test_a_rejected_item_is_parked_without_blocking_the_others(cfg: Config, card: IdCard,
                                                               platform: ThreadedPlatform) -> None:
    store = queue_cases(cfg, card, 2)
    first = store.next_due(1e12)
    assert first is not None
    # Make the first item's payload one the platform refuses (region code malformed).
    bad = dict(first.payload, region_code="bad")
    store.db.table("outbox").update(first.id, {
        "payload": store.key.encrypt_json({k: v for k, v in bad.items() if k != "attachments"},
                                          f"outbox:{first.idempotency_key}")})
    worker = OutboxWorker(store, PlatformClient(platform.url, cfg.terminal_id),
                          max_attempts=1, clock=lambda: 1e12)
    result = worker.drain()
    assert (result.sent, result.parked) == (1, 1)
    states = [r["state"] for r in store.outbox_rows()]
    assert states == ["parked", "sent"]


def test_backoff_grows_and_is_capped() -> None:
    assert backoff_s(0, rand=lambda: 1.0) == 2.0
    assert backoff_s(3, rand=lambda: 1.0) == 16.0
    assert backoff_s(50, rand=lambda: 1.0) == 900.0
    assert backoff_s(5, rand=lambda: 0.0) == 0.0


def test_worker_thread_drains_after_wake(cfg: Config, card: IdCard,
                                         platform: ThreadedPlatform) -> None:
    store = queue_cases(cfg, card, 1)
    worker = OutboxWorker(store, PlatformClient(platform.url, cfg.terminal_id))
    worker.start(interval_s=60)
    try:
        import time

        deadline = time.monotonic() + 10
        while store.queue_depth() and time.monotonic() < deadline:
            worker.wake()
            time.sleep(0.05)
    finally:
        worker.stop()
    assert store.queue_depth() == 0
    assert len(submissions(platform)) == 1
