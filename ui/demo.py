"""``kiosk demo --headless --item CODE``: the scripted visit through the real QML window.

The script is the core's (``kiosk.samples.scripted_visit``: card → search → guide →
questions → form → photos → check answers → submit → receipt, derived from the catalog).
Here it runs against ``ShownFlow``, which stands in for the flow: where the screen on view
has the button for the action (``BUTTONS``: 我要办事, an entry, 开始办理, a choice, 确认提交,
打印回执, 评价 …) the button is pressed by objectName with a real mouse click and the
shell must then have asked the flow for exactly that action; what a button cannot say
(typed search text, form values, toggles) goes through the shell as the screen's own
handler would (``ShellViewModel.act``). Either way the demo waits until the window has
drawn the new screen and saves a PNG of it; the card is laid on the (mock) reader and
read by the shell's own polling. So each PNG is what a resident would have seen at that
step, and a step that fails (a problem screen, a screen the script cannot get past, a
button that asks for the wrong thing) fails the demo.
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QAbstractEventDispatcher, QEventLoop, QPointF, Qt
from PySide6.QtQuick import QQuickItem
from PySide6.QtTest import QTest

from devices.idcard import CardRead
from devices.idcard.mock import MockCardReader
from kiosk.flow import Screen, Step
from kiosk.samples import VisitFailed, sample_card, scripted_visit
from ui.items import child_items
from ui.vm.shell import ACTIONS

if TYPE_CHECKING:
    from kiosk.app import Kiosk
    from ui.frontend import QtFrontend
    from ui.vm.shell import ShellViewModel

STEP_TIMEOUT_S = 30.0

# (action, first argument or None) → the objectName of the button that asks for it.
BUTTONS: dict[tuple[str, str | None], str] = {
    ("start", "service"): "homeStart", ("start", "query"): "homeQuery",
    ("start", "rate"): "homeRate", ("browse", None): "homeBrowse",
    ("open_entry", None): "entry_{0}", ("apply", None): "guideStart|checklistApply",
    ("answer", None): "choice_{0}", ("submit", None): "submit",
    ("print_receipt", None): "printReceipt", ("take_photo", None): "takePhoto",
    ("rate", None): "rate|rateDone",
}
# A button may ask for the step the script's action leads to by another name: 开始办理 on
# a guide with questions asks for them first (the script then answers them).
SAME: dict[str, tuple[str, ...]] = {"apply": ("start_questions",)}
READ_ONLY = frozenset({"screen", "today", "current_answers", "printer_state"})


def _spin_until(done: Callable[[], bool], timeout_s: float = STEP_TIMEOUT_S) -> bool:
    end = time.monotonic() + timeout_s
    while not done():
        if time.monotonic() > end:
            return False
        # The dispatcher's processEvents, not QCoreApplication's: PySide6 6.12 drops a
        # reference to None on every call of that one (measured; a visit of every entry
        # would walk None's count down by tens of thousands). This one returns a bool.
        dispatcher = QAbstractEventDispatcher.instance()
        if dispatcher is not None:
            dispatcher.processEvents(QEventLoop.ProcessEventsFlag.AllEvents)
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
    pressed: int = 0  # actions asked for by clicking their button
    acted: int = 0  # actions sent through the shell (typing, toggles)
    direct: int = 0  # flow actions the shell does not offer, run behind the window

    def __getattr__(self, name: str) -> Any:
        if name in ACTIONS:
            return lambda *args: self._act(name, *args)
        found = getattr(self.kiosk.flow, name)  # catalog, visit, today, current_answers …
        if not callable(found) or name in READ_ONLY:
            return found

        def behind_the_window(*args: object) -> Screen:
            """A flow action the shell does not offer (yet): run, then the window shows
            where it led, so the next step starts from what is on screen."""
            found(*args)
            self.direct += 1
            self.shell.refresh()
            return self._shot(name)

        return behind_the_window

    def _settled(self) -> bool:
        return not self.shell.busy

    def _button(self, name: str, args: tuple[object, ...]) -> QQuickItem | None:
        key = (name, str(args[0]) if args and isinstance(args[0], str) else None)
        pattern = BUTTONS.get(key) or BUTTONS.get((name, None))
        if pattern is None or (key[1] is None and "{0}" in pattern):
            return None
        window = self.frontend.window
        if window is None:
            return None
        wanted = {p.format(*(str(a) for a in args)) for p in pattern.split("|")}
        found = [i for i in _visible(window.contentItem()) if i.objectName() in wanted
                 and i.isEnabled()]
        return found[0] if len(found) == 1 else None

    def _act(self, name: str, *args: object) -> Screen:
        button = self._button(name, args)
        receipt = args[0] if name == "print_receipt" and args else None
        if button is not None:
            window = self.frontend.window
            assert window is not None
            asked = len(self.shell.actions)
            label = button.objectName()
            centre = button.mapToScene(QPointF(button.width() / 2, button.height() / 2))
            QTest.mouseClick(window, Qt.MouseButton.LeftButton,
                             Qt.KeyboardModifier.NoModifier, centre.toPoint())
            if not _spin_until(lambda: len(self.shell.actions) > asked and self._settled()):
                raise VisitFailed(f"pressing {label} did nothing",
                                  self.shell.current_screen())
            got = self.shell.actions[asked][0]
            if got != name and got not in SAME.get(name, ()):
                raise VisitFailed(f"pressing {label} asked for {got}, "
                                  f"not {name}", self.shell.current_screen())
            self.pressed += 1
            if isinstance(receipt, Path):  # the button prints to the terminal's own folder
                printed = Path(self.kiosk.flow.visit.receipt_path or "")
                if printed.is_file():
                    receipt.write_bytes(printed.read_bytes())
        else:
            self.shell.act(name, *args)
            self.acted += 1
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


def _visible(root: QQuickItem) -> list[QQuickItem]:
    out, todo = [], [root]
    while todo:
        item = todo.pop()
        if item.isVisible():
            out.append(item)
            todo.extend(child_items(item))
    return out


def _safe(name: str) -> str:
    return re.sub(r"[^A-Za-z0-9_.-]", "_", name)


@dataclass(frozen=True)
class DemoVisit:
    code: str
    shots: tuple[Path, ...]
    submitted: bool
    receipt: Path | None
    error: str  # "" when the visit went through
    pressed: int = 0  # actions asked for by clicking their button (the rest: typed/toggled)
    acted: int = 0
    direct: int = 0  # actions the shell does not offer, run behind the window (should be 0)


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
        result = scripted_visit(flow, code, sample_card(), receipt=receipt,  # type: ignore[arg-type]
                                every_way=True)  # every material way and a signed pledge
    except (VisitFailed, KeyError) as exc:
        return DemoVisit(code, tuple(flow.shots), False, None, str(exc), flow.pressed,
                         flow.acted, flow.direct)
    finally:
        shell.endSession()
    if result.submitted and not receipt.is_file():
        return DemoVisit(code, tuple(flow.shots), True, None, "no receipt was written",
                         flow.pressed, flow.acted, flow.direct)
    return DemoVisit(code, tuple(flow.shots), result.submitted,
                     receipt if result.submitted else None, "", flow.pressed, flow.acted,
                     flow.direct)


def entry_codes(kiosk: Kiosk, item: str) -> list[str]:
    """``all`` → every item and every 一件事 bundle of the catalog; else the one code."""
    if item != "all":
        return [item]
    return [i.code for i in kiosk.catalog.items] + [b.code for b in kiosk.catalog.bundles]
