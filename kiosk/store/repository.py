"""The Store: every read and write of the terminal's local data goes through here.

Personal fields are encrypted before they reach SQLite and decrypted only on the way out;
an outbox row is written in the same transaction as the record it sends, and the
platform's acknowledgement is applied in the same transaction that marks the row sent, so
a crash at any point leaves a state the outbox worker can finish.
"""

from __future__ import annotations

import base64
import datetime as dt
import hashlib
import json
import os
import sqlite3
import threading
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from sqlite_utils import Database

from kiosk.cases import Applicant, Case, CaseItem, CaseStatus, check_transition
from kiosk.crypto import DataKey
from kiosk.identity import mask_id_number, mask_name
from kiosk.store.migrations import migrate
from sync.outbox import OutboxItem


class StoreError(Exception):
    """A store operation failed in a way the caller should show (e.g. disk full)."""


@dataclass(frozen=True)
class AttachmentRecord:
    id: str
    case_id: str
    kind: str
    sha256: str
    size: int


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
                self._conn.execute("ROLLBACK")
                raise StoreError(f"local database write failed: {exc}") from exc
            except BaseException:
                self._conn.execute("ROLLBACK")
                raise
            else:
                try:
                    self._conn.execute("COMMIT")
                except sqlite3.OperationalError as exc:  # e.g. disk full at commit
                    self._conn.execute("ROLLBACK")
                    raise StoreError(f"local database commit failed: {exc}") from exc

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
        self.db.table("cases").update(case_id, {"status": new.value, "updated_at": _now(), **extra})
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
            row = self._conn.execute("SELECT file, sha256 FROM attachments WHERE id=?",
                                     (att_id,)).fetchone()
        if row is None:
            raise KeyError(att_id)
        data = self.key.decrypt((self.attachments_dir / row[0]).read_bytes(),
                                f"attachment:{att_id}")
        if hashlib.sha256(data).hexdigest() != row[1]:
            raise StoreError(f"attachment {att_id} does not match its recorded hash")
        return data

    # Submission and the outbox ---------------------------------------------------------

    def submit_case(self, case_id: str) -> Case:
        """Marks the case submitted and queues it, atomically."""
        case = self.get_case(case_id)
        payload = {
            "terminal_id": case.terminal_id, "region_code": case.region_code,
            "local_no": case.local_no, "submitted_at": _now(),
            "items": [{"code": i.code, "name": i.name} for i in case.items],
            "applicant": asdict(case.applicant), "form": case.form,
        }
        with self._tx():
            self._set_status(case_id, CaseStatus.SUBMITTED)
            self._enqueue("submission", case_id, payload)
        return self.get_case(case_id)

    def _enqueue(self, kind: str, record_id: str, payload: dict[str, Any]) -> None:
        key = f"{kind}-{uuid.uuid4()}"  # fixed now, reused by every retry
        self.db.table("outbox").insert({
            "kind": kind, "record_id": record_id, "idempotency_key": key,
            "payload": self.key.encrypt_json(payload, f"outbox:{key}"),
            "state": "pending", "attempts": 0, "next_attempt_at": 0, "created_at": _now()})

    def next_due(self, now: float) -> OutboxItem | None:
        with self._lock:
            row = self._conn.execute(
                "SELECT id, kind, record_id, idempotency_key, payload, attempts FROM outbox "
                "WHERE state='pending' AND next_attempt_at <= ? ORDER BY id LIMIT 1",
                (now,)).fetchone()
        if row is None:
            return None
        payload = self.key.decrypt_json(row[4], f"outbox:{row[3]}")
        if row[1] == "submission":
            payload["attachments"] = [
                {"name": a.kind, "sha256": a.sha256,
                 "content_b64": base64.b64encode(self.read_attachment(a.id)).decode()}
                for a in self.attachments(row[2])]
        return OutboxItem(id=row[0], kind=row[1], idempotency_key=row[3], payload=payload,
                          attempts=row[5])

    def mark_sent(self, item: OutboxItem, ack: dict[str, Any]) -> None:
        with self._tx() as conn:
            row = conn.execute("SELECT state, record_id FROM outbox WHERE id=?",
                               (item.id,)).fetchone()
            if row is None or row[0] == "sent":
                return  # already applied (a second worker or a replayed ack)
            conn.execute("UPDATE outbox SET state='sent', sent_at=?, ack=?, last_error=NULL "
                         "WHERE id=?", (_now(), json.dumps(ack), item.id))
            if item.kind == "submission":
                self._set_status(row[1], CaseStatus.ACCEPTED, platform_no=ack["platform_no"])

    def mark_failed(self, item: OutboxItem, error: str, retry_at: float, park: bool) -> None:
        with self._tx() as conn:
            conn.execute(
                "UPDATE outbox SET attempts=attempts+1, next_attempt_at=?, last_error=?, "
                "state=CASE WHEN ? THEN 'parked' ELSE state END WHERE id=? AND state='pending'",
                (retry_at, error[:500], park, item.id))
            if park:
                self._audit("terminal", "outbox.parked", str(item.id), {"error": error[:200]})

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

    # Audit -----------------------------------------------------------------------------

    def _audit(self, actor: str, action: str, subject: str, detail: dict[str, Any]) -> None:
        self.db.table("audit_events").insert({"at": _now(), "actor": actor, "action": action,
                                        "subject": subject,
                                        "detail": json.dumps(detail, ensure_ascii=False)})

    def audit(self, actor: str, action: str, subject: str = "",
              detail: dict[str, Any] | None = None) -> None:
        with self._tx():
            self._audit(actor, action, subject, detail or {})

    def audit_events(self) -> list[dict[str, Any]]:
        with self._lock:
            return list(self.db.table("audit_events").rows)
