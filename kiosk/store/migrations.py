"""Versioned schema migrations, applied in order and recorded in ``PRAGMA user_version``.

Append only: a terminal in a village may skip several releases and must climb every step.
"""

from __future__ import annotations

import sqlite3

MIGRATIONS: tuple[str, ...] = (
    # 1: foundation schema
    """
    CREATE TABLE cases (
        id TEXT PRIMARY KEY,
        local_no TEXT NOT NULL UNIQUE,
        status TEXT NOT NULL,
        terminal_id TEXT NOT NULL,
        region_code TEXT NOT NULL,
        id_lookup TEXT NOT NULL,          -- keyed hash of the ID number, never the number
        masked_id TEXT NOT NULL,
        masked_name TEXT NOT NULL,
        personal BLOB NOT NULL,           -- AES-GCM: applicant
        form BLOB NOT NULL,               -- AES-GCM: form answers
        platform_no TEXT,
        bundle_no TEXT,
        agent_id TEXT,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
    );
    CREATE INDEX cases_lookup ON cases(id_lookup);
    CREATE INDEX cases_platform_no ON cases(platform_no);
    CREATE TABLE case_items (
        case_id TEXT NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
        seq INTEGER NOT NULL,
        item_code TEXT NOT NULL,
        item_name TEXT NOT NULL,
        PRIMARY KEY (case_id, seq)
    );
    CREATE TABLE attachments (
        id TEXT PRIMARY KEY,
        case_id TEXT NOT NULL REFERENCES cases(id) ON DELETE CASCADE,
        kind TEXT NOT NULL,
        file TEXT NOT NULL,               -- encrypted file, relative to the attachments dir
        sha256 TEXT NOT NULL,             -- of the plaintext, checked on read and by the platform
        size INTEGER NOT NULL,
        created_at TEXT NOT NULL
    );
    CREATE INDEX attachments_case ON attachments(case_id);
    CREATE TABLE outbox (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        kind TEXT NOT NULL,
        record_id TEXT NOT NULL,
        idempotency_key TEXT NOT NULL UNIQUE,
        payload BLOB NOT NULL,            -- AES-GCM
        state TEXT NOT NULL DEFAULT 'pending',   -- pending | sent | parked
        attempts INTEGER NOT NULL DEFAULT 0,
        next_attempt_at REAL NOT NULL DEFAULT 0,
        last_error TEXT,
        ack TEXT,
        created_at TEXT NOT NULL,
        sent_at TEXT
    );
    CREATE INDEX outbox_due ON outbox(state, next_attempt_at, id);
    CREATE TABLE ratings (
        id TEXT PRIMARY KEY,
        case_id TEXT REFERENCES cases(id) ON DELETE SET NULL,
        level INTEGER NOT NULL CHECK (level BETWEEN 1 AND 5),
        reasons TEXT NOT NULL DEFAULT '[]',
        phone BLOB,                       -- AES-GCM, only for a follow-up call
        created_at TEXT NOT NULL
    );
    CREATE TABLE audit_events (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        at TEXT NOT NULL,
        actor TEXT NOT NULL,
        action TEXT NOT NULL,
        subject TEXT NOT NULL DEFAULT '',
        detail TEXT NOT NULL DEFAULT '{}'  -- never personal data
    );
    CREATE TABLE counters (name TEXT PRIMARY KEY, value INTEGER NOT NULL);
    """,
    # 2: sync — per-case ordering, a fast pick index, purge marks, pulled statuses and
    # signed documents, the last platform contact.
    """
    ALTER TABLE outbox ADD COLUMN order_key TEXT;  -- items sharing it go strictly in id order
    UPDATE outbox SET order_key = record_id WHERE order_key IS NULL;
    CREATE INDEX outbox_pick ON outbox(state, id);
    CREATE INDEX outbox_order ON outbox(order_key, id);
    ALTER TABLE cases ADD COLUMN remote_status TEXT;
    ALTER TABLE cases ADD COLUMN status_checked_at TEXT;
    ALTER TABLE cases ADD COLUMN purged_at TEXT;   -- personal data dropped, masked kept
    CREATE TABLE sync_state (name TEXT PRIMARY KEY, value TEXT NOT NULL);
    CREATE TABLE documents (
        kind TEXT PRIMARY KEY,            -- catalog | config | holidays
        version INTEGER NOT NULL,
        body TEXT NOT NULL,               -- the signed JSON text, as received
        signature TEXT NOT NULL,
        installed_at TEXT NOT NULL
    );
    """,
    # 3: services — a case's materials, commitments, consent and agent; drafts that survive
    # a power cut (wiped at idle timeout for residents, kept encrypted for agents).
    """
    ALTER TABLE cases ADD COLUMN details BLOB;   -- AES-GCM: materials, commitments, consent
    CREATE INDEX cases_bundle ON cases(bundle_no);
    CREATE TABLE drafts (
        id TEXT PRIMARY KEY,
        owner TEXT NOT NULL CHECK (owner IN ('resident', 'agent')),
        owner_lookup TEXT NOT NULL,       -- keyed hash of the owner's ID number
        body BLOB NOT NULL,               -- AES-GCM
        updated_at TEXT NOT NULL
    );
    CREATE INDEX drafts_owner ON drafts(owner, owner_lookup);
    """,
    # 4: 补正 — the platform's last list of what a case still lacks (contract 1.5).
    """
    ALTER TABLE cases ADD COLUMN correction BLOB;  -- AES-GCM: {missing, correct_by}
    """,
)


class MigrationError(RuntimeError):
    pass


def migrate(conn: sqlite3.Connection) -> int:
    """Brings the schema to the newest version; returns it. Each step is one transaction."""
    version = int(conn.execute("PRAGMA user_version").fetchone()[0])
    if version > len(MIGRATIONS):
        raise MigrationError(
            f"database schema version {version} is newer than this software "
            f"({len(MIGRATIONS)}): install the newer release or restore a backup")
    for number, script in enumerate(MIGRATIONS[version:], start=version + 1):
        conn.execute("BEGIN IMMEDIATE")
        try:
            for statement in _statements(script):
                conn.execute(statement)
            conn.execute(f"PRAGMA user_version = {number}")
            conn.execute("COMMIT")
        except BaseException:
            if conn.in_transaction:  # SQLITE_FULL and IOERR roll back by themselves
                conn.execute("ROLLBACK")
            raise
    return len(MIGRATIONS)


def _statements(script: str) -> list[str]:
    """Splits on complete statements (executescript would commit our transaction)."""
    out: list[str] = []
    buf = ""
    for line in script.splitlines(keepends=True):
        buf += line
        if sqlite3.complete_statement(buf):
            out.append(buf.strip())
            buf = ""
    if buf.strip():
        out.append(buf.strip())
    return out
