"""Rules about resident identity numbers and how they may be shown.

Pure functions: the ID checksum and masking rules are tested without any device, and the
same masking is used on paper, on screen and in anything a technician can read.
"""

from __future__ import annotations

from devices.idcard.validation import gb11643_check_char, id_number_problem

# The number rule lives with the card readers (devices may not import kiosk); the core
# re-uses it from there so both always agree.
__all__ = ["gb11643_check_char", "id_number_problem", "mask_id_number", "mask_name",
           "mask_phone"]


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
