"""Request signatures, enrolment and the platform's refusals, over real HTTP."""

from __future__ import annotations

import json
import time
from dataclasses import replace
from pathlib import Path

import pytest
import requests

from devices.idcard import IdCard
from kiosk.config import Config
from kiosk.identity_keys import load_enrolment, load_signer, terminal_key_path
from kiosk.maintenance import maintenance_view, read_identity
from kiosk.provision import ProvisionError, provision
from sync.client import PlatformAuthFailed
from sync.outbox import OutboxWorker
from sync.platform.server import ThreadedPlatform
from sync.signing import (
    RequestSigner,
    SignatureInvalid,
    canonical_request,
    check_request,
    new_private_key,
)
from tests.sync.conftest import client_for, queue_cases, submissions


def test_a_signature_covers_method_path_body_time_and_nonce() -> None:
    key = new_private_key()
    h = RequestSigner("VK-T-1", key).headers("POST", "/api/v1/x", b"{}", now=1000)
    good = (h["X-Timestamp"], h["X-Nonce"], h["X-Signature"])
    assert check_request(key.public_key(), "POST", "/api/v1/x", b"{}", *good, now=1000) == 1000
    for method, path, body in [("PUT", "/api/v1/x", b"{}"), ("POST", "/api/v1/y", b"{}"),
                               ("POST", "/api/v1/x", b"{ }")]:
        with pytest.raises(SignatureInvalid) as exc:
            check_request(key.public_key(), method, path, body, *good, now=1000)
        assert exc.value.code == "bad_signature"
    with pytest.raises(SignatureInvalid) as exc:
        check_request(key.public_key(), "POST", "/api/v1/x", b"{}", *good, now=1000 + 301)
    assert exc.value.code == "clock_skew" and "±300 s" in exc.value.detail
    assert canonical_request("get", "/p", b"", 1, "n").startswith(b"VK1\nGET\n/p\n")


def test_provision_registers_the_key_and_signed_requests_are_accepted(
        ecfg: Config, card: IdCard, platform: ThreadedPlatform) -> None:
    enrolment = load_enrolment(ecfg)
    assert enrolment is not None and enrolment.terminal_id == ecfg.terminal_id
    assert terminal_key_path(ecfg).stat().st_mode & 0o077 == 0
    store = queue_cases(ecfg, card, 1)
    assert OutboxWorker(store, client_for(ecfg)).drain().sent == 1


def test_a_one_time_code_works_once(cfg: Config, platform: ThreadedPlatform) -> None:
    code = platform.issue_code(cfg.terminal_id)
    provision(cfg, platform.url, code)
    other = replace(cfg, terminal_id="VK-OTHER-0002", data_dir=cfg.data_dir.parent / "other")
    with pytest.raises(ProvisionError, match="already used"):
        provision(other, platform.url, code)
    with pytest.raises(ProvisionError, match="not recognised"):
        provision(other, platform.url, "NO-SUCH-CODE")
    assert load_enrolment(other) is None  # a refused enrolment leaves no identity behind


def _signed_post(platform: ThreadedPlatform, signer: RequestSigner, path: str, body: bytes,
                 now: float, headers: dict[str, str] | None = None) -> requests.Response:
    h = signer.headers("POST", path, body, now)
    h.update(headers or {})
    h.update({"Content-Type": "application/json", "Idempotency-Key": "hb-0123456789"})
    return requests.post(platform.url + path, data=body, headers=h, timeout=10)


HB = json.dumps({"at": "2025-01-01T00:00:00+00:00", "queue_depth": 0, "parked": 0}).encode()


def test_platform_refuses_bad_signatures_replays_and_skew_with_clear_codes(
        ecfg: Config, platform: ThreadedPlatform) -> None:
    signer = load_signer(ecfg)
    assert signer is not None
    path = "/api/v1/heartbeats"
    assert _signed_post(platform, signer, path, HB, time.time()).status_code == 200

    h = signer.headers("POST", path, HB, time.time())
    h.update({"Content-Type": "application/json", "Idempotency-Key": "hb-0123456789"})
    first = requests.post(platform.url + path, data=HB, headers=h, timeout=10)
    replay = requests.post(platform.url + path, data=HB, headers=h, timeout=10)
    assert first.status_code == 200
    assert (replay.status_code, replay.json()["error"]) == (401, "replayed_nonce")

    skewed = _signed_post(platform, signer, path, HB, time.time() - 3600)
    assert (skewed.status_code, skewed.json()["error"]) == (401, "clock_skew")
    assert "from platform time" in skewed.json()["detail"]

    forged = RequestSigner(ecfg.terminal_id, new_private_key())
    bad = _signed_post(platform, forged, path, HB, time.time())
    assert (bad.status_code, bad.json()["error"]) == (401, "bad_signature")

    stranger = RequestSigner("VK-NOBODY-9", new_private_key())
    unknown = _signed_post(platform, stranger, path, HB, time.time())
    assert (unknown.status_code, unknown.json()["error"]) == (401, "unknown_terminal")

    bare = requests.post(platform.url + path, data=HB, timeout=10,
                         headers={"Content-Type": "application/json",
                                  "Idempotency-Key": "hb-0123456789"})
    assert (bare.status_code, bare.json()["error"]) == (401, "missing_signature_headers")


