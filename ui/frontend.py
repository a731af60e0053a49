"""The Qt front end the core finds through the ``village_kiosk.frontends`` entry point.

Screenshots go through the very window the resident sees (same QML, same view model), so
a PNG from ``kiosk screenshots`` or ``kiosk demo`` on a headless machine is evidence about
the real screens rather than about a separate rendering path.
"""

from __future__ import annotations

import logging
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

# Imported before the engine loads so the root object comes back typed as QQuickWindow.
from PySide6.QtCore import QCoreApplication, QEventLoop, QObject, QTimer, QUrl
from PySide6.QtGui import QFont, QFontDatabase, QGuiApplication
from PySide6.QtQml import QQmlApplicationEngine, QQmlError
from PySide6.QtQuick import QQuickWindow

from kiosk import sdnotify
from kiosk.config import Config
from kiosk.fonts import FontMissing, cjk_font_path
from ui.items import child_items
from ui.keyboard import (
    KEYBOARD_SAMPLE,
    hide_keyboard_sample,
    prepare_keyboard,
    show_keyboard_sample,
)

if TYPE_CHECKING:  # the core and the shell load after `kiosk run`'s first frame (serve)
    from kiosk.app import Kiosk
    from kiosk.flow import Screen
    from ui.demo import DemoVisit
    from ui.vm.shell import ShellViewModel

log = logging.getLogger(__name__)

MAIN_QML = Path(__file__).resolve().parent / "qml" / "Main.qml"
IDLE_SAMPLE, IDLE_SAMPLE_OVER = "idle_warning", "form_page"  # the countdown's picture
# The shell's overlays as sample screens: (picture, the sample it lies over, the shell's
# method that shows it); they are shell state, not flow screens.
# The camera screens with frames: (scene the mock camera shows, picture, what the preview
# must show first). kiosk/samples.py leaves the camera screens passive.
_Ready = Callable[[QObject], bool]
CAMERA_SAMPLES: dict[str, tuple[tuple[str, str, _Ready], ...]] = {
    "photo_document": (("document", "photo_document_outline",
                        lambda p: len(p.property("corners") or ()) == 8),
                       ("document", "photo_document_taken",
                        lambda p: bool(p.property("hasResult")))),
    "photo": (("face_hat", "photo_portrait_hint",
               lambda p: "帽子" in str(p.property("hint"))),),
}
OVERLAY_SAMPLES = ((IDLE_SAMPLE, IDLE_SAMPLE_OVER, "show_idle_warning_sample"),
                   ("help_materials", "materials_list", "show_help_sample"),
                   ("help_home", "home", "show_help_sample"))
FRAME_TIMEOUT_MS = 5000

_font_family: str | None = None


def _application() -> QGuiApplication:
    """One application per process: Qt aborts on a second, and pytest-qt may own the first."""
    app = QCoreApplication.instance()
    if app is None:
        prepare_keyboard()  # QT_IM_MODULE is read once, by the constructor below
        app = QGuiApplication(sys.argv[:1])
    if not isinstance(app, QGuiApplication):
        raise RuntimeError("a non-GUI QCoreApplication already exists in this process")
    _load_font(app)
    return app


def _load_font(app: QGuiApplication) -> None:
    """Loads the CJK font the receipts use, so Chinese never renders as boxes."""
    global _font_family
    if _font_family is not None:
        return
    try:
        path = cjk_font_path()
    except FontMissing as exc:
        log.warning("%s", exc)
        _font_family = ""
        return
    font_id = QFontDatabase.addApplicationFont(str(path))
    families = QFontDatabase.applicationFontFamilies(font_id) if font_id >= 0 else []
    if not families:
        log.warning("CJK font %s could not be loaded; Chinese may show as boxes", path)
        _font_family = ""
        return
    _font_family = families[0]
    app.setFont(QFont(_font_family))


