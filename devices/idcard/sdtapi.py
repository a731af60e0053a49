"""The vendor ``sdtapi`` library (``libsdtapi.so`` / ``sdtapi.dll``) as a ``Link``.

For readers sold only with an SDK: each GA/T 467 command maps to the library's
``SDT_*`` function, and its return value (the SAM's SW3, or a host-side code) becomes an
``Answer``, so the same ``SamReader`` session drives it. The library is loaded on
``open()`` only, i.e. only when a reader URI names it. Ports: 1–16 serial, 1001–1016 USB.

Signatures (../shared/IDCARD-READERS.md §4)::

    int SDT_OpenPort(int iPort);  int SDT_ClosePort(int iPort);
    int SDT_ResetSAM(int iPort, int iIfOpen);  int SDT_GetSAMStatus(int iPort, int iIfOpen);
    int SDT_SetMaxRFByte(int iPort, unsigned char ucByte, int iIfOpen);
    int SDT_GetSAMID(int iPort, unsigned char *pucSAMID, int iIfOpen);
    int SDT_StartFindIDCard(int iPort, unsigned char *pucIIN, int iIfOpen);
    int SDT_SelectIDCard(int iPort, unsigned char *pucSN, int iIfOpen);
    int SDT_ReadBaseMsg(int iPort, unsigned char *ch, unsigned int *chLen,
                        unsigned char *ph, unsigned int *phLen, int iIfOpen);
    int SDT_ReadBaseFPMsg(… ch, chLen, ph, phLen, fp, fpLen, iIfOpen);
    int SDT_ReadNewAppMsg(int iPort, unsigned char *pucAppMsg, unsigned int *puiLen, int iIfOpen);

A library call cannot be interrupted, so each runs in a daemon thread joined with the
command's timeout: a hung library gives ``NoAnswer`` (and later calls wait for it to come
back) instead of a hung terminal.
"""

from __future__ import annotations

import contextlib
import ctypes
import os
import threading
from collections.abc import Callable
from typing import Any

from devices.idcard.errors import NoReader, ReaderUnplugged
from devices.idcard.frames import SW3, Answer, Command
from devices.idcard.link import NoAnswer

# Host-side return codes of the SDK (not SAM status bytes).
HOST_CODES = {1: "端口打开失败", 2: "接收超时", 3: "校验和错", 4: "USB未配置",
              5: "串口不可用", 6: "USB被禁用"}
_BUF = 4096

_SIGNATURES: dict[str, list[Any]] = {
    "SDT_OpenPort": [ctypes.c_int],
    "SDT_ClosePort": [ctypes.c_int],
    "SDT_ResetSAM": [ctypes.c_int, ctypes.c_int],
    "SDT_GetSAMStatus": [ctypes.c_int, ctypes.c_int],
    "SDT_SetMaxRFByte": [ctypes.c_int, ctypes.c_ubyte, ctypes.c_int],
    "SDT_GetSAMID": [ctypes.c_int, ctypes.c_char_p, ctypes.c_int],
    "SDT_StartFindIDCard": [ctypes.c_int, ctypes.c_char_p, ctypes.c_int],
    "SDT_SelectIDCard": [ctypes.c_int, ctypes.c_char_p, ctypes.c_int],
    "SDT_ReadBaseMsg": [ctypes.c_int, ctypes.c_char_p, ctypes.POINTER(ctypes.c_uint),
                        ctypes.c_char_p, ctypes.POINTER(ctypes.c_uint), ctypes.c_int],
    "SDT_ReadBaseFPMsg": [ctypes.c_int, ctypes.c_char_p, ctypes.POINTER(ctypes.c_uint),
                          ctypes.c_char_p, ctypes.POINTER(ctypes.c_uint),
                          ctypes.c_char_p, ctypes.POINTER(ctypes.c_uint), ctypes.c_int],
    "SDT_ReadNewAppMsg": [ctypes.c_int, ctypes.c_char_p, ctypes.POINTER(ctypes.c_uint),
                          ctypes.c_int],
}
REQUIRED = ("SDT_OpenPort", "SDT_ClosePort", "SDT_GetSAMStatus", "SDT_StartFindIDCard",
            "SDT_SelectIDCard", "SDT_ReadBaseMsg")


def load_library(path: str) -> Any:
    """Loads a vendor library with the platform's calling convention (stdcall on Windows)."""
    loader = getattr(ctypes, "WinDLL", None) if os.name == "nt" else ctypes.CDLL
    assert loader is not None
    return loader(path)


