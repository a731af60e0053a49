"""Receipts with bundles, materials and deadlines, read back with poppler and zxing-cpp."""

from __future__ import annotations

import dataclasses
import subprocess
from pathlib import Path

import pytest

from kiosk.app import Kiosk
from kiosk.applications import Application
from kiosk.config import Config
from kiosk.guide.checklist import build_checklist, checklist_lines
from kiosk.materials import MaterialDecl, MaterialStatus
from kiosk.receipts import ReceiptContext, render_checklist, render_receipt
from tests.kiosk.svc import catalog, elder
from tests.pdfread import pdf_qr_texts, pdf_text


@pytest.fixture
def bundle_cases(cfg: Config) -> tuple[Kiosk, list]:  # type: ignore[type-arg]
    k = Kiosk.open(cfg)
    a = elder("1940-03-12")  # 86: the retirement bundle adds 高龄津贴
    app = Application(applicant=a, codes=("LOCAL-YJS-0002",),
                      values={"name": a.name, "id_number": a.id_number,
                              "phone": "13800138000"},
                      materials={"bank_book": MaterialDecl(MaterialStatus.DEFERRED)},
                      photos={"e_photo": (b"\xff\xd8jpeg",)})
    yield k, k.submit_application(app)  # type: ignore[misc]
    k.close()


@pytest.mark.parametrize("layout", ["80mm", "a4"])
def test_bundle_receipt_shows_numbers_deadlines_and_masked_identity_only(
        tmp_path: Path, bundle_cases: tuple[Kiosk, list], layout: str) -> None:  # type: ignore[type-arg]
    kiosk, cases = bundle_cases
    gaoling = next(c for c in cases if c.items[0].code == "LOCAL-MZ-0001")
    pdf = kiosk.receipt(gaoling, tmp_path / f"r-{layout}.pdf", layout=layout)
    text = pdf_text(pdf)
    flat = "".join(text.split())
    a = gaoling.applicant
    assert "受理回执" in text and "临时编号" in text
    assert gaoling.local_no in flat and (gaoling.bundle_no or "") in flat
    assert "张**" in text and "4201**********" + a.id_number[-4:] in text
    assert a.id_number not in flat and a.name not in flat
    assert "高龄津贴申领" in flat
    for other in cases:  # the other items of the same 一件事 with their numbers
        assert other.local_no in flat
    owed = next(m for m in gaoling.materials if m.ref == "bank_book")
    assert owed.due is not None
    y, m, d = owed.due.split("-")
    assert f"本人银行卡或存折：{int(y)}年{int(m)}月{int(d)}日前补交" in flat
    assert "承诺办结日期" in flat and "12345" in flat
    assert "已读卡核验" in flat
    assert pdf_qr_texts(pdf) == [f"{kiosk.config.platform_url}/q/{gaoling.local_no}"]


def test_a4_receipt_is_an_a4_page(tmp_path: Path, bundle_cases: tuple[Kiosk, list]) -> None:  # type: ignore[type-arg]
    kiosk, cases = bundle_cases
    pdf = kiosk.receipt(cases[0], tmp_path / "a4.pdf", layout="a4")
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True,
                          check=True).stdout
    assert "595.276 x 841.89 pts (A4)" in info


def test_unknown_layout_is_refused(tmp_path: Path, bundle_cases: tuple[Kiosk, list]) -> None:  # type: ignore[type-arg]
    _, cases = bundle_cases
    ctx = ReceiptContext("VK-1", "示范社区", "http://x/q/{no}")
    with pytest.raises(ValueError, match="layout"):
        render_receipt(cases[0], ctx, tmp_path / "x.pdf", layout="letter")


@pytest.mark.parametrize("layout", ["80mm", "a4"])
def test_checklist_prints_on_its_own(tmp_path: Path, layout: str) -> None:
    cl = build_checklist(catalog(), "LOCAL-MZ-0004", {"proxy": True, "use_commitment": True})
    pdf = render_checklist(checklist_lines(cl, catalog()), tmp_path / "c.pdf", layout=layout)
    flat = "".join(pdf_text(pdf).split())
    assert "最低生活保障申请—材料清单" in flat
    assert "委托书（必须提供" in flat and "家庭收入和财产状况声明" not in flat
    assert "可选择告知承诺：低保告知承诺" in flat and "12345" in flat


def test_long_checklist_flows_onto_a_second_a4_page(tmp_path: Path) -> None:
    cl = build_checklist(catalog(), "LOCAL-YJS-0003", {})
    lines = checklist_lines(cl, catalog()) * 3
    pdf = render_checklist(lines, tmp_path / "long.pdf", layout="a4")
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True,
                          check=True).stdout
    assert int(next(x.split()[1] for x in info.splitlines() if x.startswith("Pages:"))) >= 2
    assert "第2页" in pdf_text(pdf)


def test_agent_is_printed_masked(tmp_path: Path, bundle_cases: tuple[Kiosk, list]) -> None:  # type: ignore[type-arg]
    kiosk, cases = bundle_cases
    agent = elder("1975-06-01")
    case = dataclasses.replace(kiosk.store.with_details(cases[0]), agent=agent)
    pdf = render_receipt(case, kiosk.receipt_context, tmp_path / "agent.pdf")
    flat = "".join(pdf_text(pdf).split())
    assert "代办人：张**" in flat and agent.id_number not in flat
