"""A terminal for residents never runs on mock devices by accident."""

from __future__ import annotations

import os
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import pytest

from kiosk.config import Config, ConfigError, DeviceChoice, check_for_residents, load_config
from kiosk.doctor import format_check, run_checks
from tests.conftest import kiosk_cmd

REAL = DeviceChoice(card_reader="sam-serial:/dev/ttyUSB0", camera="opencv:0",
                    printer="cups:KioskPrinter")


def test_mock_devices_are_refused_naming_each_key_and_the_way_out() -> None:
    cfg = replace(Config(), devices=replace(REAL, camera="mock:"))
    with pytest.raises(ConfigError) as err:
        check_for_residents(cfg)
    msg = str(err.value)
    assert "devices.camera" in msg and "devices.card_reader" not in msg
    assert "sam-serial:" in msg and "allow_mock_devices = true" in msg
    assert "\n" not in msg


def test_real_devices_or_an_explicit_allowance_pass() -> None:
    assert check_for_residents(replace(Config(), devices=REAL)).devices == REAL
    allowed = replace(Config(), allow_mock_devices=True)
    assert check_for_residents(allowed) is allowed


def test_the_allowance_comes_from_the_file_or_the_environment(tmp_path: Path) -> None:
    f = tmp_path / "kiosk.toml"
    f.write_text("allow_mock_devices = true\n", encoding="utf-8")
    assert load_config(f, env={}).allow_mock_devices
    assert not load_config(tmp_path / "none.toml", env={}).allow_mock_devices
    env = {"KIOSK_ALLOW_MOCK_DEVICES": "1"}
    assert load_config(tmp_path / "none.toml", env=env).allow_mock_devices
    f.write_text('allow_mock_devices = "maybe"\n', encoding="utf-8")
    with pytest.raises(ConfigError, match="allow_mock_devices"):
        load_config(f, env={})


def test_doctor_fails_mock_devices_unless_allowed(tmp_path: Path) -> None:
    base = replace(Config(), data_dir=tmp_path, platform_url="http://127.0.0.1:9")
    line = next(format_check(c) for c in run_checks(base) if c.name == "devices")
    assert line.startswith("[FAIL] devices: mock: devices.card_reader") and "fix:" in line
    allowed = replace(base, allow_mock_devices=True)
    assert next(c for c in run_checks(allowed) if c.name == "devices").ok
    real = replace(base, devices=REAL)
    assert next(c for c in run_checks(real) if c.name == "devices").ok


def test_kiosk_run_on_mocks_exits_2_with_one_line(tmp_path: Path) -> None:
    env = dict(os.environ, KIOSK_CONFIG=str(tmp_path / "none.toml"),
               KIOSK_DATA_DIR=str(tmp_path / "data"), QT_QPA_PLATFORM="offscreen")
    env.pop("KIOSK_ALLOW_MOCK_DEVICES", None)
    res = subprocess.run(kiosk_cmd("run"), capture_output=True, text=True, env=env,
                         timeout=120, check=False)
    assert res.returncode == 2
    assert res.stderr.startswith("error: devices.card_reader, devices.camera, devices.printer")
    assert len(res.stderr.strip().splitlines()) == 1
    assert not (tmp_path / "data" / "kiosk.sqlite3").exists()  # refused before opening


@pytest.mark.parametrize("argv, missing", [
    (["platform", "account", "add", "x", "--role", "admin", "--db", "{tmp}/p.db"], "argon2"),
    (["platform", "serve", "--db", "{tmp}/p.db"], "fastapi"),
])
def test_the_platform_without_its_extra_says_how_to_install_it(
        tmp_path: Path, argv: list[str], missing: str) -> None:
    """A terminal installed without [platform]: one line with the pip command."""
    code = ("import sys; sys.modules[sys.argv[1]] = None; from kiosk.cli import main; "
            "sys.exit(main(sys.argv[2:]))")
    args = [a.replace("{tmp}", str(tmp_path)) for a in argv]
    res = subprocess.run([sys.executable, "-c", code, missing, *args], capture_output=True,
                         text=True, timeout=120, check=False, input="pw\n",
                         env=dict(os.environ, KIOSK_CONFIG=str(tmp_path / "none.toml")))
    assert res.returncode == 2, res.stderr
    assert "pip install 'village-kiosk[platform]'" in res.stderr
    assert len(res.stderr.strip().splitlines()) == 1 and "Traceback" not in res.stderr
