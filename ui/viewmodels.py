"""View models between QML and the kiosk core.

The core's ``SessionView`` is the single truth about what a screen shows; these objects only
copy it into Qt properties and turn button presses into core calls, so the resident flow
behaves the same under the CLI, the demo and the touch screen.

Device calls (card reads, printing) run on a one-thread pool: a real reader may take most of
a second per poll and the GUI must keep answering touches meanwhile. Because the pool has
a single thread, device calls never overlap each other, and every session change made on
the GUI thread first waits for the running device call, so a late card read can never write
into a session that the idle timer has just wiped.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import Any

from PySide6.QtCore import (
    Property,
    QObject,
    QRunnable,
    QThreadPool,
    QTimer,
    Signal,
    Slot,
)
from PySide6.QtQml import QmlElement, QmlUncreatable

from kiosk.app import Kiosk
from kiosk.maintenance import REQUEUE_HINT, MaintenanceView
from kiosk.provision import platform_client
from kiosk.ratings import LEVEL_WORDS, POOR_REASONS, Level
from kiosk.session import INSERT_CARD_PROMPT, RATING_THANKS, SessionView, Step
from kiosk.store import StoreError

log = logging.getLogger(__name__)

# The QML module these types join (ui/qml/qmldir says `module VillageKiosk`).
QML_IMPORT_NAME = "VillageKiosk"
QML_IMPORT_MAJOR_VERSION = 1

WAITING_FOR_CARD = INSERT_CARD_PROMPT

CARD_POLL_MS = 300
STATUS_REFRESH_MS = 2000
HEALTH_CHECK_MS = 30_000
HEALTH_TIMEOUT_S = 5.0
THANKS_MS = 6000  # the 感谢您的评价 screen goes home by itself after this


class _JobSignals(QObject):
    """Lives on the GUI thread so a worker's emit arrives there as a queued call."""

    finished = Signal(str, object)


class _Job(QRunnable):
    """One blocking call off the GUI thread; reports its result or its exception."""

    def __init__(self, kind: str, fn: Callable[[], object], signals: _JobSignals) -> None:
        super().__init__()
        self.kind = kind
        self.fn = fn
        self.signals = signals

    def run(self) -> None:
        result: object
        try:
            result = self.fn()
        except Exception as exc:  # reported to the GUI thread, which decides what to show
            log.error("%s failed: %s", self.kind, type(exc).__name__)
            result = exc
        self.signals.finished.emit(self.kind, result)


def _item_dicts(items: list[Any]) -> list[dict[str, str]]:
    return [{"code": i.code, "name": i.name} for i in items]


def _query_dicts(records: list[Any]) -> list[dict[str, str]]:
    """The 办件查询 rows for QML: numbers and plain words, nothing that names anyone."""
    return [{"caseNo": r.case_no, "items": "、".join(r.items), "status": r.status,
             "detail": r.detail, "date": r.date} for r in records]


def _maintenance_dict(m: MaintenanceView | None) -> dict[str, Any]:
    """维护信息 for QML, every key always present so no binding ever reads undefined."""
    if m is None:
        return {"terminalId": "", "region": "", "platformUrl": "", "enrolled": False,
                "enrolment": "", "link": "", "lastContact": "", "pending": 0, "parked": 0,
                "parkedItems": [], "auditBacklog": 0, "catalogVersion": "", "freeSpace": "",
                "clock": "",
                "severity": "ok", "headline": "", "action": "", "detail": "",
                "refreshedAt": "", "requeueHint": REQUEUE_HINT}
    d = m.diagnosis
    return {"terminalId": m.terminal_id, "region": f"{m.region_code}\n{m.region_name}",
            "platformUrl": m.platform_url, "enrolled": m.enrolled, "enrolment": m.enrolment,
            "link": m.link, "lastContact": m.last_contact, "pending": m.pending,
            "parked": m.parked,
            "parkedItems": [{"id": p.outbox_id, "kind": p.kind, "attempts": p.attempts,
                             "error": p.last_error} for p in m.parked_items],
            "auditBacklog": m.audit_backlog,
            "catalogVersion": m.catalog_version, "freeSpace": m.free_space, "clock": m.clock,
            "severity": d.severity.value,
            "headline": d.headline, "action": d.action, "detail": d.detail,
            "refreshedAt": m.refreshed_at, "requeueHint": REQUEUE_HINT}


