"""Answers no platform should give, from a real HTTP server on 127.0.0.1: a body that
drips in for ever, one that never ends, one that declares itself huge. Each costs the
terminal a bounded wait and bounded memory, and the case stays queued."""

from __future__ import annotations

import contextlib
import http.server
import threading
import time
from collections.abc import Callable, Iterator

import pytest

from devices.idcard import IdCard
from kiosk.config import Config
from sync.client import MAX_ANSWER_BYTES, PlatformUnavailable
from sync.outbox import OutboxWorker
from tests.sync.conftest import client_for, queue_cases

Answer = Callable[[http.server.BaseHTTPRequestHandler], None]


def drip(h: http.server.BaseHTTPRequestHandler) -> None:
    """A 200 whose JSON arrives a byte at a time, never finishing."""
    h.send_response(200)
    h.send_header("Content-Type", "application/json")
    h.end_headers()
    h.wfile.write(b'{"platform_no": "')
    while True:
        h.wfile.write(b"1")
        h.wfile.flush()
        time.sleep(0.1)


def endless(h: http.server.BaseHTTPRequestHandler) -> None:
    """A fast body with no length and no end (a portal streaming its page for ever)."""
    h.send_response(200)
    h.send_header("Content-Type", "text/html")
    h.end_headers()
    block = b"<p>" + b"x" * 65533
    while True:
        h.wfile.write(block)


def declared_huge(h: http.server.BaseHTTPRequestHandler) -> None:
    h.send_response(200)
    h.send_header("Content-Type", "application/json")
    h.send_header("Content-Length", str(200 * 1024 * 1024))
    h.end_headers()
    h.wfile.write(b"{")
    time.sleep(30)


@pytest.fixture
def serve() -> Iterator[Callable[[Answer], str]]:
    servers: list[http.server.ThreadingHTTPServer] = []

    def start(answer: Answer) -> str:
        class Handler(http.server.BaseHTTPRequestHandler):
            def _any(self) -> None:
                self.rfile.read(int(self.headers.get("Content-Length", 0)))
                with contextlib.suppress(OSError):  # the terminal hung up, as it should
                    answer(self)

            do_GET = do_POST = do_PUT = _any

            def log_message(self, *args: object) -> None:
                pass

        server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        server.daemon_threads = True
        threading.Thread(target=server.serve_forever, daemon=True).start()
        servers.append(server)
        return f"http://127.0.0.1:{server.server_address[1]}"

    yield start
    for server in servers:
        server.shutdown()
        server.server_close()


@pytest.mark.parametrize(("answer", "says"), [
    (drip, "trickles in too slowly"),
    (endless, f"over {MAX_ANSWER_BYTES} bytes"),
    (declared_huge, f"answer of {200 * 1024 * 1024} bytes"),
], ids=["drip", "endless", "declared-huge"])
def test_a_hostile_answer_costs_a_bounded_wait_and_the_case_stays_queued(
        ecfg: Config, card: IdCard, serve: Callable[[Answer], str], answer: Answer,
        says: str) -> None:
    store = queue_cases(ecfg, card, 1)
    client = client_for(ecfg, timeout_s=0.5)
    client.base_url = serve(answer)
    worker = OutboxWorker(store, client, clock=lambda: 1e12)
    outcome: list[object] = []
    t = threading.Thread(target=lambda: outcome.append(worker.drain()), daemon=True)
    t.start()
    t.join(60)  # without the bounds the drip and the endless body never return
    assert not t.is_alive(), "the drain is stuck reading the answer"
    result = outcome[0]
    assert result.offline and result.sent == 0  # type: ignore[attr-defined]
    row = store.outbox_rows()[0]
    assert row["state"] == "pending" and says in row["last_error"]


def test_the_health_probe_is_bounded_too(serve: Callable[[Answer], str],
                                         ecfg: Config) -> None:
    client = client_for(ecfg, timeout_s=0.5)
    client.base_url = serve(drip)
    with pytest.raises(PlatformUnavailable, match="too slowly"):
        client.status("420102202611260001")
