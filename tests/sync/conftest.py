"""Sync fixtures: the reference platform in-process on 127.0.0.1, an enrolled terminal."""

from __future__ import annotations

import contextlib
import http.server
import threading
from collections.abc import Callable, Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from devices.idcard import IdCard
from kiosk.cases import CaseItem
from kiosk.config import Config
from kiosk.crypto import DataKey
from kiosk.provision import platform_client, provision
from kiosk.session import applicant_from_card
from kiosk.store import Store
from sync.client import PlatformClient
from sync.platform.server import ThreadedPlatform
from tests.platform_peer import FAST_HASHER, STAFF_NAME, STAFF_PASSWORD, admin_call, forget

ITEM = CaseItem("HB-YL-0001", "城乡居民基本养老保险参保登记")
JPEG_SOI = b"\xff\xd8\xff"  # what the platform (contract 1.7) takes for a JPEG


def as_jpeg(data: bytes) -> bytes:
    """``data`` of the same length with a JPEG's first bytes: the attachments these tests
    move are filler, and contract 1.7 takes only a PNG or a JPEG (judged by those bytes)."""
    return JPEG_SOI + data[len(JPEG_SOI):]


@pytest.fixture
def platform(tmp_path: Path) -> Iterator[ThreadedPlatform]:
    """In test mode: these tests inject faults (PUT /admin/faults) and forge documents."""
    with ThreadedPlatform(tmp_path / "platform" / "platform.sqlite3", test_mode=True,
                          password_hasher=FAST_HASHER) as p:
        p.add_account(STAFF_NAME, "admin", STAFF_PASSWORD)
        yield p
    forget(p.url)


@pytest.fixture
def ecfg(cfg: Config, platform: ThreadedPlatform) -> Config:
    """A terminal config pointing at ``platform`` and enrolled with it."""
    cfg = replace(cfg, platform_url=platform.url)
    provision(cfg, platform.url, platform.issue_code(cfg.terminal_id))
    return cfg


def client_for(cfg: Config, timeout_s: float = 15.0) -> PlatformClient:
    return platform_client(cfg, timeout_s=timeout_s)


def admin(platform: ThreadedPlatform, method: str, path: str, body: Any = None) -> Any:
    """An admin route as the test admin (tests/platform_peer.py)."""
    return admin_call(platform.url, method, path, body)


def set_faults(platform: ThreadedPlatform, **faults: float) -> None:
    admin(platform, "PUT", "/faults", faults)


def submissions(platform: ThreadedPlatform) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = admin(platform, "GET", "/submissions")
    return rows


def open_store(cfg: Config) -> Store:
    return Store(cfg.db_path, cfg.attachments_dir, DataKey.load_or_create(cfg.key_path))


def queue_cases(cfg: Config, card: IdCard, n: int, photo: bytes | None = None) -> Store:
    store = open_store(cfg)
    for i in range(n):
        case = store.create_case(terminal_id=cfg.terminal_id, region_code=cfg.region_code,
                                 applicant=applicant_from_card(card), items=[ITEM],
                                 form={"seq": i})
        store.add_attachment(case.id, "portrait", photo or as_jpeg(f"photo {i}".encode() * 100))
        store.submit_case(case.id)
    return store


# A stand-in peer for answers the reference platform never gives: it reads the request
# body and hands it, with the handler, to ``answer``.
Answer = Callable[[http.server.BaseHTTPRequestHandler, bytes], None]


def reply(h: http.server.BaseHTTPRequestHandler, status: int, body: bytes = b"",
          ctype: str = "application/json", **headers: str) -> None:
    h.send_response(status)
    h.send_header("Content-Type", ctype)
    h.send_header("Content-Length", str(len(body)))
    for name, value in headers.items():
        h.send_header(name, value)
    h.end_headers()
    h.wfile.write(body)


@pytest.fixture
def serve() -> Iterator[Callable[[Answer], str]]:
    """Starts HTTP servers on 127.0.0.1 answering with ``answer``; returns each one's URL."""
    servers: list[http.server.ThreadingHTTPServer] = []

    def start(answer: Answer) -> str:
        class Handler(http.server.BaseHTTPRequestHandler):
            def _any(self) -> None:
                body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
                with contextlib.suppress(OSError):  # the terminal hung up, as it may
                    answer(self, body)

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
