"""补正 told once and in full (行政许可法 第三十二条, 一次性告知), across real processes.

A resident files 高龄津贴申领 on the terminal and owes the bank book (容缺). A clerk, signed
in on the reference platform (its own process on 127.0.0.1), sends the case back for 补正
naming two more things. The terminal's status query, `kiosk status`, the CORRECTION screen
and the printed list (read back with poppler) all give the same three. Lists the platform
cannot tell a resident are refused with their codes; a hostile platform's huge list is
refused by the terminal, which keeps showing what it knew.
"""

from __future__ import annotations

import datetime as dt
import http.server
import json
import os
import subprocess
import threading
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
import requests

from devices.idcard import CardRead
from kiosk.app import Kiosk
from kiosk.cases import Case, CaseStatus
from kiosk.config import Config
from kiosk.flow.steps import Step
from kiosk.flow.views import CorrectionView, QueryView
from kiosk.identity_keys import load_signer
from kiosk.materials import MaterialStatus
from kiosk.provision import provision
from kiosk.samples import sample_card, scripted_visit
from kiosk.status import BAD_ANSWER_NOTE, by_number
from sync.client import BAD_ANSWER, PlatformClient, PlatformUnavailable
from sync.protocol import MISSING_MAX
from sync.signing import (
    ANSWER_SIGNATURE_HEADER,
    NONCE_HEADER,
    answer_message,
    new_private_key,
    sign,
)
from tests.conftest import (
    PlatformProcess,
    add_staff_account,
    kiosk_cmd,
    start_platform,
    stop_platform,
)
from tests.pdfread import pdf_text
from tests.platform_peer import login

pytestmark = pytest.mark.integration

CLERK, CLERK_PASSWORD = "clerk-zhang", "clerk password for tests only"
TECH, TECH_PASSWORD = "tech-li", "technician password for tests only"
CARD = sample_card(dt.date(1940, 3, 12))
HUKOU = "居民户口簿（首页和本人页）"  # the catalog's name of material id "hukou"
BANK_BOOK = "本人银行卡或存折"  # owed: 容缺 chosen at the terminal
PROOF = "村民委员会出具的居住证明"  # named by the clerk in free text
PROOF_REASON = "户籍地与实际居住地不一致，需说明居住情况"


@pytest.fixture
def county(tmp_path: Path) -> Iterator[tuple[PlatformProcess, Path]]:
    """The platform process with an admin (the test's), a clerk (受理/审核) and a
    technician, created the county's way (`kiosk platform account add`)."""
    db = tmp_path / "platform.sqlite3"
    add_staff_account(db)
    add_staff_account(db, CLERK, "clerk", CLERK_PASSWORD)
    add_staff_account(db, TECH, "technician", TECH_PASSWORD)
    platform = start_platform(db)
    yield platform, db
    stop_platform(platform)


def set_status(url: str, platform_no: str, body: Any, who: tuple[str, str] = (
        CLERK, CLERK_PASSWORD)) -> requests.Response:
    token = login(url, *who)
    return requests.put(f"{url}/api/v1/admin/submissions/{platform_no}/status", json=body,
                        headers={"Authorization": f"Bearer {token}"}, timeout=30)


def file_case(kiosk: Kiosk) -> Case:
    """高龄津贴申领 through the resident flow, the bank book deferred (容缺) on 核对信息;
    then sent to the platform."""
    flow = kiosk.flow
    owed: list[bool] = []

    def owe_bank_book(screen: Any) -> None:
        if screen.step is Step.CHECK_ANSWERS and not owed:
            owed.append(True)
            flow.defer("bank_book")

    assert scripted_visit(flow, "LOCAL-MZ-0001", CARD, on_screen=owe_bank_book).submitted
    flow.end("test")
    assert kiosk.sync_once().sent == 1
    (case,) = kiosk.store.cases_for(CARD.id_number)
    case = kiosk.store.with_details(case)
    assert case.platform_no is not None
    assert [m.ref for m in case.materials if m.status is MaterialStatus.DEFERRED] == \
        ["bank_book"]
    return case


def correction_body(correct_by: dt.date) -> dict[str, Any]:
    return {"status": "needs_correction", "correct_by": correct_by.isoformat(), "missing": [
        {"material_id": "hukou", "reason": "户口簿本人页照片看不清", "originals": 1,
         "copies": 1},
        {"name": PROOF, "reason": PROOF_REASON, "originals": 1}]}


@pytest.fixture
def terminal(cfg: Config, county: tuple[PlatformProcess, Path]) -> Iterator[Kiosk]:
    platform, _ = county
    cfg = replace(cfg, platform_url=platform.url)
    provision(cfg, platform.url, platform.enrol_code(cfg.terminal_id))
    kiosk = Kiosk.open(cfg)
    yield kiosk
    kiosk.close()


