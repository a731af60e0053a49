"""一件事 and materials reach the platform: each split case carries its bundle number, how
every material was handled (容缺 with its date, 电子证照 reference, commitment), the signed
commitment text and the named pictures — what the counter needs to take the case over."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest

from kiosk.app import Kiosk
from kiosk.cases import SignedCommitment
from kiosk.config import Config
from kiosk.materials import MaterialDecl, MaterialStatus
from kiosk.provision import provision
from sync.platform.server import ThreadedPlatform
from tests.kiosk.svc import SIGNATURE, catalog, luhn_complete
from tests.kiosk.test_services_store import newborn_app
from tests.platform_peer import FAST_HASHER, STAFF_NAME, STAFF_PASSWORD, admin_call, forget

pytestmark = pytest.mark.integration


@pytest.fixture
def enrolled(cfg: Config, tmp_path: Path) -> Iterator[tuple[Kiosk, ThreadedPlatform]]:
    with ThreadedPlatform(tmp_path / "platform" / "platform.sqlite3",
                          password_hasher=FAST_HASHER) as platform:
        platform.add_account(STAFF_NAME, "readonly", STAFF_PASSWORD)  # 只读: looks only
        cfg = replace(cfg, platform_url=platform.url)
        provision(cfg, platform.url, platform.issue_code(cfg.terminal_id))
        kiosk = Kiosk.open(cfg)
        try:
            yield kiosk, platform
        finally:
            kiosk.close()
            forget(platform.url)


def on_platform(platform: ThreadedPlatform) -> dict[str, dict[str, object]]:
    rows = admin_call(platform.url, "GET", "/submissions")
    return {r["local_no"]: r["payload"] for r in rows}


def test_bundle_cases_arrive_linked_with_only_their_own_materials(
        enrolled: tuple[Kiosk, ThreadedPlatform]) -> None:
    kiosk, platform = enrolled
    cases = kiosk.submit_application(newborn_app())
    assert kiosk.sync_once().sent == len(cases)
    got = on_platform(platform)
    assert set(got) == {c.local_no for c in cases}
    for case in cases:
        payload = got[case.local_no]
        assert payload["bundle_no"] == case.bundle_no
        assert [m["ref"] for m in payload["materials"]] == [m.ref for m in case.materials]
        names = [a["name"] for a in payload["attachments"]]
        photographed = [m["ref"] for m in payload["materials"] if m["status"] == "photographed"]
        assert sorted(names) == sorted(f"material:{r}" for r in photographed)


def test_deferred_material_and_signed_commitment_reach_the_platform(
        enrolled: tuple[Kiosk, ThreadedPlatform]) -> None:
    kiosk, platform = enrolled
    text = catalog().item("LOCAL-MZ-0004").commitment_options[0].text
    app = dataclasses.replace(newborn_app(), codes=("LOCAL-MZ-0004",), answers={}, values={
        **newborn_app().values, "household_size": 3, "household_income": 800,
        "bank_card": luhn_complete("622202020000000000"), "current_address": "示范村3组"},
        materials={"econ_auth": MaterialDecl(MaterialStatus.DEFERRED)},
        commitments=(SignedCommitment("LOCAL-MZ-0004", "dibao_commitment", "低保告知承诺", text,
                                      ("income_statement",), SIGNATURE,
                                      "2026-11-26T09:00:00+08:00"),))
    case = kiosk.submit_application(app)[0]
    assert kiosk.sync_once().sent == 1
    payload = on_platform(platform)[case.local_no]
    materials = {m["ref"]: m for m in payload["materials"]}
    owed = next(m for m in case.materials if m.ref == "econ_auth")
    assert materials["econ_auth"]["status"] == "deferred"
    assert materials["econ_auth"]["due"] == owed.due
    assert materials["income_statement"]["status"] == "commitment"
    assert payload["commitments"][0]["text"] == text
    assert payload["commitments"][0]["replaces"] == ["income_statement"]
    assert "signature:dibao_commitment" in [a["name"] for a in payload["attachments"]]
