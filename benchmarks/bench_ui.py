"""Touch UI: start, memory and touch latency of ``kiosk run`` against a bare PySide6 QML
window, both spawned in the same run on the same Qt platform.

- start: spawn → the first ``frameSwapped`` of a window whose content is drawn (the bare
  window draws a text; the terminal its home screen);
- memory: RSS after a whole visit (``kiosk.samples.scripted_visit`` for the catalog's
  first self-service item: card on the mock reader → search → guide → questions → form →
  photos → check answers → submit → receipt on the mock printer, then 好差评) against the
  bare window's RSS after its first frames;
- touch: 我要办事 is a synthesized press+release on the home screen's button; every later
  step is the action a button sends (``ShellViewModel.act``); each is timed to the first
  frame drawn after the window's ``step`` changed (or at all, for in-place changes); p95.

Each run is a fresh process (``python -m benchmarks.bench_ui child bare|kiosk``). The
child hooks ``QGuiApplication.exec`` to watch the window — nothing in the terminal's own
code path is timed or changed. The platform is Qt's ``offscreen`` (software rendering),
or with ``KIOSK_BENCH_XVFB=1`` an X server the benchmark starts (``Xvfb``, Debian's xvfb
package; Qt's ``xcb`` plugin also needs libxcb-icccm4, libxcb-keysyms1, libxcb-cursor0),
where Qt Quick renders through OpenGL on Mesa's llvmpipe, as a kiosk without a GPU does.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

GOAL_START, GOAL_RSS, GOAL_TOUCH_MS = 1.3, 1.3, 100.0
MARK = "BENCH-UI "

BARE_QML = b"""import QtQuick
Window {
    width: 1280; height: 800; visible: true; color: "#EEF1F5"
    Text { anchors.centerIn: parent; text: "\xe6\x82\xa8\xe5\xa5\xbd"; font.pixelSize: 60 }
}
"""

# The child process ------------------------------------------------------------------


def _child(kind: str) -> int:
    t_import = time.monotonic()
    from PySide6.QtGui import QGuiApplication

    state: dict[str, Any] = {"import_start": t_import}
    original_exec = QGuiApplication.exec

    def exec_() -> int:
        windows = QGuiApplication.topLevelWindows()
        if not windows:
            raise RuntimeError("no window to watch")
        _watch(windows[0], kind, state)
        return int(original_exec())

    QGuiApplication.exec = staticmethod(exec_)  # type: ignore[method-assign]
    if kind == "bare":
        from PySide6.QtQml import QQmlApplicationEngine

        app = QGuiApplication(sys.argv[:1])
        engine = QQmlApplicationEngine()
        engine.loadData(BARE_QML)
        code = app.exec()
    else:
        from kiosk.cli import main

        code = main(["run"])
    print(MARK + json.dumps(_plain(state)), flush=True)
    return code


def _plain(state: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in state.items() if not k.startswith("_") and k != "terminal"}


def _watch(window: Any, kind: str, state: dict[str, Any]) -> None:
    """On the first frame: note the time; then run the visit (kiosk) and read the RSS."""
    from PySide6.QtCore import SIGNAL, QObject, QTimer

    frames: list[float] = []
    state["frames"] = frames
    if kind == "kiosk":
        state["_catcher"] = _follow_terminal_window(state)

    def swapped() -> None:
        frames.append(time.monotonic())
        if len(frames) == 1:
            state["first_frame"] = frames[0]
            if os.environ.get("BENCH_UI_STOP_AT_FIRST_FRAME"):
                # For `python -X importtime`: only what the start path imported is listed.
                print(MARK + json.dumps(_plain(state)), flush=True)
                os._exit(0)
            QTimer.singleShot(300, lambda: _after_start(window, kind, state))

    # The QWindow wrapper has no Python-side frameSwapped; connect by signature.
    QObject.connect(window, SIGNAL("frameSwapped()"), swapped)


def _rss() -> int:
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")


def _follow_terminal_window(state: dict[str, Any]) -> Any:
    """`kiosk run` draws its home screen first (ui/start.py, Start.qml) and then opens the
    terminal's own window (Main.qml, objectName "shell"), which takes touches from then
    on. An application event filter catches that window as it is shown: its frames go to
    ``state["terminal_frames"]``; its first one is when the terminal serves."""
    from PySide6.QtCore import SIGNAL, QEvent, QObject
    from PySide6.QtGui import QGuiApplication, QWindow

    frames: list[float] = []
    state["terminal_frames"] = frames

    class Catch(QObject):
        def eventFilter(self, obj: QObject, event: QEvent) -> bool:
            if (isinstance(obj, QWindow) and obj.objectName() == "shell"
                    and "terminal" not in state and event.type() in (
                        QEvent.Type.Show, QEvent.Type.Expose)):
                state["terminal"] = obj
                QObject.connect(obj, SIGNAL("frameSwapped()"),
                                lambda: frames.append(time.monotonic()))
            return False

    catcher = Catch()
    app = QGuiApplication.instance()
    if app is None:
        raise RuntimeError("no application to watch")
    app.installEventFilter(catcher)
    return catcher  # kept alive by the caller


def _after_start(window: Any, kind: str, state: dict[str, Any]) -> None:
    from PySide6.QtGui import QGuiApplication

    if kind == "kiosk":
        frames: list[float] = state["terminal_frames"]
        if not _spin_until(lambda: bool(frames), 30):
            raise RuntimeError("the terminal's window never drew a frame")
        state["serving"] = frames[0]
        state.update(_visit(state.pop("terminal"), frames))
    state["rss"] = _rss()
    QGuiApplication.quit()


def _find(window: Any, names: tuple[str, ...]) -> Any:
    from ui.items import child_items  # here: the children import nothing before a frame

    items: list[Any] = []

    def walk(item: Any) -> None:  # the item tree: StackView's screens are not QObject kids
        if item.isVisible() and item.opacity() > 0:
            if item.width() > 0 and item.height() > 0:
                items.append(item)
            for child in child_items(item):
                walk(child)

    walk(window.property("contentItem"))
    for name in names:
        for item in items:
            text = item.property("text")
            if item.objectName() == name or (isinstance(text, str) and text == name):
                return item
    return None


def _spin_until(cond: Any, timeout_s: float) -> bool:
    from PySide6.QtCore import QAbstractEventDispatcher, QEventLoop

    end = time.monotonic() + timeout_s
    dispatcher = QAbstractEventDispatcher.instance()
    while time.monotonic() < end:
        # Not QCoreApplication.processEvents: PySide6 6.12 drops a reference to None on
        # each call of it (ui/demo.py says more); the dispatcher's returns a bool.
        if dispatcher is not None:
            dispatcher.processEvents(QEventLoop.ProcessEventsFlag.AllEvents)
        if cond():
            return True
        time.sleep(0.001)
    return False


def _press(window: Any, item: Any) -> None:
    from PySide6.QtCore import QEvent, QPointF, Qt
    from PySide6.QtGui import QGuiApplication, QMouseEvent

    c = item.mapToScene(QPointF(item.width() / 2, item.height() / 2))
    glob = window.mapToGlobal(c.toPoint()).toPointF()
    for kind, buttons in ((QEvent.Type.MouseButtonPress, Qt.MouseButton.LeftButton),
                          (QEvent.Type.MouseButtonRelease, Qt.MouseButton.NoButton)):
        QGuiApplication.sendEvent(window, QMouseEvent(kind, c, glob, Qt.MouseButton.LeftButton,
                                                      buttons, Qt.KeyboardModifier.NoModifier))


def _first_frame_after(frames: list[float], t: float, timeout_s: float) -> float | None:
    if not _spin_until(lambda: bool(frames) and frames[-1] >= t, timeout_s):
        return None
    return next(f for f in frames if f >= t)


def _shell() -> Any:
    """The window's view model. Main.qml's ``vm`` cannot be read back from Python (no
    converter for the registered type), and hooking the front end would import it before
    the first frame, so the child finds the one live ShellViewModel among its objects."""
    import gc

    from ui.vm.shell import ShellViewModel

    shells = [o for o in gc.get_objects() if isinstance(o, ShellViewModel)]
    if len(shells) != 1:
        raise RuntimeError(f"expected one ShellViewModel, found {len(shells)}")
    return shells[0]


class _TimedFlow:
    """The resident flow as ``kiosk.samples.scripted_visit`` sees it, played through the
    window: 我要办事 is a real touch on the home screen's button; every later action goes
    through the shell exactly as a button's handler sends it (``ShellViewModel.act``), and
    is timed to the first frame drawn after the screen changed."""

    def __init__(self, window: Any, frames: list[float]) -> None:
        from PySide6.QtCore import SIGNAL, QObject

        self.window, self.frames = window, frames
        self.shell = _shell()
        self.steps: list[float] = []
        QObject.connect(window, SIGNAL("stepChanged()"),
                        lambda: self.steps.append(time.monotonic()))
        self.split: list[tuple[str, float, float]] = []

    def __getattr__(self, name: str) -> Any:
        from ui.vm.shell import ACTIONS

        if name in ACTIONS:
            return lambda *args: self._timed(name, lambda: self.shell.act(name, *args))
        return getattr(self.shell.kiosk.flow, name)

    def start(self, purpose: str) -> Any:
        item = _find(self.window, ("homeStart",))
        if item is None:
            return self._timed("start", lambda: self.shell.act("start", purpose))
        return self._timed("start (touch)", lambda: _press(self.window, item))

    def on_card(self, status: Any) -> Any:
        from devices.idcard.mock import MockCardReader
        from kiosk.flow import Step

        reader = MockCardReader(self.shell.kiosk.config.mock_dir)
        reader.insert(status.card)
        try:
            _spin_until(lambda: self.shell.current_screen().step is not Step.INSERT_CARD, 15)
        finally:
            reader.remove()
        return self.shell.current_screen()

    def _timed(self, label: str, do: Any) -> Any:
        n_steps = len(self.steps)
        t0 = time.monotonic()
        do()
        _spin_until(lambda: not self.shell.busy, 30)
        t_step = self.steps[n_steps] if len(self.steps) > n_steps else t0
        frame = _first_frame_after(self.frames, t_step, 2.0)
        if frame is not None:
            self.split.append((label, t_step - t0, frame - t_step))
        return self.shell.current_screen()


def _visit(window: Any, frames: list[float]) -> dict[str, Any]:
    """A whole visit for the catalog's first self-service item (kiosk.samples' script:
    card → search → guide → questions → form → photos → check answers → submit → receipt),
    then 好差评; each action's latency: action → first frame after the screen changed."""
    from kiosk.samples import sample_card, scripted_visit

    flow = _TimedFlow(window, frames)
    catalog = flow.shell.kiosk.flow.catalog
    code = next(i.code for i in catalog.items
                if str(getattr(i.self_service, "value", i.self_service)) != "counter")
    stopped = ""
    try:
        with tempfile.TemporaryDirectory(prefix="bench-ui-receipt-") as tmp:
            result = scripted_visit(flow, code, sample_card(),  # type: ignore[arg-type]
                                    receipt=Path(tmp) / "receipt.pdf")
        if not result.submitted:
            stopped = f"{code} was not submitted"
        else:
            flow.rate()
            flow.submit_rating(5, (), "")
    except Exception as exc:  # the script says where it stopped; the figures so far stand
        stopped = f"{code}: {type(exc).__name__}: {exc}"[:300]
    return {"visit": [label for label, _, _ in flow.split], "code": code,
            "latencies": [core + draw for _, core, draw in flow.split],
            "split": flow.split, "stopped": stopped}


