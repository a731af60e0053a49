"""GA/T 467 frames: the captures in the facts file, checksum and length rules, and a stream
parser that resynchronises on anything."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from devices.idcard.frames import (
    MIN_REQUEST_LEN,
    PREAMBLE,
    SW3,
    Answer,
    BadChecksum,
    BadLength,
    BadPreamble,
    Command,
    Fault,
    Frame,
    FrameError,
    FrameStream,
    Noise,
    Truncated,
    build_answer,
    build_command,
    build_request,
    parse_answer,
    parse_request,
    split_frames,
    sw3_meaning,
)

# Byte-exact captures from real readers (IDCARD-READERS.md §1.1).
REQUESTS = {
    Command.FIND_CARD: "AAAAAA96690003200122",
    Command.SELECT_CARD: "AAAAAA96690003200221",
    Command.READ_BASE: "AAAAAA96690003300132",
    Command.READ_BASE_FP: "AAAAAA96690003301023",
    Command.SAM_ID: "AAAAAA9669000312FFEE",
    Command.SAM_STATUS: "AAAAAA9669000311FFED",
    Command.READ_APPENDED: "AAAAAA96690003300330",
}
ANSWERS = {
    "AAAAAA9669000800009F0000000097": (SW3.FIND_OK, bytes(4)),
    "AAAAAA9669000C00009000000000000000009C": (SW3.OK, bytes(8)),
    "AAAAAA9669000400008084": (SW3.FIND_FAILED, b""),
    "AAAAAA9669000400008185": (SW3.SELECT_FAILED, b""),
    "AAAAAA9669000400004145": (SW3.READ_FAILED, b""),
}


@pytest.mark.parametrize(("command", "capture"), REQUESTS.items())
def test_requests_match_captures_from_real_readers(command: Command, capture: str) -> None:
    assert build_command(command).hex().upper() == capture
    req = parse_request(bytes.fromhex(capture))
    assert (req.cmd, req.para, req.data) == (command.cmd, command.para, b"")


def test_set_max_rf_bytes_matches_its_capture() -> None:
    frame = build_command(Command.SET_MAX_RF_BYTES, bytes([0x50]))
    assert frame.hex().upper() == "AAAAAA9669000461FF50CA"


@pytest.mark.parametrize(("capture", "expected"), ANSWERS.items())
def test_answers_from_real_readers_parse(capture: str, expected: tuple[int, bytes]) -> None:
    answer = parse_answer(bytes.fromhex(capture))
    assert (answer.sw1, answer.sw2) == (0, 0)
    assert (answer.sw3, answer.data) == expected
    assert build_answer(*expected).hex().upper() == capture


def test_read_answer_has_the_documented_size() -> None:
    data = (256).to_bytes(2, "big") + (1024).to_bytes(2, "big") + bytes(1280)
    frame = build_answer(SW3.OK, data)
    assert len(frame) == 1295
    assert frame[:14].hex().upper() == "AAAAAA966905080000900100" + "0400"


def test_checksum_covers_the_length_bytes() -> None:
    good = bytearray(build_request(0x20, 0x01))
    good[6] ^= 0x01  # LEN 3 → 2 breaks both length and checksum
    with pytest.raises(FrameError):
        parse_request(bytes(good))
    flipped = bytearray(build_answer(SW3.OK, b"\x01\x02"))
    flipped[9] ^= 0xFF
    with pytest.raises(BadChecksum):
        parse_answer(bytes(flipped))


def test_whole_frame_faults_are_typed() -> None:
    ok = build_answer(SW3.OK)
    with pytest.raises(BadPreamble):
        parse_answer(b"\x00" + ok[1:])
    with pytest.raises(Truncated):
        parse_answer(ok[:-1])
    with pytest.raises(BadLength):
        parse_answer(ok + b"\x00")
    with pytest.raises(BadLength):
        parse_answer(PREAMBLE + b"\x00\x01\x00")


def test_status_bytes_are_named() -> None:
    assert "SAM未经授权" in sw3_meaning(0x66)
    assert "无法识别的证/卡类型" in sw3_meaning(0x40)
    assert sw3_meaning(0x07) == "未知状态 (SW3=07)"
    assert Answer(0, 0, 0x9F).ok and not Answer(0, 0, 0x80).ok


def test_answer_repr_hides_the_card_data() -> None:
    assert "王" not in repr(Answer(0, 0, 0x90, "王建国".encode("utf-16-le")))


def test_stream_skips_noise_and_finds_frames_split_anywhere() -> None:
    frames = [build_answer(SW3.FIND_OK, bytes(4)), build_answer(SW3.OK, bytes(8))]
    data = b"\x13\x37\xaa\xaa" + frames[0] + b"\xaa" + frames[1]
    s = FrameStream()
    events = []
    for i in range(len(data)):
        events += s.feed(data[i:i + 1])
    assert [e.raw for e in events if isinstance(e, Frame)] == frames
    assert sum(len(e.data) for e in events if isinstance(e, Noise)) == 5
    assert s.pending == 0


def test_corrupted_frame_does_not_swallow_the_good_one_behind_it() -> None:
    bad = bytearray(build_answer(SW3.OK, bytes(8)))
    bad[-1] ^= 1
    good = build_answer(SW3.FIND_FAILED)
    events = FrameStream().feed(bytes(bad) + good)
    assert any(isinstance(e, Fault) and isinstance(e.error, BadChecksum) for e in events)
    assert [e for e in events if isinstance(e, Frame)][-1].raw == good


def test_torn_frame_is_reported_on_flush_and_the_next_frame_survives() -> None:
    torn = build_answer(SW3.OK, bytes(1280))[:300]
    good = build_answer(SW3.FIND_OK, bytes(4))
    s = FrameStream()
    assert s.feed(torn + good) == []  # the torn frame's length swallows the good one for now
    events = s.flush()
    assert isinstance(events[0], Fault) and isinstance(events[0].error, Truncated)
    assert [e.raw for e in events if isinstance(e, Frame)] == [good]


def test_absurd_length_resynchronises_immediately() -> None:
    events = FrameStream().feed(PREAMBLE + b"\xff\xff" + build_answer(SW3.OK))
    assert isinstance(events[0], Fault) and isinstance(events[0].error, BadLength)
    assert isinstance(events[-1], Frame)


def test_requests_can_be_split_too() -> None:
    events = list(split_frames(REQUEST_STREAM, MIN_REQUEST_LEN))
    assert [e.request().code for e in events if isinstance(e, Frame)] == \
        [Command.FIND_CARD, Command.SELECT_CARD]


REQUEST_STREAM = build_command(Command.FIND_CARD) + build_command(Command.SELECT_CARD)


# Properties ----------------------------------------------------------------------------

@settings(max_examples=400)
@given(st.binary(max_size=3000))
def test_any_bytes_parse_to_an_answer_or_a_frame_error(data: bytes) -> None:
    try:
        answer = parse_answer(data)
    except FrameError:
        return
    assert build_answer(answer.sw3, answer.data, answer.sw1, answer.sw2) == data


@settings(max_examples=300)
@given(st.lists(st.binary(max_size=300), max_size=20), st.booleans())
def test_any_chunks_into_the_stream_never_raise(chunks: list[bytes], prefix: bool) -> None:
    s = FrameStream()
    events = []
    for c in chunks:
        events += s.feed((PREAMBLE if prefix else b"") + c)
    events += s.flush()
    assert s.pending == 0
    assert all(isinstance(e, Frame | Noise | Fault) for e in events)


noise = st.binary(max_size=40).map(lambda b: b.replace(b"\xaa", b"\x55"))
answers = st.tuples(st.integers(0, 255), st.binary(max_size=200)).map(
    lambda t: build_answer(t[0], t[1]))


@settings(max_examples=300)
@given(st.lists(st.tuples(noise, answers), max_size=8), st.integers(1, 64))
def test_frames_in_noise_are_all_recovered_whatever_the_chunking(
        parts: list[tuple[bytes, bytes]], chunk: int) -> None:
    data = b"".join(n + f for n, f in parts)
    s = FrameStream()
    events = []
    for i in range(0, len(data), chunk):
        events += s.feed(data[i:i + chunk])
    events += s.flush()
    assert [e.raw for e in events if isinstance(e, Frame)] == [f for _, f in parts]
    assert not any(isinstance(e, Fault) for e in events)
