"""The terminal's .deb: built by packaging/build-deb.sh, unpacked into a throwaway root,
its contents checked, its units verified by systemd's own analyzer, and `kiosk doctor`
run from the unpacked files with nothing of the checkout on the path."""

from __future__ import annotations

import configparser
import os
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.packaging.conftest import APP, Package
from tests.packaging.installed import ROOT

pytestmark = pytest.mark.integration

UNITS = ("village-kiosk.service", "village-kiosk-out-of-order.service",
         "village-kiosk-sync.service", "village-kiosk-purge.service",
         "village-kiosk-purge.timer")


def unit(package: Package, name: str) -> configparser.ConfigParser:
    cp = configparser.ConfigParser(strict=False, interpolation=None)
    cp.optionxform = str  # type: ignore[assignment,method-assign]
    cp.read(package.root / "lib/systemd/system" / name, encoding="utf-8")
    return cp


def test_the_package_holds_the_app_its_environment_units_rules_and_config(
        package: Package) -> None:
    r = package.root
    assert package.field("Package") == "village-kiosk"
    depends = {d.strip().split()[0] for d in package.field("Depends").split(",")}
    assert {"pcscd", "cups", "fonts-wqy-microhei", "cage", "python3.11", "xwayland",
            "libwayland-cursor0"} <= depends  # cage needs Xwayland; Qt's wayland plugin the rest
    assert (r / APP / "venv/bin/kiosk").read_text().startswith(
        "#!/opt/village-kiosk/venv/bin/python\n")
    assert os.readlink(r / "usr/bin/kiosk") == "/opt/village-kiosk/venv/bin/kiosk"
    assert os.path.realpath(r / APP / "venv/bin/python") == "/usr/bin/python3.11"
    cfg = (r / APP / "venv/pyvenv.cfg").read_text()
    assert "home = /usr/bin" in cfg and "/tmp" not in cfg
    site = r / APP / "venv/lib/python3.11/site-packages"
    for shipped in ("kiosk/cli.py", "ui/qml/qmldir", "assets/catalog/catalog.json",
                    "assets/catalog/holidays.json", "PySide6", "smartcard", "reportlab"):
        assert (site / shipped).exists(), shipped
    for dev_only in ("pytest", "mypy", "hypothesis", "schemathesis", "fastapi", "uvicorn"):
        assert not (site / dev_only).exists(), dev_only
    for name in UNITS:
        assert (r / "lib/systemd/system" / name).is_file(), name
    rules = (r / "lib/udev/rules.d/70-village-kiosk.rules").read_text()
    assert 'ATTR{idVendor}=="0400", ATTR{idProduct}=="c35a"' in rules  # devices/idcard/uri.py
    assert 'GROUP="kiosk"' in rules and "0701" in rules  # printer class
    assert (r / "etc/village-kiosk/kiosk.toml").is_file()
    conffiles = subprocess.run(["dpkg-deb", "--ctrl-tarfile", str(package.deb)],
                               capture_output=True, check=True).stdout
    assert b"./postinst" in conffiles and b"./conffiles" in conffiles
    assert (r / APP / "share/out_of_order.py").is_file()
    assert (r / APP / "share/OutOfOrder.qml").is_file()
    postinst = (ROOT / "packaging/debian/postinst").read_text()
    assert "adduser --system" in postinst and "--shell /usr/sbin/nologin" in postinst
    control = r.parent / "control"  # the maintainer scripts as packed, parsed by sh -n
    subprocess.run(["dpkg-deb", "-e", str(package.deb), str(control)], check=True)
    for script in ("postinst", "prerm", "postrm"):
        assert os.access(control / script, os.X_OK), script
        subprocess.run(["sh", "-n", str(control / script)], check=True)


def test_the_session_unit_is_cage_on_tty1_as_kiosk_restarting_then_out_of_order(
        package: Package) -> None:
    u = unit(package, "village-kiosk.service")
    svc, head = u["Service"], u["Unit"]
    assert svc["User"] == "kiosk" and svc["TTYPath"] == "/dev/tty1"
    assert svc["ExecStart"].startswith("/usr/bin/cage -d -- ")
    assert " -s" not in svc["ExecStart"]  # cage -s would allow Ctrl+Alt+F-key VT switching
    assert svc["ExecStart"].endswith("/opt/village-kiosk/venv/bin/kiosk run")
    assert svc["Restart"] == "always"
    assert svc["Type"] == "notify" and svc["NotifyAccess"] == "all"  # kiosk.sdnotify
    assert head["OnFailure"] == "village-kiosk-out-of-order.service"
    assert int(head["StartLimitBurst"]) >= 3
    assert "getty@tty1.service" in head["Conflicts"]
    ooo = unit(package, "village-kiosk-out-of-order.service")
    assert "village-kiosk.service" in ooo["Unit"]["Conflicts"]
    assert "out_of_order.py" in ooo["Service"]["ExecStart"]
    assert unit(package, "village-kiosk-sync.service")["Service"]["ExecStart"].endswith(
        "kiosk sync --interval 30")
    assert unit(package, "village-kiosk-purge.timer")["Timer"]["OnUnitActiveSec"] == "1d"


