"""ESC/POS thermal receipt printers through python-escpos:
``escpos-usb:VID:PID`` (hex), ``escpos-serial:/dev/ttyS0?baud=9600``, ``escpos-net:HOST:PORT``.

Two ways to print: ``print_receipt`` renders a ``ReceiptDoc`` with the printer's own fonts
(GB18030 Chinese text in the printer's Chinese mode, native QR, cut) — fast and crisp on
58/80 mm printers; ``print_pdf`` (the ReceiptPrinter interface) rasterises the receipt PDF
with poppler at the head's 203 dpi and sends it as an image.

Chinese text is sent as GB18030 bytes after FS & (enter Chinese character mode), which is
how the Chinese-market printers take it; python-escpos's code-page "magic" has no GB18030.
"""

from __future__ import annotations

import contextlib
import subprocess
import tempfile
from dataclasses import dataclass
from enum import Enum
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs

from devices.printer.printer import (
    OutOfPaper,
    PrinterError,
    PrinterOffline,
    PrinterOfflineError,
    PrinterOutOfPaper,
    PrinterReady,
    PrinterStatus,
)

FS_CHINESE_ON = b"\x1c\x26"
FS_CHINESE_OFF = b"\x1c\x2e"
HEAD_DOTS = {58: 384, 80: 576}


class Align(Enum):
    LEFT = "left"
    CENTER = "center"
    RIGHT = "right"


@dataclass(frozen=True)
class Line:
    text: str
    align: Align = Align.LEFT
    bold: bool = False
    large: bool = False  # double width and height: titles, the case number


@dataclass(frozen=True)
class ReceiptDoc:
    """A receipt as the printer should lay it out: lines, then an optional QR code."""

    lines: tuple[Line, ...]
    qr: str = ""
    qr_size: int = 6            # module size in dots (1..16)
    feed_lines: int = 3
    cut: bool = True


def render(doc: ReceiptDoc, p: Any) -> None:
    """Sends the receipt to a python-escpos printer object (real or Dummy)."""
    p.hw("INIT")
    for line in doc.lines:
        p.set(align=line.align.value, bold=line.bold, double_width=line.large,
              double_height=line.large, normal_textsize=not line.large)
        p._raw(FS_CHINESE_ON + line.text.encode("gb18030") + b"\n")
    p.set(normal_textsize=True, bold=False, align="center")
    if doc.qr:
        p.qr(doc.qr, native=True, size=max(1, min(16, doc.qr_size)), center=False)
    p._raw(FS_CHINESE_OFF)
    p.ln(doc.feed_lines)
    if doc.cut:
        p.cut(feed=False)


def parse_uri(scheme: str, rest: str) -> tuple[str, dict[str, Any]]:
    """(kind, connection arguments) for python-escpos, or PrinterError naming the form."""
    path, _, query = rest.partition("?")
    q = {k: v[0] for k, v in parse_qs(query).items()}
    try:
        if scheme == "escpos-usb":
            vid, pid = path.split(":")
            return "usb", {"idVendor": int(vid, 16), "idProduct": int(pid, 16)}
        if scheme == "escpos-serial":
            if not path:
                raise ValueError("no device")
            return "serial", {"devfile": path, "baudrate": int(q.get("baud", "9600"))}
        if scheme == "escpos-net":
            host, _, port = path.rpartition(":")
            if not host:
                host, port = path, "9100"
            return "net", {"host": host, "port": int(port)}
    except ValueError:
        pass
    raise PrinterError(f"bad ESC/POS printer URI {scheme}:{rest!r}; forms: escpos-usb:0416:5011,"
                       " escpos-serial:/dev/ttyS0?baud=9600, escpos-net:192.168.1.50:9100")


def _open(kind: str, args: dict[str, Any]) -> Any:
    from escpos import printer as ep

    if kind == "usb":
        dev = ep.Usb(**args)
    elif kind == "serial":
        dev = ep.Serial(**args)
    else:
        dev = ep.Network(**args)
    dev.open(raise_not_found=True)
    return dev


class EscposPrinter:
    def __init__(self, scheme: str, rest: str, paper_mm: int = 80,
                 device: Any | None = None) -> None:
        """``device`` is a ready python-escpos object (e.g. Dummy) instead of the URI's."""
        self.kind, self.args = parse_uri(scheme, rest) if device is None else ("given", {})
        self.paper_dots = HEAD_DOTS.get(paper_mm, 576)
        self._device = device

    def _printer(self) -> Any:
        if self._device is None:
            try:
                self._device = _open(self.kind, self.args)
            except Exception as exc:  # python-escpos raises many kinds (usb, serial, socket)
                raise PrinterOfflineError(
                    f"cannot open ESC/POS printer ({self.kind} {self.args}): "
                    f"{type(exc).__name__}: {exc}; check cable/power, and for USB the udev "
                    "rule giving the kiosk user access") from exc
        return self._device

    def status(self) -> PrinterStatus:
        try:
            p = self._printer()
            paper = p.paper_status()
        except PrinterError as exc:
            return PrinterOffline(str(exc))
        except Exception as exc:  # no answer: offline, or a printer that cannot report
            return PrinterOffline(f"no status answer: {type(exc).__name__}")
        if paper == 0:
            return OutOfPaper()
        return PrinterReady()

    def print_receipt(self, doc: ReceiptDoc) -> None:
        p = self._printer()
        try:
            render(doc, p)
        except (OSError, ValueError) as exc:
            self._device = None
            raise PrinterOfflineError(f"ESC/POS write failed: {exc}") from exc

    def print_pdf(self, pdf: Path, title: str) -> str:
        st = self.status()
        if isinstance(st, OutOfPaper):
            raise PrinterOutOfPaper("ESC/POS printer reports no paper")
        with tempfile.TemporaryDirectory() as tmp:
            prefix = Path(tmp) / "page"
            res = subprocess.run(["pdftoppm", "-r", "203", "-mono", "-png", "-singlefile",
                                  "-scale-to-x", str(self.paper_dots), "-scale-to-y", "-1",
                                  str(pdf), str(prefix)], capture_output=True, text=True,
                                 check=False, timeout=30)
            if res.returncode != 0:
                raise PrinterError(f"pdftoppm failed on {pdf.name}: {res.stderr.strip()} "
                                   "(apt-get install poppler-utils)")
            p = self._printer()
            try:
                p.hw("INIT")
                p.image(str(prefix.with_suffix(".png")), center=True)
                p.ln(3)
                p.cut(feed=False)
            except (OSError, ValueError) as exc:
                self._device = None
                raise PrinterOfflineError(f"ESC/POS write failed: {exc}") from exc
        return f"escpos-{title}"

    def close(self) -> None:
        if self._device is not None and hasattr(self._device, "close"):
            # closing a half-open device must not mask the error that made us close it
            with contextlib.suppress(Exception):
                self._device.close()
            self._device = None
