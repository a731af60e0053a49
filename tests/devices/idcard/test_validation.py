"""Accepting or refusing a card: number rules for every card kind, validity, codes, age."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

import pytest

from devices.idcard import codes
from devices.idcard.validation import (
    age_on,
    card_problem,
    card_problems,
    citizen_number_problem,
    foreign_2017_number_problem,
    foreign_2023_number_problem,
    gb11643_check_char,
    permit_number_problem,
)
from kiosk import identity
from tests.devices.idcard.conftest import (
    ALL_KINDS,
    foreign_2023_card,
    permit_card,
    resident_card,
    with_check,
)

TODAY = dt.date(2026, 11, 26)


def test_kiosk_uses_the_same_number_rule() -> None:
    assert identity.gb11643_check_char is gb11643_check_char
    assert identity.id_number_problem("11010519491231002X") is None


@pytest.mark.parametrize("kind", sorted(ALL_KINDS))
def test_every_sample_card_kind_is_accepted(kind: str) -> None:
    assert card_problems(ALL_KINDS[kind](), TODAY) == []


@pytest.mark.parametrize(("number", "code"), [
    ("1101051949123100", "number_length"),
    ("11010519491231002A", "number_format"),
    (with_check("00010519491231002"), "number_region"),
    (with_check("72010519491231002"), "number_region"),
    (with_check("11010519490229002"), "number_birth_impossible"),
    (with_check("11010520300101002"), "number_birth_out_of_range"),
    (with_check("11010518700101002"), "number_birth_out_of_range"),
    ("110105194912310021", "number_check_char"),
])
def test_citizen_number_faults(number: str, code: str) -> None:
    problem = citizen_number_problem(number, TODAY)
    assert problem is not None and problem.code == code


def test_leap_day_birth_is_real() -> None:
    assert citizen_number_problem(with_check("11010519480229002"), TODAY) is None


@pytest.mark.parametrize("prefix", ["810000", "820000", "830000"])
def test_hk_mo_tw_permit_numbers(prefix: str) -> None:
    assert permit_number_problem(with_check(prefix + "19900215002"), TODAY) is None


def test_permit_number_with_another_prefix_is_refused() -> None:
    problem = permit_number_problem(with_check("84000019900215002"), TODAY)
    assert problem is not None and "810000" in problem.message
    bad_check = with_check("81000019900215002")
    bad_check = bad_check[:-1] + ("1" if bad_check[-1] != "1" else "2")
    problem = permit_number_problem(bad_check, TODAY)
    assert problem is not None and problem.code == "number_check_char"


def test_2023_foreigner_numbers_start_with_9_and_carry_the_check_char() -> None:
    assert foreign_2023_number_problem("932682198501010017") is None  # published example
    bad = foreign_2023_number_problem("932682198501010018")
    assert bad is not None and bad.code == "number_check_char"
    wrong_start = foreign_2023_number_problem(with_check("83268219850101001"))
    assert wrong_start is not None and wrong_start.code == "number_format"


def test_2017_foreigner_numbers_are_three_letters_and_twelve_digits() -> None:
    assert foreign_2017_number_problem("USA310085020012") is None
    assert foreign_2017_number_problem("US1310085020012") is not None
    assert foreign_2017_number_problem("USA31008502001") is not None


def test_expired_card_is_refused_with_its_end_date_in_words() -> None:
    card = resident_card(valid_until=dt.date(2026, 3, 5))
    assert card_problem(card, TODAY) == "您的身份证已于2026年3月5日过期，请先换领新证"
    assert card_problem(card, dt.date(2026, 3, 5)) is None  # valid through its last day
    permit = replace(permit_card(), valid_until=dt.date(2020, 12, 31))
    assert card_problem(permit, TODAY) == "您的港澳台居民居住证已于2020年12月31日过期，请先换领新证"


def test_long_term_card_never_expires() -> None:
    assert card_problem(resident_card(valid_until=None), dt.date(2099, 1, 1)) is None


def test_expiry_comes_first_among_several_problems() -> None:
    card = resident_card(valid_until=dt.date(2020, 1, 1), id_number="110105194912310021")
    codes_ = [p.code for p in card_problems(card, TODAY)]
    assert codes_[0] == "expired" and "number_check_char" in codes_


@pytest.mark.parametrize(("changes", "code"), [
    ({"birth_date": dt.date(1944, 1, 6)}, "birth_mismatch"),
    ({"sex_code": "3"}, "bad_sex_code"),
    ({"nation_code": "57"}, "bad_nation_code"),
    ({"valid_from": dt.date(2030, 1, 1), "valid_until": dt.date(2029, 1, 1)}, "validity_range"),
])
def test_inconsistent_card_data_is_refused(changes: dict[str, object], code: str) -> None:
    card = resident_card(**changes)
    assert code in [p.code for p in card_problems(card, TODAY)]


def test_nation_97_and_98_are_valid() -> None:
    for n in ("97", "98"):
        assert card_problems(resident_card(nation_code=n), TODAY) == []


def test_foreign_card_with_a_resident_style_number_is_refused() -> None:
    card = replace(foreign_2023_card(), id_number=with_check("42010219850101001"))
    assert card_problems(card, TODAY)[0].code == "number_format"


def test_age_for_rules() -> None:
    assert age_on(dt.date(1946, 11, 26), TODAY) == 80
    assert age_on(dt.date(1946, 11, 27), TODAY) == 79
    assert age_on(dt.date(1948, 2, 29), dt.date(2026, 2, 28)) == 77
    assert age_on(dt.date(1948, 2, 29), dt.date(2026, 3, 1)) == 78


def test_kind_names() -> None:
    assert codes.kind_name(codes.FOREIGN_PERMANENT_2023) == "外国人永久居留身份证"
    assert codes.kind_name("other") == "证件"
