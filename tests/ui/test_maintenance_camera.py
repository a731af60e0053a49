"""维护信息 on the touch screen shows the camera trouble a materials screen met (issue 14):
real Kiosk, real QML offscreen; the line is red with what to check, grey when none."""

from __future__ import annotations

import os

os.environ["QT_QPA_PLATFORM"] = "offscreen"

from PySide6.QtQuick import QQuickWindow
from pytestqt.qtbot import QtBot

from devices.camera.camera import CameraStatus
from kiosk.app import Kiosk
from tests.ui.test_query_and_rating import find
from ui.vm import ShellViewModel


def test_the_camera_line_shows_the_last_trouble(
        qtbot: QtBot, screen: tuple[QQuickWindow, ShellViewModel], kiosk: Kiosk) -> None:
    window, vm = screen
    vm.openMaintenance()
    qtbot.waitUntil(lambda: vm.property("step") == "maintenance", timeout=5000)
    line = find(window, "maintenanceCamera")
    assert line.isVisible() and "未记录" in str(line.property("text"))
    grey = line.property("color")
    kiosk.flow.camera_trouble(CameraStatus.UNPLUGGED.resident)  # as the preview reports it
    vm.maintenance.refresh()  # type: ignore[attr-defined]  # 刷新
    qtbot.waitUntil(lambda: CameraStatus.UNPLUGGED.repair in str(
        find(window, "maintenanceCamera").property("text")), timeout=5000)
    assert find(window, "maintenanceCamera").property("color") != grey


def test_the_software_line_shows_the_version_running(
        qtbot: QtBot, screen: tuple[QQuickWindow, ShellViewModel], kiosk: Kiosk) -> None:
    """The version (and the last update's outcome) the technician compares with the
    platform's release; read from the same notice `kiosk update status` prints."""
    import kiosk as package
    from kiosk.update_apply import read_notice
    from kiosk.updates import update_words

    window, vm = screen
    vm.openMaintenance()
    qtbot.waitUntil(lambda: vm.property("step") == "maintenance", timeout=5000)
    text = str(find(window, "maintenanceSoftware").property("text"))
    assert text == f"软件版本：{update_words(read_notice(kiosk.config.data_dir))}"
    assert package.__version__ in text
