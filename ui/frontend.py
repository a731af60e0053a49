"""The Qt front end the core finds through the ``village_kiosk.frontends`` entry point.

Screenshots go through the very window the resident sees (same QML, same view model), so
a PNG from ``kiosk screenshots`` or ``kiosk demo`` on a headless machine is evidence about
the real screens rather than about a separate rendering path.
"""

from __future__ import annotations

import datetime as dt
import logging
import sys
import time
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

# Imported before the engine loads so the root object comes back typed as QQuickWindow.
from PySide6.QtCore import QCoreApplication, QEventLoop, QTimer, QUrl
from PySide6.QtGui import QFont, QFontDatabase, QGuiApplication
from PySide6.QtQml import QQmlApplicationEngine, QQmlError
from PySide6.QtQuick import QQuickWindow

from devices.idcard import CardError
from devices.printer.printer import PrinterOutOfPaper
from kiosk.app import Kiosk
from kiosk.cases import STATUS_WORDS, CaseStatus
from kiosk.fonts import FontMissing, cjk_font_path
from kiosk.identity import gb11643_check_char, mask_id_number, mask_name
from kiosk.identity_keys import Enrolment
from kiosk.maintenance import IdentityState, MaintenanceView, maintenance_view
from kiosk.ratings import Level, Rating, rating_problems
from kiosk.session import (
    INSERT_CARD_PROMPT,
    QUERY_EMPTY,
    QUERY_OFFLINE,
    QueryRecord,
    SessionView,
    Step,
)
from kiosk.store.repository import SyncStatus
from sync.client import REDIRECTED, PlatformAuthFailed, PlatformUnavailable
from ui.vm import ShellViewModel

log = logging.getLogger(__name__)

MAIN_QML = Path(__file__).resolve().parent / "qml" / "Main.qml"
FRAME_TIMEOUT_MS = 5000

# Made-up applicant for the sample screens; only its masked form is ever put on screen.
_SAMPLE_NAME = "张桂兰"
_SAMPLE_ID_FIRST17 = "42010219500312002"

_font_family: str | None = None


def _application() -> QGuiApplication:
    """One application per process: Qt aborts on a second, and pytest-qt may own the first."""
    app = QCoreApplication.instance()
    if app is None:
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
        _application()
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
        app = _application()
        window, _vm = self.load(kiosk, live=True)
        window.show()
        window.requestActivate()  # with no window manager, nothing else gives it focus
        try:
            return int(app.exec())
        finally:
            self.close()

    def screenshot(self, kiosk: Kiosk, out: Path) -> Path:
        window, vm = self.load(kiosk, live=False)
        vm.refresh()
        vm.refresh_status()
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
                    on_screen: Callable[[str, QQuickWindow], None] | None = None
                    ) -> list[Path]:
        """Every sample screen to a PNG; ``on_screen(name, window)`` (if given) runs while
        that screen is still on view: the hook ``kiosk screenshots --audit`` uses."""
        paths: list[Path] = []
        try:
            for name, view in sample_views(kiosk):
                kiosk.session.end()
                kiosk.session.view = view
                paths.append(self.screenshot(kiosk, outdir / f"{name}.png"))
                if on_screen is not None and self._window is not None:
                    on_screen(name, self._window)  # audit hook (H7)
        finally:
            kiosk.session.end()
            if self._vm is not None:
                self._vm.refresh()
        return paths

    def audit(self, kiosk: Kiosk, outdir: Path, rules: str = "normal"
              ) -> tuple[list[Path], list[str], str]:
        """``kiosk screenshots --audit`` (ui/audit.py, H7): every screen rendered and
        measured; the PNGs, one line per violation, and a summary."""
        from ui.audit import RULE_SETS, audit_screenshots

        paths, auditor = audit_screenshots(self, kiosk, outdir, RULE_SETS[rules])
        return paths, [v.line() for v in auditor.violations], auditor.summary()


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


