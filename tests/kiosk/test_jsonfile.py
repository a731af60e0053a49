"""`kiosk submit FILE` takes what a path can name and refuses, in one line, what it cannot
read safely: directories, FIFOs, devices, huge files, deep nesting, oversized fields."""

from __future__ import annotations

import json
import os
import threading
from pathlib import Path

import pytest

from kiosk.jsonfile import MAX_BYTES, MAX_DEPTH, JsonFileError, depth, read_json_file
from tests.conftest import make_id
from tests.test_cli import env_for, run


def test_a_regular_file_is_read_and_parsed(tmp_path: Path) -> None:
    p = tmp_path / "ok.json"
    p.write_text('\ufeff{"a": [1, {"b": "字"}]}', encoding="utf-8")  # a BOM from Notepad
    assert read_json_file(p) == {"a": [1, {"b": "字"}]}


def test_a_fifo_nobody_writes_to_is_refused_at_once(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.json"
    os.mkfifo(fifo)
    outcome: list[str] = []
    t = threading.Thread(target=lambda: outcome.append(_problem(fifo)), daemon=True)
    t.start()
    t.join(timeout=30)  # a reader that blocks on open would never come back
    assert outcome == ["a FIFO (named pipe), not a regular file"]


def _problem(path: Path, **kw: int) -> str:
    with pytest.raises(JsonFileError) as err:
        read_json_file(path, **kw)
    return str(err.value)


@pytest.mark.parametrize("make, words", [
    (lambda p: p.mkdir(), "a directory, not a regular file"),
    (lambda p: None, "no such file"),
    (lambda p: os.truncate(p.open("wb").name, 5 * 1024**3),  # sparse: nothing to read
     f"5368709120 bytes; a file here may be at most {MAX_BYTES} bytes"),
    (lambda p: p.write_bytes(b'{"a": "\xff"}'), "not UTF-8 text (invalid start byte at byte 7)"),
    (lambda p: p.write_text('{"a": 1', encoding="utf-8"), "not valid JSON: Expecting"),
    (lambda p: p.write_text("[" * 200_000 + "]" * 200_000, encoding="utf-8"),
     f"nested too deeply; at most {MAX_DEPTH} levels"),
    (lambda p: p.write_text("[" * (MAX_DEPTH + 1) + "]" * (MAX_DEPTH + 1), encoding="utf-8"),
     f"nested too deeply; at most {MAX_DEPTH} levels"),
])
def test_what_cannot_be_read_safely_is_one_line(tmp_path: Path, make: object,
                                                words: str) -> None:
    p = tmp_path / "case.json"
    make(p)  # type: ignore[operator]
    problem = _problem(p)
    assert problem.startswith(words) and "\n" not in problem


def test_a_device_is_refused_without_reading_it() -> None:
    assert _problem(Path("/dev/zero")) == "a device, not a regular file"


def test_nesting_at_the_bound_is_taken() -> None:
    assert depth([[[]]]) == 3 and depth({"a": 1}) == 1 and depth("x") == 0


def test_kiosk_submit_refuses_bad_files_and_oversized_fields_queuing_nothing(
        tmp_path: Path) -> None:
    env = env_for(tmp_path)
    folder = tmp_path / "a-folder"
    folder.mkdir()
    fifo = tmp_path / "pipe.json"
    os.mkfifo(fifo)
    huge = tmp_path / "huge.json"
    with huge.open("wb") as fh:
        fh.truncate(50 * 1024**2)
    deep = tmp_path / "deep.json"
    deep.write_text('{"applicant": ' + "[" * 100_000 + "]" * 100_000 + "}", encoding="utf-8")
    long_address = tmp_path / "long.json"
    long_address.write_text(json.dumps({
        "applicant": {"name": "张三", "id_number": make_id("42010219441105002"),
                      "address": "址" * 100_000},
        "items": ["LOCAL-YB-0001"]}, ensure_ascii=False), encoding="utf-8")
    expect = {
        folder: "a directory, not a regular file",
        fifo: "a FIFO (named pipe), not a regular file",
        huge: f"52428800 bytes; a file here may be at most {MAX_BYTES} bytes",
        deep: f"nested too deeply; at most {MAX_DEPTH} levels",
        long_address: "applicant.address: 申请人的「住址」最多只能有120个字",
    }
    for path, words in expect.items():
        res = run("submit", str(path), env=env)
        assert res.returncode == 2, res.stderr
        assert res.stderr.count("\n") == 1 and f"error: {path}: {words}" in res.stderr
        assert "址址" not in res.stderr
    assert "pending: 0" in run("queue", env=env).stdout


def test_kiosk_submit_takes_every_card_kind_the_reader_accepts(tmp_path: Path) -> None:
    """`应为18位` / `地区代码不正确` no more: a 居住证 or 永久居留证 number is checked as one,
    with or without the card_kind in the file; a resident number claimed as a permit is not."""
    env = env_for(tmp_path)
    people = [
        {"name": "陈美玲", "id_number": make_id("81000019900215002")},
        {"name": "约翰", "id_number": "USA310085020012", "card_kind": "foreign_permanent_2017"},
        {"name": "安娜", "id_number": "932682198501010017"},
    ]
    for i, person in enumerate(people):
        spec = tmp_path / f"case{i}.json"
        spec.write_text(json.dumps({"applicant": person, "items": ["LOCAL-YB-0001"]},
                                   ensure_ascii=False), encoding="utf-8")
        res = run("submit", str(spec), env=env)
        assert res.returncode == 0, res.stderr
        assert res.stdout.strip().startswith("VK-")
    wrong = tmp_path / "wrong.json"
    wrong.write_text(json.dumps({"applicant": {
        "name": "王", "id_number": make_id("42010219441105002"), "card_kind": "hk_mo_tw_permit"},
        "items": ["LOCAL-YB-0001"]}, ensure_ascii=False), encoding="utf-8")
    res = run("submit", str(wrong), env=env)
    assert res.returncode == 2
    assert "applicant.id_number: 申请人的「证件号码」不正确：居住证号码应以810000" in res.stderr
    assert f"pending: {len(people)}" in run("queue", env=env).stdout


def test_photos_a_submit_file_names_are_read_within_bounds_too(tmp_path: Path) -> None:
    from kiosk.services import SpecError, application_from_spec
    from tests.kiosk.svc import catalog

    os.mkfifo(tmp_path / "pipe.jpg")
    (tmp_path / "folder.jpg").mkdir()
    with (tmp_path / "huge.jpg").open("wb") as fh:
        fh.truncate(2 * 1024**3)
    (tmp_path / "ok.jpg").write_bytes(b"\xff\xd8 jpeg")
    person = {"name": "张三", "id_number": make_id("42010219441105002")}
    for name, words in (("pipe.jpg", "a FIFO (named pipe), not a regular file"),
                        ("folder.jpg", "a directory, not a regular file"),
                        ("huge.jpg", "2147483648 bytes; a file here may be at most"),
                        ("gone.jpg", "no such file")):
        spec = {"applicant": person, "items": ["LOCAL-YB-0001"], "photos": {"portrait": [name]}}
        with pytest.raises(SpecError) as err:
            application_from_spec(catalog(), spec, tmp_path)
        assert str(err.value).startswith(f"photos.portrait: {tmp_path / name}: {words}")
    spec = {"applicant": person, "items": ["LOCAL-YB-0001"], "photos": {"portrait": ["ok.jpg"]}}
    assert application_from_spec(catalog(), spec, tmp_path).photos == {
        "portrait": (b"\xff\xd8 jpeg",)}
