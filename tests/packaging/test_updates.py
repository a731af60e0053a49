"""Signed updates end to end, in a throwaway root with the package's own environment.

The root holds ``opt/village-kiosk/venv`` (the environment of the .deb built from this
checkout, version 0.1.0: the session fixture of tests/packaging/conftest.py builds and
unpacks it once; the root links to it, since updates never write into it),
``etc/village-kiosk/kiosk.toml`` and the data folder. The county platform runs as
a real ``kiosk platform serve`` process on 127.0.0.1; the terminal is enrolled with it by
the root's own ``kiosk provision``. The screen (``kiosk run``, offscreen) and the sync
process run from the root as their units run them (tests/packaging/supervisor.py stands
in for systemd, which is not PID 1 here). Releases are real wheels of this checkout with
another version number; the failing one cannot import its front end (a dependency this
terminal lacks), as a release built against a newer environment would.

- a good release: published, downloaded by the sync process in the background, applied
  by ``kiosk update apply`` once the screen was idle, its screen at home and its
  heartbeat seen by the platform, confirmed;
- a bad signature: refused by the sync process, named on 维护信息, nothing staged or
  switched, the same processes still running; a staged manifest forged inside the data
  folder is refused by the applier too;
- a release that fails its health check: applied, its sync process migrating the
  database, its screen not at home by the deadline; rolled back by itself to the
  package's version with the database put back (the package's version refuses the newer
  schema), remembered and not fetched again.

The package's programs are started with its venv's python (``venv/bin/kiosk``'s
``#!/opt/village-kiosk/...`` line points outside the throwaway root); maintainer scripts
and systemd itself are not run here.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.conftest import (
    PlatformProcess,
    add_staff_account,
    kiosk_cmd,
    start_platform,
    stop_platform,
)
from tests.packaging.conftest import Package
from tests.packaging.installed import ROOT, clean_env

pytestmark = pytest.mark.integration

APP = "opt/village-kiosk"
SUPERVISOR = Path(__file__).with_name("supervisor.py")
TERMINAL = "VK-UPDATE-0001"


def build_release(work: Path, version: str, broken: bool = False) -> Path:
    """A wheel of this checkout's files as ``version`` (``broken``: its front end
    imports a module no terminal has)."""
    src = work / f"src-{version}"
    subprocess.run([sys.executable, str(ROOT / "packaging" / "source_tree.py"), str(src)],
                   check=True, capture_output=True, timeout=300)
    pyproject = src / "pyproject.toml"
    pyproject.write_text(pyproject.read_text(encoding="utf-8").replace(
        'version = "0.1.0"', f'version = "{version}"', 1), encoding="utf-8")
    init = src / "kiosk" / "__init__.py"
    init.write_text(init.read_text(encoding="utf-8").replace(
        '__version__ = "0.1.0"', f'__version__ = "{version}"'), encoding="utf-8")
    if broken:
        ui = src / "ui" / "__init__.py"
        ui.write_text("import village_kiosk_needs_this_newer_library  # noqa: F401\n"
                      + ui.read_text(encoding="utf-8"), encoding="utf-8")
        # ...and its store migrates the database, which the version before refuses
        migrations = src / "kiosk" / "store" / "migrations.py"
        text = migrations.read_text(encoding="utf-8")
        end = "\n)\n\n\nclass MigrationError"
        assert text.count(end) == 1, "kiosk/store/migrations.py changed shape"
        migrations.write_text(text.replace(end, '\n    """CREATE TABLE release_probe (x);""",'
                                           + end), encoding="utf-8")
    out = work / f"wheel-{version}"
    subprocess.run([sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "-w", str(out),
                    str(src)], check=True, capture_output=True, timeout=600)
    shutil.rmtree(src)
    (wheel,) = out.glob("village_kiosk-*.whl")
    assert f"-{version}-" in wheel.name
    return wheel


@dataclass(frozen=True)
class Releases:
    good: Path
    broken: Path


@pytest.fixture(scope="module")
def releases(tmp_path_factory: pytest.TempPathFactory) -> Releases:
    work = tmp_path_factory.mktemp("releases")
    return Releases(build_release(work, "0.2.0"), build_release(work, "0.3.0", broken=True))


@dataclass
class Terminal:
    root: Path
    platform: PlatformProcess
    db: Path

    @property
    def data(self) -> Path:
        return self.root / "var/lib/village-kiosk"

    @property
    def updates(self) -> Path:
        return self.data / "updates"

    @property
    def current(self) -> Path:
        return self.root / APP / "current"

    def env(self) -> dict[str, str]:
        """A technician's (or the update unit's) shell: no PYTHONPATH, the root's config."""
        return clean_env(KIOSK_CONFIG=str(self.root / "etc/village-kiosk/kiosk.toml"),
                         HOME=str(self.root / "home"))

    def kiosk(self, *args: str, timeout: float = 300) -> subprocess.CompletedProcess[str]:
        return subprocess.run([str(self.root / APP / "venv/bin/python"), "-m", "kiosk.cli",
                               *args],
                              env=self.env(), capture_output=True, text=True,
                              timeout=timeout, check=False, cwd="/")

    def apply(self, deadline: float) -> subprocess.CompletedProcess[str]:
        """``kiosk update apply`` as the update timer runs it, again every 2 s while it
        answers that the screen has not been idle long enough (3 s here, a minute for
        real), as the timer would in its next window."""
        restart = f"{sys.executable} {SUPERVISOR} restart {self.root}"
        for _ in range(30):
            res = self.kiosk("update", "apply", "--root", str(self.root / APP),
                             "--state-dir", str(self.root / "var/lib/village-kiosk-update"),
                             "--restart-cmd", restart, "--stop-cmd",
                             f"{sys.executable} {SUPERVISOR} stop {self.root}",
                             "--idle", "3", "--deadline",
                             str(deadline), "--poll", "0.5", timeout=deadline * 3 + 120)
            if "a visit is in progress" not in res.stdout:
                return res
            time.sleep(2)
        raise AssertionError(f"never idle: {res.stdout}\n{self.logs()}")

    def publish(self, wheel: Path) -> None:
        subprocess.run(kiosk_cmd("platform", "update", "publish", str(wheel), "--db",
                                 str(self.db)), check=True, capture_output=True, timeout=60)

    def mark(self, name: str) -> dict[str, object]:
        try:
            data: dict[str, object] = json.loads((self.updates / "health" / name).read_text())
        except (OSError, ValueError):
            return {}
        return data

    def pids(self) -> list[int]:
        return [int(p) for p in json.loads((self.root / "supervisor.json").read_text())]

    def logs(self) -> str:
        return "\n".join(f"--- {p.name}\n{p.read_text(errors='replace')[-3000:]}"
                         for p in sorted((self.root / "logs").glob("*.log")))


