"""The card data model shared by every reader back-end (mock, SAM readers, PC/SC)."""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass, field
from typing import Any

SEX_NAMES = {"0": "未知", "1": "男", "2": "女", "9": "未说明"}


@dataclass(frozen=True)
class IdCard:
    """What a second-generation resident ID card's text block holds.

    ``valid_until`` is None for a long-term (长期) card. ``photo`` is the raw photo bytes
    (WLT on real cards); the core never needs to decode it.

    The same record carries the residence permits and foreigner cards (``card_type``, see
    ``devices.idcard.codes``); the fields after ``photo`` are empty where a kind has none:
    港澳台居民居住证 — ``pass_number``, ``issue_count``; 外国人永久居留身份证 —
    ``english_name``, ``nationality`` (GB/T 2659 letters), ``card_version`` and
    ``authority_code`` (2017), ``renewal_count`` and ``previous_number_link`` (2023).
    ``appended_address`` is the latest 追加住址 (the current address when present).
    """

    name: str
    id_number: str
    sex_code: str
    nation_code: str
    birth_date: dt.date
    address: str
    issuer: str
    valid_from: dt.date
    valid_until: dt.date | None
    card_type: str = "resident"
    photo: bytes = field(default=b"", repr=False)
    english_name: str = ""
    nationality: str = ""
    pass_number: str = ""
    issue_count: str = ""
    renewal_count: str = ""
    card_version: str = ""
    authority_code: str = ""
    previous_number_link: str = ""
    appended_address: str = ""
    fingerprint: bytes = field(default=b"", repr=False)

    def __repr__(self) -> str:  # never let personal data reach a log through repr()
        return f"IdCard(card_type={self.card_type!r}, id=****)"

    __str__ = __repr__

    @property
    def sex(self) -> str:
        return SEX_NAMES.get(self.sex_code, "未知")

    @property
    def current_address(self) -> str:
        """The 追加住址 when the card has one, else the printed address."""
        return self.appended_address or self.address

    def is_expired(self, today: dt.date) -> bool:
        return self.valid_until is not None and self.valid_until < today

    def to_json(self) -> dict[str, Any]:
        d = asdict(self)
        d.pop("photo")
        d.pop("fingerprint")
        for k in ("birth_date", "valid_from", "valid_until"):
            d[k] = d[k].isoformat() if d[k] is not None else None
        return d

    @classmethod
    def from_json(cls, d: dict[str, Any]) -> IdCard:
        """Builds a card from JSON, raising ValueError/KeyError/TypeError on bad input."""
        until = d.get("valid_until")

        def text(key: str) -> str:
            return str(d.get(key) or "")

        return cls(
            name=str(d["name"]),
            id_number=str(d["id_number"]).upper(),
            sex_code=str(d.get("sex_code", "1")),
            nation_code=str(d.get("nation_code", "01")),
            birth_date=dt.date.fromisoformat(str(d["birth_date"])),
            address=str(d.get("address", "")),
            issuer=str(d.get("issuer", "")),
            valid_from=dt.date.fromisoformat(str(d.get("valid_from", "2020-01-01"))),
            valid_until=None if until in (None, "", "长期") else dt.date.fromisoformat(str(until)),
            card_type=str(d.get("card_type", "resident")),
            english_name=text("english_name"),
            nationality=text("nationality"),
            pass_number=text("pass_number"),
            issue_count=text("issue_count"),
            renewal_count=text("renewal_count"),
            card_version=text("card_version"),
            authority_code=text("authority_code"),
            previous_number_link=text("previous_number_link"),
            appended_address=text("appended_address"),
        )
