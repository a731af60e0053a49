"""The session's compositor for real: cage, headless (``WLR_BACKENDS=headless``), as an
unprivileged user (cage refuses root, as the unit runs it as ``kiosk``), running the
unpacked package's out-of-order screen through Qt's wayland plugin. This is what found
that cage needs Xwayland and Qt's plugin libwayland-cursor0, both now in Depends.

What it cannot show here: the picture. A client covering the whole headless output is
captured black by grim (wlroots 0.15 tries direct scanout, which the headless pixman
output refuses); a window one pixel smaller is captured fine. The frame is checked for
its size only, the client for being alive and silent."""

from __future__ import annotations

import os
import pwd
import shutil
import signal
import subprocess
import tempfile
import time
from pathlib import Path

import pytest

from tests.packaging.conftest import APP, Package

pytestmark = pytest.mark.integration


def test_the_out_of_order_screen_runs_under_cage_headless_as_a_plain_user(
        package: Package) -> None:
    for tool in ("cage", "grim", "setpriv", "Xwayland"):
        assert shutil.which(tool), f"{tool} missing: setup.sh installs it"
    nobody = pwd.getpwnam("nobody")
    run = Path(tempfile.mkdtemp(prefix="kiosk-xdg-"))
    os.chown(run, nobody.pw_uid, nobody.pw_gid)
    run.chmod(0o700)
    as_nobody = ["setpriv", f"--reuid={nobody.pw_uid}", f"--regid={nobody.pw_gid}",
                 "--clear-groups"]
    env = {"PATH": "/usr/bin:/bin", "HOME": str(run), "XDG_RUNTIME_DIR": str(run),
           "WLR_BACKENDS": "headless", "WLR_LIBINPUT_NO_DEVICES": "1",
           "WLR_RENDERER": "pixman", "QT_QPA_PLATFORM": "wayland", "LANG": "C.UTF-8"}
    python = package.root / APP / "venv/bin/python"
    screen = package.root / APP / "share/out_of_order.py"
    client_log = run / "client.log"
    cage_log = (run / "cage.log").open("wb")
    command = f'exec "{python}" "{screen}" 2>"{client_log}"'
    cage = subprocess.Popen([*as_nobody, "cage", "-d", "--", "sh", "-c", command], env=env,
                            stdout=subprocess.DEVNULL, stderr=cage_log, start_new_session=True)
    try:
        shot = run / "frame.png"
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and cage.poll() is None:
            grabbed = subprocess.run([*as_nobody, "env", f"XDG_RUNTIME_DIR={run}",
                                      "WAYLAND_DISPLAY=wayland-0", "grim", str(shot)],
                                     capture_output=True, check=False, timeout=30)
            if grabbed.returncode == 0 and client_log.exists():
                break
            time.sleep(0.5)
        time.sleep(3)  # let the client start (or fail) behind the compositor
        assert cage.poll() is None, (run / "cage.log").read_text(errors="replace")[-2000:]
        clients = subprocess.run(["pgrep", "-s", str(os.getpgid(cage.pid)), "-f",
                                  "out_of_order.py"], capture_output=True, text=True,
                                 check=False).stdout.split()
        assert clients, client_log.read_text()  # the screen's process is alive under cage
        assert "failed" not in client_log.read_text().lower(), client_log.read_text()
        from PIL import Image

        with Image.open(shot) as frame:
            assert frame.size == (1280, 720)  # the headless output, captured
    finally:
        os.killpg(cage.pid, signal.SIGTERM)
        try:
            cage.wait(timeout=10)
        except subprocess.TimeoutExpired:
            os.killpg(cage.pid, signal.SIGKILL)
            cage.wait(timeout=10)
        cage_log.close()
        shutil.rmtree(run, ignore_errors=True)
