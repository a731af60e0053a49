import datetime as dt

from hypothesis import given
from hypothesis import strategies as st

from devices.idcard.codes import PROVINCES
from kiosk.identity import (
    gb11643_check_char,
    id_number_problem,
    mask_id_number,
    mask_name,
    mask_phone,
)


def test_published_example_number_checks() -> None:
    # The example number printed in GB 11643-1999 itself.
    assert gb11643_check_char("11010519491231002") == "X"
    assert id_number_problem("11010519491231002X") is None
    assert id_number_problem("11010519491231002x") is None


def test_wrong_check_digit_is_named() -> None:
    assert id_number_problem("110105194912310021") == "身份证号码校验位不正确，请核对"


def test_impossible_birth_date_is_refused() -> None:
    first17 = "11010519490230002"  # 30 February
    assert id_number_problem(first17 + gb11643_check_char(first17)) == \
        "身份证号码中的出生日期不存在"


def test_future_birth_date_is_refused() -> None:
    first17 = "11010520990101002"
    problem = id_number_problem(first17 + gb11643_check_char(first17),
                                today=dt.date(2026, 11, 26))
    assert problem == "身份证号码中的出生日期不正确"


@given(st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2026, 1, 1)),
       st.sampled_from(sorted(PROVINCES)), st.integers(min_value=0, max_value=9999),
       st.integers(min_value=0, max_value=999))
def test_any_well_formed_number_with_its_check_char_is_valid(birth: dt.date, province: str,
                                                             area: int, seq: int) -> None:
    first17 = f"{province}{area:04d}{birth:%Y%m%d}{seq:03d}"
    number = first17 + gb11643_check_char(first17)
    assert id_number_problem(number, today=dt.date(2026, 11, 26)) is None
    # Changing the check character always breaks it.
    other = "0" if number[-1] != "0" else "1"
    assert id_number_problem(number[:-1] + other, today=dt.date(2026, 11, 26)) is not None


def test_unknown_province_prefix_is_refused() -> None:
    first17 = "16010519491231002"  # 16 is no province
    assert id_number_problem(first17 + gb11643_check_char(first17)) == \
        "身份证号码的地区代码不正确"


def test_masks_match_the_paper_forms() -> None:
    assert mask_id_number("420102194411050021") == "4201**********0021"
    assert mask_name("张三") == "张*"
    assert mask_name("欧阳娜娜") == "欧***"
    assert mask_phone("13912345678") == "139****5678"
