"""Cameras for portraits, document photos and QR codes: stills and a live preview."""

from devices.camera.camera import (
    Camera,
    CameraError,
    CameraStatus,
    Photo,
    PreviewEvent,
    PreviewStream,
)

__all__ = ["Camera", "CameraError", "CameraStatus", "Photo", "PreviewEvent", "PreviewStream"]
