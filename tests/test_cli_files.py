"""Every `kiosk` command that takes a path, against the class of bad input (issue 16): a
directory, a FIFO, an unreadable file, a huge file, deep nesting, non-UTF-8, garbage, the
wrong shape, a folder or a FIFO named as the output. Each is a short plain error, a
non-zero exit, and leaves every file as it was. Hypothesis draws the command, the kind of
path and the bytes; the commands run in-process through ``kiosk.cli.main`` as typed."""

from __future__ import annotations

import contextlib
import io
import os
import tempfile
import tomllib
from pathlib import Path
from unittest import mock

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from kiosk.catalog import load_catalog
from kiosk.cli import main
from kiosk.cli_services import VALIDATE_LISTED
from kiosk.jsonfile import JsonFileError, read_bounded

# Each command with {P} where the path goes; the guide's item is the shipped catalog's.
ITEM = load_catalog().items[0].code
INPUT_COMMANDS = {
    "submit": ["submit", "{P}"],
    "guide --answers": ["guide", ITEM, "--answers", "{P}"],
    "card decode --hex": ["card", "decode", "--hex", "{P}"],
    "--config": ["--config", "{P}", "queue"],
    "catalog validate": ["catalog", "validate", "{D}"],
    "catalog list --dir": ["catalog", "list", "--dir", "{D}"],
}
OUTPUT_COMMANDS = {
    "receipt --pdf": ["receipt", "VK-1", "--pdf", "{P}"],
    "guide --pdf": ["guide", ITEM, "--pdf", "{P}"],
}
INPUT_KINDS = ("directory", "fifo", "missing", "unreadable", "symlink loop", "huge",
               "nested", "non-utf8", "garbage", "wrong shape")
OUTPUT_KINDS = ("directory", "fifo", "parent is a file")

garbage = st.binary(min_size=1, max_size=2048)
nested = st.tuples(st.integers(min_value=65, max_value=300_000), st.sampled_from("[{"))
wrong_shape = st.sampled_from(["[]", "[1, 2]", "\"text\"", "42", "null", "true",
                               "[{\"applicant\": 1}]", "{\"applicant\": [1]}"])


def snapshot(root: Path) -> dict[str, tuple[int, int, int]]:
    """Every entry under ``root`` with its mode, size and modification time."""
    out = {}
    for dirpath, dirnames, filenames in os.walk(root):
        for name in dirnames + filenames:
            p = Path(dirpath) / name
            s = p.lstat()
            out[str(p.relative_to(root))] = (s.st_mode, s.st_size, s.st_mtime_ns)
    return out


def make_input(kind: str, p: Path, data: object) -> Path:
    """Puts the bad thing at ``p``; returns the path to hand the command."""
    if kind == "directory":
        p.mkdir()
    elif kind == "fifo":
        os.mkfifo(p)
    elif kind == "missing":
        pass
    elif kind == "unreadable":  # tests run as root: permissions stop nothing, EIO does
        return Path("/proc/self/mem")
    elif kind == "symlink loop":
        p.symlink_to(p)
    elif kind == "huge":  # sparse: 3 GiB that costs no disk
        with p.open("wb") as f:
            f.truncate(3 * 1024**3)
    elif kind == "nested":
        n, opener = data  # type: ignore[misc]
        inner = '{"a":' if opener == "{" else "["
        closer = "}" if opener == "{" else "]"
        p.write_text(inner * n + "1" + closer * n, encoding="utf-8")
    elif kind == "non-utf8":
        p.write_bytes(b'{"applicant": "' + bytes(data) + b'\xff\xfe"}')  # type: ignore[arg-type]
    elif kind == "garbage":
        p.write_bytes(bytes(data))  # type: ignore[arg-type]
    else:
        p.write_text(str(data), encoding="utf-8")
    return p


def run_cli(argv: list[str], data_dir: Path) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    env = {"KIOSK_CONFIG": str(data_dir.parent / "none.toml"), "KIOSK_DATA_DIR": str(data_dir),
           "KIOSK_PLATFORM_URL": "http://127.0.0.1:9"}
    with mock.patch.dict(os.environ, env), contextlib.redirect_stdout(out), \
            contextlib.redirect_stderr(err):
        code = main(argv)
    return code, out.getvalue(), err.getvalue()


def assert_short_plain_error(code: int, stdout: str, stderr: str, max_lines: int = 1) -> None:
    """One short line — or, for the catalog's validator, one per problem it names (at most
    ``max_lines``), each a short plain "error:" line."""
    assert code != 0, stdout + stderr
    assert "Traceback" not in stderr
    lines = stderr.strip().splitlines()
    assert 1 <= len(lines) <= max_lines, stderr
    assert all(len(ln) < 600 for ln in lines), stderr
    assert max_lines == 1 or all(ln.startswith("error: ") for ln in lines), stderr
    assert stdout == "", stdout


def _is_toml(raw: bytes) -> bool:
    try:
        tomllib.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, tomllib.TOMLDecodeError):
        return False
    return True


