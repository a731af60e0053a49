"""Counter-only items (``self_service: counter``) are refused by the core itself, not only
by the touch flow: ``plan_application``, ``Kiosk.submit_application`` and ``kiosk submit``
file nothing, and say which item and where to go instead."""

from __future__ import annotations

import json
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from kiosk.app import Kiosk
from kiosk.applications import (
    Application,
    ApplicationInvalid,
    counter_only,
    counter_reason,
    plan_application,
)
from kiosk.catalog.model import SelfService
from kiosk.config import Config
from kiosk.flow.guide import counter_items, counter_note
from tests.kiosk.svc import TODAY, calendar, catalog, elder
from tests.kiosk.test_cli_services import env_for, run

CAT = catalog()
COUNTER = [i.code for i in CAT.items if i.self_service is SelfService.COUNTER]
NO_CERT: dict[str, object] = {"has_disability_cert": False, "wants_job": False}


def app(codes: tuple[str, ...], answers: dict[str, object] | None = None) -> Application:
    a = elder()
    return Application(applicant=a, codes=codes, answers=answers or {},
                       values={"name": a.name, "id_number": a.id_number,
                               "phone": "13800138000"})


@pytest.fixture
def kiosk(cfg: Config) -> Iterator[Kiosk]:
    k = Kiosk.open(cfg)
    yield k
    k.close()


def test_the_shipped_catalog_has_counter_items() -> None:
    assert sorted(COUNTER) == ["LOCAL-CL-0001", "LOCAL-NY-0001"]


@pytest.mark.parametrize("code", COUNTER)
def test_plan_refuses_a_counter_item_naming_it_and_where_to_go(code: str) -> None:
    item = CAT.item(code)
    p = plan_application(CAT, app((code,)), calendar(), TODAY)
    assert not p.ok and p.cases == ()
    msg = next(x.message for x in p.problems if x.field == "_items")
    assert f"「{item.name}」需要到窗口办理" in msg and item.accepting_body in msg


def test_a_counter_item_chosen_with_others_refuses_the_whole_application() -> None:
    p = plan_application(CAT, app(("LOCAL-RS-0002", "LOCAL-NY-0001")), calendar(), TODAY)
    assert not p.ok and p.cases == ()
    assert any("农村宅基地和建房" in x.message for x in p.problems)


def test_a_bundle_whose_answers_select_a_counter_item_is_refused() -> None:
    p = plan_application(CAT, app(("LOCAL-YJS-0003",), NO_CERT), calendar(), TODAY)
    assert not p.ok and p.cases == ()
    msg = " ".join(x.message for x in p.problems)
    assert "「残疾人证新办」需要到窗口办理" in msg and "残联" in msg
    # the same bundle with a certificate selects only items the terminal files
    has: dict[str, object] = {"has_disability_cert": True, "disability_grade": "g3",
                              "disability_kind": "physical", "is_dibao": False,
                              "wants_job": True}
    p = plan_application(CAT, app(("LOCAL-YJS-0003",), has), calendar(), TODAY)
    assert not any("窗口办理" in x.message for x in p.problems)


def test_the_flow_refuses_by_the_core_rule() -> None:
    bundle = CAT.bundle("LOCAL-YJS-0003")
    chosen = counter_items(CAT, bundle, NO_CERT)
    assert [i.code for i in chosen] == ["LOCAL-CL-0001"]
    assert chosen == counter_only([CAT.item(bi.code) for bi in bundle.items
                                   if bi.code in ("LOCAL-CL-0001", "LOCAL-RS-0001")])
    assert counter_note(chosen) == counter_reason(chosen) != ""
    assert counter_reason(()) == ""


@pytest.mark.parametrize("codes,answers", [(("LOCAL-NY-0001",), {}),
                                           (("LOCAL-CL-0001",), {}),
                                           (("LOCAL-YJS-0003",), NO_CERT)])
def test_kiosk_submit_application_stores_nothing(kiosk: Kiosk, codes: tuple[str, ...],
                                                 answers: dict[str, object]) -> None:
    a = app(codes, answers)
    with pytest.raises(ApplicationInvalid) as info:
        kiosk.submit_application(a)
    assert "需要到窗口办理" in str(info.value)
    assert kiosk.store.queue_depth() == 0 and kiosk.store.outbox_rows() == []
    assert kiosk.store.cases_for(a.applicant.id_number) == []


@pytest.mark.parametrize("spec", [{"items": ["LOCAL-NY-0001"]},
                                  {"bundle": "LOCAL-YJS-0003", "answers": NO_CERT}],
                         ids=["item", "bundle"])
def test_kiosk_submit_refuses_with_its_usual_code_and_files_nothing(
        tmp_path: Path, spec: dict[str, object]) -> None:
    env = env_for(tmp_path)
    a = elder()
    f = tmp_path / "case.json"
    f.write_text(json.dumps({"applicant": {"name": a.name, "id_number": a.id_number},
                             "form": {"phone": "13800138000"}, **spec}, ensure_ascii=False),
                 encoding="utf-8")
    res: subprocess.CompletedProcess[str] = run("submit", str(f), env=env)
    assert res.returncode == 2, res.stdout + res.stderr
    assert "需要到窗口办理" in res.stderr and res.stdout.strip() == ""
    status = run("status", a.id_number, env=env)
    assert status.returncode == 1 and "本机没有找到您的办件记录" in status.stdout
