"""Sample residents, answers and screens, derived from the catalog — Qt-free.

Three users: the flow tests (every item and bundle, card to receipt), ``kiosk demo
--headless --item CODE`` (the same scripted visit through the real QML) and
``kiosk screenshots`` (every screen state). Values come from each field's JSON Schema and
``ui:widget``/check (a valid mobile number, a date in range, an enum option …) and answers
from each question's definition, so a new catalog item is covered the day it is added.

Identities are made up; only their masked forms ever reach a screen. The screens are
produced by the real flow (``kiosk.flow``) run in a throwaway sandbox terminal (temporary
data folder, mock devices driven from here), so a sample screen is what a resident would
see, never a hand-made imitation of it.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import tempfile
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, replace
from itertools import product
from pathlib import Path
from typing import TYPE_CHECKING, Any

import jsonschema

from devices.idcard import CardError, CardRead, IdCard, ReaderError
from kiosk.catalog.model import Bundle, Catalog, FieldDef, Item, Question, SelfService
from kiosk.flow import UNKNOWN, Screen, Step
from kiosk.flow.guide import DERIVED, NO, YES, counter_items, items_of
from kiosk.forms.validators import luhn_ok
from kiosk.guide.checklist import questions_for
from kiosk.guide.rules import referenced_questions
from kiosk.identity import gb11643_check_char

if TYPE_CHECKING:
    from kiosk.app import Kiosk
    from kiosk.config import Config
    from kiosk.flow import ResidentFlow

SAMPLE_NAME = "张桂兰"


def make_id(first17: str) -> str:
    return first17 + gb11643_check_char(first17)


def sample_card(born: dt.date = dt.date(1950, 3, 12)) -> IdCard:
    """The demo's resident (kiosk.demo.sample_card), optionally born on another day."""
    first17 = f"420102{born:%Y%m%d}002"
    return IdCard(name=SAMPLE_NAME, id_number=make_id(first17), sex_code="2",
                  nation_code="01", birth_date=born,
                  address="湖北省武汉市江岸区示范街道示范社区8号", issuer="武汉市公安局江岸分局",
                  valid_from=dt.date(2016, 5, 1), valid_until=None)


def sample_cards() -> dict[str, IdCard]:
    """One card of each kind the readers deliver (devices.idcard.codes), made up."""
    resident = sample_card()
    permit_first17 = "81000019850607001"
    return {
        "resident": resident,
        "hk_mo_tw_permit": replace(resident, name="陈美玲", id_number=make_id(permit_first17),
                                   birth_date=dt.date(1985, 6, 7), card_type="hk_mo_tw_permit",
                                   address="", issuer="武汉市公安局", pass_number="H01234567",
                                   issue_count="01",
                                   valid_until=dt.date(2031, 5, 1)),
        "foreign_permanent_2023": replace(
            resident, name="王安娜", id_number=make_id("93315619800101001"),
            birth_date=dt.date(1980, 1, 1), card_type="foreign_permanent_2023", address="",
            english_name="WANG, ANNA", nationality="CAN", issuer="国家移民管理局",
            valid_until=dt.date(2033, 1, 1)),
    }


# Form values ----------------------------------------------------------------------------------


_TEXT_BY_ID = (
    ("address", "湖北省武汉市江岸区幸福路12号"),  # not the card's: typed, not read
    ("hospital", "武汉市第一人民医院"),
    ("disease", "高血压"),
    ("bank_name", "中国农业银行"),
    ("employer", "示范村农业合作社"),
    ("reason", "家中老人突发重病住院，医疗费用超出家庭承受能力"),
    ("name", "李明华"),
)


