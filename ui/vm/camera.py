"""The camera screens' live preview: a device thread pulls ``Camera.preview`` frames and
pushes them into a ``QVideoSink`` (``QVideoFrame(QImage)``) that a QML ``VideoOutput``
shows, and runs the rule of the screen on the same thread — the document auto-capture
(``devices.camera.autocapture``), the portrait gate (``devices.camera.portrait``) or the
QR reader (``devices.camera.qr``).

Why its own thread: a frame conversion, the page-outline search and the face check take
several milliseconds each; on the GUI thread they would stall touch and animation, and a
camera unplugged mid-read would freeze the screen. The GUI thread never touches the
camera: it only receives Qt signals (queued across threads) with the hint, the outline
corners (0..1 of the frame) and the captured bytes.

The device thread makes no Qt Multimedia call. It converts a frame to a QImage and leaves
it in a one-frame slot; the GUI thread takes the newest one and hands it to the sink. A
sink's ``videoFrameChanged`` reaches its listeners (VideoOutput, SinkView) directly on the
caller's thread, so a push from the device thread ran QML items' code there and, under
load, deadlocked against the GUI thread (a test hung until CI's limit). One slot, not a
queue: a GUI busy for a moment drops stale frames instead of piling them up.

The page or portrait is made from the camera's full still (``Camera.capture``, taken on
the device thread the moment the rule fires or 拍照 is pressed), not from the 640×480
preview frame: a 高拍仪's still has two to eight times the pixels, which is what makes
small print legible after straightening. The preview only decides *when*; for the
portrait, the face box seen in the preview is carried over to the still
(``devices.camera.preview.box_to_still``).

Personal data: frames and captured bytes stay in memory; nothing is written to disk or
logged (the flow puts the confirmed bytes into the case, encrypted by the store).
"""

from __future__ import annotations

import logging
import threading
import time
from typing import Any

import cv2
import numpy as np
from PySide6.QtCore import Property, QObject, QRectF, Signal, Slot
from PySide6.QtGui import QImage, QPainter
from PySide6.QtMultimedia import QVideoFrame, QVideoSink
from PySide6.QtQml import QmlElement
from PySide6.QtQuick import QQuickItem, QQuickPaintedItem

from devices.camera.autocapture import AutoCapture
from devices.camera.camera import CameraError, CameraStatus, Image
from devices.camera.document import capture_page
from devices.camera.encode import encode_portrait
from devices.camera.portrait import PortraitGate, guide_oval
from devices.camera.preview import box_to_still
from devices.camera.qr import scan_qr

QML_IMPORT_NAME = "VillageKiosk"
QML_IMPORT_MAJOR_VERSION = 1

log = logging.getLogger(__name__)

PREVIEW_SIZE = (640, 480)
PREVIEW_FPS = 15.0
QR_EVERY = 3  # frames between QR reads (the detector is the slowest of the three rules)
QR_PAUSE_S = 1.5  # after a code is handed to the flow: time to read its answer
OPENING = "正在打开摄像头，请稍候"  # until the first frame has been seen
# Black frames for this long in a row are camera trouble, not a hand over the lens: the
# screen reports it like a camera gone (the flow offers 容缺 or the counter and writes it
# to the audit log that 维护信息 shows the technician).
BLACK_TROUBLE_S = 5.0


def to_qimage(frame: np.ndarray[Any, Any]) -> QImage:
    """A BGR (or grey) OpenCV frame as an RGBX8888 QImage that owns its pixels: a format
    ``QVideoFrame(QImage)`` takes as it is (RGB888 it would convert once more)."""
    code = cv2.COLOR_GRAY2RGBA if frame.ndim == 2 else cv2.COLOR_BGR2RGBA
    rgba = cv2.cvtColor(frame, code)
    h, w = rgba.shape[:2]
    return QImage(rgba.data, w, h, 4 * w, QImage.Format.Format_RGBX8888).copy()


def _floats(getter: Any, notify: Signal) -> Property:
    """A list property made by a call, so the qmltypes take its runtime type (QVariantList,
    which QML reads ``.length`` of) rather than metaobjectdump's bare "list"."""
    return Property(list, getter, notify=notify)


def camera_of(session: Any) -> Any:
    """The configured camera behind a FlowSession (the shell, or a FlowBridge)."""
    kiosk = getattr(session, "kiosk", None)
    if kiosk is None:
        flow = getattr(session, "_flow", None) or getattr(session, "flow", None)
        kiosk = getattr(flow, "host", None)
    devices = getattr(kiosk, "devices", None)
    return getattr(devices, "camera", None)


