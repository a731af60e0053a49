"""``RowsModel``: list data for QML (items, search results, query rows, checklists …).

A ``QAbstractListModel`` rather than a JS array property, so a delegate reads typed roles
(``required property string caseNo``) and a change of rows resets the view once instead of
re-evaluating every binding that touched the array.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import (
    Property,
    QAbstractListModel,
    QByteArray,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtQml import QmlElement, QmlUncreatable

QML_IMPORT_NAME = "VillageKiosk"
QML_IMPORT_MAJOR_VERSION = 1

_FIRST_ROLE = int(Qt.ItemDataRole.UserRole) + 1


@QmlElement
@QmlUncreatable("rows come from a view model")  # PySide6 6.12 stub: the instance is "not callable"
class RowsModel(QAbstractListModel):  # type: ignore[operator]
    """Rows of one shape: each row a dict with the same keys, each key a role."""

    countChanged = Signal()

    def __init__(self, keys: Sequence[str], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._keys = tuple(keys)
        self._rows: list[dict[str, Any]] = []

    def set_rows(self, rows: list[dict[str, Any]]) -> None:
        """Replaces the rows; nothing is emitted when they are the same."""
        if rows == self._rows:
            return
        for r in rows:
            missing = set(self._keys) - r.keys()
            if missing:
                raise KeyError(f"row lacks {sorted(missing)}")
        old = len(self._rows)
        self.beginResetModel()
        self._rows = [dict(r) for r in rows]
        self.endResetModel()
        if old != len(self._rows):
            self.countChanged.emit()

    def rows(self) -> list[dict[str, Any]]:
        """A copy of the rows (for tests and the privacy check)."""
        return [dict(r) for r in self._rows]

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def data(self, index: QModelIndex | QPersistentModelIndex,
             role: int = int(Qt.ItemDataRole.DisplayRole)) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        at = role - _FIRST_ROLE
        if 0 <= at < len(self._keys):
            return self._rows[index.row()][self._keys[at]]
        if role == int(Qt.ItemDataRole.DisplayRole) and self._keys:
            return self._rows[index.row()][self._keys[0]]
        return None

    def roleNames(self) -> dict[int, QByteArray]:
        return {_FIRST_ROLE + i: QByteArray(k.encode()) for i, k in enumerate(self._keys)}

    @Property(int, notify=countChanged)
    def count(self) -> int:
        return len(self._rows)
