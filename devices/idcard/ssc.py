"""社会保障卡 (social security card) APDUs and record parsing: pure, no I/O.

The public fields sit in the SSSE application, files EF05 (card) and EF06 (holder), one
per record, each record a TLV whose tag is the record number. They are readable without a
PIN. Layout (file, record, length) from the HD reader code cited in IDCARD-READERS.md §10:

    EF05 05 发卡日期 4 (BCD YYYYMMDD)   EF06 08 社会保障号码 18 (ASCII)
    EF05 06 有效期   4 (BCD YYYYMMDD)   EF06 09 姓名 30 (GBK, padded)
    EF05 07 卡号     9 (ASCII)          EF06 0A 性别 1 (ASCII digit)
                                         EF06 0B 民族 1 (BCD)

Kept apart from the PC/SC transport so the byte rules are tested without a reader, and so
a virtual card in the tests can be built from the same table.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from enum import Enum

from devices.idcard import codes
from devices.idcard.model import IdCard

# "sx1.sh." + GBK "社会保障": the SSSE application's DF name.
SSSE_AID = b"sx1.sh." + "社会保障".encode("gbk")
EF_CARD = 0xEF05
EF_HOLDER = 0xEF06

# Resident ID card chip: "get UID" answered with an 8-byte chip serial (IDCARD-READERS §3).
ID_CHIP_UID = bytes.fromhex("0036000008")

SW_OK = 0x9000


class SscFormatError(ValueError):
    """A card answer that does not follow the 社保卡 layout. The message names the field and
    the rule broken, never the field's value."""


class Field(Enum):
    ISSUED = (EF_CARD, 0x05, 4)
    VALID_UNTIL = (EF_CARD, 0x06, 4)
    CARD_NUMBER = (EF_CARD, 0x07, 9)
    SSN = (EF_HOLDER, 0x08, 18)
    NAME = (EF_HOLDER, 0x09, 30)
    SEX = (EF_HOLDER, 0x0A, 1)
    NATION = (EF_HOLDER, 0x0B, 1)

    @property
    def ef(self) -> int:
        return int(self.value[0])

    @property
    def record(self) -> int:
        return int(self.value[1])

    @property
    def length(self) -> int:
        return int(self.value[2])


# In the order a reader asks for them: one SELECT per file.
READ_PLAN: tuple[tuple[int, tuple[Field, ...]], ...] = (
    (EF_CARD, (Field.ISSUED, Field.VALID_UNTIL, Field.CARD_NUMBER)),
    (EF_HOLDER, (Field.SSN, Field.NAME, Field.SEX, Field.NATION)),
)


# APDUs ---------------------------------------------------------------------------------


def select_aid(aid: bytes = SSSE_AID) -> bytes:
    return bytes([0x00, 0xA4, 0x04, 0x00, len(aid)]) + aid


def select_ef(fid: int) -> bytes:
    return bytes([0x00, 0xA4, 0x02, 0x00, 0x02, fid >> 8, fid & 0xFF])


def read_record(record: int, le: int) -> bytes:
    """READ RECORD ``record`` of the current EF (P2=04); Le covers the tag and length too."""
    return bytes([0x00, 0xB2, record, 0x04, le & 0xFF])


def get_response(le: int) -> bytes:
    return bytes([0x00, 0xC0, 0x00, 0x00, le & 0xFF])


def with_le(apdu: bytes, le: int) -> bytes:
    """The same case-2 command with another Le (the answer to SW 6Cxx)."""
    return apdu[:4] + bytes([le & 0xFF])


@dataclass(frozen=True)
class Response:
    data: bytes
    sw: int

    @property
    def ok(self) -> bool:
        return self.sw == SW_OK


def parse_response(raw: bytes) -> Response:
    if len(raw) < 2:
        raise SscFormatError(f"answer of {len(raw)} bytes has no status word")
    return Response(bytes(raw[:-2]), (raw[-2] << 8) | raw[-1])


# Records -------------------------------------------------------------------------------


def record_value(data: bytes, field: Field) -> bytes:
    """The value inside one READ RECORD answer: ``tag len value``, tag = record number."""
    if len(data) < 2:
        raise SscFormatError(f"{field.name}: record of {len(data)} bytes has no tag and length")
    tag, length = data[0], data[1]
    if tag != field.record:
        raise SscFormatError(f"{field.name}: record tag {tag:#04x}, expected {field.record:#04x}")
    if length > len(data) - 2:
        raise SscFormatError(f"{field.name}: record says {length} bytes, holds {len(data) - 2}")
    if length > field.length:
        raise SscFormatError(f"{field.name}: {length} bytes, at most {field.length} allowed")
    return data[2:2 + length]


def encode_record(field: Field, value: bytes) -> bytes:
    """The inverse of ``record_value``, for virtual cards and tests."""
    return bytes([field.record, len(value)]) + value


_PAD = b"\x00\x20\xff"
_CARD_NUMBER = re.compile(r"^[0-9A-Z]{9}$")
_SSN = re.compile(r"^[0-9]{17}[0-9X]$")


