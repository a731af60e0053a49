"""Contract 1.7: an attachment is a PNG or a JPEG, named by ``AttachmentRef.media_type``.

- the contract document names exactly the types the terminal's encoders write (each
  encoder run here on a page of each kind, a face and a signature, its output sniffed);
- the reference platform refuses any other bytes with 415 and a short JSON error, on the
  chunked path (first chunk) and inline (also a part that is not its declared type), and
  any other declared value with 422 — nothing stored;
- the terminal never sends another: a case holding one is refused before any request.
"""

from __future__ import annotations

import hashlib
import io
import json
import time
from typing import Any

import cv2
import numpy as np
import pytest
import requests
from PIL import Image

from devices.camera import scenes
from devices.camera.encode import PageMode, encode_page, encode_portrait
from devices.camera.quality import check_portrait
from devices.idcard import IdCard
from kiosk.config import Config
from kiosk.identity_keys import load_signer
from kiosk.samples import sample_signature
from kiosk.signature import render_png, simplify
from sync.client import encode_multipart
from sync.outbox import OutboxWorker
from sync.platform.contract import CONTRACT_PATH
from sync.platform.server import CONTRACT_VERSION, ThreadedPlatform
from sync.protocol import ATTACHMENT_MEDIA_TYPES, sniff_media_type
from tests.sync.conftest import client_for, open_store, submissions
from tests.sync.test_inline import case_with, platform_db, ref, signed_post, sub_payload


def contract() -> dict[str, Any]:
    doc: dict[str, Any] = json.loads(CONTRACT_PATH.read_text(encoding="utf-8"))
    return doc


def other_formats() -> dict[str, bytes]:
    """Real pictures in formats the contract does not allow, and non-pictures."""
    out = {}
    for fmt in ("GIF", "WEBP", "BMP", "TIFF"):
        buf = io.BytesIO()
        Image.new("RGB", (32, 32), (200, 10, 10)).save(buf, fmt)
        out[fmt.lower()] = buf.getvalue()
    out["pdf"] = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
    out["random"] = bytes(np.random.default_rng(3).integers(0, 256, 3000, np.uint8))
    return out


def terminal_outputs() -> dict[str, tuple[bytes, str]]:
    """What the terminal's encoders write, each with the media type they claim."""
    page = scenes.a5_page(6.0)
    photo = cv2.cvtColor(cv2.cvtColor(page, cv2.COLOR_BGR2GRAY), cv2.COLOR_GRAY2BGR)
    cv2.circle(photo, (300, 500), 160, (90, 90, 90), -1)  # a grey area: not bitonal
    stamp = page.copy()
    cv2.circle(stamp, (500, 900), 120, (30, 30, 220), 12)  # a red 公章
    out = {}
    for name, img, mode in (("bitonal page", page, PageMode.BITONAL),
                            ("grey page", photo, PageMode.GREY),
                            ("colour page", stamp, PageMode.COLOUR)):
        enc = encode_page(img, mode=mode)
        out[name] = (enc.data, enc.media_type)
    face = scenes.face(0, 640, 480)
    enc = encode_portrait(face, check_portrait(face).faces[0])
    out["portrait"] = (enc.data, enc.media_type)
    strokes, w, h = sample_signature()
    out["signature"] = (render_png(simplify(
        [[(p[0], p[1]) for p in s] for s in strokes], w, h)), "image/png")
    return out


def test_the_contract_names_the_media_types_and_its_version() -> None:
    doc = contract()
    assert doc["info"]["version"] == CONTRACT_VERSION
    prop = doc["components"]["schemas"]["AttachmentRef"]["properties"]["media_type"]
    enums = {e for v in prop["anyOf"] for e in v.get("enum", [])}
    assert enums == set(ATTACHMENT_MEDIA_TYPES)
    assert "unsupported_attachment_type" in doc["info"]["description"]


def test_every_encoder_output_is_an_allowed_type_and_sniffs_as_it_claims() -> None:
    seen = set()
    for name, (data, claimed) in terminal_outputs().items():
        assert claimed in ATTACHMENT_MEDIA_TYPES, name
        assert sniff_media_type(data) == claimed, name
        seen.add(claimed)
    assert seen == set(ATTACHMENT_MEDIA_TYPES)  # both are really produced
    for name, data in other_formats().items():
        assert sniff_media_type(data) is None, name


