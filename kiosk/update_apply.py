"""Applying a staged update: unpack, switch, restart, health-check, keep or roll back.

Layout under the install root (``/opt/village-kiosk``, root-owned): the package's own
environment ``venv/`` holds the dependencies and the version the .deb installed; each
update is a release folder ``releases/<version>/site`` (the wheel unpacked), and the
``current`` symlink names the one the screen and sync units run: their units set
``PYTHONPATH=/opt/village-kiosk/current/site``, so a release's code shadows the
package's, and with no ``current`` the package's own version runs. The applier itself
(``kiosk update apply``, root, the update timer) always runs the package's version
(no ``PYTHONPATH``), so a broken release can never break its own rollback.

Trust: the staging folder belongs to the ``kiosk`` user. Before unpacking, the applier
checks the staged manifest's signature against the platform key it pinned in its own
root-owned state folder the first time (copied from the enrolment then), and the bundle's
size and SHA-256 against the manifest; a kiosk user who swapped key or bundle gets a
refusal, not root's trust.

Health: the new version's screen writes ``health/app.json`` (at home, its version) and
its sync process ``health/heartbeat.json`` after the platform acknowledged a heartbeat;
both must arrive before the deadline. The record is written before the switch, so a
power cut while applying resumes the check (and the rollback) at the next run.
"""

from __future__ import annotations

import contextlib
import logging
import os
import re
import shutil
import sqlite3
import stat
import subprocess
import threading
import time
import zipfile
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

import kiosk
from kiosk.updates import (
    MARK_EVERY_S,
    AppMark,
    BeatMark,
    Phase,
    UpdateNotice,
    UpdateRecord,
    Verdict,
    begin,
    confirm,
    health_of,
    is_idle,
    judge,
    refuse,
    roll_back,
)
from sync.updates import (
    FETCH_STATE,
    MAX_BUNDLE_FILES,
    MAX_UNPACKED_BYTES,
    STAGED_BUNDLE,
    STAGED_MANIFEST,
    UpdateRefused,
    is_newer,
    read_json,
    staged_manifest,
    write_json_atomic,
)

log = logging.getLogger(__name__)

INSTALL_ROOT = Path("/opt/village-kiosk")
STATE_DIR = Path("/var/lib/village-kiosk-update")  # root's: pinned key, the record
RESTART = (("systemctl", "reset-failed", "village-kiosk.service"),
           ("systemctl", "restart", "--no-block", "village-kiosk.service",
            "village-kiosk-sync.service"))
STOP = (("systemctl", "stop", "village-kiosk.service", "village-kiosk-sync.service"),)
DB_SNAPSHOT = "pre-update.sqlite3"  # the terminal's database as it was before the switch
NOTICE = "applied.json"  # the record's copy in the data folder, for 维护信息


def updates_dir(data_dir: Path) -> Path:
    return data_dir / "updates"


def health_dir(data_dir: Path) -> Path:
    return updates_dir(data_dir) / "health"


# Marks written by the running version ------------------------------------------------

def write_app_mark(data_dir: Path, mark: AppMark) -> None:
    d = health_dir(data_dir)
    d.mkdir(parents=True, exist_ok=True, mode=0o700)
    write_json_atomic(d / "app.json", asdict(mark), mode=0o644)


def write_beat_mark(data_dir: Path, mark: BeatMark) -> None:
    d = health_dir(data_dir)
    d.mkdir(parents=True, exist_ok=True, mode=0o700)
    write_json_atomic(d / "heartbeat.json", asdict(mark), mode=0o644)


def read_app_mark(data_dir: Path) -> AppMark | None:
    raw = read_json(health_dir(data_dir) / "app.json")
    try:
        return None if raw is None else AppMark(
            version=str(raw["version"]), pid=int(str(raw["pid"])), at=float(str(raw["at"])),
            started=float(str(raw["started"])), at_home=raw["at_home"] is True,
            home_since=None if raw["home_since"] is None else float(str(raw["home_since"])),
            code=str(raw.get("code", "")))
    except (KeyError, ValueError):
        return None


