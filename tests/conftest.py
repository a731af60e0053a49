"""Shared fixtures: a terminal config in a temp dir, sample cards, real platform processes."""

from __future__ import annotations

import datetime as dt
import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from devices.idcard import IdCard
from kiosk.config import Config
from kiosk.identity import gb11643_check_char
from tests.platform_peer import STAFF_NAME, STAFF_PASSWORD, admin_call, forget


def make_id(first17: str) -> str:
    return first17 + gb11643_check_char(first17)


# PySide6 6.12 on CPython 3.11 drops one reference to None on every processEvents() and
# QTest.qWait() (and three per QEventLoop.exec()), measured: 10,000 processEvents calls in
# a bare process end in "Fatal Python error: none_dealloc". pytest-qt's waitUntil and wait
# call qWait in a loop, so a long test session walks None's count (about 83,000 with the
# project imported) towards zero. The terminal itself is not affected: its one
# QApplication.exec() loses nothing per event (measured over 20,000 timer slots). Until
# PySide6 is fixed, every test leaves None at least this many references, held here.
NONE_REFS_FLOOR = 1_000_000
_none_refs: list[None] = []


def pytest_runtest_teardown(item: pytest.Item) -> None:
    while sys.getrefcount(None) < NONE_REFS_FLOOR:
        _none_refs.extend([None] * 100_000)


@pytest.fixture
def card() -> IdCard:
    return IdCard(name="李秀英", id_number=make_id("42010219441105002"), sex_code="2",
                  nation_code="01", birth_date=dt.date(1944, 11, 5),
                  address="湖北省武汉市江岸区示范社区12号", issuer="武汉市公安局江岸分局",
                  valid_from=dt.date(2015, 1, 1), valid_until=None)


@pytest.fixture
def cfg(tmp_path: Path) -> Config:
    return Config(data_dir=tmp_path / "data", platform_url="http://127.0.0.1:9")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@dataclass
class PlatformProcess:
    url: str
    proc: subprocess.Popen[bytes]

    def admin(self, method: str, path: str, body: Any = None) -> Any:
        """An admin route, signed in as the test's staff account (tests/platform_peer.py)."""
        return admin_call(self.url, method, path, body)

    def submissions(self) -> list[dict[str, Any]]:
        result: list[dict[str, Any]] = self.admin("GET", "/submissions")
        return result

    def enrol_code(self, terminal_id: str = Config().terminal_id) -> str:
        """A one-time code for `kiosk provision` of ``terminal_id`` (by default the config's
        default id), as the county's technician would get it."""
        return str(self.admin("POST", "/enrolment-codes", {"terminal_id": terminal_id})["code"])


def kiosk_cmd(*args: str) -> list[str]:
    return [sys.executable, "-m", "kiosk.cli", *args]


def add_staff_account(db: Path, name: str = STAFF_NAME, role: str = "admin",
                      password: str = STAFF_PASSWORD) -> None:
    """As a county would: `kiosk platform account add`, the password on stdin."""
    subprocess.run(kiosk_cmd("platform", "account", "add", name, "--role", role,
                             "--db", str(db)), input=f"{password}\n".encode(), check=True,
                   capture_output=True)


def start_platform(db: Path, *extra: str) -> PlatformProcess:
    """`kiosk platform serve` as a real process on 127.0.0.1, once it answers /health."""
    port = free_port()
    proc = subprocess.Popen(kiosk_cmd("platform", "serve", "--port", str(port),
                                      "--db", str(db), *extra))
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 20
    while True:
        try:
            urllib.request.urlopen(f"{url}/api/v1/health", timeout=1).close()
            return PlatformProcess(url, proc)
        except OSError:
            if proc.poll() is not None or time.monotonic() > deadline:
                proc.kill()
                raise RuntimeError("platform process did not start") from None
            time.sleep(0.05)


def stop_platform(platform: PlatformProcess) -> None:
    forget(platform.url)
    platform.proc.terminate()
    try:
        platform.proc.wait(timeout=10)
    except subprocess.TimeoutExpired:
        platform.proc.kill()


@pytest.fixture
def platform_process(request: pytest.FixtureRequest,
                     tmp_path: Path) -> Iterator[PlatformProcess]:
    """The reference platform as a real HTTP server process on 127.0.0.1, with the test
    admin account; in test mode (fault injection) for tests marked
    ``platform_test_mode``."""
    db = tmp_path / "platform.sqlite3"
    add_staff_account(db)
    test_mode = request.node.get_closest_marker("platform_test_mode") is not None
    platform = start_platform(db, *(["--test-mode"] if test_mode else []))
    yield platform
    stop_platform(platform)
