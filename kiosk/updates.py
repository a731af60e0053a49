"""Updates: the pure rules of when a staged release is applied, kept, or rolled back.

A village terminal is updated by nobody watching it, so every decision is a rule that can
be tested without a screen or a platform: a release is applied only when nobody is using
the terminal (the screen has been at home for a while, or is not running at all); after
the restart the new version must show its home screen *and* reach the platform with a
heartbeat before a deadline, otherwise the previous version comes back by itself; a
version that failed is remembered and never tried again. The I/O around these rules is in
``kiosk.update_apply``; the download and the signature in ``sync.updates``.

Times are Unix seconds (``time.time()``): the records are shared between processes and
survive a power cut, which a monotonic clock does not.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from enum import StrEnum

IDLE_MIN_S = 60.0  # at home this long before an update may restart the screen
MARK_FRESH_S = 15.0  # an app mark older than this: no screen is running
MARK_EVERY_S = 2.0  # how often the running screen writes its mark
HOME_SETTLE_S = 5.0  # at home this long with the front end running = home screen reached
HEALTH_DEADLINE_S = 300.0  # new version must prove itself within this after the restart


class Phase(StrEnum):
    APPLYING = "applying"  # switched and restarted; waiting for the health check
    CONFIRMED = "confirmed"  # the new version reached home and the platform
    ROLLED_BACK = "rolled_back"  # it did not in time; the previous version runs again
    REFUSED = "refused"  # the staged bundle was not installed (signature, hash, key)


@dataclass(frozen=True)
class AppMark:
    """What the running screen says about itself (``health/app.json``)."""

    version: str
    pid: int
    at: float  # when it wrote this
    started: float  # when the front end started running
    at_home: bool  # no visit in progress
    home_since: float | None  # since when at home (None while a visit runs)
    code: str = ""  # where the running kiosk package was imported from (which release)


@dataclass(frozen=True)
class BeatMark:
    """A heartbeat the platform acknowledged, by which version (``health/heartbeat.json``)."""

    version: str
    pid: int
    at: float


@dataclass(frozen=True)
class UpdateRecord:
    """The applier's state (root-owned), mirrored for 维护信息."""

    phase: Phase
    version: str  # the release this record is about
    previous: str  # the release that ran before ("" = the version the package installed)
    started_at: float
    deadline: float
    reason: str = ""  # why it was rolled back or refused, in the technician's words
    code: str = ""  # the refusal code (bad_signature, hash_mismatch, key_changed, ...)
    failed: tuple[str, ...] = ()  # releases that failed here: never tried again


def is_idle(mark: AppMark | None, now: float, idle_min_s: float = IDLE_MIN_S,
            fresh_s: float = MARK_FRESH_S) -> bool:
    """Whether restarting the screen now interrupts nobody."""
    if mark is None or now - mark.at > fresh_s:
        return True  # no screen running (crashed, out of order, stopped): nobody to interrupt
    return mark.at_home and mark.home_since is not None and now - mark.home_since >= idle_min_s


@dataclass(frozen=True)
class Health:
    home: bool
    heartbeat: bool


def health_of(version: str, since: float, app: AppMark | None, beat: BeatMark | None,
              now: float, settle_s: float = HOME_SETTLE_S,
              fresh_s: float = MARK_FRESH_S) -> Health:
    """What the new ``version`` has shown since it was switched in at ``since``: a screen
    still running at home ``settle_s`` after its front end started, and a heartbeat."""
    home = (app is not None and app.version == version and app.started >= since
            and app.at_home and now - app.at <= fresh_s and app.at - app.started >= settle_s)
    beat_ok = beat is not None and beat.version == version and beat.at >= since
    return Health(home=home, heartbeat=beat_ok)


class Verdict(StrEnum):
    WAIT = "wait"
    CONFIRM = "confirm"
    ROLL_BACK = "roll_back"


def judge(record: UpdateRecord, health: Health, now: float) -> tuple[Verdict, str]:
    """Keep, wait, or roll back an applying release; the reason names what was missing."""
    if record.phase is not Phase.APPLYING:
        raise ValueError(f"nothing is being applied (phase {record.phase})")
    if health.home and health.heartbeat:
        return Verdict.CONFIRM, ""
    if now < record.deadline:
        return Verdict.WAIT, ""
    missing = [w for ok, w in ((health.home, "主页没有出现"), (health.heartbeat,
                                                          "没有向平台发出心跳")) if not ok]
    return Verdict.ROLL_BACK, (f"新版本 {record.version} 在 "
                               f"{record.deadline - record.started_at:.0f} 秒内"
                               f"{'、'.join(missing)}")


