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
import shutil
import signal
import socket
import subprocess
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

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
            colours: list[tuple[int, tuple[int, int, int]]] = []
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
