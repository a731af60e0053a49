"""The ``pcsc:`` reader through a real pcscd with the vpcd virtual reader and the project's
own virtual cards (insert, read, remove, torn read, garbage answers)."""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from devices import registry
from devices.idcard import ssc
from devices.idcard.pcsc import PcscCardReader
from devices.idcard.reader import (
    CardError,
    CardStatus,
    IdChipOnly,
    NoCard,
    ReaderError,
    SocialCardRead,
)
from tests.devices.pcsc_stack import READER, PcscStack
from tests.devices.vpcd_card import (
    Applet,
    Faults,
    IdChipApplet,
    SocialSecurityApplet,
    VirtualCard,
)

pytestmark = pytest.mark.integration

CARD = ssc.SocialSecurityCard(card_number="A12345678", ssn="42010219441105002X",
                              name="欧阳秀英", sex_code="2", nation_code="03",
                              issued=dt.date(2019, 6, 1), valid_until=dt.date(2029, 6, 1))


@pytest.fixture
def reader(pcsc_stack: PcscStack) -> Iterator[PcscCardReader]:
    r = PcscCardReader(READER)
    yield r
    r.close()


@pytest.fixture
def card_slot(pcsc_stack: PcscStack) -> Iterator[Callable[..., VirtualCard]]:
    """Inserts virtual cards into the reader; each is removed at the end of the test."""
    cards: list[VirtualCard] = []

    def insert(applet: Applet, faults: Faults | None = None) -> VirtualCard:
        vc = VirtualCard(pcsc_stack.port, applet, faults)
        vc.insert()
        cards.append(vc)
        return vc

    yield insert
    for vc in cards:
        vc.remove()
    pcsc_stack.wait_empty()


def wait_for(reader: PcscCardReader, done: Callable[[CardStatus], bool],
             timeout: float = 5.0) -> CardStatus:
    deadline = time.monotonic() + timeout
    while True:
        status = reader.status()
        if done(status) or time.monotonic() > deadline:
            return status
        time.sleep(0.05)


def not_empty(s: CardStatus) -> bool:
    return not isinstance(s, NoCard)


def ssc_applet(**kw: bool) -> SocialSecurityApplet:
    return SocialSecurityApplet(ssc.encode_card(CARD), **kw)


def test_empty_reader_reports_no_card(reader: PcscCardReader) -> None:
    assert reader.status() == NoCard()


def test_social_security_card_public_fields_are_read_without_a_pin(
        reader: PcscCardReader, card_slot: Callable[..., VirtualCard]) -> None:
    vc = card_slot(ssc_applet())
    status = wait_for(reader, not_empty)
    assert isinstance(status, SocialCardRead)
    assert status.social == CARD
    assert (status.card.name, status.card.id_number, status.card.birth_date) == (
        "欧阳秀英", "42010219441105002X", dt.date(1944, 11, 5))
    assert all(apdu[1] != 0x20 for apdu in vc.apdus)  # no VERIFY (PIN) was sent
    assert vc.apdus[0] == ssc.select_aid()


def test_card_left_on_the_reader_is_not_read_again_at_every_poll(
        reader: PcscCardReader, card_slot: Callable[..., VirtualCard]) -> None:
    vc = card_slot(ssc_applet())
    first = wait_for(reader, not_empty)
    sent = len(vc.apdus)
    assert [reader.status() for _ in range(5)] == [first] * 5
    assert len(vc.apdus) == sent


def test_removing_a_held_card_is_seen_and_the_next_card_is_read_afresh(
        reader: PcscCardReader, card_slot: Callable[..., VirtualCard]) -> None:
    vc = card_slot(ssc_applet())
    assert isinstance(wait_for(reader, not_empty), SocialCardRead)
    vc.remove()
    assert wait_for(reader, lambda s: isinstance(s, NoCard)) == NoCard()
    again = card_slot(ssc_applet())
    assert isinstance(wait_for(reader, not_empty), SocialCardRead)
    assert again.apdus and again.apdus[0] == ssc.select_aid()


