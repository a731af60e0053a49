"""Camera benchmarks for the materials step, each against a baseline from the same run:

- bytes per document page and per portrait, the new encoder (devices/camera/encode.py)
  against today's (``document.capture_document``: the cropped page as JPEG under 300 KB;
  a portrait: the camera's 640x480 still as JPEG q90);
- legibility of those pages: text rendered onto a synthetic A5 page at 10.5 pt (五号) and
  9 pt (小五), photographed through a simulated 5 MP 高拍仪 (perspective, uneven light, lens
  blur, noise, JPEG), cropped, encoded, decoded and compared back at 300 dpi by pixel
  agreement of the text mask (F1) and by OCR (Debian tesseract chi_sim, when installed);
- preview fps at 640x480 from a video file on one core: plain decode, with the page
  detector + auto-capture rule, with the portrait check (goal >= 15 fps);
- capture -> result latency: from the auto-capture firing to the bytes (outline,
  straighten, encode) on a 5 MP still; from a portrait frame to its e-photo bytes;
- capture -> confirmation screen: the screens' CameraPreview from the rule firing to the
  result on the GUI thread, with the camera's full still (ratio to the preview-frame path).
"""

from __future__ import annotations

import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import cv2
import numpy as np

from devices.camera import scenes
from devices.camera.autocapture import AutoCapture
from devices.camera.document import capture_document, find_page, straighten
from devices.camera.encode import encode_page, encode_portrait
from devices.camera.opencv import OpenCvCamera, encode_jpeg
from devices.camera.quality import Box, check_portrait
from tests.devices import camera_pages as cp
from tests.devices import synthetic as syn


def _decode(data: bytes) -> np.ndarray:
    img = cv2.imdecode(np.frombuffer(data, np.uint8), cv2.IMREAD_UNCHANGED)
    assert img is not None
    return img


def _median_time(fn: Callable[[], object], n: int) -> float:
    times = []
    for _ in range(n):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return statistics.median(times)


def _pages(n: int) -> list[str]:
    lines = []
    ocr = cp.have_ocr()
    for pt in (10.5, 9.0):
        tp = cp.text_page(pt)
        frame = cp.photograph(tp.image)
        quad = find_page(frame)
        assert quad is not None
        page = straighten(frame, quad)
        new = encode_page(page)
        old = capture_document(frame)
        dn, do = _decode(new.data), _decode(old.jpeg)
        f_new = cp.text_f1(tp.ink, cp.ink_of(dn))
        f_old = cp.text_f1(tp.ink, cp.ink_of(do))
        line = (f"A5 page {pt:g} pt: {len(new.data) / 1000:.1f} KB {new.mode} "
                f"{new.media_type} {new.width}x{new.height} vs today {len(old.jpeg) / 1000:.1f} "
                f"KB JPEG {old.width}x{old.height}; ratio {len(new.data) / len(old.jpeg):.3f}x "
                f"(goal <= 100 KB); text-mask F1 at 300 dpi {f_new:.3f} vs today {f_old:.3f}")
        if ocr:
            line += (f"; OCR chi_sim chars {cp.ocr_accuracy(dn, tp.text) * 100:.1f}% vs today "
                     f"{cp.ocr_accuracy(do, tp.text) * 100:.1f}%")
        lines.append(line)
        if pt == 10.5:
            def shoot(still: np.ndarray = frame) -> object:
                q = find_page(still)
                assert q is not None
                return encode_page(straighten(still, q))

            t_new = _median_time(shoot, n)
            t_old = _median_time(lambda still=frame: capture_document(still), n)
            lines.append(f"page capture -> bytes (5 MP still: outline, straighten, encode) "
                         f"median {t_new * 1000:.0f} ms vs today {t_old * 1000:.0f} ms; "
                         f"ratio {t_new / t_old:.2f}x")
    if not ocr:
        lines.append("OCR: tesseract with chi_sim not installed (apt-get install "
                     "tesseract-ocr tesseract-ocr-chi-sim); pixel agreement only")
    return lines


