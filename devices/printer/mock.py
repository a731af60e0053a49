"""A mock receipt printer with a paper roll that runs out.

State lives in a folder (``printer.json`` holds the sheets left), so a test or a second
terminal can empty the roll; printed PDFs are copied to ``printed/`` to be inspected.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from devices.printer.printer import (
    OutOfPaper,
    PrinterError,
    PrinterOffline,
    PrinterOutOfPaper,
    PrinterReady,
    PrinterStatus,
)

DEFAULT_SHEETS = 500


class MockPrinter:
    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.folder.mkdir(parents=True, exist_ok=True)
        self._jobs = 0

    @property
    def state_file(self) -> Path:
        return self.folder / "printer.json"

    @property
    def out_dir(self) -> Path:
        return self.folder / "printed"

    def _sheets(self) -> int:
        try:
            return int(json.loads(self.state_file.read_text())["sheets"])
        except FileNotFoundError:
            return DEFAULT_SHEETS
        except (ValueError, KeyError, TypeError):
            return 0

    def set_sheets(self, sheets: int) -> None:
        self.state_file.write_text(json.dumps({"sheets": sheets}))

    def status(self) -> PrinterStatus:
        if (self.folder / "printer-offline").exists():
            return PrinterOffline("mock printer marked offline")
        return PrinterReady() if self._sheets() > 0 else OutOfPaper()

    def print_pdf(self, pdf: Path, title: str) -> str:
        st = self.status()
        if isinstance(st, OutOfPaper):
            raise PrinterOutOfPaper("mock printer is out of paper")
        if isinstance(st, PrinterOffline):
            raise PrinterError(st.detail)
        self._jobs += 1
        self.out_dir.mkdir(exist_ok=True)
        job = f"mock-{self._jobs}"
        shutil.copyfile(pdf, self.out_dir / f"{job}.pdf")
        self.set_sheets(self._sheets() - 1)
        return job

    def close(self) -> None:
        pass
