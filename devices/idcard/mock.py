"""A file-driven mock reader (after VxSuite's mock file card).

The card "on the reader" is a JSON file: writing it inserts a card, deleting it removes
the card, so a developer drives `kiosk demo` from a second terminal (`kiosk mock card
insert`) and tests drive it from outside the process under test. The file may also hold
``{"error": "..."}`` to simulate a torn read.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

from devices.idcard.model import IdCard
from devices.idcard.reader import CardError, CardRead, CardStatus, NoCard, ReaderError

CARD_FILE = "card.json"


class MockCardReader:
    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.folder.mkdir(parents=True, exist_ok=True)

    @property
    def card_file(self) -> Path:
        return self.folder / CARD_FILE

    def status(self) -> CardStatus:
        try:
            raw = self.card_file.read_text(encoding="utf-8")
        except FileNotFoundError:
            return NoCard()
        except OSError as exc:
            return ReaderError(f"mock reader cannot read {self.card_file}: {exc.strerror}")
        try:
            data = json.loads(raw)
            if isinstance(data, dict) and "error" in data:
                return CardError(str(data["error"]))
            return CardRead(IdCard.from_json(data))
        except (ValueError, KeyError, TypeError) as exc:
            # A half-written file is what a torn read looks like from here.
            return CardError(f"card data unreadable: {type(exc).__name__}")

    def close(self) -> None:
        pass

    # Driving the mock from outside -------------------------------------------------------

    def insert(self, card: IdCard) -> None:
        tmp = self.card_file.with_suffix(".tmp")
        tmp.write_text(json.dumps(card.to_json(), ensure_ascii=False), encoding="utf-8")
        os.replace(tmp, self.card_file)

    def insert_torn(self, detail: str = "card removed during read") -> None:
        self.card_file.write_text(json.dumps({"error": detail}), encoding="utf-8")

    def remove(self) -> None:
        self.card_file.unlink(missing_ok=True)
