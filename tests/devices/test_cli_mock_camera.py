"""``kiosk mock camera …``: a tester chooses what the mock camera of a running terminal
shows — a scene, their own pictures, a phone QR, black frames, a camera that dies, none.

Each choice is checked by what a *separate* MockCamera on the same data folder (as the
terminal's is) then delivers, read by the same detectors the screens use; bad input (a
directory, a FIFO, a huge file, a non-picture, a picture too large in pixels) is one
plain line on stderr, a non-zero exit and nothing written."""

from __future__ import annotations

import contextlib
import io
import os
import struct
import zlib
from pathlib import Path
from unittest import mock

import cv2
import numpy as np
import pytest

from devices.camera import CameraStatus, scenes
from devices.camera.document import find_page
from devices.camera.mock import MockCamera
from devices.camera.qr import scan_qr
from devices.camera.quality import check_portrait
from kiosk.cli import main
from kiosk.config import Config


def run_cli(data_dir: Path, *argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    env = {"KIOSK_CONFIG": str(data_dir.parent / "none.toml")}
    with mock.patch.dict(os.environ, env), contextlib.redirect_stdout(out), \
            contextlib.redirect_stderr(err):
        code = main(["mock", "--data-dir", str(data_dir), "camera", *argv])
    return code, out.getvalue(), err.getvalue()


def terminal_camera(data_dir: Path) -> MockCamera:
    """The camera a terminal on ``data_dir`` has (``mock:``, the default)."""
    return MockCamera(Config(data_dir=data_dir).mock_dir)


def events(cam: MockCamera, n: int) -> list[CameraStatus]:
    stream = cam.preview((640, 480), fps=0)
    out = [stream.next_event().status for _ in range(n)]
    stream.stop()
    return out


def test_a_scene_is_what_the_terminal_camera_then_sees(tmp_path: Path) -> None:
    data = tmp_path / "data"
    assert run_cli(data, "scene", "face")[0] == 0
    assert check_portrait(terminal_camera(data).read_frame()).ok
    assert run_cli(data, "scene", "document", "--still", "1600x1200")[0] == 0
    cam = terminal_camera(data)
    assert find_page(cam.read_frame()) is not None
    assert (cam.capture().width, cam.capture().height) == (1600, 1200)


def test_pictures_given_are_shown_in_turn(tmp_path: Path) -> None:
    data = tmp_path / "data"
    page, face = tmp_path / "page.png", tmp_path / "face.jpg"
    cv2.imwrite(str(page), scenes.document(0, 1280, 960))
    cv2.imwrite(str(face), scenes.face(0, 1280, 960))
    code, out, err = run_cli(data, "image", str(page), str(face))
    assert (code, out.strip(), err) == (0, "ok", "")
    cam = terminal_camera(data)
    first = cam.capture()
    one = cv2.imdecode(np.frombuffer(first.jpeg, np.uint8), cv2.IMREAD_COLOR)
    assert find_page(one) is not None and not check_portrait(one).faces
    two = cv2.imdecode(np.frombuffer(cam.capture().jpeg, np.uint8), cv2.IMREAD_COLOR)
    assert len(check_portrait(two).faces) == 1


def test_a_phone_qr_black_frames_a_dying_and_a_missing_camera(tmp_path: Path) -> None:
    data = tmp_path / "data"
    text = "DZZZ1:HUKOU:5101232026000999:0A1B2C3D4E5F6071"
    assert run_cli(data, "qr", text)[0] == 0
    assert text in scan_qr(terminal_camera(data).read_frame())
    assert run_cli(data, "black")[0] == 0
    assert events(terminal_camera(data), 4)[-1] is CameraStatus.BLACK
    assert run_cli(data, "dies", "--after", "3", "--scene", "face")[0] == 0
    got = events(terminal_camera(data), 5)
    assert got[:3] == [CameraStatus.OK] * 3 and got[3] is CameraStatus.UNPLUGGED
    assert run_cli(data, "missing")[0] == 0
    assert events(terminal_camera(data), 1) == [CameraStatus.MISSING]
    assert run_cli(data, "reset")[0] == 0
    assert events(terminal_camera(data), 1) == [CameraStatus.OK]
    assert run_cli(data, "unplug")[0] == 0
    assert events(terminal_camera(data), 1) == [CameraStatus.MISSING]
    assert run_cli(data, "plug")[0] == 0
    assert events(terminal_camera(data), 1) == [CameraStatus.OK]


def png_claiming(w: int, h: int) -> bytes:
    """A tiny, well-formed PNG whose header says ``w`` x ``h`` (a decompression bomb's
    shape: decoding it would ask for w*h*3 bytes)."""
    def chunk(kind: bytes, body: bytes) -> bytes:
        return struct.pack(">I", len(body)) + kind + body + struct.pack(
            ">I", zlib.crc32(kind + body) & 0xFFFFFFFF)

    ihdr = struct.pack(">IIBBBBB", w, h, 8, 2, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) +
            chunk(b"IDAT", zlib.compress(b"\x00" * 64)) + chunk(b"IEND", b""))


def make_bad(kind: str, p: Path) -> Path:
    if kind == "directory":
        p.mkdir()
    elif kind == "fifo":
        os.mkfifo(p)
    elif kind == "huge":  # sparse: 3 GiB that costs no disk
        with p.open("wb") as f:
            f.truncate(3 * 1024**3)
    elif kind == "text":
        p.write_text("not a picture\n", encoding="utf-8")
    elif kind == "garbage":
        p.write_bytes(bytes(np.random.default_rng(7).integers(0, 256, 4096, np.uint8)))
    elif kind == "bomb":
        p.write_bytes(png_claiming(100_000, 100_000))
    elif kind == "gif":
        p.write_bytes(b"GIF89a\x10\x00\x10\x00\x00\x00\x00;")
    elif kind == "truncated jpeg":
        ok, buf = cv2.imencode(".jpg", scenes.face(0, 640, 480))
        assert ok
        p.write_bytes(buf.tobytes()[:600])
    return p  # "missing": nothing there


@pytest.mark.parametrize("kind", ["directory", "fifo", "huge", "text", "garbage", "bomb",
                                  "gif", "truncated jpeg", "missing"])
def test_bad_pictures_are_refused_in_one_line_and_nothing_changes(
        tmp_path: Path, kind: str) -> None:
    data = tmp_path / "data"
    good = tmp_path / "good.png"
    cv2.imwrite(str(good), scenes.document(0, 640, 480))
    assert run_cli(data, "image", str(good))[0] == 0
    mock_dir = Config(data_dir=data).mock_dir
    before = sorted((p.name, p.stat().st_size) for p in mock_dir.rglob("*") if p.is_file())
    bad = make_bad(kind, tmp_path / "bad.png")
    code, out, err = run_cli(data, "image", str(bad))
    assert code != 0 and out == "", (code, out, err)
    lines = err.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: ") and len(lines[0]) < 300, err
    assert "Traceback" not in err and str(bad) in lines[0]
    after = sorted((p.name, p.stat().st_size) for p in mock_dir.rglob("*") if p.is_file())
    assert after == before


def test_bad_values_are_refused_too(tmp_path: Path) -> None:
    data = tmp_path / "data"
    code, _, err = run_cli(data, "qr", "x" * 5000)
    assert code != 0 and err.startswith("error: ") and len(err.strip().splitlines()) == 1
    code, _, err = run_cli(data, "scene", "document", "--still", "99999x2")
    assert code != 0 and err.startswith("error: ")
    with pytest.raises(SystemExit) as exc:  # argparse: a frame count that is not one
        run_cli(data, "dies", "--after", "-4")
    assert exc.value.code != 0
