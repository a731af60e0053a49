"""County staff on the reference platform: accounts, roles, sessions, lockout, audit.

The administration endpoints show residents' cases and change what terminals trust, so
each request names a person and that person's role allows it. Passwords are kept only as
Argon2id hashes (argon2-cffi, the maintained binding of the reference implementation);
a session is a random bearer token of which the platform keeps only the SHA-256, so a
copy of the database lets no one act as staff. The tables live in the platform's own
SQLite file (one file to back up), written through ``PlatformDB.transaction``.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
import secrets
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Literal, get_args

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from sync.platform.db import PlatformDB

Role = Literal["admin", "clerk", "technician", "readonly"]
ROLES: tuple[Role, ...] = get_args(Role)
# What the county calls them; the CLI and the README use these.
ROLE_LABELS: dict[Role, str] = {"admin": "管理员", "clerk": "受理/审核",
                                "technician": "技术员", "readonly": "只读"}

MAX_FAILURES = 5  # consecutive wrong passwords before the account locks
LOCKOUT_S = 15 * 60
SESSION_S = 8 * 3600  # one working day; a token does not outlive the shift
MIN_PASSWORD = 10
MAX_PASSWORD = 256  # Argon2 takes any length; a bound keeps a login body small
NAME_RULE = re.compile(r"^[a-z0-9][a-z0-9._-]{1,31}$")

_SCHEMA = (
    """CREATE TABLE IF NOT EXISTS staff_accounts (
        name TEXT PRIMARY KEY, role TEXT NOT NULL, password_hash TEXT NOT NULL,
        failures INTEGER NOT NULL DEFAULT 0, locked_until INTEGER NOT NULL DEFAULT 0,
        disabled INTEGER NOT NULL DEFAULT 0, created_at TEXT NOT NULL)""",
    """CREATE TABLE IF NOT EXISTS staff_sessions (
        token_sha256 TEXT PRIMARY KEY, name TEXT NOT NULL, expires_at INTEGER NOT NULL,
        created_at TEXT NOT NULL)""",
    """CREATE TABLE IF NOT EXISTS staff_audit (
        id INTEGER PRIMARY KEY AUTOINCREMENT, at TEXT NOT NULL, actor TEXT NOT NULL,
        role TEXT NOT NULL, action TEXT NOT NULL, target TEXT NOT NULL,
        outcome TEXT NOT NULL)""",
)


class StaffError(Exception):
    """A refused account operation; ``code`` for programs, the message for people."""

    def __init__(self, code: str, detail: str) -> None:
        super().__init__(detail)
        self.code = code
        self.detail = detail


class LoginRefused(StaffError):
    """Wrong name or password (``bad_credentials``) or a locked account (``account_locked``,
    with the seconds until it unlocks)."""

    def __init__(self, code: str, detail: str, retry_after_s: int = 0) -> None:
        super().__init__(code, detail)
        self.retry_after_s = retry_after_s


@dataclass(frozen=True)
class Member:
    """A signed-in staff member, as the endpoints see them."""

    name: str
    role: Role


@dataclass(frozen=True)
class Session:
    token: str  # handed out once; only its hash is stored
    expires_at: int
    member: Member


def _now_text() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")


def _token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def password_problem(password: str) -> str | None:
    """Why a new password is refused, or None."""
    if len(password) < MIN_PASSWORD:
        return f"a password needs at least {MIN_PASSWORD} characters"
    if len(password) > MAX_PASSWORD:
        return f"a password has at most {MAX_PASSWORD} characters"
    return None


class Staff:
    """Accounts, sessions and the administration audit trail of one platform database."""

    def __init__(self, db: PlatformDB, clock: Callable[[], float] = time.time,
                 hasher: PasswordHasher | None = None) -> None:
        self._db = db
        self._clock = clock
        # argon2-cffi's defaults are RFC 9106's second recommended profile (Argon2id,
        # 64 MiB, 3 passes); they move with the library as advice changes.
        self._hasher = hasher or PasswordHasher()
        self._decoy: str | None = None
        with db.transaction() as c:
            for statement in _SCHEMA:
                c.execute(statement)

    # Accounts ---------------------------------------------------------------------------

    def add(self, name: str, role: str, password: str) -> Member:
        if not NAME_RULE.match(name):
            raise StaffError("invalid_name", "an account name is 2-32 lowercase letters, "
                             "digits, '.', '_' or '-', starting with a letter or digit")
        if role not in ROLES:
            raise StaffError("invalid_role", f"role must be one of {', '.join(ROLES)}")
        problem = password_problem(password)
        if problem:
            raise StaffError("weak_password", problem)
        hashed = self._hash(password)
        with self._db.transaction() as c:
            if c.execute("SELECT 1 FROM staff_accounts WHERE name=?", (name,)).fetchone():
                raise StaffError("name_taken", f"an account named {name!r} exists already")
            c.execute("INSERT INTO staff_accounts(name, role, password_hash, created_at) "
                      "VALUES (?,?,?,?)", (name, role, hashed, _now_text()))
        return Member(name, role)

    def disable(self, name: str) -> bool:
        """Closes an account and ends its sessions; False when there is no such account."""
        with self._db.transaction() as c:
            cur = c.execute("UPDATE staff_accounts SET disabled=1 WHERE name=?", (name,))
            c.execute("DELETE FROM staff_sessions WHERE name=?", (name,))
            return cur.rowcount == 1

    def accounts(self) -> list[dict[str, Any]]:
        rows = self._db.query("SELECT name, role, disabled, locked_until, created_at "
                              "FROM staff_accounts ORDER BY name")
        now = int(self._clock())
        return [{"name": r[0], "role": r[1], "role_label": ROLE_LABELS.get(r[1], r[1]),
                 "disabled": bool(r[2]), "locked": r[3] > now, "created_at": r[4]}
                for r in rows]

    # Sessions ---------------------------------------------------------------------------

    def login(self, name: str, password: str) -> Session:
        """A fresh session, or ``LoginRefused``; a locked account is refused unchecked.

        The attempt is counted *before* the password is checked, so guesses sent all at
        once get no more than ``MAX_FAILURES`` checks between them before the lock."""
        now = int(self._clock())
        with self._db.transaction() as c:
            row = c.execute("UPDATE staff_accounts SET failures=failures+1 WHERE name=? "
                            "AND locked_until <= ? RETURNING role, password_hash, "
                            "failures, disabled", (name, now)).fetchone()
            if row is None:  # unknown, or locked (attempts while locked count for nothing)
                locked = c.execute("SELECT locked_until FROM staff_accounts WHERE name=?",
                                   (name,)).fetchone()
                locked_until = locked[0] if locked else 0
            elif row[2] > MAX_FAILURES:  # more guesses in flight than allowed: lock now
                locked_until = now + LOCKOUT_S
                c.execute("UPDATE staff_accounts SET failures=0, locked_until=? "
                          "WHERE name=?", (locked_until, name))
            else:
                locked_until = 0
        if locked_until > now:
            raise LoginRefused("account_locked", f"too many wrong passwords: the account "
                               f"is locked for {locked_until - now} s more",
                               retry_after_s=locked_until - now)
        if row is None:
            # Compared against, so a wrong name costs as long as a wrong password and
            # timing does not tell which names exist (made on first need: a hash is slow).
            if self._decoy is None:
                self._decoy = self._hash(secrets.token_urlsafe(16))
            self._verify(self._decoy, password)
            raise LoginRefused("bad_credentials", "wrong account name or password")
        role, hashed, _attempts, disabled = row
        if not self._verify(hashed, password) or disabled:
            with self._db.transaction() as c:
                (failures,) = c.execute("SELECT failures FROM staff_accounts WHERE name=?",
                                        (name,)).fetchone()
                if failures >= MAX_FAILURES:
                    c.execute("UPDATE staff_accounts SET failures=0, locked_until=? "
                              "WHERE name=?", (now + LOCKOUT_S, name))
            raise LoginRefused("bad_credentials", "wrong account name or password")
        token = secrets.token_urlsafe(32)
        expires = now + SESSION_S
        rehashed = self._hash(password) if self._hasher.check_needs_rehash(hashed) else None
        with self._db.transaction() as c:
            c.execute("UPDATE staff_accounts SET failures=0 WHERE name=?", (name,))
            c.execute("DELETE FROM staff_sessions WHERE expires_at <= ?", (now,))
            c.execute("INSERT INTO staff_sessions VALUES (?,?,?,?)",
                      (_token_hash(token), name, expires, _now_text()))
            if rehashed:  # the library's parameters moved on: upgrade the stored hash
                c.execute("UPDATE staff_accounts SET password_hash=? WHERE name=?",
                          (rehashed, name))
        return Session(token, expires, Member(name, role))

    # Argon2 takes 64 MiB a hash: a few at a time, so a flood of logins queues for CPU
    # instead of taking the platform's memory.
    _HASH_SLOTS = threading.BoundedSemaphore(2)

    def _hash(self, password: str) -> str:
        with self._HASH_SLOTS:
            return self._hasher.hash(password)

    def _verify(self, hashed: str, password: str) -> bool:
        try:
            with self._HASH_SLOTS:
                return self._hasher.verify(hashed, password)
        except (VerificationError, InvalidHashError):
            return False

    def member(self, token: str) -> Member | None:
        """Who holds this bearer token, or None (unknown, expired, or account disabled)."""
        rows = self._db.query(
            "SELECT a.name, a.role FROM staff_sessions s JOIN staff_accounts a "
            "ON a.name = s.name WHERE s.token_sha256=? AND s.expires_at > ? "
            "AND a.disabled = 0", (_token_hash(token), int(self._clock())))
        return Member(rows[0][0], rows[0][1]) if rows else None

    def logout(self, token: str) -> None:
        with self._db.transaction() as c:
            c.execute("DELETE FROM staff_sessions WHERE token_sha256=?", (_token_hash(token),))

    # Audit ------------------------------------------------------------------------------

    def record(self, actor: str, role: str, action: str, target: str, outcome: str) -> None:
        """One line of the administration audit: who, what, on what, when, and how it ended.
        Targets are case numbers, terminal ids and account names, never personal data."""
        with self._db.transaction() as c:
            c.execute("INSERT INTO staff_audit(at, actor, role, action, target, outcome) "
                      "VALUES (?,?,?,?,?,?)",
                      (_now_text(), actor, role, action, target[:200], outcome))

    def audit_log(self, limit: int = 1000) -> list[dict[str, Any]]:
        rows = self._db.query("SELECT id, at, actor, role, action, target, outcome FROM "
                              "staff_audit ORDER BY id DESC LIMIT ?", (limit,))
        keys = ("id", "at", "actor", "role", "action", "target", "outcome")
        return [dict(zip(keys, r, strict=True)) for r in rows]