def _ascii(value: bytes, field: Field) -> str:
    try:
        return value.rstrip(_PAD).decode("ascii").upper()
    except UnicodeDecodeError:
        raise SscFormatError(f"{field.name}: not ASCII") from None


def _bcd_date(value: bytes, field: Field) -> dt.date:
    digits = value.hex()
    if len(value) != 4 or not digits.isdigit():
        raise SscFormatError(f"{field.name}: not a 4-byte BCD date")
    try:
        return dt.date(int(digits[:4]), int(digits[4:6]), int(digits[6:]))
    except ValueError:
        raise SscFormatError(f"{field.name}: impossible date") from None


def _name(value: bytes) -> str:
    try:
        name = value.rstrip(_PAD).decode("gb18030").strip()
    except UnicodeDecodeError:
        raise SscFormatError("NAME: not GBK text") from None
    if not name or not name.isprintable():
        raise SscFormatError("NAME: empty or holds control characters")
    return name


def _sex(value: bytes) -> str:
    """GB/T 2261.1 code; issuers store it as an ASCII digit, some as a binary byte."""
    if len(value) != 1:
        raise SscFormatError("SEX: expected 1 byte")
    b = value[0]
    if chr(b) in "0129":
        return chr(b)
    if b in (0, 1, 2, 9):
        return str(b)
    raise SscFormatError("SEX: not a GB/T 2261.1 code")


def _nation(value: bytes) -> str:
    """GB 3304 code stored as one BCD byte (01 汉族 … 56, 97, 98)."""
    digits = value.hex()
    if len(value) != 1 or not digits.isdigit():
        raise SscFormatError("NATION: not a BCD byte")
    return digits


@dataclass(frozen=True)
class SocialSecurityCard:
    """The public fields of a 社会保障卡. ``valid_until`` None means no end date on the card."""

    card_number: str
    ssn: str
    name: str
    sex_code: str
    nation_code: str
    issued: dt.date
    valid_until: dt.date | None

    def __repr__(self) -> str:  # personal data never reaches a log through repr()
        return "SocialSecurityCard(card=****, ssn=****)"

    __str__ = __repr__

    def is_expired(self, today: dt.date) -> bool:
        return self.valid_until is not None and self.valid_until < today

    def birth_date(self) -> dt.date:
        """From the social security number, which is the holder's ID number."""
        try:
            return dt.date(int(self.ssn[6:10]), int(self.ssn[10:12]), int(self.ssn[12:14]))
        except ValueError:
            raise SscFormatError("SSN: holds no real birth date") from None

    def to_id_card(self) -> IdCard:
        """The identity the rest of the terminal works with. The card holds no address
        or issuing authority, so those stay empty."""
        return IdCard(name=self.name, id_number=self.ssn, sex_code=self.sex_code,
                      nation_code=self.nation_code, birth_date=self.birth_date(), address="",
                      issuer="", valid_from=self.issued, valid_until=self.valid_until,
                      card_type=codes.SOCIAL_SECURITY)


def _valid_until(value: bytes) -> dt.date | None:
    if value.rstrip(b"\x00\xff") == b"" or value == b"\x99\x99\x12\x31":
        return None
    return _bcd_date(value, Field.VALID_UNTIL)


def parse_card(values: dict[Field, bytes]) -> SocialSecurityCard:
    """Builds the card from the record values, raising SscFormatError on any broken rule."""
    missing = [f.name for f in Field if f not in values]
    if missing:
        raise SscFormatError(f"records missing: {', '.join(missing)}")
    card_number = _ascii(values[Field.CARD_NUMBER], Field.CARD_NUMBER)
    if not _CARD_NUMBER.match(card_number):
        raise SscFormatError("CARD_NUMBER: expected 9 letters or digits")
    ssn = _ascii(values[Field.SSN], Field.SSN)
    if not _SSN.match(ssn):
        raise SscFormatError("SSN: expected 17 digits and a digit or X")
    card = SocialSecurityCard(
        card_number=card_number, ssn=ssn, name=_name(values[Field.NAME]),
        sex_code=_sex(values[Field.SEX]), nation_code=_nation(values[Field.NATION]),
        issued=_bcd_date(values[Field.ISSUED], Field.ISSUED),
        valid_until=_valid_until(values[Field.VALID_UNTIL]))
    card.birth_date()
    return card


def encode_card(card: SocialSecurityCard) -> dict[Field, bytes]:
    """Record values for a card, as an issuer writes them (for virtual cards and tests)."""
    def bcd(d: dt.date | None) -> bytes:
        return bytes.fromhex("99991231" if d is None else d.strftime("%Y%m%d"))

    return {
        Field.ISSUED: bcd(card.issued),
        Field.VALID_UNTIL: bcd(card.valid_until),
        Field.CARD_NUMBER: card.card_number.encode("ascii"),
        Field.SSN: card.ssn.encode("ascii"),
        Field.NAME: card.name.encode("gb18030").ljust(Field.NAME.length, b"\x00"),
        Field.SEX: card.sex_code.encode("ascii"),
        Field.NATION: bytes.fromhex(card.nation_code),
    }
