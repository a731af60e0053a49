"""An emulated village 4G link between a terminal and the platform, in user space.

This machine's kernel has no ``netem`` qdisc (``tc qdisc add ... netem`` answers "qdisc kind
is unknown"), and the shared loopback must not be slowed for everyone else's tests anyway.
So the link is made here: two private network namespaces (the terminal's, the platform's),
each with a TUN device, and this process between them carrying every IP packet with

- a serialisation rate per direction (the uplink is what a photo waits for),
- a fixed one-way delay (the radio and backhaul round trip),
- independent random loss (``loss``), decided per packet from a seeded generator,
- a bounded FIFO (tail drop past ``queue_bytes``: a real base station's buffer).

Packets are never reordered. TCP on both ends is the kernel's own, so the loss costs what
it costs on a real link: retransmissions, halved congestion windows, the occasional RTO.

Needs root (CAP_NET_ADMIN, CAP_SYS_ADMIN for ``unshare``) and ``/dev/net/tun``; ``available``
says why not otherwise, and the benchmark prints that instead of figures.

``python -m benchmarks.netlink <json spec>`` runs one measurement (see ``main``) and prints a
JSON result: it is a subprocess so the namespaces die with it.
"""

from __future__ import annotations

import collections
import ctypes
import fcntl
import json
import os
import random
import socket
import struct
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

CLONE_NEWNET = 0x40000000
TUNSETIFF = 0x400454CA
IFF_TUN, IFF_NO_PI = 0x0001, 0x1000
MTU = 1400  # the village router's (and this VM's eth0's) MTU
TERMINAL_IP, PLATFORM_IP = "10.9.0.1", "10.9.0.2"
PORT = 8765
ROOT = Path(__file__).resolve().parent.parent
STAFF, PASSWORD = "bench-admin", "benchmark only, not a secret"

_libc = ctypes.CDLL(None, use_errno=True)


def available() -> str | None:
    """None if this process may build the link; otherwise the reason, in a few words."""
    if os.geteuid() != 0:
        return "needs root (private network namespaces and TUN devices)"
    if not os.path.exists("/dev/net/tun"):
        return "no /dev/net/tun"
    if not hasattr(_libc, "unshare") or not hasattr(_libc, "setns"):
        return "libc without unshare/setns"
    return None


def _check(ret: int, what: str) -> None:
    if ret != 0:
        err = ctypes.get_errno()
        raise OSError(err, f"{what}: {os.strerror(err)}")


def _new_namespace(address: str) -> tuple[int, int]:
    """A fresh network namespace for the calling thread, with lo up and a TUN device
    ``vk0`` holding ``address``/24; returns (tun fd, namespace fd)."""
    _check(_libc.unshare(CLONE_NEWNET), "unshare(CLONE_NEWNET)")
    tun = os.open("/dev/net/tun", os.O_RDWR)
    fcntl.ioctl(tun, TUNSETIFF, struct.pack("16sH", b"vk0", IFF_TUN | IFF_NO_PI))
    for cmd in (["ip", "link", "set", "lo", "up"],
                ["ip", "link", "set", "vk0", "mtu", str(MTU), "up"],
                ["ip", "addr", "add", f"{address}/24", "dev", "vk0"]):
        subprocess.run(cmd, check=True, capture_output=True)
    ns = os.open(f"/proc/{os.getpid()}/task/{threading.get_native_id()}/ns/net", os.O_RDONLY)
    return tun, ns


@dataclass
class Direction:
    """One way of the link: rate, delay, loss and a tail-drop FIFO; counts what it carried."""

    rate_bps: float
    delay_s: float
    loss: float
    queue_bytes: int
    rng: random.Random
    sent_bytes: int = 0
    lost: int = 0
    tail_dropped: int = 0
    _free_at: float = 0.0  # when the transmitter finishes the packets already queued
    _q: collections.deque[tuple[float, bytes]] = field(default_factory=collections.deque)
    _cv: threading.Condition = field(default_factory=threading.Condition)

    def offer(self, packet: bytes) -> None:
        now = time.monotonic()
        with self._cv:
            backlog = max(0.0, self._free_at - now) * self.rate_bps / 8
            if backlog + len(packet) > self.queue_bytes:
                self.tail_dropped += 1
                return
            self._free_at = max(now, self._free_at) + len(packet) * 8 / self.rate_bps
            self.sent_bytes += len(packet)
            if self.rng.random() < self.loss:  # lost on the air, after using the air time
                self.lost += 1
                return
            self._q.append((self._free_at + self.delay_s, packet))
            self._cv.notify()

    def deliver(self, out_fd: int) -> None:
        while True:
            with self._cv:
                while not self._q:
                    self._cv.wait()
                due, packet = self._q[0]
            wait = due - time.monotonic()
            if wait > 0:
                time.sleep(wait)
            with self._cv:
                self._q.popleft()
            try:
                os.write(out_fd, packet)
            except OSError:
                return


