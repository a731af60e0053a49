"""维护信息: what a technician needs to see at the terminal, in plain Chinese.

A village terminal has no keyboard and often no one who can read a log file. When sync
stops, the technician who drives out needs to see on the touch screen itself whether the
terminal is enrolled, when it last reached the county platform, what is waiting, what is
parked, and — for a refusal by the platform — which check failed and what to do about it.

``maintenance_view`` is pure (everything it needs is passed in), so each platform refusal
code maps to its advice in a plain unit test. Only ``read_identity`` touches files. The
view holds terminal facts, counts and scrubbed error texts: never a name, an ID number or
a form answer, because nothing personal is read to build it.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from kiosk.config import Config
from kiosk.identity_keys import Enrolment, IdentityError, load_enrolment, load_signer
from kiosk.store.repository import SyncStatus
from kiosk.updates import UpdateNotice, update_problem, update_words
from sync.client import CROSSED_ACK, PLATFORM_BUSY, REDIRECTED, UNSIGNED_ANSWER, scrub
from sync.signing import SKEW_WINDOW_S, AuthFailure

PARKED_SHOWN = 3  # at most what fits on the screen; `kiosk queue` lists them all
REQUEUE_HINT = "技术人员可在终端命令行执行 kiosk requeue 重新排队"
OFFLINE_HEADLINE = "无法连接县级平台：办件已安全保存在本机，联网后自动上报"

# PlatformAuthFailed (sync/client.py) words its message "platform refused the terminal
# ({code}): {detail} — {advice}", and the outbox worker stores that text as the sync
# state's detail. The code is all we need from it.
_AUTH_REFUSAL = re.compile(r"platform refused the terminal \(([A-Za-z0-9_]*)\)")

_KIND_WORDS = {"submission": "办件", "rating": "评价"}


class Severity(StrEnum):
    OK = "ok"
    WARNING = "warning"  # sync waits (network, not tried yet); nothing is lost
    ERROR = "error"  # sync cannot work until a technician acts


# What the client's PlatformUnavailable codes mean for the technician ({provision}: the
# re-enrol command line).
_LINK_PROBLEMS: Mapping[str, tuple[Severity, str, str]] = {
    REDIRECTED: (Severity.WARNING, "网络把终端的请求转到了别处",
                 "上网卡可能欠费或要求网页登录，也可能平台地址填错：请检查 4G 卡与平台地址；"
                 "办件已安全保存在本机，没有发往别处"),
    PLATFORM_BUSY: (Severity.WARNING, "县级平台繁忙，已按平台要求暂停上报",
                    "无需处理：到时自动继续；办件已安全保存在本机"),
    UNSIGNED_ANSWER: (Severity.ERROR, "平台回执的签名核验不通过",
                      "回执可能在途中被改动或伪造（检查线路、代理），也可能平台更换了密钥："
                      "请联系县级平台运维，必要时重新登记：{provision}；"
                      "办件没有记为已上报，会自动重试"),
    CROSSED_ACK: (Severity.ERROR, "平台的回执与所报办件不符",
                  "办件没有记为已上报，终端会自动重试；反复出现请联系县级平台运维，"
                  "并提供本终端编号"),
}


# Below this the data folder is too full to trust (kiosk doctor says so too).
LOW_DISK_MB = 200
# A clock this far from the platform's is worth a technician's look, well before the
# platform refuses signatures (SKEW_WINDOW_S).
CLOCK_WARN_S = 60


@dataclass(frozen=True)
class Diagnosis:
    """The platform link in one headline, what to do, and the technical line behind it."""

    severity: Severity
    headline: str
    action: str
    detail: str = ""
    code: str = ""  # the platform's refusal code (AuthFailure value), when there is one


@dataclass(frozen=True)
class ParkedItem:
    """An outbox row the retry ceiling took out of the queue: no payload, no record id."""

    outbox_id: int
    kind: str  # 办件 / 评价 / the raw kind
    attempts: int
    last_error: str


@dataclass(frozen=True)
class IdentityState:
    """What the key folder says about enrolment; ``problem`` when its files are unusable."""

    enrolment: Enrolment | None
    signer_ready: bool
    problem: str = ""


@dataclass(frozen=True)
class MaintenanceView:
    terminal_id: str
    region_code: str
    region_name: str
    platform_url: str
    enrolled: bool
    enrolment: str  # 已登记（时间） / 未登记 / why the key files are unusable
    link: str  # 在线 / 离线 / 尚未联系过平台
    last_contact: str
    pending: int
    parked: int
    parked_items: tuple[ParkedItem, ...]
    audit_backlog: int
    catalog_version: str
    free_space: str  # of the data folder: offline, every case waits there
    clock: str  # the terminal's clock against the platform's, at the last heartbeat
    diagnosis: Diagnosis
    refreshed_at: str  # HH:MM:SS, so the technician sees 刷新 did something
    # The last camera trouble a materials screen met (issue 14), in words, and whether
    # there is one to look at.
    camera: str = "本机未记录摄像头问题"
    camera_trouble: bool = False
    # The software version running and what the last update did (issue 16).
    software: str = ""

    def texts(self) -> list[str]:
        """Every string the screen can show: what a privacy check has to look through."""
        d = self.diagnosis
        out = [self.terminal_id, self.region_code, self.region_name, self.platform_url,
               self.enrolment, self.link, self.last_contact, self.catalog_version,
               self.free_space, self.clock,
               d.headline, d.action, d.detail, d.code, self.refreshed_at,
               str(self.pending), str(self.parked), str(self.audit_backlog)]
        for p in self.parked_items:
            out += [str(p.outbox_id), p.kind, str(p.attempts), p.last_error]
        out += [self.camera, self.software]
        return out


def refusal_code(detail: str) -> str | None:
    """The platform's refusal code inside a stored sync detail, or None when the detail
    is not an auth refusal (network down, timeouts, no detail at all)."""
    m = _AUTH_REFUSAL.search(detail)
    return None if m is None else m.group(1)


def provision_command(platform_url: str) -> str:
    return f"kiosk provision --platform {platform_url} --code 一次性登记码"


def _reenrol(platform_url: str) -> str:
    return f"请向县级平台申请一次性登记码，在终端命令行执行 {provision_command(platform_url)}"


def auth_diagnosis(code: str, platform_url: str, detail: str = "") -> Diagnosis:
    """Headline and action for each way the platform refuses this terminal."""
    reenrol = _reenrol(platform_url)
    words: dict[str, tuple[str, str]] = {
        AuthFailure.CLOCK_SKEW: (
            "终端时钟与平台相差过大",
            f"请校准系统时间（启用 NTP）后等待自动重试；允许相差 {SKEW_WINDOW_S} 秒以内"),
        AuthFailure.UNKNOWN_TERMINAL: (
            "县级平台不认识本终端编号", f"请核对配置中的终端编号；{reenrol}"),
        AuthFailure.BAD_SIGNATURE: (
            "终端签名未通过平台核验",
            f"本机密钥与平台登记的不一致：请核对配置中的终端编号；{reenrol}"),
        AuthFailure.REPLAYED_NONCE: (
            "平台收到了重复的请求",
            "可能有代理或网络设备在重发数据：请检查网络线路和代理设置，之后等待自动重试"),
        AuthFailure.MISSING_HEADERS: (
            "请求没有签名：终端尚未登记", reenrol),
    }
    headline, action = words.get(code, ("县级平台拒绝了本终端", f"请核对终端编号；{reenrol}"))
    return Diagnosis(Severity.ERROR, headline, action, detail, str(code))


def diagnose(status: SyncStatus, identity: IdentityState, platform_url: str,
             free_mb: int | None = None, update: UpdateNotice | None = None) -> Diagnosis:
    """The one thing the technician should look at first."""
    first = _diagnose_link(status, identity, platform_url, free_mb)
    problem = update_problem(update) if update is not None else None
    # An update that was refused or rolled back comes after the disk and the link's own
    # errors (the terminal still serves on its old version) but before their warnings:
    # a forged bundle may be someone at work on the line.
    if problem is None or first.severity is Severity.ERROR or (
            first.severity is Severity.WARNING and not problem.error):
        return first
    return Diagnosis(Severity.ERROR if problem.error else Severity.WARNING, problem.headline,
                     problem.action, scrub(problem.detail, 500), problem.code)


def _diagnose_link(status: SyncStatus, identity: IdentityState, platform_url: str,
                   free_mb: int | None) -> Diagnosis:
    detail = scrub(status.detail, 500)
    if free_mb is not None and free_mb < LOW_DISK_MB:
        # First: with no space the terminal can neither take a case nor record an ack.
        return Diagnosis(Severity.ERROR, "终端存储空间不足",
                         f"仅剩 {free_mb} MB：请清理磁盘或联系运维；离线时办件都保存在本机，"
                         "空间用尽将无法受理新的办件", detail)
    if identity.problem:
        return Diagnosis(Severity.ERROR, "终端登记文件无法使用",
                         f"请重新登记：{provision_command(platform_url)}",
                         scrub(identity.problem, 500))
    if status.online is False and status.problem in _LINK_PROBLEMS:
        severity, headline, action = _LINK_PROBLEMS[status.problem]
        return Diagnosis(severity, headline,
                         action.format(provision=provision_command(platform_url)), detail,
                         status.problem)
    if status.online is False:
        # The stored code; the text is parsed only for a state written before it was kept.
        code = status.problem or refusal_code(detail)
        if code is not None:  # the English advice after " — " is what the action replaces
            return auth_diagnosis(code, platform_url, detail.split(" — ")[0])
    if not identity.signer_ready:
        return Diagnosis(Severity.ERROR, "终端尚未登记，无法向县级平台上报",
                         _reenrol(platform_url), detail)
    if status.online is False:
        return Diagnosis(Severity.WARNING, OFFLINE_HEADLINE,
                         "请检查网线、4G 信号或路由器；恢复后终端会自动重试", detail)
    if status.online is None:
        return Diagnosis(Severity.WARNING, "尚未联系过县级平台",
                         "终端联网后会自动同步；也可在命令行执行 kiosk sync --once 立即检查")
    if status.clock_offset_s is not None and abs(status.clock_offset_s) >= CLOCK_WARN_S:
        return Diagnosis(Severity.WARNING,
                         f"终端时钟与平台相差 {abs(status.clock_offset_s):.0f} 秒",
                         f"请校准系统时间（启用 NTP）：相差超过 {SKEW_WINDOW_S} 秒后，"
                         "平台将拒收本终端的办件")
    return Diagnosis(Severity.OK, "同步正常", "办件会自动上报到县级平台")


def _local(at: dt.datetime, now: dt.datetime) -> str:
    at, now = at.astimezone(), now.astimezone()
    day = (f"{at.month}月{at.day}日" if at.year == now.year
           else f"{at.year}年{at.month}月{at.day}日")
    return f"{day} {at:%H:%M}"


def _ago(seconds: float) -> str:
    if seconds < 60:
        return "刚刚"
    if seconds < 3600:
        return f"{int(seconds // 60)} 分钟前"
    if seconds < 86400:
        return f"{int(seconds // 3600)} 小时前"
    return f"{int(seconds // 86400)} 天前"


def last_contact_words(at: float | None, now: float) -> str:
    """A Unix time as local day and minute plus how long ago, for a screen read standing."""
    if at is None:
        return "从未联系"
    when, now_dt = dt.datetime.fromtimestamp(at, dt.UTC), dt.datetime.fromtimestamp(now, dt.UTC)
    return f"{_local(when, now_dt)}（{_ago(max(0.0, now - at))}）"


def enrolment_words(identity: IdentityState, terminal_id: str, now: float) -> str:
    e = identity.enrolment
    if identity.problem:
        return "登记文件损坏"
    if e is None:
        return "未登记"
    if e.terminal_id != terminal_id:
        return f"登记的是另一个终端编号（{e.terminal_id}）"
    if not identity.signer_ready:
        return "已登记，但密钥不可用"
    try:
        at = dt.datetime.fromisoformat(e.enrolled_at)
    except ValueError:
        return "已登记"
    if at.tzinfo is None:
        at = at.replace(tzinfo=dt.UTC)
    return f"已登记（{_local(at, dt.datetime.fromtimestamp(now, dt.UTC))}）"


def parked_items(outbox: Sequence[Mapping[str, Any]]) -> list[ParkedItem]:
    return [ParkedItem(outbox_id=int(r["id"]),
                       kind=_KIND_WORDS.get(str(r["kind"]), str(r["kind"])),
                       attempts=int(r["attempts"]),
                       last_error=scrub(str(r.get("last_error") or ""), 200))
            for r in outbox if r.get("state") == "parked"]


def clock_words(offset_s: float | None) -> str:
    if offset_s is None:
        return "尚未与平台对时"
    if abs(offset_s) < 1.5:
        return "与平台一致"
    return f"{'快' if offset_s < 0 else '慢'} {abs(offset_s):.0f} 秒"


def free_space_words(free_mb: int | None) -> str:
    if free_mb is None:
        return "—"
    return f"{free_mb / 1024:.1f} GB 可用" if free_mb >= 1024 else f"{free_mb} MB 可用"


def camera_words(event: Mapping[str, Any] | None, now: float) -> tuple[str, bool]:
    """The camera line of 维护信息 from the last ``camera.trouble`` audit event (written by
    the materials screens when the camera is missing, unplugged or black): when, and
    what to check, in the technician's Chinese; (words, is there trouble). Nothing
    personal is in that event. A terminal does not probe the camera here: opening it
    takes seconds and would hold the screen (``kiosk devices test`` does that)."""
    from devices.camera.camera import CameraStatus

    if event is None:
        return "本机未记录摄像头问题", False
    raw = event.get("detail")
    try:
        detail = json.loads(raw) if isinstance(raw, str) else dict(raw or {})
    except (ValueError, TypeError):
        detail = {}
    name = str(detail.get("status", "")) if isinstance(detail, dict) else ""
    status = CameraStatus.__members__.get(name)
    what = status.repair if status is not None else "摄像头出错：请执行 kiosk devices test 检查"
    try:
        at = dt.datetime.fromisoformat(str(event.get("at", "")))
    except ValueError:
        return f"最近一次问题：{what}", True
    if at.tzinfo is None:
        at = at.replace(tzinfo=dt.UTC)
    when = (f"{_local(at, dt.datetime.fromtimestamp(now, dt.UTC))}"
            f"（{_ago(max(0.0, now - at.timestamp()))}）")
    return f"{when}最近一次问题：{what}", True


def maintenance_view(cfg: Config, identity: IdentityState, status: SyncStatus,
                     outbox: Sequence[Mapping[str, Any]], catalog_version: str,
                     now: float, free_mb: int | None = None,
                     camera_event: Mapping[str, Any] | None = None,
                     update: UpdateNotice | None = None) -> MaintenanceView:
    """The screen's content from what the terminal already knows; no I/O (``free_mb``:
    free space of the data folder, measured by the caller; ``camera_event``: the last
    camera.trouble audit event, read by the caller; ``update``: what the update files say,
    read by the caller with ``kiosk.update_apply.read_notice``)."""
    parked = parked_items(outbox)
    camera, camera_trouble = camera_words(camera_event, now)
    link = {None: "尚未联系过平台", True: "在线", False: "离线"}[status.online]
    return MaintenanceView(
        terminal_id=cfg.terminal_id, region_code=cfg.region_code,
        region_name=cfg.region_name, platform_url=cfg.platform_url,
        enrolled=identity.signer_ready and not identity.problem,
        enrolment=enrolment_words(identity, cfg.terminal_id, now), link=link,
        last_contact=last_contact_words(status.last_contact_at, now),
        pending=status.pending, parked=status.parked,
        parked_items=tuple(parked[:PARKED_SHOWN]),
        audit_backlog=status.audit_backlog, catalog_version=catalog_version,
        free_space=free_space_words(free_mb), clock=clock_words(status.clock_offset_s),
        diagnosis=diagnose(status, identity, cfg.platform_url, free_mb, update),
        refreshed_at=f"{dt.datetime.fromtimestamp(now, dt.UTC).astimezone():%H:%M:%S}",
        camera=camera, camera_trouble=camera_trouble,
        software=update_words(update) if update is not None else "")


def read_identity(cfg: Config) -> IdentityState:
    """Reads the key folder; a damaged file becomes a problem to show, never a crash."""
    try:
        return IdentityState(load_enrolment(cfg), load_signer(cfg) is not None)
    except (IdentityError, ValueError, OSError) as exc:
        return IdentityState(None, False, str(exc))