class QtFrontend:
    """Implements ``kiosk.frontend.Frontend`` with one QML window per kiosk."""

    def __init__(self) -> None:
        self._kiosk: Kiosk | None = None
        self._live = False
        self._engine: QQmlApplicationEngine | None = None
        self._window: QQuickWindow | None = None
        self._vm: ShellViewModel | None = None
        self._watchdog: QTimer | None = None
        self.qml_warnings: list[str] = []

    # Building and tearing down the window ----------------------------------------------

    def load(self, kiosk: Kiosk, live: bool = True) -> tuple[QQuickWindow, ShellViewModel]:
        """The window and view model for ``kiosk``, built on first use and then reused.

        ``live=False`` is the passive variant screenshots use; tests drive a live one.
        """
        if (self._kiosk is kiosk and self._live == live and self._window is not None
                and self._vm is not None):
            return self._window, self._vm
        self.close()
        app = _application()
        from ui import i18n

        i18n.install(app, kiosk.config.language, kiosk.config.data_dir / "cache" / "i18n")
        from ui.vm import register_all
        from ui.vm.shell import ShellViewModel

        register_all()
        vm = ShellViewModel(kiosk, live=live)
        engine = QQmlApplicationEngine()
        engine.setOutputWarningsToStandardError(False)
        engine.warnings.connect(self._on_warnings)
        engine.setInitialProperties({"vm": vm})
        engine.load(QUrl.fromLocalFile(str(MAIN_QML)))
        roots = engine.rootObjects()
        if not roots or not isinstance(roots[0], QQuickWindow):
            vm.shutdown()
            raise RuntimeError(f"{MAIN_QML.name} did not load: "
                               + "; ".join(self.qml_warnings[-5:]))
        self._kiosk, self._live = kiosk, live
        self._engine, self._window, self._vm = engine, roots[0], vm
        return roots[0], vm

    def _on_warnings(self, warnings: list[QQmlError]) -> None:
        for w in warnings:
            text = w.toString()
            self.qml_warnings.append(text)
            log.warning("QML: %s", text)

    def close(self) -> None:
        """Drops the window and stops the view model's timers and worker threads."""
        if self._watchdog is not None:
            self._watchdog.stop()
            self._watchdog = None
        if self._window is not None:
            self._window.close()
        if self._vm is not None:
            self._vm.shutdown()
        self._engine = None  # deletes the window with it
        self._window = None
        self._vm = None
        self._kiosk = None

    @property
    def view_model(self) -> ShellViewModel | None:
        return self._vm

    @property
    def window(self) -> QQuickWindow | None:
        return self._window

    # The Frontend protocol ---------------------------------------------------------------

    def run(self, kiosk: Kiosk) -> int:
        """The window for an already open ``kiosk`` (the windowed demo)."""
        app = _application()
        window, _vm = self.load(kiosk, live=True)
        self._show_and_report(window)
        try:
            return int(app.exec())
        finally:
            self.close()

    def serve(self, config: Config, open_kiosk: Callable[[], Kiosk]) -> int:
        """`kiosk run`: the home screen first, from ``config`` alone (ui/start.py), then
        ``open_kiosk()`` behind it and the terminal's window in its place. A failure to
        open is raised from here, after the event loop ends, exactly as before there was
        a first frame (the CLI's one-line error, systemd's restart)."""
        app = _application()
        from ui import i18n
        from ui.start import StartWindow

        i18n.install(app, config.language, config.data_dir / "cache" / "i18n")
        start = StartWindow(config)
        failure: list[BaseException] = []

        def open_terminal() -> None:
            try:
                kiosk = open_kiosk()
                window, vm = self.load(kiosk, live=True)
                self._show_and_report(window, then=lambda: start.handover(vm))
            except BaseException as exc:  # re-raised below, outside Qt's event loop
                failure.append(exc)
                app.exit(1)

        def first_frame() -> None:
            start.window.frameSwapped.disconnect(first_frame)
            QTimer.singleShot(0, open_terminal)  # after the frame is on the screen

        start.window.frameSwapped.connect(first_frame)
        start.window.show()
        start.window.requestActivate()
        try:
            code = int(app.exec())
        finally:
            self.close()
            start.window.close()
        if failure:
            raise failure[0]
        return code

    def _show_and_report(self, window: QQuickWindow,
                         then: Callable[[], object] | None = None) -> None:
        """Shows the terminal's window; on its first frame, runs ``then`` and tells systemd
        it is ready, and from then on pings the watchdog from this (the GUI) thread, so a
        hung screen stops the pings and systemd restarts it (kiosk.sdnotify)."""

        def first_frame() -> None:
            window.frameSwapped.disconnect(first_frame)
            if then is not None:
                then()
            sdnotify.ready("home screen shown")
            self._watchdog = _start_watchdog(window)

        window.frameSwapped.connect(first_frame)
        window.show()
        window.requestActivate()  # with no window manager, nothing else gives it focus

    def screenshot(self, kiosk: Kiosk, out: Path) -> Path:
        """The screen for the kiosk's current flow state, as a PNG."""
        _window, vm = self.load(kiosk, live=False)
        vm.refresh()
        vm.refresh_status()
        return self.grab(out)

    def show_screen(self, kiosk: Kiosk, screen: Screen) -> QQuickWindow:
        """Puts a screen record on the passive window (a sample; the flow is untouched)."""
        window, vm = self.load(kiosk, live=False)
        vm.show(screen)
        return window

    def grab(self, out: Path) -> Path:
        """The window as drawn now (after its next frame), saved to ``out``."""
        window = self._window
        if window is None:
            raise RuntimeError("no window to grab")
        if not window.isVisible():
            window.show()
        _wait_for_frame(window)
        image = window.grabWindow()
        out.parent.mkdir(parents=True, exist_ok=True)
        # PySide6 6.12's stubs ask for bytes here, but at run time only str is accepted.
        saved = image.save(str(out), "PNG")  # type: ignore[call-overload]
        if image.isNull() or not saved:
            raise RuntimeError(f"could not save a screenshot to {out}")
        return out

    def screenshots(self, kiosk: Kiosk, outdir: Path,
                    on_screen: Callable[[str, QQuickWindow], None] | None = None,
                    elder: bool = False, high_contrast: bool = False) -> list[Path]:
        """Every sample screen to a PNG; ``on_screen(name, window)`` (if given) runs while
        that screen is still on view: the hook ``kiosk screenshots --audit`` uses. With
        ``elder``/``high_contrast`` the screens are drawn in 长辈模式/高对比度."""
        from ui.samples import sample_screens

        paths: list[Path] = []
        try:
            for name, screen in sample_screens(kiosk, elder, high_contrast):
                window = self.show_screen(kiosk, screen)
                keyboard = name == KEYBOARD_SAMPLE
                if keyboard and not show_keyboard_sample(window):
                    continue  # no virtual keyboard in this process: no such picture (H6)
                paths.append(self.grab(outdir / f"{name}.png"))
                if on_screen is not None:
                    on_screen(name, window)  # audit hook (H7)
                paths += self._camera_samples(name, window, outdir, on_screen)
                for overlay, over, show in OVERLAY_SAMPLES:
                    if name == over and self._vm is not None:  # the shell's own overlays
                        getattr(self._vm, show)(True)
                        paths.append(self.grab(outdir / f"{overlay}.png"))
                        if on_screen is not None:
                            on_screen(overlay, window)
                        getattr(self._vm, show)(False)
                if keyboard:
                    hide_keyboard_sample(window)
        finally:
            if self._vm is not None:
                self._vm.refresh()
        return paths

    def _camera_samples(self, name: str, window: QQuickWindow, outdir: Path,
                        on_screen: Callable[[str, QQuickWindow], None] | None) -> list[Path]:
        """The camera screens as a resident sees them once frames arrive: the mock camera
        shows its scene, the preview runs its rule on the device thread, and the picture is
        taken when the screen shows what the name says (the page outlined, the page taken,
        a portrait hint). Nothing if the sample has no running preview."""
        wanted = CAMERA_SAMPLES.get(name)
        if wanted is None or self._kiosk is None:
            return []

        from devices.camera.mock import MockCamera

        preview = _find_object(window, "cameraPreview")
        if preview is None:
            log.warning("sample %s: no camera preview on screen", name)
            return []
        out: list[Path] = []
        camera = MockCamera(self._kiosk.config.mock_dir)
        for scene, picture, ready in wanted:
            camera.show(scene)
            preview.stop()  # type: ignore[attr-defined]
            preview.start()  # type: ignore[attr-defined]
            if not _spin(lambda r=ready: r(preview), 20):  # type: ignore[misc]
                log.warning("sample %s: the preview never showed %s", picture, ready)
                continue
            _spin(lambda: False, 0.3)  # the next frames drawn with it
            out.append(self.grab(outdir / f"{picture}.png"))
            if on_screen is not None:
                on_screen(picture, window)
        preview.stop()  # type: ignore[attr-defined]
        camera.show("document")
        return out

    def entry_codes(self, kiosk: Kiosk, item: str) -> list[str]:
        """``kiosk demo --item``: the codes ``item`` stands for (``all``: every entry)."""
        from ui.demo import entry_codes

        return entry_codes(kiosk, item)

    def demo_visit(self, kiosk: Kiosk, code: str, outdir: Path) -> DemoVisit:
        """The scripted visit for ``code`` through this window (ui/demo.py)."""
        from ui.demo import visit

        return visit(self, kiosk, code, outdir)

    def audit(self, kiosk: Kiosk, outdir: Path, rules: str = "normal",
              high_contrast: bool = False) -> tuple[list[Path], list[str], str]:
        """``kiosk screenshots --audit`` (ui/audit.py, H7): every screen rendered and
        measured; the PNGs, one line per violation, and a summary. ``elder`` rules measure
        the screens drawn in 长辈模式."""
        from ui.audit import RULE_SETS, audit_screenshots

        paths, auditor = audit_screenshots(self, kiosk, outdir, RULE_SETS[rules],
                                           elder=rules == "elder",
                                           high_contrast=high_contrast)
        return paths, [v.line() for v in auditor.violations], auditor.summary()


