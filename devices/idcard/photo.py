"""The card photo: 1024 bytes of WLT, kept as bytes; decoded only by a licensed library.

No open decoder exists (../shared/IDCARD-READERS.md §6), so decoding is an optional ctypes
back-end, off by default and named in the reader URI (``wlt=``):

- ``unpack:/opt/reader/libwlt.so`` — ``int unpack(char *src, char *dst, int bmpSave)``
  filling ``dst`` with 102×126 24-bit BGR pixels (38 556 bytes); 1 means success.
- ``getbmp:/opt/reader/libWltRS.so?intf=2`` — ``int GetBmp(char *wltPath, int intf)``
  writing ``<name>.bmp`` beside ``<name>.wlt``; 1 means success (−5: 软件未授权).

``photo_bmp()`` never raises: with no decoder, or when decoding fails, it returns a
neutral placeholder BMP of the same size, so a screen never shows a broken image.
"""

from __future__ import annotations

import ctypes
import logging
import tempfile
from pathlib import Path
from typing import Any, Protocol
from urllib.parse import parse_qs

log = logging.getLogger(__name__)

WIDTH, HEIGHT = 102, 126
PIXELS_SIZE = WIDTH * HEIGHT * 3  # 38 556
BMP_SIZE = 54 + (WIDTH * 3 + 2) * HEIGHT  # rows padded to 308 bytes: 38 862
WLT_SIZE = 1024
GETBMP_ERRORS = {0: "调用sdtapi错误", -1: "相片解码错误", -2: "wlt文件后缀错误",
                 -3: "wlt文件打开错误", -4: "wlt文件格式错误", -5: "软件未授权",
                 -6: "设备连接错误"}


class PhotoDecodeError(Exception):
    pass


class WltDecoder(Protocol):
    def decode(self, wlt: bytes) -> bytes:
        """A BMP file's bytes, or PhotoDecodeError."""
        ...


def looks_like_wlt(data: bytes) -> bool:
    """Every real blob starts "WL", 102, 126 (LE16)."""
    return len(data) == WLT_SIZE and data[:6] == b"WL" + bytes([102, 0, 126, 0])


def bmp_from_bgr(pixels: bytes, width: int = WIDTH, height: int = HEIGHT,
                 top_down: bool = True) -> bytes:
    """A 24-bit BMP around raw BGR rows."""
    row = width * 3
    pad = (4 - row % 4) % 4
    if len(pixels) < row * height:
        raise PhotoDecodeError(f"decoder gave {len(pixels)} bytes, need {row * height}")
    rows = [pixels[i * row:(i + 1) * row] + b"\0" * pad for i in range(height)]
    if top_down:
        rows.reverse()  # BMP rows go bottom-up
    body = b"".join(rows)
    header = (b"BM" + (54 + len(body)).to_bytes(4, "little") + bytes(4)
              + (54).to_bytes(4, "little"))
    info = ((40).to_bytes(4, "little") + width.to_bytes(4, "little")
            + height.to_bytes(4, "little", signed=True) + (1).to_bytes(2, "little")
            + (24).to_bytes(2, "little") + bytes(4) + len(body).to_bytes(4, "little")
            + (2835).to_bytes(4, "little") * 2 + bytes(8))
    return header + info + body


def placeholder_bmp() -> bytes:
    """A neutral grey head-and-shoulders outline at the photo's size."""
    px = bytearray()
    cx, cy, r = WIDTH / 2, HEIGHT * 0.38, WIDTH * 0.22
    for y in range(HEIGHT):
        for x in range(WIDTH):
            head = (x - cx) ** 2 + (y - cy) ** 2 <= r * r
            shoulders = y > HEIGHT * 0.66 and abs(x - cx) < (y - HEIGHT * 0.55) * 1.4
            v = 0xB4 if head or shoulders else 0xE6
            px += bytes([v, v, v])
    return bmp_from_bgr(bytes(px))


