"""Printing through CUPS with the ``lp``/``lpstat`` commands (CUPS_SERVER selects the server).

The command-line client is used rather than pycups so the terminal needs no extra native
build; ``lp`` is what every CUPS installation ships.

The printer's condition comes from its ``printer-state-reasons`` (the "Alerts:" line of
``lpstat -l -p``), which backends set from what the device reports: ``media-empty`` /
``media-needed`` (out of paper), ``media-jam``, ``offline``; a stopped queue (disabled after
a backend failure) counts as offline. Output is forced to the C locale so the parsing does
not depend on the terminal's language.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import time
from enum import Enum
from pathlib import Path

from devices.printer.printer import (
    OutOfPaper,
    PaperJam,
    PrinterError,
    PrinterJammed,
    PrinterOffline,
    PrinterOfflineError,
    PrinterOutOfPaper,
    PrinterReady,
    PrinterStatus,
)

_JOB = re.compile(r"request id is (\S+)")
_ALERTS = re.compile(r"^\s*Alerts:\s*(.*)$", re.MULTILINE)
_LABEL = re.compile(r"^\t[A-Z][A-Za-z ]*:(\s|$)")  # "\tForm mounted:", "\tAlerts: none"
_PAPER_OUT = ("media-empty", "media-needed", "input-tray-missing")
_JAM = ("media-jam", "paper-jam")
_OFFLINE = ("offline", "shutdown", "timed-out", "door-open", "cover-open")


class JobState(Enum):
    PENDING = "pending"      # queued, held or printing
    COMPLETED = "completed"  # finished, cancelled or aborted: no longer in the queue
    UNKNOWN = "unknown"      # this server has no such job


def status_from_reasons(reasons: list[str], enabled: bool, message: str = "") -> PrinterStatus:
    """The rule, separate from the commands: reasons are IPP keywords, possibly with an
    ``-error``/``-warning``/``-report`` suffix. Paper and jams first: they are what a
    technician must fix, and a backend stops the queue on them too."""
    def has(prefixes: tuple[str, ...]) -> str | None:
        return next((r for r in reasons if r.startswith(prefixes)), None)

    if has(_PAPER_OUT):
        return OutOfPaper()
    jam = has(_JAM)
    if jam:
        return PaperJam(f"printer reports {jam}")
    off = has(_OFFLINE)
    if off:
        return PrinterOffline(f"printer reports {off}")
    if not enabled:
        why = f": {message}" if message else ""
        return PrinterOffline(f"queue stopped{why} (after fixing the printer: cupsenable "
                              "QUEUE)")
    return PrinterReady()


def parse_lpstat_printer(text: str) -> tuple[list[str], bool, str]:
    """(reasons, enabled, state message) from ``LANG=C lpstat -l -p QUEUE``."""
    m = _ALERTS.search(text)
    reasons = [r for r in re.split(r"[\s,]+", m.group(1).strip()) if r] if m else []
    reasons = [r for r in reasons if r not in ("none", "paused")]
    first, _, rest = text.partition("\n")
    enabled = " disabled " not in f" {first} "
    second = rest.splitlines()[0] if rest else ""
    is_label = _LABEL.match(second) is not None
    message = second.strip() if second.startswith("\t") and not is_label else ""
    return reasons, enabled, message


class CupsPrinter:
    def __init__(self, queue: str, timeout: float = 20.0) -> None:
        if not queue:
            raise PrinterError("cups printer URI needs a queue name, e.g. 'cups:KioskPDF'")
        self.queue = queue
        self.timeout = timeout

    def _run(self, *args: str) -> subprocess.CompletedProcess[str]:
        if shutil.which(args[0]) is None:
            raise PrinterError(f"'{args[0]}' not found: apt-get install cups-client cups-bsd")
        env = {**os.environ, "LANG": "C", "LC_ALL": "C"}
        try:
            return subprocess.run(args, capture_output=True, text=True, timeout=self.timeout,
                                  check=False, env=env)
        except subprocess.TimeoutExpired as exc:
            raise PrinterOfflineError(f"{args[0]} timed out after {self.timeout:.0f} s: is "
                                      "cupsd running (systemctl status cups)?") from exc

    def status(self) -> PrinterStatus:
        try:
            res = self._run("lpstat", "-l", "-p", self.queue)
        except PrinterError as exc:
            return PrinterOffline(str(exc))
        if res.returncode != 0 or not res.stdout.startswith("printer "):
            err = res.stderr.strip() or f"queue {self.queue} unknown"
            return PrinterOffline(f"{err} (lpstat -p lists the queues; lpadmin adds one)")
        return status_from_reasons(*parse_lpstat_printer(res.stdout))

    def _raise_unless_ready(self) -> None:
        st = self.status()
        if isinstance(st, OutOfPaper):
            raise PrinterOutOfPaper(f"queue {self.queue}: out of paper")
        if isinstance(st, PaperJam):
            raise PrinterJammed(f"queue {self.queue}: {st.detail}")
        if isinstance(st, PrinterOffline):
            raise PrinterOfflineError(f"queue {self.queue}: {st.detail}")

    def print_pdf(self, pdf: Path, title: str) -> str:
        self._raise_unless_ready()
        res = self._run("lp", "-d", self.queue, "-t", title, str(pdf))
        match = _JOB.search(res.stdout)
        if res.returncode != 0 or match is None:
            raise PrinterError(f"lp failed for queue {self.queue}: {res.stderr.strip()}")
        return match.group(1)

    def job_state(self, job_id: str) -> JobState:
        for which, state in (("not-completed", JobState.PENDING),
                             ("completed", JobState.COMPLETED)):
            res = self._run("lpstat", "-W", which, "-o", self.queue)
            if any(line.split(" ", 1)[0] == job_id for line in res.stdout.splitlines()):
                return state
        return JobState.UNKNOWN

    def wait(self, job_id: str, timeout: float = 60.0, poll_s: float = 0.2) -> None:
        """Until the job has left the queue; raises the typed error when the printer stops
        on a fault meanwhile, or PrinterError on timeout."""
        deadline = time.monotonic() + timeout
        while True:
            state = self.job_state(job_id)
            if state is not JobState.PENDING:
                return
            self._raise_unless_ready()
            if time.monotonic() > deadline:
                raise PrinterError(f"job {job_id} still queued after {timeout:.0f} s")
            time.sleep(poll_s)

    def close(self) -> None:
        pass