def _from_pattern(pattern: str) -> str | None:
    """The simplest text matching a pattern made of literals, classes and counts."""
    p = pattern.removeprefix("^").removesuffix("$")
    out, i = [], 0
    while i < len(p):
        ch = p[i]
        if ch == "[":
            j = p.index("]", i)
            cls = p[i + 1:j]
            if not cls or cls[0] == "^":
                return None
            atom, i = cls[0], j + 1
        elif ch == "\\" and i + 1 < len(p):
            atom, i = {"d": "0"}.get(p[i + 1], p[i + 1]), i + 2
        elif ch in "()|.":
            return None
        else:
            atom, i = ch, i + 1
        n = 1
        if i < len(p) and p[i] == "{":
            j = p.index("}", i)
            n, i = int(p[i + 1:j].split(",")[0]), j + 1
        elif i < len(p) and p[i] in "?*":
            n, i = 0, i + 1
        elif i < len(p) and p[i] == "+":
            i += 1
        out.append(atom * n)
    return "".join(out)


def _luhn(prefix: str) -> str:
    return next(prefix + d for d in "0123456789" if luhn_ok(prefix + d))


def sample_value(d: FieldDef, today: dt.date, last: bool = False) -> str:
    """Text a resident could type into this field and have accepted. ``last`` picks the
    other end of ranges and option lists (a second path through the same form)."""
    s = d.schema
    if d.check == "id_number" or d.widget == "idnumber":
        return make_id("11010119900307001")
    if d.check == "mobile" or d.widget == "phone":
        return "13900139000" if last else "13800138000"
    if d.check == "bank_card":
        return _luhn("622848001234567")
    if d.check == "region_code":
        return "420102001001"
    if d.check in ("date", "past_date") or d.widget == "date":
        return (today - dt.timedelta(days=30 if last else 400)).isoformat()
    enum = s.get("enum")
    if enum:
        return str(enum[-1] if last else enum[0])
    if s.get("type") in ("integer", "number"):
        lo = s.get("minimum")
        if lo is None and s.get("exclusiveMinimum") is not None:
            lo = s["exclusiveMinimum"] + 1
        hi = s.get("maximum")
        value = (hi if last and hi is not None else lo) if lo is not None else (hi or 1)
        if hi is not None and lo is not None and last:
            value = hi
        return str(int(value))
    if s.get("pattern"):
        made = _from_pattern(str(s["pattern"]))
        if made is not None:
            return made
    text = next((t for key, t in _TEXT_BY_ID if key in d.id), "示范填写内容")
    lo, hi = int(s.get("minLength", 0)), int(s.get("maxLength", 200))
    while len(text) < lo:
        text += "，情况属实"
    return text[:hi]


def sample_values(catalog: Catalog, fields: list[str] | tuple[str, ...], today: dt.date,
                  last: bool = False) -> dict[str, str]:
    out = {f: sample_value(catalog.fields[f], today, last) for f in fields}
    for f, text in out.items():  # the sampler must agree with the schema it samples
        jsonschema.validate(_typed(catalog.fields[f], text), catalog.fields[f].schema)
    return out


def _typed(d: FieldDef, text: str) -> Any:
    t = d.schema.get("type")
    if t == "integer":
        return int(text)
    if t == "number":
        return float(text)
    return text


# Answers ---------------------------------------------------------------------------------------


def screen_value(q: Question, answer: Any) -> str:
    """An answer as the question screen hands it back (yes/no, option value, digits)."""
    if answer is None:
        return UNKNOWN
    if q.kind == "yesno":
        return YES if answer else NO
    return str(answer)


def _candidates(q: Question, thresholds: set[int]) -> list[Any]:
    if q.kind == "yesno":
        return [True, False]
    if q.kind == "choice":
        return [o.value for o in q.options]
    lo, hi = q.min or 0, q.max if q.max is not None else 130
    return sorted({lo, hi, *(t for t in thresholds if lo <= t <= hi),
                   *(t - 1 for t in thresholds if lo <= t - 1 <= hi)})


def item_answers(catalog: Catalog, item: Item, last: bool = False) -> dict[str, Any]:
    """Every yes/no answered 是 (or 否 with ``last``), the first (last) option, the lowest
    (highest) number: two paths that between them meet every conditional material."""
    out: dict[str, Any] = {}
    for q in questions_for(catalog, item):
        if q.id in DERIVED:
            continue
        c = _candidates(q, set())
        out[q.id] = c[-1] if last else c[0]
    return out


