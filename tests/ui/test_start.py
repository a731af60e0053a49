"""`kiosk run` draws its home screen before the terminal opens (ui/start.py), keeps a
touch made on it, tells systemd READY=1 from the terminal window's first frame and pings
WATCHDOG=1 from the GUI thread; a terminal that cannot open still says why in one line."""

from __future__ import annotations

import os
import socket
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QPointF, Qt
from PySide6.QtTest import QTest
from pytestqt.qtbot import QtBot

from kiosk.app import Kiosk
from kiosk.config import Config
from tests.conftest import free_port, kiosk_cmd
from tests.ui.settle import wait_still
from tests.ui.test_query_and_rating import find
from ui.frontend import QtFrontend
from ui.start import StartWindow


def _config(folder: Path, **extra: str) -> Path:
    lines = [f'data_dir = "{folder / "data"}"',
             f'platform_url = "http://127.0.0.1:{free_port()}"',
             "allow_mock_devices = true", *(f"{k} = {v}" for k, v in extra.items())]
    path = folder / "kiosk.toml"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_a_touch_on_the_first_frame_is_carried_out_by_the_terminal(
        qtbot: QtBot, tmp_path: Path) -> None:
    cfg = Config(data_dir=tmp_path / "data", platform_url=f"http://127.0.0.1:{free_port()}",
                 region_name="示范乡", terminal_id="VK-T-0042")
    start = StartWindow(cfg)
    with qtbot.waitExposed(start.window):
        start.window.show()
    assert start.warnings == []
    texts = {str(i.property("text")) for i in _items(start.window)}
    assert {"示范乡", "终端 VK-T-0042"} <= texts  # the configuration's, before any store
    wait_still(qtbot, lambda: find(start.window, "homeStart"))
    item = find(start.window, "homeStart")
    QTest.mouseClick(start.window, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier,
                     item.mapToScene(QPointF(item.width() / 2, item.height() / 2)).toPoint())
    assert start.host.pending == ("start", ("service",))
    kiosk = Kiosk.open(cfg)
    frontend = QtFrontend()
    try:
        _window, vm = frontend.load(kiosk, live=True)
        assert vm.step == "home"
        assert start.handover(vm) == ("start", ("service",))
        qtbot.waitUntil(lambda: vm.step == "insert_card", timeout=5000)
        assert not start.window.isVisible()
        assert frontend.qml_warnings == []
    finally:
        frontend.close()
        kiosk.close()


def _items(window: object) -> Iterator[object]:
    from tests.ui.test_query_and_rating import visible_items

    yield from visible_items(window)  # type: ignore[arg-type]


@pytest.fixture
def notify_socket(tmp_path: Path) -> Iterator[tuple[socket.socket, str]]:
    path = str(tmp_path / "notify")
    s = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
    s.bind(path)
    s.settimeout(0.5)
    yield s, path
    s.close()


def test_kiosk_run_is_ready_from_its_window_and_pings_the_watchdog_from_the_gui(
        tmp_path: Path, notify_socket: tuple[socket.socket, str]) -> None:
    sock, path = notify_socket
    env = {k: v for k, v in os.environ.items() if not k.startswith("KIOSK_")}
    env.update(QT_QPA_PLATFORM="offscreen", KIOSK_CONFIG=str(_config(tmp_path)),
               NOTIFY_SOCKET=path, WATCHDOG_USEC="400000")  # a ping every 0.2 s
    proc = subprocess.Popen(kiosk_cmd("run"), env=env, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE)
    got: list[str] = []
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and got.count("WATCHDOG=1") < 4:
            assert proc.poll() is None, proc.communicate()[1][-2000:]
            try:
                got += sock.recv(4096).decode().split("\n")
            except TimeoutError:
                continue
    finally:
        proc.terminate()
        proc.wait(timeout=30)
    assert "READY=1" in got, got
    ready = got.index("READY=1")
    assert "WATCHDOG=1" not in got[:ready]  # nothing alive to report before the window
    assert got.count("WATCHDOG=1") >= 4, got
    assert "STATUS=home screen shown" in got


def test_kiosk_run_whose_terminal_cannot_open_says_why_in_one_line(tmp_path: Path) -> None:
    (tmp_path / "file").write_text("in the way", encoding="utf-8")
    cfg = _config(tmp_path)
    cfg.write_text(cfg.read_text(encoding="utf-8").replace(
        str(tmp_path / "data"), str(tmp_path / "file" / "data")), encoding="utf-8")
    env = {k: v for k, v in os.environ.items() if not k.startswith("KIOSK_")}
    env.update(QT_QPA_PLATFORM="offscreen", KIOSK_CONFIG=str(cfg))
    res = subprocess.run(kiosk_cmd("run"), env=env, capture_output=True, text=True,
                         timeout=120, check=False)
    assert res.returncode == 2, res.stderr[-2000:]
    lines = [ln for ln in res.stderr.splitlines() if not ln.startswith("qt.")]
    assert len(lines) == 1 and lines[0].startswith("error: data_dir ")
    assert "Not a directory" in lines[0] and "Traceback" not in res.stderr
