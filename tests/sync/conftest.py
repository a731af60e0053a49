"""Sync fixtures: the reference platform in-process on 127.0.0.1, an enrolled terminal."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
import requests

from devices.idcard import IdCard
from kiosk.cases import CaseItem
from kiosk.config import Config
from kiosk.crypto import DataKey
from kiosk.provision import platform_client, provision
from kiosk.session import applicant_from_card
from kiosk.store import Store
from sync.client import PlatformClient
from sync.platform.server import ThreadedPlatform

ITEM = CaseItem("HB-YL-0001", "城乡居民基本养老保险参保登记")


@pytest.fixture
def platform(tmp_path: Path) -> Iterator[ThreadedPlatform]:
    with ThreadedPlatform(tmp_path / "platform" / "platform.sqlite3") as p:
        yield p


@pytest.fixture
def ecfg(cfg: Config, platform: ThreadedPlatform) -> Config:
    """A terminal config pointing at ``platform`` and enrolled with it."""
    cfg = replace(cfg, platform_url=platform.url)
    provision(cfg, platform.url, platform.issue_code())
    return cfg


def client_for(cfg: Config, timeout_s: float = 15.0) -> PlatformClient:
    return platform_client(cfg, timeout_s=timeout_s)


def admin(platform: ThreadedPlatform, method: str, path: str, body: Any = None) -> Any:
    resp = requests.request(method, f"{platform.url}/api/v1/admin{path}", json=body, timeout=10)
    resp.raise_for_status()
    return resp.json()


def set_faults(platform: ThreadedPlatform, **faults: float) -> None:
    admin(platform, "PUT", "/faults", faults)


def submissions(platform: ThreadedPlatform) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = admin(platform, "GET", "/submissions")
    return rows


def open_store(cfg: Config) -> Store:
    return Store(cfg.db_path, cfg.attachments_dir, DataKey.load_or_create(cfg.key_path))


def queue_cases(cfg: Config, card: IdCard, n: int, photo: bytes | None = None) -> Store:
    store = open_store(cfg)
    for i in range(n):
        case = store.create_case(terminal_id=cfg.terminal_id, region_code=cfg.region_code,
                                 applicant=applicant_from_card(card), items=[ITEM],
                                 form={"seq": i})
        store.add_attachment(case.id, "portrait", photo or f"photo {i}".encode() * 100)
        store.submit_case(case.id)
    return store
