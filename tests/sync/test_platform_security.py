"""The county platform tried from outside: a real `kiosk platform serve` process on
127.0.0.1 in its normal mode, and someone on the same port without credentials, with too
small a role, with guessed passwords, with a code for another terminal, with bodies far
too big or too deep. Every answer is checked for its exact status and error code.
"""

from __future__ import annotations

import json
import select
import socket
import sqlite3
import subprocess
import threading
import time
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import psutil
import pytest
import requests
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from devices.idcard import IdCard
from kiosk.config import Config
from kiosk.identity_keys import load_signer
from kiosk.provision import provision
from sync import signing
from sync.outbox import OutboxWorker
from sync.platform.limits import JSON_MAX_BODY, MAX_JSON_DEPTH
from sync.platform.server import create_app
from sync.protocol import CHUNK_SIZE, INLINE_MAX_BODY
from tests.conftest import (
    PlatformProcess,
    add_staff_account,
    free_port,
    kiosk_cmd,
    start_platform,
    stop_platform,
)
from tests.platform_peer import login
from tests.sync.conftest import client_for, queue_cases

pytestmark = pytest.mark.integration

API = "/api/v1"
ADMIN = f"{API}/admin"
REGION = "420102001001"
PASSWORDS = {"viewer": "viewer password 1", "clerk": "clerk password 12",
             "tech": "technician pass 1", "victim": "victim password 1"}
ROLES = {"viewer": "readonly", "clerk": "clerk", "tech": "technician", "victim": "clerk"}


@dataclass
class Peer:
    platform: PlatformProcess
    db: Path
    tokens: dict[str, str]

    @property
    def url(self) -> str:
        return self.platform.url

    def auth(self, who: str) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.tokens[who]}"}

    def call(self, who: str | None, method: str, path: str, body: Any = None,
             data: bytes | None = None) -> requests.Response:
        headers = {"Content-Type": "application/json", **(self.auth(who) if who else {})}
        return requests.request(method, self.url + path, headers=headers, timeout=30,
                                data=data if data is not None else
                                (None if body is None else json.dumps(body)))

    def code(self, terminal_id: str, region_code: str | None = None) -> str:
        resp = self.call("tech", "POST", f"{ADMIN}/enrolment-codes",
                         {"terminal_id": terminal_id, "region_code": region_code})
        assert resp.status_code == 200, resp.text
        return str(resp.json()["code"])


@pytest.fixture(scope="module")
def peer(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Peer]:
    """One platform for the module, in normal mode, with an account of every role."""
    db = tmp_path_factory.mktemp("security") / "platform.sqlite3"
    add_staff_account(db)
    for name, role in ROLES.items():
        add_staff_account(db, name, role, PASSWORDS[name])
    platform = start_platform(db)
    tokens = {"admin": login(platform.url)}
    tokens |= {n: login(platform.url, n, PASSWORDS[n]) for n in ("viewer", "clerk", "tech")}
    yield Peer(platform, db, tokens)
    stop_platform(platform)


def expect(resp: requests.Response, status: int, error: str) -> None:
    """The exact status and error code, as a short JSON body with no traceback."""
    assert resp.status_code == status, (resp.status_code, resp.text[:300])
    assert resp.headers["content-type"].startswith("application/json")
    assert resp.json()["error"] == error
    assert "Traceback" not in resp.text and len(resp.content) < 2000


# Every staff route the platform has (in normal mode), with sample path values. The first
# test checks this list against the app itself, so a new route cannot slip by unprotected.
ADMIN_ROUTES: list[tuple[str, str]] = [
    ("GET", "/me"), ("POST", "/logout"),
    ("GET", "/submissions"), ("GET", "/ratings"), ("GET", "/audit-events"),
    ("GET", "/heartbeats"), ("GET", "/terminals"),
    ("GET", "/uploads/VK-NOBODY-01/upload-00000001/chunks"),
    ("PUT", "/submissions/420102202501010001/status"),
    ("POST", "/enrolment-codes"), ("POST", "/terminals/VK-NOBODY-01/key-replacement"),
    ("GET", "/accounts"), ("POST", "/accounts"), ("DELETE", "/accounts/nobody"),
    ("GET", "/staff-audit"), ("POST", "/documents/config"),
]
READS_FOR_EVERYONE = [r for r in ADMIN_ROUTES if r[0] == "GET"
                      and r[1] not in ("/accounts", "/staff-audit")]
