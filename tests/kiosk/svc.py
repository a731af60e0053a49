"""Helpers shared by the services tests (catalog, guide, forms, cases, receipts)."""

from __future__ import annotations

import copy
import datetime as dt
import functools
import json
from pathlib import Path
from typing import Any

from kiosk.cases import Applicant
from kiosk.catalog import Catalog, load_catalog
from kiosk.catalog.loader import ASSETS, CATALOG_FILE
from kiosk.config import Config
from kiosk.crypto import DataKey
from kiosk.store import Store
from kiosk.workdays import WorkCalendar
from tests.conftest import make_id

TODAY = dt.date(2026, 11, 26)  # a Thursday; the calendar covers 2025-2026


@functools.cache
def catalog() -> Catalog:
    return load_catalog()


@functools.cache
def calendar() -> WorkCalendar:
    return WorkCalendar.load()


def raw_catalog() -> dict[str, Any]:
    data: dict[str, Any] = json.loads((ASSETS / CATALOG_FILE).read_text(encoding="utf-8"))
    return copy.deepcopy(data)


def write_catalog(folder: Path, data: Any) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / CATALOG_FILE).write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return folder


def elder(birth: str = "1940-03-12") -> Applicant:
    y, m, d = birth.split("-")
    return Applicant(name="张桂兰", id_number=make_id(f"420102{y}{m}{d}002"), sex="女",
                     nation_code="01", birth_date=birth,
                     address="湖北省武汉市江岸区示范街道示范社区8号")


def open_store(cfg: Config) -> Store:
    return Store(cfg.db_path, cfg.attachments_dir, DataKey.load_or_create(cfg.key_path))


def luhn_complete(prefix: str) -> str:
    """``prefix`` plus the Luhn check digit."""
    for d in "0123456789":
        from kiosk.forms.validators import luhn_ok

        if luhn_ok(prefix + d):
            return prefix + d
    raise AssertionError("unreachable")


SIGNATURE = {"strokes": [[[10, 50], [60, 20], [110, 60], [160, 30]], [[40, 80], [140, 80]]],
             "width": 300, "height": 120}
