"""The reference platform's own SQLite: terminals, nonces, uploads, cases, ratings, audit.

Every write is keyed so that a retry finds the first result instead of making a second
record: submissions and ratings by Idempotency-Key, audit events by (terminal, seq),
upload chunks by offset.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import secrets
import sqlite3
import threading
from collections.abc import Iterable, Iterator, Mapping
from contextlib import AbstractContextManager, ExitStack, contextmanager, suppress
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sync.platform.vault import OVERHEAD, SealBroken, Vault, VaultError, load_vault
from sync.protocol import (
    AuditEventIn,
    CaseStatus,
    HeartbeatIn,
    RatingAck,
    RatingIn,
    SignedDocument,
    SubmissionAck,
    SubmissionIn,
    UploadState,
)

# Nonces live in a database of their own: they matter only within the clock window
# (300 s), so losing the last few to a power cut is harmless, and sparing them the
# synchronous=FULL commit of the case database saves an fsync on every request.
_NONCE_SCHEMA = """
CREATE TABLE IF NOT EXISTS nonces (
    terminal_id TEXT NOT NULL, nonce TEXT NOT NULL, ts INTEGER NOT NULL,
    PRIMARY KEY (terminal_id, nonce));
CREATE INDEX IF NOT EXISTS nonces_ts ON nonces(ts);
"""

_SCHEMA = """
CREATE TABLE IF NOT EXISTS submissions (
    platform_no TEXT PRIMARY KEY,
    idempotency_key TEXT NOT NULL UNIQUE,
    terminal_id TEXT NOT NULL,
    local_no TEXT NOT NULL,
    status TEXT NOT NULL,
    payload BLOB NOT NULL,
    received_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    applicant_key TEXT
);
CREATE TABLE IF NOT EXISTS counters (name TEXT PRIMARY KEY, value INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS terminals (
    terminal_id TEXT PRIMARY KEY, region_code TEXT NOT NULL, public_key TEXT NOT NULL,
    enrolled_at TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS uploads (
    terminal_id TEXT NOT NULL, upload_id TEXT NOT NULL, size INTEGER NOT NULL,
    sha256 TEXT NOT NULL, received INTEGER NOT NULL, complete INTEGER NOT NULL,
    file TEXT NOT NULL, PRIMARY KEY (terminal_id, upload_id));
CREATE TABLE IF NOT EXISTS inline_blobs (
    terminal_id TEXT NOT NULL, upload_id TEXT NOT NULL, data BLOB NOT NULL,
    PRIMARY KEY (terminal_id, upload_id));
CREATE TABLE IF NOT EXISTS upload_chunks (
    terminal_id TEXT NOT NULL, upload_id TEXT NOT NULL, offset INTEGER NOT NULL,
    length INTEGER NOT NULL, at TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS ratings (
    terminal_id TEXT NOT NULL, rating_id TEXT NOT NULL, idempotency_key TEXT NOT NULL UNIQUE,
    payload BLOB NOT NULL, received_at TEXT NOT NULL, PRIMARY KEY (terminal_id, rating_id));
CREATE TABLE IF NOT EXISTS audit_events (
    terminal_id TEXT NOT NULL, seq INTEGER NOT NULL, payload BLOB NOT NULL,
    received_at TEXT NOT NULL, PRIMARY KEY (terminal_id, seq));
CREATE TABLE IF NOT EXISTS heartbeats (
    terminal_id TEXT PRIMARY KEY, payload BLOB NOT NULL, received_at TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS documents (
    kind TEXT NOT NULL, version INTEGER NOT NULL, doc TEXT NOT NULL,
    PRIMARY KEY (kind, version));
CREATE TABLE IF NOT EXISTS vault (name TEXT PRIMARY KEY, value BLOB NOT NULL);
"""


_UPLOAD_STRIPES = 64


def _now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")


def _open_upload_file(path: Path) -> int:
    try:
        return os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
    except FileNotFoundError:
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        _fsync_dir(path.parent.parent)  # the new shard folder's own name must last too
        return os.open(path, os.O_RDWR | os.O_CREAT, 0o600)


# An upload file is a run of sealed records, one per stored tail: a 4-byte big-endian
# length, then the sealed bytes, whose associated data names the upload and the byte the
# record starts at. A record cannot move to another upload or another place in this one,
# and a chunk is sealed once, as it arrives, without rewriting what is stored already.
_RECORD_HEAD = 4


def _scan_records(fd: int, at: int, vault: Vault, where: tuple[str, ...],
                  h: hashlib._Hash | None) -> tuple[int, bool]:
    """The file position where plaintext byte ``at`` begins, and whether the records
    before it are intact; with ``h`` their plaintext is opened and hashed into it."""
    pos = plain = 0
    end = os.fstat(fd).st_size
    while plain < at:
        head = os.pread(fd, _RECORD_HEAD, pos)
        n = int.from_bytes(head, "big") if len(head) == _RECORD_HEAD else -1
        if n < OVERHEAD or pos + _RECORD_HEAD + n > end:
            return pos, False  # a lost tail: the hash check (or the read) catches it
        length = n - OVERHEAD
        if h is not None:
            try:
                data = vault.open(os.pread(fd, n, pos + _RECORD_HEAD), *where, str(plain))
            except SealBroken:
                return pos, False
            h.update(data)
        if plain + length > at:
            return pos, False
        plain += length
        pos += _RECORD_HEAD + n
    return pos, True


def _write_sealed(path: Path, at: int, tail: bytes | memoryview, hash_all: bool,
                  vault: Vault, where: tuple[str, ...]) -> str | None:
    """Seals ``tail`` as the record starting at plaintext byte ``at`` (dropping anything
    after it) and fsyncs the file.

    With ``hash_all`` it returns the SHA-256 of the whole plaintext: the first ``at``
    bytes opened from the file, the rest from ``tail`` itself (a prefix that does not open
    gives a digest that matches nothing, so the upload restarts, as for a lost tail).
    """
    created = not path.exists()
    fd = _open_upload_file(path)
    try:
        h = hashlib.sha256() if hash_all else None
        pos, intact = _scan_records(fd, at, vault, where, h)
        if len(tail):
            sealed = vault.seal(tail, *where, str(at))
            record = len(sealed).to_bytes(_RECORD_HEAD, "big") + sealed
            done = 0
            while done < len(record):
                done += os.pwrite(fd, record[done:], pos + done)
            pos += len(record)
        os.ftruncate(fd, pos)
        os.fsync(fd)
    finally:
        os.close(fd)
    if created:  # a new file's name lives in its folder: fsync that too, or a power cut
        _fsync_dir(path.parent)  # can lose an upload the platform already counted
    if h is None:
        return None
    if not intact:
        return "prefix-lost"
    h.update(tail)
    return h.hexdigest()


def _read_sealed(path: Path, size: int, vault: Vault, where: tuple[str, ...]) -> bytes:
    """The first ``size`` plaintext bytes of an upload file; SealBroken when they do not
    all open (altered, truncated, moved from another upload, or another key)."""
    blob = path.read_bytes()
    out = bytearray()
    pos = 0
    while len(out) < size:
        n = int.from_bytes(blob[pos:pos + _RECORD_HEAD], "big")
        record = blob[pos + _RECORD_HEAD:pos + _RECORD_HEAD + n]
        if len(record) != n or n < OVERHEAD:
            raise SealBroken(f"upload file {path.name} is shorter than its record says")
        out += vault.open(record, *where, str(len(out)))
        pos += _RECORD_HEAD + n
    return bytes(out[:size])


def _fsync_dir(folder: Path) -> None:
    fd = os.open(folder, os.O_RDONLY | os.O_DIRECTORY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


_FORMAT = 1  # PRAGMA user_version: 0 is the plaintext form written before encryption
_CHECK = b"village-kiosk platform data key check"
_SEALING = ".sealing"


def _as_bytes(value: str | bytes) -> bytes:
    return value.encode() if isinstance(value, str) else bytes(value)


def _upload_where(terminal_id: str, upload_id: str) -> tuple[str, ...]:
    return ("uploads", "file", terminal_id, upload_id)


def _private_sqlite_files(db: Path) -> None:
    """SQLite makes a database's -wal, -shm and -journal files with the database file's
    own mode, so a database created 0600 here, before SQLite opens it, keeps all of them
    0600; files of an older installation are tightened."""
    if not db.exists():
        os.close(os.open(db, os.O_RDWR | os.O_CREAT, 0o600))
    for suffix in ("", "-wal", "-shm", "-journal"):
        with suppress(FileNotFoundError):
            os.chmod(db.with_name(db.name + suffix), 0o600)


class UploadConflict(Exception):
    """A chunk that does not continue the upload; ``state`` says where it stands."""

    def __init__(self, code: str, detail: str, state: UploadState | None) -> None:
        super().__init__(detail)
        self.code = code
        self.detail = detail
        self.state = state


@dataclass(frozen=True)
class Terminal:
    terminal_id: str
    region_code: str
    public_key: str


class PlatformDB:
    def __init__(self, path: Path, env: Mapping[str, str] | None = None) -> None:
        """Opens (or makes) the platform's data folder; VaultError, before anything is
        served or written, when the data key is missing, malformed or wrong.

        ``env``: where ``KIOSK_PLATFORM_DATA_KEY`` is looked up (``os.environ``).
        """
        if not path.parent.exists():  # a folder it makes is private; one it was given
            path.parent.mkdir(parents=True, mode=0o700)  # (e.g. the current directory)
            path.parent.chmod(0o700)  # is left as it is: its files are 0600 regardless
        self.uploads_dir = path.with_name(path.stem + "-uploads")
        self.uploads_dir.mkdir(exist_ok=True, mode=0o700)
        self.uploads_dir.chmod(0o700)
        self.keys_dir = path.with_name(path.stem + "-keys")
        _fsync_dir(self.uploads_dir.parent)
        _private_sqlite_files(path)
        self._conn = sqlite3.connect(path, check_same_thread=False, isolation_level=None)
        self._conn.execute("PRAGMA journal_mode=WAL")
        # FULL: an acknowledged case must survive a power cut, or the terminal (which
        # marks it sent on the ack) and the platform disagree forever.
        self._conn.execute("PRAGMA synchronous=FULL")
        # Guards the one connection: held for SQL only, never across a file's fsync, so
        # requests for different cases store their files in parallel.
        self._lock = threading.RLock()
        try:
            self.vault, legacy = self._open_vault(path, env)
        except BaseException:
            self._conn.close()
            raise
        self._conn.executescript(_SCHEMA)
        if legacy:
            self._seal_legacy()
        elif self._one("SELECT 1 FROM vault WHERE name='sealing'", ()) is not None:
            self._finish_sealing()  # a migration that stopped after its commit
        with self._tx() as c:
            if c.execute("SELECT 1 FROM vault WHERE name='check'").fetchone() is None:
                self._mark_sealed(c)
        self._conn.execute("CREATE INDEX IF NOT EXISTS submissions_applicant "
                           "ON submissions(applicant_key)")
        if "correction" not in {r[1] for r in self._conn.execute(
                "PRAGMA table_info(submissions)")}:  # 1.5: the sealed 补正 list
            self._conn.execute("ALTER TABLE submissions ADD COLUMN correction BLOB")
        _private_sqlite_files(path)  # the -wal and -shm SQLite has made by now
        nonces = path.with_name(path.stem + "-nonces.sqlite3")
        _private_sqlite_files(nonces)
        self._nonces = sqlite3.connect(nonces, check_same_thread=False, isolation_level=None)
        self._nonces.execute("PRAGMA journal_mode=WAL")
        self._nonces.execute("PRAGMA synchronous=NORMAL")
        self._nonces.executescript(_NONCE_SCHEMA)
        _private_sqlite_files(nonces)
        self._nonce_lock = threading.Lock()
        # Serialise the writers of one upload's file (chunks, inline parts) without
        # serialising everyone: an upload id maps to one of these stripes. Always taken
        # before ``_lock``, never while holding it.
        self._upload_locks = tuple(threading.Lock() for _ in range(_UPLOAD_STRIPES))
        # Every signed request looks its terminal up: kept in memory (filled here and by
        # ``enrol``) so the check needs no SQL and no trip to a worker thread.
        self._terminals = {row[0]: Terminal(*row) for row in self._conn.execute(
            "SELECT terminal_id, region_code, public_key FROM terminals")}

    # Encryption at rest -----------------------------------------------------------------

    def _open_vault(self, path: Path, env: Mapping[str, str] | None) -> tuple[Vault, bool]:
        """The data key, checked against the database; and whether the database is of the
        plaintext form written before encryption at rest (to be sealed now)."""
        c = self._conn
        version = c.execute("PRAGMA user_version").fetchone()[0]
        tables = {r[0] for r in c.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        if version > _FORMAT:
            raise VaultError(f"the platform database {path} was written by a newer platform "
                             f"(format {version}; this one reads {_FORMAT}): run that version")
        sealed = version == _FORMAT
        what = f"the platform database {path}"
        vault = load_vault(self.keys_dir, may_create=not sealed, what=what, env=env)
        if sealed:
            rows = dict(c.execute("SELECT name, value FROM vault WHERE name IN "
                                  "('check', 'key_id')").fetchall()) if "vault" in tables else {}
            if "check" not in rows:
                raise VaultError(f"{what} is marked encrypted but has lost its key check "
                                 "row: restore the database from the backup")
            try:
                vault.open(rows["check"], "vault", "check")
            except SealBroken:
                made_by = bytes(rows.get("key_id", b"?")).decode(errors="replace")
                raise VaultError(
                    f"the data key given (key id {vault.key_id}) does not open {what}, "
                    f"whose data are sealed under key id {made_by}: use that database's own "
                    f"key file ({self.keys_dir / 'data.key'}) or KIOSK_PLATFORM_DATA_KEY. "
                    "Nothing was changed.") from None
        return vault, version == 0 and "submissions" in tables

    def _mark_sealed(self, c: sqlite3.Connection) -> None:
        c.execute("INSERT OR REPLACE INTO vault VALUES ('check', ?)",
                  (self.vault.seal(_CHECK, "vault", "check"),))
        c.execute("INSERT OR REPLACE INTO vault VALUES ('key_id', ?)",
                  (self.vault.key_id.encode(),))
        c.execute(f"PRAGMA user_version = {_FORMAT}")

    def _seal_legacy(self) -> None:
        """Encrypts, in place, a database and uploads folder written before encryption at
        rest, so an existing county installation upgrades without an export.

        Each upload file is first sealed into a side file (``*.sealing``, fsynced); then
        one transaction seals every row and marks the database sealed; then the side files
        replace the plaintext ones. A crash before the commit leaves the old database,
        which the next start migrates again from the start; after it, the next start
        finishes the renames (``sealing`` row) before serving. Last, a checkpoint and a
        VACUUM rewrite the database file and empty the WAL, so no page of the old
        plaintext stays behind in either.
        """
        v = self.vault
        c = self._conn
        for stale in self.uploads_dir.rglob("*" + _SEALING):
            stale.unlink()
        referenced: set[Path] = set()
        for tid, uid, received in c.execute(
                "SELECT terminal_id, upload_id, received FROM uploads").fetchall():
            plain = self._upload_path(tid, uid)
            referenced.add(plain)
            if plain.is_file():
                data = plain.read_bytes()[:received]
                _write_sealed(plain.with_name(plain.name + _SEALING), 0, data, False, v,
                              ("uploads", "file", tid, uid))
        columns = {r[1] for r in c.execute("PRAGMA table_info(submissions)")}
        with self._tx() as c:
            if "applicant_key" not in columns:
                c.execute("ALTER TABLE submissions ADD COLUMN applicant_key TEXT")
            for no, payload in c.execute(
                    "SELECT platform_no, payload FROM submissions").fetchall():
                c.execute("UPDATE submissions SET payload=?, applicant_key=? "
                          "WHERE platform_no=?",
                          (v.seal(_as_bytes(payload), "submissions", "payload", no),
                           self._applicant_key(_as_bytes(payload)), no))
            for tid, rid, payload in c.execute(
                    "SELECT terminal_id, rating_id, payload FROM ratings").fetchall():
                c.execute("UPDATE ratings SET payload=? WHERE terminal_id=? AND rating_id=?",
                          (v.seal(_as_bytes(payload), "ratings", "payload", tid, rid),
                           tid, rid))
            for tid, seq, payload in c.execute(
                    "SELECT terminal_id, seq, payload FROM audit_events").fetchall():
                c.execute("UPDATE audit_events SET payload=? WHERE terminal_id=? AND seq=?",
                          (v.seal(_as_bytes(payload), "audit_events", "payload", tid,
                                  str(seq)), tid, seq))
            for tid, payload in c.execute(
                    "SELECT terminal_id, payload FROM heartbeats").fetchall():
                c.execute("UPDATE heartbeats SET payload=? WHERE terminal_id=?",
                          (v.seal(_as_bytes(payload), "heartbeats", "payload", tid), tid))
            for tid, uid, data in c.execute(
                    "SELECT terminal_id, upload_id, data FROM inline_blobs").fetchall():
                c.execute("UPDATE inline_blobs SET data=? WHERE terminal_id=? AND upload_id=?",
                          (v.seal(_as_bytes(data), "inline_blobs", "data", tid, uid),
                           tid, uid))
            c.execute("INSERT OR REPLACE INTO vault VALUES ('sealing', x'01')")
            self._mark_sealed(c)
        self._finish_sealing()
        for folder in [self.uploads_dir, *self.uploads_dir.rglob("*")]:
            if folder.is_dir():
                folder.chmod(0o700)
            elif folder.is_file() and folder not in referenced:
                folder.unlink()  # a plaintext file no row refers to (a crash's leftover)
        self._conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        self._conn.execute("VACUUM")
        self._conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")

    def _finish_sealing(self) -> None:
        """Puts the sealed side files of a committed migration in place."""
        folders: set[Path] = set()
        for side in self.uploads_dir.rglob("*" + _SEALING):
            os.replace(side, side.with_name(side.name.removesuffix(_SEALING)))
            folders.add(side.parent)
        for folder in folders:
            _fsync_dir(folder)
        with self._tx() as c:
            c.execute("DELETE FROM vault WHERE name='sealing'")

    def _applicant_key(self, payload: bytes) -> str | None:
        """The keyed hash of the applicant's ID number, for finding a resident's cases."""
        try:
            number = json.loads(payload)["applicant"]["id_number"]
        except (ValueError, KeyError, TypeError):
            return None
        return self.vault.lookup_hash(str(number))

    @contextmanager
    def _tx(self) -> Iterator[sqlite3.Connection]:
        with self._lock:
            self._conn.execute("BEGIN IMMEDIATE")
            try:
                yield self._conn
            except BaseException:
                if self._conn.in_transaction:  # SQLITE_FULL and IOERR roll back by themselves
                    self._conn.execute("ROLLBACK")
                raise
            self._conn.execute("COMMIT")

    @contextmanager
    def _uploads_locked(self, terminal_id: str, upload_ids: Iterable[str]) -> Iterator[None]:
        """Holds the stripes of ``upload_ids`` (in index order, so two callers cannot
        deadlock) while their files are written and registered."""
        stripes = sorted({int.from_bytes(hashlib.blake2b(
            f"{terminal_id}\0{u}".encode(), digest_size=4).digest()) % _UPLOAD_STRIPES
            for u in upload_ids})
        with ExitStack() as stack:
            for i in stripes:
                stack.enter_context(self._upload_locks[i])
            yield

    def _one(self, sql: str, args: tuple[Any, ...]) -> Any:
        with self._lock:
            return self._conn.execute(sql, args).fetchone()

    # Terminals and enrolment -------------------------------------------------------------

    # For the platform's other stores (staff.py, enrolment.py): their tables live in this
    # file, under this lock, so one backup holds everything and writes never interleave.

    def transaction(self) -> AbstractContextManager[sqlite3.Connection]:
        """One write transaction (BEGIN IMMEDIATE ... COMMIT, rolled back on error)."""
        return self._tx()

    def query(self, sql: str, args: tuple[Any, ...] = ()) -> list[Any]:
        with self._lock:
            return self._conn.execute(sql, args).fetchall()

    def remember_terminal(self, terminal: Terminal) -> None:
        """After an enrolment committed: later signed requests find the key in memory."""
        self._terminals[terminal.terminal_id] = terminal

    def known_terminal(self, terminal_id: str) -> Terminal | None:
        """The enrolled terminal from memory; None when this process has not seen it."""
        return self._terminals.get(terminal_id)

    def terminal(self, terminal_id: str) -> Terminal | None:
        """From the database: sees enrolments made by another process on the same file."""
        row = self._one("SELECT terminal_id, region_code, public_key FROM terminals "
                        "WHERE terminal_id=?", (terminal_id,))
        if row is None:
            return None
        self._terminals[terminal_id] = found = Terminal(*row)
        return found

    def use_nonce(self, terminal_id: str, nonce: str, ts: int, forget_before: int) -> bool:
        """False when the nonce was seen within the window (a replay)."""
        with self._nonce_lock:
            c = self._nonces
            c.execute("BEGIN IMMEDIATE")
            try:
                c.execute("DELETE FROM nonces WHERE ts < ?", (forget_before,))
                cur = c.execute("INSERT OR IGNORE INTO nonces VALUES (?,?,?)",
                                (terminal_id, nonce, ts))
                c.execute("COMMIT")
            except BaseException:
                if c.in_transaction:
                    c.execute("ROLLBACK")
                raise
            return cur.rowcount == 1

    # Uploads ----------------------------------------------------------------------------

    def _upload_path(self, terminal_id: str, upload_id: str) -> Path:
        name = hashlib.sha256(f"{terminal_id}\0{upload_id}".encode()).hexdigest()
        return self.uploads_dir / name[:2] / name

    def upload_state(self, terminal_id: str, upload_id: str) -> UploadState | None:
        row = self._one("SELECT size, sha256, received, complete FROM uploads "
                        "WHERE terminal_id=? AND upload_id=?", (terminal_id, upload_id))
        if row is None:
            return None
        return UploadState(upload_id=upload_id, size=row[0], sha256=row[1], received=row[2],
                           complete=bool(row[3]))

    def put_chunk(self, terminal_id: str, upload_id: str, size: int, sha256: str,
                  offset: int, data: bytes, body_sha256: str | None = None) -> UploadState:
        """Stores the part of ``data`` past what is held, durably, before saying so.

        The file is fsynced before the row that counts its bytes is committed, so a crash
        can only make the platform forget bytes it has, never claim bytes it lacks. The
        SHA-256 check hashes the stored prefix (read back) plus the new tail from memory:
        a one-chunk upload, the common case, is hashed without reading the file again, and
        not at all when ``body_sha256`` (the platform's own hash of the request body, made
        to check its signature) already covers the whole file.
        """
        with self._uploads_locked(terminal_id, [upload_id]), self._lock:
            state = self.upload_state(terminal_id, upload_id)
            path = self._upload_path(terminal_id, upload_id)
            new = state is None
            if state is None:
                state = UploadState(upload_id=upload_id, size=size, sha256=sha256, received=0,
                                    complete=False)
            try:
                if (state.size, state.sha256) != (size, sha256):
                    raise UploadConflict("upload_mismatch", "this upload id was started with "
                                         "another length or SHA-256", state)
                if state.complete or offset + len(data) <= state.received:
                    return state  # a retried chunk the platform already holds
                if offset > state.received:
                    raise UploadConflict("offset_mismatch", f"next chunk must start at byte "
                                         f"{state.received}, not {offset}", state)
                if offset + len(data) > size:
                    raise UploadConflict("chunk_too_long", "chunk runs past the declared "
                                         "length", state)
            except UploadConflict:
                if new:  # the upload exists from its first request on, as before
                    self._register_upload(terminal_id, upload_id, size, sha256, path)
                raise
            tail = memoryview(data)[state.received - offset:]
            received = state.received + len(tail)
            whole = state.received == 0 and offset == 0 and len(data) == size
            digest = _write_sealed(path, state.received, tail,
                                   received == size and not (whole and body_sha256),
                                   self.vault, _upload_where(terminal_id, upload_id))
            if whole and body_sha256:
                digest = body_sha256
            complete = False
            if digest is not None:
                if digest != sha256:
                    os.truncate(path, 0)
                    with self._tx() as c:
                        if new:
                            self._insert_upload(c, terminal_id, upload_id, size, sha256, path)
                        else:
                            c.execute("UPDATE uploads SET received=0 WHERE terminal_id=? AND "
                                      "upload_id=?", (terminal_id, upload_id))
                    raise UploadConflict("hash_mismatch", "the assembled file does not match "
                                         "its SHA-256; the upload restarts from byte 0",
                                         state.model_copy(update={"received": 0}))
                complete = True
            with self._tx() as c:
                if new:
                    self._insert_upload(c, terminal_id, upload_id, size, sha256, path)
                c.execute("UPDATE uploads SET received=?, complete=? WHERE terminal_id=? AND "
                          "upload_id=?", (received, int(complete), terminal_id, upload_id))
                c.execute("INSERT INTO upload_chunks VALUES (?,?,?,?,?)",
                          (terminal_id, upload_id, offset, len(data), _now()))
            return state.model_copy(update={"received": received, "complete": complete})

    @staticmethod
    def _insert_upload(c: sqlite3.Connection, terminal_id: str, upload_id: str, size: int,
                       sha256: str, path: Path) -> None:
        c.execute("INSERT INTO uploads VALUES (?,?,?,?,0,0,?)",
                  (terminal_id, upload_id, size, sha256, str(path)))

    def _register_upload(self, terminal_id: str, upload_id: str, size: int, sha256: str,
                         path: Path) -> None:
        _write_sealed(path, 0, b"", False, self.vault, _upload_where(terminal_id, upload_id))
        with self._tx() as c:
            self._insert_upload(c, terminal_id, upload_id, size, sha256, path)

    def store_blob(self, data: bytes, sha256: str) -> bool:
        """The benchmark baseline's receiving end (admin only): the durable write and the
        SHA-256 check every correct upload pays (sealed, as every stored byte is here),
        without the contract's bookkeeping."""
        name = secrets.token_hex(16)
        path = self.uploads_dir / "blobs" / name
        ok = _write_sealed(path, 0, data, True, self.vault, ("blobs", name)) == sha256
        path.unlink()
        return ok

    def upload_chunks(self, terminal_id: str, upload_id: str) -> list[dict[str, int]]:
        with self._lock:
            rows = self._conn.execute(
                "SELECT offset, length FROM upload_chunks WHERE terminal_id=? AND upload_id=? "
                "ORDER BY rowid", (terminal_id, upload_id)).fetchall()
        return [{"offset": r[0], "length": r[1]} for r in rows]

    def stored_sha256(self, terminal_id: str, upload_id: str) -> str | None:
        state = self.upload_state(terminal_id, upload_id)
        if state is None or not state.complete:
            return None
        return hashlib.sha256(self.upload_bytes(terminal_id, upload_id)).hexdigest()

    def upload_bytes(self, terminal_id: str, upload_id: str) -> bytes:
        """An upload's bytes. Databases written by contract 1.1's first platform build kept
        inline attachments in ``inline_blobs``; those are still read from there."""
        row = self._one("SELECT data FROM inline_blobs WHERE terminal_id=? AND upload_id=?",
                        (terminal_id, upload_id))
        if row is not None:
            return self.vault.open(row[0], "inline_blobs", "data", terminal_id, upload_id)
        state = self.upload_state(terminal_id, upload_id)
        return _read_sealed(self._upload_path(terminal_id, upload_id),
                            0 if state is None else state.received, self.vault,
                            _upload_where(terminal_id, upload_id))

    # Submissions ------------------------------------------------------------------------

    def record(self, key: str, sub: SubmissionIn) -> tuple[SubmissionAck, bool]:
        with self._tx() as c:
            return self._insert_submission(c, key, sub)

    def submission_ack(self, key: str) -> SubmissionAck | None:
        """The first answer to ``key``, when a submission under it exists."""
        row = self._one("SELECT platform_no, received_at, local_no FROM submissions "
                        "WHERE idempotency_key=?", (key,))
        return None if row is None else SubmissionAck(platform_no=row[0], received_at=row[1],
                                                      duplicate=True, local_no=row[2])

    def record_inline(self, key: str, sub: SubmissionIn,
                      files: dict[str, bytes]) -> tuple[SubmissionAck, bool]:
        """Files a case with the attachments it carries (``files``: upload id → bytes,
        each already checked against its reference's size and SHA-256).

        Each inline attachment is written to its upload file and fsynced (with its folder
        when the file is new) before the one transaction that records the uploads and
        the case commits: a crash before that commit leaves at most an unreferenced file,
        which the retry overwrites; after it, the retry finds the case by its key.
        Measured on this platform, a 200 KB picture costs about 0.3 ms of CPU as a file
        and about 1 ms as a SQLite blob (its WAL pages are written, then checkpointed
        into the database: every byte twice), so files it is, as for chunked uploads.
        A known key answers first, before anything is written, and is checked again
        inside the transaction, so two concurrent requests under one key still record
        one case.
        """
        first = self.submission_ack(key)
        if first is not None:
            return first, True
        with self._uploads_locked(sub.terminal_id, files):
            refs = {a.upload_id: a for a in sub.attachments}
            with self._lock:
                first = self.submission_ack(key)
                if first is not None:
                    return first, True
                for ref in sub.attachments:
                    if ref.upload_id not in files:
                        st = self.upload_state(sub.terminal_id, ref.upload_id)
                        if st is None or not st.complete or st.sha256 != ref.sha256:
                            raise UploadConflict("attachment_missing", f"attachment "
                                                 f"{ref.name!r} is neither inline nor "
                                                 "uploaded completely with this SHA-256", st)
                states = {u: self.upload_state(sub.terminal_id, u) for u in files}
            fresh: list[tuple[str, Path, bool]] = []
            try:
                for upload_id, data in files.items():
                    ref = refs[upload_id]
                    state = states[upload_id]
                    if state is not None and (state.size, state.sha256) != (ref.size,
                                                                             ref.sha256):
                        raise UploadConflict("upload_mismatch", f"attachment {ref.name!r}: "
                                             "this upload id was started with another "
                                             "length or SHA-256", state)
                    if state is not None and state.complete:
                        continue  # held already (an earlier attempt): nothing to write
                    path = self._upload_path(sub.terminal_id, upload_id)
                    fresh.append((upload_id, path, state is None))
                    _write_sealed(path, 0, data, False, self.vault,  # e.g. ENOSPC: cleaned up
                                  _upload_where(sub.terminal_id, upload_id))
                with self._tx() as c:
                    for upload_id, path, new in fresh:
                        ref = refs[upload_id]
                        if new:
                            self._insert_upload(c, sub.terminal_id, upload_id, ref.size,
                                                ref.sha256, path)
                        c.execute("UPDATE uploads SET received=size, complete=1 WHERE "
                                  "terminal_id=? AND upload_id=?",
                                  (sub.terminal_id, upload_id))
                        c.execute("INSERT INTO upload_chunks VALUES (?,?,?,?,?)",
                                  (sub.terminal_id, upload_id, 0, ref.size, _now()))
                    return self._insert_submission(c, key, sub)
            except BaseException:
                for _, path, new in fresh:
                    if new:  # nothing refers to it: do not leave it behind
                        path.unlink(missing_ok=True)
                raise

    def _insert_submission(self, c: sqlite3.Connection, key: str, sub: SubmissionIn
                           ) -> tuple[SubmissionAck, bool]:
        row = c.execute(
            "SELECT platform_no, received_at, local_no FROM submissions "
            "WHERE idempotency_key=?", (key,)).fetchone()
        if row is not None:
            return SubmissionAck(platform_no=row[0], received_at=row[1], duplicate=True,
                                 local_no=row[2]), True
        now = _now()
        c.execute("INSERT INTO counters VALUES ('case', 1) "
                  "ON CONFLICT(name) DO UPDATE SET value = value + 1")
        seq = c.execute("SELECT value FROM counters WHERE name='case'").fetchone()[0]
        # 办件编号: county (first 6 of the region code) + date + sequence.
        day = dt.date.today().strftime("%Y%m%d")
        platform_no = f"{sub.region_code[:6]}{day}{seq:06d}"
        payload = sub.model_dump_json().encode()
        c.execute("INSERT INTO submissions (platform_no, idempotency_key, terminal_id, "
                  "local_no, status, payload, received_at, updated_at, applicant_key) "
                  "VALUES (?,?,?,?,?,?,?,?,?)",
                  (platform_no, key, sub.terminal_id, sub.local_no, "accepted",
                   self.vault.seal(payload, "submissions", "payload", platform_no), now, now,
                   self.vault.lookup_hash(sub.applicant.id_number)))
        return SubmissionAck(platform_no=platform_no, received_at=now,
                             local_no=sub.local_no), False

    def status(self, platform_no: str, terminal_id: str | None = None) -> CaseStatus | None:
        row = self._one(
            "SELECT platform_no, status, updated_at, terminal_id, correction FROM submissions "
            "WHERE platform_no=?", (platform_no,))
        if row is None or (terminal_id is not None and row[3] != terminal_id):
            return None
        correction = ({} if row[4] is None else
                      self.vault.open_json(row[4], "submissions", "correction", row[0]))
        return CaseStatus(platform_no=row[0], status=row[1], updated_at=row[2], **correction)

    def set_status(self, platform_no: str, status: str,
                   correction: dict[str, Any] | None = None) -> bool:
        """``correction``: the 补正 list (``missing``, ``correct_by``) that goes with a
        ``needs_correction`` status, sealed like the case itself (a clerk's free text may
        say more than a document's name); any other status clears it."""
        sealed = None if correction is None else self.vault.seal_json(
            json.dumps(correction, ensure_ascii=False), "submissions", "correction",
            platform_no)
        with self._tx() as c:
            cur = c.execute("UPDATE submissions SET status=?, updated_at=?, correction=? "
                            "WHERE platform_no=?", (status, _now(), sealed, platform_no))
            return cur.rowcount == 1

    def case_materials(self, platform_no: str) -> tuple[list[str], dict[str, str]] | None:
        """A case's item codes and the materials it was filed with (ref → name), or None
        for an unknown case: what a 补正 list may name by id."""
        row = self._one("SELECT payload FROM submissions WHERE platform_no=?", (platform_no,))
        if row is None:
            return None
        payload = self.vault.open_json(row[0], "submissions", "payload", platform_no)
        return ([str(i["code"]) for i in payload.get("items", [])],
                {str(m["ref"]): str(m["name"]) for m in payload.get("materials", [])})

    def submissions(self) -> list[dict[str, Any]]:
        """Every case, opened (for the admin views: the route decides who may see it)."""
        return self._submissions("", ())

    def submissions_of(self, id_number: str) -> list[dict[str, Any]]:
        """One resident's cases, found by the keyed hash of the ID number: the number is
        neither stored nor compared in the clear."""
        return self._submissions("WHERE applicant_key=?",
                                 (self.vault.lookup_hash(id_number),))

    def _submissions(self, where: str, args: tuple[Any, ...]) -> list[dict[str, Any]]:
        with self._lock:
            rows = self._conn.execute(
                "SELECT platform_no, idempotency_key, terminal_id, local_no, status, payload "
                f"FROM submissions {where} ORDER BY platform_no", args).fetchall()
        out = []
        for r in rows:
            payload = self.vault.open_json(r[5], "submissions", "payload", r[0])
            for att in payload.get("attachments", []):
                att["stored_sha256"] = self.stored_sha256(r[2], att["upload_id"])
            out.append({"platform_no": r[0], "idempotency_key": r[1], "terminal_id": r[2],
                        "local_no": r[3], "status": r[4], "payload": payload})
        return out

    # Ratings, audit, heartbeats ---------------------------------------------------------

    def record_rating(self, terminal_id: str, key: str, rating: RatingIn) -> RatingAck:
        with self._tx() as c:
            # A retry (same key) or the same rating under another key: the first answer.
            row = c.execute("SELECT rating_id, received_at FROM ratings WHERE "
                            "idempotency_key=? OR (terminal_id=? AND rating_id=?)",
                            (key, terminal_id, rating.rating_id)).fetchone()
            if row is not None:
                return RatingAck(rating_id=row[0], received_at=row[1], duplicate=True)
            now = _now()
            c.execute("INSERT INTO ratings VALUES (?,?,?,?,?)",
                      (terminal_id, rating.rating_id, key,
                       self.vault.seal_json(rating.model_dump_json(), "ratings", "payload",
                                            terminal_id, rating.rating_id), now))
        return RatingAck(rating_id=rating.rating_id, received_at=now)

    def ratings(self) -> list[dict[str, Any]]:
        with self._lock:
            rows = self._conn.execute("SELECT terminal_id, rating_id, payload FROM ratings "
                                      "ORDER BY rowid").fetchall()
        return [{"terminal_id": r[0], **self.vault.open_json(r[2], "ratings", "payload", r[0],
                                                            r[1])} for r in rows]

    def record_audit(self, terminal_id: str, events: list[AuditEventIn]) -> tuple[int, int]:
        stored = 0
        with self._tx() as c:
            for e in events:
                cur = c.execute("INSERT OR IGNORE INTO audit_events VALUES (?,?,?,?)",
                                (terminal_id, e.seq,
                                 self.vault.seal_json(e.model_dump_json(), "audit_events",
                                                      "payload", terminal_id, str(e.seq)),
                                 _now()))
                stored += cur.rowcount
        return stored, len(events) - stored

    def audit_events(self) -> list[dict[str, Any]]:
        with self._lock:
            rows = self._conn.execute("SELECT terminal_id, seq, payload FROM audit_events "
                                      "ORDER BY terminal_id, seq").fetchall()
        return [{"terminal_id": r[0], **self.vault.open_json(r[2], "audit_events", "payload",
                                                            r[0], str(r[1]))} for r in rows]

    def record_heartbeat(self, terminal_id: str, hb: HeartbeatIn) -> None:
        with self._tx() as c:
            c.execute("INSERT INTO heartbeats VALUES (?,?,?) ON CONFLICT(terminal_id) DO "
                      "UPDATE SET payload=excluded.payload, received_at=excluded.received_at",
                      (terminal_id, self.vault.seal_json(hb.model_dump_json(), "heartbeats",
                                                         "payload", terminal_id), _now()))

    def heartbeats(self) -> list[dict[str, Any]]:
        with self._lock:
            rows = self._conn.execute("SELECT terminal_id, payload FROM heartbeats").fetchall()
        return [{"terminal_id": r[0], **self.vault.open_json(r[1], "heartbeats", "payload",
                                                            r[0])} for r in rows]

    # Signed documents -------------------------------------------------------------------

    def put_document(self, doc: SignedDocument) -> None:
        with self._tx() as c:
            c.execute("INSERT OR REPLACE INTO documents VALUES (?,?,?)",
                      (doc.kind, doc.version, doc.model_dump_json()))

    def latest_document(self, kind: str) -> SignedDocument | None:
        row = self._one("SELECT doc FROM documents WHERE kind=? ORDER BY version DESC LIMIT 1",
                        (kind,))
        return None if row is None else SignedDocument.model_validate_json(row[0])
