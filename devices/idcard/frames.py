"""GA/T 467 (GA 467-2013) SAM host frames: build, check and parse. Pure, no I/O.

::

    host → SAM : AA AA AA 96 69 | LEN1 LEN2 | CMD PARA [DATA…]    | CHK
    SAM → host : AA AA AA 96 69 | LEN1 LEN2 | SW1 SW2 SW3 [DATA…] | CHK

LEN is big-endian and counts every byte after itself, the checksum included (frame size
= 7 + LEN). CHK is the XOR of every byte except the preamble and CHK itself, so the length
bytes are included. SW3 is the status; SW1 and SW2 are 00 in every capture but the text
allows command-specific values, so they are kept, not checked.
(Sources and captures: ../shared/IDCARD-READERS.md §1.)

``parse_answer`` / ``parse_request`` check one whole frame and raise only ``FrameError``
subclasses. ``FrameStream`` takes bytes as they arrive (noise, torn frames, several frames
in one read) and yields frames and typed faults; it never raises.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from enum import IntEnum

PREAMBLE = b"\xaa\xaa\xaa\x96\x69"
HEADER_SIZE = len(PREAMBLE) + 2
# The longest answer seen is read text+photo+2 fingerprints: LEN 0x090A (frame 2321).
# Anything far beyond is a corrupted length, not a frame worth waiting for.
MAX_LEN = 0x1000
MIN_REQUEST_LEN = 3  # CMD PARA CHK
MIN_ANSWER_LEN = 4  # SW1 SW2 SW3 CHK


class Command(IntEnum):
    """CMD << 8 | PARA of the commands a host sends (§1.4)."""

    RESET_SAM = 0x10FF
    SAM_STATUS = 0x11FF
    SAM_ID = 0x12FF
    FIND_CARD = 0x2001
    SELECT_CARD = 0x2002
    READ_BASE = 0x3001
    READ_APPENDED_ALT = 0x3002  # one web text; four code bases use 30 03
    READ_APPENDED = 0x3003
    READ_MANAGEMENT_NO = 0x3005
    READ_BASE_FP = 0x3010
    SET_MAX_RF_BYTES = 0x61FF

    @property
    def cmd(self) -> int:
        return self.value >> 8

    @property
    def para(self) -> int:
        return self.value & 0xFF


SET_BAUD = 0x60
BAUD_PARA = {115200: 0x00, 57600: 0x01, 38400: 0x02, 19200: 0x03, 9600: 0x04}
PARA_BAUD = {v: k for k, v in BAUD_PARA.items()}


class SW3(IntEnum):
    """Status byte values a SAM sends (§1.5)."""

    OK = 0x90
    NO_CONTENT = 0x91
    FIND_OK = 0x9F
    HOST_CHECKSUM = 0x10
    HOST_LENGTH = 0x11
    HOST_COMMAND = 0x21
    UNAUTHORISED_OPERATION = 0x23
    UNRECOGNISED_ERROR = 0x24
    CARD_AUTH_SAM_FAILED = 0x31
    SAM_AUTH_CARD_FAILED = 0x32
    INFO_VERIFY_FAILED = 0x33
    UNKNOWN_CARD_TYPE = 0x40
    READ_FAILED = 0x41
    RANDOM_FAILED = 0x47
    SAM_SELF_TEST_FAILED = 0x60
    SAM_NOT_AUTHORISED = 0x66
    FIND_FAILED = 0x80
    SELECT_FAILED = 0x81


SW3_MEANING = {
    SW3.OK: "操作成功",
    SW3.NO_CONTENT: "证/卡中此项无内容",
    SW3.FIND_OK: "寻找证/卡成功",
    SW3.HOST_CHECKSUM: "接收业务终端数据的校验和错",
    SW3.HOST_LENGTH: "接收业务终端数据的长度错",
    SW3.HOST_COMMAND: "接收业务终端的命令错误",
    SW3.UNAUTHORISED_OPERATION: "越权操作",
    SW3.UNRECOGNISED_ERROR: "无法识别的错误",
    SW3.CARD_AUTH_SAM_FAILED: "证/卡认证SAM失败",
    SW3.SAM_AUTH_CARD_FAILED: "SAM认证证/卡失败",
    SW3.INFO_VERIFY_FAILED: "信息验证错误",
    SW3.UNKNOWN_CARD_TYPE: "无法识别的证/卡类型",
    SW3.READ_FAILED: "读证/卡操作失败",
    SW3.RANDOM_FAILED: "取随机数失败",
    SW3.SAM_SELF_TEST_FAILED: "SAM自检失败，不能接收命令",
    SW3.SAM_NOT_AUTHORISED: "SAM未经授权，无法使用",
    SW3.FIND_FAILED: "寻找证/卡失败",
    SW3.SELECT_FAILED: "选取证/卡失败",
}


def sw3_meaning(sw3: int) -> str:
    """The protocol text's words for a status byte, or the hex value when unknown."""
    try:
        return f"{SW3_MEANING[SW3(sw3)]} (SW3={sw3:02X})"
    except ValueError:
        return f"未知状态 (SW3={sw3:02X})"


