"""The 256-byte text block, every layout, built byte by byte from the facts file's tables
(not with the project's own encoder), plus properties over arbitrary bytes."""

from __future__ import annotations

import contextlib
import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from devices.idcard import codes
from devices.idcard.model import IdCard
from devices.idcard.textblock import (
    TextBlockError,
    build_appended_address,
    build_text_block,
    card_kind,
    decode_appended_address,
    parse_text_block,
)
from tests.devices.idcard.conftest import ALL_KINDS, with_check

SPACE = b"\x20\x00"


def block(fields: dict[int, tuple[int, str]], flag: str = " ") -> bytes:
    """256 bytes: {offset: (size, text)} in UCS-2LE padded with 20 00, flag at 248."""
    out = bytearray(SPACE * 128)
    for off, (size, text) in fields.items():
        raw = text.encode("utf-16-le")
        assert len(raw) <= size
        out[off:off + size] = raw + SPACE * ((size - len(raw)) // 2)
    out[248:250] = flag.encode("utf-16-le")
    return bytes(out)


RESIDENT_NO = with_check("11010519491231002")  # GB 11643's own example: ends in X


def resident_block(until: str = "长期", nation: str = "01", sex: str = "1") -> bytes:
    return block({0: (30, "张三"), 30: (2, sex), 32: (4, nation), 36: (16, "19491231"),
                  52: (70, "北京市朝阳区示范路1号"), 122: (36, RESIDENT_NO),
                  158: (30, "北京市公安局朝阳分局"), 188: (16, "20150101"), 204: (16, until)})


def test_resident_card_fields_and_long_term_end_date() -> None:
    raw = resident_block()
    assert raw[204:208] == bytes.fromhex("7F951F67")  # 长期 as seen in a real dump
    card = parse_text_block(raw, photo=b"WL" + bytes(1022))
    assert card.card_type == codes.RESIDENT
    assert (card.name, card.sex, card.nation_code) == ("张三", "男", "01")
    assert codes.nation_name(card.nation_code) == "汉族"
    assert card.birth_date == dt.date(1949, 12, 31)
    assert card.address == "北京市朝阳区示范路1号"
    assert card.id_number == RESIDENT_NO and RESIDENT_NO.endswith("X")
    assert card.issuer == "北京市公安局朝阳分局"
    assert card.valid_from == dt.date(2015, 1, 1) and card.valid_until is None
    assert len(card.photo) == 1024


def test_dated_end_date() -> None:
    assert parse_text_block(resident_block("20350101")).valid_until == dt.date(2035, 1, 1)


def test_appended_address_becomes_the_current_address() -> None:
    appended = build_appended_address("湖北省武汉市江岸区新居委会3号")
    assert len(appended) == 70
    card = parse_text_block(resident_block(), appended_address=decode_appended_address(appended))
    assert card.address == "北京市朝阳区示范路1号"
    assert card.current_address == "湖北省武汉市江岸区新居委会3号"
    assert parse_text_block(resident_block()).current_address == card.address


def test_several_appended_addresses_give_the_latest() -> None:
    data = (build_appended_address("旧址1号") + build_appended_address("新址2号")
            + build_appended_address(""))
    assert decode_appended_address(data) == "新址2号"
    assert decode_appended_address(b"") == ""
    assert decode_appended_address(b"\x00\xd8" * 35) == ""  # lone surrogates: nothing usable


def test_hk_mo_tw_permit() -> None:
    number = with_check("82000019880808001")
    raw = block({0: (30, "何嘉欣"), 30: (2, "2"), 36: (16, "19880808"),
                 52: (70, "广东省珠海市香洲区示范路8号"), 122: (36, number),
                 158: (30, "珠海市公安局"), 188: (16, "20200101"), 204: (16, "20250101"),
                 220: (18, "M12345678"), 238: (4, "03")}, flag="J")
    card = parse_text_block(raw)
    assert card.card_type == codes.HK_MO_TW_PERMIT
    assert (card.name, card.sex, card.id_number) == ("何嘉欣", "女", number)
    assert (card.pass_number, card.issue_count) == ("M12345678", "03")
    assert card.nation_code == ""
    assert card.valid_until == dt.date(2025, 1, 1)


def test_foreign_permanent_residence_card_2017() -> None:
    raw = block({0: (120, "SMITH, JOHN WILLIAM"), 120: (2, "1"), 122: (30, "USA110085020012"),
                 152: (6, "USA"), 158: (30, "史密斯"), 188: (16, "20170701"),
                 204: (16, "20270701"), 220: (16, "19850201"), 236: (4, "01"),
                 240: (8, "1500")}, flag="I")
    card = parse_text_block(raw)
    assert card.card_type == codes.FOREIGN_PERMANENT_2017
    assert (card.name, card.english_name) == ("史密斯", "SMITH, JOHN WILLIAM")
    assert (card.id_number, card.nationality) == ("USA110085020012", "USA")
    assert card.birth_date == dt.date(1985, 2, 1)
    assert (card.card_version, card.authority_code) == ("01", "1500")


def test_foreign_card_without_a_chinese_name_is_named_in_english() -> None:
    raw = block({0: (120, "DOE, JANE"), 120: (2, "2"), 122: (30, "GBR110085020012"),
                 152: (6, "GBR"), 188: (16, "20170701"), 204: (16, "20270701"),
                 220: (16, "19850201")}, flag="I")
    assert parse_text_block(raw).name == "DOE, JANE"


def test_foreign_permanent_residence_card_2023_long_english_name() -> None:
    name = "MUELLER-LUDENSCHEIDT, ANNA KATHARIN ELISE"  # a space falls on character 36
    raw = block({0: (30, "安娜"), 30: (2, "2"), 32: (4, "01"), 36: (16, "19850101"),
                 52: (70, name[:35]), 122: (36, "932682198501010017"), 188: (16, "20231201"),
                 204: (16, "20331201"), 220: (22, name[35:]), 242: (6, "DEU"),
                 250: (6, "123")}, flag="Y")
    card = parse_text_block(raw)
    assert card.card_type == codes.FOREIGN_PERMANENT_2023
    assert card.english_name == name
    assert (card.id_number, card.nationality, card.renewal_count) == \
        ("932682198501010017", "DEU", "01")
    assert card.previous_number_link == "123"


@pytest.mark.parametrize("flag", [" ", "\x00", "Z", "j"])
def test_anything_but_j_i_y_at_248_is_a_resident_card(flag: str) -> None:
    assert card_kind(resident_block()[:248] + flag.encode("utf-16-le") + bytes(6)) == \
        codes.RESIDENT


@pytest.mark.parametrize(("raw", "problem"), [
    (b"", "256字节"),
    (bytes(255), "256字节"),
    (SPACE * 128, "全部为空"),
    (bytes(256), "全部为空"),
    (resident_block()[:122] + SPACE * 18 + resident_block()[158:], "号码为空"),
    (resident_block().replace("19491231".encode("utf-16-le"), "19490230".encode("utf-16-le")),
     "不是存在的日期"),
    (resident_block("2035010X"), "YYYYMMDD"),
    (b"\x00\xd8" + resident_block()[2:], "UCS-2"),
])
def test_broken_blocks_are_typed_errors_with_a_reason(raw: bytes, problem: str) -> None:
    with pytest.raises(TextBlockError) as err:
        parse_text_block(raw)
    assert problem in err.value.problem


@pytest.mark.parametrize("kind", sorted(ALL_KINDS))
def test_builder_and_parser_agree_for_every_kind(kind: str) -> None:
    card = ALL_KINDS[kind]()
    assert parse_text_block(build_text_block(card), photo=card.photo) == card


def test_nation_table_has_all_56_nations_and_the_two_extra_codes() -> None:
    assert len([c for c in codes.NATIONS if int(c) <= 56]) == 56
    assert codes.NATIONS["56"] == "基诺族" and codes.NATIONS["32"] == "仫佬族"
    assert codes.NATIONS["97"] == "其他" and codes.NATIONS["98"] == "外国血统中国籍人士"
    assert codes.nation_short("02") == "蒙古"
    assert (codes.sex_name("1"), codes.sex_name("2"), codes.sex_name("9")) == \
        ("男", "女", "未说明的性别")


# Properties ----------------------------------------------------------------------------


@settings(max_examples=400)
@given(st.binary(min_size=0, max_size=300))
def test_any_bytes_give_a_card_or_a_text_block_error(raw: bytes) -> None:
    try:
        card = parse_text_block(raw)
    except TextBlockError as exc:
        assert exc.problem
        return
    assert isinstance(card, IdCard)


@settings(max_examples=400)
@given(st.binary(min_size=256, max_size=256),
       st.sampled_from([b" \x00", b"J\x00", b"I\x00", b"Y\x00"]))
def test_any_256_bytes_with_any_flag_give_a_card_or_a_text_block_error(raw: bytes,
                                                                       flag: bytes) -> None:
    with contextlib.suppress(TextBlockError):
        parse_text_block(raw[:248] + flag + raw[250:])


def _text(size: int) -> st.SearchStrategy[str]:
    return st.text(st.characters(min_codepoint=0x21, max_codepoint=0xFFFF,
                                 blacklist_categories=("Cs", "Zs", "Cc")),
                   min_size=1, max_size=size // 2)


@settings(max_examples=200)
@given(_text(30), _text(70), _text(30), st.dates(dt.date(1900, 1, 1), dt.date(2030, 1, 1)),
       st.one_of(st.none(), st.dates(dt.date(2000, 1, 1), dt.date(2060, 1, 1))))
def test_any_resident_card_survives_the_round_trip(name: str, address: str, issuer: str,
                                                   birth: dt.date,
                                                   until: dt.date | None) -> None:
    card = IdCard(name=name, id_number=with_check("42010219440105003"), sex_code="2",
                  nation_code="05", birth_date=birth, address=address, issuer=issuer,
                  valid_from=dt.date(2020, 1, 1), valid_until=until)
    assert parse_text_block(build_text_block(card)) == card
