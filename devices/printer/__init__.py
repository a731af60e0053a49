"""Receipt printers."""

from devices.printer.printer import (
    OutOfPaper,
    PrinterError,
    PrinterOffline,
    PrinterReady,
    PrinterStatus,
    ReceiptPrinter,
)

__all__ = ["OutOfPaper", "PrinterError", "PrinterOffline", "PrinterReady", "PrinterStatus",
           "ReceiptPrinter"]
