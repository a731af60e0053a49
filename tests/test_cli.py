"""The `kiosk` command as a technician meets it: real subprocesses, real output."""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

from devices.idcard import IdCard
from kiosk.config import Config
from tests.conftest import PlatformProcess, kiosk_cmd


def run(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(kiosk_cmd(*args), capture_output=True, text=True, env=env,
                          timeout=120, check=False)


def test_help_lists_the_commands() -> None:
    out = run("--help").stdout
    for command in ("demo", "run", "doctor", "platform", "submit", "queue", "sync", "receipt",
                    "screenshots"):
        assert f"    {command}" in out
    assert "serve" in run("platform", "--help").stdout
    assert "--once" in run("sync", "--help").stdout
    assert "--pdf" in run("receipt", "--help").stdout


def env_for(tmp_path: Path, **extra: str) -> dict[str, str]:
    return dict(os.environ, KIOSK_CONFIG=str(tmp_path / "none.toml"),
                KIOSK_DATA_DIR=str(tmp_path / "data"), **extra)


def test_bad_config_value_is_one_line_naming_the_key(tmp_path: Path) -> None:
    res = run("queue", env=env_for(tmp_path, KIOSK_REGION_CODE="4201"))
    assert res.returncode == 2
    assert res.stderr.strip().count("\n") == 0
    assert "'region_code'" in res.stderr and "12-digit" in res.stderr


def test_doctor_prints_one_line_per_check_with_fixes(tmp_path: Path) -> None:
    res = run("doctor", env=env_for(tmp_path, KIOSK_PLATFORM_URL="http://127.0.0.1:9"))
    lines = res.stdout.strip().splitlines()
    names = ["Qt platform plugin", "CJK font", "pcscd", "cupsd", "devices",
             "data dir writable", "spoken prompts", "platform reachable"]
    assert len(lines) == len(names)
    for line, name in zip(lines, names, strict=True):
        assert name in line
        assert line.startswith(("[ok]", "[FAIL]"))
        if line.startswith("[FAIL]"):
            assert "— fix: " in line
    assert "[FAIL] platform reachable" in res.stdout
    assert "[ok] CJK font" in res.stdout
    assert "[ok] data dir writable" in res.stdout
    assert res.returncode == 1


def test_doctor_sees_a_reachable_platform(tmp_path: Path,
                                          platform_process: PlatformProcess) -> None:
    res = run("doctor", env=env_for(tmp_path, KIOSK_PLATFORM_URL=platform_process.url))
    assert f"[ok] platform reachable: {platform_process.url}" in res.stdout


def test_submit_sync_and_receipt_from_the_command_line(tmp_path: Path, card: IdCard,
                                                       platform_process: PlatformProcess) -> None:
    env = env_for(tmp_path, KIOSK_PLATFORM_URL=platform_process.url)
    spec = tmp_path / "case.json"
    spec.write_text(json.dumps({"applicant": {"name": card.name, "id_number": card.id_number},
                                "items": [{"code": "A", "name": "高龄津贴申领"}]},
                               ensure_ascii=False), encoding="utf-8")
    local_no = run("submit", str(spec), env=env).stdout.strip()
    queued = run("queue", env=env).stdout
    assert "pending: 1" in queued
    # Not enrolled yet: the same first thing to look at as 维护信息, with the command.
    assert "look at first: [error] 终端尚未登记" in queued and "kiosk provision" in queued
    assert card.name not in queued
    enrolled = run("provision", "--platform", platform_process.url, "--code",
                   platform_process.enrol_code(), env=env)
    assert enrolled.returncode == 0, enrolled.stderr
    assert "sent: 1" in run("sync", "--once", env=env).stdout
    platform_no = platform_process.submissions()[0]["platform_no"]
    pdf = tmp_path / "r.pdf"
    assert run("receipt", local_no, "--pdf", str(pdf), env=env).returncode == 0
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True,
                          check=True).stdout
    assert platform_no in text
    missing = run("receipt", "NO-SUCH", "--pdf", str(pdf), env=env)
    assert missing.returncode == 2 and "no case numbered NO-SUCH" in missing.stderr


def test_submit_rejects_a_malformed_file_clearly(tmp_path: Path, cfg: Config) -> None:
    env = env_for(tmp_path)
    bad = tmp_path / "bad.json"
    bad.write_text('{"applicant": {"name": "张三"', encoding="utf-8")
    res = run("submit", str(bad), env=env)
    assert res.returncode == 2 and "bad.json" in res.stderr and "expected" in res.stderr
    bad.write_text(json.dumps({"applicant": {"name": "张三", "id_number": "110105194912310021"},
                               "items": [{"code": "A", "name": "x"}]}), encoding="utf-8")
    res = run("submit", str(bad), env=env)
    assert res.returncode == 2 and "校验位" in res.stderr
    assert "pending: 0" in run("queue", env=env).stdout
