"""The Store: every read and write of the terminal's local data goes through here.

Personal fields are encrypted before they reach SQLite and decrypted only on the way out;
an outbox row is written in the same transaction as the record it sends, and the
platform's acknowledgement is applied in the same transaction that marks the row sent, so
a crash at any point leaves a state the outbox worker can finish.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import json
import os
import sqlite3
import threading
import uuid
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from sqlite_utils import Database

from kiosk.cases import (
    Applicant,
    Case,
    CaseItem,
    CaseStatus,
    TransitionError,
    check_transition,
)
from kiosk.crypto import DataKey
from kiosk.identity import mask_id_number, mask_name
from kiosk.store.migrations import migrate
from sync.outbox import AttachmentToSend, OutboxItem
from sync.protocol import CORRECTION_STATUS, MissingMaterial, SignedDocument
from sync.protocol import CaseStatus as WireCaseStatus


class StoreError(Exception):
    """A store operation failed in a way the caller should show (e.g. disk full)."""


@dataclass(frozen=True)
class AttachmentRecord:
    id: str
    case_id: str
    kind: str
    sha256: str
    size: int


@dataclass(frozen=True)
class Correction:
    """The platform's 补正 list as last fetched: what is missing and by when."""

    missing: tuple[MissingMaterial, ...]
    correct_by: dt.date | None


@dataclass(frozen=True)
class SyncStatus:
    """The platform link as the UI and `kiosk queue` show it."""

    online: bool | None  # None: never tried
    detail: str  # the last error, e.g. an auth refusal with its advice
    last_contact_at: float | None
    pending: int
    parked: int
    audit_backlog: int
    # Why the platform refused this terminal (a sync.signing.AuthFailure value), when the
    # last contact failed that way; "" otherwise. The maintenance screen words it.
    problem: str = ""
    # Platform clock minus this terminal's, from the last heartbeat; None before one.
    clock_offset_s: float | None = None


# What a status change may write besides the status (see Store._set_status).
_STATUS_COLUMNS = frozenset({"status", "updated_at", "platform_no"})


def _float_or_none(text: str) -> float | None:
    try:
        return float(text)
    except ValueError:
        return None

def _now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")


