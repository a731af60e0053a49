"""The session's compositor for real: cage, headless (``WLR_BACKENDS=headless``), as an
unprivileged user (cage refuses root; the unit runs it as ``kiosk``), running programs of
the unpacked package. This found what the session needs besides cage: Xwayland (cage
exits without it), libwayland-cursor0 (Qt's wayland plugin), and that the terminal must
run on XWayland (``QT_QPA_PLATFORM=xcb``, the unit's choice): on Qt's wayland plugin the
in-process virtual keyboard is refused ("qtvirtualkeyboard currently is not supported at
client-side"), and residents could not type.

One limit of the capture: a client covering the whole headless output exactly is
captured black by grim (wlroots 0.15 attempts direct scanout, which the headless pixman
output refuses), so the out-of-order screen is checked for running, not for its picture;
the terminal's window (1280×800 on a 1280×720 output) is captured and looked at."""

from __future__ import annotations

import contextlib
import os
import pwd
import re
import shutil
import signal
import socket
import subprocess
import tempfile
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from tests.packaging.conftest import APP, Package

pytestmark = pytest.mark.integration


@dataclass
class Session:
    run: Path  # XDG_RUNTIME_DIR, owned by the plain user
    proc: subprocess.Popen[bytes]
    as_user: list[str]
    client_log: Path

    def grab(self, out: Path, timeout: float = 60) -> bool:
        """A frame from the compositor (grim over wlr-screencopy) once it answers."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline and self.proc.poll() is None:
            res = subprocess.run([*self.as_user, "env", f"XDG_RUNTIME_DIR={self.run}",
                                  "WAYLAND_DISPLAY=wayland-0", "grim", str(out)],
                                 capture_output=True, check=False, timeout=30)
            if res.returncode == 0:
                return True
            time.sleep(0.5)
        return False

    def clients(self, pattern: str) -> list[str]:
        return subprocess.run(["pgrep", "-s", str(os.getpgid(self.proc.pid)), "-f", pattern],
                              capture_output=True, text=True, check=False).stdout.split()


@contextlib.contextmanager
def cage(command: str, **env: str) -> Iterator[Session]:
    for tool in ("cage", "grim", "setpriv", "Xwayland"):
        assert shutil.which(tool), f"{tool} missing: setup.sh installs it"
    nobody = pwd.getpwnam("nobody")
    run = Path(tempfile.mkdtemp(prefix="kiosk-xdg-"))
    os.chown(run, nobody.pw_uid, nobody.pw_gid)
    run.chmod(0o700)
    as_user = ["setpriv", f"--reuid={nobody.pw_uid}", f"--regid={nobody.pw_gid}",
               "--clear-groups"]
    full_env = {"PATH": "/usr/bin:/bin", "HOME": str(run), "XDG_RUNTIME_DIR": str(run),
                "WLR_BACKENDS": "headless", "WLR_LIBINPUT_NO_DEVICES": "1",
                "WLR_RENDERER": "pixman", "LANG": "C.UTF-8", **env}
    client_log = run / "client.log"
    with (run / "cage.log").open("wb") as cage_log:
        proc = subprocess.Popen([*as_user, "cage", "-d", "--", "sh", "-c",
                                 f'exec {command} 2>"{client_log}"'], env=full_env,
                                stdout=subprocess.DEVNULL, stderr=cage_log,
                                start_new_session=True)
        try:
            yield Session(run, proc, as_user, client_log)
        finally:
            with contextlib.suppress(ProcessLookupError):  # the session may have ended
                os.killpg(proc.pid, signal.SIGTERM)
            try:
                proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                os.killpg(proc.pid, signal.SIGKILL)
                proc.wait(timeout=10)
            shutil.rmtree(run, ignore_errors=True)


def test_the_out_of_order_screen_runs_under_cage_headless_as_a_plain_user(
        package: Package) -> None:
    python = package.root / APP / "venv/bin/python"
    screen = package.root / APP / "share/out_of_order.py"
    with cage(f'"{python}" "{screen}"', QT_QPA_PLATFORM="wayland") as s:
        frame = s.run / "frame.png"
        assert s.grab(frame), (s.run / "cage.log").read_text(errors="replace")[-2000:]
        deadline = time.monotonic() + 30
        while not s.clients("out_of_order.py") and time.monotonic() < deadline:
            time.sleep(0.2)
        time.sleep(3)  # a client that cannot start aborts within this
        assert s.proc.poll() is None
        assert s.clients("out_of_order.py"), s.client_log.read_text()
        assert "failed" not in s.client_log.read_text().lower(), s.client_log.read_text()


def test_the_terminal_reaches_readiness_and_its_home_screen_under_cage(
        package: Package) -> None:
    """`kiosk run` from the unpacked package, as the unit runs it (XWayland, the virtual
    keyboard module): READY=1 arrives on NOTIFY_SOCKET and the home screen is drawn."""
    python = package.root / APP / "venv/bin/python"
    nobody = pwd.getpwnam("nobody")
    run = Path(tempfile.mkdtemp(prefix="kiosk-notify-"))
    run.chmod(0o755)
    data = run / "data"
    data.mkdir()
    os.chown(data, nobody.pw_uid, nobody.pw_gid)
    config = run / "kiosk.toml"
    config.write_text(f'data_dir = "{data}"\nplatform_url = "http://127.0.0.1:9"\n'
                      "allow_mock_devices = true\n", encoding="utf-8")
    notify_path = run / "notify"
    listener = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
    listener.bind(str(notify_path))
    os.chown(notify_path, nobody.pw_uid, nobody.pw_gid)
    listener.settimeout(120)
    try:
        with cage(f'"{python}" -m kiosk.cli run', QT_QPA_PLATFORM="xcb",
                  QT_IM_MODULE="qtvirtualkeyboard", KIOSK_CONFIG=str(config),
                  NOTIFY_SOCKET=str(notify_path)) as s:
            message = listener.recv(4096).decode()
            assert message.startswith("READY=1"), message
            frame = s.run / "home.png"
            from PIL import Image

            deadline = time.monotonic() + 60
            colours: list[Any] = []  # (count, pixel) pairs; Pillow types them loosely
            while time.monotonic() < deadline:  # until the first frame of the home screen
                assert s.grab(frame), (s.run / "cage.log").read_text(errors="replace")[-2000:]
                with Image.open(frame) as im:
                    colours = sorted(im.convert("RGB").getcolors(1 << 20) or [], reverse=True)
                if len(colours) > 50 and colours[0][1] != (0, 0, 0):
                    break
                time.sleep(0.5)
            assert len(colours) > 50 and colours[0][1] != (0, 0, 0), colours[:3]
            log = s.client_log.read_text(errors="replace")
            assert "not supported" not in log and "Traceback" not in log, log[-2000:]
            assert s.proc.poll() is None
    finally:
        listener.close()
        shutil.rmtree(run, ignore_errors=True)


# XTEST from a plain X client (libX11 and libXtst by ctypes: no xdotool needed), run as the
# session's user against cage's Xwayland, where the terminal's window lives (xcb). Each
# argument is a key combination ("Control_L+q"), "click:X,Y" or "hold:X,Y,MS".
XTEST = r"""
import ctypes, sys, time
x11, xtst = ctypes.CDLL("libX11.so.6"), ctypes.CDLL("libXtst.so.6")
P, I, U = ctypes.c_void_p, ctypes.c_int, ctypes.c_uint
x11.XOpenDisplay.restype, x11.XOpenDisplay.argtypes = P, [ctypes.c_char_p]
x11.XStringToKeysym.restype, x11.XStringToKeysym.argtypes = ctypes.c_ulong, [ctypes.c_char_p]
x11.XKeysymToKeycode.restype = ctypes.c_ubyte
x11.XKeysymToKeycode.argtypes = [P, ctypes.c_ulong]
x11.XSync.argtypes = [P, I]
xtst.XTestFakeKeyEvent.argtypes = [P, U, I, ctypes.c_ulong]
xtst.XTestFakeMotionEvent.argtypes = [P, I, I, I, ctypes.c_ulong]
xtst.XTestFakeButtonEvent.argtypes = [P, U, I, ctypes.c_ulong]
d = x11.XOpenDisplay(None)
if not d:
    sys.exit("cannot open the display")
