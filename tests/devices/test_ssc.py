"""社保卡 APDUs and record parsing, without a reader."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from devices.idcard import ssc
from devices.idcard.ssc import Field, SocialSecurityCard, SscFormatError


def sample() -> SocialSecurityCard:
    return SocialSecurityCard(card_number="A12345678", ssn="42010219441105002X", name="李秀英",
                              sex_code="2", nation_code="01", issued=dt.date(2020, 1, 2),
                              valid_until=dt.date(2030, 1, 1))


def test_select_ssse_is_the_command_real_readers_send() -> None:
    assert ssc.select_aid() == bytes.fromhex(
        "00A404000F7378312E73682EC9E7BBE1B1A3D5CF")


def test_select_ef_and_read_record_bytes() -> None:
    assert ssc.select_ef(0xEF05) == bytes.fromhex("00A4020002EF05")
    assert ssc.read_record(0x07, 0x0B) == bytes.fromhex("00B207040B")
    assert ssc.with_le(bytes.fromhex("00B207040B"), 0x09) == bytes.fromhex("00B2070409")
    assert ssc.get_response(0x1A) == bytes.fromhex("00C000001A")


def test_every_field_is_read_in_one_pass_per_file() -> None:
    planned = [f for _ef, fields in ssc.READ_PLAN for f in fields]
    assert sorted(planned, key=lambda f: f.name) == sorted(Field, key=lambda f: f.name)
    assert all(f.ef == ef for ef, fields in ssc.READ_PLAN for f in fields)


def test_card_survives_encode_then_parse() -> None:
    card = sample()
    values = {f: ssc.record_value(ssc.encode_record(f, v), f)
              for f, v in ssc.encode_card(card).items()}
    assert ssc.parse_card(values) == card


def test_card_maps_to_the_common_identity_with_birth_date_from_ssn() -> None:
    idc = sample().to_id_card()
    assert (idc.name, idc.id_number, idc.sex, idc.birth_date, idc.valid_from, idc.card_type) == (
        "李秀英", "42010219441105002X", "女", dt.date(1944, 11, 5), dt.date(2020, 1, 2),
        "social_security")


def test_no_end_date_is_read_as_none() -> None:
    values = ssc.encode_card(sample())
    values[Field.VALID_UNTIL] = bytes.fromhex("99991231")
    assert ssc.parse_card(values).valid_until is None
    values[Field.VALID_UNTIL] = b"\x00\x00\x00\x00"
    assert ssc.parse_card(values).valid_until is None


def test_repr_hides_personal_data() -> None:
    text = repr(sample()) + str(sample())
    assert "李" not in text and "A123" not in text and "4201" not in text


def test_binary_sex_byte_is_accepted_like_the_ascii_digit() -> None:
    values = ssc.encode_card(sample())
    values[Field.SEX] = b"\x01"
    assert ssc.parse_card(values).sex_code == "1"


@pytest.mark.parametrize(("field", "value", "rule"), [
    (Field.ISSUED, bytes.fromhex("20201332"), "impossible date"),
    (Field.ISSUED, bytes.fromhex("2020AB01"), "BCD"),
    (Field.SSN, b"4201021944110500ZZ", "17 digits"),
    (Field.CARD_NUMBER, b"A1234", "9 letters"),
    (Field.NAME, b"\x00" * 30, "empty"),
    (Field.NAME, b"\x81\x20", "GBK"),
    (Field.SEX, b"7", "GB/T 2261.1"),
    (Field.NATION, b"\x0c", "BCD"),
    (Field.SSN, b"420102194413050028", "birth date"),
])
def test_broken_field_is_refused_with_the_rule_not_the_value(
        field: Field, value: bytes, rule: str) -> None:
    values = ssc.encode_card(sample())
    values[field] = value
    with pytest.raises(SscFormatError) as err:
        ssc.parse_card(values)
    assert rule in str(err.value)
    assert "李" not in str(err.value) and "1944" not in str(err.value)


def test_record_with_wrong_tag_or_short_body_is_refused() -> None:
    with pytest.raises(SscFormatError, match="tag"):
        ssc.record_value(bytes.fromhex("0809") + b"A12345678", Field.CARD_NUMBER)
    with pytest.raises(SscFormatError, match="holds"):
        ssc.record_value(bytes.fromhex("0709") + b"A123", Field.CARD_NUMBER)


@given(st.binary(max_size=300))
def test_any_answer_bytes_give_a_response_or_a_typed_error(raw: bytes) -> None:
    try:
        r = ssc.parse_response(raw)
    except SscFormatError:
        assert len(raw) < 2
    else:
        assert r.data + r.sw.to_bytes(2, "big") == raw


@given(st.sampled_from(list(Field)), st.binary(max_size=64))
def test_any_record_bytes_give_a_value_or_a_typed_error(field: Field, raw: bytes) -> None:
    try:
        value = ssc.record_value(raw, field)
    except SscFormatError:
        return
    assert len(value) <= field.length and raw[2:2 + len(value)] == value


@given(st.fixed_dictionaries({f: st.binary(max_size=f.length + 2) for f in Field}))
def test_any_record_values_give_a_card_or_a_typed_error(values: dict[Field, bytes]) -> None:
    try:
        card = ssc.parse_card(values)
    except SscFormatError:
        return
    assert card.to_id_card().id_number == card.ssn


def test_social_security_card_is_checked_like_a_citizen_number() -> None:
    from devices.idcard import validation
    from kiosk.identity import gb11643_check_char

    first17 = "42010219500312002"
    good = SocialSecurityCard(card_number="A12345678", ssn=first17 + gb11643_check_char(first17),
                              name="张桂兰", sex_code="2", nation_code="01",
                              issued=dt.date(2018, 1, 1), valid_until=None)
    assert validation.card_problem(good.to_id_card(), dt.date(2026, 11, 26)) is None
    wrong = "0" if good.ssn[-1] != "0" else "1"
    bad = dataclasses.replace(good, ssn=good.ssn[:-1] + wrong)
    assert "校验" in (validation.card_problem(bad.to_id_card(), dt.date(2026, 11, 26)) or "")