def wait_for(what: str, check: Callable[[], bool], term: Terminal,
             timeout: float = 120) -> None:
    deadline = time.monotonic() + timeout
    while not check():
        if time.monotonic() > deadline:
            raise AssertionError(f"{what}: not within {timeout:.0f} s\n{term.logs()}")
        time.sleep(0.5)


def at_home(term: Terminal, version: str) -> Callable[[], bool]:
    """The screen of ``version`` is running at home — imported from the release folder, or
    for the package's version from the package's venv (never from this checkout)."""
    where = os.path.realpath(term.root / APP / "current/site/kiosk" if version != "0.1.0"
                             else term.root / APP / "venv/lib/python3.11/site-packages/kiosk")

    def check() -> bool:
        m = term.mark("app.json")
        return (m.get("version") == version and m.get("at_home") is True
                and float(str(m.get("at", 0))) > time.time() - 10
                and m.get("pid") in term.pids()
                and os.path.realpath(str(m.get("code"))) == where)

    return check


@pytest.fixture
def terminal(package: Package, releases: Releases, tmp_path: Path) -> Iterator[Terminal]:
    root = tmp_path / "root"
    (root / "etc/village-kiosk").mkdir(parents=True)
    (root / "var/lib").mkdir(parents=True)
    (root / "home").mkdir()
    (root / APP).mkdir(parents=True)
    (root / APP / "venv").symlink_to(package.root / APP / "venv")
    db = tmp_path / "platform" / "platform.sqlite3"
    db.parent.mkdir()
    add_staff_account(db)
    platform = start_platform(db)
    term = Terminal(root, platform, db)
    try:
        (root / "etc/village-kiosk/kiosk.toml").write_text(
            f'terminal_id = "{TERMINAL}"\nregion_code = "420102001001"\n'
            f'platform_url = "{platform.url}"\ndata_dir = "{term.data}"\n'
            "allow_mock_devices = true\n", encoding="utf-8")
        enrol = term.kiosk("provision", "--platform", platform.url, "--code",
                           platform.enrol_code(TERMINAL))
        assert enrol.returncode == 0, enrol.stderr
        # The data key made once before both processes start: screen and sync creating it
        # at the same moment can read it 0 bytes long (kiosk/crypto.py creates it O_EXCL,
        # then writes); under systemd the loser is restarted, here nothing restarts it.
        queue = term.kiosk("queue")
        assert queue.returncode == 0, queue.stderr
        subprocess.run([sys.executable, str(SUPERVISOR), "restart", str(root)], check=True,
                       timeout=60)
        wait_for("the package's screen at home", at_home(term, "0.1.0"), term)
        yield term
    finally:
        subprocess.run([sys.executable, str(SUPERVISOR), "stop", str(root)], timeout=60,
                       check=False)
        stop_platform(platform)


