"""What each screen shows, as frozen records the Qt view models copy.

Plain words and numbers only. Identity read from the card appears masked (张**,
4201**********1234); what the resident typed is shown back to them on the form and the
check-answers page, and is gone from every record once the visit ends. Nothing here holds
a case id: rows carry an ``index`` the screen hands back to an action.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from kiosk.flow.problems import Problem
from kiosk.flow.steps import Step
from kiosk.flow.teach import TeachPage

if TYPE_CHECKING:
    # H6's form records, inside FormView (re-exported; loaded at run time by __getattr__)
    from kiosk.forms.page import ErrorLink as ErrorLink
    from kiosk.forms.page import FieldView as FieldView
    from kiosk.maintenance import MaintenanceView


@dataclass(frozen=True)
class HomeView:
    region_name: str
    actions: tuple[tuple[str, str], ...]  # (action name, label): start_service …


@dataclass(frozen=True)
class InsertCardView:
    purpose: str  # service | query | rate
    prompt: str
    banner: Problem | None  # the last card problem (card unreadable, expired …)


@dataclass(frozen=True)
class EntryCard:
    """One item or bundle in a list (find service, category, search results)."""

    kind: str  # item | bundle
    code: str
    name: str
    summary: str
    category: str  # category name (社保 …); 一件事 for bundles
    icon: str
    self_service: str  # 可在本终端全程自助办理 …
    counter_only: bool  # the terminal prefills and prints; the case is filed at a counter


@dataclass(frozen=True)
class CategoryCard:
    id: str
    name: str
    icon: str
    count: int


@dataclass(frozen=True)
class FindServiceView:
    bundles: tuple[EntryCard, ...]  # 一件事 first
    categories: tuple[CategoryCard, ...]
    search_hint: str
    # 常办事项: the items most residents come for (guide.COMMON_ENTRIES), one large tile
    # each, so choosing one of them is one touch instead of department → item.
    common: tuple[EntryCard, ...] = ()


@dataclass(frozen=True)
class CategoryView:
    category: CategoryCard
    entries: tuple[EntryCard, ...]


@dataclass(frozen=True)
class SearchView:
    query: str
    results: tuple[EntryCard, ...]
    note: str  # 没有找到… with what to try instead; empty when there are results


@dataclass(frozen=True)
class GuideMaterial:
    name: str
    necessity: str  # 必须提供 | 可选提供 | 视情形提供
    originals: int
    copies: int
    how: tuple[str, ...]  # 读身份证即可, 可通过数据共享核验 …
    already_have: bool  # the terminal has it from the card / data sharing / generates it
    deferrable_days: int | None  # 容缺: can be handed in later, within this many workdays
    note: str


@dataclass(frozen=True)
class GuideView:
    kind: str  # item | bundle
    code: str
    name: str
    plain_summary: str
    items: tuple[str, ...]  # a bundle's items (names); an item: its own name
    conditions: tuple[str, ...]
    materials: tuple[GuideMaterial, ...]
    promised_time: str  # 20个工作日 / 即时办结 / 以当地公布为准 (unit included)
    fee: str
    result_from: str  # who decides and where the result comes from
    where: str  # where the case is accepted
    hotlines: tuple[str, ...]
    self_service: str
    can_apply: bool  # False for counter-only items
    counter_note: str  # counter-only: where to go instead and what the terminal can do
    has_questions: bool
    commitments: tuple[str, ...]  # titles of 告知承诺 options
    reminders: tuple[str, ...]


@dataclass(frozen=True)
class ChoiceOption:
    value: str  # what the screen hands back to ``answer``
    label: str


UNKNOWN = "__unknown__"
"""The value of the 不清楚 choice every question offers (→ 视情形提供)."""


@dataclass(frozen=True)
class QuestionView:
    id: str
    text: str
    help: str
    kind: str  # yesno | choice | number
    options: tuple[ChoiceOption, ...]  # yesno: 是/否; choice: the options; + 不清楚
    number_min: int | None
    number_max: int | None
    number: int  # this question's place, 1-based
    total: int  # questions visible under the answers so far
    current: str  # the answer already given, as an option value; "" if none
    error: str  # e.g. a number out of range


@dataclass(frozen=True)
class ChecklistRow:
    name: str
    necessity: str
    count: str  # 原件1份、复印件1份
    how: tuple[str, ...]
    deferrable_days: int | None
    note: str
    for_items: tuple[str, ...]


@dataclass(frozen=True)
class ChecklistView:
    title: str
    rows: tuple[ChecklistRow, ...]
    pending: tuple[str, ...]  # questions not answered yet (their materials: 视情形提供)
    items: tuple[str, ...]
    undecided: tuple[str, ...]
    conditions: tuple[str, ...]
    commitments: tuple[str, ...]
    lines: tuple[str, ...]  # exactly what the printed checklist says
    can_apply: bool
    counter_note: str
    printed: bool


@dataclass(frozen=True)
class FormView:
    title: str
    page: int  # 1-based
    pages: int
    fields: tuple[FieldView, ...]  # kiosk.forms.page.FieldView, one per widget
    errors: tuple[ErrorLink, ...]  # the summary at the top; empty until 继续 finds some
    from_card: tuple[FieldView, ...]  # what the card filled in (masked, read-only)
    returning_to_check: bool  # 继续 goes back to 核对信息 (after a 修改)


@dataclass(frozen=True)
class PhotoView:
    material: str
    number: int
    total: int
    hint: str
    taken: bool
    ref: str = ""  # the catalog material id (issue 14's camera screens)
    portrait: bool = False  # a face photo (电子证件照): guide oval and face checks
    pages: int = 0  # pages taken so far of this material


@dataclass(frozen=True)
class WayButton:
    """One way the catalog allows for a material (kiosk.materials.Way value)."""

    way: str  # ecert / photo / defer / commitment
    label: str  # 亮证扫码 / 拍照上传 / 容缺后补 / 签告知承诺 (the button's text)
    detail: str  # one plain sentence under it (the deadline in words for 容缺)
    chosen: bool


@dataclass(frozen=True)
class MaterialLine:
    """One material on the materials screen: what, why, how many, and what to do."""

    ref: str
    name: str
    why: str
    counts: str  # 原件1份 / 复印件1份
    known_words: str  # 已核验 words (读卡 / 数据共享 / 终端生成); "" when something is to do
    ways: tuple[WayButton, ...]  # only what the catalog allows; empty when known
    chosen_words: str  # what was done: 已拍照2页 / 已扫电子证照 123****5678 / 容缺…前补交
    bring: str  # 请带上…（原件1份）… ; shown when the resident cannot provide it
    unable: bool  # the resident said they do not have it with them
    needed: bool  # it must be covered before 继续 (no counter fallback)


@dataclass(frozen=True)
class MaterialsView:
    title: str
    materials: tuple[MaterialLine, ...]
    can_continue: bool
    missing: tuple[str, ...]  # names still to cover before 继续
    bring: tuple[str, ...]  # the 请带上… sentences: the visit ends with these + the checklist
    camera_problem: str  # plain words when the camera is missing / dark; "" when it works
    checklist_printed: bool


@dataclass(frozen=True)
class ECertScanView:
    """亮证扫码: the resident holds the phone's e-certificate QR to the camera."""

    ref: str
    material: str
    hint: str
    error: str  # the plain refusal of the last code read, "" before one


