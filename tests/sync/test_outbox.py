"""The outbox worker against the reference platform served over real HTTP on 127.0.0.1."""

from __future__ import annotations

import time
from typing import Any

import pytest

from devices.idcard import IdCard
from kiosk.cases import CaseStatus
from kiosk.config import Config
from sync.client import PlatformUnavailable
from sync.outbox import OutboxWorker, backoff_s
from sync.platform.server import ThreadedPlatform
from tests.sync.conftest import client_for, queue_cases, set_faults, submissions


def test_drain_sends_each_case_once_with_its_attachment(ecfg: Config, card: IdCard,
                                                        platform: ThreadedPlatform) -> None:
    store = queue_cases(ecfg, card, 3)
    worker = OutboxWorker(store, client_for(ecfg))
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
        att = store.attachments(case.id)[0]
        assert sent["payload"]["attachments"][0]["sha256"] == att.sha256
        assert sent["payload"]["attachments"][0]["stored_sha256"] == att.sha256


@pytest.mark.parametrize("fault", [{"fail_rate": 1.0}, {"garbage_rate": 1.0}])
def test_bad_platform_answers_never_mark_an_item_sent(ecfg: Config, card: IdCard,
                                                      platform: ThreadedPlatform,
                                                      fault: dict[str, float]) -> None:
    store = queue_cases(ecfg, card, 2)
    set_faults(platform, **fault)
    worker = OutboxWorker(store, client_for(ecfg), clock=lambda: 1e12)
    result = worker.drain()
    assert result.sent == 0
    assert result.offline
    assert worker.online is False
    assert store.queue_depth() == 2
    first = store.outbox_rows()[0]
    assert first["state"] == "pending" and first["last_error"]
    # The platform recovers: everything goes, and a garbage-answered case is not duplicated.
    set_faults(platform)
    worker.clock = lambda: 1e13
    assert worker.drain().sent == 2
    assert len(submissions(platform)) == 2
    assert store.queue_depth() == 0


def test_unreachable_platform_keeps_the_queue(ecfg: Config, card: IdCard) -> None:
    store = queue_cases(ecfg, card, 1)
    client = client_for(ecfg, timeout_s=2)
    client.base_url = "http://127.0.0.1:9"
    result = OutboxWorker(store, client).drain()
    assert result.offline and result.sent == 0
    row = store.outbox_rows()[0]
    assert row["state"] == "pending" and row["attempts"] == 1
    assert "ConnectionError" in row["last_error"]
    st = store.sync_status()
    assert st.online is False and "ConnectionError" in st.detail and st.pending == 1


def test_a_rejected_item_is_parked_without_blocking_the_others(ecfg: Config, card: IdCard,
                                                               platform: ThreadedPlatform
                                                               ) -> None:
    store = queue_cases(ecfg, card, 2)
    first = store.next_due(1e12)
    assert first is not None
    # Make the first item's payload one the platform refuses (region code malformed).
    store.db.table("outbox").update(first.id, {
        "payload": store.key.encrypt_json(dict(first.payload, region_code="bad"),
                                          f"outbox:{first.idempotency_key}")})
    worker = OutboxWorker(store, client_for(ecfg), max_attempts=1, clock=lambda: 1e12)
    result = worker.drain()
    assert (result.sent, result.parked) == (1, 1)
    states = [r["state"] for r in store.outbox_rows()]
    assert states == ["parked", "sent"]
    assert "region_code" in store.outbox_rows()[0]["last_error"]
    assert store.sync_status().parked == 1
    # A technician fixes the cause and requeues: the item goes out.
    store.db.table("outbox").update(first.id, {
        "payload": store.key.encrypt_json(first.payload, f"outbox:{first.idempotency_key}")})
    assert store.requeue_parked() == 1
    assert worker.drain().sent == 1
    assert len(submissions(platform)) == 2


def test_items_of_one_case_go_in_order_even_when_the_first_waits(ecfg: Config,
                                                                  card: IdCard) -> None:
    store = queue_cases(ecfg, card, 2)
    case_a, case_b = (r["record_id"] for r in store.outbox_rows())
    with store._tx():
        store._enqueue("rating", "rating-0001", {"rating_id": "rating-0001"},
                       order_key=case_a)
    first = store.next_due(1e12)
    assert first is not None and first.kind == "submission"
    store.mark_failed(first, "HTTP 503", retry_at=2e12, park=False)  # case A in backoff
    nxt = store.next_due(1e12)
    # Case B may overtake A, but A's rating may not overtake A's submission.
    assert nxt is not None and nxt.kind == "submission"
    assert store.get_case(case_b).local_no in nxt.payload["local_no"]
    store.mark_sent(nxt, {"platform_no": "420102202501010001"})
    assert store.next_due(1e12) is None
    later = store.next_due(3e12)
    assert later is not None and later.kind == "submission"


