"""Rules about resident identity numbers and how they may be shown.

Pure functions: the ID checksum and masking rules are tested without any device, and the
same masking is used on paper, on screen and in anything a technician can read.
"""

from __future__ import annotations

import datetime as _dt

_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_CHECK = "10X98765432"


def gb11643_check_char(first17: str) -> str:
    """The MOD 11-2 check character of GB 11643 for the first 17 digits."""
    if len(first17) != 17 or not first17.isdigit():
        raise ValueError("need exactly 17 digits")
    total = sum(int(d) * w for d, w in zip(first17, _WEIGHTS, strict=True))
    return _CHECK[total % 11]


def id_number_problem(number: str, today: _dt.date | None = None) -> str | None:
    """Why ``number`` is not a valid 18-digit citizen number, in Chinese, or None if valid."""
    n = number.strip().upper()
    if len(n) != 18:
        return "身份证号码应为18位"
    if not n[:17].isdigit() or not (n[17].isdigit() or n[17] == "X"):
        return "身份证号码前17位应为数字，最后一位为数字或X"
    if n[:2] in ("00",) or n[0] == "0":
        return "身份证号码的地区代码不正确"
    try:
        birth = _dt.date(int(n[6:10]), int(n[10:12]), int(n[12:14]))
    except ValueError:
        return "身份证号码中的出生日期不存在"
    if birth > (today or _dt.date.today()) or birth.year < 1880:
        return "身份证号码中的出生日期不正确"
    if gb11643_check_char(n[:17]) != n[17]:
        return "身份证号码校验位不正确，请核对"
    return None


def mask_id_number(number: str) -> str:
    """4201**********1234: enough to recognise one's own receipt, not enough to misuse."""
    n = number.strip()
    if len(n) <= 8:
        return "*" * len(n)
    return n[:4] + "*" * (len(n) - 8) + n[-4:]


def mask_name(name: str) -> str:
    """张三 → 张*, 欧阳娜娜 → 欧***: keep only the first character."""
    n = name.strip()
    if not n:
        return ""
    return n[0] + "*" * (len(n) - 1)


def mask_phone(phone: str) -> str:
    p = phone.strip()
    if len(p) < 7:
        return "*" * len(p)
    return p[:3] + "*" * (len(p) - 7) + p[-4:]
