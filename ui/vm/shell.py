"""The window's view model: which step is on screen, the status line, timers and devices.

The core's ``SessionView`` is the single truth about what a screen shows; the shell re-reads
it after every core call (``refresh``) and hands it to one child view model per flow, each
of which copies only its own fields and emits only what changed. QML's StackView follows
``step``, so only the current step's screen exists.

Timers follow the step: the card reader is polled only on the card screen, the idle clock
runs on every screen but HOME and restarts on each new screen and each touch, and the
thanks screen goes home by itself. Device calls go through jobs.Pools (one device thread:
see its docstring for why a late card read can never write into a wiped session).
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import replace

from PySide6.QtCore import Property, QObject, QTimer, Signal, Slot
from PySide6.QtQml import QmlElement, QmlUncreatable

from kiosk.app import Kiosk
from kiosk.provision import platform_client
from kiosk.session import SessionView, Step
from kiosk.store import StoreError
from ui.vm.card import CardViewModel
from ui.vm.choice import ItemChoiceViewModel
from ui.vm.done import RECEIPT_JOB, DoneViewModel
from ui.vm.home import HomeViewModel
from ui.vm.jobs import Pools
from ui.vm.maintenance import MaintenanceViewModel
from ui.vm.part import Part
from ui.vm.query import QueryViewModel
from ui.vm.rating import RatingViewModel

QML_IMPORT_NAME = "VillageKiosk"
QML_IMPORT_MAJOR_VERSION = 1

log = logging.getLogger(__name__)

CARD_POLL_MS = 300
STATUS_REFRESH_MS = 2000
HEALTH_CHECK_MS = 30_000
HEALTH_TIMEOUT_S = 5.0
THANKS_MS = 6000  # the 感谢您的评价 screen goes home by itself after this
CARD_JOB = "card poll"
HEALTH_JOB = "health check"


@QmlElement
@QmlUncreatable("made by the front end")  # PySide6 6.12 stub: the instance is "not callable"
class ShellViewModel(QObject):  # type: ignore[operator]
    """The resident's visit as the window sees it.

    ``live=False`` gives a passive model for screenshots: no card polling, no idle timer,
    no network checks, so rendering a screen never changes the kiosk's session.
    """

    stepChanged = Signal()
    networkChanged = Signal()
    queueDepthChanged = Signal()
    idleTimeoutChanged = Signal()

    def __init__(self, kiosk: Kiosk, live: bool = True, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._kiosk = kiosk
        self._live = live
        self._view = SessionView()
        self._poll_in_flight = False
        self._health_in_flight = False
        self._health: bool | None = None
        self._queue_depth = 0
        self._network: bool | None = None
        self._pools = Pools(self._on_job_finished, self)
        self._health_client = platform_client(kiosk.config, timeout_s=HEALTH_TIMEOUT_S)

        self._home = HomeViewModel(self)
        self._card = CardViewModel(self)
        self._choice = ItemChoiceViewModel(self)
        self._done = DoneViewModel(self)
        self._query = QueryViewModel(self)
        self._rating = RatingViewModel(self)
        self._maintenance = MaintenanceViewModel(self)
        for part in self.parts:
            part.setParent(self)

        self._card_timer = self._timer(CARD_POLL_MS, self.pollCard)
        self._idle_timer = self._timer(kiosk.config.idle_timeout_s * 1000, self._on_idle,
                                       single=True)
        self._thanks_timer = self._timer(THANKS_MS, self._on_thanks_done, single=True)
        self._status_timer = self._timer(STATUS_REFRESH_MS, self.refreshStatus)
        self._health_timer = self._timer(HEALTH_CHECK_MS, self._check_health)

        self.refresh(force=True)
        self.refresh_status()
        if live:
            self._status_timer.start()
            self._health_timer.start()
            self._check_health()

    def _timer(self, ms: int, slot: Callable[[], None], single: bool = False) -> QTimer:
        t = QTimer(self)
        t.setInterval(ms)
        t.setSingleShot(single)
        t.timeout.connect(slot)
        return t

    @property
    def parts(self) -> tuple[Part, ...]:
        return (self._home, self._card, self._choice, self._done, self._query,
                self._rating, self._maintenance)

    # The Host protocol the parts act through ---------------------------------------------

    @property
    def kiosk(self) -> Kiosk:
        return self._kiosk

    @property
    def live(self) -> bool:
        return self._live

    def settle(self) -> None:
        self._pools.settle()

    def start_device_job(self, kind: str, fn: Callable[[], object]) -> None:
        self._pools.device(kind, fn)

    # Copying the core's state in ------------------------------------------------------

    def refresh(self, force: bool = False) -> None:
        """Re-reads the session; called after every core call and before a screenshot."""
        v = self._kiosk.session.view
        # A copy, so the next comparison sees what changed in the core's view.
        new = replace(v, items=list(v.items), chosen=list(v.chosen), query=list(v.query))
        old_step = self._view.step
        if force or new != self._view:
            self._view = new
            for part in self.parts:
                part.update(new)
        step_changed = new.step != old_step
        if step_changed:
            log.info("screen %s -> %s", old_step.value, new.step.value)
            self.stepChanged.emit()
        self._apply_timers(step_changed)

    def refresh_status(self) -> None:
        self.refreshStatus()

    @Slot()
    def refreshStatus(self) -> None:
        """Network and queue, plus the case on the DONE screen: the outbox thread may have got
        the platform's 办件编号 while the resident is still reading the screen."""
        if self._live and self._view.step == Step.DONE and not self._done.busy:
            try:
                self._kiosk.refresh_case()
            except StoreError:
                log.warning("case status could not be re-read")
            self.refresh()
        try:
            depth = self._kiosk.queue_depth()
        except StoreError:
            depth = self._queue_depth
        if depth != self._queue_depth:
            self._queue_depth = depth
            self.queueDepthChanged.emit()
        online = self._online_state()
        if online != self._network:
            self._network = online
            self.networkChanged.emit()

    def _apply_timers(self, step_changed: bool) -> None:
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

    def _online_state(self) -> bool | None:
        # The outbox worker's last send is fresher evidence than the periodic health check.
        worker = self._kiosk.worker.online
        return worker if worker is not None else self._health

    # Properties -------------------------------------------------------------------------

    @Property(str, notify=stepChanged)
    def step(self) -> str:
        return self._view.step.value

    @Property(bool, notify=networkChanged)
    def online(self) -> bool:
        return self._network is True

    @Property(bool, notify=networkChanged)
    def networkKnown(self) -> bool:
        return self._network is not None

    @Property(int, notify=queueDepthChanged)
    def queueDepth(self) -> int:
        return self._queue_depth

    @Property(str, constant=True)
    def regionName(self) -> str:
        return self._kiosk.config.region_name

    @Property(str, constant=True)
    def terminalId(self) -> str:
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

    idleTimeoutMs = Property(int, _get_idle_timeout_ms, _set_idle_timeout_ms,
                             notify=idleTimeoutChanged)

    @Property(HomeViewModel, constant=True)
    def home(self) -> HomeViewModel:
        return self._home

    @Property(CardViewModel, constant=True)
    def card(self) -> CardViewModel:
        return self._card

    @Property(ItemChoiceViewModel, constant=True)
    def choice(self) -> ItemChoiceViewModel:
        return self._choice

    @Property(DoneViewModel, constant=True)
    def done(self) -> DoneViewModel:
        return self._done

    @Property(QueryViewModel, constant=True)
    def query(self) -> QueryViewModel:
        return self._query

    @Property(RatingViewModel, constant=True)
    def rating(self) -> RatingViewModel:
        return self._rating

    @Property(MaintenanceViewModel, constant=True)
    def maintenance(self) -> MaintenanceViewModel:
        return self._maintenance

    # Actions every screen shares ---------------------------------------------------------

    @Slot()
    def endSession(self) -> None:
        """返回首页 / 完成 / 退出: the same ending as the idle timeout, draft wipe included."""
        self.settle()
        self._kiosk.idle_timeout()
        self.refresh()

    @Slot()
    def touched(self) -> None:
        """Any press on the screen: the resident is still there, so the idle clock restarts."""
        if self._live and self._view.step != Step.HOME:
            self._idle_timer.start()

    @Slot()
    def openMaintenance(self) -> None:
        """The long press on the home footer; only from HOME, so no visit is cut short."""
        self.settle()
        if self._kiosk.session.view.step != Step.HOME:
            return
        try:
            self._kiosk.open_maintenance()
        except StoreError:
            log.error("maintenance screen could not read the store")
        self.refresh()

    @Slot()
    def pollCard(self) -> None:
        """Asks the reader once, off the GUI thread; the result arrives via refresh()."""
        if self._poll_in_flight or self._view.step != Step.INSERT_CARD:
            return
        self._poll_in_flight = True
        self._pools.device(CARD_JOB, self._kiosk.poll_card)

    def _on_thanks_done(self) -> None:
        if self._view.step == Step.RATED:
            self.endSession()

    def _on_idle(self) -> None:
        if self._view.step == Step.HOME:
            return
        log.info("idle for %d ms: session ended", self._idle_timer.interval())
        self.settle()
        self._kiosk.idle_timeout()  # also wipes the resident's saved draft
        self.refresh()

    # Results from the worker threads -----------------------------------------------------

    def _check_health(self) -> None:
        if self._health_in_flight:
            return
        self._health_in_flight = True
        self._pools.net(HEALTH_JOB, self._health_client.health)

    def _on_job_finished(self, kind: str, result: object) -> None:
        if kind == CARD_JOB:
            self._poll_in_flight = False
        elif kind == RECEIPT_JOB:
            self._done.printing_finished(result)
        elif kind == HEALTH_JOB:
            self._health_in_flight = False
            self._health = result if isinstance(result, bool) else False
            self.refreshStatus()
            return
        self.refresh(force=True)

    def shutdown(self) -> None:
        """Stops timers and waits for workers, so no job outlives the kiosk it uses."""
        for timer in (self._card_timer, self._idle_timer, self._status_timer,
                      self._health_timer, self._thanks_timer):
            timer.stop()
        self._pools.shutdown()