def bundle_answers(catalog: Catalog, bundle: Bundle, derived: Mapping[str, Any]
                   ) -> dict[str, Any]:
    """The answers that select the most items the terminal can take (none counter-only),
    found by trying every combination of the bundle's own questions."""
    rules = [bi.when for bi in bundle.items if bi.when is not None]
    thresholds: set[int] = set()
    for r in rules:
        _thresholds(r, thresholds)
    qs = [q for q in questions_for(catalog, bundle) if q.id not in derived
          and any(q.id in referenced_questions(r) for r in rules)]
    best: tuple[int, dict[str, Any]] = (-1, {})
    for combo in product(*(_candidates(q, thresholds) for q in qs)):
        answers = {**derived, **{q.id: v for q, v in zip(qs, combo, strict=True)}}
        if counter_items(catalog, bundle, answers):
            continue
        n = len(items_of(catalog, bundle, answers))
        if n > best[0]:
            best = (n, {q.id: v for q, v in zip(qs, combo, strict=True)})
    others = {q.id: _candidates(q, thresholds)[0] for q in questions_for(catalog, bundle)
              if q.id not in derived and q.id not in best[1]}
    return {**others, **best[1]}


def _thresholds(rule: Mapping[str, Any], out: set[int]) -> None:
    for key in ("all", "any"):
        for r in rule.get(key, []):
            _thresholds(r, out)
    if "not" in rule:
        _thresholds(rule["not"], out)
    for key in ("gte", "lt"):
        if isinstance(rule.get(key), int):
            out.add(int(rule[key]))


# The scripted visit ----------------------------------------------------------------------------


class VisitFailed(AssertionError):
    """The scripted visit met a screen it could not get past; ``screen`` says which."""

    def __init__(self, message: str, screen: Screen) -> None:
        super().__init__(f"{message} (on {screen.step.value})")
        self.screen = screen


@dataclass(frozen=True)
class VisitResult:
    screens: tuple[Screen, ...]
    answers: Mapping[str, Any]
    submitted: bool  # False for counter-only entries (guide + checklist only)


