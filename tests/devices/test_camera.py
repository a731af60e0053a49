"""Camera: portrait quality rules (real Haar cascade on drawn faces), the OpenCV driver on
video files and image sequences, document capture, receipt QR scanning."""

from __future__ import annotations

import subprocess
from pathlib import Path

import cv2
import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from devices import registry
from devices.camera.camera import CameraError
from devices.camera.document import DEFAULT_MAX_BYTES, capture_document, find_page, jpeg_under
from devices.camera.opencv import OpenCvCamera, parse_source
from devices.camera.qr import scan_qr
from devices.camera.quality import (
    Box,
    PortraitRules,
    Problem,
    check_portrait,
    detect_faces,
    portrait_problems,
)
from tests.devices import synthetic as syn


def test_centred_sharp_well_lit_face_passes() -> None:
    check = check_portrait(syn.portrait())
    assert check.ok and len(check.faces) == 1


@pytest.mark.parametrize(("frame", "problem"), [
    (syn.sensor_noise(syn.room()), Problem.NO_FACE),
    (syn.sensor_noise(syn.draw_face(syn.draw_face(syn.room(), 160, 240, 0.7), 480, 240, 0.7)),
     Problem.MANY_FACES),
    (syn.portrait(150, 150, 0.7), Problem.OFF_CENTRE),
    (syn.portrait(s=0.4), Problem.TOO_SMALL),
    (syn.portrait(s=1.9), Problem.TOO_LARGE),
    (cv2.GaussianBlur(syn.portrait(), (0, 0), 3), Problem.BLURRED),
    ((syn.portrait() * 0.3).astype(np.uint8), Problem.TOO_DARK),
    (np.clip(syn.portrait().astype(int) + 100, 0, 255).astype(np.uint8), Problem.TOO_BRIGHT),
], ids=lambda v: v.name if isinstance(v, Problem) else "")
def test_each_portrait_failure_gives_its_plain_hint(frame: np.ndarray, problem: Problem) -> None:
    assert check_portrait(frame).problems == (problem,)


def test_hints_are_the_plain_chinese_sentences() -> None:
    assert Problem.NO_FACE.hint == "请正对镜头"
    assert Problem.TOO_DARK.hint == "光线太暗"
    assert all(p.hint for p in Problem)


def test_dark_room_says_too_dark_rather_than_face_the_camera() -> None:
    frame = (syn.portrait() * 0.1).astype(np.uint8)
    assert check_portrait(frame).hints == ["光线太暗"]


def test_rules_are_configurable() -> None:
    frame = syn.portrait(s=0.7)
    assert check_portrait(frame).ok
    assert check_portrait(frame, PortraitRules(min_face_height=0.6)).problems == (
        Problem.TOO_SMALL,)


def test_face_boxes_are_in_the_frame_coordinates_whatever_the_detection_scale() -> None:
    (box,) = detect_faces(syn.portrait(400, 260, 0.8))
    cx, cy = box.centre
    assert abs(cx - 400) < 25 and abs(cy - 260) < 40


boxes = st.builds(Box, st.integers(-700, 700), st.integers(-500, 500), st.integers(0, 800),
                  st.integers(0, 600))


@given(st.lists(boxes, max_size=4), st.integers(0, 255))
@settings(max_examples=60, deadline=None)
def test_any_detector_output_gives_problems_never_an_exception(
        faces: list[Box], level: int) -> None:
    frame = np.full((120, 160, 3), level, np.uint8)
    problems = portrait_problems(frame, faces)
    assert all(isinstance(p, Problem) for p in problems)
    assert (len(problems) == 0) == (len(faces) == 1 and not problems)


# The driver -------------------------------------------------------------------------------


@pytest.fixture
def video(tmp_path: Path) -> Path:
    frames = [syn.portrait(300 + 4 * i, 240, seed=i) for i in range(10)]
    return syn.write_video(tmp_path / "cam.avi", frames)


def test_video_file_gives_preview_frames_and_loops_at_its_end(video: Path) -> None:
    cam = OpenCvCamera(str(video))
    frames = list(cam.frames(limit=25))
    cam.close()
    assert len(frames) == 25 and all(f.shape == (480, 640, 3) for f in frames)
    assert check_portrait(frames[12]).ok


