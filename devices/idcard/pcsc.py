"""``pcsc:READER NAME`` — cards on a PC/SC reader through pcscd (pyscard's scard layer).

What PC/SC can do here: read a 社会保障卡's public fields (SELECT SSSE, READ RECORD; no
PIN), and see a resident ID card's chip UID. It cannot read the ID card's name, number or
photo: the card releases those only to a 公安部 SAM inside a dedicated reader, so the status
says so plainly (``IdChipOnly``) instead of pretending.

A read costs about ten APDUs, so the card's handle is kept after a read and each poll asks
pcscd only whether that handle still sees the same card (``SCardStatus``): a removed or
swapped card invalidates the handle, and only then is the card read again. A lost pcscd or
an unplugged reader drops the context, and the next poll starts over: no restart needed.

The reader name is matched exactly, else as a prefix (reader names end in a slot index
that changes when a reader is re-plugged); empty means the first reader.
"""

from __future__ import annotations

import logging
import threading
from dataclasses import dataclass
from typing import Any

from devices.idcard import ssc
from devices.idcard.reader import (
    CardError,
    CardStatus,
    IdChipOnly,
    NoCard,
    ReaderError,
    SocialCardRead,
)

log = logging.getLogger(__name__)

# SCardStatus card state bit (pcsclite.h); pyscard exports only the GetStatusChange flags.
_SCARD_PRESENT = 0x0004

INSERT_AGAIN = "读卡中断，请取出社保卡后重新插入，读完前不要拔卡"
UNREADABLE = "无法读取这张卡，请取出后重新插入；仍不行请联系工作人员"
WRONG_KIND = "无法识别这张卡，请插入社会保障卡"
ID_NEEDS_SAM = "这台读卡器只能读取社保卡，读不了身份证信息，请使用身份证阅读器或联系工作人员"
NO_READER = "读卡器未连接，请联系工作人员"


class _Abort(Exception):
    """Ends a read with the status it should report."""

    def __init__(self, status: CardStatus) -> None:
        super().__init__(type(status).__name__)
        self.status = status


@dataclass
class _Held:
    handle: Any
    status: CardStatus


def _scard() -> Any:
    from smartcard import scard

    return scard


