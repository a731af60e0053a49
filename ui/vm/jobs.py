"""Blocking device and network calls off the GUI thread.

A real card reader may take most of a second per poll and the GUI must keep answering
touches meanwhile, so device calls run on a pool of ONE thread: they never overlap each
other, and every session change made on the GUI thread first waits for the running device
call (``settle``), so a late card read can never write into a session that the idle timer
has just wiped. Network checks have their own one-thread pool so a slow platform never
delays a card read.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

log = logging.getLogger(__name__)


class JobSignals(QObject):
    """Lives on the GUI thread so a worker's emit arrives there as a queued call."""

    finished = Signal(str, object)


class Job(QRunnable):
    """One blocking call off the GUI thread; reports its result or its exception."""

    def __init__(self, kind: str, fn: Callable[[], object], signals: JobSignals) -> None:
        super().__init__()
        self.kind = kind
        self.fn = fn
        self.signals = signals

    def run(self) -> None:
        result: object
        try:
            result = self.fn()
        except Exception as exc:  # reported to the GUI thread, which decides what to show
            log.error("%s failed: %s", self.kind, type(exc).__name__)
            result = exc
        self.signals.finished.emit(self.kind, result)


class Pools(QObject):
    """The device pool and the network pool, each a single thread."""

    def __init__(self, on_finished: Callable[[str, object], None],
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.devices = QThreadPool(self)
        self.devices.setMaxThreadCount(1)
        self.network = QThreadPool(self)
        self.network.setMaxThreadCount(1)
        self.signals = JobSignals(self)
        self.signals.finished.connect(on_finished)

    def device(self, kind: str, fn: Callable[[], object]) -> None:
        self.devices.start(Job(kind, fn, self.signals))

    def net(self, kind: str, fn: Callable[[], object]) -> None:
        self.network.start(Job(kind, fn, self.signals))

    def settle(self) -> None:
        """Waits for a running device call so the session is not changed under it."""
        self.devices.waitForDone()

    def shutdown(self) -> None:
        self.devices.waitForDone()
        self.network.waitForDone()