WRITES = [r for r in ADMIN_ROUTES if r[0] != "GET" and r[1] != "/logout"]


def _template(path: str) -> str:
    parts = path.strip("/").split("/")
    templates = {"uploads": "/uploads/{terminal_id}/{upload_id}/chunks",
                 "submissions": "/submissions/{platform_no}/status",
                 "terminals": "/terminals/{terminal_id}/key-replacement",
                 "accounts": "/accounts/{name}", "documents": "/documents/{kind}"}
    return templates[parts[0]] if len(parts) > 1 else path


def test_the_route_list_covers_every_staff_route_of_a_normal_platform(tmp_path: Path) -> None:
    app = create_app(tmp_path / "p.sqlite3")
    served = {(m, r.path.removeprefix(ADMIN)) for r in app.routes
              if getattr(r, "path", "").startswith(ADMIN)
              for m in getattr(r, "methods", set()) - {"HEAD"}}
    listed = {(m, _template(p)) for m, p in ADMIN_ROUTES} | {("POST", "/login")}
    assert served == listed


@pytest.mark.parametrize(("method", "path"), ADMIN_ROUTES)
def test_every_staff_route_refuses_a_caller_without_credentials(
        peer: Peer, method: str, path: str) -> None:
    expect(peer.call(None, method, ADMIN + path, {"status": "finished"}), 401,
           "missing_credentials")
    # A malformed body changes nothing: credentials are checked before it is read.
    expect(peer.call(None, method, ADMIN + path, data=b"{not json"), 401,
           "missing_credentials")
    bogus = requests.request(method, peer.url + ADMIN + path, timeout=10,
                             headers={"Authorization": "Bearer " + "A" * 43})
    expect(bogus, 401, "invalid_token")
    assert bogus.headers["www-authenticate"] == "Bearer"


def test_no_personal_data_leaks_to_a_caller_without_credentials(
        peer: Peer, cfg: Config, card: IdCard) -> None:
    cfg = replace(cfg, platform_url=peer.url, terminal_id="VK-LEAK-0001")
    provision(cfg, peer.url, peer.code(cfg.terminal_id))
    assert OutboxWorker(queue_cases(cfg, card, 1), client_for(cfg)).drain().sent == 1
    staff_view = peer.call("viewer", "GET", f"{ADMIN}/submissions")
    assert staff_view.status_code == 200 and card.id_number in staff_view.text
    for path in ("/submissions", "/audit-events", "/heartbeats", "/ratings"):
        resp = requests.get(peer.url + ADMIN + path, timeout=10)
        expect(resp, 401, "missing_credentials")
        assert card.id_number not in resp.text and card.name not in resp.text


@pytest.mark.parametrize(("method", "path"), READS_FOR_EVERYONE)
def test_a_readonly_account_reads(peer: Peer, method: str, path: str) -> None:
    assert peer.call("viewer", method, ADMIN + path).status_code == 200


@pytest.mark.parametrize(("method", "path"),
                         [*WRITES, ("GET", "/accounts"), ("GET", "/staff-audit")])
def test_a_readonly_account_may_not_write_nor_see_accounts(
        peer: Peer, method: str, path: str) -> None:
    expect(peer.call("viewer", method, ADMIN + path, {"status": "finished"}), 403,
           "forbidden_role")