def _find_object(window: QQuickWindow, name: str) -> QObject | None:
    """A non-visual QML object by objectName, looked for under every item of the visual
    tree (a StackView's screens are its visual children, not its QObject children)."""
    from PySide6.QtCore import Qt

    stack = [window.contentItem()]
    while stack:
        item = stack.pop()
        found = item.findChild(QObject, name, Qt.FindChildOption.FindDirectChildrenOnly)
        if found is not None:
            return found
        stack.extend(child_items(item))
    return None


def _spin(done: Callable[[], bool], timeout_s: float) -> bool:
    """Runs the event loop until ``done()`` (the dispatcher's processEvents: PySide6 6.12's
    QCoreApplication.processEvents drops a reference to None per call, ui/demo.py)."""
    import time

    from PySide6.QtCore import QAbstractEventDispatcher

    end = time.monotonic() + timeout_s
    dispatcher = QAbstractEventDispatcher.instance()
    while not done():
        if time.monotonic() > end or dispatcher is None:
            return False
        dispatcher.processEvents(QEventLoop.ProcessEventsFlag.AllEvents)
        time.sleep(0.005)
    return True


def _start_watchdog(parent: QQuickWindow) -> QTimer | None:
    """WATCHDOG=1 every half of systemd's WatchdogSec (none without one), from a timer of
    the GUI thread: a hung event loop stops it."""
    interval = sdnotify.watchdog_interval_s()
    if interval is None:
        return None
    timer = QTimer(parent)
    timer.setInterval(max(100, int(interval * 1000)))
    timer.timeout.connect(sdnotify.watchdog)
    timer.start()
    sdnotify.watchdog()
    return timer


def _wait_for_frame(window: QQuickWindow) -> None:
    """Spins the event loop until the scene graph has drawn the current state once."""
    loop = QEventLoop()
    window.frameSwapped.connect(loop.quit)
    timer = QTimer()
    timer.setSingleShot(True)
    timer.timeout.connect(loop.quit)
    timer.start(FRAME_TIMEOUT_MS)
    window.update()
    loop.exec()
    window.frameSwapped.disconnect(loop.quit)
    if not timer.isActive():
        log.warning("no frame within %d ms; grabbing anyway", FRAME_TIMEOUT_MS)
    timer.stop()
