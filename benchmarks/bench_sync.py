"""Sync: draining queued cases (200 KB photo each) to the loopback platform, against a plain
`requests` upload loop of the same bytes; RSS across the drain; queue pick latency with
100,000 queued items.

What each throughput line measures (all in one run, against one platform process, in
rounds that alternate the loops so drift in the VM's fsync speed falls on both sides):

- *drain*: the terminal's outbox worker sending N queued cases. A 200 KB photo fits in
  one upload chunk, so each case is one signed request (``POST /submissions/inline``,
  multipart: the submission JSON plus the photo, which the platform hashes, writes to its
  own file and fsyncs, with its folder, before the synchronous=FULL transaction that
  records the upload and the case); acks committed with synchronous=FULL, 16 per commit;
  ``SEND_CONCURRENCY`` requests kept in flight on their own connections for the whole
  drain (the same drain with one request at a time is printed below it). Photos bigger
  than a chunk would still go up chunked first, with resume.
- *plain store loop* (the baseline of the headline ratio): one `requests.Session` POSTing
  the same N photos, each with its SHA-256, to ``/admin/store`` on the same platform, which
  writes it to a new file, fsyncs the file and its folder (a new file's name is only
  durable once its folder is) and checks the hash, as every correct upload must be
  received, and does nothing else (it then deletes the file, so its folder stays small
  where the platform's upload folders keep growing: that favours the baseline). The
  ratio therefore prices the terminal's own work (outbox pick, decrypting the photo,
  signing, the submission, the platform's bookkeeping of both, the durable ack) and not
  the cost of storing bytes safely, which no uploader can avoid.
- *plain sink loop*: the same POSTs to ``/admin/sink``, which keeps nothing (the benchmark's
  first baseline, still printed): the ceiling of HTTP on loopback, not of a durable upload.
- *village 4G link*, *weak link*: the same drain through an emulated link
  (benchmarks/netlink.py: two private network namespaces joined by this process;
  ``VILLAGE_4G``: 5 Mbit/s up, 15 down, 30 ms each way, random loss 0 / 1 / 3 % both ways;
  ``WEAK``: 1 Mbit/s up, 150 ms each way, 3 % loss), with 1, 2, 3 and 4 lanes, each count
  early and late in the run. The baseline is the link's floor: the photos' bytes at the uplink's
  rate, which no sender can beat (a plain TCP stream of the same bytes is printed as the
  link's own check). These figures are what ``sync_lanes`` advice rests on (README).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import Any

PHOTO = 200 * 1024
BENCH_STAFF = "bench-admin"
BENCH_PASSWORD = "benchmark only, not a secret"
ROUNDS = 8  # alternating rounds of 100 cases: the VM's IO speed drifts within seconds


def _start_platform(tmp: Path) -> tuple[subprocess.Popen[bytes], str]:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    # Test mode: the /admin/sink and /admin/store baselines exist only there.
    subprocess.run([sys.executable, "-m", "kiosk.cli", "platform", "account", "add",
                    BENCH_STAFF, "--role", "admin", "--db", str(tmp / "platform.sqlite3")],
                   input=f"{BENCH_PASSWORD}\n".encode(), check=True, capture_output=True)
    proc = subprocess.Popen([sys.executable, "-m", "kiosk.cli", "platform", "serve", "--port",
                             str(port), "--db", str(tmp / "platform.sqlite3"), "--test-mode"])
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 20
    while True:
        try:
            urllib.request.urlopen(f"{url}/api/v1/health", timeout=1).close()
            return proc, url
        except OSError:
            if time.monotonic() > deadline:
                proc.kill()
                raise RuntimeError("platform did not start") from None
            time.sleep(0.05)


def _cpu(p: Any) -> float:
    t = p.cpu_times()
    return float(t.user + t.system)


def _staff_auth(url: str) -> dict[str, str]:
    import json

    body = json.dumps({"name": BENCH_STAFF, "password": BENCH_PASSWORD}).encode()
    req = urllib.request.Request(f"{url}/api/v1/admin/login", data=body, method="POST",
                                 headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(req, timeout=10) as resp:
        return {"Authorization": f"Bearer {json.loads(resp.read())['token']}"}


def _code(url: str, terminal_id: str) -> str:
    import json

    req = urllib.request.Request(f"{url}/api/v1/admin/enrolment-codes",
                                 data=json.dumps({"terminal_id": terminal_id}).encode(),
                                 method="POST", headers={"Content-Type": "application/json",
                                                         **_staff_auth(url)})
    with urllib.request.urlopen(req, timeout=10) as resp:
        return str(json.loads(resp.read())["code"])


def _throughput(n: int, tmp: Path) -> list[str]:
    import psutil
    import requests

    from benchmarks.netlink import photo
    from kiosk.cases import Applicant, CaseItem
    from kiosk.config import Config
    from kiosk.crypto import DataKey
    from kiosk.provision import platform_client, provision
    from kiosk.store import Store
    from sync.outbox import OutboxWorker

    proc, url = _start_platform(tmp)
    try:
        cfg = replace(Config(), data_dir=tmp / "terminal", platform_url=url)
        provision(cfg, url, _code(url, cfg.terminal_id))
        store = Store(cfg.db_path, cfg.attachments_dir, DataKey.load_or_create(cfg.key_path))
        photos = [photo(PHOTO) for _ in range(n)]  # JPEGs: the terminal sends no other kind
        who = Applicant(name="张桂兰", id_number="420102195003120026")

        def queue(batch: list[bytes], tag: str) -> None:
            for i, data in enumerate(batch):
                case = store.create_case(terminal_id=cfg.terminal_id,
                                         region_code=cfg.region_code, applicant=who,
                                         items=[CaseItem("HB-YL-0001", "参保登记")],
                                         form={"i": f"{tag}-{i}"})
                store.add_attachment(case.id, "portrait", data)
                store.submit_case(case.id)

        # Rounds alternate the loops so that the VM's drifting fsync speed falls on both
        # sides alike; each figure is the median over the rounds (min-max alongside).
        session = requests.Session()
        session.headers.update(_staff_auth(url))
        rounds = ROUNDS if n >= ROUNDS * 20 else 1
        per = n // rounds
        sink_t: list[float] = []
        plain_t: list[float] = []
        ours_t: list[float] = []
        serial_t: list[float] = []
        rss = psutil.Process()
        before = rss.memory_info().rss
        worker = OutboxWorker(store, platform_client(cfg))
        serial_worker = OutboxWorker(store, platform_client(cfg), concurrency=1)
        platform_proc = psutil.Process(proc.pid)
        cpu: dict[str, list[float]] = {"store": [0.0, 0.0], "ours": [0.0, 0.0]}

        def timed(label: str, times: list[float], run: Callable[[], None]) -> None:
            p0, t0 = _cpu(platform_proc), _cpu(rss)
            start = time.perf_counter()
            run()
            times.append(time.perf_counter() - start)
            if label in cpu:
                cpu[label][0] += _cpu(platform_proc) - p0
                cpu[label][1] += _cpu(rss) - t0

        for r in range(rounds):
            batch = photos[r * per:(r + 1) * per]

            def sink(batch: list[bytes] = batch) -> None:
                for data in batch:
                    session.post(f"{url}/api/v1/admin/sink", data=data,
                                 timeout=30).raise_for_status()

            def plain(batch: list[bytes] = batch) -> None:
                for data in batch:
                    session.post(f"{url}/api/v1/admin/store", data=data, timeout=30,
                                 headers={"Upload-SHA256": hashlib.sha256(data).hexdigest()}
                                 ).raise_for_status()

            def drain(w: OutboxWorker) -> None:
                result = w.drain()
                assert result.sent == per and store.queue_depth() == 0, result

            queue(batch, f"ours-{r}")
            steps = [("sink", sink_t, sink), ("store", plain_t, plain),
                     ("ours", ours_t, lambda: drain(worker))]
            # The order flips every round, so neither loop always runs first.
            for label, times, run in steps if r % 2 == 0 else reversed(steps):
                timed(label, times, run)
            queue(batch, f"serial-{r}")
            timed("serial", serial_t, lambda: drain(serial_worker))
        after = rss.memory_info().rss
        store.close()
    finally:
        proc.terminate()
        proc.wait(timeout=10)

    def rate(times: list[float]) -> float:
        return per / statistics.median(times)

    def ratios(base: list[float], times: list[float]) -> str:
        rs = sorted(b / t for b, t in zip(base, times, strict=True))
        return (f"{statistics.median(rs):.2f}x" if len(rs) == 1 else
                f"{statistics.median(rs):.2f}x (rounds {rs[0]:.2f}-{rs[-1]:.2f})")

    def per_case(label: str) -> str:
        platform_ms, terminal_ms = (v / n * 1e3 for v in cpu[label])
        return f"platform {platform_ms:.2f} ms + sender {terminal_ms:.2f} ms"

    return [
        f"drain {n} cases x 200 KB in {rounds} alternating rounds: {rate(ours_t):.1f} cases/s "
        f"({rate(ours_t) * PHOTO / 1e6:.1f} MB/s); plain store loop (same bytes, durable + "
        f"SHA-256 checked) {rate(plain_t):.1f}/s -> ratio {ratios(plain_t, ours_t)} "
        f"(goal >= 0.7x); {worker.concurrency} requests in flight",
        f"  same drain one request at a time: {rate(serial_t):.1f} cases/s -> ratio "
        f"{ratios(plain_t, serial_t)}",
        f"  for reference: plain sink loop (stores nothing) {rate(sink_t):.1f}/s -> ratio "
        f"{ratios(sink_t, ours_t)}",
        f"  CPU per case: drain {per_case('ours')}; store loop {per_case('store')}",
        f"RSS before {before / 1e6:.0f} MB, after {after / 1e6:.0f} MB: "
        f"{(after - before) / 1e6:+.1f} MB (goal: within 20 MB)",
    ]


def _pick_latency(n: int, picks: int, tmp: Path) -> list[str]:
    from kiosk.crypto import DataKey
    from kiosk.store import Store

    store = Store(tmp / "pick.sqlite3", tmp / "pick-att", DataKey(os.urandom(32)))
    t0 = time.perf_counter()
    with store._tx():
        for i in range(n):
            # Half the cases have a follow-up item, so ordering checks have work to do.
            store._enqueue("submission", f"case-{i}", {"i": i})
            if i % 2:
                store._enqueue("rating", f"rating-{i}", {"i": i}, order_key=f"case-{i}")
    fill = time.perf_counter() - t0
    # A realistic queue head: some items waiting out a backoff.
    store._conn.execute("UPDATE outbox SET next_attempt_at=? WHERE id % 7 = 0",
                        (time.time() + 3600,))
    lat = []
    for _ in range(picks):
        t = time.perf_counter()
        item = store.next_due(time.time())
        lat.append(time.perf_counter() - t)
        assert item is not None
        store._conn.execute("UPDATE outbox SET state='sent' WHERE id=?", (item.id,))
    # Baseline in the same run: the bare primary-key lookup of one row.
    base = []
    for i in range(picks):
        t = time.perf_counter()
        store._conn.execute("SELECT payload FROM outbox WHERE id=?", (i + 1,)).fetchone()
        base.append(time.perf_counter() - t)
    store.close()
    q = statistics.quantiles(lat, n=100)
    p99, p50 = q[98] * 1e3, q[49] * 1e3
    b50 = statistics.median(base) * 1e3
    return [f"queue pick with {store_size(n)} queued: p50 {p50:.3f} ms, p99 {p99:.3f} ms "
            f"(goal p99 <= 2 ms); {p50 / b50:.1f}x a bare primary-key read "
            f"({b50:.3f} ms); filled in {fill:.1f} s"]


def store_size(n: int) -> str:
    return f"{int(n * 1.5):,} items ({n:,} cases)"


VILLAGE_4G = {"up_bps": 5e6, "down_bps": 15e6, "delay_s": 0.030, "queue_bytes": 150_000}
# A weak line (one bar, an edge cell): 1 Mbit/s up, 300 ms round trip, 3 % loss.
WEAK = {"up_bps": 1e6, "down_bps": 4e6, "delay_s": 0.150, "queue_bytes": 60_000}
LANES = (1, 2, 3, 4)


def _link_lines(name: str, link: dict[str, float], cases: int, losses: tuple[float, ...],
                order: list[int]) -> list[str]:
    """Drain time over one emulated link per loss rate and lane count, against its floor."""
    import json

    spec = {**link, "cases": cases, "photo": PHOTO, "losses": losses, "order": order}
    res = subprocess.run([sys.executable, "-m", "benchmarks.netlink", json.dumps(spec)],
                         capture_output=True, text=True, check=False, timeout=3600,
                         cwd=Path(__file__).resolve().parent.parent)
    if res.returncode != 0:
        return [f"{name}: failed: {res.stderr.strip()[-600:]}"]
    out = json.loads(res.stdout.splitlines()[-1])
    floor = out["floor_s"]
    lines = [f"{name} ({link['up_bps'] / 1e6:g} Mbit/s up, {link['down_bps'] / 1e6:g} down, "
             f"{link['delay_s'] * 2e3:.0f} ms RTT): {cases} cases x 200 KB, floor "
             f"{floor:.1f} s (the photos at the uplink's rate); one plain TCP stream of "
             f"the same bytes, no loss: {out['bulk']:.2f}x the floor"]
    for loss, run in out["runs"].items():
        cells = []
        for lanes in sorted(run["times"], key=int):
            ts = sorted(t / floor for t in run["times"][lanes])
            spread = f" ({ts[0]:.2f}-{ts[-1]:.2f})" if len(ts) > 1 else ""
            cells.append(f"{lanes} lane{'s' if lanes != '1' else ''} "
                         f"{statistics.median(ts):.2f}x{spread}")
        lines.append(f"  loss {float(loss) * 100:g} %: " + ", ".join(cells) +
                     f" the floor; {run['lost']} packets lost up")
    return lines


def _links(quick: bool) -> list[str]:
    """The drain over emulated links (benchmarks/netlink.py): the figures behind the
    README's sync_lanes advice. Each lane count runs early and late (orders reversed)."""
    from benchmarks import netlink

    why = netlink.available()
    if why is not None:
        return [f"emulated links: not measured ({why})"]
    if quick:
        return _link_lines("village 4G link", VILLAGE_4G, 6, (0.01, 0.03), [1, 3])
    both_ways = [*LANES, *reversed(LANES)]
    return (_link_lines("village 4G link", VILLAGE_4G, 30, (0.0, 0.01, 0.03), both_ways)
            + _link_lines("weak link", WEAK, 8, (0.03,), both_ways))


def run(quick: bool) -> list[str]:
    with tempfile.TemporaryDirectory() as d:
        tmp = Path(d)
        lines = _throughput(40 if quick else 800, tmp)
        lines += _pick_latency(20_000 if quick else 100_000, 500 if quick else 2000, tmp)
    lines += _links(quick)
    lines.append(f"(measured {dt.datetime.now():%Y-%m-%d %H:%M})")
    return lines
