"""Whether a card read from a reader may be accepted: number rules and validity.

Pure functions with no device and no kiosk import (``kiosk.identity`` re-uses the number
rule from here). Messages are for the resident; ``Problem.code`` is for code and logs.

- GB 11643-1999 citizen numbers: 18 characters, a GB/T 2260 province prefix, a birth date
  that exists and is not in the future, and the MOD 11-2 check character.
- 港澳台居民居住证 numbers: the same form with the address code 810000 / 820000 / 830000.
- 外国人永久居留身份证 (2023, 'Y'): 18 characters starting with 9, same check character.
  (2017, 'I'): 15 characters, 3 letters and 12 digits; no public check rule.
- Validity: a card whose end date has passed is refused, the date in words; 长期 never
  expires.
"""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass

from devices.idcard import codes
from devices.idcard.model import IdCard

_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_CHECK = "10X98765432"
EARLIEST_BIRTH_YEAR = 1880


def gb11643_check_char(first17: str) -> str:
    """The MOD 11-2 check character of GB 11643 for the first 17 digits."""
    if len(first17) != 17 or not first17.isascii() or not first17.isdigit():
        raise ValueError("need exactly 17 digits")
    total = sum(int(d) * w for d, w in zip(first17, _WEIGHTS, strict=True))
    return _CHECK[total % 11]


@dataclass(frozen=True)
class Problem:
    code: str
    message: str


def _digits17(n: str) -> bool:
    return len(n) == 18 and n[:17].isascii() and n[:17].isdigit() and n[17] in "0123456789X"


def _birth_in_number(n: str, noun: str, today: _dt.date) -> Problem | None:
    try:
        birth = _dt.date(int(n[6:10]), int(n[10:12]), int(n[12:14]))
    except ValueError:
        return Problem("number_birth_impossible", f"{noun}中的出生日期不存在")
    if birth > today or birth.year < EARLIEST_BIRTH_YEAR:
        return Problem("number_birth_out_of_range", f"{noun}中的出生日期不正确")
    return None


def _check_char(n: str, noun: str) -> Problem | None:
    if gb11643_check_char(n[:17]) != n[17]:
        return Problem("number_check_char", f"{noun}校验位不正确，请核对")
    return None


def citizen_number_problem(number: str, today: _dt.date | None = None) -> Problem | None:
    """GB 11643 rules for a resident card's 公民身份号码."""
    n = number.strip().upper()
    noun = "身份证号码"
    if len(n) != 18:
        return Problem("number_length", f"{noun}应为18位")
    if not _digits17(n):
        return Problem("number_format", f"{noun}前17位应为数字，最后一位为数字或X")
    if n[:2] not in codes.PROVINCES:
        return Problem("number_region", f"{noun}的地区代码不正确")
    return (_birth_in_number(n, noun, today or _dt.date.today())
            or _check_char(n, noun))


def permit_number_problem(number: str, today: _dt.date | None = None) -> Problem | None:
    """港澳台居民居住证: GB 11643 form with address code 810000, 820000 or 830000."""
    n = number.strip().upper()
    noun = "居住证号码"
    if not _digits17(n):
        return Problem("number_format", f"{noun}应为18位，前17位为数字，最后一位为数字或X")
    if n[:6] not in codes.PERMIT_REGIONS:
        return Problem("number_region", f"{noun}应以810000、820000或830000开头")
    return (_birth_in_number(n, noun, today or _dt.date.today())
            or _check_char(n, noun))


def foreign_2023_number_problem(number: str) -> Problem | None:
    """2023 外国人永久居留身份证: 18 characters, first 9, GB 11643 check character."""
    n = number.strip().upper()
    noun = "永久居留身份证号码"
    if not _digits17(n) or n[0] != "9":
        return Problem("number_format", f"{noun}应为以9开头的18位号码")
    return _check_char(n, noun)


def foreign_2017_number_problem(number: str) -> Problem | None:
    """2017 外国人永久居留身份证: 3 letters (nationality) then 12 digits."""
    n = number.strip().upper()
    if not (len(n) == 15 and n[:3].isascii() and n[:3].isalpha()
            and n[3:].isascii() and n[3:].isdigit()):
        return Problem("number_format", "永久居留证号码应为3个字母加12位数字")
    return None


def id_number_problem(number: str, today: _dt.date | None = None) -> str | None:
    """Why ``number`` is not a valid 18-digit citizen number, in Chinese, or None if valid."""
    p = citizen_number_problem(number, today)
    return p.message if p else None


def date_words(d: _dt.date) -> str:
    """2026年3月5日: how a date is said to a resident."""
    return f"{d.year}年{d.month}月{d.day}日"


def expiry_problem(card: IdCard, today: _dt.date) -> Problem | None:
    if card.valid_until is None or card.valid_until >= today:
        return None
    noun = "身份证" if card.card_type == codes.RESIDENT else codes.kind_name(card.card_type)
    return Problem("expired",
                   f"您的{noun}已于{date_words(card.valid_until)}过期，请先换领新证")


def card_problems(card: IdCard, today: _dt.date) -> list[Problem]:
    """Every reason to refuse ``card`` today, most useful to the resident first."""
    out: list[Problem] = []
    expired = expiry_problem(card, today)
    if expired:
        out.append(expired)
    if card.valid_until is not None and card.valid_until < card.valid_from:
        out.append(Problem("validity_range", "证件有效期不正确（截止日期早于起始日期）"))
    if card.birth_date > today:
        out.append(Problem("birth_in_future", "证件上的出生日期不正确"))
    kind = card.card_type
    number: Problem | None
    if kind in (codes.RESIDENT, codes.SOCIAL_SECURITY):
        number = citizen_number_problem(card.id_number, today)
    elif kind == codes.HK_MO_TW_PERMIT:
        number = permit_number_problem(card.id_number, today)
    elif kind == codes.FOREIGN_PERMANENT_2023:
        number = foreign_2023_number_problem(card.id_number)
    elif kind == codes.FOREIGN_PERMANENT_2017:
        number = foreign_2017_number_problem(card.id_number)
    else:
        number = Problem("unknown_card_type", "无法识别的证件类型")
    if number:
        out.append(number)
    elif kind in (codes.RESIDENT, codes.HK_MO_TW_PERMIT, codes.SOCIAL_SECURITY) and \
            card.id_number[6:14] != f"{card.birth_date:%Y%m%d}":
        out.append(Problem("birth_mismatch", "证件上的出生日期与号码不一致，请重新放置证件"))
    if card.sex_code not in codes.SEX:
        out.append(Problem("bad_sex_code", f"性别代码“{card.sex_code}”无法识别"))
    if kind == codes.RESIDENT and card.nation_code not in codes.NATIONS:
        out.append(Problem("bad_nation_code", f"民族代码“{card.nation_code}”无法识别"))
    return out


def card_problem(card: IdCard, today: _dt.date) -> str | None:
    """The first reason to refuse ``card``, in words for the resident, or None."""
    problems = card_problems(card, today)
    return problems[0].message if problems else None


def age_on(birth: _dt.date, today: _dt.date) -> int:
    """Full years of age on ``today`` (for rules such as 高龄津贴 at 80+)."""
    return today.year - birth.year - ((today.month, today.day) < (birth.month, birth.day))
