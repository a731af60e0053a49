"""systemd's part in the update test, for a throwaway root without systemd as PID 1:
starts and restarts the screen (``kiosk run``, offscreen) and the sync process (``kiosk
sync``) of the root's install as their units run them — the venv's ``kiosk``,
``KIOSK_CONFIG``, and ``PYTHONPATH=<root>/opt/village-kiosk/current/site`` — so the
release ``current`` names is what runs. ``kiosk update apply --restart-cmd`` calls it.

    python supervisor.py restart|stop ROOT
"""

from __future__ import annotations

import contextlib
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

APP = "opt/village-kiosk"


def _pids(root: Path) -> list[int]:
    try:
        return [int(p) for p in json.loads((root / "supervisor.json").read_text())]
    except (OSError, ValueError):
        return []


def _alive(pid: int) -> bool:
    """Running (a zombie nobody reaped yet counts as gone)."""
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except (OSError, IndexError):
        return False
    return state != "Z"


def stop(root: Path) -> None:
    pids = _pids(root)
    for pid in pids:
        with contextlib.suppress(ProcessLookupError, PermissionError):
            os.killpg(pid, signal.SIGTERM)
    deadline = time.monotonic() + 10
    for pid in pids:
        while time.monotonic() < deadline:
            if not _alive(pid):
                break
            time.sleep(0.1)
        else:
            with contextlib.suppress(ProcessLookupError, PermissionError):
                os.killpg(pid, signal.SIGKILL)
    (root / "supervisor.json").unlink(missing_ok=True)


def start(root: Path) -> None:
    # venv/bin/kiosk's #! line names /opt/village-kiosk, outside the throwaway root
    kiosk = [str(root / APP / "venv/bin/python"), "-m", "kiosk.cli"]
    env = {"PATH": "/usr/bin:/bin", "HOME": str(root / "home"), "LANG": "C.UTF-8",
           "QT_QPA_PLATFORM": "offscreen", "KIOSK_CONFIG": str(root / "etc/village-kiosk/"
                                                                      "kiosk.toml"),
           "PYTHONPATH": str(root / APP / "current/site")}
    (root / "home").mkdir(exist_ok=True)
    logs = root / "logs"
    logs.mkdir(exist_ok=True)
    pids = []
    for name, args in (("screen", ["run"]),
                       ("sync", ["sync", "--interval", "1", "--update-every", "2"])):
        with (logs / f"{name}.log").open("ab") as log:
            # cwd "/" as systemd's: `python -m` puts the cwd first on sys.path, and a
            # checkout there would run instead of the install
            proc = subprocess.Popen([*kiosk, *args], env=env, stdout=log, stderr=log,
                                    stdin=subprocess.DEVNULL, start_new_session=True,
                                    cwd="/")
        pids.append(proc.pid)
    (root / "supervisor.json").write_text(json.dumps(pids))


def main(argv: list[str]) -> int:
    action, root = argv[0], Path(argv[1])
    stop(root)
    if action == "restart":
        start(root)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