@pytest.mark.parametrize("fmt", sorted(other_formats()))
def test_the_platform_refuses_other_bytes_on_both_paths(
        ecfg: Config, platform: ThreadedPlatform, fmt: str) -> None:
    data = other_formats()[fmt]
    uid = f"case-t-{fmt}.att-1"
    signer = load_signer(ecfg)  # signed as the terminal signs, past its own check
    assert signer is not None
    path = f"/api/v1/uploads/{uid}?offset=0"
    headers = signer.headers("PUT", path, data, time.time()) | {
        "Idempotency-Key": f"{uid}@0", "Upload-Length": str(len(data)),
        "Upload-SHA256": hashlib.sha256(data).hexdigest(),
        "Content-Type": "application/octet-stream"}
    answer = requests.put(platform.url + path, data=data, headers=headers, timeout=10)
    assert answer.status_code == 415
    err = answer.json()
    assert err["error"] == "unsupported_attachment_type" and len(answer.content) < 300
    assert platform_db(platform).upload_state(ecfg.terminal_id, uid) is None

    payload = sub_payload(ecfg, [ref(uid, data)])
    body, ctype = encode_multipart(json.dumps(payload).encode(), [(uid, data)])
    answer = signed_post(ecfg, platform, body, ctype, key=f"inline-{fmt}-0001")
    assert answer.status_code == 415 and answer.json()["error"] == "unsupported_attachment_type"
    assert submissions(platform) == []


def test_a_part_not_of_its_declared_type_or_an_unknown_type_is_refused(
        ecfg: Config, platform: ThreadedPlatform) -> None:
    outputs = terminal_outputs()
    jpeg, png = outputs["portrait"][0], outputs["signature"][0]
    lying = dict(ref("case-d.att-1", jpeg), media_type="image/png")
    body, ctype = encode_multipart(json.dumps(sub_payload(ecfg, [lying])).encode(),
                                   [("case-d.att-1", jpeg)])
    answer = signed_post(ecfg, platform, body, ctype, key="inline-lie-0001")
    assert answer.status_code == 415 and answer.json()["error"] == "unsupported_attachment_type"
    webp = dict(ref("case-d.att-2", png), media_type="image/webp")
    body, ctype = encode_multipart(json.dumps(sub_payload(ecfg, [webp])).encode(),
                                   [("case-d.att-2", png)])
    answer = signed_post(ecfg, platform, body, ctype, key="inline-webp-0001")
    assert answer.status_code == 422 and answer.json()["error"] == "invalid_request"
    assert submissions(platform) == []
    ok = [dict(ref("case-d.att-3", jpeg), media_type="image/jpeg"),
          dict(ref("case-d.att-4", png), media_type="image/png")]
    body, ctype = encode_multipart(json.dumps(sub_payload(ecfg, ok)).encode(),
                                   [("case-d.att-3", jpeg), ("case-d.att-4", png)])
    assert signed_post(ecfg, platform, body, ctype, key="inline-ok-0001").status_code == 201


def test_the_terminal_sends_the_types_and_never_another(
        ecfg: Config, card: IdCard, platform: ThreadedPlatform) -> None:
    outputs = terminal_outputs()
    store = open_store(ecfg)
    case_with(ecfg, card, store, outputs["portrait"][0], outputs["bitonal page"][0])
    client = client_for(ecfg)
    assert OutboxWorker(store, client).drain().sent == 1
    [row] = submissions(platform)
    assert [a["media_type"] for a in row["payload"]["attachments"]] == [
        outputs["portrait"][1], outputs["bitonal page"][1]]

    bad = open_store(ecfg)
    case_with(ecfg, card, bad, outputs["grey page"][0], other_formats()["webp"])
    calls: list[str] = []
    inner = client.session.request

    def spy(method: str, url: str, **kw: Any) -> Any:
        calls.append(url)
        return inner(method, url, **kw)

    client.session.request = spy  # type: ignore[method-assign,assignment]
    result = OutboxWorker(bad, client).drain()
    assert result.sent == 0 and result.failed == 1
    assert not [u for u in calls if "/uploads/" in u or "/submissions" in u]
    assert len(submissions(platform)) == 1  # only the first case