def last_heartbeat(term: Terminal) -> float:
    """When the platform's latest heartbeat of this terminal was sent (Unix seconds)."""
    rows = [r for r in term.platform.admin("GET", "/heartbeats")
            if r["terminal_id"] == TERMINAL]
    return dt.datetime.fromisoformat(rows[0]["at"]).timestamp() if rows else 0.0


def test_a_good_release_is_fetched_applied_when_idle_health_checked_and_kept(
        terminal: Terminal, releases: Releases) -> None:
    term = terminal
    term.publish(releases.good)
    wait_for("the sync process staged 0.2.0",
             lambda: (term.updates / "staged.json").exists(), term)
    assert not term.current.exists()  # downloaded in the background, nothing applied yet
    old = term.pids()
    applied_at = time.time()
    started = time.monotonic()
    res = term.apply(deadline=150)
    took = time.monotonic() - started
    assert res.returncode == 0 and res.stdout.strip() == "confirmed 0.2.0", \
        res.stdout + res.stderr + term.logs()
    assert os.readlink(term.current) == "releases/0.2.0"
    assert (term.root / APP / "releases/0.2.0/site/kiosk/__init__.py").read_text().count(
        '"0.2.0"') == 1
    assert set(term.pids()).isdisjoint(old)  # restarted
    assert at_home(term, "0.2.0")()  # the new screen, at home, still running
    beat = term.mark("heartbeat.json")
    assert beat["version"] == "0.2.0" and beat["pid"] in term.pids()
    assert last_heartbeat(term) >= int(applied_at)  # the platform saw the new one's heartbeat
    assert not (term.updates / "staged.json").exists()  # the stage is cleared
    status = term.kiosk("update", "status", "--root", str(term.root / APP))
    assert status.returncode == 0 and "0.2.0（最近一次更新已确认）" in status.stdout, status.stdout
    # the sync process of the new version finds nothing newer: nothing is staged again
    time.sleep(5)
    assert not (term.updates / "staged.json").exists()
    print(f"applied and confirmed in {took:.1f} s")


def test_a_bad_signature_is_refused_named_and_nothing_changes(
        terminal: Terminal, releases: Releases) -> None:
    term = terminal
    # A mirror serving the release under another key's signature: published on a platform
    # of its own, then put in place of this platform's shelf (bundle first, manifest last).
    other = term.db.parent.parent / "other" / "platform.sqlite3"
    other.parent.mkdir()
    add_staff_account(other)
    Terminal(term.root, term.platform, other).publish(releases.good)
    shelf = term.db.with_name(term.db.stem + "-updates")
    shelf.mkdir(mode=0o700, exist_ok=True)
    forged = other.with_name(other.stem + "-updates")
    for bundle in forged.glob("*.whl"):
        shutil.copy(bundle, shelf / bundle.name)
    shutil.copy(forged / "latest.json", shelf / ".latest.json")
    os.replace(shelf / ".latest.json", shelf / "latest.json")
    doc = json.loads((shelf / "latest.json").read_text())
    old = term.pids()

    def refused() -> bool:
        try:
            fetch = json.loads((term.updates / "fetch.json").read_text())
        except (OSError, ValueError):
            return False
        return bool(fetch.get("outcome") == "refused")

    wait_for("the sync process refused the forged manifest", refused, term)
    fetch = json.loads((term.updates / "fetch.json").read_text())
    assert fetch["code"] == "bad_signature"
    assert not (term.updates / "staged.json").exists()
    assert not list(term.updates.glob("*.whl"))
    res = term.apply(deadline=30)
    assert res.returncode == 0 and res.stdout.strip() == "nothing staged", res.stdout
    assert not term.current.exists() and term.pids() == old  # nothing switched or restarted
    assert at_home(term, "0.1.0")()
    # 维护信息's first thing to look at (kiosk queue prints the screen's diagnosis)
    queue = term.kiosk("queue")
    assert "look at first: [error] 更新包签名核验不通过，已拒绝下载" in queue.stdout, queue.stdout
    status = term.kiosk("update", "status", "--root", str(term.root / APP))
    assert status.returncode == 1 and "签名核验不通过" in status.stdout
    # the kiosk user forging the stage itself gets the same answer from the root applier
    (term.updates / "staged.json").write_text(json.dumps(doc))
    shutil.copy(releases.good, term.updates / "staged.whl")
    res = term.apply(deadline=30)
    assert res.returncode == 3 and res.stdout.startswith("refused: bad_signature"), res.stdout
    assert not term.current.exists() and term.pids() == old
    assert not (term.root / APP / "releases").exists()  # nothing unpacked
    queue = term.kiosk("queue")
    # (a manifest whose signature fails is not believed about its version either)
    assert "look at first: [error] 更新包签名核验不通过，已拒绝安装" in queue.stdout, queue.stdout


