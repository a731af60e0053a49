"""The window's view model: the core flow's current screen, the status line, timers, devices.

The core's ``kiosk.flow.ResidentFlow`` is the single truth about the visit: every touch is
one named flow action, and the ``Screen`` record it returns is handed to one child view
model per flow of the shell's own screens (each copies only its fields and emits only what
changed) and announced with ``screenChanged`` to the service screens' view models (H8's,
which read ``current_screen()``). QML's StackView follows ``step``, so only the current
step's screen exists.

Timers follow the screen record, never a list of steps kept here: ``polls_card`` polls the
reader, ``idle_timeout_s`` runs the idle clock (restarted by each new screen and each
touch), ``auto_next_s`` moves on by itself, ``polls_printer``/``refreshes_case`` re-read
the screen every few seconds. Actions that touch a device run on jobs.Pools' single device
thread (see its docstring for why a late card read can never write into a wiped visit);
every other action first waits for that thread, then runs on the GUI thread.
"""

from __future__ import annotations

import logging
from collections.abc import Callable

from PySide6.QtCore import Property, QObject, QTimer, QUrl, Signal, Slot
from PySide6.QtQml import QmlElement, QmlUncreatable

from kiosk import prompts
from kiosk.app import Kiosk
from kiosk.flow import FLOW, FlowError, Screen, Step
from kiosk.provision import platform_client
from kiosk.store import StoreError
from ui import i18n
from ui.speech import Speaker
from ui.vm.card import CardViewModel
from ui.vm.done import DoneViewModel
from ui.vm.home import HomeViewModel
from ui.vm.jobs import Pools
from ui.vm.maintenance import MaintenanceViewModel
from ui.vm.part import Part
from ui.vm.photo import PhotoViewModel
from ui.vm.query import QueryScanViewModel, QueryViewModel
from ui.vm.rating import RatingViewModel
from ui.vm.screens import screen_url
from ui.vm.teach import TeachViewModel

QML_IMPORT_NAME = "VillageKiosk"
QML_IMPORT_MAJOR_VERSION = 1

log = logging.getLogger(__name__)

CARD_POLL_MS = 300
STATUS_REFRESH_MS = 2000
HEALTH_CHECK_MS = 30_000
# 还需要更多时间吗？: the last part of a visit's idle time is a countdown with one big 继续
# (any touch continues), so a resident reading slowly is asked before the visit ends and
# everything typed is wiped. At most this long, at most half of a short idle time.
IDLE_WARNING_MS = 15_000
ELDER_IDLE_WARNING_MS = 30_000  # 长辈模式: twice as long to read the question and reach 继续
HEALTH_TIMEOUT_S = 5.0
HEALTH_JOB = "health check"
BACKGROUND = "background:"  # job kind prefix of the status timer's screen re-reads

# The flow's actions a screen may name (kiosk/flow/__init__.py), and those that touch a
# device and so run on the device thread. "reload" re-reads the screen (the printer's
# state, 维护信息's figures); "go" follows the table (auto_next_s).
ACTIONS = frozenset({
    "start", "browse", "start_query_number", "open_maintenance", "poll_card",
    "open_category", "search", "open_entry", "start_questions", "answer", "show_checklist",
    "print_checklist", "apply", "continue_form", "use_history", "take_photo", "change",
    "consent", "confirm_commitment", "defer", "submit", "print_receipt", "rate",
    "refresh_cases", "retry", "skip_print", "choose_level", "submit_rating", "skip_rating",
    "reprint", "rate_row", "open_correction", "open_query_number", "query_number",
    "open_scan", "scan_payload", "print_correction", "back", "home", "exit",
    "idle_timeout", "reload", "go",
    # the materials steps (issue 14, kiosk/flow/materials_step.py)
    "choose_way", "cannot_provide", "continue_materials", "attach_page", "scan_ecert",
    "scan_camera", "camera_trouble", "sign", "resign", "open_sign",
    # 长辈模式 and 高对比度 (issue 15)
    "set_elder", "set_contrast",
    "open_teach", "teach_page", "teach_next", "teach_back", "teach_done"})
DEVICE_ACTIONS = frozenset({"poll_card", "print_receipt", "print_checklist", "reprint",
                            "print_correction", "take_photo", "retry", "reload",
                            "refresh_cases", "scan_camera"})


