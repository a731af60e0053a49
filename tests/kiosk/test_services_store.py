"""Cases through the store: bundles split into linked cases, materials and commitments
encrypted at rest, drafts across restarts and idle timeouts, ratings queued atomically."""

from __future__ import annotations

import dataclasses
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from devices.idcard import IdCard
from devices.idcard.mock import MockCardReader
from kiosk.app import Kiosk
from kiosk.applications import Application, ApplicationInvalid
from kiosk.cases import CaseStatus, SignedCommitment
from kiosk.config import Config
from kiosk.materials import MaterialDecl, MaterialStatus
from kiosk.ratings import Level, Rating, RatingInvalid, rating_problems, submit_rating
from kiosk.services import SpecError, application_from_spec
from kiosk.session import applicant_from_card
from tests.kiosk.svc import SIGNATURE, catalog, elder, luhn_complete, open_store


def every_byte(folder: Path) -> bytes:
    return b"".join(p.read_bytes() for p in folder.rglob("*") if p.is_file())


@pytest.fixture
def kiosk(cfg: Config) -> Iterator[Kiosk]:
    k = Kiosk.open(cfg)
    yield k
    k.close()


def newborn_app() -> Application:
    mother = elder("1996-04-02")
    father = elder("1994-01-09")
    values = {"name": mother.name, "id_number": mother.id_number, "phone": "13800138000",
              "child_name": "王小宝", "child_sex": "男", "child_birth_date": "2026-11-01",
              "birth_cert_no": "R420123456", "household_head_name": "王大明",
              "spouse_name": "王大明", "spouse_id_number": father.id_number, "child_order": 1,
              "delivery": "邮寄到家", "mailing_address": "湖北省示范县示范村3组"}
    return Application(applicant=mother, codes=("LOCAL-YJS-0001",), values=values,
                       answers={"married": True},
                       materials={"birth_cert": MaterialDecl(MaterialStatus.ECERT,
                                                             ecert_ref="ECERT-LOCAL-1")},
                       photos={"e_photo": (b"\xff\xd8photo-of-baby",)})


def test_bundle_becomes_linked_cases_each_with_only_its_own_data(kiosk: Kiosk) -> None:
    cases = kiosk.submit_application(newborn_app())
    assert [c.items[0].code for c in cases] == ["LOCAL-WJ-0001", "LOCAL-GA-0003",
                                                "LOCAL-YB-0001", "LOCAL-RS-0005"]
    assert len({c.bundle_no for c in cases}) == 1 and cases[0].bundle_no
    assert all(c.status is CaseStatus.SUBMITTED for c in cases)
    by = {c.items[0].code: c for c in cases}
    assert "child_name" not in by["LOCAL-WJ-0001"].form
    assert by["LOCAL-GA-0003"].form["child_name"] == "王小宝"
    # The baby's photo goes only to the item that asks for it.
    kinds = {c.items[0].code: [a.kind for a in kiosk.store.attachments(c.id)] for c in cases}
    assert kinds["LOCAL-RS-0005"] == ["material:e_photo"]
    assert kinds["LOCAL-GA-0003"] == []
    assert kiosk.store.queue_depth() == 4
    ids = kiosk.store.bundle_case_ids(cases[0].bundle_no or "")
    assert ids == [c.id for c in cases]


def test_case_details_are_encrypted_at_rest(kiosk: Kiosk, cfg: Config) -> None:
    app = dataclasses.replace(newborn_app(), codes=("LOCAL-MZ-0004",), answers={}, values={
        **newborn_app().values, "household_size": 3, "household_income": 800,
        "bank_card": luhn_complete("622202020000000000"), "current_address": "示范村3组"},
        materials={"econ_auth": MaterialDecl(MaterialStatus.DEFERRED)},
        commitments=(SignedCommitment(
            "LOCAL-MZ-0004", "dibao_commitment", "低保告知承诺",
            catalog().item("LOCAL-MZ-0004").commitment_options[0].text,
            ("income_statement",), SIGNATURE, "2026-11-26T09:00:00+08:00"),))
    case = kiosk.submit_application(app)[0]
    assert {m.ref: m.status for m in case.materials}["income_statement"] is \
        MaterialStatus.COMMITMENT
    owed = next(m for m in case.materials if m.ref == "econ_auth")
    assert owed.status is MaterialStatus.DEFERRED and owed.due
    assert case.commitments[0].strokes == SIGNATURE
    sig = [a for a in kiosk.store.attachments(case.id) if a.kind.startswith("signature:")]
    assert kiosk.store.read_attachment(sig[0].id).startswith(b"\x89PNG")
    kiosk.store._conn.execute("PRAGMA wal_checkpoint(FULL)")
    data = every_byte(cfg.data_dir)
    for secret in (app.applicant.id_number, "王大明", "示范村3组", "13800138000"):
        assert secret.encode() not in data
    audit = str(kiosk.store.audit_events())
    assert app.applicant.id_number not in audit