def test_backoff_grows_and_is_capped() -> None:
    assert backoff_s(0, rand=lambda: 1.0) == 2.0
    assert backoff_s(3, rand=lambda: 1.0) == 16.0
    assert backoff_s(50, rand=lambda: 1.0) == 900.0
    assert backoff_s(5, rand=lambda: 0.0) == 0.0
    assert backoff_s(1, base=0.1, cap=0.3, rand=lambda: 1.0) == pytest.approx(0.2)


def test_worker_thread_drains_after_wake(ecfg: Config, card: IdCard,
                                         platform: ThreadedPlatform) -> None:
    store = queue_cases(ecfg, card, 1)
    worker = OutboxWorker(store, client_for(ecfg))
    worker.start(interval_s=60)
    try:
        deadline = time.monotonic() + 10
        while store.queue_depth() and time.monotonic() < deadline:
            worker.wake()
            time.sleep(0.05)
    finally:
        worker.stop()
    assert store.queue_depth() == 0
    assert len(submissions(platform)) == 1


def test_acks_are_committed_per_batch_and_a_crash_mid_batch_keeps_those_received(
        ecfg: Config, card: IdCard, platform: ThreadedPlatform,
        monkeypatch: pytest.MonkeyPatch) -> None:
    """Acks are written ACK_BATCH at a time (one durable commit each); an error in the
    middle of a batch still commits the acks already received, and the rest stay due and
    go out exactly once on the next drain."""
    from sync import outbox

    n = outbox.ACK_BATCH + 8
    store = queue_cases(ecfg, card, n)
    commits: list[int] = []
    real = store.mark_sent_many

    def counted(acks: list[tuple[outbox.OutboxItem, dict[str, object]]]) -> None:
        commits.append(len(acks))
        real(acks)

    monkeypatch.setattr(store, "mark_sent_many", counted)
    # One lane, so "the 5th send" is a fixed point (test_concurrency covers several lanes).
    worker = OutboxWorker(store, client_for(ecfg), concurrency=1)
    sends = 0
    real_send = worker._send

    def send_then_crash(item: outbox.OutboxItem, *args: Any) -> dict[str, Any]:
        nonlocal sends
        sends += 1
        if sends == 5:
            raise RuntimeError("worker bug mid-batch")
        return real_send(item, *args)

    monkeypatch.setattr(worker, "_send", send_then_crash)
    with pytest.raises(RuntimeError):
        worker.drain()
    assert commits == [4] and store.queue_depth() == n - 4
    monkeypatch.setattr(worker, "_send", real_send)
    assert worker.drain().sent == n - 4
    assert commits == [4, outbox.ACK_BATCH, 4]
    assert store.queue_depth() == 0
    assert len(submissions(platform)) == n


def test_platform_error_text_that_echoes_personal_numbers_is_masked() -> None:
    import json as _json

    import requests

    from sync.client import _error_code

    resp = requests.Response()
    resp.status_code = 422
    resp._content = _json.dumps({"error": "invalid", "detail": [
        {"loc": ["body", "applicant", "id_number"], "input": "42010219441105002X",
         "phone": "13912345678"}]}).encode()
    code, detail = _error_code(resp)
    assert code == "invalid"
    assert "42010219441105002X" not in detail and "13912345678" not in detail
    assert "42****************" in detail and "id_number" in detail
    resp._content = b"<html>bad input 6222020200001234567</html>"
    assert "6222020200001234567" not in _error_code(resp)[1]


def test_echoed_personal_values_are_masked_wherever_they_sit_in_the_payload() -> None:
    from sync.client import redact_echo

    rating = {"rating_id": "r-0001", "level": 1, "comment": "窗口王师傅态度差",
              "phone": "139 1234 5678", "reasons": ["态度"], "case_local_no": "K-0001"}
    text = redact_echo("rejected: comment 窗口王师傅态度差, phone 139 1234 5678, K-0001",
                       rating)
    assert "王师傅" not in text and "1234 5678" not in text
    assert "K-0001" in text  # not personal: the technician needs it
    case = {"applicant": {"name": "张三", "address": "张三村1组"},
            "form": {"household": [{"name": "张小明", "age": 7}]}, "region_code": "420102"}
    text = redact_echo("张三村1组 张小明 张三 420102", case)
    assert text == "张**** 张** 张* 420102"
    aged = {"form": {"age": 42, "pension": "yes"}}
    assert redact_echo("HTTP 422: age 42 too young; pension yes", aged) == (
        "HTTP 422: age 42 too young; pension yes")