def checksum(body: bytes) -> int:
    """XOR of ``body``: the length bytes and payload, without preamble and checksum."""
    x = 0
    for b in body:
        x ^= b
    return x


def _frame(payload: bytes) -> bytes:
    n = len(payload) + 1
    if n > 0xFFFF:
        raise ValueError("frame payload too long")
    body = n.to_bytes(2, "big") + payload
    return PREAMBLE + body + bytes([checksum(body)])


def build_request(cmd: int, para: int, data: bytes = b"") -> bytes:
    """A host → SAM frame. ``build_request(0x20, 0x01)`` is ``AAAAAA96690003200122``."""
    return _frame(bytes([cmd & 0xFF, para & 0xFF]) + data)


def build_command(command: Command, data: bytes = b"") -> bytes:
    return build_request(command.cmd, command.para, data)


def build_answer(sw3: int, data: bytes = b"", sw1: int = 0, sw2: int = 0) -> bytes:
    """A SAM → host frame (for simulators and tests)."""
    return _frame(bytes([sw1 & 0xFF, sw2 & 0xFF, sw3 & 0xFF]) + data)


@dataclass(frozen=True)
class Answer:
    sw1: int
    sw2: int
    sw3: int
    data: bytes = b""

    @property
    def ok(self) -> bool:
        return self.sw3 in (SW3.OK, SW3.FIND_OK)

    @property
    def meaning(self) -> str:
        return sw3_meaning(self.sw3)

    def __repr__(self) -> str:  # the data may be a card's personal text
        return (f"Answer(sw1={self.sw1:02X}, sw2={self.sw2:02X}, sw3={self.sw3:02X},"
                f" data={len(self.data)} bytes)")


@dataclass(frozen=True)
class Request:
    cmd: int
    para: int
    data: bytes = b""

    @property
    def code(self) -> int:
        return (self.cmd << 8) | self.para


# Faults ----------------------------------------------------------------------------------


class FrameError(Exception):
    """A byte string that is not one well-formed frame."""


class BadPreamble(FrameError):
    pass


class Truncated(FrameError):
    pass


class BadLength(FrameError):
    pass


class BadChecksum(FrameError):
    pass


def _check(frame: bytes, min_len: int) -> bytes:
    """The payload (after LEN, without CHK) of one whole, checked frame."""
    if not frame.startswith(PREAMBLE):
        raise BadPreamble(f"frame does not start with AA AA AA 96 69: {frame[:5].hex(' ')}")
    if len(frame) < HEADER_SIZE:
        raise Truncated(f"frame of {len(frame)} bytes ends inside its header")
    n = int.from_bytes(frame[5:7], "big")
    if n < min_len or n > MAX_LEN:
        raise BadLength(f"length field {n} outside {min_len}..{MAX_LEN}")
    if len(frame) < HEADER_SIZE + n:
        raise Truncated(f"frame announces {HEADER_SIZE + n} bytes, has {len(frame)}")
    if len(frame) > HEADER_SIZE + n:
        raise BadLength(f"frame announces {HEADER_SIZE + n} bytes, has {len(frame)}")
    body = frame[5:-1]
    if checksum(body) != frame[-1]:
        raise BadChecksum(f"checksum {frame[-1]:02X}, computed {checksum(body):02X}")
    return frame[7:-1]


def parse_answer(frame: bytes) -> Answer:
    """One whole SAM → host frame; raises only ``FrameError`` subclasses."""
    p = _check(bytes(frame), MIN_ANSWER_LEN)
    return Answer(p[0], p[1], p[2], p[3:])


def parse_request(frame: bytes) -> Request:
    """One whole host → SAM frame; raises only ``FrameError`` subclasses."""
    p = _check(bytes(frame), MIN_REQUEST_LEN)
    return Request(p[0], p[1], p[2:])


# Streaming -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Noise:
    """Bytes skipped before a preamble (line noise, a wrong line speed, a stale tail)."""

    data: bytes

    def __repr__(self) -> str:
        return f"Noise({len(self.data)} bytes)"


