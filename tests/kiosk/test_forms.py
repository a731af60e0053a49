"""Forms: validators with Chinese messages, schema-driven validation, prefill with consent."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from kiosk.forms.prefill import ECertRef, prefill
from kiosk.forms.schema import item_form, union_form, validate
from kiosk.forms.validators import (
    check_bank_card,
    check_date,
    check_id_number,
    check_mobile,
    check_past_date,
    check_region_code,
    luhn_ok,
)
from tests.conftest import make_id
from tests.kiosk.svc import TODAY, catalog, elder, luhn_complete

# -- validators -------------------------------------------------------------------------


def test_known_good_bank_card_passes_and_one_wrong_digit_fails() -> None:
    good = luhn_complete("622202020000000000")
    assert check_bank_card(good) is None
    assert check_bank_card(" ".join(good[i:i + 4] for i in range(0, 19, 4))) is None
    bad = good[:-1] + str((int(good[-1]) + 1) % 10)
    assert check_bank_card(bad) == "银行卡号有误（校验不通过），请对照卡面逐位核对"


@settings(max_examples=300)
@given(st.text(alphabet="0123456789", min_size=11, max_size=18), st.integers(0, 17),
       st.integers(1, 9))
def test_luhn_catches_every_single_digit_error(prefix: str, pos: int, delta: int) -> None:
    card = luhn_complete(prefix)
    assert luhn_ok(card)
    pos %= len(card)
    wrong = card[:pos] + str((int(card[pos]) + delta) % 10) + card[pos + 1:]
    assert not luhn_ok(wrong)
    assert check_bank_card(wrong) is not None


@pytest.mark.parametrize("value,message", [
    ("1380013800", "手机号码应为11位，现在是10位"),
    ("12800138000", "手机号码应以13至19开头，请核对"),
    ("1380013800a", "手机号码只能填数字"),
])
def test_mobile_mistakes_are_explained(value: str, message: str) -> None:
    assert check_mobile(value) == message


def test_mobile_with_spaces_or_dashes_is_accepted() -> None:
    assert check_mobile("138 0013 8000") is None and check_mobile("138-0013-8000") is None


def test_id_number_uses_gb11643_and_the_province_code() -> None:
    assert check_id_number(make_id("42010219440105002")) is None
    good = make_id("42010219440105002")
    wrong = good[:-1] + ("0" if good[-1] != "0" else "1")
    assert "校验" in (check_id_number(wrong) or "")
    assert check_id_number(make_id("16010219440105002")) == "身份证号码的地区代码不正确"


@pytest.mark.parametrize("number, kind_words", [
    (make_id("81000019900215002"), None),  # 港澳台居民居住证
    (make_id("93268219850101001"), None),  # 外国人永久居留身份证 2023
    ("USA310085020012", None),  # 外国人永久居留身份证 2017
    ("usa310085020012", None),  # typed in small letters
    (make_id("81000019900215002")[:-1] + "Z", "居住证号码应为18位"),
    (make_id("81100019900215002"), "居住证号码应以810000"),
    (make_id("93268219850101001")[:-1] + "Z", "永久居留身份证号码应为以9开头的18位号码"),
    ("USA31008502001", "永久居留证号码应为3个字母加12位数字"),
])
def test_id_number_is_checked_by_the_card_kind_its_form_implies(
        number: str, kind_words: str | None) -> None:
    problem = check_id_number(number)
    assert problem is None if kind_words is None else kind_words in (problem or "")
    assert number not in (problem or "")


@settings(max_examples=200)
@given(st.text(max_size=25))
def test_validators_answer_any_text_with_a_message_or_none(value: str) -> None:
    for check in (check_id_number, check_mobile, check_bank_card, check_date,
                  check_past_date, check_region_code):
        result = check(value, TODAY)
        assert result is None or (isinstance(result, str) and result)


@settings(max_examples=200)
@given(st.text(alphabet="0123456789X -", min_size=8, max_size=20))
def test_messages_never_repeat_the_number_typed(value: str) -> None:
    for check in (check_id_number, check_mobile, check_bank_card, check_region_code):
        result = check(value, TODAY)
        assert result is None or value.strip() not in result


def test_dates_must_exist_and_past_dates_not_be_in_the_future() -> None:
    assert check_date("2026-02-30") is not None
    assert check_date("2026-2-3") is not None
    assert check_date("2026-02-03") is None
    assert check_past_date("2026-11-27", TODAY) == "日期不能晚于今天"


def test_region_codes_need_12_digits_a_province_and_consistent_levels() -> None:
    assert check_region_code("420102001001") is None
    assert check_region_code("4201020010") == "行政区划代码应为12位数字"
    assert check_region_code("990102001001") is not None
    assert check_region_code("420002001001") is not None


# -- schema-driven validation ---------------------------------------------------------


def test_form_definition_carries_json_schema_and_ui_schema() -> None:
    form = item_form(catalog(), catalog().item("LOCAL-MZ-0005"))
    assert form.json_schema["required"] == ["name", "id_number", "phone", "hardship_kind",
                                            "hardship_reason"]
    assert form.ui_schema["ui:order"][0] == "name"
    assert form.ui_schema["hardship_kind"]["ui:options"] == ["急难型", "支出型"]
    assert form.ui_schema["phone"]["ui:widget"] == "phone"


def test_problems_are_chinese_per_field_in_form_order() -> None:
    form = item_form(catalog(), catalog().item("LOCAL-MZ-0005"))
    problems = validate(catalog(), form, {
        "name": "张三", "id_number": make_id("42010219440105002"), "phone": "12345",
        "hardship_kind": "别的", "bank_card": luhn_complete("62220202000000000")[:-1] + "x",
        "household_size": "三"}, today=TODAY)
    by_field = {p.field: p.message for p in problems}
    assert list(by_field) == ["phone", "household_size", "hardship_kind", "hardship_reason",
                              "bank_card"]
    assert by_field["phone"] == "「手机号码」手机号码应为11位，现在是5位"
    assert by_field["hardship_kind"] == "「困难类型」请从选项中选择：急难型、支出型"
    assert by_field["hardship_reason"] == "「困难情况说明」必须填写"
    assert by_field["household_size"] == "「共同生活家庭成员人数」格式不对，请填写数字"
    assert by_field["bank_card"] == "「银行卡号（本人社保卡金融账户或存折）」银行卡号只能填数字"


def test_blank_optional_fields_are_not_errors_and_unknown_names_are() -> None:
    form = item_form(catalog(), catalog().item("LOCAL-RS-0002"))
    base = {"name": "张三", "id_number": make_id("42010219440105002")}
    assert validate(catalog(), form, {**base, "phone": "  "}) == []
    assert validate(catalog(), form, {**base, "frobnicate": 1})[0].field == "_form"


def test_union_form_asks_shared_fields_once_and_requires_if_any_item_does() -> None:
    items = [catalog().item(c) for c in ("LOCAL-RS-0006", "LOCAL-WJ-0002", "LOCAL-MZ-0001")]
    form = union_form(catalog(), items)
    assert len(form.fields) == len(set(form.fields))
    assert set(form.fields) == {f for it in items for f in it.form.fields}
    assert "phone" in form.required  # required by 待遇申领 only


# -- prefill --------------------------------------------------------------------------


def test_card_fills_identity_fields_and_nothing_else_without_consent() -> None:
    form = item_form(catalog(), catalog().item("LOCAL-MZ-0001"))
    history = [{"phone": "13800138000", "bank_card": "6222020200000000008"}]
    p = prefill(catalog(), form, elder(), history=history)
    assert p.values["name"] == "张桂兰" and p.sources["id_number"] == "card"
    assert "phone" not in p.values
    assert p.offered == {"phone": "13800138000", "bank_card": "6222020200000000008"}
    assert "13800138000" not in repr(p)


def test_earlier_cases_fill_only_after_consent_newest_first() -> None:
    form = item_form(catalog(), catalog().item("LOCAL-MZ-0001"))
    history = [{"phone": "13900000000"}, {"phone": "13800138000", "bank_name": "农商行"}]
    p = prefill(catalog(), form, elder(), history=history, history_consent=True)
    assert p.values["phone"] == "13900000000" and p.values["bank_name"] == "农商行"
    assert p.sources["phone"] == "history" and not p.offered


def test_ecert_reference_fills_certificate_fields_and_agent_fills_proxy() -> None:
    form = item_form(catalog(), catalog().item("LOCAL-GA-0003"))
    ref = ECertRef("birth_cert", "ECERT-LOCAL-TEST-1",
                   {"number": "R420123456", "birth_date": "2026-10-01"})
    p = prefill(catalog(), form, elder(), ecerts=[ref])
    assert p.values["birth_cert_no"] == "R420123456"
    assert p.values["child_birth_date"] == "2026-10-01" and p.sources["child_birth_date"] == "ecert"
    agent_form = item_form(catalog(), catalog().item("LOCAL-MZ-0001"))
    agent = elder("1975-06-01")
    p = prefill(catalog(), agent_form, elder(), agent=agent)
    assert p.values["proxy_id_number"] == agent.id_number


def test_today_default_does_not_break_date_checks() -> None:
    assert check_past_date(dt.date.today().isoformat()) is None
