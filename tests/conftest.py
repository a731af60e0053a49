"""Shared fixtures: a terminal config in a temp dir, sample cards, real platform processes."""

from __future__ import annotations

import datetime as dt
import json
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


def make_id(first17: str) -> str:
    return first17 + gb11643_check_char(first17)


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
        data = None if body is None else json.dumps(body).encode()
        req = urllib.request.Request(f"{self.url}/api/v1/admin{path}", data=data,
                                     method=method, headers={"Content-Type": "application/json"})
        with urllib.request.urlopen(req, timeout=10) as resp:
            return json.loads(resp.read())

    def submissions(self) -> list[dict[str, Any]]:
        result: list[dict[str, Any]] = self.admin("GET", "/submissions")
        return result

    def enrol_code(self) -> str:
        """A one-time code for `kiosk provision`, as the county operator would issue."""
        return str(self.admin("POST", "/enrolment-codes", {})["code"])


def kiosk_cmd(*args: str) -> list[str]:
    return [sys.executable, "-m", "kiosk.cli", *args]


@pytest.fixture
def platform_process(tmp_path: Path) -> Iterator[PlatformProcess]:
    """The reference platform as a real HTTP server process on 127.0.0.1."""
    port = free_port()
    proc = subprocess.Popen(kiosk_cmd("platform", "serve", "--port", str(port),
                                      "--db", str(tmp_path / "platform.sqlite3")))
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 20
    while True:
        try:
            urllib.request.urlopen(f"{url}/api/v1/health", timeout=1).close()
            break
        except OSError:
            if proc.poll() is not None or time.monotonic() > deadline:
                proc.kill()
                raise RuntimeError("platform process did not start") from None
            time.sleep(0.05)
    yield PlatformProcess(url, proc)
    proc.terminate()
    try:
        proc.wait(timeout=10)
    except subprocess.TimeoutExpired:
        proc.kill()