def begin(version: str, previous: str, now: float, failed: tuple[str, ...] = (),
          deadline_s: float = HEALTH_DEADLINE_S) -> UpdateRecord:
    return UpdateRecord(Phase.APPLYING, version, previous, now, now + deadline_s,
                        failed=failed)


def confirm(record: UpdateRecord) -> UpdateRecord:
    return replace(record, phase=Phase.CONFIRMED, reason="")


def roll_back(record: UpdateRecord, reason: str) -> UpdateRecord:
    failed = record.failed if record.version in record.failed else (*record.failed,
                                                                   record.version)
    return replace(record, phase=Phase.ROLLED_BACK, reason=reason, failed=failed[-20:])


def refuse(version: str, code: str, reason: str, now: float,
           failed: tuple[str, ...] = ()) -> UpdateRecord:
    return UpdateRecord(Phase.REFUSED, version, "", now, now, reason, code, failed)


# 维护信息 ------------------------------------------------------------------------------

@dataclass(frozen=True)
class UpdateNotice:
    """What the terminal knows about updates, for the maintenance screen: the version
    running, the sync process's last look at the platform, the applier's last record."""

    running: str
    fetch_outcome: str = ""  # sync.updates.FetchOutcome.outcome
    fetch_code: str = ""
    fetch_version: str = ""
    fetch_detail: str = ""
    record: UpdateRecord | None = None


@dataclass(frozen=True)
class UpdateProblem:
    error: bool  # True: a technician must act (a forged bundle); False: it waits
    headline: str
    action: str
    detail: str
    code: str


_SIGNATURE_ACTION = ("终端没有安装它，仍在运行原版本：更新包可能在途中被改动或伪造"
                     "（检查线路、代理），也可能平台更换了签名密钥：请联系县级平台运维")


def _bundle(version: str) -> str:
    """更新包 with its version when known (a forged manifest's version is not believed)."""
    return f"更新包 {version} " if version else "更新包"


def update_problem(n: UpdateNotice) -> UpdateProblem | None:
    """The update fact a technician should see first, or None when updates are fine."""
    r = n.record
    if r is not None and r.phase is Phase.REFUSED:
        if r.code == "bad_signature":
            return UpdateProblem(True, f"{_bundle(r.version)}签名核验不通过，已拒绝安装",
                                 _SIGNATURE_ACTION, r.reason, r.code)
        if r.code == "key_changed":
            return UpdateProblem(True, "平台密钥与首次更新时记下的不一致，已拒绝安装更新",
                                 "终端仍在运行原版本：若平台确实更换了密钥，技术人员需以 root "
                                 "执行 kiosk update forget-key", r.reason, r.code)
        return UpdateProblem(True, f"{_bundle(r.version)}核验不通过，已拒绝安装",
                             "终端仍在运行原版本，会在平台发布新的更新包后自动下载", r.reason,
                             r.code)
    if n.fetch_outcome == "refused":
        if n.fetch_code == "bad_signature":
            return UpdateProblem(True, "更新包签名核验不通过，已拒绝下载", _SIGNATURE_ACTION,
                                 n.fetch_detail, n.fetch_code)
        if n.fetch_code == "no_space":
            return UpdateProblem(False, f"存储空间不足，更新 {n.fetch_version} 暂不下载",
                                 "终端仍在运行原版本：请清理磁盘；空间足够后自动下载",
                                 n.fetch_detail, n.fetch_code)
        return UpdateProblem(True, f"{_bundle(n.fetch_version)}核验不通过，已拒绝下载",
                             "终端仍在运行原版本，会在平台发布新的更新包后自动下载",
                             n.fetch_detail, n.fetch_code)
    if r is not None and r.phase is Phase.ROLLED_BACK:
        back = r.previous or "安装时的版本"
        return UpdateProblem(False, f"新版本 {r.version} 自检未通过，已自动退回 {back}",
                             "无需处理：终端照常服务，不会再装这个版本；请告知县级平台运维",
                             r.reason, "rolled_back")
    return None


def update_words(n: UpdateNotice) -> str:
    """One line for the screen: the version running and what the last update did."""
    r = n.record
    if r is None:
        return n.running
    words = {Phase.APPLYING: f"正在更新到 {r.version}", Phase.CONFIRMED: "最近一次更新已确认",
             Phase.ROLLED_BACK: f"{r.version} 已退回", Phase.REFUSED: f"{r.version} 已拒绝"}
    return f"{n.running}（{words[r.phase]}）"
