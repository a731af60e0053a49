"""维护信息: each platform refusal gets its own Chinese headline and action, offline and
parked items are told plainly, and nothing personal ever reaches the screen."""

from __future__ import annotations

import dataclasses
import datetime as dt
import time
from collections.abc import Iterator

import pytest

from kiosk.app import Kiosk
from kiosk.cases import Applicant, CaseItem
from kiosk.config import Config
from kiosk.identity_keys import Enrolment, save_identity
from kiosk.maintenance import (
    OFFLINE_HEADLINE,
    IdentityState,
    MaintenanceView,
    Severity,
    last_contact_words,
    maintenance_view,
    refusal_code,
)
from kiosk.session import SessionView, Step
from kiosk.store.repository import SyncStatus
from sync.client import (
    CROSSED_ACK,
    PLATFORM_BUSY,
    REDIRECTED,
    UNSIGNED_ANSWER,
    PlatformAuthFailed,
    PlatformUnavailable,
)
from sync.signing import AuthFailure, new_private_key

URL = "https://county.example"
NOW = 1_790_000_000.0
PROVISION = f"kiosk provision --platform {URL} --code 一次性登记码"
NAME, ID_NUMBER = "张桂兰", "420102195003120026"


def enrolled(cfg: Config) -> IdentityState:
    return IdentityState(Enrolment(cfg.terminal_id, cfg.region_code, URL, "pub",
                                   "2026-10-01T02:00:00+00:00"), signer_ready=True)


def status(online: bool | None, detail: str = "", *, pending: int = 0, parked: int = 0,
           last_contact_at: float | None = None) -> SyncStatus:
    return SyncStatus(online=online, detail=detail, last_contact_at=last_contact_at,
                      pending=pending, parked=parked, audit_backlog=4)


def view_for(cfg: Config, st: SyncStatus, identity: IdentityState | None = None,
             outbox: list[dict[str, object]] | None = None) -> MaintenanceView:
    cfg = dataclasses.replace(cfg, platform_url=URL)
    return maintenance_view(cfg, identity or enrolled(cfg), st, outbox or [], "2026.11.26-1",
                            NOW)


def refused(code: str, detail: str = "details from the platform") -> str:
    """The sync state's detail exactly as the outbox worker stores an auth refusal."""
    return str(PlatformAuthFailed(code, detail))


@pytest.mark.parametrize(("code", "headline", "action_has"), [
    (AuthFailure.CLOCK_SKEW, "终端时钟与平台相差过大", "请校准系统时间（启用 NTP）后等待自动重试"),
    (AuthFailure.UNKNOWN_TERMINAL, "县级平台不认识本终端编号", PROVISION),
    (AuthFailure.BAD_SIGNATURE, "终端签名未通过平台核验", PROVISION),
    (AuthFailure.REPLAYED_NONCE, "平台收到了重复的请求", "请检查网络线路和代理设置"),
    (AuthFailure.MISSING_HEADERS, "请求没有签名：终端尚未登记", PROVISION),
])
def test_each_refusal_code_has_its_headline_and_action(
        cfg: Config, code: AuthFailure, headline: str, action_has: str) -> None:
    v = view_for(cfg, status(False, refused(code.value, "timestamp is +412 s")))
    d = v.diagnosis
    assert d.code == code.value
    assert d.severity is Severity.ERROR
    assert d.headline == headline
    assert action_has in d.action
    # The technical line keeps what the platform said, without the English advice that the
    # Chinese action replaces.
    assert d.detail == f"platform refused the terminal ({code.value}): timestamp is +412 s"
    assert v.link == "离线"


def test_every_auth_failure_code_is_covered_by_its_own_words(cfg: Config) -> None:
    headlines = {view_for(cfg, status(False, refused(c.value))).diagnosis.headline
                 for c in AuthFailure}
    assert len(headlines) == len(AuthFailure)
    assert "县级平台拒绝了本终端" not in headlines  # the fallback is for unknown codes only


def test_refusal_code_is_read_from_the_stored_detail() -> None:
    assert refusal_code(refused("clock_skew")) == "clock_skew"
    assert refusal_code("GET /api/v1/health: ConnectionError") is None
    assert refusal_code("") is None


def test_an_unknown_refusal_code_still_says_refused_and_how_to_re_enrol(cfg: Config) -> None:
    d = view_for(cfg, status(False, refused("unauthorised"))).diagnosis
    assert d.headline == "县级平台拒绝了本终端"
    assert PROVISION in d.action
    assert d.code == "unauthorised"


