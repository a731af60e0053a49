"""Cameras for portraits and document photos."""

from devices.camera.camera import Camera, CameraError, Photo

__all__ = ["Camera", "CameraError", "Photo"]
