"""办件查询: a resident's cases, newest first, in plain words.

Looked up by the receipt's QR (or the number printed under it) or by the ID card. Local
cases are the truth for what the terminal did; the platform is asked for what happened
after, and when it cannot be reached the answer says so instead of failing.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from kiosk.cases import STATUS_WORDS, Case, CaseStatus
from kiosk.catalog.model import Catalog
from kiosk.i18n import QT_TRANSLATE_NOOP, arg
from kiosk.identity import id_number_problem, mask_id_number, mask_name, normalize_id_number
from kiosk.materials import MaterialStatus
from kiosk.store import Correction, Store
from sync.client import BAD_ANSWER, PlatformClient, PlatformError

_NUMBER = re.compile(r"^[0-9A-Za-z][0-9A-Za-z-]{5,63}$")
OFFLINE_NOTE = "暂时连不上县里的政务服务平台，下面是本机的记录"
BAD_ANSWER_NOTE = "县里的政务服务平台这次的回答有误，没有采用；下面是本机的记录"
OWED_WORDS = "请补交（容缺受理时说好的材料）"


@dataclass(frozen=True)
class Missing:
    """One entry of the one complete 补正 list (一次性告知)."""

    name: str
    what_to_do: str  # why, and how many originals / copies
    due: str | None  # ISO date it is owed by, or None
    due_estimated: bool
    from_platform: bool  # False: a 容缺 material this terminal recorded as owed


def _counts(originals: int, copies: int) -> str:
    parts = ([f"原件{originals}份"] if originals else []) + ([f"复印件{copies}份"] if copies
                                                             else [])
    return "、".join(parts)


def missing_list(case: Case, correction: Correction | None,
                 catalog: Catalog | None = None) -> list[Missing]:
    """What a case in 补正 still lacks, as ONE list: the platform's list first (it is the
    authority on what the office wants), then each 容缺 material owed by this case that the
    platform did not name (the resident promised it at the terminal; the office may not
    list it again, but it is still owed). Without a platform list (a 1.4 platform), the
    terminal's own knowledge: owed 容缺 materials and the originals to show at the counter."""
    names = {m.ref: m.name for m in case.materials}
    out: list[Missing] = []
    named: set[str] = set()
    if correction is not None:
        due = correction.correct_by.isoformat() if correction.correct_by else None
        for p in correction.missing:
            mid = p.material_id
            known = catalog.materials.get(mid) if catalog is not None and mid else None
            name = (p.name.strip() or (names.get(mid, "") if mid else "")
                    or (known.name if known else "") or f"材料 {mid}")
            how = "，".join(t for t in (p.reason.strip(), _counts(p.originals, p.copies)) if t)
            out.append(Missing(name, how or "请补交", due, False, True))
            named.update(t for t in (mid, name) if t)
    for m in case.materials:
        if m.status is MaterialStatus.DEFERRED and m.ref not in named and m.name not in named:
            out.append(Missing(m.name, OWED_WORDS, m.due, m.due_estimated, False))
        elif m.status is MaterialStatus.ON_SITE and correction is None:
            out.append(Missing(m.name, "请携带原件到窗口核验", None, False, False))
    return out


@dataclass(frozen=True)
class StatusLine:
    number: str
    bundle_no: str | None
    items: tuple[str, ...]
    status: str  # in plain words
    detail: str  # what to do or expect next
    created_at: str
    masked_name: str
    masked_id: str
    missing: tuple[str, ...] = ()  # 补正: the one complete list, one numbered line each


@dataclass(frozen=True)
class StatusAnswer:
    lines: tuple[StatusLine, ...]
    online: bool
    note: str  # for the resident; empty when all is well


def number_from_payload(text: str) -> str | None:
    """The case number in a receipt QR (``…/q/<no>``) or typed on its own; None if neither."""
    t = text.strip()
    if "/" in t:
        t = t.rstrip("/").rsplit("/", 1)[-1].split("?", 1)[0]
    return t if _NUMBER.match(t) else None


def _date(iso: str) -> str:
    d = dt.date.fromisoformat(iso)
    return arg(QT_TRANSLATE_NOOP("kiosk", "%1年%2月%3日"), d.year, d.month, d.day)


def _words(store: Store, case: Case) -> tuple[str, str]:
    remote, _ = store.remote_status(case.id)
    known = {s.value for s in CaseStatus}
    status = STATUS_WORDS[case.status]
    if remote and remote not in known:
        status = f"{status}（平台：{remote}）"
    if case.status is CaseStatus.SUBMITTED:
        detail = QT_TRANSLATE_NOOP("kiosk", "已在本机保存，联网后自动上传，不用再跑一趟")
    elif case.status is CaseStatus.NEEDS_CORRECTION:
        n = len(missing_list(case, store.correction(case.id)))
        detail = arg(QT_TRANSLATE_NOOP("kiosk", "还需要补正%1项材料（见下面的清单，一次性告知），"
                                                "请带上回执到便民服务中心，或拨打12345询问"), n) \
            if n else QT_TRANSLATE_NOOP("kiosk", "需要补正材料，请带上回执到便民服务中心，"
                                                 "或拨打12345询问")
    elif case.status is CaseStatus.FINISHED:
        detail = QT_TRANSLATE_NOOP("kiosk", "已经办好了")
    elif case.status is CaseStatus.REFUSED:
        detail = QT_TRANSLATE_NOOP("kiosk", "没有受理，原因会通过短信或电话告知，也可拨打12345询问")
    elif case.promised_by:
        detail = arg(QT_TRANSLATE_NOOP("kiosk", "承诺%1前办结"), _date(case.promised_by))
    else:
        detail = ""
    owed = [m for m in case.materials if m.status is MaterialStatus.DEFERRED and m.due]
    if owed and case.status not in (CaseStatus.FINISHED, CaseStatus.REFUSED,
                                    CaseStatus.NEEDS_CORRECTION):  # there: in the list
        detail += ("；" if detail else "") + "；".join(
            f"{m.name}请在{_date(m.due)}前补交" for m in owed if m.due)
    return status, detail


