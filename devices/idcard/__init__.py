"""Resident ID card readers: the CardReader interface, the card data model, drivers."""

from devices.idcard.model import IdCard
from devices.idcard.reader import (
    CardError,
    CardRead,
    CardReader,
    CardStatus,
    NoCard,
    ReaderError,
)

__all__ = ["CardError", "CardRead", "CardReader", "CardStatus", "IdCard", "NoCard", "ReaderError"]
