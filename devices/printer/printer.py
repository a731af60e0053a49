"""The ReceiptPrinter interface. Status is data so the UI can warn before a resident waits."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Protocol, runtime_checkable

from devices.errors import DeviceError


@dataclass(frozen=True)
class PrinterReady:
    pass


@dataclass(frozen=True)
class OutOfPaper:
    pass


@dataclass(frozen=True)
class PrinterOffline:
    detail: str


@dataclass(frozen=True)
class PaperJam:
    detail: str = ""


PrinterStatus = PrinterReady | OutOfPaper | PrinterOffline | PaperJam


class PrinterError(DeviceError):
    resident_message = ("打印机暂时无法使用。办件已保存，"
                        "请记下屏幕上的办件编号，或请工作人员补打回执")


class PrinterOutOfPaper(PrinterError):
    resident_message = "打印机缺纸。办件已保存，请记下屏幕上的办件编号，或请工作人员补打回执"


class PrinterJammed(PrinterError):
    resident_message = "打印机卡纸。办件已保存，请记下屏幕上的办件编号，或请工作人员补打回执"


class PrinterOfflineError(PrinterError):
    resident_message = "打印机未连接。办件已保存，请记下屏幕上的办件编号，或请工作人员补打回执"


@runtime_checkable
class ReceiptPrinter(Protocol):
    def status(self) -> PrinterStatus: ...

    def print_pdf(self, pdf: Path, title: str) -> str:
        """Prints a PDF; returns a job id. Raises PrinterError; the PDF is never consumed."""
        ...

    def close(self) -> None: ...