def _pump(in_fd: int, way: Direction) -> None:
    while True:
        try:
            packet = os.read(in_fd, 65536)
        except OSError:
            return
        way.offer(packet)


@dataclass
class Link:
    up: Direction  # terminal -> platform
    down: Direction

    def start(self, terminal_tun: int, platform_tun: int) -> None:
        for target, args in ((_pump, (terminal_tun, self.up)),
                             (self.up.deliver, (platform_tun,)),
                             (_pump, (platform_tun, self.down)),
                             (self.down.deliver, (terminal_tun,))):
            threading.Thread(target=target, args=args, daemon=True).start()

    def set_loss(self, loss: float) -> None:
        self.up.loss = self.down.loss = loss


def photo(size: int) -> bytes:
    """A valid JPEG of exactly ``size`` bytes that does not compress: a tiny real image
    with random bytes in APP15 segments, which viewers skip. The terminal sends only PNG
    and JPEG (it checks the signature before a case goes out), and random bytes keep any
    compression on the way from flattering the figures."""
    import io

    from PIL import Image

    buf = io.BytesIO()
    Image.new("RGB", (8, 8), (128, 128, 128)).save(buf, "JPEG")
    body = buf.getvalue()[2:]  # after SOI
    need = size - 2 - len(body)
    segments = []
    while need > 0:  # a segment is 4 bytes of header and up to 65533 of payload
        n = need - 4 if need <= 65537 else min(65533, need - 4 - 5)
        if n < 1:
            raise ValueError(f"no JPEG of exactly {size} bytes")
        segments.append(b"\xff\xef" + (n + 2).to_bytes(2, "big") + os.urandom(n))
        need -= n + 4
    return b"\xff\xd8" + b"".join(segments) + body


