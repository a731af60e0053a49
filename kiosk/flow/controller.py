"""The resident flow's actions: what each button does, and the screen it leads to.

``ResidentFlow`` owns one ``Visit`` and talks to the terminal through a small host (the
``Kiosk``): catalog, store, devices, calendar, config. Every action either moves along the
table in ``kiosk.flow.steps`` or stays and says why (an error summary, a banner); every
exception a service can raise becomes a problem state (``kiosk.flow.problems``), so no
button is ever silent. Actions that touch a device (card poll, camera, printer) block;
the UI runs them off its GUI thread.
"""

from __future__ import annotations

import datetime as dt
import logging
import re
from collections.abc import Callable, Mapping
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from devices.idcard import CardError, CardRead, CardStatus, NoCard, ReaderError
from devices.idcard.codes import NATIONS
from devices.printer.printer import OutOfPaper, PaperJam, PrinterOffline, PrinterReady
from kiosk.applications import Application
from kiosk.cases import STATUS_WORDS, Case, CaseStatus, Consent, Subject
from kiosk.catalog.categories import categories, category
from kiosk.catalog.model import Bundle, Catalog, Item, Necessity
from kiosk.flow import guide as g
from kiosk.flow import materials_step as ms
from kiosk.flow import teach as tc
from kiosk.flow.problems import Problem, card_problem, card_refused, problem_for
from kiosk.flow.steps import DEFAULT_IDLE, FLOW, Step
from kiosk.flow.views import (
    AnswerRow,
    CaseLine,
    CategoryCard,
    CategoryView,
    CheckAnswersView,
    CommitmentText,
    CorrectionView,
    DoneView,
    FindServiceView,
    FormView,
    HomeView,
    InsertCardView,
    MaintenanceScreen,
    MaterialRow,
    MissingRow,
    PhotoView,
    PrintProblemView,
    ProblemView,
    QueryNumberView,
    QueryRow,
    QueryScanView,
    QueryView,
    RatedView,
    RateView,
    Screen,
    SearchView,
    TeachView,
    View,
)
from kiosk.flow.visit import GUARDS, FlowError, Visit
from kiosk.forms import page as fp
from kiosk.forms.prefill import Prefill, prefill
from kiosk.forms.schema import FormDefinition, form_for, item_form, union_form
from kiosk.guide.checklist import questions_for
from kiosk.i18n import QT_TRANSLATE_NOOP, arg
from kiosk.identity import mask_id_number, mask_name
from kiosk.materials import STATUS_WORDS as MATERIAL_WORDS
from kiosk.materials import MaterialDecl, MaterialStatus
from kiosk.ratings import LEVEL_WORDS, Level, Rating, needs_phone, reasons_for
from kiosk.session import INSERT_CARD_PROMPT, RATING_THANKS, Purpose, applicant_from_card
from kiosk.session import card_problem as card_refusal

if TYPE_CHECKING:
    from kiosk.app import Kiosk

log = logging.getLogger(__name__)

NOTICE_VERSION = "2026-12"
PRIVACY_NOTICE = QT_TRANSLATE_NOOP(
    "kiosk",
    "个人信息保护告知：您在本终端提供的姓名、证件号码、住址、电话和材料照片，只用于办理"
    "您选择的事项，加密保存在本机并传送给负责办理的部门，不用于其他用途；办结后按规定"
    "期限删除本机副本。您离开或超时后，屏幕上不会留下您的信息。")
DEFERRAL_TEXT = QT_TRANSLATE_NOOP("kiosk", "容缺受理：标有“可容缺”的材料现在没有也可以先提交，"
                                  "请在回执上写明的日期前补交；逾期未补交，申请可能不予受理。")
PROXY_FIELDS = ("proxy_name", "proxy_id_number", "proxy_relation")
NO_SEARCH_RESULT = QT_TRANSLATE_NOOP("kiosk", "没有找到相关事项。可以换个说法，"
                                              "例如“养老”“医保”，或按部门查找")
CARD_PURPOSES = {
    Purpose.SERVICE: QT_TRANSLATE_NOOP("kiosk", "请将身份证放在读卡区，读卡后开始办事"),
    Purpose.QUERY: QT_TRANSLATE_NOOP("kiosk", "请将身份证放在读卡区，查询您的办件"),
    Purpose.RATE: QT_TRANSLATE_NOOP("kiosk", "请将身份证放在读卡区，评价您最近的办件")}
FROM_CARD = QT_TRANSLATE_NOOP("kiosk", "来自身份证")
CONSENT_NEEDED = QT_TRANSLATE_NOOP("kiosk", "请阅读个人信息保护告知并同意")
_SAFE = re.compile(r"[^A-Za-z0-9_-]")
# 长辈模式 (issue 15): an older resident reads and types more slowly, so the idle time is
# this many times the configured one, and a form page asks fewer questions at once.
ELDER_IDLE_FACTOR = 2
ELDER_PAGE_SIZE = 3


def _date_words(iso: str | None, estimated: bool = False) -> str:
    if not iso:
        return ""
    d = dt.date.fromisoformat(iso)
    if estimated:
        return arg(QT_TRANSLATE_NOOP("kiosk", "%1年%2月%3日（预计）"), d.year, d.month, d.day)
    return arg(QT_TRANSLATE_NOOP("kiosk", "%1年%2月%3日"), d.year, d.month, d.day)


def _form_title(name: str) -> str:
    """The form's heading names the item as the catalog does: "填写{name}申请" read
    申请申请, 申领申请 or 登记申请 for most item names, which already say what they are."""
    return arg(QT_TRANSLATE_NOOP("kiosk", "填写申请表：%1"), name)


def promised_words(case: Case, items: tuple[Item, ...]) -> str:
    if case.promised_by:
        when = _date_words(case.promised_by, case.promised_estimated)
        return arg(QT_TRANSLATE_NOOP("kiosk", "承诺%1前办结"), when)
    if items and all(i.time_limit.promised == 0 for i in items):
        return QT_TRANSLATE_NOOP("kiosk", "即时办结")
    return QT_TRANSLATE_NOOP("kiosk", "办理时限以当地公布为准")


def mask_address(text: str) -> str:
    """The card's address down to the county (…区/县/市), the rest starred."""
    m = re.match(r"^(.*?(?:区|县|旗|市(?!场)))", text)
    keep = m.group(1) if m and len(m.group(1)) < len(text) else text[:4]
    return keep + "*" * min(8, max(0, len(text) - len(keep)))



def for_whom_words(subject: Subject | None) -> str:
    """为新生儿张*办理 for a case about someone other than the applicant; "" otherwise. The
    name masked as on the receipt: the screen is seen by whoever stands behind."""
    if subject is None or not subject.name.strip():
        return ""
    return arg(QT_TRANSLATE_NOOP("kiosk", "为%1%2办理"), subject.relation,
               mask_name(subject.name))

