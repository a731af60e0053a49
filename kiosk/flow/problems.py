"""Every failure a resident can meet, as a problem state in plain words.

A screen is never silent: each domain error maps here to a title, what happened (without
any personal value), the next thing to do and where 再试一次 goes. The mapping is a pure
function of the exception (and the step it happened on), so each one is tested directly.
"""

from __future__ import annotations

import errno
import sqlite3
from dataclasses import dataclass
from typing import TYPE_CHECKING

from kiosk.flow.steps import FLOW, Step
from kiosk.i18n import QT_TRANSLATE_NOOP

if TYPE_CHECKING:
    from devices.idcard import CardError, ReaderError

# The exception classes are imported where they are matched (problem_for): the flow's
# records load on the terminal's start path, the services behind them only when used.

HELP = QT_TRANSLATE_NOOP("kiosk", "如需帮助，请联系工作人员或拨打12345")


@dataclass(frozen=True)
class Problem:
    """What the PROBLEM screen (or a banner on the current screen) shows."""

    kind: str  # stable word for programs and tests: "application_invalid", "disk_full" …
    title: str
    words: str  # what happened, plain words, never a personal value
    next_action: str  # the next thing to do
    retry: Step | None  # where 再试一次 goes; None: only 返回首页
    retry_label: str = QT_TRANSLATE_NOOP("kiosk", "再试一次")
    details: tuple[str, ...] = ()  # e.g. each thing to fix of an ApplicationInvalid
    fields: tuple[str, ...] = ()  # the field / question ids behind ``details`` (修改 links)
    kept: bool = False  # True when what the resident did is saved (no need to start over)


def _disk_full(exc: BaseException) -> bool:
    seen: BaseException | None = exc
    while seen is not None:
        if isinstance(seen, OSError) and seen.errno == errno.ENOSPC:
            return True
        if isinstance(seen, sqlite3.OperationalError) and "full" in str(seen).lower():
            return True
        if "disk is full" in str(seen) or "database or disk is full" in str(seen):
            return True
        seen = seen.__cause__ or seen.__context__
    return False


def _again(step: Step) -> Step | None:
    """再试一次 returns to the step that failed, when the problem screen may go there."""
    return step if step in FLOW[Step.PROBLEM].next else None