def _platform(tmp: Path) -> subprocess.Popen[bytes]:
    """The reference platform in the calling thread's (the platform's) namespace."""
    db = tmp / "platform.sqlite3"
    subprocess.run([sys.executable, "-m", "kiosk.cli", "platform", "account", "add", STAFF,
                    "--role", "admin", "--db", str(db)], input=f"{PASSWORD}\n".encode(),
                   check=True, capture_output=True)
    proc = subprocess.Popen([sys.executable, "-m", "kiosk.cli", "platform", "serve",
                             "--host", PLATFORM_IP, "--port", str(PORT), "--db", str(db)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 30
    while True:
        with socket.socket() as s:
            s.settimeout(0.5)
            if s.connect_ex((PLATFORM_IP, PORT)) == 0:
                return proc
        if time.monotonic() > deadline or proc.poll() is not None:
            proc.kill()
            raise RuntimeError("platform did not start")
        time.sleep(0.1)


def _admin(url: str, path: str, body: dict[str, Any], token: str | None = None) -> Any:
    headers = {"Content-Type": "application/json"}
    if token:
        headers["Authorization"] = f"Bearer {token}"
    req = urllib.request.Request(f"{url}{path}", data=json.dumps(body).encode(),
                                 method="POST", headers=headers)
    with urllib.request.urlopen(req, timeout=60) as resp:
        return json.loads(resp.read())


def drive(spec: dict[str, Any]) -> dict[str, Any]:
    """Terminal side (run in the terminal's namespace): for each lane count in
    ``spec["order"]``, queue ``spec["cases"]`` cases with a photo and time the drain."""
    from dataclasses import replace

    from kiosk.cases import Applicant, CaseItem
    from kiosk.config import Config
    from kiosk.crypto import DataKey
    from kiosk.provision import platform_client, provision
    from kiosk.store import Store
    from sync.outbox import OutboxWorker

    url = f"http://{PLATFORM_IP}:{PORT}"
    tmp = Path(spec["tmp"])
    cfg = replace(Config(), data_dir=tmp / "terminal", platform_url=url,
                  terminal_id=spec["terminal_id"])
    token = _admin(url, "/api/v1/admin/login", {"name": STAFF, "password": PASSWORD})["token"]
    code = _admin(url, "/api/v1/admin/enrolment-codes", {"terminal_id": cfg.terminal_id},
                  token)["code"]
    provision(cfg, url, str(code))
    store = Store(cfg.db_path, cfg.attachments_dir, DataKey.load_or_create(cfg.key_path))
    who = Applicant(name="张桂兰", id_number="420102195003120026")
    times: dict[str, list[float]] = {}
    for i, lanes in enumerate(spec["order"]):
        for j in range(spec["cases"]):
            case = store.create_case(terminal_id=cfg.terminal_id, region_code=cfg.region_code,
                                     applicant=who, items=[CaseItem("HB-YL-0001", "参保登记")],
                                     form={"i": f"{i}-{j}"})
            store.add_attachment(case.id, "portrait", photo(spec["photo"]))
            store.submit_case(case.id)
        worker = OutboxWorker(store, platform_client(cfg, timeout_s=60), concurrency=lanes,
                              backoff_base_s=0.05, backoff_cap_s=0.5)
        start = time.perf_counter()
        deadline = start + 600
        while store.queue_depth():  # a timed-out send backs off briefly and goes again
            if worker.drain().sent == 0:
                if time.perf_counter() > deadline:
                    raise RuntimeError(f"{store.queue_depth()} cases still queued after 600 s")
                time.sleep(0.1)
        times.setdefault(str(lanes), []).append(time.perf_counter() - start)
        refused = [r for r in store.outbox_rows() if r["state"] == "parked"]
        if refused:  # a drain that gave cases up measured nothing
            raise RuntimeError(f"{len(refused)} cases parked at {lanes} lanes: "
                               f"{refused[0]['last_error']}")
    store.close()
    return times


def _bulk(seconds_floor: float, nbytes: int) -> float:
    """One plain TCP stream of ``nbytes`` terminal -> platform namespace (a sink on the
    platform side is listening already): the link's own check against its floor."""
    with socket.create_connection((PLATFORM_IP, PORT + 1), timeout=120) as s:
        start = time.perf_counter()
        s.sendall(os.urandom(nbytes))
        s.shutdown(socket.SHUT_WR)
        s.recv(1)  # the sink answers once it has read everything
        return (time.perf_counter() - start) / seconds_floor


def _sink() -> socket.socket:
    srv = socket.socket()
    srv.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    srv.bind((PLATFORM_IP, PORT + 1))
    srv.listen(1)

    def serve() -> None:
        conn, _ = srv.accept()
        with conn:
            while conn.recv(1 << 16):
                pass
            conn.sendall(b"k")

    threading.Thread(target=serve, daemon=True).start()
    return srv


def main(spec: dict[str, Any]) -> dict[str, Any]:
    """Builds the link, starts the platform behind it and, per loss rate, runs ``drive`` in
    the terminal's namespace. Returns drain times per loss and lane count, the bulk-stream
    check, and what the link dropped."""
    terminal_tun, terminal_ns = _new_namespace(TERMINAL_IP)
    platform_tun, _ = _new_namespace(PLATFORM_IP)
    rng = random.Random(spec.get("seed", 16))
    q = spec["queue_bytes"]
    link = Link(Direction(spec["up_bps"], spec["delay_s"], 0.0, q, rng),
                Direction(spec["down_bps"], spec["delay_s"], 0.0, q, rng))
    link.start(terminal_tun, platform_tun)
    with tempfile.TemporaryDirectory() as d:
        tmp = Path(d)
        sink = _sink()
        platform = _platform(tmp)  # started in the platform's namespace (this thread's)
        try:
            _check(_libc.setns(terminal_ns, CLONE_NEWNET), "setns(terminal)")
            floor_s = spec["cases"] * spec["photo"] * 8 / spec["up_bps"]
            out: dict[str, Any] = {"bulk": _bulk(floor_s, spec["cases"] * spec["photo"]),
                                   "floor_s": floor_s, "runs": {}}
            sink.close()
            for n, loss in enumerate(spec["losses"]):
                link.set_loss(loss)
                before = (link.up.lost, link.up.tail_dropped, link.up.sent_bytes)
                run_dir = tmp / f"t{n}"
                res = subprocess.run(
                    [sys.executable, "-m", "benchmarks.netlink", "--drive",
                     json.dumps({**spec, "tmp": str(run_dir), "terminal_id": f"VK-NET-{n:04d}"})],
                    capture_output=True, text=True, check=False, cwd=ROOT)
                if res.returncode != 0:
                    raise RuntimeError(f"terminal side failed: {res.stderr[-2000:]}")
                out["runs"][str(loss)] = {
                    "times": json.loads(res.stdout.splitlines()[-1]),
                    "lost": link.up.lost - before[0], "tail_dropped":
                        link.up.tail_dropped - before[1],
                    "up_bytes": link.up.sent_bytes - before[2]}
            return out
        finally:
            platform.terminate()
            platform.wait(timeout=20)


if __name__ == "__main__":
    if sys.argv[1] == "--drive":
        print(json.dumps(drive(json.loads(sys.argv[2]))))
    else:
        print(json.dumps(main(json.loads(sys.argv[1]))))
