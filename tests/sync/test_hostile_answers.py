"""Answers the reference platform never gives, from real HTTP servers on 127.0.0.1: a body
that drips in for ever, one that never ends, one that declares itself huge, a captive
portal's redirect, an error that quotes the case back, an ack forged by a middlebox.
Each costs the terminal a bounded wait and bounded memory, sends nothing elsewhere, keeps
nothing personal, and the case stays queued."""

from __future__ import annotations

import http.server
import json
import logging
import re
import threading
import time
from collections.abc import Callable

import pytest

from devices.idcard import IdCard
from kiosk.config import Config
from sync.client import MAX_ANSWER_BYTES, PlatformUnavailable, _origin
from sync.outbox import OutboxWorker
from sync.platform.server import ThreadedPlatform
from tests.sync.conftest import Answer, client_for, queue_cases, reply, submissions

Handler = http.server.BaseHTTPRequestHandler
Serve = Callable[[Answer], str]


def drip(h: Handler, _body: bytes) -> None:
    """A 200 whose JSON arrives a byte at a time, never finishing."""
    h.send_response(200)
    h.send_header("Content-Type", "application/json")
    h.end_headers()
    h.wfile.write(b'{"platform_no": "')
    while True:
        h.wfile.write(b"1")
        h.wfile.flush()
        time.sleep(0.1)


def endless(h: Handler, _body: bytes) -> None:
    """A fast body with no length and no end (a portal streaming its page for ever)."""
    h.send_response(200)
    h.send_header("Content-Type", "text/html")
    h.end_headers()
    block = b"<p>" + b"x" * 65533
    while True:
        h.wfile.write(block)


def declared_huge(h: Handler, _body: bytes) -> None:
    h.send_response(200)
    h.send_header("Content-Type", "application/json")
    h.send_header("Content-Length", str(200 * 1024 * 1024))
    h.end_headers()
    h.wfile.write(b"{")
    time.sleep(30)


def echo_applicant(h: Handler, body: bytes) -> None:
    """Refuses the way FastAPI's default 422 does: it quotes the offending input back,
    here the whole applicant of the case it was sent."""
    found = re.search(r'"applicant":\s*(\{[^{}]*\})', body.decode("utf-8", "replace"))
    echoed = json.loads(found.group(1)) if found else body[:200].decode("utf-8", "replace")
    reply(h, 422, json.dumps({"error": "invalid", "detail": [
        {"type": "value_error", "loc": ["body", "applicant"], "input": echoed}]},
        ensure_ascii=False).encode())


def drain_in_thread(worker: OutboxWorker) -> object:
    outcome: list[object] = []
    t = threading.Thread(target=lambda: outcome.append(worker.drain()), daemon=True)
    t.start()
    t.join(60)  # without the bounds the drip and the endless body never return
    assert not t.is_alive(), "the drain is stuck reading the answer"
    return outcome[0]


@pytest.mark.parametrize(("answer", "says"), [
    (drip, "trickles in too slowly"),
    (endless, f"over {MAX_ANSWER_BYTES} bytes"),
    (declared_huge, f"answer of {200 * 1024 * 1024} bytes"),
], ids=["drip", "endless", "declared-huge"])
def test_a_hostile_answer_costs_a_bounded_wait_and_the_case_stays_queued(
        ecfg: Config, card: IdCard, serve: Serve, answer: Answer, says: str) -> None:
    store = queue_cases(ecfg, card, 1)
    client = client_for(ecfg, timeout_s=0.5)
    client.base_url = serve(answer)
    result = drain_in_thread(OutboxWorker(store, client, clock=lambda: 1e12))
    assert result.offline and result.sent == 0  # type: ignore[attr-defined]
    row = store.outbox_rows()[0]
    assert row["state"] == "pending" and says in row["last_error"]


def test_a_status_read_is_bounded_too(serve: Serve, ecfg: Config) -> None:
    client = client_for(ecfg, timeout_s=0.5)
    client.base_url = serve(drip)
    with pytest.raises(PlatformUnavailable, match="too slowly"):
        client.status("420102202611260001")


def test_a_platform_echoing_the_applicant_back_leaves_no_name_in_the_row_status_or_log(
        ecfg: Config, card: IdCard, serve: Serve, caplog: pytest.LogCaptureFixture) -> None:
    store = queue_cases(ecfg, card, 1)
    client = client_for(ecfg)
    client.base_url = serve(echo_applicant)
    worker = OutboxWorker(store, client, max_attempts=1, clock=lambda: 1e12)
    with caplog.at_level(logging.INFO):
        result = worker.drain()
    assert result.parked == 1
    row = store.outbox_rows()[0]
    assert row["state"] == "parked" and "applicant" in row["last_error"]
    assert "李**" in row["last_error"]  # what came back is still recognisable
    kept = row["last_error"] + caplog.text + repr(store.sync_status())
    assert card.name not in kept and card.address not in kept
    assert "秀英" not in kept and "江岸区" not in kept