def problem_for(exc: BaseException, step: Step) -> Problem:
    """The problem state for ``exc`` raised while acting on ``step``."""
    from devices.camera.camera import CameraError
    from devices.printer.printer import (
        PrinterError,
        PrinterJammed,
        PrinterOfflineError,
        PrinterOutOfPaper,
    )
    from kiosk.applications import ApplicationInvalid
    from kiosk.catalog import CatalogError
    from kiosk.ratings import RatingInvalid
    from kiosk.store import StoreError
    from sync.client import PlatformError

    if isinstance(exc, ApplicationInvalid):
        return Problem(
            "application_invalid", QT_TRANSLATE_NOOP("kiosk", "还有内容需要修改"),
            QT_TRANSLATE_NOOP("kiosk", "提交前发现有内容需要修改，您填写的内容都还在。"),
            QT_TRANSLATE_NOOP("kiosk", "请按下面的提示逐项修改，改好后再提交。"),
            Step.CHECK_ANSWERS,
            QT_TRANSLATE_NOOP("kiosk", "去修改"),
            details=tuple(p.message for p in exc.problems),
            fields=tuple(p.field for p in exc.problems), kept=True)
    if isinstance(exc, RatingInvalid):
        return Problem("rating_invalid", QT_TRANSLATE_NOOP("kiosk", "评价还差一点"),
                       "；".join(exc.problems),
                       QT_TRANSLATE_NOOP("kiosk", "请补充后再提交，也可以不评价直接离开。"),
                       Step.RATE, QT_TRANSLATE_NOOP("kiosk", "返回评价"),
                       details=tuple(exc.problems), kept=True)
    if isinstance(exc, PrinterOutOfPaper):
        return Problem("printer_out_of_paper", QT_TRANSLATE_NOOP("kiosk", "打印机没有纸了"),
                       QT_TRANSLATE_NOOP("kiosk", "办件已经保存好了，只是回执没有打印出来。"),
                       QT_TRANSLATE_NOOP("kiosk", "请记下或拍下屏幕上的办件编号，凭编号随时查询；"
                                  "工作人员加纸后可在“办件查询”里补打回执。"),
                       Step.DONE, QT_TRANSLATE_NOOP("kiosk", "再打印一次"), kept=True)
    if isinstance(exc, PrinterJammed):
        return Problem("printer_jammed", QT_TRANSLATE_NOOP("kiosk", "打印机卡纸了"),
                       QT_TRANSLATE_NOOP("kiosk", "办件已经保存好了，只是回执没有打印出来。"),
                       QT_TRANSLATE_NOOP("kiosk", "请记下屏幕上的办件编号，并告诉工作人员处理卡纸；"
                                  "之后可在“办件查询”里补打。"),
                       Step.DONE, QT_TRANSLATE_NOOP("kiosk", "再打印一次"), kept=True)
    if isinstance(exc, PrinterOfflineError | PrinterError):
        return Problem("printer_unavailable", QT_TRANSLATE_NOOP("kiosk", "打印机暂时不能用"),
                       QT_TRANSLATE_NOOP("kiosk", "办件已经保存好了，只是回执没有打印出来。"),
                       QT_TRANSLATE_NOOP("kiosk", "请记下屏幕上的办件编号，凭编号随时查询；"
                                  "也可以请工作人员补打回执。"),
                       Step.DONE, QT_TRANSLATE_NOOP("kiosk", "再打印一次"), kept=True)
    if isinstance(exc, CameraError):
        return Problem("camera_unavailable", QT_TRANSLATE_NOOP("kiosk", "摄像头暂时不能用"),
                       exc.resident_message,
                       QT_TRANSLATE_NOOP("kiosk", "可以稍后再试，或带上材料原件到窗口办理。"),
                       Step.PHOTO, kept=True)
    if isinstance(exc, StoreError | OSError) and _disk_full(exc):
        return Problem("disk_full", QT_TRANSLATE_NOOP("kiosk", "本机存储空间已满"),
                       QT_TRANSLATE_NOOP("kiosk", "这台终端暂时不能保存新的办件，"
                                                  "您这次填写的内容没有提交。"),
                       QT_TRANSLATE_NOOP("kiosk", "请联系工作人员清理终端，"
                                                  "或到便民服务中心窗口办理。"
                                                  "如需帮助，请联系工作人员或拨打12345"),
                       step if step in (Step.CHECK_ANSWERS, Step.RATE) else None)
    if isinstance(exc, StoreError):
        return Problem("store_unavailable", QT_TRANSLATE_NOOP("kiosk", "本机暂时无法保存"),
                       QT_TRANSLATE_NOOP("kiosk", "这台终端暂时不能保存，您这次的内容没有提交。"),
                       QT_TRANSLATE_NOOP("kiosk", "请稍等片刻再试一次；"
                                                  "如果还不行，请联系工作人员。"),
                       _again(step))
    if isinstance(exc, CatalogError | KeyError):
        return Problem("catalog_unavailable", QT_TRANSLATE_NOOP("kiosk", "没有找到这个办事事项"),
                       QT_TRANSLATE_NOOP("kiosk", "本终端的事项目录里暂时没有这个事项，"
                                                  "可能目录正在更新。"),
                       QT_TRANSLATE_NOOP("kiosk", "请回到“我要办事”重新选择，"
                                                  "或到便民服务中心窗口咨询。"),
                       Step.FIND_SERVICE, QT_TRANSLATE_NOOP("kiosk", "重新选择"))
    if isinstance(exc, PlatformError):
        return Problem("platform_unreachable",
                       QT_TRANSLATE_NOOP("kiosk", "暂时连不上县里的政务服务平台"),
                       QT_TRANSLATE_NOOP("kiosk", "网络或平台暂时不通，只能显示本机保存的记录。"),
                       QT_TRANSLATE_NOOP("kiosk", "可以稍后再查，或拨打12345询问办理进度。"),
                       Step.QUERY_NUMBER)
    return Problem("unexpected", QT_TRANSLATE_NOOP("kiosk", "出了点问题"),
                   QT_TRANSLATE_NOOP("kiosk", "终端遇到了一个没有预料到的问题。"),
                   QT_TRANSLATE_NOOP("kiosk", "请再试一次；如果还不行，请联系工作人员。"
                              "如需帮助，请联系工作人员或拨打12345"), _again(step))


def card_problem(status: CardError | ReaderError) -> Problem:
    """A card that could not be read is a banner on the card screen, which keeps polling."""
    from devices.idcard import ReaderError

    if isinstance(status, ReaderError):
        return Problem("reader_unavailable", QT_TRANSLATE_NOOP("kiosk", "读卡器暂时不能用"),
                       status.resident_message,
                       QT_TRANSLATE_NOOP("kiosk", "请联系工作人员检查读卡器，"
                                                  "或到便民服务中心窗口办理。"), None)
    return Problem("card_unreadable", QT_TRANSLATE_NOOP("kiosk", "没有读出身份证"),
                   status.resident_message,
                   QT_TRANSLATE_NOOP("kiosk", "请把身份证取下来，平放在读卡区，等“嘀”声后再拿开。"),
                   Step.INSERT_CARD)


def card_refused(reason: str) -> Problem:
    """A card read fine but cannot start a case (expired, bad number …)."""
    return Problem("card_refused", QT_TRANSLATE_NOOP("kiosk", "这张证件不能办理"), reason,
                   QT_TRANSLATE_NOOP("kiosk", "请换一张有效的证件，或到便民服务中心窗口办理。"),
                   Step.INSERT_CARD)
