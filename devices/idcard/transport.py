"""Byte transports for GA/T 467 frames: a serial line, a serial-to-Ethernet converter, and
USB bulk (frames split over two pipe pairs). The session code above them is the same.

A transport moves bytes and nothing else. Its failures are the typed reader errors:
``NoReader`` when there is nothing to open, ``ReaderUnplugged`` when an open device goes
away. ``read`` returns ``b""`` when nothing came in time; it never blocks past ``timeout``.
"""

from __future__ import annotations

import errno
import logging
import socket
import time
from typing import Any, Protocol

from devices.idcard.errors import NoReader, ReaderUnplugged
from devices.idcard.frames import HEADER_SIZE, PREAMBLE

log = logging.getLogger(__name__)

STANDARD_BAUDS = (115200, 57600, 38400, 19200, 9600)


class Transport(Protocol):
    @property
    def description(self) -> str: ...

    def open(self) -> None: ...

    def write(self, data: bytes) -> None: ...

    def read(self, timeout: float) -> bytes: ...

    def discard_input(self) -> None: ...

    def close(self) -> None: ...


def _serial_errors() -> tuple[type[BaseException], ...]:
    """What pyserial lets through when a port goes away: its own exception, OSError, and on
    POSIX termios.error (tcflush on a vanished device)."""
    import serial

    errors: tuple[type[BaseException], ...] = (serial.SerialException, OSError, ValueError)
    try:
        import termios

        errors += (termios.error,)
    except ImportError:
        pass
    return errors


class SerialTransport:
    """A UART, RS-232 or USB-serial bridge (/dev/ttyUSB0, /dev/ttyAMA0, a pty): 8N1."""

    def __init__(self, path: str, baud: int = 115200) -> None:
        self.path = path
        self.baud = baud
        self._port: Any = None

    @property
    def description(self) -> str:
        return f"serial {self.path} at {self.baud} 8N1"

    def open(self) -> None:
        import serial

        try:
            self._port = serial.Serial(self.path, self.baud, bytesize=8, parity="N", stopbits=1,
                                       timeout=0, write_timeout=2, exclusive=True)
        except _serial_errors() as exc:
            err = getattr(exc, "errno", None)
            hint = {errno.ENOENT: "the port does not exist — is the reader plugged in?",
                    errno.EACCES: "permission denied — add the kiosk user to the dialout group",
                    errno.EBUSY: "the port is busy — another program holds it"}.get(
                        err or 0, "check the cable and the port name")
            raise NoReader(f"cannot open {self.path}: {exc} ({hint})") from None

    def _need(self) -> Any:
        if self._port is None:
            raise ReaderUnplugged(f"{self.path} is not open")
        return self._port

    def write(self, data: bytes) -> None:
        port = self._need()
        try:
            port.write(data)
            port.flush()
        except _serial_errors() as exc:
            raise ReaderUnplugged(f"{self.path}: write failed: {exc}") from None

    def read(self, timeout: float) -> bytes:
        port = self._need()
        try:
            port.timeout = max(0.0, timeout)
            data: bytes = port.read(1)
            if data:
                waiting = port.in_waiting
                if waiting:
                    port.timeout = 0
                    data += port.read(waiting)
            return data
        except _serial_errors() as exc:
            raise ReaderUnplugged(f"{self.path}: read failed: {exc}") from None

    def discard_input(self) -> None:
        port = self._need()
        try:
            port.reset_input_buffer()
        except _serial_errors() as exc:
            raise ReaderUnplugged(f"{self.path}: {exc}") from None

    def set_baud(self, baud: int) -> None:
        """Changes the host side's line speed (after the module accepted 0x60, or to probe)."""
        self.baud = baud
        if self._port is not None:
            try:
                self._port.baudrate = baud
            except _serial_errors() as exc:
                raise ReaderUnplugged(f"{self.path}: cannot set {baud} baud: {exc}") from None

    def close(self) -> None:
        port, self._port = self._port, None
        if port is not None:
            try:
                port.close()
            except Exception as exc:  # closing a vanished device may fail in many ways
                log.debug("closing %s: %s", self.path, exc)


class TcpTransport:
    """The same frames through a transparent serial-to-Ethernet converter."""

    def __init__(self, host: str, port: int, connect_timeout: float = 2.0) -> None:
        self.host = host
        self.port = port
        self.connect_timeout = connect_timeout
        self._sock: socket.socket | None = None

    @property
    def description(self) -> str:
        return f"tcp {self.host}:{self.port}"

    def open(self) -> None:
        try:
            self._sock = socket.create_connection((self.host, self.port),
                                                  timeout=self.connect_timeout)
            self._sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        except OSError as exc:
            raise NoReader(f"cannot connect to {self.host}:{self.port}: {exc}"
                           " (is the serial server powered and on this network?)") from None

    def _need(self) -> socket.socket:
        if self._sock is None:
            raise ReaderUnplugged(f"{self.description} is not connected")
        return self._sock

    def write(self, data: bytes) -> None:
        sock = self._need()
        try:
            sock.settimeout(2.0)
            sock.sendall(data)
        except OSError as exc:
            raise ReaderUnplugged(f"{self.description}: send failed: {exc}") from None

    def read(self, timeout: float) -> bytes:
        sock = self._need()
        try:
            sock.settimeout(max(0.001, timeout))
            data = sock.recv(4096)
        except TimeoutError:
            return b""
        except OSError as exc:
            raise ReaderUnplugged(f"{self.description}: receive failed: {exc}") from None
        if not data:
            raise ReaderUnplugged(f"{self.description}: the converter closed the connection")
        return data

    def discard_input(self) -> None:
        sock = self._need()
        try:
            sock.setblocking(False)
            while True:
                try:
                    chunk = sock.recv(4096)
                except BlockingIOError:
                    break
                if not chunk:
                    raise ReaderUnplugged(f"{self.description}: the converter closed the"
                                          " connection")
        except OSError as exc:
            raise ReaderUnplugged(f"{self.description}: {exc}") from None
        finally:
            if self._sock is not None:
                self._sock.setblocking(True)

    def close(self) -> None:
        sock, self._sock = self._sock, None
        if sock is not None:
            sock.close()