def test_each_role_does_its_own_work_only(peer: Peer) -> None:
    # 受理/审核 sets a case status (this case does not exist: 404, past the role check).
    expect(peer.call("clerk", "PUT", f"{ADMIN}/submissions/420102202501019999/status",
                     {"status": "finished"}), 404, "unknown_case")
    expect(peer.call("clerk", "POST", f"{ADMIN}/enrolment-codes",
                     {"terminal_id": "VK-CLERK-0001"}), 403, "forbidden_role")
    # 技术员 issues codes and replaces keys, but neither sets statuses nor signs documents.
    assert peer.code("VK-TECH-0001")
    expect(peer.call("tech", "PUT", f"{ADMIN}/submissions/420102202501019999/status",
                     {"status": "finished"}), 403, "forbidden_role")
    expect(peer.call("tech", "POST", f"{ADMIN}/documents/config", {}), 403, "forbidden_role")
    expect(peer.call("tech", "POST", f"{ADMIN}/accounts",
                     {"name": "mole", "role": "admin", "password": "x" * 12}), 403,
           "forbidden_role")
    # 管理员 adds accounts; the new one signs in with its role.
    made = peer.call("admin", "POST", f"{ADMIN}/accounts",
                     {"name": "newclerk", "role": "clerk", "password": "new clerk pass"})
    assert made.status_code == 201 and made.json() == {"name": "newclerk", "role": "clerk"}
    token = login(peer.url, "newclerk", "new clerk pass")
    me = requests.get(peer.url + f"{ADMIN}/me", timeout=10,
                      headers={"Authorization": f"Bearer {token}"})
    assert me.json() == {"name": "newclerk", "role": "clerk", "role_label": "受理/审核"}
    expect(peer.call("admin", "POST", f"{ADMIN}/accounts",
                     {"name": "newclerk", "role": "clerk", "password": "new clerk pass"}),
           409, "name_taken")
    expect(peer.call("admin", "POST", f"{ADMIN}/accounts",
                     {"name": "weak", "role": "clerk", "password": "short"}),
           422, "weak_password")


def test_every_staff_action_is_audited_with_who_what_and_outcome(peer: Peer) -> None:
    peer.code("VK-AUDIT-0001")
    peer.call("viewer", "POST", f"{ADMIN}/enrolment-codes", {"terminal_id": "VK-AUDIT-0002"})
    log = peer.call("admin", "GET", f"{ADMIN}/staff-audit").json()
    rows = {(r["actor"], r["action"], r["target"], r["outcome"]) for r in log}
    assert ("tech", "issue_enrolment_code", "VK-AUDIT-0001", "ok") in rows
    assert ("viewer", "issue_enrolment_code", "", "forbidden_role") in rows
    assert all(r["at"].endswith("+00:00") for r in log)


def test_wrong_passwords_lock_the_account_even_for_the_right_one(peer: Peer) -> None:
    for _ in range(5):
        resp = requests.post(peer.url + f"{ADMIN}/login", timeout=30,
                             json={"name": "victim", "password": "guess guess guess"})
        expect(resp, 401, "bad_credentials")
    locked = requests.post(peer.url + f"{ADMIN}/login", timeout=30,
                           json={"name": "victim", "password": PASSWORDS["victim"]})
    expect(locked, 429, "account_locked")
    assert 0 < int(locked.headers["retry-after"]) <= 15 * 60
    # An unknown name answers exactly like a wrong password.
    expect(requests.post(peer.url + f"{ADMIN}/login", timeout=30,
                         json={"name": "nobody", "password": "guess guess guess"}),
           401, "bad_credentials")
    log = peer.call("admin", "GET", f"{ADMIN}/staff-audit").json()
    outcomes = [r["outcome"] for r in log if r["actor"] == "victim"]
    assert outcomes.count("bad_credentials") == 5 and "account_locked" in outcomes


@pytest.mark.parametrize("body", [b"{not json", b"[]", b'"x"', b"{}", b"null",
                                  b'{"terminal_id": 5}', "{\"é\": \"\ud800\"}".encode(
                                      "utf-8", "surrogatepass")])
@pytest.mark.parametrize("path", ["/enrolment-codes", "/accounts", "/documents/catalog",
                                  "/submissions/420102202501010001/status"])
def test_malformed_bodies_to_staff_routes_get_a_short_json_422(
        peer: Peer, path: str, body: bytes) -> None:
    method = "PUT" if path.endswith("/status") else "POST"
    expect(peer.call("admin", method, ADMIN + path, data=body), 422, "invalid_request")


@pytest.mark.parametrize("body", [b"{not json", b"[]", b"{}", b"\xff\xfe"])
def test_malformed_logins_get_a_short_json_422(peer: Peer, body: bytes) -> None:
    resp = requests.post(peer.url + f"{ADMIN}/login", data=body, timeout=10,
                         headers={"Content-Type": "application/json"})
    expect(resp, 422, "invalid_request")


