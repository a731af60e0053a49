"""The Theme singleton: one scale factor drives every size, so 长辈模式 can raise them all,
and at factor 1 the sizes meet the 适老化 floors (text ≥ 24 px, targets ≥ 60 px)."""

from __future__ import annotations

import os

os.environ["QT_QPA_PLATFORM"] = "offscreen"

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtQml import QQmlExpression, qmlContext
from PySide6.QtQuick import QQuickItem, QQuickWindow
from pytestqt.qtbot import QtBot

from kiosk.app import Kiosk
from kiosk.config import Config
from tests.ui.test_screens import find, visible_items
from ui.frontend import QtFrontend
from ui.items import child_items


@pytest.fixture
def window(qtbot: QtBot, tmp_path: Path) -> Iterator[QQuickWindow]:
    k = Kiosk.open(Config(data_dir=tmp_path / "data", platform_url="http://127.0.0.1:9"))
    f = QtFrontend()
    w, _vm = f.load(k, live=False)
    with qtbot.waitExposed(w):
        w.show()
    yield w
    assert f.qml_warnings == []
    f.close()
    k.close()


def theme(window: QQuickWindow, js: str) -> object:
    root = child_items(window.contentItem())[0]
    expr = QQmlExpression(qmlContext(root), root, js)
    value, failed = expr.evaluate()
    assert not failed, expr.error().toString()
    return value


def sizes(window: QQuickWindow) -> tuple[float, list[int]]:
    button = find(window, "homeQuery")
    fonts = [int(i.property("font").pixelSize()) for i in visible_items(window)
             if i.metaObject().className().startswith("QQuickText")
             and i.property("text")]
    return button.height(), fonts


def test_one_factor_scales_every_size_and_factor_one_meets_the_floors(
        qtbot: QtBot, window: QQuickWindow) -> None:
    assert theme(window, "Theme.factor") == 1.0
    assert theme(window, "Theme.smallSize") == 24 and theme(window, "Theme.minTarget") == 60
    assert theme(window, "Theme.lineSpacing") >= 1.3
    height, fonts = sizes(window)
    assert min(fonts) >= 24

    theme(window, "Theme.factor = 1.25")
    qtbot.wait(50)
    assert theme(window, "Theme.smallSize") == 30
    assert theme(window, "Theme.touchHeight") == 140
    bigger, bigger_fonts = sizes(window)
    assert min(bigger_fonts) >= 30 and max(bigger_fonts) > max(fonts)
    assert isinstance(find(window, "homeStart"), QQuickItem)
    # The home tiles share a fixed room (a larger heading takes some of it), yet stay
    # above the raised target floor.
    assert bigger >= theme(window, "Theme.minTarget") == 75
    assert height >= 60
