"""Printing through CUPS with the `lp`/`lpstat` commands (CUPS_SERVER selects the server).

The command-line client is used rather than pycups so the terminal needs no extra native
build; ``lp`` is what every CUPS installation ships.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

from devices.printer.printer import (
    PrinterError,
    PrinterOffline,
    PrinterReady,
    PrinterStatus,
)

_JOB = re.compile(r"request id is (\S+)")


class CupsPrinter:
    def __init__(self, queue: str) -> None:
        if not queue:
            raise PrinterError("cups printer URI needs a queue name, e.g. 'cups:KioskPDF'")
        self.queue = queue

    def _run(self, *args: str) -> subprocess.CompletedProcess[str]:
        if shutil.which(args[0]) is None:
            raise PrinterError(f"'{args[0]}' not found: install cups-client (cups-bsd)")
        return subprocess.run(args, capture_output=True, text=True, timeout=20, check=False)

    def status(self) -> PrinterStatus:
        try:
            res = self._run("lpstat", "-p", self.queue)
        except (PrinterError, subprocess.TimeoutExpired) as exc:
            return PrinterOffline(str(exc))
        if res.returncode != 0:
            return PrinterOffline(res.stderr.strip() or f"queue {self.queue} unknown")
        if "disabled" in res.stdout:
            return PrinterOffline(res.stdout.strip())
        return PrinterReady()

    def print_pdf(self, pdf: Path, title: str) -> str:
        try:
            res = self._run("lp", "-d", self.queue, "-t", title, str(pdf))
        except subprocess.TimeoutExpired as exc:
            raise PrinterError(f"lp timed out for queue {self.queue}") from exc
        match = _JOB.search(res.stdout)
        if res.returncode != 0 or match is None:
            raise PrinterError(f"lp failed for queue {self.queue}: {res.stderr.strip()}")
        return match.group(1)

    def close(self) -> None:
        pass