def test_invalid_application_queues_nothing(kiosk: Kiosk) -> None:
    app = dataclasses.replace(newborn_app(), values={"phone": "123"})
    with pytest.raises(ApplicationInvalid) as info:
        kiosk.submit_application(app)
    assert any("手机号码应为11位" in p.message for p in info.value.problems)
    assert kiosk.store.queue_depth() == 0


def test_card_flow_submit_uses_the_catalog_and_card_prefill(kiosk: Kiosk, cfg: Config,
                                                            card: IdCard) -> None:
    kiosk.start_visit()
    MockCardReader(cfg.mock_dir).insert(card)
    assert kiosk.poll_card()
    kiosk.choose([kiosk.items[3].code])
    case = kiosk.submit()
    assert case.items[0].name == "高龄津贴申领"
    assert case.form["id_number"] == card.id_number and case.form["name"] == card.name
    assert {m.ref: m.status for m in case.materials}["bank_book"] is MaterialStatus.ON_SITE
    assert case.promised_by is not None


def test_resident_draft_survives_restart_but_not_the_idle_timeout(cfg: Config,
                                                                  card: IdCard) -> None:
    k = Kiosk.open(cfg)
    k.start_visit()
    MockCardReader(cfg.mock_dir).insert(card)
    assert k.poll_card()
    k.save_draft({"form": {"phone": "13800138000"}})
    agent = elder("1975-06-01")
    k.save_draft({"form": {"proxy_name": "张小明"}}, agent=agent)
    k.close()  # power cut after the commit
    k = Kiosk.open(cfg)
    try:
        k.start_visit()
        assert k.poll_card()
        assert k.resume_draft() == {"form": {"phone": "13800138000"}}
        k.idle_timeout()
        k.start_visit()
        assert k.poll_card()
        assert k.resume_draft() is None
        assert k.resume_draft(agent=agent) == {"form": {"proxy_name": "张小明"}}
    finally:
        k.close()
    assert b"13800138000" not in every_byte(cfg.data_dir)


def test_rating_and_its_outbox_row_are_written_together(cfg: Config, card: IdCard) -> None:
    store = open_store(cfg)
    case = store.create_case(terminal_id=cfg.terminal_id, region_code=cfg.region_code,
                             applicant=applicant_from_card(card), items=[], form={})
    rid = submit_rating(store, Rating(Level.DISSATISFIED, ("等待时间长",),
                                      phone="13800138000", case_id=case.id))
    rows = [r for r in store.outbox_rows() if r["kind"] == "rating"]
    assert [r["record_id"] for r in rows] == [rid]
    assert store.rating_phone(rid) == "13800138000"
    raw = store._conn.execute("SELECT phone FROM ratings WHERE id=?", (rid,)).fetchone()[0]
    assert b"13800138000" not in raw
    # A failure inside the transaction leaves neither the rating nor the outbox row.
    with pytest.raises(sqlite3.IntegrityError):
        store.add_rating(rating_id=rid, level=5, reasons=[], comment="", phone="",
                         case_id=case.id, rated_at="2026-11-26T00:00:00+00:00")
    assert len([r for r in store.outbox_rows() if r["kind"] == "rating"]) == 1
    store.close()


@pytest.mark.parametrize("rating,problem", [
    (Rating(Level.VERY_DISSATISFIED), "请留下手机号码"),
    (Rating(Level.DISSATISFIED, phone="12345"), "手机号码应为11位"),
    (Rating(Level.SATISFIED, ("没办成",)), "请从列出的原因中选择"),
    (Rating(Level.VERY_SATISFIED, comment="好" * 501), "最多500个字"),
])
def test_rating_rules(rating: Rating, problem: str) -> None:
    assert any(problem in p for p in rating_problems(rating))


def test_good_rating_needs_no_phone_and_poor_rating_with_phone_is_fine(cfg: Config) -> None:
    assert rating_problems(Rating(Level.BASICALLY_SATISFIED, ("等待时间长",))) == []
    assert rating_problems(Rating(Level.VERY_DISSATISFIED, phone="13800138000")) == []
    store = open_store(cfg)
    with pytest.raises(RatingInvalid):
        submit_rating(store, Rating(Level.VERY_DISSATISFIED))
    assert store.outbox_rows() == []
    store.close()


