import errno
import sqlite3

import pytest

from devices.idcard import IdCard
from kiosk.cases import Applicant, CaseItem, CaseStatus, TransitionError
from kiosk.config import Config
from kiosk.crypto import DataKey
from kiosk.session import applicant_from_card
from kiosk.store import Store, StoreError
from kiosk.store.migrations import MIGRATIONS, MigrationError

ITEM = CaseItem("HB-YL-0001", "城乡居民基本养老保险参保登记")


def open_store(cfg: Config) -> Store:
    return Store(cfg.db_path, cfg.attachments_dir, DataKey.load_or_create(cfg.key_path))


def test_schema_is_migrated_and_wal(cfg: Config) -> None:
    store = open_store(cfg)
    assert store.schema_version == len(MIGRATIONS)
    assert store._conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    tables = set(store.db.table_names())
    assert {"cases", "case_items", "attachments", "outbox", "ratings", "audit_events"} <= tables
    store.close()
    # Reopening does not re-run migrations.
    assert open_store(cfg).schema_version == len(MIGRATIONS)


def test_newer_schema_is_refused_with_advice(cfg: Config) -> None:
    open_store(cfg).close()
    conn = sqlite3.connect(cfg.db_path)
    conn.execute(f"PRAGMA user_version = {len(MIGRATIONS) + 1}")
    conn.close()
    with pytest.raises(MigrationError, match="newer than this software"):
        open_store(cfg)


def test_submit_queues_in_the_same_transaction(cfg: Config, card: IdCard) -> None:
    store = open_store(cfg)
    case = store.create_case(terminal_id="T-1", region_code="420102001001",
                             applicant=applicant_from_card(card), items=[ITEM], form={"a": 1})
    assert case.status is CaseStatus.DRAFT
    assert store.queue_depth() == 0
    case = store.submit_case(case.id)
    assert case.status is CaseStatus.SUBMITTED
    assert store.queue_depth() == 1
    item = store.next_due(now=1e12)
    assert item is not None
    assert item.payload["applicant"]["id_number"] == card.id_number
    assert item.payload["items"] == [{"code": ITEM.code, "name": ITEM.name}]
    store.mark_sent(item, {"platform_no": "42010220261126000001", "received_at": "x"})
    store.mark_sent(item, {"platform_no": "42010220261126000001", "received_at": "x"})
    case = store.get_case(case.id)
    assert case.status is CaseStatus.ACCEPTED
    assert case.display_no == "42010220261126000001"
    assert store.queue_depth() == 0
    assert store.find_case("42010220261126000001") == case
    assert store.cases_for(card.id_number) == [case]


def test_a_case_cannot_be_submitted_twice(cfg: Config, card: IdCard) -> None:
    store = open_store(cfg)
    case = store.create_case(terminal_id="T-1", region_code="420102001001",
                             applicant=applicant_from_card(card), items=[ITEM], form={})
    store.submit_case(case.id)
    with pytest.raises(TransitionError):
        store.submit_case(case.id)
    assert store.queue_depth() == 1


def test_no_plaintext_personal_data_on_disk(cfg: Config, card: IdCard) -> None:
    store = open_store(cfg)
    applicant = Applicant(name=card.name, id_number=card.id_number, address=card.address,
                          phone="13912345678")
    case = store.create_case(terminal_id="T-1", region_code="420102001001",
                             applicant=applicant, items=[ITEM],
                             form={"note": f"身份证 {card.id_number}"})
    photo = f"fake jpeg with {card.id_number} inside".encode()
    att = store.add_attachment(case.id, "id_front", photo)
    store.submit_case(case.id)
    store.close()
    secrets = [card.id_number.encode(), card.name.encode(), card.address.encode(),
               card.id_number.encode("utf-16-le"), b"13912345678"]
    files = [p for p in cfg.data_dir.rglob("*") if p.is_file() and p != cfg.key_path]
    assert any(p.suffix == ".bin" for p in files)
    assert any(p.name.startswith("kiosk.sqlite3") for p in files)
    for p in files:
        data = p.read_bytes()
        for s in secrets:
            assert s not in data, f"plaintext personal data in {p.name}"
    reopened = open_store(cfg)
    assert reopened.read_attachment(att.id) == photo
    assert reopened.get_case(case.id).applicant.id_number == card.id_number


def test_full_disk_while_saving_a_photo_loses_nothing(cfg: Config, card: IdCard,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    store = open_store(cfg)
    case = store.create_case(terminal_id="T-1", region_code="420102001001",
                             applicant=applicant_from_card(card), items=[ITEM], form={})

    def disk_full(fd: int) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr("kiosk.store.repository.os.fsync", disk_full)
    with pytest.raises(StoreError, match="nothing was lost"):
        store.add_attachment(case.id, "portrait", b"x" * 10)
    monkeypatch.undo()
    assert store.attachments(case.id) == []
    assert not [p for p in cfg.attachments_dir.rglob("*") if p.is_file()]
    assert store.get_case(case.id).status is CaseStatus.DRAFT
    # The same photo saves once space is back.
    assert store.add_attachment(case.id, "portrait", b"x" * 10).size == 10


def test_parked_item_leaves_the_queue_and_is_audited(cfg: Config, card: IdCard) -> None:
    store = open_store(cfg)
    case = store.create_case(terminal_id="T-1", region_code="420102001001",
                             applicant=applicant_from_card(card), items=[ITEM], form={})
    store.submit_case(case.id)
    item = store.next_due(1e12)
    assert item is not None
    store.mark_failed(item, "HTTP 422", retry_at=0, park=True)
    assert store.queue_depth() == 0
    assert store.outbox_rows()[0]["state"] == "parked"
    assert any(e["action"] == "outbox.parked" for e in store.audit_events())