def read_beat_mark(data_dir: Path) -> BeatMark | None:
    raw = read_json(health_dir(data_dir) / "heartbeat.json")
    try:
        return None if raw is None else BeatMark(
            version=str(raw["version"]), pid=int(str(raw["pid"])), at=float(str(raw["at"])))
    except (KeyError, ValueError):
        return None


class AppMarker:
    """The screen's side of the health check and of the idle window: every couple of
    seconds, whether the terminal is at home (no visit in progress) and since when.

    ``at_home`` is read from the kiosk's own state (no Qt here); it is started just
    before the front end's event loop, so a mark that keeps coming for a few seconds
    means the front end runs and sits at home."""

    def __init__(self, data_dir: Path, at_home: Callable[[], bool],
                 clock: Callable[[], float] = time.time,
                 every_s: float = MARK_EVERY_S) -> None:
        self.data_dir = data_dir
        self.at_home = at_home
        self.clock = clock
        self.every_s = every_s
        self.started = clock()
        self.home_since: float | None = None
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="update-mark", daemon=True)

    def mark(self) -> AppMark:
        now = self.clock()
        try:
            home = self.at_home()
        except Exception:  # a screen mid-change: not at home this time
            home = False
        if not home:
            self.home_since = None
        elif self.home_since is None:
            self.home_since = now
        m = AppMark(kiosk.__version__, os.getpid(), now, self.started, home, self.home_since,
                    str(Path(kiosk.__file__).parent))
        try:
            write_app_mark(self.data_dir, m)
        except OSError as exc:  # a full disk must not stop the screen
            log.warning("update mark not written: %s", exc)
        return m

    def _run(self) -> None:
        while not self._stop.is_set():
            self.mark()
            self._stop.wait(self.every_s)

    def start(self) -> AppMarker:
        self._thread.start()
        return self

    def stop(self) -> None:
        self._stop.set()


# The install --------------------------------------------------------------------------

@dataclass(frozen=True)
class InstallLayout:
    root: Path

    @property
    def releases(self) -> Path:
        return self.root / "releases"

    @property
    def current(self) -> Path:
        return self.root / "current"

    def active(self) -> str:
        """The release ``current`` names ("" when the package's own version runs)."""
        try:
            target = os.readlink(self.current)
        except OSError:
            return ""
        return Path(target).name

    def switch(self, release: str) -> None:
        """Points ``current`` at ``release`` ("" removes it) in one rename."""
        if not release:
            with contextlib.suppress(FileNotFoundError):
                self.current.unlink()
            return
        tmp = self.root / ".current-new"
        with contextlib.suppress(FileNotFoundError):
            tmp.unlink()
        tmp.symlink_to(Path("releases") / release)
        os.replace(tmp, self.current)


def running_version(layout: InstallLayout) -> str:
    return layout.active() or kiosk.__version__


def unpack_wheel(bundle: Path, dest: Path, version: str) -> None:
    """The wheel's files under ``dest/site``, refusing anything that could write outside
    it or grow past the bounds; ``UpdateRefused`` leaves nothing behind."""
    tmp = dest.with_name(dest.name + ".partial")
    shutil.rmtree(tmp, ignore_errors=True)
    site = tmp / "site"
    try:
        with zipfile.ZipFile(bundle) as z:
            infos = z.infolist()
            if len(infos) > MAX_BUNDLE_FILES:
                raise UpdateRefused("bad_bundle", f"{len(infos)} files in the bundle",
                                    version)
            total = 0
            for info in infos:
                name = info.filename
                parts = Path(name).parts
                if (name.startswith(("/", "\\")) or ".." in parts or "\\" in name
                        or stat.S_ISLNK(info.external_attr >> 16) or not parts):
                    raise UpdateRefused("bad_bundle", f"unsafe path in the bundle: "
                                        f"{name[:80]!r}", version)
                if info.is_dir():
                    continue
                total += info.file_size
                if total > MAX_UNPACKED_BYTES:
                    raise UpdateRefused("bad_bundle", "the bundle unpacks to more than "
                                        f"{MAX_UNPACKED_BYTES} bytes", version)
                target = site / name
                target.parent.mkdir(parents=True, exist_ok=True, mode=0o755)
                with z.open(info) as src, target.open("wb") as out:
                    shutil.copyfileobj(src, out, 1024 * 1024)
                target.chmod(0o644)
        init = site / "kiosk" / "__init__.py"
        found = re.search(r'^__version__ = "([^"]+)"', init.read_text(encoding="utf-8")
                          if init.is_file() else "", re.M)
        if found is None or found.group(1) != version:
            raise UpdateRefused("bad_bundle", "the bundle's kiosk/__init__.py says version "
                                f"{found.group(1) if found else 'none'}, its manifest "
                                f"{version}", version)
        shutil.rmtree(dest, ignore_errors=True)
        os.replace(tmp, dest)
    except (zipfile.BadZipFile, OSError, UnicodeDecodeError) as exc:
        shutil.rmtree(tmp, ignore_errors=True)
        raise UpdateRefused("bad_bundle", f"the bundle cannot be unpacked ({exc})",
                            version) from exc
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise


