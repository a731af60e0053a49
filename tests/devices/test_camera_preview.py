"""The preview stream: frames at the asked size and rate, camera trouble as typed events,
stop from another thread; the mock camera's chosen scenes, by URI and from outside."""

from __future__ import annotations

import threading
from pathlib import Path

import cv2
import numpy as np
import pytest

from devices import registry
from devices.camera import Camera, CameraError, CameraStatus, PreviewStream
from devices.camera.document import find_page
from devices.camera.mock import MockCamera, parse_settings
from devices.camera.opencv import OpenCvCamera
from devices.camera.preview import FramePreview, fit, is_black
from devices.camera.qr import scan_qr
from devices.camera.quality import check_portrait
from devices.camera.scenes import SAMPLE_ECERT_QR
from tests.devices import synthetic as syn


def test_both_drivers_are_cameras_with_a_preview(tmp_path: Path) -> None:
    video = syn.write_video(tmp_path / "v.avi", [syn.portrait(seed=i) for i in range(3)])
    for cam in (registry.camera("mock:", tmp_path), registry.camera(f"opencv:{video}", tmp_path)):
        assert isinstance(cam, Camera)
        stream = cam.preview((320, 240), fps=0)
        assert isinstance(stream, PreviewStream)
        ev = stream.next_event()
        assert ev.status is CameraStatus.OK and ev.frame is not None
        assert ev.frame.shape == (240, 320, 3) and ev.frame.dtype == np.uint8
        stream.stop()
        cam.close()


def test_frames_come_at_the_requested_size_whatever_the_source(tmp_path: Path) -> None:
    video = syn.write_video(tmp_path / "wide.avi",
                            [syn.sensor_noise(np.zeros((360, 640, 3), np.uint8))] * 2)
    stream = OpenCvCamera(str(video)).preview((640, 480), fps=0)
    assert all(e.frame is not None and e.frame.shape == (480, 640, 3)
               for e in (stream.next_event(), stream.next_event()))


def test_fit_crops_to_the_aspect_ratio_instead_of_squashing() -> None:
    wide = np.zeros((90, 160, 3), np.uint8)
    wide[:, 20:140] = 255  # the centre 4:3 part is white, the side bands black
    out = fit(wide, (120, 90))
    assert out.shape == (90, 120, 3) and out.mean() == 255


def test_rate_is_paced_to_the_requested_fps_on_a_clock() -> None:
    now = [0.0]
    slept: list[float] = []

    def sleep(s: float) -> None:
        slept.append(round(s, 6))
        now[0] += s

    stream = FramePreview(lambda: np.full((48, 64, 3), 128, np.uint8), (64, 48), 10,
                          clock=lambda: now[0], sleep=sleep)
    for _ in range(4):
        stream.next_event()
    assert slept == [0.1, 0.1, 0.1]  # the first frame at once, then one every 1/10 s


def test_missing_camera_is_a_missing_event_not_an_exception(tmp_path: Path) -> None:
    for stream in (OpenCvCamera("7").preview(fps=0),
                   OpenCvCamera(str(tmp_path / "no.avi")).preview(fps=0),
                   registry.camera("mock:?missing=1", tmp_path).preview(fps=0)):
        ev = stream.next_event()
        assert ev.status is CameraStatus.MISSING and ev.frame is None and ev.status.ends
        assert "容缺" in ev.status.resident and ev.detail
        assert stream.next_event() == ev and stream.status is CameraStatus.MISSING


def test_camera_that_dies_mid_stream_says_unplugged_after_its_frames(tmp_path: Path) -> None:
    stream = registry.camera("mock:?scene=document&die_after=5", tmp_path).preview(fps=0)
    events = list(stream)
    assert [e.status for e in events] == [CameraStatus.OK] * 5 + [CameraStatus.UNPLUGGED]
    assert events[-1].index == 4 and "unplugged" in CameraStatus.UNPLUGGED.technician


def test_unplugging_the_mock_from_outside_ends_a_running_preview(tmp_path: Path) -> None:
    cam = MockCamera(tmp_path, "scene=face")
    stream = cam.preview(fps=0)
    assert stream.next_event().status is CameraStatus.OK
    cam.unplug()
    assert stream.next_event().status is CameraStatus.UNPLUGGED
    cam.plug()
    assert cam.preview(fps=0).next_event().status is CameraStatus.OK


def test_video_file_that_ends_is_unplugged_not_a_crash(tmp_path: Path) -> None:
    video = syn.write_video(tmp_path / "v.avi", [syn.portrait(seed=i) for i in range(3)])
    events = list(OpenCvCamera(f"{video}?loop=0").preview(fps=0))
    assert [e.status for e in events][-1] is CameraStatus.UNPLUGGED and len(events) == 4


def test_black_frames_are_flagged_after_a_few_in_a_row_and_recover(tmp_path: Path) -> None:
    cam = MockCamera(tmp_path, "scene=black")
    stream = cam.preview(fps=0)
    statuses = [stream.next_event().status for _ in range(4)]
    assert statuses == [CameraStatus.OK, CameraStatus.OK, CameraStatus.BLACK, CameraStatus.BLACK]
    assert not CameraStatus.BLACK.ends and "挡住" in CameraStatus.BLACK.resident
    cam.show("document")
    assert stream.next_event().status is CameraStatus.OK


