"""The outbox worker: drains queued records to the platform, exactly once.

Exactly-once rests on two things: every item carries an idempotency key fixed when it was
queued (so the platform folds a retry after a lost acknowledgement into the first
submission), and the ack is written in one transaction with the record it belongs to. A
worker killed anywhere in between leaves the item due, and the retry is harmless.
"""

from __future__ import annotations

import logging
import random
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Protocol

from sync.client import PlatformClient, PlatformRejected, PlatformUnavailable

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class OutboxItem:
    id: int
    kind: str
    idempotency_key: str
    payload: dict[str, Any] = field(repr=False)
    attempts: int


class OutboxStore(Protocol):
    def next_due(self, now: float) -> OutboxItem | None: ...

    def mark_sent(self, item: OutboxItem, ack: dict[str, Any]) -> None:
        """Records the ack and applies it to the item's record, in one transaction."""
        ...

    def mark_failed(self, item: OutboxItem, error: str, retry_at: float, park: bool) -> None: ...


@dataclass
class DrainResult:
    sent: int = 0
    failed: int = 0
    parked: int = 0
    offline: bool = False


def backoff_s(attempts: int, base: float = 2.0, cap: float = 900.0,
              rand: Callable[[], float] = random.random) -> float:
    """Full-jitter exponential backoff: spreads a village's terminals after an outage."""
    growth: float = 2.0 ** min(attempts, 20)
    return rand() * min(cap, base * growth)


class OutboxWorker:
    def __init__(self, store: OutboxStore, client: PlatformClient, max_attempts: int = 12,
                 clock: Callable[[], float] = time.time) -> None:
        self.store = store
        self.client = client
        self.max_attempts = max_attempts
        self.clock = clock
        self._stop = threading.Event()
        self._wake = threading.Event()
        self._thread: threading.Thread | None = None
        self.online: bool | None = None

    def _send(self, item: OutboxItem) -> dict[str, Any]:
        if item.kind == "submission":
            return self.client.submit(item.payload, item.idempotency_key).model_dump()
        raise PlatformRejected(f"unknown outbox kind {item.kind!r}")

    def drain(self, limit: int | None = None) -> DrainResult:
        """Sends due items until none is due, the platform is unreachable, or ``limit``."""
        result = DrainResult()
        while limit is None or result.sent + result.failed < limit:
            item = self.store.next_due(self.clock())
            if item is None:
                break
            try:
                ack = self._send(item)
            except PlatformUnavailable as exc:
                self.online = False
                result.failed += 1
                result.offline = True
                retry_at = self.clock() + backoff_s(item.attempts)
                self.store.mark_failed(item, str(exc), retry_at, park=False)
                log.info("outbox item %s not sent (%s); retry later", item.id, exc)
                break  # the platform is unreachable: don't hammer it with the rest
            except PlatformRejected as exc:
                park = item.attempts + 1 >= self.max_attempts
                result.failed += 1
                result.parked += int(park)
                retry_at = self.clock() + backoff_s(item.attempts)
                self.store.mark_failed(item, str(exc), retry_at, park=park)
                log.warning("outbox item %s rejected (%s)%s", item.id, exc,
                            "; parked" if park else "")
                continue
            self.online = True
            self.store.mark_sent(item, ack)
            result.sent += 1
        return result

    # Background thread -----------------------------------------------------------------

    def start(self, interval_s: float = 5.0) -> None:
        if self._thread is not None:
            return
        self._stop.clear()
        self._thread = threading.Thread(target=self._loop, args=(interval_s,),
                                        name="outbox-worker", daemon=True)
        self._thread.start()

    def _loop(self, interval_s: float) -> None:
        while not self._stop.is_set():
            try:
                self.drain()
            except Exception:  # a bug must not kill the thread that protects residents' data
                log.exception("outbox drain failed")
            self._wake.wait(interval_s)
            self._wake.clear()

    def wake(self) -> None:
        """Asks for a drain now (after a new submission) without waiting out the interval."""
        self._wake.set()

    def stop(self) -> None:
        self._stop.set()
        self._wake.set()
        if self._thread is not None:
            self._thread.join(timeout=10)
            self._thread = None
