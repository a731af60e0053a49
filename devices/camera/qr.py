"""QR codes on receipts (status queries), with OpenCV's detector.

A receipt held up to the camera is often small in the frame or tilted; when the first pass
finds nothing, a 2x upscale of the grey image gets a second try.
"""

from __future__ import annotations

import cv2

from devices.camera.quality import Frame, grey


def scan_qr(frame: Frame) -> list[str]:
    """Texts of the QR codes found, in no particular order; empty when there are none."""
    detector = cv2.QRCodeDetector()
    g = grey(frame)
    for img in (g, cv2.resize(g, None, fx=2, fy=2, interpolation=cv2.INTER_CUBIC)):
        try:
            ok, texts, _pts, _ = detector.detectAndDecodeMulti(img)
        except cv2.error:
            ok, texts = False, ()
        found = [t for t in texts if t] if ok else []
        if not found:
            text, _pts, _ = detector.detectAndDecode(img)
            found = [text] if text else []
        if found:
            return found
    return []
