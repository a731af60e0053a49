"""The .deb built once per test run and unpacked where any user can read it (the
session test runs the unpacked files as an unprivileged user, as the kiosk user would)."""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.packaging.installed import ROOT

APP = "opt/village-kiosk"


@dataclass(frozen=True)
class Package:
    deb: Path
    root: Path  # dpkg-deb -x of it

    def field(self, name: str) -> str:
        return subprocess.run(["dpkg-deb", "-f", str(self.deb), name], check=True,
                              capture_output=True, text=True).stdout.strip()


@pytest.fixture(scope="session")
def package() -> Iterator[Package]:
    base = Path(tempfile.mkdtemp(prefix="kiosk-deb-"))
    base.chmod(0o755)  # pytest's own tmp folders are 0700: nobody else could run the files
    try:
        env = dict(os.environ, KIOSK_DEB_COMPRESSION="none")  # read back at once
        res = subprocess.run(["bash", str(ROOT / "packaging" / "build-deb.sh"),
                              str(base / "out")], env=env, capture_output=True, text=True,
                             timeout=1200, check=False)
        assert res.returncode == 0, res.stderr[-4000:]
        deb = Path(res.stdout.strip().splitlines()[-1])
        root = base / "root"
        subprocess.run(["dpkg-deb", "-x", str(deb), str(root)], check=True, timeout=600)
        root.chmod(0o755)
        yield Package(deb, root)
    finally:
        shutil.rmtree(base, ignore_errors=True)  # 700 MB unpacked