def test_fault_injection_and_test_hooks_are_absent_in_normal_mode(peer: Peer) -> None:
    for method, path in [("PUT", "/faults"), ("POST", "/sink"), ("POST", "/store"),
                         ("POST", "/documents/catalog/raw")]:
        resp = peer.call("admin", method, ADMIN + path, {"fail_rate": 1.0})
        assert resp.status_code in (404, 405), (path, resp.status_code)
        assert resp.json()["error"] in ("http_404", "http_405")


# Enrolment ---------------------------------------------------------------------------


def enrol(url: str, terminal_id: str, code: str, key: Ed25519PrivateKey,
          region_code: str = REGION) -> requests.Response:
    pub = signing.public_key_b64(key)
    proof = signing.sign(key, signing.enrolment_message(terminal_id, region_code, code, pub))
    return requests.post(url + f"{API}/enrolments", timeout=10,
                         headers={"Idempotency-Key": f"enrol-{uuid.uuid4()}"},
                         json={"terminal_id": terminal_id, "region_code": region_code,
                               "public_key": pub, "code": code, "proof": proof})


def heartbeat(url: str, signer: signing.RequestSigner) -> requests.Response:
    body = json.dumps({"at": "2025-01-01T00:00:00+00:00", "queue_depth": 0,
                       "parked": 0}).encode()
    path = f"{API}/heartbeats"
    headers = signer.headers("POST", path, body, time.time())
    headers |= {"Content-Type": "application/json", "Idempotency-Key": f"hb-{uuid.uuid4()}"}
    return requests.post(url + path, data=body, headers=headers, timeout=10)


def enrolled_terminal(peer: Peer, cfg: Config, terminal_id: str) -> Config:
    cfg = replace(cfg, platform_url=peer.url, terminal_id=terminal_id, region_code=REGION,
                  data_dir=cfg.data_dir.parent / terminal_id)
    provision(cfg, peer.url, peer.code(terminal_id, REGION))
    return cfg


def test_a_terminal_cannot_be_taken_over_and_keeps_syncing(
        peer: Peer, cfg: Config, card: IdCard) -> None:
    real = enrolled_terminal(peer, cfg, "VK-REAL-0001")
    rogue = Ed25519PrivateKey.generate()
    # A code issued for the rogue's own id does not enrol the real terminal's id.
    expect(enrol(peer.url, "VK-REAL-0001", peer.code("VK-ROGUE-0001"), rogue), 403,
           "wrong_terminal")
    # No new code is issued for an enrolled terminal...
    expect(peer.call("tech", "POST", f"{ADMIN}/enrolment-codes",
                     {"terminal_id": "VK-REAL-0001"}), 409, "already_enrolled")
    # ...and one issued for it before it enrolled (left lying around) is refused now.
    early = peer.code("VK-REAL-0002")
    second = enrolled_terminal(peer, cfg, "VK-REAL-0002")
    expect(enrol(peer.url, "VK-REAL-0002", early, rogue), 409, "already_enrolled")
    for victim in (real, second):
        signer = load_signer(victim)
        assert signer is not None and heartbeat(peer.url, signer).status_code == 200
    assert OutboxWorker(queue_cases(real, card, 2), client_for(real)).drain().sent == 2


def test_a_key_replacement_started_by_staff_lets_the_new_key_in_and_ends_the_old(
        peer: Peer, cfg: Config) -> None:
    terminal = enrolled_terminal(peer, cfg, "VK-SWAP-0001")
    old = load_signer(terminal)
    assert old is not None
    expect(peer.call("viewer", "POST", f"{ADMIN}/terminals/VK-SWAP-0001/key-replacement"),
           403, "forbidden_role")
    expect(peer.call("tech", "POST", f"{ADMIN}/terminals/VK-NEVER-0001/key-replacement"),
           404, "unknown_terminal")
    started = peer.call("tech", "POST", f"{ADMIN}/terminals/VK-SWAP-0001/key-replacement")
    assert started.status_code == 200 and started.json()["started_by"] == "tech"
    assert heartbeat(peer.url, old).status_code == 200  # still works until the swap
    new_key = Ed25519PrivateKey.generate()
    assert enrol(peer.url, "VK-SWAP-0001", peer.code("VK-SWAP-0001", REGION),
                 new_key).status_code == 200
    expect(heartbeat(peer.url, old), 401, "bad_signature")
    assert heartbeat(peer.url, signing.RequestSigner("VK-SWAP-0001", new_key)
                     ).status_code == 200
    log = peer.call("admin", "GET", f"{ADMIN}/staff-audit").json()
    rows = {(r["actor"], r["action"], r["target"]) for r in log}
    assert {("tech", "start_key_replacement", "VK-SWAP-0001"),
            ("terminal:VK-SWAP-0001", "key_replaced", "VK-SWAP-0001")} <= rows
    # The replacement is spent: the next code is refused again.
    expect(peer.call("tech", "POST", f"{ADMIN}/enrolment-codes",
                     {"terminal_id": "VK-SWAP-0001"}), 409, "already_enrolled")


