"""维护信息's camera line (issue 14): camera trouble met on a materials screen — missing,
unplugged, black frames — is what the technician sees, with when and what to check.

Driven through the real flow (``camera_trouble``, what the preview worker calls) and the
real store, so the line is read from the audit event the flow wrote, not made up here."""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Iterator

import pytest

from devices.camera.camera import CameraStatus
from kiosk.app import Kiosk
from kiosk.config import Config
from kiosk.maintenance import camera_words


@pytest.fixture
def kiosk(cfg: Config) -> Iterator[Kiosk]:
    k = Kiosk.open(cfg)
    yield k
    k.close()


def test_no_trouble_recorded_is_said_plainly(kiosk: Kiosk) -> None:
    v = kiosk.maintenance_view()
    assert not v.camera_trouble and v.camera == camera_words(None, time.time())[0]
    assert v.camera in v.texts()


@pytest.mark.parametrize("status", [CameraStatus.MISSING, CameraStatus.UNPLUGGED,
                                    CameraStatus.BLACK])
def test_each_trouble_the_screens_meet_is_on_the_maintenance_view(
        kiosk: Kiosk, status: CameraStatus) -> None:
    kiosk.flow.camera_trouble(status.resident)
    v = kiosk.maintenance_view()
    assert v.camera_trouble and status.repair in v.camera and "刚刚" in v.camera
    assert v.camera in v.texts()  # the privacy check looks through it too


def test_the_newest_trouble_wins_and_its_time_is_said() -> None:
    at = dt.datetime(2026, 11, 26, 2, 5, tzinfo=dt.UTC)
    event = {"at": at.isoformat(), "detail": '{"status": "BLACK", "technician": "x"}'}
    words, trouble = camera_words(event, at.timestamp() + 3 * 3600 + 60)
    local = at.astimezone()
    assert trouble and f"{local:%H:%M}" in words and "3 小时前" in words
    assert CameraStatus.BLACK.repair in words


def test_a_later_trouble_replaces_the_earlier_one(kiosk: Kiosk) -> None:
    kiosk.flow.camera_trouble(CameraStatus.BLACK.resident)
    kiosk.flow.camera_trouble(CameraStatus.UNPLUGGED.resident)
    v = kiosk.maintenance_view()
    assert CameraStatus.UNPLUGGED.repair in v.camera
    assert CameraStatus.BLACK.repair not in v.camera


def test_an_unknown_or_damaged_event_still_says_there_is_trouble() -> None:
    for detail in ('{"status": "OTHER"}', "not json", None):
        words, trouble = camera_words({"at": "garbage", "detail": detail}, time.time())
        assert trouble and "kiosk devices test" in words
