"""What every flow's view model shares: the shell it acts through, and set-if-changed.

A part never calls the core behind the shell's back: ``act`` first waits for the running
device call (see jobs.py), then calls the core, then has the shell re-read the session so
every part sees the same new view.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any, Protocol

from PySide6.QtCore import QObject, SignalInstance

from kiosk.session import SessionView

if TYPE_CHECKING:
    from kiosk.app import Kiosk


class Host(Protocol):
    """The shell as its parts see it."""

    @property
    def kiosk(self) -> Kiosk: ...
    @property
    def live(self) -> bool: ...
    def settle(self) -> None: ...
    def refresh(self) -> None: ...
    def refresh_status(self) -> None: ...
    def start_device_job(self, kind: str, fn: Callable[[], object]) -> None: ...


class Part(QObject):
    """One flow's view model: copies its fields from the session view in ``update``."""

    def __init__(self, host: Host, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._host = host

    @property
    def kiosk(self) -> Kiosk:
        return self._host.kiosk

    def act(self, fn: Callable[[], object]) -> None:
        self._host.settle()
        fn()
        self._host.refresh()

    def update(self, view: SessionView) -> None:
        """Copies what this part shows from ``view``; emits only what changed."""

    def _set(self, attr: str, value: Any, signal: SignalInstance) -> None:
        if getattr(self, attr) != value:
            setattr(self, attr, value)
            signal.emit()
