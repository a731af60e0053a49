"""Builds drivers from config URIs (``scheme:rest``): the only place a driver is chosen.

Real back-ends are imported only when configured, so a terminal without, say, pyscard's
native library still starts with mock or other drivers.
"""

from __future__ import annotations

from pathlib import Path

from devices.camera.camera import Camera
from devices.errors import UnknownDriver
from devices.idcard.reader import CardReader
from devices.printer.printer import ReceiptPrinter


def _split(uri: str) -> tuple[str, str]:
    scheme, _, rest = uri.partition(":")
    return scheme, rest


def card_reader(uri: str, mock_dir: Path) -> CardReader:
    scheme, _rest = _split(uri)
    if scheme == "mock":
        from devices.idcard.mock import MockCardReader

        return MockCardReader(mock_dir)
    if scheme == "pcsc":
        from devices.idcard.pcsc import PcscCardReader

        return PcscCardReader(uri.partition(":")[2])
    if scheme in ("sam-serial", "sam-usb", "sam-tcp", "sdtapi"):
        from devices.idcard.uri import open_reader

        return open_reader(uri)
    raise UnknownDriver(f"no card reader driver '{scheme}' (config devices.card_reader={uri!r});"
                        " available: mock, sam-serial, sam-usb, sam-tcp, sdtapi, pcsc")


def camera(uri: str, mock_dir: Path) -> Camera:
    scheme, rest = _split(uri)
    if scheme == "mock":
        from devices.camera.mock import MockCamera

        return MockCamera(mock_dir, rest)
    if scheme == "opencv":
        from devices.camera.opencv import OpenCvCamera

        return OpenCvCamera(rest)
    raise UnknownDriver(f"no camera driver '{scheme}' (config devices.camera={uri!r});"
                        " available: mock, opencv")


def printer(uri: str, mock_dir: Path) -> ReceiptPrinter:
    scheme, rest = _split(uri)
    if scheme == "mock":
        from devices.printer.mock import MockPrinter

        return MockPrinter(mock_dir)
    if scheme == "cups":
        from devices.printer.cups import CupsPrinter

        return CupsPrinter(rest)
    if scheme in ("escpos-usb", "escpos-serial", "escpos-net"):
        from devices.printer.escpos import EscposPrinter

        return EscposPrinter(scheme, rest)
    raise UnknownDriver(f"no printer driver '{scheme}' (config devices.printer={uri!r});"
                        " available: mock, cups, escpos-usb, escpos-serial, escpos-net")