def _verify_root(package: Package, tmp: Path) -> Path:
    """The unpacked package plus what it runs on: systemd's own units (targets its units
    order against) and the cage binary (a Depends), copied in, so `systemd-analyze
    verify --root` checks the unit files and every ExecStart path inside that root."""
    root = tmp / "verify-root"
    shutil.copytree(package.root / "lib/systemd/system", root / "lib/systemd/system")
    for f in Path("/lib/systemd/system").iterdir():
        dst = root / "lib/systemd/system" / f.name
        if not dst.exists() and not dst.is_symlink():
            if f.is_symlink():
                dst.symlink_to(os.readlink(f))
            elif f.is_file():
                shutil.copy2(f, dst)
    cage = shutil.which("cage")
    assert cage, "cage missing: apt-get install cage (setup.sh installs it)"
    (root / "usr/bin").mkdir(parents=True)
    shutil.copy2(cage, root / "usr/bin/cage")
    shutil.copytree(package.root / APP / "venv/bin", root / APP / "venv/bin", symlinks=True)
    # venv/bin/python points at /usr/bin/python3.11: give the root one to resolve
    shutil.copy2(os.path.realpath("/usr/bin/python3.11"), root / "usr/bin/python3.11")
    (root / "usr/bin/python3").symlink_to("python3.11")
    return root


def test_systemd_analyze_verifies_every_unit(package: Package, tmp_path: Path) -> None:
    analyzer = shutil.which("systemd-analyze")
    assert analyzer, "systemd-analyze missing: apt-get install systemd (setup.sh installs it)"
    root = _verify_root(package, tmp_path)
    res = subprocess.run([analyzer, "verify", f"--root={root}",
                          *(f"/lib/systemd/system/{u}" for u in UNITS)],
                         capture_output=True, text=True, timeout=120, check=False)
    assert res.returncode == 0 and res.stderr.strip() == "", res.stderr
    # the analyzer does look: a unit whose command is missing in the root fails
    bad = root / "lib/systemd/system/village-kiosk-broken.service"
    bad.write_text((root / "lib/systemd/system/village-kiosk-sync.service").read_text()
                   .replace("/opt/village-kiosk/venv/bin/kiosk", "/opt/village-kiosk/none"))
    res = subprocess.run([analyzer, "verify", f"--root={root}", f"/{bad.relative_to(root)}"],
                         capture_output=True, text=True, timeout=120, check=False)
    assert res.returncode != 0 and "/opt/village-kiosk/none" in res.stderr


def test_kiosk_doctor_runs_from_the_unpacked_files(package: Package, tmp_path: Path) -> None:
    python = package.root / APP / "venv/bin/python"
    env = {"PATH": "/usr/bin:/bin:/usr/sbin:/sbin", "HOME": str(tmp_path),
           "QT_QPA_PLATFORM": "offscreen", "LANG": "C.UTF-8",
           "KIOSK_CONFIG": str(package.root / "etc/village-kiosk/kiosk.toml"),
           "KIOSK_DATA_DIR": str(tmp_path / "data")}

    def kiosk(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([str(python), "-m", "kiosk.cli", *args], cwd=tmp_path, env=env,
                              capture_output=True, text=True, timeout=300, check=False)

    where = subprocess.run([str(python), "-c", "import kiosk, PySide6; print(kiosk.__file__,"
                            " PySide6.__file__)"], cwd=tmp_path, env=env, capture_output=True,
                           text=True, check=True).stdout
    assert where.count(str(package.root / APP)) == 2 and str(ROOT) not in where, where
    doctor = kiosk("doctor")
    lines = doctor.stdout.splitlines()
    assert "Traceback" not in doctor.stderr, doctor.stderr
    assert any(line.startswith("[ok] Qt platform plugin") for line in lines), doctor.stdout
    assert any(line.startswith("[ok] CJK font") for line in lines), doctor.stdout
    # the shipped config names no devices yet: doctor and `kiosk run` say so
    assert any(line.startswith("[FAIL] devices: mock") for line in lines), doctor.stdout
    refused = kiosk("run")
    assert refused.returncode == 2 and "allow_mock_devices" in refused.stderr
    validate = kiosk("catalog", "validate")
    assert validate.returncode == 0 and str(package.root / APP) in validate.stdout