@dataclass(frozen=True)
class SignView:
    """告知承诺: the full text above the signature pad."""

    option_id: str
    title: str
    text: str
    replaces: tuple[str, ...]  # names of the materials it stands in for ("" none)
    error: str  # why the last signature was refused, in plain words
    signed: bool
    hint: str


@dataclass(frozen=True)
class AnswerRow:
    key: str  # a field id, or "q:<question id>"; handed back to ``change``
    label: str
    value: str
    source: str  # 来自身份证 … ; "" when typed or answered here
    changeable: bool


@dataclass(frozen=True)
class MaterialRow:
    ref: str
    name: str
    status: str  # 已读卡核验 / 请携带原件到窗口核验 / 容缺后补 …
    deferrable_days: int | None
    deferred: bool


@dataclass(frozen=True)
class CommitmentText:
    id: str
    title: str
    text: str
    replaces: tuple[str, ...]  # material names it stands in for
    confirmed: bool


@dataclass(frozen=True)
class CheckAnswersView:
    title: str
    answers: tuple[AnswerRow, ...]  # 智能导办 answers
    fields: tuple[AnswerRow, ...]  # form answers, card fields masked
    materials: tuple[MaterialRow, ...]
    commitments: tuple[CommitmentText, ...]
    deferral_text: str  # what 容缺 means, in plain words ("" when nothing is deferrable)
    privacy_notice: str
    needs_consent: bool
    consented: bool
    history_offer: tuple[str, ...]  # labels earlier cases could fill (after consent)
    history_used: bool
    problems: tuple[ErrorLink, ...]  # what still blocks submitting; ``field`` → change()
    can_submit: bool
    promised: str  # e.g. 承诺2026年12月24日前办结
    # One line per item filed for someone other than the applicant (a bundle's newborn):
    # 城乡居民基本医疗保险参保登记：为新生儿张*办理. Empty when every item is the applicant's.
    for_whom: tuple[str, ...] = ()
    # The privacy consent is the only thing left: 确认提交 becomes 同意并提交, and that one
    # touch records the consent (its time, as the separate button would) and submits.
    submit_consents: bool = False


