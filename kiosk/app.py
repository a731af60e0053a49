"""Wiring: builds the store, devices, platform client and outbox worker from a Config.

The UI and the CLI both start here, so the terminal behaves the same whichever front end
drives it.
"""

from __future__ import annotations

import datetime as dt
import logging
from dataclasses import dataclass, field
from pathlib import Path

from devices import registry
from devices.camera import Camera
from devices.idcard import CardReader
from devices.printer import PrinterError, ReceiptPrinter
from kiosk.cases import STATUS_WORDS, Case, CaseItem
from kiosk.catalog_seed import FOUNDATION_ITEMS
from kiosk.config import Config
from kiosk.crypto import DataKey
from kiosk.receipts import ReceiptContext, render_receipt
from kiosk.session import INSERT_CARD_PROMPT, ResidentSession, Step
from kiosk.store import Store
from sync.client import PlatformClient
from sync.outbox import DrainResult, OutboxWorker

log = logging.getLogger(__name__)


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

    @classmethod
    def open(cls, cfg: Config, devices: Devices | None = None) -> Kiosk:
        cfg.data_dir.mkdir(parents=True, exist_ok=True, mode=0o700)
        store = Store(cfg.db_path, cfg.attachments_dir, DataKey.load_or_create(cfg.key_path))
        client = PlatformClient(cfg.platform_url, cfg.terminal_id)
        return cls(config=cfg, store=store, devices=devices or Devices.from_config(cfg),
                   client=client, worker=OutboxWorker(store, client))

    def close(self) -> None:
        self.worker.stop()
        self.devices.close()
        self.store.close()

    @property
    def items(self) -> tuple[CaseItem, ...]:
        return FOUNDATION_ITEMS

    @property
    def receipt_context(self) -> ReceiptContext:
        return ReceiptContext(terminal_id=self.config.terminal_id,
                              region_name=self.config.region_name,
                              query_url=self.config.platform_url.rstrip("/") + "/q/{no}")

    # The resident flow ------------------------------------------------------------------

    def start_visit(self) -> None:
        self.session.end()
        self.session.view.step = Step.INSERT_CARD
        self.session.view.message = INSERT_CARD_PROMPT
        self.session.view.items = list(self.items)

    def poll_card(self) -> bool:
        ok = self.session.on_card(self.devices.card_reader.status(), dt.date.today())
        if ok:
            self.session.view.items = list(self.items)
            self.store.audit("resident", "card.read", "", {})
        return ok

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
        photos = s.answers.pop("_photos", [])
        case = self.store.create_case(
            terminal_id=self.config.terminal_id, region_code=self.config.region_code,
            applicant=s.applicant, items=list(s.view.chosen), form=dict(s.answers))
        for kind, data in photos:
            self.store.add_attachment(case.id, kind, data)
        case = self.store.submit_case(case.id)
        s.case = case
        self._show_case(case)
        self.worker.wake()
        return case

    def refresh_case(self) -> Case | None:
        if self.session.case is None:
            return None
        self.session.case = self.store.get_case(self.session.case.id)
        self._show_case(self.session.case)
        return self.session.case

    def _show_case(self, case: Case) -> None:
        v = self.session.view
        v.step = Step.DONE
        v.case_no = case.display_no
        v.case_status = STATUS_WORDS[case.status]

    def sync_once(self) -> DrainResult:
        result = self.worker.drain()
        self.refresh_case()
        return result

    def receipt(self, case: Case, out: Path) -> Path:
        return render_receipt(case, self.receipt_context, out)

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
