"""The materials step (issue 14) without Qt: every material of 困难残疾人生活补贴申请
through each way the catalog allows, 容缺 with its date, the e-certificate by QR, the
告知承诺 signed on the pad and named on the case, and the 请带上… end."""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterator

import pytest

from devices.idcard import CardRead
from kiosk.app import Kiosk
from kiosk.config import Config
from kiosk.flow import FlowError, Step
from kiosk.flow.views import CheckAnswersView, ECertScanView, MaterialsView, SignView
from kiosk.materials import MaterialStatus
from kiosk.samples import sample_card, sample_values

TODAY = dt.date(2026, 11, 26)
CARD = sample_card()
ITEM = "LOCAL-MZ-0002"  # 困难残疾人生活补贴申请


def name_strokes(w: float = 600, h: float = 240) -> list[list[list[float]]]:
    """Three strokes that look like a short handwritten name (wide and tall enough)."""
    out = []
    for k in range(3):
        x0 = w * (0.15 + 0.25 * k)
        out.append([[x0 + 40 * t / 20, h * 0.3 + h * 0.4 * math.sin(t / 3) ** 2]
                    for t in range(21)])
    return out


@pytest.fixture
def kiosk(cfg: Config) -> Iterator[Kiosk]:
    k = Kiosk.open(cfg)
    k.flow.today = lambda: TODAY
    yield k
    k.close()


def to_materials(k: Kiosk, proxy: bool = False) -> MaterialsView:
    f = k.flow
    f.start("service")
    f.on_card(CardRead(CARD))
    f.open_entry(ITEM)
    s = f.apply()
    for _ in range(20):
        if s.step is Step.QUESTION:
            s = f.answer("yes" if proxy else "no")
        elif s.step is Step.CHECKLIST:
            s = f.apply()
        elif s.step is Step.FORM:
            ids = [x.id for x in s.view.fields if not x.read_only]  # type: ignore[union-attr]
            s = f.continue_form(sample_values(f.catalog, ids, TODAY))
        else:
            break
    assert s.step is Step.MATERIALS, s.step
    assert isinstance(s.view, MaterialsView)
    return s.view


def line(view: MaterialsView, ref: str):  # type: ignore[no-untyped-def]
    return next(m for m in view.materials if m.ref == ref)


def test_the_list_says_what_why_how_many_and_only_the_allowed_ways(kiosk: Kiosk) -> None:
    view = to_materials(kiosk)
    refs = [m.ref for m in view.materials]
    # 身份证 read on the terminal, 户口簿 and 低保证 by data sharing, the form generated:
    assert "id_card" not in refs and "hukou" not in refs and "application_form" not in refs
    disab, bank = line(view, "disability_cert"), line(view, "bank_book")
    assert disab.name == "残疾人证" or "残疾人证" in disab.name
    assert disab.counts == "原件1份" and bank.counts == "复印件1份"
    assert [w.label for w in disab.ways] == ["亮证扫码", "拍照上传"]
    assert [w.label for w in bank.ways] == ["拍照上传", "容缺后补"]
    defer = next(w for w in bank.ways if w.way == "defer")
    assert "10个工作日内" in defer.detail and "年" in defer.detail and "月" in defer.detail
    assert view.can_continue  # an item filed for review: the originals may go to the counter


def test_every_material_through_each_allowed_way(kiosk: Kiosk) -> None:
    f = kiosk.flow
    to_materials(kiosk)
    # 残疾人证 by photo (two pages: pages of one material), then changed to 亮证扫码.
    s = f.choose_way("disability_cert", "photo")
    assert s.step is Step.PHOTO
    s = f.attach_page(b"page-1", last=False)
    assert s.step is Step.PHOTO
    s = f.take_photo()  # the second page, from the camera itself
    assert s.step is Step.MATERIALS
    assert line(s.view, "disability_cert").chosen_words == "已拍照2页"  # type: ignore[arg-type]
    s = f.choose_way("disability_cert", "ecert")
    assert s.step is Step.ECERT_SCAN and isinstance(s.view, ECertScanView)
    s = f.scan_ecert(["https://example.com/x"])
    assert s.step is Step.ECERT_SCAN and "不是电子证照" in s.view.error  # type: ignore[union-attr]
    s = f.scan_ecert(["DZZZ1:HUKOU:1234567890:TOK0123456789ABCD"])
    assert "户口簿" in s.view.error  # type: ignore[union-attr]  # another licence, named
    s = f.scan_ecert(["DZZZ1:DISABILITY_CERT:5101232026000123:7F3A9C2E11B04D58"])
    assert s.step is Step.MATERIALS
    got = line(s.view, "disability_cert")  # type: ignore[arg-type]
    assert got.chosen_words.startswith("已扫电子证照") and "5101232026000123" not in \
        got.chosen_words
    assert "disability_cert" not in f.visit.photos  # the photos of the old way are gone
    # 银行存折 by photo, then 容缺 instead.
    s = f.choose_way("bank_book", "photo")
    s = f.take_photo()
    assert line(s.view, "bank_book").chosen_words == "已拍照1页"  # type: ignore[arg-type]
    s = f.choose_way("bank_book", "defer")
    assert s.step is Step.MATERIALS
    assert line(s.view, "bank_book").chosen_words.startswith("容缺后补")  # type: ignore[arg-type]
    with pytest.raises(FlowError):
        f.choose_way("disability_cert", "defer")  # not offered for it
    # 继续 → 核对信息, where the honesty pledge (required, replaces nothing) opens its pad.
    s = f.continue_materials()
    assert s.step is Step.CHECK_ANSWERS and not s.view.can_submit  # type: ignore[union-attr]
    f.consent(True)
    s = f.open_sign("honesty")
    assert s.step is Step.SIGN and isinstance(s.view, SignView)
    assert s.view.title == "诚信承诺" and "真实有效" in s.view.text
    s = f.sign([[[100, 100]]], 600, 240)  # a dot
    assert s.step is Step.SIGN and s.view.error == "签名太短，请签上完整的名字"  # type: ignore[union-attr]
    s = f.sign([[[50, 120], [550, 121], [300, 122], [100, 120], [500, 121]]], 600, 240)
    assert s.step is Step.SIGN and "一条线" in s.view.error  # type: ignore[union-attr]
    s = f.sign(name_strokes(), 600, 240)
    assert s.step is Step.CHECK_ANSWERS and isinstance(s.view, CheckAnswersView)
    words = {m.ref: m.status for m in s.view.materials}
    assert words["disability_cert"] == "已调用电子证照"
    assert words["bank_book"].startswith("容缺后补")
    assert s.view.can_submit
    s = f.submit()
    assert s.step is Step.DONE
    case = f.visit.cases[0]
    recs = {r.ref: r for r in case.materials}
    assert recs["disability_cert"].status is MaterialStatus.ECERT
    assert recs["disability_cert"].ecert_ref.startswith("DZZZ1:DISABILITY_CERT")
    assert recs["bank_book"].status is MaterialStatus.DEFERRED and recs["bank_book"].due
    assert [c.title for c in case.commitments] == ["诚信承诺"]
    assert case.commitments[0].strokes["strokes"]
    from kiosk.receipts.content import receipt_lines  # the receipt names the pledge

    lines = receipt_lines(case, kiosk.receipt_context, dt.datetime(2026, 11, 26, 10))
    text = "\n".join(x.text for x in lines)
    assert "已签署告知承诺：诚信承诺" in text


