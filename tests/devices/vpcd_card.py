"""A virtual smart card of the project's own, speaking vsmartcard-vpcd's wire protocol.

pcscd's vpcd driver listens on a TCP port; a card "inserts" itself by connecting and is
"removed" by closing the socket. Every message is a 2-byte big-endian length then bytes: a
1-byte message is a control code (0 power off, 1 power on, 2 reset, 4 send the ATR), any
longer one a command APDU answered with data + SW1 SW2. Debian's ``vicc`` is broken, and
owning the card lets a test tear a read (close mid-APDU) or answer garbage on purpose.
"""

from __future__ import annotations

import contextlib
import random
import socket
import struct
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field

from devices.idcard import ssc

SSC_ATR = bytes.fromhex("3B0453534345")        # T=0, historical bytes "SSCE"
ID_CHIP_ATR = bytes.fromhex("3B8880010000000000000000")

SW_OK = b"\x90\x00"
SW_NOT_FOUND = b"\x6a\x82"
SW_NO_RECORD = b"\x6a\x83"
SW_INS_UNKNOWN = b"\x6d\x00"


class Applet:
    atr: bytes = SSC_ATR

    def apdu(self, cmd: bytes) -> bytes:
        raise NotImplementedError

    def reset(self) -> None:
        """Power cycle: a real card forgets its selection."""


@dataclass
class SocialSecurityApplet(Applet):
    """The SSSE application with EF05/EF06 records, as a 社保卡 holds them.

    ``get_response`` makes SELECT answer 61xx (T=0 cards that want GET RESPONSE);
    ``strict_le`` answers 6Cxx to a READ RECORD whose Le is not the record's length.
    """

    records: dict[ssc.Field, bytes]
    get_response: bool = False
    strict_le: bool = False
    _df: bool = field(default=False, init=False)
    _ef: int | None = field(default=None, init=False)
    _pending: bytes = field(default=b"", init=False)

    def reset(self) -> None:
        self._df, self._ef, self._pending = False, None, b""

    def _record(self, ef: int, rec: int) -> bytes | None:
        for f, value in self.records.items():
            if f.ef == ef and f.record == rec:
                return ssc.encode_record(f, value)
        return None

    def apdu(self, cmd: bytes) -> bytes:
        ins, p1, p2 = cmd[1], cmd[2], cmd[3]
        if ins == 0xA4 and p1 == 0x04:
            if cmd[5:5 + cmd[4]] != ssc.SSSE_AID:
                return SW_NOT_FOUND
            self._df, self._ef = True, None
            if self.get_response:
                self._pending = bytes.fromhex("6f0a840873782e31736868")
                return bytes([0x61, len(self._pending)])
            return SW_OK
        if ins == 0xC0:
            out, self._pending = self._pending, b""
            return out + SW_OK
        if ins == 0xA4 and p1 == 0x02:
            fid = int.from_bytes(cmd[5:7], "big")
            if not self._df or fid not in (ssc.EF_CARD, ssc.EF_HOLDER):
                return SW_NOT_FOUND
            self._ef = fid
            return SW_OK
        if ins == 0xB2:
            ef = self._ef if (p2 & 0xF8) == 0 else 0xEF00 | (p2 >> 3)
            if not self._df or ef is None:
                return SW_NOT_FOUND
            rec = self._record(ef, p1)
            if rec is None:
                return SW_NO_RECORD
            le = cmd[4] if len(cmd) > 4 else 0
            if self.strict_le and le != len(rec):
                return bytes([0x6C, len(rec)])
            return rec + SW_OK
        return SW_INS_UNKNOWN


@dataclass
class IdChipApplet(Applet):
    """A resident ID card's chip as a contactless PC/SC reader sees it: UID only."""

    uid: bytes
    atr: bytes = ID_CHIP_ATR

    def apdu(self, cmd: bytes) -> bytes:
        if cmd[:5] == ssc.ID_CHIP_UID:
            return self.uid + SW_OK
        if cmd[1] == 0xA4:
            return SW_NOT_FOUND
        return SW_INS_UNKNOWN


@dataclass
class Faults:
    """``torn_after``: close the socket on receiving that many APDUs (1 = the first), never
    answering it. ``garbage``: answer every APDU with random bytes (seeded), of random length
    from 0 up. ``delay_s``: wait before each answer."""

    torn_after: int | None = None
    garbage: bool = False
    garbage_seed: int = 0
    delay_s: float = 0.0


class VirtualCard:
    """One card in one vpcd slot. ``insert()`` connects, ``remove()`` closes."""

    def __init__(self, port: int, applet: Applet, faults: Faults | None = None) -> None:
        self.port = port
        self.applet = applet
        self.faults = faults or Faults()
        self.apdus: list[bytes] = []
        self._sock: socket.socket | None = None
        self._thread: threading.Thread | None = None
        self._rng = random.Random(self.faults.garbage_seed)
        self.on_apdu: Callable[[bytes], None] | None = None

    def insert(self, timeout: float = 5.0) -> None:
        deadline = time.monotonic() + timeout
        while True:
            try:
                self._sock = socket.create_connection(("127.0.0.1", self.port), timeout=1)
                break
            except OSError:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.05)
        self._sock.settimeout(None)
        self._thread = threading.Thread(target=self._serve, args=(self._sock,), daemon=True)
        self._thread.start()

    def remove(self) -> None:
        sock, self._sock = self._sock, None
        if sock is not None:
            with contextlib.suppress(OSError):
                sock.shutdown(socket.SHUT_RDWR)
            sock.close()
        if self._thread is not None:
            self._thread.join(timeout=5)
            self._thread = None

    @property
    def inserted(self) -> bool:
        return self._thread is not None and self._thread.is_alive()

    def __enter__(self) -> VirtualCard:
        self.insert()
        return self

    def __exit__(self, *exc: object) -> None:
        self.remove()

    # ---------------------------------------------------------------------------------

    @staticmethod
    def _recv(sock: socket.socket, n: int) -> bytes | None:
        buf = b""
        while len(buf) < n:
            try:
                chunk = sock.recv(n - len(buf))
            except OSError:
                return None
            if not chunk:
                return None
            buf += chunk
        return buf

    @staticmethod
    def _send(sock: socket.socket, payload: bytes) -> None:
        sock.sendall(struct.pack(">H", len(payload)) + payload)

    def _serve(self, sock: socket.socket) -> None:
        try:
            while True:
                head = self._recv(sock, 2)
                if head is None:
                    return
                msg = self._recv(sock, struct.unpack(">H", head)[0])
                if msg is None:
                    return
                if len(msg) == 1:
                    if msg[0] == 4:
                        self._send(sock, self.applet.atr)
                    elif msg[0] in (0, 2):
                        self.applet.reset()
                    continue
                self.apdus.append(msg)
                if self.on_apdu is not None:
                    self.on_apdu(msg)
                if self.faults.torn_after is not None and \
                        len(self.apdus) >= self.faults.torn_after:
                    sock.shutdown(socket.SHUT_RDWR)
                    return
                if self.faults.delay_s:
                    time.sleep(self.faults.delay_s)
                if self.faults.garbage:
                    answer = self._rng.randbytes(self._rng.randint(0, 40))
                else:
                    answer = self.applet.apdu(msg) if len(msg) >= 4 else SW_INS_UNKNOWN
                self._send(sock, answer)
        except OSError:
            return
