"""What is plugged in, as config URIs a technician can paste (``kiosk devices list``).

The rules (``classify_*``) are pure; ``scan()`` gathers the facts from the machine and never
raises: a missing library or daemon only means that kind of device is not listed.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

# USB-serial bridges ID-card readers are built on (GA/T 467 over a virtual COM port), and
# the USB bulk reader id from IDCARD-READERS.md.
SERIAL_BRIDGES = {
    (0x1A86, 0x7523): "CH340", (0x1A86, 0x55D4): "CH9102", (0x067B, 0x2303): "PL2303",
    (0x10C4, 0xEA60): "CP210x", (0x0403, 0x6001): "FT232",
}
SAM_USB = {(0x0400, 0xC35A): "SAM reader (USB bulk)"}
# Common thermal receipt printer ids (Winbond/Xprinter, Epson, Zjiang).
ESCPOS_USB = {(0x0416, 0x5011): "receipt printer", (0x04B8, 0x0202): "Epson TM",
              (0x0FE6, 0x811E): "receipt printer"}


@dataclass(frozen=True)
class Found:
    kind: str       # card_reader / camera / printer
    uri: str
    note: str


def classify_serial(device: str, vid: int | None, pid: int | None,
                    description: str = "") -> Found | None:
    if vid is None or pid is None:
        return None  # on-board UARTs carry no USB id: nothing says a reader is there
    chip = SERIAL_BRIDGES.get((vid, pid))
    if chip is None:
        return None
    return Found("card_reader", f"sam-serial:{device}?baud=115200",
                 f"{chip} USB-serial {vid:04x}:{pid:04x} {description}".strip())


def classify_usb(vid: int, pid: int) -> Found | None:
    if (vid, pid) in SAM_USB:
        return Found("card_reader", f"sam-usb:{vid:04x}:{pid:04x}", SAM_USB[(vid, pid)])
    if (vid, pid) in ESCPOS_USB:
        return Found("printer", f"escpos-usb:{vid:04x}:{pid:04x}", ESCPOS_USB[(vid, pid)])
    return None


def _serial() -> list[Found]:
    try:
        from serial.tools import list_ports
    except ImportError:
        return []
    out = []
    for p in list_ports.comports():
        f = classify_serial(p.device, p.vid, p.pid, p.description or "")
        if f:
            out.append(f)
    return out


def _usb() -> list[Found]:
    try:
        import usb.core

        devices = list(usb.core.find(find_all=True) or [])
    except Exception:  # no libusb backend, no permission: nothing to list
        return []
    return [f for d in devices if (f := classify_usb(d.idVendor, d.idProduct))]


def _pcsc() -> list[Found]:
    try:
        from smartcard import scard

        hr, ctx = scard.SCardEstablishContext(scard.SCARD_SCOPE_USER)
        if hr != scard.SCARD_S_SUCCESS:
            return []
        hr, names = scard.SCardListReaders(ctx, [])
        scard.SCardReleaseContext(ctx)
    except Exception:  # pyscard or libpcsclite missing
        return []
    return [Found("card_reader", f"pcsc:{n}", "PC/SC reader (社保卡; ID cards need a SAM reader)")
            for n in (names if hr == scard.SCARD_S_SUCCESS else [])]


def _video() -> list[Found]:
    return [Found("camera", f"opencv:{p.name.removeprefix('video')}", str(p))
            for p in sorted(Path("/dev").glob("video[0-9]*"))]


def _cups() -> list[Found]:
    if shutil.which("lpstat") is None:
        return []
    try:
        res = subprocess.run(["lpstat", "-e"], capture_output=True, text=True, timeout=5,
                             check=False, env={**os.environ, "LANG": "C"})
    except subprocess.TimeoutExpired:
        return []
    return [Found("printer", f"cups:{q}", "CUPS queue") for q in res.stdout.split()
            if res.returncode == 0]


def scan() -> list[Found]:
    return _serial() + _usb() + _pcsc() + _video() + _cups()
