"""Chunked uploads with resume, broken answers, ratings, audit shipping, heartbeats."""

from __future__ import annotations

import hashlib
import os
import time

import pytest

from devices.idcard import IdCard
from kiosk.config import Config
from sync.client import PlatformUnavailable
from sync.outbox import OutboxWorker
from sync.platform.server import ThreadedPlatform
from tests.sync.conftest import admin, as_jpeg, client_for, queue_cases, set_faults, submissions

PHOTO_5MB = as_jpeg(os.urandom(5 * 1024 * 1024))


def test_an_interrupted_5mb_upload_resumes_from_the_last_acknowledged_chunk(
        ecfg: Config, platform: ThreadedPlatform) -> None:
    client = client_for(ecfg)
    chunks = len(PHOTO_5MB) // client.chunk_size  # 20 chunks of 256 KiB
    acked: list[int] = []

    def cut_at_60_percent(state: object) -> None:
        acked.append(1)
        if len(acked) == int(chunks * 0.6):
            raise PlatformUnavailable("link dropped")  # the 4G radio went away

    with pytest.raises(PlatformUnavailable):
        client.upload("case-1.photo", PHOTO_5MB, on_chunk=cut_at_60_percent)
    state = client.upload_state("case-1.photo")
    assert state is not None and state.received == 12 * client.chunk_size
    assert not state.complete

    done = client_for(ecfg).upload("case-1.photo", PHOTO_5MB)
    assert done.complete and done.received == len(PHOTO_5MB)
    offsets = [c["offset"] for c in admin(platform, "GET",
                                          f"/uploads/{ecfg.terminal_id}/case-1.photo/chunks")]
    # Each chunk crossed the link once: the retry started at chunk 12, not at byte 0.
    assert offsets == [i * client.chunk_size for i in range(chunks)]


def test_a_corrupted_upload_is_refused_and_restarts(ecfg: Config,
                                                    platform: ThreadedPlatform) -> None:
    client = client_for(ecfg)
    data = as_jpeg(b"x" * 1000)
    good_sha = hashlib.sha256(data).hexdigest()
    client.put_chunk("up-corrupt", data[:500], 0, 1000, good_sha)
    with pytest.raises(PlatformUnavailable, match="SHA-256 mismatch"):
        client.put_chunk("up-corrupt", b"y" * 500, 500, 1000, good_sha)
    state = client.upload_state("up-corrupt")
    assert state is not None and state.received == 0
    assert client.upload("up-corrupt", data).complete


def test_a_big_photo_case_goes_through_the_worker_intact(ecfg: Config, card: IdCard,
                                                         platform: ThreadedPlatform) -> None:
    store = queue_cases(ecfg, card, 1, photo=PHOTO_5MB)
    assert OutboxWorker(store, client_for(ecfg)).drain().sent == 1
    att = submissions(platform)[0]["payload"]["attachments"][0]
    assert att["size"] == len(PHOTO_5MB)
    assert att["stored_sha256"] == hashlib.sha256(PHOTO_5MB).hexdigest()


@pytest.mark.parametrize("fault", ["garbage", "truncated", "wrong_schema", "error_body",
                                   "reset", "html_error", "unavailable", "hang"])
def test_a_bad_answer_never_marks_an_item_sent(ecfg: Config, card: IdCard,
                                               platform: ThreadedPlatform, fault: str) -> None:
    store = queue_cases(ecfg, card, 1)
    from sync.platform import faults as f

    # Every request gets this one fault: pin the platform's draw to it.
    original = f.MIXED
    f.MIXED = (fault,)
    try:
        set_faults(platform, chaos_rate=1.0, hang_s=3.0)
        result = OutboxWorker(store, client_for(ecfg, timeout_s=1.0),
                              clock=lambda: 1e12).drain()
    finally:
        f.MIXED = original
    assert result.sent == 0 and result.offline
    row = store.outbox_rows()[0]
    assert row["state"] == "pending" and row["last_error"]
    assert store.get_case(row["record_id"]).platform_no is None
    set_faults(platform)
    assert OutboxWorker(store, client_for(ecfg), clock=lambda: 2e12).drain().sent == 1
    assert len(submissions(platform)) == 1  # committed-but-unanswered did not duplicate


def test_ratings_follow_their_case_and_are_stored_once(ecfg: Config, card: IdCard,
                                                       platform: ThreadedPlatform) -> None:
    store = queue_cases(ecfg, card, 1)
    case_id = store.outbox_rows()[0]["record_id"]
    rating = {"rating_id": "rating-000001", "level": 5, "reasons": ["态度好"],
              "case_local_no": store.get_case(case_id).local_no, "case_platform_no": None,
              "rated_at": "2025-01-01T08:00:00+00:00"}
    with store._tx():
        store._enqueue("rating", "rating-000001", rating, order_key=case_id)
    worker = OutboxWorker(store, client_for(ecfg))
    assert worker.drain().sent == 2
    got = admin(platform, "GET", "/ratings")
    assert len(got) == 1 and got[0]["level"] == 5
    assert got[0]["case_platform_no"] == store.get_case(case_id).platform_no  # filled at send
    # A retry after a lost ack answers "duplicate" and stores nothing new.
    ack = client_for(ecfg).rate(dict(rating, case_platform_no=None), "rating-retry-key")
    assert ack.duplicate and len(admin(platform, "GET", "/ratings")) == 1


def test_audit_log_ships_in_batches_exactly_once(ecfg: Config, card: IdCard,
                                                 platform: ThreadedPlatform) -> None:
    store = queue_cases(ecfg, card, 2)
    for i in range(250):
        store.audit("technician", "door.opened", str(i))
    backlog = store.audit_backlog()
    assert backlog >= 254
    result = OutboxWorker(store, client_for(ecfg)).drain()
    assert store.audit_backlog() == 0
    assert result.audit_shipped == backlog + 2  # + the two case.accepted events
    shipped = admin(platform, "GET", "/audit-events")
    assert [e["seq"] for e in shipped] == sorted({e["seq"] for e in shipped})
    assert len(shipped) == len(store.audit_events())
    # Shipping again (e.g. the mark was lost in a crash) duplicates nothing.
    store.mark_audit_shipped(0)
    with store._tx():
        store._set_state("audit_shipped", "0")
    OutboxWorker(store, client_for(ecfg)).drain()
    assert len(admin(platform, "GET", "/audit-events")) == len(shipped)


def test_heartbeat_reports_queue_depth(ecfg: Config, card: IdCard,
                                       platform: ThreadedPlatform) -> None:
    from kiosk.provision import heartbeat

    store = queue_cases(ecfg, card, 3)
    heartbeat(store, client_for(ecfg))
    beats = admin(platform, "GET", "/heartbeats")
    assert [(b["terminal_id"], b["queue_depth"]) for b in beats] == [(ecfg.terminal_id, 3)]


def test_heartbeat_measures_how_far_the_terminal_clock_is_from_the_platform(
        ecfg: Config, card: IdCard, platform: ThreadedPlatform) -> None:
    from kiosk.provision import heartbeat

    store = queue_cases(ecfg, card, 1)
    assert store.sync_status().clock_offset_s is None
    client = client_for(ecfg)
    heartbeat(store, client)
    in_step = store.sync_status().clock_offset_s
    assert in_step is not None and abs(in_step) < 2  # same machine, same clock
    client.clock = lambda: time.time() - 120  # the terminal runs two minutes slow
    heartbeat(store, client)  # still inside the ±300 s the platform accepts
    slow = store.sync_status().clock_offset_s
    assert slow is not None and 118 < slow < 122