def scripted_visit(flow: ResidentFlow, code: str, card: IdCard, last: bool = False,
                   on_screen: Callable[[Screen], None] | None = None,
                   receipt: Path | None = None, every_way: bool = False) -> VisitResult:
    """A resident's whole visit for ``code`` (an item or a bundle): card → find (search by
    the entry's name) → guide → questions → form → photos → check answers → submit →
    receipt. Counter-only entries stop after the guide and the printed checklist.
    ``every_way`` (the demo): every material offered a way gets one, the least used so far
    (容缺, 亮证扫码, 拍照 …), and each 告知承诺 is signed on the pad instead of touched."""
    catalog = flow.catalog
    entry = catalog.get(code)
    if entry is None:
        raise KeyError(code)
    screens: list[Screen] = []

    def see(s: Screen) -> Screen:
        screens.append(s)
        if on_screen is not None:
            on_screen(s)
        if s.step is Step.PROBLEM:
            view = s.view
            raise VisitFailed(f"problem: {getattr(view, 'problem', view)}", s)
        return s

    s = see(flow.start("service"))
    s = see(flow.on_card(CardRead(card)))
    if s.step is not Step.FIND_SERVICE:
        raise VisitFailed("card not accepted", s)
    s = see(flow.search(entry.name))
    if not any(r.code == code for r in getattr(s.view, "results", ())):
        raise VisitFailed(f"search for its name did not find {code}", s)
    s = see(flow.open_entry(code))
    derived = {k: v for k, v in flow.current_answers().items() if k in DERIVED}
    if isinstance(entry, Bundle):
        answers: dict[str, Any] = bundle_answers(catalog, entry, derived)
    else:
        answers = item_answers(catalog, entry, last)
    counter = isinstance(entry, Item) and entry.self_service is SelfService.COUNTER
    if counter:
        s = see(flow.show_checklist())
        return VisitResult(tuple(screens), answers, False)
    s = see(flow.apply())
    used: dict[str, int] = {}
    for _ in range(200):
        if s.step is Step.QUESTION:
            q = catalog.questions[flow.visit.arg]
            s = see(flow.answer(screen_value(q, answers.get(q.id))))
        elif s.step is Step.CHECKLIST:
            s = see(flow.apply())
        elif s.step is Step.FORM:
            view = s.view
            fields = [f for f in getattr(view, "fields", ()) if not f.read_only]
            if getattr(view, "errors", ()):
                raise VisitFailed("form refused: " + "；".join(
                    e.message for e in view.errors), s)  # type: ignore[union-attr]
            values = sample_values(catalog, [f.id for f in fields], flow.today(), last)
            s = see(flow.continue_form(values))
        elif s.step is Step.PHOTO:
            s = see(flow.take_photo())
        elif s.step is Step.MATERIALS:
            s = see(_cover_one(flow, s, used if every_way else None)
                    or flow.continue_materials())
        elif s.step is Step.ECERT_SCAN:
            ref = flow.visit.arg
            s = see(flow.scan_ecert([f"DZZZ1:{ref.upper()}:5101232026000123:7F3A9C2E11B04D58"]))
        elif s.step is Step.SIGN:
            s = see(flow.sign(*sample_signature()))
        elif s.step is Step.CHECK_ANSWERS:
            s = see(flow.consent(True))
            for c in getattr(s.view, "commitments", ()):
                if not c.confirmed:  # a 告知承诺 is signed on the pad, never touched
                    see(flow.confirm_commitment(c.id, True))
                    s = see(flow.sign(*sample_signature()))
            if not getattr(s.view, "can_submit", False):
                raise VisitFailed("cannot submit: " + "；".join(
                    p.message for p in getattr(s.view, "problems", ())), s)
            s = see(flow.submit())
        elif s.step is Step.DONE:
            s = see(flow.print_receipt(receipt))
            return VisitResult(tuple(screens), answers, True)
        else:
            raise VisitFailed("unexpected screen", s)
    raise VisitFailed("the visit did not end within 200 screens", s)


def sample_signature(width: float = 600, height: float = 240
                     ) -> tuple[list[list[list[float]]], float, float]:
    """Three strokes shaped like a short handwritten name (what the demo signs with)."""
    import math

    strokes = [[[width * (0.15 + 0.25 * k) + 40 * t / 20,
                 height * 0.3 + height * 0.4 * math.sin(t / 3) ** 2] for t in range(21)]
               for k in range(3)]
    return strokes, width, height


def _cover_one(flow: ResidentFlow, s: Screen, used: dict[str, int] | None = None
               ) -> Screen | None:
    """The scripted choice for the first material the item cannot do without that is not
    covered yet (the others go to the counter, as a resident who skips them): a photo
    where the camera may take it, else 容缺, else the 告知承诺, else the e-certificate;
    None when all are."""
    order = ("defer", "ecert", "photo", "commitment")
    for line in getattr(s.view, "materials", ()):
        if line.chosen_words or not line.ways or (used is None and not line.needed):
            continue
        ways = [w.way for w in line.ways]
        if used is not None:  # the demo: the way used least so far
            way = min(ways, key=lambda w: (used.get(w, 0), order.index(w)))
            used[way] = used.get(way, 0) + 1
            return flow.choose_way(line.ref, way)
        for way in ("photo", "defer", "commitment", "ecert"):
            if way in ways:
                return flow.choose_way(line.ref, way)
    return None


