"""Enrolment codes bound to one terminal, and deliberate key replacement.

``POST /enrolments`` is the one write anyone may send, so what it accepts is narrow: a
code that staff issued for exactly this terminal id (and region), not yet expired, used
once. A terminal that is enrolled already keeps its key: whoever holds a code cannot take
its identity over. Only a key replacement started by staff (audited by the caller) lets
a new key in, and the old key keeps working until the replacement enrolment completes,
so a terminal is never cut off while its technician is on the road.
Codes are stored as SHA-256 only: they are credentials until used.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from sync.platform.db import PlatformDB, Terminal

CODE_TTL_S = 24 * 3600  # a technician's day on the road with the code
MAX_TTL_S = 7 * 24 * 3600

_SCHEMA = (
    """CREATE TABLE IF NOT EXISTS enrolment_codes (
        code_sha256 TEXT PRIMARY KEY, terminal_id TEXT NOT NULL, region_code TEXT,
        issued_by TEXT NOT NULL, issued_at TEXT NOT NULL, expires_at INTEGER NOT NULL,
        used_at TEXT)""",
    """CREATE TABLE IF NOT EXISTS key_replacements (
        terminal_id TEXT PRIMARY KEY, started_by TEXT NOT NULL, started_at TEXT NOT NULL)""",
)


class EnrolmentRefused(Exception):
    """A refusal with the HTTP status and error code the endpoint answers."""

    def __init__(self, status: int, code: str, detail: str) -> None:
        super().__init__(detail)
        self.status = status
        self.code = code
        self.detail = detail


@dataclass(frozen=True)
class IssuedCode:
    code: str
    terminal_id: str
    region_code: str | None
    expires_at: str  # ISO 8601, UTC


@dataclass(frozen=True)
class Enrolled:
    terminal: Terminal
    replaced_key: bool  # True when this completed a staff-started key replacement


def _code_hash(code: str) -> str:
    return hashlib.sha256(code.strip().upper().encode()).hexdigest()


def _iso(ts: float) -> str:
    return dt.datetime.fromtimestamp(ts, dt.UTC).isoformat(timespec="seconds")


def new_code() -> str:
    """Twelve hex digits in three groups: typed by a technician on a touch screen."""
    return "-".join(secrets.token_hex(2).upper() for _ in range(3))


class Enrolments:
    def __init__(self, db: PlatformDB, clock: Callable[[], float] = time.time) -> None:
        self._db = db
        self._clock = clock
        with db.transaction() as c:
            for statement in _SCHEMA:
                c.execute(statement)

    def issue(self, terminal_id: str, region_code: str | None, issued_by: str,
              ttl_s: int = CODE_TTL_S, code: str | None = None) -> IssuedCode:
        """A one-time code for ``terminal_id``; refused for a terminal already enrolled
        unless a key replacement for it has been started."""
        if not 60 <= ttl_s <= MAX_TTL_S:
            raise EnrolmentRefused(422, "invalid_request",
                                   f"a code lives between 60 s and {MAX_TTL_S} s")
        code = code or new_code()
        expires = self._clock() + ttl_s
        with self._db.transaction() as c:
            enrolled = c.execute("SELECT 1 FROM terminals WHERE terminal_id=?",
                                 (terminal_id,)).fetchone()
            replacing = c.execute("SELECT 1 FROM key_replacements WHERE terminal_id=?",
                                  (terminal_id,)).fetchone()
            if enrolled and not replacing:
                raise EnrolmentRefused(409, "already_enrolled", f"terminal {terminal_id!r} "
                                       "is enrolled: start a key replacement first")
            c.execute("INSERT OR REPLACE INTO enrolment_codes VALUES (?,?,?,?,?,?,NULL)",
                      (_code_hash(code), terminal_id, region_code, issued_by,
                       _iso(self._clock()), int(expires)))
        return IssuedCode(code, terminal_id, region_code, _iso(expires))

    def start_replacement(self, terminal_id: str, started_by: str) -> dict[str, str]:
        with self._db.transaction() as c:
            if not c.execute("SELECT 1 FROM terminals WHERE terminal_id=?",
                             (terminal_id,)).fetchone():
                raise EnrolmentRefused(404, "unknown_terminal",
                                       f"terminal {terminal_id!r} is not enrolled")
            c.execute("INSERT OR REPLACE INTO key_replacements VALUES (?,?,?)",
                      (terminal_id, started_by, _iso(self._clock())))
        return {"terminal_id": terminal_id, "started_by": started_by,
                "note": "the current key works until the terminal enrols with a new code"}

    def replacements(self) -> list[dict[str, Any]]:
        rows = self._db.query("SELECT terminal_id, started_by, started_at FROM "
                              "key_replacements ORDER BY terminal_id")
        return [{"terminal_id": r[0], "started_by": r[1], "started_at": r[2]} for r in rows]

    def enrol(self, code: str, terminal_id: str, region_code: str,
              public_key: str) -> Enrolled:
        """Registers the key, or raises ``EnrolmentRefused``. A retry after a lost answer
        (same code, terminal and key) answers as the first attempt did."""
        now = self._clock()
        with self._db.transaction() as c:
            row = c.execute("SELECT terminal_id, region_code, expires_at, used_at FROM "
                            "enrolment_codes WHERE code_sha256=?",
                            (_code_hash(code),)).fetchone()
            if row is None:
                raise EnrolmentRefused(403, "unknown_code", "enrolment code not recognised: "
                                       "ask the county for a new one-time code")
            bound_to, bound_region, expires_at, used_at = row
            current = c.execute("SELECT public_key FROM terminals WHERE terminal_id=?",
                                (terminal_id,)).fetchone()
            if used_at is not None:
                if bound_to == terminal_id and current and current[0] == public_key:
                    return Enrolled(Terminal(terminal_id, region_code, public_key), False)
                raise EnrolmentRefused(409, "code_used", "this one-time code was already "
                                       "used: ask the county for a new one")
            if expires_at <= now:
                raise EnrolmentRefused(403, "code_expired", "this enrolment code has "
                                       "expired: ask the county for a new one")
            if bound_to != terminal_id:
                raise EnrolmentRefused(403, "wrong_terminal", "this code was issued for "
                                       "another terminal id")
            if bound_region is not None and bound_region != region_code:
                raise EnrolmentRefused(403, "wrong_region", "this code was issued for "
                                       "another region code")
            replacing = c.execute("DELETE FROM key_replacements WHERE terminal_id=? "
                                  "RETURNING 1", (terminal_id,)).fetchone() is not None
            if current is not None and not replacing:
                raise EnrolmentRefused(409, "already_enrolled", f"terminal {terminal_id!r} is "
                                       "enrolled already; the county must start a key "
                                       "replacement before it can enrol a new key")
            c.execute("UPDATE enrolment_codes SET used_at=? WHERE code_sha256=?",
                      (_iso(now), _code_hash(code)))
            c.execute("INSERT INTO terminals VALUES (?,?,?,?) ON CONFLICT(terminal_id) DO "
                      "UPDATE SET region_code=excluded.region_code, "
                      "public_key=excluded.public_key, enrolled_at=excluded.enrolled_at",
                      (terminal_id, region_code, public_key, _iso(now)))
        terminal = Terminal(terminal_id, region_code, public_key)
        self._db.remember_terminal(terminal)
        return Enrolled(terminal, replacing)
