"""Wiring: builds the store, devices, platform client and outbox worker from a Config.

The UI and the CLI both start here, so the terminal behaves the same whichever front end
drives it.
"""

from __future__ import annotations

import datetime as dt
import logging
import shutil
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from devices import registry
from devices.camera import Camera
from devices.idcard import CardReader
from devices.printer import PrinterError, ReceiptPrinter
from kiosk.applications import Application
from kiosk.cases import STATUS_WORDS, Applicant, Case, CaseItem
from kiosk.catalog import Catalog, CatalogError, CatalogKeeper
from kiosk.catalog.loader import parse_catalog
from kiosk.config import Config, ConfigError
from kiosk.crypto import DataKey
from kiosk.maintenance import MaintenanceView, maintenance_view, read_identity
from kiosk.provision import platform_client, sync_worker
from kiosk.ratings import Level, Rating, RatingInvalid, submit_rating
from kiosk.session import (
    INSERT_CARD_PROMPT,
    QUERY_EMPTY,
    QUERY_OFFLINE,
    Purpose,
    QueryRecord,
    ResidentSession,
    Step,
)
from kiosk.store import Store, StoreError
from kiosk.update_apply import read_notice as update_notice
from kiosk.workdays import WorkCalendar
from sync.client import PlatformClient
from sync.outbox import DrainResult, OutboxWorker

if TYPE_CHECKING:  # imported where used: pinyin and PDF are not on the start path
    from kiosk.catalog.search import SearchIndex
    from kiosk.flow import ResidentFlow
    from kiosk.receipts import ReceiptContext

log = logging.getLogger(__name__)

QUERY_TIMEOUT_S = 5.0  # the resident is waiting at the screen; local records come anyway


def _local_date(iso: str) -> str:
    """A stored UTC timestamp as the resident's calendar day, in words."""
    try:
        d = dt.datetime.fromisoformat(iso).astimezone().date()
    except ValueError:
        return ""
    return f"{d.year}年{d.month}月{d.day}日"


@dataclass
class Devices:
    card_reader: CardReader
    camera: Camera
    printer: ReceiptPrinter

    @classmethod
    def from_config(cls, cfg: Config) -> Devices:
        return cls(card_reader=registry.card_reader(cfg.devices.card_reader, cfg.mock_dir),
                   camera=registry.camera(cfg.devices.camera, cfg.mock_dir),
                   printer=registry.printer(cfg.devices.printer, cfg.mock_dir))

    def close(self) -> None:
        for dev in (self.card_reader, self.camera, self.printer):
            dev.close()


