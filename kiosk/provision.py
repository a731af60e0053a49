"""Enrolment (`kiosk provision`) and the wiring of the signed client, worker and pulls.

Provisioning makes a fresh key pair, registers the public half with a one-time code the
county issued, and only then makes the new key the terminal's key: an enrolment that the
platform refused leaves the old identity in place.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
import shutil
import subprocess
import time
from collections.abc import Callable
from pathlib import Path

from kiosk.config import Config
from kiosk.crypto import CREDENTIAL, CREDSTORE, DataKey, read_key_file
from kiosk.identity_keys import (
    Enrolment,
    load_enrolment,
    load_signer,
    save_identity,
)
from kiosk.store import Store
from sync.client import PlatformClient, PlatformError
from sync.drain_lock import DrainLock
from sync.outbox import OutboxWorker
from sync.protocol import HeartbeatIn
from sync.pulls import Puller
from sync.signing import SKEW_WINDOW_S, load_public_key, new_private_key

log = logging.getLogger(__name__)

HEARTBEAT_S = 300.0
PULL_S = 600.0
PURGE_S = 3600.0


class ProvisionError(Exception):
    """Enrolment failed; the message is for the technician at the terminal."""


def platform_client(cfg: Config, timeout_s: float = 15.0, url: str | None = None
                    ) -> PlatformClient:
    signer = load_signer(cfg)
    enrolment = load_enrolment(cfg) if signer is not None else None
    answer_key = (load_public_key(enrolment.platform_public_key)
                  if enrolment is not None and enrolment.answers_signed else None)
    return PlatformClient(url or cfg.platform_url, cfg.terminal_id, timeout_s=timeout_s,
                          signer=signer, ca_bundle=cfg.platform_ca_bundle or None,
                          proxy=cfg.platform_proxy or None, answer_key=answer_key)


def provision(cfg: Config, platform_url: str, code: str) -> Enrolment:
    key = new_private_key()
    client = platform_client(cfg, url=platform_url)
    try:
        out = client.enrol(code.strip(), cfg.region_code, key)
    except PlatformError as exc:
        raise ProvisionError(f"enrolment at {platform_url} failed: {exc}") from exc
    enrolment = Enrolment(terminal_id=out.terminal_id, region_code=out.region_code,
                          platform_url=platform_url,
                          platform_public_key=out.platform_public_key,
                          enrolled_at=out.enrolled_at, answers_signed=out.answers_signed)
    save_identity(cfg, key, enrolment)
    return enrolment


def seal_data_key(cfg: Config, credstore: Path = CREDSTORE, tool: str = "systemd-creds"
                  ) -> str:
    """`kiosk seal-key` (as root): seals the data key with ``systemd-creds encrypt
    --with-key=tpm2`` into ``credstore`` when ``systemd-creds has-tpm2`` reports a usable
    TPM2, then removes the plaintext key file; otherwise leaves the 0600 file as it is.
    Returns what was done, for the technician; ProvisionError if sealing failed (the key
    file is then untouched).

    TPM only, not ``--with-key=host``: a host key sits on the same disk as the credential,
    so a copied disk would open it; the point is a disk that is useless away from its
    board. The sealed blob is decrypted and compared before the plaintext goes, so a
    credential the TPM cannot open never replaces the only copy of the key."""
    sealed = credstore / CREDENTIAL
    fallback = (f"the data key stays in the 0600 file {cfg.key_path} (readable by the "
                "service user only)")
    if sealed.exists():
        return f"the data key is already sealed in {sealed}: nothing changed"
    exe = shutil.which(tool)
    if exe is None:
        return f"{tool} is not installed, so no TPM sealing: {fallback}"
    probe = subprocess.run([exe, "has-tpm2"], capture_output=True, text=True, check=False,
                           timeout=60)
    if probe.returncode != 0:
        said = " ".join(probe.stdout.split()) or f"exit {probe.returncode}"
        return f"no usable TPM2 here ({tool} has-tpm2: {said}): {fallback}"
    had_file = cfg.key_path.exists() or cfg.key_path.is_symlink()
    # No key yet (sealed before the first start): made here, never written in the clear.
    key = read_key_file(cfg.key_path) if had_file else os.urandom(32)
    DataKey(key)  # the same checks as at start-up
    credstore.mkdir(parents=True, exist_ok=True, mode=0o700)
    tmp = sealed.with_name(f".{CREDENTIAL}.new")
    try:
        enc = subprocess.run([exe, "encrypt", "--with-key=tpm2", f"--name={CREDENTIAL}", "-",
                              str(tmp)], input=key, capture_output=True, check=False,
                             timeout=120)
        if enc.returncode != 0:
            raise ProvisionError(f"{tool} encrypt failed (exit {enc.returncode}): "
                                 f"{enc.stderr.decode(errors='replace').strip()}; {fallback}")
        dec = subprocess.run([exe, "decrypt", "--newline=no", f"--name={CREDENTIAL}",
                              str(tmp), "-"], capture_output=True, check=False, timeout=120)
        if dec.returncode != 0 or dec.stdout != key:
            raise ProvisionError(f"the sealed key did not decrypt back to the key ({tool} "
                                 f"decrypt exit {dec.returncode}); {fallback}")
        os.chmod(tmp, 0o600)
        os.replace(tmp, sealed)
        dirfd = os.open(credstore, os.O_RDONLY)
        try:
            os.fsync(dirfd)
        finally:
            os.close(dirfd)
    finally:
        tmp.unlink(missing_ok=True)
    if had_file:
        cfg.key_path.unlink()
    return (f"the data key is sealed with the TPM in {sealed}"
            + (f"; the plaintext {cfg.key_path} is removed" if had_file else "")
            + "; the village-kiosk units load it (LoadCredentialEncrypted=); restart them: "
              "systemctl restart village-kiosk village-kiosk-sync")


def every(interval_s: float, task: Callable[[], object],
          clock: Callable[[], float] = time.monotonic) -> Callable[[], None]:
    """Runs ``task`` at most once per interval when called from the worker loop."""
    last = [-float("inf")]

    def run() -> None:
        if clock() - last[0] >= interval_s:
            last[0] = clock()
            task()

    return run


def heartbeat(store: Store, client: PlatformClient) -> None:
    """Tells the platform how this terminal is, and learns how far apart the clocks are
    (the platform's time against the middle of the round trip, by the clock that signs)."""
    st = store.sync_status()
    sent = client.clock()
    ack = client.heartbeat(HeartbeatIn(
        at=dt.datetime.now(dt.UTC).isoformat(timespec="seconds"), queue_depth=st.pending,
        parked=st.parked, audit_backlog=st.audit_backlog, software="village-kiosk",
        catalog_version=store.document_version("catalog"),
        config_version=store.document_version("config")))
    got = client.clock()
    try:
        server = dt.datetime.fromisoformat(ack.server_time)
    except ValueError:
        return  # a platform that words its time otherwise: nothing to compare
    if server.tzinfo is None:
        server = server.replace(tzinfo=dt.UTC)
    store.record_clock_offset(server.timestamp() - (sent + got) / 2)


def puller(cfg: Config, store: Store, client: PlatformClient) -> Puller | None:
    enrolment = load_enrolment(cfg)
    if enrolment is None:
        return None
    return Puller(store, client, enrolment.platform_public_key)


def sync_once_extras(cfg: Config, store: Store, client: PlatformClient) -> list[str]:
    """Pulls, heartbeat and purge after a drain (`kiosk sync --once`); lines to print."""
    lines = []
    p = puller(cfg, store, client)
    if p is not None:
        try:
            r = p.pull_all()
            lines.append(f"statuses updated: {r.statuses}  documents installed: "
                         f"{', '.join(r.installed) or 'none'}")
            lines += [f"document refused: {why}" for why in r.refused]
            heartbeat(store, client)
        except PlatformError as exc:
            lines.append(f"pull failed: {exc}")
    purged = store.purge_acknowledged(cfg.retention_days)
    if purged:
        lines.append(f"purged personal data of {purged} acknowledged case(s)")
    return lines


def sync_worker(cfg: Config, store: Store, client: PlatformClient, max_attempts: int = 12,
                backoff_base_s: float = 2.0, backoff_cap_s: float = 900.0) -> OutboxWorker:
    """The outbox worker with its periodic pulls, heartbeat and retention purge."""
    worker = OutboxWorker(store, client, max_attempts=max_attempts,
                          backoff_base_s=backoff_base_s, backoff_cap_s=backoff_cap_s,
                          concurrency=cfg.sync_lanes,
                          lock=DrainLock(cfg.data_dir / "outbox.lock"))
    p = puller(cfg, store, client)
    if p is not None:
        worker.periodic.append(every(PULL_S, p.pull_all))
        worker.periodic.append(every(HEARTBEAT_S, lambda: heartbeat(store, client)))
    worker.periodic.append(every(PURGE_S, lambda: purge_if_clock_trusted(cfg, store)))
    return worker


def purge_if_clock_trusted(cfg: Config, store: Store) -> int:
    """The retention purge, unless the last heartbeat found this terminal's clock outside
    the platform's signature window: a terminal that booted days in the future would
    otherwise take recent cases for old ones and drop their details early."""
    offset = store.sync_status().clock_offset_s
    if offset is not None and abs(offset) > SKEW_WINDOW_S:
        log.warning("retention purge postponed: the clock is %.0f s off the platform's",
                    -offset)
        return 0
    return store.purge_acknowledged(cfg.retention_days)
