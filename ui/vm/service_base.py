"""The shared base of the resident-flow screen view models (find a service … 补正).

Each screen creates its own view model in QML and hands it the shell's session object
(``session: root.vm``); the view model lives and dies with its screen, so nothing a
resident saw outlives the page. It copies the core's frozen view record for its step
(``kiosk.flow.views``) into Qt properties, one notify signal per property, emitted only
when that value changed, and turns taps into named flow actions. No rule lives here: the
view records are already in plain words.

What a view model needs from the session is the ``FlowSession`` protocol below: the
current ``Screen`` record, a signal when it changes, and ``act(name, *args)`` to run one
flow action (the session decides which actions run off the GUI thread, such as printing).
"""

from __future__ import annotations

import contextlib
import dataclasses
from typing import Any, ClassVar, Protocol, runtime_checkable

from PySide6.QtCore import Property, QObject, Signal, SignalInstance, Slot

from kiosk.flow.problems import Problem

QML_IMPORT_NAME = "VillageKiosk"
QML_IMPORT_MAJOR_VERSION = 1


@runtime_checkable
class FlowSession(Protocol):
    """The shell's side: ui/viewmodels.py's SessionViewModel provides these."""

    def current_screen(self) -> Any:
        """The core's ``kiosk.flow.views.Screen`` for the step on view (or None)."""

    def act(self, action: str, *args: object) -> None:
        """Runs one flow action by name; failures become the core's problem states."""


def _changed(session: QObject) -> SignalInstance:
    """The session's signal for "the screen record may have changed"."""
    for name in ("screenChanged", "changed", "stepChanged"):
        signal = getattr(session, name, None)
        if isinstance(signal, SignalInstance):
            return signal
    raise TypeError(f"{type(session).__name__} has no screenChanged signal")


def camel(name: str) -> str:
    head, *rest = name.split("_")
    return head + "".join(p.title() for p in rest)


def joined(parts: tuple[str, ...] | list[str], sep: str = "；") -> str:
    return sep.join(p for p in parts if p)


class ScreenViewModel(QObject):
    """Holds one view record; subclasses declare ``view_type``, signals and properties.

    A property named ``fooBar`` is read from the record's ``foo_bar`` and notified by
    ``fooBarChanged``; ``show`` emits exactly the signals whose value changed, then
    ``_update_models`` refreshes the list models.
    """

    view_type: ClassVar[type[Any] | tuple[type[Any], ...]]
    renamed: ClassVar[dict[str, str]] = {}  # record field → property, where they differ
    sessionChanged = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._session: QObject | None = None
        self._view: Any = None

    # The session ---------------------------------------------------------------------------

    def _get_session(self) -> QObject | None:
        return self._session

    def _set_session(self, session: QObject | None) -> None:
        if session is self._session:
            return
        if self._session is not None:
            with contextlib.suppress(RuntimeError, TypeError):  # the session went first
                _changed(self._session).disconnect(self.pull)
        self._session = session
        if session is not None:
            _changed(session).connect(self.pull)
        self.sessionChanged.emit()
        self.pull()

    session = Property(QObject, _get_session, _set_session, notify=sessionChanged)

    @Slot()
    def pull(self) -> None:
        """Re-reads the session's current screen; ignored when it is another step's."""
        if isinstance(self._session, FlowSession):
            screen = self._session.current_screen()
            view = getattr(screen, "view", None)
            if isinstance(view, self.view_type):
                self.show(view)

    def act(self, action: str, *args: object) -> None:
        if isinstance(self._session, FlowSession):
            self._session.act(action, *args)

    @Slot()
    def back(self) -> None:
        """返回: one step back through the visit's history."""
        self.act("back")

    # The record ----------------------------------------------------------------------------

    @property
    def view(self) -> Any:
        return self._view

    def show(self, view: Any) -> None:
        """Takes a new record: notifies each property whose field changed."""
        if not isinstance(view, self.view_type):
            raise TypeError(f"{type(self).__name__} cannot show {type(view).__name__}")
        old, self._view = self._view, view
        if old == view:
            return
        self._update_models(view)
        for f in dataclasses.fields(view):
            if type(old) is not type(view) or getattr(old, f.name) != getattr(view, f.name):
                name = self.renamed.get(f.name, camel(f.name))
                signal = getattr(self, name + "Changed", None)
                if isinstance(signal, SignalInstance):
                    signal.emit()
        self._after_show(old, view)

    def _update_models(self, view: Any) -> None:
        """Subclasses refresh their list models here (before the signals go out)."""

    def _after_show(self, old: Any, view: Any) -> None:
        """Subclasses emit signals of derived properties here."""

    def field(self, name: str, default: Any = "") -> Any:
        return default if self._view is None else getattr(self._view, name)