@dataclass
class Kiosk:
    config: Config
    store: Store
    devices: Devices
    client: PlatformClient
    worker: OutboxWorker
    session: ResidentSession = field(default_factory=ResidentSession)
    catalogs: CatalogKeeper | None = field(default=None, repr=False)
    calendar: WorkCalendar = field(default_factory=WorkCalendar.load, repr=False)
    _flow: ResidentFlow | None = field(default=None, init=False, repr=False)
    _search: tuple[Catalog, SearchIndex] | None = field(default=None, init=False, repr=False)

    def __post_init__(self) -> None:
        self.session.on_end = self._visit_ended

    @classmethod
    def open(cls, cfg: Config, devices: Devices | None = None) -> Kiosk:
        try:
            cfg.data_dir.mkdir(parents=True, exist_ok=True, mode=0o700)
        except OSError as exc:  # a file in the way, a read-only or full disk, no permission
            raise ConfigError(f"data_dir {cfg.data_dir}: cannot be created "
                              f"({exc.strerror or type(exc).__name__})") from None
        store = Store(cfg.db_path, cfg.attachments_dir, DataKey.load_or_create(cfg.key_path))
        client = platform_client(cfg)  # signed once `kiosk provision` has run
        return cls(config=cfg, store=store, devices=devices or Devices.from_config(cfg),
                   client=client, worker=sync_worker(cfg, store, client))

    def close(self) -> None:
        self.worker.stop()
        self.devices.close()
        self.store.close()

    @property
    def catalog(self) -> Catalog:
        """The platform's signed catalog once sync installed one, else the shipped one; a
        catalog that fails validation is never served (the last good one stays)."""
        if self.catalogs is None:
            self.catalogs = CatalogKeeper(cache_dir=self.config.data_dir / "catalog")
        version = self.store.document_version("catalog")
        if version and version != self.catalogs.platform_version:
            self.catalogs.platform_version = version  # try each installed version once
            installed = self.store.document_body("catalog")
            try:
                self.catalogs.current = parse_catalog(installed, "platform")
            except CatalogError as exc:
                log.error("installed catalog v%s refused, serving the last good one: %s",
                          version, exc)
        return self.catalogs.get()

    @property
    def search_index(self) -> SearchIndex:
        """Built once per catalog (pinyin of every name is the slow part)."""
        from kiosk.catalog.search import SearchIndex

        catalog = self.catalog
        if self._search is None or self._search[0] is not catalog:
            self._search = (catalog, SearchIndex(catalog))
        return self._search[1]

    @property
    def flow(self) -> ResidentFlow:
        """The resident flow of issue 13 (kiosk.flow): the screens follow ``flow.screen()``."""
        if self._flow is None:
            from kiosk.flow.controller import ResidentFlow

            self._flow = ResidentFlow(self)
        return self._flow

    def end_visit(self, reason: str = "home") -> None:
        """返回首页, 退出, the idle timeout, a skipped rating: one way out. The resident's
        drafts are wiped, the flow's visit and the legacy session emptied."""
        log.info("visit ended (%s)", reason)
        self.session.end()  # calls _visit_ended

    def _visit_ended(self) -> None:
        try:
            self.store.wipe_resident_drafts()
        except StoreError:
            log.error("resident drafts could not be wiped at the end of a visit")
        if self._flow is not None:
            self._flow.reset()

    @property
    def items(self) -> tuple[CaseItem, ...]:
        return tuple(CaseItem(i.code, i.name) for i in self.catalog.items)

    @property
    def receipt_context(self) -> ReceiptContext:
        from kiosk.receipts import ReceiptContext

        return ReceiptContext(terminal_id=self.config.terminal_id,
                              region_name=self.config.region_name,
                              query_url=self.config.platform_url.rstrip("/") + "/q/{no}")

    # The resident flow ------------------------------------------------------------------

    def start_visit(self, purpose: Purpose = Purpose.SERVICE) -> None:
        # Legacy (ui/viewmodels.py); the flow's start is ``flow.start(purpose)``. A new
        # visit is not a way out: a draft saved before a power cut stays to be resumed.
        self.session.reset()
        if self._flow is not None:
            self._flow.reset()
        self.session.view.step = Step.INSERT_CARD
        self.session.view.message = INSERT_CARD_PROMPT
        self.session.view.items = list(self.items)
        self.session.view.purpose = purpose

    def start_query(self) -> None:
        """办件查询 from the home screen: the card says whose cases to show."""
        self.start_visit(Purpose.QUERY)

    def start_rating_visit(self) -> None:
        """好差评 from the home screen: the card finds the resident's newest case to rate."""
        self.start_visit(Purpose.RATE)

    def poll_card(self) -> bool:
        ok = self.session.on_card(self.devices.card_reader.status(), dt.date.today())
        if ok:
            self.session.view.items = list(self.items)
            self.store.audit("resident", "card.read", "", {})
            purpose = self.session.view.purpose
            if purpose is Purpose.QUERY:
                self.show_query()
            elif purpose is Purpose.RATE:
                newest = self._resident_case_ids()[:1]
                if newest:
                    self.start_rating(newest[0])
                else:
                    self.show_query()  # nothing to rate: says 没有查到办件
        return ok

    def _resident_case_ids(self) -> list[str]:
        applicant = self.session.applicant
        return [] if applicant is None else [c.id for c in self.store.cases_for(
            applicant.id_number)]

    def show_query(self) -> None:
        """The card holder's cases on this terminal, newest first, in plain words.

        The platform is asked for fresh statuses with a short timeout; when it cannot be
        reached the local records are shown with a note saying so, never an error."""
        from kiosk.status import by_id_number

        s = self.session
        if s.applicant is None:
            raise RuntimeError("the query needs a card read")
        ids = {c.display_no: c.id for c in self.store.cases_for(s.applicant.id_number)}
        answer = by_id_number(self.store, platform_client(self.config, QUERY_TIMEOUT_S),
                              s.applicant.id_number)
        records = [QueryRecord(case_no=ln.number, items=ln.items, status=ln.status,
                               detail=ln.detail,
                               date=_local_date(ln.created_at))
                   for ln in answer.lines]
        s.query_case_ids = [ids.get(r.case_no, "") for r in records]
        v = s.view
        v.query = records
        v.query_note = "" if answer.online else QUERY_OFFLINE
        v.message, v.problem = ("" if records else QUERY_EMPTY), False
        v.step = Step.QUERY_RESULT

    # 好差评 ---------------------------------------------------------------------------------

    def start_rating(self, case_id: str | None = None) -> None:
        """Opens the rating screen for ``case_id``, or for the case just submitted."""
        s = self.session
        case_id = case_id or (s.case.id if s.case is not None else None)
        if case_id is None:
            raise RuntimeError("a rating needs a case")
        s.rating_case_id = case_id
        s.view.rating_case_no = self.store.get_case(case_id).display_no
        s.view.message, s.view.problem = "", False
        s.view.rating_level = 0
        s.view.step = Step.RATE

    def choose_rating_level(self, level: int) -> None:
        """A tapped face; 0 goes back to all five. The low levels open reasons and phone."""
        v = self.session.view
        if v.step == Step.RATE:
            v.rating_level = int(Level(level)) if level else 0
            v.message, v.problem = "", False

    def rate_query_case(self, index: int) -> None:
        """The 评价 button on one row of the 办件查询 list."""
        ids = self.session.query_case_ids
        if 0 <= index < len(ids) and ids[index]:
            self.start_rating(ids[index])

    def submit_rating(self, level: int, reasons: list[str], phone: str = "") -> bool:
        """Stores and queues the rating under kiosk.ratings' rules; False with the Chinese
        reason in ``view.message`` when the resident has something to fix."""
        s = self.session
        if s.view.step != Step.RATE:
            raise RuntimeError("no rating screen open")
        rating = Rating(level=Level(level), reasons=tuple(reasons), phone=phone,
                        case_id=s.rating_case_id)
        try:
            submit_rating(self.store, rating)
        except RatingInvalid as exc:
            s.view.message, s.view.problem = "；".join(exc.problems), True
            return False
        s.view.message, s.view.problem = "", False
        s.view.rating_level = 0
        s.view.step = Step.RATED
        self.worker.wake()
        return True

    def choose(self, codes: list[str]) -> None:
        by_code = {i.code: i for i in self.items}
        self.session.view.chosen = [by_code[c] for c in codes if c in by_code]
        self.session.view.step = Step.CONFIRM

    def add_photo(self, kind: str = "portrait") -> None:
        """Photographs now and keeps the picture for the case about to be submitted."""
        photo = self.devices.camera.capture()
        self.session.answers.setdefault("_photos", []).append((kind, photo.jpeg))

    def submit(self) -> Case:
        s = self.session
        if s.applicant is None or not s.view.chosen:
            raise RuntimeError("submit needs a card read and at least one chosen item")
        from kiosk.forms.prefill import prefill
        from kiosk.forms.schema import union_form

        photos: dict[str, tuple[bytes, ...]] = {}
        for kind, data in s.answers.get("_photos", []):
            photos[kind] = (*photos.get(kind, ()), data)
        chosen = [self.catalog.item(i.code) for i in s.view.chosen]
        known = prefill(self.catalog, union_form(self.catalog, chosen), s.applicant).values
        app = Application(applicant=s.applicant, codes=tuple(i.code for i in chosen),
                          values={**known, **s.answers.get("form", {})},
                          answers=s.answers.get("guide", {}), photos=photos)
        case = self.submit_application(app)[0]
        s.answers.pop("_photos", None)
        return case

    def submit_application(self, app: Application) -> list[Case]:
        """Validates (raising ApplicationInvalid with Chinese problems), splits a bundle,
        queues one case per item of a bundle (or one case for chosen items)."""
        from kiosk.services import submit_application

        cases = submit_application(self.store, self.catalog, self.calendar,
                                   self.config.terminal_id, self.config.region_code, app)
        for kind in ("resident", "agent"):  # submitted: the drafts have served their purpose
            draft_id = self.session.answers.pop(f"_draft_id:{kind}", None)
            if draft_id:
                self.store.delete_draft(draft_id)
        self.session.case = cases[0]
        self._show_case(cases[0])
        self.worker.wake()
        return cases

    def refresh_case(self) -> Case | None:
        if self.session.case is None:
            return None
        self.session.case = self.store.with_details(self.store.get_case(self.session.case.id))
        self._show_case(self.session.case)
        return self.session.case

    def _show_case(self, case: Case) -> None:
        v = self.session.view
        v.step = Step.DONE
        v.case_no = case.display_no
        v.case_status = STATUS_WORDS[case.status]

    def sync_once(self, wait_s: float = 30.0) -> DrainResult:
        """A drain now; waits up to ``wait_s`` for one already running (the background
        worker, woken by the submission, or another process), which leaves nothing due."""
        result = self.worker.drain(wait_s=wait_s)
        self.refresh_case()
        return result

    def receipt(self, case: Case, out: Path, layout: str = "80mm") -> Path:
        from kiosk.receipts import render_receipt

        case = self.store.with_details(case)
        siblings = [] if not case.bundle_no else [
            self.store.with_details(self.store.get_case(i))
            for i in self.store.bundle_case_ids(case.bundle_no)]
        return render_receipt(case, self.receipt_context, out, layout=layout, siblings=siblings)

    def print_receipt(self, out: Path) -> bool:
        """Renders and prints the current case's receipt; False (with a message) if paper or
        printer fail — the PDF stays on disk so it can be reprinted from 办件查询."""
        case = self.refresh_case()
        if case is None:
            raise RuntimeError("no case to print")
        pdf = self.receipt(case, out)
        self.session.view.receipt_path = str(pdf)
        try:
            self.devices.printer.print_pdf(pdf, f"受理回执 {case.display_no}")
        except PrinterError as exc:
            self.session.view.message, self.session.view.problem = exc.resident_message, True
            self.store.audit("terminal", "receipt.print_failed", case.id,
                             {"error": type(exc).__name__})
            return False
        self.session.view.printed = True
        self.session.view.message, self.session.view.problem = "", False
        return True

    def back(self) -> None:
        """The resident wants to choose again: keeps the card read, drops the choice."""
        self.session.back_to_choice()

    def queue_depth(self) -> int:
        return self.store.queue_depth()

    # Drafts (services issue) -------------------------------------------------------------

    def save_draft(self, body: dict[str, Any], agent: Applicant | None = None) -> str:
        """Saves what is on screen so a crash or power cut loses nothing. An agent's draft
        (村/社区 helper filing for someone) is kept under the agent; a resident's is wiped
        when the visit ends."""
        owner = self.session.applicant if agent is None else agent
        if owner is None:
            raise RuntimeError("a draft needs the card of the resident or the agent")
        kind = "resident" if agent is None else "agent"
        draft_id = self.store.save_draft(kind, owner.id_number, body,
                                         self.session.answers.get(f"_draft_id:{kind}"))
        self.session.answers[f"_draft_id:{kind}"] = draft_id
        return draft_id

    def resume_draft(self, agent: Applicant | None = None) -> dict[str, Any] | None:
        owner = self.session.applicant if agent is None else agent
        if owner is None:
            return None
        kind = "resident" if agent is None else "agent"
        found = self.store.load_draft(kind, owner.id_number)
        if found is None:
            return None
        self.session.answers[f"_draft_id:{kind}"] = found[0]
        return found[1]

    # 维护信息 (technicians) -------------------------------------------------------------

    def maintenance_view(self) -> MaintenanceView:
        """What the maintenance screen shows, read afresh from the store and key folder.

        The store's sync state is written by whichever process runs the outbox worker, so
        this is right whether sync runs inside the touch app or as `kiosk sync`."""
        try:
            catalog_version = self.catalog.version
        except CatalogError:
            catalog_version = ""
        try:
            free_mb: int | None = shutil.disk_usage(self.config.data_dir).free // 2**20
        except OSError:
            free_mb = None
        return maintenance_view(self.config, read_identity(self.config),
                                self.store.sync_status(), self.store.outbox_rows(),
                                catalog_version, time.time(), free_mb,
                                camera_event=self.store.last_audit("camera.trouble"),
                                update=update_notice(self.config.data_dir))

    def open_maintenance(self) -> None:
        """The hidden long press on the home screen's footer. A resident's visit in progress
        is ended first, so the technician never sees anyone's data."""
        self.session.end()
        self.session.view.step = Step.MAINTENANCE
        self.session.view.maintenance = self.maintenance_view()
        log.info("maintenance screen opened")

    def refresh_maintenance(self) -> None:
        """刷新: re-reads the figures; read-only like the rest of the screen."""
        if self.session.view.step == Step.MAINTENANCE:
            self.session.view.maintenance = self.maintenance_view()

    def close_maintenance(self) -> None:
        if self.session.view.step == Step.MAINTENANCE:
            self.session.end()

    def idle_timeout(self) -> None:
        """The idle timer ran out: nothing of this resident may wait for the next person."""
        self.end_visit("idle")
