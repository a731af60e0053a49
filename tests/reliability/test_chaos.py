"""Exactly-once under fire: a platform failing 30% of requests in mixed ways, the kiosk
sync process SIGKILLed at random points and restarted, a SQLite writer killed mid-write.

Default size is small so the suite stays fast; the full run is
``KIOSK_RELIABILITY_N=10000 .venv/bin/pytest tests/reliability``.
"""

from __future__ import annotations

import hashlib
import os
import random
import signal
import subprocess
import sys
import time
from dataclasses import replace
from pathlib import Path

import pytest

from devices.idcard import IdCard
from kiosk.config import Config
from kiosk.provision import provision
from tests.conftest import PlatformProcess, kiosk_cmd
from tests.sync.conftest import ITEM, open_store

pytestmark = [pytest.mark.integration, pytest.mark.platform_test_mode]

N = int(os.environ.get("KIOSK_RELIABILITY_N", "200"))
SEED = int(os.environ.get("KIOSK_RELIABILITY_SEED", str(random.randrange(1 << 30))))
# Fast retries so a run is seconds, not hours; the logic is the production one.
SYNC_ARGS = ("sync", "--interval", "0.02", "--backoff-base", "0.02", "--backoff-cap", "0.3",
             "--timeout", "0.5")


def terminal(cfg: Config, platform: PlatformProcess,
             tmp_path: Path) -> tuple[Config, dict[str, str]]:
    cfg = replace(cfg, platform_url=platform.url)
    provision(cfg, platform.url, platform.enrol_code(cfg.terminal_id))
    conf = tmp_path / "kiosk.toml"
    conf.write_text(f'data_dir = "{cfg.data_dir}"\nplatform_url = "{cfg.platform_url}"\n',
                    encoding="utf-8")
    return cfg, dict(os.environ, KIOSK_CONFIG=str(conf))


def photo(i: int, rng: random.Random) -> bytes:
    # Mostly small; every 40th spans several 256 KiB chunks so resume is exercised.
    size = 600_000 if i % 40 == 0 else rng.randrange(2_000, 40_000)
    return b"\xff\xd8\xff" + rng.randbytes(size - 3)  # a JPEG's first bytes (contract 1.7)


def drain_under_fire(env: dict[str, str], cfg: Config, rng: random.Random,
                     kills: int, deadline_s: float) -> int:
    """Runs `kiosk sync`, SIGKILLing it at random moments, until queue and audit log are
    empty. Returns how many times it was killed."""
    killed = 0
    deadline = time.monotonic() + deadline_s
    while True:
        store = open_store(cfg)
        st = store.sync_status()
        store.close()
        if st.pending == 0 and st.audit_backlog == 0:
            return killed
        assert st.parked == 0, "an item was parked under transient faults"
        assert time.monotonic() < deadline, f"not drained in time: {st}"
        proc = subprocess.Popen(kiosk_cmd(*SYNC_ARGS), env=env, stdout=subprocess.DEVNULL,
                                stderr=subprocess.PIPE)
        if killed < kills:
            time.sleep(rng.uniform(0.8, 3.0))  # startup is ~0.6 s: kill mid-drain
            proc.send_signal(signal.SIGKILL)
            killed += 1
        else:
            time.sleep(2.0)
            proc.terminate()
        proc.wait(timeout=30)


def check_platform_holds_each_once(platform: PlatformProcess, expected: dict[str, str]) -> None:
    rows = platform.submissions()
    local_nos = [r["local_no"] for r in rows]
    assert len(local_nos) == len(set(local_nos)), "a submission arrived twice"
    assert set(local_nos) == set(expected), "a submission is missing or unknown"
    for r in rows:
        (att,) = r["payload"]["attachments"]
        assert att["sha256"] == expected[r["local_no"]]
        assert att["stored_sha256"] == att["sha256"], "attachment damaged on the way"