def _sample_materials(f: ResidentFlow, s: Screen, add: Callable[[str, Screen], Screen],
                      suffix: str = "") -> Screen:
    """The materials screens (issue 14): the list, 容缺 chosen, 亮证扫码 before and after a
    wrong code, the 告知承诺 pad with its refusal of a dot; then 继续."""
    add("materials_list" + suffix, s)
    lines = list(getattr(s.view, "materials", ()))
    ways = {w.way: m.ref for m in lines for w in m.ways}
    if "ecert" in ways:
        add("ecert_scan", f.choose_way(ways["ecert"], "ecert"))
        add("ecert_scan_refused", f.scan_ecert(["https://example.com/not-a-licence"]))
        f.back()
    if suffix:
        return s
    if "commitment" in ways:
        add("sign_pad", f.choose_way(ways["commitment"], "commitment"))
        add("sign_refused", f.sign([[[100.0, 100.0]]], 600, 240))
        f.back()  # signed later on 核对信息 (check_answers_confirmed)
    if "defer" in ways:
        s = add("materials_defer_chosen", f.choose_way(ways["defer"], "defer"))
    return f.continue_materials()


# Sample screens for `kiosk screenshots` -----------------------------------------------------------


@contextlib.contextmanager
def sandbox(base: Config) -> Iterator[Kiosk]:
    """A throwaway terminal: temporary data folder, mock devices, an unreachable platform
    (queries say they show local records). Nothing touches the real terminal's store."""
    from kiosk.app import Kiosk
    from kiosk.config import DeviceChoice

    with tempfile.TemporaryDirectory(prefix="kiosk-samples-") as tmp:
        cfg = replace(base, data_dir=Path(tmp) / "data", platform_url="http://127.0.0.1:9",
                      devices=DeviceChoice())
        kiosk = Kiosk.open(cfg)
        try:
            yield kiosk
        finally:
            kiosk.close()


