"""`kiosk demo`: the whole terminal on one machine — mock devices, embedded platform.

With no display it runs the scripted resident flow headless and writes a screenshot per
step plus the receipt PDF to a folder it names, so the main job visibly works anywhere.
"""

from __future__ import annotations

import datetime as dt
import os
import secrets
from dataclasses import replace
from pathlib import Path

from devices.idcard import IdCard
from devices.idcard.mock import MockCardReader
from kiosk.app import Kiosk
from kiosk.config import Config
from kiosk.frontend import load_frontend
from kiosk.identity import gb11643_check_char
from kiosk.provision import provision
from sync.platform.server import ThreadedPlatform


def sample_card() -> IdCard:
    first17 = "42010219500312002"
    return IdCard(name="张桂兰", id_number=first17 + gb11643_check_char(first17), sex_code="2",
                  nation_code="01", birth_date=dt.date(1950, 3, 12),
                  address="湖北省武汉市江岸区示范街道示范社区8号", issuer="武汉市公安局江岸分局",
                  valid_from=dt.date(2016, 5, 1), valid_until=None)


def has_display() -> bool:
    if os.environ.get("QT_QPA_PLATFORM", "").startswith("offscreen"):
        return False
    return bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))


DEMO_OPERATOR = "demo-operator"


def demo_operator_code(platform: ThreadedPlatform, cfg: Config) -> str:
    """Creates the demo's own staff account on the embedded platform and, signed in as
    it, gets the enrolment code for this terminal, as a county technician would."""
    import requests

    password = secrets.token_urlsafe(12)
    name = DEMO_OPERATOR
    if any(a["name"] == name for a in platform.platform.staff.accounts()):
        name = f"{DEMO_OPERATOR}-{secrets.token_hex(2)}"  # a demo re-run in the same folder
    platform.add_account(name, "admin", password)
    print(f"Demo operator account created on the embedded platform: {name} (管理员); "
          f"demo password, generated for this demo only: {password}")
    admin = f"{platform.url}/api/v1/admin"
    login = requests.post(f"{admin}/login", json={"name": name, "password": password},
                          timeout=10)
    login.raise_for_status()
    auth = {"Authorization": f"Bearer {login.json()['token']}"}
    body = {"terminal_id": cfg.terminal_id, "region_code": cfg.region_code}
    resp = requests.post(f"{admin}/enrolment-codes", json=body, headers=auth, timeout=10)
    if resp.status_code == 409:  # enrolled by an earlier run: replace its key, audited
        requests.post(f"{admin}/terminals/{cfg.terminal_id}/key-replacement", headers=auth,
                      timeout=10).raise_for_status()
        resp = requests.post(f"{admin}/enrolment-codes", json=body, headers=auth, timeout=10)
    resp.raise_for_status()
    return str(resp.json()["code"])


def demo_config(base: Config, folder: Path, platform_url: str) -> Config:
    return replace(base, data_dir=folder / "terminal-data", platform_url=platform_url)


def run_headless(base: Config, out: Path) -> int:
    os.environ["QT_QPA_PLATFORM"] = "offscreen"
    out.mkdir(parents=True, exist_ok=True)
    shots = out / "screens"
    print(f"No display found: running the scripted resident flow headless.\nOutput: {out}")
    frontend = load_frontend()
    with ThreadedPlatform(out / "platform.sqlite3") as platform:
        cfg = demo_config(base, out, platform.url)
        provision(cfg, platform.url, demo_operator_code(platform, cfg))
        kiosk = Kiosk.open(cfg)
        try:
            def step(n: int, name: str, say: str) -> None:
                path = frontend.screenshot(kiosk, shots / f"{n:02d}-{name}.png")
                print(f"  {n}. {say:<28} → {path.relative_to(out)}")

            step(1, "home", "home screen")
            kiosk.start_visit()
            step(2, "insert-card", "waiting for the ID card")
            MockCardReader(cfg.mock_dir).insert(sample_card())
            if not kiosk.poll_card():
                print(f"card refused: {kiosk.session.view.message}")
                return 1
            step(3, "choose-item", "card read, choose a service")
            kiosk.choose([kiosk.items[0].code])
            kiosk.add_photo("portrait")
            step(4, "confirm", "confirm and submit")
            case = kiosk.submit()
            print(f"     queued locally as {case.local_no}")
            result = kiosk.sync_once()
            case = kiosk.refresh_case() or case
            print(f"     synced: sent={result.sent}, platform number {case.platform_no}")
            receipt = out / "receipt.pdf"
            printed = kiosk.print_receipt(receipt)
            step(5, "done", "receipt")
            how = "printed on the mock printer" if printed else kiosk.session.view.message
            print(f"Receipt PDF: {receipt} ({how})")
            kiosk.session.end()
            frontend.screenshots(kiosk, out / "all-screens")
            print(f"All screens: {out / 'all-screens'}")
        finally:
            kiosk.close()
    return 0 if case.platform_no else 1


def run_windowed(base: Config, out: Path) -> int:
    out.mkdir(parents=True, exist_ok=True)
    frontend = load_frontend()
    with ThreadedPlatform(out / "platform.sqlite3") as platform:
        cfg = demo_config(base, out, platform.url)
        provision(cfg, platform.url, demo_operator_code(platform, cfg))
        kiosk = Kiosk.open(cfg)
        print(f"Demo terminal data: {cfg.data_dir}\nEmbedded platform: {platform.url}\n"
              f"Insert a mock card from another terminal:\n"
              f"  KIOSK_DATA_DIR={cfg.data_dir} kiosk mock card insert")
        kiosk.worker.start(interval_s=2)
        try:
            return frontend.run(kiosk)
        finally:
            kiosk.close()