def test_a_release_failing_its_health_check_is_rolled_back_by_itself(
        terminal: Terminal, releases: Releases) -> None:
    term = terminal
    term.publish(releases.broken)
    wait_for("the sync process staged 0.3.0",
             lambda: (term.updates / "staged.json").exists(), term)
    res = term.apply(deadline=40)
    assert res.returncode == 1, res.stdout + res.stderr + term.logs()
    assert res.stdout.startswith("rolled back 0.3.0 to the package: 新版本 0.3.0 在 40 秒内"
                                 "主页没有出现"), res.stdout
    assert "心跳" not in res.stdout  # its sync process did reach the platform
    # its migration was undone: the package's version refuses a newer schema
    assert "它改动了数据库结构" in res.stdout and "数据库已恢复到更新前" in res.stdout
    assert not term.current.exists()  # the package's version runs again
    assert not (term.root / APP / "releases/0.3.0").exists()
    wait_for("the package's screen at home again", at_home(term, "0.1.0"), term)
    screen_log = (term.root / "logs/screen.log").read_text(errors="replace")
    assert "village_kiosk_needs_this_newer_library" in screen_log  # it failed as built to
    status = term.kiosk("update", "status", "--root", str(term.root / APP))
    assert "0.1.0（0.3.0 已退回）" in status.stdout, status.stdout
    assert "新版本 0.3.0 自检未通过，已自动退回 安装时的版本" in status.stdout
    queue = term.kiosk("queue")
    assert "新版本 0.3.0 自检未通过" in queue.stdout, queue.stdout
    # remembered: the sync process does not fetch 0.3.0 again, the applier would not take it
    time.sleep(6)
    assert not (term.updates / "staged.json").exists()
    state = json.loads((term.root / "var/lib/village-kiosk-update/state.json").read_text())
    assert state["phase"] == "rolled_back" and state["failed"] == ["0.3.0"]


def test_the_update_units_verify(tmp_path: Path) -> None:
    """``systemd-analyze verify --root`` on the update service and timer as packaged, in a
    root holding systemd's own units and the command they run; and the units that run
    releases carry the release's PYTHONPATH while the applier's clears it."""
    analyzer = shutil.which("systemd-analyze")
    assert analyzer, "systemd-analyze missing: apt-get install systemd (setup.sh installs it)"
    units = tmp_path / "root/lib/systemd/system"
    shutil.copytree("/lib/systemd/system", units, symlinks=True)
    for unit in (ROOT / "packaging/systemd").iterdir():
        shutil.copy(unit, units / unit.name)
    kiosk = tmp_path / "root" / APP / "venv/bin/kiosk"
    kiosk.parent.mkdir(parents=True)
    kiosk.write_text("#!/bin/sh\n")
    kiosk.chmod(0o755)
    res = subprocess.run([analyzer, "verify", f"--root={tmp_path / 'root'}",
                          "/lib/systemd/system/village-kiosk-update.service",
                          "/lib/systemd/system/village-kiosk-update.timer"],
                         capture_output=True, text=True, timeout=120, check=False)
    assert res.returncode == 0 and res.stderr.strip() == "", res.stderr
    broken = units / "village-kiosk-update-broken.service"  # the analyzer does look
    broken.write_text((units / "village-kiosk-update.service").read_text().replace(
        "/opt/village-kiosk/venv/bin/kiosk", "/opt/village-kiosk/none"))
    res = subprocess.run([analyzer, "verify", f"--root={tmp_path / 'root'}",
                          f"/lib/systemd/system/{broken.name}"],
                         capture_output=True, text=True, timeout=120, check=False)
    assert res.returncode != 0 and "/opt/village-kiosk/none" in res.stderr
    release_path = "Environment=PYTHONPATH=/opt/village-kiosk/current/site"
    for name in ("village-kiosk.service", "village-kiosk-sync.service",
                 "village-kiosk-purge.service"):
        assert release_path in (units / name).read_text().splitlines(), name
    update = (units / "village-kiosk-update.service").read_text().splitlines()
    assert "UnsetEnvironment=PYTHONPATH" in update and "User=kiosk" not in update
    postinst = (ROOT / "packaging/debian/postinst").read_text()
    assert "village-kiosk-update.timer" in postinst
