"""systemd's readiness and liveness protocol (``sd_notify``) in a few lines, no library.

Under ``Type=notify`` systemd passes ``NOTIFY_SOCKET`` (a path, or ``@name`` in the
abstract namespace); the service sends datagrams such as ``READY=1`` or ``WATCHDOG=1`` to
it. With ``WatchdogSec=`` set, systemd also passes ``WATCHDOG_USEC`` and restarts the
service when no ``WATCHDOG=1`` arrives in time — so the ping must come from the thread
whose hang matters (the GUI's), never from a helper thread that would keep a frozen
screen alive. Outside systemd (no ``NOTIFY_SOCKET``) every call is a no-op returning False.
"""

from __future__ import annotations

import os
import socket
from collections.abc import Mapping


def _address(env: Mapping[str, str]) -> str | None:
    addr = env.get("NOTIFY_SOCKET", "")
    if not addr or not (addr.startswith("/") or addr.startswith("@")):
        return None  # unset, or a vsock address this terminal does not use
    return "\0" + addr[1:] if addr.startswith("@") else addr


def notify(*fields: str, env: Mapping[str, str] | None = None) -> bool:
    """Sends ``fields`` (``"READY=1"``, ``"STATUS=..."``) in one datagram; True if sent.
    A notification never stops the terminal: a missing or refusing socket is False."""
    addr = _address(os.environ if env is None else env)
    if addr is None:
        return False
    try:
        with socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM | socket.SOCK_CLOEXEC) as s:
            s.connect(addr)
            s.sendall("\n".join(fields).encode("utf-8"))
    except OSError:
        return False
    return True


def ready(status: str = "") -> bool:
    """The terminal is serving (its home screen is up)."""
    return notify("READY=1", *([f"STATUS={status}"] if status else []))


def watchdog() -> bool:
    """Still alive: call from the GUI thread at least every ``watchdog_interval_s()``."""
    return notify("WATCHDOG=1")


def stopping() -> bool:
    return notify("STOPPING=1")


def watchdog_interval_s(env: Mapping[str, str] | None = None) -> float | None:
    """Half of systemd's watchdog timeout (its advice), or None when no watchdog is set
    for this process. ``WATCHDOG_PID`` naming another process counts as none, except our
    parent: the terminal's unit runs cage as its main process, cage starts `kiosk run` as
    its child and never pings, and with NotifyAccess=all systemd takes the child's pings.
    (A process further down, e.g. a helper the terminal starts, still sees none.)"""
    env = os.environ if env is None else env
    usec = env.get("WATCHDOG_USEC", "")
    if not usec.isdigit() or int(usec) == 0:
        return None
    pid = env.get("WATCHDOG_PID", "")
    if pid and pid.isdigit() and int(pid) not in (os.getpid(), os.getppid()):
        return None
    return int(usec) / 2_000_000
