"""One list model for every list the resident-flow screens show.

Search results, checklists, answers and query rows are all short (at most a few dozen rows)
lists of flat records. One ``QAbstractListModel`` over a tuple of frozen dataclasses gives
each of them named roles QML delegates can declare as ``required property``, and a reset
only when the rows really changed, so a refresh after every touch does not rebuild the
delegates under the resident's finger.
"""

from __future__ import annotations

import dataclasses
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

Index = QModelIndex | QPersistentModelIndex


def _camel(name: str) -> str:
    head, *rest = name.split("_")
    return head + "".join(p.title() for p in rest)


@QmlElement
@QmlUncreatable("rows come from a service view model")  # PySide6 6.12 stub: "not callable"
class RowListModel(QAbstractListModel):  # type: ignore[operator]
    """Rows of one dataclass type; each field is a role named in camelCase."""

    countChanged = Signal()

    def __init__(self, row_type: type[Any], parent: QObject | None = None) -> None:
        super().__init__(parent)
        if not dataclasses.is_dataclass(row_type):
            raise TypeError(f"{row_type!r} is not a dataclass")
        self._fields = tuple(f.name for f in dataclasses.fields(row_type))
        self._rows: tuple[Any, ...] = ()

    # Qt's model interface ----------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's default
        return 0 if parent.isValid() else len(self._rows)

    def data(self, index: Index, role: int = int(Qt.ItemDataRole.DisplayRole)) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        slot = role - _FIRST_ROLE
        if not 0 <= slot < len(self._fields):
            return None
        return getattr(self._rows[index.row()], self._fields[slot])

    def roleNames(self) -> dict[int, QByteArray]:
        return {_FIRST_ROLE + i: QByteArray(_camel(f).encode()) for i, f in
                enumerate(self._fields)}

    # For Python callers ------------------------------------------------------------------

    @property
    def rows(self) -> tuple[Any, ...]:
        return self._rows

    def set_rows(self, rows: Sequence[Any]) -> bool:
        """Replaces the rows; True (and one model reset) only when something changed."""
        new = tuple(rows)
        if new == self._rows:
            return False
        self.beginResetModel()
        self._rows = new
        self.endResetModel()
        self.countChanged.emit()
        return True

    def _count(self) -> int:
        return len(self._rows)

    count = Property(int, _count, notify=countChanged)