# USB bulk -------------------------------------------------------------------------------

EP_OUT_HEADER, EP_OUT_BODY = 0x02, 0x06
EP_IN_HEADER, EP_IN_BODY = 0x81, 0x85


class UsbTransport:
    """USB full-speed bulk, as on 精伦 iDR200 (0400:C35A): a request's preamble and length go
    out on pipe 02 and the rest on 06; the answer's preamble and length come in on 81 and
    the rest on 85. This class re-joins the halves so the frame code sees one stream.

    ``finder`` (tests) replaces ``usb.core.find``; it gets ``idVendor``/``idProduct``.
    """

    def __init__(self, vid: int, pid: int, finder: Any = None) -> None:
        self.vid = vid
        self.pid = pid
        self._finder = finder
        self._dev: Any = None
        self._pending = b""

    @property
    def description(self) -> str:
        return f"usb {self.vid:04x}:{self.pid:04x}"

    def open(self) -> None:
        try:
            if self._finder is None:
                import usb.core

                dev = usb.core.find(idVendor=self.vid, idProduct=self.pid)
            else:
                dev = self._finder(idVendor=self.vid, idProduct=self.pid)
        except Exception as exc:  # pyusb raises NoBackendError and friends
            raise NoReader(f"USB not usable ({type(exc).__name__}: {exc});"
                           " is libusb-1.0 installed?") from None
        if dev is None:
            raise NoReader(f"no USB device {self.vid:04x}:{self.pid:04x} — is the reader"
                           " plugged in? (lsusb lists it)")
        try:
            if hasattr(dev, "is_kernel_driver_active") and dev.is_kernel_driver_active(0):
                dev.detach_kernel_driver(0)
            dev.set_configuration()
        except Exception as exc:
            if getattr(exc, "errno", None) == errno.EACCES:
                raise NoReader(f"{self.description}: permission denied — add a udev rule"
                               " for the reader") from None
            raise NoReader(f"{self.description}: cannot configure: {exc}") from None
        self._dev = dev
        self._pending = b""

    def _need(self) -> Any:
        if self._dev is None:
            raise ReaderUnplugged(f"{self.description} is not open")
        return self._dev

    def _gone(self, exc: Exception) -> ReaderUnplugged:
        return ReaderUnplugged(f"{self.description}: {exc}")

    def write(self, data: bytes) -> None:
        dev = self._need()
        try:
            if data.startswith(PREAMBLE) and len(data) > HEADER_SIZE:
                dev.write(EP_OUT_HEADER, data[:HEADER_SIZE], 1000)
                dev.write(EP_OUT_BODY, data[HEADER_SIZE:], 1000)
            else:
                dev.write(EP_OUT_BODY, data, 1000)
        except Exception as exc:  # a write that cannot go out (timeout included): gone
            raise self._gone(exc) from None

    def read(self, timeout: float) -> bytes:
        dev = self._need()
        deadline = time.monotonic() + timeout
        ms = max(1, int(timeout * 1000))
        try:
            header = bytes(dev.read(EP_IN_HEADER, HEADER_SIZE, ms))
        except Exception as exc:
            if _is_usb_timeout(exc):
                return b""
            raise self._gone(exc) from None
        if len(header) < HEADER_SIZE or not header.startswith(PREAMBLE):
            return header  # the frame code reports it as noise
        want = int.from_bytes(header[5:7], "big")
        body = b""
        while len(body) < want:
            left = deadline - time.monotonic()
            if left <= 0:
                break
            try:
                chunk = bytes(dev.read(EP_IN_BODY, want - len(body), max(1, int(left * 1000))))
            except Exception as exc:
                if _is_usb_timeout(exc):
                    break
                raise self._gone(exc) from None
            if not chunk:
                break
            body += chunk
        return header + body

    def discard_input(self) -> None:
        pass  # bulk pipes hold no stale stream: every answer is read whole or dropped

    def close(self) -> None:
        dev, self._dev = self._dev, None
        if dev is not None:
            try:
                import usb.util

                usb.util.dispose_resources(dev)
            except Exception as exc:
                log.debug("releasing %s: %s", self.description, exc)


def _is_usb_timeout(exc: Exception) -> bool:
    name = type(exc).__name__
    return name == "USBTimeoutError" or getattr(exc, "errno", None) in (errno.ETIMEDOUT, 110)
