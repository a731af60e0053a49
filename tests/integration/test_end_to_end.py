"""Card to receipt across real processes: only the card is a mock.

mock card → Kiosk (encrypted store) → outbox → reference platform in its own process on
127.0.0.1 → platform number stored locally → receipt PDF read back with poppler and its QR
decoded with zxing-cpp.
"""

from __future__ import annotations

import datetime as dt
import os
import signal
import subprocess
import time
from dataclasses import replace
from pathlib import Path

import pytest

from devices.idcard import IdCard
from devices.idcard.mock import MockCardReader
from kiosk.app import Kiosk
from kiosk.cases import CaseStatus
from kiosk.config import Config
from kiosk.provision import provision
from tests.conftest import PlatformProcess, kiosk_cmd
from tests.pdfread import pdf_qr_texts, pdf_text

pytestmark = pytest.mark.integration


def test_card_to_platform_to_printed_receipt(cfg: Config, card: IdCard, tmp_path: Path,
                                             platform_process: PlatformProcess) -> None:
    cfg = replace(cfg, platform_url=platform_process.url)
    provision(cfg, platform_process.url, platform_process.enrol_code(cfg.terminal_id))
    kiosk = Kiosk.open(cfg)
    try:
        kiosk.start_visit()
        assert not kiosk.poll_card()  # nothing on the reader yet
        MockCardReader(cfg.mock_dir).insert(card)
        assert kiosk.poll_card()
        assert kiosk.session.view.masked_id == "4201**********" + card.id_number[-4:]
        kiosk.choose([kiosk.items[3].code])
        kiosk.add_photo("portrait")
        case = kiosk.submit()
        assert case.status is CaseStatus.SUBMITTED and case.platform_no is None
        result = kiosk.sync_once()
        assert result.sent == 1
        case = kiosk.store.get_case(case.id)
        assert case.status is CaseStatus.ACCEPTED
        on_platform = platform_process.submissions()
        assert [r["platform_no"] for r in on_platform] == [case.platform_no]
        assert on_platform[0]["payload"]["applicant"]["id_number"] == card.id_number
        assert on_platform[0]["payload"]["items"][0]["name"] == "高龄津贴申领"
        pdf = tmp_path / "receipt.pdf"
        assert kiosk.print_receipt(pdf)
    finally:
        kiosk.close()
    assert case.platform_no is not None
    text = pdf_text(pdf)
    assert case.platform_no in text
    assert "4201**********" + card.id_number[-4:] in text
    assert card.id_number not in text
    qr = pdf_qr_texts(pdf)
    assert len(qr) == 1 and qr[0].endswith("/" + case.platform_no)
    printed = list((cfg.mock_dir / "printed").glob("*.pdf"))
    assert [p.read_bytes() for p in printed] == [pdf.read_bytes()]


def write_config(cfg: Config, path: Path) -> Path:
    path.write_text(f'data_dir = "{cfg.data_dir}"\nplatform_url = "{cfg.platform_url}"\n'
                    f'terminal_id = "{cfg.terminal_id}"\n', encoding="utf-8")
    return path


def submit_file(path: Path, card: IdCard) -> Path:
    import json

    path.write_text(json.dumps({
        "applicant": {"name": card.name, "id_number": card.id_number},
        "items": [{"code": "HB-YL-0002", "name": "养老保险待遇领取资格认证"}],
        "form": {}}, ensure_ascii=False), encoding="utf-8")
    return path


@pytest.mark.platform_test_mode  # holds the acknowledgement back with a fault
def test_worker_killed_between_upload_and_ack_leaves_one_case(
        cfg: Config, card: IdCard, tmp_path: Path, platform_process: PlatformProcess) -> None:
    cfg = replace(cfg, platform_url=platform_process.url)
    conf = write_config(cfg, tmp_path / "kiosk.toml")
    env = dict(os.environ, KIOSK_CONFIG=str(conf))
    subprocess.run(kiosk_cmd("provision", "--platform", platform_process.url, "--code",
                             platform_process.enrol_code(cfg.terminal_id)), env=env,
                   check=True)
    out = subprocess.run(kiosk_cmd("submit", str(submit_file(tmp_path / "case.json", card))),
                         env=env, capture_output=True, text=True, check=True)
    local_no = out.stdout.strip()
    assert local_no.startswith(cfg.terminal_id)

    # The platform stores the case, then takes 60 s to answer: the lost-ack window.
    platform_process.admin("PUT", "/faults", {"delay_after_commit_s": 60})
    worker = subprocess.Popen(kiosk_cmd("sync", "--once"), env=env)
    deadline = time.monotonic() + 30
    while not platform_process.submissions():
        assert time.monotonic() < deadline, "upload never reached the platform"
        assert worker.poll() is None
        time.sleep(0.05)
    worker.send_signal(signal.SIGKILL)
    worker.wait(timeout=10)

    queue = subprocess.run(kiosk_cmd("queue"), env=env, capture_output=True, text=True,
                           check=True).stdout
    assert "pending: 1" in queue  # the terminal never saw the ack

    platform_process.admin("PUT", "/faults", {})
    again = subprocess.run(kiosk_cmd("sync", "--once"), env=env, capture_output=True,
                           text=True, check=True).stdout
    assert "sent: 1" in again
    rows = platform_process.submissions()
    assert len(rows) == 1
    assert rows[0]["local_no"] == local_no

    kiosk = Kiosk.open(cfg)
    try:
        case = kiosk.store.find_case(local_no)
        assert case is not None
        assert case.platform_no == rows[0]["platform_no"]
        assert kiosk.queue_depth() == 0
    finally:
        kiosk.close()
    assert dt.date.today().strftime("%Y%m%d") in rows[0]["platform_no"]
