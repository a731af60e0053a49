"""The sam-serial driver, unmodified, through pyserial and the SAM simulator on a pty:
the whole read, the quirks of real modules, and every fault mode."""

from __future__ import annotations

import datetime as dt
import threading
import time
from collections.abc import Callable

import pytest

from devices import registry
from devices.idcard import CardError, CardRead, NoCard, ReaderError
from devices.idcard.frames import SW3, Command
from devices.idcard.link import FrameLink
from devices.idcard.model import IdCard
from devices.idcard.reader import CardStatus
from devices.idcard.session import EventKind, ReaderEvent, SamReader, Timeouts
from devices.idcard.transport import SerialTransport
from devices.idcard.uri import open_reader
from devices.idcard.watch import CardWatcher
from tests.devices.idcard.conftest import ALL_KINDS, resident_card
from tests.devices.idcard.simulator import REALISTIC, PtySimulator, SamModule, SimCard

MakeReader = Callable[..., SamReader]


def read(reader: SamReader) -> IdCard:
    status = reader.status()
    assert isinstance(status, CardRead), status
    return status.card


def test_reads_a_resident_card_through_pyserial_on_a_pty(module: SamModule,
                                                         make_reader: MakeReader) -> None:
    reader = make_reader("?baud=115200")
    card = read(reader)
    assert card == resident_card(photo=module.card.photo)  # type: ignore[union-attr]
    assert len(card.photo) == 1024 and card.photo.startswith(b"WL")
    assert module.received == [Command.SAM_STATUS, Command.SET_MAX_RF_BYTES, Command.SAM_ID,
                               Command.FIND_CARD, Command.SELECT_CARD, Command.READ_BASE,
                               Command.READ_APPENDED]
    assert reader.info.sam_id_text == "05.01-20230101-0001234567-0890123456"
    assert reader.info.line_speed == 115200


def test_registry_builds_the_same_driver(sim: PtySimulator, tmp_path: object) -> None:
    reader = registry.card_reader(f"sam-serial:{sim.path}", tmp_path)  # type: ignore[arg-type]
    try:
        assert isinstance(reader, SamReader)
        assert isinstance(reader.status(), CardRead)
    finally:
        reader.close()


@pytest.mark.parametrize("kind", sorted(ALL_KINDS))
def test_every_card_kind_reads_through_the_driver(kind: str, module: SamModule,
                                                  make_reader: MakeReader) -> None:
    expected = ALL_KINDS[kind]()
    module.insert(SimCard.of(expected))
    card = read(make_reader())
    assert card.card_type == kind
    assert card == type(expected)(**{**expected.__dict__, "photo": card.photo})


def test_card_left_on_the_reader_is_not_read_again(module: SamModule,
                                                   make_reader: MakeReader) -> None:
    reader = make_reader()
    first = read(reader)
    for _ in range(3):
        assert read(reader) is first
    assert module.count(Command.READ_BASE) == 1
    # The module answered find with 80 for the card it had read; select proved it there.
    assert module.count(Command.SELECT_CARD) == 4


def test_card_that_keeps_being_found_is_not_read_again(module: SamModule,
                                                       make_reader: MakeReader) -> None:
    module.faults.find_80_after_read = False
    reader = make_reader()
    first = read(reader)
    assert read(reader) is first
    assert module.count(Command.READ_BASE) == 1


def test_removal_and_a_new_card(module: SamModule, make_reader: MakeReader) -> None:
    reader = make_reader()
    read(reader)
    module.remove()
    assert reader.status() == NoCard()
    other = resident_card(name="李四")
    module.insert(SimCard.of(other))
    assert read(reader).name == "李四"


def test_a_card_already_read_before_the_driver_started_is_read(module: SamModule,
                                                               make_reader: MakeReader) -> None:
    first = make_reader()
    read(first)
    first.close()
    # The module still answers find with 80 for that card: a fresh driver selects anyway.
    assert read(make_reader()).name == "王建国"


