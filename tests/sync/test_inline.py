"""One-request submissions (``POST /submissions/inline``): small attachments ride inside the
submission, exactly once, verified and durable; big ones keep the chunked upload with resume."""

from __future__ import annotations

import hashlib
import json
import os
import time
from typing import Any

import pytest
import requests

from devices.idcard import IdCard
from kiosk.config import Config
from kiosk.identity_keys import load_signer
from kiosk.session import applicant_from_card
from kiosk.store import Store
from sync.client import PlatformClient, PlatformUnavailable, encode_multipart
from sync.outbox import OutboxWorker, upload_id_for
from sync.platform.db import PlatformDB
from sync.platform.server import ThreadedPlatform
from sync.protocol import API_PREFIX, IDEMPOTENCY_HEADER, INLINE_MAX_BYTES, INLINE_PATH
from tests.sync.conftest import (
    ITEM,
    admin,
    as_jpeg,
    client_for,
    open_store,
    queue_cases,
    set_faults,
    submissions,
)

PHOTO_5MB = as_jpeg(os.urandom(5 * 1024 * 1024))
PHOTO_200K = as_jpeg(os.urandom(200 * 1024))
SIGNATURE = b"\x89PNG\r\n\x1a\n" + b"signature" * 50  # a PNG's first bytes, then filler


def sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


class Recorder:
    """Wraps a client's session to list the requests it makes (method and path)."""

    def __init__(self, client: PlatformClient) -> None:
        self.calls: list[tuple[str, str]] = []
        inner = client.session.request

        def request(method: str, url: str, **kw: Any) -> requests.Response:
            self.calls.append((method, url.split(API_PREFIX, 1)[1].split("?")[0]))
            return inner(method, url, **kw)

        client.session.request = request  # type: ignore[method-assign,assignment]


def sub_payload(ecfg: Config, attachments: list[dict[str, Any]]) -> dict[str, Any]:
    return {"terminal_id": ecfg.terminal_id, "region_code": ecfg.region_code,
            "local_no": "L-1", "submitted_at": "2024-05-06T10:00:00+08:00",
            "items": [{"code": ITEM.code, "name": ITEM.name}],
            "applicant": {"name": "测试", "id_number": "420102195003120026"},
            "attachments": attachments}


def ref(upload_id: str, data: bytes, name: str = "portrait") -> dict[str, Any]:
    return {"name": name, "sha256": sha(data), "size": len(data), "upload_id": upload_id}


def signed_post(ecfg: Config, platform: ThreadedPlatform, body: bytes, ctype: str,
                key: str = "inline-raw-0001") -> requests.Response:
    """A request signed exactly as the terminal signs, with whatever body the test wants."""
    signer = load_signer(ecfg)
    assert signer is not None
    target = API_PREFIX + INLINE_PATH
    headers = {"Content-Type": ctype, IDEMPOTENCY_HEADER: key,
               **signer.headers("POST", target, body, time.time())}
    return requests.post(platform.url + target, data=body, headers=headers, timeout=10)


def case_with(ecfg: Config, card: IdCard, store: Store, *photos: bytes) -> str:
    case = store.create_case(terminal_id=ecfg.terminal_id, region_code=ecfg.region_code,
                             applicant=applicant_from_card(card), items=[ITEM], form={})
    for i, data in enumerate(photos):
        store.add_attachment(case.id, "portrait" if i == 0 else f"material:{i}", data)
    store.submit_case(case.id)
    return case.id


def platform_db(platform: ThreadedPlatform) -> PlatformDB:
    db: PlatformDB = platform.app.state.db
    return db


# The terminal's choice of path -----------------------------------------------------------


def test_a_case_with_small_attachments_takes_one_request(ecfg: Config, card: IdCard,
                                                         platform: ThreadedPlatform) -> None:
    store = open_store(ecfg)
    case_with(ecfg, card, store, PHOTO_200K, SIGNATURE)
    client = client_for(ecfg)
    rec = Recorder(client)
    assert OutboxWorker(store, client).drain().sent == 1
    sends = [c for c in rec.calls if c[1] != "/audit-events"]
    assert sends == [("POST", INLINE_PATH)]
    [row] = submissions(platform)
    assert [a["stored_sha256"] for a in row["payload"]["attachments"]] == [
        sha(PHOTO_200K), sha(SIGNATURE)]


