import dataclasses
from pathlib import Path

from devices.idcard import IdCard
from kiosk.cases import Case, CaseItem, CaseStatus
from kiosk.receipts import ReceiptContext, render_receipt
from kiosk.session import applicant_from_card
from tests.pdfread import pdf_fonts, pdf_qr_texts, pdf_text

CTX = ReceiptContext(terminal_id="VK-T-0001", region_name="示范街道示范社区",
                     query_url="http://county.example/q/{no}")


def make_case(card: IdCard, platform_no: str | None) -> Case:
    return Case(id="c1", local_no="VK-T-0001-20261126-00001",
                status=CaseStatus.ACCEPTED if platform_no else CaseStatus.SUBMITTED,
                terminal_id="VK-T-0001", region_code="420102001001",
                applicant=applicant_from_card(card),
                items=(CaseItem("HB-MZ-0001", "高龄津贴申领"),), form={},
                created_at="2026-11-26T08:00:00+00:00", platform_no=platform_no)


def test_receipt_has_number_masked_identity_and_a_readable_qr(tmp_path: Path,
                                                              card: IdCard) -> None:
    pdf = render_receipt(make_case(card, "42010220261126000042"), CTX, tmp_path / "r.pdf")
    text = pdf_text(pdf)
    assert "受理回执" in text
    assert "42010220261126000042" in text
    assert "4201**********" + card.id_number[-4:] in text
    assert "李**" in text
    assert card.id_number not in text
    assert card.name not in text
    assert "高龄津贴申领" in text
    assert "12345" in text
    assert pdf_qr_texts(pdf) == ["http://county.example/q/42010220261126000042"]
    fonts = pdf_fonts(pdf)
    assert "KioskCJK" in fonts or "WenQuanYi" in fonts
    assert " yes " in fonts  # embedded


def test_offline_receipt_carries_the_provisional_number(tmp_path: Path, card: IdCard) -> None:
    pdf = render_receipt(make_case(card, None), CTX, tmp_path / "r.pdf")
    text = pdf_text(pdf)
    assert "临时编号" in text
    assert "VK-T-0001-20261126-00001" in text
    assert pdf_qr_texts(pdf) == ["http://county.example/q/VK-T-0001-20261126-00001"]


def test_long_item_names_wrap_inside_the_roll(tmp_path: Path, card: IdCard) -> None:
    case = dataclasses.replace(make_case(card, None), items=tuple(
        CaseItem(f"X{i}", "城乡居民基本养老保险参保登记") for i in range(4)))
    text = pdf_text(render_receipt(case, CTX, tmp_path / "r.pdf"))
    for i in range(1, 5):
        assert f"{i}. 城乡居民基本养老保险参保登记" in text
