"""我要办事, a category's items and the search results: finding a service.

The rows are the core's ``EntryCard`` / ``CategoryCard`` records as they are (flat words
and flags), so a delegate reads ``name``, ``summary``, ``counterOnly`` … by role.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import Property, QObject, Signal, Slot
from PySide6.QtQml import QmlElement

from kiosk.flow.views import CategoryCard, CategoryView, EntryCard, FindServiceView, SearchView
from ui.vm.service_base import ScreenViewModel, text_property
from ui.vm.service_rows import RowListModel

QML_IMPORT_NAME = "VillageKiosk"
QML_IMPORT_MAJOR_VERSION = 1


@dataclass(frozen=True)
class CategoryRow:
    """A category tile (``id`` is QML's own word, so the role is ``categoryId``)."""

    category_id: str
    name: str
    icon: str
    count: int

    @classmethod
    def of(cls, c: CategoryCard) -> CategoryRow:
        return cls(c.id, c.name, c.icon, c.count)


@QmlElement
class FindServiceViewModel(ScreenViewModel):
    """我要办事: the 一件事 bundles first, then the categories, and the search box."""

    view_type = FindServiceView
    searchHintChanged = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._bundles = RowListModel(EntryCard, self)
        self._categories = RowListModel(CategoryRow, self)
        self._common = RowListModel(EntryCard, self)

    def _update_models(self, view: Any) -> None:
        assert isinstance(view, FindServiceView)
        self._bundles.set_rows(view.bundles)
        self._common.set_rows(view.common)
        self._categories.set_rows([CategoryRow.of(c) for c in view.categories])

    def _get_bundles(self) -> RowListModel:
        return self._bundles

    def _get_categories(self) -> RowListModel:
        return self._categories

    def _get_common(self) -> RowListModel:
        return self._common

    bundles = Property(RowListModel, _get_bundles, constant=True)
    # 常办事项 (``FindServiceView.common``): one large tile each (CommonEntries.qml)
    common = Property(RowListModel, _get_common, constant=True)
    categories = Property(RowListModel, _get_categories, constant=True)
    searchHint = text_property("search_hint", searchHintChanged)

    @Slot(str)
    def openCategory(self, category_id: str) -> None:
        self.act("open_category", category_id)

    @Slot(str)
    def openEntry(self, code: str) -> None:
        self.act("open_entry", code)

    @Slot()
    def openSearch(self) -> None:
        self.act("search", "")


@QmlElement
class ServiceListViewModel(ScreenViewModel):
    """The items of one category (CATEGORY) or the results of a search (SEARCH)."""

    view_type = (CategoryView, SearchView)
    titleChanged = Signal()
    iconChanged = Signal()
    queryChanged = Signal()
    noteChanged = Signal()
    isSearchChanged = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._entries = RowListModel(EntryCard, self)

    def _update_models(self, view: Any) -> None:
        self._entries.set_rows(view.entries if isinstance(view, CategoryView)
                               else view.results)

    def _after_show(self, old: Any, view: Any) -> None:
        for signal, get in ((self.titleChanged, _title), (self.iconChanged, _icon),
                            (self.queryChanged, _query), (self.noteChanged, _note),
                            (self.isSearchChanged, _is_search)):
            if old is None or get(old) != get(view):
                signal.emit()

    def _get_entries(self) -> RowListModel:
        return self._entries

    def _get_title(self) -> str:
        return _title(self._view)

    def _get_icon(self) -> str:
        return _icon(self._view)

    def _get_query(self) -> str:
        return _query(self._view)

    def _get_note(self) -> str:
        return _note(self._view)

    def _get_is_search(self) -> bool:
        return _is_search(self._view)

    entries = Property(RowListModel, _get_entries, constant=True)
    title = Property(str, _get_title, notify=titleChanged)  # the category's name
    icon = Property(str, _get_icon, notify=iconChanged)
    query = Property(str, _get_query, notify=queryChanged)
    note = Property(str, _get_note, notify=noteChanged)  # 没有找到… ; "" with results
    isSearch = Property(bool, _get_is_search, notify=isSearchChanged)

    @Slot(str)
    def search(self, text: str) -> None:
        if text != _query(self._view):
            self.act("search", text)

    @Slot(str)
    def openEntry(self, code: str) -> None:
        self.act("open_entry", code)

    @Slot()
    def openSearch(self) -> None:
        self.act("search", "")


def _title(view: Any) -> str:
    return view.category.name if isinstance(view, CategoryView) else ""


def _icon(view: Any) -> str:
    return view.category.icon if isinstance(view, CategoryView) else ""


def _query(view: Any) -> str:
    return view.query if isinstance(view, SearchView) else ""


def _note(view: Any) -> str:
    return view.note if isinstance(view, SearchView) else ""


def _is_search(view: Any) -> bool:
    return isinstance(view, SearchView)