def test_an_expired_code_is_refused(peer: Peer) -> None:
    code = peer.code("VK-LATE-0001")
    with sqlite3.connect(peer.db) as c:  # the code's day passes
        c.execute("UPDATE enrolment_codes SET expires_at = ? WHERE terminal_id = ?",
                  (int(time.time()) - 1, "VK-LATE-0001"))
    expect(enrol(peer.url, "VK-LATE-0001", code, Ed25519PrivateKey.generate()), 403,
           "code_expired")


def test_a_used_code_is_refused_except_for_the_same_terminal_retrying(peer: Peer) -> None:
    code = peer.code("VK-ONCE-0001")
    key = Ed25519PrivateKey.generate()
    assert enrol(peer.url, "VK-ONCE-0001", code, key).status_code == 200
    assert enrol(peer.url, "VK-ONCE-0001", code, key).status_code == 200  # lost answer
    expect(enrol(peer.url, "VK-ONCE-0001", code, Ed25519PrivateKey.generate()), 409,
           "code_used")
    expect(enrol(peer.url, "VK-ONCE-0002", code, Ed25519PrivateKey.generate()), 409,
           "code_used")


def test_codes_are_bound_to_their_terminal_and_region(peer: Peer) -> None:
    code = peer.code("VK-BOUND-0001", REGION)
    key = Ed25519PrivateKey.generate()
    expect(enrol(peer.url, "VK-BOUND-0002", code, key), 403, "wrong_terminal")
    expect(enrol(peer.url, "VK-BOUND-0001", code, key, region_code="420102001002"), 403,
           "wrong_region")
    expect(enrol(peer.url, "VK-BOUND-0001", "NO-SUCH-CODE", key), 403, "unknown_code")
    assert enrol(peer.url, "VK-BOUND-0001", code, key).status_code == 200


# Bounds ------------------------------------------------------------------------------

HUGE = 50 * 1024 * 1024

# Every endpoint, terminal and staff, with a path that routes.
ALL_ENDPOINTS: list[tuple[str, str]] = [
    ("POST", f"{API}/enrolments"), ("POST", f"{API}/heartbeats"),
    ("POST", f"{API}/ratings"), ("POST", f"{API}/audit-events"),
    ("POST", f"{API}/submissions"), ("POST", f"{API}/submissions/inline"),
    ("PUT", f"{API}/uploads/upload-00000001"), ("GET", f"{API}/catalog"),
    ("GET", f"{API}/config"), ("GET", f"{API}/holidays"), ("GET", f"{API}/health"),
    ("GET", f"{API}/statuses?platform_no=x"),
    ("GET", f"{API}/submissions/420102202501010001/status"),
    ("GET", f"{API}/uploads/upload-00000001"), ("POST", f"{ADMIN}/login"),
    *((m, ADMIN + p) for m, p in ADMIN_ROUTES),
]


def _raw_request(url: str, method: str, path: str, head: dict[str, str],
                 body: Iterator[bytes]) -> tuple[int, dict[str, Any], int]:
    """Sends ``body`` piece by piece until the platform answers; (status, JSON, bytes
    sent). Sending stops the moment an answer is readable or the platform hangs up."""
    host, port = url.removeprefix("http://").split(":")
    sock = socket.create_connection((host, int(port)), timeout=30)
    sent = 0
    try:
        lines = [f"{method} {path} HTTP/1.1", f"Host: {host}",
                 *(f"{k}: {v}" for k, v in head.items()), "", ""]
        sock.sendall("\r\n".join(lines).encode())
        for piece in body:
            if select.select([sock], [], [], 0)[0]:
                break  # the answer is there: the platform stopped reading
            try:
                sock.sendall(piece)
            except (BrokenPipeError, ConnectionResetError):
                break
            sent += len(piece)
        answer = b""
        while True:  # the refusals say Connection: close, so read to the end
            try:
                part = sock.recv(65536)
            except ConnectionResetError:
                break
            if not part:
                break
            answer += part
    finally:
        sock.close()
    header, _, payload = answer.partition(b"\r\n\r\n")
    return int(header.split(b" ")[1]), json.loads(payload), sent