def sample_screens(base: Config, elder: bool = False, high_contrast: bool = False
                   ) -> list[tuple[str, Screen]]:
    """At least 30 distinct screen states, each from the real flow in a sandbox; with
    ``elder``/``high_contrast``, every visit of the samples chosen in 长辈模式/高对比度 on
    its home screen, as a resident would (so form pages are 长辈模式's too)."""
    from devices.printer.mock import MockPrinter
    from kiosk.flow.problems import problem_for
    from kiosk.store import StoreError
    from sync.client import PlatformUnavailable

    out: list[tuple[str, Screen]] = []
    with sandbox(base) as k:
        f = k.flow
        card = sample_card(dt.date(1940, 3, 12))

        def display() -> None:  # the home screen's 长辈模式/高对比度, before each visit
            f.set_elder(elder)
            f.set_contrast(high_contrast)

        def end() -> None:
            f.end("sample")
            display()

        display()

        def add(name: str, s: Screen) -> Screen:
            # (a sample set up outside a visit, such as 维护信息's, still shows the mode)
            out.append((name, replace(s, elder=elder, high_contrast=high_contrast)))
            return s

        add("home", f.screen())
        # 怎么用 (教办): every page of the walkthrough, opened from the home screen
        from kiosk.flow.teach import PAGES as TEACH_PAGES

        f.open_teach()
        for i, page in enumerate(TEACH_PAGES):
            add(f"teach_{page.id}", f.teach_page(i))
        end()
        add("insert_card", f.start("service"))
        add("insert_card_unreadable", f.on_card(CardError("sample")))
        add("insert_card_reader_broken", f.on_card(ReaderError("sample")))
        add("insert_card_expired", f.on_card(CardRead(replace(
            card, valid_until=dt.date(2020, 1, 1)))))
        add("find_service", f.on_card(CardRead(card)))
        add("category", f.open_category("shebao"))
        f.back()
        add("search_results", f.search("ylbx"))
        f.back()
        add("search_empty", f.search("飞机票"))
        f.back()
        add("guide_counter_only", f.open_entry("LOCAL-NY-0001"))
        add("checklist_counter_only", f.show_checklist())
        add("problem_counter_only", f.apply())
        end()

        f.start("service")
        f.on_card(CardRead(card))
        add("guide_item", f.open_entry("LOCAL-MZ-0004"))
        add("question_yesno", f.apply())
        f.answer(NO)
        add("question_second", f.screen())
        f.answer(UNKNOWN)
        s = f.screen()
        while s.step is Step.QUESTION:
            s = f.answer(NO)
        add("checklist_pending", s)
        s = add("form_page", f.apply())
        add("form_errors", f.continue_form({"phone": "1380013", "household_size": "0"}))
        fields = [x.id for x in getattr(f.screen().view, "fields", ()) if not x.read_only]
        s = f.continue_form(sample_values(k.catalog, fields, f.today()))
        while s.step is Step.FORM:
            fields = [x.id for x in getattr(s.view, "fields", ()) if not x.read_only]
            s = f.continue_form(sample_values(k.catalog, fields, f.today()))
        if s.step is Step.MATERIALS:
            s = _sample_materials(f, s, add)
        add("check_answers_before_consent", s)
        s = f.change("q:use_commitment")
        s = f.answer(YES)
        add("check_answers", f.consent(True))
        for c in getattr(f.screen().view, "commitments", ()):
            f.confirm_commitment(c.id)
            f.sign(*sample_signature())
        add("check_answers_confirmed", f.screen())
        add("done_item", f.submit())
        add("done_printed", f.print_receipt())
        add("rate", f.rate())
        add("rate_poor", f.submit_rating(2, [], ""))
        add("rated", f.submit_rating(5, ["办理快"]))
        end()

        f.start("service")
        f.on_card(CardRead(card))
        f.open_entry("LOCAL-WJ-0002")
        s = f.apply()
        while s.step is Step.FORM:
            fields = [x.id for x in getattr(s.view, "fields", ()) if not x.read_only]
            s = f.continue_form(sample_values(k.catalog, fields, f.today()))
        add("photo", s)
        f.take_photo()
        f.visit.photos.clear()  # the picture lost: what still blocks submitting, with 修改
        add("check_answers_problems", f.screen())
        end()

        def through_bundle(code: str, first: bool) -> Screen:
            """A bundle from its guide to 核对信息; the first one also leaves its guide,
            checklist and materials pictures."""
            f.start("service")
            f.on_card(CardRead(card))
            s = f.open_entry(code)
            if first:
                add("guide_bundle", s)
            s = f.apply()
            answers = bundle_answers(k.catalog, k.catalog.bundle(code),
                                     {"age": f.current_answers().get("age")})
            for _ in range(50):
                if s.step is Step.QUESTION:
                    q = k.catalog.questions[f.visit.arg]
                    s = f.answer(screen_value(q, answers.get(q.id)))
                elif s.step is Step.CHECKLIST:
                    if first:
                        add("checklist_bundle", s)
                    s = f.apply()
                elif s.step is Step.FORM:
                    fields = [x.id for x in getattr(s.view, "fields", ()) if not x.read_only]
                    s = f.continue_form(sample_values(k.catalog, fields, f.today()))
                elif s.step is Step.PHOTO:
                    s = f.take_photo()
                elif s.step is Step.MATERIALS:
                    if first and "materials_list_bundle" not in {n for n, _ in out}:
                        _sample_materials(f, s, add, "_bundle")
                    s = f.continue_materials()
                else:
                    break
            return f.consent(True)

        through_bundle("LOCAL-YJS-0002", first=True)
        add("done_bundle", f.submit())
        MockPrinter(k.config.mock_dir).set_sheets(0)
        add("print_out_of_paper", f.print_receipt())
        end()
        MockPrinter(k.config.mock_dir).set_sheets(100)
        # 新生儿出生一件事: items filed for the child, named on both screens
        add("check_answers_newborn", through_bundle("LOCAL-YJS-0001", first=False))
        add("done_newborn", f.submit())
        end()

        # 办件查询: by card (one case waiting for 补正), by number, by QR (hook)
        _needs_correction(k)
        f.start("query")
        add("insert_card_query", f.screen())
        s = add("query_result", f.on_card(CardRead(card)))
        rows = getattr(s.view, "rows", ())
        fix = next((r.index for r in rows if r.needs_correction), 0)
        add("correction", f.open_correction(fix))
        end()
        f.start_query_number()
        add("query_number", f.screen())
        add("query_number_error", f.query_number("??"))
        add("query_scan", f.open_scan())
        end()
        f.start("query")
        add("query_empty", f.on_card(CardRead(sample_card(dt.date(1961, 8, 8)))))
        end()

        # Problem states, each from the mapping the live flow uses
        from kiosk.applications import ApplicationInvalid
        from kiosk.forms.schema import FieldProblem

        for name, exc, step in (
                ("problem_application_invalid", ApplicationInvalid((
                    FieldProblem("phone", "「手机号码」手机号码应为11位，现在是7位"),
                    FieldProblem("material:e_photo", "「电子证件照」还没有拍照"))),
                 Step.CHECK_ANSWERS),
                ("problem_disk_full", StoreError("local database commit failed: "
                                                 "database or disk is full"),
                 Step.CHECK_ANSWERS),
                ("problem_store", StoreError("local database unavailable: locked"),
                 Step.CHECK_ANSWERS),
                ("problem_platform", PlatformUnavailable("sample"), Step.QUERY_NUMBER),
                ("problem_catalog", KeyError("LOCAL-XX-9999"), Step.FIND_SERVICE)):
            f.visit.problem = problem_for(exc, step)
            f.visit.step = Step.PROBLEM
            add(name, f.screen())
        end()
        _materials_visit(f, card, add)
        end()
        f.visit.step = Step.MAINTENANCE
        add("maintenance", f.screen())
        end()
    return out


