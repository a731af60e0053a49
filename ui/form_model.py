"""The form on screen: a list model over kiosk.forms.page's FieldView, one page at a time.

Everything the screen shows comes from the core (kiosk/forms/page.py); this model only
holds what the resident typed and turns 继续 into ``check_page``. Typing does not notify
the value role back to QML: the widget under the finger is the truth while editing, and
re-setting its text would move the cursor or drop a Pinyin composition. Only the marks
that depend on the value (来自身份证 disappears once a prefilled value is changed) notify.
"""

from __future__ import annotations

import contextlib
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
    SignalInstance,
    Slot,
)
from PySide6.QtQml import QmlElement

from kiosk.catalog.model import Catalog
from kiosk.flow.views import FormView as FlowFormView
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

QML_IMPORT_NAME = "VillageKiosk"
QML_IMPORT_MAJOR_VERSION = 1

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


@QmlElement
class FormModel(QAbstractListModel):
    """The fields of the current page; roles are FieldView's attributes in camelCase
    (``id`` is ``fieldId``, ``required`` is ``isRequired``). ``next()`` is 继续,
    ``back()`` is 上一步.

    Two ways to drive it. On the terminal it follows the core flow: QML sets ``session``
    (the shell, a FlowSession) and the model shows the flow's FORM record; 继续 is the flow
    action ``continue_form`` with what was typed, and the flow answers with the next page
    or the same page with its errors. Given a catalog and a form instead, it runs the pages
    itself with the same ``check_page`` (the widget tests, previews).
    """

    pageChanged = Signal()
    summaryChanged = Signal()
    finished = Signal()
    sessionChanged = Signal()

    def __init__(self, catalog: Catalog | None = None, form: FormDefinition | None = None,
                 prefill: Prefill | None = None, page_size: int = DEFAULT_PAGE_SIZE,
                 extra_required: Iterable[str] = (), today: dt.date | None = None,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._catalog, self._form, self._prefill = catalog, form, prefill
        self._page_size = page_size
        self._extra = tuple(extra_required)
        self._today = today
        start = prefill.values if prefill is not None else {}
        fields = form.fields if form is not None else ()
        self._entered: dict[str, str] = {k: str(v) for k, v in start.items() if k in fields}
        self._errors: dict[str, str] = {}
        self._index = 0
        self._values: dict[str, Any] = {}
        self._session: QObject | None = None
        self._shown: dict[str, FieldView] = {}
        self._from_card: list[dict[str, str]] = []
        self._returning = False
        self._page: FormPage = self._build() if form is not None else FormPage(0, 1, "", ())
        self._remember_shown()

    # The flow session --------------------------------------------------------------------

    def _get_session(self) -> QObject | None:
        return self._session

    def _set_session(self, session: QObject | None) -> None:
        if session is self._session:
            return
        if self._session is not None:
            with contextlib.suppress(RuntimeError, TypeError):
                self._changed_signal(self._session).disconnect(self.pull)
        self._session = session
        if session is not None:
            self._changed_signal(session).connect(self.pull)
        self.sessionChanged.emit()
        self.pull()

    @staticmethod
    def _changed_signal(session: QObject) -> SignalInstance:
        for name in ("screenChanged", "stepChanged", "changed"):
            signal = getattr(session, name, None)
            if isinstance(signal, SignalInstance):
                return signal
        raise TypeError(f"{type(session).__name__} has no screenChanged signal")

    session = Property(QObject, _get_session, _set_session, notify=sessionChanged)

    @Slot()
    def pull(self) -> None:
        """Shows the flow's FORM record; another step's record is ignored."""
        current = getattr(self._session, "current_screen", None)
        view = getattr(current(), "view", None) if callable(current) else None
        if isinstance(view, FlowFormView):
            self.show_view(view)

    def show_view(self, view: FlowFormView) -> None:
        """The flow's page: its fields (values as the flow keeps them: typed text after an
        error), its summary and what the card filled in (masked)."""
        page = FormPage(view.page - 1, view.pages, view.title, tuple(view.fields),
                        tuple(view.errors))
        self._entered.update({f.id: f.value for f in page.fields})
        self._from_card = [{"label": f.label, "value": f.value, "source": f.source}
                           for f in view.from_card]
        self._returning = view.returning_to_check
        self.beginResetModel()
        self._page = page
        self._remember_shown()
        self.endResetModel()
        self.pageChanged.emit()
        self.summaryChanged.emit()

    def _act(self, action: str, *args: object) -> bool:
        act = getattr(self._session, "act", None)
        if not callable(act):
            return False
        act(action, *args)
        return True

    def _remember_shown(self) -> None:
        self._shown = {f.id: f for f in self._page.fields}

    # Pages -------------------------------------------------------------------------------

    def _build(self) -> FormPage:
        if self._catalog is None or self._form is None:
            return self._page  # the flow's page: the flow builds it
        pages = paginate(self._catalog, self._form, self._entered, self._prefill,
                         self._errors, self._page_size, self._extra)
        self._index = max(0, min(self._index, len(pages) - 1))
        return pages[self._index]

    def _show(self) -> None:
        self.beginResetModel()
        self._page = self._build()
        self._remember_shown()
        self.endResetModel()
        self.pageChanged.emit()
        self.summaryChanged.emit()

    @Slot(result=bool)
    def next(self) -> bool:
        """继续: check this page; on a problem stay with the summary, else go on. On the
        last page the whole form is checked once more and ``finished`` fires. With a
        session the flow does the checking and answers with the page to show."""
        if self._form is None or self._catalog is None:
            ids = self._page.field_ids
            return self._act("continue_form", {f: self._entered.get(f, "") for f in ids})
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
        if self._form is None:
            return self._act("back")
        if self._index == 0:
            return False
        self._index -= 1
        self._show()
        return True

    @Slot(int)
    def goToPage(self, index: int) -> None:
        """Standalone only (in the flow, 修改 on check-answers picks the page)."""
        if self._form is None:
            return
        self._index = index
        self._show()

    @Slot(bool)
    def useHistory(self, yes: bool) -> None:
        """The resident agrees (or not) that earlier cases fill what they already said."""
        self._act("use_history", bool(yes))

    # Values ------------------------------------------------------------------------------

    @Slot(str, str)
    def setValue(self, field_id: str, text: str) -> None:
        row = next((i for i, f in enumerate(self._page.fields) if f.id == field_id), None)
        if row is None:
            return
        old = self._entered.get(field_id, "")
        if text == old:
            return
        self._entered[field_id] = text
        before = self._page.fields[row]
        if self._catalog is not None and self._form is not None:
            after = field_view(self._catalog, self._form, field_id, self._entered,
                               self._prefill, before.error, self._extra)
        else:  # the flow's page: a changed value no longer comes from anywhere
            shown = self._shown.get(field_id, before)
            same = text == shown.value
            after = dataclasses.replace(before, source=shown.source if same else "",
                                        offered=shown.offered and not text)
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
        self._from_card.clear()
        self._prefill = None
        self._index = 0
        if self._form is not None:
            self._show()
        else:
            self.show_view(FlowFormView("", 1, 1, (), (), (), False))

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

    def _get_from_card(self) -> list[dict[str, str]]:
        return list(self._from_card)

    def _returning_to_check(self) -> bool:
        return self._returning

    def _any_offered(self) -> bool:
        return any(f.offered for f in self._page.fields)

    title = Property(str, _title, notify=pageChanged)
    pageIndex = Property(int, _page_index, notify=pageChanged)
    pageCount = Property(int, _page_count, notify=pageChanged)
    isLastPage = Property(bool, _is_last, notify=pageChanged)
    summary = Property(list, _summary, notify=summaryChanged)
    hasErrors = Property(bool, _has_errors, notify=summaryChanged)
    fromCard = Property(list, _get_from_card, notify=pageChanged)
    returningToCheck = Property(bool, _returning_to_check, notify=pageChanged)
    historyOffered = Property(bool, _any_offered, notify=pageChanged)