@settings(max_examples=80, deadline=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(command=st.sampled_from(sorted(INPUT_COMMANDS)), kind=st.sampled_from(INPUT_KINDS),
       data=st.data())
def test_every_file_taking_command_refuses_bad_input_in_one_line(
        command: str, kind: str, data: st.DataObject) -> None:
    payload = {"nested": nested, "garbage": garbage, "non-utf8": garbage,
               "wrong shape": wrong_shape}.get(kind, st.none())
    value = data.draw(payload)
    if command == "--config" and kind in ("garbage", "wrong shape"):
        assume(not _is_toml(bytes(value) if kind == "garbage" else str(value).encode()))
    if "catalog" in command and kind == "unreadable":
        assume(False)  # a folder holds no /proc file; covered by the other commands
    check_input_refused(command, kind, value)


EXAMPLE = {"nested": (100_000, "["), "garbage": b"\x00\x01PK\x03\x04", "non-utf8": b"abc",
           "wrong shape": "[1, 2]"}


@pytest.mark.parametrize("kind", INPUT_KINDS)
@pytest.mark.parametrize("command", sorted(INPUT_COMMANDS))
def test_each_command_meets_each_kind_of_bad_input(command: str, kind: str) -> None:
    """Every pair once (the fuzz test above draws among them)."""
    if "catalog" in command and kind == "unreadable":
        kind = "huge"  # a folder holds no /proc file
    check_input_refused(command, kind, EXAMPLE.get(kind))


def check_input_refused(command: str, kind: str, value: object) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        work = root / "work"
        work.mkdir()
        folder = work / "catalog-dir"
        folder.mkdir()
        target = make_input(kind, (folder / "catalog.json") if "catalog" in command
                            else work / "input.json", value)
        before = snapshot(work)
        argv = [a.replace("{P}", str(target)).replace("{D}", str(folder))
                for a in INPUT_COMMANDS[command]]
        code, out, err = run_cli(argv, root / "data")
        validate = command.startswith("catalog validate")
        if validate:
            out = ""  # validate lists nothing on failure; ok lines go to stdout
        assert_short_plain_error(code, out, err,
                                 VALIDATE_LISTED + 1 if validate else 1)
        assert snapshot(work) == before  # the input is as it was
        assert not (root / "data" / "kiosk.sqlite3").exists()  # nothing opened or queued


@settings(max_examples=30, deadline=None)
@given(command=st.sampled_from(sorted(OUTPUT_COMMANDS)), kind=st.sampled_from(OUTPUT_KINDS))
def test_an_output_path_that_cannot_be_a_file_is_refused_before_anything(
        command: str, kind: str) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        work = root / "work"
        work.mkdir()
        if kind == "directory":
            target = work / "out.pdf"
            target.mkdir()
        elif kind == "fifo":
            target = work / "out.pdf"
            os.mkfifo(target)
        else:
            (work / "plain").write_text("x", encoding="utf-8")
            target = work / "plain" / "out.pdf"
        before = snapshot(work)
        argv = [a.replace("{P}", str(target)) for a in OUTPUT_COMMANDS[command]]
        code, out, err = run_cli(argv, root / "data")
        assert_short_plain_error(code, out, err)
        assert "--pdf" in err
        assert snapshot(work) == before
        assert not (root / "data").exists()  # refused before the terminal's data is opened


def test_a_file_that_changes_while_read_is_refused(tmp_path: Path) -> None:
    """A writer appending between our reads: the second fstat sees it."""
    p = tmp_path / "growing.json"
    p.write_bytes(b"[" + b"1," * 40_000 + b"1]")
    real_read = os.read
    calls = []

    def read_then_append(fd: int, n: int) -> bytes:
        chunk = real_read(fd, n)
        if not calls:
            with p.open("ab") as f:
                f.write(b" ")
        calls.append(n)
        return chunk

    with mock.patch("kiosk.jsonfile.os.read", read_then_append), \
            pytest.raises(JsonFileError, match="changed while being read"):
        read_bounded(p, 1024 * 1024)
    assert len(calls) >= 1
    assert read_bounded(p, 1024 * 1024).endswith(b"1] ")  # complete now: taken


def test_card_decode_from_stdin_is_bounded_too(tmp_path: Path) -> None:
    import subprocess

    from tests.conftest import kiosk_cmd

    res = subprocess.run(kiosk_cmd("card", "decode", "--hex", "-"), input=b"ab" * 100_000,
                         capture_output=True, timeout=120, check=False,
                         env=dict(os.environ, KIOSK_CONFIG=str(tmp_path / "none.toml")))
    assert res.returncode == 2
    assert b"Traceback" not in res.stderr and len(res.stderr.splitlines()) == 1


def test_the_catalog_validator_names_each_problem_of_a_wrong_shape_and_counts_the_rest(
        tmp_path: Path) -> None:
    """Found by the search above: a catalog of the wrong shape altogether has a problem per
    missing key; the validator names them (its job), each on its line, at most
    VALIDATE_LISTED and then how many more."""
    folder = tmp_path / "cat"
    folder.mkdir()
    (folder / "catalog.json").write_text('{"applicant": [1]}', encoding="utf-8")
    code, out, err = run_cli(["catalog", "validate", str(folder)], tmp_path / "data")
    lines = err.strip().splitlines()
    assert code == 1 and out == "" and 2 <= len(lines) <= VALIDATE_LISTED
    assert any("'applicant' was unexpected" in ln for ln in lines)
    assert any("'items' is a required property" in ln for ln in lines)
    from kiosk.catalog.loader import CatalogError, Problem

    many = CatalogError([Problem("catalog.json", f"$.items[{i}]", "name is required")
                         for i in range(VALIDATE_LISTED + 7)])
    with mock.patch("kiosk.cli_services._catalog", side_effect=many):
        code, _out, err = run_cli(["catalog", "validate", str(folder)], tmp_path / "data")
    lines = err.strip().splitlines()
    assert code == 1 and len(lines) == VALIDATE_LISTED + 1
    assert lines[-1] == "error: ... and 7 more problems"