def test_empty_reader_is_no_card_with_one_find_per_poll(module: SamModule,
                                                        make_reader: MakeReader) -> None:
    module.remove()
    reader = make_reader()
    assert reader.status() == NoCard()
    n = len(module.received)
    assert reader.status() == NoCard()
    assert module.received[n:] == [Command.FIND_CARD]


def test_card_removed_between_find_and_read(module: SamModule, sim: PtySimulator) -> None:
    module.faults.remove_before_read = True
    reader = open_reader(f"sam-serial:{sim.path}")
    try:
        status = reader.status()
        assert isinstance(status, CardError) and status.reason == "card_pulled"
        assert "不要移动" in status.resident_message
        # The message stays up a moment so a person can read it, then the reader is idle.
        assert isinstance(reader.status(), CardError)
        reader.error_hold_s = 0
        assert reader.status() == NoCard()
        module.insert(SimCard.of(resident_card()))
        assert isinstance(reader.status(), CardRead)
    finally:
        reader.close()


@pytest.mark.parametrize("fault", ["torn", "bad_checksum", "missing"])
def test_a_damaged_or_lost_answer_is_retried(fault: str, module: SamModule,
                                             make_reader: MakeReader) -> None:
    setattr(module.faults, fault, 1)
    module.faults.commands = {Command.READ_BASE}
    t0 = time.monotonic()
    card = read(make_reader())
    assert card.name == "王建国"
    assert module.count(Command.READ_BASE) == 2
    if fault != "missing":
        assert time.monotonic() - t0 < 1.5  # torn/corrupt frames end the wait early


def test_noise_before_the_preamble_is_skipped(module: SamModule,
                                              make_reader: MakeReader) -> None:
    module.faults.noise = 10
    reader = make_reader()
    assert read(reader).name == "王建国"
    assert module.count(Command.READ_BASE) == 1
    assert isinstance(reader.link, FrameLink) and reader.link.stats.noise_bytes > 0


def test_slow_answers_within_the_timeouts_are_fine(module: SamModule,
                                                   make_reader: MakeReader) -> None:
    module.faults.slow_s = 0.3
    assert read(make_reader()).name == "王建国"
    assert module.count(Command.FIND_CARD) == 1


def test_answers_slower_than_the_timeout_give_up_in_bounded_time(module: SamModule,
                                                                 sim: PtySimulator) -> None:
    module.faults.slow_s = 0.4
    reader = SamReader(FrameLink(SerialTransport(sim.path)), timeouts=Timeouts(
        status=0.15, find=0.15, select=0.15, read=0.15, set_rf=0.15, sam_id=0.15, probe=0.1))
    try:
        t0 = time.monotonic()
        status = reader.status()
        assert isinstance(status, ReaderError) and status.reason == "reader_not_responding"
        assert time.monotonic() - t0 < 2.0
        module.faults.slow_s = 0
        time.sleep(1.0)  # stale late answers drain; the reopen interval passes
        assert isinstance(reader.status(), CardRead)
    finally:
        reader.close()


def test_a_silent_module_is_reported_without_hanging(module: SamModule,
                                                     make_reader: MakeReader) -> None:
    module.faults.silent = True
    reader = make_reader("?probe=0")
    t0 = time.monotonic()
    status = reader.status()
    assert isinstance(status, ReaderError) and status.reason == "reader_not_responding"
    assert "无响应" in status.resident_message
    assert time.monotonic() - t0 < 1.5
    module.faults.silent = False
    time.sleep(0.6)
    assert isinstance(reader.status(), CardRead)  # recovers without a restart


def test_wrong_line_speed_is_found_by_probing(module: SamModule,
                                              make_reader: MakeReader) -> None:
    module.baud = 9600
    reader = make_reader("?baud=115200")
    assert read(reader).name == "王建国"
    assert reader.info.line_speed == 9600


