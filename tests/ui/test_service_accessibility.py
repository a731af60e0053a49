"""Every actionable item on every service screen says what it shows.

Screen readers (AT-SPI) and test robots find a button by its Accessible.name; it must be the
words on the button. Each sample state comes from the real flow (kiosk.samples) and is
rendered in real QML offscreen; the tree walked is the accessibility tree Qt exposes.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QEventLoop, QTimer, QUrl
from PySide6.QtGui import QAccessible
from PySide6.QtQml import QQmlApplicationEngine
from PySide6.QtQuick import QQuickItem, QQuickWindow
from pytestqt.qtbot import QtBot

from kiosk.config import Config
from kiosk.flow import Screen
from kiosk.samples import sample_screens
from ui.audit import activate_accessibility
from ui.items import child_items
from ui.vm import service_answers, service_done, service_find, service_guide, service_query
from ui.vm.service_base import StillSession
from ui.vm.service_screens import HOST_QML, SCREENS

REGISTERED = (service_answers, service_done, service_find, service_guide, service_query)
pytestmark = pytest.mark.no_qt_log  # see test_service_screens.py


@pytest.fixture(scope="module")
def samples(tmp_path_factory: pytest.TempPathFactory) -> list[tuple[str, Screen]]:
    base = Config(data_dir=Path(tmp_path_factory.mktemp("samples")) / "data")
    return [(n, s) for n, s in sample_screens(base) if s.step.value in SCREENS]


def _walk(item: QQuickItem) -> Iterator[QQuickItem]:
    todo = [item]
    while todo:
        it = todo.pop()
        if not it.isVisible():
            continue
        yield it
        todo.extend(child_items(it))


def _first_text(item: QQuickItem) -> str:
    for it in _walk(item):
        if it is not item and it.inherits("QQuickText") and str(it.property("text") or ""):
            return str(it.property("text"))
    return ""


def _buttons(window: QQuickWindow) -> Iterator[tuple[QQuickItem, str, str]]:
    """(item, accessible name, visible text) for every visible button on the screen."""
    for it in _walk(window.contentItem()):
        if it.objectName() == "keyboardPanel":  # Qt's own keys (H6's KeyboardPanel)
            continue
        iface = QAccessible.queryAccessibleInterface(it)
        if iface is None or not iface.isValid() or iface.role() != QAccessible.Role.Button:
            continue
        own = it.property("text")
        shown = own if isinstance(own, str) and own else _first_text(it)
        yield it, iface.text(QAccessible.Text.Name), shown


def test_every_button_is_named_by_its_visible_text(qtbot: QtBot,
                                                   samples: list[tuple[str, Screen]]) -> None:
    activate_accessibility()
    assert len({s.step for _, s in samples}) >= 10, "too few service screens sampled"
    checked = 0
    for name, screen in samples:
        session = StillSession(screen)
        engine = QQmlApplicationEngine()
        warnings: list[str] = []
        engine.warnings.connect(lambda ws, out=warnings: out.extend(w.toString() for w in ws))
        engine.setInitialProperties({"session": session, "screenUrl": QUrl.fromLocalFile(
            str(SCREENS[screen.step.value]))})
        engine.load(QUrl.fromLocalFile(str(HOST_QML)))
        window = engine.rootObjects()[0]
        assert isinstance(window, QQuickWindow)
        with qtbot.waitExposed(window):
            window.show()
        loop = QEventLoop()
        QTimer.singleShot(50, loop.quit)
        loop.exec()
        found = list(_buttons(window))
        assert found, f"{name}: no buttons at all"
        for item, accessible, shown in found:
            assert shown, f"{name}: {item.objectName() or item} shows no text"
            assert accessible == shown, f"{name}: {item.objectName()} is named {accessible!r}" \
                                        f" but shows {shown!r}"
            checked += 1
        assert warnings == [], f"{name}: {warnings}"
        window.close()
        engine.deleteLater()
    assert checked > 50