def test_every_submission_arrives_exactly_once_through_faults_and_kills(
        cfg: Config, card: IdCard, tmp_path: Path, platform_process: PlatformProcess) -> None:
    rng = random.Random(SEED)
    cfg, env = terminal(cfg, platform_process, tmp_path)
    store = open_store(cfg)
    expected: dict[str, str] = {}
    from kiosk.session import applicant_from_card

    for i in range(N):
        case = store.create_case(terminal_id=cfg.terminal_id, region_code=cfg.region_code,
                                 applicant=applicant_from_card(card), items=[ITEM],
                                 form={"i": i})
        data = photo(i, rng)
        store.add_attachment(case.id, "portrait", data)
        store.submit_case(case.id)
        expected[case.local_no] = hashlib.sha256(data).hexdigest()
    store.close()
    platform_process.admin("PUT", "/faults", {"chaos_rate": 0.3, "hang_s": 1.0,
                                              "slow_s": 0.1})
    t0 = time.monotonic()
    killed = drain_under_fire(env, cfg, rng, kills=max(5, N // 40),
                              deadline_s=60 + N * 0.5)
    elapsed = time.monotonic() - t0
    check_platform_holds_each_once(platform_process, expected)
    store = open_store(cfg)
    try:
        assert store.queue_depth() == 0 and store.audit_backlog() == 0
        assert all(r["state"] == "sent" for r in store.outbox_rows())
        assert {c.platform_no for c in (store.find_case(n) for n in expected) if c} == {
            r["platform_no"] for r in platform_process.submissions()}
    finally:
        store.close()
    print(f"\nreliability: N={N} seed={SEED} kills={killed} drained in {elapsed:.1f} s "
          f"({N / elapsed:.1f} cases/s) through 30% mixed faults")


WRITER = """
import sys, os
from pathlib import Path
from kiosk.config import load_config
from kiosk.crypto import DataKey
from kiosk.store import Store
from kiosk.cases import Applicant, CaseItem
cfg = load_config()
store = Store(cfg.db_path, cfg.attachments_dir, DataKey.load_or_create(cfg.key_path))
start = int(sys.argv[1])
for i in range(start, start + 40):
    case = store.create_case(terminal_id=cfg.terminal_id, region_code=cfg.region_code,
                             applicant=Applicant(name="李秀英", id_number=sys.argv[2]),
                             items=[CaseItem("HB-YL-0001", "参保登记")], form={"i": i})
    store.add_attachment(case.id, "portrait", b"\\xff\\xd8\\xff" + os.urandom(20000 - 3))
    store.submit_case(case.id)
    print(case.local_no, flush=True)
"""


def test_a_writer_killed_mid_transaction_leaves_a_consistent_queue_that_drains_once(
        cfg: Config, card: IdCard, tmp_path: Path, platform_process: PlatformProcess) -> None:
    rng = random.Random(SEED)
    cfg, env = terminal(cfg, platform_process, tmp_path)
    committed: list[str] = []
    for round_ in range(5):
        proc = subprocess.Popen([sys.executable, "-c", WRITER, str(round_ * 100000),
                                 card.id_number], env=env, stdout=subprocess.PIPE, text=True)
        time.sleep(rng.uniform(0.6, 1.5))  # imports take ~0.5 s, then ~100 cases/s
        proc.send_signal(signal.SIGKILL)
        out, _ = proc.communicate(timeout=30)
        committed += out.split()
    assert committed, "the writer never committed a case"
    store = open_store(cfg)
    try:
        assert store._conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        # Every submitted case has exactly one queued submission; drafts have none.
        rows = store._conn.execute(
            "SELECT c.status, count(o.id) FROM cases c LEFT JOIN outbox o ON o.record_id=c.id "
            "AND o.kind='submission' GROUP BY c.id").fetchall()
        assert all((s == "submitted" and n == 1) or (s == "draft" and n == 0)
                   for s, n in rows), rows
        submitted = {r[0] for r in store._conn.execute(
            "SELECT local_no FROM cases WHERE status='submitted'")}
        assert set(committed) <= submitted  # what the writer saw committed survived
        expected = {}
        for no in submitted:
            case = store.find_case(no)
            assert case is not None
            (att,) = store.attachments(case.id)
            assert store.read_attachment(att.id)  # intact and decryptable
            expected[no] = att.sha256
    finally:
        store.close()
    platform_process.admin("PUT", "/faults", {"chaos_rate": 0.3, "hang_s": 1.0,
                                              "slow_s": 0.1})
    drain_under_fire(env, cfg, rng, kills=3, deadline_s=60 + len(expected) * 0.5)
    check_platform_holds_each_once(platform_process, expected)