def test_offline_without_refusal_says_cases_are_safe_and_keeps_the_technical_line(
        cfg: Config) -> None:
    v = view_for(cfg, status(False, "POST /api/v1/submissions: ConnectionError", pending=3,
                             last_contact_at=NOW - 3 * 3600))
    assert v.diagnosis.headline == OFFLINE_HEADLINE
    assert v.diagnosis.severity is Severity.WARNING
    assert v.diagnosis.detail == "POST /api/v1/submissions: ConnectionError"
    assert v.diagnosis.code == ""
    assert v.pending == 3
    assert v.last_contact.endswith("（3 小时前）")


@pytest.mark.parametrize(("problem", "severity", "headline_has", "action_has"), [
    (REDIRECTED, Severity.WARNING, "转到了别处", ["欠费", "平台地址", "没有发往别处"]),
    (PLATFORM_BUSY, Severity.WARNING, "繁忙", ["无需处理"]),
    (UNSIGNED_ANSWER, Severity.ERROR, "签名", [PROVISION, "没有记为已上报"]),
    (CROSSED_ACK, Severity.ERROR, "回执", ["联系县级平台", "没有记为已上报"]),
])
def test_each_link_problem_has_its_own_words_not_check_the_network(
        cfg: Config, problem: str, severity: Severity, headline_has: str,
        action_has: list[str]) -> None:
    detail = str(PlatformUnavailable("POST /submissions/inline: what the client said", problem))
    v = view_for(cfg, dataclasses.replace(status(False, detail, pending=2), problem=problem))
    d = v.diagnosis
    assert (d.severity, d.code, d.detail) == (severity, problem, detail)
    assert headline_has in d.headline and d.headline != OFFLINE_HEADLINE
    assert all(words in d.action for words in action_has)
    assert "4G 信号" not in d.action  # the generic offline advice would mislead


def test_healthy_never_tried_and_not_enrolled(cfg: Config) -> None:
    ok = view_for(cfg, status(True, last_contact_at=NOW - 95))
    assert (ok.diagnosis.severity, ok.diagnosis.headline) == (Severity.OK, "同步正常")
    assert ok.link == "在线" and ok.enrolled
    assert ok.enrolment.startswith("已登记（") and ok.audit_backlog == 4
    assert ok.catalog_version == "2026.11.26-1"

    never = view_for(cfg, status(None))
    assert never.diagnosis.severity is Severity.WARNING
    assert (never.link, never.last_contact) == ("尚未联系过平台", "从未联系")

    bare = view_for(cfg, status(None), IdentityState(None, signer_ready=False))
    assert not bare.enrolled and bare.enrolment == "未登记"
    assert bare.diagnosis.severity is Severity.ERROR
    assert PROVISION in bare.diagnosis.action

    damaged = view_for(cfg, status(True), IdentityState(None, False, "enrolment.json is damaged"))
    assert damaged.diagnosis.headline == "终端登记文件无法使用"
    assert damaged.enrolment == "登记文件损坏" and not damaged.enrolled


def test_last_contact_is_local_time_with_how_long_ago() -> None:
    at = NOW - 125
    local = dt.datetime.fromtimestamp(at).astimezone()
    assert last_contact_words(at, NOW) == (f"{local.month}月{local.day}日 {local:%H:%M}"
                                           "（2 分钟前）")
    assert last_contact_words(None, NOW) == "从未联系"


def test_parked_items_are_listed_with_id_kind_attempts_and_scrubbed_error(
        cfg: Config) -> None:
    rows: list[dict[str, object]] = [
        {"id": 3, "kind": "submission", "state": "sent", "attempts": 1, "last_error": None},
        {"id": 7, "kind": "submission", "state": "parked", "attempts": 8,
         "last_error": f"POST /api/v1/submissions: HTTP 422 invalid_request: {ID_NUMBER}"},
        {"id": 9, "kind": "rating", "state": "parked", "attempts": 8, "last_error": "x"},
        {"id": 11, "kind": "submission", "state": "pending", "attempts": 2,
         "last_error": "timeout"},
    ]
    v = view_for(cfg, status(True, parked=2, pending=1), outbox=rows)
    assert v.parked == 2
    assert [(p.outbox_id, p.kind, p.attempts) for p in v.parked_items] == [
        (7, "办件", 8), (9, "评价", 8)]
    assert v.parked_items[0].last_error.startswith("POST /api/v1/submissions: HTTP 422")
    assert ID_NUMBER not in v.parked_items[0].last_error


# Through the real Kiosk: store, key folder, session ---------------------------------------


@pytest.fixture
def kiosk(cfg: Config) -> Iterator[Kiosk]:
    k = Kiosk.open(cfg)
    yield k
    k.close()


