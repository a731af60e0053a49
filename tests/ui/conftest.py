"""Touch-UI fixtures shared by the screen tests."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtQuick import QQuickWindow
from pytestqt.qtbot import QtBot

from kiosk.app import Kiosk
from kiosk.config import Config
from tests.conftest import free_port
from ui.frontend import QtFrontend
from ui.vm import ShellViewModel


@pytest.fixture
def kiosk(tmp_path: Path) -> Iterator[Kiosk]:
    """A terminal whose platform is unreachable: a port that was free a moment ago has no
    listener, so every query falls back to the local records. (test_screens.py has its
    own, with a short idle timeout.)"""
    cfg = Config(data_dir=tmp_path / "data", platform_url=f"http://127.0.0.1:{free_port()}",
                 idle_timeout_s=30)
    k = Kiosk.open(cfg)
    yield k
    k.close()


@pytest.fixture
def screen(qtbot: QtBot, kiosk: Kiosk) -> Iterator[tuple[QQuickWindow, ShellViewModel]]:
    """The live touch window on ``kiosk``; fails the test if QML logged any warning."""
    f = QtFrontend()
    window, vm = f.load(kiosk, live=True)
    with qtbot.waitExposed(window):
        window.show()
    yield window, vm
    assert f.qml_warnings == []
    f.close()
