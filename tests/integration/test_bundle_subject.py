"""新生儿出生一件事 end to end: the store queues the split cases with the newborn as subject
and the parent as applicant; the reference platform, in its own process on 127.0.0.1, takes
them (contract 1.5 ``subject``), keeps them sealed at rest, and hands them back to staff as
sent; the receipt, read back with poppler, names both, masked."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from kiosk.app import Kiosk
from kiosk.cases import CaseStatus
from kiosk.config import Config
from kiosk.identity import mask_name
from kiosk.provision import provision
from tests.conftest import PlatformProcess
from tests.kiosk.test_services_store import newborn_app
from tests.pdfread import pdf_text

pytestmark = pytest.mark.integration

FOR_CHILD = {"LOCAL-GA-0003", "LOCAL-YB-0001", "LOCAL-RS-0005"}
CHILD = {"name": "王小宝", "relation": "新生儿", "id_number": "", "sex": "男",
         "birth_date": "2026-11-01", "nation_code": ""}


def test_newborn_items_reach_the_platform_filed_for_the_child_by_the_parent(
        cfg: Config, tmp_path: Path, platform_process: PlatformProcess) -> None:
    app = newborn_app()
    mother = app.applicant
    kcfg = replace(cfg, platform_url=platform_process.url)
    provision(kcfg, platform_process.url, platform_process.enrol_code(kcfg.terminal_id))
    kiosk = Kiosk.open(kcfg)
    try:
        cases = kiosk.submit_application(app)
        assert kiosk.sync_once().sent == len(cases) == 4
        cases = [kiosk.store.with_details(kiosk.store.get_case(c.id)) for c in cases]
        assert all(c.status is CaseStatus.ACCEPTED and c.platform_no for c in cases)
        by = {c.items[0].code: c for c in cases}
        pdf = kiosk.receipt(by["LOCAL-YB-0001"], tmp_path / "receipt.pdf")
    finally:
        kiosk.close()

    rows = {r["platform_no"]: r["payload"] for r in platform_process.submissions()}
    assert set(rows) == {c.platform_no for c in cases}
    for c in cases:
        payload = rows[c.platform_no]
        code = c.items[0].code
        assert payload["applicant"]["id_number"] == mother.id_number  # the parent applies
        assert payload["applicant"]["name"] == mother.name
        if code in FOR_CHILD:
            assert payload["subject"] == CHILD
        else:
            assert payload.get("subject") is None
    insured = rows[by["LOCAL-YB-0001"].platform_no or ""]["form"]
    assert insured["name"] == "王小宝" and "id_number" not in insured
    assert insured["phone"] == "13800138000"

    # sealed at rest on the platform, like the applicant
    stored = b"".join(p.read_bytes() for p in tmp_path.glob("platform.sqlite3*"))
    assert stored
    for secret in ("王小宝", mother.id_number, mother.name):
        assert secret.encode() not in stored

    text = pdf_text(pdf).replace(" ", "")
    assert (by["LOCAL-YB-0001"].platform_no or "") in text
    assert f"申请人：{mask_name(mother.name)}" in text
    assert f"办理对象（新生儿）：{mask_name('王小宝')}" in text
    assert "王小宝" not in text and mother.id_number not in text and mother.name not in text