def idle_warning_ms(idle_ms: int, elder: bool) -> int:
    """How long 还需要更多时间吗？ counts down at the end of ``idle_ms``: 15 s (30 s in
    长辈模式), but never more than half of a short idle time."""
    return min(ELDER_IDLE_WARNING_MS if elder else IDLE_WARNING_MS, idle_ms // 2)


@QmlElement
@QmlUncreatable("made by the front end")  # PySide6 6.12 stub: the instance is "not callable"
class ShellViewModel(QObject):  # type: ignore[operator]
    """The resident's visit as the window sees it.

    ``live=False`` gives a passive model for screenshots: no card polling, no idle timer,
    no network checks, so rendering a screen never changes the kiosk's visit.
    """

    stepChanged = Signal()
    screenChanged = Signal()
    chromeChanged = Signal()  # title, back, home, masked name: one record field set
    busyChanged = Signal()
    networkChanged = Signal()
    queueDepthChanged = Signal()
    idleTimeoutChanged = Signal()
    idleWarningChanged = Signal()
    helpTextChanged = Signal()
    helpOpenChanged = Signal()
    displayChanged = Signal()  # 长辈模式 / 高对比度 of the visit

    def __init__(self, kiosk: Kiosk, live: bool = True, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._kiosk = kiosk
        self._live = live
        self._screen: Screen = kiosk.flow.screen()
        self._busy = 0
        self._poll_in_flight = False
        self._shut = False  # shutdown() ran: late job results are dropped
        self._background_in_flight = False
        self._actions_run = 0  # a background re-read started before an action is stale
        self._health_in_flight = False
        self._health: bool | None = None
        self._queue_depth = 0
        self._network: bool | None = None
        self._idle_override_ms: int | None = None
        self._warning_left_s = 0  # 0: no countdown on screen
        self._help_open = False
        # The spoken prompts (ui/speech.py): each screen's sentence, 再听一遍, 读给我听; in
        # the visit's language. Passive windows (screenshots) never speak.
        self._speaker = Speaker.for_config(kiosk.config, self)
        self._unlisten = i18n.on_change(self._language_changed)
        self.actions: list[tuple[str, tuple[object, ...]]] = []  # what was asked, in order
        self._pools = Pools(self._on_job_finished, self)
        self._health_client = platform_client(kiosk.config, timeout_s=HEALTH_TIMEOUT_S)

        self._home = HomeViewModel(self)
        self._card = CardViewModel(self)
        self._done = DoneViewModel(self)
        self._query = QueryViewModel(self)
        self._rating = RatingViewModel(self)
        self._maintenance = MaintenanceViewModel(self)
        self._photo = PhotoViewModel(self)
        self._scan = QueryScanViewModel(self)
        self._teach = TeachViewModel(self)
        for part in self.parts:
            part.setParent(self)

        self._card_timer = self._timer(CARD_POLL_MS, self.pollCard)
        self._idle_timer = self._timer(kiosk.config.idle_timeout_s * 1000,
                                       self._on_idle_warning, single=True)
        self._end_timer = self._timer(IDLE_WARNING_MS, self._on_idle, single=True)
        self._countdown_timer = self._timer(1000, self._count_down)
        self._auto_timer = self._timer(0, self._on_auto_next, single=True)
        self._status_timer = self._timer(STATUS_REFRESH_MS, self.refreshStatus)
        self._health_timer = self._timer(HEALTH_CHECK_MS, self._check_health)

        self.show(self._screen, force=True)
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
        return (self._home, self._card, self._done, self._query, self._rating,
                self._maintenance, self._photo, self._scan, self._teach)

    @property
    def kiosk(self) -> Kiosk:
        return self._kiosk

    @property
    def live(self) -> bool:
        return self._live

    # The flow session (the Host of the parts, FlowSession of the service screens) --------

    def current_screen(self) -> Screen:
        return self._screen

    def act(self, action: str, *args: object) -> None:
        """Runs one flow action by name; its failure becomes the core's problem state."""
        if action not in ACTIONS:
            raise ValueError(f"not a flow action: {action}")
        self.actions.append((action, args))
        self._actions_run += 1
        if action in DEVICE_ACTIONS and self._live:
            self._busy += 1
            if self._busy == 1:
                self.busyChanged.emit()
            self._pools.device(action, lambda: self._call(action, args))
            return
        self.settle()
        self.show(self._call(action, args))

    def _call(self, action: str, args: tuple[object, ...]) -> Screen:
        flow = self._kiosk.flow
        try:
            if action == "reload":
                return flow.screen()
            if action == "go":
                return flow.go(Step(str(args[0])))
            result = getattr(flow, action)(*args)
        except FlowError as exc:  # a stale tap (the screen moved on): nothing to do
            log.info("%s ignored: %s", action, exc)
            return flow.screen()
        except Exception as exc:  # the flow maps service errors itself; this is the rest
            return flow.fail(exc)
        return result if isinstance(result, Screen) else flow.screen()

    def settle(self) -> None:
        """Waits for a running device call so the visit is not changed under it."""
        self._pools.settle()

    def refresh(self) -> None:
        """Re-reads the flow's screen (after a change made outside, and for screenshots)."""
        self.settle()
        self.show(self._kiosk.flow.screen())

    def show(self, screen: Screen, force: bool = False) -> None:
        """Puts ``screen`` on view: every part copies its fields, then the signals go."""
        old = self._screen
        if screen.step is Step.HOME and old.step is not Step.HOME:
            i18n.end_visit()  # the visit's 中文/English ends with the visit
        screen = i18n.translated(screen)  # the core's words in the visit's language
        self._screen = screen
        if not force and screen == old:
            self._apply_timers(False)
            return
        for part in self.parts:
            part.update(screen)
        chrome = (old.title, old.back, old.home, old.masked_name)
        step_changed = force or screen.step != old.step
        if step_changed:
            log.info("screen %s -> %s", old.step.value, screen.step.value)
            self.stepChanged.emit()
        if force or chrome != (screen.title, screen.back, screen.home, screen.masked_name):
            self.chromeChanged.emit()
        if step_changed:
            self._set_help(False)
            self.helpTextChanged.emit()
        if force or (old.elder, old.high_contrast) != (screen.elder, screen.high_contrast):
            self._speaker.set_elder_mode(screen.elder)
            self.displayChanged.emit()
        if self._live:
            self._speaker.show(screen)
        self.screenChanged.emit()
        self._apply_timers(step_changed)

    def _language_changed(self, language: str) -> None:
        if language in prompts.LANGUAGES:
            self._speaker.set_language(language)
        self.helpTextChanged.emit()

    # 长辈模式 and 高对比度 -------------------------------------------------------------------

    @Property(bool, notify=displayChanged)
    def elderMode(self) -> bool:
        """长辈模式 for this visit: Main.qml sets the Theme's scale factor from it."""
        return self._screen.elder

    @Property(bool, notify=displayChanged)
    def highContrast(self) -> bool:
        """高对比度 for this visit: Main.qml switches the Theme's colours to black/white."""
        return self._screen.high_contrast

    # 帮助 ---------------------------------------------------------------------------------

    def _set_help(self, shown: bool) -> None:
        if shown != self._help_open:
            self._help_open = shown
            self.helpOpenChanged.emit()

    def help_text(self) -> str:
        """What the current step is for and how to get on (kiosk.prompts.help_for)."""
        language = i18n.current()
        return prompts.help_for(self._screen.step,
                                language if language in prompts.LANGUAGES else "zh_CN")

    helpText = Property(str, help_text, notify=helpTextChanged)

    @Property(bool, notify=helpOpenChanged)
    def helpOpen(self) -> bool:
        return self._help_open

    def show_help_sample(self, shown: bool) -> None:
        """The help panel as a sample screen shows it."""
        self._set_help(shown)

    @Slot()
    def openHelp(self) -> None:
        """帮助: the step's help over the page (the page stays as it was underneath)."""
        self._set_help(True)

    @Slot()
    def closeHelp(self) -> None:
        """知道了."""
        self._set_help(False)

    @Slot()
    def readHelp(self) -> None:
        """读给我听: the help text spoken (a 帮助 text, never the resident's data)."""
        self._speaker.say(self.help_text())

    @Property(Speaker, constant=True)
    def speaker(self) -> Speaker:
        return self._speaker

    def _apply_timers(self, step_changed: bool) -> None:
        if not self._live:
            return
        s = self._screen
        if s.polls_card:
            if not self._card_timer.isActive():
                self._card_timer.start()
        else:
            self._card_timer.stop()
        if s.auto_next_s > 0:
            if step_changed or not self._auto_timer.isActive():
                self._auto_timer.start(s.auto_next_s * 1000)
        else:
            self._auto_timer.stop()
        idle_ms = self._idle_ms()
        if idle_ms <= 0:
            self._idle_timer.stop()
            self._cancel_warning()
        elif step_changed:
            self._restart_idle()
        elif not self._idle_timer.isActive() and not self._warning_left_s:
            self._idle_timer.start(idle_ms - self._warning_ms())

    def _warning_ms(self) -> int:
        return idle_warning_ms(self._idle_ms(), self._screen.elder)

    def _restart_idle(self) -> None:
        """The resident is here: no countdown, the whole idle time again."""
        self._cancel_warning()
        if self._idle_ms() > 0:
            self._idle_timer.start(self._idle_ms() - self._warning_ms())

    def _cancel_warning(self) -> None:
        self._end_timer.stop()
        self._countdown_timer.stop()
        if self._warning_left_s:
            self._warning_left_s = 0
            self.idleWarningChanged.emit()

    def _on_idle_warning(self) -> None:
        warning = self._warning_ms()
        if self._idle_ms() <= 0 or warning <= 0:
            return
        self._end_timer.start(warning)
        self._countdown_timer.start()
        self._warning_left_s = max(1, -(-warning // 1000))
        self.idleWarningChanged.emit()

    def _count_down(self) -> None:
        left = max(1, -(-self._end_timer.remainingTime() // 1000))
        if self._warning_left_s and left != self._warning_left_s:
            self._warning_left_s = left
            self.idleWarningChanged.emit()

    def show_idle_warning_sample(self, shown: bool) -> None:
        """The countdown as a sample screen shows it (a passive window has no timers)."""
        self._warning_left_s = idle_warning_ms(10**9, self._screen.elder) // 1000 if shown else 0
        self.idleWarningChanged.emit()

    @Property(int, notify=idleWarningChanged)
    def idleSecondsLeft(self) -> int:
        """Seconds until the visit ends for want of a touch; 0 while no countdown runs."""
        return self._warning_left_s

    def _idle_ms(self) -> int:
        if self._screen.idle_timeout_s <= 0:
            return 0
        if self._idle_override_ms is not None:
            return self._idle_override_ms
        return self._screen.idle_timeout_s * 1000

    def refresh_status(self) -> None:
        self.refreshStatus()

    @Slot()
    def refreshStatus(self) -> None:
        """Network and queue; and, on a screen that asks for it, the screen itself again
        (the printer's real state, a platform number arriving for the case on view)."""
        s = self._screen
        if (self._live and not self._busy and not self._background_in_flight
                and (s.polls_printer or s.refreshes_case)):
            # Not a resident's action: not logged, not "busy", one at a time.
            self._background_in_flight = True
            action = "refresh_cases" if s.refreshes_case else "reload"
            self._pools.device(f"{BACKGROUND}{self._actions_run}",
                               lambda: self._call(action, ()))
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

    def _online_state(self) -> bool | None:
        # The outbox worker's last send is fresher evidence than the periodic health check.
        worker = self._kiosk.worker.online
        return worker if worker is not None else self._health

    # Properties -------------------------------------------------------------------------

    @Property(str, notify=stepChanged)
    def step(self) -> str:
        return self._screen.step.value

    @Property(QUrl, notify=stepChanged)
    def screenSource(self) -> QUrl:
        """The QML file of a screen not built into Main.qml (service screens, the form),
        or an empty URL."""
        return screen_url(self._screen.step.value)

    @Property(str, notify=chromeChanged)
    def title(self) -> str:
        return self._screen.title

    @Property(bool, notify=chromeChanged)
    def canGoBack(self) -> bool:
        return self._screen.back

    @Property(bool, notify=chromeChanged)
    def canGoHome(self) -> bool:
        return self._screen.home

    @Property(str, notify=chromeChanged)
    def maskedName(self) -> str:
        return self._screen.masked_name

    @Property(bool, notify=busyChanged)
    def busy(self) -> bool:
        """A device action (printing, a card read …) is running."""
        return self._busy > 0

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
        return self._idle_ms()

    def _set_idle_timeout_ms(self, ms: int) -> None:
        """For tests and the technician: overrides the screens' idle time."""
        if ms == self._idle_override_ms:
            return
        self._idle_override_ms = ms
        if self._idle_timer.isActive() or self._warning_left_s:
            self._restart_idle()
        self.idleTimeoutChanged.emit()

    idleTimeoutMs = Property(int, _get_idle_timeout_ms, _set_idle_timeout_ms,
                             notify=idleTimeoutChanged)

    @Property(HomeViewModel, constant=True)
    def home(self) -> HomeViewModel:
        return self._home

    @Property(CardViewModel, constant=True)
    def card(self) -> CardViewModel:
        return self._card

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

    @Property(PhotoViewModel, constant=True)
    def photo(self) -> PhotoViewModel:
        return self._photo

    @Property(QueryScanViewModel, constant=True)
    def scan(self) -> QueryScanViewModel:
        return self._scan

    @Property(TeachViewModel, constant=True)
    def teach(self) -> TeachViewModel:
        return self._teach

    # Actions every screen shares ---------------------------------------------------------

    @Slot()
    def goBack(self) -> None:
        """返回: one step back through the visit's history."""
        self.act("back")

    @Slot()
    def endSession(self) -> None:
        """返回首页 / 完成 / 退出: the same ending as the idle timeout, drafts wiped."""
        self.act("home")

    @Slot()
    def touched(self) -> None:
        """Any press on the screen: the resident is still there, so the idle clock restarts
        (and a countdown on screen goes away: the same as its 继续)."""
        if self._live and (self._idle_timer.isActive() or self._warning_left_s):
            self._restart_idle()

    @Slot()
    def keepGoing(self) -> None:
        """继续 on 还需要更多时间吗？"""
        self.touched()

    @Slot()
    def openMaintenance(self) -> None:
        """The long press on the home footer; only from HOME, so no visit is cut short."""
        if self._screen.step is Step.HOME:
            self.act("open_maintenance")

    @Slot()
    def pollCard(self) -> None:
        """Asks the reader once, off the GUI thread; the new screen arrives by itself."""
        if self._poll_in_flight or not self._screen.polls_card:
            return
        self._poll_in_flight = True
        self._pools.device("poll_card", lambda: self._call("poll_card", ()))

    def _on_auto_next(self) -> None:
        s = self._screen
        if s.auto_next_s <= 0:
            return
        nxt = FLOW[s.step].next[0]
        self.act("home") if nxt is Step.HOME else self.act("go", nxt.value)

    def _on_idle(self) -> None:
        self._cancel_warning()
        if self._idle_ms() <= 0:
            return
        log.info("idle for %d ms: visit ended", self._idle_ms())
        self.act("idle_timeout")  # also wipes the resident's saved drafts

    # Results from the worker threads -----------------------------------------------------

    def _check_health(self) -> None:
        if self._health_in_flight:
            return
        self._health_in_flight = True
        self._pools.net(HEALTH_JOB, self._health_client.health)

    def _on_job_finished(self, kind: str, result: object) -> None:
        if self._shut:
            return
        if kind == HEALTH_JOB:
            self._health_in_flight = False
            self._health = result if isinstance(result, bool) else False
            self.refreshStatus()
            return
        background = kind.startswith(BACKGROUND)
        if kind == "poll_card":
            self._poll_in_flight = False
        elif background:
            self._background_in_flight = False
            if self._busy or kind != f"{BACKGROUND}{self._actions_run}":
                return  # a resident's action ran meanwhile: its screen is the newer one
        else:
            self._busy = max(0, self._busy - 1)
            if self._busy == 0:
                self.busyChanged.emit()
        if isinstance(result, Screen):
            self.show(result)
        else:  # the job itself raised (jobs.Job logged it): show what the flow says now
            self.show(self._kiosk.flow.screen())
        if kind != "poll_card" and not background:
            self.refreshStatus()

    def shutdown(self) -> None:
        """Stops timers and waits for workers, so no job outlives the kiosk it uses; a
        result already queued to this thread is dropped when it arrives (the kiosk may be
        closed by then)."""
        self._shut = True
        self._unlisten()
        self._speaker.stop()
        for timer in (self._card_timer, self._idle_timer, self._status_timer,
                      self._health_timer, self._auto_timer, self._end_timer,
                      self._countdown_timer):
            timer.stop()
        self._pools.shutdown()
