"""The 256-byte text block of the resident ID card and its relatives: parse and build.

Every field is UCS-2LE padded with spaces (``20 00``). The character at offset 248 names
the layout: ``J`` 港澳台居民居住证, ``I`` 外国人永久居留身份证 (2017), ``Y`` 外国人永久居留身份证
(2023); anything else is a resident card (whose byte 248 is a space). Layouts and sources:
../shared/IDCARD-READERS.md §2.

``parse_text_block`` returns an ``IdCard`` or raises ``TextBlockError`` (with a sentence
for the technician in ``problem``), never another exception, whatever the bytes. It only
decodes; whether the card may be accepted is ``devices.idcard.validation``'s business.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from devices.idcard import codes
from devices.idcard.model import IdCard

TEXT_BLOCK_SIZE = 256
APPENDED_ADDRESS_SIZE = 70
LONG_TERM = "长期"  # end date of a long-term card, bytes 7F 95 1F 67
FLAG_OFFSET = 248


class TextBlockError(Exception):
    """The bytes are not a text block this parser can read; ``problem`` says why."""

    def __init__(self, problem: str, field: str = "") -> None:
        super().__init__(problem)
        self.problem = problem
        self.field = field


@dataclass(frozen=True)
class _F:
    name: str  # the IdCard field (or a helper key)
    offset: int
    size: int
    label: str  # what a technician calls it


_RESIDENT = (
    _F("name", 0, 30, "姓名"),
    _F("sex_code", 30, 2, "性别"),
    _F("nation_code", 32, 4, "民族"),
    _F("birth_date", 36, 16, "出生日期"),
    _F("address", 52, 70, "住址"),
    _F("id_number", 122, 36, "公民身份号码"),
    _F("issuer", 158, 30, "签发机关"),
    _F("valid_from", 188, 16, "有效期起始日期"),
    _F("valid_until", 204, 16, "有效期截止日期"),
)
_PERMIT = (
    _F("name", 0, 30, "姓名"),
    _F("sex_code", 30, 2, "性别"),
    _F("birth_date", 36, 16, "出生日期"),
    _F("address", 52, 70, "住址"),
    _F("id_number", 122, 36, "公民身份号码"),
    _F("issuer", 158, 30, "签发机关"),
    _F("valid_from", 188, 16, "有效期起始日期"),
    _F("valid_until", 204, 16, "有效期截止日期"),
    _F("pass_number", 220, 18, "通行证号码"),
    _F("issue_count", 238, 4, "签发次数"),
)
_FOREIGN_2017 = (
    _F("english_name", 0, 120, "英文姓名"),
    _F("sex_code", 120, 2, "性别"),
    _F("id_number", 122, 30, "永久居留证号码"),
    _F("nationality", 152, 6, "国籍或所在地区代码"),
    _F("name", 158, 30, "中文姓名"),
    _F("valid_from", 188, 16, "证件签发日期"),
    _F("valid_until", 204, 16, "证件终止日期"),
    _F("birth_date", 220, 16, "出生日期"),
    _F("card_version", 236, 4, "证件版本号"),
    _F("authority_code", 240, 8, "当次申请受理机关代码"),
)
_FOREIGN_2023 = (
    _F("name", 0, 30, "中文姓名"),
    _F("sex_code", 30, 2, "性别"),
    _F("renewal_count", 32, 4, "换证次数"),
    _F("birth_date", 36, 16, "出生日期"),
    _F("english_name_1", 52, 70, "英文姓名"),
    _F("id_number", 122, 36, "证件号码"),
    _F("valid_from", 188, 16, "有效期起始日期"),
    _F("valid_until", 204, 16, "有效期截止日期"),
    _F("english_name_2", 220, 22, "英文姓名(续)"),
    _F("nationality", 242, 6, "所属国家和地区代码"),
    _F("previous_number_link", 250, 6, "既往版本证件号码关联项"),
)
LAYOUTS = {
    codes.RESIDENT: _RESIDENT,
    codes.HK_MO_TW_PERMIT: _PERMIT,
    codes.FOREIGN_PERMANENT_2017: _FOREIGN_2017,
    codes.FOREIGN_PERMANENT_2023: _FOREIGN_2023,
}
_DATES = ("birth_date", "valid_from", "valid_until")
_PAD = " \x00"


def _decode(raw: bytes, label: str) -> str:
    try:
        text = raw.decode("utf-16-le")
    except UnicodeDecodeError:
        raise TextBlockError(f"{label}不是有效的UCS-2文字（读卡器数据损坏？）", label) from None
    return text


def _date(text: str, f: _F) -> dt.date | None:
    if text == LONG_TERM and f.name == "valid_until":
        return None
    if len(text) != 8 or not text.isascii() or not text.isdigit():
        raise TextBlockError(f"{f.label}“{text}”不是YYYYMMDD格式的日期", f.label)
    try:
        return dt.date(int(text[:4]), int(text[4:6]), int(text[6:]))
    except ValueError:
        raise TextBlockError(f"{f.label}{text}不是存在的日期", f.label) from None


def card_kind(block: bytes) -> str:
    """The layout named by the flag at offset 248 (a resident card for anything else)."""
    flag = bytes(block[FLAG_OFFSET:FLAG_OFFSET + 2])
    if len(flag) == 2 and flag[1] == 0:
        return codes.FLAG_KIND.get(chr(flag[0]), codes.RESIDENT)
    return codes.RESIDENT


def parse_text_block(block: bytes, photo: bytes = b"", fingerprint: bytes = b"",
                     appended_address: str = "") -> IdCard:
    """Decodes one text block into the shared card model; raises only TextBlockError."""
    block = bytes(block)
    if len(block) != TEXT_BLOCK_SIZE:
        raise TextBlockError(f"文字信息应为{TEXT_BLOCK_SIZE}字节，收到{len(block)}字节")
    kind = card_kind(block)
    raw: dict[str, str] = {}
    for f in LAYOUTS[kind]:
        raw[f.name] = _decode(block[f.offset:f.offset + f.size], f.label)
    if not any(v.strip(_PAD) for v in raw.values()):
        raise TextBlockError("文字信息全部为空（读卡器没有读到证件内容）")
    if kind == codes.FOREIGN_PERMANENT_2023:
        # Characters 1–35 then 36–46: join before trimming, or a long name loses a space.
        raw["english_name"] = raw.pop("english_name_1") + raw.pop("english_name_2")
    text = {k: v.strip(_PAD) for k, v in raw.items() if k not in _DATES}
    if not text.get("name"):
        text["name"] = text.get("english_name", "")
    if not text["name"]:
        raise TextBlockError("姓名为空（不是有效的证件文字信息）", "姓名")
    if not text["id_number"]:
        raise TextBlockError("证件号码为空（不是有效的证件文字信息）", "证件号码")
    dates = {f.name: _date(raw[f.name].strip(_PAD), f) for f in LAYOUTS[kind]
             if f.name in _DATES}
    birth, start = dates["birth_date"], dates["valid_from"]
    if birth is None or start is None:  # only valid_until may be 长期
        raise TextBlockError("日期不能为“长期”", "日期")
    return IdCard(
        name=text["name"],
        id_number=text["id_number"].upper(),
        sex_code=text["sex_code"],
        nation_code=text.get("nation_code", ""),
        birth_date=birth,
        address=text.get("address", ""),
        issuer=text.get("issuer", ""),
        valid_from=start,
        valid_until=dates["valid_until"],
        card_type=kind,
        photo=bytes(photo),
        english_name=text.get("english_name", ""),
        nationality=text.get("nationality", ""),
        pass_number=text.get("pass_number", ""),
        issue_count=text.get("issue_count", ""),
        renewal_count=text.get("renewal_count", ""),
        card_version=text.get("card_version", ""),
        authority_code=text.get("authority_code", ""),
        previous_number_link=text.get("previous_number_link", ""),
        appended_address=appended_address,
        fingerprint=bytes(fingerprint),
    )


def decode_appended_address(data: bytes) -> str:
    """The 30 03 answer data (70 bytes UCS-2LE; 70×n is read as n addresses, the last
    non-blank one being the current). Undecodable data gives ''. Never raises."""
    data = bytes(data)
    latest = ""
    for i in range(0, len(data) - len(data) % 2, APPENDED_ADDRESS_SIZE):
        chunk = data[i:i + APPENDED_ADDRESS_SIZE]
        chunk = chunk[:len(chunk) - len(chunk) % 2]
        try:
            text = chunk.decode("utf-16-le").strip(_PAD)
        except UnicodeDecodeError:
            continue
        if text:
            latest = text
    return latest


# Building (simulators, tests, dumps) ------------------------------------------------------


def _encode(text: str, size: int, label: str) -> bytes:
    raw = text.encode("utf-16-le")
    if len(raw) > size:
        raise ValueError(f"{label}: {len(text)} characters do not fit in {size} bytes")
    return raw + " ".encode("utf-16-le") * ((size - len(raw)) // 2)


def build_text_block(card: IdCard) -> bytes:
    """The 256 bytes a card of ``card.card_type`` holds for ``card`` (ValueError if a field
    is too long)."""
    if card.card_type not in LAYOUTS:
        raise ValueError(f"unknown card_type {card.card_type!r}")
    block = bytearray(_encode("", TEXT_BLOCK_SIZE, "block"))
    values: dict[str, str] = {
        "name": card.name, "sex_code": card.sex_code, "nation_code": card.nation_code,
        "birth_date": f"{card.birth_date:%Y%m%d}", "address": card.address,
        "id_number": card.id_number, "issuer": card.issuer,
        "valid_from": f"{card.valid_from:%Y%m%d}",
        "valid_until": LONG_TERM if card.valid_until is None else f"{card.valid_until:%Y%m%d}",
        "english_name": card.english_name, "nationality": card.nationality,
        "pass_number": card.pass_number, "issue_count": card.issue_count,
        "renewal_count": card.renewal_count, "card_version": card.card_version,
        "authority_code": card.authority_code,
        "previous_number_link": card.previous_number_link,
    }
    if card.card_type == codes.FOREIGN_PERMANENT_2023:
        values["english_name_1"] = card.english_name[:35]
        values["english_name_2"] = card.english_name[35:]
    if (card.card_type in (codes.FOREIGN_PERMANENT_2017, codes.FOREIGN_PERMANENT_2023)
            and card.name == card.english_name):  # no Chinese name: the parser fell back
        values["name"] = ""
    for f in LAYOUTS[card.card_type]:
        block[f.offset:f.offset + f.size] = _encode(values[f.name], f.size, f.label)
    flag = codes.KIND_FLAG.get(card.card_type)
    if flag:
        block[FLAG_OFFSET:FLAG_OFFSET + 2] = flag.encode("utf-16-le")
    return bytes(block)


def build_appended_address(address: str) -> bytes:
    return _encode(address, APPENDED_ADDRESS_SIZE, "追加住址")
