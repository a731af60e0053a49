"""The one 补正 list (kiosk.status.missing_list) and where the terminal keeps it.

The merge rule without a network: the platform's list first, then each 容缺 material this
terminal knows is owed and the platform did not name; without a platform list, the
terminal's own knowledge. The store keeps the last list encrypted, drops it when the case
leaves 补正, and upgrades an older database to hold it.
"""

from __future__ import annotations

import datetime as dt
import sqlite3

from kiosk.cases import Applicant, Case, CaseItem, CaseStatus
from kiosk.catalog import load_catalog
from kiosk.config import Config
from kiosk.crypto import DataKey
from kiosk.materials import MaterialRecord, MaterialStatus
from kiosk.status import OWED_WORDS, missing_list
from kiosk.store import Correction, Store
from kiosk.store.migrations import MIGRATIONS, migrate
from sync.protocol import CaseStatus as WireCaseStatus
from sync.protocol import MissingMaterial
from tests.conftest import make_id

OWED = MaterialRecord("bank_book", "本人银行卡或存折", MaterialStatus.DEFERRED, due="2026-12-18")
SHOWN = MaterialRecord("proxy_id", "代办人居民身份证", MaterialStatus.ON_SITE)
HUKOU = MaterialRecord("hukou", "居民户口簿（首页和本人页）", MaterialStatus.SHARED)


def case(*materials: MaterialRecord) -> Case:
    return Case(id="c1", local_no="VK-1", status=CaseStatus.NEEDS_CORRECTION,
                terminal_id="VK-1", region_code="420102000000",
                applicant=Applicant("李秀英", make_id("42010219401105002")),
                items=(CaseItem("LOCAL-MZ-0001", "高龄津贴申领"),), form={},
                created_at="2026-12-01T09:00:00+00:00", materials=materials)


def test_platform_entries_first_then_the_owed_ones_it_did_not_name() -> None:
    due = dt.date(2026, 12, 20)
    listed = Correction((MissingMaterial(material_id="hukou", reason="照片看不清", originals=1,
                                         copies=1),
                         MissingMaterial(name="居住证明", copies=2)), due)
    got = missing_list(case(HUKOU, OWED, SHOWN), listed)
    assert [(m.name, m.what_to_do, m.due, m.from_platform) for m in got] == [
        ("居民户口簿（首页和本人页）", "照片看不清，原件1份、复印件1份", "2026-12-20", True),
        ("居住证明", "复印件2份", "2026-12-20", True),
        ("本人银行卡或存折", OWED_WORDS, "2026-12-18", False)]  # on-site: the office's call


def test_an_owed_material_the_platform_names_is_listed_once_with_its_words() -> None:
    listed = Correction((MissingMaterial(material_id="bank_book", reason="请带存折原件",
                                         originals=1),), None)
    got = missing_list(case(OWED), listed)
    assert [(m.name, m.what_to_do, m.due) for m in got] == [
        ("本人银行卡或存折", "请带存折原件，原件1份", None)]


def test_a_catalog_id_the_case_did_not_file_is_named_from_the_catalog() -> None:
    catalog = load_catalog(None)
    listed = Correction((MissingMaterial(material_id="marriage_cert"),
                         MissingMaterial(material_id="nothing_known")), None)
    got = missing_list(case(), listed, catalog)
    assert [(m.name, m.what_to_do) for m in got] == [
        (catalog.materials["marriage_cert"].name, "请补交"), ("材料 nothing_known", "请补交")]


def test_without_a_platform_list_the_terminal_says_what_it_knows() -> None:
    got = missing_list(case(HUKOU, OWED, SHOWN), None)
    assert [(m.name, m.from_platform) for m in got] == [
        ("本人银行卡或存折", False), ("代办人居民身份证", False)]


def store_for(cfg: Config) -> Store:
    return Store(cfg.db_path, cfg.attachments_dir, DataKey.load_or_create(cfg.key_path))


def test_the_store_keeps_the_last_list_encrypted_and_drops_it_after_correction(
        cfg: Config) -> None:
    store = store_for(cfg)
    c = store.create_case(terminal_id=cfg.terminal_id, region_code=cfg.region_code,
                          applicant=case().applicant, items=list(case().items), form={})
    store.submit_case(c.id)
    (item,) = store.due_items(1e12, 10)
    store.mark_sent(item, {"platform_no": "420102202612010001"})
    reason = "户籍地与实际居住地不一致，需说明居住情况"
    wire = WireCaseStatus(platform_no="420102202612010001", status="needs_correction",
                          updated_at="2026-12-01T09:00:00Z", correct_by=dt.date(2026, 12, 20),
                          missing=[MissingMaterial(name="居住证明", reason=reason, originals=1)])
    store.apply_statuses([wire])
    assert store.correction(c.id) == Correction(tuple(wire.missing or ()),
                                                dt.date(2026, 12, 20))
    assert store.get_case(c.id).status is CaseStatus.NEEDS_CORRECTION
    store.close()
    for f in cfg.db_path.parent.glob(cfg.db_path.name + "*"):
        assert reason.encode() not in f.read_bytes(), f
    store = store_for(cfg)
    assert store.correction(c.id) is not None  # kept across a restart
    # A list with another status is not kept, and leaving 补正 drops the old one.
    store.apply_statuses([wire.model_copy(update={"status": "in_progress"})])
    assert store.correction(c.id) is None
    store.close()


def test_a_schema_3_database_gains_the_list_column(cfg: Config) -> None:
    cfg.db_path.parent.mkdir(parents=True)
    conn = sqlite3.connect(cfg.db_path, isolation_level=None)
    for number, script in enumerate(MIGRATIONS[:3], start=1):
        conn.executescript(script + f"; PRAGMA user_version = {number};")
    assert "correction" not in {r[1] for r in conn.execute("PRAGMA table_info(cases)")}
    assert migrate(conn) == len(MIGRATIONS)
    assert "correction" in {r[1] for r in conn.execute("PRAGMA table_info(cases)")}
    conn.close()
    store_for(cfg).close()  # and the store opens it