def _portrait(n: int) -> list[str]:
    frame = scenes.face(0, 640, 480)
    today = encode_jpeg(frame)

    def shoot() -> int:
        check = check_portrait(frame)
        return len(encode_portrait(frame, check.faces[0]).data)

    size = shoot()
    t = _median_time(shoot, n)
    return [f"portrait: {size / 1000:.1f} KB JPEG 358x441 vs today {len(today) / 1000:.1f} KB "
            f"JPEG 640x480; ratio {size / len(today):.3f}x (goal <= 40 KB); frame -> checked "
            f"e-photo bytes median {t * 1000:.0f} ms"]


def _fps(frames: int) -> list[str]:
    """Per frame: the preview's read (FFV1 file decode + fit + black check, 29 frames a
    pass so no rewind seek is timed) plus the work on it; fps = 1 / (read + work). Best
    of the passes: the machine is shared, the best pass is the code's own cost."""
    cv2.setNumThreads(1)
    with tempfile.TemporaryDirectory() as tmp:
        doc = syn.write_video(Path(tmp) / "doc.avi",
                              [scenes.document(i, 640, 480) for i in range(30)])
        face = syn.write_video(Path(tmp) / "face.avi",
                               [scenes.face(i, 640, 480) for i in range(30)])

        def per_frame(video: Path, work: Callable[[np.ndarray], object]) -> float:
            best = float("inf")
            for _ in range(max(3, frames // 29)):
                stream = OpenCvCamera(f"{video}?loop=0").preview((640, 480), fps=0)
                got = []
                t0 = time.perf_counter()
                for _ in range(29):
                    ev = stream.next_event()
                    assert ev.frame is not None
                    got.append(ev.frame)
                read = (time.perf_counter() - t0) / 29
                stream.stop()
                t0 = time.perf_counter()
                for f in got:
                    work(f)
                best = min(best, read + (time.perf_counter() - t0) / 29)
            return best

        plain = per_frame(doc, lambda f: None)
        ac = AutoCapture()
        fired = [0]

        def feed(f: np.ndarray) -> None:
            if ac.feed(f).fire:
                fired[0] += 1
                ac.reset()

        detect = per_frame(doc, feed)
        portrait = per_frame(face, check_portrait)
    return [f"preview 640x480 (video file, one core): plain {1 / plain:.0f} fps; with page "
            f"detector + auto-capture {1 / detect:.1f} fps ({detect / plain:.2f}x time per "
            f"frame, fired {fired[0]}x); with portrait check {1 / portrait:.1f} fps "
            f"({portrait / plain:.2f}x); goal >= 15 fps"]


def _sink_path(frames: int) -> list[str]:
    """The screens' own path (ui/vm/camera.py, issue 14): each BGR frame becomes a QImage
    (device thread), a QVideoFrame, and goes into a QVideoSink (GUI thread; what
    VideoOutput shows), with the page rule or the portrait check — here all on one core.
    Per-frame cost, best of the passes; fps = 1 / cost, against the same frames' rule
    alone."""
    import os

    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtGui import QGuiApplication
    from PySide6.QtMultimedia import QVideoFrame, QVideoSink

    from ui.vm.camera import to_qimage

    cv2.setNumThreads(1)
    _app = QGuiApplication.instance() or QGuiApplication([])
    sink = QVideoSink()
    doc = [scenes.document(i, 640, 480) for i in range(30)]
    face = [scenes.face(i, 640, 480) for i in range(30)]

    def cost(shown: list[np.ndarray], work: Callable[[np.ndarray], object],
             push: bool = True) -> float:
        best = float("inf")
        for _ in range(max(3, frames // len(shown))):
            t0 = time.perf_counter()
            for f in shown:
                if push:
                    sink.setVideoFrame(QVideoFrame(to_qimage(f)))
                work(f)
            best = min(best, (time.perf_counter() - t0) / len(shown))
        return best

    ac = AutoCapture()

    def feed(f: np.ndarray) -> None:
        if ac.feed(f).fire:
            ac.reset()

    only = cost(doc, lambda f: None)
    cost(doc, feed), cost(face, check_portrait)  # warm caches and allocators first
    rule, page = cost(doc, feed, push=False), cost(doc, feed)
    rule, page = min(rule, cost(doc, feed, push=False)), min(page, cost(doc, feed))
    alone, portrait = cost(face, check_portrait, push=False), cost(face, check_portrait)
    del _app
    return [f"QVideoSink path 640x480 (frame -> QImage -> QVideoFrame -> sink, one core): "
            f"push only {1 / only:.0f} fps; push + page rule {1 / page:.1f} fps "
            f"({page / rule:.2f}x the rule alone); push + portrait check "
            f"{1 / portrait:.1f} fps ({portrait / alone:.2f}x the check alone); "
            "goal >= 15 fps"]


def _confirm_latency(n: int) -> list[str]:
    """Capture -> confirmation: from the moment the rule fires (auto-capture of a steady
    page, the portrait gate) to the result on the GUI thread, where the confirm view's
    bindings flip (``CameraPreview.fired_at`` -> ``shown_at``): the full still from the
    mock camera (1280x960), its decode, the page or portrait pipeline, the result frame
    and the queued signal, on the screens' own object and threads. Baseline, same run:
    the same pipeline on the 640x480 preview frame inline, as the screens did before they
    took a still. Median of ``n`` shots each."""
    import os

    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QEventLoop, QTimer
    from PySide6.QtGui import QGuiApplication
    from PySide6.QtMultimedia import QVideoSink

    from devices.camera.document import capture_page
    from devices.camera.mock import MockCamera
    from ui.vm.camera import CameraPreview, to_qimage

    app = QGuiApplication.instance() or QGuiApplication([])
    assert isinstance(app, QGuiApplication)
    lines = []
    with tempfile.TemporaryDirectory() as tmp:
        for mode, scene in (("document", "document"), ("portrait", "face")):
            cam = MockCamera(Path(tmp), f"scene={scene}")
            shots = []
            for _ in range(n):
                p = CameraPreview()
                p.set_camera(cam)
                p.mode = mode  # type: ignore[assignment]
                sink, result = QVideoSink(), QVideoSink()
                p.videoSink = sink  # type: ignore[assignment]
                p.resultSink = result  # type: ignore[assignment]
                # One event loop per shot, ended by the result: PySide6 6.x on Python 3.11
                # drops a reference to None on every processEvents()/qWait() call, so a
                # polling loop of thousands of them ends the process (none_dealloc).
                loop = QEventLoop()
                p.captured.connect(loop.quit)
                QTimer.singleShot(60_000, loop.quit)
                p.start()
                loop.exec()
                p.stop()
                assert p.result, f"{mode}: no capture within 60 s"
                shots.append(p.shown_at - p.fired_at)
                size = p.source_size
                made = _decode(p.result).shape
            frame = cam.read_frame((640, 480))
            if mode == "document":
                def inline(f: np.ndarray = frame) -> object:
                    pc = capture_page(f)
                    return to_qimage(_decode(pc.page.data))
                small = _decode(capture_page(frame).page.data).shape
            else:
                box = check_portrait(frame).faces[0]

                def inline(f: np.ndarray = frame, b: Box = box) -> object:
                    return to_qimage(_decode(encode_portrait(f, b).data))
                small = _decode(encode_portrait(frame, box).data).shape
            base = _median_time(inline, n)
            still = _median_time(cam.capture, n)  # the mock drawing + JPEG-encoding it
            got = statistics.median(shots)
            lines.append(f"{mode} capture -> confirmation (still {size[0]}x{size[1]}, device "
                         f"thread -> GUI): median {got * 1000:.0f} ms (of which the mock "
                         f"camera making its still {still * 1000:.0f} ms) vs preview-frame "
                         f"pipeline inline {base * 1000:.0f} ms; ratio {got / base:.2f}x; "
                         f"result {made[1]}x{made[0]} vs {small[1]}x{small[0]} from the "
                         "preview frame")
    return lines


def run(quick: bool) -> list[str]:
    return _pages(3 if quick else 9) + _portrait(5 if quick else 30) + _fps(
        60 if quick else 300) + _sink_path(60 if quick else 300) + _confirm_latency(
        3 if quick else 9)
