"""``kiosk devices list|test``: the technician's view of the terminal's devices.

``test`` exercises each configured device the way the terminal uses it (poll the card
reader, grab a frame and run the portrait check, print a test page) and prints one line per
device with a fix for each failure; the exit code is 1 when anything is broken.
"""

from __future__ import annotations

import argparse
import datetime as dt
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from devices import registry
from devices.camera.camera import CameraError
from devices.errors import DeviceError
from devices.idcard.reader import CardError, CardRead, IdChipOnly, NoCard, ReaderError
from devices.printer.printer import PrinterReady
from kiosk.config import Config


@dataclass(frozen=True)
class Result:
    kind: str
    uri: str
    ok: bool
    detail: str
    fix: str = ""

    def line(self) -> str:
        mark = "OK  " if self.ok else "FAIL"
        fix = f" — fix: {self.fix}" if self.fix else ""
        return f"{mark} {self.kind:<11} {self.uri}: {self.detail}{fix}"


def check_card_reader(cfg: Config) -> Result:
    uri = cfg.devices.card_reader
    try:
        reader = registry.card_reader(uri, cfg.mock_dir)
    except DeviceError as exc:
        return Result("card_reader", uri, False, str(exc), "set devices.card_reader")
    try:
        st = reader.status()
    finally:
        reader.close()
    if isinstance(st, ReaderError):
        return Result("card_reader", uri, False, st.detail,
                      "check the cable and power, then `kiosk devices list` for the URI")
    if isinstance(st, NoCard):
        return Result("card_reader", uri, True, "reader answers, no card on it")
    if isinstance(st, CardRead):
        return Result("card_reader", uri, True, f"card read ({st.card.card_type})")
    if isinstance(st, IdChipOnly):
        return Result("card_reader", uri, True, "resident ID card seen (chip UID only: "
                      "its data needs a SAM reader)")
    assert isinstance(st, CardError)
    return Result("card_reader", uri, False, f"a card is on the reader but unreadable: "
                  f"{st.detail}", "take the card off and test again with a known-good card")


def check_camera(cfg: Config) -> Result:
    uri = cfg.devices.camera
    try:
        cam = registry.camera(uri, cfg.mock_dir)
    except DeviceError as exc:
        return Result("camera", uri, False, str(exc), "set devices.camera")
    try:
        photo = cam.capture()
    except CameraError as exc:
        return Result("camera", uri, False, str(exc),
                      "check the USB cable; `kiosk devices list` shows /dev/video* as opencv:N")
    finally:
        cam.close()
    import cv2
    import numpy as np

    from devices.camera.quality import check_portrait

    frame = cv2.imdecode(np.frombuffer(photo.jpeg, np.uint8), cv2.IMREAD_COLOR)
    if frame is None:
        return Result("camera", uri, False, "frame is not a decodable JPEG",
                      "replace the camera or its driver")
    check = check_portrait(frame)
    seen = "portrait check passes" if check.ok else f"portrait check: {'，'.join(check.hints)}"
    return Result("camera", uri, True, f"frame {photo.width}x{photo.height}, {seen}")


def _test_page(out: Path, uri: str) -> Path:
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.pdfgen import canvas

    from kiosk.fonts import cjk_font_path

    if "KioskTest" not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont("KioskTest", str(cjk_font_path()), subfontIndex=0))
    c = canvas.Canvas(str(out), pagesize=(226, 200))
    c.setFont("KioskTest", 11)
    c.drawString(12, 170, "打印机测试页 / printer test page")
    c.setFont("KioskTest", 8)
    c.drawString(12, 150, f"{uri}  {dt.datetime.now():%Y-%m-%d %H:%M:%S}")
    c.save()
    return out


def check_printer(cfg: Config, print_page: bool = True) -> Result:
    uri = cfg.devices.printer
    try:
        printer = registry.printer(uri, cfg.mock_dir)
    except DeviceError as exc:
        return Result("printer", uri, False, str(exc), "set devices.printer")
    try:
        st = printer.status()
        if not isinstance(st, PrinterReady):
            fixes = {"OutOfPaper": "load a paper roll", "PaperJam": "open the cover, clear "
                     "the jam", "PrinterOffline": "check power and cable; cupsenable QUEUE"}
            detail = getattr(st, "detail", "") or type(st).__name__
            return Result("printer", uri, False, detail, fixes.get(type(st).__name__, ""))
        if not print_page:
            return Result("printer", uri, True, "ready (no page printed)")
        with tempfile.TemporaryDirectory() as tmp:
            job = printer.print_pdf(_test_page(Path(tmp) / "test.pdf", uri), "kiosk-test-page")
        return Result("printer", uri, True, f"ready, test page sent as job {job}")
    except DeviceError as exc:
        return Result("printer", uri, False, str(exc), "see `lpstat -l -p` / the printer panel")
    finally:
        printer.close()


def cmd_list(args: argparse.Namespace) -> int:
    from devices.detect import scan
    from kiosk.cli import config_from_args

    cfg = config_from_args(args)
    print("configured:")
    for kind in ("card_reader", "camera", "printer"):
        print(f"  {kind:<11} {getattr(cfg.devices, kind)}")
    found = scan()
    print("found:" if found else "found: nothing (no ID reader, camera or printer detected)")
    for f in found:
        print(f"  {f.kind:<11} {f.uri}  ({f.note})")
    return 0


def cmd_test(args: argparse.Namespace) -> int:
    from kiosk.cli import config_from_args

    cfg = config_from_args(args)
    tests: list[Callable[[], Result]] = [
        lambda: check_card_reader(cfg), lambda: check_camera(cfg),
        lambda: check_printer(cfg, print_page=not args.no_print)]
    results = [t() for t in tests]
    for r in results:
        print(r.line())
    return 0 if all(r.ok for r in results) else 1


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    dev = sub.add_parser("devices", help="list and test the terminal's devices (technicians)")
    dsub = dev.add_subparsers(dest="devices_command", required=True, metavar="ACTION")
    sp = dsub.add_parser("list", help="configured devices and ID readers, cameras and "
                         "printers found on this machine, with their URIs")
    sp.add_argument("--data-dir", help="override the config's data_dir")
    sp.set_defaults(func=cmd_list)
    sp = dsub.add_parser("test", help="exercise each configured device; exit 1 if one fails")
    sp.add_argument("--data-dir", help="override the config's data_dir")
    sp.add_argument("--no-print", action="store_true", help="check the printer, print nothing")
    sp.set_defaults(func=cmd_test)
