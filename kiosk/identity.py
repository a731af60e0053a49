"""Rules about resident identity numbers and how they may be shown.

Pure functions: the ID checksum and masking rules are tested without any device, and the
same masking is used on paper, on screen and in anything a technician can read.

Every card kind the reader accepts can apply (居民身份证, 港澳台居民居住证, both 外国人永久
居留身份证 forms, 社保卡), so a number is always checked by the rule of its own kind. The
rules live with the card readers (devices may not import kiosk) and the forms with the
contract (``sync.protocol``); this module joins the two so the reader, the forms, the
terminal's store and the platform agree.
"""

from __future__ import annotations

import datetime as dt

from devices.idcard import codes
from devices.idcard.validation import (
    citizen_number_problem,
    foreign_2017_number_problem,
    foreign_2023_number_problem,
    gb11643_check_char,
    permit_number_problem,
)
from sync.protocol import card_kind_of

__all__ = ["CARD_KINDS", "card_kind_of", "gb11643_check_char", "id_label", "id_number_problem",
           "mask_id_number", "mask_name", "mask_phone", "normalize_id_number"]

CARD_KINDS = (codes.RESIDENT, codes.HK_MO_TW_PERMIT, codes.FOREIGN_PERMANENT_2017,
              codes.FOREIGN_PERMANENT_2023, codes.SOCIAL_SECURITY)
_ID_LABELS = {
    codes.RESIDENT: "身份证号", codes.SOCIAL_SECURITY: "身份证号",
    codes.HK_MO_TW_PERMIT: "居住证号码",
    codes.FOREIGN_PERMANENT_2017: "永久居留证号码", codes.FOREIGN_PERMANENT_2023: "永久居留证号码",
}


def normalize_id_number(number: str) -> str:
    """The one spelling stored, hashed for lookups and sent: no spaces, capital X / letters.
    A number typed with a small x must find the cases its card made."""
    return number.strip().upper()


def id_number_problem(number: str, today: dt.date | None = None,
                      card_kind: str | None = None) -> str | None:
    """Why ``number`` is not a valid number of ``card_kind``, in Chinese, or None if valid.

    Without a kind (a number typed into a form, e.g. a spouse's), the kind its form implies:
    an 81/82/83 number is checked as a 居住证, a 9… or letter number as a 永久居留证, any other
    as a GB 11643 citizen number. Messages never contain the number.
    """
    n = normalize_id_number(number)
    kind = card_kind or card_kind_of(n)
    if kind in (codes.RESIDENT, codes.SOCIAL_SECURITY):
        p = citizen_number_problem(n, today)
    elif kind == codes.HK_MO_TW_PERMIT:
        p = permit_number_problem(n, today)
    elif kind == codes.FOREIGN_PERMANENT_2023:
        p = foreign_2023_number_problem(n)
    elif kind == codes.FOREIGN_PERMANENT_2017:
        p = foreign_2017_number_problem(n)
    else:
        return "无法识别的证件类型"
    return p.message if p else None


def id_label(card_kind: str) -> str:
    """What the number is called on a receipt or screen: 身份证号, 居住证号码 …"""
    return _ID_LABELS.get(card_kind, "证件号码")


def mask_id_number(number: str) -> str:
    """4201**********1234: enough to recognise one's own receipt, not enough to misuse.

    A 2017 永久居留证 number (3 letters, 12 digits) keeps its nationality letters and the
    last four: USA********0012 hides the authority code and birth date as the 18-character
    form hides region detail and birth date.
    """
    n = number.strip()
    if len(n) <= 8:
        return "*" * len(n)
    head = 3 if len(n) == 15 and n[:3].isalpha() else 4
    return n[:head] + "*" * (len(n) - head - 4) + n[-4:]


_NAME_STARS = 5


def mask_name(name: str) -> str:
    """张三 → 张*, 欧阳娜娜 → 欧***: keep only the first character. At most five stars: a
    long foreign name would otherwise fill a receipt line and tell its length."""
    n = name.strip()
    if not n:
        return ""
    return n[0] + "*" * min(len(n) - 1, _NAME_STARS)


def mask_phone(phone: str) -> str:
    p = phone.strip()
    if len(p) < 7:
        return "*" * len(p)
    return p[:3] + "*" * (len(p) - 7) + p[-4:]