def test_capture_gives_a_decodable_jpeg_still(video: Path, tmp_path: Path) -> None:
    cam = registry.camera(f"opencv:{video}", tmp_path)
    photo = cam.capture()
    cam.close()
    decoded = cv2.imdecode(np.frombuffer(photo.jpeg, np.uint8), cv2.IMREAD_COLOR)
    assert (photo.width, photo.height) == (640, 480) == decoded.shape[1::-1]


def test_image_sequence_is_a_camera_too(tmp_path: Path) -> None:
    for i in range(3):
        cv2.imwrite(str(tmp_path / f"f{i:03d}.png"), syn.portrait(seed=i))
    cam = OpenCvCamera(f"{tmp_path}/f%03d.png?loop=0")
    assert len(list(cam.frames(limit=3))) == 3
    with pytest.raises(CameraError, match="no frame"):
        cam.read_frame()
    cam.close()


def test_missing_device_or_file_is_a_camera_error_a_technician_can_act_on(
        tmp_path: Path) -> None:
    with pytest.raises(CameraError, match="cannot open video file"):
        OpenCvCamera(str(tmp_path / "none.avi")).read_frame()
    with pytest.raises(CameraError, match="/dev/video7"):
        OpenCvCamera("7").read_frame()


def test_source_uri_parsing() -> None:
    assert parse_source("0") == (0, True)
    assert parse_source("/v/a.mp4?loop=0") == ("/v/a.mp4", False)
    with pytest.raises(CameraError):
        parse_source("")


# Documents and QR -------------------------------------------------------------------------


def test_tilted_page_is_found_straightened_and_cropped() -> None:
    frame = syn.document_on_table()
    quad = find_page(frame)
    assert quad is not None
    scan = capture_document(frame)
    assert scan.outline_found
    assert abs(scan.width / scan.height - 780 / 1100) < 0.03  # the page's own proportions
    page = cv2.imdecode(np.frombuffer(scan.jpeg, np.uint8), cv2.IMREAD_GRAYSCALE)
    assert page.mean() > 180  # mostly paper, no desk left
    assert len(scan.jpeg) <= DEFAULT_MAX_BYTES


def test_page_seen_at_a_slant_is_found_and_straightened() -> None:
    scan = capture_document(syn.document_on_table(angle=-5, keystone=0.15))
    assert scan.outline_found
    page = cv2.imdecode(np.frombuffer(scan.jpeg, np.uint8), cv2.IMREAD_GRAYSCALE)
    h, w = page.shape
    corners = [page[:h // 20, :w // 20], page[:h // 20, -w // 20:], page[-h // 20:, :w // 20],
               page[-h // 20:, -w // 20:]]
    assert all(c.mean() > 200 for c in corners)  # paper to the corners, no desk


def test_frame_without_a_page_is_kept_whole() -> None:
    scan = capture_document(syn.sensor_noise(syn.room()))
    assert not scan.outline_found and (scan.width, scan.height) == (640, 480)


@pytest.mark.parametrize("budget", [8_000, 40_000, 300_000])
def test_jpeg_fits_the_byte_budget(budget: int) -> None:
    big = syn.sensor_noise(syn.document_on_table(w=1600, h=1200), sigma=12)
    jpeg, quality, img = jpeg_under(big, budget)
    assert len(jpeg) <= budget and 30 <= quality <= 95
    assert cv2.imdecode(np.frombuffer(jpeg, np.uint8), cv2.IMREAD_COLOR).shape == img.shape


def test_receipt_qr_is_read_from_a_camera_frame() -> None:
    text = "http://county.example/q/42010220261126000001"
    assert scan_qr(syn.receipt_with_qr(text)) == [text]
    assert scan_qr(syn.portrait()) == []


def test_qr_of_a_printed_receipt_pdf_is_read(tmp_path: Path) -> None:
    from reportlab.pdfgen import canvas

    text = "VK-1-20261126-00001"
    pdf = tmp_path / "r.pdf"
    cv2.imwrite(str(tmp_path / "qr.png"), syn.qr_image(text))
    c = canvas.Canvas(str(pdf), pagesize=(226, 300))
    c.drawImage(str(tmp_path / "qr.png"), 50, 100, 126, 126)
    c.save()
    subprocess.run(["pdftoppm", "-r", "96", "-png", "-singlefile", str(pdf),
                    str(tmp_path / "page")], check=True)
    assert scan_qr(cv2.imread(str(tmp_path / "page.png"))) == [text]