def sample_maintenance(kiosk: Kiosk) -> tuple[MaintenanceView, MaintenanceView,
                                              MaintenanceView]:
    """维护信息 healthy, refused for clock skew with one parked item, and a 4G line whose
    captive portal redirects, built by the same pure function the live screen uses (the
    refusal and redirect texts are the client's own)."""
    cfg, now = kiosk.config, time.time()
    enrolled_at = dt.datetime.fromtimestamp(now - 30 * 86400, dt.UTC).isoformat()
    identity = IdentityState(Enrolment(cfg.terminal_id, cfg.region_code, cfg.platform_url,
                                       "sample", enrolled_at), signer_ready=True)
    version = kiosk.catalog.version
    healthy = maintenance_view(cfg, identity, SyncStatus(True, "", now - 95, 0, 0, 0,
                                                         clock_offset_s=0.4), [],
                               version, now, free_mb=48_700)
    refusal = str(PlatformAuthFailed("clock_skew", "timestamp is +412 s from platform time; "
                                                   "allowed ±300 s"))
    parked = {"id": 17, "kind": "submission", "state": "parked", "attempts": 8,
              "last_error": "POST /api/v1/submissions/inline: HTTP 422 invalid_request: "
                            "submission: form.birth_date: Input should be a valid date"}
    skew = maintenance_view(cfg, identity,
                            SyncStatus(False, refusal, now - 3 * 3600, 3, 1, 12, "clock_skew",
                                       clock_offset_s=-250.0),
                            [parked], version, now, free_mb=48_700)
    portal = str(PlatformUnavailable(
        "POST /submissions/inline: HTTP 302 redirect to http://10.0.0.172 (captive portal "
        "of a SIM out of credit or wanting a web login, or a wrong platform URL); nothing "
        "was sent there", REDIRECTED))
    redirected = maintenance_view(cfg, identity,
                                  SyncStatus(False, portal, now - 26 * 3600, 5, 0, 31,
                                             REDIRECTED, clock_offset_s=1.2),
                                  [], version, now, free_mb=48_700)
    return healthy, skew, redirected


def sample_views(kiosk: Kiosk) -> list[tuple[str, SessionView]]:
    """One representative state per screen, plus the two messages a resident may meet.

    The identity is made up and only its masked form is used, like the core does.
    """
    fake_id = _SAMPLE_ID_FIRST17 + gb11643_check_char(_SAMPLE_ID_FIRST17)
    items = list(kiosk.items)
    card = SessionView(step=Step.CHOOSE_ITEM, masked_name=mask_name(_SAMPLE_NAME),
                       masked_id=mask_id_number(fake_id), items=items)
    confirm = replace(card, step=Step.CONFIRM, chosen=items[:1])
    case_no = f"{kiosk.config.terminal_id}-{dt.date.today():%Y%m%d}-00001"
    done = replace(confirm, step=Step.DONE, case_no=case_no,
                   case_status=STATUS_WORDS[CaseStatus.SUBMITTED])
    waiting = SessionView(step=Step.INSERT_CARD, message=INSERT_CARD_PROMPT, items=items)
    today = dt.date.today()
    names = [i.name for i in items] or ["城乡居民养老保险参保登记"]
    records = [
        QueryRecord(case_no=case_no, items=(names[0],),
                    status=STATUS_WORDS[CaseStatus.SUBMITTED],
                    detail="已在本机保存，联网后自动上传，不用再跑一趟",
                    date=f"{today.year}年{today.month}月{today.day}日"),
        QueryRecord(case_no=case_no[:-1] + "0", items=(names[-1],),
                    status=STATUS_WORDS[CaseStatus.FINISHED], detail="已经办好了",
                    date=f"{today.year}年{today.month}月{max(1, today.day - 1)}日"),
        QueryRecord(case_no="4201022026000318", items=(names[len(names) // 2],),
                    status=STATUS_WORDS[CaseStatus.NEEDS_CORRECTION],
                    detail="需要补正材料，请带上回执到便民服务中心，或拨打12345询问",
                    date=f"{today.year}年{today.month}月1日"),
    ]
    query = replace(card, step=Step.QUERY_RESULT, items=[], query=records,
                    query_note=QUERY_OFFLINE)
    rate = replace(done, step=Step.RATE, rating_case_no=case_no)
    poor = replace(rate, rating_level=int(Level.DISSATISFIED), problem=True,
                   message="；".join(rating_problems(Rating(Level.DISSATISFIED))))
    healthy, skew, redirected = sample_maintenance(kiosk)
    return [
        ("home", SessionView()),
        ("insert_card", waiting),
        ("choose_item", card),
        ("confirm", confirm),
        ("done", done),
        ("card_error", replace(waiting, message=CardError("sample").resident_message,
                                        problem=True)),
        ("print_failed", replace(done, message=PrinterOutOfPaper("sample").resident_message,
                                          problem=True)),
        ("printed", replace(done, printed=True)),
        ("query_result", query),
        ("query_empty", replace(query, query=[], query_note="", message=QUERY_EMPTY)),
        ("rate", rate),
        ("rate_poor", poor),
        ("rated", replace(rate, step=Step.RATED)),
        ("maintenance", SessionView(step=Step.MAINTENANCE, maintenance=healthy)),
        ("maintenance_clock_skew", SessionView(step=Step.MAINTENANCE, maintenance=skew)),
        ("maintenance_redirected",
         SessionView(step=Step.MAINTENANCE, maintenance=redirected)),
    ]
