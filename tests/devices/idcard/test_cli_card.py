"""`kiosk card read` and `kiosk card decode` as a technician runs them: real processes,
the simulator on a pty, hex dumps in files and on stdin."""

from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
import time
from pathlib import Path

import pytest

from devices.idcard.frames import SW3, build_answer
from devices.idcard.mock import MockCardReader
from devices.idcard.textblock import build_text_block
from kiosk.config import Config
from tests.conftest import kiosk_cmd
from tests.devices.idcard.conftest import foreign_2023_card, permit_card, resident_card
from tests.devices.idcard.simulator import PtySimulator, SamModule, SimCard, sample_wlt

CARD = resident_card()


def run(*args: str, tmp_path: Path, stdin: str | None = None,
        timeout: float = 60) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, KIOSK_CONFIG=str(tmp_path / "none.toml"),
               KIOSK_DATA_DIR=str(tmp_path / "data"))
    return subprocess.run(kiosk_cmd(*args), capture_output=True, text=True, env=env,
                          input=stdin, timeout=timeout, check=False)


def test_card_help_lists_read_and_decode(tmp_path: Path) -> None:
    out = run("card", "--help", tmp_path=tmp_path).stdout
    assert "read" in out and "decode" in out
    assert "--reveal" in run("card", "read", "--help", tmp_path=tmp_path).stdout


def test_read_from_the_mock_reader_is_masked_unless_revealed(tmp_path: Path) -> None:
    res = run("card", "read", "--reader", "mock:", tmp_path=tmp_path)
    assert res.returncode == 3 and "没有证件" in res.stderr
    MockCardReader(Config(data_dir=tmp_path / "data").mock_dir).insert(CARD)
    res = run("card", "read", tmp_path=tmp_path)
    assert res.returncode == 0, res.stderr
    assert CARD.id_number not in res.stdout and CARD.name not in res.stdout
    assert "4201**********" in res.stdout and "王**" in res.stdout
    assert "结论: 可以受理" in res.stdout
    revealed = run("card", "read", "--reveal", "--json", tmp_path=tmp_path)
    data = json.loads(revealed.stdout)
    assert data["status"] == "accepted"
    assert data["card"]["id_number"] == CARD.id_number and data["card"]["name"] == "王建国"
    assert data["card"]["valid_until"] == "长期"


def test_read_through_sam_serial_and_the_simulator(tmp_path: Path) -> None:
    module = SamModule(SimCard.of(resident_card(), appended=["湖北省武汉市新址6号"]))
    with PtySimulator(module) as sim:
        res = run("card", "read", "--reader", f"sam-serial:{sim.path}?baud=115200", "--json",
                  tmp_path=tmp_path)
        assert res.returncode == 0, res.stderr
        data = json.loads(res.stdout)
        assert data["card"]["card_kind"] == "居民身份证"
        assert data["card"]["nation"] == "汉"
        assert data["card"]["appended_address"].startswith("湖北省")
        assert "新址6号" not in res.stdout
        assert data["reader"]["sam_id"] == "05.01-20230101-0001234567-0890123456"
        assert data["card"]["photo_bytes"] == 1024
        photo = tmp_path / "photo.wlt"
        res = run("card", "read", "--reader", f"sam-serial:{sim.path}", "--reveal", "--photo",
                  str(photo), tmp_path=tmp_path)
        assert res.returncode == 0 and photo.read_bytes() == module.card.photo  # type: ignore
        bmp = tmp_path / "photo.bmp"
        run("card", "read", "--reader", f"sam-serial:{sim.path}", "--reveal", "--photo",
            str(bmp), tmp_path=tmp_path)
        assert bmp.read_bytes().startswith(b"BM")  # the placeholder: no decoder configured


def test_read_refuses_an_expired_card_in_plain_words(tmp_path: Path) -> None:
    expired = resident_card(valid_from=dt.date(2005, 1, 1), valid_until=dt.date(2025, 1, 1))
    with PtySimulator(SamModule(SimCard.of(expired))) as sim:
        res = run("card", "read", "--reader", f"sam-serial:{sim.path}", "--on", "2026-11-26",
                  tmp_path=tmp_path)
    assert res.returncode == 1
    assert "您的身份证已于2025年1月1日过期，请先换领新证" in res.stderr


def test_read_with_no_reader_exits_quickly_with_the_reason(tmp_path: Path) -> None:
    t0 = time.monotonic()
    res = run("card", "read", "--reader", "sam-serial:/dev/ttyNOSUCH7", tmp_path=tmp_path)
    assert res.returncode == 5
    assert "读卡器未连接" in res.stderr and "does not exist" in res.stderr
    assert time.monotonic() - t0 < 20


