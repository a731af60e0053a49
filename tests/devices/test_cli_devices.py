"""``kiosk devices list|test`` against real peers: the private pcscd with a virtual 社保卡,
a video file as the camera, the private cupsd's cups-pdf queue and a faulty queue."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest

from devices.detect import classify_serial, classify_usb
from devices.idcard import ssc
from devices.idcard.pcsc import PcscCardReader
from devices.idcard.reader import NoCard
from tests.conftest import kiosk_cmd
from tests.devices import synthetic as syn
from tests.devices.cups_stack import QUEUE, CupsStack
from tests.devices.pcsc_stack import READER, PcscStack
from tests.devices.test_pcsc import CARD, wait_for
from tests.devices.vpcd_card import SocialSecurityApplet, VirtualCard


def run_kiosk(tmp_path: Path, *args: str, **devices: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "KIOSK_CONFIG": str(tmp_path / "none.toml"),
           **{f"KIOSK_DEVICE_{k.upper()}": v for k, v in devices.items()}}
    return subprocess.run(kiosk_cmd(*args, "--data-dir", str(tmp_path / "data")), env=env,
                          capture_output=True, text=True, timeout=120, check=False)


@pytest.mark.integration
def test_devices_test_passes_when_every_device_works(
        tmp_path: Path, pcsc_stack: PcscStack, cups_stack: CupsStack) -> None:
    video = syn.write_video(tmp_path / "cam.avi", [syn.portrait(seed=i) for i in range(3)])
    with VirtualCard(pcsc_stack.port, SocialSecurityApplet(ssc.encode_card(CARD))):
        seen = PcscCardReader(READER)
        wait_for(seen, lambda s: not isinstance(s, NoCard))
        seen.close()
        res = run_kiosk(tmp_path, "devices", "test", card_reader=f"pcsc:{READER}",
                        camera=f"opencv:{video}", printer=f"cups:{QUEUE}")
    pcsc_stack.wait_empty()  # the next test must find the reader empty
    assert res.returncode == 0, res.stdout + res.stderr
    lines = res.stdout.splitlines()
    assert [line.split()[:2] for line in lines] == [
        ["OK", "card_reader"], ["OK", "camera"], ["OK", "printer"]]
    assert "card read (social_security)" in lines[0]
    assert "portrait check passes" in lines[1] and f"job {QUEUE}-" in lines[2]
    assert "欧阳" not in res.stdout  # the card's holder is never printed


@pytest.mark.integration
def test_devices_test_fails_with_a_fix_per_broken_device(
        tmp_path: Path, pcsc_stack: PcscStack, cups_stack: CupsStack) -> None:
    cups_stack.add_fault_queue("PaperOut", "media-empty-error")
    subprocess.run(["cupsdisable", "-r", "paper", "PaperOut"], check=True)
    res = run_kiosk(tmp_path, "devices", "test", "--no-print", card_reader="pcsc:Feitian",
                    camera=f"opencv:{tmp_path / 'missing.avi'}", printer="cups:PaperOut")
    assert res.returncode == 1
    lines = res.stdout.splitlines()
    assert len(lines) == 3 and all(line.startswith("FAIL") and "fix:" in line for line in lines)
    assert READER in lines[0]  # names the readers that are there


def test_devices_list_shows_the_configuration(tmp_path: Path) -> None:
    res = run_kiosk(tmp_path, "devices", "list", camera="opencv:0")
    assert res.returncode == 0
    assert "camera      opencv:0" in res.stdout and "found" in res.stdout


def test_usb_serial_bridges_and_usb_ids_map_to_reader_and_printer_uris() -> None:
    f = classify_serial("/dev/ttyUSB0", 0x1A86, 0x7523, "USB Serial")
    assert f is not None and f.uri == "sam-serial:/dev/ttyUSB0?baud=115200"
    assert classify_serial("/dev/ttyS0", None, None) is None
    assert classify_serial("/dev/ttyACM0", 0x2341, 0x0043) is None
    sam = classify_usb(0x0400, 0xC35A)
    assert sam is not None and sam.uri == "sam-usb:0400:c35a"
    pos = classify_usb(0x0416, 0x5011)
    assert pos is not None and pos.uri == "escpos-usb:0416:5011" and pos.kind == "printer"
    assert classify_usb(0x1D6B, 0x0002) is None