def test_no_personal_data_anywhere_in_the_view(kiosk: Kiosk) -> None:
    applicant = Applicant(name=NAME, id_number=ID_NUMBER, sex="2", nation_code="01",
                          birth_date="1950-03-12", address="湖北省武汉市江岸区示范社区3号")
    case = kiosk.store.create_case(terminal_id=kiosk.config.terminal_id,
                                   region_code=kiosk.config.region_code, applicant=applicant,
                                   items=[CaseItem("HB-YL-0001", "城乡居民基本养老保险参保登记")],
                                   form={"phone": "13800138000"})
    kiosk.store.submit_case(case.id)
    item = kiosk.store.next_due(now=time.time() + 1)
    assert item is not None
    # A careless platform echoing the applicant back; the row is parked by the ceiling.
    kiosk.store.mark_failed(item, f"HTTP 422 invalid_request: {ID_NUMBER} 13800138000",
                            retry_at=0, park=True)
    kiosk.store.record_sync_state(False, refused("clock_skew", f"nonce {ID_NUMBER}"),
                                  time.time())

    v = kiosk.maintenance_view()

    assert [p.outbox_id for p in v.parked_items] == [item.id]
    assert v.diagnosis.headline == "终端时钟与平台相差过大"
    text = "\n".join(v.texts())
    for secret in (NAME, ID_NUMBER, "19500312", "13800138000", "示范社区3号", case.id):
        assert secret not in text, secret
    assert NAME[0] + "*" not in text  # not even the masked name


def test_enrolment_is_read_from_the_key_folder(kiosk: Kiosk) -> None:
    assert not kiosk.maintenance_view().enrolled
    cfg = kiosk.config
    save_identity(cfg, new_private_key(), Enrolment(cfg.terminal_id, cfg.region_code,
                                                    cfg.platform_url, "pub",
                                                    "2026-10-01T02:00:00+00:00"))
    v = kiosk.maintenance_view()
    assert v.enrolled
    local = dt.datetime(2026, 10, 1, 2, tzinfo=dt.UTC).astimezone()
    assert f"{local.month}月{local.day}日" in v.enrolment


def test_open_refresh_and_close_follow_the_other_steps(kiosk: Kiosk) -> None:
    kiosk.start_visit()  # a visit in progress is ended by opening the screen
    kiosk.open_maintenance()
    view = kiosk.session.view
    assert view.step is Step.MAINTENANCE
    assert view.maintenance is not None and view.maintenance.link == "尚未联系过平台"
    assert view.items == [] and kiosk.session.applicant is None

    kiosk.store.record_sync_state(True, "", time.time())
    kiosk.refresh_maintenance()
    assert kiosk.session.view.maintenance is not None
    assert kiosk.session.view.maintenance.link == "在线"

    kiosk.close_maintenance()
    assert kiosk.session.view == SessionView()

    kiosk.open_maintenance()
    kiosk.idle_timeout()  # the idle clock ends this screen like any other
    assert kiosk.session.view.step is Step.HOME


def test_a_nearly_full_disk_comes_first_and_says_how_much_is_left(cfg: Config) -> None:
    refused = SyncStatus(False, "platform refused the terminal (clock_skew): x", None, 3, 0,
                         0, "clock_skew")
    v = maintenance_view(cfg, enrolled(cfg), refused, [], "", time.time(), free_mb=120)
    assert v.diagnosis.headline == "终端存储空间不足"
    assert "120 MB" in v.diagnosis.action and v.free_space == "120 MB 可用"
    roomy = maintenance_view(cfg, enrolled(cfg), refused, [], "", time.time(), free_mb=48_700)
    assert roomy.diagnosis.headline == "终端时钟与平台相差过大"
    assert roomy.free_space == "47.6 GB 可用"


def test_the_live_view_measures_the_data_folder(kiosk: Kiosk) -> None:
    assert kiosk.maintenance_view().free_space.endswith(" 可用")


def test_a_drifting_clock_is_shown_and_warned_of_before_the_platform_refuses(
        cfg: Config) -> None:
    def view(offset: float | None) -> MaintenanceView:
        st = SyncStatus(True, "", time.time(), 0, 0, 0, clock_offset_s=offset)
        return maintenance_view(cfg, enrolled(cfg), st, [], "", time.time())

    assert view(None).clock == "尚未与平台对时"
    assert view(0.7).clock == "与平台一致" and view(0.7).diagnosis.headline == "同步正常"
    slow = view(95.0)  # the platform is 95 s ahead: this terminal's clock is slow
    assert slow.clock == "慢 95 秒"
    assert slow.diagnosis.headline == "终端时钟与平台相差 95 秒"
    assert "NTP" in slow.diagnosis.action and "300" in slow.diagnosis.action
    assert view(-130.0).clock == "快 130 秒"