def test_read_of_a_silent_reader_never_hangs(tmp_path: Path) -> None:
    module = SamModule(SimCard.of(resident_card()))
    module.faults.silent = True
    with PtySimulator(module) as sim:
        res = run("card", "read", "--reader", f"sam-serial:{sim.path}", "--json",
                  tmp_path=tmp_path, timeout=30)
    assert res.returncode == 5
    assert json.loads(res.stdout)["code"] == "reader_not_responding"


def test_read_with_a_bad_uri_names_the_key(tmp_path: Path) -> None:
    res = run("card", "read", "--reader", "sam-serial:/dev/x?baud=7", tmp_path=tmp_path)
    assert res.returncode == 2 and "devices.card_reader" in res.stderr


def test_wait_for_a_card(tmp_path: Path) -> None:
    module = SamModule(None)
    with PtySimulator(module) as sim:
        proc = subprocess.Popen(
            kiosk_cmd("card", "read", "--reader", f"sam-serial:{sim.path}", "--wait", "10"),
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
            env=dict(os.environ, KIOSK_CONFIG=str(tmp_path / "none.toml")))
        time.sleep(2.0)
        module.insert(SimCard.of(resident_card()))
        out, err = proc.communicate(timeout=30)
    assert proc.returncode == 0, err
    assert "可以受理" in out


# decode ----------------------------------------------------------------------------------


def write_hex(tmp_path: Path, raw: bytes, spaced: bool = True) -> Path:
    text = (raw.hex(" ") if spaced else raw.hex()).upper()
    path = tmp_path / "dump.txt"
    path.write_text("\n".join(text[i:i + 96] for i in range(0, len(text), 96)) + "\n")
    return path


def test_decode_a_dump_from_a_file_and_from_stdin(tmp_path: Path) -> None:
    raw = build_text_block(permit_card())
    res = run("card", "decode", "--hex", str(write_hex(tmp_path, raw)), "--on", "2026-11-26",
              tmp_path=tmp_path)
    assert res.returncode == 0, res.stderr
    assert "港澳台居民居住证" in res.stdout and "通行证号码: H1*****78" in res.stdout
    res = run("card", "decode", "--hex", "-", "--json", "--reveal", "--on", "2026-11-26",
              tmp_path=tmp_path, stdin=raw.hex())
    data = json.loads(res.stdout)
    assert data["card"]["pass_number"] == "H12345678" and data["status"] == "accepted"


def test_decode_a_whole_read_answer_frame(tmp_path: Path) -> None:
    text, photo = build_text_block(foreign_2023_card()), sample_wlt()
    frame = build_answer(SW3.OK, (256).to_bytes(2, "big") + (1024).to_bytes(2, "big")
                         + text + photo)
    res = run("card", "decode", "--hex", str(write_hex(tmp_path, frame, spaced=False)),
              "--json", "--on", "2026-11-26", tmp_path=tmp_path)
    data = json.loads(res.stdout)
    assert res.returncode == 0 and data["card"]["card_kind"] == "外国人永久居留身份证"
    assert data["card"]["nationality"] == "DEU" and data["card"]["photo_bytes"] == 1024


@pytest.mark.parametrize(("card_changes", "reason"), [
    ({"id_number": "420102194401050031"}, "校验位不正确"),
    ({"valid_from": dt.date(2004, 1, 1), "valid_until": dt.date(2024, 1, 1)},
     "已于2024年1月1日过期"),
])
def test_decode_refuses_with_a_plain_reason(card_changes: dict[str, object], reason: str,
                                            tmp_path: Path) -> None:
    raw = build_text_block(resident_card(**card_changes))
    res = run("card", "decode", "--hex", str(write_hex(tmp_path, raw)), "--on", "2026-11-26",
              tmp_path=tmp_path)
    assert res.returncode == 1
    assert reason in res.stderr and "不予受理" in res.stderr


def test_decode_refuses_an_impossible_date(tmp_path: Path) -> None:
    raw = build_text_block(resident_card())
    raw = raw.replace("19440105".encode("utf-16-le"), "19440231".encode("utf-16-le"))
    res = run("card", "decode", "--hex", str(write_hex(tmp_path, raw)), tmp_path=tmp_path)
    assert res.returncode == 1 and "19440231不是存在的日期" in res.stderr


@pytest.mark.parametrize(("content", "reason"), [
    ("zz not hex", "不是十六进制"),
    ("00" * 100, "256字节"),
    ("AAAAAA9669000400008084", "不是成功"),
])
def test_decode_bad_input_exits_2(content: str, reason: str, tmp_path: Path) -> None:
    res = run("card", "decode", "--hex", "-", tmp_path=tmp_path, stdin=content)
    assert res.returncode == 2 and reason in res.stderr


def test_decode_missing_file(tmp_path: Path) -> None:
    res = run("card", "decode", "--hex", str(tmp_path / "nope.hex"), tmp_path=tmp_path)
    assert res.returncode == 2 and "无法读取" in res.stderr