def test_a_5mb_photo_still_goes_chunked_with_resume(ecfg: Config, card: IdCard,
                                                    platform: ThreadedPlatform) -> None:
    store = open_store(ecfg)
    case_with(ecfg, card, store, PHOTO_5MB, PHOTO_200K)
    client = client_for(ecfg)
    [item] = store.due_items(time.time(), 10)
    big = upload_id_for(item, item.attachments[0])
    # An earlier attempt got 60% of the photo across before the link dropped.
    cut = 12 * client.chunk_size
    for off in range(0, cut, client.chunk_size):
        client.put_chunk(big, PHOTO_5MB[off:off + client.chunk_size], off, len(PHOTO_5MB),
                         sha(PHOTO_5MB))
    rec = Recorder(client)
    assert OutboxWorker(store, client).drain().sent == 1
    sends = [c for c in rec.calls if c[1] != "/audit-events"]
    # Ask where it stopped, send the 8 missing chunks, then the case with the small one.
    assert sends == [("GET", f"/uploads/{big}")] + [("PUT", f"/uploads/{big}")] * 8 + [
        ("POST", INLINE_PATH)]
    offsets = [c["offset"] for c in admin(platform, "GET",
                                          f"/uploads/{ecfg.terminal_id}/{big}/chunks")]
    assert offsets == [i * client.chunk_size for i in range(20)]  # each chunk sent once
    [row] = submissions(platform)
    assert [a["stored_sha256"] for a in row["payload"]["attachments"]] == [
        sha(PHOTO_5MB), sha(PHOTO_200K)]


def test_a_platform_without_the_inline_endpoint_gets_chunks(ecfg: Config, card: IdCard,
                                                            platform: ThreadedPlatform) -> None:
    """A contract 1.0 platform answers 404: the terminal falls back, nothing is parked."""
    store = queue_cases(ecfg, card, 2)
    client = client_for(ecfg)
    inner = client.session.request

    def old_platform(method: str, url: str, **kw: Any) -> requests.Response:
        if url.endswith(INLINE_PATH):
            url += "-not-here"  # routed nowhere: the platform's own 404
        return inner(method, url, **kw)

    client.session.request = old_platform  # type: ignore[method-assign,assignment]
    # One lane: the old platform is simulated by patching this client's own session, which
    # the worker's concurrent lanes (each with a session of its own) would bypass.
    result = OutboxWorker(store, client, concurrency=1).drain()
    assert (result.sent, result.failed) == (2, 0)
    assert client.inline is False
    assert all(a["stored_sha256"] == a["sha256"]
               for r in submissions(platform) for a in r["payload"]["attachments"])


# Exactly once ------------------------------------------------------------------------


def test_a_retry_after_a_lost_ack_returns_the_first_answer(ecfg: Config,
                                                           platform: ThreadedPlatform) -> None:
    client = client_for(ecfg)
    payload = sub_payload(ecfg, [ref("case-a.att-1", PHOTO_200K)])
    first = client.submit_inline(payload, [("case-a.att-1", PHOTO_200K)], "case-a-key")
    again = client.submit_inline(payload, [("case-a.att-1", PHOTO_200K)], "case-a-key")
    assert not first.duplicate and again.duplicate
    assert again.platform_no == first.platform_no
    # The same key through the two-request endpoint: one key space, still one case.
    assert client.submit(payload, "case-a-key").platform_no == first.platform_no
    assert len(submissions(platform)) == 1


def test_the_worker_survives_lost_acks_on_the_inline_path(ecfg: Config, card: IdCard,
                                                          platform: ThreadedPlatform) -> None:
    store = queue_cases(ecfg, card, 3, photo=PHOTO_200K)
    set_faults(platform, garbage_rate=1.0)  # stored, then answered with an HTML page
    worker = OutboxWorker(store, client_for(ecfg), clock=lambda: 1e12)
    lost = worker.drain()
    # The first bad answer stops the drain; requests already in flight on the other lanes
    # were stored too (and their answers lost the same way).
    assert lost.sent == 0 and 1 <= len(submissions(platform)) <= worker.concurrency
    assert lost.failed == len(submissions(platform))
    set_faults(platform)
    assert OutboxWorker(store, client_for(ecfg), clock=lambda: 2e12).drain().sent == 3
    rows = submissions(platform)
    assert len(rows) == 3
    assert {a["stored_sha256"] for r in rows for a in r["payload"]["attachments"]} == {
        sha(PHOTO_200K)}


def test_a_crash_before_the_commit_leaves_nothing_and_a_clean_retry(
        ecfg: Config, card: IdCard, platform: ThreadedPlatform,
        monkeypatch: pytest.MonkeyPatch) -> None:
    store = open_store(ecfg)
    case_with(ecfg, card, store, PHOTO_200K)
    db = platform_db(platform)
    real = db._insert_submission

    def die(*args: Any) -> Any:
        raise RuntimeError("platform killed before the case was recorded")

    monkeypatch.setattr(db, "_insert_submission", die)
    result = OutboxWorker(store, client_for(ecfg), clock=lambda: 1e12).drain()
    assert result.sent == 0 and result.offline  # a 500: retry later
    [item] = store.due_items(2e12, 10)
    uid = upload_id_for(item, item.attachments[0])
    # The picture is registered in the case's transaction, and its file is removed when
    # that transaction fails: neither was kept.
    assert db.upload_state(ecfg.terminal_id, uid) is None
    with pytest.raises(FileNotFoundError):
        db.upload_bytes(ecfg.terminal_id, uid)
    assert submissions(platform) == []

    monkeypatch.setattr(db, "_insert_submission", real)
    assert OutboxWorker(store, client_for(ecfg), clock=lambda: 2e12).drain().sent == 1
    [row] = submissions(platform)
    assert row["payload"]["attachments"][0]["stored_sha256"] == sha(PHOTO_200K)
    assert store.queue_depth() == 0


