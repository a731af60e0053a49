"""Planning an application: materials (容缺, e-certificates, 告知承诺), deadlines, checks."""

from __future__ import annotations

import dataclasses
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from kiosk.applications import Application, derived_answers, plan_application
from kiosk.cases import SignedCommitment
from kiosk.materials import MaterialDecl, MaterialStatus
from kiosk.signature import Signature, render_png, signature_problem
from tests.kiosk.svc import SIGNATURE, TODAY, calendar, catalog, elder, luhn_complete

CAT = catalog()


def plan(codes: tuple[str, ...], values: dict[str, Any] | None = None, **kw: Any) -> Any:
    a = elder()
    base = {"name": a.name, "id_number": a.id_number, "phone": "13800138000"}
    app = Application(applicant=kw.pop("applicant", a), codes=codes,
                      values={**base, **(values or {})}, **kw)
    return plan_application(CAT, app, calendar(), TODAY)


def statuses(p: Any) -> dict[str, MaterialStatus]:
    return {m.ref: m.status for pc in p.cases for m in pc.materials}


def test_card_shared_data_and_generated_form_need_nothing_from_the_resident() -> None:
    p = plan(("LOCAL-RS-0001",))
    assert p.ok
    assert statuses(p) == {"id_card": MaterialStatus.CARD, "hukou": MaterialStatus.SHARED,
                           "application_form": MaterialStatus.TERMINAL}
    assert p.cases[0].promised_by == "2026-12-01"  # Thu 26 Nov + 3 working days


def test_deferred_material_gets_a_deadline_in_working_days() -> None:
    p = plan(("LOCAL-MZ-0001",),
             materials={"bank_book": MaterialDecl(MaterialStatus.DEFERRED)})
    rec = next(m for m in p.cases[0].materials if m.ref == "bank_book")
    assert rec.status is MaterialStatus.DEFERRED and rec.due == "2026-12-10"
    assert rec.due <= (p.cases[0].promised_by or "")


def test_material_that_may_not_be_deferred_is_refused() -> None:
    p = plan(("LOCAL-GA-0001",), {"residence_address": "示范社区8号", "residence_since":
                                  "2025-01-01", "residence_basis": "合法稳定住所"},
             materials={"e_photo": MaterialDecl(MaterialStatus.DEFERRED)})
    assert "「电子证件照」不能容缺后补，请现在提供" in [x.message for x in p.problems]


def test_full_self_service_item_needs_its_photo_taken_here() -> None:
    assert [x.message for x in plan(("LOCAL-WJ-0002",)).problems] == [
        "「电子证件照」需要拍照上传或使用电子证照"]
    p = plan(("LOCAL-WJ-0002",), photos={"e_photo": (b"jpeg",)})
    assert p.ok and statuses(p)["e_photo"] is MaterialStatus.PHOTOGRAPHED


def test_submit_only_item_lists_uncovered_originals_for_the_counter() -> None:
    p = plan(("LOCAL-MZ-0001",))
    assert p.ok and statuses(p)["bank_book"] is MaterialStatus.ON_SITE


def test_ecert_only_where_the_material_has_one() -> None:
    p = plan(("LOCAL-MZ-0001",), materials={"bank_book": MaterialDecl(MaterialStatus.ECERT)})
    assert "「本人银行卡或存折」不能用电子证照代替" in [x.message for x in p.problems]


def _commitment(**changes: Any) -> SignedCommitment:
    opt = CAT.item("LOCAL-MZ-0004").commitment_options[0]
    c = SignedCommitment(item_code="LOCAL-MZ-0004", option_id=opt.id, title=opt.title,
                         text=opt.text, replaces=opt.replaces, strokes=SIGNATURE,
                         signed_at="2026-11-26T09:00:00+08:00")
    return dataclasses.replace(c, **changes)


DIBAO = {"household_size": 3, "household_income": 900,
         "bank_card": luhn_complete("622202020000000000")}