@QmlElement
@QmlUncreatable("made by the front end for its window")
class SessionViewModel(QObject):
    """The resident's visit as QML sees it.

    ``live=False`` gives a passive model for screenshots: no card polling, no idle timer,
    no network checks, so rendering a screen never changes the kiosk's session.
    """

    changed = Signal()
    statusChanged = Signal()
    idleTimeoutChanged = Signal()

    def __init__(self, kiosk: Kiosk, live: bool = True, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._kiosk = kiosk
        self._live = live
        self._view = SessionView()
        self._printing = False
        self._poll_in_flight = False
        self._health_in_flight = False
        self._health: bool | None = None
        self._queue_depth = 0
        self._last_status: tuple[int, bool | None] = (0, None)

        self._devices = QThreadPool(self)
        self._devices.setMaxThreadCount(1)
        self._network = QThreadPool(self)
        self._network.setMaxThreadCount(1)
        self._signals = _JobSignals(self)
        self._signals.finished.connect(self._on_job_finished)
        self._health_client = platform_client(kiosk.config, timeout_s=HEALTH_TIMEOUT_S)

        self._card_timer = QTimer(self)
        self._card_timer.setInterval(CARD_POLL_MS)
        self._card_timer.timeout.connect(self.pollCard)

        self._idle_timer = QTimer(self)
        self._idle_timer.setSingleShot(True)
        self._idle_timer.setInterval(kiosk.config.idle_timeout_s * 1000)
        self._idle_timer.timeout.connect(self._on_idle)

        self._thanks_timer = QTimer(self)
        self._thanks_timer.setSingleShot(True)
        self._thanks_timer.setInterval(THANKS_MS)
        self._thanks_timer.timeout.connect(self._on_thanks_done)

        self._status_timer = QTimer(self)
        self._status_timer.setInterval(STATUS_REFRESH_MS)
        self._status_timer.timeout.connect(self.refreshStatus)
        self._health_timer = QTimer(self)
        self._health_timer.setInterval(HEALTH_CHECK_MS)
        self._health_timer.timeout.connect(self._check_health)

        self.refresh()
        self.refreshStatus()
        if live:
            self._status_timer.start()
            self._health_timer.start()
            self._check_health()

    # Copying the core's state in ------------------------------------------------------

    def refresh(self) -> None:
        """Re-reads the session; called after every core call and before a screenshot."""
        v = self._kiosk.session.view
        # A copy, so the next comparison sees what changed in the core's view.
        new = replace(v, items=list(v.items), chosen=list(v.chosen), query=list(v.query))
        old_step = self._view.step
        if new != self._view:
            self._view = new
            self.changed.emit()
        step_changed = new.step != old_step
        if step_changed:
            log.info("screen %s -> %s", old_step.value, new.step.value)
        self._apply_timers(step_changed)

    @Slot()
    def refreshStatus(self) -> None:
        """Network and queue, plus the case on the DONE screen: the outbox thread may have got
        the platform's 办件编号 while the resident is still reading the screen."""
        if self._live and self._view.step == Step.DONE and not self._printing:
            try:
                self._kiosk.refresh_case()
            except StoreError:
                log.warning("case status could not be re-read")
            self.refresh()
        try:
            depth = self._kiosk.queue_depth()
        except StoreError:
            depth = self._queue_depth
        state = (depth, self._online_state())
        if state != self._last_status:
            self._queue_depth = depth
            self._last_status = state
            self.statusChanged.emit()

    def _apply_timers(self, step_changed: bool) -> None:
        """Card polling only while waiting for a card; the idle clock on every screen but
        HOME, starting afresh on each new screen (a card read is not a touch, yet the
        resident needs the full time to read the next screen)."""
        if not self._live:
            return
        step = self._view.step
        if step == Step.INSERT_CARD:
            if not self._card_timer.isActive():
                self._card_timer.start()
        else:
            self._card_timer.stop()
        if step == Step.RATED:
            if step_changed:
                self._thanks_timer.start()
        else:
            self._thanks_timer.stop()
        if step == Step.HOME:
            self._idle_timer.stop()
        elif step_changed or not self._idle_timer.isActive():
            self._idle_timer.start()

    # Properties -------------------------------------------------------------------------

    def _get_step(self) -> str:
        return self._view.step.value

    def _get_message(self) -> str:
        return self._view.message

    def _get_problem(self) -> bool:
        return self._view.problem

    def _get_masked_name(self) -> str:
        return self._view.masked_name

    def _get_masked_id(self) -> str:
        return self._view.masked_id

    def _get_items(self) -> list[dict[str, str]]:
        return _item_dicts(self._view.items)

    def _get_chosen(self) -> list[dict[str, str]]:
        return _item_dicts(self._view.chosen)

    def _get_case_no(self) -> str:
        return self._view.case_no

    def _get_case_status(self) -> str:
        return self._view.case_status

    def _get_query(self) -> list[dict[str, str]]:
        return _query_dicts(self._view.query)

    def _get_query_note(self) -> str:
        return self._view.query_note

    def _get_rating_case_no(self) -> str:
        return self._view.rating_case_no

    def _get_rating_level(self) -> int:
        return self._view.rating_level

    def _get_level_words(self) -> list[str]:
        return [LEVEL_WORDS[Level(n)] for n in (5, 4, 3, 2, 1)]

    def _get_poor_reasons(self) -> list[str]:
        return list(POOR_REASONS)

    def _get_thanks(self) -> str:
        return RATING_THANKS

    def _get_maintenance(self) -> dict[str, Any]:
        return _maintenance_dict(self._view.maintenance)

    def _get_printed(self) -> bool:
        return self._view.printed

    def _get_printing(self) -> bool:
        return self._printing

    def _get_online(self) -> bool:
        return self._online_state() is True

    def _get_network_known(self) -> bool:
        return self._online_state() is not None

    def _online_state(self) -> bool | None:
        # The outbox worker's last send is fresher evidence than the periodic health check.
        worker = self._kiosk.worker.online
        return worker if worker is not None else self._health

    def _get_queue_depth(self) -> int:
        return self._queue_depth

    def _get_region_name(self) -> str:
        return self._kiosk.config.region_name

    def _get_terminal_id(self) -> str:
        return self._kiosk.config.terminal_id

    def _get_idle_timeout_ms(self) -> int:
        return self._idle_timer.interval()

    def _set_idle_timeout_ms(self, ms: int) -> None:
        if ms == self._idle_timer.interval():
            return
        running = self._idle_timer.isActive()
        self._idle_timer.setInterval(ms)
        if running:
            self._idle_timer.start()
        self.idleTimeoutChanged.emit()

    step = Property(str, _get_step, notify=changed)
    message = Property(str, _get_message, notify=changed)
    problem = Property(bool, _get_problem, notify=changed)
    maskedName = Property(str, _get_masked_name, notify=changed)
    maskedId = Property(str, _get_masked_id, notify=changed)
    items = Property(list, _get_items, notify=changed)
    chosen = Property(list, _get_chosen, notify=changed)
    caseNo = Property(str, _get_case_no, notify=changed)
    caseStatus = Property(str, _get_case_status, notify=changed)
    query = Property(list, _get_query, notify=changed)
    queryNote = Property(str, _get_query_note, notify=changed)
    ratingCaseNo = Property(str, _get_rating_case_no, notify=changed)
    ratingLevel = Property(int, _get_rating_level, notify=changed)
    levelWords = Property(list, _get_level_words, constant=True)  # for levels 5 … 1
    poorReasons = Property(list, _get_poor_reasons, constant=True)
    thanks = Property(str, _get_thanks, constant=True)
    maintenance = Property(dict, _get_maintenance, notify=changed)
    printed = Property(bool, _get_printed, notify=changed)
    printing = Property(bool, _get_printing, notify=changed)
    online = Property(bool, _get_online, notify=statusChanged)
    networkKnown = Property(bool, _get_network_known, notify=statusChanged)
    queueDepth = Property(int, _get_queue_depth, notify=statusChanged)
    regionName = Property(str, _get_region_name, constant=True)
    terminalId = Property(str, _get_terminal_id, constant=True)
    idleTimeoutMs = Property(int, _get_idle_timeout_ms, _set_idle_timeout_ms,
                             notify=idleTimeoutChanged)

    # Resident actions --------------------------------------------------------------------

    def _settle(self) -> None:
        """Waits for a running device call so the session is not changed under it."""
        self._devices.waitForDone()

    @Slot()
    def startVisit(self) -> None:
        self._settle()
        self._kiosk.start_visit()
        self.refresh()

    @Slot()
    def startQuery(self) -> None:
        self._settle()
        self._kiosk.start_query()
        self.refresh()

    @Slot()
    def startRatingVisit(self) -> None:
        self._settle()
        self._kiosk.start_rating_visit()
        self.refresh()

    # 维护信息 (technicians) ----------------------------------------------------------------

    @Slot()
    def openMaintenance(self) -> None:
        """The long press on the home footer; only from HOME, so no visit is cut short."""
        self._settle()
        if self._kiosk.session.view.step != Step.HOME:
            return
        try:
            self._kiosk.open_maintenance()
        except StoreError:
            log.error("maintenance screen could not read the store")
        self.refresh()

    @Slot()
    def refreshMaintenance(self) -> None:
        self._settle()
        try:
            self._kiosk.refresh_maintenance()
        except StoreError:
            log.error("maintenance figures could not be re-read")
        self.refresh()
        self.refreshStatus()

    @Slot(int)
    def rateCase(self, index: int) -> None:
        """评价: ``index`` is a row of the 办件查询 list, or -1 for the case just submitted."""
        self._settle()
        try:
            if index < 0:
                if self._kiosk.session.view.step == Step.DONE:
                    self._kiosk.start_rating()
            elif self._kiosk.session.view.step == Step.QUERY_RESULT:
                self._kiosk.rate_query_case(index)
        except (StoreError, KeyError):
            log.error("rating screen could not be opened")
        self.refresh()

    @Slot(int)
    def chooseLevel(self, level: int) -> None:
        self._settle()
        self._kiosk.choose_rating_level(int(level))
        self.refresh()

    @Slot(int, "QVariantList", str)
    def submitRating(self, level: int, reasons: list[str], phone: str) -> None:
        self._settle()
        if self._kiosk.session.view.step != Step.RATE:
            return
        try:
            self._kiosk.submit_rating(int(level), [str(r) for r in reasons], str(phone))
        except StoreError as exc:
            log.error("rating not stored: %s", type(exc).__name__)
            view = self._kiosk.session.view
            view.message, view.problem = "本机暂时无法保存，请联系工作人员", True
        self.refresh()
        self.refreshStatus()

    def _on_thanks_done(self) -> None:
        if self._view.step == Step.RATED:
            self.endSession()

    @Slot()
    def pollCard(self) -> None:
        """Asks the reader once, off the GUI thread; the result arrives via refresh()."""
        if self._poll_in_flight or self._view.step != Step.INSERT_CARD:
            return
        self._poll_in_flight = True
        self._devices.start(_Job("card poll", self._kiosk.poll_card, self._signals))

    @Slot("QVariantList")
    def choose(self, codes: list[str]) -> None:
        self._settle()
        self._kiosk.choose([str(c) for c in codes])
        self.refresh()

    @Slot()
    def chooseAgain(self) -> None:
        """Back from 确认 to the item list, keeping the card already read."""
        self._settle()
        if self._kiosk.session.view.step == Step.CONFIRM:
            self._kiosk.back()
        self.refresh()

    @Slot()
    def submit(self) -> None:
        self._settle()
        try:
            self._kiosk.submit()
        except StoreError as exc:
            log.error("submit failed: %s", type(exc).__name__)
            view = self._kiosk.session.view
            view.message, view.problem = "本机暂时无法保存，请联系工作人员", True
        self.refresh()
        self.refreshStatus()

    @Slot()
    def printReceipt(self) -> None:
        if self._printing or self._view.step != Step.DONE:
            return
        self._printing = True
        self.changed.emit()
        out = self._receipt_path(self._view.case_no)
        self._devices.start(_Job("receipt print",
                                 lambda: self._kiosk.print_receipt(out), self._signals))

    def _receipt_path(self, case_no: str) -> Path:
        safe = re.sub(r"[^A-Za-z0-9_-]", "_", case_no) or "receipt"
        return self._kiosk.config.receipts_dir / f"{safe}.pdf"

    @Slot()
    def endSession(self) -> None:
        self._settle()
        self._kiosk.session.end()
        self.refresh()

    @Slot()
    def touched(self) -> None:
        """Any press on the screen: the resident is still there, so the idle clock restarts."""
        if self._live and self._view.step != Step.HOME:
            self._idle_timer.start()

    def _on_idle(self) -> None:
        if self._view.step == Step.HOME:
            return
        log.info("idle for %d ms: session ended", self._idle_timer.interval())
        self._settle()
        self._kiosk.idle_timeout()  # also wipes the resident's saved draft
        self.refresh()

    # Results from the worker threads -----------------------------------------------------

    def _check_health(self) -> None:
        if self._health_in_flight:
            return
        self._health_in_flight = True
        self._network.start(_Job("health check", self._health_client.health, self._signals))

    def _on_job_finished(self, kind: str, result: object) -> None:
        if kind == "card poll":
            self._poll_in_flight = False
        elif kind == "receipt print":
            self._printing = False
            view = self._kiosk.session.view
            if isinstance(result, Exception) and view.step == Step.DONE:
                view.message = "回执暂时无法打印，请联系工作人员"
            self.changed.emit()
        elif kind == "health check":
            self._health_in_flight = False
            self._health = result if isinstance(result, bool) else False
            self.refreshStatus()
            return
        self.refresh()

    def shutdown(self) -> None:
        """Stops timers and waits for workers, so no job outlives the kiosk it uses."""
        for timer in (self._card_timer, self._idle_timer, self._status_timer,
                      self._health_timer, self._thanks_timer):
            timer.stop()
        self._devices.waitForDone()
        self._network.waitForDone()
