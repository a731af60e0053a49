"""The wheel carries the whole terminal: code, catalog, holidays, translations, QML."""

from __future__ import annotations

import json
import subprocess
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.packaging.installed import (
    ROOT,
    InstalledTerminal,
    build_wheel,
    clean_env,
    install_wheel,
    source_files,
)

pytestmark = pytest.mark.integration


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Iterator[InstalledTerminal]:
    base = tmp_path_factory.mktemp("wheel")
    yield install_wheel(build_wheel(base / "dist"), base / "venv")


def test_the_wheel_holds_every_asset_and_qml_file(installed: InstalledTerminal) -> None:
    names = set(zipfile.ZipFile(installed.wheel).namelist())
    source = [str(p) for p in source_files()]
    shipped = [n for n in source if n.startswith(("assets/", "ui/qml/"))]
    assert "assets/catalog/holidays.json" in shipped and "ui/qml/Main.qml" in shipped
    missing = [n for n in shipped if n not in names]
    assert missing == []
    assert "ui/qml/qmldir" in names and "assets/catalog/catalog.json" in names
    # What the terminal must not carry: the checkout's tests, their SAM reader simulator and
    # synthetic images, benchmarks, packaging scripts, docs. Only the five packages ship.
    # (Still shipped, on purpose: the mock devices, kiosk/samples.py and ui/samples.py —
    # `kiosk demo` and `kiosk screenshots` of an installed terminal run on them, and the
    # demo visit below is part of what an installed terminal must do — and
    # sync/platform/faults.py, which the reference platform imports and arms only with
    # --test-mode.)
    top = {n.split("/")[0] for n in names}
    assert top == {"kiosk", "devices", "sync", "ui", "assets",
                   "village_kiosk-0.1.0.dist-info"}, top
    test_code = [n for n in names if n.rsplit("/", 1)[-1] in {
        "conftest.py", "simulator.py", "synthetic.py", "platform_peer.py", "pdfread.py",
        "settle.py", "netlink.py", "setup.sh", "build-deb.sh"}
        or "/tests/" in n or n.rsplit("/", 1)[-1].startswith(("test_", "bench_"))]
    assert test_code == []
    # they are in the checkout the wheel was built from: leaving them out is packaging's doing
    assert {"tests/devices/idcard/simulator.py", "tests/devices/synthetic.py",
            "benchmarks/bench_sync.py", "setup.sh"} <= set(source)
    # the metadata declares what is imported, and the platform as an extra
    meta = next(n for n in names if n.endswith(".dist-info/METADATA"))
    text = zipfile.ZipFile(installed.wheel).read(meta).decode()
    requires = [line for line in text.splitlines() if line.startswith("Requires-Dist:")]
    plain = {r.split()[1].split("<")[0].split(">")[0].lower() for r in requires if "extra" not in r}
    assert {"pillow", "numpy"} <= plain
    assert not plain & {"pyyaml", "fastapi", "uvicorn", "python-multipart", "argon2-cffi"}
    assert any("fastapi" in r and 'extra == "platform"' in r for r in requires)


def test_the_installed_terminal_runs_from_its_own_files(installed: InstalledTerminal,
                                                       tmp_path: Path) -> None:
    env = clean_env(KIOSK_CONFIG=str(tmp_path / "none.toml"),
                    KIOSK_DATA_DIR=str(tmp_path / "data"),
                    KIOSK_PLATFORM_URL="http://127.0.0.1:9")
    where = installed.run("--help", cwd=tmp_path, env=env)
    assert where.returncode == 0, where.stderr
    origin = subprocess.run(
        [str(installed.python), "-c", "import assets, kiosk, ui; from kiosk.catalog.loader "
         "import ASSETS; print(kiosk.__file__, ui.__file__, ASSETS)"],
        cwd=tmp_path, env=env, capture_output=True, text=True, check=True).stdout
    assert str(installed.venv) in origin and str(ROOT) not in origin, origin

    doctor = installed.run("doctor", cwd=tmp_path, env=env)
    lines = doctor.stdout.splitlines()
    assert any(line.startswith("[ok] CJK font") for line in lines), doctor.stdout
    assert any(line.startswith("[ok] data dir writable") for line in lines), doctor.stdout
    # no devices configured: mocks, which a terminal for residents must not run on
    assert any(line.startswith("[FAIL] devices: mock") for line in lines), doctor.stdout
    assert "Traceback" not in doctor.stderr

    validate = installed.run("catalog", "validate", cwd=tmp_path, env=env)
    assert validate.returncode == 0, validate.stdout + validate.stderr
    assert str(installed.venv) in validate.stdout  # the wheel's catalog, not the checkout's
    listed = installed.run("catalog", "list", "--json", cwd=tmp_path, env=env)
    catalog = json.loads(listed.stdout)
    shipped = json.loads((ROOT / "assets" / "catalog" / "catalog.json").read_text("utf-8"))
    assert [i["code"] for i in catalog["items"]] == [i["code"] for i in shipped["items"]]

    refused = installed.run("run", cwd=tmp_path, env=env)
    assert refused.returncode == 2 and "mock devices" in refused.stderr, refused.stderr
    assert "Traceback" not in refused.stderr


def test_a_headless_visit_from_the_installed_terminal(installed: InstalledTerminal,
                                                     tmp_path: Path) -> None:
    env = clean_env(KIOSK_CONFIG=str(tmp_path / "none.toml"))
    out = tmp_path / "demo"
    res = installed.run("demo", "--headless", "--out", str(out), cwd=tmp_path, env=env,
                        timeout=600)
    assert res.returncode == 0, res.stdout[-3000:] + res.stderr[-3000:]
    assert list(out.rglob("*.png")), res.stdout
    assert list(out.rglob("*.pdf")), res.stdout  # a receipt came out of the mock printer
