"""A private pcscd with the vpcd virtual reader, for tests and benchmarks.

pcscd's socket (/run/pcscd/pcscd.comm) and pid file are fixed paths, so two test runs on one
machine (or a system pcscd) would collide. The daemon runs in a private mount namespace
where a temp folder is bind-mounted over /run/pcscd; the client library in this process
finds the socket through ``PCSCLITE_CSOCK_NAME``. Its own reader.conf.d (``pcscd -c``)
puts vpcd on a free TCP port pair (one per virtual slot). Needs root, as CI has.

The client library reads ``PCSCLITE_CSOCK_NAME`` once per process, so one stack serves a
whole pytest session.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import tempfile
import time
from pathlib import Path

READER = "Virtual PCD 00 00"
VPCD_DRIVER = "/usr/lib/pcsc/drivers/serial/libifdvpcd.so"


class PcscStackError(RuntimeError):
    pass


def _free_port_pair() -> int:
    for _ in range(50):
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            port = int(s.getsockname()[1])
        if port >= 65535:
            continue
        with socket.socket() as s2:
            try:
                s2.bind(("127.0.0.1", port + 1))
            except OSError:
                continue
        return port
    raise PcscStackError("no free TCP port pair for vpcd")


class PcscStack:
    def __init__(self) -> None:
        self.dir = Path(tempfile.mkdtemp(prefix="kiosk-pcscd-"))
        self.port = _free_port_pair()
        self.socket_path = self.dir / "run" / "pcscd.comm"
        self.proc: subprocess.Popen[bytes] | None = None

    def start(self, timeout: float = 10.0) -> PcscStack:
        missing = [p for p in ("/usr/sbin/pcscd", VPCD_DRIVER, "/usr/bin/unshare")
                   if not Path(p).exists()]
        if missing:
            raise PcscStackError(f"missing {', '.join(missing)}: apt-get install pcscd "
                                 "vsmartcard-vpcd util-linux")
        if os.geteuid() != 0:
            raise PcscStackError("the private pcscd needs root (mount namespace)")
        conf = self.dir / "reader.conf.d"
        conf.mkdir()
        (self.dir / "run").mkdir()
        (conf / "vpcd").write_text(
            f'FRIENDLYNAME "Virtual PCD"\nDEVICENAME   /dev/null:{self.port}\n'
            f"LIBPATH      {VPCD_DRIVER}\nCHANNELID    {self.port}\n")
        script = (f"mkdir -p /run/pcscd && mount --bind {self.dir / 'run'} /run/pcscd && "
                  f"exec /usr/sbin/pcscd -f -c {conf}")
        self.log = open(self.dir / "pcscd.log", "wb")  # noqa: SIM115 - lives with the daemon
        self.proc = subprocess.Popen(
            ["unshare", "--mount", "--propagation", "private", "sh", "-c", script],
            stdout=self.log, stderr=subprocess.STDOUT, start_new_session=True)
        os.environ["PCSCLITE_CSOCK_NAME"] = str(self.socket_path)
        deadline = time.monotonic() + timeout
        while not self._ready():
            if self.proc.poll() is not None or time.monotonic() > deadline:
                log = (self.dir / "pcscd.log").read_text(errors="replace")  # before stop()
                self.stop()                                                  # removes it
                raise PcscStackError(f"private pcscd did not start: {log.strip()}")
            time.sleep(0.05)
        return self

    def _ready(self) -> bool:
        if not self.socket_path.exists():
            return False
        # Connecting to the port would insert a card; read the listening sockets instead.
        want = f":{self.port:04X}"
        for table in ("/proc/net/tcp", "/proc/net/tcp6"):
            try:
                lines = Path(table).read_text().splitlines()[1:]
            except OSError:
                continue
            if any(line.split()[1].endswith(want) and line.split()[3] == "0A"
                   for line in lines):
                return True
        return False

    def wait_empty(self, timeout: float = 5.0) -> None:
        """Blocks until pcscd itself reports the slot empty. Closing a virtual card's socket
        returns before vpcd has told pcscd, so the next test could still connect to the
        card just taken out and see a torn read instead of an empty reader."""
        from devices.idcard.pcsc import PcscCardReader
        from devices.idcard.reader import NoCard

        reader = PcscCardReader(READER)
        try:
            deadline = time.monotonic() + timeout
            while (status := reader.status()) != NoCard():
                if time.monotonic() > deadline:
                    raise PcscStackError(f"card still seen {timeout} s after removal: {status}")
                time.sleep(0.05)
        finally:
            reader.close()

    def stop(self) -> None:
        if self.proc is not None and self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(timeout=10)
        self.proc = None
        if hasattr(self, "log"):
            self.log.close()
        shutil.rmtree(self.dir, ignore_errors=True)
