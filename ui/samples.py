"""Sample screens for ``kiosk screenshots``: the core's own (``kiosk.samples``) plus the
维护信息 states a technician meets, built by the same pure function the live screen uses.

Qt-free on purpose (the rendering is ui/frontend.py's): these are data, and the screenshot
test and H7's audit walk the same list.
"""

from __future__ import annotations

import datetime as dt
import time
from dataclasses import replace
from typing import TYPE_CHECKING

from kiosk.flow import Screen
from kiosk.flow.views import MaintenanceScreen
from kiosk.identity_keys import Enrolment
from kiosk.maintenance import IdentityState, MaintenanceView, maintenance_view
from kiosk.store.repository import SyncStatus
from kiosk.update_apply import read_notice
from sync.client import REDIRECTED, PlatformAuthFailed, PlatformUnavailable
from ui.keyboard import KEYBOARD_SAMPLE

if TYPE_CHECKING:
    from kiosk.app import Kiosk


def sample_maintenance(kiosk: Kiosk) -> tuple[MaintenanceView, MaintenanceView,
                                              MaintenanceView]:
    """维护信息 healthy, refused for clock skew with one parked item, and a 4G line whose
    captive portal redirects (the refusal and redirect texts are the client's own)."""
    cfg, now = kiosk.config, time.time()
    enrolled_at = dt.datetime.fromtimestamp(now - 30 * 86400, dt.UTC).isoformat()
    identity = IdentityState(Enrolment(cfg.terminal_id, cfg.region_code, cfg.platform_url,
                                       "sample", enrolled_at), signer_ready=True)
    version = kiosk.catalog.version
    software = read_notice(cfg.data_dir)  # the version running, as the live screen reads it
    healthy = maintenance_view(cfg, identity, SyncStatus(True, "", now - 95, 0, 0, 0,
                                                         clock_offset_s=0.4), [],
                               version, now, free_mb=48_700, update=software)
    refusal = str(PlatformAuthFailed("clock_skew", "timestamp is +412 s from platform time; "
                                                   "allowed ±300 s"))
    parked = {"id": 17, "kind": "submission", "state": "parked", "attempts": 8,
              "last_error": "POST /api/v1/submissions/inline: HTTP 422 invalid_request: "
                            "submission: form.birth_date: Input should be a valid date"}
    skew = maintenance_view(cfg, identity,
                            SyncStatus(False, refusal, now - 3 * 3600, 3, 1, 12, "clock_skew",
                                       clock_offset_s=-250.0),
                            [parked], version, now, free_mb=48_700)
    portal = str(PlatformUnavailable(
        "POST /submissions/inline: HTTP 302 redirect to http://10.0.0.172 (captive portal "
        "of a SIM out of credit or wanting a web login, or a wrong platform URL); nothing "
        "was sent there", REDIRECTED))
    redirected = maintenance_view(cfg, identity,
                                  SyncStatus(False, portal, now - 26 * 3600, 5, 0, 31,
                                             REDIRECTED, clock_offset_s=1.2),
                                  [], version, now, free_mb=48_700)
    return healthy, skew, redirected


def sample_screens(kiosk: Kiosk, elder: bool = False, high_contrast: bool = False
                   ) -> list[tuple[str, Screen]]:
    """Every screen state to render: the core's samples (the real flow in a sandbox
    terminal), with 维护信息 shown healthy, refused for clock skew, and redirected; in
    长辈模式 and/or 高对比度 when asked."""
    from kiosk.samples import sample_screens as core_samples

    out = core_samples(kiosk.config, elder, high_contrast)
    names = [n for n, _ in out]
    if "form_page" in names:  # the same page with the Pinyin keyboard open (H6)
        at = names.index("form_page")
        out.insert(at + 1, (KEYBOARD_SAMPLE, out[at][1]))
    base = next((s for name, s in out if name == "maintenance"), None)
    if base is not None:
        healthy, skew, redirected = sample_maintenance(kiosk)
        out = [(n, s) for n, s in out if n != "maintenance"]
        out += [("maintenance", replace(base, view=MaintenanceScreen(healthy))),
                ("maintenance_clock_skew", replace(base, view=MaintenanceScreen(skew))),
                ("maintenance_redirected", replace(base, view=MaintenanceScreen(redirected)))]
    return out
