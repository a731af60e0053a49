"""A GA/T 467 SAM reader simulator: a module behind a pseudo-terminal (or a TCP socket, or
a fake USB device), answering frames the way ../shared/IDCARD-READERS.md describes, with
the faults real readers show.

``SamModule`` is the protocol engine (no I/O): requests in, timed answer bytes out.
``PtySimulator`` puts it behind ``os.openpty()`` in raw mode at a path a driver opens with
pyserial exactly as it opens ``/dev/ttyUSB0``; bytes leave at the real UART pace of the
module's line speed, and a driver whose port is set to another speed gets no answer (as a
real UART would see only framing errors). ``TcpSimulator`` is a serial-to-Ethernet
converter in front of the module; ``FakeUsbDevice`` a pyusb-shaped device with the 02/06
out and 81/85 in pipes.

Run ``python -m devices.idcard.simulator`` to get a reader with a sample card on a pty,
then ``kiosk card read --reader sam-serial:PATH`` in another shell.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import errno
import os
import random
import select
import socket
import tempfile
import termios
import threading
import time
import tty
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from devices.idcard.frames import (
    MIN_REQUEST_LEN,
    PARA_BAUD,
    PREAMBLE,
    SET_BAUD,
    SW3,
    Command,
    Fault,
    Frame,
    FrameStream,
    build_answer,
)
from devices.idcard.model import IdCard
from devices.idcard.textblock import build_appended_address, build_text_block

# A WLT photo starts "WL", width 102 and height 126 (LE16), 0x32 …; the rest is opaque.
WLT_HEADER = b"WL" + (102).to_bytes(2, "little") + (126).to_bytes(2, "little") + b"\x32\x00\x00"
SAMPLE_SAM_ID = bytes([5, 0, 1, 0]) + (20230101).to_bytes(4, "little") \
    + (1234567).to_bytes(4, "little") + (890123456).to_bytes(4, "little")


def sample_wlt(seed: int = 1) -> bytes:
    rnd = random.Random(seed)
    return WLT_HEADER + bytes(rnd.randrange(256) for _ in range(1024 - len(WLT_HEADER)))


@dataclass
class SimCard:
    """What lies on the simulated reader."""

    text: bytes
    photo: bytes = field(default_factory=sample_wlt)
    fingerprint: bytes = b""
    appended: list[str] = field(default_factory=list)
    serial: bytes = bytes(8)  # the chip serial select returns (zeros in every capture)
    unknown_kind: bool = False  # the module cannot tell what card this is (SW3 40)

    @classmethod
    def of(cls, card: IdCard, **kw: object) -> SimCard:
        return cls(text=build_text_block(card), **kw)  # type: ignore[arg-type]


@dataclass
class Faults:
    """Fault modes. Counters are one-shot (each use decrements), limited to the commands in
    ``commands`` when given; the rest hold until changed."""

    missing: int = 0  # answers not sent at all
    torn: int = 0  # answers cut off halfway, the rest never sent
    bad_checksum: int = 0  # answers with a wrong checksum
    noise: int = 0  # answers preceded by a burst of random bytes
    noise_bytes: int = 23
    commands: set[int] | None = None
    slow_s: float = 0.0  # extra delay before every answer
    silent: bool = False  # the module answers nothing
    remove_before_read: bool = False  # the card leaves after select, before the read
    read_failures: int = 0  # reads answered 41 while the card stays
    sam_status: int = SW3.OK  # 0x60 self-test failed, 0x66 not authorised
    reset_fixes_self_test: bool = True
    sw1: int = 0
    sw2: int = 0
    find_80_after_read: bool = True  # the same-card quirk: find says 80, select says 90
    appended_para: int = 0x03  # the para this module knows for the appended address
    supports_fingerprint: bool = True
    several_appended: bool = False  # answer 70×n bytes when the card has n addresses


@dataclass(frozen=True)
class Timing:
    """Seconds the module (and the card's RF exchange) takes per command."""

    per_command: dict[int, float] = field(default_factory=dict)

    def of(self, code: int) -> float:
        return self.per_command.get(code, 0.0)


# About what a real module takes (the facts: a full read about 0.7 s at 115200).
REALISTIC = Timing({Command.SAM_STATUS: 0.005, Command.SAM_ID: 0.005,
                    Command.SET_MAX_RF_BYTES: 0.005, Command.FIND_CARD: 0.03,
                    Command.SELECT_CARD: 0.03, Command.READ_BASE: 0.35,
                    Command.READ_BASE_FP: 0.5, Command.READ_APPENDED: 0.05})
INSTANT = Timing()


@dataclass(frozen=True)
class Output:
    delay: float
    data: bytes


class SamModule:
    """The SAM and its card antenna. Thread-safe: tests change ``card``/``faults`` while a
    driver talks to it."""

    def __init__(self, card: SimCard | None = None, faults: Faults | None = None,
                 timing: Timing = INSTANT, baud: int = 115200) -> None:
        self.card = card
        self.faults = faults or Faults()
        self.timing = timing
        self.baud = baud
        self.sam_id = SAMPLE_SAM_ID
        self.received: list[int] = []  # command codes, in order (bad frames as -1)
        self.lock = threading.RLock()
        self._stream = FrameStream(min_len=MIN_REQUEST_LEN)
        self._selected = False
        self._read_done = False

    # Driving it from a test --------------------------------------------------------

    def insert(self, card: SimCard) -> None:
        with self.lock:
            self.card = card
            self._selected = False
            self._read_done = False

    def remove(self) -> None:
        with self.lock:
            self.card = None
            self._selected = False
            self._read_done = False

    def count(self, code: int) -> int:
        with self.lock:
            return self.received.count(code)

    # The wire ----------------------------------------------------------------------

    def handle(self, data: bytes, host_baud: int | None = None) -> list[Output]:
        """Bytes from the host → what the module sends back, with delays."""
        with self.lock:
            if host_baud is not None and host_baud != self.baud:
                self._stream.reset()  # framing errors only: nothing parses, nothing answers
                return []
            out: list[Output] = []
            for ev in self._stream.feed(data):
                if isinstance(ev, Frame):
                    req = ev.request()
                    self.received.append(req.code)
                    out.extend(self._answer(req.code, req.data))
                elif isinstance(ev, Fault):
                    self.received.append(-1)
                    sw3 = SW3.HOST_CHECKSUM if "checksum" in str(ev.error) else SW3.HOST_LENGTH
                    out.extend(self._deliver(0, build_answer(sw3)))
            return out

    def _answer(self, code: int, data: bytes) -> list[Output]:
        f = self.faults
        if f.silent:
            return []
        sw3, payload = self._execute(code, data)
        frame = build_answer(sw3, payload, f.sw1, f.sw2)
        outputs = self._deliver(code, frame)
        if code >> 8 == SET_BAUD and sw3 == SW3.OK:
            self.baud = PARA_BAUD[code & 0xFF]  # after the answer, at the old speed
        return outputs

    def _take(self, name: str, code: int) -> bool:
        f = self.faults
        if getattr(f, name) > 0 and (f.commands is None or code in f.commands):
            setattr(f, name, getattr(f, name) - 1)
            return True
        return False

    def _deliver(self, code: int, frame: bytes) -> list[Output]:
        delay = self.timing.of(code) + self.faults.slow_s
        if self._take("missing", code):
            return []
        if self._take("bad_checksum", code):
            frame = frame[:-1] + bytes([frame[-1] ^ 0x5A])
        if self._take("torn", code):
            frame = frame[:max(3, len(frame) // 2)]
        if self._take("noise", code):
            rnd = random.Random(len(self.received))
            noise = bytes(rnd.randrange(256) for _ in range(self.faults.noise_bytes))
            frame = noise.replace(PREAMBLE[:2], b"\x00\x00") + frame
        return [Output(delay, frame)]

    def _execute(self, code: int, data: bytes) -> tuple[int, bytes]:
        f = self.faults
        card = self.card
        if code == Command.RESET_SAM:
            if f.sam_status == SW3.SAM_SELF_TEST_FAILED and f.reset_fixes_self_test:
                f.sam_status = SW3.OK
            return SW3.OK, b""
        if code == Command.SAM_STATUS:
            return f.sam_status, b""
        if f.sam_status != SW3.OK:
            return f.sam_status, b""
        if code == Command.SAM_ID:
            return SW3.OK, self.sam_id
        if code == Command.SET_MAX_RF_BYTES:
            ok = len(data) == 1 and 24 <= data[0] <= 255
            return (SW3.OK if ok else SW3.HOST_COMMAND), b""
        if code >> 8 == SET_BAUD:
            return (SW3.OK if (code & 0xFF) in PARA_BAUD and not data else SW3.HOST_COMMAND), b""
        if code == Command.FIND_CARD:
            if card is None or (self._read_done and f.find_80_after_read):
                return SW3.FIND_FAILED, b""
            return SW3.FIND_OK, bytes(4)
        if code == Command.SELECT_CARD:
            if card is None:
                return SW3.SELECT_FAILED, b""
            self._selected = True
            return SW3.OK, card.serial
        if code in (Command.READ_BASE, Command.READ_BASE_FP):
            if code == Command.READ_BASE_FP and not f.supports_fingerprint:
                return SW3.HOST_COMMAND, b""
            if f.remove_before_read:
                f.remove_before_read = False
                self.remove()
                card = None
            if card is None or not self._selected:
                return SW3.READ_FAILED, b""
            if card.unknown_kind:
                return SW3.UNKNOWN_CARD_TYPE, b""
            if f.read_failures > 0:
                f.read_failures -= 1
                return SW3.READ_FAILED, b""
            self._read_done = True
            lengths = len(card.text).to_bytes(2, "big") + len(card.photo).to_bytes(2, "big")
            if code == Command.READ_BASE:
                return SW3.OK, lengths + card.text + card.photo
            return SW3.OK, (lengths + len(card.fingerprint).to_bytes(2, "big") + card.text
                            + card.photo + card.fingerprint)
        if code in (Command.READ_APPENDED, Command.READ_APPENDED_ALT):
            if (code & 0xFF) != f.appended_para:
                return SW3.HOST_COMMAND, b""
            if card is None or not self._selected:
                return SW3.READ_FAILED, b""
            if not card.appended:
                return SW3.NO_CONTENT, b""
            chosen = card.appended if f.several_appended else card.appended[-1:]
            return SW3.OK, b"".join(build_appended_address(a) for a in chosen)
        if code == Command.READ_MANAGEMENT_NO:
            return (SW3.OK, bytes(28)) if card is not None else (SW3.READ_FAILED, b"")
        return SW3.HOST_COMMAND, b""


# Plumbing: a pseudo-terminal ---------------------------------------------------------

_SPEEDS = {getattr(termios, f"B{b}"): b for b in (9600, 19200, 38400, 57600, 115200, 230400)}


class PtySimulator:
    """The module behind a pty at ``path`` (a symlink that survives unplug/replug).

    ``pace`` sends answers at the UART pace of the module's speed (10 bits per byte).
    """

    def __init__(self, module: SamModule | None = None, pace: bool = True,
                 folder: Path | None = None) -> None:
        self.module = module or SamModule()
        self.pace = pace
        self._dir = folder or Path(tempfile.mkdtemp(prefix="samsim-"))
        self.path = str(self._dir / "ttySAM0")
        self._master = -1
        self._slave = -1
        self._thread: threading.Thread | None = None
        self._stop = threading.Event()
        self.plug()

    def __enter__(self) -> PtySimulator:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def plug(self) -> None:
        """Connects the reader (again): a new pty behind the same path."""
        if self._thread is not None:
            return
        self._master, self._slave = os.openpty()
        tty.setraw(self._master)
        tty.setraw(self._slave)
        # Start at the module's speed, as a port left by a previous program would be.
        attrs = termios.tcgetattr(self._slave)
        speed = {v: k for k, v in _SPEEDS.items()}.get(self.module.baud, termios.B115200)
        attrs[4] = attrs[5] = speed
        termios.tcsetattr(self._slave, termios.TCSANOW, attrs)
        tmp = self.path + ".new"
        os.symlink(os.ttyname(self._slave), tmp)
        os.replace(tmp, self.path)
        self._stop.clear()
        self._thread = threading.Thread(target=self._run, name="sam-simulator", daemon=True)
        self._thread.start()

    def unplug(self) -> None:
        """The cable is pulled: the port disappears and open handles fail."""
        self._stop.set()
        if self._thread is not None:
            self._thread.join(timeout=2)
            self._thread = None
        for fd in (self._master, self._slave):
            if fd >= 0:
                os.close(fd)
        self._master = self._slave = -1
        if os.path.lexists(self.path):
            os.unlink(self.path)

    def close(self) -> None:
        self.unplug()
        with contextlib.suppress(OSError):
            self._dir.rmdir()

    def host_baud(self) -> int | None:
        try:
            return _SPEEDS.get(termios.tcgetattr(self._slave)[4])
        except (termios.error, OSError):
            return None

    def _run(self) -> None:
        master = self._master
        while not self._stop.is_set():
            try:
                ready, _, _ = select.select([master], [], [], 0.05)
                if not ready:
                    continue
                data = os.read(master, 4096)
            except OSError:
                return
            if not data:
                continue
            baud = self.host_baud()
            if self.pace and baud:
                time.sleep(len(data) * 10 / baud)  # the request's own time on the wire
            for out in self.module.handle(data, baud):
                if out.delay:
                    time.sleep(out.delay)
                self._send(master, out.data)

    def _send(self, fd: int, data: bytes) -> None:
        if not self.pace:
            self._write_all(fd, data)
            return
        per_byte = 10 / self.module.baud
        start = time.monotonic()
        for i in range(0, len(data), 64):
            chunk = data[i:i + 64]
            self._write_all(fd, chunk)
            due = start + (i + len(chunk)) * per_byte
            pause = due - time.monotonic()
            if pause > 0:
                time.sleep(pause)

    def _write_all(self, fd: int, data: bytes) -> None:
        view = memoryview(data)
        while view:
            try:
                n = os.write(fd, view)
            except BlockingIOError:
                time.sleep(0.001)
                continue
            except OSError:
                return
            view = view[n:]


# Plumbing: a serial-to-Ethernet converter --------------------------------------------


class TcpSimulator:
    """The module behind a transparent TCP serial server on 127.0.0.1."""

    def __init__(self, module: SamModule | None = None) -> None:
        self.module = module or SamModule()
        self._server = socket.create_server(("127.0.0.1", 0))
        self.port = int(self._server.getsockname()[1])
        self._stop = threading.Event()
        self._conns: list[socket.socket] = []
        self._thread = threading.Thread(target=self._accept, daemon=True, name="sam-tcp-sim")
        self._thread.start()

    def __enter__(self) -> TcpSimulator:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _accept(self) -> None:
        self._server.settimeout(0.1)
        while not self._stop.is_set():
            try:
                conn, _ = self._server.accept()
            except TimeoutError:
                continue
            except OSError:
                return
            self._conns.append(conn)
            threading.Thread(target=self._serve, args=(conn,), daemon=True).start()

    def _serve(self, conn: socket.socket) -> None:
        with conn:
            conn.settimeout(0.1)
            while not self._stop.is_set():
                try:
                    data = conn.recv(4096)
                except TimeoutError:
                    continue
                except OSError:
                    return
                if not data:
                    return
                for out in self.module.handle(data):
                    if out.delay:
                        time.sleep(out.delay)
                    try:
                        conn.sendall(out.data)
                    except OSError:
                        return

    def drop_connections(self) -> None:
        for c in self._conns:
            with contextlib.suppress(OSError):
                c.shutdown(socket.SHUT_RDWR)
        self._conns.clear()

    def close(self) -> None:
        self._stop.set()
        self.drop_connections()
        self._server.close()
        self._thread.join(timeout=2)


# Plumbing: a pyusb-shaped bulk device ------------------------------------------------


class USBTimeoutError(Exception):
    """Named like pyusb's, which is how the transport recognises a timeout."""

    errno = errno.ETIMEDOUT


class USBError(Exception):
    errno = errno.ENODEV


class FakeUsbDevice:
    """The module on USB bulk pipes: 02 (preamble+len) and 06 (the rest) out, 81 and 85 in."""

    def __init__(self, module: SamModule | None = None) -> None:
        self.module = module or SamModule()
        self.unplugged = False
        self.writes: list[tuple[int, bytes]] = []
        self._out_header = b""
        self._answers: list[tuple[float, bytes]] = []  # (ready at, frame)
        self._current = b""
        self._lock = threading.Lock()

    def set_configuration(self) -> None:
        if self.unplugged:
            raise USBError("no device")

    def is_kernel_driver_active(self, interface: int) -> bool:
        return False

    def write(self, ep: int, data: bytes, timeout: int | None = None) -> int:
        if self.unplugged:
            raise USBError("No such device (it may have been disconnected)")
        data = bytes(data)
        self.writes.append((ep, data))
        if ep == 0x02:
            self._out_header = data
            return len(data)
        frame, self._out_header = self._out_header + data, b""
        now = time.monotonic()
        at = now
        with self._lock:
            for out in self.module.handle(frame):
                at += out.delay
                self._answers.append((at, out.data))
        return len(data)

    def read(self, ep: int, size: int, timeout: int | None = None) -> bytes:
        if self.unplugged:
            raise USBError("No such device (it may have been disconnected)")
        deadline = time.monotonic() + (timeout or 1000) / 1000
        if ep == 0x81:
            while True:
                with self._lock:
                    if self._answers and self._answers[0][0] <= time.monotonic():
                        _, frame = self._answers.pop(0)
                        self._current = frame[7:]
                        return frame[:7]
                if time.monotonic() >= deadline:
                    raise USBTimeoutError("Operation timed out")
                time.sleep(0.001)
        if not self._current:
            time.sleep((timeout or 1000) / 1000)
            raise USBTimeoutError("Operation timed out")
        chunk, self._current = self._current[:size], self._current[size:]
        return chunk


def finder_for(device: FakeUsbDevice | None) -> object:
    """A stand-in for ``usb.core.find`` that returns ``device`` (or nothing)."""

    def find(**kw: object) -> FakeUsbDevice | None:
        return None if device is None or device.unplugged else device

    return find


# Sample cards ------------------------------------------------------------------------


def sample_card(**changes: object) -> IdCard:
    from dataclasses import replace

    from devices.idcard.validation import gb11643_check_char

    first17 = "42010219500312002"
    card = IdCard(name="张桂兰", id_number=first17 + gb11643_check_char(first17), sex_code="2",
                  nation_code="01",
                  birth_date=dt.date(1950, 3, 12), address="湖北省武汉市江岸区示范街道示范社区8号",
                  issuer="武汉市公安局江岸分局", valid_from=dt.date(2016, 5, 1),
                  valid_until=None)
    return replace(card, **changes)  # type: ignore[arg-type]


def main(argv: Iterable[str] | None = None) -> int:
    import argparse

    p = argparse.ArgumentParser(prog="python -m devices.idcard.simulator",
                                description="a SAM ID-card reader on a pseudo-terminal")
    p.add_argument("--no-card", action="store_true", help="start with the reader empty")
    p.add_argument("--realistic", action="store_true", help="real module delays")
    p.add_argument("--baud", type=int, default=115200, help="the module's line speed")
    args = p.parse_args(list(argv) if argv is not None else None)
    card = None if args.no_card else SimCard.of(sample_card())
    module = SamModule(card, timing=REALISTIC if args.realistic else INSTANT, baud=args.baud)
    with PtySimulator(module) as sim:
        print(f"reader on {sim.path}: kiosk card read --reader"
              f" 'sam-serial:{sim.path}?baud={args.baud}'", flush=True)
        print("type 'insert', 'remove' or 'quit'", flush=True)
        while True:
            try:
                line = input().strip()
            except EOFError:
                break
            if line == "insert":
                module.insert(SimCard.of(sample_card()))
            elif line == "remove":
                module.remove()
            elif line == "quit":
                break
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