def text_property(attr: str, notify: Signal, sep: str = "；") -> Property:
    """A string property read from the record's ``attr`` (a tuple of strings is joined)."""

    def get(self: ScreenViewModel) -> str:
        value = self.field(attr)
        if isinstance(value, tuple | list):
            return joined(value, sep)
        return "" if value is None else str(value)

    return Property(str, get, notify=notify)


def int_property(attr: str, notify: Signal) -> Property:
    def get(self: ScreenViewModel) -> int:
        value = self.field(attr, 0)
        return int(value) if value is not None else 0

    return Property(int, get, notify=notify)


def bool_property(attr: str, notify: Signal) -> Property:
    def get(self: ScreenViewModel) -> bool:
        return bool(self.field(attr, False))

    return Property(bool, get, notify=notify)


def list_property(attr: str, notify: Signal) -> Property:
    """A list of strings (conditions, hotlines …) for a Repeater."""

    def get(self: ScreenViewModel) -> list[str]:
        return [str(v) for v in self.field(attr, ()) or ()]

    return Property(list, get, notify=notify)


@dataclasses.dataclass(frozen=True)
class ProblemWords:
    """A problem as a banner shows it: every field a plain string."""

    kind: str = ""
    title: str = ""
    words: str = ""
    next_action: str = ""
    retry_label: str = ""
    can_retry: bool = False
    details: str = ""

    @classmethod
    def of(cls, p: Problem | None) -> ProblemWords:
        if p is None:
            return cls()
        return cls(p.kind, p.title, p.words, p.next_action, p.retry_label,
                   p.retry is not None, joined(p.details, "\n"))


class FlowBridge(QObject):
    """A ``FlowSession`` over a ``kiosk.flow.ResidentFlow``, for the screens' tests, the
    screenshot tool, and any shell that has no session of its own to hand the screens.

    Every action runs on the calling thread (a shell with a device pool runs printing and
    card polls there instead) and is followed by ``screenChanged``.
    """

    screenChanged = Signal()

    def __init__(self, flow: Any, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._flow = flow
        self._screen: Any = flow.screen()
        self.actions: list[tuple[str, tuple[object, ...]]] = []

    def current_screen(self) -> Any:
        return self._screen

    def act(self, action: str, *args: object) -> None:
        self.actions.append((action, args))
        self._screen = getattr(self._flow, action)(*args)
        self.screenChanged.emit()

    def reload(self) -> None:
        self._screen = self._flow.screen()
        self.screenChanged.emit()


class StillSession(QObject):
    """A ``FlowSession`` that holds one ``Screen`` (screenshots of sample states taken from
    the real flow, ``kiosk.samples.sample_screens``); actions are recorded, not run."""

    screenChanged = Signal()

    def __init__(self, screen: Any, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._screen = screen
        self.actions: list[tuple[str, tuple[object, ...]]] = []

    def current_screen(self) -> Any:
        return self._screen

    def act(self, action: str, *args: object) -> None:
        self.actions.append((action, args))

    def show(self, screen: Any) -> None:
        self._screen = screen
        self.screenChanged.emit()
