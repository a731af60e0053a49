"""Fixtures for the ID-card driver tests: sample cards of every kind, the SAM simulator on a
pseudo-terminal, and readers built from URIs exactly as the terminal builds them."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator

import pytest

from devices.idcard import codes
from devices.idcard.model import IdCard
from devices.idcard.session import SamReader
from devices.idcard.uri import open_reader
from devices.idcard.validation import gb11643_check_char
from tests.devices.idcard.simulator import PtySimulator, SamModule, SimCard


def with_check(first17: str) -> str:
    return first17 + gb11643_check_char(first17)


def resident_card(**changes: object) -> IdCard:
    from dataclasses import replace

    card = IdCard(name="王建国", id_number=with_check("42010219440105003"), sex_code="1",
                  nation_code="01", birth_date=dt.date(1944, 1, 5),
                  address="湖北省武汉市江岸区示范街道示范社区12号", issuer="武汉市公安局江岸分局",
                  valid_from=dt.date(2015, 1, 1), valid_until=None)
    return replace(card, **changes)  # type: ignore[arg-type]


def permit_card() -> IdCard:
    return IdCard(name="陈美玲", id_number=with_check("81000019900215002"), sex_code="2",
                  nation_code="", birth_date=dt.date(1990, 2, 15),
                  address="广东省深圳市福田区示范路1号", issuer="深圳市公安局",
                  valid_from=dt.date(2022, 3, 1), valid_until=dt.date(2027, 3, 1),
                  card_type=codes.HK_MO_TW_PERMIT, pass_number="H12345678", issue_count="02")


def foreign_2017_card() -> IdCard:
    return IdCard(name="约翰", id_number="USA310085020012", sex_code="1", nation_code="",
                  birth_date=dt.date(1985, 2, 1), address="", issuer="",
                  valid_from=dt.date(2018, 6, 1), valid_until=dt.date(2028, 6, 1),
                  card_type=codes.FOREIGN_PERMANENT_2017, english_name="SMITH, JOHN",
                  nationality="USA", card_version="01", authority_code="1500")


def foreign_2023_card() -> IdCard:
    return IdCard(name="安娜", id_number="932682198501010017", sex_code="2", nation_code="",
                  birth_date=dt.date(1985, 1, 1), address="", issuer="",
                  valid_from=dt.date(2023, 12, 1), valid_until=dt.date(2033, 12, 1),
                  card_type=codes.FOREIGN_PERMANENT_2023,
                  english_name="MUELLER-LUDENSCHEIDT, ANNA KATHARIN ELISE",
                  nationality="DEU", renewal_count="01", previous_number_link="123")


ALL_KINDS: dict[str, Callable[[], IdCard]] = {
    codes.RESIDENT: resident_card,
    codes.HK_MO_TW_PERMIT: permit_card,
    codes.FOREIGN_PERMANENT_2017: foreign_2017_card,
    codes.FOREIGN_PERMANENT_2023: foreign_2023_card,
}


@pytest.fixture
def module() -> SamModule:
    return SamModule(SimCard.of(resident_card()))


@pytest.fixture
def sim(module: SamModule) -> Iterator[PtySimulator]:
    with PtySimulator(module) as s:
        yield s


@pytest.fixture
def make_reader(sim: PtySimulator) -> Iterator[Callable[..., SamReader]]:
    """``make_reader("?fp=1")``: a sam-serial reader on the simulator's pty, closed after."""
    made: list[SamReader] = []

    def make(options: str = "") -> SamReader:
        reader = open_reader(f"sam-serial:{sim.path}{options}")
        made.append(reader)
        return reader

    yield make
    for r in made:
        r.close()
