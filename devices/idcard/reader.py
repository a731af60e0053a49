"""The CardReader interface and its status values.

Status is data, not exceptions (after VxSuite's card interfaces): the UI switches on
``NoCard`` / ``CardRead`` / ``CardError`` / ``ReaderError`` and renders each directly.
``reason`` (optional) is a stable machine code such as ``card_pulled`` or ``no_reader``
(see ``devices.idcard.errors``).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Protocol, runtime_checkable

from devices.idcard.model import IdCard
from devices.idcard.ssc import SocialSecurityCard


@dataclass(frozen=True)
class NoCard:
    """The reader works and no card is present."""


@dataclass(frozen=True)
class CardRead:
    card: IdCard


@dataclass(frozen=True)
class CardError:
    """A card is there but could not be read (torn read, unreadable chip, wrong card kind)."""

    detail: str
    resident_message: str = "读卡失败，请取出身份证后重新放置"
    reason: str = ""


@dataclass(frozen=True)
class ReaderError:
    """The reader itself is missing or failing; a technician is needed."""

    detail: str
    resident_message: str = "读卡器暂时无法使用，请联系工作人员"
    reason: str = ""


@dataclass(frozen=True)
class SocialCardRead(CardRead):
    """A 社会保障卡 read over PC/SC: ``card`` is its identity in the common model (no
    address), ``social`` keeps what only this card has (card number, issue date)."""

    social: SocialSecurityCard


@dataclass(frozen=True)
class IdChipOnly(CardError):
    """A resident ID card on a plain PC/SC contactless reader: only the chip UID can be
    read; name, number and photo are released to a 公安部 SAM reader alone."""

    uid: bytes = field(default=b"", repr=False)


CardStatus = NoCard | CardRead | CardError | ReaderError


@runtime_checkable
class CardReader(Protocol):
    def status(self) -> CardStatus:
        """Polls the reader once; must return within about a second and never raise."""
        ...

    def close(self) -> None: ...