class Store:
    def __init__(self, db_path: Path, attachments_dir: Path, key: DataKey) -> None:
        db_path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        attachments_dir.mkdir(parents=True, exist_ok=True, mode=0o700)
        self.path = db_path
        self.attachments_dir = attachments_dir
        self.key = key
        # One connection shared by the UI and the outbox thread, serialised by a lock:
        # SQLite serialises writers anyway, and a single connection keeps it simple.
        self._conn = sqlite3.connect(db_path, check_same_thread=False, isolation_level=None,
                                     timeout=30)
        self._conn.execute("PRAGMA journal_mode=WAL")
        self._conn.execute("PRAGMA synchronous=FULL")  # a power cut must not lose a submission
        self._conn.execute("PRAGMA foreign_keys=ON")
        self._lock = threading.RLock()
        self.db = Database(self._conn)
        self.schema_version = migrate(self._conn)

    def close(self) -> None:
        with self._lock:
            self._conn.close()

    @contextmanager
    def _tx(self) -> Iterator[sqlite3.Connection]:
        with self._lock:
            try:
                self._conn.execute("BEGIN IMMEDIATE")
            except sqlite3.OperationalError as exc:
                raise StoreError(f"local database unavailable: {exc}") from exc
            try:
                yield self._conn
            except sqlite3.OperationalError as exc:
                self._rollback()
                raise StoreError(f"local database write failed: {exc}") from exc
            except BaseException:
                self._rollback()
                raise
            else:
                try:
                    self._conn.execute("COMMIT")
                except sqlite3.OperationalError as exc:  # e.g. disk full at commit
                    self._rollback()
                    raise StoreError(f"local database commit failed: {exc}") from exc

    def _rollback(self) -> None:
        # SQLite rolls back by itself on some errors (SQLITE_FULL, SQLITE_IOERR): a second
        # ROLLBACK would raise and hide the error that matters.
        if self._conn.in_transaction:
            self._conn.execute("ROLLBACK")

    def _next_counter(self, name: str) -> int:
        self._conn.execute("INSERT INTO counters VALUES (?, 1) ON CONFLICT(name) "
                           "DO UPDATE SET value = value + 1", (name,))
        return int(self._conn.execute("SELECT value FROM counters WHERE name=?",
                                      (name,)).fetchone()[0])

    # Cases ---------------------------------------------------------------------------

    def create_case(self, *, terminal_id: str, region_code: str, applicant: Applicant,
                    items: list[CaseItem], form: dict[str, Any],
                    agent_id: str | None = None) -> Case:
        case_id = uuid.uuid4().hex
        now = _now()
        with self._tx():
            seq = self._next_counter("local_no")
            # Provisional number printed until the platform's 办件编号 arrives.
            local_no = f"{terminal_id}-{dt.date.today():%Y%m%d}-{seq:05d}"
            self.db.table("cases").insert({
                "id": case_id, "local_no": local_no, "status": CaseStatus.DRAFT.value,
                "terminal_id": terminal_id, "region_code": region_code,
                "id_lookup": self.key.lookup_hash(applicant.id_number),
                "masked_id": mask_id_number(applicant.id_number),
                "masked_name": mask_name(applicant.name),
                "personal": self.key.encrypt_json(asdict(applicant), f"case:{case_id}:personal"),
                "form": self.key.encrypt_json(form, f"case:{case_id}:form"),
                "platform_no": None, "bundle_no": None, "agent_id": agent_id,
                "created_at": now, "updated_at": now,
            })
            self.db.table("case_items").insert_all(
                {"case_id": case_id, "seq": i, "item_code": it.code, "item_name": it.name}
                for i, it in enumerate(items))
            self._audit("terminal", "case.created", case_id, {"items": [i.code for i in items]})
        return self.get_case(case_id)

    def get_case(self, case_id: str) -> Case:
        with self._lock:
            row = self._conn.execute(
                "SELECT id, local_no, status, terminal_id, region_code, personal, form, "
                "platform_no, created_at FROM cases WHERE id=?", (case_id,)).fetchone()
            if row is None:
                raise KeyError(case_id)
            items = self._conn.execute(
                "SELECT item_code, item_name FROM case_items WHERE case_id=? ORDER BY seq",
                (case_id,)).fetchall()
        return Case(
            id=row[0], local_no=row[1], status=CaseStatus(row[2]), terminal_id=row[3],
            region_code=row[4],
            applicant=Applicant(**self.key.decrypt_json(row[5], f"case:{row[0]}:personal")),
            form=self.key.decrypt_json(row[6], f"case:{row[0]}:form"),
            items=tuple(CaseItem(c, n) for c, n in items), platform_no=row[7],
            created_at=row[8])

    def find_case(self, number: str) -> Case | None:
        """By platform 办件编号 or provisional local number (what a receipt QR carries)."""
        with self._lock:
            row = self._conn.execute(
                "SELECT id FROM cases WHERE platform_no=? OR local_no=?",
                (number, number)).fetchone()
        return None if row is None else self.get_case(row[0])

    def cases_for(self, id_number: str) -> list[Case]:
        with self._lock:
            rows = self._conn.execute(
                "SELECT id FROM cases WHERE id_lookup=? ORDER BY created_at DESC, rowid DESC",
                (self.key.lookup_hash(id_number),)).fetchall()
        return [self.get_case(r[0]) for r in rows]

    def _set_status(self, case_id: str, new: CaseStatus, **extra: Any) -> None:
        row = self._conn.execute("SELECT status FROM cases WHERE id=?", (case_id,)).fetchone()
        if row is None:
            raise KeyError(case_id)
        check_transition(CaseStatus(row[0]), new)
        # Plain SQL, not sqlite-utils' update(): this runs for every acknowledged case, and
        # the library re-reads the table's columns on each call. Column names come from
        # this module's callers only, and are checked against a fixed list all the same.
        values = {"status": new.value, "updated_at": _now(), **extra}
        unknown = set(values) - _STATUS_COLUMNS
        if unknown:
            raise ValueError(f"not columns a status change sets: {sorted(unknown)}")
        self._conn.execute(f"UPDATE cases SET {', '.join(f'{k}=?' for k in values)} WHERE id=?",
                           (*values.values(), case_id))
        self._audit("terminal", f"case.{new.value}", case_id, {})

    # Attachments ---------------------------------------------------------------------

    def add_attachment(self, case_id: str, kind: str, data: bytes) -> AttachmentRecord:
        att_id = uuid.uuid4().hex
        digest = hashlib.sha256(data).hexdigest()
        rel = f"{att_id[:2]}/{att_id}.bin"
        path = self.attachments_dir / rel
        tmp = path.with_suffix(".tmp")
        try:
            path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
            with open(tmp, "wb") as fh:
                fh.write(self.key.encrypt(data, f"attachment:{att_id}"))
                fh.flush()
                os.fsync(fh.fileno())
            os.replace(tmp, path)
        except OSError as exc:
            tmp.unlink(missing_ok=True)
            raise StoreError(f"cannot save attachment ({exc.strerror}); nothing was lost, "
                             "the case is unchanged") from exc
        with self._tx():
            self.db.table("attachments").insert({
                "id": att_id, "case_id": case_id, "kind": kind, "file": rel, "sha256": digest,
                "size": len(data), "created_at": _now()})
        return AttachmentRecord(att_id, case_id, kind, digest, len(data))

    def attachments(self, case_id: str) -> list[AttachmentRecord]:
        with self._lock:
            rows = self._conn.execute(
                "SELECT id, case_id, kind, sha256, size FROM attachments WHERE case_id=? "
                "ORDER BY created_at, rowid", (case_id,)).fetchall()
        return [AttachmentRecord(*r) for r in rows]

    def read_attachment(self, att_id: str) -> bytes:
        with self._lock:
            row = self._conn.execute("SELECT file FROM attachments WHERE id=?",
                                     (att_id,)).fetchone()
        if row is None:
            raise KeyError(att_id)
        # No second hash here: AES-GCM's tag, bound to this attachment's id, already proves
        # these are the bytes hashed and encrypted together in add_attachment (a changed
        # or swapped file fails to decrypt), and the platform checks the SHA-256 anyway.
        return self.key.decrypt((self.attachments_dir / row[0]).read_bytes(),
                                f"attachment:{att_id}")

    # Submission and the outbox ---------------------------------------------------------

    def submit_case(self, case_id: str) -> Case:
        """Marks the case submitted and queues it, atomically."""
        return self.submit_cases([case_id])[0]

    def submit_cases(self, case_ids: Sequence[str]) -> list[Case]:
        """Submits several cases (a 一件事 bundle's split) in one transaction: the platform
        gets the whole bundle or, after a crash, none of it."""
        payloads = [self._submission_payload(self.with_details(self.get_case(i)))
                    for i in case_ids]
        with self._tx():
            for case_id, payload in zip(case_ids, payloads, strict=True):
                self._set_status(case_id, CaseStatus.SUBMITTED)
                self._enqueue("submission", case_id, payload)
        return [self.get_case(i) for i in case_ids]

    @staticmethod
    def _submission_payload(case: Case) -> dict[str, Any]:
        return {
            "terminal_id": case.terminal_id, "region_code": case.region_code,
            "local_no": case.local_no, "submitted_at": _now(),
            "items": [{"code": i.code, "name": i.name} for i in case.items],
            "applicant": asdict(case.applicant), "form": case.form,
            "bundle_no": case.bundle_no,
            "agent": None if case.agent is None else asdict(case.agent),
            "materials": [{"ref": m.ref, "name": m.name, "status": m.status.value,
                           "ecert_ref": m.ecert_ref, "due": m.due} for m in case.materials],
            "commitments": [{"item_code": c.item_code, "option_id": c.option_id,
                             "title": c.title, "text": c.text, "replaces": list(c.replaces),
                             "signed_at": c.signed_at} for c in case.commitments],
            "consent_notice_version": None if case.consent is None
            else case.consent.notice_version,
            **({} if case.subject is None else {"subject": asdict(case.subject)}),
        }

    def _enqueue(self, kind: str, record_id: str, payload: dict[str, Any],
                 order_key: str | None = None) -> None:
        """Queues ``payload``; call inside the transaction that writes its record.

        Items sharing ``order_key`` (default: the record id; a case's rating passes the case
        id) are sent strictly in the order they were queued.
        """
        key = f"{kind}-{uuid.uuid4()}"  # fixed now, reused by every retry
        self.db.table("outbox").insert({
            "kind": kind, "record_id": record_id, "idempotency_key": key,
            "payload": self.key.encrypt_json(payload, f"outbox:{key}"),
            "state": "pending", "attempts": 0, "next_attempt_at": 0, "created_at": _now(),
            "order_key": order_key or record_id})

    # The pick: the oldest due pending item with nothing older pending or parked for the
    # same order key. INDEXED BY keeps it an id-ordered walk that stops at the first hit,
    # whatever the queue length (the due index would sort every due row first).
    _PICK = (
        "SELECT o.id, o.kind, o.record_id, o.idempotency_key, o.payload, o.attempts, "
        "o.order_key FROM outbox AS o INDEXED BY outbox_pick "
        "WHERE o.state='pending' AND o.next_attempt_at <= ? AND NOT EXISTS ("
        " SELECT 1 FROM outbox AS p INDEXED BY outbox_order WHERE p.order_key=o.order_key"
        " AND p.id < o.id AND p.state IN ('pending', 'parked')) "
        "ORDER BY o.id LIMIT ?")

    def next_due(self, now: float) -> OutboxItem | None:
        items = self.due_items(now, 1)
        return items[0] if items else None

    def due_items(self, now: float, limit: int) -> list[OutboxItem]:
        """Up to ``limit`` due items, oldest first. Each is the head of its order key, so
        none of them waits on another: the worker may send them all before acking."""
        with self._lock:
            rows = self._conn.execute(self._PICK, (now, limit)).fetchall()
            return [self._outbox_item(row) for row in rows]

    def _outbox_item(self, row: tuple[Any, ...]) -> OutboxItem:
        with self._lock:
            payload = self.key.decrypt_json(row[4], f"outbox:{row[3]}")
            attachments: tuple[AttachmentToSend, ...] = ()
            if row[1] == "submission":
                attachments = tuple(AttachmentToSend(a.id, a.kind, a.sha256, a.size)
                                    for a in self.attachments(row[2]))
            elif row[1] == "rating" and payload.get("case_platform_no", "") is None:
                # Queued before the case's 办件编号 was known; ordering means it is now.
                no = self._conn.execute("SELECT platform_no FROM cases WHERE id=?",
                                        (row[6],)).fetchone()
                payload["case_platform_no"] = no[0] if no else None
        return OutboxItem(id=row[0], kind=row[1], idempotency_key=row[3], payload=payload,
                          attempts=row[5], attachments=attachments)

    def attachment_bytes(self, att_id: str) -> bytes:
        return self.read_attachment(att_id)

    def mark_sent(self, item: OutboxItem, ack: dict[str, Any]) -> None:
        self.mark_sent_many([(item, ack)])

    def mark_sent_many(self, acks: Sequence[tuple[OutboxItem, dict[str, Any]]]) -> None:
        """Applies several acks in one synchronous=FULL transaction: one fsync for the lot.

        Losing the transaction (power cut) only leaves those items due; their retries carry
        the same idempotency keys, so the platform answers with the first acks.
        """
        with self._tx() as conn:
            for item, ack in acks:
                row = conn.execute("SELECT state, record_id FROM outbox WHERE id=?",
                                   (item.id,)).fetchone()
                if row is None or row[0] == "sent":
                    continue  # already applied (a second worker or a replayed ack)
                conn.execute("UPDATE outbox SET state='sent', sent_at=?, ack=?, "
                             "last_error=NULL WHERE id=?", (_now(), json.dumps(ack), item.id))
                if item.kind == "submission":
                    self._set_status(row[1], CaseStatus.ACCEPTED,
                                     platform_no=ack["platform_no"])

    def mark_failed(self, item: OutboxItem, error: str, retry_at: float, park: bool) -> None:
        with self._tx() as conn:
            conn.execute(
                "UPDATE outbox SET attempts=attempts+1, next_attempt_at=?, last_error=?, "
                "state=CASE WHEN ? THEN 'parked' ELSE state END WHERE id=? AND state='pending'",
                (retry_at, error[:500], park, item.id))
            if park:
                self._audit("terminal", "outbox.parked", str(item.id), {"error": error[:200]})

    def retry_stranded(self, now: float, latest: float) -> int:
        """Pending items whose next attempt lies after ``latest`` become due at ``now``.

        No backoff is that long, so such a time was set by a clock that has since gone
        back (a terminal without an RTC battery boots in the future, then NTP corrects
        it); left alone, those items would wait until the clock caught up, for days or
        years."""
        with self._lock:
            stranded = self._conn.execute(
                "SELECT EXISTS (SELECT 1 FROM outbox INDEXED BY outbox_due "
                "WHERE state='pending' AND next_attempt_at > ?)", (latest,)).fetchone()[0]
        if not stranded:  # the usual case: a read, no write transaction
            return 0
        with self._tx() as conn:
            cur = conn.execute("UPDATE outbox SET next_attempt_at=? "
                               "WHERE state='pending' AND next_attempt_at > ?", (now, latest))
            if cur.rowcount:
                self._audit("terminal", "outbox.clock_went_back", "",
                            {"count": cur.rowcount})
            return cur.rowcount

    def requeue_parked(self, outbox_id: int | None = None) -> int:
        """A technician fixed the cause: parked items (or one) go back in the queue."""
        with self._tx() as conn:
            cur = conn.execute(
                "UPDATE outbox SET state='pending', attempts=0, next_attempt_at=0 "
                "WHERE state='parked' AND (? IS NULL OR id=?)", (outbox_id, outbox_id))
            if cur.rowcount:
                self._audit("technician", "outbox.requeued", str(outbox_id or "all"),
                            {"count": cur.rowcount})
            return cur.rowcount

    def queue_depth(self) -> int:
        with self._lock:
            return int(self._conn.execute(
                "SELECT count(*) FROM outbox WHERE state='pending'").fetchone()[0])

    def outbox_rows(self) -> list[dict[str, Any]]:
        """What `kiosk queue` shows a technician: no payloads, no personal data."""
        with self._lock:
            cur = self._conn.execute(
                "SELECT id, kind, record_id, state, attempts, next_attempt_at, last_error, "
                "created_at, sent_at FROM outbox ORDER BY id")
            cols = [c[0] for c in cur.description]
            return [dict(zip(cols, r, strict=True)) for r in cur.fetchall()]

    # Audit shipping, sync state ---------------------------------------------------------

    def _state(self, name: str, default: str = "") -> str:
        row = self._conn.execute("SELECT value FROM sync_state WHERE name=?",
                                 (name,)).fetchone()
        return default if row is None else str(row[0])

    def _set_state(self, name: str, value: str) -> None:
        self._conn.execute("INSERT INTO sync_state VALUES (?, ?) ON CONFLICT(name) DO UPDATE "
                           "SET value=excluded.value", (name, value))

    def audit_batch(self, limit: int) -> list[dict[str, Any]]:
        with self._lock:
            after = int(self._state("audit_shipped", "0"))
            rows = self._conn.execute(
                "SELECT id, at, actor, action, subject, detail FROM audit_events WHERE id > ? "
                "ORDER BY id LIMIT ?", (after, limit)).fetchall()
        return [{"seq": r[0], "at": r[1], "actor": r[2], "action": r[3], "subject": r[4],
                 "detail": json.loads(r[5])} for r in rows]

    def mark_audit_shipped(self, last_seq: int) -> None:
        with self._tx():
            if last_seq > int(self._state("audit_shipped", "0")):
                self._set_state("audit_shipped", str(last_seq))

    def audit_backlog(self) -> int:
        with self._lock:
            after = int(self._state("audit_shipped", "0"))
            return int(self._conn.execute("SELECT count(*) FROM audit_events WHERE id > ?",
                                          (after,)).fetchone()[0])

    def record_sync_state(self, online: bool, detail: str, at: float,
                          problem: str = "") -> None:
        with self._tx():
            self._set_state("online", "1" if online else "0")
            self._set_state("detail", detail[:500])
            self._set_state("problem", problem[:64])
            self._set_state("checked_at", f"{at:.0f}")
            if online:
                self._set_state("last_contact_at", f"{at:.0f}")

    def sync_status(self) -> SyncStatus:
        """Online state and queue figures for the UI and `kiosk queue` (any process)."""
        with self._lock:
            counts = dict(self._conn.execute(
                "SELECT state, count(*) FROM outbox WHERE state IN ('pending', 'parked') "
                "GROUP BY state").fetchall())
            online = self._state("online")
            return SyncStatus(
                online=None if online == "" else online == "1",
                detail=self._state("detail"),
                last_contact_at=float(self._state("last_contact_at", "0")) or None,
                pending=int(counts.get("pending", 0)), parked=int(counts.get("parked", 0)),
                audit_backlog=self.audit_backlog(), problem=self._state("problem"),
                clock_offset_s=_float_or_none(self._state("clock_offset_s")))

    def record_clock_offset(self, offset_s: float) -> None:
        """Platform time minus terminal time, measured at a heartbeat: a drifting clock
        shows on the maintenance screen long before the platform refuses it (±300 s)."""
        with self._tx():
            self._set_state("clock_offset_s", f"{offset_s:.1f}")

    # Pulls: case statuses, signed documents ---------------------------------------------

    def open_platform_nos(self, limit: int) -> list[str]:
        with self._lock:
            rows = self._conn.execute(
                "SELECT platform_no FROM cases WHERE platform_no IS NOT NULL AND status NOT IN "
                "('finished', 'refused') ORDER BY status_checked_at IS NOT NULL, "
                "status_checked_at LIMIT ?", (limit,)).fetchall()
        return [r[0] for r in rows]

    def apply_statuses(self, statuses: list[WireCaseStatus]) -> int:
        """Records the platform's word for each case; moves the local status where the
        lifecycle allows it. Returns how many cases changed."""
        changed = 0
        with self._tx() as conn:
            for st in statuses:
                row = conn.execute("SELECT id, status, remote_status FROM cases WHERE "
                                   "platform_no=?", (st.platform_no,)).fetchone()
                if row is None:
                    continue
                conn.execute("UPDATE cases SET remote_status=?, status_checked_at=?, "
                             "correction=? WHERE id=?",
                             (st.status, _now(), self._sealed_correction(row[0], st), row[0]))
                if st.status in {s.value for s in CaseStatus} and st.status != row[1]:
                    # A status the terminal already moved past is recorded, not applied.
                    with contextlib.suppress(TransitionError):
                        self._set_status(row[0], CaseStatus(st.status))
                changed += int(st.status != row[2])
        return changed

    def _sealed_correction(self, case_id: str, st: WireCaseStatus) -> bytes | None:
        """The platform's 补正 list as stored: encrypted like the case's other details
        (a clerk's free text may say more than a document's name); only with 补正."""
        if st.status != CORRECTION_STATUS or st.missing is None:
            return None
        body = {"missing": [m.model_dump(mode="json") for m in st.missing],
                "correct_by": None if st.correct_by is None else st.correct_by.isoformat()}
        return self.key.encrypt_json(body, f"case:{case_id}:correction")

    def correction(self, case_id: str) -> Correction | None:
        """The platform's last 补正 list for a case (None: the platform sent none)."""
        with self._lock:
            row = self._conn.execute("SELECT correction FROM cases WHERE id=?",
                                     (case_id,)).fetchone()
        if row is None or row[0] is None:
            return None
        d = self.key.decrypt_json(row[0], f"case:{case_id}:correction")
        due = d.get("correct_by")
        return Correction(tuple(MissingMaterial.model_validate(m) for m in d["missing"]),
                          None if due is None else dt.date.fromisoformat(due))

    def document_version(self, kind: str) -> int:
        with self._lock:
            row = self._conn.execute("SELECT version FROM documents WHERE kind=?",
                                     (kind,)).fetchone()
        return 0 if row is None else int(row[0])

    def save_document(self, doc: SignedDocument) -> None:
        with self._tx() as conn:
            conn.execute("INSERT INTO documents VALUES (?,?,?,?,?) ON CONFLICT(kind) DO UPDATE "
                         "SET version=excluded.version, body=excluded.body, "
                         "signature=excluded.signature, installed_at=excluded.installed_at",
                         (doc.kind, doc.version, doc.body, doc.signature, _now()))
            self._audit("terminal", f"{doc.kind}.installed", str(doc.version), {})

    def document_body(self, kind: str) -> dict[str, Any] | None:
        """The installed (verified) catalog / config / holidays JSON, or None."""
        with self._lock:
            row = self._conn.execute("SELECT body FROM documents WHERE kind=?",
                                     (kind,)).fetchone()
        return None if row is None else dict(json.loads(row[0]))

    # Retention ---------------------------------------------------------------------------

    def purge_acknowledged(self, retention_days: int, now: dt.datetime | None = None) -> int:
        """Drops personal data of cases the platform acknowledged more than
        ``retention_days`` ago. The masked name and ID, the numbers and the status stay —
        what 办件查询 needs — so the status screen still works. Returns cases purged."""
        cutoff = ((now or dt.datetime.now(dt.UTC)) - dt.timedelta(days=retention_days)
                  ).isoformat(timespec="seconds")
        with self._lock:
            rows = self._conn.execute(
                "SELECT c.id, c.masked_name, c.masked_id FROM cases c JOIN outbox o ON "
                "o.record_id=c.id AND o.kind='submission' AND o.state='sent' "
                "WHERE c.purged_at IS NULL AND o.sent_at < ?", (cutoff,)).fetchall()
        files: list[str] = []
        for case_id, masked_name, masked_id in rows:
            with self._tx() as conn:
                masked = {"name": masked_name, "id_number": masked_id}
                files += [r[0] for r in conn.execute(
                    "SELECT file FROM attachments WHERE case_id=?", (case_id,))]
                conn.execute("DELETE FROM attachments WHERE case_id=?", (case_id,))
                conn.execute("UPDATE cases SET personal=?, form=?, purged_at=? WHERE id=?",
                             (self.key.encrypt_json(masked, f"case:{case_id}:personal"),
                              self.key.encrypt_json({}, f"case:{case_id}:form"), _now(),
                              case_id))
                self._purge_details(conn, case_id)
                for oid, key in conn.execute("SELECT id, idempotency_key FROM outbox WHERE "
                                             "record_id=? AND state='sent'", (case_id,)
                                             ).fetchall():
                    conn.execute("UPDATE outbox SET payload=? WHERE id=?",
                                 (self.key.encrypt_json({}, f"outbox:{key}"), oid))
                self._audit("terminal", "case.purged", case_id, {})
        with self._tx() as conn:
            conn.execute("UPDATE ratings SET phone=NULL WHERE id IN (SELECT record_id FROM "
                         "outbox WHERE kind='rating' AND state='sent' AND sent_at < ?)",
                         (cutoff,))
        for rel in files:  # after the commit: a crash here leaves only unreadable ciphertext
            (self.attachments_dir / rel).unlink(missing_ok=True)
        return len(rows)

    # What a reprint of the receipt needs survives: the materials list and the promised
    # date carry no personal data. Signatures, consent and the agent's identity do.
    _DETAILS_KEPT_AFTER_PURGE = ("materials", "promised_by", "promised_estimated")

    def _purge_details(self, conn: sqlite3.Connection, case_id: str) -> None:
        row = conn.execute("SELECT details FROM cases WHERE id=?", (case_id,)).fetchone()
        if row is None or row[0] is None:
            return
        context = f"case:{case_id}:details"
        details = self.key.decrypt_json(row[0], context)
        kept = {k: details[k] for k in self._DETAILS_KEPT_AFTER_PURGE if k in details}
        conn.execute("UPDATE cases SET details=? WHERE id=?",
                     (self.key.encrypt_json(kept, context), case_id))

    # Audit -----------------------------------------------------------------------------

    def _audit(self, actor: str, action: str, subject: str, detail: dict[str, Any]) -> None:
        self._conn.execute("INSERT INTO audit_events(at, actor, action, subject, detail) "
                           "VALUES (?,?,?,?,?)", (_now(), actor, action, subject,
                                                  json.dumps(detail, ensure_ascii=False)))

    def audit(self, actor: str, action: str, subject: str = "",
              detail: dict[str, Any] | None = None) -> None:
        with self._tx():
            self._audit(actor, action, subject, detail or {})

    def audit_events(self) -> list[dict[str, Any]]:
        with self._lock:
            return list(self.db.table("audit_events").rows)

    def last_audit(self, action: str) -> dict[str, Any] | None:
        """The newest audit event of ``action`` (``at``, ``detail`` as stored JSON text),
        by one indexed-order read instead of the whole log (维护信息's camera line)."""
        with self._lock:
            row = self._conn.execute(
                "SELECT at, actor, action, subject, detail FROM audit_events WHERE action=? "
                "ORDER BY id DESC LIMIT 1", (action,)).fetchone()
        if row is None:
            return None
        return {"at": row[0], "actor": row[1], "action": row[2], "subject": row[3],
                "detail": row[4]}

    # Services: case details, bundles, drafts, ratings (issue 4) --------------------------

    def save_case_details(self, case_id: str, details: dict[str, Any],
                          bundle_no: str | None = None) -> None:
        """Materials, commitments (with signature strokes), consent and agent: encrypted,
        beside the case row; ``bundle_no`` links the cases split from one 一件事."""
        with self._tx() as conn:
            conn.execute("UPDATE cases SET details=?, bundle_no=COALESCE(?, bundle_no), "
                         "updated_at=? WHERE id=?",
                         (self.key.encrypt_json(details, f"case:{case_id}:details"), bundle_no,
                          _now(), case_id))
            self._audit("terminal", "case.details", case_id,
                        {"materials": [m.get("status") for m in details.get("materials", [])]})

    def with_details(self, case: Case) -> Case:
        """``case`` with bundle number, materials, commitments, consent and agent filled."""
        from dataclasses import replace

        from kiosk.cases import Consent, SignedCommitment, Subject
        from kiosk.materials import MaterialRecord

        with self._lock:
            row = self._conn.execute("SELECT details, bundle_no FROM cases WHERE id=?",
                                     (case.id,)).fetchone()
        if row is None:
            raise KeyError(case.id)
        if row[0] is None:
            return replace(case, bundle_no=row[1])
        d = self.key.decrypt_json(row[0], f"case:{case.id}:details")
        consent = d.get("consent")
        agent = d.get("agent")
        subject = d.get("subject")
        return replace(
            case, bundle_no=row[1],
            materials=tuple(MaterialRecord.from_json(m) for m in d.get("materials", [])),
            commitments=tuple(SignedCommitment(**{**c, "replaces": tuple(c["replaces"])})
                              for c in d.get("commitments", [])),
            consent=Consent(**consent) if consent else None,
            agent=Applicant(**agent) if agent else None,
            subject=Subject(**subject) if subject else None,
            promised_by=d.get("promised_by"), promised_estimated=d.get("promised_estimated",
                                                                       False))

    def next_bundle_no(self, terminal_id: str) -> str:
        with self._tx():
            seq = self._next_counter("bundle_no")
        return f"{terminal_id}-YJS-{dt.date.today():%Y%m%d}-{seq:04d}"

    def bundle_case_ids(self, bundle_no: str) -> list[str]:
        with self._lock:
            return [r[0] for r in self._conn.execute(
                "SELECT id FROM cases WHERE bundle_no=? ORDER BY rowid", (bundle_no,))]

    def remote_status(self, case_id: str) -> tuple[str | None, str | None]:
        """The platform's last word on a case and when it was fetched (sync pulls it)."""
        with self._lock:
            row = self._conn.execute("SELECT remote_status, status_checked_at FROM cases "
                                     "WHERE id=?", (case_id,)).fetchone()
        return (None, None) if row is None else (row[0], row[1])

    def save_draft(self, owner: str, owner_id_number: str, body: dict[str, Any],
                   draft_id: str | None = None) -> str:
        """Upserts a draft; committed with FULL sync so it survives a power cut."""
        draft_id = draft_id or uuid.uuid4().hex
        with self._tx() as conn:
            conn.execute(
                "INSERT INTO drafts VALUES (?,?,?,?,?) ON CONFLICT(id) DO UPDATE SET "
                "body=excluded.body, updated_at=excluded.updated_at",
                (draft_id, owner, self.key.lookup_hash(owner_id_number),
                 self.key.encrypt_json(body, f"draft:{draft_id}"), _now()))
        return draft_id

    def load_draft(self, owner: str, owner_id_number: str) -> tuple[str, dict[str, Any]] | None:
        """The owner's newest draft, or None."""
        with self._lock:
            row = self._conn.execute(
                "SELECT id, body FROM drafts WHERE owner=? AND owner_lookup=? "
                "ORDER BY updated_at DESC, rowid DESC LIMIT 1",
                (owner, self.key.lookup_hash(owner_id_number))).fetchone()
        if row is None:
            return None
        return row[0], dict(self.key.decrypt_json(row[1], f"draft:{row[0]}"))

    def delete_draft(self, draft_id: str) -> None:
        with self._tx() as conn:
            conn.execute("DELETE FROM drafts WHERE id=?", (draft_id,))

    def wipe_resident_drafts(self) -> int:
        """At idle timeout: nothing a resident typed may wait for the next person."""
        with self._tx() as conn:
            n = conn.execute("DELETE FROM drafts WHERE owner='resident'").rowcount
            if n:
                self._audit("terminal", "drafts.wiped", "", {"count": n})
        return int(n)

    def add_rating(self, *, rating_id: str, level: int, reasons: list[str], comment: str,
                   phone: str, case_id: str | None, rated_at: str) -> None:
        """Stores a 好差评 and queues it for the platform in one transaction; the phone
        number (only for a follow-up call) is encrypted like every personal field."""
        case_local_no: str | None = None
        case_platform_no: str | None = None
        if case_id is not None:
            with self._lock:
                row = self._conn.execute("SELECT local_no, platform_no FROM cases WHERE id=?",
                                         (case_id,)).fetchone()
            if row is None:
                raise KeyError(case_id)
            case_local_no, case_platform_no = row
        payload = {"rating_id": rating_id, "level": level, "reasons": reasons,
                   "comment": comment, "phone": phone, "case_local_no": case_local_no,
                   "case_platform_no": case_platform_no, "rated_at": rated_at}
        with self._tx():
            self.db.table("ratings").insert({
                "id": rating_id, "case_id": case_id, "level": level,
                "reasons": json.dumps(reasons, ensure_ascii=False),
                "phone": self.key.encrypt(phone.encode(), f"rating:{rating_id}:phone")
                if phone else None,
                "created_at": rated_at})
            # Ordered after the case's own submission, so the platform knows the case.
            self._enqueue("rating", rating_id, payload, order_key=case_id or rating_id)
            self._audit("resident", "rating.added", rating_id, {"level": level})

    def rating_phone(self, rating_id: str) -> str:
        with self._lock:
            row = self._conn.execute("SELECT phone FROM ratings WHERE id=?",
                                     (rating_id,)).fetchone()
        if row is None:
            raise KeyError(rating_id)
        return "" if row[0] is None else self.key.decrypt(row[0], f"rating:{rating_id}:phone"
                                                          ).decode()
