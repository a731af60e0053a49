"""The applier on real files (no screen, no platform): what it refuses to unpack, when it
waits, a key swapped under it, and a power cut in the middle of a health check.

The staging folder is signed the platform's way (``sync.signing.document_message``) with a
key made here; the restarts are counted instead of run (the end-to-end test in
tests/packaging/test_updates.py restarts real processes)."""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import sqlite3
import time
import zipfile
from pathlib import Path

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from kiosk.update_apply import (
    Applier,
    InstallLayout,
    load_record,
    unpack_wheel,
    updates_dir,
    write_app_mark,
    write_beat_mark,
)
from kiosk.updates import AppMark, BeatMark, Phase
from sync import signing
from sync.updates import (
    MAX_UNPACKED_BYTES,
    STAGED_BUNDLE,
    STAGED_MANIFEST,
    SignedUpdate,
    UpdateManifest,
    UpdateRefused,
)


def wheel_with(path: Path, files: dict[str, bytes], version: str = "0.2.0") -> Path:
    with zipfile.ZipFile(path, "w") as z:
        z.writestr(f"village_kiosk-{version}.dist-info/METADATA",
                   f"Name: village-kiosk\nVersion: {version}\n")
        for name, data in files.items():
            z.writestr(name, data)
    return path


def good_files(version: str = "0.2.0") -> dict[str, bytes]:
    return {"kiosk/__init__.py": f'__version__ = "{version}"\n'.encode()}


@pytest.mark.parametrize("name", ["../escape.py", "/etc/cron.d/evil", "kiosk/../../x.py",
                                  "kiosk\\..\\x.py"])
def test_a_path_leaving_the_release_is_refused_and_nothing_is_left(tmp_path: Path,
                                                                  name: str) -> None:
    wheel = wheel_with(tmp_path / "w.whl", {**good_files(), name: b"import os"})
    dest = tmp_path / "releases" / "0.2.0"
    with pytest.raises(UpdateRefused, match="unsafe path"):
        unpack_wheel(wheel, dest, "0.2.0")
    assert not dest.exists() and not dest.with_name("0.2.0.partial").exists()
    assert not (tmp_path / "escape.py").exists() and not (tmp_path / "x.py").exists()


def test_a_symlink_entry_is_refused(tmp_path: Path) -> None:
    wheel = wheel_with(tmp_path / "w.whl", good_files())
    with zipfile.ZipFile(wheel, "a") as z:
        info = zipfile.ZipInfo("kiosk/link")
        info.external_attr = (0o120777 << 16)
        z.writestr(info, "/etc/shadow")
    with pytest.raises(UpdateRefused, match="unsafe path"):
        unpack_wheel(wheel, tmp_path / "r", "0.2.0")
    assert not (tmp_path / "r").exists()


