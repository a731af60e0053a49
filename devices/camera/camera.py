"""The Camera interface: one still photo per call (JPEG bytes), and a preview stream.

The preview is what a screen shows live (document outline, face guide, QR scan): BGR
numpy frames at a requested size and rate, pulled on a device thread. Trouble comes back
as data (``PreviewEvent`` with a ``CameraStatus``), not as an exception in the middle of a
screen, so the screen can say it in plain words and offer 容缺 or the counter, and 维护信息
can show the technician's words for the same state.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from enum import Enum
from typing import Protocol, runtime_checkable

from cv2.typing import MatLike

from devices.errors import DeviceError

Image = MatLike  # BGR frame (uint8) as OpenCV gives it

DEFAULT_PREVIEW_SIZE = (640, 480)
DEFAULT_PREVIEW_FPS = 15.0


class CameraError(DeviceError):
    resident_message = "摄像头暂时无法使用，请联系工作人员"


@dataclass(frozen=True)
class Photo:
    jpeg: bytes
    width: int
    height: int

    def __repr__(self) -> str:
        return f"Photo({self.width}x{self.height}, {len(self.jpeg)} bytes)"


class CameraStatus(Enum):
    """State of a preview stream. ``value`` is the resident's sentence; ``technician`` is
    what 维护信息 shows; ``ends`` says whether the stream is over (no more frames)."""

    OK = "摄像头正常"
    MISSING = "没有找到摄像头。您可以先选择容缺后补，或到窗口办理"
    UNPLUGGED = "摄像头连接中断了。您可以先选择容缺后补，或到窗口办理"
    BLACK = "摄像头画面是黑的，请看看镜头是否被挡住"
    STOPPED = "已停止拍摄"

    @property
    def resident(self) -> str:
        return str(self.value)

    @property
    def technician(self) -> str:
        return _TECHNICIAN[self]

    @property
    def repair(self) -> str:
        """The technician's words on 维护信息 (Chinese: the screen is read standing at the
        terminal, by whoever drove out): what is wrong and what to check."""
        return _REPAIR[self]

    @property
    def ends(self) -> bool:
        return self in (CameraStatus.MISSING, CameraStatus.UNPLUGGED, CameraStatus.STOPPED)


_TECHNICIAN = {
    CameraStatus.OK: "camera delivering frames",
    CameraStatus.MISSING: "camera not found or cannot be opened (cable, driver, 'video' group, "
                          "devices.camera in the config)",
    CameraStatus.UNPLUGGED: "camera stopped delivering frames mid-stream (unplugged, USB "
                            "power, taken by another program)",
    CameraStatus.BLACK: "camera delivers black frames (lens covered, lamp off, sensor fault)",
    CameraStatus.STOPPED: "preview stopped by the kiosk",
}

_REPAIR = {
    CameraStatus.OK: "摄像头正常",
    CameraStatus.MISSING: "找不到摄像头：检查 USB 线和供电、驱动、kiosk 用户是否在 video 组、"
                          "配置中的 devices.camera",
    CameraStatus.UNPLUGGED: "拍摄中摄像头断开：检查 USB 线是否松动、供电是否不足，"
                            "是否被其他程序占用",
    CameraStatus.BLACK: "摄像头画面全黑：检查镜头是否被挡住、补光灯是否亮，或更换摄像头",
    CameraStatus.STOPPED: "拍摄已由终端停止",
}


@dataclass(frozen=True)
class PreviewEvent:
    """One step of a preview: a frame (OK or BLACK) or the end of the stream (``frame`` is
    None: MISSING, UNPLUGGED or STOPPED). ``detail`` is for logs/维护信息, never shown to
    the resident, and never holds personal data."""

    status: CameraStatus
    frame: Image | None = None
    index: int = -1  # frames delivered so far in this stream, 0-based
    detail: str = ""

    def __repr__(self) -> str:
        shape = None if self.frame is None else self.frame.shape
        return f"PreviewEvent({self.status.name}, frame={shape}, index={self.index})"


@runtime_checkable
class PreviewStream(Protocol):
    """Pulled by one device thread; ``stop`` may be called from any thread."""

    def next_event(self) -> PreviewEvent:
        """The next frame, paced to the requested rate; after the end, the ending event
        again (never blocks forever, never raises for camera trouble)."""
        ...

    def stop(self) -> None: ...

    @property
    def status(self) -> CameraStatus: ...

    def __iter__(self) -> Iterator[PreviewEvent]: ...


@runtime_checkable
class Camera(Protocol):
    def capture(self) -> Photo:
        """Takes one photo; raises CameraError when the camera cannot deliver one."""
        ...

    def preview(self, size: tuple[int, int] = DEFAULT_PREVIEW_SIZE,
                fps: float = DEFAULT_PREVIEW_FPS) -> PreviewStream:
        """A live stream of frames (w, h) = ``size``; camera trouble is in its events."""
        ...

    def close(self) -> None: ...
