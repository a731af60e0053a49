"""Walking the Qt Quick item tree from Python without PySide6's stale wrappers.

PySide6 6.12 keeps Python wrappers of QML types' meta-objects after the engine that made
them is gone; shiboken still maps their addresses, so an item created later at the same
address can come back from ``childItems()`` as that stale ``QMetaObject`` wrapper (seen in
CI: "'QMetaObject' object has no attribute 'isVisible'" in a test late in a long run). A
walker then fails, or skips what a resident sees. ``child_items`` drops such wrappers from
shiboken's map and asks again, so the real items come back with their own type.
"""

from __future__ import annotations

import shiboken6
from PySide6.QtQuick import QQuickItem


def child_items(item: QQuickItem) -> list[QQuickItem]:
    """``item.childItems()``, every element a QQuickItem."""
    kids: list[QQuickItem] = []
    for _ in range(3):
        kids = list(item.childItems())
        stale = [k for k in kids if not isinstance(k, QQuickItem)]
        if not stale:
            return kids
        for k in stale:
            shiboken6.invalidate(k)  # forget the mapping; the next call wraps afresh
    return [k for k in kids if isinstance(k, QQuickItem)]
