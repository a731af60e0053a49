"""The Camera interface: one still photo per call, as JPEG bytes."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol, runtime_checkable

from devices.errors import DeviceError


class CameraError(DeviceError):
    resident_message = "摄像头暂时无法使用，请联系工作人员"


@dataclass(frozen=True)
class Photo:
    jpeg: bytes
    width: int
    height: int

    def __repr__(self) -> str:
        return f"Photo({self.width}x{self.height}, {len(self.jpeg)} bytes)"


@runtime_checkable
class Camera(Protocol):
    def capture(self) -> Photo:
        """Takes one photo; raises CameraError when the camera cannot deliver one."""
        ...

    def close(self) -> None: ...
