"""The bounds agree: what the catalog allows, the store keeps, the platform accepts, the
receipt prints — and past a bound each layer refuses.

Every catalog item is filled with the longest value each of its fields allows (derived
from the catalog, tests/bounds.py) by an applicant at every bound of the contract, then
goes Application → encrypted store → outbox → the reference platform over HTTP. Past the
bounds: the terminal refuses at entry (tests/kiosk/test_field_bounds.py); the platform
refuses whatever a terminal might still send (an older release, a hand-edited queue) with
a 422 naming the field, which parks the item without blocking the rest.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest

from kiosk.applications import Application, counter_only
from kiosk.config import Config
from kiosk.identity import mask_name
from kiosk.receipts import ReceiptContext, render_receipt
from kiosk.services import submit_application
from kiosk.store import Store
from sync import protocol
from sync.outbox import OutboxWorker
from sync.platform.server import ThreadedPlatform
from tests.bounds import APPLICANT_OVER, longest, longest_applicant
from tests.conftest import make_id
from tests.kiosk.svc import calendar, catalog
from tests.pdfread import pdf_text
from tests.sync.conftest import client_for, open_store, submissions

TODAY = dt.date.today()  # the platform and the store stamp real dates
# Counter-only items are never queued (plan_application refuses them): every other item.
FILED = [it for it in catalog().items if not counter_only([it])]


def _queue_every_item_at_its_longest(cfg: Config, store: Store) -> dict[str, dict[str, Any]]:
    """local_no → the form values queued, one case per catalog item."""
    queued: dict[str, dict[str, Any]] = {}
    for item in FILED:
        values = {f: longest(catalog().fields[f]) for f in item.form.fields}
        app = Application(longest_applicant(), (item.code,), values=values,
                          photos={m.ref: (b"\xff\xd8 jpeg",) for m in item.materials})
        (case,) = submit_application(store, catalog(), calendar(), cfg.terminal_id,
                                     cfg.region_code, app, today=TODAY)
        queued[case.local_no] = values
    return queued


def test_every_field_at_its_longest_goes_through_store_platform_and_receipt_intact(
        ecfg: Config, platform: ThreadedPlatform, tmp_path: Path) -> None:
    store = open_store(ecfg)
    try:
        queued = _queue_every_item_at_its_longest(ecfg, store)
        # The store keeps them exactly (encrypted, read back).
        for row in store.outbox_rows():
            case = store.get_case(row["record_id"])
            assert case.form == queued[case.local_no]
            assert case.applicant == longest_applicant()
        result = OutboxWorker(store, client_for(ecfg)).drain()
        assert (result.sent, result.parked, result.failed) == (len(queued), 0, 0)
        case = store.get_case(store.outbox_rows()[0]["record_id"])
        pdf = render_receipt(store.with_details(case), ReceiptContext(
            ecfg.terminal_id, "示范社区", "https://county.example/q/{no}"), tmp_path / "r.pdf")
    finally:
        store.close()
    rows = submissions(platform)
    assert sorted(r["local_no"] for r in rows) == sorted(queued)
    every_field = set()
    for r in rows:
        assert r["payload"]["form"] == queued[r["local_no"]]
        sent = r["payload"]["applicant"]
        assert {k: sent[k] for k in dataclasses.asdict(longest_applicant())} == \
            dataclasses.asdict(longest_applicant())
        every_field |= set(r["payload"]["form"])
    assert every_field == {f for it in FILED for f in it.form.fields}
    text = pdf_text(pdf).replace(" ", "")
    assert mask_name(longest_applicant().name) in text  # 王*****: the 60 characters hidden
    assert longest_applicant().name[:2] not in text


def _over(payload: dict[str, Any], path: str, value: Any) -> dict[str, Any]:
    out: dict[str, Any] = json.loads(json.dumps(payload))
    where = out
    *parents, last = path.split(".")
    for p in parents:
        where = where[p]
    where[last] = value
    return out


LONG_TEXT = "字" * (protocol.FORM_VALUE_MAX_CHARS + 1)
# (what is past its bound, the payload change, the field the platform names)
OVER: list[tuple[str, str, Any, str]] = [
    *((f"applicant {key}", f"applicant.{key}", value, f"applicant.{key}")
      for key, value in APPLICANT_OVER if key != "id_number"),
    ("agent name", "agent", dataclasses.asdict(dataclasses.replace(
        longest_applicant(), name="王" * (protocol.NAME_MAX + 1))), "agent.name"),
    ("a permit number sent as a resident card", "applicant",
     dict(dataclasses.asdict(longest_applicant()), id_number=make_id("81000019900215002")),
     "applicant: Value error, id_number does not have the form its card_kind requires"),
    ("a number of no kind", "applicant.id_number", "1" * 19, "applicant.id_number"),
    ("an unknown card kind", "applicant.card_kind", "passport", "applicant.card_kind"),
    ("a form value past the longest field", "form.hardship_reason", LONG_TEXT,
     "form.hardship_reason"),
    ("a form value nested", "form.name", {"a": [1, 2]}, "form.name"),
    ("a form key no catalog has", "form", {"x" * 41: "1"}, "form"),
    ("too many form keys", "form",
     {f"f{i}": "1" for i in range(protocol.FORM_MAX_KEYS + 1)}, "form"),
    ("a form too large in all", "form",
     {f"f{i}": "字" * protocol.FORM_VALUE_MAX_CHARS for i in range(30)},
     "form: Value error, form is"),
    ("a form number past the contract", "form.floors", protocol.FORM_NUMBER_MAX + 1,
     "form.floors"),
]


@pytest.mark.parametrize("what, path, value, named", OVER, ids=[o[0] for o in OVER])
def test_the_platform_refuses_past_a_bound_with_a_422_naming_the_field(
        ecfg: Config, platform: ThreadedPlatform, what: str, path: str, value: Any,
        named: str) -> None:
    store = open_store(ecfg)
    try:
        item = catalog().item("LOCAL-YB-0001")
        values = {f: longest(catalog().fields[f]) for f in item.form.fields}
        for _ in range(2):  # one to spoil, one that must still go
            submit_application(store, catalog(), calendar(), ecfg.terminal_id,
                               ecfg.region_code, Application(longest_applicant(),
                                                             (item.code,), values=values),
                               today=TODAY)
        first = store.next_due(1e12)
        assert first is not None
        store.db.table("outbox").update(first.id, {"payload": store.key.encrypt_json(
            _over(first.payload, path, value), f"outbox:{first.idempotency_key}")})
        result = OutboxWorker(store, client_for(ecfg), max_attempts=1,
                              clock=lambda: 1e12).drain()
        assert (result.sent, result.parked) == (1, 1)
        error = store.outbox_rows()[0]["last_error"]
    finally:
        store.close()
    assert "422" in error and "invalid_request" in error and named in error, error
    for secret in ("王" * 10, "址" * 10, "字" * 10):  # the value is never echoed
        assert secret not in error
    assert len(submissions(platform)) == 1