@QmlElement
class CameraPreview(QObject):
    """One screen's camera: ``mode`` document | portrait | qr; ``videoSink`` is the QML
    VideoOutput's; ``start()`` / ``stop()``; ``shoot()`` is the manual 拍照, ``retake()``
    arms the rule again (重拍). ``captured`` carries the encoded bytes to confirm."""

    sessionChanged = Signal()
    modeChanged = Signal()
    videoSinkChanged = Signal()
    resultSinkChanged = Signal()
    hintChanged = Signal()
    cornersChanged = Signal()
    ovalChanged = Signal()
    problemChanged = Signal()
    runningChanged = Signal()
    hasResultChanged = Signal()
    framesChanged = Signal()
    captured = Signal(bytes)
    scanned = Signal(list)
    trouble = Signal(str)
    # From the device thread to this object's (the GUI) thread, queued:
    _sight = Signal(str, list)
    _shot = Signal(bytes, QImage, str)
    _ended = Signal(str, str)
    _qr = Signal(list)
    _frame_ready = Signal()
    _dark = Signal(str)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._session: QObject | None = None
        self._camera: Any = None
        self._mode = "document"
        self._sink: QVideoSink | None = None
        self._result_sink: QVideoSink | None = None
        self._hint = ""
        self._corners: list[float] = []
        self._oval: list[float] = []
        self._problem = ""
        self._result: bytes = b""
        self._thread: threading.Thread | None = None
        self._stop = threading.Event()
        self._manual = threading.Event()
        self._rearm = threading.Event()
        self._stream: Any = None
        self._frames = 0
        self.frame_times: list[float] = []  # monotonic time of each frame shown (bench)
        # For the benchmark and tests: when the last shot was decided (device thread) and
        # when its result reached the screen (GUI thread), monotonic; and the size (w, h)
        # of the image the result was made from (the still's, not the preview's).
        self.fired_at = 0.0
        self.shown_at = 0.0
        self.source_size: tuple[int, int] = (0, 0)
        self._sight.connect(self._on_sight)
        self._shot.connect(self._on_shot)
        self._ended.connect(self._on_ended)
        self._qr.connect(self._on_qr)
        self._slot_lock = threading.Lock()
        self._slot: QImage | None = None  # the newest frame not yet shown
        self._frame_ready.connect(self._on_frame)
        self._dark.connect(self._on_dark)

    # Properties ----------------------------------------------------------------------------

    def _get_session(self) -> QObject | None:
        return self._session

    def _set_session(self, s: QObject | None) -> None:
        self._session = s
        self._camera = camera_of(s) if s is not None else None
        self.sessionChanged.emit()

    session = Property(QObject, _get_session, _set_session, notify=sessionChanged)

    def set_camera(self, camera: Any) -> None:
        """For a caller without a session (the benchmark)."""
        self._camera = camera

    def _get_mode(self) -> str:
        return self._mode

    def _set_mode(self, m: str) -> None:
        if m not in ("document", "portrait", "qr"):
            raise ValueError(m)
        self._mode = m
        self.modeChanged.emit()

    mode = Property(str, _get_mode, _set_mode, notify=modeChanged)

    def _get_sink(self) -> QVideoSink | None:
        return self._sink

    def _set_sink(self, sink: QObject | None) -> None:
        self._sink = sink if isinstance(sink, QVideoSink) else None
        self.videoSinkChanged.emit()

    # Typed QObject: PySide6 cannot declare a QVideoSink* property; QML hands the
    # VideoOutput's sink and the setter checks its type.
    videoSink = Property(QObject, _get_sink, _set_sink, notify=videoSinkChanged)

    def _get_result_sink(self) -> QVideoSink | None:
        return self._result_sink

    def _set_result_sink(self, sink: QObject | None) -> None:
        self._result_sink = sink if isinstance(sink, QVideoSink) else None
        self.resultSinkChanged.emit()

    resultSink = Property(QObject, _get_result_sink, _set_result_sink,
                          notify=resultSinkChanged)
    """The second VideoOutput's sink: the captured, straightened page (or portrait)."""

    @Property(str, notify=hintChanged)
    def hint(self) -> str:
        return self._hint

    def _get_corners(self) -> list[float]:
        return self._corners

    corners = _floats(_get_corners, cornersChanged)
    """The page outline as x0, y0, … x3, y3 in 0..1 of the frame; [] when none."""

    def _get_oval(self) -> list[float]:
        return self._oval

    oval = _floats(_get_oval, ovalChanged)
    """The portrait guide (x, y, w, h) in 0..1 of the frame."""

    @Property(str, notify=problemChanged)
    def problem(self) -> str:
        """The camera's trouble in the resident's words ("" while it works)."""
        return self._problem

    @Property(bool, notify=runningChanged)
    def running(self) -> bool:
        return self._thread is not None and self._thread.is_alive()

    @Property(bool, notify=hasResultChanged)
    def hasResult(self) -> bool:
        return bool(self._result)

    @Property(int, notify=framesChanged)
    def frames(self) -> int:
        return self._frames

    @property
    def result(self) -> bytes:
        return self._result

    # Control -------------------------------------------------------------------------------

    @Slot()
    def start(self) -> None:
        if self._thread is not None and self._thread.is_alive():
            return
        if self._camera is None and self._session is not None:
            self._camera = camera_of(self._session)
        if self._camera is None:
            self._on_ended(CameraStatus.MISSING.resident, "no camera configured")
            return
        self._stop.clear()
        with self._slot_lock:
            self._slot = None
        self._hint = OPENING
        self.hintChanged.emit()
        w, h = PREVIEW_SIZE
        if self._mode == "portrait":
            x, y, ow, oh = guide_oval(w, h)
            self._oval = [x / w, y / h, ow / w, oh / h]
            self.ovalChanged.emit()
        self._thread = threading.Thread(target=self._run, name="camera-preview", daemon=True)
        self._thread.start()
        self.runningChanged.emit()

    @Slot()
    def stop(self) -> None:
        self._stop.set()
        stream = self._stream
        if stream is not None:
            stream.stop()
        t = self._thread
        if t is not None and t is not threading.current_thread():
            t.join(timeout=2)
        self._thread = None
        self.runningChanged.emit()

    @Slot()
    def shoot(self) -> None:
        """拍照 by hand: the next frame is taken whatever the rule says."""
        self._manual.set()

    @Slot()
    def retake(self) -> None:
        """重拍: forget the result, arm the rule again."""
        self._result = b""
        self.hasResultChanged.emit()
        self._rearm.set()

    @Slot()
    def confirm(self) -> None:
        """确认 the captured result: hands it to the flow (attach_page on the photo step)."""
        if self._result and self._session is not None:
            data, self._result = self._result, b""
            self.hasResultChanged.emit()
            self.stop()
            act = getattr(self._session, "act", None)
            if act is not None:
                act("attach_page", data)

    # The device thread ---------------------------------------------------------------------

    def _run(self) -> None:
        try:
            self._loop()
        except Exception as exc:  # never let a camera fault kill the process
            log.error("camera preview failed: %s", type(exc).__name__)
            self._ended.emit(CameraStatus.UNPLUGGED.resident, type(exc).__name__)

    def _loop(self) -> None:
        stream = self._camera.preview(PREVIEW_SIZE, PREVIEW_FPS)
        self._stream = stream
        page, face = AutoCapture(), PortraitGate()
        taken = False
        qr_wait_until = 0.0
        dark_since: float | None = None  # first of the black frames in a row
        dark_told = False
        n = 0
        while not self._stop.is_set():
            ev = stream.next_event()
            if ev.frame is None:
                if ev.status is not CameraStatus.STOPPED:
                    self._ended.emit(ev.status.resident, ev.status.technician)
                return
            frame = ev.frame
            if self._sink is not None:
                self._offer(to_qimage(frame))
            n += 1
            if ev.status is CameraStatus.BLACK:
                self._sight.emit(ev.status.resident, [])
                now = time.monotonic()
                dark_since = now if dark_since is None else dark_since
                if not dark_told and now - dark_since >= BLACK_TROUBLE_S:
                    dark_told = True
                    self._dark.emit(ev.status.resident)
                continue
            dark_since = None
            if self._rearm.is_set():
                self._rearm.clear()
                page.reset()
                face.reset()
                taken = False
            if taken:
                continue
            manual = self._manual.is_set()
            if self._mode == "document":
                sight = page.feed(frame)
                h, w = frame.shape[:2]
                corners = [] if sight.outline is None else [
                    v for x, y in sight.outline for v in (x / w, y / h)]
                self._sight.emit(sight.hint, corners)
                if sight.fire or manual:
                    self.fired_at = time.monotonic()
                    self._manual.clear()
                    taken = True
                    still = self._still()
                    if still is None:
                        return
                    pc = capture_page(still)
                    img = cv2.imdecode(np.frombuffer(pc.page.data, np.uint8),
                                       cv2.IMREAD_COLOR)
                    self._shot.emit(pc.page.data, to_qimage(img if img is not None
                                                               else frame), "自动拍照完成"
                                    if not manual else "已拍照")
            elif self._mode == "portrait":
                guide, fire = face.feed(frame)
                self._sight.emit(guide.hint, [])
                if (fire or (manual and guide.face is not None)) and guide.face is not None:
                    self.fired_at = time.monotonic()
                    self._manual.clear()
                    taken = True
                    still = self._still()
                    if still is None:
                        return
                    box = box_to_still(guide.face, frame.shape[1], frame.shape[0],
                                       still.shape[1], still.shape[0])
                    enc = encode_portrait(still, box)
                    img = cv2.imdecode(np.frombuffer(enc.data, np.uint8), cv2.IMREAD_COLOR)
                    self._shot.emit(enc.data, to_qimage(img if img is not None else frame),
                                    "已拍好，请确认")
            elif n % QR_EVERY == 0 and time.monotonic() >= qr_wait_until:
                texts = scan_qr(frame)
                if texts:
                    qr_wait_until = time.monotonic() + QR_PAUSE_S
                    self._qr.emit(list(texts))

    def _still(self) -> Image | None:
        """The camera's full-resolution still for the shot just decided (device thread).
        A camera that cannot give one is over for this screen: it says so as UNPLUGGED
        (the resident is offered 容缺 or the counter), rather than a page made from the
        small preview frame that might not be legible."""
        try:
            photo = self._camera.capture()
        except CameraError as exc:
            self._ended.emit(CameraStatus.UNPLUGGED.resident, f"still failed: {exc}")
            return None
        img = cv2.imdecode(np.frombuffer(photo.jpeg, np.uint8), cv2.IMREAD_COLOR)
        if img is None:
            self._ended.emit(CameraStatus.UNPLUGGED.resident, "still is not a JPEG")
            return None
        self.source_size = (int(img.shape[1]), int(img.shape[0]))
        return img

    def _offer(self, image: QImage) -> None:
        """Leave the newest frame for the GUI thread; wake it only if it has none pending."""
        with self._slot_lock:
            pending = self._slot is not None
            self._slot = image
        if not pending:
            self._frame_ready.emit()

    # Back on the GUI thread ----------------------------------------------------------------

    def _on_frame(self) -> None:
        with self._slot_lock:
            image, self._slot = self._slot, None
        if image is None or self._sink is None or self._stop.is_set():
            return
        self._sink.setVideoFrame(QVideoFrame(image))
        self.frame_times.append(time.monotonic())

    def _on_sight(self, hint: str, corners: list[float]) -> None:
        self._frames += 1
        self.framesChanged.emit()
        if hint != self._hint:
            self._hint = hint
            self.hintChanged.emit()
        if corners != self._corners:
            self._corners = corners
            self.cornersChanged.emit()

    def _on_shot(self, data: bytes, image: QImage, hint: str) -> None:
        self._result = bytes(data)
        if self._result_sink is not None:
            self._result_sink.setVideoFrame(QVideoFrame(image))
        self._hint = hint
        self.hintChanged.emit()
        self.hasResultChanged.emit()
        self.captured.emit(bytes(data))
        self.shown_at = time.monotonic()

    def _on_ended(self, words: str, detail: str) -> None:
        log.warning("camera preview ended: %s", detail)
        self._problem = words
        self.problemChanged.emit()
        self.runningChanged.emit()
        self.trouble.emit(words)

    def _on_dark(self, words: str) -> None:
        """Black frames for BLACK_TROUBLE_S: said like a camera gone (the stream goes on
        until the screen stops it, so a lens uncovered meanwhile shows again)."""
        log.warning("camera preview: %s", CameraStatus.BLACK.technician)
        self._problem = words
        self.problemChanged.emit()
        self.trouble.emit(words)

    def _on_qr(self, texts: list[str]) -> None:
        self.scanned.emit(texts)
        act = getattr(self._session, "act", None)
        if act is not None:
            act("scan_ecert", list(texts))