@pytest.mark.parametrize(("answers_signed", "caught_by", "says"), [
    (True, "unsigned_answer", "not signed by the platform's key"),
    (False, "crossed_ack", "about another record"),
], ids=["signed-answers", "contract-1.2-terminal"])
def test_an_answer_about_another_case_never_marks_this_one_sent(
        ecfg: Config, card: IdCard, platform: ThreadedPlatform, answers_signed: bool,
        caught_by: str, says: str) -> None:
    """Crossed answers: the platform files each case but answers with the previous case's
    ack (well-formed, the right schema, another case's number, that answer's signature).
    The answer's signature is bound to its request's nonce; a terminal enrolled before
    answers were signed still catches it by the ack's local_no."""
    store = queue_cases(ecfg, card, 3)
    set_faults(platform, stale_rate=1.0)
    client = client_for(ecfg)
    assert (client.answer_key is not None) is True  # enrolled with a 1.3 platform
    if not answers_signed:
        client.answer_key = None
    worker = OutboxWorker(store, client, clock=lambda: 1e12, concurrency=1)
    result = worker.drain()
    assert result.sent == 1 and result.offline  # the first request had nothing to cross
    assert store.queue_depth() == 2
    assert says in store.sync_status().detail
    assert store.sync_status().problem == caught_by  # 维护信息 names it
    set_faults(platform)
    worker.clock = lambda: 2e12
    assert worker.drain().sent == 2
    rows = submissions(platform)
    assert len(rows) == 3
    by_local = {r["local_no"]: r["platform_no"] for r in rows}
    for row in store.outbox_rows():
        case = store.get_case(row["record_id"])
        assert case.platform_no == by_local[case.local_no]


def test_a_reused_idempotency_key_is_caught_by_the_acks_local_no(
        ecfg: Config, card: IdCard, platform: ThreadedPlatform) -> None:
    """Two cases under one key (a cloned terminal image, a restored backup; the local
    table's UNIQUE key rules it out on one disk): the platform answers the second with
    the first's ack, and taking it would lose the second case under the first's number."""
    first, second = queue_cases(ecfg, card, 2).due_items(1e12, 2)
    client = client_for(ecfg)
    ack = client.submit(dict(first.payload, attachments=[]), "reused-key-0001")
    assert ack.local_no == first.payload["local_no"]
    with pytest.raises(PlatformUnavailable, match="about another record") as crossed:
        client.submit(dict(second.payload, attachments=[]), "reused-key-0001")
    assert crossed.value.code == "crossed_ack"
    assert len(submissions(platform)) == 1


def test_a_contract_1_1_ack_without_local_no_is_still_taken() -> None:
    from sync.client import _for_this
    from sync.protocol import SubmissionAck

    ack = SubmissionAck(platform_no="420102202611260001", received_at="2026-11-26T08:00:00Z")
    assert _for_this(ack, "local_no", {"local_no": "K-1"}, "POST") is ack


def test_items_scheduled_by_a_clock_that_later_went_back_are_not_stranded(
        ecfg: Config, card: IdCard, platform: ThreadedPlatform) -> None:
    """Booted without an RTC battery the terminal believed it was 2031; the platform was
    down, so the retries were set for 2031. NTP brings the clock back to 2026: they must
    go at the next drain, not in five years."""
    store = queue_cases(ecfg, card, 2)
    in_2031 = 1_940_000_000.0
    set_faults(platform, fail_rate=1.0)
    worker = OutboxWorker(store, client_for(ecfg), clock=lambda: in_2031)
    assert worker.drain().sent == 0
    assert all(r["next_attempt_at"] > in_2031 for r in store.outbox_rows()
               if r["attempts"])
    set_faults(platform)
    in_2026 = 1_795_000_000.0
    worker.clock = lambda: in_2026
    assert worker.drain().sent == 2
    assert len(submissions(platform)) == 2
    # An ordinary backoff, by a clock that did not jump, is still waited out.
    store2 = queue_cases(ecfg, card, 1)
    set_faults(platform, fail_rate=1.0)
    assert worker.drain().sent == 0
    set_faults(platform)
    assert worker.drain().sent == 0 and store2.queue_depth() == 1


def test_the_retention_purge_waits_while_the_clock_is_known_to_be_off(
        ecfg: Config, card: IdCard, platform: ThreadedPlatform) -> None:
    from kiosk.provision import purge_if_clock_trusted

    store = queue_cases(ecfg, card, 1)
    assert OutboxWorker(store, client_for(ecfg)).drain().sent == 1
    store.db.execute("UPDATE outbox SET sent_at='2026-01-05T00:00:00+00:00'")  # long ago
    store.record_clock_offset(-3 * 86400.0)  # the terminal runs three days ahead
    assert purge_if_clock_trusted(ecfg, store) == 0
    case_id = store.outbox_rows()[0]["record_id"]
    assert store.attachments(case_id)  # nothing dropped yet
    store.record_clock_offset(0.4)  # NTP fixed it; the next heartbeat says so
    assert purge_if_clock_trusted(ecfg, store) == 1
    assert store.attachments(case_id) == []