@pytest.mark.parametrize("status", [302, 307, 308])
def test_a_redirect_is_never_followed_and_the_case_stays_queued(
        ecfg: Config, card: IdCard, platform: ThreadedPlatform, serve: Serve,
        status: int) -> None:
    """A 4G captive portal answers every request with a redirect to its login page; a
    followed 307/308 would post the resident's case to it."""
    heard: list[bytes] = []

    def portal_page(h: Handler, body: bytes) -> None:
        heard.append(body)
        reply(h, 200, b"<html>login</html>", "text/html")

    portal = serve(portal_page)
    store = queue_cases(ecfg, card, 1)
    client = client_for(ecfg)
    client.base_url = serve(lambda h, _: reply(h, status, Location=f"{portal}/login?from=kiosk"))
    result = OutboxWorker(store, client, clock=lambda: 1e12).drain()
    assert result.offline and result.sent == 0 and result.parked == 0
    assert heard == []  # the portal heard nothing
    row = store.outbox_rows()[0]
    assert row["state"] == "pending" and f"redirect to {portal} " in row["last_error"]
    assert "/login" not in row["last_error"] and "from=kiosk" not in row["last_error"]
    st = store.sync_status()
    assert st.online is False and st.problem == "redirected"
    # The real platform, once the line is fixed: the case goes, once.
    worker = OutboxWorker(store, client_for(ecfg), clock=lambda: 2e12)
    assert worker.drain().sent == 1 and len(submissions(platform)) == 1


@pytest.mark.parametrize(("location", "shown"), [
    ("https://county.example/api/v1/x?sim=13912345678", "https://county.example"),
    ("http://10.0.0.1:8080/login", "http://10.0.0.1:8080"),
    ("//portal.example/p", "http://portal.example"),
    ("/relative/login", "nowhere named"),
    ("http://host:port-not-a-number/", "an unreadable address"),
    ("http://[::1/", "an unreadable address"),
    ("", "nowhere named"),
])
def test_a_redirect_target_is_shown_as_its_origin_only(location: str, shown: str) -> None:
    assert _origin(location) == shown


def forge_ack(h: Handler, body: bytes) -> None:
    """A middlebox on a plain http line answers for the platform: a well-formed ack for
    exactly the case sent (it can read the request), with no platform signature."""
    found = re.search(rb'"local_no":"([^"]+)"', body)
    local_no = found.group(1).decode() if found else "?"
    reply(h, 201, json.dumps({"platform_no": "420102202611269999", "local_no": local_no,
                              "received_at": "2026-11-26T09:00:00Z"}).encode(),
          **{"X-Answer-Signature": "c2lnbmVkIGJ5IG5vYm9keQ=="})


def test_a_forged_ack_never_marks_a_case_sent(
        ecfg: Config, card: IdCard, platform: ThreadedPlatform, serve: Serve) -> None:
    store = queue_cases(ecfg, card, 1)
    client = client_for(ecfg)
    assert client.answer_key is not None  # enrolled with a platform that signs answers
    client.base_url = serve(forge_ack)
    result = OutboxWorker(store, client, clock=lambda: 1e12).drain()
    assert result.sent == 0 and result.offline
    case_id = store.outbox_rows()[0]["record_id"]
    assert store.get_case(case_id).platform_no is None
    st = store.sync_status()
    assert st.problem == "unsigned_answer" and "not signed by the platform" in st.detail
    # The real platform: the case is filed and its real number kept.
    assert OutboxWorker(store, client_for(ecfg), clock=lambda: 2e12).drain().sent == 1
    assert store.get_case(case_id).platform_no == submissions(platform)[0]["platform_no"]


@pytest.mark.parametrize(("header", "pause"), [("120", 120.0), ("99999999", 900.0)],
                         ids=["asks-2-min", "absurd-capped-at-backoff-cap"])
def test_a_busy_platforms_retry_after_holds_every_item_back(
        ecfg: Config, card: IdCard, serve: Serve, header: str, pause: float) -> None:
    heard: list[bytes] = []

    def busy(h: Handler, body: bytes) -> None:
        heard.append(body)
        reply(h, 503, b"busy", "text/plain", **{"Retry-After": header})

    store = queue_cases(ecfg, card, 3)
    client = client_for(ecfg)
    client.base_url = serve(busy)
    now = [1_800_000_000.0]
    worker = OutboxWorker(store, client, clock=lambda: now[0], concurrency=1)
    assert worker.drain().offline and len(heard) == 1
    assert max(r["next_attempt_at"] for r in store.outbox_rows()) == pytest.approx(
        now[0] + pause)
    assert f"retry after {int(header)} s" in store.sync_status().detail
    assert store.sync_status().problem == "platform_busy"  # 维护信息: wait, nothing to fix
    now[0] += pause - 1  # the two other cases are due, but the platform asked for quiet
    assert worker.drain().offline and len(heard) == 1
    now[0] += 2
    worker.drain()
    assert len(heard) == 2
    # A pause set by a clock that then went back an hour is not waited out for that hour.
    now[0] -= 3600
    worker.drain()
    assert len(heard) == 3


def test_retry_after_reads_seconds_and_http_dates_and_ignores_garbage() -> None:
    from sync.client import retry_after_s

    now = 1_795_681_200.0  # 2026-11-26 08:20:00 UTC
    assert retry_after_s("30", now) == 30.0
    assert retry_after_s("Thu, 26 Nov 2026 08:25:00 GMT", now) == 300.0
    assert retry_after_s("Thu, 26 Nov 2026 08:00:00 GMT", now) == 0.0  # already past
    for junk in ("", "soon", "-5", "1.5e3", "Thu, 99 Nov 2026"):
        assert retry_after_s(junk, now) is None
