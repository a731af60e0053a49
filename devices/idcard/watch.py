"""Card insertion and removal as events, by polling any ``CardReader`` in a thread.

``CardWatcher`` calls ``reader.status()`` every ``interval`` seconds and reports each
*change* of status (no card → card read → no card, errors appearing and clearing) to
``on_change``; with a ``SamReader`` it also forwards the session's own events
(``card_detected`` right after find, before the slow read) to ``on_event``. At the default
100 ms interval a removal or a new card is reported well within 300 ms.

Callbacks run on the watcher's thread: a Qt front end re-emits them as signals.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable

from devices.idcard.reader import CardRead, CardReader, CardStatus
from devices.idcard.session import ReaderEvent, SamReader

log = logging.getLogger(__name__)


def same_status(a: CardStatus | None, b: CardStatus) -> bool:
    """Equal for the screen: the same kind, and for a card the same card."""
    if isinstance(a, CardRead) and isinstance(b, CardRead):
        return a.card.id_number == b.card.id_number and a.card.name == b.card.name
    return a == b


class CardWatcher:
    def __init__(self, reader: CardReader, on_change: Callable[[CardStatus], None],
                 on_event: Callable[[ReaderEvent], None] | None = None,
                 interval: float = 0.1) -> None:
        self.reader = reader
        self.on_change = on_change
        self.on_event = on_event
        self.interval = interval
        self.last: CardStatus | None = None
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None
        if on_event is not None and isinstance(reader, SamReader):
            reader.listener = on_event

    def start(self) -> None:
        if self._thread is None:
            self._stop.clear()
            self._thread = threading.Thread(target=self._run, name="card-watcher", daemon=True)
            self._thread.start()

    def stop(self, timeout: float = 5.0) -> None:
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout)
            self._thread = None

    def poll_once(self) -> CardStatus:
        status = self.reader.status()
        if not same_status(self.last, status):
            self.last = status
            try:
                self.on_change(status)
            except Exception:
                log.exception("card watcher callback failed")
        return status

    def _run(self) -> None:
        while not self._stop.is_set():
            self.poll_once()
            self._stop.wait(self.interval)
