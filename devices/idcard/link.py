"""One command, one answer: the layer between a byte transport and the session.

``Link.exchange(command, data, timeout)`` sends one GA/T 467 command and returns the SAM's
``Answer`` or raises ``NoAnswer`` (nothing that fits came in time: silence, noise, a torn
or corrupted frame, a stale answer to an earlier command). ``FrameLink`` does it with
frames over any ``Transport``; ``devices.idcard.sdtapi.SdtapiLink`` does it with the vendor
library's functions. The session above is the same for both.
"""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass, field
from typing import Protocol

from devices.idcard.frames import (
    SW3,
    Answer,
    Command,
    Fault,
    Frame,
    FrameStream,
    Noise,
    build_request,
)
from devices.idcard.transport import Transport

log = logging.getLogger(__name__)


class NoAnswer(Exception):
    """No answer that fits the command arrived in time."""

    def __init__(self, detail: str, garbled: bool = False) -> None:
        super().__init__(detail)
        self.garbled = garbled  # bytes came, but never a good frame (line speed? noise?)


class Link(Protocol):
    @property
    def description(self) -> str: ...

    def open(self) -> None: ...

    def exchange(self, command: int, data: bytes, timeout: float) -> Answer: ...

    def close(self) -> None: ...


# What a successful answer to each command looks like: its SW3 values and data lengths.
_SUCCESS: dict[int, tuple[frozenset[int], int, int]] = {
    Command.RESET_SAM: (frozenset({SW3.OK}), 0, 64),
    Command.SAM_STATUS: (frozenset({SW3.OK}), 0, 16),
    Command.SAM_ID: (frozenset({SW3.OK}), 16, 32),
    Command.FIND_CARD: (frozenset({SW3.FIND_OK}), 0, 16),
    Command.SELECT_CARD: (frozenset({SW3.OK}), 0, 16),
    Command.READ_BASE: (frozenset({SW3.OK}), 4, 4096),
    Command.READ_BASE_FP: (frozenset({SW3.OK}), 6, 4096),
    Command.READ_APPENDED: (frozenset({SW3.OK, SW3.NO_CONTENT}), 0, 4096),
    Command.READ_APPENDED_ALT: (frozenset({SW3.OK, SW3.NO_CONTENT}), 0, 4096),
    Command.READ_MANAGEMENT_NO: (frozenset({SW3.OK, SW3.NO_CONTENT}), 0, 4096),
    Command.SET_MAX_RF_BYTES: (frozenset({SW3.OK}), 0, 16),
}
_SUCCESS_CODES = frozenset({SW3.OK, SW3.NO_CONTENT, SW3.FIND_OK})
MAX_ERROR_DATA = 16


def answer_fits(command: int, answer: Answer) -> bool:
    """Whether ``answer`` can be the SAM's answer to ``command`` (not a stale one)."""
    ok_codes, lo, hi = _SUCCESS.get(command, (frozenset({SW3.OK}), 0, 4096))
    if answer.sw3 in ok_codes:
        return lo <= len(answer.data) <= hi
    if answer.sw3 in _SUCCESS_CODES:
        return False  # a success meant for another command
    return len(answer.data) <= MAX_ERROR_DATA


@dataclass
class LinkStats:
    frames: int = 0
    noise_bytes: int = 0
    faults: int = 0
    stale: int = 0
    timeouts: int = 0
    last_faults: list[str] = field(default_factory=list)

    def note_fault(self, text: str) -> None:
        self.faults += 1
        self.last_faults = [*self.last_faults[-4:], text]


class FrameLink:
    """GA/T 467 frames over a byte transport.

    ``gap_timeout``: once a frame's preamble and length have arrived, this much silence
    means the rest will not come (a torn answer) and the exchange ends early instead of
    waiting out the command's whole timeout. (A SAM sends an answer in one burst; stray
    bytes before a preamble do not start the clock.)
    """

    def __init__(self, transport: Transport, gap_timeout: float = 0.2) -> None:
        self.transport = transport
        self.gap_timeout = gap_timeout
        self.stats = LinkStats()
        self._stream = FrameStream()

    @property
    def description(self) -> str:
        return self.transport.description

    def open(self) -> None:
        self.transport.open()
        self._stream.reset()

    def close(self) -> None:
        self.transport.close()

    def exchange(self, command: int, data: bytes, timeout: float) -> Answer:
        request = build_request(command >> 8, command & 0xFF, data)
        self.transport.discard_input()
        self._stream.reset()
        self.transport.write(request)
        return self.receive(command, timeout)

    def receive(self, command: int, timeout: float) -> Answer:
        start = time.monotonic()
        deadline = start + timeout
        got_bytes = False
        bad = 0
        last_byte_at = start
        while True:
            now = time.monotonic()
            wait = deadline - now
            if self._stream.in_frame:
                wait = min(wait, last_byte_at + self.gap_timeout - now)
            if wait <= 0:
                break
            chunk = self.transport.read(wait)
            if not chunk:
                if self._stream.in_frame and \
                        time.monotonic() >= last_byte_at + self.gap_timeout:
                    break
                continue
            got_bytes = True
            last_byte_at = time.monotonic()
            for ev in self._stream.feed(chunk):
                if isinstance(ev, Frame):
                    self.stats.frames += 1
                    answer = ev.answer()
                    if answer_fits(command, answer):
                        return answer
                    self.stats.stale += 1
                    log.debug("ignored an answer that does not fit %04X: %r", command, answer)
                elif isinstance(ev, Noise):
                    self.stats.noise_bytes += len(ev.data)
                elif isinstance(ev, Fault):
                    bad += 1
                    self.stats.note_fault(f"{type(ev.error).__name__}: {ev.error}")
            if bad and not self._stream.pending:
                break  # a corrupted answer came whole: retry now, nothing else is coming
        for ev in self._stream.flush():
            if isinstance(ev, Fault):
                bad += 1
                self.stats.note_fault(f"{type(ev.error).__name__}: {ev.error}")
            elif isinstance(ev, Noise):
                self.stats.noise_bytes += len(ev.data)
        self.stats.timeouts += 1
        waited = time.monotonic() - start
        if bad:
            raise NoAnswer(f"corrupted answer to {command:04X} ({self.stats.last_faults[-1]})",
                           garbled=True)
        if got_bytes:
            raise NoAnswer(f"no valid frame answering {command:04X} in {waited:.2f} s,"
                           " only unframed bytes", garbled=True)
        raise NoAnswer(f"no answer to {command:04X} in {waited:.2f} s")

    # Line speed (serial only) ---------------------------------------------------------

    @property
    def baud(self) -> int | None:
        return getattr(self.transport, "baud", None)

    def set_baud(self, baud: int) -> bool:
        """Sets the host side's speed; False when the transport has no line speed."""
        setter = getattr(self.transport, "set_baud", None)
        if setter is None:
            return False
        setter(baud)
        return True