@dataclass(frozen=True)
class Fault:
    """A frame-shaped run of bytes that failed a check; the stream resynchronised after it."""

    error: FrameError
    data: bytes

    def __repr__(self) -> str:
        return f"Fault({type(self.error).__name__}: {self.error}, {len(self.data)} bytes)"


@dataclass(frozen=True)
class Frame:
    """One checked frame: ``raw`` is the whole frame, ``payload`` what follows LEN."""

    raw: bytes

    @property
    def payload(self) -> bytes:
        return self.raw[7:-1]

    def answer(self) -> Answer:
        p = self.payload
        return Answer(p[0], p[1], p[2], p[3:])

    def request(self) -> Request:
        p = self.payload
        return Request(p[0], p[1], p[2:])


Event = Frame | Noise | Fault


def _partial_preamble_tail(buf: bytes | bytearray) -> int:
    """Length of the longest suffix of ``buf`` that is a proper prefix of the preamble."""
    for k in range(min(len(PREAMBLE) - 1, len(buf)), 0, -1):
        if buf[-k:] == PREAMBLE[:k]:
            return k
    return 0


class FrameStream:
    """Incremental frame splitter for either direction.

    ``feed(data)`` returns the events completed by ``data``: frames that passed every
    check, ``Noise`` for bytes before a preamble, and ``Fault`` for a bad length or
    checksum, after which the stream resumes searching one byte after the failed preamble
    (a corrupted frame never swallows the good one behind it). A frame cut off for good
    (a torn answer) is only known as such by the caller's timeout: ``flush()`` then turns
    whatever is pending into a ``Truncated`` fault and rescans what follows it.
    Nothing here raises.
    """

    def __init__(self, min_len: int = MIN_ANSWER_LEN) -> None:
        self.min_len = min_len
        self._buf = bytearray()

    @property
    def pending(self) -> int:
        return len(self._buf)

    @property
    def in_frame(self) -> bool:
        """A preamble and length have arrived and the rest of that frame has not."""
        return len(self._buf) >= HEADER_SIZE and self._buf.startswith(PREAMBLE)

    def feed(self, data: bytes | bytearray) -> list[Event]:
        self._buf += data
        return self._drain(final=False)

    def flush(self) -> list[Event]:
        """Gives up on a partial frame (after a timeout) and reports it."""
        return self._drain(final=True)

    def reset(self) -> None:
        self._buf.clear()

    def _drain(self, final: bool) -> list[Event]:
        out: list[Event] = []
        buf = self._buf
        while buf:
            i = buf.find(PREAMBLE)
            if i < 0:
                keep = 0 if final else _partial_preamble_tail(buf)
                if len(buf) > keep:
                    out.append(Noise(bytes(buf[:len(buf) - keep])))
                    del buf[:len(buf) - keep]
                break
            if i > 0:
                out.append(Noise(bytes(buf[:i])))
                del buf[:i]
            if len(buf) < HEADER_SIZE:
                if final:
                    out.append(Fault(Truncated("frame ends inside its header"), bytes(buf)))
                    buf.clear()
                break
            n = int.from_bytes(buf[5:7], "big")
            if n < self.min_len or n > MAX_LEN:
                out.append(Fault(BadLength(f"length field {n} outside {self.min_len}..{MAX_LEN}"),
                                 bytes(buf[:HEADER_SIZE])))
                del buf[:1]
                continue
            total = HEADER_SIZE + n
            if len(buf) < total:
                if not final:
                    break
                # Torn: report what we had up to the next preamble, then rescan from there.
                nxt = buf.find(PREAMBLE, 1)
                cut = nxt if nxt > 0 else len(buf)
                out.append(Fault(Truncated(f"frame announces {total} bytes, {len(buf)} came"),
                                 bytes(buf[:cut])))
                del buf[:cut]
                continue
            frame = bytes(buf[:total])
            if checksum(frame[5:-1]) != frame[-1]:
                out.append(Fault(BadChecksum(
                    f"checksum {frame[-1]:02X}, computed {checksum(frame[5:-1]):02X}"), frame))
                del buf[:1]
                continue
            out.append(Frame(frame))
            del buf[:total]
        return out


def split_frames(data: bytes, min_len: int = MIN_ANSWER_LEN) -> Iterable[Event]:
    """Every event in a complete capture (a dump file), partial tail included."""
    s = FrameStream(min_len)
    yield from s.feed(data)
    yield from s.flush()
