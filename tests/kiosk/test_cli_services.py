"""`kiosk catalog|guide|status|submit|receipt` as a technician runs them (subprocesses)."""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

from tests.conftest import kiosk_cmd
from tests.kiosk.svc import elder, raw_catalog, write_catalog
from tests.pdfread import pdf_qr_texts, pdf_text


def run(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(kiosk_cmd(*args), capture_output=True, text=True, env=env,
                          timeout=120, check=False)


def env_for(tmp_path: Path) -> dict[str, str]:
    return dict(os.environ, KIOSK_CONFIG=str(tmp_path / "none.toml"),
                KIOSK_DATA_DIR=str(tmp_path / "data"), KIOSK_PLATFORM_URL="http://127.0.0.1:9")


def test_catalog_validate_list_and_search() -> None:
    ok = run("catalog", "validate")
    assert ok.returncode == 0 and "20 items" in ok.stdout and "3 bundles" in ok.stdout
    listing = json.loads(run("catalog", "list", "--json").stdout)
    assert set(listing) >= {"items", "bundles"}
    assert len(listing["items"]) >= 15 and len(listing["bundles"]) >= 3
    assert all(i["local_code"] and i["basic_code"] is None for i in listing["items"])
    found = run("catalog", "search", "ylbx").stdout.splitlines()
    assert found[0] == "LOCAL-RS-0002  养老保险待遇领取资格认证"


def test_catalog_validate_names_file_path_and_reason(tmp_path: Path) -> None:
    data = raw_catalog()
    data["items"][4]["time_limit"]["unit"] = "fortnight"
    folder = write_catalog(tmp_path / "bad", data)
    res = run("catalog", "validate", str(folder))
    assert res.returncode == 1
    assert f"{folder}/catalog.json: $.items[4].time_limit.unit: 'fortnight' is not one of" \
        in res.stderr


def test_guide_prints_the_checklist_for_the_answers(tmp_path: Path) -> None:
    answers = tmp_path / "a.json"
    answers.write_text(json.dumps({"proxy": True, "card_reason": "lost"}), encoding="utf-8")
    pdf = tmp_path / "c.pdf"
    res = run("guide", "LOCAL-RS-0003", "--answers", str(answers), "--pdf", str(pdf),
              "--layout", "a4")
    assert res.returncode == 0, res.stderr
    assert "代办人居民身份证（必须提供" in res.stdout and "原社会保障卡" not in res.stdout
    assert "社会保障卡补领、换领—材料清单" in "".join(pdf_text(pdf).split())
    answers.write_text(json.dumps({"proxy": "maybe"}), encoding="utf-8")
    bad = run("guide", "LOCAL-RS-0003", "--answers", str(answers))
    assert bad.returncode == 2 and "proxy: expected true or false" in bad.stderr


def test_submit_bundle_then_receipt_a4_and_status(tmp_path: Path) -> None:
    env = env_for(tmp_path)
    a = elder("1940-03-12")
    photo = tmp_path / "photo.jpg"
    photo.write_bytes(b"\xff\xd8not-really-a-jpeg")
    spec = tmp_path / "case.json"
    spec.write_text(json.dumps({
        "applicant": {"name": a.name, "id_number": a.id_number, "birth_date": a.birth_date},
        "bundle": "LOCAL-YJS-0002", "form": {"phone": "13800138000"},
        "materials": {"bank_book": {"status": "deferred"}},
        "photos": {"e_photo": ["photo.jpg"]}}, ensure_ascii=False), encoding="utf-8")
    res = run("submit", str(spec), env=env)
    assert res.returncode == 0, res.stderr
    numbers = res.stdout.split()
    assert len(numbers) == 3  # 待遇申领, 优待证, 高龄津贴 (86 years old)
    pdf = tmp_path / "r.pdf"
    assert run("receipt", numbers[2], "--pdf", str(pdf), "--layout", "a4",
               env=env).returncode == 0
    flat = "".join(pdf_text(pdf).split())
    assert numbers[2] in flat and "容缺受理" in flat and a.id_number not in flat
    assert pdf_qr_texts(pdf) == [f"http://127.0.0.1:9/q/{numbers[2]}"]
    status = run("status", a.id_number, env=env)
    assert status.returncode == 0
    assert "暂时连不上" in status.stdout and status.stdout.count("已提交，等待上传") == 3
    assert a.id_number not in status.stdout


def test_submit_reports_form_problems_in_chinese(tmp_path: Path) -> None:
    env = env_for(tmp_path)
    a = elder()
    spec = tmp_path / "case.json"
    spec.write_text(json.dumps({"applicant": {"name": a.name, "id_number": a.id_number},
                                "items": ["LOCAL-MZ-0005"], "form": {"phone": "1380013"}},
                               ensure_ascii=False), encoding="utf-8")
    res = run("submit", str(spec), env=env)
    assert res.returncode == 2
    assert "phone: 「手机号码」手机号码应为11位，现在是7位" in res.stderr
    assert "hardship_reason: 「困难情况说明」必须填写" in res.stderr