class ResidentFlow:
    """The visit's state machine. ``screen()`` is what to show now."""

    def __init__(self, host: Kiosk, today: Callable[[], dt.date] = dt.date.today) -> None:
        self.host = host
        self.today = today
        self.visit = Visit()
        self._resume: dict[str, Any] | None = None

    # Moving along the table ---------------------------------------------------------------

    @property
    def catalog(self) -> Catalog:
        return self.host.catalog

    def go(self, step: Step, arg: str = "") -> Screen:
        v = self.visit
        if not v.can_go(step):
            raise FlowError(f"{v.step.value} does not lead to {step.value}")
        if step is Step.HOME:
            return self.end("home")
        spec = FLOW[step]
        if spec.guard:
            saved = (v.step, v.arg)
            v.step, v.arg = step, arg  # guards read the destination's argument
            reason = GUARDS[spec.guard](v, self.catalog)
            v.step, v.arg = saved
            if reason:
                raise FlowError(f"cannot enter {step.value}: {reason}")
        if spec.needs_card and v.applicant is None:
            raise FlowError(f"{step.value} needs a card read")
        for action in FLOW[v.step].on_exit:
            self._exit_action(action)
        v.move(step, arg)
        return self.screen()

    def _exit_action(self, name: str) -> None:
        if name == "save_draft":
            self._save_draft()

    def back(self) -> Screen:
        """返回: the previous screen in the history (never past the card screen)."""
        v = self.visit
        if not v.can_back:
            raise FlowError(f"{v.step.value} has no way back")
        place = v.pop()
        assert place is not None
        for action in FLOW[v.step].on_exit:
            self._exit_action(action)
        v.step, v.arg = place
        v.errors, v.question_error = {}, ""
        return self.screen()

    def fail(self, exc: BaseException) -> Screen:
        """Shows the problem state for ``exc`` (and logs its kind, never its text)."""
        v = self.visit
        problem = problem_for(exc, v.step)
        log.warning("%s on %s: %s", problem.kind, v.step.value, type(exc).__name__)
        v.problem = problem
        v.move(Step.PROBLEM)
        return self.screen()

    def retry(self) -> Screen:
        """再试一次 on the problem screen: where the problem says, else home."""
        v = self.visit
        if v.step not in (Step.PROBLEM, Step.PRINT_PROBLEM):
            raise FlowError("nothing to retry")
        target = v.problem.retry if v.problem is not None else None
        if v.step is Step.PRINT_PROBLEM and target in (Step.DONE, Step.QUERY_RESULT):
            return self._print(v.print_case_id, None, back_to=target)
        if target is None or not v.can_go(target):
            return self.end("home")
        spec = FLOW[target]
        back_to = next((p for p in reversed(v.history) if p[0] is target), (target, ""))
        here = (v.step, v.arg)
        v.step, v.arg = back_to  # guards read the destination's argument
        blocked = bool(spec.guard and GUARDS[spec.guard](v, self.catalog))
        v.step, v.arg = here
        if blocked or (spec.needs_card and v.applicant is None):
            return self.end("home")
        v.problem = None
        v.move(*back_to)
        return self.screen()

    # The three ways out are one ---------------------------------------------------------------

    def end(self, reason: str = "home") -> Screen:
        """返回首页, 退出, the idle timeout, skipping the rating: the same end. Drafts are
        wiped, the visit replaced; the host's legacy session is emptied too."""
        self.host.end_visit(reason)
        return self.screen()

    def reset(self) -> None:
        """Called by the host when a visit ends: nothing of the resident stays here."""
        self.visit = Visit()
        self._resume = None

    def home(self) -> Screen:
        return self.end("home")

    def exit(self) -> Screen:
        return self.end("exit")

    def idle_timeout(self) -> Screen:
        return self.end("idle")

    # Home and the card ------------------------------------------------------------------------

    def start(self, purpose: Purpose | str = Purpose.SERVICE) -> Screen:
        """办事 / 办件查询 / 好差评 from the home screen: the card comes first."""
        self._fresh()
        self.visit.purpose = Purpose(purpose)
        return self.go(Step.INSERT_CARD)

    def browse(self) -> Screen:
        """查看办事指南 without a card: guides and checklists need no identity."""
        self._fresh()
        return self.go(Step.FIND_SERVICE)

    def start_query_number(self) -> Screen:
        self._fresh()
        self.visit.purpose = Purpose.QUERY
        return self.go(Step.QUERY_NUMBER)

    def _fresh(self) -> None:
        """A new visit. 长辈模式 and 高对比度 chosen on the home screen are for the visit
        being started and go with it; from anywhere else the old visit ends first, and so
        do they."""
        old = self.visit
        kept = old.step is Step.HOME
        if not kept:
            self.host.end_visit("restart")
        self.visit = Visit(elder=kept and old.elder, high_contrast=kept and old.high_contrast)

    # 长辈模式 and 高对比度 ---------------------------------------------------------------------

    def set_elder(self, on: bool) -> Screen:
        """长辈模式 on or off for this visit: the screen, the idle time and the form pages
        follow at once; the visit's end turns it off again."""
        self.visit.elder = bool(on)
        return self.screen()

    def set_contrast(self, on: bool) -> Screen:
        """高对比度 (black and white) on or off for this visit."""
        self.visit.high_contrast = bool(on)
        return self.screen()

    def page_size(self) -> int:
        return ELDER_PAGE_SIZE if self.visit.elder else fp.DEFAULT_PAGE_SIZE

    def poll_card(self) -> Screen:
        """Reads the reader once (blocking, off the GUI thread) and applies the status."""
        try:
            status = self.host.devices.card_reader.status()
        except Exception as exc:  # a driver must not raise; if it does, it is the reader
            status = ReaderError(f"reader raised {type(exc).__name__}")
        screen = self.on_card(status)
        if screen.step is Step.FIND_SERVICE:
            # Still off the GUI thread: the pinyin index (~0.5 s once per catalog) is built
            # now, so the first search on the next screen answers at once.
            try:
                self.host.search_index  # noqa: B018 - built and cached by the property
            except Exception:
                log.warning("search index could not be built ahead")
        return screen

    def on_card(self, status: CardStatus) -> Screen:
        v = self.visit
        if v.step is not Step.INSERT_CARD:
            return self.screen()  # a late poll after the visit moved on
        if isinstance(status, NoCard):
            return self.screen()
        if isinstance(status, CardError | ReaderError):
            v.card_banner = card_problem(status)
            return self.screen()
        assert isinstance(status, CardRead)
        refused = card_refusal(status.card, self.today())
        if refused:
            v.card_banner = card_refused(refused)
            return self.screen()
        v.applicant = applicant_from_card(status.card)
        v.masked_name = mask_name(v.applicant.name)
        v.masked_id = mask_id_number(v.applicant.id_number)
        v.card_banner = None
        try:
            self.host.store.audit("resident", "card.read", "", {})
            found = self.host.store.load_draft("resident", v.applicant.id_number)
        except Exception as exc:
            return self.fail(exc)
        if found is not None:
            v.draft_id, self._resume = found[0], found[1]
        if v.purpose is Purpose.QUERY:
            return self._query_by_card()
        if v.purpose is Purpose.RATE:
            return self._rate_newest()
        if v.after_card is not None:
            step, arg = v.after_card
            v.after_card = None
            return self._start_applying() if step is Step.QUESTION else self.go(step, arg)
        return self.go(Step.FIND_SERVICE)

    # Finding a service --------------------------------------------------------------------------

    def open_category(self, category_id: str) -> Screen:
        return self.go(Step.CATEGORY, category_id)

    def search(self, query: str) -> Screen:
        self.visit.search_query = query.strip()[:40]
        return self.go(Step.SEARCH, "")

    def open_entry(self, code: str) -> Screen:
        v = self.visit
        if self.catalog.get(code) is None:
            return self.fail(KeyError(code))
        if code != v.entry_code:
            v.entry_code = code
            v.answers, v.unknown, v.entered, v.errors = {}, set(), {}, {}
            v.photos, v.deferred, v.confirmed, v.consent_at = {}, set(), {}, ""
            v.ways, v.ecerts, v.signed, v.unable = {}, {}, {}, set()
            v.scan_error = v.sign_error = ""
            v.checklist_printed = False
            if self._resume and self._resume.get("entry") == code:
                v.answers = dict(self._resume.get("answers", {}))
                v.unknown = set(self._resume.get("unknown", []))
                v.entered = {str(k): str(x) for k, x in self._resume.get("entered",
                                                                         {}).items()}
        return self.go(Step.GUIDE, code)

    # 智能导办 -----------------------------------------------------------------------------------

    def _entry(self) -> Item | Bundle:
        e = self.catalog.get(self.visit.entry_code)
        if e is None:
            raise KeyError(self.visit.entry_code)
        return e

    def current_answers(self) -> dict[str, Any]:
        """The answers the rules read now (the card's derived ones included)."""
        return self._answers()

    def _answers(self) -> dict[str, Any]:
        """What the rules read: the card's derived answers, then the resident's."""
        return {**g.derived_answers(self.visit.applicant, self.today()), **self.visit.answers}

    def start_questions(self) -> Screen:
        """智能导办 from the guide: the first question, or the checklist when none is left."""
        q = g.next_question(self.catalog, self._entry(), self._answers(), self.visit.unknown)
        return self.go(Step.QUESTION, q.id) if q else self.go(Step.CHECKLIST, self.visit.entry_code)

    def answer(self, value: str) -> Screen:
        v = self.visit
        if v.step is not Step.QUESTION:
            raise FlowError("no question on screen")
        q = self.catalog.questions[v.arg]
        parsed, error = g.parse_answer(q, str(value))
        if error:
            v.question_error = error
            return self.screen()
        v.question_error = ""
        if parsed is None:
            v.answers.pop(q.id, None)
            v.unknown.add(q.id)
        else:
            v.answers[q.id] = parsed
            v.unknown.discard(q.id)
        self._drop_hidden_answers()
        nxt = g.next_question(self.catalog, self._entry(), self._answers(), v.unknown,
                              after=q.id) or g.next_question(self.catalog, self._entry(),
                                                             self._answers(), v.unknown)
        if nxt is not None:
            return self.go(Step.QUESTION, nxt.id)
        if v.returning_to_check and v.applicant is not None:
            return self._after_change()
        if self._checklist_adds_nothing():
            return self._to_form(0)
        return self.go(Step.CHECKLIST, v.entry_code)

    def _checklist_adds_nothing(self) -> bool:
        """After the last question of a resident who is applying (card read, the terminal
        may file every item): the tailored checklist is skipped when it would tell nothing
        the next screens do not — every material is 已核验 or has a way on 提交材料 (photo,
        容缺, 告知承诺, 亮证扫码), and no answer was 不清楚 (视情形提供 rows). Otherwise the
        resident sees what to bring before filling in anything. It stays one touch away:
        材料清单 on 提交材料, 打印材料清单 on the guide."""
        v = self.visit
        if v.applicant is None or v.unknown:
            return False
        if g.counter_items(self.catalog, self._entry(), self._answers()):
            return False
        return all(not a.choice.needs_action or a.choice.options for a in ms.asked(self))

    def _drop_hidden_answers(self) -> None:
        """An answer to a question a changed answer hid no longer counts."""
        v = self.visit
        for q in questions_for(self.catalog, self._entry()):
            if not g.visible(q, self._answers()):
                v.answers.pop(q.id, None)
                v.unknown.discard(q.id)

    def show_checklist(self) -> Screen:
        return self.go(Step.CHECKLIST, self.visit.entry_code)

    def print_checklist(self, out: Path | None = None) -> Screen:
        """Prints the tailored 材料清单 (80 mm); a printer failure is a problem state."""
        from kiosk.receipts import render_checklist

        _, lines = g.checklist_for(self.catalog, self._entry(), self._clean_answers())
        name = _SAFE.sub("_", self.visit.entry_code)
        path = out or self.host.config.receipts_dir / f"checklist-{name}.pdf"
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            render_checklist(lines, path)
            self.host.devices.printer.print_pdf(path, "材料清单")
        except Exception as exc:
            return self.fail(exc)
        self.visit.checklist_printed = True
        return self.screen()

    def checklist_pdf(self, out: Path) -> Path:
        """The checklist as a PDF without printing (tests, the demo)."""
        from kiosk.receipts import render_checklist

        _, lines = g.checklist_for(self.catalog, self._entry(), self._clean_answers())
        return render_checklist(lines, out)

    def _clean_answers(self) -> dict[str, Any]:
        return {k: x for k, x in self._answers().items() if k in self.catalog.questions}

    # Applying: card, questions, form, photos ----------------------------------------------

    def apply(self) -> Screen:
        """开始办理 on the guide or checklist. Counter-only entries say where to go."""
        v = self.visit
        entry = self._entry()
        counter = g.counter_items(self.catalog, entry, self._answers())
        if counter:
            v.problem = Problem("counter_only",
                                QT_TRANSLATE_NOOP("kiosk", "这个事项需要到窗口办理"),
                                g.counter_note(counter),
                                QT_TRANSLATE_NOOP("kiosk", "可以先打印材料清单，"
                                                           "带齐材料到窗口一次办好。"),
                                Step.CHECKLIST, QT_TRANSLATE_NOOP("kiosk", "查看材料清单"))
            v.move(Step.PROBLEM)
            return self.screen()
        if v.applicant is None:
            v.after_card = (Step.QUESTION, "")
            v.purpose = Purpose.SERVICE
            return self.go(Step.INSERT_CARD)
        return self._start_applying()

    def _start_applying(self) -> Screen:
        q = g.next_question(self.catalog, self._entry(), self._answers(), self.visit.unknown)
        if q is not None:
            return self.go(Step.QUESTION, q.id)
        return self._to_form(0)

    def _items(self) -> tuple[Item, ...]:
        return g.items_of(self.catalog, self._entry(), self._answers())

    def _full_form(self) -> FormDefinition:
        items = self._items()
        if not items:
            return form_for(self.catalog, (), ())
        return union_form(self.catalog, items) if len(items) > 1 else item_form(
            self.catalog, items[0])

    def _proxy(self) -> bool:
        return self._answers().get("proxy") is True

    def _extra_required(self) -> tuple[str, ...]:
        return ("proxy_name", "proxy_id_number") if self._proxy() else ()

    def _prefill(self) -> Prefill:
        v = self.visit
        history: list[Mapping[str, Any]] = []
        if v.applicant is not None:
            try:
                history = [c.form for c in self.host.store.cases_for(v.applicant.id_number)]
            except Exception:  # history is a convenience; without it the resident types
                log.warning("earlier cases could not be read for prefill")
        return prefill(self.catalog, self._full_form(), v.applicant, history=history[::-1],
                       history_consent=v.history_consent)

    def _typing_form(self) -> FormDefinition:
        """The fields the resident fills: the card's own fields are shown, not asked again;
        the proxy's fields only when someone is filing for the applicant."""
        full, pre = self._full_form(), self._prefill()
        fields = [f for f in full.fields if pre.sources.get(f) != "card"
                  and (self._proxy() or f not in PROXY_FIELDS)]
        return form_for(self.catalog, fields, full.required)

    def _pages(self) -> list[fp.FormPage]:
        v = self.visit
        form, pre = self._typing_form(), self._prefill()
        values: dict[str, Any] = {f: x for f, x in pre.values.items() if f in form.fields}
        values.update(v.entered)
        return fp.paginate(self.catalog, form, values, pre, v.errors,
                           page_size=self.page_size(),
                           extra_required=self._extra_required(),
                           title=_form_title(self._entry().name))

    def _to_form(self, page: int) -> Screen:
        if not self._typing_form().fields:
            return self._after_form()
        return self.go(Step.FORM, str(page))

    def use_history(self, yes: bool) -> Screen:
        """The resident agrees (or not) that earlier cases fill in what they already said."""
        v = self.visit
        v.history_consent = bool(yes)
        if yes:
            pre = self._prefill()
            for f, x in pre.values.items():
                if pre.sources.get(f) == "history" and not v.entered.get(f):
                    v.entered[f] = fp.as_text(x)
        return self.screen()

    def continue_form(self, entered: Mapping[str, Any]) -> Screen:
        """继续 on a form page: checks this page; errors keep everything typed."""
        v = self.visit
        if v.step is not Step.FORM:
            raise FlowError("no form page on screen")
        form = self._typing_form()
        pages = fp.page_fields(form, self.page_size())
        index = min(int(v.arg or 0), len(pages) - 1)
        ids = pages[index]
        v.entered.update({k: fp.as_text(x) for k, x in entered.items() if k in form.fields})
        values = {**{f: fp.as_text(x) for f, x in self._prefill().values.items()
                     if f in form.fields}, **v.entered}
        check = fp.check_page(self.catalog, form, ids, values,
                              extra_required=self._extra_required(), today=self.today())
        v.entered.update({k: x for k, x in check.entered.items() if k in ids})
        v.errors = dict(check.errors)
        if check.errors:
            return self.screen()
        self._save_draft()
        if v.returning_to_check:
            return self._after_change()
        if index + 1 < len(pages):
            return self.go(Step.FORM, str(index + 1))
        return self._after_form()

    def _after_form(self) -> Screen:
        if self._offers_materials():
            return self.go(Step.MATERIALS)
        need = self._photos_needed()
        if need:
            return self.go(Step.PHOTO, need[0])
        return self.go(Step.CHECK_ANSWERS)

    def _after_change(self) -> Screen:
        """After a 修改: unanswered questions first, then a form page that now has errors,
        else straight back to 核对信息."""
        v = self.visit
        q = g.next_question(self.catalog, self._entry(), self._answers(), v.unknown)
        if q is not None:
            return self.go(Step.QUESTION, q.id)
        form = self._typing_form()
        values = {**{f: fp.as_text(x) for f, x in self._prefill().values.items()
                     if f in form.fields}, **v.entered}
        check = fp.check_form(self.catalog, form, values, self._extra_required(), self.today())
        if check.errors:
            first = next(f for f in form.fields if f in check.errors)
            v.errors = dict(check.errors)
            return self.go(Step.FORM, str(fp.page_of(form, first, self.page_size())))
        if self._offers_materials() and ms.must_cover(self):
            return self.go(Step.MATERIALS)
        need = self._photos_needed()
        if need:
            return self.go(Step.PHOTO, need[0])
        v.returning_to_check = False
        return self.go(Step.CHECK_ANSWERS)

    def _application(self) -> Application:
        v = self.visit
        assert v.applicant is not None
        full, pre = self._full_form(), self._prefill()
        typed = fp.coerce(self.catalog, full, {k: x for k, x in v.entered.items()
                                               if k in full.fields})
        values = {**{f: x for f, x in pre.values.items() if f in full.fields}, **typed}
        if not self._proxy():
            values = {f: x for f, x in values.items() if f not in PROXY_FIELDS}
        consent = Consent(NOTICE_VERSION, v.consent_at, v.history_consent) \
            if v.consent_at else None
        decls = {ref: MaterialDecl(MaterialStatus.ON_SITE) for ref in self._unread_cards()}
        decls.update({ref: MaterialDecl(MaterialStatus.DEFERRED) for ref in v.deferred})
        decls.update(ms.decls(self))
        return Application(
            applicant=v.applicant, codes=(v.entry_code,), values=values,
            answers={k: x for k, x in v.answers.items() if k in self.catalog.questions},
            materials=decls, commitments=ms.commitments_signed(self),
            photos={ref: tuple(p) for ref, p in v.photos.items() if p}, consent=consent)

    def _unread_cards(self) -> list[str]:
        """Cards the reader could cover but did not read: only the applicant's own card
        was read, so e.g. a proxy's ID card (代办人居民身份证) is shown at the counter or
        photographed — never recorded as 已读卡核验. (Reading the agent's card as well is a
        later step.)"""
        from kiosk.forms.bundle import applicable_materials

        v = self.visit
        out = []
        for it in self._items():
            for m, _ in applicable_materials(it, self._answers()):
                if "card" in m.source and m.ref != "id_card" and not v.photos.get(m.ref) \
                        and m.ref not in out:
                    out.append(m.ref)
        return out

    def _plan_problems(self) -> list[fp.ErrorLink]:
        from kiosk.services import check

        plan = check(self.catalog, self.host.calendar, self._application(), self.today())
        return [fp.ErrorLink(p.field, p.message) for p in plan.problems]

    def _plan_subjects(self) -> tuple[str, ...]:
        """Item name：为<relation><masked name>办理, for each item the submission would file
        for someone else (a bundle's newborn): a parent checking 新生儿出生一件事 must see
        which items are the baby's and which their own."""
        from kiosk.services import check

        plan = check(self.catalog, self.host.calendar, self._application(), self.today())
        return tuple(arg(QT_TRANSLATE_NOOP("kiosk", "%1：%2"), pc.item.name, words)
                     for pc in plan.cases if (words := for_whom_words(pc.subject)))

    def _photos_needed(self) -> list[str]:
        """Materials nothing but a photo can cover: what a 全程自助 item cannot take
        otherwise, and electronic-only materials with the camera as their source (an
        电子证件照 cannot be "brought to the counter"). The camera screen with a preview and
        quality checks is issue 14 — here one still per material."""
        from kiosk.forms.bundle import applicable_materials

        v = self.visit
        out = []
        for it in self._items():
            for m, _ in applicable_materials(it, self._answers()):
                lib = self.catalog.materials.get(m.ref)
                if lib is not None and lib.medium == ("electronic",) and "camera" in m.source \
                        and m.necessity is not Necessity.OPTIONAL \
                        and not v.photos.get(m.ref) and m.ref not in out:
                    out.append(m.ref)
        for link in self._plan_problems():
            if link.field.startswith("material:"):
                ref = link.field.split(":", 1)[1]
                if ref not in v.deferred and not v.photos.get(ref) and ref not in out:
                    out.append(ref)
        return out

    def take_photo(self) -> Screen:
        """拍照 on the photo step: one still from the camera for the material on screen."""
        v = self.visit
        if v.step is not Step.PHOTO:
            raise FlowError("no photo step on screen")
        try:
            photo = self.host.devices.camera.capture()
        except Exception as exc:
            return self.fail(exc)
        return self.attach_page(photo.jpeg)

    def attach_page(self, data: bytes, last: bool = True) -> Screen:
        """A page the camera screen captured (auto-capture or 拍照, already cropped and
        encoded by ``devices.camera.capture_page`` on the device thread) for the material
        on screen; ``last=False`` stays for the next page of the same material (户口簿 首页 +
        本人页 are pages of one material)."""
        v = self.visit
        if v.step is not Step.PHOTO:
            raise FlowError("no photo step on screen")
        if not data:
            raise FlowError("an empty page")
        v.photos.setdefault(v.arg, []).append(bytes(data))
        if not last:
            return self.screen()
        if v.arg in {a.choice.ref for a in ms.pending(self)} and self._offers_materials():
            v.ways[v.arg] = "photo"
            return self.go(Step.MATERIALS)
        need = self._photos_needed()
        if need:
            return self.go(Step.PHOTO, need[0])
        v.returning_to_check = False
        return self.go(Step.CHECK_ANSWERS)

    # 提交材料: the ways the catalog allows per material (kiosk.flow.materials_step) ----------

    def _offers_materials(self) -> bool:
        """The materials screen is shown when a material not already 已核验 has a way to
        choose. A material whose only way is a photo the item cannot do without (an
        电子证件照) goes straight to the camera: there is nothing to choose."""
        need = ms.must_cover(self) | set(self._photos_needed())
        for a in ms.pending(self):
            ways = {o.way.value for o in a.choice.options}
            lib = self.catalog.materials.get(a.choice.ref)
            only_photo = ways == {"photo"} and (a.choice.ref in need or (
                lib is not None and lib.medium == ("electronic",)))
            if not only_photo:
                return True
        return False

    def choose_way(self, ref: str, way: str) -> Screen:
        """One of the ways the materials screen offers for ``ref``: 拍照上传 and 亮证扫码
        open the camera screens, 容缺后补 is recorded with its deadline, 签告知承诺 opens
        the commitment's text and the pad."""
        from kiosk.materials import Way

        v = self.visit
        if v.step is not Step.MATERIALS:
            raise FlowError("choose_way is on the materials screen")
        choice = ms.choice_of(self, ref)
        offered = {o.way.value: o for o in choice.options}
        if way not in offered:
            raise FlowError(f"{way} is not offered for {ref}")
        v.unable.discard(ref)
        if way == Way.PHOTO:
            ms.forget(self, ref)
            return self.go(Step.PHOTO, ref)
        if way == Way.ECERT:
            v.scan_error = ""
            return self.go(Step.ECERT_SCAN, ref)
        if way == Way.DEFER:
            ms.forget(self, ref)
            v.ways[ref] = way
            v.deferred.add(ref)
            return self.screen()
        v.sign_error = ""
        return self.go(Step.SIGN, offered[way].commitment_id)

    def cannot_provide(self, ref: str) -> Screen:
        """我没有这份材料: the line then says 请带上… (and the checklist prints it); the
        visit goes on where 容缺 / 告知承诺 or the counter covers it."""
        v = self.visit
        if v.step is not Step.MATERIALS:
            raise FlowError("cannot_provide is on the materials screen")
        ms.choice_of(self, ref)
        ms.forget(self, ref)
        v.unable.add(ref)
        return self.screen()

    def continue_materials(self) -> Screen:
        """继续 on the materials screen: every material the item cannot do without covered,
        then the commitments to sign, a photo still needed, and 核对信息."""
        v = self.visit
        if v.step is not Step.MATERIALS:
            raise FlowError("continue_materials is on the materials screen")
        view = ms.materials_view(self)
        if not view.can_continue:
            # What nothing but a picture can cover (an 电子证件照): 继续 opens the camera.
            only_photo = [m.ref for m in view.materials if m.needed and not m.chosen_words
                          and [w.way for w in m.ways] == ["photo"]]
            if only_photo and len(only_photo) == len(view.missing):
                return self.go(Step.PHOTO, only_photo[0])
            return self.screen()
        need = self._photos_needed()
        if need:
            return self.go(Step.PHOTO, need[0])
        v.returning_to_check = False
        return self.go(Step.CHECK_ANSWERS)

    def open_sign(self, option_id: str) -> Screen:
        """签名确认 beside a 告知承诺 on 核对信息: its full text above the signature pad."""
        v = self.visit
        if v.step is not Step.CHECK_ANSWERS:
            raise FlowError("open_sign is on 核对信息")
        ms.option(self, option_id)
        v.sign_error = ""
        return self.go(Step.SIGN, option_id)

    def camera_trouble(self, words: str) -> Screen:
        """The preview worker's CameraStatus (MISSING / UNPLUGGED / BLACK) in resident
        words: the camera ways are withdrawn, 容缺 and the counter stay, and the screen
        goes back to the materials list."""
        from devices.camera.camera import CameraStatus

        v = self.visit
        v.camera_problem = words
        status = next((s for s in CameraStatus if s.resident == words), None)
        try:  # for the technician (the audit log 维护 reads); no personal data in it
            self.host.store.audit("terminal", "camera.trouble", "",
                                  {"status": status.name if status else "OTHER",
                                   "technician": status.technician if status else words})
        except Exception:
            log.error("camera trouble could not be written to the audit log")
        for ref, way in list(v.ways.items()):
            if way in ("photo", "ecert") and not v.photos.get(ref) and ref not in v.ecerts:
                v.ways.pop(ref)
        if v.step in (Step.PHOTO, Step.ECERT_SCAN) and self._offers_materials():
            return self.go(Step.MATERIALS)
        return self.screen()

    def scan_ecert(self, texts: list[str] | tuple[str, ...]) -> Screen:
        """The QR texts the camera read on the 亮证扫码 screen: an e-certificate reference
        (unverified: the platform checks it) or a plain refusal, and the screen stays."""
        from kiosk.ecert import ECertReference, read_ecert

        v = self.visit
        if v.step is not Step.ECERT_SCAN:
            raise FlowError("scan_ecert is on the 亮证扫码 screen")
        names = {ref: m.name for ref, m in self.catalog.materials.items()}
        hosts = tuple(getattr(self.host.config, "ecert_hosts", ()) or ())
        got = read_ecert(list(texts), v.arg, names, hosts)
        if not isinstance(got, ECertReference):
            log.info("e-certificate refused: %s", got.reason)
            v.scan_error = got.message
            return self.screen()
        ref = v.arg
        ms.forget(self, ref)
        v.ecerts[ref], v.ways[ref], v.scan_error = got, "ecert", ""
        return self.go(Step.MATERIALS)

    def scan_camera(self) -> Screen:
        """One still from the camera read for QR codes (a device action: off the GUI
        thread); the live screen calls ``scan_ecert`` with what its preview found."""
        from devices.camera.qr import scan_qr

        try:
            frame = self.host.devices.camera.capture()
            import cv2
            import numpy as np

            img = cv2.imdecode(np.frombuffer(frame.jpeg, np.uint8), cv2.IMREAD_COLOR)
            texts = scan_qr(img) if img is not None else []
        except Exception as exc:
            return self.fail(exc)
        return self.scan_ecert(texts)

    def sign(self, strokes: Any, width: float, height: float) -> Screen:
        """确认 under the pad: the strokes become the case's SignedCommitment for every
        item offering this 告知承诺 (a tap, a line or a scribble too small is refused in
        plain words and nothing is bound); a commitment that replaces a material covers it."""
        from kiosk.signature import SignatureError, signed_commitment, simplify

        v = self.visit
        if v.step is not Step.SIGN:
            raise FlowError("sign is on the 告知承诺 screen")
        o, items = ms.option(self, v.arg)
        try:
            sig = simplify(ms.points(strokes), width, height)
            at = dt.datetime.now(dt.UTC).isoformat(timespec="seconds")
            v.signed[o.id] = [signed_commitment(it.code, o, sig, at) for it in items]
        except (SignatureError, ValueError, TypeError) as exc:
            v.sign_error = str(exc) if isinstance(exc, SignatureError) else \
                QT_TRANSLATE_NOOP("kiosk", "签名数据有误，请重新签名")
            return self.screen()
        v.sign_error = ""
        v.confirmed[o.id] = at
        asked = {a.choice.ref for a in ms.pending(self)}
        for ref in o.replaces:
            if ref in asked:
                ms.forget(self, ref)
                v.ways[ref] = "commitment"
        if v.history and v.history[-1][0] is Step.MATERIALS:
            return self.go(Step.MATERIALS)
        return self.go(Step.CHECK_ANSWERS)

    def resign(self) -> Screen:
        """重签: the pad is cleared by the screen; a signature already bound is withdrawn."""
        v = self.visit
        if v.step is not Step.SIGN:
            raise FlowError("resign is on the 告知承诺 screen")
        v.signed.pop(v.arg, None)
        v.confirmed.pop(v.arg, None)
        v.sign_error = ""
        return self.screen()

    # 核对信息 ----------------------------------------------------------------------------------

    def change(self, key: str) -> Screen:
        """修改 beside an answer: back to its question or form page, then straight back."""
        v = self.visit
        if v.step not in (Step.CHECK_ANSWERS, Step.PROBLEM):
            raise FlowError("修改 is offered on 核对信息")
        v.returning_to_check = True
        v.problem = None
        if v.step is Step.PROBLEM:
            v.step, v.arg = Step.CHECK_ANSWERS, ""
        if key.startswith("q:") and key[2:] in self.catalog.questions:
            return self.go(Step.QUESTION, key[2:])
        if key.startswith("material:"):
            ref = key.split(":", 1)[1]
            if self._offers_materials() and any(
                    a.choice.ref == ref and {o.way.value for o in a.choice.options} != {"photo"}
                    for a in ms.pending(self)):
                return self.go(Step.MATERIALS)
            return self.go(Step.PHOTO, ref)
        form = self._typing_form()
        if key in form.fields:
            return self.go(Step.FORM, str(fp.page_of(form, key, self.page_size())))
        q = g.next_question(self.catalog, self._entry(), self._answers(), v.unknown)
        if q is not None:
            return self.go(Step.QUESTION, q.id)
        return self.go(Step.FORM, "0") if form.fields else self.screen()

    def consent(self, yes: bool) -> Screen:
        self.visit.consent_at = dt.datetime.now(dt.UTC).isoformat(timespec="seconds") \
            if yes else ""
        return self.screen()

    def confirm_commitment(self, option_id: str, yes: bool = True) -> Screen:
        """The 告知承诺's button on 核对信息. A touch is not a commitment: ``yes`` opens the
        signature pad under the full text (only ``sign`` with a real signature confirms
        it, see ``kiosk.signature``); ``yes=False`` withdraws a signature already bound."""
        v = self.visit
        if yes:
            if v.step is not Step.CHECK_ANSWERS:
                raise FlowError("a 告知承诺 is confirmed from 核对信息")
            ms.option(self, option_id)
            v.sign_error = ""
            return self.go(Step.SIGN, option_id)
        v.signed.pop(option_id, None)
        v.confirmed.pop(option_id, None)
        return self.screen()

    def defer(self, ref: str, yes: bool = True) -> Screen:
        """容缺: hand a deferrable material in later (by the date the receipt states)."""
        if yes:
            self.visit.deferred.add(ref)
        else:
            self.visit.deferred.discard(ref)
        return self.screen()

    def _commitments(self) -> list[tuple[Item, Any, bool]]:
        """(item, option, required): a pledge that replaces nothing, or one whose material
        the answers already dropped because the resident chose the 承诺 route, must be
        confirmed; the others are the resident's choice."""
        from kiosk.forms.bundle import applicable_materials

        out: list[tuple[Item, Any, bool]] = []
        seen: set[str] = set()
        answers = self._answers()
        for it in self._items():
            applicable = {m.ref for m, _ in applicable_materials(it, answers)}
            listed = {m.ref for m in it.materials}
            for o in it.commitment_options:
                required = not o.replaces or any(r in listed and r not in applicable
                                                  for r in o.replaces)
                if o.id not in seen:
                    seen.add(o.id)
                    out.append((it, o, required))
        return out

    def _commitment_items(self, option_id: str) -> set[str]:
        return {it.code for it in self._items()
                for o in it.commitment_options if o.id == option_id}

    def submit(self, consent: bool = False) -> Screen:
        """提交: one case, or one per item of a bundle under one bundle number. ``consent``:
        the button said 同意并提交 (``CheckAnswersView.submit_consents``): the privacy
        notice's consent is recorded with this touch, exactly as 我已阅读，同意 records it."""
        from kiosk.services import submit_application

        v = self.visit
        if v.step is not Step.CHECK_ANSWERS:
            raise FlowError("提交 is on 核对信息")
        if consent is True and not v.consent_at and self._needs_consent():
            self.consent(True)
        missing = self._submit_blockers()
        if missing:
            v.problem = Problem("not_confirmed", QT_TRANSLATE_NOOP("kiosk", "还需要您确认"),
                                "；".join(missing),
                                QT_TRANSLATE_NOOP("kiosk", "请回到核对信息页：阅读后点“我已阅读，"
                                                           "同意”；告知承诺点“签名确认”，"
                                                           "用手指签名。"),
                                Step.CHECK_ANSWERS,
                                QT_TRANSLATE_NOOP("kiosk", "返回核对信息"), details=tuple(missing),
                                kept=True)
            v.move(Step.PROBLEM)
            return self.screen()
        h = self.host
        try:
            cases = submit_application(h.store, self.catalog, h.calendar,
                                       h.config.terminal_id, h.config.region_code,
                                       self._application(), today=self.today())
        except Exception as exc:
            return self.fail(exc)
        v.cases = list(cases)
        v.print_case_id = cases[0].id
        try:
            for case in cases:
                codes = {i.code for i in case.items}
                for _, o, _ in self._commitments():
                    if codes & self._commitment_items(o.id) and o.id in v.signed:
                        h.store.audit("resident", "commitment.confirmed", case.id,
                                      {"option": o.id,
                                       "signed_at": v.confirmed.get(o.id, ""),
                                       "signature": "signed"})
            if v.draft_id:
                h.store.delete_draft(v.draft_id)
                v.draft_id = ""
        except Exception:  # the cases are queued; a missing audit line must not hide that
            log.error("audit or draft cleanup after submit failed")
        h.worker.wake()
        v.history.clear()
        v.printer = self.printer_state()
        return self.go(Step.DONE)

    def _needs_consent(self) -> bool:
        """The catalog marks which fields are personal: a form with any of them (every
        form today: name and ID number) needs the privacy notice accepted."""
        return any(self.catalog.fields[f].personal for f in self._full_form().fields)

    def _submit_blockers(self) -> list[str]:
        v = self.visit
        out = []
        if not v.consent_at and self._needs_consent():
            out.append(CONSENT_NEEDED)
        for _, o, required in self._commitments():
            if required and o.id not in v.signed:  # signed on the pad, never a bare touch
                out.append(arg(QT_TRANSLATE_NOOP("kiosk", "请阅读“%1”并签名确认"), o.title))
        return out

    # Done, receipt, rating ------------------------------------------------------------------

    def refresh_cases(self) -> Screen:
        """The done screen's poll (a device action: run it off the GUI thread): the
        platform's number may have arrived, and the printer is asked how it is."""
        v = self.visit
        v.printer = self.printer_state()
        try:
            v.cases = [self.host.store.with_details(self.host.store.get_case(c.id))
                       for c in v.cases]
        except Exception:
            log.warning("case status could not be re-read")
        return self.screen()

    def print_receipt(self, out: Path | None = None) -> Screen:
        """打印回执 on the done screen (and 再打印一次 after a printer problem)."""
        v = self.visit
        if v.step not in (Step.DONE, Step.PRINT_PROBLEM) or not v.cases:
            raise FlowError("no case to print")
        return self._print(v.cases[0].id, out, back_to=Step.DONE)

    def _print(self, case_id: str, out: Path | None, back_to: Step) -> Screen:
        v = self.visit
        h = self.host
        v.print_case_id = case_id
        try:
            case = h.store.with_details(h.store.get_case(case_id))
            path = out or h.config.receipts_dir / f"{_SAFE.sub('_', case.display_no)}.pdf"
            path.parent.mkdir(parents=True, exist_ok=True)
            pdf = h.receipt(case, path)
            v.receipt_path = str(pdf)
            h.devices.printer.print_pdf(pdf, f"受理回执 {case.display_no}")
        except Exception as exc:
            problem = problem_for(exc, back_to)
            if problem.kind.startswith("printer_"):
                try:
                    h.store.audit("terminal", "receipt.print_failed", case_id,
                                  {"error": type(exc).__name__})
                except Exception:
                    log.error("print failure could not be audited")
                v.problem = Problem(problem.kind, problem.title, problem.words,
                                    problem.next_action, back_to, problem.retry_label,
                                    kept=True)
                v.printer = self.printer_state()
                v.move(Step.PRINT_PROBLEM)
                return self.screen()
            return self.fail(exc)
        if back_to is Step.DONE:
            v.printed = True
            v.printer = self.printer_state()
        v.problem = None
        if v.step is Step.PRINT_PROBLEM:
            v.move(back_to, "")
        return self.screen()

    def skip_print(self) -> Screen:
        """继续 on the printer problem: back to where printing was asked for."""
        v = self.visit
        if v.step is not Step.PRINT_PROBLEM:
            raise FlowError("no printer problem on screen")
        target = v.problem.retry if v.problem is not None else None
        v.problem = None
        v.move(target or Step.DONE, "")
        return self.screen()

    def rate(self) -> Screen:
        """评价 after the case (the national rule: rating is offered after each case)."""
        v = self.visit
        if not v.cases:
            raise FlowError("nothing to rate")
        v.rating_case_id = v.cases[0].id
        v.rating_level, v.rating_error = 0, ""
        return self.go(Step.RATE)

    def choose_level(self, level: int) -> Screen:
        v = self.visit
        v.rating_level = int(Level(level)) if level else 0
        v.rating_error = ""
        return self.screen()

    def submit_rating(self, level: int, reasons: list[str] | tuple[str, ...] = (),
                      phone: str = "") -> Screen:
        """差评 needs a reason (and a phone for the 回访); a good rating needs neither."""
        from kiosk.ratings import RatingInvalid, rating_problems
        from kiosk.ratings import submit_rating as store_rating

        v = self.visit
        if v.step is not Step.RATE:
            raise FlowError("no rating on screen")
        rating = Rating(level=Level(level), reasons=tuple(reasons), phone=phone,
                        case_id=v.rating_case_id)
        problems = rating_problems(rating)
        if needs_phone(rating.level) and not rating.reasons:
            problems.insert(0, QT_TRANSLATE_NOOP("kiosk", "请选择不满意的原因"))
        if problems:
            v.rating_level, v.rating_error = int(rating.level), "；".join(problems)
            return self.screen()
        try:
            store_rating(self.host.store, rating)
        except RatingInvalid as exc:
            v.rating_error = "；".join(exc.problems)
            return self.screen()
        except Exception as exc:
            return self.fail(exc)
        self.host.worker.wake()
        return self.go(Step.RATED)

    def skip_rating(self) -> Screen:
        """不评价: allowed (nobody may be forced to rate); ends the visit like 退出."""
        return self.end("skip_rating")

    def _rate_newest(self) -> Screen:
        v = self.visit
        assert v.applicant is not None
        try:
            cases = self.host.store.cases_for(v.applicant.id_number)
        except Exception as exc:
            return self.fail(exc)
        if not cases:
            return self._query_by_card()  # says 本机没有找到您的办件记录
        newest = max(cases, key=lambda c: c.created_at)
        v.rating_case_id = newest.id
        v.cases = [newest]
        return self.go(Step.RATE)

    # 办件查询 ----------------------------------------------------------------------------------

    def _client(self) -> Any:
        from kiosk.app import QUERY_TIMEOUT_S
        from kiosk.provision import platform_client

        return platform_client(self.host.config, QUERY_TIMEOUT_S)

    def _query_by_card(self) -> Screen:
        from kiosk.status import by_id_number

        v = self.visit
        assert v.applicant is not None
        try:
            answer = by_id_number(self.host.store, self._client(), v.applicant.id_number)
        except Exception as exc:
            return self.fail(exc)
        return self._query_answer("card", answer)

    def query_number(self, typed: str) -> Screen:
        """确定 on the digit pad (or a scanned QR's text, see ``scan_payload``)."""
        from kiosk.status import by_number, number_from_payload

        v = self.visit
        v.query_typed = typed.strip()[:80]
        if number_from_payload(v.query_typed) is None:
            v.query_error = QT_TRANSLATE_NOOP("kiosk", "没有识别出办件编号，"
                                                       "请对照回执上的编号重新输入")
            return self.screen()
        v.query_error = ""
        try:
            answer = by_number(self.host.store, self._client(), v.query_typed,
                               self.host.config.terminal_id)
        except Exception as exc:
            return self.fail(exc)
        return self._query_answer("number", answer)

    def open_scan(self) -> Screen:
        return self.go(Step.QUERY_SCAN)

    def scan_payload(self, text: str) -> Screen:
        """The QR text the camera read (``devices.camera.qr.scan_qr``; the camera loop is
        issue 14): the same lookup as a typed number."""
        return self.query_number(text)

    def open_query_number(self) -> Screen:
        return self.go(Step.QUERY_NUMBER)

    def _query_answer(self, how: str, answer: Any) -> Screen:
        v = self.visit
        v.query_how = how
        v.query_rows = list(answer.lines)
        ids = []
        for line in answer.lines:
            found = self.host.store.find_case(line.number)
            ids.append(found.id if found is not None else "")
        v.query_case_ids = ids
        v.query_note = answer.note
        return self.go(Step.QUERY_RESULT)

    def _row_case(self, index: int) -> str:
        ids = self.visit.query_case_ids
        if not 0 <= index < len(ids) or not ids[index]:
            raise FlowError(f"no query row {index}")
        return ids[index]

    def reprint(self, index: int, out: Path | None = None) -> Screen:
        """补打回执 for one row of the query."""
        return self._print(self._row_case(index), out, back_to=Step.QUERY_RESULT)

    def rate_row(self, index: int) -> Screen:
        v = self.visit
        v.rating_case_id = self._row_case(index)
        v.rating_level, v.rating_error = 0, ""
        return self.go(Step.RATE)

    def open_correction(self, index: int) -> Screen:
        v = self.visit
        v.correction_case_id = self._row_case(index)
        v.correction_printed = False
        return self.go(Step.CORRECTION)

    def print_correction(self, out: Path | None = None) -> Screen:
        from kiosk.receipts import render_correction

        v = self.visit
        view = self._correction_view()
        name = _SAFE.sub("_", view.case_no)
        path = out or self.host.config.receipts_dir / f"correction-{name}.pdf"
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            render_correction(list(view.lines), path)
            self.host.devices.printer.print_pdf(path, f"补正材料清单 {view.case_no}")
        except Exception as exc:
            problem = problem_for(exc, Step.CORRECTION)
            if problem.kind.startswith("printer_"):
                v.print_case_id = v.correction_case_id
                v.problem = Problem(problem.kind, problem.title,
                                    QT_TRANSLATE_NOOP("kiosk", "补正清单没有打印出来。"),
                                    QT_TRANSLATE_NOOP("kiosk", "请记下屏幕上的清单，或拍下来；"
                                                               "也可以请工作人员打印。"),
                                    Step.CORRECTION, QT_TRANSLATE_NOOP("kiosk", "返回清单"))
                v.move(Step.PRINT_PROBLEM)
                return self.screen()
            return self.fail(exc)
        v.correction_printed = True
        return self.screen()

    # 维护信息 --------------------------------------------------------------------------------

    def open_maintenance(self) -> Screen:
        if self.visit.step is not Step.HOME:
            raise FlowError("维护信息 opens from the home screen only")
        return self.go(Step.MAINTENANCE)

    # 怎么用 (教办, issue 15) -------------------------------------------------------------------

    def open_teach(self) -> Screen:
        """怎么用 from the home screen: the walkthrough's first page. The visit is not
        replaced, so 长辈模式 and 高对比度 chosen on the home screen stay on."""
        if self.visit.step is not Step.HOME:
            raise FlowError("怎么用 opens from the home screen only")
        return self.go(Step.TEACH, "0")

    def teach_page(self, index: int) -> Screen:
        """One page of the walkthrough (kept within it: 从头再看 is page 0)."""
        if self.visit.step is not Step.TEACH:
            raise FlowError("not in 怎么用")
        self.visit.arg = str(tc.page_index(str(int(index))))
        return self.screen()

    def teach_next(self) -> Screen:
        """下一步 (the last page stays the last)."""
        return self.teach_page(tc.page_index(self.visit.arg) + 1)

    def teach_back(self) -> Screen:
        """上一步 (the first page stays the first)."""
        return self.teach_page(tc.page_index(self.visit.arg) - 1)

    def teach_done(self) -> Screen:
        """我知道了: the walkthrough ends as every visit does, at the home screen."""
        if self.visit.step is not Step.TEACH:
            raise FlowError("not in 怎么用")
        return self.end("teach")

    # Screens ---------------------------------------------------------------------------------

    def screen(self) -> Screen:
        v = self.visit
        spec = FLOW[v.step]
        try:
            view = self._view()
        except Exception as exc:  # a view that cannot be built is a problem, not a crash
            if v.step is Step.PROBLEM:
                raise
            return self.fail(exc)
        idle = self.host.config.idle_timeout_s if spec.idle_timeout_s == DEFAULT_IDLE \
            else spec.idle_timeout_s
        if v.elder:
            idle *= ELDER_IDLE_FACTOR
        return Screen(v.step, spec.title, view, v.can_back, spec.home, v.masked_name,
                      spec.polls_card, spec.polls_printer, spec.refreshes_case, idle,
                      spec.auto_next_s, spec.hook, v.elder, v.high_contrast)

    def _view(self) -> View:
        v = self.visit
        c = self.catalog
        s = v.step
        if s is Step.HOME:
            return HomeView(self.host.config.region_name,
                            (("start_service", "我要办事"), ("browse", "查看办事指南"),
                             ("start_query", "办件查询"), ("start_rating", "好差评")))
        if s is Step.INSERT_CARD:
            return InsertCardView(v.purpose.value, CARD_PURPOSES.get(v.purpose,
                                                                     INSERT_CARD_PROMPT),
                                  v.card_banner)
        if s is Step.FIND_SERVICE:
            return FindServiceView(tuple(g.entry_card(c, b) for b in c.bundles),
                                   tuple(CategoryCard(cat.id, cat.name, cat.icon, len(items))
                                         for cat, items in categories(c)),
                                   QT_TRANSLATE_NOOP("kiosk", "输入事项名称、拼音或首字母，"
                                                              "例如“养老”“yanglao”“ylbx”"),
                                   g.common_entries(c))
        if s is Step.CATEGORY:
            found = category(c, v.arg)
            assert found is not None
            cat, items = found
            return CategoryView(CategoryCard(cat.id, cat.name, cat.icon, len(items)),
                                tuple(g.entry_card(c, i) for i in items))
        if s is Step.SEARCH:
            hits = self.host.search_index.search(v.search_query)
            # 一件事 first, then items, each in the index's order of relevance
            ordered = [h for h in hits if h.kind == "bundle"] + [h for h in hits
                                                                  if h.kind != "bundle"]
            results = tuple(g.entry_card(c, e) for h in ordered
                            if (e := c.get(h.code)) is not None)
            return SearchView(v.search_query, results, "" if results else NO_SEARCH_RESULT)
        if s is Step.GUIDE:
            return g.guide_view(c, self._entry())
        if s is Step.QUESTION:
            return g.question_view(c, self._entry(), c.questions[v.arg], self._answers(),
                                   v.unknown, g.derived_answers(v.applicant, self.today()),
                                   v.question_error)
        if s is Step.CHECKLIST:
            return g.checklist_view(c, self._entry(), self._clean_answers(),
                                    v.checklist_printed)
        if s is Step.FORM:
            pages = self._pages()
            page = pages[min(int(v.arg or 0), len(pages) - 1)]
            pre = self._prefill()
            full = self._full_form()
            card = tuple(fp.field_view(c, full, f, {f: self._masked_card(f, x)}, None)
                         for f, x in pre.values.items()
                         if pre.sources.get(f) == "card" and f in full.fields)
            card = tuple(replace(fv, source=FROM_CARD, read_only=True) for fv in card)
            return FormView(page.title, page.index + 1, page.count, page.fields, page.summary,
                            card, v.returning_to_check)
        if s is Step.PHOTO:
            need = self._photos_needed()
            name = c.materials[v.arg].name if v.arg in c.materials else v.arg
            spec = c.materials.get(v.arg)
            return PhotoView(name, (need.index(v.arg) + 1) if v.arg in need else 1,
                             max(1, len(need)),
                             (spec.photo_spec if spec and spec.photo_spec else
                              QT_TRANSLATE_NOOP("kiosk", "请把材料平放在拍照区，"
                                                         "文字朝上，不要遮挡")),
                             bool(v.photos.get(v.arg)), v.arg, v.arg == "e_photo",
                             len(v.photos.get(v.arg, ())))
        if s is Step.CHECK_ANSWERS:
            return self._check_view()
        if s is Step.MATERIALS:
            return ms.materials_view(self)
        if s is Step.ECERT_SCAN:
            return ms.ecert_view(self)
        if s is Step.SIGN:
            return ms.sign_view(self)
        if s is Step.DONE:
            return self._done_view()
        if s is Step.PRINT_PROBLEM:
            return self._print_problem_view()
        if s is Step.RATE:
            return self._rate_view()
        if s is Step.RATED:
            return RatedView(RATING_THANKS, FLOW[Step.RATED].auto_next_s)
        if s is Step.QUERY_RESULT:
            return self._query_view()
        if s is Step.QUERY_NUMBER:
            return QueryNumberView(v.query_typed, v.query_error,
                                   QT_TRANSLATE_NOOP("kiosk", "请输入回执上编号里的数字，"
                                                              "字母不用输"))
        if s is Step.QUERY_SCAN:
            return QueryScanView(QT_TRANSLATE_NOOP("kiosk", "请把回执上的二维码对准扫码口"),
                                 FLOW[Step.QUERY_SCAN].hook)
        if s is Step.CORRECTION:
            return self._correction_view()
        if s is Step.PROBLEM:
            assert v.problem is not None
            return ProblemView(v.problem)
        if s is Step.TEACH:
            i = tc.page_index(v.arg)
            return TeachView(i, len(tc.PAGES), tc.PAGES[i])
        assert s is Step.MAINTENANCE
        return MaintenanceScreen(self.host.maintenance_view())

    def _masked_card(self, f: str, x: Any) -> str:
        text = fp.as_text(x)
        if f in ("name",) or f.endswith("_name"):
            return mask_name(text)
        if f == "id_number" or f.endswith("id_number"):
            return mask_id_number(text)
        if "address" in f:
            return mask_address(text)
        if f == "birth_date" and len(text) >= 4:
            # the ID number is masked for this very reason
            return arg(QT_TRANSLATE_NOOP("kiosk", "%1年**月**日"), text[:4])
        if f == "nation_code":
            return NATIONS.get(text, text)  # 汉族, not the card's code "01"
        return text

    def _check_view(self) -> CheckAnswersView:
        v = self.visit
        c = self.catalog
        entry = self._entry()
        derived = g.derived_answers(v.applicant, self.today())
        answers = self._answers()
        rows = []
        for q in questions_for(c, entry):
            if not g.visible(q, answers):
                continue
            if q.id in derived and q.id not in v.answers:
                rows.append(AnswerRow(f"q:{q.id}", q.text, g.answer_words(q, derived[q.id]),
                                      QT_TRANSLATE_NOOP("kiosk", "根据身份证"), False))
            elif q.id in v.answers or q.id in v.unknown:
                rows.append(AnswerRow(f"q:{q.id}", q.text,
                                      g.answer_words(q, v.answers.get(q.id)), "", True))
        pre = self._prefill()
        full = self._full_form()
        fields = [AnswerRow(f, c.fields[f].label, self._masked_card(f, x), FROM_CARD, False)
                  for f, x in pre.values.items() if pre.sources.get(f) == "card"
                  and f in full.fields]
        form = self._typing_form()
        values = {**{f: x for f, x in pre.values.items() if f in form.fields}, **v.entered}
        for a in fp.answers(c, form, values, pre):
            fields.append(AnswerRow(a.field, a.label, a.text, a.source, True))
        problems = self._plan_problems()
        plan_materials = self._plan_materials()
        mats: list[MaterialRow] = []
        for it in self._items():
            for m in it.materials:
                if m.ref in {x.ref for x in mats} or m.ref not in plan_materials:
                    continue
                mats.append(MaterialRow(m.ref, c.materials[m.ref].name,
                                        plan_materials[m.ref],
                                        m.defer_days if m.deferrable else None,
                                        m.ref in v.deferred))
        commitments = tuple(CommitmentText(
            o.id, o.title, o.text, tuple(c.materials[r].name for r in o.replaces
                                         if r in c.materials), o.id in v.signed)
            for _, o, _ in self._commitments())
        offered = tuple(c.fields[f].label for f in pre.offered if f in form.fields)
        promised = "；".join(f"{i.name}：{i.time_limit.words}" for i in self._items())
        blockers = self._submit_blockers()
        return CheckAnswersView(
            title=arg(QT_TRANSLATE_NOOP("kiosk", "核对%1的信息"), entry.name),
            answers=tuple(rows), fields=tuple(fields),
            materials=tuple(mats), commitments=commitments,
            deferral_text=DEFERRAL_TEXT if any(m.deferrable_days for m in mats) else "",
            privacy_notice=PRIVACY_NOTICE if self._needs_consent() else "",
            needs_consent=self._needs_consent(), consented=bool(v.consent_at),
            history_offer=offered, history_used=v.history_consent,
            problems=tuple(problems),
            can_submit=not problems and not blockers,
            submit_consents=not problems and blockers == [CONSENT_NEEDED],
            promised=arg(QT_TRANSLATE_NOOP("kiosk", "办理时限：%1"), promised) if promised else "",
            for_whom=self._plan_subjects())

    def _plan_materials(self) -> dict[str, str]:
        """Material ref → what will happen to it (words), as the submission would record."""
        from kiosk.services import check

        plan = check(self.catalog, self.host.calendar, self._application(), self.today())
        out: dict[str, str] = {}
        for pc in plan.cases:
            for r in pc.materials:
                words = MATERIAL_WORDS[r.status]
                if r.due:
                    words = arg(QT_TRANSLATE_NOOP("kiosk", "%1（%2前补交）"), words,
                                _date_words(r.due, r.due_estimated))
                out.setdefault(r.ref, words)
        from kiosk.forms.bundle import applicable_materials

        for it in self._items():  # not covered yet (a photo still to take, a choice to make)
            for m, _ in applicable_materials(it, self._answers()):
                if m.necessity is not Necessity.OPTIONAL:
                    out.setdefault(m.ref, QT_TRANSLATE_NOOP("kiosk", "还需要提供"))
        return out

    def _done_view(self) -> DoneView:
        v = self.visit
        lines = []
        for case in v.cases:
            items = tuple(i for ci in case.items
                          if (i := self.catalog.get(ci.code)) is not None and isinstance(i, Item))
            lines.append(CaseLine(case.display_no, tuple(i.name for i in case.items),
                                  STATUS_WORDS[case.status], promised_words(case, items),
                                  for_whom_words(case.subject)))
        dated = [c for c in v.cases if c.promised_by]
        latest = max(dated, key=lambda c: c.promised_by or "") if dated else None
        promised = promised_words(latest, ()) if latest else (lines[0].promised if lines else "")
        words, ready = v.printer or ("", False)
        # Printed by itself once, on arrival: never again after a print was tried (a
        # failure, then 继续, leaves 打印回执 to the resident).
        auto = ready and bool(v.cases) and not v.printed and not v.receipt_path
        return DoneView(tuple(lines), (v.cases[0].bundle_no or "") if v.cases else "",
                        promised, words, ready, v.printed, True, auto)

    def printer_state(self) -> tuple[str, bool]:
        """The printer's real state, in words, read now."""
        try:
            st = self.host.devices.printer.status()
        except Exception:
            return QT_TRANSLATE_NOOP("kiosk", "打印机状态读不出来"), False
        if isinstance(st, PrinterReady):
            return QT_TRANSLATE_NOOP("kiosk", "打印机正常"), True
        if isinstance(st, OutOfPaper):
            return QT_TRANSLATE_NOOP("kiosk", "打印机缺纸"), False
        if isinstance(st, PaperJam):
            return QT_TRANSLATE_NOOP("kiosk", "打印机卡纸"), False
        if isinstance(st, PrinterOffline):
            return QT_TRANSLATE_NOOP("kiosk", "打印机未连接"), False
        return QT_TRANSLATE_NOOP("kiosk", "打印机状态未知"), False

    def _print_problem_view(self) -> PrintProblemView:
        from kiosk.receipts import query_payload

        v = self.visit
        assert v.problem is not None
        case = self.host.store.get_case(v.print_case_id)
        case = self.host.store.with_details(case)
        return PrintProblemView(
            v.problem, case.display_no, case.bundle_no or "",
            query_payload(self.host.receipt_context, case),
            (QT_TRANSLATE_NOOP("kiosk", "请用手机拍下这个页面，或记下上面的编号"),
             QT_TRANSLATE_NOOP("kiosk", "凭编号可在任何一台终端“办件查询”里查看和补打回执"),
             QT_TRANSLATE_NOOP("kiosk", "也可以拨打12345，报编号查询办理进度")))

    def _rate_view(self) -> RateView:
        v = self.visit
        case = self.host.store.get_case(v.rating_case_id)
        level = Level(v.rating_level) if v.rating_level else None
        return RateView(case.display_no, v.rating_level,
                        tuple((int(lv), LEVEL_WORDS[lv]) for lv in sorted(Level, reverse=True)),
                        reasons_for(level) if level else (),
                        bool(level and needs_phone(level)), v.rating_error, True)

    def _query_view(self) -> QueryView:
        v = self.visit
        rows = []
        for i, line in enumerate(v.query_rows):
            rows.append(QueryRow(
                i, line.number, line.bundle_no or "", line.items, line.status, line.detail,
                _date_words(line.created_at[:10]) if line.created_at else "",
                needs_correction=line.status.startswith(STATUS_WORDS[CaseStatus.NEEDS_CORRECTION]),
                can_reprint=bool(v.query_case_ids[i]), can_rate=bool(v.query_case_ids[i])))
        return QueryView(v.query_how, tuple(rows), v.query_note, v.masked_name)

    def _correction_view(self) -> CorrectionView:
        from kiosk.status import missing_list

        v = self.visit
        case = self.host.store.with_details(self.host.store.get_case(v.correction_case_id))
        # ONE complete list (一次性告知): the platform's, when it sent one, with the 容缺
        # materials this terminal knows are owed (kiosk.status.missing_list merges them).
        correction = self.host.store.correction(case.id)
        missing = [MissingRow(m.name, m.what_to_do, _date_words(m.due, m.due_estimated))
                   for m in missing_list(case, correction, self.catalog)]
        where = "；".join(dict.fromkeys(
            i.accepting_body for ci in case.items
            if isinstance(i := self.catalog.get(ci.code), Item)))
        lines = [f"补正材料清单 {case.display_no}",
                 "办理事项：" + "、".join(i.name for i in case.items),
                 "以下是还需要补正的全部材料（一次性告知）："]
        for n, r in enumerate(missing, 1):
            lines.append(f"{n}. {r.name}：{r.what_to_do}" + (f"，{r.due}前" if r.due else ""))
        if not missing:
            lines.append("平台没有列出具体材料，请带上回执和身份证到窗口，工作人员会一次性告知。")
        lines.append(f"办理地点：{where or '便民服务中心'}")
        lines.append("咨询电话：12345")
        return CorrectionView(case.display_no, tuple(i.name for i in case.items),
                              tuple(missing), tuple(lines), where or "便民服务中心", "12345",
                              v.correction_printed, correction is not None)

    # Drafts -----------------------------------------------------------------------------------

    def _save_draft(self) -> None:
        """What the resident typed survives a power cut (wiped at every way out)."""
        v = self.visit
        if v.applicant is None or not v.entry_code:
            return
        body = {"entry": v.entry_code, "answers": v.answers, "unknown": sorted(v.unknown),
                "entered": v.entered}
        try:
            v.draft_id = self.host.store.save_draft("resident", v.applicant.id_number, body,
                                                    v.draft_id or None)
        except Exception:
            log.error("draft could not be saved")  # the visit goes on; submit will tell