def flat(text: str) -> str:
    """Printed text without the roll's line breaks and padding (long lines wrap)."""
    return "".join(text.split())


def test_clerk_sets_correction_and_the_terminal_tells_and_prints_all_of_it(
        terminal: Kiosk, county: tuple[PlatformProcess, Path], tmp_path: Path) -> None:
    platform, db = county
    case = file_case(terminal)
    assert case.platform_no is not None
    due = dt.date.today() + dt.timedelta(days=15)
    resp = set_status(platform.url, case.platform_no, correction_body(due))
    assert resp.status_code == 200, resp.text
    stored = resp.json()
    # The catalog id got the name this case's item gives it.
    assert [m["name"] for m in stored["missing"]] == [HUKOU, PROOF]
    assert stored["correct_by"] == due.isoformat()

    # 办件查询 by number: the one list, the platform's two and the owed bank book.
    answer = by_number(terminal.store, terminal.client, case.platform_no)
    assert answer.online and answer.note == ""
    (line,) = answer.lines
    assert line.status == "需要补正材料"
    assert "还需要补正3项材料" in line.detail
    words = f"{due.year}年{due.month}月{due.day}日"
    assert line.missing == (
        f"1. {HUKOU}：户口簿本人页照片看不清，原件1份、复印件1份，{words}前",
        f"2. {PROOF}：{PROOF_REASON}，原件1份，{words}前",
        f"3. {BANK_BOOK}：请补交（容缺受理时说好的材料），"
        f"{_words(case.materials, 'bank_book')}前")
    assert terminal.store.get_case(case.id).status is CaseStatus.NEEDS_CORRECTION

    # The CORRECTION screen, reached from a query by card, and its printout.
    flow = terminal.flow
    flow.start("query")
    result = flow.on_card(CardRead(CARD))
    assert isinstance(result.view, QueryView)
    (row,) = [r for r in result.view.rows if r.needs_correction]
    screen = flow.open_correction(row.index)
    view = screen.view
    assert isinstance(view, CorrectionView) and view.platform_list
    assert [m.name for m in view.missing] == [HUKOU, PROOF, BANK_BOOK]
    pdf = tmp_path / "correction.pdf"
    assert flow.print_correction(pdf).view.printed  # type: ignore[union-attr]
    printed = flat(pdf_text(pdf))
    assert "补正材料清单" in printed and case.platform_no in printed
    for name in (HUKOU, PROOF, PROOF_REASON, BANK_BOOK):
        assert flat(name) in printed, name
    assert CARD.id_number not in printed
    flow.end("test")
    terminal.close()

    # `kiosk status NUMBER`, as a technician would run it, prints the same three.
    conf = tmp_path / "kiosk.toml"
    conf.write_text(f'data_dir = "{terminal.config.data_dir}"\n'
                    f'platform_url = "{platform.url}"\n'
                    f'terminal_id = "{terminal.config.terminal_id}"\n', encoding="utf-8")
    out = subprocess.run(kiosk_cmd("status", case.platform_no), capture_output=True,
                         text=True, check=True,
                         env=dict(os.environ, KIOSK_CONFIG=str(conf))).stdout
    for text in line.missing:
        assert text in out

    # At rest, the clerk's free text is sealed on the platform and encrypted on the
    # terminal (it may say more than a document's name).
    for f in (db, db.with_name(db.name + "-wal"), terminal.config.db_path,
              terminal.config.db_path.with_name(terminal.config.db_path.name + "-wal")):
        if f.exists():
            assert PROOF_REASON.encode() not in f.read_bytes(), f


def _words(materials: Any, ref: str) -> str:
    (m,) = [m for m in materials if m.ref == ref]
    d = dt.date.fromisoformat(m.due)
    return f"{d.year}年{d.month}月{d.day}日"


