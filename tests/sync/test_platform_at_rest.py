"""Personal data at rest on the county platform: after real terminals' cases, pictures,
ratings, audit events and heartbeats reach a real ``kiosk platform serve`` process, no
byte of its data folder holds a resident's name, ID number, address or phone number, in
any common encoding; every file is 0600 and every folder 0700; and staff still see it
all, opened, through the admin routes.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import stat
import subprocess
from dataclasses import replace
from pathlib import Path

from devices.idcard import IdCard
from kiosk.config import Config
from kiosk.provision import heartbeat, provision
from kiosk.ratings import Level, Rating, submit_rating
from kiosk.session import applicant_from_card
from sync.outbox import OutboxWorker
from sync.protocol import CHUNK_SIZE
from tests.conftest import (
    PlatformProcess,
    add_staff_account,
    kiosk_cmd,
    make_id,
    start_platform,
    stop_platform,
)
from tests.sync.conftest import ITEM, as_jpeg, client_for, open_store

NAME = "欧阳秀兰"
ID_NUMBER = make_id("42010219520314861")
ADDRESS = "湖北省武汉市江岸区幸福路88号院7栋"
PHONE = "13987654321"
HOUSEHOLD = "欧阳小明"  # a form answer: another person's name
CARD = IdCard(name=NAME, id_number=ID_NUMBER, sex_code="2", nation_code="01",
              birth_date=dt.date(1952, 3, 14), address=ADDRESS, issuer="武汉市公安局江岸分局",
              valid_from=dt.date(2015, 1, 1), valid_until=None)
# A picture small enough to travel inline and one that goes up in chunks, each carrying
# personal text, as a scanned 户口簿 page would.
SMALL = b"\xff\xd8\xff" + f"{NAME} {ID_NUMBER}".encode() + os.urandom(4000)
LARGE = as_jpeg(os.urandom(CHUNK_SIZE)) + f"{ADDRESS} {PHONE}".encode() + os.urandom(
    CHUNK_SIZE // 2)


def encodings(text: str) -> set[bytes]:
    """The forms a value may take on disk: UTF-8, UTF-16 either way round, GB18030, and
    JSON's \\uXXXX escapes (either case)."""
    escaped = json.dumps(text)[1:-1]
    return {text.encode(), text.encode("utf-16-le"), text.encode("utf-16-be"),
            text.encode("gb18030"), escaped.encode(), escaped.upper().replace("\\U", "\\u")
            .encode()}


NEEDLES = {n for v in (NAME, ID_NUMBER, ID_NUMBER[:17], ADDRESS, "幸福路88号院", PHONE,
                       HOUSEHOLD) for n in encodings(v)}


def leaks(folder: Path, keys: Path) -> dict[str, list[bytes]]:
    """Every file under ``folder`` (the keys folder aside) that holds a needle."""
    found: dict[str, list[bytes]] = {}
    for p in sorted(folder.rglob("*")):
        if p.is_file() and keys not in p.parents:
            data = p.read_bytes()
            hits = [n for n in NEEDLES if n in data]
            if hits:
                found[str(p.relative_to(folder))] = hits
    return found


def modes(folder: Path) -> dict[str, str]:
    """Whatever is not 0600 (files) or 0700 (folders), with its mode."""
    wrong = {}
    for p in [folder, *folder.rglob("*")]:
        want = 0o700 if p.is_dir() else 0o600
        got = stat.S_IMODE(p.lstat().st_mode)
        if got != want:
            wrong[str(p.relative_to(folder))] = f"{got:04o}"
    return wrong


