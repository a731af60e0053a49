"""Device benchmarks, each a ratio against a baseline measured in the same run:

- 社保卡 read through the ``pcsc:`` driver (pyscard + a private pcscd + vpcd + the tests'
  virtual card), from card present to parsed record, against the bare APDU exchange (the
  same ten APDUs with SCardTransmit, no parsing, no state checks);
- camera throughput with the portrait check on 640x480 frames read from a video file, on
  one core, against plain frame decode from the same file (goal >= 15 fps).

Needs root for the private pcscd (mount namespace), as the tests do.
"""

from __future__ import annotations

import statistics
import tempfile
import time
from pathlib import Path

import cv2

from devices.camera.opencv import OpenCvCamera
from devices.camera.quality import check_portrait
from devices.idcard import ssc
from devices.idcard.pcsc import PcscCardReader
from devices.idcard.reader import NoCard, SocialCardRead
from tests.devices import synthetic as syn
from tests.devices.pcsc_stack import READER, PcscStack
from tests.devices.test_pcsc import CARD
from tests.devices.vpcd_card import SocialSecurityApplet, VirtualCard


def _bare_apdus(handle: object, proto: int) -> None:
    from smartcard import scard

    pci = scard.SCARD_PCI_T0 if proto == scard.SCARD_PROTOCOL_T0 else scard.SCARD_PCI_T1
    apdus = [ssc.select_aid()]
    for ef, fields in ssc.READ_PLAN:
        apdus.append(ssc.select_ef(ef))
        apdus += [ssc.read_record(f.record, f.length + 2) for f in fields]
    for a in apdus:
        hr, _ = scard.SCardTransmit(handle, pci, list(a))
        assert hr == scard.SCARD_S_SUCCESS


def _ssc(n: int) -> list[str]:
    from smartcard import scard

    stack = PcscStack().start()
    try:
        with VirtualCard(stack.port, SocialSecurityApplet(ssc.encode_card(CARD))):
            _, ctx = scard.SCardEstablishContext(scard.SCARD_SCOPE_USER)
            deadline = time.monotonic() + 10
            while True:
                hr, handle, proto = scard.SCardConnect(
                    ctx, READER, scard.SCARD_SHARE_SHARED,
                    scard.SCARD_PROTOCOL_T0 | scard.SCARD_PROTOCOL_T1)
                if hr == scard.SCARD_S_SUCCESS or time.monotonic() > deadline:
                    break
                time.sleep(0.05)
            bare, real = [], []
            for _ in range(n):
                t0 = time.perf_counter()
                _bare_apdus(handle, proto)
                bare.append(time.perf_counter() - t0)
                reader = PcscCardReader(READER)  # a fresh driver reads the card afresh
                t0 = time.perf_counter()
                status = reader.status()
                real.append(time.perf_counter() - t0)
                reader.close()
                assert isinstance(status, SocialCardRead), status
            scard.SCardDisconnect(handle, scard.SCARD_LEAVE_CARD)
            t0 = time.perf_counter()
            held = PcscCardReader(READER)
            held.status()
            t1 = time.perf_counter()
            for _ in range(20):
                held.status()
            poll = (time.perf_counter() - t1) / 20
            held.close()
            assert not isinstance(held.status(), NoCard)
            scard.SCardReleaseContext(ctx)
    finally:
        stack.stop()
    b, r = statistics.median(bare), statistics.median(real)
    return [f"社保卡 read (pcsc: driver) median {r * 1000:.0f} ms; bare 10 APDUs "
            f"{b * 1000:.0f} ms; ratio {r / b:.2f}x",
            f"poll with the card left on the reader {poll * 1000:.2f} ms "
            f"({poll / b * 100:.1f}% of a bare read)"]


def _camera(frames: int) -> list[str]:
    cv2.setNumThreads(1)
    with tempfile.TemporaryDirectory() as tmp:
        video = syn.write_video(Path(tmp) / "cam.avi",
                                [syn.portrait(300 + i % 40, 240, seed=i) for i in range(30)])
        cam = OpenCvCamera(str(video))
        cam.read_frame()
        t0 = time.perf_counter()
        for _f in cam.frames(limit=frames):
            pass
        decode = (time.perf_counter() - t0) / frames
        passed = 0
        t0 = time.perf_counter()
        for f in cam.frames(limit=frames):
            passed += check_portrait(f).ok
        checked = (time.perf_counter() - t0) / frames
        cam.close()
    return [f"camera 640x480 with portrait check {1 / checked:.1f} fps on one core "
            f"(goal >= 15); plain decode {1 / decode:.0f} fps; ratio {checked / decode:.2f}x "
            f"time per frame; {passed}/{frames} frames passed the check"]


def run(quick: bool) -> list[str]:
    return _ssc(5 if quick else 20) + _camera(60 if quick else 300)
