"""The journald drop-in the .deb installs: found by journald's own lookup, every key one the
installed systemd-journald parses, every value of the form it expects. journald itself
does not run here (no systemd as PID 1), so the rotation is checked as configuration."""

from __future__ import annotations

import configparser
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.packaging.conftest import Package
from tests.packaging.installed import ROOT

pytestmark = pytest.mark.integration

DROP_IN = "usr/lib/systemd/journald.conf.d/village-kiosk.conf"
SIZE = re.compile(r"^\d+[KMGTPE]?$")  # journald.conf(5): bytes, with an optional suffix


def _journald_binary() -> Path:
    for p in (Path("/lib/systemd/systemd-journald"), Path("/usr/lib/systemd/systemd-journald")):
        if p.is_file():
            return p
    raise AssertionError("systemd-journald missing: apt-get install systemd")


def test_the_package_installs_the_journald_drop_in(package: Package) -> None:
    shipped = package.root / DROP_IN
    assert shipped.read_bytes() == (ROOT / "packaging/journald/village-kiosk.conf").read_bytes()
    analyzer = shutil.which("systemd-analyze")
    assert analyzer, "systemd-analyze missing: apt-get install systemd"
    shown = subprocess.run([analyzer, "cat-config", f"--root={package.root}",
                            "systemd/journald.conf"], capture_output=True, text=True,
                           check=True, timeout=60).stdout
    assert f"# {package.root / DROP_IN}" in shown  # journald's search path finds it


def test_every_key_is_one_journald_parses_with_a_value_of_its_form() -> None:
    cp = configparser.ConfigParser(interpolation=None)
    cp.optionxform = str  # type: ignore[assignment,method-assign]
    cp.read(ROOT / "packaging/journald/village-kiosk.conf", encoding="utf-8")
    assert cp.sections() == ["Journal"]
    journal = dict(cp["Journal"])
    # the binary's own table of settings (gperf: "Journal.<Key>"), so a misspelt key,
    # which journald would only warn about and ignore, fails here
    known = set(re.findall(rb"Journal\.([A-Za-z]+)", _journald_binary().read_bytes()))
    assert {k.encode() for k in journal} <= known, set(journal) - {k.decode() for k in known}
    assert {"SystemMaxUse", "SystemKeepFree", "MaxRetentionSec"} <= journal.keys()
    assert journal["Storage"] == "persistent"
    for key in ("SystemMaxUse", "SystemKeepFree", "SystemMaxFileSize"):
        assert SIZE.match(journal[key]), (key, journal[key])
    for key in ("MaxFileSec", "MaxRetentionSec"):
        res = subprocess.run(["systemd-analyze", "timespan", journal[key]],
                             capture_output=True, text=True, check=False, timeout=30)
        assert res.returncode == 0, (key, res.stderr)
    bad = subprocess.run(["systemd-analyze", "timespan", "1 fortnight"],
                         capture_output=True, text=True, check=False, timeout=30)
    assert bad.returncode != 0  # the parser does refuse what journald would not take
