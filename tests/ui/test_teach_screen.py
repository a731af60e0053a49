"""怎么用 on the real touch window: 怎么用 on the home screen opens the walkthrough, 下一步
walks its six pages (the words on screen are each page's), 上一步 goes back, 我知道了 on the
last page returns to the home screen. Taps land where the buttons are drawn (by objectName)."""

from __future__ import annotations

import os

os.environ["QT_QPA_PLATFORM"] = "offscreen"

from PySide6.QtQuick import QQuickWindow
from pytestqt.qtbot import QtBot

from kiosk import prompts
from kiosk.flow import Step
from kiosk.flow.teach import PAGES
from tests.ui.test_query_and_rating import find, tap, visible_items
from ui.vm import ShellViewModel

WAIT_MS = 10_000


def text_of(window: QQuickWindow, name: str) -> str:
    return str(find(window, name).property("text"))


def test_walkthrough_from_home_and_back_home(
        qtbot: QtBot, screen: tuple[QQuickWindow, ShellViewModel]) -> None:
    window, vm = screen
    assert vm.step == Step.HOME.value
    tap(qtbot, window, "homeTeach")
    qtbot.waitUntil(lambda: vm.step == Step.TEACH.value, timeout=WAIT_MS)
    assert find(window, "teachPicture").isVisible()
    for i, page in enumerate(PAGES):
        qtbot.waitUntil(lambda p=page: text_of(window, "teachTitle") == p.title,  # type: ignore[misc]
                        timeout=WAIT_MS)
        assert text_of(window, "teachWords") == page.words
        assert text_of(window, "teachStep") == f"第 {i + 1} 步，共 {len(PAGES)} 步"
        if i == 1:  # 上一步 goes back one page, 下一步 forward again
            tap(qtbot, window, "teachBack")
            qtbot.waitUntil(lambda: text_of(window, "teachTitle") == PAGES[0].title,
                            timeout=WAIT_MS)
            tap(qtbot, window, "teachNext")
            qtbot.waitUntil(lambda: text_of(window, "teachTitle") == PAGES[1].title,
                            timeout=WAIT_MS)
        if i < len(PAGES) - 1:
            tap(qtbot, window, "teachNext")
    # the last page: 我知道了 instead of 下一步
    assert find(window, "teachDone").isVisible() and find(window, "teachAgain").isVisible()
    assert not [i for i in visible_items(window) if i.objectName() == "teachNext"]
    # the page's own sentence is what 再听一遍 plays (never the resident's data)
    assert vm.speaker.prompt == prompts.TEACH_PROMPTS[PAGES[-1].id].zh
    tap(qtbot, window, "teachDone")
    qtbot.waitUntil(lambda: vm.step == Step.HOME.value, timeout=WAIT_MS)
    assert ("teach_done", ()) in vm.actions