def _pieces(total: int, size: int = 64 * 1024, chunked: bool = False) -> Iterator[bytes]:
    piece = b"x" * size
    for _ in range(total // size):
        yield f"{size:x}\r\n".encode() + piece + b"\r\n" if chunked else piece
    if chunked:
        yield b"0\r\n\r\n"


@pytest.mark.parametrize(("method", "path"), ALL_ENDPOINTS)
def test_a_declared_oversized_body_is_refused_unread_at_every_endpoint(
        peer: Peer, method: str, path: str) -> None:
    status, body, sent = _raw_request(
        peer.url, method, path, {"Content-Type": "application/json",
                                 "Content-Length": str(HUGE)}, _pieces(HUGE))
    assert (status, body["error"]) == (413, "body_too_large")
    assert sent < HUGE // 4  # the answer came long before the body could have been read


@pytest.mark.parametrize(("method", "path", "limit"), [
    ("POST", f"{API}/enrolments", JSON_MAX_BODY),
    ("POST", f"{API}/heartbeats", JSON_MAX_BODY),
    ("POST", f"{ADMIN}/login", JSON_MAX_BODY),
    ("POST", f"{API}/submissions/inline", INLINE_MAX_BODY),
    ("PUT", f"{API}/uploads/upload-00000001", CHUNK_SIZE),
])
def test_a_streamed_oversized_body_is_cut_off_past_the_limit(
        peer: Peer, method: str, path: str, limit: int) -> None:
    # Signed as an enrolled terminal (over an empty body: the signature is checked only
    # once the body is in, and this one never gets in).
    key = Ed25519PrivateKey.generate()
    terminal_id = f"VK-STREAM-{uuid.uuid4().hex[:8]}"
    assert enrol(peer.url, terminal_id, peer.code(terminal_id), key).status_code == 200
    signed = signing.RequestSigner(terminal_id, key).headers(method, path, b"", time.time())
    status, body, _ = _raw_request(
        peer.url, method, path, {"Content-Type": "application/octet-stream",
                                 "Transfer-Encoding": "chunked", "Idempotency-Key":
                                 f"big-{uuid.uuid4()}", **signed},
        _pieces(HUGE, chunked=True))
    assert (status, body["error"]) == (413, "body_too_large")
    assert str(limit) in body["detail"]


def test_many_huge_bodies_at_once_leave_the_platforms_memory_flat(peer: Peer) -> None:
    server = psutil.Process(peer.platform.proc.pid)
    requests.get(peer.url + f"{API}/health", timeout=10)
    before = server.memory_info().rss
    results: list[int] = []

    def attack(chunked: bool) -> None:
        head = {"Content-Type": "application/json",
                **({"Transfer-Encoding": "chunked"} if chunked else
                   {"Content-Length": str(HUGE)})}
        results.append(_raw_request(peer.url, "POST", f"{API}/enrolments", head,
                                    _pieces(HUGE, chunked=chunked))[0])

    threads = [threading.Thread(target=attack, args=(i % 2 == 0,)) for i in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    after = server.memory_info().rss
    print(f"platform RSS before {before / 2**20:.1f} MiB, after 8 x 50 MB bodies "
          f"{after / 2**20:.1f} MiB (growth {(after - before) / 2**20:.1f} MiB)")
    assert results == [413] * 8
    assert after - before < 16 * 2**20  # was +582 MiB before the bounds


def nested(depth: int) -> bytes:
    return b'{"a":' * depth + b"1" + b"}" * depth


@pytest.mark.parametrize(("method", "path"), [
    ("POST", f"{API}/enrolments"), ("POST", f"{API}/heartbeats"),
    ("POST", f"{ADMIN}/login"), ("POST", f"{ADMIN}/enrolment-codes"),
])
def test_deeply_nested_json_is_refused_before_parsing(
        peer: Peer, method: str, path: str) -> None:
    expect(peer.call("admin", method, path, data=b"[" * 10_000), 400, "json_too_deep")
    expect(peer.call("admin", method, path, data=nested(MAX_JSON_DEPTH + 1)), 400,
           "json_too_deep")
    # Depth within the bound reaches the endpoint; brackets inside strings do not count.
    shallow = peer.call(None, method, path, data=nested(MAX_JSON_DEPTH))
    assert shallow.status_code in (401, 422) and shallow.json()["error"] != "json_too_deep"
    quoted = json.dumps({"code": "[" * 5000 + '\\"{'}).encode()
    assert peer.call(None, method, path, data=quoted).json()["error"] != "json_too_deep"


def test_an_upload_chunk_over_the_contract_size_is_refused_and_not_stored(
        peer: Peer, cfg: Config) -> None:
    import hashlib

    terminal = enrolled_terminal(peer, cfg, "VK-CHUNK-0001")
    signer = load_signer(terminal)
    assert signer is not None

    def put(upload_id: str, data: bytes) -> requests.Response:
        path = f"{API}/uploads/{upload_id}"
        headers = signer.headers("PUT", path + "?offset=0", data, time.time())
        headers |= {"Content-Type": "application/octet-stream",
                    "Idempotency-Key": f"up-{uuid.uuid4()}",
                    "Upload-Length": str(len(data)),
                    "Upload-SHA256": hashlib.sha256(data).hexdigest()}
        return requests.put(peer.url + path + "?offset=0", data=data, headers=headers,
                            timeout=30)

    expect(put("upload-too-big-1", b"x" * (CHUNK_SIZE + 1)), 413, "body_too_large")
    # Exactly one chunk is fine, and a binary body is never read as JSON: brackets in a
    # picture are not nesting.
    assert put("upload-just-right", b"\xff\xd8\xff" + b"[" * (CHUNK_SIZE - 3)).status_code == 200
    chunks = peer.call("viewer", "GET",
                       f"{ADMIN}/uploads/VK-CHUNK-0001/upload-too-big-1/chunks").json()
    assert chunks == []


def test_staff_routes_on_their_own_port_are_absent_from_the_terminal_port(
        tmp_path: Path) -> None:
    db = tmp_path / "platform.sqlite3"
    add_staff_account(db)
    admin_port = free_port()
    platform = start_platform(db, "--admin-port", str(admin_port))
    staff_url = f"http://127.0.0.1:{admin_port}"
    try:
        for path in ("/login", "/submissions", "/enrolment-codes"):
            resp = requests.post(platform.url + ADMIN + path, json={}, timeout=10)
            expect(resp, 404, "http_404")
        token = login(staff_url)
        code = requests.post(staff_url + f"{ADMIN}/enrolment-codes", timeout=10,
                             json={"terminal_id": "VK-PORT-0001"},
                             headers={"Authorization": f"Bearer {token}"})
        assert code.status_code == 200
        key = Ed25519PrivateKey.generate()
        assert enrol(platform.url, "VK-PORT-0001", code.json()["code"], key
                     ).status_code == 200
        expect(requests.get(staff_url + f"{ADMIN}/submissions", timeout=10), 401,
               "missing_credentials")
        # ...and the staff port serves no terminal routes.
        expect(requests.post(staff_url + f"{API}/enrolments", json={}, timeout=10), 404,
               "http_404")
    finally:
        platform.proc.terminate()  # one signal stops both listeners
        assert platform.proc.wait(timeout=10) == 0
        stop_platform(platform)


def test_the_cli_refuses_fault_injection_without_test_mode_and_weak_passwords(
        tmp_path: Path) -> None:
    db = tmp_path / "platform.sqlite3"
    serve = subprocess.run(kiosk_cmd("platform", "serve", "--db", str(db), "--port",
                                     str(free_port()), "--chaos-rate", "0.3"),
                           capture_output=True, text=True, timeout=60)
    assert serve.returncode == 2 and "needs --test-mode" in serve.stderr
    unbound = subprocess.run(kiosk_cmd("platform", "serve", "--db", str(db), "--port",
                                       str(free_port()), "--enrol-code", "ABCD-EF01-2345"),
                             capture_output=True, text=True, timeout=60)
    assert unbound.returncode == 2 and "--enrol-terminal" in unbound.stderr
    weak = subprocess.run(kiosk_cmd("platform", "account", "add", "shorty", "--role",
                                    "clerk", "--db", str(db)), input="short\n",
                          capture_output=True, text=True, timeout=60)
    assert weak.returncode == 2 and "at least 10 characters" in weak.stderr
    add_staff_account(db, "twice", "readonly", "long enough password")
    again = subprocess.run(kiosk_cmd("platform", "account", "add", "twice", "--role",
                                     "admin", "--db", str(db)), input="another password\n",
                           capture_output=True, text=True, timeout=60)
    assert again.returncode == 2 and "exists already" in again.stderr
    # The password is nowhere in the database, only its Argon2id hash.
    assert b"long enough password" not in db.read_bytes()
    with sqlite3.connect(db) as c:
        (hashed,) = c.execute("SELECT password_hash FROM staff_accounts "
                              "WHERE name='twice'").fetchone()
    assert hashed.startswith("$argon2id$")


def test_a_code_given_on_the_command_line_enrols_its_terminal_only(tmp_path: Path) -> None:
    db = tmp_path / "platform.sqlite3"
    platform = start_platform(db, "--enrol-code", "CAFE-0000-BEEF", "--enrol-terminal",
                              "VK-CLI-0001")
    try:
        key = Ed25519PrivateKey.generate()
        expect(enrol(platform.url, "VK-CLI-0002", "CAFE-0000-BEEF", key), 403,
               "wrong_terminal")
        assert enrol(platform.url, "VK-CLI-0001", "CAFE-0000-BEEF", key).status_code == 200
    finally:
        stop_platform(platform)


def test_guesses_sent_all_at_once_get_no_more_checks_than_the_lockout_allows(
        peer: Peer) -> None:
    made = peer.call("admin", "POST", f"{ADMIN}/accounts",
                     {"name": "crowd", "role": "readonly", "password": "crowd password"})
    assert made.status_code == 201
    answers: list[str] = []

    def guess() -> None:
        resp = requests.post(peer.url + f"{ADMIN}/login", timeout=120,
                             json={"name": "crowd", "password": "a wrong guess"})
        answers.append(resp.json()["error"])

    threads = [threading.Thread(target=guess) for _ in range(16)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert answers.count("bad_credentials") <= 5
    assert answers.count("account_locked") == 16 - answers.count("bad_credentials")
    expect(requests.post(peer.url + f"{ADMIN}/login", timeout=30,
                         json={"name": "crowd", "password": "crowd password"}),
           429, "account_locked")


GARBAGE = [b"{not json", b"\xff\xfe\x00", b"[]", b"null", b'{"a": 1e999999}', b"{}" * 100,
           "{\"x\": \"\ud800\"}".encode("utf-8", "surrogatepass"), b""]


@pytest.mark.parametrize("body", GARBAGE)
@pytest.mark.parametrize(("method", "path"), [
    ("POST", f"{API}/heartbeats"), ("POST", f"{API}/ratings"),
    ("POST", f"{API}/audit-events"), ("POST", f"{API}/submissions"),
    ("POST", f"{API}/submissions/inline"), ("PUT", f"{API}/uploads/upload-garbage-1"),
    ("POST", f"{API}/enrolments"),
])
def test_signed_garbage_to_terminal_endpoints_gets_a_short_json_4xx(
        peer: Peer, method: str, path: str, body: bytes) -> None:
    key = Ed25519PrivateKey.generate()
    terminal_id = f"VK-JUNK-{uuid.uuid4().hex[:8]}"
    assert enrol(peer.url, terminal_id, peer.code(terminal_id), key).status_code == 200
    headers = signing.RequestSigner(terminal_id, key).headers(method, path, body, time.time())
    headers |= {"Content-Type": "application/json", "Idempotency-Key": f"j-{uuid.uuid4()}"}
    resp = requests.request(method, peer.url + path, data=body, headers=headers, timeout=10)
    assert 400 <= resp.status_code < 500, (resp.status_code, resp.text[:200])
    assert resp.json()["error"] and "Traceback" not in resp.text and len(resp.content) < 2000
