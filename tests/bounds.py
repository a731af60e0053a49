"""The longest value every catalog field and applicant field allows, and one more.

Derived from the catalog's field schemas (and the contract's applicant bounds), so a field
added to the catalog is covered without editing a test: a field whose format this module
does not know how to fill at full length fails loudly instead of being skipped.
"""

from __future__ import annotations

from typing import Any

from kiosk.cases import Applicant
from kiosk.catalog.model import Catalog, FieldDef
from sync import protocol
from tests.conftest import make_id

# A valid value of exactly the field's maxLength, for fields with a format of their own.
_FORMATTED: dict[str, str] = {
    "id_number": make_id("42010219441105002"),
    "mobile": "13800138000",
    "region_code": "420102001001",
    "past_date": "2000-01-01",
    "date": "2000-01-01",
}
_PATTERNED: dict[str, str] = {
    "^[0-9]{2}$": "01",
    "^[A-Z]?[0-9]{9,12}$": "A" + "1" * 12,
    "^[0-9]{17}[0-9X][1-7][1-4]$": make_id("42010219441105002") + "11",
}


def _bank_card(length: int) -> str:
    from kiosk.forms.validators import luhn_ok

    prefix = "622202" + "0" * (length - 7)
    return next(prefix + d for d in "0123456789" if luhn_ok(prefix + d))


def longest(f: FieldDef) -> Any:
    """A value the field accepts at its upper bound: maxLength characters, or its maximum."""
    s = f.schema
    if s["type"] == "boolean":
        return True
    if s["type"] in ("integer", "number"):
        return s["maximum"]
    top = s["maxLength"]
    if "enum" in s:
        value = max(s["enum"], key=len)
    elif f.check == "bank_card":
        value = _bank_card(top)
    elif f.check in _FORMATTED:
        value = _FORMATTED[f.check]
    elif "pattern" in s:
        value = _PATTERNED[s["pattern"]]
    else:
        value = "字" * top
    if "enum" not in s:
        assert len(value) == top, f"{f.id}: no valid value of its maxLength {top} is known"
    return value


def one_more(f: FieldDef) -> Any:
    """Just past the field's bound: a character more, or one above its maximum."""
    s = f.schema
    if s["type"] in ("integer", "number"):
        return s["maximum"] + 1
    value = longest(f)
    return value + ("1" if value[-1:].isdigit() else "字")


def bounded_fields(catalog: Catalog) -> list[FieldDef]:
    return [f for f in catalog.fields.values() if f.schema["type"] != "boolean"]


def longest_applicant() -> Applicant:
    """A resident at every applicant bound of the contract."""
    return Applicant(name="王" * protocol.NAME_MAX, id_number=make_id("42010219441105002"),
                     sex="未说明", nation_code="01", birth_date="1944-11-05",
                     address="址" * protocol.ADDRESS_MAX, phone="1" * protocol.PHONE_MAX)


# (field, a value one past its bound) for the applicant record.
APPLICANT_OVER: list[tuple[str, str]] = [
    ("name", "王" * (protocol.NAME_MAX + 1)),
    ("address", "址" * (protocol.ADDRESS_MAX + 1)),
    ("phone", "1" * (protocol.PHONE_MAX + 1)),
    ("nation_code", "011"),
    ("birth_date", "1944-11-055"),
    ("sex", "男性"),
    ("id_number", make_id("42010219441105002") + "1"),
]