def test_t0_card_wanting_get_response_and_exact_le_is_read(
        reader: PcscCardReader, card_slot: Callable[..., VirtualCard]) -> None:
    values = ssc.encode_card(CARD)
    values[ssc.Field.NAME] = CARD.name.encode("gbk")  # unpadded: Le differs from the record
    vc = card_slot(SocialSecurityApplet(values, get_response=True, strict_le=True))
    status = wait_for(reader, not_empty)
    assert isinstance(status, SocialCardRead) and status.social == CARD
    assert any(a[1] == 0xC0 for a in vc.apdus)  # GET RESPONSE followed 61xx
    assert ssc.read_record(0x09, 10) in vc.apdus  # Le resent as the card asked (6C0A)


@pytest.mark.parametrize("torn_after", [1, 3, 6, 10])
def test_card_pulled_mid_read_asks_to_insert_again_then_a_new_card_reads(
        reader: PcscCardReader, card_slot: Callable[..., VirtualCard], torn_after: int) -> None:
    card_slot(ssc_applet(), Faults(torn_after=torn_after))
    status = wait_for(reader, not_empty)
    assert isinstance(status, CardError) and status.reason == "card_pulled"
    assert "重新插入" in status.resident_message
    assert wait_for(reader, lambda s: isinstance(s, NoCard)) == NoCard()
    card_slot(ssc_applet())
    assert isinstance(wait_for(reader, not_empty), SocialCardRead)


@pytest.mark.parametrize("seed", range(4))
def test_garbage_answers_give_a_card_error_never_an_exception(
        reader: PcscCardReader, card_slot: Callable[..., VirtualCard], seed: int) -> None:
    card_slot(ssc_applet(), Faults(garbage=True, garbage_seed=seed))
    status = wait_for(reader, not_empty)
    assert isinstance(status, CardError)
    assert status.reason in ("card_unreadable", "wrong_card_kind", "card_pulled")
    assert "欧阳" not in status.detail


def test_garbled_record_is_unreadable_and_names_no_personal_data(
        reader: PcscCardReader, card_slot: Callable[..., VirtualCard]) -> None:
    values = ssc.encode_card(CARD)
    values[ssc.Field.SSN] = b"42010219441105ZZZZ"
    card_slot(SocialSecurityApplet(values))
    status = wait_for(reader, not_empty)
    assert isinstance(status, CardError) and status.reason == "card_unreadable"
    assert "SSN" in status.detail and "4201" not in status.detail


def test_resident_id_card_gives_its_chip_uid_and_says_a_sam_reader_is_needed(
        reader: PcscCardReader, card_slot: Callable[..., VirtualCard]) -> None:
    card_slot(IdChipApplet(uid=bytes.fromhex("0102030405060708")))
    status = wait_for(reader, not_empty)
    assert isinstance(status, IdChipOnly)
    assert status.uid == bytes.fromhex("0102030405060708")
    assert "SAM" in status.detail and "身份证阅读器" in status.resident_message
    assert "0102" not in repr(status)


class Silent(Applet):
    def apdu(self, cmd: bytes) -> bytes:
        return b"\x6d\x00"


def test_other_card_is_refused_as_the_wrong_kind(
        reader: PcscCardReader, card_slot: Callable[..., VirtualCard]) -> None:
    card_slot(Silent())
    status = wait_for(reader, not_empty)
    assert isinstance(status, CardError) and status.reason == "wrong_card_kind"
    assert "社会保障卡" in status.resident_message


def test_unknown_reader_name_lists_the_readers_present(pcsc_stack: PcscStack) -> None:
    status = PcscCardReader("Feitian R502").status()
    assert isinstance(status, ReaderError) and status.reason == "no_reader"
    assert READER in status.detail


def test_reader_name_prefix_and_empty_name_pick_a_present_reader(pcsc_stack: PcscStack) -> None:
    assert PcscCardReader("Virtual PCD").status() == NoCard()
    assert PcscCardReader("").status() == NoCard()


def test_registry_builds_the_pcsc_reader_from_its_uri(
        pcsc_stack: PcscStack, tmp_path: Path) -> None:
    r = registry.card_reader(f"pcsc:{READER}", tmp_path)
    assert isinstance(r, PcscCardReader) and r.reader == READER
    assert r.status() == NoCard()