def test_wrong_line_speed_without_probing_names_the_reader(module: SamModule,
                                                          make_reader: MakeReader) -> None:
    module.baud = 9600
    status = make_reader("?baud=115200&probe=0").status()
    assert isinstance(status, ReaderError) and status.reason == "reader_not_responding"
    assert "11FF" in status.detail


def test_line_speed_change_with_0x60(module: SamModule, sim: PtySimulator,
                                     make_reader: MakeReader) -> None:
    reader = make_reader("?set_baud=57600")
    assert read(reader).name == "王建国"
    assert module.baud == 57600 and sim.host_baud() == 57600
    assert (0x60 << 8 | 0x01) in module.received


def test_sam_self_test_failure_is_reset_once(module: SamModule,
                                             make_reader: MakeReader) -> None:
    module.faults.sam_status = SW3.SAM_SELF_TEST_FAILED
    assert isinstance(make_reader().status(), CardRead)
    assert Command.RESET_SAM in module.received


@pytest.mark.parametrize(("sw3", "reason", "words"), [
    (SW3.SAM_SELF_TEST_FAILED, "sam_self_test_failed", "安全模块故障"),
    (SW3.SAM_NOT_AUTHORISED, "sam_not_authorised", "未授权"),
])
def test_sam_faults_are_reader_errors_and_recover(sw3: int, reason: str, words: str,
                                                  module: SamModule,
                                                  make_reader: MakeReader) -> None:
    module.faults.sam_status = sw3
    module.faults.reset_fixes_self_test = False
    reader = make_reader()
    status = reader.status()
    assert isinstance(status, ReaderError) and status.reason == reason
    assert words in status.resident_message
    module.faults.sam_status = SW3.OK
    time.sleep(0.6)
    assert isinstance(reader.status(), CardRead)


def test_unplugged_reader_is_reported_and_picked_up_again(module: SamModule, sim: PtySimulator,
                                                          make_reader: MakeReader) -> None:
    reader = make_reader()
    read(reader)
    sim.unplug()
    status = reader.status()
    assert isinstance(status, ReaderError) and status.reason == "reader_unplugged"
    time.sleep(0.6)
    status = reader.status()
    assert isinstance(status, ReaderError) and status.reason == "reader_unplugged"
    sim.plug()
    time.sleep(0.6)
    assert read(reader).name == "王建国"


def test_no_reader_at_the_configured_port(tmp_path: object) -> None:
    reader = open_reader("sam-serial:/dev/ttyNOSUCH9")
    t0 = time.monotonic()
    status = reader.status()
    assert isinstance(status, ReaderError) and status.reason == "no_reader"
    assert "does not exist" in status.detail and "未连接" in status.resident_message
    assert time.monotonic() - t0 < 1.0


def test_nonzero_sw1_sw2_are_tolerated(module: SamModule, make_reader: MakeReader) -> None:
    module.faults.sw1, module.faults.sw2 = 0x12, 0x34
    reader = make_reader()
    assert read(reader).name == "王建国"
    assert reader.info.nonzero_sw1_sw2 > 0


def test_something_that_is_no_id_card(module: SamModule, make_reader: MakeReader) -> None:
    module.insert(SimCard.of(resident_card(), unknown_kind=True))
    status = make_reader().status()
    assert isinstance(status, CardError) and status.reason == "wrong_card_kind"
    assert "居民身份证" in status.resident_message


def test_a_read_that_fails_once_is_retried(module: SamModule, make_reader: MakeReader) -> None:
    module.faults.read_failures = 1
    assert read(make_reader()).name == "王建国"


def test_a_card_that_never_reads_is_unreadable(module: SamModule,
                                               make_reader: MakeReader) -> None:
    module.faults.read_failures = 10
    status = make_reader().status()
    assert isinstance(status, CardError) and status.reason == "card_unreadable"


def test_garbage_text_block_is_an_unreadable_card(module: SamModule,
                                                  make_reader: MakeReader) -> None:
    module.insert(SimCard(text=b"\x20\x00" * 128))
    status = make_reader().status()
    assert isinstance(status, CardError) and status.reason == "card_unreadable"
    assert "全部为空" in status.detail


