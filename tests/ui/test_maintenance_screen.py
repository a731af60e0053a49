"""维护信息 on the touch screen: opened only by holding the home footer for three seconds,
shows the platform's refusal in Chinese with the parked item, 刷新 re-reads, and 返回首页
takes the terminal home. Real Kiosk, offscreen Qt."""

from __future__ import annotations

import os

os.environ["QT_QPA_PLATFORM"] = "offscreen"

import time

from PySide6.QtCore import QPointF, Qt
from PySide6.QtQuick import QQuickWindow
from PySide6.QtTest import QTest
from pytestqt.qtbot import QtBot

from kiosk.app import Kiosk
from kiosk.identity_keys import Enrolment, save_identity
from kiosk.session import SessionView
from sync.client import PlatformAuthFailed
from sync.signing import new_private_key
from tests.ui.test_query_and_rating import ID_NUMBER, card, find, screen_texts, submit_case, tap
from ui.vm import ShellViewModel

HOLD_MS = 3000  # Main.qml's pressAndHoldInterval


def hold(qtbot: QtBot, window: QQuickWindow, name: str, ms: int) -> None:
    """Presses the middle of ``name`` for ``ms`` and lets go, like a finger would."""
    item = find(window, name)
    centre = item.mapToScene(QPointF(item.width() / 2, item.height() / 2)).toPoint()
    QTest.mousePress(window, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, centre)
    qtbot.wait(ms)
    QTest.mouseRelease(window, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier,
                       centre)
    qtbot.wait(50)


def park_one_case(kiosk: Kiosk) -> int:
    """A resident's case whose outbox row hit the retry ceiling."""
    submit_case(kiosk, card(), 0)
    item = kiosk.store.next_due(now=time.time() + 1)
    assert item is not None
    kiosk.store.mark_failed(item, "POST /api/v1/submissions: HTTP 422 invalid_request: "
                                  "form.birth_date", retry_at=0, park=True)
    return item.id


def test_long_press_on_the_home_footer_opens_maintenance_and_home_returns(
        qtbot: QtBot, screen: tuple[QQuickWindow, ShellViewModel], kiosk: Kiosk) -> None:
    window, vm = screen
    cfg = kiosk.config
    save_identity(cfg, new_private_key(), Enrolment(cfg.terminal_id, cfg.region_code,
                                                    cfg.platform_url, "pub",
                                                    "2026-10-01T02:00:00+00:00"))
    parked_id = park_one_case(kiosk)
    kiosk.store.record_sync_state(False, str(PlatformAuthFailed(
        "clock_skew", "timestamp is +412 s from platform time; allowed ±300 s")), time.time())

    tap(qtbot, window, "maintenanceHold")  # a resident's tap on the footer does nothing
    hold(qtbot, window, "maintenanceHold", 1000)  # nor does a short hold
    assert vm.step == "home"

    hold(qtbot, window, "maintenanceHold", HOLD_MS + 300)
    qtbot.waitUntil(lambda: vm.step == "maintenance", timeout=2000)
    texts = screen_texts(window)
    assert find(window, "maintenanceHeadline").property("text") == "终端时钟与平台相差过大"
    assert "NTP" in str(find(window, "maintenanceAction").property("text"))
    assert "clock_skew" in str(find(window, "maintenanceDetail").property("text"))
    assert any(t.startswith(f"#{parked_id}  办件") for t in texts)
    assert "技术人员可在终端命令行执行 kiosk requeue 重新排队" in texts
    assert kiosk.config.terminal_id in texts
    joined = "\n".join(texts)
    assert "王建国" not in joined and ID_NUMBER not in joined

    # 刷新 re-reads what the outbox worker wrote meanwhile.
    kiosk.store.record_sync_state(True, "", time.time())
    tap(qtbot, window, "maintenanceRefresh")
    qtbot.waitUntil(lambda: find(window, "maintenanceHeadline").property("text") == "同步正常",
                    timeout=2000)
    # Read-only: the parked row is still parked.
    assert kiosk.store.sync_status().parked == 1

    tap(qtbot, window, "homeButton")
    qtbot.waitUntil(lambda: vm.step == "home", timeout=2000)
    assert kiosk.session.view == SessionView()


def test_maintenance_opens_only_from_home(
        qtbot: QtBot, screen: tuple[QQuickWindow, ShellViewModel]) -> None:
    _window, vm = screen
    vm.home.startService()
    vm.openMaintenance()  # the footer hold is disabled off HOME; the slot refuses too
    assert vm.step == "insert_card"


def test_the_idle_timeout_takes_an_unattended_maintenance_screen_home(
        qtbot: QtBot, screen: tuple[QQuickWindow, ShellViewModel], kiosk: Kiosk) -> None:
    """A technician who walks away from 维护信息 must not leave the terminal showing the
    platform address and queue, and out of service, until someone finds it."""
    window, vm = screen
    hold(qtbot, window, "maintenanceHold", HOLD_MS + 300)
    qtbot.waitUntil(lambda: vm.step == "maintenance", timeout=2000)
    assert vm.idleTimeoutMs == kiosk.config.idle_timeout_s * 1000
    vm.idleTimeoutMs = 400
    qtbot.waitUntil(lambda: vm.step == "home", timeout=3000)
    assert vm.actions[-1] == ("idle_timeout", ())
