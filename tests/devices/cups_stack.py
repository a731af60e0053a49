"""A private cupsd with a cups-pdf printer, for tests: its own ServerRoot, state, cache,
spool and logs in a temp folder and a Listen socket there, selected with CUPS_SERVER.
The system's cupsd (if any) is left alone; ``cupsctl`` is never run against this one (it
would rewrite the config to the system's).

cups-pdf writes into the job owner's ``~/PDF`` (its own /etc/cups/cups-pdf.conf), so the
output is found by the job number and its time, and checked by its content.
"""

from __future__ import annotations

import os
import pwd
import shutil
import subprocess
import tempfile
import time
from pathlib import Path

QUEUE = "KioskPDF"
PPD = "lsb/usr/cups-pdf/CUPS-PDF_opt.ppd"


FAULT_BACKEND = """#!/bin/sh
if [ $# -eq 0 ]; then echo 'direct kiosk-fault "Unknown" "Kiosk fault"'; exit 0; fi
reason="${DEVICE_URI#kiosk-fault:/}"
cat > /dev/null
echo "STATE: +$reason" >&2
echo "ERROR: device reports $reason" >&2
exit 4
"""


class CupsStackError(RuntimeError):
    pass


class CupsStack:
    def __init__(self) -> None:
        self.dir = Path(tempfile.mkdtemp(prefix="kiosk-cupsd-"))
        self.socket = self.dir / "cups.sock"
        self.proc: subprocess.Popen[bytes] | None = None
        self.extra_files_conf = ""  # lines appended to cups-files.conf (tests of this stack)

    @property
    def env(self) -> dict[str, str]:
        return {**os.environ, "CUPS_SERVER": str(self.socket)}

    def start(self, timeout: float = 15.0) -> CupsStack:
        if shutil.which("cupsd") is None and not Path("/usr/sbin/cupsd").exists():
            raise CupsStackError("cupsd missing: apt-get install cups cups-bsd "
                                 "printer-driver-cups-pdf")
        self.dir.chmod(0o755)  # filters run as user lp and must reach the spool
        for sub in ("etc/ppd", "state", "cache", "spool/tmp", "log"):
            (self.dir / sub).mkdir(parents=True)
        d = self.dir
        self._server_bin()
        (d / "cupsd.conf").write_text(f"""Listen {self.socket}
LogLevel warn
Browsing No
BrowseLocalProtocols none
DefaultAuthType None
WebInterface No
<Location />
  Order allow,deny
  Allow all
</Location>
<Policy default>
  <Limit All>
    Order deny,allow
  </Limit>
</Policy>
""")
        (d / "cups-files.conf").write_text(f"""ServerRoot {d}/etc
StateDir {d}/state
CacheDir {d}/cache
RequestRoot {d}/spool
TempDir {d}/spool/tmp
AccessLog {d}/log/access_log
ErrorLog {d}/log/error_log
PageLog {d}/log/page_log
ServerBin {d}/lib
DataDir /usr/share/cups
SystemGroup root
Printcap {d}/printcap
{self.extra_files_conf}""")
        self.proc = subprocess.Popen(
            ["/usr/sbin/cupsd", "-f", "-c", str(d / "cupsd.conf"), "-s",
             str(d / "cups-files.conf")], stdout=subprocess.DEVNULL,
            stderr=open(d / "log" / "stderr", "wb"), start_new_session=True)  # noqa: SIM115
        deadline = time.monotonic() + timeout
        while not self._ready():
            if self.proc.poll() is not None or time.monotonic() > deadline:
                why = self._why_not_started(timeout)
                self.stop()
                raise CupsStackError(why)
            time.sleep(0.05)
        try:
            self.lpadmin("-p", QUEUE, "-E", "-v", "cups-pdf:/", "-m", PPD)
        except CupsStackError:
            self.stop()
            raise
        return self

    def _why_not_started(self, timeout: float) -> str:
        """The exit code and the tail of cupsd's error log and stderr, read before the
        folder goes: on a pristine root it exited 1 and the log said why."""
        assert self.proc is not None
        code = self.proc.poll()
        state = (f"exited with code {code}" if code is not None
                 else f"still not answering after {timeout:g} s")
        logs = []
        for name in ("error_log", "stderr"):
            f = self.dir / "log" / name
            text = f.read_text(errors="replace").strip() if f.is_file() else ""
            if text:
                logs.append(f"{name}:\n" + "\n".join(text.splitlines()[-20:]))
        return (f"private cupsd did not start: {state} (config {self.dir / 'cupsd.conf'})\n"
                + ("\n".join(logs) if logs else "(its error log and stderr were empty)"))

    def _ready(self) -> bool:
        if not self.socket.exists():
            return False
        res = subprocess.run(["lpstat", "-r"], env={**self.env, "LANG": "C"},
                             capture_output=True, text=True, check=False)
        return "scheduler is running" in res.stdout

    def _server_bin(self) -> None:
        """/usr/lib/cups plus one backend of the tests' own, ``kiosk-fault:/REASON``, that
        reports a device fault the way a USB printer backend does (``STATE: +reason`` on
        stderr, then exit 4 = stop the queue)."""
        lib = self.dir / "lib"
        (lib / "backend").mkdir(parents=True)
        for entry in Path("/usr/lib/cups").iterdir():
            if entry.name != "backend":
                (lib / entry.name).symlink_to(entry)
        for entry in Path("/usr/lib/cups/backend").iterdir():
            (lib / "backend" / entry.name).symlink_to(entry)
        fault = lib / "backend" / "kiosk-fault"
        fault.write_text(FAULT_BACKEND)
        fault.chmod(0o755)
        for p in (lib, lib / "backend"):
            p.chmod(0o755)

    def add_fault_queue(self, name: str, reason: str) -> None:
        self.lpadmin("-p", name, "-E", "-v", f"kiosk-fault:/{reason}", "-m", PPD)

    def lpadmin(self, *args: str) -> None:
        res = subprocess.run(["lpadmin", *args], env=self.env, capture_output=True, text=True,
                             check=False)
        if res.returncode != 0:
            raise CupsStackError(f"lpadmin {' '.join(args)}: {res.stderr.strip()}")

    def output_dirs(self) -> list[Path]:
        return [Path(pwd.getpwuid(os.getuid()).pw_dir) / "PDF",
                Path("/var/spool/cups-pdf/ANONYMOUS")]

    def find_output(self, job_id: str, since: float, timeout: float = 30.0) -> Path:
        """The PDF cups-pdf wrote for ``job_id`` (``<title>-job_<N>.pdf``, written after
        ``since``); the caller checks its content, as another private cupsd may have had a
        job with the same number."""
        number = job_id.rsplit("-", 1)[-1]
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            for folder in self.output_dirs():
                for p in folder.glob(f"*job_{number}.pdf"):
                    st = p.stat()
                    if st.st_size > 0 and st.st_mtime >= since - 1:
                        return p
            time.sleep(0.1)
        raise CupsStackError(f"no cups-pdf output for {job_id} in "
                             f"{[str(p) for p in self.output_dirs()]}")

    def stop(self) -> None:
        if self.proc is not None and self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(timeout=10)
        self.proc = None
        shutil.rmtree(self.dir, ignore_errors=True)
