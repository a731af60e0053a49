"""The CardReader interface and its status values.

Status is data, not exceptions (after VxSuite's card interfaces): the UI switches on
``NoCard`` / ``CardRead`` / ``CardError`` / ``ReaderError`` and renders each directly.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol, runtime_checkable

from devices.idcard.model import IdCard


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


@dataclass(frozen=True)
class ReaderError:
    """The reader itself is missing or failing; a technician is needed."""

    detail: str
    resident_message: str = "读卡器暂时无法使用，请联系工作人员"


CardStatus = NoCard | CardRead | CardError | ReaderError


@runtime_checkable
class CardReader(Protocol):
    def status(self) -> CardStatus:
        """Polls the reader once; must return within about a second and never raise."""
        ...

    def close(self) -> None: ...