# The database across a rollback -------------------------------------------------------
#
# A release may migrate the terminal's database (kiosk/store/migrations.py), and the
# version it rolls back to refuses a schema newer than its own: the terminal would be
# out of service with every queued case locked in. So the database is copied (sqlite's
# online backup: consistent while the old version writes) just before the switch, and
# put back on a rollback when the failed version did move the schema. What that version
# wrote in its minutes is then gone from the terminal; acknowledgements it recorded are
# sent again and the platform folds the repeat (idempotency keys).

def db_schema(db: Path) -> int | None:
    """The database's schema version (``PRAGMA user_version``), None when there is none."""
    if not db.is_file():
        return None
    try:
        with contextlib.closing(sqlite3.connect(f"file:{db}?mode=ro", uri=True,
                                                timeout=30)) as conn:
            return int(conn.execute("PRAGMA user_version").fetchone()[0])
    except sqlite3.Error:
        return None


def snapshot_db(db: Path, to: Path) -> None:
    tmp = to.with_name(to.name + ".partial")
    tmp.unlink(missing_ok=True)
    with contextlib.closing(sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=30)) \
            as src, contextlib.closing(sqlite3.connect(tmp)) as dst:
        src.backup(dst)
    st = db.stat()
    os.chmod(tmp, 0o600)
    with contextlib.suppress(PermissionError):  # root gives it to the database's owner
        os.chown(tmp, st.st_uid, st.st_gid)
    os.replace(tmp, to)


def restore_db(snapshot: Path, db: Path) -> None:
    """Puts ``snapshot`` back into ``db`` (nobody may have it open: the units are stopped)."""
    with contextlib.closing(sqlite3.connect(snapshot)) as src, \
            contextlib.closing(sqlite3.connect(db, timeout=30)) as dst:
        src.backup(dst)


# The applier's record -----------------------------------------------------------------

def load_record(state_dir: Path) -> UpdateRecord | None:
    raw = read_json(state_dir / "state.json")
    return None if raw is None else load_record_from(raw)


def save_record(state_dir: Path, data_dir: Path, record: UpdateRecord) -> None:
    """The record, and its copy where the screen (the kiosk user) can read it."""
    state_dir.mkdir(parents=True, exist_ok=True, mode=0o700)
    data = {**asdict(record), "phase": record.phase.value}
    write_json_atomic(state_dir / "state.json", data)
    # Never made here: root making the folder would leave it root's, and the kiosk user's
    # sync and screen could not write their downloads and marks into it. It exists
    # whenever something was staged (the sync process made it).
    if not updates_dir(data_dir).is_dir():
        return
    try:
        write_json_atomic(updates_dir(data_dir) / NOTICE, data, mode=0o644)
    except OSError as exc:
        log.warning("update notice for 维护信息 not written: %s", exc)