def send_everything(cfg: Config, platform: PlatformProcess) -> None:
    """Through the terminal's own store and outbox: two cases (one inline, one chunked
    attachment), a rating with a phone number, audit events, a heartbeat."""
    store = open_store(cfg)
    try:
        applicant = replace(applicant_from_card(CARD), phone=PHONE)
        for photo in (SMALL, LARGE):
            case = store.create_case(terminal_id=cfg.terminal_id, region_code=cfg.region_code,
                                     applicant=applicant, items=[ITEM],
                                     form={"household_member": HOUSEHOLD, "contact": PHONE,
                                           "home": ADDRESS})
            store.add_attachment(case.id, "portrait", photo)
            store.submit_case(case.id)
        submit_rating(store, Rating(level=Level.VERY_DISSATISFIED, reasons=("等待时间长",),
                                    comment=f"{NAME}说排队太久", phone=PHONE,
                                    case_id=case.id))
        store.audit("staff", "case.reviewed", f"{NAME} {PHONE}", {"address": ADDRESS})
        client = client_for(cfg)
        result = OutboxWorker(store, client).drain()
        assert result.sent == 3 and store.queue_depth() == 0, result
        heartbeat(store, client)
        assert store.audit_backlog() == 0
    finally:
        store.close()


def test_no_personal_data_in_any_byte_of_the_platform_folder(cfg: Config,
                                                             tmp_path: Path) -> None:
    folder = tmp_path / "county"  # made by the platform itself
    db = folder / "platform.sqlite3"
    keys = folder / "platform-keys"
    add_staff_account(db)
    platform = start_platform(db)
    try:
        cfg = replace(cfg, platform_url=platform.url)
        provision(cfg, platform.url, platform.enrol_code(cfg.terminal_id))
        send_everything(cfg, platform)

        # Staff see it all, opened by the platform.
        cases = platform.submissions()
        assert [c["payload"]["applicant"]["id_number"] for c in cases] == [ID_NUMBER] * 2
        assert {c["payload"]["applicant"]["address"] for c in cases} == {ADDRESS}
        assert cases[1]["payload"]["attachments"][0]["stored_sha256"] == (
            cases[1]["payload"]["attachments"][0]["sha256"])
        assert platform.admin("GET", "/ratings")[0]["phone"] == PHONE
        audit = platform.admin("GET", "/audit-events")
        assert f"{NAME} {PHONE}" in [e["subject"] for e in audit]
        assert platform.admin("GET", "/heartbeats")[0]["software"] == "village-kiosk"

        # While it runs: the WAL and its index hold the latest pages.
        assert (folder / "platform.sqlite3-wal").stat().st_size > 0
        assert (folder / "platform.sqlite3-shm").exists()
        assert len([p for p in (folder / "platform-uploads").rglob("*") if p.is_file()]) == 2
        assert leaks(folder, keys) == {}
        assert modes(folder) == {}
    finally:
        stop_platform(platform)
    assert leaks(folder, keys) == {}
    assert modes(folder) == {}
    assert [p.name for p in keys.iterdir()] == ["data.key"]
    assert stat.S_IMODE((keys / "data.key").stat().st_mode) == 0o600
    # The scan would see them: the bytes the terminal sent are where the platform opens
    # them, not lost.
    assert any(n in SMALL for n in NEEDLES) and any(n in LARGE for n in NEEDLES)


def test_the_platform_refuses_to_start_without_its_key_and_says_why(tmp_path: Path) -> None:
    db = tmp_path / "county" / "platform.sqlite3"
    add_staff_account(db)  # the database now exists, sealed under its key
    keyfile = db.with_name("platform-keys") / "data.key"
    keyfile.rename(tmp_path / "backup.key")
    run = subprocess.run(kiosk_cmd("platform", "serve", "--port", "9", "--db", str(db)),
                         capture_output=True, text=True, timeout=60,
                         env={k: v for k, v in os.environ.items()
                              if k != "KIOSK_PLATFORM_DATA_KEY"})
    assert run.returncode == 2
    assert f"its key file {keyfile} is missing" in run.stderr
    assert "Traceback" not in run.stderr
    assert not keyfile.exists()  # no new key over the old data
    (tmp_path / "backup.key").rename(keyfile)
    keyfile.write_text("AAAA\n")
    run = subprocess.run(kiosk_cmd("platform", "serve", "--port", "9", "--db", str(db)),
                         capture_output=True, text=True, timeout=60)
    assert run.returncode == 2
    assert f"the key file {keyfile} decodes to 3 bytes" in run.stderr
