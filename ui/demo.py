"""``kiosk demo --headless --item CODE``: the scripted visit through the real QML window.

The script is the core's (``kiosk.samples.scripted_visit``: card → search → guide →
questions → form → photos → check answers → submit → receipt, derived from the catalog).
Here it runs against ``ShownFlow``, which stands in for the flow: every action goes
through the window's shell exactly as a button's handler sends it (``ShellViewModel.act``,
device actions on the device thread), waits until the window has drawn the new screen,
and saves a PNG of it; the card is laid on the (mock) reader and read by the shell's own
polling. So each PNG is what a resident would have seen at that step, and a step that
fails (a problem screen, a screen the script cannot get past) fails the demo.
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication, QEventLoop

from devices.idcard import CardRead
from devices.idcard.mock import MockCardReader
from kiosk.flow import Screen, Step
from kiosk.samples import VisitFailed, sample_card, scripted_visit
from ui.vm.shell import ACTIONS

if TYPE_CHECKING:
    from kiosk.app import Kiosk
    from ui.frontend import QtFrontend
    from ui.vm.shell import ShellViewModel

STEP_TIMEOUT_S = 30.0


def _spin_until(done: Callable[[], bool], timeout_s: float = STEP_TIMEOUT_S) -> bool:
    end = time.monotonic() + timeout_s
    while not done():
        if time.monotonic() > end:
            return False
        QCoreApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 50)
        time.sleep(0.01)
    return True


@dataclass
class ShownFlow:
    """The flow as the script sees it, played through the window (see the module doc)."""

    frontend: QtFrontend
    kiosk: Kiosk
    shell: ShellViewModel
    outdir: Path
    shots: list[Path] = field(default_factory=list)

    def __getattr__(self, name: str) -> Any:
        if name in ACTIONS:
            return lambda *args: self._act(name, *args)
        return getattr(self.kiosk.flow, name)  # catalog, visit, today, current_answers …

    def _settled(self) -> bool:
        return not self.shell.busy

    def _act(self, name: str, *args: object) -> Screen:
        self.shell.act(name, *args)
        if not _spin_until(self._settled):
            raise VisitFailed(f"{name} did not finish", self.shell.current_screen())
        return self._shot(name)

    def on_card(self, status: object) -> Screen:
        """The card goes on the mock reader; the shell's polling reads it."""
        if not isinstance(status, CardRead):
            raise TypeError("the demo lays a readable card on the reader")
        reader = MockCardReader(self.kiosk.config.mock_dir)
        reader.insert(status.card)
        try:
            def read() -> bool:
                s = self.shell.current_screen()
                return s.step is not Step.INSERT_CARD or bool(getattr(s.view, "banner", None))

            if not _spin_until(read):
                raise VisitFailed("the card was not read", self.shell.current_screen())
        finally:
            reader.remove()
        return self._shot("card")

    def _shot(self, what: str) -> Screen:
        screen = self.shell.current_screen()
        name = f"{len(self.shots) + 1:02d}-{screen.step.value}-{what}"
        self.shots.append(self.frontend.grab(self.outdir / f"{_safe(name)}.png"))
        return screen


def _safe(name: str) -> str:
    return re.sub(r"[^A-Za-z0-9_.-]", "_", name)


@dataclass(frozen=True)
class DemoVisit:
    code: str
    shots: tuple[Path, ...]
    submitted: bool
    receipt: Path | None
    error: str  # "" when the visit went through


def visit(frontend: QtFrontend, kiosk: Kiosk, code: str, outdir: Path) -> DemoVisit:
    """One scripted visit for ``code`` through the live window; never raises for a failed
    step (the result says which), so ``--item all`` reports every entry."""
    window, shell = frontend.load(kiosk, live=True)
    if not window.isVisible():
        window.show()
    if shell.current_screen().step is not Step.HOME:
        shell.endSession()
    flow = ShownFlow(frontend, kiosk, shell, outdir)
    flow._shot("start")
    receipt = outdir / f"receipt-{_safe(code)}.pdf"
    try:
        result = scripted_visit(flow, code, sample_card(), receipt=receipt)  # type: ignore[arg-type]
    except (VisitFailed, KeyError) as exc:
        return DemoVisit(code, tuple(flow.shots), False, None, str(exc))
    finally:
        shell.endSession()
    if result.submitted and not receipt.is_file():
        return DemoVisit(code, tuple(flow.shots), True, None, "no receipt was written")
    return DemoVisit(code, tuple(flow.shots), result.submitted,
                     receipt if result.submitted else None, "")


def entry_codes(kiosk: Kiosk, item: str) -> list[str]:
    """``all`` → every item and every 一件事 bundle of the catalog; else the one code."""
    if item != "all":
        return [item]
    return [i.code for i in kiosk.catalog.items] + [b.code for b in kiosk.catalog.bundles]
