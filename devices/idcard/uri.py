"""Reader URIs of the SAM back-ends → a ``SamReader`` (nothing is opened here).

::

    sam-serial:/dev/ttyUSB0?baud=115200     GA/T 467 frames on a serial line (8N1)
    sam-usb:0400:c35a                       the same frames over USB bulk
    sam-tcp:192.0.2.7:4001                  the same frames through a serial server
    sdtapi:/opt/reader/libsdtapi.so?port=1001   the vendor library (ports 1–16, 1001–1016)

Options for every form (after ``?``, joined with ``&``):
``fp=1`` read fingerprints too (30 10); ``appended=0`` skip the appended address;
``max_rf=80`` the SAM's RF frame size (24–255, ``none`` to leave it);
``set_baud=N`` switch the module's line speed with command 0x60 after connecting;
``probe=0`` do not look for the reader at other line speeds when it stays silent;
``wlt=unpack:/path/libwlt.so`` a licensed photo decoder (see ``devices.idcard.photo``).
"""

from __future__ import annotations

from urllib.parse import parse_qs

from devices.idcard.errors import BadReaderUri
from devices.idcard.link import FrameLink, Link
from devices.idcard.session import SamReader
from devices.idcard.transport import STANDARD_BAUDS, SerialTransport, TcpTransport, UsbTransport

SCHEMES = ("sam-serial", "sam-usb", "sam-tcp", "sdtapi")
FORMS = ("sam-serial:/dev/ttyUSB0?baud=115200, sam-usb:0400:c35a, sam-tcp:HOST:PORT,"
         " sdtapi:/path/libsdtapi.so?port=1001")
_OPTIONS = {"baud", "port", "fp", "appended", "max_rf", "set_baud", "probe", "wlt"}


def _bad(uri: str, why: str) -> BadReaderUri:
    return BadReaderUri(f"devices.card_reader={uri!r}: {why}; expected one of: {FORMS}")


def _flag(uri: str, params: dict[str, str], key: str, default: bool) -> bool:
    v = params.get(key)
    if v is None:
        return default
    if v.lower() in ("1", "true", "yes", "on"):
        return True
    if v.lower() in ("0", "false", "no", "off"):
        return False
    raise _bad(uri, f"{key}={v!r} is not 0 or 1")


def _int(uri: str, params: dict[str, str], key: str, default: int | None) -> int | None:
    v = params.get(key)
    if v is None:
        return default
    if v.lower() == "none":
        return None
    try:
        return int(v, 0)
    except ValueError:
        raise _bad(uri, f"{key}={v!r} is not a number") from None


def open_reader(uri: str) -> SamReader:
    """Builds the reader for ``uri`` (BadReaderUri names the key and the forms)."""
    scheme, _, rest = uri.partition(":")
    target, _, query = rest.partition("?")
    params = {k: v[-1] for k, v in parse_qs(query, keep_blank_values=True).items()}
    unknown = sorted(set(params) - _OPTIONS)
    if unknown:
        raise _bad(uri, f"unknown option {', '.join(unknown)}")
    link: Link
    if scheme == "sam-serial":
        if not target:
            raise _bad(uri, "no serial port")
        baud = _int(uri, params, "baud", 115200)
        if baud not in STANDARD_BAUDS:
            raise _bad(uri, f"baud={baud} is not one of {', '.join(map(str, STANDARD_BAUDS))}")
        link = FrameLink(SerialTransport(target, baud))
    elif scheme == "sam-usb":
        vid_pid = target or "0400:c35a"
        try:
            vid_s, pid_s = vid_pid.split(":")
            vid, pid = int(vid_s, 16), int(pid_s, 16)
        except ValueError:
            raise _bad(uri, f"{vid_pid!r} is not VID:PID in hex") from None
        link = FrameLink(UsbTransport(vid, pid))
    elif scheme == "sam-tcp":
        host, sep, port_s = target.rpartition(":")
        host = host.strip("[]")
        if not sep or not host or not port_s.isdigit() or not 0 < int(port_s) < 65536:
            raise _bad(uri, "expected HOST:PORT")
        link = FrameLink(TcpTransport(host, int(port_s)))
    elif scheme == "sdtapi":
        if not target:
            raise _bad(uri, "no library path")
        port = _int(uri, params, "port", 1001)
        if port is None or not (1 <= port <= 16 or 1001 <= port <= 1016 or port >= 2401):
            raise _bad(uri, f"port={port}: serial ports are 1–16, USB ports 1001–1016")
        from devices.idcard.sdtapi import SdtapiLink

        link = SdtapiLink(target, port)
    else:
        raise _bad(uri, f"no SAM back-end {scheme!r}")
    set_baud = _int(uri, params, "set_baud", None)
    if set_baud is not None and set_baud not in STANDARD_BAUDS:
        raise _bad(uri, f"set_baud={set_baud} is not a standard speed")
    max_rf = _int(uri, params, "max_rf", 0x50)
    if max_rf is not None and not 24 <= max_rf <= 255:
        raise _bad(uri, "max_rf must be 24..255")
    reader = SamReader(link, fingerprint=_flag(uri, params, "fp", False),
                       appended_address=_flag(uri, params, "appended", True),
                       max_rf_bytes=max_rf, set_baud=set_baud,
                       probe_speeds=_flag(uri, params, "probe", True))
    if params.get("wlt"):
        from devices.idcard.photo import load_decoder

        try:
            reader.photo_decoder = load_decoder(params["wlt"])
        except ValueError as exc:
            raise _bad(uri, str(exc)) from None
    return reader