def read_notice(data_dir: Path, running: str | None = None) -> UpdateNotice:
    """What 维护信息 shows about updates (both files may be absent or garbage);
    ``running`` defaults to this process's version (the screen's: what residents use)."""
    fetch = read_json(updates_dir(data_dir) / FETCH_STATE) or {}
    rec: UpdateRecord | None = None
    raw = read_json(updates_dir(data_dir) / NOTICE)
    if raw is not None:
        rec = load_record_from(raw)
    return UpdateNotice(running=running or kiosk.__version__,
                        fetch_outcome=str(fetch.get("outcome", "")),
                        fetch_code=str(fetch.get("code", "")),
                        fetch_version=str(fetch.get("version", "")),
                        fetch_detail=str(fetch.get("detail", "")), record=rec)


def load_record_from(raw: dict[str, Any]) -> UpdateRecord | None:
    try:
        failed = raw.get("failed") or []
        return UpdateRecord(
            phase=Phase(str(raw["phase"])), version=str(raw["version"]),
            previous=str(raw["previous"]), started_at=float(str(raw["started_at"])),
            deadline=float(str(raw["deadline"])), reason=str(raw.get("reason", "")),
            code=str(raw.get("code", "")),
            failed=tuple(str(v) for v in failed) if isinstance(failed, list) else ())
    except (KeyError, ValueError, TypeError):
        return None


def failed_versions(data_dir: Path) -> frozenset[str]:
    """Releases rolled back here, for the fetcher (it downloads none of them again)."""
    raw = read_json(updates_dir(data_dir) / NOTICE)
    rec = load_record_from(raw) if raw is not None else None
    return frozenset(rec.failed) if rec is not None else frozenset()


def pinned_key(state_dir: Path, enrolment_key: str | None) -> str:
    """The platform key the applier trusts: pinned in its own folder on first use."""
    path = state_dir / "platform.pub"
    try:
        pinned = path.read_text(encoding="ascii").strip()
    except FileNotFoundError:
        if not enrolment_key:
            raise UpdateRefused("not_enrolled", "the terminal is not enrolled: no platform "
                                "key to check updates with") from None
        state_dir.mkdir(parents=True, exist_ok=True, mode=0o700)
        path.write_text(enrolment_key + "\n", encoding="ascii")
        path.chmod(0o600)
        return enrolment_key
    if enrolment_key and enrolment_key != pinned:
        raise UpdateRefused("key_changed", "the enrolment's platform key differs from the "
                            "one pinned at the first update")
    return pinned


# Applying ----------------------------------------------------------------------------

