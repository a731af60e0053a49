"""Checks for what residents most often get wrong, each answering in Chinese or None.

Messages never repeat the value typed (it may be an ID or card number and messages end up
in logs and screenshots); they say what is wrong and how to put it right.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable

from kiosk.i18n import QT_TRANSLATE_NOOP, arg
from kiosk.identity import id_number_problem

_MOBILE = re.compile(r"^1[3-9]\d{9}$")
_REGION = re.compile(r"^\d{12}$")
_PROVINCES = frozenset({
    "11", "12", "13", "14", "15", "21", "22", "23", "31", "32", "33", "34", "35", "36", "37",
    "41", "42", "43", "44", "45", "46", "50", "51", "52", "53", "54", "61", "62", "63", "64",
    "65", "71", "81", "82"})


def luhn_ok(digits: str) -> bool:
    total = 0
    for i, ch in enumerate(reversed(digits)):
        d = int(ch)
        if i % 2 == 1:
            d = d * 2 - 9 if d > 4 else d * 2
        total += d
    return total % 10 == 0


def check_id_number(value: str, today: dt.date | None = None) -> str | None:
    """The idnumber widget's check: the number by the rule of the card kind its form
    implies (kiosk.identity) — a 居住证 (81/82/83…) or 永久居留证 (9…, or 3 letters and 12
    digits) number is checked as one, not refused as a citizen number with a bad region."""
    return id_number_problem(value, today)


def check_mobile(value: str, today: dt.date | None = None) -> str | None:
    v = value.strip().replace(" ", "").replace("-", "")
    if not v.isdigit():
        return QT_TRANSLATE_NOOP("kiosk", "手机号码只能填数字")
    if len(v) != 11:
        return arg(QT_TRANSLATE_NOOP("kiosk", "手机号码应为11位，现在是%1位"), len(v))
    if not _MOBILE.match(v):
        return QT_TRANSLATE_NOOP("kiosk", "手机号码应以13至19开头，请核对")
    return None


def check_bank_card(value: str, today: dt.date | None = None) -> str | None:
    v = value.strip().replace(" ", "")
    if not v.isdigit():
        return QT_TRANSLATE_NOOP("kiosk", "银行卡号只能填数字")
    if not 12 <= len(v) <= 19:
        return QT_TRANSLATE_NOOP("kiosk", "银行卡号一般为12到19位，请核对")
    if not luhn_ok(v):
        return QT_TRANSLATE_NOOP("kiosk", "银行卡号有误（校验不通过），请对照卡面逐位核对")
    return None


def _parse_date(value: str) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value.strip())
    except ValueError:
        return None


def check_date(value: str, today: dt.date | None = None) -> str | None:
    d = _parse_date(value)
    if d is None or not re.fullmatch(r"\d{4}-\d{2}-\d{2}", value.strip()):
        return QT_TRANSLATE_NOOP("kiosk", "日期格式应为“年-月-日”，例如 2026-01-05，且日期必须存在")
    if d.year < 1880:
        return QT_TRANSLATE_NOOP("kiosk", "日期年份不正确")
    return None


def check_past_date(value: str, today: dt.date | None = None) -> str | None:
    problem = check_date(value)
    if problem:
        return problem
    d = _parse_date(value)
    assert d is not None
    if d > (today or dt.date.today()):
        return QT_TRANSLATE_NOOP("kiosk", "日期不能晚于今天")
    return None


def check_region_code(value: str, today: dt.date | None = None) -> str | None:
    v = value.strip()
    if not _REGION.match(v):
        return QT_TRANSLATE_NOOP("kiosk", "行政区划代码应为12位数字")
    if v[:2] not in _PROVINCES:
        return QT_TRANSLATE_NOOP("kiosk", "行政区划代码的省级代码不正确")
    if v[2:4] == "00" and v[4:] != "00000000":
        return QT_TRANSLATE_NOOP("kiosk", "行政区划代码的层级不正确（市级为00时下级也应为0）")
    return None


CHECKS: dict[str, Callable[[str, dt.date | None], str | None]] = {
    "id_number": check_id_number,
    "mobile": check_mobile,
    "bank_card": check_bank_card,
    "date": check_date,
    "past_date": check_past_date,
    "region_code": check_region_code,
}