def test_lists_a_resident_cannot_be_told_are_refused_with_their_codes(
        terminal: Kiosk, county: tuple[PlatformProcess, Path]) -> None:
    platform, _ = county
    case = file_case(terminal)
    no = case.platform_no
    assert no is not None
    good = correction_body(dt.date.today() + dt.timedelta(days=5))
    entry = good["missing"][1]
    refused: list[tuple[Any, str]] = [
        ({"status": "needs_correction"}, "missing_list_required"),
        ({"status": "needs_correction", "missing": []}, "missing_list_required"),
        ({**good, "status": "in_progress"}, "missing_list_unexpected"),
        ({"status": "in_progress", "correct_by": "2030-01-01"}, "missing_list_unexpected"),
        ({**good, "missing": [{"material_id": "marriage_cert"}]}, "unknown_material"),
        ({**good, "missing": [{"material_id": "no-such-thing"}]}, "unknown_material"),
        ({**good, "missing": [{"material_id": "hukou"}, {"material_id": "hukou"}]},
         "duplicate_material"),
        ({**good, "correct_by": (dt.date.today() - dt.timedelta(days=1)).isoformat()},
         "deadline_passed"),
        ({**good, "missing": [{**entry, "name": "证" * 61}]}, "invalid_request"),
        ({**good, "missing": [{**entry, "reason": "因" * 201}]}, "invalid_request"),
        ({**good, "missing": [{**entry, "copies": 21}]}, "invalid_request"),
        ({**good, "missing": [{**entry, "originals": -1}]}, "invalid_request"),
        ({**good, "missing": [{**entry, "name": f"证明{i}"} for i in range(MISSING_MAX + 1)]},
         "invalid_request"),
        ({**good, "missing": [{"reason": "没有名字"}]}, "invalid_request"),
        ({**good, "missing": [{**entry, "holder": "张三"}]}, "invalid_request"),
        ({**good, "missing": [{**entry, "material_id": "../../etc"}]}, "invalid_request"),
        ({**good, "correct_by": "下周"}, "invalid_request"),
    ]
    for body, code in refused:
        resp = set_status(platform.url, no, body)
        assert (resp.status_code, resp.json()["error"]) == (422, code), body
        assert len(resp.content) < 2000 and resp.headers["content-type"].startswith(
            "application/json")
    # Nothing refused changed the case; the right people and the right list still can.
    (row,) = platform.submissions()
    assert row["status"] == "accepted"
    resp = set_status(platform.url, no, good, who=(TECH, TECH_PASSWORD))
    assert (resp.status_code, resp.json()["error"]) == (403, "forbidden_role")
    assert set_status(platform.url, "420102209901010001", good).json()["error"] == \
        "unknown_case"
    assert set_status(platform.url, no, good).status_code == 200
    # Leaving 补正 drops the list: the terminal no longer shows it.
    assert set_status(platform.url, no, {"status": "in_progress"}).status_code == 200
    (line,) = by_number(terminal.store, terminal.client, no).lines
    assert line.missing == () and terminal.store.correction(case.id) is None


class HostilePlatform:
    """A platform that signs its answers (a compromised or broken one: the terminal trusts
    its key) and answers every status query with ``body``."""

    def __init__(self, terminal_id: str, body: bytes) -> None:
        self.key = new_private_key()
        key, served = self.key, body

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                nonce = self.headers.get(NONCE_HEADER, "")
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(served)))
                self.send_header(ANSWER_SIGNATURE_HEADER, sign(
                    key, answer_message(terminal_id, nonce, 200, served)))
                self.end_headers()
                self.wfile.write(served)

            def log_message(self, *args: object) -> None:
                pass

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


def test_a_hostile_platform_list_is_refused_and_the_local_record_stays(
        terminal: Kiosk, county: tuple[PlatformProcess, Path]) -> None:
    platform, _ = county
    case = file_case(terminal)
    no = case.platform_no
    assert no is not None
    assert set_status(platform.url, no, correction_body(
        dt.date.today() + dt.timedelta(days=7))).status_code == 200
    (known,) = by_number(terminal.store, terminal.client, no).lines
    assert len(known.missing) == 3
    huge = {"statuses": [{"platform_no": no, "status": "needs_correction",
                          "updated_at": "2026-12-01T09:00:00Z",
                          "missing": [{"name": f"材料{i}", "reason": "缺" * 200}
                                      for i in range(5000)]}]}  # ~3 MB: read, then refused
    long_name = {"statuses": [{"platform_no": no, "status": "needs_correction",
                               "updated_at": "2026-12-01T09:00:00Z",
                               "missing": [{"name": "名" * 5000}]}]}
    signer = load_signer(terminal.config)
    for body, where in ((json.dumps(huge, ensure_ascii=False).encode(), "missing"),
                        (json.dumps(long_name, ensure_ascii=False).encode(), "name"),
                        (b"<html>captive portal</html>", "")):
        hostile = HostilePlatform(terminal.config.terminal_id, body)
        try:
            client = PlatformClient(hostile.url, terminal.config.terminal_id, signer=signer,
                                    answer_key=hostile.key.public_key())
            with pytest.raises(PlatformUnavailable) as refused:
                client.statuses([no])
            assert refused.value.code == BAD_ANSWER
            assert where in str(refused.value)
            answer = by_number(terminal.store, client, no)
        finally:
            hostile.close()
        # The resident still sees the case and the last list the real platform gave.
        assert answer.note == BAD_ANSWER_NOTE and not answer.online
        assert answer.lines == (known,)
        correction = terminal.store.correction(case.id)
        assert correction is not None and len(correction.missing) == 2
