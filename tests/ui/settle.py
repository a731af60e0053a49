"""Taps in tests land where a finger would: on an item that has stopped moving.

A screen still being laid out (a list after the first pinyin search, a reason list opening
under the rating faces) can move under a synthesized click; a person taps what they see.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QPointF
from PySide6.QtQuick import QQuickItem
from pytestqt.qtbot import QtBot


def wait_still(qtbot: QtBot, find: Callable[[], QQuickItem], polls: int = 5,
               timeout_ms: int = 5000) -> None:
    """Waits until ``find()`` gives a visible item at the same scene position ``polls``
    times in a row (``find`` may raise AssertionError while it is not there yet)."""
    seen: list[tuple[float, float]] = []

    def still() -> bool:
        target = find()
        p = target.mapToScene(QPointF(0, 0))
        seen.append((p.x(), p.y()))
        return target.isVisible() and len(seen) >= polls and len(set(seen[-polls:])) == 1

    qtbot.waitUntil(still, timeout=timeout_ms)