for arg in sys.argv[1:]:
    kind, _, where = arg.partition(":")
    if kind in ("click", "hold"):
        x, y, *ms = (int(v) for v in where.split(","))
        xtst.XTestFakeMotionEvent(d, -1, x, y, 0)
        xtst.XTestFakeButtonEvent(d, 1, 1, 0)
        x11.XSync(d, 0)
        time.sleep((ms[0] if ms else 30) / 1000)
        xtst.XTestFakeButtonEvent(d, 1, 0, 0)
    else:
        codes = [x11.XKeysymToKeycode(d, x11.XStringToKeysym(k.encode()))
                 for k in arg.split("+")]
        if not all(codes):
            sys.exit("no keycode for " + arg)
        for c in codes:
            xtst.XTestFakeKeyEvent(d, c, 1, 0)
        for c in reversed(codes):
            xtst.XTestFakeKeyEvent(d, c, 0, 0)
    x11.XSync(d, 0)
    time.sleep(0.3)
"""

# What a resident with a keyboard would try (docs/escape-attempts.md): none may quit, close
# or switch away; cage has no bindings of its own (no -s: no VT switching).
ESCAPE_KEYS = ("Control_L+q", "Alt_L+F4", "Control_L+w", "Escape", "Alt_L+Tab", "Super_L",
               "Super_L+d", "Alt_L+F2", "F11", "Control_L+Alt_L+F2", "Control_L+Alt_L+F7",
               "Control_L+Alt_L+BackSpace", "Control_L+Alt_L+Delete",
               "Control_L+Shift_L+Escape", "Control_L+Alt_L+t")
VT_SWITCH = {"Control_L+Alt_L+F2", "Control_L+Alt_L+F7"}


def _wait_for(what: Callable[[], bool], timeout: float) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if what():
            return True
        time.sleep(0.2)
    return what()


def _home_drawn(s: Session, frame: Path) -> bool:
    from PIL import Image

    if not s.grab(frame, timeout=10):
        return False
    with Image.open(frame) as im:
        colours = sorted(im.convert("RGB").getcolors(1 << 20) or [], reverse=True)
    return len(colours) > 50 and colours[0][1] != (0, 0, 0)


def test_escape_keys_and_a_long_press_do_not_get_out_and_a_killed_app_ends_the_session(
        package: Package) -> None:
    """`kiosk run` in cage as the unit runs it: every escape combination reaches the app
    (Qt logs each XCB_KEY_PRESS: the keys are not lost on the way) and the app stays, with
    the same process, its window drawn; a 3 s hold on the footer opens only the read-only
    维护信息; and SIGKILL of the app ends cage, so systemd sees the service end and
    (Restart=always, test_deb) starts it again instead of leaving an empty screen."""
    python = package.root / APP / "venv/bin/python"
    nobody = pwd.getpwnam("nobody")
    base = Path(tempfile.mkdtemp(prefix="kiosk-escape-"))
    base.chmod(0o755)
    data = base / "data"
    data.mkdir()
    os.chown(data, nobody.pw_uid, nobody.pw_gid)
    config = base / "kiosk.toml"
    config.write_text(f'data_dir = "{data}"\nplatform_url = "http://127.0.0.1:9"\n'
                      "allow_mock_devices = true\n", encoding="utf-8")
    xtest = base / "xtest.py"
    xtest.write_text(XTEST, encoding="utf-8")
    try:
        with cage(f'"{python}" -m kiosk.cli -v run', QT_QPA_PLATFORM="xcb",
                  QT_IM_MODULE="qtvirtualkeyboard", KIOSK_CONFIG=str(config),
                  QT_LOGGING_RULES="qt.qpa.events=true") as s:
            def log() -> str:  # the client's stderr, once the shell has made it
                return s.client_log.read_text(errors="replace") \
                    if s.client_log.exists() else ""

            assert _wait_for(lambda: "screen home -> home" in log(), 120), log()[-3000:]
            assert _wait_for(lambda: _home_drawn(s, s.run / "home.png"), 60)
            app = "^" + re.escape(f"{python} -m kiosk.cli -v run")  # not cage's or sh's line
            (pid,) = (int(p) for p in s.clients(app))
            environ = Path(f"/proc/{pid}/environ").read_bytes().split(b"\0")
            display = next(e.decode() for e in environ if e.startswith(b"DISPLAY="))

            def send(*args: str) -> None:
                res = subprocess.run([*s.as_user, "env", display, str(python), str(xtest),
                                      *args], capture_output=True, text=True, timeout=120,
                                     check=False)
                assert res.returncode == 0, res.stderr

            # Each press the app gets is one XCB_KEY_PRESS line. Ctrl+Alt+F<n> is XKB's VT
            # switch action: Xwayland takes the F-key press for it and, having no VT,
            # switches nothing; the app gets the two modifiers.
            arrived, expected = {}, {}
            for keys in ESCAPE_KEYS:
                expected[keys] = len(keys.split("+")) - (keys in VT_SWITCH)
                before = log().count("XCB_KEY_PRESS")
                send(keys)
                _wait_for(lambda b=before, n=expected[keys]:  # type: ignore[misc]
                          log().count("XCB_KEY_PRESS") - b >= n, 5)
                time.sleep(0.3)  # and no more than that
                arrived[keys] = log().count("XCB_KEY_PRESS") - before
            assert arrived == expected
            time.sleep(2)  # a quit or a crash would have happened by now
            assert s.proc.poll() is None, (s.run / "cage.log").read_text(errors="replace")
            assert [int(p) for p in s.clients(app)] == [pid]
            assert "Traceback" not in log()
            assert _home_drawn(s, s.run / "after-keys.png")

            # long-press: the footer's 3 s hold is the only one, and opens 维护信息
            send("hold:640,690,3500")
            assert _wait_for(lambda: "screen home -> maintenance" in log(), 20), log()[-2000:]
            assert [int(p) for p in s.clients(app)] == [pid]

            # killing the app: cage ends with it (systemd restarts the unit)
            os.kill(pid, signal.SIGKILL)
            s.proc.wait(timeout=20)
            assert s.proc.returncode is not None
    finally:
        shutil.rmtree(base, ignore_errors=True)
