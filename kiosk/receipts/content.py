"""What a 受理回执 says, independent of paper size.

Only masked identity ever reaches paper (receipts get left on counters). Materials are
listed by what happened to them, so a resident sees at a glance what is still owed and by
when; dates are promises computed from the holiday calendar, marked 预计 where the
calendar ran out.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from kiosk.cases import STATUS_WORDS, Case
from kiosk.identity import id_label, mask_id_number, mask_name
from kiosk.materials import HANDED_IN, MaterialStatus
from kiosk.materials import STATUS_WORDS as MATERIAL_WORDS
from kiosk.receipts.pdf import Line


@dataclass(frozen=True)
class ReceiptContext:
    terminal_id: str
    region_name: str
    query_url: str  # with "{no}" where the case number goes
    hotline: str = "12345"


def query_payload(ctx: ReceiptContext, case: Case) -> str:
    return ctx.query_url.format(no=case.display_no)


def _date_words(iso: str, estimated: bool) -> str:
    d = dt.date.fromisoformat(iso)
    return f"{d.year}年{d.month}月{d.day}日" + ("（预计）" if estimated else "")


def receipt_lines(case: Case, ctx: ReceiptContext, printed_at: dt.datetime,
                  siblings: Sequence[Case] = ()) -> list[Line]:
    out: list[Line] = []
    out.append(Line("办件编号：" if case.platform_no else "临时编号（联网后更新为办件编号）："))
    out.append(Line(case.display_no, 10.5, bold=True, keep=True))
    if case.bundle_no:
        out.append(Line("“一件事”编号："))
        out.append(Line(case.bundle_no, 10, keep=True))
    out.append(Line("办理事项：", rule_before=True))
    out += [Line(f"{i}. {item.name}") for i, item in enumerate(case.items, start=1)]
    others = [s for s in siblings if s.id != case.id]
    if others:
        out.append(Line("同一件事的其他事项："))
        for s in others:
            out.append(Line(f"· {'、'.join(it.name for it in s.items)}"))
            out.append(Line(f"  {s.display_no}", 8.5, keep=True))
    out.append(Line(f"申请人：{mask_name(case.applicant.name)}"))
    out.append(Line(f"{id_label(case.applicant.card_kind)}："
                    f"{mask_id_number(case.applicant.id_number)}"))
    if case.subject is not None:  # filed by the applicant for someone else (a newborn)
        who = f"办理对象（{case.subject.relation}）" if case.subject.relation else "办理对象"
        number = f"（{mask_id_number(case.subject.id_number)}）" if case.subject.id_number \
            else ""
        out.append(Line(f"{who}：{mask_name(case.subject.name)}{number}"))
    if case.agent is not None:
        out.append(Line(f"代办人：{mask_name(case.agent.name)}"
                        f"（{mask_id_number(case.agent.id_number)}）"))
    out.append(Line(f"状态：{STATUS_WORDS[case.status]}"))
    handed = [m for m in case.materials if m.status in HANDED_IN]
    owed = [m for m in case.materials if m.status is MaterialStatus.DEFERRED]
    bring = [m for m in case.materials if m.status is MaterialStatus.ON_SITE]
    if handed:
        out.append(Line("已提交材料：", rule_before=True))
        out += [Line(f"· {m.name}（{MATERIAL_WORDS[m.status]}）", 8.5) for m in handed]
    if owed:
        out.append(Line("容缺受理，请按期补交：", bold=True))
        out += [Line(f"· {m.name}：{_date_words(m.due, m.due_estimated)}前补交", 8.5)
                for m in owed if m.due]
    if bring:
        out.append(Line("请携带原件到窗口或交村（社区）协办员核验："))
        out += [Line(f"· {m.name}", 8.5) for m in bring]
    if case.commitments:
        out.append(Line("已签署告知承诺：" + "、".join(c.title for c in case.commitments)))
    if case.promised_by:
        out.append(Line(f"承诺办结日期：{_date_words(case.promised_by, case.promised_estimated)}"
                        "前（按工作日计，公示等时间不计入）", rule_before=True))
    out.append(Line(f"受理地点：{ctx.region_name}"))
    out.append(Line(f"终端编号：{case.terminal_id}"))
    out.append(Line(f"打印时间：{printed_at:%Y-%m-%d %H:%M}"))
    return out


def footer_lines(ctx: ReceiptContext) -> list[Line]:
    return [Line("扫码或在自助终端“办件查询”查看进度", 8, centred=True),
            Line(f"政务服务便民热线：{ctx.hotline}", 8, centred=True)]