@dataclass
class Applier:
    layout: InstallLayout
    data_dir: Path
    state_dir: Path
    enrolment_key: str | None
    restart: Callable[[], None]
    stop: Callable[[], None] | None = None  # before a database restore (the units)
    clock: Callable[[], float] = time.time
    sleep: Callable[[float], None] = time.sleep
    deadline_s: float = 300.0
    idle_min_s: float = 60.0
    poll_s: float = 2.0

    def run(self) -> str:
        """One pass (the update timer's): finish a check a power cut interrupted, or apply
        what is staged when the terminal is idle. Returns a line for the log."""
        record = load_record(self.state_dir)
        if record is not None and record.phase is Phase.APPLYING:
            return self._wait_and_decide(record)
        failed = record.failed if record is not None else ()
        staged_dir = updates_dir(self.data_dir)
        if not (staged_dir / STAGED_MANIFEST).exists():
            return "nothing staged"  # (before the key: an unenrolled terminal has none)
        try:
            key = pinned_key(self.state_dir, self.enrolment_key)
            staged = staged_manifest(staged_dir, key)
        except UpdateRefused as exc:
            self._drop_staged()
            save_record(self.state_dir, self.data_dir,
                        refuse(exc.version, exc.code, exc.detail, self.clock(), failed))
            return f"refused: {exc}"
        if staged is None:
            return "nothing staged"
        _doc, manifest = staged
        running = running_version(self.layout)
        if not is_newer(manifest.version, running) or manifest.version in failed:
            self._drop_staged()
            return f"staged {manifest.version} is not newer than {running} or failed before"
        if not is_idle(read_app_mark(self.data_dir), self.clock(), self.idle_min_s):
            return f"staged {manifest.version}: a visit is in progress; next idle window"
        try:
            unpack_wheel(staged_dir / STAGED_BUNDLE, self.layout.releases / manifest.version,
                         manifest.version)
        except UpdateRefused as exc:
            self._drop_staged()
            save_record(self.state_dir, self.data_dir,
                        refuse(manifest.version, exc.code, exc.detail, self.clock(), failed))
            return f"refused: {exc}"
        record = begin(manifest.version, self.layout.active(), self.clock(), failed,
                       self.deadline_s)
        if db_schema(self.db) is not None:
            snapshot_db(self.db, updates_dir(self.data_dir) / DB_SNAPSHOT)
        save_record(self.state_dir, self.data_dir, record)  # before the switch: resumable
        self.layout.switch(manifest.version)
        log.info("switched to %s (from %s); restarting", manifest.version,
                 record.previous or kiosk.__version__)
        self.restart()
        return self._wait_and_decide(record)

    def _wait_and_decide(self, record: UpdateRecord) -> str:
        while True:
            now = self.clock()
            health = health_of(record.version, record.started_at,
                               read_app_mark(self.data_dir), read_beat_mark(self.data_dir),
                               now)
            verdict, reason = judge(record, health, now)
            if verdict is Verdict.CONFIRM:
                save_record(self.state_dir, self.data_dir, confirm(record))
                (updates_dir(self.data_dir) / DB_SNAPSHOT).unlink(missing_ok=True)
                self._drop_staged()
                self._prune(keep={record.version, record.previous})
                return f"confirmed {record.version}"
            if verdict is Verdict.ROLL_BACK:
                self.layout.switch(record.previous)
                reason += self._put_database_back()
                self.restart()
                save_record(self.state_dir, self.data_dir, roll_back(record, reason))
                self._drop_staged()
                shutil.rmtree(self.layout.releases / record.version, ignore_errors=True)
                return f"rolled back {record.version} to {record.previous or 'the package'}: " \
                       f"{reason}"
            self.sleep(self.poll_s)

    @property
    def db(self) -> Path:
        return self.data_dir / "kiosk.sqlite3"  # kiosk.config.Config.db_path

    def _put_database_back(self) -> str:
        """The pre-update database when the failed version moved the schema; a note for
        the record when it did."""
        snapshot = updates_dir(self.data_dir) / DB_SNAPSHOT
        before, now = db_schema(snapshot), db_schema(self.db)
        if before is None or now is None or now <= before:
            snapshot.unlink(missing_ok=True)
            return ""
        if self.stop is not None:
            self.stop()
        restore_db(snapshot, self.db)
        snapshot.unlink()
        log.warning("database schema %d put back to %d for the rollback", now, before)
        return f"；它改动了数据库结构（{before}→{now}），数据库已恢复到更新前"

    def _drop_staged(self) -> None:
        for name in (STAGED_MANIFEST, STAGED_BUNDLE):
            with contextlib.suppress(OSError):
                (updates_dir(self.data_dir) / name).unlink()

    def _prune(self, keep: set[str]) -> None:
        """Releases older than the previous one go (one step back is all a rollback needs)."""
        if not self.layout.releases.is_dir():
            return
        for p in self.layout.releases.iterdir():
            if p.name not in keep:
                shutil.rmtree(p, ignore_errors=True)


def command_restart(commands: Sequence[Sequence[str]]) -> Callable[[], None]:
    """Runs each command in turn (systemctl by default); a failing one is logged, not
    fatal: the health check decides whether the new version runs."""

    def restart() -> None:
        for cmd in commands:
            try:
                res = subprocess.run(list(cmd), capture_output=True, text=True, timeout=60,
                                     check=False)
            except (OSError, subprocess.TimeoutExpired) as exc:
                log.warning("restart step %s failed: %s", cmd[0], exc)
                continue
            if res.returncode != 0:
                log.warning("restart step %s exited %d: %s", " ".join(cmd), res.returncode,
                            res.stderr.strip()[:200])

    return restart
