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


def run_headless(base: Config, out: Path, item: str = "") -> int:
    """The scripted visit through the real QML offscreen, for ``item`` (an item or bundle
    code, or ``all``; default: the catalog's first item): a screenshot per step and the
    receipt per entry, then every screen. Non-zero when any step of any visit fails."""
    os.environ["QT_QPA_PLATFORM"] = "offscreen"
    out.mkdir(parents=True, exist_ok=True)
    print(f"No display found: running the scripted resident flow headless.\nOutput: {out}")
    frontend = load_frontend()
    with ThreadedPlatform(out / "platform.sqlite3") as platform:
        cfg = demo_config(base, out, platform.url)
        provision(cfg, platform.url, demo_operator_code(platform, cfg))
        kiosk = Kiosk.open(cfg)
        failed: list[str] = []
        try:
            codes = frontend.entry_codes(kiosk, item or kiosk.catalog.items[0].code)
            for code in codes:
                done = frontend.demo_visit(kiosk, code, out / "visits" / code)
                how = ("receipt " + str(done.receipt.relative_to(out)) if done.receipt
                       else "guide and checklist only (filed at a counter)"
                       if done.submitted is False and not done.error else "")
                word = "FAILED: " + done.error if done.error else f"ok, {how}"
                print(f"  {code}: {len(done.shots)} screens, {done.pressed} buttons pressed, "
                      f"{done.acted} typed/toggled"
                      + (f", {done.direct} behind the window" if done.direct else "")
                      + " → "
                      f"{(out / 'visits' / code).relative_to(out)}  {word}")
                if done.error:
                    failed.append(code)
            result = kiosk.sync_once()
            print(f"Synced to the embedded platform: sent={result.sent}")
            if not item:
                frontend.screenshots(kiosk, out / "all-screens")
                print(f"All screens: {out / 'all-screens'}")
        finally:
            kiosk.close()
    if failed:
        print(f"{len(failed)} of {len(codes)} visits failed: {', '.join(failed)}")
        return 1
    print(f"{len(codes)} visit(s) went through")
    return 0


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
