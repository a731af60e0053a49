"""The outbox worker: drains queued records to the platform, exactly once.

Exactly-once rests on two things: every item carries an idempotency key fixed when it was
queued (so the platform folds a retry after a lost acknowledgement into the first
submission), and the ack is written in one transaction with the record it belongs to. A
worker killed anywhere in between leaves the item due, and the retry is harmless.

Attachments bigger than one chunk go first, in chunks, under upload ids derived from the
item's key, so a retry — even by a freshly restarted process that remembers nothing — asks
the platform how far the last attempt got and continues from there. Attachments of one
chunk or less have no resume point to lose: they travel inside the submission itself
(``POST /submissions/inline``), one signed round trip per case instead of one per file
plus one, under the same upload ids and the same idempotency key.

Audit events are an append-only log: their outbox is a high-water mark (the last event
the platform acknowledged), shipped in batches the platform deduplicates by sequence
number. That keeps a busy terminal from turning every log line into a queue row.
"""

from __future__ import annotations

import logging
import random
import threading
import time
from collections import deque
from collections.abc import Callable, Sequence
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait
from dataclasses import dataclass, field
from typing import Any, Protocol

from sync.client import (
    InlineUnsupported,
    PlatformAuthFailed,
    PlatformClient,
    PlatformError,
    PlatformRejected,
    PlatformUnavailable,
    redact_echo,
)
from sync.drain_lock import DrainLock
from sync.protocol import ATTACHMENT_MEDIA_TYPES, INLINE_MAX_FILES, sniff_media_type

log = logging.getLogger(__name__)

AUDIT_BATCH = 200
MAX_LOOP_DELAY_S = 300.0
# Items sent before their acks are committed together (see OutboxWorker.drain).
ACK_BATCH = 16
# Requests of one batch in flight at once (see OutboxWorker._send_overlapped): enough to
# keep the terminal's work (decrypting, signing) running while the platform fsyncs, few
# enough not to crowd a village 4G link or a county server.
SEND_CONCURRENCY = 3


@dataclass(frozen=True)
class AttachmentToSend:
    id: str
    name: str
    sha256: str
    size: int


@dataclass(frozen=True)
class OutboxItem:
    id: int
    kind: str
    idempotency_key: str
    payload: dict[str, Any] = field(repr=False)
    attempts: int
    attachments: tuple[AttachmentToSend, ...] = ()


class OutboxStore(Protocol):
    def next_due(self, now: float) -> OutboxItem | None:
        """The oldest due item whose case has nothing older still waiting."""
        ...

    def due_items(self, now: float, limit: int) -> list[OutboxItem]:
        """Up to ``limit`` due items, oldest first, each the head of its order key."""
        ...

    def attachment_bytes(self, att_id: str) -> bytes:
        """Plaintext of an attachment, checked against its recorded SHA-256."""
        ...

    def mark_sent(self, item: OutboxItem, ack: dict[str, Any]) -> None:
        """Records the ack and applies it to the item's record, in one transaction."""
        ...

    def mark_sent_many(self, acks: Sequence[tuple[OutboxItem, dict[str, Any]]]) -> None:
        """``mark_sent`` for several items in one durable transaction."""
        ...

    def mark_failed(self, item: OutboxItem, error: str, retry_at: float, park: bool) -> None: ...

    def retry_stranded(self, now: float, latest: float) -> int:
        """Makes pending items due whose next attempt is after ``latest`` (set by a clock
        that has since gone back); returns how many."""
        ...

    def audit_batch(self, limit: int) -> list[dict[str, Any]]:
        """Audit events after the shipped mark, oldest first, each with its ``seq``."""
        ...

    def mark_audit_shipped(self, last_seq: int) -> None: ...

    def record_sync_state(self, online: bool, detail: str, at: float,
                          problem: str = "") -> None:
        """Keeps the last contact for `kiosk queue` and the maintenance screen;
        ``problem`` is the platform's refusal code when it refused the terminal."""
        ...


@dataclass
class DrainResult:
    sent: int = 0
    failed: int = 0
    parked: int = 0
    audit_shipped: int = 0
    offline: bool = False
    auth_error: str | None = None
    busy: bool = False  # another drain (another process) held the outbox; nothing was done