# The parent -------------------------------------------------------------------------


def _spawn(kind: str, env: dict[str, str]) -> dict[str, Any]:
    t0 = time.monotonic()
    proc = subprocess.run([sys.executable, "-m", "benchmarks.bench_ui", "child", kind],
                          env=env, capture_output=True, text=True, timeout=120,
                          cwd=Path(__file__).resolve().parent.parent)
    lines = [ln for ln in proc.stdout.splitlines() if ln.startswith(MARK)]
    if not lines:
        raise RuntimeError(f"{kind} child gave no figures (exit {proc.returncode}): "
                           + proc.stderr[-1500:])
    state: dict[str, Any] = json.loads(lines[-1][len(MARK):])
    state["start_s"] = state["first_frame"] - t0
    if "serving" in state:
        state["serving_s"] = state["serving"] - t0
    return state


def _free_port() -> int:
    """A port nothing listens on: the terminal's sync fails fast, as when offline."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


@contextlib.contextmanager
def _display() -> Iterator[dict[str, str]]:
    """The environment that puts the children on the chosen display."""
    if not os.environ.get("KIOSK_BENCH_XVFB"):
        yield {"QT_QPA_PLATFORM": "offscreen"}
        return
    if shutil.which("Xvfb") is None:
        raise RuntimeError("KIOSK_BENCH_XVFB=1 needs Xvfb: apt-get install xvfb")
    number = next(n for n in range(90, 200) if not Path(f"/tmp/.X11-unix/X{n}").exists()
                  and not Path(f"/tmp/.X{n}-lock").exists())
    server = subprocess.Popen(["Xvfb", f":{number}", "-screen", "0", "1280x800x24",
                               "-nolisten", "tcp"], stdout=subprocess.DEVNULL,
                              stderr=subprocess.DEVNULL)
    try:
        socket_path = Path(f"/tmp/.X11-unix/X{number}")
        deadline = time.monotonic() + 10
        while not socket_path.exists():
            if time.monotonic() > deadline or server.poll() is not None:
                raise RuntimeError(f"Xvfb :{number} did not start")
            time.sleep(0.05)
        yield {"QT_QPA_PLATFORM": "xcb", "DISPLAY": f":{number}"}
    finally:
        server.terminate()
        server.wait(timeout=10)


def _env(folder: Path, display: dict[str, str]) -> dict[str, str]:
    folder.mkdir(parents=True, exist_ok=True)
    cfg = folder / "kiosk.toml"
    cfg.write_text(f'data_dir = "{folder / "data"}"\n'
                   f'platform_url = "http://127.0.0.1:{_free_port()}"\n'
                   'idle_timeout_s = 600\n'
                   'allow_mock_devices = true\n', encoding="utf-8")  # `kiosk run` on mocks
    env = {k: v for k, v in os.environ.items() if not k.startswith("KIOSK_")}
    env.update(display, KIOSK_CONFIG=str(cfg))
    return env


def _p95(values: list[float]) -> float:
    if len(values) < 2:
        return values[0] if values else float("nan")
    return statistics.quantiles(values, n=20, method="inclusive")[-1]


def _slowest(runs: list[dict[str, Any]], top: int = 3) -> list[tuple[str, float, float]]:
    by_label: dict[str, list[tuple[float, float]]] = {}
    for r in runs:
        for label, core, draw in r.get("split", []):
            by_label.setdefault(label, []).append((core, draw))
    medians = [(label, statistics.median(c for c, _ in v), statistics.median(d for _, d in v))
               for label, v in by_label.items()]
    return sorted(medians, key=lambda m: m[1] + m[2], reverse=True)[:top]


def run(quick: bool) -> list[str]:
    n = 3 if quick else 7
    bare: list[dict[str, Any]] = []
    kiosk: list[dict[str, Any]] = []
    with tempfile.TemporaryDirectory(prefix="bench-ui-") as tmp, _display() as display:
        for i in range(n):  # interleaved, so a busy moment hits both alike
            bare.append(_spawn("bare", _env(Path(tmp) / f"b{i}", display)))
            kiosk.append(_spawn("kiosk", _env(Path(tmp) / f"k{i}", display)))
        platform = display["QT_QPA_PLATFORM"] + (f" on Xvfb {display['DISPLAY']}"
                                                 if "DISPLAY" in display else "")
    b_start = statistics.median(s["start_s"] for s in bare)
    k_start = statistics.median(s["start_s"] for s in kiosk)
    b_rss = statistics.median(s["rss"] for s in bare)
    k_rss = statistics.median(s["rss"] for s in kiosk)
    touches = [t for s in kiosk for t in s.get("latencies", [])]
    stopped = {s.get("stopped", "") for s in kiosk} - {""}
    lines = [
        f"platform {platform}, {n} runs each, medians",
        f"start (spawn → first frame): kiosk run {k_start * 1000:.0f} ms, bare QML window "
        f"{b_start * 1000:.0f} ms; ratio {k_start / b_start:.2f}× (goal ≤ {GOAL_START}×)",
        f"serving (spawn → the terminal's own window drew its first frame; a touch on "
        f"the first frame is kept until then): kiosk run "
        f"{statistics.median(s.get('serving_s', float('nan')) for s in kiosk) * 1000:.0f} ms, "
        f"{statistics.median(s.get('serving_s', float('nan')) for s in kiosk) / b_start:.2f}× "
        "the bare window's start",
        f"RSS after the visit: kiosk run {k_rss / 2**20:.0f} MiB, bare window "
        f"{b_rss / 2**20:.0f} MiB after its first frame; ratio {k_rss / b_rss:.2f}× "
        f"(goal ≤ {GOAL_RSS}×)",
        f"touch/action → next screen's first frame: p95 {_p95(touches) * 1000:.0f} ms, median "
        f"{statistics.median(touches) * 1000 if touches else float('nan'):.0f} ms over "
        f"{len(touches)} touches (goal p95 ≤ {GOAL_TOUCH_MS:.0f} ms)",
        f"visit ({kiosk[0].get('code', '?')}): " + " → ".join(kiosk[0].get("visit", [])),
        "slowest (median over runs; action → step changed + → frame drawn): "
        + ", ".join(f"{label} {core * 1000:.0f}+{draw * 1000:.0f} ms"
                    for label, core, draw in _slowest(kiosk)),
    ]
    if stopped:
        lines.append("visit stopped early: " + "; ".join(sorted(stopped)))
    return lines


if __name__ == "__main__":
    if len(sys.argv) == 3 and sys.argv[1] == "child":
        sys.exit(_child(sys.argv[2]))
    sys.exit("usage: python -m benchmarks bench_ui  (child mode is for the benchmark itself)")
