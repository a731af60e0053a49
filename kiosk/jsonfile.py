"""Reading a file someone hands the terminal (``kiosk submit FILE``, ``guide --answers``,
``card decode --hex``, ``--config``, a catalog folder) within bounds.

The file may be anything a path can name: a directory, a FIFO nobody writes to, a device,
a 5 GB log, a JSON bomb nested a million deep, a file another program is still writing.
Each is refused in one line before it is read whole or parsed, so a mistyped path can
neither hang the command nor exhaust memory, and half a file is never taken for a file.
Every command that reads a path goes through here.
"""

from __future__ import annotations

import json
import os
import stat
from pathlib import Path
from typing import Any, BinaryIO

MAX_BYTES = 1024 * 1024  # a submit file names its photos; it does not carry them
MAX_DEPTH = 32  # {applicant: {...}, materials: {REF: {...}}} is 3 deep


class JsonFileError(ValueError):
    """The file cannot be taken; the message (one line, no file content) says why."""


def _kind(mode: int) -> str:
    if stat.S_ISDIR(mode):
        return "a directory"
    if stat.S_ISFIFO(mode):
        return "a FIFO (named pipe)"
    if stat.S_ISSOCK(mode):
        return "a socket"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISREG(mode):
        return "a file"
    return "not a regular file"


def read_bounded(path: Path, max_bytes: int) -> bytes:
    """The bytes of ``path`` when it is a regular file of at most ``max_bytes``; JsonFileError
    (one line) for a missing file, a directory, a FIFO, a device or anything larger — found
    by fstat before a byte is read, so a FIFO never blocks and a huge file is never read."""
    try:
        # O_NONBLOCK: opening a FIFO with no writer must not wait for one.
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_NOCTTY)
    except FileNotFoundError:
        raise JsonFileError("no such file") from None
    except OSError as exc:
        raise JsonFileError(f"cannot open it ({exc.strerror})") from None
    try:
        st = os.fstat(fd)
        if not stat.S_ISREG(st.st_mode):
            raise JsonFileError(f"{_kind(st.st_mode)}, not a regular file")
        if st.st_size > max_bytes:
            raise JsonFileError(f"{st.st_size} bytes; a file here may be at most "
                                f"{max_bytes} bytes")
        chunks, left = [], max_bytes + 1  # it may have grown since fstat
        while left > 0:
            chunk = os.read(fd, min(left, 1 << 16))
            if not chunk:
                break
            chunks.append(chunk)
            left -= len(chunk)
        data = b"".join(chunks)
        after = os.fstat(fd)
        if len(data) <= max_bytes and (
                len(data) != after.st_size or after.st_size != st.st_size
                or after.st_mtime_ns != st.st_mtime_ns):
            raise JsonFileError("it changed while being read (another program is writing "
                                "it?); run again once it is complete")
    except OSError as exc:
        raise JsonFileError(f"cannot read it ({exc.strerror})") from None
    finally:
        os.close(fd)
    if len(data) > max_bytes:
        raise JsonFileError(f"more than {max_bytes} bytes; a file here may be at most "
                            f"{max_bytes} bytes")
    return data


def read_stdin_bounded(stream: BinaryIO, max_bytes: int) -> bytes:
    """At most ``max_bytes`` of a stream (``-`` for stdin); JsonFileError past that."""
    try:
        data = stream.read(max_bytes + 1)
    except OSError as exc:
        raise JsonFileError(f"cannot read it ({exc.strerror})") from None
    if len(data) > max_bytes:
        raise JsonFileError(f"more than {max_bytes} bytes; at most {max_bytes} bytes here")
    return data


def decode_text(data: bytes) -> str:
    """UTF-8 (a BOM allowed), or JsonFileError naming the first bad byte."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise JsonFileError(f"not UTF-8 text ({exc.reason} at byte {exc.start})") from None


def read_text_file(path: Path, max_bytes: int = MAX_BYTES) -> str:
    """The UTF-8 text of ``path`` within the same bounds as ``read_bounded``."""
    return decode_text(read_bounded(path, max_bytes))


def read_json_file(path: Path, max_bytes: int = MAX_BYTES, max_depth: int = MAX_DEPTH) -> Any:
    """The parsed JSON of ``path``; JsonFileError when it is not a regular UTF-8 JSON file
    of at most ``max_bytes`` nested at most ``max_depth`` deep."""
    return parse_json(read_text_file(path, max_bytes), max_depth)


def parse_json(text: str, max_depth: int = MAX_DEPTH) -> Any:
    """``json.loads`` with the nesting bound; JsonFileError (one line) otherwise."""
    try:
        value = json.loads(text)
    except json.JSONDecodeError as exc:
        raise JsonFileError(f"not valid JSON: {exc.msg} at line {exc.lineno} column "
                            f"{exc.colno}") from None
    except RecursionError:
        raise JsonFileError(f"nested too deeply; at most {max_depth} levels") from None
    if depth(value) > max_depth:
        raise JsonFileError(f"nested too deeply; at most {max_depth} levels")
    return value


def check_output_path(path: Path) -> Path:
    """``path`` when a file may be written there: missing or a regular file, in a folder
    (or one that can be made). JsonFileError (one line) for a directory, a FIFO or a device
    named as the output, or a parent that is a file — checked before anything is written,
    so a refused command leaves nothing behind."""
    try:
        st = os.stat(path)
    except FileNotFoundError:
        st = None
    except OSError as exc:
        raise JsonFileError(f"cannot use it ({exc.strerror})") from None
    if st is not None and not stat.S_ISREG(st.st_mode):
        raise JsonFileError(f"{_kind(st.st_mode)}; give a file name to write")
    for parent in path.absolute().parents:
        try:
            pst = os.stat(parent)
        except FileNotFoundError:
            continue
        except OSError as exc:
            raise JsonFileError(f"cannot use {parent} ({exc.strerror})") from None
        if not stat.S_ISDIR(pst.st_mode):
            raise JsonFileError(f"{parent} is {_kind(pst.st_mode)}, not a folder")
        break
    return path


def depth(value: Any) -> int:
    """How many arrays/objects deep ``value`` goes (a scalar is 0); no recursion."""
    deepest = 0
    stack: list[tuple[Any, int]] = [(value, 0)]
    while stack:
        v, d = stack.pop()
        if isinstance(v, dict | list):
            d += 1
            deepest = max(deepest, d)
            stack += [(c, d) for c in (v.values() if isinstance(v, dict) else v)]
    return deepest