def test_a_refused_terminal_stops_sending_without_blaming_any_item(
        ecfg: Config, card: IdCard, platform: ThreadedPlatform) -> None:
    store = queue_cases(ecfg, card, 2)
    client = client_for(ecfg)
    client.clock = lambda: 0.0  # the terminal's clock is off by decades
    result = OutboxWorker(store, client).drain()
    assert result.sent == 0 and result.auth_error is not None
    assert "clock_skew" in result.auth_error and "NTP" in result.auth_error
    assert [r["attempts"] for r in store.outbox_rows()] == [0, 0]
    status = store.sync_status()
    assert "clock_skew" in status.detail and status.problem == "clock_skew"
    assert submissions(platform) == []
    # The maintenance screen words the stored code, whatever the detail text says.
    view = maintenance_view(ecfg, read_identity(ecfg), status, store.outbox_rows(), "",
                            time.time())
    assert view.diagnosis.headline == "终端时钟与平台相差过大"
    assert "NTP" in view.diagnosis.action
    # Contact again: the problem is cleared with the refusal.
    client.clock = time.time
    assert OutboxWorker(store, client).drain().sent == 2
    assert store.sync_status().problem == ""


def test_an_unprovisioned_terminal_queues_and_says_so(cfg: Config, card: IdCard,
                                                     platform: ThreadedPlatform) -> None:
    cfg = replace(cfg, platform_url=platform.url)
    store = queue_cases(cfg, card, 1)
    result = OutboxWorker(store, client_for(cfg)).drain()
    assert result.sent == 0 and result.auth_error and "kiosk provision" in result.auth_error
    assert store.queue_depth() == 1
    with pytest.raises(PlatformAuthFailed):
        client_for(cfg).status("420102202501010001")


def test_a_key_registered_by_another_platform_process_is_honoured(
        ecfg: Config, platform: ThreadedPlatform, tmp_path: Path) -> None:
    """The platform keeps enrolled terminals in memory; a second process on the same
    database (a county running several workers) may re-enrol one with a new key. The
    first process must then accept the new key and refuse the old one (a key replacement
    started by staff, then completed by the terminal's new enrolment)."""
    from sync.platform.db import PlatformDB
    from sync.platform.enrolment import Enrolments
    from sync.signing import new_private_key, public_key_b64

    old = load_signer(ecfg)
    assert old is not None
    path = "/api/v1/heartbeats"
    assert _signed_post(platform, old, path, HB, time.time()).status_code == 200  # cached

    other = Enrolments(PlatformDB(tmp_path / "platform" / "platform.sqlite3"))  # same file
    other.start_replacement(ecfg.terminal_id, "test-admin")
    key = new_private_key()
    code = other.issue(ecfg.terminal_id, ecfg.region_code, "test-admin").code
    assert other.enrol(code, ecfg.terminal_id, ecfg.region_code,
                       public_key_b64(key)).replaced_key

    new = RequestSigner(ecfg.terminal_id, key)
    assert _signed_post(platform, new, path, HB, time.time()).status_code == 200
    stale = _signed_post(platform, old, path, HB, time.time())
    assert (stale.status_code, stale.json()["error"]) == (401, "bad_signature")


def test_answers_are_signed_over_the_requests_nonce_and_the_exact_bytes(
        ecfg: Config, platform: ThreadedPlatform) -> None:
    from sync.signing import answer_message, load_public_key, verify

    enrolment = load_enrolment(ecfg)
    assert enrolment is not None and enrolment.answers_signed
    client = client_for(ecfg)
    signer = client.signer
    assert signer is not None
    hdrs = signer.headers("GET", "/api/v1/statuses?platform_no=x", b"", time.time())
    resp = requests.get(f"{platform.url}/api/v1/statuses?platform_no=x", headers=hdrs,
                        timeout=10)
    pub = load_public_key(enrolment.platform_public_key)
    sig = resp.headers["X-Answer-Signature"]
    verify(pub, answer_message(ecfg.terminal_id, hdrs["X-Nonce"], 200, resp.content), sig)
    for nonce, status, body in [("another-nonce", 200, resp.content),
                                (hdrs["X-Nonce"], 201, resp.content),
                                (hdrs["X-Nonce"], 200, resp.content + b" ")]:
        with pytest.raises(SignatureInvalid):
            verify(pub, answer_message(ecfg.terminal_id, nonce, status, body), sig)


def test_an_enrolment_file_from_before_signed_answers_still_syncs_unverified(
        ecfg: Config, card: IdCard, platform: ThreadedPlatform) -> None:
    from kiosk.identity_keys import enrolment_path

    path = enrolment_path(ecfg)
    old = json.loads(path.read_text())
    del old["answers_signed"]  # as written by a terminal enrolled with a 1.2 platform
    path.write_text(json.dumps(old))
    client = client_for(ecfg)
    assert client.answer_key is None
    assert OutboxWorker(queue_cases(ecfg, card, 1), client).drain().sent == 1


def test_a_key_replaced_through_another_process_stops_working_here_too(
        ecfg: Config, platform: ThreadedPlatform, tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    """The old key is refused even when it comes first after the replacement: a process
    looks the key up again once its copy is KEY_RECHECK_S old (0 here, for the test)."""
    from sync.platform import server
    from sync.platform.db import PlatformDB
    from sync.platform.enrolment import Enrolments
    from sync.signing import new_private_key, public_key_b64

    old = load_signer(ecfg)
    assert old is not None
    path = "/api/v1/heartbeats"
    assert _signed_post(platform, old, path, HB, time.time()).status_code == 200  # cached
    other = Enrolments(PlatformDB(tmp_path / "platform" / "platform.sqlite3"))
    other.start_replacement(ecfg.terminal_id, "test-admin")
    code = other.issue(ecfg.terminal_id, ecfg.region_code, "test-admin").code
    other.enrol(code, ecfg.terminal_id, ecfg.region_code, public_key_b64(new_private_key()))
    monkeypatch.setattr(server, "KEY_RECHECK_S", 0.0)
    stale = _signed_post(platform, old, path, HB, time.time())
    assert (stale.status_code, stale.json()["error"]) == (401, "bad_signature")
