"""Logs hold no personal data: every line the terminal writes during a whole day's work —
the card read through the real SAM driver (the reader simulator on a pty), every catalog
entry visited card to receipt, the drain to the platform in its own process (by the
terminal's own worker and by `kiosk sync --once`, the sync unit's command), the purge,
and a headless visit through the real QML — is read back and searched for the sample
resident's name, ID number, address and birth date and for the phone numbers, names,
ID and bank numbers typed into the forms, in the forms a log could carry them (plain,
JSON-escaped, URL-encoded, hex of UTF-8 or of the card's UCS-2).

What is read: stdout and stderr of every process (the units send both to the journal:
``StandardOutput=journal``, ``StandardError=journal``), the Python logging of the
terminal's process at DEBUG (stricter than the units' WARNING, or INFO with ``-v``: a
debug line must not leak either) with warnings routed into it, and any ``*.log`` file
under the data folder. journald itself is not running here (no systemd as PID 1), so the
journal is read as what it would be given.

The personal values are derived from the sample data (kiosk.samples: the card and each
field's sample value), not written out here, so a changed sample is still looked for.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import os
import subprocess
import sys
import urllib.parse
from pathlib import Path

import pytest

from devices.idcard import IdCard
from kiosk.catalog import load_catalog
from kiosk.catalog.model import Catalog
from kiosk.samples import sample_card, sample_value
from tests.conftest import PlatformProcess, kiosk_cmd
from tests.devices.idcard.simulator import PtySimulator, SamModule, SimCard
from tests.packaging.installed import ROOT

TODAY = dt.date(2026, 11, 26)  # a Thursday inside the holiday calendar (as the flow tests)
# Typed values that identify a person (the sampler's kinds: kiosk.samples.sample_value).
PERSONAL_CHECKS = ("id_number", "mobile", "bank_card")
PERSONAL_WIDGETS = ("idnumber", "phone")
PERSONAL_IDS = ("name", "address", "phone", "mobile", "id_number", "bank")


def personal_values(card: IdCard, catalog: Catalog) -> dict[str, str]:
    """What identifies the sample resident: the card's name, ID number, address and birth
    date, and every value the scripted visit types into a field that holds a phone, an ID
    or bank number, a name or an address (both of the sampler's paths: ``last``)."""
    out = {"card name": card.name, "card ID number": card.id_number,
           "card address": card.address}
    born = card.birth_date
    for fmt in ("%Y-%m-%d", "%Y%m%d", "%Y/%m/%d", "%Y.%m.%d", "%Y年%m月%d日"):
        out[f"birth date {fmt}"] = born.strftime(fmt)
    out["birth date 年月日"] = f"{born.year}年{born.month}月{born.day}日"
    for d in catalog.fields.values():
        if not (d.check in PERSONAL_CHECKS or d.widget in PERSONAL_WIDGETS
                or any(k in d.id for k in PERSONAL_IDS)):
            continue
        for last in (False, True):
            value = sample_value(d, TODAY, last)
            if len(value) >= 3 and not d.schema.get("enum"):
                out[f"field {d.id}"] = value
    return out


def forms(value: str) -> set[str]:
    """The ways a log line could carry ``value``: as written, JSON-escaped (ensure_ascii),
    URL-encoded, and hex of its UTF-8 or UTF-16LE (the card's text block) bytes, lower
    case without spaces (the corpus is searched in the same normalised form too)."""
    return {value, json.dumps(value)[1:-1], urllib.parse.quote(value),
            value.encode().hex(), value.encode("utf-16-le").hex()}


def leaks(corpus: str, values: dict[str, str]) -> list[str]:
    squeezed = "".join(corpus.split()).lower()  # hex dumps come spaced and in capitals
    found = []
    for what, value in values.items():
        for form in forms(value):
            where = corpus.find(form)
            if where < 0 and form.isascii():
                where = squeezed.find("".join(form.split()).lower())
                context = squeezed[max(0, where - 60):where + 60]
            else:
                context = corpus[max(0, where - 60):where + 60]
            if where >= 0:
                found.append(f"{what} ({form!r}) in: …{context}…")
    return found


def test_the_leak_search_finds_each_form_it_claims() -> None:
    """The negative control: a line carrying the value in each form is caught."""
    card = sample_card()
    values = {"id": card.id_number, "name": card.name}
    for form in sorted(forms(card.name) | forms(card.id_number)):
        assert leaks(f"INFO x: card {form} read", values), form
    spaced = " ".join(f"{b:02X}" for b in card.name.encode("utf-16-le"))
    assert leaks(f"DEBUG frame: {spaced}", values)
    assert leaks("INFO card 4201**********" + card.id_number[-4:], values) == []


# The terminal's process: what `kiosk run` does all day, without its screen (the QML visit
# is the separate demo step). Run as `python -m tests.test_logs_personal CONFIG CODES`.
def _terminal_day(config: Path, codes: list[str]) -> None:
    from kiosk.app import Kiosk
    from kiosk.config import load_config
    from kiosk.samples import scripted_visit

    logging.basicConfig(level=logging.DEBUG, stream=sys.stderr,
                        format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    logging.captureWarnings(True)
    kiosk = Kiosk.open(load_config(config))
    try:
        kiosk.flow.today = lambda: TODAY
        card = sample_card()
        kiosk.start_visit()
        if not kiosk.poll_card():  # through the configured SAM reader (the simulator)
            raise SystemExit(f"card not read: {kiosk.session.view.message}")
        for n, code in enumerate(codes):
            scripted_visit(kiosk.flow, code, card, last=bool(n % 2))
            kiosk.end_visit("home")
            if n == len(codes) // 2:
                logging.getLogger("test").info("drained by the terminal's worker: %s",
                                               kiosk.sync_once())
    finally:
        kiosk.close()


@pytest.mark.integration
def test_no_log_line_holds_personal_data(tmp_path: Path,
                                         platform_process: PlatformProcess) -> None:
    catalog = load_catalog()
    card = sample_card()
    values = personal_values(card, catalog)
    assert {"card name", "card ID number", "card address"} <= values.keys()
    assert any(k.startswith("field ") for k in values)  # typed phone numbers and the like
    codes = [i.code for i in catalog.items] + [b.code for b in catalog.bundles]
    data = tmp_path / "data"
    outputs: list[tuple[str, str]] = []  # (which process, what it wrote)

    with PtySimulator(SamModule(SimCard.of(card))) as sim:
        config = tmp_path / "kiosk.toml"
        config.write_text(
            f'data_dir = "{data}"\nplatform_url = "{platform_process.url}"\n'
            'terminal_id = "VK-LOGS-0001"\nallow_mock_devices = true\n'
            f'[devices]\ncard_reader = "sam-serial:{sim.path}?baud=115200"\n',
            encoding="utf-8")
        env = {k: v for k, v in os.environ.items()
               if not k.startswith(("KIOSK_", "CREDENTIALS_DIRECTORY"))}
        env.update(KIOSK_CONFIG=str(config), QT_QPA_PLATFORM="offscreen")

        def run(name: str, cmd: list[str], timeout: float = 600,
                env: dict[str, str] = env) -> str:
            res = subprocess.run(cmd, cwd=ROOT, env=env, capture_output=True, text=True,
                                 timeout=timeout, check=False)
            outputs.append((name, res.stdout + res.stderr))
            assert res.returncode == 0, f"{name}: {res.stdout[-2000:]}{res.stderr[-3000:]}"
            return res.stdout + res.stderr

        run("kiosk provision", kiosk_cmd(
            "-v", "provision", "--platform", platform_process.url,
            "--code", platform_process.enrol_code("VK-LOGS-0001")))
        run("kiosk card read", kiosk_cmd("-v", "card", "read"))
        day = run("terminal process", [sys.executable, "-m", "tests.test_logs_personal",
                                       str(config), *codes])
        synced = run("kiosk sync --once", kiosk_cmd("-v", "sync", "--once"))
        run("kiosk purge", kiosk_cmd("-v", "purge"))
        run("kiosk queue", kiosk_cmd("-v", "queue"))
    # the demo: its own mock devices and embedded platform, through the real QML
    demo = run("kiosk demo --headless", kiosk_cmd(
        "-v", "demo", "--headless", "--item", codes[0], "--out", str(tmp_path / "demo")),
        env=dict(env, KIOSK_CONFIG=str(tmp_path / "none.toml")))
    for f in [*data.rglob("*.log"), *(tmp_path / "demo").rglob("*.log")]:
        outputs.append((str(f), f.read_text(errors="replace")))

    # the capture saw the terminal at work: DEBUG lines of the HTTP client, the app's own
    # INFO lines, the worker's drain, the SAM driver, the sync command, the QML visit
    assert "DEBUG urllib3.connectionpool" in day and "INFO kiosk.app: visit ended" in day
    assert "drained by the terminal's worker: DrainResult(sent=" in day
    assert "结论: 可以受理" in "".join(o for n, o in outputs if n == "kiosk card read")
    assert synced.strip() and demo.strip()
    on_platform = platform_process.submissions()
    assert len(on_platform) >= len(catalog.items) // 2
    assert any(r["payload"]["applicant"]["id_number"] == card.id_number for r in on_platform)

    (tmp_path / "all-logs.txt").write_text(
        "".join(f"==== {name}\n{text}\n" for name, text in outputs), encoding="utf-8")
    found = [f"{name}: {hit}" for name, text in outputs for hit in leaks(text, values)]
    assert found == [], f"{tmp_path / 'all-logs.txt'}:\n" + "\n".join(found[:20])


if __name__ == "__main__":
    _terminal_day(Path(sys.argv[1]), sys.argv[2:])
