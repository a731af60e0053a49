"""Pulls (statuses, signed documents), retention purge, and https with a pinned CA."""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import replace
from pathlib import Path

import pytest

from devices.idcard import IdCard
from kiosk.cases import CaseStatus
from kiosk.config import Config
from kiosk.provision import provision, puller
from sync.outbox import OutboxWorker
from sync.platform.server import ThreadedPlatform
from sync.pulls import DocumentRejected
from tests.sync.conftest import admin, client_for, open_store, queue_cases

CATALOG = {"items": [{"code": "HB-YL-0001", "name": "城乡居民基本养老保险参保登记",
                      "department": "人社", "materials": ["身份证"]}]}


def test_case_statuses_come_down_for_the_status_screen(ecfg: Config, card: IdCard,
                                                       platform: ThreadedPlatform) -> None:
    store = queue_cases(ecfg, card, 2)
    OutboxWorker(store, client_for(ecfg)).drain()
    a, b = (store.get_case(r["record_id"]) for r in store.outbox_rows())
    admin(platform, "PUT", f"/submissions/{a.platform_no}/status", {"status": "finished"})
    p = puller(ecfg, store, client_for(ecfg))
    assert p is not None
    assert p.pull_statuses() == 2  # remote status recorded for both
    assert store.get_case(a.id).status is CaseStatus.FINISHED
    assert store.get_case(b.id).status is CaseStatus.ACCEPTED
    assert store.open_platform_nos(10) == [b.platform_no]  # finished cases stop being asked


def test_signed_documents_install_and_bad_ones_leave_the_last_good(
        ecfg: Config, platform: ThreadedPlatform) -> None:
    store = open_store(ecfg)
    p = puller(ecfg, store, client_for(ecfg))
    assert p is not None
    admin(platform, "POST", "/documents/catalog", CATALOG)
    admin(platform, "POST", "/documents/holidays",
          {"year": 2025, "holidays": ["2025-10-01"], "workdays": ["2025-09-28"]})
    result = p.pull_all()
    assert set(result.installed) == {"catalog", "config", "holidays"} and not result.refused
    assert store.document_body("catalog") == CATALOG

    good = admin(platform, "POST", "/documents/catalog", CATALOG)  # v2, properly signed
    forged = dict(good, version=3, body=json.dumps({"items": [{"code": "X", "name": "假"}]}))
    admin(platform, "POST", "/documents/catalog/raw", forged)
    with pytest.raises(DocumentRejected, match="signature does not verify"):
        p.pull_document("catalog")
    assert store.document_version("catalog") == 1 and store.document_body("catalog") == CATALOG

    # Correctly signed by the platform but not a catalog: refused on schema.
    from sync.platform.server import platform_signing_key
    from sync.signing import document_message, sign

    key = platform_signing_key(Path(platform.app.state.db.uploads_dir).with_name(
        "platform.sqlite3"))
    body = json.dumps({"items": []})
    bad_schema = dict(good, version=4, body=body,
                      signature=sign(key, document_message("catalog", 4, body)))
    admin(platform, "POST", "/documents/catalog/raw", bad_schema)
    result = p.pull_all()
    assert any("schema" in why for why in result.refused)
    assert store.document_body("catalog") == CATALOG


def test_personal_data_is_purged_after_retention_but_the_status_query_works(
        ecfg: Config, card: IdCard, platform: ThreadedPlatform) -> None:
    store = queue_cases(ecfg, card, 1)
    OutboxWorker(store, client_for(ecfg)).drain()
    case_id = store.outbox_rows()[0]["record_id"]
    assert store.purge_acknowledged(7) == 0  # acknowledged just now: kept
    later = dt.datetime.now(dt.UTC) + dt.timedelta(days=8)
    assert store.purge_acknowledged(7, now=later) == 1
    case = store.get_case(case_id)
    assert card.id_number not in repr(case.applicant.__dict__)
    assert case.applicant.id_number.startswith("4201") and "*" in case.applicant.id_number
    assert case.form == {} and store.attachments(case_id) == []
    assert [c.id for c in store.cases_for(card.id_number)] == [case_id]  # 办件查询 still finds it
    assert case.platform_no and case.status is CaseStatus.ACCEPTED
    raw = store.path.read_bytes()
    assert card.name.encode() not in raw
    assert store.purge_acknowledged(7, now=later) == 0


def _make_ca(tmp: Path) -> tuple[Path, Path, Path]:
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    now = dt.datetime.now(dt.UTC)

    def cert(subject: str, key: ec.EllipticCurvePrivateKey, issuer: x509.Name,
             signer: ec.EllipticCurvePrivateKey, ca: bool) -> x509.Certificate:
        b = (x509.CertificateBuilder().subject_name(
            x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, subject)]))
             .issuer_name(issuer).public_key(key.public_key())
             .serial_number(x509.random_serial_number())
             .not_valid_before(now - dt.timedelta(days=1))
             .not_valid_after(now + dt.timedelta(days=30))
             .add_extension(x509.BasicConstraints(ca=ca, path_length=None), critical=True))
        if not ca:
            import ipaddress

            b = b.add_extension(x509.SubjectAlternativeName(
                [x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]), critical=False)
        return b.sign(signer, hashes.SHA256())

    ca_key = ec.generate_private_key(ec.SECP256R1())
    ca_name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "county test CA")])
    ca = cert("county test CA", ca_key, ca_name, ca_key, True)
    srv_key = ec.generate_private_key(ec.SECP256R1())
    srv = cert("127.0.0.1", srv_key, ca_name, ca_key, False)
    pem = serialization.Encoding.PEM
    (tmp / "ca.pem").write_bytes(ca.public_bytes(pem))
    (tmp / "srv.pem").write_bytes(srv.public_bytes(pem))
    (tmp / "srv.key").write_bytes(srv_key.private_bytes(
        pem, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()))
    return tmp / "ca.pem", tmp / "srv.pem", tmp / "srv.key"


def test_https_with_the_pinned_ca_works_and_another_ca_is_refused(
        cfg: Config, card: IdCard, tmp_path: Path) -> None:
    ca, crt, key = _make_ca(tmp_path)
    with ThreadedPlatform(tmp_path / "p" / "platform.sqlite3", ssl_certfile=str(crt),
                          ssl_keyfile=str(key)) as platform:
        pinned = replace(cfg, platform_url=platform.url, platform_ca_bundle=str(ca))
        provision(pinned, platform.url, platform.issue_code(pinned.terminal_id))
        store = queue_cases(pinned, card, 1)
        assert OutboxWorker(store, client_for(pinned)).drain().sent == 1
        (tmp_path / "other").mkdir()
        other_ca, _, _ = _make_ca(tmp_path / "other")
        wrong = replace(pinned, platform_ca_bundle=str(other_ca))
        assert not client_for(wrong).health()
        queue_cases(pinned, card, 1)
        result = OutboxWorker(store, client_for(wrong)).drain()
        assert result.offline and "TLS verification failed" in store.sync_status().detail
        # The pinned file damaged or gone while the terminal runs: offline, said plainly.
        ca.write_text("not a certificate")
        assert OutboxWorker(store, client_for(pinned), clock=lambda: 1e12).drain().offline
        assert "TLS verification failed" in store.sync_status().detail
        ca.unlink()
        assert OutboxWorker(store, client_for(pinned), clock=lambda: 2e12).drain().offline
        assert "check platform_ca_bundle" in store.sync_status().detail
        assert store.queue_depth() == 1