def _materials_visit(f: ResidentFlow, card: IdCard, add: Callable[[str, Screen], Screen]
                     ) -> None:
    """困难残疾人生活补贴申请 up to its materials: 亮证扫码 refused, then accepted; the
    document camera for the bank book; the camera gone (only 容缺 and the counter left)."""
    f.start("service")
    f.on_card(CardRead(card))
    f.open_entry("LOCAL-MZ-0002")
    s = f.apply()
    for _ in range(20):
        if s.step is Step.QUESTION:
            s = f.answer(NO)
        elif s.step is Step.CHECKLIST:
            s = f.apply()
        elif s.step is Step.FORM:
            fields = [x.id for x in getattr(s.view, "fields", ()) if not x.read_only]
            s = f.continue_form(sample_values(f.catalog, fields, f.today()))
        else:
            break
    if s.step is not Step.MATERIALS:
        raise VisitFailed("no materials step for LOCAL-MZ-0002", s)
    add("materials_disability", s)
    add("ecert_scan", f.choose_way("disability_cert", "ecert"))
    add("ecert_scan_refused", f.scan_ecert(["https://example.com/not-a-licence"]))
    add("materials_ecert_attached", f.scan_ecert(
        ["DZZZ1:DISABILITY_CERT:5101232026000123:7F3A9C2E11B04D58"]))
    add("photo_document", f.choose_way("bank_book", "photo"))
    add("materials_camera_missing", f.camera_trouble("没有找到拍照设备"))


def _needs_correction(k: Kiosk) -> None:
    """A submitted case the (sample) platform accepted and then sent back for 补正."""
    import time

    from sync.protocol import CaseStatus as WireCaseStatus

    f = k.flow
    card = sample_card(dt.date(1940, 3, 12))
    scripted_visit(f, "LOCAL-MZ-0001", card)
    f.end("sample")
    for n, item in enumerate(k.store.due_items(time.time() + 10, 10)):
        platform_no = f"420102202600{318 + n}"
        k.store.mark_sent(item, {"platform_no": platform_no})
        k.store.apply_statuses([WireCaseStatus(platform_no=platform_no,
                                               status="needs_correction",
                                               updated_at="2026-12-01T09:00:00Z")])


def screens_by_name(base: Config) -> Mapping[str, Screen]:
    return dict(sample_screens(base))

