"""The session against a scripted link: whatever a module answers, in whatever order,
``status()`` gives a status and never raises; and the answer-shape rule that keeps stale
answers out."""

from __future__ import annotations

from collections.abc import Iterator

from hypothesis import given, settings
from hypothesis import strategies as st

from devices.idcard import CardError, CardRead, NoCard, ReaderError
from devices.idcard.errors import ReaderUnplugged
from devices.idcard.frames import SW3, Answer, Command
from devices.idcard.link import NoAnswer, answer_fits
from devices.idcard.session import SamReader, format_sam_id, split_read_answer
from devices.idcard.textblock import build_text_block
from tests.devices.idcard.conftest import resident_card

Step = Answer | NoAnswer | ReaderUnplugged


class ScriptedLink:
    description = "scripted"

    def __init__(self, steps: list[Step]) -> None:
        self._steps: Iterator[Step] = iter(steps)
        self.opened = 0

    def open(self) -> None:
        self.opened += 1

    def close(self) -> None:
        pass

    def exchange(self, command: int, data: bytes, timeout: float) -> Answer:
        step = next(self._steps, None)
        if step is None:
            raise NoAnswer("script ended")
        if isinstance(step, Exception):
            raise step
        return step


TEXT = build_text_block(resident_card())
READ_DATA = (256).to_bytes(2, "big") + (1024).to_bytes(2, "big") + TEXT + bytes(1024)
sw3s = st.sampled_from([int(s) for s in SW3]) | st.integers(0, 255)
datas = st.sampled_from([b"", bytes(4), bytes(8), bytes(16), READ_DATA, READ_DATA[:700]]) | \
    st.binary(max_size=64)
steps = st.one_of(
    st.builds(Answer, st.integers(0, 255), st.integers(0, 255), sw3s, datas),
    st.just(NoAnswer("silence")), st.just(NoAnswer("garbage", garbled=True)),
    st.just(ReaderUnplugged("gone")))


@settings(max_examples=300, deadline=None)
@given(st.lists(steps, max_size=40))
def test_any_sequence_of_answers_gives_a_status(script: list[Step]) -> None:
    reader = SamReader(ScriptedLink(script), reopen_interval_s=0, error_hold_s=0)
    for _ in range(4):
        status = reader.status()
        assert isinstance(status, NoCard | CardRead | CardError | ReaderError)
        if isinstance(status, ReaderError):
            assert status.reason != "internal_error", status.detail


def ok(data: bytes = b"") -> Answer:
    return Answer(0, 0, SW3.OK, data)


def test_a_clean_script_reads_the_card() -> None:
    script: list[Step] = [ok(), ok(), ok(bytes(16)), Answer(0, 0, SW3.FIND_OK, bytes(4)),
                          ok(bytes(8)), ok(READ_DATA), Answer(0, 0, SW3.NO_CONTENT)]
    status = SamReader(ScriptedLink(script)).status()
    assert isinstance(status, CardRead) and status.card.name == "王建国"


def test_stale_answers_do_not_fit_other_commands() -> None:
    read_answer = ok(READ_DATA)
    found = Answer(0, 0, SW3.FIND_OK, bytes(4))
    assert answer_fits(Command.READ_BASE, read_answer)
    assert not answer_fits(Command.FIND_CARD, read_answer)
    assert not answer_fits(Command.SELECT_CARD, found)
    assert answer_fits(Command.SELECT_CARD, Answer(0, 0, SW3.SELECT_FAILED))
    assert not answer_fits(Command.SAM_ID, ok(bytes(3)))


def test_read_answer_layouts() -> None:
    text, photo, fp = split_read_answer(READ_DATA, fingerprint=False)
    assert (len(text), len(photo), fp) == (256, 1024, b"")
    with_fp = (256).to_bytes(2, "big") + (1024).to_bytes(2, "big") + (512).to_bytes(2, "big") \
        + TEXT + bytes(1024) + bytes(range(256)) * 2
    assert len(split_read_answer(with_fp, fingerprint=True)[2]) == 512


def test_sam_id_display_keeps_both_paddings_apart_from_the_raw_bytes() -> None:
    raw = bytes([5, 0, 1, 0]) + (20230101).to_bytes(4, "little") \
        + (1234567).to_bytes(4, "little") + (890123456).to_bytes(4, "little")
    assert format_sam_id(raw) == "05.01-20230101-0001234567-0890123456"
    assert format_sam_id(b"\x01\x02") == "0102"