class SdtapiLink:
    def __init__(self, library: str, port: int = 1001) -> None:
        self.library = library
        self.port = port
        self._lib: Any = None
        self._funcs: dict[str, Any] = {}
        self._busy: threading.Thread | None = None

    @property
    def description(self) -> str:
        return f"sdtapi {self.library} port {self.port}"

    def open(self) -> None:
        if self._lib is None:
            try:
                lib = load_library(self.library)
            except OSError as exc:
                raise NoReader(f"cannot load the reader library {self.library}: {exc}"
                               " (install the vendor SDK, or fix the reader URI)") from None
            funcs: dict[str, Any] = {}
            for name, argtypes in _SIGNATURES.items():
                fn = getattr(lib, name, None)
                if fn is None:
                    continue
                fn.argtypes = argtypes
                fn.restype = ctypes.c_int
                funcs[name] = fn
            missing = [n for n in REQUIRED if n not in funcs]
            if missing:
                raise NoReader(f"{self.library} is not an sdtapi library: no {', '.join(missing)}")
            self._lib, self._funcs = lib, funcs
        ret = self._call(lambda: self._funcs["SDT_OpenPort"](self.port), 5.0)
        if ret != SW3.OK:
            raise NoReader(f"SDT_OpenPort({self.port}) returned {ret}"
                           f" ({HOST_CODES.get(ret, 'unknown')}) — is the reader connected"
                           " and the port number right (1–16 serial, 1001–1016 USB)?")

    def close(self) -> None:
        if self._lib is not None and self._busy is None:
            with contextlib.suppress(NoAnswer, ReaderUnplugged):
                self._call(lambda: self._funcs["SDT_ClosePort"](self.port), 2.0)

    def _call(self, fn: Callable[[], int], timeout: float) -> int:
        busy = self._busy
        if busy is not None:
            busy.join(timeout)
            if busy.is_alive():
                raise NoAnswer(f"{self.description}: an earlier library call has not returned")
            self._busy = None
        result: list[int] = []
        failure: list[BaseException] = []

        def run() -> None:
            try:
                result.append(int(fn()))
            except BaseException as exc:  # ctypes errors surface here
                failure.append(exc)

        t = threading.Thread(target=run, name="sdtapi-call", daemon=True)
        t.start()
        t.join(timeout)
        if t.is_alive():
            self._busy = t
            raise NoAnswer(f"{self.description}: the library call did not return in"
                           f" {timeout:.1f} s")
        if failure:
            raise ReaderUnplugged(f"{self.description}: {failure[0]!r}")
        return result[0]

    def exchange(self, command: int, data: bytes, timeout: float) -> Answer:
        if self._lib is None:
            raise ReaderUnplugged(f"{self.description} is not open")
        f, port = self._funcs, self.port

        def answer(ret: int, payload: bytes = b"") -> Answer:
            if ret in HOST_CODES:
                if ret in (2, 3):
                    raise NoAnswer(f"{self.description}: {HOST_CODES[ret]}", garbled=ret == 3)
                raise ReaderUnplugged(f"{self.description}: {HOST_CODES[ret]} (code {ret})")
            ok = ret in (SW3.OK, SW3.FIND_OK)
            return Answer(0, 0, ret & 0xFF, payload if ok else b"")

        def buf() -> Any:
            return ctypes.create_string_buffer(_BUF)

        if command == Command.SAM_STATUS:
            return answer(self._call(lambda: f["SDT_GetSAMStatus"](port, 0), timeout))
        if command == Command.RESET_SAM and "SDT_ResetSAM" in f:
            return answer(self._call(lambda: f["SDT_ResetSAM"](port, 0), timeout))
        if command == Command.SET_MAX_RF_BYTES and "SDT_SetMaxRFByte" in f and data:
            return answer(self._call(lambda: f["SDT_SetMaxRFByte"](port, data[0], 0), timeout))
        if command == Command.SAM_ID and "SDT_GetSAMID" in f:
            b = buf()
            return answer(self._call(lambda: f["SDT_GetSAMID"](port, b, 0), timeout), b.raw[:16])
        if command == Command.FIND_CARD:
            b = buf()
            return answer(self._call(lambda: f["SDT_StartFindIDCard"](port, b, 0), timeout),
                          b.raw[:4])
        if command == Command.SELECT_CARD:
            b = buf()
            return answer(self._call(lambda: f["SDT_SelectIDCard"](port, b, 0), timeout),
                          b.raw[:8])
        if command == Command.READ_BASE:
            ch, ph = buf(), buf()
            chl, phl = ctypes.c_uint(0), ctypes.c_uint(0)
            ret = self._call(lambda: f["SDT_ReadBaseMsg"](port, ch, ctypes.byref(chl), ph,
                                                           ctypes.byref(phl), 0), timeout)
            tl, pl = min(chl.value, _BUF), min(phl.value, _BUF)
            return answer(ret, tl.to_bytes(2, "big") + pl.to_bytes(2, "big")
                          + ch.raw[:tl] + ph.raw[:pl])
        if command == Command.READ_BASE_FP and "SDT_ReadBaseFPMsg" in f:
            ch, ph, fp = buf(), buf(), buf()
            chl, phl, fpl = ctypes.c_uint(0), ctypes.c_uint(0), ctypes.c_uint(0)
            ret = self._call(lambda: f["SDT_ReadBaseFPMsg"](
                port, ch, ctypes.byref(chl), ph, ctypes.byref(phl), fp, ctypes.byref(fpl), 0),
                timeout)
            tl, pl, fl = (min(x.value, _BUF) for x in (chl, phl, fpl))
            return answer(ret, tl.to_bytes(2, "big") + pl.to_bytes(2, "big")
                          + fl.to_bytes(2, "big") + ch.raw[:tl] + ph.raw[:pl] + fp.raw[:fl])
        if command == Command.READ_APPENDED and "SDT_ReadNewAppMsg" in f:
            b, n = buf(), ctypes.c_uint(0)
            ret = self._call(lambda: f["SDT_ReadNewAppMsg"](port, b, ctypes.byref(n), 0),
                             timeout)
            return answer(ret, b.raw[:min(n.value, _BUF)])
        # Anything else (speed change, 30 02, management number) has no SDK function here:
        # answer as a module that does not know the command.
        return Answer(0, 0, SW3.HOST_COMMAND)