class UnpackDecoder:
    """``unpack(src, dst, bmpSave)`` from libwlt.so / IDCUnpack (ZKTeco: ZKID_PHunpack)."""

    def __init__(self, library: str, symbol: str = "unpack", top_down: bool = True) -> None:
        self.library = library
        self.symbol = symbol
        self.top_down = top_down
        self._fn: Any = None

    def _load(self) -> Any:
        if self._fn is None:
            try:
                lib = ctypes.CDLL(self.library)
                fn = getattr(lib, self.symbol)
            except (OSError, AttributeError) as exc:
                raise PhotoDecodeError(f"cannot load {self.symbol} from {self.library}: "
                                       f"{exc}") from None
            fn.argtypes = [ctypes.c_char_p, ctypes.c_char_p, ctypes.c_int]
            fn.restype = ctypes.c_int
            self._fn = fn
        return self._fn

    def decode(self, wlt: bytes) -> bytes:
        fn = self._load()
        src = ctypes.create_string_buffer(bytes(wlt), max(len(wlt), WLT_SIZE))
        dst = ctypes.create_string_buffer(BMP_SIZE + 1024)
        ret = fn(src, dst, 0)
        if ret != 1:
            raise PhotoDecodeError(f"{self.symbol} returned {ret}")
        return bmp_from_bgr(dst.raw[:PIXELS_SIZE], top_down=self.top_down)


class GetBmpDecoder:
    """``GetBmp(wltPath, intf)`` (WltRS): decodes through files in a private temp dir."""

    def __init__(self, library: str, intf: int = 2) -> None:
        self.library = library
        self.intf = intf
        self._fn: Any = None

    def decode(self, wlt: bytes) -> bytes:
        if self._fn is None:
            try:
                fn = ctypes.CDLL(self.library).GetBmp
            except (OSError, AttributeError) as exc:
                raise PhotoDecodeError(f"cannot load GetBmp from {self.library}: {exc}") \
                    from None
            fn.argtypes = [ctypes.c_char_p, ctypes.c_int]
            fn.restype = ctypes.c_int
            self._fn = fn
        with tempfile.TemporaryDirectory(prefix="wlt-") as tmp:
            src = Path(tmp) / "zp.wlt"
            src.write_bytes(wlt)
            ret = self._fn(str(src).encode(), self.intf)
            if ret != 1:
                raise PhotoDecodeError(f"GetBmp returned {ret}"
                                       f" ({GETBMP_ERRORS.get(ret, 'unknown')})")
            try:
                return src.with_suffix(".bmp").read_bytes()
            except OSError as exc:
                raise PhotoDecodeError(f"GetBmp wrote no bitmap: {exc}") from None


def load_decoder(spec: str) -> WltDecoder:
    """``unpack:/path/lib.so[?symbol=NAME]`` or ``getbmp:/path/lib.so[?intf=N]``."""
    kind, _, rest = spec.partition(":")
    path, _, query = rest.partition("?")
    params = {k: v[-1] for k, v in parse_qs(query).items()}
    if kind == "unpack" and path:
        return UnpackDecoder(path, params.get("symbol", "unpack"),
                             params.get("rows", "top-down") != "bottom-up")
    if kind == "getbmp" and path:
        return GetBmpDecoder(path, int(params.get("intf", "2")))
    raise ValueError(f"photo decoder {spec!r}: expected unpack:/path/libwlt.so or "
                     "getbmp:/path/libWltRS.so")


def photo_bmp(wlt: bytes, decoder: WltDecoder | None) -> bytes:
    """The photo as a BMP; the placeholder when there is no decoder or decoding fails."""
    if decoder is None or not wlt:
        return placeholder_bmp()
    try:
        bmp = decoder.decode(wlt)
        if not bmp.startswith(b"BM"):
            raise PhotoDecodeError("decoder output is not a bitmap")
        return bmp
    except Exception as exc:  # a vendor library may fail in any way; show the placeholder
        log.warning("photo not decoded: %s", exc)
        return placeholder_bmp()