def missing_lines(store: Store, case: Case) -> tuple[str, ...]:
    """The 补正 list of a case in 补正, one numbered line per entry (screen and paper)."""
    if case.status is not CaseStatus.NEEDS_CORRECTION:
        return ()
    return tuple(
        f"{n}. {m.name}：{m.what_to_do}" + (f"，{_date(m.due)}前" if m.due else "")
        for n, m in enumerate(missing_list(case, store.correction(case.id)), 1))


def _refresh(store: Store, client: PlatformClient | None, cases: list[Case]) -> str | None:
    """None when the platform answered; else the note that says why the screen shows only
    the local record (offline, or an answer that was not the contract's)."""
    nos = [c.platform_no for c in cases if c.platform_no]
    if client is None:
        return OFFLINE_NOTE
    if not nos:  # nothing to ask about; still tell the resident whether uploads can go
        return None if client.health() else OFFLINE_NOTE
    try:
        store.apply_statuses(client.statuses(nos))
    except PlatformError as exc:  # nothing applied: the last known statuses stay
        return BAD_ANSWER_NOTE if exc.code == BAD_ANSWER else OFFLINE_NOTE
    return None


def _answer(store: Store, client: PlatformClient | None, cases: list[Case]) -> StatusAnswer:
    trouble = _refresh(store, client, cases)
    online = trouble is None
    fresh = [store.with_details(store.get_case(c.id)) for c in cases]
    fresh.sort(key=lambda c: c.created_at, reverse=True)
    lines = []
    for c in fresh:
        status, detail = _words(store, c)
        lines.append(StatusLine(c.display_no, c.bundle_no, tuple(i.name for i in c.items),
                                status, detail, c.created_at, mask_name(c.applicant.name),
                                mask_id_number(c.applicant.id_number),
                                missing_lines(store, c)))
    note = trouble or ""
    if not fresh:
        note = QT_TRANSLATE_NOOP("kiosk", "本机没有找到您的办件记录")
    return StatusAnswer(tuple(lines), online, note)


_LOCAL_DIGITS = re.compile(r"^(\d{8})(\d{4,5})$")


def local_numbers(typed: str, terminal_id: str) -> tuple[str, ...]:
    """The provisional numbers of this terminal that digits alone can mean.

    Until the platform gives its 办件编号 (all digits), a receipt carries the terminal's
    own number, ``HB-JA-0007-20261204-00002`` (a bundle ``HB-JA-0007-YJS-20261204-0001``).
    The digit pad has no letters, so the resident types only the digits after the terminal
    id (``2026120400002``): the terminal knows its own id and puts the letters back."""
    m = _LOCAL_DIGITS.match(typed)
    if m is None or not terminal_id:
        return ()
    day, seq = m.groups()
    return (f"{terminal_id}-{day}-{seq}",) if len(seq) == 5 else (
        f"{terminal_id}-YJS-{day}-{seq}",)


def by_number(store: Store, client: PlatformClient | None, payload: str,
              terminal_id: str = "") -> StatusAnswer:
    """From a scanned QR or typed number; a bundle number shows all its cases. Digits that
    are not a platform number may be this terminal's provisional one (``local_numbers``)."""
    number = number_from_payload(payload)
    if number is None:
        return StatusAnswer((), True, QT_TRANSLATE_NOOP("kiosk", "没有识别出办件编号，"
                                                               "请把回执上的二维码对准扫码口"))
    case = store.find_case(number)
    if case is None and not store.bundle_case_ids(number):
        for local in local_numbers(number, terminal_id):
            if store.find_case(local) is not None or store.bundle_case_ids(local):
                number = local
                case = store.find_case(local)
                break
    cases = [case] if case else [store.get_case(i) for i in store.bundle_case_ids(number)]
    if case is not None and case.bundle_no is None:
        case = store.with_details(case)
    if case is not None:
        bundle = store.with_details(case).bundle_no
        if bundle:
            cases = [store.get_case(i) for i in store.bundle_case_ids(bundle)]
    return _answer(store, client, cases)


def by_id_number(store: Store, client: PlatformClient | None, id_number: str) -> StatusAnswer:
    """All of a resident's cases on this terminal (the card was read, so it is them).

    The number is looked up in the spelling the store keys its hash on, whatever the card
    kind: a 永久居留证 number typed in small letters finds the cases its card made."""
    return _answer(store, client, store.cases_for(normalize_id_number(id_number)))


def id_number_query(text: str) -> str | None:
    """The identity number in a typed query — of any card kind the reader accepts, the
    15-character 永久居留证 included — or None when the text is something else (a case
    number, a QR payload)."""
    n = normalize_id_number(text)
    return n if len(n) in (15, 18) and id_number_problem(n) is None else None
