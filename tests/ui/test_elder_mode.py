"""长辈模式 and 高对比度 on the real screens: the home screen's buttons turn them on at
once, every size grows by one factor, the prompts start speaking by themselves, and the
next visit starts plain again."""

from __future__ import annotations

from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QAccessible
from PySide6.QtQuick import QQuickItem, QQuickWindow
from PySide6.QtTest import QTest
from pytestqt.qtbot import QtBot

from kiosk.app import Kiosk
from tests.ui.settle import wait_still
from tests.ui.test_screens import find
from ui.vm import ShellViewModel
from ui.vm.shell import idle_warning_ms

WAIT_MS = 5000


def tap(qtbot: QtBot, window: QQuickWindow, name: str) -> None:
    wait_still(qtbot, lambda: find(window, name))
    item = find(window, name)
    centre = item.mapToScene(QPointF(item.width() / 2, item.height() / 2)).toPoint()
    QTest.mouseClick(window, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier,
                     centre)
    qtbot.wait(50)


def name_of(item: QQuickItem) -> str:
    iface = QAccessible.queryAccessibleInterface(item)
    assert iface is not None
    return iface.text(QAccessible.Text.Name)


def test_the_elder_button_scales_every_screen_and_speaks_until_the_visit_ends(
        qtbot: QtBot, screen: tuple[QQuickWindow, ShellViewModel], kiosk: Kiosk) -> None:
    window, vm = screen
    plain_height = find(window, "homeElder").height()
    assert plain_height == 60  # Theme.minTarget at the reference screen
    assert name_of(find(window, "homeElder")) == "长辈模式"
    assert not vm.property("elderMode") and not vm.speaker.property("auto")

    tap(qtbot, window, "homeElder")
    qtbot.waitUntil(lambda: bool(vm.property("elderMode")), timeout=WAIT_MS)
    assert name_of(find(window, "homeElder")) == "✓ 长辈模式"  # the state in words too
    assert vm.speaker.property("auto")  # prompts speak by themselves in 长辈模式
    assert find(window, "homeElder").height() == 80  # 60 × Theme.elderFactor (1.34)
    assert find(window, "homeQuery").height() >= 80  # the 长辈模式 target size
    assert kiosk.flow.screen().idle_timeout_s == 0  # home has none; the visit's steps double

    tap(qtbot, window, "homeStart")  # 我要办事: the visit starts in 长辈模式
    qtbot.waitUntil(lambda: vm.property("step") == "insert_card", timeout=WAIT_MS)
    assert vm.property("elderMode")
    help_button = find(window, "helpButton")
    assert help_button.height() >= 80

    tap(qtbot, window, "homeButton")  # 返回首页 ends the visit, and the mode with it
    qtbot.waitUntil(lambda: vm.property("step") == "home", timeout=WAIT_MS)
    assert not vm.property("elderMode") and not vm.speaker.property("auto")
    assert name_of(find(window, "homeElder")) == "长辈模式"


def test_high_contrast_turns_the_page_white_and_the_buttons_black(
        qtbot: QtBot, screen: tuple[QQuickWindow, ShellViewModel]) -> None:
    window, vm = screen
    before = window.grabWindow()
    tap(qtbot, window, "homeContrast")
    qtbot.waitUntil(lambda: bool(vm.property("highContrast")), timeout=WAIT_MS)
    assert name_of(find(window, "homeContrast")) == "✓ 高对比度"
    qtbot.wait(100)
    after = window.grabWindow()
    start = find(window, "homeStart")
    inside = start.mapToScene(QPointF(10, start.height() / 2)).toPoint()
    # The page's background (a point left of the main tile, below the top row) and the
    # main tile's fill, read from the pixels drawn.
    page = start.mapToScene(QPointF(-8, start.height() / 2)).toPoint()
    assert before.pixelColor(page).name() != "#ffffff"
    assert after.pixelColor(page).name() == "#ffffff"
    assert after.pixelColor(inside).name() == "#000000"
    tap(qtbot, window, "homeContrast")
    qtbot.waitUntil(lambda: not vm.property("highContrast"), timeout=WAIT_MS)


def test_the_countdown_before_the_idle_end_is_longer_in_elder_mode() -> None:
    assert idle_warning_ms(120_000, elder=False) == 15_000
    assert idle_warning_ms(240_000, elder=True) == 30_000
    assert idle_warning_ms(20_000, elder=True) == 10_000  # at most half a short idle time