@QmlElement
class SinkView(QQuickPaintedItem):
    """Paints the frames of a ``QVideoSink`` where Qt Quick renders in software (the
    offscreen screenshots, a terminal without GPU): ``VideoOutput`` draws nothing there.
    Fed from the same sink (on the GUI thread), so the preview path is the one under test."""

    sinkChanged = Signal()

    def __init__(self, parent: QQuickItem | None = None) -> None:
        super().__init__(parent)
        self._sink: QVideoSink | None = None
        self._image = QImage()

    def _get_sink(self) -> QObject | None:
        return self._sink

    def _set_sink(self, sink: QObject | None) -> None:
        if self._sink is not None:
            self._sink.videoFrameChanged.disconnect(self._frame)
        self._sink = sink if isinstance(sink, QVideoSink) else None
        if self._sink is not None:
            self._sink.videoFrameChanged.connect(self._frame)
        self.sinkChanged.emit()

    sink = Property(QObject, _get_sink, _set_sink, notify=sinkChanged)

    def _frame(self, frame: QVideoFrame) -> None:
        # Kept while hidden too: the captured page arrives just before it is shown.
        self._image = frame.toImage()
        self.update()

    def paint(self, painter: QPainter) -> None:
        if self._image.isNull():
            return
        w, h = self.width(), self.height()
        iw, ih = self._image.width(), self._image.height()
        k = min(w / iw, h / ih)
        r = QRectF((w - iw * k) / 2, (h - ih * k) / 2, iw * k, ih * k)
        painter.drawImage(r, self._image)
