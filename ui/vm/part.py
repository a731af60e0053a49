"""What every flow's view model shares: the shell it acts through, and set-if-changed.

A part never calls the core behind the shell's back: it names a flow action
(``kiosk.flow.ResidentFlow``) and the shell runs it (on the device thread when it touches a
device, see shell.py), then hands the new ``Screen`` to every part.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Protocol

from PySide6.QtCore import QObject, SignalInstance

if TYPE_CHECKING:  # the home screen's part is on `kiosk run`'s first frame: keep it light
    from kiosk.app import Kiosk
    from kiosk.flow import Screen


class Host(Protocol):
    """The shell as its parts see it."""

    @property
    def kiosk(self) -> Kiosk: ...
    def act(self, action: str, *args: object) -> None: ...


class Part(QObject):
    """One flow's view model: copies its fields from the screen record in ``update``."""

    def __init__(self, host: Host, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._host = host

    @property
    def kiosk(self) -> Kiosk:
        return self._host.kiosk

    def act(self, action: str, *args: object) -> None:
        self._host.act(action, *args)

    def update(self, screen: Screen) -> None:
        """Copies what this part shows from ``screen``; emits only what changed. A screen of
        another step clears the part, so nothing of a resident lingers in it."""

    def _set(self, attr: str, value: Any, signal: SignalInstance) -> None:
        if getattr(self, attr) != value:
            setattr(self, attr, value)
            signal.emit()
