"""sd_notify against a real unix datagram socket, as systemd listens for it."""

from __future__ import annotations

import os
import socket
import uuid
from pathlib import Path

from kiosk import sdnotify


def _listen(addr: str) -> socket.socket:
    s = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
    s.bind(addr)
    s.settimeout(10)
    return s


def test_ready_and_watchdog_reach_a_path_socket(tmp_path: Path) -> None:
    path = str(tmp_path / "notify")
    with _listen(path) as s:
        env = {"NOTIFY_SOCKET": path}
        assert sdnotify.notify("READY=1", "STATUS=首页", env=env)
        assert s.recv(4096).decode() == "READY=1\nSTATUS=首页"
        assert sdnotify.notify("WATCHDOG=1", env=env)
        assert s.recv(4096) == b"WATCHDOG=1"


def test_an_abstract_socket_is_reached_too() -> None:
    name = f"kiosk-test-{uuid.uuid4().hex}"
    with _listen("\0" + name) as s:
        assert sdnotify.notify("READY=1", env={"NOTIFY_SOCKET": "@" + name})
        assert s.recv(4096) == b"READY=1"


def test_outside_systemd_or_with_a_dead_socket_nothing_fails(tmp_path: Path) -> None:
    assert not sdnotify.notify("READY=1", env={})
    assert not sdnotify.notify("READY=1", env={"NOTIFY_SOCKET": str(tmp_path / "gone")})
    assert not sdnotify.notify("READY=1", env={"NOTIFY_SOCKET": "vsock:2:1234"})


def test_the_watchdog_interval_is_half_the_timeout_for_this_process() -> None:
    assert sdnotify.watchdog_interval_s({"WATCHDOG_USEC": "30000000"}) == 15.0
    mine = {"WATCHDOG_USEC": "30000000", "WATCHDOG_PID": str(os.getpid())}
    assert sdnotify.watchdog_interval_s(mine) == 15.0
    parent = {"WATCHDOG_USEC": "30000000", "WATCHDOG_PID": str(os.getppid())}
    assert sdnotify.watchdog_interval_s(parent) == 15.0  # cage, the unit's main process
    unrelated = max(os.getpid(), os.getppid()) + 1
    other = {"WATCHDOG_USEC": "30000000", "WATCHDOG_PID": str(unrelated)}
    assert sdnotify.watchdog_interval_s(other) is None
    assert sdnotify.watchdog_interval_s({}) is None
    assert sdnotify.watchdog_interval_s({"WATCHDOG_USEC": "0"}) is None
