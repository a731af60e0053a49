"""亮证扫码: a QR read by the real detector from the mock camera's phone scene becomes an
unverified e-certificate reference; everything else gets a plain refusal."""

from __future__ import annotations

import datetime as dt
import os

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from devices.camera import scenes
from devices.camera.qr import scan_qr
from kiosk.catalog.loader import load_catalog
from kiosk.ecert import ECertReference, ECertRefusal, is_receipt, parse_ecert, read_ecert
from kiosk.materials import MaterialDecl, MaterialStatus


@pytest.fixture(scope="module")
def names() -> dict[str, str]:
    return {k: m.name for k, m in load_catalog().materials.items()}


NOW = dt.datetime(2026, 11, 26, 10, 0, tzinfo=dt.timezone(dt.timedelta(hours=8)))
CODE = "DZZZ1:DISABILITY_CERT:5101232026000123:7F3A9C2E11B04D58"


def test_phone_qr_seen_by_the_camera_becomes_an_unverified_reference(
        names: dict[str, str]) -> None:
    frame = scenes.phone_qr(CODE)(0, 640, 480)
    got = read_ecert(scan_qr(frame), "disability_cert", names, now=NOW)
    assert isinstance(got, ECertReference)
    assert (got.material, got.kind, got.licence_no) == ("disability_cert", "DISABILITY_CERT",
                                                        "5101232026000123")
    assert got.must_verify and got.scanned == CODE and got.scanned_at.startswith("2026-11-26")
    assert got.masked_no == "510*********0123"
    decl = MaterialDecl(MaterialStatus.ECERT, ecert_ref=got.ref)
    assert decl.ecert_ref == CODE and got.to_json()["must_verify"] is True


def test_the_mock_cameras_default_qr_scene_is_a_disability_certificate(
        names: dict[str, str]) -> None:
    frame = scenes.scene("qr")(0, 640, 480)
    assert isinstance(read_ecert(scan_qr(frame), "disability_cert", names), ECertReference)


def test_licence_of_another_kind_is_named_in_the_refusal(names: dict[str, str]) -> None:
    got = parse_ecert("DZZZ1:MARRIAGE_CERT:51012320260001:" + "A" * 20, "disability_cert", names)
    assert isinstance(got, ECertRefusal)
    assert got.message == "这是结婚证的电子证照，这里需要的是第二代残疾人证"


def test_trusted_county_url_is_a_reference_other_urls_are_refused(
        names: dict[str, str]) -> None:
    url = "https://dzzz.county.example.gov.cn/v?t=abc123"
    got = parse_ecert(url, "hukou", names, trusted_hosts=("county.example.gov.cn",))
    assert isinstance(got, ECertReference) and got.token == url and got.kind == "HUKOU"
    for bad in (url.replace("https", "http"), "https://shop.example.com/item/8812345",
                "https://evilcounty.example.gov.cn.attacker.example/v?t=1"):
        r = parse_ecert(bad, "hukou", names, trusted_hosts=("county.example.gov.cn",))
        assert isinstance(r, ECertRefusal) and "网址" in r.message, bad


@pytest.mark.parametrize("text", [
    "http://county.example/q/VK-1-20261126-00001",
    "VK-1-20261126-00001",
])
def test_this_terminals_receipt_qr_is_recognised_and_sent_to_the_query(
        names: dict[str, str], text: str) -> None:
    assert is_receipt(text)
    got = parse_ecert(text, "hukou", names)
    assert isinstance(got, ECertRefusal) and "回执" in got.message and "查询" in got.message


@pytest.mark.parametrize(("text", "reason"), [
    ("x" * 5000, "oversized"),
    ("\x00\x01\x02garbage\xff", "not text"),
    ("", "not text"),
    ("WIFI:S:village;T:WPA;P:secret;;", "unknown code"),
    ("DZZZ1:DISABILITY_CERT:12", "malformed DZZZ1 code"),
])
def test_garbage_gets_a_plain_refusal(names: dict[str, str], text: str, reason: str) -> None:
    got = parse_ecert(text, "disability_cert", names)
    assert isinstance(got, ECertRefusal) and got.reason.startswith(reason)
    assert got.message and (not text or text not in got.reason)  # no payload in logs


def test_no_code_seen_says_how_to_hold_the_phone(names: dict[str, str]) -> None:
    got = read_ecert([], "hukou", names)
    assert isinstance(got, ECertRefusal) and "对准镜头" in got.message


def test_a_frame_without_a_qr_and_one_with_a_receipt(names: dict[str, str]) -> None:
    assert read_ecert(scan_qr(scenes.face(0, 640, 480)), "hukou", names).message  # type: ignore[union-attr]
    receipt = scenes.phone_qr("http://county.example/q/VK-1-20261126-00001")(0, 640, 480)
    got = read_ecert(scan_qr(receipt), "hukou", names)
    assert isinstance(got, ECertRefusal) and got.reason == "receipt code"


@given(st.binary(max_size=300))
@settings(max_examples=80, deadline=None)
def test_random_bytes_never_become_a_reference(raw: bytes) -> None:
    text = raw.decode("latin-1")
    got = parse_ecert(text, "hukou", {"hukou": "居民户口簿"})
    assert isinstance(got, ECertRefusal) or text.strip().upper().startswith("DZZZ1:")


def test_random_urandom_payload_is_refused() -> None:
    got = parse_ecert(os.urandom(64).hex(), "hukou", {})
    assert isinstance(got, ECertRefusal)