def test_submit_file_names_items_by_code_or_name_and_rejects_unknown(tmp_path: Path) -> None:
    a = elder()
    spec = {"applicant": {"name": a.name, "id_number": a.id_number},
            "items": [{"code": "A", "name": "高龄津贴申领"}, "LOCAL-RS-0002"]}
    app = application_from_spec(catalog(), spec, tmp_path)
    assert app.codes == ("LOCAL-MZ-0001", "LOCAL-RS-0002")
    assert app.values["name"] == a.name  # prefilled as from the card
    with pytest.raises(SpecError, match=r"items\[0\]"):
        application_from_spec(catalog(), {**spec, "items": [{"code": "X", "name": "y"}]},
                              tmp_path)
    with pytest.raises(SpecError, match="materials"):
        application_from_spec(catalog(), {**spec, "materials": {"hukou": {"status": "lost"}}},
                              tmp_path)


def test_platform_installed_catalog_is_served_and_a_broken_one_is_not(cfg: Config) -> None:
    import json

    from sync.protocol import SignedDocument
    from tests.kiosk.svc import raw_catalog

    newer = raw_catalog()
    newer["catalog_version"] = "2026.12.01-1"
    k = Kiosk.open(cfg)
    try:
        assert k.catalog.version == "2026.11.26-1"
        k.store.save_document(SignedDocument(kind="catalog", version=2, body=json.dumps(
            newer, ensure_ascii=False), signature="verified-by-sync",
            published_at="2026-12-01T00:00:00+00:00"))
        assert k.catalog.version == "2026.12.01-1"
    finally:
        k.close()
    broken = raw_catalog()
    del broken["items"][0]["materials"]
    k = Kiosk.open(cfg)
    try:
        k.store.save_document(SignedDocument(kind="catalog", version=3, body=json.dumps(
            broken, ensure_ascii=False), signature="verified-by-sync",
            published_at="2026-12-02T00:00:00+00:00"))
        assert k.catalog.version == "2026.11.26-1"  # the shipped one, never the broken one
    finally:
        k.close()


_json = st.recursive(st.none() | st.booleans() | st.integers() | st.text(max_size=6),
                     lambda c: st.lists(c, max_size=3) | st.dictionaries(
                         st.sampled_from(["applicant", "items", "bundle", "form", "answers",
                                          "materials", "photos", "agent", "consent", "name",
                                          "id_number", "code", "status", "x"]), c, max_size=4),
                     max_leaves=10)


@settings(max_examples=200, deadline=None)
@given(_json)
def test_any_submit_file_is_read_or_refused_with_spec_error(spec: object) -> None:
    try:
        app = application_from_spec(catalog(), spec, Path("/nonexistent"))
    except SpecError as exc:
        assert str(exc)
        return
    assert isinstance(app, Application)


def test_purge_after_retention_drops_signatures_consent_and_agent(kiosk: Kiosk) -> None:
    import datetime as dt

    from sync.outbox import OutboxItem

    app = dataclasses.replace(newborn_app(), codes=("LOCAL-MZ-0004",), answers={}, values={
        **newborn_app().values, "household_size": 3, "household_income": 800,
        "bank_card": luhn_complete("622202020000000000"), "current_address": "示范村3组",
        "proxy_name": elder("1970-05-05").name, "proxy_id_number": elder("1970-05-05").id_number,
        "proxy_relation": "子女"},
        materials={"econ_auth": MaterialDecl(MaterialStatus.DEFERRED),
                   "proxy_id": MaterialDecl(MaterialStatus.CARD)},
        agent=elder("1970-05-05"),
        commitments=(SignedCommitment(
            "LOCAL-MZ-0004", "dibao_commitment", "低保告知承诺",
            catalog().item("LOCAL-MZ-0004").commitment_options[0].text,
            ("income_statement",), SIGNATURE, "2026-11-26T09:00:00+08:00"),))
    case = kiosk.submit_application(app)[0]
    assert case.agent is not None and case.commitments
    item = kiosk.store.next_due(1e12)
    assert isinstance(item, OutboxItem)
    kiosk.store.mark_sent(item, {"platform_no": "42010220261126000009", "received_at": "x"})
    later = dt.datetime.now(dt.UTC) + dt.timedelta(days=8)
    assert kiosk.store.purge_acknowledged(7, now=later) == 1
    purged = kiosk.store.with_details(kiosk.store.get_case(case.id))
    assert purged.agent is None and purged.commitments == () and purged.consent is None
    # What a receipt reprint needs is still there.
    assert [m.ref for m in purged.materials] == [m.ref for m in case.materials]
    assert purged.promised_by == case.promised_by
    assert kiosk.store.attachments(case.id) == []