# Refusals ----------------------------------------------------------------------------


def test_a_hash_mismatch_is_refused_and_nothing_is_stored(ecfg: Config,
                                                          platform: ThreadedPlatform) -> None:
    other = as_jpeg(os.urandom(len(PHOTO_200K)))
    payload = sub_payload(ecfg, [ref("case-h.att-1", other)])
    body, ctype = encode_multipart(json.dumps(payload).encode(),
                                   [("case-h.att-1", PHOTO_200K)])
    resp = signed_post(ecfg, platform, body, ctype)
    assert resp.status_code == 409 and resp.json()["error"] == "hash_mismatch"
    with pytest.raises(PlatformUnavailable, match="SHA-256 mismatch"):
        client_for(ecfg).submit_inline(payload, [("case-h.att-1", PHOTO_200K)], "case-h-k")
    assert submissions(platform) == []
    assert platform_db(platform).upload_state(ecfg.terminal_id, "case-h.att-1") is None


def test_an_oversize_inline_attachment_is_refused_clearly(ecfg: Config,
                                                          platform: ThreadedPlatform) -> None:
    big = as_jpeg(os.urandom(INLINE_MAX_BYTES + 1))
    payload = sub_payload(ecfg, [ref("case-o.att-1", big)])
    body, ctype = encode_multipart(json.dumps(payload).encode(), [("case-o.att-1", big)])
    resp = signed_post(ecfg, platform, body, ctype)
    assert resp.status_code == 413
    err = resp.json()
    assert err["error"] == "attachment_too_large"
    assert str(INLINE_MAX_BYTES) in err["detail"] and "chunks" in err["detail"]
    assert submissions(platform) == []


@pytest.mark.parametrize(("body", "ctype", "status", "code"), [
    (b"--b\r\nnot a part at all", "multipart/form-data; boundary=b", 400,
     "malformed_multipart"),
    (b"{}", "application/json", 415, "unsupported_media_type"),
    (b'--b\r\nContent-Disposition: form-data; name="other"\r\n\r\nx\r\n--b--\r\n',
     "multipart/form-data; boundary=b", 422, "invalid_request"),
    (b'--b\r\nContent-Disposition: form-data; name="submission"\r\n\r\n{not json\r\n--b--\r\n',
     "multipart/form-data; boundary=b", 422, "invalid_request"),
])
def test_malformed_requests_get_a_4xx_not_a_500(ecfg: Config, platform: ThreadedPlatform,
                                                body: bytes, ctype: str, status: int,
                                                code: str) -> None:
    resp = signed_post(ecfg, platform, body, ctype)
    assert (resp.status_code, resp.json()["error"]) == (status, code)


def test_parts_must_match_the_attachment_list(ecfg: Config,
                                              platform: ThreadedPlatform) -> None:
    payload = sub_payload(ecfg, [ref("case-m.att-1", PHOTO_200K)])
    doc = json.dumps(payload).encode()
    for files in ([("case-m.att-9", PHOTO_200K)],  # matches no entry
                  [("case-m.att-1", PHOTO_200K)] * 2):  # the same entry twice
        body, ctype = encode_multipart(doc, files)
        resp = signed_post(ecfg, platform, body, ctype)
        assert (resp.status_code, resp.json()["error"]) == (422, "invalid_request")
    body, ctype = encode_multipart(doc, [])  # neither inline nor uploaded beforehand
    resp = signed_post(ecfg, platform, body, ctype)
    assert (resp.status_code, resp.json()["error"]) == (409, "attachment_missing")
    assert submissions(platform) == []


def test_an_unsigned_or_tampered_inline_request_is_refused(ecfg: Config,
                                                           platform: ThreadedPlatform) -> None:
    payload = sub_payload(ecfg, [ref("case-s.att-1", PHOTO_200K)])
    body, ctype = encode_multipart(json.dumps(payload).encode(),
                                   [("case-s.att-1", PHOTO_200K)])
    signer = load_signer(ecfg)
    assert signer is not None
    target = API_PREFIX + INLINE_PATH
    headers = {"Content-Type": ctype, IDEMPOTENCY_HEADER: "case-s-key",
               **signer.headers("POST", target, body, time.time())}
    # One flipped byte in the attachment: the signature covers the raw body, so it fails.
    tampered = body.replace(PHOTO_200K[:64], bytes(64), 1)
    resp = requests.post(platform.url + target, data=tampered, headers=headers, timeout=10)
    assert (resp.status_code, resp.json()["error"]) == (401, "bad_signature")
    resp = requests.post(platform.url + target, data=body, headers={"Content-Type": ctype},
                         timeout=10)
    assert resp.status_code == 401
    assert submissions(platform) == []