class PcscCardReader:
    def __init__(self, reader: str = "") -> None:
        self.reader = reader.strip()
        self._sc = _scard()
        self._ctx: Any = None
        self._held: _Held | None = None
        self._lock = threading.Lock()

    # CardReader -------------------------------------------------------------------------

    def status(self) -> CardStatus:
        with self._lock:
            try:
                return self._poll()
            except _Abort as stop:
                return stop.status

    def close(self) -> None:
        with self._lock:
            self._drop_card()
            if self._ctx is not None:
                self._sc.SCardReleaseContext(self._ctx)
                self._ctx = None

    # Polling ----------------------------------------------------------------------------

    def _poll(self) -> CardStatus:
        sc = self._sc
        ctx = self._context()
        if self._held is not None:
            hr, _name, state, _proto, _atr = sc.SCardStatus(self._held.handle)
            if hr == sc.SCARD_S_SUCCESS and state & _SCARD_PRESENT:
                return self._held.status
            self._drop_card()
            self._check_service(hr)
        name = self._reader_name(ctx)
        hr, handle, proto = sc.SCardConnect(ctx, name, sc.SCARD_SHARE_SHARED,
                                            sc.SCARD_PROTOCOL_T0 | sc.SCARD_PROTOCOL_T1)
        if hr in (sc.SCARD_E_NO_SMARTCARD, sc.SCARD_W_REMOVED_CARD):
            return NoCard()
        self._check_service(hr)
        if hr in (sc.SCARD_W_UNRESPONSIVE_CARD, sc.SCARD_W_UNPOWERED_CARD,
                  sc.SCARD_E_PROTO_MISMATCH):
            return CardError(f"card gives no usable ATR ({self._msg(hr)})", UNREADABLE,
                             "card_unreadable")
        if hr in (sc.SCARD_E_UNKNOWN_READER, sc.SCARD_E_READER_UNAVAILABLE):
            return ReaderError(f"PC/SC reader {name!r} went away ({self._msg(hr)})",
                               NO_READER, "reader_unplugged")
        if hr != sc.SCARD_S_SUCCESS:
            return ReaderError(f"SCardConnect({name!r}) failed: {self._msg(hr)}",
                               reason="reader_fault")
        try:
            status = self._read(handle, proto)
        except _Abort as stop:
            status = stop.status
        if isinstance(status, ReaderError):
            sc.SCardDisconnect(handle, sc.SCARD_LEAVE_CARD)
            return status
        self._held = _Held(handle, status)
        return status

    def _context(self) -> Any:
        sc = self._sc
        if self._ctx is None:
            hr, ctx = sc.SCardEstablishContext(sc.SCARD_SCOPE_USER)
            if hr != sc.SCARD_S_SUCCESS:
                raise _Abort(ReaderError(
                    f"pcscd not reachable ({self._msg(hr)}): start it with "
                    "`systemctl start pcscd` (Debian package pcscd)", NO_READER, "no_reader"))
            self._ctx = ctx
        return self._ctx

    def _check_service(self, hr: int) -> None:
        """pcscd went away (restart, crash): forget the context so the next poll
        establishes a new one."""
        sc = self._sc
        if hr in (sc.SCARD_E_NO_SERVICE, sc.SCARD_E_SERVICE_STOPPED,
                  sc.SCARD_E_INVALID_HANDLE):
            self._held = None
            self._ctx = None
            raise _Abort(ReaderError(f"pcscd connection lost ({self._msg(hr)}); "
                                     "check `systemctl status pcscd`", NO_READER, "no_reader"))

    def _reader_name(self, ctx: Any) -> str:
        sc = self._sc
        hr, names = sc.SCardListReaders(ctx, [])
        self._check_service(hr)
        if hr == sc.SCARD_E_NO_READERS_AVAILABLE or (hr == sc.SCARD_S_SUCCESS and not names):
            raise _Abort(ReaderError("no PC/SC reader connected: plug the reader in and "
                                     "check `pcsc_scan`", NO_READER, "no_reader"))
        if hr != sc.SCARD_S_SUCCESS:
            raise _Abort(ReaderError(f"SCardListReaders failed: {self._msg(hr)}",
                                     reason="reader_fault"))
        if not self.reader:
            return str(names[0])
        if self.reader in names:
            return self.reader
        for n in names:
            if str(n).startswith(self.reader):
                return str(n)
        raise _Abort(ReaderError(f"PC/SC reader {self.reader!r} not found; present: "
                                 f"{', '.join(map(str, names))} (set devices.card_reader to "
                                 "'pcsc:' and one of these)", NO_READER, "no_reader"))

    def _drop_card(self) -> None:
        if self._held is not None:
            self._sc.SCardDisconnect(self._held.handle, self._sc.SCARD_LEAVE_CARD)
            self._held = None

    def _msg(self, hr: int) -> str:
        return f"{self._sc.SCardGetErrorMessage(hr)} {hr & 0xFFFFFFFF:#010x}"

    # Reading ----------------------------------------------------------------------------

    def _read(self, handle: Any, proto: int) -> CardStatus:
        sc = self._sc
        hr = sc.SCardBeginTransaction(handle)
        if hr != sc.SCARD_S_SUCCESS:
            raise _Abort(self._transmit_failure(hr))
        try:
            return self._read_card(handle, proto)
        finally:
            sc.SCardEndTransaction(handle, sc.SCARD_LEAVE_CARD)

    def _read_card(self, handle: Any, proto: int) -> CardStatus:
        selected = self._transmit(handle, proto, ssc.select_aid())
        if not selected.ok:
            return self._not_social(handle, proto)
        values: dict[ssc.Field, bytes] = {}
        try:
            for ef, fields in ssc.READ_PLAN:
                r = self._transmit(handle, proto, ssc.select_ef(ef))
                if not r.ok:
                    return CardError(f"SELECT {ef:04X} answered SW {r.sw:04X}", UNREADABLE,
                                     "card_unreadable")
                for f in fields:
                    r = self._transmit(handle, proto, ssc.read_record(f.record, f.length + 2))
                    if not r.ok:
                        return CardError(f"READ RECORD {f.name} answered SW {r.sw:04X}",
                                         UNREADABLE, "card_unreadable")
                    values[f] = ssc.record_value(r.data, f)
            card = ssc.parse_card(values)
            return SocialCardRead(card=card.to_id_card(), social=card)
        except ssc.SscFormatError as exc:
            log.warning("social security card unreadable: %s", exc)
            return CardError(f"social security card data malformed: {exc}", UNREADABLE,
                             "card_unreadable")

    def _not_social(self, handle: Any, proto: int) -> CardStatus:
        uid = self._transmit(handle, proto, ssc.ID_CHIP_UID)
        if uid.ok and len(uid.data) == 8:
            return IdChipOnly(
                "resident ID card: PC/SC gives its chip UID only; name, number and photo "
                "need a SAM reader (devices.card_reader = 'sam-serial:/dev/ttyUSB0')",
                ID_NEEDS_SAM, "wrong_card_kind", uid=uid.data)
        return CardError("not a social security card (no SSSE application)", WRONG_KIND,
                         "wrong_card_kind")

    def _transmit(self, handle: Any, proto: int, apdu: bytes) -> ssc.Response:
        """One command, following 61xx (GET RESPONSE) and 6Cxx (wrong Le) a few times."""
        sc = self._sc
        pci = sc.SCARD_PCI_T0 if proto == sc.SCARD_PROTOCOL_T0 else sc.SCARD_PCI_T1
        for _ in range(4):
            hr, raw = sc.SCardTransmit(handle, pci, list(apdu))
            if hr != sc.SCARD_S_SUCCESS:
                raise _Abort(self._transmit_failure(hr))
            if len(raw) < 2:
                # An empty answer is what a card pulled mid-command leaves behind.
                raise _Abort(CardError(f"card stopped answering mid-read ({len(raw)}-byte "
                                       "answer)", INSERT_AGAIN, "card_pulled"))
            r = ssc.parse_response(bytes(raw))
            sw1, sw2 = r.sw >> 8, r.sw & 0xFF
            if sw1 == 0x61:
                apdu = ssc.get_response(sw2)
            elif sw1 == 0x6C and len(apdu) == 5:
                apdu = ssc.with_le(apdu, sw2)
            else:
                return r
        raise _Abort(CardError("card keeps asking for another Le / GET RESPONSE", UNREADABLE,
                               "card_unreadable"))

    def _transmit_failure(self, hr: int) -> CardStatus:
        sc = self._sc
        self._check_service(hr)
        if hr in (sc.SCARD_W_REMOVED_CARD, sc.SCARD_E_NO_SMARTCARD, sc.SCARD_W_RESET_CARD,
                  sc.SCARD_E_NOT_TRANSACTED, sc.SCARD_F_COMM_ERROR,
                  sc.SCARD_W_UNRESPONSIVE_CARD, sc.SCARD_W_UNPOWERED_CARD):
            return CardError(f"card pulled or stopped answering mid-read ({self._msg(hr)})",
                             INSERT_AGAIN, "card_pulled")
        if hr in (sc.SCARD_E_READER_UNAVAILABLE, sc.SCARD_E_UNKNOWN_READER):
            return ReaderError(f"reader went away mid-read ({self._msg(hr)})", NO_READER,
                               "reader_unplugged")
        return CardError(f"transmit failed: {self._msg(hr)}", UNREADABLE, "card_unreadable")
