"""The SAM reader session: one ``CardReader`` for every GA/T 467 back-end.

Per poll (``status()``)::

    not ready → open the link → SAM status (11 FF; a failed self-test gets one reset
                10 FF) → max RF bytes (61 FF 50) → SAM id (12 FF)
    a card was read → is it still there? find (20 01): 9F → select; 80 → select too,
                because a card already read may answer find with 80 while it stays
                (select 90 = still there, 81 = gone)
    no card → find → select → read text+photo (30 01) or text+photo+fingerprint (30 10)
              → appended address (30 03, falling back to 30 02) → parse

Every command has its own timeout and a bounded number of tries; a torn, corrupted or
missing answer is retried, a stale one ignored. A failure in the middle of a read is
classified by asking the reader whether the card is still there: gone → ``CardPulled``,
still there → read again, then ``UnreadableCard``. A reader that goes away is reopened on
a later poll, so nothing needs a restart. ``status()`` never raises; ``read_card()`` is
the same poll with the typed errors of ``devices.idcard.errors`` raised.

Events (``listener``) let a front end react before a slow read finishes: ``card_detected``
comes right after find answers 9F, ``card_removed`` on the poll that sees the card gone.
Polling every 100 ms puts both well inside 300 ms.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from enum import Enum, StrEnum

from devices.idcard.errors import (
    CardFault,
    CardPulled,
    IdCardError,
    NoCardPresent,
    NoReader,
    ReaderFault,
    ReaderNotResponding,
    ReaderProtocolError,
    ReaderUnplugged,
    SamNotAuthorised,
    SamSelfTestFailed,
    UnreadableCard,
    WrongCardKind,
)
from devices.idcard.frames import BAUD_PARA, SET_BAUD, SW3, Answer, Command, sw3_meaning
from devices.idcard.link import Link, NoAnswer
from devices.idcard.model import IdCard
from devices.idcard.reader import CardError, CardRead, CardStatus, NoCard, ReaderError
from devices.idcard.textblock import TextBlockError, decode_appended_address, parse_text_block
from devices.idcard.transport import STANDARD_BAUDS

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Timeouts:
    """Seconds to wait for each answer (the ranges drivers use: find/select 0.1–1 s,
    read 2–3.5 s)."""

    status: float = 0.5
    reset: float = 1.0
    sam_id: float = 0.5
    set_rf: float = 0.5
    set_baud: float = 0.5
    find: float = 0.5
    select: float = 0.5
    read: float = 3.0
    read_fp: float = 3.5
    appended: float = 1.0
    probe: float = 0.25


class EventKind(StrEnum):
    READER_READY = "reader_ready"
    READER_LOST = "reader_lost"
    CARD_DETECTED = "card_detected"
    CARD_READ = "card_read"
    CARD_FAILED = "card_failed"
    CARD_REMOVED = "card_removed"


@dataclass(frozen=True)
class ReaderEvent:
    kind: EventKind
    detail: str = ""
    at: float = field(default_factory=time.monotonic)


Listener = Callable[[ReaderEvent], None]


@dataclass
class ReaderInfo:
    """What a technician wants to know about the reader (``kiosk card read --json``)."""

    link: str = ""
    sam_id: bytes = b""
    line_speed: int | None = None
    appended_command: str = "30 03"
    fingerprint_supported: bool | None = None
    nonzero_sw1_sw2: int = 0

    @property
    def sam_id_text(self) -> str:
        return format_sam_id(self.sam_id)


def format_sam_id(raw: bytes) -> str:
    """``05.01-20230101-0001234567-0890123456`` style, for display only (SDKs disagree on
    the padding; the raw 16 bytes are what to keep)."""
    if len(raw) < 16:
        return raw.hex()
    a, b, c = (int.from_bytes(raw[i:i + 4], "little") for i in (4, 8, 12))
    return f"{raw[1]}{raw[0]}.{raw[2]:02d}-{a:08d}-{b:010d}-{c:010d}"


class _Presence(Enum):
    SAME = 1
    GONE = 2
    OTHER = 3


_CARD_FAILURES = {SW3.CARD_AUTH_SAM_FAILED, SW3.SAM_AUTH_CARD_FAILED, SW3.INFO_VERIFY_FAILED,
                  SW3.READ_FAILED, SW3.RANDOM_FAILED, SW3.SELECT_FAILED}
_ZERO_SN = bytes(8)


class SamReader:
    """A ``CardReader`` over any ``Link`` (frames over serial/USB/TCP, or sdtapi)."""

    def __init__(self, link: Link, *, fingerprint: bool = False, appended_address: bool = True,
                 max_rf_bytes: int | None = 0x50, set_baud: int | None = None,
                 probe_speeds: bool = True, timeouts: Timeouts | None = None, tries: int = 2,
                 read_attempts: int = 2, listener: Listener | None = None,
                 error_hold_s: float = 3.0, reopen_interval_s: float = 0.5) -> None:
        if set_baud is not None and set_baud not in BAUD_PARA:
            raise ValueError(f"line speed {set_baud} is not one of {sorted(BAUD_PARA)}")
        if max_rf_bytes is not None and not 24 <= max_rf_bytes <= 255:
            raise ValueError("max RF bytes must be 24..255")
        self.link = link
        self.fingerprint = fingerprint
        self.appended_address = appended_address
        self.max_rf_bytes = max_rf_bytes
        self.target_baud = set_baud
        self.probe_speeds = probe_speeds
        self.timeouts = timeouts or Timeouts()
        self.tries = max(1, tries)
        self.read_attempts = max(1, read_attempts)
        self.listener = listener
        self.error_hold_s = error_hold_s
        self.reopen_interval_s = reopen_interval_s
        self.info = ReaderInfo(link=link.description)
        self.photo_decoder: object | None = None  # set by the URI's wlt= (devices.idcard.photo)
        self._lock = threading.RLock()
        self._open = False
        self._ready = False
        self._was_connected = False
        self._next_open_at = 0.0
        self._last_reader_error: ReaderFault | None = None
        self._card: IdCard | None = None
        self._card_sn = _ZERO_SN
        self._maybe_card = True  # a card read before may sit there answering find with 80
        self._held: tuple[CardFault, float] | None = None
        self._fp_supported: bool | None = None
        self._appended_cmd: int | None = Command.READ_APPENDED

    # The CardReader interface -------------------------------------------------------

    def status(self) -> CardStatus:
        """Polls once; never raises."""
        try:
            return CardRead(self.read_card())
        except NoCardPresent:
            held = self._held
            if held and time.monotonic() - held[1] < self.error_hold_s:
                return held[0].as_status()
            self._held = None
            return NoCard()
        except IdCardError as exc:
            return exc.as_status()
        except Exception as exc:  # a bug must not take the terminal down
            log.exception("card reader poll failed")
            with self._lock:
                self._drop_link()
            return ReaderError(f"internal error in the card reader driver: "
                               f"{type(exc).__name__}: {exc}", reason="internal_error")

    def close(self) -> None:
        with self._lock:
            self._drop_link()

    # The poll with typed errors ------------------------------------------------------

    def read_card(self) -> IdCard:
        """The card on the reader (cached while it stays), or a typed ``IdCardError``."""
        with self._lock:
            try:
                self._ensure_ready()
                if self._card is not None:
                    presence = self._presence()
                    if presence is _Presence.SAME:
                        return self._card
                    self._forget_card()
                    if presence is _Presence.GONE:
                        raise NoCardPresent("the card was taken off the reader")
                    self._maybe_card = True  # another card: it may answer find with 80
                card = self._read_new()
                self._card = card
                self._held = None
                self._emit(EventKind.CARD_READ)
                return card
            except CardFault as exc:
                self._maybe_card = True
                self._held = (exc, time.monotonic())
                self._emit(EventKind.CARD_FAILED, exc.reason)
                raise
            except (SamSelfTestFailed, SamNotAuthorised) as exc:
                self._ready = False  # the link stays open; the status is asked again later
                self._last_reader_error = exc
                raise
            except ReaderFault as exc:
                if self._open:
                    self._emit(EventKind.READER_LOST, exc.reason)
                self._drop_link()
                self._last_reader_error = exc
                raise

    # Opening and initialising --------------------------------------------------------

    def _ensure_ready(self) -> None:
        if self._ready:
            return
        now = time.monotonic()
        if now < self._next_open_at and self._last_reader_error is not None:
            raise self._last_reader_error  # not hammering a missing or broken reader
        self._next_open_at = now + self.reopen_interval_s
        if not self._open:
            try:
                self.link.open()
            except NoReader as exc:
                if self._was_connected:
                    raise ReaderUnplugged(f"{exc} (the reader was connected before)") from None
                raise
            self._open = True
            self._maybe_card = True
        self._init_sam()
        self._ready = True
        self._was_connected = True
        self._last_reader_error = None
        self._emit(EventKind.READER_READY, self.link.description)

    def _init_sam(self) -> None:
        status = self._sam_status_with_probe()
        if status.sw3 == SW3.SAM_SELF_TEST_FAILED:
            self._command(Command.RESET_SAM, timeout=self.timeouts.reset)
            status = self._command(Command.SAM_STATUS, timeout=self.timeouts.status)
        self._raise_sam_fault(status)
        if status.sw3 != SW3.OK:
            raise ReaderProtocolError(f"SAM status answered {sw3_meaning(status.sw3)}")
        if self.target_baud is not None:
            self._switch_speed(self.target_baud)
        if self.max_rf_bytes is not None:
            ans = self._command(Command.SET_MAX_RF_BYTES, bytes([self.max_rf_bytes]),
                                self.timeouts.set_rf)
            if ans.sw3 != SW3.OK:
                log.info("set max RF bytes answered %s; going on", sw3_meaning(ans.sw3))
        try:
            ans = self._command(Command.SAM_ID, timeout=self.timeouts.sam_id)
            if ans.sw3 == SW3.OK:
                self.info.sam_id = ans.data[:16]
        except ReaderNotResponding as exc:
            log.info("SAM id not read: %s", exc)
        self.info.line_speed = getattr(self.link, "baud", None)

    def _sam_status_with_probe(self) -> Answer:
        try:
            return self._command(Command.SAM_STATUS, timeout=self.timeouts.status)
        except ReaderNotResponding as first:
            baud = getattr(self.link, "baud", None)
            set_baud = getattr(self.link, "set_baud", None)
            if not self.probe_speeds or baud is None or set_baud is None:
                raise
            for other in STANDARD_BAUDS:
                if other == baud:
                    continue
                set_baud(other)
                try:
                    ans = self.link.exchange(Command.SAM_STATUS, b"", self.timeouts.probe)
                except NoAnswer:
                    continue
                log.warning("%s: the reader answers at %d baud, not the configured %d;"
                            " using %d (fix the reader URI's baud=)",
                            self.link.description, other, baud, other)
                return ans
            set_baud(baud)
            raise ReaderNotResponding(
                f"{first}; no answer at any standard speed ({', '.join(map(str, STANDARD_BAUDS))})"
                " — is this a GA/T 467 SAM reader, and is it powered?") from None

    def _switch_speed(self, target: int) -> None:
        current = getattr(self.link, "baud", None)
        set_baud = getattr(self.link, "set_baud", None)
        if current == target or set_baud is None:
            return
        ans = self._command(SET_BAUD << 8 | BAUD_PARA[target], timeout=self.timeouts.set_baud)
        if ans.sw3 != SW3.OK:
            log.warning("speed change to %d refused: %s", target, sw3_meaning(ans.sw3))
            return
        set_baud(target)
        time.sleep(0.005)  # the SDK manuals wait 5 ms before talking at the new speed
        try:
            self._command(Command.SAM_STATUS, timeout=self.timeouts.status)
        except ReaderNotResponding:
            log.warning("no answer at %d baud after the speed change; back to %s", target,
                        current)
            set_baud(current)

    # Commands ------------------------------------------------------------------------

    def _command(self, command: int, data: bytes = b"", timeout: float = 0.5,
                 tries: int | None = None) -> Answer:
        """One command with bounded retries of lost, corrupted or refused-as-corrupt frames."""
        last: NoAnswer | None = None
        for _ in range(tries or self.tries):
            try:
                ans = self.link.exchange(command, data, timeout)
            except NoAnswer as exc:
                last = exc
                continue
            if ans.sw3 in (SW3.HOST_CHECKSUM, SW3.HOST_LENGTH):
                last = NoAnswer(f"the module received a corrupted command ({ans.meaning})")
                continue
            if ans.sw1 or ans.sw2:
                self.info.nonzero_sw1_sw2 += 1
                log.debug("answer to %04X has SW1 SW2 = %02X %02X", command, ans.sw1, ans.sw2)
            return ans
        hint = (" — bytes arrive but no valid frame: check the line speed and the cable"
                if last is not None and last.garbled else "")
        raise ReaderNotResponding(f"{self.link.description}: {last}{hint}")

    @staticmethod
    def _raise_sam_fault(ans: Answer) -> None:
        if ans.sw3 == SW3.SAM_SELF_TEST_FAILED:
            raise SamSelfTestFailed(f"the SAM failed its self-test ({ans.meaning})")
        if ans.sw3 == SW3.SAM_NOT_AUTHORISED:
            raise SamNotAuthorised(f"the SAM is not authorised for use ({ans.meaning})")

    def _error_for(self, ans: Answer, what: str) -> IdCardError:
        self._raise_sam_fault(ans)
        if ans.sw3 == SW3.UNKNOWN_CARD_TYPE:
            return WrongCardKind(f"{what}: {ans.meaning}")
        if ans.sw3 in _CARD_FAILURES:
            return UnreadableCard(f"{what}: {ans.meaning}")
        if ans.sw3 == SW3.FIND_FAILED:
            return NoCardPresent(f"{what}: {ans.meaning}")
        return ReaderProtocolError(f"{what}: {ans.meaning}")

    # Presence ------------------------------------------------------------------------

    def _select(self) -> Answer:
        return self._command(Command.SELECT_CARD, timeout=self.timeouts.select)

    def _same_sn(self, sn: bytes) -> bool:
        sn = sn[:8]
        return sn == self._card_sn or sn == _ZERO_SN or self._card_sn == _ZERO_SN

    def _presence(self) -> _Presence:
        find = self._command(Command.FIND_CARD, timeout=self.timeouts.find)
        if find.sw3 not in (SW3.FIND_OK, SW3.FIND_FAILED):
            raise self._error_for(find, "find")
        sel = self._select()
        if sel.sw3 == SW3.OK:
            return _Presence.SAME if self._same_sn(sel.data) else _Presence.OTHER
        if sel.sw3 in (SW3.SELECT_FAILED, SW3.FIND_FAILED):
            return _Presence.GONE if find.sw3 == SW3.FIND_FAILED else _Presence.OTHER
        raise self._error_for(sel, "select")

    def _card_still_there(self) -> bool:
        """After a failure mid-read: is a card on the reader at all?"""
        try:
            find = self._command(Command.FIND_CARD, timeout=self.timeouts.find)
            if find.sw3 == SW3.FIND_OK:
                return True
            return self._select().sw3 == SW3.OK
        except ReaderNotResponding:
            return True  # unknown; let the caller's own error stand

    def _forget_card(self) -> None:
        self._card = None
        self._card_sn = _ZERO_SN
        self._emit(EventKind.CARD_REMOVED)

    # Reading -------------------------------------------------------------------------

    def _read_new(self) -> IdCard:
        find = self._command(Command.FIND_CARD, timeout=self.timeouts.find)
        selected: Answer | None = None
        if find.sw3 == SW3.FIND_FAILED:
            if not self._maybe_card:
                raise NoCardPresent("find: no card")
            # A card read before (by us before a restart, or a read that failed) may answer
            # find with 80 while it stays on the reader: select tells.
            sel = self._select()
            if sel.sw3 != SW3.OK:
                self._maybe_card = False
                raise NoCardPresent("find and select: no card")
            selected = sel
        elif find.sw3 != SW3.FIND_OK:
            raise self._error_for(find, "find")
        self._emit(EventKind.CARD_DETECTED)
        last: IdCardError | None = None
        for attempt in range(self.read_attempts):
            try:
                return self._read_sequence(selected if attempt == 0 else None)
            except WrongCardKind:
                raise
            except (CardFault, NoCardPresent) as exc:
                last = exc
                if not self._card_still_there():
                    raise CardPulled(f"the card left the reader during the read ({exc})") \
                        from None
        assert last is not None
        if isinstance(last, CardFault):
            raise last
        raise UnreadableCard(str(last))

    def _read_sequence(self, selected: Answer | None) -> IdCard:
        if selected is None:
            sel = self._select()
            if sel.sw3 != SW3.OK:
                raise self._error_for(sel, "select")
            selected = sel
        use_fp = self.fingerprint and self._fp_supported is not False
        if use_fp:
            ans = self._command(Command.READ_BASE_FP, timeout=self.timeouts.read_fp)
            if ans.sw3 == SW3.HOST_COMMAND:
                log.info("the module does not know 30 10; reading without fingerprints")
                self._fp_supported = False
                self.info.fingerprint_supported = False
                use_fp = False
                ans = self._command(Command.READ_BASE, timeout=self.timeouts.read)
            else:
                self._fp_supported = self.info.fingerprint_supported = True
        else:
            ans = self._command(Command.READ_BASE, timeout=self.timeouts.read)
        if ans.sw3 != SW3.OK:
            raise self._error_for(ans, "read")
        text, photo, fp = split_read_answer(ans.data, use_fp)
        appended = self._read_appended() if self.appended_address else ""
        try:
            card = parse_text_block(text, photo=photo, fingerprint=fp, appended_address=appended)
        except TextBlockError as exc:
            raise UnreadableCard(f"text block: {exc.problem}") from None
        self._card_sn = selected.data[:8].ljust(8, b"\0")
        return card

    def _read_appended(self) -> str:
        while self._appended_cmd is not None:
            ans = self._command(self._appended_cmd, timeout=self.timeouts.appended)
            if ans.sw3 == SW3.OK:
                return decode_appended_address(ans.data)
            if ans.sw3 == SW3.NO_CONTENT:
                return ""
            if ans.sw3 == SW3.HOST_COMMAND:
                if self._appended_cmd == Command.READ_APPENDED:
                    self._appended_cmd = Command.READ_APPENDED_ALT
                    self.info.appended_command = "30 02"
                else:
                    log.warning("the module knows neither 30 03 nor 30 02: no appended address")
                    self._appended_cmd = None
                    self.info.appended_command = "unsupported"
                continue
            raise self._error_for(ans, "appended address")
        return ""

    # Housekeeping --------------------------------------------------------------------

    def _drop_link(self) -> None:
        if self._open:
            try:
                self.link.close()
            except Exception as exc:
                log.debug("closing the link: %s", exc)
        self._open = False
        self._ready = False
        self._card = None
        self._card_sn = _ZERO_SN

    def _emit(self, kind: EventKind, detail: str = "") -> None:
        if self.listener is None:
            return
        try:
            self.listener(ReaderEvent(kind, detail))
        except Exception:
            log.exception("card reader listener failed")


def split_read_answer(data: bytes, fingerprint: bool) -> tuple[bytes, bytes, bytes]:
    """``TL PL [FL] text photo [fp]`` (lengths big-endian) → text, photo, fingerprint."""
    head = 6 if fingerprint else 4
    if len(data) < head:
        raise UnreadableCard(f"read answer of {len(data)} bytes has no length header")
    tl = int.from_bytes(data[0:2], "big")
    pl = int.from_bytes(data[2:4], "big")
    fl = int.from_bytes(data[4:6], "big") if fingerprint else 0
    if head + tl + pl + fl > len(data):
        raise UnreadableCard(f"read answer announces text {tl}, photo {pl}, fingerprint {fl}"
                             f" bytes but carries {len(data) - head}")
    text = data[head:head + tl]
    photo = data[head + tl:head + tl + pl]
    fp = data[head + tl + pl:head + tl + pl + fl]
    return bytes(text), bytes(photo), bytes(fp)


__all__ = ["CardError", "EventKind", "ReaderError", "ReaderEvent", "ReaderInfo", "SamReader",
           "Timeouts", "format_sam_id", "split_read_answer"]
