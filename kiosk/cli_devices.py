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
from typing import Any

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

    from devices.camera.camera import DEFAULT_PREVIEW_SIZE
    from devices.camera.preview import fit
    from devices.camera.quality import check_portrait

    frame = cv2.imdecode(np.frombuffer(photo.jpeg, np.uint8), cv2.IMREAD_COLOR)
    if frame is None:
        return Result("camera", uri, False, "frame is not a decodable JPEG",
                      "replace the camera or its driver")
    # Judged at the preview's size, where the screens run it and its thresholds were set
    # (a 5 MP still's face has softer pixel-level edges and would read as blurred).
    check = check_portrait(fit(frame, DEFAULT_PREVIEW_SIZE))
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


# ``kiosk mock camera``: what the mock camera of a running terminal shows ----------------

IMAGE_MAX_BYTES = 20 * 1024 * 1024  # a 5 MP 高拍仪 still as PNG is ~10 MB
IMAGE_MAX_PIXELS = 50_000_000  # checked from the header, before anything is decoded
IMAGE_MAX_SIDE = 8192


class MockInputError(ValueError):
    """A picture or value a tester gave that the mock camera cannot show; one line."""


def load_picture(path: Path) -> Any:
    """A picture file as a BGR frame, or MockInputError saying why not in one line: a
    directory, a FIFO, a device or a huge file is refused before a byte is read
    (``kiosk.jsonfile.read_bounded``), a picture too large in pixels from its header
    before it is decoded (a small PNG can claim 100 000 x 100 000), anything else that
    does not decode as PNG or JPEG after."""
    import io

    import cv2
    import numpy as np
    from PIL import Image, UnidentifiedImageError

    from kiosk.jsonfile import JsonFileError, read_bounded

    try:
        data = read_bounded(path, IMAGE_MAX_BYTES)
    except JsonFileError as exc:
        raise MockInputError(f"cannot use {path} as a picture: {exc}") from None
    try:
        with Image.open(io.BytesIO(data)) as im:
            w, h, fmt = im.width, im.height, im.format
    except (UnidentifiedImageError, OSError, ValueError, Image.DecompressionBombError):
        raise MockInputError(f"{path} is not a picture (PNG or JPEG expected)") from None
    if fmt not in ("PNG", "JPEG"):
        raise MockInputError(f"{path} is a {fmt} picture; PNG or JPEG expected")
    if w > IMAGE_MAX_SIDE or h > IMAGE_MAX_SIDE or w * h > IMAGE_MAX_PIXELS:
        raise MockInputError(f"{path} is {w}x{h} pixels; at most {IMAGE_MAX_SIDE} a side and "
                             f"{IMAGE_MAX_PIXELS // 1_000_000} MP")
    if min(w, h) < 16:
        raise MockInputError(f"{path} is {w}x{h} pixels; at least 16 a side")
    frame = cv2.imdecode(np.frombuffer(data, np.uint8), cv2.IMREAD_COLOR)
    if frame is None:
        raise MockInputError(f"{path} is damaged: its {fmt} data does not decode")
    return frame


def cmd_mock_camera(args: argparse.Namespace) -> int:
    """Sets what the mock camera of a terminal sharing this data_dir shows; the running
    preview picks it up at its next frame (devices/camera/mock.py reads the scene file)."""
    import sys

    from devices.camera.mock import MockCamera
    from kiosk.cli import config_from_args

    cfg = config_from_args(args)
    cam = MockCamera(cfg.mock_dir)
    what = args.what
    try:
        if what == "scene":
            params: dict[str, str | int] = {}
            if args.still:
                params["still"] = args.still
            if args.die_after is not None:
                params["die_after"] = args.die_after
            cam.show(args.scene, **params)
        elif what == "image":
            cam.show_images([load_picture(Path(p)) for p in args.files])
        elif what == "qr":
            if not args.text.strip():
                raise MockInputError("the QR text is empty")
            cam.show("qr", qr=args.text)
        elif what == "black":
            cam.show("black")
        elif what == "dies":
            q = f"die_after={args.after}" + (f"&scene={args.scene}" if args.scene else "")
            cam.show_query(q)
        elif what == "missing":
            cam.show_query("missing=1")
        elif what == "unplug":
            cam.unplug()
        elif what == "plug":
            cam.plug()
        else:
            cam.reset()
    except (MockInputError, CameraError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    except OSError as exc:
        print(f"error: cannot write the mock camera's files under {cfg.mock_dir}: "
              f"{exc.strerror}", file=sys.stderr)
        return 2
    print("ok")
    return 0


def _non_negative(text: str) -> int:
    if not text.isdigit() or len(text) > 9:
        raise argparse.ArgumentTypeError(f"expected a frame count, got {text!r}")
    return int(text)


def _register_mock_camera(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """``kiosk mock camera …`` beside ``kiosk mock card|printer`` (kiosk/cli.py builds
    ``mock``; its sub-parsers are found here so that file does not grow per device)."""
    from devices.camera.scenes import SCENE_NAMES

    mock = sub.choices.get("mock")
    if mock is None:
        return
    msub = next((a for a in mock._actions  # argparse keeps no public handle on them
                 if isinstance(a, argparse._SubParsersAction)), None)
    if msub is None:
        return
    mc = msub.add_parser("camera", help="choose what the mock camera shows (a scene, your "
                         "pictures, a phone QR, black frames, a camera that dies)",
                         description="Choose what the mock camera of a running terminal "
                         "(same data_dir) shows; its preview follows at the next frame.")
    what = mc.add_subparsers(dest="what", required=True, metavar="WHAT")
    sc = what.add_parser("scene", help=f"a synthetic scene: {', '.join(SCENE_NAMES)}")
    sc.add_argument("scene", choices=SCENE_NAMES)
    sc.add_argument("--still", metavar="WxH", help="size of the still (default 1280x960)")
    sc.add_argument("--die-after", type=_non_negative, metavar="N",
                    help="unplugged after N frames")
    im = what.add_parser("image", help="these PNG/JPEG pictures (a document page, a face): "
                         "the preview shows the first, each still the next in turn; they "
                         "replace the pictures in <mock_dir>/camera/")
    im.add_argument("files", nargs="+", metavar="FILE")
    qr = what.add_parser("qr", help="a phone held up showing a QR code with TEXT (an "
                         "电子证照 is DZZZ1:KIND:NUMBER:CHECK)")
    qr.add_argument("text")
    what.add_parser("black", help="black frames (a covered lens)")
    dies = what.add_parser("dies", help="a camera that works for N frames, then is gone")
    dies.add_argument("--after", type=_non_negative, default=30, metavar="N",
                      help="frames before it dies (default 30)")
    dies.add_argument("--scene", choices=SCENE_NAMES, help="what it shows until then")
    what.add_parser("missing", help="no camera connected at all")
    what.add_parser("unplug", help="pull the cable (until `plug`)")
    what.add_parser("plug", help="put the cable back")
    what.add_parser("reset", help="back to the configured camera (scene file removed, "
                    "plugged in)")
    mc.set_defaults(func=cmd_mock_camera)


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
    _register_mock_camera(sub)