def test_signed_commitment_replaces_the_income_statement() -> None:
    p = plan(("LOCAL-MZ-0004",), DIBAO, answers={"use_commitment": False},
             commitments=(_commitment(),))
    assert p.ok, p.problems
    assert statuses(p)["income_statement"] is MaterialStatus.COMMITMENT


def test_commitment_with_changed_text_or_empty_signature_is_refused() -> None:
    msgs = [x.message for x in plan(("LOCAL-MZ-0004",), DIBAO,
                                    commitments=(_commitment(text="别的"),)).problems]
    assert "承诺书内容已更新，请重新阅读并签名" in msgs
    empty = {"strokes": [], "width": 300, "height": 120}
    msgs = [x.message for x in plan(("LOCAL-MZ-0004",), DIBAO,
                                    commitments=(_commitment(strokes=empty),)).problems]
    assert "请在签名框内签上您的名字" in msgs


def test_claiming_commitment_without_one_is_refused() -> None:
    p = plan(("LOCAL-MZ-0004",), DIBAO,
             materials={"income_statement": MaterialDecl(MaterialStatus.COMMITMENT)},
             answers={"use_commitment": False})
    assert "「家庭收入和财产状况声明」没有可代替它的告知承诺" in [x.message for x in p.problems]


def test_age_is_derived_from_the_card_and_picks_bundle_items() -> None:
    young = plan(("LOCAL-YJS-0002",), applicant=elder("1965-06-01"),
                 photos={"e_photo": (b"j",)})
    old = plan(("LOCAL-YJS-0002",), photos={"e_photo": (b"j",)})
    assert [pc.item.code for pc in young.cases] == ["LOCAL-RS-0006", "LOCAL-WJ-0002"]
    assert [pc.item.code for pc in old.cases][-1] == "LOCAL-MZ-0001"
    assert derived_answers(Application(elder("1946-11-27"), ()), TODAY)["age"] == 79


def test_agent_makes_it_a_proxy_case_needing_the_agent_fields() -> None:
    agent = elder("1975-06-01")
    p = plan(("LOCAL-MZ-0001",), agent=agent)
    assert {x.field for x in p.problems} == {"proxy_name", "proxy_id_number"}
    p = plan(("LOCAL-MZ-0001",), {"proxy_name": "张小明", "proxy_id_number": agent.id_number},
             agent=agent)
    assert p.ok and statuses(p)["proxy_id"] is MaterialStatus.CARD


def test_unknown_item_and_bundle_mixed_with_items_are_refused() -> None:
    assert plan(("NOPE",)).problems[0].message == "事项 NOPE 不在本终端的事项目录中"
    assert "不能和其他事项一起提交" in plan(("LOCAL-YJS-0001", "LOCAL-RS-0001")).problems[0].message
    assert plan(()).problems[0].message == "请至少选择一个办理事项"


def test_signature_is_kept_as_strokes_and_renders_to_png() -> None:
    sig = Signature.from_json(SIGNATURE)
    assert signature_problem(sig) is None
    png = render_png(sig)
    assert png.startswith(b"\x89PNG")
    assert Signature.from_json(sig.to_json()) == sig
    off = Signature((((0.0, 0.0), (500.0, 0.0)),), 300, 120)
    assert signature_problem(off) == "签名超出了签名框，请重新签名"
    dot = Signature((((5.0, 5.0),),), 300, 120)
    assert signature_problem(dot) == "签名太短，请签上完整的名字"


_points = st.lists(st.tuples(st.floats(allow_nan=True), st.floats()) | st.text(max_size=3)
                   | st.lists(st.integers(), max_size=3), max_size=4)


@settings(max_examples=200, deadline=None)
@given(st.dictionaries(st.sampled_from(["strokes", "width", "height"]),
                       st.lists(_points, max_size=3) | st.floats() | st.text(max_size=4)
                       | st.integers(-5, 500)))
def test_any_signature_payload_is_accepted_or_refused_in_words(raw: dict[str, Any]) -> None:
    from kiosk.signature import SignatureError

    try:
        sig = Signature.from_json(raw)
    except SignatureError as exc:
        assert "签名" in str(exc)
        return
    problem = signature_problem(sig)
    assert problem is None or "签名" in problem