def test_fingerprints_are_read_when_asked(module: SamModule, make_reader: MakeReader) -> None:
    module.insert(SimCard.of(resident_card(), fingerprint=bytes(range(256)) * 4))
    card = read(make_reader("?fp=1"))
    assert len(card.fingerprint) == 1024 and card.name == "王建国"
    assert Command.READ_BASE_FP in module.received


def test_a_module_without_fingerprint_support_falls_back(module: SamModule,
                                                         make_reader: MakeReader) -> None:
    module.faults.supports_fingerprint = False
    reader = make_reader("?fp=1")
    card = read(reader)
    assert card.fingerprint == b"" and reader.info.fingerprint_supported is False


@pytest.mark.parametrize("para", [0x03, 0x02])
def test_appended_address_is_the_current_address(para: int, module: SamModule,
                                                 make_reader: MakeReader) -> None:
    module.faults.appended_para = para
    module.insert(SimCard.of(resident_card(), appended=["湖北省武汉市江岸区新址5号"]))
    reader = make_reader()
    card = read(reader)
    assert card.current_address == "湖北省武汉市江岸区新址5号"
    assert reader.info.appended_command == f"30 0{para}"


def test_appended_address_can_be_skipped(module: SamModule, make_reader: MakeReader) -> None:
    module.insert(SimCard.of(resident_card(), appended=["新址"]))
    assert read(make_reader("?appended=0")).appended_address == ""
    assert Command.READ_APPENDED not in module.received


def test_status_never_raises_even_on_a_driver_bug(make_reader: MakeReader) -> None:
    reader = make_reader()

    def broken(*args: object) -> None:
        raise RuntimeError("bug")

    reader.link.exchange = broken  # type: ignore[method-assign,assignment]
    status = reader.status()
    assert isinstance(status, ReaderError) and status.reason == "internal_error"


def test_insertion_and_removal_are_seen_within_a_second_at_real_pace() -> None:
    module = SamModule(None, timing=REALISTIC)
    events: list[ReaderEvent] = []
    changes: list[tuple[float, CardStatus]] = []
    seen = threading.Event()
    with PtySimulator(module) as sim:
        reader = open_reader(f"sam-serial:{sim.path}")
        watcher = CardWatcher(reader, lambda s: (changes.append((time.monotonic(), s)),
                                                 seen.set()), events.append, interval=0.1)
        watcher.start()
        try:
            assert seen.wait(3) and isinstance(changes[-1][1], NoCard)
            placed = time.monotonic()
            module.insert(SimCard.of(resident_card()))
            deadline = time.monotonic() + 5
            while not any(isinstance(s, CardRead) for _, s in changes):
                assert time.monotonic() < deadline
                time.sleep(0.01)
            detected = next(e for e in events if e.kind == EventKind.CARD_DETECTED)
            assert detected.at - placed < 1.0  # polled every 0.1 s; room for a busy CI
            read_at = next(t for t, s in changes if isinstance(s, CardRead))
            assert read_at - placed < 1.5  # find, select, read, address at UART pace
            removed = time.monotonic()
            module.remove()
            while not isinstance(changes[-1][1], NoCard):
                assert time.monotonic() - removed < 2
                time.sleep(0.005)
            assert changes[-1][0] - removed < 1.0
            assert EventKind.CARD_REMOVED in [e.kind for e in events]
        finally:
            watcher.stop()
            reader.close()


def test_expired_card_reads_and_is_refused_by_the_rules(module: SamModule,
                                                         make_reader: MakeReader) -> None:
    from devices.idcard.validation import card_problem

    module.insert(SimCard.of(resident_card(valid_from=dt.date(2005, 1, 1),
                                           valid_until=dt.date(2025, 1, 1))))
    card = read(make_reader())
    assert card_problem(card, dt.date(2026, 1, 1)) == \
        "您的身份证已于2025年1月1日过期，请先换领新证"