def test_a_zip_bomb_stops_at_the_bound(tmp_path: Path) -> None:
    wheel = wheel_with(tmp_path / "w.whl", good_files())
    with zipfile.ZipFile(wheel, "a", compression=zipfile.ZIP_DEFLATED) as z, \
            z.open("kiosk/zeros.bin", "w", force_zip64=True) as f:
        block = bytes(1024 * 1024)
        for _ in range(MAX_UNPACKED_BYTES // len(block) + 1):
            f.write(block)
    assert wheel.stat().st_size < 2 * 1024 * 1024  # a small download...
    with pytest.raises(UpdateRefused, match="unpacks to more than"):
        unpack_wheel(wheel, tmp_path / "r", "0.2.0")  # ...that is never unpacked
    assert not (tmp_path / "r").exists() and not (tmp_path / "r.partial").exists()


@pytest.mark.parametrize("files", [{"kiosk/__init__.py": b'__version__ = "0.9.0"\n'}, {}],
                         ids=["other version", "no kiosk"])
def test_a_bundle_must_hold_the_version_its_manifest_names(tmp_path: Path,
                                                           files: dict[str, bytes]) -> None:
    wheel = wheel_with(tmp_path / "w.whl", files)
    with pytest.raises(UpdateRefused, match=r"manifest 0\.2\.0"):
        unpack_wheel(wheel, tmp_path / "r", "0.2.0")
    assert not (tmp_path / "r").exists()


def test_garbage_is_not_a_bundle(tmp_path: Path) -> None:
    junk = tmp_path / "w.whl"
    junk.write_bytes(os.urandom(4096))
    with pytest.raises(UpdateRefused, match="cannot be unpacked"):
        unpack_wheel(junk, tmp_path / "r", "0.2.0")


class Rig:
    """An install root, a data folder with a staged release, a state folder."""

    def __init__(self, tmp: Path, version: str = "0.2.0") -> None:
        self.key = Ed25519PrivateKey.generate()
        self.layout = InstallLayout(tmp / "opt")
        self.layout.root.mkdir()
        self.data = tmp / "data"
        self.state = tmp / "state"
        self.restarts = 0
        self.now = 1_800_000_000.0
        self.stage(version)

    def stage(self, version: str, key: Ed25519PrivateKey | None = None) -> None:
        d = updates_dir(self.data)
        d.mkdir(parents=True, exist_ok=True)
        wheel = wheel_with(d / STAGED_BUNDLE, good_files(version), version)
        data = wheel.read_bytes()
        body = UpdateManifest(version=version, sha256=hashlib.sha256(data).hexdigest(),
                              size=len(data),
                              filename=f"village_kiosk-{version}-py3-none-any.whl"
                              ).model_dump_json()
        sig = signing.sign(key or self.key, signing.document_message("update", 1, body))
        (d / STAGED_MANIFEST).write_text(SignedUpdate(
            kind="update", version=1, body=body, signature=sig,
            published_at="2026-12-04T00:00:00+00:00").model_dump_json())

    def applier(self, enrolment_key: Ed25519PrivateKey | None = None) -> Applier:
        def restart() -> None:
            self.restarts += 1

        def sleep(s: float) -> None:
            self.now += s

        return Applier(self.layout, self.data, self.state,
                       signing.public_key_b64(enrolment_key or self.key), restart,
                       clock=lambda: self.now, sleep=sleep, deadline_s=60, idle_min_s=60,
                       poll_s=5)


def test_a_visit_in_progress_holds_the_update_back(tmp_path: Path) -> None:
    rig = Rig(tmp_path)
    write_app_mark(rig.data, AppMark("0.1.0", 1, rig.now, rig.now - 600, False, None))
    line = rig.applier().run()
    assert line == "staged 0.2.0: a visit is in progress; next idle window"
    assert rig.restarts == 0 and rig.layout.active() == ""
    assert not rig.layout.releases.exists()  # not even unpacked
    assert (updates_dir(rig.data) / STAGED_BUNDLE).exists()  # kept for the next window


def test_a_platform_key_swapped_after_the_first_update_is_refused(tmp_path: Path) -> None:
    rig = Rig(tmp_path)
    write_app_mark(rig.data, AppMark("0.1.0", 1, rig.now, rig.now - 600, True, rig.now - 300))
    rig.applier().run()  # pins rig.key; times out (no health marks) and rolls back
    intruder = Ed25519PrivateKey.generate()
    rig.stage("0.4.0", key=intruder)  # the kiosk user's key, and its enrolment file says so
    line = rig.applier(enrolment_key=intruder).run()
    assert line.startswith("refused: key_changed")
    rec = load_record(rig.state)
    assert rec is not None and rec.phase is Phase.REFUSED and rec.code == "key_changed"
    assert rig.layout.active() == "" and not (rig.layout.releases / "0.4.0").exists()


def test_a_power_cut_during_the_health_check_is_finished_by_the_next_run(
        tmp_path: Path) -> None:
    rig = Rig(tmp_path)
    write_app_mark(rig.data, AppMark("0.1.0", 1, rig.now, rig.now - 600, True, rig.now - 300))

    class PowerCut(BaseException):
        pass

    applier = rig.applier()

    def cut() -> None:
        rig.restarts += 1
        raise PowerCut

    applier.restart = cut
    with pytest.raises(PowerCut):
        applier.run()
    assert rig.layout.active() == "0.2.0"  # switched, then the lights went out
    rec = load_record(rig.state)
    assert rec is not None and rec.phase is Phase.APPLYING
    # the machine comes back: the new version runs, marks home and a heartbeat
    rig.now += 20
    write_app_mark(rig.data, AppMark("0.2.0", 7, rig.now + 6, rig.now, True, rig.now))
    write_beat_mark(rig.data, BeatMark("0.2.0", 8, rig.now + 1))
    rig.now += 6
    assert rig.applier().run() == "confirmed 0.2.0"
    assert rig.layout.active() == "0.2.0" and rig.restarts == 1
    assert not (updates_dir(rig.data) / STAGED_MANIFEST).exists()
    notice = json.loads((updates_dir(rig.data) / "applied.json").read_text())
    assert notice["phase"] == "confirmed"


def test_a_power_cut_then_no_health_rolls_back_at_the_deadline(tmp_path: Path) -> None:
    rig = Rig(tmp_path)
    applier = rig.applier()

    def cut() -> None:
        raise KeyboardInterrupt  # the power goes right after the switch

    applier.restart = cut
    with pytest.raises(KeyboardInterrupt):
        applier.run()
    started = time.monotonic()
    line = rig.applier().run()  # nothing comes up: waits out the 60 s (fake clock), rolls back
    assert time.monotonic() - started < 5
    assert line == ("rolled back 0.2.0 to the package: 新版本 0.2.0 在 60 秒内主页没有出现、"
                    "没有向平台发出心跳")
    assert rig.layout.active() == "" and not (rig.layout.releases / "0.2.0").exists()
    assert rig.restarts == 1  # the rollback's restart
    rec = load_record(rig.state)
    assert rec is not None and rec.failed == ("0.2.0",)
    rig.stage("0.2.0")  # offered again: not taken
    assert rig.applier().run() == "staged 0.2.0 is not newer than 0.1.0 or failed before"
    assert rig.layout.active() == ""


def make_db(path: Path, schema: int) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    with contextlib.closing(sqlite3.connect(path)) as c:
        c.execute("PRAGMA journal_mode=WAL")
        c.execute("CREATE TABLE cases (no TEXT)")
        c.execute("INSERT INTO cases VALUES ('before the update')")
        c.execute(f"PRAGMA user_version = {schema}")
        c.commit()


def cases_in(path: Path) -> list[str]:
    with contextlib.closing(sqlite3.connect(path)) as c:
        return [r[0] for r in c.execute("SELECT no FROM cases ORDER BY rowid")]


def test_a_rollback_puts_back_a_database_the_failed_version_migrated(tmp_path: Path) -> None:
    """The version rolled back to refuses a newer schema (kiosk/store/migrations.py):
    without the pre-update copy the terminal would be out of service."""
    rig = Rig(tmp_path)
    db = rig.data / "kiosk.sqlite3"
    make_db(db, schema=4)
    events: list[str] = []
    applier = rig.applier()

    def new_version_starts() -> None:  # it migrates, then never reaches home
        events.append("restart")
        if len(events) == 1:
            with contextlib.closing(sqlite3.connect(db)) as c:
                c.execute("ALTER TABLE cases ADD COLUMN order_key TEXT")
                c.execute("INSERT INTO cases VALUES ('during', NULL)")
                c.execute("PRAGMA user_version = 5")
                c.commit()

    applier.restart = new_version_starts
    applier.stop = lambda: events.append("stop")
    line = applier.run()
    assert line.startswith("rolled back 0.2.0 to the package") and "数据库已恢复到更新前" in line
    assert "4→5" in line
    assert events == ["restart", "stop", "restart"]  # stopped before the copy went back
    from kiosk.update_apply import db_schema

    assert db_schema(db) == 4 and cases_in(db) == ["before the update"]
    assert not (updates_dir(rig.data) / "pre-update.sqlite3").exists()


def test_a_rollback_keeps_what_was_written_when_the_schema_did_not_move(
        tmp_path: Path) -> None:
    rig = Rig(tmp_path)
    db = rig.data / "kiosk.sqlite3"
    make_db(db, schema=4)
    applier = rig.applier()
    stops: list[int] = []

    def new_version_takes_a_case() -> None:
        with contextlib.closing(sqlite3.connect(db)) as c:
            c.execute("INSERT INTO cases VALUES ('a resident, during the check')")
            c.commit()

    applier.restart = new_version_takes_a_case
    applier.stop = lambda: stops.append(1)
    line = applier.run()
    assert line.startswith("rolled back") and "数据库" not in line
    assert stops == []  # nothing to put back, nothing stopped
    assert "a resident, during the check" in cases_in(db)


def test_the_root_applier_never_makes_the_kiosk_users_folders(tmp_path: Path) -> None:
    """A fresh terminal, not yet enrolled, nothing staged: the timer's run leaves the data
    folder alone (a root-owned updates/ would lock the sync process and screen out)."""
    data = tmp_path / "data"
    data.mkdir()
    applier = Applier(InstallLayout(tmp_path / "opt"), data, tmp_path / "state", None,
                      lambda: None)
    assert applier.run() == "nothing staged"
    assert list(data.iterdir()) == []
    assert not (tmp_path / "state" / "platform.pub").exists()  # nothing pinned either