def test_a_photographed_material_goes_into_the_case(kiosk: Kiosk) -> None:
    f = kiosk.flow
    to_materials(kiosk)
    f.choose_way("disability_cert", "photo")
    f.take_photo()
    f.choose_way("bank_book", "photo")
    f.take_photo()
    f.continue_materials()
    f.open_sign("honesty")
    s = f.sign(name_strokes(), 600, 240)
    assert s.step is Step.CHECK_ANSWERS
    f.consent(True)
    assert f.submit().step is Step.DONE
    recs = {r.ref: r for r in f.visit.cases[0].materials}
    assert recs["disability_cert"].status is MaterialStatus.PHOTOGRAPHED
    assert recs["disability_cert"].attachment_ids
    assert recs["bank_book"].status is MaterialStatus.PHOTOGRAPHED


def test_a_material_with_no_way_ends_with_please_bring_and_the_checklist(kiosk: Kiosk) -> None:
    f = kiosk.flow
    view = to_materials(kiosk, proxy=True)
    letter = line(view, "proxy_letter")
    assert letter.ways == () and letter.bring.startswith("请带上")
    s = f.cannot_provide("disability_cert")  # neither 容缺 nor 告知承诺 for it
    view2 = s.view
    assert isinstance(view2, MaterialsView) and line(view2, "disability_cert").unable
    assert any(b.startswith("请带上残疾人证") or "残疾人证" in b for b in view2.bring)
    s = f.show_checklist()  # the printable checklist, not a dead end
    assert s.step is Step.CHECKLIST


def test_a_commitment_that_replaces_a_material_covers_it(kiosk: Kiosk) -> None:
    f = kiosk.flow
    f.start("service")
    f.on_card(CardRead(CARD))
    f.open_entry("LOCAL-MZ-0004")  # 低保: 低保告知承诺 may replace the income statement
    s = f.apply()
    for _ in range(40):
        if s.step is Step.QUESTION:
            s = f.answer("no")  # not by proxy, the income statement not replaced yet
        elif s.step is Step.CHECKLIST:
            s = f.apply()
        elif s.step is Step.FORM:
            ids = [x.id for x in s.view.fields if not x.read_only]  # type: ignore[union-attr]
            s = f.continue_form(sample_values(f.catalog, ids, TODAY))
        else:
            break
    if s.step is not Step.MATERIALS:
        pytest.fail(f"no materials step for 低保: {s.step}")
    view = s.view
    assert isinstance(view, MaterialsView)
    income = next((m for m in view.materials if m.ref == "income_statement"), None)
    assert income is not None, [m.ref for m in view.materials]
    assert "commitment" in [w.way for w in income.ways]
    s = f.choose_way("income_statement", "commitment")
    assert s.step is Step.SIGN and s.view.title == "低保告知承诺"  # type: ignore[union-attr]
    s = f.sign(name_strokes(), 600, 240)
    assert s.step is Step.MATERIALS
    assert line(s.view, "income_statement").chosen_words == "已签告知承诺代替"  # type: ignore[arg-type]


def test_the_camera_gone_withdraws_photo_and_qr_but_keeps_defer(kiosk: Kiosk) -> None:
    f = kiosk.flow
    to_materials(kiosk)
    f.choose_way("bank_book", "photo")
    from devices.camera.camera import CameraStatus

    s = f.camera_trouble(CameraStatus.UNPLUGGED.resident)
    assert s.step is Step.MATERIALS
    view = s.view
    assert isinstance(view, MaterialsView) and view.camera_problem
    assert [w.way for w in line(view, "bank_book").ways] == ["defer"]
    assert line(view, "disability_cert").ways == ()
    events = [e for e in kiosk.store.audit_events() if e["action"] == "camera.trouble"]
    assert events and "UNPLUGGED" in str(events[-1]) and "unplugged" in str(events[-1])
