"""Typed device errors: each carries a sentence a resident or technician can act on."""

from __future__ import annotations


class DeviceError(Exception):
    """Base for device failures; ``resident_message`` is shown on screen (Chinese)."""

    resident_message = "设备暂时无法使用，请联系工作人员"

    def __init__(self, detail: str, resident_message: str | None = None) -> None:
        super().__init__(detail)
        if resident_message is not None:
            self.resident_message = resident_message


class DeviceUnavailable(DeviceError):
    resident_message = "设备未连接，请联系工作人员"


class UnknownDriver(DeviceError):
    """The config names a driver this build does not have."""
