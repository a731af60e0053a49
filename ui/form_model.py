"""The form on screen: a list model over kiosk.forms.page's FieldView, one page at a time.

Everything the screen shows comes from the core (kiosk/forms/page.py); this model only
holds what the resident typed and turns 继续 into ``check_page``. Typing does not notify
the value role back to QML: the widget under the finger is the truth while editing, and
re-setting its text would move the cursor or drop a Pinyin composition. Only the marks
that depend on the value (来自身份证 disappears once a prefilled value is changed) notify.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import math
from collections.abc import Iterable
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
    Slot,
)

from kiosk.catalog.model import Catalog
from kiosk.forms.page import (
    DEFAULT_PAGE_SIZE,
    FieldView,
    FormPage,
    check_form,
    check_page,
    field_view,
    paginate,
)
from kiosk.forms.prefill import Prefill
from kiosk.forms.schema import FormDefinition

Index = QModelIndex | QPersistentModelIndex

_FIRST_ROLE = int(Qt.ItemDataRole.UserRole) + 1
FIELDS = tuple(f.name for f in dataclasses.fields(FieldView))
ROLE = {name: _FIRST_ROLE + i for i, name in enumerate(FIELDS)}
_MARK_ROLES = ("source", "read_only", "offered")
# Role names QML can declare as ``required property``: ``id`` and ``required`` cannot be.
_RENAMED = {"id": "fieldId", "required": "isRequired"}


def _camel(name: str) -> str:
    head, *rest = name.split("_")
    return head + "".join(p.title() for p in rest)


def _qml_value(name: str, v: Any) -> Any:
    """QML-friendly: no None (an absent bound is -1 / NaN), enums as their text."""
    if name == "max_length":
        return -1 if v is None else int(v)
    if name in ("minimum", "maximum"):
        return math.nan if v is None else float(v)
    if name == "id":
        return str(v)
    if name == "options":
        return list(v)
    if isinstance(v, str):  # StrEnum included
        return str(v)
    return v


class FormModel(QAbstractListModel):
    """The fields of the current page; roles are FieldView's attributes in camelCase
    (``id`` is ``fieldId``, ``required`` is ``isRequired``). ``next()`` is 继续,
    ``back()`` is 上一步."""

    pageChanged = Signal()
    summaryChanged = Signal()
    finished = Signal()

    def __init__(self, catalog: Catalog, form: FormDefinition, prefill: Prefill | None = None,
                 page_size: int = DEFAULT_PAGE_SIZE, extra_required: Iterable[str] = (),
                 today: dt.date | None = None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._catalog, self._form, self._prefill = catalog, form, prefill
        self._page_size = page_size
        self._extra = tuple(extra_required)
        self._today = today
        start = prefill.values if prefill is not None else {}
        self._entered: dict[str, str] = {k: str(v) for k, v in start.items()
                                         if k in form.fields}
        self._errors: dict[str, str] = {}
        self._index = 0
        self._values: dict[str, Any] = {}
        self._page: FormPage = self._build()

    # Pages -------------------------------------------------------------------------------

    def _build(self) -> FormPage:
        pages = paginate(self._catalog, self._form, self._entered, self._prefill,
                         self._errors, self._page_size, self._extra)
        self._index = max(0, min(self._index, len(pages) - 1))
        return pages[self._index]

    def _show(self) -> None:
        self.beginResetModel()
        self._page = self._build()
        self.endResetModel()
        self.pageChanged.emit()
        self.summaryChanged.emit()

    @Slot(result=bool)
    def next(self) -> bool:
        """继续: check this page; on a problem stay with the summary, else go on. On the
        last page the whole form is checked once more and ``finished`` fires."""
        chk = check_page(self._catalog, self._form, self._page, self._entered,
                         self._extra, self._today)
        self._errors = dict(chk.errors)
        if chk.ok and self._page.is_last:
            whole = check_form(self._catalog, self._form, self._entered, self._extra,
                               self._today)
            if whole.ok:
                self._values = whole.values
                self._show()
                self.finished.emit()
                return True
            self._errors = dict(whole.errors)
            first = next(iter(whole.errors))
            self._index = next(p.index for p in paginate(
                self._catalog, self._form, page_size=self._page_size) if first in p.field_ids)
            self._show()
            return False
        if chk.ok:
            self._index += 1
        self._show()
        return chk.ok

    @Slot(result=bool)
    def back(self) -> bool:
        """上一步; False on the first page (the screen's own back button takes over)."""
        if self._index == 0:
            return False
        self._index -= 1
        self._show()
        return True

    @Slot(int)
    def goToPage(self, index: int) -> None:
        """修改 on the check-answers page returns here."""
        self._index = index
        self._show()

    # Values ------------------------------------------------------------------------------

    @Slot(str, str)
    def setValue(self, field_id: str, text: str) -> None:
        if field_id not in self._form.fields:
            return
        old = self._entered.get(field_id, "")
        if text == old:
            return
        self._entered[field_id] = text
        row = next((i for i, f in enumerate(self._page.fields) if f.id == field_id), None)
        if row is None:
            return
        before = self._page.fields[row]
        after = field_view(self._catalog, self._form, field_id, self._entered, self._prefill,
                           before.error, self._extra)
        fields = list(self._page.fields)
        fields[row] = after
        self._page = dataclasses.replace(self._page, fields=tuple(fields))
        changed = [ROLE[n] for n in _MARK_ROLES if getattr(before, n) != getattr(after, n)]
        if changed:
            ix = self.index(row, 0)
            self.dataChanged.emit(ix, ix, changed)

    @Slot(str, result=str)
    def value(self, field_id: str) -> str:
        return self._entered.get(field_id, "")

    @property
    def entered(self) -> dict[str, str]:
        """The raw text per field (what is on screen)."""
        return dict(self._entered)

    @property
    def values(self) -> dict[str, Any]:
        """The typed, validated answers; empty until the last page's 继续 succeeded."""
        return dict(self._values)

    @property
    def page(self) -> FormPage:
        return self._page

    def clear(self) -> None:
        """End of the visit: nothing of the resident stays in the model."""
        self._entered.clear()
        self._errors.clear()
        self._values.clear()
        self._prefill = None
        self._index = 0
        self._show()

    # Qt's model interface ----------------------------------------------------------------

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's default
        return 0 if parent.isValid() else len(self._page.fields)

    def data(self, index: Index, role: int = int(Qt.ItemDataRole.DisplayRole)) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._page.fields):
            return None
        slot = role - _FIRST_ROLE
        if not 0 <= slot < len(FIELDS):
            return None
        name = FIELDS[slot]
        return _qml_value(name, getattr(self._page.fields[index.row()], name))

    def roleNames(self) -> dict[int, QByteArray]:
        return {ROLE[n]: QByteArray(_RENAMED.get(n, _camel(n)).encode()) for n in FIELDS}

    # Properties for the page around the fields -------------------------------------------

    def _title(self) -> str:
        return self._page.title

    def _page_index(self) -> int:
        return self._page.index

    def _page_count(self) -> int:
        return self._page.count

    def _is_last(self) -> bool:
        return self._page.is_last

    def _summary(self) -> list[dict[str, str]]:
        return [{"field": e.field, "message": e.message} for e in self._page.summary]

    def _has_errors(self) -> bool:
        return bool(self._page.summary)

    title = Property(str, _title, notify=pageChanged)
    pageIndex = Property(int, _page_index, notify=pageChanged)
    pageCount = Property(int, _page_count, notify=pageChanged)
    isLastPage = Property(bool, _is_last, notify=pageChanged)
    summary = Property(list, _summary, notify=summaryChanged)
    hasErrors = Property(bool, _has_errors, notify=summaryChanged)
