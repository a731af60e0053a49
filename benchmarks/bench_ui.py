"""Touch UI: start, memory and touch latency of ``kiosk run`` against a bare PySide6 QML
window, both spawned in the same run on the same Qt platform.

- start: spawn → the first ``frameSwapped`` of a window whose content is drawn (the bare
  window draws a text; the terminal its home screen);
- memory: RSS after a scripted visit (home → card → item → … → done → rating, with the
  mock card reader and printer) against the bare window's RSS after its first frames;
- touch: a synthesized press+release on a button → the first frame after the screen
  changed (the window's ``step``), p95 over the visit's touches.

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

# The scripted visit: per step, the buttons to press (first found wins, by objectName or
# visible text) or the mock card to insert. The screens are being rebuilt, so the script
# tries the names of both the old and the new screens and says where it stopped.
# "screen": the touch changes the step; "frame": it changes the screen in place (printing).
VISIT: tuple[tuple[str, tuple[str, ...], bool, str], ...] = (  # step, names, optional, …
    ("start", ("homeStart", "我要办事"), False, "screen"),
    ("card", (), False, "screen"),
    ("choose", ("item:LOCAL-RS-0001", "entry:LOCAL-RS-0001", "办理 ›"), False, "screen"),
    ("apply", ("guideApply", "apply", "在这里办理"), True, "screen"),
    ("submit", ("submit", "checkSubmit", "确认提交"), False, "screen"),
    ("print", ("printReceipt", "打印回执"), True, "frame"),
    ("rate", ("rateDone", "rate", "去评价"), False, "screen"),
    ("level", ("level5",), False, "frame"),
    ("send rating", ("submitRating", "提交评价"), False, "screen"),
)


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
    print(MARK + json.dumps(state), flush=True)
    return code


def _watch(window: Any, kind: str, state: dict[str, Any]) -> None:
    """On the first frame: note the time; then run the visit (kiosk) and read the RSS."""
    from PySide6.QtCore import SIGNAL, QObject, QTimer

    frames: list[float] = []
    state["frames"] = frames

    def swapped() -> None:
        frames.append(time.monotonic())
        if len(frames) == 1:
            state["first_frame"] = frames[0]
            if os.environ.get("BENCH_UI_STOP_AT_FIRST_FRAME"):
                # For `python -X importtime`: only what the start path imported is listed.
                print(MARK + json.dumps(state), flush=True)
                os._exit(0)
            QTimer.singleShot(300, lambda: _after_start(window, kind, state))

    # The QWindow wrapper has no Python-side frameSwapped; connect by signature.
    QObject.connect(window, SIGNAL("frameSwapped()"), swapped)


def _rss() -> int:
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")


def _after_start(window: Any, kind: str, state: dict[str, Any]) -> None:
    from PySide6.QtGui import QGuiApplication

    if kind == "kiosk":
        state.update(_visit(window, state["frames"]))
    state["rss"] = _rss()
    QGuiApplication.quit()


def _find(window: Any, names: tuple[str, ...]) -> Any:
    items: list[Any] = []

    def walk(item: Any) -> None:  # the item tree: StackView's screens are not QObject kids
        if item.isVisible() and item.opacity() > 0:
            if item.width() > 0 and item.height() > 0:
                items.append(item)
            for child in item.childItems():
                walk(child)

    walk(window.property("contentItem"))
    for name in names:
        for item in items:
            text = item.property("text")
            if item.objectName() == name or (isinstance(text, str) and text == name):
                return item
    return None


def _spin_until(cond: Any, timeout_s: float) -> bool:
    from PySide6.QtCore import QCoreApplication, QEventLoop

    end = time.monotonic() + timeout_s
    while time.monotonic() < end:
        QCoreApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 10)
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


def _visit(window: Any, frames: list[float]) -> dict[str, Any]:
    """Walks the scripted visit; the latency of each touch: press → the first frame after
    the window's ``step`` changed (or, for in-place changes, the first frame at all)."""
    from PySide6.QtCore import SIGNAL, QObject

    steps: list[float] = []
    QObject.connect(window, SIGNAL("stepChanged()"), lambda: steps.append(time.monotonic()))
    latencies: list[float] = []
    split: list[tuple[str, float, float]] = []
    done: list[str] = []
    for label, names, optional, mode in VISIT:
        before, n_steps = window.property("step"), len(steps)
        if not names:
            from devices.idcard.mock import MockCardReader
            from kiosk.config import load_config
            from kiosk.demo import sample_card

            MockCardReader(load_config().mock_dir).insert(sample_card())
            if not _spin_until(lambda n=n_steps: len(steps) > n, 10):
                return {"visit": done, "stopped": f"{label}: the card was not read"}
            done.append(label)
            continue
        item = _find(window, names)
        if item is None and optional:
            continue
        if item is None:
            return {"visit": done, "latencies": latencies,
                    "stopped": f"{label}: none of {', '.join(names)} on {before}"}
        t0 = time.monotonic()
        _press(window, item)
        if mode == "screen" and not _spin_until(lambda n=n_steps: len(steps) > n, 10):
            return {"visit": done, "latencies": latencies,
                    "stopped": f"{label}: pressing {item.objectName() or names[0]} "
                               f"left {before} unchanged"}
        t_step = steps[n_steps] if mode == "screen" else t0
        frame = _first_frame_after(frames, t_step, 5)
        if frame is not None:
            latencies.append(frame - t0)
            # Where the time went: press → step changed (view model and core), then →
            # frame (the next screen's QML created and drawn).
            split.append((label, t_step - t0, frame - t_step))
        done.append(label)
    return {"visit": done, "latencies": latencies, "split": split, "stopped": ""}


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
                   'idle_timeout_s = 600\n', encoding="utf-8")
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
        f"RSS after the visit: kiosk run {k_rss / 2**20:.0f} MiB, bare window "
        f"{b_rss / 2**20:.0f} MiB after its first frame; ratio {k_rss / b_rss:.2f}× "
        f"(goal ≤ {GOAL_RSS}×)",
        f"touch → next screen's first frame: p95 {_p95(touches) * 1000:.0f} ms, median "
        f"{statistics.median(touches) * 1000 if touches else float('nan'):.0f} ms over "
        f"{len(touches)} touches (goal p95 ≤ {GOAL_TOUCH_MS:.0f} ms)",
        "visit: " + " → ".join(kiosk[0].get("visit", [])),
        "slowest touches (median over runs; press → step changed + → frame): "
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
