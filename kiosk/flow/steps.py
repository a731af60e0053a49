"""The resident's visit as a table: every screen, where it may lead, what it needs.

The table is data so that it can be read (by the screens, the tests, a reviewer) and
checked (every next step exists, every step is reachable and has a way home) without
running anything. Devices and timers are named per step — ``polls_card``,
``idle_timeout_s`` — and the UI acts on them; the core never starts a timer. Guards and
entry/exit actions are named here and implemented in ``kiosk.flow.visit`` (guards) and
``kiosk.flow.controller`` (actions), so the table holds no code.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum


class Step(StrEnum):
    HOME = "home"
    INSERT_CARD = "insert_card"  # purposes: service / query / rate
    FIND_SERVICE = "find_service"  # 一件事 bundles first, then categories, search box
    CATEGORY = "category"  # the items of one category (社保, 医保 …)
    SEARCH = "search"  # search results (Chinese, pinyin, initials)
    GUIDE = "guide"  # 办事指南 of one item or bundle, in plain words
    QUESTION = "question"  # 智能导办: one question per screen
    CHECKLIST = "checklist"  # the tailored 材料清单 (printable)
    FORM = "form"  # one page of the form
    MATERIALS = "materials"  # every material asked: 已核验, or the ways the catalog allows
    PHOTO = "photo"  # a material the terminal must photograph (camera UI: issue 14)
    ECERT_SCAN = "ecert_scan"  # 亮证扫码: an e-certificate's QR on the resident's phone
    SIGN = "sign"  # 告知承诺: the full text and the signature pad
    CHECK_ANSWERS = "check_answers"  # every answer with 修改, consent, 告知承诺 / 容缺 text
    DONE = "done"  # 办件编号 (+ bundle number), promised date, receipt printing
    PRINT_PROBLEM = "print_problem"  # printer failed: number and QR text large on screen
    RATE = "rate"  # 好差评, skippable
    RATED = "rated"  # thanks, then home by itself
    QUERY_RESULT = "query_result"  # 办件查询 results (by card or by number)
    QUERY_NUMBER = "query_number"  # typing the case or bundle number on the digit pad
    QUERY_SCAN = "query_scan"  # holding the receipt's QR to the camera (hook: issue 14)
    CORRECTION = "correction"  # 补正: the one complete list of what is still missing
    PROBLEM = "problem"  # any failure: title, plain words, what to do, where retry goes
    MAINTENANCE = "maintenance"  # 维护信息 for technicians: read-only, no personal data
    TEACH = "teach"  # 怎么用 (教办): the walkthrough of the devices, from the home screen


DEFAULT_IDLE = -1
"""``idle_timeout_s`` value meaning: the configured ``Config.idle_timeout_s``."""


@dataclass(frozen=True)
class StepSpec:
    """One row of the flow table.

    ``next`` lists every step an action on this screen may lead to (besides HOME, which
    every screen with ``home=True`` reaches through 返回首页, and PROBLEM, which any
    failure reaches). ``guard`` names a rule in ``kiosk.flow.visit.GUARDS`` that must hold
    to enter; ``on_enter``/``on_exit`` name actions of ``kiosk.flow.controller``.
    """

    step: Step
    title: str
    next: tuple[Step, ...]
    guard: str = ""
    on_enter: tuple[str, ...] = ()
    on_exit: tuple[str, ...] = ()
    back: bool = True  # the screen shows 返回 (back through the history stack)
    home: bool = True  # the screen shows 返回首页 / 退出
    in_history: bool = True  # 返回 from a later screen may come back here
    needs_card: bool = False  # personal data on this step: only after a card read
    polls_card: bool = False  # the UI polls the card reader while this step is shown
    polls_printer: bool = False  # the UI reads the printer's state while shown
    refreshes_case: bool = False  # the UI re-reads the case (platform number may arrive)
    idle_timeout_s: int = DEFAULT_IDLE  # 0: no idle timeout on this step
    auto_next_s: int = 0  # > 0: the UI goes to ``next[0]`` after this many seconds
    hook: str = ""  # a step whose device work arrives in a later issue, named here


_SERVICE = (Step.FIND_SERVICE, Step.CATEGORY, Step.SEARCH)

FLOW: Mapping[Step, StepSpec] = {s.step: s for s in (
    StepSpec(Step.HOME, "首页", (Step.INSERT_CARD, Step.FIND_SERVICE, Step.QUERY_NUMBER,
                                 Step.MAINTENANCE, Step.TEACH),
             on_enter=("end_visit",), back=False, home=False, idle_timeout_s=0,
             in_history=False),
    StepSpec(Step.INSERT_CARD, "请放身份证",
             (Step.FIND_SERVICE, Step.QUESTION, Step.FORM, Step.PHOTO, Step.CHECK_ANSWERS,
              Step.QUERY_RESULT, Step.RATE, Step.MATERIALS, Step.SIGN),
             polls_card=True, in_history=False),
    StepSpec(Step.FIND_SERVICE, "我要办事", (Step.CATEGORY, Step.SEARCH, Step.GUIDE)),
    StepSpec(Step.CATEGORY, "按部门找", (Step.GUIDE, Step.SEARCH), guard="category_known"),
    StepSpec(Step.SEARCH, "搜索结果", (Step.GUIDE, Step.CATEGORY, Step.SEARCH)),
    StepSpec(Step.GUIDE, "办事指南",
             (Step.INSERT_CARD, Step.QUESTION, Step.CHECKLIST, Step.FORM, Step.PHOTO,
              Step.CHECK_ANSWERS, Step.MATERIALS, Step.SIGN),
             guard="entry_chosen"),
    StepSpec(Step.QUESTION, "智能导办", (Step.QUESTION, Step.CHECKLIST, Step.FORM, Step.PHOTO,
                                     Step.CHECK_ANSWERS, Step.MATERIALS, Step.SIGN),
             guard="question_pending"),
    StepSpec(Step.CHECKLIST, "材料清单",
             (Step.INSERT_CARD, Step.FORM, Step.PHOTO, Step.CHECK_ANSWERS, Step.QUESTION,
              Step.MATERIALS, Step.SIGN),
             guard="entry_chosen"),
    StepSpec(Step.FORM, "填写表单", (Step.FORM, Step.QUESTION, Step.PHOTO, Step.CHECK_ANSWERS,
                                  Step.MATERIALS, Step.SIGN),
             guard="can_apply", on_exit=("save_draft",), needs_card=True),
    StepSpec(Step.MATERIALS, "提交材料",
             (Step.PHOTO, Step.ECERT_SCAN, Step.SIGN, Step.CHECK_ANSWERS, Step.CHECKLIST,
              Step.MATERIALS),
             guard="can_apply", needs_card=True),
    StepSpec(Step.PHOTO, "拍照上传材料", (Step.PHOTO, Step.CHECK_ANSWERS, Step.MATERIALS,
                                       Step.SIGN),
             guard="photo_needed", needs_card=True, hook="camera preview: issue 14"),
    StepSpec(Step.ECERT_SCAN, "亮证扫码", (Step.MATERIALS,), guard="photo_needed",
             needs_card=True, hook="camera QR: issue 14"),
    StepSpec(Step.SIGN, "签署告知承诺", (Step.MATERIALS, Step.SIGN, Step.PHOTO,
                                       Step.CHECK_ANSWERS),
             guard="commitment_known", needs_card=True),
    StepSpec(Step.CHECK_ANSWERS, "核对信息",
             (Step.FORM, Step.QUESTION, Step.PHOTO, Step.DONE, Step.MATERIALS, Step.SIGN),
             guard="can_apply", needs_card=True),
    StepSpec(Step.DONE, "提交成功", (Step.PRINT_PROBLEM, Step.RATE),
             guard="has_cases", back=False, in_history=False, needs_card=True,
             polls_printer=True, refreshes_case=True),
    StepSpec(Step.PRINT_PROBLEM, "回执没有打印出来", (Step.DONE, Step.RATE, Step.QUERY_RESULT,
                                                   Step.CORRECTION),
             guard="print_case", back=False, in_history=False, polls_printer=True),
    StepSpec(Step.RATE, "评价", (Step.RATED,), guard="rating_case", back=False,
             in_history=False),
    StepSpec(Step.RATED, "感谢评价", (Step.HOME,), back=False, in_history=False,
             auto_next_s=6),
    StepSpec(Step.QUERY_RESULT, "办件查询",
             (Step.RATE, Step.CORRECTION, Step.PRINT_PROBLEM, Step.QUERY_NUMBER),
             guard="query_done"),
    StepSpec(Step.QUERY_NUMBER, "输入办件编号", (Step.QUERY_RESULT, Step.QUERY_SCAN)),
    StepSpec(Step.QUERY_SCAN, "扫描回执二维码", (Step.QUERY_RESULT, Step.QUERY_NUMBER),
             hook="camera QR scanning: issue 14"),
    StepSpec(Step.CORRECTION, "需要补正的材料", (Step.QUERY_RESULT, Step.PRINT_PROBLEM),
             guard="correction_case"),
    StepSpec(Step.PROBLEM, "出了点问题", (*_SERVICE, Step.GUIDE, Step.CHECKLIST, Step.QUESTION,
                                      Step.FORM, Step.PHOTO, Step.CHECK_ANSWERS,
                                      Step.INSERT_CARD, Step.DONE, Step.QUERY_RESULT,
                                      Step.QUERY_NUMBER, Step.RATE, Step.CORRECTION,
                                      Step.MATERIALS, Step.SIGN, Step.ECERT_SCAN),
             back=False, in_history=False),
    # The idle timeout leaves 维护信息 too: a technician who walks away must not leave the
    # terminal showing its platform address and queue to the next resident, or no service.
    StepSpec(Step.MAINTENANCE, "维护信息", (Step.HOME,), back=False, in_history=False),
    # 怎么用: pages by 上一步/下一步 (kiosk.flow.teach), 我知道了 or 返回首页 ends it.
    StepSpec(Step.TEACH, "怎么用", (Step.HOME,), back=False, in_history=False),
)}


def spec(step: Step) -> StepSpec:
    return FLOW[step]


def reachable(start: Step = Step.HOME) -> set[Step]:
    """Steps reachable from ``start`` through the table (PROBLEM is reachable from any
    step that can fail, which is every step but HOME and RATED)."""
    seen, todo = {start}, [start]
    while todo:
        s = FLOW[todo.pop()]
        for n in (*s.next, Step.PROBLEM):
            if n not in seen:
                seen.add(n)
                todo.append(n)
    return seen