def test_a_dark_but_real_scene_is_not_black() -> None:
    dim = (syn.portrait() * 0.25).astype(np.uint8)
    assert not is_black(dim) and is_black(np.zeros((480, 640, 3), np.uint8))


def test_stop_from_another_thread_ends_a_paced_stream_promptly(tmp_path: Path) -> None:
    stream = MockCamera(tmp_path, "scene=desk").preview(fps=0.2)  # one frame per 5 s
    assert stream.next_event().status is CameraStatus.OK
    done = threading.Event()
    result: list[CameraStatus] = []

    def pull() -> None:
        result.append(stream.next_event().status)
        done.set()

    t = threading.Thread(target=pull)
    t.start()
    stream.stop()
    assert done.wait(2.0)  # a bound on a hang, not a timing measurement
    t.join()
    assert result == [CameraStatus.STOPPED]


def frame_of(stream: PreviewStream) -> np.ndarray:
    ev = stream.next_event()
    assert ev.frame is not None
    return ev.frame


def test_scenes_are_what_their_names_say(tmp_path: Path) -> None:
    def frame(q: str) -> np.ndarray:
        ev = MockCamera(tmp_path, q).preview(fps=0).next_event()
        assert ev.frame is not None
        return ev.frame

    assert find_page(frame("scene=document")) is not None
    assert find_page(frame("scene=desk")) is None
    assert check_portrait(frame("scene=face")).ok
    assert scan_qr(frame("scene=qr")) == [SAMPLE_ECERT_QR]
    assert scan_qr(frame("scene=qr&qr=hello")) == ["hello"]
    a = MockCamera(tmp_path, "scene=moving").preview(fps=0)
    q1, q2 = find_page(frame_of(a)), find_page(frame_of(a))
    assert q1 is not None and q2 is not None and np.abs(q1 - q2).max() > 10


def test_outside_scene_file_wins_over_the_uri_until_reset(tmp_path: Path) -> None:
    cam = MockCamera(tmp_path, "scene=face")
    other = MockCamera(tmp_path)  # e.g. `kiosk demo` in another process, same mock dir
    other.show("qr", qr="VK-1-20261126-00001")
    ev = cam.preview(fps=0).next_event()
    assert ev.frame is not None and scan_qr(ev.frame) == ["VK-1-20261126-00001"]
    other.reset()
    ev = cam.preview(fps=0).next_event()
    assert ev.frame is not None and check_portrait(ev.frame).ok


def test_document_still_is_high_resolution_and_decodable(tmp_path: Path) -> None:
    photo = registry.camera("mock:?scene=document", tmp_path).capture()
    img = cv2.imdecode(np.frombuffer(photo.jpeg, np.uint8), cv2.IMREAD_COLOR)
    assert img is not None and (photo.width, photo.height) == (1280, 960) == img.shape[1::-1]
    assert find_page(img) is not None


@pytest.mark.parametrize("query", ["scene=nosuch", "sceen=face", "die_after=x", "still=9x9",
                                   "scene=face&" + "x" * 5000])
def test_bad_mock_settings_are_a_clear_error(query: str) -> None:
    with pytest.raises(CameraError):
        parse_settings(query)


def test_garbage_scene_file_is_a_camera_error_not_a_crash(tmp_path: Path) -> None:
    (tmp_path / "camera-scene").write_bytes(b"\xff\xfe\x00garbage")
    stream = MockCamera(tmp_path).preview(fps=0)
    assert stream.next_event().status is CameraStatus.MISSING
    (tmp_path / "camera-scene").unlink()
    (tmp_path / "camera-scene").mkdir()  # a directory where the file should be
    assert MockCamera(tmp_path).preview(fps=0).next_event().status is CameraStatus.OK


def test_a_box_seen_in_the_preview_lands_on_the_same_thing_in_the_still() -> None:
    """Stills wider, taller and of the preview's own shape: a bright rectangle drawn in the
    still, found in ``fit``'s preview by thresholding, carried back by ``box_to_still``."""
    from devices.camera.preview import box_to_still
    from devices.camera.quality import Box

    for sw, sh in ((1920, 1080), (1200, 1600), (1280, 960)):
        still = np.zeros((sh, sw, 3), np.uint8)
        x, y, w, h = sw // 2 - sw // 10, sh // 2 - sh // 12, sw // 7, sh // 5
        cv2.rectangle(still, (x, y), (x + w - 1, y + h - 1), (255, 255, 255), -1)
        small = fit(still, (640, 480))
        bx, by, bw, bh = cv2.boundingRect(cv2.findNonZero(
            (cv2.cvtColor(small, cv2.COLOR_BGR2GRAY) > 127).astype(np.uint8)))
        back = box_to_still(Box(bx, by, bw, bh), 640, 480, sw, sh)
        k = max(sw / 640, sh / 480)  # one preview pixel, in the still's pixels
        assert abs(back.x - x) <= 2 * k and abs(back.y - y) <= 2 * k
        assert abs(back.w - w) <= 2 * k and abs(back.h - h) <= 2 * k