@dataclass(frozen=True)
class CaseLine:
    case_no: str
    items: tuple[str, ...]
    status: str
    promised: str  # in words: 2026年12月24日前办结 / 即时办结
    for_whom: str = ""  # 为新生儿张*办理 when the case is not about the applicant


@dataclass(frozen=True)
class DoneView:
    cases: tuple[CaseLine, ...]
    bundle_no: str  # "" for a single item
    promised: str  # the latest promised date of the visit, in words
    printer: str  # the printer's real state in words (正常 / 缺纸 / 未连接 …)
    printer_ready: bool
    printed: bool
    can_rate: bool
    # The printer is ready and nothing was printed yet: the screen prints the receipt by
    # itself on arrival (print_receipt, off the GUI thread); 重新打印 stays on screen.
    auto_print: bool = False


@dataclass(frozen=True)
class PrintProblemView:
    problem: Problem
    case_no: str  # large on screen
    bundle_no: str
    qr_text: str  # what the receipt's QR holds (…/q/<no>)
    what_to_do: tuple[str, ...]


@dataclass(frozen=True)
class RateView:
    case_no: str
    level: int  # 0 while nothing is chosen
    levels: tuple[tuple[int, str], ...]  # (5, 非常满意) … (1, 非常不满意)
    reasons: tuple[str, ...]  # for the chosen level
    needs_phone: bool
    error: str
    skippable: bool


@dataclass(frozen=True)
class RatedView:
    thanks: str
    auto_home_s: int


@dataclass(frozen=True)
class QueryRow:
    index: int
    case_no: str
    bundle_no: str
    items: tuple[str, ...]
    status: str
    detail: str
    date: str
    needs_correction: bool
    can_reprint: bool
    can_rate: bool


@dataclass(frozen=True)
class QueryView:
    how: str  # card | number
    rows: tuple[QueryRow, ...]
    note: str  # offline / nothing found; empty when all is well
    masked_name: str


@dataclass(frozen=True)
class QueryNumberView:
    typed: str
    error: str
    hint: str


@dataclass(frozen=True)
class QueryScanView:
    hint: str
    hook: str  # what is still to come (camera scanning: issue 14)


@dataclass(frozen=True)
class MissingRow:
    name: str
    what_to_do: str
    due: str  # in words, or ""


@dataclass(frozen=True)
class CorrectionView:
    case_no: str
    items: tuple[str, ...]
    missing: tuple[MissingRow, ...]
    lines: tuple[str, ...]  # exactly what the printed list says
    where: str
    hotline: str
    printed: bool
    platform_list: bool  # True when the platform itself sent the list


@dataclass(frozen=True)
class ProblemView:
    problem: Problem


@dataclass(frozen=True)
class MaintenanceScreen:
    maintenance: MaintenanceView | None


@dataclass(frozen=True)
class TeachView:
    """怎么用 (教办): one page of the walkthrough (kiosk.flow.teach.PAGES)."""

    index: int  # 0-based; the screen shows 第 index+1 步，共 count 步
    count: int
    page: TeachPage

    @property
    def first(self) -> bool:
        return self.index == 0

    @property
    def last(self) -> bool:
        return self.index == self.count - 1


View = (HomeView | InsertCardView | FindServiceView | CategoryView | SearchView | GuideView
        | QuestionView | ChecklistView | FormView | PhotoView | CheckAnswersView | DoneView
        | PrintProblemView | RateView | RatedView | QueryView | QueryNumberView | QueryScanView
        | CorrectionView | ProblemView | MaintenanceScreen | MaterialsView | ECertScanView
        | SignView | TeachView)


@dataclass(frozen=True)
class Screen:
    """The current step with its view and what the UI must do while it is shown."""

    step: Step
    title: str
    view: View
    back: bool  # show 返回
    home: bool  # show 返回首页 / 退出
    masked_name: str  # who is being served (张**), "" before a card read
    polls_card: bool
    polls_printer: bool
    refreshes_case: bool
    idle_timeout_s: int  # resolved: the configured default where the table says so; 0 none
    auto_next_s: int
    hook: str  # a device step still to come (issue 14), "" otherwise
    elder: bool = False  # 长辈模式: larger type and targets, longer idle time, prompts spoken
    high_contrast: bool = False  # 高对比度: black on white, white on black


def __getattr__(name: str) -> object:
    """``ErrorLink`` and ``FieldView`` (H6's kiosk.forms.page records inside FormView and
    CheckAnswersView) are importable from here too, loaded on first use."""
    if name in ("ErrorLink", "FieldView"):
        from kiosk.forms import page

        return getattr(page, name)
    raise AttributeError(f"module 'kiosk.flow.views' has no attribute {name!r}")