def backoff_s(attempts: int, base: float = 2.0, cap: float = 900.0,
              rand: Callable[[], float] = random.random) -> float:
    """Full-jitter exponential backoff: spreads a village's terminals after an outage."""
    growth: float = 2.0 ** min(attempts, 20)
    return rand() * min(cap, base * growth)


def upload_id_for(item: OutboxItem, att: AttachmentToSend) -> str:
    """Stable across retries and restarts: the resume point lives on the platform."""
    return f"{item.idempotency_key}.{att.id}"


class OutboxWorker:
    def __init__(self, store: OutboxStore, client: PlatformClient, max_attempts: int = 12,
                 clock: Callable[[], float] = time.time, backoff_base_s: float = 2.0,
                 backoff_cap_s: float = 900.0, concurrency: int = SEND_CONCURRENCY,
                 lock: DrainLock | None = None) -> None:
        if concurrency < 1:
            raise ValueError("concurrency must be at least 1")
        self.store = store
        self.client = client
        self.max_attempts = max_attempts
        self.clock = clock
        self.backoff_base_s = backoff_base_s
        self.backoff_cap_s = backoff_cap_s
        # 1: each item is sent after the previous one answered (the behaviour before
        # overlapping); more: that many requests of a batch in flight, each on its own
        # connection. Only the thread calling drain() ever touches the store.
        self.concurrency = concurrency
        self.lock = lock
        # Until then no drain sends anything: the platform asked for a pause (Retry-After).
        self.quiet_until = 0.0
        self._stop = threading.Event()
        self._wake = threading.Event()
        self._thread: threading.Thread | None = None
        self.online: bool | None = None
        self.last_error: str | None = None
        self.auth_error: str | None = None
        # Called after each drain in the background loop (pulls, heartbeat, purge).
        self.periodic: list[Callable[[], None]] = []

    # Sending one item ------------------------------------------------------------------

    def _send(self, item: OutboxItem, client: PlatformClient | None = None,
              read: Callable[[str], bytes] | None = None) -> dict[str, Any]:
        """Sends one item; ``client`` and ``read`` (attachment id → plaintext) default to
        the worker's own, and are given when the item goes out on another thread."""
        client = client or self.client
        if item.kind == "submission":
            return self._send_submission(item, client, read or self.store.attachment_bytes)
        if item.kind == "rating":
            return client.rate(item.payload, item.idempotency_key).model_dump()
        raise PlatformRejected(f"unknown outbox kind {item.kind!r}", "unknown_kind")

    def _send_submission(self, item: OutboxItem, client: PlatformClient,
                         read: Callable[[str], bytes]) -> dict[str, Any]:
        """Big attachments in chunks (with resume), then the case with the small ones
        inline; the path is a pure function of the sizes, so every retry takes the same."""
        refs: list[dict[str, Any]] = []
        inline: list[tuple[str, bytes, str]] = []
        files = [(att, read(att.id)) for att in item.attachments]
        for att, data in files:  # checked before anything of the case goes out
            if sniff_media_type(data) is None:
                raise PlatformRejected(
                    f"attachment {att.name!r} is neither PNG nor JPEG (contract 1.7 allows "
                    f"{', '.join(ATTACHMENT_MEDIA_TYPES)}); the case was not sent",
                    "unsupported_attachment_type")
        for att, data in files:
            uid = upload_id_for(item, att)
            refs.append({"name": att.name, "sha256": att.sha256, "size": att.size,
                         "upload_id": uid, "media_type": sniff_media_type(data)})
            if client.fits_inline(att.size) and len(inline) < INLINE_MAX_FILES:
                inline.append((uid, data, att.sha256))
            else:
                client.upload(uid, data, resume=att.size > client.chunk_size,
                              sha256=att.sha256)
        payload = dict(item.payload, attachments=refs)
        if inline:
            try:
                return client.submit_inline(
                    payload, [(uid, data) for uid, data, _ in inline],
                    item.idempotency_key).model_dump()
            except InlineUnsupported as exc:
                log.info("%s", exc)
                # One-chunk files are simply re-sent (the platform ignores a chunk it holds).
                for uid, data, sha in inline:
                    client.upload(uid, data, resume=False, sha256=sha)
        return client.submit(payload, item.idempotency_key).model_dump()

    def _retry_at(self, attempts: int) -> float:
        return self.clock() + backoff_s(attempts, self.backoff_base_s, self.backoff_cap_s)

    def drain(self, limit: int | None = None, wait_s: float = 0.0) -> DrainResult:
        """Sends due items until none is due, the platform is unreachable, or ``limit``;
        then ships the audit log.

        Acks are committed ``ACK_BATCH`` at a time: one synchronous=FULL transaction, one
        fsync, per batch instead of per item. This widens no window: an ack lost before
        that commit (power cut, SIGKILL) leaves its item due, exactly as a crash between
        the platform's answer and a per-item commit would, and the retry's idempotency key
        makes the platform answer with the first ack.

        With a ``lock``, a drain already running elsewhere makes this one wait up to
        ``wait_s`` and then return ``busy`` having done nothing.
        """
        if self.lock is None:
            return self._drain(limit)
        with self.lock.hold(wait_s) as held:
            return self._drain(limit) if held else DrainResult(busy=True)

    def _drain(self, limit: int | None) -> DrainResult:
        result = DrainResult()
        now = self.clock()
        if self.quiet_until - now > self.backoff_cap_s:
            self.quiet_until = 0.0  # set by a clock that has since gone back
        if now < self.quiet_until:
            result.offline = True
            return result
        stranded = self.store.retry_stranded(now, now + self.backoff_cap_s + 1.0)
        if stranded:
            log.warning("%d queued items were scheduled beyond the longest backoff: the "
                        "clock went back; they are due now", stranded)
        # A lone case (the usual drain after a resident submits) goes on this thread and
        # the worker's own connection; lanes are for a backlog.
        if self.concurrency > 1 and len(self.store.due_items(self.clock(), 2)) > 1:
            self._drain_overlapped(limit, result)
        else:
            while limit is None or result.sent + result.failed < limit:
                want = ACK_BATCH if limit is None else min(
                    ACK_BATCH, limit - result.sent - result.failed)
                items = self.store.due_items(self.clock(), want)
                if not items or not self._send_batch(items, result):
                    break
        if not result.offline:
            self._ship_audit(result)
        return result

    def _send_batch(self, items: list[OutboxItem], result: DrainResult) -> bool:
        """Sends ``items`` one after the other on this thread; False when the platform or
        the terminal's credentials stopped the drain. Acks received so far are committed
        whatever happens."""
        acks: list[tuple[OutboxItem, dict[str, Any]]] = []
        try:
            for item in items:
                try:
                    outcome: dict[str, Any] | PlatformError = self._send(item)
                except PlatformError as exc:
                    outcome = exc
                if not self._settle(item, outcome, result, acks, stopped=False):
                    return False
            return True
        finally:
            self._commit(acks, result)

    def _commit(self, acks: list[tuple[OutboxItem, dict[str, Any]]],
                result: DrainResult) -> None:
        if acks:
            self.store.mark_sent_many(acks)
            result.sent += len(acks)
            acks.clear()

    def _settle(self, item: OutboxItem, outcome: dict[str, Any] | PlatformError,
                result: DrainResult, acks: list[tuple[OutboxItem, dict[str, Any]]],
                stopped: bool) -> bool:
        """Books one item's outcome (on the drain's thread: it writes the store); False
        when it means the drain must stop. ``stopped``: an earlier outcome of this drain
        already stopped it, so an answer still arriving does not declare us online."""
        if isinstance(outcome, PlatformAuthFailed):
            self._auth_failed(outcome, result)
            return False  # the terminal itself is refused: no item is to blame
        if isinstance(outcome, PlatformUnavailable):
            why = redact_echo(str(outcome), item.payload)
            self._offline(why, result, outcome.code)
            result.failed += 1
            retry_at = self._retry_at(item.attempts)
            if outcome.retry_after_s:
                # Busy platform (503/429 with Retry-After): nothing goes before it said,
                # within reason — a broken header must not silence the terminal for days.
                pause = min(outcome.retry_after_s, self.backoff_cap_s)
                self.quiet_until = max(self.quiet_until, self.clock() + pause)
                retry_at = max(retry_at, self.quiet_until)
            self.store.mark_failed(item, why, retry_at, park=False)
            log.info("outbox item %s not sent (%s); retry later", item.id, why)
            return False  # the platform is unreachable: don't hammer it
        if isinstance(outcome, PlatformRejected):
            why = redact_echo(str(outcome), item.payload)
            park = item.attempts + 1 >= self.max_attempts
            result.failed += 1
            result.parked += int(park)
            self.store.mark_failed(item, why, self._retry_at(item.attempts), park=park)
            log.warning("outbox item %s rejected (%s)%s", item.id, why,
                        "; parked" if park else "")
            return True
        if isinstance(outcome, PlatformError):  # a kind the client does not raise
            raise outcome
        if not stopped:
            self._online()
        acks.append((item, outcome))
        return True

    def _drain_overlapped(self, limit: int | None, result: DrainResult) -> None:
        """Keeps up to ``concurrency`` items in flight for the whole drain, each on its
        own thread and connection, so the terminal prepares and signs one case, and
        commits the acks of earlier ones, while the platform stores another.

        The pipeline never runs dry between ack batches: new items are picked while
        others are in flight, skipping those in flight or acknowledged but not yet
        committed (``held``; they are still due in the store). ``due_items`` returns only
        the head of each order key, and a held head is still the head, so an item never
        overtakes an earlier one of its case: it becomes due once that one's ack is
        committed, which happens whenever nothing else is left to send.

        This thread alone touches the store: it reads each item's attachments before
        handing it to a lane and books every outcome (``_settle``) as it arrives; the
        lanes only talk HTTP. Once an outcome stops the drain, nothing new is sent, but
        the requests already in flight are waited for and booked like any other: an ack
        is kept, a failure counted.
        """
        pending: dict[Future[dict[str, Any]], OutboxItem] = {}
        held: set[int] = set()
        ready: deque[OutboxItem] = deque()
        acks: list[tuple[OutboxItem, dict[str, Any]]] = []
        started = 0
        go = True
        lanes: list[PlatformClient] = []
        lanes_lock = threading.Lock()
        local = threading.local()

        def lane_client() -> PlatformClient:
            client: PlatformClient | None = getattr(local, "client", None)
            if client is None:
                client = local.client = self.client.fork()
                with lanes_lock:
                    lanes.append(client)
            return client

        def send(item: OutboxItem, blobs: dict[str, bytes]) -> dict[str, Any]:
            return self._send(item, lane_client(), blobs.__getitem__)

        def refill() -> None:
            fresh = self.store.due_items(self.clock(), ACK_BATCH + len(held))
            ready.extend(i for i in fresh if i.id not in held)

        pool = ThreadPoolExecutor(self.concurrency, thread_name_prefix="outbox-send")
        try:
            while True:
                while go and len(pending) < self.concurrency and (limit is None
                                                                  or started < limit):
                    if not ready:
                        refill()
                    if not ready and acks and not pending:
                        # Successors of the acked items become due once committed.
                        self._commit(acks, result)
                        refill()
                    if not ready:
                        break
                    item = ready.popleft()
                    blobs = {a.id: self.store.attachment_bytes(a.id)
                             for a in item.attachments}
                    pending[pool.submit(send, item, blobs)] = item
                    held.add(item.id)
                    started += 1
                if not pending:
                    return
                done, _ = wait(pending, return_when=FIRST_COMPLETED)
                for fut in done:
                    item = pending.pop(fut)
                    exc = fut.exception()
                    if exc is not None and not isinstance(exc, PlatformError):
                        raise exc
                    outcome = exc if isinstance(exc, PlatformError) else fut.result()
                    booked = len(acks)
                    go = self._settle(item, outcome, result, acks, stopped=not go) and go
                    if len(acks) == booked:
                        held.discard(item.id)  # failed: due again only after its backoff
                if len(acks) >= ACK_BATCH:
                    self._commit(acks, result)
                    held = {i.id for i in pending.values()}
        finally:
            # Requests still in flight here means something unexpected escaped (a store
            # error, a bug): keep the acks that arrive; the rest simply stay due.
            for fut, item in pending.items():
                try:
                    acks.append((item, fut.result()))
                except Exception:  # it stays due and is retried later
                    continue
            pool.shutdown(wait=True)
            self._commit(acks, result)
            if any(not c.inline for c in lanes):
                self.client.inline = False  # a lane learnt the platform lacks the endpoint
            for c in lanes:
                c.session.close()

    def _ship_audit(self, result: DrainResult) -> None:
        while True:
            events = self.store.audit_batch(AUDIT_BATCH)
            if not events:
                return
            first, last = events[0]["seq"], events[-1]["seq"]
            key = f"audit-{self.client.terminal_id}-{first}-{last}"
            try:
                self.client.audit(events, key)
            except PlatformAuthFailed as exc:
                self._auth_failed(exc, result)
                return
            except PlatformUnavailable as exc:
                self._offline(str(exc), result, exc.code)
                return
            except PlatformRejected as exc:
                # Never dropped: it stays behind the mark and the technician sees why.
                self.last_error = f"audit log refused: {exc}"
                log.warning("audit batch %s-%s refused (%s)", first, last, exc)
                return
            self._online()
            self.store.mark_audit_shipped(int(last))
            result.audit_shipped += len(events)

    def _online(self) -> None:
        if self.online is not True or self.last_error or self.auth_error:
            self.store.record_sync_state(True, "", self.clock())
        self.online = True
        self.last_error = None
        self.auth_error = None

    def _offline(self, error: str, result: DrainResult, problem: str = "") -> None:
        self.online = False
        self.last_error = error
        result.offline = True
        self.store.record_sync_state(False, error, self.clock(), problem)

    def _auth_failed(self, exc: PlatformAuthFailed, result: DrainResult) -> None:
        self.auth_error = str(exc)
        result.auth_error = str(exc)
        log.error("%s", exc)
        self._offline(str(exc), result, exc.code)

    # Background thread -----------------------------------------------------------------

    def start(self, interval_s: float = 5.0) -> None:
        if self._thread is not None:
            return
        self._stop.clear()
        self._thread = threading.Thread(target=self._loop, args=(interval_s,),
                                        name="outbox-worker", daemon=True)
        self._thread.start()

    def _loop(self, interval_s: float) -> None:
        failures = 0
        last_failure = ""
        while not self._stop.is_set():
            try:
                self.drain()
                failures, last_failure = 0, ""
            except Exception as exc:  # a bug must not kill the thread guarding residents' data
                failures += 1
                what = f"{type(exc).__name__}: {exc}"
                if what != last_failure:  # the traceback once, not every few seconds
                    log.exception("outbox drain failed")
                    last_failure = what
                else:
                    log.error("outbox drain failed again (%d times): %s", failures, what)
                self.last_error = f"drain failed: {what}"[:500]
            for task in self.periodic:
                try:
                    task()
                except PlatformError as exc:
                    log.info("periodic sync task: %s", exc)
                except Exception:
                    log.exception("periodic sync task failed")
            self._wake.wait(self.loop_delay_s(interval_s, failures))
            self._wake.clear()

    @staticmethod
    def loop_delay_s(interval_s: float, failures: int) -> float:
        """The pause before the next drain: the interval, doubled per drain that failed in a
        row up to 5 minutes, so a terminal whose disk is full does not spin (and log) every
        few seconds. A new submission still wakes it at once."""
        return max(interval_s, min(MAX_LOOP_DELAY_S, interval_s * 2.0 ** failures))

    def wake(self) -> None:
        """Asks for a drain now (after a new submission) without waiting out the interval."""
        self._wake.set()

    def wait(self, timeout_s: float) -> bool:
        """Sleeps until stopped or ``timeout_s``; True when stopped (for `kiosk sync`)."""
        return self._stop.wait(timeout_s)

    def stop(self) -> None:
        self._stop.set()
        self._wake.set()
        if self._thread is not None:
            self._thread.join(timeout=10)
            self._thread = None
